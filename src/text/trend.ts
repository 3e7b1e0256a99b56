/**
 * A series of numbers in one line, however long (docs/contract.md: a trend over more than 12
 * points stays one line). Shared by the reports' trends (report/goroutines.ts) and the verdicts
 * that list a series in their words (a GC log's staircase: exposition/gctrace.ts).
 */
import { formatCount } from './units.js';

/**
 * Past this many values a trend is shortened (runs of one value, then its middle): a line of
 * 16,743 scrapes is no report. The Markdown report lists each snapshot of a series up to as many.
 */
export const TREND_SHOWN = 12;
/** Values shown at each end of a shortened trend. */
const TREND_ENDS = 5;

/**
 * A compact series: `4.3 MiB → 8.6 MiB → 13.5 MiB`, each value as `format` writes it. A long one
 * (thousands of scrapes, a GC log's floor at each of 291 GCs) keeps its shape in a line: a run of
 * one value is written once with its count (`22.0 MiB ×16,743`, `50 MB ×137`), and when still too
 * long, its first and last runs with the count left out between, and the lowest or highest of the
 * whole series when only the values left out hold it (a peak in the middle is not lost).
 */
export function runsTrend(values: readonly number[], format: (v: number) => string): string {
  if (values.length <= TREND_SHOWN) return values.map((v) => format(v)).join(' → ');
  const runs: { text: string; count: number }[] = [];
  for (const v of values) {
    const text = format(v);
    const last = runs[runs.length - 1];
    if (last?.text === text) last.count++;
    else runs.push({ text, count: 1 });
  }
  const item = (r: { text: string; count: number }): string => (r.count > 1 ? `${r.text} ×${formatCount(r.count)}` : r.text);
  if (runs.length <= TREND_SHOWN) return runs.map(item).join(' → ');
  const head = runs.slice(0, TREND_ENDS);
  const tail = runs.slice(runs.length - TREND_ENDS);
  const hidden = values.length - [...head, ...tail].reduce((n, r) => n + r.count, 0);
  let low = values[0] as number;
  let high = low;
  for (const v of values) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  // The lowest and highest are said when the values left out hold them (a peak in the middle).
  const shown = new Set([...head, ...tail].map((r) => r.text));
  const extremes = [shown.has(format(low)) ? '' : `lowest ${format(low)}`, shown.has(format(high)) ? '' : `highest ${format(high)}`].filter(Boolean);
  return `${[...head.map(item), `… ${formatCount(hidden)} more …`, ...tail.map(item)].join(' → ')}${extremes.length > 0 ? ` (${extremes.join(', ')})` : ''}`;
}
