/** Goroutine dumps and series in the text report: shared by the text and Markdown formatters. */
import { countingDumps, leakProfiles, type GoroutineGroup, type GoroutineSummary } from '../analyze/goroutines/index.js';
import type { SeriesAnalysis } from '../analyze/series/index.js';
import { formatOf } from '../input/registry.js';
import { stripControl } from '../text/sanitize.js';
import { countOf, formatBytes, formatCount } from '../text/units.js';

/** `main.waitForLock [sync.Mutex.Lock, 3 minutes] ← created by main.spawn` */
export function describeGroup(g: GoroutineGroup): string {
  const state = g.state ? ` [${g.state}${g.waitMinutes ? `, ${g.waitMinutes} minutes` : ''}]` : '';
  const labels = g.labels ? ` ${JSON.stringify(g.labels)}` : '';
  const created = g.createdBy ? ` ← created by ${g.createdBy}` : '';
  return stripControl(`${g.function}${state}${labels}${created}${g.benign ? ' (runtime)' : ''}`);
}

export function goroutineSummaryLine(d: GoroutineSummary): string {
  const kind = formatOf(d.kind)?.label ?? formatOf('goroutine')?.label;
  const goroutines = d.kind === 'goroutineleak' ? countOf(d.total, 'leaked goroutine') : countOf(d.total, 'goroutine');
  return `${stripControl(d.source)}: ${goroutines} in ${countOf(d.groups.length, 'group')} (${kind})${d.truncated ? ', truncated' : ''}`;
}

/**
 * What the Goroutines section lists: the groups of the latest dump that counts every goroutine
 * (and the average stack over its total), and the latest goroutineleak profile's groups apart.
 */
export function goroutineSection(dumps: readonly GoroutineSummary[]): { latest: GoroutineSummary | undefined; leaked: GoroutineSummary | undefined } {
  const counting = countingDumps(dumps);
  const leaked = leakProfiles(dumps);
  // Another count profile (threadcreate) is listed when nothing counts goroutines.
  const others = dumps.filter((d) => d.kind !== 'goroutineleak');
  return { latest: counting[counting.length - 1] ?? others[others.length - 1], leaked: leaked[leaked.length - 1] };
}

/** A compact series of numbers: `4.3 → 8.6 → 13.5 MiB`. */
export function trend(values: readonly number[], bytes = true): string {
  return values.map((v) => (bytes ? formatBytes(v) : formatCount(v))).join(' → ');
}

/** Rows of the series table: each bucket over the snapshots. */
export function seriesRows(series: SeriesAnalysis): [string, string][] {
  const p = series.points;
  const rows: [string, string][] = [
    ['live', trend(p.map((x) => x.breakdown.live))],
    ['idle', trend(p.map((x) => x.breakdown.idle))],
    ['released', trend(p.map((x) => x.breakdown.released))],
    ['stacks', trend(p.map((x) => x.breakdown.stacks))],
    ['HeapSys', trend(p.map((x) => x.heapSys ?? 0))],
    ['HeapObjects', trend(p.map((x) => x.heapObjects ?? 0), false)],
    ['NumGC', trend(p.map((x) => x.numGC), false)],
  ];
  return p.length > 0 ? rows : [];
}
