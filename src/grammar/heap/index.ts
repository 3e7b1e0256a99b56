/**
 * The public entry of the heap grammar: `HeapDumpReader` reads a dump chunk by chunk;
 * `parseHeapDump` and `readHeapDump` wrap it for a whole string and for a stream.
 * Nothing here throws on bad input: problems come back as diagnostics with line:column.
 */
import type { IToken } from 'chevrotain';
import { LineChunker, type LineChunk } from '../common/chunks.js';
import type { Diagnostic } from '../common/diagnostic.js';
import { tokenPosition } from '../common/positions.js';
import { heapLexer } from './lexer.js';
import type { HeapDump } from './model.js';
import { heapParser } from './parser.js';
import { Newline } from './tokens.js';
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

  private readChunk(chunk: LineChunk): void {
    const lexed = heapLexer.tokenize(chunk.text);
    this.lines = chunk.firstLine - 1 + countLines(lexed.tokens, chunk);
    if (lexed.errors.length === 0) {
      heapParser.input = lexed.tokens;
      const cst = heapParser.lines();
      if (heapParser.errors.length === 0) {
        this.builder.visitChunk(cst, chunk.firstLine);
        return;
      }
    }
    this.readLineByLine(chunk, lexed.tokens, lexed.errors.map((e) => ({ line: e.line ?? 1, column: e.column ?? 1, length: e.length })));
  }

  /** The slow path for a chunk with an error: each line on its own, one diagnostic per bad line. */
  private readLineByLine(chunk: LineChunk, tokens: IToken[], lexErrors: { line: number; column: number; length: number }[]): void {
    const badLines = new Map<number, { column: number; length: number }>();
    for (const e of lexErrors) if (!badLines.has(e.line)) badLines.set(e.line, e);
    let start = 0;
    while (start < tokens.length) {
      let end = start;
      while (end < tokens.length && !isNewline(tokens[end])) end++;
      const lineTokens = tokens.slice(start, Math.min(end + 1, tokens.length));
      start = end + 1;
      const first = lineTokens[0];
      if (!first) continue;
      const chunkLine = first.startLine ?? 1;
      const lexError = badLines.get(chunkLine);
      if (lexError) {
        badLines.delete(chunkLine);
        const text = lineText(chunk.text, chunkLine).slice(lexError.column - 1, lexError.column - 1 + Math.min(lexError.length, 20));
        this.lineError(chunk.firstLine + chunkLine - 1, lexError.column, `unexpected character${lexError.length > 1 ? 's' : ''} ${JSON.stringify(text)}`);
        continue;
      }
      heapParser.input = lineTokens;
      const cst = heapParser.line();
      const error = heapParser.errors[0];
      if (error) {
        const where = tokenPosition(error.token, chunk.firstLine, { line: chunk.firstLine + chunkLine - 1, column: 1 });
        this.lineError(where.line, where.column, error.message);
        continue;
      }
      this.builder.visitChunk(cst, chunk.firstLine);
    }
    // A lexing error on a line that produced no token at all (e.g. only junk characters).
    for (const [chunkLine, e] of badLines) {
      this.lineError(chunk.firstLine + chunkLine - 1, e.column, 'unexpected characters');
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

function isNewline(token: IToken | undefined): boolean {
  return token !== undefined && (token.tokenType === Newline || token.tokenType.CATEGORIES?.includes(Newline) === true);
}

/** Lines in a chunk: every chunk ends with a newline, so that is the last newline token's line. */
function countLines(tokens: IToken[], chunk: LineChunk): number {
  const last = tokens[tokens.length - 1];
  if (last && isNewline(last) && last.startLine !== undefined) return last.startLine;
  let n = 0;
  for (let i = chunk.text.indexOf('\n'); i >= 0; i = chunk.text.indexOf('\n', i + 1)) n++;
  return n;
}

function lineText(text: string, line: number): string {
  let start = 0;
  for (let l = 1; l < line; l++) start = text.indexOf('\n', start) + 1;
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? undefined : end).replace(/\r$/, '');
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
