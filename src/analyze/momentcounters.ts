/**
 * Whether two captures are one moment by their cumulative counters (moments.ts groups a moment's
 * captures with it; series/forced.ts pairs a plain dump with the ?gc=1 dump of its moment). Apart
 * from moments.ts so that the series can read it without importing the snapshot analysis back.
 */
import { formatCount } from '../text/units.js';
import type { MemStats } from './memstats.js';

/** What the counters are read from: a snapshot's MemStats, if any. */
interface Counted {
  stats: Pick<MemStats, 'int'> | undefined;
}

/**
 * Whether two captures named as one moment can be one by their cumulative counters: a capture
 * script fetches a moment's endpoints back to back, so between two of them the process runs only
 * for a request or two, and TotalAlloc (which only rises) rises by what it allocates meanwhile,
 * the handlers' own rendering included: at most 4 MiB, or an eighth of the larger TotalAlloc (a
 * process allocates at some rate over its whole life; a fetch lasts a small part of it). Measured
 * on real captures: go1.19/exposition's `metrics.N.txt`, `vars.N.json`, `heap.N.txt` fetched
 * together differ by up to 5.6 %, go1.19-pprof's (1.4 GB allocated) by 5.9 %, the offheap
 * scenario's young process by 2.3 MB (32 %); `leak/`'s moments 4 s apart by 21 % or more, so
 * `heap.1.txt` beside `metrics.5.txt` (TotalAlloc 6,964,296 and 40,700,880) are two moments,
 * whatever their names. NumGC is no measure: a busy process ends several GCs during one fetch
 * (go1.19-pprof: 296 and 300 in one moment). Where either has no MemStats (a binary profile
 * alone), the name decides: nothing else places it.
 */
export function countersAgree(a: Counted, b: Counted): boolean {
  return counterGap(a, b) === undefined;
}

/** The tolerance of countersAgree: what TotalAlloc may rise between two fetches of one moment. */
const MOMENT_ALLOC_SLACK = { bytes: 4 << 20, fraction: 1 / 8 } as const;

/** The counter two captures disagree on, with each one's value (`TotalAlloc 6,964,296 and 40,700,880`); undefined when they agree. */
export function counterGap(a: Counted, b: Counted): string | undefined {
  const totalA = a.stats?.int('TotalAlloc');
  const totalB = b.stats?.int('TotalAlloc');
  if (totalA === undefined || totalB === undefined) return undefined;
  const slack = Math.max(MOMENT_ALLOC_SLACK.bytes, MOMENT_ALLOC_SLACK.fraction * Math.max(totalA, totalB));
  return Math.abs(totalA - totalB) > slack ? `TotalAlloc ${formatCount(totalA)} and ${formatCount(totalB)}` : undefined;
}
