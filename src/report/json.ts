/** `analyze --format json`, exactly the shape of contract.md (schemaVersion 1), plus documented extras. */

import type { SnapshotAnalysis } from '../analyze/snapshot.js';
import type { AllocationSite } from '../analyze/profile.js';
import { formatGoVersion } from '../input/goversion.js';
import { exactBreakdown, type Breakdown } from '../analyze/breakdown.js';
import { jsonRecord, stringifyJsonParts } from '../text/json.js';
import type { SiteEscape } from '../analyze/escape/sites.js';
import type { AnalyzeReport } from '../analyze/report.js';

export const SCHEMA_VERSION = 1;

function escapeJson(joined: SiteEscape | undefined): Record<string, unknown> {
  if (!joined) return {};
  return {
    escape: joined.diagnostics.map((d) => ({
      kind: d.kind,
      message: d.message,
      line: d.line,
      ...(d.column !== undefined ? { column: d.column } : {}),
      ...(d.cause !== undefined ? { cause: d.cause } : {}),
      ...(d.sentence !== undefined ? { sentence: d.sentence } : {}),
      ...(d.reasons ? { reasons: d.reasons } : {}),
    })),
    escapeStatus: joined.comparison.status,
    escapeExplanation: joined.comparison.explanation,
  };
}

function siteJson(site: AllocationSite, joined: Map<AllocationSite, SiteEscape> | undefined): Record<string, unknown> {
  const top = site.stacks[0]?.stack;
  return {
    function: site.function,
    file: site.file ?? null,
    line: site.line ?? null,
    inuseBytes: site.inuseBytes,
    inuseObjects: site.inuseObjects,
    allocBytes: site.allocBytes,
    allocObjects: site.allocObjects,
    runtimeOnly: site.runtimeOnly,
    profiler: site.profiler,
    stacks: site.stacks.length,
    stack: (top?.frames ?? []).map((f) => ({ function: f.function ?? null, file: f.file ?? null, line: f.line ?? null })),
    ...escapeJson(joined?.get(site)),
  };
}

/**
 * The breakdown exact from the MemStats fields (a double would round a value near the uint64
 * maximum); the numbers themselves when every one is a safe integer, which they then are exactly
 * (the breakdown is those fields' exact values made numbers).
 */
function breakdownJson(s: SnapshotAnalysis): Breakdown | Record<keyof Breakdown, bigint> | null {
  const b = s.breakdown;
  if (!b) return null;
  if (Object.values(b).every((bytes) => Number.isSafeInteger(bytes))) return b;
  return (s.stats && exactBreakdown(s.stats)) || b;
}

export function snapshotJson(s: SnapshotAnalysis, joined?: Map<AllocationSite, SiteEscape>): Record<string, unknown> {
  const memStats = s.stats ? jsonRecord(s.stats.fields) : {};
  return {
    source: s.source,
    kind: s.kind,
    ...(s.origin ? { origin: s.origin } : {}),
    ...(s.process && Object.keys(s.process).length > 0 ? { process: s.process } : {}),
    ...(s.vars && Object.keys(s.vars).length > 0 ? { vars: s.vars } : {}),
    ...(s.gcPauses?.quantiles ? { gcPauseQuantiles: s.gcPauses.quantiles.quantiles } : {}),
    // `le` as Prometheus writes it: the last bucket is "+Inf".
    ...(s.gcPauses?.histogram ? { gcPauseHistogram: { metric: s.gcPauses.histogram.metric, buckets: s.gcPauses.histogram.buckets.map(([le, n]) => [Number.isFinite(le) ? le : '+Inf', n]) } } : {}),
    ...(s.sizeClasses ? { sizeClasses: s.sizeClasses } : {}),
    goVersion: s.goVersion ? { version: formatGoVersion(s.goVersion), source: s.goVersion.source } : null,
    memStats,
    breakdown: breakdownJson(s),
    profile: {
      samplingRate: s.profile.samplingRate ?? null,
      exact: s.profile.exact,
      records: s.profile.recordCount,
      inuseBytes: s.profile.inuseBytes,
      inuseObjects: s.profile.inuseObjects,
      allocBytes: s.profile.allocBytes,
      allocObjects: s.profile.allocObjects,
      sites: s.profile.sites.map((site) => siteJson(site, joined)),
    },
    verdict: s.verdict,
  };
}

export function reportJson(report: AnalyzeReport): string {
  return [...reportJsonParts(report)].join('');
}

/** reportJson's text in pieces, each snapshot's made when its turn comes (write.ts writeReport takes them). */
export function* reportJsonParts(report: AnalyzeReport): Generator<string> {
  yield* stringifyJsonParts({
    schemaVersion: SCHEMA_VERSION,
    snapshots: report.snapshots,
    ...(report.escape ? { escape: { source: report.escape.source, messages: report.escape.analysis.messages, heapByCause: report.escape.analysis.heapByCause } } : {}),
    goroutines: report.goroutines.map(({ identity: _identity, ...summary }) => summary),
    ...(report.series ? { series: report.series } : {}),
    ...(report.gcTraces ? { gcTraces: report.gcTraces } : {}),
    findings: report.findings,
    verdict: report.verdict,
    diagnostics: report.diagnostics,
  }, { snapshots: (s: SnapshotAnalysis) => snapshotJson(s, report.escape?.sites) });
  yield '\n';
}
