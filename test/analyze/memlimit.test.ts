/**
 * A memory limit nobody mentioned (issue 9; reasoning.md §2): the captured memlimit scenario
 * (GOMEMLIMIT=20MiB, not in the dumps) bears its marks, and nothing else in the fixtures does
 * except the corpus runs that had GOMEMLIMIT=100MiB at their peak.
 */
import { describe, expect, it } from 'vitest';
import { combineReport } from '../../src/analyze/combine.js';
import { analyzeSnapshot, type AnalyzeOptions, type SnapshotAnalysis } from '../../src/analyze/snapshot.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { corpusFiles, FIXTURES, readFixture } from '../helpers/fixtures.js';
import { join } from 'node:path';
import { heapSnapshot } from '../../src/input/snapshot.js';

function analyze(rel: string, options: AnalyzeOptions = {}): SnapshotAnalysis {
  const { dump, diagnostics } = parseHeapDump(readFixture(rel), rel);
  return analyzeSnapshot(rel, heapSnapshot(dump), diagnostics, options);
}

const MEMLIMIT = ['01-t1', '02-t2', '03-t3', '04-t4', '05-t5', '06-t6'].map((n) => `scenarios/memlimit/${n}.heap-debug1.txt`);

describe('one dump', () => {
  it('06-t6: the heap goal at the live heap, a sliver allocated per cycle, GC CPU above 5%: a limit is likely set', () => {
    const s = analyze('scenarios/memlimit/06-t6.heap-debug1.txt');
    // What the program allocated per cycle: TotalAlloc less the profiler's own 14,409,681 bytes (0.5%: not named).
    expect(s.memoryLimit).toEqual({ gcCycles: 2728, bytesPerCycle: (3036713832 - 14409681) / 2728, totalAlloc: 3036713832, profilerBytes: 14409681, heapAlloc: 8701392, nextGC: 8701936, gcCpuFraction: 0.12015392986890167,
      // 12 samples in use (fewer than 32): the profile cannot tell the live heap, HeapAlloc read at the goal stands in.
      liveBytes: 8701392, withoutProfile: true });
    expect(s.verdict.leak).toBe('unknown'); // live is 41% of what Go holds: too much to rule a leak out from one dump
    expect(s.verdict.summary).toMatch(/ A memory limit is likely set \(GOMEMLIMIT, or a very low GOGC\): the heap goal sits at the live heap \(NextGC 8\.3 MiB, HeapAlloc 8\.3 MiB\), only 1\.1 MiB is allocated per GC cycle \(GOGC=100 alone allows about the live heap\), so the GC ran 2,728 times and used 12\.0% of the CPU; pass --gomemlimit to check against it\.$/);
    const gc = s.findings.find((f) => f.ruleId === 'gc-cpu-high');
    expect(gc?.why).toContain('A memory limit is likely set: the heap goal sits at the live heap');
    expect(gc?.fix).toBe("The limit makes the GC run this often: raise it above the live heap with headroom, or reduce the live heap. Allocate less where the dump says the program allocates most: main.handleRequest (main.go:38), 1.4 GiB since the process started (50.2% of what the dump counts allocated, the profiler's own left out) and main.newBuffer (main.go:31), 1.4 GiB (49.6%); pass --gomemlimit to check against it.");
  });

  it('every snapshot of the scenario shows it (604 to 2,728 GCs)', () => {
    expect(MEMLIMIT.map((rel) => analyze(rel).memoryLimit?.gcCycles)).toEqual([604, 1151, 1553, 1903, 2310, 2728]);
  });

  it('with --gomemlimit the limit is known: no guess, the pressure finding, and no advice to set one', () => {
    const s = analyze('scenarios/memlimit/06-t6.heap-debug1.txt', { process: { gomemlimit: 20 * 1024 * 1024 } });
    expect(s.memoryLimit).toBeUndefined();
    expect(s.verdict.summary).not.toContain('likely set');
    expect(s.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['gc-cpu-high', 'memory-limit-pressure']));
    // The known limit binds (memory-limit-pressure's fit): its figure; the dump's allocators named (allocators.ts).
    expect(s.findings.find((f) => f.ruleId === 'gc-cpu-high')?.fix).toBe("The limit binds (GOMEMLIMIT 20.0 MiB: memory-limit-pressure), so the GC runs this often: raise GOMEMLIMIT to at least 28.4 MiB (what Go holds beside the heap and twice the live heap, GOGC=100's goal), or reduce the live heap or what Go holds beside it; a lower limit binds harder. Allocate less where the dump says the program allocates most: main.handleRequest (main.go:38), 1.4 GiB since the process started (50.2% of what the dump counts allocated, the profiler's own left out) and main.newBuffer (main.go:31), 1.4 GiB (49.6%).");
  });

  it('fires on no other fixture but the corpus peaks run under GOMEMLIMIT=100MiB', () => {
    const all = [
      ...corpusFiles((rel) => /(heap|allocs)-debug1\.txt$/.test(rel)).map((rel) => join('corpus', rel)),
      ...corpusFiles((rel) => rel.endsWith('.heap-debug1.txt'), join(FIXTURES, 'scenarios')).map((rel) => join('corpus', rel)),
    ];
    expect(all.length).toBeGreaterThan(100);
    const firing = all.filter((rel) => analyze(rel).memoryLimit !== undefined).map((rel) => rel.replace(/^corpus\//, ''));
    expect(firing).toEqual([
      'go1.19/peak/gomemlimit100MiB.peak.heap-debug1.txt',
      'go1.21/peak/gomemlimit100MiB.peak.heap-debug1.txt',
      'go1.23/peak/gomemlimit100MiB.peak.heap-debug1.txt',
      'go1.26-devel/peak/gomemlimit100MiB.peak.heap-debug1.txt',
      'scenarios/memlimit/01-t1.heap-debug1.txt',
      'scenarios/memlimit/02-t2.heap-debug1.txt',
      'scenarios/memlimit/03-t3.heap-debug1.txt',
      'scenarios/memlimit/04-t4.heap-debug1.txt',
      'scenarios/memlimit/05-t5.heap-debug1.txt',
      'scenarios/memlimit/06-t6.heap-debug1.txt',
    ]);
  });
});

describe('a series', () => {
  it('memlimit: not a leak, a memory limit is likely set — not "Churn", and no GOMEMLIMIT advice', () => {
    const report = combineReport(MEMLIMIT.map((rel) => analyze(rel)));
    expect(report.series?.verdict).toMatchObject({ kind: 'memory-limit', leak: 'not-suspected', evidence: [] });
    expect(report.verdict.leak).toBe('not-suspected');
    expect(report.series?.verdict.summary).toBe('Not a leak; a memory limit is likely set (GOMEMLIMIT, or a very low GOGC): HeapAlloc stays near 8.3 MiB across 6 snapshots taken at different GCs, each read between GCs (snapshots 1→6) while 448.3 MiB is allocated a step on average (2.2 GiB over 5 steps between snapshots); in the latest, the heap goal sits at the live heap (NextGC 8.3 MiB, HeapAlloc 8.3 MiB), only 1.1 MiB is allocated per GC cycle (since the snapshot before; GOGC=100 alone allows about the live heap), so the GC ran 2,728 times and used 12.0% of the CPU. The cost is GC work, not memory; pass --gomemlimit to check against it.');
    expect(JSON.stringify(report.findings)).not.toContain('GOMEMLIMIT with GOGC=off');
  });

  it('churn (GOGC=100, same program, no limit) stays churn', () => {
    const churn = ['01-t1', '02-t2', '03-t3', '04-t4', '05-t5'].map((n) => analyze(`scenarios/churn/${n}.heap-debug1.txt`));
    expect(churn.map((s) => s.memoryLimit)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(combineReport(churn).series?.verdict.kind).toBe('churn');
  });
});

describe('a limit the process reports (a scrape\'s go_gc_gomemlimit_bytes) is known as one given is', () => {
  it('the GOGC=off GOMEMLIMIT=64MiB run\'s ?gc=1 dumps, each with the limit as a scrape reports it: the series says it is held up to the limit, "as the process reports it"', () => {
    const dir = 'captured/go1.19-audit-work/05-memlimit';
    const snaps = ['01-t3', '02-t6', '03-t9', '04-t12', '05-t15', '06-t18'].map((m) => {
      const rel = `${dir}/${m}.heap-gc1.txt`;
      const { dump, diagnostics } = parseHeapDump(readFixture(rel), rel);
      return analyzeSnapshot(rel, { ...heapSnapshot(dump), process: { gomemlimit: 64 * 1024 * 1024, origin: { gomemlimit: 'reported' } } }, diagnostics);
    });
    expect(snaps[5]?.knownLimit).toEqual({ bytes: 67108864, origin: 'reported' });
    const report = combineReport(snaps);
    expect(report.series?.verdict.kind).toBe('memory-limit');
    expect(report.series?.verdict.summary).toMatch(/^Not a leak: the heap is held up to the memory limit by design \(GOMEMLIMIT 64\.0 MiB, as the process reports it \(go_gc_gomemlimit_bytes\)\): Go holds 63\.8 MiB \(Sys − HeapReleased, what the limit bounds\), 99\.7% of it, in the latest snapshot; /);
  });
});
