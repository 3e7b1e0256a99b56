/**
 * A bounded LRU (test/fixtures/captured/go1.19-audit-work/01-lru: 20,000 × 1 KiB, full at ~10 s,
 * flat after) is a plateau. Its GC log alone was "Leak suspected (medium confidence) … floor 3 →
 * 13 → 21 MB" (exit 1 with --fail-on leak): its later half reads 21 20 | 21 21 | 22 22 MB because
 * GC 8 (9.4 s) is the fill's tail and 21.96 → 22.01 MiB crosses a whole-MB boundary (gctrace
 * truncates). Beyond the fill the floor rose no more than the log can resolve: it cannot tell.
 * And `heapdoc lint` of the folder failed (leak-suspected at stderr.log) what `heapdoc analyze`
 * of it passed: where analyze lets the dumps' verdict stand over a log's, lint reports no
 * leak-suspected for the log (reasoning.md §7), by analyze's own decision (dumpsOutweighLog).
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const W = 'test/fixtures/captured/go1.19-audit-work';
const LRU = `${W}/01-lru`;
const SLOW = 'test/fixtures/captured/go1.19-audit-verdicts/a-slowleak/stderr.log.gz';

interface LintFile { filePath: string; messages: { ruleId: string; severity: number }[] }
interface Report { verdict: { leak: string; summary: string }; findings: { ruleId: string; source: string }[]; gcTraces: { verdict: { kind: string; leak: string; confidence: string } }[] }

const lintRules = (stdout: string): string[] => (JSON.parse(stdout) as LintFile[]).flatMap((f) => f.messages.map((m) => `${path.basename(f.filePath)} ${m.ruleId}`));

describe.concurrent('the bounded LRU\'s GC log: a rise within the log\'s resolution is no leak', () => {
  it('the log alone: a plateau, read by time (21 → 22 MB over its last 17.9 s of 30.9 s; by its GCs alone, 20 → 21 → 22 MB over its last 6, it could not tell), exit 0 with --fail-on leak', async () => {
    const r = await runCli([`${LRU}/stderr.log`, '--fail-on', 'leak']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`${LRU}/stderr.log: A plateau, not a leak: the live heap after GC rose 3 → 21 MB, then stayed between 21 and 22 MB for its last 4 of 12 GCs, 17.9 s of the log's 30.9 s, while 17 MB were allocated per GC on average: it grew, then stopped.`);
    expect(r.stdout.split('\n')[1]).toBe('');
    const json = JSON.parse((await runCli([`${LRU}/stderr.log`, '--format', 'json'])).stdout) as Report;
    expect(json.gcTraces[0]?.verdict).toMatchObject({ kind: 'stable', leak: 'not-suspected', confidence: 'medium' });
    expect(json.findings.map((f) => f.ruleId)).toEqual([]);
    const lint = await runCli(['lint', '--no-config', `${LRU}/stderr.log`]);
    expect({ code: lint.code, stdout: lint.stdout }).toEqual({ code: 0, stdout: '' });
  });

  it('the folder: a plateau from the dumps, exit 0 with --fail-on leak; the log\'s section, a plateau too, says so', async () => {
    const r = await runCli([LRU, '--fail-on', 'leak']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    // Its seven ?gc=1 readings are enough for the verdict, which rests on them: no advice to add ?gc=1 (forced.ts judgedAfterForcedGC).
    expect(lines.slice(0, 2)).toEqual([
      'A plateau, not a leak: the live heap rose from 7.8 MiB to 20.4 MiB by snapshot 6, then stayed near 22.0 MiB through snapshot 14 (the 7 GC-separated snapshots read right after a forced GC, ?gc=1), and 7.1 MiB to 34.3 MiB at snapshots 1, 3, 5, 7, 9, 11 and 1 more, read between GCs (their HeapAlloc counts the garbage made since the last GC), with no site or goroutine group growing steadily: it grew at 2 steps, then stopped.',
      '',
    ]);
    const section = lines.findIndex((l) => l === `GC log ${LRU}/stderr.log: 12 GCs over 30.9 s`);
    expect(lines[section + 1]).toBe("  A plateau, not a leak: the live heap after GC rose 3 → 21 MB, then stayed between 21 and 22 MB for its last 4 of 12 GCs, 17.9 s of the log's 30.9 s, while 17 MB were allocated per GC on average: it grew, then stopped.");
  });

  it('lint of the folder: no leak-suspected, exit 0 (it was an error at stderr.log, exit 1)', async () => {
    const r = await runCli(['lint', '--no-config', '--format', 'json', LRU]);
    expect(r.code).toBe(0);
    // Nothing else either: the LRU's idle heap is within its heap goal (idle-heap-retained is an info then, not shown).
    expect(lintRules(r.stdout)).toEqual([]);
  });

  it('real leaks\' logs are still leaks: the sub-slices (3 → 17 → 47 MB), the unstopped timers, the blocked finalizers; the goroutine leak\'s log shows none, as before', async () => {
    const first = async (name: string): Promise<[number | null, string | undefined]> => {
      const r = await runCli([`${W}/${name}/stderr.log`, '--fail-on', 'leak']);
      return [r.code, r.stdout.split('\n')[0]];
    };
    expect(await first('02-subslice')).toEqual([1, `${W}/02-subslice/stderr.log: Leak suspected (high confidence): the live heap after GC keeps rising, 3 → 85 MB over 18.8 s and 11 GCs; its floor rose in every third of the log's time (3 → 47 → 60 MB).`]);
    expect(await first('03-timers')).toEqual([1, `${W}/03-timers/stderr.log: Leak suspected (high confidence): the live heap after GC keeps rising, 2 → 35 MB over 17.5 s and 10 GCs; its floor rose in every third of the log's time (2 → 13 → 29 MB).`]);
    expect(await first('09-finalizers')).toEqual([1, `${W}/09-finalizers/stderr.log: Leak suspected (high confidence): the live heap after GC keeps rising, 3 → 100 MB over 17.8 s and 10 GCs; its floor rose in every third of the log's time (3 → 51 → 84 MB).`]);
    // Goroutines blocked on a send, one a second: their stacks are too small for the log's whole MB.
    expect(await first('08-goleak')).toEqual([0, `${W}/08-goleak/stderr.log: Stable: the live heap after GC stays between 0 and 1 MB over 51.0 s and 12 GCs.`]);
  });
});

describe('a short slow leak\'s GC log: a steady rise beyond the resolution is a leak, though no GC adds a whole MB', () => {
  // test/fixtures/captured/go1.19-slowleak-gctrace: 0.75 MiB kept per GC over 12 GCs, C reads
  // 3 3 4 5 6 6 7 8 9 9 10 11 MB. It was "Cannot tell … its floor rose only 8 → 9 → 10 MB over the
  // last 5 of 12 GCs" (beyondFill read the first 7 GCs as a fill).
  const LOG = 'test/fixtures/captured/go1.19-slowleak-gctrace/stderr.log';

  it('analyze: leak suspected, exit 1 with --fail-on leak; JSON gcTraces verdict a leak', async () => {
    const r = await runCli([LOG, '--fail-on', 'leak']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(`${LOG}: Leak suspected (high confidence): the live heap after GC keeps rising, 3 → 11 MB over 22.7 s and 12 GCs; its floor rose in every third of the log's time (3 → 7 → 9 MB), and rose steadily by 4 MB over the later half (7 → 11 MB over its last 6 GCs, never falling): more than gctrace's whole-MB truncation explains, though no GC added more than one.`);
    const json = JSON.parse((await runCli([LOG, '--format', 'json'])).stdout) as Report & { gcTraces: { liveMB: number[] }[] };
    expect(json.gcTraces[0]?.liveMB).toEqual([3, 3, 4, 5, 6, 6, 7, 8, 9, 9, 10, 11]);
    expect(json.gcTraces[0]?.verdict).toMatchObject({ kind: 'leak', leak: 'suspected', confidence: 'high' });
    expect(json.verdict.leak).toBe('suspected');
  });

  it('lint: leak-suspected (an error) at the log, exit 1', async () => {
    const r = await runCli(['lint', '--no-config', '--format', 'json', LOG]);
    expect([r.code, lintRules(r.stdout)]).toEqual([1, ['stderr.log leak-suspected']]);
  });
});

describe('a GC log that suspects a leak beside dumps whose verdict stands over it: analyze and lint agree', () => {
  // The LRU's ?gc=1 dumps (a plateau, high confidence, over 10 GC cycles) and a log that suspects
  // a leak at medium confidence (a slow leak's, 376 GCs). A made folder: the log is another
  // program's, and its pauses say so against the dumps' GC ring: it is weighed on its own, as the
  // log alone is, so analyze --fail-on leak and lint fail on its leak (audit 36: both passed, the
  // log "left out"). The dumps' plateau is said after it.
  const dir = mkdtempSync(path.join(tmpdir(), 'heapdoc-weigh-'));
  for (const f of readdirSync(LRU).filter((n) => n.endsWith('.heap-gc1.txt'))) copyFileSync(path.join(LRU, f), path.join(dir, f));
  copyFileSync(SLOW, path.join(dir, 'stderr.log.gz'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('analyze: the log\'s leak heads the verdict, said apart from the dumps\' plateau, exit 1 with --fail-on leak, its leak-suspected a finding', async () => {
    const r = await runCli([dir, '--fail-on', 'leak', '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.verdict.leak).toBe('suspected');
    expect(report.verdict.summary).toBe(`${path.join(dir, 'stderr.log.gz')}: Leak suspected (medium confidence): the live heap after GC keeps rising, 3 → 74 MB over 12.0 s and 376 GCs; its floor rose in every third of the log's time (3 → 68 → 70 MB) and still rises after the warm-up, more slowly (69 → 70 → 71 MB over the later half). The GC log stderr.log.gz is from another run or another program than the dumps, so it is weighed on its own, not with them. In 11 of the 12 GC cycles that it and 07-t32.heap-gc1.txt both record, the pause differs: gc 1 stopped the world for between 0.017 ms and 0.019 ms in the log (gctrace truncates each phase it prints) but for 0.0297 ms in the dump (MemStats PauseNs). A dump's MemStats keep the pause of each of the last 256 GC cycles, so a log of the same process shows the same pauses. The dumps alone: A plateau, not a leak: the live heap rose from 7.8 MiB to 20.4 MiB by snapshot 3, then stayed near 22.0 MiB through snapshot 7, with no site or goroutine group growing steadily: it grew at 2 steps, then stopped.`);
    expect(report.findings.filter((f) => f.ruleId === 'leak-suspected').map((f) => path.basename(f.source))).toEqual(['stderr.log.gz']);
  });

  it('lint: leak-suspected at the log, exit 1, as of the log alone', async () => {
    const r = await runCli(['lint', '--no-config', '--format', 'json', dir]);
    expect(r.code).toBe(1);
    // Nothing else: the LRU's idle heap is within its heap goal (idle-heap-retained is an info then, not shown).
    expect(lintRules(r.stdout)).toEqual(['stderr.log.gz leak-suspected']);
    const alone = await runCli(['lint', '--no-config', '--format', 'json', path.join(dir, 'stderr.log.gz')]);
    expect([alone.code, lintRules(alone.stdout)]).toEqual([1, ['stderr.log.gz leak-suspected']]);
  });

  it('two of the dumps: the log, another run or program (its pauses), is weighed on its own by analyze and lint alike: both fail on its leak', async () => {
    const two = [path.join(dir, '01-t3.heap-gc1.txt'), path.join(dir, '02-t6.heap-gc1.txt'), path.join(dir, 'stderr.log.gz')];
    const analyze = await runCli([...two, '--fail-on', 'leak', '--format', 'json']);
    expect([analyze.code, (JSON.parse(analyze.stdout) as Report).verdict.leak]).toEqual([1, 'suspected']);
    const lint = await runCli(['lint', '--no-config', '--format', 'json', ...two]);
    expect([lint.code, lintRules(lint.stdout).filter((r) => r.endsWith('leak-suspected'))]).toEqual([1, ['stderr.log.gz leak-suspected']]);
  });
});
