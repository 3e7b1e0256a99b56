/**
 * The inputs Go services expose, as analysis inputs: each MemStats snapshot (a scrape, a vars
 * file) is a snapshot input with MemStats and no sites, with the Go version and RSS it carries; a
 * binary profile gets the MemStats of the same process given beside it (exposition/snapshot.ts
 * pairProfiles), or is analyzed on its own, saying that it has none; a GC log is a series of
 * its own (exposition/gctrace.ts).
 */
import type { Diagnostic } from '../grammar/common/diagnostic.js';
import type { SampledSites } from '../grammar/heap/index.js';
import { analyzeGcTrace, type GcTraceAnalysis } from '../exposition/gctrace.js';
import type { ExposedSnapshot } from '../exposition/model.js';
import { snapshotOfScrape, snapshotsFromExposition } from '../exposition/prometheus.js';
import { snapshotFromVars } from '../exposition/expvar.js';
import type { InputContents, ReadSinks } from '../input/registry.js';
import type { Scrape } from '../grammar/prometheus/index.js';
import { profileSnapshot, type SnapshotInput } from '../input/snapshot.js';
import { analysisInput, pairByStemElsewhere, pairProfiles } from '../exposition/snapshot.js';
import { TargetTally, type TargetSelector } from '../exposition/targets.js';
import { HeapdocError } from '../input/errors.js';
import { analyzeSnapshot, type AnalyzeOptions, type SnapshotAnalysis } from './snapshot.js';
import { CompactFields, MemStats } from './memstats.js';
import type { Verdict } from './verdict.js';
import type { KnownLimit } from './memlimit.js';
import type { SeriesAnalysis } from './series/index.js';
import { countOf, formatBytes, formatCount, formatLogDuration } from '../text/units.js';
import { logRingAgreement } from './series/gcring.js';
import { goroutineLeakOnly } from './series/verdict.js';
import { capitalized } from '../text/wrap.js';
import { snapshotName } from './rules/series-words.js';
import { distinctName } from '../common/stems.js';
import { SERIES_THRESHOLDS } from './series/thresholds.js';

interface BinaryProfile {
  source: string;
  sites: SampledSites;
  capturedAtMs: number | undefined;
  diagnostics: Diagnostic[];
  /** A heap?debug=1 dump without MemStats (input/concatenated.ts sitesOnlyHeap): analyzed as itself when nothing pairs with it. */
  text?: SnapshotInput;
}

/** The MemStats snapshots of a /metrics page or a /debug/vars document the registry read, with their problems. */
export function exposedSnapshotsOf(input: InputContents, source: string): { snapshots: ExposedSnapshot[]; diagnostics: Diagnostic[] } {
  if (input.metrics) return snapshotsFromExposition(input.metrics, source);
  if (input.vars) {
    const read = snapshotFromVars(input.vars, source);
    return { snapshots: read.snapshot ? [read.snapshot] : [], diagnostics: read.diagnostics };
  }
  // Documents appended: each a snapshot named `NAME:LINE`, as one of concatenated heap dumps is; its problems at the input's lines.
  if (input.varsDocuments) {
    const reads = input.varsDocuments.flatMap(({ line, vars }) => (vars ? [{ line, read: snapshotFromVars(vars, source) }] : []));
    return {
      snapshots: reads.flatMap(({ line, read }) => (read.snapshot ? [{ ...read.snapshot, source: `${source}:${line}` }] : [])),
      diagnostics: reads.flatMap(({ read }) => read.diagnostics),
    };
  }
  return { snapshots: [], diagnostics: [] };
}

/** One MemStats snapshot (with the sites of a binary profile paired with it), analyzed with the facts it carries (Go version, RSS, GOMEMLIMIT); the options win. */
export function analyzeExposed(source: string, snapshot: ExposedSnapshot, diagnostics: Diagnostic[], options: AnalyzeOptions, profile?: { sites: SampledSites; capturedAtMs: number | undefined }): SnapshotAnalysis {
  const analysis = analyzeSnapshot(source, analysisInput(snapshot, profile), diagnostics, options);
  // Added to the analysis itself (a copy would compute its identity and hold twice the properties for each of thousands of scrapes).
  analysis.origin = profile ? `pprof+${snapshot.kind}` : snapshot.kind;
  // --rss SIZE given as each is read (--separately): the RSS the analysis used, not the scrape's own.
  const given = options.process?.rss;
  analysis.process = given === undefined ? snapshot.process : { ...snapshot.process, rss: given, rssOrigin: 'flag' };
  if (snapshot.extras) analysis.vars = snapshot.extras;
  return analysis;
}

/**
 * How many scrapes of one streamed /metrics input keep their snapshot to be paired with a binary
 * profile at the end (pairProfiles takes the first free ones of a file's stem); the others keep
 * only their analysis.
 */
export const PAIRABLE_SCRAPES = 16;

/** A MemStats snapshot given: a vars file's or a page's kept whole, or a streamed scrape analyzed as it was read. */
interface Given {
  source: string;
  capturedAtMs: number | undefined;
  /** The snapshot, for the analysis at the end or a pairing; a streamed scrape past PAIRABLE_SCRAPES has none. */
  snapshot: ExposedSnapshot | undefined;
  /** A streamed scrape's analysis without sites, made when it was read. */
  analysis?: SnapshotAnalysis;
}

/** The /metrics input being read, scrape by scrape (ExposedInputs.sinks). */
interface ScrapeStream {
  source: string;
  /** The first scrape, until the second says that the input holds several (which names them `source#N`). */
  pending: Scrape | undefined;
  count: number;
  given: Given[];
  /** The problems with the scrapes' values. */
  diagnostics: Diagnostic[];
  tally: TargetTally | undefined;
}

export class ExposedInputs {
  private given: Given[] = [];
  private readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly profiles: BinaryProfile[] = [];
  readonly gcTraces: GcTraceAnalysis[] = [];
  private stream: ScrapeStream | undefined;
  private readonly tally: TargetTally | undefined;
  /** What `analyze` found wrong with a pairing of a binary profile and MemStats (notOneMoment), for stderr. */
  readonly pairingProblems: Diagnostic[] = [];

  /**
   * `options` are those of the analysis (a streamed scrape is analyzed as it is read); with
   * `target` (--target), only that target's snapshots are kept, and `analyze` throws, naming the
   * targets, when it picks none or several.
   */
  constructor(private readonly options: AnalyzeOptions = {}, target?: TargetSelector) {
    if (target) this.tally = new TargetTally(target);
  }

  /**
   * Where the registry hands over the scrapes of a /metrics input as it reads them (ReadSinks):
   * each is analyzed then, and only the analysis is kept, so a long series of scrapes is read in
   * bounded memory. `add` then takes the rest of the input.
   */
  sinks(source: string): ReadSinks {
    // The rules would see the input's diagnostics (lint): those are known only at its end.
    if (this.options.diagnosticsAsFindings) return {};
    return {
      scrape: (scrape) => {
        const stream = (this.stream ??= { source, pending: undefined, count: 0, given: [], diagnostics: [], tally: this.tally && new TargetTally(this.tally.selector) });
        stream.count++;
        if (stream.count === 1) {
          stream.pending = scrape;
          return;
        }
        if (stream.pending) {
          this.take(stream, snapshotOfScrape(stream.pending, source, 1, stream.diagnostics));
          stream.pending = undefined;
        }
        this.take(stream, snapshotOfScrape(scrape, source, stream.count, stream.diagnostics));
      },
    };
  }

  /** A streamed scrape: analyzed now, its MemStats kept compact; its snapshot kept only for a pairing. */
  private take(stream: ScrapeStream, snapshot: ExposedSnapshot, analyze = true): void {
    if (stream.tally && !stream.tally.see(snapshot)) return;
    const pairable = stream.given.length < PAIRABLE_SCRAPES;
    const given: Given = { source: snapshot.source, capturedAtMs: snapshot.capturedAtMs, snapshot: pairable || !analyze ? snapshot : undefined };
    if (analyze) {
      // The rules see no diagnostics in `heapdoc analyze` (diagnosticsAsFindings is lint's): they are the input's, set at the end.
      const analysis = analyzeExposed(snapshot.source, snapshot, [], this.options);
      const compact = analysis.stats && CompactFields.of(analysis.stats.fields);
      if (compact) analysis.stats = new MemStats(compact);
      given.analysis = analysis;
    }
    stream.given.push(given);
  }

  /** The input whose scrapes were being streamed failed: nothing of it is kept. */
  abandon(): void {
    this.stream = undefined;
  }

  /**
   * What the registry read of a /metrics page, a vars document, a GC log or a binary profile;
   * returns the problems found on the way (bad values, no memstats), and whether anything was kept.
   */
  add(input: InputContents, source: string): { kept: boolean; diagnostics: Diagnostic[] } {
    const stream = this.stream?.source === source ? this.stream : undefined;
    this.stream = undefined;
    if (stream) return this.addStream(stream, input, source);
    const { snapshots, diagnostics } = exposedSnapshotsOf(input, source);
    const all = [...input.diagnostics, ...diagnostics];
    if (snapshots.length > 0) this.addSnapshots(snapshots, all);
    if (input.profile) this.addProfile(source, input.profile.sites, input.profile.capturedAtMs, all);
    if (input.gcLog) this.gcTraces.push(analyzeGcTrace(input.gcLog, source));
    return { kept: snapshots.length > 0 || input.profile !== undefined || input.gcLog !== undefined, diagnostics };
  }

  /** The end of a streamed /metrics input: its only scrape is named after the input; each snapshot gets its problems. */
  private addStream(stream: ScrapeStream, input: InputContents, source: string): { kept: boolean; diagnostics: Diagnostic[] } {
    const single = stream.pending ? snapshotOfScrape(stream.pending, source, undefined, stream.diagnostics) : undefined;
    // One snapshot is analyzed with the facts and problems of the whole input, at the end, as a page read whole is.
    if (single) this.take(stream, single, false);
    const all = [...input.diagnostics, ...stream.diagnostics];
    this.addDiagnostics(stream.given, all, stream.count === 1);
    for (const g of stream.given) if (g.analysis) g.analysis.diagnostics = [...(this.diagnostics.get(g.source) ?? [])];
    this.given.push(...stream.given);
    if (stream.tally) this.tally?.merge(stream.tally);
    return { kept: stream.count > 0, diagnostics: stream.diagnostics };
  }

  addSnapshots(snapshots: readonly ExposedSnapshot[], diagnostics: readonly Diagnostic[]): void {
    const given = snapshots.filter((s) => !this.tally || this.tally.see(s)).map((s): Given => ({ source: s.source, capturedAtMs: s.capturedAtMs, snapshot: s }));
    this.given.push(...given);
    this.addDiagnostics(given, diagnostics, snapshots.length === 1);
  }

  /** Each snapshot's problems: all of its input's when it is the input's only snapshot, else those that name it. */
  private addDiagnostics(given: readonly Given[], diagnostics: readonly Diagnostic[], only: boolean): void {
    for (const g of given) {
      const own = only ? diagnostics : diagnostics.filter((d) => d.source === g.source);
      this.diagnostics.set(g.source, own.length > 0 || only ? [...own] : NONE);
    }
  }

  /** `text`: the profile is a heap?debug=1 dump without MemStats, the snapshot input it is alone. */
  addProfile(source: string, sites: SampledSites, capturedAtMs: number | undefined, diagnostics: Diagnostic[], text?: SnapshotInput): void {
    this.profiles.push({ source, sites, capturedAtMs, diagnostics, ...(text ? { text } : {}) });
  }

  addGcTrace(analysis: GcTraceAnalysis): void {
    this.gcTraces.push(analysis);
  }

  get empty(): boolean {
    return this.given.length === 0 && this.profiles.length === 0 && this.gcTraces.length === 0;
  }

  /**
   * Every MemStats snapshot and profile, analyzed; a profile and its MemStats source become one
   * snapshot, with the options given to the constructor (those a streamed scrape was analyzed
   * with). Throws when --target picked no target or several. `dumps`: the sources of the heap
   * dumps read beside them (pairByStemElsewhere leaves a profile of their stem to them).
   */
  analyze(dumps: readonly string[] = []): SnapshotAnalysis[] {
    const { options } = this;
    const problem = this.tally?.problem(this.tally.where);
    if (problem) throw problem;
    // /debug/vars over a scrape of the same moment: it has every MemStats field, the size classes too.
    const rank = (g: Given): number => (g.snapshot?.kind === 'expvar' ? 1 : 0);
    const pairs = pairProfiles(this.profiles, this.given, rank);
    pairByStemElsewhere(this.profiles, this.given, pairs, dumps, rank);
    const paired = new Set(pairs.values());
    const out: SnapshotAnalysis[] = [];
    const run = (source: string, given: Given | undefined, profile: BinaryProfile | undefined): SnapshotAnalysis => {
      const diagnostics = [...(given ? this.diagnostics.get(given.source) ?? [] : []), ...(profile?.diagnostics ?? [])];
      if (!given && profile?.text) return analyzeSnapshot(source, profile.text, diagnostics, options);
      if (!given) {
        const alone: SnapshotAnalysis = { ...analyzeSnapshot(source, profileSnapshot(profile?.sites), diagnostics, options), origin: 'pprof' };
        if (profile?.capturedAtMs !== undefined) alone.capturedAtMs = profile.capturedAtMs;
        return alone;
      }
      if (!given.snapshot) {
        throw new HeapdocError(`${source}: only the first ${PAIRABLE_SCRAPES} scrapes of a /metrics file are paired with binary profiles`, 'give the profiles with the /metrics scrapes of the same moments, one file each');
      }
      const mismatch = profile && notOneMoment(profile, given.snapshot);
      if (mismatch) this.pairingProblems.push(mismatch);
      const analysis = analyzeExposed(source, given.snapshot, mismatch ? [...diagnostics, mismatch] : diagnostics, options, profile);
      if (profile?.text) analysis.origin = `heap+${given.snapshot.kind}`;
      return analysis;
    };
    for (const given of this.given) if (!paired.has(given)) out.push(given.analysis ?? run(given.source, given, undefined));
    for (const profile of this.profiles) {
      const given = pairs.get(profile);
      out.push(run(given ? `${profile.source} + ${given.source}` : profile.source, given, profile));
    }
    return out;
  }
}

/**
 * A binary profile's in-use bytes are those of the last GC, HeapAlloc what is allocated now:
 * every object live at that GC is still counted in HeapAlloc, so a profile that holds far more
 * (past twice HeapAlloc and 4 MiB: the profile may lag a cycle, and small numbers are noisy) was
 * not captured with those MemStats: a warning, since its sites would be read against the wrong
 * breakdown (a profile and a vars file of two moments, paired as the only ones given).
 */
export function notOneMoment(profile: { source: string; sites: SampledSites }, snapshot: ExposedSnapshot): Diagnostic | undefined {
  const heapAlloc = snapshot.fields.get('HeapAlloc');
  if (typeof heapAlloc !== 'bigint') return undefined;
  let inuse = 0;
  for (const stack of profile.sites.stacks) for (const b of stack.buckets) inuse += b.inuseBytes;
  const alloc = Number(heapAlloc);
  if (inuse <= 2 * alloc + PROFILE_SLACK_BYTES) return undefined;
  return {
    source: profile.source, line: 0, column: 0, severity: 'warning',
    message: `its sites hold ${formatBytes(inuse)} in use, more than twice the HeapAlloc of ${snapshot.source} (${formatBytes(alloc)}): they were not captured at one moment`,
    hint: 'give the MemStats captured with the profile (the same file stem: 03-t3.heap.pb.gz and 03-t3.vars.json)',
  };
}

const PROFILE_SLACK_BYTES = 4 * 1024 * 1024;

/** The diagnostics of a snapshot that has none of its own (shared: never written to). */
const NONE: Diagnostic[] = [];

const CONFIDENCE_RANK = { low: 0, medium: 1, high: 2 } as const;

/** The first words of a verdict, up to its colon: `Churn, not a leak`, `Stable`, `Leak suspected (medium confidence)`. */
function verdictHead(summary: string): string {
  const colon = summary.indexOf(':');
  return colon < 0 ? summary : summary.slice(0, colon);
}

/**
 * The GOMEMLIMIT the process of a GC log ran with, for its verdict (exposition/gctrace.ts
 * withGcLogLimit): given (--gomemlimit, `given` bytes), else the latest snapshot's that knows one
 * (a scrape's go_gc_gomemlimit_bytes): the inputs of one analysis are one process's.
 */
export function gcLogLimit(given: number | undefined, snapshots: readonly SnapshotAnalysis[]): KnownLimit | undefined {
  if (given !== undefined) return { bytes: given, origin: 'flag' };
  return snapshots.findLast((s) => s.knownLimit !== undefined)?.knownLimit;
}

/** What weighing a GC log against dumps reads of it: its name, how many cycles, its verdict (lint keeps only these of a log). */
export type GcLogVerdict = Pick<GcTraceAnalysis, 'source' | 'cycles' | 'verdict' | 'gcNumbers' | 'stwMs' | 'stwUnitMs'>;

/** How many GC cycles the dumps of a series cover (NumGC of the last minus the first), and at what confidence they judge. */
function dumpsWeight(series: SeriesAnalysis | undefined): { cycles: number; confidence: SeriesAnalysis['verdict']['confidence'] } {
  const points = series?.points ?? [];
  const cycles = points.length > 1 ? (points[points.length - 1]?.numGC ?? 0) - (points[0]?.numGC ?? 0) : 0;
  return { cycles, confidence: series?.verdict.confidence ?? 'low' };
}

/**
 * Whether the dumps' verdict (`current`, of `series`) stands over a GC log that disagrees with it:
 * they rest on more evidence (sites, goroutine groups, MemStats), so the log's verdict replaces
 * theirs only when it covers more GC cycles at a confidence as high. False when they agree, or
 * either cannot tell (the other's verdict is the report's then), or there are no dumps. One
 * decision for `heapdoc analyze` (gcTraceVerdict, the findings it lists) and `heapdoc lint` (a
 * log's leak-suspected beside dumps that outweigh it is not reported: reasoning.md §7).
 */
export function dumpsOutweighLog(trace: GcLogVerdict, current: Verdict | undefined, series?: SeriesAnalysis): boolean {
  if (!current || current.leak === 'unknown' || trace.verdict.leak === 'unknown' || trace.verdict.leak === current.leak) return false;
  // Three dumps or more read right after a forced GC read the live heap the log prints, in bytes where the log truncates to
  // whole MB, at GCs of the same process: theirs leads (the captured go1.19-audit40-timers-gc1, four ?gc=1 dumps of a plateau
  // at 57.8–58.8 MiB beside a log whose last GCs read 57 → 57 → 58 MB, was headed by the log's "Leak suspected").
  if ((series?.readAfterForcedGC ?? 0) >= SERIES_THRESHOLDS.minPoints) return true;
  // A goroutine leak the dumps show (goroutine groups and their stacks, the heap not growing) beside a log that suspects none:
  // both are true, and a GC log sees only the heap, never goroutines (reasoning.md §7, when sources disagree).
  if (current.leak === 'suspected' && series && goroutineLeakOnly(series.verdict)) return true;
  const dumps = dumpsWeight(series);
  return !(trace.cycles > dumps.cycles && CONFIDENCE_RANK[trace.verdict.confidence] >= CONFIDENCE_RANK[dumps.confidence]);
}

/**
 * A GC log's leak-suspected beside the dumps of its process, one decision for `heapdoc analyze` and
 * `heapdoc lint`: it is not said when the dumps' verdict says it already — they outweigh the log
 * (dumpsOutweighLog), or they suspect the leak too, so the report's verdict is theirs
 * (gcTraceVerdict) and their leak-suspected (`dumpsLeak`, the series finding) says it; that finding
 * then says the log agrees, with its evidence: one leak, one finding, not one per source. Returns
 * whether the log's finding is dropped, and the dumps' finding as it is then.
 */
export function foldLogLeak<F extends { why: string }>(trace: GcLogVerdict, current: Verdict | undefined, series: SeriesAnalysis | undefined, dumpsLeak: F | undefined): { dropLog: boolean; dumpsLeak: F | undefined } {
  if (dumpsOutweighLog(trace, current, series)) return { dropLog: true, dumpsLeak };
  if (!dumpsLeak || current?.leak !== 'suspected' || trace.verdict.leak !== 'suspected') return { dropLog: false, dumpsLeak };
  const evidence = trace.verdict.evidence.map((e) => e.text).join('; ');
  return { dropLog: true, dumpsLeak: { ...dumpsLeak, why: `${dumpsLeak.why} ${logAgrees(snapshotName(trace.source), trace)}${evidence ? `: ${evidence}` : ''}.` } };
}

/**
 * A GC log of another run than the dumps' (gcring.ts logRingAgreement against the dump whose ring
 * holds the most cycles: the highest NumGC): the sentences that say so — how many of the GC cycles
 * both record disagree, the first of them as the log prints it and as the dump's MemStats hold it —
 * undefined when the log's cycles are consistent with the ring, too few disagree, or they share
 * none. Such a log is not weighed with the dumps (analyze: gcTraceVerdict, foldLogLeak), as dumps
 * of two processes are not: the captured exposition leak's gctrace-gogc25.log (GOGC=25, another
 * run) was "The GC log … agrees, with high confidence". It is weighed on its own, as a log alone
 * is (combine.ts withOtherRunLogs): its leak-suspected stays a finding, and `--fail-on leak` and
 * lint fail on it (another program's leaking log beside a pool's dumps passed CI, audit 36). The
 * pauses cannot tell another run of the dumps' program from another program: the words say both.
 * `inputs`: the report's inputs, each file named by the shortest end of its path that tells it
 * from them (distinctName: `goleak/gctrace.log` beside `pool/gctrace.log`).
 */
export function otherRunOfLog(trace: Pick<GcTraceAnalysis, 'source' | 'gcNumbers' | 'stwMs' | 'stwUnitMs'>, snapshots: readonly Pick<SnapshotAnalysis, 'source' | 'stats'>[], inputs: readonly string[] = []): string | undefined {
  let dump: Pick<SnapshotAnalysis, 'source' | 'stats'> | undefined;
  for (const s of snapshots) if ((s.stats?.int('NumGC') ?? 0) > (dump?.stats?.int('NumGC') ?? 0)) dump = s;
  const ring = dump && logRingAgreement(dump.stats, trace);
  if (!dump || ring?.kind !== 'disagree') return undefined;
  const { cycle, logMs, unitMs, ringNs } = ring.first;
  const ms = (v: number): string => formatLogDuration(Math.round(v * 1e6));
  return `${otherRunWords(distinctName(trace.source, inputs))} `
    + `In ${formatCount(ring.disagreeing)} of the ${countOf(ring.shared, 'GC cycle')} that it and ${distinctName(dump.source, inputs)} both record, the pause differs: `
    + `gc ${formatCount(cycle)} stopped the world for between ${ms(logMs)} and ${ms(logMs + unitMs)} in the log (gctrace truncates each phase it prints) but for ${formatLogDuration(ringNs)} in the dump (MemStats PauseNs). `
    + 'A dump\'s MemStats keep the pause of each of the last 256 GC cycles, so a log of the same process shows the same pauses.';
}

/**
 * `The GC log goleak/gctrace.log is from another run or another program than the dumps, so it is
 * weighed on its own, not with them.` (`name`: how the log is named): analyze's verdict says it
 * (otherRunOfLog), lint's leak-suspected of the log too (lint/series.ts weighLogs).
 */
export function otherRunWords(name: string): string {
  return `The GC log ${name} is from another run or another program than the dumps, so it is weighed on its own, not with them.`;
}

/** `4 of them were read right after a forced GC, …, and ` when dumpsOutweighLog weighs them so; '' otherwise. */
function exactly(series: SeriesAnalysis | undefined): string {
  const n = series?.readAfterForcedGC ?? 0;
  return n >= SERIES_THRESHOLDS.minPoints ? `${formatCount(n)} of them were read right after a forced GC, the live heap in bytes where the log prints whole MB, and ` : '';
}

/** `The GC log stderr.log agrees, with high confidence over 11 GC cycles` (`name`: how the log is named). */
function logAgrees(name: string, trace: GcLogVerdict): string {
  return `The GC log ${name} agrees, with ${trace.verdict.confidence} confidence over ${countOf(trace.cycles, 'GC cycle')}`;
}

/**
 * The report's verdict with GC logs given beside dumps (`series`: their series, when there are
 * several): the dumps' verdict rests on more evidence (sites, goroutine groups, MemStats), so it
 * stands, and when the log agrees its details stay. A log that disagrees replaces it only when it
 * covers more GC cycles than the dumps and its confidence is as high; either way both are said.
 * Without dumps, or when they cannot tell (`unknown`), the log's verdict is the report's.
 */
export function gcTraceVerdict(traces: readonly GcTraceAnalysis[], current: Verdict | undefined, series?: SeriesAnalysis): Verdict | undefined {
  const trace = traces.find((t) => t.verdict.leak === 'suspected') ?? traces[traces.length - 1];
  if (!trace) return undefined;
  // A log whose only evidence is its stacks' rise suspects goroutines, as dumps that show only them (combine.ts seriesVerdict).
  const own: Verdict = { leak: trace.verdict.leak, dominant: goroutineLeakOnly(trace.verdict) ? 'stacks' : current?.dominant ?? 'live', summary: `${trace.source}: ${trace.verdict.summary}` };
  if (!current || current.leak === 'unknown') return trace.verdict.leak === 'unknown' && current ? undefined : own;
  if (trace.verdict.leak === 'unknown') return undefined;
  const points = series?.points ?? [];
  const { cycles: dumpCycles, confidence: dumpConfidence } = dumpsWeight(series);
  if (trace.verdict.leak === current.leak) {
    // The dumps' words stay (they name sites and goroutines); a log that is surer says so, or the
    // headline would read weaker than the evidence given.
    const surer = trace.verdict.leak === 'suspected' && series !== undefined && CONFIDENCE_RANK[trace.verdict.confidence] > CONFIDENCE_RANK[dumpConfidence];
    return surer ? { ...current, summary: `${current.summary} ${logAgrees(trace.source, trace)}.` } : undefined;
  }
  const logWins = !dumpsOutweighLog(trace, current, series);
  const dumpsWords = points.length > 1 ? `the ${points.length} dumps` : 'the dump';
  if (logWins) {
    return { ...own, summary: `${own.summary} ${capitalized(dumpsWords)} alone (over ${countOf(dumpCycles, 'GC cycle')} to the log's ${trace.cycles}, ${dumpConfidence} confidence) say: ${verdictHead(current.summary)}.` };
  }
  const alone = trace.verdict.leak === 'suspected'
    ? `suspects a leak (${trace.verdict.confidence} confidence, over ${countOf(trace.cycles, 'GC cycle')}); the dumps' verdict (${dumpConfidence} confidence, over ${countOf(dumpCycles, 'GC cycle')}) stands: ${exactly(series)}they show the sites and goroutines a GC log cannot`
    : `shows no leak (${verdictHead(trace.verdict.summary)}): it has only heap totals, not the sites and goroutines the dumps show`;
  return { ...current, summary: `${current.summary} The GC log ${trace.source} alone ${alone}.` };
}
