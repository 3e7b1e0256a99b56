/**
 * The fixes of gc-cpu-high, peak-retention and idle-heap-retained name the sites the dump's
 * allocated column names, and a process's GC CPU share is said once: captures of two go1.19
 * programs (README.md and main.go.txt beside them). go1.19-audit30-syncpool: 8 workers take a
 * 1 MiB buffer from a sync.Pool and allocate 64 KiB of garbage each (main.go:22), so the GC runs
 * every ~20 ms and empties the pool; the fix said "find them in the allocs profile … reuse buffers
 * (sync.Pool)", and lint gave eleven gc-cpu-high for the one process. go1.19-audit30-readall: one
 * io.ReadAll of a 200 MB body (main.go:29), dropped; peak-retention's fix said "bound the number
 * of concurrent goroutines, the depth of their stacks", idle-heap-retained's "bound concurrency,
 * reuse buffers", and its 35.16 ms pause of GC cycle 4 was said by the dump and again by gctrace.log.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const S = 'test/fixtures/captured/go1.19-audit30-syncpool';
const READALL = 'test/fixtures/captured/go1.19-audit30-readall';
/** Moment t1 of readall (its two dumps) and the run's GC log: the capture holds every moment since, whose series is another test's. */
const R = mkdtempSync(join(tmpdir(), 'heapdoc-readall-t1-'));
for (const name of ['02-t1-just-after-readall-dropped-gc.heap.txt', '02-t1-just-after-readall-dropped.heap.txt', 'gctrace.log']) copyFileSync(join(READALL, name), join(R, name));

interface Finding { ruleId: string; source: string; message: string; why: string; fix: string; line?: number; scope?: string; evidence?: Record<string, number | string> }
interface LintFile { filePath: string; messages: Finding[] }

async function findings(file: string): Promise<Finding[]> {
  const r = await runCli([file, '--format', 'json']);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
}
async function lint(...args: string[]): Promise<string[]> {
  const r = await runCli(['lint', ...args, '--format', 'json']);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as LintFile[]).flatMap((f) => f.messages.map((m) => `${f.filePath.slice(f.filePath.lastIndexOf('/') + 1)} ${m.line ?? '-'} ${m.ruleId}${m.scope ? ` ${m.scope}` : ''}`));
}
const fixOf = (all: Finding[], ruleId: string): string | undefined => all.find((f) => f.ruleId === ruleId)?.fix;

describe('the fix names the sites the dump says allocate most', () => {
  it('syncpool: main.handle and the pool\'s New by alloc_space, and that GCs this frequent defeat the pool', async () => {
    const all = await findings(`${S}/05-t5-steady-gc.heap.txt`);
    expect(fixOf(all, 'gc-cpu-high')).toBe(
      "Allocate less where the dump says the program allocates most: main.handle (main.go:22), 4.6 GiB since the process started (76.1% of what the dump counts allocated, the profiler's own left out) and main.glob..func1 (a sync.Pool's New, main.go:12), 1.4 GiB (23.8%), or give the GC more room with a higher GOGC or a GOMEMLIMIT with GOGC=off if memory allows. "
      + 'The program already reuses buffers with a sync.Pool, whose New is main.glob..func1 (main.go:12): every GC empties the pool (its victim cache keeps an item for one more GC only), so GCs this frequent defeat it and New keeps allocating (1.4 GiB). First reduce the garbage main.handle (main.go:22) makes, or raise GOGC or set a GOMEMLIMIT so that GCs are rarer.',
    );
    expect(fixOf(all, 'peak-retention')).toBe("To lower the process's footprint, lower the peak: main.handle (main.go:22) allocated 4.6 GiB, 76.1% of what the dump counts allocated since the process started (the profiler's own left out): bound that allocation (its size, or how many are made at once). A growing HeapSys across dumps with a flat HeapInuse is still a peak, not a leak.");
  });

  it('readall: io.ReadAll at main.go:29 (main.importReport), 99.8% of what was allocated: stream it', async () => {
    const all = await findings(`${R}/02-t1-just-after-readall-dropped-gc.heap.txt`);
    const readAll = "io.ReadAll at main.go:29 (main.importReport) allocated 1.1 GiB, 99.8% of what the dump counts allocated since the process started (the profiler's own left out): stream it instead of reading it whole (io.Copy to where it goes, a json.Decoder on the reader)";
    expect(fixOf(all, 'peak-retention')).toBe(`To lower the process's footprint, lower the peak: ${readAll}. A growing HeapSys across dumps with a flat HeapInuse is still a peak, not a leak.`);
    expect(fixOf(all, 'idle-heap-retained')).toBe(`If the memory should go back to the OS, call debug.FreeOSMemory() after the spike, or set GOMEMLIMIT so the scavenger works toward a limit; better, reduce the peak: ${readAll}.`);
    expect(fixOf(all, 'gc-cpu-high')).toBe("Allocate less where the dump says the program allocates most: io.ReadAll at main.go:29 (main.importReport), 1.1 GiB since the process started (99.8% of what the dump counts allocated, the profiler's own left out), or give the GC more room with a higher GOGC or a GOMEMLIMIT with GOGC=off if memory allows.");
  });
});

describe('no site dominates: the generic words stay', () => {
  it('corpus stacks: runtime.saveg allocated 66.7% of a 1.5 MiB profile, which cannot explain 44.5 MiB of idle heap', async () => {
    const all = await findings('test/fixtures/corpus/go1.23/stacks/after-gc-6.heap-debug1.txt');
    expect(fixOf(all, 'idle-heap-retained')).toBe('If the memory should go back to the OS, call debug.FreeOSMemory() after the spike, or set GOMEMLIMIT so the scavenger works toward a limit; better, reduce the peak (bound concurrency, reuse buffers).');
  });
});

describe('one process, its GC CPU share said once', () => {
  it('lint syncpool/: one gc-cpu-high for ten dumps and gctrace.log, at the series\' last input', async () => {
    const r = await runCli(['lint', S, '--format', 'json']);
    const files = JSON.parse(r.stdout) as LintFile[];
    const cpu = files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'gc-cpu-high').map((m) => ({ ...m, file: f.filePath.slice(f.filePath.lastIndexOf('/') + 1) })));
    expect(cpu.map((m) => `${m.file} ${m.line ?? '-'} ${m.scope}`)).toEqual(['05-t5-steady-gc.heap.txt 271 series']);
    expect(cpu[0]?.message).toBe('The GC had used 9.0% to 10.6% of the available CPU since the process started in 10 snapshots (as of GC cycles 108 to 1,025), and 9% in its GC log (as of cycle 1,034).');
    expect(cpu[0]?.evidence).toEqual({ gcCpuFraction: 0.09782666303964693, numGC: 1025, snapshots: 10, lowestGcCpuFraction: 0.09027810928813178, highestGcCpuFraction: 0.10633667973198023, firstNumGC: 108, gcLogs: 1, gcLogCpuPercent: 9 });
    // The pause of GC cycle 280: 68.45 ms in 02-t2's PauseNs, 68 ms at line 280 of the log: one.
    expect(await lint(S)).toEqual([
      // Each pause said by the latest dump whose PauseNs ring still holds it (repeated-facts.ts).
      '01-t1-steady-gc.heap.txt 150 gc-pause-long',
      '03-t3-steady-gc.heap.txt 215 gc-pause-long',
      '03-t3-steady.heap.txt 185 gc-pause-long',
      '04-t4-steady-gc.heap.txt 237 gc-pause-long',
      '05-t5-steady-gc.heap.txt 267 gc-pause-long',
      '05-t5-steady-gc.heap.txt 271 gc-cpu-high series',
    ]);
  });

  it('lint --separately keeps one per dump', async () => {
    const all = await lint('--separately', S);
    expect(all.filter((m) => m.endsWith('gc-cpu-high')).length).toBe(10);
  });

  it('analyze syncpool/: the same one finding, the log\'s folded in', async () => {
    const all = await findings(S);
    expect(all.filter((f) => f.ruleId === 'gc-cpu-high').map((f) => `${f.source.slice(f.source.lastIndexOf('/') + 1)} ${f.message}`)).toEqual([
      '05-t5-steady-gc.heap.txt The GC had used 9.0% to 10.6% of the available CPU since the process started in 10 snapshots (as of GC cycles 108 to 1,025), and 9% in its GC log (as of cycle 1,034).',
    ]);
    expect(all.filter((f) => f.ruleId === 'gc-pause-long').map((f) => f.message)).not.toContain('A GC pause took 68 ms (GC cycle 280, line 280 of the log); 36 of the log\'s 1,034 GC cycles exceeded 10 ms.');
  });

  it('lint readall/: two dumps of one moment and the log: one gc-cpu-high, one pause of cycle 4', async () => {
    expect(await lint(R)).toEqual([
      '02-t1-just-after-readall-dropped-gc.heap.txt 250 idle-heap-retained',
      '02-t1-just-after-readall-dropped-gc.heap.txt 262 gc-pause-long',
      '02-t1-just-after-readall-dropped-gc.heap.txt 266 gc-cpu-high series',
    ]);
    const r = await runCli(['lint', R, '--format', 'json']);
    const cpu = (JSON.parse(r.stdout) as LintFile[]).flatMap((f) => f.messages).find((m) => m.ruleId === 'gc-cpu-high');
    expect(cpu?.message).toBe('The GC had used 9.3% to 15.2% of the available CPU since the process started in 2 snapshots (as of GC cycles 19 to 20).');
  });

  it('the same cycle is not the same pause across runs: the corpus\'s peak runs keep their cycle-1 pauses (12.73, 13.42, 13.86 ms)', async () => {
    // Exit 2: the runs are not one process (lint says so on stderr), so each keeps its own findings.
    const r = await runCli(['lint', 'test/fixtures/corpus/go1.21/peak', '--format', 'json']);
    expect(r.code).toBe(2);
    const pauses = (JSON.parse(r.stdout) as LintFile[]).flatMap((f) => f.messages.filter((m) => m.ruleId === 'gc-pause-long').map((m) => `${f.filePath.slice(f.filePath.lastIndexOf('/') + 1)} ${m.line ?? '-'} ${m.ruleId}`));
    // Each run's own pause, said by its latest dump that holds it (after-free).
    expect(pauses).toEqual(['default.after-free.heap-debug1.txt 27 gc-pause-long', 'madvdontneed0.after-free.heap-debug1.txt 38 gc-pause-long', 'madvdontneed1.after-free.heap-debug1.txt 38 gc-pause-long']);
  });

  it('one dump and the GC log of its process: one pause finding', async () => {
    expect(await lint(`${R}/02-t1-just-after-readall-dropped.heap.txt`, `${R}/gctrace.log`)).toEqual([
      '02-t1-just-after-readall-dropped.heap.txt 262 gc-pause-long',
      '02-t1-just-after-readall-dropped.heap.txt 266 gc-cpu-high',
    ]);
  });
});
