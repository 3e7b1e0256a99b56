/**
 * Which frame of a goroutine's stack names it. A goroutine is named by its top non-runtime frame:
 * the first frame, from the innermost, that is not the Go runtime's machinery for waiting; when
 * that frame is the standard library's (`net.(*netFD).Read`, `syscall.Syscall`), by the first frame
 * out from it that is the program's code or a goroutine the standard library starts
 * (`net/http.(*conn).serve`), the standard library's frame becoming `blockedIn`. The wait
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

/** The standard library's top-level packages (Go 1.19 … 1.26): a frame whose import path starts with one is not the program's code. */
const STD_ROOTS = new Set([
  'archive', 'bufio', 'bytes', 'cmp', 'compress', 'container', 'context', 'crypto', 'database', 'debug', 'embed', 'encoding',
  'errors', 'expvar', 'flag', 'fmt', 'go', 'hash', 'html', 'image', 'index', 'internal', 'io', 'iter', 'log', 'maps', 'math',
  'mime', 'net', 'os', 'path', 'plugin', 'reflect', 'regexp', 'runtime', 'slices', 'sort', 'strconv', 'strings', 'structs', 'sync',
  'syscall', 'testing', 'text', 'time', 'unicode', 'unique', 'unsafe', 'vendor', 'weak',
]);

/** `net/http.(*conn).serve` → true; `main.f`, `example.com/app.f` → false. */
export function isStandardLibrary(fn: string): boolean {
  // Asked of every frame of every stack (a site's caller, goroutine groups): a profile's function
  // names are few and interned, so the answer is kept by name, up to a bound for hostile input.
  let known = STANDARD_BY_NAME.get(fn);
  if (known === undefined) {
    const end = fn.search(/[./]/);
    known = end > 0 && STD_ROOTS.has(fn.slice(0, end));
    if (STANDARD_BY_NAME.size < MAX_NAMES_KEPT) STANDARD_BY_NAME.set(fn, known);
  }
  return known;
}

const STANDARD_BY_NAME = new Map<string, boolean>();
const MAX_NAMES_KEPT = 1 << 16;

/**
 * net/http's client, whose callers in the program make the requests: a Client's methods, the
 * package's Get, Head, Post and PostForm (DefaultClient's), NewRequest, and the Transport and its
 * connections (a site of theirs whose stack runs into the program's frame was reached from a
 * request it made: the captured go1.19-audit39-bodyleak's (*Transport).getConn ← main.main
 * (main.go:26), its `client.Get`).
 */
const CLIENT_FUNCTION = /^net\/http\.(?:\(\*(?:Client|Transport|persistConn)\)\.|(?:Get|Head|Post|PostForm|NewRequest|NewRequestWithContext|send|setRequestCancel)$)/;

/** Whether `fn` is net/http's client's (CLIENT_FUNCTION): a site of it is allocated for a request its caller in the program made. */
export function isHttpClientFunction(fn: string): boolean {
  // Asked of every frame function a heap profile's summary meets (profile.ts functionFacts): most are not net/http's.
  return fn.startsWith('net/http.') && CLIENT_FUNCTION.test(fn);
}

/**
 * Goroutines the standard library starts, named by their start function rather than by the I/O
 * call they wait in: an idle client connection's `readLoop` and a server connection's `serve` both
 * wait in `net.(*netFD).Read`, and are different leaks with different fixes.
 */
const STD_ENTRY_POINTS = new Set([
  'net/http.(*persistConn).readLoop',
  'net/http.(*persistConn).writeLoop',
  'net/http.(*conn).serve',
  'net/http.(*Server).Serve',
  'net/http.(*connReader).backgroundRead',
  'net/http.(*http2serverConn).serve',
  'net/http.(*http2ClientConn).readLoop',
]);

/** What a stack is named by. */
export interface TopFrame {
  /** Index of the naming frame in the stack. */
  index: number;
  function: string;
  /** The machinery frame right above it, when it says how the goroutine waits (`sync.(*Mutex).Lock`, `time.Sleep`). */
  blockedIn: string | undefined;
  /** Every frame is machinery: the stack is named by its outermost frame (the goroutine's start function). */
  allMachinery: boolean;
  /**
   * Index of the innermost frame that is not machinery: where the goroutine waits (`index` itself,
   * or a standard-library frame under it: `net/http.(*persistConn).roundTrip` under `main.fetch`).
   */
  innermost: number;
}

/** The name of a frame: its function, or `?` and its address for a PC the runtime could not symbolize. */
export function frameName(frame: FrameLike): string {
  return frame.function ?? (frame.address !== undefined ? `? ${frame.address}` : '?');
}

/**
 * Where a stack whose first non-machinery frame `first` is in the standard library is named: the
 * first frame out from it that is the program's code (`main.rawRead` under `syscall.Read`) or a
 * goroutine the standard library starts (`net/http.(*persistConn).readLoop` under
 * `net.(*netFD).Read`); `first` itself when neither is found.
 */
function namingFrame(frames: readonly FrameLike[], first: number): number {
  const fn = frames[first]?.function;
  // runtime/pprof (the dump writer) and testing name their goroutines themselves (benign.ts).
  if (fn === undefined || !isStandardLibrary(fn) || STD_ENTRY_POINTS.has(fn) || fn.startsWith('runtime/') || fn.startsWith('testing.')) return first;
  for (let j = first + 1; j < frames.length; j++) {
    const outer = frames[j]?.function;
    if (outer === undefined) return first;
    if (STD_ENTRY_POINTS.has(outer) || (!isStandardLibrary(outer) && !isWaitMachinery(frames[j] ?? { function: outer }))) return j;
  }
  return first;
}

/** The top non-runtime frame of a stack (innermost first); undefined for a stack without frames. */
export function topFrame(frames: readonly FrameLike[]): TopFrame | undefined {
  for (let first = 0; first < frames.length; first++) {
    const candidate = frames[first];
    if (!candidate || isWaitMachinery(candidate)) continue;
    const i = namingFrame(frames, first);
    const frame = frames[i] ?? candidate;
    // A start function of the standard library is blocked where its wait began (`net.(*netFD).Read`).
    if (i !== first && STD_ENTRY_POINTS.has(frame.function ?? '')) {
      return { index: i, function: frameName(frame), blockedIn: frameName(candidate), allMachinery: false, innermost: first };
    }
    let blockedIn: string | undefined;
    for (let j = i - 1; j >= 0; j--) {
      const above = frames[j]?.function;
      // Exported runtime functions (runtime.Gosched, runtime.GC) and other packages' ones say how; runtime internals do not.
      if (above !== undefined && !/^(?:runtime\.[a-z(]|internal\/runtime\/|runtime\/internal\/)/.test(above)) {
        blockedIn = above;
        break;
      }
    }
    return { index: i, function: frameName(frame), blockedIn, allMachinery: false, innermost: first };
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
  return frame && fallback !== undefined ? { index: fallback, function: frameName(frame), blockedIn: undefined, allMachinery: true, innermost: fallback } : undefined;
}
