/**
 * Lints one parsed dump with the active rules. Pure: no files, no printing. A heap dump goes
 * through analyzeSnapshot (the same facts `heapdoc analyze` computes) with the active rules, each
 * with its own options; a goroutine dump goes to the rules that read goroutine dumps. Every rule
 * is given its options, its thresholds and the parser's diagnostics as arguments (RuleContext).
 */
import type { GoVersion } from '../input/goversion.js';
import { summarizeGoroutines, type GoroutineSummary } from '../analyze/goroutines/index.js';
import { configureRule, contextOf, toFinding, type ConfiguredRule, type Finding, type GoroutineFacts, type Rule, type RuleResult, type SeriesRuleFacts } from '../analyze/rules/index.js';
import { groupsSaidOnce } from '../analyze/rules/series.js';
import { logProblems, parseError } from '../analyze/rules/parse-error.js';
import { analyzeSnapshot, goVersionFindings, readsFact, readsGoVersion, reportedFactFindings, type FactsView, type ReportedFact, type SnapshotAnalysis } from '../analyze/snapshot.js';
import type { Diagnostic } from '../grammar/common/diagnostic.js';
import type { HeapDump } from '../grammar/heap/index.js';
import { heapSnapshot, type ProcessFacts, type SnapshotInput } from '../input/snapshot.js';
import type { GoroutineDump, GoroutineKind } from '../input/registry.js';
import type { ActiveRule } from './config.js';
import { fingerprint } from './fingerprint.js';
import type { LintMessage } from './types.js';

export interface LintOptions {
  /** --go-version; otherwise inferred from each dump when possible. */
  goVersion?: GoVersion;
  /** What is known of the processes (RSS, GOMEMLIMIT); the CLI has no per-dump source for it, tests and library callers may. */
  process?: ProcessFacts;
}

function reads(rule: Rule, input: 'heap' | 'goroutine' | 'series'): boolean {
  return (rule.meta.inputs ?? ['heap']).includes(input);
}

/** Lints one heap dump with the rules it was made for; `seen` gets the analysis (what a series keeps of the dump). */
export type HeapLinter = (source: string, snapshot: SnapshotInput, diagnostics: readonly Diagnostic[], seen?: (analysis: SnapshotAnalysis) => void) => LintMessage[];

/** Resolves each active rule's thresholds from its options once per run (not per dump). */
export function createHeapLinter(active: readonly ActiveRule[], options: LintOptions = {}): HeapLinter {
  const byId = new Map(active.map((a) => [a.rule.meta.id, a]));
  // memory-limit-pressure's `gomemlimit` is the limit the processes run with: every snapshot (and
  // so each directory's series) knows it, as analyze's with --gomemlimit.
  const limit = byId.get('memory-limit-pressure')?.options.gomemlimit;
  const process = limit !== undefined && options.process?.gomemlimit === undefined ? { ...options.process, gomemlimit: limit } : options.process;
  const analyzeOptions = {
    rules: heapRules(active),
    diagnosticsAsFindings: true,
    ...(options.goVersion ? { goVersion: options.goVersion } : {}),
    ...(process ? { process } : {}),
  };
  return (source, snapshot, diagnostics, seen) => {
    const analysis = analyzeSnapshot(source, snapshot, [...diagnostics], analyzeOptions);
    seen?.(analysis);
    return sortMessages(analysis.findings.map((f) => toMessage(f, byId.get(f.ruleId)?.severity)));
  };
}

/**
 * `messages` (of the file that stands for a moment whose scrape reports the process's GOMEMLIMIT or
 * RSS: `fact`, `bytes` of it) with the findings of the active rules that read it checked again
 * knowing it, as analyze checks the dump it keeps for that moment (analyze/snapshot.ts
 * withReportedLimit, withReportedRss): `view`, its summary rebuilt; `from`, the scrape's name. A
 * finding keeps the line of the one it replaces.
 */
export function lintReportedFact(messages: readonly LintMessage[], view: Parameters<typeof reportedFactFindings>[0], fact: ReportedFact, bytes: number, from: string, active: readonly ActiveRule[]): LintMessage[] {
  const rules = heapRules(active);
  return replacedMessages(messages, reportedFactFindings(view, fact, bytes, from, rules), (id) => readsFact(id, fact, rules), active);
}

/**
 * `messages` (of a file of a directory's series that shows no Go version) with the findings of the
 * active rules whose words depend on it checked again knowing `version`, the one the series shares
 * (analyze/snapshot.ts sharedGoVersion), as analyze checks its snapshots (withSeriesGoVersion):
 * `view`, its summary rebuilt; `process`, what is known of its process (its RSS, and `rssFrom`, the
 * scrape that reported it). A finding keeps the line of the one it replaces.
 */
export function lintSeriesGoVersion(messages: readonly LintMessage[], view: FactsView, version: GoVersion, process: ProcessFacts, active: readonly ActiveRule[], rssFrom?: string): LintMessage[] {
  const rules = heapRules(active);
  return replacedMessages(messages, goVersionFindings(view, version, process, rules, rssFrom), (id) => readsGoVersion(id, rules), active);
}

/** The active rules that read heap snapshots, each with its options. */
function heapRules(active: readonly ActiveRule[]): ConfiguredRule[] {
  return active.filter((a) => reads(a.rule, 'heap')).map((a) => configureRule(a.rule, a.options));
}

/** `messages` without those of the rules `replaced` says, with `found` instead, each at the line of the one it replaces. */
function replacedMessages(messages: readonly LintMessage[], found: readonly Finding[], replaced: (ruleId: string) => boolean, active: readonly ActiveRule[]): LintMessage[] {
  const byId = new Map(active.map((a) => [a.rule.meta.id, a]));
  const now = found.map((f) => toMessage(f, byId.get(f.ruleId)?.severity)).map((m) => {
    const was = messages.find((x) => x.ruleId === m.ruleId && x.fingerprint === m.fingerprint);
    return was?.line !== undefined ? { ...m, line: was.line, column: was.column ?? 1 } : m;
  });
  return sortMessages([...messages.filter((m) => !replaced(m.ruleId)), ...now]);
}

/** Lints one heap dump (createHeapLinter for many). */
export function lintHeapDump(source: string, dump: HeapDump, diagnostics: readonly Diagnostic[], active: readonly ActiveRule[], options: LintOptions = {}): LintMessage[] {
  return createHeapLinter(active, options)(source, heapSnapshot(dump), diagnostics);
}

export function goroutineFacts(source: string, kind: GoroutineKind, dump: GoroutineDump, summary: GoroutineSummary = summarizeGoroutines(dump, source)): GoroutineFacts {
  let facts: Omit<GoroutineFacts, 'largestGroup'>;
  if ('traceback' in dump) {
    facts = { source, kind, total: dump.traceback.goroutineCount, position: dump.traceback.stacks[0]?.position, truncated: dump.traceback.truncated };
  } else {
    const header = dump.profile.header;
    facts = { source, kind, total: header?.total ?? dump.profile.recordTotal, position: header?.position, truncated: false };
  }
  // debug=2's groups (their waits, a crash); debug=1's too, for what a record's frames say (finalizer-blocked).
  facts = { ...facts, groups: summary.groups, ...('traceback' in dump && summary.crash ? { crash: summary.crash } : {}) };
  const top = summary.groups[0];
  return top ? { ...facts, largestGroup: { count: top.count, function: top.function, ...(top.state ? { state: top.state } : {}) } } : facts;
}

export function lintGoroutineDump(facts: GoroutineFacts, diagnostics: readonly Diagnostic[], active: readonly ActiveRule[]): LintMessage[] {
  const messages: LintMessage[] = [];
  for (const { rule, severity, options } of active) {
    if (!reads(rule, 'goroutine') || !rule.checkGoroutines) continue;
    const context = contextOf(configureRule(rule, options), diagnostics);
    for (const result of rule.checkGoroutines(facts, context)) messages.push(resultToMessage(rule, result, facts.source, severity));
  }
  return sortMessages(messages);
}

/**
 * A GODEBUG=gctrace=1 log's problems (a malformed line, GC lines of two processes interleaved) as
 * `parse-error` findings, at their lines, as a dump's are: without them lint said nothing of a log
 * analyze refuses. None when the rule is off.
 */
export function lintLogProblems(diagnostics: readonly Diagnostic[], source: string, active: readonly ActiveRule[]): LintMessage[] {
  const parse = active.find((a) => a.rule.meta.id === parseError.meta.id);
  return parse ? logProblems(diagnostics).map((result) => resultToMessage(parse.rule, result, source, parse.severity)) : [];
}

/**
 * Lints the series one file holds (a GC log: its cycles) with the series rules; the findings are
 * the file's own, at `source`.
 */
export function lintSeriesFacts(facts: SeriesRuleFacts, source: string, active: readonly ActiveRule[]): LintMessage[] {
  return seriesResults(facts, source, active).map((m) => m.message);
}

/**
 * The findings of a directory's series (`scope: 'series'`: a baseline records them at the
 * directory), each with the input it is about: `source` (the series' last file), or the one a
 * rule named (RuleResult.source: goroutine-growth is about the last goroutine dump).
 */
export function lintSeriesFindings(facts: SeriesRuleFacts, source: string, active: readonly ActiveRule[]): { source: string; message: LintMessage }[] {
  return seriesResults(facts, source, active).map(({ source: at, message }) => ({ source: at, message: { ...message, scope: 'series' } }));
}

function seriesResults(facts: SeriesRuleFacts, source: string, active: readonly ActiveRule[]): { source: string; message: LintMessage }[] {
  const found: { rule: Rule; result: RuleResult; message: LintMessage }[] = [];
  for (const { rule, severity, options } of active) {
    if (!reads(rule, 'series') || !rule.checkSeries) continue;
    const context = contextOf(configureRule(rule, options), []);
    for (const result of rule.checkSeries(facts, context)) found.push({ rule, result, message: resultToMessage(rule, result, source, severity) });
  }
  // A leak that names the growing goroutine groups says them once (rules/series.ts groupsSaidOnce), at the levels configured.
  return groupsSaidOnce(found, facts, (f) => f.message.severity).map(({ result, message }) => ({ source: result.source ?? source, message }));
}

function resultToMessage(rule: Rule, result: RuleResult, source: string, severity: LintMessage['severity'] | undefined): LintMessage {
  return toMessage(toFinding(rule, result, source), severity);
}

function toMessage(f: Finding, configured: LintMessage['severity'] | undefined): LintMessage {
  return {
    ruleId: f.ruleId,
    severity: configured ?? f.severity,
    message: f.message,
    why: f.why,
    fix: f.fix,
    docsUrl: f.docsUrl,
    ...(f.line !== undefined ? { line: f.line, column: f.column ?? 1 } : {}),
    ...(f.evidence ? { evidence: f.evidence } : {}),
    ...(f.cut ? { cut: true as const } : {}),
    fingerprint: fingerprint(f.ruleId, f.subject),
  };
}

/** By line and column, findings without a position first; the registry order breaks ties (the sort is stable). */
export function sortMessages(messages: LintMessage[]): LintMessage[] {
  return messages.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
