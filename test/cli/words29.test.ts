/**
 * Four words of single dumps and small series that were wrong (fix29words; the captures and the
 * program in test/fixtures/captured/go1.19-words29, README there):
 *  - a GC-off dump's "allocated per GC" counted the profiler's own allocations, which a series'
 *    rate already left out (gcoffburst: 11.2 MiB per GC, 4.4 MiB of it the program's);
 *  - the ?gc=1 info finding said the heap goal is "twice the live heap", which a 105.9 MiB goal
 *    beside 168.5 KiB live belies: since Go 1.18 the goal counts the goroutine stacks and globals;
 *  - a stack peak's series said "it grew once, then stopped" of a live heap that grew at two steps
 *    (stairstack);
 *  - an exact large object's fall, 64 → 32 MiB on 2 samples, read as no fall, so a bounded cache's
 *    site was "rose, held and rose again, never falling: a staircase" (blobcache).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const W = 'test/fixtures/captured/go1.19-words29';
const DEEP = 'test/fixtures/captured/go1.19-audit28-deepstack/run';

interface Finding { ruleId: string; subject?: string; severity: string; message: string; why: string; evidence?: Record<string, number> }
interface Verdict { kind?: string; leak: string; confidence?: string; summary: string }
interface Site { function: string; inuseBytes: number }
interface Trend { function: string; inuseBytes: number[]; monotonic: boolean }
interface Report {
  verdict: Verdict;
  findings: Finding[];
  snapshots: { profile: { sites: Site[] } }[];
  series?: { verdict: Verdict; growingSites: Trend[]; allocation: { bytesPerGC?: number; bytesPerSecond?: number; profilerBytes: number } };
}

async function report(args: string[]): Promise<Report> {
  const r = await runCli([...args, '--format', 'json']);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(r.stdout) as Report;
}

describe('GOGC=off: one dump\'s allocation per GC leaves the profiler\'s own out, as a series\' does', () => {
  const DUMP5 = `${W}/gcoffburst/gc1/05.heap-gc1.txt`;
  // TotalAlloc 58,719,064 over NumGC 5; the profiler's sites allocated 35,587,157 of it (goroutine?debug=2 buffers).
  const PER_GC = '4.4 MiB per GC on average: TotalAlloc / NumGC, the profiler\'s own 33.9 MiB left out';

  it('the verdict and gc-off say 4.4 MiB per GC, naming what is left out (was 11.2 MiB: TotalAlloc / NumGC)', async () => {
    const r = await report([DUMP5]);
    expect(r.verdict.summary).toContain(`only forced GCs run, so between them the heap keeps everything the program allocates (${PER_GC}); set GOGC`);
    const off = r.findings.find((f) => f.ruleId === 'gc-off');
    expect(off?.why).toContain('All 5 GCs were forced, NumForcedGC 5, and the program allocated 4.4 MiB per GC on average (TotalAlloc / NumGC, the profiler\'s own 33.9 MiB left out): between forced GCs');
    // NextGC 9223372036829462271 (about 2^63) is past a double's precision: its key only.
    expect(Object.keys(off?.evidence ?? {})).toEqual(['nextGCBytes', 'numGC', 'numForcedGC', 'heapAllocBytes', 'totalAllocBytes', 'profilerAllocBytes']);
    expect(off?.evidence).toMatchObject({ numGC: 5, numForcedGC: 5, heapAllocBytes: 10_187_784, totalAllocBytes: 58_719_064, profilerAllocBytes: 35_587_157 });
    expect((58_719_064 - 35_587_157) / 5 / 1024 / 1024).toBeCloseTo(4.41, 2);
  });

  it('the text report prints the same figure', async () => {
    const r = await runCli([DUMP5]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[3]).toBe(`The GC is off (GOGC=off, no GOMEMLIMIT: NextGC 8.0 EiB, about 2^63; all 5 GCs were forced, NumForcedGC 5): only forced GCs run, so between them the heap keeps everything the program allocates (${PER_GC}); set GOGC (unset, it is 100) or a GOMEMLIMIT, so that the GC runs as the heap grows.`);
  });

  it('the first dump: 11.2 MiB per GC of its one GC, 7.2 MiB of the profiler\'s left out', async () => {
    const r = await report([`${W}/gcoffburst/gc1/01.heap-gc1.txt`]);
    expect(r.verdict.summary).toContain('(11.2 MiB per GC on average: TotalAlloc / NumGC, the profiler\'s own 7.2 MiB left out)');
  });

  it('the series: its rate per second from LastGC leaves them out too (2.7 MiB per GC cycle, 892.0 KiB/s; was 3.0 MiB/s)', async () => {
    const r = await report([`${W}/gcoffburst/gc1`]);
    expect(r.series?.verdict.summary).toContain('between them the heap kept everything allocated, 2.7 MiB per GC cycle (892.0 KiB/s); without them none would run');
    // TotalAlloc 19,314,952 → 58,719,064 over 4 GCs, 28,042,471 of it the profiler's.
    expect(r.series?.allocation).toEqual({ bytesPerGC: (58_719_064 - 19_314_952 - 28_042_471) / 4, profilerBytes: 28_042_471 });
  });

  it('a dump whose profiler allocated little still says it, the formula being printed (go1.19-audit28-gogcoff: 261,513 of 216,712,992 bytes)', async () => {
    const r = await report(['test/fixtures/captured/go1.19-audit28-gogcoff/gc1/gc1/05.heap-gc1.txt']);
    expect(r.verdict.summary).toContain('(41.3 MiB per GC on average: TotalAlloc / NumGC, the profiler\'s own 255.4 KiB left out);');
    expect(r.findings.find((f) => f.ruleId === 'gc-off')?.evidence?.['profilerAllocBytes']).toBe(261_513);
  });
});

describe('the ?gc=1 info finding: the heap goal counts the stacks since Go 1.18', () => {
  const room = (r: Report): Finding | undefined => r.findings.find((f) => f.ruleId === 'idle-heap-retained' && f.subject === 'room before the next GC');
  const WITHIN = 'HeapIdle − HeapReleased = 63.5 MiB: free spans kept for reuse. The heap (HeapSys − HeapReleased = 64.4 MiB) is within its goal (NextGC = 105.9 MiB): the GC lets the heap grow to the goal before it collects, and the background scavenger keeps ~10% over it, so it will not return these spans.';
  const END = 'No spike beyond the goal is needed to explain them; they are not live data and not a leak.';

  it('go1.19 (inferred): the live heap plus GOGC% of it, of the stacks (at most StackInuse, 128.3 MiB) and of the globals — 105.9 MiB beside 168.5 KiB live', async () => {
    const r = await report([`${DEEP}/gc1/01.heap-gc1.txt`]);
    expect(room(r)?.why).toBe(`${WITHIN} Since Go 1.18 the goal is the live heap after the last GC plus GOGC% of it, of the goroutine stacks — at most StackInuse, 128.3 MiB — and of the globals: with GOGC=100, twice the live heap plus the stacks and globals. ${END}`);
  });

  it('--go-version 1.17: the old rule, twice the live heap', async () => {
    const r = await report([`${DEEP}/gc1/01.heap-gc1.txt`, '--go-version', '1.17']);
    expect(room(r)?.why).toBe(`${WITHIN} Before Go 1.18 the goal is the live heap after the last GC plus GOGC% of it: with GOGC=100, twice the live heap. ${END}`);
  });

  it('no version known (/debug/vars): both rules, and how to tell', async () => {
    const r = await report(['test/fixtures/captured/go1.19-audit-verdicts/h-watch-vars/2026-12-05T03-33-27.817Z.vars.json']);
    expect(room(r)?.why).toContain('With GOGC=100 the goal is twice the live heap after the last GC, plus, since Go 1.18, the goroutine stacks — at most StackInuse, 384.0 KiB — and the globals (the dump does not say which Go wrote it: --go-version does).');
  });
});

describe('a deep stack that ended beside a live heap that grew at two steps (stairstack)', () => {
  const GREW = 'The live heap rose from 170.0 KiB to 8.2 MiB by snapshot 4, then stayed near 8.2 MiB through snapshot 7: it grew at 2 steps, then stopped.';

  it('?gc=1 dumps: peak retention, and "it grew at 2 steps" (was "it grew once")', async () => {
    const r = await report([`${W}/stairstack/gc1`]);
    expect(r.series?.verdict).toMatchObject({ kind: 'peak-retention', leak: 'not-suspected', confidence: 'high' });
    expect(r.series?.verdict.summary).toContain(`(HeapSys 115.6 MiB: 1.4 MiB idle, 105.3 MiB released). ${GREW}`);
  });

  it('with the goroutine dumps: the same words beside the recursion', async () => {
    const r = await report([`${W}/stairstack/gc1`, `${W}/stairstack/goroutine`]);
    expect(r.series?.verdict.summary).toContain('and main.deep calls itself (97 of the frames printed, main.go:35).');
    expect(r.series?.verdict.summary).toContain(GREW);
  });
});

describe('an exact large object that fell is no staircase (blobcache)', () => {
  it('?gc=1 dumps: main.loadBlob 32 → 64 → 32 → 64 MiB fell, so it is not growing; a plateau, not "never falling: a staircase"', async () => {
    const r = await report([`${W}/blobcache/gc1`]);
    const site = r.snapshots.map((s) => s.profile.sites.find((x) => x.function === 'main.loadBlob')?.inuseBytes);
    expect(site).toEqual([33_554_432, 67_108_864, 33_554_432, 67_108_864, 67_108_864, 67_108_864]);
    expect(r.series?.growingSites.map((s) => s.function)).toEqual([]);
    expect(r.series?.verdict).toMatchObject({ kind: 'stable', leak: 'not-suspected', confidence: 'high' });
    expect(r.series?.verdict.summary).toBe('A plateau, not a leak: the live heap rose from 32.2 MiB to 64.2 MiB by snapshot 4, then stayed near 64.2 MiB through snapshot 6, with no site or goroutine group growing steadily: it grew at 2 steps, then stopped.');
  });
});
