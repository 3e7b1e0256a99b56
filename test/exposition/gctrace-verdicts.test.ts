/**
 * GC-log verdicts on real go1.19.8 programs (test/fixtures/captured/go1.19-audit-verdicts, README
 * there): a cache that filled then held was a "Leak suspected (high confidence)"; a slow leak after
 * warm-up was "Churn … its floor flat"; logs of forced GCs only were "Churn: 82–94 GCs a minute";
 * a log whose stacks column rose 2 → 12 MB said nothing of it; and with dumps beside the log, the
 * log's verdict replaced the dumps' stronger one.
 */
import { describe, expect, it } from 'vitest';
import { parseGcTrace } from '../../src/grammar/gctrace/index.js';
import { analyzeGcTrace } from '../../src/exposition/gctrace.js';
import { readFixture } from '../helpers/fixtures.js';
import { dumpsOutweighLog, gcTraceVerdict } from '../../src/analyze/exposed.js';
import type { Verdict } from '../../src/analyze/verdict.js';
import type { SeriesAnalysis } from '../../src/analyze/series/index.js';
import { runCli } from '../helpers/cli.js';

const V = 'captured/go1.19-audit-verdicts';
const DIR = `test/fixtures/${V}`;

function analyze(rel: string) {
  return analyzeGcTrace(parseGcTrace(readFixture(`${V}/${rel}`), rel).log, rel);
}

const moments = (set: string, suffix: string, count: number): string[] => Array.from({ length: count }, (_v, i) => `${DIR}/${set}/0${i + 1}-moment${i + 1}.${suffix}`);

describe('the GC log alone', () => {
  it('a cache that filled, then held 36 MB for the last 8 of 15 GCs: a plateau, not a leak', () => {
    const a = analyze('f-cache/stderr.log');
    expect(a.liveMB).toEqual([3, 7, 12, 12, 24, 24, 24, 36, 36, 36, 36, 36, 36, 36, 36]);
    expect(a.floorsMB).toEqual([3, 24, 36]);
    expect(a.verdict).toEqual({
      kind: 'stable', leak: 'not-suspected', evidence: [], confidence: 'high',
      summary: 'A plateau, not a leak: the live heap after GC rose 3 → 36 MB, then stayed at 36 MB for the last 8 of 15 GCs over 7.0 s: it grew, then stopped (its floor over the later half of the log: 36 → 36 → 36 MB). 12 of the 15 GCs were forced (runtime.GC, debug.FreeOSMemory, a profiler\'s ?gc=1): their pace is the program\'s calls, not allocation churn.',
    });
  });

  it('a slow leak after a fast warm-up (floors 1 → 66 → 69 MB, then 68 → 69 → 71 MB over the later half, cut by time where that ends first): a leak, not "its floor flat"', () => {
    const a = analyze('a2-slowleak-gc1/stderr.log.gz');
    expect([a.cycles, a.floorsMB]).toEqual([851, [1, 66, 69]]);
    expect(a.verdict).toMatchObject({
      kind: 'leak', leak: 'suspected', confidence: 'medium',
      summary: 'Leak suspected (medium confidence): the live heap after GC keeps rising, 1 → 73 MB over 14.2 s and 851 GCs; its floor rose in every third of the log\'s time (1 → 66 → 69 MB) and still rises after the warm-up, more slowly (68 → 69 → 71 MB over the later half).',
    });
    expect(analyze('a-slowleak/stderr.log.gz').verdict.summary).toBe('Leak suspected (medium confidence): the live heap after GC keeps rising, 3 → 74 MB over 12.0 s and 376 GCs; its floor rose in every third of the log\'s time (3 → 68 → 70 MB) and still rises after the warm-up, more slowly (69 → 70 → 71 MB over the later half).');
  });

  it('every GC forced (?gc=1, runtime.GC): no churn claim, and the forced GCs said', () => {
    const goleak = analyze('c-goleak/stderr.log');
    // The pace leaves forced GCs out: none is left (it was 92.9 a minute, all of them forced).
    expect([goleak.cycles, goleak.forcedCycles, goleak.gcPerMinute?.toFixed(1)]).toEqual([10, 10, '0.0']);
    expect(goleak.verdict).toEqual({
      kind: 'stable', leak: 'not-suspected', evidence: [], confidence: 'medium',
      summary: 'Stable: the live heap after GC stays at 0 MB over 5.8 s and 10 GCs. All 10 GCs were forced (runtime.GC, debug.FreeOSMemory, a profiler\'s ?gc=1): their pace is the program\'s calls, not allocation churn.',
    });
    // The stacks rose 3 → 7 MB, then fell to 0 when the goroutines exited: no growth, a burst that
    // came and went (it was "Stable", the stacks unsaid).
    const stacks = analyze('g-stacks/stderr.log');
    expect(stacks.stacksMB).toEqual([3, 3, 7, 7, 7, 7, 7, 7, 0, 0, 0]);
    expect(stacks.verdict).toEqual({
      kind: 'peak-retention', leak: 'not-suspected', evidence: [], confidence: 'high',
      summary: 'Peak, not a leak: a stack peak (more goroutines, or deeper stacks) came and went — the goroutine stacks the GC scans (its "MB stacks") rose 3 → 7 MB (gc 3) and fell back to 0 MB, while the live heap after GC stayed at 0 MB over 6.4 s and 11 GCs: the stacks, not the live heap, grew the process, and their freed spans are heap the runtime keeps until the scavenger returns it.',
    });
  });

  it('the stacks column rising 2 → 12 MB at every moment, over a flat 0 MB heap: a goroutine/stack leak', () => {
    const a = analyze('i-stackleak/stderr.log');
    expect(a.stacksMB).toEqual([2, 2, 5, 5, 7, 7, 10, 10, 12, 12]);
    expect(a.verdict).toEqual({
      kind: 'leak', leak: 'suspected', confidence: 'medium',
      evidence: [{ kind: 'stack-inuse', text: 'the goroutine stacks the GC scans (its "MB stacks") never fell and rose 2 → 12 MB over 6.6 s and 10 GCs: goroutines that do not end, or ever deeper stacks (compare goroutine dumps taken a while apart)' }],
      summary: 'Leak suspected (medium confidence): the goroutine stacks the GC scans (its "MB stacks") never fell and rose 2 → 12 MB over 6.6 s and 10 GCs: goroutines that do not end, or ever deeper stacks (compare goroutine dumps taken a while apart).',
    });
  });
});

describe('heapdoc lint on the GC log alone', () => {
  it('the stacks log: leak-suspected, whose fix asks for goroutine dumps, not heap dumps', async () => {
    const r = await runCli(['lint', '--no-config', '--format', 'json', `${DIR}/i-stackleak/stderr.log`]);
    expect(r.code).toBe(1);
    const [file] = JSON.parse(r.stdout) as { messages: { ruleId: string; fix: string }[] }[];
    expect(file?.messages.map((m) => [m.ruleId, m.fix])).toEqual([
      ['leak-suspected', 'A GC log tells how large the goroutine stacks grow, not whose they are: take goroutine dumps (goroutine?debug=1) of the process some time apart and compare them with heapdoc analyze A B, which lists the goroutine groups that grow with their stacks.'],
    ]);
  });
});

describe('the GC log beside dumps', () => {
  it('the plateau (12.3 → 24.5 → 36.6 MiB, then flat: it grew at 2 steps, not "once"): no leak from either, no --fail-on leak, no lint error', async () => {
    const r = await runCli([...moments('f-cache', 'heap-debug1.txt', 6), `${DIR}/f-cache/stderr.log`, '--fail-on', 'leak']);
    // main.fillCache (13.5 → … → 34.6 → 34.1 → 36.1 MiB) grew: its one fall is under half its average rise per step (trend.ts fallSlack).
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['A plateau, not a leak: the live heap rose from 12.3 MiB to 36.6 MiB by snapshot 3, then stayed near 36.7 MiB through snapshot 6: it grew at 2 steps, then stopped.', 'Grew, then held (not growing now): main.fillCache +22.6 MiB.']);
    expect(r.code).toBe(0);
    const lint = await runCli(['lint', '--no-config', `${DIR}/f-cache/stderr.log`]);
    expect([lint.code, lint.stdout.includes('leak-suspected')]).toEqual([0, false]);
  });

  it('both suspect a leak: the dumps\' verdict, which names the goroutine group, stays', async () => {
    const r = await runCli([...moments('c2-goleak-heapbufs', 'heap-debug1.txt', 5), ...moments('c2-goleak-heapbufs', 'goroutine-debug1.txt', 5), `${DIR}/c2-goleak-heapbufs/stderr.log.gz`]);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Leak suspected (high confidence): live heap 2.6 MiB → 12.2 MiB across 5 GC-separated snapshots (snapshots 1→5); growing goroutine groups across 5 dumps: main.waitForReply +400.');
    expect(lines[1]).toBe('');
  });

  it('the dumps suspect a goroutine leak, the log alone shows none: the dumps\' verdict stays and both are said', async () => {
    const r = await runCli([...moments('c-goleak', 'heap-debug1.txt', 5), ...moments('c-goleak', 'goroutine-debug1.txt', 5), `${DIR}/c-goleak/stderr.log`]);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'Leak suspected (high confidence): growing goroutine groups across 5 dumps: main.waitForResult +320.',
      `The GC log ${DIR}/c-goleak/stderr.log alone shows no leak (Stable): it has only heap totals, not the sites and goroutines the dumps show.`,
    ]);
    // Its own section says whose verdict it is.
    const section = lines.findIndex((l) => l.startsWith(`GC log ${DIR}/c-goleak/stderr.log`));
    expect(lines.slice(section + 1, section + 3).join(' ')).toContain('This log alone: Stable: the live heap after GC stays at 0 MB over 5.8 s and 10 GCs.');
  });

  it('the slow leak: log and dumps agree, the dumps\' verdict (which names the site) stays', async () => {
    const r = await runCli([...moments('a-slowleak', 'heap-debug1.txt', 6), `${DIR}/a-slowleak/stderr.log.gz`, '--format', 'json']);
    const report = JSON.parse(r.stdout) as { verdict: { leak: string; summary: string } };
    expect(report.verdict).toMatchObject({ leak: 'suspected', summary: "Leak suspected (medium confidence): live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) 66.2 MiB → 73.9 MiB across 6 snapshots taken at different GCs (snapshots 1→6), rising at 4 of 5 steps: its one fall, 393.8 KiB at snapshot 6, is under half its average rise per step (1.5 MiB), noise rather than a reversal; HeapAlloc, read between GCs, went 77.6 MiB → 97.8 MiB; growing sites: main.leakSlowly +8.0 MiB." });
  });

  it('the corpus leak folder: its gctrace.log (the dumps\' run) agrees at their confidence; gctrace-gogc25.log, another run, is said so and weighed on its own (it was "agrees, with high confidence over 17 GC cycles")', async () => {
    const leak = 'test/fixtures/corpus/go1.19/exposition/leak';
    const r = await runCli([leak]);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Leak suspected (medium confidence): HeapAlloc 6.4 MiB → 22.2 MiB across 3 snapshots taken at different GCs (snapshots 1→3), each read between GCs; growing sites: main.remember +7.1 MiB.');
    // The latest moment's RSS, as its scrape reports it (two lines), then the GC log.
    expect(lines[1]).toMatch(/^The OS counts 22\.0 MiB of RSS \(as metrics\.5\.txt reports it: process_resident_memory_bytes\), 28\.3 MiB less than Go holds: /);
    expect(lines.slice(3, 6)).toEqual([
      'The GC log gctrace-gogc25.log is from another run or another program than the dumps, so it is weighed on its own, not with them.',
      'In 4 of the 4 GC cycles that it and heap.3.txt both record, the pause differs: gc 1 stopped the world for between 0.025 ms and 0.027 ms in the log (gctrace truncates each phase it prints) but for 0.194 ms in the dump (MemStats PauseNs).',
      'A dump\'s MemStats keep the pause of each of the last 256 GC cycles, so a log of the same process shows the same pauses.',
    ]);
  });

  it('a log over more GC cycles that disagrees at equal or higher confidence wins, the dumps\' verdict said; over fewer, the dumps\' stays', () => {
    const log = analyze('a-slowleak/stderr.log.gz');
    const dumps: Verdict = { leak: 'not-suspected', dominant: 'live', summary: 'Churn, not a leak: 4.0 GiB allocated between snapshots.' };
    const series = (first: number, last: number, confidence: 'low' | 'high') => ({ points: [{ numGC: first }, { numGC: last }], verdict: { confidence } }) as unknown as SeriesAnalysis;
    expect(gcTraceVerdict([log], dumps, series(10, 329, 'low'))?.summary).toBe('a-slowleak/stderr.log.gz: Leak suspected (medium confidence): the live heap after GC keeps rising, 3 → 74 MB over 12.0 s and 376 GCs; its floor rose in every third of the log\'s time (3 → 68 → 70 MB) and still rises after the warm-up, more slowly (69 → 70 → 71 MB over the later half). The 2 dumps alone (over 319 GC cycles to the log\'s 376, low confidence) say: Churn, not a leak.');
    // The dumps at high confidence, or over more cycles: theirs stays, the log's said.
    const kept = 'Churn, not a leak: 4.0 GiB allocated between snapshots. The GC log a-slowleak/stderr.log.gz alone suspects a leak (medium confidence, over 376 GC cycles); the dumps\' verdict';
    expect(gcTraceVerdict([log], dumps, series(10, 329, 'high'))?.summary).toBe(`${kept} (high confidence, over 319 GC cycles) stands: they show the sites and goroutines a GC log cannot.`);
    expect(gcTraceVerdict([log], dumps, series(10, 1000, 'low'))?.summary).toBe(`${kept} (low confidence, over 990 GC cycles) stands: they show the sites and goroutines a GC log cannot.`);
    // Three dumps or more read right after a forced GC (?gc=1) read the live heap the log prints in whole MB, in bytes: theirs
    // stands over fewer cycles at lower confidence too (audit 40: a log's leak headed four ?gc=1 dumps' plateau).
    const forced = { ...series(10, 329, 'low'), readAfterForcedGC: 4 } as SeriesAnalysis;
    expect(gcTraceVerdict([log], dumps, forced)?.summary).toBe(`${kept} (low confidence, over 319 GC cycles) stands: 4 of them were read right after a forced GC, the live heap in bytes where the log prints whole MB, and they show the sites and goroutines a GC log cannot.`);
    expect(dumpsOutweighLog(log, dumps, forced)).toBe(true);
    expect(dumpsOutweighLog(log, dumps, { ...series(10, 329, 'low'), readAfterForcedGC: 2 } as SeriesAnalysis)).toBe(false);
  });
});
