/**
 * A GC log whose only growth is the program's start-up (test/fixtures/captured/go1.19-warmup: a
 * 16 MB cache filled at start, then idle) is no leak: the cycles of its first second are warm-up,
 * and a leak must go on after them, over at least 3 cycles, as a series of dumps needs 3
 * GC-separated snapshots; a flat log of warm-up alone (a program that exits within a second) cannot
 * tell either. A real leak's log still is one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const W = 'test/fixtures/captured/go1.19-warmup';
const LEAK = 'test/fixtures/corpus/go1.19/exposition/leak/gctrace.log';

/** The first five gc lines of the 30 s log: warm-up (gc 1–3 in 6 ms), then 2 flat cycles. */
const fiveGcs = readFileSync(`${W}/gctrace-30s.log`, 'utf8').split('\n').filter((l) => l.startsWith('gc ')).slice(0, 5).join('\n') + '\n';

describe.concurrent('gctrace: start-up warm-up is not a leak', () => {
  it('only the 3 GCs of start-up (3 → 7 → 14 MB in 26 ms): lint exit 0 with nothing to report; analyze says why it cannot tell', async () => {
    const lint = await runCli(['lint', '--no-config', `${W}/gctrace-3gcs.log`]);
    expect({ code: lint.code, stdout: lint.stdout, stderr: lint.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
    const analyze = await runCli([`${W}/gctrace-3gcs.log`]);
    expect(analyze.code).toBe(0);
    expect(analyze.stdout.split('\n')[0]).toBe(`${W}/gctrace-3gcs.log: All 3 GC cycles are start-up warm-up (in the program's first second, they grew the live heap 3 → 14 MB as it filled its working set): too few to tell a leak from a warm-up; log for longer.`);
  });

  it('warm-up then 2 flat GCs (3 → 7 → 15 → 16 → 16 MB): no leak-suspected; too few cycles after warm-up', async () => {
    const lint = await runCli(['lint', '--no-config', '--format', 'json', '-'], { input: fiveGcs });
    expect(lint.code).toBe(0);
    expect((JSON.parse(lint.stdout) as { messages: unknown[] }[]).map((f) => f.messages)).toEqual([[]]);
    const analyze = await runCli(['-'], { input: fiveGcs });
    expect(analyze.stdout.split('\n')[0]).toBe("-: Only 2 GC cycles after start-up warm-up (the first 3, in the program's first second, grew the live heap 3 → 15 MB): too few to tell a leak from a warm-up; log for longer.");
  });

  it('a program that exits within its first second (12 GCs in 111 ms, 3 MB live each): unknown, not "Stable"; lint reports nothing', async () => {
    const analyze = await runCli([`${W}/gctrace-exits-early.log`]);
    expect(analyze.code).toBe(0);
    expect(analyze.stdout.split('\n').slice(0, 4)).toEqual([
      `${W}/gctrace-exits-early.log: All 12 GC cycles are start-up warm-up (in the program's first second, they kept the live heap at 3 MB): too few to tell a leak from a warm-up; log for longer.`,
      '',
      `GC log ${W}/gctrace-exits-early.log: 12 GCs over 111 ms`,
      "  All 12 GC cycles are start-up warm-up (in the program's first second, they kept the live heap at 3 MB): too few to tell a leak from a warm-up; log for longer.",
    ]);
    const json = await runCli(['--format', 'json', `${W}/gctrace-exits-early.log`]);
    expect((JSON.parse(json.stdout) as { gcTraces: { verdict: unknown }[] }).gcTraces[0]?.verdict).toMatchObject({ kind: 'unknown', leak: 'unknown', confidence: 'low' });
    const lint = await runCli(['lint', '--no-config', `${W}/gctrace-exits-early.log`]);
    expect({ code: lint.code, stdout: lint.stdout, stderr: lint.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('the same warm-up, then 2 GCs at 1.3 and 1.5 s (LATE=2): unknown, not the warm-up pace read as churn', async () => {
    const analyze = await runCli([`${W}/gctrace-exits-early-late2.log`]);
    expect(analyze.stdout.split('\n')[0]).toBe(`${W}/gctrace-exits-early-late2.log: Only 2 GC cycles after start-up warm-up (the first 12, in the program's first second, kept the live heap at 3 MB): too few to tell a leak from a warm-up; log for longer.`);
  });

  it('the whole 30 s log: a plateau (3 → 16 MB, then 16 MB for its last 5 GCs), not a leak', async () => {
    const analyze = await runCli([`${W}/gctrace-30s.log`]);
    expect(analyze.stdout.split('\n')[0]).toBe(`${W}/gctrace-30s.log: A plateau, not a leak: the live heap after GC rose 3 → 16 MB, then stayed at 16 MB for the last 5 of 8 GCs over 27.2 s: it grew, then stopped (its floor over the later half of the log: 16 → 16 → 16 MB).`);
    const lint = await runCli(['lint', '--no-config', `${W}/gctrace-30s.log`]);
    expect({ code: lint.code, stdout: lint.stdout }).toEqual({ code: 0, stdout: '' });
  });

  it('a real leak (2 → 42 MB over 20.7 s, the first GC at 1.4 s) is still leak-suspected, exit 1, at the log\'s last GC line (was 0:0)', async () => {
    const lint = await runCli(['lint', '--no-config', LEAK]);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toBe([
      '',
      LEAK,
      '  5:1  error  Leak suspected (medium confidence) in gctrace.log: the live heap after GC keeps rising, 2 → 42 MB over 20.7 s and 5 GCs; its floor rose in every third of the log\'s time (2 → 21 → 42 MB).  leak-suspected',
      '',
      '✖ 1 problem (1 error, 0 warnings)',
      '',
    ].join('\n'));
  });

  it('a leak that starts during start-up and goes on after it (auditF: 1 → 32 MB over 8.6 s, gc 1–2 in the first second) is still leak-suspected', async () => {
    const lint = await runCli(['lint', '--no-config', '--format', 'json', 'test/fixtures/captured/go1.19-auditF/gctrace.log']);
    expect(lint.code).toBe(1);
    const [file] = JSON.parse(lint.stdout) as { messages: { ruleId: string; message: string }[] }[];
    expect(file?.messages.map((m) => `${m.ruleId}: ${m.message}`)).toEqual([
      'leak-suspected: Leak suspected (high confidence) in gctrace.log: the live heap after GC keeps rising, 1 → 32 MB over 8.6 s and 9 GCs; its floor rose in every third of the log\'s time (1 → 14 → 32 MB).',
    ]);
  });
});
