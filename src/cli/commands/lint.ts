/**
 * `heapdoc lint INPUT…`: check saved dumps in CI. Each dump is linted on its own by the rules of
 * the registry, configured by heapdoc.config.json and --rule, and the dumps of each directory
 * together by the series rules (a leak shows only over time; --separately opts out); the report goes to stdout (or
 * --output) as stylish, json or sarif. Exit codes as ESLint: 0 clean, 1 error-level findings or
 * warnings above --max-warnings, 2 usage/config error or an unreadable input. See docs/lint.md.
 */
import * as path from 'node:path';
import { Option, type Command } from 'commander';
import { parseGoVersion } from '../../input/goversion.js';
import { RULES } from '../../analyze/rules/index.js';
import type { RuleOptions } from '../../analyze/rules/rule.js';
import { apartNote, foldedNote, samplesNote } from '../../analyze/moments.js';
import { HeapdocError } from '../../input/errors.js';
import { BinaryPartSkipped } from '../../input/kinds.js';
import type { BinaryPart, MoreBinaryParts } from '../../input/binary.js';
import { applyBaseline, buildBaseline, readBaseline, serializeBaseline } from '../../lint/baseline.js';
import { activeRules, applyRuleFlags, CONFIG_FILE, loadConfig } from '../../lint/config.js';
import { ruleDoc } from '../../lint/docs.js';
import type { LintOptions } from '../../lint/engine.js';
import { formatJson } from '../../lint/formatters/json.js';
import { formatMarkdown } from '../../lint/formatters/markdown.js';
import { formatSarif } from '../../lint/formatters/sarif.js';
import { formatStylish } from '../../lint/formatters/stylish.js';
import { createProgress } from '../progress.js';
import { gomemlimitOption, sizeFlag, wholeNumber } from '../numbers.js';
import { lintInputs } from '../../lint/runner.js';
import { NotOneProcessPairs } from '../../analyze/series/runs.js';
import { problemPath, problemsSummary, totalCounts, type FileResult, type LintProblem } from '../../lint/types.js';
import { outputOption, printNote, printProblem, printSkipped, refuseOutputOverInputs } from '../output.js';
import { reportColors, writeFileAtomic, writeReport } from '../../report/write.js';
import { packageVersion } from '../../input/package.js';
import { defaultInputs } from '../../input/pipeline.js';
import { maskCredentials } from '../../input/urls.js';
import { skippedFiles } from '../../input/skipped.js';

interface LintFlags {
  format?: 'stylish' | 'json' | 'sarif' | 'markdown';
  config?: string | false;
  rule: string[];
  maxWarnings: string;
  info?: boolean;
  output?: string;
  baseline?: string;
  updateBaseline?: boolean;
  goVersion?: string;
  gomemlimit?: string;
  /** Refused (runLint): one RSS is one moment of one process. */
  rss?: string;
  /** Refused (runLint): analyze's option; lint's exit code follows its findings' levels. */
  failOn?: string;
  concurrency: string;
  separately?: boolean;
}

/** Inputs read at once: parsing is synchronous CPU work, so a few suffice to hide file latency. */
const DEFAULT_CONCURRENCY = 8;
/**
 * The most: parsing is CPU work on one thread (worker threads take the cores), so more at once only
 * holds more files open and in memory (hundreds ran into `ulimit -n`: EMFILE on every file past it).
 */
const MAX_CONCURRENCY = 64;

export function registerLint(program: Command): void {
  // Commander gives --config FILE and --no-config one attribute, and the last would win silently.
  const configFlags = new Set<string>();
  program
    .command('lint')
    .on('option:config', () => configFlags.add('--config'))
    .on('option:no-config', () => configFlags.add('--no-config'))
    .description('check saved dumps with rules, thresholds and budgets (for CI): stylish, json, SARIF or Markdown; exit 1 on errors')
    .argument('[inputs...]', 'dump files, directories (searched recursively, by content), globs, or - for stdin')
    .addOption(new Option('-f, --format <format>', 'report format (default: stylish)').choices(['stylish', 'json', 'sarif', 'markdown']))
    .option('-c, --config <file>', 'the config file (default: heapdoc.config.json, searched upward from the working directory)')
    .option('--no-config', 'use no config file')
    .addOption(new Option('--rule <id=level[:limit]>', 'set a rule: off, info, warn or error, with a limit or name=value options (repeatable)').argParser(collect).default([], 'none'))
    .addOption(new Option('--max-warnings <n>', 'exit 1 when there are more warnings than this').default('-1', 'no limit'))
    .option('--info', 'also report info-level findings (not counted as problems)')
    .addOption(outputOption())
    .option('--baseline <file>', 'report only findings this baseline file does not record')
    .option('--update-baseline', 'record the current findings in the --baseline file')
    .option('--go-version <version>', 'the Go version of the processes (e.g. 1.21); inferred from each dump when possible')
    .addOption(gomemlimitOption())
    // Not an option of lint: given, it is refused with why and what to run instead (runLint), not "unknown option".
    .addOption(new Option('--rss <size|file>').hideHelp())
    // analyze's option, tried on lint by CI users (audit 47 #15): refused with what lint does instead.
    .addOption(new Option('--fail-on <what>').hideHelp())
    .option('--concurrency <n>', `how many dumps are read at once (at most ${MAX_CONCURRENCY})`, String(DEFAULT_CONCURRENCY))
    .option('--separately', 'lint each file on its own: no series rules (the dumps of a directory are not read as snapshots of one process)')
    .addHelpText('after', `
Examples:
  heapdoc lint dumps/
  heapdoc lint 'dumps/**/*.txt' --rule max-live-heap=error:512MiB --max-warnings 0
  heapdoc lint dumps/ --format sarif --output heapdoc.sarif
  heapdoc lint dumps/ --format markdown >> "$GITHUB_STEP_SUMMARY"
  heapdoc lint dumps/ --baseline heapdoc-baseline.json --update-baseline
  heapdoc lint snapshots/ --rule heap-growth=error:perHour=10MiB/h
  heapdoc lint snapshots/ --gomemlimit 64MiB     # the limit the process ran with (memory-limit-pressure)

The dumps of one directory are snapshots of one process: the series rules (leak-suspected,
leak-outside-heap, heap-growth, goroutine-growth) read them together and report at the last one; a gctrace log
is a series on its own. Dumps of different programs in one directory are an error (exit 2).

Many files are parsed in worker threads: one per core, each with 16 files or more, and one
beyond the first per 28 MiB of files. HEAPDOC_LINT_WORKERS=N sets how many (0 or 1: none).

Exit codes: 0 clean; 1 error-level findings, or more warnings than --max-warnings;
2 usage or config error, or an input that cannot be read. See docs/lint.md.`)
    .action(async (inputs: string[], flags: LintFlags) => {
      if (configFlags.size === 2) throw new HeapdocError('--config and --no-config contradict each other', 'give --config FILE to use that file, or --no-config to use none');
      await runLint(inputs, flags);
    });
}

/**
 * What stderr says of the problems every report carries: nothing when the stylish report is on
 * stdout, where each is under its input with its fix (said on stderr too, each was said twice on
 * the terminal: audit 44 F13c); else (json, sarif, Markdown, or --output: a report a person may
 * not be reading) one line counting the inputs' as the stylish report's last line does, and
 * where each is said; the run's own (no input to count: max-goroutines unchecked) each as it is.
 */
function problemsSaid(problems: readonly LintProblem[], linted: number, format: string, output: string | undefined): void {
  if (format === 'stylish' && output === undefined) return;
  for (const p of problems) if (p.input === undefined) printProblem(p.message, p.hint);
  const summary = problems.some((p) => p.input !== undefined) ? problemsSummary(problems, linted) : undefined;
  if (summary === undefined) return;
  const name = format === 'json' ? 'JSON ' : format === 'sarif' ? 'SARIF ' : format === 'markdown' ? 'Markdown ' : '';
  printProblem(`${summary} — the ${name}report${output !== undefined ? ` (${output})` : ''} lists each, with its fix`);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function runLint(inputs: string[], flags: LintFlags): Promise<void> {
  // Digits only: Number('') is 0 and Number('0x10') is 16, which a user never meant.
  const maxWarnings = /^(-1|\d+)$/.test(flags.maxWarnings.trim()) ? Number(flags.maxWarnings) : NaN;
  if (!Number.isInteger(maxWarnings) || maxWarnings < -1) throw new HeapdocError(`--max-warnings ${flags.maxWarnings}: must be a whole number, 0 or more (-1: no limit)`, 'write --max-warnings 0 to fail on any warning');
  // One RSS is the RSS of one moment of one process; lint checks many dumps, often of several processes, at once (docs/lint.md).
  if (flags.rss !== undefined) {
    throw new HeapdocError(`--rss ${flags.rss}: lint takes no RSS, as it checks many dumps at once, often of several processes, and one RSS is one moment of one process`,
      "check RSS with heapdoc analyze DUMPS --rss FILE (a VmRSS line per snapshot) or --rss SIZE (the latest snapshot's); lint reads each moment's RSS from /metrics scrapes (process_resident_memory_bytes)");
  }
  if (flags.failOn !== undefined) {
    throw new HeapdocError(`--fail-on ${flags.failOn}: an option of heapdoc analyze, not of lint, whose exit code follows its findings: 1 when one is at level error (leak-suspected is), or when warnings exceed --max-warnings`,
      'fail on warnings too with --max-warnings 0, raise a rule with --rule ID=error; or run heapdoc analyze DUMPS --fail-on leak');
  }
  const concurrency = wholeNumber('concurrency', flags.concurrency, 1);
  if (concurrency > MAX_CONCURRENCY) throw new HeapdocError(`--concurrency ${flags.concurrency}: more than ${MAX_CONCURRENCY}, the most lint reads at once`, `give --concurrency ${MAX_CONCURRENCY} or less: parsing is CPU work, and many files are parsed in worker threads already`);
  if (flags.updateBaseline && !flags.baseline) throw new HeapdocError('--update-baseline needs --baseline FILE', 'e.g. --baseline heapdoc-baseline.json --update-baseline');
  const lint: LintOptions = {};
  if (flags.goVersion !== undefined) {
    const v = parseGoVersion(flags.goVersion);
    if (!v) throw new HeapdocError(`--go-version ${flags.goVersion}: not a Go version`, 'write it as 1.21 or go1.21.5');
    lint.goVersion = v;
  }
  // --gomemlimit: what every snapshot knows of the processes, and memory-limit-pressure's
  // `gomemlimit` (over the config's and --rule's), as analyze's --gomemlimit gives it.
  const gomemlimit = flags.gomemlimit !== undefined ? sizeFlag('gomemlimit', flags.gomemlimit).bytes : undefined;
  if (gomemlimit !== undefined) lint.process = { gomemlimit };
  const given: RuleOptions = gomemlimit !== undefined ? { gomemlimit } : {};
  // A setting need not repeat what the command line gives (--rule memory-limit-pressure=error --gomemlimit 64MiB).
  const givenNames = new Set(Object.keys(given));
  const config = loadConfig(flags.config, undefined, givenNames);
  const settings = applyRuleFlags(config.rules, flags.rule, givenNames);
  const active = activeRules(settings, RULES, given);
  const baseline = flags.baseline ? readBaseline(flags.baseline, flags.updateBaseline === true) : undefined;
  // A CI workflow runs with --baseline before one is committed: every finding is new, and the run goes on (its report is uploaded).
  if (baseline?.missing && !flags.updateBaseline) printNote(`--baseline ${flags.baseline}: no such file yet, so every finding is reported as new — record the accepted ones with --baseline ${flags.baseline} --update-baseline and commit the file`);
  const specs = defaultInputs(inputs, 'heapdoc lint');

  const progress = createProgress();
  // What makes the exit code 2 (an input that cannot be read, a folder not of one process, no
  // dump): every report carries each, with its fix; stderr only points at the report (problemsSaid).
  const problems: LintProblem[] = [];
  const problem = (message: string, hint?: string, input?: string, series?: boolean, details?: readonly string[], partly?: BinaryPart | MoreBinaryParts): void => {
    // Every report names the input: a URL's password never in it (it was, as given: the header, JSON filePath, SARIF uri).
    problems.push({ message, hint, input: input === undefined ? undefined : maskCredentials(input), ...(series === true ? { series } : {}), ...(details ? { details } : {}), ...(partly ? { partly } : {}) });
  };
  let outcome;
  try {
    outcome = await lintInputs(specs, {
      active,
      lint,
      concurrency,
      series: flags.separately !== true,
      onProgress: (done, total) => progress.update(done, total),
      onNote: (message) => {
        progress.clear();
        printNote(message);
      },
      onProblem: (error, input, series) => {
        progress.clear();
        // A folder's pairs of dumps that cannot be of one process: one line, each pair in the json and sarif reports.
        // Binary data skipped inside an input: read in part, its dumps linted (input/binary.ts).
        problem(error.message, error.hint, input, series, error instanceof NotOneProcessPairs ? error.pairs.map((p) => p.message) : undefined, error instanceof BinaryPartSkipped ? error.part : undefined);
      },
    });
  } finally {
    progress.clear();
  }
  // Before anything is written: the dumps a directory or glob gave (and the config found upward) are inputs too.
  refuseOutputOverInputs(flags.output, [
    ...outcome.results.flatMap((r) => (r.path !== undefined ? [r.source] : [])),
    ...problems.map((p) => (p.input !== undefined ? problemPath(p.input) : undefined)).filter((f): f is string => f !== undefined),
    ...(typeof config.file === 'string' ? [config.file] : []),
  ]);
  // heapdoc's own files kept beside the dumps (the baseline, the config, the last run's report) need no "skipped" line.
  const own = new Set([flags.baseline, config.file, flags.output].filter((f): f is string => typeof f === 'string').map((f) => path.resolve(f)));
  // A config beside the dumps is not the one in use (that one is not listed): say how to use it.
  const skipped = skippedFiles(outcome.skipped.filter((name) => !own.has(path.resolve(name))), 'heapdoc lint', (name) => path.basename(name) === CONFIG_FILE
    ? `a heapdoc config not in use (the config is found upward from the working directory) — to use it: --config ${name}` : undefined);
  // Said on stderr, and in every report (a CI job may read only the report).
  printSkipped(skipped, 'heapdoc lint');
  // Which inputs are moments another file stands for (their findings are that file's), as analyze says it.
  const folded = foldedNote(outcome.moments.folded);
  if (folded !== undefined) printNote(folded);
  const samples = samplesNote(outcome.moments.folded);
  if (samples !== undefined) printNote(samples);
  const apart = apartNote(outcome.moments.apart);
  if (apart !== undefined) printNote(apart);
  const format = flags.format ?? 'stylish';
  // `problems` is read when the report is written: a problem said later (max-goroutines) is in it.
  const sarifContext = { version: packageVersion(), rules: RULES.map((r) => r.meta), help: ruleDoc, baseDir: process.cwd(), problems, skipped };
  const formatReport = (results: readonly FileResult[]): string =>
    format === 'json' ? formatJson(results, problems, skipped)
    : format === 'sarif' ? formatSarif(results, sarifContext)
    : format === 'markdown' ? formatMarkdown(results, problems, { maxWarnings, skipped: skipped.length })
    : formatStylish(results, { colors: reportColors(flags.output), maxWarnings, skipped: skipped.length }, problems);
  if (outcome.results.length === 0) {
    if (!outcome.failed) problem('no dump heapdoc lint reads among the inputs', 'pass files saved from /debug/pprof/heap?debug=1 or goroutine?debug=1, /metrics, /debug/vars, a gctrace log or a .pb.gz profile');
    process.exitCode = 2;
    // A CI step uploads the report whatever the exit code: it gets one that says what went wrong.
    await writeReport(formatReport([]), flags.output);
    problemsSaid(problems, 0, format, flags.output);
    return;
  }

  let results: FileResult[] = outcome.results;
  if (!flags.info) results = results.map((r) => ({ ...r, messages: r.messages.filter((m) => m.severity !== 'info'), suppressed: r.suppressed.filter((m) => m.severity !== 'info') }));
  if (flags.baseline) {
    const dir = path.dirname(path.resolve(flags.baseline));
    // A run that could not read an input (or refused a series) has not seen all the findings: a
    // baseline written from it would drop what those inputs had recorded, to come back as new.
    if (flags.updateBaseline && outcome.failed) {
      // A folder refused as not one process was read: its series findings are what is missing.
      const unread = problems.some((p) => p.series !== true);
      printProblem(`--update-baseline: ${flags.baseline} not written, as ${unread ? 'an input could not be read' : "a folder's dumps are not of one process (no series findings there)"} (the report says which) and the findings it had recorded would be dropped`,
        `${unread ? 'fix or leave out that input' : "put each program's dumps in a folder of its own"}, then run --update-baseline again`);
      if (baseline) results = applyBaseline(results, baseline, dir).results;
    } else if (flags.updateBaseline) {
      const updated = buildBaseline(results, dir);
      await writeFileAtomic(flags.baseline, serializeBaseline(updated));
      const recorded = updated.entries.reduce((n, e) => n + e.count, 0);
      printNote(`recorded ${recorded} finding${recorded === 1 ? '' : 's'} in ${flags.baseline}`);
      results = applyBaseline(results, updated, dir).results;
    } else if (baseline) {
      const applied = applyBaseline(results, baseline, dir);
      results = applied.results;
      if (applied.unmatched > 0) {
        printNote(`${applied.unmatched} finding${applied.unmatched === 1 ? '' : 's'} recorded in ${flags.baseline} no longer occur${applied.unmatched === 1 ? 's' : ''}; --update-baseline removes ${applied.unmatched === 1 ? 'it' : 'them'}`);
      }
    }
  }
  // A budget that cannot be checked must not pass: CI would be green with an error printed.
  const unchecked = active.some((a) => a.rule.meta.id === 'max-goroutines') && !results.some((r) => r.kind !== 'heap');
  if (unchecked) {
    problem('max-goroutines: no goroutine dump among the inputs, and a heap dump cannot tell how many goroutines there are',
      'lint goroutine?debug=1 or ?debug=2 dumps together with the heap dumps');
  }

  const text = formatReport(results);
  const counts = totalCounts(results);
  const tooManyWarnings = maxWarnings >= 0 && counts.warnings > maxWarnings;
  // Set before writing: a reader that goes away (`| head`) ends the run with this status (main.ts).
  process.exitCode = outcome.failed || unchecked ? 2 : counts.errors > 0 || tooManyWarnings ? 1 : 0;
  await writeReport(text, flags.output);
  problemsSaid(problems, results.length, format, flags.output);
  // Also on stderr, as every problem that fails the run: the report may go to a file or an upload.
  if (tooManyWarnings) printProblem(`too many warnings: ${counts.warnings}, more than --max-warnings ${maxWarnings}`);
}
