/**
 * The heap goal under a GOGC other than 100 (audit 47 #2, #6, #7, #8, #11), on one program run with
 * GOGC=400 and GOGC=10 (32 MiB live, 64 KiB of garbage every 2 ms; each capture's README):
 *  - go1.19-audit47-gogc400 (gctrace `158->158->32 MB, 162 MB goal`): its whole folder said "Peak
 *    retention … HeapSys stays at its 159.7 MiB high-water mark" from a plain dump's between-GC
 *    HeapAlloc; its gc1/ told to "bound" main.churn's 64 KiB allocations (peak-retention) and
 *    explained the goal at GOGC=100; its vars/ said "a live heap of about 81.2 MiB" (NextGC ÷ 2).
 *  - go1.19-audit47-gogc10 (gctrace `35->35->32 MB, 35 MB goal`): the pinned goal without a GOGC figure.
 *  - go1.19-audit47-bigcache (a cache of 1 MiB buffers, half evicted at t≈30 s): its whole folder stays
 *    peak retention, its live heap having fallen after the between-GC reading of 299.3 MiB.
 */
import { describe, expect, it } from 'vitest';
import { reportJson, reportLines, runCli } from '../helpers/cli.js';

const G = 'test/fixtures/captured/go1.19-audit47-gogc400';
const T = 'test/fixtures/captured/go1.19-audit47-gogc10';
const B = 'test/fixtures/captured/go1.19-audit47-bigcache';
const S = 'test/fixtures/captured/go1.19-audit47-syncmap';

interface Json {
  series: { verdict: { kind: string } };
  findings: { ruleId: string; why?: string }[];
}

const RATIO = 'NextGC (162.3 MiB) is 5.0 times the live heap and stacks (HeapAlloc 32.3 MiB + StackInuse 352.0 KiB): the heap goal of GOGC ≈ 400, not the default 100';

describe('GOGC=400: the goal is said as such, and is no peak', () => {
  it('gc1/: Stable, then the goal\'s ratio to the live heap and what HeapSys is', async () => {
    const lines = await reportLines([`${G}/gc1`]);
    expect(lines.slice(0, 3)).toEqual([
      'Stable: live heap 32.3 MiB → 32.3 MiB across 7 GC-separated snapshots (snapshots 1→7), with no site or goroutine group growing steadily.',
      `Right after each forced GC the heap goal held one ratio to the live heap: at snapshot 7, ${RATIO}, or GOGC is off under a memory limit.`,
      'Between GCs the heap grows to that goal: HeapSys (159.7 MiB) is the room it reaches every cycle, not a past peak.',
    ]);
  });

  it('gc1/: idle-heap-retained gives the GOGC the goal implies, not the goal at GOGC=100; no peak-retention finding (was "bound that allocation")', async () => {
    const lines = await reportLines([`${G}/gc1`]);
    expect(lines).toContain(`         ${RATIO} (read right after a GC, as a ?gc=1 dump is, that is the GOGC in effect; read later, GOGC is at least that).`);
    expect(lines.some((l) => l.includes('with GOGC=100, twice the live heap'))).toBe(false);
    const json = await reportJson<Json>([`${G}/gc1`]);
    expect(json.series.verdict.kind).toBe('stable');
    expect(json.findings.filter((f) => f.ruleId === 'peak-retention')).toEqual([]);
    expect(json.findings.filter((f) => f.ruleId === 'idle-heap-retained').length).toBe(1);
  });

  it('lint --info of the whole folder: no peak-retention on any dump (it was on every one)', async () => {
    const r = await runCli(['lint', '--info', G]);
    expect(r.stdout).not.toContain('peak-retention');
    expect(r.stdout).toContain('  101:3  info  126.6 MiB of idle heap is room the heap grows back into before the next GC (heap goal 162.3 MiB).  idle-heap-retained');
  });

  it('whole folder: Stable from the ?gc=1 readings (was "Peak retention"), the mixed row named HeapAlloc', async () => {
    const lines = await reportLines([G]);
    expect(lines[0]).toBe('Stable: live heap 32.3 MiB → 32.3 MiB across the 7 GC-separated snapshots read right after a forced GC (snapshots 3→21, ?gc=1), and 39.9 MiB to 104.6 MiB at snapshots 1, 2, 4, 5, 7, 8 and 8 more, read between GCs (their HeapAlloc counts the garbage made since the last GC), with no site or goroutine group growing steadily.');
    expect(lines[2]).toBe('Between GCs the heap grows to that goal: HeapSys (159.7 MiB) is the room it reaches every cycle, not a past peak, and HeapAlloc read between GCs (up to 104.6 MiB) is that sawtooth.');
    expect(lines).toContain('  HeapAlloc     39.9 MiB → 40.2 MiB → 32.3 MiB → 74.4 MiB → 75.5 MiB → … 11 more … → 90.4 MiB → 32.3 MiB → 104.1 MiB → 104.6 MiB → 32.3 MiB');
    expect(lines).toContain('  Snapshots 1, 2, 4, 5, 7, 8 and 8 more were read between GCs, the others right after a forced GC (?gc=1): their HeapAlloc counts the garbage made since the last GC; right after a GC it is the live heap.');
    expect(lines.some((l) => /^ {2}live +\d.* → /.test(l))).toBe(false);
  });

  it('vars/: NextGC ÷ 2 is GOGC=100\'s reading, which HeapAlloc at 40.2 MiB refutes (was "a live heap of about 81.2 MiB")', async () => {
    const lines = await reportLines([`${G}/vars`]);
    expect(lines[0]).toBe('Stable: the heap goal held across 7 GC-separated snapshots (snapshots 1→7), NextGC 162.3 MiB–162.5 MiB: each GC sets it from the heap it marked live, which one that grew would have raised; at GOGC=100, about twice that heap, it would leave about 81.2 MiB live, but HeapAlloc, which never falls below what the last GC marked, read 40.2 MiB at its lowest: GOGC is above 100 (NextGC is 4.0 times that reading: GOGC 300 or more, or GOGC off under a memory limit), so the GC before that reading marked at most 40.2 MiB, with no site or goroutine group growing steadily; HeapAlloc, read between GCs, moves between 40.2 MiB and 104.6 MiB without rising steadily: its spread, 64.4 MiB, is within the 139.7 MiB allocated per GC cycle (TotalAlloc\'s rise over the 12 GCs the runtime started), the height of the GC\'s sawtooth.');
  });
});

describe('GOGC=10 and a real peak', () => {
  it('gogc10/gc1: the pinned goal names the GOGC that would set it', async () => {
    const lines = await reportLines([`${T}/gc1`]);
    expect(lines[1]).toBe('The heap goal sits at the live heap at every snapshot (NextGC 35.5 MiB, beside a heap profile of 32.1 MiB in use at snapshot 7, where GOGC=100 sets about twice it): a memory limit holds it down (GOMEMLIMIT, or debug.SetMemoryLimit), or a very low GOGC (GOGC=11 sets about that goal over that live heap); the GC ran 538 times from snapshot 1 to 7.');
  });

  it('bigcache whole folder: still peak retention, its live heap fell 251.2 → 149.2 MiB after the 299.4 MiB between-GC reading', async () => {
    const lines = await reportLines([B]);
    expect(lines[0]).toMatch(/^Peak retention, not a leak: live heap fell from 251\.2 MiB at snapshot 9 to 149\.2 MiB at snapshot 21, read right after a forced GC \(\?gc=1; read between GCs, HeapAlloc, which counts the garbage made since the last GC too, fell from 299\.4 MiB at snapshot 11 to 149\.3 MiB at snapshot 20\) while HeapSys stays at its 303\.7 MiB high-water mark/);
  });

  it('syncmap vars/ (GOGC=100): its first HeapAlloc, 1.2 MiB under the 4 MiB minimum goal, refutes nothing: the goal\'s trend is read as before', async () => {
    const lines = await reportLines([`${S}/vars`]);
    expect(lines[0]).toBe('Leak suspected (medium confidence): live heap as of each snapshot\'s last GC (NextGC ÷ 2 at GOGC=100) 2.0 MiB → 8.3 MiB across 7 snapshots taken at different GCs (snapshots 1→7), rising at 4 of 6 steps; HeapAlloc, read between GCs, went 1.2 MiB → 11.7 MiB.');
  });
});
