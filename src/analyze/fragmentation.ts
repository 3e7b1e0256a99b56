/**
 * Fragmentation that holds the memory (reasoning.md §2.6): free slots of in-use spans
 * (HeapInuse − HeapAlloc), which only objects of their span's size class can fill; a span goes
 * back to the heap (and then to the OS) only when its last object dies, so survivors spread across
 * spans keep them in use. One wording for a snapshot's verdict (verdict.ts) and a series'
 * (series/verdict.ts), so that both say it the same way (the captured go1.19-audit29-frag: 175.1
 * MiB of in-use spans holding no object beside 48.7 MiB live, through NumGC 9 → 13).
 */
import type { Breakdown } from './breakdown.js';
import { THRESHOLDS, type Thresholds } from './thresholds.js';
import { formatBytes, formatPercent } from '../text/units.js';

/** What the objects do to their spans: `its survivors keep the spans they sit in`. */
export const KEEP_THEIR_SPANS = 'keep the spans they sit in';

/**
 * Fragmentation is most of what Go holds beside the live heap (Sys − HeapReleased − HeapAlloc:
 * fragmentation, idle heap, stacks and runtime metadata), and at least heap-fragmentation's
 * fragmentationMinBytes: then it, not a past peak nor idle heap, is what the memory is.
 */
export function fragmentationHoldsTheRest(b: Breakdown, t: Pick<Thresholds, 'fragmentationMinBytes'> = THRESHOLDS): boolean {
  const rest = b.retained - b.live;
  return b.fragmentation >= t.fragmentationMinBytes && b.fragmentation > 0.5 * rest;
}

/** `86.4% of what Go holds beside the live heap`: fragmentation's share of the rest (fragmentationHoldsTheRest). */
export function shareOfTheRest(b: Breakdown): string {
  return `${formatPercent(b.fragmentation, b.retained - b.live)} of what Go holds beside the live heap`;
}

/**
 * `175.1 MiB of in-use spans hold no objects (fragmentation, 78.2% of HeapInuse)<where>, which the
 * scavenger cannot return while one object of a span lives`: `where` says how much of the memory it
 * is and when (`, the largest part of the memory at snapshots 2–4 (NumGC 9 → 13)`).
 */
export function unusedSpansWords(b: Breakdown, where: string): string {
  return `${formatBytes(b.fragmentation)} of in-use spans hold no objects (fragmentation, ${formatPercent(b.fragmentation, b.live + b.fragmentation)} of HeapInuse)${where}, which the scavenger cannot return while one object of a span lives`;
}
