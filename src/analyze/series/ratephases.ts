/**
 * Stretches of one allocation rate (reasoning.md §7: the allocation rate is what sets the GC's
 * pace). A whole log's or series' one average hides a program whose rate changed tenfold: the
 * captured go1.19-audit46-phasechurn allocates ~2 MiB/s for 20 s, ~20 MiB/s until 45 s, then ~2
 * MiB/s again, said as one "9.2 MiB/s". Shared by the GC log (what each GC found allocated since
 * the last: its A less the C before) and a series (TotalAlloc's rise per step, with --interval).
 */

/** What was allocated between two moments (`allocated`, in any one unit: bytes, gctrace's MB), seconds from a common start. */
export interface RateInterval {
  fromSeconds: number;
  toSeconds: number;
  allocated: number;
}

/** A stretch of one rate: from, to (seconds, as the input counts them), what it allocated and its mean rate. */
export interface RatePhase {
  fromSeconds: number;
  toSeconds: number;
  allocated: number;
  perSecond: number;
  /** The intervals (GC cycles, series steps) it spans. */
  intervals: number;
}

const RATE_PHASES = {
  /** An interval whose rate is this many times its stretch's mean, or less than 1/this, starts a new one… */
  stepPerMean: 3,
  /**
   * …and a stretch shorter than this share of the whole time, or of fewer intervals than minIntervals, is merged into its
   * nearer neighbour: a burst, a forced GC's short interval or one reading, not a stretch.
   */
  minShare: 0.25,
  minIntervals: 2,
  /** Said in this many stretches at most: more is a rate that swings, not stretches of one rate. */
  maxPhases: 4,
  /** The rates are said when the fastest stretch's is this many times the slowest's or more. */
  sayPerSlowest: 4,
} as const;

function phaseOf(i: RateInterval): RatePhase {
  const seconds = i.toSeconds - i.fromSeconds;
  return { fromSeconds: i.fromSeconds, toSeconds: i.toSeconds, allocated: i.allocated, perSecond: seconds > 0 ? i.allocated / seconds : 0, intervals: 1 };
}

function joined(a: RatePhase, b: RatePhase): RatePhase {
  const seconds = b.toSeconds - a.fromSeconds;
  const allocated = a.allocated + b.allocated;
  return { fromSeconds: a.fromSeconds, toSeconds: b.toSeconds, allocated, perSecond: seconds > 0 ? allocated / seconds : 0, intervals: a.intervals + b.intervals };
}

/** How far apart two rates are, as a factor (≥ 1); Infinity when one is 0 and the other not. */
function ratio(a: number, b: number): number {
  const [low, high] = a < b ? [a, b] : [b, a];
  if (high === 0) return 1;
  return low <= 0 ? Infinity : high / low;
}

/** Neighbouring stretches within stepPerMean of each other made one, until none are. */
function mergeAlike(phases: RatePhase[]): RatePhase[] {
  const out: RatePhase[] = [];
  for (const p of phases) {
    const prev = out[out.length - 1];
    if (prev && ratio(prev.perSecond, p.perSecond) < RATE_PHASES.stepPerMean) out[out.length - 1] = joined(prev, p);
    else out.push(p);
  }
  return out;
}

/** The shortest stretch under minShare of `span` merged into the neighbour whose rate is nearer, until none is. */
function mergeShort(phases: RatePhase[], span: number, least: { minShare: number; minIntervals: number }): RatePhase[] {
  const out = [...phases];
  for (;;) {
    let at = -1;
    for (let i = 0; i < out.length; i++) {
      const p = out[i];
      const d = p ? p.toSeconds - p.fromSeconds : 0;
      const short = p !== undefined && (d < least.minShare * span || p.intervals < least.minIntervals);
      if (p && short && (at < 0 || d < (out[at]?.toSeconds ?? 0) - (out[at]?.fromSeconds ?? 0))) at = i;
    }
    const p = out[at];
    if (!p || out.length < 2) return out;
    const before = out[at - 1];
    const after = out[at + 1];
    const intoBefore = before !== undefined && (after === undefined || ratio(before.perSecond, p.perSecond) <= ratio(after.perSecond, p.perSecond));
    if (intoBefore) out.splice(at - 1, 2, joined(before, p));
    else if (after) out.splice(at, 2, joined(p, after));
  }
}

/**
 * The stretches of one allocation rate over `intervals` (in time order, each starting where the one before ended), when the
 * rate changed by sayPerSlowest or more between them; undefined when it did not, or over fewer than 3 intervals or no time.
 * An interval starts a new stretch when its rate is stepPerMean times the stretch's mean or more (or less by as much);
 * stretches under minShare of the time or of one interval join their nearer neighbour; neighbours within stepPerMean, one;
 * more than maxPhases stretches are a rate that swings, undefined. `least`: a series' steps, each a rate TotalAlloc
 * measured between two dumps (not gctrace's whole MB), stand as one stretch each from a smaller share of the time.
 */
export function ratePhases(intervals: readonly RateInterval[], least: { minShare?: number; minIntervals?: number } = {}): RatePhase[] | undefined {
  const first = intervals[0];
  const last = intervals[intervals.length - 1];
  if (!first || !last || intervals.length < 3) return undefined;
  const span = last.toSeconds - first.fromSeconds;
  if (span <= 0) return undefined;
  const greedy: RatePhase[] = [];
  for (const i of intervals) {
    const p = phaseOf(i);
    const cur = greedy[greedy.length - 1];
    // An interval of no time (two GCs at one @T) is no rate: it joins the stretch it is in.
    if (cur && (i.toSeconds <= i.fromSeconds || ratio(cur.perSecond, p.perSecond) < RATE_PHASES.stepPerMean)) greedy[greedy.length - 1] = joined(cur, p);
    else greedy.push(p);
  }
  const phases = mergeAlike(mergeShort(greedy, span, { ...RATE_PHASES, ...least }));
  if (phases.length < 2 || phases.length > RATE_PHASES.maxPhases) return undefined;
  const rates = phases.map((p) => p.perSecond);
  return ratio(Math.min(...rates), Math.max(...rates)) >= RATE_PHASES.sayPerSlowest ? phases : undefined;
}
