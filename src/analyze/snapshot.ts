/**
 * Analysis of one snapshot (input/snapshot.ts: MemStats and sites, from any format): breakdown,
 * profile, findings and verdict. Pure: the same input and options give the same result, and nothing here reads files or prints.
 */
import type { Diagnostic } from '../grammar/common/diagnostic.js';
import type { Position } from '../grammar/common/positions.js';
import { PAIRED_MEMSTATS, type MemStatsBlock, type SampledSites } from '../grammar/heap/model.js';
import { captureEndpoint, withGivenFacts, type GcPauseMetrics, type ProcessFacts, type SnapshotInput } from '../input/snapshot.js';
import { summarizeSizeClasses, type SizeClassSummary } from './sizeclasses.js';
import { brokenIdentities, computeBreakdown, outsideGoHeap, releasedInRss, rssAboveGo, rssShortfall, type Breakdown } from './breakdown.js';
import { formatGoVersion, REPORTED, type GoVersion } from '../input/goversion.js';
import { MemStats } from './memstats.js';
import { summarizeProfile, type ProfileSummary } from './profile.js';
import { largeLiveSite, nonResidentClause } from './residency.js';
import { READS_MEMSTATS, RULES, configureRule, contextOf, toFinding, type ConfiguredRule, type Finding, type RuleMeta, type SnapshotFacts } from './rules/index.js';
import { THRESHOLDS, type Thresholds } from './thresholds.js';
import { BUCKET_WORDS, binaryProfileVerdict, snapshotVerdict, type ForcedGCReading, type Verdict } from './verdict.js';
import { formatBytes, formatCount } from '../text/units.js';
import { identityOf, NO_STACKS_IDENTITY, type BinaryIdentity } from './series/identity.js';
import { bindingLimitSentence, cappedGoal, cappedGoalSentence, learnLimit, memoryLimitSentence, type CappedGoal, memoryLimitSigns, snapshotLimitFit, type GivenLimitPressure, type KnownLimit, type LimitFit, type LimitView, type MemoryLimitSigns } from './memlimit.js';
import type { ExposedProcess } from '../exposition/model.js';
import { baseName } from '../common/paths.js';
import { mmapCaller, noRssWords } from './norss.js';

export interface AnalyzeOptions {
  /** --go-version: overrides the input's (input/snapshot.ts withGivenFacts). */
  goVersion?: GoVersion;
  /** --rss, --gomemlimit: override the input's. */
  process?: ProcessFacts;
  thresholds?: Partial<Thresholds>;
  /** The rules to run, each with its options (default: all, without options, on `thresholds`). */
  rules?: readonly ConfiguredRule[];
  /**
   * Hand the parser's diagnostics to the rules, so `parse-error` reports them as findings (lint);
   * off by default, as `heapdoc analyze` prints them itself.
   */
  diagnosticsAsFindings?: boolean;
}

/** Every rule, without options, on THRESHOLDS: what `heapdoc analyze` runs. */
const DEFAULT_RULES: readonly ConfiguredRule[] = RULES.map((rule) => configureRule(rule));

/** The rules a snapshot is checked with: those given (lint's config), else every rule with the thresholds given. */
function snapshotRules(options: AnalyzeOptions, thresholds: Thresholds): readonly ConfiguredRule[] {
  return options.rules ?? (options.thresholds ? RULES.map((rule) => configureRule(rule, {}, thresholds)) : DEFAULT_RULES);
}

export interface SnapshotAnalysis {
  source: string;
  /** Its moment, when it is a document of a stream cut into moments (moments.ts markStreamMoments): no name tells it. */
  moment?: string;
  /** `heap` and `allocs` dumps are the same format; the endpoint cannot be told from the text. */
  kind: 'heap';
  /**
   * Where the snapshot came from when not a heap?debug=1 dump: a /metrics scrape, a /debug/vars
   * file (MemStats, no profile), a binary profile (a profile, no MemStats), or a binary profile
   * paired with the MemStats of the same process.
   */
  origin?: 'prometheus' | 'expvar' | 'pprof' | 'pprof+prometheus' | 'pprof+expvar' | 'heap+prometheus' | 'heap+expvar';
  /** When a binary profile was taken (its time_nanos): the order of profiles that have no MemStats. */
  capturedAtMs?: number;
  /**
   * The sentence its verdict ends with about the process's RSS (--rss, or its moment's scrape:
   * withReportedRss; rssSentence): a series' verdict ends with its latest snapshot's (combine.ts).
   */
  rssSentence?: string;
  /** The process's RSS at its moment (--rss, its scrape's, its moment's scrape's: withReportedRss): a series' one-off peak says whether what went back is still counted. */
  rss?: number;
  /** What a /metrics scrape or /debug/vars says of the process beyond MemStats (RSS, goroutines, cmdline, …). */
  process?: ExposedProcess;
  /** A /metrics scrape's GC pauses: go_gc_duration_seconds' quantiles, a runtime/metrics pause histogram (pauses.ts). */
  gcPauses?: GcPauseMetrics;
  /** Live objects and bytes per size class (MemStats.BySize, or a scrape's by-size histograms). */
  sizeClasses?: SizeClassSummary;
  /** A scrape's target labels (`job="api",instance="a:1"`) when its page held several processes. */
  target?: string;
  /** The other vars a /debug/vars document publishes (the program's own), as parsed. */
  vars?: Readonly<Record<string, unknown>>;
  stats: MemStats | undefined;
  breakdown: Breakdown | undefined;
  profile: ProfileSummary;
  goVersion: GoVersion | undefined;
  findings: Finding[];
  verdict: Verdict;
  diagnostics: Diagnostic[];
  /** The marks of a memory limit when no --gomemlimit was given (memlimit.ts): a limit is likely set. */
  memoryLimit: MemoryLimitSigns | undefined;
  /** The same marks when --gomemlimit was given: the known limit holds the heap goal at the live heap (the GC's cost a series names). */
  limitPressure?: GivenLimitPressure;
  /** The GOMEMLIMIT known for the process (--gomemlimit, or a scrape's go_gc_gomemlimit_bytes): a series says when the heap is held up to it. */
  knownLimit?: KnownLimit;
  /** How the known limit fits what Go holds (memlimit.ts snapshotLimitFit): met with room, binding, or cannot be met; JSON `limitFit`. */
  limitFit?: LimitFit;
  /** What identifies the binary (PCs, functions' files, package main's directory): the one-process check. */
  identity: BinaryIdentity;
  /**
   * Whether it was read right after a forced GC and what forced it (verdict.ts ForcedGCReading),
   * as the report reads it (combine.ts withForcedGC, which sets it on each snapshot it reports, from
   * the snapshots given with it): of a series, the series' reading. What profileLag weighs a
   * profile counting more in use than HeapInuse by.
   */
  forcedGC?: ForcedGCReading;
}

export function analyzeSnapshot(source: string, snapshot: SnapshotInput, diagnostics: Diagnostic[], options: AnalyzeOptions = {}): SnapshotAnalysis {
  const thresholds: Thresholds = options.thresholds ? { ...THRESHOLDS, ...options.thresholds } : THRESHOLDS;
  const input = withGivenFacts(snapshot, options);
  const facts = snapshotFacts(source, input);
  const { stats, breakdown, profile, goVersion } = facts;
  const rules = snapshotRules(options, thresholds);
  const findings = checkSnapshot(facts, rules, options.diagnosticsAsFindings ? diagnostics : []);
  // Without --gomemlimit (or a metrics page's), the marks of a limit are said and --gomemlimit asked for.
  const given = facts.process.gomemlimit;
  // MemStats that break the identities support no sentence: neither a limit's marks nor the RSS's.
  const trusted = !untrusted(stats, thresholds);
  const signs = trusted ? memoryLimitSigns(stats, thresholds, profile) : undefined;
  const memoryLimit = given === undefined ? signs : undefined;
  // Short of the three marks (GC CPU under 5%: the captured GOGC=off GOMEMLIMIT=64MiB run's 2.4%), a goal far below GOGC=100's for the live heap.
  const capped = given === undefined && !signs && trusted ? cappedGoal(stats, profile) : undefined;
  const sites = input.sites;
  const rssSaid = trusted ? rssSentence(breakdown, facts.process, thresholds, profile) : undefined;
  // Built in steps, not one literal with spreads and a getter: that literal is made a dictionary
  // (~830 bytes of properties), and a streamed series keeps thousands of these to the end.
  const analysis: Omit<SnapshotAnalysis, 'identity'> = {
    source,
    kind: 'heap',
    stats,
    breakdown,
    profile,
    goVersion,
    findings,
    verdict: withRss(withMemoryLimit(!stats && profile.format?.binary ? binaryProfileVerdict(source, profile)
      : snapshotVerdict(breakdown, stats, thresholds, input.sites !== undefined, profile.samplingRate ? profile.inuseBytes : undefined, captureEndpoint(input.exposed), profile.sites, profile.samplingRate, source, input.capturedAtMs, profile.allocBytes), memoryLimit, capped), rssSaid, trusted ? breakdown : undefined, facts.process.rss, profile),
    memoryLimit,
    diagnostics,
  };
  if (signs && given !== undefined) analysis.limitPressure = { ...signs, gomemlimit: given };
  if (given !== undefined) {
    analysis.knownLimit = { bytes: given, origin: facts.process.origin?.gomemlimit ?? 'flag' };
    analysis.limitFit = snapshotLimitFit(facts, given, thresholds)?.fit;
    // Known and binding, with the marks the verdict would guess a limit from: it leads with it.
    if (signs && breakdown && analysis.limitFit?.state === 'binding') {
      analysis.verdict = { ...analysis.verdict, summary: `${bindingLimitSentence(signs, given, breakdown.retained)} ${analysis.verdict.summary}` };
    }
  }
  if (input.gcPauses) analysis.gcPauses = input.gcPauses;
  if (rssSaid !== undefined) analysis.rssSentence = rssSaid;
  if (facts.process.rss !== undefined) analysis.rss = facts.process.rss;
  if (input.sizeClasses) analysis.sizeClasses = summarizeSizeClasses(input.sizeClasses, stats);
  if (input.target) analysis.target = input.target;
  // Only a series (diff, watch, several dumps) compares identities: built on first read, since
  // it maps every PC (1.4 million in a 100 MB dump whose frames are all distinct). The sites
  // only (stacks, and the line a cut input ends in), not the input: a streamed scrape's analysis
  // outlives its MemStats lines.
  if (sites) Object.defineProperty(analysis, IDENTITY_SOURCE, { value: sites, writable: true });
  return Object.defineProperty(analysis, 'identity', { get: identityOfAnalysis, enumerable: true, configurable: true }) as SnapshotAnalysis;
}

/**
 * `a` knowing the GOMEMLIMIT its moment's scrape reports (moments.ts reportedLimits: a heap dump
 * or /debug/vars kept for a moment whose /metrics scrape reports go_gc_gomemlimit_bytes), as it
 * would had its own input reported it: the limit known (a series' verdict says where Go stood
 * against it), the marks of a limit no longer a guess ("a memory limit is likely set … pass
 * --gomemlimit" leaves its verdict), and memory-limit-pressure checked against it, with no line
 * (the limit is not in its input; its why names the scrape). In place, as the command sorts sites.
 */
export function withReportedLimit(a: SnapshotAnalysis, limit: KnownLimit, from: string, options: AnalyzeOptions = {}): void {
  const signs = a.memoryLimit;
  const thresholds: Thresholds = options.thresholds ? { ...THRESHOLDS, ...options.thresholds } : THRESHOLDS;
  learnLimit(a, limit, a, thresholds);
  const guess = limitGuess(signs, signs ? undefined : cappedGoal(a.stats, a.profile));
  if (guess) a.verdict = { ...a.verdict, summary: a.verdict.summary.replace(` ${guess}`, '') };
  // As --gomemlimit would: a binding limit with the marks leads the verdict (analyzeSnapshot).
  if (signs && a.breakdown && a.limitFit?.state === 'binding') a.verdict = { ...a.verdict, summary: `${bindingLimitSentence(signs, limit.bytes, a.breakdown.retained)} ${a.verdict.summary}` };
  const rules = snapshotRules(options, thresholds);
  a.findings = withFactFindings(a.findings, 'gomemlimit', reportedFactFindings(a, 'gomemlimit', limit.bytes, from, rules), rules);
}

/**
 * `a` knowing the RSS its moment's scrape reports (moments.ts reportedByMoment: a heap dump or
 * /debug/vars kept for a moment whose /metrics scrape reports process_resident_memory_bytes), as
 * it would had it been given (--rss): JSON `process.rss`, with `rssFrom` the scrape's source; the
 * verdict's RSS sentence, naming the scrape; and the rules that read RSS checked again knowing it,
 * with no line (the RSS is not in its input; their why names the scrape). In place. `metric`: what
 * the source calls it (an RSS file given as --rss FILE: VmRSS, rssfile.ts).
 */
export function withReportedRss(a: SnapshotAnalysis, rss: number, source: string, options: AnalyzeOptions = {}, metric: string = REPORTED_FACTS.rss.metric): void {
  a.process = { ...a.process, rss, rssFrom: source, ...(metric === REPORTED_FACTS.rss.metric ? {} : { rssMetric: metric }) };
  withRssOf(a, { rss }, { name: baseName(source), metric }, options);
}

/**
 * `a` knowing the RSS given on the command line (--rss SIZE), as analyzeSnapshot would have read it
 * with the flag: the RSS sentence, the rules that read RSS. Given after the inputs are read, as the
 * RSS of the latest snapshot only: one number is the RSS of one moment (the captured
 * go1.19-audit45-mmapgrow's --rss 127108kB, its t68 VmRSS, said "RSS (124.1 MiB) is 109.4 MiB above
 * what the Go runtime holds" of heap-t06.txt, whose RSS was 27,784 kB). In place.
 */
export function withGivenRss(a: SnapshotAnalysis, given: Pick<ProcessFacts, 'rss' | 'rssWithoutUnit'>, options: AnalyzeOptions = {}): void {
  if (given.rss === undefined) return;
  // The flag's RSS replaces the one its input or its moment's scrape reported (JSON `process.rssOrigin: "flag"`, no `rssFrom`).
  const { rssFrom: _from, rssMetric: _metric, ...own } = a.process ?? {};
  a.process = { ...own, rss: given.rss, rssOrigin: 'flag' };
  withRssOf(a, given, undefined, options);
}

/** withReportedRss and withGivenRss: `from` names the capture that reports the RSS, undefined for --rss. */
function withRssOf(a: SnapshotAnalysis, process: Pick<ProcessFacts, 'rss' | 'rssWithoutUnit'>, from: { name: string; metric: string } | undefined, options: AnalyzeOptions): void {
  const rss = process.rss ?? 0;
  const thresholds: Thresholds = options.thresholds ? { ...THRESHOLDS, ...options.thresholds } : THRESHOLDS;
  a.rss = rss;
  const said = untrusted(a.stats, thresholds) ? undefined : rssSentence(a.breakdown, process, thresholds, a.profile, from?.name, from?.metric);
  // The words asking for RSS (noRssWords) give way to the RSS known.
  const asked = a.breakdown ? ` ${noRssWords(a.breakdown.retained, a.profile)}` : '';
  // As do the words of an RSS known before (its input's scrape, when --rss or an RSS file gives the moment's).
  const before = a.rssSentence === undefined ? '' : ` ${a.rssSentence}`;
  const summary = a.verdict.summary.replace(before, '');
  const verdict = { ...a.verdict, summary: asked && said !== undefined ? summary.replace(asked, '') : summary };
  a.verdict = withRss(verdict, said, a.breakdown, rss, a.profile);
  if (said !== undefined) a.rssSentence = said;
  const rules = snapshotRules(options, thresholds);
  a.findings = withFactFindings(a.findings, 'rss', reportedFactFindings(a, 'rss', rss, from?.name, rules, from?.metric, process.rssWithoutUnit), rules);
}

/** `findings` with those of the rules that read `fact` replaced by `found`, each at the line of the finding it replaces (gc-cpu-high's GCCPUFraction line). */
function withFactFindings(findings: readonly Finding[], fact: ReportedFact | 'goVersion', found: readonly Finding[], rules: readonly ConfiguredRule[]): Finding[] {
  const reads = (id: string): boolean => (fact === 'goVersion' ? readsGoVersion(id, rules) : readsFact(id, fact, rules));
  return [...findings.filter((f) => !reads(f.ruleId)), ...found.map((f) => at(f, findings.find((g) => g.ruleId === f.ruleId && g.subject === f.subject)))];
}

/**
 * The Go version one snapshot of a series shows for all (withSeriesGoVersion): the snapshots are
 * of one process, so one Go wrote them all. Undefined when every snapshot or none shows one, or
 * when they disagree (each keeps its own then). Of those that agree, a version the process
 * reported (go_info) before one inferred from frames: GoVersion keeps go1.N only, so agreeing
 * versions are equally specific otherwise.
 */
export function seriesGoVersion(snapshots: readonly { source: string; goVersion?: GoVersion | undefined }[]): { version: GoVersion; source: string } | undefined {
  const known = snapshots.flatMap((s) => (s.goVersion ? [{ version: s.goVersion, source: s.source }] : []));
  if (known.length === 0 || known.length === snapshots.length) return undefined;
  if (new Set(known.map((k) => formatGoVersion(k.version))).size > 1) return undefined;
  return known.find((k) => k.version.source === REPORTED) ?? known[0];
}

/**
 * Snapshots of one series (one process) that show no Go version learn the one another shows
 * (seriesGoVersion), as if their input had shown it: the rules whose words depend on it
 * (RuleMeta.readsGoVersion: released-memory-in-rss, idle-heap-retained) checked again knowing it,
 * each finding at the line of the one it replaces, so the series says the same of every snapshot
 * (the captured go1.19-audit28-deepstack's vars.json were "the OS may still show it in the
 * process's RSS", its heap dumps beside them "on Linux it has left the process's RSS"). The
 * version's source names the snapshot it came from. In place, as withReportedRss; true when some
 * snapshot learnt it.
 */
export function withSeriesGoVersion(snapshots: readonly SnapshotAnalysis[], options: AnalyzeOptions = {}): boolean {
  const version = sharedGoVersion(snapshots);
  if (!version) return false;
  const thresholds: Thresholds = options.thresholds ? { ...THRESHOLDS, ...options.thresholds } : THRESHOLDS;
  const rules = snapshotRules(options, thresholds);
  for (const a of snapshots) {
    if (a.goVersion) continue;
    a.goVersion = version;
    // Learnt from its moment's scrape (withReportedRss): their why names it, as it did; --rss SIZE is the latest's only (withGivenRss).
    a.findings = withFactFindings(a.findings, 'goVersion', goVersionFindings(a, version, knownProcess(a, options.process), rules, a.process?.rssFrom, a.process?.rssMetric), rules);
  }
  return true;
}

/**
 * The Go version the snapshots of one series that show none learn (seriesGoVersion), its source
 * naming the snapshot it came from; undefined when none is shared. withSeriesGoVersion applies it
 * to analyses; lint (lint/series.ts) to the files of a directory's series, watch to its polls.
 */
export function sharedGoVersion(snapshots: readonly { source: string; goVersion?: GoVersion | undefined }[]): GoVersion | undefined {
  const shared = seriesGoVersion(snapshots);
  if (!shared) return undefined;
  const from = baseName(shared.source);
  return { ...shared.version, source: `${from}, a snapshot of the same process: ${shared.version.source}` };
}

/**
 * The findings of the rules of `rules` whose words depend on the Go version (RuleMeta.readsGoVersion)
 * on `view` knowing `version` (sharedGoVersion) and `process`, with no lines (the caller keeps
 * the line of the one each replaces); `rssFrom`, the scrape its RSS was learnt from, which the why
 * of those that read RSS names (by its file's name, as withReportedRss names it).
 */
export function goVersionFindings(view: FactsView, version: GoVersion, process: ProcessFacts, rules: readonly ConfiguredRule[], rssFrom?: string, rssMetric: string = REPORTED_FACTS.rss.metric): Finding[] {
  const reading = rules.filter((r) => r.rule.meta.readsGoVersion === true);
  const facts = analysisFacts({ ...view, goVersion: version }, process);
  const from = rssFrom !== undefined ? baseName(rssFrom) : undefined;
  return checkSnapshot(facts, reading, []).map((f) => (from !== undefined && readsFact(f.ruleId, 'rss', reading) ? { ...f, why: `${f.why} ${reportedWords('rss', process.rss ?? 0, from, rssMetric)}` } : f));
}

/** Whether rule `id` (of `rules`) reads the Go version (RuleMeta.readsGoVersion): its findings are replaced by goVersionFindings'. */
export function readsGoVersion(id: string, rules: readonly ConfiguredRule[]): boolean {
  return rules.some((r) => r.rule.meta.id === id && r.rule.meta.readsGoVersion === true);
}

/**
 * What the analysis (or lint's summary of one) knows of its process: its RSS (--rss SIZE, `given`,
 * where the analysis took it: ExposedProcess.rssOrigin; else its input's or its moment's scrape's)
 * and the GOMEMLIMIT known. --rss SIZE is the latest snapshot's only: the earlier scrapes of a
 * series keep their own RSS, reported (go1.19-audit39-offheap-metrics --rss 300MiB: metrics-1.txt's
 * 48.4 MiB was labelled the flag's).
 */
export function knownProcess(a: Pick<SnapshotAnalysis, 'rss' | 'knownLimit' | 'process'>, given: ProcessFacts | undefined): ProcessFacts {
  const process: ProcessFacts = {};
  const origin: NonNullable<ProcessFacts['origin']> = {};
  if (a.rss !== undefined) {
    process.rss = a.rss;
    const flag = a.process?.rssOrigin === 'flag';
    origin.rss = flag ? 'flag' : 'reported';
    if (flag && given?.rssWithoutUnit === true) process.rssWithoutUnit = true;
  }
  if (a.knownLimit) {
    process.gomemlimit = a.knownLimit.bytes;
    origin.gomemlimit = a.knownLimit.origin;
  }
  if (origin.rss || origin.gomemlimit) process.origin = origin;
  return process;
}

/**
 * The process facts a snapshot may learn from its moment's other capture (moments.ts
 * reportedByMoment), each with the metric that reports it and the rules whose words depend on it.
 */
const REPORTED_FACTS = {
  gomemlimit: { name: 'GOMEMLIMIT', metric: 'go_gc_gomemlimit_bytes', reads: (meta: RuleMeta) => meta.readsLimit === true },
  rss: { name: 'RSS', metric: 'process_resident_memory_bytes', reads: (meta: RuleMeta) => meta.readsRss === true },
} as const;

export type ReportedFact = keyof typeof REPORTED_FACTS;

/** Whether rule `id` (of `rules`) reads `fact` (RuleMeta.readsLimit, readsRss). */
export function readsFact(id: string, fact: ReportedFact, rules: readonly ConfiguredRule[]): boolean {
  return rules.some((r) => r.rule.meta.id === id && REPORTED_FACTS[fact].reads(r.rule.meta));
}

/** `f` at the line of the finding it replaces (`was`: gc-cpu-high's GCCPUFraction line); else with none. */
function at(f: Finding, was: Finding | undefined): Finding {
  return was?.line !== undefined ? { ...f, line: was.line, column: was.column } : f;
}

/**
 * The rules of `rules` that read `fact` (RuleMeta.readsLimit: memory-limit-pressure, gc-cpu-high;
 * readsRss: rss-above-go-estimate, released-memory-in-rss, idle-heap-retained) on a snapshot
 * (`view`: an analysis, or lint's summary of one rebuilt) that learnt `bytes` of it from its
 * moment's scrape (`from`): with no line (the fact is not in its input: the caller keeps the line of
 * a finding one replaces), their why naming the scrape. Analyze (withReportedLimit,
 * withReportedRss) and lint (lint/series.ts, for the file that stands for the moment) both check
 * them so. The RSS rules read the profile's sites (large live objects never written are not in
 * RSS: residency.ts) where the view has them; the limit's, the profile's totals only.
 */
export function reportedFactFindings(view: LimitView & { source: string; goVersion?: GoVersion | undefined; profile: LimitView['profile'] | ProfileSummary }, fact: ReportedFact, bytes: number, from: string | undefined, rules: readonly ConfiguredRule[], metric: string = REPORTED_FACTS[fact].metric, withoutUnit?: boolean): Finding[] {
  const { reads } = REPORTED_FACTS[fact];
  if (untrusted(view.stats, THRESHOLDS)) return [];
  const profile = fact === 'rss' && 'sites' in view.profile ? view.profile : limitProfile(view.profile);
  // Given on the command line (from undefined): the flag's, as analyzeSnapshot checks it.
  const facts = analysisFacts({ ...view, profile }, { [fact]: bytes, origin: { [fact]: from === undefined ? 'flag' : 'reported' }, ...(withoutUnit === true ? { rssWithoutUnit: true } : {}) });
  const found = checkSnapshot(facts, rules.filter((r) => reads(r.rule.meta)), []);
  return from === undefined ? found : found.map((f) => ({ ...f, why: `${f.why} ${reportedWords(fact, bytes, from, metric)}` }));
}

/** `(RSS 313.8 MiB as metrics.txt reports it: process_resident_memory_bytes.)`: a finding's why on a fact learnt from its moment's scrape. */
function reportedWords(fact: ReportedFact, bytes: number, from: string, metric: string): string {
  return `(${REPORTED_FACTS[fact].name} ${formatBytes(bytes)} as ${from} reports it: ${metric}.)`;
}

/** What the rules read of a snapshot rebuilt from its analysis or lint's summary of one (analysisFacts), but what is known of its process. */
export type FactsView = Pick<SnapshotFacts, 'source' | 'stats' | 'breakdown' | 'profile'> & { goVersion?: GoVersion | undefined };

/**
 * What the rules read of a snapshot rebuilt from its analysis (or lint's summary of one) knowing
 * `process`: no lines (the caller keeps the line of a finding one replaces).
 */
function analysisFacts(view: FactsView, process: ProcessFacts): SnapshotFacts {
  return {
    source: view.source, stats: view.stats, breakdown: view.breakdown, profile: view.profile, goVersion: view.goVersion, process,
    positionOf: () => undefined, memStatsPosition: undefined, endPosition: { line: 0, column: 1 }, capturedAtMs: undefined,
  };
}

/**
 * What the limit's rules read of a profile (memlimit.ts LimitView: how it was written, its rate,
 * its in-use bytes); no sites (gc-cpu-high reads them only for a limit's marks, when none is known).
 */
function limitProfile(p: LimitView['profile']): ProfileSummary {
  return { format: p.format, samplingRate: p.samplingRate, inuseBytes: p.inuseBytes ?? 0, inuseObjects: 0, allocBytes: 0, allocObjects: 0, exact: false, sites: [], recordCount: 0 };
}

/**
 * Where an analysis keeps what its identity is built from: its stacks until the identity is read,
 * then the identity. A hidden property read by one getter for all analyses: a getter of its own (a
 * closure over the stacks) gave every analysis a hidden class of its own, which V8 keeps outside
 * the young generation; through it each dump's whole model (stacks, frame table, names) survived
 * young-generation collections and was copied into the old one though nothing used it any more
 * (2,000 small dumps analyzed one after another: 22 MB copied instead of 5).
 */
const IDENTITY_SOURCE = Symbol('identity source');

function identityOfAnalysis(this: { [IDENTITY_SOURCE]?: SampledSites | BinaryIdentity }): BinaryIdentity {
  const source = this[IDENTITY_SOURCE];
  if (source === undefined) return NO_STACKS_IDENTITY;
  if (!('stacks' in source)) return source;
  const identity = identityOf(source.stacks, source.cutLine);
  this[IDENTITY_SOURCE] = identity;
  return identity;
}

/** What a snapshot shows of a limit nobody gave, in its verdict's words: its three marks (memoryLimitSigns), else a goal far below GOGC=100's (cappedGoal). */
function limitGuess(signs: MemoryLimitSigns | undefined, capped: CappedGoal | undefined): string | undefined {
  return signs ? memoryLimitSentence(signs) : capped ? cappedGoalSentence(capped) : undefined;
}

function withMemoryLimit(verdict: Verdict, signs: MemoryLimitSigns | undefined, capped: CappedGoal | undefined): Verdict {
  const guess = limitGuess(signs, capped);
  return guess ? { ...verdict, summary: `${verdict.summary} ${guess}` } : verdict;
}

/** What the rules read of one snapshot. */
export function snapshotFacts(source: string, input: SnapshotInput): SnapshotFacts {
  const { memStats, sites } = input;
  const stats = memStats ? new MemStats(memStats.fields) : undefined;
  return {
    source,
    stats,
    breakdown: stats ? computeBreakdown(stats) : undefined,
    profile: summarizeProfile(sites),
    goVersion: input.goVersion,
    process: input.process ?? {},
    ...(input.gcPauses ? { gcPauses: input.gcPauses } : {}),
    ...(input.exposed ? { exposed: input.exposed } : {}),
    positionOf: (field) => memStatPosition(memStats, field),
    memStatsPosition: memStats?.position,
    endPosition: { line: input.lineCount, column: 1 },
    capturedAtMs: input.capturedAtMs,
  };
}

/**
 * Runs each configured rule on `facts`, in the order given. A dump that breaks the identities
 * (inconsistent-dump found it) is not reasoned from (reasoning.md §1): only the rules that do not
 * read its MemStats run (the captured go1.19 leak dump edited to `HeapIdle = 999999999` also
 * had idle-heap-retained's "949.5 MiB of idle heap is room the heap grows back into").
 */
function checkSnapshot(facts: SnapshotFacts, rules: readonly ConfiguredRule[], diagnostics: readonly Diagnostic[]): Finding[] {
  const findings: Finding[] = [];
  for (const configured of rules) {
    for (const result of configured.rule.check(facts, contextOf(configured, diagnostics))) findings.push(toFinding(configured.rule, result, facts.source));
  }
  return findings.some((f) => f.ruleId === 'inconsistent-dump') ? findings.filter((f) => !READS_MEMSTATS.has(f.ruleId)) : findings;
}

/**
 * MemStats that break the identities (inconsistent-dump): the verdict says only that (verdict.ts),
 * and nothing else read from them — the RSS's sentence, a memory limit's marks or fit, the rules
 * that read them (checkSnapshot) — is said of the dump (reasoning.md §1): the captured leak dump
 * edited to `HeapIdle = 999999999`, given --rss 300MiB, had "The OS counts 300.0 MiB of RSS,
 * 265.3 MiB more than Go holds" after "no conclusion is drawn from it".
 */
function untrusted(stats: MemStats | undefined, t: Thresholds): boolean {
  return stats !== undefined && brokenIdentities(stats, t.identityToleranceBytes).length > 0;
}

/**
 * `verdict` ending with its RSS sentence (rssSentence), when there is one. With RSS mostly outside
 * the Go heap (outsideGoHeap beyond what Go holds), "Most of the memory is X" is said of what Go
 * holds, not of the process (the captured go1.19-audit39-offheap's ?gc=1 dump with --rss 819580kB
 * said "Most of the memory is runtime metadata" above "785.2 MiB more than Go holds"). Without
 * RSS, a dump whose memory is mostly runtime metadata (little held) says a dump cannot see what is
 * outside the Go heap (noRssWords).
 */
function withRss(verdict: Verdict, sentence: string | undefined, b: Breakdown | undefined, rss: number | undefined, profile?: Pick<ProfileSummary, 'sites'>): Verdict {
  if (sentence === undefined) {
    return b && verdict.leak === 'not-suspected' && verdict.dominant === 'runtime' ? { ...verdict, summary: `${verdict.summary} ${noRssWords(b.retained, profile)}` } : verdict;
  }
  const outside = b ? outsideGoHeap(b, rss) : undefined;
  const most = `Most of the memory is ${BUCKET_WORDS[verdict.dominant]}.`;
  const summary = b && outside !== undefined && outside > b.retained && verdict.summary.includes(most)
    ? verdict.summary.replace(most, `Of what Go holds, most is ${BUCKET_WORDS[verdict.dominant]}; most of the process's memory is outside the Go heap.`)
    : verdict.summary;
  return { ...verdict, summary: `${summary} ${sentence}` };
}

/**
 * With --rss, the verdict says how the OS's number relates to Go's: the question users bring is
 * usually "why does top show more than the heap?". The sentence (SnapshotAnalysis.rssSentence), or
 * undefined without RSS or MemStats. A series' verdict ends with its latest snapshot's (combine.ts).
 */
export function rssSentence(b: Breakdown | undefined, process: ProcessFacts | undefined, t: Thresholds, profile: ProfileSummary, from?: string, metric: string = REPORTED_FACTS.rss.metric): string | undefined {
  const rss = process?.rss;
  if (!b || rss === undefined) return undefined;
  // Learnt from the moment's scrape or an RSS file (withReportedRss): the sentence names it.
  const ofRss = from === undefined ? 'of RSS' : `of RSS (as ${from} reports it: ${metric})`;
  const gap = rss - b.retained;
  // Large live objects never written are not in RSS (residency.ts): a ballast makes a low RSS plausible.
  const large = largeLiveSite(profile, t.rssShortfallMinBytes);
  let clause: string;
  if (rss < t.rssImplausibleShareOfRetained * (b.retained - (large?.bytes ?? 0))) {
    // /proc/PID/status prints kB: a bare number copied from it reads 1,024 times too small. Said only
    // when the kB reading is nearer what Go holds (by ratio) than the bytes one: 69181440 bytes
    // beside 365 MiB is 5.5 times too small, but as kB (66 GiB) 185 times too large.
    const asKb = rss * 1024;
    const kbOff = Math.max(asKb / b.retained, b.retained / asKb);
    clause = process?.rssWithoutUnit === true && kbOff < b.retained / rss
      ? `The --rss ${rss} looks like kB as /proc/PID/status prints it: ${formatBytes(asKb)}? As bytes it is only ${formatBytes(rss)}, below a quarter of the ${formatBytes(b.retained)} Go holds — likely a unit mistake: pass --rss ${rss}kB, or the VmRSS line whole (--rss 'VmRSS: ${rss} kB').`
      : `The OS counts ${formatBytes(rss)} ${ofRss}, below a quarter of the ${formatBytes(b.retained)} Go holds: only pages the program never touched (large fresh allocations, reserved metadata) can be missing from RSS — check the number.${process?.rssWithoutUnit === true ? ` (Read as the kB /proc/PID/status prints, it would be ${formatBytes(asKb)}, ${formatCount(Math.round(kbOff))} times what Go holds: less likely still.)` : ''}`;
  } else if (rssAboveGo(b, rss) !== undefined) {
    // A few MiB above Go's estimate is normal: the binary's own pages and shared libraries are in RSS.
    // Released pages still counted by the OS (MADV_FREE) explain at most HeapReleased of the gap.
    const why = releasedInRss(b, rss) ? 'released pages it has not reclaimed yet (MADV_FREE)'
      : outsideGoHeap(b, rss) !== undefined ? `memory outside the Go heap (cgo, mmap): even if the OS still counted all ${formatBytes(b.released)} of released pages, ${formatBytes(gap - b.released)} would be left`
      : 'memory outside the Go heap (cgo, mmap) or released pages not reclaimed';
    // The profile names who maps memory (the mapper's bookkeeping, sampled now and then): said with it.
    const mapper = releasedInRss(b, rss) ? undefined : mmapCaller(profile);
    clause = `The OS counts ${formatBytes(rss)} ${ofRss}, ${formatBytes(gap)} more than Go holds: ${why}${mapper ? `; this program calls syscall.Mmap (${mapper})` : ''}.`;
  } else if (rssShortfall(b, rss, t) !== undefined) {
    // Not "in line": Go counts pages the OS does not hold — large live objects never written, or idle spans.
    clause = `The OS counts ${formatBytes(rss)} ${ofRss}, ${formatBytes(-gap)} less than Go holds: ${nonResidentClause(-gap, b, large)}`;
  } else {
    clause = `The OS counts ${formatBytes(rss)} ${ofRss}, in line with what Go holds (plus the binary's own pages).`;
  }
  return clause;
}

/**
 * The line a MemStats field was printed on: in a heap dump `StackSys` is on the `# Stack = a / b`
 * line; /debug/vars and /metrics name it on a line of its own.
 */
function memStatPosition(memStats: MemStatsBlock | undefined, field: string): Position | undefined {
  const printed = Object.entries(PAIRED_MEMSTATS).find(([, pair]) => pair.includes(field))?.[0];
  return memStats?.lines.find((l) => l.name === printed || l.name === field)?.position;
}
