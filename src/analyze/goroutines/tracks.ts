/**
 * Goroutine dumps given together are not all counts of the same thing:
 * - `goroutine?debug=1` and `?debug=2` count every goroutine (and the binary goroutine profile,
 *   debug=1's counts in protobuf, read only when no debug=1 text is given). A directory where curl saved both
 *   for each moment holds every moment twice, and the two formats group differently (debug=1 has
 *   no wait state), so a trend reads one format only;
 * - a `goroutineleak` profile (Go 1.26 with GOEXPERIMENT=goroutineleakprofile, Go 1.27+) lists
 *   only the goroutines the GC proved leaked: blocked on a channel, lock or condition that no
 *   runnable goroutine can reach, so they can never run again. It is evidence on its own, not a
 *   goroutine count;
 * - a crash's output (`panic:`, `fatal error:`, `SIGQUIT: quit`) prints every goroutine as debug=2
 *   does, but at the moment a program died: crashes of one program are runs that each ended, not
 *   moments of one running process, so they make no trend and are listed apart (crashOutputs).
 */
import { capturesOfTime, momentOf, pairedCapture } from '../../common/stems.js';
import { formatCount } from '../../text/units.js';
import type { GoroutineSummary } from './model.js';
import { stateWords } from './waits.js';

/**
 * The dumps a goroutine trend reads, one per moment, in the order given: debug=2 dumps when there
 * are at least as many of them as of debug=1 and none was cut at 64 MiB (their wait states and
 * creators tell groups apart), else the debug=1 dumps — and, for a moment (folder and file stem:
 * momentOf; or a time in the names of a folder and its siblings, common/stems.ts capturesOfTime)
 * that has none of that format, its dump in the other (a folder with debug=1 dumps
 * of the first moments and debug=2 of the last read only the first ones, and missed a leak).
 */
export function countingDumps<T extends Pick<GoroutineSummary, 'kind' | 'truncated' | 'binary' | 'source' | 'moment' | 'crash' | 'unplaced'>>(given: readonly T[]): T[] {
  // A crash's output is no moment of a running process (see the header); a dump whose place is unknown (order.ts) is none of a trend.
  const dumps = given.filter((d) => d.crash === undefined && d.unplaced === undefined);
  const tracebacks = dumps.filter((d) => d.kind === 'goroutine-traceback');
  // The binary profile of a moment is its debug=1 text in another form: read when there is no text.
  const texts = dumps.filter((d) => d.kind === 'goroutine' && !d.binary);
  const profiles = texts.length > 0 ? texts : dumps.filter((d) => d.kind === 'goroutine');
  const preferred = tracebacks.length >= profiles.length && tracebacks.every((d) => !d.truncated) ? tracebacks : profiles.length > 0 ? profiles : tracebacks;
  const covered = new Set(preferred.map((d) => momentOf(d)));
  const chosen = new Set<T>(preferred);
  // Each other moment once: its debug=2 dump unless cut, else its debug=1 text, else its binary profile.
  const rank = (d: T): number => (d.kind === 'goroutine-traceback' ? (d.truncated ? 1 : 3) : d.kind === 'goroutine' ? (d.binary ? 0 : 2) : -1);
  const others = new Map<string, T>();
  // A dump of another format whose name has the time of a chosen one, in its folder or a sibling, is of its moment too
  // (`goroutine1/01.txt` beside `goroutine/01.txt`, `gor1/g-t19.txt` beside `gor2/g-t19.txt`): read as two, each moment counted twice.
  const timed = (d: T): boolean => capturesOfTime(preferred.filter((p) => p.kind !== d.kind), d).length > 0;
  for (const d of dumps) {
    const moment = momentOf(d);
    if (rank(d) < 0 || covered.has(moment) || timed(d)) continue;
    const best = others.get(moment);
    if (best === undefined || rank(d) > rank(best)) others.set(moment, d);
  }
  for (const d of others.values()) chosen.add(d);
  return dumps.filter((d) => chosen.has(d));
}

/** A moment's goroutine count, whether a debug=2 dump gave it (else a debug=1 one), and that dump. */
export interface MomentCount {
  total: number;
  traceback: boolean;
  source: string;
}

/** A goroutine?debug=2 dump: of two dumps of one moment, the one that lists every goroutine (common/stems.ts sameTime's choice). */
export function isTraceback(d: Pick<GoroutineSummary, 'kind'>): boolean {
  return d.kind === 'goroutine-traceback';
}

/**
 * Of each of `counting` (countingDumps of `given`), the dump of its moment in the other format, by
 * names (common/stems.ts pairedCapture: `goroutine1-t19.txt` beside `goroutine2-t19.txt`, or
 * `goroutine1/01.txt` beside `goroutine/01.txt`): a debug=1 and a debug=2 dump of one moment are one
 * moment, fetched one after the other — both counts are said when they differ (series/verdict.ts). None
 * for a dump without one.
 */
export function otherFormatCounts<T extends Pick<GoroutineSummary, 'kind' | 'binary' | 'source' | 'moment' | 'crash' | 'unplaced' | 'total'>>(counting: readonly T[], given: readonly T[]): (MomentCount | undefined)[] {
  const text = given.filter((d) => d.crash === undefined && d.unplaced === undefined && !d.binary);
  return counting.map((d) => {
    const other = pairedCapture(text.filter((o) => o.kind !== d.kind && (o.kind === 'goroutine' || o.kind === 'goroutine-traceback')), d);
    return other ? { total: other.total, traceback: isTraceback(other), source: other.source } : undefined;
  });
}

/**
 * Whether the dumps mix debug=1 counts and debug=2 tracebacks: their groups are then told apart by
 * function alone (debug=1 prints no wait state nor creator).
 */
export function mixedFormats(dumps: readonly Pick<GoroutineSummary, 'kind'>[]): boolean {
  return dumps.some((d) => d.kind === 'goroutine-traceback') && dumps.some((d) => d.kind === 'goroutine');
}

/** The crashes' outputs among `dumps`, in the order given: each reported on its own, never in a trend. */
export function crashOutputs<T extends Pick<GoroutineSummary, 'crash'>>(dumps: readonly T[]): T[] {
  return dumps.filter((d) => d.crash !== undefined);
}

/** The goroutineleak profiles among `dumps`, in the order given. */
export function leakProfiles(dumps: readonly GoroutineSummary[]): GoroutineSummary[] {
  return dumps.filter((d) => d.kind === 'goroutineleak');
}

/** What the runtime's goroutineleak profiles say, when one lists leaked goroutines. */
export interface ConfirmedLeak {
  /** The latest leak profile. */
  latest: GoroutineSummary;
  /** Leaked goroutines in each leak profile, in the order given. */
  totals: number[];
  /** One sentence for a verdict. */
  summary: string;
}

/** The goroutine leak the runtime itself found (the latest goroutineleak profile lists goroutines), or undefined. */
export function confirmedGoroutineLeak(dumps: readonly GoroutineSummary[]): ConfirmedLeak | undefined {
  const profiles = leakProfiles(dumps);
  const latest = profiles[profiles.length - 1];
  if (!latest || latest.total <= 0) return undefined;
  const totals = profiles.map((d) => d.total);
  const trend = totals.length > 1 ? ` (${totals.map((n) => formatCount(n)).join(' → ')} across ${totals.length} leak profiles)` : '';
  const groups = latest.groups.slice(0, 3).map((g) => `${g.function}${stateWords(g)} ×${formatCount(g.count)}`).join(', ');
  const more = latest.groups.length > 3 ? ` and ${formatCount(latest.groups.length - 3)} more group${latest.groups.length - 3 === 1 ? '' : 's'}` : '';
  return {
    latest,
    totals,
    summary: `Goroutine leak confirmed by the runtime: its goroutineleak profile lists ${formatCount(latest.total)} goroutine${latest.total === 1 ? '' : 's'}${trend} blocked forever on a channel, lock or condition that no runnable goroutine can reach — ${groups}${more}. Each keeps its stack and everything it references until the process exits.`,
  };
}
