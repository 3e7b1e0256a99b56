/** Small facts about a sequence of numbers, as the series rules read them. */

/** `slack[i]`: how far the step into values[i] may fall and still count as no fall (a sampled estimate's error); 0 without. */
export function nonDecreasing(values: readonly number[], slack: readonly number[] = []): boolean {
  return values.every((v, i) => i === 0 || v + (slack[i] ?? 0) >= (values[i - 1] ?? v));
}

/** How many steps rise strictly. */
export function risingSteps(values: readonly number[]): number {
  return values.filter((v, i) => i > 0 && v > (values[i - 1] ?? v)).length;
}

/** Grows steadily: never falls, and rises in at least two steps (one jump is a warm-up, not a trend). */
export function steadilyRising(values: readonly number[]): boolean {
  return nonDecreasing(values) && risingSteps(values) >= 2;
}

/**
 * Of a rise, the share that must come in the later half of a series for it to keep rising: a
 * cache that fills while the first snapshots are taken, then holds flat (16.5 → 16.6 MiB over
 * four GC-separated snapshots after 8.4 MiB), rose once and stopped; a leak goes on. Linear growth
 * puts a third to a half of its rise in the later half, a slowing one (√t) still ~23 %.
 */
export const LATE_RISE_SHARE = 0.2;

/** The rise goes on in the later half: from values[⌊n/2⌋] to the last, at least LATE_RISE_SHARE of the whole rise. */
export function keepsRising(values: readonly number[]): boolean {
  const first = values[0];
  const last = values[values.length - 1];
  const middle = values[Math.floor(values.length / 2)];
  if (first === undefined || last === undefined || middle === undefined || values.length < 3) return false;
  return last > first && last - middle >= LATE_RISE_SHARE * (last - first);
}
