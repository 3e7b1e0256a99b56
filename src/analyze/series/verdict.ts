/**
 * The verdict of a series (reasoning.md §3): every piece of leak evidence is weighed together, and
 * "not a leak" is only said from enough points.
 *
 * Leak evidence (any one suffices; all found are named):
 *  - live heap: HeapAlloc at one snapshot per GC cycle never falls and rises by ≥10% (≥1 MiB)
 *    across ≥3 GC-separated snapshots, with growing sites or objects;
 *  - sites: an allocation site's in-use bytes rise steadily across ≥3 GC-separated snapshots
 *    (the profiler's own allocations never count);
 *  - goroutine groups: a group's count rises steadily across ≥3 goroutine dumps — the goroutines'
 *    stacks are the leak, whether or not the heap grows;
 *  - stacks: StackInuse rises steadily across ≥3 snapshots.
 * Each must keep rising: a fifth of its rise or more in the later half of the series (trend.ts
 * keepsRising), so that a cache that filled and then held flat is not a leak.
 * Without evidence: a fall from a peak is peak retention; otherwise fewer than 3 GC-separated
 * snapshots is `unknown` (with what to do), never "stable"; with 3 or more, a likely memory
 * limit (the latest snapshot bears its marks, memlimit.ts), churn or stable — but a plateau whose
 * live heap or site rose, held and rose again (staircase.ts) is `unknown`, never "not a leak".
 * Growth that falls short of evidence is still named, never summarized as "no site growing".
 */
import { countOf, firstOf, formatBytes, formatCount, formatLogDuration, formatPercent } from '../../text/units.js';
import { bindingAdvice, CHECK_THE_LIMIT, CHECK_WHERE_GO_STOOD, fitWords, growingAtLimitWords, HELD_BY_DESIGN, leakAtLimitWords, limitFitJson, limitOriginWords, memoryLimitEvidence, type KnownLimit, type LimitFit } from '../memlimit.js';
import { goalImpliedLive, goalLiveWords, goalRange, heapAllocWithinRoom, heldGoalCpu, sawtoothWords, heldGoalJson, heldGoalRoom, heldGoalWords, roseUnderGoal, withinRoomWords, type HeldGoal } from './heldgoal.js';
import type { GoalRatioChange, GroupTrend, LeakEvidence, ReadBetweenGCs, SeriesPoint, SeriesSite, SeriesSnapshot, SeriesVerdict, SiteTrend, SizeClassTrend } from './model.js';
import { SERIES_THRESHOLDS } from './thresholds.js';
import { fitOf, heldRole, limitStanding } from './limit.js';
import { fallingSincePeak, falls, heldTail, largestFall, laterHalfFrom, nonDecreasing, peakAbove, plateauFrom, recursAfterFall, riseNoiseSlack, riseStepSlack, risesAtEveryStep, risingSteps, settledFrom, steadilyRising, stillRising } from './trend.js';
import { largest, smallest } from '../../common/arrays.js';
import { captureTime, capturesOfTime, distinctName, partOfAnInput, type MomentOf } from '../../common/stems.js';
import { isBlockedState } from '../goroutines/waits.js';
import { groupName, namedSpan } from './groupwords.js';
import type { GoroutineGroup } from '../goroutines/model.js';
import type { MomentCount } from '../goroutines/tracks.js';
import { deepStacksOf, largeFramesWords, recursionWords, type Recursion } from '../goroutines/stacks.js';
import { isStandardLibrary } from '../goroutines/frames.js';
import { THRESHOLDS } from '../thresholds.js';
import { dominantBucket, type Breakdown } from '../breakdown.js';
import { fragmentationHoldsTheRest, KEEP_THEIR_SPANS, shareOfTheRest, unusedSpansWords } from '../fragmentation.js';
import { fileLine, isDescriptorSite, MAP_BUCKETS_HINT, MAP_BUCKETS_NOTE, siteKey, siteLabel, siteNamed, type NamedSite } from '../profile.js';
import { aliasedPeak, type AliasedPeak } from './aliased.js';
import { garbageBetweenGCs, latestReadBetweenGCs, objectsHeld, profileInUse, PROFILE_LAG_GCS, type GarbageBetweenGCs } from './garbage.js';
import { markedByGoal } from '../verdict.js';
import { slowPostGcRise, type SlowRise } from './slowrise.js';
import { profileInUseRise, type ProfileRise } from './profiletrend.js';
import { levellingJson, levellingOf, levellingWords, slowingLastStep, type Levelling, type SlowingLastStep } from './levelling.js';
import { GC_OFF_GOAL, gcOffEvidence, letTheGcRun, measureLiveHeap, type GcOff } from '../gcoff.js';
import { capitalized } from '../../text/wrap.js';
import { changeSamplingError, estimateVariance } from '../unsample.js';
import { programAllocatedBytes } from '../allocation.js';
import { doublesAtEachRise, isStaircase, staircaseWords, stepRises, type StairRise } from './staircase.js';
import { oldCopyHint } from './oldcopy.js';
import { roughEstimateNote } from './basis.js';
import { doublingBuffer, outlastedDoubling, type DoublingBuffer } from './doubling.js';
import { allocationBurst, burstAsideWords, burstHeap, burstWords, uncollectedGrowthWords } from './burst.js';
import { churnHoldsMemory, earlierPeakWords, estimatedPeak, gcOffPhaseWords, highWaterWords, lastGcEstimates, pastPeakWords, peakAgain, peakBetween } from './highwater.js';
import { allocateLessWords, dominantAllocatorWords } from '../allocators.js';
import { goalPinned, pinnedGoalWords, type PinnedGoal } from './pinned.js';
import { goalEstimatesAt, goalLiveNamed, goalTrend, heapAllocBeside, type GoalTrend } from './goaltrend.js';
import { comparedAfterForcedGC, forcedGCBefore, forcedGCByOf, forcedOrPinnedGCBefore, goalAllowsJustCollected, goalMovedSentence, judgedAfterForcedGC, onlyForcedBetween, overGCsWords } from './forced.js';
import { baseName } from '../../common/paths.js';
import { noRssWords } from '../norss.js';
import { dumpsRecurringPeak, dumpsRecurringPeakWords, markedLive, peakOnLeakWords, risingFloorsWords } from './recurring.js';

export interface SeriesFacts {
  /** Every snapshot with MemStats, in TotalAlloc order. */
  points: readonly SeriesPoint[];
  /** One snapshot per GC cycle (the first of each run of equal NumGC), in order. */
  epochs: readonly SeriesSnapshot[];
  /** Where each epoch snapshot is in the series (0-based), to say which snapshots are compared. */
  epochIndexes: readonly number[];
  /** Sites whose in-use bytes never fell and grew by at least siteGrowthMinBytes. */
  sites: readonly SiteTrend[];
  /** Every site's trend, one value per profiled GC epoch: what holds a rise too small for `sites` (slowrise.ts). */
  allSites?: readonly SiteTrend[];
  /** Of each snapshot (by source) where growing sites held an array's old copy beside its new one (SiteTrend.oldCopyAt), those copies' bytes and the sites' functions. */
  oldCopies?: ReadonlyMap<string, OldCopies>;
  /** The sites that fell by as much as `sites` rose while the live heap did not rise: a shift between sites (index.ts siteShift). */
  offsettingSites?: readonly SiteTrend[];
  /** For each point: read right after a forced GC (readAfterForcedGC), its HeapAlloc the post-GC live heap. */
  afterForcedGC?: readonly boolean[];
  /** Goroutine groups whose count never fell and grew by at least groupGrowthMin. */
  groups: readonly GroupTrend[];
  /** The other groups of two or more goroutine dumps (counts flat, or short of growth): blocked ones waiting longer at each dump are said. */
  heldGroups?: readonly GroupTrend[];
  /** How many goroutine dumps were given. */
  goroutineDumps: number;
  /** The groups of the last goroutine dump that counts every goroutine (what holds the stacks when one dump is given). */
  latestGroups?: readonly GoroutineGroup[];
  /** Goroutines in each goroutine dump, in capture order (for a burst that came and went). */
  goroutineTotals?: readonly number[];
  /** Each of goroutineTotals' dumps' source and moment (a stream's document's: SeriesSnapshot.moment), the time its name carries saying when it was taken. */
  goroutineCaptures?: readonly (MomentOf & { kind: string })[];
  /** Each point's dump among goroutineCaptures, of its moment by names or a stream's order (index.ts pointDumpIndexes, common/stems.ts pairedCapture); undefined where none is. */
  pointDumps?: readonly (number | undefined)[];
  /** Of each of goroutineTotals' dumps, the dump of its moment in the other format (goroutines/tracks.ts otherFormatCounts): debug=2's count is said, and debug=1's beside it when they differ. */
  goroutineOtherCounts?: readonly (MomentCount | undefined)[];
  /** The deepest recursion the goroutine dumps show (goroutines/stacks.ts recursionOf): a stack peak of few goroutines names it. */
  recursion?: Recursion;
  /** Some snapshot has a sampled profile (false: /metrics scrapes or vars only, which have no heap URL to add ?gc=1 to). */
  profiled?: boolean;
  /**
   * Bytes the profiler's own sites allocated between the first and the last profiled GC epoch
   * (their profiles' cumulative allocated bytes): taking dumps allocates, and that is no churn of
   * the program's (index.ts profilerAllocated).
   */
  profilerAllocated?: number;
  /** What the program allocated at each step between two consecutive points (burst.ts stepAllocations): whether one step made it all. */
  stepAllocated?: readonly number[];
  /** Size classes (MemStats.BySize, exact counts) whose live bytes grew by ≥ 1 MiB, never falling, per GC epoch. */
  sizeClasses?: readonly SizeClassTrend[];
  /** The latest snapshot's GC is off (GOGC=off, no GOMEMLIMIT: gcoff.ts). */
  gcOff?: SeriesGcOff;
  /** The heap goal held while the live heap moved: a memory limit's (heldgoal.ts). */
  heldGoal?: HeldGoal;
  /** The heap goal pinned at the live heap in the heap dumps from one on (pinned.ts goalPinnedFrom). */
  pinnedGoal?: PinnedGoal;
  /** MemStats read between GCs alone (`profiled` false): where the heap goal moved while the live heap did not (heldgoal.ts goalMovesBetweenGCs). */
  goalMoves?: readonly GoalRatioChange[];
  /** Each point's heap goal (NextGC), set by its last GC from the heap that GC marked: whether a reading between GCs was above a live heap measured later (pastPeak). */
  goals?: readonly (number | undefined)[];
}

/** What growing sites held of arrays' old copies at one snapshot (SiteTrend.oldCopyAt): the bytes, and the sites' functions. */
export interface OldCopies {
  bytes: number;
  sites: readonly string[];
}

/** The GC off in a series (gcoff.ts), with what the series says of the heap's growth. */
export interface SeriesGcOff {
  /** The latest snapshot's. */
  off: GcOff;
  /** Every snapshot with MemStats has it off. */
  every: boolean;
  /** ΔTotalAlloc / ΔNumGC across the series, when enough GCs ran between its snapshots to say it (forced.ts perCycleRate). */
  bytesPerGC: number | undefined;
  /** Fewer GCs than that: the bytes allocated and the GC cycles they span (SeriesAnalysis.allocation's `overGCs`). */
  overGCs?: { bytes: number; gcs: number };
  /** What the program allocates a second: from --interval, or from LastGC when every snapshot was read right after a forced GC. */
  bytesPerSecond: number | undefined;
  /** Every snapshot was read right after a GC it forced itself (heap?debug=1&gc=1), and one GC ran between two: the dumps' own GCs are all that ran. */
  dumpsForcedEach: boolean;
  /** The time between two snapshots (--interval), when given. */
  secondsPerStep?: number;
  /**
   * One step allocated most of what the series did (allocationBurst: the step from point `at` − 1
   * to `at`, of `steps`): bytesPerGC and bytesPerSecond are then the other steps' rate.
   */
  burst?: { at: number; bytes: number; steps: number };
}

/** The advice when the points are too few (issue #9: the words users are told). */
const TOO_FEW_GCS =
  'not enough GC cycles between snapshots — take more over a longer time, or add ?gc=1 to the heap URL so each snapshot follows a GC';
/** The advice when GCs did run between the snapshots, but there are too few of them to show a trend. */
const TOO_FEW_SNAPSHOTS = 'take at least one more, some GC cycles after the last, so that a trend can show';
/** What to do when a heap dump may be taken between GCs. */
const ADD_GC1 = 'add ?gc=1 to the heap URL so that each snapshot follows a GC';
/** The advice after words that read HeapAlloc between GCs with no profile to weigh it against (the summary's last sentence). */
const BETWEEN_GCS_ADVICE = ` A dump taken between GCs counts the garbage made since the last one in HeapAlloc: ${ADD_GC1}.`;
/**
 * BETWEEN_GCS_ADVICE as fits the inputs: /debug/vars documents and /metrics scrapes (`profiled`
 * false) have no heap URL to add ?gc=1 to, nor can they run a GC first (measureLiveHeap).
 */
function betweenGcsAdvice(profiled: boolean): string {
  return profiled ? BETWEEN_GCS_ADVICE : ` A snapshot read between GCs counts the garbage made since the last one in HeapAlloc: ${measureLiveHeap(false)}.`;
}

/**
 * What a series' HeapAlloc is when its readings are between GCs, as the latest one's heap profile
 * shows (garbage.ts latestReadBetweenGCs): the words the verdict says where it would say "live heap"
 * (a plateau, growth short of evidence), and the series table's note (report/goroutines.ts).
 */
export const BETWEEN_COLLECTIONS = 'heap between collections (HeapAlloc, live plus garbage not yet collected)';

/** What the heap profile had in use beside HeapAlloc read between GCs (latestReadBetweenGCs), and why that HeapAlloc says not how much is live. */
function profileHad(inUse: number): string {
  return `the heap profile, as of the latest one's last GC, had ${formatBytes(inUse)} in use: HeapAlloc counts the garbage made since the last GC, which the next one collects, so these snapshots do not say how much is live`;
}
/** The same for /metrics scrapes and /debug/vars documents, which no ?gc=1 applies to. */
const TOO_FEW_GCS_EXPOSED = 'not enough GC cycles between snapshots — take them further apart, so that GCs run between them';
/** With the GC off, time brings no GC: only a forced one separates two snapshots. */
const TOO_FEW_GCS_OFF = 'not enough GC cycles between snapshots, and with the GC off none runs unless forced — add ?gc=1 to the heap URL so that each snapshot follows a GC';
const TOO_FEW_GCS_OFF_EXPOSED = 'not enough GC cycles between snapshots, and with the GC off none runs unless forced — take heap?debug=1&gc=1 dumps, each of which runs a GC first';

/**
 * The GC off and no GC between the snapshots (gcoff.ts): nothing was ever collected between them,
 * so HeapAlloc's rise is what was allocated, not a live heap; the series says so, how fast the
 * heap grows, and what to do — "take them further apart" puts no GC between them (the captured
 * go1.19-audit28-gogcoff/plain and its /debug/vars). `why` without "Cannot tell …: " is the
 * verdict's tooFewCycles.
 */
function neverCollected(g: SeriesGcOff, points: readonly SeriesPoint[], profiled: boolean): { summary: string; why: string } {
  const first = points[0];
  const last = points[points.length - 1];
  const [from, to] = [first?.breakdown.live ?? 0, last?.breakdown.live ?? 0];
  const since = g.off.numGC === 0 ? 'everything allocated since the process started' : 'everything allocated since the last forced GC';
  const ran = g.off.numGC === 0 ? 'and none will run by itself' : 'and no GC ran between the snapshots, nor will unless one is forced';
  const grew = to > from ? ` ${uncollectedGrowthWords(points.map((p) => p.breakdown.live), g.bytesPerSecond, g.secondsPerStep)}, and grows so until the process is killed.` : '';
  const why = `the GC is off (${gcOffEvidence(g.off, g.every ? ' in every snapshot' : ' in the latest snapshot')}), ${ran}: HeapAlloc ${formatBytes(from)} → ${formatBytes(to)} is ${since}, not the live heap.${grew} ${capitalized(letTheGcRun(g.off))}; ${measureLiveHeap(profiled)}`;
  return { summary: `Cannot tell whether memory leaks: ${why}.`, why };
}

/**
 * What a series verdict adds when the GC is off and forced GCs ran between the snapshots: the
 * live heap read after them may be flat, but between them the heap keeps everything allocated
 * (the captured go1.19-audit28-gogcoff/gc1: "Stable … 8.3 MiB", 40.4 MiB allocated per GC, each
 * forced by the dump's own ?gc=1). One step that allocated most of it is said apart, the rate the
 * other steps': the captured burst under GOGC=off with ?gc=1 dumps (go1.19-audit36-burst-gc1: 200 MiB
 * once, then ~60 KiB a step) was "22.2 MiB per GC cycle (14.0 MiB/s)", the burst's mean.
 */
function betweenForcedWords(g: SeriesGcOff, forcedBy: string): string {
  const by = g.dumpsForcedEach ? ` — here one right before each dump (${forcedBy}) —` : ' (runtime.GC, debug.FreeOSMemory, a profiler\'s ?gc=1)';
  const rate = g.bytesPerSecond === undefined ? '' : ` (${formatBytes(g.bytesPerSecond)}/s)`;
  const b = g.burst;
  // The steps other than the burst's: all after it, all before it, or on both sides (burst.ts uncollectedGrowthWords).
  const when = !b ? '' : b.at === 1 ? ' since' : b.at === b.steps ? ' before it' : ' at the other steps';
  const perGC = g.bytesPerGC !== undefined ? `${formatBytes(g.bytesPerGC)} per GC cycle${when}${rate}`
    : g.overGCs ? `${overGCsWords(g.overGCs)}${when}${rate}` : '';
  const kept = b ? `everything allocated: ${formatBytes(b.bytes)} at one step, snapshots ${formatCount(b.at)}→${formatCount(b.at + 1)}${perGC ? `, and ${perGC}` : ''}`
    : perGC === '' ? 'everything allocated' : `everything allocated, ${perGC}`;
  const without = g.dumpsForcedEach ? '; without them none would run, and the process would grow so until killed' : '';
  return ` The GC is off (${gcOffEvidence(g.off, g.every ? ' in every snapshot' : ' in the latest snapshot')}): only forced GCs run${by} and between them the heap kept ${kept}${without}. ${capitalized(letTheGcRun(g.off))}.`;
}

/**
 * `time.NewTimer (sleep.go:87) ← main.runTimers (main.go:102) +15.5 MiB` (profile.ts siteLabel).
 * `all`: the sites named with it, told apart by line when two share a function; Array.map passes
 * the list as its third argument, so `sites.map(siteWords)` names each among its own list.
 */
const siteWords = (s: SiteTrend, _index?: number, all: readonly NamedSite[] = []): string => `${siteLabel(s, all)} +${formatBytes(s.growthBytes)}`;
/** A growing site the leak names: siteWords and, when its fall was an old copy freed or its estimate is rough, that (oldcopy.ts, basis.ts). */
const leakSiteWords = (s: SiteTrend, _index?: number, all: readonly NamedSite[] = []): string => `${siteWords(s, _index, all)}${siteNotes(s)}`;
/** ` (…)` after a site whose fall was an array's old copy freed (oldcopy.ts) or whose estimate rests on few samples (`rough: 2 → 6 samples`, the table's basis in short), '' for any other. */
const siteNotes = (s: SiteTrend): string => {
  const notes = [oldCopyHint(s), roughEstimateNote(s)].filter((w): w is string => w !== undefined);
  return notes.length > 0 ? ` (${notes.join('; ')})` : '';
};
/**
 * The sites that rose and are falling beside a live heap worked off since its peak (`steps` steps
 * ago): each site's own highest reading is at the peak or after it, before its last, and it fell
 * from there by 1 MiB or more, beyond sampling error, having risen to it by as much; the two that
 * fell most, most first. The captured go1.19-audit41-sessions named sync.(*Map).dirtyLocked, which
 * "grew, then held" at 3.5 MiB, where main.handle's 8 KiB sessions, 133.7 → 410.2 → 340.3 MiB, held the peak.
 */
function fallingSites(sites: readonly SiteTrend[], steps: number): { site: SiteTrend; top: number; at: number }[] {
  const min = SERIES_THRESHOLDS.siteGrowthMinBytes;
  return sites.flatMap((site) => {
    const v = site.inuseBytes;
    const top = largest(v);
    const at = v.indexOf(top);
    const last = v.length - 1;
    return !site.profiler && at < last && at >= last - steps && top - (v[last] ?? 0) >= min && top - (v[0] ?? 0) >= min && beyondSamplingError(site, last, at)
      ? [{ site, top, at }] : [];
  }).sort((a, b) => (b.top - (b.site.inuseBytes[b.site.inuseBytes.length - 1] ?? 0)) - (a.top - (a.site.inuseBytes[a.site.inuseBytes.length - 1] ?? 0))).slice(0, 2);
}

/** `main.handle (main.go:31) 133.7 MiB → 410.2 MiB → 340.3 MiB`: a falling site (fallingSites), where it is, its first, highest and last in-use bytes. */
function fallingSiteWords(x: { site: SiteTrend; top: number }, all: readonly SiteTrend[]): string {
  const s = x.site;
  const label = siteLabel(s, all);
  const where = s.caller || label.includes(fileLine(s.file, s.line)) ? label : `${label} (${fileLine(s.file, s.line)})`;
  const v = s.inuseBytes;
  return `${where} ${formatBytes(v[0] ?? 0)} → ${formatBytes(x.top)} → ${formatBytes(v[v.length - 1] ?? 0)}`;
}

/** A site short of evidence because its estimate rests on too few samples says so: `… (0 → 1 → 4 samples: within sampling error)`. */
const shortSiteWords = (s: SiteTrend, words: (s: SiteTrend) => string = siteWords): string => (beyondSamplingError(s) ? words(s)
  : `${words(s)} (${(s.samples ?? []).map((n) => formatCount(Math.round(n))).join(' → ')} samples: within sampling error)`);
const groupWords = (g: GroupTrend, all: readonly GroupTrend[] = []): string => `${groupName(g, all)} +${formatCount(g.growth)}`;

/** `main.go:146`: where a site is, to tell apart two sites of one function. */
const lineWords = (s: SiteTrend): string => (s.file ? `${baseName(s.file)}:${s.line ?? '?'}` : '');
const shiftedSiteWords = (s: SiteTrend): string => `${siteNamed(s)}${s.file ? ` (${lineWords(s)})` : ''} +${formatBytes(s.growthBytes)}`;

/**
 * ` It is a shift between sites, not growth: other sites fell meanwhile (main.runMemlimit
 * (main.go:140) −9.1 MiB) while the live heap did not follow (15.9 MiB → 17.9 MiB) …` (index.ts siteShift).
 * `afterGC`: every reading followed a forced GC (?gc=1), so HeapAlloc is the live heap; else it
 * was read between GCs (/debug/vars beside binary profiles: go1.19-audit-work/05b), and is named so.
 */
function shiftWords(fell: readonly SiteTrend[], live: readonly number[], afterGC: boolean): string {
  const list = fell.slice(0, 3).map((s) => `${siteNamed(s)}${s.file ? ` (${lineWords(s)})` : ''} −${formatBytes(-s.growthBytes)}`).join(', ');
  const values = `${formatBytes(live[0] ?? 0)} → ${formatBytes(live[live.length - 1] ?? 0)}`;
  const heap = afterGC ? `the live heap did not follow (${values})` : `HeapAlloc, read between GCs, did not follow (${values}; it counts garbage not yet collected, so these snapshots do not say the live heap itself)`;
  return ` It is a shift between sites, not growth: other sites fell meanwhile (${list}${fell.length > 3 ? ', …' : ''}) while ${heap}: a working set filled at one line and refilled at another moves from one site to the other.`;
}

/**
 * ` Growing, but not yet evidence: …` of the growth a verdict names without resting on it (four at
 * most); '' for none. Those of `held`, sites and goroutine groups that grew, then held
 * (SiteTrend.heldFrom, trend.ts heldFrom of a group's counts), are said apart: ` Grew, then held
 * (not growing now): …`.
 */
function notYetEvidence(words: readonly string[], held: HeldWords = { sites: new Set(), groups: new Set() }): string {
  const growing = words.filter((w) => !held.sites.has(w) && !held.groups.has(w));
  // Four of each: a plateau's held sites never crowd out the goroutines that hold them.
  const stopped = [...words.filter((w) => held.sites.has(w)).slice(0, 4), ...words.filter((w) => held.groups.has(w)).slice(0, 4)];
  return `${growing.length > 0 ? ` Growing, but not yet evidence: ${growing.slice(0, 4).join(', ')}.` : ''}${stopped.length > 0 ? ` ${GREW_THEN_HELD}: ${stopped.join(', ')}.` : ''}`;
}

/**
 * A goroutine group that grew, then held: by the hold rule (trend.ts heldTail, four dumps or more at its level), its counts being
 * exact — a group read in three dumps, 13 → 269 → 292 (the captured go1.19-audit38-mutexleak, a leak), rose at its last step.
 */
export function groupHeld(g: GroupTrend): boolean {
  return heldTail(g.counts, SERIES_THRESHOLDS.flatShare) !== undefined;
}

/** The words (notYetEvidence) of the sites and of the goroutine groups that grew, then held. */
interface HeldWords {
  sites: ReadonlySet<string>;
  groups: ReadonlySet<string>;
}

/** `Grew, then held`: sites whose in-use bytes grew, then held (SiteTrend.heldFrom), as the TUI's Series list counts them. */
export const GREW_THEN_HELD_WORDS = 'Grew, then held';
/** What such a site is not: said beside GREW_THEN_HELD_WORDS, as the verdict and the reports' headings say it. */
export const NOT_GROWING_NOW = 'not growing now';
/** The words of sites that grew, then held (SiteTrend.heldFrom), as the verdict and the reports' site lists say them. */
export const GREW_THEN_HELD = `${GREW_THEN_HELD_WORDS} (${NOT_GROWING_NOW})`;

/**
 * Groups that grew and never went back down (SeriesFacts.groups), blocked on a channel, select or
 * lock, whose longest wait lengthened across the dumps to goroutineLongWaitMinutes or more, and
 * none of whose goroutines provably ran between two dumps (`woken`: a pool's idle workers take
 * turns, their waits starting over): they leaked while the load lasted and stay after it stops
 * (reasoning.md §6), though their count holds.
 */
function stuckGroups(groups: readonly GroupTrend[]): GroupTrend[] {
  return groups.filter((g) => {
    const w = g.waits;
    const last = w?.[w.length - 1] ?? 0;
    return !g.benign && isBlockedState(g.state) && w !== undefined && nonDecreasing(w) && last > (w[0] ?? 0) && last >= THRESHOLDS.goroutineLongWaitMinutes
      && !(g.woken ?? []).some((n) => n > 0);
  });
}

/** How many of a group's goroutines printed goroutineLongWaitMinutes or more at the last dump: each one's own wait. */
const waitedLast = (g: GroupTrend): number => g.waited?.[g.waited.length - 1] ?? 0;

/**
 * How many goroutines of stuck groups have waited minutes at the last dump, each by its own header,
 * and the first three groups: `main.f [chan send] 1 → 2 minutes ×489, main.g [select] 0 → 1 minutes
 * ×300 of 320, …, and 2 more groups` (the longest wait at each dump; ×N of M: N of the group's M).
 */
function stuckList(stuck: readonly GroupTrend[]): { count: string; list: string } {
  const count = stuck.reduce((n, g) => n + waitedLast(g), 0);
  const list = stuck.slice(0, 3).map((g) => {
    const all = g.counts[g.counts.length - 1] ?? 0;
    const waited = waitedLast(g);
    return `${g.function} [${g.state ?? ''}] ${(g.waits ?? []).join(' → ')} minutes ×${formatCount(waited)}${waited < all ? ` of ${formatCount(all)}` : ''}`;
  }).join(', ');
  return { count: formatCount(count), list: `${list}${stuck.length > 3 ? `, and ${formatCount(stuck.length - 3)} more groups` : ''}` };
}

/**
 * How stuck groups' waits (never shorter from one dump to the next, longer at the last than at the
 * first: stuckGroups) rose: `longer at each dump` when every group's rose at every step, else
 * `longer over the dumps, never shorter at one than at the one before` (the minutes printed are
 * whole: 0 → 1 → 1 → 2).
 */
function longerWords(stuck: readonly GroupTrend[]): string {
  const everyStep = stuck.every((g) => (g.waits ?? []).every((w, i, all) => i === 0 || w > (all[i - 1] ?? 0)));
  return everyStep ? 'longer at each dump' : 'longer over the dumps, never shorter at one than at the one before';
}

/**
 * Whether a group's count stopped growing: its last step rose by at most flatShare of all it grew
 * (gorleak after the load: 2,434 → 2,443 of +1,961; reqleak's two dumps, 88 → 654, did not).
 */
function heldAtLast(g: GroupTrend): boolean {
  const c = g.counts;
  const last = (c[c.length - 1] ?? 0) - (c[c.length - 2] ?? 0);
  return last <= SERIES_THRESHOLDS.flatShare * ((c[c.length - 1] ?? 0) - (c[0] ?? 0));
}

function stuckWords(groups: readonly GroupTrend[]): string {
  const stuck = stuckGroups(groups);
  if (stuck.length === 0) return '';
  const { count, list } = stuckList(stuck);
  // Their count held at the last dump (the load ended), or still rose (two dumps, 88 → 654): said as it is.
  const course = stuck.every(heldAtLast)
    ? 'they leaked while the load lasted and will never end, though their count stopped growing'
    : 'none of them has ended, and their count still rose at the last dump';
  return ` But ${count} goroutines of groups that grew and never went back down have waited ${longerWords(stuck)} (${list}): ${course}.`;
}

/**
 * Groups whose count held (never fell, never grew to evidence) yet are blocked longer at each dump,
 * every goroutine of them waiting minutes at the last: a leak that stopped growing before the
 * first dump. The groups goroutine-long-wait names below the verdict (the program's own,
 * goroutineLongWaitMinCount or more), so "Stable" is not read as "nothing is stuck"; a count that
 * held is no leak evidence, so the verdict's leak stays. A group of which some waited under a
 * minute at the last dump is not said: those joined it or were woken since the first dump (a
 * pool's idle workers take turns), so its waits did not all grow (wokenSince proves it only for
 * dumps far enough apart).
 */
function heldWords(groups: readonly GroupTrend[]): string {
  const stuck = stuckGroups(groups.filter((g) => g.monotonic && !isStandardLibrary(g.function) && waitedLast(g) >= THRESHOLDS.goroutineLongWaitMinCount
    && waitedLast(g) === g.counts[g.counts.length - 1]));
  if (stuck.length === 0) return '';
  const { count, list } = stuckList(stuck);
  return ` But ${count} goroutines in groups stable in count have been blocked for minutes, ${longerWords(stuck)} (${list}): they wait for what never comes, each keeping its stack and what it references.`;
}

/** `snapshots 1→4` (1-based, as the table numbers them). */
function span(indexes: readonly number[]): string {
  const a = (indexes[0] ?? 0) + 1;
  const b = (indexes[indexes.length - 1] ?? 0) + 1;
  return `snapshots ${a}→${b}`;
}

/** How many snapshots snapshotsNamed lists before `and N more`. */
const SNAPSHOTS_NAMED = 6;

/** `snapshot 5`, `snapshots 1, 3 and 5`, `snapshots 1, 3, 5, 7, 9, 11 and 2 more` (0-based indexes, said 1-based as the table numbers them). */
export function snapshotsNamed(indexes: readonly number[]): string {
  const numbers = indexes.map((i) => formatCount(i + 1));
  if (numbers.length === 1) return `snapshot ${numbers[0] ?? ''}`;
  const more = numbers.length - SNAPSHOTS_NAMED;
  return more > 0 ? `snapshots ${numbers.slice(0, SNAPSHOTS_NAMED).join(', ')} and ${formatCount(more)} more` : `snapshots ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1] ?? ''}`;
}

/**
 * The live heap's readings (one per GC epoch) a verdict compares, like with like: when some were
 * read right after a forced GC (`afterGC`: ?gc=1) and others between GCs, their HeapAlloc are no
 * like for like — between GCs it counts the garbage made since the last one — so the readings
 * compared are those after a forced GC, two at least (comparedAfterForcedGC), and the others are
 * named apart (`between`); else every reading, and `between` is empty. `at`, `betweenAt`: the
 * snapshots (0-based, into the series) each was read at.
 */
interface Readings {
  values: number[];
  at: number[];
  between: number[];
  betweenAt: number[];
  /** What forced the GCs of the readings after one (forced.ts forcedGCBy). */
  by: string;
}

/** Every snapshot's reading (HeapAlloc) and whether it was read right after a forced GC (SeriesFacts.afterForcedGC), one per point. */
interface AllReadings {
  live: readonly number[];
  after: readonly boolean[];
  /** What forced the GCs of those read right after one (forced.ts forcedGCBy). */
  by: string;
  /** The snapshots (0-based) where growing sites held an array's old copy beside its new one, with those sites (SeriesFacts.oldCopies). */
  copies?: ReadonlyMap<number, readonly string[]>;
}

/**
 * `all`, every snapshot's reading: those between GCs are all named apart, a plain dump read in the
 * GC epoch a ?gc=1 dump opened too (as the series table's betweenGCs names them), not only the
 * epochs' first readings — the captured go1.19-audit30-tickerleak's ten dumps named "snapshots 1
 * and 3" of the five plain ones.
 */
function comparedReadings(live: readonly number[], indexes: readonly number[], afterGC: readonly boolean[], all: AllReadings): Readings {
  if (!comparedAfterForcedGC(live.map((_, i) => afterGC[i] === true))) return { values: [...live], at: [...indexes], between: [], betweenAt: [], by: all.by };
  const after = live.flatMap((_, i) => (afterGC[i] === true ? [i] : []));
  const betweenAt = all.after.flatMap((a, i) => (a ? [] : [i]));
  return { values: after.map((i) => live[i] ?? 0), at: after.map((i) => indexes[i] ?? 0), between: betweenAt.map((i) => all.live[i] ?? 0), betweenAt, by: all.by };
}

/**
 * The lowest reading between GCs before the first read right after a forced GC, when it is below that first by more than `share`
 * of it and `minBytes`: HeapAlloc counts the live heap and the garbage not yet collected, so it is an upper bound of the live heap
 * then, and a heap that held after it rose from it at most. The captured go1.19-audit36/mapclear/series-plain (HeapAlloc 295.5 KiB
 * at snapshot 1, before any GC, then 146.8 → 147.9 MiB after a forced GC at snapshots 4→7) was "Stable: live heap 146.8 MiB →
 * 147.9 MiB", its plateau lost with the reading between GCs it rose from.
 */
function upperBoundBefore(r: Readings, share: number, minBytes: number): { value: number; at: number } | undefined {
  const first = r.values[0] ?? 0;
  const before = r.between.flatMap((v, i) => ((r.betweenAt[i] ?? Infinity) < (r.at[0] ?? 0) ? [{ value: v, at: r.betweenAt[i] ?? 0 }] : []));
  const lowest = before.reduce<{ value: number; at: number } | undefined>((low, b) => (low === undefined || b.value < low.value ? b : low), undefined);
  return lowest !== undefined && lowest.value < (1 - share) * first && first - lowest.value >= minBytes ? lowest : undefined;
}

/** `across 6 GC-separated snapshots (snapshots 1→6)`, or of readings after a forced GC beside others, `across the 4 GC-separated snapshots read right after a forced GC (snapshots 1→4, ?gc=1)`. */
function acrossWords(r: Readings, postGcWords = ''): string {
  return r.between.length === 0
    ? `across ${r.values.length} GC-separated snapshots (${span(r.at)}${postGcWords})`
    : `across the ${r.values.length} GC-separated snapshots read right after a forced GC (${span(r.at)}, ${r.by})`;
}

/**
 * The readings a verdict did not compare, named apart with where they were read: `, and 45.7 MiB
 * at snapshot 5, read between GCs (its HeapAlloc counts the garbage made since the last GC)` —
 * up to three values, else their range (`15.9 MiB to 49.5 MiB`); '' when every reading is compared.
 */
function betweenWords(r: Readings): string {
  if (r.between.length === 0) return '';
  return `, and ${betweenValues(r)}, read between GCs (${r.between.length === 1 ? 'its' : 'their'} HeapAlloc counts the garbage made since the last GC)`;
}

/** `91.0 MiB at snapshot 1`, `39.7 MiB and 104.2 MiB at snapshots 1 and 3`: the readings betweenWords names apart. */
function betweenValues(r: Readings): string {
  const shown = r.between.map((v) => formatBytes(v));
  const values = shown.length > 3 ? `${formatBytes(smallest(r.between))} to ${formatBytes(largest(r.between))}`
    : shown.length === 1 ? shown[0] ?? '' : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1] ?? ''}`;
  return `${values} at ${snapshotsNamed(r.betweenAt)}`;
}

/**
 * The live heap's evidence: `live heap 4.3 MiB → 24.4 MiB across 6 GC-separated snapshots
 * (snapshots 1→6)`. When some of them were read right after a forced GC (`afterGC`: ?gc=1) and
 * others between GCs, the figures compared are those after a forced GC (comparedReadings), and the
 * others are named apart with where they were read: the captured go1.19-audit27-limit/leak-mixed
 * (four ?gc=1 dumps, then a plain one) read "live heap 21.8 MiB → 45.7 MiB", the last the plain
 * dump's HeapAlloc, garbage included. Of plain dumps (`plain`) or MemStats alone (`memStats`: /debug/vars, /metrics, read when
 * asked), HeapAlloc read between GCs at snapshots taken at different GCs (the corpus's go1.19 exposition leak from /debug/vars
 * alone read "live heap 6.3 MiB → 22.1 MiB").
 */
function liveHeapWords(live: readonly number[], indexes: readonly number[], afterGC: readonly boolean[], postGcWords: string, all: AllReadings, plain?: PlainReadings, memStats = false): string {
  const r = comparedReadings(live, indexes, afterGC, all);
  const values = `${formatBytes(r.values[0] ?? 0)} → ${formatBytes(r.values[r.values.length - 1] ?? 0)}`;
  if (plain || memStats) return `HeapAlloc ${values} across ${r.values.length} ${AT_DIFFERENT_GCS} (${span(r.at)}${postGcWords}), ${plain ? plainWords(plain, indexes, all.by) : 'each read between GCs'}${noiseFallWords(r.values, r.at, all.copies)}`;
  return `live heap ${values} ${acrossWords(r, postGcWords)}${noiseFallWords(r.values, r.at, all.copies)}${betweenWords(r)}`;
}

/** What plain dumps' readings are, one per GC cycle: none follows a forced GC, so none is the live heap right after a GC. */
const AT_DIFFERENT_GCS = 'snapshots taken at different GCs';

/** Readings (one per GC epoch) of heap dumps all read between GCs but one at most (plainReadings). */
interface PlainReadings {
  /** How many were read between GCs. */
  between: number;
  /** The one read right after a forced GC (its place among the readings), if any. */
  after?: number;
}

/**
 * The live heap's readings (`afterGC`, one per GC epoch) when they are HeapAlloc read between GCs, of heap dumps with a profile,
 * all of them or all but one (two right after a forced GC are compared on their own: forced.ts comparedAfterForcedGC): each counts
 * the live heap as of its last GC and the garbage made since, and its heap profile is as of an earlier GC than its MemStats
 * (reasoning.md §4). The words say so — HeapAlloc, at snapshots taken at different GCs — not "the live heap after GC": the captured
 * go1.19-audit40-ringbuf's dumps, five plain and a ?gc=1 one, were "live heap 3.9 MiB → 25.5 MiB across 6 GC-separated snapshots"
 * and "The live heap after GC never fell back" where diff said its first was "Read between GCs". Undefined otherwise.
 */
function plainReadings(f: SeriesFacts, afterGC: readonly boolean[]): PlainReadings | undefined {
  const after = afterGC.flatMap((a, i) => (a ? [i] : []));
  if (f.profiled === false || after.length > 1 || after.length === afterGC.length || !f.epochs.every((e) => e.stats === undefined || e.profile.format?.binary === false)) return undefined;
  return { between: afterGC.length - after.length, ...(after[0] !== undefined ? { after: after[0] } : {}) };
}

/** `each read between GCs`, or `read between GCs but snapshot 6, right after a forced GC (?gc=1)` (`indexes`: each reading's snapshot, 0-based). */
function plainWords(plain: PlainReadings, indexes: readonly number[], by: string): string {
  return plain.after === undefined ? 'each read between GCs' : `read between GCs but snapshot ${formatCount((indexes[plain.after] ?? 0) + 1)}, right after a forced GC (${by})`;
}

/**
 * The growing sites that are leak evidence (`sites` are those that never fell and grew enough):
 * every one when the live heap rises with them (its exact rise backs theirs), else those that rose
 * steadily by more than sampling error on their own; never the profiler's.
 * Only meaningful from minPoints GC-separated snapshots.
 */
export function leakSites(sites: readonly SiteTrend[], liveHeapRising: boolean, points: readonly SeriesPoint[], offsetting?: readonly SiteTrend[], fallingSteps?: number): SiteTrend[] {
  const burst = stacksCameAndWent(points);
  // A site cannot leak while the whole live heap and its object count fall over the same moments
  // (a pool's buffers: live 125.7 → 102.2 MiB, HeapObjects 5,855 → 2,954): a site to watch then.
  if (heapFalls(points)) return [];
  // Nor while other sites fell by as much and the live heap did not rise: a shift between sites (index.ts siteShift).
  if (offsetting && !liveHeapRising) return [];
  // `monotonic`: never fell by more than sampling error (index.ts), so a dip of one sample does not break a steady rise.
  // A sync.Pool's New site alone is no evidence: what it has in use at a GC is the pool's cache and
  // the objects its users hold at that instant, which move with the work in flight (audit30-syncpool's
  // plain dumps: 8 workers' 1 MiB buffers, 3 → 3 → 4 → 6 → 6 at their GCs while the live heap fell
  // 14.1 → 6.3 MiB, were "Leak suspected"; its ?gc=1 dumps, churn); beside a live heap that rises, it is.
  // Alone, while the live heap and its object count fell over the later half, its rise there
  // (keepsRising's) must be more than sampling luck too (laterRiseBeyondSamplingError): the captured
  // go1.19-audit37/timeafter's timers. A slow leak beside churn (go1.19-audit-verdicts/a2-slowleak-gc1:
  // main.leakSlowly 2 → 6 → 9 → 11 → 12 → 14 samples, HeapObjects 3,844 → 4,078 over the later half)
  // gains as few samples there, and is one.
  const heapFellLater = heapFalls(points, laterHalfFrom(points));
  // Alone, while the live heap falls at each step since its peak (trend.ts fallingSincePeak: `fallingSteps`), a site must rise
  // over those steps too, beyond sampling error: one that jumped and held flat since is a cache warming up, and a leak goes on
  // rising while the heap around it is given back. The captured go1.19-audit41-sessions's sync.(*Map).dirtyLocked (the dirty
  // map's table), 0 → 1.7 → 3.5 MiB then 3.5 MiB ×9 while the live heap fell 413.8 → 332.6 MiB, was "Leak suspected".
  const roseSince = (s: SiteTrend): boolean => {
    const [from, to] = [s.inuseBytes.length - 1 - (fallingSteps ?? 0), s.inuseBytes.length - 1];
    return from < 0 || ((s.inuseBytes[to] ?? 0) > (s.inuseBytes[from] ?? 0) && beyondSamplingError(s, from, to));
  };
  return sites.filter((s) => !s.profiler && s.inuseBytes.length >= SERIES_THRESHOLDS.minPoints && stillRising(s.inuseBytes, SERIES_THRESHOLDS.flatShare)
    && (liveHeapRising || (!s.poolNew && s.monotonic && risingSteps(s.inuseBytes) >= 2 && beyondSamplingError(s) && (!heapFellLater || laterRiseBeyondSamplingError(s))
      && (fallingSteps === undefined || roseSince(s))))
    && !(burst && isDescriptorSite(s)));
}

/**
 * The steps the live heap fell at since its peak, one reading per GC epoch, when it fell at each of
 * two or more by more than a reading's noise (trend.ts fallingSincePeak, 1 MiB at least), each
 * reading from the peak on right after a forced GC (`afterForcedGC`): a peak being worked off,
 * which a site alone must rise over to be evidence (leakSites). HeapAlloc read between GCs falls
 * and rises with the garbage of the GC's sawtooth (the captured go1.19-audit-verdicts/a2-slowleak-gc1,
 * a slow leak beside churn, 71.5–98.7 MiB).
 */
export function liveFallingSteps(live: readonly number[], afterForcedGC: readonly boolean[]): number | undefined {
  const off = fallingSincePeak(live, SERIES_THRESHOLDS.siteGrowthMinBytes);
  return off && afterForcedGC.slice(off.at).length === off.steps + 1 && afterForcedGC.slice(off.at).every((a) => a) ? off.steps : undefined;
}

/**
 * The growing sites a leak verdict names (its headline, leak-suspected, the TUI's Growing sites):
 * once some are evidence (leakSites), the growing sites as the report's table lists them, most
 * grown first — but the profiler's own (the table says they are not evidence) and a burst's
 * goroutine descriptors (the cost of its peak). A site of the table left out of the headline read
 * as not part of the leak: the captured go1.19-audit29-blocked's bufio.NewWriterSize, 2.0 → 6.0 →
 * 8.5 → 9.0 MiB, first in the table, rose less in the later half than keepsRising asks of a site alone.
 */
export function namedLeakSites(sites: readonly SiteTrend[], liveHeapRising: boolean, points: readonly SeriesPoint[], offsetting?: readonly SiteTrend[], fallingSteps?: number): SiteTrend[] {
  if (leakSites(sites, liveHeapRising, points, offsetting, fallingSteps).length === 0) return [];
  const burst = stacksCameAndWent(points);
  return sites.filter((s) => !s.profiler && !(burst && isDescriptorSite(s)));
}

/**
 * Whether a sampled site's rise (from value `from` to value `to`, by default its first to its last)
 * is more than sampling luck: more than twice the standard error of the difference of its two
 * estimates (~95 %), each estimate's variance as unsample.ts estimateVariance gives it. Of small
 * objects that is the error of a count of rare events (one sample per ~MemProfileRate bytes, a
 * standard deviation of about its square root; of a difference, √(first + last) samples, less by
 * the share 1 − p of each that is luck): from zero it takes 4 to 5 samples (~2.5 MiB of small
 * objects at the default rate; a pool's 258 buffers of 8 KiB, 0 → 1 → 4 samples, 2,113,578 bytes
 * against 2,097,130, pass by a hair). An object far larger than the rate is always sampled, so its
 * estimate is exact: a bytes.Buffer's single 16 → 32 → 64 MiB array at a 4 KiB rate, one or two
 * samples, was "within sampling error". Exact profiles always pass.
 */
function beyondSamplingError(site: SiteTrend, from = 0, to = site.inuseBytes.length - 1): boolean {
  const samples = site.samples;
  if (!samples) return true;
  const variance = (i: number): number => estimateVariance(site.inuseObjects[i] ?? 0, site.inuseBytes[i] ?? 0, samples[i] ?? 0);
  return (site.inuseBytes[to] ?? 0) - (site.inuseBytes[from] ?? 0) > 2 * Math.sqrt(variance(from) + variance(to));
}

/**
 * Whether a sampled site's rise in the series' later half (from values[⌊n/2⌋], as keepsRising
 * reads it) is more than sampling luck: more than twice the standard error of the rise taken as an
 * estimate of its own — of the objects gained since, on the samples gained since, as a sampled
 * object still in use stays sampled — so ~4 samples gained at least of small objects. The captured
 * go1.19-audit37/timeafter's time.NewTimer (timers held 20 s, then fired and freed), 0 → 1.0 → 1.0
 * → 1.0 → 1.5 → 1.5 → 2.5 → 3.0 MiB, gained 3 samples (1.5 MiB, ±1.7 MiB) in the later half while
 * the live heap held at 4.7 → 4.4 MiB and HeapObjects fell, and was "Leak suspected"; the captured
 * go1.19-audit37/creepslow's main.remember, a slow leak beside a churning working set, 4.0 → 7.2 MiB
 * on 8 → 14.3 samples (±2.5 MiB), is one. Exact profiles always pass.
 */
function laterRiseBeyondSamplingError(site: SiteTrend): boolean {
  const samples = site.samples;
  if (!samples) return true;
  const [from, to] = [laterHalfFrom(site.inuseBytes), site.inuseBytes.length - 1];
  const gained = (values: readonly number[]): number => (values[to] ?? 0) - (values[from] ?? 0);
  const rise = gained(site.inuseBytes);
  return rise > changeSamplingError({ objects: gained(site.inuseObjects), bytes: rise, samples: gained(samples) });
}

/**
 * What a sampled site's step must rise by to be a rise (risesAtEveryStep's slack): half the bytes
 * one sample of the value before stands for. A sampled estimate moves by whole samples; less than
 * half of one is an object of another size beside them, not a sample gained. The captured
 * bytes.Buffer's site, one array of 12 → 16 → 32 → 32 → 64 → 64 MiB and a 6 KiB buffer beside it
 * at three of them (… → 33,554,432 → 33,560,911 → …), rose at 3 of 5 steps, not at every one.
 * A small-object site's sample gained (512 KiB at the default rate) still counts. None when exact.
 */
function sampleRiseSlack(site: SiteTrend): number[] {
  const samples = site.samples;
  return site.inuseBytes.map((_, i) => {
    const before = i > 0 ? samples?.[i - 1] ?? 0 : 0;
    return before > 0 ? (0.5 * (site.inuseBytes[i - 1] ?? 0)) / before : 0;
  });
}

/** HeapAlloc and HeapObjects both lower at the last snapshot than at the first (or at snapshot `from`). */
function heapFalls(points: readonly SeriesPoint[], from = 0): boolean {
  const first = points[from];
  const last = points[points.length - 1];
  if (!first || !last || first === last || first.heapObjects === undefined || last.heapObjects === undefined) return false;
  return last.breakdown.live < first.breakdown.live && last.heapObjects < first.heapObjects;
}

/**
 * The size classes that are leak evidence: their live objects rose steadily (never falling, in
 * two steps or more, still rising in the later half) across minPoints GC-separated snapshots. A
 * class mixes every site that allocates its size, so it is weaker evidence than a site; but a
 * /debug/vars series has no sites, and one class growing linearly (4 KiB objects 322 → 642 → 963
 * → … → 1,922) while the rest churn is what a slow leak looks like there (reasoning.md §3).
 */
function leakSizeClasses(classes: readonly SizeClassTrend[]): SizeClassTrend[] {
  return classes.filter((c) => c.liveObjects.length >= SERIES_THRESHOLDS.minPoints && steadilyRising(c.liveObjects) && stillRising(c.liveObjects, SERIES_THRESHOLDS.flatShare));
}

const classWords = (c: SizeClassTrend): string =>
  `${formatBytes(c.size ?? 0)} objects ${formatCount(c.liveObjects[0] ?? 0)} → ${formatCount(c.liveObjects[c.liveObjects.length - 1] ?? 0)} live (+${formatBytes(c.growthBytes)})`;

/**
 * A burst of goroutines that came and went (reasoning.md §7): StackInuse rose by stackGrowthMinBytes
 * and fell back by as much, to at most half its peak. The burst's descriptors (runtime.malg) stay
 * in the live heap, rising with each burst: no evidence of a leak then (a burst captured before,
 * during and after was "Leak suspected: growing sites: runtime.malg +2.5 MiB"). A peak at the
 * first snapshot is a burst that was on when the series began, seen ending (the captured
 * go1.19-audit27-burst's moments 2–5: 250.3 → 7.0 → 6.8 → 6.7 MiB, 4,000 goroutines' stacks freed,
 * was "Churn, not a leak").
 */
function stacksCameAndWent(points: readonly SeriesPoint[]): boolean {
  const stacks = points.map((p) => p.stackInuse);
  if (stacks.length < 2 || !stacks.every((v): v is number => v !== undefined)) return false;
  const peak = largest(stacks);
  const first = stacks[0] ?? 0;
  const last = stacks[stacks.length - 1] ?? 0;
  const min = SERIES_THRESHOLDS.stackGrowthMinBytes;
  return last <= 0.5 * peak && peak - last >= min && (stacks.indexOf(peak) === 0 || peak - first >= min);
}

/** The smallest stack a goroutine starts with (`_StackMin`, src/runtime/stack.go): a goroutine holds at least this much of StackInuse. */
const MIN_GOROUTINE_STACK_BYTES = 2048;

/**
 * The blocked group of the latest goroutine dump whose goroutines, at their smallest stack, hold half a rise of StackInuse or
 * more (the program's, not the runtime's or the dump writer's): what rising stacks are, read in one goroutine dump.
 */
function stackHolders(groups: readonly GoroutineGroup[], rise: number): GoroutineGroup | undefined {
  const blocked = groups.filter((g) => !g.benign && isBlockedState(g.state));
  const most = blocked.reduce<GoroutineGroup | undefined>((a, g) => (g.count > (a?.count ?? 0) ? g : a), undefined);
  return most && most.count * MIN_GOROUTINE_STACK_BYTES >= SERIES_THRESHOLDS.peakFallShare * rise ? most : undefined;
}

/** `goroutine stacks (StackInuse) 1.8 MiB → … → 11.9 MiB, rising at every snapshot …, held by 5,748 goroutines of main.serve [select] ← created by main.accept …`. */
function heldStacksWords(g: GoroutineGroup, stacks: readonly number[]): string {
  return `goroutine stacks (StackInuse) ${countWords(stacks, formatBytes)} across ${stacks.length} snapshots, never falling (read when each dump is taken, not as of the last GC as the profile is), ${stackHoldersWords(g)}: goroutines that never end keep their stacks and what they reference`;
}

/** `held by 5,748 goroutines of main.serve [select] ← created by main.accept in the latest goroutine dump (2.0 KiB of stack each at least: 11.2 MiB)`. */
function stackHoldersWords(g: GoroutineGroup): string {
  const who = `${g.function}${g.state ? ` [${g.state}]` : ''}${g.createdBy ? ` ← created by ${g.createdBy}` : ''}`;
  return `held by ${formatCount(g.count)} goroutines of ${who} in the latest goroutine dump (${formatBytes(MIN_GOROUTINE_STACK_BYTES)} of stack each at least: ${formatBytes(g.count * MIN_GOROUTINE_STACK_BYTES)})`;
}

/**
 * What one goroutine descriptor (a g, runtime.malg's object) takes: the site's bytes per object in
 * the latest profile that has it (416 B in go1.19); undefined where no profile names it.
 */
function descriptorBytes(epochs: readonly SeriesSnapshot[]): number | undefined {
  for (let i = epochs.length - 1; i >= 0; i--) {
    const site = epochs[i]?.profile.sites.find((s) => isDescriptorSite(s) && s.inuseObjects > 0);
    if (site) return site.inuseBytes / site.inuseObjects;
  }
  return undefined;
}

/**
 * How many goroutines the process made, as far as the profiles say: runtime.malg's objects (the
 * runtime never frees a descriptor), the most any snapshot's profile counts; undefined where none names it.
 */
function descriptorsMade(epochs: readonly SeriesSnapshot[]): number | undefined {
  const most = largest(epochs.map((e) => e.profile.sites.find(isDescriptorSite)?.inuseObjects ?? 0));
  return most > 0 ? Math.round(most) : undefined;
}

/**
 * The most a goroutine descriptor (a g) takes: runtime.malg's bytes per object are 416 B in the
 * corpus's go1.19 and go1.21 dumps, 448 B in go1.23's and 480 B in go1.26's; 512 B is the size
 * class above them.
 */
const MAX_DESCRIPTOR_BYTES = 512;

/**
 * Without a profile that says a g's size (/debug/vars alone): the live heap's rise per goroutine
 * the burst added, when it is no more than a g takes and the rise had stopped by the last
 * snapshot (descriptors are made while the burst runs, never after it): the captured
 * go1.19-audit27-burst's vars, 1.7 MiB for 4,389 objects, ~405 B each, was "A plateau".
 */
function unprofiledDescriptorBytes(live: readonly number[], added: number, growthMin: number): number | undefined {
  const rise = (live[live.length - 1] ?? 0) - (live[0] ?? 0);
  const settled = live.length >= 2 && (live[live.length - 1] ?? 0) - (live[live.length - 2] ?? 0) < growthMin;
  return added > 0 && rise > 0 && settled && rise / added <= MAX_DESCRIPTOR_BYTES ? rise / added : undefined;
}

/**
 * How many goroutine descriptors a burst of goroutines added to the live heap (the runtime keeps
 * every g for reuse): the goroutines the dumps counted beyond the first, where goroutine dumps are
 * given; else at most the objects the live heap gained (a g is one object) and the goroutines
 * the stacks' rise could hold at their smallest stack.
 */
function burstGoroutines(totals: readonly number[], objects: readonly number[], stacks: readonly number[]): { count: number; counted: boolean } {
  if (totals.length >= 2) return { count: Math.max(0, largest(totals) - (totals[0] ?? 0)), counted: true };
  const gained = (objects[objects.length - 1] ?? 0) - (objects[0] ?? 0);
  const room = Math.floor((Math.max(largest(stacks), 0) - (stacks[0] ?? 0)) / MIN_GOROUTINE_STACK_BYTES);
  return { count: Math.max(0, Math.min(gained, room)), counted: false };
}

/**
 * A leak whose every piece of evidence is goroutines (growing groups) or their stacks (StackInuse), the heap not growing: what
 * leaks is goroutines and their stacks, whatever part of the memory is the largest — the report's `verdict.dominant` is `stacks`
 * (combine.ts), the leak's finding says it as such (leak-suspected.ts), and a GC log, which sees only the heap, does not outweigh
 * it (exposed.ts dumpsOutweighLog).
 */
export function goroutineLeakOnly(verdict: Pick<SeriesVerdict, 'leak' | 'evidence'>): boolean {
  return verdict.leak === 'suspected' && verdict.evidence.length > 0 && verdict.evidence.every((e) => e.kind === 'goroutine-groups' || e.kind === 'stack-inuse');
}

/** The growing goroutine groups that are leak evidence: rising steadily across at least minPoints dumps. */
export function leakGroups(groups: readonly GroupTrend[]): GroupTrend[] {
  return groups.filter((g) => g.counts.length >= SERIES_THRESHOLDS.minPoints && steadilyRising(g.counts) && stillRising(g.counts, SERIES_THRESHOLDS.flatShare));
}

/**
 * `, at each of its 6 steps (−30.5 MiB a step on average)`: readings that fell at every step from the peak on (trend.ts
 * fallingSincePeak), a heap drained step by step rather than dropped at once (audit 48 #5: go1.19-audit48-shrink, a map
 * drained 3 MiB a second, 185.4 → 155.3 → 125.3 → 98.3 → 68.3 → 35.4 → 2.4 MiB after ?gc=1, read as one fall).
 */
function steadyFallWords(values: readonly number[], from: number): string {
  const fall = from < 0 ? undefined : fallingSincePeak(values.slice(from), SERIES_THRESHOLDS.siteGrowthMinBytes);
  if (!fall || fall.at !== 0) return '';
  return `, at each of its ${formatCount(fall.steps)} steps (−${formatBytes(fall.by / fall.steps)} a step on average)`;
}

/** Where the highest reading right after a forced GC is (the peak peakFallWords names first), if any. */
function forcedPeakAt(live: readonly number[], afterForcedGC: readonly boolean[] | undefined): number | undefined {
  let at: number | undefined;
  live.forEach((v, i) => {
    if (afterForcedGC?.[i] === true && (at === undefined || v > (live[at] ?? 0))) at = i;
  });
  return at;
}

/**
 * ` Every GC from snapshot 3 on was a forced one …`: the live heap fell while no GC but forced ones ran (?gc=1 reads or the
 * program's runtime.GC(): NumGC rose by no more than NumForcedGC from the peak's snapshot to the last): the program allocated
 * too little to reach its heap goal, so what it let go of was found free only because GCs were forced; without them it waits in
 * HeapAlloc for a GC the runtime starts (at the goal, or two minutes after the last: runtime forcegcperiod). Audit 48 #5:
 * go1.19-audit48-shrink ran only forced GCs after its first 0.8 s while its NextGC stayed at 310.9 MiB.
 */
function forcedOnlyFallWords(f: SeriesFacts, fromPoint: number): string {
  const base = f.epochIndexes.findLastIndex((at) => at <= fromPoint);
  const [first, last] = [f.epochs[base]?.stats, f.epochs.at(-1)?.stats];
  if (base < 0 || base === f.epochs.length - 1 || !first || !last || !onlyForcedBetween(f.epochs[base], f.epochs.at(-1))) return '';
  const count = (name: string): number => (last.int(name) ?? 0) - (first.int(name) ?? 0);
  const [gcs, forced, allocated] = [count('NumGC'), count('NumForcedGC'), count('TotalAlloc')];
  // The room under the goal at the peak's snapshot: what the program could allocate before the runtime started a GC itself.
  const room = (first.int('NextGC') ?? 0) - (first.int('HeapAlloc') ?? 0);
  // Far short of it (half the room), as a drained heap's program is: one that came near its goal might have started a GC itself.
  if (gcs < 2 || allocated >= room / 2) return '';
  return ` Every GC from snapshot ${fromPoint + 1} on was a forced one (${gcs} GCs, NumForcedGC +${formatCount(forced)}: ?gc=1 reads or the program's runtime.GC()): the program allocated ${formatBytes(allocated)} from then on, short of the ${formatBytes(room)} its heap goal left (NextGC ${formatBytes(first.int('NextGC') ?? 0)}), so what it let go of was found free by those GCs; without them it would wait in HeapAlloc for a GC the runtime starts itself (at the goal, or two minutes after the last GC).`;
}

/**
 * How the live heap fell from its past peak (pastPeak) to the latest reading: `live heap fell from
 * 300.3 MiB to 276.4 KiB`. When some readings followed a forced GC (?gc=1) and others were read
 * between GCs (comparedAfterForcedGC), each kind is compared with its own, from its highest (a
 * sawtooth's top left out, as pastPeak does) to its last — a fall of more than flatShare; less is
 * a heap that held — the live heap's first unless only HeapAlloc read between GCs fell (a peak
 * read between GCs alone: then from that peak to the live heap's last reading after it), the
 * other in parentheses: `live heap fell from 85.7 MiB at snapshot 4 to 44.4 MiB at snapshot 10,
 * read right after a forced GC (?gc=1; read between GCs, HeapAlloc, which counts the garbage made
 * since the last GC too, fell from 91.2 MiB at snapshot 1 to 44.5 MiB at snapshot 9)` — the
 * captured go1.19-audit-work/06-frag read "live heap fell from 91.2 MiB to 44.4 MiB", a plain
 * dump's HeapAlloc against a ?gc=1 dump's. One clause, so that what the heap keeps follows it
 * (" while the heap keeps …", ", but its survivors keep …").
 */
export function peakFallWords(live: readonly number[], afterForcedGC: readonly boolean[] | undefined, peak: number, by: string): string {
  const after = live.map((_, i) => afterForcedGC?.[i] === true);
  const last = live[live.length - 1] ?? 0;
  if (!comparedAfterForcedGC(after)) return `live heap fell from ${formatBytes(peak)} to ${formatBytes(last)}${steadyFallWords(live, live.indexOf(peak))}`;
  const share = SERIES_THRESHOLDS.flatShare;
  const kind = (forced: boolean): { words: string; fell: boolean; top: number; topAt: number; lastAt: number } => {
    const at = live.flatMap((_, i) => (after[i] === forced ? [i] : []));
    const values = at.map((i) => live[i] ?? 0);
    const top = pastPeak(values, values.map(() => forced));
    const topAt = at[values.indexOf(top)] ?? -1;
    const lastAt = at[at.length - 1] ?? 0;
    const lastValue = live[lastAt] ?? 0;
    const end = `${formatBytes(lastValue)} at snapshot ${lastAt + 1}`;
    // A fall is one beyond flatShare of where it fell from: 4.2 MiB → 4.2 MiB, a few KiB, is a heap that held.
    const fell = topAt >= 0 && topAt < lastAt && lastValue < (1 - share) * top;
    const held = values.length > 1 && values.every((v) => Math.abs(v - lastValue) <= share * Math.max(lastValue, 1));
    const words = fell ? `fell from ${formatBytes(top)} at snapshot ${topAt + 1} to ${end}${steadyFallWords(values, values.indexOf(top))}`
      : held ? `stayed near ${formatBytes(lastValue)} from snapshot ${(at[0] ?? 0) + 1} to snapshot ${lastAt + 1}` : `was ${end}`;
    return { fell, words, top, topAt, lastAt };
  };
  const [forced, between] = [kind(true), kind(false)];
  if (forced.fell || !between.fell) {
    return `live heap ${forced.words}, read right after a forced GC (${by}; read between GCs, HeapAlloc, which counts the garbage made since the last GC too, ${between.words})`;
  }
  // Only HeapAlloc read between GCs fell, from before the live heap's last reading: from that peak to where the live heap is now (the
  // captured go1.19-audit31-freeos2: 200.2 MiB at a plain dump, then 4.2 MiB at each ?gc=1 one, was "live heap fell from 4.2 MiB … to 4.2 MiB"),
  // when the live heap is lower by flatShare: go1.19-audit36/oneoff's plain dumps, 201.2 MiB between GCs at snapshot 2, then 202.2 MiB
  // after a forced GC at snapshots 3 and 4, then 2.2 MiB between GCs, were "HeapAlloc fell from 201.2 MiB … to 202.2 MiB".
  if (between.topAt < forced.lastAt && (live[forced.lastAt] ?? 0) < (1 - share) * between.top) {
    return `HeapAlloc fell from ${formatBytes(between.top)} at snapshot ${between.topAt + 1}, read between GCs (it counts the garbage made since the last GC too), to ${formatBytes(live[forced.lastAt] ?? 0)} at snapshot ${forced.lastAt + 1}, read right after a forced GC (${by}: the live heap, which ${forced.words})`;
  }
  return `HeapAlloc ${between.words}, read between GCs (it counts the garbage made since the last GC too; right after a forced GC, ${by}, the live heap ${forced.words})`;
}

/**
 * peakFallWords of a series whose every reading is a plain heap dump's HeapAlloc, read between GCs
 * (plainAll: none right after a forced GC): `HeapAlloc fell from 481.9 MiB at snapshot 4 to 121.7 MiB
 * at snapshot 18, each read between GCs at snapshots taken at different GCs (it counts the garbage
 * made since the last GC too; the heap profiles, each the live heap as of its dump's last GC, fell
 * from 415.7 MiB at snapshot 5 to 90.5 MiB)` — the peak of the live heap from the readings taken at a
 * GC, the profiles' (garbage.ts profileInUse), when they fell too. The captured
 * go1.19-audit41-sessions's plain dumps alone, eight of them read ~10 s after another capture's
 * ?gc=1 (forced.ts garbageBeyondProfile), were "live heap fell from 439.1 MiB at snapshot 5 …, read
 * right after a forced GC": a live peak 25 MiB above the 413.8 MiB its ?gc=1 dumps read.
 */
function plainPeakFallWords(f: SeriesFacts, live: readonly number[], peak: number): string {
  const peakAt = live.indexOf(peak);
  const lastAt = live.length - 1;
  const fell = `HeapAlloc fell from ${formatBytes(peak)} at snapshot ${peakAt + 1} to ${formatBytes(live[lastAt] ?? 0)} at snapshot ${lastAt + 1}, each read between GCs at ${AT_DIFFERENT_GCS} (it counts the garbage made since the last GC too`;
  const profiles = live.map((_, i) => profileOfCycle(f, i));
  const known = profiles.flatMap((v, i) => (v === undefined ? [] : [{ v, i }]));
  const top = known.reduce<{ v: number; i: number } | undefined>((a, b) => (a === undefined || b.v > a.v ? b : a), undefined);
  const last = profiles[lastAt];
  if (!top || last === undefined || top.i >= lastAt || last >= top.v) return `${fell})`;
  return `${fell}; the heap profiles, each the live heap as of its dump's last GC, fell from ${formatBytes(top.v)} at snapshot ${top.i + 1} to ${formatBytes(last)})`;
}

/**
 * The site that held most of a live peak at point `at` (its GC epoch's profile): the one whose in-use there exceeds its latest by
 * the most, at least half of `fall`; with those bytes. Undefined when none does, or the sites' readings are not one per epoch.
 */
function siteAtPeak(f: SeriesFacts, at: number, fall: number): { site: SiteTrend; bytes: number } | undefined {
  const epoch = f.epochIndexes.indexOf(at);
  const sites = (f.allSites ?? f.sites).filter((s) => !s.profiler && s.inuseBytes.length === f.epochs.length);
  if (epoch < 0 || sites.length === 0) return undefined;
  const drop = (s: SiteTrend): number => (s.inuseBytes[epoch] ?? 0) - (s.inuseBytes[s.inuseBytes.length - 1] ?? 0);
  const top = sites.reduce((a, b) => (drop(b) > drop(a) ? b : a));
  return drop(top) >= SERIES_THRESHOLDS.peakFallShare * fall ? { site: top, bytes: top.inuseBytes[epoch] ?? 0 } : undefined;
}

/**
 * The live heap's past peak (0 for none): the highest reading that is not a sawtooth's top. A
 * reading between GCs that comes back after the series fell to half of it is a top (recursAfterFall);
 * so is one the series has no time left to come back from (the last top, followed by a fall and the
 * end) when it is no higher than the tops that did come back, by flatShare: the cycles show it
 * (the captured 05-memlimit's first three moments, 49.5 → 15.9 → 43.2 → 15.9 → 47.7 → 17.9 MiB,
 * were "Peak retention … fell from 47.7 MiB"). A reading right after a forced GC is the live heap:
 * always a candidate.
 */
export function pastPeak(live: readonly number[], afterForcedGC: readonly boolean[] | undefined, goals?: readonly (number | undefined)[]): number {
  const t = SERIES_THRESHOLDS;
  const forced = (i: number): boolean => afterForcedGC?.[i] === true;
  const recurs = live.map((_, i) => !forced(i) && recursAfterFall(live, i, t.peakFallShare));
  const tops = live.filter((_, i) => recurs[i]);
  const topLevel = tops.length > 0 ? (1 + t.flatShare) * largest(tops) : 0;
  return Math.max(0, largest(live.filter((v, i) => forced(i) || (!recurs[i] && v > topLevel && !sawtoothUnderLaterGoal(i, afterForcedGC, goals)))));
}

/**
 * Whether reading `i`, read between GCs, is the GC's sawtooth over a live heap a later reading right
 * after a forced GC measured: its heap goal, which its last GC set from the heap it marked, is that
 * later reading's (within flatShare), so its last GC marked about that live heap, and its HeapAlloc
 * beyond it is garbage made since, within the room the goal gives (reasoning.md §7, a mixed series'
 * peak). A lower goal is a heap that grew since (go1.19-audit-work/06-frag's first plain dump, 91.2
 * MiB under NextGC 105.4 MiB while its objects were being made, 85.7 MiB live at the next ?gc=1
 * under 171.7 MiB: a peak still); a higher one, a live heap that fell. The captured go1.19-audit47-gogc400's whole folder
 * (GOGC=400: plain HeapAlloc up to 104.6 MiB under NextGC 162.5 MiB, ?gc=1 32.3 MiB live under the
 * same goal) was "Peak retention … HeapSys stays at its 159.7 MiB high-water mark", the goal it
 * reaches every cycle; go1.19-audit47-bigcache's plain t36 (299.3 MiB under the 502.7 MiB goal 251
 * MiB live set, ?gc=1 goals 298.7 MiB after) stays a peak: the live heap fell after it.
 */
function sawtoothUnderLaterGoal(i: number, afterForcedGC: readonly boolean[] | undefined, goals: readonly (number | undefined)[] | undefined): boolean {
  const goal = goals?.[i];
  if (goal === undefined || goal <= 0 || goal >= GC_OFF_GOAL) return false;
  return (goals ?? []).some((g, j) => j > i && afterForcedGC?.[j] === true && g !== undefined && g < GC_OFF_GOAL && Math.abs(g - goal) <= SERIES_THRESHOLDS.flatShare * Math.max(g, goal));
}

/**
 * Whether the heap kept what the live heap gave up, as a retained peak does (reasoning.md §3: HeapAlloc
 * falls back while HeapSys stays at its high-water mark and HeapReleased grows): the heap it holds
 * but does not use (HeapSys − HeapAlloc: idle, released, and the room of spans its survivors pin)
 * grew from the first snapshot to the last by peakFallShare of the live heap's fall from its peak or
 * more. A heap whose high-water mark was there from the first snapshot, its idle and released flat,
 * had no peak to retain: the captured go1.19-audit36/pool's mixed dumps (HeapSys 7.7 MiB from the
 * first, HeapReleased ~3.0 MiB throughout, HeapAlloc 3.1 MiB between GCs then 566.6 KiB after a
 * forced one) were "Peak retention … keeps its 7.7 MiB high-water mark", where its ?gc=1 dumps alone
 * say churn. True when a snapshot has no HeapSys (a scrape's): nothing to weigh.
 */
function keptWhatFell(points: readonly SeriesPoint[], peakLive: number): boolean {
  const [first, last] = [points[0], points[points.length - 1]];
  if (first?.heapSys === undefined || last?.heapSys === undefined) return true;
  const unused = (p: SeriesPoint): number => (p.heapSys ?? 0) - p.breakdown.live;
  return unused(last) - unused(first) >= SERIES_THRESHOLDS.peakFallShare * (peakLive - last.breakdown.live);
}

/** The GC epoch snapshot `i` was read in: the last epoch that starts at or before it. */
function epochOf(f: SeriesFacts, i: number): SeriesFacts['epochs'][number] | undefined {
  return f.epochs[f.epochIndexes.findLastIndex((at) => at <= i)];
}

/** The heap profile's in-use bytes (garbage.ts profileInUse) of the GC cycle snapshot `i` was read in; undefined without one. */
function profileOfCycle(f: SeriesFacts, i: number): number | undefined {
  const epoch = epochOf(f, i);
  return epoch ? profileInUse(epoch) : undefined;
}

/**
 * Whether a fall of HeapAlloc from snapshot `peakAt` to `lastAt`, the last read between GCs, is
 * the sawtooth's garbage rather than a peak's end: the heap profile, published at a GC and made of
 * live objects only, did not fall to peakFallShare of what it was, with GCs enough between them
 * for it to show a fall (PROFILE_LAG_GCS). The captured go1.19-audit30-syncpool's plain dumps:
 * HeapAlloc 15.1 → 6.3 MiB at a GC every ~20 ms while the profile's in-use rose, were "Peak
 * retention, not a leak … keeps its 27.6 MiB high-water mark"; its ?gc=1 dumps say churn. The
 * last may be read right after a forced GC when the peak was not: the captured go1.19-audit38-gcmanual
 * (GC off, the program's runtime.GC() every 4 s) fell from HeapAlloc 34.1 MiB between GCs to 10.4 MiB
 * after a forced GC while every profile held 9.1 MiB, and was "Peak retention … fell from 11.9 MiB".
 */
function garbageFell(f: SeriesFacts, peakAt: number, lastAt: number): boolean {
  const [peak, last] = [f.points[peakAt], f.points[lastAt]];
  // Both read right after a forced GC: HeapAlloc is the live heap at each, no garbage to doubt.
  const exact = f.afterForcedGC?.[peakAt] === true && f.afterForcedGC?.[lastAt] === true;
  // Nor when minPoints readings after a forced GC or more show a fall beyond flatShare themselves: a peak's end read exactly (the
  // captured go1.19-audit-work/06-frag, six of them, 85.7 → 44.4 MiB, beside 91.2 MiB between GCs). Two (gcmanual's 11.9 → 10.4
  // MiB) are one step, no fall to read.
  const forced = f.points.flatMap((p, i) => (f.afterForcedGC?.[i] === true && i <= lastAt ? [p.breakdown.live] : []));
  const forcedFell = f.afterForcedGC?.[lastAt] === true && forced.length >= SERIES_THRESHOLDS.minPoints && last !== undefined && last.breakdown.live < (1 - SERIES_THRESHOLDS.flatShare) * largest(forced);
  if (!peak || !last || exact || forcedFell || last.numGC - peak.numGC < PROFILE_LAG_GCS) return false;
  const [before, after] = [profileOfCycle(f, peakAt), profileOfCycle(f, lastAt)];
  if (before === undefined && after === undefined) return garbageUnderHeldGoal(f, peakAt);
  return before !== undefined && after !== undefined && before > 0 && after > SERIES_THRESHOLDS.peakFallShare * before;
}

/** The heap goal (NextGC) of snapshot `i`'s GC epoch: what the last GC before it set from the heap it marked live. */
function goalAt(f: SeriesFacts, i: number): number | undefined {
  return epochOf(f, i)?.stats?.int('NextGC');
}

/** The most GCs a step between readings since the peak may span for the goal's falls to trace one decline (plainWorkedOff). */
const WORKED_OFF_MAX_GCS_A_STEP = 10;

/**
 * Readings between GCs since HeapAlloc's peak (plain dumps, /debug/vars: `cmp`, one per GC epoch), a
 * past peak being worked off when the heap goal fell with it: HeapAlloc counts the garbage made since
 * the last GC, so its fall at each step (fallingSincePeak) is the live heap's only when the goal,
 * which each GC sets from the heap it marked live (GOGC's share over it), fell at each of two steps or
 * more since its own peak too. The captured go1.19-audit41-sessions' /debug/vars (a janitor working
 * off 51,770 sessions), HeapAlloc 414.0 → 402.1 → 386.5 → 372.7 → 358.8 MiB under goals of 827.8 →
 * 800.4 → 772.8 → 745.0 → 717.3 MiB, was "Cannot tell yet … it fell by 15.6 MiB at snapshot 6 …
 * whether it keeps rising". Undefined when not.
 */
function plainWorkedOff(f: SeriesFacts, cmp: Readings, minFall: number): { fell: { at: number; steps: number; by: number }; goal: { at: number; steps: number; peak: number; last: number } } | undefined {
  if (cmp.between.length > 0) return undefined;
  const fell = fallingSincePeak(cmp.values, minFall);
  if (!fell || !cmp.at.slice(fell.at).every((i) => f.afterForcedGC?.[i] !== true)) return undefined;
  const goals = cmp.at.map((i) => goalAt(f, i));
  if (!goals.every((g): g is number => g !== undefined && g < GC_OFF_GOAL)) return undefined;
  // A goal read across many GCs a step is one sample a step of each cycle's marked heap, which a churning working set moves both
  // ways: a fall at two such steps is no decline (go1.19-audit30-syncpool's plain dumps, ~200 GCs a step, goal 19.9 → 17.9 →
  // 10.5 MiB under churn, were "a past peak being worked off"); the sessions' janitor fell over one GC a step.
  const gcs = cmp.at.map((i) => epochOf(f, i)?.stats?.int('NumGC'));
  for (let k = fell.at + 1; k < gcs.length; k++) {
    const before = gcs[k - 1];
    const after = gcs[k];
    if (before === undefined || after === undefined || after - before > WORKED_OFF_MAX_GCS_A_STEP) return undefined;
  }
  const goal = fallingSincePeak(goals, minFall);
  return goal ? { fell, goal: { at: goal.at, steps: goal.steps, peak: goals[goal.at] ?? 0, last: goals[goals.length - 1] ?? 0 } } : undefined;
}

/**
 * Whether snapshot `peakAt`'s HeapAlloc, read between GCs with no heap profile beside it (/debug/vars,
 * a scrape), is mostly garbage by its heap goal: GOGC sets the goal from the heap the last GC marked,
 * so snapshots whose NextGC held within limitGoalHeldShare of the peak's were read over about the
 * same marked heap, which no HeapAlloc is below; when the least of theirs is peakFallShare of the
 * peak's or less, at least the rest of the peak's is garbage made since a GC, no live peak. The
 * captured go1.19-audit41-gogc's /debug/vars under SetGCPercent(400): HeapAlloc 11.7, 29.6 and
 * 26.0 MiB under goals of 44.2–45.2 MiB were "Peak retention … live heap fell from 29.6 MiB to
 * 8.7 MiB" (the goal fell to 13 MiB at SetGCPercent(50); the live heap was 8.8 MiB throughout).
 */
function garbageUnderHeldGoal(f: SeriesFacts, peakAt: number): boolean {
  const goalOf = (i: number): number | undefined => goalAt(f, i);
  const goal = goalOf(peakAt);
  const peak = f.points[peakAt]?.breakdown.live;
  if (goal === undefined || peak === undefined || f.afterForcedGC?.[peakAt] === true) return false;
  const same = f.points.flatMap((p, i) => { const g = goalOf(i); return g !== undefined && Math.abs(g - goal) <= SERIES_THRESHOLDS.limitGoalHeldShare * Math.max(g, goal) ? [p.breakdown.live] : []; });
  return same.length >= 2 && Math.min(...same) <= SERIES_THRESHOLDS.peakFallShare * peak;
}

/**
 * A known GOMEMLIMIT the snapshot's Go holds up to: Sys − HeapReleased (what the limit bounds)
 * within memoryLimitShare of it, either side (the limit is soft: the runtime may overshoot it a
 * little). Far above it, the limit is not met (memory-limit-pressure says why) or is not this
 * process's: the heap is not held at it (a 64 MiB limit given for a 200 MiB ballast, 570%).
 */
function heldAtLimit(s: SeriesSnapshot | undefined): KnownLimit | undefined {
  const limit = s?.knownLimit;
  return limit && heldRole(s?.breakdown?.retained ?? 0, limit.bytes) === 'reached' ? limit : undefined;
}

/**
 * The limit holds the heap goal at the live heap (its marks are there, and it is known): the GC's
 * cost is the story. A limit above the live heap binds when what Go holds beside the heap takes
 * the rest (memlimit.ts limitFit): the captured memlimit scenario, 8.3 MiB live under 20 MiB, was
 * "the memory limit holds the heap down … raise GOMEMLIMIT above 20.0 MiB if memory allows", as if
 * met with room, though 12.3 MiB beside the heap left the heap no more than its live bytes.
 */
function givenLimitSummary(limit: KnownLimit, latest: SeriesSnapshot | undefined, points: readonly SeriesPoint[], how: string): string {
  const fit = fitOf(latest, limit);
  if (fit?.state !== 'binding') return `Not a leak; the memory limit holds the heap down (GOMEMLIMIT ${formatBytes(limit.bytes)}): ${how}. The cost is GC work, not memory: allocate less on hot paths, or raise GOMEMLIMIT above ${formatBytes(limit.bytes)} if memory allows.`;
  return `Not a leak, but the memory limit binds (GOMEMLIMIT ${formatBytes(limit.bytes)}, ${limitOriginWords(limit)}): the live heap (${formatBytes(fit.liveBytes)}) is below it, but ${fitWords(fit)}; so the GC runs far more often than GOGC alone would make it${gcPace(points)}${scavenged(points)}: ${how}. The cost is GC work, not memory: ${bindingAdvice(fit)}.`;
}

/** `, and the scavenger returned free memory to stay under it (HeapReleased 6.5 MiB → 10.5 MiB)`, when HeapReleased rose across the series; else ''. */
function scavenged(points: readonly SeriesPoint[]): string {
  const first = points[0]?.breakdown.released ?? 0;
  const last = points[points.length - 1]?.breakdown.released ?? 0;
  return last > first && formatBytes(first) !== formatBytes(last) ? `, and the scavenger returned free memory to stay under it (HeapReleased ${formatBytes(first)} → ${formatBytes(last)})` : '';
}

/**
 * A known limit the live heap alone is above (memory-limit-pressure: "the limit cannot be met"):
 * no collection frees live objects, so the limit holds the heap goal at the live heap and the GC
 * runs back to back, capped at about half the CPU (the GC guide's death-spiral guard). Neither
 * "held down" nor "by design": a lower limit cannot make Go hold less than its live heap (the
 * captured go1.19-audit28-overlimit, GOMEMLIMIT=64MiB over 100.5 MiB live, was "the memory limit
 * holds the heap down", and its finding advised lowering GOMEMLIMIT). `how`: the series' reading.
 */
function overLimitSummary(limit: KnownLimit, latest: SeriesSnapshot, points: readonly SeriesPoint[], how: string): string {
  const live = latest.breakdown?.live ?? 0;
  const retained = latest.breakdown?.retained ?? 0;
  return `Not a leak, but the memory limit cannot be met (GOMEMLIMIT ${formatBytes(limit.bytes)}, ${limitOriginWords(limit)}): the live heap (${formatBytes(live)}) is above it and no collection frees live objects, so the limit holds the heap goal at the live heap and the GC runs back to back${gcPace(points)}: ${how}. Go holds ${formatBytes(retained)} (Sys − HeapReleased, what the limit bounds), ${formatPercent(retained, limit.bytes)} of the limit. The cost is GC work, not memory, and a lower limit cannot make Go hold less than its live heap: raise GOMEMLIMIT well above ${formatBytes(retained)} (room for the garbage made between GCs), or reduce the live heap.`;
}

/** The live heap of `latest` is at or above `limit`: the limit cannot be met (its fit's, memlimit.ts snapshotLimitFit: the live heap as best it reads). */
function liveOverLimit(latest: SeriesSnapshot, limit: KnownLimit): boolean {
  return fitOf(latest, limit)?.state === 'cannot-be-met';
}

/**
 * ` (3,117 GC cycles in 9.0 s between the first snapshot's last GC and the latest's: one every
 * 2.9 ms)`, from LastGC; '' when a snapshot has none or no GC ran between them.
 */
function gcPace(points: readonly SeriesPoint[]): string {
  const first = points[0];
  const last = points[points.length - 1];
  if (first?.lastGcMs === undefined || last?.lastGcMs === undefined || last.numGC <= first.numGC || last.lastGcMs <= first.lastGcMs) return '';
  const cycles = last.numGC - first.numGC;
  const ns = (last.lastGcMs - first.lastGcMs) * 1e6;
  return ` (${countOf(cycles, 'GC cycle')} in ${formatLogDuration(ns)} between the first snapshot's last GC and the latest's: one every ${formatLogDuration(ns / cycles)})`;
}

/**
 * Go holds the known limit nearly whole, with no leak evidence: the heap is held up to it by
 * design. A heap goal above twice the lowest HeapAlloc read is no GOGC's (GOGC=100 sets it at twice
 * the live heap): GOGC is off or high, and the limit alone says when the GC runs (the captured
 * GOGC=off GOMEMLIMIT=64MiB run: NextGC 51.4 MiB over a live heap of 15.9 MiB after GC).
 * `readings`: every snapshot's HeapAlloc (the sawtooth's range); `live`: one per GC epoch.
 */
function heldAtLimitSummary(limit: KnownLimit, latest: SeriesSnapshot, points: readonly SeriesPoint[], live: readonly number[], across: string): string {
  const readings = points.map((p) => p.breakdown.live);
  const retained = latest.breakdown?.retained ?? 0;
  const idle = latest.breakdown?.idle ?? 0;
  const nextGC = latest.stats?.int('NextGC');
  const [low, high] = [Math.min(...readings), Math.max(...readings)];
  const lowestLive = smallest(live);
  const goalAboveGogc = nextGC !== undefined && nextGC > 2 * lowestLive;
  const moves = low === high || high - low <= SERIES_THRESHOLDS.flatShare * Math.max(high, 1) ? `the live heap stays near ${formatBytes(high)}` : `HeapAlloc moves between ${formatBytes(low)} and ${formatBytes(high)}`;
  const goal = goalAboveGogc && nextGC !== undefined
    ? ` The heap goal (NextGC ${formatBytes(nextGC)}) is above twice the lowest HeapAlloc read (${formatBytes(low)}): GOGC is off or high (GOGC=100 sets it at about twice the live heap), and the limit alone says when the GC runs, so the heap fills up to it between GCs.`
    : '';
  const lower = goalAboveGogc ? 'lower GOMEMLIMIT, or set GOGC=100 (its default) so that the heap goal follows the live heap' : 'lower GOMEMLIMIT';
  // Under GOGC, a limit whose goal is below GOGC's binds: what Go holds beside the heap leaves the heap little above its live bytes.
  const fit = goalAboveGogc ? undefined : fitOf(latest, limit);
  if (fit?.state === 'binding') {
    return `Not a leak, but the memory limit binds (GOMEMLIMIT ${formatBytes(limit.bytes)}, ${limitOriginWords(limit)}): Go holds ${formatBytes(retained)} (Sys − HeapReleased, what the limit bounds), ${formatPercent(retained, limit.bytes)} of it, in the latest snapshot; ${moves} ${across}. ${capitalized(fitWords(fit))}: the GC runs more often than GOGC alone would make it${gcPace(points)}${scavenged(points)}. The cost is GC work, not memory: ${bindingAdvice(fit)}.`;
  }
  return `Not a leak: ${HELD_BY_DESIGN} (GOMEMLIMIT ${formatBytes(limit.bytes)}, ${limitOriginWords(limit)}): Go holds ${formatBytes(retained)} (Sys − HeapReleased, what the limit bounds), ${formatPercent(retained, limit.bytes)} of it, in the latest snapshot; ${moves} ${across}.${goal} Its idle heap (${formatBytes(idle)}) is room the limit lets the heap refill, not a retained peak. To hold less, ${lower}; a tighter limit costs GC work.`;
}

/** The last snapshot of each GC cycle (points are in TotalAlloc order, so NumGC never falls). */
function lastOfEachCycle(points: readonly SeriesPoint[]): SeriesPoint[] {
  return points.filter((p, i) => (points[i + 1]?.numGC ?? Number.NaN) !== p.numGC);
}

/** What the goroutine dumps say of the goroutines beside a stack peak (goroutinesAtPeak). */
interface PeakGoroutines {
  /** The count of the dump of the peak's moment, when one is. */
  atPeak: number | undefined;
  /** The count at the peak, else the most any dump counts. */
  most: number;
  words: string;
  /** The dumps' names carry their times (common/stems.ts captureTime), said instead of "a goroutine dump". */
  timed: boolean;
}

/** The most dumps whose counts a verdict lists one by one, each at its time. */
const LISTED_DUMPS = 3;

/**
 * The goroutines the dumps count beside the stack peak at `peak`. The dump whose name pairs it
 * with the peak's snapshot (common/stems.ts pairedCapture: the same folder and stem, or the same
 * time in a sibling folder — `plain/heap-t19.txt` with `goroutine/goroutine2-t19.txt`) says how
 * many were at the peak; else the most any dump counts, never called the peak's, and when the
 * names carry times (captureTime) each dump's count at its time and the peak's time that none has
 * (the captured go1.19-audit42-deeprec: goroutine dumps of t19 and t64, a peak at t12). A
 * stream's documents (`cat heap-t12.txt goroutine2-t12.txt … | heapdoc`) pair by the moments its
 * order gives them (analyze/moments.ts markStreamMoments: SeriesSnapshot.moment), and their times
 * are the snapshots of their moments. The pairing is the series' own (`pointDumps`: index.ts
 * pointDumpIndexes), which the JSON and the TUI show (SeriesPoint.goroutineDump). Of a debug=1 and a debug=2 dump of one moment,
 * debug=2's count, debug=1's beside it when it differs.
 */
function goroutinesAtPeak(f: SeriesFacts, peak: SeriesPoint | undefined): PeakGoroutines {
  const totals = f.goroutineTotals ?? [];
  const captures = f.goroutineCaptures ?? [];
  const counts = totals.map((total, i) => {
    const other = f.goroutineOtherCounts?.[i];
    const shown = other?.traceback ? other.total : total;
    const debug1 = other?.traceback ? total : other?.total;
    return { total: shown, beside: debug1 !== undefined && debug1 !== shown ? ` (${formatCount(debug1)} in its debug=1 dump)` : '' };
  });
  const atIndex = peak ? f.pointDumps?.[f.points.indexOf(peak)] ?? -1 : -1;
  const paired = captures[atIndex];
  const at = counts[atIndex];
  const most = at?.total ?? Math.max(largest(counts.map((c) => c.total)), 0);
  const last = counts[counts.length - 1];
  const lastCount = `${formatCount(last?.total ?? 0)} in the last goroutine dump${last?.beside ?? ''}`;
  const apart = at && peak ? stacksApart(f.points, peak) : undefined;
  if (at && apart && paired && peak) {
    // Named as the peak's moment but of another stack state: the count of the nearest dump, never "at the peak".
    const time = captureTime(paired.source)?.words ?? paired.source;
    const need = apart.stack / at.total;
    const words = `the goroutine dump nearest it (${time}) shows ${formatCount(at.total)} goroutines${at.beside}, fewer than the peak's stacks need: ${apart.names} of its time ${apart.names.includes(' and ') ? 'hold' : 'holds'} ${formatBytes(apart.stack)} of stacks (${formatBytes(need)} for each of ${formatCount(at.total)}), the peak ${formatBytes(peak.stackInuse ?? 0)}, so the peak's goroutines were not alive when it was taken (before or after them: a goroutine dump carries no time)${atIndex === counts.length - 1 ? '' : `; ${lastCount}`}`;
    return { atPeak: undefined, most, words, timed: false };
  }
  if (at) {
    const lastToo = atIndex === counts.length - 1 ? `, the last goroutine dump${at.beside}` : `${at.beside}, ${lastCount}`;
    return { atPeak: at.total, most, words: `${formatCount(at.total)} goroutines at the peak${lastToo}`, timed: false };
  }
  // A stream's documents have no names: a dump's time is the snapshot of its moment, as the stacks' peak is said ("at snapshot 3").
  const streamed = peak !== undefined && partOfAnInput(peak.source) && captures.some((c) => c.moment !== undefined);
  const snapshotOf = (i: number): string | undefined => (i >= 0 ? `snapshot ${i + 1}` : undefined);
  const peakTime = peak ? captureTime(peak.source)?.words ?? (streamed ? snapshotOf(f.points.indexOf(peak)) : undefined) : undefined;
  const times = captures.map((c, i) => captureTime(c.source)?.words ?? (c.moment !== undefined ? snapshotOf(f.pointDumps?.indexOf(i) ?? -1) : undefined));
  if (peakTime === undefined || times.some((t) => t === undefined) || counts.length !== captures.length) {
    return { atPeak: undefined, most, words: `at most ${formatCount(most)} goroutines in a goroutine dump (none of the peak's moment), ${lastCount}`, timed: false };
  }
  if (counts.length > LISTED_DUMPS) {
    return { atPeak: undefined, most, words: `at most ${formatCount(most)} goroutines in a goroutine dump (none of the peak's moment, ${peakTime}), ${formatCount(last?.total ?? 0)} at ${times[times.length - 1] ?? ''}, the last${last?.beside ?? ''}`, timed: false };
  }
  const each = counts.map((c, i) => `${formatCount(c.total)}${i === 0 ? ' goroutines' : ''} at ${times[i] ?? ''}${c.beside}`);
  return { atPeak: undefined, most, words: `${[each.slice(0, -1).join(', '), each[each.length - 1]].filter((w) => w).join(' and ')}, no goroutine dump of the peak's moment (${peakTime})`, timed: true };
}

/**
 * The other snapshots whose names carry the peak's time (common/stems.ts capturesOfTime: `plain/heap-t16.txt`,
 * `vars/vars-t16.json` beside the peak's `gc1/heap-t16.txt`), when each read StackInuse below half the peak's rise above
 * the series' lowest: the name's time then spans more than one stack state, and a goroutine dump paired by that name is
 * of either. Which one is not knowable: a goroutine dump carries no time, and a heap dump's LastGC is its last GC's, not
 * its own (the captured go1.19-audit44-bigframes: goroutine2-t16.txt, 44 goroutines, written 130 ms before gc1/heap-t16.txt's
 * 13.1 MiB of stacks, between plain/heap-t16.txt's and vars-t16.json's 5.7 MiB and it). Their highest stack and their names.
 */
function stacksApart(points: readonly SeriesPoint[], peak: SeriesPoint): { stack: number; names: string } | undefined {
  const stacks = points.map((p) => p.stackInuse).filter((v): v is number => v !== undefined);
  const peakStack = peak.stackInuse;
  if (peakStack === undefined || stacks.length === 0) return undefined;
  const low = smallest(stacks);
  const siblings = capturesOfTime(points, peak);
  const read = siblings.map((p) => p.stackInuse);
  if (siblings.length === 0 || read.some((v) => v === undefined || v - low >= (peakStack - low) / 2)) return undefined;
  const names = siblings.map((p) => distinctName(p.source, points.map((o) => o.source)));
  return { stack: largest(read.map((v) => v ?? 0)), names: names.length === 1 ? names[0] ?? '' : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}` };
}

/**
 * The series' verdict; when a GOMEMLIMIT is known and the verdict is not `memory-limit` (which
 * speaks of the limit itself), it ends with where the memory stood against it (limit.ts).
 */
export function judgeSeries(f: SeriesFacts): SeriesVerdict {
  const seen: Seen = {};
  const judged = withMapBuckets(judge(f, seen), f);
  // The GC off: said by the verdict itself when no GC ran between the snapshots (neverCollected), else after it.
  const said = judged.kind === 'unknown' && noGCBetween(f.points);
  const off = f.gcOff && !said ? { ...judged, summary: `${judged.summary}${betweenForcedWords(f.gcOff, forcedGCByOf(f.points, f.afterForcedGC))}` } : judged;
  const standing = off.kind === 'memory-limit' ? undefined : limitStanding(f.points, f.epochs);
  const verdict = withGoalPinned(withLimitSeen(withLimitHeld(off, f, standing?.fit), f), f);
  const shown = seen.betweenInUse !== undefined ? { profileInUseBytes: seen.betweenInUse } : seen.readBetween;
  const plainRead = seen.plainDumps !== undefined ? { ...shown, plainDumps: seen.plainDumps } : shown;
  const read = seen.memStatsBetween ? { ...plainRead, withoutProfile: true as const } : plainRead;
  if (standing) return withNoRss({ ...verdict, summary: `${verdict.summary} ${standing.standing.text}`, limit: standing.standing, limitFit: limitFitJson(standing.fit, standing.standing.origin), ...(read ? { readBetweenGCs: read } : {}) }, f, seen);
  // Held at a known limit (kind memory-limit): the latest snapshot's fit, which the summary speaks of.
  const latest = f.epochs.findLast((e) => e.stats !== undefined && e.knownLimit !== undefined);
  const known = latest?.knownLimit;
  const fit = known && fitOf(latest, known);
  const between = read ? { ...verdict, readBetweenGCs: read } : verdict;
  return withNoRss(fit && known ? { ...between, limitFit: limitFitJson(fit, known.origin) } : between, f, seen);
}

/**
 * A churn said of the Go heap alone for want of RSS (churnCost: `Seen.withoutRss`) ends with the
 * words asking for it where one dump's verdict says them (snapshot.ts withRss): the latest
 * snapshot's memory mostly runtime metadata, so little is held and what the process maps outside
 * the Go heap may be most of it (norss.ts noRssWords: what Go holds at the latest snapshot, and who
 * calls syscall.Mmap where the latest profile sampled it; the captured go1.19-audit45-mmapgrow/gc1).
 */
function withNoRss(verdict: SeriesVerdict, f: SeriesFacts, seen: Seen): SeriesVerdict {
  const last = f.points[f.points.length - 1];
  if (!seen.withoutRss || verdict.kind !== 'churn' || !last || dominantBucket(last.breakdown) !== 'runtime') return verdict;
  const profile = f.epochs.findLast((e) => e.profile.format !== undefined)?.profile;
  return { ...verdict, summary: `${verdict.summary} ${noRssWords(last.breakdown.retained, profile, true)}` };
}

/**
 * What judge saw that the verdict's JSON says besides its words: the latest profile's in-use beside HeapAlloc read between GCs
 * (latestReadBetweenGCs); or, when the words say "HeapAlloc, read between GCs" from an earlier profile or the heap goal's room,
 * what showed it (`readBetween`: the table's row is then HeapAlloc too, report/goroutines.ts liveRowName); or that every reading
 * was a plain heap dump's, between GCs (`plainDumps`: the row is HeapAlloc then too).
 */
interface Seen {
  betweenInUse?: number;
  readBetween?: ReadBetweenGCs;
  /** Every reading a plain heap dump's HeapAlloc between GCs (plainReadings, none right after a forced GC): how many. */
  plainDumps?: number;
  /** MemStats alone, none read right after its GC (judge's memStatsBetween): the words say HeapAlloc, and so does the table's row. */
  memStatsBetween?: true;
  /** Churn's cost was said of the Go heap alone, no RSS known at the latest snapshot (churnCost): withNoRss asks for it. */
  withoutRss?: true;
}

/**
 * `verdict` with what a memory limit that holds its heap goal means for it, said after its own
 * reading. With no limit known, a goal held while the live heap moved (heldgoal.ts) is said as a
 * limit's, with its numbers (JSON `heldGoal`), and, when the live heap rose under it, where that
 * goes: a leak at its memory limit (JSON `leakAtLimit`), or, short of leak evidence, what comes if
 * it goes on growing (the words a GC log says of its capped goal: memlimit.ts leakAtLimitWords).
 * A known limit wins (--gomemlimit, a scrape's go_gc_gomemlimit_bytes): nothing is inferred, and a
 * leak under it is one at its limit when the limit binds (`fit`, where its standing is read).
 */
function withLimitHeld(verdict: SeriesVerdict, f: SeriesFacts, fit: LimitFit | undefined): SeriesVerdict {
  const h = f.heldGoal;
  const leak = verdict.kind === 'leak';
  const known = f.epochs.some((e) => e.knownLimit !== undefined);
  if (known ? fit?.state !== 'binding' && fit?.state !== 'cannot-be-met' : !h) return verdict;
  // Without a held goal, a known binding limit says so of a leak alone (its standing says the rest).
  const rose = h ? roseUnderGoal(h) : leak;
  const latest = f.epochs.findLast((e) => e.stats !== undefined);
  const fraction = latest?.stats?.float('GCCPUFraction');
  const room = h ? heldGoalRoom(h) : `about ${formatBytes(Math.max(0, (fit?.heapRoomBytes ?? 0) - (fit?.liveBytes ?? 0)))} of room above the live heap in the latest snapshot`;
  const cpu = h ? heldGoalCpu(h) : fraction !== undefined ? `GCCPUFraction ${formatPercent(fraction, 1)} since start in the latest snapshot` : 'GCCPUFraction, the share since start';
  const next = !rose || verdict.kind === 'peak-retention' ? '' : ` ${(leak ? leakAtLimitWords : growingAtLimitWords)(room, cpu, known ? '' : CHECK_WHERE_GO_STOOD)}`;
  const inferred = !known && h ? { words: ` ${heldGoalWords(h)}`, json: { heldGoal: heldGoalJson(h) } } : { words: '', json: {} };
  return { ...verdict, summary: `${verdict.summary}${inferred.words}${next}`, ...inferred.json, ...(leak && rose ? { leakAtLimit: true as const } : {}) };
}

/**
 * `verdict` with the heap goal pinned at the live heap (pinned.ts), from the snapshot where it fell
 * there, when nothing else in it speaks of a limit (a memory-limit verdict, a known limit, a held goal,
 * the marks of one: withLimitSeen) or of the pinned goal (the held goal's Stable: heldgoal.ts PINNED_CAUSE).
 */
function withGoalPinned(verdict: SeriesVerdict, f: SeriesFacts): SeriesVerdict {
  const p = f.pinnedGoal;
  if (!p || verdict.kind === 'memory-limit' || f.heldGoal || f.epochs.some((e) => e.knownLimit !== undefined) || verdict.summary.includes('memory limit')) return verdict;
  return { ...verdict, summary: `${verdict.summary}${pinnedGoalWords(p)}` };
}

/**
 * `verdict` with the marks of a memory limit (memlimit.ts memoryLimitSigns) that an earlier
 * snapshot shows and the verdict does not speak of (it speaks of a limit when the latest shows
 * them, one is known or a held goal is read): ` At snapshot 2, a memory limit is likely set …`, as
 * one dump says it. The corpus's go1.23 peak under GOMEMLIMIT=100MiB (20 GCs squeezing a 300 MiB
 * heap, then freed) lost it in a series, whose GC CPU was then blamed on the allocation rate.
 */
function withLimitSeen(verdict: SeriesVerdict, f: SeriesFacts): SeriesVerdict {
  if (verdict.kind === 'memory-limit' || f.heldGoal || f.epochs.some((e) => e.knownLimit !== undefined)) return verdict;
  const at = f.epochs.findLastIndex((e) => e.memoryLimit !== undefined);
  const signs = f.epochs[at]?.memoryLimit;
  const index = f.epochIndexes[at];
  if (!signs || index === undefined || index < 0) return verdict;
  return { ...verdict, summary: `${verdict.summary} At snapshot ${formatCount(index + 1)}, a memory limit is likely set (GOMEMLIMIT, or a very low GOGC): ${memoryLimitEvidence(signs)}; ${CHECK_THE_LIMIT}.` };
}

/**
 * A map's buckets (profile.ts AllocationSite.mapBuckets) holding 1 MiB or more at the latest
 * snapshot that grew by 1 MiB or more across the series, or hold half of its latest live heap or
 * more: the verdict names them by their label (siteNamed, where it names sites) and ends with what
 * they hold and why it stays (MAP_BUCKETS_NOTE), as a snapshot's sites do (the captured
 * go1.19-map-series: main.addSessions, 157.3 MiB of a 157.4 MiB plateau after all but 1,000 of
 * 1,000,000 entries were deleted, was "Growing, but not yet evidence: main.addSessions").
 */
function withMapBuckets(verdict: SeriesVerdict, f: SeriesFacts): SeriesVerdict {
  const live = f.points[f.points.length - 1]?.breakdown.live ?? 0;
  const held = (s: SiteTrend): number => s.inuseBytes[s.inuseBytes.length - 1] ?? 0;
  const map = (f.allSites ?? f.sites).filter((s) => s.mapBuckets === true && held(s) >= 1 << 20 && (s.growthBytes >= 1 << 20 || held(s) >= 0.5 * live))
    .sort((a, b) => held(b) - held(a))[0];
  if (!map) return verdict;
  const of = held(map) <= live ? ` of the ${formatBytes(live)} live heap` : '';
  return { ...verdict, summary: `${verdict.summary} ${map.function} (${[MAP_BUCKETS_HINT, lineWords(map)].filter((w) => w !== '').join(', ')}) holds ${formatBytes(held(map))}${of} at the latest snapshot. ${MAP_BUCKETS_NOTE}` };
}

/** Every snapshot with MemStats has one NumGC: no GC ran between them. */
function noGCBetween(points: readonly SeriesPoint[]): boolean {
  return points.length > 0 && points.every((p) => p.numGC === points[0]?.numGC);
}

/** `{ copies }`: the snapshots (0-based) of f.oldCopies, with their sites; {} without. */
function copiesAt(f: SeriesFacts): { copies?: ReadonlyMap<number, readonly string[]> } {
  if (!f.oldCopies) return {};
  const copies = new Map<number, readonly string[]>();
  f.points.forEach((p, i) => {
    const held = f.oldCopies?.get(p.source);
    if (held) copies.set(i, held.sites);
  });
  return copies.size > 0 ? { copies } : {};
}

function judge(f: SeriesFacts, seen: Seen): SeriesVerdict {
  const t = SERIES_THRESHOLDS;
  // Every GC epoch with MemStats (`every…`), and those the verdict weighs: when the readings right
  // after a forced GC (?gc=1) are enough for a verdict beside others read between GCs
  // (judgedAfterForcedGC), these alone — the verdict the ?gc=1 dumps alone give — else every one.
  // The words name the others apart (comparedReadings over every epoch).
  const everyEpoch = f.epochs.map((e, i) => [e, f.epochIndexes[i] ?? 0] as const).filter(([e]) => e.stats !== undefined);
  const everyIndex = everyEpoch.map(([, i]) => i);
  const everyLive = everyEpoch.map(([e]) => e.stats?.int('HeapAlloc') ?? 0);
  const everyAfterGC = everyIndex.map((i) => f.afterForcedGC?.[i] === true);
  const onForcedGC = judgedAfterForcedGC(everyAfterGC);
  const withStats = onForcedGC ? everyEpoch.filter((_, i) => everyAfterGC[i]) : everyEpoch;
  const epochCount = withStats.length;
  const epochIndexes = withStats.map(([, i]) => i);
  const live = withStats.map(([e]) => e.stats?.int('HeapAlloc') ?? 0);
  const objects = withStats.map(([e]) => e.stats?.int('HeapObjects') ?? 0);
  const firstLive = live[0] ?? 0;
  const lastLive = live[live.length - 1] ?? 0;
  const enoughEpochs = epochCount >= t.minPoints;
  const forcedGCs = eachAfterForcedGC(withStats.map(([e]) => e));
  // Heap dumps none of which followed a forced GC: every HeapAlloc was read between GCs, and the words say so (plainReadings).
  const plain = forcedGCs ? undefined : plainReadings(f, everyAfterGC);
  const plainAll = plain !== undefined && plain.after === undefined;
  // The table's row is then HeapAlloc, whatever the verdict (judgeSeries: readBetweenGCs.plainDumps).
  if (plainAll) seen.plainDumps = plain.between;

  const candidateSites = f.sites.filter((s) => !s.profiler);
  // The live heap rose as a leak's does; evidence only with a growing site or rising HeapObjects (§7).
  // A fall under half the average rise per step is noise, not a reversal (trend.ts riseNoiseSlack): one 6 KiB dip in a slow leak's
  // steady rise of 120 KiB a step vetoed it ("No leak evidence … without rising steadily").
  const liveGrowthMin = Math.max(t.siteGrowthMinBytes, t.liveGrowthMinShare * firstLive);
  // Read right after a forced GC, the live heap holds what the GC's profile does: an array's old copy a growing site held beside its
  // new one (a map mid-grow: SiteTrend.oldCopyAt) is no level of the heap, and the fall once it is freed no reversal. The captured
  // go1.19-audit44-intern's ?gc=1 dumps, 15.0 → 34.6 → 26.7 MiB mid-grow of its map, kept the live heap out of the evidence.
  const kept = live.map((v, i) => v - (f.afterForcedGC?.[epochIndexes[i] ?? -1] === true ? f.oldCopies?.get(withStats[i]?.[0].source ?? '')?.bytes ?? 0 : 0));
  const liveClimbed = enoughEpochs && nonDecreasing(kept, riseNoiseSlack(live)) && stillRising(live, t.flatShare) && lastLive - firstLive >= liveGrowthMin;
  // A step counts as a rise beyond the reading's noise only (half an average step, as a fall does: trend.ts riseNoiseSlack), and a
  // rise at one step alone, every other within that noise, is no rise a leak makes: a cache warming up or a load peak jumps so too,
  // as a site's one jump is no evidence (leakSites). The captured go1.19-audit42-batch (150 MiB held ~5 s every ~20 s), ?gc=1 dumps
  // 202.7 KiB → 205.3 KiB → 150.2 MiB, the last inside a batch, was "Leak suspected (medium confidence)" and failed CI.
  const liveSteps = risingSteps(kept, liveStepSlack(live));
  const liveRose = liveClimbed && liveSteps >= 2;
  const liveJumped = liveClimbed && liveSteps === 1;
  // heap?debug=1&gc=1 reads MemStats right after the GC it forced: HeapAlloc is then the post-GC live heap of reasoning.md §3, no
  // garbage to mistake for growth, and needs no site or HeapObjects to back it (a few 64 KiB entries a second move HeapObjects less
  // than the dump's own buffers do). Not so a /debug/vars document: NumForcedGC rising says a GC ran before it, not when.
  const postGcLive = forcedGCs && withStats.every(([e]) => e.profile.format?.binary === false);
  const corroborated = candidateSites.length > 0 || (nonDecreasing(objects) && risingSteps(objects) >= 1);
  // HeapAlloc read between GCs moved while the heap profile (as of each last GC) and HeapObjects held: garbage, not growth (garbage.ts).
  const afterGC = onForcedGC ? withStats.map(() => true) : everyAfterGC;
  // The readings the words compare (after a forced GC, when some were read between GCs) and those they name apart: every one read
  // between GCs, a plain dump read in the GC epoch a ?gc=1 dump opened too (as the series table's betweenGCs names them).
  const readings: AllReadings = { live: f.points.map((p) => p.breakdown.live), after: f.points.map((_, i) => f.afterForcedGC?.[i] === true), by: forcedGCByOf(f.points, f.afterForcedGC), ...copiesAt(f) };
  const cmp = comparedReadings(everyLive, everyIndex, everyAfterGC, readings);
  // The latest HeapAlloc read between GCs, as its heap profile shows (garbage.ts latestReadBetweenGCs): no live heap to call flat,
  // nor to weigh the allocation rate against; the profile's in-use, as of its last GC, is. Readings after a forced GC beside it
  // (cmp.between) are compared already, and name it apart. Nor where every reading moved within one GC cycle's room under a heap
  // goal that held (inRoom, below) and the latest profile trusts that goal as GOGC=100's (verdict.ts markedByGoal): it says more of
  // the live heap than the latest snapshot's reading (the captured go1.19-audit42-ptrdense-run2/plain, "Stable: the heap goal held …
  // a live heap of about 78.2 MiB–81.7 MiB", would say "No leak evidence" where its latest goal says the last GC marked under 90% of
  // HeapAlloc). A limit's goal is none (go1.19-audit34-limit, GOGC=off: NextGC 52 MiB beside a profile of 3.3 MiB).
  const inRoom = cmp.between.length === 0 && !forcedGCs && !f.heldGoal && afterGC.every((a) => !a) ? heapAllocWithinRoom(withStats.map(([e]) => e), objects) : undefined;
  const latestSnapshot = withStats[withStats.length - 1]?.[0];
  // …and the profile agrees with it, half of what it says marked or more: go1.19-audit35-between's grew/ under GOGC=400, a goal of
  // 16.0–17.5 MiB beside a profile of 2.3 MiB, was "a live heap of about 8.0 MiB–8.7 MiB" by GOGC=100's reading.
  const latestProfile = latestSnapshot ? profileInUse(latestSnapshot) : undefined;
  const latestMarked = inRoom !== undefined && latestSnapshot?.stats !== undefined ? markedByGoal(latestSnapshot.stats, latestProfile) : undefined;
  const goalHeldLive = latestMarked !== undefined && (latestProfile === undefined || latestProfile >= 0.5 * latestMarked);
  const betweenInUse = cmp.between.length > 0 || goalHeldLive ? undefined : latestReadBetweenGCs(latestSnapshot, afterGC[afterGC.length - 1] === true);
  seen.betweenInUse = betweenInUse;
  // What the words call HeapAlloc: the live heap, or, read between GCs, the heap between collections, weighed against the profile (profileHad).
  // Every reading a plain dump's HeapAlloc between GCs (plainAll), no profile showing it (betweenInUse): said as what it is too, at
  // snapshots taken at different GCs, each read between GCs, never "live heap" (the captured go1.19-audit40-bufpool's four plain
  // dumps were "No leak evidence: live heap moves between 11.8 MiB and 20.5 MiB").
  const plainHeapAlloc = plainAll && betweenInUse === undefined;
  // MemStats alone (/debug/vars documents, /metrics scrapes), not each after a forced GC (forcedGCs, which says whether they count
  // as such): HeapAlloc read when asked, between GCs, said as what it is wherever the words would say "live heap" (the captured
  // go1.19-exposition-leak's scrapes were "the live heap rose at every GC-separated snapshot"). Words only: which verdict is given does not read it.
  const memStatsBetween = f.profiled === false && !forcedGCs;
  if (memStatsBetween) seen.memStatsBetween = true;
  const betweenAll = plainHeapAlloc || memStatsBetween;
  const heapWords = betweenInUse === undefined && !betweenAll ? 'live heap' : BETWEEN_COLLECTIONS;
  // `live heap` and where its readings were taken, or of plain dumps or MemStats alone, HeapAlloc and `across 4 snapshots taken at
  // different GCs, each read between GCs (snapshots 1→4)`.
  const liveNamed = betweenAll ? 'HeapAlloc' : 'live heap';
  // Every reading a plain dump's (plainAll) is each read between GCs, whether or not its latest profile or goal says so (betweenInUse).
  const acrossCmp = (): string => (betweenAll || plainAll ? `across ${cmp.values.length} ${AT_DIFFERENT_GCS}, each read between GCs (${span(cmp.at)})` : acrossWords(cmp));
  const weighed = betweenInUse === undefined ? '' : `, and ${profileHad(betweenInUse)}`;
  const readLive = betweenInUse === undefined ? '' : ` To read the live heap itself, ${ADD_GC1}.`;
  const garbage = garbageBetweenGCs(withStats.map(([e]) => e), afterGC, live, objects);
  // A rise under liveGrowthMinShare counts only read exactly, at each step, with the profile's sites rising with it (slowrise.ts).
  const slowRise = liveRose ? undefined : slowPostGcRise(live, objects, postGcLive, f.allSites ?? []);
  const slow = slowRise?.kind === 'evidence' ? slowRise : undefined;
  // Every reading between GCs, each with GOGC's heap goal (goaltrend.ts): the goal, set by each GC from the heap it marked, is the
  // live heap's trend as of each reading's last GC, and the leak's rise is read from it as a ?gc=1 series' from HeapAlloc (no site
  // or HeapObjects needed), never from HeapAlloc, which counts the garbage made since (the captured go1.19-audit46-closureleak's
  // /debug/vars, its goal rising at every step, were "Cannot tell yet … not steadily" by HeapAlloc's last reading, read after a GC).
  const goal = enoughEpochs && !forcedGCs && !onForcedGC && everyAfterGC.every((a) => !a)
    ? goalTrend(withStats.map(([e]) => e), f.heldGoal !== undefined || (f.goalMoves ?? []).length > 0 || f.pinnedGoal !== undefined || f.gcOff !== undefined)
    : undefined;
  const goalValues = goal?.values;
  const goalRose = goalValues !== undefined && nonDecreasing(goalValues, riseNoiseSlack(goalValues)) && stillRising(goalValues, t.flatShare)
    && (goalValues[goalValues.length - 1] ?? 0) - (goalValues[0] ?? 0) >= Math.max(t.siteGrowthMinBytes, t.liveGrowthMinShare * (goalValues[0] ?? 0))
    && risingSteps(goalValues, liveStepSlack(goalValues)) >= 2;
  // HeapAlloc's own reading of the trend (no goal): what the words said of the live heap before the goal read it.
  const heapAllocRising = (liveRose && (corroborated || postGcLive) && !garbage) || slow !== undefined;
  const heapRising = goal ? goalRose : heapAllocRising;
  // The readings the live heap's trend is weighed on: the goal's when it is read (goal), else HeapAlloc's.
  const trendLive = goalValues ?? live;
  // Every HeapAlloc read between GCs, no rise of it evidence: the heap profiles, each as of its last GC, are the live heap's
  // estimate, and one that gained samples at every step beyond its sampling error is a leak's rise (profiletrend.ts).
  const profileRise = !heapRising && !onForcedGC && f.profiled !== false && everyAfterGC.every((a) => !a) ? profileInUseRise(withStats.map(([e]) => e)) : undefined;
  // A rise that slows at every step, of the live heap after a forced GC or of the profiles' in-use read between GCs (levelling.ts):
  // a cache filling a bounded key set, never leak evidence of the heap or of the sites that fill with it.
  const levelling = levellingOf(live, withStats.map(([e]) => e), afterGC, f.profiled !== false);
  const postGcWords = corroborated ? forcedBetweenWords(withStats.map(([e]) => e)) : `, each read right after a forced GC: ${readings.by}`;
  // Per GC epoch already, with minPoints values at least (leakSites); binary profiles without
  // MemStats are GC-separated when they differ (a profile is published at GC), and a steady rise
  // needs three different ones.
  // The live heap falling at each step since its peak (every GC epoch's reading, as the sites' trends have one per epoch): a site
  // alone must rise over those steps too to be evidence (leakSites).
  const fallingSteps = liveFallingSteps(everyLive, everyAfterGC);
  const steadySites = leakSites(f.sites, heapRising, f.points, f.offsettingSites, fallingSteps);
  const steadyGroups = leakGroups(f.groups);
  const stacks = f.points.map((p) => p.stackInuse);
  const stackValues = stacks.every((v): v is number => v !== undefined) ? stacks : [];
  const firstStack = stackValues[0] ?? 0;
  const lastStack = stackValues[stackValues.length - 1] ?? 0;
  // Only a GC frees the stacks of goroutines that ended: stacks that rise between snapshots of
  // one GC cycle (goroutines that started, then returned) are no evidence. The trend is read
  // across GC cycles, from the last snapshot of each (the stacks program: one jump, then flat).
  const stacksByCycle = lastOfEachCycle(f.points).map((p) => p.stackInuse ?? 0);
  // A first snapshot read before the program's first GC of its own (every GC so far forced: the dump's own ?gc=1) is its start-up:
  // its server's and pools' goroutines are not started yet, so the stacks' rise is weighed from the next snapshot on. The captured
  // go1.19-audit43-watchpeak's first poll, 5 goroutines and 320 KiB of stacks, then 197 goroutines throughout and 1.2 → 1.5 MiB
  // with a burst in flight, was "Leak suspected … goroutine stacks (StackInuse) 320.0 KiB → 1.5 MiB".
  const firstStats = epochIndexes[0] === 0 ? withStats[0]?.[0].stats : undefined;
  const startUp = (firstStats?.int('NumGC') ?? Infinity) <= (firstStats?.int('NumForcedGC') ?? 0);
  const stacksFrom = startUp && stackValues.length > 1 ? stackValues[1] ?? 0 : firstStack;
  const stacksGrew = stackValues.length > 0 && lastStack - stacksFrom >= Math.max(t.stackGrowthMinBytes, t.stackGrowthMinShare * stacksFrom);
  // Leaked goroutines' stacks never fall back, at any snapshot (a fall under half the average rise
  // is noise, as for the live heap), and the goroutine dumps of those moments, where given, count
  // more goroutines: a burst in flight raised StackInuse 6.3 → 6.7 → 2.9 → 13.2 MiB while every
  // goroutine dump counted 4 or 5 goroutines, and the last of each cycle alone (6.3 → 6.7 → 13.2)
  // was "Leak suspected" from stacks.
  const stackFell = stackValues.length > 0 && !nonDecreasing(stackValues, riseNoiseSlack(stackValues));
  const totals = f.goroutineTotals ?? [];
  const goroutinesFlat = totals.length >= 2 && (totals[totals.length - 1] ?? 0) - (totals[0] ?? 0) < t.groupGrowthMin;
  const stacksRising = stacksGrew && !stackFell && !goroutinesFlat && stacksByCycle.length >= t.minPoints && steadilyRising(stacksByCycle) && stillRising(stacksByCycle, t.flatShare);
  // The same climb read at every snapshot, GC-separated or not: StackInuse is read at the request, not as of the last GC.
  const stacksClimbEverySnapshot = stacksGrew && !stackFell && stackValues.length >= t.minPoints && steadilyRising(stackValues) && stillRising(stackValues, t.flatShare);

  // The live heap, read right after a forced GC at every snapshot, climbed and fell back at each of 3 cycles or more to a floor that
  // rose at every fall (recurring.ts dumpsRecurringPeak, risingFloorBytes): a leak under a recurring peak. Its floors are the live
  // heap's evidence, and the peak is said beside the leak (peakOnLeakWords): the captured go1.19-audit44-sawtooth's ?gc=1 dumps
  // (68.2 → 4.2 → 72.2 → 8.2 → 76.2 → 12.2 MiB) named only the growing site, not the 64 MiB peak on top.
  const recurringSeen = afterGC.length > 0 && afterGC.every(Boolean)
    ? dumpsRecurringPeak({ live, at: epochIndexes, sites: withStats.map(([e]) => e.profile.sites), points: f.points })
    : undefined;
  // Readings right after a forced GC beside others read between GCs (a capture's whole folder: ?gc=1 dumps beside plain dumps or
  // /debug/vars of the same moments): the others' live heap is what their last GC marked, by the heap goal (recurring.ts markedLive).
  // A recurring peak in both is the GC log's; its floors' rise, from goals, is no leak evidence. The captured go1.19-audit47-jsonpeak's
  // whole folder was "Peak retention … fell from 87.2 MiB" where plain/ saw the peak again and the GC log 6 cycles (audit 47 #16).
  const goalLimited = f.heldGoal !== undefined || (f.goalMoves ?? []).length > 0 || f.pinnedGoal !== undefined || f.gcOff !== undefined
    || everyEpoch.some(([e]) => e.memoryLimit || e.knownLimit || e.limitPressure);
  const marked = recurringSeen ? undefined : markedLive(everyEpoch.map(([e]) => e), everyAfterGC, goalLimited);
  // A plain dump's profile is of an earlier GC than its goal's: only the forced GCs' name the peak's site.
  const markedSites = everyEpoch.map(([e], i) => (everyAfterGC[i] ? e.profile.sites : []));
  const markedPeak = marked ? dumpsRecurringPeak({ live: marked.live, at: everyIndex, sites: markedSites, points: f.points }, marked) : undefined;
  const underPeak = recurringSeen?.risingFloorBytes !== undefined ? recurringSeen : undefined;
  const underPeakFalls = underPeak ? snapshotsNamed(underPeak.fallSnapshots.map((n) => n - 1)) : '';
  const evidence: LeakEvidence[] = [];
  if (underPeak && !heapRising) evidence.push({ kind: 'live-heap', text: risingFloorsWords(underPeak, underPeakFalls), underRecurringPeak: true });
  if (heapRising && goal) {
    evidence.push({ kind: 'live-heap', text: goalRiseWords(goal, epochIndexes, live), betweenGCs: everyLive.length, fromGoal: true });
  } else if (heapRising) {
    evidence.push(slow ? { kind: 'live-heap', text: slowRiseWords(slow, live, objects, epochIndexes, candidateSites, cmp) }
      : { kind: 'live-heap', text: liveHeapWords(everyLive, everyIndex, everyAfterGC, postGcWords, readings, plain, memStatsBetween), ...(plain ? { betweenGCs: plain.between } : memStatsBetween ? { betweenGCs: everyLive.length } : {}) });
  }
  const growing = namedLeakSites(f.sites, heapRising, f.points, f.offsettingSites, fallingSteps);
  // Named apart by line from the site that holds a recurring peak on top when it is another line of the same function.
  const namedAmong = underPeak?.site ? [...growing, underPeak.site] : growing;
  if (steadySites.length) evidence.push({ kind: 'sites', text: `growing sites: ${firstOf(growing.map((x) => leakSiteWords(x, 0, namedAmong)), 3)}` });
  if (steadyGroups.length) {
    const dumps = largest(steadyGroups.map((g) => g.counts.length));
    evidence.push({ kind: 'goroutine-groups', text: `growing goroutine groups across ${dumps} dumps: ${steadyGroups.slice(0, 4).map((g) => `${groupWords(g, steadyGroups)}${namedSpan(g)}`).join(', ')}` });
  }
  if (stacksRising) evidence.push({ kind: 'stack-inuse', text: `goroutine stacks (StackInuse) ${formatBytes(firstStack)} → ${formatBytes(lastStack)} across ${stackValues.length} snapshots` });
  // Stacks that rose steadily across every snapshot, GC-separated or not, held by goroutines a goroutine dump shows blocked in one
  // group: StackInuse is read at the request (the profile is as of the last GC, the stacks are not), and the dump says the stacks
  // are live goroutines', not those of goroutines that ended and wait for a GC to free them. The captured go1.19-audit40-connleak,
  // plain dumps 1.8 → 3.8 → 7.8 → 11.6 → 11.9 MiB across two GCs beside one goroutine dump of 5,748 main.serve [select], was
  // "A plateau, not a leak … it grew once, then stopped".
  const holders = !stacksRising && !goroutinesFlat && stacksClimbEverySnapshot
    ? stackHolders(f.latestGroups ?? [], lastStack - firstStack)
    : undefined;
  if (holders) evidence.push({ kind: 'stack-inuse', text: heldStacksWords(holders, stackValues) });
  // The profiles' rise speaks only where nothing else does: a site that rose names what it is (the captured audit27-limit's main.leak).
  const profileOnly = evidence.length === 0 && profileRise !== undefined;
  if (profileOnly) evidence.push({ kind: 'live-heap', text: profileRiseWords(profileRise, objects, epochIndexes) });
  // Size classes speak only where nothing more precise does: sites name what a class only sizes.
  const classes = evidence.length === 0 ? leakSizeClasses(f.sizeClasses ?? []) : [];
  if (classes.length > 0) {
    const n = largest(classes.map((c) => c.liveObjects.length));
    evidence.push({ kind: 'size-classes', text: `growing size class${classes.length === 1 ? '' : 'es'} (MemStats.BySize) across ${n} GC-separated snapshots (${span(everyIndex)}): ${firstOf(classes.map(classWords), 3)}; a heap profile of the same moments says which sites allocate them` });
  }

  // The live heap's last reading fell over a step as long as its average one or longer (by what was allocated): a leak rising at
  // its own pace would have risen over it, so the fall is no noise to discount by an average rise a warm-up inflated. The
  // captured go1.19-audit40-timers (time.AfterFunc(20s) timers pinning 32 KiB each: a plateau from 24 s), plain dumps at
  // 5–40 s and a ?gc=1 one at 41 s, read 13.8 → 28.8 → 44.2 → 63.7 → 58.3 MiB, the fall over 48.9 MiB allocated in 16 s, and
  // was "Leak suspected (high confidence) … its one fall … noise rather than a reversal"; its plain dumps' profiles, each as of
  // an earlier GC, rose to the ?gc=1 one's. The live heap itself or the sites alone are then no evidence: too soon to tell.
  // Not of the goal's trend (goal): a fall its rise allowed is under half an average step, and the words below are HeapAlloc's.
  const reversal = heapRising && !goal && evidence.every((e) => e.kind === 'live-heap' || e.kind === 'sites') && !slow && !profileOnly
    ? lastStepReversal(live, withStats.map(([e]) => e.stats?.int('TotalAlloc')))
    : undefined;
  // Only the heap and its sites rose, and the rise slows at every step: no leak evidence (judged below, levellingVerdict).
  const levelled = levelling !== undefined && evidence.every((e) => e.kind === 'live-heap' || e.kind === 'sites');
  if (evidence.length > 0 && !reversal && !levelled) {
    // A rise under 10 % at each step of fewer than slowRiseHighPoints snapshots is chance once in 24 or 120 series of a heap that
    // only moves: it makes nothing high, nor do the sites it alone makes evidence (sampled, 0 → 1 → 2 → 3 samples rise at each step too).
    const doubtful = slow !== undefined && !slow.sure;
    const alone = doubtful ? leakSites(f.sites, false, f.points, f.offsettingSites, fallingSteps) : steadySites;
    // Each with what a step must rise by to count: the live heap by more than its noise (half an average step, as for its falls: a
    // few bytes are no rise), a sampled site by half a sample's worth (sampleRiseSlack).
    const series: (readonly [values: readonly number[], slack: readonly number[]])[] = [
      ...(heapRising && !doubtful ? [[trendLive, riseNoiseSlack(trendLive)] as const] : []),
      ...steadyGroups.map((g) => [g.counts, []] as const),
      ...(stacksRising ? [[stackValues, []] as const] : []),
      ...steadySites.filter((s) => alone.includes(s)).map((s) => [s.inuseBytes, sampleRiseSlack(s)] as const),
      ...(underPeak?.risingFloorBytes ? [[underPeak.risingFloorBytes, []] as const] : []),
    ];
    const samples = largest(series.map(([v]) => v.length));
    const everyStep = series.some(([v, slack]) => v.length >= 4 && risesAtEveryStep(v, slack));
    // A size class alone mixes sites: one notch lower than the same rise of a site.
    const classesOnly = classes.length > 0 && evidence.length === 1;
    const classesEveryStep = classes.some((c) => c.liveObjects.length >= 4 && risesAtEveryStep(c.liveObjects));
    // The live heap alone, with every site that grew held since: a rise made under a high-water mark set before it may be a
    // periodic pattern the samples alias (aliased.ts), low confidence at most.
    const aliased = heapRising && !slow && evidence.every((e) => e.kind === 'live-heap') && candidateSites.every((s) => s.heldFrom !== undefined)
      ? aliasedPeak(live, withStats.map(([e]) => e.stats?.int('HeapSys') ?? 0))
      : undefined;
    const confidence = aliased || classesOnly ? (classesEveryStep && !aliased ? 'medium' : 'low') : samples >= 4 && everyStep && !profileOnly ? 'high' : 'medium';
    // Every reading between GCs, and the last GC-separated one followed by dumps of its own GC cycle that allocated a step's worth or
    // more: nothing read the live heap after that GC (gcLessTail), so the rise is no more than medium.
    const tail = confidence === 'high' && !slow && everyAfterGC.every((a) => !a) && evidence.every((e) => e.kind === 'live-heap' || e.kind === 'sites')
      ? gcLessTail(f.points, epochIndexes)
      : undefined;
    // Every reading between GCs, the heap profiles' in-use (the live heap's only reading then) rose by less at its last step than
    // at the one before: a rise that may be levelling, one ratio too few to tell (slowingLastStep): medium at most.
    const slowing = confidence === 'high' && !tail && !slow && f.profiled !== false && everyAfterGC.every((a) => !a) && evidence.every((e) => e.kind === 'live-heap' || e.kind === 'sites')
      ? slowingLastStep(withStats.map(([e]) => e))
      : undefined;
    const sure = tail || slowing ? 'medium' : confidence;
    const why = aliased ? ` ${aliasedWords(aliased, live, epochIndexes)}` : slow && confidence !== 'high' ? ` ${slowRiseDoubt(epochCount)}` : profileOnly ? ` ${PROFILE_RISE_DOUBT}`
      : tail ? ` ${gcLessTailWords(tail, f.profiled !== false)}` : slowing ? ` ${slowingLastStepWords(slowing)}` : '';
    const peakOnTop = underPeak ? ` ${peakOnLeakWords(underPeak, live.length, underPeakFalls, growing)}` : '';
    // Evidence other than the live heap's, every reading between GCs, where HeapAlloc alone would have said the heap rose: the
    // live heap's trend is still said, from the goal that reads it (goaltrend.ts), as no evidence of its own, and HeapAlloc as what
    // it is. The captured go1.19-audit41-satcache's first four plain dumps (a cache filling a bounded key set), NextGC ÷ 2 9.9 →
    // 22.5 → 38.9 → 40.0 MiB, said only "growing sites: main.lookup +30.2 MiB" once the goal read the trend, where they had said
    // "HeapAlloc 12.8 MiB → 66.9 MiB … each read between GCs".
    const goalBeside = goal && !heapRising && heapAllocRising;
    const goalWords = goalBeside ? `; ${goalTrendWords(goal, epochIndexes, live)}` : '';
    return {
      kind: 'leak', leak: 'suspected', confidence: sure, evidence,
      summary: `Leak suspected (${sure} confidence): ${evidence.map((e) => e.text).join('; ')}${goalWords}.${peakOnTop}${why}`,
      ...(underPeak ? { recurringPeak: underPeak } : {}),
      ...(goal && (heapRising || goalBeside) ? { lastGcEstimates: goalEstimatesAt(goal, epochIndexes, f.points.length) } : {}),
    };
  }

  // No evidence of a leak. Growth that falls short of it is still said.
  // A burst of goroutines that came and went: their stacks rose and fell back (reasoning.md §7).
  const burstStacks = stacksCameAndWent(f.points);
  const stackWords = stacksGrew && (stackFell || goroutinesFlat) ? stackShortWords(stackValues, totals, stackFell, burstStacks) : undefined;
  const shift = f.offsettingSites && steadySites.length === 0 ? f.offsettingSites : undefined;
  const shortOf = [
    ...candidateSites.map((s) => shortSiteWords(s, shift ? shiftedSiteWords : (x) => siteWords(x, 0, candidateSites))),
    ...f.groups.map((g) => `${groupWords(g, f.groups)} goroutines${namedSpan(g)}`),
    ...(stackWords ? [stackWords] : []),
  ];
  // The words of candidate sites and goroutine groups that grew, then held (trend.ts heldFrom): said apart from those still growing
  // (notYetEvidence). The captured go1.19-audit46-workerpool-watch's plateau said its pool, main.worker 0 → 299 goroutines by poll 8
  // and 299 at four polls since, "Growing, but not yet evidence" beside its 73.7 MiB, which "Grew, then held".
  const heldShort: HeldWords = {
    sites: new Set(candidateSites.flatMap((s, i) => (s.heldFrom === undefined ? [] : [shortOf[i] ?? '']))),
    groups: new Set(f.groups.flatMap((g, i) => (groupHeld(g) ? [shortOf[candidateSites.length + i] ?? ''] : []))),
  };
  const profiler = f.sites.filter((s) => s.profiler);
  const profilerWords = profiler.length ? ` The profiler's own allocations grew (${profiler.slice(0, 2).map(siteWords).join(', ')}): taking dumps allocates; not counted.` : '';
  // `named`: sites the summary names already, left out of its "Growing, but not yet evidence" (the first of shortOf are candidateSites').
  // `namedGroups`: goroutine groups the summary names already (the groups' words follow the sites' in shortOf).
  const asideNaming = (named: readonly SiteTrend[] = [], namedGroups: readonly GroupTrend[] = []): string =>
    `${notYetEvidence(shortOf.filter((_, i) => !named.some((s) => s === candidateSites[i]) && !namedGroups.some((g) => g === f.groups[i - candidateSites.length])), heldShort)}${shift ? shiftWords(shift, live, afterGC.every((a) => a)) : ''}${profilerWords}${stuckWords(f.groups)}${heldWords(f.heldGroups ?? [])}`;
  const aside = asideNaming();
  const stuck = stuckGroups(f.groups).length > 0;
  if (reversal) {
    const peakAt = live.indexOf(reversal.peak);
    const named = steadySites.length > 0 ? namedLeakSites(f.sites, heapRising, f.points, f.offsettingSites, fallingSteps) : [];
    const sitesNamed = named.length > 0 ? ` The heap profiles' sites rose with it (${firstOf(named.map(siteWords), 3)}), each as of its dump's last GC, an earlier one than the last reading's.` : '';
    return {
      kind: 'unknown', leak: 'unknown', confidence: 'low', evidence: [],
      summary: `Cannot tell yet whether memory leaks: ${plain ? `HeapAlloc, ${plainWords(plain, epochIndexes, readings.by)},` : memStatsBetween ? 'HeapAlloc, read between GCs,' : 'the live heap'} rose ${formatBytes(firstLive)} → ${formatBytes(reversal.peak)} by snapshot ${(epochIndexes[peakAt] ?? 0) + 1}, then its last reading fell to ${formatBytes(lastLive)} at snapshot ${(epochIndexes[live.length - 1] ?? 0) + 1}, over a step no shorter than the average (${formatBytes(reversal.allocated)} allocated, ${formatBytes(reversal.averageAllocated)} a step on average): a leak would have risen over it, so this may be a plateau, a rise that stopped, not noise.${sitesNamed} To tell, take more heap?debug=1&gc=1 dumps, some time apart: each reads the live heap right after a GC.${asideNaming(named)}`,
    };
  }


  const pts = f.points;
  const lastPoint = pts[pts.length - 1];
  if (pts.length === 0 && f.epochs.length > 0) {
    // Binary profiles alone: sites, but no live heap, no GC count.
    return {
      kind: 'unknown', leak: 'unknown', confidence: 'low', evidence,
      summary: `Cannot tell yet whether memory leaks: ${f.epochs.length} binary heap profile${f.epochs.length === 1 ? ' has' : 's have'} no MemStats (no live heap, no GC count)${shortOf.length === 0 ? ' and no site grows steadily across them' : ''}; give /debug/vars or heap?debug=1 of the same moments (the same file stem) for the memory picture.${f.goroutineDumps >= t.minPoints && f.groups.length === 0 ? ` No goroutine group grows steadily across ${f.goroutineDumps} goroutine dumps.` : ''}${aside}`,
    };
  }
  if (pts.length === 0) {
    if (f.goroutineDumps < t.minPoints) {
      return {
        kind: 'unknown', leak: 'unknown', confidence: 'low', evidence,
        summary: `Cannot judge from ${f.goroutineDumps} goroutine dump${f.goroutineDumps === 1 ? '' : 's'}: take at least ${t.minPoints}, some time apart.${aside}`,
      };
    }
    // A group that grew short of evidence (aside: "Growing, but not yet evidence") is no "no group grows": too soon to tell.
    if (f.groups.length > 0) {
      return {
        kind: 'unknown', leak: 'unknown', confidence: 'low', evidence,
        summary: `Cannot tell yet whether goroutines leak: across ${f.goroutineDumps} goroutine dumps a goroutine group grew, but not as a leak's does (at two steps or more, and still rising through the later half); take more, some time apart, to see whether it keeps growing, and give heap dumps of the same moments for the memory picture.${aside}`,
      };
    }
    return {
      kind: 'stable', leak: 'unknown', confidence: 'medium', evidence,
      summary: `No goroutine group grows steadily across ${f.goroutineDumps} goroutine dumps; give heap dumps of the same moments for the memory picture.${aside}`,
    };
  }

  const stackPeak = Math.max(largest(stackValues), 0);
  const peakAt = stackValues.indexOf(stackPeak);
  // runtime.malg's gs are never freed (kept for reuse): the burst's descriptors stay in the live heap.
  const descriptors = candidateSites.filter(isDescriptorSite);
  // A burst explains stacks that came and went, not a live heap that grew: growth across GC
  // cycles beyond the burst's descriptors (the peak program: 0.2 → 300 MiB live, never falling)
  // rules it out. (Across GC cycles: a snapshot's garbage not yet collected is no growth.) A g
  // costs the live heap more than malg's sampled estimate (allgs, the estimate's own error: 10,005
  // goroutines, malg +2.5 MiB, HeapAlloc +4.3 MiB), so growth within the descriptors' own size
  // again is theirs. The sampled estimate can miss most of them (2 samples for 4,000 descriptors,
  // +512 KiB, while HeapAlloc rose 1.7 MiB: the captured go1.19-audit27-burst was "A plateau"), so
  // they are also counted as the goroutines the burst added (burstGoroutines), at a g's size.
  const added = burstGoroutines(totals, objects, stackValues);
  const profiledSize = descriptorBytes(f.epochs);
  const gSize = profiledSize ?? unprofiledDescriptorBytes(live, added.count, liveGrowthMin);
  const countedDescriptors = gSize === undefined ? 0 : added.count * gSize;
  const descriptorGrowth = Math.max(descriptors.reduce((sum, d) => sum + d.growthBytes, 0), countedDescriptors);
  const liveKept = lastLive - firstLive - descriptorGrowth < Math.max(t.siteGrowthMinBytes, t.liveGrowthMinShare * firstLive, descriptorGrowth);
  // A plateau: the live heap rose (a cache filling, pools growing) and then held within flatShare
  // of its last value through the later half of the series at least.
  const settledAt = settledFrom(live, t.flatShare);
  const plateau = plateauFrom(live, t.flatShare) !== undefined;
  // The figures the verdicts below give, and what they weigh between a plateau, a flat heap and
  // one that moves, are like for like: after a forced GC alone when others were read between GCs
  // (comparedReadings), those named apart. The evidence above is weighed on the readings after a
  // forced GC alone when they are enough for a verdict (judgedAfterForcedGC), else on every one;
  // the bursts and the peaks on every reading, as before.
  const mixed = cmp.between.length > 0;
  const [cmpFirst, cmpLast] = [cmp.values[0] ?? 0, cmp.values[cmp.values.length - 1] ?? 0];
  // Where a plateau of the readings after a forced GC rose from: their first, or when they only held, HeapAlloc read between GCs
  // before them, an upper bound of the live heap then (upperBoundBefore).
  const bound = mixed && plateauFrom(cmp.values, t.flatShare) === undefined ? upperBoundBefore(cmp, t.flatShare, t.siteGrowthMinBytes) : undefined;
  const [plateauValues, plateauAt] = bound ? [[bound.value, ...cmp.values], [bound.at, ...cmp.at]] : [cmp.values, cmp.at];
  const plateauFirst = plateauValues[0] ?? 0;
  const cmpSettledAt = settledFrom(plateauValues, t.flatShare);
  const cmpPlateau = mixed ? plateauFrom(plateauValues, t.flatShare) !== undefined : plateau;
  const cmpRose = cmpSettledAt > 0 && cmpLast > plateauFirst;
  const lastAt = (cmp.at[cmp.at.length - 1] ?? 0) + 1;
  // Of readings after a forced GC beside others: which were compared, and the others apart.
  const readAfter = mixed ? ` (the ${cmp.values.length} GC-separated snapshots read right after a forced GC, ${cmp.by})${betweenWords(cmp)}` : '';
  // A peak before the level it held, above it by more than the level's own noise, is said: the captured go1.19-audit47-bigcache's
  // ?gc=1 dumps, 52.2 → 152.2 → 251.2 → 149.2 MiB ×4 (half its cache evicted), were "rose from 52.2 MiB to 149.2 MiB by snapshot 4,
  // then stayed" (audit 47 #3), a rise that never happened at snapshot 4.
  const fellTo = cmpRose ? peakAbove(plateauValues, 0, cmpSettledAt, plateauValues[cmpSettledAt] ?? 0, t.flatShare, t.siteGrowthMinBytes) : undefined;
  const plateauWords = fellTo
    ? `${heapWords} rose from ${bound ? `at most ${formatBytes(plateauFirst)} at snapshot ${bound.at + 1}` : formatBytes(plateauFirst)} to ${formatBytes(fellTo.peak)} at snapshot ${(plateauAt[fellTo.at] ?? 0) + 1}, fell to ${formatBytes(plateauValues[cmpSettledAt] ?? 0)} at snapshot ${(plateauAt[cmpSettledAt] ?? 0) + 1} (−${formatBytes(fellTo.peak - (plateauValues[cmpSettledAt] ?? 0))}), then stayed near ${formatBytes(cmpLast)} through snapshot ${lastAt}${readAfter}`
    : cmpRose
    ? `${heapWords} rose from ${bound ? `at most ${formatBytes(plateauFirst)} at snapshot ${bound.at + 1}` : formatBytes(plateauFirst)} to ${formatBytes(plateauValues[cmpSettledAt] ?? 0)} by snapshot ${(plateauAt[cmpSettledAt] ?? 0) + 1}, then stayed near ${formatBytes(cmpLast)} through snapshot ${lastAt}${readAfter}`
    : `${heapWords} stayed near ${formatBytes(cmpLast)} from snapshot ${(cmp.at[0] ?? 0) + 1} through snapshot ${lastAt}${readAfter}`;
  // How it grew before it held: `once`, or at how many steps (a rise of 10 % and 1 MiB each; "once" was said of two).
  const risesBefore = stepRises(mixed ? plateauValues.slice(0, cmpSettledAt + 1) : live.slice(0, settledAt + 1), stairRise);
  const plateauRises = risesBefore.length;
  // A rise between two GC-separated readings with other snapshots between them is no "once": the captured go1.19-audit40-connleak's
  // plain dumps, 934.3 KiB → 1.8 → 3.5 → 4.7 MiB in one GC cycle, were "it grew once, then stopped".
  const at = mixed ? plateauAt : epochIndexes;
  const oneStepSpans = plateauRises === 1 && risesBefore.some((r) => (at[r.at] ?? 0) - (at[r.at - 1] ?? 0) > 1);
  const grewWords = plateauRises === 0 || oneStepSpans ? 'it grew' : plateauRises === 1 ? 'it grew once' : `it grew at ${formatCount(plateauRises)} steps`;
  // Stacks that rose and held, by more than the live heap rose, are what the plateau is of: the captured go1.19-audit38-healing
  // (goroutines that each hold a 64 KiB frame 15 s, then exit), StackInuse 2.7 → 17.0 MiB by snapshot 3, then ~18.4 MiB, beside a
  // live heap of 184.0 → 321.8 KiB, was "the live heap rose from 184.0 KiB to 292.6 KiB by snapshot 3, then stayed near 321.8 KiB".
  const stacksSettledAt = stackValues.length >= t.minPoints ? plateauFrom(stackValues, t.flatShare) : undefined;
  const stacksHeld = stacksSettledAt !== undefined && stacksGrew && lastStack - firstStack > Math.max(cmpLast - cmpFirst, 0);
  const stackPlateauWords = `goroutine stacks (StackInuse) rose from ${formatBytes(firstStack)} to ${formatBytes(stackValues[stacksSettledAt ?? 0] ?? 0)} by snapshot ${(stacksSettledAt ?? 0) + 1}, then stayed near ${formatBytes(lastStack)} through snapshot ${stackValues.length}${lastPoint ? ` (${formatPercent(lastStack, lastPoint.breakdown.sys)} of Sys)` : ''}`;
  // Nor does a live heap that rose once and held (a plateau across enough GC cycles) by less than
  // the stacks fell: the captured go1.19-audit28-deepstack's plain dumps, live 297.4 KiB → 1.3 MiB
  // by snapshot 2 beside 128.3 MiB of stacks that went, were "A plateau, not a leak".
  const plateauBeside = !liveKept && enoughEpochs && plateau && stackPeak - lastStack >= lastLive - firstLive - descriptorGrowth;
  const burst = lastPoint !== undefined && (liveKept || plateauBeside) && burstStacks;

  const maxSys = largest(pts.map((p) => p.heapSys ?? 0));
  // A past peak, not a sawtooth's top: a HeapAlloc read between GCs that comes back after falling to
  // half is garbage piling up between GCs, again and again (the captured 05-memlimit under GOGC=off
  // and GOMEMLIMIT, 49.5 → 15.9 → 43.2 → 15.9 → 47.7 MiB, a GC every ~0.17 s, was "Peak retention").
  const allLive = pts.map((p) => p.breakdown.live);
  const peakLive = pastPeak(allLive, f.afterForcedGC, f.goals);
  // How it fell from there: of plain dumps or MemStats alone, HeapAlloc read between GCs, the live heap's peak from the profiles
  // where there are (plainPeakFallWords).
  const fellBetween = plainAll || memStatsBetween;
  const fallWords = (): string => (fellBetween ? plainPeakFallWords(f, allLive, peakLive) : peakFallWords(allLive, f.afterForcedGC, peakLive, cmp.by));
  // When stacks fell by more than the live heap, the burst is the story (the stacks program: 125
  // MiB of stacks came and went; its 30.7 MiB live peak was the debug=2 capture's own buffer).
  const liveFall = lastPoint ? peakLive - lastPoint.breakdown.live : 0;
  const burstExplainsMore = burst && stackPeak - lastStack >= liveFall;
  // A burst that came and went explains its stacks and descriptors: neither is growth short of evidence then.
  const others = shortOf.filter((words) => !(burstStacks && words === stackWords) && !descriptors.some((d) => words === shortSiteWords(d, (x) => siteWords(x, 0, candidateSites))));
  // Bytes the program allocated between two snapshots, on average: not the profiler's own (§7: taking
  // dumps allocates; a debug=2 dump of 4,000 goroutines allocated 60 MiB in the captured
  // go1.19-audit27-burst, whose moments 2–5 were "Churn, not a leak: 22.8 MiB allocated between snapshots").
  const steps = Math.max(1, pts.length - 1);
  // Unknown when the profiler's estimate is as large as TotalAlloc's rise (allocation.ts): then no churn, and no figure said.
  const allocatedBytes = programAllocated(pts, f.profilerAllocated ?? 0);
  const perInterval = (allocatedBytes ?? 0) / steps;
  // A mean said as one, with its total: "286.8 MiB allocated between snapshots" read as the series'
  // total in the captured go1.19-audit30-readall, where one step of four allocated 1.1 GiB.
  const perStep = (allocated: string): string => `${formatBytes(perInterval)} ${allocated} a step on average (${formatBytes(perInterval * steps)} over ${countOf(steps, 'step')} between snapshots)`;
  // Churn needs allocation spread over the steps: one step that allocated most of it is a burst (burst.ts).
  const allocBurst = allocationBurst(f.stepAllocated ?? []);
  const busy = (live: number): boolean => perInterval >= t.churnAllocPerLive * Math.max(live, 1);
  const churns = (live: number): boolean => allocBurst === undefined && busy(live);
  // Such a burst where churn would be said: why it is not (the captured go1.19-burst-garbage: 1.0 GiB
  // of 64 KiB buffers at one step, no new heap, was "Churn, not a leak: 255.9 MiB allocated between snapshots").
  const burstAside = (live: number): string => (allocBurst && busy(live) ? burstAsideWords(allocBurst, pts) : '');
  // Every reading: HeapAlloc between GCs moved while the heap profile held (garbage.ts) is judged apart.
  const flatAll = Math.abs(lastLive - firstLive) <= t.flatShare * Math.max(firstLive, 1);
  // A live heap that rose at every step (beyond its noise: trend.ts riseNoiseSlack) of slowRiseMinPoints readings or more (a heap
  // that only moves does so once in 24 series of 4), by 1 MiB or more in all, grew, however little: never flat, nor "Stable" (§7:
  // growth short of evidence is said). The captured go1.19-creep-plain, 122.7 → 124.7 → 126.7 → 128.7 → 130.7 MiB in plain dumps,
  // was "Stable" at high confidence. Three readings that rise twice are still chance once in 6 (a burst in flight: "Stable", medium).
  const creeps = cmp.values.length >= t.slowRiseMinPoints && risesAtEveryStep(cmp.values, riseNoiseSlack(cmp.values)) && cmpLast - cmpFirst >= t.siteGrowthMinBytes;
  const flat = !creeps && (mixed ? Math.abs(cmpLast - cmpFirst) <= t.flatShare * Math.max(cmpFirst, 1) : flatAll);
  // Under a limit, known or likely: how the live heap went (HeapAlloc, of readings between GCs alone).
  const liveWords = flat ? `${liveNamed} stays near ${formatBytes(cmpLast)}` : `${liveNamed} ${formatBytes(cmpFirst)} → ${formatBytes(cmpLast)}`;
  const latestEpoch = withStats[withStats.length - 1]?.[0];
  const heldFlat = flat && betweenInUse === undefined;
  const given = latestEpoch?.limitPressure;
  // A known limit Go holds nearly all of: the heap is held up to it by design (GOGC=off with
  // GOMEMLIMIT grows the heap to the limit before each GC), so its idle heap is no retained peak
  // and its sawtooth no churn to fix (the captured 05-memlimit with --gomemlimit 64MiB was "Churn").
  // It replaces only what the limit explains, a sawtooth read as churn or its idle heap read as a
  // retained peak: growth short of evidence, a plateau or a stable heap are said as they are.
  const atLimit = heldAtLimit(latestEpoch);
  const allocated = allocatedBytes === undefined ? '' : ` while ${perStep('is allocated')}`;
  const betweenEpochs = `${acrossCmp()}${betweenWords(cmp)}${allocated}`;
  // What "HeapAlloc moves between" spans when the heap is held up to a limit: every reading, the sawtooth's.
  const acrossEvery = `across ${everyEpoch.length} GC-separated snapshots (${span(everyIndex)})${allocated}`;
  const held = (limit: KnownLimit, latest: SeriesSnapshot, also = ''): SeriesVerdict => ({
    kind: 'memory-limit', leak: 'not-suspected', confidence: 'medium', evidence,
    summary: `${liveOverLimit(latest, limit) ? overLimitSummary(limit, latest, pts, `${liveWords} ${betweenEpochs}`) : heldAtLimitSummary(limit, latest, pts, live, acrossEvery)}${also}${aside}`,
  });
  // Too few GC-separated snapshots to tell: what to do.
  const tooFew = (): SeriesVerdict => {
    // One snapshot: no second to compare with, not "every snapshot … the same" (audit 46 #16).
    const seen = pts.length === 1
      ? `one snapshot (NumGC ${formatCount(lastPoint?.numGC ?? 0)}) has no other to compare with`
      : epochCount <= 1
      ? `every snapshot is from the same GC cycle (NumGC ${formatCount(lastPoint?.numGC ?? 0)})${f.profiled === false ? '' : ', so their heap profiles are the same'}`
      : `only ${epochCount} GC-separated snapshots (${t.minPoints} are needed)`;
    // GCs ran between every two of them: the snapshots are too few, not the cycles (with more
    // snapshots than cycles, as rare GCs give, the cycles are).
    const advice = epochCount >= 2 && pts.length === epochCount ? TOO_FEW_SNAPSHOTS
      : f.profiled === false ? (f.gcOff ? TOO_FEW_GCS_OFF_EXPOSED : TOO_FEW_GCS_EXPOSED) : f.gcOff ? TOO_FEW_GCS_OFF : TOO_FEW_GCS;
    const why = `${seen}; ${advice}`;
    return {
      kind: 'unknown', leak: 'unknown', confidence: 'low', evidence,
      summary: `Cannot tell yet whether memory leaks: ${why}.${aside}`,
      ...(aside === '' ? { tooFewCycles: why } : {}),
    };
  };
  // The live heap, read right after a forced GC at every snapshot, climbed and fell back at each of two cycles or more under a
  // high-water mark the first set (recurring.ts dumpsRecurringPeak): a load that comes and goes, the GC log's recurring peak. The
  // captured go1.19-audit42-batch's ten ?gc=1 dumps were "No leak evidence: live heap moves between 202.5 KiB and 150.2 MiB".
  // Rising floors are a leak's (underPeak, above): a verdict short of one names no peak alone.
  const seenPeak = recurringSeen ?? markedPeak;
  const recurring = evidence.length === 0 && !stuck && !atLimit && seenPeak?.risingFloorBytes === undefined ? seenPeak : undefined;
  if (recurring) {
    return {
      kind: 'peak-retention', leak: 'not-suspected', confidence: recurring.cycles >= 3 ? 'high' : 'medium', evidence,
      summary: `${dumpsRecurringPeakWords(recurring, recurring.fromGoal ? everyLive.length : live.length, snapshotsNamed(recurring.fallSnapshots.map((n) => n - 1)))}${aside}`,
      recurringPeak: recurring,
    };
  }
  // One step allocated most of what the series did and made the heap's high-water mark, and the
  // peak is not live now: a one-off peak, whichever way the live heap was read (the captured
  // go1.19-audit30-readall's ?gc=1 dumps, live flat near 210 KiB, were "Churn, not a leak"; its plain
  // and mixed dumps, whose HeapAlloc caught the burst's garbage, "Peak retention … keeps its 571.6
  // MiB high-water mark", most of it back with the OS by then). The allocator the latest dump
  // names, as peak-retention and idle-heap-retained name it.
  const oneOff = !burstExplainsMore && epochCount >= 2 && lastPoint && allocBurst ? burstHeap(pts, allocBurst.at, THRESHOLDS.idleRetainedMinBytes, f.epochs.findLast((e) => e.goVersion !== undefined)?.goVersion) : undefined;
  // Stacks that came and went explain the heap's growth when their fall is half its rise or more: the burst's words say it.
  const stacksExplain = oneOff !== undefined && burstStacks && stackPeak - lastStack >= t.peakFallShare * oneOff.rise;
  if (oneOff && allocBurst && !stacksExplain && cmpLast <= t.peakFallShare * oneOff.rise) {
    if (atLimit && latestEpoch) return enoughEpochs ? held(atLimit, latestEpoch) : tooFew();
    const cmpFell = mixed ? cmpLast <= t.peakFallShare * largest(cmp.values) : peakLive > 0 && lastLive <= t.peakFallShare * peakLive;
    const liveNow = cmpFell ? fallWords()
      : `${liveNamed} ${flat ? `stays near ${formatBytes(cmpLast)}` : `went ${formatBytes(cmpFirst)} → ${formatBytes(cmpLast)}`} ${acrossCmp()}${betweenWords(cmp)}`;
    const profiledLast = f.epochs.findLast((e) => e.profile.format !== undefined);
    const dominant = dominantAllocatorWords(profiledLast?.profile.sites, oneOff.rise, 'the latest dump');
    return {
      kind: 'peak-retention', leak: 'not-suspected', confidence: pts.length >= 3 ? 'high' : 'medium', evidence,
      summary: `${oneOff.returned ? 'A one-off peak' : 'Peak retention'}, not a leak: ${burstWords(allocBurst)} and ${oneOff.grew}, while ${(cmpFell ? fellBetween : betweenAll) ? '' : 'the '}${liveNow}. ${oneOff.after}${dominant ? ` To lower the peak: ${dominant}.` : ''}${notYetEvidence(others, heldShort)}${profilerWords}`,
    };
  }
  if (!burstExplainsMore && epochCount >= 2 && lastPoint && peakLive > 0 && lastPoint.breakdown.live <= t.peakFallShare * peakLive && (lastPoint.heapSys ?? 0) >= 0.9 * maxSys
    && !garbageFell(f, allLive.indexOf(peakLive), pts.length - 1) && keptWhatFell(pts, peakLive)) {
    if (atLimit && latestEpoch) return enoughEpochs ? held(atLimit, latestEpoch) : tooFew();
    // The live heap fell: descriptors that grew are those of goroutines made since, kept for reuse.
    const kept = descriptors.length > 0 ? ` ${descriptors.map(siteWords).join(', ')}: goroutine descriptors, which the runtime keeps for reuse when their goroutines exit — a cost of a peak of goroutines, not growth.` : '';
    // Survivors that pin their spans: the freed objects' room stays in use, not idle (the captured
    // go1.19-audit29-frag, 90% of 2M small objects freed at random: 175.1 MiB of HeapInuse held no
    // objects, 78% of it, was "the heap keeps its 311.7 MiB high-water mark (1.6 MiB idle …)").
    const pinned = pinnedSpans(pts, pts.indexOf(lastPoint));
    const keeps = pinned
      ? `, but its survivors ${KEEP_THEIR_SPANS}: ${pinned}; the rest of the ${formatBytes(maxSys)} high-water mark is ${formatBytes(lastPoint.breakdown.idle)} idle and ${formatBytes(lastPoint.breakdown.released)} released.`
      : ` while HeapSys stays at its ${formatBytes(maxSys)} high-water mark${gcOffPhaseWords(pts, maxSys)}${highWaterWords(lastPoint)}.`;
    return {
      kind: 'peak-retention', leak: 'not-suspected', confidence: pts.length >= 3 ? 'high' : 'medium', evidence,
      summary: `Peak retention, not a leak: ${fallWords()}${keeps}${kept}${pinned ? '' : forcedOnlyFallWords(f, forcedPeakAt(allLive, f.afterForcedGC) ?? allLive.indexOf(peakLive))}${notYetEvidence(others, heldShort)}${profilerWords}`,
    };
  }

  if (burst && lastPoint) {
    const totals = f.goroutineTotals ?? [];
    const { atPeak, most: mostGoroutines, words: dumpWords, timed } = goroutinesAtPeak(f, f.points[peakAt]);
    const goroutines = totals.length >= 2 && mostGoroutines > 0 ? `${dumpWords}; ` : '';
    // Without a profile, the live heap's rise per object gained of a g's size (unprofiledDescriptorBytes) is the descriptors' own
    // evidence, read between GCs or not (the seed article's 10,000 goroutines from /debug/vars alone: 9,438 objects, 459 B each).
    const descriptorsTold = added.counted || afterGC.every((a) => a) || profiledSize === undefined;
    // HeapAlloc where its latest reading's profile or goal says it was read between GCs too (betweenInUse).
    const liveWords = `${betweenAll || betweenInUse !== undefined ? 'HeapAlloc' : 'Live heap'} ${formatBytes(cmpFirst)} → ${formatBytes(cmpLast)} ${acrossCmp()}${betweenWords(cmp)}`;
    const counted = profiledSize === undefined
      ? `${added.counted ? `the ${formatCount(added.count)} goroutines the goroutine dumps count beyond the first (` : `the burst's goroutines (${betweenAll ? 'HeapAlloc, read between GCs,' : 'the live heap'} gained ${formatCount(added.count)} objects, `}${formatBytes(gSize ?? 0)} each, about a g's size: 416–480 B in go1.19–go1.26; no heap profile here says it)`
      : !added.counted ? `the burst's goroutines (a g of ${formatBytes(gSize ?? 0)} each, one heap object: HeapObjects rose by ${formatCount((objects[objects.length - 1] ?? 0) - (objects[0] ?? 0))})`
      : `the ${formatCount(added.count)} goroutines the burst added (${formatBytes(gSize ?? 0)} each: ${formatBytes(countedDescriptors)})`;
    const kept = plateauBeside ? ` The ${plateauWords}${cmpRose || !mixed ? `: ${grewWords}, then stopped` : ''}.`
      : descriptors.length > 0 ? ` ${liveWords}: ${descriptors.map(siteWords).join(', ')} is the burst's goroutine descriptors, which the runtime keeps for reuse — a cost of the peak, not growth.`
        // Objects counted between GCs are mostly garbage: descriptors only when counted by goroutine dumps or read after a GC
        // (the captured go1.19-audit42-deeprec's plain dumps, HeapObjects +5,299 beside at most 40 goroutines, were "the descriptors of the burst's goroutines").
        : countedDescriptors > 0 && lastLive - firstLive >= liveGrowthMin && descriptorsTold ? ` ${liveWords}: the descriptors of ${counted}, which the runtime keeps for reuse — a cost of the peak, not growth.` : '';
    const fell = peakAt === 0 ? `fell from ${formatBytes(stackPeak)} at snapshot 1 to ${formatBytes(lastStack)}` : `${formatBytes(firstStack)} → ${formatBytes(stackPeak)} at snapshot ${peakAt + 1} → ${formatBytes(lastStack)}`;
    // A burst of stack bytes without a burst of goroutines: few goroutines, deep stacks (goroutines/stacks.ts deepStacksOf).
    // With goroutine dumps, the goroutines they count decide, by one dump's rule (rules/stack-heavy.ts withGoroutineDump): deep when
    // the stack peak is RECURSING_DEEP_STACK_BYTES or more for each of the most goroutines any dump counts and a dump shows a recursion (the
    // captured go1.19-audit42-deeprec, 8 goroutines 10,000 frames deep, 38 in a dump beside 88.6 MiB of stacks: the sampled
    // descriptors, 1,260 for one sample, had made it "a burst of goroutines came and went").
    const made = descriptorsMade(f.epochs);
    const dumped = totals.length >= 2 && mostGoroutines > 0;
    const deep = deepStacksOf(stackPeak, mostGoroutines > 0 ? mostGoroutines : undefined, made, dumped ? f.recursion : undefined);
    // The dumps' moments are not the stack peak's: the most they count, never "at the peak".
    const deepWho = dumped
      ? `${dumpWords}, ${formatBytes(stackPeak / mostGoroutines)} of stack each${atPeak !== undefined ? '' : timed ? ` if the peak had ${formatCount(mostGoroutines)}` : ' if the peak had as many'}`
      : `the heap profile counts ${formatCount(made ?? 0)} goroutine descriptors (runtime.malg), one for every goroutine the process made: ${formatBytes(deep ?? 0)} of stack each at least`;
    // A burst of goroutines only where their count rose: in the goroutine dumps, or, without them, in the descriptors the live
    // heap kept after a GC; else StackInuse alone cannot tell more goroutines from deeper stacks.
    const countRose = dumped ? Math.max(mostGoroutines, largest(totals)) - Math.min(totals[0] ?? 0, totals[totals.length - 1] ?? 0) >= t.groupGrowthMin : descriptors.length > 0 || (countedDescriptors > 0 && descriptorsTold);
    const deepWords = `deep stacks, not a burst of goroutines: ${deepWho}${f.recursion ? `, and ${recursionWords(f.recursion)}` : ''}. The stacks (StackInuse) ${peakAt === 0 ? fell : `went ${fell}`}`;
    const stacksWent = deep !== undefined
      ? `a stack peak ${peakAt === 0 ? 'was on at the first snapshot and ended' : 'came and went'} — ${deepWords}`
      : !countRose ? `a stack peak (more goroutines, or deeper stacks) ${peakAt === 0 ? 'was on at the first snapshot and ended' : 'came and went'} — ${goroutines}their stacks (StackInuse) ${fell}`
        : peakAt === 0 ? `a burst of goroutines was on at the first snapshot and ended — ${goroutines}their stacks (StackInuse) ${fell}`
          : `a burst of goroutines came and went — ${goroutines}their stacks (StackInuse) ${fell}`;
    // Outside the peak, the stacks each goroutine of the last goroutine dump holds: large frames when large and no recursion shows.
    const lastCount = totals[totals.length - 1] ?? 0;
    const frames = dumped && deep === undefined ? largeFramesWords(lastStack, lastCount, f.latestGroups ?? [], f.recursion) : undefined;
    const framesWords = frames ? ` Outside the peak, ${frames}.` : '';
    return {
      kind: 'peak-retention', leak: 'not-suspected', confidence: pts.length >= 3 ? 'high' : 'medium', evidence,
      summary: `Peak retention, not a leak: ${stacksWent}, and the freed stack spans are heap the runtime keeps (HeapSys ${formatBytes(lastPoint.heapSys ?? 0)}: ${formatBytes(lastPoint.breakdown.idle)} idle, ${formatBytes(lastPoint.breakdown.released)} released).${framesWords}${kept}${notYetEvidence(others, heldShort)}${profilerWords}`,
    };
  }

  if (!enoughEpochs && f.gcOff && noGCBetween(pts)) {
    const { summary, why } = neverCollected(f.gcOff, pts, f.profiled !== false);
    return { kind: 'unknown', leak: 'unknown', confidence: 'low', evidence, summary: `${summary}${aside}`, ...(aside === '' ? { tooFewCycles: why } : {}) };
  }
  // Stacks that grew as leaked goroutines' do across every snapshot, GC-separated or not, with no goroutine dump to say whose:
  // no "not a leak" of a heap that held beside them (the captured go1.19-audit40-connleak's dumps alone, StackInuse 1.8 → 11.9
  // MiB, were "A plateau, not a leak … it grew once, then stopped"); what holds them is what a goroutine dump says. Nor "no trend
  // yet" from too few GC-separated snapshots: StackInuse is read when each dump is taken, not as of the last GC (its four plain
  // dumps, two GC cycles, were "Not a leak of reachable data … only 2 GC-separated snapshots (3 are needed)").
  const stacksClimbUnknown = (): SeriesVerdict => ({
    kind: 'unknown', leak: 'unknown', confidence: 'low', evidence,
    summary: `Cannot tell yet whether memory leaks: goroutine stacks (StackInuse) ${countWords(stackValues, formatBytes)} never fell across ${stackValues.length} snapshots (read when each dump is taken, not as of the last GC), while ${betweenAll ? 'HeapAlloc, read between GCs,' : 'the live heap'} went ${formatBytes(cmpFirst)} → ${formatBytes(cmpLast)}${readAfter}: goroutines that never end keep their stacks, a leak the heap barely shows; give a goroutine dump (goroutine?debug=2) of the latest moment to see whether they are alive and where they wait.${aside}`,
  });
  if (!enoughEpochs) return f.goroutineDumps === 0 && stacksClimbEverySnapshot ? stacksClimbUnknown() : tooFew();

  // Stacks and objects that rise steadily, short of evidence, with no goroutine dump to say why: a
  // goroutine leak shows there first (each leaked goroutine keeps its stack and a few objects), so
  // no "not a leak" (reasoning.md §7: growth is never "no leak"). The captured 08-goleak's ?gc=1
  // dumps alone, StackInuse 416 → 512 KiB and HeapObjects +31 a step, were "Churn … a plateau".
  // HeapObjects must have risen (objectsHeld: by more than flatShare, and still rising): the captured go1.19-audit37/cgo-gogc25, a
  // churning heap whose stacks crept 320 → 384 KiB beside HeapObjects 1,090 → 1,103 → 1,094 → … → 1,108, was "Cannot tell yet".
  // Their rise must matter beside the live heap's (stackCreepPerLiveRise): 64 KiB of stacks beside 155 MiB of heap is no sign.
  const stacksRose = (stacksByCycle[stacksByCycle.length - 1] ?? 0) - (stacksByCycle[0] ?? 0);
  const stacksCrept = stackValues.length > 0 && !stackFell && !stacksRising && stacksByCycle.length >= t.minPoints
    && steadilyRising(stacksByCycle) && stillRising(stacksByCycle, t.flatShare) && stacksRose >= t.stackCreepPerLiveRise * (cmpLast - cmpFirst)
    // A rise beyond flatShare of where the stacks began, as for a flat live heap: the captured go1.19-audit42-idleconns, 804
    // goroutines throughout, crept 3.5 → 3.6 MiB (+96 KiB, 2.6 %) and was "Cannot tell yet"; 08-goleak's 416 → 512 KiB is 23 %.
    && stacksRose > t.flatShare * (stacksByCycle[0] ?? 0);
  const stacksCreep = f.goroutineDumps === 0 && stacksCrept;
  // The same creep beside goroutine dumps that count a group growing: the dumps say what the stacks only hint at, so they must
  // never weaken it. The captured go1.19-audit43-gorobuf-deadbuf (a goroutine per upload blocked forever, its buffer dead after
  // the fill), main.handleUpload [chan receive] 75 → 273 beside StackInuse 416 KiB → 1.0 MiB rising at every ?gc=1 snapshot and
  // a live heap of 378 KiB, was "Cannot tell yet … too little yet to tell a leak from the heap's own noise" with the dumps,
  // and a goroutine leak's sign without them.
  const leakingGroups = f.goroutineDumps > 0 && stacksCrept && !goroutinesFlat ? f.groups.filter((g) => !g.benign && g.monotonic) : [];
  const topGroup = leakingGroups[0];
  if (topGroup) {
    // Read at the GC-separated snapshots the verdict compares (stacksByCycle also has the last of each cycle read between GCs).
    const epochStacks = epochIndexes.map((i) => stackValues[i] ?? 0);
    const everyStep = epochStacks.length >= t.minPoints && risesAtEveryStep(epochStacks);
    const groupsSaid = leakingGroups.slice(0, 3).map((g) => `${groupWords(g, leakingGroups).replace(/ \+[\d,]+$/, '')} ${countWords(g.counts, formatCount)} (+${formatCount(g.growth)})`).join(', ');
    const stacksSaid = everyStep
      ? `goroutine stacks (StackInuse) rose at every one of ${epochCount} GC-separated snapshots (${span(epochIndexes)}), ${formatBytes(epochStacks[0] ?? 0)} → ${formatBytes(epochStacks[epochStacks.length - 1] ?? 0)}`
      : `goroutine stacks (StackInuse) never fell across ${stackValues.length} snapshots, ${formatBytes(firstStack)} → ${formatBytes(lastStack)}`;
    const groupEvidence: LeakEvidence = { kind: 'goroutine-groups', text: `growing goroutine group${leakingGroups.length === 1 ? '' : 's'}: ${groupsSaid}` };
    const stackEvidence: LeakEvidence = { kind: 'stack-inuse', text: stacksSaid };
    return {
      kind: 'leak', leak: 'suspected', confidence: everyStep ? 'medium' : 'low', evidence: [groupEvidence, stackEvidence],
      summary: `Goroutine leak suspected: ${groupsSaid} while ${stacksSaid}; the ${everyAfterGC.every((a) => !a) ? BETWEEN_COLLECTIONS : heapWords} does not grow beyond its noise, ${formatBytes(cmpFirst)} → ${formatBytes(cmpLast)}${readAfter}; goroutines that never end keep their stacks and what they reference, whether or not the heap shows it.${asideNaming([], leakingGroups)}`,
    };
  }
  if (stacksCreep && risingSteps(objects) >= 2 && !objectsHeld(objects)) {
    return {
      kind: 'unknown', leak: 'unknown', confidence: 'low', evidence,
      summary: `Cannot tell yet whether memory leaks: goroutine stacks (StackInuse) ${countWords(stacksByCycle, formatBytes)} never fell and HeapObjects ${countWords(objects, formatCount)} rose with them across ${epochCount} GC-separated snapshots (${span(epochIndexes)}), while ${betweenAll ? 'HeapAlloc, read between GCs,' : 'the live heap'} went ${formatBytes(cmpFirst)} → ${formatBytes(cmpLast)}${readAfter}: goroutines that never end keep their stacks and what they reference, a leak the heap barely shows; give goroutine dumps (goroutine?debug=1) of the same moments to see whether goroutines accumulate.${aside}`,
    };
  }
  if (f.goroutineDumps === 0 && stacksClimbEverySnapshot) return stacksClimbUnknown();
  // Read exactly, the live heap rose by 1 MiB with HeapObjects rising at every step, but fell at a step by half its average
  // step or more (slowrise.ts kind `short`): growth short of evidence, never "Stable" (the captured slow leak's third run was).
  if (slowRise?.kind === 'short') {
    return {
      kind: 'unknown', leak: 'unknown', confidence: 'low', evidence,
      summary: `Cannot tell yet whether memory leaks: ${slowShortWords(slowRise, live, objects, epochIndexes, candidateSites, cmp.by)}; take more over a longer time to see whether it keeps rising.${aside}`,
    };
  }
  // Every reading between GCs, the heap goal's live heap (goal) rose and then held through the later half: a plateau, as a ?gc=1
  // series' live heap says it, whatever HeapAlloc did on the sawtooth; not a staircase (rose, held and rose again). The captured
  // go1.19-audit46-workerpool's /debug/vars and plain dumps, NextGC ÷ 2 2.3 → 23.8 → 61.2 → 76.3 MiB ×4 (its ?gc=1 dumps: "A
  // plateau, not a leak"), were "Cannot tell yet … it fell by 41.0 MiB at snapshot 6".
  const goalPlateau = goalValues && evidence.length === 0 && plateauFrom(goalValues, t.flatShare) !== undefined && !staircaseOf(goalValues, candidateSites)
    && (goalValues[goalValues.length - 1] ?? 0) - (goalValues[0] ?? 0) >= Math.max(t.siteGrowthMinBytes, t.liveGrowthMinShare * (goalValues[0] ?? 0));
  if (goal && goalValues && goalPlateau) {
    const held = `the ${goalPlateauWords(goal, epochIndexes)}; ${heapAllocBeside(live)}`;
    const estimated = { lastGcEstimates: goalEstimatesAt(goal, epochIndexes, pts.length) };
    const goalLast = goalValues[goalValues.length - 1] ?? 0;
    if (churns(goalLast)) {
      return {
        kind: 'churn', leak: stuck ? 'unknown' : 'not-suspected', confidence: 'medium', evidence,
        summary: `${stuck ? 'Churn of the heap' : 'Churn, not a leak'}: ${perStep('allocated')} while ${held} (a plateau: it stopped rising); ${churnCost(f, seen)}${aside}`, ...estimated,
      };
    }
    return {
      kind: 'stable', leak: stuck ? 'unknown' : 'not-suspected', confidence: goalValues.length >= 4 ? 'high' : 'medium', evidence,
      summary: `${stuck ? 'A plateau of the live heap, not of the goroutines' : 'A plateau, not a leak'}: ${held}.${spreadSurvivors(pts)}${aside}`, ...estimated,
    };
  }
  // Every reading between GCs, the heap goal's live heap (goal) held within flatShare of its highest: Stable (or churn), where
  // HeapAlloc alone would say it grew (the verdicts below that say so ask this first). The captured go1.19-audit46-phasechurn's
  // /debug/vars (16 MiB kept, 2 → 20 → 2 MiB/s of garbage), NextGC ÷ 2 16.4–17.5 MiB at each, were "Cannot tell yet … grew 19.0
  // MiB → 23.9 MiB … but not steadily".
  const goalFlat = (also = ''): SeriesVerdict | undefined => {
    if (!goal || !goalValues || evidence.length > 0) return undefined;
    const [low, high] = [smallest(goalValues), largest(goalValues)];
    if (high - low > t.flatShare * high) return undefined;
    const goalLast = goalValues[goalValues.length - 1] ?? 0;
    // Its range where it reads other than its last reading ("stays near 150.3 MiB (150.3 MiB)" said one figure twice).
    const range = goalRange(low, high) === formatBytes(goalLast) ? '' : ` (${goalRange(low, high)})`;
    const flatWords = `the ${goalLiveNamed(goal)} stays near ${formatBytes(goalLast)}${range} across ${goalValues.length} ${AT_DIFFERENT_GCS} (${span(epochIndexes)})${nothing}; ${heapAllocBeside(live)}${also}`;
    const estimated = { lastGcEstimates: goalEstimatesAt(goal, epochIndexes, pts.length) };
    if (churns(goalLast)) {
      return {
        kind: 'churn', leak: stuck ? 'unknown' : 'not-suspected', confidence: 'medium', evidence,
        summary: `${stuck ? 'Churn of the heap' : 'Churn, not a leak'}: ${perStep('allocated')} while ${flatWords}; ${churnCost(f, seen)}${aside}`, ...estimated,
      };
    }
    return {
      kind: 'stable', leak: stuck ? 'unknown' : 'not-suspected', confidence: goalValues.length >= 4 ? 'high' : 'medium', evidence,
      summary: `Stable: ${flatWords}.${spreadSurvivors(pts)}${aside}`, ...estimated,
    };
  };
  // The GC runs this often because a limit holds the heap goal down: say so, never "set a GOMEMLIMIT".
  const limit = latestEpoch?.memoryLimit;
  if (given) {
    // The limit is known (--gomemlimit): the GC's cost is the story, not a guess at a limit; when
    // the live heap alone is above it, that the limit cannot be met.
    const how = `${liveWords} ${betweenEpochs}; in the latest, ${memoryLimitEvidence(given)}`;
    const known = latestEpoch?.knownLimit ?? { bytes: given.gomemlimit, origin: 'flag' };
    return {
      kind: 'memory-limit', leak: 'not-suspected', confidence: 'medium', evidence,
      summary: `${latestEpoch && liveOverLimit(latestEpoch, known) ? overLimitSummary(known, latestEpoch, pts, how) : givenLimitSummary(known, latestEpoch, pts, how)}${aside}`,
    };
  }
  if (limit) {
    return {
      kind: 'memory-limit', leak: 'not-suspected', confidence: 'medium', evidence,
      summary: `Not a leak; a memory limit is likely set (GOMEMLIMIT, or a very low GOGC): ${liveWords} ${betweenEpochs}; in the latest, ${memoryLimitEvidence(limit)}. The cost is GC work, not memory; ${CHECK_THE_LIMIT}.${aside}`,
    };
  }
  // HeapAlloc read between GCs moved, the live heap as of each GC did not (garbage.ts): the sawtooth, judged by what held.
  if (garbage && !flatAll) {
    const words = garbageWords(garbage, live, objects, epochIndexes, cmp.by);
    const across = `across ${epochCount} GC-separated snapshots (${span(epochIndexes)}), ${words.held}, ${words.moved}`;
    // The limit's summary says already how HeapAlloc moves: what held, and why HeapAlloc is no witness.
    if (atLimit && latestEpoch) return held(atLimit, latestEpoch, ` The live heap did not grow: ${words.held}; ${words.why}.`);
    if (churns(garbage.inUse[garbage.inUse.length - 1] ?? 0)) {
      return {
        kind: 'churn', leak: stuck ? 'unknown' : 'not-suspected', confidence: 'medium', evidence,
        summary: `${stuck ? 'Churn of the heap' : 'Churn, not a leak'}: ${perStep('allocated')}; ${across}; ${churnCost(f, seen)} To read the live heap itself, ${ADD_GC1}.${aside}`,
      };
    }
    return {
      kind: 'stable', leak: stuck ? 'unknown' : 'not-suspected', confidence: 'medium', evidence,
      summary: `Stable: ${across}. To read the live heap itself, ${ADD_GC1}.${burstAside(garbage.inUse[garbage.inUse.length - 1] ?? 0)}${spreadSurvivors(pts)}${aside}`,
    };
  }
  // A past peak being worked off (reasoning.md §3: HeapAlloc falls back while HeapSys holds its high-water mark and what the heap
  // gave up stays with it, idle or released): the live heap fell at each of two steps or more since its highest reading, each
  // by more than a reading's noise (trend.ts fallingSincePeak), though not yet to half of it (peak retention above). The
  // captured go1.19-audit41-sessions (a janitor working off 51,770 sessions), 137.8 → 238.6 → 340.4 → 413.8 → 400.1 → 386.3 MiB,
  // was "A plateau … stayed near 386.3 MiB", and with more of its falls "Cannot tell yet … whether it keeps rising".
  // Each reading from the peak on right after a forced GC: HeapAlloc read between GCs falls and rises with the sawtooth's garbage.
  const fellFrom = betweenInUse === undefined ? fallingSincePeak(cmp.values, t.siteGrowthMinBytes) : undefined;
  const workedOff = fellFrom && cmp.at.slice(fellFrom.at).every((i) => f.afterForcedGC?.[i] === true) ? fellFrom : undefined;
  const workedOffPeak = workedOff ? cmp.values[workedOff.at] ?? 0 : 0;
  const workedOffAt = workedOff ? cmp.at[workedOff.at] ?? 0 : 0;
  if (workedOff && lastPoint && (lastPoint.heapSys ?? 0) >= 0.9 * maxSys && keptWhatFell(pts, workedOffPeak)
    && !garbageFell(f, workedOffAt, cmp.at[cmp.at.length - 1] ?? pts.length - 1)) {
    if (atLimit && latestEpoch) return held(atLimit, latestEpoch);
    const falling = fallingSites(f.allSites ?? [], workedOff.steps);
    const started = workedOff.at > 0 && cmpLast > (1 + t.flatShare) * cmpFirst ? `, above where it started (${formatBytes(cmpFirst)} at snapshot ${(cmp.at[0] ?? 0) + 1})` : '';
    const sitesWords = falling.length === 0 ? ''
      : ` The ${falling.length === 1 ? 'site that rose and is falling' : 'sites that rose and are falling'}: ${falling.map((x) => fallingSiteWords(x, f.allSites ?? [])).join('; ')}.`;
    const named = [...candidateSites.filter((x) => x.heldFrom !== undefined || falling.some((y) => y.site === x)), ...falling.map((y) => y.site)];
    return {
      kind: 'peak-retention', leak: stuck ? 'unknown' : 'not-suspected', confidence: 'medium', evidence,
      summary: `Peak retention, not a leak: the ${heapWords} peaked at ${formatBytes(workedOffPeak)} (snapshot ${workedOffAt + 1}) and fell at each of the ${formatCount(workedOff.steps)} steps since (−${formatBytes(workedOff.by)}): a past peak being worked off, at ${formatBytes(cmpLast)} by snapshot ${lastAt}${started}${readAfter}, while HeapSys stays at its ${formatBytes(maxSys)} high-water mark${highWaterWords(lastPoint)}. A leak would rise again: later dumps tell whether it keeps falling.${sitesWords}${asideNaming(named)}`,
    };
  }
  // The same of readings between GCs since the peak (plain dumps, /debug/vars), when the heap goal fell with HeapAlloc (plainWorkedOff):
  // said as HeapAlloc's peak, not a live one, with the goal that says the marked heap fell. The ?gc=1 words above stay as they are.
  const plainOff = workedOff ? undefined : plainWorkedOff(f, cmp, t.siteGrowthMinBytes);
  const plainPeak = plainOff ? cmp.values[plainOff.fell.at] ?? 0 : 0;
  const plainPeakAt = plainOff ? cmp.at[plainOff.fell.at] ?? 0 : 0;
  // The goal's fall stands for garbageFell's test here: that one weighs a fall to half against the profiles, which lag a GC or two.
  if (plainOff && lastPoint && (lastPoint.heapSys ?? 0) >= 0.9 * maxSys && keptWhatFell(pts, plainPeak)) {
    if (atLimit && latestEpoch) return held(atLimit, latestEpoch);
    const { fell, goal } = plainOff;
    const falling = fallingSites(f.allSites ?? [], fell.steps);
    const started = fell.at > 0 && cmpLast > (1 + t.flatShare) * cmpFirst ? `, above where it started (${formatBytes(cmpFirst)} at snapshot ${(cmp.at[0] ?? 0) + 1})` : '';
    const sitesWords = falling.length === 0 ? ''
      : ` The heap profiles' ${falling.length === 1 ? 'site that rose and is falling' : 'sites that rose and are falling'} (each as of its dump's last GC): ${falling.map((x) => fallingSiteWords(x, f.allSites ?? [])).join('; ')}.`;
    const named = [...candidateSites.filter((x) => x.heldFrom !== undefined || falling.some((y) => y.site === x)), ...falling.map((y) => y.site)];
    const goalFrom = goal.at === fell.at ? 'since' : `since its own peak at snapshot ${(cmp.at[goal.at] ?? 0) + 1}`;
    return {
      kind: 'peak-retention', leak: stuck ? 'unknown' : 'not-suspected', confidence: 'medium', evidence,
      summary: `Peak retention, not a leak: HeapAlloc, read between GCs (the live heap plus the garbage made since the last GC, so its peak is no live peak), peaked at ${formatBytes(plainPeak)} (snapshot ${plainPeakAt + 1}) and fell at each of the ${formatCount(fell.steps)} steps since (−${formatBytes(fell.by)}), and the heap goal (NextGC), which each GC sets from the heap it marked live, fell at each of the ${formatCount(goal.steps)} steps ${goalFrom} (${formatBytes(goal.peak)} → ${formatBytes(goal.last)}): a past peak being worked off, HeapAlloc at ${formatBytes(cmpLast)} by snapshot ${lastAt}${started}, while HeapSys stays at its ${formatBytes(maxSys)} high-water mark${highWaterWords(lastPoint)}. A leak would rise again: later dumps tell whether it keeps falling; ${f.profiled === false ? measureLiveHeap(false) : `to read the live heap itself, ${ADD_GC1}`}.${sitesWords}${asideNaming(named)}`,
    };
  }
  // A rise that slows at every step (levelling.ts) is no staircase: the profiles' in-use, read where HeapAlloc between GCs jumps.
  if (levelling) return levellingVerdict(levelling, epochIndexes, cmp, asideNaming(candidateSites), stuck, candidateSites);
  // Rose, held and rose again, never falling (staircase.ts): the level held at the end is no sign it stopped.
  const stairs = plateau ? staircaseOf(live, candidateSites) : undefined;
  if (stairs) {
    return {
      kind: 'unknown', leak: 'unknown', confidence: 'low', evidence,
      summary: `Cannot tell yet whether memory leaks: ${stairWords(stairs, live, epochIndexes, candidateSites)}${mixed ? ` (${snapshotsNamed(cmp.betweenAt)} ${cmp.between.length === 1 ? 'was' : 'were'} read between GCs, the others right after a forced GC: ${cmp.by})` : ''}; take more dumps over a longer time to see whether it rises again.${asideNaming(stairs.sites.map((x) => x.site))}`,
    };
  }
  // Some read between GCs beside readings after a forced GC, named apart: how to read them all alike.
  // Not when the readings after a forced GC are enough for the verdict, which rests on them (judgedAfterForcedGC).
  const readAllAlike = mixed && !onForcedGC && f.profiled !== false ? ` To read the live heap at each snapshot, ${ADD_GC1}.` : '';
  // Every reading between GCs, moving within one GC cycle's room under a heap goal that held (heldgoal.ts heapAllocWithinRoom): the
  // sawtooth sampled, whose lowest reading is above the heap the last GC left live (the captured go1.19-audit37/cgo-gogc25, HeapAlloc
  // 4.4 → 5.3 MiB under NextGC 5.4–5.5 MiB with 1.0 MiB allocated per GC, was "Cannot tell yet … by less than 1.0 MiB"). Not under a
  // goal a limit holds (f.heldGoal), whose room per GC says where the live heap went (inRoom, above).
  // Why the moves are the sawtooth's, said after them (and after `nothing`, which is of the moves).
  const roomSaid = inRoom ? withinRoomWords(inRoom) : '';
  const [low, high] = [smallest(cmp.values), largest(cmp.values)];
  // No reading after a forced GC, and one of them shown read mid-cycle by its own profile (latestReadBetweenGCs): HeapAlloc is
  // no live heap there, and is named as what it is (the captured go1.19-audit37/cgo-gogc400, ~4.5 MiB live in its gctrace, plain
  // dumps at GOGC=400 whose HeapAlloc read up to 19.4 MiB, was "No leak evidence: live heap moves between 5.0 MiB and 19.4 MiB").
  // So is every one within one GC cycle's room under a goal that held (inRoom), which says why. The table's row follows these words
  // (Seen.readBetween): it was `live` beside "HeapAlloc, read between GCs, moves between 5.0 MiB and 19.4 MiB".
  const shownAt = mixed || forcedGCs ? -1 : withStats.findLastIndex(([e], i) => latestReadBetweenGCs(e, afterGC[i] === true) !== undefined);
  const shown = withStats[shownAt];
  const shownInUse = shown ? latestReadBetweenGCs(shown[0], false) : undefined;
  // MemStats alone (/debug/vars documents, /metrics scrapes) are read when asked, never right after a GC: HeapAlloc between GCs at
  // every one (the captured go1.19-audit41-gogc's /debug/vars under SetGCPercent(400), then 50, ~8.8 MiB live throughout, were
  // "the live heap moves between 8.7 MiB and 29.6 MiB", its table's row `live`). Said so, with where the goal moved (goalMoves).
  const memStatsOnly = f.profiled === false && !forcedGCs && afterGC.every((a) => !a);
  const someReadMidCycle = inRoom !== undefined || shownInUse !== undefined || memStatsOnly;
  const readBetween: ReadBetweenGCs = {
    ...(shown && shownInUse !== undefined ? { profileInUseBytes: shownInUse, snapshot: shown[1] + 1 } : {}),
    ...(inRoom ? { room: { lowNextGCBytes: inRoom.lowNextGCBytes, highNextGCBytes: inRoom.highNextGCBytes, perGCBytes: inRoom.perGCBytes, gcs: inRoom.gcs } } : {}),
    ...(memStatsOnly ? { withoutProfile: true as const } : {}),
  };
  // What MemStats read between GCs alone add: where the goal moved, and how to read the live heap.
  // Not after the room's words (heldgoal.ts withinRoomWords), which end the summary as they did (the off-heap verdict rewrites that end).
  const memStatsSaid = memStatsOnly ? `${goalMovedSentence(f.goalMoves)}${inRoom ? '' : betweenGcsAdvice(false)}` : '';
  const nothing = shortOf.length === 0 ? ', with no site or goroutine group growing steadily' : '';
  // HeapAlloc read between GCs within one GC cycle's room (inRoom), its first and last readings alike: said as that, as the sawtooth's
  // below is, not as a live heap that stays near its last reading (the captured go1.19-audit37/cgo-gogc100, HeapAlloc 6.0 → 4.6 →
  // 7.2 → 7.9 → 8.1 → 5.5 MiB under GOGC=100, was "live heap stays near 5.5 MiB" where GOGC=25 and GOGC=400 said HeapAlloc, read
  // between GCs); the table's row follows (Seen.readBetween). The verdict is the one the live heap's words gave.
  const flatInRoom = heldFlat && (inRoom !== undefined || memStatsOnly);
  // The flat-in-room words end with the advice, MemStats alone too (audit-work's /debug/vars: "… /debug/vars and /metrics cannot run one").
  const inRoomAdvice = memStatsOnly ? `${goalMovedSentence(f.goalMoves)}${betweenGcsAdvice(false)}` : betweenGcsAdvice(f.profiled !== false);
  const inRoomMoves = `HeapAlloc, read between GCs, moves between ${formatBytes(low)} and ${formatBytes(high)} ${acrossWords(cmp)} without rising steadily${nothing}${roomSaid}`;
  // Within the room under a goal that held (inRoom), the live heap's evidence is the goal (heldgoal.ts goalImpliedLive), and of heap
  // dumps the latest profile (as of its last GC), not HeapAlloc, which only says where on the sawtooth each snapshot fell: "Stable",
  // whatever HeapAlloc's first and last readings were (flatInRoom or not).
  // A goal pinned at the live heap at every snapshot (forced.ts goalPinned) is that heap: the captured go1.19-audit45-setlimit's plain
  // dumps after SetMemoryLimit(32 MiB), NextGC 48.3–48.4 MiB beside profiles of 48.9 MiB, were "a live heap of about 24.2 MiB".
  // Of those with a profile, which says so (a /debug/vars document beside them, under the same held goal, cannot).
  const profiledEpochs = withStats.filter(([e]) => e.profile.format !== undefined);
  const pinned = profiledEpochs.length > 0 && profiledEpochs.every(([e]) => goalPinned(e));
  const goalLive = inRoom && !mixed ? goalImpliedLive(inRoom, pinned, largest(withStats.map(([e]) => e.stats?.int('StackInuse') ?? 0))) : undefined;
  const latestInUse = goalLive ? latestProfileInUse(withStats[withStats.length - 1]) : undefined;
  // Pinned, the sawtooth is as high as what is allocated per GC: no ?gc=1 would read the heap lower.
  const goalStable = inRoom && goalLive
    ? `Stable: ${goalLiveWords(inRoom, goalLive, acrossWords(cmp), latestInUse, pinned)}${nothing}; ${sawtoothWords(inRoom)}.${pinned && !memStatsOnly ? '' : inRoomAdvice}`
    : undefined;
  // The table's note then names the profile the words do: the latest's, not an earlier one that lagged (readBetween's).
  const goalReadBetween: ReadBetweenGCs = latestInUse ? { ...readBetween, profileInUseBytes: latestInUse.inUseBytes, snapshot: latestInUse.snapshot } : readBetween;
  // One step holds all of the rise (liveJumped), or the rise that held, or the flat heap, is a buffer that doubles (doubling.ts):
  // too soon to tell, never "it grew once, then stopped" nor "Stable".
  const latestSites = f.epochs.findLast((e) => e.profile.format !== undefined)?.profile.sites;
  const flatOnly = heldFlat && !cmpPlateau && !liveJumped;
  const doubled = (liveJumped || cmpPlateau || heldFlat) && !stuck ? doublingBuffer(latestSites, t.peakFallShare * (flatOnly ? lastLive : lastLive - firstLive)) : undefined;
  const doubling = doubled && (flatOnly || siteGrowth(f.allSites ?? f.sites, doubled.site) >= t.peakFallShare * (lastLive - firstLive))
    && !outlastedDoubling(...levelHeld(live, epochIndexes, f.points, latestEpoch)) ? doubled : undefined;
  if (liveJumped || doubling) {
    const what = plain ? `HeapAlloc, ${plainWords(plain, epochIndexes, readings.by)},` : `the ${heapWords}`;
    return {
      kind: 'unknown', leak: 'unknown', confidence: 'low', evidence,
      summary: `Cannot tell yet whether memory leaks: ${doubling ? doublingWords(doubling, what, live, epochIndexes, f.points, candidateSites, readAfter) : jumpWords(what, live, epochIndexes, readAfter)}${doubling ? asideNaming(candidateSites.filter((x) => siteKey(x) === siteKey(doubling.site))) : aside}`,
    };
  }
  // A live heap that ends where it began may have peaked between: one high reading right after a forced GC is no "stays near", and
  // the HeapSys it left is memory, not only GC work (highwater.ts peakBetween; reasoning.md §3 peak retention).
  const between = heldFlat && !stuck && !atLimit && lastPoint ? peakBetween(pts, f.afterForcedGC) : undefined;
  // `Peak, not a leak: the live heap rose from … (site: … of it) and fell back to …, while HeapSys stays at its … high-water mark …`:
  // `what` the live heap was read as, `moved` how it went (from `at`, its peak, the site that held most of it: siteAtPeak), `firstLive`
  // the first reading's live heap (earlierPeakWords), `churnLive` what churn is weighed against, `advice` after the churn's words.
  const peakSummary = (what: string, moved: (site: string) => string, at: number, fall: number, maxSys: number, firstLive: number, churnLive: number, advice = ''): string => {
    const peakSite = siteAtPeak(f, at, fall);
    const site = peakSite ? ` (${siteNamed(peakSite.site)}${peakSite.site.file ? ` ${lineWords(peakSite.site)}` : ''}: ${formatBytes(peakSite.bytes)} of it)` : '';
    const churnToo = churns(churnLive) ? ` Between peaks it churns: ${perStep('allocated')}, which costs GC work.` : '';
    return `Peak, not a leak: ${what} ${moved(site)}, while HeapSys stays at its ${formatBytes(maxSys)} high-water mark${gcOffPhaseWords(pts, maxSys)}${earlierPeakWords(pts, maxSys, firstLive)}${lastPoint ? highWaterWords(lastPoint) : ''}.${churnToo}${advice}${asideNaming(peakSite ? [peakSite.site] : [])}`;
  };
  if (between && lastPoint) {
    const backTo = allLive[between.back] ?? 0;
    return {
      kind: 'peak-retention', leak: 'not-suspected', confidence: pts.length >= 3 ? 'high' : 'medium', evidence,
      summary: peakSummary('the live heap', (site) => `rose from ${formatBytes(allLive[0] ?? 0)} to ${formatBytes(between.peak)} at snapshot ${between.at + 1}${site} and fell back to ${formatBytes(backTo)} by snapshot ${between.back + 1}, read right after a forced GC (${readings.by})`,
        between.at, between.peak - lastLive, between.maxSys, allLive[0] ?? 0, lastLive),
    };
  }
  // The same peak read between GCs alone (plain heap dumps, /debug/vars), whose HeapAlloc counts the garbage made since the last GC:
  // the live heap's readings are then its estimates as of each one's last GC, the heap profiles' or the heap goal's (highwater.ts
  // lastGcEstimates), up to a peak and back (estimatedPeak), or back from one and up to it again (peakAgain). Not where a memory
  // limit holds the goal (a limit's goal is no GOGC multiple of the live heap), nor where GOGC moved (goalMoves).
  const estimates = !between && !stuck && !atLimit && lastPoint && !f.heldGoal && (f.goalMoves ?? []).length === 0 && everyAfterGC.every((a) => !a)
    && withStats.every(([e]) => !e.memoryLimit && !e.knownLimit && !e.limitPressure)
    ? lastGcEstimates(withStats.map(([e]) => e), epochIndexes, pts.length, f.profiled !== false)
    : undefined;
  const estimated = estimates ? estimatedPeak(estimates.values, pts) : undefined;
  const again = estimates && !estimated ? peakAgain(estimates.values, pts) : undefined;
  if (estimates && (estimated || again)) {
    const values = estimates.values;
    const known = values.flatMap((v, i) => (v === undefined ? [] : [{ v, i }]));
    const lastEstimate = known[known.length - 1] ?? { v: 0, i: 0 };
    const gogc = estimates.gogc ?? 100;
    const what = estimates.source === 'profiles'
      ? "the live heap, as the heap profiles say (each as of its dump's last GC, a sampled estimate),"
      : `the live heap, as the heap goal says (derived from NextGC, which each GC sets from the heap it marked: NextGC / ${1 + gogc / 100} at GOGC=${gogc}${estimates.gogcNamed ? ', as the name says' : ', the default'}; each as of its snapshot's last GC),`;
    const moved = (site: string): string => (estimated
      ? `rose from ${formatBytes(values[estimated.from] ?? 0)} at snapshot ${estimated.from + 1} to ${formatBytes(estimated.peak)} at snapshot ${estimated.at + 1}${site} and fell back to ${formatBytes(values[estimated.back] ?? 0)} by snapshot ${estimated.back + 1}`
      : again ? `fell from ${formatBytes(again.high)} at snapshot ${again.highAt + 1} to ${formatBytes(again.low)} at snapshot ${again.lowAt + 1} and rose again to ${formatBytes(again.peak)} at snapshot ${again.at + 1}${site} (${formatBytes(lastEstimate.v)} at snapshot ${lastEstimate.i + 1}): the same peak again, not data kept` : '');
    const [at, peak, maxSys] = estimated ? [estimated.at, estimated.peak, estimated.maxSys] : [again?.at ?? 0, again?.peak ?? 0, again?.maxSys ?? 0];
    const advice = estimates.source === 'profiles' ? ` To read the live heap itself, ${ADD_GC1}.` : betweenGcsAdvice(false);
    return {
      kind: 'peak-retention', leak: 'not-suspected', confidence: estimated ? 'medium' : 'low', evidence,
      summary: peakSummary(what, moved, at, peak - lastEstimate.v, maxSys, values[0] ?? allLive[0] ?? 0, lastEstimate.v, advice),
      lastGcEstimates: estimates,
    };
  }
  // HeapAlloc read between GCs that rose, then held, by less than the room under a goal that held (NextGC less the goal's live heap,
  // roomUnderGoal) is the sawtooth sampled, not a plateau's climb: the goal, set by each GC from the heap it marked, held, and with it
  // the live heap (goalFlat). The captured go1.19-audit47-bigstable's plain dumps (a 150 MiB table built before the first), HeapAlloc
  // 167.0 → 181.8 → … → 190.8 MiB under NextGC 300.7 MiB at each, were "A plateau … it grew, then stopped" where its ?gc=1 dumps read
  // 150.2 MiB at each (audit 47 #4). Stacks that rose and held are a plateau still (stacksHeld).
  const room = goal ? roomUnderGoal(goal, withStats.map(([e]) => e)) : 0;
  const profileThen = latestProfileInUse(withStats[withStats.length - 1]);
  const profileSaid = profileThen ? `; the latest heap profile, as of snapshot ${formatCount(profileThen.snapshot)}'s last GC, has ${formatBytes(profileThen.inUseBytes)} in use` : '';
  const sawtoothPlateau = cmpPlateau && !heldFlat && !stacksHeld && goal && largest(live) - smallest(live) <= room
    ? goalFlat(`, within the ${formatBytes(room)} the goal leaves above that live heap: the GC's sawtooth, not a plateau's climb${profileSaid}`)
    : undefined;
  if (sawtoothPlateau) return sawtoothPlateau;
  // Read between GCs, churn is weighed against the profile's in-use, as the sawtooth's below.
  if ((heldFlat || cmpPlateau) && lastPoint && churns(betweenInUse ?? lastPoint.breakdown.live)) {
    if (atLimit && latestEpoch) return held(atLimit, latestEpoch);
    if (flatInRoom) seen.readBetween = readBetween;
    const heldWords = flatInRoom
      ? inRoomMoves
      : heldFlat ? `${liveNamed} stays near ${formatBytes(cmpLast)} ${mixed ? `${acrossWords(cmp)}${betweenWords(cmp)}` : plainHeapAlloc ? acrossCmp() : `across ${epochCount} GC-separated snapshots`}` : `the ${plateauWords} (a plateau: it stopped rising)${weighed}`;
    return {
      kind: 'churn', leak: stuck ? 'unknown' : 'not-suspected', confidence: 'medium', evidence,
      summary: `${stuck ? 'Churn of the heap' : 'Churn, not a leak'}: ${perStep('allocated')} while ${heldWords}; ${churnCost(f, seen)}${flatInRoom ? churnWhereWords(f) : ''}${readAllAlike}${readLive}${flatInRoom ? inRoomAdvice : ''}${aside}`,
    };
  }
  if (heldFlat || cmpPlateau) {
    if (flatInRoom && !cmpPlateau) seen.readBetween = goalStable ? goalReadBetween : readBetween;
    // Read between GCs, the plateau is HeapAlloc's, not the live heap's: low confidence, weighed against the profile's in-use.
    const stopped = fellTo ? 'peaked, fell back part of the way, and held there' : 'then stopped';
    const plateauSaid = betweenInUse === undefined ? `${grewWords}, ${stopped}.` : `${grewWords}, ${stopped}; ${profileHad(betweenInUse)}.${readLive}`;
    if (stacksHeld && !stuck && betweenInUse === undefined) {
      // What the heap did beside the stacks: the live heap, or HeapAlloc of readings between GCs alone (the captured
      // go1.19-audit28-deepstack's vars said "beside a live heap of" HeapAlloc read when asked).
      const besideHeap = `${betweenAll ? 'HeapAlloc of' : 'a live heap of'} ${formatBytes(cmpFirst)} → ${formatBytes(cmpLast)} ${acrossCmp()}${betweenWords(cmp)}`;
      // Held by goroutines a goroutine dump shows blocked in one group, the plateau may be a goroutine leak whose goroutines stopped
      // coming: the captured go1.19-audit40-connleak (5,748 main.serve blocked in a select with no timeout, connections stopped at
      // 30 s), its folder with a later /debug/vars, was "A plateau, not a leak … the stacks grew, then stopped".
      const holders = stackHolders(f.latestGroups ?? [], lastStack - firstStack);
      if (holders) {
        return {
          kind: 'stable', leak: 'unknown', confidence: 'medium', evidence,
          summary: `A plateau of goroutine stacks, a leak if its goroutines never end: the ${stackPlateauWords}, beside ${besideHeap}${nothing}; the stacks are ${stackHoldersWords(holders)}: if they wait for what never comes (a select or receive with no timeout or done channel), each new one adds its stack, and the plateau is only the work that stopped; a later goroutine dump with as many, blocked longer, says so.${readAllAlike}${aside}`,
        };
      }
      return {
        kind: 'stable', leak: 'not-suspected', confidence: cmp.values.length >= 4 ? 'high' : 'medium', evidence,
        summary: `A plateau, not a leak: the ${stackPlateauWords}, beside ${besideHeap}${nothing}: the stacks grew, then stopped.${spreadSurvivors(pts)}${readAllAlike}${aside}`,
      };
    }
    // A flat live heap under a high-water mark set before the series: stable after a past peak, as its plain dumps' peak retention
    // says, not plain "Stable" (highwater.ts pastPeakWords).
    const past = !cmpPlateau && !flatInRoom && !stuck && !atLimit && betweenInUse === undefined && !plainHeapAlloc ? pastPeakWords(pts, liveGoalAt(f, pts.length - 1)) : undefined;
    if (past) {
      return {
        kind: 'peak-retention', leak: 'not-suspected', confidence: cmp.values.length >= 4 ? 'high' : 'medium', evidence,
        summary: `Stable live heap (${formatBytes(cmpLast)}) after a past peak: ${past}. The live heap held, ${formatBytes(cmpFirst)} → ${formatBytes(cmpLast)} ${acrossCmp()}${betweenWords(cmp)}${nothing}.${spreadSurvivors(pts)}${readAllAlike}${aside}`,
      };
    }
    return {
      kind: 'stable', leak: stuck ? 'unknown' : 'not-suspected', confidence: betweenInUse !== undefined ? 'low' : cmp.values.length >= 4 ? 'high' : 'medium', evidence,
      summary: cmpPlateau
        ? `${stuck ? `A plateau of the ${betweenInUse === undefined && !betweenAll ? 'live heap' : 'heap between collections'}, not of the goroutines` : 'A plateau, not a leak'}: the ${plateauWords}${nothing}: ${plateauSaid}${burstAside(betweenInUse ?? lastPoint?.breakdown.live ?? 0)}${spreadSurvivors(pts)}${readAllAlike}${aside}`
        : `${flatInRoom ? goalStable ?? `Stable: ${inRoomMoves}.${inRoomAdvice}` : `Stable: ${liveNamed} ${formatBytes(cmpFirst)} → ${formatBytes(cmpLast)} ${acrossCmp()}${betweenWords(cmp)}${nothing}.`}${burstAside(lastPoint?.breakdown.live ?? 0)}${spreadSurvivors(pts)}${readAllAlike}${aside}`,
    };
  }
  // HeapAlloc, read between GCs, grew while the heap goal's live heap held (goalFlat): the sawtooth's garbage, not growth.
  const goalHeld = goalFlat();
  if (liveRose) {
    if (goalHeld) return goalHeld;
    // It rose at every GC-separated snapshot, and nothing says what holds it: not "no evidence".
    const why = f.profiled === false
      ? `HeapObjects ${objectWords(objects)} and these snapshots have no heap profile to say which sites hold it; give heap profiles of the same moments (heap?debug=1, or /debug/pprof/heap saved beside each file with the same stem)`
      : forcedGCs
        ? `no site grows with it and HeapObjects ${objectWords(objects)}; each snapshot already follows a GC (NumForcedGC rose at each: ${cmp.by}), so take more over a longer time to see whether it keeps rising`
        : `no site grows with it and HeapObjects ${objectWords(objects)}: between GCs, HeapAlloc counts garbage the next GC collects; ${ADD_GC1}`;
    // Plain dumps' HeapAlloc is no live heap after GC (plainReadings): said as what it is.
    // MemStats alone likewise (memStatsBetween): read when asked, between GCs.
    const roseBetween = plainAll || memStatsBetween;
    const rose = liveSteps === live.length - 1 ? roseBetween ? 'at every step' : 'rose at every GC-separated snapshot'
      : roseBetween ? `at ${liveSteps} of ${live.length - 1} steps` : `rose at ${liveSteps} of ${live.length - 1} steps between GC-separated snapshots`;
    const what = roseBetween ? `HeapAlloc, read between GCs, rose ${rose} across ${epochCount} ${AT_DIFFERENT_GCS}, ${formatBytes(firstLive)} → ${formatBytes(lastLive)} (${span(epochIndexes)})${noiseFallWords(live, epochIndexes)}`
      : `the live heap ${rose}, ${mixed ? `read as HeapAlloc: ${liveHeapWords(everyLive, everyIndex, everyAfterGC, '', readings)}` : `${formatBytes(firstLive)} → ${formatBytes(lastLive)} across ${epochCount} (${span(epochIndexes)})${noiseFallWords(live, epochIndexes)}`}`;
    return {
      kind: 'unknown', leak: 'unknown', confidence: 'low', evidence,
      summary: `Cannot tell yet whether memory leaks: ${what}, but ${why}.${aside}`,
    };
  }
  // Readings after a forced GC beside others: the figures compare those already, and name the others apart.
  // Some read between GCs, named apart: the advice stays (their HeapAlloc said why already).
  // Read between GCs as the profile shows (betweenInUse): the words said why already (profileHad).
  const midCycle = f.profiled === false || forcedGCs ? '' : mixed ? readAllAlike : betweenInUse !== undefined ? readLive : BETWEEN_GCS_ADVICE;
  // It grew, though not as a leak's evidence does: never "no leak evidence" then (contract: not-suspected only when the snapshots
  // show no growth). Five strictly rising ?gc=1 snapshots of a slow leak (456 → 969 KiB) were "without rising steadily". Growth
  // smaller than a fall of the same series is within its own swings (the plateau's dumps between GCs: 9.7 → 33.6 → 17.5 → 22.3 MiB).
  const biggest = largestFall(cmp.values);
  // Readings right after a forced GC beside readings between GCs that each stand above all of them
  // (HeapAlloc rose and fell between GCs: the sawtooth, seen), with far more allocated between
  // snapshots than is live: a rise of the former not made at every step is the working set's
  // swing, churn (the captured go1.19-audit-work/05-memlimit's first three moments, 15.9 → 15.9 →
  // 17.9 MiB after a forced GC, 49.5, 43.2 and 47.7 MiB between GCs, 226.1 MiB allocated between
  // snapshots, were "Cannot tell yet … little of it in the later half"). One that rose at every
  // step is still growth short of evidence.
  const sawtooth = inRoom !== undefined || (mixed && smallest(cmp.between) > largest(cmp.values) && !risesAtEveryStep(cmp.values, riseNoiseSlack(cmp.values))
    && churns(cmpLast));
  if (!sawtooth && (creeps || cmpLast - cmpFirst > Math.max(t.flatShare * Math.max(cmpFirst, 1), biggest?.by ?? 0))) {
    if (goalHeld) return goalHeld;
    const cmpGrowthMin = Math.max(t.siteGrowthMinBytes, t.liveGrowthMinShare * cmpFirst);
    const short = cmpLast - cmpFirst < cmpGrowthMin
      ? `${creeps ? 'rising at every step, but ' : ''}by less than ${formatBytes(cmpGrowthMin)}, too little yet to tell a leak from the heap's own noise`
      : biggest && !nonDecreasing(cmp.values, riseNoiseSlack(cmp.values))
        ? `but not steadily: it fell by ${formatBytes(biggest.by)} at snapshot ${(cmp.at[biggest.at] ?? 0) + 1}, half an average step (${formatBytes((cmpLast - cmpFirst) / (cmp.values.length - 1))}) or more`
        // Two readings after a forced GC (the others read between GCs) have no later half: a rise that stopped and one that goes on read alike.
        : cmp.values.length < t.minPoints ? `but ${cmp.values.length} readings show no trend (${t.minPoints} are needed): a rise that stopped and one that goes on read alike`
        : 'but little of it in the later half of the series';
    return {
      kind: 'unknown', leak: 'unknown', confidence: 'low', evidence,
      summary: `Cannot tell yet whether memory leaks: the ${heapWords} grew ${formatBytes(cmpFirst)} → ${formatBytes(cmpLast)} ${acrossCmp()}${betweenWords(cmp)}, ${short}${weighed}; take more over a longer time to see whether it keeps rising.${midCycle}${aside}`,
    };
  }
  // Neither flat nor grown beyond its own swings: no evidence of a leak; churn when far
  // more is allocated between snapshots than is live at the last one (the sawtooth of a busy heap).
  // Of readings after a forced GC beside others: "without rising steadily" before those named apart.
  const moves = mixed
    ? `the live heap moves between ${formatBytes(low)} and ${formatBytes(high)} without rising steadily ${acrossWords(cmp)}${betweenWords(cmp)}`
    : plainHeapAlloc && !someReadMidCycle ? `HeapAlloc moves between ${formatBytes(low)} and ${formatBytes(high)} ${acrossCmp()}, without rising steadily`
      : `${someReadMidCycle ? 'HeapAlloc, read between GCs,' : 'the live heap'} moves between ${formatBytes(low)} and ${formatBytes(high)} ${acrossWords(cmp)} without rising steadily`;
  // HeapAlloc read between GCs, as the heap profile shows: the sawtooth, weighed against the profile's in-use (the captured
  // go1.19-audit34-limit, 150 MiB allocated a step beside 3.3 MiB in the profile, was "Stable: live heap 41.2 MiB → 39.2 MiB").
  if (betweenInUse !== undefined) {
    const readBetween = `HeapAlloc, read between GCs, moves between ${formatBytes(low)} and ${formatBytes(high)} across ${epochCount} GC-separated snapshots (${span(epochIndexes)})${weighed}${nothing}`;
    if (churns(betweenInUse)) {
      if (atLimit && latestEpoch) return held(atLimit, latestEpoch);
      return {
        kind: 'churn', leak: stuck ? 'unknown' : 'not-suspected', confidence: 'medium', evidence,
        summary: `${stuck ? 'Churn of the heap' : 'Churn, not a leak'}: ${perStep('allocated')} while ${readBetween}; ${churnCost(f, seen)}${churnWhereWords(f)}${readLive}${aside}`,
      };
    }
    return {
      kind: 'stable', leak: stuck ? 'unknown' : 'not-suspected', confidence: 'low', evidence,
      summary: `No leak evidence: ${readBetween}.${readLive}${burstAside(betweenInUse)}${spreadSurvivors(pts)}${aside}`,
    };
  }
  // Within one GC cycle's room, the live heap is at most the lowest HeapAlloc read (HeapAlloc is never below what the last GC marked).
  // The words below say "HeapAlloc, read between GCs" when someReadMidCycle (not beside readings after a forced GC): so does the table.
  const saidBetween = someReadMidCycle && !mixed;
  if (churns(inRoom ? low : cmpLast)) {
    if (atLimit && latestEpoch) return held(atLimit, latestEpoch);
    if (saidBetween) seen.readBetween = readBetween;
    return {
      kind: 'churn', leak: 'not-suspected', confidence: 'low', evidence,
      summary: `Churn, not a leak: ${perStep('allocated')} while ${mixed || someReadMidCycle || plainHeapAlloc ? moves : `the live heap moves between ${formatBytes(low)} and ${formatBytes(high)} across ${epochCount} GC-separated snapshots without rising steadily`}${nothing}${roomSaid}; ${churnCost(f, seen)}${midCycle}${memStatsSaid}${aside}`,
    };
  }
  if (saidBetween) seen.readBetween = readBetween;
  if (goalStable) seen.readBetween = goalReadBetween;
  if (goalStable) return { kind: 'stable', leak: stuck ? 'unknown' : 'not-suspected', confidence: 'medium', evidence, summary: `${goalStable}${burstAside(cmpLast)}${spreadSurvivors(pts)}${aside}` };
  return {
    kind: 'stable', leak: 'not-suspected', confidence: 'low', evidence,
    summary: `No leak evidence: ${moves.replace(/^the /, '')}${nothing}${roomSaid}.${midCycle}${memStatsSaid}${burstAside(cmpLast)}${spreadSurvivors(pts)}${aside}`,
  };
}

/**
 * The heap profile's in-use of the latest GC-separated snapshot (`latest`: it and its index in the series), as of its last GC
 * (garbage.ts profileInUse), and its snapshot (1-based): where it has a sampled profile of PROFILE_LAG_GCS GCs or more (the first
 * GCs' profile counts no frees yet). Undefined otherwise (a /debug/vars document has none).
 */
function latestProfileInUse(latest: readonly [SeriesSnapshot, number] | undefined): { inUseBytes: number; snapshot: number } | undefined {
  if (!latest || (latest[0].stats?.int('NumGC') ?? 0) < PROFILE_LAG_GCS) return undefined;
  const inUse = profileInUse(latest[0]);
  return inUse === undefined ? undefined : { inUseBytes: inUse, snapshot: latest[1] + 1 };
}

/**
 * A rise that slows at every step (levelling.ts): "Cannot tell yet" while its last step is still
 * material, a plateau once it has all but stopped — medium confidence at most (low read from the
 * profiles, HeapAlloc between GCs), never a leak, so that a cache filling a bounded key set reads
 * the same as dumps are added (the captured go1.19-audit41-satcache's ?gc=1 dumps: leak, cannot
 * tell, leak at high confidence, plateau, cannot tell, plateau, from 3 to 10 of them).
 */
function levellingVerdict(l: Levelling, indexes: readonly number[], cmp: Readings, aside: string, stuck: boolean, sites: readonly SiteTrend[]): SeriesVerdict {
  const [first, last] = [l.values[0] ?? 0, l.values[l.values.length - 1] ?? 0];
  const what = l.source === 'live-heap' ? 'live heap' : "heap profiles' in-use (as of each snapshot's last GC; HeapAlloc, read between GCs, counts the garbage made since too)";
  const across = l.source === 'live-heap' ? `${acrossWords(cmp)}${betweenWords(cmp)}` : `across ${l.values.length} GC-separated snapshots (${span(indexes)})`;
  const rose = `the ${what} rose ${formatBytes(first)} → ${formatBytes(last)} ${across}`;
  const words = levellingWords(l, indexes);
  const json = levellingJson(l);
  // The sites that rose with it: what fills (named here, not as "Growing, but not yet evidence").
  const filling = sites.length > 0 ? ` The sites that rose with it: ${firstOf(sites.map(siteWords), 3)}.` : '';
  if (l.settled) {
    const head = stuck ? `A plateau of the ${l.source === 'live-heap' ? 'live heap' : 'heap between collections'}, not of the goroutines` : 'A plateau, not a leak';
    const more = l.source === 'live-heap' ? '' : ` To read the live heap itself, ${ADD_GC1}.`;
    return {
      kind: 'stable', leak: stuck ? 'unknown' : 'not-suspected', confidence: l.source === 'live-heap' ? 'medium' : 'low', evidence: [], levelling: json,
      summary: `${head}: ${rose}, ${words}.${filling}${more}${aside}`,
    };
  }
  const take = l.source === 'live-heap' ? 'take more ?gc=1 dumps, some time apart, to see whether it levels off' : `${ADD_GC1}, and take more some time apart to see whether it levels off`;
  return {
    kind: 'unknown', leak: 'unknown', confidence: 'low', evidence: [], levelling: json,
    summary: `Cannot tell yet whether memory leaks: ${rose}, but ${words.replace(/^the rise slowing/, 'the rise is slowing')}; ${take}.${filling}${aside}`,
  };
}

/** Why a rise read from the heap profiles alone (profiletrend.ts) is medium at most. */
const PROFILE_RISE_DOUBT = `Medium, not high: the heap profiles are sampled and older than their MemStats, and HeapAlloc, read between GCs, cannot confirm them; to read the live heap itself, ${ADD_GC1}.`;

/**
 * `the heap profiles' in-use (as of each snapshot's last GC; HeapAlloc was read between GCs) rose at every step, 23.2 MiB → … →
 * 77.1 MiB across 5 GC-separated snapshots (snapshots 1→5), by 1.0 MiB at least, beyond its sampling error (±… of the rise),
 * HeapObjects … at every step too` (profiletrend.ts).
 */
function profileRiseWords(r: ProfileRise, objects: readonly number[], indexes: readonly number[]): string {
  const values = r.inUse.map((v) => formatBytes(v)).join(' → ');
  const rise = (r.inUse[r.inUse.length - 1] ?? 0) - (r.inUse[0] ?? 0);
  const withObjects = objects.length === r.inUse.length && risesAtEveryStep(objects) ? `, HeapObjects ${objects.map(formatCount).join(' → ')} at every step too` : '';
  return `the heap profiles' in-use (as of each snapshot's last GC; HeapAlloc, read between GCs, counts the garbage made since too) rose at every step, ${values} across ${r.inUse.length} GC-separated snapshots (${span(indexes)}), by ${formatBytes(r.leastStepBytes)} at least, +${formatBytes(rise)} in all, beyond its sampling error (±${formatBytes(r.errorBytes)})${withObjects}`;
}

/**
 * Stacks that grew without being a leak's: `goroutine stacks (StackInuse) 6.3 MiB → 13.2 MiB, but
 * they fell from 6.7 MiB to 2.9 MiB at snapshot 3 and the goroutine dumps count 5 → 4 goroutines: a
 * burst in flight`. The fall named is the largest (the lowest value read named a start as a fall:
 * "they fell to 352.0 KiB at snapshot 1", the first). `over`: they fell back to half their peak
 * (stacksCameAndWent): a burst that came and went, not one in flight.
 */
function stackShortWords(stacks: readonly number[], totals: readonly number[], fell: boolean, over: boolean): string {
  const drop = largestFall(stacks);
  const why = [
    ...(fell && drop ? [`they fell from ${formatBytes(stacks[drop.at - 1] ?? 0)} to ${formatBytes(stacks[drop.at] ?? 0)} at snapshot ${drop.at + 1}`] : []),
    ...(totals.length >= 2 ? [`the goroutine dumps count ${formatCount(totals[0] ?? 0)} → ${formatCount(totals[totals.length - 1] ?? 0)} goroutines`] : []),
  ];
  return `goroutine stacks (StackInuse) ${formatBytes(stacks[0] ?? 0)} → ${formatBytes(stacks[stacks.length - 1] ?? 0)}, but ${why.join(' and ')}: ${over ? 'a burst that came and went' : 'a burst in flight'}, not leaked goroutines`;
}

/** `416.0 KiB → 416.0 KiB → 448.0 KiB`: every value up to six, else the first, the middle and the last. */
export function countWords(values: readonly number[], format: (n: number) => string): string {
  // Flat for all but the last, then a step: said so, where eliding the middle would hide it (the captured go1.19-audit42-idleconns'
  // HeapObjects, 17,715–17,753 for 9 snapshots, then 22,956, read "17,720 → … → 17,743 → … → 22,956").
  const run = values.slice(0, -1);
  const [low, high, last] = [smallest(run), largest(run), values[values.length - 1] ?? 0];
  if (values.length > 6 && high - low <= SERIES_THRESHOLDS.flatShare * high && (last > high + SERIES_THRESHOLDS.flatShare * high || last < low - SERIES_THRESHOLDS.flatShare * low)) {
    return `flat at ${low === high ? format(low) : `${format(low)}–${format(high)}`} for ${run.length} snapshots, then ${format(last)}`;
  }
  const shown = values.length <= 6 ? values : [values[0] ?? 0, values[Math.floor(values.length / 2)] ?? 0, values[values.length - 1] ?? 0];
  return shown.map((v) => format(v)).join(values.length <= 6 ? ' → ' : ' → … → ');
}

/**
 * What held and what moved when HeapAlloc was read between GCs (garbage.ts). `held`: `the heap
 * profile, as of each one's last GC, stays near 26.9 MiB in use (26.9 MiB → 25.8 MiB → 26.9 MiB)
 * and HeapObjects 1,058 → 1,089`; `moved`: `while HeapAlloc, read between GCs, moves between 22.2
 * MiB and 50.2 MiB: it counts the garbage made since the last GC, which the next one collects` —
 * or, when the others followed a forced GC (?gc=1), which were read between GCs and what the
 * others read; `why`: the same without the values, for a summary that gave them already.
 */
function garbageWords(g: GarbageBetweenGCs, live: readonly number[], objects: readonly number[], indexes: readonly number[], by: string): { held: string; moved: string; why: string } {
  const t = SERIES_THRESHOLDS;
  const first = objects[0] ?? 0;
  const last = objects[objects.length - 1] ?? 0;
  const objectWords = last - first <= t.flatShare * Math.max(first, 1) ? ` and HeapObjects ${formatCount(first)} → ${formatCount(last)}` : '';
  const held = `the heap profile, as of each one's last GC, stays near ${formatBytes(g.inUse[g.inUse.length - 1] ?? 0)} in use (${countWords(g.inUse, formatBytes)})${objectWords}`;
  const garbage = 'counts the garbage made since the last GC, which the next one collects';
  if (g.between.length === live.length) {
    return {
      held,
      moved: `while HeapAlloc, read between GCs, moves between ${formatBytes(smallest(live))} and ${formatBytes(largest(live))}: it ${garbage}`,
      why: `HeapAlloc, read between GCs, ${garbage}`,
    };
  }
  // Some followed a forced GC: their HeapAlloc is the live heap; name those that did not.
  const named = `${snapshotsNamed(g.between.map((i) => indexes[i] ?? 0))} ${g.between.length === 1 ? 'was' : 'were'}`;
  const after = live.filter((_, i) => !g.between.includes(i));
  const [low, high] = [smallest(after), largest(after)];
  const afterWords = high - low <= t.flatShare * Math.max(high, 1) ? `stays near ${formatBytes(high)}` : `moves between ${formatBytes(low)} and ${formatBytes(high)}`;
  const why = `${named} read between GCs (NumForcedGC did not rise there, as it did at the others: ${by}), where HeapAlloc ${garbage}; at the others, it ${afterWords}`;
  return { held, moved: `while HeapAlloc went ${formatBytes(live[0] ?? 0)} → ${formatBytes(live[live.length - 1] ?? 0)}: ${why}`, why };
}

/**
 * The live heap's last step fell (`live`, one reading per GC epoch) over a step that allocated as much as the series' average step
 * or more (`totalAlloc`, each reading's TotalAlloc): a rise that stopped, not a dip to discount (verdict.ts judge). Undefined when
 * the last step rose, was shorter than the average, or a TotalAlloc is unknown.
 */
function lastStepReversal(live: readonly number[], totalAlloc: readonly (number | undefined)[]): { peak: number; allocated: number; averageAllocated: number } | undefined {
  const n = live.length;
  const [previous, last] = [live[n - 2], live[n - 1]];
  if (n < SERIES_THRESHOLDS.minPoints || previous === undefined || last === undefined || last >= previous) return undefined;
  const alloc = totalAlloc.filter((a): a is number => a !== undefined);
  if (alloc.length !== n) return undefined;
  const allocated = (alloc[n - 1] ?? 0) - (alloc[n - 2] ?? 0);
  const averageAllocated = ((alloc[n - 1] ?? 0) - (alloc[0] ?? 0)) / (n - 1);
  return allocated > 0 && allocated >= averageAllocated ? { peak: largest(live), allocated, averageAllocated } : undefined;
}

/** The snapshots after the last GC-separated one, in its GC cycle (gcLessTail). */
interface GcLessTail {
  /** The last GC-separated snapshot and the last snapshot (0-based, into the series). */
  from: number;
  to: number;
  numGC: number;
  /** TotalAlloc's rise from the one to the other, and on average over a step between the GC-separated snapshots before. */
  allocated: number;
  averageAllocated: number;
}

/**
 * The series' last snapshots read in the GC cycle of its last GC-separated one (`epochIndexes`, 0-based into `points`), when they
 * allocated as much as a step between the GC-separated snapshots did on average or more: no GC ran over that span, so dumps read
 * between GCs say nothing of the live heap after the last GC they saw — HeapAlloc counts the garbage made since, and a plain
 * dump's heap profile is as of an earlier GC than its MemStats (reasoning.md §4). A rise that stopped in that span reads as one
 * that goes on. The captured go1.19-audit40-timers' seven plain dumps (time.AfterFunc(20s) timers pinning 32 KiB each, a plateau
 * from ~20 s): 13.8 → 28.8 → 44.2 → 63.7 MiB at GCs 3–6, then 44.6 MiB allocated over snapshots 5–7 with no GC (20.3 MiB a step
 * before), were "Leak suspected (high confidence)". Undefined when the last snapshot is GC-separated or the span allocated less.
 */
function gcLessTail(points: readonly SeriesPoint[], epochIndexes: readonly number[]): GcLessTail | undefined {
  const [first, from, to] = [epochIndexes[0] ?? 0, epochIndexes[epochIndexes.length - 1] ?? 0, points.length - 1];
  const [start, last, end] = [points[first], points[from], points[to]];
  if (!start || !last || !end || to <= from || end.numGC !== last.numGC || epochIndexes.length < 2) return undefined;
  const allocated = end.totalAlloc - last.totalAlloc;
  const averageAllocated = (last.totalAlloc - start.totalAlloc) / (epochIndexes.length - 1);
  return allocated > 0 && allocated >= averageAllocated ? { from, to, numGC: last.numGC, allocated, averageAllocated } : undefined;
}

/** Why a leak whose readings end in a GC-less span (gcLessTail) is medium, not high, and what reads the live heap. */
function gcLessTailWords(tail: GcLessTail, profiled: boolean): string {
  const read = profiled ? 'HeapAlloc counts the garbage made since, and each heap profile is as of an earlier GC than its MemStats' : 'HeapAlloc counts the garbage made since';
  return `${SLOW_RISE_DOUBT} snapshots ${formatCount(tail.from + 1)}–${formatCount(tail.to + 1)} were read in one GC cycle (NumGC ${formatCount(tail.numGC)}), ${formatBytes(tail.allocated)} allocated over them with no GC, no less than the ${formatBytes(tail.averageAllocated)} a step before them allocated on average: read between GCs (${read}), they say nothing of the live heap after snapshot ${formatCount(tail.from + 1)}'s last GC, and a rise that stopped there reads the same. To read the live heap itself, ${profiled ? ADD_GC1 : measureLiveHeap(false)}.`;
}

/** Why a rise read between GCs whose profiles rose by less at the last step (levelling.ts slowingLastStep) is medium, not high. */
function slowingLastStepWords(s: SlowingLastStep): string {
  return `${SLOW_RISE_DOUBT} the heap profiles' in-use (the live heap as of each snapshot's last GC; HeapAlloc, read between GCs, counts the garbage made since too) rose by less at its last step than at the one before (${formatBytes(s.before)} → ${formatBytes(s.last)}): a cache filling a bounded key set slows so, and two steps are one ratio, too few to tell it from a leak's own swings (three slowing steps are). To read the live heap itself, ${ADD_GC1}.`;
}

/**
 * Why a rise with falls in it is still a rise: `, rising at 10 of 11 steps: its one fall, 6.3 KiB at
 * snapshot 6, is under half its average rise per step (117.8 KiB), noise rather than a reversal`; ''
 * when it never fell. ("half": trend.ts FALL_NOISE_SHARE_OF_STEP.) A step counts as a rise beyond
 * that noise only (trend.ts risingSteps), and a rise that held between its rises, a staircase
 * (staircase.ts), says so: `, rising at 4 of 9 steps and holding between them (its one fall, …) —
 * 4.2 MiB → 8.2 MiB at snapshot 2, …: a staircase, doubling at each rise, …` (the captured
 * go1.19-audit42-bufleak's ?gc=1 dumps, a bytes.Buffer doubling, were "rising at 8 of 9 steps" by
 * +12 KiB, +384 B, +5 KiB and +9 KiB among its four doublings).
 */
function noiseFallWords(values: readonly number[], indexes: readonly number[], copies?: ReadonlyMap<number, readonly string[]>): string {
  const rising = risingSteps(values, liveStepSlack(values));
  const rises = stepRises(values, stairRise);
  // Said as a staircase when its rises double, as a buffer's do (a finalizer backlog's 39.2 → 79.1 → 117.9 MiB is none).
  const stairs = nonDecreasing(values, riseNoiseSlack(values)) && isStaircase(rises) && rises.length === rising && doublesAtEachRise(rises);
  // A fall after a reading that held an array's old copy (SeriesFacts.oldCopies) is that copy freed: said as such, not as noise.
  const copyAt = (at: number): readonly string[] | undefined => copies?.get(indexes[at - 1] ?? -1);
  const freed = falls(values).filter((d) => copyAt(d.at) !== undefined);
  const down = falls(values).filter((d) => copyAt(d.at) === undefined);
  const copyWords = freed.map((d) => `${freed.length === 1 && down.length === 0 ? 'its one fall' : 'its fall'}, ${formatBytes(d.by)} at snapshot ${(indexes[d.at] ?? 0) + 1}, is the old array of ${(copyAt(d.at) ?? []).join(' and ')}, freed after it grew (snapshot ${(indexes[d.at - 1] ?? 0) + 1} held both): no reversal`).join('; ');
  if (down.length === 0 && !stairs) return copyWords === '' ? '' : `, rising at ${rising} of ${values.length - 1} steps: ${copyWords}`;
  const first = values[0] ?? 0;
  const step = ((values[values.length - 1] ?? 0) - first) / Math.max(1, values.length - 1);
  const listed = down.slice(0, 3).map((d) => `${formatBytes(d.by)} at snapshot ${(indexes[d.at] ?? 0) + 1}`).join(', ');
  const which = down.length === 1 ? `its ${freed.length > 0 ? 'other' : 'one'} fall, ${listed}, is` : `its ${down.length} ${freed.length > 0 ? 'other ' : ''}falls, ${listed}${down.length > 3 ? ', …' : ''}, are`;
  const noise = [copyWords, down.length === 0 ? '' : `${which} under half its average rise per step (${formatBytes(step)}), noise rather than a reversal`].filter((w) => w !== '').join('; ');
  if (!stairs) return `, rising at ${rising} of ${values.length - 1} steps: ${noise}`;
  return `, rising at ${rising} of ${values.length - 1} steps and holding between them${noise ? ` (${noise})` : ''} — ${riseListWords(rises, indexes)}: ${staircaseWords(rises)}`;
}

/**
 * `live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) rose from 2.3 MiB to 76.3 MiB by snapshot 4, then stayed near
 * 76.3 MiB through snapshot 7, across 7 snapshots taken at different GCs (snapshots 1→7): it grew at 3 steps, then stopped`: a
 * plateau read from the heap goal (goaltrend.ts), as a ?gc=1 series' plateau says it of the live heap.
 */
function goalPlateauWords(g: GoalTrend, indexes: readonly number[]): string {
  const v = g.values;
  const at = settledFrom(v, SERIES_THRESHOLDS.flatShare);
  const rises = stepRises(v.slice(0, at + 1), stairRise).length;
  const grew = rises === 0 ? 'it grew' : rises === 1 ? 'it grew once' : `it grew at ${formatCount(rises)} steps`;
  return `${goalLiveNamed(g)} rose from ${formatBytes(v[0] ?? 0)} to ${formatBytes(v[at] ?? 0)} by snapshot ${(indexes[at] ?? 0) + 1}, then stayed near ${formatBytes(v[v.length - 1] ?? 0)} through snapshot ${(indexes[indexes.length - 1] ?? 0) + 1}, across ${v.length} ${AT_DIFFERENT_GCS} (${span(indexes)}): ${grew}, then stopped`;
}

/**
 * `the live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) went 10.4 MiB → 23.6 MiB → 40.8 MiB → 41.9 MiB across 4
 * snapshots taken at different GCs (snapshots 1→4), no leak's rise by itself; HeapAlloc, read between GCs, went 12.8 MiB → 66.9 MiB`:
 * the goal's trend (goaltrend.ts) beside evidence that rests on something else, said as what it is.
 */
function goalTrendWords(g: GoalTrend, indexes: readonly number[], heapAlloc: readonly number[]): string {
  return `the ${goalLiveNamed(g)} went ${countWords(g.values, formatBytes)} across ${g.values.length} ${AT_DIFFERENT_GCS} (${span(indexes)}), no leak's rise by itself; ${heapAllocBeside(heapAlloc)}`;
}

/**
 * `live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) 3.3 MiB → 22.6 MiB across 7 snapshots taken at different GCs
 * (snapshots 1→7), rising at every step; HeapAlloc, read between GCs, went 3.2 MiB → 22.5 MiB`: a leak's rise read from the heap
 * goal (goaltrend.ts), with its falls as noiseFallWords says them, and HeapAlloc as what it is (`heapAlloc`, of the same readings).
 */
function goalRiseWords(g: GoalTrend, indexes: readonly number[], heapAlloc: readonly number[]): string {
  const v = g.values;
  // "Every step" as the confidence reads it (beyond half an average step at each), else how many rose by that measure.
  const steps = risesAtEveryStep(v, riseNoiseSlack(v)) ? ', rising at every step' : noiseFallWords(v, indexes) || `, rising at ${risingSteps(v, riseNoiseSlack(v))} of ${v.length - 1} steps`;
  return `${goalLiveNamed(g)} ${formatBytes(v[0] ?? 0)} → ${formatBytes(v[v.length - 1] ?? 0)} across ${v.length} ${AT_DIFFERENT_GCS} (${span(indexes)})${steps}; ${heapAllocBeside(heapAlloc)}`;
}

/** `16.2 MiB → 32.2 MiB at snapshot 2 and 32.2 MiB → 64.2 MiB at snapshot 4` (`indexes`: each value's snapshot, 0-based). */
function riseListWords(rises: readonly StairRise[], indexes: readonly number[]): string {
  const each = rises.map((r) => `${formatBytes(r.from)} → ${formatBytes(r.to)} at snapshot ${(indexes[r.at] ?? 0) + 1}`);
  return each.length === 2 ? each.join(' and ') : firstOf(each, each.length);
}

/**
 * A slow rise read exactly (slowrise.ts), as evidence: `live heap 31.4 MiB → 33.8 MiB (+7.5%) across
 * 6 GC-separated snapshots (snapshots 1→6), each read right after a forced GC (?gc=1), so exact:
 * it rose at every step, by 273.5 KiB at least (482.3 KiB on average), and the heap profile's
 * sites rose with it (main.newSession +1.5 MiB)`.
 */
function slowRiseWords(slow: SlowRise, live: readonly number[], objectValues: readonly number[], epochIndexes: readonly number[], named: readonly SiteTrend[], apart: Readings): string {
  const firstLive = live[0] ?? 0;
  const lastLive = live[live.length - 1] ?? 0;
  const epochCount = live.length;
  const sites = firstOf(slow.sites.map((s) => siteWords(s, 0, named)), 3);
  const objects = slow.objectsRose ? `, HeapObjects ${countWords(objectValues, formatCount)} at every step too,` : '';
  // The readings between GCs beside them (judgedAfterForcedGC), named apart.
  const others = apart.between.length === 0 ? '' : `; ${betweenValues(apart)} ${apart.between.length === 1 ? 'was' : 'were'} read between GCs, where HeapAlloc counts the garbage made since the last GC`;
  return `live heap ${formatBytes(firstLive)} → ${formatBytes(lastLive)} (+${formatPercent(lastLive - firstLive, firstLive)}) across ${epochCount} GC-separated snapshots (${span(epochIndexes)}), each read right after a forced GC (${apart.by}${others}), so exact: it rose at every step, by ${formatBytes(slow.leastStep)} at least (${formatBytes(slow.averageStep)} on average)${objects} and the heap profile's sites rose with it (${sites})`;
}

/**
 * A slow rise read exactly that fell at a step (slowrise.ts kind `short`): `the live heap rose
 * 32.4 MiB → 33.8 MiB (+4.3%) across 6 GC-separated snapshots (snapshots 1→6), each read right
 * after a forced GC (?gc=1), and HeapObjects at every step (8,683 → … → 9,165), but not HeapAlloc
 * at every step: it fell by 264.8 KiB at snapshot 2, half its average rise per step (292.4 KiB) or
 * more`. The sites that rose are named here when the summary's "Growing, but not yet evidence"
 * (sites of 1 MiB or more: `named`) does not name them.
 */
function slowShortWords(slow: SlowRise, live: readonly number[], objectValues: readonly number[], epochIndexes: readonly number[], named: readonly SiteTrend[], by: string): string {
  const firstLive = live[0] ?? 0;
  const lastLive = live[live.length - 1] ?? 0;
  const others = slow.sites.filter((s) => !named.includes(s));
  const sites = others.length > 0 ? ` and the heap profile's sites rose (${firstOf(others.map((s) => siteWords(s, 0, slow.sites)), 3)})` : '';
  const fall = slow.fall ? `: it fell by ${formatBytes(slow.fall.by)} at snapshot ${(epochIndexes[slow.fall.at] ?? 0) + 1}, half its average rise per step (${formatBytes(slow.averageStep)}) or more` : '';
  return `the live heap rose ${formatBytes(firstLive)} → ${formatBytes(lastLive)} (+${formatPercent(lastLive - firstLive, firstLive)}) across ${live.length} GC-separated snapshots (${span(epochIndexes)}), each read right after a forced GC (${by}), and HeapObjects at every step (${countWords(objectValues, formatCount)})${sites}, but not HeapAlloc at every step${fall}`;
}

/** n! for small n: a heap that only moves rises at each of n − 1 steps once in n! series (its n values in one order of n!). */
const orders = (n: number): number => (n <= 1 ? 1 : n * orders(n - 1));

/** Why a slow rise read exactly from fewer than slowRiseHighPoints snapshots is medium, and what makes it high. */
/** How aliasedWords' sentence starts: leak-suspected's why then says no more of its confidence. */
export const ALIASED_PEAK_DOUBT = 'Low confidence:';

/**
 * `Low confidence: the heap reached 19.7 MiB (HeapSys, its high-water mark) between snapshots 1
 * and 2 and grew no higher since, above the live heap at every later snapshot (16.2 MiB at most):
 * …; sample more often.` (aliased.ts).
 */
function aliasedWords(peak: AliasedPeak, live: readonly number[], epochIndexes: readonly number[]): string {
  const later = largest(live.slice(peak.at + 1));
  return `${ALIASED_PEAK_DOUBT} the heap reached ${formatBytes(peak.bytes)} (HeapSys, its high-water mark) between snapshots ${(epochIndexes[peak.at - 1] ?? 0) + 1} and ${(epochIndexes[peak.at] ?? 0) + 1} and grew no higher since, above the live heap at every later snapshot (${formatBytes(later)} at most): a leak's heap needs more room as it grows, and this one rose back under a level it had already reached, so the samples may alias a periodic pattern (a cache filled and emptied between them); sample more often.`;
}

/** How slowRiseDoubt's sentence starts: leak-suspected's why then says no more of its confidence. */
export const SLOW_RISE_DOUBT = 'Medium, not high:';

function slowRiseDoubt(points: number): string {
  const high = SERIES_THRESHOLDS.slowRiseHighPoints;
  return `${SLOW_RISE_DOUBT} a rise under ${formatPercent(SERIES_THRESHOLDS.liveGrowthMinShare, 1, 0)} of the live heap at each step of ${points} snapshots only — a heap that merely moves does that once in ${formatCount(orders(points))} series; ${high} snapshots or more (once in ${formatCount(orders(high))}) make it high.`;
}

/**
 * Whether every snapshot followed a GC the program forced: NumForcedGC rose at each, from at least
 * 1 (heap?debug=1&gc=1 runs runtime.GC() before it writes the dump). "Add ?gc=1" is then no
 * advice: what HeapAlloc counts beyond the live heap was allocated while the dump was written.
 */
function eachAfterForcedGC(snapshots: readonly SeriesSnapshot[]): boolean {
  return snapshots.length > 0 && forcedOrPinnedGCBefore(snapshots).every((rose, i) => rose && goalAllowsJustCollected(snapshots[i]));
}

/**
 * `; a forced GC ran between these snapshots, not right before each: …` when NumForcedGC rose
 * between them at a snapshot whose heap goal says it was not read right after that GC (a plain
 * heap?debug=1 taken after another capture's ?gc=1), so that its rise is not read as ?gc=1; '' otherwise.
 */
function forcedBetweenWords(snapshots: readonly SeriesSnapshot[]): string {
  const notRightAfter = forcedGCBefore(snapshots).some((rose, i) => i > 0 && rose && !goalAllowsJustCollected(snapshots[i]));
  return notRightAfter ? '; a forced GC ran between these snapshots, not right before each: their HeapAlloc counts what was allocated since' : '';
}

/**
 * What the program allocated from the first point to the last: TotalAlloc's rise less
 * `profilerBytes`, what the profiler's own sites allocated meanwhile (index.ts profilerAllocated;
 * taking dumps allocates, reasoning.md §7), as allocation.ts computes one dump's since its start.
 * The verdict's churn figures and the series' allocation rate (SeriesAnalysis.allocation) both
 * read it. 0 with fewer than two points; undefined when the profiler's estimate is as large as
 * TotalAlloc's rise or larger (allocation.ts programAllocatedBytes): the program's cannot be told.
 */
export function programAllocated(points: readonly SeriesPoint[], profilerBytes: number): number | undefined {
  const first = points[0];
  const last = points[points.length - 1];
  return first && last && points.length >= 2 ? programAllocatedBytes(last.totalAlloc - first.totalAlloc, profilerBytes) : 0;
}

/**
 * When fragmentation (HeapInuse − HeapAlloc) is the largest part of the memory at the latest point
 * (`last`, its index), or else most of what Go holds beside the live heap (`…, 69.8% of what Go
 * holds beside the live heap at snapshots 2–5 (…)`): `175.1 MiB of in-use spans hold no objects (fragmentation, 78.2% of
 * HeapInuse), the largest part of the memory at snapshots 2–4 (NumGC 9 → 13)` — the run of points
 * up to the last where it was, and the GC cycles it lasted; undefined otherwise. Free slots are
 * reused only by objects of their span's size class, and a span goes back only when its last object
 * dies: the scavenger cannot return them (reasoning.md §2.6).
 */
export function pinnedSpans(points: readonly SeriesPoint[], last: number): string | undefined {
  const run = fragmentedRun(points, last, (b) => dominantBucket(b) === 'fragmentation');
  if (run) return unusedSpansWords(run.at, `, the largest part of the memory ${run.where}`);
  // Most of what Go holds beside a live heap still larger than it (the captured
  // go1.19-audit-work/06-frag: 42.2 MiB beside 44.4 MiB live was not said at all).
  const rest = fragmentedRun(points, last, (b) => fragmentationHoldsTheRest(b));
  return rest && unusedSpansWords(rest.at, `, ${shareOfTheRest(rest.at)} ${rest.where}`);
}

/**
 * A stable or plateaued live heap beside fragmentation that holds most of the rest at the latest
 * point (fragmentation.ts fragmentationHoldsTheRest): ` Its objects keep the spans they sit in:
 * 175.1 MiB of in-use spans hold no objects (…), 86.4% of what Go holds beside the live heap at
 * snapshots 1–3 (NumGC 9 → 13), …: memory the heap keeps, not growth.`; '' otherwise.
 */
function spreadSurvivors(points: readonly SeriesPoint[]): string {
  const run = fragmentedRun(points, points.length - 1, (b) => fragmentationHoldsTheRest(b));
  return run ? ` Its objects ${KEEP_THEIR_SPANS}: ${unusedSpansWords(run.at, `, ${shareOfTheRest(run.at)} ${run.where}`)}: memory the heap keeps, not growth.` : '';
}

/** Churn's cost when nothing else holds memory and the process's RSS is known (churnCost); said of the Go heap alone when RSS is mostly outside it (combine.ts). */
export const CHURN_NOT_MEMORY = 'the cost is GC work, not memory.';

/**
 * Churn's cost when nothing else holds memory and no RSS is known: "not memory" would be said of
 * the process, whose memory outside the Go heap no snapshot counts (the captured
 * go1.19-audit45-mmapgrow/gc1, RSS 27.1 → 124.1 MiB by syscall.Mmap, said "the cost is GC work, not memory").
 */
const CHURN_GO_HEAP_ONLY = "the Go heap's cost is GC work.";

/**
 * What churn costs: `the cost is GC work, not memory.`; beside fragmentation that holds most of the
 * rest at the latest point, GC work, and the spans its objects keep said as stable and plateau
 * verdicts say them (spreadSurvivors: the captured go1.19-frag-churn, 174.8 MiB of in-use spans
 * holding no objects beside 56.7 MiB live, was "the cost is GC work, not memory").
 */
function churnCost(f: SeriesFacts, seen: Seen): string {
  const points = f.points;
  const spread = spreadSurvivors(points);
  if (spread) return `the cost is GC work.${spread}`;
  // Idle spans beyond what the goal leaves room for are memory the heap's highs keep, not "not memory" (highwater.ts churnHoldsMemory).
  const last = points[points.length - 1];
  const goals = f.epochIndexes.flatMap((i) => {
    const goal = liveGoalAt(f, i);
    return goal === undefined ? [] : [goal];
  });
  if (last && churnHoldsMemory(points, goals)) {
    return `the cost is GC work and memory, as HeapSys stays at its ${formatBytes(largest(points.map((p) => p.heapSys ?? 0)))} high-water mark${highWaterWords(last)}.`;
  }
  if (last?.rss !== undefined) return CHURN_NOT_MEMORY;
  seen.withoutRss = true;
  return CHURN_GO_HEAP_ONLY;
}

/**
 * The room the heap goal leaves above the live heap at every reading of a goal trend (`goal`, of `epochs`): the least of NextGC less
 * the goal's live heap, what a GC cycle may allocate before the next GC starts (reasoning.md §1). HeapAlloc read between GCs moves
 * within it, the GC's sawtooth, while the live heap holds.
 */
function roomUnderGoal(goal: GoalTrend, epochs: readonly SeriesSnapshot[]): number {
  return smallest(epochs.map((e, i) => (e.stats?.int('NextGC') ?? 0) - (goal.values[i] ?? 0)));
}

/** goalAt, when it is a goal (GOGC=off reports one near 2^63). */
function liveGoalAt(f: SeriesFacts, i: number): number | undefined {
  const goal = goalAt(f, i);
  return goal !== undefined && goal > 0 && goal < GC_OFF_GOAL ? goal : undefined;
}

/**
 * What churn read between GCs costs and where it comes from, after churnCost: ` The GC had used 16.4% of the available CPU since
 * the process started (GCCPUFraction, as of the latest snapshot). Allocate less where the dump says the program allocates most:
 * encoding/json.Marshal at main.go:38 (main.handle), …` — the gc-cpu-high finding's words (allocators.ts allocateLessWords, of the
 * latest dump with a profile). The captured go1.19-audit41-churn's plain dumps said only "the cost is GC work, not memory"
 * while the finding named 16.4% and the program's lines. '' with neither.
 */
function churnWhereWords(f: SeriesFacts): string {
  const fraction = f.epochs.findLast((e) => e.stats !== undefined)?.stats?.float('GCCPUFraction');
  // Said where the GC's CPU is gc-cpu-high's concern, with where to allocate less; under it, "the cost is GC work" is enough
  // (audit-work's 05-memlimit: 0.6 %, audit34's lim/: 0.1 %).
  const costly = fraction !== undefined && fraction >= THRESHOLDS.gcCpuFraction;
  const cpu = !costly ? '' : ` The GC had used ${formatPercent(fraction, 1)} of the available CPU since the process started (GCCPUFraction, as of the latest snapshot).`;
  const sites = f.profiled === false || !costly ? undefined : f.epochs.findLast((e) => e.profile.format !== undefined && e.profile.sites.length > 0)?.profile.sites;
  return `${cpu}${sites ? ` ${allocateLessWords(sites)}.` : ''}`;
}

/**
 * The run of points up to `last` (its index) whose breakdown `holds` fragmentation: the latest's
 * breakdown and `at snapshots 2–4 (NumGC 9 → 13)` (`at snapshot 4` for one); undefined when the
 * latest does not.
 */
function fragmentedRun(points: readonly SeriesPoint[], last: number, holds: (b: Breakdown) => boolean): { at: Breakdown; where: string } | undefined {
  const at = points[last];
  if (!at || !holds(at.breakdown)) return undefined;
  let first = last;
  while (first > 0 && points[first - 1] && holds((points[first - 1] as SeriesPoint).breakdown)) first--;
  const from = points[first] ?? at;
  const where = first === last ? `at snapshot ${last + 1}` : `at snapshots ${first + 1}–${last + 1} (NumGC ${formatCount(from.numGC)} → ${formatCount(at.numGC)})`;
  return { at: at.breakdown, where };
}

/**
 * What HeapObjects did when they do not back a rise of the live heap: `fell (3,147 → … → 1,945)`,
 * or `did not rise at each snapshot with it (1,699 → 2,289 → … → 3,605)` — all values up to six,
 * else the first, the highest and the last, so that a count that doubled is not read as flat.
 */
function objectWords(objects: readonly number[]): string {
  const first = objects[0] ?? 0;
  const last = objects[objects.length - 1] ?? 0;
  const highest = Math.max(first, ...objects);
  const values = objects.length <= 6 ? objects : highest > first && highest > last ? [first, highest, last] : [first, last];
  const trend = values.map(formatCount).join(objects.length <= 6 ? ' → ' : ' → … → ');
  return last < first ? `fell (${trend})` : `did not rise at each snapshot with it (${trend})`;
}

/** A staircase's rise (staircase.ts): by liveGrowthMinShare of where it was, 1 MiB at least, as the live heap's growth is counted. */
const stairRise = (from: number): number => Math.max(SERIES_THRESHOLDS.siteGrowthMinBytes, SERIES_THRESHOLDS.liveGrowthMinShare * from);

interface Staircase {
  /** The live heap's rises, when it is a staircase itself (never falling by more than its noise). */
  live?: StairRise[];
  /** The growing sites that are staircases, each rise beyond sampling error. */
  sites: { site: SiteTrend; rises: StairRise[] }[];
}

/**
 * The live heap (one value per GC epoch) or a growing site that rose, held and rose again, never
 * falling (staircase.ts); undefined when neither is. A site's rise counts only beyond sampling
 * error: an object far larger than the profiling rate is exact (a buffer's single 16 → 32 MiB
 * array), a sample or two of small objects is not.
 */
function staircaseOf(live: readonly number[], sites: readonly SiteTrend[]): Staircase | undefined {
  const liveRises = stepRises(live, stairRise);
  const liveStairs = nonDecreasing(live, riseNoiseSlack(live)) && isStaircase(liveRises);
  const stairSites = sites.flatMap((site) => {
    if (!site.monotonic || site.profiler) return [];
    const risen = stepRises(site.inuseBytes, stairRise);
    const rises = risen.filter((r) => beyondSamplingError(site, r.at - 1, r.at));
    return isStaircase(rises, risen) ? [{ site, rises }] : [];
  });
  return liveStairs || stairSites.length > 0 ? { ...(liveStairs ? { live: liveRises } : {}), sites: stairSites } : undefined;
}

/**
 * `the live heap rose, held and rose again — 2 rises, 16.2 MiB → 32.2 MiB at snapshot 2 and 32.2 MiB
 * → 64.2 MiB at snapshot 4 (16.2 MiB → … → 64.2 MiB across 6 GC-separated snapshots, snapshots 1→6),
 * and so did bytes.growSlice ← main.logRequest (main.go:81) (16.0 MiB → … → 64.0 MiB): a staircase,
 * doubling at each rise, as …`. A site's values are per profiled GC epoch: no snapshot numbers.
 */
function stairWords(stairs: Staircase, live: readonly number[], epochIndexes: readonly number[], named: readonly SiteTrend[]): string {
  const across = `across ${formatCount(live.length)} GC-separated snapshots, ${span(epochIndexes)}`;
  const siteList = (list: readonly { site: SiteTrend }[]): string => firstOf(list.map(({ site }) => `${siteLabel(site, named)} (${countWords(site.inuseBytes, formatBytes)})`), 2);
  if (stairs.live) {
    const list = riseListWords(stairs.live, epochIndexes);
    const sites = stairs.sites.length > 0 ? `, and so did ${siteList(stairs.sites)}` : '';
    return `the live heap rose, held and rose again — ${formatCount(stairs.live.length)} rises, ${list} (${countWords(live, formatBytes)} ${across})${sites}: ${staircaseWords(stairs.live, mapsClimb(stairs) ? 'map' : 'buffer')}`;
  }
  const [first] = stairs.sites;
  return `the live heap rose ${formatBytes(live[0] ?? 0)} → ${formatBytes(live[live.length - 1] ?? 0)} ${across}, and ${siteList(stairs.sites)} rose, held and rose again, never falling: ${staircaseWords(first?.rises ?? [], mapsClimb(stairs) ? 'map' : 'buffer')}`;
}

/** Every site that climbs with the staircase is a map's buckets (AllocationSite.mapBuckets): a map, not a buffer, climbs so. */
function mapsClimb(stairs: Staircase): boolean {
  return stairs.sites.length > 0 && stairs.sites.every(({ site }) => site.mapBuckets === true);
}


/** A site's growth across the series (its trend among `trends`, by function, file and line); 0 when it has none. */
function siteGrowth(trends: readonly SiteTrend[], site: SeriesSite): number {
  return trends.find((x) => siteKey(x) === siteKey(site))?.growthBytes ?? 0;
}

/**
 * What each step of the live heap must rise by to count as a rise (trend.ts riseStepSlack, 1 MiB least), its first by more than
 * a start-up's warm-up (warmUpStepBytes) where half the average step is more: a rise a leak makes is not the process's own start.
 */
function liveStepSlack(live: readonly number[]): number[] {
  const slack = riseStepSlack(live, SERIES_THRESHOLDS.siteGrowthMinBytes);
  const half = riseNoiseSlack(live)[1];
  if (slack.length > 1 && half !== undefined) slack[1] = Math.max(slack[1] ?? 0, Math.min(half, SERIES_THRESHOLDS.warmUpStepBytes));
  return slack;
}

/**
 * The first step's rise when only a start-up's allowance (liveStepSlack's warmUpStepBytes) made it no rise: beyond what a
 * reading's own noise makes (riseStepSlack), within the warm-up's. Undefined otherwise.
 */
function warmUpRise(live: readonly number[]): number | undefined {
  const rise = (live[1] ?? 0) - (live[0] ?? 0);
  const noise = riseStepSlack(live, SERIES_THRESHOLDS.siteGrowthMinBytes)[1];
  const allowed = liveStepSlack(live)[1];
  return noise !== undefined && allowed !== undefined && rise > noise && rise <= allowed ? rise : undefined;
}

/**
 * `the live heap stayed near 205.3 KiB from snapshot 1 through snapshot 2, then jumped to 150.2 MiB at snapshot 3, the last — one
 * step holds all of its rise (+150.0 MiB), the others moved by 2.6 KiB at most, within a reading's noise: …` (verdict.ts
 * liveJumped; trend.ts riseStepSlack). `what`: `the live heap`, or HeapAlloc as read; `readAfter`: which readings were read
 * right after a forced GC and which between GCs, said in the sentence that names them, before the advice (it ran on after it).
 */
function jumpWords(what: string, live: readonly number[], indexes: readonly number[], readAfter = ''): string {
  const slack = liveStepSlack(live);
  const at = live.findIndex((v, i) => i > 0 && v - (live[i - 1] ?? v) > (slack[i] ?? 0));
  const snapshot = (i: number): number => (indexes[i] ?? 0) + 1;
  const step = (i: number): number => (live[i] ?? 0) - (live[i - 1] ?? 0);
  const jump = step(at);
  const rise = (live[live.length - 1] ?? 0) - (live[0] ?? 0);
  const share = jump >= 0.99 * rise ? 'all' : formatPercent(jump, rise);
  // A first step only the start-up's allowance made no rise is named as such, not as the others' noise (the captured
  // go1.19-audit43-watchpeak's +1.4 MiB from its first poll at start-up was "the others moved by 1.4 MiB at most").
  const warmUp = at > 1 ? warmUpRise(live) : undefined;
  const others = largest(live.flatMap((_, i) => (i > 0 && i !== at && (warmUp === undefined || i > 1) ? [Math.abs(step(i))] : [])));
  const start = warmUp === undefined ? '' : `; the first step's +${formatBytes(warmUp)} is the program's start-up${live.length > 3 ? ',' : ''}`;
  const noise = warmUp !== undefined && live.length <= 3 ? '' : `${warmUp === undefined ? ', ' : ' '}the others moved by ${formatBytes(others)} at most, within a reading's noise`;
  const before = live.slice(0, at);
  const flatBefore = largest(before) <= (1 + SERIES_THRESHOLDS.flatShare) * Math.max(smallest(before), 1);
  const held = before.length === 1 ? `was ${formatBytes(live[0] ?? 0)} at snapshot ${snapshot(0)}`
    : flatBefore ? `stayed near ${formatBytes(live[at - 1] ?? 0)} from snapshot ${snapshot(0)} through snapshot ${snapshot(at - 1)}`
    : `went ${formatBytes(live[0] ?? 0)} → ${formatBytes(live[at - 1] ?? 0)} from snapshot ${snapshot(0)} through snapshot ${snapshot(at - 1)}`;
  const after = at === live.length - 1 ? `, the last` : `, then stayed near ${formatBytes(live[live.length - 1] ?? 0)} through snapshot ${snapshot(live.length - 1)}`;
  return `${what} ${held}, then jumped to ${formatBytes(live[at] ?? 0)} at snapshot ${snapshot(at)}${after}${readAfter} — one step holds ${share} of its rise (+${formatBytes(jump)})${start}${noise}: a cache warming up or a load peak jumps so too, and a leak rises again. Take more heap?debug=1&gc=1 dumps, some time apart, to see whether it holds, falls back or rises again.`;
}

/**
 * `the live heap rose once, 32.2 MiB → 64.2 MiB at snapshot 4, then stayed near 64.2 MiB through snapshot 6, at a buffer that
 * doubles: bytes.growSlice ← main.record (main.go:21) holds one 64.0 MiB object and allocated 128.2 MiB there in all, about twice
 * that — the copies it outgrew. …` (doubling.ts); of a flat heap, `stayed near 64.2 MiB …, but 64.0 MiB of it is a buffer that doubles: …`.
 */
function doublingWords(d: DoublingBuffer, what: string, live: readonly number[], indexes: readonly number[], points: readonly SeriesPoint[], named: readonly SiteTrend[], readAfter = ''): string {
  const snapshot = (i: number): number => (indexes[i] ?? 0) + 1;
  const last = live.length - 1;
  const rises = stepRises(live, stairRise);
  const rise = rises[rises.length - 1];
  const holds = d.objects === 1 ? `one ${formatBytes(d.bytes)} object` : `${formatCount(d.objects)} objects, ${formatBytes(d.bytes)} in all`;
  const buffer = `a buffer that doubles: ${siteLabel(d.site, named)} holds ${holds} and allocated ${formatBytes(d.allocBytes)} there in all, about twice that — the copies it outgrew`;
  // How long the level before its last step lasted at least, by LastGC (each ?gc=1 dump's own GC): the next lasts about twice as long.
  const ms = (i: number): number | undefined => points[indexes[i] ?? -1]?.lastGcMs;
  const start = rises.length > 1 ? (rises[rises.length - 2]?.at ?? 0) : 0;
  const [from, to] = rise ? [ms(start), ms(rise.at - 1)] : [undefined, undefined];
  const [first, end] = [ms(0), ms(last)];
  const lasted = rise && from !== undefined && to !== undefined && to > from
    ? ` (the level before it held ${formatLogDuration((to - from) * 1e6)} or more, snapshots ${snapshot(start)}–${snapshot(rise.at - 1)} by LastGC, and the next lasts about twice as long: ${formatLogDuration(2 * (to - from) * 1e6)} or more after snapshot ${snapshot(rise.at)})`
    : !rise && first !== undefined && end !== undefined && end > first ? ` than these (${formatLogDuration((end - first) * 1e6)}, by LastGC)` : '';
  const then = rise?.at === last ? ', the last' : `, then stayed near ${formatBytes(live[last] ?? 0)} through snapshot ${snapshot(last)}`;
  const how = !rise ? `${what} stayed near ${formatBytes(live[last] ?? 0)} from snapshot ${snapshot(0)} through snapshot ${snapshot(last)}, but ${formatBytes(d.bytes)} of it is ${buffer}`
    : rises.length === 1 ? `${what} rose once, ${formatBytes(rise.from)} → ${formatBytes(rise.to)} at snapshot ${snapshot(rise.at)}${then}, at ${buffer}`
    : `${what} rose ${formatBytes(live[0] ?? 0)} → ${formatBytes(rise.to)} at ${formatCount(rises.length)} steps, the last at snapshot ${snapshot(rise.at)}${then}, at ${buffer}`;
  return `${how}${readAfter}. A doubling buffer's in-use bytes are its capacity, not its length: they stay flat while it fills and double when it is full, each level lasting twice as long as the one before, so flat readings ${rise ? 'after its step ' : ''}do not show it stopped. Take dumps over a longer span${rise ? ' than the last step took' : ''}${lasted}, or look at the buffer's length (its len against its cap).`;
}

/**
 * How long the live heap's last level held at least (from its first reading at it to the last, by LastGC) and the time from the
 * process's first GC (PauseEnd's first entry, kept while NumGC ≤ 256) to the last reading: what doubling.ts outlastedDoubling
 * weighs. 0 and undefined when the snapshots do not say.
 */
function levelHeld(live: readonly number[], indexes: readonly number[], points: readonly SeriesPoint[], latest: SeriesSnapshot | undefined): [number, number | undefined] {
  const ms = (i: number): number | undefined => points[indexes[i] ?? -1]?.lastGcMs;
  const from = stepRises(live, stairRise).at(-1)?.at ?? 0;
  const [start, end] = [ms(from), ms(live.length - 1)];
  const numGC = latest?.stats?.int('NumGC') ?? 0;
  const first = numGC > 0 && numGC <= 256 ? latest?.stats?.ring('PauseEnd')?.[0] : undefined;
  const firstMs = first !== undefined && first > 0n ? Number(first / 1_000_000n) : undefined;
  return [start !== undefined && end !== undefined ? end - start : 0, end !== undefined && firstMs !== undefined ? end - firstMs : undefined];
}

