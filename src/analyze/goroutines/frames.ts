/**
 * Which frame of a goroutine's stack names it. A goroutine is named by its top non-runtime frame:
 * the first frame, from the innermost, that is not the Go runtime's machinery for waiting. The wait
 * itself is already in the header (`[chan receive]`), so `runtime.gopark`, `runtime.chanrecv1`,
 * `runtime.selectgo`, `sync.runtime_SemacquireMutex` or `internal/poll.runtime_pollWait` would say
 * nothing more; the frame under them is the code that waits.
 */

/** The parts of a frame this module reads (both grammars' frames have them). */
export interface FrameLike {
  /** Undefined for a PC the runtime could not symbolize (debug=1 `#\t0x…` lines). */
  function: string | undefined;
  file?: string | undefined;
  address?: string | undefined;
}

/** `runtime.*`, `internal/runtime/*` (go1.24+), `runtime/internal/*` (older): the runtime itself. */
export function isRuntimeFunction(fn: string): boolean {
  return fn.startsWith('runtime.') || fn.startsWith('internal/runtime/') || fn.startsWith('runtime/internal/');
}

/** A file directly in GOROOT's `src/runtime/`: functions linknamed into other packages live there (time.Sleep, os/signal.signal_recv…). */
const RUNTIME_FILE = /\/src\/runtime\/[^/]+$/;
/** `pkg.runtime_Name`: the linkname convention for runtime-implemented functions (sync.runtime_SemacquireMutex…). */
const LINKNAME_STUB = /^[\w./-]*\.runtime_\w+$/;

/**
 * True for a frame that is waiting machinery rather than the program's code:
 * - the runtime (`runtime.*`, `internal/runtime/*`, `runtime/internal/*`);
 * - functions the runtime implements for other packages: linknamed `pkg.runtime_*` stubs and
 *   anything whose file is in GOROOT's `src/runtime/` (`time.Sleep`, `os/signal.signal_recv`,
 *   `runtime/pprof.runtime_goroutineProfileWithLabels`);
 * - the standard library's internal packages (`internal/poll`, `internal/sync`: the netpoller and
 *   the mutex internals since go1.24);
 * - package `sync`'s blocking primitives (`sync.(*Mutex).Lock`, `sync.(*WaitGroup).Wait`, `sync.(*Cond).Wait`):
 *   the header's state says which one (`sync.Mutex.Lock`, `semacquire` before go1.20).
 */
export function isWaitMachinery(frame: FrameLike): boolean {
  const fn = frame.function;
  if (fn === undefined) return false;
  if (isRuntimeFunction(fn) || fn.startsWith('internal/') || fn.startsWith('sync.')) return true;
  if (frame.file !== undefined && RUNTIME_FILE.test(frame.file)) return true;
  return LINKNAME_STUB.test(fn);
}

/** What a stack is named by. */
export interface TopFrame {
  /** Index of the naming frame in the stack. */
  index: number;
  function: string;
  /** The machinery frame right above it, when it says how the goroutine waits (`sync.(*Mutex).Lock`, `time.Sleep`). */
  blockedIn: string | undefined;
  /** Every frame is machinery: the stack is named by its outermost frame (the goroutine's start function). */
  allMachinery: boolean;
}

/** The name of a frame: its function, or `?` and its address for a PC the runtime could not symbolize. */
export function frameName(frame: FrameLike): string {
  return frame.function ?? (frame.address !== undefined ? `? ${frame.address}` : '?');
}

/** The top non-runtime frame of a stack (innermost first); undefined for a stack without frames. */
export function topFrame(frames: readonly FrameLike[]): TopFrame | undefined {
  for (let i = 0; i < frames.length; i++) {
    const frame = frames[i];
    if (!frame || isWaitMachinery(frame)) continue;
    let blockedIn: string | undefined;
    for (let j = i - 1; j >= 0; j--) {
      const above = frames[j]?.function;
      // Exported runtime functions (runtime.Gosched, runtime.GC) and other packages' ones say how; runtime internals do not.
      if (above !== undefined && !/^(?:runtime\.[a-z(]|internal\/runtime\/|runtime\/internal\/)/.test(above)) {
        blockedIn = above;
        break;
      }
    }
    return { index: i, function: frameName(frame), blockedIn, allMachinery: false };
  }
  // Only machinery: name the goroutine by where it starts. That is never runtime.goexit, nor the
  // `F.gowrapN` wrapper go1.22+ compiles a `go f(x)` statement into (it calls the real start, F's callee).
  let fallback: number | undefined;
  for (let i = frames.length - 1; i >= 0; i--) {
    const fn = frames[i]?.function;
    if (fn === 'runtime.goexit') continue;
    fallback ??= i;
    if (fn === undefined || !/\.gowrap\d+$/.test(fn)) {
      fallback = i;
      break;
    }
  }
  const frame = fallback !== undefined ? frames[fallback] : undefined;
  return frame && fallback !== undefined ? { index: fallback, function: frameName(frame), blockedIn: undefined, allMachinery: true } : undefined;
}
