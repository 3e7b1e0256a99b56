#!/usr/bin/env python3
"""Writes the sidecar JSON of one snapshot (capture.sh calls it).

argv: BASE PROGRAM HEAPQUERY CTLSTATE STATUS_BEFORE STATUS_AFTER CMD
BASE is the snapshot's path without extension; the files beside it are listed. memstats_from_dump
is an independent parse of the dump's `# Name = value` lines, for tests to compare against.
"""
import datetime
import json
import os
import platform
import re
import sys

base, program, heapq, state, before, after, cmd = sys.argv[1:8]
ctl = json.loads(state)
name = os.path.basename(base)

STATUS_KEYS = ["VmPeak", "VmSize", "VmHWM", "VmRSS", "RssAnon", "RssFile", "RssShmem",
               "VmData", "VmStk", "VmPTE", "VmSwap"]


def status(path):
    out = {}
    with open(path) as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in STATUS_KEYS:
                out[key + "_kB"] = int(value.split()[0])
            elif key == "Threads":
                out["Threads"] = int(value)
    return out


def memstats(path):
    out = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"^# (\w+) = (.*)$", line.rstrip("\n"))
            if not m:
                continue
            key, value = m.groups()
            if key in ("Stack", "MSpan", "MCache"):
                inuse, sys_ = re.match(r"(\d+) / (\d+)", value).groups()
                out[key] = {"inuse": int(inuse), "sys": int(sys_)}
            elif key in ("PauseNs", "PauseEnd"):
                out[key] = [int(v) for v in value.strip("[]").split() if v != "0"]
            elif key == "GCCPUFraction":
                out[key] = float(value)
            elif key in ("DebugGC", "EnableGC"):
                out[key] = value
            else:
                out[key] = int(value)
    return out


pid, _, rest = cmd.partition(" ")
files = {}
for suffix, endpoint in [
    ("heap-debug1.txt", "/debug/pprof/heap?" + heapq),
    ("goroutine-debug1.txt", "/debug/pprof/goroutine?debug=1"),
    ("goroutine-debug2.txt", "/debug/pprof/goroutine?debug=2"),
    ("vars.json", "/debug/vars"),
    ("heap.pb.gz", "/debug/pprof/heap"),
    ("metrics.txt", "/metrics (text 0.0.4)"),
    ("openmetrics.txt", "/metrics (Accept: application/openmetrics-text)"),
]:
    if os.path.exists(base + "." + suffix):
        files[endpoint] = name + "." + suffix

env = {k: v for k, v in (w.split("=", 1) for w in rest.split() if "=" in w and not w.startswith("-"))}
args = [w for w in rest.split() if "=" not in w or w.startswith("-")]
sidecar = {
    "go_version": os.environ["GOVERSION"],
    "program": program,
    "args": args,
    "env": env,
    "phase": ctl["phase"],
    "pid": ctl["pid"],
    "ms_since_start": ctl["ms_since_start"],
    "captured_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "files": files,
    "proc_status_before_capture": status(before),
    "proc_status_after_capture": status(after),
    "host": {
        "kernel": platform.release(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "transparent_hugepage": open("/sys/kernel/mm/transparent_hugepage/enabled").read().strip(),
    },
    "memstats_source": name + ".heap-debug1.txt",
    "memstats_from_dump": memstats(base + ".heap-debug1.txt"),
}
print(json.dumps(sidecar, indent=1))
