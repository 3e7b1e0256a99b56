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
  const PLATEAU_WORDS = 'A plateau, not a leak: the live heap rose from 18.0 MiB to 46.9 MiB by snapshot 3, then stayed near 45.8 MiB through snapshot 6, with no site or goroutine group growing steadily: it grew once, then stopped.';
  const NO_PART = 'GOMEMLIMIT 128.0 MiB (as the process reports it (go_gc_gomemlimit_bytes)): Go held at most 60.0 MiB (Sys − HeapReleased, what the limit bounds), 46.9% of it, at snapshot 3, and never mapped more than 62.6 MiB (Sys): the limit played no part.';

  it('the plateau\'s /metrics (go_gc_gomemlimit_bytes 134217728): the verdict ends with the limit playing no part (it said nothing of it)', async () => {
    const scrapes = MOMENTS.map((m) => `${PLATEAU}/${m}.metrics.txt`);
    const text = await runCli(scrapes);
    expect(text.stdout.split('\n').slice(0, 2)).toEqual([PLATEAU_WORDS, NO_PART]);
    const j = await report(scrapes);
    expect(j.series.verdict.kind).toBe('stable');
    expect(j.verdict.summary).toBe(`${PLATEAU_WORDS} ${NO_PART}`);
    expect(j.series.verdict.limit).toEqual({
      gomemlimitBytes: 134217728, origin: 'reported', role: 'none', peakRetainedBytes: 62911752, peakSource: `${PLATEAU}/03-t7.metrics.txt`,
      retainedBytes: 61027592, sysBytes: 65647880, text: NO_PART,
    });
  });

  it('its ?gc=1 dumps with --gomemlimit 128MiB: churn, and the limit given played no part; without it, nothing is said of a limit', async () => {
    const dumps = MOMENTS.map((m) => `${PLATEAU}/${m}.heap-gc1.txt`);
    const churn = 'Churn, not a leak: 311.8 MiB allocated between snapshots while the live heap rose from 17.5 MiB to 24.3 MiB by snapshot 2, then stayed near 23.8 MiB through snapshot 6 (a plateau: it stopped rising); the cost is GC work, not memory.';
    const given = await report([...dumps, '--gomemlimit', '128MiB']);
    expect([given.series.verdict.kind, given.verdict.summary]).toEqual(['churn', `${churn} GOMEMLIMIT 128.0 MiB (given): Go held at most 60.0 MiB (Sys − HeapReleased, what the limit bounds), 46.9% of it, at snapshot 2, and never mapped more than 62.6 MiB (Sys): the limit played no part.`]);
    expect(given.series.verdict.limit).toMatchObject({ gomemlimitBytes: 134217728, origin: 'flag', role: 'none', peakRetainedBytes: 62936328, retainedBytes: 61797640, sysBytes: 65647880 });
    const without = await report(dumps);
    expect([without.series.verdict.kind, without.verdict.summary, without.series.verdict.limit]).toEqual(['churn', churn, undefined]);
  });

  it('the corpus peak under GOMEMLIMIT=100MiB: peak retention, whose live heap went above the limit', async () => {
    const dumps = ['baseline', 'peak', 'after-release', 'after-gc', 'idle', 'after-free'].map((p) => `${PEAK}/gomemlimit100MiB.${p}.heap-debug1.txt`);
    const j = await report([...dumps, '--gomemlimit', '100MiB']);
    expect(j.series.verdict.kind).toBe('peak-retention');
    expect(j.verdict.summary).toBe('Peak retention, not a leak: live heap fell from 300.3 MiB to 334.8 KiB while the heap keeps its 303.3 MiB high-water mark (40.0 KiB idle, 302.1 MiB released). GOMEMLIMIT 100.0 MiB (given): Go held 320.6 MiB (Sys − HeapReleased, what the limit bounds), 320.6% of it, at snapshot 2: HeapAlloc alone (300.3 MiB) was above the limit, which no collection meets while that much is live (memory-limit-pressure); it holds 20.5 MiB now, 20.5% of it.');
    expect(j.series.verdict.limit).toMatchObject({ role: 'exceeded', peakRetainedBytes: 336135496, peakSource: `${PEAK}/gomemlimit100MiB.peak.heap-debug1.txt`, retainedBytes: 21488968, sysBytes: 338289992 });
  });

  it('the same run\'s dumps after its peak only: stable, and Sys says it may have held more than the limit before them', async () => {
    const dumps = ['after-release', 'after-gc', 'idle', 'after-free'].map((p) => `${PEAK}/gomemlimit100MiB.${p}.heap-debug1.txt`);
    const j = await report([...dumps, '--gomemlimit', '100MiB']);
    expect(j.series.verdict.kind).toBe('stable');
    expect(j.series.verdict.limit?.text).toBe('GOMEMLIMIT 100.0 MiB (given): Go held at most 20.8 MiB (Sys − HeapReleased, what the limit bounds), 20.8% of it, at snapshot 3, but it had mapped up to 322.6 MiB (Sys, 322.6% of the limit): before or between these snapshots it may have held that much, near the limit or above it, where the GC collects more often to stay under it.');
    expect(j.series.verdict.limit?.role).toBe('possible');
  });

  it('a memory-limit verdict says the limit itself: no standing added (05-memlimit with --gomemlimit 64MiB)', async () => {
    const j = await report(['test/fixtures/captured/go1.19-audit-work/05-memlimit', '--gomemlimit', '64MiB']);
    expect([j.series.verdict.kind, j.series.verdict.limit, j.verdict.summary.includes('played no part')]).toEqual(['memory-limit', undefined, false]);
  });
});
