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
import type { SeriesPoint } from './model.js';
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

/** A live peak between the readings (peakBetween). */
export interface PeakBetween {
  /** Point indexes: the peak, and the first reading after it back under peakFallShare of it. */
  at: number;
  back: number;
  peak: number;
  /** HeapSys's high-water mark across the series. */
  maxSys: number;
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
  const maxSys = largest(points.map((p) => p.heapSys ?? 0));
  if ((points[points.length - 1]?.heapSys ?? 0) < 0.9 * maxSys) return undefined;
  const back = live.findIndex((v, i) => i > at && v <= share * peak);
  return { at, back, peak, maxSys };
}

/**
 * ` (430.6 MiB at snapshot 1 already, beside 1.6 MiB live: an earlier peak)`: HeapSys was most of its
 * high-water mark at the first point already, far above the live heap then — the peak is not the
 * series' first, as a recurring one's is not. '' otherwise.
 */
export function earlierPeakWords(points: readonly SeriesPoint[], maxSys: number): string {
  const first = points[0];
  const sys = first?.heapSys ?? 0;
  if (!first || sys < SERIES_THRESHOLDS.peakFallShare * maxSys || sys - first.breakdown.live < THRESHOLDS.idleRetainedMinBytes) return '';
  return ` (${formatBytes(sys)} at snapshot 1 already, beside ${formatBytes(first.breakdown.live)} live: an earlier peak)`;
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
  const mark = `HeapSys ${formatBytes(maxSys)} is its high-water mark`;
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
