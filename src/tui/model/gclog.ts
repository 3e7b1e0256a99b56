/**
 * The GC log pane's charts, from a GODEBUG=gctrace=1 log's analysis: the heap at each GC as
 * columns on the log's time — what it had grown to before the GC (A, the peak) over what stayed
 * live after it (C) — and how many GCs ran in each stretch of time. Pure: numbers in, cells out.
 */
import type { GcTraceAnalysis } from '../../exposition/gctrace.js';
import { largest, smallest } from '../../common/arrays.js';

export interface HeapColumn {
  /** The largest heap before a GC among the cycles of the column (A), MB. */
  peakMB: number;
  /** The lowest live heap after a GC among them (C), MB: the floor a leak raises. */
  liveMB: number;
  /** The first and last cycle of the column (indexes into the log's cycles). */
  first: number;
  last: number;
}

/**
 * The cycles in at most `columns` columns: one column a cycle when they fit (each as wide as
 * `columns / cycles` allows, up to `maxCellsPerCycle`), else consecutive cycles merged.
 */
export function heapColumns(t: Pick<GcTraceAnalysis, 'liveMB' | 'heapStartMB'>, columns: number, maxCellsPerCycle = 3): HeapColumn[] {
  const n = t.liveMB.length;
  if (n === 0 || columns <= 0) return [];
  if (n <= columns) {
    const repeat = Math.max(1, Math.min(maxCellsPerCycle, Math.floor(columns / n)));
    return t.liveMB.flatMap((live, i) => Array.from({ length: repeat }, () => ({ peakMB: t.heapStartMB[i] ?? live, liveMB: live, first: i, last: i })));
  }
  return Array.from({ length: columns }, (_, j) => {
    const first = Math.floor((j * n) / columns);
    const last = Math.max(first, Math.floor(((j + 1) * n) / columns) - 1);
    const live = t.liveMB.slice(first, last + 1);
    const peak = t.heapStartMB.slice(first, last + 1);
    return { peakMB: Math.max(largest(peak), largest(live)), liveMB: smallest(live), first, last };
  });
}

/**
 * The cycles on the log's time (`@T`, from the first GC's start to the last's) in `columns` equal stretches, each with
 * the GCs that started in it merged (peak: max A, live: min C). A stretch no GC started in holds the live heap the GC
 * before it left (C, unshaded: the live heap as last measured). By GC number, a busy start that ran most of a log's GCs
 * took most of the chart (go1.19-audit46-workerpool: 81 of 110 GCs in the first 10 s of 67 s, its 75 MB plateau a thin
 * tail). A log of no span (one GC, or every `@T` the same) is drawn by count (heapColumns).
 */
export function heapTimeColumns(t: Pick<GcTraceAnalysis, 'liveMB' | 'heapStartMB' | 'atSeconds'>, columns: number): HeapColumn[] {
  const n = t.liveMB.length;
  const first = t.atSeconds[0] ?? 0;
  const span = (t.atSeconds[n - 1] ?? 0) - first;
  if (n === 0 || columns <= 0 || !(span > 0)) return heapColumns(t, columns, 8);
  const out: HeapColumn[] = [];
  let i = 0;
  for (let j = 0; j < columns; j++) {
    const from = i;
    while (i < n && stretchOf(t.atSeconds[i] ?? first, first, span, columns) <= j) i++;
    if (i === from) {
      const before = t.liveMB[i - 1] ?? 0;
      out.push({ peakMB: before, liveMB: before, first: i - 1, last: i - 1 });
      continue;
    }
    const live = t.liveMB.slice(from, i);
    out.push({ peakMB: Math.max(largest(t.heapStartMB.slice(from, i)), largest(live)), liveMB: smallest(live), first: from, last: i - 1 });
  }
  return out;
}

/** Which of `buckets` equal stretches of the time from `first` over `span` seconds `at` falls in (the last holds the end). */
function stretchOf(at: number, first: number, span: number, buckets: number): number {
  return span > 0 ? Math.min(buckets - 1, Math.floor(((at - first) / span) * buckets)) : 0;
}

/** Chart rows, top first: `█` up to the live heap, `░` from there to the peak, in `height` rows of `scaleMB / height` MB. */
export function heapChart(columns: readonly HeapColumn[], height: number, scaleMB: number): string[] {
  const cells = (mb: number): number => (scaleMB <= 0 ? 0 : Math.round((mb / scaleMB) * height));
  return Array.from({ length: height }, (_, r) => {
    const level = height - r;
    return columns.map((c) => (cells(c.liveMB) >= level ? '█' : cells(c.peakMB) >= level ? '░' : ' ')).join('');
  });
}

/** How many GCs started in each of `buckets` equal stretches of the log's time. */
export function gcsPerStretch(atSeconds: readonly number[], buckets: number): number[] {
  const first = atSeconds[0];
  const last = atSeconds[atSeconds.length - 1];
  if (first === undefined || last === undefined || buckets <= 0) return [];
  const span = last - first;
  const counts = new Array<number>(buckets).fill(0);
  for (const at of atSeconds) {
    const i = stretchOf(at, first, span, buckets);
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

/** The cycle where the heap peaked before a GC (the largest A; the first of equals). */
export function peakCycle(t: Pick<GcTraceAnalysis, 'heapStartMB'>): number {
  let at = 0;
  t.heapStartMB.forEach((mb, i) => {
    if (mb > (t.heapStartMB[at] ?? 0)) at = i;
  });
  return at;
}
