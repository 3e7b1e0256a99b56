/**
 * Audit 33: a dump with no stack frames from another program joined a series or a diff unnoticed,
 * and a gperftools profile was diffed with a Go dump. Real dumps: samples/ (go1.19, go1.21,
 * go1.23), the captured go1.19 programs, and pprof's own C++ testdata (test/fixtures/corpus).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const BASELINE = 'samples/go1.21/peak/default/baseline.heap-debug1.txt';
const LEAK5 = 'samples/go1.23/leak/snap5.heap-debug1.txt';
const CPP = 'test/fixtures/corpus/fetched/google-pprof/profile/testdata/cppbench.growth';
const CPP_REFUSED = `heapdoc: error: ${CPP} is a 'growthz' heap profile from gperftools (C++), not a Go heap dump: it makes no series or diff with other dumps — heapdoc analyze ${CPP} reads it alone; to compare C++ heap profiles, use pprof -diff_base`;

describe('a snapshot without stack frames, of another program', () => {
  it('in a series: the report says in one line that nothing checked it (go1.21 peak baseline before the go1.19 goroutine leak)', async () => {
    const r = await runCli([BASELINE, 'samples/go1.19/goroutine-leak/']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    const at = lines.indexOf('  NumGC         0 → 1 → 3 → 5 → 7 → 8 → 9');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe('  Snapshot 1 (baseline.heap-debug1.txt) carries no stack frames: heapdoc cannot check it is the same program as the others.');
    expect(lines[at + 2]).toBe('  Snapshot 1 was read between GCs, the others right after a forced GC (?gc=1 or the program\'s runtime.GC()): its HeapAlloc counts the garbage made since the last GC; right after a GC it is the live heap.');
    const json = await runCli([BASELINE, 'samples/go1.19/goroutine-leak/', '--format', 'json']);
    expect((JSON.parse(json.stdout) as { series: { sameProgramUnchecked?: string[] } }).series.sameProgramUnchecked).toEqual([BASELINE]);
  });

  it('in a diff: one line under the sides, and JSON sameProgramUnchecked (go1.21 baseline, go1.23 leak snap5)', async () => {
    const r = await runCli(['diff', BASELINE, LEAK5]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(3, 7)).toEqual([
      `before ${BASELINE}`,
      `after  ${LEAK5}`,
      '',
      'BEFORE (baseline.heap-debug1.txt) carries no stack frames: heapdoc cannot check it is the same program as AFTER.',
    ]);
    const json = await runCli(['diff', BASELINE, LEAK5, '--format', 'json']);
    expect((JSON.parse(json.stdout) as { sameProgramUnchecked?: string[] }).sameProgramUnchecked).toEqual([BASELINE]);
  });

  it('is refused when its MaxRSS falls while TotalAlloc rises (go1.23 peak baseline, go1.19 audit27-burst)', async () => {
    const before = 'test/fixtures/corpus/go1.23/peak/default.baseline.heap-debug1.txt';
    const after = 'test/fixtures/captured/go1.19-audit27-burst/burst/01.heap.txt';
    const r = await runCli(['diff', before, after]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`heapdoc: error: ${after} and ${before} cannot be snapshots of one process: MaxRSS falls from 8,015,872 to 7,499,776 while TotalAlloc rises (211,032 → 306,608) — to compare them anyway, as two programs or runs side by side, add --separately\n`);
  });

  it('is refused when a GC cycle both hold ended at another time (audit27-burst /debug/vars, go1.21 peak after-gc)', async () => {
    const before = 'test/fixtures/captured/go1.19-audit27-burst/burst/01.vars.json';
    const after = 'samples/go1.21/peak/default/after-gc.heap-debug1.txt';
    const r = await runCli(['diff', before, after]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const line = `${after} and ${before} cannot be snapshots of one process: the process restarted between them, or they are two processes: GC cycle 1 ended at 2026-11-26T20:09:18.602Z in the first and at 2026-12-05T14:20:45.353Z in the second (MemStats PauseEnd)`;
    expect(r.stderr).toBe(`heapdoc: error: ${line} — to compare them anyway, as two programs or runs side by side, add --separately\n`);
    const series = await runCli([before, after]);
    expect(series.code).toBe(2);
    expect(series.stdout).toBe('');
    expect(series.stderr).toBe(`heapdoc: error: ${line} — a GC cycle's end and pause stay in MemStats, unchanged, for 256 cycles: for dumps of different processes, add --separately\n`);
  });

  it('of the same run, linked by a GC cycle both hold, is checked: no line (audit28-bufgrow /debug/vars 01, plain dump 06)', async () => {
    const r = await runCli(['diff', 'test/fixtures/captured/go1.19-audit28-bufgrow/run/vars/01.vars.json', 'test/fixtures/captured/go1.19-audit28-bufgrow/run/plain/06.heap-debug1.txt', '--format', 'json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as { sameProgramUnchecked?: string[]; sameProcessOrder: boolean };
    expect(d.sameProgramUnchecked).toBeUndefined();
    expect(d.sameProcessOrder).toBe(true);
  });
});

describe('a valid series with a snapshot nothing can check', () => {
  it('go1.21 peak/default: its baseline precedes any GC; the line is added, the verdict is the same', async () => {
    const r = await runCli(['samples/go1.21/peak/default']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('A one-off peak, not a leak: one step, snapshots 1→2, allocated 300.2 MiB (99.8% of what the series\' 5 steps allocated, the profiler\'s own left out; no other step more than 234.5 KiB) and raised the heap\'s high-water mark (HeapSys) from 3.7 MiB to 303.1 MiB, while the live heap stays near 276.4 KiB across the 2 GC-separated snapshots read right after a forced GC (snapshots 4→6, ?gc=1 or the program\'s runtime.GC()), and 189.0 KiB to 300.3 MiB at snapshots 1, 2, 3 and 5, read between GCs (their HeapAlloc counts the garbage made since the last GC).');
    expect(r.stdout).toContain('\n  Snapshot 1 (baseline.heap-debug1.txt) carries no stack frames: heapdoc cannot check it is the same program as the others.\n');
  });

  it('/debug/vars beside goroutine dumps (a watch capture): every snapshot, named once', async () => {
    const r = await runCli(['test/fixtures/captured/go1.19-audit-verdicts/h-watch-vars']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\n  All 6 snapshots carry no stack frames: heapdoc cannot check they are the same program as the goroutine dumps.\n');
  });
});

describe('a gperftools (C++) heap profile with other dumps', () => {
  it('diff refuses it in one line, exit 2, --separately or not', async () => {
    for (const extra of [[], ['--separately']]) {
      const r = await runCli(['diff', CPP, LEAK5, ...extra]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`${CPP_REFUSED}\n`);
    }
  });

  it('analyze refuses a series with it in one line, exit 2; alone it is analyzed', async () => {
    const r = await runCli([CPP, LEAK5]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${CPP_REFUSED}\n`);
    const alone = await runCli([CPP]);
    expect(alone.code).toBe(0);
    expect(alone.stdout).toContain("warning not-a-go-profile: This is a 'growthz' heap profile from gperftools (C++), not a Go heap dump.");
  });
});
