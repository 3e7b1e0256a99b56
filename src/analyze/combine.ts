/**
 * Several snapshots in one report. Snapshots of one process are ordered by TotalAlloc (it never
 * decreases); the report's verdict is the latest snapshot's until the series analysis judges
 * growth across them.
 */
import type { AnalyzeReport } from '../report/model.js';
import type { SnapshotAnalysis } from './snapshot.js';

export function orderByTotalAlloc(snapshots: readonly SnapshotAnalysis[]): SnapshotAnalysis[] {
  return [...snapshots].sort((a, b) => (a.stats?.int('TotalAlloc') ?? 0) - (b.stats?.int('TotalAlloc') ?? 0));
}

export function combineSnapshots(snapshots: readonly SnapshotAnalysis[]): AnalyzeReport {
  const ordered = orderByTotalAlloc(snapshots);
  const latest = ordered[ordered.length - 1];
  if (!latest) throw new Error('internal: combineSnapshots needs at least one snapshot');
  return {
    snapshots: ordered,
    goroutines: [],
    findings: ordered.flatMap((s) => s.findings),
    verdict: latest.verdict,
    diagnostics: ordered.flatMap((s) => s.diagnostics),
  };
}
