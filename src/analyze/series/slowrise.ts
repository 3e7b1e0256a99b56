/**
 * A slow leak read exactly (reasoning.md §3, §7). A live heap rising by less than liveGrowthMinShare
 * (10 %) is within what an inexact reading moves by, so it is no evidence on its own; but
 * heap?debug=1&gc=1 reads MemStats right after the GC it forced, and publishes the profile of that
 * GC: HeapAlloc is then the live heap itself, with no garbage, and the profile's sites say what
 * holds it. The captured go1.19-slowleak-gc1 (a 30 MiB catalog, 9 KiB session records appended to
 * a global slice every 100 ms, ?gc=1 every 5 s): HeapAlloc 32,955,496 → 35,424,872 bytes (+7.5 %)
 * over 6 dumps, rising at every step, main.newSession 0 → 1.5 MiB, was "Stable".
 */
import { largest, smallest } from '../../common/arrays.js';
import type { SiteTrend } from './model.js';
import { SERIES_THRESHOLDS } from './thresholds.js';
import { keepsRising, largestFall, riseNoiseSlack, risesAtEveryStep } from './trend.js';

export interface SlowRise {
  /**
   * `evidence`: a slow leak's rise (below); `short`: all of it but a rise of HeapAlloc at every
   * step — it fell at one step by half its average step or more (`fall`) while HeapObjects rose at
   * every step: growth, though not yet evidence (the captured go1.19-slowleak-gc1's third run,
   * 34,010,712 → 33,739,544 at its first step, was "Stable").
   */
  kind: 'evidence' | 'short';
  /** HeapAlloc's rise, last less first. */
  rise: number;
  /** The smallest step, and the average one (each step rose by more than half of it: riseNoiseSlack). */
  leastStep: number;
  averageStep: number;
  /** The largest fall of HeapAlloc (kind `short`): at which value (0-based), by how much. */
  fall?: { at: number; by: number };
  /** The program's sites that rose with it (never falling by more than a sample, ending at their highest), most first, and their rise together. */
  sites: SiteTrend[];
  sitesRise: number;
  /** HeapObjects rose at every step too, by more than half its average step: the exact count of live objects backs the rise. */
  objectsRose: boolean;
  /** Suspected at high confidence: slowRiseHighPoints snapshots or more. */
  sure: boolean;
}

/**
 * Whether the live heap (`live`: HeapAlloc at one snapshot per GC cycle, each read right after a
 * forced GC: `postGcLive`) rose as a slow leak's does: by siteGrowthMinBytes (1 MiB) at least, at
 * each step of slowRiseMinPoints snapshots or more by more than half its average step (trend.ts
 * riseNoiseSlack: a flat heap's noise fails it, and so does a warm-up that stopped rising), with
 * the heap profile's sites of the same snapshots (`sites`: every trend, one value per snapshot)
 * rising with it — some never fell by more than a sample, rose, and end at their highest (a
 * request's buffer in flight at one dump's GC, main.encode 0 → 0 → 1,048 → 526 KiB, is no leak's
 * site) — and a second witness: its
 * `objects` (HeapObjects, as exact) rose at every step too, or those sites hold slowRiseSiteShare of
 * its rise at least (a slice that grows by reallocation adds bytes, not objects). The sites need not
 * rise at each step, nor hold all of it: a sampled estimate moves by whole samples (~512 KiB), about
 * one a step here (the captured slow leak's second run: main.newSession 517 → 517 → 517 → 517 →
 * 1,033 → 1,550 KiB, two samples for 2.6 MiB, while HeapAlloc and HeapObjects rose at every step).
 * Kind `short` when HeapAlloc fell at a step but still rose in the later half, and HeapObjects
 * rose at every step. Undefined when neither.
 */
export function slowPostGcRise(live: readonly number[], objects: readonly number[], postGcLive: boolean, sites: readonly SiteTrend[]): SlowRise | undefined {
  const t = SERIES_THRESHOLDS;
  const rise = (live[live.length - 1] ?? 0) - (live[0] ?? 0);
  if (!postGcLive || live.length < t.slowRiseMinPoints || rise < t.siteGrowthMinBytes) return undefined;
  const rising = sites.filter((s) => !s.profiler && s.monotonic && s.growthBytes > 0 && s.inuseBytes.length === live.length && (s.inuseBytes[s.inuseBytes.length - 1] ?? 0) >= largest(s.inuseBytes));
  const sitesRise = rising.reduce((sum, s) => sum + s.growthBytes, 0);
  const objectsRose = objects.length === live.length && risesAtEveryStep(objects, riseNoiseSlack(objects));
  const everyStep = risesAtEveryStep(live, riseNoiseSlack(live));
  if (rising.length === 0 || !(everyStep ? objectsRose || sitesRise >= t.slowRiseSiteShare * rise : objectsRose && keepsRising(live))) return undefined;
  const steps = live.slice(1).map((v, i) => v - (live[i] ?? v));
  const fall = largestFall(live);
  return {
    kind: everyStep ? 'evidence' : 'short', rise, leastStep: smallest(steps), averageStep: rise / steps.length, ...(fall ? { fall } : {}),
    sites: [...rising].sort((a, b) => b.growthBytes - a.growthBytes), sitesRise, objectsRose, sure: live.length >= t.slowRiseHighPoints,
  };
}
