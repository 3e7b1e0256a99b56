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
  dump: HeapDump;
  stats: MemStats | undefined;
  breakdown: Breakdown | undefined;
  profile: ProfileSummary;
  goVersion: GoVersion | undefined;
  findings: Finding[];
  verdict: Verdict;
  diagnostics: Diagnostic[];
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
    verdict: snapshotVerdict(breakdown, stats, thresholds),
    diagnostics,
  };
}

/** The line a MemStats field was printed on (`StackSys` is on the `# Stack = a / b` line). */
function memStatPosition(dump: HeapDump, field: string): Position | undefined {
  const printed = Object.entries(PAIRED_MEMSTATS).find(([, pair]) => pair.includes(field))?.[0] ?? field;
  return dump.memStats?.lines.find((l) => l.name === printed)?.position;
}
