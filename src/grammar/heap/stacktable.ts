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

/** Numbers a bucket keeps in `numbers`: its four counts and its object size. */
const NUMBERS_PER_BUCKET = 5;
/** Integers a bucket keeps in `ints`: its records, and its first record's line and column. */
const INTS_PER_BUCKET = 3;
/** Sizes per stack above which buckets are found through a map. */
const LINEAR_BUCKETS = 8;
/** Rows each column has at first: lint reads thousands of small dumps, each with its own table. */
const FIRST_ROWS = 16;

export class StackTable {
  readonly keys = new StackKeys();
  /** Stack `id`'s first frame's place in the frame table's stack frames, at [id]; its depth at [id] of `depths`. */
  private firstFrames = new Int32Array(FIRST_ROWS);
  private depths = new Int32Array(FIRST_ROWS);
  /** Stack `id`'s first bucket (most stacks have one size). */
  private firstBuckets = new Int32Array(FIRST_ROWS);
  /**
   * How many sizes stack `id` has: the map of the others is looked up only for a stack with more
   * than one (a look-up per record and three per stack in the summary, most of them for nothing).
   */
  private sizeCounts = new Int32Array(FIRST_ROWS);
  /**
   * A stack with more than one size: its place in `moreBuckets` and `bySize` at [id] (0: it has
   * one). Columns, not maps by id: a realistic dump's stacks often have several sizes, and a
   * look-up in a map of 78,000 ids for each record and each stack of the summary was ~3 % of the run.
   */
  private moreAt = new Int32Array(FIRST_ROWS);
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
  /** Bucket `b`'s counts and object size at [5b, 5b + 5), its records, line and column at [3b, 3b + 3) of `ints`. */
  private numbers = new Float64Array(NUMBERS_PER_BUCKET * FIRST_ROWS);
  private ints = new Int32Array(INTS_PER_BUCKET * FIRST_ROWS);
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
    if (id === this.firstFrames.length) {
      this.firstFrames = grownTypedArray(this.firstFrames, id + 1);
      this.depths = grownTypedArray(this.depths, id + 1);
      this.firstBuckets = grownTypedArray(this.firstBuckets, id + 1);
      this.sizeCounts = grownTypedArray(this.sizeCounts, id + 1);
      this.moreAt = grownTypedArray(this.moreAt, id + 1);
    }
    this.firstFrames[id] = this.frames.stackFramesEnd;
    this.depths[id] = 0;
    this.firstBuckets[id] = bucket;
    this.sizeCounts[id] = 1;
    this.moreAt[id] = 0;
    return id;
  }

  /** Appends a frame (a row of the frame table) to stack `id`, the one being read. */
  pushFrame(id: number, row: number): void {
    this.frames.pushStackFrame(row);
    this.depths[id] = (this.depths[id] as number) + 1;
  }

  /** A new bucket: its id. */
  addBucket(counts: BucketCounts, objectSize: number, line: number, column: number): number {
    const b = this.bucketCount++;
    if (INTS_PER_BUCKET * b === this.ints.length) {
      this.numbers = grownTypedArray(this.numbers, NUMBERS_PER_BUCKET * (b + 1));
      this.ints = grownTypedArray(this.ints, INTS_PER_BUCKET * (b + 1));
    }
    const n = NUMBERS_PER_BUCKET * b;
    this.numbers[n] = counts.inuseObjects;
    this.numbers[n + 1] = counts.inuseBytes;
    this.numbers[n + 2] = counts.allocObjects;
    this.numbers[n + 3] = counts.allocBytes;
    this.numbers[n + 4] = objectSize;
    const i = INTS_PER_BUCKET * b;
    this.ints[i] = 1;
    this.ints[i + 1] = line;
    this.ints[i + 2] = column;
    return b;
  }

  /** Adds a record's counts to bucket `b` (a record that repeats a stack and size). */
  addToBucket(b: number, counts: BucketCounts): void {
    const n = NUMBERS_PER_BUCKET * b;
    const numbers = this.numbers;
    numbers[n] = (numbers[n] as number) + counts.inuseObjects;
    numbers[n + 1] = (numbers[n + 1] as number) + counts.inuseBytes;
    numbers[n + 2] = (numbers[n + 2] as number) + counts.allocObjects;
    numbers[n + 3] = (numbers[n + 3] as number) + counts.allocBytes;
    const i = INTS_PER_BUCKET * b;
    this.ints[i] = (this.ints[i] as number) + 1;
  }

  /** Bucket `b` as the model's object: a new one on each call. */
  bucket(b: number): SizeBucket {
    const n = NUMBERS_PER_BUCKET * b;
    const i = INTS_PER_BUCKET * b;
    const numbers = this.numbers;
    const ints = this.ints;
    return new Bucket(numbers[n] as number, numbers[n + 1] as number, numbers[n + 2] as number, numbers[n + 3] as number,
      ints[i] as number, numbers[n + 4] as number, ints[i + 1] as number, ints[i + 2] as number);
  }

  /** Bucket `b`'s first record's line and column. */
  bucketPosition(b: number): Position {
    const i = INTS_PER_BUCKET * b;
    return { line: this.ints[i + 1] as number, column: this.ints[i + 2] as number };
  }

  /** Adds bucket `b`, of a size stack `id` did not have, to the stack. */
  addSize(id: number, b: number): void {
    let k = this.moreAt[id] as number;
    if (k === 0) {
      k = this.moreBuckets.length;
      this.moreAt[id] = k;
      const first = this.firstBuckets[id] as number;
      this.moreBuckets.push([first, this.objectSizeOf(first)]);
      this.bySize.push(undefined);
    }
    const before = this.moreBuckets[k] as number[];
    const size = this.objectSizeOf(b);
    const sizes = this.bySize[k];
    let more = before;
    if (before.length < 2 * LINEAR_BUCKETS) this.moreBuckets[k] = more = before.concat(b, size);
    else more.push(b, size);
    this.sizeCounts[id] = more.length / 2;
    if (sizes) sizes.set(size, b);
    else if (more.length > 2 * LINEAR_BUCKETS) {
      const bySize = new Map<number, number>();
      for (let j = 0; j < more.length; j += 2) bySize.set(more[j + 1] as number, more[j] as number);
      this.bySize[k] = bySize;
    }
  }

  /** Stack `id`'s bucket of this object size, or -1 when it has none yet. */
  bucketOf(id: number, objectSize: number): number {
    const k = this.moreAt[id] as number;
    if (k === 0) {
      const first = this.firstBuckets[id] as number;
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
    const k = this.moreAt[id] as number;
    if (k === 0) return [this.bucket(this.firstBuckets[id] as number)];
    const more = this.moreBuckets[k] as number[];
    const buckets: SizeBucket[] = [];
    for (let j = 0; j < more.length; j += 2) buckets.push(this.bucket(more[j] as number));
    return buckets;
  }

  /** How many sizes stack `id` has. */
  bucketCountOf(id: number): number {
    return this.sizeCounts[id] as number;
  }

  /** The counts of stack `id`'s bucket `i` (in order of first sight) into `into`. */
  countsOf(id: number, i: number, into: BucketCounts): BucketCounts {
    const b = i === 0 ? this.firstBuckets[id] as number : i < (this.sizeCounts[id] as number) ? (this.moreBuckets[this.moreAt[id] as number] as number[])[2 * i] as number : -1;
    const n = NUMBERS_PER_BUCKET * b;
    const numbers = this.numbers;
    into.inuseObjects = b < 0 ? 0 : numbers[n] as number;
    into.inuseBytes = b < 0 ? 0 : numbers[n + 1] as number;
    into.allocObjects = b < 0 ? 0 : numbers[n + 2] as number;
    into.allocBytes = b < 0 ? 0 : numbers[n + 3] as number;
    return into;
  }

  /** Where stack `id`'s first record is. */
  positionOf(id: number): Position {
    return this.bucketPosition(this.firstBuckets[id] as number);
  }

  depthOf(id: number): number {
    return this.depths[id] as number;
  }

  /** The row of frame `i` of stack `id` in the frame table. */
  rowOf(id: number, i: number): number {
    return this.frames.stackFrame((this.firstFrames[id] as number) + i);
  }

  /** The model's stacks, one view each, in order of first sight. */
  stacks(): HeapStack[] {
    const stacks: HeapStack[] = [];
    for (let id = 0; id < this.size; id++) stacks.push(new Stack(this, this.frames, id));
    return stacks;
  }

  private objectSizeOf(b: number): number {
    return this.numbers[NUMBERS_PER_BUCKET * b + 4] as number;
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
