/**
 * Audit 44 (runs44): a program killed at t=30 s and restarted (captured/go1.19-audit44-restart:
 * run 1 is t06–t26, run 2 t36–t68). Its dumps together are refused (exit 2), as before, but the
 * line now says which dump is in which run, by when each run's GC cycle 1 ended (MemStats
 * PauseEnd[0]), not four arbitrary pairs (F6); a diff across the restart says the process restarted;
 * `--separately` on a tie of verdicts names the dump where Go holds the most, and says it (F10).
 * Two processes' GC logs interleaved line by line (go1.19-audit44-hostile/interleaved.log: twoleaks'
 * and bigframes' gc lines alternating) are one error, exit 2, not "7 restarts" (F14); the restart's
 * own log, one run after the other, keeps its restart.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const RESTART = 'test/fixtures/captured/go1.19-audit44-restart';
const HINT = "move each run's dumps into a folder of its own and run heapdoc on each folder for its series verdict; --separately reads each dump alone, with no series verdict (one dump cannot tell a leak from a peak)";

const errors = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('heapdoc: error: '));

describe.concurrent('audit 44: a restarted program\'s dumps (go1.19-audit44-restart)', () => {
  it('F6: gc1/ is refused with its 2 runs named by when their GC 1 ended (13:51:04, 13:51:35), each run\'s dumps listed; exit 2', async () => {
    const r = await runCli(['analyze', `${RESTART}/gc1`]);
    expect([r.code, r.stdout, errors(r.stderr)]).toEqual([2, '', [
      `heapdoc: error: ${RESTART}/gc1/ holds dumps of 2 runs or processes: run 1 (GC 1 ended 13:51:04 UTC): heap-t06.txt, heap-t16.txt, heap-t26.txt; run 2 (GC 1 ended 13:51:35 UTC): heap-t36.txt, heap-t46.txt, heap-t56.txt, heap-t68.txt; 4 pairs of its dumps cannot be snapshots of one process, as cumulative counters fall or a GC cycle disagrees between them (heap-t06.txt and heap-t36.txt: Mallocs falls from 2,146 to 2,137 while TotalAlloc rises (3,547,976 → 4,596,232); heap-t46.txt and heap-t06.txt; heap-t16.txt and heap-t46.txt; heap-t56.txt and heap-t26.txt) — ${HINT}`,
    ]]);
  });

  it('F6: each run given alone is one process\'s series, as the line says to do (run 2: the leak, exit 0)', async () => {
    const run2 = ['t36', 't46', 't56', 't68'].map((t) => `${RESTART}/gc1/heap-${t}.txt`);
    const r = await runCli(['analyze', ...run2]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^Leak suspected \(high confidence\): live heap 3\.2 MiB → 19\.2 MiB across 4 GC-separated snapshots/);
  });

  it('F6: diff across the restart says the process restarted between them, with both GC 1 ends; exit 2', async () => {
    const r = await runCli(['diff', `${RESTART}/gc1/heap-t26.txt`, `${RESTART}/gc1/heap-t36.txt`]);
    expect([r.code, errors(r.stderr)]).toEqual([2, [
      `heapdoc: error: ${RESTART}/gc1/heap-t26.txt and ${RESTART}/gc1/heap-t36.txt cannot be snapshots of one process: the process restarted between them, or they are two processes: GC cycle 1 ended at 2026-12-07T13:51:04.340Z in the first and at 2026-12-07T13:51:35.182Z in the second (MemStats PauseEnd) — to compare them anyway, as two programs or runs side by side, add --separately`,
    ]]);
  });

  it('F10: --separately, 7 dumps all "unknown": the one where Go holds the most (t68, 30.9 MiB) heads, and the tie is said (was t36, the first, 14.8 MiB)', async () => {
    const r = await runCli(['analyze', `${RESTART}/gc1`, '--separately']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('7 dumps analyzed separately; all need as much attention; the one where Go holds the most (30.9 MiB), ' +
      `${RESTART}/gc1/heap-t68.txt: Live objects are most of what Go holds: live 19.2 MiB is 62.1% of the 30.9 MiB Go holds (34.4 MiB mapped).`);
  });

  it('F14: interleaved.log is an error at line 2, 2 processes, split it by process; exit 2', async () => {
    const log = 'test/fixtures/captured/go1.19-audit44-hostile/interleaved.log';
    const line = `${log}:2:1: error: the log interleaves the GC lines of 2 processes (each one's GC numbers rise, but the lines step back between them, as gc 1 here): it is not one process's log, nor restarts — split it by process (one pod's or unit's log each: kubectl logs POD, journalctl -u UNIT) and pass each file`;
    const analyze = await runCli(['analyze', log]);
    expect([analyze.code, analyze.stderr.split('\n').filter((l) => l.includes('interleaves'))]).toEqual([2, [line]]);
  });

  it('F14: the restart\'s own log (gc 1–5, then gc 1–6) is one restart, not two processes: its last run judged, exit 0', async () => {
    const r = await runCli(['analyze', `${RESTART}/gctrace.log`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe(`${RESTART}/gctrace.log: Leak suspected (medium confidence): the live heap after GC keeps rising, 3 → 19 MB over 33.1 s and 6 GCs; its floor rose in every third of the log's time (3 → 13 → 19 MB).`);
  });
});
