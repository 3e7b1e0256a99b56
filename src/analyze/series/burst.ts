/**
 * One step of a series that allocated most of what the series allocated (reasoning.md §7): a burst,
 * not churn. Churn is an allocation rate the program keeps up, step after step; a mean over the
 * steps that one step made alone reads as that rate, and the bytes of one burst as "allocated
 * between snapshots" at every step. The captured go1.19-audit30-readall (one io.ReadAll of a 200 MB
 * body between its first two ?gc=1 dumps, 1.1 GiB allocated there and about 2.5 MiB at each later
 * step, nearly all of it the dumps' own) was "Churn, not a leak: 286.8 MiB allocated between snapshots"; it is a
 * one-off peak, its heap returned to the OS by the next dump.
 */
import { formatBytes, formatCount } from '../../text/units.js';
import { capitalized } from '../../text/wrap.js';
import { largest } from '../../common/arrays.js';
import { profilerAllocatedBytes } from '../allocation.js';
import { scavengerWords } from '../scavenger.js';
import { releasedInRss } from '../breakdown.js';
import type { GoVersion } from '../../input/goversion.js';
import type { SeriesPoint, SeriesSnapshot } from './model.js';
import { SERIES_THRESHOLDS } from './thresholds.js';

/**
 * What the program allocated at each step between two consecutive points (`snapshots[i]` is
 * `points[i]`'s): TotalAlloc's rise less what the profiler's own sites allocated meanwhile, when
 * both snapshots have a heap profile (their cumulative allocated bytes, as of each one's last GC;
 * allocation.ts), never below 0. One value per step: points.length − 1.
 */
export function stepAllocations(snapshots: readonly SeriesSnapshot[], points: readonly SeriesPoint[]): number[] {
  return points.slice(1).map((p, i) => {
    const [a, b] = [snapshots[i], snapshots[i + 1]];
    const profiled = a?.profile.format !== undefined && b?.profile.format !== undefined;
    const profiler = profiled ? Math.max(0, profilerAllocatedBytes(b?.profile.sites) - profilerAllocatedBytes(a?.profile.sites)) : 0;
    return Math.max(0, p.totalAlloc - (points[i]?.totalAlloc ?? 0) - profiler);
  });
}

/** The step that allocated most of what a series allocated (allocationBurst). */
export interface AllocationBurst {
  /** The point the step ends at (0-based, into the series' points): the step is from `at − 1` to `at`. */
  at: number;
  /** What the program allocated at that step, and at every step together. */
  bytes: number;
  total: number;
  /** How many steps the series has, and the most any other step allocated. */
  steps: number;
  othersMost: number;
}

/**
 * The step that allocated more than burstStepShare (half) of what the series' steps allocated and
 * burstStepRatio (ten) times or more what any other step did; undefined when none did, or with
 * fewer than two steps (one step holds all of it, whatever the program does). Churn needs
 * allocation spread over the steps: with such a step, the series' mean per step is that step's.
 */
export function allocationBurst(steps: readonly number[]): AllocationBurst | undefined {
  const t = SERIES_THRESHOLDS;
  if (steps.length < 2) return undefined;
  const total = steps.reduce((sum, bytes) => sum + bytes, 0);
  let at = 0;
  steps.forEach((bytes, i) => {
    if (bytes > (steps[at] ?? 0)) at = i;
  });
  const bytes = steps[at] ?? 0;
  const othersMost = steps.reduce((most, b, i) => (i === at ? most : Math.max(most, b)), 0);
  if (total <= 0 || bytes <= t.burstStepShare * total || bytes < t.burstStepRatio * othersMost) return undefined;
  return { at: at + 1, bytes, total, steps: steps.length, othersMost };
}

/**
 * `one step, snapshots 1→2, allocated 1.1 GiB (99.9% of what the series' 4 steps allocated, the
 * profiler's own left out; no other step more than 444.3 KiB)`.
 */
export function burstWords(b: AllocationBurst): string {
  const others = b.steps === 2 ? `the other step ${formatBytes(b.othersMost)}` : `no other step more than ${formatBytes(b.othersMost)}`;
  // Floored: a step of 1.1 GiB beside 444.3 KiB at another is not "100.0%" of it.
  const share = `${(Math.floor((b.bytes / b.total) * 1000) / 10).toFixed(1)}%`;
  return `one step, snapshots ${formatCount(b.at)}→${formatCount(b.at + 1)}, allocated ${formatBytes(b.bytes)} (${share} of what the series' ${formatCount(b.steps)} steps allocated, the profiler's own left out; ${others})`;
}

/**
 * A burst that made no peak, said where churn was said before (the series' mean per step ten times
 * its live heap): ` One step, snapshots 2→3, allocated 1.0 GiB (…): a burst, not churn, which is
 * allocation kept up step after step; its cost was that step's GC work (NumGC 8 → 124), not memory
 * (HeapSys 259.8 MiB → 259.7 MiB).`
 */
export function burstAsideWords(b: AllocationBurst, points: readonly SeriesPoint[]): string {
  const [before, at] = [points[b.at - 1], points[b.at]];
  const sys = (p: SeriesPoint | undefined): string => formatBytes(p?.heapSys ?? 0);
  return ` ${capitalized(burstWords(b))}: a burst, not churn, which is allocation kept up step after step; its cost was that step's GC work (NumGC ${formatCount(before?.numGC ?? 0)} → ${formatCount(at?.numGC ?? 0)}), not memory (HeapSys ${sys(before)} → ${sys(at)}).`;
}

/**
 * How a heap nothing collects grew (the GC off and no GC between the snapshots: HeapAlloc's rise
 * is what was allocated), from HeapAlloc at each point (`live`): `HeapAlloc grew by 1.0 MiB
 * between snapshots (512.0 KiB/s)` (`bytesPerSecond`: the series' allocation rate), or, when one
 * step rose by most of it (allocationBurst), that step apart and the other steps' rate
 * (`secondsPerStep`: --interval): `HeapAlloc rose by 200.2 MiB at one step, snapshots 1→2, and by
 * 61.5 KiB a step since (41.0 KiB/s)`. The captured burst under GOGC=off (200 goroutines holding
 * 1 MiB each, once, then ~60 KiB a step) was "grew by 28.6 MiB between snapshots (19.1 MiB/s)",
 * the burst's mean over seven steps.
 */
export function uncollectedGrowthWords(live: readonly number[], bytesPerSecond: number | undefined, secondsPerStep: number | undefined): string {
  const rises = live.slice(1).map((bytes, i) => Math.max(0, bytes - (live[i] ?? 0)));
  const total = (live[live.length - 1] ?? 0) - (live[0] ?? 0);
  const burst = allocationBurst(rises);
  if (!burst) {
    const rate = bytesPerSecond !== undefined ? ` (${formatBytes(bytesPerSecond)}/s)` : ' (--interval gives it per second)';
    return `HeapAlloc grew by ${formatBytes(total / Math.max(1, rises.length))} between snapshots${rate}`;
  }
  const perStep = Math.max(0, total - burst.bytes) / (rises.length - 1);
  const rate = secondsPerStep !== undefined && secondsPerStep > 0 ? ` (${formatBytes(perStep / secondsPerStep)}/s)` : ' (--interval gives it per second)';
  // The steps other than the burst's: all after it, all before it, or on both sides.
  const when = burst.at === 1 ? 'since' : burst.at === rises.length ? 'before it' : 'at the other steps';
  return `HeapAlloc rose by ${formatBytes(burst.bytes)} at one step, snapshots ${formatCount(burst.at)}→${formatCount(burst.at + 1)}, and by ${formatBytes(perStep)} a step ${when}${rate}`;
}

/** The heap a burst grew (burstHeap): how, and where it went after. */
export interface BurstHeap {
  /** HeapSys's rise at the step. */
  rise: number;
  /** `raised the heap's high-water mark (HeapSys) from 7.6 MiB to 571.6 MiB`. */
  grew: string;
  /** A sentence: `By snapshot 3, 563.0 MiB of it had gone back to the OS (…): …` (`was released to the OS (…), with MADV_FREE: …` when the latest RSS still counts it). */
  after: string;
  /** Half the rise or more went back to the OS by the latest point: nothing of the peak is retained but address space. */
  returned: boolean;
}

/**
 * The heap the burst grew, and where it went after (`peak`: the point the step ends at): HeapSys
 * from the point before it to `peak`, and the first point after at which HeapReleased had risen by
 * half that rise or more (from its reading at `peak`, else from before the step when that was lower) — returned to the OS, by the scavenger or debug.FreeOSMemory (the dumps
 * do not say which) — or, when none had, what the latest point keeps idle and released. Undefined
 * when HeapSys rose by less than `minRise` or by less than half of its highest value: the step did
 * not make the heap's high-water mark. What the scavenger does with what the heap keeps depends on
 * `goVersion` (scavenger.ts): go1.21 and later keep a peak's spans while the program idles.
 */
export function burstHeap(points: readonly SeriesPoint[], peak: number, minRise: number, goVersion: GoVersion | undefined): BurstHeap | undefined {
  const before = points[peak - 1];
  const at = points[peak];
  const last = points[points.length - 1];
  if (!before || !at || !last) return undefined;
  const [from, to] = [before.heapSys ?? 0, at.heapSys ?? 0];
  const highest = largest(points.map((p) => p.heapSys ?? 0));
  const rise = to - from;
  if (rise < minRise || rise < 0.5 * highest) return undefined;
  const grew = `raised the heap's high-water mark (HeapSys) from ${formatBytes(from)} to ${formatBytes(to)}`;
  // From HeapReleased at the peak, else from before the step when it was lower: a heap grown under a
  // memory limit is scavenged while it grows, so the peak's own reading may count much of it
  // returned already (the captured burst under GOMEMLIMIT=64MiB: 2.8 → 92.3 → 154.4 → 180.3 MiB of
  // a 179.5 MiB rise was "The heap keeps it (2.0 MiB idle, 180.0 MiB released …)").
  const backFrom = (start: number): number => points.findIndex((p, i) => i > peak && p.breakdown.released - (points[start]?.breakdown.released ?? 0) >= 0.5 * rise);
  const fromPeak = backFrom(peak);
  const startAt = fromPeak < 0 && before.breakdown.released < at.breakdown.released ? peak - 1 : peak;
  const startReleased = points[startAt]?.breakdown.released ?? 0;
  const back = startAt === peak ? fromPeak : backFrom(startAt);
  const latest = `${formatBytes(last.breakdown.idle)} idle, ${formatBytes(last.breakdown.released)} released at snapshot ${formatCount(points.length)}`;
  if (back < 0) return { rise, grew, returned: false, after: `The heap keeps it (${latest}). ${scavengerWords(goVersion, true)}` };
  const released = points[back]?.breakdown.released ?? 0;
  const end = back === points.length - 1 ? `${formatBytes(last.breakdown.idle)} idle` : latest;
  const readings = `(HeapReleased ${formatBytes(startReleased)} at snapshot ${formatCount(startAt + 1)} → ${formatBytes(released)}; ${end})`;
  const keeps = `HeapSys stays ${formatBytes(highest)}, address space the heap keeps, not memory it holds.`;
  // The latest RSS still counts the released pages (releasedInRss): not gone from the process as
  // the OS counts it (the captured go1.21 peak under GODEBUG=madvdontneed=0, --rss 321328kB: "had
  // gone back to the OS", then "The OS counts 313.8 MiB of RSS, 302.7 MiB more than Go holds").
  const counted = releasedInRss(last.breakdown, last.rss)
    ? `By snapshot ${formatCount(back + 1)}, ${formatBytes(released - startReleased)} of it was released to the OS ${readings}, with MADV_FREE: the OS still counts it in RSS${back === points.length - 1 ? '' : ` at snapshot ${formatCount(points.length)}`} until it needs the memory. ${keeps}`
    : undefined;
  return {
    rise, grew, returned: true,
    after: counted ?? `By snapshot ${formatCount(back + 1)}, ${formatBytes(released - startReleased)} of it had gone back to the OS ${readings}: ${keeps}`,
  };
}
