/**
 * A series verdict beside a known GOMEMLIMIT (--gomemlimit, a scrape's go_gc_gomemlimit_bytes)
 * that is not `memory-limit` says where Go's memory stood against it (series/limit.ts), on real
 * go1.19 captures: test/fixtures/captured/go1.19-series-limit-callers/plateau-limit128 (a plateau
 * under GOMEMLIMIT=128MiB, whose /metrics report it) and the corpus's `peak` run under
 * GOMEMLIMIT=100MiB, whose live heap went to 300 MiB.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const PLATEAU = 'test/fixtures/captured/go1.19-series-limit-callers/plateau-limit128';
const MOMENTS = ['01-t2', '02-t4', '03-t7', '04-t10', '05-t13', '06-t16'];
const PEAK = 'test/fixtures/corpus/go1.19/peak';

interface Standing { gomemlimitBytes: number; origin: string; role: string; peakRetainedBytes: number; peakSource: string; retainedBytes: number; sysBytes: number; text: string }
interface Report { verdict: { leak: string; summary: string }; series: { verdict: { kind: string; summary: string; limit?: Standing } } }

async function report(args: string[]): Promise<Report> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

describe('a known GOMEMLIMIT beside a series verdict that is not memory-limit', () => {
  const PLATEAU_WORDS = 'A plateau, not a leak: the heap between collections (HeapAlloc, live plus garbage not yet collected) rose from 18.0 MiB to 46.9 MiB by snapshot 3, then stayed near 45.8 MiB through snapshot 6, with no site or goroutine group growing steadily: it grew at 2 steps, then stopped.';
  const NO_PART = 'GOMEMLIMIT 128.0 MiB (as the process reports it (go_gc_gomemlimit_bytes)): Go held at most 60.0 MiB (Sys − HeapReleased, what the limit bounds), 46.9% of it, at snapshot 3, and never mapped more than 62.6 MiB (Sys): the limit played no part.';

  it('the plateau\'s /metrics (go_gc_gomemlimit_bytes 134217728): the verdict ends with the limit playing no part (it said nothing of it)', async () => {
    const scrapes = MOMENTS.map((m) => `${PLATEAU}/${m}.metrics.txt`);
    const text = await runCli(scrapes);
    // The latest scrape's own RSS (process_resident_memory_bytes) ends the verdict, as that scrape's alone does.
    const rss = 'The OS counts 56.4 MiB of RSS, in line with what Go holds (plus the binary\'s own pages).';
    expect(text.stdout.split('\n').slice(0, 3)).toEqual([PLATEAU_WORDS, NO_PART, rss]);
    const j = await report(scrapes);
    expect(j.series.verdict.kind).toBe('stable');
    expect(j.verdict.summary).toBe(`${PLATEAU_WORDS} ${NO_PART} ${rss}`);
    expect(j.series.verdict.limit).toEqual({
      gomemlimitBytes: 134217728, origin: 'reported', role: 'none', peakRetainedBytes: 62911752, peakSource: `${PLATEAU}/03-t7.metrics.txt`,
      retainedBytes: 61027592, sysBytes: 65647880, text: NO_PART,
    });
  });

  it('its ?gc=1 dumps with --gomemlimit 128MiB: churn, and the limit given played no part; without it, nothing is said of a limit', async () => {
    const dumps = MOMENTS.map((m) => `${PLATEAU}/${m}.heap-gc1.txt`);
    const churn = 'Churn, not a leak: 311.8 MiB allocated a step on average (1.5 GiB over 5 steps between snapshots) while the live heap rose from 17.5 MiB to 24.3 MiB by snapshot 2, then stayed near 23.8 MiB through snapshot 6 (a plateau: it stopped rising); the Go heap\'s cost is GC work. Growing, but not yet evidence: main.fillCache +7.6 MiB (30 → 37 → 42 → 40 → 44 → 45 samples: within sampling error).';
    const given = await report([...dumps, '--gomemlimit', '128MiB']);
    expect([given.series.verdict.kind, given.verdict.summary]).toEqual(['churn', `${churn} GOMEMLIMIT 128.0 MiB (given): Go held at most 60.0 MiB (Sys − HeapReleased, what the limit bounds), 46.9% of it, at snapshot 2, and never mapped more than 62.6 MiB (Sys): the limit played no part.`]);
    expect(given.series.verdict.limit).toMatchObject({ gomemlimitBytes: 134217728, origin: 'flag', role: 'none', peakRetainedBytes: 62936328, retainedBytes: 61797640, sysBytes: 65647880 });
    const without = await report(dumps);
    expect([without.series.verdict.kind, without.verdict.summary, without.series.verdict.limit]).toEqual(['churn', churn, undefined]);
  });

  it('the corpus peak under GOMEMLIMIT=100MiB: a one-off peak, returned to the OS by the next dump, whose live heap went above the limit', async () => {
    const dumps = ['baseline', 'peak', 'after-release', 'after-gc', 'idle', 'after-free'].map((p) => `${PEAK}/gomemlimit100MiB.${p}.heap-debug1.txt`);
    const j = await report([...dumps, '--gomemlimit', '100MiB']);
    expect(j.series.verdict.kind).toBe('peak-retention');
    expect(j.verdict.summary).toBe('A one-off peak, not a leak: one step, snapshots 1→2, allocated 299.2 MiB (99.8% of what the series\' 5 steps allocated, the profiler\'s own left out; no other step more than 279.8 KiB) and raised the heap\'s high-water mark (HeapSys) from 3.7 MiB to 303.0 MiB, while the live heap stays near 334.8 KiB across the 2 GC-separated snapshots read right after a forced GC (snapshots 4→6, ?gc=1 or the program\'s runtime.GC()), and 316.0 KiB to 300.3 MiB at snapshots 1, 2, 3 and 5, read between GCs (their HeapAlloc counts the garbage made since the last GC). By snapshot 3, 300.1 MiB of it had gone back to the OS (HeapReleased 2.1 MiB at snapshot 2 → 302.1 MiB; 40.0 KiB idle, 302.1 MiB released at snapshot 6): HeapSys stays 303.3 MiB, address space the heap keeps, not memory it holds. To lower the peak: main.handleRequest (main.go:30) allocated 296.1 MiB, 99.3% of what the latest dump counts allocated since the process started (the profiler\'s own left out): bound that allocation (its size, or how many are made at once). GOMEMLIMIT 100.0 MiB (given): Go held 320.6 MiB (Sys − HeapReleased, what the limit bounds), 320.6% of it, at snapshot 2: HeapAlloc alone (300.3 MiB) was above the limit, which no collection meets while that much is live (memory-limit-pressure); it holds 20.5 MiB now, 20.5% of it.');
    expect(j.series.verdict.limit).toMatchObject({ role: 'exceeded', peakRetainedBytes: 336135496, peakSource: `${PEAK}/gomemlimit100MiB.peak.heap-debug1.txt`, retainedBytes: 21488968, sysBytes: 338289992 });
  });

  it('the same run\'s dumps after its peak only: a stable live heap after a past peak, and Sys says it may have held more than the limit before them', async () => {
    const dumps = ['after-release', 'after-gc', 'idle', 'after-free'].map((p) => `${PEAK}/gomemlimit100MiB.${p}.heap-debug1.txt`);
    const j = await report([...dumps, '--gomemlimit', '100MiB']);
    // HeapSys 303.3 MiB beside 334.8 KiB live: the peak before these dumps is said (audit 43 F6), no plain "Stable".
    expect(j.series.verdict.kind).toBe('peak-retention');
    expect(j.series.verdict.summary).toMatch(/^Stable live heap \(334\.8 KiB\) after a past peak: HeapSys 303\.3 MiB is its high-water mark, most of it address space only: 302\.1 MiB released to the OS \(on Linux, out of RSS unless GODEBUG=madvdontneed=0\), 40\.0 KiB idle \(held for reuse\)\./);
    expect(j.series.verdict.limit?.text).toBe('GOMEMLIMIT 100.0 MiB (given): Go held at most 20.8 MiB (Sys − HeapReleased, what the limit bounds), 20.8% of it, at snapshot 3, but it had mapped up to 322.6 MiB (Sys, 322.6% of the limit): before or between these snapshots it may have held that much, near the limit or above it, where the GC collects more often to stay under it.');
    expect(j.series.verdict.limit?.role).toBe('possible');
  });

  it('a memory-limit verdict says the limit itself: no standing added (05-memlimit with --gomemlimit 64MiB)', async () => {
    const j = await report(['test/fixtures/captured/go1.19-audit-work/05-memlimit', '--gomemlimit', '64MiB']);
    expect([j.series.verdict.kind, j.series.verdict.limit, j.verdict.summary.includes('played no part')]).toEqual(['memory-limit', undefined, false]);
  });
});

describe('analyze says memory-limit-pressure once for a series held up to the limit, as lint does', () => {
  const D = 'test/fixtures/captured/go1.19-audit-work/05-memlimit';
  const DUMPS = ['01-t3', '02-t6', '03-t9', '04-t12', '05-t15', '06-t18'].map((m) => `${D}/${m}.heap-debug1.txt`);
  interface Found { ruleId: string; severity: string; message: string; why: string; fix: string; source: string; line?: number; scope?: string; evidence?: Record<string, number> }
  const ONCE = 'Go holds 61.1 MiB to 63.6 MiB in 6 snapshots, 95.5% to 99.4% of GOMEMLIMIT (64.0 MiB): the heap is held up to the memory limit by design, not a leak.';

  it('05-memlimit\'s six heap?debug=1 dumps with --gomemlimit 64MiB: one series finding at the last dump (it was one per dump), the same lint reports', async () => {
    const j = JSON.parse((await runCli([...DUMPS, '--gomemlimit', '64MiB', '--format', 'json'])).stdout) as { findings: Found[]; series: { verdict: { kind: string; summary: string } } };
    expect(j.series.verdict.kind).toBe('memory-limit');
    const limit = j.findings.filter((f) => f.ruleId === 'memory-limit-pressure');
    expect(limit.map((f) => [f.source.slice(D.length + 1), f.severity, f.scope, f.line, f.message])).toEqual([['06-t18.heap-debug1.txt', 'warning', 'series', 213, ONCE]]);
    expect(limit[0]?.evidence).toEqual({ liveBytes: 21190067, heapAllocBytes: 31606776, retainedBytes: 66688264, gomemlimitBytes: 67108864, besideHeapBytes: 12176656, heapRoomBytes: 54932208, limitState: 'at-limit', snapshots: 6, lowestRetainedBytes: 64091400, highestRetainedBytes: 66688264 });
    expect(limit[0]?.why.endsWith(` The series: ${j.series.verdict.summary}`)).toBe(true);
    // The series' findings first, then the snapshots' own: idle-heap-retained, judged at the latest dump as lint judges it (05-t15's too before audit 34).
    expect(j.findings.map((f) => [f.ruleId, f.source.slice(D.length + 1)])).toEqual([
      ['memory-limit-pressure', '06-t18.heap-debug1.txt'], ['idle-heap-retained', '06-t18.heap-debug1.txt'],
    ]);
    const text = (await runCli([...DUMPS, '--gomemlimit', '64MiB'])).stdout.split('\n');
    expect(text).toContain(`  warning memory-limit-pressure: ${ONCE}`);
    expect(text).toContain('Findings (the series and its latest snapshot)');
    const lint = JSON.parse((await runCli(['lint', '--no-config', '--format', 'json', ...DUMPS, '--gomemlimit', '64MiB'])).stdout) as { messages: Omit<Found, 'source' | 'severity'>[] }[];
    const linted = lint.flatMap((f) => f.messages).filter((m) => m.ruleId === 'memory-limit-pressure');
    expect(linted.map((m) => [m.message, m.why, m.fix, m.evidence, m.scope])).toEqual(limit.map((f) => [f.message, f.why, f.fix, f.evidence, f.scope]));
  });

  it('one dump keeps its own finding; so does a series that is not memory-limit (the corpus peak: the one dump above the limit)', async () => {
    const one = JSON.parse((await runCli([`${D}/06-t18.heap-debug1.txt`, '--gomemlimit', '64MiB', '--format', 'json'])).stdout) as { findings: Found[] };
    expect(one.findings.filter((f) => f.ruleId === 'memory-limit-pressure').map((f) => [f.scope, f.line, f.message])).toEqual([[undefined, 213, 'Go holds 63.6 MiB, 99.4% of GOMEMLIMIT (64.0 MiB): the limit binds — the heap goal is the limit\'s, and the GC runs when the heap reaches it, the limit alone says when.']]);
    const dumps = ['baseline', 'peak', 'after-release', 'after-gc', 'idle', 'after-free'].map((p) => `${PEAK}/gomemlimit100MiB.${p}.heap-debug1.txt`);
    const peak = JSON.parse((await runCli([...dumps, '--gomemlimit', '100MiB', '--format', 'json'])).stdout) as { findings: Found[] };
    expect(peak.findings.filter((f) => f.ruleId === 'memory-limit-pressure').map((f) => [f.source.slice(PEAK.length + 1), f.severity, f.scope, f.message]))
      .toEqual([['gomemlimit100MiB.peak.heap-debug1.txt', 'error', undefined, 'The live heap (300.3 MiB) is above GOMEMLIMIT (100.0 MiB): the limit cannot be met.']]);
  });
});
