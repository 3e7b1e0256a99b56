// rare-gc: a large heap where GCs are rare. main.loadIndex builds ~300 MiB that stays live;
// then each phase main.cacheResult keeps 200 MiB more. With the default GOGC=100 the next GC
// is due only when the heap doubles, so consecutive snapshots taken without ?gc=1 often
// share a GC cycle (same NumGC): four snapshots, two GC cycles. The heap profile describes
// the last GC, so it shows the growth only across a GC. A leak, but too few GC cycles to say so.
package main

import (
	"fmt"

	"heapdoc-samples/internal/park"
)

var (
	index   [][]byte
	results [][]byte
)

func block() []byte {
	b := make([]byte, 1<<20)
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
	return b
}

func loadIndex(mib int) {
	for i := 0; i < mib; i++ {
		index = append(index, block())
	}
}

func cacheResult(mib int) {
	for i := 0; i < mib; i++ {
		results = append(results, block())
	}
}

func main() {
	park.Serve()
	loadIndex(300)
	park.Phase("t1")
	for phase := 2; phase <= 4; phase++ {
		cacheResult(200)
		park.Phase(fmt.Sprintf("t%d", phase))
	}
}
