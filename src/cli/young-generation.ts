/**
 * Keeps V8's young generation at 4 MiB semi-spaces (8 MiB in all) instead of the 16 MiB it grows
 * to by default on 64-bit, as `node --max-semi-space-size=4` would.
 *
 * Reading a dump makes short-lived strings and tokens at a steady rate while few of them live on,
 * so the collector keeps growing the young generation for nothing: each growth is fresh memory,
 * and a page fault costs ~15 µs on a 2-core VM. On the realistic 100 MB dump the default's 16 MiB
 * semi-spaces were ~6,000 of the run's 26,000 faults and ~25 MiB of its peak RSS; capped at 4
 * MiB, seven alternated runs took 8 % less CPU (docs/performance.md, the thirty-second session).
 *
 * It used to turn the old generation's incremental marking off too (the forty-fifth session: the
 * realistic 100 MB dump's collector instructions halved, −8 % in all). Not any more: changing
 * that flag while the process runs is what Node warns may crash, since V8's background marking
 * threads read it, and after it came in two clean-clone CIs each saw one heapdoc run end with no
 * output (a lint with two threads, exit code null; an analyze of 93 files, empty stdout), which
 * no run had before in forty sessions of CI. The growth factor is read only when the young
 * generation grows, on the main thread, and has been changed this way since the thirty-second.
 *
 * A size flag is read only when V8 starts, and heapdoc runs as `node heapdoc.js` as often as
 * through its bin, so the flag cannot be on the command line. V8 reads the growth factor each
 * time it grows the young generation, though: after the garbage collection that brings it to 8
 * MiB, the factor becomes 1 and it grows no more. A user's own flag wins.
 *
 * Only a run still going after WATCH_AFTER_MS watches: loading node:v8 and observing collections
 * cost a few milliseconds, a tenth of the start-up budget of a small dump's run, which never
 * grows the young generation that far.
 *
 * A run that started worker threads (lint) changes no flag from then on: the flags are the whole
 * process's, read by every thread's isolate, and Node warns that changing them after start may
 * crash (a lint run with two threads died by a signal once in CI after this watch came in;
 * hundreds of runs under load did not repeat it).
 */
import { workerThreadsStarted } from '../common/builtins.js';

/** The young generation's size (both semi-spaces) at which it stops growing. */
const CAP_BYTES = 8 * 1024 * 1024;

/** V8's own growth factor (`node --v8-options`: `--semi-space-growth-factor`, default 2). */
const DEFAULT_GROWTH_FACTOR = 2;

/** node:v8, once the cap changed V8's flags (see restoreFlags); undefined before. */
let changedFlags: { setFlagsFromString(flags: string): void } | undefined;

/** How long a run goes before it watches the collector. */
const WATCH_AFTER_MS = 250;

/** The node flags the user started this run with (on the command line or in NODE_OPTIONS). */
function userFlags(): string {
  return `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
}

/** Whether the user sized the young generation themselves. */
function sizedByUser(): boolean {
  return /semi[-_]space/.test(userFlags());
}

/** Watches garbage collections until the young generation reaches CAP_BYTES, then stops its growth. */
async function watchCollections(): Promise<void> {
  const [{ PerformanceObserver }, v8] = await Promise.all([import('node:perf_hooks'), import('node:v8')]);
  const youngGenerationBytes = (): number =>
    v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
  // Called from the observer too, where a throw would end the run: a runtime without the flag
  // (or the statistics) is left as it is.
  const capped = (): boolean => {
    try {
      if (workerThreadsStarted()) return true;
      if (youngGenerationBytes() < CAP_BYTES) return false;
      v8.setFlagsFromString('--semi-space-growth-factor=1');
      changedFlags = v8;
    } catch {
      // Watch no more.
    }
    return true;
  };
  if (capped()) return;
  const observer = new PerformanceObserver(() => {
    if (capped()) observer.disconnect();
  });
  observer.observe({ entryTypes: ['gc'] });
}

/** Caps the young generation of a run that lasts (see above); the timer does not keep the process alive. */
export function capYoungGeneration(): void {
  if (sizedByUser()) return;
  setTimeout(() => void watchCollections().catch(() => undefined), WATCH_AFTER_MS).unref();
}

/**
 * Gives V8 its flags back as they were at start, for the compile cache written at exit
 * (launch.ts): V8 stamps a code cache with a hash of its flags, and one written while the growth
 * factor was changed was rejected by the next run (which starts with the default), so every run
 * that lasted long enough to cap the young generation compiled the whole CLI again and wrote a new
 * cache at its exit. Call only when the run is over: the young generation may grow again.
 */
export function restoreFlags(): void {
  if (changedFlags === undefined) return;
  try {
    changedFlags.setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH_FACTOR}`);
    changedFlags = undefined;
  } catch {
    // The cache is then rejected once more, as before.
  }
}
