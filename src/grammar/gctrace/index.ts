/**
 * The public entry of the GC log grammar: `GcTraceReader` reads a log chunk by chunk;
 * `parseGcTrace` and `readGcTrace` wrap it for a whole string and for a stream.
 */
import type { Diagnostic } from '../common/diagnostic.js';
import { ChunkedLineReader, type LineProblem } from '../common/linereader.js';
import type { GcTraceLog } from './model.js';
import { gcTraceGrammar } from './parser.js';
import { GcTraceBuilder } from './visitor.js';

export type { GcCycle, GcCycles, GcTraceLog, ScavengerLine } from './model.js';

export interface GcTraceParseResult {
  log: GcTraceLog;
  diagnostics: Diagnostic[];
}

export class GcTraceReader {
  private readonly builder: GcTraceBuilder;
  private readonly reader: ChunkedLineReader<never>;

  constructor(private readonly source: string, chunkChars?: number) {
    const builder = new GcTraceBuilder(source);
    this.builder = builder;
    this.reader = new ChunkedLineReader<never>(gcTraceGrammar, {
      visitLine: (node, line, index, text) => builder.visitLine(node, line, index, text),
      badLine: (problem) => this.badLine(problem),
    }, chunkChars);
  }

  push(text: string): void {
    this.reader.push(text);
  }

  end(): GcTraceParseResult {
    this.reader.end();
    const log = this.builder.finish(this.reader.lineCount);
    const diagnostics = this.builder.diagnostics;
    if (log.cycles.length === 0 && diagnostics.length === 0) {
      diagnostics.push({
        source: this.source, line: 1, column: 1, severity: 'error',
        message: `no 'gc N @…' line in ${log.lineCount} lines: not a GODEBUG=gctrace=1 log`,
        hint: "run the program with GODEBUG=gctrace=1 and save its standard error: GODEBUG=gctrace=1 ./prog 2> gc.log",
      });
    }
    diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
    return { log, diagnostics };
  }

  private badLine(problem: LineProblem): void {
    this.builder.diagnostics.push({
      source: this.source, line: problem.line, column: problem.column, severity: 'error',
      message: problem.cut ? `the log ends in the middle of this line (truncated?): ${problem.message}` : `a runtime line heapdoc cannot read: ${problem.message}`,
      hint: problem.cut ? 'the program was still writing; the rest of the log was read' : 'two lines written into each other (the program and the runtime both write to stderr)? The rest was read',
    });
  }
}

export function parseGcTrace(text: string, source = '<input>'): GcTraceParseResult {
  const reader = new GcTraceReader(source);
  reader.push(text);
  return reader.end();
}

export async function readGcTrace(chunks: AsyncIterable<string>, source: string): Promise<GcTraceParseResult> {
  const reader = new GcTraceReader(source);
  for await (const chunk of chunks) reader.push(chunk);
  return reader.end();
}
