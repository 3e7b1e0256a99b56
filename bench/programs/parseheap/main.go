// parseheap: a real Go program's heap?debug=1 profile, for `npm run bench` (bench/inputs.ts,
// writeRealGoHeap). It parses the Go sources of the standard library packages named on its
// command line (go/parser, comments included) with every allocation sampled
// (MemProfileRate = 1), keeps the syntax trees, and prints its heap profile as
// /debug/pprof/heap?debug=1 does. The recursive-descent parser allocates from many call paths,
// so the profile holds tens of thousands of distinct stacks over the frames of one real binary.
package main

import (
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
)

var kept []any

func main() {
	runtime.MemProfileRate = 1
	files := token.NewFileSet()
	for _, pkg := range os.Args[1:] {
		err := filepath.Walk(filepath.Join(runtime.GOROOT(), "src", pkg), func(path string, info os.FileInfo, err error) error {
			if err != nil || !strings.HasSuffix(path, ".go") {
				return err
			}
			if f, err := parser.ParseFile(files, path, nil, parser.ParseComments); err == nil {
				kept = append(kept, f)
			}
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "parseheap:", err)
			os.Exit(1)
		}
	}
	runtime.GC() // the in-use figures of the profile are those of the last GC
	if err := pprof.Lookup("heap").WriteTo(os.Stdout, 1); err != nil {
		fmt.Fprintln(os.Stderr, "parseheap:", err)
		os.Exit(1)
	}
	runtime.KeepAlive(kept)
}
