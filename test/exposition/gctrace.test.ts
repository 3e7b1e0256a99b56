/** A GC log as a series: the verdict from the live heap after each GC, with GC frequency and CPU. */
import { describe, expect, it } from 'vitest';
import { parseGcTrace } from '../../src/grammar/gctrace/index.js';
import { analyzeGcTrace } from '../../src/exposition/gctrace.js';
import { gcPace, gcTraceTitle } from '../../src/report/gctrace.js';
import { stringifyJson } from '../../src/text/json.js';
import { readCorpus, readFixture } from '../helpers/fixtures.js';

function analyze(text: string, source = 'gc.log') {
  return analyzeGcTrace(parseGcTrace(text, source).log, source);
}

const line = (n: number, at: number, a: number, c: number, goal = c * 2): string =>
  `gc ${n} @${at.toFixed(3)}s 1%: 0.01+0.5+0.01 ms clock, 0.02+0.1/0.2/0.3+0.02 ms cpu, ${a}->${a}->${c} MB, ${goal} MB goal, 0 MB stacks, 0 MB globals, 2 P`;

describe('real logs', () => {
  it('the leak with GOGC=25: a leak, high confidence', () => {
    const a = analyze(readCorpus('go1.19/exposition/leak/gctrace-gogc25.log'));
    expect(a.cycles).toBe(17);
    expect(a.floorsMB).toEqual([0, 4, 15]);
    expect(a.peakMB).toBe(43);
    expect(a.verdict).toMatchObject({
      kind: 'leak',
      leak: 'suspected',
      confidence: 'high',
      summary: 'Leak suspected (high confidence): the live heap after GC keeps rising, 0 → 43 MB over 23.0 s and 17 GCs; its floor rose in every third of the log\'s time (0 → 15 → 35 MB).',
    });
  });

  it('the leak with the default GOGC: five GCs, medium confidence', () => {
    const a = analyze(readCorpus('go1.19/exposition/leak/gctrace.log'));
    expect(a.liveMB).toEqual([2, 5, 11, 21, 42]);
    expect(a.verdict.kind).toBe('leak');
    expect(a.verdict.confidence).toBe('medium');
    expect(a.gcPerMinute?.toFixed(2)).toBe('11.58');
  });

  it('keeps each cycle\'s start (A) and time beside the live heap (C), and sums the scavenger (go1.19, scavtrace=1)', () => {
    const a = analyze(readFixture('captured/go1.19-scavtrace/gctrace.log'));
    expect(a.heapStartMB).toEqual([3, 4, 7, 7, 9, 11]);
    expect(a.liveMB).toEqual([4, 4, 6, 7, 7, 7]);
    expect(a.atSeconds).toEqual([0.008, 0.013, 1.165, 1.17, 1.181, 2.292]);
    // Seven scav lines, one forced (FreeOSMemory) that released 1840 KiB; the last total is 3488 KiB.
    expect(a.scavenger).toEqual({ lines: 7, forced: 1, releasedBytes: 1840 * 1024 });
    expect(a.releasedBytes).toBe(3488 * 1024);
  });

  it('the burst: two GCs are too few to judge', () => {
    const a = analyze(readCorpus('go1.19/exposition/burst/gctrace.log'));
    expect(a.verdict).toEqual({ kind: 'unknown', leak: 'unknown', evidence: [], confidence: 'low', summary: 'Only 2 GC cycles in the log: too few to tell a leak from a peak; log for longer.' });
    expect(a.cpuPercent).toBe(6);
  });

  it('the captured scenarios: the burst a peak of its stacks (13 → 19 → 0 MB; it was "Stable"), churn is churn, the heap leak a leak', () => {
    const verdicts = ['burst', 'churn', 'heap-leak'].map((name) => analyze(readFixture(`scenarios/${name}/gctrace.log`)).verdict);
    expect(verdicts.map((v) => [v.kind, v.leak])).toEqual([['peak-retention', 'not-suspected'], ['churn', 'not-suspected'], ['leak', 'suspected']]);
    // Churn's live heap swings 16–36 MB with what is in flight, its floor flat after warm-up: not a peak.
    expect(verdicts[1]?.summary).toBe('Churn, not a leak: 460 GCs a minute (not counting 6 forced) while the live heap after GC stays between 16 and 36 MB (its floor flat at 16 MB after warm-up); the cost is GC CPU (3% since start, gctrace\'s figure), not memory.');
  });

  it('a burst of 10,000 goroutines amid many GCs: a peak (the live heap itself fell 26 → 2 MB), with its churn said, not "Churn, not a leak"', () => {
    const burst = analyze(readFixture('captured/go1.19-auditC/cap-burst.gctrace.log')).verdict;
    expect(burst).toEqual({
      kind: 'peak-retention', leak: 'not-suspected', evidence: [], confidence: 'high',
      summary: 'Peak, not a leak: the heap reached 43 MB before a GC and the live heap fell back from 26 to 4 MB over 9.2 s and 32 GCs; the runtime keeps the memory it grew into: its free spans until the scavenger returns them, and spans that still hold a surviving object for as long as that object lives (fragmentation, which the scavenger cannot return: a heap dump\'s HeapInuse − HeapAlloc says how much). The program also churns (allocates memory it soon drops): its GC ran 152 times a minute, not counting 8 forced GCs. Churn costs CPU, not memory: the GC has used 2% of the CPU since the program started (gctrace\'s figure).',
    });
    // The same burst without the extra GCs: a peak, no churn.
    expect(analyze(readFixture('captured/go1.19-auditC/cap-burst2.gctrace.log')).verdict.summary).toBe('Peak, not a leak: the heap reached 82 MB before a GC and the live heap fell back from 41 to 4 MB over 27.7 s and 7 GCs; the runtime keeps the memory it grew into: its free spans until the scavenger returns them, and spans that still hold a surviving object for as long as that object lives (fragmentation, which the scavenger cannot return: a heap dump\'s HeapInuse − HeapAlloc says how much).');
  });

  it('the plateau capture: a cache full at 16 MiB under churn is churn (its live heap swings 18–44 MB, not 4× where it ends)', () => {
    expect(analyze(readFixture('captured/go1.19-audit/plateau/gctrace.log')).verdict).toMatchObject({ kind: 'churn', leak: 'not-suspected' });
  });

  it('the scavtrace capture: forced GCs, released memory, program lines counted', () => {
    const a = analyze(readFixture('captured/go1.19-scavtrace/gctrace.log'));
    expect([a.cycles, a.forcedCycles, a.otherLines, a.releasedBytes]).toEqual([6, 6, 3, 3488 * 1024]);
  });
});

describe('made series', () => {
  const series = (live: readonly number[]): string => live.map((c, i) => line(i + 1, 2 * (i + 1), c * 2, c)).join('\n') + '\n';

  it('a fill, then a floor that rises no more than the whole-MB truncation explains: cannot tell, not a leak', () => {
    const a = analyze(series([3, 6, 9, 12, 15, 18, 18, 18, 19, 19, 20, 20]));
    expect(a.floorsMB).toEqual([3, 15, 19]);
    expect(a.verdict).toEqual({
      kind: 'unknown', leak: 'unknown', evidence: [], confidence: 'low',
      summary: 'Cannot tell from this log whether memory leaks: the live heap after GC rose 3 → 19 MB, then its floor rose only 18 → 18 → 19 MB over the last 7 of 12 GCs (from 12.0 s to 24.0 s), no more than a fill that stopped reads: gctrace prints whole MB, truncated, so a heap that stopped just below a boundary reads 1 MB more once it crosses it, and a fill\'s last GCs read up to 1 MB below where it ended. Log for longer, or compare heap dumps taken with ?gc=1 some time apart.',
    });
  });

  it('a fill, then 1 MB a GC: beyond the fill the floor rises 20 → 21 → 23 MB, more than the truncation explains: a leak', () => {
    expect(analyze(series([3, 6, 9, 12, 15, 18, 19, 20, 21, 22, 23, 24])).verdict).toMatchObject({ kind: 'leak', leak: 'suspected', confidence: 'high' });
  });

  it('0.75 MB a GC over 12 GCs (3 3 4 5 6 6 7 8 9 9 10 11 MB): the later half rises 7 → 11 MB, never falling, beyond 3× the resolution: a leak', () => {
    const a = analyze(series([3, 3, 4, 5, 6, 6, 7, 8, 9, 9, 10, 11]));
    expect(a.floorsMB).toEqual([3, 6, 9]);
    expect(a.verdict).toEqual({
      kind: 'leak', leak: 'suspected', confidence: 'high',
      evidence: [{ kind: 'live-heap', text: 'the live heap after GC keeps rising, 3 → 11 MB over 22.0 s and 12 GCs; its floor rose in every third of the log\'s time (3 → 6 → 9 MB), and rose steadily by 4 MB over the later half (7 → 11 MB over its last 6 GCs, never falling): more than gctrace\'s whole-MB truncation explains, though no GC added more than one' }],
      summary: 'Leak suspected (high confidence): the live heap after GC keeps rising, 3 → 11 MB over 22.0 s and 12 GCs; its floor rose in every third of the log\'s time (3 → 6 → 9 MB), and rose steadily by 4 MB over the later half (7 → 11 MB over its last 6 GCs, never falling): more than gctrace\'s whole-MB truncation explains, though no GC added more than one.',
    });
  });

  it('the same pace, 3 MB over the later half (3× the resolution, not beyond it): still cannot tell', () => {
    expect(analyze(series([3, 4, 4, 5, 6, 7, 7, 8, 9, 9, 10]))).toMatchObject({ verdict: { kind: 'unknown', leak: 'unknown' } });
  });

  it('the bounded LRU\'s shape (3 6 8 7 14 13 21 20 21 21 22 22 MB: a fill, then 1 MB within the resolution, falling once): cannot tell, not a leak', () => {
    expect(analyze(series([3, 6, 8, 7, 14, 13, 21, 20, 21, 21, 22, 22])).verdict).toMatchObject({ kind: 'unknown', leak: 'unknown', confidence: 'low' });
  });

  it('3 GCs rising after start-up: only the last is beyond the fill, judged on the floors as before', () => {
    expect(analyze(series([2, 10, 20])).verdict).toMatchObject({ kind: 'leak', leak: 'suspected', confidence: 'low' });
  });

  it('a peak that fell back is peak retention', () => {
    const text = [line(1, 1, 4, 2), line(2, 2, 40, 38), line(3, 3, 60, 30), line(4, 4, 45, 3), line(5, 5, 6, 3), ''].join('\n');
    expect(analyze(text).verdict.kind).toBe('peak-retention');
  });

  it('many GCs over a flat live heap is churn', () => {
    const text = Array.from({ length: 30 }, (_v, i) => line(i + 1, i * 0.1, 8, 4)).join('\n');
    const a = analyze(text);
    expect(a.verdict.kind).toBe('churn');
    expect(Math.round(a.gcPerMinute ?? 0)).toBe(600);
  });

  it('a flat heap at a calm pace is stable', () => {
    const text = Array.from({ length: 12 }, (_v, i) => line(i + 1, i * 10, 8, 4)).join('\n');
    expect(analyze(text).verdict).toEqual({ kind: 'stable', leak: 'not-suspected', evidence: [], confidence: 'medium', summary: 'Stable: the live heap after GC stays at 4 MB over 110.0 s and 12 GCs.' });
  });

  it('judges the last run of the program when the log holds several', () => {
    const rising = [1, 2, 3, 4, 5, 6].map((n) => line(n, n, n * 4, n * 4)).join('\n');
    const flat = [1, 2, 3, 4, 5, 6].map((n) => line(n, n * 10, 5, 4)).join('\n');
    const a = analyze(`${rising}\n${flat}\n`);
    expect([a.cycles, a.restarts, a.verdict.kind]).toEqual([6, 1, 'stable']);
  });
});

describe('pace and stop-the-world times as the runtime prints them', () => {
  const gc = (n: number, at: string, clock: string): string =>
    `gc ${n} @${at}s 0%: ${clock} ms clock, 0.023+0.75/0.24/0.026+0.005 ms cpu, 3->3->1 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P`;

  it('2 GCs 48 ms apart: how many in how long, not a rate (it said 1250.0 GCs/min)', () => {
    const a = analyze([gc(1, '0.500', '0.011+0.94+0.12'), gc(2, '0.548', '0.111+0.94+0.123'), ''].join('\n'));
    expect(a.gcPerMinute).toBeUndefined();
    expect([gcPace(a), gcTraceTitle(a)]).toEqual(['2 GCs in 48 ms', '2 GCs over 48 ms']);
  });

  it('a rate from 4 GCs over a second and more', () => {
    const a = analyze([gc(1, '0.000', '0.1+1+0.1'), gc(2, '0.400', '0.1+1+0.1'), gc(3, '0.800', '0.1+1+0.1'), gc(4, '1.200', '0.1+1+0.1'), ''].join('\n'));
    expect([a.gcPerMinute, gcPace(a), gcPace(a, 'GCs a minute')]).toEqual([150, '150.0 GCs/min', '150.0 GCs a minute']);
    expect(analyze([gc(1, '0.000', '0.1+1+0.1'), gc(2, '0.400', '0.1+1+0.1'), gc(3, '0.800', '0.1+1+0.1'), ''].join('\n')).gcPerMinute).toBeUndefined();
  });

  it('each cycle\'s stop-the-world ms summed in whole µs: 0.234, not 0.23399999999999999', () => {
    const a = analyze([gc(1, '0.500', '0.011+0.94+0.12'), gc(2, '0.548', '0.111+0.94+0.123'), ''].join('\n'));
    expect(a.stwMs).toEqual([0.131, 0.234]);
    expect(stringifyJson(a.stwMs, 0)).toBe('[0.131,0.234]');
  });
});
