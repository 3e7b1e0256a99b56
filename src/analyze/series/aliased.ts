/**
 * A live heap that rose at each GC-separated snapshot under a high-water mark set before: samples
 * that may alias a periodic pattern (reasoning.md §7). HeapSys is the heap's high-water mark: it
 * never shrinks, and it grows only when the heap needs spans it has not got (in 4 MiB chunks in
 * go1.19), so a HeapSys that rose between two snapshots says the heap was that large in between. A
 * leak's heap needs more room as it grows (the heap goal is (1 + GOGC/100) times the live heap):
 * its high-water mark keeps rising with it. A rise made, for the most part, while HeapSys held at
 * a mark set earlier is a climb back toward a level the heap had already reached and left: the
 * captured go1.19-audit37/sawtooth-aliased (a cache of 4, 8, 12, 16 MiB emptied every 5th step,
 * sampled at steps 1, 7, 13, 19) read live 4.2 → 8.2 → 12.2 → 16.2 MiB, "Leak suspected (high
 * confidence)", while HeapSys was 19.7 MiB from the second snapshot on, with 10.6 MiB of it
 * already released there. Every step of the program (every/) shows the sawtooth.
 */

/** Where the high-water mark was set: between snapshots `at − 1` and `at` (indexes of the readings), to `bytes`. */
export interface AliasedPeak {
  at: number;
  bytes: number;
}

/** Of a rise, the share that must come after the high-water mark was set for the rise to be a climb back under it. */
export const UNDER_MARK_RISE_SHARE = 0.5;

/**
 * The past peak that a rising `live` (one reading per GC-separated snapshot, `heapSys` beside
 * each) climbs back under: HeapSys reached its highest between two snapshots before the last two,
 * held there at every later one, and at least UNDER_MARK_RISE_SHARE of live's rise came after it.
 * Undefined otherwise, or when a HeapSys is missing (0).
 */
export function aliasedPeak(live: readonly number[], heapSys: readonly number[]): AliasedPeak | undefined {
  const n = live.length;
  if (n < 3 || heapSys.length !== n || heapSys.some((v) => v <= 0)) return undefined;
  const mark = Math.max(...heapSys);
  const at = heapSys.findIndex((v) => v === mark);
  if (at < 1 || at > n - 2 || (heapSys[at - 1] ?? mark) >= mark) return undefined;
  const first = live[0] ?? 0;
  const last = live[n - 1] ?? 0;
  const rise = last - first;
  return rise > 0 && last - (live[at] ?? last) >= UNDER_MARK_RISE_SHARE * rise ? { at, bytes: mark } : undefined;
}
