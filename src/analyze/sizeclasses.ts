/**
 * Where the live heap is by object size: per size class, the objects still allocated (Mallocs −
 * Frees) and the bytes they hold (× the class size). A class names the object: 10,000 live
 * objects in the 416-byte class are 10,000 values of a 385–416-byte type, or slices of that
 * capacity. MemStats.BySize is exact per class but covers only small objects (up to
 * BySize[60].Size; what HeapAlloc holds beyond the table is in larger objects); client_golang's
 * by-size histograms merge classes into powers of 2 and count large objects in +Inf, so their
 * bytes are bounds (the bucket's largest size).
 */
import type { SizeClassTable } from '../input/snapshot.js';
import type { MemStats } from './memstats.js';

export interface SizeClassLive {
  /** The largest object size of the class (a histogram bucket: of the bucket), bytes; null for +Inf. */
  size: number | null;
  /** The smallest object size it holds (the previous class's size + 1). */
  minSize: number;
  mallocs: number;
  frees: number;
  /** Mallocs − Frees. */
  liveObjects: number;
  /** BySize: liveObjects × size, exact (every object of a class takes the class size). */
  liveBytes?: number;
  /** A histogram bucket: liveObjects × its largest size, a bound; null for +Inf. */
  liveBytesAtMost?: number | null;
}

export interface SizeClassSummary {
  /** `BySize` (MemStats, exact classes) or the histogram's metric name (powers of 2, bounds). */
  source: string;
  exact: boolean;
  /** Every class, by size. */
  classes: SizeClassLive[];
  /** What the table accounts for: the sum of liveBytes (BySize), or of liveBytesAtMost (a histogram). */
  liveBytes?: number;
  liveBytesAtMost?: number;
  /** HeapAlloc − liveBytes (BySize only): the live bytes of objects larger than its last class. */
  largerBytes?: number;
  /** HeapAlloc, for the shares. */
  heapAlloc?: number;
}

/** A class's live bytes, exact or a bound. */
export function classBytes(c: SizeClassLive): number {
  return c.liveBytes ?? c.liveBytesAtMost ?? 0;
}

export function summarizeSizeClasses(table: SizeClassTable, stats: MemStats | undefined): SizeClassSummary {
  const exact = table.source === 'BySize';
  let minSize = 1;
  const classes = table.rows.map((row): SizeClassLive => {
    const live = Math.max(0, row.mallocs - row.frees);
    const size = Number.isFinite(row.size) ? row.size : null;
    const bytes = size === null ? null : live * size;
    const out = { size, minSize: Math.min(minSize, size ?? minSize), mallocs: row.mallocs, frees: row.frees, liveObjects: live, ...(exact ? { liveBytes: bytes ?? 0 } : { liveBytesAtMost: bytes }) };
    minSize = (size ?? minSize) + 1;
    return out;
  });
  const total = classes.reduce((sum, c) => sum + classBytes(c), 0);
  const heapAlloc = stats?.int('HeapAlloc');
  return {
    source: table.source,
    exact,
    classes,
    ...(exact ? { liveBytes: total } : { liveBytesAtMost: total }),
    ...(exact && heapAlloc !== undefined ? { largerBytes: Math.max(0, heapAlloc - total) } : {}),
    ...(heapAlloc !== undefined ? { heapAlloc } : {}),
  };
}

/** The classes holding the most live bytes, most first (those holding none left out). */
export function topSizeClasses(summary: SizeClassSummary, n: number): SizeClassLive[] {
  return summary.classes.filter((c) => classBytes(c) > 0).sort((a, b) => classBytes(b) - classBytes(a)).slice(0, n);
}
