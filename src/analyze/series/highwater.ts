/**
 * The heap's high-water mark (HeapSys) in a series whose live heap ends where it began: a peak between
 * its readings, or one before them, is memory the heap keeps (reasoning.md §3 peak retention: HeapAlloc
 * falls back while HeapSys stays at its high-water mark), not the "stays near" of a flat heap. And what
 * its released pages are to RSS, which only the OS's own count (--rss) tells (reasoning.md §2.3).
 */
import { formatBytes, formatCount } from '../../text/units.js';
import { largest, smallest } from '../../common/arrays.js';
import { releasedInRss, type Breakdown } from '../breakdown.js';
import { THRESHOLDS } from '../thresholds.js';
import type { LastGcEstimates, SeriesPoint, SeriesSnapshot } from './model.js';
import { profileInUse, PROFILE_LAG_GCS } from './garbage.js';
import { GC_OFF_GOAL } from '../gcoff.js';
import { namedGogc } from '../../common/stems.js';
import { keepsRising } from './trend.js';
import { SERIES_THRESHOLDS } from './thresholds.js';

/**
 * What released pages are to RSS, after `768.3 MiB released to the OS` and what `readings` say of it:
 * ` (…; on Linux, out of RSS unless GODEBUG=madvdontneed=0)` without the OS's count, ` (…; no longer in
 * RSS)` with an RSS in line with what Go holds, `…, with MADV_FREE: the OS still counts it in RSS …`
 * with one above it by the released pages (breakdown.ts releasedInRss). A Go ≥ 1.16 dump cannot tell
 * GODEBUG=madvdontneed=0, under which the OS keeps counting released pages until it needs the memory:
 * the captured go1.19-audit43-madvfree, 768 MiB released and RSS 820 MB throughout, was "released to
 * the OS (no longer in RSS)" beside "The OS counts 802.2 MiB of RSS … (MADV_FREE)".
 */
function inRssWords(b: Breakdown, rss: number | undefined, madvFree: boolean, readings?: string): string {
  const before = readings === undefined ? '' : `${readings}; `;
  if (releasedInRss(b, rss)) return `${readings === undefined ? '' : ` (${readings})`}, with MADV_FREE: the OS still counts it in RSS until it needs the memory`;
  if (rss !== undefined) return ` (${before}no longer in RSS)`;
  // Go 1.12–1.15 release with MADV_FREE by default: on Linux the OS keeps counting the pages until it needs memory.
  return ` (${before}${madvFree ? 'on Linux, Go 1.12–1.15 release with MADV_FREE: in RSS until the OS needs the memory' : 'on Linux, out of RSS unless GODEBUG=madvdontneed=0'})`;
}

/** `768.3 MiB released to the OS (…)`: out of RSS only where the OS's count says so (inRssWords). */
function releasedWords(bytes: number, b: Breakdown, rss: number | undefined, madvFree: boolean): string {
  return `${formatBytes(bytes)} released to the OS${inRssWords(b, rss, madvFree)}`;
}

/**
 * What a heap's high-water mark is made of beside the live heap at point `p`: idle pages it still
 * holds, and released ones — address space, which the OS counts only under MADV_FREE (releasedWords;
 * the captured go1.19-audit39-chanpeak, RSS 16.8 MB, was "the heap keeps its 55.7 MiB high-water mark
 * (3.1 MiB idle, 49.4 MiB released)", read as memory held).
 */
export function highWaterWords(p: SeriesPoint): string {
  const b = p.breakdown;
  const idle = `${formatBytes(b.idle)} idle (held for reuse)`;
  const released = releasedWords(b.released, b, p.rss, p.releasesWithMadvFree === true);
  return b.released > b.idle ? `, most of it address space only: ${released}, ${idle}` : `: ${idle}, ${released}`;
}

/** A live peak between the readings (peakBetween, estimatedPeak). */
export interface PeakBetween {
  /** Point indexes: the reading it rose from, the peak, and the first reading after it back under peakFallShare of it. */
  from: number;
  at: number;
  back: number;
  peak: number;
  /** HeapSys's high-water mark across the series. */
  maxSys: number;
}

/** HeapSys's high-water mark across the series when the last point still holds 90% of it or more (no peak the heap gave back); undefined otherwise. */
function heldHighWater(points: readonly SeriesPoint[]): number | undefined {
  const maxSys = largest(points.map((p) => p.heapSys ?? 0));
  return (points[points.length - 1]?.heapSys ?? 0) < 0.9 * maxSys ? undefined : maxSys;
}

/**
 * A reading right after a forced GC (the live heap itself) between the first and the last, peakFallShare
 * of it or more above both and by idleRetainedMinBytes, while HeapSys at the last point is still at its
 * high-water mark: the heap went up and came back, which a flat first-to-last comparison does not see.
 * The captured go1.19-audit43-concpeak (64 requests × 4 MiB every 15 s) read 1.6 → 1.5 → 1.6 → 237.9 →
 * 1.7 → 1.7 → 1.7 MiB in ?gc=1 dumps and was "Churn … live heap stays near 1.7 MiB … the cost is GC
 * work, not memory" beside HeapSys 526 MiB, 395.8 MiB of it idle. Undefined otherwise.
 */
export function peakBetween(points: readonly SeriesPoint[], afterForcedGC: readonly boolean[] | undefined): PeakBetween | undefined {
  const live = points.map((p) => p.breakdown.live);
  const inner = live.slice(1, -1).filter((_, i) => afterForcedGC?.[i + 1] === true);
  if (inner.length === 0) return undefined;
  const peak = largest(inner);
  const at = live.findIndex((v, i) => i > 0 && afterForcedGC?.[i] === true && v === peak);
  const [first, last] = [live[0] ?? 0, live[live.length - 1] ?? 0];
  const share = SERIES_THRESHOLDS.peakFallShare;
  if (first > share * peak || last > share * peak || peak - Math.max(first, last) < THRESHOLDS.idleRetainedMinBytes) return undefined;
  const maxSys = heldHighWater(points);
  if (maxSys === undefined) return undefined;
  const back = live.findIndex((v, i) => i > at && v <= share * peak);
  return { from: 0, at, back, peak, maxSys };
}

/** The heap goal's live heap of one snapshot (LastGcEstimates `goal`): undefined with the GC off (no goal) or no NextGC. */
function goalLive(s: SeriesSnapshot): { bytes: number; gogc: number; named: boolean } | undefined {
  const goal = s.stats?.int('NextGC');
  if (goal === undefined || goal <= 0 || goal >= GC_OFF_GOAL) return undefined;
  const named = namedGogc(s.source);
  const gogc = named ?? 100;
  return { bytes: goal / (1 + gogc / 100), gogc, named: named !== undefined };
}

/**
 * LastGcEstimates of GC epoch readings `epochs` at points `at` (of `points` in all), every one of which has one: profiles where every
 * one has a sampled profile, else goals where the snapshots have no profile (`profiled` false) and every one has a goal, read with
 * one GOGC. Undefined otherwise.
 */
export function lastGcEstimates(epochs: readonly SeriesSnapshot[], at: readonly number[], points: number, profiled: boolean): LastGcEstimates | undefined {
  const values: (number | undefined)[] = Array.from({ length: points }, () => undefined);
  if (profiled) {
    const inUse = epochs.map((e) => ((e.stats?.int('NumGC') ?? 0) < PROFILE_LAG_GCS ? undefined : profileInUse(e)));
    if (!inUse.every((v): v is number => v !== undefined)) return undefined;
    inUse.forEach((v, i) => { values[at[i] ?? 0] = v; });
    return { source: 'profiles', values };
  }
  const goals = epochs.map(goalLive);
  if (!goals.every((g): g is NonNullable<typeof g> => g !== undefined) || new Set(goals.map((g) => g.gogc)).size !== 1) return undefined;
  goals.forEach((g, i) => { values[at[i] ?? 0] = g.bytes; });
  return { source: 'goal', values, gogc: goals[0]?.gogc ?? 100, gogcNamed: goals[0]?.named === true };
}

/** An estimate at peakFallShare of `peak` or less, by idleRetainedMinBytes: the live heap down from it (estimatedPeak, peakAgain). */
function downFrom(v: number | undefined, peak: number): v is number {
  return v !== undefined && v <= SERIES_THRESHOLDS.peakFallShare * peak && peak - v >= THRESHOLDS.idleRetainedMinBytes;
}

/**
 * peakBetween of estimates of the live heap as of each reading's last GC (lastGcEstimates), as readings between GCs have it: the
 * highest with one before it down from it (downFrom: `from`, the lowest) and one after it (`back`, the first), the last down from
 * it too (a leak's live heap that dropped once and grew again ends high: the captured go1.19-audit39-ttlcache's plain dumps, a
 * buggy eviction's one large drop, profiles 22.6 → … → 94.5 → 32.1 → … MiB, ending above 90 MiB), while HeapSys at the last
 * point is still at its high-water mark. HeapAlloc read between GCs counts the garbage made since the last GC, so its first
 * and last readings say nothing of a peak: the captured go1.19-audit43-concpeak's plain dumps (HeapAlloc 1.7–394.0 MiB; profiles
 * 239.6 → 3.0 → 243.6 → 121.6 → 215.6 → 203.6 → 104.5 MiB, unsampled, their GCs inside its bursts but for the second) were
 * "Churn, not a leak … the cost is GC work and memory". Undefined otherwise.
 */
export function estimatedPeak(live: readonly (number | undefined)[], points: readonly SeriesPoint[]): PeakBetween | undefined {
  const last = live.findLast((v) => v !== undefined);
  let found: Omit<PeakBetween, 'maxSys'> | undefined;
  live.forEach((peak, at) => {
    if (peak === undefined || (found && found.peak >= peak) || !downFrom(last, peak)) return;
    const before = live.slice(0, at).filter((v): v is number => v !== undefined);
    const from = before.length === 0 ? -1 : live.indexOf(smallest(before));
    const back = live.findIndex((v, i) => i > at && downFrom(v, peak));
    if (from >= 0 && downFrom(live[from], peak) && back >= 0) found = { from, at, back, peak };
  });
  const maxSys = found ? heldHighWater(points) : undefined;
  return found && maxSys !== undefined ? { ...found, maxSys } : undefined;
}

/** A live heap that fell and rose again (peakAgain): point indexes and the estimates there. */
export interface PeakAgain {
  highAt: number;
  high: number;
  lowAt: number;
  low: number;
  at: number;
  peak: number;
  maxSys: number;
}

/**
 * A peak the estimates (lastGcEstimates) came back from, then climbed to again: the highest before their lowest, the lowest down
 * from it and from the highest after it (downFrom), which is no more than (1 + peakFallShare) times the first (a rise past it is
 * growth, not the peak again), not the last reading, which is below it by more than flatShare, and the estimates since the lowest
 * not rising through their later half (trend.ts keepsRising: a leak that dropped once climbs on), while HeapSys at the last point
 * is still at its high-water mark. A live heap that fell to a fraction of a high kept none of it, and one that climbs back near
 * that high and no further is the same peak again; one fall seen, not two as a recurring peak's (recurring.ts): low confidence. The captured go1.19-audit43-concpeak's /debug/vars, goals saying 190.1 MiB → 2.0 → 62.1 → 226.1 → 214.1 →
 * 238.1 → 182.1 MiB live at their last GCs (its bursts'), were "Churn, not a leak". Undefined otherwise.
 */
export function peakAgain(live: readonly (number | undefined)[], points: readonly SeriesPoint[]): PeakAgain | undefined {
  const known = live.flatMap((v, i) => (v === undefined ? [] : [{ v, i }]));
  if (known.length < 3) return undefined;
  const low = known.reduce((a, b) => (b.v < a.v ? b : a));
  const top = (xs: readonly { v: number; i: number }[]): { v: number; i: number } | undefined => xs.reduce<{ v: number; i: number } | undefined>((a, b) => (a === undefined || b.v > a.v ? b : a), undefined);
  const [high, again] = [top(known.filter((x) => x.i < low.i)), top(known.filter((x) => x.i > low.i))];
  const last = known[known.length - 1];
  if (!high || !again || !last || again.i === last.i || !downFrom(low.v, high.v) || !downFrom(low.v, again.v) || again.v > (1 + SERIES_THRESHOLDS.peakFallShare) * high.v) return undefined;
  // Fallen from the climb's top by the end, by more than flatShare, and not rising through the later half since the low.
  const since = known.filter((x) => x.i >= low.i).map((x) => x.v);
  if (last.v > (1 - SERIES_THRESHOLDS.flatShare) * again.v || keepsRising(since)) return undefined;
  const maxSys = heldHighWater(points);
  return maxSys === undefined ? undefined : { highAt: high.i, high: high.v, lowAt: low.i, low: low.v, at: again.i, peak: again.v, maxSys };
}

/**
 * ` (430.6 MiB at snapshot 1 already, beside 1.6 MiB live: an earlier peak)`: HeapSys was most of its
 * high-water mark at the first point already, far above the live heap then (`firstLive`: the first
 * reading's, or its estimate as of its last GC, lastGcEstimates) — the peak is not the series' first,
 * as a recurring one's is not. '' otherwise.
 */
export function earlierPeakWords(points: readonly SeriesPoint[], maxSys: number, firstLive = points[0]?.breakdown.live ?? 0): string {
  const first = points[0];
  const sys = first?.heapSys ?? 0;
  if (!first || sys < SERIES_THRESHOLDS.peakFallShare * maxSys || sys - firstLive < THRESHOLDS.idleRetainedMinBytes) return '';
  return ` (${formatBytes(sys)} at snapshot 1 already, beside ${formatBytes(firstLive)} live: an earlier peak)`;
}

/**
 * A live heap that held flat under a HeapSys high-water mark set before the series: peakRetentionRatio
 * times the in-use spans or more (HeapInuse: spans its survivors pin are fragmentation, not a peak's)
 * and by idleRetainedMinBytes, as one dump's peak retention reads it, and more than twice the latest
 * heap goal (`goal`; a GOGC set high keeps room up to its goal, no peak; none known, GOGC=off, whose
 * heap grows to whatever the forced GCs leave, says nothing). The captured go1.19-audit43-madvfree
 * (one 768 MiB allocation dropped before the first ?gc=1 dump, live 1.2 MiB at each, HeapReleased
 * 0.5 → 769.4 MiB) was "Stable: live heap 1.2 MiB → 1.2 MiB" where its plain dumps say peak retention.
 * Words for after "Stable live heap (1.2 MiB) after a past peak: ", or undefined.
 */
export function pastPeakWords(points: readonly SeriesPoint[], goal: number | undefined): string | undefined {
  const last = points[points.length - 1];
  const first = points[0];
  if (!last || !first || goal === undefined) return undefined;
  const maxSys = largest(points.map((p) => p.heapSys ?? 0));
  const inUse = last.heapInuse ?? last.breakdown.live + last.breakdown.fragmentation;
  const above = maxSys - inUse;
  if (maxSys < THRESHOLDS.peakRetentionRatio * Math.max(inUse, 1) || above < THRESHOLDS.idleRetainedMinBytes || maxSys <= 2 * goal) return undefined;
  const mark = `HeapSys ${formatBytes(maxSys)} is its high-water mark${gcOffPhaseWords(points, maxSys)}`;
  // Released during the series: half of what the mark holds beyond the live heap or more went back, at which point.
  const startReleased = first.breakdown.released;
  const went = last.breakdown.released - startReleased;
  if (went < SERIES_THRESHOLDS.peakFallShare * above) return `${mark}${highWaterWords(last)}`;
  const back = points.findIndex((p) => p.breakdown.released - startReleased >= SERIES_THRESHOLDS.peakFallShare * went);
  const backReleased = points[back]?.breakdown.released ?? 0;
  const readings = `HeapReleased ${formatBytes(startReleased)} at snapshot 1 → ${formatBytes(backReleased)} at snapshot ${formatCount(back + 1)}`;
  return `${mark}; ${formatBytes(went)} went idle and was released to the OS during the series${inRssWords(last.breakdown, last.rss, last.releasesWithMadvFree === true, readings)}; ${formatBytes(last.breakdown.idle)} idle (held for reuse) at snapshot ${formatCount(points.length)}`;
}

/**
 * `, set while the GC was off at snapshots 4–5 (NextGC ≈ 2^63: no GC ran by itself, and the heap kept
 * all that was allocated; it runs again from snapshot 6)` — when the series' latest snapshot has a
 * goal again and HeapSys first reached its mark (`maxSys`, within a page's rounding) at a snapshot
 * with the GC off or right after the last of them. The captured go1.19-audit44-gcphase (the GC off by
 * debug.SetGCPercent(-1) from t20 to t40) said "Stable live heap (16.3 MiB) after a past peak: HeapSys
 * 91.7 MiB is its high-water mark" without the phase that set it (audit 44 F5). '' otherwise.
 */
export function gcOffPhaseWords(points: readonly SeriesPoint[], maxSys: number): string {
  const off = points.flatMap((p, i) => (p.gcOff ? [i] : []));
  const first = off[0];
  const lastOff = off[off.length - 1];
  if (first === undefined || lastOff === undefined || points[points.length - 1]?.gcOff) return '';
  const reached = points.findIndex((p) => (p.heapSys ?? 0) >= maxSys - PAGE_SLACK_BYTES);
  if (reached < first || reached > lastOff + 1) return '';
  const at = first === lastOff ? `snapshot ${formatCount(first + 1)}` : `snapshots ${formatCount(first + 1)}–${formatCount(lastOff + 1)}`;
  const allOff = off.length === lastOff - first + 1 ? '' : ` (${formatCount(off.length)} of them)`;
  return `, set while the GC was off at ${at}${allOff} (NextGC ≈ 2^63: no GC ran by itself, and the heap kept all that was allocated; it runs again from snapshot ${formatCount(lastOff + 2)})`;
}

/** HeapSys grows by whole spans: a reading this close to the mark reached it. */
const PAGE_SLACK_BYTES = 1 << 20;

/**
 * Whether the heap a churning series keeps is memory, not only GC work: at the latest point, idle
 * spans of idleRetainedMinBytes and idleRetainedMinShare of what Go holds or more (idle-heap-retained's
 * own measure) beyond the room its heap goal and the scavenger's ~10% over it leave, under a HeapSys
 * high-water mark peakRetentionRatio times the lowest goal of the series or more: the heap's size was
 * set by its highs, not by what it needs between them. A churning heap right after a forced GC holds
 * the garbage that GC freed as idle spans a little over its goal (the captured plateau and steady
 * caches: HeapSys 47.7–59.7 MiB under goals of 17–48 MiB), said "not memory" still. `goals`: the heap
 * goals the readings know (none under GOGC=off: false). The captured go1.19-audit43-concpeak's plain
 * dumps and /debug/vars, 187.5 MiB idle of the 447.0 MiB Go holds under HeapSys 525.9 MiB, goals from
 * ~4 MiB between its bursts, were "the cost is GC work, not memory".
 */
export function churnHoldsMemory(points: readonly SeriesPoint[], goals: readonly number[]): boolean {
  const p = points[points.length - 1];
  const goal = goals[goals.length - 1];
  if (!p || goal === undefined) return false;
  const b = p.breakdown;
  if (b.idle < THRESHOLDS.idleRetainedMinBytes || b.idle < THRESHOLDS.idleRetainedMinShare * b.retained) return false;
  const heap = (p.heapSys ?? 0) - b.released;
  const maxSys = largest(points.map((x) => x.heapSys ?? 0));
  return heap > (1 + THRESHOLDS.scavengerRetainOverGoal) * (goal + b.fragmentation) && maxSys >= THRESHOLDS.peakRetentionRatio * smallest(goals);
}
