/**
 * `heapdoc escape INPUT [--format text|json] [--filter TEXT] [--limit N]`: reads
 * `go build -gcflags=-m…` output (a file, `-`, or piped standard input) and says which values
 * go to the heap and why. The input streams through the grammar and the analyzer; the JSON
 * report streams out as it is read, the text report is written at the end from bounded counts
 * and lists. Exit code 2 for unusable input, or when the input has an error-level problem
 * (after printing what could be read).
 */
import { Option, type Command } from 'commander';
import type { Detection } from '../../input/detect.js';
import { HeapdocError } from '../../input/errors.js';
import { wrongKind } from '../../input/kinds.js';
import { formatOf } from '../../input/registry.js';
import type { InputHints } from '../../input/sources.js';
import { outputOption } from '../output.js';

/** Input characters read between two writes of the streamed JSON report. */
const JSON_SLICE_CHARS = 1 << 14;

const CAPTURE_HINT = 'capture it with: go build -gcflags=-m ./... 2>&1 | heapdoc escape -';

/** How escape's input errors say what to do: in escape's own command line, not analyze's. */
const ESCAPE_INPUT_HINTS: InputHints = {
  accepts: 'a file of compiler output, - for standard input, or an http(s) URL',
  fetchWith: (curl) => `pipe it in: ${curl} | heapdoc escape -`,
  stdin: { pipe: 'go build -gcflags=-m ./... 2>&1 | heapdoc escape -', files: 'name the file: heapdoc escape m.txt' },
};

export interface EscapeCommandOptions {
  format?: 'text' | 'json';
  output?: string;
  filter?: string;
  limit: string;
  /** The JSON schema version, '1' (default) or '2'. */
  schema?: string;
}

export function registerEscape(program: Command): void {
  program
    .command('escape')
    .description('explain go build -gcflags=-m output: what goes to the heap, and why')
    .argument('[input]', 'the compiler output: a file, or - for standard input (the default when it is piped)')
    .addOption(new Option('-f, --format <format>', 'report format (default: text)').choices(['text', 'json']))
    .addOption(outputOption())
    .option('--filter <text>', 'only packages, files or functions whose name contains this text')
    .option('--limit <n>', 'heap values and leaks listed per section in the text report (0: all)', '20')
    .addOption(new Option('--schema <version>', "the JSON report's schema: 1 (the compiler's messages under `diagnostics`, deprecated) or 2 (under `messages`)")
      .choices(['1', '2']).default('1'))
    .addHelpText('after', `
Examples:
  go build -gcflags=-m=2 ./... 2>&1 | heapdoc escape
  heapdoc escape m.txt --filter internal/cache
  heapdoc escape m.txt -f json -o escape.json
  heapdoc escape m.txt -f json --schema 2       # the messages under "messages" (schema 1's "diagnostics" is deprecated)`)
    .action(async (input: string | undefined, options: EscapeCommandOptions) => {
      await runEscape(input, options);
    });
}

function parseLimit(text: string): number | undefined {
  if (!/^\d+$/.test(text)) throw new HeapdocError(`--limit must be a whole number, not ${JSON.stringify(text)}`, 'use --limit 0 to list everything');
  const n = Number(text);
  return n === 0 ? undefined : n;
}

function refuse(name: string, detection: Detection): never {
  switch (detection.kind) {
    case 'empty':
      throw new HeapdocError(`${name}: the input is empty`, CAPTURE_HINT);
    case 'gzip':
    case 'pprof':
      // A gzipped text is decompressed by openInput; what is left here is binary inside gzip.
      throw new HeapdocError(`${name}: this is gzip-compressed binary data (a protobuf profile?), not compiler output`,
        'save the compiler output as text: go build -gcflags=-m ./... 2> m.txt');
    case 'binary':
      throw new HeapdocError(`${name}: this is a binary file, not compiler -m output`, CAPTURE_HINT);
    case 'utf16':
    case 'utf32':
      throw wrongKind(name, detection, 'heapdoc escape reads go build -gcflags=-m output');
    default:
      if (formatOf(detection.kind)) throw wrongKind(name, detection, 'heapdoc escape reads go build -gcflags=-m output');
      throw new HeapdocError(`${name}: this does not look like go build -gcflags=-m output (first line: ${JSON.stringify(detection.firstLine.slice(0, 60))})`, CAPTURE_HINT);
  }
}

async function runEscape(input: string | undefined, options: EscapeCommandOptions): Promise<void> {
  // Loaded here, not at the top: building the grammar costs a few hundred ms that no other
  // command (nor --help, nor --version) should pay.
  const [{ EscapeAnalyzer, sourceStatements }, { hasErrors }, { GcflagsReader, onlyCompileErrors }, { expandInputs, openInput }, { EscapeJsonStream }, { renderEscapeText, TEXT_TOP_ROWS }, { printDiagnostics, refuseOutputOverInputs }, { openReport, reportColors, reportWidth, writeReport }, { sourceLines, sourceRoots }] = await Promise.all([
    import('../../analyze/escape/index.js'),
    import('../../grammar/common/diagnostic.js'),
    import('../../grammar/gcflags/index.js'),
    import('../../input/sources.js'),
    import('../../report/escape/json.js'),
    import('../../report/escape/text.js'),
    import('../output.js'),
    import('../../report/write.js'),
    import('../../input/sourceline.js'),
  ]);
  const format = options.format ?? 'text';
  const limit = parseLimit(options.limit);
  let spec = input;
  if (spec === undefined) {
    if (process.stdin.isTTY) throw new HeapdocError('no input: pass the compiler output as a file, or - for standard input', CAPTURE_HINT);
    spec = '-';
  }
  const refs = await expandInputs([spec], ESCAPE_INPUT_HINTS);
  const ref = refs[0];
  if (!ref) throw new HeapdocError(`${spec}: no file here`, CAPTURE_HINT);
  if (refs.length > 1) throw new HeapdocError(`${spec}: holds ${refs.length} files; heapdoc escape reads one compiler output`, 'pass one file');
  // A directory holding one file: that file is the input, and --output must not replace it.
  refuseOutputOverInputs(options.output, ref.type === 'file' ? [ref.path] : []);

  const opened = await openInput(ref);
  if (opened.detection.kind !== 'escape') refuse(ref.name, opened.detection);

  // The text report prints counts and findings only, each as its sentence: no cause per message
  // (the JSON's), no reason chains kept. The JSON prints messages and counts, no findings: none
  // are kept (and every explanation is held without its steps: analyzer.ts, stepsUnseen).
  // An explanation whose function is a guess the lines after it may change is written with the
  // function its -m line settles, and --filter decides on that one (the JSON holds the bytes from
  // it on until then: json.ts).
  const json = format === 'json' ? new EscapeJsonStream(ref.name, options.schema === '2' ? 2 : 1) : undefined;
  const analyzer = new EscapeAnalyzer({
    ...(options.filter !== undefined ? { filter: options.filter } : {}),
    // The program's source beside the output (its ./main.go) tells a looping defer's closure from a go statement's.
    statementAt: sourceStatements(sourceLines(sourceRoots([spec]))),
    ...(json ? { limit: 0, messageCauses: true, onFunctionSettled: (id: number, fn: string | undefined, matches: boolean) => json.settle(id, fn, matches) }
      : { ...(limit !== undefined ? { limit } : {}), messageCauses: false, keepPaths: false, topRows: TEXT_TOP_ROWS }),
  });
  const reader = new GcflagsReader(ref.name, {
    keep: false,
    plainMessages: json !== undefined,
    onPackage: () => {
      analyzer.packageHeader();
      json?.settleAll();
    },
    onMessage: (d) => {
      const info = analyzer.add(d);
      if (json && (info.matches || info.provisional !== undefined)) json.message(d, info);
    },
  });
  // The JSON is written as it is read, to stdout or to --output's temporary file (renamed over
  // the target at the end: write.ts openReport), so no more than a slice of it is ever held.
  // Fed in slices so that the JSON of each slice is written out before the next is read: the
  // JSON of a whole 1 MiB input chunk (~3 MB of strings) outlived V8's young generation and
  // was copied by every scavenge (−20 % CPU on 100 MB of `-gcflags=all=-m std`). 16 Ki
  // characters (~50 KB of JSON, under V8's large-object size) measured ~3 % less CPU than 64 Ki.
  // An input that fails partway (damaged gzip, a reset connection) ends like one that was cut: what
  // was read is reported, and the JSON already written is closed as a whole document.
  const sink = json ? await openReport(options.output) : undefined;
  let failure: HeapdocError | undefined;
  const chunks = opened.text[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<string>;
      try {
        next = await chunks.next();
      } catch (error) {
        if (!(error instanceof HeapdocError)) throw error;
        failure = error;
        break;
      }
      if (next.done === true) break;
      const text = next.value;
      for (let at = 0; at < text.length; at += JSON_SLICE_CHARS) {
        reader.push(text.slice(at, at + JSON_SLICE_CHARS));
        if (sink && json && json.pendingLength > 0) await sink.write(json.takeBytes());
      }
    }
  } catch (error) {
    // What for-await would do: the input is closed, and the half-written --output removed.
    await chunks.return?.().catch(() => undefined);
    await sink?.abandon();
    throw error;
  }
  const read = reader.end();
  if (failure) {
    const prefix = `${ref.name}: `;
    const message = failure.message.startsWith(prefix) ? failure.message.slice(prefix.length) : failure.message;
    read.diagnostics.push({ source: ref.name, line: 0, column: 0, severity: 'error', message: `reading stopped: ${message}`, ...(failure.hint ? { hint: failure.hint } : {}) });
  }
  const analysis = analyzer.finish(read, ref.name);
  // Set before writing: a reader that goes away (`| head`) ends the run with this status (main.ts).
  if (hasErrors(read.diagnostics)) process.exitCode = 2;
  if (sink && json) {
    json.end(analysis);
    await sink.write(json.takeBytes());
    await sink.close();
  } else if (!onlyCompileErrors(read.summary)) {
    // A build that failed before escape analysis has no report to print: its error line says it (one line, exit 2).
    await writeReport(renderEscapeText(analysis, { color: reportColors(options.output), width: reportWidth(options.output), ...(limit !== undefined ? { limit } : { limit: 0 }) }), options.output);
  }
  printDiagnostics(read.diagnostics);
}
