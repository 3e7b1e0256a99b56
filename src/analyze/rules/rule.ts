/**
 * A rule is a module: `meta` (a stable id — SARIF and baselines depend on it — a default
 * severity, a one-line description, the Go document it rests on) and a pure `check` that reads
 * the facts of one snapshot and returns findings. Messages have three parts (Biome's habit):
 * what is wrong, why (the evidence, with numbers), what to do.
 */
import type { Diagnostic, Severity } from '../../grammar/common/diagnostic.js';
import type { Position } from '../../grammar/common/positions.js';
import type { GoroutineKind } from '../../input/registry.js';
import type { ExposedKind, GcPauseMetrics, ProcessFacts } from '../../input/snapshot.js';
import type { Breakdown, Bucket } from '../breakdown.js';
import type { GoVersion } from '../../input/goversion.js';
import type { MemStats } from '../memstats.js';
import type { LongestPause } from '../pauses.js';
import type { ProfileSummary, SiteCaller } from '../profile.js';
import type { GroupTrend, GrowingHolder, LimitStanding, SeriesVerdict, SiteTrend } from '../series/model.js';
import type { GoroutineGroup, GoroutineSummary } from '../goroutines/model.js';
import { THRESHOLDS, type Thresholds } from '../thresholds.js';

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  description: string;
  docsUrl: string;
  /**
   * The options a lint configuration may give the rule (`["warn", { "limit": "512MiB" }]`), by
   * name. For the rules that read thresholds, the names are the keys of THRESHOLDS they read, and
   * a value replaces that threshold for this rule only.
   */
  options?: Readonly<Record<string, RuleOptionMeta>>;
  /** Options without which the rule cannot run (a budget's `limit`): such a rule is off until configured. */
  requires?: readonly string[];
  /** Options of which at least one must be given for the rule to run (a series budget per hour or per GC): off until configured. */
  requiresOneOf?: readonly string[];
  /** What the rule reads: heap dumps (the default), goroutine dumps, or a series of snapshots of one process. */
  inputs?: readonly RuleInput[];
  /**
   * The parts of the breakdown its findings explain (stack-heavy: `stacks`): among findings of one
   * severity, those about the part the verdict names (`verdict.dominant`) are listed first.
   */
  explains?: readonly Bucket[];
  /**
   * Its words depend on the GOMEMLIMIT known for the process (facts.process.gomemlimit): checked
   * again on a snapshot that learns it from its moment's scrape (analyze/snapshot.ts reportedFactFindings).
   */
  readsLimit?: boolean;
  /**
   * Its words depend on the RSS known for the process (facts.process.rss): checked again on a
   * snapshot that learns it from its moment's scrape (analyze/snapshot.ts withReportedRss).
   */
  readsRss?: boolean;
  /**
   * Its words depend on the Go version (facts.goVersion: MADV_FREE or MADV_DONTNEED, what the
   * scavenger does): checked again on a snapshot of a series that learns it from another snapshot
   * of the same process (analyze/snapshot.ts withSeriesGoVersion).
   */
  readsGoVersion?: boolean;
  /**
   * Its findings describe a state of the process at its snapshot that a later snapshot supersedes
   * (idle-heap-retained: idle spans a later dump shows released): among the snapshots of one
   * process, only the latest's finding is reported (lint/series.ts judgedAtLatest), once.
   */
  latestInSeries?: boolean;
}

/**
 * How an option's value is written: `bytes` as 512MiB or a number, `duration` as 10ms or
 * nanoseconds, `fraction` as 0.05 or 5%, `rate` as 10MiB/h (bytes per hour; /min and /s too).
 */
export type RuleOptionKind = 'bytes' | 'duration' | 'fraction' | 'count' | 'number' | 'rate';

export interface RuleOptionMeta {
  kind: RuleOptionKind;
  description: string;
}

/** Option values, parsed: bytes, nanoseconds, fractions (0..1) and counts are all numbers. */
export type RuleOptions = Readonly<Record<string, number>>;

export type RuleInput = 'heap' | 'goroutine' | 'series';

/**
 * The facts of one snapshot, whatever format fed it (a heap dump, a scrape, a vars file, a binary
 * profile): rules read these, never the parsed input itself.
 */
export interface SnapshotFacts {
  source: string;
  stats: MemStats | undefined;
  breakdown: Breakdown | undefined;
  /** The sampled profile: sites, totals, and how it was written (`profile.format`). */
  profile: ProfileSummary;
  goVersion: GoVersion | undefined;
  process: ProcessFacts;
  /** A /metrics scrape's GC pause metrics (it has no PauseNs ring): pauses.ts reads them. */
  gcPauses?: GcPauseMetrics;
  /** Where a MemStats field's line is, for findings that point at it. */
  positionOf(field: string): Position | undefined;
  /** Where the MemStats block starts (its title line), when the input has one. */
  memStatsPosition: Position | undefined;
  /** The input's last line: where a missing block would have been (line 0 for an input without lines: no place). */
  endPosition: Position;
  /** The endpoint that wrote the input when it is a /metrics page or a /debug/vars document (not the runtime's profile writer). */
  exposed?: ExposedKind;
  /** When the MemStats were captured, unix ms, when the input says (SnapshotInput.capturedAtMs). */
  capturedAtMs: number | undefined;
}

/** The facts of one goroutine dump (debug=1, debug=2 or the Go 1.26+ leak profile), for rules that read them. */
export interface GoroutineFacts {
  source: string;
  kind: GoroutineKind;
  /** Goroutines in the dump: the header's total (debug=1) or the number of goroutine headers (debug=2). */
  total: number;
  /** The largest group (same creation site, top frame and wait state), to name in messages. */
  largestGroup?: { count: number; function: string; state?: string };
  /** Where the header is (debug=1) or the first goroutine (debug=2). */
  position: Position | undefined;
  /** The debug=2 dump was cut by the runtime (64 MiB): the total counts only what was written. */
  truncated: boolean;
  /** The dump's groups (goroutine-long-wait reads their waits, which only debug=2 prints; finalizer-blocked the finalizer goroutine's, of debug=1 too). */
  groups?: readonly GoroutineGroup[];
  /** What crashed, when the dump is a crash's output (out-of-memory reads it). */
  crash?: GoroutineSummary['crash'];
  /**
   * The groups of a series' latest debug=2 dump left out of `groups` because the earlier dumps
   * prove `ran` of their goroutines ran between the dumps (a pool's idle workers taking turns:
   * rules/goroutine-long-wait.ts longWaitFacts), for goroutine-long-wait to say so.
   */
  woken?: readonly { group: GoroutineGroup; ran: number }[];
  /**
   * Of a series' latest debug=2 dump: how many goroutines of `groups` the first debug=2 dump of the
   * same process (`source`) already showed blocked in the same group, by their ids (longWaitFacts):
   * blocked at both, they did not take turns.
   */
  blockedSince?: { source: string; count: number };
  /**
   * The program's callers of net/http's client in the heap profiles' stacks, when read loops wait
   * for a Body (series/index.ts bodyRequesters): where the Body advice says to close it.
   */
  httpRequesters?: readonly SiteCaller[];
  /** The group that holds a heap site and the words that say so (leak-advice.ts seriesHeld; combine.ts of one moment). */
  held?: { group: string; words: string };
}

/**
 * What a rule is given besides the facts, so that it reads nothing else: its thresholds with its
 * own options applied, the options themselves, and the parser's problems in the input.
 */
export interface RuleContext {
  /** THRESHOLDS, where an option named after a threshold replaces it for this rule only. */
  thresholds: Thresholds;
  /** What a lint configuration gave the rule, parsed (empty outside lint). */
  options: RuleOptions;
  /** The parser's problems (lint passes them for `parse-error`; analyze prints them itself and passes none). */
  diagnostics: readonly Diagnostic[];
}

/** The live heap at one GC-separated point of a series. */
export interface LivePoint {
  source: string;
  /** HeapAlloc of the first snapshot after a GC (with ?gc=1, the heap right after it); a gctrace log's heap after the GC. */
  bytes: number;
  /** NumGC at this point (a gctrace log: the cycle number). */
  numGC: number;
  /** When that GC ended, unix ms (LastGC), or ms since the program started (a gctrace log's @T): only differences are used. */
  atMs: number | undefined;
  /** Read right after a forced GC (?gc=1) while other points were read between GCs (SeriesAnalysis.betweenGCs); absent otherwise. */
  afterForcedGC?: true;
}

/**
 * The facts of a series of snapshots of one process (lint/series.ts builds them from dumps of
 * one directory, or from one GODEBUG=gctrace=1 log), for the rules that read series.
 */
export interface SeriesRuleFacts {
  /** The series' files in capture order; findings are reported at the last one. */
  sources: readonly string[];
  /** Heap dumps (with goroutine dumps) or MemStats scrapes, or one gctrace log. */
  origin: 'snapshots' | 'gctrace';
  /** The series verdict (analyze/series/verdict.ts, or the gctrace log's). */
  verdict: SeriesVerdict;
  /** The live heap at each GC-separated point, in order. */
  live: readonly LivePoint[];
  /** The growing sites the verdict names (series/verdict.ts namedLeakSites: the table's, in its order), with in-use bytes at each point of `live`. */
  leakSites: readonly SiteTrend[];
  /**
   * The sites that grew (never fell, by siteGrowthMinBytes or more: SeriesAnalysis.growingSites) but the profiler's, as the series
   * table lists them: when none is a leak site, what leak-suspected's fix names instead of "No allocation site grew".
   */
  grownSites?: readonly SiteTrend[];
  /** The snapshots whose heap profiles the site trends read (SeriesAnalysis.trendSources), first to last: none for scrapes or /debug/vars. */
  profiles?: readonly string[];
  /** The one growing array beside the growing sites that may keep their objects (SeriesAnalysis.growingHolder): the fix names it. */
  holder?: GrowingHolder;
  /** The goroutine dumps in order: name and goroutine total. */
  goroutines: readonly { source: string; total: number }[];
  /** Goroutine groups that never shrank and grew by at least SERIES_THRESHOLDS.groupGrowthMin (the runtime's own excluded). */
  growingGroups: readonly GroupTrend[];
  /**
   * The finalizer goroutine found running one finalizer of the program in every goroutine dump
   * (two or more): it holds up every other finalizer (goroutines/group.ts `finalizer`).
   */
  busyFinalizer?: BusyFinalizer;
  /**
   * Client read loops (net/http.(*persistConn).readLoop) the last goroutine dump found waiting for a
   * response Body never read to the end nor closed: each keeps its connection, its goroutines and
   * their buffers, whether or not the dumps are enough to call their group growing.
   */
  unreadBodies?: number;
  /** The program's frames that called net/http's client, in the heap profiles (SeriesAnalysis.httpRequesters): where the Bodies are to be closed. */
  httpRequesters?: readonly { function: string; file: string | undefined; line: number | undefined }[];
  /** A gctrace log's longest stop-the-world time (pauses.ts gcTracePause): gc-pause-long and max-gc-pause read it. */
  gcPause?: LongestPause;
  /**
   * A gctrace log's last GC line (of its last run): where its findings about the whole log are
   * placed (leak-suspected: the live heap it left ends the rise), the GC's CPU share since the
   * program started as that line prints it (`P%`: GCCPUFraction in whole percent, truncated;
   * gc-cpu-high reads it), the heap goal it prints and whether that goal is the GC off's (about
   * 2^63: gc-off reads them), and how many of the log's cycles were forced.
   */
  lastGc?: { cycle: number; position: Position; cpuPercent?: number; goalMB?: number; gcOff: boolean; forcedCycles: number };
  /**
   * Where a gctrace log's heap stood against a known GOMEMLIMIT (exposition/gctrace.ts
   * gcLogLimitStanding, without its words' GC position), and the live heap (C) after the log's
   * last GC, bytes: memory-limit-pressure reads it.
   */
  gcLogLimit?: { role: LimitStanding['role']; gomemlimitBytes: number; peakHeapBytes: number; peakCycle: number; heapBytes: number; liveBytes: number; text: string };
}

/** A finalizer the finalizer goroutine was running at every goroutine dump. */
export interface BusyFinalizer {
  function: string;
  file: string | undefined;
  line: number | undefined;
  /** `time.Sleep`, `sync.(*Mutex).Lock`…: where it waits (goroutines/frames.ts blockedIn). */
  blockedIn: string | undefined;
  dumps: number;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** What is wrong, in one sentence. */
  message: string;
  /** Why: the evidence, with the numbers from the dump. */
  why: string;
  /** What to do about it. */
  fix: string;
  docsUrl: string;
  source: string;
  line?: number;
  column?: number;
  /** The numbers behind the finding, for JSON consumers and thresholds. */
  evidence?: Record<string, number | string>;
  /**
   * What the finding is about when a rule can find several things in one input (an identity, a
   * function, a goroutine group): stable across captures and rewordings, so lint baselines key on
   * it (with the rule id and the file), never on the message.
   */
  subject?: string;
  /**
   * `series` for a finding about a series of snapshots (a directory's dumps, a GC log: the series
   * rules'), named by the series' last input, not about that input alone.
   */
  scope?: 'series';
  /** parse-error: the input ends in the middle of this line (a cut download or file), as analyze's JSON diagnostics say. */
  cut?: true;
}

export type RuleResult = Pick<Finding, 'message' | 'why' | 'fix' | 'subject'> & {
  /** Overrides the rule's documentation for this finding (parse-error: the writer of the input's format). */
  docsUrl?: string;
  position?: Position | undefined;
  evidence?: Record<string, number | string>;
  /** Overrides the rule's default severity for this finding (e.g. a stronger case). */
  severity?: Severity;
  /**
   * The input the finding is about, when not the series' last snapshot (a series rule): where
   * its evidence is (goroutine-growth: the last goroutine dump, which holds the groups).
   */
  source?: string;
  cut?: true;
};

export interface Rule {
  meta: RuleMeta;
  /** Reads one heap snapshot. */
  check(facts: SnapshotFacts, context: RuleContext): RuleResult[];
  /** Reads one goroutine dump; only rules whose `meta.inputs` include 'goroutine' have it. */
  checkGoroutines?(facts: GoroutineFacts, context: RuleContext): RuleResult[];
  /** Reads a series of snapshots of one process; only rules whose `meta.inputs` include 'series' have it. */
  checkSeries?(facts: SeriesRuleFacts, context: RuleContext): RuleResult[];
}

/** A budget: the rule does not run until a configuration gives it its limit(s). */
export function offUntilConfigured(meta: RuleMeta): boolean {
  return (meta.requires?.length ?? 0) > 0 || (meta.requiresOneOf?.length ?? 0) > 0;
}

/** A rule with the options it runs with and its thresholds resolved from them, once per run. */
export interface ConfiguredRule {
  rule: Rule;
  options: RuleOptions;
  thresholds: Thresholds;
}

/** `rule` with `options` (a lint configuration's, or none); options named after thresholds replace those of `base`. */
export function configureRule(rule: Rule, options: RuleOptions = {}, base: Thresholds = THRESHOLDS): ConfiguredRule {
  const thresholds: Thresholds = { ...base };
  for (const [name, value] of Object.entries(options)) {
    // Other options (a budget's `limit`) are not thresholds; the rule reads them from `options`.
    if (isThresholdName(name)) thresholds[name] = value;
  }
  return { rule, options, thresholds };
}

function isThresholdName(name: string): name is keyof Thresholds {
  return Object.hasOwn(THRESHOLDS, name);
}

/** The context `configured` runs with on an input whose parser found `diagnostics`. */
export function contextOf(configured: ConfiguredRule, diagnostics: readonly Diagnostic[]): RuleContext {
  return { thresholds: configured.thresholds, options: configured.options, diagnostics };
}

/** A rule's result as a finding about `source`: the rule's id, docs and default severity filled in. */
export function toFinding(rule: Rule, result: RuleResult, source: string): Finding {
  return {
    ruleId: rule.meta.id,
    severity: result.severity ?? rule.meta.defaultSeverity,
    message: result.message,
    why: result.why,
    fix: result.fix,
    docsUrl: result.docsUrl ?? rule.meta.docsUrl,
    source: result.source ?? source,
    ...placeOf(result.position),
    ...(result.evidence ? { evidence: result.evidence } : {}),
    ...(result.subject !== undefined ? { subject: result.subject } : {}),
    ...(result.cut ? { cut: true as const } : {}),
  };
}

/**
 * A finding's line and column. Line 0 is no line: a binary profile's positions, the end of an
 * input read whole (a scrape, a vars document), a problem with the whole input. Such a finding is
 * about the file as a whole (lint's `0:0`, no SARIF region: SARIF lines and columns start at 1).
 */
function placeOf(position: Position | undefined): { line?: number; column?: number } {
  if (!position || position.line < 1) return {};
  return { line: position.line, column: Math.max(1, position.column) };
}
