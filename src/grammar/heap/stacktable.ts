/**
 * A text dump's stacks and their buckets while the dump is read: numbers in typed columns, no
 * object per stack or per record. A big service's dump has ~80,000 stacks and ~140,000 buckets:
 * as objects (~100 bytes each, and a number box for each count past 2^31) they were what every
 * young-generation collection of the read copied, twice, among the tokens that die at once — a
 * fifth of the whole run's time. The model's `HeapStack`s and `SizeBucket`s are views made from
 * the columns once the dump is read (`stacks`) and each time they are asked (`buckets`).
 */
import { grownTypedArray } from '../../common/arrays.js';
import type { Position } from '../common/positions.js';
import type { FrameTable } from './frametable.js';
import type { BucketCounts, Frame, FrameRows, HeapStack, SizeBucket } from './model.js';
import { StackKeys } from './stackkeys.js';

/** Numbers a bucket keeps in its page of `numberPages`: its four counts and its object size. */
const NUMBERS_PER_BUCKET = 5;
/** Integers a bucket keeps in its page of `intPages`: its records, and its first record's line and column. */
const INTS_PER_BUCKET = 3;
/** Integers a stack keeps in its page of `stackPages`: the slots below. */
const INTS_PER_STACK = 5;
/** Its first frame's place in the frame table's stack frames. */
const FIRST_FRAME = 0;
const DEPTH = 1;
/** Its first bucket (most stacks have one size). */
const FIRST_BUCKET = 2;
/**
 * How many sizes it has: the map of the others is looked up only for a stack with more than one
 * (a look-up per record and three per stack in the summary, most of them for nothing).
 */
const SIZE_COUNT = 3;
/**
 * A stack with more than one size: its place in `moreBuckets` and `bySize` (0: it has one). In the
 * stack's row, not a map by id: a realistic dump's stacks often have several sizes, and a look-up
 * in a map of 78,000 ids for each record and each stack of the summary was ~3 % of the run.
 */
const MORE_AT = 4;
/** Sizes per stack above which buckets are found through a map. */
const LINEAR_BUCKETS = 8;
/**
 * The columns are paged, PAGE_ROWS stacks or buckets a page: a column that grows by copies (four
 * times as long each time) wrote every row again at each step, into fresh memory, and left the
 * old copies to the collector: on the realistic 100 MB bench dump (78,000 stacks, 140,000
 * buckets) ~1,600 page faults and ~9 MB copied. A page is written once. The first page grows
 * from FIRST_ROWS, by copies within itself: lint reads thousands of small dumps, each with its
 * own table, and a full page of each column for each was ~250 KB of zeroed memory a dump.
 */
const PAGE_BITS = 12;
const PAGE_ROWS = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_ROWS - 1;
const FIRST_ROWS = 16;

/**
 * Makes room in `pages` (`perRow` values a row) for row `row`, the first past their room: the first
 * page grown (four times), or a new page. The rows they have room for then.
 */
function roomAfter<T extends Float64Array | Int32Array>(pages: T[], row: number, perRow: number, make: (n: number) => T): number {
  const page = row >>> PAGE_BITS;
  if (page === 0) {
    const grown = grownTypedArray(pages[0] as T, perRow * (row + 1));
    pages[0] = grown;
    return grown.length / perRow;
  }
  pages[page] = make(perRow * PAGE_ROWS);
  return (page + 1) * PAGE_ROWS;
}

/**
 * A copy of `list` with `a` and `b` after it, at its exact length. Not `concat`, which V8 runs in
 * C++ (29 million instructions on the realistic 100 MB dump's buckets).
 */
function withPair(list: readonly number[], a: number, b: number): number[] {
  const n = list.length;
  const out = new Array<number>(n + 2);
  for (let i = 0; i < n; i++) out[i] = list[i] as number;
  out[n] = a;
  out[n + 1] = b;
  return out;
}

const newInts = (n: number): Int32Array => new Int32Array(n);
const newNumbers = (n: number): Float64Array => new Float64Array(n);

export class StackTable {
  readonly keys = new StackKeys();
  /** Stack `id`'s INTS_PER_STACK integers at [INTS_PER_STACK (id & PAGE_MASK)] of page id >> PAGE_BITS. */
  private readonly stackPages: Int32Array[] = [new Int32Array(INTS_PER_STACK * FIRST_ROWS)];
  /** Stacks the pages have room for. */
  private stackRoom = FIRST_ROWS;
  /**
   * Every bucket of a stack with more than one size and its object size, in order of first sight:
   * `[bucket, size, bucket, size, …]`. The sizes beside the buckets: a stack's buckets are
   * scattered through the bucket columns (made in order of first sight), and a record's size
   * compared with each bucket's there was a cache miss per bucket (a realistic dump: 206,000 for
   * 64,000 repeated records). One array per stack, copied at its exact length while it is short: a
   * pushed-to array (or a spread one) keeps room for ~16 more, which in two arrays a stack was 7 MiB of a
   * realistic dump's heap, most of it empty, copied into the old generation.
   */
  private readonly moreBuckets: number[][] = [[]];
  /** The buckets of a stack with many sizes by object size (a buffer pool's stack has hundreds). */
  private readonly bySize: (Map<number, number> | undefined)[] = [undefined];
  /** Bucket `b`'s counts and object size at [5 (b & PAGE_MASK)] of its page of numbers, its records, line and column at [3 (b & PAGE_MASK)] of its page of ints. */
  private readonly numberPages: Float64Array[] = [new Float64Array(NUMBERS_PER_BUCKET * FIRST_ROWS)];
  private readonly intPages: Int32Array[] = [new Int32Array(INTS_PER_BUCKET * FIRST_ROWS)];
  private bucketRoom = FIRST_ROWS;
  private bucketCount = 0;

  constructor(private readonly frames: FrameTable) {}

  /** Stacks so far. */
  get size(): number {
    return this.keys.size;
  }

  /**
   * Adds the stack of the keys' last `find` (which found none), whose frames come next in the
   * frame table, with its first bucket: its id.
   */
  addStack(bucket: number): number {
    const id = this.keys.add();
    if (id === this.stackRoom) this.stackRoom = roomAfter(this.stackPages, id, INTS_PER_STACK, newInts);
    const page = this.stackPages[id >>> PAGE_BITS] as Int32Array;
    const k = INTS_PER_STACK * (id & PAGE_MASK);
    page[k + FIRST_FRAME] = this.frames.stackFramesEnd;
    page[k + DEPTH] = 0;
    page[k + FIRST_BUCKET] = bucket;
    page[k + SIZE_COUNT] = 1;
    page[k + MORE_AT] = 0;
    return id;
  }

  /** Stack `id`'s integer `slot` (FIRST_FRAME, DEPTH, …). */
  private stackInt(id: number, slot: number): number {
    return (this.stackPages[id >>> PAGE_BITS] as Int32Array)[INTS_PER_STACK * (id & PAGE_MASK) + slot] as number;
  }

  private setStackInt(id: number, slot: number, value: number): void {
    (this.stackPages[id >>> PAGE_BITS] as Int32Array)[INTS_PER_STACK * (id & PAGE_MASK) + slot] = value;
  }

  /** Appends a frame (a row of the frame table) to stack `id`, the one being read. */
  pushFrame(id: number, row: number): void {
    this.frames.pushStackFrame(row);
    const page = this.stackPages[id >>> PAGE_BITS] as Int32Array;
    const k = INTS_PER_STACK * (id & PAGE_MASK) + DEPTH;
    page[k] = (page[k] as number) + 1;
  }

  /** A new bucket: its id. */
  addBucket(counts: BucketCounts, objectSize: number, line: number, column: number): number {
    const b = this.bucketCount++;
    if (b === this.bucketRoom) {
      roomAfter(this.numberPages, b, NUMBERS_PER_BUCKET, newNumbers);
      this.bucketRoom = roomAfter(this.intPages, b, INTS_PER_BUCKET, newInts);
    }
    const numbers = this.numberPages[b >>> PAGE_BITS] as Float64Array;
    const n = NUMBERS_PER_BUCKET * (b & PAGE_MASK);
    numbers[n] = counts.inuseObjects;
    numbers[n + 1] = counts.inuseBytes;
    numbers[n + 2] = counts.allocObjects;
    numbers[n + 3] = counts.allocBytes;
    numbers[n + 4] = objectSize;
    const ints = this.intPages[b >>> PAGE_BITS] as Int32Array;
    const i = INTS_PER_BUCKET * (b & PAGE_MASK);
    ints[i] = 1;
    ints[i + 1] = line;
    ints[i + 2] = column;
    return b;
  }

  /** Adds a record's counts to bucket `b` (a record that repeats a stack and size). */
  addToBucket(b: number, counts: BucketCounts): void {
    const numbers = this.numberPages[b >>> PAGE_BITS] as Float64Array;
    const n = NUMBERS_PER_BUCKET * (b & PAGE_MASK);
    numbers[n] = (numbers[n] as number) + counts.inuseObjects;
    numbers[n + 1] = (numbers[n + 1] as number) + counts.inuseBytes;
    numbers[n + 2] = (numbers[n + 2] as number) + counts.allocObjects;
    numbers[n + 3] = (numbers[n + 3] as number) + counts.allocBytes;
    const ints = this.intPages[b >>> PAGE_BITS] as Int32Array;
    const i = INTS_PER_BUCKET * (b & PAGE_MASK);
    ints[i] = (ints[i] as number) + 1;
  }

  /** Bucket `b` as the model's object: a new one on each call. */
  bucket(b: number): SizeBucket {
    const numbers = this.numberPages[b >>> PAGE_BITS] as Float64Array;
    const n = NUMBERS_PER_BUCKET * (b & PAGE_MASK);
    const ints = this.intPages[b >>> PAGE_BITS] as Int32Array;
    const i = INTS_PER_BUCKET * (b & PAGE_MASK);
    return new Bucket(numbers[n] as number, numbers[n + 1] as number, numbers[n + 2] as number, numbers[n + 3] as number,
      ints[i] as number, numbers[n + 4] as number, ints[i + 1] as number, ints[i + 2] as number);
  }

  /** Bucket `b`'s first record's line and column. */
  bucketPosition(b: number): Position {
    const ints = this.intPages[b >>> PAGE_BITS] as Int32Array;
    const i = INTS_PER_BUCKET * (b & PAGE_MASK);
    return { line: ints[i + 1] as number, column: ints[i + 2] as number };
  }

  /** Adds bucket `b`, of a size stack `id` did not have, to the stack. */
  addSize(id: number, b: number): void {
    let k = this.stackInt(id, MORE_AT);
    if (k === 0) {
      k = this.moreBuckets.length;
      this.setStackInt(id, MORE_AT, k);
      const first = this.stackInt(id, FIRST_BUCKET);
      this.moreBuckets.push([first, this.objectSizeOf(first)]);
      this.bySize.push(undefined);
    }
    const before = this.moreBuckets[k] as number[];
    const size = this.objectSizeOf(b);
    const sizes = this.bySize[k];
    let more = before;
    if (before.length < 2 * LINEAR_BUCKETS) this.moreBuckets[k] = more = withPair(before, b, size);
    else more.push(b, size);
    this.setStackInt(id, SIZE_COUNT, more.length / 2);
    if (sizes) sizes.set(size, b);
    else if (more.length > 2 * LINEAR_BUCKETS) {
      const bySize = new Map<number, number>();
      for (let j = 0; j < more.length; j += 2) bySize.set(more[j + 1] as number, more[j] as number);
      this.bySize[k] = bySize;
    }
  }

  /** Stack `id`'s bucket of this object size, or -1 when it has none yet. */
  bucketOf(id: number, objectSize: number): number {
    const page = this.stackPages[id >>> PAGE_BITS] as Int32Array;
    const s = INTS_PER_STACK * (id & PAGE_MASK);
    const k = page[s + MORE_AT] as number;
    if (k === 0) {
      const first = page[s + FIRST_BUCKET] as number;
      return this.objectSizeOf(first) === objectSize ? first : -1;
    }
    const bySize = this.bySize[k];
    if (bySize) return bySize.get(objectSize) ?? -1;
    const more = this.moreBuckets[k] as number[];
    for (let j = 1; j < more.length; j += 2) if (more[j] === objectSize) return more[j - 1] as number;
    return -1;
  }

  /** Stack `id`'s buckets as the model's objects, new on each call. */
  bucketsOf(id: number): SizeBucket[] {
    const k = this.stackInt(id, MORE_AT);
    if (k === 0) return [this.bucket(this.stackInt(id, FIRST_BUCKET))];
    const more = this.moreBuckets[k] as number[];
    const buckets: SizeBucket[] = [];
    for (let j = 0; j < more.length; j += 2) buckets.push(this.bucket(more[j] as number));
    return buckets;
  }

  /** How many sizes stack `id` has. */
  bucketCountOf(id: number): number {
    return this.stackInt(id, SIZE_COUNT);
  }

  /** The counts of stack `id`'s bucket `i` (in order of first sight) into `into`. */
  countsOf(id: number, i: number, into: BucketCounts): BucketCounts {
    const page = this.stackPages[id >>> PAGE_BITS] as Int32Array;
    const s = INTS_PER_STACK * (id & PAGE_MASK);
    const b = i === 0 ? page[s + FIRST_BUCKET] as number : i < (page[s + SIZE_COUNT] as number) ? (this.moreBuckets[page[s + MORE_AT] as number] as number[])[2 * i] as number : -1;
    if (b < 0) {
      into.inuseObjects = 0;
      into.inuseBytes = 0;
      into.allocObjects = 0;
      into.allocBytes = 0;
      return into;
    }
    const numbers = this.numberPages[b >>> PAGE_BITS] as Float64Array;
    const n = NUMBERS_PER_BUCKET * (b & PAGE_MASK);
    into.inuseObjects = numbers[n] as number;
    into.inuseBytes = numbers[n + 1] as number;
    into.allocObjects = numbers[n + 2] as number;
    into.allocBytes = numbers[n + 3] as number;
    return into;
  }

  /** Where stack `id`'s first record is. */
  positionOf(id: number): Position {
    return this.bucketPosition(this.stackInt(id, FIRST_BUCKET));
  }

  depthOf(id: number): number {
    return this.stackInt(id, DEPTH);
  }

  /** The row of frame `i` of stack `id` in the frame table. */
  rowOf(id: number, i: number): number {
    return this.frames.stackFrame(this.stackInt(id, FIRST_FRAME) + i);
  }

  /** The model's stacks, one view each, in order of first sight. */
  stacks(): HeapStack[] {
    // Made at its length: pushed one by one, the list of a big dump's 78,000 views was copied
    // into fresh memory each time it grew.
    const stacks = new Array<HeapStack>(this.size);
    for (let id = 0; id < this.size; id++) stacks[id] = new Stack(this, this.frames, id);
    return stacks;
  }

  private objectSizeOf(b: number): number {
    return (this.numberPages[b >>> PAGE_BITS] as Float64Array)[NUMBERS_PER_BUCKET * (b & PAGE_MASK) + 4] as number;
  }
}

/**
 * A stack of the model, a view of its table: its PCs are numbers in the keys' shared column
 * (stackkeys.ts), its frames a run of ids in the frame table (frametable.ts).
 */
class Stack implements HeapStack {
  constructor(private readonly table: StackTable, private readonly frameTable: FrameTable, private readonly id: number) {}

  /** The first record with this stack: its first bucket's. */
  get position(): Position {
    return this.table.positionOf(this.id);
  }

  /** Never empty: a stack is made for its first record's bucket. New objects on each read. */
  get buckets(): SizeBucket[] {
    return this.table.bucketsOf(this.id);
  }

  get bucketCount(): number {
    return this.table.bucketCountOf(this.id);
  }

  countsAt(i: number, into: BucketCounts): BucketCounts {
    return this.table.countsOf(this.id, i, into);
  }

  get pcs(): string[] {
    return this.table.keys.pcsOf(this.id);
  }

  get depth(): number {
    return this.table.depthOf(this.id);
  }

  get frames(): Frame[] {
    const frames: Frame[] = [];
    for (let i = 0; i < this.depth; i++) frames.push(this.frameTable.frame(this.rowAt(i)));
    return frames;
  }

  functionAt(i: number): string | undefined {
    return i < this.depth ? this.frameTable.functionOf(this.rowAt(i)) : undefined;
  }

  fileAt(i: number): string | undefined {
    return i < this.depth ? this.frameTable.fileOf(this.rowAt(i)) : undefined;
  }

  lineAt(i: number): number | undefined {
    return i < this.depth ? this.frameTable.lineOf(this.rowAt(i)) : undefined;
  }

  frameAt(i: number): Frame | undefined {
    return i >= 0 && i < this.depth ? this.frameTable.frame(this.rowAt(i)) : undefined;
  }

  rowAt(i: number): number {
    return this.table.rowOf(this.id, i);
  }

  get rows(): FrameRows {
    return this.frameTable;
  }
}

/**
 * A bucket of a text dump, as the model shows it. A class, its fields set by its constructor: one
 * hidden class for every bucket. Its first record's line and column are numbers, the position
 * made when asked.
 */
class Bucket implements SizeBucket {
  constructor(
    public inuseObjects: number, public inuseBytes: number, public allocObjects: number, public allocBytes: number,
    public records: number, readonly objectSize: number, private readonly line: number, private readonly column: number,
  ) {}

  get position(): Position {
    return { line: this.line, column: this.column };
  }
}
