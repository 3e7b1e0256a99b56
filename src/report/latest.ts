/**
 * What a report of dumps shows of its snapshots, the text and Markdown reports alike: with a series,
 * the latest snapshot stands for the rest (the series above it reads them all; `--format json` has
 * each in full), with the allocation sites of the latest that has some when it has none
 * (analyze/report.ts latestSitesFrom), and the findings of the series and of the latest — not those
 * each earlier snapshot repeats. One selection, so that a PR comment ($GITHUB_STEP_SUMMARY) says what
 * the terminal says (go1.19-audit41-satcache's ten ?gc=1 dumps: one section, not ten).
 */
import type { SnapshotAnalysis } from '../analyze/snapshot.js';
import type { Finding } from '../analyze/rules/index.js';
import { isSeriesFinding } from '../analyze/rules/series.js';
import { latestSitesFrom, type AnalyzeReport } from '../analyze/report.js';
import { countOf } from '../text/units.js';

/** The snapshots and findings a report shows (latestShown). */
export interface LatestShown {
  /** The snapshot shown in full: the latest (of one, the only one). */
  latest: SnapshotAnalysis;
  /** The snapshots before it, in the report's order (TotalAlloc's): not shown in full. */
  earlier: readonly SnapshotAnalysis[];
  /** The snapshot whose allocation sites stand for the latest's, when the latest lists none (latestSitesFrom). */
  sitesFrom: SnapshotAnalysis | undefined;
  /** The findings shown (latestFindings): all of them of one snapshot. */
  findings: Finding[];
  /** How many findings only earlier snapshots have (`--format json` lists them). */
  hidden: number;
  /** The findings' heading: `Findings`, or of a series latestFindingsTitle. */
  findingsTitle: string;
}

/** What the text and Markdown reports show of `report`'s snapshots (LatestShown); undefined without a snapshot, or of unrelated dumps (`--separately`: each its own section). */
export function latestShown(report: AnalyzeReport): LatestShown | undefined {
  const latest = report.snapshots[report.snapshots.length - 1];
  if (!latest || report.separately) return undefined;
  const findings = latestFindings(report, latest);
  return {
    latest,
    earlier: report.snapshots.slice(0, -1),
    sitesFrom: latestSitesFrom(report)?.snapshot,
    findings,
    hidden: report.findings.length - findings.length,
    findingsTitle: report.snapshots.length > 1 ? latestFindingsTitle(findings) : 'Findings',
  };
}

/**
 * What a report of a series lists of its findings: the series rules' (leak-suspected…, at the
 * series' last input), the latest snapshot's, and a GC log's own (a series of its own, which
 * belongs to no snapshot): all but the earlier snapshots'. `--format json` has them all.
 */
export function latestFindings(report: AnalyzeReport, latest: SnapshotAnalysis): AnalyzeReport['findings'] {
  // A GC fact the snapshots repeat is said once, by the latest that holds it (repeated-facts.ts): among the latest's own.
  const earlier = new Set(report.snapshots.map((s) => s.source).filter((source) => source !== latest.source));
  return report.findings.filter((f) => !earlier.has(f.source));
}

/** The title of a series' findings (latestFindings): the series' own, a series rule's, are among them or not. */
export function latestFindingsTitle(findings: AnalyzeReport['findings']): string {
  return findings.some(isSeriesFinding) ? 'Findings (the series and its latest snapshot)' : 'Findings (latest snapshot)';
}

/** `36 more findings in earlier snapshots (--format json lists them all).` (LatestShown.hidden). */
export function hiddenFindingsLine(hidden: number): string {
  return `${countOf(hidden, 'more finding')} in earlier snapshots (--format json lists them all).`;
}

/**
 * The snapshots a series places, in its order: the report's without those it has no place for
 * (a binary profile without MemStats, series.withoutMemStats: "Not in the series"), as the text
 * report counts them ("Across 21 snapshots"); every snapshot without a series or `--separately`.
 * What the TUI steps through and counts (`snapshot 21/21`), so that both say one number (audit 44
 * F13a: go1.19-audit44-bigframes' heap-t46.pb.gz was the TUI's 22nd snapshot).
 */
export function seriesSnapshots(report: AnalyzeReport): readonly SnapshotAnalysis[] {
  const outside = new Set(report.separately ? [] : report.series?.withoutMemStats ?? []);
  return outside.size === 0 ? report.snapshots : report.snapshots.filter((s) => !outside.has(s.source));
}
