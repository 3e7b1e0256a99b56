/**
 * What a heap dump's goal (NextGC against HeapAlloc) says of when it was read: right after a GC or
 * some time after. A module of its own: the one-dump verdict (verdict.ts profileLag) and the
 * series' reading of forced GCs (series/forced.ts) both ask it, and the series' model imports the
 * verdict's types.
 */
import type { MemStats } from './memstats.js';
import { SERIES_THRESHOLDS } from './series/thresholds.js';
import { HEAP_MINIMUM } from './gcoff.js';

/** What the goal is read from: a snapshot's MemStats. */
type Stats = { stats?: MemStats | undefined };

/**
 * What a snapshot's heap goal says of when it was read: `just-collected` (NextGC at least
 * justCollectedGoalRatio times HeapAlloc: the goal set from the heap just marked), `allocated-since`
 * (HeapAlloc is past what a just-finished cycle leaves: it was read some time after its last GC),
 * `minimum` (the goal is at most the runtime's minimum, HEAP_MINIMUM: a small heap gets it
 * at any time, so it says nothing), `unknown` (no NextGC or HeapAlloc).
 */
export type GoalReading = 'just-collected' | 'allocated-since' | 'minimum' | 'unknown';

export function goalReading(s: Stats | undefined): GoalReading {
  const nextGC = s?.stats?.int('NextGC');
  const heapAlloc = s?.stats?.int('HeapAlloc');
  if (nextGC === undefined || heapAlloc === undefined || heapAlloc === 0) return 'unknown';
  if (nextGC < SERIES_THRESHOLDS.justCollectedGoalRatio * heapAlloc) return 'allocated-since';
  // A heap of under 2 MiB has the minimum goal whenever it is read, right after a GC or long after:
  // the captured go1.19-audit30-readall's plain dumps 03–05, 200–320 KiB read 30–120 s after the
  // other capture's ?gc=1, NextGC 4,194,304, were taken for readings right after it.
  return nextGC <= HEAP_MINIMUM ? 'minimum' : 'just-collected';
}

/**
 * Whether a snapshot's MemStats do not contradict a GC that had just finished (goalReading is not
 * `allocated-since`); true when either figure is missing. NumForcedGC rising says a forced GC ran
 * since the last snapshot, not that this one was read right after it: a plain heap?debug=1 taken
 * after an earlier ?gc=1 (the captured go1.19-audit29-subslice's, whose HeapAlloc rose by 100 MiB
 * since that GC, NextGC 1.25 times it).
 */
export function goalSaysJustCollected(s: Stats | undefined): boolean {
  return goalReading(s) !== 'allocated-since';
}

