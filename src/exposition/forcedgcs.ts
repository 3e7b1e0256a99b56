/**
 * The forced GCs of a GC log that a timer made: gctrace marks every GC that runtime.GC() started
 * `(forced)` — the program's runtime.GC() or debug.FreeOSMemory(), and the pprof handler's ?gc=1 —
 * and a count of them said nothing of whose they were. A program that forces a GC every few
 * seconds (debug.FreeOSMemory "to give memory back") shows as forced GCs at one interval: the
 * captured go1.19-audit46-freeosleak's 13 at @5.0, 10.0, … 65.1 s, beside its capture's seven ?gc=1
 * dumps' at @5.6, 15.4, … 67.5 s. Those dumps' own GCs are known beside the log: a ?gc=1 dump's
 * NumGC is the number of the GC it forced (analyze/forcedgcs.ts).
 */

/** Forced GCs at one interval (forcedTimer). */
export interface ForcedTimer {
  /** How many forced GCs came at that interval, one after another. */
  count: number;
  /** Their average interval, seconds. */
  periodSeconds: number;
  /** The first and the last of them: their GC numbers and when they started (seconds since the program started). */
  first: { cycle: number; atSeconds: number };
  last: { cycle: number; atSeconds: number };
  /** The log's forced GCs that the ?gc=1 dumps given beside it ran (their NumGC), left out of the interval's; absent when none was told apart. */
  gcOneCaptures?: number;
}

/** The fewest forced GCs at one interval that a timer makes: three equal intervals in a row. */
const TIMER_MIN_GCS = 4;
/**
 * How far a forced GC may fall from its interval's next beat: a share of the interval, and at most
 * a tenth of a second (a timer's sleep plus the GC's own work: freeosleak's beats fall within 12 ms
 * of theirs). A capture script's rounds drift by more (curl, sleep 0.2 loops: freeosleak's ?gc=1
 * GCs 0.06–0.36 s from ten-second beats, go1.19-audit41-sessions's up to 1 s), and every other one
 * of a faster run must not read as a slower timer.
 */
const TIMER_SLACK = { share: 0.02, seconds: 0.1 } as const;
/** The next forced GCs tried as a start's second beat: a timer's next GC is among the next few forced ones. */
const TIMER_NEXT_TRIED = 8;

/**
 * The longest run of forced GCs at one interval among `forced` (GC numbers with their start times,
 * in log order), those in `excluded` (the ?gc=1 dumps' GCs) left out: from each forced GC, each
 * of the next few as its second beat, the run extended while a forced GC starts within
 * TIMER_SLACK of the interval after the last one (each beat from the last found, so a timer's
 * drift does not add up). Undefined under TIMER_MIN_GCS. A GC already in a run found is no
 * start: a log of forced GCs only stays linear.
 */
export function forcedTimer(forced: readonly { cycle: number; atSeconds: number }[], excluded: ReadonlySet<number> = new Set()): ForcedTimer | undefined {
  const gcs = forced.filter((f) => !excluded.has(f.cycle));
  const times = gcs.map((f) => f.atSeconds);
  let best: number[] = [];
  const inRun = new Set<number>();
  for (let i = 0; i < gcs.length; i++) {
    if (inRun.has(i)) continue;
    for (let j = i + 1; j < Math.min(gcs.length, i + 1 + TIMER_NEXT_TRIED); j++) {
      const period = (times[j] ?? 0) - (times[i] ?? 0);
      if (period <= 0) continue;
      const run = [i, j];
      for (let next = nearest(times, (times[j] ?? 0) + period, j); next !== undefined && Math.abs((times[next] ?? 0) - ((times[run[run.length - 1] ?? 0] ?? 0) + period)) <= Math.min(TIMER_SLACK.share * period, TIMER_SLACK.seconds); next = nearest(times, (times[next] ?? 0) + period, next)) run.push(next);
      if (run.length < TIMER_MIN_GCS || halfBeats(times, run)) continue;
      for (const k of run) inRun.add(k);
      if (run.length > best.length) best = run;
    }
  }
  if (best.length < TIMER_MIN_GCS) return undefined;
  const [first, last] = [gcs[best[0] ?? 0], gcs[best[best.length - 1] ?? 0]];
  if (!first || !last) return undefined;
  return { count: best.length, periodSeconds: (last.atSeconds - first.atSeconds) / (best.length - 1), first: { ...first }, last: { ...last } };
}

/**
 * Whether a run is every other beat of a faster one: in half its intervals or more, a forced GC
 * starts within a quarter of the interval from its middle (go1.19-audit41-sessions: a capture's
 * ?gc=1 GCs ~10 s apart, four of them every ~19.7 s within 0.1 s).
 */
function halfBeats(times: readonly number[], run: readonly number[]): boolean {
  let halved = 0;
  for (let k = 1; k < run.length; k++) {
    const [a, b] = [times[run[k - 1] ?? 0] ?? 0, times[run[k] ?? 0] ?? 0];
    const middle = nearest(times, (a + b) / 2, (run[k - 1] ?? 0));
    if (middle !== undefined && middle < (run[k] ?? 0) && Math.abs((times[middle] ?? 0) - (a + b) / 2) <= (b - a) / 4) halved++;
  }
  return 2 * halved >= run.length - 1;
}

/** The index after `after` of the time in `times` (ascending) nearest `at`; undefined when none is after it. */
function nearest(times: readonly number[], at: number, after: number): number | undefined {
  let lo = after + 1;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] ?? 0) < at) lo = mid + 1;
    else hi = mid;
  }
  const candidates = [lo - 1, lo].filter((k) => k > after && k < times.length);
  return candidates.reduce<number | undefined>((b, k) => (b === undefined || Math.abs((times[k] ?? 0) - at) < Math.abs((times[b] ?? 0) - at) ? k : b), undefined);
}
