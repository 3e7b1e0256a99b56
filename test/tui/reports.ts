/**
 * Reports for the UI tests, built from the real samples the way `heapdoc analyze` builds them:
 * heap dumps → analyzeSnapshot → combineReport; goroutine dumps → summarizeGoroutineProfile;
 * compiler output → EscapeAnalyzer + joinSnapshots, as `--escape` does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { combineReport } from '../../src/analyze/combine.js';
import { EscapeAnalyzer, EscapeIndexBuilder, sourceStatements } from '../../src/analyze/escape/index.js';
import { sourceLines, sourceRoots } from '../../src/input/sourceline.js';
import { escapeFeed, joinSnapshots } from '../../src/analyze/escape/sites.js';
import { summarizeGoroutineProfile, summarizeTraceback } from '../../src/analyze/goroutines/index.js';
import { analyzeSnapshot, type SnapshotAnalysis } from '../../src/analyze/snapshot.js';
import { parseGcflags } from '../../src/grammar/gcflags/index.js';
import { parseGoroutineProfile } from '../../src/grammar/goroutine/index.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { parseTraceback } from '../../src/grammar/traceback/index.js';
import type { AnalyzeReport } from '../../src/analyze/report.js';
import { gcTraceVerdict } from '../../src/analyze/exposed.js';
import { analyzeGcTrace, gcTraceFindings } from '../../src/exposition/gctrace.js';
import { parseGcTrace } from '../../src/grammar/gctrace/index.js';
import { readFixture, ROOT } from '../helpers/fixtures.js';
import { heapSnapshot } from '../../src/input/snapshot.js';

export const SAMPLES = join(ROOT, 'samples');

export function sample(rel: string): string {
  return join(SAMPLES, rel);
}

/** A sample's text (a gzipped capture's, unzipped). */
export function readSample(rel: string): string {
  const bytes = readFileSync(sample(rel));
  return (rel.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** A heap?debug=1 dump analyzed as `heapdoc` analyzes it, named `rel`. */
function analyzeHeap(text: string, rel: string): SnapshotAnalysis {
  const { dump, diagnostics } = parseHeapDump(text, rel);
  return analyzeSnapshot(rel, heapSnapshot(dump), diagnostics);
}

/** A heap dump of test/fixtures. */
function heapFixture(rel: string): SnapshotAnalysis {
  return analyzeHeap(readFixture(rel), rel);
}

export interface ReportSpec {
  heap: string[];
  goroutines?: string[];
  /** The goroutine dumps are debug=2 tracebacks; 'by-name': those whose name says debug2. */
  traceback?: boolean | 'by-name';
  escape?: string;
  /** Findings listed per list (as analyze --escape lists for the UI: TUI_FINDINGS); default all. */
  escapeLimit?: number;
}

export function buildReport(spec: ReportSpec): AnalyzeReport {
  const snapshots = spec.heap.map((rel) => analyzeHeap(readSample(rel), rel));
  const goroutines = (spec.goroutines ?? []).map((rel) => (spec.traceback === true || (spec.traceback === 'by-name' && rel.includes('debug2'))
    ? summarizeTraceback(parseTraceback(readSample(rel), rel).dump, rel)
    : summarizeGoroutineProfile(parseGoroutineProfile(readSample(rel), rel).profile, rel)));
  const report = combineReport(snapshots, goroutines);
  if (spec.escape) {
    const text = readSample(spec.escape);
    // The program's source beside the compiler output tells a looping defer's closure from a go statement's, as readEscapeJoin reads it.
    const statementAt = sourceStatements(sourceLines(sourceRoots([sample(spec.escape)])));
    const analyzer = new EscapeAnalyzer({ ...(spec.escapeLimit !== undefined ? { limit: spec.escapeLimit } : {}), statementAt });
    // As heapdoc analyze --escape joins them (cli/commands/analyze.ts readEscapeJoin): the analysis places each message.
    const builder = new EscapeIndexBuilder(undefined, statementAt);
    const parsed = parseGcflags(text, spec.escape, { keep: false, ...escapeFeed(analyzer, builder) });
    const analysis = analyzer.finish(parsed, spec.escape);
    const index = builder.finish();
    const sites = joinSnapshots(index, report.snapshots);
    const bySite = new Map([...sites].filter(([, j]) => j.diagnostics.length > 0).map(([site, j]) => [site, j.diagnostics] as const));
    report.escape = { source: spec.escape, analysis, bySite, sites, index };
  }
  return report;
}

/** The seed program's routine4 after free: the main.routine4 site escapes at main.go:29 (-m=2 output). */
export function seedReport(): AnalyzeReport {
  return buildReport({ heap: ['go1.23/seed/routine4/after-free.heap-debug1.txt'], escape: 'go1.23/compiler/seed.gcflags-m2.txt' });
}

/** The leak program: five snapshots and two goroutine dumps. */
export function leakReport(): AnalyzeReport {
  return buildReport({
    heap: [1, 2, 3, 4, 5].map((n) => `go1.23/leak/snap${n}.heap-debug1.txt`),
    goroutines: ['go1.23/leak/snap1.goroutine-debug1.txt', 'go1.23/leak/snap5.goroutine-debug1.txt'],
  });
}

/** A captured scenario's heap and goroutine dumps (test/fixtures/scenarios/NAME), as `heapdoc DIR` reads them. */
export function scenarioReport(name: string, phases: readonly string[]): AnalyzeReport {
  const snapshots = phases.map((p) => heapFixture(`scenarios/${name}/${p}.heap-debug1.txt`));
  const goroutines = phases.map((p) => `scenarios/${name}/${p}.goroutine-debug1.txt`)
    .map((rel) => summarizeGoroutineProfile(parseGoroutineProfile(readFixture(rel), rel).profile, rel));
  return combineReport(snapshots, goroutines);
}

/** Heap dumps of test/fixtures (`rels`), as `heapdoc FILE…` reads them: one series. */
export function fixtureReport(rels: readonly string[]): AnalyzeReport {
  return combineReport(rels.map(heapFixture), []);
}

/** The heap-leak scenario's last snapshot (test/fixtures/scenarios): main.remember keeps 24.9 MiB through main.main. */
export function heapLeakReport(): AnalyzeReport {
  return combineReport([heapFixture('scenarios/heap-leak/06-t6.heap-debug1.txt')], []);
}

/** GODEBUG=gctrace=1 logs alone (test/fixtures), as `heapdoc LOG…` reads them: each a series, the verdict theirs. */
export function gcLogReport(...rels: string[]): AnalyzeReport {
  const report = combineReport([], []);
  report.gcTraces = rels.map((rel) => analyzeGcTrace(parseGcTrace(readFixture(rel), rel).log, rel));
  report.findings.push(...report.gcTraces.flatMap(gcTraceFindings)); // as cli/commands/analyze.ts
  report.verdict = gcTraceVerdict(report.gcTraces, undefined) ?? report.verdict;
  return report;
}

/** Heap and goroutine dumps of `moments` in `dir` with the GC log beside them, the verdict combined as cli/commands/analyze.ts does. */
export function dumpsAndLogReport(dir: string, moments: readonly string[], log: string): AnalyzeReport {
  const snapshots = moments.map((m) => heapFixture(`${dir}/${m}.heap-debug1.txt`));
  const goroutines = moments.map((m) => `${dir}/${m}.goroutine-debug1.txt`)
    .map((rel) => summarizeGoroutineProfile(parseGoroutineProfile(readFixture(rel), rel).profile, rel));
  const report = combineReport(snapshots, goroutines);
  report.gcTraces = [analyzeGcTrace(parseGcTrace(readFixture(`${dir}/${log}`), log).log, log)];
  report.verdict = gcTraceVerdict(report.gcTraces, report.verdict, report.series) ?? report.verdict;
  return report;
}

/**
 * Heap dumps, goroutine dumps and GC logs of test/fixtures (`rels`, in the order given) as `heapdoc
 * FILE… --separately` reads them (cli/commands/analyze.ts): unrelated dumps, folder by folder, each
 * log's findings after the dumps'.
 */
export function separateReport(rels: readonly string[]): AnalyzeReport {
  const goroutines = rels.filter((rel) => rel.includes('goroutine'));
  const heap = rels.filter((rel) => rel.includes('heap') && !goroutines.includes(rel));
  const logs = rels.filter((rel) => !heap.includes(rel) && !goroutines.includes(rel));
  const dumps = goroutines.map((rel) => (rel.includes('debug2')
    ? summarizeTraceback(parseTraceback(readFixture(rel), rel).dump, rel)
    : summarizeGoroutineProfile(parseGoroutineProfile(readFixture(rel), rel).profile, rel)));
  const report = combineReport(heap.map(heapFixture), dumps, { separately: true, inputOrder: rels });
  report.gcTraces = logs.map((rel) => analyzeGcTrace(parseGcTrace(readFixture(rel), rel).log, rel));
  report.findings = [...report.findings, ...report.gcTraces.flatMap(gcTraceFindings)];
  report.verdict = gcTraceVerdict(report.gcTraces, report.verdict, report.series) ?? report.verdict;
  return report;
}
