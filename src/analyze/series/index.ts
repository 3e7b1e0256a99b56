/**
 * A series of heap snapshots of one process (reasoning.md §3). One dump cannot tell a leak
 * from a peak; a series can:
 *  - leak: post-GC live heap (HeapAlloc, HeapObjects, HeapInuse) keeps rising across
 *    GC-separated snapshots, with particular sites (or goroutine groups) growing;
 *  - peak retention: live falls back while HeapSys stays at its high-water mark;
 *  - churn: TotalAlloc grows many times faster than live, which stays flat;
 *  - stable: none of these.
 * Snapshots taken between the same two GCs show the same heap records (the profile is published
 * at GC), so site trends use one snapshot per GC epoch.
 */
import type { GoroutineSummary } from '../goroutines/index.js';
import { HeapdocError } from '../../input/errors.js';
import { formatBytes, formatCount } from '../../text/units.js';
import type { SnapshotAnalysis } from '../snapshot.js';
import type { GroupTrend, SeriesAnalysis, SeriesPoint, SeriesVerdict, SiteTrend } from './model.js';

export type { GroupTrend, SeriesAnalysis, SeriesKind, SeriesPoint, SeriesVerdict, SiteTrend } from './model.js';

/** What counts as growth, and how far "flat" may wander. */
export const SERIES_THRESHOLDS = {
  /** A site whose in-use bytes rose by at least this much, never falling, is growing. */
  siteGrowthMinBytes: 1024 * 1024,
  /** Live heap rising by at least this share of its first value across the series is growth. */
  liveGrowthMinShare: 0.1,
  /** Live heap moving less than this share is flat. */
  flatShare: 0.1,
  /** Churn: at least this many times the live heap allocated per interval. */
  churnAllocPerLive: 10,
  /** A goroutine group growing by at least this many goroutines is growing. */
  groupGrowthMin: 10,
} as const;

export interface SeriesOptions {
  /** Seconds between consecutive snapshots, when the user knows it (--interval). */
  intervalSeconds?: number;
}

/**
 * Checks that snapshots ordered by TotalAlloc can come from one process: every cumulative
 * counter must rise with TotalAlloc. Throws a HeapdocError naming the two dumps otherwise.
 */
export function checkOneProcess(ordered: readonly SnapshotAnalysis[]): void {
  const counters = ['NumGC', 'Mallocs', 'Frees', 'NumForcedGC', 'TotalAlloc'] as const;
  for (let i = 1; i < ordered.length; i++) {
    const a = ordered[i - 1];
    const b = ordered[i];
    if (!a?.stats || !b?.stats) continue;
    for (const name of counters) {
      const va = a.stats.int(name);
      const vb = b.stats.int(name);
      if (va !== undefined && vb !== undefined && vb < va) {
        throw new HeapdocError(
          `${b.source} and ${a.source} cannot be snapshots of one process: ${name} falls from ${formatCount(va)} to ${formatCount(vb)} while TotalAlloc rises (${formatCount(a.stats.int('TotalAlloc') ?? 0)} → ${formatCount(b.stats.int('TotalAlloc') ?? 0)})`,
          'cumulative counters never decrease in one process: for dumps of different processes, add --separately',
        );
      }
    }
  }
}

function point(s: SnapshotAnalysis): SeriesPoint | undefined {
  if (!s.stats || !s.breakdown) return undefined;
  const lastGC = s.stats.exact('LastGC');
  return {
    source: s.source,
    totalAlloc: s.stats.int('TotalAlloc') ?? 0,
    numGC: s.stats.int('NumGC') ?? 0,
    heapObjects: s.stats.int('HeapObjects'),
    heapInuse: s.stats.int('HeapInuse'),
    heapSys: s.stats.int('HeapSys'),
    breakdown: s.breakdown,
    ...(lastGC !== undefined && lastGC > 0n ? { lastGcMs: Number(lastGC / 1_000_000n) } : {}),
  };
}

function nonDecreasing(values: readonly number[]): boolean {
  return values.every((v, i) => i === 0 || v >= (values[i - 1] ?? v));
}

function risingSteps(values: readonly number[]): number {
  return values.filter((v, i) => i > 0 && v > (values[i - 1] ?? v)).length;
}

/** One snapshot per GC epoch: the first of each run of equal NumGC. */
function epochRepresentatives(ordered: readonly SnapshotAnalysis[]): SnapshotAnalysis[] {
  const out: SnapshotAnalysis[] = [];
  let lastGC: number | undefined;
  for (const s of ordered) {
    const gc = s.stats?.int('NumGC');
    if (gc === undefined || gc !== lastGC) out.push(s);
    lastGC = gc;
  }
  return out;
}

function siteKey(site: { function: string; file: string | undefined; line: number | undefined }): string {
  return `${site.function}\t${site.file ?? ''}\t${site.line ?? ''}`;
}

function siteTrends(epochs: readonly SnapshotAnalysis[]): SiteTrend[] {
  // One map per snapshot: sites × snapshots lookups, not sites² (watch keeps many snapshots).
  const bySnapshot = epochs.map((s) => new Map(s.profile.sites.map((site) => [siteKey(site), site])));
  const keys = new Map<string, { function: string; file: string | undefined; line: number | undefined }>();
  for (const sites of bySnapshot) for (const [key, site] of sites) keys.set(key, site);
  const trends: SiteTrend[] = [];
  for (const [key, site] of keys) {
    const values = bySnapshot.map((sites) => sites.get(key));
    const inuseBytes = values.map((v) => v?.inuseBytes ?? 0);
    const inuseObjects = values.map((v) => v?.inuseObjects ?? 0);
    trends.push({
      function: site.function,
      file: site.file,
      line: site.line,
      inuseBytes,
      inuseObjects,
      growthBytes: (inuseBytes[inuseBytes.length - 1] ?? 0) - (inuseBytes[0] ?? 0),
      monotonic: nonDecreasing(inuseBytes),
    });
  }
  return trends.sort((a, b) => b.growthBytes - a.growthBytes);
}

/** Goroutine dumps in capture order: debug=2 dumps could be ordered by goroutine ids; by name is what all kinds share. */
export function orderGoroutineDumps(dumps: readonly GoroutineSummary[]): GoroutineSummary[] {
  return [...dumps].sort((a, b) => a.source.localeCompare(b.source, 'en', { numeric: true }));
}

function groupTrends(dumps: readonly GoroutineSummary[]): GroupTrend[] {
  if (dumps.length < 2) return [];
  const key = (g: { function: string; state?: string; createdBy?: string }): string => `${g.function}\t${g.state ?? ''}\t${g.createdBy ?? ''}`;
  const all = new Map<string, { function: string; state?: string; createdBy?: string }>();
  for (const d of dumps) for (const g of d.groups) all.set(key(g), g);
  const trends: GroupTrend[] = [];
  for (const [k, g] of all) {
    const counts = dumps.map((d) => d.groups.filter((x) => key(x) === k).reduce((n, x) => n + x.count, 0));
    trends.push({
      function: g.function,
      state: g.state,
      createdBy: g.createdBy,
      counts,
      growth: (counts[counts.length - 1] ?? 0) - (counts[0] ?? 0),
      monotonic: nonDecreasing(counts),
    });
  }
  return trends.sort((a, b) => b.growth - a.growth);
}

/** Snapshots of one process in capture order: TotalAlloc never decreases within a process. */
export function orderByTotalAlloc(snapshots: readonly SnapshotAnalysis[]): SnapshotAnalysis[] {
  return [...snapshots].sort((a, b) => (a.stats?.int('TotalAlloc') ?? 0) - (b.stats?.int('TotalAlloc') ?? 0));
}

export function analyzeSeries(snapshots: readonly SnapshotAnalysis[], goroutineDumps: readonly GoroutineSummary[] = [], options: SeriesOptions = {}): SeriesAnalysis {
  const ordered = orderByTotalAlloc(snapshots);
  checkOneProcess(ordered);
  const points = ordered.map(point).filter((p): p is SeriesPoint => p !== undefined);
  const sameEpoch: [number, number][] = [];
  for (let i = 1; i < ordered.length; i++) {
    const a = ordered[i - 1]?.stats?.int('NumGC');
    if (a !== undefined && a === ordered[i]?.stats?.int('NumGC')) sameEpoch.push([i - 1, i]);
  }
  const epochs = epochRepresentatives(ordered);
  const trends = siteTrends(epochs);
  const growingSites = trends.filter((t) => t.monotonic && t.growthBytes >= SERIES_THRESHOLDS.siteGrowthMinBytes);
  const groups = groupTrends(orderGoroutineDumps(goroutineDumps));
  const growingGroups = groups.filter((g) => g.monotonic && g.growth >= SERIES_THRESHOLDS.groupGrowthMin);

  const first = points[0];
  const last = points[points.length - 1];
  const gcs = first && last ? last.numGC - first.numGC : 0;
  const allocated = first && last ? last.totalAlloc - first.totalAlloc : 0;
  const seconds = options.intervalSeconds !== undefined ? options.intervalSeconds * (points.length - 1) : undefined;
  const allocation = {
    bytesPerGC: gcs > 0 ? allocated / gcs : undefined,
    bytesPerSecond: seconds && seconds > 0 ? allocated / seconds : undefined,
  };
  return { points, sameEpoch, growingSites, growingGroups, allocation, verdict: judge(points, epochs, growingSites, growingGroups) };
}

function judge(points: readonly SeriesPoint[], epochs: readonly SnapshotAnalysis[], sites: readonly SiteTrend[], groups: readonly GroupTrend[]): SeriesVerdict {
  const t = SERIES_THRESHOLDS;
  const live = epochs.map((s) => s.stats?.int('HeapAlloc') ?? 0);
  const objects = epochs.map((s) => s.stats?.int('HeapObjects') ?? 0);
  const first = live[0] ?? 0;
  const lastLive = live[live.length - 1] ?? 0;
  const liveGrowth = lastLive - first;
  const rising = epochs.length >= 2 && nonDecreasing(live) && liveGrowth >= Math.max(t.siteGrowthMinBytes, t.liveGrowthMinShare * first);
  const objectsRising = nonDecreasing(objects) && risingSteps(objects) >= 1;
  const epochCount = epochs.length;
  const names = sites.slice(0, 3).map((s) => `${s.function} +${formatBytes(s.growthBytes)}`);
  const groupNames = groups.slice(0, 4).map((g) => `${g.function}${g.state ? ` [${g.state}]` : ''} +${formatCount(g.growth)}`);

  const groupsGrow = groups.length > 0 && (epochCount < 2 || nonDecreasing(live));
  if ((rising && (sites.length > 0 || objectsRising)) || groupsGrow) {
    const steady = epochCount >= 2 ? risingSteps(live) === epochCount - 1 : groups.every((g) => risingSteps(g.counts) === g.counts.length - 1);
    const samples = Math.max(epochCount, ...groups.map((g) => g.counts.length));
    const confidence = samples >= 4 && steady ? 'high' : samples >= 3 ? 'medium' : 'low';
    const evidence = [
      rising ? `live heap ${formatBytes(first)} → ${formatBytes(lastLive)} over ${epochCount} GC-separated snapshots` : '',
      names.length ? `growing sites: ${names.join(', ')}` : '',
      groupNames.length ? `growing goroutine groups: ${groupNames.join(', ')}` : '',
    ].filter(Boolean);
    return { kind: 'leak', confidence, summary: `Leak suspected (${confidence} confidence): ${evidence.join('; ')}.` };
  }
  const pts = points;
  if (pts.length === 0) {
    return { kind: 'stable', confidence: 'low', summary: 'No goroutine group grows across the goroutine dumps.' };
  }
  const maxSys = Math.max(...pts.map((p) => p.heapSys ?? 0));
  const lastPoint = pts[pts.length - 1];
  const peakLive = Math.max(...pts.map((p) => p.breakdown.live));
  if (lastPoint && peakLive > 0 && lastPoint.breakdown.live <= 0.5 * peakLive && (lastPoint.heapSys ?? 0) >= 0.9 * maxSys) {
    return {
      kind: 'peak-retention',
      confidence: pts.length >= 3 ? 'high' : 'medium',
      summary: `Peak retention, not a leak: live heap fell from ${formatBytes(peakLive)} to ${formatBytes(lastPoint.breakdown.live)} while the heap keeps its ${formatBytes(maxSys)} high-water mark (${formatBytes(lastPoint.breakdown.idle)} idle, ${formatBytes(lastPoint.breakdown.released)} released).`,
    };
  }
  const firstPoint = pts[0];
  if (firstPoint && lastPoint && pts.length >= 2) {
    const intervals = pts.length - 1;
    const perInterval = (lastPoint.totalAlloc - firstPoint.totalAlloc) / intervals;
    const flat = Math.abs(lastPoint.breakdown.live - firstPoint.breakdown.live) <= t.flatShare * Math.max(firstPoint.breakdown.live, 1);
    if (flat && perInterval >= t.churnAllocPerLive * Math.max(lastPoint.breakdown.live, 1)) {
      return {
        kind: 'churn',
        confidence: 'medium',
        summary: `Churn, not a leak: ${formatBytes(perInterval)} allocated between snapshots while live heap stays near ${formatBytes(lastPoint.breakdown.live)}; the cost is GC work, not memory.`,
      };
    }
  }
  return {
    kind: 'stable',
    confidence: epochCount >= 3 ? 'medium' : 'low',
    summary: epochCount < 2
      ? 'No GC ran between the snapshots: their heap profiles are the same GC epoch, so growth cannot be judged; take snapshots further apart.'
      : `Stable: live heap ${formatBytes(first)} → ${formatBytes(lastLive)} across ${epochCount} GC-separated snapshots, with no site growing steadily.`,
  };
}
