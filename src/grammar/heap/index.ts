/**
 * The public entry of the heap grammar: `HeapDumpReader` reads a dump chunk by chunk;
 * `parseHeapDump` and `readHeapDump` wrap it for a whole string and for a stream.
 * Nothing here throws on bad input: problems come back as diagnostics with line:column.
 */
import type { CstNode } from 'chevrotain';
import { LineChunker, type LineChunk } from '../common/chunks.js';
import type { Diagnostic } from '../common/diagnostic.js';
import { tokenPosition } from '../common/positions.js';
import { heapLexer } from './lexer.js';
import type { Frame, HeapDump } from './model.js';
import { heapParser } from './parser.js';
import { HeapDumpBuilder } from './visitor.js';

export type { Frame, HeapDump, HeapStack, MemStatLine, MemStatsBlock, MemStatValue, ProfileHeader, SizeBucket } from './model.js';
export { KNOWN_MEMSTATS, PAIRED_MEMSTATS, samplingPeriod } from './model.js';

export interface HeapParseResult {
  dump: HeapDump;
  diagnostics: Diagnostic[];
}

const FIX_HINT = 'heapdoc skipped this line and read the rest; re-capture with ?debug=1 if the file was cut or edited';

export class HeapDumpReader {
  private readonly chunker: LineChunker;
  private readonly builder: HeapDumpBuilder;
  private lines = 0;
  private lastLineWasCut = false;

  constructor(private readonly source: string, chunkChars?: number) {
    this.chunker = new LineChunker(chunkChars);
    this.builder = new HeapDumpBuilder(source);
  }

  push(text: string): void {
    for (const chunk of this.chunker.push(text)) this.readChunk(chunk);
  }

  end(): HeapParseResult {
    const last = this.chunker.end();
    if (last) {
      this.lastLineWasCut = this.chunker.suppliedFinalNewline;
      this.readChunk(last);
    }
    const dump = this.builder.finish(this.lines);
    const diagnostics = this.builder.diagnostics;
    if (!dump.header && !dump.memStats && diagnostics.length === 0) {
      diagnostics.push({
        source: this.source, line: 1, column: 1, severity: 'error',
        message: "no heap profile here: expected 'heap profile: …' or a '# runtime.MemStats' block",
        hint: 'fetch /debug/pprof/heap?debug=1 (the text form) and pass that file',
      });
    }
    diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
    return { dump, diagnostics };
  }

  /**
   * Frame lines already seen are taken from the builder's cache; all other lines of the chunk go
   * to the grammar together, in one lex and one parse. In real dumps most frame lines repeat (the
   * corpus's memrate dump: 1640 frame lines, 472 distinct), so most of the text is lexed once.
   */
  private readChunk(chunk: LineChunk): void {
    const { text, firstLine } = chunk;
    // For each line of the chunk: the known frame it repeats, or undefined (the grammar reads it).
    const plan: (Frame | undefined)[] = [];
    const fresh: string[] = [];
    let freshStart = 0;
    for (let start = 0; start < text.length; ) {
      const newline = text.indexOf('\n', start);
      let known: Frame | undefined;
      if (text.charCodeAt(start) === 35 && text.charCodeAt(start + 1) === 9) { // '#' + tab: a frame line
        known = this.builder.knownFrame(text.slice(start, text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline));
        if (known) {
          if (freshStart < start) fresh.push(text.slice(freshStart, start));
          freshStart = newline + 1;
        }
      }
      plan.push(known);
      start = newline + 1;
    }
    if (freshStart < text.length) fresh.push(freshStart === 0 ? text : text.slice(freshStart));
    this.lines = firstLine - 1 + plan.length;

    const freshText = fresh.length === 1 ? (fresh[0] ?? '') : fresh.join('');
    const lexed = heapLexer.tokenize(freshText);
    if (lexed.errors.length === 0) {
      heapParser.input = lexed.tokens;
      const cst = heapParser.lines();
      if (heapParser.errors.length === 0) {
        const lineNodes = (cst.children.line ?? []) as CstNode[];
        let next = 0;
        for (let i = 0; i < plan.length; i++) {
          const known = plan[i];
          if (known) this.addKnownFrame(known, firstLine + i);
          else {
            const node = lineNodes[next];
            if (node) this.builder.visitLine(node, firstLine + i, next, freshText);
            next++;
          }
        }
        return;
      }
    }
    this.readLineByLine(chunk, plan);
  }

  private addKnownFrame(frame: Frame, line: number): void {
    if (!this.builder.addKnownFrame(frame)) this.builder.frameOutsideRecord({ line, column: 1 });
  }

  /** The slow path for a chunk with an error: each line on its own, one diagnostic per bad line. */
  private readLineByLine(chunk: LineChunk, plan: readonly (Frame | undefined)[]): void {
    const { text, firstLine } = chunk;
    let start = 0;
    for (let i = 0; i < plan.length; i++) {
      const newline = text.indexOf('\n', start);
      const lineText = text.slice(start, newline + 1);
      start = newline + 1;
      const known = plan[i];
      const line = firstLine + i;
      if (known) {
        this.addKnownFrame(known, line);
        continue;
      }
      const lexed = heapLexer.tokenize(lineText);
      const lexError = lexed.errors[0];
      if (lexError) {
        const column = lexError.column ?? 1;
        const bad = lineText.slice(column - 1, column - 1 + Math.min(lexError.length, 20));
        this.lineError(line, column, `unexpected character${lexError.length > 1 ? 's' : ''} ${JSON.stringify(bad)}`);
        this.builder.skippedLine(isRecordLine(lineText));
        continue;
      }
      heapParser.input = lexed.tokens;
      const cst = heapParser.line();
      const error = heapParser.errors[0];
      if (error) {
        const where = tokenPosition(error.token, line, { line, column: 1 });
        this.lineError(where.line, where.column, error.message);
        this.builder.skippedLine(isRecordLine(lineText));
        continue;
      }
      this.builder.visitLine(cst, line, 0, lineText);
    }
  }

  private lineError(line: number, column: number, message: string): void {
    const cut = this.lastLineWasCut && line === this.lines;
    this.builder.diagnostics.push({
      source: this.source, line, column, severity: 'error',
      message: cut ? `the input ends in the middle of this line (truncated?): ${message}` : message,
      hint: cut ? 'the dump was cut short; capture it again and make sure the whole response was saved' : FIX_HINT,
    });
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
