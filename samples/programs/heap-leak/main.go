// heap-leak: a global map that is never pruned. Each phase remembers 256 more
// 16 KiB values (4 MiB) through main.remember, with some short-lived garbage
// alongside, so the live heap after every GC grows by ~4 MiB a phase: a leak.
package main

import (
	"fmt"
	"time"

	"heapdoc-samples/internal/park"
)

var cache = map[string][]byte{}

var sink []byte

func remember(key string) {
	v := make([]byte, 16<<10)
	for i := range v {
		v[i] = byte(i)
	}
	cache[key] = v
}

// scratch is short-lived work the program does anyway.
func scratch() {
	for i := 0; i < 64; i++ {
		sink = make([]byte, 8<<10)
	}
}

func main() {
	park.Serve()
	n := 0
	for phase := 1; phase <= 6; phase++ {
		for i := 0; i < 256; i++ {
			remember(fmt.Sprintf("request-%06d", n))
			scratch()
			n++
			time.Sleep(2 * time.Millisecond)
		}
		park.Phase(fmt.Sprintf("t%d", phase))
	}
}
