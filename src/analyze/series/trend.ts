/** Small facts about a sequence of numbers, as the series rules read them. */

export function nonDecreasing(values: readonly number[]): boolean {
  return values.every((v, i) => i === 0 || v >= (values[i - 1] ?? v));
}

/** How many steps rise strictly. */
export function risingSteps(values: readonly number[]): number {
  return values.filter((v, i) => i > 0 && v > (values[i - 1] ?? v)).length;
}

/** Grows steadily: never falls, and rises in at least two steps (one jump is a warm-up, not a trend). */
export function steadilyRising(values: readonly number[]): boolean {
  return nonDecreasing(values) && risingSteps(values) >= 2;
}
