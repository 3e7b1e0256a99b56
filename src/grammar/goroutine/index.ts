/**
 * The public entry of the goroutine profile grammar (the count profile format of `goroutine?debug=1`, `goroutineleak?debug=1`,
 * `threadcreate?debug=1`…): `GoroutineProfileReader` reads a dump chunk by chunk;
 * `parseGoroutineProfile` and `readGoroutineProfile` wrap it for a whole string and for a stream.
 * Nothing here throws on bad input: problems come back as diagnostics with line:column.
 */
import type { Diagnostic } from '../common/diagnostic.js';
import type { PprofFrame } from '../common/frames.js';
import { CACHED_LINE_START, ChunkedLineReader, type LineProblem } from '../common/linereader.js';
import type { GoroutineProfile } from './model.js';
import { goroutineProfileGrammar } from './parser.js';
import { GoroutineProfileBuilder } from './visitor.js';

export type { GoroutineProfile, GoroutineProfileHeader, GoroutineProfileRecord, Labels, PprofFrame } from './model.js';

export interface GoroutineProfileParseResult {
  /** The profile; the first one when the input holds several. */
  profile: GoroutineProfile;
  /** Every profile in order, when the input holds several concatenated; positions are lines of the whole input. */
  profiles?: GoroutineProfile[];
  diagnostics: Diagnostic[];
}

const FIX_HINT = 'heapdoc skipped this line and read the rest; re-capture with ?debug=1 if the file was cut or edited';

export class GoroutineProfileReader {
  private readonly builder: GoroutineProfileBuilder;
  private readonly reader: ChunkedLineReader<PprofFrame>;

  constructor(private readonly source: string, chunkChars?: number) {
    const builder = new GoroutineProfileBuilder(source);
    this.builder = builder;
    this.reader = new ChunkedLineReader<PprofFrame>(goroutineProfileGrammar, {
      knownFirstChar: CACHED_LINE_START.frame,
      known: (text, start, end) => builder.knownFrame(text, start, end),
      useKnown: (frame, line) => builder.addFrame(frame, { line, column: 1 }),
      visitLine: (node, line, index, text) => builder.visitLine(node, line, index, text),
      badLine: (problem) => this.badLine(problem),
    }, chunkChars);
  }

  push(text: string): void {
    this.reader.push(text);
  }

  end(): GoroutineProfileParseResult {
    this.reader.end();
    const last = this.builder.finish(this.reader.lineCount);
    const profiles = [...this.builder.earlier, last];
    const profile = profiles[0] ?? last;
    const diagnostics = this.builder.diagnostics;
    if (!profile.header && profile.records.length === 0 && diagnostics.length === 0) {
      diagnostics.push({
        source: this.source, line: 1, column: 1, severity: 'error',
        message: "no goroutine profile here: expected 'goroutine profile: total N'",
        hint: 'fetch /debug/pprof/goroutine?debug=1 (or ?debug=2 for full tracebacks) and pass that file',
      });
    }
    diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
    return profiles.length > 1 ? { profile, profiles, diagnostics } : { profile, diagnostics };
  }

  private badLine(problem: LineProblem): void {
    this.builder.skippedLine(problem.text);
    this.builder.diagnostics.push({
      source: this.source, line: problem.line, column: problem.column, severity: 'error',
      message: problem.cut ? `the input ends in the middle of this line (truncated?): ${problem.message}` : problem.message,
      hint: problem.cut ? 'the dump was cut short; capture it again and make sure the whole response was saved' : FIX_HINT,
    });
  }
}

export function parseGoroutineProfile(text: string, source = '<input>'): GoroutineProfileParseResult {
  const reader = new GoroutineProfileReader(source);
  reader.push(text);
  return reader.end();
}

export async function readGoroutineProfile(chunks: AsyncIterable<string>, source: string): Promise<GoroutineProfileParseResult> {
  const reader = new GoroutineProfileReader(source);
  for await (const chunk of chunks) reader.push(chunk);
  return reader.end();
}
