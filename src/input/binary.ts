/**
 * Binary data inside a text input (`cat dump1.txt /bin/ls dump2.txt | heapdoc`, a damaged copy):
 * the part from the line that holds its first NUL byte up to the next line that starts a dump
 * (`heap profile:`, `goroutine profile: total N`, a debug=2 `goroutine N [` block: contents.ts
 * headerAt), or to the end, is skipped — its newlines kept as empty lines, so every later line has
 * its number in the file — and said as one problem (kinds.ts binaryPartWords). The dumps before and
 * after it are read: one damaged part never loses the rest of a batch.
 *
 * Text without a NUL byte costs one native search a piece. Lines are counted only in the first
 * LINE_BUDGET bytes (a part starting later is said by its byte, unless the reader can count them
 * again: a file, `linesBefore`): counting every newline of a 100 MB dump would cost a fifth of reading it.
 */
import { headerAt } from './contents.js';
import { detectKind, type Detection } from './detect.js';

export interface BinaryPart {
  /** Where it starts: the line of its first NUL byte (or the piece read, when that line started in an earlier one). */
  start: number;
  /** The first NUL byte's offset. */
  nul: number;
  /** Where the text resumes (a dump's first line), or the input's length. */
  end: number;
  /** A dump's first line ended it; else it ran to the end of the input. */
  resumed: boolean;
  /** The 1-based line it starts on, when known; the text resumes on line + newlines. */
  line: number | undefined;
  /** Newline bytes inside it: the empty lines it leaves. */
  newlines: number;
}

/** How many bytes at a stream's start have their lines counted. */
const LINE_BUDGET = 1 << 20;

/** How many bytes at a piece's end wait for the next: the start of a NUL byte's line, or of a dump's first line inside a binary part. */
const HOLD = 256;

const NUL = 0;
const NEWLINE = 0x0a;

/**
 * The words a dump starts with, found anywhere in binary data: the file joined before it need not
 * end with a newline (`cat dump1.txt profile.pb.gz dump2.txt`: `…\x00heap profile: 3: …`).
 */
const DUMP_WORDS = ['heap profile: ', 'goroutine profile: total ', 'goroutineleak profile: total '].map((w) => Buffer.from(w, 'latin1'));
/** A debug=2 block's header (`goroutine 1 [running]:`) counts at a line start only: its words are common. */
const BLOCK = Buffer.from('\ngoroutine ', 'latin1');

/** Newline bytes in bytes[from, to). */
export function newlinesIn(bytes: Uint8Array, from: number, to: number): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let n = 0;
  for (let at = buffer.indexOf(NEWLINE, from); at >= 0 && at < to; at = buffer.indexOf(NEWLINE, at + 1)) n++;
  return n;
}

/** Where the first dump starts in data[from…] (DUMP_WORDS, BLOCK), or -1. */
function dumpStartIn(data: Buffer, from: number): number {
  let best = -1;
  for (const word of DUMP_WORDS) {
    const at = data.indexOf(word, from);
    if (at >= 0 && (best < 0 || at < best)) best = at;
  }
  for (let at = data.indexOf(BLOCK, Math.max(0, from - 1)); at >= 0 && (best < 0 || at + 1 < best); at = data.indexOf(BLOCK, at + 1)) {
    const end = data.indexOf(NEWLINE, at + 1);
    const line = data.toString('latin1', at + 1, Math.min(end < 0 ? data.length : end, at + 1 + HOLD));
    if (headerAt(line, 0, line.length) !== undefined) return at + 1;
  }
  return best;
}

/**
 * Passes an input's bytes on, piece by piece, with its binary parts made empty lines; `parts` says
 * where they were. `start`: the offset of the first byte pushed (a file's head read before);
 * `linesBefore`: counts the lines before an offset past the budget (undefined: not known).
 */
export class BinarySkipper {
  readonly parts: BinaryPart[] = [];
  private offset: number;
  /** Newlines before `offset`, while `counting`. */
  private lines = 0;
  private counting: boolean;
  private current: BinaryPart | undefined;
  /** Inside a part: its last bytes, which may hold the start of a dump cut at the last piece's end. */
  private held: Buffer | undefined;
  /** Outside a part: the start of a line cut at the last piece's end (at most HOLD bytes), held back. */
  private tail: Buffer | undefined;
  /** Where a dump may start: past the part's first NUL byte (its own line is binary). */
  private searchFrom = 0;

  constructor(start = 0, private readonly linesBefore?: (offset: number) => number | undefined) {
    this.offset = start;
    this.counting = start === 0;
  }

  /** The pieces of text of `chunk` (its binary part replaced by its newlines), in order; none when it is all binary. */
  push(chunk: Uint8Array): Uint8Array[] {
    const base = this.offset;
    this.offset += chunk.byteLength;
    if (this.current !== undefined) {
      const held = this.held ?? Buffer.alloc(0);
      this.held = undefined;
      return this.inBinary(Buffer.concat([held, chunk]), base - held.length, 0, 0, false);
    }
    const tail = this.tail;
    this.tail = undefined;
    const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const nul = buffer.indexOf(NUL);
    if (nul >= 0) {
      // The NUL byte's line began in the tail held back: the part starts there.
      if (tail && buffer.lastIndexOf(NEWLINE, nul) < 0) return this.binaryFrom(Buffer.concat([tail, buffer]), base - tail.length, nul + tail.length);
      return [...(tail ? [tail] : []), ...this.binaryFrom(chunk, base, nul)];
    }
    this.count(chunk, 0, chunk.byteLength);
    // The last line's start is held back (when short): a NUL byte in the next piece may be on it.
    const cut = buffer.lastIndexOf(NEWLINE) + 1;
    if (cut === 0) {
      const line = tail ? Buffer.concat([tail, buffer]) : buffer;
      if (line.length > HOLD) return [line];
      this.tail = Buffer.from(line);
      return [];
    }
    if (chunk.byteLength - cut <= HOLD) this.tail = Buffer.from(buffer.subarray(cut));
    const text = this.tail ? chunk.subarray(0, cut) : chunk;
    return tail ? [tail, text] : [text];
  }

  /** The input ended: a part still open runs to its end (unless a dump starts in what was held back); a line held back is passed on. */
  end(): Uint8Array[] {
    const tail = this.tail;
    this.tail = undefined;
    if (tail) return [tail];
    const held = this.held;
    this.held = undefined;
    if (this.current === undefined) return [];
    return this.inBinary(held ?? Buffer.alloc(0), this.offset - (held?.length ?? 0), 0, 0, true);
  }

  /** A NUL byte at chunk[nul]: the text before its line, then the part from there on. */
  private binaryFrom(chunk: Uint8Array, base: number, nul: number): Uint8Array[] {
    const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const lineStart = nul === 0 ? 0 : buffer.lastIndexOf(NEWLINE, nul - 1) + 1;
    this.count(chunk, 0, lineStart);
    const line = this.counting ? this.lines + 1 : this.lineAt(base + lineStart);
    this.current = { start: base + lineStart, nul: base + nul, end: base + lineStart, resumed: false, line, newlines: 0 };
    this.searchFrom = base + nul + 1;
    const text = lineStart > 0 ? [chunk.subarray(0, lineStart)] : [];
    // A dump is looked for after the NUL byte: its own line is the binary part's.
    return [...text, ...this.inBinary(buffer, base, lineStart, nul + 1, false)];
  }

  /**
   * Inside a part from data[from] (a dump looked for from data[search]): up to where a dump starts
   * (then text again), or the data's end (`last`: the input's; else its last HOLD bytes are held).
   */
  private inBinary(data: Buffer, base: number, from: number, search: number, last: boolean): Uint8Array[] {
    const at = dumpStartIn(data, Math.max(search, this.searchFrom - base));
    const limit = last ? data.length : Math.max(from, data.length - HOLD);
    if (at >= 0 && (last || at < limit)) {
      const newlines = newlinesIn(data, from, at);
      this.close(base + at, true, newlines);
      const rest = data.subarray(at);
      // Text again: another NUL in it opens another part.
      const nul = rest.indexOf(NUL);
      if (nul < 0) this.count(rest, 0, rest.length);
      return [...this.emptyLines(newlines), ...(nul < 0 ? [rest] : this.binaryFrom(rest, base + at, nul))];
    }
    const newlines = newlinesIn(data, from, limit);
    if (last) this.close(base + data.length, false, newlines);
    else {
      this.held = Buffer.from(data.subarray(limit));
      this.close(undefined, false, newlines);
    }
    return this.emptyLines(newlines);
  }

  /** Adds `newlines` to the open part; ends it at `end` when given (`resumed`: a dump starts there). */
  private close(end: number | undefined, resumed: boolean, newlines: number): void {
    const part = this.current as BinaryPart;
    part.newlines += newlines;
    if (this.counting) this.lines += newlines;
    if (end === undefined) return;
    part.end = end;
    part.resumed = resumed;
    this.parts.push(part);
    this.current = undefined;
  }

  private emptyLines(n: number): Uint8Array[] {
    return n > 0 ? [Buffer.alloc(n, NEWLINE)] : [];
  }

  /** Counts the newlines of text passed on, within the budget. */
  private count(bytes: Uint8Array, from: number, to: number): void {
    if (!this.counting) return;
    if (this.offset > LINE_BUDGET) {
      this.counting = false;
      return;
    }
    this.lines += newlinesIn(bytes, from, to);
  }

  private lineAt(offset: number): number | undefined {
    const before = this.linesBefore?.(offset);
    return before === undefined ? undefined : before + 1;
  }
}

/**
 * What a head of text of a format and then binary data (Detection.textBefore: `cat dump1.txt
 * /bin/ls dump2.txt`) is read as: that format, its binary part skipped (BinarySkipper). Other
 * detections as they are.
 */
export function readableDetection(head: Uint8Array, detection: Detection): Detection {
  const before = detection.textBefore;
  return detection.kind === 'binary' && before !== undefined ? detectKind(head.subarray(0, before.nul)) : detection;
}
