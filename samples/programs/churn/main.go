// churn: lots of allocation around a steady working set. A fixed number of 64 KiB buffers
// stays live (main.newBuffer replaces them at random), and every replacement comes with
// short-lived 4 KiB scratch buffers (main.handleRequest). The live heap after each GC stays
// the same while TotalAlloc climbs: not a leak. The memlimit scenario runs this program
// with GOMEMLIMIT just above the working set.
package main

import (
	"flag"
	"fmt"
	"math/rand"
	"time"

	"heapdoc-samples/internal/park"
)

var (
	liveMiB  = flag.Int("live-mib", 16, "working set kept live, MiB")
	churnMiB = flag.Int("churn-mib", 256, "MiB allocated per phase")
	seconds  = flag.Duration("for", 0, "churn for this long per phase instead of -churn-mib")
	phases   = flag.Int("phases", 5, "number of phases")
	warmMiB  = flag.Int("warm-mib", 0, "MiB allocated before the first phase")
)

var (
	live [][]byte
	sink []byte
)

func newBuffer() []byte {
	b := make([]byte, 64<<10)
	b[0] = 1
	return b
}

func handleRequest() {
	for j := 0; j < 16; j++ {
		sink = make([]byte, 4<<10)
	}
}

// step replaces one live buffer and handles one request: 128 KiB allocated.
func step() {
	live[rand.Intn(len(live))] = newBuffer()
	handleRequest()
}

func main() {
	park.Serve()
	live = make([][]byte, *liveMiB*16)
	for i := range live {
		live[i] = newBuffer()
	}
	for i := 0; i < *warmMiB*8; i++ {
		step()
	}
	for phase := 1; phase <= *phases; phase++ {
		if *seconds > 0 {
			for deadline := time.Now().Add(*seconds); time.Now().Before(deadline); {
				for i := 0; i < 64; i++ {
					step()
				}
			}
		} else {
			for i := 0; i < *churnMiB*8; i++ {
				step()
			}
		}
		park.Phase(fmt.Sprintf("t%d", phase))
	}
}
