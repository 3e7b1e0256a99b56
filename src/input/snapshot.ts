/**
 * What every format feeds the analysis of one snapshot, whatever it was read from: a MemStats
 * block (a heap dump's, a /metrics scrape's, a /debug/vars file's) and sampled allocation sites
 * (a heap dump's records, a binary profile's samples), each optional, with the Go version and the
 * process facts (RSS, GOMEMLIMIT) and where each came from: the input itself, inferred from it,
 * or given on the command line (withGivenFacts: the flags override). The analysis and its rules
 * read this, never a format's own model.
 */
import type { Position } from '../grammar/common/positions.js';
import type { HeapDump, MemStatsBlock, SampledSites } from '../grammar/heap/index.js';
import { inferGoVersion, type GoVersion } from './goversion.js';

/** Where a process fact came from: the input says so (a scrape's process_resident_memory_bytes), or a flag (--rss). */
export type FactOrigin = 'reported' | 'flag';

/** What is known of the process beyond MemStats; a heap dump contains none of these. */
export interface ProcessFacts {
  /** Resident set size when the snapshot was taken, bytes (--rss, process_resident_memory_bytes). */
  rss?: number;
  /** --rss was a bare number: bytes, unless it is the kB /proc/PID/status prints (said when RSS is implausibly small). */
  rssWithoutUnit?: boolean;
  /** The GOMEMLIMIT the process ran with, bytes (--gomemlimit, go_gc_gomemlimit_bytes). */
  gomemlimit?: number;
  /** Goroutines that exist at that moment, as the process reports them (go_goroutines); a heap dump does not say. */
  goroutines?: number;
  /** Where `rss` and `gomemlimit` came from. */
  origin?: { rss?: FactOrigin; gomemlimit?: FactOrigin };
}

/** The endpoint that wrote an exposed snapshot: a /metrics page (the Prometheus client) or a /debug/vars document (expvar). */
export type ExposedKind = 'prometheus' | 'expvar';

/** The endpoint to capture an input's MemStats again from: its exposed endpoint, else a heap dump's. */
export function captureEndpoint(exposed: ExposedKind | undefined): string {
  return exposed === 'expvar' ? '/debug/vars' : exposed === 'prometheus' ? '/metrics' : '/debug/pprof/heap?debug=1';
}

/** The facts given on the command line (--go-version, --rss, --gomemlimit): they override the input's. */
export interface GivenFacts {
  goVersion?: GoVersion | undefined;
  process?: ProcessFacts | undefined;
}

export interface SnapshotInput {
  // Both required (undefined when absent), so that a HeapDump is never taken for one by structure.
  memStats: MemStatsBlock | undefined;
  /** The sites and the header that says how they were sampled (rate, text or protobuf). */
  sites: SampledSites | undefined;
  /** Lines in the input, for findings about its end; 0 for inputs without lines (binary, exposed). */
  lineCount: number;
  /** What a /metrics scrape says of GC pauses (it has no PauseNs ring). */
  gcPauses?: GcPauseMetrics;
  /**
   * When the MemStats were captured, unix ms, when the input says (a scrape's sample timestamps,
   * a binary profile's time paired with them); a heap dump and /debug/vars do not.
   */
  capturedAtMs?: number;
  /** Objects allocated and freed by size: MemStats.BySize (/debug/vars) or a scrape's by-size histograms. */
  sizeClasses?: SizeClassTable;
  /** The Go version: reported by the input (go_info), inferred from its sites (toolchain paths), or given (GoVersion.source says which). */
  goVersion?: GoVersion | undefined;
  /** RSS and GOMEMLIMIT, reported by the input or given (ProcessFacts.origin says which). */
  process?: ProcessFacts;
  /**
   * The target labels of a scrape from a page of several processes (`job="api",instance="a:1"`):
   * snapshots of different targets are never one process's series.
   */
  target?: string;
  /** The endpoint that wrote it, when not the runtime's profile writer: what its problems are measured against. */
  exposed?: ExposedKind;
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

/** The index of the bucket holding the longest pause: the last whose cumulative count rises (-1: no pause). */
export function longestPauseBucket(buckets: PauseHistogram['buckets']): number {
  return buckets.findLastIndex(([, n], i) => n > (buckets[i - 1]?.[1] ?? 0));
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

/** A heap?debug=1 dump feeds both halves; its Go version is inferred from its frames. */
export function heapSnapshot(dump: HeapDump): SnapshotInput {
  return withInferredVersion({ memStats: dump.memStats, sites: { header: dump.header, stacks: dump.stacks, recordCount: dump.recordCount, ...(dump.cutLine !== undefined ? { cutLine: dump.cutLine } : {}) }, lineCount: dump.lineCount });
}

/** A binary profile alone: sites, no MemStats. */
export function profileSnapshot(sites: SampledSites | undefined): SnapshotInput {
  return withInferredVersion({ memStats: undefined, sites, lineCount: 0 });
}

/** The Go version inferred from the sites' frames, when the input does not report one. */
export function withInferredVersion(input: SnapshotInput): SnapshotInput {
  if (input.goVersion) return input;
  const goVersion = inferGoVersion(input.sites?.stacks ?? []);
  return goVersion ? { ...input, goVersion } : input;
}

/** The input with the facts given on the command line, which override the input's own. */
export function withGivenFacts(input: SnapshotInput, given: GivenFacts): SnapshotInput {
  const { goVersion, process } = given;
  if (!goVersion && !process) return input;
  const merged: ProcessFacts = { ...input.process, ...process };
  const origin = { ...input.process?.origin };
  if (process?.rss !== undefined) origin.rss = 'flag';
  if (process?.gomemlimit !== undefined) origin.gomemlimit = 'flag';
  if (origin.rss || origin.gomemlimit) merged.origin = origin;
  return { ...input, goVersion: goVersion ?? input.goVersion, process: merged };
}
