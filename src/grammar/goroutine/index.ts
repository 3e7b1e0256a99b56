/**
 * The public entry of the goroutine profile grammar (the count profile format of `goroutine?debug=1`, `goroutineleak?debug=1`,
 * `threadcreate?debug=1`…): `GoroutineProfileReader` reads a dump chunk by chunk;
 * `parseGoroutineProfile` and `readGoroutineProfile` wrap it for a whole string and for a stream.
 * Nothing here throws on bad input: problems come back as diagnostics with line:column.
 */
import type { Diagnostic } from '../common/diagnostic.js';
import type { PprofFrame } from '../common/frames.js';
import { GrammarReader, type LinesRead, type NothingHere } from '../common/grammarreader.js';
import { CACHED_LINE_START, type LineProblem } from '../common/linereader.js';
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

const HINTS = {
  fix: 'heapdoc skipped this line and read the rest; re-capture with ?debug=1 if the file was cut or edited',
  cut: 'the dump was cut short; capture it again and make sure the whole response was saved',
};

export class GoroutineProfileReader extends GrammarReader<GoroutineProfileBuilder, PprofFrame, GoroutineProfileParseResult> {
  constructor(source: string, chunkChars?: number) {
    const builder = new GoroutineProfileBuilder(source);
    super(source, builder, builder.diagnosticLog, goroutineProfileGrammar, {
      knownFirstChar: CACHED_LINE_START.frame,
      known: (text, start, end) => builder.knownFrame(text, start, end),
      useKnown: (frame, line) => builder.addFrame(frame, { line, column: 1 }),
      visitLine: (node, line, index, text) => builder.visitLine(node, line, index, text),
    }, chunkChars);
  }

  protected finish({ lineCount, lastLineWasCut, cutLineLength }: LinesRead): GoroutineProfileParseResult {
    const last = this.builder.finish(lineCount);
    if (lastLineWasCut && cutLineLength > 0) last.cutLine = lineCount;
    const profiles = [...this.builder.earlier, last];
    const profile = profiles[0] ?? last;
    const diagnostics = this.builder.diagnostics;
    return profiles.length > 1 ? { profile, profiles, diagnostics } : { profile, diagnostics };
  }

  protected override nothingHere({ profile }: GoroutineProfileParseResult): NothingHere | undefined {
    return profile.header || profile.records.length > 0 ? undefined : {
      message: "no goroutine profile here: expected 'goroutine profile: total N'",
      hint: 'fetch /debug/pprof/goroutine?debug=1 (or ?debug=2 for full tracebacks) and pass that file',
    };
  }

  protected badLine(problem: LineProblem): void {
    this.builder.skippedLine(problem.text);
    this.reportBadLine(problem, HINTS);
  }
}

export function parseGoroutineProfile(text: string, source = '<input>'): GoroutineProfileParseResult {
  return new GoroutineProfileReader(source).parse(text);
}

export function readGoroutineProfile(chunks: AsyncIterable<string>, source: string): Promise<GoroutineProfileParseResult> {
  return new GoroutineProfileReader(source).read(chunks);
}
