/** Goroutine dumps and series in the text report: shared by the text and Markdown formatters. */
import type { GoroutineGroup, GoroutineSummary } from '../analyze/goroutines/index.js';
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
  return `${stripControl(d.source)}: ${countOf(d.total, 'goroutine')} in ${countOf(d.groups.length, 'group')} (${kind})${d.truncated ? ', truncated' : ''}`;
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
