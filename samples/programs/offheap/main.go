// offheap: memory the Go runtime does not know about. main.mapRegion maps anonymous memory
// with syscall.Mmap (as cgo libraries, mmap-backed caches and some databases do) and touches
// every page, so it is resident: VmRSS grows far beyond what MemStats accounts for while the
// Go heap stays small. Not a Go heap leak; the gap is outside Go.
package main

import (
	"log"
	"os"
	"syscall"

	"heapdoc-samples/internal/park"
)

var regions [][]byte

func mapRegion(mib int) {
	b, err := syscall.Mmap(-1, 0, mib<<20, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		log.Fatal(err)
	}
	for i := 0; i < len(b); i += os.Getpagesize() {
		b[i] = 1
	}
	regions = append(regions, b)
}

// Some ordinary Go heap beside it.
var table = make([][]byte, 0, 256)

func main() {
	park.Serve()
	for i := 0; i < 256; i++ {
		table = append(table, make([]byte, 16<<10))
	}
	park.Phase("baseline")
	mapRegion(256)
	park.Phase("mapped-256MiB")
	mapRegion(256)
	park.Phase("mapped-512MiB")
	for _, r := range regions {
		if err := syscall.Munmap(r); err != nil {
			log.Fatal(err)
		}
	}
	regions = nil
	park.Phase("unmapped")
}
