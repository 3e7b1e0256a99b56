/**
 * The new-user audit 30's captures taken both ways at each moment (go1.19.8: heap?debug=1, then
 * heap?debug=1&gc=1, the `-gc` files; READMEs in test/fixtures/captured): how a series reads which
 * dumps followed a forced GC (series/forced.ts) and weighs a mix of them.
 *  - tickerleak (a real leak: 10,000 unstopped tickers and 2 h timers a moment): its ten dumps
 *    together were "Leak suspected (medium confidence)", the five ?gc=1 dumps alone "high", and
 *    named snapshots 1 and 3 as read between GCs of the five plain ones;
 *  - readall (a 200 MB body read once and dropped): its plain dumps 03–05, at the runtime's 4 MiB
 *    minimum heap goal 30–120 s after the other capture's ?gc=1, were "read right after a forced GC".
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { runCli } from '../helpers/cli.js';

interface Verdict { kind: string; leak: string; confidence: string; evidence: { kind: string; text: string }[]; summary: string }
interface Report { series: { verdict: Verdict; betweenGCs?: number[] } }

async function series(files: string[]): Promise<Report['series']> {
  const r = await runCli([...files, '--format', 'json']);
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as Report).series;
}

const heapDumps = (dir: string, keep: (name: string) => boolean): string[] =>
  readdirSync(dir).filter((n) => n.endsWith('.heap.txt') && keep(n)).sort().map((n) => `${dir}/${n}`);

const TICKER = 'test/fixtures/captured/go1.19-audit30-tickerleak';
const READALL = 'test/fixtures/captured/go1.19-audit30-readall';
const gc1 = (n: string): boolean => n.endsWith('-gc.heap.txt');

const SITES = 'growing sites: time.NewTimer (sleep.go:87) ← main.poll (main.go:26) +6.0 MiB, time.NewTicker (tick.go:29) ← main.poll (main.go:23) +4.0 MiB, time.NewTimer (sleep.go:88) ← main.poll (main.go:26) +3.5 MiB (rough: 5 → 12 samples) and 1 more';

describe('tickerleak: plain dumps added to ?gc=1 ones do not weaken the leak', () => {
  it('its five ?gc=1 dumps: high confidence, HeapAlloc 4.2 → 20.2 MiB rising at every step', async () => {
    const s = await series(heapDumps(TICKER, gc1));
    expect(s.betweenGCs).toBeUndefined();
    expect(s.verdict.summary).toBe(`Leak suspected (high confidence): live heap 4.2 MiB → 20.2 MiB across 5 GC-separated snapshots (snapshots 1→5); ${SITES}.`);
  });

  it('all ten: still high, weighed on the ?gc=1 readings, and every plain dump named as read between GCs', async () => {
    const s = await series(heapDumps(TICKER, () => true));
    expect(s.betweenGCs).toEqual([0, 2, 4, 6, 8]);
    expect(s.verdict).toEqual({
      kind: 'leak', leak: 'suspected', confidence: 'high',
      evidence: [
        { kind: 'live-heap', text: 'live heap 4.2 MiB → 20.2 MiB across the 5 GC-separated snapshots read right after a forced GC (snapshots 2→10, ?gc=1), and 4.4 MiB to 21.1 MiB at snapshots 1, 3, 5, 7 and 9, read between GCs (their HeapAlloc counts the garbage made since the last GC)' },
        { kind: 'sites', text: SITES },
      ],
      summary: `Leak suspected (high confidence): live heap 4.2 MiB → 20.2 MiB across the 5 GC-separated snapshots read right after a forced GC (snapshots 2→10, ?gc=1), and 4.4 MiB to 21.1 MiB at snapshots 1, 3, 5, 7 and 9, read between GCs (their HeapAlloc counts the garbage made since the last GC); ${SITES}.`,
    });
  });

  it('its five plain dumps: none taken for ?gc=1 (02, NextGC 1.89 × HeapAlloc three GCs after the forced one, was)', async () => {
    const s = await series(heapDumps(TICKER, (n) => !gc1(n)));
    expect(s.betweenGCs).toBeUndefined();
    expect(s.verdict.evidence[0]).toEqual({ kind: 'live-heap', betweenGCs: 5, fromGoal: true, text: "live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) 3.7 MiB → 16.3 MiB across 5 snapshots taken at different GCs (snapshots 1→5), rising at 3 of 4 steps; HeapAlloc, read between GCs, went 4.4 MiB → 21.1 MiB" });
    // goal46: the heap goal rose at 3 of 4 steps: medium by the ?gc=1 rules (HeapAlloc alone said high).
    expect(s.verdict.confidence).toBe('medium');
  });
});

describe('readall: plain dumps at the 4 MiB minimum heap goal', () => {
  it('its five plain dumps are read between GCs: the live heap fell from the 561.2 MiB HeapAlloc of 02, not "316.9 KiB → 203.2 KiB … read right after a forced GC"', async () => {
    const s = await series(heapDumps(READALL, (n) => !gc1(n)));
    expect(s.betweenGCs).toBeUndefined();
    // It read "… while the live heap went 316.9 KiB → 203.2 KiB across the 3 GC-separated snapshots read right after a forced GC
    // (snapshots 3→5, ?gc=1), and 305.6 KiB and 561.2 MiB at snapshots 1 and 2, read between GCs …".
    expect(s.verdict.summary).toBe('A one-off peak, not a leak: one step, snapshots 1→2, allocated 1.1 GiB (99.9% of what the series\' 4 steps allocated, the profiler\'s own left out; no other step more than 438.5 KiB) and raised the heap\'s high-water mark (HeapSys) from 3.7 MiB to 571.6 MiB, while HeapAlloc fell from 561.2 MiB at snapshot 2 to 203.2 KiB at snapshot 5, each read between GCs at snapshots taken at different GCs (it counts the garbage made since the last GC too; the heap profiles, each the live heap as of its dump\'s last GC, fell from 148.5 MiB at snapshot 2 to 512.2 KiB). By snapshot 3, 558.9 MiB of it had gone back to the OS (HeapReleased 9.1 MiB at snapshot 2 → 568.0 MiB; 1.2 MiB idle, 569.6 MiB released at snapshot 5): HeapSys stays 571.6 MiB, address space the heap keeps, not memory it holds. To lower the peak: io.ReadAll at main.go:29 (main.importReport) allocated 1.1 GiB, 99.8% of what the latest dump counts allocated since the process started (the profiler\'s own left out): stream it instead of reading it whole (io.Copy to where it goes, a json.Decoder on the reader).');
  });

  it('its ten dumps: the five ?gc=1 ones, every one at the minimum goal, are still read right after a forced GC', async () => {
    expect((await series(heapDumps(READALL, () => true))).betweenGCs).toEqual([0, 2, 4, 6, 8]);
  });
});
