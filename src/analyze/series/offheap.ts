/**
 * Memory outside the Go heap that grows: the process's RSS rising steadily while what Go holds
 * stays flat. No MemStats field counts cgo allocations, syscall.Mmap or mmap-ed files, so only RSS
 * (a scrape's process_resident_memory_bytes, --rss) shows them.
 */
import { outsideGoHeap } from '../breakdown.js';
import { countOf, formatBytes } from '../../text/units.js';
import { steadilyRising } from './trend.js';
import type { OutsideGoHeap, SeriesPoint } from './model.js';

/** RSS rising by at least this much (and offHeapRiseShare of its first reading) across the series. */
const OFF_HEAP_MIN_RISE = 16 * 1024 * 1024;
/** …and by at least this share of its first reading. */
const OFF_HEAP_RISE_SHARE = 0.25;
/** What Go holds rose by at most this share of RSS's rise: the rise is not Go's. */
const GO_RISE_SHARE = 0.25;

/**
 * The process's RSS at every snapshot (a scrape's process_resident_memory_bytes, --rss) rising
 * steadily — by 16 MiB and a quarter of its first reading at least — while what Go holds (Sys −
 * HeapReleased) rose by a quarter of that at most, RSS ending mostly outside the Go heap
 * (outsideGoHeap): memory outside the Go heap grows. The captured go1.19-audit39-offheap-metrics
 * (4 MiB syscall.Mmap'd a second): RSS 48.4 → 192.1 MiB over five scrapes 12 s apart, Go holding
 * 15.2–15.5 MiB, was "Churn, not a leak: … the cost is GC work, not memory". Undefined otherwise.
 */
export function offHeapGrowth(points: readonly Pick<SeriesPoint, 'rss' | 'breakdown'>[]): OutsideGoHeap | undefined {
  const rss = points.map((p) => p.rss);
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || points.length < 3 || !rss.every((r): r is number => r !== undefined) || !steadilyRising(rss)) return undefined;
  const rise = (rss[rss.length - 1] ?? 0) - (rss[0] ?? 0);
  const goRise = last.breakdown.retained - first.breakdown.retained;
  if (rise < Math.max(OFF_HEAP_MIN_RISE, OFF_HEAP_RISE_SHARE * (rss[0] ?? 0)) || goRise > GO_RISE_SHARE * rise || outsideGoHeap(last.breakdown, last.rss) === undefined) return undefined;
  return { rssBytes: rss, goHeldFirstBytes: first.breakdown.retained, goHeldLastBytes: last.breakdown.retained };
}

/** `the process's RSS rose steadily, 48.4 MiB → 192.1 MiB across 5 snapshots (35.9 MiB a step on average), while what Go holds (Sys − HeapReleased) stayed flat, 15.6 MiB → 15.5 MiB`. */
export function offHeapRiseWords(g: OutsideGoHeap): string {
  const first = g.rssBytes[0] ?? 0;
  const last = g.rssBytes[g.rssBytes.length - 1] ?? 0;
  const perStep = (last - first) / (g.rssBytes.length - 1);
  return `the process's RSS rose steadily, ${formatBytes(first)} → ${formatBytes(last)} across ${countOf(g.rssBytes.length, 'snapshot')} (${formatBytes(perStep)} a step on average), while what Go holds (Sys − HeapReleased) stayed flat, ${formatBytes(g.goHeldFirstBytes)} → ${formatBytes(g.goHeldLastBytes)}`;
}

/** What grows, when RSS rises outside the Go heap. */
export const OFF_HEAP_WHAT = 'memory the Go heap does not count — cgo allocations, syscall.Mmap, mmap-ed files — is growing';

/** Where to look for it. */
export const OFF_HEAP_FIND = "Find it: /proc/PID/smaps (or pmap -x PID) read twice some time apart shows which mappings grew; for cgo, a C allocator's heap profiler (jemalloc's or tcmalloc's).";

/** The verdict's words for RSS that grows outside the Go heap, and where to look. */
export function offHeapWords(g: OutsideGoHeap): string {
  return `Leak suspected outside the Go heap: ${offHeapRiseWords(g)}: ${OFF_HEAP_WHAT}. ${OFF_HEAP_FIND}`;
}
