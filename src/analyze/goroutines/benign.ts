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

/** Frames of the goroutine that is writing the dump itself (the request to /debug/pprof/goroutine). */
const DUMP_WRITERS = new Set([
  'runtime/pprof.writeGoroutineStacks',
  'runtime/pprof.writeRuntimeProfile',
  'runtime/pprof.writeGoroutine',
  'runtime/pprof.writeGoroutineLeak',
  'runtime/pprof.runtime_goroutineProfileWithLabels',
]);

/** Why a goroutine with this stack is benign, or undefined. */
export function benignReason(top: TopFrame | undefined, frames: readonly FrameLike[]): string | undefined {
  if (!top) return undefined;
  const fn = top.function;
  if (top.allMachinery && isRuntimeFunction(fn)) {
    // runtime.forcegchelper, runtime.bgsweep, runtime.bgscavenge, runtime.runfinq, runtime.gcBgMarkWorker…
    // (shown with GOTRACEBACK=system, or a finalizer goroutine between finalizers).
    return `the runtime's own goroutine (${fn})`;
  }
  if (fn.startsWith('testing.')) return `the testing framework's own goroutine (${fn})`;
  if (fn === 'os/signal.loop' || frames.some((f) => f.function === 'os/signal.signal_recv')) {
    return "os/signal's delivery loop (started by signal.Notify)";
  }
  if (frames.some((f) => f.function !== undefined && DUMP_WRITERS.has(f.function))) return 'the goroutine that wrote this dump';
  return undefined;
}
