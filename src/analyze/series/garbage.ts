/**
 * HeapAlloc read between GCs counts the garbage made since the last one (reasoning.md §1, §7): a
 * dump taken without ?gc=1 reads it anywhere on the GC's sawtooth. Its rise is no growth when the
 * dump's two witnesses of the live heap as of its last GC held while it moved: the heap profile
 * (published at a GC, §4) and HeapObjects. The captured go1.19-audit27-limit (GOGC=off
 * GOMEMLIMIT=64MiB, 20 MiB live, 50 MiB/s of garbage): HeapAlloc 22.2 → 41.2 → 50.2 MiB in three
 * plain dumps while the profile's in-use stayed 26.9 → 25.8 → 26.9 MiB and HeapObjects 1,058 →
 * 1,089 was "Leak suspected"; so was a series of ?gc=1 dumps (HeapAlloc 21.2 MiB at each) whose
 * last was a plain dump (29.2 MiB).
 */
import { largest, smallest } from '../../common/arrays.js';
import type { SeriesSnapshot } from './model.js';
import { SERIES_THRESHOLDS } from './thresholds.js';
import { keepsRising, steadilyRising } from './trend.js';
import { readMidCycle } from '../verdict.js';

/**
 * GCs that must run between two snapshots for the later one's heap profile to be of a GC after
 * the earlier snapshot's last GC: runtime.MemProfile's profile "may be up to two garbage
 * collection cycles old" (it counts an allocation once a GC could have freed it). With fewer, a
 * leak's profile lags its HeapAlloc (samples/go1.23/leak: one GC between dumps, the profile 3.5 →
 * 3.5 → 3.5 → 6.0 MiB while HeapAlloc rose 4.3 → 8.4 → 13.2 → 16.5 MiB).
 */
export const PROFILE_LAG_GCS = 2;

/** The profile moved by less than this share of what HeapAlloc moved: HeapAlloc's movement is not the profile's. */
const PROFILE_FOLLOWS_SHARE = 0.5;

export interface GarbageBetweenGCs {
  /** The heap profile's in-use bytes (the program's sites, unsampled) as of each GC-separated snapshot's last GC. */
  inUse: number[];
  /** Which GC-separated snapshots (positions among them) were read between GCs. */
  between: number[];
}

/** The program's in-use bytes in a snapshot's sampled heap profile (the profiler's own left out); undefined without one. */
export function profileInUse(s: SeriesSnapshot): number | undefined {
  const p = s.profile;
  if (!p.format || p.format.profilingOff || p.samplingRate === undefined || p.samplingRate <= 0) return undefined;
  return p.sites.reduce((sum, site) => (site.profiler ? sum : sum + site.inuseBytes), 0);
}

const spread = (values: readonly number[]): number => largest(values) - smallest(values);

/**
 * Whether HeapAlloc's rise across GC-separated snapshots (`live`, one per GC cycle) is the
 * garbage between GCs, not live data: some of them were read between GCs (`afterGC` false: not
 * right after a forced GC), each has a sampled heap profile and GCs ran twice at least between
 * every two (PROFILE_LAG_GCS), the profile's in-use total stayed within flatShare, moved by less
 * than half of what HeapAlloc moved and did not rise steadily (a slow leak's profile creeps up
 * within flatShare), and HeapObjects stayed within flatShare or stopped rising (a leak of live data
 * adds objects, and keeps adding them). Undefined when not (or not known), and
 * when HeapAlloc did not rise: a fall is a peak's or a sawtooth's story (verdict.ts pastPeak).
 */
export function garbageBetweenGCs(epochs: readonly SeriesSnapshot[], afterGC: readonly boolean[], live: readonly number[], objects: readonly number[]): GarbageBetweenGCs | undefined {
  const t = SERIES_THRESHOLDS;
  const between = epochs.flatMap((_, i) => (afterGC[i] === true ? [] : [i]));
  const rise = (live[live.length - 1] ?? 0) - (live[0] ?? 0);
  if (epochs.length < t.minPoints || between.length === 0 || live.length !== epochs.length || rise <= 0) return undefined;
  const inUse = epochs.map(profileInUse);
  if (!inUse.every((v): v is number => v !== undefined)) return undefined;
  const gcs = epochs.map((e) => e.stats?.int('NumGC') ?? 0);
  if (gcs.some((n, i) => i > 0 && n - (gcs[i - 1] ?? n) < PROFILE_LAG_GCS)) return undefined;
  const profileHeld = spread(inUse) <= t.flatShare * Math.max(largest(inUse), 1) && spread(inUse) < PROFILE_FOLLOWS_SHARE * spread(live) && !steadilyRising(inUse);
  return profileHeld && objectsHeld(objects) ? { inUse, between } : undefined;
}

/**
 * HeapObjects held: it rose by no more than flatShare of its first value, or stopped rising
 * (keepsRising) — a leak of live data adds objects, and keeps adding them. The captured
 * go1.19-audit37/cgo-gogc25's 1,090 → 1,103 → 1,094 → 1,099 → 1,098 → 1,108 (+1.7 %, falling
 * twice) did not rise, yet was said to have "rose with" the goroutine stacks (verdict.ts).
 */
export function objectsHeld(objects: readonly number[]): boolean {
  const firstObjects = objects[0] ?? 0;
  return (objects[objects.length - 1] ?? 0) - firstObjects <= SERIES_THRESHOLDS.flatShare * Math.max(firstObjects, 1) || !keepsRising(objects);
}

/**
 * The heap profile's in-use bytes (profileInUse) of `latest`, the latest GC-separated snapshot,
 * when they and its goal show its HeapAlloc read between GCs, as one dump's verdict reads it
 * (verdict.ts readMidCycle: a profile under half of HeapAlloc, or a goal that says the last GC
 * marked under 90 % of it); undefined when it was read right after a forced GC
 * (`afterGC`), has no sampled profile, or its profile is of fewer than PROFILE_LAG_GCS GCs (the
 * first GC's profile counts no frees yet: the captured go1.19-audit34-limit's first dump, NumGC 1,
 * 36.7 MiB in use, the next ones 1–2 MiB). Such a HeapAlloc is no live heap to call flat, nor to
 * weigh the allocation rate against: the captured go1.19-audit34-limit (GOGC=off
 * GOMEMLIMIT=64MiB, 150 MiB allocated a step, 3.3 MiB in the profile) read "Stable: live heap
 * 41.2 MiB → 39.2 MiB" at high confidence from HeapAlloc 41.2 → 10.2 → 22.2 → 39.2 MiB.
 */
export function latestReadBetweenGCs(latest: SeriesSnapshot | undefined, afterGC: boolean): number | undefined {
  const stats = latest?.stats;
  if (!latest || !stats || afterGC || (stats.int('NumGC') ?? 0) < PROFILE_LAG_GCS) return undefined;
  const inUse = profileInUse(latest);
  return readMidCycle(stats.int('HeapAlloc') ?? 0, inUse, stats, latest.source) ? inUse : undefined;
}
