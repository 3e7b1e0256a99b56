/**
 * A goroutine dump paired with the heap dump of its moment by the time in their names, across
 * sibling folders (common/stems.ts pairedCapture, docs/goroutines.md), on real Go 1.19.8 captures:
 * - go1.19-pairing43-burstlayout (README there): 100 goroutines of ~128 KiB stack came and went;
 *   `heap/heap-TIME.txt`, `gor1/g-TIME.txt` (debug=1) and `gor2/g-TIME.txt` (debug=2) of five
 *   moments, TIME a timestamp. It said "at most 103 goroutines in a goroutine dump (none of the
 *   peak's moment)", and its trend read each moment twice (gor1/ and gor2/ as ten moments).
 * - go1.19-audit42-deeprec: `gc1/heap-t19.txt`, `plain/heap-t19.txt` and `goroutine/goroutine1-t19.txt`,
 *   `goroutine2-t19.txt` (debug=1 and debug=2 of t19, and of t64).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { readFixture } from '../helpers/fixtures.js';
import { countingDumps, summarizeGoroutineProfile, summarizeTraceback, type GoroutineSummary } from '../../src/analyze/goroutines/index.js';
import { otherFormatCounts } from '../../src/analyze/goroutines/tracks.js';
import { orderGoroutineDumps } from '../../src/analyze/goroutines/order.js';
import { parseGoroutineProfile } from '../../src/grammar/goroutine/index.js';
import { parseTraceback } from '../../src/grammar/traceback/index.js';

const B = 'test/fixtures/captured/go1.19-pairing43-burstlayout/run';
const D = 'test/fixtures/captured/go1.19-audit42-deeprec';
const TIMES = ['12:04:26', '12:04:29', '12:04:32', '12:04:36', '12:04:38'].map((t) => `2026-12-07T${t}`);

interface Verdict { kind?: string; leak: string; summary: string }
interface Finding { ruleId: string; source: string; message: string; fix: string }
interface Report { verdict: Verdict; series?: { verdict: Verdict }; findings: Finding[] }

async function analyze(args: string[]): Promise<Report> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Report;
}

const read = (source: string): GoroutineSummary => {
  const text = readFixture(source.slice('test/fixtures/'.length));
  return text.startsWith('goroutine profile:') ? summarizeGoroutineProfile(parseGoroutineProfile(text, source).profile, source) : summarizeTraceback(parseTraceback(text, source).dump, source);
};

const BURST = 'Peak retention, not a leak: a burst of goroutines came and went — 103 goroutines at the peak, 3 in the last goroutine dump; their stacks (StackInuse) 352.0 KiB → 12.9 MiB at snapshot 3 → 544.0 KiB, and the freed stack spans are heap the runtime keeps (HeapSys 15.5 MiB: 1.3 MiB idle, 13.4 MiB released).';

describe('heap/ and gor1/, gor2/ named by one timestamp a moment (go1.19-pairing43-burstlayout)', () => {
  it('the run: the peak (heap-2026-12-07T12:04:32) with the debug=2 dump of its timestamp, "103 goroutines at the peak"', async () => {
    const report = await analyze([B]);
    expect(report.series?.verdict).toMatchObject({ kind: 'peak-retention', leak: 'not-suspected' });
    expect(report.series?.verdict.summary).toBe(BURST);
    expect(report.verdict.summary).toBe(BURST);
    const text = await runCli([B, '--color=never']);
    expect(text.stdout.split('\n')[0]).toBe(BURST);
  });

  it('the heap dumps with the debug=1 dumps alone: the same count at the peak', async () => {
    const report = await analyze([`${B}/heap`, `${B}/gor1`]);
    expect(report.series?.verdict.summary).toBe(BURST);
  });

  it('without the peak\'s dump: never another moment\'s (12:04:29 counts 103 too), each count at its time, or beyond three dumps the most and the last', async () => {
    const dumps = (...at: number[]): string[] => at.map((i) => `${B}/gor2/g-${TIMES[i] ?? ''}.txt`);
    const STACKS = 'their stacks (StackInuse) 352.0 KiB → 12.9 MiB at snapshot 3 → 544.0 KiB, and the freed stack spans are heap the runtime keeps (HeapSys 15.5 MiB: 1.3 MiB idle, 13.4 MiB released).';
    const three = await analyze([`${B}/heap`, ...dumps(0, 1, 4)]);
    expect(three.series?.verdict.summary).toBe(`Peak retention, not a leak: a burst of goroutines came and went — 3 goroutines at 2026-12-07T12:04:26, 103 at 2026-12-07T12:04:29 and 3 at 2026-12-07T12:04:38, no goroutine dump of the peak's moment (2026-12-07T12:04:32); ${STACKS}`);
    const four = await analyze([`${B}/heap`, ...dumps(0, 1, 3, 4)]);
    expect(four.series?.verdict.summary).toBe(`Peak retention, not a leak: a burst of goroutines came and went — at most 103 goroutines in a goroutine dump (none of the peak's moment, 2026-12-07T12:04:32), 3 at 2026-12-07T12:04:38, the last; ${STACKS}`);
  });

  it('each moment\'s debug=1 and debug=2 dumps, in sibling folders, are one moment: five in the trend, the debug=2 ones', () => {
    const given = [...TIMES.map((t) => `${B}/gor1/g-${t}.txt`), ...TIMES.map((t) => `${B}/gor2/g-${t}.txt`)].map(read);
    const counting = countingDumps(orderGoroutineDumps(given));
    expect(counting.map((d) => `${d.source.slice(B.length + 1)} ${d.total}`)).toEqual(TIMES.map((t, i) => `gor2/g-${t}.txt ${[3, 103, 103, 3, 3][i] ?? 0}`));
    // Each with its debug=1 dump of that moment, which counts the same.
    expect(otherFormatCounts(counting, given)).toEqual([3, 103, 103, 3, 3].map((total, i) => ({ total, traceback: false, source: `${B}/gor1/g-${TIMES[i] ?? ''}.txt` })));
  });
});

describe('goroutine/ beside gc1/ and plain/ (go1.19-audit42-deeprec): debug=1 and debug=2 of t19 and of t64', () => {
  it('each debug=2 dump with the debug=1 dump of its time, which counts otherwise (fetched one after the other)', () => {
    const given = ['goroutine1-t19', 'goroutine1-t64', 'goroutine2-t19', 'goroutine2-t64'].map((n) => read(`${D}/goroutine/${n}.txt`));
    const counting = countingDumps(orderGoroutineDumps(given));
    expect(counting.map((d) => `${d.source.slice(D.length + 1)} ${d.total}`)).toEqual(['goroutine/goroutine2-t19.txt 30', 'goroutine/goroutine2-t64.txt 40']);
    expect(otherFormatCounts(counting, given)).toEqual([{ total: 38, traceback: false, source: `${D}/goroutine/goroutine1-t19.txt` }, { total: 10, traceback: false, source: `${D}/goroutine/goroutine1-t64.txt` }]);
  });
});

describe('a snapshot\'s findings with the dump of its moment (go1.19-audit39-goroleak: gc1/heap-gc1-t220.txt, goroutines/goroutine2-t220.txt)', () => {
  it('goroutine-descriptors counts the 446 goroutines alive, where it asked for a goroutine profile of the same moment', async () => {
    const G = 'test/fixtures/captured/go1.19-audit39-goroleak';
    // The folder's other files (main.go.txt, escape.txt…) are skipped with a note on stderr.
    const report = JSON.parse((await runCli([G, '--format', 'json'])).stdout) as Report;
    const found = report.findings.find((f) => f.ruleId === 'goroutine-descriptors');
    expect(found?.source).toBe(`${G}/gc1/heap-gc1-t220.txt`);
    // It was "…: an estimate from 2 samples, too few to count them." and "Take a goroutine profile of the same moment (goroutine?debug=1): …".
    expect(found?.message).toBe(`Goroutine descriptors hold about 1.0 MiB of live heap (runtime.malg): an estimate from 2 samples; the goroutine dump of the same moment (${G}/goroutines/goroutine2-t220.txt) counts 446 goroutines alive.`);
    expect(found?.fix).toBe('See what the 446 goroutines alive wait on (the Goroutines section groups them by stack and wait state): goroutines that wait forever are a leak; if few are alive, this is a past peak — lower the peak of simultaneous goroutines (a worker pool). If the count grows across dumps, goroutines are leaking.');
  });
});
