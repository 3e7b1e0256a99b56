/**
 * Goroutines a Go program has without having started them: the runtime's, the testing
 * framework's, os/signal's, and the one that writes the dump. They are flagged `benign` so that a
 * report can set them aside; the flag says what a goroutine is, not that its count cannot grow.
 *
 * Deliberately NOT benign:
 * - `net/http.(*Server).Serve` (an accept loop) and `net/http.(*conn).serve` (a connection):
 *   the program started the server; one accept loop per listener is normal, but loops or idle
 *   connections that pile up across snapshots are a real leak (servers never shut down, clients
 *   that keep connections open).
 * - `main.main`: the program's own code, whatever it waits for.
 */
import { isRuntimeFunction, type FrameLike, type TopFrame } from './frames.js';
import { PROFILER_HINT } from '../profile.js';

/** Frames of the goroutine that is writing the dump itself (the request to /debug/pprof/goroutine). */
const DUMP_WRITERS = new Set([
  'runtime/pprof.writeGoroutineStacks',
  'runtime/pprof.writeRuntimeProfile',
  'runtime/pprof.writeGoroutine',
  'runtime/pprof.writeGoroutineLeak',
  'runtime/pprof.runtime_goroutineProfileWithLabels',
]);

/** Why a goroutine is benign (`reason`), and what it is in a few words, said in brackets after its group (`hint`). */
export interface Benign {
  reason: string;
  /** `runtime`; `the profiler's own` for the dump's writer, as the heap sites' table calls the profiler's sites (profile.ts PROFILER_HINT). */
  hint: string;
}

/** Why a goroutine with this stack is benign, and what it is; undefined when it is the program's. */
export function benignOrigin(top: TopFrame | undefined, frames: readonly FrameLike[]): Benign | undefined {
  if (!top) return undefined;
  const fn = top.function;
  if (top.allMachinery && isRuntimeFunction(fn)) {
    // runtime.forcegchelper, runtime.bgsweep, runtime.bgscavenge, runtime.runfinq, runtime.gcBgMarkWorker…
    // (shown with GOTRACEBACK=system, or a finalizer goroutine between finalizers).
    return { reason: `the runtime's own goroutine (${fn})`, hint: 'runtime' };
  }
  if (fn.startsWith('testing.')) return { reason: `the testing framework's own goroutine (${fn})`, hint: "the testing framework's" };
  if (fn === 'os/signal.loop' || frames.some((f) => f.function === 'os/signal.signal_recv')) {
    return { reason: "os/signal's delivery loop (started by signal.Notify)", hint: "os/signal's" };
  }
  if (frames.some((f) => f.function !== undefined && DUMP_WRITERS.has(f.function))) return { reason: 'the goroutine that wrote this dump', hint: PROFILER_HINT };
  return undefined;
}
