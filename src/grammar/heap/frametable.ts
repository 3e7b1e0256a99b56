/**
 * The frames of a heap dump in a compact table: one row per distinct frame line, its PC a number
 * and its symbol (function, offset, file:line) the id of a form, and every stack's frames as a run
 * of row ids in one shared column. A form is a distinct text after the address: lines that differ
 * only in their PC (inlined copies, a dump whose PCs never repeat) share one. A 100 MB dump whose
 * frames are all distinct holds about a million frame lines: as objects (a frame, its position,
 * its address and offset strings) they were most of the heap and of the garbage collector's work;
 * here they are 16 bytes each. A `Frame` object is built only when a reader asks for one.
 */
import { FrameLineCache, frameFields, scanFrameAddress, scanFrameLine, type FrameFields } from '../common/frames.js';
import { detach } from '../common/strings.js';
import { canonicalHex } from './stackkeys.js';
import { grownTypedArray } from '../../common/arrays.js';
import type { Frame, FrameRows } from './model.js';

/** No function or file (an unsymbolized PC); no form (a line without a symbol). */
const NONE = -1;

const MAX_INT32 = 0x7fffffff;

/** Distinct frame texts after the address kept for reuse: a real binary has tens of thousands at most. */
const MAX_SUFFIXES = 1 << 16;

/** A row's printed forms a number would not give back (upper case, leading zeros, more than 13 digits), and what is rare. */
interface OddRow {
  address?: string;
  /** A line that does not start in column 1 (the lexer skips blanks before an indented `#`). */
  column?: number;
}

/** A form's odd texts. */
interface OddForm {
  offset?: string;
  /** A line number past the 32-bit column (the column holds -1). */
  line?: number;
}

/**
 * The table is paged: rows in pages of PAGE_ROWS, stack frames in pages of STACK_PAGE_IDS. A
 * column that doubles (or quadruples) as it fills copies itself at each step and leaves most of
 * its last step untouched but allocated; in a 100 MB dump whose frames are all distinct (a
 * million rows) those copies and first touches were 8 % of the CPU. A page is written once.
 */
const PAGE_BITS = 12;
const PAGE_ROWS = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_ROWS - 1;
/**
 * Per row, in its page of integers: its form and the line the frame was read at; its PC is in its
 * page of numbers. 16 bytes a row: at 32 (the symbol's fields in every row) the worst case's
 * million rows touched ~4,000 more pages of fresh memory, ~10 µs a page fault here.
 */
const INTS_PER_ROW = 2;
/** Per form: the function's and the file's name ids (NONE: none) and the line; its offset is a number of its own. */
const INTS_PER_FORM = 3;
/**
 * 1,024 ids a stack page: the second page is then taken within the first ~70 records, before V8
 * optimizes the functions that fill it. With 16,384 (the page a 100 MB dump's ~1.1 million frames
 * were first cut in) the first new page came after them: a call optimized code had never seen,
 * which threw the chunk loop's optimized code away to compile it again (docs/performance.md,
 * the twenty-sixth session).
 */
const STACK_PAGE_BITS = 10;
const STACK_PAGE_IDS = 1 << STACK_PAGE_BITS;
const STACK_PAGE_MASK = STACK_PAGE_IDS - 1;
/**
 * The first stack page starts at 16 ids and grows four times within itself (to 1,024), so that
 * the call that makes room (pushStackFrame) runs at frames 16, 64 and 256, with type feedback.
 * Taken whole at the dump's first frame, that branch first ran before V8 had given the function
 * feedback, and next at frame 1,024 inside the optimized `pushFrame`, which was thrown away there
 * ("insufficient type feedback", or "wrong map" at the list's first page) and compiled again.
 */
const FIRST_STACK_IDS = 16;

/** Pages kept for reuse on this thread (module state is per thread): at most this many of each kind. */
const MAX_SPARE_PAGES = 8;

/**
 * Pages of the tables released on this thread, for the next ones: lint reads thousands of dumps
 * one after another (a few at a time: `--concurrency`), and new typed arrays per dump (zeroed
 * outside the JavaScript heap, each tracked by the garbage collector) were ~4 % of a lint
 * thread's time. Rows are written before they are read: a reused page needs no zeroing.
 */
const spares = { numbers: [] as Float64Array[], ints: [] as Int32Array[], stacks: [] as Int32Array[] };

function keepSpares<T>(pages: T[], into: T[]): void {
  for (let i = 0; i < pages.length && into.length < MAX_SPARE_PAGES; i++) into.push(pages[i] as T);
}

export class FrameTable implements FrameRows {
  private rows = 0;
  /** Row r's PC at [r & PAGE_MASK] of page r >> PAGE_BITS. */
  private numberPages: Float64Array[] = [];
  /** Row r's form (NONE: none) and the line it was read at, from [2 (r & PAGE_MASK)] of its page. */
  private intPages: Int32Array[] = [];
  private readonly odd = new Map<number, OddRow>();
  private forms = 0;
  /** Form f's function id, file id and line at [3f]. */
  private formInts = new Int32Array(INTS_PER_FORM * 16);
  /** Form f's offset at [f]. */
  private formOffsets = new Float64Array(16);
  private readonly oddForms = new Map<number, OddForm>();
  private readonly names: string[] = [];
  private readonly nameIds = new Map<string, number>();
  private readonly lines = new FrameLineCache<number>();
  private readonly fields = frameFields();
  /**
   * The texts after a line's address (see fromLine), each with an id: its text, its form, and the
   * id that followed it the last time it was found (stacks share call chains, so a frame line's
   * tail most often follows the same tail as before: tried with one compare before the map, whose
   * lookup hashes the whole text).
   */
  private readonly suffixIds = new Map<string, number>();
  private readonly suffixTexts: string[] = [];
  private readonly suffixForms: number[] = [];
  // The guesses and the cache's state below depend on how the input was cut into chunks, not on
  // what it says: ES private fields, outside the model that tests compare whole.
  readonly #nextSuffix: number[] = [];
  /** The id of the tail of the last frame line fromLine found or added; -1 before the first. */
  #lastSuffix = -1;
  /** The cache's size when `known` was last asked (at the chunk loop's look-ups before a chunk is parsed); -1 before. */
  #cachedWhenAsked = -1;
  /** The frames of every stack, a run of row ids per stack (HeapStack's `first` and `depth`), in pages of STACK_PAGE_IDS. */
  private stackPages: Int32Array[] = [];
  /** Ids the stack pages have room for (the first page grows: FIRST_STACK_IDS). */
  private stackRoom = 0;
  /** Ids used in the stack pages. */
  stackFramesEnd = 0;

  /**
   * The reader is done with every dump of this table: its pages go to the next table this
   * thread builds. Only for a caller that keeps nothing that reads the table (lint keeps
   * findings and plain summaries); the table then has no rows (a second call gives nothing).
   */
  release(): void {
    keepSpares(this.numberPages, spares.numbers);
    keepSpares(this.intPages, spares.ints);
    // A first page that did not grow whole is short: a later table would take it for a whole one.
    keepSpares(this.stackPages.filter((page) => page.length === STACK_PAGE_IDS), spares.stacks);
    this.numberPages = [];
    this.intPages = [];
    this.stackPages = [];
    this.stackRoom = 0;
    this.rows = 0;
    this.stackFramesEnd = 0;
  }

  /** The row of a frame line of exactly the text `text[start, end)` read before, if any. */
  known(text: string, start: number, end: number): number | undefined {
    this.#cachedWhenAsked = this.lines.size;
    return this.lines.get(text, start, end);
  }

  /**
   * The row of a parsed frame line, `line` its text (without its line end), read at input line
   * `lineNumber` from `column`: added if the line is new; undefined if it does not split into
   * frame fields.
   */
  fromLine(line: string, lineNumber: number, column: number): number | undefined {
    // A line that starts with its '#' (column 1) was asked of `known` by the chunk loop before the
    // chunk was parsed: only a line cached since (the same line earlier in the chunk) can have it.
    // Once the cache is full (a dump whose frames are all distinct) nothing is added, and the
    // second lookup is spared. An indented line (the lexer skips the blanks) was never asked.
    if (column !== 1 || this.lines.size !== this.#cachedWhenAsked) {
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
    let form = suffixId < 0 ? NONE : this.suffixForms[suffixId] as number;
    if (form === NONE && suffix !== undefined) {
      if (!scanFrameLine(line, f)) return undefined;
      form = this.addForm(line, f);
      this.addSuffix(suffix, form);
    }
    const row = this.rows++;
    const slot = row & PAGE_MASK;
    if (slot === 0) this.addPages();
    const address = canonicalHex(line, f.addressStart, f.addressEnd);
    (this.numberPages[row >>> PAGE_BITS] as Float64Array)[slot] = address;
    const ints = this.intPages[row >>> PAGE_BITS] as Int32Array;
    ints[slot * INTS_PER_ROW] = form;
    ints[slot * INTS_PER_ROW + 1] = lineNumber;
    if (address < 0 || column !== 1) {
      const odd: OddRow = {};
      if (address < 0) odd.address = detach(line.slice(f.addressStart, f.addressEnd));
      if (column !== 1) odd.column = column;
      this.odd.set(row, odd);
    }
    this.lines.set(line, row);
    return row;
  }

  /** A new form: the symbol of a frame line whose fields `f` holds. */
  private addForm(line: string, f: FrameFields): number {
    const form = this.forms++;
    this.formInts = grownTypedArray(this.formInts, INTS_PER_FORM * this.forms);
    this.formOffsets = grownTypedArray(this.formOffsets, this.forms);
    const k = form * INTS_PER_FORM;
    let odd: OddForm | undefined;
    if (f.functionStart >= 0) {
      this.formInts[k] = this.nameId(line.slice(f.functionStart, f.offsetStart - 1));
      const offset = canonicalHex(line, f.offsetStart, f.offsetEnd);
      this.formOffsets[form] = offset;
      if (offset < 0) odd = { offset: detach(line.slice(f.offsetStart, f.offsetEnd)) };
    } else {
      this.formInts[k] = NONE;
    }
    if (f.fileStart >= 0) {
      this.formInts[k + 1] = this.nameId(line.slice(f.fileStart, f.fileEnd));
      if (f.line <= MAX_INT32) this.formInts[k + 2] = f.line;
      else {
        this.formInts[k + 2] = -1;
        (odd ??= {}).line = f.line;
      }
    } else {
      this.formInts[k + 1] = NONE;
    }
    if (odd) this.oddForms.set(form, odd);
    return form;
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

  /** Keeps a new frame line's text after its address (its form `form`), while there is room. */
  private addSuffix(suffix: string, form: number): void {
    if (this.suffixTexts.length >= MAX_SUFFIXES) return;
    const id = this.suffixTexts.length;
    const own = detach(suffix);
    this.suffixTexts.push(own);
    this.suffixForms.push(form);
    this.#nextSuffix.push(-1);
    this.suffixIds.set(own, id);
    if (this.#lastSuffix >= 0) this.#nextSuffix[this.#lastSuffix] = id;
    this.#lastSuffix = id;
  }

  /** Appends a frame to the stack being read (its run is the last in the stack pages). */
  pushStackFrame(row: number): void {
    const at = this.stackFramesEnd++;
    if (at === this.stackRoom) this.addStackRoom(at);
    (this.stackPages[at >>> STACK_PAGE_BITS] as Int32Array)[at & STACK_PAGE_MASK] = row;
  }

  /** Room for stack frame id `at`, the first past the room: the first page grown, or a new page (FIRST_STACK_IDS). */
  private addStackRoom(at: number): void {
    const pages = this.stackPages;
    if (at >= STACK_PAGE_IDS) {
      pages.push(spares.stacks.pop() ?? new Int32Array(STACK_PAGE_IDS));
      this.stackRoom = at + STACK_PAGE_IDS;
      return;
    }
    // A spare page is whole: the first page grows no more.
    const first = at === 0 ? spares.stacks.pop() ?? new Int32Array(FIRST_STACK_IDS) : grownTypedArray(pages[0] as Int32Array, at + 1);
    pages[0] = first;
    this.stackRoom = first.length;
  }

  /** The row of a stack's frame: `at` is the stack's first id plus the frame's index. */
  stackFrame(at: number): number {
    const page = this.stackPages[at >>> STACK_PAGE_BITS];
    return page === undefined ? NONE : page[at & STACK_PAGE_MASK] as number;
  }

  /** Row `row`'s integer `field` (0 its form, 1 the line it was read at); NONE when released. */
  private int(row: number, field: number): number {
    const page = this.intPages[row >>> PAGE_BITS];
    return page === undefined ? NONE : page[(row & PAGE_MASK) * INTS_PER_ROW + field] as number;
  }

  /** Row `row`'s PC; NaN when released. */
  private pc(row: number): number {
    const page = this.numberPages[row >>> PAGE_BITS];
    return page === undefined ? NaN : page[row & PAGE_MASK] as number;
  }

  /** Row `row`'s form's integer `field` (0 function, 1 file, 2 line); NONE without a form. */
  private formInt(row: number, field: number): number {
    const form = this.int(row, 0);
    return form === NONE ? NONE : this.formInts[form * INTS_PER_FORM + field] as number;
  }

  functionOf(row: number): string | undefined {
    const id = this.formInt(row, 0);
    return id === NONE ? undefined : this.names[id];
  }

  fileOf(row: number): string | undefined {
    const id = this.formInt(row, 1);
    return id === NONE ? undefined : this.names[id];
  }

  lineOf(row: number): number | undefined {
    if (this.formInt(row, 1) === NONE) return undefined;
    const line = this.formInt(row, 2);
    return line >= 0 ? line : this.oddForms.get(this.int(row, 0))?.line;
  }

  readLineOf(row: number): number {
    return this.int(row, 1);
  }

  addressOf(row: number): string {
    return this.odd.get(row)?.address ?? `0x${this.pc(row).toString(16)}`;
  }

  /** The frame of a row, as a new object. */
  frame(row: number): Frame {
    const form = this.int(row, 0);
    const symbol = this.formInt(row, 0) !== NONE;
    const odd = this.odd.get(row);
    return {
      address: odd?.address ?? `0x${this.pc(row).toString(16)}`,
      function: this.functionOf(row),
      offset: !symbol ? undefined : this.oddForms.get(form)?.offset ?? `0x${(this.formOffsets[form] as number).toString(16)}`,
      file: this.fileOf(row),
      line: this.lineOf(row),
      position: { line: this.int(row, 1), column: odd?.column ?? 1 },
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

  /** The pages of the next PAGE_ROWS rows. */
  private addPages(): void {
    this.numberPages.push(spares.numbers.pop() ?? new Float64Array(PAGE_ROWS));
    this.intPages.push(spares.ints.pop() ?? new Int32Array(PAGE_ROWS * INTS_PER_ROW));
  }
}
