/**
 * Runs lint over the command line's inputs: expands them (directories recursively, globs), keeps
 * the files whose content is a heap or goroutine dump, and lints each on its own in a bounded
 * pool, so thousands of dumps take bounded memory: only findings are kept, never a dump.
 *
 * Then the series rules read the dumps of each directory together (series.ts); a gctrace log,
 * a series in one file, is read by them on its own.
 *
 * A directory or glob may hold anything: a file found that way whose first bytes are not a dump
 * is skipped (only its head is read), unless it is a failed capture (input/pipeline.ts
 * isFailedCapture: an error page or empty file saved as a dump) or a dump saved as UTF-16. A file named on the command line that is not a dump is an
 * unreadable input (exit 2), as in `heapdoc analyze`.
 */
import * as path from 'node:path';
import { goroutineParts, heapParts, sitesOnlyHeap } from '../input/concatenated.js';
import { DETECTION_BYTES } from '../input/detect.js';
import { HeapdocError, inputProblem } from '../input/errors.js';
import { binaryPartProblems, EmptyGcLog, emptyGcLogNote } from '../input/kinds.js';
import { isDirectory, noDumpHere } from '../input/skipped.js';
import { eachInputOf, readInput, turnEvery, yieldToEventLoop, type ReadInput } from '../input/pipeline.js';
import { exposedSnapshotsOf } from '../analyze/exposed.js';
import { heapSnapshot, profileSnapshot } from '../input/snapshot.js';
// The model, not the grammar's index: lint must not load Chevrotain before it reads a dump (test/cli/startup-imports.test.ts).
import { releaseHeapDumps } from '../grammar/heap/model.js';
import { analysisInput } from '../exposition/snapshot.js';
import { isGoroutineKind } from '../input/registry.js';
import { ANALYZE_INPUT_HINTS, type FetchOptions, type InputHints, type InputRef } from '../input/sources.js';
import type { ActiveRule } from './config.js';
import { summarizeGoroutines } from '../analyze/goroutines/index.js';
import type { SnapshotAnalysis } from '../analyze/snapshot.js';
import type { ExposedProcess } from '../exposition/model.js';
import { analyzeGcTrace, gcTraceAnalysisFacts, withGcLogLimit } from '../exposition/gctrace.js';
import { createHeapLinter, goroutineFacts, lintGoroutineDump, lintLogProblems, lintSeriesFacts, sortMessages, type HeapLinter, type LintOptions } from './engine.js';
import { DirectorySeries, summarizeProfile, summarizeSnapshot, summaryStats, type FoldedMoments, type SeriesFile, type SnapshotSummary } from './series.js';
import { markStreamMoments } from '../analyze/moments.js';
import type { FileResult, LintedKind } from './types.js';
import { memStatsHalves, profileHalf } from './pairs.js';
import { FileQueue, lintInWorkers, workerCount, type FileTask } from './workers.js';

export interface RunOptions {
  active: readonly ActiveRule[];
  lint?: LintOptions;
  /** How many inputs are read at once. */
  concurrency: number;
  fetch?: FetchOptions;
  /** Called after each input, with how many are done out of how many. */
  onProgress?: (done: number, total: number) => void;
  /**
   * An input that cannot be read (it still lets the others run), or dumps of a directory that are
   * not of one process (`series`: they were read and linted, without the series rules); `input`:
   * the input (as named or found) or directory it is about.
   */
  onProblem: (error: HeapdocError, input?: string, series?: boolean) => void;
  /** A line that is no problem: an empty GC log beside a dump of NumGC 0 (input/kinds.ts EmptyGcLog). */
  onNote?: (message: string) => void;
  /** Run the series rules (the dumps of each directory together, a gctrace log whole): true unless --separately. */
  series?: boolean;
}

export interface RunOutcome {
  /** One per dump linted, in input order. */
  results: FileResult[];
  /** Some input could not be read at all. */
  failed: boolean;
  /** Files found in directories or globs that are not dumps (a saved HTML error page must not pass unseen). */
  skipped: string[];
  /** Inputs read as other captures of a moment another file stands for, and captures named as one moment read as two (series.ts foldMoments), by name. */
  moments: FoldedMoments;
}

/** What lints one input: the active rules, with the heap rules wrapped once per run. */
interface Linter {
  active: readonly ActiveRule[];
  heap: HeapLinter;
  series: boolean;
  fetch?: FetchOptions;
}

type LinterOptions = Pick<RunOptions, 'active' | 'lint' | 'fetch' | 'series'>;

function createLinter(options: LinterOptions): Linter {
  return { active: options.active, heap: createHeapLinter(options.active, options.lint), series: options.series !== false, ...(options.fetch ? { fetch: options.fetch } : {}) };
}

const WHAT_LINT_READS = 'heapdoc lint reads heap dumps (heap?debug=1), goroutine dumps (goroutine?debug=1 or ?debug=2), /metrics scrapes, /debug/vars, binary heap profiles and GODEBUG=gctrace=1 logs';

/** lint takes what analyze takes; what curl fetches is piped into lint. */
const LINT_INPUT_HINTS: InputHints = {
  ...ANALYZE_INPUT_HINTS,
  fetchWith: (curl) => `pipe it in: ${curl} | heapdoc lint`,
  stdin: { pipe: 'curl -s …/heap?debug=1 | heapdoc lint', files: 'name the files: heapdoc lint DIR' },
};

export async function lintInputs(specs: readonly string[], options: RunOptions): Promise<RunOutcome> {
  const refs: InputRef[] = [];
  /** The indexes of the files each directory or glob of the command line found (walkedBy). */
  const walked = new Map<string, number[]>();
  let failed = false;
  const answered = new Set<string>();
  /** Each file's index in `refs`, by its path: a directory may give a file named before it. */
  const indexOf = new Map<string, number>();
  for await (const { spec, ref, repeated } of eachInputOf([...specs], LINT_INPUT_HINTS)) {
    answered.add(spec);
    if (ref instanceof HeapdocError) {
      options.onProblem(ref, spec);
      failed = true;
      continue;
    }
    const where = ref.type === 'file' ? path.resolve(ref.path) : undefined;
    const index = repeated && where !== undefined ? indexOf.get(where) : refs.length;
    if (ref.type === 'file' && ref.expanded && index !== undefined) {
      const found = walked.get(spec);
      if (found) found.push(index);
      else walked.set(spec, [index]);
    }
    if (repeated) continue;
    if (where !== undefined) indexOf.set(where, refs.length);
    refs.push(ref);
  }
  const linter = createLinter(options);
  const series = new DirectorySeries(refs.map(pathOf), options.active, options.series !== false, linter.heap);
  const skipped: number[] = [];
  let done = 0;
  // Problems are said in the inputs' order, not as threads finish (02 before 01 from run to run):
  // each waits for the inputs before it to settle.
  const told = new Map<number, readonly HeapdocError[]>();
  let nextToTell = 0;
  const tellInOrder = (index: number, errors: readonly HeapdocError[]): void => {
    told.set(index, errors);
    for (; told.has(nextToTell); nextToTell++) {
      const waiting = told.get(nextToTell) ?? [];
      told.delete(nextToTell);
      for (const error of waiting) options.onProblem(error, refs[nextToTell]?.name);
    }
  };
  // Empty GC logs (EmptyGcLog), and a dump that says no GC has run (NumGC 0): the logs are consistent with it.
  const emptyLogs: { index: number; error: HeapdocError }[] = [];
  let noGc: string | undefined;
  const settle = (index: number, result: SeriesFile | undefined): void => {
    if (!result) skipped.push(index);
    noGc ??= result?.series.snapshots.find(ranNoGc)?.source;
    series.settle(index, result);
    // Its binary parts skipped: said as problems, in the inputs' order (exit 2).
    const skippedParts = result?.skippedParts ? binaryPartProblems(result.result.source, result.skippedParts) : [];
    if (skippedParts.length > 0) failed = true;
    tellInOrder(index, skippedParts);
    options.onProgress?.(++done, refs.length);
  };
  const problem = (index: number, error: HeapdocError): void => {
    // Told once every dump is read (below): the inputs after it wait, so that problems stay in the inputs' order.
    if (error instanceof EmptyGcLog) {
      emptyLogs.push({ index, error });
      series.settle(index, undefined);
      options.onProgress?.(++done, refs.length);
      return;
    }
    failed = true;
    series.settle(index, undefined);
    tellInOrder(index, [error]);
    options.onProgress?.(++done, refs.length);
  };
  // Many files: parsed on every core, in worker threads (workers.ts) and in this thread, which
  // takes files from the same queue (it is one of the threads: it has loaded everything already,
  // and its results need no copy across threads). Other inputs are read here only.
  const fileTasks: FileTask[] = refs.flatMap((ref, index) => (onDisk(ref) ? [{ index, ref }] : []));
  const threads = workerCount(fileTasks);
  const files = new FileQueue(threads > 0 ? fileTasks : []);
  const here = threads > 0 ? refs.map((ref, index) => (onDisk(ref) ? -1 : index)).filter((i) => i >= 0) : refs.map((_r, i) => i);
  const pooled = threads > 0
    ? lintInWorkers(files, threads - 1, {
      active: options.active.map(({ rule, severity, options: ruleOptions }) => ({ id: rule.meta.id, severity, options: ruleOptions })),
      lint: options.lint, fetch: options.fetch, series: options.series !== false,
    }, settle, problem)
    : Promise.resolve();
  let next = 0;
  const lintHere = async (i: number, scratch: Buffer): Promise<void> => {
    const ref = refs[i];
    if (!ref) return;
    try {
      settle(i, await lintOne(ref, linter, scratch));
    } catch (error) {
      problem(i, inputProblem(ref.name, error));
    }
  };
  const turn = turnEvery(50);
  const worker = async (): Promise<void> => {
    const scratch = Buffer.allocUnsafe(DETECTION_BYTES);
    for (let k = next++; k < here.length; k = next++) {
      await lintHere(here[k] as number, scratch);
      // Ctrl-C's handler (cli/progress.ts) runs now and then, not only once all are read.
      await turn();
    }
    for (let task = files.take(); task; task = files.take()) {
      await lintHere(task.index, scratch);
      // Files are read synchronously (input/pipeline.ts): without a turn of the event loop the
      // workers' answers, and so their next files, would wait until this thread ran out of files.
      await yieldToEventLoop();
    }
  };
  await Promise.all([pooled, ...Array.from({ length: Math.max(1, Math.min(options.concurrency, here.length)) }, worker)]);
  for (const { index, error } of emptyLogs.sort((a, b) => a.index - b.index)) {
    if (noGc !== undefined) options.onNote?.(emptyGcLogNote(refs[index]?.name ?? String(index), noGc));
    else failed = true;
    tellInOrder(index, noGc !== undefined ? [] : [error]);
  }
  const results = series.finish((error, input) => {
    options.onProblem(error, input, true);
    failed = true;
  });
  // A directory or glob named on the command line in which no file was a dump: a capture step
  // that saved error pages or nothing must not pass because another input was fine (as ESLint
  // fails on a pattern that matches nothing). Also when it is the only input: the line names it
  // (`heapdoc lint $DIR` with an empty $DIR), where "no dump among the inputs" did not.
  const notDumps = new Set(skipped);
  for (const spec of specs) if (!answered.has(spec) && isDirectory(spec)) walked.set(spec, []);
  for (const [spec, found] of walked) {
    if (!found.every((i) => notDumps.has(i))) continue;
    options.onProblem(noDumpHere(spec, found.length, 'heapdoc lint'), spec);
    failed = true;
  }
  // In input order, as the results: worker threads finish in any order.
  return {
    results, failed, skipped: skipped.sort((a, b) => a - b).map((i) => refs[i]?.name ?? String(i)),
    moments: series.moments,
  };
}

/** A dump whose MemStats say no GC has run (NumGC 0): an empty GC log beside it is consistent. */
function ranNoGc(s: SnapshotSummary): boolean {
  for (let i = 0; i + 1 < s.fields.length; i += 2) if (s.fields[i] === 'NumGC') return Number(s.fields[i + 1]) === 0;
  return false;
}

/** A file on disk (not stdin, not a URL): what worker threads read, and what belongs to its directory's series. */
function onDisk(ref: InputRef): ref is Extract<InputRef, { type: 'file' }> {
  return ref.type === 'file' && !ref.stream;
}

/** An input's absolute path when it is a file on disk (what SeriesFile's `result.path` holds), else undefined. */
function pathOf(ref: InputRef): string | undefined {
  return onDisk(ref) ? path.resolve(ref.path) : undefined;
}

/** Lints one input at a time with the run's rules (what a lint worker thread runs). */
export function fileLinter(options: LinterOptions): (ref: InputRef) => Promise<SeriesFile | undefined> {
  const linter = createLinter(options);
  const scratch = Buffer.allocUnsafe(DETECTION_BYTES);
  return (ref) => lintOne(ref, linter, scratch);
}

/**
 * Lints one input, with what the series keeps of it; undefined when a directory walk found a file
 * that is not a dump. `scratch` is a reusable buffer of DETECTION_BYTES.
 */
async function lintOne(ref: InputRef, linter: Linter, scratch?: Buffer): Promise<SeriesFile | undefined> {
  const input = await readInput(ref, {
    // A failed capture a walk found (a 404 page saved as heap.txt) is an unreadable input, as in analyze: CI must not pass.
    accepts: ['memstats', 'sites', 'goroutines', 'gc-events'], commandReads: WHAT_LINT_READS, failedCaptures: true,
    ...(linter.fetch ? { fetch: linter.fetch } : {}), ...(scratch ? { scratch } : {}),
  });
  if (!input) return undefined;
  const file = lintRead(input, pathOf(ref), linter);
  // Binary data inside the text was skipped (input/binary.ts): the dumps around it are linted, the part is a problem of the input.
  if (input.binaryParts) file.skippedParts = input.binaryParts;
  return file;
}

function lintRead(input: ReadInput, file: string | undefined, linter: Linter): SeriesFile {
  const source = input.ref.name;
  const kind = input.kind as LintedKind;
  const base = { source, ...(file !== undefined ? { path: file } : {}), ...(input.compressed ? { compressed: true as const } : {}), kind, suppressed: [] };
  const series: SeriesFile['series'] = { kind, snapshots: [], profiles: [], goroutines: [] };
  // What the series keeps of each snapshot with MemStats (series.ts decides which formats it reads).
  // `name`: how the series names the snapshot (NAME:LINE for one of several dumps in one file).
  // `origin`: a /debug/vars or /metrics snapshot (a binary profile pairs with it as analyze pairs them: series.ts).
  // `process`: what a scrape says of its process (its RSS: the file kept for its moment learns it, series.ts members).
  const keep = (analysis: SnapshotAnalysis, name = analysis.source, process?: ExposedProcess): void => {
    const summary = linter.series ? summarizeSnapshot(kind === 'expvar' || kind === 'prometheus' ? { ...analysis, origin: kind, ...(process ? { process } : {}) } : analysis) : undefined;
    // A scrape of a page of several processes is named with its target: a series per target says whose it is.
    if (summary) series.snapshots.push({ ...summary, source: summary.target && !name.includes(summary.target) ? `${name}{${summary.target}}` : name });
  };
  // A binary heap profile: its sites go with the MemStats of its moment in the series (series.ts momentsOf).
  const keepProfile = (analysis: SnapshotAnalysis): void => {
    if (linter.series) series.profiles.push(summarizeProfile(analysis));
  };
  // A heap?debug=1 dump without MemStats is such a profile's half of its moment (pairs.ts), as analyze pairs it.
  const sitesOnly = sitesOnlyHeap(input, source);
  if (sitesOnly) {
    const messages = linter.heap(source, heapSnapshot(sitesOnly.dump), sitesOnly.diagnostics, keepProfile);
    const halves = [profileHalf(source, sitesOnly.dump, undefined)];
    releaseHeapDumps([sitesOnly.dump]);
    return { result: { ...base, messages }, series, halves };
  }
  // Dumps concatenated in one file are linted one by one; their findings are the file's.
  if (input.heap) {
    const messages = heapParts(input, source).flatMap((part) => linter.heap(source, heapSnapshot(part.dump), part.diagnostics, (analysis) => keep(analysis, part.source)));
    // Only findings and plain summaries are kept: the dumps' frame tables serve the next file.
    releaseHeapDumps(input.heaps ?? [input.heap]);
    // A stream of several kinds (`cat snap*.txt | heapdoc lint -`): its goroutine dumps are linted
    // too, and its documents read as the moments analyze reads (a heap/allocs pair of one GC cycle, one).
    if (input.documents) {
      const goroutines = goroutineParts(input, source).map((part) => ({ part, summary: summarizeGoroutines(part.dump, part.source) }));
      for (const { part, summary } of goroutines) {
        if (isGoroutineKind(summary.kind)) messages.push(...lintGoroutineDump(goroutineFacts(source, summary.kind, part.dump, summary), part.diagnostics, linter.active));
      }
      if (linter.series) {
        markStreamMoments(source, series.snapshots, summaryStats, goroutines.map((g) => g.summary));
        series.goroutines.push(...goroutines.map((g) => g.summary));
        series.documents = true;
      }
    }
    return { result: { ...base, messages }, series };
  }
  // A /metrics page or /debug/vars: each MemStats snapshot is linted as a snapshot without sites
  // (the problems once, with the first); a binary profile alone, as sites without MemStats.
  // (Also when it could not be read at all, a truncated vars document: its problems are its findings.)
  if (input.metrics || input.vars || input.varsDocuments || kind === 'expvar' || kind === 'prometheus') {
    const { snapshots, diagnostics } = exposedSnapshotsOf(input, source);
    const problems = [...input.diagnostics, ...diagnostics];
    const inputs = snapshots.length > 0 ? snapshots.map((s) => analysisInput(s)) : [{ memStats: undefined, sites: undefined, lineCount: 0, exposed: kind === 'expvar' ? 'expvar' as const : 'prometheus' as const }];
    // Its MemStats are half of a moment a binary profile beside it may pair with (pairs.ts).
    // Each snapshot as analyze names it: `m.txt#2` for a page's second scrape (exposition/prometheus.ts snapshotOfScrape).
    return {
      result: { ...base, messages: inputs.flatMap((snapshot, i) => linter.heap(source, snapshot, i === 0 ? problems : [], (analysis) => keep(analysis, snapshots[i]?.source ?? analysis.source, snapshots[i]?.process))) },
      series, halves: memStatsHalves(snapshots),
    };
  }
  // Its sites are half of a moment the MemStats beside it may pair with (pairs.ts).
  if (input.profile) {
    const { sites, capturedAtMs } = input.profile;
    return { result: { ...base, messages: linter.heap(source, profileSnapshot(sites), input.diagnostics, keepProfile) }, series, halves: [profileHalf(source, sites, capturedAtMs)] };
  }
  // A binary goroutine profile (kind pprof) is read as its debug=1 text; a GC log's goroutines
  // are the crash its program printed (input/gclog.ts), linted as a crash's output is.
  const goroutineKind = isGoroutineKind(kind) ? kind : kind === 'pprof' ? 'goroutine' : kind === 'gctrace' ? 'goroutine-traceback' : undefined;
  const messages = input.goroutines && goroutineKind ? goroutineParts(input, source).flatMap((part) => {
    const summary = summarizeGoroutines(part.dump, part.source);
    if (linter.series) series.goroutines.push(summary);
    return lintGoroutineDump(goroutineFacts(source, goroutineKind, part.dump, summary), part.diagnostics, linter.active);
  }) : [];
  // A GC log's own problems (its crash's parts hold them when it has one): one of two processes
  // interleaved gives no log to judge (input/gclog.ts), and its error is what lint says of it.
  if (kind === 'gctrace' && !input.goroutines) messages.push(...lintLogProblems(input.diagnostics, source, linter.active));
  // A gctrace log is a whole series in one file: the series rules read it here. Its verdict is
  // kept to be weighed against the dumps of its directory, as analyze weighs them (series.ts).
  if (input.gcLog && linter.series) {
    // memory-limit-pressure's `gomemlimit` (--gomemlimit) is the limit the process ran with, as analyze's --gomemlimit: where the log's heap stood against it.
    const limit = linter.active.find((a) => a.rule.meta.id === 'memory-limit-pressure')?.options.gomemlimit;
    const log = withGcLogLimit(analyzeGcTrace(input.gcLog, source), typeof limit === 'number' ? { bytes: limit, origin: 'flag' } : undefined);
    series.gcTrace = { source: log.source, cycles: log.cycles, verdict: log.verdict, gcNumbers: log.gcNumbers, stwMs: log.stwMs, stwUnitMs: log.stwUnitMs };
    return { result: { ...base, messages: sortMessages([...messages, ...lintSeriesFacts(gcTraceAnalysisFacts(log), source, linter.active)]) }, series };
  }
  return { result: { ...base, messages }, series };
}
