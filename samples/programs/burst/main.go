// burst: the seed article's program (routine3). 10,000 goroutines each need a
// 10,000-byte array (on their stacks: it does not escape), sleep 1 s and finish.
// Memory peaks while they live, then the process idles: not a leak. -hold sets how long
// they sleep (the article: 1 s; capture.sh: 5 s, so the peak snapshot sees them all).
package main

import (
	"flag"
	"log"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"heapdoc-samples/internal/park"
)

var wghoge sync.WaitGroup

var hold = flag.Duration("hold", time.Second, "how long each goroutine sleeps")

func routine3() {
	_ = make([]byte, 10000)
	time.Sleep(*hold)
	wghoge.Done()
}

func main() {
	park.Serve()
	park.Phase("baseline")
	for i := 0; i < 10000; i++ {
		wghoge.Add(1)
		go routine3()
	}
	log.Println("num goroutine: ", runtime.NumGoroutine())
	// Park while all of them are alive.
	time.Sleep(200 * time.Millisecond)
	runtime.GC() // so the heap profile shows this moment
	park.Phase("peak")
	wghoge.Wait()
	log.Println("num goroutine: ", runtime.NumGoroutine())
	park.Phase("after-wait")
	runtime.GC()
	park.Phase("after-gc")
	debug.FreeOSMemory()
	park.Phase("after-free")
	time.Sleep(5 * time.Second)
	park.Phase("idle")
}
