/**
 * The public entry of the traceback grammar (`goroutine?debug=2`): `TracebackReader` reads a dump
 * chunk by chunk; `parseTraceback` and `readTraceback` wrap it for a whole string and for a stream.
 * Nothing here throws on bad input: problems come back as diagnostics with line:column. A dump the
 * runtime cut (it stops at 64 MiB) gives one warning on the last goroutine, which the model marks
 * `truncated`.
 */
import type { Diagnostic } from '../common/diagnostic.js';
import { ChunkedLineReader, type LineProblem } from '../common/linereader.js';
import type { TracebackDump } from './model.js';
import { tracebackGrammar } from './parser.js';
import { TracebackBuilder, type CutLine, type KnownLine } from './visitor.js';

export type { CreatedBy, Elision, GoroutineStack, Labels, TraceFrame, TracebackDump } from './model.js';
export { TRACEBACK_LIMIT_BYTES } from './model.js';
export { parseHeaderText, type HeaderInfo } from './visitor.js';

export interface TracebackParseResult {
  dump: TracebackDump;
  diagnostics: Diagnostic[];
}

const FIX_HINT = 'heapdoc skipped this line and read the rest; re-capture with ?debug=2 if the file was cut or edited';

/** What a line of a traceback dump can be, for messages about a line no token matches. */
const EXPECTED = "expected a goroutine header 'goroutine N [state]:', a function line 'f(…)', a '\\tfile:line' line, "
  + "'created by F' or a blank line";

export class TracebackReader {
  private readonly builder: TracebackBuilder;
  private readonly reader: ChunkedLineReader<KnownLine>;
  private bytes = 0;
  private cut: CutLine | undefined;

  constructor(private readonly source: string, chunkChars?: number) {
    const builder = new TracebackBuilder(source);
    this.builder = builder;
    // File, function and `created by` lines already seen are served from the builder's caches.
    this.reader = new ChunkedLineReader<KnownLine>(tracebackGrammar, {
      known: (text, start, end) => builder.knownLine(text, start, end),
      useKnown: (known, line) => builder.useKnownLine(known, line),
      blankLine: () => builder.blankLine(),
      visitLine: (node, line, index, text) => builder.visitLine(node, line, index, text),
      badLine: (problem) => this.badLine(problem),
    }, chunkChars);
  }

  push(text: string): void {
    this.bytes += Buffer.byteLength(text, 'utf8');
    this.reader.push(text);
  }

  end(): TracebackParseResult {
    this.reader.end();
    const dump = this.builder.finish(this.reader.lineCount, this.bytes, this.cut, this.reader.lastLineWasCut);
    const diagnostics = this.builder.diagnostics;
    if (dump.goroutineCount === 0 && diagnostics.length === 0) {
      diagnostics.push({
        source: this.source, line: 1, column: 1, severity: 'error',
        message: "no goroutine dump here: expected 'goroutine N [state]:' lines",
        hint: 'fetch /debug/pprof/goroutine?debug=2 (or ?debug=1 for the aggregated profile) and pass that file',
      });
    }
    diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
    return { dump, diagnostics };
  }

  private badLine(problem: LineProblem): void {
    // The runtime cuts a debug=2 dump at 64 MiB, mid-line: one warning, on the goroutine it cuts (see finish).
    if (problem.cut) {
      this.cut = { line: problem.line, text: problem.text };
      this.builder.cutLastLine(this.cut);
      return;
    }
    this.builder.skippedLine(problem.text);
    const message = problem.lexical && problem.column === 1 ? `${problem.message}: ${EXPECTED}` : problem.message;
    this.builder.diagnostics.push({
      source: this.source, line: problem.line, column: problem.column, severity: 'error',
      message,
      hint: FIX_HINT,
    });
  }
}

export function parseTraceback(text: string, source = '<input>'): TracebackParseResult {
  const reader = new TracebackReader(source);
  reader.push(text);
  return reader.end();
}

export async function readTraceback(chunks: AsyncIterable<string>, source: string): Promise<TracebackParseResult> {
  const reader = new TracebackReader(source);
  for await (const chunk of chunks) reader.push(chunk);
  return reader.end();
}
