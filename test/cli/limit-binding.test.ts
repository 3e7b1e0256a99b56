/**
 * A GOMEMLIMIT above the live heap that binds (memlimit.ts limitFit; docs/reasoning.md §2.8):
 * what Go holds beside the heap takes its share of the limit, so the heap goal is the limit's, not
 * GOGC's — said as binding, with the numbers, not "holds the heap down" as if met with room. A GC
 * log whose goal holds below GOGC's 2 × C is at a memory limit, plateau or not; a moment's
 * /metrics scrape gives the dump kept for it the limit it reports. Real go1.19 captures:
 * test/fixtures/captured/go1.19-limit-binding (README.md there), the memlimit scenario,
 * go1.19-series-limit-callers/plateau-limit128 (a limit met with room).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const F = 'test/fixtures/captured/go1.19-limit-binding';
const P40 = `${F}/plateau-limit40`;
const P34 = `${F}/plateau-limit34`;
const MOMENTS = ['01-t2', '02-t4', '03-t7', '04-t10', '05-t13', '06-t16'];
const MEMLIMIT = 'test/fixtures/scenarios/memlimit';

interface Finding { ruleId: string; message: string; scope?: string; evidence?: Record<string, unknown> }
interface Report {
  verdict: { leak: string; summary: string };
  series?: { verdict: { kind: string; limit?: { role: string; origin: string } } };
  snapshots: { source: string; process?: { gomemlimit?: number } | null }[];
  findings: Finding[];
  gcTraces: { verdict: { kind: string; leak: string; summary: string } }[];
}

async function json(args: string[]): Promise<Report> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

describe('a limit just above the live heap binds (plateau-limit40: ~24 MiB live under GOMEMLIMIT=40MiB)', () => {
  it('the ?gc=1 dumps with --gomemlimit 40MiB: binding, with what Go holds beside the heap, the goal, the pace and what limit would stop it', async () => {
    const j = await json([...MOMENTS.map((m) => `${P40}/${m}.heap-gc1.txt`), '--gomemlimit', '40MiB']);
    expect(j.series?.verdict.kind).toBe('memory-limit');
    expect(j.verdict.summary).toBe('Not a leak, but the memory limit binds (GOMEMLIMIT 40.0 MiB, given): Go holds 39.3 MiB (Sys − HeapReleased, what the limit bounds), 98.3% of it, in the latest snapshot; HeapAlloc moves between 18.0 MiB and 24.4 MiB across 6 GC-separated snapshots (snapshots 1→6) while 302.6 MiB is allocated a step on average (1.5 GiB over 5 steps between snapshots). Go holds 11.6 MiB beside the heap (fragmentation, goroutine stacks, runtime metadata), which no GC frees, so the limit leaves the heap 28.4 MiB, and the heap goal is there (NextGC 27.4 MiB), where GOGC=100 would set about twice the live heap (48.7 MiB): the GC runs more often than GOGC alone would make it (474 GC cycles in 13.9 s between the first snapshot\'s last GC and the latest\'s: one every 29 ms), and the scavenger returned free memory to stay under it (HeapReleased 3.2 MiB → 3.3 MiB). The cost is GC work, not memory: raise GOMEMLIMIT to at least 60.3 MiB (what Go holds beside the heap and twice the live heap, GOGC=100\'s goal), or reduce the live heap or what Go holds beside it; a lower limit binds harder.');
    const f = j.findings.filter((x) => x.ruleId === 'memory-limit-pressure');
    expect(f.map((x) => [x.scope, x.evidence?.['limitState']])).toEqual([['series', 'binding']]);
    expect(f[0]?.message).toBe('Go holds 39.1 MiB to 39.8 MiB in 6 snapshots, 97.8% to 99.4% of GOMEMLIMIT (40.0 MiB): the limit binds, not a leak — the heap goal is the limit\'s, and the GC runs more often than GOGC alone would make it.');
  });

  it('the memlimit scenario (8.3 MiB live, GOMEMLIMIT=20MiB): 11.8 MiB beside the heap leaves it 8.2 MiB, less than the live heap — binding, no longer "holds the heap down … raise GOMEMLIMIT above 20.0 MiB"', async () => {
    const dumps = ['01-t1', '02-t2', '03-t3', '04-t4', '05-t5', '06-t6'].map((m) => `${MEMLIMIT}/${m}.heap-debug1.txt`);
    const j = await json([...dumps, '--gomemlimit', '20MiB']);
    expect(j.verdict.summary.startsWith('Not a leak, but the memory limit binds (GOMEMLIMIT 20.0 MiB, given): the live heap (8.3 MiB) is below it, but Go holds 11.8 MiB beside the heap (fragmentation, goroutine stacks, runtime metadata), which no GC frees, so the limit leaves the heap 8.2 MiB, less than the live heap: the heap goal is held at the live heap (NextGC 8.3 MiB), the lowest the runtime sets it, where GOGC=100 would set about twice it (16.6 MiB), and the limit is not quite met; so the GC runs far more often than GOGC alone would make it (2,124 GC cycles in 22.3 s between the first snapshot\'s last GC and the latest\'s: one every 11 ms), and the scavenger returned free memory to stay under it (HeapReleased 6.5 MiB → 10.5 MiB): ')).toBe(true);
    expect(j.verdict.summary.endsWith('The cost is GC work, not memory: raise GOMEMLIMIT to at least 28.4 MiB (what Go holds beside the heap and twice the live heap, GOGC=100\'s goal), or reduce the live heap or what Go holds beside it; a lower limit binds harder.')).toBe(true);
    expect(j.verdict.summary).not.toContain('holds the heap down');
  });
});

describe("a moment's scrape gives its dump the limit it reports (go_gc_gomemlimit_bytes)", () => {
  it('plateau-limit40 heap?debug=1 dumps with their /metrics: the series knows GOMEMLIMIT 40 MiB as the process reports it; the dumps alone do not', async () => {
    const dumps = MOMENTS.map((m) => `${P40}/${m}.heap-debug1.txt`);
    const both = await json([...dumps, ...MOMENTS.map((m) => `${P40}/${m}.metrics.txt`)]);
    expect(both.snapshots.map((s) => s.source)).toEqual(dumps);
    expect(both.series?.verdict.kind).toBe('memory-limit');
    expect(both.verdict.summary.startsWith('Not a leak, but the memory limit binds (GOMEMLIMIT 40.0 MiB, as the process reports it (go_gc_gomemlimit_bytes)): Go holds 39.3 MiB')).toBe(true);
    const f = both.findings.filter((x) => x.ruleId === 'memory-limit-pressure');
    expect(f.map((x) => [x.scope, x.evidence?.['gomemlimitBytes'], x.evidence?.['limitState']])).toEqual([['series', 41943040, 'binding']]);
    const alone = await json(dumps);
    expect([alone.series?.verdict.kind, alone.findings.some((x) => x.ruleId === 'memory-limit-pressure')]).toEqual(['churn', false]);
  });

  it('plateau-limit40 dumps with one scrape, of their first moment: every dump ran under the limit it reports, so the series and memory-limit-pressure know it (without it: churn, and the scrape\'s dump alone warned)', async () => {
    const dumps = MOMENTS.map((m) => `${P40}/${m}.heap-debug1.txt`);
    const j = await json([...dumps, `${P40}/01-t2.metrics.txt`]);
    expect(j.snapshots.map((s) => s.source)).toEqual(dumps);
    expect(j.series?.verdict.kind).toBe('memory-limit');
    const f = j.findings.filter((x) => x.ruleId === 'memory-limit-pressure');
    expect(f.map((x) => [x.scope, x.evidence?.['gomemlimitBytes'], x.evidence?.['limitState']])).toEqual([['series', 41943040, 'binding']]);
    expect(f[0]?.message).toBe('Go holds 39.1 MiB to 39.8 MiB in 6 snapshots, 97.8% to 99.4% of GOMEMLIMIT (40.0 MiB): the limit binds, not a leak — the heap goal is the limit\'s, and the GC runs more often than GOGC alone would make it.');
  });

  it('lint: plateau-limit34 dumps with the scrape of 02-t4 only: each dump\'s memory-limit-pressure, the latest\'s too, its why naming the scrape', async () => {
    const r = await runCli(['lint', '--no-config', ...['01-t2', '02-t4', '03-t7', '04-t10'].map((m) => `${P34}/${m}.heap-debug1.txt`), `${P34}/02-t4.metrics.txt`, '--format', 'json']);
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[];
    const said = results.flatMap((x) => x.messages.filter((m) => m.ruleId === 'memory-limit-pressure').map((m) => [x.filePath.slice(x.filePath.lastIndexOf('/') + 1), m.message]));
    const binds = (held: string, share: string): string => `Go holds ${held}, ${share} of GOMEMLIMIT (34.0 MiB): the limit binds — the heap goal is the limit's, and the GC runs more often than GOGC alone would make it.`;
    expect(said).toEqual([
      ['01-t2.heap-debug1.txt', binds('32.9 MiB', '96.8%')],
      ['02-t4.heap-debug1.txt', binds('36.3 MiB', '106.7%')],
      ['03-t7.heap-debug1.txt', binds('38.2 MiB', '112.2%')],
      ['04-t10.heap-debug1.txt', binds('36.1 MiB', '106.3%')],
    ]);
  });

  it('plateau-limit128 (a limit met with room): its dumps with their scrapes end with where Go stood, as the scrapes alone do', async () => {
    const D = 'test/fixtures/captured/go1.19-series-limit-callers/plateau-limit128';
    const moments = ['01-t2', '02-t4', '03-t7', '04-t10', '05-t13', '06-t16'];
    const j = await json([...moments.map((m) => `${D}/${m}.heap-debug1.txt`), ...moments.map((m) => `${D}/${m}.metrics.txt`)]);
    expect(j.series?.verdict.limit).toMatchObject({ role: 'none', origin: 'reported' });
    expect(j.verdict.summary.endsWith('GOMEMLIMIT 128.0 MiB (as the process reports it (go_gc_gomemlimit_bytes)): Go held at most 60.0 MiB (Sys − HeapReleased, what the limit bounds), 46.9% of it, at snapshot 2, and never mapped more than 62.6 MiB (Sys): the limit played no part. The OS counts 56.4 MiB of RSS (as 06-t16.metrics.txt reports it: process_resident_memory_bytes), in line with what Go holds (plus the binary\'s own pages).')).toBe(true);
  });
});

describe('one dump whose heap goal is far below GOGC=100\'s for its live heap (memlimit.ts cappedGoal)', () => {
  it('plateau-limit40 02-t4 ?gc=1 (NextGC 27.4 MiB over 24.4 MiB live) says a limit or a very low GOGC holds it, with care; with its moment\'s scrape (the limit known) it does not; a GOGC=100 dump at 1.39 times does not', async () => {
    const alone = await json([`${P40}/02-t4.heap-gc1.txt`]);
    expect(alone.verdict.summary).toContain(' The heap goal (NextGC 27.4 MiB) is far below what GOGC=100 would set for this live heap, about twice the 24.4 MiB live (HeapAlloc; the heap profile counts at least as much in use as of the last GC, when NextGC was set), 48.8 MiB. A memory limit holds it down (GOMEMLIMIT, or debug.SetMemoryLimit), or a very low GOGC (GOGC=13 sets about that goal over that live heap); one dump cannot tell which, nor whether GOGC is off beside a limit:');
    const withScrape = await json([`${P40}/02-t4.heap-gc1.txt`, `${P40}/02-t4.metrics.txt`]);
    expect(withScrape.snapshots.map((s) => s.source.slice(s.source.lastIndexOf('/') + 1))).toEqual(['02-t4.heap-gc1.txt']);
    expect(withScrape.verdict.summary).not.toContain('far below what GOGC=100 would set');
    // GOGC=100: NextGC 33.6 MiB over the 24.2 MiB its profile counts (1.39 times), the lowest of the go1.19 captures.
    expect((await json(['test/fixtures/captured/go1.19-audit-work/05b-workingset-gogc100/04-t12.heap-debug1.txt'])).verdict.summary).not.toContain('far below what GOGC=100 would set');
  });
});

describe('a GC log whose heap goal a limit caps below GOGC\'s', () => {
  it('plateau48 (`35->35->31 MB, 35 MB goal`): a plateau with a capped heap goal (a limit, or GOGC < 100: both said), not "A plateau, not a leak"', async () => {
    const j = await json([`${F}/plateau48.gctrace.log`]);
    expect(j.gcTraces[0]?.verdict).toEqual({
      kind: 'memory-limit', leak: 'not-suspected', confidence: 'medium', evidence: [],
      summary: 'A plateau with a capped heap goal, not a leak: the live heap after GC rose 2 → 31 MB, then stayed at 31 MB for the last 7 of 13 GCs over 19.8 s: it grew, then stopped (its floor over the later half of the log: 27 → 31 → 31 MB). The heap goal is capped: it stayed at 35 MB at every one of the 7 GCs of the log\'s later half, below the 62 MB GOGC=100 sets (twice the live heap after GC, C 31 MB), by a memory limit (GOMEMLIMIT, or debug.SetMemoryLimit) or a GOGC below 100 (GOGC=13 sets about that goal over that live heap): the log alone cannot tell them apart: each GC lets only about 4 MB be allocated where GOGC=100 would let about 31 MB, so the GC runs about 8 times as often as GOGC=100 alone would make it (36 GCs a minute). Its cost is GC CPU (under 1% since start, gctrace\'s figure), not memory. If a limit is set, it binds: to run the GC less often, raise GOMEMLIMIT, or reduce the live heap or what Go holds beside it; if GOGC is below 100, raise it. To tell which: the process\'s GOGC and GOMEMLIMIT environment variables and any debug.SetGCPercent or debug.SetMemoryLimit call in the program, or a /metrics scrape of the process (go_gc_gogc_percent, go_gc_gomemlimit_bytes) read with the log, or pass --gomemlimit; a goal that stays put while the live heap moves is a limit\'s, one that follows it is GOGC\'s.',
    });
  });

  it('with --gomemlimit 48MiB the standing follows, and the request for it is gone', async () => {
    const j = await json([`${F}/plateau48.gctrace.log`, '--gomemlimit', '48MiB']);
    const s = j.gcTraces[0]?.verdict.summary ?? '';
    expect(s).not.toContain('pass --gomemlimit');
    // Said with the limit known from the start (gctrace.ts verdictOf), not the unknown words rewritten: its head, its cause, its advice.
    expect(s.startsWith('A plateau at a memory limit, not a leak: the live heap after GC rose 2 → 31 MB, then stayed at 31 MB for the last 7 of 13 GCs over 19.8 s: it grew, then stopped (its floor over the later half of the log: 27 → 31 → 31 MB). The heap goal is capped: it stayed at 35 MB at every one of the 7 GCs of the log\'s later half, below the 62 MB GOGC=100 sets (twice the live heap after GC, C 31 MB), by the memory limit: each GC lets only about 4 MB be allocated where GOGC=100 would let about 31 MB, so the GC runs about 8 times as often as GOGC=100 alone would make it (36 GCs a minute). Its cost is GC CPU (under 1% since start, gctrace\'s figure), not memory. The limit binds: to run the GC less often, raise GOMEMLIMIT, or reduce the live heap or what Go holds beside it. GOMEMLIMIT 48.0 MiB (given)')).toBe(true);
    expect((j.gcTraces[0] as { goalCap?: unknown } | undefined)?.goalCap).toEqual({ cycles: 7, of: 7, goalMB: 35, liveMB: 31 });
    expect(s.endsWith('GOMEMLIMIT 48.0 MiB (given): the heap reached at most 35 MB before gc 8, 72.9% of it; Go holds more than its heap (idle spans, goroutine stacks, runtime metadata: a GC log does not print them), so it may have held about the limit, where the GC collects more often to stay under it: a /metrics scrape or heap?debug=1 dump of the process says what Go held (Sys − HeapReleased, what the limit bounds).')).toBe(true);
  });

  it('stable48 and plateau-limit40/stderr.log (churn, goal 27 MB over C 23–24 MB) are memory-limit (a capped goal: a limit or GOGC < 100, with no limit known); the plateau under 128 MiB (goal 2 × C) stays a plateau', async () => {
    expect((await json([`${F}/stable48.gctrace.log`])).gcTraces[0]?.verdict.summary.startsWith('A plateau with a capped heap goal, not a leak: the live heap after GC rose 2 → 31 MB, then stayed at 31 MB for its last 14 of 20 GCs, 21.0 s of the log\'s 33.8 s, while 4 MB were allocated per GC on average: it grew, then stopped. The heap goal is capped: it stayed at 35 MB')).toBe(true);
    const churn = (await json([`${P40}/stderr.log`])).gcTraces[0]?.verdict;
    expect(churn?.kind).toBe('memory-limit');
    expect(churn?.summary.startsWith('Churn with a capped heap goal, not a leak: 1889 GCs a minute (not counting 6 forced)')).toBe(true);
    const room = (await json(['test/fixtures/captured/go1.19-series-limit-callers/plateau-limit128/stderr.log'])).gcTraces[0]?.verdict;
    expect([room?.kind, room?.summary.startsWith('A plateau, not a leak: the live heap after GC rose 0 → 23 MB')]).toEqual(['stable', true]);
  });
});
