/**
 * A stream's goroutine dumps paired with the heap dump of their moment by the stream's order
 * (analyze/moments.ts markStreamMoments: a goroutine dump right after — or right before — a heap
 * dump, with no other heap dump between, is its moment), so that `cat … | heapdoc -` says what the
 * folder says by its names (pairing43: common/stems.ts pairedCapture), on real Go 1.19.8 captures:
 * - go1.19-pairing43-burstlayout (README there): 100 goroutines came and went; at each of five
 *   moments heap?debug=1&gc=1, goroutine?debug=1, goroutine?debug=2. Piped in, it said "at most 103
 *   goroutines in a goroutine dump (none of the peak's moment)" where the folder says "103
 *   goroutines at the peak".
 * - go1.19-audit42-deeprec (README there): at each of ten moments plain/ then gc1/ heap dumps, and
 *   goroutine?debug=1 and debug=2 after them at t19 and t64 only. Piped in, it said "at most 40
 *   goroutines in a goroutine dump (none of the peak's moment), 40 in the last goroutine dump".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const B = 'test/fixtures/captured/go1.19-pairing43-burstlayout/run';
const D = 'test/fixtures/captured/go1.19-audit42-deeprec';
const TIMES = ['12:04:26', '12:04:29', '12:04:32', '12:04:36', '12:04:38'].map((t) => `2026-12-07T${t}`);

interface Verdict { kind?: string; leak: string; summary: string }
interface Report { verdict: Verdict; series?: { verdict: Verdict; points: { source: string }[] }; goroutines: { source: string; kind: string; total: number }[] }

const stream = (files: readonly string[]): Buffer => Buffer.concat(files.map((f) => readFileSync(f)));

/** burstlayout's moments, each one's files in `order` (heap, gor1, gor2 as the capture fetched them). */
const burst = (order: readonly string[]): Buffer => stream(TIMES.flatMap((t) => order.map((kind) => (kind === 'heap' ? `${B}/heap/heap-${t}.txt` : `${B}/${kind}/g-${t}.txt`))));

/** deeprec's moments as captured: plain/, gc1/, and at t19 and t64 goroutine?debug=1 then debug=2. */
const deeprec = (): Buffer => stream(['05', '12', '19', '27', '34', '42', '49', '57', '64', '72'].flatMap((t) => [
  `${D}/plain/heap-t${t}.txt`, `${D}/gc1/heap-t${t}.txt`, ...(t === '19' || t === '64' ? [`${D}/goroutine/goroutine1-t${t}.txt`, `${D}/goroutine/goroutine2-t${t}.txt`] : []),
]));

const BURST = 'Peak retention, not a leak: a burst of goroutines came and went — 103 goroutines at the peak, 3 in the last goroutine dump; their stacks (StackInuse) 352.0 KiB → 12.9 MiB at snapshot 3 → 544.0 KiB, and the freed stack spans are heap the runtime keeps (HeapSys 15.5 MiB: 1.3 MiB idle, 13.4 MiB released).';

describe('burstlayout piped in: the goroutine dumps beside the peak\'s heap dump are its moment (go1.19-pairing43-burstlayout)', () => {
  it('the folder\'s verdict line, exactly, as captured (heap, debug=1, debug=2 at each moment)', async () => {
    const folder = await runCli([B, '--color=never']);
    expect(folder.stdout.split('\n')[0]).toBe(BURST);
    const r = await runCli(['-', '--color=never'], { input: burst(['heap', 'gor1', 'gor2']) });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('heapdoc: standard input holds 15 concatenated dumps of several kinds (5 heap?debug=1, 5 goroutine?debug=1, 5 goroutine?debug=2; at lines 1, 46, 75, 138, 194, …); each is read as an input of its own, as if given as 15 files\n');
    expect(r.stdout.split('\n')[0]).toBe(BURST);
  });

  it('the debug=2 dumps alone, after or before each heap dump: the same line', async () => {
    for (const order of [['heap', 'gor2'], ['gor2', 'heap']]) {
      const r = await runCli(['-', '--color=never'], { input: burst(order) });
      expect(r.stdout.split('\n')[0]).toBe(BURST);
    }
  });

  it('--format json: the verdict, the five snapshots and ten goroutine dumps named by their lines (the pairing: test/cli/pairing45.test.ts)', async () => {
    const r = await runCli(['-', '--format', 'json'], { input: burst(['heap', 'gor1', 'gor2']) });
    const report = JSON.parse(r.stdout) as Report;
    expect(report.verdict.summary).toBe(BURST);
    expect(report.series?.verdict.summary).toBe(BURST);
    expect(report.series?.points.map((p) => p.source)).toEqual(['-:1', '-:138', '-:6925', '-:13694', '-:13832']);
    expect(report.goroutines.map((g) => `${g.source} ${g.kind} ${g.total}`)).toEqual([
      '-:46 goroutine 3', '-:75 goroutine-traceback 3', '-:194 goroutine 103', '-:262 goroutine-traceback 103', '-:6981 goroutine 103',
      '-:7041 goroutine-traceback 103', '-:13750 goroutine 3', '-:13779 goroutine-traceback 3', '-:13888 goroutine 3', '-:13917 goroutine-traceback 3',
    ]);
  });

  it('heapdoc lint -: the findings of the folder\'s, at the stream\'s lines', async () => {
    const r = await runCli(['lint', '-', '--color=never'], { input: burst(['heap', 'gor1', 'gor2']) });
    expect(r.stdout.split('\n').filter((l) => /^\s+\d+:\d+/.test(l)).map((l) => l.trim().replace(/\s{2,}/g, ' | '))).toEqual([
      '179:3 | warning | Goroutine stacks take 12.8 MiB (50.5% of what Go holds), more than the live heap\'s 220.6 KiB. | stack-heavy',
      '6966:3 | warning | Goroutine stacks take 12.9 MiB (50.6% of what Go holds), more than the live heap\'s 229.8 KiB. | stack-heavy',
      '13881:3 | warning | A GC pause took 22.53 ms (GC cycle 4); 1 of the last 5 pauses exceeded 10.00 ms. | gc-pause-long',
    ]);
  });
});

describe('deeprec piped in: goroutine dumps at two of twenty moments, each with the heap dump before it (go1.19-audit42-deeprec)', () => {
  // The folder names each count's time (t19, t64) and the peak's (t12); a stream has no names: the snapshot of each moment, as the stacks' peak is said.
  it('each count at its moment\'s snapshot, debug=1\'s beside it, and the peak\'s (snapshot 3) that none has', async () => {
    const folder = await runCli([D, '--color=never']);
    expect(folder.stdout.split('\n').slice(0, 2)).toEqual([
      'Peak retention, not a leak: a stack peak came and went — deep stacks, not a burst of goroutines: 30 goroutines at t19 (38 in its debug=1 dump) and 40 at t64 (10 in its debug=1 dump), no goroutine dump of the peak\'s moment (t12), 3.4 MiB of stack each if the peak had 40, and main.walk calls itself (100 of the frames printed, main.go:14).',
      'The stacks (StackInuse) went 32.4 MiB → 135.4 MiB at snapshot 3 → 17.3 MiB, and the freed stack spans are heap the runtime keeps (HeapSys 210.7 MiB: 116.6 MiB idle, 92.7 MiB released).',
    ]);
    const r = await runCli(['-', '--color=never'], { input: deeprec() });
    expect(r.code).toBe(0);
    // No heap/allocs twin folded: the plain dump of t12 shares the GC cycle of the ?gc=1 dump of t05, read 7 s later.
    expect(r.stderr).toBe('heapdoc: standard input holds 24 concatenated dumps of several kinds (20 heap?debug=1, 2 goroutine?debug=1, 2 goroutine?debug=2; at lines 1, 41, 86, 147, 208, …); each is read as an input of its own, as if given as 24 files\n');
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      'Peak retention, not a leak: a stack peak came and went — deep stacks, not a burst of goroutines: 30 goroutines at snapshot 6 (38 in its debug=1 dump) and 40 at snapshot 18 (10 in its debug=1 dump), no goroutine dump of the peak\'s moment (snapshot 3), 3.4 MiB of stack each if the peak had 40, and main.walk calls itself (100 of the frames printed, main.go:14).',
      'The stacks (StackInuse) went 32.4 MiB → 135.4 MiB at snapshot 3 → 17.3 MiB, and the freed stack spans are heap the runtime keeps (HeapSys 210.7 MiB: 116.6 MiB idle, 92.7 MiB released).',
    ]);
  });
});

describe('a goroutine dump of no heap dump\'s moment: no moments, none guessed (go1.19-pairing43-burstlayout)', () => {
  it('the debug=2 dump of 12:04:36 given before its heap dump in a stream of heap dumps first: never "at the peak"', async () => {
    const T = (at: string): string => `2026-12-07T12:04:${at}`;
    const input = stream([...['26', '29', '32'].flatMap((at) => [`${B}/heap/heap-${T(at)}.txt`, `${B}/gor2/g-${T(at)}.txt`]), `${B}/gor2/g-${T('36')}.txt`, `${B}/heap/heap-${T('36')}.txt`, `${B}/heap/heap-${T('38')}.txt`]);
    const r = await runCli(['-', '--color=never'], { input });
    expect(r.stdout.split('\n')[0]).toBe('Peak retention, not a leak: a burst of goroutines came and went — at most 103 goroutines in a goroutine dump (none of the peak\'s moment), 3 in the last goroutine dump; their stacks (StackInuse) 352.0 KiB → 12.9 MiB at snapshot 3 → 544.0 KiB, and the freed stack spans are heap the runtime keeps (HeapSys 15.5 MiB: 1.3 MiB idle, 13.4 MiB released).');
  });
});
