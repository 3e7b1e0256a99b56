/**
 * What every format feeds the analysis of one snapshot, whatever it was read from: a MemStats
 * block (a heap dump's, a /metrics scrape's, a /debug/vars file's) and sampled allocation sites
 * (a heap dump's records, a binary profile's samples), each optional. The analysis and its rules
 * read this, never a format's own model; the Go version and process facts (RSS, GOMEMLIMIT) a
 * format reports travel beside it as analysis options.
 */
import type { Position } from '../grammar/common/positions.js';
import type { HeapDump, MemStatsBlock, SampledSites } from '../grammar/heap/index.js';

export interface SnapshotInput {
  // Both required (undefined when absent), so that a HeapDump is never taken for one by structure.
  memStats: MemStatsBlock | undefined;
  /** The sites and the header that says how they were sampled (rate, text or protobuf). */
  sites: SampledSites | undefined;
  /** Lines in the input, for findings about its end; 0 for inputs without lines (binary, exposed). */
  lineCount: number;
  /** What a /metrics scrape says of GC pauses (it has no PauseNs ring). */
  gcPauses?: GcPauseMetrics;
  /** Objects allocated and freed by size: MemStats.BySize (/debug/vars) or a scrape's by-size histograms. */
  sizeClasses?: SizeClassTable;
  /**
   * The target labels of a scrape from a page of several processes (`job="api",instance="a:1"`):
   * snapshots of different targets are never one process's series.
   */
  target?: string;
}

/** go_gc_duration_seconds: debug.ReadGCStats' quantiles of the last min(NumGC, 256) per-cycle pauses. */
export interface PauseQuantiles {
  metric: string;
  /** [quantile, seconds], ascending (0, 0.25, 0.5, 0.75, 1 from client_golang). */
  quantiles: readonly (readonly [number, number])[];
  /** Where the top quantile's sample is. */
  position: Position | undefined;
}

/** A runtime/metrics pause histogram (go_sched_pauses_total_gc_seconds, go_gc_pauses_seconds): every pause since the start. */
export interface PauseHistogram {
  metric: string;
  /** [upper bound in seconds (`le`), cumulative count], ascending; +Inf last. */
  buckets: readonly (readonly [number, number])[];
  /** Where the bucket holding the longest pause is. */
  position: Position | undefined;
}

export interface GcPauseMetrics {
  quantiles?: PauseQuantiles;
  histogram?: PauseHistogram;
}

/** One row of a size table: objects of sizes in (previous row's size, size]. */
export interface SizeClassRow {
  /** The largest object size of the row, bytes (Infinity for a histogram's +Inf bucket). */
  size: number;
  mallocs: number;
  frees: number;
}

export interface SizeClassTable {
  /**
   * `BySize`: MemStats' 61 size classes (objects up to 18 KiB on Go 1.19; tiny allocations
   * counted as their 16-byte blocks, larger objects not at all). A metric name: client_golang's
   * allocs/frees-by-size histograms, size classes merged into powers of 2, large objects in +Inf.
   */
  source: string;
  rows: readonly SizeClassRow[];
}

/** A heap?debug=1 dump feeds both halves. */
export function heapSnapshot(dump: HeapDump): SnapshotInput {
  return { memStats: dump.memStats, sites: { header: dump.header, stacks: dump.stacks, recordCount: dump.recordCount }, lineCount: dump.lineCount };
}
