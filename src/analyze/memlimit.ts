/**
 * A memory limit seen from MemStats alone (reasoning.md §2, "A memory limit nobody mentioned").
 * A dump does not carry GOMEMLIMIT, but a limit leaves marks: the heap goal (NextGC) is held at
 * the live heap instead of GOGC's 2×, so every GC cycle lets only a sliver be allocated, the GC
 * runs thousands of times and costs CPU. When all three marks are there, heapdoc says a limit is
 * likely set and asks for --gomemlimit, instead of advising to set one.
 */
import type { FactOrigin } from '../input/snapshot.js';
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

/** What to do: never "set a GOMEMLIMIT" — one is most likely set already. */
export const CHECK_THE_LIMIT = 'pass --gomemlimit to check against it';

/** The sentence for a verdict. */
export function memoryLimitSentence(s: MemoryLimitSigns): string {
  return `A memory limit is likely set (GOMEMLIMIT, or a very low GOGC): ${memoryLimitEvidence(s)}; ${CHECK_THE_LIMIT}.`;
}
