import { countOf, formatBytes, formatCount } from '../../text/units.js';
import { SERIES_THRESHOLDS } from '../series/thresholds.js';
import { trendSlope } from '../series/trend.js';
import { forcedGCBy } from '../series/forced.js';
import { largest, smallest } from '../../common/arrays.js';
import { DOCS } from '../thresholds.js';
import type { LivePoint, Rule } from './rule.js';
import { comparedPoints, snapshotName, spanOf } from './series-words.js';

const MS_PER_HOUR = 3_600_000;

/** At most 8 values: a gctrace log has a point per GC cycle, thousands of them. */
function listed(values: readonly string[]): string {
  return values.length <= 8 ? values.join(', ') : `${values.slice(0, 4).join(', ')}, …, ${values.slice(-4).join(', ')}`;
}

/**
 * A budget on how fast the live heap may grow across snapshots of one process: per hour (from
 * the times of the GCs, LastGC or a gctrace log's @T) and/or per GC cycle (from NumGC). It reads
 * the live heap at one snapshot per GC cycle (with ?gc=1, right after a GC; in a series that mixes
 * those with dumps read between GCs, the ?gc=1 ones alone, as the verdict compares them), from
 * SERIES_THRESHOLDS.minPoints such points: fewer cannot tell growth from one cycle's noise. A snapshot
 * read before any GC (NumGC 0) is none of them: no GC has marked a live heap yet. The
 * rate is the trend of every point (trend.ts trendSlope, least squares), not the first against
 * the last: a heap that rose and fell back, or moved up and down, does not grow by its ends
 * (the first-and-last rates stay in the evidence, firstLastBytesPerGC/PerHour).
 * Off until a budget is configured: how fast a heap may grow (a cache warming up) is the project's call.
 */
export const heapGrowth: Rule = {
  meta: {
    id: 'heap-growth',
    defaultSeverity: 'error',
    description: 'Budget: across snapshots of one process, the live heap grows faster than the configured rate per hour or per GC.',
    docsUrl: DOCS.gcGuide,
    options: {
      perHour: { kind: 'rate', description: 'the most the live heap may grow per hour, e.g. "10MiB/h"' },
      perGC: { kind: 'bytes', description: 'the most the live heap may grow per GC cycle, e.g. "64KiB"' },
    },
    requiresOneOf: ['perHour', 'perGC'],
    inputs: ['series'],
  },
  check() {
    return [];
  },
  checkSeries(facts, { options }) {
    const perHour = options.perHour;
    const perGC = options.perGC;
    const compared = comparedPoints(facts.live);
    const { leftOut } = compared;
    // A snapshot read before any GC (NumGC 0) is no start to measure from: its HeapAlloc counts everything allocated since the
    // program started, garbage too, and no GC has marked a live heap yet. The captured go1.19-audit28-deepstack/run/plain
    // (297.4 KiB at NumGC 0, then 1.3 MiB at each of four GCs) grew "219.0 KiB per GC" from it; 21.3 KiB over the four after it.
    const beforeAnyGC = facts.origin === 'snapshots' ? compared.points.filter((p) => p.numGC === 0) : [];
    const points = beforeAnyGC.length > 0 ? compared.points.filter((p) => p.numGC > 0) : compared.points;
    const first = points[0];
    const last = points[points.length - 1];
    if ((perHour === undefined && perGC === undefined) || !first || !last || points.length < SERIES_THRESHOLDS.minPoints) return [];
    const bytes = points.map((p) => p.bytes);
    const cycles = last.numGC - first.numGC;
    const timed = points.filter((p): p is LivePoint & { atMs: number } => p.atMs !== undefined);
    const [firstMs, lastMs] = [timed[0]?.atMs, timed[timed.length - 1]?.atMs];
    const hours = timed.length >= 2 && firstMs !== undefined && lastMs !== undefined && lastMs > firstMs ? (lastMs - firstMs) / MS_PER_HOUR : undefined;
    const rateGC = cycles > 0 ? trendSlope(points.map((p) => p.numGC), bytes) : undefined;
    const slopeMs = hours !== undefined ? trendSlope(timed.map((p) => p.atMs), timed.map((p) => p.bytes)) : undefined;
    const rateHour = slopeMs !== undefined ? slopeMs * MS_PER_HOUR : undefined;
    // What the trend rose by over the points' span: per GC cycle where NumGC tells it, else per hour.
    const growth = rateGC !== undefined ? rateGC * cycles : rateHour !== undefined && hours !== undefined ? rateHour * hours : undefined;
    if (growth === undefined || growth <= 0) return [];
    const over: string[] = [];
    if (perHour !== undefined && rateHour !== undefined && rateHour > perHour) over.push(`${formatBytes(rateHour)}/h, above the budget of ${formatBytes(perHour)}/h`);
    if (perGC !== undefined && rateGC !== undefined && rateGC > perGC) over.push(`${formatBytes(rateGC)} per GC, above the budget of ${formatBytes(perGC)}`);
    if (over.length === 0) return [];
    const gctrace = facts.origin === 'gctrace';
    const span = gctrace ? `in ${snapshotName(facts.sources[0])}` : `across ${spanOf(facts.sources)}`;
    const where = (p: LivePoint): string => (gctrace ? `gc ${p.numGC}` : snapshotName(p.source));
    const [low, high] = [smallest(bytes), largest(bytes)];
    const lowest = points.find((p) => p.bytes === low) ?? first;
    const highest = points.find((p) => p.bytes === high) ?? last;
    const seconds = hours !== undefined ? ` in ${(hours * 3600).toFixed(1)} s` : '';
    // Every reading between GCs (plain dumps, /debug/vars, /metrics: the verdict says so, SeriesVerdict.readBetweenGCs): HeapAlloc
    // then counts the garbage made since the last GC too, and is said as what it is, never "the live heap" (the captured
    // go1.19-audit41-satcache's plain dumps and go1.19-exposition-leak's scrapes were "The live heap grew …").
    const between = !gctrace && leftOut.length === 0 && facts.verdict.readBetweenGCs !== undefined;
    const grew = between ? 'HeapAlloc, read between GCs (the live heap plus the garbage made since the last GC),' : 'The live heap';
    const kind = gctrace ? 'the heap after each GC in the log' : between ? 'HeapAlloc of the first snapshot after each GC, each read between GCs' : leftOut.length > 0
      ? `HeapAlloc of the first snapshot after each GC, those read right after a forced GC (${forcedGCBy(points.map((p) => p.source))})`
      : 'HeapAlloc of the first snapshot after each GC';
    const left = leftOut.length > 0
      ? ` Left out, read between GCs (their HeapAlloc counts the garbage made since the last GC too, not like for like): ${listed(leftOut.map((p) => `${formatBytes(p.bytes)} at ${where(p)}`))}.`
      : '';
    const early = beforeAnyGC.length > 0
      ? ` Left out, read before any GC (NumGC 0: ${beforeAnyGC.length === 1 ? 'its' : 'their'} HeapAlloc counts everything allocated since the program started, garbage too): ${listed(beforeAnyGC.map((p) => `${formatBytes(p.bytes)} at ${where(p)}`))}.`
      : '';
    const firstLastGC = cycles > 0 ? (last.bytes - first.bytes) / cycles : undefined;
    const firstLastHour = hours !== undefined && timed.length >= 2 ? ((timed[timed.length - 1]?.bytes ?? 0) - (timed[0]?.bytes ?? 0)) / hours : undefined;
    return [{
      message: `${grew} grew ${formatBytes(growth)} by its trend over ${countOf(points.length, 'GC-separated reading')}${leftOut.length > 0 ? ' right after a forced GC' : ''} ${span} (${formatBytes(first.bytes)} → ${formatBytes(last.bytes)}; lowest ${formatBytes(low)} at ${where(lowest)}, highest ${formatBytes(high)} at ${where(highest)}): ${over.join('; ')}.`,
      why: `${between ? 'HeapAlloc' : 'Live heap'} at ${formatCount(points.length)} GC-separated points (${kind}): ${listed(points.map((p) => formatBytes(p.bytes)))}; ${countOf(cycles, 'GC cycle')}${seconds} between the first and the last. The rate is the trend of every point (the least-squares line through them), not the first against the last: a heap that rose and fell back, or moved up and down, did not grow by its ends alone.${left}${early}`,
      fix: 'If the growth is expected (a cache warming up, more users), raise the budget in heapdoc.config.json. Otherwise find what grows: heapdoc analyze on the same files lists the growing allocation sites.',
      evidence: {
        firstLiveBytes: first.bytes,
        lastLiveBytes: last.bytes,
        gcCycles: cycles,
        ...(rateHour !== undefined ? { bytesPerHour: Math.round(rateHour) } : {}),
        ...(rateGC !== undefined ? { bytesPerGC: Math.round(rateGC) } : {}),
        ...(perHour !== undefined ? { limitPerHour: perHour } : {}),
        ...(perGC !== undefined ? { limitPerGC: perGC } : {}),
        trendGrowthBytes: Math.round(growth),
        points: points.length,
        lowestLiveBytes: low,
        lowestAt: where(lowest),
        highestLiveBytes: high,
        highestAt: where(highest),
        ...(firstLastHour !== undefined ? { firstLastBytesPerHour: Math.round(firstLastHour) } : {}),
        ...(firstLastGC !== undefined ? { firstLastBytesPerGC: Math.round(firstLastGC) } : {}),
        ...(leftOut.length > 0 ? { betweenGCsLeftOut: leftOut.length } : {}),
        ...(beforeAnyGC.length > 0 ? { beforeAnyGCLeftOut: beforeAnyGC.length } : {}),
      },
    }];
  },
};
