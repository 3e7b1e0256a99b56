/**
 * Memory over time, for the Series pane: each bucket as a sparkline across the snapshots, the
 * sites whose in-use bytes grow and the goroutine groups that grow. With the series analysis
 * (`report.series`) its points, trends and verdict are used; without it (a report built before
 * the series ran, or one `heapdoc watch` could not judge) the same is computed here from the
 * snapshots themselves. Unrelated dumps (`--separately`) have no series.
 */
import { BUCKETS, type Breakdown, type Bucket } from '../../analyze/breakdown.js';
import type { SnapshotAnalysis } from '../../analyze/snapshot.js';
import type { GroupTrend, GrowingHolder, LastGcEstimates, SeriesPoint, SiteTrend } from '../../analyze/series/model.js';
import type { AnalyzeReport } from '../../analyze/report.js';
import { siteKey } from './sites.js';
import { largest, smallest } from '../../common/arrays.js';
import { pairedCapture } from '../../common/stems.js';
import { isTraceback } from '../../analyze/goroutines/index.js';
import { betweenGCsNote, dumpSnapshots, LIVE_AS_OF_GC, liveRowName, rssOriginNote, sameProgramUncheckedNote } from '../../report/goroutines.js';
import { recurringPeakLine } from '../../analyze/series/recurring.js';

const BLOCKS = '▁▂▃▄▅▆▇█';

/**
 * One block per value, scaled from the smallest to the largest; a flat series is drawn at the
 * bottom. With more values than `max`, the latest `max` are drawn.
 */
export function sparkline(values: readonly number[], max = Number.POSITIVE_INFINITY): string {
  const shown = values.length > max ? values.slice(values.length - Math.max(0, max)) : values;
  if (shown.length === 0) return '';
  // A value a snapshot lacks (NaN: a `live as of GC` estimate) is a blank, scaled by none.
  const known = shown.filter((v) => !Number.isNaN(v));
  const lo = smallest(known);
  const hi = largest(known);
  const top = BLOCKS.length - 1;
  return shown.map((v) => (Number.isNaN(v) ? ' ' : hi === lo ? BLOCKS[0] : BLOCKS[Math.round(((v - lo) / (hi - lo)) * top)])).join('');
}

export type SeriesRowName = Bucket | 'sys' | 'retained' | 'rss' | 'goroutines' | 'liveAsOfGc';

export interface SeriesRow {
  name: SeriesRowName;
  /** What the row is called when not its name: `HeapAlloc` for the live row read between GCs (report/goroutines.ts liveRowName), `live as of GC` for liveAsOfGc, `RSS` for rss. */
  label?: string;
  /** NaN where a snapshot has no value (a `live as of GC` estimate the snapshot lacks; the text table's `–`). */
  values: number[];
  /** Bytes, or a count (goroutines). */
  unit: 'bytes' | 'count';
}

/** The growing array beside the growing sites (series.growingHolder), with its objects in each snapshot of the trend. */
export type HolderTrend = GrowingHolder & { inuseObjects: number[] };

export interface SeriesView {
  /** Snapshot labels, one per point of `rows`. */
  sources: string[];
  rows: SeriesRow[];
  growing: SiteTrend[];
  /** The one growing array that may keep the growing sites' objects, when the series found one. */
  holder?: HolderTrend;
  /** The snapshots the site trends are measured at (one per GC epoch with the series analysis). */
  trendSources: string[];
  groups: GroupTrend[];
  /** The goroutine dumps the group trends count in (series.groupSources: one per moment). */
  groupSources: string[];
  /** Of each of groupSources, the snapshot (1-based, of `sources`) whose moment it is (series.points[].goroutineDump); undefined where none is. */
  groupSnapshots: (number | undefined)[];
  /** The series analysis's verdict sentence, when there is one. */
  summary: string | undefined;
  /** Which snapshots' live values were read between GCs, when others followed a forced GC (report/goroutines.ts betweenGCsNote). */
  note?: string;
  /** Which snapshot's RSS --rss SIZE gave, where the others' are what their captures report (report/goroutines.ts rssOriginNote), under the RSS row. */
  rssOrigin?: string;
  /** Which snapshots carry no stack frames, so that nothing checked they are the program of the others (report/goroutines.ts sameProgramUncheckedNote). */
  unchecked?: string;
  /** The verdict's recurring peak in one line (recurring.ts recurringPeakLine): the summary is clipped, this stays whole. */
  recurring?: string;
}

function rowsOf(breakdowns: readonly Breakdown[]): SeriesRow[] {
  const names: (Bucket | 'sys' | 'retained')[] = [...BUCKETS, 'sys', 'retained'];
  return names.map((name) => ({ name, values: breakdowns.map((b) => b[name]), unit: 'bytes' as const }));
}

/** In-use bytes of every site across the snapshots (0 where a snapshot lacks it); growing ones, largest growth first. */
export function growingSitesOf(snapshots: readonly SnapshotAnalysis[]): SiteTrend[] {
  const trends = new Map<string, SiteTrend>();
  snapshots.forEach((s, index) => {
    for (const site of s.profile.sites) {
      const key = siteKey(site);
      let trend = trends.get(key);
      if (!trend) {
        trend = {
          function: site.function, file: site.file, line: site.line,
          inuseBytes: snapshots.map(() => 0), inuseObjects: snapshots.map(() => 0), growthBytes: 0, monotonic: true,
        };
        trends.set(key, trend);
      }
      trend.inuseBytes[index] = site.inuseBytes;
      trend.inuseObjects[index] = site.inuseObjects;
    }
  });
  const out: SiteTrend[] = [];
  for (const t of trends.values()) {
    t.growthBytes = (t.inuseBytes[t.inuseBytes.length - 1] ?? 0) - (t.inuseBytes[0] ?? 0);
    t.monotonic = t.inuseBytes.every((v, i) => i === 0 || v >= (t.inuseBytes[i - 1] ?? 0));
    if (t.growthBytes > 0) out.push(t);
  }
  return out.sort((a, b) => b.growthBytes - a.growthBytes || a.function.localeCompare(b.function));
}

/**
 * The holder's objects in each snapshot of the trend (`trendSources`), read from those snapshots'
 * sites (the series keeps its bytes only): go1.19-audit43-workermap's 1, 1,491, 1, 1, 1, 4,470, 1.
 */
function holderTrend(report: AnalyzeReport, holder: GrowingHolder, trendSources: readonly string[]): HolderTrend {
  const key = siteKey(holder);
  const inuseObjects = trendSources.map((source) => report.snapshots.find((s) => s.source === source)?.profile.sites.find((site) => siteKey(site) === key)?.inuseObjects ?? 0);
  return { ...holder, inuseObjects };
}

/**
 * The `live as of GC` row under the HeapAlloc one, as the text report's series table has it
 * (report/goroutines.ts seriesRows): the estimates a peak read between GCs rests on
 * (series.verdict.lastGcEstimates), NaN where a snapshot has none.
 */
function lastGcEstimatesRow(estimates: LastGcEstimates | undefined, length: number): SeriesRow[] {
  if (!estimates) return [];
  return [{ name: 'liveAsOfGc', label: LIVE_AS_OF_GC, values: Array.from({ length }, (_, i) => estimates.values[i] ?? NaN), unit: 'bytes' }];
}

/**
 * The process's RSS row, when every point knows it (a scrape's process_resident_memory_bytes, an RSS
 * file, --rss for the latest), as the text table has it beside what Go holds (report/goroutines.ts seriesRows).
 */
function rssRow(points: readonly SeriesPoint[]): SeriesRow[] {
  const rss = points.map((p) => p.rss);
  if (points.length < 2 || !rss.every((r): r is number => r !== undefined)) return [];
  return [{ name: 'rss', label: 'RSS', values: rss, unit: 'bytes' }];
}

/** A goroutine total row, when every point has one. */
function goroutineRow(totals: readonly (number | undefined)[] | undefined, length: number): SeriesRow[] {
  if (!totals || totals.length !== length || length === 0 || totals.some((t) => t === undefined)) return [];
  return [{ name: 'goroutines', values: totals as number[], unit: 'count' }];
}

/**
 * Without a series analysis: each snapshot's goroutine count from the goroutine dump of the same
 * moment, paired by names as the series pairs them (common/stems.ts pairedCapture:
 * `03-t3.heap-gc.txt` with `03-t3.goroutine-debug1.txt`, `plain/heap-t19.txt` with
 * `goroutine/goroutine2-t19.txt`), a debug=2 dump's over a debug=1's of that moment; undefined
 * where none is. A series says its own pairing (series.points[].goroutineDump), a stream's too.
 */
function totalsByMoment(report: AnalyzeReport): (number | undefined)[] {
  const dumps = report.goroutines.filter((g) => (g.kind === 'goroutine' || g.kind === 'goroutine-traceback') && g.crash === undefined);
  return report.snapshots.map((s) => pairedCapture(dumps, s, isTraceback)?.total);
}

/** Of each goroutine dump the group trends count in, the point (1-based) whose moment it is (report/goroutines.ts dumpSnapshots). */
function groupSnapshotsOf(points: readonly SeriesPoint[], groupSources: readonly string[]): (number | undefined)[] {
  const at = dumpSnapshots(points);
  return groupSources.map((source) => at.get(source));
}

/**
 * What the Series pane shows; undefined when there is no series. `given`: the goroutine count per
 * snapshot (report.snapshots order) that heapdoc watch polled; else the series' goroutine dump of
 * each point's moment (series.points[].goroutineDump), or without a series the dumps paired by
 * names (totalsByMoment).
 */
export function seriesView(report: AnalyzeReport, given?: readonly (number | undefined)[]): SeriesView | undefined {
  if (report.separately) return undefined;
  const series = report.series;
  if (series) {
    const points = series.points;
    const bySource = new Map(report.snapshots.map((s, i) => [s.source, given?.[i]]));
    const totals = points.map((p) => (given ? bySource.get(p.source) : p.goroutineDump?.total));
    const named = liveRowName(series);
    const buckets = rowsOf(points.map((p) => p.breakdown)).map((r) => (r.name === 'live' && named !== 'live' ? { ...r, label: named } : r));
    // The estimates' row right under the live (HeapAlloc) one, where the text table has it.
    const withEstimates = [...buckets.slice(0, 1), ...lastGcEstimatesRow(series.verdict.lastGcEstimates, points.length), ...buckets.slice(1)];
    const rows = points.length >= 2 ? [...withEstimates, ...rssRow(points), ...goroutineRow(totals, points.length)] : [];
    const groupSources = series.groupSources ?? [];
    if (rows.length === 0 && series.growingGroups.length === 0 && groupSources.length < 2) return undefined;
    const note = rows.length > 0 ? betweenGCsNote(series) : undefined;
    const rssOrigin = rows.length > 0 ? rssOriginNote(series) : undefined;
    const unchecked = sameProgramUncheckedNote(series);
    const recurring = series.verdict.recurringPeak;
    const holder = series.growingHolder ? holderTrend(report, series.growingHolder, series.trendSources) : undefined;
    return {
      sources: points.map((p) => p.source), rows, growing: series.growingSites, ...(holder ? { holder } : {}), trendSources: series.trendSources,
      groups: series.growingGroups, groupSources, groupSnapshots: groupSnapshotsOf(points, groupSources), summary: series.verdict.summary, ...(note ? { note } : {}), ...(rssOrigin ? { rssOrigin } : {}), ...(unchecked ? { unchecked } : {}),
      ...(recurring ? { recurring: `Recurring peak: ${recurringPeakLine(recurring)}` } : {}),
    };
  }
  const goroutineTotals = given ?? totalsByMoment(report);
  const withStats = report.snapshots.filter((s): s is SnapshotAnalysis & { breakdown: Breakdown } => s.breakdown !== undefined);
  if (withStats.length < 2) return undefined;
  const totals = report.snapshots.map((s, i) => (s.breakdown ? goroutineTotals?.[i] : undefined)).filter((_, i) => report.snapshots[i]?.breakdown);
  return {
    sources: withStats.map((s) => s.source),
    rows: [...rowsOf(withStats.map((s) => s.breakdown)), ...goroutineRow(goroutineTotals ? totals : undefined, withStats.length)],
    growing: growingSitesOf(report.snapshots),
    trendSources: report.snapshots.map((s) => s.source),
    groups: [],
    groupSources: [],
    groupSnapshots: [],
    summary: undefined,
  };
}
