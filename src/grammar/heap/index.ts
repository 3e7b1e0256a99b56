/**
 * The public entry of the heap grammar: `HeapDumpReader` reads a dump chunk by chunk;
 * `parseHeapDump` and `readHeapDump` wrap it for a whole string and for a stream.
 * Nothing here throws on bad input: problems come back as diagnostics with line:column.
 */
import type { Diagnostic } from '../common/diagnostic.js';
import { CACHED_LINE_START, ChunkedLineReader, type LineProblem } from '../common/linereader.js';
import type { HeapDump } from './model.js';
import { heapGrammar } from './parser.js';
import { HeapDumpBuilder } from './visitor.js';

export type { Frame, HeapDump, HeapStack, MemStatLine, MemStatsBlock, MemStatValue, ProfileHeader, SampledSites, SizeBucket } from './model.js';
export { KNOWN_MEMSTATS, ListedStack, PAIRED_MEMSTATS, samplingPeriod } from './model.js';

export interface HeapParseResult {
  /** The dump; the first one when the input holds several. */
  dump: HeapDump;
  /**
   * Every dump in order, when the input holds several concatenated (`cat snap*.txt`): each
   * starts at its own 'heap profile:' header, and its positions are lines of the whole input.
   */
  dumps?: HeapDump[];
  diagnostics: Diagnostic[];
}

const FIX_HINT = 'heapdoc skipped this line and read the rest; re-capture with ?debug=1 if the file was cut or edited';



export class HeapDumpReader {
  private readonly builder: HeapDumpBuilder;
  private readonly reader: ChunkedLineReader<number>;

  constructor(private readonly source: string, chunkChars?: number) {
    const builder = new HeapDumpBuilder(source);
    this.builder = builder;
    // Frame lines already seen are served from the builder's cache: in real dumps most repeat
    // (the corpus's memrate dump: 1640 frame lines, 472 distinct).
    this.reader = new ChunkedLineReader<number>(heapGrammar, {
      knownFirstChar: CACHED_LINE_START.frame, // frame lines, the only lines worth looking up in the frame cache
      known: (text, start, end) => builder.knownFrame(text, start, end),
      useKnown: (frame, line) => {
        if (!builder.addKnownFrame(frame)) builder.frameOutsideRecord({ line, column: 1 });
      },
      blankLine: () => builder.blankLine(),
      visitLine: (node, line, index, text) => builder.visitLine(node, line, index, text),
      badLine: (problem) => this.badLine(problem),
    }, chunkChars);
  }

  push(text: string): void {
    this.reader.push(text);
  }

  end(): HeapParseResult {
    this.reader.end();
    const last = this.builder.finish(this.reader.lineCount);
    const dumps = [...this.builder.earlier, last];
    const dump = dumps[0] ?? last;
    const diagnostics = this.builder.diagnostics;
    if (!dump.header && !dump.memStats && diagnostics.length === 0) {
      diagnostics.push({
        source: this.source, line: 1, column: 1, severity: 'error',
        message: "no heap profile here: expected 'heap profile: …' or a '# runtime.MemStats' block",
        hint: 'fetch /debug/pprof/heap?debug=1 (the text form) and pass that file',
      });
    }
    diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
    return dumps.length > 1 ? { dump, dumps, diagnostics } : { dump, diagnostics };
  }

  private badLine(problem: LineProblem): void {
    this.builder.diagnostics.push({
      source: this.source, line: problem.line, column: problem.column, severity: 'error',
      message: problem.cut ? `the input ends in the middle of this line (truncated?): ${problem.message}` : problem.message,
      hint: problem.cut ? 'the dump was cut short; capture it again and make sure the whole response was saved' : FIX_HINT,
    });
    this.builder.skippedLine(isRecordLine(problem.text));
  }
}

/** A record line starts with its in-use object count. */
function isRecordLine(line: string): boolean {
  return /^\s*-?\d/.test(line);
}

export function parseHeapDump(text: string, source = '<input>'): HeapParseResult {
  const reader = new HeapDumpReader(source);
  reader.push(text);
  return reader.end();
}

export async function readHeapDump(chunks: AsyncIterable<string>, source: string): Promise<HeapParseResult> {
  const reader = new HeapDumpReader(source);
  for await (const chunk of chunks) reader.push(chunk);
  return reader.end();
}
