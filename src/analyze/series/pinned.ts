/**
 * A heap goal pinned at the live heap, in a series of heap dumps: what each dump alone says as "A
 * memory limit holds it down" (memlimit.ts cappedGoal), read across the series, so that the
 * series' verdict names it and, when the goal fell to it between two snapshots, when it began
 * (docs/reasoning.md §2, "A memory limit set at run time"). A goal at the live heap is a limit's
 * (GOMEMLIMIT, or debug.SetMemoryLimit) or a GOGC near 0's; one that fell to it while the live heap
 * held was set while the process ran. The captured go1.19-audit45-setlimit (48 MiB held,
 * SetMemoryLimit(32 MiB) at t≈30 s): NextGC 96.9 MiB at t26, 48.2 MiB from t36 on beside profiles of
 * 48.9 MiB, the GC 3,847 times between the two, was "Stable: live heap 48.6 MiB → 48.5 MiB" with
 * no word of the limit.
 */
import { cappedGoal, gogcFor, ONE_DUMP_GOAL_PER_LIVE } from '../memlimit.js';
import { countOf, formatBytes, formatCount } from '../../text/units.js';
import type { SeriesSnapshot } from './model.js';
import { goalRange, PINNED_CAUSE } from './heldgoal.js';

/**
 * Whether a snapshot's heap goal is pinned at the live heap its own profile counts (memlimit.ts
 * cappedGoal, what one dump's "A memory limit holds it down" reads): a limit's goal, or a GOGC near
 * 0. The GC then runs as soon as anything is allocated, so HeapAlloc, between that heap and a goal at
 * it, is the live heap whenever it is read, and a runtime.GC() (?gc=1) often joins a cycle already
 * running, which NumForcedGC does not count (go1.19 runtime.GC starts a cycle only if none began
 * since it was called): the captured go1.19-audit45-setlimit's gc1/heap-t46.txt, NumForcedGC 4 as at
 * t36, 5,155 GCs between them. A heap dump in text only: a binary profile is of another moment.
 */
export function goalPinned(s: SeriesSnapshot | undefined): boolean {
  return s !== undefined && s.profile.format?.binary === false && cappedGoal(s.stats, s.profile) !== undefined;
}

/** A series' heap goal pinned at the live heap from snapshot `from` (0-based, of `snapshots`) to the latest (goalPinnedFrom). */
export interface PinnedGoal {
  /** The first pinned dump, and the last dump before it (not pinned), when there is one. */
  from: number;
  before: number | undefined;
  last: number;
  lowNextGCBytes: number;
  highNextGCBytes: number;
  /** NextGC of the dump before, when there is one. */
  beforeNextGCBytes: number | undefined;
  /** The latest dump's heap profile in use (as of its last GC). */
  inUseBytes: number;
  /** GCs from the dump before (or the first pinned one) to the latest; between the dump before and the first pinned; in the step before that. */
  gcs: number;
  stepGcs: number | undefined;
  earlierStepGcs: number | undefined;
  /** The dump before `before`, whose step to it earlierStepGcs counts. */
  earlier: number | undefined;
  /** HeapReleased at the dump before (or the first pinned) and at the latest. */
  released: readonly [number, number] | undefined;
}

/**
 * The heap goal pinned at the live heap (goalPinned) at every heap dump in text of `snapshots` (in
 * series order, each with MemStats) from one on, `fewest` at least (a diff's AFTER alone: 1): from the first when every one is, else
 * from the one after the last that is not, whose goal must be above ONE_DUMP_GOAL_PER_LIVE times the
 * pinned goal (it fell to the live heap; one the live heap grew into is a held goal's, heldgoal.ts).
 * Undefined otherwise.
 */
export function goalPinnedFrom(snapshots: readonly SeriesSnapshot[], fewest = 2): PinnedGoal | undefined {
  const dumps = snapshots.flatMap((s, i) => (s.profile.format?.binary === false && s.stats ? [i] : []));
  const lastFree = dumps.findLastIndex((i) => !goalPinned(snapshots[i]));
  const pinned = dumps.slice(lastFree + 1);
  if (pinned.length < fewest) return undefined;
  const at = (i: number | undefined, name: string): number | undefined => (i === undefined ? undefined : snapshots[i]?.stats?.int(name));
  const goals = pinned.map((i) => at(i, 'NextGC') ?? 0);
  const [low, high] = [Math.min(...goals), Math.max(...goals)];
  const before = lastFree >= 0 ? dumps[lastFree] : undefined;
  const beforeNextGC = at(before, 'NextGC');
  if (before !== undefined && (beforeNextGC ?? 0) <= ONE_DUMP_GOAL_PER_LIVE * high) return undefined;
  const from = pinned[0] as number;
  const last = pinned[pinned.length - 1] as number;
  const start = before ?? from;
  const gcsBetween = (a: number | undefined, b: number | undefined): number | undefined => {
    const [x, y] = [at(a, 'NumGC'), at(b, 'NumGC')];
    return x === undefined || y === undefined ? undefined : y - x;
  };
  // The step before, between heap dumps too (a /debug/vars document between them is of another pace of reading).
  const earlier = lastFree >= 1 ? dumps[lastFree - 1] : undefined;
  const released = [at(start, 'HeapReleased'), at(last, 'HeapReleased')] as const;
  return {
    from, before, last, lowNextGCBytes: low, highNextGCBytes: high, beforeNextGCBytes: beforeNextGC,
    inUseBytes: snapshots[last]?.profile.inuseBytes ?? 0,
    gcs: gcsBetween(start, last) ?? 0,
    stepGcs: before === undefined ? undefined : gcsBetween(before, from),
    earlierStepGcs: earlier === undefined ? undefined : gcsBetween(earlier, before), earlier,
    released: released[0] !== undefined && released[1] !== undefined ? [released[0], released[1]] : undefined,
  };
}

/**
 * ` From snapshot 4 on, the heap goal sits at the live heap: NextGC 96.9 MiB at snapshot 3, then
 * 48.2 MiB–48.3 MiB at snapshots 4→7, beside a heap profile of 48.9 MiB in use at snapshot 7, where
 * GOGC=100 sets about twice it: a memory limit began to hold it down between snapshots 3 and 4 …`:
 * what a series says of a pinned goal (goalPinnedFrom), its own sentence after the verdict's.
 */
export function pinnedGoalWords(p: PinnedGoal): string {
  const n = (i: number): string => formatCount(i + 1);
  const goal = goalRange(p.lowNextGCBytes, p.highNextGCBytes);
  const beside = `beside a heap profile of ${formatBytes(p.inUseBytes)} in use at snapshot ${n(p.last)}, where GOGC=100 sets about twice it`;
  const scavenged = p.released && p.released[1] - p.released[0] >= 1 << 20
    ? `, and the scavenger returned ${formatBytes(p.released[1] - p.released[0])} to the OS (HeapReleased ${formatBytes(p.released[0])} → ${formatBytes(p.released[1])})`
    : '';
  if (p.before === undefined) {
    // The GOGC that would set that goal over that heap, as one dump's capped goal says it (memlimit.ts gogcFor; the GC log's goalCapped
    // too); none under the heap, which no GOGC sets (the captured go1.19-audit45-setlimit: 48.3 MiB beside 48.9 MiB in use).
    const gogc = p.inUseBytes > 0 && p.highNextGCBytes > p.inUseBytes ? ` (GOGC=${gogcFor(p.highNextGCBytes, p.inUseBytes)} sets about that goal over that live heap)` : '';
    return ` The heap goal sits at the live heap at every snapshot (NextGC ${goal}, ${beside}): ${PINNED_CAUSE}${gogc}; the GC ran ${countOf(p.gcs, 'time')} from snapshot ${n(p.from)} to ${n(p.last)}${scavenged}.`;
  }
  const step = `between snapshots ${n(p.before)} and ${n(p.from)}`;
  const earlier = p.earlierStepGcs !== undefined && p.earlier !== undefined ? ` where it ran ${formatCount(p.earlierStepGcs)} between snapshots ${n(p.earlier)} and ${n(p.before)}` : '';
  const ran = p.stepGcs !== undefined ? `the GC ran ${countOf(p.stepGcs, 'time')} ${step}${earlier}, ${formatCount(p.gcs)} from snapshot ${n(p.before)} to ${n(p.last)}` : `the GC ran ${countOf(p.gcs, 'time')} from snapshot ${n(p.before)} to ${n(p.last)}`;
  return ` From snapshot ${n(p.from)} on, the heap goal sits at the live heap: NextGC ${formatBytes(p.beforeNextGCBytes ?? 0)} at snapshot ${n(p.before)}, then ${goal} at snapshots ${n(p.from)}→${n(p.last)}, ${beside}. A memory limit began to hold it down ${step} (debug.SetMemoryLimit at run time, or a GOMEMLIMIT reached), or GOGC was lowered to near 0 (debug.SetGCPercent): ${ran}${scavenged}.`;
}

/**
 * `The heap goal fell to the live heap: NextGC 96.9 MiB → 48.2 MiB, beside a heap profile of 48.9
 * MiB in use, …`: what a diff of two dumps says when AFTER's goal is pinned and BEFORE's was
 * GOGC's (goalPinnedFrom over the two, AFTER alone pinned).
 */
export function pinnedGoalDiffWords(p: PinnedGoal): string {
  const scavenged = p.released && p.released[1] - p.released[0] >= 1 << 20 ? `, and the scavenger returned ${formatBytes(p.released[1] - p.released[0])} to the OS` : '';
  return `The heap goal fell to the live heap: NextGC ${formatBytes(p.beforeNextGCBytes ?? 0)} → ${formatBytes(p.highNextGCBytes)}, beside a heap profile of ${formatBytes(p.inUseBytes)} in use, where GOGC=100 sets about twice it: a memory limit began to hold it down between the two (debug.SetMemoryLimit at run time, or a GOMEMLIMIT reached), or GOGC was lowered to near 0 (debug.SetGCPercent); the GC ran ${countOf(p.gcs, 'time')} between the two${scavenged}.`;
}
