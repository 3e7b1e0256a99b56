/**
 * Analysis of one heap dump: breakdown, profile, findings and verdict. Pure: the same dump and
 * options give the same result, and nothing here reads files or prints.
 */
import type { Diagnostic } from '../grammar/common/diagnostic.js';
import type { Position } from '../grammar/common/positions.js';
import type { HeapDump } from '../grammar/heap/index.js';
import { PAIRED_MEMSTATS } from '../grammar/heap/index.js';
import { computeBreakdown, type Breakdown } from './breakdown.js';
import { inferGoVersion, type GoVersion } from './goversion.js';
import { MemStats } from './memstats.js';
import { summarizeProfile, type ProfileSummary } from './profile.js';
import { RULES, toFinding, type Finding, type ProcessFacts, type Rule, type SnapshotFacts } from './rules/index.js';
import { THRESHOLDS, type Thresholds } from './thresholds.js';
import { snapshotVerdict, type Verdict } from './verdict.js';
import { formatBytes } from '../text/units.js';
import { identityOf, type BinaryIdentity } from './series/identity.js';
import type { ExposedProcess } from '../exposition/model.js';

export interface AnalyzeOptions {
  /** --go-version; otherwise inferred from the dump when possible. */
  goVersion?: GoVersion;
  process?: ProcessFacts;
  thresholds?: Partial<Thresholds>;
  /** The rules to run (default: all). */
  rules?: readonly Rule[];
}

export interface SnapshotAnalysis {
  source: string;
  /** `heap` and `allocs` dumps are the same format; the endpoint cannot be told from the text. */
  kind: 'heap';
  /**
   * Where the snapshot came from when not a heap?debug=1 dump: a /metrics scrape, a /debug/vars
   * file (MemStats, no profile), a binary profile (a profile, no MemStats), or a binary profile
   * paired with the MemStats of the same process.
   */
  origin?: 'prometheus' | 'expvar' | 'pprof' | 'pprof+prometheus' | 'pprof+expvar';
  /** What a /metrics scrape or /debug/vars says of the process beyond MemStats (RSS, goroutines, cmdline, …). */
  process?: ExposedProcess;
  dump: HeapDump;
  stats: MemStats | undefined;
  breakdown: Breakdown | undefined;
  profile: ProfileSummary;
  goVersion: GoVersion | undefined;
  findings: Finding[];
  verdict: Verdict;
  diagnostics: Diagnostic[];
  /** What identifies the binary (PCs, functions' files, package main's directory): the one-process check. */
  identity: BinaryIdentity;
}

export function analyzeSnapshot(source: string, dump: HeapDump, diagnostics: Diagnostic[], options: AnalyzeOptions = {}): SnapshotAnalysis {
  const thresholds: Thresholds = { ...THRESHOLDS, ...options.thresholds };
  const stats = dump.memStats ? new MemStats(dump.memStats.fields) : undefined;
  const breakdown = stats ? computeBreakdown(stats) : undefined;
  const profile = summarizeProfile(dump);
  const goVersion = options.goVersion ?? inferGoVersion(dump);
  const facts: SnapshotFacts = {
    source,
    dump,
    stats,
    breakdown,
    profile,
    goVersion,
    process: options.process ?? {},
    positionOf: (field) => memStatPosition(dump, field),
  };
  const findings: Finding[] = [];
  for (const rule of options.rules ?? RULES) {
    for (const result of rule.check(facts, thresholds)) findings.push(toFinding(rule, result, source));
  }
  return {
    source,
    kind: 'heap',
    dump,
    stats,
    breakdown,
    profile,
    goVersion,
    findings,
    verdict: withRss(snapshotVerdict(breakdown, stats, thresholds), breakdown, options.process?.rss),
    diagnostics,
    identity: identityOf(dump.stacks),
  };
}

/**
 * With --rss, the verdict says how the OS's number relates to Go's: the question users bring is
 * usually "why does top show more than the heap?".
 */
function withRss(verdict: Verdict, b: Breakdown | undefined, rss: number | undefined): Verdict {
  if (!b || rss === undefined) return verdict;
  const gap = rss - b.retained;
  // A few MiB above Go's estimate is normal: the binary's own pages and shared libraries are in RSS.
  const clause = gap > Math.max(0.25 * b.retained, 16 * 1024 * 1024)
    ? ` The OS counts ${formatBytes(rss)} of RSS, ${formatBytes(gap)} more than Go holds${gap <= b.released * 1.1 ? ': released pages it has not reclaimed yet (MADV_FREE)' : ': memory outside the Go heap (cgo, mmap) or released pages not reclaimed'}.`
    : ` The OS counts ${formatBytes(rss)} of RSS, in line with what Go holds (plus the binary's own pages).`;
  return { ...verdict, summary: verdict.summary + clause };
}

/** The line a MemStats field was printed on (`StackSys` is on the `# Stack = a / b` line). */
function memStatPosition(dump: HeapDump, field: string): Position | undefined {
  const printed = Object.entries(PAIRED_MEMSTATS).find(([, pair]) => pair.includes(field))?.[0] ?? field;
  return dump.memStats?.lines.find((l) => l.name === printed)?.position;
}
