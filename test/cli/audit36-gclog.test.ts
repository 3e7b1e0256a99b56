/**
 * Audit 36's GC logs (test/fixtures/captured/go1.19-audit36-gclog). A leaking program's log
 * (goleak) beside another program's dump (pool, churn) was "left out of the verdict": `--fail-on
 * leak` passed and lint dropped its leak-suspected, though the log alone suspects a leak with high
 * confidence; two logs of one name were both "gctrace.log", said to be "another run of the program"
 * (the pauses cannot tell a run from a program), and the log's section said "The verdict above
 * weighs the dumps too" of a log it left out. A log that cannot be the dumps' process's is now
 * weighed on its own, as a log alone is. And mapclear's log, whose floor climbed as a map's
 * buckets doubled (held 1–2 GCs, at most 1.3 s, a level) and then held 146 MB for 7 GCs and 13.9 s,
 * was "Cannot tell … a staircase": a last level ten times as long as any before is a plateau.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const D = 'test/fixtures/captured/go1.19-audit36-gclog';
// The pool program's t20 ?gc=1 dump, of the same run as pool/gctrace.log (one copy, in the audit's dumps).
const DUMP = 'test/fixtures/captured/go1.19-audit36/pool/series-gc/t20.heap-debug1-gc1.txt';
const POOL_LOG = `${D}/pool/gctrace.log`;
const LEAK_LOG = `${D}/goleak/gctrace.log`;
const LEAK = 'Leak suspected (high confidence): the live heap after GC keeps rising, 0 → 6 MB over 17.7 s and 8 GCs; its floor rose in every third of the log\'s time (0 → 3 → 4 MB).';
const PAUSES = [
  'In 7 of the 8 GC cycles that it and t20.heap-debug1-gc1.txt both record, the pause differs: gc 1 stopped the world for between 0.023 ms and 0.025 ms in the log (gctrace truncates each phase it prints) but for 76 ms in the dump (MemStats PauseNs).',
  'A dump\'s MemStats keep the pause of each of the last 256 GC cycles, so a log of the same process shows the same pauses.',
];
const DUMP_VERDICT = ['The dump alone: Not a leak of reachable data: live 566.6 KiB of 18.1 MiB mapped (Go holds 15.1 MiB); 10.1 MiB of runtime metadata.', 'Most of the memory is runtime metadata.', 'One dump cannot tell whether the live 566.6 KiB grows — take another after some time (and a GC) and compare both with heapdoc analyze A B.', 'A heap dump counts only what Go holds: memory from cgo, syscall.Mmap or mmap-ed files is in no MemStats field; if the process\'s RSS (VmRSS in /proc/PID/status) is well above the 15.1 MiB Go holds, give it with --rss to see how much is outside the Go heap.'];

interface Report {
  verdict: { leak: string; summary: string };
  findings: { ruleId: string; source: string }[];
  gcTraces: { source: string; otherRun?: boolean; verdict: { kind: string; leak: string; confidence: string } }[];
}
interface LintFile { filePath: string; messages: { ruleId: string; line: number }[] }

const lintRules = (stdout: string): string[] => (JSON.parse(stdout) as LintFile[]).flatMap((f) => f.messages.map((m) => `${path.basename(path.dirname(f.filePath))}/${path.basename(f.filePath)}:${m.line} ${m.ruleId}`));

describe.concurrent('another program\'s leaking GC log beside a dump is weighed on its own, and fails CI', () => {
  it('analyze --fail-on leak: exit 1, the log\'s leak heads the verdict, then why it is apart, then the dump\'s own verdict', async () => {
    const r = await runCli([DUMP, LEAK_LOG, '--fail-on', 'leak']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(0, 9)).toEqual([
      `${LEAK_LOG}: ${LEAK}`,
      'The GC log gctrace.log is from another run or another program than the dumps, so it is weighed on its own, not with them.',
      ...PAUSES,
      ...DUMP_VERDICT,
      '',
    ]);
    // The section says it is the log's alone, never "The verdict above weighs the dumps too".
    expect(r.stdout).toContain(`GC log ${LEAK_LOG}: 8 GCs over 17.7 s\n  ${LEAK}\n  live after GC 0 → 2 → 2 → 3 → 3 → 4 → 6 → 6 MB\n`);
    expect(r.stdout).not.toContain('weighs the dumps too');
    expect(r.stdout).toContain(`  error leak-suspected: Leak suspected (high confidence) in gctrace.log: the live heap after GC keeps rising, 0 → 6 MB over 17.7 s and 8 GCs; its floor rose in every third of the log's time (0 → 3 → 4 MB).\n`);
  });

  it('JSON: verdict suspected, the log marked otherRun, its leak-suspected among the findings', async () => {
    const j = JSON.parse((await runCli([DUMP, LEAK_LOG, '--format', 'json'])).stdout) as Report;
    expect(j.verdict.leak).toBe('suspected');
    expect(j.verdict.summary).toBe([`${LEAK_LOG}: ${LEAK}`, 'The GC log gctrace.log is from another run or another program than the dumps, so it is weighed on its own, not with them.', ...PAUSES, ...DUMP_VERDICT].join(' '));
    expect(j.gcTraces.map((t) => [t.otherRun, t.verdict.kind, t.verdict.confidence])).toEqual([[true, 'leak', 'high']]);
    expect(j.findings.filter((f) => f.ruleId === 'leak-suspected').map((f) => f.source)).toEqual([LEAK_LOG]);
  });

  it('the dump\'s own log and the other program\'s, both gctrace.log: each named by its folder; the own log is not apart', async () => {
    const r = await runCli([DUMP, POOL_LOG, LEAK_LOG, '--fail-on', 'leak']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      `${LEAK_LOG}: ${LEAK}`,
      'The GC log goleak/gctrace.log is from another run or another program than the dumps, so it is weighed on its own, not with them.',
    ]);
    expect(r.stdout.match(/another run or another program/g)).toHaveLength(1);
    const j = JSON.parse((await runCli([DUMP, POOL_LOG, LEAK_LOG, '--format', 'json'])).stdout) as Report;
    expect(j.gcTraces.map((t) => [t.source, t.otherRun ?? false, t.verdict.kind])).toEqual([[POOL_LOG, false, 'churn'], [LEAK_LOG, true, 'leak']]);
  });

  it('lint of the same files: the log\'s leak-suspected at its last GC, exit 1, as of the log alone', async () => {
    const r = await runCli(['lint', '--no-config', '--format', 'json', DUMP, LEAK_LOG]);
    expect([r.code, lintRules(r.stdout)]).toEqual([1, ['series-gc/t20.heap-debug1-gc1.txt:78 gc-pause-long', 'goleak/gctrace.log:8 leak-suspected']]);
  });

  it('the dump with its own log: no word of another run, exit 0 with --fail-on leak', async () => {
    const r = await runCli([DUMP, POOL_LOG, '--fail-on', 'leak']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Not a leak of reachable data: live 566.6 KiB of 18.1 MiB mapped (Go holds 15.1 MiB); 10.1 MiB of runtime metadata.');
    expect(r.stdout).not.toContain('another run');
  });
});

describe.concurrent('a staircase whose last level held far longer than any before is a plateau', () => {
  it('mapclear/gctrace.log: a plateau (medium), its holds said, "over all 15 GCs"; exit 0 with --fail-on leak', async () => {
    const r = await runCli([`${D}/mapclear/gctrace.log`, '--fail-on', 'leak']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`${D}/mapclear/gctrace.log: A plateau, not a leak: the live heap's floor after GC (the least C from each GC on) rose, held and rose again — 7 rises, 0 → 3 → 7 → 14 → 28 → 57 → 83 → 146 MB (0 MB → 3 MB → 7 MB → 14 MB → 28 MB → 57 MB → 83 MB ×2 → 146 MB ×7 over all 15 GCs), then held at 146 MB for its last 7 GCs over 13.9 s, 10 times as long as any level before it (at most 2 GCs, 1.3 s): a buffer, slice or map that keeps growing holds each level about as long as it takes to fill it, twice as long at each doubling, so a last level this much longer says the growth stopped.`);
    const j = JSON.parse((await runCli([`${D}/mapclear/gctrace.log`, '--format', 'json'])).stdout) as Report;
    expect(j.gcTraces[0]?.verdict).toMatchObject({ kind: 'stable', leak: 'not-suspected', confidence: 'medium' });
    // gc 8's mark termination, 12 + 19 ms: the only finding, no leak-suspected.
    expect(j.findings.map((f) => f.ruleId)).toEqual(['gc-pause-long']);
  });
});
