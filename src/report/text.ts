/**
 * The plain-text report: what a Go performance engineer would say, readable at 80 columns.
 * Sizes in MiB with exact bytes where they matter; text from the dump is sanitized.
 */
import { BUCKETS, type Bucket } from '../analyze/breakdown.js';
import { formatGoVersion } from '../analyze/goversion.js';
import type { SnapshotAnalysis } from '../analyze/snapshot.js';
import type { Finding } from '../analyze/rules/index.js';
import type { Colors } from '../cli/output.js';
import { stripControl } from '../text/sanitize.js';
import { formatBytes, formatCount, formatDuration, formatPercent } from '../text/units.js';
import { wrap } from '../text/wrap.js';
import type { AnalyzeReport } from './model.js';

export interface TextOptions {
  width: number;
  colors: Colors;
  /** How many allocation sites to list per snapshot. */
  topSites: number;
}

const BAR_WIDTH = 24;

export function bucketColor(c: Colors, bucket: Bucket): (s: string) => string {
  switch (bucket) {
    case 'live': return c.red;
    case 'fragmentation': return c.magenta;
    case 'idle': return c.yellow;
    case 'released': return c.green;
    case 'stacks': return c.cyan;
    default: return c.blue;
  }
}

function severityTag(c: Colors, f: Finding): string {
  if (f.severity === 'error') return c.red(c.bold('error'));
  if (f.severity === 'warning') return c.yellow(c.bold('warning'));
  return c.cyan('info');
}

function breakdownLines(s: SnapshotAnalysis, o: TextOptions): string[] {
  const b = s.breakdown;
  if (!b) return [];
  const c = o.colors;
  const lines = [c.bold(`Where the memory is — Sys ${formatBytes(b.sys)} (${formatCount(b.sys)} bytes) mapped from the OS`)];
  for (const bucket of BUCKETS) {
    const value = b[bucket];
    const cells = b.sys > 0 ? Math.round((value / b.sys) * BAR_WIDTH) : 0;
    const bar = bucketColor(c, bucket)('█'.repeat(cells));
    lines.push(`  ${bucket.padEnd(14)}${formatBytes(value).padStart(11)}${formatPercent(value, b.sys).padStart(8)}  ${bar}`);
  }
  lines.push(wrap(`Go holds ${formatBytes(b.retained)} (Sys − HeapReleased: its own estimate of physical memory, what GOMEMLIMIT bounds).`, o.width, 2, 2));
  return lines;
}

function gcLine(s: SnapshotAnalysis, o: TextOptions): string[] {
  const st = s.stats;
  if (!st) return [];
  const parts: string[] = [];
  const numGC = st.int('NumGC');
  if (numGC !== undefined) parts.push(`${formatCount(numGC)} GC cycles${st.has('NumForcedGC') ? ` (${formatCount(st.int('NumForcedGC') ?? 0)} forced)` : ''}`);
  const last = st.recentRing('PauseNs')[0];
  if (last) parts.push(`last pause ${formatDuration(Number(last.value))}`);
  const fraction = st.float('GCCPUFraction');
  if (fraction !== undefined) parts.push(`GC CPU ${formatPercent(fraction, 1, 2)}`);
  const nextGC = st.int('NextGC');
  if (nextGC !== undefined) parts.push(`next GC at ${formatBytes(nextGC)}`);
  const objects = st.int('HeapObjects');
  if (objects !== undefined) parts.push(`${formatCount(objects)} live objects`);
  return parts.length ? [wrap(`GC: ${parts.join(' · ')}`, o.width, 4, 0)] : [];
}

function findingLines(f: Finding, o: TextOptions): string[] {
  const c = o.colors;
  const head = wrap(`${f.severity} ${f.ruleId}: ${f.message}`, o.width, 4, 2).replace(f.severity, severityTag(c, f)).replace(f.ruleId, c.bold(f.ruleId));
  return [
    head,
    wrap(`why: ${f.why}`, o.width, 9, 4),
    wrap(`fix: ${f.fix}`, o.width, 9, 4),
    `    ${c.dim(`see: ${f.docsUrl}`)}`,
  ];
}

function siteLines(s: SnapshotAnalysis, o: TextOptions): string[] {
  const p = s.profile;
  if (p.samplingRate === 0) return [];
  const sites = p.sites.filter((x) => x.inuseBytes > 0 || x.allocBytes > 0).slice(0, o.topSites);
  if (sites.length === 0) return [];
  const c = o.colors;
  const rate = p.exact ? 'every allocation recorded (MemProfileRate = 1): exact' : p.samplingRate ? `sampled every ${formatBytes(p.samplingRate)}; unsampled estimates, as pprof computes them` : 'sampling rate unknown: raw sample counts';
  const lines = [c.bold('Allocation sites'), wrap(`${rate}. In-use numbers are as of the last completed GC.`, o.width, 2, 2), c.dim('     in use   objects   allocated  site')];
  for (const site of sites) {
    const name = stripControl(site.function) + (site.runtimeOnly && site.function === 'runtime.malg' ? ' (goroutine descriptors)' : '');
    lines.push(`  ${formatBytes(site.inuseBytes).padStart(9)} ${formatCount(site.inuseObjects).padStart(9)}  ${formatBytes(site.allocBytes).padStart(10)}  ${name}`);
    if (site.file) lines.push(c.dim(`${' '.repeat(35)}${stripControl(shortPath(site.file))}:${site.line ?? '?'}`));
  }
  const more = p.sites.length - sites.length;
  if (more > 0) lines.push(c.dim(`  … ${more} more site${more === 1 ? '' : 's'} (--top N, or --format json for all)`));
  return lines;
}

/** The last three path segments: enough to recognise a file, short enough for 80 columns. */
export function shortPath(file: string): string {
  const parts = file.split('/');
  return parts.length > 3 ? `…/${parts.slice(-3).join('/')}` : file;
}

function snapshotLines(s: SnapshotAnalysis, o: TextOptions, many: boolean): string[] {
  const c = o.colors;
  const version = s.goVersion ? `${formatGoVersion(s.goVersion)}${s.goVersion.source === 'flag' ? '' : ' (inferred)'}` : 'Go version unknown';
  const contents = s.dump.header ? `${formatCount(s.dump.recordCount)} records` : 'MemStats block only';
  const lines = [c.bold(c.underline(stripControl(s.source))), c.dim(`heap dump · ${version} · ${contents}`)];
  if (many) lines.push(wrap(`${s.verdict.summary}`, o.width, 2, 2));
  lines.push('');
  const b = breakdownLines(s, o);
  if (b.length) lines.push(...b, '');
  const gc = gcLine(s, o);
  if (gc.length) lines.push(...gc, '');
  const sites = siteLines(s, o);
  if (sites.length) lines.push(...sites, '');
  return lines;
}

export function reportText(report: AnalyzeReport, o: TextOptions): string {
  const c = o.colors;
  const many = report.snapshots.length > 1;
  const out: string[] = [];
  const verdictColor = report.verdict.leak === 'suspected' ? c.red : report.verdict.leak === 'not-suspected' ? c.green : c.yellow;
  out.push(verdictColor(c.bold(wrap(report.verdict.summary, o.width, 0, 0))), '');
  for (const s of report.snapshots) out.push(...snapshotLines(s, o, many));
  if (report.findings.length) {
    out.push(c.bold('Findings'));
    for (const f of report.findings) out.push(...findingLines(f, o), '');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
