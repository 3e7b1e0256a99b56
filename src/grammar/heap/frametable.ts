/**
 * The frames of a heap dump in a compact table: one row per distinct frame line, its fields in
 * typed columns (the PC and offset as numbers, function and file names as ids of interned
 * strings), and every stack's frames as a run of row ids in one shared column. A 100 MB dump whose
 * frames are all distinct holds about a million frame lines: as objects (a frame, its position,
 * its address and offset strings) they were most of the heap and of the garbage collector's work;
 * here they are a few numbers each. A `Frame` object is built only when a reader asks for one.
 */
import { FrameLineCache, frameFields, frameLineText, scanFrameAddress, scanFrameLine } from '../common/frames.js';
import type { CstElement } from 'chevrotain';
import { detach } from '../common/strings.js';
import { grownTypedArray } from '../../common/arrays.js';
import { canonicalHex } from './stackkeys.js';
import type { Position } from '../common/positions.js';
import type { Frame, FrameRows } from './model.js';

/** No function or file (an unsymbolized PC). */
const NONE = -1;

/** Distinct frame texts after the address kept for reuse: a real binary has tens of thousands at most. */
const MAX_SUFFIXES = 1 << 16;

/** The printed forms a number would not give back (upper case, leading zeros, more than 13 digits). */
interface OddText {
  address?: string;
  offset?: string;
}

/** A table's typed columns (rows are written before they are read: a reused column needs no zeroing). */
interface Columns {
  address: Float64Array;
  offset: Float64Array;
  fn: Int32Array;
  file: Int32Array;
  line: Float64Array;
  positionLine: Int32Array;
  positionColumn: Int32Array;
  stackFrames: Int32Array;
}

const ROWS = 1024;
/** Columns kept for reuse: at most this many sets (lint reads a few files at once on a thread), none longer than this. */
const MAX_SPARES = 8;
const MAX_SPARE_ROWS = 1 << 14;

function newColumns(): Columns {
  return {
    address: new Float64Array(ROWS), offset: new Float64Array(ROWS), fn: new Int32Array(ROWS), file: new Int32Array(ROWS),
    line: new Float64Array(ROWS), positionLine: new Int32Array(ROWS), positionColumn: new Int32Array(ROWS), stackFrames: new Int32Array(4 * ROWS),
  };
}

/**
 * The columns of the last tables released on this thread (module state is per thread), for the
 * next ones: lint reads thousands of dumps one after another (a few at a time: `--concurrency`),
 * and eight typed arrays per dump (56 KB zeroed outside the JavaScript heap, each tracked by the
 * garbage collector) were ~4 % of a lint thread's time.
 */
const spares: Columns[] = [];

/** Zero-length columns of a released table: reading it after its release finds no rows. */
const RELEASED: Columns = {
  address: new Float64Array(0), offset: new Float64Array(0), fn: new Int32Array(0), file: new Int32Array(0),
  line: new Float64Array(0), positionLine: new Int32Array(0), positionColumn: new Int32Array(0), stackFrames: new Int32Array(0),
};

export class FrameTable implements FrameRows {
  private rows = 0;
  private address: Float64Array;
  private offset: Float64Array;
  private fn: Int32Array;
  private file: Int32Array;
  /** NaN: no line. */
  private line: Float64Array;
  private positionLine: Int32Array;
  private positionColumn: Int32Array;
  private readonly odd = new Map<number, OddText>();
  private readonly names: string[] = [];
  private readonly nameIds = new Map<string, number>();
  private readonly lines = new FrameLineCache<number>();
  private readonly fields = frameFields();
  /**
   * The texts after a line's address (see fromCst), each with an id: its text, the first row with
   * it, and the id that followed it the last time it was found (stacks share call chains, so a
   * frame line's tail most often follows the same tail as before: tried with one compare before
   * the map, whose lookup hashes the whole text).
   */
  private readonly suffixIds = new Map<string, number>();
  private readonly suffixTexts: string[] = [];
  private readonly suffixRows: number[] = [];
  // The guesses and the cache's state below depend on how the input was cut into chunks, not on
  // what it says: ES private fields, outside the model that tests compare whole.
  readonly #nextSuffix: number[] = [];
  /** The id of the tail of the last frame line fromCst found or added; -1 before the first. */
  #lastSuffix = -1;
  /** The cache's size when `known` was last asked (at the chunk loop's look-ups before a chunk is parsed); -1 before. */
  #cachedWhenAsked = -1;
  /** The frames of every stack, a run of row ids per stack (HeapStack's `first` and `depth`). */
  private stackFrames: Int32Array;
  /** Ids used in `stackFrames`. */
  stackFramesEnd = 0;

  constructor() {
    const columns = spares.pop() ?? newColumns();
    this.address = columns.address;
    this.offset = columns.offset;
    this.fn = columns.fn;
    this.file = columns.file;
    this.line = columns.line;
    this.positionLine = columns.positionLine;
    this.positionColumn = columns.positionColumn;
    this.stackFrames = columns.stackFrames;
  }

  /**
   * The reader is done with every dump of this table: its columns go to the next table this
   * thread builds. Only for a caller that keeps nothing that reads the table (lint keeps
   * findings and plain summaries); the table then has no rows.
   */
  release(): void {
    if (this.address === RELEASED.address) return;
    // A very large dump's columns are not kept for the rest of the run.
    if (spares.length < MAX_SPARES && this.address.length <= MAX_SPARE_ROWS && this.stackFrames.length <= 4 * MAX_SPARE_ROWS) {
      spares.push({
        address: this.address, offset: this.offset, fn: this.fn, file: this.file, line: this.line,
        positionLine: this.positionLine, positionColumn: this.positionColumn, stackFrames: this.stackFrames,
      });
    }
    this.address = RELEASED.address;
    this.offset = RELEASED.offset;
    this.fn = RELEASED.fn;
    this.file = RELEASED.file;
    this.line = RELEASED.line;
    this.positionLine = RELEASED.positionLine;
    this.positionColumn = RELEASED.positionColumn;
    this.stackFrames = RELEASED.stackFrames;
    this.rows = 0;
    this.stackFramesEnd = 0;
  }

  /** The row of a frame line of exactly the text `text[start, end)` read before, if any. */
  known(text: string, start: number, end: number): number | undefined {
    this.#cachedWhenAsked = this.lines.size;
    return this.lines.get(text, start, end);
  }

  /**
   * The row of a parsed `frame` node (`ctx` its children, `text` the text the lexer read), added
   * if its line is new; undefined if the line does not split into frame fields.
   */
  fromCst(ctx: Record<string, CstElement[] | undefined>, text: string, position: Position): number | undefined {
    const line = frameLineText(ctx, text);
    if (line === undefined) return undefined;
    // A line that starts with its '#' (column 1) was asked of `known` by the chunk loop before the
    // chunk was parsed: only a line cached since (the same line earlier in the chunk) can have it.
    // Once the cache is full (a dump whose frames are all distinct) nothing is added, and the
    // second lookup is spared. An indented line (the lexer skips the blanks) was never asked.
    if (position.column !== 1 || this.lines.size !== this.#cachedWhenAsked) {
      const known = this.lines.get(line);
      if (known !== undefined) return known;
    }
    const f = this.fields;
    const rest = scanFrameAddress(line, f);
    if (rest < 0) return undefined;
    // The function, offset and file:line of a frame line depend on the text after its address
    // alone: lines that differ only in their PC (a dump whose PCs never repeat) share them.
    const suffix = rest < line.length ? line.slice(rest) : undefined;
    const suffixId = suffix === undefined ? -1 : this.suffixId(suffix);
    const like = suffixId < 0 ? undefined : this.suffixRows[suffixId];
    if (like === undefined && !scanFrameLine(line, f)) return undefined;
    const row = this.rows++;
    if (row === this.address.length) this.grow(row + 1);
    let odd: OddText | undefined;
    const address = canonicalHex(line, f.addressStart, f.addressEnd);
    this.address[row] = address;
    if (address < 0) odd = { address: detach(line.slice(f.addressStart, f.addressEnd)) };
    if (like !== undefined) {
      this.fn[row] = this.fn[like] as number;
      this.offset[row] = this.offset[like] as number;
      this.file[row] = this.file[like] as number;
      this.line[row] = this.line[like] as number;
      const oddOffset = this.odd.get(like)?.offset;
      if (oddOffset !== undefined) (odd ??= {}).offset = oddOffset;
    } else {
      if (f.functionStart >= 0) {
        this.fn[row] = this.nameId(line.slice(f.functionStart, f.offsetStart - 1));
        const offset = canonicalHex(line, f.offsetStart, f.offsetEnd);
        this.offset[row] = offset;
        if (offset < 0) (odd ??= {}).offset = detach(line.slice(f.offsetStart, f.offsetEnd));
      } else {
        this.fn[row] = NONE;
      }
      if (f.fileStart >= 0) {
        this.file[row] = this.nameId(line.slice(f.fileStart, f.fileEnd));
        this.line[row] = f.line;
      } else {
        this.file[row] = NONE;
        this.line[row] = NaN;
      }
      if (suffix !== undefined) this.addSuffix(suffix, row);
    }
    if (odd) this.odd.set(row, odd);
    this.positionLine[row] = position.line;
    this.positionColumn[row] = position.column;
    this.lines.set(line, row);
    return row;
  }

  /** The id of a frame line's text after its address, -1 if it is new; the guess for the next line follows it. */
  private suffixId(suffix: string): number {
    const last = this.#lastSuffix;
    const guess = last < 0 ? undefined : this.#nextSuffix[last];
    if (guess !== undefined && guess >= 0 && this.suffixTexts[guess] === suffix) {
      this.#lastSuffix = guess;
      return guess;
    }
    const id = this.suffixIds.get(suffix);
    if (id === undefined) return -1; // addSuffix links it to the last one
    if (last >= 0) this.#nextSuffix[last] = id;
    this.#lastSuffix = id;
    return id;
  }

  /** Keeps a new frame line's text after its address (first seen at `row`), while there is room. */
  private addSuffix(suffix: string, row: number): void {
    if (this.suffixTexts.length >= MAX_SUFFIXES) return;
    const id = this.suffixTexts.length;
    const own = detach(suffix);
    this.suffixTexts.push(own);
    this.suffixRows.push(row);
    this.#nextSuffix.push(-1);
    this.suffixIds.set(own, id);
    if (this.#lastSuffix >= 0) this.#nextSuffix[this.#lastSuffix] = id;
    this.#lastSuffix = id;
  }

  /** Appends a frame to the stack being read (its run is the last in `stackFrames`). */
  pushStackFrame(row: number): void {
    if (this.stackFramesEnd === this.stackFrames.length) this.stackFrames = grownTypedArray(this.stackFrames, this.stackFramesEnd + 1);
    this.stackFrames[this.stackFramesEnd++] = row;
  }

  /** The row of a stack's frame: `at` is the stack's first id plus the frame's index. */
  stackFrame(at: number): number {
    return this.stackFrames[at] as number;
  }

  functionOf(row: number): string | undefined {
    const id = this.fn[row] as number;
    return id === NONE ? undefined : this.names[id];
  }

  fileOf(row: number): string | undefined {
    const id = this.file[row] as number;
    return id === NONE ? undefined : this.names[id];
  }

  lineOf(row: number): number | undefined {
    return this.file[row] === NONE ? undefined : this.line[row];
  }

  addressOf(row: number): string {
    return this.odd.get(row)?.address ?? `0x${(this.address[row] as number).toString(16)}`;
  }

  /** The frame of a row, as a new object. */
  frame(row: number): Frame {
    const symbol = this.fn[row] !== NONE;
    const odd = this.odd.get(row);
    return {
      address: odd?.address ?? `0x${(this.address[row] as number).toString(16)}`,
      function: this.functionOf(row),
      offset: !symbol ? undefined : odd?.offset ?? `0x${(this.offset[row] as number).toString(16)}`,
      file: this.fileOf(row),
      line: this.lineOf(row),
      position: { line: this.positionLine[row] as number, column: this.positionColumn[row] as number },
    };
  }

  /** One id per distinct name, its string detached from the chunk it was cut from. */
  private nameId(name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      id = this.names.length;
      const own = detach(name);
      this.names.push(own);
      this.nameIds.set(own, id);
    }
    return id;
  }

  private grow(size: number): void {
    this.address = grownTypedArray(this.address, size);
    this.offset = grownTypedArray(this.offset, size);
    this.fn = grownTypedArray(this.fn, size);
    this.file = grownTypedArray(this.file, size);
    this.line = grownTypedArray(this.line, size);
    this.positionLine = grownTypedArray(this.positionLine, size);
    this.positionColumn = grownTypedArray(this.positionColumn, size);
  }
}
