/**
 * What the memory endpoints Go services expose (`/metrics`, `/debug/vars`) say about one process
 * at one moment: the runtime.MemStats fields they carry, by their Go names, and the facts a heap
 * dump lacks (RSS, Go version, goroutines, GOMEMLIMIT). A field the source does not carry is
 * absent — unknown, never 0.
 */
import type { MemStatLine, MemStatValue } from '../grammar/heap/index.js';
import type { Position } from '../grammar/common/positions.js';
import type { ExposedKind, GcPauseMetrics, SizeClassTable } from '../input/snapshot.js';

export type { ExposedKind } from '../input/snapshot.js';

export interface ExposedProcess {
  /** Resident set size, bytes (process_resident_memory_bytes). */
  rss?: number;
  /**
   * Where `rss` came from when not from this input: the scrape of the same moment it was read from
   * (a heap dump or /debug/vars kept for a moment whose /metrics scrape was folded into it:
   * analyze/snapshot.ts withReportedRss).
   */
  rssFrom?: string;
  /** What `rssFrom` calls the RSS when it is no scrape: `VmRSS`, an RSS file given as --rss FILE (input/rssfile.ts). */
  rssMetric?: string;
  /**
   * `flag` when `rss` is the one --rss SIZE gave (the latest snapshot's, or each dump's with
   * --separately), not what this input or its moment's scrape reported; absent otherwise.
   */
  rssOrigin?: 'flag';
  /** The memory limit, bytes (go_gc_gomemlimit_bytes); absent when the source does not say. */
  gomemlimit?: number;
  gogcPercent?: number;
  gomaxprocs?: number;
  goroutines?: number;
  threads?: number;
  /** Unix seconds the process started (process_start_time_seconds): a change means a restart. */
  startTimeSeconds?: number;
  /** The process's arguments (expvar `cmdline`). */
  cmdline?: readonly string[];
}

export interface ExposedSnapshot {
  /** The input, and which scrape of it when it holds several (`metrics.txt#2`, `… job="api"`). */
  source: string;
  kind: ExposedKind;
  /** The `job`/`instance` labels of a scrape's samples (a federation page holds several targets). */
  target?: Readonly<Record<string, string>>;
  /** MemStats fields by Go name, as a heap dump's block would hold them (integers as bigint). */
  fields: Map<string, MemStatValue>;
  /** Where each field was read (the name is the field's). */
  lines: MemStatLine[];
  /** Where this snapshot starts in its input. */
  position: Position | undefined;
  /** `go1.19.8` exactly as the process reports it (go_info, or undefined). */
  goVersion: string | undefined;
  process: ExposedProcess;
  /** The time of the capture when the source records it (sample timestamps), unix ms. */
  capturedAtMs: number | undefined;
  /** GC pauses (a scrape: go_gc_duration_seconds' quantiles, a pause histogram); the MemStats ring is in `fields`. */
  gcPauses?: GcPauseMetrics;
  /** Objects allocated and freed by size (MemStats.BySize, or a scrape's by-size histograms). */
  sizeClasses?: SizeClassTable;
  /** Other published values (expvar vars beside memstats and cmdline), as parsed. */
  extras?: Readonly<Record<string, unknown>>;
}

/** Every MemStats field a snapshot can have, in runtime.MemStats order (for "unknown" lists). */
export const MEMSTATS_FIELDS = [
  'Alloc', 'TotalAlloc', 'Sys', 'Lookups', 'Mallocs', 'Frees', 'HeapAlloc', 'HeapSys', 'HeapIdle', 'HeapInuse',
  'HeapReleased', 'HeapObjects', 'StackInuse', 'StackSys', 'MSpanInuse', 'MSpanSys', 'MCacheInuse', 'MCacheSys',
  'BuckHashSys', 'GCSys', 'OtherSys', 'NextGC', 'LastGC', 'PauseTotalNs', 'PauseNs', 'PauseEnd', 'NumGC',
  'NumForcedGC', 'GCCPUFraction', 'EnableGC', 'DebugGC',
] as const;

/** The MemStats fields a snapshot does not carry, in MemStats order. */
export function unknownFields(snapshot: { fields: ReadonlyMap<string, unknown> }): string[] {
  return MEMSTATS_FIELDS.filter((name) => !snapshot.fields.has(name));
}
