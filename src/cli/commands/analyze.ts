/**
 * `heapdoc [analyze] INPUT…`: parse and analyze heap dumps, print the report.
 * Each input is read on its own; a bad one is reported on stderr and the others still are.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { parseSortKey, sortByMeasure, sortMeasure, SORT_KEYS, type SortKey } from '../../analyze/sort.js';
import { parseGoVersion } from '../../input/goversion.js';
import { analyzeSnapshot, withGivenRss, withReportedLimit, withReportedRss, withSeriesGoVersion, type AnalyzeOptions, type SnapshotAnalysis } from '../../analyze/snapshot.js';
import { combineReport, separateVerdictWithLogs, withOtherRunLogs, withProcessLogs } from '../../analyze/combine.js';
import { apartNote, foldedNote, markStreamMoments, oneSnapshotPerMoment, reportedByMoment, reportedByProcess, samplesNote } from '../../analyze/moments.js';
import { reportedLimit } from '../../analyze/memlimit.js';
import { ExposedInputs, foldLogLeak, gcLogLimit, gcTraceVerdict, otherRunOfLog } from '../../analyze/exposed.js';
import { forcedTimerBeside } from '../../analyze/forcedgcs.js';
import type { GcTraceAnalysis } from '../../exposition/gctrace.js';
import { summarizeGoroutines, type GoroutineSummary } from '../../analyze/goroutines/index.js';
import { hasErrors, type Diagnostic } from '../../grammar/common/diagnostic.js';
import { HeapdocError, HeapdocProblems, inputProblem } from '../../input/errors.js';
import { pairsInOneLine } from '../../analyze/series/runs.js';
import { NotOneProgram, orderByTotalAlloc, runEach } from '../../analyze/series/index.js';
import { parseRssFile, rssReadingOf, type RssReading } from '../../input/rssfile.js';
import { concatenationNote, goroutineParts, heapParts, sitesOnlyHeap } from '../../input/concatenated.js';
import { binaryPartProblems, EmptyGcLog, emptyGcLogNote, wrongKind } from '../../input/kinds.js';
import { heapSnapshot } from '../../input/snapshot.js';
import { isDirectory, noDumpHere, skippedFiles } from '../../input/skipped.js';
import { defaultInputs, eachInput, readInput, turnEvery } from '../../input/pipeline.js';
import type { Feed } from '../../input/registry.js';
import { DEFAULT_FETCH_OPTIONS, expandInputs, openInput, timeoutMsOf, type FetchOptions, type InputHints, type InputRef } from '../../input/sources.js';
import { reportJsonParts } from '../../report/json.js';
import { maybeRunTui, tuiMayRun } from '../../tui/index.js';
import type { AnalyzeReport, EscapeJoin } from '../../analyze/report.js';
import type { StackLocalsWords } from '../../analyze/escape/frames.js';
import { isSeriesFinding } from '../../analyze/rules/series.js';
import { withAppendsBeside, withCompilerKeepers } from '../../analyze/rules/leak-advice.js';
import { sourceLines, sourceRoots } from '../../input/sourceline.js';
import type { Finding } from '../../analyze/rules/rule.js';
import type { SiteTrend } from '../../analyze/series/model.js';
import type { AllocationSite } from '../../analyze/profile.js';
import { reportMarkdown } from '../../report/markdown.js';
import { reportText } from '../../report/text.js';
import { formatBytes, parseBytes } from '../../text/units.js';
import { stripControl } from '../../text/sanitize.js';
import { createProgress, type Progress } from '../progress.js';
import { parseTargetSelector, type TargetSelector } from '../../exposition/targets.js';
import { groupLine, problemGroups, type InputProblem } from '../../input/problems.js';
import { outputOption, printDiagnostics, printNote, printProblem, printSkipped, refuseOutputOverInputs } from '../output.js';
import { reportColors, reportWidth, writeReport } from '../../report/write.js';
import { appendAll } from '../../common/arrays.js';
import { closeMatches } from '../../common/suggest.js';
import { COMMAND_NAMES } from '../argv.js';
import { gomemlimitOption, sizeFlag, topSites } from '../numbers.js';

export interface AnalyzeFlags {
  format?: 'text' | 'json' | 'markdown';
  goVersion?: string;
  rss?: string;
  gomemlimit?: string;
  top: string;
  timeout: string;
  maxBytes: string;
  interval?: string;
  separately?: boolean;
  failOn?: 'leak';
  escape?: string;
  output?: string;
  sort?: SortKey;
  target?: string;
}

/** The options that say how to read and analyze the inputs: analyze's, and the tui command's. */
export function readingOptions(command: Command): Command {
  return command
    .option('--go-version <version>', 'the Go version of the process (e.g. 1.21); inferred from the dump when possible')
    .option('--rss <size|file>', "the process RSS when the dump was taken: 48MiB, 109824kB, or the VmRSS line of /proc/PID/status pasted whole (a bare number is bytes); with several snapshots, the latest's only. Or a file of VmRSS lines, one per snapshot, each naming its dump or t=NN ('t=06 VmRSS: 27784 kB' for heap-t06.txt): the RSS of every snapshot")
    .addOption(gomemlimitOption())
    .addOption(sortOption())
    .option('--top <n>', 'allocation sites to list per dump (0: all)', '10')
    .option('--timeout <seconds>', 'give up on a URL after this long', String(DEFAULT_FETCH_OPTIONS.timeoutMs / 1000))
    .option('--max-bytes <bytes>', 'refuse URL responses larger than this', '512MiB')
    .option('--escape <file>', 'go build -gcflags=-m (or -m=2) output to join with the allocation sites')
    .option('--separately', 'analyze each dump on its own instead of as snapshots of one process')
    .option('--target <labels>', "keep the scrapes of one process of /metrics pages holding several (a Prometheus /federate page): job=NAME,instance=HOST:PORT (either, or both)")
    .option('--interval <duration>', 'time between consecutive snapshots (e.g. 4s, 1m), for allocation rates per second');
}

export function registerAnalyze(program: Command): void {
  const command = program
    .command('analyze', { isDefault: true })
    .description('explain where the memory is: heap dumps (heap?debug=1, allocs?debug=1), /metrics scrapes, /debug/vars, gctrace logs and .pb.gz profiles, with goroutine dumps and series (the default command)')
    .argument('[inputs...]', 'files, directories, globs, - for stdin, or http(s) URLs; with none, a piped stdin')
    .addOption(new Option('-f, --format <format>', 'report format (default: text)').choices(['text', 'json', 'markdown']))
    .addOption(outputOption());
  readingOptions(command)
    .addOption(new Option('--fail-on <verdict>', 'exit 1 when the verdict is a suspected leak (for CI)').choices(['leak']))
    .addHelpText('after', `
Examples:
  curl -s http://127.0.0.1:6060/debug/pprof/heap?debug=1 | heapdoc
  heapdoc http://127.0.0.1:6060/debug/pprof/heap?debug=1
  heapdoc dump.txt --format json | jq .verdict
  heapdoc dump.txt --format markdown -o report.md
  heapdoc dump.txt --rss 48MiB --go-version 1.15
  heapdoc gc1/ --rss rss.txt                     # each snapshot's RSS: a line each, 't=06 VmRSS: 27784 kB' for heap-t06.txt
  heapdoc dump.txt --sort alloc-space            # or pprof's -sample_index names: alloc_space
  curl -s 'http://127.0.0.1:6060/debug/pprof/heap?gc=1&debug=1' > snap1.txt   # ?gc=1: a GC first, the live heap
  heapdoc snap1.txt snap2.txt snap3.txt          # snapshots of one process (each taken so): what grows?
  heapdoc federate-*.txt --target job=api        # one process's scrapes of /federate pages
  cat snap*.txt | heapdoc                        # the same: concatenated dumps (heap, allocs, goroutine) are split
  heapdoc heap.txt goroutine.txt                 # a heap dump with its goroutine dump
  heapdoc heap.txt --escape m.txt                # why do the top sites allocate? (go build -gcflags=-m=2 2> m.txt)
  curl -s http://127.0.0.1:2112/metrics | heapdoc  # a Prometheus scrape: MemStats, Go version and RSS
  heapdoc vars-1.json vars-2.json vars-3.json    # /debug/vars of one process over time
  heapdoc heap.pb.gz vars.json                   # a binary profile with the MemStats of the same moment
  GODEBUG=gctrace=1 ./prog 2> gc.log; heapdoc gc.log   # the live heap after every GC: leak or peak?

Exit codes: 0 success; 1 with --fail-on leak when the verdict is "suspected"; 2 usage error,
unreadable input, or an input with an error diagnostic (2 wins over 1).`)
    .action(async (inputs: string[], flags: AnalyzeFlags) => {
      await runAnalyze(inputs, flags);
    });
}

/** `--sort KEY` for analyze and diff: the order of the allocation sites. */
export function sortOption(): Option {
  return new Option('--sort <order>', `order the allocation sites by ${SORT_KEYS.join(', ')} (default inuse-space; pprof's -sample_index names such as alloc_space work too)`)
    .argParser((value: string) => {
      const key = parseSortKey(value);
      if (key === undefined) throw new InvalidArgumentError(`use ${SORT_KEYS.join(', ')} (or inuse_space, alloc_objects…).`);
      return key;
    });
}

/** `4s`, `1.5m`, `250ms`, `2h`, or plain seconds. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!m) return undefined;
  const scale = { ms: 0.001, s: 1, m: 60, h: 3600 }[m[2] ?? 's'] ?? 1;
  return Number(m[1]) * scale;
}

/** --rss FILE: its name as given and its readings (input/rssfile.ts). */
interface RssFile {
  name: string;
  readings: RssReading[];
}

/**
 * --rss: a size, or a file of VmRSS lines (input/rssfile.ts) when it is no size and names a file
 * (a size's own error otherwise). A size's process facts go to options.process, as --gomemlimit's.
 */
function rssFlag(value: string, options: AnalyzeOptions): RssFile | undefined {
  try {
    // A line of /proc/PID/status pasted whole (`VmRSS:   109824 kB`) is read as its number and unit.
    const size = sizeFlag('rss', value, value.replace(/^\s*[A-Za-z_]+:/, ''));
    options.process = { ...options.process, rss: size.bytes, ...(size.unit ? {} : { rssWithoutUnit: true }) };
    return undefined;
  } catch (error) {
    if (!existsSync(value) || isDirectory(value)) throw error;
    return { name: value, readings: parseRssFile(readFileSync(value, 'utf8'), value) };
  }
}

function parseFlags(flags: AnalyzeFlags): { options: AnalyzeOptions; rssFile: RssFile | undefined; fetch: FetchOptions; top: number; intervalSeconds: number | undefined } {
  const options: AnalyzeOptions = { process: {} };
  if (flags.goVersion !== undefined) {
    const v = parseGoVersion(flags.goVersion);
    if (!v) throw new HeapdocError(`--go-version ${flags.goVersion}: not a Go version`, 'write it as 1.21 or go1.21.5');
    options.goVersion = v;
  }
  const rssFile = flags.rss === undefined ? undefined : rssFlag(flags.rss, options);
  if (flags.gomemlimit !== undefined) options.process = { ...options.process, gomemlimit: sizeFlag('gomemlimit', flags.gomemlimit).bytes };
  const top = topSites(flags.top);
  const timeoutMs = timeoutMsOf(flags.timeout);
  const maxBytes = parseBytes(flags.maxBytes);
  if (maxBytes === undefined) throw new HeapdocError(`--max-bytes ${flags.maxBytes}: not a size`);
  let intervalSeconds: number | undefined;
  if (flags.interval !== undefined) {
    intervalSeconds = parseDuration(flags.interval);
    if (intervalSeconds === undefined) throw new HeapdocError(`--interval ${flags.interval}: not a duration`, 'write it as 4s, 1.5m or 250ms');
    // A duration of zero is one, but no time between snapshots: no rate per second can come of it.
    if (intervalSeconds <= 0) throw new HeapdocError(`--interval ${flags.interval}: the time between snapshots must be greater than 0`, 'write it as 4s, 1.5m or 250ms');
  }
  return { options, rssFile, fetch: { ...DEFAULT_FETCH_OPTIONS, timeoutMs, maxBytes }, top, intervalSeconds };
}

export interface LoadedSnapshots {
  snapshots: SnapshotAnalysis[];
  /** GODEBUG=gctrace=1 logs, each a series of its own. */
  gcTraces: GcTraceAnalysis[];
  goroutines: GoroutineSummary[];
  diagnostics: Diagnostic[];
  /** An input could not be read at all. */
  failed: boolean;
  /** Each input that could not be read, as printed on stderr: the UI lists them with the diagnostics (stderr is behind its screen). */
  unread: Diagnostic[];
  /**
   * The problems of the goroutine dumps and GC logs (a cut end among them, `cut: true`): no
   * snapshot holds them, and the report lists them with the snapshots' (JSON `diagnostics`).
   */
  unheld: Diagnostic[];
  /** The files read as inputs (not those a directory walk skipped): --output must not replace one. */
  read: string[];
  /** The files a directory walk or glob found that are not of a kind the command reads, in input order. */
  skipped: string[];
  /** Every input's name, in the order read (a directory's files in its walk's order): --separately lists the folders in it. */
  names: string[];
  /** The goroutine dumps named one by one or read from a stream: their place is the one they were given in (CombineOptions.givenOrder). */
  givenOrder: Set<string>;
}

/**
 * Keeps that an input could not be read in `unread` (LoadedSnapshots.unread), and says it: at once
 * when no input is named (a path that matched nothing), else in `said`, said once all are read,
 * inputs that failed alike as one line (input/problems.ts, as lint says them).
 */
function reportUnread(unread: Diagnostic[], said: InputProblem[], source: string | undefined, message: string, hint?: string, quiet = false): void {
  if (!quiet && source === undefined) printProblem(message, hint);
  else if (!quiet) said.push({ message, hint, input: source });
  const named = source !== undefined && message.startsWith(`${source}: `);
  unread.push({ source: source ?? 'heapdoc', line: 0, column: 0, severity: 'error', message: named ? message.slice(source.length + 2) : message, ...(hint ? { hint } : {}) });
}

/** What a command reads: the feeds it takes, and how the line refusing another kind says so (ReadOptions). */
export interface CommandReads {
  accepts: readonly Feed[];
  commandReads: string;
  /** How the hints for an input that cannot be read say what to do (expandInputs); analyze's by default. */
  hints?: InputHints;
  /**
   * The command takes one dump an input and refuses an input of several itself (diff): no note
   * that each of several concatenated dumps is read as a snapshot of its own.
   */
  oneDumpEach?: boolean;
}

/** What analyze reads, said as `command` (`heapdoc tui`: the command the user ran) names itself. */
function analyzeReads(command = 'heapdoc analyze'): CommandReads {
  return {
    accepts: ['memstats', 'sites', 'goroutines', 'gc-events'],
    commandReads: `${command} reads heap dumps (heap?debug=1), goroutine dumps, /metrics, /debug/vars, gctrace logs and binary heap profiles`,
  };
}

/**
 * Reads every input (as given: see defaultInputs); a failing input is reported and skipped, never
 * the end of the batch. `target`: --target; `reads`: what the command takes (analyze's by default);
 * `quiet`: nothing printed (an input read for a hint only), the problems kept in `unread`.
 */
export async function loadSnapshots(inputs: string[], options: AnalyzeOptions, fetch: FetchOptions, { target, reads = analyzeReads(), quiet = false }: { target?: TargetSelector | undefined; reads?: CommandReads; quiet?: boolean } = {}): Promise<LoadedSnapshots> {
  const snapshots: SnapshotAnalysis[] = [];
  const goroutines: GoroutineSummary[] = [];
  const diagnostics: Diagnostic[] = [];
  const exposed = new ExposedInputs(options, target);
  const progress = createProgress();
  const unread: Diagnostic[] = [];
  // The inputs that could not be read, said once all are read (reportUnread).
  const said: InputProblem[] = [];
  const unheld: Diagnostic[] = [];
  const read: string[] = [];
  const skipped: string[] = [];
  const names: string[] = [];
  const givenOrder = new Set<string>();
  let failed = false;
  // Empty GC logs (EmptyGcLog): an input that failed unless a dump read says no GC has run.
  const emptyLogs: { name: string; error: EmptyGcLog }[] = [];
  const turn = turnEvery(50);
  try {
    for await (const ref of eachInput(inputs, reads.hints)) {
      // Inputs are read synchronously: a turn now and then lets Ctrl-C's handler run (cli/progress.ts).
      await turn();
      if (ref instanceof HeapdocError) {
        reportUnread(unread, said, undefined, ref.message, ref.hint, quiet);
        failed = true;
        continue;
      }
      names.push(ref.name);
      try {
        const input = await readInput(ref, {
          accepts: reads.accepts, commandReads: reads.commandReads, reader: reads.hints?.command, fetch, failedCaptures: true,
          onProgress: (bytesRead) => sayReading(bytesRead, ref, progress),
          // A /metrics input's scrapes are analyzed as they are read: a long series is never held whole.
          sinks: () => exposed.sinks(ref.name),
        });
        // A directory or glob may hold other files: said after the run, as lint says them.
        if (!input) {
          skipped.push(ref.name);
          continue;
        }
        if (ref.type === 'file') read.push(ref.path);
        // Binary data inside the text was skipped (input/binary.ts): the dumps around it are read, the part is a problem of the input (exit 2).
        // The first few each on its own line, the rest as one.
        for (const part of binaryPartProblems(ref.name, input.binaryParts ?? [])) {
          reportUnread(unread, said, ref.name, part.message, part.hint, quiet);
          failed = true;
        }
        appendAll(diagnostics, input.diagnostics);
        const streamed = { heaps: [] as SnapshotAnalysis[], goroutines: [] as GoroutineSummary[] };
        for (const part of goroutineParts(input, ref.name)) {
          const summary = summarizeGoroutines(part.dump, part.source);
          goroutines.push(summary);
          streamed.goroutines.push(summary);
          // Named one by one, or a document of a stream: its place is the one it was given in (goroutines/order.ts).
          if (!(ref.type === 'file' && ref.expanded === true)) givenOrder.add(summary.source);
          appendAll(unheld, part.diagnostics);
        }
        if (input.kind === 'gctrace' && !input.goroutines) appendAll(unheld, input.diagnostics); // a crash's goroutines held them
        // A dump without MemStats is a profile's half of its moment: it pairs as a binary profile does.
        const sitesOnly = sitesOnlyHeap(input, ref.name);
        if (sitesOnly) exposed.addProfile(sitesOnly.source, sitesOnly.dump, undefined, sitesOnly.diagnostics, heapSnapshot(sitesOnly.dump));
        else {
          for (const part of heapParts(input, ref.name)) {
            const snapshot = analyzeSnapshot(part.source, heapSnapshot(part.dump), part.diagnostics, options);
            snapshots.push(snapshot);
            streamed.heaps.push(snapshot);
          }
        }
        // A stream of several kinds: its documents' moments, which no name tells.
        if (input.documents) markStreamMoments(ref.name, streamed.heaps, (s) => s.stats, streamed.goroutines);
        const note = reads.oneDumpEach === true ? undefined : concatenationNote(input, ref.name);
        if (note !== undefined && !quiet) printNote(note);
        if (input.metrics || input.vars || input.varsDocuments || input.profile || input.gcLog || (['prometheus', 'expvar', 'gctrace', 'pprof'].includes(input.kind) && !input.goroutines)) {
          const added = exposed.add(input, ref.name);
          appendAll(diagnostics, added.diagnostics);
          // A metrics page, vars file, log or profile that gave nothing to analyze: its errors say
          // why, or, when it has none (a page of comments only), this line does.
          if (!added.kept) {
            if (!hasErrors(input.diagnostics) && !hasErrors(added.diagnostics)) reportUnread(unread, said, ref.name, ...nothingToAnalyze(ref.name, input.kind), quiet);
            failed = true;
          }
        }
      } catch (error) {
        // An empty GC log: consistent beside a dump of NumGC 0 (a program that has run no GC printed none), told once all are read.
        if (error instanceof EmptyGcLog) {
          emptyLogs.push({ name: ref.name, error });
          if (ref.type === 'file') read.push(ref.path);
          continue;
        }
        const problem = inputProblem(ref.name, error);
        if (ref.type === 'file') read.push(ref.path); // a damaged dump is still the only copy
        exposed.abandon(); // what was streamed of the input that failed is not kept
        reportUnread(unread, said, ref.name, problem.message, problem.hint, quiet);
        failed = true;
      }
    }
    const noGc = snapshots.find((s) => s.stats?.int('NumGC') === 0);
    for (const { name, error } of emptyLogs) {
      if (noGc) {
        if (!quiet) printNote(emptyGcLogNote(name, noGc.source));
        continue;
      }
      reportUnread(unread, said, name, error.message, error.hint, quiet);
      failed = true;
    }
  } finally {
    progress.clear();
    for (const group of problemGroups(said)) printProblem(groupLine(group), group.problem.hint);
  }
  // The heap dumps read so far: a binary profile of one's stem is that dump's to claim by its samples (moments.ts dumpOfSamples).
  snapshots.push(...exposed.analyze(snapshots.filter((s) => s.profile.format !== undefined).map((s) => s.source)));
  diagnostics.push(...exposed.pairingProblems);
  return { snapshots, gcTraces: exposed.gcTraces, goroutines, diagnostics, failed, unread, unheld, read, skipped, names, givenOrder };
}

/** Why an input of a kind analyze reads gave it nothing, when the reader found no error to say so: the message and the hint. */
function nothingToAnalyze(source: string, kind: string): [string, string] {
  return kind === 'prometheus'
    ? [`${source}: no Go memory metrics in this /metrics page (no go_memstats_* sample, nor a runtime/metrics one)`,
      "scrape a Go program whose registry has the Go collector (client_golang's default registry has it)"]
    : [`${source}: nothing here heapdoc can analyze`, 'pass a heap?debug=1 dump, a /metrics page, /debug/vars, a gctrace log or a binary heap profile'];
}

/** A `reading NAME: 48.0 MiB…` line on a terminal's stderr while an input streams (a large dump, a slow URL), past its first 4 MiB. */
function sayReading(bytesRead: number, ref: InputRef, progress: Progress): void {
  if (bytesRead > 4 * 1024 * 1024) progress.say(`reading ${stripControl(ref.name)}: ${formatBytes(bytesRead)}…`);
}

/**
 * Findings listed per list (heap values moved, escaping, leaks) for the terminal UI's escape
 * view; the rest are counted ("N more findings were counted but not listed"). Past it the
 * explanations are held without their steps: the whole -m=2 output of std lists 18,000 heap
 * values, and every one kept with its steps took ~1.4 GiB.
 */
const TUI_FINDINGS = 5000;

/** Reads the compiler output of --escape and joins it with the snapshots' allocation sites. */
async function readEscapeJoin(spec: string, snapshots: readonly SnapshotAnalysis[], goroutines: readonly GoroutineSummary[], fetch: FetchOptions, listFindings: boolean, specs: readonly string[]): Promise<{ join: EscapeJoin; diagnostics: Diagnostic[]; file: string | undefined; stackLocals: StackLocalsWords[] }> {
  const [{ EscapeAnalyzer, EscapeIndexBuilder, matchFile, sourceStatements }, { GcflagsReader }, { escapeFeed, joinSnapshots, siteFileCoverage, wantedLines }, { stackLocalsWords }] = await Promise.all([
    import('../../analyze/escape/index.js'),
    import('../../grammar/gcflags/index.js'),
    import('../../analyze/escape/sites.js'),
    import('../../analyze/escape/frames.js'),
  ]);
  const refs = await expandInputs([spec]);
  const ref = refs[0];
  if (!ref || refs.length > 1) throw new HeapdocError(`--escape ${spec}: expected one file of compiler output`, 'save it with: go build -gcflags=-m=2 ./... 2> m.txt');
  const input = await openInput(ref, fetch);
  if (input.detection.kind !== 'escape') throw wrongKind(`--escape ${ref.name}`, input.detection, '--escape takes go build -gcflags=-m output');
  // The findings are listed only by the terminal UI's escape view (the reports print the counts):
  // without it none is made, and every explanation is held without its steps (HeldExplanation)
  // rather than kept whole until its package ends.
  // The program's source beside the compiler output (its ./main.go) or the dumps tells a looping defer's closure from a go statement's.
  const statementAt = sourceStatements(sourceLines(sourceRoots([spec, ...specs])));
  const analyzer = new EscapeAnalyzer({ messageCauses: false, limit: listFindings ? TUI_FINDINGS : 0, statementAt });
  // Only the lines the sites (and, for the UI, every frame shown) will look up are indexed: all of -m=2 std would take ~2 GB.
  const indexBuilder = new EscapeIndexBuilder(wantedLines(snapshots, { frames: listFindings, goroutines }), statementAt);
  // Both stream: no message is kept; the index keeps where the analysis placed each (escapeFeed).
  const reader = new GcflagsReader(ref.name, { keep: false, ...escapeFeed(analyzer, indexBuilder) });
  for await (const text of input.text) reader.push(text);
  const read = reader.end();
  const index = indexBuilder.finish();
  const sites = joinSnapshots(index, snapshots);
  const coverage = siteFileCoverage(index, snapshots);
  // The program's goroutines are its code too: sites all in the standard library (go1.19-audit44-bigframes) are no other program's sign.
  const groupsCovered = goroutines.some((d) => d.groups.some((g) => g.file !== undefined && matchFile(index, g.file, g.function).status !== 'none'));
  if (coverage.files.length > 0 && coverage.covered === 0 && !groupsCovered) {
    const some = coverage.files.slice(0, 3).map((f) => f.split(/[\\/]/).slice(-2).join('/')).join(', ');
    printNote(`--escape ${stripControl(ref.name)} covers none of the allocation sites' files (${stripControl(some)}${coverage.files.length > 3 ? ', …' : ''}): it is the compiler output of another program or package — build the program the dump came from with go build -gcflags=-m=2 2> m.txt`);
  }
  const bySite = new Map([...sites].filter(([, s]) => s.diagnostics.length > 0).map(([site, s]) => [site, s.diagnostics] as const));
  // What the compiler says of the locals of a group whose stacks are large frames (escape/frames.ts).
  const stackLocals = goroutines.flatMap((d) => stackLocalsWords(index, ref.name, d.groups) ?? []);
  return { join: { source: ref.name, analysis: analyzer.finish(read, ref.name), bySite, sites, ...(listFindings ? { index } : {}) }, diagnostics: read.diagnostics, file: ref.type === 'file' ? ref.path : undefined, stackLocals };
}

/**
 * The commands a first word that is no file was likely meant to be (`heapdoc lnit dumps/`): analyze
 * is the default command, so a mistyped one would otherwise be read as a missing dump, and the rest
 * of the line, meant for another command, analyzed.
 */
function mistypedCommand(first: string | undefined): string[] {
  // A command's own name reaches analyze only after `--` (heapdoc -- tui): a file was meant.
  if (first === undefined || !/^[a-z]+$/i.test(first) || existsSync(first) || (COMMAND_NAMES as readonly string[]).includes(first)) return [];
  return closeMatches(first, COMMAND_NAMES);
}

/**
 * Why no input gave a dump: each directory of the command line named, with how many files it
 * holds (all skipped), as lint names it (`heapdoc analyze $DIR` with an empty $DIR); else one line
 * for the inputs (a glob that found only other files).
 */
function noDumpAmong(specs: readonly string[], skipped: readonly string[], command: string): void {
  const directories = specs.filter(isDirectory);
  if (directories.length === 0) {
    printProblem('no heap or goroutine dump among the inputs', 'pass files from /debug/pprof/heap?debug=1 or goroutine?debug=1, /metrics, /debug/vars, a gctrace log or a .pb.gz profile');
    return;
  }
  const within = (directory: string, file: string): boolean => {
    const rel = relative(resolve(directory), resolve(file));
    return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
  };
  for (const directory of directories) {
    const problem = noDumpHere(directory, skipped.filter((file) => within(directory, file)).length, command);
    printProblem(problem.message, problem.hint);
  }
}

/**
 * `report()`, whose refusal of a series of several runs of one binary (pairs of dumps whose
 * counters fall, or whose GC cycle disagrees) is one line for their folder (series/runs.ts, as
 * lint says it), not a line per pair: 20 lines for the corpus's go1.19/peak. The inputs read as
 * dumps name the folder. `command`: the command the user ran, as the fixes spell the runs.
 */
function oneLinePerRuns<T>(report: () => T, loaded: Pick<LoadedSnapshots, 'names' | 'skipped'>, command: string): T {
  try {
    return report();
  } catch (error) {
    if (!(error instanceof HeapdocProblems)) throw error;
    const skipped = new Set(loaded.skipped);
    // The runs the fixes spell out are of the command the user ran (`heapdoc tui FOLDER`).
    const problems = error.problems.map((e) => (e instanceof NotOneProgram ? new NotOneProgram(e.message, runEach('program', e.folders, command, e.severalRuns), e.folders, e.severalRuns) : e));
    throw new HeapdocProblems(pairsInOneLine(problems, loaded.names.filter((n) => !skipped.has(n)), runEach('run', undefined, command)));
  }
}

export async function runAnalyze(inputs: string[], flags: AnalyzeFlags, hints?: InputHints): Promise<void> {
  const { options, rssFile, fetch, top, intervalSeconds } = parseFlags(flags);
  const meant = mistypedCommand(inputs[0]);
  if (meant.length > 0) {
    printProblem(`${stripControl(inputs[0] ?? '')}: no such command or file`, `did you mean heapdoc ${meant.join(', heapdoc ')}? (heapdoc --help lists the commands)`);
    process.exitCode = 2;
    return;
  }
  const specs = defaultInputs(inputs);
  const target = flags.target !== undefined ? parseTargetSelector(flags.target) : undefined;
  // --rss SIZE is one moment's RSS: given to the latest snapshot once all are read (givenRss), not
  // to each as it is read; --separately's too (each of its dumps said the one RSS: go1.19-audit46-phasechurn's
  // gc1/ --rss 22600kB, t68's VmRSS, "The OS counts 22.1 MiB" of heap-t06 too, whose RSS was 11,820 kB).
  const { rss: givenRss, rssWithoutUnit, ...otherFacts } = options.process ?? {};
  const loadOptions = givenRss === undefined ? options : { ...options, process: otherFacts };
  const loaded = await loadSnapshots(specs, loadOptions, fetch, { target, ...(hints ? { reads: { ...analyzeReads(hints.command), hints } } : {}) });
  const { gcTraces, goroutines, diagnostics, failed } = loaded;
  printDiagnostics(diagnostics);
  // The files found beside the dumps that are not read, each named (an empty log, a sidecar), as lint names them; not the --escape, --output or --rss file.
  const given = new Set([flags.escape, flags.output, rssFile?.name].filter((f): f is string => f !== undefined).map((f) => resolve(f)));
  // The command the user ran (`heapdoc tui`) is the one the lines name.
  const command = hints?.command ?? 'heapdoc analyze';
  const skipped = skippedFiles(loaded.skipped.filter((name) => !given.has(resolve(name))), command, undefined, command);
  printSkipped(skipped, command);
  // One snapshot per moment in a series; --separately reports every input as given.
  const moments = flags.separately ? undefined : oneSnapshotPerMoment(loaded.snapshots);
  const folded = moments && foldedNote(moments.folded);
  if (folded !== undefined) printNote(folded);
  const samples = moments && samplesNote(moments.folded);
  if (samples !== undefined) printNote(samples);
  const apart = moments && apartNote(moments.apart);
  if (apart !== undefined) printNote(apart);
  const snapshots = moments?.snapshots ?? loaded.snapshots;
  // A moment's scrape reports the process's GOMEMLIMIT; the dump kept for the moment does not carry it.
  // Nor does a dump of another moment: the process ran with the limit its scrapes report (reportedByProcess).
  if (moments && options.process?.gomemlimit === undefined) {
    const ofProcess = reportedByProcess(loaded.snapshots, moments.snapshots, (s) => reportedLimit(s.knownLimit), (a, b) => a.bytes === b.bytes, (s) => s.knownLimit);
    const ofMoment = reportedByMoment(moments, (s) => reportedLimit(s.knownLimit), (s) => s.knownLimit);
    for (const [kept, { value: limit, source }] of new Map([...ofProcess, ...ofMoment])) withReportedLimit(kept, limit, basename(source), options);
  }
  // Its RSS (process_resident_memory_bytes) too: the dump's verdict says how the OS's count relates to Go's, as with --rss.
  // --rss SIZE is the latest snapshot's only (withGivenRss below replaces its moment's): the earlier moments keep their scrapes'.
  if (moments) {
    for (const [kept, { value: rss, source }] of reportedByMoment(moments, (s) => s.process?.rss)) withReportedRss(kept, rss, source, options);
  }
  if (loadOptions !== options) {
    const latest = orderByTotalAlloc(snapshots).at(-1);
    if (latest) withGivenRss(latest, { rss: givenRss, ...(rssWithoutUnit === true ? { rssWithoutUnit } : {}) }, options);
    if (latest && snapshots.length > 1) printNote(`--rss ${stripControl(flags.rss ?? '')} is the RSS of the latest snapshot, ${stripControl(basename(latest.source))}: for each snapshot's, give --rss FILE, a VmRSS line per snapshot naming its dump or t=NN (docs/contract.md)`);
  }
  if (rssFile) withRssFile(rssFile, snapshots, options);
  // One process wrote them all: snapshots that show no Go version learn the one another shows (its MADV_FREE or MADV_DONTNEED words the same for every snapshot).
  if (moments) withSeriesGoVersion(snapshots, options);
  if (snapshots.length === 0 && goroutines.length === 0 && gcTraces.length === 0) {
    if (!failed) noDumpAmong(specs, loaded.skipped, command);
    process.exitCode = 2;
    return;
  }
  if (flags.sort !== undefined) {
    const measure = sortMeasure(flags.sort);
    for (const s of snapshots) s.profile.sites = sortByMeasure(s.profile.sites, (site) => site[measure]);
  }
  const report = oneLinePerRuns(() => combineReport(snapshots, goroutines, { ...(intervalSeconds !== undefined ? { intervalSeconds } : {}), separately: flags.separately === true, inputOrder: loaded.names, givenOrder: loaded.givenOrder }), loaded, hints?.command ?? 'heapdoc');
  // Also in the report (JSON `skipped`): a CI job that reads only the report sees them too.
  // And the inputs read as another capture of a moment another input stands for: read, but no snapshot of the report.
  report.skipped = [...skipped, ...(moments?.folded ?? []).map((f) => ({
    source: f.source, reason: f.samples ? `the heap profile of ${f.keptSource}, which holds its samples: it adds nothing to it` : `another capture of the moment ${f.keptSource} stands for`,
  }))];
  if (flags.sort !== undefined) report.siteOrder = flags.sort;
  // A goroutine dump's or GC log's problems are the report's too, as a heap dump's are (a cut one says `cut: true` in JSON).
  report.diagnostics.push(...loaded.unheld);
  if (gcTraces.length > 0) {
    // A GOMEMLIMIT known for the process (--gomemlimit, a scrape's go_gc_gomemlimit_bytes, that
    // scrape read as another capture of a moment or not): each log's verdict says where its heap stood against it.
    const { gcTraceFindings, withGcLogLimit } = await import('../../exposition/gctrace.js');
    const limit = gcLogLimit(options.process?.gomemlimit, loaded.snapshots);
    report.gcTraces = gcTraces.map((t) => withGcLogLimit(t, limit));
    // A GC log is a series of its own: the series rules' findings on it, as lint reports them
    // (without its leak-suspected where the dumps' verdict stands over it: lint drops it too).
    const dumps = snapshots.length > 0 || goroutines.length > 0 ? report.verdict : undefined;
    // A leak the dumps suspect too is one finding, theirs, saying the log agrees (foldLogLeak, as lint folds it).
    const isLeak = (f: Finding): boolean => f.ruleId === 'leak-suspected' && isSeriesFinding(f) && !(report.gcTraces ?? []).some((t) => t.source === f.source);
    // A log of another run or program than the dumps' (their GC ring disagrees with its cycles) is not weighed with them, as dumps of two processes are not: on its own.
    const inputs = [...report.snapshots, ...report.goroutines, ...report.gcTraces].map((i) => i.source);
    const otherRuns = new Map(dumps ? report.gcTraces.flatMap((t) => {
      const line = otherRunOfLog(t, report.snapshots, inputs);
      return line === undefined ? [] : [[t, line] as const];
    }) : []);
    for (const t of otherRuns.keys()) t.otherRun = true;
    const sameRun = report.gcTraces.filter((t) => !otherRuns.has(t));
    // A log of the dumps' run: the GCs their ?gc=1 dumps forced are told apart from the program's own (analyze/forcedgcs.ts).
    if (dumps) for (const t of sameRun) t.forcedTimer = forcedTimerBeside(t, report.snapshots);
    const logFindings = report.gcTraces.flatMap((t) => {
      // Its findings are its own, leak-suspected too, as of the log alone (lint keeps it too: lint/series.ts weighLogs).
      if (otherRuns.has(t)) return gcTraceFindings(t);
      const folded = foldLogLeak(t, dumps, report.series, report.findings.find(isLeak));
      if (!folded.dropLog) return gcTraceFindings(t);
      const leak = folded.dumpsLeak;
      if (leak) report.findings = report.findings.map((f) => (isLeak(f) ? leak : f));
      return gcTraceFindings(t).filter((f) => f.ruleId !== 'leak-suspected');
    });
    report.findings = flags.separately ? [...report.findings, ...logFindings] : withProcessLogs(report, logFindings);
    // Unrelated dumps: a log heads the set only when it needs more attention than they do (not weighed as one process's).
    const verdict = flags.separately && dumps ? separateVerdictWithLogs(dumps, report.snapshots.length + report.goroutines.length, report.gcTraces) : gcTraceVerdict(sameRun, dumps, report.series);
    if (verdict) report.verdict = verdict;
    if (otherRuns.size > 0 && !flags.separately) report.verdict = withOtherRunLogs(report.verdict, report.snapshots.length + report.goroutines.length, [...otherRuns].map(([trace, line]) => ({ trace, line })));
  }
  const formatGiven = flags.format !== undefined || flags.output !== undefined;
  const read = loaded.read;
  if (flags.escape !== undefined) {
    const joined = await readEscapeJoin(flags.escape, report.snapshots, report.goroutines, fetch, tuiMayRun(formatGiven), specs);
    if (joined.file !== undefined) read.push(joined.file);
    report.escape = joined.join;
    // A growing site's fix says where its values go when the compiler's -m=2 flows say it.
    const { keptByWords } = await import('../../analyze/escape/sites.js');
    if (report.series) report.findings = withCompilerKeepers(report.findings, report.series.growingSites, (site) => keptByWords(joined.join.sites, site));
    // Large frames (the verdict's, stack-heavy's) with what the compiler says of the named group's locals.
    if (joined.stackLocals.length > 0) {
      const { withStackLocals } = await import('../../analyze/escape/frames.js');
      report.verdict = { ...report.verdict, summary: withStackLocals(report.verdict.summary, joined.stackLocals) };
      report.findings = report.findings.map((f) => (f.ruleId === 'stack-heavy' ? { ...f, fix: withStackLocals(f.fix, joined.stackLocals) } : f));
    }
    if (hasErrors(joined.diagnostics)) process.exitCode = 2;
    printDiagnostics(joined.diagnostics);
  }
  if (report.series) report.findings = await withAppendsOf(report, specs);
  // The interactive UI when stdout is a terminal (not CI) and no --format or --output was asked for.
  const stdinWasData = specs.includes('-');
  // The UI lists the inputs it could not read with the diagnostics: their lines on stderr are behind its screen.
  const shown = loaded.unread.length > 0 ? { ...report, diagnostics: [...loaded.unread, ...report.diagnostics] } : report;
  if (await maybeRunTui(shown, { formatGiven, stdinWasData })) {
    process.exitCode = exitCode(failed || hasErrors(diagnostics), report.verdict.leak, flags.failOn);
    return;
  }
  refuseOutputOverInputs(flags.output, read);
  const format = flags.format ?? 'text';
  const text =
    format === 'json' ? reportJsonParts(report)
    : format === 'markdown' ? reportMarkdown(report, top)
    : reportText(report, { width: reportWidth(flags.output), colors: reportColors(flags.output), topSites: top, ...(report.escape ? { escape: report.escape.sites } : {}) });
  // Set before writing: a reader that goes away (`| head`) ends the run with this status (main.ts).
  process.exitCode = exitCode(failed || hasErrors(diagnostics), report.verdict.leak, flags.failOn);
  await writeReport(text, flags.output);
}

/**
 * The leak's fix where a growing site that freed part of what it made appends (leak-advice.ts
 * withAppendsBeside, as lint says it): its stacks in the latest profile run through
 * runtime.growslice, or its line in the program's source, found beside the inputs
 * (input/sourceline.ts), calls append.
 */
async function withAppendsOf(report: AnalyzeReport, specs: readonly string[]): Promise<Finding[]> {
  const growing = report.series?.growingSites ?? [];
  if (growing.length === 0 || !report.findings.some((f) => f.ruleId === 'leak-suspected')) return report.findings;
  const { growsSlice } = await import('../../analyze/escape/sites.js');
  const latest = [...report.snapshots].reverse().find((s) => s.profile.sites.length > 0);
  const profiled = (site: SiteTrend): AllocationSite | undefined => latest?.profile.sites.find((x) => x.function === site.function && x.file === site.file && x.line === site.line);
  return [...withAppendsBeside(report.findings, growing, (site) => {
    const at = profiled(site);
    return at !== undefined && growsSlice(at);
  }, sourceLines(sourceRoots(specs)))];
}

/**
 * Each snapshot knowing its moment's RSS from --rss FILE (input/rssfile.ts), as from its moment's
 * scrape: the sentence and the rules' why name the file. A file of one line naming no moment is
 * the latest snapshot's, as --rss SIZE is. A file none of whose lines names a snapshot is refused:
 * its moments are of other dumps.
 */
function withRssFile(file: RssFile, snapshots: readonly SnapshotAnalysis[], options: AnalyzeOptions): void {
  const [only] = file.readings;
  const latest = orderByTotalAlloc(snapshots).at(-1);
  const unnamed = file.readings.length === 1 && only && only.file === undefined && only.t === undefined;
  const pairs = unnamed ? (latest && only ? [[latest, only] as const] : []) : snapshots.flatMap((s) => {
    const reading = rssReadingOf(file.readings, s.source);
    return reading ? [[s, reading] as const] : [];
  });
  if (pairs.length === 0 && snapshots.length > 0) {
    const names = snapshots.slice(0, 2).map((s) => basename(s.source.split(' + ')[0] ?? s.source)).join(', ');
    throw new HeapdocError(`--rss ${file.name}: no VmRSS line of it names a moment of the snapshots (${names}${snapshots.length > 2 ? ', …' : ''})`,
      "name each snapshot's dump file in its line, or the t=NN its name ends with (heap-t06.txt: 't=06 VmRSS: 27784 kB')");
  }
  for (const [s, reading] of pairs) withReportedRss(s, reading.rss, file.name, options, 'VmRSS');
}

/** 2 for bad input (it wins); 1 with --fail-on leak when a leak is suspected; else what is already set (0, or 2 from --escape). */
function exitCode(badInput: boolean, leak: string, failOn: AnalyzeFlags['failOn']): number | undefined {
  if (badInput || process.exitCode === 2) return 2;
  if (failOn === 'leak' && leak === 'suspected') return 1;
  return process.exitCode === undefined ? undefined : Number(process.exitCode);
}
