/**
 * Where a series' memory stood against a GOMEMLIMIT known for the process (--gomemlimit, a scrape's
 * go_gc_gomemlimit_bytes, lint's memory-limit-pressure `gomemlimit`) when the verdict is not
 * `memory-limit` (docs/reasoning.md §7): a plateau, a retained peak or a leak says whether the
 * limit played a part, so that "Stable" beside a limit is not read as "held down by it".
 *
 * The limit bounds Sys − HeapReleased (reasoning.md §1). The snapshots show it at their moments
 * only; between them Go may have held more, but never more than it had mapped: Sys includes
 * HeapSys, the heap's high-water mark (the heap is never unmapped), so the largest Sys read bounds
 * what Go held at any moment up to the last snapshot.
 */
import { formatBytes, formatPercent } from '../../text/units.js';
import { fitWords, limitFit, limitOriginWords, snapshotLimitFit, type KnownLimit, type LimitFit } from '../memlimit.js';
import { THRESHOLDS } from '../thresholds.js';
import type { LimitStanding, SeriesPoint, SeriesSnapshot } from './model.js';

/** The limit the series' latest snapshot that knows one ran with (a process may change it: the latest stands). */
function knownLimit(snapshots: readonly SeriesSnapshot[]): KnownLimit | undefined {
  for (let i = snapshots.length - 1; i >= 0; i--) {
    const limit = snapshots[i]?.knownLimit;
    if (limit) return limit;
  }
  return undefined;
}

/**
 * How `limit` fits what snapshot `s` holds: the fit its analysis made (SnapshotAnalysis.limitFit,
 * lint's summary), else the same computation on it (memlimit.ts snapshotLimitFit). The verdict's
 * words, its JSON `limitFit` and memory-limit-pressure read this one fit.
 */
export function fitOf(s: SeriesSnapshot | undefined, limit: KnownLimit): LimitFit | undefined {
  if (!s) return undefined;
  return s.limitFit?.limitBytes === limit.bytes ? s.limitFit : snapshotLimitFit(s, limit.bytes, THRESHOLDS)?.fit;
}

/**
 * Where Go's holding (Sys − HeapReleased, what the limit bounds) stands against a limit of
 * `limitBytes`: within memoryLimitShare of it, either side (the limit is soft: the runtime may
 * overshoot it a little), `reached`; beyond that, `exceeded`; below it, `none`.
 */
export function heldRole(retained: number, limitBytes: number): 'exceeded' | 'reached' | 'none' {
  const share = THRESHOLDS.memoryLimitShare;
  return retained > (2 - share) * limitBytes ? 'exceeded' : retained >= share * limitBytes ? 'reached' : 'none';
}

/**
 * The standing of `points` (every snapshot with MemStats, in series order) against the limit of
 * `snapshots`, undefined when none is known or no snapshot has MemStats:
 *  - `exceeded`: a snapshot held more than the limit by more than its softness (memoryLimitShare);
 *  - `reached`: a snapshot held it within that share, either side;
 *  - `possible`: no snapshot came that near, but Go mapped that much (Sys): it may have between two;
 *  - `none`: not even Sys came that near: the limit played no part.
 */
export function limitStanding(points: readonly SeriesPoint[], snapshots: readonly SeriesSnapshot[]): { standing: LimitStanding; fit: LimitFit } | undefined {
  const limit = knownLimit(snapshots);
  if (!limit || points.length === 0) return undefined;
  let peakAt = 0;
  points.forEach((p, i) => {
    if (p.breakdown.retained > (points[peakAt]?.breakdown.retained ?? 0)) peakAt = i;
  });
  const peak = points[peakAt] as SeriesPoint;
  const last = points[points.length - 1] as SeriesPoint;
  const sys = Math.max(...points.map((p) => p.breakdown.sys));
  const peakRole = heldRole(peak.breakdown.retained, limit.bytes);
  const role: LimitStanding['role'] = peakRole === 'none' && sys >= THRESHOLDS.memoryLimitShare * limit.bytes ? 'possible' : peakRole;
  const standing = {
    gomemlimitBytes: limit.bytes, origin: limit.origin, role,
    peakRetainedBytes: peak.breakdown.retained, peakSource: peak.source, retainedBytes: last.breakdown.retained, sysBytes: sys,
  };
  // Reached or exceeded now as at the peak: the latest snapshot is the one to speak of (its peak said when it reads otherwise).
  const at = heldRole(last.breakdown.retained, limit.bytes) === role ? points.length - 1 : peakAt;
  const subject = points[at] as SeriesPoint;
  const snapshot = snapshots.find((x) => x.source === subject.source);
  const fit = fitOf(snapshot, limit) ?? limitFit(subject.breakdown, snapshot?.stats?.int('NextGC'), subject.breakdown.live, limit.bytes, THRESHOLDS);
  return { standing: { ...standing, text: standingWords(standing, limit, points, at, peakAt, fit) }, fit };
}

/** `GOMEMLIMIT 128.0 MiB (given)`: how a standing against the limit begins (a series' here, a GC log's: exposition/gctrace.ts). */
export function limitHead(limit: KnownLimit): string {
  return `GOMEMLIMIT ${formatBytes(limit.bytes)} (${limitOriginWords(limit)})`;
}

/** Near the limit: what the GC does there, said of a series (Go held it) and of a GC log (its heap reached it). */
export const NEAR_LIMIT = 'near it, the GC collects more often to stay under it';

/**
 * Why more than the limit was held: the live heap alone (`liveWords`, `liveBytes`) above it, which
 * no collection meets, or, below it, the limit's softness. `now`: said in the present tense.
 */
export function exceededWhy(liveWords: string, liveBytes: number, limitBytes: number, now: boolean): string {
  return liveBytes >= limitBytes
    ? `${liveWords} ${now ? 'is' : 'was'} above the limit, which no collection meets while that much is live (memory-limit-pressure)`
    : 'above the limit, which is soft: the GC and the scavenger work to bring it back under';
}

/** ` in the latest snapshot`, ` at snapshot 3`, or '' for a series of one. */
function where(at: number, count: number): string {
  return count === 1 ? '' : at === count - 1 ? ' in the latest snapshot' : ` at snapshot ${at + 1}`;
}

/**
 * `GOMEMLIMIT 128.0 MiB (given): Go held at most 60.0 MiB (Sys − HeapReleased, what the limit
 * bounds), 46.9% of it, at snapshot 3, and never mapped more than 62.6 MiB (Sys): the limit played
 * no part.` `at`: the snapshot spoken of, reached or exceeded (the latest when it still is, in the
 * present tense; else the peak, then what Go holds now); `peakAt`: the snapshot that held the most.
 */
function standingWords(s: Omit<LimitStanding, 'text'>, limit: KnownLimit, points: readonly SeriesPoint[], at: number, peakAt: number, fit: LimitFit): string {
  const count = points.length;
  const subject = points[at] as SeriesPoint;
  const now = at === count - 1;
  const share = (bytes: number): string => formatPercent(bytes, s.gomemlimitBytes);
  const head = limitHead(limit);
  const peak = `${formatBytes(s.peakRetainedBytes)} (Sys − HeapReleased, what the limit bounds), ${share(s.peakRetainedBytes)} of it,${where(peakAt, count)}`;
  const held = `${now ? 'holds' : 'held'} ${formatBytes(subject.breakdown.retained)} (Sys − HeapReleased, what the limit bounds), ${share(subject.breakdown.retained)} of it,${where(at, count)}`;
  const atMost = now && formatBytes(subject.breakdown.retained) !== formatBytes(s.peakRetainedBytes) ? ` (at most ${formatBytes(s.peakRetainedBytes)}, ${share(s.peakRetainedBytes)},${where(peakAt, count)})` : '';
  const since = now ? '' : `; it holds ${formatBytes(s.retainedBytes)} now, ${share(s.retainedBytes)} of it`;
  switch (s.role) {
    case 'none':
      return `${head}: Go held at most ${peak}, and never mapped more than ${formatBytes(s.sysBytes)} (Sys): the limit played no part.`;
    case 'possible':
      return `${head}: Go held at most ${peak}, but it had mapped up to ${formatBytes(s.sysBytes)} (Sys, ${share(s.sysBytes)} of the limit): before or between these snapshots it may have held that much, near the limit or above it, where the GC collects more often to stay under it.`;
    case 'reached':
      // Binding (the heap goal the limit's) or met with room (GOGC's goal below what the limit leaves the heap): memlimit.ts limitFit.
      return fit.state === 'room'
        ? `${head}: Go ${held}${atMost}, but the limit ${now ? 'is' : 'was'} met with room${now ? '' : ' then'}: ${fitWords(fit)}, so GOGC, not the limit, ${now ? 'says' : 'said'} when the GC runs${since}.`
        : `${head}: Go ${held}${atMost}: the limit ${now ? 'binds' : 'bound'}${now ? '' : ' then'} — ${fitWords(fit)}; ${NEAR_LIMIT}${since}.`;
    case 'exceeded': {
      const live = subject.breakdown.live;
      return `${head}: Go ${held}${atMost}: ${exceededWhy(`HeapAlloc alone (${formatBytes(live)})`, live, s.gomemlimitBytes, now)}${since}.`;
    }
  }
}
