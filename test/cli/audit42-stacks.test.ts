/**
 * Stacks in series verdicts, on two real Go 1.19.8 programs (captures and programs in
 * test/fixtures/captured/go1.19-audit42-deeprec and go1.19-audit42-idleconns, READMEs there).
 * deeprec: every ~0.3 s, ≤ 8 request goroutines recurse 10,000 deep in main.walk (~16 MiB of stack
 * each); StackInuse swings 16–135 MiB. It was "a burst of goroutines came and went" with and without
 * goroutine dumps ("38 goroutines at the peak" from a dump of another moment; "40 at the peak, 40 in
 * the last"), in its GC log too, and its plain dumps called a between-GC HeapObjects rise of 5,299
 * "the descriptors of the burst's goroutines". idleconns: 804 goroutines throughout, live ~4.8 MiB;
 * its ?gc=1 dumps alone were "Cannot tell yet" from StackInuse +96 KiB (2.6 %).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { countWords } from '../../src/analyze/series/verdict.js';
import { formatCount } from '../../src/text/units.js';

const D = 'test/fixtures/captured/go1.19-audit42-deeprec';
const I = 'test/fixtures/captured/go1.19-audit42-idleconns';

interface Verdict { kind?: string; leak: string; confidence?: string; summary: string }
interface Report { verdict: Verdict; series?: { verdict: Verdict; points: { stackInuse: number; heapObjects?: number }[] }; gcTraces?: { verdict: Verdict }[] }

async function analyze(args: string[]): Promise<Report> {
  const r = await runCli([...args, '--format', 'json']);
  return JSON.parse(r.stdout) as Report;
}

const HEAPSYS = 'and the freed stack spans are heap the runtime keeps (HeapSys 210.7 MiB: 116.6 MiB idle, 92.7 MiB released).';

describe('deep recursion in a few goroutines is no burst of goroutines (go1.19-audit42-deeprec)', () => {
  it('?gc=1 dumps alone: no goroutine count, so "more goroutines, or deeper stacks"', async () => {
    const report = await analyze([`${D}/gc1/`]);
    expect(report.series?.verdict).toMatchObject({ kind: 'peak-retention', confidence: 'high' });
    expect(report.series?.verdict.summary).toBe(`Peak retention, not a leak: a stack peak (more goroutines, or deeper stacks) came and went — their stacks (StackInuse) 16.4 MiB → 88.6 MiB at snapshot 8 → 17.3 MiB, ${HEAPSYS}`);
  });

  // A dump of the peak's moment (t64: 40 goroutines recursing beside 35.9 MiB of stacks, 918.4 KiB each) and a count that rose 30 → 40:
  // deep stacks at RECURSING_DEEP_STACK_BYTES with a recursion, not "a burst of goroutines came and went" (it was, under 1 MiB each).
  it('five of its ?gc=1 dumps, the peak t64 paired with its goroutine dumps: deep stacks, not a burst of goroutines', async () => {
    const dumps = ['05', '19', '34', '64', '72'].map((t) => `${D}/gc1/heap-t${t}.txt`);
    const report = await analyze([...dumps, `${D}/goroutine`]);
    expect(report.series?.verdict).toMatchObject({ kind: 'peak-retention', leak: 'not-suspected' });
    expect(report.series?.verdict.summary).toBe(`Peak retention, not a leak: a stack peak came and went — deep stacks, not a burst of goroutines: 40 goroutines at the peak, the last goroutine dump (10 in its debug=1 dump), 918.4 KiB of stack each, and main.walk calls itself (100 of the frames printed, main.go:14). The stacks (StackInuse) went 16.4 MiB → 35.9 MiB at snapshot 4 → 17.3 MiB, ${HEAPSYS}`);
  });

  // The dumps' names carry their moments (t19, t64) and the peak's snapshot its own (gc1/heap-t57.txt): each count is said at its
  // time, and that none is the peak's. It was "at most 38 goroutines in a goroutine dump (none of the peak's moment), 10 in the
  // last goroutine dump, 2.3 MiB of stack each if the peak had as many".
  it('with the debug=1 goroutine dumps of t19 and t64: deep stacks and the recursion, each count at its time, none the peak\'s (t57)', async () => {
    const report = await analyze([`${D}/gc1/`, `${D}/goroutine/goroutine1-t19.txt`, `${D}/goroutine/goroutine1-t64.txt`]);
    expect(report.series?.verdict).toMatchObject({ kind: 'peak-retention', confidence: 'high' });
    expect(report.series?.verdict.summary).toBe(`Peak retention, not a leak: a stack peak came and went — deep stacks, not a burst of goroutines: 38 goroutines at t19 and 10 at t64, no goroutine dump of the peak's moment (t57), 2.3 MiB of stack each if the peak had 38, and main.walk calls itself (32 of the frames printed, main.go:14). The stacks (StackInuse) went 16.4 MiB → 88.6 MiB at snapshot 8 → 17.3 MiB, ${HEAPSYS}`);
  });

  it('with the debug=2 dumps (30 and 40 goroutines): not "40 at the peak, 40 in the last" of a burst', async () => {
    const report = await analyze([`${D}/gc1/`, `${D}/goroutine/goroutine2-t19.txt`, `${D}/goroutine/goroutine2-t64.txt`]);
    expect(report.series?.verdict.summary).toBe(`Peak retention, not a leak: a stack peak came and went — deep stacks, not a burst of goroutines: 30 goroutines at t19 and 40 at t64, no goroutine dump of the peak's moment (t57), 2.2 MiB of stack each if the peak had 40, and main.walk calls itself (100 of the frames printed, main.go:14). The stacks (StackInuse) went 16.4 MiB → 88.6 MiB at snapshot 8 → 17.3 MiB, ${HEAPSYS}`);
  });

  // The whole capture: plain/ and gc1/ heap dumps of ten moments, goroutine/ debug=1 and debug=2 dumps of t19 and t64 (sibling
  // folders, each name with its kind before the time). It was "at most 40 goroutines in a goroutine dump (none of the peak's
  // moment), 40 in the last goroutine dump, 3.4 MiB of stack each if the peak had as many".
  it('the folder: debug=2\'s count at each time, debug=1\'s beside it where it differs, and the peak\'s time (t12, plain/heap-t12.txt) that no dump has', async () => {
    const report = await analyze([D]);
    expect(report.series?.verdict.summary).toBe(`Peak retention, not a leak: a stack peak came and went — deep stacks, not a burst of goroutines: 30 goroutines at t19 (38 in its debug=1 dump) and 40 at t64 (10 in its debug=1 dump), no goroutine dump of the peak's moment (t12), 3.4 MiB of stack each if the peak had 40, and main.walk calls itself (100 of the frames printed, main.go:14). The stacks (StackInuse) went 32.4 MiB → 135.4 MiB at snapshot 3 → 17.3 MiB, ${HEAPSYS}`);
    const text = await runCli([D, '--color=never']);
    expect(text.stdout.split('\n')[0]).toBe('Peak retention, not a leak: a stack peak came and went — deep stacks, not a burst of goroutines: 30 goroutines at t19 (38 in its debug=1 dump) and 40 at t64 (10 in its debug=1 dump), no goroutine dump of the peak\'s moment (t12), 3.4 MiB of stack each if the peak had 40, and main.walk calls itself (100 of the frames printed, main.go:14).');
  });

  it('its GC log counts no goroutines: a stack peak, not "a burst of goroutines"', async () => {
    const report = await analyze([`${D}/gctrace.log`]);
    expect(report.gcTraces?.[0]?.verdict.summary).toBe('Peak, not a leak: a stack peak (more goroutines, or deeper stacks) came and went — the goroutine stacks the GC scans (its "MB stacks") rose 16 → 68 MB (gc 8) and fell back to 16 MB, while the live heap after GC stayed at 0 MB over 67.6 s and 10 GCs: the stacks, not the live heap, grew the process, and their freed spans are heap the runtime keeps until the scavenger returns it.');
  });

  it('plain dumps read between GCs: HeapObjects +5,299 is not called goroutine descriptors', async () => {
    const report = await analyze([`${D}/plain/`]);
    expect(report.series?.verdict).toMatchObject({ kind: 'peak-retention', confidence: 'high' });
    expect(report.series?.verdict.summary).toBe('Peak retention, not a leak: a stack peak (more goroutines, or deeper stacks) came and went — their stacks (StackInuse) 32.4 MiB → 135.4 MiB at snapshot 2 → 37.3 MiB, and the freed stack spans are heap the runtime keeps (HeapSys 190.7 MiB: 150.6 MiB idle, 37.0 MiB released).');
  });
});

describe('a stable connection pool\'s ?gc=1 dumps alone (go1.19-audit42-idleconns)', () => {
  it('StackInuse +96 KiB (2.6 %) beside a flat live heap is no sign of leaked goroutines: Stable', async () => {
    const report = await analyze([`${I}/gc1/`]);
    expect(report.series?.points.map((p) => p.stackInuse)).toEqual([3702784, 3768320, 3768320, 3768320, 3768320, 3768320, 3801088, 3801088, 3801088, 3801088]);
    expect(report.series?.verdict).toEqual({
      kind: 'stable', leak: 'not-suspected', confidence: 'high', evidence: [],
      summary: 'Stable: live heap 4.8 MiB → 5.2 MiB across 10 GC-separated snapshots (snapshots 1→10), with no site or goroutine group growing steadily.',
    });
  });

  it('a list flat for all but its last value says so, where eliding the middle hid it (its HeapObjects, as the dumps print them)', async () => {
    const report = await analyze([`${I}/gc1/`]);
    const objects = report.series?.points.map((p) => p.heapObjects ?? 0) ?? [];
    expect(objects).toEqual([17720, 17725, 17730, 17724, 17715, 17743, 17751, 17753, 17751, 22956]);
    expect(countWords(objects, formatCount)).toBe('flat at 17,715–17,753 for 9 snapshots, then 22,956');
    // Still elided where it moved: the first 9 beyond a tenth of their highest.
    expect(countWords([15000, ...objects.slice(1)], formatCount)).toBe('15,000 → … → 17,743 → … → 22,956');
  });
});
