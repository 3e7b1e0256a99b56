/**
 * Verdicts on captures of a live go1.19 server (test/fixtures/captured/go1.19-audit-live, README
 * there): a steady slow leak was "No leak evidence … without rising steadily" because of one 6 KiB
 * dip.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const L = 'test/fixtures/captured/go1.19-audit-live';
const heaps = (dir: string): string[] => readdirSync(`${L}/${dir}`).filter((f) => f.endsWith('.heap-debug1.txt')).sort().map((f) => `${L}/${dir}/${f}`);

interface Verdict { kind?: string; leak: string; confidence?: string; evidence?: { kind: string }[]; summary: string; readBetweenGCs?: { plainDumps?: number } }
interface Report { verdict: Verdict; series?: { verdict: Verdict; points: { breakdown: { live: number } }[] } }
async function analyze(args: string[]): Promise<{ report: Report; code: number | null }> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  return { report: JSON.parse(r.stdout) as Report, code: r.code };
}

describe('a steady slow leak (?gc=1 every second while 128 KiB/s went into a map): one tiny fall does not veto the rise', () => {
  it('12 snapshots, HeapAlloc 467,312 → 1,794,040 with one fall of 6,432 bytes: leak suspected at medium confidence', async () => {
    const { report } = await analyze([`${L}/slowleak-gc1-series`]);
    expect(report.series?.points.map((p) => p.breakdown.live)).toEqual([467312, 598528, 729640, 874128, 991872, 985440, 1122640, 1255824, 1399368, 1510320, 1660072, 1794040]);
    expect(report.series?.verdict).toEqual({
      kind: 'leak', leak: 'suspected', confidence: 'medium',
      evidence: [{ kind: 'live-heap', text: 'live heap 456.4 KiB → 1.7 MiB across 12 GC-separated snapshots (snapshots 1→12, each read right after a forced GC: ?gc=1), rising at 10 of 11 steps: its one fall, 6.3 KiB at snapshot 6, is under half its average rise per step (117.8 KiB), noise rather than a reversal' }],
      summary: 'Leak suspected (medium confidence): live heap 456.4 KiB → 1.7 MiB across 12 GC-separated snapshots (snapshots 1→12, each read right after a forced GC: ?gc=1), rising at 10 of 11 steps: its one fall, 6.3 KiB at snapshot 6, is under half its average rise per step (117.8 KiB), noise rather than a reversal.',
    });
    expect(report.verdict.leak).toBe('suspected');
    expect((await runCli([`${L}/slowleak-gc1-series`, '--fail-on', 'leak'])).code).toBe(1);
  });

  it('the second run (256 KiB/s, one fall of 11,160 bytes): the live heap with main.leak, which it backs', async () => {
    const { report } = await analyze([`${L}/slowleak2-gc1-series`]);
    expect(report.series?.verdict).toMatchObject({ kind: 'leak', leak: 'suspected', confidence: 'medium' });
    expect(report.series?.verdict.summary).toBe('Leak suspected (medium confidence): live heap 2.3 MiB → 4.8 MiB across 12 GC-separated snapshots (snapshots 1→12), rising at 10 of 11 steps: its one fall, 10.9 KiB at snapshot 5, is under half its average rise per step (234.0 KiB), noise rather than a reversal; growing sites: main.leak +2.7 MiB (rough: 3 → 8 samples).');
  });

  it('without snapshot 6 (the dip), rising at every step: high confidence', async () => {
    const { report } = await analyze(heaps('slowleak-gc1-series').filter((_, i) => i !== 5));
    expect(report.series?.verdict.summary).toBe('Leak suspected (high confidence): live heap 456.4 KiB → 1.7 MiB across 11 GC-separated snapshots (snapshots 1→11, each read right after a forced GC: ?gc=1).');
  });

  it('the first 5, rising at every step by 512 KiB in all: too little to call, but never "not-suspected"', async () => {
    const { report, code } = await analyze([...heaps('slowleak-gc1-series').slice(0, 5), '--fail-on', 'leak']);
    expect(code).toBe(0);
    expect(report.verdict.leak).toBe('unknown');
    expect(report.series?.verdict).toEqual({
      kind: 'unknown', leak: 'unknown', confidence: 'low', evidence: [],
      summary: 'Cannot tell yet whether memory leaks: the live heap grew 456.4 KiB → 968.6 KiB across 5 GC-separated snapshots (snapshots 1→5), by less than 1.0 MiB, too little yet to tell a leak from the heap\'s own noise; take more over a longer time to see whether it keeps rising.',
    });
  });
});

describe('a burst of goroutines in flight (/burst every 0.7 s, no ?gc=1): its stacks are no leak', () => {
  const B = `${L}/burst-stacks`;
  const files = (suffix: string): string[] => readdirSync(B).filter((f) => f.endsWith(suffix)).sort().map((f) => `${B}/${f}`);

  it('StackInuse 6.3 → 6.7 → 2.9 → 13.2 MiB fell, and the goroutine dumps count 5 → 4: not "Leak suspected" from stacks', async () => {
    const { report, code } = await analyze([B, '--fail-on', 'leak']);
    expect(code).toBe(0);
    expect(report.series?.verdict).toEqual({
      kind: 'stable', leak: 'not-suspected', confidence: 'medium', evidence: [], readBetweenGCs: { plainDumps: 3 },
      summary: 'Stable: HeapAlloc 109.0 MiB → 111.1 MiB across 3 snapshots taken at different GCs, each read between GCs (snapshots 1→3). Growing, but not yet evidence: main.burst.func1 +11.1 MiB (95 → 104 → 117 samples: within sampling error), runtime.malg +1.0 MiB (2 → 2 → 4 samples: within sampling error), main.burst +1.0 MiB (0 → 0 → 2 samples: within sampling error), goroutine stacks (StackInuse) 6.3 MiB → 13.2 MiB, but they fell from 6.7 MiB to 2.9 MiB at snapshot 3 and the goroutine dumps count 5 → 4 goroutines: a burst in flight, not leaked goroutines.',
    });
    const lint = await runCli(['lint', '--no-config', B]);
    expect(lint.stdout).not.toContain('leak-suspected');
  });

  it('without the snapshot where they fell, the goroutine dumps alone veto the stacks (6.3 → 6.7 → 13.2 MiB, 5 → 4 goroutines)', async () => {
    const [h, g] = [files('.heap-debug1.txt'), files('.goroutine-debug1.txt')];
    const pick = (xs: string[]): string[] => [0, 1, 3].map((i) => xs[i] ?? '');
    const withDumps = await analyze([...pick(h), ...pick(g)]);
    // HeapAlloc, read between GCs, 109.0 → 110.1 → 190.0 MiB rose at one step alone (the burst's garbage: all four dumps are
    // "Stable"): no live-heap evidence, nor the sites it alone made evidence (within sampling error).
    expect(withDumps.report.series?.verdict.evidence?.map((e) => e.kind)).toEqual([]);
    expect(withDumps.report.series?.verdict.kind).toBe('unknown');
    // Heap dumps alone have no goroutine count to say so: never-falling stacks across 3 GC cycles are evidence then.
    const alone = await analyze(pick(h));
    expect(alone.report.series?.verdict.evidence?.map((e) => e.kind)).toEqual(['stack-inuse']);
  });
});

describe('one dump of a leaking process after a past peak: unknown, the peak said as context', () => {
  const P = `${L}/past-peak`;
  it('live 36.2 MiB is 67.9% of what Go holds, HeapSys peaked at 163.1 MiB: not "Not a leak of reachable data"', async () => {
    const { report, code } = await analyze([`${P}/program-dump.heap.txt`]);
    expect(code).toBe(0);
    expect(report.verdict.leak).toBe('unknown');
    expect(report.verdict.summary).toBe('As of the last GC (cycle 12), live objects were most of what Go holds: about 36.2 MiB, 67.9% of the 53.4 MiB Go holds (179.7 MiB mapped), as HeapAlloc, the heap goal (NextGC 72.6 MiB: about 35.9 MiB marked if GOGC is 100) and the heap profile (38.6 MiB in use) agree. What died since that GC stays in HeapAlloc until the next one, so this dump does not say what is live now. The heap\'s address space (HeapSys) reached 163.1 MiB at a past peak of objects or of goroutine stacks (freed stack spans join the heap) and is kept (160.0 KiB of it idle, 126.4 MiB released to the OS): a past peak, which does not say whether what is live now leaks. One dump cannot tell a leak from a peak — take a heap?debug=1&gc=1 dump (a GC runs before it, so that its HeapAlloc is the live heap) and another some time later, and compare both with heapdoc analyze A B.');
  });

  it('the live server after /burst ×7 and /leak (live 24% of HeapSys, 62.4% of what Go holds) and 3 minutes later: both unknown', async () => {
    for (const [file, share] of [['leaking-after-burst', '62.4%'], ['leaking-3min-later', '63.9%']] as const) {
      const { report } = await analyze([`${P}/${file}.heap.txt`]);
      expect(report.verdict.leak).toBe('unknown');
      expect(report.verdict.summary).toContain(`, ${share} of the `);
    }
  });
});
