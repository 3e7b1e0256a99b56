/**
 * A rise that slows at every step (trend.ts slowingRise), read where the verdict reads the live
 * heap: HeapAlloc right after a forced GC at every snapshot (?gc=1), or, every one read between
 * GCs, the heap profiles' in-use (each as of its last GC, sampled: a step counts only beyond its
 * own sampling error). A cache filling a bounded key set rises so — each new key rarer than the
 * last — and a leak does not: it rises by what the program does a step, about alike at each. The
 * captured go1.19-audit41-satcache (a map keyed by rand.Intn(50000), 1 KiB values, ~51.5 MiB when
 * full): its ?gc=1 dumps flip-flopped between "Leak suspected (high confidence)" and "A plateau" as
 * dumps were added, and its plain dumps were "Leak suspected" from profiles whose last step was one
 * sample. Such a rise is never leak evidence: "Cannot tell yet" while its last step is still
 * material, a plateau (never high confidence) once it has all but stopped (levellingSettled).
 */
import { formatBytes } from '../../text/units.js';
import type { LevellingJson, SeriesSnapshot } from './model.js';
import { profileInUse } from './garbage.js';
import { profileStepErrors } from './profiletrend.js';
import { SERIES_THRESHOLDS } from './thresholds.js';
import { SLOWING_STEP_RATIO, slowingRise, type SlowingRise } from './trend.js';

/** A slowing rise, and what it was read from. */
export interface Levelling extends SlowingRise {
  /** `live-heap`: HeapAlloc after a forced GC at each snapshot; `profile`: the heap profiles' in-use, every HeapAlloc read between GCs. */
  source: LevellingJson['source'];
  /** The values read, one per GC-separated snapshot. */
  values: number[];
  /** Each step's sampling error (the step into values[i]); 0 for an exact count. */
  error: number[];
  /** It has all but stopped (levellingSettled): a plateau, not "cannot tell yet". */
  settled: boolean;
}

/**
 * A slowing rise has all but stopped when its last step is within its sampling error, or when that
 * step is at most this share of the level and what the shrinking steps still add (`toward`) is within
 * flatShare of it, as a plateau's readings are. The captured satcache's 5th ?gc=1 dump (+3.3 MiB at
 * 48.2 MiB, 6.9 %) is still rising; its 6th (+1.7 MiB at 49.9 MiB, heading for ~52 MiB) has levelled off.
 */
export const SETTLED_STEP_SHARE = 0.05;

/** Whether a slowing rise has all but stopped (SETTLED_STEP_SHARE). */
function levellingSettled(r: SlowingRise, values: readonly number[], error: readonly number[]): boolean {
  const n = values.length;
  const last = values[n - 1] ?? 0;
  const lastStep = last - (values[n - 2] ?? 0);
  if (lastStep <= (error[n - 1] ?? 0)) return true;
  return lastStep <= SETTLED_STEP_SHARE * last && r.toward - last <= SERIES_THRESHOLDS.flatShare * last;
}

/**
 * The slowing rise of the live heap (`afterGC` every one: HeapAlloc `live` right after a forced
 * GC), else of the heap profiles' in-use when every HeapAlloc was read between GCs; undefined when
 * neither slows at every step.
 */
export function levellingOf(live: readonly number[], epochs: readonly SeriesSnapshot[], afterGC: readonly boolean[], profiled: boolean): Levelling | undefined {
  // A rise under siteGrowthMinBytes is no growth to explain (the `creeps` bar of verdict.ts): the captured offheap scenario's
  // ?gc=1 dumps, 4.2 → 4.4 MiB (+114.6, +57.1, +1.5 KiB), are "Stable", not a cache filling.
  const grew = (values: readonly number[]): boolean => (values[values.length - 1] ?? 0) - (values[0] ?? 0) >= SERIES_THRESHOLDS.siteGrowthMinBytes;
  if (live.length > 0 && afterGC.length === live.length && afterGC.every((a) => a)) {
    const error = live.map(() => 0);
    const r = grew(live) ? slowingRise(live, error) : undefined;
    return r ? { ...r, source: 'live-heap', values: [...live], error, settled: levellingSettled(r, live, error) } : undefined;
  }
  if (!profiled || !afterGC.every((a) => !a)) return undefined;
  const inUse = epochs.map(profileInUse);
  if (inUse.length === 0 || !inUse.every((v): v is number => v !== undefined)) return undefined;
  const error = profileStepErrors(epochs);
  const r = grew(inUse) ? slowingRise(inUse, error) : undefined;
  return r ? { ...r, source: 'profile', values: inUse, error, settled: levellingSettled(r, inUse, error) } : undefined;
}

/** The heap profiles' last two steps, the last smaller than the one before (slowingLastStep). */
export interface SlowingLastStep {
  /** The step before the last and the last, in bytes of the profiles' in-use. */
  before: number;
  last: number;
}

/**
 * The heap profiles' in-use (every HeapAlloc read between GCs: `epochs`, one per GC cycle) rose by
 * at most SLOWING_STEP_RATIO of its step before at its last step, both beyond their sampling error,
 * where too few steps slow for a levelling (levellingOf needs SLOWING_MIN_STEPS): one ratio, which a
 * cache filling a bounded key set shows as well as a leak's own swings. The captured
 * go1.19-audit41-satcache's first four plain dumps (7.1 → 15.0 → 30.9 → 39.2 MiB: +15.9 MiB, then
 * +8.3 MiB) were "Leak suspected (high confidence)", between its three (medium) and its five
 * ("Cannot tell yet … the rise is slowing at every step"). Undefined otherwise.
 */
export function slowingLastStep(epochs: readonly SeriesSnapshot[]): SlowingLastStep | undefined {
  const inUse = epochs.map(profileInUse);
  const n = inUse.length;
  if (n < 3 || !inUse.every((v): v is number => v !== undefined)) return undefined;
  const error = profileStepErrors(epochs);
  const [a, b, c] = [inUse[n - 3] ?? 0, inUse[n - 2] ?? 0, inUse[n - 1] ?? 0];
  const [before, last] = [b - a, c - b];
  return before > (error[n - 2] ?? 0) && last > (error[n - 1] ?? 0) && last <= SLOWING_STEP_RATIO * before ? { before, last } : undefined;
}

/**
 * `19.5 MiB → 8.7 MiB → 5.1 MiB → 3.3 MiB`: every step up to six, else the first two and the last two. A last step that
 * fell within its sampling error is no step of the rise (its own words say it): go1.19-audit-gor/gorleak's profiles,
 * 57.7 → 18.6 → 6.9 MiB, then −6.4 MiB, were "the rise slowing at every step (… → -6.4 MiB)".
 */
function stepsWords(all: readonly number[]): string {
  let n = all.length;
  while (n > 1 && (all[n - 1] ?? 0) <= 0) n--;
  const steps = all.slice(0, n);
  const shown = steps.length <= 6 ? steps.map((s) => formatBytes(s)) : [...steps.slice(0, 2).map((s) => formatBytes(s)), '…', ...steps.slice(-2).map((s) => formatBytes(s))];
  return shown.join(' → ');
}

/** What a slowing rise is like, and what it is not. */
const LIKE_A_CACHE = 'like a cache filling a bounded key set, not a leak, which rises by about as much at each step';

/**
 * The verdict's words for a slowing rise, after its `rose` (`the live heap rose 11.7 MiB → 48.2 MiB
 * across 5 GC-separated snapshots (snapshots 1→5)`): `the rise slowing at every step (19.5 MiB →
 * 8.7 MiB → 5.1 MiB → 3.3 MiB): levelling off toward ~52.3 MiB, like a cache …`; `indexes`: where
 * each value is in the series (0-based), to say from which snapshot it slows.
 */
export function levellingWords(l: Levelling, indexes: readonly number[]): string {
  const since = l.from > 0 ? ` since snapshot ${(indexes[l.from] ?? l.from) + 1}` : '';
  const n = l.values.length;
  const lastStep = (l.values[n - 1] ?? 0) - (l.values[n - 2] ?? 0);
  const tail = lastStep <= (l.error[n - 1] ?? 0)
    ? `; its last step (${lastStep >= 0 ? '+' : '−'}${formatBytes(Math.abs(lastStep))}) is within its sampling error (±${formatBytes(l.error[n - 1] ?? 0)})`
    : l.settled ? `; still rising slowly (+${formatBytes(lastStep)} at the last step)` : '';
  return `the rise slowing at every step${since} (${stepsWords(l.steps)}): levelling off toward ~${formatBytes(l.toward)}, ${LIKE_A_CACHE}${tail}`;
}

/** What the JSON verdict says of a slowing rise (docs/json.md `levelling`). */
export function levellingJson(l: Levelling): LevellingJson {
  return { source: l.source, stepsBytes: l.steps.map((s) => Math.round(s)), towardBytes: Math.round(l.toward), settled: l.settled };
}
