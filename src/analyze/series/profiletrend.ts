/**
 * The live heap's trend from the heap profiles, when every HeapAlloc was read between GCs
 * (reasoning.md §4, §7). runtime/pprof: "the heap profile reports statistics as of the most
 * recently completed garbage collection", so a plain dump's profile is a live heap's estimate
 * however much garbage its HeapAlloc counts — sampled, older than its MemStats, but read at a GC
 * each time. A sampled object still in use stays sampled: samples gained at every step are objects
 * that stayed live, and the rise's own error is that of the samples gained (unsample.ts
 * changeSamplingError). The captured go1.19-audit31-queuehead's plain dumps (a queue drained with
 * `q = q[1:]`, ~40 KiB/s kept), each read ~10 s after another capture's ?gc=1, were "Cannot tell
 * yet … by less than 9.1 MiB" once their HeapAlloc was read between GCs, while their profiles
 * gained samples at every step (47 → 146 → 150 → 151 → 154).
 */
import type { SeriesSnapshot } from './model.js';
import { SERIES_THRESHOLDS } from './thresholds.js';
import { profileInUse } from './garbage.js';
import { changeSamplingError, samplesBehind } from '../unsample.js';

export interface ProfileRise {
  /** The program's in-use bytes (the profiler's own left out) of each snapshot's profile, unsampled. */
  inUse: number[];
  /** The smallest step's rise. */
  leastStepBytes: number;
  /** Twice the standard error of the rise from the first to the last (~95 %). */
  errorBytes: number;
}

/** The program's sites' in-use objects and bytes and the samples they rest on, in a snapshot's profile (the profiler's own left out). */
function programSamples(s: SeriesSnapshot): { objects: number; bytes: number; samples: number } {
  const rate = s.profile.samplingRate;
  let [objects, bytes, samples] = [0, 0, 0];
  for (const site of s.profile.sites) {
    if (site.profiler) continue;
    objects += site.inuseObjects;
    bytes += site.inuseBytes;
    samples += samplesBehind(site.inuseObjects, site.inuseBytes, rate);
  }
  return { objects, bytes, samples };
}

/**
 * Each step's sampling error of the heap profiles' in-use, one per snapshot (0 for the first): one
 * standard error of the samples gained or lost at the step (half of unsample.ts changeSamplingError,
 * which is two), and all of a step of one sample or less. A step within it is no rise: the captured
 * go1.19-audit41-satcache's plain dumps gained 1 sample at their last step (+64.8 KiB), which "rose at
 * every step … by 64.8 KiB at least" counted.
 */
export function profileStepErrors(epochs: readonly SeriesSnapshot[]): number[] {
  const counted = epochs.map(programSamples);
  return counted.map((c, i) => {
    const before = counted[i - 1];
    if (!before) return 0;
    const step = { objects: c.objects - before.objects, bytes: c.bytes - before.bytes, samples: c.samples - before.samples };
    const sigma = changeSamplingError(step) / 2;
    // samplesBehind estimates the samples from the unsampled figures: a step of one reads 1.0-something.
    return Math.round(Math.abs(step.samples)) <= 1 ? Math.max(sigma, Math.abs(step.bytes)) : sigma;
  });
}

/**
 * The heap profiles' in-use rising as a leak's live heap does, at GC-separated snapshots each read
 * between GCs (`epochs`, one per GC cycle): slowRiseMinPoints of them at least (a heap that only
 * moves rises at every step of 4 once in 24 series), each with a sampled profile, half a sample
 * gained or more at every step (less is an object of another size, not a sample), the last step a
 * rise beyond its own sampling error (profileStepErrors), and a rise from
 * the first to the last of siteGrowthMinBytes or more, beyond its sampling error. Undefined when not.
 */
export function profileInUseRise(epochs: readonly SeriesSnapshot[]): ProfileRise | undefined {
  const t = SERIES_THRESHOLDS;
  if (epochs.length < t.slowRiseMinPoints) return undefined;
  const inUse = epochs.map(profileInUse);
  if (!inUse.every((v): v is number => v !== undefined)) return undefined;
  const counted = epochs.map(programSamples);
  const steps = inUse.slice(1).map((v, i) => v - (inUse[i] ?? 0));
  const gainedEach = counted.every((c, i) => i === 0 || c.samples - (counted[i - 1]?.samples ?? 0) >= 0.5);
  const [first, last] = [counted[0], counted[counted.length - 1]];
  const rise = (inUse[inUse.length - 1] ?? 0) - (inUse[0] ?? 0);
  // The last step a rise beyond its own sampling error (profileStepErrors): a last sample gained says not that it still rises.
  // Earlier steps need only gain (gainedEach): the captured go1.19-audit31-queuehead's plain dumps, a real leak, gained one
  // sample (+516.6 KiB) at their third step of four, and +1.5 MiB at the last.
  const lastError = profileStepErrors(epochs)[epochs.length - 1] ?? 0;
  if (!first || !last || !gainedEach || steps.some((s) => s <= 0) || (steps[steps.length - 1] ?? 0) <= lastError || rise < t.siteGrowthMinBytes) return undefined;
  const errorBytes = changeSamplingError({ objects: last.objects - first.objects, bytes: rise, samples: last.samples - first.samples });
  return rise > errorBytes ? { inUse, leastStepBytes: Math.min(...steps), errorBytes } : undefined;
}
