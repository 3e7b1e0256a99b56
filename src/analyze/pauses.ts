/**
 * The longest recent GC pause, from whichever source a snapshot has, best first:
 *  1. the MemStats PauseNs ring (a heap dump, /debug/vars): the last min(NumGC, 256) cycles,
 *     each entry the sum of that cycle's stop-the-world pauses, to the nanosecond;
 *  2. a scrape's `go_gc_duration_seconds` summary: debug.ReadGCStats' quantiles over the same
 *     ring (quantile 1 is its maximum, exactly; quantile q is sorted[n·q], which bounds how many
 *     pauses were at least as long);
 *  3. a scrape's runtime/metrics pause histogram: every stop-the-world pause since the process
 *     started (two a cycle), in buckets ten times apart: the longest is known only to lie in
 *     its bucket, so it counts as long only when the bucket's lower bound is.
 * A GODEBUG=gctrace=1 log has none of these but prints each cycle's wall-clock phases: a cycle's
 * pause is the sum of its stop-the-world phases (stwPhases), over every
 * cycle of the log's last run (gcTracePause).
 */
import type { Position } from '../grammar/common/positions.js';
import { longestPauseBucket, type GcPauseMetrics } from '../input/snapshot.js';
import { countOf, formatDuration, formatLogDuration } from '../text/units.js';
import type { MemStats } from './memstats.js';

export type PauseSource = 'PauseNs' | 'gctrace' | 'go_gc_duration_seconds' | string;

export interface LongestPause {
  /** Where the numbers come from: `PauseNs`, or the metric's name. */
  source: PauseSource;
  /** The longest pause in ns: exact, or (a histogram) the lower bound of its bucket. */
  ns: number;
  /** A histogram's bucket: the longest pause is at most this. */
  atMostNs?: number;
  /** How many pauses the source covers. */
  count: number;
  /** `recent`: the last `count` GC cycles; `since start`: every pause of the process; `log`: every cycle of a gctrace log's last run. */
  span: 'recent' | 'since start' | 'log';
  /** The GC cycle of the longest pause (the ring, a gctrace log). */
  cycle?: number;
  /** The reading, as it is written in the input (for a finding's `why`). */
  reading: string;
  position: Position | undefined;
  /** How many pauses were at least `ns` long (`exact` false: at least that many). */
  over(ns: number, strict: boolean): { count: number; exact: boolean };
}

export function longestPause(stats: MemStats | undefined, metrics: GcPauseMetrics | undefined, positionOf: (field: string) => Position | undefined): LongestPause | undefined {
  return fromRing(stats, positionOf) ?? fromQuantiles(stats, metrics) ?? fromHistogram(metrics);
}

function fromRing(stats: MemStats | undefined, positionOf: (field: string) => Position | undefined): LongestPause | undefined {
  const recent = stats?.recentRing('PauseNs') ?? []; // only the entries NumGC says are real
  if (!stats || recent.length === 0) return undefined;
  const longest = recent.reduce((a, b) => (b.value > a.value ? b : a));
  const ns = Number(longest.value);
  return {
    source: 'PauseNs',
    ns,
    count: recent.length,
    span: 'recent',
    cycle: (stats.int('NumGC') ?? 0) - recent.indexOf(longest),
    reading: `PauseNs[${longest.index}] = ${ns} ns`,
    position: positionOf('PauseNs'),
    over: (limit, strict) => ({ count: recent.filter((p) => (strict ? Number(p.value) > limit : Number(p.value) >= limit)).length, exact: true }),
  };
}

function fromQuantiles(stats: MemStats | undefined, metrics: GcPauseMetrics | undefined): LongestPause | undefined {
  const summary = metrics?.quantiles;
  const top = summary?.quantiles.find(([q]) => q === 1);
  const numGC = stats?.int('NumGC');
  if (!summary || !top || numGC === undefined || numGC === 0) return undefined;
  const count = Math.min(numGC, 256);
  return {
    source: summary.metric,
    ns: Math.round(top[1] * 1e9),
    count,
    span: 'recent',
    reading: `${summary.metric}{quantile="1"} = ${top[1]} s`,
    position: summary.position,
    over(limit, strict) {
      // quantile q < 1 is sorted[floor(n·q)], quantile 1 sorted[n − 1]: when one is long, so are the pauses from it up.
      const lowest = summary.quantiles.find(([, s]) => (strict ? s * 1e9 > limit : s * 1e9 >= limit))?.[0];
      return { count: lowest === undefined ? 0 : count - Math.min(count - 1, Math.floor(count * lowest)), exact: false };
    },
  };
}

function fromHistogram(metrics: GcPauseMetrics | undefined): LongestPause | undefined {
  const histogram = metrics?.histogram;
  const buckets = histogram?.buckets ?? [];
  const total = buckets[buckets.length - 1]?.[1] ?? 0;
  if (!histogram || total === 0) return undefined;
  const index = longestPauseBucket(buckets);
  const [le] = buckets[index] ?? [Infinity];
  const below = buckets[index - 1];
  const lower = below?.[0] ?? 0;
  return {
    source: histogram.metric,
    ns: lower * 1e9,
    ...(Number.isFinite(le) ? { atMostNs: le * 1e9 } : {}),
    count: total,
    span: 'since start',
    reading: `${histogram.metric}_bucket{le="${le === Infinity ? '+Inf' : le}"} − {le="${lower}"} = ${(buckets[index]?.[1] ?? 0) - (below?.[1] ?? 0)}`,
    position: histogram.position,
    // The pauses in buckets whose lower bound is at least the limit.
    over: (limit) => ({ count: total - (buckets.find(([bound]) => bound * 1e9 >= limit)?.[1] ?? total), exact: false }),
  };
}

/**
 * One unit of the last digit gctrace prints for a duration of `ms` (runtime fmtNSAsMS: whole ms
 * from 10 ms, else two significant digits, truncated, at most three decimals): the true duration is
 * at least what is printed and less than that plus this unit, ms. `6.6` → 0.1, `0.50` → 0.01,
 * `0.005` → 0.001, `0` (under a µs) → 0.001, `11` → 1.
 */
export function gcTraceUnitMs(ms: number): number {
  const us = Math.round(ms * 1000);
  if (us >= 10_000) return 1;
  return us >= 1000 ? 0.1 : us >= 100 ? 0.01 : 0.001;
}

/**
 * How Go prints a duration in a gctrace line (runtime fmtNSAsMS): whole ms from 10 ms, else two
 * significant digits with at most three decimals, truncated: `11`, `6.6`, `0.50`, `0.005`.
 */
export function gcTraceMs(ms: number): string {
  const ns = Math.round(ms * 1e6);
  if (ns >= 10e6) return String(Math.floor(ns / 1e6));
  let x = Math.floor(ns / 1e3);
  if (x === 0) return '0';
  let dec = 3;
  for (; x >= 100; dec--) x = Math.floor(x / 10);
  const digits = String(x).padStart(dec + 1, '0');
  return dec === 0 ? digits : `${digits.slice(0, -dec)}.${digits.slice(-dec)}`;
}

/**
 * The `… ms clock` phases of a gctrace line that stop the world (runtime/mgc.go,
 * gcMarkTermination's gctrace print): Go 1.7+ prints three, sweep termination (STW), concurrent
 * mark, mark termination (STW); Go 1.5–1.6 five, sweep termination (STW), scan, install write
 * barrier (STW), mark, mark termination (STW).
 */
export function stwPhases(clockPhases: number): readonly number[] {
  return clockPhases === 5 ? [0, 2, 4] : clockPhases === 3 ? [0, 2] : [];
}

/**
 * The `… ms clock` phases of a gctrace line in which the GC marks while the program runs (the
 * phases stwPhases leaves out): Go 1.7+ the concurrent mark, Go 1.5–1.6 the scan and the mark.
 */
export function concurrentMarkPhases(clockPhases: number): readonly number[] {
  return clockPhases === 5 ? [1, 3] : clockPhases === 3 ? [1] : [];
}

/**
 * Where a gctrace line's `… ms cpu` times hold the concurrent mark's CPU, split as
 * `assist/background/idle` (runtime/mgc.go gcMarkTermination): Go 1.7+ prints five, `a+b/c/d+e`,
 * the split second to fourth; Go 1.5–1.6 seven, `a+b+c+d/e/f+g`, fourth to sixth. Undefined for
 * a count of no known era.
 */
export function markCpuPhases(cpuPhases: number): { assist: number; background: number; idle: number } | undefined {
  return cpuPhases === 5 ? { assist: 1, background: 2, idle: 3 } : cpuPhases === 7 ? { assist: 3, background: 4, idle: 5 } : undefined;
}

/** What a gctrace log's analysis (exposition/gctrace.ts) keeps of its stop-the-world times. */
export interface GcTraceStw {
  /** Each GC's stop-the-world time, ms, in log order: the sum of its STW wall-clock phases (what PauseNs holds for a cycle). */
  stwMs: number[];
  /**
   * How much more than stwMs each GC's stop-the-world time may have been, ms, in the same order:
   * gctrace truncates each phase it prints, by less than one unit of its last digit
   * (gcTraceUnitMs), so the time lies from stwMs up to stwMs + stwUnitMs (`0.014+…+0.011`: 0.025
   * up to 0.027 ms).
   */
  stwUnitMs: number[];
  /** The GC with the most stop-the-world time (the first of equals): its number, start, wall-clock phases (ms) and line. */
  longestStw: { cycle: number; atSeconds: number; clockMs: number[]; position: Position } | undefined;
}

/** A gctrace log's longest stop-the-world time: the cycle whose STW clock phases add up to the most. */
export function gcTracePause(t: GcTraceStw): LongestPause | undefined {
  const longest = t.longestStw;
  if (!longest) return undefined;
  const nsOf = (ms: number): number => Math.round(ms * 1e6);
  const phases = stwPhases(longest.clockMs.length).map((i) => `${gcTraceMs(longest.clockMs[i] ?? 0)} ms`).join(' + ');
  return {
    source: 'gctrace',
    ns: nsOf(t.stwMs.reduce((a, b) => Math.max(a, b), 0)),
    count: t.stwMs.length,
    span: 'log',
    cycle: longest.cycle,
    reading: `gc ${longest.cycle} @${longest.atSeconds.toFixed(3)}s: ${longest.clockMs.map(gcTraceMs).join('+')} ms clock (line ${longest.position.line}); its stop-the-world phases took ${phases}`,
    position: longest.position,
    over: (limit, strict) => ({ count: t.stwMs.filter((ms) => (strict ? nsOf(ms) > limit : nsOf(ms) >= limit)).length, exact: true }),
  };
}

/**
 * `ns` said with the precision of `p`'s source: a gctrace log's times have two significant digits
 * (`66 ms`, `0.23 ms`: formatLogDuration), the ring's and the metrics' are exact (`12.54 ms`).
 */
export function pauseDuration(p: LongestPause, ns: number): string {
  return p.span === 'log' ? formatLogDuration(ns) : formatDuration(ns);
}

/** `12.54 ms`, `between 10.49 ms and 104.86 ms` (a histogram's bucket), `66 ms` (a gctrace log). */
export function pauseLength(p: LongestPause): string {
  return p.atMostNs !== undefined ? `between ${formatDuration(p.ns)} and ${formatDuration(p.atMostNs)}` : pauseDuration(p, p.ns);
}

/** `12.54 ms (GC cycle 3)`, `between 10.49 ms and 104.86 ms (go_gc_pauses_seconds, every pause since the process started)`. */
export function pauseTook(p: LongestPause): string {
  const took = pauseLength(p);
  if (p.source === 'PauseNs') return `${took} (GC cycle ${p.cycle ?? '?'})`;
  if (p.span === 'log') return `${took} (GC cycle ${p.cycle ?? '?'}, line ${p.position?.line ?? '?'} of the log)`;
  if (p.span === 'recent') return `${took} (the longest of ${p.count === 1 ? 'the last GC cycle' : `the last ${p.count} GC cycles`}, ${p.source})`;
  return `${took} (${p.source}, every pause since the process started)`;
}

/** `1 of the last 6 pauses`, `at least 1 of 10 pauses`. */
export function pauseOver(p: LongestPause, over: { count: number; exact: boolean }): string {
  if (p.span === 'log') return `${over.count} of the log's ${countOf(p.count, 'GC cycle')}`;
  return `${over.exact ? '' : 'at least '}${over.count} of ${p.span === 'recent' ? `the last ${p.count}` : p.count} pauses`;
}

/** Why a scrape's number is read as it is (nothing for the ring). */
export function pauseSourceNote(p: LongestPause): string {
  if (p.source === 'PauseNs') return '';
  if (p.span === 'log') return ' (a gctrace log has no PauseNs ring: a cycle\'s pause is the sum of its stop-the-world wall-clock phases (sweep termination and mark termination; Go 1.5–1.6 also the write barrier\'s installation), as the runtime prints them: two significant digits, truncated)';
  if (p.span === 'recent') return ` (a scrape has no PauseNs ring; this summary's top quantile is the longest of the last ${p.count} pauses, debug.ReadGCStats over the same ring)`;
  return ' (a scrape without go_gc_duration_seconds: this runtime/metrics histogram counts every stop-the-world pause since the start, two a GC cycle, in buckets ten times apart)';
}
