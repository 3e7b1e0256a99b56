/**
 * A memory limit seen from MemStats alone (reasoning.md §2, "A memory limit nobody mentioned").
 * A dump does not carry GOMEMLIMIT, but a limit leaves marks: the heap goal (NextGC) is held at
 * the live heap instead of GOGC's 2×, so every GC cycle lets only a sliver be allocated, the GC
 * runs thousands of times and costs CPU. When all three marks are there, heapdoc says a limit is
 * likely set and asks for --gomemlimit, instead of advising to set one.
 */
import type { FactOrigin } from '../input/snapshot.js';
import type { Breakdown } from './breakdown.js';
import type { MemStats } from './memstats.js';
import type { Thresholds } from './thresholds.js';
import { profilerAllocatedBytes, profilerLeftOutWords, programAllocatedBytes } from './allocation.js';
import type { AllocationSite } from './profile.js';
import { countOf, formatBytes, formatPercent } from '../text/units.js';

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
  gcCpuFraction: number;
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
}

/**
 * `s` knowing `limit`, in place, as if its input had reported it: the limit known, and its marks
 * of a limit (memoryLimit, a guess) those of the known one (limitPressure).
 */
export function learnLimit(s: LimitKnowledge, limit: KnownLimit): void {
  s.knownLimit = limit;
  if (!s.memoryLimit) return;
  s.limitPressure = { ...s.memoryLimit, gomemlimit: limit.bytes };
  s.memoryLimit = undefined;
}

/** `given` (analyze's --gomemlimit, lint's memory-limit-pressure option), `as the process reports it (go_gc_gomemlimit_bytes)`. */
export function limitOriginWords(limit: KnownLimit): string {
  return limit.origin === 'reported' ? 'as the process reports it (go_gc_gomemlimit_bytes)' : 'given';
}

/** The marks of a memory limit in one snapshot, when all are there; `sites`: its profile's, whose profiler allocations the figure per cycle leaves out. */
export function memoryLimitSigns(stats: MemStats | undefined, t: Thresholds, sites?: readonly AllocationSite[]): MemoryLimitSigns | undefined {
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
  const profilerBytes = profilerAllocatedBytes(sites);
  const bytesPerCycle = programAllocatedBytes(totalAlloc, profilerBytes) / gcCycles;
  const goalAtLive = Math.abs(nextGC - heapAlloc) <= t.limitGoalNearLiveShare * heapAlloc;
  const sliverPerCycle = bytesPerCycle <= t.limitAllocPerCycleShareOfLive * heapAlloc;
  if (!goalAtLive || !sliverPerCycle || gcCpuFraction < t.gcCpuFraction) return undefined;
  return { gcCycles, bytesPerCycle, totalAlloc, profilerBytes, heapAlloc, nextGC, gcCpuFraction };
}

/** The evidence, in words: `the heap goal sits at the live heap (…), only … per GC cycle (…), so the GC ran … and used … of the CPU`. */
export function memoryLimitEvidence(s: MemoryLimitSigns): string {
  const leftOut = profilerLeftOutWords(s.profilerBytes, s.totalAlloc);
  return `the heap goal sits at the live heap (NextGC ${formatBytes(s.nextGC)}, HeapAlloc ${formatBytes(s.heapAlloc)}), only ${formatBytes(s.bytesPerCycle)} is allocated per GC cycle (${leftOut ? `${leftOut}; ` : ''}GOGC=100 alone allows about the live heap), so the GC ran ${countOf(s.gcCycles, 'time')} and used ${formatPercent(s.gcCpuFraction, 1)} of the CPU`;
}

/**
 * How a known GOMEMLIMIT fits what Go holds, from one snapshot (reasoning.md §2.8):
 *  - `over`: the live heap alone is at or above it: no collection meets it;
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
  state: 'room' | 'binding' | 'over';
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
}

export function limitFit(b: Breakdown, nextGC: number | undefined, liveBytes: number, limitBytes: number, t: Pick<Thresholds, 'limitGoalCapShare'>, liveUpperBound = false): LimitFit {
  const besideHeapBytes = b.fragmentation + b.stacks + b.runtime;
  const heapRoomBytes = Math.max(0, limitBytes - besideHeapBytes);
  // The limit's goal is at most what it leaves the heap, or the live heap when that is more (the runtime never sets it lower):
  // a goal above both is GOGC's, not this limit's (a limit given that the process does not run with).
  const capped = nextGC !== undefined
    ? nextGC >= t.limitGoalCapShare * heapRoomBytes && nextGC <= (2 - t.limitGoalCapShare) * Math.max(heapRoomBytes, b.live)
    : 2 * liveBytes >= heapRoomBytes;
  const state = liveBytes >= limitBytes ? 'over' : capped ? 'binding' : 'room';
  return { state, limitBytes, liveBytes, besideHeapBytes, heapRoomBytes, nextGC, aboveGogc: !liveUpperBound && nextGC !== undefined && nextGC > 2 * liveBytes, liveUpperBound };
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

/** What a binding limit asks: room for GOGC's goal beside what Go holds besides the heap; never a lower limit. */
export function bindingFix(fit: LimitFit): string {
  return `raise GOMEMLIMIT to at least ${formatBytes(fit.besideHeapBytes + 2 * fit.liveBytes)} (what Go holds beside the heap and twice the live heap, GOGC=100's goal), or reduce the live heap or what Go holds beside it; a lower limit binds harder`;
}

/** How a series verdict says a heap held up to a known limit whose goal is no GOGC's (GOGC off or high): the limit alone triggers the GC. */
export const HELD_BY_DESIGN = 'the heap is held up to the memory limit by design';

/** What to do: never "set a GOMEMLIMIT" — one is most likely set already. */
export const CHECK_THE_LIMIT = 'pass --gomemlimit to check against it';

/** The sentence for a verdict. */
export function memoryLimitSentence(s: MemoryLimitSigns): string {
  return `A memory limit is likely set (GOMEMLIMIT, or a very low GOGC): ${memoryLimitEvidence(s)}; ${CHECK_THE_LIMIT}.`;
}
