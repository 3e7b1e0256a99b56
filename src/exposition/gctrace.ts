/**
 * A GODEBUG=gctrace=1 log is a whole series: after every GC the runtime prints the live heap
 * (C in A->B->C), the best evidence of a leak there is (reasoning.md §3): a leak raises the live
 * heap's floor from cycle to cycle, a peak raises A once and C falls back, churn runs many GCs
 * over a flat C. This reads the cycles of one log into that verdict, with the GC frequency and
 * CPU share the GC rules care about.
 */
import type { GcCycles, GcTraceLog } from '../grammar/gctrace/index.js';
import type { Position } from '../grammar/common/positions.js';
import type { Finding, SeriesRuleFacts } from '../analyze/rules/index.js';
import { toFinding } from '../analyze/rules/rule.js';
import { THRESHOLDS } from '../analyze/thresholds.js';
import { checkSeriesRules, DEFAULT_SERIES_RULES } from '../analyze/rules/series.js';
import { concurrentMarkPhases, gcTracePause, markCpuPhases, gcTraceUnitMs, stwPhases, type GcTraceStw } from '../analyze/pauses.js';
import type { LeakEvidence, SeriesVerdict } from '../analyze/series/index.js';
import type { LimitStanding } from '../analyze/series/model.js';
import { exceededWhy, heldRole, limitHead, NEAR_LIMIT } from '../analyze/series/limit.js';
import { fallingSincePeak, keepsRising, peakAbove, risesAtEveryStep, steadilyRising } from '../analyze/series/trend.js';
import { CAP_PER_GOGC_GOAL, CHECK_WHERE_GO_STOOD, gogcFor, growingAtLimitWords, leakAtLimitWords, type KnownLimit } from '../analyze/memlimit.js';
import type { FactOrigin } from '../input/snapshot.js';
import { ratePhases, type RateInterval } from '../analyze/series/ratephases.js';
import { isStaircase, staircaseWords, stepRises, type StairRise } from '../analyze/series/staircase.js';
import { countOf, formatLogDuration, formatPercent } from '../text/units.js';
import { forcedTimer, type ForcedTimer } from './forcedgcs.js';
import { capitalized } from '../text/wrap.js';
import { runsTrend } from '../text/trend.js';
import { GC_OFF_GOAL, SET_GOGC } from '../analyze/gcoff.js';
import { betweenFalls, everyWords, FREE_OS_MEMORY_RECURRING, largeDrops, recurringCycles, recurringPace, recurringPeakWords } from '../analyze/series/recurring.js';

/** gctrace prints sizes in MB of 2^20 bytes (the runtime shifts by 20). */
const BYTES_PER_MB = 1 << 20;

/** What counts as growth in a GC log (sizes are whole MB, as the runtime prints them). */
const GCTRACE_THRESHOLDS = {
  /** The live floor must rise by at least this many MB… */
  leakMinGrowthMB: 2,
  /** …and by this share of where it started. */
  leakMinGrowthShare: 0.25,
  /** A peak: the heap before a GC reached at least this many times the last live heap. */
  peakPerLive: 2,
  /** Churn: at least this many GCs per minute over a flat live heap. */
  churnGcPerMinute: 60,
  /**
   * The heap goal held at the live heap (a memory limit the live heap does not fit under): at least
   * this share of the later half's GCs started with the heap (A) within limitGoalNearLiveShare of
   * the live heap the GC before left (C), where GOGC=100 starts them at about twice it…
   */
  limitHeldCyclesShare: 0.9,
  /**
   * …over a live heap of at least this many MB: below the runtime's minimum heap goal (4 MB),
   * GOGC=100's goal is that minimum, not twice the live heap (`4->4->3 MB, 4 MB goal`).
   */
  limitMinLiveMB: 4,
  /**
   * The heap goal capped below GOGC's (goalCapped): GOGC=100 sets the goal at twice the live heap
   * the GC left (C), and more with stacks and globals (Go 1.18+); a goal below CAP_PER_GOGC_GOAL
   * (memlimit.ts, as one dump's) of 2 × C that holds within this many MB over the later half (a
   * limit's goal does not follow C; gctrace truncates to whole MB).
   */
  limitCapSpreadMB: 1,
  /**
   * A staircase that stopped (staircase): its last level held over at least this many GCs…
   */
  stairEndMinCycles: 5,
  /** …and this many seconds… */
  stairEndMinSeconds: 5,
  /**
   * …and at least this many times as long as the longest level before it. A buffer or slice that
   * keeps growing at a steady rate holds each level about as long as it takes to fill it: twice as
   * long at each doubling (append's quarter, less). A last level cut off by the log's end can only
   * read shorter than it will last, so one four times the longest before it grew no longer at the
   * rate that filled the earlier ones.
   */
  stairEndPerEarlier: 4,
  /** A GC rate needs at least this many cycles and seconds between the first and the last: 2 GCs 48 ms apart are no pace. */
  rateMinCycles: 4,
  rateMinSeconds: 1,
  /**
   * A peak of the live heap itself: the largest C at least this many times the last. In-flight
   * work swings C by up to about 2× its floor (what was in flight when marking ended); a burst
   * that held far more live data (C 26 MB, then 2 MB) is a peak even amid many GCs.
   */
  livePeakPerLast: 4,
  /**
   * A plateau's band: over the GCs it held (from the first at or above the last third's floor),
   * the live heap after GC stays at most this many times its lowest there, plus resolutionRiseMB.
   * In-flight work swings C by up to about 2× its floor (livePeakPerLast); a stretch that climbed
   * from 9 to 108 MB (the captured go1.19-audit39-ttlcache, a TTL cache that never evicts past its
   * first live entry) did not stay anywhere.
   */
  plateauBandPerFloor: 2,
  /**
   * The log's resolution: sizes are whole MB, truncated, so a heap that stopped near a boundary
   * reads 1 MB more once it crosses it (21.96 → 22.01 MiB reads 21 → 22), and the fill's last
   * cycles read up to 1 MB below where it ended. A floor that rose no more than this beyond the
   * fill (beyondFill) shows no growth the log can tell from a fill that stopped.
   */
  resolutionRiseMB: 2,
  /**
   * A steady rise is more than the resolution can make: over the later half of the log the live
   * heap rose by more than this many MB (3× gctrace's 1 MB), never falling by a MB or more. A
   * short slow leak (0.75 MB a GC: 3 → 11 MB over 12 GCs) rises so though no step reaches a whole
   * MB and beyondFill reads most of it as a fill; a fill that stopped does not (the bounded LRU's
   * later half: 21 20 21 21 22 22 MB).
   */
  steadyRiseMB: 3,
  /**
   * A plateau read by time (heldTail): the log's last GCs (3 or more) held within one whole MB for at least this share of
   * the log's time, from the first held GC to the last — however few GCs that is: a heap allocating tens of MB per GC
   * runs few GCs, and the last three of nine spanned half the log (the captured go1.19-audit40-timers-gc1, 57 → 57 → 58 MB
   * over 20 s of 38 s, was "keeps rising … Leak suspected (high confidence)"). A leak at any steady pace puts as large a
   * share of its rise in that time.
   */
  plateauTailTimeShare: 0.4,
  /** …while at least this many MB were allocated per GC there on average (A less the C before): room to grow that was not kept… */
  plateauTailAllocPerGcMB: 4,
  /** …and the pace the live heap rose at after start-up, kept over that time, would have added this many MB (4× resolutionRiseMB). */
  plateauTailRiseMB: 8,
  /**
   * A recurring peak (recurringPeak): its cycles' heights, and their floors, lie within this share of the highest height,
   * and the climb the log ends in goes no further above it (the batch job's 150, 150, 150 MB, then 151 MB).
   */
  recurringPeakSpread: 0.1,
  /**
   * A level held after a warm-up (warmedUp): the log's last GCs moved within this share of their lowest (or resolutionRiseMB),
   * the pointer-dense list's 80–87 MB after its 3 → 83 MB build.
   */
  warmLevelBandShare: 0.25,
  /**
   * Marking worth saying (GcTraceMark.long), over rateMinCycles GCs or more: the GC marking more
   * than this share of the time between the log's GC starts… (the GC guide: most of the GC's
   * costs, assists and write barriers among them, are paid while the mark phase is active)
   */
  markLongShare: 0.25,
  /** …or its median concurrent mark longer than this many ms: a stretch that long of every GC cycle slows what runs through it. */
  markLongMedianMs: 100,
  /**
   * Mark assists worth saying (GcTraceAssists.large): the goroutines that allocate paid at least
   * this share of the mark's CPU (assist over assist + background + idle)… (the GC guide counts
   * assists among the mark phase's sources of latency; a CPU profile's gcAssistAlloc is "a
   * particularly high degree of impact from the GC" from 5% of the program's CPU)
   */
  assistLargeShare: 0.2,
  /**
   * …in at least this many GCs: a one-off burst of a few cycles, or a few µs in a short log (the
   * captured go1.19-audit-work/02-subslice: 1.6 ms in 2 GCs), is not the program's pace.
   */
  assistMinCycles: 10,
  /** Flat: the live heap moves less than this share. */
  flatShare: 0.1,
  /**
   * Nearly all forced: at least this share of the cycles were `(forced)` (runtime.GC,
   * debug.FreeOSMemory, a profiler's ?gc=1): their pace is the program's calls, not allocation.
   */
  mostlyForcedShare: 0.8,
  /**
   * Start-up: the cycles of the program's first second grow the heap from the runtime's 4 MB
   * minimum to its working set (4 → 9 → 21 MB in 18 ms, a cache filled once), as fast as it
   * allocates. That growth is no leak evidence: a leak must go on after it.
   */
  warmUpSeconds: 1,
  /**
   * A GOMEMLIMIT a log's heap came no nearer than memoryLimitShare to: at or above this share of
   * the limit, Go may still have reached it (`possible`), below it most likely not (`none`). A GC
   * log prints the heap, not what else Go holds (idle spans, stacks, runtime metadata): in the
   * go1.19 captures that was 20–30% more than the heap's peak (GOGC=off GOMEMLIMIT=64MiB: 63.6 MiB
   * held beside a 51 MB heap; the plateau under 128 MiB: Sys ≤ 62.6 MiB beside 48 MB), and a heap
   * below 60% would need half as much again to come within 90% of the limit.
   */
  limitPossibleShare: 0.6,
} as const;

/**
 * Where a GC log's heap stood against a GOMEMLIMIT known for the process (--gomemlimit, a scrape's
 * go_gc_gomemlimit_bytes beside it), as a series' verdict says it (analyze/series/limit.ts, the
 * same roles by the same heldRole). What the log shows is a lower bound of what the limit bounds:
 * the heap when each GC started (A) and the goroutine stacks it scanned (Go 1.18+), in whole MB.
 */
export interface GcLogLimitStanding {
  gomemlimitBytes: number;
  /** `flag`: given (--gomemlimit); `reported`: a scrape's go_gc_gomemlimit_bytes. */
  origin: FactOrigin;
  /**
   * `exceeded`: the heap (with its stacks) went beyond the limit by more than its softness
   * (memoryLimitShare); `reached`: within it, either side; `possible`: below that, but at
   * limitPossibleShare or more, where what Go holds besides the heap may have made up the rest;
   * `none`: further below.
   */
  role: LimitStanding['role'];
  /** The largest heap at a GC's start (A) with the stacks that GC scanned, bytes (MB × 2^20), and that GC's number. */
  peakHeapBytes: number;
  peakCycle: number;
  /** The same at the log's last GC. */
  heapBytes: number;
  /** The sentence the verdict's summary ends with. */
  text: string;
}

/**
 * The concurrent mark's wall time over a log's last run (each line's `A+B+C ms clock`: B, Go 1.7+;
 * Go 1.5–1.6 the scan and the mark): while it runs the program pays for the GC (assists, write
 * barriers, the GC's 25% of the CPU), for as long as the live heap's pointers take to mark.
 */
export interface GcTraceMark {
  /** The GCs it is read over (the log's last run). */
  cycles: number;
  /** The median mark, ms: of an even count, the upper of the middle two (a time the log printed). */
  medianMs: number;
  /** The longest mark, ms, and its GC (the first of equals). */
  maxMs: number;
  longest: { cycle: number; atSeconds: number; position: Position };
  /**
   * The marks of every GC but the last over the time from the first GC's start to the last's
   * (`@Ts`), percent (one decimal): the share of the time between GC starts the GC was marking.
   * Absent from fewer than rateMinCycles GCs or a span under rateMinSeconds (no pace to tell).
   */
  sharePercent?: number;
  /** Marking worth saying: a share above markLongShare or a median above markLongMedianMs, over rateMinCycles GCs or more. */
  long: boolean;
  /** Who paid for the marking, from each line's `… ms cpu`; absent when a line's CPU times are of no known era. */
  assists?: GcTraceAssists;
}

/**
 * The concurrent mark's CPU over the same GCs (each line's `… ms cpu`: `assist/background/idle`):
 * how much of it the goroutines that allocate were made to pay (mark assists: latency in the
 * code that allocates) beside the GC's own workers.
 */
export interface GcTraceAssists {
  /** The GCs with assist CPU (above 0 ms). */
  cycles: number;
  /** CPU ms over the GCs, added up in whole µs: mark assists, background mark workers (dedicated and fractional), idle marking. */
  assistMs: number;
  backgroundMs: number;
  idleMs: number;
  /** assistMs over the three, percent, one decimal; 0 when they add up to 0. */
  sharePercent: number;
  /** Worth saying: a share of assistLargeShare or more in assistMinCycles GCs or more. */
  large: boolean;
  /**
   * When large: the GC whose assists took the most CPU (the first of equals), with their share of its
   * mark CPU: where the allocating code paid most, the line the TUI's `e` and `y` open. Not the
   * largest share: that is a start-up GC's 1.1 ms of 1.1 ms in go1.19-audit43-concpeak.
   */
  heaviest?: { cycle: number; atSeconds: number; assistMs: number; sharePercent: number; position: Position };
}

/** A GC log's verdict: a series verdict, whose `limit` is the log's own standing. */
export type GcTraceVerdict = Omit<SeriesVerdict, 'limit'> & { limit?: GcLogLimitStanding };

export interface GcTraceAnalysis extends GcTraceStw {
  source: string;
  /**
   * The stretches of the log over which the heap goal held one ratio to the live heap the GC before
   * left (goalRatioPhases), when one is far above GOGC=100's or the ratio changed: GOGC set high,
   * or changed at run time. Absent otherwise.
   */
  goalPhases?: GoalRatioPhase[];
  cycles: number;
  forcedCycles: number;
  /** The forced GCs of the last run (gctrace's `(forced)` lines): each one's number and start, seconds since the program started. */
  forcedGcs: { cycle: number; atSeconds: number }[];
  /** The forced GCs that came at one interval (forcedgcs.ts forcedTimer), a timer's; with dumps beside the log, their ?gc=1 GCs left out (analyze/forcedgcs.ts). */
  forcedTimer?: ForcedTimer;
  /** From the first cycle's start to the last's, seconds. */
  spanSeconds: number;
  /**
   * GCs a minute, forced GCs left out (runtime.GC, debug.FreeOSMemory, a profiler's ?gc=1: the
   * program's calls, not allocation pressure); undefined from fewer than
   * GCTRACE_THRESHOLDS.rateMinCycles or a span under rateMinSeconds.
   */
  gcPerMinute: number | undefined;
  /** The GC's share of the CPU since the program started, as the last cycle prints it (percent). */
  cpuPercent: number | undefined;
  /** GOMAXPROCS of the last cycle. */
  procs: number | undefined;
  /**
   * Set when the log was given with dumps whose GC ring its cycles' pauses disagree with (analyze/exposed.ts
   * otherRunOfLog): another run or another program than theirs, weighed on its own.
   */
  otherRun?: true;
  /** Live heap after each GC (C), MB, in log order: the series. */
  liveMB: number[];
  /** The scannable goroutine stacks of each GC (`N MB stacks`, Go 1.18+), MB, in the same order; empty when the lines have none. */
  stacksMB: number[];
  /** The heap when each GC started (A), MB, in the same order: the peaks the live heap falls back from. */
  heapStartMB: number[];
  /** When each GC started, seconds since the program started, in the same order. */
  atSeconds: number[];
  /** Each GC's number (NumGC after it), in the same order. */
  gcNumbers: number[];
  /** The largest heap before a GC (max A), MB: the peak. */
  peakMB: number;
  /**
   * The live heap's lowest value in each third of the log as the verdict reads it, MB (floors: a third ends where the
   * earlier of its share of the GCs and of the time ends): a leak raises every floor. The reports show timeThirds'.
   */
  floorsMB: [number, number, number] | undefined;
  /**
   * The log's time in three equal stretches (`@T`, from the first GC's start to the last's): what a reader takes
   * for its thirds, and what the reports' "lowest point in each third of the log" says. Undefined from fewer than 3
   * GCs or a log of no span.
   */
  timeThirds: [GcLogThird, GcLogThird, GcLogThird] | undefined;
  /**
   * Stretches of one allocation rate (analyze/series/ratephases.ts) when it changed fourfold or more, after start-up
   * (warmUpSeconds): what each GC found allocated since the one before (its A less the C before it), per second.
   * Said in a churn or stable verdict's summary. Undefined otherwise.
   */
  allocationPhases?: GcLogRatePhase[];
  /** The heap goal after the last cycle, MB. */
  goalMB: number | undefined;
  /** The concurrent mark's wall time and share of the time (markPhase); undefined without cycles, or lines whose phases are of no known era. */
  mark: GcTraceMark | undefined;
  /** The last scavenger total released to the OS, bytes (scav total/now; scvg released:). */
  releasedBytes: number | undefined;
  /** The scavenger's lines of the last run: how many, how many forced (debug.FreeOSMemory), bytes their runs released. */
  scavenger: { lines: number; forced: number; releasedBytes: number };
  /** Other runs of the program in the same log (the GC count started again). */
  restarts: number;
  otherLines: number;
  /** GODEBUG=gcpacertrace=1's `pacer:` lines, skipped (GcTraceLog.pacerLines). */
  pacerLines: number;
  /**
   * The log's last GC line (of its last run): where the verdict's evidence ends (the live heap it
   * left, the goal, the GC's CPU share since start), so where lint places the log's findings
   * about the whole log; undefined without cycles.
   */
  lastGc: { cycle: number; atSeconds: number; position: Position } | undefined;
  /**
   * The heap goal capped below GOGC's over the log's later half (goalCapped), when the verdict
   * speaks of it (a plateau, a stable heap, churn, or a live heap still rising): what its words
   * are computed from, with the limit known or not (verdictOf).
   */
  goalCap?: GoalCap;
  /** Where the heap goal fell to the live heap and stayed there to the log's end (goalPinnedAt), when it did mid-log. */
  goalPinned?: GoalPinned;
  verdict: GcTraceVerdict;
}

/** One third of a log's time (GcTraceAnalysis.timeThirds). */
export interface GcLogThird {
  /** Its start and end, seconds since the program started (`@T`); the last third ends at the last GC's start. */
  fromSeconds: number;
  toSeconds: number;
  /** The GCs that started in it. */
  cycles: number;
  /**
   * The lowest live heap after those GCs (C), MB; of a third no GC started in, the C of the last GC before it: the
   * live heap as last measured, which holds until the next GC measures it again.
   */
  floorMB: number;
}

/** A stretch of one allocation rate in a GC log (GcTraceAnalysis.allocationPhases). */
export interface GcLogRatePhase {
  /** From and to, seconds since the program started (`@T` of the GCs that bound it). */
  fromSeconds: number;
  toSeconds: number;
  /** What its GCs found allocated (each one's A less the C before it), MB, and per second, MB (one decimal). */
  allocatedMB: number;
  mbPerSecond: number;
  /** The GC cycles it spans. */
  cycles: number;
}

/**
 * The GC from which every goal is the C before it, to the MB, to the log's end, after a GC whose goal
 * was GOGC's (half again the C before or more): a memory limit set at run time (debug.SetMemoryLimit),
 * or GOGC lowered to near 0. Its pace before and since, GCs a minute: a whole log's one rate averages
 * the two (the captured go1.19-audit45-setlimit: gc 40 @30.092s `59->59->48 MB, 48 MB goal` after
 * `94->94->48 MB, 96 MB goal`, about 80 GCs a minute before and 35,000 since, was "774 GCs a minute").
 */
export interface GoalPinned {
  gc: number;
  atSeconds: number;
  position: Position;
  goalBeforeMB: number;
  goalMB: number;
  /** GCs from the first to the one before `gc`, and from `gc` to the last, and their pace (GCs a minute; undefined over no time). */
  cyclesBefore: number;
  cyclesSince: number;
  perMinuteBefore: number | undefined;
  perMinuteSince: number | undefined;
}

/** The GOGC goal's least ratio to the C before it that goalPinnedAt takes for one before the goal fell: GOGC=100's reads 1.9–2.2. */
const GOGC_GOAL_PER_LIVE = 1.5;

/** The fewest GCs on either side of the fall goalPinnedAt says: fewer is a moment, not a stretch. */
const PINNED_MIN_CYCLES = 3;

/** Where the goal fell to the live heap and stayed (GoalPinned), over the run's cycles of `cycles` from `from` on; undefined otherwise. */
function goalPinnedAt(cycles: GcCycles, from: number, liveMB: readonly number[], atSeconds: readonly number[], goalsMB: readonly number[]): GoalPinned | undefined {
  const n = liveMB.length;
  const pinned = (i: number): boolean => (goalsMB[i] ?? Infinity) <= (liveMB[i - 1] ?? -Infinity) + 1;
  let s = n;
  while (s > 1 && pinned(s - 1)) s--;
  const [before, goal, liveBefore] = [goalsMB[s - 1] ?? 0, goalsMB[s] ?? 0, liveMB[s - 2] ?? 0];
  if (s >= n || s < PINNED_MIN_CYCLES || n - s < PINNED_MIN_CYCLES || liveBefore <= 0 || before < GOGC_GOAL_PER_LIVE * liveBefore || before <= goal) return undefined;
  const pace = (count: number, seconds: number): number | undefined => (seconds > 0 ? ((count - 1) / seconds) * 60 : undefined);
  const c = cycles.at(from + s);
  return {
    gc: c.number, atSeconds: c.atSeconds, position: c.position, goalBeforeMB: before, goalMB: goal,
    cyclesBefore: s, cyclesSince: n - s,
    perMinuteBefore: pace(s, (atSeconds[s - 1] ?? 0) - (atSeconds[0] ?? 0)),
    perMinuteSince: pace(n - s, (atSeconds[n - 1] ?? 0) - (atSeconds[s] ?? 0)),
  };
}

/**
 * ` The goal fell to the live heap at gc 40 (@30.092s, line 40): 96 → 48 MB; about 80 GCs a minute before it,
 * 35,109 a minute since (361 GCs)`: where a pinned goal began (GoalPinned), said after a held goal's words.
 */
function goalPinnedWords(p: GoalPinned): string {
  const rate = (r: number | undefined): string => (r === undefined ? '?' : Math.round(r).toLocaleString('en-US'));
  return ` The goal fell to the live heap at gc ${p.gc} (@${p.atSeconds}s, line ${p.position.line}): ${p.goalBeforeMB} → ${p.goalMB} MB; the GC ran about ${rate(p.perMinuteBefore)} times a minute before it (${countOf(p.cyclesBefore, 'GC')}), ${rate(p.perMinuteSince)} a minute since (${countOf(p.cyclesSince, 'GC')}): a memory limit set at run time (debug.SetMemoryLimit), or GOGC lowered to near 0.`;
}

/** A log's span: `8.6 s`, and below a second in whole ms (`48 ms`, not `0.0 s` nor `48.00 ms`). */
export function spanText(seconds: number): string {
  return formatLogDuration(Math.round(seconds * 1e9));
}

/** The least and the greatest of `values` (a loop: a long log has more values than a spread call takes). */
function extremes(values: readonly number[], from = 0, to = values.length): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = from; i < to; i++) {
    const v = values[i] ?? NaN;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

/**
 * The live heap's lowest value (C) in each third of the log, cut by time as well as by count: each
 * third ends where the earlier of its thirds of the GCs and of the time (`@T`, seconds since the
 * program started) ends (cutsAt). Near a memory limit the GC runs hundreds of times as often (the
 * captured go1.19-audit30-memlimit, GOGC=off GOMEMLIMIT=64MiB: ~3 GCs a second at 10 MB live, ~180
 * at 50 MB), and thirds of the GC count alone put two thirds of its GCs at 50 MB, reading 16 s of
 * growth (10 → 20 → 30 → 40 → 50 MB) as warm-up ("10 → 50 → 50 MB"); under GOGC=100 a growing heap
 * makes its GCs ever rarer (the corpus leak: 5 GCs at 1.4, 3.0, 5.8, 11.4 and 22.2 s), and thirds
 * of the time alone leave its last third one GC.
 */
function floors(liveMB: readonly number[], atSeconds: readonly number[]): [number, number, number] | undefined {
  const n = liveMB.length;
  if (n < 3) return undefined;
  // Each third holds a cycle at least (3 GCs at 1.0, 1.1 and 3.0 s: one each).
  const end1 = Math.min(cutAt(atSeconds, n, 1 / 3), n - 2);
  const end2 = Math.max(cutAt(atSeconds, n, 2 / 3), end1 + 1);
  const part = (from: number, to: number): number => extremes(liveMB, from, to)[0];
  return [part(0, end1), part(end1, end2), part(end2, n)];
}

/**
 * Where the log's first `share` ends (an index of its cycles): the earlier of that share of its
 * cycles and of its time, so that what follows holds at least the rest of both; by count alone
 * when the log has no span (every `@T` the same). Never before cycle 1, nor at the last cycle's end.
 */
function cutAt(atSeconds: readonly number[], n: number, share: number): number {
  const byCount = Math.floor(share * n);
  const start = atSeconds[0] ?? 0;
  const span = (atSeconds[n - 1] ?? 0) - start;
  const byTime = span > 0 ? atSeconds.findIndex((s) => s >= start + share * span) : byCount;
  return Math.max(1, Math.min(byCount, byTime < 0 ? n - 1 : byTime));
}

/**
 * The log's time cut in three equal stretches (timeThirds), each with its GCs and its lowest live heap: the workerpool of
 * audit 46 ran 81 of its 110 GCs in the first 10 s of a 67 s log, busy, then idled at 75 MB, and thirds of the GCs read
 * that plateau as "2 → 1 → 3 MB"; by time they are 1 → 61 → 75 MB. (The verdict's floors cut where the earlier of the
 * two ends, floors: a leak's later thirds by time may hold one GC each.)
 */
function timeThirds(liveMB: readonly number[], atSeconds: readonly number[]): GcTraceAnalysis['timeThirds'] {
  const n = liveMB.length;
  const start = atSeconds[0] ?? 0;
  const span = (atSeconds[n - 1] ?? 0) - start;
  if (n < 3 || span <= 0) return undefined;
  const cut = [start, start + span / 3, start + (2 * span) / 3, start + span];
  let i = 0;
  let before: number | undefined;
  return [0, 1, 2].map((k) => {
    const from = i;
    // The last third holds the last GC (its end is that GC's start).
    while (i < n && ((atSeconds[i] ?? 0) < (cut[k + 1] ?? 0) || k === 2)) i++;
    const floorMB = i > from ? extremes(liveMB, from, i)[0] : (before ?? liveMB[0] ?? 0);
    before = liveMB[i - 1];
    return { fromSeconds: round3(cut[k] ?? 0), toSeconds: round3(cut[k + 1] ?? 0), cycles: i - from, floorMB };
  }) as [GcLogThird, GcLogThird, GcLogThird];
}

function round3(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/**
 * The log's stretches of one allocation rate (GcTraceAnalysis.allocationPhases), after start-up: what each GC found
 * allocated since the one before, its A less the C before it (gctrace's whole MB), over the time between their starts.
 */
function allocationPhasesOf(liveMB: readonly number[], heapStartMB: readonly number[], atSeconds: readonly number[]): { allocationPhases?: GcLogRatePhase[] } {
  const start = (atSeconds[0] ?? 0) + GCTRACE_THRESHOLDS.warmUpSeconds;
  const intervals: RateInterval[] = [];
  for (let k = 1; k < liveMB.length; k++) {
    const to = atSeconds[k] ?? 0;
    if (to < start) continue;
    intervals.push({ fromSeconds: atSeconds[k - 1] ?? 0, toSeconds: to, allocated: Math.max(0, (heapStartMB[k] ?? 0) - (liveMB[k - 1] ?? 0)) });
  }
  const phases = ratePhases(intervals);
  // Below a MB a second at its fastest, the rates are gctrace's whole-MB truncation more than the program's.
  if (!phases || Math.max(...phases.map((p) => p.perSecond)) < 1) return {};
  return { allocationPhases: phases.map((p) => ({ fromSeconds: p.fromSeconds, toSeconds: p.toSeconds, allocatedMB: p.allocated, mbPerSecond: Math.round(p.perSecond * 10) / 10, cycles: p.intervals })) };
}

/**
 * ` Its allocation rate changed: ~2.2 MB/s until 20 s, ~19 MB/s until 45 s, ~2.0 MB/s after (what each GC found
 * allocated since the one before: …). The GC runs as often as the program allocates: the fastest stretch ran 32 of
 * the log's 44 GCs.`: a churn's or a stable heap's stretches of one rate.
 */
function allocationPhasesWords(a: Pick<GcTraceAnalysis, 'allocationPhases' | 'cycles'>): string {
  const phases = a.allocationPhases;
  if (!phases) return '';
  const parts = phases.map((p, i) => `~${rateText(p.mbPerSecond)} MB/s ${i === phases.length - 1 ? 'after' : `until ${spanText(p.toSeconds)}`}`);
  const fastest = phases.reduce((f, p) => (p.mbPerSecond > f.mbPerSecond ? p : f));
  return ` Its allocation rate changed: ${parts.join(', ')} (what each GC found allocated since the one before: its A less the C before it). The GC runs as often as the program allocates: the fastest stretch ran ${fastest.cycles} of the log's ${countOf(a.cycles, 'GC')}.`;
}

/** A rate as said: whole from 10, else one decimal. */
export function rateText(perSecond: number): string {
  return perSecond >= 10 ? perSecond.toFixed(0) : perSecond.toFixed(1);
}

/** The lines of the program's last run in the log: the GC count restarting means a new process, and only the last run speaks for it. */
function inLastRun<T extends { position: { line: number } }>(log: GcTraceLog, lines: readonly T[]): T[] {
  const lastRestart = log.restarts[log.restarts.length - 1];
  return lastRestart ? lines.filter((l) => l.position.line >= lastRestart.line) : [...lines];
}

/**
 * Cycle `i`'s stop-the-world time, ms, and how much more it may have been (GcTraceStw.stwUnitMs):
 * its STW clock phases added up in whole µs, the runtime's resolution (fmtNSAsMS): a sum of float
 * ms wrote 0.23399999999999999 for 0.234.
 */
function stwOf(cycles: GcCycles, i: number): { ms: number; unitMs: number } {
  const start = cycles.timesStart.at(i);
  let us = 0;
  let unitUs = 0;
  for (const phase of stwPhases(cycles.clockCount.at(i))) {
    const ms = cycles.times.at(start + phase);
    us += Math.round(ms * 1000);
    unitUs += Math.round(gcTraceUnitMs(ms) * 1000);
  }
  return { ms: us / 1000, unitMs: unitUs / 1000 };
}

/** The stop-the-world time of cycles from..to, and the cycle with the most (the first of equals). */
function stopTheWorld(cycles: GcCycles, from: number, to: number): GcTraceStw {
  const stwMs = new Array<number>(to - from);
  const stwUnitMs = new Array<number>(to - from);
  let longest = -1;
  for (let i = from; i < to; i++) {
    const stw = stwOf(cycles, i);
    stwMs[i - from] = stw.ms;
    stwUnitMs[i - from] = stw.unitMs;
    if (longest < 0 || (stwMs[i - from] ?? 0) > (stwMs[longest - from] ?? 0)) longest = i;
  }
  if (longest < 0) return { stwMs, stwUnitMs, longestStw: undefined };
  const c = cycles.at(longest);
  return { stwMs, stwUnitMs, longestStw: { cycle: c.number, atSeconds: c.atSeconds, clockMs: c.clockMs, position: c.position } };
}

/** The middle of `values` (of an even count, the upper of the middle two: one of the values, never their mean); 0 for none. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * The concurrent mark of cycles from..to (GcTraceMark): each one's concurrent clock phases added up
 * in whole µs (as stwOf), the median and the longest, and their share of the time between the
 * first cycle's start and the last's (the last cycle's mark ends past that span, so it is left out).
 */
function markPhase(cycles: GcCycles, from: number, to: number): GcTraceMark | undefined {
  const marksMs: number[] = [];
  let longest = -1;
  // The mark's CPU, µs: assist, background, idle (markAssists), while every line's CPU times are of a known era.
  const cpu: MarkCpuUs = { assistUs: 0, backgroundUs: 0, idleUs: 0, assisted: 0, heaviest: -1, heaviestUs: [0, 0] };
  let cpuKnown = true;
  for (let i = from; i < to; i++) {
    const phases = concurrentMarkPhases(cycles.clockCount.at(i));
    if (phases.length === 0) return undefined;
    const start = cycles.timesStart.at(i);
    let us = 0;
    for (const phase of phases) us += Math.round(cycles.times.at(start + phase) * 1000);
    marksMs.push(us / 1000);
    if (longest < 0 || us / 1000 > (marksMs[longest - from] ?? 0)) longest = i;
    const split = cpuKnown ? markCpuPhases(cycles.cpuCount.at(i)) : undefined;
    if (split === undefined) {
      cpuKnown = false;
      continue;
    }
    const cpuStart = start + cycles.clockCount.at(i);
    const assistUs = Math.round(cycles.times.at(cpuStart + split.assist) * 1000);
    const backgroundUs = Math.round(cycles.times.at(cpuStart + split.background) * 1000);
    const idleUs = Math.round(cycles.times.at(cpuStart + split.idle) * 1000);
    if (assistUs > 0) cpu.assisted++;
    if (assistUs > cpu.heaviestUs[0]) {
      cpu.heaviest = i;
      cpu.heaviestUs = [assistUs, assistUs + backgroundUs + idleUs];
    }
    cpu.assistUs += assistUs;
    cpu.backgroundUs += backgroundUs;
    cpu.idleUs += idleUs;
  }
  if (longest < 0) return undefined;
  const count = to - from;
  const spanMs = (cycles.atSeconds.at(to - 1) - cycles.atSeconds.at(from)) * 1000;
  let markedUs = 0;
  for (let k = 0; k < count - 1; k++) markedUs += Math.round((marksMs[k] ?? 0) * 1000);
  const paced = count >= GCTRACE_THRESHOLDS.rateMinCycles && spanMs >= GCTRACE_THRESHOLDS.rateMinSeconds * 1000;
  const share = paced ? Math.round((markedUs / 1000 / spanMs) * 1000) / 10 : undefined;
  const medianMs = median(marksMs);
  const c = cycles.at(longest);
  return {
    cycles: count,
    medianMs,
    maxMs: marksMs[longest - from] ?? 0,
    longest: { cycle: c.number, atSeconds: c.atSeconds, position: c.position },
    ...(share !== undefined ? { sharePercent: share } : {}),
    long: count >= GCTRACE_THRESHOLDS.rateMinCycles && ((share ?? 0) > GCTRACE_THRESHOLDS.markLongShare * 100 || medianMs > GCTRACE_THRESHOLDS.markLongMedianMs),
    ...(cpuKnown ? { assists: markAssists(cpu, cycles) } : {}),
  };
}

/**
 * The mark's CPU of a log's GCs added up in whole µs (as stwOf adds up phases), how many GCs had
 * assists, and the GC whose assists took the most (its index, -1 for none; its assist and mark CPU).
 */
interface MarkCpuUs { assistUs: number; backgroundUs: number; idleUs: number; assisted: number; heaviest: number; heaviestUs: [number, number] }

/** A share of a total in percent, one decimal; 0 of nothing. */
function percentOf(partUs: number, totalUs: number): number {
  return totalUs > 0 ? Math.round((partUs / totalUs) * 1000) / 10 : 0;
}

/** GcTraceAssists from the mark's CPU added up (MarkCpuUs). */
function markAssists({ assistUs, backgroundUs, idleUs, assisted, heaviest, heaviestUs }: MarkCpuUs, cycles: GcCycles): GcTraceAssists {
  const sharePercent = percentOf(assistUs, assistUs + backgroundUs + idleUs);
  const large = assisted >= GCTRACE_THRESHOLDS.assistMinCycles && sharePercent >= GCTRACE_THRESHOLDS.assistLargeShare * 100;
  const c = large && heaviest >= 0 ? cycles.at(heaviest) : undefined;
  return {
    cycles: assisted,
    assistMs: assistUs / 1000,
    backgroundMs: backgroundUs / 1000,
    idleMs: idleUs / 1000,
    sharePercent,
    large,
    ...(c ? { heaviest: { cycle: c.number, atSeconds: c.atSeconds, assistMs: heaviestUs[0] / 1000, sharePercent: percentOf(...heaviestUs), position: c.position } } : {}),
  };
}

/** Cycle `i`'s number, start and line: GcTraceAnalysis.lastGc. */
function lastGcOf(cycles: GcCycles, i: number): GcTraceAnalysis['lastGc'] {
  const c = cycles.at(i);
  return { cycle: c.number, atSeconds: c.atSeconds, position: c.position };
}

export function analyzeGcTrace(log: GcTraceLog, source: string): GcTraceAnalysis {
  const { cycles } = log;
  // The cycles of the program's last run (GcCycles columns from..to).
  const lastRestart = log.restarts[log.restarts.length - 1];
  const from = lastRestart ? cycles.firstFromLine(lastRestart.line) : 0;
  const to = cycles.length;
  const count = to - from;
  const liveMB = cycles.liveMB.slice(from, to);
  const stacksMB = cycles.stacksMB.slice(from, to);
  const heapStartMB = cycles.heapStartMB.slice(from, to);
  const atSeconds = cycles.atSeconds.slice(from, to);
  const last = count > 0 ? to - 1 : undefined;
  const spanSeconds = count > 0 ? (atSeconds[count - 1] ?? 0) - (atSeconds[0] ?? 0) : 0;
  const peakMB = Math.max(0, extremes(heapStartMB)[1]);
  const forcedGcs: GcTraceAnalysis['forcedGcs'] = [];
  for (let i = from; i < to; i++) if (cycles.forced.at(i) === 1) forcedGcs.push({ cycle: cycles.numbers.at(i), atSeconds: cycles.atSeconds.at(i) });
  const forcedCycles = forcedGcs.length;
  const timer = forcedTimer(forcedGcs);
  const scavenger = inLastRun(log, log.scavenger);
  const releasedLine = log.scavenger.findLast((s) => s.releasedTotalBytes !== undefined);
  const analysis: Omit<GcTraceAnalysis, 'verdict'> = {
    source,
    cycles: count,
    forcedCycles,
    forcedGcs,
    ...(timer ? { forcedTimer: timer } : {}),
    spanSeconds,
    // The pace of all cycles, in the share of them that were not forced.
    gcPerMinute: count >= GCTRACE_THRESHOLDS.rateMinCycles && spanSeconds >= GCTRACE_THRESHOLDS.rateMinSeconds ? ((count - 1) / spanSeconds) * 60 * ((count - forcedCycles) / count) : undefined,
    cpuPercent: last === undefined ? undefined : cycles.cpuPercent.at(last),
    procs: last === undefined ? undefined : cycles.procs.at(last),
    liveMB,
    // Only when every cycle of the run prints them (a pre-1.18 line has none: NaN).
    stacksMB: stacksMB.every((v) => Number.isFinite(v)) ? stacksMB : [],
    heapStartMB,
    atSeconds,
    gcNumbers: cycles.numbers.slice(from, to),
    ...stopTheWorld(cycles, from, to),
    peakMB,
    floorsMB: floors(liveMB, atSeconds),
    timeThirds: timeThirds(liveMB, atSeconds),
    ...allocationPhasesOf(liveMB, heapStartMB, atSeconds),
    goalMB: last === undefined ? undefined : cycles.goalMB.at(last),
    mark: markPhase(cycles, from, to),
    releasedBytes: releasedLine?.releasedTotalBytes,
    scavenger: {
      lines: scavenger.length,
      forced: scavenger.filter((s) => s.forced).length,
      releasedBytes: scavenger.reduce((n, s) => n + (s.releasedBytes ?? 0), 0),
    },
    restarts: log.restarts.length,
    otherLines: log.otherLines,
    pacerLines: log.pacerLines,
    lastGc: last === undefined ? undefined : lastGcOf(cycles, last),
  };
  const goalsMB: number[] = [];
  for (let i = from; i < to; i++) goalsMB.push(cycles.goalMB.at(i));
  const pinned = goalPinnedAt(cycles, from, liveMB, atSeconds, goalsMB);
  const heap = judgeHeap(pinned ? { ...analysis, goalPinned: pinned } : analysis);
  const goalCap = speaksOfCap(heap) ? (goalCapped(analysis, goalsMB) ?? (risingHeap(heap) ? goalHeldByLimit(analysis, goalsMB) : undefined)) : undefined;
  // A capped goal's own words say its one stretch: the stretches are said beside it only when the ratio changed.
  // A goal a limit held over the whole log is no GOGC's (GoalCap.wholeLog): no stretches.
  const found = gcIsOff(analysis) || goalCap?.wholeLog ? [] : goalRatioPhases(analysis, goalsMB);
  const phases = goalCap && found.length < 2 ? [] : found;
  const capped = { ...analysis, ...(goalCap ? { goalCap } : {}), ...(phases.length > 0 ? { goalPhases: phases } : {}), ...(pinned ? { goalPinned: pinned } : {}) };
  return { ...capped, verdict: verdictOf(capped, heap, false) };
}

/** A stretch of a GC log whose heap goal held one ratio to the live heap the GC before left (goalRatioPhases). */
export interface GoalRatioPhase {
  /** The first and last GC of the stretch (gctrace's numbers). */
  fromGc: number;
  toGc: number;
  /** The median of goal / C before, each read at the middle of its whole MB (gctrace truncates both). */
  ratio: number;
  /**
   * The GOGC that ratio implies, (ratio − 1) × 100: a round figure (a multiple of 100, else of 50) when one is within what
   * gctrace's whole MB leave open (gogcWithinTruncation), else to tens.
   */
  gogc: number;
  /** The goal held within a whole MB while C moved by more than GOGC could leave it put (goalHeldWhileLiveMoved): a memory limit's. */
  goalHeld?: { lowGoalMB: number; highGoalMB: number; lowLiveMB: number; highLiveMB: number };
}

/** A ratio that moves by this factor or more, and holds for GOAL_PHASE_MIN_CYCLES, starts a new stretch: GOGC=100's goal reads 1.9–2.2 times C in whole MB. */
const GOAL_PHASE_STEP = 1.6;

/** The fewest GCs a stretch of one goal ratio counts: fewer is a pause or a burst, not a GOGC. */
const GOAL_PHASE_MIN_CYCLES = 5;

/** A GOGC this high or higher, read from a log's goal over its live heap, is one set above the default (gcoff.ts GOGC_SET_ABOVE, with a whole MB's slack). */
const GOAL_PHASE_HIGH_GOGC = 200;

/** One GC of a goal-ratio stretch: its goal and the C before it, whole MB as gctrace prints them, and their ratio at the middle of each MB. */
interface GoalPoint {
  gc: number;
  ratio: number;
  goal: number;
  live: number;
}

/**
 * The GOGC a stretch's goal ratio implies, rounded no finer than gctrace's whole MB can tell: each MB
 * count is truncated, so the stretch's typical GC (the one whose ratio is the median) had a goal in
 * [goal, goal + 1) over a C in [live, live + 1), a GOGC between goal / (live + 1) − 1 and (goal + 1) /
 * live − 1, times 100. The multiple of 100 in that range nearest the ratio's own figure, else the
 * multiple of 50, else the figure to tens. The captured go1.19-audit41-gogc's first 235 GCs (goal 44
 * MB over C 8 MB under SetGCPercent(400), 17 MB over 8 MB under the default) read "GOGC ≈ 420" and
 * "GOGC ≈ 110": 44 MB over 8 MB leaves 389–462 open, 17 over 8 leaves 89–125.
 */
function gogcWithinTruncation(stretch: readonly GoalPoint[], ratio: number): number {
  const figure = (ratio - 1) * 100;
  const typical = stretch.reduce<GoalPoint | undefined>((best, p) => (best === undefined || Math.abs(p.ratio - ratio) < Math.abs(best.ratio - ratio) ? p : best), undefined);
  const tens = Math.max(10, Math.round(figure / 10) * 10);
  if (!typical || typical.live <= 0) return tens;
  const [low, high] = [(typical.goal / (typical.live + 1) - 1) * 100, ((typical.goal + 1) / typical.live - 1) * 100];
  const round = (step: number): number | undefined => {
    const nearest = Math.round(figure / step) * step;
    return [nearest, nearest - step, nearest + step].filter((v) => v > 0 && v >= low && v <= high).sort((x, y) => Math.abs(x - figure) - Math.abs(y - figure))[0];
  };
  return round(100) ?? round(50) ?? tens;
}

/**
 * A stretch whose goal held within a whole MB (gctrace's truncation) while the C before it moved by
 * two MB or more: a goal GOGC sets moves with C, by the ratio times as much, beyond what a whole MB
 * hides, so one held so is a memory limit's (GOMEMLIMIT, GOGC off or high), not a GOGC's. The
 * captured go1.19-audit-work/05-memlimit (GOGC=off GOMEMLIMIT, goal 50–51 MB while C moved 15–18 MB)
 * was "3.1× … (GOGC ≈ 210) … GOGC was set above the default, or GOGC is off under a memory limit".
 * Undefined when not.
 */
function goalHeldWhileLiveMoved(stretch: readonly GoalPoint[], ratio: number): GoalRatioPhase['goalHeld'] {
  if (stretch.length < GOAL_PHASE_MIN_CYCLES) return undefined;
  const goals = stretch.map((p) => p.goal);
  const lives = stretch.map((p) => p.live);
  const [lowGoalMB, highGoalMB, lowLiveMB, highLiveMB] = [Math.min(...goals), Math.max(...goals), Math.min(...lives), Math.max(...lives)];
  // C's moves, beyond its own truncation, times the ratio: what a GOGC's goal would have moved by at least.
  const moved = (highLiveMB - lowLiveMB - 1) * ratio;
  return highGoalMB - lowGoalMB <= 1 && highLiveMB - lowLiveMB >= 2 && moved > highGoalMB - lowGoalMB + 1 ? { lowGoalMB, highGoalMB, lowLiveMB, highLiveMB } : undefined;
}

/**
 * The stretches of the log over which the heap goal held one ratio to the live heap the GC before
 * it left (C): GOGC sets cycle i's goal from the heap cycle i−1 marked, (1 + GOGC/100) times it, so a
 * ratio that holds is GOGC, and one that moves by GOAL_PHASE_STEP or more and stays there for
 * GOAL_PHASE_MIN_CYCLES GCs is GOGC changed at run time (debug.SetGCPercent). Each MB count is read
 * at the middle of its whole MB (gctrace truncates). Only cycles after one whose C is limitMinLiveMB
 * or more (the runtime's minimum goal sets smaller heaps' goals). Returned when a stretch reads
 * GOAL_PHASE_HIGH_GOGC or more (below GOGC=100's, a memory limit's cap reads the same): the captured
 * go1.19-audit41-gogc's log (SetGCPercent(400) at 20 s, SetGCPercent(50) at 80 s), goal 17 → 45 →
 * 12 MB over a live heap of 8 MB, was "Churn with a capped heap goal … GOGC=50", with no word of
 * the 45 MB goal; its first 235 GCs, "Churn, not a leak", with none at all. Empty otherwise.
 */
function goalRatioPhases(a: Omit<GcTraceAnalysis, 'verdict'>, goalsMB: readonly number[]): GoalRatioPhase[] {
  const points: GoalPoint[] = [];
  for (let i = 1; i < a.liveMB.length; i++) {
    const live = a.liveMB[i - 1] ?? 0;
    const goal = goalsMB[i] ?? 0;
    if (live >= GCTRACE_THRESHOLDS.limitMinLiveMB && goal > 0) points.push({ gc: a.gcNumbers[i] ?? i + 1, ratio: (goal + 0.5) / (live + 0.5), goal, live });
  }
  const far = (r: number, level: number): boolean => Math.max(r / level, level / r) >= GOAL_PHASE_STEP;
  const starts: number[] = [0];
  let level = points[0]?.ratio ?? 0;
  for (let j = 1; j < points.length; j++) {
    const next = points.slice(j, j + GOAL_PHASE_MIN_CYCLES);
    if (next.length < GOAL_PHASE_MIN_CYCLES || !next.every((p) => far(p.ratio, level) && (p.ratio > level) === ((points[j]?.ratio ?? 0) > level))) continue;
    starts.push(j);
    level = median(next.map((p) => p.ratio));
  }
  const phases = starts.map((start, k) => {
    const stretch = points.slice(start, starts[k + 1] ?? points.length);
    const ratio = median(stretch.map((p) => p.ratio));
    const held = goalHeldWhileLiveMoved(stretch, ratio);
    return { fromGc: stretch[0]?.gc ?? 0, toGc: stretch[stretch.length - 1]?.gc ?? 0, ratio, gogc: gogcWithinTruncation(stretch, ratio), ...(held ? { goalHeld: held } : {}) };
  }).filter((p) => p.toGc > p.fromGc);
  // Below GOGC=100's alone, a memory limit's cap reads the same (goalCapped says it): only a goal above it is GOGC's to say.
  return phases.some((p) => p.gogc >= GOAL_PHASE_HIGH_GOGC) ? phases : [];
}

/**
 * ` The heap goal was 5.4 times the live heap the GC before left from gc 133 to gc 245 (GOGC ≈ 440),
 * where GOGC=100 sets about twice it; …: GOGC was changed at run time …` — the log's goal phases
 * (goalRatioPhases) said after the verdict; '' without.
 */
function goalPhasesWords(phases: readonly GoalRatioPhase[] | undefined): string {
  if (!phases || phases.length === 0) return '';
  const mb = (low: number, high: number): string => (low === high ? `${low} MB` : `${low}–${high} MB`);
  const one = (p: GoalRatioPhase): string => (p.goalHeld
    ? `${p.ratio.toFixed(1)}× from gc ${p.fromGc} to gc ${p.toGc}, the goal held at ${mb(p.goalHeld.lowGoalMB, p.goalHeld.highGoalMB)} while C moved between ${p.goalHeld.lowLiveMB} and ${p.goalHeld.highLiveMB} MB`
    : `${p.ratio.toFixed(1)}× from gc ${p.fromGc} to gc ${p.toGc} (GOGC ≈ ${p.gogc})`);
  const high = phases.some((p) => p.gogc >= GOAL_PHASE_HIGH_GOGC);
  const held = phases.filter((p) => p.goalHeld !== undefined);
  const gogc = phases.length >= 2 ? 'GOGC was changed at run time (debug.SetGCPercent)' : 'GOGC was set above the default';
  // A goal that held while C moved is a limit's: GOGC would have moved it (goalHeldWhileLiveMoved); one over a C that held reads both ways.
  const what = held.length === phases.length
    ? 'a goal GOGC sets moves with the live heap, by that ratio times as much, so one that held while C moved is a memory limit\'s (GOMEMLIMIT, with GOGC off or set high), not GOGC\'s'
    : held.length > 0 ? `${gogc}, and where the goal held while C moved, a memory limit held it (GOMEMLIMIT): a goal GOGC sets moves with the live heap`
      : `${gogc}, or GOGC is off under a memory limit, whose goal stays put as the live heap moves`;
  const cost = high ? '; the heap between GCs, garbage included, grows to the goal, so a high GOGC holds that much more memory for fewer GCs' : '';
  return ` The heap goal over the live heap the GC before left (gctrace's goal over C, each at the middle of its whole MB) was ${phases.map(one).join(', then ')}, where GOGC=100 sets about 2×: ${what}${held.length === phases.length ? '' : cost}.`;
}

/**
 * The log's verdict from its heap's (judgeHeap: `heap`), its capped goal (GcTraceAnalysis.goalCap)
 * said with the memory limit known (`known`: withGcLogLimit) or not, and the GC off said after it.
 */
function verdictOf(a: Omit<GcTraceAnalysis, 'verdict'>, heap: SeriesVerdict, known: boolean): Omit<SeriesVerdict, 'limit'> {
  const verdict = withGcOff(withoutLimit(judge(a, heap, known)), a);
  const phases = goalPhasesWords(a.goalPhases);
  // A churn's or a stable heap's rate that changed: the one pace its words give averages the stretches. (A plateau, kind
  // stable too, grew while it allocated fast: its words say the fill.)
  const rates = verdict.summary.startsWith('Churn') || verdict.summary.startsWith('Stable') ? allocationPhasesWords(a) : '';
  return phases || rates ? { ...verdict, summary: `${verdict.summary}${phases}${rates}` } : verdict;
}

/** Cycle `i`'s heap at its start (A) and the stacks it scanned, MB: what Go held at least then. */
function heapAt(a: Pick<GcTraceAnalysis, 'heapStartMB' | 'stacksMB'>, i: number): number {
  return (a.heapStartMB[i] ?? 0) + (a.stacksMB[i] ?? 0);
}

/** `the heap`, or with the stacks cycle `i` scanned: what its amount (heapAmount) is of. */
function heapSubject(a: Pick<GcTraceAnalysis, 'stacksMB'>, i: number): string {
  return (a.stacksMB[i] ?? 0) > 0 ? 'the heap and the goroutine stacks the GC scanned' : 'the heap';
}

/** `53 MB before gc 2, 82.8% of it`, `55 MB (A 53 MB + 2 MB stacks) before the log's last GC (gc 12), …`. */
function heapAmount(a: Omit<GcTraceAnalysis, 'verdict'>, i: number, limitBytes: number): string {
  const stacks = a.stacksMB[i] ?? 0;
  const parts = stacks > 0 ? ` (A ${a.heapStartMB[i] ?? 0} MB + ${stacks} MB stacks)` : '';
  const gc = `gc ${a.gcNumbers[i] ?? i + 1}`;
  const when = i === a.heapStartMB.length - 1 && i > 0 ? `the log's last GC (${gc})` : gc;
  return `${heapAt(a, i)} MB${parts} before ${when}, ${formatPercent(heapAt(a, i) * BYTES_PER_MB, limitBytes)} of it`;
}

/**
 * Where the log's heap stood against `limit` (undefined without one or without cycles). The roles
 * are the series' (analyze/series/limit.ts heldRole), on the heap at each GC's start with its
 * scanned stacks; below memoryLimitShare, `possible` from limitPossibleShare of the limit.
 */
export function gcLogLimitStanding(a: Omit<GcTraceAnalysis, 'verdict'>, limit: KnownLimit): GcLogLimitStanding | undefined {
  const count = a.heapStartMB.length;
  if (count === 0) return undefined;
  let peakAt = 0;
  for (let i = 1; i < count; i++) if (heapAt(a, i) > heapAt(a, peakAt)) peakAt = i;
  const last = count - 1;
  const bytes = (i: number): number => heapAt(a, i) * BYTES_PER_MB;
  const peakRole = heldRole(bytes(peakAt), limit.bytes);
  const role: LimitStanding['role'] = peakRole === 'none' && bytes(peakAt) >= GCTRACE_THRESHOLDS.limitPossibleShare * limit.bytes ? 'possible' : peakRole;
  // Reached or exceeded at the last GC as at the peak: the last GC is the one to speak of (the peak said when it reads otherwise).
  const at = heldRole(bytes(last), limit.bytes) === role ? last : peakAt;
  const standing = { gomemlimitBytes: limit.bytes, origin: limit.origin, role, peakHeapBytes: bytes(peakAt), peakCycle: a.gcNumbers[peakAt] ?? peakAt + 1, heapBytes: bytes(last) };
  return { ...standing, text: gcLogStandingWords(a, standing, limit, at, peakAt) };
}

/**
 * `GOMEMLIMIT 64.0 MiB (given): the heap reached at most 53 MB before gc 2, 82.8% of it; …`, as a
 * series says it (limit.ts standingWords), in the past tense (a log is a record): `at` is the GC
 * spoken of (the last when it still reads so), `peakAt` the one whose heap was the largest.
 */
function gcLogStandingWords(a: Omit<GcTraceAnalysis, 'verdict'>, s: Omit<GcLogLimitStanding, 'text'>, limit: KnownLimit, at: number, peakAt: number): string {
  const head = limitHead(limit);
  const last = a.heapStartMB.length - 1;
  const amount = (i: number): string => heapAmount(a, i, s.gomemlimitBytes);
  const beside = 'idle spans, goroutine stacks, runtime metadata: a GC log does not print them';
  switch (s.role) {
    case 'none':
      return `${head}: ${heapSubject(a, peakAt)} reached at most ${amount(peakAt)}; Go holds more than its heap (${beside}), but would need more than half as much again to come near the limit: the limit most likely played no part.`;
    case 'possible':
      return `${head}: ${heapSubject(a, peakAt)} reached at most ${amount(peakAt)}; Go holds more than its heap (${beside}), so it may have held about the limit, where the GC collects more often to stay under it: a /metrics scrape or heap?debug=1 dump of the process says what Go held (Sys − HeapReleased, what the limit bounds).`;
    case 'reached':
    case 'exceeded': {
      const toEnd = at === last;
      const atMost = at === peakAt ? '' : ` (at most ${heapAt(a, peakAt)} MB, ${formatPercent(s.peakHeapBytes, s.gomemlimitBytes)}, before gc ${s.peakCycle})`;
      const since = toEnd ? '' : `; before the log's last GC (gc ${a.gcNumbers[last] ?? last + 1}) it was ${heapAt(a, last)} MB, ${formatPercent(s.heapBytes, s.gomemlimitBytes)} of it`;
      const held = `${heapSubject(a, at)} ${toEnd && at !== peakAt ? 'was' : 'reached'} ${amount(at)}${atMost}`;
      if (s.role === 'reached') return `${head}: ${held}: the limit held the heap down${toEnd && last > 0 ? ' to the end of the log' : ' then'} (${NEAR_LIMIT})${since}.`;
      const live = a.liveMB[at] ?? 0;
      return `${head}: ${held}: ${exceededWhy(`the live heap after that GC alone (C ${live} MB)`, live * BYTES_PER_MB, s.gomemlimitBytes, false)}${since}.`;
    }
  }
}

/**
 * The analysis with its verdict ending with where its heap stood against `limit`, when one is
 * known (analyze's --gomemlimit, a scrape's go_gc_gomemlimit_bytes beside the log): as a series
 * verdict does (analyze/series/verdict.ts judgeSeries).
 */
export function withGcLogLimit(analysis: GcTraceAnalysis, limit: KnownLimit | undefined): GcTraceAnalysis {
  const standing = limit && gcLogLimitStanding(analysis, limit);
  if (!standing) return analysis;
  // A goal far above GOGC=100's under a limit that played its part is the limit's (GOGC off beside it), no GOGC to say:
  // go1.19-gctrace-limit's GOGC=off GOMEMLIMIT=256MiB sawtooth, goal 8.4 times C, was "GOGC ≈ 740".
  const limitsGoal = analysis.goalPhases !== undefined && standing.role !== 'none';
  const base: GcTraceAnalysis = limitsGoal ? { ...analysis, goalPhases: undefined } : analysis;
  // A capped goal's two possible causes are one once the limit is known: its words said so from the start.
  const verdict = base.goalCap || limitsGoal ? verdictOf(base, judgeHeap(base), base.goalCap !== undefined) : analysis.verdict;
  return { ...base, verdict: { ...verdict, summary: `${verdict.summary} ${standing.text}`, limit: standing } };
}

/** The log's last goal is about 2^63 bytes: the GC off (GOGC=off, no GOMEMLIMIT: analyze/gcoff.ts). */
function gcIsOff(a: Pick<GcTraceAnalysis, 'goalMB'>): boolean {
  return a.goalMB !== undefined && a.goalMB * BYTES_PER_MB >= GC_OFF_GOAL;
}

/**
 * The GC off (GOGC=off, no GOMEMLIMIT: analyze/gcoff.ts), as a log shows it: a goal of ~2^63
 * bytes (`8796093022195 MB goal`), so only forced GCs run (the captured
 * go1.19-audit28-gogcoff/gc1/stderr.log: five, each a dump's ?gc=1, `48->48->8 MB`), and between
 * them the heap keeps everything the program allocates. Said after the verdict, whatever it is.
 */
function withGcOff<V extends Pick<SeriesVerdict, 'summary'>>(verdict: V, a: Omit<GcTraceAnalysis, 'verdict'>): V {
  if (!gcIsOff(a)) return verdict;
  const peak = a.cycles > 0 ? ` (up to ${a.peakMB} MB before a GC here)` : '';
  return {
    ...verdict,
    summary: `${verdict.summary} The heap goal is ${a.goalMB} MB, about 2^63 bytes: the GC is off (GOGC=off, no GOMEMLIMIT), so only forced GCs run, and between them the heap keeps everything the program allocates${peak}. ${capitalized(SET_GOGC)}.`,
  };
}

/** How a verdict that cannot tell a leak from a fill or a staircase begins (withinResolution, staircase): one a capped goal is said after. */
const CANNOT_TELL = 'Cannot tell from this log whether memory leaks: ';

/** A live heap still rising: a leak, or one the log cannot tell from a fill (withinResolution, staircase). */
function risingHeap(verdict: SeriesVerdict): boolean {
  return verdict.kind === 'leak' || verdict.summary.startsWith(CANNOT_TELL);
}

/** The heap's verdict is one a capped goal is said with: a plateau, a stable heap, churn, or a rising live heap. */
function speaksOfCap(verdict: SeriesVerdict): boolean {
  return verdict.kind === 'stable' || verdict.kind === 'churn' || risingHeap(verdict);
}

/**
 * The heap's verdict (judgeHeap: `verdict`), and one whose heap goal a memory limit caps
 * (GcTraceAnalysis.goalCap): a plateau, a stable heap or churn said as held at that limit (the
 * log's own reading, then what the cap costs), and a rising live heap (a leak, or one the log
 * cannot tell from a fill) said as growing into it. `known`: the limit is known (withGcLogLimit),
 * so the cap is said as its, with no other cause and no ask for it.
 */
function judge(a: Omit<GcTraceAnalysis, 'verdict'>, verdict: SeriesVerdict, known: boolean): SeriesVerdict {
  const cap = a.goalCap;
  if (!cap) return verdict;
  return risingHeap(verdict) ? risingToCappedGoal(verdict, a, cap, known) : atCappedGoal(verdict, a, cap, known);
}

function judgeHeap(a: Omit<GcTraceAnalysis, 'verdict'>): SeriesVerdict {
  const t = GCTRACE_THRESHOLDS;
  const live = a.liveMB;
  const first = live[0];
  const last = live[live.length - 1];
  if (first === undefined || last === undefined || live.length < 3 || !a.floorsMB) {
    return { kind: 'unknown', leak: 'unknown', evidence: [], confidence: 'low', summary: `Only ${live.length} GC cycle${live.length === 1 ? '' : 's'} in the log: too few to tell a leak from a peak; log for longer.` };
  }
  const [, f2, f3] = a.floorsMB;
  const when = `over ${spanText(a.spanSeconds)} and ${live.length} GCs`;
  // Complete climbs and falls whose floors rose at every fall: a leak under a recurring peak, both said (underRecurringPeak),
  // before the thirds' floors are read: a third's lowest point may be the previous cycle's floor.
  const sawtooth = recurringPeak(a);
  if (sawtooth?.rising) return underRecurringPeak(a, sawtooth, sawtooth.rising);
  // A leak raises the floor in every third of the log, and the floor still rises at the end of
  // it (laterFloors): a cache that filled, then held (36 MB for the last 8 of 15 GCs), rose and
  // stopped. A slow leak after a fast warm-up (1 → 67 → 70 MB, then 69 → 70 → 71 MB over the later
  // half) still rises there; its floors show it, not keepsRising on the thirds (most of the rise
  // was the warm-up). The rise must also go on after start-up warm-up (the program's first
  // second): the cycles after it are the evidence, as ≥3 GC-separated snapshots are in a series of
  // dumps (reasoning.md §3), and too few of them is `unknown`, never a leak.
  const floorRose = floorsRise(a.floorsMB);
  const later = laterFloors(live, a.atSeconds);
  const warm = warmUpCycles(a.atSeconds);
  const settled = live.slice(warm);
  const settledFloors = floors(settled, a.atSeconds.slice(warm));
  const floorsRising = floorRose && settledFloors !== undefined && risesAtEveryStep(settledFloors) && risesAtEveryStep(later);
  // The floors may rise in every window only because one falls in the fill's tail (the bounded
  // LRU: 20 → 21 → 22 MB over the later half, GC 8 read as the fill ended, then 21.96 → 22.01 MiB
  // read 21 → 22): beyond the fill, the floor must rise by more than the log can resolve.
  const beyond = beyondFill(live, a.atSeconds, f3);
  // (A log of 3 GCs has only its last beyond the fill: nothing to measure there, judged as before.)
  const steady = steadyLaterRise(live, a.atSeconds);
  // Every third's floor higher, overall and after warm-up, rising on in the later thirds (2 → 3
  // → 4 MB after the first second; keepsRising: not a fill that rose once, 12 → 17 → 18 MB),
  // though the later half's thirds may not each show a whole MB more: a slow rise (0.8 MB a
  // second) read in whole MB. Never churn, a plateau or a flat floor: a leak when the later half's
  // floors rose by more than the log's resolution, else it cannot tell (climbWithinResolution).
  // (A staircase, rises of 2 MB and a quarter with a hold between, stays one: staircase().)
  const climbing = floorRose && settledFloors !== undefined && risesAtEveryStep(settledFloors) && keepsRising(settledFloors) && !floorStaircase(settled);
  const climbs = (later[later.length - 1] ?? 0) - (later[0] ?? 0) > t.resolutionRiseMB;
  const stacks = a.stacksMB;
  const stacksRising = stacksGrow(stacks);
  const heapRising = (floorsRising && (beyond.floorsMB.length < 2 || beyond.riseMB > t.resolutionRiseMB || steady !== undefined)) || (climbing && climbs);
  // The log's last GCs held for a large share of its time: a plateau, however few of its GCs that is (heldTail), where the
  // counts alone would say a leak or that the log cannot tell.
  const tail = (floorsRising || climbing) && !stacksRising ? heldTail(a) : undefined;
  if (tail) return heldByTime(a, tail);
  if (floorsRising && !heapRising && !stacksRising) return withinResolution(a, f3, beyond);
  if (climbing && !heapRising && !stacksRising) return climbWithinResolution(a, settledFloors, later);
  if (heapRising || stacksRising) {
    const evidence: LeakEvidence[] = [];
    if (heapRising) {
      const slower = keepsRising(a.floorsMB) || !floorsRising ? '' : ` and still rises after the warm-up, more slowly (${later.join(' → ')} MB over the later half)`;
      // Said when it is what tells the rise from a fill that stopped (withinResolution otherwise).
      const resolved = floorsRising && (beyond.floorsMB.length < 2 || beyond.riseMB > t.resolutionRiseMB);
      const steadyWords = resolved
        ? ''
        : steady
          ? `, and rose steadily by ${steady.riseMB} MB over the later half (${steady.fromMB} → ${steady.toMB} MB over its last ${steady.cycles} GCs, never falling): more than gctrace's whole-MB truncation explains${steady.stepMB <= 1 ? ', though no GC added more than one' : ''}`
          : `, and its floor over the later half of the log rose ${later.join(' → ')} MB: more than gctrace's whole-MB truncation makes of a fill that stopped`;
      evidence.push({ kind: 'live-heap', text: `the live heap after GC keeps rising, ${first} → ${last} MB ${when}; its floor rose in ${floorThirdsWords(a)}${slower}${steadyWords}` });
    }
    if (stacksRising) {
      evidence.push({ kind: 'stack-inuse', text: `the goroutine stacks the GC scans (its "MB stacks") never fell and rose ${stacks[0] ?? 0} → ${stacks[stacks.length - 1] ?? 0} MB ${when}: goroutines that do not end, or ever deeper stacks (compare goroutine dumps taken a while apart)` });
    }
    // Ties count as rises here: the runtime prints whole MB, so a slow leak reads the same MB for
    // several GCs; the floors above are what tell a leak from a plateau.
    let risen = 0;
    for (let i = 1; i < live.length; i++) if ((live[i] ?? 0) >= (live[i - 1] ?? 0)) risen++;
    const rising = risen / (live.length - 1);
    // The stacks column alone is the GC's scan estimate, not StackInuse: medium at most.
    const confidence = heapRising ? (live.length >= 8 && rising >= 0.8 ? 'high' : live.length >= 5 ? 'medium' : 'low') : live.length >= 5 ? 'medium' : 'low';
    return { kind: 'leak', leak: 'suspected', evidence, confidence, summary: `Leak suspected (${confidence} confidence): ${evidence.map((e) => e.text).join('; ')}.` };
  }
  // Two complete climbs and falls or more, at about the same height and floor: a load that comes and goes (recurringPeak).
  if (sawtooth) return recurring(a, sawtooth);
  // One large drop between two rising runs: the run since it is judged on its own (riseAfterDrop).
  const again = riseAfterDrop(a);
  if (again) return roseAgain(a, again);
  const [minLive, maxLive] = extremes(live);
  if (floorRose && settled.length < 3) {
    return tooFewSettled(live, warm, `grew the live heap ${first} → ${live[warm - 1] ?? last} MB`, ' as it filled its working set');
  }
  const floorFlat = Math.abs(f3 - f2) <= Math.max(1, t.flatShare * Math.max(f2, 1));
  // Forced GCs (runtime.GC, debug.FreeOSMemory, a profiler's ?gc=1) are the program's calls, not
  // allocation pressure: the churn rate (gcPerMinute) counts the others only.
  const perMinute = a.gcPerMinute;
  // A pace from the warm-up's cycles (12 GCs in 122 ms, then 2 in the next 1.4 s) is no churn:
  // fewer than 3 cycles after it tell nothing (the stable case below says so).
  const churning = floorFlat && settled.length >= 3 && perMinute !== undefined && perMinute >= t.churnGcPerMinute;
  const pace = `${(perMinute ?? 0).toFixed(0)} GCs a minute${a.forcedCycles > 0 ? ` (not counting ${a.forcedCycles} forced)` : ''}`;
  // Churn before peak: at GOGC=100 every cycle's A is about twice its C, and a busy program's C
  // swings with what is in flight, so a swing of A is no peak. A live heap that itself rose far
  // above where it ends is one, churn or not: the runtime keeps what it grew into.
  const livePeaked = maxLive >= t.livePeakPerLast * Math.max(last, 1);
  const alsoChurn = churning ? ` ${churnsToo(a)}` : '';
  // A burst of goroutines that came and went (reasoning.md §7, as StackInuse in dumps): the stacks
  // column rose and fell back to half its peak or less, by more than the live heap fell. The 250 MB
  // of stacks of 4,000 goroutines (0 → 220 → 250 → 0 MB) beside a live heap of 0–2 MB was "Stable".
  const burst = stackBurst(a.stacksMB);
  if (burst && burst.peakMB - burst.lastMB >= maxLive - last) {
    return {
      kind: 'peak-retention',
      leak: 'not-suspected',
      evidence: [],
      confidence: live.length >= 5 ? 'high' : 'medium',
      summary: `Peak, not a leak: ${stackBurstWords(burst, a.gcNumbers)}, while the live heap after GC stayed ${staysAt(minLive, maxLive)} ${when}: the stacks, not the live heap, grew the process, and their freed spans are heap the runtime keeps until the scavenger returns it.${alsoChurn}`,
    };
  }
  // Churn whose GCs start at the live heap: a memory limit holds the goal there, not allocation to cut.
  const held = churning && !livePeaked ? goalHeldAtLive(a, warm) : undefined;
  if (held) return limitBound(a, pace, f3, maxLive, held);
  if (churning && !livePeaked) return churn(a, pace, f3, maxLive);
  // The live heap must have fallen by a size the log can show (0 → 0 MB under 3 MB peaks is none).
  if (a.peakMB >= t.peakPerLive * Math.max(last, 1) && last <= 0.5 * maxLive && maxLive - last >= t.leakMinGrowthMB) {
    return {
      kind: 'peak-retention',
      leak: 'not-suspected',
      evidence: [],
      confidence: live.length >= 5 ? 'high' : 'medium',
      summary: `Peak, not a leak: the heap reached ${a.peakMB} MB before a GC and the live heap fell back from ${maxLive} to ${last} MB ${when}; ${KEEPS_WHAT_IT_GREW_INTO}${alsoChurn}`,
    };
  }
  if (churning) return churn(a, pace, f3, maxLive);
  // Rose, held and rose again after start-up (staircase.ts): the floor held at the end is no sign it stopped.
  const stairs = floorRose ? floorStaircase(settled) : undefined;
  if (stairs) return staircase(a, warm, stairs);
  if (floorRose) {
    // The floor rose, then levelled off: held from the cycle after the last one below the last third's floor.
    let settledAt = live.length;
    while (settledAt > 0 && (live[settledAt - 1] ?? 0) >= f3) settledAt--;
    const held = live.length - settledAt;
    const [low, high] = extremes(live, settledAt);
    // A plateau stays within its band (plateauBandPerFloor); one that moved further did not stop.
    if (high > t.plateauBandPerFloor * low + t.resolutionRiseMB) return notHeld(a, f3, settledAt, later);
    const range = staysAt(low, high);
    return {
      kind: 'stable',
      leak: 'not-suspected',
      evidence: [],
      confidence: held >= 8 ? 'high' : 'medium',
      summary: `A plateau, not a leak: the live heap after GC rose ${first} → ${f3} MB, then stayed ${range} for the last ${held} of ${live.length} GCs over ${spanText(a.spanSeconds)}: it grew, then stopped (its floor over the later half of the log: ${later.join(' → ')} MB).${forcedWords(a)}`,
    };
  }
  // A flat live heap is no evidence either when it is the warm-up's: a program that exits within
  // its first second (12 GCs in 119 ms, 3 MB each) has not run long enough to show a leak. (A
  // peak above is: its fall is what the cycles show, warm-up or not.)
  if (settled.length < 3) {
    const [warmLow, warmHigh] = extremes(live, 0, warm);
    return tooFewSettled(live, warm, `kept the live heap ${staysAt(warmLow, warmHigh)}`, '');
  }
  // A range wider than a plateau's band (plateauBandPerFloor times its lowest, plus resolutionRiseMB) is no stable heap: the
  // session server's log, ~1 MB for 115 GCs, then 1 → 413 MB over its last 13 and falling since, was "Stable: … between 0 and 413 MB".
  // Read after start-up's warm-up: the limit-capped cache of go1.19-limit-binding/stable48, 2 → 31 MB over its first 7 GCs,
  // then 31 MB at every GC, is stable.
  const [settledLow, settledHigh] = extremes(live, warm);
  if (settledHigh > t.plateauBandPerFloor * Math.max(settledLow, 1) + t.resolutionRiseMB) return tooWideForStable(a, minLive, maxLive, when);
  return {
    kind: 'stable',
    leak: 'not-suspected',
    evidence: [],
    confidence: live.length >= 10 ? 'medium' : 'low',
    summary: `Stable: the live heap after GC stays ${staysAt(minLive, maxLive)} ${when}.${forcedWords(a)}`,
  };
}

/** What the runtime keeps after a peak of the live heap, said after the peak's figures. */
const KEEPS_WHAT_IT_GREW_INTO = 'the runtime keeps the memory it grew into: its free spans until the scavenger returns them, and spans that still hold a surviving object for as long as that object lives (fragmentation, which the scavenger cannot return: a heap dump\'s HeapInuse − HeapAlloc says how much).';

/**
 * A live heap after GC that moved further than a stable one does (judgeHeap), with no leak's floors:
 * a past peak being worked off when it fell at each of two GCs or more since its highest (trend.ts
 * fallingSincePeak, each fall by more than the log's resolution); a climb when its last GCs rose
 * to its highest, said from where the climb began; else a range no verdict reads. The session
 * server's log (captured go1.19-audit41-sessions/gctrace-cuts): cut at the top, 1 → 413 MB over
 * its last 13 GCs; cut five GCs later, 413 → 400 → 386 → 372 → 358 → 346 MB.
 */
function tooWideForStable(a: Omit<GcTraceAnalysis, 'verdict'>, minLive: number, maxLive: number, when: string): SeriesVerdict {
  const t = GCTRACE_THRESHOLDS;
  const live = a.liveMB;
  const last = live.length - 1;
  const gc = (i: number): string => `gc ${a.gcNumbers[i] ?? i + 1}`;
  const off = fallingSincePeak(live, t.resolutionRiseMB);
  if (off) {
    // Every reading from the peak on, the middle left out of a long fall: `413 → 400 → 386 → … → 260 → 219`.
    const since = live.slice(off.at);
    const fell = (since.length > 8 ? [...since.slice(0, 4), '…', ...since.slice(-2)] : since).join(' → ');
    return {
      kind: 'peak-retention',
      leak: 'not-suspected',
      evidence: [],
      confidence: 'medium',
      summary: `Peak, not a leak: the live heap after GC peaked at ${maxLive} MB (${gc(off.at)}) and fell at each of the ${off.steps} GCs since (${fell} MB, −${off.by} MB): a past peak being worked off ${when}, not yet back to its lowest (${minLive} MB). A leak would rise again: a longer log tells whether it keeps falling. Meanwhile ${KEEPS_WHAT_IT_GREW_INTO}${forcedWords(a)}`,
    };
  }
  // Rose, then held over a long enough share of the log (heldTail): a plateau, as a rising floor's would be.
  const tail = heldTail(a) ?? heldLevel(a);
  if (tail) return heldByTime(a, tail);
  const level = warmedUp(a);
  if (level) return stableAfterWarmUp(a, level);
  // The climb that ends the log: back from its last GC while each GC before it read less.
  let from = last;
  while (from > 0 && (live[from - 1] ?? 0) < (live[from] ?? 0)) from--;
  if ((live[last] ?? 0) === maxLive && from > 0 && from < last) {
    const [low, high] = extremes(live, 0, from);
    return {
      kind: 'unknown',
      leak: 'unknown',
      evidence: [],
      confidence: 'low',
      summary: `${CANNOT_TELL}the live heap after GC stayed ${staysAt(low, high)} for ${from} GCs, then rose ${live[from] ?? 0} → ${maxLive} MB over its last ${last - from} (${gc(from)} → ${gc(last)}, ${spanText((a.atSeconds[last] ?? 0) - (a.atSeconds[from] ?? 0))}), still rising at the log's end (${when}): a load that passes and a leak read alike until later GCs show whether it falls back. Log for longer, or compare heap dumps taken with ?gc=1 some time apart.${forcedWords(a)}`,
    };
  }
  return {
    kind: 'unknown',
    leak: 'unknown',
    evidence: [],
    confidence: 'low',
    summary: `${CANNOT_TELL}the live heap after GC moved between ${minLive} and ${maxLive} MB ${when}, further than a stable heap moves (${t.plateauBandPerFloor} times its lowest, and ${t.resolutionRiseMB} MB), without rising steadily or falling steadily from its highest. Log for longer, or compare heap dumps taken with ?gc=1 some time apart.${forcedWords(a)}`,
  };
}

/** The last GCs of a log that held (heldTail): from `from`, within `lowMB`–`highMB`, over `seconds`, allocating `perGcMB` a GC. */
interface HeldTail {
  from: number;
  lowMB: number;
  highMB: number;
  seconds: number;
  perGcMB: number;
}

/**
 * The run of the log's last GCs that `fits` keeps (its low and high so far, and the GC before them): where it starts, its
 * range, its time, and what it allocated a GC on average (each GC's A less the C before it).
 */
function lastRun(a: Omit<GcTraceAnalysis, 'verdict'>, fits: (low: number, high: number, v: number) => boolean): { from: number; low: number; high: number; seconds: number; perGcMB: number } {
  const live = a.liveMB;
  const n = live.length;
  let from = n - 1;
  let [low, high] = [live[from] ?? 0, live[from] ?? 0];
  while (from > 0) {
    const v = live[from - 1] ?? 0;
    if (!fits(low, high, v)) break;
    [low, high] = [Math.min(low, v), Math.max(high, v)];
    from--;
  }
  const allocated = a.heapStartMB.slice(from + 1).map((start, i) => start - (live[from + i] ?? 0));
  const perGcMB = allocated.reduce((sum, v) => sum + v, 0) / Math.max(allocated.length, 1);
  return { from, low, high, seconds: (a.atSeconds[n - 1] ?? 0) - (a.atSeconds[from] ?? 0), perGcMB };
}

/**
 * The longest run of the log's last GCs whose live heap (C) rose by one whole MB at most, when it is 2 GCs or more after
 * start-up warm-up, spans GCTRACE_THRESHOLDS.plateauTailTimeShare of the log's time or more, holds the highest C of the
 * log (the heap grew into it, by leakMinGrowthMB at least, not fell to it) and allocated plateauTailAllocPerGcMB or more
 * a GC (each GC's A less the C before it). Undefined otherwise.
 */
function heldTail(a: Omit<GcTraceAnalysis, 'verdict'>): HeldTail | undefined {
  const t = GCTRACE_THRESHOLDS;
  const live = a.liveMB;
  const n = live.length;
  // From `from` on, no GC read more than one whole MB above the first of them (none rose beyond gctrace's truncation), nor fell
  // below half of it (a fall as large is a peak's, judged as such).
  const { from, low, high, seconds, perGcMB } = lastRun(a, (l, h, v) => h - v <= 1 && Math.min(l, v) >= 0.5 * v);
  const grewInto = live.slice(0, from).every((v) => v <= high) && low - (live[0] ?? 0) >= t.leakMinGrowthMB;
  const warm = warmUpCycles(a.atSeconds);
  const held = n - from >= 2 && from >= warm && a.spanSeconds > 0 && seconds >= t.plateauTailTimeShare * a.spanSeconds;
  // At the pace it rose after start-up, the heap would have risen in that time by plateauTailRiseMB or more: far more than
  // gctrace's whole MB hide. A leak too slow for that reads so too (the captured go1.19-audit34-gclog/mixed5.log, 8 KiB kept
  // every 10 ms: 4 → 5 MB over its last 2.1 s, at 0.7 MB a second before) and stays "cannot tell".
  const base = Math.max(0, warm - 1);
  const before = (a.atSeconds[from] ?? 0) - (a.atSeconds[base] ?? 0);
  const paceMB = before > 0 ? ((low - (live[base] ?? 0)) / before) * seconds : 0;
  return held && grewInto && perGcMB >= t.plateauTailAllocPerGcMB && paceMB >= t.plateauTailRiseMB ? { from, lowMB: low, highMB: high, seconds, perGcMB } : undefined;
}

/**
 * The log's last GCs held within resolutionRiseMB (what in-flight work and gctrace's whole MB move it) for half of its GCs
 * or more (3 at least), every GC before them lower: the level a fill rose to, however little it allocated a GC
 * (heldTail asks for a pace). The limit-capped cache of go1.19-limit-binding/stable48: 2 → 31 MB over its first 7 GCs, then
 * 31 MB at each of its last 14 (4 MB allocated a GC under the limit's goal).
 */
function heldLevel(a: Omit<GcTraceAnalysis, 'verdict'>): HeldTail | undefined {
  const t = GCTRACE_THRESHOLDS;
  const live = a.liveMB;
  const n = live.length;
  const { from, low, high, seconds, perGcMB } = lastRun(a, (l, h, v) => Math.max(h, v) - Math.min(l, v) <= t.resolutionRiseMB);
  const held = n - from;
  if (held < 3 || 2 * held < n || !live.slice(0, from).every((v) => v < low) || low - (live[0] ?? 0) < t.leakMinGrowthMB) return undefined;
  return { from, lowMB: low, highMB: high, seconds, perGcMB };
}

/**
 * The log's last GCs held within warmLevelBandShare of their lowest (or resolutionRiseMB) for more than half of its GCs and
 * of its time, every GC before them lower and rising to them by leakMinGrowthMB at least: a warm-up that filled the heap
 * (heldLevel's fill, over more than start-up's first second), then a level held. The captured go1.19-audit42-ptrdense: a
 * 2,000,000-node list built over its first 5 GCs (3 → 83 MB, 6.3 s), then 80–87 MB for the last 12 (67.6 s of 73.7 s).
 */
function warmedUp(a: Omit<GcTraceAnalysis, 'verdict'>): HeldTail | undefined {
  const t = GCTRACE_THRESHOLDS;
  const live = a.liveMB;
  const n = live.length;
  const band = (l: number, h: number): boolean => h - l <= Math.max(t.resolutionRiseMB, t.warmLevelBandShare * l);
  const run = lastRun(a, (l, h, v) => band(Math.min(l, v), Math.max(h, v)));
  const held = n - run.from;
  const fill = live.slice(0, run.from);
  const rising = fill.every((v, i) => v < run.low && (i === 0 || v >= (fill[i - 1] ?? 0)));
  if (held < 3 || 2 * held <= n || 2 * run.seconds <= a.spanSeconds || !rising || run.low - (live[0] ?? 0) < t.leakMinGrowthMB) return undefined;
  return { from: run.from, lowMB: run.low, highMB: run.high, seconds: run.seconds, perGcMB: run.perGcMB };
}

/** `Stable after a warm-up: 80–87 MB after GC for the last 12 GCs (67.6 s of the log's 73.7 s); the first 5 GCs (6.3 s) were …`. */
function stableAfterWarmUp(a: Omit<GcTraceAnalysis, 'verdict'>, level: HeldTail): SeriesVerdict {
  const live = a.liveMB;
  const held = live.length - level.from;
  const range = level.lowMB === level.highMB ? `${level.lowMB} MB` : `${level.lowMB}–${level.highMB} MB`;
  return {
    kind: 'stable',
    leak: 'not-suspected',
    evidence: [],
    confidence: held >= 8 ? 'high' : 'medium',
    summary: `Stable after a warm-up: ${range} after GC for the last ${held} GCs (${spanText(level.seconds)} of the log's ${spanText(a.spanSeconds)}); the first ${level.from + 1} GCs (${spanText(a.atSeconds[level.from] ?? 0)}) were the program filling its heap (${live[0] ?? 0} → ${live[level.from] ?? 0} MB).${forcedWords(a)}`,
  };
}

/** `A plateau, not a leak: the live heap after GC rose 3 → 57 MB, then stayed between 57 and 58 MB for its last 3 of 9 GCs, 19.9 s of the log's 38.4 s …`. */
function heldByTime(a: Omit<GcTraceAnalysis, 'verdict'>, tail: HeldTail): SeriesVerdict {
  const live = a.liveMB;
  const held = live.length - tail.from;
  const allocated = `${Math.round(tail.perGcMB)} MB ${held === 2 ? 'were allocated between them' : 'were allocated per GC on average'}`;
  // Two GCs are one step: no rise, but no plateau either (the captured go1.19-audit40-timers' log, 60 → 58 MB over its last 16.8 s).
  if (held === 2) {
    return {
      kind: 'unknown',
      leak: 'unknown',
      evidence: [],
      confidence: 'low',
      summary: `${CANNOT_TELL}the live heap after GC rose ${live[0] ?? 0} → ${live[tail.from] ?? 0} MB, then its last GC read ${live[live.length - 1] ?? 0} MB, ${spanText(tail.seconds)} later (of the log's ${spanText(a.spanSeconds)}), though ${allocated}: it stopped rising, but one step does not show a plateau. Log for longer, or compare heap dumps taken with ?gc=1 some time apart.${forcedWords(a)}`,
    };
  }
  const fell = fellToLevel(live, tail.from);
  if (fell) {
    const gc = (i: number): number => a.gcNumbers[i] ?? i + 1;
    const level = live.slice(fell.levelFrom);
    const [low, high] = [Math.min(...level), Math.max(...level)];
    const levelSeconds = (a.atSeconds[live.length - 1] ?? 0) - (a.atSeconds[fell.levelFrom] ?? 0);
    return {
      kind: 'stable',
      leak: 'not-suspected',
      evidence: [],
      confidence: live.length - fell.levelFrom >= 8 ? 'high' : 'medium',
      summary: `A plateau, not a leak: the live heap after GC rose ${live[0] ?? 0} → ${fell.peakMB} MB (gc ${gc(fell.peakAt)}), fell to ${live[fell.levelFrom] ?? 0} MB at gc ${gc(fell.levelFrom)} and stayed ${staysAt(low, high)} for its last ${live.length - fell.levelFrom} of ${live.length} GCs, ${spanText(levelSeconds)} of the log's ${spanText(a.spanSeconds)}, while ${allocated}: a peak, part of it freed, then a level that held.${forcedWords(a)}`,
    };
  }
  return {
    kind: 'stable',
    leak: 'not-suspected',
    evidence: [],
    confidence: held >= 8 ? 'high' : 'medium',
    summary: `A plateau, not a leak: the live heap after GC rose ${live[0] ?? 0} → ${tail.lowMB} MB, then stayed ${staysAt(tail.lowMB, tail.highMB)} for its last ${held} of ${live.length} GCs, ${spanText(tail.seconds)} of the log's ${spanText(a.spanSeconds)}, while ${allocated}: it grew, then stopped.${forcedWords(a)}`,
  };
}

/**
 * A held tail (from `from`) that starts above the level it ends at: its highest GC, and the first GC of the level after
 * it (each within a tenth and 1 MB of the last GC's live heap), where that peak is above the level by more than that.
 * The captured go1.19-audit47-bigcache's log, 251 MB at gc 8 and 149 MB from gc 9 on (half its cache evicted), was
 * "stayed between 149 and 251 MB for its last 5 of 12 GCs" (audit 47 #9), a band it never moved in.
 */
function fellToLevel(live: readonly number[], from: number): { peakMB: number; peakAt: number; levelFrom: number } | undefined {
  const last = live[live.length - 1] ?? 0;
  const near = (v: number): boolean => Math.abs(v - last) <= Math.max(0.1 * last, 1);
  let levelFrom = live.length - 1;
  while (levelFrom > from && near(live[levelFrom - 1] ?? 0)) levelFrom--;
  if (levelFrom === from || live.length - levelFrom < 2) return undefined;
  const peak = peakAbove(live, from, levelFrom, last, 0.1, 1);
  return peak && { peakMB: peak.peak, peakAt: peak.at, levelFrom };
}

/**
 * The floor rose, but the GCs after it reached the last third's floor (from `from`) moved beyond a
 * plateau's band (GCTRACE_THRESHOLDS.plateauBandPerFloor): `unknown`, never "stayed between 9 and
 * 108 MB", the range said with what the band allows. (`later`: the floors of the later half.)
 */
function notHeld(a: Omit<GcTraceAnalysis, 'verdict'>, f3: number, from: number, later: readonly number[]): SeriesVerdict {
  const t = GCTRACE_THRESHOLDS;
  const live = a.liveMB;
  const [low, high] = extremes(live, from);
  return {
    kind: 'unknown',
    leak: 'unknown',
    evidence: [],
    confidence: 'low',
    summary: `${CANNOT_TELL}the live heap after GC rose ${live[0] ?? 0} → ${f3} MB, then moved between ${low} and ${high} MB over its last ${live.length - from} of ${live.length} GCs (its floor over the later half of the log: ${later.join(' → ')} MB): a plateau stays within ${t.plateauBandPerFloor} times its lowest, and ${t.resolutionRiseMB} MB (what in-flight work and gctrace's whole MB move it), so the log does not show that it stopped. Log for longer, or compare heap dumps taken with ?gc=1 some time apart.${forcedWords(a)}`,
  };
}

/**
 * The rising floors a verdict quotes, as the report's section shows them: the lowest live heap in each third of the log's
 * time (timeThirds) where those rise too, so that one log shows one set of thirds (go1.19-audit-work/02-subslice: the
 * verdict's 3 → 17 → 47 MB beside the section's 3 → 47 → 60 MB); else the floors it was judged on (floors: each third cut
 * where the earlier of its share of the GCs and of the time ends), named so. `more`: words inside the brackets after them.
 */
function floorThirdsWords(a: Pick<GcTraceAnalysis, 'floorsMB' | 'timeThirds'>, more = ''): string {
  const byTime = a.timeThirds?.map((third) => third.floorMB);
  if (byTime && (byTime[0] ?? 0) < (byTime[1] ?? 0) && (byTime[1] ?? 0) < (byTime[2] ?? 0)) return `every third of the log's time (${byTime.join(' → ')} MB${more})`;
  return `every third of the log, by its GCs (${(a.floorsMB ?? [0, 0, 0]).join(' → ')} MB${more})`;
}

/** Floors of thirds (floors) higher in each, by leakMinGrowthMB and leakMinGrowthShare of the first in all: a leak's. */
function floorsRise([f1, f2, f3]: readonly [number, number, number]): boolean {
  const t = GCTRACE_THRESHOLDS;
  return f1 < f2 && f2 < f3 && f3 - f1 >= t.leakMinGrowthMB && f3 - f1 >= t.leakMinGrowthShare * Math.max(f1, 1);
}

/** The run of a log since its last large drop (riseAfterDrop): where it fell from and to, and how the run after rose. */
interface RiseAfterDrop {
  /** How many large drops the log has (riseAfterDrop), the last of which begins the run. */
  drops: number;
  /** The highest live heap after GC before the last drop, MB, and its GC's number. */
  highMB: number;
  highGc: number;
  /** The run's first GC: the lowest C after the drop (its index in the log, its GC's number, its MB). */
  from: number;
  lowGc: number;
  lowMB: number;
  /** The floors of the run's thirds (floors), MB. */
  floorsMB: [number, number, number];
}

/**
 * A log whose live heap after GC fell once (or more) to a quarter of its highest before or below
 * (GCTRACE_THRESHOLDS.livePeakPerLast: more than in-flight work swings it), by leakMinGrowthMB at
 * least, then rose again: the run from the lowest C after the last such drop, judged as a log of
 * its own is, after start-up warm-up. It rose again when its floor is higher in every third of it,
 * by leakMinGrowthMB and leakMinGrowthShare and by more than the log's resolution, still rising in
 * its later part (keepsRising). Undefined otherwise. One large cleanup between two rising runs is
 * no plateau: the captured go1.19-audit39-ttlcache (a TTL cache whose eviction stops at its first
 * live entry: C 0 → 95 MB, then 11 and 1 MB after one large eviction, then 1 → 108 MB over its last
 * 43 GCs, never falling) was "A plateau, not a leak: … then stayed between 9 and 108 MB".
 */
function riseAfterDrop(a: Omit<GcTraceAnalysis, 'verdict'>): RiseAfterDrop | undefined {
  const t = GCTRACE_THRESHOLDS;
  const live = a.liveMB;
  const all = largeDrops(live, GCTRACE_RECURRING);
  const drops = all.length;
  const drop = all[drops - 1];
  if (!drop) return undefined;
  const [lowMB] = extremes(live, drop.at);
  const from = live.indexOf(lowMB, drop.at);
  const run = live.slice(from);
  const runFloors = floors(run, a.atSeconds.slice(from));
  if (!runFloors || (a.atSeconds[from] ?? 0) < t.warmUpSeconds) return undefined;
  const rose = floorsRise(runFloors) && keepsRising(runFloors) && runFloors[2] - runFloors[0] > t.resolutionRiseMB;
  if (!rose) return undefined;
  const gc = (i: number): number => a.gcNumbers[i] ?? i + 1;
  return { drops, highMB: live[drop.highAt] ?? 0, highGc: gc(drop.highAt), from, lowGc: gc(from), lowMB, floorsMB: runFloors };
}

/** The scale of a GC log's large drops and recurring peaks (series/recurring.ts), in its whole MB. */
const GCTRACE_RECURRING = {
  perFloor: GCTRACE_THRESHOLDS.livePeakPerLast,
  minFall: GCTRACE_THRESHOLDS.leakMinGrowthMB,
  unit: 1,
  spread: GCTRACE_THRESHOLDS.recurringPeakSpread,
  // Rising floors: each a leak's least growth above the one before, beyond the whole-MB truncation.
  floorStep: GCTRACE_THRESHOLDS.leakMinGrowthMB,
};

/** A sawtooth (recurringCycles): its complete cycles, their common height and floor (MB), the seconds between their falls, and how the log ends. */
interface RecurringPeak {
  cycles: number;
  heightMB: number;
  floorMB: number;
  periodSeconds: [number, number];
  /** The highest heap of the GCs after the last fall, MB, when they climbed again (undefined: the log ends at the floor). */
  climbMB: number | undefined;
  /** The floors rose at every fall (recurringCycles floorsRise): each cycle's floor and height (MB) and its fall's GC number. */
  rising: { floorsMB: number[]; heightsMB: number[]; fallGcs: number[]; peakMB: number } | undefined;
}

/**
 * A live heap after GC that climbed to about the same height and fell back to about the same floor at each of 2 large drops
 * or more (series/recurring.ts recurringCycles, every height measured: the highest heap at a GC's start, A, up to and including
 * its fall): complete cycles of one load that comes and goes, a periodic batch's (the captured go1.19-audit42-batch:
 * 3 → 150 MB, then `150->150->0 MB`, three times, then a fourth climb cut by the log's end). About the same: within
 * recurringPeakSpread of the highest. The GCs after the last fall must not climb past it (a run that does is what
 * accumulates: riseAfterDrop). Or the same climbs above floors that rose at every fall (`rising`): a leak under the
 * recurring peak (underRecurringPeak). Undefined otherwise.
 */
function recurringPeak(a: Omit<GcTraceAnalysis, 'verdict'>): RecurringPeak | undefined {
  const r = recurringCycles(a.liveMB, a.heapStartMB, GCTRACE_RECURRING, true);
  if (!r) return undefined;
  const rising = r.floorsRise ? { floorsMB: r.floors, heightsMB: r.heights, fallGcs: r.drops.map((d) => a.gcNumbers[d.at] ?? d.at + 1), peakMB: r.peak } : undefined;
  return { cycles: r.drops.length, heightMB: r.height, floorMB: r.floor, periodSeconds: betweenFalls(r.drops, a.atSeconds), climbMB: r.climb, rising };
}

/**
 * `Leak suspected (medium confidence): under a recurring peak, the live heap after each peak's fall rose 4 → 8 → 12 MB (gc 7,
 * 12, 17), …`: a sawtooth whose floors rose at every fall (recurringPeak `rising`). Judged on the floors alone, what stays
 * after each peak is a leak's rise however high the peaks ride: the fall from the highest to the last C is the peak's, not the
 * leak's undoing (the captured go1.19-audit44-sawtooth's log was "Peak, not a leak: … fell back from 76 to 12 MB"). High
 * confidence from 4 floors, as 4 readings rising at every step make a series' (reasoning.md §3).
 */
function underRecurringPeak(a: Omit<GcTraceAnalysis, 'verdict'>, r: RecurringPeak, rising: NonNullable<RecurringPeak['rising']>): SeriesVerdict {
  const floorsMB = rising.floorsMB;
  const firstMB = floorsMB[0] ?? 0;
  const perCycle = Math.round((r.floorMB - firstMB) / Math.max(1, floorsMB.length - 1));
  const end = r.climbMB === undefined ? 'the log ends at the floor' : `the log ends mid-climb, at ${r.climbMB} MB`;
  const text = `under a recurring peak, the live heap after each peak's fall rose ${floorsMB.join(' → ')} MB (gc ${rising.fallGcs.join(', ')}), +${perCycle} MB per cycle, `
    + `while the peak on top, ~${rising.peakMB} MB above each floor (the heap before a GC reached ${rising.heightsMB.join(' → ')} MB), came and went at each of ${r.cycles} complete cycles, one every ${everyWords(r.periodSeconds, ' s')}; ${end}`;
  const confidence = floorsMB.length >= 4 ? 'high' : 'medium';
  const next = `GOMEMLIMIT or a container limit must allow the next peak: ~${rising.peakMB} MB on top of a floor that rises every cycle`;
  return {
    kind: 'leak',
    leak: 'suspected',
    evidence: [{ kind: 'live-heap', text, underRecurringPeak: true }],
    confidence,
    summary: `Leak suspected (${confidence} confidence): ${text}. What stays after each fall is what accumulates: heap dumps taken with ?gc=1 at two floors name the sites that keep it; ${next}.${forcedWords(a)}`,
  };
}

/** `Peak, not a leak: the live heap after GC climbs to ~150 MB and falls back to ~0 MB at each cycle, 3 cycles ~22–23 s apart; …`. */
function recurring(a: Omit<GcTraceAnalysis, 'verdict'>, r: RecurringPeak): SeriesVerdict {
  const reach = r.climbMB !== undefined && r.climbMB > r.heightMB ? 'about' : 'not yet past';
  // The headline's pace counts the complete cycles; how the log ends is the sentence after it.
  const detail = r.climbMB === undefined ? 'The log ends at the floor.' : `The log ends mid-climb, at ${r.climbMB} MB, ${reach} the ${r.heightMB} MB of every earlier peak.`;
  return {
    kind: 'peak-retention',
    leak: 'not-suspected',
    evidence: [],
    confidence: r.cycles >= 3 ? 'high' : 'medium',
    summary: `${recurringPeakWords('the live heap after GC', `~${r.heightMB} MB`, `~${r.floorMB} MB`, recurringPace(r.cycles, r.periodSeconds, ''), detail)} ${FREE_OS_MEMORY_RECURRING}${forcedWords(a)}`,
  };
}

/**
 * The verdict of a log whose live heap rose again after a drop (riseAfterDrop): a leak suspected
 * when the run climbed past the highest before the drop (what the drop freed came back, and more:
 * something still accumulates), medium confidence at most (one run); else `unknown` (a load that
 * comes and goes rises again too), the rise said with what to do.
 */
function roseAgain(a: Omit<GcTraceAnalysis, 'verdict'>, r: RiseAfterDrop): SeriesVerdict {
  const live = a.liveMB;
  const last = live[live.length - 1] ?? 0;
  const cycles = live.length - r.from;
  const seconds = (a.atSeconds[live.length - 1] ?? 0) - (a.atSeconds[r.from] ?? 0);
  const fell = `${r.drops === 1 ? 'fell once' : `fell ${r.drops} times`}, ${r.drops === 1 ? '' : 'last '}from ${r.highMB} MB (gc ${r.highGc}) to ${r.lowMB} MB (gc ${r.lowGc})`;
  const rise = `then rose again, ${r.lowMB} → ${last} MB over its last ${cycles} of ${live.length} GCs (${spanText(seconds)}), its floor higher in every third of that run (${r.floorsMB.join(' → ')} MB)`;
  if (last > r.highMB) {
    const confidence = cycles >= 8 ? 'medium' : 'low';
    const text = `the live heap after GC ${fell}, ${rise}, past the ${r.highMB} MB it held before the fall: what the fall freed came back and more, so something still accumulates (one large cleanup between two rising runs is no plateau)`;
    return { kind: 'leak', leak: 'suspected', evidence: [{ kind: 'live-heap', text }], confidence, summary: `Leak suspected (${confidence} confidence): ${text}.${forcedWords(a)}` };
  }
  return {
    kind: 'unknown',
    leak: 'unknown',
    evidence: [],
    confidence: 'low',
    summary: `${CANNOT_TELL}the live heap after GC ${fell}, ${rise}, not yet past the ${r.highMB} MB it held before the fall: a leak that one cleanup trimmed climbs so, and so does a load that comes and goes. Log for longer to see whether it passes ${r.highMB} MB, or compare heap dumps taken with ?gc=1 some time apart.${forcedWords(a)}`,
  };
}

/**
 * Fewer than 3 cycles after the program's first second: its start-up is no leak evidence, whether
 * it grew the heap (3 → 14 MB) or kept it flat, so the log cannot tell (reasoning.md §3: ≥3
 * GC-separated snapshots). `did` says what the warm-up cycles did, `why` adds the reason if any.
 */
function tooFewSettled(live: readonly number[], warm: number, did: string, why: string): SeriesVerdict {
  const settled = live.length - warm;
  const summary = settled === 0
    ? `All ${live.length} GC cycles are start-up warm-up (in the program's first second, they ${did}${why}): too few to tell a leak from a warm-up; log for longer.`
    : `Only ${settled} GC cycle${settled === 1 ? '' : 's'} after start-up warm-up (the first ${warm}, in the program's first second, ${did}): too few to tell a leak from a warm-up; log for longer.`;
  return { kind: 'unknown', leak: 'unknown', evidence: [], confidence: 'low', summary };
}

/** The cycles beyond the fill: from `from` (an index of the log's cycles) on, with their floors and how much those rose, MB. */
interface BeyondFill {
  from: number;
  floorsMB: number[];
  riseMB: number;
}

/**
 * The log beyond its fill: from the first GC whose live heap came within a MB (the log's
 * resolution) of the last third's floor `f3`, the level the fill reached. A leak's floor goes on
 * rising there, by more than GCTRACE_THRESHOLDS.resolutionRiseMB (a slow leak after a fast
 * warm-up: 65 → 68 → 70 MB over its last 365 of 376 GCs); a fill that ended rises no more than its
 * last cycles and the truncation explain (the bounded LRU: 20 → 21 → 22 MB over its last 6 GCs).
 */
function beyondFill(live: readonly number[], atSeconds: readonly number[], f3: number): BeyondFill {
  const found = live.findIndex((v) => v >= f3 - 1);
  const from = found < 0 ? 0 : found;
  const rest = live.slice(from);
  const floorsMB = floors(rest, atSeconds.slice(from)) ?? rest;
  return { from, floorsMB, riseMB: (floorsMB[floorsMB.length - 1] ?? 0) - (floorsMB[0] ?? 0) };
}

/**
 * The later half of the log (from the earlier of its middle GC and its middle time, cutAt) rising steadily by more than
 * GCTRACE_THRESHOLDS.steadyRiseMB: no step falls by a whole MB or more (truncation alone moves a
 * steady heap by less), and its last value is its highest. Undefined otherwise.
 */
function steadyLaterRise(live: readonly number[], atSeconds: readonly number[]): { riseMB: number; fromMB: number; toMB: number; cycles: number; stepMB: number } | undefined {
  const half = live.slice(cutAt(atSeconds, live.length, 1 / 2));
  const fromMB = half[0];
  const toMB = half[half.length - 1];
  if (fromMB === undefined || toMB === undefined || half.length < 3) return undefined;
  const nearMonotone = half.every((v, i) => i === 0 || v > (half[i - 1] ?? v) - 1);
  if (!nearMonotone || toMB < Math.max(...half) || toMB - fromMB <= GCTRACE_THRESHOLDS.steadyRiseMB) return undefined;
  // The largest rise one GC added (the words say "no GC added more than one" only of a rise made 1 MB at a time at most).
  const stepMB = Math.max(0, ...half.map((v, i) => (i === 0 ? 0 : v - (half[i - 1] ?? v))));
  return { riseMB: toMB - fromMB, fromMB, toMB, cycles: half.length, stepMB };
}

/**
 * Every third's floor higher, overall and after start-up warm-up, but the floors of the later half
 * (laterFloors: `later`) rose by no more than the log's resolution: a slow rise read in whole MB
 * (the captured mixed program over 5 s, 1 MiB churned and 8 KiB kept every 10 ms: 1 → 2 → 3 MB,
 * after warm-up 2 → 3 → 4 MB, over the later half 3 → 4 → 4 MB), or a fill that is ending.
 * `unknown`, never churn nor a plateau: the rise said, and what to give instead. (`settled`: the
 * floors of each third after warm-up.) Its 15 s log (floors 1 → 3 → 6 MB) is a leak.
 */
function climbWithinResolution(a: Omit<GcTraceAnalysis, 'verdict'>, settled: readonly number[], later: readonly number[]): SeriesVerdict {
  const live = a.liveMB;
  const pace = a.gcPerMinute !== undefined && a.gcPerMinute >= GCTRACE_THRESHOLDS.churnGcPerMinute
    ? ` ${churnsAlso(a)} Churn alone leaves the lowest live heap after GC level, so it does not explain this rise.`
    : '';
  return {
    kind: 'unknown',
    leak: 'unknown',
    evidence: [],
    confidence: 'low',
    summary: `${CANNOT_TELL}the live heap after GC rose ${live[0] ?? 0} → ${live[live.length - 1] ?? 0} MB over ${spanText(a.spanSeconds)} and ${live.length} GCs, its floor higher in ${floorThirdsWords(a, `; after start-up warm-up ${settled.join(' → ')} MB`)}, but over the later half of the log its floor read ${later.join(' → ')} MB: too few cycles for gctrace's whole MB, truncated, to tell a rise that slow from a fill that stopped.${pace} Log for longer, or compare heap dumps taken with ?gc=1 some time apart.${forcedWords(a)}`,
  };
}

/**
 * The floor rose in every window, but beyond the fill by no more than the log's resolution: a
 * cache that filled and stopped reads so, and so does a leak too slow for whole MB over these
 * cycles. The log cannot tell them apart: `unknown`, never a leak (reasoning.md §7), saying what
 * to give instead.
 */
function withinResolution(a: Omit<GcTraceAnalysis, 'verdict'>, f3: number, beyond: BeyondFill): SeriesVerdict {
  const live = a.liveMB;
  const first = live[0] ?? 0;
  const cycles = live.length - beyond.from;
  const since = a.atSeconds[beyond.from] ?? 0;
  const until = a.atSeconds[live.length - 1] ?? 0;
  return {
    kind: 'unknown',
    leak: 'unknown',
    evidence: [],
    confidence: 'low',
    summary: `${CANNOT_TELL}the live heap after GC rose ${first} → ${f3} MB, then its floor rose only ${beyond.floorsMB.join(' → ')} MB over the last ${cycles} of ${live.length} GCs (from ${spanText(since)} to ${spanText(until)}), no more than a fill that stopped reads: gctrace prints whole MB, truncated, so a heap that stopped just below a boundary reads 1 MB more once it crosses it, and a fill's last GCs read up to 1 MB below where it ended. Log for longer, or compare heap dumps taken with ?gc=1 some time apart.${forcedWords(a)}`,
  };
}

/**
 * The live heap's floor from each cycle on: the least C of that cycle and every later one. A C
 * counts what was in flight when marking ended (a buffer's old copy beside its new one: 96 MB,
 * then 64 MB), so its floor is what stays; it never falls.
 */
function floorFromEach(live: readonly number[]): number[] {
  const out = new Array<number>(live.length);
  let least = Infinity;
  for (let i = live.length - 1; i >= 0; i--) {
    least = Math.min(least, live[i] ?? least);
    out[i] = least;
  }
  return out;
}

/**
 * The floor of the cycles after start-up (`settled`) as a staircase (staircase.ts): it rose by a
 * growth (leakMinGrowthMB and leakMinGrowthShare of where it was) at two cycles or more, and held
 * at a cycle between two of them. Undefined otherwise: a fill that rose at consecutive cycles,
 * then held (the captured cache, 24 → 36 MB after start-up, then 36 MB), is a plateau.
 */
function floorStaircase(settled: readonly number[]): { floorMB: number[]; rises: StairRise[] } | undefined {
  const t = GCTRACE_THRESHOLDS;
  const floorMB = floorFromEach(settled);
  const rises = stepRises(floorMB, (from) => Math.max(t.leakMinGrowthMB, t.leakMinGrowthShare * from));
  return isStaircase(rises) && heldBetween(floorMB, rises) ? { floorMB, rises } : undefined;
}

/**
 * Whether the floor held (the same MB at two GCs in a row) somewhere between the first rise and the
 * last: a step that rose by less than a rise is no hold. The captured go1.19-audit41-satcache log,
 * a cache filling 50,000 keys (floor 2 → 4 → 6 → 9 → 11 → 16 → 22 → 31 → 38 → … → 51 MB, rising at
 * every GC until 51 MB), was a staircase "held at 31 MB for its last 21 GCs" from its one step
 * under a rise (9 → 11 MB).
 */
function heldBetween(floorMB: readonly number[], rises: readonly StairRise[]): boolean {
  const from = rises[0]?.at ?? 0;
  const to = rises[rises.length - 1]?.at ?? 0;
  for (let i = from + 1; i < to; i++) if (floorMB[i] === floorMB[i - 1]) return true;
  return false;
}

/**
 * A floor that rose, held and rose again after start-up: `unknown`, as a series of dumps that does
 * (analyze/series/verdict.ts), never "a plateau": the captured bytes.Buffer request log
 * (go1.19-audit28-bufgrow), C 3 6 12 24 16 48 32 32 96 64 64 64 MB, was "A plateau, not a leak".
 */
function staircase(a: Omit<GcTraceAnalysis, 'verdict'>, warm: number, stairs: { floorMB: number[]; rises: StairRise[] }): SeriesVerdict {
  const live = a.liveMB;
  const levels = [stairs.rises[0]?.from ?? 0, ...stairs.rises.map((r) => r.to)];
  const since = warm > 0 ? ' after start-up' : '';
  const over = stairs.floorMB.length === live.length ? `all ${live.length} GCs` : `its last ${stairs.floorMB.length} of ${live.length} GCs`;
  const climb = `the live heap's floor after GC (the least C from each GC on) rose, held and rose again${since} — ${stairs.rises.length} rises, ${levels.join(' → ')} MB (${runsTrend(stairs.floorMB, (v) => `${v} MB`)} over ${over})`;
  const end = stairEnded(stairs.rises, a.atSeconds.slice(warm));
  if (end) {
    const times = Math.floor(end.seconds / end.longestSeconds);
    return {
      kind: 'stable',
      leak: 'not-suspected',
      evidence: [],
      confidence: 'medium',
      summary: `A plateau, not a leak: ${climb}, then held at ${levels[levels.length - 1] ?? 0} MB for its last ${end.cycles} GCs over ${spanText(end.seconds)}, ${times} times as long as any level before it (at most ${countOf(end.longestCycles, 'GC')}, ${spanText(end.longestSeconds)}): a buffer, slice or map that keeps growing holds each level about as long as it takes to fill it, twice as long at each doubling, so a last level this much longer says the growth stopped.${forcedWords(a)}`,
    };
  }
  return {
    kind: 'unknown',
    leak: 'unknown',
    evidence: [],
    confidence: 'low',
    summary: `${CANNOT_TELL}${climb}: ${staircaseWords(stairs.rises, 'any')}. Log for longer, or compare heap dumps taken with ?gc=1 some time apart.${forcedWords(a)}`,
  };
}

/**
 * The last level of a staircase (its rises, at indexes of the cycles after start-up whose start
 * times are `atSeconds`) when it lasted far longer than every level before it
 * (GCTRACE_THRESHOLDS.stairEnd*): its GCs and seconds (from its first GC to the log's last), and
 * the longest earlier level's (from its first GC to the next level's first). Undefined otherwise:
 * the captured bytes.Buffer request log (go1.19-audit28-bufgrow), 64 MB for its last 4 GCs, is
 * still climbing for all the log shows.
 */
function stairEnded(rises: readonly StairRise[], atSeconds: readonly number[]): { cycles: number; seconds: number; longestCycles: number; longestSeconds: number } | undefined {
  const t = GCTRACE_THRESHOLDS;
  const lastRise = rises[rises.length - 1];
  if (!lastRise) return undefined;
  const starts = [0, ...rises.map((r) => r.at)];
  const cycles = atSeconds.length - lastRise.at;
  const seconds = (atSeconds[atSeconds.length - 1] ?? 0) - (atSeconds[lastRise.at] ?? 0);
  let longestCycles = 0;
  let longestSeconds = 0;
  for (let i = 0; i + 1 < starts.length; i++) {
    const from = starts[i] ?? 0;
    const to = starts[i + 1] ?? 0;
    longestCycles = Math.max(longestCycles, to - from);
    longestSeconds = Math.max(longestSeconds, (atSeconds[to] ?? 0) - (atSeconds[from] ?? 0));
  }
  const ended = cycles >= t.stairEndMinCycles && seconds >= t.stairEndMinSeconds && cycles > longestCycles && seconds >= t.stairEndPerEarlier * longestSeconds;
  return ended ? { cycles, seconds, longestCycles, longestSeconds } : undefined;
}

/** Where the live heap stays, in MB: `at 36 MB`, `between 4 and 7 MB`. */
function staysAt(low: number, high: number): string {
  return low === high ? `at ${low} MB` : `between ${low} and ${high} MB`;
}

/**
 * The live heap's floor over the later half of a log (from the earlier of its middle GC and its middle time, cutAt): the lowest of each of its
 * thirds, or its values when it has fewer than 3. A leak's floor is higher in each; a plateau's
 * repeats (36 → 36 → 36 MB), and equal is not rising. No tolerance beyond that: sizes are whole MB,
 * truncated, so a steady floor reads the same number in every window (the flat cache: 36, 36, 36;
 * the GOMEMLIMIT-bound heap: 60, 60, 60), and one that rises in each of three windows, however
 * slowly (69 → 70 → 71 MB), is rising; one that rose 17 → 18 → 18 MB stopped. Rising here is not
 * enough: a window may hold the fill's tail, so the rise beyond the fill must also exceed the
 * log's resolution (beyondFill).
 */
function laterFloors(live: readonly number[], atSeconds: readonly number[]): number[] {
  const from = cutAt(atSeconds, live.length, 1 / 2);
  const half = live.slice(from);
  return floors(half, atSeconds.slice(from)) ?? half;
}

/** How many leading cycles began in the program's first second (its start-up; `@T` is time since start). */
function warmUpCycles(atSeconds: readonly number[]): number {
  const settled = atSeconds.findIndex((s) => s >= GCTRACE_THRESHOLDS.warmUpSeconds);
  return settled < 0 ? atSeconds.length : settled;
}

/**
 * The stacks column grows as StackInuse does in a series of dumps (analyze/series/verdict.ts):
 * never falling, rising in two steps at least and still in the later half, by the log's growth
 * thresholds (the stacks program that exits, 3 → 7 → 0 MB, fell: no growth).
 */
function stacksGrow(stacks: readonly number[]): boolean {
  const t = GCTRACE_THRESHOLDS;
  const first = stacks[0];
  const last = stacks[stacks.length - 1];
  if (first === undefined || last === undefined || stacks.length < 3) return false;
  return steadilyRising(stacks) && keepsRising(stacks) && last - first >= t.leakMinGrowthMB && last - first >= t.leakMinGrowthShare * Math.max(first, 1);
}

/**
 * The stacks column of a burst of goroutines that came and went, as StackInuse in a series of dumps
 * (analyze/series/verdict.ts stacksCameAndWent), by the log's growth threshold in whole MB: it rose
 * to its peak and fell back to half of it or less, by leakMinGrowthMB each way (a peak at the first
 * cycle: seen only falling). Undefined otherwise, or without the column.
 */
function stackBurst(stacks: readonly number[]): { firstMB: number; peakMB: number; lastMB: number; at: number } | undefined {
  const min = GCTRACE_THRESHOLDS.leakMinGrowthMB;
  const firstMB = stacks[0];
  const lastMB = stacks[stacks.length - 1];
  if (firstMB === undefined || lastMB === undefined || stacks.length < 2) return undefined;
  const [, peakMB] = extremes(stacks);
  const at = stacks.indexOf(peakMB);
  const cameAndWent = lastMB <= 0.5 * peakMB && peakMB - lastMB >= min && (at === 0 || peakMB - firstMB >= min);
  return cameAndWent ? { firstMB, peakMB, lastMB, at } : undefined;
}

/**
 * `a stack peak (more goroutines, or deeper stacks) came and went — the goroutine stacks the GC scans
 * (its "MB stacks") rose 0 → 250 MB (gc 3) and fell back to 0 MB`; a peak at the first cycle was on when the log began, and
 * the log does not say whether it was many goroutines or a few deep ones (the captured
 * go1.19-audit28-deepstack's one recursion: "rose 128 → 128 MB (gc 1)").
 */
function stackBurstWords(burst: { firstMB: number; peakMB: number; lastMB: number; at: number }, gcNumbers: readonly number[]): string {
  const columns = 'the goroutine stacks the GC scans (its "MB stacks")';
  const gc = gcNumbers[burst.at] ?? burst.at + 1;
  if (burst.at === 0) return `a stack peak (many goroutines, or a few deep ones) was on at the first GC and ended — ${columns} fell from ${burst.peakMB} MB (gc ${gc}) to ${burst.lastMB} MB`;
  // A GC log counts no goroutines: more of them, or a few deeper ones, look the same (the captured go1.19-audit42-deeprec, 8
  // goroutines recursing 10,000 deep, was "a burst of goroutines came and went").
  return `a stack peak (more goroutines, or deeper stacks) came and went — ${columns} rose ${burst.firstMB} → ${burst.peakMB} MB (gc ${gc}) and fell back to ${burst.lastMB} MB`;
}

/** When nearly every cycle was forced: their pace is no churn, said instead of a rate. */
function forcedWords(a: Omit<GcTraceAnalysis, 'verdict'>): string {
  if (a.forcedCycles < GCTRACE_THRESHOLDS.mostlyForcedShare * a.cycles) return '';
  const all = a.forcedCycles === a.cycles ? `All ${a.cycles}` : `${a.forcedCycles} of the ${a.cycles}`;
  return ` ${all} GCs were forced (runtime.GC, debug.FreeOSMemory, a profiler's ?gc=1): their pace is the program's calls, not allocation churn.`;
}

/** Many GCs a minute over a live heap whose floor stays put: the cost is GC CPU, not memory. */
function churn(a: Omit<GcTraceAnalysis, 'verdict'>, pace: string, floorMB: number, maxLiveMB: number): SeriesVerdict {
  return {
    kind: 'churn',
    leak: 'not-suspected',
    evidence: [],
    confidence: 'medium',
    summary: `Churn, not a leak: ${paceOverFloor(pace, floorMB, maxLiveMB)}; the cost is GC CPU (${gcCpu(a)}), not memory.`,
  };
}

/** `21069 GCs a minute while the live heap after GC stays near 100 MB (its floor flat at 100 MB after warm-up)`. */
function paceOverFloor(pace: string, floorMB: number, maxLiveMB: number): string {
  const range = maxLiveMB > floorMB ? `between ${floorMB} and ${maxLiveMB} MB` : `near ${floorMB} MB`;
  return `${pace} while the live heap after GC stays ${range} (its floor flat at ${floorMB} MB after warm-up)`;
}

/** How many of the later half's GCs started at the live heap (`cycles` of `of`), and the last GC's goal over the live heap before it. */
interface GoalHeld {
  cycles: number;
  of: number;
  goalMB: number;
  liveMB: number;
}

/**
 * The heap goal held at the live heap, a memory limit's mark (memlimit.ts, as MemStats show it:
 * NextGC at HeapAlloc): GOGC=100 starts a GC when the heap has grown to about twice the live heap
 * the last one left, so A is about 2 × the C before it; under a GOMEMLIMIT that the live heap, with
 * what Go holds beside it, does not fit under, the runtime holds the goal at the live heap itself
 * (go1.19 memoryLimitHeapGoal: never below the heap marked live), and every GC starts with only
 * the sliver allocated since the last (the captured go1.19-audit28-overlimit, 100 MiB live under
 * GOMEMLIMIT=64MiB: `100->100->100 MB, 100 MB goal` at 3,944 of 3,951 GCs, read as "Churn"). Said
 * when limitHeldCyclesShare of the later half's GCs after warm-up start within
 * limitGoalNearLiveShare of the C before, and the last GC's goal is the C before it, to the MB
 * (the runtime never sets it lower; a very low GOGC reads the same); undefined otherwise, or over
 * a live heap under limitMinLiveMB.
 */
function goalHeldAtLive(a: Omit<GcTraceAnalysis, 'verdict'>, warm: number): GoalHeld | undefined {
  const t = GCTRACE_THRESHOLDS;
  const near = (mb: number, liveMB: number): boolean => liveMB >= t.limitMinLiveMB && mb <= (1 + THRESHOLDS.limitGoalNearLiveShare) * liveMB;
  const n = a.liveMB.length;
  const from = Math.max(1, warm, Math.floor(n / 2));
  const goalMB = a.goalMB;
  const liveMB = a.liveMB[n - 2];
  // The goal of the last GC at the live heap the one before left, to the MB: the limit's floor (a tight limit met by a MB or more reads above it).
  if (n - from < 3 || goalMB === undefined || liveMB === undefined || liveMB < t.limitMinLiveMB || goalMB > liveMB) return undefined;
  let cycles = 0;
  for (let i = from; i < n; i++) if (near(a.heapStartMB[i] ?? Infinity, a.liveMB[i - 1] ?? 0)) cycles++;
  return cycles >= t.limitHeldCyclesShare * (n - from) ? { cycles, of: n - from, goalMB, liveMB } : undefined;
}

/**
 * Churn held by a memory limit (goalHeldAtLive): no collection frees live objects, so such a limit
 * cannot be met and the GC runs back to back; the way out is room above the live heap, or less
 * live heap, not fewer allocations. The log does not print the limit (GOMEMLIMIT, or a very low
 * GOGC: the marks are the same).
 */
function limitBound(a: Omit<GcTraceAnalysis, 'verdict'>, pace: string, floorMB: number, maxLiveMB: number, held: GoalHeld): SeriesVerdict {
  const started = held.cycles === held.of ? `all ${held.of} GCs of the log's later half` : `${held.cycles} of the ${held.of} GCs of the log's later half`;
  return {
    kind: 'memory-limit',
    leak: 'not-suspected',
    evidence: [],
    confidence: 'medium',
    summary: `Not a leak; the heap goal is held at the live heap, most likely by a memory limit the live heap does not fit under (GOMEMLIMIT, or a very low GOGC): the last GC's goal was ${held.goalMB} MB, the live heap the GC before it left (C ${held.liveMB} MB), where GOGC=100 alone sets it at about twice that, and ${started} started with the heap (A) within ${Math.round(THRESHOLDS.limitGoalNearLiveShare * 100)}% of the live heap the GC before left, so the GC runs back to back: ${paceOverFloor(pace, floorMB, maxLiveMB)}.${a.goalPinned ? goalPinnedWords(a.goalPinned) : ''} No collection frees live objects, so such a limit cannot be met; the cost is GC CPU (${gcCpu(a)}), not memory: raise GOMEMLIMIT above the live heap with headroom, or reduce the live heap.`,
  };
}

/** The later half's GCs whose goal a limit caps (`cycles` of `of`), the goal they hold, and the live heap (C) of the log's last GC. */
export interface GoalCap {
  cycles: number;
  of: number;
  /** The goal the capped GCs hold (the one most of them print: whole MB, truncated). */
  goalMB: number;
  liveMB: number;
  /**
   * The goal held there over the whole log (`cycles` of `of`, limitHeldCyclesShare at least) while
   * the live heap after GC rose from `lowLiveMB`, where GOGC=100 sets less than that goal: a goal
   * that does not follow the live heap, GOGC off or above 100 and the limit alone setting it.
   */
  wholeLog?: { cycles: number; of: number; lowLiveMB: number };
  /**
   * The goal held above GOGC=100's (goalHeldByLimit), not below it: GOGC off and a memory limit
   * setting the goal, which the live heap grows towards. `wholeLog` says over which GCs.
   */
  aboveGogc?: true;
}

/**
 * The goal most of `goals` hold (their most common, the first of equals) and how many are within
 * GCTRACE_THRESHOLDS.limitCapSpreadMB of it on one side: a few GCs print a MB or two more where
 * the live heap steps (the captured go1.19-audit30-memlimit: 51 MB at 553 of its later half's 563
 * GCs, 52 or 53 MB at 3), and they do not unpin the goal the rest hold.
 */
function heldGoal(goals: readonly number[]): { goalMB: number; cycles: number } {
  const counts = new Map<number, number>();
  for (const g of goals) counts.set(g, (counts.get(g) ?? 0) + 1);
  let goalMB = 0;
  let most = 0;
  for (const [g, c] of counts) if (c > most) [goalMB, most] = [g, c];
  const spread = GCTRACE_THRESHOLDS.limitCapSpreadMB;
  let side = 0;
  for (const [g, c] of counts) if (g !== goalMB && Math.abs(g - goalMB) <= spread) side = Math.max(side, c);
  return { goalMB, cycles: most + side };
}

/**
 * The heap goal capped below GOGC's, a binding memory limit's mark when the live heap fits under
 * it (goalHeldAtLive is the one it does not fit under): GOGC=100 sets the goal at twice the live
 * heap the GC left (C) at least, while a GOMEMLIMIT sets it at the limit less what Go holds beside
 * the heap (go1.19 memoryLimitHeapGoal), whatever C is, and the lower one is the goal. Said when
 * limitHeldCyclesShare of the later half's GCs after warm-up (3 at least) printed a goal below
 * limitCapPerGogcGoal of 2 × their C, above C itself, and those goals held within limitCapSpreadMB:
 * the captured go1.19-limit-binding plateau under GOMEMLIMIT=48MiB, `35->35->31 MB, 35 MB goal` at
 * every GC once its cache was full, where GOGC=100 sets 62 MB, was "A plateau, not a leak". A
 * GOGC below 100 reads the same over a flat live heap: the words say so.
 */
function goalCapped(a: Omit<GcTraceAnalysis, 'verdict'>, goalsMB: readonly number[]): GoalCap | undefined {
  const t = GCTRACE_THRESHOLDS;
  const n = a.liveMB.length;
  const from = Math.max(1, warmUpCycles(a.atSeconds), Math.floor(n / 2));
  if (n - from < 3) return undefined;
  const capped: number[] = [];
  for (let i = from; i < n; i++) {
    const live = a.liveMB[i] ?? 0;
    const goal = goalsMB[i] ?? 0;
    // A goal at the live heap itself, to the MB (`46->46->46 MB, 46 MB goal`; `46->47->47 MB, 46 MB
    // goal` where the heap overshot it by a truncated MB), is capped too: no GOGC of 100 sets it
    // there (the captured go1.19-audit40-limitnear, GOGC=off under 48 MiB). The goal must still hold.
    if (live >= t.limitMinLiveMB && goal >= live - t.limitCapSpreadMB && goal < CAP_PER_GOGC_GOAL * 2 * live) capped.push(goal);
  }
  const held = heldGoal(capped);
  if (held.cycles < t.limitHeldCyclesShare * (n - from)) return undefined;
  const cap: GoalCap = { cycles: held.cycles, of: n - from, goalMB: held.goalMB, liveMB: a.liveMB[n - 1] ?? 0 };
  // The same goal over the whole log, above GOGC=100's where the live heap was lowest: GOGC did not set it.
  const { all, lowLiveMB } = cyclesAtGoal(a.liveMB, goalsMB, held.goalMB);
  const rose = cap.liveMB - lowLiveMB >= t.leakMinGrowthMB;
  return all >= t.limitHeldCyclesShare * n && rose && 2 * lowLiveMB < held.goalMB ? { ...cap, wholeLog: { cycles: all, of: n, lowLiveMB } } : cap;
}

/** The GCs that printed a goal within limitCapSpreadMB of `goalMB`, and the lowest live heap after any of them. */
function cyclesAtGoal(liveMB: readonly number[], goalsMB: readonly number[], goalMB: number): { all: number; lowLiveMB: number } {
  let all = 0;
  let lowLiveMB = Infinity;
  for (let i = 0; i < liveMB.length; i++) {
    if (Math.abs((goalsMB[i] ?? 0) - goalMB) > GCTRACE_THRESHOLDS.limitCapSpreadMB) continue;
    all++;
    lowLiveMB = Math.min(lowLiveMB, liveMB[i] ?? Infinity);
  }
  return { all, lowLiveMB };
}

/**
 * The heap goal held by a memory limit above GOGC=100's while the live heap rose under it: GOGC off
 * (or far above 100) and GOMEMLIMIT setting the goal (go1.19 memoryLimitHeapGoal), which no GOGC
 * does, as a GOGC goal moves with the live heap it is set from. Said when limitHeldCyclesShare of
 * the log's GCs printed a goal within limitCapSpreadMB of the one most hold, while the live heap
 * after GC rose by leakMinGrowthMB at least to limitMinLiveMB or more (the runtime's 4 MB minimum
 * goal, 4 MB × GOGC/100, holds put only below that) and twice its lowest is below that goal. The
 * captured mixed program under GOGC=off GOMEMLIMIT=64MiB: goal 51–52 MB at all 32 GCs while C rose
 * 2 → 12 MB, read "Cannot tell" with no word of the limit. Undefined otherwise (goalCapped is the
 * goal below GOGC's).
 */
function goalHeldByLimit(a: Omit<GcTraceAnalysis, 'verdict'>, goalsMB: readonly number[]): GoalCap | undefined {
  const t = GCTRACE_THRESHOLDS;
  const n = a.liveMB.length;
  const held = heldGoal(goalsMB);
  const liveMB = a.liveMB[n - 1] ?? 0;
  if (n < 3 || held.cycles < t.limitHeldCyclesShare * n) return undefined;
  const { all, lowLiveMB } = cyclesAtGoal(a.liveMB, goalsMB, held.goalMB);
  const rose = liveMB >= t.limitMinLiveMB && liveMB - lowLiveMB >= t.leakMinGrowthMB;
  if (!rose || 2 * lowLiveMB >= held.goalMB || held.goalMB <= 2 * liveMB) return undefined;
  return { cycles: all, of: n, goalMB: held.goalMB, liveMB, wholeLog: { cycles: all, of: n, lowLiveMB }, aboveGogc: true };
}

/**
 * What capped a goal. With no limit known, a log cannot tell a memory limit from a GOGC below 100
 * over a flat live heap (GOGC=13 sets 35 MB over C 31 MB as a limit leaving the heap 35 MB does),
 * so both are said, with the GOGC that would set the goal there; `known` (withGcLogLimit), the
 * memory limit's.
 */
function capCause(cap: GoalCap, known: boolean): string {
  if (known) return 'by the memory limit';
  return `by a memory limit (GOMEMLIMIT, or debug.SetMemoryLimit) or a GOGC below 100 (GOGC=${gogcFor(cap.goalMB, cap.liveMB)} sets about that goal over that live heap): the log alone cannot tell them apart`;
}

/** What the words that assert a limit ask for when none is known (`known`: withGcLogLimit, nothing). */
function checkTheCap(known: boolean): string {
  return known ? '' : CHECK_WHERE_GO_STOOD;
}

/**
 * What to do about a capped goal (`cpu`: gcCpu's words): with no limit known, either cause's way
 * out and how to tell them apart; `known` (withGcLogLimit), the binding limit's.
 */
function capAdvice(cpu: string, known: boolean): string {
  return `Its cost is GC CPU (${cpu}), not memory. ${known ? CAP_ADVICE_KNOWN : CAP_ADVICE_UNKNOWN}`;
}

const CAP_ADVICE_UNKNOWN = 'If a limit is set, it binds: to run the GC less often, raise GOMEMLIMIT, or reduce the live heap or what Go holds beside it; if GOGC is below 100, raise it. To tell which: the process\'s GOGC and GOMEMLIMIT environment variables and any debug.SetGCPercent or debug.SetMemoryLimit call in the program, or a /metrics scrape of the process (go_gc_gogc_percent, go_gc_gomemlimit_bytes) read with the log, or pass --gomemlimit; a goal that stays put while the live heap moves is a limit\'s, one that follows it is GOGC\'s.';

/** CAP_ADVICE_UNKNOWN once the limit is known. */
const CAP_ADVICE_KNOWN = 'The limit binds: to run the GC less often, raise GOMEMLIMIT, or reduce the live heap or what Go holds beside it.';

/**
 * The heads of the verdicts a cap may hold: the heap's own, with a capped goal, and at a memory
 * limit (the limit known, its goal capped in the later half only: a goal held over the whole log,
 * GoalCap.wholeLog, keeps the capped head).
 */
const CAPPED_HEADS: readonly (readonly [string, string, string])[] = [
  ['A plateau, not a leak: ', 'A plateau with a capped heap goal, not a leak: ', 'A plateau at a memory limit, not a leak: '],
  ['Stable: ', 'Stable with a capped heap goal, not a leak: ', 'Stable at a memory limit, not a leak: '],
  ['Churn, not a leak: ', 'Churn with a capped heap goal, not a leak: ', 'Churn at a memory limit, not a leak: '],
  ['', 'With a capped heap goal, not a leak: ', 'At a memory limit, not a leak: '],
];

/**
 * A plateau, a stable heap or churn whose goal a limit caps (goalCapped): `memory-limit`, its own
 * reading kept, then the cap, how much more often the GC runs for it, and what to do.
 */
function atCappedGoal(verdict: SeriesVerdict, a: Omit<GcTraceAnalysis, 'verdict'>, cap: GoalCap, known: boolean): SeriesVerdict {
  const head = CAPPED_HEADS.find(([from]) => verdict.summary.startsWith(from));
  const own = head ? `${head[known && !cap.wholeLog ? 2 : 1]}${verdict.summary.slice(head[0].length)}` : verdict.summary;
  return {
    kind: 'memory-limit',
    leak: 'not-suspected',
    evidence: [],
    confidence: verdict.confidence,
    // A goal held over the whole log while the live heap rose is the limit's alone (cappedGoalWords): its advice; else either cause's (capAdvice).
    summary: `${own} ${cappedGoalWords(a, cap, known)} ${cap.wholeLog ? `The limit binds: its cost is GC CPU (${gcCpu(a)}), not memory; to run the GC less often, raise GOMEMLIMIT, or reduce the live heap or what Go holds beside it${checkTheCap(known)}.` : capAdvice(gcCpu(a), known)}`,
  };
}

/**
 * A live heap still rising (a leak, or one the log cannot tell from a fill) whose goal a limit
 * caps (goalCapped): its own reading kept (a leak is still one), then the cap, and where a leak at
 * its limit goes: each GC frees less room, so the GC runs ever more often, up to back to back (GC
 * thrash), and once the live heap outgrows the limit the process is killed for its memory. The
 * captured go1.19-audit30-memlimit (GOGC=off GOMEMLIMIT=64MiB, C 10 → 50 MB under a 51 MB goal)
 * was "Churn, not a leak", then "Leak suspected" with no word of the limit.
 */
function risingToCappedGoal(verdict: SeriesVerdict, a: Omit<GcTraceAnalysis, 'verdict'>, cap: GoalCap, known: boolean): SeriesVerdict {
  const room = `about ${Math.max(cap.goalMB - cap.liveMB, 1)} MB of room at each GC by the end of the log`;
  const leak = verdict.kind === 'leak';
  const words = (leak ? leakAtLimitWords : growingAtLimitWords)(room, gcCpu(a), checkTheCap(known));
  return { ...verdict, summary: `${verdict.summary} ${cappedGoalWords(a, cap, known)} ${words}`, ...(leak ? { leakAtLimit: true as const } : {}) };
}

/**
 * `The heap goal is capped: it stayed at 35 MB at every one of the 10 GCs of the log's later half,
 * below the 62 MB GOGC=100 sets …`: the cap, what room it leaves each GC, and how much more often
 * the GC runs for it. A goal that held over the whole log while the live heap rose from under half
 * of it (GoalCap.wholeLog) is no GOGC's at all: GOGC is off or above 100 and the limit alone sets it.
 */
function cappedGoalWords(a: Omit<GcTraceAnalysis, 'verdict'>, cap: GoalCap, known: boolean): string {
  if (cap.aboveGogc) return heldGoalWords(a, cap);
  const held = cap.cycles === cap.of ? `every one of the ${cap.of} GCs of the log's later half` : `${cap.cycles} of the ${cap.of} GCs of the log's later half`;
  const room = Math.max(cap.goalMB - cap.liveMB, 1);
  const atLive = cap.goalMB <= cap.liveMB;
  const often = !atLive && cap.liveMB / room >= 1.5 ? `, so the GC runs about ${Math.round(cap.liveMB / room)} times as often as GOGC=100 alone would make it` : '';
  const pace = a.gcPerMinute !== undefined ? ` (${a.gcPerMinute.toFixed(0)} GCs a minute${a.forcedCycles > 0 ? `, not counting ${a.forcedCycles} forced` : ''})` : '';
  const whole = cap.wholeLog;
  const by = whole
    ? `by a memory limit (GOMEMLIMIT) with GOGC off or above 100: the goal held within ${GCTRACE_THRESHOLDS.limitCapSpreadMB} MB of ${cap.goalMB} MB at ${whole.cycles === whole.of ? 'all' : whole.cycles} of the log's ${whole.of} GCs while the live heap after GC rose ${whole.lowLiveMB} → ${cap.liveMB} MB, where GOGC=100 would have moved it with the live heap (${2 * whole.lowLiveMB} MB at C ${whole.lowLiveMB} MB), so the limit alone sets it`
    : capCause(cap, known);
  const lets = atLive ? 'the goal is the live heap itself, to the MB, so each GC lets less than a MB be allocated' : `each GC lets only about ${room} MB be allocated`;
  return `The heap goal is capped: it stayed at ${cap.goalMB} MB at ${held}, below the ${2 * cap.liveMB} MB GOGC=100 sets (twice the live heap after GC, C ${cap.liveMB} MB), ${by}: ${lets} where GOGC=100 would let about ${cap.liveMB} MB${often}${pace}.`;
}

/**
 * `The heap goal is a memory limit's: it stayed within 1 MB of 51 MB at all 32 GCs of the log
 * while the live heap after GC rose 1 → 12 MB …`: a goal held above GOGC=100's (goalHeldByLimit).
 */
function heldGoalWords(a: Omit<GcTraceAnalysis, 'verdict'>, cap: GoalCap): string {
  const low = cap.wholeLog?.lowLiveMB ?? cap.liveMB;
  const at = cap.cycles === cap.of ? `all ${cap.of} GCs of the log` : `${cap.cycles} of the log's ${cap.of} GCs`;
  const pace = a.gcPerMinute !== undefined ? ` (${a.gcPerMinute.toFixed(0)} GCs a minute${a.forcedCycles > 0 ? `, not counting ${a.forcedCycles} forced` : ''})` : '';
  return `The heap goal is a memory limit's: it stayed within ${GCTRACE_THRESHOLDS.limitCapSpreadMB} MB of ${cap.goalMB} MB at ${at} while the live heap after GC rose ${low} → ${cap.liveMB} MB, where GOGC moves it with the live heap (GOGC=100: ${2 * low} → ${2 * cap.liveMB} MB), so GOGC is off (or far above 100) and a memory limit (GOMEMLIMIT, or debug.SetMemoryLimit) sets it${pace}.`;
}

/**
 * The churn a verdict that is not churn's says after it (reasoning.md: allocation rate, not a
 * leak): `The program also churns (allocates memory it soon drops): its GC ran 152 times a minute,
 * not counting 8 forced GCs.` Only what the log shows: its pace, forced GCs left out.
 */
function churnsAlso(a: Omit<GcTraceAnalysis, 'verdict'>): string {
  const forced = a.forcedCycles > 0 ? `, not counting ${countOf(a.forcedCycles, 'forced GC')}` : '';
  return `The program also churns (allocates memory it soon drops): its GC ran ${(a.gcPerMinute ?? 0).toFixed(0)} times a minute${forced}.`;
}

/** A peak's churn (churnsAlso) and its cost: CPU, not memory (reasoning.md). */
function churnsToo(a: Omit<GcTraceAnalysis, 'verdict'>): string {
  return `${churnsAlso(a)} Churn costs CPU, not memory: the GC has used ${gcCpuShare(a)} of the CPU since the program started (gctrace's figure).`;
}

/** The GC's CPU share as the log's last line prints it: `2% since start, gctrace's figure`. */
function gcCpu(a: Omit<GcTraceAnalysis, 'verdict'>): string {
  return `${gcCpuShare(a)} since start, gctrace's figure`;
}

/** The GC's share of the CPU since the program started, as the log's last cycle prints it: `2%`, `under 1%`. */
function gcCpuShare(a: Omit<GcTraceAnalysis, 'verdict'>): string {
  return (a.cpuPercent ?? 0) < 1 ? 'under 1%' : `${a.cpuPercent}%`;
}

/**
 * A gctrace log as the series rules read it (lint): one point per GC cycle of the last run, the
 * heap after it (C) and when it began (@T, seconds since the program started), and its longest
 * stop-the-world time (gc-pause-long, max-gc-pause).
 */
export function gcTraceRuleFacts(log: GcTraceLog, source: string): SeriesRuleFacts {
  return gcTraceAnalysisFacts(analyzeGcTrace(log, source));
}

/**
 * A verdict without its limit standing: the log's own (GcLogLimitStanding) is not a series' (the
 * series rules read the log's verdict, its standing said in its summary), and judge's has none.
 */
function withoutLimit(verdict: Omit<SeriesVerdict, 'limit'>): Omit<SeriesVerdict, 'limit'> {
  const { kind, leak, evidence, confidence, summary, tooFewCycles, leakAtLimit } = verdict;
  return { kind, leak, evidence, confidence, summary, ...(tooFewCycles !== undefined ? { tooFewCycles } : {}), ...(leakAtLimit ? { leakAtLimit } : {}) };
}

/** The same facts from a log's analysis (what a report keeps: the TUI runs the series rules on it). */
export function gcTraceAnalysisFacts(analysis: GcTraceAnalysis): SeriesRuleFacts {
  const { source } = analysis;
  const pause = gcTracePause(analysis);
  return {
    sources: [source],
    origin: 'gctrace',
    verdict: withoutLimit(analysis.verdict),
    live: analysis.liveMB.map((mb, i) => ({ source, bytes: mb * BYTES_PER_MB, numGC: analysis.gcNumbers[i] ?? i + 1, atMs: (analysis.atSeconds[i] ?? 0) * 1000 })),
    leakSites: [],
    goroutines: [],
    growingGroups: [],
    ...(pause ? { gcPause: pause } : {}),
    ...(analysis.verdict.limit ? { gcLogLimit: logLimitFacts(analysis.verdict.limit, analysis.liveMB) } : {}),
    ...(analysis.lastGc ? { lastGc: { ...analysis.lastGc, ...(analysis.cpuPercent !== undefined ? { cpuPercent: analysis.cpuPercent } : {}), ...(analysis.goalMB !== undefined ? { goalMB: analysis.goalMB } : {}), gcOff: gcIsOff(analysis), forcedCycles: analysis.forcedCycles } } : {}),
  };
}

/** A log's limit standing as the series rules read it (SeriesRuleFacts.gcLogLimit), with the live heap after its last GC. */
function logLimitFacts(s: GcLogLimitStanding, liveMB: readonly number[]): NonNullable<SeriesRuleFacts['gcLogLimit']> {
  const { role, gomemlimitBytes, peakHeapBytes, peakCycle, heapBytes, text } = s;
  return { role, gomemlimitBytes, peakHeapBytes, peakCycle, heapBytes, liveBytes: (liveMB[liveMB.length - 1] ?? 0) * BYTES_PER_MB, text };
}

const SEVERITY_RANK: Readonly<Record<Finding['severity'], number>> = { error: 0, warning: 1, info: 2 };

/**
 * What the series rules say of a GC log (it is a series of its own: leak-suspected on its live
 * heap after each GC, gc-pause-long on its stop-the-world phases, gc-cpu-high on the CPU share its
 * last line prints, gc-off on a goal of ~2^63, memory-limit-pressure when a limit is known…),
 * reported at the log: the findings `heapdoc lint` gives it with the default rules (and
 * --gomemlimit). Errors first, then warnings, then infos.
 */
export function gcTraceFindings(analysis: GcTraceAnalysis): Finding[] {
  // A known limit (withGcLogLimit) is memory-limit-pressure's, which runs by default: it reads the log's standing against it (gcLogLimit).
  return checkSeriesRules(gcTraceAnalysisFacts(analysis), DEFAULT_SERIES_RULES)
    .map(({ rule, result }) => ({ ...toFinding(rule, result, analysis.source), scope: 'series' as const }))
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}
