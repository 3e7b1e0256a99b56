/**
 * The public entry of the traceback grammar (`goroutine?debug=2`): `TracebackReader` reads a dump
 * chunk by chunk; `parseTraceback` and `readTraceback` wrap it for a whole string and for a stream.
 * Nothing here throws on bad input: problems come back as diagnostics with line:column. A dump the
 * runtime cut (it stops at 64 MiB) gives one warning on the last goroutine, which the model marks
 * `truncated`.
 */
import type { Diagnostic } from '../common/diagnostic.js';
import { GrammarReader, type LinesRead, type NothingHere } from '../common/grammarreader.js';
import type { LineProblem } from '../common/linereader.js';
import type { TracebackDump } from './model.js';
import { tracebackGrammar } from './parser.js';
import { TracebackBuilder, type CutLine, type KnownLine } from './visitor.js';

export type { Crash, CreatedBy, Elision, GoroutineStack, Labels, TraceFrame, TracebackDump } from './model.js';
export { TRACEBACK_LIMIT_BYTES } from './model.js';
export { parseHeaderText, type HeaderInfo } from './visitor.js';

export interface TracebackParseResult {
  dump: TracebackDump;
  diagnostics: Diagnostic[];
}

const HINTS = { fix: 'heapdoc skipped this line and read the rest; re-capture with ?debug=2 if the file was cut or edited' };

/** What a line of a traceback dump can be, for messages about a line no token matches. */
const EXPECTED = "expected a goroutine header 'goroutine N [state]:', a function line 'f(…)', a '\\tfile:line' line, "
  + "'created by F', a crash's 'panic: …' or register line, or a blank line";

export class TracebackReader extends GrammarReader<TracebackBuilder, KnownLine, TracebackParseResult> {
  private bytes = 0;
  private cut: CutLine | undefined;

  constructor(source: string, chunkChars?: number) {
    const builder = new TracebackBuilder(source);
    // File, function and `created by` lines already seen are served from the builder's caches.
    super(source, builder, builder.diagnosticLog, tracebackGrammar, {
      known: (text, start, end) => builder.knownLine(text, start, end),
      useKnown: (known, line) => builder.useKnownLine(known, line),
      blankLine: () => builder.blankLine(),
      visitLine: (node, line, index, text) => builder.visitLine(node, line, index, text),
    }, chunkChars);
  }

  override push(text: string): void {
    this.bytes += Buffer.byteLength(text, 'utf8');
    super.push(text);
  }

  protected finish({ lineCount, lastLineWasCut }: LinesRead): TracebackParseResult {
    return { dump: this.builder.finish(lineCount, this.bytes, this.cut, lastLineWasCut), diagnostics: this.builder.diagnostics };
  }

  protected override nothingHere({ dump }: TracebackParseResult): NothingHere | undefined {
    return dump.goroutineCount > 0 ? undefined : {
      message: "no goroutine dump here: expected 'goroutine N [state]:' lines",
      hint: 'fetch /debug/pprof/goroutine?debug=2 (or ?debug=1 for the aggregated profile) and pass that file',
    };
  }

  protected badLine(problem: LineProblem): void {
    // The runtime cuts a debug=2 dump at 64 MiB, mid-line: one warning, on the goroutine it cuts (see finish).
    if (problem.cut) {
      this.cut = { line: problem.line, text: problem.text };
      this.builder.cutLastLine(this.cut);
      return;
    }
    if (this.builder.inCrashMessage()) {
      this.builder.crashMessageLine(problem.text);
      return;
    }
    this.builder.skippedLine(problem.text);
    this.reportBadLine(problem, HINTS, problem.lexical && problem.column === 1 ? `${problem.message}: ${EXPECTED}` : problem.message);
  }
}

export function parseTraceback(text: string, source = '<input>'): TracebackParseResult {
  return new TracebackReader(source).parse(text);
}

export function readTraceback(chunks: AsyncIterable<string>, source: string): Promise<TracebackParseResult> {
  return new TracebackReader(source).read(chunks);
}
