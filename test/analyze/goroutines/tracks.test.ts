/**
 * Goroutine dumps given together (analyze/goroutines/tracks.ts), on the corpus's go1.26 leak
 * program: a goroutineleak profile is the runtime's proof of a leak, never a goroutine count, and
 * a trend reads one format when debug=1 and debug=2 dumps of the same moments are both given.
 */
import { describe, expect, it } from 'vitest';
import { combineReport } from '../../../src/analyze/combine.js';
import { confirmedGoroutineLeak, countingDumps, summarizeGoroutineProfile, summarizeTraceback, type GoroutineSummary } from '../../../src/analyze/goroutines/index.js';
import { analyzeSnapshot, type SnapshotAnalysis } from '../../../src/analyze/snapshot.js';
import { parseGoroutineProfile } from '../../../src/grammar/goroutine/index.js';
import { parseHeapDump } from '../../../src/grammar/heap/index.js';
import { parseTraceback } from '../../../src/grammar/traceback/index.js';
import { heapSnapshot } from '../../../src/input/snapshot.js';
import { goroutineTotals, groupRows } from '../../../src/tui/model/goroutines.js';
import { runCli } from '../../helpers/cli.js';
import { corpusPath, readCorpus } from '../../helpers/fixtures.js';

const DIR = 'go1.26-devel/leak';
const profile = (name: string): GoroutineSummary => summarizeGoroutineProfile(parseGoroutineProfile(readCorpus(`${DIR}/${name}`), name).profile, name);
const traceback = (name: string): GoroutineSummary => summarizeTraceback(parseTraceback(readCorpus(`${DIR}/${name}`), name).dump, name);
function heap(name: string): SnapshotAnalysis {
  const { dump, diagnostics } = parseHeapDump(readCorpus(`${DIR}/${name}`), name);
  return analyzeSnapshot(name, heapSnapshot(dump), diagnostics);
}

describe('the goroutineleak profile', () => {
  it('alone: the runtime confirmed the leak, so the verdict is suspected from one profile', () => {
    const report = combineReport([], [profile('gleak-snap1.goroutineleak-debug1.txt')]);
    expect(report.series).toBeUndefined();
    expect(report.verdict).toEqual({
      leak: 'suspected',
      dominant: 'stacks',
      summary: 'Goroutine leak confirmed by the runtime: its goroutineleak profile lists 31 goroutines blocked forever on a channel, lock or condition that no runnable goroutine can reach — main.fetchWithTimeout.func1 ×31. Each keeps its stack and everything it references until the process exits. Give heap dumps (heap?debug=1) of the same moments for the memory picture.',
    });
  });

  it('two of them: the count across profiles is said', () => {
    const leak = confirmedGoroutineLeak([profile('gleak-snap1.goroutineleak-debug1.txt'), profile('gleak-snap2.goroutineleak-debug1.txt')]);
    expect(leak?.totals).toEqual([31, 71]);
    expect(leak?.latest.source).toBe('gleak-snap2.goroutineleak-debug1.txt');
    expect(leak?.summary).toContain('lists 71 goroutines (31 → 71 across 2 leak profiles) blocked forever');
  });

  it('with the full dump and the heap dump of the same moment: the leak first, then the heap picture; the full dump is the count', () => {
    const full = profile('gleak-snap2.goroutine-debug1.txt');
    const leaked = profile('gleak-snap2.goroutineleak-debug1.txt');
    const report = combineReport([heap('gleak-snap2.heap-debug1.txt')], [leaked, full]);
    // One full dump: no goroutine series (the leak profile is no second dump of a trend).
    expect(report.series).toBeUndefined();
    expect(countingDumps(report.goroutines).map((d) => d.total)).toEqual([292]);
    expect(report.verdict.leak).toBe('suspected');
    expect(report.verdict.dominant).toBe('live');
    expect(report.verdict.summary).toMatch(/^Goroutine leak confirmed by the runtime: its goroutineleak profile lists 71 goroutines .* As of the last GC \(cycle 4\), live objects were most of what Go holds: about 7\.7 MiB, 56\.8% of the 13\.6 MiB Go holds/);
  });

  it('a leak profile that lists nothing changes no verdict', () => {
    const empty: GoroutineSummary = { source: 'empty.txt', kind: 'goroutineleak', total: 0, groups: [] };
    expect(confirmedGoroutineLeak([empty])).toBeUndefined();
    const report = combineReport([heap('gleak-snap2.heap-debug1.txt')], [empty]);
    expect(report.verdict.leak).toBe('unknown');
    expect(combineReport([], [empty]).verdict.summary).toBe('Goroutine leak profiles only, and none lists a leaked goroutine: give heap dumps (heap?debug=1) for the memory picture.');
  });

  it('the Goroutines pane counts the full dump and lists it first; the leak profile keeps its own rows', () => {
    const dumps = [profile('gleak-snap2.goroutine-debug1.txt'), profile('gleak-snap2.goroutineleak-debug1.txt')];
    expect(goroutineTotals(dumps)).toEqual({ now: 292, first: 292, change: undefined, dumps: 1 });
    const rows = groupRows(dumps);
    expect(rows.map((r) => r.summary.total)).toEqual([...Array<number>(9).fill(292), 71]);
  });
});

describe('debug=1 and debug=2 dumps of the same moments', () => {
  const names = [1, 2, 3, 4, 5].flatMap((i) => [`snap${i}.goroutine-debug1.txt`, `snap${i}.goroutine-debug2.txt`]);
  const dumps = (): GoroutineSummary[] => names.map((n) => (n.includes('debug2') ? traceback(n) : profile(n)));

  it('a trend reads the debug=2 dumps (wait states), never both formats', () => {
    expect(countingDumps(dumps()).map((d) => d.source)).toEqual([1, 2, 3, 4, 5].map((i) => `snap${i}.goroutine-debug2.txt`));
    const report = combineReport([], dumps());
    expect(report.verdict.leak).toBe('suspected');
    // main.fetchWithTimeout.func1's goroutines are in two groups: counted together, named by the larger (audit 46 #6).
    expect(report.verdict.summary).toBe('Leak suspected (high confidence): growing goroutine groups across 5 dumps: main.fetchWithTimeout.func1 +157 (36 → 193; now 193 in chan send), main.waitForLock [sync.Mutex.Lock] +157, main.waitForReply [chan receive] +157, main.waitForShutdown [select] +157.');
  });

  it('the debug=1 dumps when they are more, or when a debug=2 dump was cut at 64 MiB', () => {
    const all = dumps();
    expect(countingDumps(all.slice(0, 3)).map((d) => d.source)).toEqual(['snap1.goroutine-debug1.txt', 'snap2.goroutine-debug1.txt']);
    const cut = all.map((d) => (d.source === 'snap3.goroutine-debug2.txt' ? { ...d, truncated: true as const } : d));
    expect(countingDumps(cut).map((d) => d.kind)).toEqual(Array<string>(5).fill('goroutine'));
  });
});

describe('heapdoc analyze and lint on the leak profile', () => {
  const leak1 = corpusPath(`${DIR}/gleak-snap1.goroutineleak-debug1.txt`);
  const leak2 = corpusPath(`${DIR}/gleak-snap2.goroutineleak-debug1.txt`);
  const full2 = corpusPath(`${DIR}/gleak-snap2.goroutine-debug1.txt`);
  const heap2 = corpusPath(`${DIR}/gleak-snap2.heap-debug1.txt`);

  it('analyze: no average stack over the full dump\'s 292 goroutines (896 KiB of stacks: the runtime\'s own may be most of it), the leaked groups listed apart; --fail-on leak exits 1', async () => {
    const r = await runCli([leak2, full2, heap2, '--fail-on', 'leak'], { env: { COLUMNS: '200' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('gleak-snap2.goroutineleak-debug1.txt: 71 leaked goroutines in 1 group (goroutineleak profile)');
    expect(r.stdout).toContain('gleak-snap2.goroutine-debug1.txt: 292 goroutines in ');
    // It said "StackInuse 896.0 KiB / 292 goroutines = 3.1 KiB per goroutine on average": some 350 KiB of it is the runtime's own.
    expect(r.stdout).not.toContain('per goroutine on average');
    expect(r.stdout).toMatch(/count {2}leaked, as the runtime's goroutineleak profile lists them \(latest\)\n {7}71 {2}main\.fetchWithTimeout\.func1 \{"handler":"fetch"\}\n/);
    const md = await runCli([leak2, full2, heap2, '-f', 'markdown']);
    expect(md.stdout).toContain("| count | leaked (the runtime's goroutineleak profile) |\n|---:|---|\n| 71 | main.fetchWithTimeout.func1 {\"handler\":\"fetch\"} |");
  });

  it('lint: goroutine-leak is an error at the header of each profile that lists goroutines (exit 1)', async () => {
    const r = await runCli(['lint', leak1, leak2, '--format', 'json']);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as { messages: { ruleId: string; line: number; column: number; message: string }[] }[];
    expect(results.map((f) => f.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`))).toEqual([
      ['1:1 goroutine-leak The runtime found 31 leaked goroutines, 31 in main.fetchWithTimeout.func1.'],
      ['1:1 goroutine-leak The runtime found 71 leaked goroutines, 71 in main.fetchWithTimeout.func1.'],
    ]);
  });
});
