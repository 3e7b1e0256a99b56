/**
 * A memory limit seen from MemStats alone (reasoning.md §2, "A memory limit nobody mentioned").
 * A dump does not carry GOMEMLIMIT, but a limit leaves marks: the heap goal (NextGC) is held at
 * the live heap instead of GOGC's 2×, so every GC cycle lets only a sliver be allocated, the GC
 * runs thousands of times and costs CPU. When all three marks are there, heapdoc says a limit is
 * likely set and asks for --gomemlimit, instead of advising to set one.
 */
import type { FactOrigin } from '../input/snapshot.js';
import { brokenIdentities, type Breakdown } from './breakdown.js';
import type { MemStats } from './memstats.js';
import type { Thresholds } from './thresholds.js';
import { profilerAllocatedBytes, profilerLeftOutWords, programAllocatedBytes } from './allocation.js';
import type { AllocationSite, ProfileFormat } from './profile.js';
import { countOf, formatBytes, formatPercent } from '../text/units.js';
import { HEAP_MINIMUM } from './gcoff.js';

export interface MemoryLimitSigns {
  /** GC cycles the runtime started itself (NumGC − NumForcedGC). */
  gcCycles: number;
  /** What the program allocated per such cycle: TotalAlloc, less the profiler's own allocations (allocation.ts). */
  bytesPerCycle: number;
  /** TotalAlloc. */
  totalAlloc: number;
  /** What the profiler's own sites allocated since the start (allocation.ts), left out of bytesPerCycle; 0 without a profile. */
  profilerBytes: number;
  heapAlloc: number;
  nextGC: number;
  /** The live heap the last GC marked, as the dump tells it (liveAtLastGc): what the heap goal is set from, and sits at. */
  liveBytes: number;
  gcCpuFraction: number;
  /** bytesPerCycle is the rate between this snapshot and the one before it in a series (recentLimitSigns), not the average since the start. */
  recent?: boolean;
  /** No heap profile tells the live heap the last GC marked (none, one of another moment, or too few samples or too noisy to say): liveBytes is HeapAlloc, read at the goal. */
  withoutProfile?: boolean;
}

/** The same marks when the limit is known (--gomemlimit): no guess then, the limit holds the heap goal down. */
export interface GivenLimitPressure extends MemoryLimitSigns {
  gomemlimit: number;
}

/** The GOMEMLIMIT a snapshot's process ran with, when known: given (--gomemlimit) or reported (go_gc_gomemlimit_bytes). */
export interface KnownLimit {
  bytes: number;
  origin: FactOrigin;
}

/** What a snapshot knows of a memory limit (a SnapshotAnalysis, lint's summary of one). */
export interface LimitKnowledge {
  memoryLimit?: MemoryLimitSigns | undefined;
  limitPressure?: GivenLimitPressure | undefined;
  knownLimit?: KnownLimit | undefined;
  /** How the known limit fits what Go holds (snapshotLimitFit), when the snapshot has a breakdown. */
  limitFit?: LimitFit | undefined;
}

/**
 * `s` knowing `limit`, in place, as if its input had reported it: the limit known, how it fits
 * what `view` (the snapshot's MemStats, breakdown and profile) holds, and its marks of a limit
 * (memoryLimit, a guess) those of the known one (limitPressure).
 */
export function learnLimit(s: LimitKnowledge, limit: KnownLimit, view: LimitView, t: FitThresholds): void {
  s.knownLimit = limit;
  s.limitFit = snapshotLimitFit(view, limit.bytes, t)?.fit;
  if (!s.memoryLimit) return;
  s.limitPressure = { ...s.memoryLimit, gomemlimit: limit.bytes };
  s.memoryLimit = undefined;
}

/** `limit` when the process reported it (a scrape's go_gc_gomemlimit_bytes), not a flag: what a moment's other capture hands on (moments.ts reportedByMoment). */
export function reportedLimit(limit: KnownLimit | undefined): KnownLimit | undefined {
  return limit?.origin === 'reported' ? limit : undefined;
}

/** `given` (analyze's --gomemlimit, lint's memory-limit-pressure option), `as the process reports it (go_gc_gomemlimit_bytes)`. */
export function limitOriginWords(limit: KnownLimit): string {
  return limit.origin === 'reported' ? 'as the process reports it (go_gc_gomemlimit_bytes)' : 'given';
}

/**
 * The marks of a memory limit in one snapshot, when all are there; `profile`: its heap profile, whose
 * in-use bytes say the live heap the last GC marked (liveAtLastGc) and whose profiler allocations the
 * figure per cycle leaves out. The heap goal is set at the end of a GC from the heap it marked live:
 * GOGC=100's is about twice it, a binding limit's at it. HeapAlloc is no witness: it counts what was
 * allocated since, so a dump read late in a cycle has it near NextGC under any GOGC (the captured
 * go1.19-audit38-jsonleak, GOGC=100 and no limit: NextGC 100.9 MiB, HeapAlloc 94.7 MiB, the heap
 * profile's 51.1 MiB as of the last GC and the GC log's `50 MB` live, so its goal is GOGC=100's
 * twice that). Where the profile cannot tell (limitMarksLive), HeapAlloc read at the goal stands in.
 */
export function memoryLimitSigns(stats: MemStats | undefined, t: Thresholds, profile: LimitView['profile'] & { sites?: readonly AllocationSite[] | undefined }): MemoryLimitSigns | undefined {
  if (!stats) return undefined;
  const heapAlloc = stats.int('HeapAlloc');
  const nextGC = stats.int('NextGC');
  const totalAlloc = stats.int('TotalAlloc');
  const numGC = stats.int('NumGC');
  const gcCpuFraction = stats.float('GCCPUFraction');
  if (heapAlloc === undefined || nextGC === undefined || totalAlloc === undefined || numGC === undefined || gcCpuFraction === undefined || heapAlloc <= 0) return undefined;
  // runtime.GC() (and ?gc=1) cycles come from the program, not from the heap goal.
  const gcCycles = numGC - (stats.int('NumForcedGC') ?? 0);
  if (gcCycles <= 0) return undefined;
  const profilerBytes = profilerAllocatedBytes(profile.sites);
  const allocated = programAllocatedBytes(totalAlloc, profilerBytes);
  // The program's share cannot be told (allocation.ts): no "only N per GC cycle" to weigh.
  if (allocated === undefined) return undefined;
  const live = limitMarksLive(stats, profile, heapAlloc, nextGC, t);
  if (!live) return undefined;
  const bytesPerCycle = allocated / gcCycles;
  if (bytesPerCycle > t.limitAllocPerCycleShareOfLive * live.liveBytes || gcCpuFraction < t.gcCpuFraction) return undefined;
  return { gcCycles, bytesPerCycle, totalAlloc, profilerBytes, heapAlloc, nextGC, liveBytes: live.liveBytes, gcCpuFraction, ...(live.withoutProfile ? { withoutProfile: true } : {}) };
}

/**
 * The live heap the heap goal sits at, for the marks of a limit (memoryLimitSigns); undefined when
 * the goal is not at it. The heap profile's (liveAtLastGc) when it tells: its goal within
 * ONE_DUMP_GOAL_PER_LIVE of it, or beyond it by more than the estimate's sampling error
 * (inuseSamplingError) — GOGC's goal, however near it HeapAlloc is read (go1.19-audit38-jsonleak's
 * t10: 51.1 MiB ± 10.1 MiB in use under NextGC 100.9 MiB). Where it cannot tell — no profile
 * (/debug/vars, a scrape), one of another moment (binary) or with profiling off, fewer than
 * ONE_DUMP_MIN_SAMPLES samples, or a goal within the sampling error — HeapAlloc read at the goal
 * stands in (an upper bound of the live heap, as the marks were read before the profile was): the
 * scenarios' memlimit (GOMEMLIMIT=20MiB, 12 to 23 samples in use at 512 KiB each), HeapAlloc 8.3 MiB
 * at NextGC 8.3 MiB in each dump.
 */
function limitMarksLive(stats: MemStats, profile: LimitView['profile'], heapAlloc: number, nextGC: number, t: Thresholds): { liveBytes: number; withoutProfile?: true } | undefined {
  const last = liveAtLastGc(stats, profile);
  if (last && goalAtLive(nextGC, last.liveBytes)) return { liveBytes: last.liveBytes };
  // HeapAlloc, never below the live heap the last GC marked, is already the live heap read (and under the goal's share of it).
  if (last?.heapAlloc) return undefined;
  if (last && profile.samplingRate && last.liveBytes + inuseSamplingError(last.liveBytes, profile.samplingRate) < nextGC / ONE_DUMP_GOAL_PER_LIVE) return undefined;
  return Math.abs(nextGC - heapAlloc) <= t.limitGoalNearLiveShare * heapAlloc ? { liveBytes: heapAlloc, withoutProfile: true } : undefined;
}

/**
 * Twice the standard error (~95 %) of a heap profile's in-use estimate of `inuseBytes` at sampling
 * rate `rate`: of small objects each sample stands for about `rate` bytes and the estimate's variance
 * is about rate² per sample (unsample.ts estimateVariance), so 2·rate·√(inuseBytes / rate). Larger
 * objects are sampled more surely: an upper bound.
 */
function inuseSamplingError(inuseBytes: number, rate: number): number {
  return 2 * Math.sqrt(rate * inuseBytes);
}

/**
 * `signs` of a series' snapshot whose stats are `now`, weighed by the allocation between it and the
 * snapshot before it (`before`): the average per cycle since the start is far below what a heap that
 * grew allocates per cycle today, so in a series the recent rate is the one to weigh. Undefined when
 * it is more than a sliver of the live heap: the GC lets the program allocate about the live heap per
 * cycle, GOGC's pace. The signs as they were when no GC ran between the two (or there is no before).
 */
export function recentLimitSigns(signs: MemoryLimitSigns | undefined, now: MemStats | undefined, before: MemStats | undefined, t: Thresholds): MemoryLimitSigns | undefined {
  if (!signs || !now || !before) return signs;
  const cycles = (s: MemStats): number | undefined => {
    const n = s.int('NumGC');
    return n === undefined ? undefined : n - (s.int('NumForcedGC') ?? 0);
  };
  const [c1, c0, a1, a0] = [cycles(now), cycles(before), now.int('TotalAlloc'), before.int('TotalAlloc')];
  if (c1 === undefined || c0 === undefined || a1 === undefined || a0 === undefined || c1 <= c0 || a1 < a0) return signs;
  const bytesPerCycle = (a1 - a0) / (c1 - c0);
  return bytesPerCycle > t.limitAllocPerCycleShareOfLive * signs.liveBytes ? undefined : { ...signs, bytesPerCycle, recent: true };
}

/** The evidence, in words: `the heap goal sits at the live heap (…), only … per GC cycle (…), so the GC ran … and used … of the CPU`. */
export function memoryLimitEvidence(s: MemoryLimitSigns): string {
  // The profiler's share is since the start: not a recent rate's.
  const leftOut = s.recent ? '' : profilerLeftOutWords(s.profilerBytes, s.totalAlloc);
  return `the heap goal sits at the live heap (NextGC ${formatBytes(s.nextGC)}, ${s.withoutProfile ? `HeapAlloc ${formatBytes(s.heapAlloc)}` : `${formatBytes(s.liveBytes)} live as of the last GC, where GOGC=100 sets about twice it`}), only ${formatBytes(s.bytesPerCycle)} is allocated per GC cycle (${s.recent ? 'since the snapshot before; ' : ''}${leftOut ? `${leftOut}; ` : ''}GOGC=100 alone allows about the live heap), so the GC ran ${countOf(s.gcCycles, 'time')} and used ${formatPercent(s.gcCpuFraction, 1)} of the CPU`;
}

/** How a known limit fits what Go holds (LimitFit): the JSON's `limitFit.fit`. */
export type LimitFitState = 'room' | 'binding' | 'cannot-be-met';

/**
 * How a known GOMEMLIMIT fits what Go holds, from one snapshot (reasoning.md §2.8):
 *  - `cannot-be-met`: the live heap alone is at or above it: no collection meets it;
 *  - `binding`: the heap goal is the limit's. The limit bounds Sys − HeapReleased, and what Go holds
 *    beside the heap's objects and free spans — fragmentation, goroutine stacks, runtime metadata
 *    (the runtime's nonHeapMemory) — no GC frees, so the heap may grow only to the limit less that
 *    before a GC (go1.19 memoryLimitHeapGoal, less 5%); the goal is the lower of it and GOGC's.
 *    NextGC at limitGoalCapShare of it or more is that goal: the GC runs more often than GOGC
 *    alone would make it, and the scavenger returns free memory at once to stay under the limit
 *    (the captured memlimit scenario: 8.3 MiB live under 20 MiB, but 12.3 MiB beside the heap
 *    leaves it 7.7 MiB: the goal sits at the live heap, 2,728 GCs);
 *  - `room`: the heap goal is below what the limit leaves (GOGC's): the limit is met with room.
 * Without NextGC, the goal GOGC=100 would set (twice the live heap) against what the limit leaves.
 */
export interface LimitFit {
  state: LimitFitState;
  limitBytes: number;
  liveBytes: number;
  /** Fragmentation + stacks + runtime metadata: what Go holds beside the heap's objects and free spans. */
  besideHeapBytes: number;
  /** The heap the limit leaves: the limit less besideHeapBytes (0 when nothing is left). */
  heapRoomBytes: number;
  nextGC: number | undefined;
  /** The goal above GOGC=100's (twice the live heap): GOGC is off or high, and the limit alone says when the GC runs. */
  aboveGogc: boolean;
  /** The live heap is an upper bound only (HeapAlloc between GCs): GOGC's goal cannot be told from it. */
  liveUpperBound: boolean;
  /** The live heap is the heap profile's sampled estimate. */
  liveEstimated: boolean;
}

export function limitFit(b: Breakdown, nextGC: number | undefined, liveBytes: number, limitBytes: number, t: Pick<Thresholds, 'limitGoalCapShare'>, liveUpperBound = false, liveEstimated = false): LimitFit {
  const besideHeapBytes = b.fragmentation + b.stacks + b.runtime;
  const heapRoomBytes = Math.max(0, limitBytes - besideHeapBytes);
  // The limit's goal is at most what it leaves the heap, or the live heap when that is more (the runtime never sets it lower):
  // a goal above both is GOGC's, not this limit's (a limit given that the process does not run with).
  const capped = nextGC !== undefined
    ? nextGC >= t.limitGoalCapShare * heapRoomBytes && nextGC <= (2 - t.limitGoalCapShare) * Math.max(heapRoomBytes, b.live)
    : 2 * liveBytes >= heapRoomBytes;
  const state = liveBytes >= limitBytes ? 'cannot-be-met' : capped ? 'binding' : 'room';
  return { state, limitBytes, liveBytes, besideHeapBytes, heapRoomBytes, nextGC, aboveGogc: !liveUpperBound && nextGC !== undefined && nextGC > 2 * liveBytes, liveUpperBound, liveEstimated };
}

/** The thresholds a fit reads: when the goal is the limit's (limitGoalCapShare), when it sits at the heap now (limitGoalNearLiveShare). */
export type FitThresholds = Pick<Thresholds, 'limitGoalCapShare' | 'limitGoalNearLiveShare'>;

/** What snapshotLimitFit reads of a snapshot (a SnapshotAnalysis, the rules' facts, lint's summary rebuilt). */
export interface LimitView {
  stats: MemStats | undefined;
  breakdown: Breakdown | undefined;
  /** The heap profile: how it was written, its MemProfileRate, its in-use bytes (as of the last GC). */
  profile: { format: ProfileFormat | undefined; samplingRate?: number | undefined; inuseBytes?: number | undefined };
}

/** The live heap as best the input tells it, and how that was read. */
export interface LiveEstimate {
  bytes: number;
  /** The clause that says it and where it comes from. */
  said: string;
  /** Only HeapAlloc read between GCs is known: live is at most this. */
  upperBound: boolean;
  /** The heap profile's sampled estimate, not an exact count. */
  estimated: boolean;
}

/**
 * How a known GOMEMLIMIT (`limitBytes`) fits what one snapshot's Go holds: the live heap read as
 * best the snapshot tells it (liveEstimate), then limitFit. The one computation of a snapshot's fit:
 * memory-limit-pressure's words, the snapshot's `limitFit`, and a series' verdict (its latest
 * snapshot's, or the one it speaks of) all read it, so that their figures (the heap the limit
 * leaves, the limit to raise it to) are one. Undefined without a breakdown, or with MemStats that break the identities.
 */
export function snapshotLimitFit(view: LimitView, limitBytes: number, t: FitThresholds): { fit: LimitFit; live: LiveEstimate } | undefined {
  const b = view.breakdown;
  // MemStats that break the identities (inconsistent-dump) fit no limit: nothing is reasoned from them.
  if (!b || (view.stats !== undefined && brokenIdentities(view.stats).length > 0)) return undefined;
  const nextGC = view.stats?.int('NextGC');
  const live = liveEstimate(view, b, limitBytes, nextGC, t);
  return { fit: limitFit(b, nextGC, live.bytes, limitBytes, t, live.upperBound, live.estimated), live };
}

/**
 * HeapAlloc counts garbage allocated since the last GC (reasoning.md §1); read between GCs it
 * is not the live heap (the captured go1.19 GOMEMLIMIT run at one moment: 45.0 MiB in
 * /debug/vars, 30.1 MiB in heap?debug=1, 17.9 MiB after ?gc=1's forced GC). The heap profile is
 * as of the last GC (§4): when HeapAlloc is within its sampling error of it (≤ 10% above), the
 * dump follows a GC (?gc=1 does) and HeapAlloc is the live heap; when above, the profile's
 * in-use estimate is. Without a profile (a scrape, /debug/vars), HeapAlloc is an upper bound.
 * But when the limit leaves the heap less than the heap goal, the goal is the heap the last GC
 * marked live: the runtime never sets it lower (go1.19 memoryLimitHeapGoal), and neither GOGC's
 * goal nor the limit's would be above what the limit leaves. Then the live heap is the goal, read
 * exactly, as far as HeapAlloc (which counts it) reaches: the captured memlimit scenario's
 * heap?debug=1 dumps, NextGC 8.3 MiB where 20 MiB less 11.8 MiB beside the heap leaves 8.2 MiB,
 * whose profile's sampled 6.3 MiB made memory-limit-pressure say "raise GOMEMLIMIT to at least
 * 24.4 MiB" beside the series' 28.4 MiB.
 */
function liveEstimate(view: LimitView, b: Breakdown, limitBytes: number, nextGC: number | undefined, t: FitThresholds): LiveEstimate {
  const heapAlloc = b.live;
  const room = limitBytes - (b.fragmentation + b.stacks + b.runtime);
  // The goal at the heap now (HeapAlloc counts the heap marked live: a goal far above it is GOGC's, of a limit the process does not run with).
  if (nextGC !== undefined && nextGC > room && nextGC <= (1 + t.limitGoalNearLiveShare) * heapAlloc && heapAlloc < limitBytes) {
    const bytes = Math.min(heapAlloc, nextGC);
    return { bytes, upperBound: false, estimated: false, said: `the live heap is ${formatBytes(bytes)} (the heap goal, NextGC ${formatBytes(nextGC)}, is above what the limit leaves the heap, so it is the heap the last GC marked live: the runtime never sets it lower)` };
  }
  const p = view.profile;
  const atLastGc = p.samplingRate !== undefined && p.inuseBytes !== undefined && !profilingOff(p.format) && (view.stats?.int('NumGC') ?? 0) > 0 ? p.inuseBytes : undefined;
  if (atLastGc === undefined) {
    return { bytes: heapAlloc, upperBound: true, estimated: false, said: `HeapAlloc is ${formatBytes(heapAlloc)}, which counts the garbage allocated since the last GC too: the live heap is at most that (heap?debug=1&gc=1 reads it right after a GC)` };
  }
  if (heapAlloc <= 1.1 * atLastGc) {
    return { bytes: heapAlloc, upperBound: false, estimated: false, said: `the live heap is ${formatBytes(heapAlloc)} (HeapAlloc, which the heap profile as of the last GC, ${formatBytes(atLastGc)}, bears out: little was allocated since)` };
  }
  return { bytes: atLastGc, upperBound: false, estimated: true, said: `the live heap was about ${formatBytes(atLastGc)} at the last GC (the heap profile's in-use estimate; HeapAlloc, ${formatBytes(heapAlloc)}, also counts what was allocated since, garbage included)` };
}

function profilingOff(format: ProfileFormat | undefined): boolean {
  return format?.profilingOff === true;
}

/**
 * `Go holds 12.3 MiB beside the heap (fragmentation, goroutine stacks, runtime metadata), which no
 * GC frees, so the limit leaves the heap 7.7 MiB, and the heap goal is there (NextGC 8.3 MiB),
 * where GOGC=100 would set about twice the live heap (16.6 MiB)`: why a limit above the live
 * heap binds (or, met with room, what it leaves the heap above its goal).
 */
export function fitWords(fit: LimitFit): string {
  const leaves = `Go holds ${formatBytes(fit.besideHeapBytes)} beside the heap (fragmentation, goroutine stacks, runtime metadata), which no GC frees, so the limit leaves the heap ${formatBytes(fit.heapRoomBytes)}`;
  if (fit.state !== 'binding') {
    if (fit.nextGC === undefined) return leaves;
    return fit.nextGC <= fit.heapRoomBytes ? `${leaves}, above its goal (NextGC ${formatBytes(fit.nextGC)})`
      : `${leaves}, below its goal (NextGC ${formatBytes(fit.nextGC)}): GOGC sets the goal, not this limit, which would hold it to what it leaves (is it the limit the process runs with?)`;
  }
  // Less than the live heap: the runtime never sets the goal below it (go1.19 memoryLimitHeapGoal), and the limit is not quite met.
  const under = fit.heapRoomBytes < fit.liveBytes;
  const goal = fit.nextGC === undefined ? '' : under
    ? `, less than the live heap: the heap goal is held at the live heap (NextGC ${formatBytes(fit.nextGC)}), the lowest the runtime sets it`
    : `, and the heap goal is there (NextGC ${formatBytes(fit.nextGC)})`;
  if (fit.liveUpperBound) return `${leaves}${goal}`;
  if (under && !fit.aboveGogc) return `${leaves}${goal}, where GOGC=100 would set about twice it (${formatBytes(2 * fit.liveBytes)}), and the limit is not quite met`;
  if (fit.aboveGogc) return `${leaves}${goal}, above twice the live heap (${formatBytes(2 * fit.liveBytes)}) where GOGC=100 would set it: GOGC is off or high, and the limit alone says when the GC runs`;
  return `${leaves}${goal}, where GOGC=100 would set about twice the live heap (${formatBytes(2 * fit.liveBytes)})`;
}

/** What a binding limit makes the GC do: run more often than GOGC would, or, GOGC off or high, whenever the heap reaches it. */
export function bindingPace(fit: LimitFit): string {
  return fit.aboveGogc ? 'the GC runs when the heap reaches it, the limit alone says when'
    : fit.liveUpperBound ? 'the GC runs whenever the heap reaches it' : 'the GC runs more often than GOGC alone would make it';
}

/**
 * The limit a binding one would have to be raised to for GOGC=100's goal to fit: what Go holds
 * beside the heap and twice the live heap. The one figure the verdicts and memory-limit-pressure
 * say (bindingFix), from one snapshot's fit (snapshotLimitFit); JSON `limitFit.raiseToBytes`.
 */
export function raiseLimitTo(fit: LimitFit): number {
  return fit.besideHeapBytes + 2 * fit.liveBytes;
}

/** A binding limit under GOGC (not off or high, the live heap read, not bounded): raising it to raiseLimitTo lets GOGC set the goal. */
export function raisingHelps(fit: LimitFit): boolean {
  return fit.state === 'binding' && !fit.aboveGogc && !fit.liveUpperBound;
}

/** What a binding limit asks: room for GOGC's goal beside what Go holds besides the heap (`raiseTo`: raiseLimitTo's figure); never a lower limit. */
export function bindingFix(raiseTo: number): string {
  return `raise GOMEMLIMIT to at least ${formatBytes(raiseTo)} (what Go holds beside the heap and twice the live heap, GOGC=100's goal), or reduce the live heap or what Go holds beside it; a lower limit binds harder`;
}

/** What a verdict advises a binding limit: bindingFix with raiseLimitTo's figure when raising it helps (raisingHelps), else without a figure. */
export function bindingAdvice(fit: LimitFit): string {
  return raisingHelps(fit) ? bindingFix(raiseLimitTo(fit)) : 'raise GOMEMLIMIT, or reduce the live heap or what Go holds beside it; a lower limit binds harder';
}

/**
 * A fit as the JSON report writes it (`snapshots[].limitFit`, `series.verdict.limitFit`;
 * docs/json.md): the state (`fit`), the limit and where it came from, the figures it is read from,
 * and, when raising the limit is the fix (raisingHelps), the figure to raise it to.
 */
export interface LimitFitJson {
  fit: LimitFitState;
  gomemlimitBytes: number;
  origin: KnownLimit['origin'];
  liveBytes: number;
  /** How the live heap was read: exact (HeapAlloc after a GC, or the goal held at it), estimated (the heap profile), at-most (HeapAlloc between GCs). */
  live: 'exact' | 'estimated' | 'at-most';
  besideHeapBytes: number;
  heapRoomBytes: number;
  nextGCBytes: number | null;
  /** Twice the live heap: GOGC=100's goal. */
  gogcGoalBytes: number;
  /** The goal is above GOGC=100's: GOGC is off or high, and the limit alone says when the GC runs. */
  goalAboveGogc: boolean;
  raiseToBytes?: number;
}

export function limitFitJson(fit: LimitFit, origin: KnownLimit['origin']): LimitFitJson {
  return {
    fit: fit.state, gomemlimitBytes: fit.limitBytes, origin, liveBytes: fit.liveBytes,
    live: fit.liveUpperBound ? 'at-most' : fit.liveEstimated ? 'estimated' : 'exact',
    besideHeapBytes: fit.besideHeapBytes, heapRoomBytes: fit.heapRoomBytes, nextGCBytes: fit.nextGC ?? null,
    gogcGoalBytes: 2 * fit.liveBytes, goalAboveGogc: fit.aboveGogc,
    ...(raisingHelps(fit) ? { raiseToBytes: raiseLimitTo(fit) } : {}),
  };
}

/** How a series verdict says a heap held up to a known limit whose goal is no GOGC's (GOGC off or high): the limit alone triggers the GC. */
export const HELD_BY_DESIGN = 'the heap is held up to the memory limit by design';

/** What to do: never "set a GOMEMLIMIT" — one is most likely set already. */
export const CHECK_THE_LIMIT = 'pass --gomemlimit to check against it';

/** The sentence for a verdict. */
export function memoryLimitSentence(s: MemoryLimitSigns): string {
  return `A memory limit is likely set (GOMEMLIMIT, or a very low GOGC): ${memoryLimitEvidence(s)}; ${CHECK_THE_LIMIT}.`;
}

/**
 * The sentence a snapshot's verdict leads with when a known limit (--gomemlimit, a scrape's) binds
 * and the dump shows its marks (memoryLimitSigns): what the verdict says without the limit, the
 * limit's guess, said as the fact it now is (limitthrash: GOGC=off, GOMEMLIMIT=48MiB, 44 MiB live).
 */
export function bindingLimitSentence(s: MemoryLimitSigns, limit: number, retained: number): string {
  return `The memory limit binds, GC thrash: Go holds ${formatBytes(retained)}, ${formatPercent(retained, limit)} of GOMEMLIMIT (${formatBytes(limit)}); ${memoryLimitEvidence(s)}.`;
}

/** How the words that say a leak is held at its memory limit begin (a series' verdict, a GC log's: exposition/gctrace.ts). */
export const LEAK_AT_LIMIT = 'A leak at its memory limit';

/**
 * What the words that assert a limit nobody gave ask for (a series' held goal, a GC log's capped
 * one): the limit itself, to see where Go stood against it. '' once a limit is known.
 */
export const CHECK_WHERE_GO_STOOD = ' (pass --gomemlimit, or a /metrics scrape of the process, to see where Go stood against it)';

/** Where a live heap that grows at its memory limit goes: `cpu`, the GC's CPU share as the input says it. */
function thrashThenOom(cpu: string): string {
  return `next come GC thrash (the GC running back to back, its CPU share climbing: ${cpu}) and, once the live heap outgrows the limit, an OOM kill`;
}

/**
 * `A leak at its memory limit: the limit holds the heap down by collecting ever more often as the
 * live heap grows into it (about 1 MB of room at each GC by the end of the log); next come GC
 * thrash (…) and, once the live heap outgrows the limit, an OOM kill. Raising GOMEMLIMIT only buys
 * time: …` — a leak (a series' verdict, a GC log's) whose heap goal a memory limit holds. `room`:
 * the room each GC has, and where it is read; `cpu`: the GC's CPU share; `ask`: what to give to
 * see the limit (CHECK_WHERE_GO_STOOD), '' once it is known.
 */
export function leakAtLimitWords(room: string, cpu: string, ask: string): string {
  return `${LEAK_AT_LIMIT}: the limit holds the heap down by collecting ever more often as the live heap grows into it (${room}); ${thrashThenOom(cpu)}. Raising GOMEMLIMIT only buys time${ask}: find what keeps growing (heap profiles taken some time apart).`;
}

/** The same for a live heap that rose at its limit, short of leak evidence: what comes if it goes on growing. */
export function growingAtLimitWords(room: string, cpu: string, ask: string): string {
  return `If the live heap goes on growing at its memory limit (${room}), ${thrashThenOom(cpu)}${ask}.`;
}

/** The GOGC that sets a goal of `goal` over a live heap of `live` (one unit, at least 1 of it): a GOGC below 100 a capped goal may be. At least 1. */
export function gogcFor(goal: number, live: number): number {
  return Math.max(1, Math.round((goal / Math.max(live, 1) - 1) * 100));
}

/** A heap goal this far below GOGC=100's (twice the live heap) is capped: a memory limit's, or a GOGC below 100 (exposition/gctrace.ts goalCapped). */
export const CAP_PER_GOGC_GOAL = 0.9;

/**
 * One dump's goal at most this many times the live heap its profile counts (cappedGoal): far below
 * GOGC=100's 2×. Not CAP_PER_GOGC_GOAL's 1.8: the profile's in-use bytes are a sampled estimate that
 * lags the goal set at the last GC, and real go1.19 heap?debug=1 dumps under GOGC=100 read down to
 * 1.39 (go1.19-audit-work/05b-workingset-gogc100, 04-t12: NextGC 33.6 MiB over 24.2 MiB in use)
 * and 1.42 (go1.19-audit-verdicts/a2-slowleak-gc1), GOGC=50 1.5 (go1.19-audit29-freeos), while those
 * under a binding GOMEMLIMIT read 1.0–1.23 (go1.19-audit30-memlimit's last four, plateau-limit40's
 * from its second moment on).
 */
export const ONE_DUMP_GOAL_PER_LIVE = 1.25;

/** …over an in-use estimate of at least this many sampling intervals (MemProfileRate): a few samples' estimate may be half again the truth. */
const ONE_DUMP_MIN_SAMPLES = 32;

/** One dump's heap goal far below GOGC=100's for the live heap its profile counts (cappedGoal). */
export interface CappedGoal {
  nextGC: number;
  /** The live heap the last GC marked, as best the dump tells it: the heap profile's in-use bytes (as of the last GC), or HeapAlloc when less. */
  liveBytes: number;
  /** The live heap is HeapAlloc (the profile counted more: its sampling error), not the profile's estimate. */
  heapAlloc: boolean;
}

/**
 * A heap goal (NextGC) at most ONE_DUMP_GOAL_PER_LIVE times the live heap the last GC marked, in
 * one heap?debug=1 dump: GOGC=100 sets it at twice that (and more with stacks and globals), so a
 * goal this far below is capped — by a memory limit, or a GOGC of 25 or less; one dump cannot tell
 * which, nor whether GOGC is off (a series can: series/heldgoal.ts). The live heap is the heap
 * profile's in-use bytes (as of the last GC, as NextGC is), or HeapAlloc when less (it never is
 * below the heap the last GC marked), from ONE_DUMP_MIN_SAMPLES samples at least. HeapAlloc alone,
 * read between GCs, is no lower bound, so a file without a profile (/debug/vars, a scrape) says
 * nothing, nor does a binary profile paired with one (another moment than its MemStats). The
 * captured go1.19-audit30-memlimit's last ?gc=1 dump (GOGC=off GOMEMLIMIT=64MiB): NextGC 51.3 MiB
 * over 51.2 MiB live, where GOGC=100 sets about 102 MiB.
 */
export function cappedGoal(stats: MemStats | undefined, profile: LimitView['profile']): CappedGoal | undefined {
  const nextGC = stats?.int('NextGC');
  const last = liveAtLastGc(stats, profile);
  if (nextGC === undefined || !last || !goalAtLive(nextGC, last.liveBytes)) return undefined;
  return { nextGC, ...last };
}

/**
 * The live heap the last GC marked, as best one heap?debug=1 dump tells it: its heap profile's
 * in-use bytes (as of the last GC, as NextGC is), or HeapAlloc when less (it never is below the
 * heap the last GC marked), from ONE_DUMP_MIN_SAMPLES samples at least. HeapAlloc alone, read
 * between GCs, is no lower bound, so a file without a profile (/debug/vars, a scrape) says
 * nothing, nor does a binary profile paired with one (another moment than its MemStats).
 */
function liveAtLastGc(stats: MemStats | undefined, profile: LimitView['profile']): { liveBytes: number; heapAlloc: boolean } | undefined {
  const heapAlloc = stats?.int('HeapAlloc');
  const rate = profile.samplingRate;
  const sameMoment = profile.format !== undefined && !profile.format.binary && !profilingOff(profile.format);
  const inuse = sameMoment && rate && (stats?.int('NumGC') ?? 0) > 0 ? profile.inuseBytes : undefined;
  if (heapAlloc === undefined || inuse === undefined || rate === undefined || inuse < ONE_DUMP_MIN_SAMPLES * rate) return undefined;
  return { liveBytes: Math.min(inuse, heapAlloc), heapAlloc: heapAlloc < inuse };
}

/** A goal at most ONE_DUMP_GOAL_PER_LIVE times the live heap the last GC marked; near the runtime's minimum goal (4 MiB at GOGC=100), which GOGC=100 sets below 2 MiB live, it says nothing of a cap. */
function goalAtLive(nextGC: number, liveBytes: number): boolean {
  return nextGC > 1.05 * HEAP_MINIMUM && nextGC <= ONE_DUMP_GOAL_PER_LIVE * liveBytes;
}

/**
 * `The heap goal (NextGC 51.6 MiB) is far below what GOGC=100 would set for this live heap, about twice
 * the 42.5 MiB the heap profile counts …, 84.9 MiB. A memory limit holds it down (…), or a very
 * low GOGC (GOGC=21 …); one dump cannot tell which, …`: said with care (cappedGoal).
 */
export function cappedGoalSentence(c: CappedGoal): string {
  const live = c.heapAlloc
    ? `${formatBytes(c.liveBytes)} live (HeapAlloc; the heap profile counts at least as much in use as of the last GC, when NextGC was set)`
    : `${formatBytes(c.liveBytes)} the heap profile counts in use as of the last GC, when NextGC was set`;
  return `The heap goal (NextGC ${formatBytes(c.nextGC)}) is far below what GOGC=100 would set for this live heap, about twice the ${live}, ${formatBytes(2 * c.liveBytes)}. A memory limit holds it down (GOMEMLIMIT, or debug.SetMemoryLimit), or a very low GOGC (GOGC=${gogcFor(c.nextGC, c.liveBytes)} sets about that goal over that live heap); one dump cannot tell which, nor whether GOGC is off beside a limit: dumps taken some time apart can (a goal that stays put while the live heap moves is a limit's, one that follows it GOGC's), or ${CHECK_THE_LIMIT}.`;
}
