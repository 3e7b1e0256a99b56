/**
 * The typed model of a goroutine traceback dump (`goroutine?debug=2`). Goroutines whose header
 * state, labels, frames and creator are the same are folded into one `GoroutineStack` (with their
 * ids and the longest wait), which keeps memory bounded by the number of distinct stacks rather
 * than by the size of the dump (the runtime writes up to 64 MiB). Argument values are not kept:
 * they differ between goroutines of the same stack and say nothing about where memory went.
 */
import type { Labels } from '../common/labels.js';
import type { Position } from '../common/positions.js';

export type { Labels } from '../common/labels.js';

/** A function line and the `\tfile:line +0x…` line under it. Interned: one object per distinct frame. */
export interface TraceFrame {
  /** As printed, without the argument list: `main.waitForReply`, `net/http.(*conn).serve`, `main.G[...]`. */
  function: string;
  /** Undefined when the function line has no file line under it (a cut dump). */
  file: string | undefined;
  line: number | undefined;
  /** The PC offset in the function (`+0x3c` → `0x3c`); absent for inlined frames. */
  offset: string | undefined;
  /** The arguments were printed as `(...)`: the call was inlined into the frame below. */
  inlined: boolean;
  /** The function line of the first goroutine with this frame. */
  position: Position;
}

/** `created by main.main in goroutine 1` and its file line. */
export interface CreatedBy {
  function: string;
  /**
   * The creating goroutine (go1.21+) of the first goroutine of the stack (goroutines created by the
   * same `go` statement from different goroutines fold into one stack); undefined in older dumps,
   * which do not print it.
   */
  goroutine: number | undefined;
  file: string | undefined;
  line: number | undefined;
  offset: string | undefined;
}

/** `...302 frames elided...` (go1.21+) or `...additional frames elided...` (older Go, at the end of a 100-frame stack). */
export interface Elision {
  /** How many frames the runtime left out; undefined for `...additional frames elided...`. */
  frames: number | undefined;
  /** Where in `frames` the elided ones were: between `frames[index - 1]` and `frames[index]`. */
  index: number;
}

export interface GoroutineStack {
  /**
   * The status or wait reason in the header bracket, as printed, without the runtime's trailing
   * flags (` (scan)`…, which move to `flags`): `chan receive`, `select`, `sync.Mutex.Lock`,
   * `semacquire` (≤1.19), `IO wait`, `running`, `runnable`, `syscall`, `sleep`… Empty when the
   * header was cut before its bracket.
   */
  state: string;
  /** Other parts of the bracket, as printed: `scan`, `leaked`, `durable`, `synctest bubble 5`… */
  flags: string[];
  /** Go 1.27 prints the goroutine's pprof labels in the header (GODEBUG=tracebacklabels). */
  labels: Labels | undefined;
  /** Innermost first; the runtime hides its own frames at the top (unless GOTRACEBACK=system). */
  frames: TraceFrame[];
  elided: Elision | undefined;
  createdBy: CreatedBy | undefined;
  /** `goroutine running on other thread; stack unavailable` (crash dumps). */
  stackUnavailable: boolean;
  /** Goroutines folded into this stack, and their ids in input order. */
  count: number;
  ids: number[];
  /** The longest `, N minutes` among them (blocked ≥ 1 minute); undefined when none printed one. */
  waitMinutes: number | undefined;
  /**
   * Each one's `, N minutes`, beside `ids` (0: none printed, under a minute); undefined when none
   * of them printed one. A group's waits are each goroutine's, not its longest times its count.
   */
  minutes: number[] | undefined;
  /** How many of them were `locked to thread` (runtime.LockOSThread, or cgo callbacks). */
  lockedToThread: number;
  /** The dump ends inside this (last) goroutine's record: its stack is incomplete. Never folded with complete ones. */
  truncated: boolean;
  /** The header of the first goroutine with this stack. */
  position: Position;
}

/** What a crash's preamble says (`panic: …`, `fatal error: …`, `SIGQUIT: quit`): the dump is a crash's output. */
export interface Crash {
  kind: 'panic' | 'fatal error' | 'signal';
  /**
   * What crashed, as printed after `panic: ` / `fatal error: ` (`SIGQUIT: quit` whole); ` [recovered]`
   * left out. For a panic raised while panicking (`\tpanic: …` under it), the last: the one the runtime died of.
   */
  message: string;
  /** The panics printed above `message` (raised before it, first first), for a panic raised while panicking. */
  earlier?: string[];
  /** `[signal SIGSEGV: segmentation violation …]` under a runtime error's panic, or the `SIGQUIT` of a signal crash. */
  signal: string | undefined;
  /** The line of `message`'s preamble line. */
  line: number;
  /** The dump ends in the crashing thread's registers (a signal, GOTRACEBACK=crash). */
  registers: boolean;
  /**
   * The process ran out of memory (`fatal error: out of memory`, `fatal error: runtime: out of
   * memory`): the runtime could not get more memory from the OS. The numbers are the line above it,
   * when printed (runtime/mheap.go's grow): `runtime: out of memory: cannot allocate 4194304-byte
   * block (335216640 in use)` — the block asked of the OS, and the heap's memory already obtained
   * (heapInUse + heapFree + heapReleased: HeapSys).
   */
  outOfMemory?: { requestBytes: number | undefined; heapSysBytes: number | undefined };
}

export interface TracebackDump {
  /** Set when the dump is a crash's output rather than goroutine?debug=2. */
  crash: Crash | undefined;
  /** Goroutine headers read (`goroutine N [`), a truncated last one included; `goroutine 0` not counted. */
  goroutineCount: number;
  /**
   * `goroutine 0 [idle]:` records: the system (g0) stacks of the process's threads, which a crash
   * prints under GOTRACEBACK=crash (one a thread, each after a `-----` line). Not goroutines: skipped.
   */
  threadStacks: number;
  stacks: GoroutineStack[];
  /** True when the dump ends inside a goroutine's record (the runtime cuts debug=2 output at 64 MiB). */
  truncated: boolean;
  /** Lines in the input (the last one counted even without a final newline). */
  lineCount: number;
  /** UTF-8 bytes read. */
  byteCount: number;
}

/** `runtime/pprof.writeGoroutineStacks` gives up and writes what it has at 64 MiB. */
export const TRACEBACK_LIMIT_BYTES = 64 << 20;
