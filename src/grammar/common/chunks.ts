/**
 * Streaming input is cut into chunks of whole lines, so that a grammar lexes and parses one
 * chunk at a time and memory does not grow with the input. A chunk always ends with '\n' (a
 * missing final newline is supplied) and knows the input line it starts on.
 *
 * The text pushed in is never appended to a growing buffer: chunks are slices of the piece they
 * come from, and only the unfinished last line of a piece is carried over to the next one. That
 * carry is bounded: a line longer than MAX_LINE_CHARS is not kept but reported as an `OverlongLine`
 * and skipped up to its newline, so a line with no end costs constant memory and linear time.
 */
export interface LineChunk {
  text: string;
  /** 1-based input line of the chunk's first character. */
  firstLine: number;
}

/** A line longer than MAX_LINE_CHARS, skipped: its number and its first characters. */
export interface OverlongLine {
  overlong: true;
  line: number;
  /** The first HEAD_CHARS characters of the line (what a consumer may show or classify it by). */
  head: string;
}

export type ChunkerItem = LineChunk | OverlongLine;

/**
 * The longest line read: 1 MiB (1,048,576 characters, its line end not counted). Go prints lines
 * of a few KB at most; a longer one is a damaged or hostile input.
 */
export const MAX_LINE_CHARS = 1 << 20;

/** How much of an overlong line is kept, for its diagnostic. */
const HEAD_CHARS = 80;

/** About 1 MiB of text per chunk: large enough to amortise per-call costs, small enough to stay cache- and GC-friendly. */
const DEFAULT_CHUNK_CHARS = 1 << 20;

export class LineChunker {
  /** The unfinished last line of the pieces pushed so far (at most maxLineChars characters). */
  private carry: string[] = [];
  private carryLength = 0;
  /** Inside an overlong line: everything up to its newline is dropped. */
  private skipping = false;
  /** The input line of the next chunk, once the last chunk's lines are counted (`nextLine`). */
  private settledLine = 1;
  /** The last chunk, if its lines are not counted yet: counted when needed, unless its consumer says how many it had (`counted`). */
  private uncounted: string | undefined;
  private started = false;
  /** True once `end()` had to add the final newline: the input's last line was cut (or just unterminated). */
  suppliedFinalNewline = false;

  private readonly chunkChars: number;

  /** A chunk is never longer than a line may be: the lines inside a chunk need no length check. */
  constructor(chunkChars = DEFAULT_CHUNK_CHARS, private readonly maxLineChars = MAX_LINE_CHARS) {
    this.chunkChars = Math.min(chunkChars, maxLineChars);
  }

  /** Feeds text; returns the complete-line chunks (and overlong lines) now available, in input order. */
  push(text: string): ChunkerItem[] {
    const out: ChunkerItem[] = [];
    this.pushEach(text, (item) => out.push(item));
    return out;
  }

  /**
   * Feeds text; gives each complete-line chunk (and overlong line) now available to `each`, in
   * input order. A consumer that counts a chunk's lines anyway says so with `counted` from
   * `each`, which spares the chunker a second pass over the chunk.
   */
  pushEach(text: string, each: (item: ChunkerItem) => void): void {
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM is not part of the first line
    }
    let pos = 0;
    if (this.skipping || this.carryLength > 0) {
      const newline = text.indexOf('\n');
      const end = newline < 0 ? text.length : newline;
      if (this.skipping) {
        if (newline < 0) return;
        this.skipping = false;
        this.nextLine++;
      } else if (this.carryLength + end - (endsWithCR(text, end, this.carry) ? 1 : 0) > this.maxLineChars) {
        this.overlong(each, this.carry.join('') + text.slice(0, Math.min(end, HEAD_CHARS)));
        this.skipping = newline < 0;
        if (newline >= 0) this.nextLine++;
        this.carry = [];
        this.carryLength = 0;
        if (newline < 0) return;
      } else if (newline < 0) {
        this.carry.push(text);
        this.carryLength += text.length;
        return;
      } else {
        // The line carried over from the last piece, completed by this one, is a chunk of its
        // own: joined to the rest of the piece, as it was, it made a copy of every piece (the
        // concatenation, flattened by the lexer), 100 MB of copies in 100 MB.
        const carried = this.carry.join('') + text.slice(0, newline + 1);
        this.carry = [];
        this.carryLength = 0;
        this.emit(each, carried);
      }
      pos = newline + 1;
    }
    while (pos < text.length) {
      const room = this.chunkChars;
      const cut = text.lastIndexOf('\n', Math.min(text.length, pos + room) - 1);
      if (cut >= pos) {
        this.emit(each, text.slice(pos, cut + 1));
        pos = cut + 1;
        continue;
      }
      // No line end within a chunk's length: a long line, read on its own if it is not too long.
      const newline = text.indexOf('\n', pos + room);
      const end = newline < 0 ? text.length : newline;
      if (lineLength(text, pos, end) > this.maxLineChars) {
        this.overlong(each, text.slice(pos, Math.min(end, pos + HEAD_CHARS)));
        if (newline < 0) {
          this.skipping = true;
          return;
        }
        this.nextLine++;
      } else if (newline >= 0) {
        this.emit(each, text.slice(pos, newline + 1));
      } else {
        break;
      }
      pos = end + 1;
    }
    if (pos < text.length) {
      // The unfinished last line: shorter than a chunk here, or checked above.
      this.carry.push(text.slice(pos));
      this.carryLength += text.length - pos;
    }
  }

  /**
   * Numbers the input's lines from `line` on, before any text is pushed: a document cut from a
   * larger input (input/documents.ts) keeps the lines of that input.
   */
  startAt(line: number): void {
    this.settledLine = line;
  }

  /** The rest of the input, newline-terminated; undefined when nothing is left. */
  end(): LineChunk | undefined {
    if (this.carryLength === 0) return undefined;
    this.suppliedFinalNewline = true;
    const text = `${this.carry.join('')}\n`;
    this.carry = [];
    this.carryLength = 0;
    const chunk = { text, firstLine: this.nextLine };
    this.nextLine++;
    return chunk;
  }

  /** Says how many lines the chunk just given to `pushEach`'s `each` has (its newlines). */
  counted(lines: number): void {
    if (this.uncounted === undefined) return;
    this.settledLine += lines;
    this.uncounted = undefined;
  }

  private get nextLine(): number {
    if (this.uncounted !== undefined) {
      this.settledLine += countNewlines(this.uncounted);
      this.uncounted = undefined;
    }
    return this.settledLine;
  }

  private set nextLine(line: number) {
    this.settledLine = line;
  }

  private emit(each: (item: ChunkerItem) => void, text: string): void {
    const firstLine = this.nextLine;
    this.uncounted = text;
    each({ text, firstLine });
  }

  private overlong(each: (item: ChunkerItem) => void, head: string): void {
    each({ overlong: true, line: this.nextLine, head: head.slice(0, HEAD_CHARS).replace(/\r$/, '') });
  }
}

/** Whether the line that ends at text[end] ends with '\r' (in text, or at the end of the carried pieces). */
function endsWithCR(text: string, end: number, carry: readonly string[]): boolean {
  if (end > 0) return text.charCodeAt(end - 1) === 13;
  const last = carry[carry.length - 1];
  return last !== undefined && last.charCodeAt(last.length - 1) === 13;
}

/** The length of text[start, end) without a final '\r' (the '\r' of a CRLF line end). */
function lineLength(text: string, start: number, end: number): number {
  return end > start && text.charCodeAt(end - 1) === 13 ? end - start - 1 : end - start;
}

export function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
