/**
 * Audit 34's GC-log verdicts (test/fixtures/captured/go1.19-audit34-gclog: 1 MiB churned and 8 KiB
 * kept in a global map every 10 ms). Its 5 s log read "Churn, not a leak … its floor flat at 3 MB
 * after warm-up" beside floors of 1 → 2 → 3 MB (exit 0 with --fail-on leak); under GOGC=off
 * GOMEMLIMIT=64MiB its 4 s log read the same and its 15 s log (C 2 → 12 MB) "Cannot tell … its
 * floor rose only 7 → 8 → 9 MB", with no word of the limit holding the goal at 51 MB. And a GC log
 * of another run beside the corpus leak's dumps (gctrace-gogc25.log, GOGC=25) was cited as
 * agreeing, "with high confidence over 17 GC cycles", though its gc 1 paused 0.025 ms where the
 * dumps' PauseNs hold 194,250 ns.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const D = 'test/fixtures/captured/go1.19-audit34-gclog';
const L = 'test/fixtures/corpus/go1.19/exposition/leak';
const HEAPS = [1, 2, 3, 4, 5].map((n) => `${L}/heap.${n}.txt`);

interface Report {
  verdict: { leak: string; summary: string };
  findings: { ruleId: string; source: string }[];
  gcTraces: { source: string; verdict: { kind: string; leak: string; confidence: string; leakAtLimit?: boolean }; goalCap?: Record<string, unknown> }[];
}

const json = async (args: string[]): Promise<Report> => JSON.parse((await runCli([...args, '--format', 'json'])).stdout) as Report;

describe.concurrent('a live floor higher in every third is never churn nor flat', () => {
  it('mixed5.log (5 s): cannot tell, the rise stated, not "Churn, not a leak"; JSON unknown', async () => {
    const r = await runCli([`${D}/mixed5.log`, '--fail-on', 'leak']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      `${D}/mixed5.log: Cannot tell from this log whether memory leaks: the live heap after GC rose 2 → 5 MB over 4.9 s and 120 GCs, its floor higher in every third of the log's time (1 → 3 → 4 MB; after start-up warm-up 2 → 3 → 4 MB), but over the later half of the log its floor read 3 → 3 → 4 MB: too few cycles for gctrace's whole MB, truncated, to tell a rise that slow from a fill that stopped.`,
      'The program also churns (allocates memory it soon drops): its GC ran 1467 times a minute.',
      'Churn alone leaves the lowest live heap after GC level, so it does not explain this rise.',
      'Log for longer, or compare heap dumps taken with ?gc=1 some time apart.',
    ]);
    expect(r.stdout).not.toContain('flat at');
    expect(r.stdout).toContain('  live after GC 2 MB ×26 → 1 MB → 2 MB ×15 → 3 MB ×39 → 4 MB ×29 → 5 MB ×10\n');
    const j = await json([`${D}/mixed5.log`]);
    expect(j.gcTraces[0]?.verdict).toMatchObject({ kind: 'unknown', leak: 'unknown', confidence: 'low' });
    expect(j.verdict.leak).toBe('unknown');
  });

  it('mixed15.log (15 s): a leak, high confidence, exit 1 with --fail-on leak (as before)', async () => {
    const r = await runCli([`${D}/mixed15.log`, '--fail-on', 'leak']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(`${D}/mixed15.log: Leak suspected (high confidence): the live heap after GC keeps rising, 2 → 12 MB over 14.8 s and 229 GCs; its floor rose in every third of the log's time (1 → 5 → 8 MB).`);
  });

  it('limleak.log (GOGC=off GOMEMLIMIT=64MiB, 8 GCs): cannot tell, with the goal the limit holds and what comes if it grows', async () => {
    const r = await runCli([`${D}/limleak.log`, '--fail-on', 'leak']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`${D}/limleak.log: Cannot tell from this log whether memory leaks: the live heap after GC rose 2 → 5 MB over 3.9 s and 8 GCs, its floor higher in every third of the log's time (2 → 3 → 4 MB; after start-up warm-up 2 → 3 → 4 MB), but over the later half of the log its floor read 4 → 4 → 4 MB: too few cycles for gctrace's whole MB, truncated, to tell a rise that slow from a fill that stopped.`);
    expect(lines.slice(1, 4)).toEqual([
      'The program also churns (allocates memory it soon drops): its GC ran 108 times a minute.',
      'Churn alone leaves the lowest live heap after GC level, so it does not explain this rise.',
      'Log for longer, or compare heap dumps taken with ?gc=1 some time apart.',
    ]);
    expect(lines[4]).toBe('The heap goal is a memory limit\'s: it stayed within 1 MB of 51 MB at all 8 GCs of the log while the live heap after GC rose 2 → 5 MB, where GOGC moves it with the live heap (GOGC=100: 4 → 10 MB), so GOGC is off (or far above 100) and a memory limit (GOMEMLIMIT, or debug.SetMemoryLimit) sets it (108 GCs a minute).');
    expect(lines[5]).toBe('If the live heap goes on growing at its memory limit (about 46 MB of room at each GC by the end of the log), next come GC thrash (the GC running back to back, its CPU share climbing: under 1% since start, gctrace\'s figure) and, once the live heap outgrows the limit, an OOM kill (pass --gomemlimit, or a /metrics scrape of the process, to see where Go stood against it).');
    const j = await json([`${D}/limleak.log`]);
    expect(j.gcTraces[0]?.verdict).toMatchObject({ kind: 'unknown', leak: 'unknown', confidence: 'low' });
    expect(j.gcTraces[0]?.verdict.leakAtLimit).toBeUndefined();
    expect(j.gcTraces[0]?.goalCap).toEqual({ cycles: 8, of: 8, goalMB: 51, liveMB: 5, wholeLog: { cycles: 8, of: 8, lowLiveMB: 2 }, aboveGogc: true });
  });

  it('limleak15.log (GOGC=off GOMEMLIMIT=64MiB, 32 GCs): a leak at its memory limit, leakAtLimit in JSON, exit 1 with --fail-on leak', async () => {
    const r = await runCli([`${D}/limleak15.log`, '--fail-on', 'leak']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      `${D}/limleak15.log: Leak suspected (high confidence): the live heap after GC keeps rising, 2 → 12 MB over 14.1 s and 32 GCs; its floor rose in every third of the log's time (1 → 5 → 8 MB), and its floor over the later half of the log rose 6 → 8 → 9 MB: more than gctrace's whole-MB truncation makes of a fill that stopped.`,
      'The heap goal is a memory limit\'s: it stayed within 1 MB of 51 MB at all 32 GCs of the log while the live heap after GC rose 1 → 12 MB, where GOGC moves it with the live heap (GOGC=100: 2 → 24 MB), so GOGC is off (or far above 100) and a memory limit (GOMEMLIMIT, or debug.SetMemoryLimit) sets it (132 GCs a minute).',
      'A leak at its memory limit: the limit holds the heap down by collecting ever more often as the live heap grows into it (about 39 MB of room at each GC by the end of the log); next come GC thrash (the GC running back to back, its CPU share climbing: under 1% since start, gctrace\'s figure) and, once the live heap outgrows the limit, an OOM kill.',
      'Raising GOMEMLIMIT only buys time (pass --gomemlimit, or a /metrics scrape of the process, to see where Go stood against it): find what keeps growing (heap profiles taken some time apart).',
    ]);
    const j = await json([`${D}/limleak15.log`]);
    expect(j.gcTraces[0]?.verdict).toMatchObject({ kind: 'leak', leak: 'suspected', confidence: 'high', leakAtLimit: true });
    expect(j.gcTraces[0]?.goalCap).toEqual({ cycles: 32, of: 32, goalMB: 51, liveMB: 12, wholeLog: { cycles: 32, of: 32, lowLiveMB: 1 }, aboveGogc: true });
    expect(j.findings.map((f) => f.ruleId)).toEqual(['leak-suspected']);
  });
});

describe.concurrent('a GC log of another run beside the dumps is not cited as agreeing', () => {
  it('gctrace-gogc25.log: one line naming the cycle and both pauses; the verdict is the dumps\' alone', async () => {
    const r = await runCli([...HEAPS, `${L}/gctrace-gogc25.log`]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 5)).toEqual([
      'Leak suspected (medium confidence): HeapAlloc 6.4 MiB → 22.2 MiB across 3 snapshots taken at different GCs (snapshots 1→3), each read between GCs; growing sites: main.remember +7.1 MiB.',
      'The GC log gctrace-gogc25.log is from another run or another program than the dumps, so it is weighed on its own, not with them.',
      'In 4 of the 4 GC cycles that it and heap.3.txt both record, the pause differs: gc 1 stopped the world for between 0.025 ms and 0.027 ms in the log (gctrace truncates each phase it prints) but for 0.194 ms in the dump (MemStats PauseNs).',
      'A dump\'s MemStats keep the pause of each of the last 256 GC cycles, so a log of the same process shows the same pauses.',
      '',
    ]);
    expect(r.stdout).not.toContain('agrees');
    const j = await json([...HEAPS, `${L}/gctrace-gogc25.log`]);
    expect(j.verdict.summary).toBe('Leak suspected (medium confidence): HeapAlloc 6.4 MiB → 22.2 MiB across 3 snapshots taken at different GCs (snapshots 1→3), each read between GCs; growing sites: main.remember +7.1 MiB. The GC log gctrace-gogc25.log is from another run or another program than the dumps, so it is weighed on its own, not with them. In 4 of the 4 GC cycles that it and heap.3.txt both record, the pause differs: gc 1 stopped the world for between 0.025 ms and 0.027 ms in the log (gctrace truncates each phase it prints) but for 0.194 ms in the dump (MemStats PauseNs). A dump\'s MemStats keep the pause of each of the last 256 GC cycles, so a log of the same process shows the same pauses.');
  });

  it('heapdoc lint of the same files: the dumps\' leak-suspected with no word of the log agreeing, and the log\'s own, as of the log alone (audit 36: it was dropped)', async () => {
    const r = await runCli(['lint', '--no-config', '--format', 'json', ...HEAPS, `${L}/gctrace-gogc25.log`]);
    const files = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[];
    expect(files.flatMap((f) => f.messages.map((m) => `${path.basename(f.filePath)} ${m.ruleId}`))).toEqual(['heap.5.txt leak-suspected', 'gctrace-gogc25.log leak-suspected']);
    expect(r.stdout).not.toContain('agrees');
    // The log's finding says why it stands apart, in analyze's words (it said nothing of another run).
    expect(files.find((f) => f.filePath.endsWith('gctrace-gogc25.log'))?.messages[0]?.message).toBe('Leak suspected (high confidence) in gctrace-gogc25.log: the live heap after GC keeps rising, 0 → 43 MB over 23.0 s and 17 GCs; its floor rose in every third of the log\'s time (0 → 15 → 35 MB). The GC log gctrace-gogc25.log is from another run or another program than the dumps, so it is weighed on its own, not with them.');
  });

  it('gctrace.log, the dumps\' own run (gc 1: 0.18+0.005 ms beside 194,250 ns): no such line', async () => {
    const lint = await runCli(['lint', '--no-config', ...HEAPS, `${L}/gctrace.log`]);
    expect(lint.stdout).not.toContain('another run');
    const r = await runCli([...HEAPS, `${L}/gctrace.log`]);
    expect(r.stdout.split('\n')[0]).toBe('Leak suspected (medium confidence): HeapAlloc 6.4 MiB → 22.2 MiB across 3 snapshots taken at different GCs (snapshots 1→3), each read between GCs; growing sites: main.remember +7.1 MiB.');
    expect(r.stdout).not.toContain('another run');
  });
});
