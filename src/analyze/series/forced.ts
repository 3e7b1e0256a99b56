/**
 * Which snapshots of a series were read right after a forced GC, so that their HeapAlloc is the
 * post-GC live heap (reasoning.md §7, "After a forced GC at every dump"): heap?debug=1&gc=1 runs
 * runtime.GC() and reads MemStats right after it. A dump does not say how it was taken; its
 * MemStats and those of its neighbours in the series do, within limits:
 *  - NumForcedGC rose since the previous snapshot: a forced GC ran since, not necessarily right
 *    before this one (another capture's ?gc=1 between two plain dumps raises it too);
 *  - the heap goal (NextGC) says the last GC had just finished when it is about (1 + GOGC/100)
 *    times HeapAlloc, as the goal set from the heap just marked is — but not at the runtime's
 *    minimum goal (4 MiB at GOGC=100), which a heap of under 2 MiB gets whenever it is read;
 *  - the series' own dumps show whose the forced GCs are (forcedElsewhere).
 */
import type { GoalRatioChange, GoalRun, SeriesPoint, SeriesSnapshot } from './model.js';
import { SERIES_THRESHOLDS } from './thresholds.js';
import { goalReading, goalSaysJustCollected } from '../goal.js';
import { capturesOfTime, momentOf, namesGcOne } from '../../common/stems.js';
import { countersAgree } from '../momentcounters.js';
import { earlierGcProfile, heapAllocMatchesProfile, inUseError } from '../verdict.js';
import { countOf, formatBytes } from '../../text/units.js';
import { GOGC_SET_ABOVE, impliedGogc, impliedGogcRatioWords } from '../gcoff.js';
import { goalRoomLine } from '../scavenger.js';
import { THRESHOLDS } from '../thresholds.js';
import { ONE_DUMP_GOAL_PER_LIVE } from '../memlimit.js';
import { goalPinned } from './pinned.js';
import { goalRange } from './heldgoal.js';

/** For each snapshot: its NumForcedGC rose from the previous one's (from 0 for the first), so a GC the program forced ran since. */
export function forcedGCBefore(snapshots: readonly SeriesSnapshot[]): boolean[] {
  let previous = 0;
  return snapshots.map((s) => {
    const forced = s.stats?.int('NumForcedGC');
    const rose = forced !== undefined && forced > previous;
    previous = forced ?? previous;
    return rose;
  });
}

/** A heap dump in text (heap?debug=1): the only kind ?gc=1 reads right after its GC. */
const textDump = (s: SeriesSnapshot | undefined): boolean => s?.profile.format?.binary === false;

/**
 * For each snapshot: a forced GC ran since the previous one (forcedGCBefore), or its name says
 * ?gc=1 (stems.ts namesGcOne) and its goal is pinned at the live heap its profile agrees with
 * (goalPinned, heapAllocAtProfile): that ?gc=1's GC may have been a cycle already running.
 */
export function forcedOrPinnedGCBefore(snapshots: readonly SeriesSnapshot[]): boolean[] {
  return forcedGCBefore(snapshots).map((rose, i) => rose || pinnedGcOne(snapshots[i]));
}

/** A ?gc=1 dump by its name whose goal is pinned at the live heap (goalPinned) and whose HeapAlloc its profile agrees with. */
function pinnedGcOne(s: SeriesSnapshot | undefined): boolean {
  return s !== undefined && namesGcOne(s.source) && goalPinned(s) && heapAllocAtProfile(s);
}

/**
 * Whether the series' heap dumps show that the forced GCs between them were not their own: the
 * first was read before any forced GC (NumForcedGC 0: no ?gc=1 dump, which always follows one),
 * NumForcedGC rose at every later one, as a ?gc=1 each would make it, yet one of those was read
 * well after that GC (its goal `allocated-since`). Then one capture took them all, plainly, and
 * another's ?gc=1 (or the program's runtime.GC) ran between them: a rise of NumForcedGC and a goal
 * about twice HeapAlloc say no more than that the dump was read soon after some GC. The captured
 * go1.19-audit/plateau's plain dumps 04–06, NextGC 1.9–2.0 times HeapAlloc 14 GCs or more after
 * the other capture's ?gc=1, and go1.19-audit30-readall's 03–05, at the 4 MiB minimum goal, were
 * "read right after a forced GC (?gc=1)". A series of ?gc=1 dumps never starts at NumForcedGC 0,
 * and plain dumps beside ?gc=1 ones do not raise it at each: neither is concerned.
 */
function forcedElsewhere(snapshots: readonly SeriesSnapshot[]): boolean {
  const dumps = snapshots.filter(textDump);
  if (dumps.length < 2 || dumps[0]?.stats?.int('NumForcedGC') !== 0 || ownGcOnesAtOneGoal(dumps)) return false;
  const later = dumps.slice(1);
  // Under a goal pinned at the live heap the other capture's ?gc=1 may join a running cycle, uncounted (goalPinned).
  const rose = forcedGCBefore(dumps).slice(1).map((r, i) => r || goalPinned(later[i]));
  return rose.every(Boolean) && later.some((s) => goalReading(s) === 'allocated-since');
}

/**
 * Whether the series' own ?gc=1 dumps ran its forced GCs, as their heap goal shows under a GOGC far
 * below 100: OWN_GC_ONE_MIN_DUMPS of them or more whose name says ?gc=1 (stems.ts namesGcOne), whose
 * NumForcedGC rose since the dump before and whose profile agrees with their HeapAlloc
 * (heapAllocAtProfile), each with one and the same GOGC over the live heap and stacks (gcoff.ts
 * impliedGogc, unrounded), within flatShare of one another. Right after a GC the goal is the heap
 * just marked times 1 + GOGC/100, whenever it is read; read later, HeapAlloc has grown past that heap
 * by whatever was allocated since, a different share at each dump. forcedElsewhere's goal under 1.7
 * times HeapAlloc says "allocated since" only at GOGC=100: under GOGC=10 every ?gc=1 dump reads 1.1.
 * The captured go1.19-audit47-gogc10's whole folder (GOGC=10; its plain dumps, pinned, stood in for
 * a rise of NumForcedGC) read "Stable: live heap 34.5 MiB → 32.2 MiB", the first plain dump's
 * HeapAlloc, where its seven gc1/ dumps, GOGC 9.7–10.1 over the live heap and stacks (NextGC 1.10
 * times HeapAlloc), read 32.4 → 32.2 MiB, the GC log's `35->35->32 MB`; its plain dumps read
 * 0.5–5.9 (NextGC 1.005–1.059 times HeapAlloc). A goal at or below the live heap (a memory limit's,
 * go1.19-audit45-setlimit's) implies no GOGC and is none of these.
 */
function ownGcOnesAtOneGoal(dumps: readonly SeriesSnapshot[]): boolean {
  const rose = forcedGCBefore(dumps);
  const gogcs = dumps.flatMap((s, i) => {
    const g = rose[i] && namesGcOne(s.source) && heapAllocAtProfile(s) ? impliedGogc(s.stats, true) : undefined;
    return g ? [(g.goal - g.live) / (g.live + g.stacks / 2)] : [];
  });
  return gogcs.length >= OWN_GC_ONE_MIN_DUMPS && Math.max(...gogcs) <= (1 + SERIES_THRESHOLDS.flatShare) * Math.min(...gogcs);
}

/** The fewest ?gc=1 dumps whose one goal says they were the series' own (ownGcOnesAtOneGoal): one ratio at two readings is a coincidence as often as not. */
const OWN_GC_ONE_MIN_DUMPS = 3;

/** Every GC since the previous snapshot (since the start for the first) was forced (onlyForcedBetween). */
function onlyForcedSince(snapshots: readonly SeriesSnapshot[], i: number): boolean {
  return onlyForcedBetween(snapshots[i - 1], snapshots[i]);
}

/** Every GC between two snapshots (since the start without `earlier`) was forced: NumGC rose by no more than NumForcedGC. */
export function onlyForcedBetween(earlier: SeriesSnapshot | undefined, later: SeriesSnapshot | undefined): boolean {
  const count = (s: SeriesSnapshot | undefined, name: string): number => s?.stats?.int(name) ?? 0;
  return count(later, 'NumGC') - count(earlier, 'NumGC') <= count(later, 'NumForcedGC') - count(earlier, 'NumForcedGC');
}

/**
 * Whether a dump's own heap profile says it was not read right after a GC: its HeapAlloc exceeds
 * the profile's in-use (every site, unsampled) by more than two sampling periods and more than
 * twice the estimate's standard error (verdict.ts inUseError, as profileLag weighs the other way).
 * Right after a forced GC the profile is that GC's (runtime.GC publishes it before it returns) and
 * HeapAlloc is what it marked, so the two agree within sampling error; beyond it, HeapAlloc counts
 * garbage made since. With the GC off the goal says nothing (NextGC about 2^63), and NumForcedGC
 * rises at every program's runtime.GC(): the captured go1.19-audit38-gcmanual (GOGC=off,
 * runtime.GC() every 4 s, 10 MiB live, plain dumps every 3 s) read HeapAlloc 29.8 MiB beside a
 * profile of 9.1 MiB as "right after a forced GC" and said "Peak retention … fell from 29.8 MiB".
 * Nor by flatShare of HeapAlloc or less, unless beyond twice that error (past which sampling alone all but never goes: a ?gc=1
 * dump's profile agrees with its HeapAlloc within it): the captured go1.19-audit41-sessions's plain dumps heap-t05..t12, each read
 * ~10 s after another capture's ?gc=1 in the same GC cycle (NumGC and NumForcedGC the ?gc=1 dump's), 23–26 MiB above a profile of
 * 316–416 MiB (5–6 %, beyond twice its ±8.8–10.1 MiB), were "read right after a forced GC" and made a live peak of 439.1 MiB where
 * the ?gc=1 dumps read 413.8 MiB; go1.19-audit28-bufgrow/run/plain's 03, 05 and 06, 1.5 MB above their profiles' 32 and 64 MiB
 * (±20 KiB; the ?gc=1 dumps of the same moments, 0.14 MB), likewise read between GCs now.
 * Not when that error is as large as HeapAlloc itself: the profile cannot tell then, and the rise of
 * NumForcedGC stays the dump's evidence. A small heap right after ?gc=1 or runtime.GC() is the usual
 * case, each the start or the end of what its series says: the captured go1.19-map-series/held's
 * first dump (228.3 KiB beside one sample: the plateau's start) and go1.19-audit36/oneoff's last
 * three (2.2 MiB after debug.FreeOSMemory: the one-off peak's end) were read between GCs. Plain dumps
 * a few seconds after another capture's ?gc=1 read so too (the captured go1.19-audit38-healing-plain,
 * HeapAlloc 430–460 KiB, ~120 KiB of it garbage made since): an error no reading of a heap that
 * small can tell apart.
 * Not when the file's name says ?gc=1 (stems.ts namesGcOne): the name is the capture's word.
 * `offset` is the gap every dump of the series keeps (keptGap), taken off first.
 */
function garbageBeyondProfile(s: SeriesSnapshot | undefined, offset: number): boolean {
  const gap = profileGap(s);
  if (!s || gap === undefined || namesGcOne(s.source) || (s.stats?.int('NumGC') ?? 0) === 0) return false;
  const heapAlloc = s.stats?.int('HeapAlloc') ?? 0;
  const rate = s.profile.samplingRate ?? 0;
  const error = Math.max(2 * rate, inUseError(s.profile.sites, rate).errorBytes);
  return gap - offset > Math.min(2 * error, Math.max(error, SERIES_THRESHOLDS.flatShare * heapAlloc));
}

/** Whether a snapshot's heap profile is of an earlier GC than its MemStats (verdict.ts earlierGcProfile), where it has both and its profile was on (profileGap). */
export function profileOfEarlierGC(s: SeriesSnapshot | undefined): boolean {
  if (!s?.stats || profileGap(s) === undefined) return false;
  return earlierGcProfile(s.stats, s.profile.inuseBytes, s.profile.allocBytes, s.profile.sites, s.profile.samplingRate, s.source);
}

/** HeapAlloc less its own profile's in-use (every site, unsampled), where the dump has both and its profile was on. */
function profileGap(s: SeriesSnapshot | undefined): number | undefined {
  const heapAlloc = s?.stats?.int('HeapAlloc');
  const rate = s?.profile.samplingRate;
  const inUse = s?.profile.inuseBytes;
  if (!s || heapAlloc === undefined || inUse === undefined || !rate || rate <= 0 || !s.profile.format || s.profile.format.profilingOff) return undefined;
  return heapAlloc - inUse;
}

/**
 * The gap between HeapAlloc and the profile that every dump of the series keeps, garbage or not: memory
 * the profile undercounts at every GC (allocations made before main set MemProfileRate, sampled at the
 * default rate). The smallest gap of the dumps whose NumForcedGC rose, when it and the spread of their
 * gaps are within flatShare of the series' largest HeapAlloc: the captured go1.19-timer-callers, runtime.GC() before each of its four
 * dumps, HeapAlloc 1.40, 1.56, 1.72 and 1.48 MB above profiles of 9.6 to 42.8 MB, read its first (12.7 %
 * of 11.0 MB) between GCs. Gaps that differ by more are garbage at some dumps, no such offset (the captured
 * go1.19-audit38-gcmanual, GOGC=off: 20 MiB of garbage beside a 9.1 MiB profile at one dump, little at others).
 */
function keptGap(snapshots: readonly SeriesSnapshot[], rose: readonly boolean[]): number {
  const gaps = snapshots.flatMap((s, i) => { const gap = rose[i] ? profileGap(s) : undefined; return gap === undefined ? [] : [gap]; });
  if (gaps.length < 2) return 0;
  const largest = Math.max(0, ...snapshots.map((s) => s.stats?.int('HeapAlloc') ?? 0));
  const [smallest, widest] = [Math.max(0, Math.min(...gaps)), Math.max(...gaps)];
  const flat = SERIES_THRESHOLDS.flatShare * largest;
  return smallest <= flat && widest - smallest <= flat ? smallest : 0;
}

/** Whether a heap dump's profile agrees with its HeapAlloc (verdict.ts heapAllocMatchesProfile), where it has both and its profile was on (profileGap). */
export function heapAllocAtProfile(s: SeriesSnapshot | undefined): boolean {
  const gap = profileGap(s);
  if (!s || gap === undefined || (s.stats?.int('NumGC') ?? 0) === 0) return false;
  const heapAlloc = s.stats?.int('HeapAlloc') ?? 0;
  return heapAllocMatchesProfile(heapAlloc, heapAlloc - gap, s.profile.sites, s.profile.samplingRate ?? 0);
}

/**
 * Whether a snapshot's heap goal leaves it read right after a GC: it does not say it was read well
 * after one (goal.ts goalSaysJustCollected: NextGC at least 1.7 times HeapAlloc, GOGC=100's goal
 * being twice it), or its name says ?gc=1 (stems.ts namesGcOne: the capture's word) and its profile
 * agrees with its HeapAlloc (heapAllocAtProfile): then a goal under 1.7 times HeapAlloc, and above
 * memlimit.ts ONE_DUMP_GOAL_PER_LIVE times it (a memory limit's cap), is a GOGC below 70, not garbage made since. The captured go1.19-audit41-gogc's
 * heap-gc1-t05..t10, each NumForcedGC one higher than the last, HeapAlloc 8.3–9.4 MiB within 0.5 MiB
 * of their profiles, NextGC 1.4–1.5 times it after SetGCPercent(50), were "read between GCs".
 */
export function goalAllowsJustCollected(s: SeriesSnapshot | undefined): boolean {
  if (goalSaysJustCollected(s)) return true;
  // A goal at most ONE_DUMP_GOAL_PER_LIVE times HeapAlloc is a memory limit's cap: read right after a GC only where it is pinned at
  // the live heap the profile counts (goalPinned): the captured go1.19-audit45-setlimit's gc1/ after SetMemoryLimit(32 MiB), NextGC
  // 48.2 MiB beside HeapAlloc 48.3 MiB and a profile of 48.9 MiB, were "read between GCs" with "add ?gc=1" advice.
  const [nextGC, heapAlloc] = [s?.stats?.int('NextGC') ?? 0, s?.stats?.int('HeapAlloc') ?? 0];
  return s !== undefined && namesGcOne(s.source) && (nextGC > ONE_DUMP_GOAL_PER_LIVE * heapAlloc || goalPinned(s)) && heapAllocAtProfile(s);
}

/**
 * For each snapshot: read right after a forced GC, its HeapAlloc the post-GC live heap — a heap
 * dump (heap?debug=1&gc=1 reads MemStats right after the GC it ran) whose NumForcedGC rose and
 * whose heap goal does not say it was read well after that GC (goalAllowsJustCollected) nor its own
 * profile that HeapAlloc holds garbage made since (garbageBeyondProfile) or that the profile is of
 * an earlier GC (profileOfEarlierGC). When the
 * series shows the forced GCs were another capture's (forcedElsewhere), only a dump whose goal says
 * so on its own (`just-collected`, not the minimum) and whose GCs since the previous snapshot were
 * all forced is: its last GC was a forced one, and it was read right after. A /debug/vars document
 * after a forced GC is not: the GC ran before it, not necessarily just before.
 */
export function readAfterForcedGC(snapshots: readonly SeriesSnapshot[]): boolean[] {
  const rose = forcedOrPinnedGCBefore(snapshots);
  const offset = keptGap(snapshots, rose);
  const read = rose.map((r, i) => r && textDump(snapshots[i]) && goalAllowsJustCollected(snapshots[i]) && !garbageBeyondProfile(snapshots[i], offset) && !profileOfEarlierGC(snapshots[i]));
  const after = read.map((a, i) => a && !gcOneOfItsMoment(snapshots, read, i));
  if (!forcedElsewhere(snapshots)) return after;
  return after.map((a, i) => a && goalReading(snapshots[i]) === 'just-collected' && onlyForcedSince(snapshots, i));
}

/**
 * Whether snapshot `i`, a dump whose name does not say ?gc=1, has a ?gc=1 dump of its moment (the
 * same folder and stem, or its time in a sibling folder: common/stems.ts capturesOfTime, as
 * `plain/heap-t26.txt` beside `gc1/heap-t26.txt`) read right after its forced GC (`read`), whose
 * counters agree that it is that moment (momentcounters.ts countersAgree). One moment gives the live heap
 * one reading, the ?gc=1 one: it was read right after a GC by the capture's own word, while a plain
 * dump's forced GC may be the program's, some time before it. Counted twice, a moment makes a step
 * of the trend out of the ~0.5 s between its two fetches: the captured go1.19-audit46-freeosleak's
 * plain dumps, each ~0.4 s after the program's debug.FreeOSMemory with ~3–4 MiB of garbage made
 * since (NextGC 1.74–1.88 times HeapAlloc, where its ?gc=1 dumps read 1.99–2.04), fell at each
 * plain → ?gc=1 step of its whole folder (29.4 → 26.2 → 38.4 → 36.0 MiB …), which made its leak
 * "medium confidence" on its site alone, where each of its parts says "high".
 */
function gcOneOfItsMoment(snapshots: readonly SeriesSnapshot[], read: readonly boolean[], i: number): boolean {
  const s = snapshots[i];
  if (!s || namesGcOne(s.source)) return false;
  const gcOnes = snapshots.filter((o, j) => read[j] === true && o !== s && namesGcOne(o.source) && textDump(o));
  const ofMoment = gcOnes.filter((o) => momentOf(o) === momentOf(s) || capturesOfTime([o], s).length > 0);
  return ofMoment.some((o) => countersAgree(o, s));
}

/**
 * Whether the live heap's figures are read at the GC-separated snapshots right after a forced GC
 * alone (readAfterForcedGC; verdict.ts liveHeapWords): two of them at least, and others read
 * between GCs beside them, which are then named apart, every one.
 */
export function comparedAfterForcedGC(afterGC: readonly boolean[]): boolean {
  return afterGC.filter(Boolean).length >= 2 && afterGC.some((after) => !after);
}

/**
 * Whether the readings right after a forced GC (?gc=1) are a series of their own beside others
 * read between GCs: slowRiseMinPoints (4) of them at least, the fewest from which a rise read
 * exactly is evidence by itself (slowrise.ts). The verdict then rests on them alone — the live
 * heap's evidence, its confidence, HeapObjects and the site trends, from the profiles those
 * snapshots published at their forced GC — as the ?gc=1 dumps alone give it, and the others are
 * named apart: adding plain dumps to ?gc=1 ones neither weakens nor hides what the latter show. A
 * plain dump's HeapAlloc counts the garbage made since the last GC, and its profile is that of the
 * last GC, older than its MemStats: the captured go1.19-audit31-queuehead's plain dumps beside the
 * ?gc=1 ones (91.0 → 93.6 MiB, rising at every step, main.newItem +4.0 MiB) made the leak
 * "Stable", main.newItem +54.0 MiB from its first plain dump's profile, published mid-burst; the
 * captured go1.19-audit30-tickerleak's ten dumps were "medium", weighed on one reading per GC cycle
 * (4.4 → 4.2 → 8.3 → 8.2 → … MiB), where its five ?gc=1 dumps alone are "high". With two or three,
 * the verdict is weighed on every reading: one step's rise is most of what three show (the captured
 * go1.19-audit-work/05-memlimit's first three moments, 15.9 → 15.9 → 17.9 MiB after a forced GC
 * beside a sawtooth between GCs, are churn; their three ?gc=1 dumps alone say "Leak suspected").
 */
export function judgedAfterForcedGC(afterGC: readonly boolean[]): boolean {
  return comparedAfterForcedGC(afterGC) && afterGC.filter(Boolean).length >= SERIES_THRESHOLDS.slowRiseMinPoints;
}

/**
 * What forced the GC that `sources` were read right after, as the sentences say it: `?gc=1` when
 * every one's name says it was fetched so (stems.ts namesGcOne), else `?gc=1 or the program's
 * runtime.GC()`: NumForcedGC counts runtime.GC() and debug.FreeOSMemory() alike, and a dump does not
 * say which ran (the captured go1.19-program-gc, whose program calls runtime.GC() itself, was
 * "read right after a forced GC (?gc=1)").
 */
export function forcedGCBy(sources: readonly string[]): string {
  return sources.length > 0 && sources.every(namesGcOne) ? '?gc=1' : "?gc=1 or the program's runtime.GC()";
}

/**
 * Whether TotalAlloc's rise over `gcs` GC cycles between two snapshots is said per GC cycle: over
 * SERIES_THRESHOLDS.rateMinCycles cycles or more, or when each snapshot was read right after a forced
 * GC (`afterEach`: its TotalAlloc at a cycle's end, so the span is whole cycles).
 */
export function perCycleRate(gcs: number, afterEach: boolean): boolean {
  return gcs >= SERIES_THRESHOLDS.rateMinCycles || (gcs > 0 && afterEach);
}

/** `44.0 MiB over 1 GC cycle`: the bytes allocated over fewer GC cycles than perCycleRate says a rate over. */
export function overGCsWords(o: { bytes: number; gcs: number }): string {
  return `${formatBytes(o.bytes)} over ${countOf(o.gcs, 'GC cycle')}`;
}

/** forcedGCBy of the snapshots read right after a forced GC (`afterGC`, one per snapshot). */
export function forcedGCByOf(snapshots: readonly { source: string }[], afterGC: readonly boolean[] | undefined): string {
  return forcedGCBy(snapshots.filter((_, i) => afterGC?.[i] === true).map((s) => s.source));
}

/**
 * Where the heap goal's ratio to the live heap changed, between consecutive snapshots read right
 * after a forced GC (`afterGC`, readAfterForcedGC): right after a GC, NextGC is the heap just marked
 * times 1 + GOGC/100 (and the stacks and globals), so a ratio that moves by SERIES_THRESHOLDS.goalRatioStep or more
 * is GOGC changed at run time (debug.SetGCPercent) — or, to below GOGC=100's, a memory limit that
 * began to bind. The captured go1.19-audit41-gogc's ?gc=1 dumps: 2.0 → 4.6 at SetGCPercent(400),
 * 5.1 → 1.5 at SetGCPercent(50). Not at the runtime's minimum goal nor with the GC off (impliedGogc),
 * nor where StackInuse exceeds HeapAlloc (the captured go1.19-words29/stairstack/gc1: a goal 384
 * times a heap of a deep stack's, its stack term unknown).
 */
export function goalRatioChanges(snapshots: readonly SeriesSnapshot[], afterGC: readonly boolean[]): GoalRatioChange[] {
  const changes: GoalRatioChange[] = [];
  let previous: { i: number; ratio: number; gogc: number } | undefined;
  snapshots.forEach((s, i) => {
    if (!afterGC[i]) return;
    const g = impliedGogc(s.stats, true);
    // Stacks larger than the heap make the goal's stack term (between none and StackInuse) the most of it: no GOGC to read.
    if (!g || g.stacks > g.live) return;
    const current = { i, ratio: g.goal / g.live, gogc: g.gogc };
    if (previous && Math.max(current.ratio / previous.ratio, previous.ratio / current.ratio) >= SERIES_THRESHOLDS.goalRatioStep) {
      changes.push({ from: previous.i, to: i, before: previous.ratio, after: current.ratio, gogcBefore: previous.gogc, gogcAfter: current.gogc });
    }
    previous = current;
  });
  return changes;
}

/**
 * `The heap goal's ratio to the live heap right after a forced GC changed: 2.0× → 4.6× between
 * snapshots 1 and 2 (GOGC ≈ 100 → ≈ 350: GOGC was changed at run time, e.g. debug.SetGCPercent),
 * …` — undefined without a change. To below twice the live heap, a memory limit that began to bind
 * sets such a goal too: said so.
 */
export function goalRatioChangesWords(changes: readonly GoalRatioChange[]): string | undefined {
  if (changes.length === 0) return undefined;
  const limit = goalLimitWords(changes);
  const follow = 'the idle heap and the garbage between GCs follow the goal, not the live heap';
  if (changes.every((c) => c.room)) return `The heap goal moved while the live heap under it did not: ${goalMovesWords(changes)}. GOGC was changed at run time (debug.SetGCPercent)${limit}: HeapAlloc, read between GCs, rises toward the goal, so ${follow}.`;
  const one = (c: GoalRatioChange): string => `${c.before.toFixed(1)}× → ${c.after.toFixed(1)}× between snapshots ${c.from + 1} and ${c.to + 1} (GOGC ≈ ${c.gogcBefore ?? '?'} → ≈ ${c.gogcAfter ?? '?'})`;
  return `The heap goal's ratio to the live heap right after a forced GC changed: ${changes.map(one).join('; ')}. GOGC was changed at run time (debug.SetGCPercent)${limit}: ${follow}.`;
}

/** `, or a memory limit began to hold the goal down` when the goal's ratio fell below GOGC=100's (twice the live heap); '' otherwise. */
function goalLimitWords(changes: readonly GoalRatioChange[]): string {
  return changes.some((c) => c.after < c.before && c.after < 2) ? ', or a memory limit began to hold the goal down' : '';
}

/**
 * ` The heap goal moved while the live heap under it did not (NextGC 44.2 MiB–45.2 MiB at snapshots 2→4,
 * then 12.7 MiB–13.3 MiB at snapshots 5→10): GOGC was changed at run time …` — what a verdict read
 * between GCs alone says of goal moves (heldgoal.ts goalMovesBetweenGCs), the table's note saying
 * more (goalRatioChangesWords); '' without one.
 */
export function goalMovedSentence(changes: readonly GoalRatioChange[] | undefined): string {
  const runs = goalRuns(changes ?? []).runs;
  if (!changes || runs.length === 0) return '';
  return ` The heap goal moved while the live heap under it did not (NextGC ${goalsAt(runs)}): GOGC was changed at run time (debug.SetGCPercent)${goalLimitWords(changes)}, and HeapAlloc, read between GCs, follows the goal, not the live heap.`;
}

/** `44.2 MiB–45.2 MiB at snapshots 2→4, then 12.7 MiB–13.3 MiB at snapshots 5→10`: each run's goal. */
function goalsAt(runs: readonly GoalRun[]): string {
  return runs.map((r) => `${goalRange(r.lowNextGCBytes, r.highNextGCBytes)} at snapshots ${r.from + 1}→${r.to + 1}`).join(', then ');
}

/** The runs of goal moves read between GCs (GoalRatioChange.room), each once, with the goal's ratio to the live heap in each. */
function goalRuns(changes: readonly GoalRatioChange[]): { runs: GoalRun[]; ratios: number[] } {
  const runs: GoalRun[] = [];
  const ratios: number[] = [];
  for (const c of changes) {
    if (!c.room) continue;
    if (runs[runs.length - 1]?.from !== c.room.before.from) { runs.push(c.room.before); ratios.push(c.before); }
    runs.push(c.room.after);
    ratios.push(c.after);
  }
  return { runs, ratios };
}

/**
 * `NextGC 44.2 MiB–45.2 MiB at snapshots 2→4, then 12.7 MiB–13.3 MiB at snapshots 5→10, while each GC
 * left about 12.7 MiB, then about 9.5 MiB live (the goal less the 32.5 MiB, then 3.7 MiB allocated per GC
 * the runtime started): the goal 3.5×, then 1.4× that heap` — goal moves read between GCs
 * (heldgoal.ts goalMovesBetweenGCs), each run named once.
 */
export function goalMovesWords(changes: readonly GoalRatioChange[]): string {
  const { runs, ratios } = goalRuns(changes);
  const then = (words: readonly string[]): string => words.join(', then ');
  return `NextGC ${goalsAt(runs)}, while each GC left about ${then(runs.map((r) => formatBytes(r.liveBytes)))} live (the goal less the ${then(runs.map((r) => formatBytes(r.perGCBytes)))} allocated per GC the runtime started): the goal ${then(ratios.map((x) => `${x.toFixed(1)}×`))} that heap`;
}

/**
 * ` Right after each forced GC the heap goal held one ratio to the live heap: at snapshot 21,
 * NextGC (162.3 MiB) is 5.0 times the live heap and stacks (…): the heap goal of GOGC ≈ 400, not
 * the default 100, or GOGC is off under a memory limit. Between GCs the heap grows to that goal:
 * HeapSys (159.7 MiB) is the room it reaches every cycle, not a past peak, and HeapAlloc read
 * between GCs (up to 104.6 MiB) is that sawtooth.` — a ?gc=1 series whose goal implies a GOGC set
 * high (gcoff.ts impliedGogc, GOGC_SET_ABOVE or more) at every reading right after a forced GC
 * (`afterGC`, one per snapshot), its ratio within flatShare at each (a step is goalRatioChanges';
 * a goal that stays put while the live heap moves, a limit's), no snapshot with a limit's marks. The
 * HeapSys clause only when its highest is within the latest goal's room (scavenger.ts
 * goalRoomLine); the HeapAlloc one only with readings between GCs. The captured
 * go1.19-audit47-gogc400 said GOGC nowhere but in its GC log. '' otherwise.
 */
export function steadyHighGogcWords(snapshots: readonly SeriesSnapshot[], afterGC: readonly boolean[], points: readonly SeriesPoint[]): string {
  const read = snapshots.flatMap((s, i) => {
    const g = afterGC[i] ? impliedGogc(s.stats, true) : undefined;
    return g && g.stacks <= g.live ? [{ i, g, ratio: g.goal / g.live }] : [];
  });
  const ratios = read.map((r) => r.ratio);
  const last = read[read.length - 1];
  // GOGC's goal follows the live heap, one ratio to it at every GC; a memory limit's stays put as the live heap moves, its ratio
  // with it (the captured go1.19-audit-work/05-memlimit's ?gc=1 dumps, GOGC=off GOMEMLIMIT=64MiB: NextGC 51.4 MiB over 15.9–17.9 MiB).
  if (!last || read.length < 2 || read.length < afterGC.filter(Boolean).length || read.some((r) => r.g.gogc < GOGC_SET_ABOVE)
    || Math.max(...ratios) > (1 + SERIES_THRESHOLDS.flatShare) * Math.min(...ratios)
    || snapshots.some((s) => s.memoryLimit !== undefined || s.knownLimit !== undefined || s.limitPressure !== undefined)) return '';
  const maxSys = Math.max(...points.map((p) => p.heapSys ?? 0));
  const fragmentation = points[last.i]?.breakdown.fragmentation ?? 0;
  const between = points.filter((_, i) => !afterGC[i]).map((p) => p.breakdown.live);
  const room = maxSys > 0 && maxSys <= goalRoomLine(last.g.goal, fragmentation, THRESHOLDS.scavengerRetainOverGoal)
    ? ` Between GCs the heap grows to that goal: HeapSys (${formatBytes(maxSys)}) is the room it reaches every cycle, not a past peak${between.length > 0 ? `, and HeapAlloc read between GCs (up to ${formatBytes(Math.max(...between))}) is that sawtooth` : ''}.`
    : '';
  return ` Right after each forced GC the heap goal held one ratio to the live heap: at snapshot ${last.i + 1}, ${impliedGogcRatioWords(last.g)}, or GOGC is off under a memory limit.${room}`;
}
