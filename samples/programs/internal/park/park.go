// Package park is the control surface every sample program shares: it serves
// net/http/pprof and expvar on a loopback address and lets capture.sh stop
// the program at named phases, take its snapshots, and release it.
package park

import (
	"encoding/json"
	"expvar"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof" // the endpoints being captured
	"os"
	"sync"
	"time"
)

var (
	addr     = flag.String("addr", "127.0.0.1:0", "loopback address to serve pprof, expvar and /ctl on")
	addrFile = flag.String("addrfile", "", "write the address actually listened on to this file")

	start   = time.Now()
	mu      sync.Mutex
	current string // phase the program is parked in; "" while it runs
	release chan struct{}

	phaseVar = expvar.NewString("phase")
)

// Serve parses flags, refuses any address that is not loopback, and starts
// the HTTP server in the background.
func Serve() {
	flag.Parse()
	host, _, err := net.SplitHostPort(*addr)
	if err != nil || !net.ParseIP(host).IsLoopback() {
		log.Fatalf("park: -addr %q must be a loopback address (127.0.0.1:port)", *addr)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("park: %v", err)
	}
	if *addrFile != "" {
		if err := os.WriteFile(*addrFile, []byte(ln.Addr().String()+"\n"), 0o644); err != nil {
			log.Fatalf("park: %v", err)
		}
	}
	http.HandleFunc("/ctl/phase", func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"phase":          current,
			"parked":         current != "",
			"pid":            os.Getpid(),
			"ms_since_start": time.Since(start).Milliseconds(),
		})
	})
	http.HandleFunc("/ctl/next", func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if current == "" {
			http.Error(w, "not parked", http.StatusConflict)
			return
		}
		fmt.Fprintf(w, "released %s\n", current)
		current = ""
		close(release)
	})
	go func() { log.Fatal(http.Serve(ln, nil)) }()
}

// Phase parks the calling goroutine in the named phase until /ctl/next.
func Phase(name string) {
	mu.Lock()
	current = name
	release = make(chan struct{})
	ch := release
	phaseVar.Set(name)
	mu.Unlock()
	<-ch
	phaseVar.Set("")
}
