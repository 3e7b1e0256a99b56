/**
 * Several snapshots of one process, in TotalAlloc order (reasoning.md §3): what grows, how
 * fast memory is allocated, and whether it is a leak, a retained peak, churn, or stable.
 */
import type { SizeClassSummary } from '../sizeclasses.js';
import type { Position } from '../../grammar/common/positions.js';
import type { Breakdown } from '../breakdown.js';
import type { FactOrigin } from '../../input/snapshot.js';
import type { GoVersion } from '../../input/goversion.js';
import type { GivenLimitPressure, KnownLimit, LimitFit, LimitFitJson, MemoryLimitSigns } from '../memlimit.js';
import type { CallerShare, ProfileFormat, SiteCaller } from '../profile.js';
import type { MemStats } from '../memstats.js';
import type { LeakVerdict } from '../verdict.js';
import type { BinaryIdentity } from './identity.js';
import type { ClientConnRole, HttpClientWaits } from '../goroutines/model.js';

/** An allocation site as a series compares it across snapshots. */
export interface SeriesSite {
  function: string;
  file: string | undefined;
  line: number | undefined;
  inuseBytes: number;
  inuseObjects: number;
  /** Bytes allocated here since the program started (as of the last GC); lint's summaries keep it for the profiler's sites only. */
  allocBytes?: number | undefined;
  /** Every stack allocating here runs through the profiler. */
  profiler?: boolean | undefined;
  /** Every stack calls it from sync.(*Pool).Get: a pool's New made its objects (profile.ts). */
  poolNew?: boolean | undefined;
  /** Every stack shows the runtime's map code under its frame: a map's buckets (profile.ts). */
  mapBuckets?: boolean | undefined;
  /** A standard-library site: the program's frame that called it (profile.ts). */
  caller?: SiteCaller | undefined;
  /** Its callers with their bytes, when two or more frames of the program call it (profile.ts). */
  callers?: readonly CallerShare[] | undefined;
  /** A standard-library site allocated for the HTTP requests its callers made through net/http's client (profile.ts). */
  httpRequest?: boolean | undefined;
  /** Its biggest stack, whose first record's line in the dump a leak's finding points at (an analysis's site has it). */
  readonly topStack?: { readonly position: Position } | undefined;
  /** That line alone, as lint's summaries keep it (no stacks). */
  recordLine?: number | undefined;
  /** Every stack runs through runtime.growslice under its frame (escape/sites.ts growsSlice), as lint's summaries keep it for a site that freed part of what it made (leak-advice.ts withAppendsBeside). */
  growsSlice?: true | undefined;
  /** Its stacks' in-use objects and bytes, when the snapshot kept them (an analysis does; lint's summaries do not): holder.ts. */
  readonly stacks?: readonly { readonly usage: { readonly inuseObjects: number; readonly inuseBytes: number } }[];
}

/**
 * What a series reads of one snapshot: a SnapshotAnalysis is one, and so is what lint rebuilds
 * from the small summary its worker threads send (lint/series.ts).
 */
export interface SeriesSnapshot {
  source: string;
  /** Its moment, when it is a document of a stream cut into moments (analyze/moments.ts markStreamMoments): what pairs it with the goroutine dump beside it. */
  moment?: string | undefined;
  stats: MemStats | undefined;
  breakdown: Breakdown | undefined;
  /**
   * `format` undefined: the snapshot has no heap profile (a /debug/vars document, a scrape), not an
   * empty one. `samplingRate`: the profile's MemProfileRate (0: profiling was off); `inuseBytes`, its
   * in-use bytes as of the last GC (a limit's fit reads them: memlimit.ts snapshotLimitFit); `allocBytes`,
   * its allocated bytes (every site's, unsampled), which TotalAlloc bounds (forced.ts profileOfEarlierGC).
   */
  profile: { sites: readonly SeriesSite[]; format: ProfileFormat | undefined; samplingRate?: number | undefined; inuseBytes?: number | undefined; allocBytes?: number | undefined };
  identity?: BinaryIdentity | undefined;
  /** The marks of a memory limit in this snapshot (memlimit.ts), when all are there. */
  memoryLimit?: MemoryLimitSigns | undefined;
  /** The same marks when the limit was given (--gomemlimit): it holds the heap goal down. */
  limitPressure?: GivenLimitPressure | undefined;
  /** The GOMEMLIMIT known for the process (given or reported), whether or not the marks are there. */
  knownLimit?: KnownLimit | undefined;
  /** How the known limit fits what the snapshot holds (memlimit.ts snapshotLimitFit), as its analysis read it. */
  limitFit?: LimitFit | undefined;
  /** Live objects by size class (/debug/vars BySize, a scrape's by-size histograms). */
  sizeClasses?: SizeClassSummary | undefined;
  /** A scrape's target labels (a page of several processes): another target is another process. */
  target?: string | undefined;
  /** When a binary profile without MemStats was taken: their order among themselves. */
  capturedAtMs?: number | undefined;
  /** The Go that wrote it (--go-version, or inferred): what the scavenger does with a retained peak (scavenger.ts). */
  goVersion?: GoVersion | undefined;
  /** The process's RSS at its moment (--rss, a scrape's process_resident_memory_bytes, its moment's scrape's): whether released pages are still counted. */
  rss?: number | undefined;
  /** `rssOrigin: 'flag'` when `rss` is the one --rss SIZE gave (the latest snapshot's), not one its capture reported. */
  process?: { rssOrigin?: 'flag' | undefined } | undefined;
}

export interface SeriesPoint {
  source: string;
  /** Cumulative bytes allocated: the series order (it never decreases in one process). */
  totalAlloc: number;
  numGC: number;
  heapObjects: number | undefined;
  heapInuse: number | undefined;
  heapSys: number | undefined;
  /** In-use stack spans: grows with leaked goroutines even when the heap stays flat. */
  stackInuse: number | undefined;
  breakdown: Breakdown;
  /** The goroutine dump of its moment, when one is given (index.ts pointGoroutineDump): what the verdict and the TUI count at this point. */
  goroutineDump?: PointGoroutineDump;
  /** LastGC as unix milliseconds (for per-second rates when GCs ran between snapshots). */
  lastGcMs?: number;
  /** The process's RSS at this point, when known (SeriesSnapshot.rss). */
  rss?: number;
  /** `flag` when `rss` is the one --rss SIZE gave, not what its capture reported (the table's RSS row says which, report/goroutines.ts rssOriginNote). */
  rssOrigin?: 'flag';
  /** Written by Go 1.12–1.15, whose released pages stay in RSS until the OS needs memory (MADV_FREE; highwater.ts inRssWords). */
  releasesWithMadvFree?: true;
  /** Its GC is off (NextGC ≈ 2^63: gcoff.ts): a phase of the GC off says where a past peak came from (highwater.ts gcOffPhaseWords). */
  gcOff?: true;
}

/**
 * The goroutine dump paired with a series point: of its moment by the names (common/stems.ts
 * pairedCapture: the same folder and stem, or the same time in a sibling folder) or by a stream's
 * order (analyze/moments.ts markStreamMoments). Of a debug=1 and a debug=2 dump of that moment,
 * the debug=2 one, whose count the verdict says, with the debug=1 one as `other`.
 */
export interface PointGoroutineDump {
  source: string;
  kind: 'goroutine' | 'goroutine-traceback';
  total: number;
  other?: { source: string; kind: 'goroutine' | 'goroutine-traceback'; total: number };
}

/** A size class's live objects across the snapshots (one per GC epoch): what a series without a profile can say of what grows. */
export interface SizeClassTrend {
  /** The class's largest object size (null: a histogram's +Inf) and smallest. */
  size: number | null;
  minSize: number;
  liveObjects: number[];
  /** Exact (BySize), or bounds (a histogram: `exact` false in the snapshots' sizeClasses). */
  liveBytes: number[];
  growthBytes: number;
}

/** A site of one growing array (holder.ts), with its in-use bytes per snapshot of the trend (JSON series.growingHolder, docs/json.md). */
export interface GrowingHolder {
  function: string;
  file: string | undefined;
  line: number | undefined;
  /** Its objects at the last snapshot (1 or 2): the array's, when smaller ones beside it are not counted (`arrayBytes`). */
  objects: number;
  /** In-use bytes per snapshot of the trend, in series order (SiteTrend.inuseBytes). */
  inuseBytes: number[];
  /**
   * The 1–2 objects' bytes at the last snapshot when the site holds smaller objects beside them (a
   * map's overflow buckets, each a few hundred bytes, sampled and scaled up): they hold half its
   * in-use bytes or more. Absent when the site's objects are those 1–2.
   */
  arrayBytes?: number;
  /** Read between GCs: a profile of the trend is a plain dump's, as of its last GC (not right after a forced one). */
  asOfLastGC?: true;
  /** Every snapshot's stacks run through the runtime's map code: a map's buckets. */
  mapBuckets?: true;
}

/** An allocation site's in-use bytes across the snapshots. */
export interface SiteTrend {
  function: string;
  file: string | undefined;
  line: number | undefined;
  /** In-use bytes (unsampled) per snapshot, in series order. */
  inuseBytes: number[];
  inuseObjects: number[];
  /** Last minus first. */
  growthBytes: number;
  /**
   * What the site allocated since the program started, as of the last snapshot that has it (its
   * profile's alloc_space): above the in-use bytes, the site freed part of what it made.
   */
  allocBytes?: number;
  /**
   * The text dump and line where its biggest stack's first record is, in the last snapshot that has
   * the site: where lint's finding of a leak points (SARIF's region). Absent for a binary profile.
   */
  record?: { source: string; line: number };
  /**
   * The samples each estimate rests on (unsample.ts samplesBehind); undefined when the profiles
   * record every allocation or their rate is unknown (the values are exact counts then).
   */
  samples?: number[];
  /** Never decreased between GC-separated snapshots, but by less than one sample's worth (sampling error), or by an array's old copy freed after a grow (`oldCopyAt`). */
  monotonic: boolean;
  /**
   * The readings (indexes into inuseBytes) that held an array's old copy beside its new one, as a
   * map does while it grows (trend.ts growOverlaps): the fall after each is that copy freed, not
   * what the site keeps. Present when it is what kept the site `monotonic`.
   */
  oldCopyAt?: number[];
  /**
   * It grew, then held: the index of its readings from which every one stays within flatShare of
   * its last, through the later half of them at least (trend.ts heldFrom); absent while it still
   * rises. Growth short of evidence, said apart: "Grew, then held", not "Growing".
   */
  heldFrom?: number;
  /** Every stack allocating here runs through the profiler (runtime/pprof, net/http/pprof): never leak evidence. */
  profiler?: true;
  /** Every stack calls it from sync.(*Pool).Get: a pool's New made its objects, which the pool keeps between GCs. */
  poolNew?: true;
  /** At every snapshot that has it, a map's buckets (profile.ts AllocationSite.mapBuckets): Go maps never shrink. */
  mapBuckets?: true;
  /**
   * A standard-library site: the program's frame that called it (profile.ts), at the last snapshot
   * that has the site; when its callers are compared (`callers` with `growthBytes`), the one whose
   * bytes grew the most between the first and the last, if any grew: where the leak is.
   */
  caller?: SiteCaller;
  /**
   * Its callers with their bytes when two or more frames of the program call it (profile.ts), at
   * the same snapshot as `caller`. When the first and the last snapshot of the trend both have the
   * site, each with `growthBytes` (its in-use bytes at the last less at the first), most grown first.
   */
  callers?: readonly CallerTrend[];
}

/** A caller of a standard-library site across a series: its bytes at the last snapshot, and their growth since the first when both have the site. */
export interface CallerTrend extends CallerShare {
  growthBytes?: number;
}

/** A goroutine group's count across goroutine dumps. */
export interface GroupTrend {
  function: string;
  state: string | undefined;
  createdBy: string | undefined;
  /** The frame it is blocked in (GoroutineGroup.blockedIn): part of what matches it across dumps. */
  blockedIn?: string;
  /** The standard library's frame it waits in, and its part in net/http's client, in the last dump that has it (GoroutineGroup). */
  waitsIn?: string;
  clientConn?: ClientConnRole;
  /** What that dump's net/http client connections wait for (GoroutineSummary.httpClient): the connections' groups' advice reads it. */
  httpClient?: HttpClientWaits;
  counts: number[];
  growth: number;
  monotonic: boolean;
  /** Goroutines the program did not start itself (the runtime's, the dump writer): never leak evidence. */
  benign?: true;
  /** The group's longest wait in each dump, in minutes (0: under a minute, or not printed); present when a debug=2 dump printed one. */
  waits?: number[];
  /**
   * How many of its goroutines printed a wait of goroutineLongWaitMinutes or more in each dump
   * (each one's own header: the longest wait is one goroutine's); present with `waits`.
   */
  waited?: number[];
  /**
   * How many of its goroutines provably ran since the dump before or the first, in each dump (0 at
   * the first): their wait fell short of the time that passed (goroutines/waits.ts wokenSince), so
   * they were woken and blocked again, as a pool's idle workers are. Present when some did, for a
   * group blocked on a channel, select or lock.
   */
  woken?: number[];
  /** Where its function is, in the last dump that has the group. */
  file?: string;
  line?: number;
  /**
   * Its function's goroutines were in several groups (series/index.ts byFunction): `counts` are the
   * function's, every state summed, and this is the group its state and line name, the largest at
   * the last dump, with its own counts.
   */
  named?: { counts: number[] };
}

/** `unknown`: too few GC-separated snapshots (or goroutine dumps) to tell growth from noise. */
/**
 * `memory-limit`: no growth, and a memory limit explains the memory: a known one (--gomemlimit, a
 * scrape's go_gc_gomemlimit_bytes) that Go holds about (within memoryLimitShare either side) where
 * the series would be churn or peak retention, or the marks of one
 * nobody gave (the GC runs often because the limit holds the heap goal at the live heap).
 */
export type SeriesKind = 'leak' | 'peak-retention' | 'memory-limit' | 'churn' | 'stable' | 'unknown';

/** One reason to suspect a leak, as the verdict names it. */
export interface LeakEvidence {
  kind: 'live-heap' | 'sites' | 'goroutine-groups' | 'stack-inuse' | 'size-classes';
  text: string;
  /**
   * The live heap's evidence read from heap dumps all of which, or all but one, were read between GCs (none right after a forced
   * GC, or one): how many were. HeapAlloc read between GCs is the live heap as of the last GC plus the garbage made since, at
   * snapshots taken at different GCs (verdict.ts plainReadings). Absent otherwise.
   */
  betweenGCs?: number;
  /**
   * The live heap's evidence is the floors of a recurring peak, each the live heap where a cycle had fallen back, rising at
   * every fall (recurring.ts recurringCycles floorsRise): a leak under the peak, the live heap itself no rise at every step.
   */
  underRecurringPeak?: true;
  /**
   * The live heap's evidence is the heap goal's trend (goaltrend.ts: NextGC ÷ (1 + GOGC/100), the live heap as of each reading's
   * last GC), every reading between GCs: `text` says it so, and a finding that restates the rise says it in those words, never
   * HeapAlloc's ends (lint's leak-suspected was "HeapAlloc 3.2 MiB → 22.5 MiB … each read between GCs" beside analyze's goal).
   */
  fromGoal?: true;
}

/**
 * Where the series' memory stood against a GOMEMLIMIT known for the process, beside a verdict that
 * is not `memory-limit` (limit.ts): whether the limit played a part.
 */
export interface LimitStanding {
  gomemlimitBytes: number;
  /** `flag`: given (--gomemlimit, lint's memory-limit-pressure option); `reported`: a scrape's go_gc_gomemlimit_bytes. */
  origin: FactOrigin;
  /**
   * `none`: no snapshot held within memoryLimitShare (90%) of the limit, nor did Go ever map that
   * much (Sys): the limit played no part; `possible`: no snapshot did, but Sys reached it, so Go
   * may have between two; `reached`: a snapshot held 90% to 110% of it; `exceeded`: more.
   */
  role: 'none' | 'possible' | 'reached' | 'exceeded';
  /** The most Go held (Sys − HeapReleased, what the limit bounds) in a snapshot, and which. */
  peakRetainedBytes: number;
  peakSource: string;
  /** What Go holds in the latest snapshot. */
  retainedBytes: number;
  /** The largest Sys read: Go held no more than this at any moment up to the latest snapshot. */
  sysBytes: number;
  /** The sentence the verdict's summary ends with. */
  text: string;
}

/**
 * A rise that slows at every step (levelling.ts): what it was read from (`live-heap`: HeapAlloc right
 * after a forced GC; `profile`: the heap profiles' in-use, HeapAlloc read between GCs), its steps,
 * the level it heads for, and whether it has all but stopped (the verdict a plateau, else unknown).
 */
export interface LevellingJson {
  source: 'live-heap' | 'profile';
  stepsBytes: number[];
  towardBytes: number;
  settled: boolean;
}

export interface SeriesVerdict {
  /** Of the Go heap: with `outsideGoHeap`, the memory that grows is outside it (churn here, and a leak outside). */
  kind: SeriesKind;
  /** What the verdict means for `verdict.leak`: `suspected` only with evidence, `not-suspected` only from ≥3 GC-separated snapshots (or a fall from a peak). */
  leak: LeakVerdict;
  /** Every piece of leak evidence found (empty unless kind is `leak`). */
  evidence: LeakEvidence[];
  /** How sure: more GC-separated snapshots and steadier growth make it higher. */
  confidence: 'low' | 'medium' | 'high';
  summary: string;
  /**
   * Kind `unknown` for too few GC cycles, with nothing growing: why no trend can be read, and what
   * to do (`every snapshot is from the same GC cycle …; not enough GC cycles …`). The latest
   * snapshot's own verdict may then speak (combine.ts): more snapshots never weaken it.
   */
  tooFewCycles?: string;
  /**
   * The process's RSS rose steadily while what Go holds stayed flat (offheap.ts offHeapGrowth): a
   * leak outside the Go heap, whatever `kind` says of the heap. The report's verdict is then
   * `suspected` ("Leak suspected outside the Go heap"), and leak-outside-heap reports it.
   */
  outsideGoHeap?: OutsideGoHeap;
  /** A GOMEMLIMIT is known and the kind is not `memory-limit`: where the memory stood against it (also said in `summary`). */
  limit?: LimitStanding;
  /**
   * A GOMEMLIMIT is known: how it fits what Go holds — met with room, binding, or cannot be met —
   * in the snapshot the verdict speaks of (the latest; for `limit`, the one its text is about),
   * with the figures the summary and memory-limit-pressure say (memlimit.ts limitFitJson).
   */
  limitFit?: LimitFitJson;
  /**
   * The heap goal held while the live heap moved (heldgoal.ts): a memory limit's, inferred from the
   * snapshots when none is known (NextGC, and the bytes allocated per GC that TotalAlloc and NumGC give).
   */
  heldGoal?: HeldGoalJson;
  /** The rise slowed at every step, as a cache filling a bounded key set rises (levelling.ts): never leak evidence. */
  levelling?: LevellingJson;
  /**
   * The live heap climbed and fell back at each of two cycles or more, read right after a forced GC (recurring.ts): kind
   * peak-retention; or kind leak when the floors it fell to rose at every fall (`risingFloorBytes`): a leak under the peak.
   */
  recurringPeak?: RecurringPeakJson;
  /**
   * The live heap's estimates as of each snapshot's last GC that a peak read between GCs rests on
   * (highwater.ts lastGcEstimates: "Peak, not a leak: the live heap, as the heap profiles say …"),
   * which the series table shows as its `live as of GC` row.
   */
  lastGcEstimates?: LastGcEstimates;
  /**
   * The summary says "A leak at its memory limit": a leak whose heap goal a memory limit holds
   * (known and binding, or inferred: heldGoal; a GC log's capped goal), heading for GC thrash and,
   * once the live heap outgrows the limit, an OOM kill.
   */
  leakAtLimit?: true;
  /**
   * The series' HeapAlloc was read between GCs, as the latest GC-separated snapshot's heap profile
   * shows (garbage.ts latestReadBetweenGCs: under half of its HeapAlloc in use, two GCs or more, no
   * forced GC just before): the points' `live` is then the heap between collections, live plus
   * garbage not yet collected, not the live heap; `profileInUseBytes`, that profile's in-use bytes
   * as of its last GC, is what the summary weighs it against. Absent otherwise.
   */
  readBetweenGCs?: ReadBetweenGCs;
}

/**
 * How a series' HeapAlloc was shown read between GCs (SeriesVerdict.readBetweenGCs): the latest
 * GC-separated snapshot's heap profile (`profileInUseBytes` alone), an earlier one's (`snapshot`,
 * 1-based, with its profile's in-use: the summary's "HeapAlloc, read between GCs, moves between …"),
 * or every reading within one GC cycle's room under a heap goal that held (`room`:
 * heldgoal.ts heapAllocWithinRoom), or both of the last two; or MemStats alone (`withoutProfile`).
 */
export interface ReadBetweenGCs {
  profileInUseBytes?: number;
  /**
   * Every GC-separated reading was a heap dump's HeapAlloc read between GCs, none right after a forced GC (forced.ts
   * readAfterForcedGC): how many, at snapshots taken at different GCs. The summary says HeapAlloc, never the live heap.
   */
  plainDumps?: number;
  snapshot?: number;
  room?: { lowNextGCBytes: number; highNextGCBytes: number; perGCBytes: number; gcs: number };
  /** MemStats alone (/debug/vars documents, /metrics scrapes), read when asked, never right after a GC, with no heap profile beside them. */
  withoutProfile?: true;
}

/**
 * Where readings between GCs (plain heap dumps, /debug/vars) say the live heap was, each as of its last GC (reasoning.md §3: the
 * live heap is what the last GC marked): the heap profile's in-use (`profiles`: sampled, published at a GC, and of a profile of
 * PROFILE_LAG_GCS GCs or more, the first GC's counting no frees), or without profiles the heap goal's (`goal`): each GC sets
 * NextGC from the heap it marked, NextGC / (1 + GOGC/100), GOGC from the input's name (stems.ts namedGogc) or the default 100.
 * `values` per point, undefined where a point is no GC epoch's reading (JSON null).
 */
export interface LastGcEstimates {
  source: 'profiles' | 'goal';
  values: (number | undefined)[];
  /** The GOGC the goal was read with, and whether a name gave it (`goal` only). */
  gogc?: number;
  gogcNamed?: boolean;
  /** The verdict reads the live heap's trend from the goal (goaltrend.ts), not only a peak. */
  trend?: true;
}

/** A recurring peak read from heap dumps each taken right after a forced GC (recurring.ts dumpsRecurringPeak): `series.verdict.recurringPeak` in JSON. */
export interface RecurringPeakJson {
  /** Complete cycles (climb, then fall to the floor) the snapshots show. */
  cycles: number;
  /** The highest live heap read (HeapAlloc right after a forced GC), and the highest floor a cycle fell to. */
  highBytes: number;
  lowBytes: number;
  /** Each complete cycle's highest reading, as the snapshots caught it (anywhere on its climb). */
  cycleHighBytes: number[];
  /** The snapshots (1-based) at which each cycle had fallen back. */
  fallSnapshots: number[];
  /**
   * Each cycle's floor when they rose at every fall, 3 or more (recurring.ts recurringCycles floorsRise): what stays after each
   * peak accumulates, a leak under the peak (the verdict's kind is then leak); with `peakBytes`, the largest climb of a cycle
   * above the floor it fell to: the peak on top. Both absent when the floors held.
   */
  risingFloorBytes?: number[];
  peakBytes?: number;
  /** Snapshots between two consecutive falls, fewest and most; and seconds, by each snapshot's LastGC, when every one has it. */
  periodSnapshots: [number, number];
  periodSeconds?: [number, number];
  /** The snapshots after the last fall climbed again (to `climbBytes`): the series ends mid-climb. */
  climbBytes?: number;
  /**
   * Readings between GCs beside those right after a forced GC (recurring.ts markedLive): the snapshots (1-based) whose live heap is
   * what their last GC marked, NextGC / (1 + gogc/100), at the GOGC every forced GC's goal implies. Absent when every reading followed one.
   */
  fromGoal?: { gogc: number; snapshots: number[] };
  /** HeapSys when the first cycle had fallen back (the high-water mark it set) and the largest HeapSys read after it. */
  highWaterBytes: [number, number];
  /** HeapReleased, lowest and highest across the snapshots: its swing is the scavenger returning the idle peak between cycles. */
  releasedBytes: [number, number];
  /**
   * The site whose in-use bytes rise and fall with the live heap: the program's largest at the (latest) highest reading,
   * `snapshot` (1-based), holding half of `liveBytes` or more, its in-use at each fall a quarter of that or less (`fallBytes`, the most).
   */
  site?: { function: string; file: string | undefined; line: number | undefined; snapshot: number; inuseBytes: number; liveBytes: number; fallBytes: number };
}

/** A series' held heap goal as the JSON report writes it (`series.verdict.heldGoal`; docs/json.md). */
export interface HeldGoalJson {
  /** Snapshots with MemStats, all of whose NextGC held within SERIES_THRESHOLDS.limitGoalHeldShare. */
  snapshots: number;
  lowNextGCBytes: number;
  highNextGCBytes: number;
  /** The bytes allocated per GC the runtime started (ΔTotalAlloc over ΔNumGC − ΔNumForcedGC) early and late in the series, with the heap they leave each GC live under the goal. */
  first: HeldGoalStep;
  last: HeldGoalStep;
  /** The goal above twice the lowest HeapAlloc read (with its stacks): GOGC off or above 100. */
  goalAboveGogc: boolean;
}

/** Between two snapshots (1-based, as the report numbers them): what was allocated per GC, and the goal less it, about the heap each GC left live. */
export interface HeldGoalStep {
  from: number;
  to: number;
  gcs: number;
  perGCBytes: number;
  liveBytes: number;
}

export interface SeriesAnalysis {
  points: SeriesPoint[];
  /** Pairs of snapshot indexes taken between the same two GCs: their heap records are the same GC epoch. */
  sameEpoch: [number, number][];
  /**
   * The snapshots (indexes into points) read between GCs when others were read right after a
   * forced GC (heap?debug=1&gc=1, forced.ts readAfterForcedGC): their live heap (HeapAlloc)
   * counts the garbage made since the last GC, the others' does not. Absent unless two snapshots
   * at least were read right after a forced GC and one at least between GCs (forced.ts comparedAfterForcedGC).
   */
  betweenGCs?: number[];
  /**
   * The snapshots left out of the points for want of MemStats (a binary heap profile given without
   * the vars or dump of its moment), when some have them: they have no place in TotalAlloc order.
   */
  withoutMemStats?: string[];
  /**
   * The snapshots whose program nothing checked (index.ts sameProgramUnchecked): they carry no
   * stack frame while other dumps of the series do, and no GC cycle links them to one that does.
   */
  sameProgramUnchecked?: string[];
  /**
   * The snapshots the site trends are measured at: one per GC epoch, of those with a heap profile —
   * of those read right after a forced GC alone when the verdict rests on them beside others read
   * between GCs (forced.ts judgedAfterForcedGC).
   */
  trendSources: string[];
  /**
   * Pairs of snapshots (sources, the earlier first) that carry the same published heap profile
   * (index.ts sameProfile: the same totals and records) though a GC ran between them: one reading,
   * not two, so the later is in no site trend — a site must not read "held" at a profile the
   * runtime had not replaced yet (the captured go1.19-audit39-goroleak's heap-t140 and heap-t220).
   */
  sameProfile?: [string, string][];
  /**
   * The last change of the heap profiles' sampling rate (runtime.MemProfileRate set at run time, in a
   * run the GC rings link: index.ts oneProcessProblems): the site trends read the profiles from
   * `after` on, of one sampling; MemStats trends read every snapshot. Absent when the rate never changed.
   */
  samplingRateChange?: SamplingRateChange;
  /**
   * The first step, if its profiles' allocated bytes rose more than twice what TotalAlloc did (index.ts caughtUp): `before`'s profile was
   * older than its MemStats, `after`'s caught up; a site that grew only through that step is no growing site. Absent
   * unless it left one out.
   */
  profileCaughtUp?: ProfileCaughtUp;
  growingSites: SiteTrend[];
  /**
   * How many snapshots were read right after a forced GC (heap?debug=1&gc=1, forced.ts readAfterForcedGC), when
   * minPoints (3) or more: their live heap is the post-GC live heap in bytes, which a GC log prints in whole MB, so
   * their verdict leads a GC log's that disagrees (exposed.ts dumpsOutweighLog). Absent otherwise.
   */
  readAfterForcedGC?: number;
  /**
   * Where the heap goal's ratio to the live heap changed between snapshots read right after a
   * forced GC (forced.ts goalRatioChanges): GOGC changed at run time. Absent without one.
   */
  goalRatioChanges?: GoalRatioChange[];
  /**
   * The program's sites that fell by as much as growingSites rose, most first, when the live heap
   * did not rise either: a shift between sites (a working set refilled at another line), not
   * growth; growingSites are then no leak evidence (reasoning.md §7). Absent otherwise.
   */
  offsettingSites?: SiteTrend[];
  growingGroups: GroupTrend[];
  /**
   * The goroutine dumps the goroutine trends count in, one per moment (goroutines/tracks.ts
   * countingDumps), in order: growingGroups' counts are theirs. Absent without goroutine dumps.
   */
  groupSources?: string[];
  /** Size classes whose live bytes grew by ≥ 1 MiB, never falling (only when every snapshot has a size table of the same source). */
  growingSizeClasses?: SizeClassTrend[];
  /**
   * When a goroutine dump has client read loops waiting for a response Body: the program's frames
   * that called net/http's client in the latest heap profile that shows one (series/index.ts
   * httpRequesters), most allocated first — where the Body is to be closed (leak-suspected's fix
   * names them). Absent otherwise.
   */
  httpRequesters?: SiteCaller[];
  /**
   * Beside growing sites: the one growing array (a map's buckets, an appended slice's) that may be
   * what keeps their objects — 1–2 objects whose in-use rose overall, by jumps (holder.ts). Absent otherwise.
   */
  growingHolder?: GrowingHolder;
  /**
   * The program's allocation rate over the series: TotalAlloc's rise less what the profiler's own
   * sites allocated meanwhile (`profilerBytes`, verdict.ts programAllocated), per GC cycle (ΔNumGC)
   * and per second when the interval is known (--interval). The verdict's churn figures read the same bytes.
   * `profilerAboveRise`: the profiler's estimate (from sampled profiles, each as of its last GC) is
   * as large as TotalAlloc's rise or larger, so the program's share cannot be told: no rate then.
   * `burst`: one step allocated most of it (burst.ts allocationBurst), snapshots `from`→`to`: the
   * rates are that step's mean over the series, not a rate the program keeps up.
   * `bytesPerGC` only over thresholds.ts rateMinCycles GC cycles or more, or when every snapshot was read right after a forced
   * GC (forced.ts perCycleRate); else `overGCs`: the program's bytes and the GC cycles they span, said as they are.
   */
  allocation: {
    bytesPerGC: number | undefined; bytesPerSecond: number | undefined; profilerBytes: number; profilerAboveRise?: true; burst?: { from: number; to: number; bytes: number }; overGCs?: { bytes: number; gcs: number };
    /**
     * With --interval, no burst, a stable or churning verdict: stretches of one rate when it changed fourfold or more (ratephases.ts), each
     * from point `from` to point `to` (0-based) at its mean rate, the program's bytes a second.
     */
    phases?: { from: number; to: number; bytesPerSecond: number }[];
  };
  verdict: SeriesVerdict;
}

/**
 * RSS that rose steadily while what Go holds stayed flat (offHeapGrowth): `series.verdict.outsideGoHeap`
 * in the JSON report; the top-level verdict is then "Leak suspected outside the Go heap", and the
 * rule leak-outside-heap reports it.
 */
export interface OutsideGoHeap {
  /** The process's RSS at each snapshot, in series order. */
  rssBytes: number[];
  /** What Go holds (Sys − HeapReleased) at the first and at the last snapshot. */
  goHeldFirstBytes: number;
  goHeldLastBytes: number;
}

/**
 * A step of the heap goal's ratio to the live heap between two snapshots read right after a forced GC (goalRatioChanges),
 * or, of MemStats read between GCs alone (/debug/vars, /metrics), between two runs of snapshots under a goal that held
 * (heldgoal.ts goalMovesBetweenGCs: `room`).
 */
export interface GoalRatioChange {
  /** The snapshots (indexes), the earlier first. */
  from: number;
  to: number;
  /** NextGC / HeapAlloc at each (NextGC over the live heap `room` estimates, read between GCs). */
  before: number;
  after: number;
  /** The GOGC each implies (gcoff.ts impliedGogc); absent when read between GCs (`room`), whose live heap is an estimate. */
  gogcBefore?: number;
  gogcAfter?: number;
  /**
   * Read between GCs: each side's run of snapshots (indexes, first and last) under a goal that held (NextGC, lowest and
   * highest), and the heap each GC left live there — the goal less what the program allocated per GC the runtime started.
   */
  room?: { before: GoalRun; after: GoalRun };
}

/** Snapshots (indexes `from`→`to`) under a heap goal that held, with the heap each GC left live there (GoalRatioChange.room). */
export interface GoalRun {
  from: number;
  to: number;
  lowNextGCBytes: number;
  highNextGCBytes: number;
  perGCBytes: number;
  liveBytes: number;
}

/** A change of MemProfileRate between two consecutive profiles of one run (SeriesAnalysis.samplingRateChange). */
export interface SamplingRateChange {
  before: string;
  after: string;
  beforeRate: number;
  afterRate: number;
}

/** A step at which the heap profile caught up with allocations made before the earlier moment (SeriesAnalysis.profileCaughtUp). */
export interface ProfileCaughtUp {
  before: string;
  after: string;
  profileRise: number;
  totalAllocRise: number;
}
