/**
 * Binary data inside a text input (`cat dump1.txt /bin/ls dump2.txt | heapdoc`, a damaged copy):
 * the part from the start of the line that holds its first NUL byte (the whole line, however long
 * it is, up to LINE_HOLD: past that the parser refuses the line as too long, and the part starts at
 * the NUL byte) up to where a dump starts (`heap profile:`, `goroutine profile: total N`, a debug=2
 * `goroutine N [state]:` block header: contents.ts headerAt; each found also mid-line, right after
 * the binary bytes), or to the end, is skipped — its
 * newlines kept as empty lines, so every later line has its number in the file — and said as one
 * problem (kinds.ts binaryPartWords). The dumps before and after it are read: one damaged part never
 * loses the rest of a batch. Where the input is cut into pieces (a file's 64 KiB head and its MiB
 * reads, a pipe's 64 KiB, a network's packets) changes nothing of that: the same text, the same parts.
 *
 * Text without a NUL byte costs one native search a piece. The line a part starts on: a file's
 * newlines before it are counted again when there is a part (LineSource `before`); a stream's are
 * counted by its reader as the text passes (`passed`), from the first byte to the last.
 */
import { headerAt } from './contents.js';
import { detectKind, type Detection } from './detect.js';
import { MAX_LINE_CHARS } from '../grammar/common/chunks.js';

export interface BinaryPart {
  /** Where it starts: the start of the line of its first NUL byte, or that byte itself on a line longer than LINE_HOLD bytes before it. */
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

/**
 * The binary parts of one input past the first PARTS_SAID, said as one (partsSaid): how many, where
 * the first of them starts (its line, when known) and where the last one ends.
 */
export interface MoreBinaryParts {
  more: number;
  start: number;
  end: number;
  line: number | undefined;
}

/**
 * How many binary parts of one input are said each on its own (a line on stderr, a row of a
 * report); the rest are one line: 70,000 parts were 70,000 lines.
 */
export const PARTS_SAID = 5;

/** An input's binary parts as they are said: the first PARTS_SAID each on its own, then the rest as one. */
export function partsSaid(parts: readonly BinaryPart[]): (BinaryPart | MoreBinaryParts)[] {
  const rest = parts.slice(PARTS_SAID);
  const first = rest[0];
  const last = rest[rest.length - 1];
  if (first === undefined || last === undefined) return [...parts];
  return [...parts.slice(0, PARTS_SAID), { more: rest.length, start: first.start, end: last.end, line: first.line }];
}

/**
 * How a skipper learns the line a part starts on. `before`: the newlines before an offset, counted
 * again (a file, read again from its start; undefined when it cannot be). `passed`: the newlines of
 * all the text the skipper gave back before this piece (a stream's reader counts them as it decodes
 * it: the native search of a decoded string costs half a byte search's call).
 */
export type LineSource = { before: (offset: number) => number | undefined } | { passed: () => number };

/**
 * How much of a line not yet ended is held back, at most: a NUL byte later on that line makes the
 * whole line binary, whatever its length and wherever the pieces are cut. A longer line is passed
 * on (the parser refuses a line of more than MAX_LINE_CHARS characters, and this many bytes are more
 * characters than that whatever they decode to: every 4 bytes make one at least), and a
 * NUL byte later on it starts a part there. Go writes lines of a few KiB at most.
 */
const LINE_HOLD = 4 * MAX_LINE_CHARS;

/** The pieces of a line held back are copied into blocks of this size: a line that comes byte by byte is not a million buffers. */
const LINE_BLOCK = 1 << 16;

/** How many bytes at a piece's end wait for the next inside a binary part: a dump's first line cut at the piece's end. */
const HOLD = 256;

const NUL = 0;
const NEWLINE = 0x0a;

/**
 * The words a dump starts with, found anywhere in binary data: the file joined before it need not
 * end with a newline (`cat dump1.txt profile.pb.gz dump2.txt`: `…\x00heap profile: 3: …`).
 */
const DUMP_WORDS = ['heap profile: ', 'goroutine profile: total ', 'goroutineleak profile: total '].map((w) => Buffer.from(w, 'latin1'));
/**
 * A debug=2 block's header (`goroutine 1 [running]:`), found also mid-line (a dump joined right
 * after binary bytes): its words are common, so the whole line must be one, up to its `]:`.
 */
const BLOCK = Buffer.from('goroutine ', 'latin1');
const BLOCK_END = /\]:\r?$/;

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
  for (let at = data.indexOf(BLOCK, from); at >= 0 && (best < 0 || at < best); at = data.indexOf(BLOCK, at + 1)) {
    const end = data.indexOf(NEWLINE, at);
    const line = data.toString('latin1', at, Math.min(end < 0 ? data.length : end, at + HOLD));
    if (headerAt(line, 0, line.length)?.kind === 'goroutine-traceback' && BLOCK_END.test(line)) return at;
  }
  return best;
}

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * Passes an input's bytes on, piece by piece from its first byte, with its binary parts made empty
 * lines; `parts` says where they were. `lines`: how it learns a part's line.
 */
export class BinarySkipper {
  readonly parts: BinaryPart[] = [];
  /** The offset of the next byte pushed. */
  private offset = 0;
  private current: BinaryPart | undefined;
  /** Inside a part: its last bytes (from one before the last HOLD), which may hold the start of a dump cut at the last piece's end. */
  private partTail: Buffer | undefined;
  /** Outside a part: the line not yet ended at the last piece's end, held back whole (up to LINE_HOLD bytes), in blocks of LINE_BLOCK. */
  private line: Buffer[] = [];
  private lineBytes = 0;
  /** The bytes used of the line's last block. */
  private blockUsed = 0;
  /** The line not yet ended is longer than LINE_HOLD: passed on as it comes (the parser refuses it), none of it held. */
  private long = false;
  /** Where a dump may start: past the part's first NUL byte (its own line is binary). */
  private searchFrom = 0;
  /** The pieces given back by the push under way. */
  private out: Uint8Array[] = [];
  /** How many of `out` have their newlines in `outLines` (counted only when a part needs its line: once each, however many parts). */
  private outCounted = 0;
  private outLines = 0;

  constructor(private readonly lines: LineSource) {}

  /** The pieces of text of `chunk` (its binary parts replaced by their newlines), in order; none when all of it is binary or held back. */
  push(chunk: Uint8Array): Uint8Array[] {
    const base = this.offset;
    this.offset += chunk.byteLength;
    this.startOut();
    if (this.current === undefined) this.text(asBuffer(chunk), base);
    else {
      const held = this.partTail ?? Buffer.alloc(0);
      this.partTail = undefined;
      const data = Buffer.concat([held, chunk]);
      const resume = this.inBinary(data, base - held.length, 0, 0, false);
      if (resume >= 0) this.text(data.subarray(resume), base - held.length + resume);
    }
    return this.out;
  }

  /** The input ended: a part still open runs to its end (unless a dump starts in what was held back); a line held back is passed on. */
  end(): Uint8Array[] {
    this.startOut();
    while (this.current !== undefined) {
      const held = this.partTail ?? Buffer.alloc(0);
      this.partTail = undefined;
      const base = this.offset - held.length;
      const resume = this.inBinary(held, base, 0, 0, true);
      if (resume >= 0) this.text(held.subarray(resume), base + resume);
    }
    this.out.push(...this.takeLine(this.lineBytes));
    return this.out;
  }

  /**
   * Text at `base` (after the line held back): passed on up to its last line, which is held back; or
   * up to the line of a NUL byte, where a part starts, and after the part (a dump's first line) again.
   */
  private text(buffer: Buffer, base: number): void {
    for (let data = buffer, at = base; ;) {
      const nul = data.indexOf(NUL);
      if (nul < 0) {
        const cut = data.lastIndexOf(NEWLINE) + 1;
        if (cut > 0) {
          this.out.push(...this.takeLine(this.lineBytes), data.subarray(0, cut));
          this.long = false;
          if (cut < data.length) this.holdLine(data.subarray(cut));
        } else this.holdLine(data);
        return;
      }
      const newline = nul > 0 ? data.lastIndexOf(NEWLINE, nul - 1) : -1;
      // The part starts at the NUL byte's line, which may have begun in the line held back; at the NUL byte on a line longer than LINE_HOLD.
      const held = at - this.lineBytes;
      const long = newline >= 0 ? nul - newline - 1 > LINE_HOLD : this.long || this.lineBytes + nul > LINE_HOLD;
      const start = long ? at + nul : newline >= 0 ? at + newline + 1 : held;
      this.long = false;
      this.out.push(...this.takeLine(Math.min(this.lineBytes, start - held)));
      if (start > at) this.out.push(data.subarray(0, start - at));
      this.current = { start, nul: at + nul, end: start, resumed: false, line: this.lineAt(start), newlines: 0 };
      this.searchFrom = at + nul + 1;
      // A dump is looked for after the NUL byte: its own line is the binary part's.
      const resume = this.inBinary(data, at, Math.max(0, start - at), nul + 1, false);
      if (resume < 0) return;
      data = data.subarray(resume);
      at += resume;
    }
  }

  /**
   * Holds back the line not yet ended (`bytes` are its latest), copied into blocks; once it is
   * longer than LINE_HOLD, it is passed on as it comes.
   */
  private holdLine(bytes: Buffer): void {
    if (this.long) {
      this.out.push(bytes);
      return;
    }
    this.lineBytes += bytes.length;
    if (this.lineBytes > LINE_HOLD) {
      this.out.push(...this.takeLine(this.lineBytes - bytes.length), bytes);
      this.long = true;
      return;
    }
    for (let at = 0; at < bytes.length;) {
      let block = this.line[this.line.length - 1];
      if (block === undefined || this.blockUsed === block.length) {
        // The usual line held is a piece's last few bytes: a small first block. A larger piece is one copy of its own.
        block = Buffer.allocUnsafe(Math.max(bytes.length - at, this.line.length === 0 ? 256 : LINE_BLOCK));
        this.line.push(block);
        this.blockUsed = 0;
      }
      const n = bytes.copy(block, this.blockUsed, at);
      this.blockUsed += n;
      at += n;
    }
  }

  /** The first `n` bytes of the line held back, as pieces to pass on; the rest of it is dropped (a binary part's). */
  private takeLine(n: number): Buffer[] {
    const line = this.line;
    const lastUsed = this.blockUsed;
    this.line = [];
    this.lineBytes = 0;
    this.blockUsed = 0;
    // Every block is full but the last, filled up to lastUsed.
    const pieces: Buffer[] = [];
    for (let i = 0, left = n; i < line.length && left > 0; i++) {
      const block = line[i] as Buffer;
      const used = Math.min(i === line.length - 1 ? lastUsed : block.length, left);
      pieces.push(block.subarray(0, used));
      left -= used;
    }
    return pieces;
  }

  /**
   * Inside a part from data[from] (a dump looked for from data[search]): up to where a dump starts,
   * whose index is returned (text again there), or the data's end (`last`: the input's; else its last
   * HOLD bytes, and the one before them, a newline a debug=2 header may follow, are held): -1.
   */
  private inBinary(data: Buffer, base: number, from: number, search: number, last: boolean): number {
    const at = dumpStartIn(data, Math.max(search, this.searchFrom - base));
    const limit = last ? data.length : Math.max(from, data.length - HOLD);
    if (at >= 0 && (last || at < limit)) {
      const newlines = newlinesIn(data, from, at);
      this.close(base + at, true, newlines);
      this.emptyLines(newlines);
      return at;
    }
    const kept = last || limit === from ? limit : limit - 1;
    const newlines = newlinesIn(data, from, kept);
    if (last) this.close(base + data.length, false, newlines);
    else {
      this.partTail = Buffer.from(data.subarray(kept));
      this.close(undefined, false, newlines);
    }
    this.emptyLines(newlines);
    return -1;
  }

  /** Adds `newlines` to the open part; ends it at `end` when given (`resumed`: a dump starts there). */
  private close(end: number | undefined, resumed: boolean, newlines: number): void {
    const part = this.current as BinaryPart;
    part.newlines += newlines;
    if (end === undefined) return;
    part.end = end;
    part.resumed = resumed;
    this.parts.push(part);
    this.current = undefined;
  }

  private emptyLines(n: number): void {
    if (n > 0) this.out.push(Buffer.alloc(n, NEWLINE));
  }

  private startOut(): void {
    this.out = [];
    this.outCounted = 0;
    this.outLines = 0;
  }

  /** The 1-based line at `offset`, where a part starts: the text before it in this push is in `out`, not yet passed. */
  private lineAt(offset: number): number | undefined {
    if ('passed' in this.lines) {
      for (; this.outCounted < this.out.length; this.outCounted++) {
        const piece = this.out[this.outCounted] as Uint8Array;
        this.outLines += newlinesIn(piece, 0, piece.length);
      }
      return this.lines.passed() + this.outLines + 1;
    }
    const before = this.lines.before(offset);
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
