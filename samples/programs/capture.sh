#!/usr/bin/env bash
# Rebuilds every capture under test/fixtures/scenarios/ from the programs in this folder.
# Needs go (1.19+), curl and python3; CI never runs it (the captures are committed).
#   samples/programs/capture.sh                 # every scenario
#   samples/programs/capture.sh burst heap-leak # some of them
# Each program serves net/http/pprof and expvar on 127.0.0.1 (a free port) and parks in named
# phases (internal/park). While it is parked this script reads /proc/PID/status, fetches the
# endpoints with curl, reads /proc/PID/status again, writes the sidecar JSON, and releases the
# program with GET /ctl/next. When Debian's Prometheus client is installed
# (apt-get install golang-github-prometheus-client-golang-dev) the programs are built with it
# (-tags prom) and /metrics is fetched too, as text 0.0.4 and as OpenMetrics; PROM=0 skips it.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${OUT:-$ROOT/test/fixtures/scenarios}
WORK=$(mktemp -d)
trap 'for p in $(jobs -p); do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT
PROM=${PROM:-$([ -d /usr/share/gocode/src/github.com/prometheus/client_golang ] && echo 1 || echo 0)}

build() {
  if [ "$PROM" = 1 ]; then
    # Debian's client_golang is GOPATH-only: build in GOPATH mode with the module linked in.
    # A fixed GOPATH, so the source paths in the dumps are the same from one capture run to the next.
    local gopath=/tmp/heapdoc-samples-gopath
    mkdir -p "$gopath/src"
    ln -sfn "$HERE" "$gopath/src/heapdoc-samples"
    (cd "$gopath/src/heapdoc-samples" &&
      for p in */main.go; do
        GO111MODULE=off GOPATH="$gopath:/usr/share/gocode" \
          go build -tags prom -o "$WORK/bin/$(dirname "$p")" "./$(dirname "$p")"
      done)
  else
    (cd "$HERE" && go build -o "$WORK/bin/" ./...)
  fi
}

# start NAME DIR LOG [VAR=value ...] [-- program args]: runs program NAME in the background;
# sets PID and URL.
start() {
  local name=$1 dir=$2 log=$3; shift 3
  local envs=() args=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
  [ "${1:-}" = -- ] && { shift; args=("$@"); }
  rm -f "$WORK/$name.addr"
  env "${envs[@]}" "$WORK/bin/$name" -addrfile "$WORK/$name.addr" "${args[@]}" 2>"$dir/$log" &
  PID=$!
  for _ in $(seq 100); do [ -s "$WORK/$name.addr" ] && break; sleep 0.1; done
  URL="http://$(cat "$WORK/$name.addr")"
  echo "$PID ${envs[*]} ${args[*]}" >"$WORK/$PID.cmd"
}

# parked_phase URL: waits until the program is parked and prints the phase; fails when it has exited.
parked_phase() {
  local state
  for _ in $(seq 1200); do
    state=$(curl -sf "$1/ctl/phase" || true)
    [ -z "$state" ] && return 1
    if [[ $state == *'"parked":true'* ]]; then
      echo "$state"
      return 0
    fi
    sleep 0.1
  done
  return 1
}

# capture DIR NN PROGRAM PID URL OPTS: one snapshot of the parked program.
# OPTS: gc (heap?debug=1&gc=1: the profile follows a GC), g2 (also goroutine?debug=2).
capture() {
  local dir=$1 nn=$2 program=$3 pid=$4 url=$5 opts=$6
  local state phase base heapq=debug=1
  state=$(parked_phase "$url") || return 1
  phase=$(sed 's/.*"phase":"\([^"]*\)".*/\1/' <<<"$state")
  base="$dir/$nn-$phase"
  [[ $opts == *gc* ]] && heapq="debug=1&gc=1"
  cp "/proc/$pid/status" "$WORK/before"
  curl -sf "$url/debug/pprof/heap?$heapq" -o "$base.heap-debug1.txt"
  curl -sf "$url/debug/pprof/goroutine?debug=1" -o "$base.goroutine-debug1.txt"
  [[ $opts == *g2* ]] && curl -sf "$url/debug/pprof/goroutine?debug=2" -o "$base.goroutine-debug2.txt"
  curl -sf "$url/debug/vars" -o "$base.vars.json"
  curl -sf "$url/debug/pprof/heap" -o "$base.heap.pb.gz"
  if [ "$PROM" = 1 ]; then
    curl -sf "$url/metrics" -o "$base.metrics.txt"
    curl -sf -H 'Accept: application/openmetrics-text' "$url/metrics" -o "$base.openmetrics.txt"
  fi
  cp "/proc/$pid/status" "$WORK/after"
  GOVERSION=$GOVERSION python3 "$HERE/sidecar.py" "$base" "$program" "$heapq" "$state" "$WORK/before" "$WORK/after" \
    "$(cat "$WORK/$pid.cmd")" >"$base.json"
  curl -sf "$url/ctl/next" >/dev/null
  echo "  $(basename "$base")"
}

# series SCENARIO PROGRAM LOG OPTS [VAR=value ...] [-- args]: one process, every phase in order.
series() {
  local scenario=$1 program=$2 log=$3 opts=$4; shift 4
  local dir="$OUT/$scenario" nn=1
  rm -rf "$dir"; mkdir -p "$dir"
  echo "$scenario ($program)"
  start "$program" "$dir" "$log" "$@"
  while capture "$dir" "$(printf %02d $nn)" "$program" "$PID" "$URL" "$opts"; do nn=$((nn + 1)); done
  wait "$PID"
}

# mixed: a heap-leak process and a churn process, captured alternately into one folder. Both
# programs' cumulative counters rise, so read in file order they look like one process's series.
mixed() {
  local dir="$OUT/mixed" nn=1 a b ua ub
  rm -rf "$dir"; mkdir -p "$dir"
  echo "mixed (heap-leak + churn)"
  # GOGC=off: both processes collect only at the ?gc=1 of each capture, so NumGC, NumForcedGC,
  # Mallocs, Frees and TotalAlloc all interleave (churn's warm-up puts it half a phase ahead).
  start heap-leak "$dir" heap-leak.stderr.log GOGC=off; a=$PID ua=$URL
  start churn "$dir" churn.stderr.log GOGC=off -- -live-mib 4 -churn-mib 135 -warm-mib 64 -phases 6
  b=$PID ub=$URL
  while :; do
    capture "$dir" "$(printf %02d $nn)" heap-leak "$a" "$ua" gc || break; nn=$((nn + 1))
    capture "$dir" "$(printf %02d $nn)" churn "$b" "$ub" gc || break; nn=$((nn + 1))
  done
  kill "$a" "$b" 2>/dev/null || true
  wait "$a" "$b" 2>/dev/null || true
}

run() {
  case $1 in
    burst) series burst burst gctrace.log - GODEBUG=gctrace=1,scavtrace=1 -- -hold 5s ;;
    heap-leak) series heap-leak heap-leak gctrace.log gc,g2 GODEBUG=gctrace=1 ;;
    goroutine-leak) series goroutine-leak goroutine-leak stderr.log gc,g2 ;;
    churn) series churn churn gctrace.log gc,g2 GODEBUG=gctrace=1 ;;
    memlimit) series memlimit churn stderr.log g2 GOMEMLIMIT=20MiB -- -live-mib 8 -for 3s -phases 6 ;;
    offheap) series offheap offheap stderr.log gc,g2 ;;
    rare-gc) series rare-gc rare-gc stderr.log g2 ;;
    mixed) mixed ;;
    *) echo "unknown scenario: $1" >&2; exit 2 ;;
  esac
}

GOVERSION=$(go env GOVERSION)
build
if [ $# -eq 0 ]; then set -- burst heap-leak goroutine-leak churn memlimit offheap rare-gc mixed; fi
for s in "$@"; do run "$s"; done
