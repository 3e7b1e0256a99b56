/**
 * Array helpers that hold for any length. `Math.max(...values)` and `target.push(...items)` pass
 * every element as an argument on the call stack: a few hundred thousand of them (a gctrace log's
 * GCs, a dump's diagnostics) overflow it, and the command dies with a RangeError.
 */

/** The largest of `values` (`-Infinity` for none), as Math.max of them would say. */
export function largest(values: Iterable<number>): number {
  let most = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > most || Number.isNaN(v)) most = v;
  return most;
}

/** The smallest of `values` (`Infinity` for none), as Math.min of them would say. */
export function smallest(values: Iterable<number>): number {
  let least = Number.POSITIVE_INFINITY;
  for (const v of values) if (v < least || Number.isNaN(v)) least = v;
  return least;
}

/** Appends every item to `target`, in order. */
export function appendAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}
