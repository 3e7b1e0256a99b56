/** Small facts about a sequence of numbers, as the series rules read them. */
import { largest, smallest } from '../../common/arrays.js';

/** `slack[i]`: how far the step into values[i] may fall and still count as no fall (a sampled estimate's error); 0 without. */
export function nonDecreasing(values: readonly number[], slack: readonly number[] = []): boolean {
  return values.every((v, i) => i === 0 || v + (slack[i] ?? 0) >= (values[i - 1] ?? v));
}

/**
 * Of a series' average rise per step, the share one step may fall back and still be no fall: an
 * exact counter (HeapAlloc) also moves by what was allocated and freed around the moment it was
 * read (the dump's own buffers, a request in flight), the way a sampled site moves by one sample.
 * A steady slow leak after ?gc=1 (HeapAlloc 467,312 → 1,794,040 over 12 snapshots, +120,612 a
 * step on average) fell once by 6,432 bytes; a fall of half a step or more is a reversal.
 */
export const FALL_NOISE_SHARE_OF_STEP = 0.5;

/** The slack, per step, that lets nonDecreasing ignore falls within FALL_NOISE_SHARE_OF_STEP of the average rise; none when the series did not rise. */
export function riseNoiseSlack(values: readonly number[]): number[] {
  const first = values[0] ?? 0;
  const last = values[values.length - 1] ?? 0;
  const step = values.length > 1 && last > first ? (last - first) / (values.length - 1) : 0;
  return values.map((_, i) => (i === 0 ? 0 : FALL_NOISE_SHARE_OF_STEP * step));
}

/**
 * What one step must rise by to count as a rise of a reading (risingSteps' slack): beyond half the series' average step
 * (riseNoiseSlack, as its falls) or beyond what a reading's own noise cannot make — `least` (1 MiB for the live heap) and
 * PEAK_STEP_FALL_SHARE of the level before, as a past peak's falls are read (fallingSincePeak) — whichever is less. The
 * captured go1.19-audit42-batch's +3.5 KiB and +2.6 KiB beside one step of +150.0 MiB are no rises; the captured
 * go1.19-audit-live/01-watch-leak-then-dies's +2.5 MiB beside one of +7.6 MiB (3 readings, half an average step 2.5 MiB) is one.
 */
export function riseStepSlack(values: readonly number[], least: number): number[] {
  return riseNoiseSlack(values).map((half, i) => (i === 0 ? 0 : Math.min(half, Math.max(least, PEAK_STEP_FALL_SHARE * (values[i - 1] ?? 0)))));
}

/**
 * The slack of a rise that one step may fall back by and still count as no fall: per step,
 * riseNoiseSlack's share of the average rise — the live heap's rule — plus `slack` (a sampled
 * estimate's one sample). One rule for the live heap and a site: a leak's site read across plain
 * and ?gc=1 dumps (main.openConn 95.7 → 91.0 → 182.4 → 177.1 → … → 459.6 MiB, a few finalizers run
 * at each forced GC) fell by 4–5 MiB, 9 samples, at each forced GC while it rose by 40 MiB a step.
 * A sampled site moves by the program's noise and by its sampling's both, so the two add: the
 * captured go1.19-audit37/intern's main.makeKey (keys a map keeps forever, between GCs), 1.0 → 2.0
 * → 3.5 → 2.5 → 8.5 MiB, fell by 2 samples (1.0 MiB) where half its average rise is 960 KiB and one
 * sample 512 KiB: the larger alone made it "no site grows" beside a live heap whose own one fall was noise.
 */
export function fallSlack(values: readonly number[], slack: readonly number[] = []): number[] {
  return riseNoiseSlack(values).map((noise, i) => noise + (slack[i] ?? 0));
}

/**
 * An old copy is at least this share of what the site holds after it is freed: half the new array,
 * which holds most of a map site's bytes. A fall of less is a sampled site's noise, not an array:
 * the captured go1.19-audit/plateau's main.load, 9.1 → 16.6 → 14.6 → 17.1 MiB on 18 → 33 → 29 → 34
 * samples of a cache's entries, fell by 14 % of what followed.
 */
export const OLD_COPY_MIN_SHARE = 0.25;

/**
 * The readings that held an array's old copy beside its new one (reasoning.md §7): a map that
 * fills allocates a bucket array twice the size and keeps the old one (runtime/map.go hashGrow:
 * h.oldbuckets) until every old bucket is evacuated, a few per insert or delete (growWork), so a
 * reading taken in between counts both — above the trend by at most the old array, half of the
 * new — and the next falls back by the old array once it is freed. Such a fall is no fall of what
 * is kept: the captured go1.19-audit44-intern's map, main.go:21, 2.3 → 4.5 → 9.0 → 10.0 → 27.6 →
 * 18.1 → 19.6 MiB (gctrace gc 9 `36->36->35 MB` mid-grow, gc 11 `39->39->26 MB` after), was
 * dropped from the growing sites. A fall into values[j] beyond `slack[j]`, and by OLD_COPY_MIN_SHARE
 * of values[j] or more, is such an overlap's end when the readings just before it stand above
 * values[j] by half of it or less (plus the slack)
 * and, before them, a reading is at values[j] or below: the fall lands no lower than where the
 * rise began. The indexes of those readings, in order; a same-size grow (a map with many overflow
 * buckets after deletes) keeps an old array as large as the new and is not read so; nor is a fall
 * that freed several objects of the site's own size (`objects`: in-use objects per reading; manyAlikeFreed).
 */
export function growOverlaps(values: readonly number[], slack: readonly number[] = [], error: readonly number[] = [], objects: readonly number[] = []): number[] {
  const at: number[] = [];
  for (let j = 1; j < values.length; j++) {
    const after = values[j] ?? 0;
    const s = slack[j] ?? 0;
    const fall = (values[j - 1] ?? 0) - after;
    // `error[j]`: the fall's sampling error; within it, sampled small objects moved, no array was freed (an old copy is one object, exact when large).
    if (fall <= s || fall <= (error[j] ?? 0) || fall < OLD_COPY_MIN_SHARE * after || manyAlikeFreed(values, objects, j - 1)) continue;
    let k = j - 1;
    while (k >= 0 && (values[k] ?? 0) > after + s && (values[k] ?? 0) - after <= after / 2 + s) k--;
    if (k >= 0 && (values[k] ?? 0) <= after + s) for (let i = k + 1; i < j; i++) at.push(i);
  }
  return at;
}

/** The least objects a fall frees that, all of the size the site's objects had, say many objects went, not one array's old copy. */
const MANY_FREED = 3;

/**
 * Whether the fall after reading `i` freed several objects of the size the site's objects already
 * had (their average within a quarter before and after): objects of one kind dropped, not one
 * array's old copy, which leaves the average far from what it was. The captured
 * go1.19-audit35-between's grew/ (a cache of 64 KiB blocks cut from 2 to 1.5 MiB, 18 → 10 objects of
 * 65 KiB) read as an old copy and made "Leak suspected"; go1.19-audit44-intern's map (28.3 MiB in
 * 1,822 estimated objects, then 18.1 MiB in one) is one.
 */
function manyAlikeFreed(bytes: readonly number[], objects: readonly number[], i: number): boolean {
  const [b0, b1, o0, o1] = [bytes[i] ?? 0, bytes[i + 1] ?? 0, objects[i] ?? 0, objects[i + 1] ?? 0];
  if (o0 - o1 < MANY_FREED || o0 <= 0 || o1 <= 0) return false;
  const [before, after] = [b0 / o0, b1 / o1];
  return Math.abs(before - after) <= 0.25 * Math.max(before, after);
}

/** `values` with each reading of `overlaps` (growOverlaps) read as the one after its run: what the array kept, its old copy left out. */
export function withoutOldCopies(values: readonly number[], overlaps: readonly number[]): number[] {
  const held = new Set(overlaps);
  const out = [...values];
  for (let i = out.length - 2; i >= 0; i--) if (held.has(i)) out[i] = out[i + 1] ?? 0;
  return out;
}

/** The steps that fall: where (the index of the lower value) and by how much. */
export function falls(values: readonly number[]): { at: number; by: number }[] {
  return values.flatMap((v, i) => (i > 0 && v < (values[i - 1] ?? v) ? [{ at: i, by: (values[i - 1] ?? v) - v }] : []));
}

/** The largest fall of a series, if it has one (the first of equal ones). */
export function largestFall(values: readonly number[]): { at: number; by: number } | undefined {
  return falls(values).reduce<{ at: number; by: number } | undefined>((big, f) => (big && big.by >= f.by ? big : f), undefined);
}

/**
 * How many steps rise strictly; `slack[i]`: a step into values[i] that rises by no more is no rise,
 * (riseStepSlack: the least of half the average step and what a reading's own noise cannot make).
 * The captured go1.19-audit42-batch's ?gc=1 dumps, 204.3 → 207.8 → 202.7 → 205.3 KiB, then 150.2 MiB
 * inside a batch, rose "at 3 of 4 steps" by +3.5 KiB and +2.6 KiB: one step held all of the rise.
 */
export function risingSteps(values: readonly number[], slack: readonly number[] = []): number {
  return values.filter((v, i) => i > 0 && v - (values[i - 1] ?? v) > (slack[i] ?? 0)).length;
}

/**
 * Strictly higher at each step, with two values at least. `slack[i]`: a step into values[i] that
 * rises by no more is no rise (riseNoiseSlack: the captured go1.19-audit27-limit/limit-gc1's HeapAlloc,
 * 22,190,224 → 22,190,496 → 22,190,512 → 22,190,928 → 30,579,736 bytes, rose "at every step" by
 * the dumps' own few hundred bytes, all of its rise one step: "Leak suspected (high confidence)").
 */
export function risesAtEveryStep(values: readonly number[], slack: readonly number[] = []): boolean {
  return values.length >= 2 && values.every((v, i) => i === 0 || v - (values[i - 1] ?? v) > (slack[i] ?? 0));
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

/** Where a series' later half begins (keepsRising, onlyMoves): values[⌊n/2⌋]. */
export function laterHalfFrom(values: readonly unknown[]): number {
  return Math.floor(values.length / 2);
}

/** The rise goes on in the later half: from values[⌊n/2⌋] to the last, at least LATE_RISE_SHARE of the whole rise. */
export function keepsRising(values: readonly number[]): boolean {
  const first = values[0];
  const last = values[values.length - 1];
  const middle = values[laterHalfFrom(values)];
  if (first === undefined || last === undefined || middle === undefined || values.length < 3) return false;
  return last > first && last - middle >= LATE_RISE_SHARE * (last - first);
}

/**
 * values[at] comes back: after it the series falls to `share` of it or below, then rises above
 * that again. A mid-cycle HeapAlloc that does is a sawtooth's top (garbage piling up between GCs),
 * not a past peak (the captured go1.19-audit-work/05-memlimit: 49.5 → 15.9 → 43.2 → 15.9 → 47.7 MiB).
 */
export function recursAfterFall(values: readonly number[], at: number, share: number): boolean {
  const level = share * (values[at] ?? 0);
  const fell = values.findIndex((v, i) => i > at && v <= level);
  return fell > 0 && values.some((v, i) => i > fell && v > level);
}

/**
 * The least-squares slope of `ys` over `xs` (the rise of y per unit of x of the line nearest every
 * point): the trend of all the readings, where the first against the last reads only two of them
 * (a heap that rose and fell back grew by its ends alone). Undefined with fewer than two points or
 * when every x is the same.
 */
export function trendSlope(xs: readonly number[], ys: readonly number[]): number | undefined {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return undefined;
  let [sx, sy] = [0, 0];
  for (let i = 0; i < n; i++) {
    sx += xs[i] ?? 0;
    sy += ys[i] ?? 0;
  }
  const [mx, my] = [sx / n, sy / n];
  let [sxy, sxx] = [0, 0];
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    sxy += dx * ((ys[i] ?? 0) - my);
    sxx += dx * dx;
  }
  return sxx > 0 ? sxy / sxx : undefined;
}

/** The first index from which every value stays within `share` of the last one (values.length - 1 at worst). */
export function settledFrom(values: readonly number[], share: number): number {
  const last = values[values.length - 1] ?? 0;
  let from = values.length - 1;
  while (from > 0 && Math.abs((values[from - 1] ?? 0) - last) <= share * Math.max(last, 1)) from--;
  return from;
}

/**
 * Where a rise that stopped began to hold: the first index from which every value stays within
 * `share` of the last, when that is past the first reading and no later than the series' middle
 * (it held through the later half at least, as a plateau of the live heap does: verdict.ts) and
 * the last is above the first; undefined for values still rising. The captured
 * go1.19-audit36/mapclear's main.fill, 0 → 80.8 → 146.6 MiB then 146.6 MiB at five GCs, was
 * "Growing, but not yet evidence".
 */
export function heldFrom(values: readonly number[], share: number): number | undefined {
  return values.length >= 3 ? plateauFrom(values, share) : undefined;
}

/**
 * Where values that rose settled (settledFrom), when that is past the first reading and the last is
 * above the first, and either no later than the series' middle (laterHalfFrom: they held through
 * the later half at least) with at least PLATEAU_MIN_HELD readings from it to the end, or a hold
 * of its own, however long the series (heldTail); undefined otherwise. The live heap's plateau
 * (verdict.ts judge) and a site's hold (heldFrom) are this one test.
 */
export function plateauFrom(values: readonly number[], share: number): number | undefined {
  const at = settledFrom(values, share);
  const [first, last] = [values[0] ?? 0, values[values.length - 1] ?? 0];
  if (at === 0 || last <= first) return undefined;
  return (at <= laterHalfFrom(values) && values.length - at >= PLATEAU_MIN_HELD) || heldTail(values, share) !== undefined ? at : undefined;
}

/**
 * A hold read this many times or more is one whatever came before it (heldTail): three steps, each
 * a GC or more apart in a series (one reading per GC epoch), that a rise still going on would
 * have risen over.
 */
export const PLATEAU_HOLD_READINGS = 4;

/**
 * The hold rule (reasoning.md §7 "A rise that stopped and held"): where values that rose settled
 * (settledFrom: every reading from there within `share` of the last) when PLATEAU_HOLD_READINGS
 * readings or more held there, moving among themselves by no more than half the average step of
 * the rise before them (FALL_NOISE_SHARE_OF_STEP, the noise the live heap's rise allows its
 * falls): growth that stopped, whatever the series' length. The "later half" of plateauFrom weighs
 * a hold against the readings before it, so that a long series needs a longer hold: the captured
 * go1.19-audit46-workerpool-watch (12 polls of a pool grown to 295 workers, then idle), NextGC ÷ 2
 * 2.3 → … → 74.0 → 77.3 MiB ×4 at GCs 97–102, was "Leak suspected … rising at 7 of 11 steps" where
 * its ?gc=1 series, the same hold in 6 dumps, was "A plateau, not a leak". A rise that goes on
 * within `share` of its last (a long series of a steady leak: 37 → 38 → 39 → 40 MiB) moves by a
 * whole step at each and holds nowhere. Undefined otherwise.
 */
export function heldTail(values: readonly number[], share: number): number | undefined {
  const at = settledFrom(values, share);
  const held = values.slice(at);
  const [first, settled] = [values[0] ?? 0, values[at] ?? 0];
  if (at === 0 || held.length < PLATEAU_HOLD_READINGS || settled <= first) return undefined;
  return largest(held) - smallest(held) <= (FALL_NOISE_SHARE_OF_STEP * (settled - first)) / at ? at : undefined;
}

/**
 * The rise goes on (keepsRising) and has not stopped and held at the end (heldTail): what a leak's
 * rise of the live heap, a site, a goroutine group or the stacks is, read in a series.
 */
export function stillRising(values: readonly number[], share: number): boolean {
  return keepsRising(values) && heldTail(values, share) === undefined;
}

/**
 * A plateau holds over at least this many readings from where it settled: one reading after a
 * rise is where the rise ended, not a level it stayed at (the captured go1.19-audit39-ttlcache's
 * two ?gc=1 dumps, 12.4 → 109.1 MiB, were "rose … by snapshot 14, then stayed near 109.1 MiB
 * through snapshot 14").
 */
export const PLATEAU_MIN_HELD = 2;

/**
 * Values that move, not grow: they fell at a step, and none in the later half is above the highest
 * of the earlier half (from values[⌊n/2⌋] on, as keepsRising splits them) — up and back again, as a
 * sampled site's one-sample jitter goes (the captured go1.19-audit36/pool's sync.Pool New site,
 * 0 → 544.7 KiB → 544.7 KiB → 1.1 MiB → 544.7 KiB → 544.7 KiB → 1.1 MiB, was listed as growing). A
 * rise that dips at every step but goes on past its earlier highs is growth (go1.19-audit29-series'
 * main.openConn, 95.7 → 91.0 → 182.4 → 177.1 → … → 462.8 → 459.6 MiB).
 */
export function onlyMoves(values: readonly number[]): boolean {
  if (values.length < 3 || !values.some((v, i) => i > 0 && v < (values[i - 1] ?? 0))) return false;
  const middle = laterHalfFrom(values);
  return Math.max(...values.slice(middle)) <= Math.max(...values.slice(0, middle + 1));
}

/**
 * Of a past peak, the share of it one step after it must fall by (beside an absolute least: the
 * reading's own noise) to be a fall: the captured go1.19-audit41-sessions, a janitor working off
 * 51,770 sessions of 8 KiB at ~175 a second, fell 413.8 → 400.1 → 386.3 MiB (3.3 % a step).
 */
export const PEAK_STEP_FALL_SHARE = 0.02;

/** A peak is being worked off from this many falling steps after it: one fall is a reading, two are a trend. */
export const PEAK_FALL_MIN_STEPS = 2;

/**
 * A past peak being worked off: the highest value (its last reading when repeated), then a fall at
 * each of the PEAK_FALL_MIN_STEPS or more steps since, each by more than `minFall` and
 * PEAK_STEP_FALL_SHARE of the peak — what a reading's own noise cannot make. `at`: the peak's
 * index; `steps`: the steps since; `by`: the peak less the last value. Undefined otherwise. The
 * captured go1.19-audit41-sessions, 137.8 → 238.6 → 340.4 → 413.8 → 400.1 → 386.3 MiB, was "A
 * plateau … stayed near 386.3 MiB", and with three to ten falls "Cannot tell yet … whether it keeps rising".
 */
export function fallingSincePeak(values: readonly number[], minFall: number): { at: number; steps: number; by: number } | undefined {
  if (values.length === 0) return undefined;
  const top = largest(values);
  const at = values.lastIndexOf(top);
  const steps = values.length - 1 - at;
  const least = Math.max(minFall, PEAK_STEP_FALL_SHARE * top);
  if (steps < PEAK_FALL_MIN_STEPS || !values.every((v, i) => i <= at || (values[i - 1] ?? v) - v > least)) return undefined;
  return { at, steps, by: top - (values[values.length - 1] ?? top) };
}

/**
 * A rise that slows at every step (reasoning.md §7): each step clearly smaller than the one before,
 * as a cache filling a bounded key set rises (a coupon collector's curve: each new key rarer than the
 * last). The captured go1.19-audit41-satcache (a map keyed by rand.Intn(50000), 1 KiB values), live
 * after ?gc=1 11.7 → 31.2 → 39.9 → 44.9 → 48.2 → … → 51.5 MiB, each step about half the last, was
 * "Leak suspected (high confidence)" from 5 dumps and "A plateau" from 6: the verdict flip-flopped
 * as dumps were added. A leak rises by what the program does a step, about alike at each.
 */
export interface SlowingRise {
  /** Where the slowing steps begin: values[from] is the value before the first of them. */
  from: number;
  /** The steps, each into values[from + 1 + i], in order: each clearly smaller than the one before. */
  steps: number[];
  /** The steps' ratio, one to the next (geometric mean over the steps). */
  ratio: number;
  /** Where the rise is heading: the last value plus what steps shrinking at that ratio would add, at most. */
  toward: number;
}

/** One step of a slowing rise is at most this share of the one before (a leak's steps are about alike, within their noise)… */
export const SLOWING_STEP_RATIO = 0.8;
/** …and its steps shrink by this ratio or less, one to the next, on average (satcache's ?gc=1 dumps: 0.45–0.65; its profiles' 0.2–0.74). */
export const SLOWING_MEAN_RATIO = 0.7;
/** A slowing rise has at least this many steps (two ratios): one smaller step after another is a warm-up's end as much. */
export const SLOWING_MIN_STEPS = 3;

/**
 * The rise at the end of `values` that slows at every step (SlowingRise): the longest run of steps
 * up to the last, each a rise beyond `error[i]` (the step into values[i]; a sampled estimate's error, 0
 * for an exact count) and at most SLOWING_STEP_RATIO of the one before, SLOWING_MIN_STEPS of them at
 * least, shrinking by SLOWING_MEAN_RATIO or less on average. A last step within its error (a sample
 * or so gained) is the rise that has stopped: it ends the run without breaking it. Undefined when not.
 */
export function slowingRise(values: readonly number[], error: readonly number[] = []): SlowingRise | undefined {
  const n = values.length;
  const step = (i: number): number => (values[i] ?? 0) - (values[i - 1] ?? 0);
  // A last step within its error: held, not a rise; the run before it is read.
  let end = n - 1;
  while (end > 1 && Math.abs(step(end)) <= (error[end] ?? 0)) end--;
  if (step(end) <= (error[end] ?? 0)) return undefined;
  let start = end;
  while (start > 1 && step(start - 1) > (error[start - 1] ?? 0) && step(start) <= SLOWING_STEP_RATIO * step(start - 1)) start--;
  const steps = values.slice(start, n).map((_, i) => step(start + i));
  const rising = end - start + 1;
  if (rising < SLOWING_MIN_STEPS) return undefined;
  const ratio = (step(end) / step(start)) ** (1 / (rising - 1));
  if (ratio > SLOWING_MEAN_RATIO) return undefined;
  const last = values[n - 1] ?? 0;
  // What the steps after the last rising one would add, shrinking at the ratio (a geometric series), at most.
  return { from: start - 1, steps, ratio, toward: last + (step(end) * ratio) / (1 - ratio) };
}

/**
 * The highest of values[from..to) (the first, on a tie) where it stands above `level` by more than `share` of it and
 * `minimum`: a peak partly freed before a level the values then held, which "rose … to the level" would hide (the
 * captured go1.19-audit47-bigcache: 251.2 MiB, then 149.2 MiB held, in its ?gc=1 dumps and its GC log). Undefined otherwise.
 */
export function peakAbove(values: readonly number[], from: number, to: number, level: number, share: number, minimum: number): { peak: number; at: number } | undefined {
  let at = -1;
  for (let i = from; i < to; i++) if (at < 0 || (values[i] ?? 0) > (values[at] ?? 0)) at = i;
  const peak = values[at] ?? 0;
  return at >= 0 && peak - level > Math.max(share * level, minimum) ? { peak, at } : undefined;
}
