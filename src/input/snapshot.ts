/**
 * What every format feeds the analysis of one snapshot, whatever it was read from: a MemStats
 * block (a heap dump's, a /metrics scrape's, a /debug/vars file's) and sampled allocation sites
 * (a heap dump's records, a binary profile's samples), each optional. The analysis and its rules
 * read this, never a format's own model; the Go version and process facts (RSS, GOMEMLIMIT) a
 * format reports travel beside it as analysis options.
 */
import type { HeapDump, MemStatsBlock, SampledSites } from '../grammar/heap/index.js';

export interface SnapshotInput {
  // Both required (undefined when absent), so that a HeapDump is never taken for one by structure.
  memStats: MemStatsBlock | undefined;
  /** The sites and the header that says how they were sampled (rate, text or protobuf). */
  sites: SampledSites | undefined;
  /** Lines in the input, for findings about its end; 0 for inputs without lines (binary, exposed). */
  lineCount: number;
}

/** A heap?debug=1 dump feeds both halves. */
export function heapSnapshot(dump: HeapDump): SnapshotInput {
  return { memStats: dump.memStats, sites: { header: dump.header, stacks: dump.stacks, recordCount: dump.recordCount }, lineCount: dump.lineCount };
}
