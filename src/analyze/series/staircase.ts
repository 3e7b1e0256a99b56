/**
 * A staircase (reasoning.md §7): a live heap, or a site, that rose, held, and rose again, never
 * falling, is no plateau. A buffer or slice that keeps growing climbs so: bytes.Buffer doubles its
 * capacity when it is full (append grows a large slice by about a quarter), each time a new, larger
 * copy, and then holds until that copy fills. The captured go1.19-audit28-bufgrow (a request log in
 * a global bytes.Buffer, never reset; live after ?gc=1 16.2 → 32.2 → 32.2 → 64.2 → 64.2 → 64.2 MiB)
 * was "A plateau, not a leak … it grew once, then stopped"; 36 s of the same program read
 * 32.2 → 256.2 MiB. A level that held and did not last says the level held at the end is no sign
 * the growth stopped: the series' verdict and the GC log's cannot tell yet.
 */

/** A rise of a staircase: the step into values[at], from `from` to `to`. */
export interface StairRise {
  at: number;
  from: number;
  to: number;
}

/** The steps of `values` that rise by minRise(the value before) or more; every other step holds (or falls). */
export function stepRises(values: readonly number[], minRise: (from: number) => number): StairRise[] {
  return values.flatMap((to, at) => {
    const from = values[at - 1];
    return at > 0 && from !== undefined && to - from >= minRise(from) ? [{ at, from, to }] : [];
  });
}

/**
 * Whether the rises of values that never fell (stepRises) are a staircase: two or more, and a step
 * between two of them that held. Rises at consecutive steps, then a level held, are a fill that
 * stopped (a cache loaded once, 8.4 → 16.5 MiB, then 16.6 MiB for four snapshots): no staircase.
 * `risen`: every step that rose by a stair's rise, where `rises` keeps only some (a sampled site's,
 * beyond its sampling error): a step among them rose, short of proof, and held nothing. The captured
 * go1.19-audit46-workerpool-watch's main.worker, 30.6 → 35.3 → 53.3 → 58.6 → 74.6 MiB, its +4.7 and
 * +5.3 MiB within sampling error, was "rose, held and rose again" beside a pool that grew at every poll; a
 * step under a quarter of the proven rises around it still held.
 */
export function isStaircase(rises: readonly StairRise[], risen: readonly StairRise[] = rises): boolean {
  const first = rises[0];
  const last = rises[rises.length - 1];
  if (first === undefined || last === undefined || rises.length < 2) return false;
  const rose = new Map(risen.map((r) => [r.at, r.to - r.from]));
  const size = (r: StairRise): number => r.to - r.from;
  for (let at = first.at + 1; at < last.at; at++) {
    const rise = rose.get(at);
    if (rise === undefined) return true;
    // A rise short of proof under a quarter of the proven rises around it held its level all the same: the captured
    // go1.19-map-series grow/'s map, 39.3 → 78.6 → 86.6 → 157.3 MiB (+8.0 MiB of sampled overflow buckets between two
    // doublings), where workerpool-watch's +5.3 MiB beside rises of +18.0 and +16.0 MiB is a step of its climb.
    const before = rises.filter((r) => r.at < at).at(-1);
    const after = rises.find((r) => r.at > at);
    if (before && after && !rises.some((r) => r.at === at) && rise < Math.min(size(before), size(after)) / 4) return true;
  }
  return false;
}

/** Every rise doubled its level (to twice where it was, within a tenth): as a bytes.Buffer grows. */
export function doublesAtEachRise(rises: readonly StairRise[]): boolean {
  return rises.length > 0 && rises.every((r) => r.from > 0 && Math.abs(r.to - 2 * r.from) <= 0.2 * r.from);
}

/** What climbs a staircase, as far as it is known: a map's buckets (their stacks show the runtime's map code), a buffer or slice (a site's frame), or either (a GC log, which names no site). */
export type Climber = 'map' | 'buffer' | 'any';

/**
 * Why a staircase is no plateau, said after its rises in the series' verdict and the GC log's:
 * `a staircase, doubling at each rise, as a buffer or slice that keeps growing climbs …`; `map`:
 * what climbs is a map's buckets (the sites that rose with it: profile.ts AllocationSite.mapBuckets),
 * whose bucket array doubles when the map fills (runtime.hashGrow); `any`: a GC log's floors, which
 * a map climbs as a buffer does (the captured go1.19-audit44-intern's interning map, 3 → 7 → 13 → 26 MB).
 */
export function staircaseWords(rises: readonly StairRise[], climber: Climber = 'buffer'): string {
  const doubling = doublesAtEachRise(rises) ? ', doubling at each rise' : '';
  const climbs = climber === 'map'
    ? 'a map that keeps growing climbs (its bucket array doubles when the map is full: a new array twice the size, which holds until it fills)'
    : climber === 'any'
      ? "a map, buffer or slice that keeps growing climbs (a map's bucket array doubles when the map is full, bytes.Buffer doubles its capacity when it is full, append grows a large slice by about a quarter: each time a new, larger array, which holds until it fills)"
      : 'a buffer or slice that keeps growing climbs (bytes.Buffer doubles its capacity when it is full, append grows a large slice by about a quarter: each time a new, larger copy, which holds until it fills)';
  return `a staircase${doubling}, as ${climbs}: it held before and rose again, so that it holds at the end is no sign it stopped`;
}
