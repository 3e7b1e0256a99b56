/**
 * The registry: every rule heapdoc knows, in the order findings are listed. Ids are stable forever
 * (SARIF and lint baselines depend on them). `parse-error` only finds something when the caller
 * passes the parser's diagnostics (lint); the budgets (`max-…`) only with a configured limit. The
 * series rules (`leak-suspected`, `goroutine-growth`, `heap-growth`) read snapshots of one process
 * together (lint/series.ts), not one dump.
 */
import { finalizerBlocked } from './finalizer-blocked.js';
import { gcCpuHigh } from './gc-cpu-high.js';
import { gcOffRule } from './gc-off.js';
import { gcPauseLong } from './gc-pause-long.js';
import { goroutineDescriptors } from './goroutine-descriptors.js';
import { goroutineGrowth } from './goroutine-growth.js';
import { goroutineLeak } from './goroutine-leak.js';
import { goroutineLongWait } from './goroutine-long-wait.js';
import { heapGrowth } from './heap-growth.js';
import { heapFragmentation } from './heap-fragmentation.js';
import { idleHeapRetained } from './idle-heap-retained.js';
import { inconsistentDump } from './inconsistent-dump.js';
import { leakSuspected } from './leak-suspected.js';
import { leakOutsideHeap } from './leak-outside-heap.js';
import { memoryLimitPressure } from './memory-limit-pressure.js';
import { maxGcCpuFraction } from './max-gc-cpu-fraction.js';
import { maxGcPause } from './max-gc-pause.js';
import { maxGoroutines } from './max-goroutines.js';
import { maxLiveHeap } from './max-live-heap.js';
import { maxRetained } from './max-retained.js';
import { noMemstats } from './no-memstats.js';
import { notAGoProfile } from './not-a-go-profile.js';
import { outOfMemory } from './out-of-memory.js';
import { parseError } from './parse-error.js';
import { peakRetention } from './peak-retention.js';
import { profileBeforeFirstGc } from './profile-before-first-gc.js';
import { profilingBuckets } from './profiling-buckets.js';
import { profilingDisabled } from './profiling-disabled.js';
import { releasedMemoryInRss } from './released-memory-in-rss.js';
import { rssAboveGoEstimate } from './rss-above-go-estimate.js';
import type { Finding, Rule } from './rule.js';
import type { Bucket } from '../breakdown.js';
import { stackHeavy } from './stack-heavy.js';

export const RULES: readonly Rule[] = [
  parseError,
  inconsistentDump,
  noMemstats,
  notAGoProfile,
  profilingDisabled,
  gcOffRule,
  idleHeapRetained,
  releasedMemoryInRss,
  rssAboveGoEstimate,
  memoryLimitPressure,
  peakRetention,
  stackHeavy,
  heapFragmentation,
  goroutineDescriptors,
  profilingBuckets,
  gcCpuHigh,
  gcPauseLong,
  profileBeforeFirstGc,
  maxLiveHeap,
  maxRetained,
  maxGoroutines,
  goroutineLeak,
  goroutineLongWait,
  finalizerBlocked,
  outOfMemory,
  maxGcCpuFraction,
  maxGcPause,
  leakSuspected,
  leakOutsideHeap,
  goroutineGrowth,
  heapGrowth,
];

/**
 * The snapshot rules whose findings read the dump's MemStats (or the breakdown made of them): none
 * of them is reported on a dump that breaks the identities (inconsistent-dump), whose numbers
 * cannot all be true (reasoning.md §1: "say so instead of reasoning from it").
 */
export const READS_MEMSTATS: ReadonlySet<string> = new Set([
  gcCpuHigh, gcOffRule, gcPauseLong, heapFragmentation, idleHeapRetained, maxGcCpuFraction, maxGcPause, maxLiveHeap, maxRetained,
  memoryLimitPressure, peakRetention, profileBeforeFirstGc, profilingBuckets, releasedMemoryInRss, rssAboveGoEstimate, stackHeavy,
].map((r) => r.meta.id));

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}

const SEVERITY_RANK: Readonly<Record<Finding['severity'], number>> = { error: 0, warning: 1, info: 2 };

/**
 * One snapshot's findings in the order a report lists them: by severity (errors, warnings, then
 * notes), and among one severity those that explain the part the verdict names first (its
 * `dominant`: stack-heavy when "Most of the memory is goroutine stacks"), then in registry order,
 * which they are in already (the sort is stable).
 */
export function inReportOrder(findings: readonly Finding[], dominant: Bucket | undefined): Finding[] {
  const aboutHeadline = (f: Finding): number => (dominant !== undefined && findRule(f.ruleId)?.meta.explains?.includes(dominant) ? 0 : 1);
  return [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || aboutHeadline(a) - aboutHeadline(b));
}

export { configureRule, contextOf, offUntilConfigured, toFinding } from './rule.js';
export type {
  ConfiguredRule, Finding, GoroutineFacts, LivePoint, Rule, RuleContext, RuleInput, RuleMeta, RuleOptionKind, RuleOptionMeta, RuleOptions, RuleResult, SeriesRuleFacts, SnapshotFacts,
} from './rule.js';
