/**
 * The public entry of the GC log grammar: `GcTraceReader` reads a log chunk by chunk;
 * `parseGcTrace` and `readGcTrace` wrap it for a whole string and for a stream.
 */
import type { IToken } from 'chevrotain';
import type { Diagnostic } from '../common/diagnostic.js';
import { GrammarReader, type LinesRead, type NothingHere } from '../common/grammarreader.js';
import type { LineProblem } from '../common/linereader.js';
import type { GcTraceLog } from './model.js';
import { gcTraceGrammar } from './parser.js';
import { GcTraceBuilder } from './visitor.js';

export type { GcCycle, GcCycles, GcTraceLog, ScavengerLine } from './model.js';

export interface GcTraceParseResult {
  log: GcTraceLog;
  diagnostics: Diagnostic[];
}

const HINTS = {
  fix: 'two lines written into each other (the program and the runtime both write to stderr)? The rest was read',
  cut: 'the program was still writing; the rest of the log was read',
};

/**
 * 16 KiB of log per chunk, not the shared 64 KiB: a gc line is one token, so a chunk's tokens
 * (and its CST, when the parser built one) are ~120 lines' worth, and fewer of them outlive a
 * young-generation collection (measured on 100 MB of log, reader alone: ~1.72 s CPU at 64 KiB,
 * ~1.58 s at 16 KiB; without the CST, the whole process at 64 KiB was no faster).
 */
const GCTRACE_CHUNK_CHARS = 1 << 14;

export class GcTraceReader extends GrammarReader<GcTraceBuilder, never, GcTraceParseResult, IToken> {
  constructor(source: string, chunkChars = GCTRACE_CHUNK_CHARS) {
    const builder = new GcTraceBuilder(source);
    super(source, builder, builder.diagnosticLog, gcTraceGrammar, {
      visitLine: (node, line, index, text) => builder.visitLine(node, line, index, text),
    }, chunkChars);
  }

  protected finish({ lineCount }: LinesRead): GcTraceParseResult {
    return { log: this.builder.finish(lineCount), diagnostics: this.builder.diagnostics };
  }

  protected override nothingHere({ log }: GcTraceParseResult): NothingHere | undefined {
    return log.cycles.length > 0 ? undefined : {
      message: `no 'gc N @…' line in ${log.lineCount} lines: not a GODEBUG=gctrace=1 log`,
      hint: "run the program with GODEBUG=gctrace=1 and save its standard error: GODEBUG=gctrace=1 ./prog 2> gc.log",
    };
  }

  protected badLine(problem: LineProblem): void {
    this.reportBadLine(problem, HINTS, problem.cut
      ? `the log ends in the middle of this line (truncated?): ${problem.message}`
      : `a runtime line heapdoc cannot read: ${problem.message}`);
  }
}

export function parseGcTrace(text: string, source = '<input>'): GcTraceParseResult {
  return new GcTraceReader(source).parse(text);
}

export function readGcTrace(chunks: AsyncIterable<string>, source: string): Promise<GcTraceParseResult> {
  return new GcTraceReader(source).read(chunks);
}
