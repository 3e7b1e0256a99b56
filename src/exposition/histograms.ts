/**
 * The runtime/metrics histograms of a scrape that heapdoc reads (client_golang exports them when
 * the Go collector is given `WithGoCollectorRuntimeMetrics`, e.g. `collectors.MetricsGC`):
 *  - GC pauses: `go_sched_pauses_total_gc_seconds` (`/sched/pauses/total/gc:seconds`, Go 1.22+),
 *    `go_gc_pauses_seconds` (`/gc/pauses:seconds`, Go 1.17+, deprecated by the former but still
 *    exported beside it), `go_gc_pauses_seconds_total` (client_golang 1.12.0 suffixed every
 *    runtime/metrics histogram with `_total`). Each stop-the-world pause since the process
 *    started, re-bucketed by client_golang as powers of 10 (RuntimeMetricsBucketsForUnit).
 *  - Object sizes: `go_gc_heap_allocs_by_size_bytes` and `go_gc_heap_frees_by_size_bytes`
 *    (`/gc/heap/{allocs,frees}-by-size:bytes`): objects allocated and freed by size, tiny
 *    allocations excluded, the runtime's size-class buckets merged into powers of 2.
 * Buckets are cumulative, upper-bound inclusive (`le`), +Inf last.
 */
import type { Position } from '../grammar/common/positions.js';
import type { Sample } from '../grammar/prometheus/index.js';
import { longestPauseBucket, type PauseHistogram, type SizeClassRow, type SizeClassTable } from '../input/snapshot.js';

/** Pause histograms, preferred first (the newest name; the others carry the same pauses). */
const PAUSES = ['go_sched_pauses_total_gc_seconds', 'go_gc_pauses_seconds', 'go_gc_pauses_seconds_total'];
const ALLOCS = ['go_gc_heap_allocs_by_size_bytes', 'go_gc_heap_allocs_by_size_bytes_total'];
const FREES = ['go_gc_heap_frees_by_size_bytes', 'go_gc_heap_frees_by_size_bytes_total'];
const READ = new Set([...PAUSES, ...ALLOCS, ...FREES]);

interface Bucket {
  le: number;
  count: number;
  position: Position;
}

/** Collects the `_bucket` samples of the histograms above, one scrape at a time. */
export class HistogramReader {
  private readonly histograms = new Map<string, Bucket[]>();

  /** Keeps a bucket of a histogram read here (`own`: the sample's labels but the target's); false for any other sample. */
  take(sample: Sample, own: readonly (readonly [string, string])[]): boolean {
    if (!sample.name.endsWith('_bucket')) return false;
    const name = sample.name.slice(0, -'_bucket'.length);
    if (!READ.has(name)) return false;
    const [label] = own;
    const le = own.length === 1 && label?.[0] === 'le' ? (label[1] === '+Inf' ? Infinity : Number(label[1])) : NaN;
    if (Number.isNaN(le) || !Number.isFinite(sample.value.number)) return true;
    const buckets = this.histograms.get(name) ?? [];
    buckets.push({ le, count: sample.value.number, position: sample.position });
    this.histograms.set(name, buckets);
    return true;
  }

  private first(names: readonly string[]): [string, Bucket[]] | undefined {
    for (const name of names) {
      const buckets = this.histograms.get(name);
      if (buckets && buckets.length > 0) return [name, [...buckets].sort((a, b) => a.le - b.le)];
    }
    return undefined;
  }

  /** The pause histogram, with the position of the bucket that holds the longest pause. */
  pauses(): PauseHistogram | undefined {
    const found = this.first(PAUSES);
    if (!found) return undefined;
    const [metric, buckets] = found;
    const bounds = buckets.map((b) => [b.le, b.count] as const);
    const longest = buckets[longestPauseBucket(bounds)] ?? buckets[buckets.length - 1];
    return { metric, buckets: bounds, position: longest?.position };
  }

  /** Objects allocated and freed per size bucket (both histograms, with the same buckets). */
  sizes(): SizeClassTable | undefined {
    const allocs = this.first(ALLOCS);
    const frees = this.first(FREES);
    if (!allocs || !frees || allocs[1].length !== frees[1].length) return undefined;
    const rows: SizeClassRow[] = [];
    for (let i = 0; i < allocs[1].length; i++) {
      const a = allocs[1][i] as Bucket;
      const f = frees[1][i] as Bucket;
      if (a.le !== f.le) return undefined;
      // `le` is the runtime's bucket boundary (a class size + 1) made upper-inclusive: 24.999… holds sizes up to 24.
      rows.push({ size: Number.isFinite(a.le) ? Math.floor(a.le) : Infinity, mallocs: a.count - (allocs[1][i - 1]?.count ?? 0), frees: f.count - (frees[1][i - 1]?.count ?? 0) });
    }
    return { source: allocs[0], rows };
  }
}
