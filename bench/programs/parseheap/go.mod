module parseheap

go 1.19
