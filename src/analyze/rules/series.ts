/**
 * The series rules (`leak-suspected`, `heap-growth`, `goroutine-growth`) over a series analysis:
 * the facts they read, built from what analyzeSeries found, and the findings they make. Pure, so
 * every front end that has a series (lint, the TUI, analyze) gets the same findings from it.
 */
import type { GoroutineSummary } from '../goroutines/index.js';
import type { SeriesAnalysis } from '../series/index.js';
import { liveFallingSteps, namedLeakSites } from '../series/verdict.js';
import { RULES } from './index.js';
import { leakSuspected, namesGroups } from './leak-suspected.js';
import { goroutineGrowth, GROWING_GROUPS } from './goroutine-growth.js';
import { configureRule, contextOf, offUntilConfigured, toFinding, type BusyFinalizer, type ConfiguredRule, type Finding, type LivePoint, type Rule, type RuleResult, type SeriesRuleFacts } from './rule.js';

/**
 * The facts of a series of snapshots of one process: `series` as analyzeSeries made it from heap
 * snapshots and `goroutines`, the goroutine dumps it was given (their order is the series').
 */
export function seriesRuleFacts(series: SeriesAnalysis, goroutines: readonly GoroutineCounts[]): SeriesRuleFacts {
  // One point per GC cycle, the first snapshot after it, as the verdict reads the live heap.
  const live: LivePoint[] = [];
  const between = series.betweenGCs ? new Set(series.betweenGCs) : undefined;
  series.points.forEach((p, i) => {
    if (live.length > 0 && live[live.length - 1]?.numGC === p.numGC) return;
    live.push({ source: p.source, bytes: p.breakdown.live, numGC: p.numGC, atMs: p.lastGcMs, ...(between && !between.has(i) ? { afterForcedGC: true as const } : {}) });
  });
  const liveRising = series.verdict.evidence.some((e) => e.kind === 'live-heap');
  const sources = [...series.points.map((p) => p.source), ...(series.points.length === 0 ? goroutines.map((g) => g.source) : [])];
  return {
    sources,
    origin: 'snapshots',
    verdict: series.verdict,
    live,
    leakSites: namedLeakSites(series.growingSites, liveRising, series.points, series.offsettingSites, liveFallingSteps(live.map((p) => p.bytes), live.map((p) => p.afterForcedGC === true))),
    grownSites: series.growingSites.filter((s) => !s.profiler),
    profiles: series.trendSources,
    goroutines: goroutines.map((g) => ({ source: g.source, total: g.total })),
    growingGroups: series.growingGroups,
    ...busyFinalizer(goroutines),
    ...unreadBodies(goroutines),
    ...(series.httpRequesters ? { httpRequesters: series.httpRequesters } : {}),
    ...(series.growingHolder ? { holder: series.growingHolder } : {}),
  };
}

/** What the series rules read of a goroutine dump: its name and count, its groups when there are (the finalizer's), what its client connections wait for. */
export type GoroutineCounts = Pick<GoroutineSummary, 'source' | 'total'> & { groups?: GoroutineSummary['groups']; httpClient?: GoroutineSummary['httpClient'] };

/** The client read loops the last goroutine dump found waiting for a response Body (httpclient.ts), when there are. */
function unreadBodies(dumps: readonly GoroutineCounts[]): { unreadBodies?: number } {
  const count = dumps[dumps.length - 1]?.httpClient?.bodyUnread ?? 0;
  return count > 0 ? { unreadBodies: count } : {};
}

/**
 * The finalizer of the program the finalizer goroutine was running in every goroutine dump (two
 * or more): the runtime runs finalizers one at a time on that goroutine, so one still running at
 * every dump holds up every other (pkg.go.dev/runtime#SetFinalizer).
 */
function busyFinalizer(dumps: readonly GoroutineCounts[]): { busyFinalizer?: BusyFinalizer } {
  if (dumps.length < 2) return {};
  const running = dumps.map((d) => d.groups?.find((g) => g.finalizer));
  const last = running[running.length - 1];
  if (!last || running.some((g) => g?.function !== last.function)) return {};
  return { busyFinalizer: { function: last.function, file: last.file, line: last.line, blockedIn: last.blockedIn, dumps: dumps.length } };
}

/** Each series rule's results on `facts`, with the rule that made them. */
export function checkSeriesRules(facts: SeriesRuleFacts, rules: readonly ConfiguredRule[]): { rule: Rule; result: RuleResult }[] {
  const found = rules.flatMap((configured) => {
    const { rule } = configured;
    if (!rule.meta.inputs?.includes('series') || !rule.checkSeries) return [];
    return rule.checkSeries(facts, contextOf(configured, [])).map((result) => ({ rule, result }));
  });
  return groupsSaidOnce(found, facts, (f) => f.result.severity ?? f.rule.meta.defaultSeverity);
}

const SEVERITY_RANK = { info: 0, warning: 1, error: 2 } as const;

/**
 * One fact, one finding: goroutine groups that keep growing are goroutine-growth's finding
 * (`growing-groups`) and, when the series' verdict is a leak they are evidence of, leak-suspected
 * names them too (the same groups, counts and advice: leak-suspected.ts). The growth is then said
 * once, by leak-suspected: goroutine-growth's finding about the groups is left out when
 * leak-suspected is reported at its level or above (`severity`: each one's, as reported; a
 * leak-suspected turned off or down to info leaves it). Its budget (`count-budget`) is another
 * fact and stays. For every front end: lint (engine.ts) and analyze (seriesFindings).
 */
export function groupsSaidOnce<T extends { rule: Rule; result: RuleResult }>(found: readonly T[], facts: SeriesRuleFacts, severity: (f: T) => keyof typeof SEVERITY_RANK): T[] {
  const leak = namesGroups(facts) ? found.find((f) => f.rule.meta.id === leakSuspected.meta.id) : undefined;
  if (!leak) return [...found];
  const level = SEVERITY_RANK[severity(leak)];
  return found.filter((f) => !(f.rule.meta.id === goroutineGrowth.meta.id && f.result.subject === GROWING_GROUPS && SEVERITY_RANK[severity(f)] <= level));
}

/** The series rules that run without a configuration (budgets need theirs). */
export const DEFAULT_SERIES_RULES: readonly ConfiguredRule[] = RULES
  .filter((r) => r.meta.inputs?.includes('series') && !offUntilConfigured(r.meta))
  .map((r) => configureRule(r));

/**
 * The series findings of a series analysis — what `heapdoc lint` reports about a directory of
 * snapshots — reported at the series' last file. `goroutines` are the goroutine dumps the series
 * was made with (AnalyzeReport.goroutines); `rules` the series rules to run (by default those on
 * without a configuration: leak-suspected and goroutine-growth).
 */
export function seriesFindings(
  series: SeriesAnalysis, goroutines: readonly GoroutineCounts[], rules: readonly ConfiguredRule[] = DEFAULT_SERIES_RULES,
): Finding[] {
  const facts = seriesRuleFacts(series, goroutines);
  const last = facts.sources[facts.sources.length - 1];
  if (last === undefined) return [];
  return checkSeriesRules(facts, rules).map(({ rule, result }) => ({ ...toFinding(rule, result, last), scope: 'series' as const }));
}

/** Whether a finding is about a series (Finding.scope): it speaks for every snapshot of it. */
export function isSeriesFinding(finding: Pick<Finding, 'scope'>): boolean {
  return finding.scope === 'series';
}
