module heapdoc-samples

go 1.19
