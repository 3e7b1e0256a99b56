/**
 * Audit 34: a program churning ~150 MiB a step under GOGC=off GOMEMLIMIT=64MiB (go1.19.8;
 * test/fixtures/captured/go1.19-audit34-limit, README there). Its four plain heap?debug=1 dumps
 * (lim/) read HeapAlloc 41.2 → 10.2 → 22.2 → 39.2 MiB, the GC's sawtooth between GCs, and were
 * "Stable: live heap 41.2 MiB → 39.2 MiB" at high confidence — with --gomemlimit 64MiB too — while
 * each dump alone said its HeapAlloc does not say how much is live (3.3 MiB in the profile). lim2/
 * (six plain dumps) was "No leak evidence: live heap moves between 15.2 MiB and 48.2 MiB". Churn is
 * weighed against the profile's in-use then, and a known limit gives its memory-limit verdict.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const D = 'test/fixtures/captured/go1.19-audit34-limit';
const BETWEEN = 'and the heap profile, as of the latest one\'s last GC, had 3.3 MiB in use: HeapAlloc counts the garbage made since the last GC, which the next one collects, so these snapshots do not say how much is live, with no site or goroutine group growing steadily; the Go heap\'s cost is GC work.';
const GC1 = 'To read the live heap itself, add ?gc=1 to the heap URL so that each snapshot follows a GC.';

interface Verdict { kind: string; leak: string; confidence: string; summary: string }
interface Report { verdict: { leak: string; summary: string }; series: { verdict: Verdict } }

async function report(args: string[]): Promise<Report> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

async function lines(args: string[]): Promise<string[]> {
  const r = await runCli(args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout.split('\n');
}

describe('audit34: HeapAlloc read between GCs is no live heap to call stable', () => {
  it('lim/: churn against the 3.3 MiB the profile has in use, HeapAlloc named as read between GCs, ?gc=1 advised', async () => {
    const out = await lines([`${D}/lim/`]);
    expect(out.slice(0, 2)).toEqual([
      `Churn, not a leak: 147.0 MiB allocated a step on average (441.1 MiB over 3 steps between snapshots) while HeapAlloc, read between GCs, moves between 10.2 MiB and 41.2 MiB across 4 GC-separated snapshots (snapshots 1→4), ${BETWEEN}`,
      GC1,
    ]);
    expect(out.join('\n')).not.toContain('live heap 41.2 MiB');
    const json = await report([`${D}/lim/`]);
    expect(json.series.verdict).toMatchObject({ kind: 'churn', leak: 'not-suspected', confidence: 'medium' });
    // Each dump alone says the same of its HeapAlloc.
    expect((await lines([`${D}/lim/heap4.txt`]))[0]).toBe('Read between GCs: HeapAlloc 39.2 MiB, 63.8% of the 61.4 MiB Go holds (62.1 MiB mapped), counts everything allocated since the last GC, reachable or not, and the heap profile, as of a recent GC, had only 3.3 MiB in use, so this dump does not say how much is live.');
  });

  it('lim2/: six plain dumps, churn, not "No leak evidence: live heap moves between 15.2 MiB and 48.2 MiB"', async () => {
    const out = await lines([`${D}/lim2/`]);
    expect(out.slice(0, 2)).toEqual([
      `Churn, not a leak: 126.8 MiB allocated a step on average (634.2 MiB over 5 steps between snapshots) while HeapAlloc, read between GCs, moves between 15.2 MiB and 48.2 MiB across 6 GC-separated snapshots (snapshots 1→6), ${BETWEEN}`,
      GC1,
    ]);
    expect((await report([`${D}/lim2/`])).series.verdict).toMatchObject({ kind: 'churn', leak: 'not-suspected', confidence: 'medium' });
  });

  it('--gomemlimit 64MiB: the memory-limit verdict, for the plain dumps as for the ?gc=1 ones', async () => {
    const out = await lines([`${D}/lim/`, '--gomemlimit', '64MiB']);
    expect(out.slice(0, 4)).toEqual([
      'Not a leak: the heap is held up to the memory limit by design (GOMEMLIMIT 64.0 MiB, given): Go holds 61.4 MiB (Sys − HeapReleased, what the limit bounds), 96.0% of it, in the latest snapshot; HeapAlloc moves between 10.2 MiB and 41.2 MiB across 4 GC-separated snapshots (snapshots 1→4) while 147.0 MiB is allocated a step on average (441.1 MiB over 3 steps between snapshots).',
      'The heap goal (NextGC 51.9 MiB) is above twice the lowest HeapAlloc read (10.2 MiB): GOGC is off or high (GOGC=100 sets it at about twice the live heap), and the limit alone says when the GC runs, so the heap fills up to it between GCs.',
      'Its idle heap (11.2 MiB) is room the limit lets the heap refill, not a retained peak.',
      'To hold less, lower GOMEMLIMIT, or set GOGC=100 (its default) so that the heap goal follows the live heap; a tighter limit costs GC work.',
    ]);
    for (const dir of ['lim', 'lim2', 'lim3']) {
      const json = await report([`${D}/${dir}/`, '--gomemlimit', '64MiB']);
      expect(json.series.verdict).toMatchObject({ kind: 'memory-limit', leak: 'not-suspected', confidence: 'medium' });
    }
  });

  it('lim3/ (?gc=1): the live heap itself, churn as before', async () => {
    const out = await lines([`${D}/lim3/`]);
    expect(out[0]).toBe('Churn, not a leak: 126.0 MiB allocated a step on average (504.2 MiB over 4 steps between snapshots) while the live heap moves between 1.2 MiB and 2.2 MiB across 5 GC-separated snapshots without rising steadily, with no site or goroutine group growing steadily; the Go heap\'s cost is GC work.');
    expect((await report([`${D}/lim3/`])).series.verdict).toMatchObject({ kind: 'churn', leak: 'not-suspected', confidence: 'low' });
  });
});
