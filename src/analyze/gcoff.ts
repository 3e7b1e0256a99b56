/**
 * The GC turned off: GOGC=off with no memory limit (reasoning.md §2, "The GC turned off"). The
 * runtime's heap goal is then at its maximum: GOGC's goal is infinite and the memory limit's is
 * math.MaxInt64 less the memory outside the heap (go1.19: NextGC 9223372036842315471; before
 * go1.19, ^uint64(0)). No heap size starts a GC: only forced ones run (runtime.GC,
 * debug.FreeOSMemory, heap?gc=1), and between them the heap keeps everything the program
 * allocates, garbage included. With a GOMEMLIMIT the goal stays below the limit: not this.
 * A dump, a /debug/vars document and a scrape (go_memstats_next_gc_bytes, go_gc_heap_goal_bytes)
 * all carry NextGC; a gctrace log prints the goal in MB (exposition/gctrace.ts).
 */
import type { MemStats } from './memstats.js';
import { profilerAllocatedBytes, profilerLeftOut, programAllocatedBytes } from './allocation.js';
import type { AllocationSite } from './profile.js';
import { countOf, formatBytes } from '../text/units.js';

/** A heap goal this large is no goal: GOGC=off with no memory limit (the runtime reports ~2^63). */
export const GC_OFF_GOAL = 2 ** 62;

export interface GcOff {
  /** NextGC, bytes (~2^63). */
  nextGC: number;
  numGC: number;
  /** NumForcedGC, when the input has it. */
  numForcedGC: number | undefined;
  heapAlloc: number | undefined;
  totalAlloc: number | undefined;
  /** What the profiler's own sites allocated since the start, as the snapshot's profile counts it (allocation.ts); 0 without one. */
  profilerBytes: number;
}

/**
 * The GC is off in this snapshot (NextGC at GC_OFF_GOAL or above), with the counts the words need;
 * undefined otherwise. `sites`: the snapshot's profile, whose profiler sites' allocations the
 * figure per GC leaves out.
 */
export function gcOff(stats: MemStats | undefined, sites?: readonly AllocationSite[]): GcOff | undefined {
  const nextGC = stats?.int('NextGC');
  if (!stats || nextGC === undefined || nextGC < GC_OFF_GOAL) return undefined;
  return { nextGC, numGC: stats.int('NumGC') ?? 0, numForcedGC: stats.int('NumForcedGC'), heapAlloc: stats.int('HeapAlloc'), totalAlloc: stats.int('TotalAlloc'), profilerBytes: profilerAllocatedBytes(sites) };
}

/** What to do, whatever the input: the GC must be let run. */
export const SET_GOGC = 'set GOGC (unset, it is 100) or a GOMEMLIMIT, so that the GC runs as the heap grows';

/**
 * GCs that ran by themselves (NumGC − NumForcedGC) in a snapshot whose GC is off now. With GOGC=off
 * from the start and no limit, only forced GCs run (runtime.GC, debug.FreeOSMemory, ?gc=1: each
 * counted in NumForcedGC; the periodic GC does not run with GOGC off), so any other one says the GC
 * was on before: the program turned it off while running (the captured go1.19-audit44-gcphase:
 * debug.SetGCPercent(-1) at t20, plain/heap-t36.txt NumGC 13, NumForcedGC 3). 0 when NumForcedGC
 * is unknown.
 */
export function unforcedGCs(off: GcOff): number {
  return off.numForcedGC === undefined ? 0 : Math.max(0, off.numGC - off.numForcedGC);
}

/** How the GC came to be off, in the parenthesis after "the GC is off". */
function howOff(off: GcOff): string {
  return unforcedGCs(off) > 0
    ? 'turned off while the program ran, no memory limit'
    : 'GOGC=off, no GOMEMLIMIT';
}

/**
 * What to do for this snapshot's GC: SET_GOGC, unless the program turned it off while running,
 * which GOGC in the environment cannot undo (debug.SetGCPercent overrides it).
 */
export function letTheGcRun(off: GcOff): string {
  return unforcedGCs(off) > 0
    ? 'find where the program turns the GC off (debug.SetGCPercent(-1)) and turn it back on when that phase ends (debug.SetGCPercent with the value the call returned), or give the phase a memory limit (debug.SetMemoryLimit), so that the GC runs as the heap grows: GOGC in the environment cannot undo a call made at run time'
    : SET_GOGC;
}

/** How to see the live heap: a heap dump's own URL takes ?gc=1; /debug/vars and /metrics cannot run a GC. */
export function measureLiveHeap(profiled: boolean): string {
  return profiled
    ? 'to measure the live heap, add ?gc=1 to the heap URL (heap?debug=1&gc=1 runs a GC before the dump, so that its HeapAlloc is the live heap)'
    : 'to measure the live heap, take heap?debug=1&gc=1 dumps (each runs a GC first, so that its HeapAlloc is the live heap; /debug/vars and /metrics cannot run one)';
}

/** `no GC has run, NumGC 0`, `all 5 GCs were forced, NumForcedGC 5`, `3 of its 7 GCs were forced`; '' when NumForcedGC is unknown. */
export function forcedGCWords(off: GcOff): string {
  const forced = off.numForcedGC;
  if (off.numGC === 0) return 'no GC has run, NumGC 0';
  const unforced = unforcedGCs(off);
  if (unforced === off.numGC) return `${off.numGC === 1 ? 'its one GC' : `all ${countOf(off.numGC, 'GC')}`} ran by themselves before it was turned off, none forced`;
  if (unforced > 0) return `${unforced} of its ${countOf(off.numGC, 'GC')} ran by themselves before it was turned off, ${forced ?? 0} ${forced === 1 ? 'was' : 'were'} forced`;
  if (forced === off.numGC) return `${off.numGC === 1 ? 'the one GC was' : off.numGC === 2 ? 'both GCs were' : `all ${countOf(off.numGC, 'GC')} were`} forced, NumForcedGC ${forced}`;
  return forced === undefined ? '' : `${forced} of its ${countOf(off.numGC, 'GC')} were forced`;
}

/**
 * `GOGC=off, no GOMEMLIMIT: NextGC 8.0 EiB, about 2^63, and no GC has run, NumGC 0` — or `…;
 * all 5 GCs were forced, NumForcedGC 5` — what says the GC is off, in a parenthesis after "the
 * GC is off". `where`: ` in every snapshot`, after NextGC's value.
 */
export function gcOffEvidence(off: GcOff, where = ''): string {
  const gcs = forcedGCWords(off);
  return `${howOff(off)}: NextGC ${formatBytes(off.nextGC)}${where}, about 2^63${gcs === '' ? '' : off.numGC === 0 ? `, and ${gcs}` : `; ${gcs}`}`;
}

/**
 * What the program allocated per GC on average, when a GC ran: TotalAlloc, less what the
 * profiler's own sites allocated (allocation.ts, as a series' rate leaves them out), over NumGC.
 */
export function allocatedPerGC(off: GcOff): number | undefined {
  const allocated = off.totalAlloc === undefined ? undefined : programAllocatedBytes(off.totalAlloc, off.profilerBytes);
  return off.numGC > 0 && allocated !== undefined ? allocated / off.numGC : undefined;
}

/**
 * How allocatedPerGC is reckoned, in the words beside it: `TotalAlloc / NumGC`, and `, the
 * profiler's own 33.9 MiB left out` whenever the profile counts any (the formula is printed, so
 * the figure must match it, however little they move it).
 */
export function allocatedPerGCBasis(off: GcOff): string {
  const leftOut = profilerLeftOut(off.profilerBytes);
  return `TotalAlloc / NumGC${leftOut ? `, ${leftOut}` : ''}`;
}

/**
 * `The GC is off (…): only forced GCs run, so between them the heap keeps everything the program
 * allocates (41.3 MiB per GC on average: TotalAlloc / NumGC)` — for a snapshot that had forced
 * GCs, whose idle heap or peak that garbage explains. No final period.
 */
export function betweenForcedGCs(off: GcOff): string {
  const per = allocatedPerGC(off);
  return `The GC is off (${gcOffEvidence(off)}): only forced GCs run, so between them the heap keeps everything the program allocates${per === undefined ? '' : ` (${formatBytes(per)} per GC on average: ${allocatedPerGCBasis(off)})`}`;
}

/** The runtime's smallest heap goal at GOGC=100 (src/runtime/mgcpacer.go defaultHeapMinimum; it scales with GOGC). */
export const HEAP_MINIMUM = 4 * 1024 * 1024;

/** A GOGC this far above the default (100) is one the program or its environment set: worth saying. */
export const GOGC_SET_ABOVE = 150;

export interface ImpliedGogc {
  /** GOGC as the goal implies it, rounded (to tens from 50 up). */
  gogc: number;
  /** NextGC, bytes. */
  goal: number;
  /** HeapAlloc, bytes: the heap marked, right after a GC. */
  live: number;
  /** StackInuse counted into the goal's base (go1.18 and later), bytes; 0 before. */
  stacks: number;
}

/**
 * The GOGC a heap goal implies (reasoning.md §1: NextGC is the heap goal). The goal is the heap the
 * last GC marked plus GOGC% of it — since go1.18 of it plus the scannable stacks and globals
 * (src/runtime/mgcpacer.go; globals are not in MemStats, small as a rule) — so right after a GC,
 * as a ?gc=1 dump reads it, (NextGC − HeapAlloc) / (HeapAlloc + StackInuse) × 100 is GOGC; read
 * later, HeapAlloc has grown past the heap marked and it is a lower bound (a GOMEMLIMIT lowers the
 * goal too). The captured go1.19-audit29-freeos under SetGCPercent(400): NextGC 163.0 MiB beside
 * 32.4 MiB live and 352 KiB of stacks, GOGC ≈ 400. Undefined with the GC off, a goal at the
 * runtime's minimum (4 MiB × GOGC/100, which says nothing of GOGC), or a field missing.
 * `stacksCount`: false for a Go known to be older than go1.18. `marked`: the heap the last GC
 * marked when not HeapAlloc (a heap profile's in-use, as of that GC). The stacks counted are half
 * StackInuse: go1.19 counts the stack bytes the GC scanned, at most StackInuse (the captured
 * go1.19-audit41-gogc's ?gc=1 dumps under SetGCPercent(400): 9.3 MiB live, 512 KiB of stacks,
 * gctrace's `0 MB stacks`, GOGC 390 with all of it counted, 411 with none).
 */
export function impliedGogc(stats: MemStats | undefined, stacksCount: boolean, marked?: number): ImpliedGogc | undefined {
  const goal = stats?.int('NextGC');
  const live = marked ?? stats?.int('HeapAlloc');
  if (goal === undefined || live === undefined || live <= 0 || goal >= GC_OFF_GOAL || goal <= live) return undefined;
  const stacks = stacksCount ? stats?.int('StackInuse') ?? 0 : 0;
  // The goal counts the stack bytes the last GC scanned, between none and StackInuse: the middle.
  const exact = ((goal - live) / (live + stacks / 2)) * 100;
  if (goal <= 1.05 * HEAP_MINIMUM * Math.max(1, exact / 100)) return undefined;
  return { gogc: exact >= 50 ? Math.round(exact / 10) * 10 : Math.round(exact), goal, live, stacks };
}

/**
 * `NextGC (163.0 MiB) is 5.0 times the live heap and stacks (HeapAlloc 32.4 MiB + StackInuse
 * 352.0 KiB): the heap goal of GOGC ≈ 400, not the default 100 (…)`.
 */
export function impliedGogcWords(g: ImpliedGogc): string {
  return `${impliedGogcRatioWords(g)} (read right after a GC, as a ?gc=1 dump is, that is the GOGC in effect; read later, GOGC is at least that)`;
}

/**
 * `NextGC (163.0 MiB) is 5.0 times the live heap and stacks (HeapAlloc 32.4 MiB + StackInuse
 * 352.0 KiB): the heap goal of GOGC ≈ 400, not the default 100` — impliedGogcWords without the
 * hedge, for a reading known to be right after a GC (a ?gc=1 series').
 */
export function impliedGogcRatioWords(g: ImpliedGogc): string {
  const base = g.stacks > 0 ? `the live heap and stacks (HeapAlloc ${formatBytes(g.live)} + StackInuse ${formatBytes(g.stacks)})` : `the live heap (HeapAlloc ${formatBytes(g.live)})`;
  return `NextGC (${formatBytes(g.goal)}) is ${(g.goal / (g.live + g.stacks)).toFixed(1)} times ${base}: the heap goal of GOGC ≈ ${g.gogc}, not the default 100`;
}
