/**
 * How the CLI talks: data on stdout, one-line problems on stderr, colour as text/color.ts decides.
 */
import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { HeapdocError } from '../input/errors.js';
import type { Diagnostic } from '../grammar/common/diagnostic.js';
import { formatDiagnostic } from '../grammar/common/diagnostic.js';
import { colorEnabled, colors } from '../text/color.js';
import { stripControl } from '../text/sanitize.js';
import { notAFormat, SOURCE_OR_DOCS, SOURCE_OR_DOCS_REASON, splitKnownFormat, type SkippedFile } from '../input/skipped.js';
import { filesNamed } from '../text/units.js';

/**
 * One human line on stderr for a problem that is not at a line of an input (an unreadable
 * input, a bad flag): `heapdoc: error: what — how to fix`, as gcc and go vet write theirs.
 */
export function printProblem(message: string, hint?: string): void {
  const c = colors(colorEnabled(process.stderr));
  process.stderr.write(`${c.red('heapdoc: error:')} ${stripControl(message)}${hint ? c.dim(` — ${stripControl(hint)}`) : ''}\n`);
}

/** One line on stderr that reports, not complains: `heapdoc: recorded 4 findings in …`. */
export function printNote(message: string): void {
  process.stderr.write(`heapdoc: ${stripControl(message)}\n`);
}

/**
 * Files a directory walk or glob found that are not inputs the command reads (analyze and lint
 * alike, input/skipped.ts says why; `command`: `heapdoc lint`): those that are no format heapdoc
 * reads in one line, naming them (a folder of captures keeps its RUN.txt and main.go.txt beside
 * them: 21 lines for ten folders were noise), those of a format the command does not read (compiler
 * -m output) in one line saying what reads them, an empty file or a config not in use on its own
 * line each (each has its own fix); source code and docs in one line, by extension.
 */
export function printSkipped(skipped: readonly SkippedFile[], command: string): void {
  const sources = skipped.filter((s) => s.reason === SOURCE_OR_DOCS_REASON).map((s) => s.source);
  for (const line of skippedLines(skipped.filter((s) => s.reason !== SOURCE_OR_DOCS_REASON), command)) printNote(line);
  if (sources.length === 0) return;
  const kinds = [...new Set(sources.map((name) => SOURCE_OR_DOCS.exec(name)?.[0].replace(/^[/\\]/, '') ?? ''))].sort();
  printNote(`skipped ${sources.length} ${sources.length === 1 ? 'file' : 'files'} of source code or documentation (${kinds.join(', ')})`);
}

/**
 * The lines of the files skipped for a reason other than their name (source code and docs: one
 * line of their own). A file alone is named with its reason; several that are not a format
 * `command` reads are one line, their names once each (`skipped 21 files not in a format heapdoc
 * lint reads: RUN.txt ×9, main.go.txt ×9, capture.sh.txt ×3; --format json lists them`: filesNamed), as are several of one
 * format heapdoc knows that the command does not read (compiler -m output); an empty file, a config
 * not in use, each its line (each says what to do with that file).
 */
function skippedLines(skipped: readonly SkippedFile[], command: string): string[] {
  const byReason = new Map<string, string[]>();
  for (const { source, reason } of skipped) {
    const sources = byReason.get(reason);
    if (sources) sources.push(source);
    else byReason.set(reason, [source]);
  }
  const lines: string[] = [];
  for (const [reason, sources] of byReason) {
    const known = splitKnownFormat(reason);
    const grouped = reason === notAFormat(command) || known !== undefined;
    if (sources.length === 1 || !grouped) {
      for (const source of sources) lines.push(`skipped ${source}: ${reason}`);
      continue;
    }
    const names = filesNamed(sources);
    lines.push(known
      ? `skipped ${sources.length} files of ${known[0]}: ${names} — ${known[1]}`
      : `skipped ${sources.length} files not in a format ${command} reads: ${names}; --format json lists them`);
  }
  return lines;
}

/**
 * Text for stderr that did not come from heapdoc (the argument parser's messages echo the
 * user's arguments): every line without control characters, the line breaks kept.
 */
export function sanitizeLines(text: string): string {
  return text.split('\n').map(stripControl).join('\n');
}

/**
 * Diagnostics on stderr, each distinct one once: the same problem repeated (same input, severity,
 * message and hint) is printed at its first place with a count, `… (×27)`, instead of 27 lines.
 */
export function printDiagnostics(diagnostics: readonly Diagnostic[]): void {
  const counted = new Map<string, { first: Diagnostic; count: number }>();
  for (const d of diagnostics) {
    const key = JSON.stringify([d.source, d.severity, d.message, d.hint]);
    const seen = counted.get(key);
    if (seen) seen.count++;
    else counted.set(key, { first: d, count: 1 });
  }
  for (const { first, count } of counted.values()) printDiagnostic(count > 1 ? { ...first, message: `${first.message} (×${count})` } : first);
}

export function printDiagnostic(d: Diagnostic): void {
  const c = colors(colorEnabled(process.stderr));
  const line = stripControl(formatDiagnostic(d));
  process.stderr.write(`${d.severity === 'error' ? c.red(line) : d.severity === 'warning' ? c.yellow(line) : line}\n`);
}

/** `-o, --output FILE` of every command that writes a report; `-o -` is standard output (program.ts clears it). */
export function outputOption(): Option {
  return new Option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout; - is stdout');
}

/**
 * Before a command runs: `-o -` means standard output, as `-` means standard input (the option is
 * cleared: a Commander parser cannot make a value undefined), and `-o` onto one of the command's
 * own input files is refused (`heapdoc dump.txt -o dump.txt` would replace the dump with its
 * report), also the files its options read (`--escape m.txt -o m.txt`, the --baseline, the
 * --config). The files a directory or glob gives are checked once read (refuseOutputOverInputs).
 * For the program's preAction hook.
 */
export function checkOutputOption(_program: Command, command: Command): void {
  const output: unknown = command.getOptionValue('output');
  if (typeof output !== 'string') return;
  if (output === '-') {
    command.setOptionValue('output', undefined);
    return;
  }
  const target = realPath(output);
  for (const input of command.args) {
    if (input !== '-' && !/^https?:\/\//.test(input) && realPath(input) === target) throw outputIsInput(output, input);
  }
  for (const option of INPUT_OPTIONS) {
    const file: unknown = command.getOptionValue(option);
    if (typeof file === 'string' && file !== '-' && realPath(file) === target) throw outputIsInput(output, `--${option} ${file}`);
  }
}

/** Options whose value is a file the command reads. */
const INPUT_OPTIONS = ['escape', 'baseline', 'config'] as const;

/**
 * After the inputs are read, before anything is written: `-o` onto a file a directory walk or a
 * glob found (`heapdoc lint dumps -o dumps/heap.txt`) is refused as `-o` onto a named input is.
 * Only files read as inputs count: a file of the directory that is no dump (last run's report)
 * may be replaced.
 */
export function refuseOutputOverInputs(output: string | undefined, inputs: Iterable<string>): void {
  if (output === undefined) return;
  const target = realPath(output);
  // A file that does not exist yet is no input, nor is a device (-o /dev/null): most runs end here.
  // A path that cannot be a file (a name too long, a file where a directory should be) is none
  // either: writing the report says what is wrong with it.
  if (!isFile(target)) return;
  for (const input of inputs) if (realPath(input) === target) throw outputIsInput(output, input);
}

function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}

function outputIsInput(output: string, input?: string): HeapdocError {
  return new HeapdocError(`--output ${output}: is an input of this command${input !== undefined && input !== output ? ` (${input})` : ''}; writing the report there would replace it`, 'give --output another file');
}

/** A path with its links resolved when it exists, else as given made absolute. */
function realPath(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return resolve(file);
  }
}
