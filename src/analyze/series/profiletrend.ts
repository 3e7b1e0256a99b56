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

/** The program's sites' in-use objects and the samples they rest on, in a snapshot's profile. */
function programSamples(s: SeriesSnapshot): { objects: number; samples: number } {
  const rate = s.profile.samplingRate;
  let [objects, samples] = [0, 0];
  for (const site of s.profile.sites) {
    if (site.profiler) continue;
    objects += site.inuseObjects;
    samples += samplesBehind(site.inuseObjects, site.inuseBytes, rate);
  }
  return { objects, samples };
}

/**
 * The heap profiles' in-use rising as a leak's live heap does, at GC-separated snapshots each read
 * between GCs (`epochs`, one per GC cycle): slowRiseMinPoints of them at least (a heap that only
 * moves rises at every step of 4 once in 24 series), each with a sampled profile, half a sample
 * gained or more at every step (less is an object of another size, not a sample), and a rise from
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
  if (!first || !last || !gainedEach || steps.some((s) => s <= 0) || rise < t.siteGrowthMinBytes) return undefined;
  const errorBytes = changeSamplingError({ objects: last.objects - first.objects, bytes: rise, samples: last.samples - first.samples });
  return rise > errorBytes ? { inUse, leastStepBytes: Math.min(...steps), errorBytes } : undefined;
}
