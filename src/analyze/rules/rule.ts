/**
 * A rule is a module: `meta` (a stable id — SARIF and baselines depend on it — a default
 * severity, a one-line description, the Go document it rests on) and a pure `check` that reads
 * the facts of one snapshot and returns findings. Messages have three parts (Biome's habit):
 * what is wrong, why (the evidence, with numbers), what to do.
 */
import type { Severity } from '../../grammar/common/diagnostic.js';
import type { Position } from '../../grammar/common/positions.js';
import type { HeapDump } from '../../grammar/heap/index.js';
import type { Breakdown } from '../breakdown.js';
import type { GoVersion } from '../goversion.js';
import type { MemStats } from '../memstats.js';
import type { ProfileSummary } from '../profile.js';
import type { Thresholds } from '../thresholds.js';

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  description: string;
  docsUrl: string;
}

/** What the user told us about the process; a dump does not contain these. */
export interface ProcessFacts {
  /** Resident set size when the dump was taken, bytes (--rss). */
  rss?: number;
  /** The GOMEMLIMIT the process ran with, bytes (--gomemlimit). */
  gomemlimit?: number;
}

export interface SnapshotFacts {
  source: string;
  dump: HeapDump;
  stats: MemStats | undefined;
  breakdown: Breakdown | undefined;
  profile: ProfileSummary;
  goVersion: GoVersion | undefined;
  process: ProcessFacts;
  /** Where a MemStats field's line is, for findings that point at it. */
  positionOf(field: string): Position | undefined;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** What is wrong, in one sentence. */
  message: string;
  /** Why: the evidence, with the numbers from the dump. */
  why: string;
  /** What to do about it. */
  fix: string;
  docsUrl: string;
  source: string;
  line?: number;
  column?: number;
  /** The numbers behind the finding, for JSON consumers and thresholds. */
  evidence?: Record<string, number | string>;
}

export type RuleResult = Pick<Finding, 'message' | 'why' | 'fix'> & {
  position?: Position | undefined;
  evidence?: Record<string, number | string>;
  /** Overrides the rule's default severity for this finding (e.g. a stronger case). */
  severity?: Severity;
};

export interface Rule {
  meta: RuleMeta;
  check(facts: SnapshotFacts, thresholds: Thresholds): RuleResult[];
}
