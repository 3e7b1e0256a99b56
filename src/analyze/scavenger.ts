/**
 * What the background scavenger does with idle heap, by Go version (reasoning.md §2.2; the corpus
 * README's peak runs): up to go1.20 it returns idle memory gradually; from go1.21 it is
 * hugepage-aware and skips chunks that were dense in the current or previous GC cycle
 * (mgcscavenge.go scavChunkData.shouldScavenge), and an idle program runs no GC cycles, so the
 * peak's spans stay (go1.21–go1.26 held ~300 MiB idle, 2–7 MiB released, until FreeOSMemory).
 * One wording for the idle-heap-retained finding and a series' retained peak (series/burst.ts),
 * so that the two never contradict each other.
 */
import { atLeast, type GoVersion } from '../input/goversion.js';

/** Up to go1.20 (and the rule every version shares when no idle spell stops it). */
export const SCAVENGER_GRADUAL = 'The background scavenger returns idle memory gradually (it keeps ~10% headroom over the heap goal and works at ~1% of a CPU).';

/** Why go1.21 and later keep a peak's spans. */
export const SCAVENGER_SKIPS = 'skips chunks that were dense in the last two GC cycles, and an idle program runs no GC cycles, so this memory can stay for a long time';

/**
 * What the scavenger does with idle spans for `version`: gradual before go1.21; from go1.21, the
 * chunks it skips; without a version (a dump does not say which Go wrote it), both, as such.
 * `dumps`: said of a series, whose dumps do not say it.
 */
export function scavengerWords(version: GoVersion | undefined, dumps = false): string {
  const unsaid = dumps ? 'the dumps do not say which Go wrote them' : 'the dump does not say which Go wrote it';
  if (version === undefined) return `${SCAVENGER_GRADUAL} On go1.21 and later it ${SCAVENGER_SKIPS} (${unsaid}: --go-version does).`;
  return atLeast(version, 21) ? `Since go1.21 the background scavenger ${SCAVENGER_SKIPS}.` : SCAVENGER_GRADUAL;
}

/**
 * The most heap a GC cycle needs and the scavenger leaves it: the heap goal, the unused space in
 * in-use spans (fragmentation), and the ~10% the scavenger keeps over them (mgcscavenge.go: the
 * spans in use at the last GC, scaled by the goal's change, plus retainExtraPercent;
 * thresholds.ts scavengerRetainOverGoal). A heap (HeapSys, or HeapSys − HeapReleased) within it
 * is the room the goal gives the heap before its next GC, reached every cycle: no past peak.
 */
export function goalRoomLine(goal: number, fragmentation: number, retainOverGoal: number): number {
  return (1 + retainOverGoal) * (goal + fragmentation);
}
