// goroutine-leak: every phase starts 400 more goroutines that wait for a reply
// nobody ever sends (main.waitForReply). The heap stays flat; the goroutines and
// their stacks (StackInuse) grow: a leak.
package main

import (
	"fmt"
	"time"

	"heapdoc-samples/internal/park"
)

var replies = make(chan []byte) // nobody ever sends on it

var served int

//go:noinline
func waitForReply(id int) {
	var frame [2048]byte // a real handler's frame: the stack grows past 2 KiB
	frame[id%len(frame)] = byte(id)
	reply := <-replies
	served += len(reply) + int(frame[0])
}

func handle(id int) {
	waitForReply(id)
}

func main() {
	park.Serve()
	id := 0
	for phase := 1; phase <= 6; phase++ {
		for i := 0; i < 400; i++ {
			go handle(id)
			id++
		}
		time.Sleep(300 * time.Millisecond)
		park.Phase(fmt.Sprintf("t%d", phase))
	}
}
