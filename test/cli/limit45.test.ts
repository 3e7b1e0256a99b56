/**
 * Audit 45 findings 1, 2, 3, 4, 12 and 15 on the captured go1.19-audit45-setlimit (README there: 48 MiB held, 64 KiB/ms
 * of garbage, debug.SetMemoryLimit(32 MiB) at t≈30 s, below the live heap: from then on the heap goal is pinned at the live
 * heap and the GC runs back to back, NumGC 35 at t26 → 3,882 at t36 → 21,938 at t68; gctrace `48->48->48 MB, 48 MB goal`).
 */
import { describe, expect, it } from 'vitest';
import { reportJson, runCli } from '../helpers/cli.js';

const S = 'test/fixtures/captured/go1.19-audit45-setlimit';
const AFTER = ['t36', 't46', 't56', 't68'];

interface Series { series: { verdict: { kind: string; summary: string } } }
interface Trace { gcTraces: { verdict: { kind: string; summary: string }; goalPinned?: { gc: number; atSeconds: number; goalBeforeMB: number; goalMB: number; cyclesBefore: number; cyclesSince: number } }[] }

async function summary(args: string[]): Promise<string> {
  return (await reportJson<Series>(args)).series.verdict.summary;
}

async function lines(args: string[]): Promise<string[]> {
  const r = await runCli([...args, '--color=never']);
  expect(r.code).toBe(0);
  return r.stdout.split('\n');
}

describe('limit45: a memory limit set at run time, in a series of heap dumps', () => {
  it('gc1/: all seven ?gc=1 dumps are read right after their GC (t46 joined a running cycle: NumForcedGC 4 as at t36), and the series says from which snapshot the goal fell to the live heap (findings 2, 4)', async () => {
    const out = await lines([`${S}/gc1`]);
    expect(out[0]).toBe('Stable: live heap 48.6 MiB → 48.4 MiB across 7 GC-separated snapshots (snapshots 1→7), with no site or goroutine group growing steadily.');
    expect(out[1]).toBe('From snapshot 4 on, the heap goal sits at the live heap: NextGC 96.9 MiB at snapshot 3, then 48.2 MiB–48.3 MiB at snapshots 4→7, beside a heap profile of 48.9 MiB in use at snapshot 7, where GOGC=100 sets about twice it.');
    expect(out[2]).toBe('A memory limit began to hold it down between snapshots 3 and 4 (debug.SetMemoryLimit at run time, or a GOMEMLIMIT reached), or GOGC was lowered to near 0 (debug.SetGCPercent): the GC ran 3,847 times between snapshots 3 and 4 where it ran 12 between snapshots 2 and 3, 21,903 from snapshot 3 to 7, and the scavenger returned 46.4 MiB to the OS (HeapReleased 136.0 KiB → 46.6 MiB).');
    expect(out.find((l) => l.startsWith('  live '))).toBe('  live          48.6 MiB → 48.3 MiB → 48.5 MiB → 48.3 MiB → 48.4 MiB → 48.3 MiB → 48.4 MiB');
    expect(out.filter((l) => l.includes('read between GCs') || l.includes('add ?gc=1'))).toEqual([]);
  });

  it('plain/: HeapAlloc read between GCs is not called the live heap (62.3 MiB at t26), and the limit is named (findings 3, 4)', async () => {
    const out = await lines([`${S}/plain`]);
    expect(out[0]).toBe('Stable: HeapAlloc 52.4 MiB → 48.3 MiB across 7 snapshots taken at different GCs, each read between GCs (snapshots 1→7), with no site or goroutine group growing steadily.');
    expect(out[2]).toBe('A memory limit began to hold it down between snapshots 3 and 4 (debug.SetMemoryLimit at run time, or a GOMEMLIMIT reached), or GOGC was lowered to near 0 (debug.SetGCPercent): the GC ran 3,827 times between snapshots 3 and 4 where it ran 12 between snapshots 2 and 3, 21,871 from snapshot 3 to 7, and the scavenger returned 46.4 MiB to the OS (HeapReleased 176.0 KiB → 46.5 MiB).');
    expect(out.find((l) => l.startsWith('  HeapAlloc  '))).toBe('  HeapAlloc     52.4 MiB → 53.0 MiB → 62.3 MiB → 48.4 MiB → 48.4 MiB → 48.3 MiB → 48.3 MiB');
    // The series table's row: none named `live` (the latest snapshot's own table below has its live bucket).
    expect(out.some((l) => l.startsWith('  live ') && l.includes('→'))).toBe(false);
  });

  it('the four plain dumps after the limit: the goal held is the live heap itself, not half of it (finding 1)', async () => {
    expect(await summary(AFTER.map((t) => `${S}/plain/heap-${t}.txt`))).toBe("Stable: the heap goal held across 4 GC-separated snapshots (snapshots 1→4), NextGC 48.3 MiB–48.4 MiB, at the live heap itself, where GOGC=100 sets about twice it: a memory limit holds it down (GOMEMLIMIT, or debug.SetMemoryLimit), or a very low GOGC; the latest heap profile, as of snapshot 4's last GC, has 48.9 MiB in use, with no site or goroutine group growing steadily; HeapAlloc, read between GCs, moves between 48.3 MiB and 48.4 MiB without rising steadily: its spread, 55.9 KiB, is within the 64.4 KiB allocated per GC cycle (TotalAlloc's rise over the 18,042 GCs the runtime started), the height of the GC's sawtooth.");
  });

  it('go1.19-audit40-limitnear/ (SetMemoryLimit(48 MiB), GOGC=off, ~46.5 MiB live, no churn): its held goal is the live heap, not 23.3 MiB (finding 1)', async () => {
    expect(await summary(['test/fixtures/captured/go1.19-audit40-limitnear'])).toMatch(/^Stable: the heap goal held across 5 GC-separated snapshots \(snapshots 1→5\), NextGC 46\.5 MiB–46\.6 MiB, at the live heap itself, where GOGC=100 sets about twice it: a memory limit holds it down \(GOMEMLIMIT, or debug\.SetMemoryLimit\), or a very low GOGC, with no site or goroutine group growing steadily; HeapAlloc, read between GCs, moves between 46\.5 MiB and 46\.6 MiB without rising steadily/);
  });

  it('the four ?gc=1 dumps after the limit: live heap, and the goal at it at every snapshot (findings 2, 4)', async () => {
    expect(await summary(AFTER.map((t) => `${S}/gc1/heap-${t}.txt`))).toBe('Stable: live heap 48.3 MiB → 48.4 MiB across 4 GC-separated snapshots (snapshots 1→4), with no site or goroutine group growing steadily. The heap goal sits at the live heap at every snapshot (NextGC 48.2 MiB–48.3 MiB, beside a heap profile of 48.9 MiB in use at snapshot 4, where GOGC=100 sets about twice it): a memory limit holds it down (GOMEMLIMIT, or debug.SetMemoryLimit), or a very low GOGC; the GC ran 18,056 times from snapshot 1 to 4.');
  });

  it('/debug/vars with gc1/: the fourteen snapshots keep the goal\'s fall, between the ?gc=1 dumps of t26 and t36 (finding 4)', async () => {
    const s = await summary([`${S}/vars`, `${S}/gc1`]);
    expect(s).toContain('From snapshot 8 on, the heap goal sits at the live heap: NextGC 96.9 MiB at snapshot 6, then 48.2 MiB–48.3 MiB at snapshots 8→14');
    expect(s).toContain('the GC ran 3,847 times between snapshots 6 and 8 where it ran 12 between snapshots 4 and 6, 21,903 from snapshot 6 to 14');
  });
});

describe('limit45: the GC log and diff across the limit\'s start', () => {
  it('gctrace-first400.log says at which GC the goal fell and the pace before and since (finding 12)', async () => {
    const j = await reportJson<Trace>([`${S}/gctrace-first400.log`]);
    const t = j.gcTraces[0];
    expect(t?.verdict.kind).toBe('memory-limit');
    expect(t?.goalPinned).toMatchObject({ gc: 40, atSeconds: 30.092, goalBeforeMB: 96, goalMB: 48, cyclesBefore: 39, cyclesSince: 361 });
    expect(t?.verdict.summary).toContain('(its floor flat at 48 MB after warm-up). The goal fell to the live heap at gc 40 (@30.092s, line 40): 96 → 48 MB; the GC ran about 76 times a minute before it (39 GCs), 35,526 a minute since (361 GCs): a memory limit set at run time (debug.SetMemoryLimit), or GOGC lowered to near 0. No collection frees live objects');
  });

  it('diff gc1/heap-t26.txt gc1/heap-t36.txt: both ?gc=1, so the live heap; NextGC\'s fall over 3,847 GCs said (finding 15)', async () => {
    const out = await lines(['diff', `${S}/gc1/heap-t26.txt`, `${S}/gc1/heap-t36.txt`]);
    expect(out[0]).toBe('Live heap 48.5 MiB → 48.3 MiB (−217.1 KiB); −26 objects; no site grew beyond sampling error (the most, main.churn, +544.7 KiB in use, within ±1021.3 KiB); 437.0 MiB allocated over 3,847 GC cycles between the two.');
    expect(out[1]).toBe('The heap goal fell to the live heap: NextGC 96.9 MiB → 48.2 MiB, beside a heap profile of 48.9 MiB in use, where GOGC=100 sets about twice it: a memory limit began to hold it down between the two (debug.SetMemoryLimit at run time, or a GOMEMLIMIT reached), or GOGC was lowered to near 0 (debug.SetGCPercent); the GC ran 3,847 times between the two, and the scavenger returned 46.5 MiB to the OS.');
  });

  it('diff of two dumps before the limit says nothing of a goal\'s fall', async () => {
    const out = await lines(['diff', `${S}/gc1/heap-t06.txt`, `${S}/gc1/heap-t16.txt`]);
    expect(out.filter((l) => l.includes('goal fell') || l.includes('memory limit'))).toEqual([]);
  });
});
