/**
 * The series verdict weighs every piece of evidence together (issue #9, items 1–2), on the real
 * dumps of the corpus's leak program (go1.23: NumGC 1, 2, 3, 4, 4 at snapshots 1–5).
 */
import { describe, expect, it } from 'vitest';
import { combineReport } from '../../src/analyze/combine.js';
import { summarizeGoroutineProfile, type GoroutineSummary } from '../../src/analyze/goroutines/index.js';
import { analyzeSeries } from '../../src/analyze/series/index.js';
import { judgeSeries } from '../../src/analyze/series/verdict.js';
import { MemStats } from '../../src/analyze/memstats.js';
import { analyzeSnapshot, type SnapshotAnalysis } from '../../src/analyze/snapshot.js';
import { parseGoroutineProfile } from '../../src/grammar/goroutine/index.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { readCorpus } from '../helpers/fixtures.js';
import { heapSnapshot } from '../../src/input/snapshot.js';

function snapshot(rel: string): SnapshotAnalysis {
  const { dump, diagnostics } = parseHeapDump(readCorpus(rel), rel);
  return analyzeSnapshot(rel, heapSnapshot(dump), diagnostics);
}
function goroutines(rel: string): GoroutineSummary {
  return summarizeGoroutineProfile(parseGoroutineProfile(readCorpus(rel), rel).profile, rel);
}
const heap = (...n: number[]): SnapshotAnalysis[] => n.map((i) => snapshot(`go1.23/leak/snap${i}.heap-debug1.txt`));
const gdumps = (...n: number[]): GoroutineSummary[] => n.map((i) => goroutines(`go1.23/leak/snap${i}.goroutine-debug1.txt`));

describe('evidence is never dropped when more evidence is given', () => {
  it('goroutine dumps alone: the growing groups are a leak', () => {
    const report = combineReport([], gdumps(1, 2, 3, 4, 5));
    expect(report.verdict.leak).toBe('suspected');
    expect(report.verdict.summary).toBe('Leak suspected (high confidence): growing goroutine groups across 5 dumps: main.waitForLock +156, main.waitForReply +156, main.waitForShutdown +156, main.fetchWithTimeout.func1 +155 (41 → 196; now 196 at main.go:92).');
  });

  it('the same goroutine dumps with heap dumps of one GC cycle: still a leak, on the goroutines\' evidence', () => {
    const report = combineReport(heap(4, 5), gdumps(1, 2, 3, 4, 5));
    expect(report.verdict.leak).toBe('suspected');
    expect(report.series?.verdict.evidence.map((e) => e.kind)).toEqual(['goroutine-groups']);
    expect(report.verdict.summary).toBe('Leak suspected (high confidence): growing goroutine groups across 5 dumps: main.waitForLock +156, main.waitForReply +156, main.waitForShutdown +156, main.fetchWithTimeout.func1 +155 (41 → 196; now 196 at main.go:92).');
  });

  it('heap dumps alone: the live heap, the site and the growing stacks are all named', () => {
    const series = analyzeSeries(heap(1, 2, 3, 4, 5));
    expect(series.points.map((p) => p.stackInuse)).toEqual([622592, 950272, 1310720, 1638400, 1998848]);
    expect(series.verdict.evidence.map((e) => e.kind)).toEqual(['live-heap', 'sites', 'stack-inuse']);
    expect(series.verdict.summary).toBe('Leak suspected (high confidence): HeapAlloc 4.3 MiB → 16.5 MiB across 4 snapshots taken at different GCs (snapshots 1→4), each read between GCs; growing sites: main.newSession +2.5 MiB (rough: 7 → 12 samples); goroutine stacks (StackInuse) 608.0 KiB → 1.9 MiB across 5 snapshots.');
  });

  it('everything together: four kinds of evidence in one verdict', () => {
    const report = combineReport(heap(1, 2, 3, 4, 5), gdumps(1, 2, 3, 4, 5));
    expect(report.series?.verdict.evidence.map((e) => e.kind)).toEqual(['live-heap', 'sites', 'goroutine-groups', 'stack-inuse']);
    expect(report.verdict.leak).toBe('suspected');
  });
});

describe('too little evidence is unknown, never stable', () => {
  it('two GC-separated snapshots: unknown, with what to do', () => {
    const report = combineReport(heap(1, 2));
    expect(report.series?.verdict.kind).toBe('unknown');
    expect(report.verdict.leak).toBe('unknown');
    // GCs ran between the two: the snapshots are too few, not the GC cycles.
    expect(report.verdict.summary).toBe('Cannot tell yet whether memory leaks: only 2 GC-separated snapshots (3 are needed); take at least one more, some GC cycles after the last, so that a trend can show.');
  });

  it('two snapshots of one GC cycle: unknown, saying their profiles are the same', () => {
    const report = combineReport(heap(4, 5));
    expect(report.verdict.leak).toBe('unknown');
    expect(report.verdict.summary).toMatch(/^Cannot tell yet whether memory leaks: every snapshot is from the same GC cycle \(NumGC 4\), so their heap profiles are the same; not enough GC cycles/);
  });

  it('two goroutine dumps: unknown, asking for a third', () => {
    const report = combineReport([], gdumps(1, 5));
    expect(report.verdict.leak).toBe('unknown');
    expect(report.verdict.summary).toBe('Cannot judge from 2 goroutine dumps: take at least 3, some time apart. Growing, but not yet evidence: main.waitForLock +156 goroutines, main.waitForReply +156 goroutines, main.waitForShutdown +156 goroutines, main.fetchWithTimeout.func1 +155 goroutines (41 → 196; now 196 at main.go:92).');
  });

  it('a site that grows monotonically is named, not summarized as "no site growing"', () => {
    // Two GC-separated points of a large process where GCs are rare: the site grew 205 MiB.
    const [a, b] = heap(1, 2);
    if (!a || !b) throw new Error('fixtures');
    const points = analyzeSeries([a, b]).points;
    const verdict = judgeSeries({
      points, epochs: [a, b], epochIndexes: [0, 1], goroutineDumps: 0, groups: [],
      sites: [{ function: 'main.cache', file: '/src/main.go', line: 12, inuseBytes: [0, 205 * 1024 * 1024], inuseObjects: [0, 1], growthBytes: 205 * 1024 * 1024, monotonic: true }],
    });
    expect(verdict.leak).toBe('unknown');
    expect(verdict.summary).toContain('Growing, but not yet evidence: main.cache +205.0 MiB.');
    expect(verdict.summary).not.toMatch(/no site/);
  });
});

describe("the profiler's own allocations", () => {
  it('are labelled on the sites that only the profiler reaches', () => {
    const s = snapshot('go1.23/stacks/exited.heap-debug1.txt');
    const profiler = s.profile.sites.filter((x) => x.profiler).map((x) => x.function);
    expect(profiler).toEqual(['runtime/pprof.writeGoroutineStacks', 'strings.(*Builder).Write', 'runtime/pprof.printCountProfile.func1', 'runtime/pprof.writeGoroutineStacks']);
    expect(s.profile.sites.find((x) => x.function === 'runtime.malg')?.profiler).toBe(false);
  });

  it('are never leak evidence, even when they grow steadily', () => {
    const [a, b, c] = heap(1, 2, 3);
    if (!a || !b || !c) throw new Error('fixtures');
    const points = analyzeSeries([a, b, c]).points.map((p) => ({ ...p, stackInuse: 0, breakdown: { ...p.breakdown, live: 1 } }));
    // The same dumps with a flat live heap: only the profiler's site grows.
    const flat = [a, b, c].map((s) => ({ ...s, stats: new MemStats(new Map([...(s.stats?.fields ?? []), ['HeapAlloc', 4_000_000n], ['HeapObjects', 1000n]])) }));
    const verdict = judgeSeries({
      points, epochs: flat, epochIndexes: [0, 1, 2], goroutineDumps: 0, groups: [],
      sites: [{ function: 'runtime/pprof.writeGoroutineStacks', file: '/go/src/runtime/pprof/pprof.go', line: 760, inuseBytes: [0, 8 << 20, 16 << 20], inuseObjects: [0, 1, 2], growthBytes: 16 << 20, monotonic: true, profiler: true }],
    });
    expect(verdict.leak).toBe('not-suspected');
    expect(verdict.evidence).toEqual([]);
    expect(verdict.summary).toContain("The profiler's own allocations grew (runtime/pprof.writeGoroutineStacks +16.0 MiB): taking dumps allocates; not counted.");
  });
});

describe('stacks and bursts are read across GC cycles (an audit against the corpus README)', () => {
  const series = (...rels: string[]) => combineReport(rels.map(snapshot), []);

  it('the stacks program: stacks that rose within one GC cycle are no leak (it said "Leak suspected", and lint failed)', () => {
    const report = series(...['baseline', 'deep', 'returned'].map((n) => `go1.19/stacks/${n}.heap-debug1.txt`));
    expect(report.series?.verdict.kind).toBe('unknown');
    expect(report.series?.verdict.summary).toBe('Cannot tell yet whether memory leaks: only 2 GC-separated snapshots (3 are needed); not enough GC cycles between snapshots — take more over a longer time, or add ?gc=1 to the heap URL so each snapshot follows a GC.');
    // No trend, nothing growing: the latest snapshot's own answer stands (the README: not a heap leak).
    expect(report.verdict.leak).toBe('not-suspected');
    expect(report.verdict.summary).toBe('Not a leak of reachable data: HeapAlloc 30.7 MiB (the live heap as of the last GC, cycle 1, and what was allocated since) of 174.4 MiB mapped (Go holds 173.6 MiB); 125.8 MiB in goroutine stacks. Most of the memory is goroutine stacks. The 3 snapshots show no trend yet: only 2 GC-separated snapshots (3 are needed); not enough GC cycles between snapshots — take more over a longer time, or add ?gc=1 to the heap URL so each snapshot follows a GC.');
  });

  it('the stacks program\'s whole run: the burst of stacks is the story, not the debug=2 capture\'s 30.7 MiB live peak', () => {
    const report = series(...['baseline', 'deep', 'returned', 'after-gc-1', 'after-gc-6', 'exited'].map((n) => `go1.19/stacks/${n}.heap-debug1.txt`));
    expect(report.series?.verdict.kind).toBe('peak-retention');
    expect(report.verdict.summary).toBe('Peak retention, not a leak: a stack peak (more goroutines, or deeper stacks) came and went — their stacks (StackInuse) 288.0 KiB → 125.8 MiB at snapshot 3 → 480.0 KiB, and the freed stack spans are heap the runtime keeps (HeapSys 223.5 MiB: 64.0 KiB idle, 222.2 MiB released).');
  });

  it('the peak program: stacks that came and went do not make a live heap of 300 MiB "peak retention, high confidence"', () => {
    const report = series(...['baseline', 'peak', 'after-release'].map((n) => `go1.23/peak/default.${n}.heap-debug1.txt`));
    expect(report.verdict.leak).toBe('unknown');
    expect(report.series?.verdict.kind).toBe('unknown');
  });

  it('a leak whose stacks rose and fell between snapshots is not called a burst (snap4 given 8 MiB more stack)', () => {
    const edited = (n: number): SnapshotAnalysis => {
      const rel = `go1.19/leak/snap${n}.heap-debug1.txt`;
      const text = n !== 4 ? readCorpus(rel) : readCorpus(rel).replace(/^# Stack = (\d+) \/ (\d+)$/m, (_m, a: string, b: string) => `# Stack = ${Number(a) + (8 << 20)} / ${Number(b) + (8 << 20)}`)
        .replace(/^# Sys = (\d+)$/m, (_m, a: string) => `# Sys = ${Number(a) + (8 << 20)}`);
      const { dump, diagnostics } = parseHeapDump(text, rel);
      return analyzeSnapshot(rel, heapSnapshot(dump), diagnostics);
    };
    const report = combineReport([3, 4, 5].map(edited), []);
    expect(report.series?.verdict.kind).not.toBe('peak-retention');
    expect(report.verdict.leak).not.toBe('not-suspected');
  });
});

describe('the advice for too few GC cycles fits the input', () => {
  it('/metrics scrapes of one GC cycle are not told to add ?gc=1 to a heap URL they do not have', async () => {
    const { parsePrometheus } = await import('../../src/grammar/prometheus/index.js');
    const { snapshotsFromExposition } = await import('../../src/exposition/prometheus.js');
    const { isMemoryMetric } = await import('../../src/input/exposed.js');
    const { analyzeExposed } = await import('../../src/analyze/exposed.js');
    const scrapes = [1, 2, 3, 4, 5].map((n) => {
      const rel = `go1.19/exposition/burst/metrics.${n}.txt`;
      const { exposition } = parsePrometheus(readCorpus(rel), rel, { keep: isMemoryMetric });
      const snapshot = snapshotsFromExposition(exposition, rel).snapshots[0];
      if (!snapshot) throw new Error(`no snapshot in ${rel}`);
      return analyzeExposed(rel, snapshot, [], {});
    });
    const report = combineReport(scrapes, []);
    expect(report.series?.verdict.summary).toBe('Cannot tell yet whether memory leaks: every snapshot is from the same GC cycle (NumGC 2); not enough GC cycles between snapshots — take them further apart, so that GCs run between them.');
    expect(report.verdict.summary).toMatch(/ The 5 snapshots show no trend yet: every snapshot is from the same GC cycle \(NumGC 2\); not enough GC cycles between snapshots — take them further apart, so that GCs run between them\.$/);
  });
});

describe('more snapshots never give a weaker answer than the latest alone (burst series of one GC cycle)', () => {
  const series = (...rels: string[]) => combineReport(rels.map(snapshot), []);
  it('the exposition burst heap dumps: each alone says not a leak, and so does the series, with why it shows no trend', () => {
    const report = series(...[1, 2, 3, 4, 5].map((n) => `go1.19/exposition/burst/heap.${n}.txt`));
    expect(report.series?.verdict.kind).toBe('unknown');
    expect(report.verdict.leak).toBe('not-suspected');
    expect(report.verdict.dominant).toBe('stacks');
    expect(report.verdict.summary).toBe('Not a leak of reachable data: HeapAlloc 6.2 MiB (the live heap as of the last GC, cycle 2, and what was allocated since) of 38.6 MiB mapped (Go holds 37.7 MiB); 920.0 KiB of idle heap already released to the OS, 19.9 MiB in goroutine stacks. Most of the memory is goroutine stacks. The 5 snapshots show no trend yet: every snapshot is from the same GC cycle (NumGC 2), so their heap profiles are the same; not enough GC cycles between snapshots — take more over a longer time, or add ?gc=1 to the heap URL so each snapshot follows a GC.');
  });

  it('go1.21 peak after-gc and idle: peak retention, as each says alone', () => {
    const report = series(...['after-gc', 'idle'].map((n) => `go1.21/peak/default.${n}.heap-debug1.txt`));
    expect(report.verdict.leak).toBe('not-suspected');
    expect(report.verdict.summary).toMatch(/^Not a leak of reachable data: HeapAlloc 509\.0 KiB \(the live heap as of the last GC, cycle 2, and what was allocated since\) of 313\.7 MiB mapped .* The 2 snapshots show no trend yet: every snapshot is from the same GC cycle \(NumGC 2\)/);
  });

  it('but not while something grows short of evidence (the peak program\'s 300 MiB): no trend is no answer', () => {
    const report = series(...['baseline', 'peak', 'after-release'].map((n) => `go1.23/peak/default.${n}.heap-debug1.txt`));
    expect(report.series?.verdict.tooFewCycles).toBeUndefined();
    expect(report.verdict.summary).toContain('Growing, but not yet evidence: main.handleRequest +102.9 MiB.');
  });
});
