/**
 * Lint's series: the dumps of one directory are snapshots of one process over time (how people
 * save them: `curl … > dumps/03.txt`), so the series rules read them together. A file named on
 * the command line belongs to its directory's series as much as one a directory walk found; stdin
 * and URLs belong to none, and each is a series of its own when it holds several dumps
 * (`cat snap*.txt | heapdoc lint`). A gctrace log is a series on its own (runner.ts lints it whole).
 * One process's captures saved in subfolders by kind (`plain/`, `gc1/` beside `allocs-final.txt`)
 * are one series, as analyze reads their folder: folders whose dumps share a GC cycle
 * (oneProcessFolders); other processes' folders stay apart.
 *
 * Each file is parsed (maybe in a worker thread) into a small plain summary of what the series
 * needs — MemStats fields, the breakdown, allocation sites, the binary's identity, the size
 * classes, the goroutine groups — because a parsed dump is far too big to keep and the MemStats class does not survive
 * structured cloning. The main thread rebuilds snapshots from the summaries, checks that they
 * are of one process (analyze/series: the same binary, counters that never fall) and runs the
 * series rules once per directory; their findings go to the series' last file.
 *
 * One moment, one snapshot, as analyze reads them: a directory where curl saved several formats
 * of each moment holds every moment several times, so the inputs of one moment (the same folder
 * and file stem) are grouped by analyze's own functions — a binary heap profile paired with the
 * /debug/vars or /metrics of its moment (exposition/snapshot.ts pairProfiles: `03-t3.heap.pb.gz
 * + 03-t3.vars.json`, the profile's sites with those MemStats), then one snapshot per moment
 * (analyze/moments.ts oneSnapshotPerMoment: a heap dump over vars over a scrape). The series
 * reads the snapshot that stands for each moment, with the sites of its profile, so it sees the
 * growing sites analyze sees; the files of a moment read already (`03-t3.vars.json` beside
 * `03-t3.heap-debug1.txt`) keep only the findings about the file itself (a parse error), so a
 * moment's GC figures are reported once, at the file that stands for it. For goroutines, one
 * format as analyze reads them (analyze/goroutines/tracks.ts: ?debug=2 unless debug=1 dumps are
 * more or a debug=2 one was cut).
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { Breakdown } from '../analyze/breakdown.js';
import { countingDumps, orderGoroutineDumps, type GoroutineSummary } from '../analyze/goroutines/index.js';
import { learnLimit, reportedLimit, snapshotLimitFit, type GivenLimitPressure, type KnownLimit, type LimitFit, type LimitView, type MemoryLimitSigns } from '../analyze/memlimit.js';
import { THRESHOLDS } from '../analyze/thresholds.js';
import { MemStats } from '../analyze/memstats.js';
import { seriesLimitFinding } from '../analyze/rules/memory-limit-pressure.js';
import { seriesGcCpuFinding } from '../analyze/rules/gc-cpu-high.js';
import { goroutineLongWait, longWaitFacts, type HeapBeside } from '../analyze/rules/goroutine-long-wait.js';
import { seriesHeld, withAppendsBeside, type HeldWords, type SourceLine } from '../analyze/rules/leak-advice.js';
import { growsSlice } from '../analyze/escape/sites.js';
import { sourceLines, sourceRoots } from '../input/sourceline.js';
import { seriesGcOffFinding } from '../analyze/rules/gc-off.js';
import { finalizerBlocked, seriesFinalizerFinding } from '../analyze/rules/finalizer-blocked.js';
import { repeatedFacts } from '../analyze/rules/repeated-facts.js';
import { lastingFragmentation } from '../analyze/rules/heap-fragmentation.js';
import { seriesRuleFacts } from '../analyze/rules/series.js';
import { analyzeSeries, NotOneProgram, oneProcessProblems, orderByTotalAlloc, type SeriesAnalysis, type SeriesSite, type SeriesSnapshot, type SiteTrend } from '../analyze/series/index.js';
import { pairsInOneLine } from '../analyze/series/runs.js';
import { largeStacks } from '../analyze/series/holder.js';
import { heldRing, RING, ringAgreement, ringFields, type HeldRing } from '../analyze/series/gcring.js';
import { atOwnLine, dumpsVerdict } from '../analyze/combine.js';
import { foldLogLeak, otherRunOfLog, otherRunWords, type GcLogVerdict } from '../analyze/exposed.js';
import { leakSuspected } from '../analyze/rules/leak-suspected.js';
import type { Verdict } from '../analyze/verdict.js';
import type { GoVersion } from '../input/goversion.js';
import type { BinaryPart } from '../input/binary.js';
import { commonFolder, flattenIdentity, unflattenIdentity, type BinaryIdentity, type FlatIdentity } from '../analyze/series/identity.js';
import { knownProcess, sharedGoVersion, type SnapshotAnalysis } from '../analyze/snapshot.js';
import type { SizeClassSummary } from '../analyze/sizeclasses.js';
import { pairByName, pairByStemElsewhere, pairProfiles } from '../exposition/snapshot.js';
import { dumpOfSamples, oneSnapshotPerMoment, SAVE_BESIDE, unpairedStemWords, reportedByMoment, reportedByProcess, type MomentSnapshot, type OneMomentEach } from '../analyze/moments.js';
import { snapshotName } from '../analyze/rules/series-words.js';
import { firstOf } from '../text/units.js';
import { largest } from '../common/arrays.js';
import { distinctName } from '../common/stems.js';
import { stripControl } from '../text/sanitize.js';
import { capitalized } from '../text/wrap.js';
import type { MemStatValue } from '../grammar/heap/index.js';
import type { AllocationSite, ProfileFormat, ProfileSummary as AnalyzedProfile } from '../analyze/profile.js';
import { HeapdocError, HeapdocProblems } from '../input/errors.js';
import type { ActiveRule } from './config.js';
import { createHeapLinter, lintGoroutineDump, lintReportedFact, lintSeriesFindings, lintSeriesGoVersion, sortMessages, type HeapLinter } from './engine.js';
import { MomentPairs, type MomentHalf } from './pairs.js';
import type { FileResult, LintedKind, LintMessage } from './types.js';

/**
 * What a series keeps of one heap snapshot: plain data (arrays, numbers, strings) that crosses
 * threads, and cheaply: a worker sends one per dump, and structured cloning rebuilds a Map entry
 * by entry (a dump's identity is a Map per PC), so the Maps travel as flat lists.
 */
export interface SnapshotSummary {
  source: string;
  /** Its moment, when it is a document of a stream cut into moments (analyze/moments.ts markStreamMoments). */
  moment?: string;
  /** MemStats fields but the rings, name then value (the MemStats class does not survive a structured clone). */
  fields: (string | MemStatValue)[];
  /**
   * Of the rings (PauseEnd, PauseNs), only the entries of the GC cycles it holds, as uint64s: what the
   * one-process check compares (analyze/series/gcring.ts heldRing), two dumps whose cycle ended at
   * another time being two processes, as analyze finds them; and what a GC log beside the dumps is
   * checked against (exposed.ts otherRunOfLog).
   */
  gcRing?: HeldRing;
  breakdown: Breakdown;
  sites: SeriesSite[];
  /** How its heap profile was written; undefined without one (a /debug/vars document, a scrape). */
  profileFormat: ProfileFormat | undefined;
  /** Its profile's MemProfileRate (two rates are two runs: analyze/series checkOneProcess). */
  samplingRate: number | undefined;
  identity: FlatIdentity | undefined;
  memoryLimit: MemoryLimitSigns | undefined;
  limitPressure?: GivenLimitPressure;
  knownLimit?: KnownLimit;
  /** How the known limit fits what Go holds (memlimit.ts snapshotLimitFit), as analyze reads it. */
  limitFit?: LimitFit;
  /** Its heap profile's in-use bytes (as of the last GC): memory-limit-pressure's live-heap estimate reads them. */
  inuseBytes: number | undefined;
  /** Its heap profile's allocated bytes, which TotalAlloc bounds (series/forced.ts profileOfEarlierGC). */
  allocBytes: number | undefined;
  /** A scrape's target labels (a page of several processes). */
  target?: string;
  /** Where its MemStats came from, as SnapshotAnalysis says it (undefined: a heap?debug=1 dump). */
  origin?: SnapshotAnalysis['origin'];
  /** Its own verdict: the dumps' verdict falls back on the latest snapshot's (analyze/combine.ts dumpsVerdict). */
  verdict: Verdict;
  /** Live objects by size class (/debug/vars BySize, a scrape's histograms): a few numbers per class, the series' size-class evidence. */
  sizeClasses?: SizeClassSummary;
  /** The Go that wrote it (--go-version, or inferred): what the series says the scavenger does with a retained peak. */
  goVersion?: GoVersion;
  /**
   * The process's RSS it says (a scrape's process_resident_memory_bytes): the file kept for its
   * moment is checked by the rules that read RSS knowing it (members), as analyze's dump is.
   */
  rss?: number;
}

/**
 * What a series keeps of a binary heap profile (sites, no MemStats): the half of a moment that
 * pairs with the /debug/vars or /metrics of the same stem, as analyze pairs them.
 */
export interface ProfileSummary {
  source: string;
  sites: SeriesSite[];
  profileFormat: ProfileFormat | undefined;
  samplingRate: number | undefined;
  /** Its in-use bytes (as of the last GC): a limit's fit reads them once paired with MemStats. */
  inuseBytes: number | undefined;
  /** Its allocated bytes: with the in-use ones, what tells the heap dump that holds its samples (analyze/moments.ts dumpOfSamples). */
  allocBytes: number | undefined;
  identity: FlatIdentity | undefined;
}

/** What a series keeps of one linted file. */
export interface SeriesSummary {
  kind: LintedKind;
  snapshots: SnapshotSummary[];
  /** Binary heap profiles (no MemStats): paired with their moment's MemStats at the series. */
  profiles: ProfileSummary[];
  goroutines: GoroutineSummary[];
  /** A stream of dumps of several kinds (`cat snap*.txt | heapdoc lint -`): its goroutine dumps count as a goroutine file's do. */
  documents?: true;
  /** A GC log's verdict, weighed against the dumps of its directory as analyze weighs them (weighLogs). */
  gcTrace?: GcLogVerdict;
}

/** The sites of an analysis, as plain data. */
function seriesSites(a: SnapshotAnalysis): SeriesSite[] {
  return a.profile.sites.map((s) => ({
    function: s.function, file: s.file, line: s.line, inuseBytes: s.inuseBytes, inuseObjects: s.inuseObjects,
    // What each site allocated beside what it holds: a buffer that doubles (series/doubling.ts), a leak's site that frees part
    // of what it makes (rules/leak-advice.ts): the verdict and the advice read it as analyze's do.
    allocBytes: s.allocBytes,
    // Where a leak's finding points (SiteTrend.record): a number, not the stack.
    ...(s.topStack && s.topStack.position.line > 0 ? { recordLine: s.topStack.position.line } : {}),
    ...(s.profiler ? { profiler: true } : {}),
    ...(s.poolNew ? { poolNew: true } : {}),
    ...(s.mapBuckets === true ? { mapBuckets: true } : {}),
    ...(s.caller ? { caller: s.caller } : {}),
    ...(s.callers ? { callers: s.callers } : {}),
    ...(s.httpRequest === true ? { httpRequest: true } : {}),
    ...withLargeStacks(s),
    ...(freedPart(s) && growsSlice(s) ? { growsSlice: true } : {}),
  }));
}

/**
 * Whether a site may be a leak's that freed part of what it made (leak-advice.ts partlyFreed): only
 * those are asked whether append grows them (growsSlice reads every stack), the leak's fix then
 * naming append growth as analyze names it (withAppendsBeside).
 */
function freedPart(s: AllocationSite): boolean {
  return !s.runtimeOnly && s.inuseBytes > 0 && s.allocBytes - s.inuseBytes >= 0.2 * s.allocBytes;
}

/** A site's stacks of objects of 1 MiB or more each, as plain data, when it may be a growing array beside smaller objects (holder.ts largeStacks). */
function withLargeStacks(s: SeriesSite): { stacks?: SeriesSite['stacks'] } {
  const large = largeStacks(s);
  return large === undefined || large.length === 0 ? {} : { stacks: large.map(({ usage }) => ({ usage: { inuseObjects: usage.inuseObjects, inuseBytes: usage.inuseBytes } })) };
}

/** The summary of a binary profile's analysis (sites without MemStats). */
export function summarizeProfile(a: SnapshotAnalysis): ProfileSummary {
  return { source: a.source, sites: seriesSites(a), profileFormat: a.profile.format, samplingRate: a.profile.samplingRate, inuseBytes: a.profile.inuseBytes, allocBytes: a.profile.allocBytes, identity: flattenIdentity(a.identity) };
}

/** The summary of a heap snapshot's analysis, or undefined without MemStats (a binary profile: no series point). */
export function summarizeSnapshot(a: SnapshotAnalysis): SnapshotSummary | undefined {
  if (!a.stats || !a.breakdown) return undefined;
  return {
    source: a.source,
    fields: flatFields(a.stats.fields),
    ...withRing(heldRing(a.stats)),
    breakdown: a.breakdown,
    sites: seriesSites(a),
    profileFormat: a.profile.format,
    samplingRate: a.profile.samplingRate,
    identity: a.identity && flattenIdentity(a.identity),
    memoryLimit: a.memoryLimit,
    ...(a.limitPressure ? { limitPressure: a.limitPressure } : {}),
    ...(a.knownLimit ? { knownLimit: a.knownLimit } : {}),
    ...(a.limitFit ? { limitFit: a.limitFit } : {}),
    inuseBytes: a.profile.format === undefined ? undefined : a.profile.inuseBytes,
    allocBytes: a.profile.format === undefined ? undefined : a.profile.allocBytes,
    ...(a.target ? { target: a.target } : {}),
    ...(a.origin ? { origin: a.origin } : {}),
    verdict: a.verdict,
    ...(a.sizeClasses ? { sizeClasses: a.sizeClasses } : {}),
    ...(a.goVersion ? { goVersion: a.goVersion } : {}),
    ...(a.process?.rss !== undefined ? { rss: a.process.rss } : {}),
  };
}

/** `gcRing` when there is one (a summary without carries no key). */
function withRing(gcRing: HeldRing | undefined): { gcRing?: HeldRing } {
  return gcRing ? { gcRing } : {};
}

/**
 * Name, value, name, value…, of the fields that are one value. The series reads counters and
 * sizes; the 256-entry rings (PauseNs, PauseEnd: 512 BigInts) were most of a summary's bytes,
 * kept until its directory's series ran and copied from a worker thread to the main one: the
 * one-process check's part of them travels as `gcRing`, compactly.
 */
function flatFields(fields: ReadonlyMap<string, MemStatValue>): (string | MemStatValue)[] {
  const flat: (string | MemStatValue)[] = [];
  for (const [name, value] of fields) if (!Array.isArray(value)) flat.push(name, value);
  return flat;
}

/** A summary's MemStats again: its fields, and the GC ring entries it keeps (heldRing). */
export function summaryStats(s: SnapshotSummary): MemStats {
  return new MemStats(pairs(s.fields), s.gcRing && ringsOf(s.gcRing));
}

/** Each held ring's 256-entry rings, and each field list's Map, made once for the summaries that share them (SharedParts): MemStats only reads them. */
const rings = new WeakMap<HeldRing, Map<string, BigUint64Array>>();
const fieldMaps = new WeakMap<readonly (string | MemStatValue)[], Map<string, MemStatValue>>();

function ringsOf(ring: HeldRing): Map<string, BigUint64Array> {
  let full = rings.get(ring);
  if (!full) rings.set(ring, (full = ringFields(ring)));
  return full;
}

/** The snapshot the series analysis reads, rebuilt from its summary. */
export function rebuildSnapshot(s: SnapshotSummary): SeriesSnapshot {
  return {
    source: s.source, moment: s.moment, stats: summaryStats(s), breakdown: s.breakdown, profile: { sites: s.sites, format: s.profileFormat, samplingRate: s.samplingRate, inuseBytes: s.inuseBytes, allocBytes: s.allocBytes },
    identity: s.identity && identityOf(s.identity), memoryLimit: s.memoryLimit, limitPressure: s.limitPressure, knownLimit: s.knownLimit, limitFit: s.limitFit, target: s.target,
    sizeClasses: s.sizeClasses, goVersion: s.goVersion, rss: s.rss,
  };
}

/** Each shared flat identity's Maps (SharedParts), made once: identities are read, never written to. */
const identities = new WeakMap<FlatIdentity, BinaryIdentity>();

/** The identity of a summary, as the checks read it. */
function identityOf(flat: FlatIdentity): BinaryIdentity {
  let identity = identities.get(flat);
  if (!identity) identities.set(flat, (identity = unflattenIdentity(flat)));
  return identity;
}

/** What a limit's fit and memory-limit-pressure read of a summary (memlimit.ts LimitView), with its name. */
function limitView(s: SnapshotSummary): LimitView & { source: string } {
  return { source: s.source, stats: new MemStats(pairs(s.fields)), breakdown: s.breakdown, profile: { format: s.profileFormat, samplingRate: s.samplingRate, inuseBytes: s.inuseBytes } };
}

/**
 * What the rules that read RSS see of a summary: its limitView and its profile's sites (residency.ts
 * largeLiveSite, gcoff.ts's profiler share read them), the summary's plain sites with no stacks.
 */
function rssView(s: SnapshotSummary): LimitView & { source: string; goVersion?: GoVersion | undefined; profile: AnalyzedProfile } {
  const sites = s.sites.map((x): AllocationSite => ({
    function: x.function, file: x.file, line: x.line, inuseBytes: x.inuseBytes, inuseObjects: x.inuseObjects, allocBytes: x.allocBytes ?? 0, allocObjects: 0,
    runtimeOnly: false, profiler: x.profiler === true, poolNew: x.poolNew === true, ...(x.mapBuckets === true ? { mapBuckets: true } : {}), stacks: [], stackCount: 0, topStack: undefined,
  }));
  return { ...limitView(s), goVersion: s.goVersion, profile: { format: s.profileFormat, samplingRate: s.samplingRate, inuseBytes: s.inuseBytes ?? 0, inuseObjects: 0, allocBytes: 0, allocObjects: 0, exact: false, sites, recordCount: 0 } };
}

/** A profile alone as a snapshot without MemStats: what the one-process check reads of it. */
function aloneSnapshot(p: ProfileSummary): SeriesSnapshot {
  return {
    source: p.source, stats: undefined, breakdown: undefined, profile: { sites: p.sites, format: p.profileFormat, samplingRate: p.samplingRate },
    identity: p.identity && unflattenIdentity(p.identity),
  };
}

/** The Map of a flat list of names and values. */
function pairs(flat: readonly (string | MemStatValue)[]): Map<string, MemStatValue> {
  const made = fieldMaps.get(flat);
  if (made) return made;
  const map = new Map<string, MemStatValue>();
  for (let i = 0; i + 1 < flat.length; i += 2) map.set(flat[i] as string, flat[i + 1] as MemStatValue);
  fieldMaps.set(flat, map);
  return map;
}

export interface SeriesFile {
  result: FileResult;
  series: SeriesSummary;
  /** A binary heap profile's or a MemStats file's half of its moment, until the pair is judged (pairs.ts). */
  halves?: MomentHalf[] | undefined;
  /** Binary data skipped inside the text (input/binary.ts): problems of the input (exit 2, kinds.ts BinaryPartSkipped), its dumps still linted. */
  skippedParts?: BinaryPart[] | undefined;
}

/** The formats with a process's MemStats (a binary profile pairs with one of them by name: dropPairedProfileWarnings). */
const SNAPSHOT_FORMATS: readonly LintedKind[] = ['heap', 'expvar', 'prometheus'];
/** `pprof`: a binary goroutine profile, read as its debug=1 text (countingDumps reads it only without one). */
const GOROUTINE_FORMATS: readonly LintedKind[] = ['goroutine', 'goroutine-traceback', 'pprof'];

/** The goroutine dumps a series reads: those of goroutine files, and a stream's (countingDumps picks the ones it counts). */
function goroutineDumpsOf(files: readonly SeriesFile[]): GoroutineSummary[] {
  return files.filter((f) => GOROUTINE_FORMATS.includes(f.series.kind) || f.series.documents === true).flatMap((f) => f.series.goroutines);
}

/** A snapshot of a directory as analyze would read it: a file's, or a binary profile paired with the MemStats of its moment. */
interface MomentInput extends MomentSnapshot {
  /** What the series reads; undefined for a binary profile alone (no MemStats: no place in the series). */
  snapshot: SnapshotSummary | undefined;
  /** A profile alone (a binary one, or a heap dump cut before its MemStats): its binary is still checked against the series'. */
  alone?: ProfileSummary;
  /** The files it is read from; the first stands for it (a paired profile's, as analyze names the pair). */
  files: FileResult[];
  /** Its scrape's target labels: the process whose limit it may learn (reportedByProcess). */
  target?: string | undefined;
}

function momentInput(snapshot: SnapshotSummary, files: FileResult[]): MomentInput {
  return { source: snapshot.source, moment: snapshot.moment, stats: summaryStats(snapshot), profile: { format: snapshot.profileFormat, inuseBytes: snapshot.inuseBytes, allocBytes: snapshot.allocBytes, sites: snapshot.sites }, origin: snapshot.origin, snapshot, files, target: snapshot.target };
}

/**
 * The snapshots of one directory (or input) as analyze reads them, one per moment: heap dumps,
 * then MemStats sources no profile pairs with, then profiles (paired with the MemStats of their
 * moment, /debug/vars over a scrape, as ExposedInputs.analyze pairs them), grouped by
 * oneSnapshotPerMoment.
 */
function momentInputs(files: readonly SeriesFile[]): MomentInput[] {
  const dumps: MomentInput[] = [];
  const given: { source: string; capturedAtMs: undefined; snapshot: SnapshotSummary; file: FileResult }[] = [];
  const profiles: { source: string; capturedAtMs: undefined; profile: ProfileSummary; file: FileResult }[] = [];
  for (const f of files) {
    for (const snapshot of f.series.snapshots) {
      if (snapshot.origin === undefined) dumps.push(momentInput(snapshot, [f.result]));
      else given.push({ source: snapshot.source, capturedAtMs: undefined, snapshot, file: f.result });
    }
    for (const profile of f.series.profiles) profiles.push({ source: profile.source, capturedAtMs: undefined, profile, file: f.result });
  }
  const rank = (g: (typeof given)[number]): number => (g.snapshot.origin === 'expvar' ? 1 : 0);
  const pairs = pairProfiles(profiles, given, rank);
  pairByStemElsewhere(profiles, given, pairs, dumps.map((d) => d.source), rank);
  const paired = new Set(pairs.values());
  const inputs = [...dumps, ...given.filter((g) => !paired.has(g)).map((g) => momentInput(g.snapshot, [g.file]))];
  for (const p of profiles) {
    const { profile, file } = p;
    const with_ = pairs.get(p);
    if (!with_) {
      // Its bytes: the heap dump of its stem that holds its samples stands for it (moments.ts dumpOfSamples).
      const { profileFormat: format, inuseBytes, allocBytes, sites } = profile;
      inputs.push({ source: profile.source, stats: undefined, profile: { format, inuseBytes, allocBytes, sites }, origin: 'pprof', snapshot: undefined, alone: profile, files: [file] });
      continue;
    }
    const m = with_.snapshot;
    // The profile's sites and binary with the MemStats of its moment, named as analyze names the pair.
    const both: SnapshotSummary = {
      ...m, source: `${profile.source} + ${m.source}`, sites: profile.sites, profileFormat: profile.profileFormat, samplingRate: profile.samplingRate,
      inuseBytes: profile.inuseBytes, identity: profile.identity, origin: m.origin === 'prometheus' ? 'pprof+prometheus' : 'pprof+expvar',
    };
    // A known limit's fit reads the profile too (as analyze fits the pair it reads as one snapshot).
    if (both.knownLimit) both.limitFit = snapshotLimitFit(limitView(both), both.knownLimit.bytes, THRESHOLDS)?.fit;
    inputs.push(momentInput(both, [file, with_.file]));
  }
  return inputs;
}

/**
 * The findings a file of a moment read already (another capture of it: `03-t3.vars.json` beside
 * `03-t3.heap-debug1.txt`) keeps: those about the file itself, not about the process at that
 * moment, which the file that stands for the moment reports.
 */
const ABOUT_THE_FILE: ReadonlySet<string> = new Set(['parse-error', 'not-a-go-profile', 'inconsistent-dump']);

/**
 * Drops, in place, the findings about the process from each file of a series (`group`) whose moment
 * another file stands for (momentsOf): one moment, its findings once, as analyze reads one snapshot per moment.
 * Returns what was folded into what, and the captures named as one moment read as two (for the notes analyze prints too).
 */
export function foldMoments(group: SeriesGroup): FoldedMoments {
  const inputs = momentInputs(group);
  const moments = oneSnapshotPerMoment(inputs);
  const kept = new Set(moments.snapshots.flatMap((s) => s.files));
  const folded = new Set(moments.folded.map((f) => f.source));
  const foldedFiles = new Set<FileResult>();
  // A file read in a moment that is kept (a profile paired with vars) is not folded, whatever else it was read with.
  for (const input of inputs) if (folded.has(input.source)) for (const file of input.files) if (!kept.has(file)) foldedFiles.add(file);
  for (const file of foldedFiles) file.messages = file.messages.filter((m) => m.scope === 'series' || ABOUT_THE_FILE.has(m.ruleId));
  return { folded: moments.folded, apart: moments.apart };
}

/** What the notes on a run's moments read (analyze/moments.ts foldedNote, apartNote): what was folded into what, and the captures named as one moment read as two. */
export type FoldedMoments = Pick<OneMomentEach<MomentSnapshot>, 'folded' | 'apart'>;

/** What one process's series reads: heap snapshots, goroutine dumps, and profiles alone (their binary only: see lintOneSeries). */
interface Members {
  snapshots: SnapshotSummary[];
  goroutines: GoroutineSummary[];
  alone: ProfileSummary[];
}

/** The dumps of one series: the snapshot of each moment (momentsOf), the profiles alone, and the goroutine dumps (one format: see the header). */
function members(files: readonly SeriesFile[], active: readonly ActiveRule[]): Members & { at: Map<string, readonly FileResult[]>; rssOf: ReadonlyMap<SnapshotSummary, LearntRss> } {
  const inputs = momentInputs(files);
  const grouped = oneSnapshotPerMoment(inputs);
  // A moment's scrape reports the process's GOMEMLIMIT; the dump kept for the moment does not carry it: the series and the
  // memory-limit-pressure of the file that stands for the moment know it, as analyze's (analyze/snapshot.ts withReportedLimit).
  // A dump of another moment too: the process ran with the limit its scrapes report (reportedByProcess).
  const limitOf = (m: MomentInput): KnownLimit | undefined => reportedLimit(m.snapshot?.knownLimit);
  const ofProcess = reportedByProcess(inputs, grouped.snapshots, limitOf, (a, b) => a.bytes === b.bytes, (m) => m.snapshot?.knownLimit);
  for (const [kept, { value: limit, source }] of new Map([...ofProcess, ...reportedByMoment(grouped, limitOf, (m) => m.snapshot?.knownLimit)])) {
    const snapshot = kept.snapshot;
    if (!snapshot) continue;
    const view = limitView(snapshot);
    learnLimit(snapshot, limit, view, THRESHOLDS);
    const file = kept.files[0];
    if (file) file.messages = lintReportedFact(file.messages, view, 'gomemlimit', limit.bytes, path.basename(source), active);
  }
  // Its RSS (process_resident_memory_bytes) too: the rules that read RSS see it on that file, as analyze's (withReportedRss).
  const rssOf = new Map<SnapshotSummary, LearntRss>();
  for (const [kept, { value: rss, source }] of reportedByMoment(grouped, (m) => m.snapshot?.rss)) {
    const file = kept.files[0];
    if (kept.snapshot && file) file.messages = lintReportedFact(file.messages, rssView(kept.snapshot), 'rss', rss, path.basename(source), active);
    if (kept.snapshot) rssOf.set(kept.snapshot, { rss, source });
  }
  const all = grouped.snapshots;
  const moments = all.filter((m) => m.snapshot !== undefined);
  return {
    snapshots: moments.map((m) => m.snapshot as SnapshotSummary),
    alone: all.flatMap((m) => (m.alone ? [m.alone] : [])),
    goroutines: countingDumps(goroutineDumpsOf(files)),
    at: new Map(moments.map((m) => [m.source, m.files] as const)),
    rssOf,
  };
}

/** The RSS the file kept for a moment learnt from its moment's scrape (reportedByMoment), and that scrape's source. */
interface LearntRss {
  rss: number;
  source: string;
}

/**
 * A directory's series, one per process: scrapes labelled with their target (a /federate page)
 * are a series per target; goroutine dumps go with the unlabelled snapshots (they name no target).
 */
function byTarget(dumps: Members): Members[] {
  const targets = new Map<string, SnapshotSummary[]>();
  for (const s of dumps.snapshots) targets.set(s.target ?? '', [...(targets.get(s.target ?? '') ?? []), s]);
  if (targets.size <= 1) return [dumps];
  return [...targets].map(([target, snapshots]) => ({ snapshots, goroutines: target === '' ? dumps.goroutines : [], alone: target === '' ? dumps.alone : [] }));
}

/**
 * One series: the files whose dumps the series rules read together — a folder's, the folders of one
 * process (oneProcessFolders), or an input of several dumps (stdin, a URL) —, whatever folders it
 * spans. Only seriesGroups makes one: the functions that take it read it whole, never split it again.
 */
export type SeriesGroup = readonly SeriesFile[] & { readonly [oneSeries]: true };
declare const oneSeries: unique symbol;

/** The series of `files`: one process's folders each one (oneProcessFolders), or each folder its own (`byProcess` false: no series rules run). */
export function seriesGroups(files: readonly SeriesFile[], byProcess = true): SeriesGroup[] {
  if (files.length <= 1) return files.length === 0 ? [] : [files as SeriesGroup];
  return (byProcess ? withProfilesBySamples(oneProcessFolders(files)) : byFolder(files)) as unknown as SeriesGroup[];
}

/**
 * A profile alone whose stem's captures in other folders are not of its moment (unpairedStemWords:
 * dumps of other samples, vars with no profile to tell): its no-memstats says so, as analyze's line
 * under the series does, instead of asking for a MemStats source of its stem. In place.
 */
function unpairedStemWarning(f: SeriesFile, given: readonly MomentSnapshot[]): void {
  const words = unpairedStemWords(f.result.source, given);
  if (words === undefined) return;
  f.result.messages = f.result.messages.map((m) => (m.ruleId !== 'no-memstats' ? m : { ...m, why: `${m.why} ${capitalized(words)}.`, fix: `${capitalized(SAVE_BESIDE)}.` }));
}

/**
 * A folder with no MemStats of its own whose binary heap profiles pair with nothing in it (the
 * capture layout's `heap-t46.pb.gz` above `plain/`, `gc1/` and `vars/`) is no series of its own:
 * each such profile joins the series of the heap dump of its stem that holds its samples
 * (analyze/moments.ts dumpOfSamples), where one snapshot per moment folds it
 * into that dump, as analyze reads them. The groups, changed in place.
 */
function withProfilesBySamples(groups: SeriesFile[][]): SeriesFile[][] {
  const lone = groups.filter((g) => g.every((f) => f.series.snapshots.length === 0) && g.some((f) => f.series.profiles.length === 1));
  if (lone.length === 0 || lone.length === groups.length) return groups;
  const others = groups.filter((g) => !lone.includes(g));
  const inputs = others.flatMap((g) => g.flatMap((f) => f.series.snapshots.map((snapshot) => ({ group: g, input: momentInput(snapshot, [f.result]) }))));
  for (const g of lone) {
    for (const f of [...g]) {
      const [profile] = f.series.profiles;
      if (f.series.profiles.length !== 1 || !profile) continue;
      const alone: MomentSnapshot = { source: profile.source, stats: undefined, profile: { format: profile.profileFormat, inuseBytes: profile.inuseBytes, allocBytes: profile.allocBytes, sites: profile.sites } };
      const dump = dumpOfSamples(alone, [alone, ...inputs.map((i) => i.input)]) ?? memStatsOfStem(alone, inputs.map((i) => i.input));
      const into = dump && inputs.find((i) => i.input === dump)?.group;
      if (!into) {
        unpairedStemWarning(f, inputs.map((i) => i.input));
        continue;
      }
      g.splice(g.indexOf(f), 1);
      into.push(f);
    }
  }
  return groups.filter((g) => g.length > 0);
}

/** The /debug/vars or scrape of a lone profile's stem in another folder that analyze pairs it with (exposition/snapshot.ts pairByStemElsewhere). */
function memStatsOfStem(profile: MomentSnapshot, inputs: readonly MomentSnapshot[]): MomentSnapshot | undefined {
  const pairs = new Map<MomentSnapshot, MomentSnapshot>();
  const dumps = inputs.filter((i) => i.origin === undefined && i.profile.format !== undefined).map((i) => i.source);
  pairByStemElsewhere([profile], inputs.filter((i) => i.origin === 'expvar' || i.origin === 'prometheus'), pairs, dumps, (i) => (i.origin === 'expvar' ? 1 : 0));
  return pairs.get(profile);
}

/**
 * The files on disk, by folder (a pairing by name stays within one); stdin or a URL, a group of its
 * own (its dumps are one series: `cat snap*.txt | heapdoc lint`).
 */
function byFolder(files: readonly SeriesFile[]): SeriesFile[][] {
  const byDir = new Map<string, SeriesFile[]>();
  const alone: SeriesFile[][] = [];
  for (const f of files) {
    if (f.result.path === undefined) {
      alone.push([f]);
      continue;
    }
    const dir = path.dirname(f.result.path);
    const group = byDir.get(dir);
    if (group) group.push(f);
    else byDir.set(dir, [f]);
  }
  return [...byDir.values(), ...alone];
}

/**
 * Each directory's family: itself, up through the folders above it that hold inputs too
 * (`creep/plain/` and `creep/gc1/` under `creep/`, which holds `allocs-final.txt` and the GC log): one
 * process's captures saved in subfolders by kind. A folder with no input of its own (the corpus's
 * `go1.19/`) joins none: its subfolders are families apart. Their series run when the family is read.
 */
function folderFamilies(dirs: ReadonlySet<string>): Map<string, string> {
  const families = new Map<string, string>();
  for (const dir of dirs) {
    let root = dir;
    for (let up = path.dirname(root); up !== root && dirs.has(up); up = path.dirname(root)) root = up;
    families.set(dir, root);
  }
  return families;
}

/**
 * The files of a family of folders (folderFamilies) by process: each folder's are one process's
 * series (lint's rule), and folders whose heap snapshots hold a GC cycle that ended at the same
 * nanosecond and paused as long (analyze/series/gcring.ts ringAgreement: wall-clock nanoseconds do
 * not agree by chance) are one process's, read as one series as `heapdoc analyze` reads the family's
 * folder — its GC pauses and leak said once, not once per folder. Folders of other processes (other
 * runs, other programs) stay apart. Groups in the order of their first file.
 */
function oneProcessFolders(files: readonly SeriesFile[]): SeriesFile[][] {
  const folders = byFolder(files);
  // Each folder's snapshots as the checks read them, one object per content (checkKey): copies of a
  // folder (or of a dump) share theirs, so the checks below read each content once.
  const byContent = new Map<string, SeriesSnapshot>();
  const snapshots = folders.map((g) => g.flatMap((f) => f.series.snapshots.map((s) => {
    const key = checkKey(s);
    let rebuilt = byContent.get(key);
    if (!rebuilt) byContent.set(key, (rebuilt = rebuildSnapshot(s)));
    return rebuilt;
  })));
  byContent.clear();
  const root = folders.map((_, i) => i);
  const find = (i: number): number => {
    let at = i;
    while (root[at] !== at) at = root[at] ?? at;
    return at;
  };
  // A folder whose own dumps are not one process (two programs, two runs) keeps its refusal, alone.
  const one = snapshots.map((s) => isOneProcess(s));
  // Only folders whose rings hold a cycle of one another (cycleLinks) can share one: the others
  // are passed over without a ring check, and a group none of whose folders has such a partner is
  // not paired at all (a tree of hundreds of other processes' folders).
  const links = cycleLinks(snapshots);
  const members = folders.map((_, i) => [i]);
  // Each group's distinct snapshots (a Set: copies count once), what shareCycle and the one-process check read.
  const distinct = snapshots.map((s) => new Set(s));
  const linked = (a: number, b: number): boolean => [...(distinct[b] ?? [])].some((x) => [...(links.of.get(x) ?? [])].some((y) => distinct[a]?.has(y) === true));
  for (let i = 0; i < folders.length; i++) {
    if (!one[i] || !(members[find(i)] ?? []).some((p) => links.partnered[p] === true)) continue;
    for (let j = i + 1; j < folders.length; j++) {
      const [a, b] = [find(i), find(j)];
      if (a === b || !one[j] || !linked(a, b) || !shareCycle([...(distinct[a] ?? [])], [...(distinct[b] ?? [])])) continue;
      const both = new Set([...(distinct[a] ?? []), ...(distinct[b] ?? [])]);
      const all = (): SeriesSnapshot[] => [...(members[a] ?? []), ...(members[b] ?? [])].flatMap((m) => snapshots[m] ?? []);
      if (!isOneProcess(uniqueTotalAlloc(both) ? [...both] : all())) continue;
      root[b] = a;
      distinct[a] = both;
      distinct[b] = new Set();
      members[a] = [...(members[a] ?? []), ...(members[b] ?? [])];
    }
  }
  const groups = new Map<number, SeriesFile[]>();
  folders.forEach((g, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), ...g]));
  const order = new Map(files.map((f, i) => [f, i] as const));
  return [...groups.values()].map((g) => g.sort((x, y) => (order.get(x) ?? 0) - (order.get(y) ?? 0)));
}

/**
 * What the one-process check and the ring checks read of a snapshot summary, as one string: its
 * MemStats fields and GC ring, its profile's format and rate, its binary's identity, its target.
 * Two summaries of one key (copies of one dump in two folders) are one content to those checks.
 */
function checkKey(s: SnapshotSummary): string {
  const ring = s.gcRing && [s.gcRing.ends.join(), s.gcRing.pauses?.join() ?? null];
  return JSON.stringify([s.fields, ring, s.profileFormat ?? null, s.samplingRate ?? null, s.identity ?? null, s.target ?? null],
    bigints);
}

/**
 * Whether no two of `snapshots` share a TotalAlloc (the series' order). Then the one-process check
 * of a group's snapshots with their copies, in TotalAlloc order, reads each copy beside its
 * original (no counter falls, the rings agree) and every other pair as the distinct snapshots do:
 * the distinct ones decide alone. With a tie the order of equal TotalAllocs is the input order,
 * so the check reads the group whole.
 */
function uniqueTotalAlloc(snapshots: ReadonlySet<SeriesSnapshot>): boolean {
  const seen = new Set<number>();
  for (const s of snapshots) {
    const total = s.stats?.int('TotalAlloc') ?? 0;
    if (seen.has(total)) return false;
    seen.add(total);
  }
  return true;
}

/** Whether heap snapshots can be of one process, as analyze checks them (oneProcessProblems: one binary, counters that never fall, GC rings that agree). */
function isOneProcess(snapshots: readonly SeriesSnapshot[]): boolean {
  return oneProcessProblems(orderByTotalAlloc(snapshots)).length === 0;
}

/**
 * Which snapshots of `folders` may agree with which (shareCycle), and which folders have a partner
 * in another folder. ringAgreement agrees only when the earlier snapshot's last cycle (its NumGC,
 * and that cycle's PauseEnd, not 0) is in the later one's ring at the same slot with the same end:
 * so the last cycles are indexed by their end, each distinct snapshot's ring is looked up in that
 * index once (`of`: the snapshots it may agree with, itself included), and only groups linked so
 * are ring-checked (a necessary condition, not a verdict: shareCycle still decides). A folder is
 * `partnered` when one of its snapshots is linked to a snapshot another folder holds. Linear in
 * the distinct snapshots (256 look-ups each) and in the folders' snapshots.
 */
function cycleLinks(folders: readonly (readonly SeriesSnapshot[])[]): { of: Map<SeriesSnapshot, Set<SeriesSnapshot>>; partnered: boolean[] } {
  const lastCycles = new Map<bigint, { cycle: number; s: SeriesSnapshot }[]>();
  const rings: { s: SeriesSnapshot; numGC: number; ends: ArrayLike<bigint> }[] = [];
  const holders = new Map<SeriesSnapshot, Set<number>>();
  folders.forEach((snapshots, folder) => {
    for (const s of snapshots) {
      const held = holders.get(s);
      if (held) {
        held.add(folder);
        continue;
      }
      holders.set(s, new Set([folder]));
      const numGC = s.stats?.int('NumGC');
      const ends = s.stats?.ring('PauseEnd');
      if (numGC === undefined || numGC < 1 || !ends || ends.length !== RING) continue;
      rings.push({ s, numGC, ends });
      const end = ends[(numGC - 1) % RING] ?? 0n;
      const same = lastCycles.get(end);
      if (end === 0n) continue;
      if (same) same.push({ cycle: numGC, s });
      else lastCycles.set(end, [{ cycle: numGC, s }]);
    }
  });
  const of = new Map<SeriesSnapshot, Set<SeriesSnapshot>>();
  const link = (x: SeriesSnapshot, y: SeriesSnapshot): void => {
    const set = of.get(x);
    if (set) set.add(y);
    else of.set(x, new Set([y]));
  };
  for (const { s, numGC, ends } of rings) {
    for (let cycle = Math.max(1, numGC - RING + 1); cycle <= numGC; cycle++) {
      const at = lastCycles.get(ends[(cycle - 1) % RING] ?? 0n);
      if (at) for (const last of at) if (last.cycle === cycle) {
        link(s, last.s);
        link(last.s, s);
      }
    }
  }
  // A folder has a partner when a snapshot linked to one of its own is held by another folder too.
  const partnered = folders.map((snapshots, folder) => snapshots.some((x) => [...(of.get(x) ?? [])].some((y) => {
    const held = holders.get(y);
    return held !== undefined && (held.size > 1 || !held.has(folder));
  })));
  return { of, partnered };
}

/** Whether a snapshot of `a` and one of `b` hold a GC cycle that ended at the same time (ringAgreement's `agree`). */
function shareCycle(a: readonly SeriesSnapshot[], b: readonly SeriesSnapshot[]): boolean {
  const gcs = (s: SeriesSnapshot): number => s.stats?.int('NumGC') ?? 0;
  return a.some((x) => b.some((y) => (gcs(x) <= gcs(y) ? ringAgreement(x.stats, y.stats) : ringAgreement(y.stats, x.stats)).kind === 'agree'));
}

/**
 * lint's fix for a directory of dumps of several programs: lint reads a directory as one process's
 * series, so each program's dumps go in a directory of their own (analyze's hint names its runs).
 */
const ONE_FOLDER_PER_PROGRAM = "lint reads each folder as one process's series: put each program's dumps in a folder of its own; --separately lints each dump alone, without the series rules";

/** lint's fix for a folder of several runs (or processes) of one binary, as ONE_FOLDER_PER_PROGRAM says it for programs. */
const ONE_FOLDER_PER_RUN = "lint reads each folder as one process's series: put each run's dumps in a folder of its own; --separately lints each dump alone, without the series rules (--format json or sarif lists each pair)";

/** A series' problems, its pairs of dumps that cannot be of one process in one line with lint's fix (series/runs.ts). */
function oneLinePerSeries(errors: readonly HeapdocError[], group: readonly SeriesFile[]): HeapdocError[] {
  return pairsInOneLine(errors, group.map((f) => f.result.source), ONE_FOLDER_PER_RUN);
}

/**
 * Runs the series rules over the dumps of one series (`group`: a folder's, one process's folders,
 * or an input of several dumps) and adds their findings to the series' last file (in the files'
 * results, in place). A series whose dumps are not of one process gets no series findings: its problem goes to `problem` (one line naming its programs, or a line
 * per dump whose counters cannot follow) and the files keep their own findings.
 */
export function lintSeries(group: SeriesGroup, active: readonly ActiveRule[], problem: (error: HeapdocError) => void): void {
  if (!active.some((a) => a.rule.meta.inputs?.includes('series'))) return;
  const say = (error: HeapdocError): void => problem(error instanceof NotOneProgram ? new NotOneProgram(error.message, ONE_FOLDER_PER_PROGRAM) : error);
  const { at: moments, rssOf, ...dumps } = members(group, active);
  const processes = byTarget(dumps);
  for (const process of processes) {
    const alone = processes.length === 1;
    const series = lintOneSeries(group, { moments, rssOf }, process, active, say, alone);
    // A GC log beside the dumps of one process is weighed against them as analyze weighs it.
    if (series && alone) weighLogs(group, process.snapshots, series);
    // One dump and a GC log of its process: the GC's CPU share is one fact too.
    const [only] = process.snapshots;
    const at = only && momentOf(group, moments, only.source);
    if (!series && alone && at && process.snapshots.length === 1 && process.alone.length === 0) oneGcCpuFinding(group, 1, at, true);
  }
}

/**
 * The leak-suspected of each GC log of `group` that the dumps' verdict says already is dropped, in
 * place, by analyze's own decision (exposed.ts foldLogLeak): the dumps outweigh the log
 * (dumpsOutweighLog: CI fails on what `heapdoc analyze` would call a leak, and on nothing it would
 * not, reasoning.md §7), or they suspect the leak too — then the dumps' leak-suspected says the log
 * agrees, one finding for one leak. `series`: the dumps' series (their snapshots, in TotalAlloc order).
 */
function weighLogs(group: readonly SeriesFile[], snapshots: readonly SnapshotSummary[], series: SeriesAnalysis): void {
  const logs = group.filter((f) => f.series.gcTrace !== undefined);
  if (logs.length === 0) return;
  const verdictOf = new Map(snapshots.map((s) => [s.source, s.verdict] as const));
  const ordered = series.points.flatMap((p) => {
    const verdict = verdictOf.get(p.source);
    return verdict ? [{ source: p.source, verdict }] : [];
  });
  const goroutines = orderGoroutineDumps(goroutineDumpsOf(group));
  const dumps = dumpsVerdict(ordered, goroutines, series);
  const isLeak = (m: LintMessage): boolean => m.ruleId === leakSuspected.meta.id && m.scope === 'series';
  const holder = group.find((f) => f.series.gcTrace === undefined && f.result.messages.some(isLeak));
  const rung = snapshots.map((s) => ({ source: s.source, stats: summaryStats(s) }));
  for (const log of logs) {
    if (!log.series.gcTrace) continue;
    // A log of another run or program (its cycles' pauses disagree with the dumps' GC ring) is not weighed with them, as analyze weighs it on its own: its leak-suspected stays, as of the log alone.
    // Its leak-suspected says so, as analyze's verdict does (otherRunWords), the log named as analyze names it among the files.
    if (otherRunOfLog(log.series.gcTrace, rung) !== undefined) {
      const said = otherRunWords(distinctName(log.result.source, group.map((f) => f.result.source)));
      log.result.messages = log.result.messages.map((m) => (m.ruleId === leakSuspected.meta.id ? { ...m, message: `${m.message} ${said}` } : m));
      continue;
    }
    const folded = foldLogLeak(log.series.gcTrace, dumps, series, holder?.result.messages.find(isLeak));
    if (!folded.dropLog) continue;
    log.result.messages = log.result.messages.filter((m) => m.ruleId !== leakSuspected.meta.id);
    const leak = folded.dumpsLeak;
    if (holder && leak) holder.result.messages = holder.result.messages.map((m) => (isLeak(m) ? leak : m));
  }
}

/**
 * The series rules over one process's snapshots and goroutine dumps of `group`; `moments`: the files
 * of each snapshot's moment (the first stands for it); `withLogs`: the directory is this one process's, so its GC logs
 * are too. Returns the series, undefined when there is none (fewer than two dumps, or dumps not of
 * one process).
 */
function lintOneSeries(group: readonly SeriesFile[], { moments, rssOf }: { moments: ReadonlyMap<string, readonly FileResult[]>; rssOf: ReadonlyMap<SnapshotSummary, LearntRss> }, { snapshots, goroutines, alone }: Members,
  active: readonly ActiveRule[], problem: (error: HeapdocError) => void, withLogs: boolean): SeriesAnalysis | undefined {
  if (snapshots.length + alone.length < 2 && goroutines.length < 2) return undefined;
  // One process wrote them all: a snapshot that shows no Go version is read knowing the one the others show (analyze's withSeriesGoVersion).
  const version = sharedGoVersion(snapshots);
  const ordered = orderByTotalAlloc(snapshots.map((s) => rebuildSnapshot(version && !s.goVersion ? { ...s, goVersion: version } : s)));
  // In the order they were taken, as far as it is known: one whose place is not is in no trend (goroutines/order.ts).
  const dumps = countingDumps(orderGoroutineDumps(goroutines));
  // A profile alone (a heap dump cut before its MemStats, a binary profile no MemStats pair with)
  // has no point in the series, but analyze reads it among its snapshots and refuses dumps of two
  // programs: its binary is checked with the rest, as analyze checks it.
  const notOne = alone.length > 0 ? oneProcessProblems(orderByTotalAlloc([...ordered, ...alone.map(aloneSnapshot)]), dumps) : [];
  if (notOne.length > 0) {
    oneLinePerSeries(notOne, group).forEach(problem);
    return undefined;
  }
  if (snapshots.length < 2 && goroutines.length < 2) return undefined;
  let series;
  try {
    series = analyzeSeries(ordered, dumps);
  } catch (error) {
    if (error instanceof HeapdocProblems) oneLinePerSeries(error.problems, group).forEach(problem);
    else if (error instanceof HeapdocError) problem(error);
    else throw error;
    return undefined;
  }
  if (version) learnGoVersion(group, moments, snapshots, version, rssOf, active);
  const facts = seriesRuleFacts(series, dumps);
  const last = facts.sources[facts.sources.length - 1];
  const moment = momentOf(group, moments, last);
  const target = moment?.[0];
  if (!moment || !target) return series;
  // Each finding at the file it is about, before that file's own: the last snapshot's, or the one its rule named.
  const placed = new Map<FileResult, LintMessage[]>();
  for (const { source, message } of lintSeriesFindings(facts, target.source, active)) {
    const at = holding(group, moments, source) ?? target;
    const messages = placed.get(at);
    if (messages) messages.push(message);
    else placed.set(at, [message]);
  }
  // The leak's fix names append growth where a growing site appends, as analyze's does (withAppendsBeside).
  const line = lazySourceLines(group);
  const latest = [...ordered].reverse().find((s) => s.profile.sites.length > 0);
  const grows = (site: SiteTrend): boolean => latest?.profile.sites.some((x) => x.growsSlice === true && x.function === site.function && x.file === site.file && x.line === site.line) === true;
  for (const [at, messages] of placed) at.messages = [...withAppendsBeside(messages, series.growingSites, grows, line), ...at.messages];
  if (withLogs) judgedAtLatest(group, moments, active);
  // Each merged finding goes first at the target: the limit's (an error when it cannot be met) before the GC's CPU share.
  oneGcCpuFinding(group, ordered.length, moment, withLogs);
  oneLimitFinding(group, series, moment);
  oneLongWait(group, dumps, active, { httpRequesters: series.httpRequesters ?? [], ...heldOf(series) });
  oneGcOffFinding(group, series, moment);
  oneFinalizerFinding(group, dumps);
  return series;
}

/** The source lines of the program beside a series' files (input/sourceline.ts: their folders and the ones above), read only when asked. */
function lazySourceLines(group: readonly SeriesFile[]): SourceLine {
  let read: SourceLine | undefined;
  return (file, line) => {
    read ??= sourceLines(sourceRoots([...new Set(group.flatMap((f) => (f.result.path === undefined ? [] : [path.dirname(f.result.path)])))]));
    return read(file, line);
  };
}

/**
 * The snapshots of one process's series (`snapshots`) that show no Go version learn `version`, the
 * one the others show (analyze/snapshot.ts sharedGoVersion), and the findings of the file that
 * stands for each whose words depend on it are checked again knowing it (engine.ts
 * lintSeriesGoVersion), as analyze checks its snapshots (withSeriesGoVersion): the captured
 * go1.19-audit-live/05-diff-vars-vs-heap's before.vars.json said "the OS may still show it in the
 * process's RSS" of the 115.0 MiB released that after.heap.txt (go1.19) said "has left the process's
 * RSS" of. Before the series rules run, in place; `rssOf`, the RSS each learnt from its moment's scrape.
 */
function learnGoVersion(group: readonly SeriesFile[], moments: ReadonlyMap<string, readonly FileResult[]>, snapshots: readonly SnapshotSummary[], version: GoVersion,
  rssOf: ReadonlyMap<SnapshotSummary, LearntRss>, active: readonly ActiveRule[]): void {
  for (const s of snapshots) {
    if (s.goVersion) continue;
    s.goVersion = version;
    const file = momentOf(group, moments, s.source)?.[0];
    const learnt = rssOf.get(s);
    const process = knownProcess({ rss: learnt?.rss ?? s.rss, knownLimit: s.knownLimit }, undefined);
    if (file) file.messages = lintSeriesGoVersion(file.messages, rssView(s), version, process, active, learnt?.source);
  }
}

/**
 * The goroutine dumps of one process (`dumps`: the series' goroutine dumps in capture order, one
 * format: see the header): their finalizer-blocked once, at the latest that shows it, naming how
 * many show it (analyze/rules/finalizer-blocked.ts seriesFinalizerFinding, as analyze says it), in
 * place of one per dump; the dumps of the other format beside them (debug=1 beside debug=2: the same
 * moments, which the series does not read) drop theirs then too. A dump alone keeps its finding.
 */
function oneFinalizerFinding(group: readonly SeriesFile[], dumps: readonly GoroutineSummary[]): void {
  const order = new Map(dumps.map((d, i) => [d.source, i] as const));
  const at = (f: SeriesFile): number => Math.max(-1, ...f.series.goroutines.map((g) => order.get(g.source) ?? -1));
  const holders = group.filter((f) => at(f) >= 0);
  const showing = holders.filter((f) => f.result.messages.some((m) => m.ruleId === finalizerBlocked.meta.id));
  const target = showing.reduce<SeriesFile | undefined>((latest, f) => (!latest || at(f) > at(latest) ? f : latest), undefined);
  if (!target || !oneFindingAt(holders, finalizerBlocked.meta.id, [target.result], (found, last) => seriesFinalizerFinding(found, last, dumps.length))) return;
  for (const f of group) if (!holders.includes(f) && GOROUTINE_FORMATS.includes(f.series.kind)) f.result.messages = f.result.messages.filter((m) => m.ruleId !== finalizerBlocked.meta.id);
}

/**
 * The debug=2 dumps of one process (`dumps`, the series' goroutine dumps in capture order): their
 * goroutine-long-wait once, at the latest, as `heapdoc analyze` says it (longWaitFacts), in place of
 * one per dump. The series proves more than a dump: a group whose goroutines ran between two dumps
 * (their printed waits fell: a pool's idle workers taking turns) is not stuck, and is left out. A
 * dump alone, or dumps not of one process, keep their own findings.
 */
function oneLongWait(group: readonly SeriesFile[], dumps: readonly GoroutineSummary[], active: readonly ActiveRule[], heap: HeapBeside): void {
  const tracebacks = dumps.filter((d) => d.kind === 'goroutine-traceback');
  const latest = tracebacks.at(-1);
  if (tracebacks.length < 2 || !latest) return;
  const inSeries = new Set(tracebacks.map((d) => d.source));
  const holders = group.filter((f) => f.series.goroutines.some((g) => inSeries.has(g.source)));
  for (const f of holders) f.result.messages = f.result.messages.filter((m) => m.ruleId !== 'goroutine-long-wait');
  const facts = longWaitFacts(tracebacks, true, heap);
  const at = holders.find((f) => f.series.goroutines.some((g) => g.source === latest.source));
  if (!facts || !at) return;
  const found = lintGoroutineDump(facts, [], active.filter((a) => a.rule.meta.id === goroutineLongWait.meta.id)).map((m) => ({ ...m, scope: 'series' as const }));
  if (found.length > 0) at.result.messages = sortMessages([...found, ...at.result.messages]);
}

/** The group of the series that holds a growing site (seriesHeld), as goroutine-long-wait's facts take it. */
function heldOf(series: SeriesAnalysis): { held?: HeldWords } {
  const held = seriesHeld(series);
  return held ? { held } : {};
}

/**
 * A series whose GC is off: the gc-off each of its files repeats is said once, at the series' last
 * file, naming how many snapshots said it (analyze/rules/gc-off.ts seriesGcOffFinding, as analyze
 * says it), in place.
 */
function oneGcOffFinding(group: readonly SeriesFile[], series: SeriesAnalysis, moment: readonly FileResult[]): void {
  oneFindingAt(group, 'gc-off', moment, (found, last) => seriesGcOffFinding(found, last, series.points.length));
}

/**
 * A series whose heap is held up to a known memory limit by design: the memory-limit-pressure each
 * of its files repeats is said once, at the series' last file (analyze/rules/memory-limit-pressure.ts
 * seriesLimitFinding, as analyze says it), in place.
 */
function oneLimitFinding(group: readonly SeriesFile[], series: SeriesAnalysis, moment: readonly FileResult[]): void {
  oneFindingAt(group, 'memory-limit-pressure', moment, (found, last) => seriesLimitFinding(found, last, series.verdict));
}

/**
 * The findings of rule `ruleId` that the files of one process (`files`) repeat, said once at
 * the series' last input (`moment`: its files, the first standing for it) as its rule merges them
 * (`merge`: seriesLimitFinding, seriesGcCpuFinding, seriesGcOffFinding, seriesFinalizerFinding;
 * `last`: the one that moment found), in place of them all. It keeps the line of the moment's own
 * finding (atOwnLine), in the file that holds it: a paired profile's moment's lines are its vars
 * file's (pairs.ts), as analyze places it. Nothing changes when `merge` says nothing (fewer than
 * two said it, or the series reads otherwise): false then.
 */
function oneFindingAt(files: readonly SeriesFile[], ruleId: string, moment: readonly FileResult[],
  merge: (found: LintMessage[], last: LintMessage | undefined) => LintMessage | undefined): boolean {
  const [target] = moment;
  if (!target) return false;
  const found = files.flatMap((f) => f.result.messages.filter((m) => m.ruleId === ruleId).map((m) => ({ at: f.result, m })));
  const last = moment.map((r) => found.find(({ at }) => at === r)).find((f) => f !== undefined);
  const merged = merge(found.map(({ m }) => m), last?.m);
  if (!merged) return false;
  for (const f of files) f.result.messages = f.result.messages.filter((m) => m.ruleId !== ruleId);
  // The moment's own finding, else the repeat of an earlier one it held (the same GC's fraction), else
  // the latest file that said it (the captured go1.19-audit42-ptrdense: 5.2%–8.1% in t05–t19, 4.45% at
  // t72, under the threshold): where the fact is in its text.
  const own = last ?? moment.flatMap((r) => repeatsDropped.get(r)?.filter((m) => m.ruleId === ruleId).map((m) => ({ at: r, m })) ?? [])[0] ?? found[found.length - 1];
  const placed = atOwnLine(merged, own?.m);
  const at = placed.line !== undefined && own ? own.at : target;
  at.messages = sortMessages([placed, ...at.messages]);
  return true;
}

/**
 * The gc-cpu-high of one process's snapshots and of the GC log beside them said once, at `target`,
 * the series' last input (or the one snapshot's, beside a log), naming how many of its `snapshots`
 * said it (analyze/rules/gc-cpu-high.ts seriesGcCpuFinding, as analyze says it), in place; only
 * when the directory is that one process's (`oneProcess`: not a page of several scrape targets).
 */
function oneGcCpuFinding(group: readonly SeriesFile[], snapshots: number, moment: readonly FileResult[], oneProcess: boolean): void {
  if (oneProcess) oneFindingAt(group, 'gc-cpu-high', moment, (found, last) => seriesGcCpuFinding(found, last, snapshots));
}

/** The result of the file that holds input `source` (a file of concatenated dumps names them NAME:LINE; a paired profile, its moment's file). */
function holding(group: readonly SeriesFile[], moments: ReadonlyMap<string, readonly FileResult[]>, source: string | undefined): FileResult | undefined {
  return momentOf(group, moments, source)?.[0];
}

/** The results of the files of input `source`'s moment, the one that stands for it first (a paired profile's, then its vars file's); else the file that holds it (holding). */
function momentOf(group: readonly SeriesFile[], moments: ReadonlyMap<string, readonly FileResult[]>, source: string | undefined): readonly FileResult[] | undefined {
  const moment = source === undefined ? undefined : moments.get(source);
  if (moment && moment.length > 0) return moment;
  const file = group.find((f) => f.result.source === source
    || f.series.snapshots.some((s) => s.source === source) || f.series.goroutines.some((g) => g.source === source))?.result;
  return file && [file];
}

/** JSON.stringify's replacer for values that hold BigInts (MemStats fields, GC rings). */
function bigints(_: string, value: unknown): unknown {
  return typeof value === 'bigint' ? ['bigint', value.toString()] : value;
}

/**
 * One instance of each content among the summaries and findings of a family's files, until its
 * series run (DirectorySeries.close): a file's summary (its binary's identity, sites, MemStats
 * fields, breakdown, GC ring) and the texts of its findings are swapped, as it settles, for an
 * equal one an earlier file of the family holds. Copies of one process's folder (a tree of
 * hundreds) then hold one summary's worth of each, not one each: a family is held whole until its
 * last file is read. Nothing read from them changes; none of them is written to once made.
 */
class SharedParts {
  private readonly parts = new Map<string, unknown>();
  private readonly texts = new Map<string, string>();

  share(file: SeriesFile): void {
    for (const m of file.result.messages) {
      const fields = m as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(fields)) if (typeof value === 'string') fields[key] = this.text(value);
    }
    for (const s of file.series.snapshots) {
      if (s.identity) s.identity = this.part('identity', s.identity);
      s.sites = this.part('sites', s.sites);
      s.fields = this.part('fields', s.fields);
      s.breakdown = this.part('breakdown', s.breakdown);
      if (s.gcRing) s.gcRing = this.part('ring', s.gcRing, `${s.gcRing.ends.join()};${s.gcRing.pauses?.join() ?? ''}`);
    }
  }

  /** The instance held of `value`'s content (`key`: its JSON by default). */
  private part<T>(kind: string, value: T, key = JSON.stringify(value, bigints)): T {
    // Held by its digest: the content's text would hold the family's summaries twice over.
    const at = createHash('sha256').update(kind).update('\u0000').update(key).digest('base64');
    const held = this.parts.get(at);
    if (held !== undefined) return held as T;
    this.parts.set(at, value);
    return value;
  }

  private text(value: string): string {
    const held = this.texts.get(value);
    if (held !== undefined) return held;
    this.texts.set(value, value);
    return value;
  }
}

/**
 * The series of a run, each directory's as soon as its last file is linted (all are known before
 * linting starts): then only the files' results are kept, so the summaries in memory are those of
 * the directories being read, not of the whole run. Files settle in any order (worker threads);
 * the results, the series' findings and their problems come out as if all ran at the end, in
 * input order.
 */
export class DirectorySeries {
  /** Each input's directory (undefined: stdin, a URL: a series of its own, see settle). */
  private readonly directories: (string | undefined)[];
  /** Each directory's family (folderFamilies): its series runs once the whole family is read. */
  private readonly family: Map<string, string>;
  /** The inputs of each directory, and of each family, not yet settled; those settled, by family, by index. */
  private readonly unsettled = new Map<string, number>();
  private readonly unsettledFamilies = new Map<string, number>();
  private readonly settled = new Map<string, number[]>();
  /** Each unsettled family's parts held once (SharedParts): copies of one folder hold one summary's worth, not one each. */
  private readonly shared = new Map<string, SharedParts>();
  private readonly files: (SeriesFile | undefined)[];
  private readonly results: (FileResult | undefined)[];
  /** The problems of each directory's series, by its first linted file (where lintSeries met it), with the directory (or input) they are about. */
  private readonly problems: { first: number; errors: HeapdocError[]; input: string }[] = [];
  /** The inputs read as another capture of a moment another file stands for (foldMoments), by the group's first input, for the note analyze prints too. */
  private readonly foldedByGroup: { first: number; moments: FoldedMoments }[] = [];

  /** A binary profile and the MemStats of its moment, linted as one snapshot as analyze reads them (pairs.ts). */
  private readonly pairs: MomentPairs;

  /**
   * `paths`: each input's absolute path, undefined when it is not a file on disk (SeriesFile's
   * `result.path`); `heap`: the run's heap linter, for the pairs.
   */
  constructor(paths: readonly (string | undefined)[], private readonly active: readonly ActiveRule[], private readonly series: boolean, heap: HeapLinter = createHeapLinter(active)) {
    this.directories = paths.map((p) => (p === undefined ? undefined : path.dirname(p)));
    this.pairs = new MomentPairs(paths, heap);
    for (const dir of this.directories) if (dir !== undefined) this.unsettled.set(dir, (this.unsettled.get(dir) ?? 0) + 1);
    this.family = folderFamilies(new Set(this.unsettled.keys()));
    for (const [dir, count] of this.unsettled) {
      const family = this.family.get(dir) ?? dir;
      this.unsettledFamilies.set(family, (this.unsettledFamilies.get(family) ?? 0) + count);
    }
    this.files = new Array<SeriesFile | undefined>(paths.length);
    this.results = new Array<FileResult | undefined>(paths.length);
  }

  /** Input `index` is done: linted (`file`), or skipped or unreadable (undefined). */
  settle(index: number, file: SeriesFile | undefined): void {
    const dir = this.directories[index];
    if (dir === undefined) {
      // Stdin or a URL: in no directory, and a series of its own when it holds several dumps.
      for (const group of seriesGroups(file ? [file] : [])) this.runSeries(group, index);
      this.results[index] = file?.result;
      return;
    }
    this.pairs.settle(index, file);
    const family = this.family.get(dir) ?? dir;
    if (file) {
      const shared = this.shared.get(family) ?? new SharedParts();
      this.shared.set(family, shared);
      shared.share(file);
      this.files[index] = file;
      const settled = this.settled.get(family);
      if (settled) settled.push(index);
      else this.settled.set(family, [index]);
    }
    const left = (this.unsettled.get(dir) ?? 1) - 1;
    this.unsettled.set(dir, left);
    if (left === 0) this.pairs.close(dir);
    const familyLeft = (this.unsettledFamilies.get(family) ?? 1) - 1;
    this.unsettledFamilies.set(family, familyLeft);
    if (familyLeft === 0) this.close(family);
  }

  /** Every input of `family` is settled (its directories' pairs were judged as each closed): its series run. */
  private close(family: string): void {
    const indices = (this.settled.get(family) ?? []).sort((a, b) => a - b);
    this.settled.delete(family);
    this.shared.delete(family);
    const files = indices.map((i) => this.files[i] as SeriesFile);
    const indexOf = new Map(files.map((f, k) => [f, indices[k] ?? 0] as const));
    // A family's folders are one series where they are one process's (oneProcessFolders), else each folder its own.
    for (const group of seriesGroups(files, this.series)) this.runSeries(group, indexOf.get(group[0] as SeriesFile) ?? 0);
    for (const i of indices) {
      this.results[i] = this.files[i]?.result;
      this.files[i] = undefined;
    }
  }

  /** The series rules over one group (a directory's files, or one input of several dumps); its problems kept by its first input. */
  private runSeries(group: SeriesGroup, first: number): void {
    dropPairedProfileWarnings(group);
    const errors: HeapdocError[] = [];
    if (this.series) {
      this.foldedByGroup.push({ first, moments: foldMoments(group) });
      oneWarningForUnpairedProfiles(group);
      dropRepeatedFacts(group);
      lintSeries(group, this.active, (error) => errors.push(error));
    }
    const [one] = group;
    const folders = group.flatMap((f) => (f.result.path === undefined ? [] : [path.dirname(f.result.path)]));
    if (errors.length > 0 && one) this.problems.push({ first, errors, input: folders.length === 0 ? one.result.source : commonFolder(folders) });
  }

  /** The inputs folded into a moment another file stands for, and those named as one moment read as two, by directory in input order, each as analyze orders them. */
  get moments(): FoldedMoments {
    const groups = [...this.foldedByGroup].sort((a, b) => a.first - b.first);
    return { folded: groups.flatMap((g) => g.moments.folded), apart: groups.flatMap((g) => g.moments.apart) };
  }

  /** The results in input order; the series' problems go to `problem` with their directory, by directory in input order. */
  finish(problem: (error: HeapdocError, input: string) => void): FileResult[] {
    for (const [dir, left] of this.unsettled) if (left > 0) this.pairs.close(dir);
    for (const family of [...this.settled.keys()]) this.close(family);
    for (const { errors, input } of this.problems.sort((a, b) => a.first - b.first)) for (const error of errors) problem(error, input);
    return this.results.filter((r): r is FileResult => r !== undefined);
  }
}

/** The findings dropRepeatedFacts took from a file: the same fact said at its own line there (oneFindingAt places a series' finding by them). */
const repeatsDropped = new WeakMap<FileResult, LintMessage[]>();

/**
 * The snapshots of one process (a series: `group`) share their GC history, and a finding about that history is one
 * fact however many files repeat it (analyze/rules/repeated-facts.ts: the same pause, or the same
 * fraction after the same cycle). Such a finding is kept in the latest snapshot (by TotalAlloc;
 * input order for files without MemStats) that holds it, with its counts, and dropped from the others, in place,
 * as analyze says it (combine.ts).
 */
export function dropRepeatedFacts(group: SeriesGroup): void {
  const earliest = group.map((f, i) => ({ f, i, at: firstTotalAlloc(f) })).sort((a, b) => a.at - b.at || a.i - b.i);
  // Fragmentation that lasted across GC cycles has a fix of its own (heap-fragmentation.ts), as analyze says it.
  const lasting = lastingFragmentation(earliest.flatMap(({ f }) => f.result.messages));
  if (lasting.size > 0) for (const { f } of earliest) f.result.messages = f.result.messages.map((m) => lasting.get(m) ?? m);
  const repeated = repeatedFacts(earliest.flatMap(({ f }) => f.result.messages));
  if (repeated.size === 0) return;
  for (const { f } of earliest) {
    const dropped = f.result.messages.filter((m) => repeated.has(m));
    if (dropped.length > 0) repeatsDropped.set(f.result, dropped);
    f.result.messages = f.result.messages.filter((m) => !repeated.has(m));
  }
}

/**
 * The rules whose findings are a state a later snapshot supersedes (RuleMeta.latestInSeries:
 * idle-heap-retained) judge one process's series at its latest snapshot: their findings are kept in
 * the files of the latest moment kept (the largest TotalAlloc: a dump, or a paired profile's vars
 * file; not another capture folded into a moment) and dropped from the others, in place. Idle spans of an earlier dump that a later one shows
 * released (samples/go1.21/peak/default: 296.0 MiB idle after the GC and while idle, 32.0 KiB once
 * freed, 302.6 MiB released) were no retention; idle spans the latest dump still holds are one
 * finding, not one per dump. `--separately`, or dumps not of one process, keep each file's own.
 */
function judgedAtLatest(group: readonly SeriesFile[], moments: ReadonlyMap<string, readonly FileResult[]>, active: readonly ActiveRule[]): void {
  const rules = new Set(active.filter((a) => a.rule.meta.latestInSeries === true).map((a) => a.rule.meta.id));
  if (rules.size === 0) return;
  // The latest of the moments kept, as analyze judges its snapshots: not a capture folded into one,
  // whose TotalAlloc, read a moment later, is larger (the heap-leak scenario's 06-t6.vars.json,
  // 846,880,024 beside its heap dump's 845,744,496, took the dump's finding away in a folder).
  const kept = new Set([...moments.values()].flat());
  const latest = largest(group.filter((f) => kept.has(f.result)).map((f) => lastTotalAlloc(f)));
  if (latest === Number.NEGATIVE_INFINITY) return;
  for (const f of group) if (lastTotalAlloc(f) < latest) f.result.messages = f.result.messages.filter((m) => !rules.has(m.ruleId));
}

/** The largest TotalAlloc of a file's snapshots; -Infinity when it has none. */
function lastTotalAlloc(f: SeriesFile): number {
  return largest(f.series.snapshots.map((s) => totalAllocOf(s)).filter((n) => !Number.isNaN(n)));
}

/** A snapshot summary's TotalAlloc; NaN when it has none. */
function totalAllocOf(snapshot: SnapshotSummary): number {
  const at = snapshot.fields.indexOf('TotalAlloc');
  const value = at >= 0 ? snapshot.fields[at + 1] : undefined;
  return typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : Number.NaN;
}

/** The smallest TotalAlloc of a file's snapshots; Infinity when it has none. */
function firstTotalAlloc(f: SeriesFile): number {
  let least = Number.POSITIVE_INFINITY;
  for (const snapshot of f.series.snapshots) {
    const n = totalAllocOf(snapshot);
    if (n < least) least = n;
  }
  return least;
}

/**
 * A binary heap profile saved beside a MemStats source of the same moment — in one directory,
 * paired by name as analyze pairs them (`03-t3.heap.pb.gz` with `03-t3.vars.json`) — lacks
 * nothing: with vars or a scrape the pair is linted as one snapshot (pairs.ts), beside a heap?debug=1
 * dump that dump stands for the moment. Its `no-memstats` would be noise on every
 * capture that saved both, so it is dropped there (in place) and kept on a profile with no pair.
 */
export function dropPairedProfileWarnings(files: readonly SeriesFile[]): void {
  const timed = (f: SeriesFile): { source: string; capturedAtMs: undefined; file: SeriesFile } => ({ source: f.result.source, capturedAtMs: undefined, file: f });
  for (const group of byFolder(files)) {
    const profiles = group.filter((f) => f.result.kind === 'pprof').map(timed);
    const sources = group.filter((f) => SNAPSHOT_FORMATS.includes(f.result.kind) && !f.result.messages.some((m) => m.ruleId === 'no-memstats')).map(timed);
    // A heap?debug=1 dump stands for a profile's moment only when it is of that moment (by name):
    // analyze pairs a profile with vars or a scrape (also as the only ones given), never with a
    // text dump of another moment, and keeps its no-memstats then (--separately or not).
    const byName = pairByName(profiles, sources.filter((s) => s.file.result.kind === 'heap'));
    const rest = profiles.filter((p) => !byName.has(p));
    const withMemStats = pairProfiles(rest, sources.filter((s) => s.file.result.kind !== 'heap'));
    for (const profile of [...byName.keys(), ...withMemStats.keys()]) {
      profile.file.result.messages = profile.file.result.messages.filter((m) => m.ruleId !== 'no-memstats');
    }
  }
  // A profile at the top of a capture and the one /debug/vars or scrape of its stem in another folder (pairByStemElsewhere), as momentInputs pairs them.
  const alone = files.filter((f) => f.result.kind === 'pprof' && f.result.messages.some((m) => m.ruleId === 'no-memstats')).map(timed);
  const memStats = files.filter((f) => SNAPSHOT_FORMATS.includes(f.result.kind) && f.result.kind !== 'heap' && !f.result.messages.some((m) => m.ruleId === 'no-memstats')).map(timed);
  const elsewhere = new Map<(typeof alone)[number], (typeof memStats)[number]>();
  pairByStemElsewhere(alone, memStats, elsewhere, files.filter((f) => f.result.kind === 'heap').map((f) => f.result.source));
  for (const profile of elsewhere.keys()) profile.file.result.messages = profile.file.result.messages.filter((m) => m.ruleId !== 'no-memstats');
}

/**
 * The binary heap profiles of one directory that no MemStats source pairs with (their file stem
 * names no moment that has one: `wheap.1.pb.gz … wheap.5.pb.gz` beside `vars.1.json …`) are one
 * fact about the directory, as analyze says them in one line ("Not in the series: wheap.1.pb.gz,
 * wheap.2.pb.gz, wheap.3.pb.gz and 2 more"): their `no-memstats` warnings become one, at the first
 * of them, naming them all (`scope: series`: a baseline records it at the directory), in place.
 */
export function oneWarningForUnpairedProfiles(files: readonly SeriesFile[]): void {
  for (const group of byFolder(files)) {
    const unpaired = group.filter((f) => f.result.kind === 'pprof' && f.result.messages.some((m) => m.ruleId === 'no-memstats'));
    const [first] = unpaired;
    if (!first || unpaired.length < 2) continue;
    for (const f of unpaired.slice(1)) f.result.messages = f.result.messages.filter((m) => m.ruleId !== 'no-memstats');
    const names = firstOf(unpaired.map((f) => stripControl(snapshotName(f.result.source))), 3);
    first.result.messages = first.result.messages.map((m) => (m.ruleId !== 'no-memstats' ? m : {
      ...m,
      message: `${unpaired.length} binary heap profiles carry no runtime.MemStats and pair by name with no MemStats source beside them: ${names}. Only their allocation sites can be read.`,
      why: `${m.why} A /debug/vars, /metrics or heap?debug=1 file pairs with a profile when its name has the same stem (03-t3.heap.pb.gz with 03-t3.vars.json): none here shares theirs, so heapdoc analyze leaves them out of the series too.`,
      fix: 'Name each profile as the MemStats source of its moment is named (heap.1.pb.gz beside vars.1.json), or save /debug/vars, /metrics or heap?debug=1 with the same stem at each moment.',
      evidence: { profiles: unpaired.length, first: first.result.source, last: unpaired[unpaired.length - 1]?.result.source ?? '' },
      scope: 'series',
    }));
  }
}
