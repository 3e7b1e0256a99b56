/**
 * A rise that slows at every step is no leak (src/analyze/series/levelling.ts): the captured
 * go1.19-audit41-satcache (a map keyed by rand.Intn(50000), 1 KiB values: ~51.5 MiB once every key
 * is in; README.md there says how it was made) flip-flopped as its ?gc=1 dumps were added — leak,
 * cannot tell, leak at high confidence, plateau, cannot tell, plateau — and its plain dumps were a
 * leak from profiles whose last step was one sample. Now "Cannot tell yet … slowing at every step"
 * while the last step is material, then a plateau, never a leak at high confidence; the verdict
 * only moves one way as dumps are added.
 */
import { describe, expect, it } from 'vitest';
import { reportJson } from '../helpers/cli.js';

const DIR = 'test/fixtures/captured/go1.19-audit41-satcache';
const t = (i: number): string => `t${String(i).padStart(2, '0')}`;
const GC1 = Array.from({ length: 10 }, (_, i) => `${DIR}/heap-gc1-${t(i + 1)}.txt`);
const PLAIN = Array.from({ length: 10 }, (_, i) => `${DIR}/heap-${t(i + 1)}.txt`);

interface Verdict { kind: string; leak: string; confidence: string; summary: string; levelling?: { source: string; stepsBytes: number[]; towardBytes: number; settled: boolean } }
interface Report { verdict: { leak: string; summary: string }; series?: { verdict: Verdict } }
function report(files: readonly string[]): Promise<Report> {
  return reportJson<Report>(['analyze', ...files]);
}

describe.concurrent('a rise that slows at every step (go1.19-audit41-satcache)', () => {
  it('?gc=1 dumps 1→3 … 1→10: leak (medium) from 3, cannot tell from 4 and 5, a plateau (medium) from 6 — one way, never high', async () => {
    const verdicts = await Promise.all([3, 4, 5, 6, 7, 8, 9, 10].map(async (n) => (await report(GC1.slice(0, n))).series?.verdict));
    expect(verdicts.map((v) => `${v?.kind}/${v?.leak}/${v?.confidence}`)).toEqual([
      'leak/suspected/medium',
      'unknown/unknown/low', 'unknown/unknown/low',
      'stable/not-suspected/medium', 'stable/not-suspected/medium', 'stable/not-suspected/medium', 'stable/not-suspected/medium', 'stable/not-suspected/medium',
    ]);
  });

  it('5 ?gc=1 dumps (a leak at high confidence before): cannot tell yet, the rise slowing at every step', async () => {
    const r = await report(GC1.slice(0, 5));
    expect(r.verdict.leak).toBe('unknown');
    expect(r.series?.verdict.summary).toBe('Cannot tell yet whether memory leaks: the live heap rose 11.7 MiB → 48.2 MiB across 5 GC-separated snapshots (snapshots 1→5), but the rise is slowing at every step (19.5 MiB → 8.7 MiB → 5.1 MiB → 3.3 MiB): levelling off toward ~52.3 MiB, like a cache filling a bounded key set, not a leak, which rises by about as much at each step; take more ?gc=1 dumps, some time apart, to see whether it levels off. The sites that rose with it: main.lookup (main.go:27) +34.1 MiB, main.lookup (main.go:28) +1.8 MiB.');
    expect(r.series?.verdict.levelling).toEqual({ source: 'live-heap', stepsBytes: [20_421_088, 9_078_256, 5_306_944, 3_465_264], towardBytes: 54_861_688, settled: false });
  });

  it('10 ?gc=1 dumps: a plateau still rising slowly (was "grew at 3 steps, then stopped", JSON stable/high)', async () => {
    const r = await report(GC1);
    expect(r.series?.verdict).toMatchObject({ kind: 'stable', leak: 'not-suspected', confidence: 'medium' });
    expect(r.series?.verdict.summary).toBe('A plateau, not a leak: the live heap rose 11.7 MiB → 51.5 MiB across 10 GC-separated snapshots (snapshots 1→10), the rise slowing at every step (19.5 MiB → 8.7 MiB → … → 238.1 KiB → 133.3 KiB): levelling off toward ~51.6 MiB, like a cache filling a bounded key set, not a leak, which rises by about as much at each step; still rising slowly (+133.3 KiB at the last step). The sites that rose with it: main.lookup (main.go:27) +38.0 MiB, main.lookup (main.go:28) +1.9 MiB.');
  });

  it('the last 6 ?gc=1 dumps (was "Stable … within sampling error"): a plateau, still rising slowly', async () => {
    const r = await report(GC1.slice(4));
    expect(r.series?.verdict).toMatchObject({ kind: 'stable', leak: 'not-suspected', confidence: 'medium' });
    expect(r.series?.verdict.summary).toBe("A plateau, not a leak: the live heap rose 48.2 MiB → 51.5 MiB across 6 GC-separated snapshots (snapshots 1→6), the rise slowing at every step (1.7 MiB → 817.3 KiB → 445.4 KiB → 238.1 KiB → 133.3 KiB): levelling off toward ~51.6 MiB, like a cache filling a bounded key set, not a leak, which rises by about as much at each step; still rising slowly (+133.3 KiB at the last step). The sites that rose with it: main.lookup +3.9 MiB.");
  });

  it('10 plain dumps (was "Leak suspected … by 64.8 KiB at least"): a plateau of the profiles\' in-use, its last step one sample', async () => {
    const r = await report(PLAIN);
    expect(r.series?.verdict).toMatchObject({ kind: 'stable', leak: 'not-suspected', confidence: 'low' });
    expect(r.verdict.leak).toBe('not-suspected');
    expect(r.series?.verdict.summary).toBe("A plateau, not a leak: the heap profiles' in-use (as of each snapshot's last GC; HeapAlloc, read between GCs, counts the garbage made since too) rose 7.1 MiB → 51.1 MiB across 10 GC-separated snapshots (snapshots 1→10), the rise slowing at every step since snapshot 2 (15.9 MiB → 8.4 MiB → … → 322.2 KiB → 64.8 KiB): levelling off toward ~51.5 MiB, like a cache filling a bounded key set, not a leak, which rises by about as much at each step; its last step (+64.8 KiB) is within its sampling error (±64.8 KiB). The sites that rose with it: main.lookup (main.go:27) +42.0 MiB, main.lookup (main.go:28) +2.2 MiB. To read the live heap itself, add ?gc=1 to the heap URL so that each snapshot follows a GC.");
    expect(r.series?.verdict.levelling).toMatchObject({ source: 'profile', settled: true, towardBytes: 53_976_874 });
  });
});
