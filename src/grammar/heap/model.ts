/**
 * The typed model of a heap dump. Every node keeps the input position it was read from.
 * Integers of the MemStats block are bigint: `LastGC` and `PauseEnd` are unix nanoseconds
 * (≈1.8e18), beyond what a JavaScript number holds exactly.
 */
import type { PprofFrame } from '../common/frames.js';
import type { Position } from '../common/positions.js';

export interface ProfileHeader {
  inuseObjects: number;
  inuseBytes: number;
  allocObjects: number;
  allocBytes: number;
  /** `heap` for Go; `heap_v2`, `heapz_v2`, `heapprofile` for gperftools-era files. */
  format: string;
  /** The number printed after the slash (Go prints 2 × MemProfileRate); undefined when absent. */
  rate: number | undefined;
  /**
   * `protobuf` for a binary profile (grammar/pprof) read into this model: its values are
   * already unsampled by the runtime, so analysis must not scale them again.
   */
  encoding?: 'protobuf';
  /**
   * A delta profile (net/http/pprof's heap?seconds=N: the profile's duration_nanos, in ms): its
   * values are the change over that window, in-use negative where more was freed than allocated,
   * not totals. Absent for a whole profile.
   */
  deltaMs?: number;
  position: Position;
}

/** One symbolized frame line: `#\t0x47553a\ttime.Sleep+0x3a\t\t/…/time.go:306` (common/frames.ts). */
export type Frame = PprofFrame;

/** A bucket's four counts, as the dump prints them. */
export interface BucketCounts {
  inuseObjects: number;
  inuseBytes: number;
  allocObjects: number;
  allocBytes: number;
}

/**
 * One allocation size of a stack. The runtime keys its buckets by (stack, size), so one stack
 * prints one record per size; records that repeat a (stack, size) pair are summed here.
 */
export interface SizeBucket {
  inuseObjects: number;
  inuseBytes: number;
  allocObjects: number;
  allocBytes: number;
  /** Bytes per object of this bucket (0 when the record counts no objects). */
  objectSize: number;
  /** How many records were summed into this bucket. */
  records: number;
  /** The first record of this bucket. */
  position: Position;
}

/**
 * A distinct stack (`@ 0x… 0x…`), its frames, and its records by allocation size. A text dump
 * keeps its frames in a compact table (frametable.ts): `frames` builds the frame objects on each
 * access, so a loop over every stack asks `depth` and `functionAt`/`fileAt` instead.
 */
export interface HeapStack {
  /** The raw return PCs of the `@` list, as printed. */
  readonly pcs: readonly string[];
  /** The frames, innermost first: new objects on each access. */
  readonly frames: readonly Frame[];
  /** How many frames (`frames.length`). */
  readonly depth: number;
  /** Frame `i`'s function, without building the frame. */
  functionAt(i: number): string | undefined;
  /** Frame `i`'s file, without building the frame. */
  fileAt(i: number): string | undefined;
  /** Frame `i`'s line, without building the frame. */
  lineAt(i: number): number | undefined;
  /** Frame `i` (`frames[i]`). */
  frameAt(i: number): Frame | undefined;
  /**
   * A text dump's stack: frame `i`'s row in `rows`, its dump's table of distinct frame lines (the
   * same row, the same frame), so that a reader of every frame of every stack reads each once.
   */
  rowAt?(i: number): number;
  readonly rows?: FrameRows;
  buckets: SizeBucket[];
  /** How many sizes the stack has (`buckets.length`), without building them. */
  readonly bucketCount: number;
  /**
   * Bucket `i`'s counts written into `into` (and returned), without building the bucket: a text
   * dump's buckets are numbers in columns (stacktable.ts), made objects only when `buckets` is read.
   */
  countsAt(i: number, into: BucketCounts): BucketCounts;
  /** The first record with this stack. */
  position: Position;
}

/** A text dump's distinct frame lines, field by field (frametable.ts): no frame objects. */
export interface FrameRows {
  /** The PC as printed (`0x…`). */
  addressOf(row: number): string;
  functionOf(row: number): string | undefined;
  fileOf(row: number): string | undefined;
  lineOf(row: number): number | undefined;
  /** The input line the row was first read at. */
  readLineOf(row: number): number;
  /** Gives the table's columns to the next table this thread builds (FrameTable.release). */
  release?(): void;
}

/**
 * The reader of `dumps` (one input's, every one read) keeps nothing that reads their frames: their
 * frame table's columns go to the next dump this thread reads. Here, not in the visitor, so that
 * lint's runner can call it without loading the grammar (Chevrotain) when heapdoc starts.
 */
export function releaseHeapDumps(dumps: readonly HeapDump[]): void {
  for (const dump of dumps) dump.stacks[0]?.rows?.release?.();
}

/** A stack whose frames are objects already (a binary profile's). */
export class ListedStack implements HeapStack {
  buckets: SizeBucket[] = [];

  constructor(readonly pcs: readonly string[], readonly frames: readonly Frame[], readonly position: Position) {}

  get depth(): number {
    return this.frames.length;
  }

  get bucketCount(): number {
    return this.buckets.length;
  }

  countsAt(i: number, into: BucketCounts): BucketCounts {
    const b = this.buckets[i];
    into.inuseObjects = b?.inuseObjects ?? 0;
    into.inuseBytes = b?.inuseBytes ?? 0;
    into.allocObjects = b?.allocObjects ?? 0;
    into.allocBytes = b?.allocBytes ?? 0;
    return into;
  }

  functionAt(i: number): string | undefined {
    return this.frames[i]?.function;
  }

  fileAt(i: number): string | undefined {
    return this.frames[i]?.file;
  }

  lineAt(i: number): number | undefined {
    return this.frames[i]?.line;
  }

  frameAt(i: number): Frame | undefined {
    return this.frames[i];
  }
}

/** A word is kept only for an unknown `# Name = value` line (a newer Go's field). */
export type MemStatValue = bigint | number | boolean | bigint[] | string;

export interface MemStatLine {
  /** The name as printed (`Stack`, not `StackInuse`). */
  name: string;
  value: MemStatValue | { inuse: bigint; sys: bigint };
  position: Position;
}

export interface MemStatsBlock {
  /** The `# runtime.MemStats` line; undefined when the block has no title. */
  position: Position | undefined;
  lines: MemStatLine[];
  /**
   * By `runtime.MemStats` field name: paired lines are split (`Stack` → `StackInuse`, `StackSys`);
   * unknown names are kept as printed. A field the dump does not print is absent.
   */
  fields: Map<string, MemStatValue>;
}

/** Sampled allocation sites: a heap dump's records or a binary profile's samples, with the header that says how they were sampled. */
export interface SampledSites {
  header: ProfileHeader | undefined;
  stacks: HeapStack[];
  /** Record lines read (a stack with several sizes counts once per record); a binary profile's sample count. */
  recordCount: number;
  /**
   * The input's last line, when the input ends without a line end: a frame read there may be cut
   * short (`proc.go:40` of `proc.go:4098`), so the binary's identity leaves it out
   * (analyze/series/identity.ts). Undefined for an input that ends with its line end.
   */
  cutLine?: number;
}

export interface HeapDump extends SampledSites {
  memStats: MemStatsBlock | undefined;
  /** Where a gperftools `--- Memory map: ---` trailer starts (C++ heapz files), if any. */
  memoryMap: Position | undefined;
  /** Lines in the input (the last one counted even without a final newline). */
  lineCount: number;
}

/** The printed pairs `# X = inuse / sys` and the MemStats fields they stand for. */
export const PAIRED_MEMSTATS: Readonly<Record<string, readonly [string, string]>> = {
  Stack: ['StackInuse', 'StackSys'],
  MSpan: ['MSpanInuse', 'MSpanSys'],
  MCache: ['MCacheInuse', 'MCacheSys'],
};

/** Sampling period in bytes, as pprof derives it from the header (legacy_profile.go parseHeapHeader). */
export function samplingPeriod(header: ProfileHeader | undefined): number | undefined {
  if (!header || header.rate === undefined) return undefined;
  switch (header.format) {
    case 'heap':
      return header.rate / 2; // Go prints 2 × MemProfileRate, a historical quirk
    case 'heap_v2':
    case 'heapz_v2':
      return header.rate;
    case 'heapprofile':
      return 1;
    default:
      return undefined;
  }
}

export type MemStatKind = 'integer' | 'pair' | 'array' | 'float' | 'boolean';

/**
 * Every `# Name = value` line any Go version prints (runtime/pprof writeHeapInternal,
 * runtime.MemStats), in the runtime's order. `EnableGC` was printed up to go1.6; `MaxRSS`
 * since go1.15, only where getrusage works.
 */
export const KNOWN_MEMSTATS: ReadonlyMap<string, MemStatKind> = new Map<string, MemStatKind>([
  ['Alloc', 'integer'],
  ['TotalAlloc', 'integer'],
  ['Sys', 'integer'],
  ['Lookups', 'integer'],
  ['Mallocs', 'integer'],
  ['Frees', 'integer'],
  ['HeapAlloc', 'integer'],
  ['HeapSys', 'integer'],
  ['HeapIdle', 'integer'],
  ['HeapInuse', 'integer'],
  ['HeapReleased', 'integer'],
  ['HeapObjects', 'integer'],
  ['Stack', 'pair'],
  ['MSpan', 'pair'],
  ['MCache', 'pair'],
  ['BuckHashSys', 'integer'],
  ['GCSys', 'integer'],
  ['OtherSys', 'integer'],
  ['NextGC', 'integer'],
  ['LastGC', 'integer'],
  ['PauseNs', 'array'],
  ['PauseEnd', 'array'],
  ['NumGC', 'integer'],
  ['NumForcedGC', 'integer'],
  ['GCCPUFraction', 'float'],
  ['EnableGC', 'boolean'],
  ['DebugGC', 'boolean'],
  ['MaxRSS', 'integer'],
]);
