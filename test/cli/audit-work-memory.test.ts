/**
 * What heapdoc says of RSS, idle spans and a memory limit on real go1.19.8 programs
 * (test/fixtures/captured/go1.19-audit-work: CAPTURE.md and RUN.txt, with the real VmRSS, in each
 * folder). Each case was wrong: the idle heap under the heap goal called a spike to undo with
 * FreeOSMemory; a ballast's real VmRSS in bytes taken for kB (66 GiB); the RSS below Go's estimate
 * put on the idle heap while a never-written 200 MiB live object explains it; and HeapAlloc read
 * between GCs stated as the live heap under GOMEMLIMIT.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const W = 'test/fixtures/captured/go1.19-audit-work';

interface Finding { ruleId: string; severity: string; message: string; why: string; fix: string; evidence?: Record<string, number> }
async function report(args: string[]): Promise<{ verdict: { summary: string }; findings: Finding[] }> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Awaited<ReturnType<typeof report>>;
}

describe('a 200 MiB ballast never written (04-ballast)', () => {
  it('VmRSS 67,560 kB given in bytes (69181440) is taken as bytes: the never-written ballast explains it, no kB guess', async () => {
    const r = await report([`${W}/04-ballast/01-t3.heap-debug1.txt`, '--rss', '69181440']);
    expect(r.verdict.summary).not.toContain('looks like kB');
    expect(r.verdict.summary).toMatch(/ The OS counts 66\.0 MiB of RSS, 299\.5 MiB less than Go holds: pages Go counts but the OS does not hold \(mapped and never written, or swapped out\)\. Large live objects are not in RAM until written: main\.runBallast holds 200\.0 MiB of them \(as of the last GC\), which account for 200\.0 MiB of it if never written; the other 99\.5 MiB can be pages of in-use spans never written \(58\.8 MiB of in-use heap besides, 666\.6 KiB of it the free slots of partly empty spans, HeapInuse − HeapAlloc: small objects allocated and never written, such as a make\(\[\]byte, n\) left zero, are not in RAM, since memory fresh from the OS is zero already and the runtime writes nothing there\), idle spans never touched \(up to all 84\.4 MiB of the idle heap\) or reserved metadata\. A dump cannot tell which of these it is: it counts spans and objects, the OS counts the pages written\.$/);
  });

  it('without a profile (/debug/vars), the bytes reading is still preferred to 66 GiB, and the kB reading said to be less likely', async () => {
    const r = await report([`${W}/04-ballast/01-t3.vars.json`, '--rss', '69181440']);
    expect(r.verdict.summary).toMatch(/ The OS counts 66\.0 MiB of RSS, below a quarter of the 365\.4 MiB Go holds: only pages the program never touched \(large fresh allocations, reserved metadata\) can be missing from RSS — check the number\. \(Read as the kB \/proc\/PID\/status prints, it would be 66\.0 GiB, 185 times what Go holds: less likely still\.\)$/);
  });

  it('at t=15 s (VmRSS 163,932 kB) the shortfall is put on the ballast first, and the idle spans mostly in RAM', async () => {
    const r = await report([`${W}/04-ballast/05-t15.heap-gc1.txt`, '--rss', '163932kB']);
    expect(r.verdict.summary).toMatch(/ The OS counts 160\.1 MiB of RSS, 205\.0 MiB less than Go holds: pages Go counts but the OS does not hold \(mapped and never written, or swapped out\)\. Large live objects are not in RAM until written: main\.runBallast holds 200\.0 MiB of them \(as of the last GC\), which account for 200\.0 MiB of it if never written; the other 5\.0 MiB can be idle spans never touched \(the idle heap is 141\.3 MiB\) or reserved metadata\.$/);
    const idle = r.findings.find((f) => f.ruleId === 'idle-heap-retained');
    expect(idle?.severity).toBe('info');
    expect(idle?.message).toBe('141.3 MiB of idle heap is room the heap grows back into before the next GC (heap goal 400.7 MiB).');
    expect(idle?.why).toContain(' The RSS given is 205.0 MiB below what Go holds: pages not in RAM, never written or swapped out. Large live objects are not in RAM until written: main.runBallast holds 200.0 MiB of them (as of the last GC), which account for 200.0 MiB of it if never written; then at least 136.2 MiB of these idle spans is in RAM. ');
    expect(idle?.fix).toBe('Nothing to undo: debug.FreeOSMemory() would release pages the next cycle takes back. To hold less, lower the heap goal (a lower GOGC, or GOMEMLIMIT), which costs GC CPU.');
    expect(idle?.evidence).toEqual({ idleBytes: 148111360, retainedBytes: 382857560, heapBytes: 358809600, nextGCBytes: 420177808 });
  });
});

describe('lint: idle spans within the heap goal are no warning (01-lru, 04-ballast, 05-memlimit)', () => {
  it('each folder\'s idle-heap-retained, at its latest snapshot, is an info, shown only with --info', async () => {
    const r = await runCli(['lint', `${W}/01-lru`, `${W}/04-ballast`, `${W}/05-memlimit`, '--info', '--format', 'json']);
    const files = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; severity: number }[] }[];
    const idle = files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'idle-heap-retained'));
    // 3 + 8 + 8 snapshots had idle heap worth a finding, all within the goal (0: info in the json format); a series is judged at its latest.
    expect(files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'idle-heap-retained').map(() => f.filePath.split('/').slice(-2).join('/')))).toEqual([
      '01-lru/07-t32.heap-gc1.txt', '04-ballast/05-t15.heap-gc1.txt', '05-memlimit/06-t18.heap-gc1.txt',
    ]);
    expect(idle.map((m) => m.severity)).toEqual([0, 0, 0]);
  });
});

describe('idle-heap-retained judged at the latest moment kept, in lint as in analyze (the heap-leak scenario\'s folder)', () => {
  it('06-t6.heap-debug1.txt keeps its finding though its vars and scrapes, folded into its moment, read a larger TotalAlloc', async () => {
    const D = 'test/fixtures/scenarios/heap-leak';
    const ROOM = '22.4 MiB of idle heap is room the heap grows back into before the next GC (heap goal 49.1 MiB).';
    const analyzed = JSON.parse((await runCli([D, '--format', 'json'])).stdout) as { findings: Finding[] };
    expect(analyzed.findings.filter((f) => f.ruleId === 'idle-heap-retained').map((f) => [f.severity, f.message])).toEqual([['info', ROOM]]);
    const r = await runCli(['lint', '--no-config', D, '--info', '--format', 'json']);
    const files = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; severity: number; message: string; line?: number }[] }[];
    // It was dropped: the latest TotalAlloc was 06-t6.vars.json's 846,880,024, not the dump's 845,744,496.
    expect(files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'idle-heap-retained').map((m) => [f.filePath.slice(f.filePath.lastIndexOf('/') + 1), m.line, m.severity, m.message]))).toEqual([
      ['06-t6.heap-debug1.txt', 154, 0, ROOM],
    ]);
  });
});

describe('GOMEMLIMIT=64MiB, GOGC=off: one moment (t=18 s) read three ways (05-memlimit)', () => {
  it('/debug/vars: HeapAlloc between GCs is said to be an upper bound, the room a lower one', async () => {
    const r = await report([`${W}/05-memlimit/06-t18.vars.json`, '--gomemlimit', '64MiB']);
    const f = r.findings.find((x) => x.ruleId === 'memory-limit-pressure');
    // The room is what the limit leaves the heap (less the 11.6 MiB beside it) above HeapAlloc: at least 7.4 MiB (it was 64 − 45 = 19.0 MiB).
    expect(f?.why).toBe('The runtime keeps Sys − HeapReleased under GOMEMLIMIT by collecting more often and returning free memory at once; HeapAlloc is 45.0 MiB, which counts the garbage allocated since the last GC too: the live heap is at most that (heap?debug=1&gc=1 reads it right after a GC); Go holds 11.6 MiB beside the heap (fragmentation, goroutine stacks, runtime metadata), which no GC frees, so the limit leaves the heap 52.4 MiB, and the heap goal is there (NextGC 51.4 MiB): each GC has at least 7.4 MiB of room above the live heap; 104 GC cycles have run (GCCPUFraction 0.2%).');
    expect(f?.evidence).toEqual({ liveBytes: 47182408, heapAllocBytes: 47182408, retainedBytes: 66688264, gomemlimitBytes: 67108864, besideHeapBytes: 12149440, heapRoomBytes: 54959424, limitState: 'at-limit' });
  });

  it('heap?debug=1: the profile\'s in-use estimate as of the last GC (20.2 MiB), near ?gc=1\'s 17.9 MiB, not HeapAlloc\'s 30.1 MiB', async () => {
    const r = await report([`${W}/05-memlimit/06-t18.heap-debug1.txt`, '--gomemlimit', '64MiB']);
    const f = r.findings.find((x) => x.ruleId === 'memory-limit-pressure');
    expect(f?.why).toContain('; the live heap was about 20.2 MiB at the last GC (the heap profile\'s in-use estimate; HeapAlloc, 30.1 MiB, also counts what was allocated since, garbage included); Go holds 11.6 MiB beside the heap (fragmentation, goroutine stacks, runtime metadata), which no GC frees, so the limit leaves the heap 52.4 MiB, and the heap goal is there (NextGC 51.4 MiB), above twice the live heap (40.4 MiB) where GOGC=100 would set it: GOGC is off or high, and the limit alone says when the GC runs: each GC has about 32.2 MiB of room above the live heap; ');
    expect(f?.evidence?.heapAllocBytes).toBe(31606776);
  });
});
