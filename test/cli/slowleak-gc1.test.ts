/**
 * A slow leak read after forced GCs (test/fixtures/captured/go1.19-slowleak-gc1, README.md there;
 * main.go.txt the program): a service with ~30 MiB of stable live data leaking ~1.5 % of it per
 * 5 s from one site, dumped six times with heap?debug=1&gc=1. Its live heap rose by less than
 * 10 %, which read as flat: "Stable" (high confidence), and CI passed. Read exactly — HeapAlloc
 * just after a GC, rising at every step, HeapObjects too, the profile's site rising with it — it
 * is a leak (docs/reasoning.md §7, src/analyze/series/slowrise.ts). The same service's warm-up
 * (rises, then its last three dumps flat) and its noisy flat run (live ±2 %) are not.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';

const A = 'test/fixtures/captured/go1.19-slowleak-gc1';
const DUMPS = ['01-t05s', '02-t10s', '03-t15s', '04-t20s', '05-t25s', '06-t30s'].map((n) => `${n}.heap-debug1.txt`);

interface Verdict { kind: string; leak: string; confidence: string; summary: string; evidence: { kind: string }[] }
interface Series { verdict: Verdict; growingSites: { function: string; line: number; growthBytes: number; inuseBytes: number[] }[]; points: { breakdown: { live: number } }[] }
async function series(args: string[]): Promise<Series> {
  const r = await runCli(['analyze', ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as { series: Series }).series;
}
const shape = (v: Verdict): unknown => ({ kind: v.kind, leak: v.leak, confidence: v.confidence, evidence: v.evidence.map((e) => e.kind) });
const exitOnLeak = async (args: string[]): Promise<number | null> => (await runCli(['analyze', ...args, '--fail-on', 'leak'])).code;

describe('the slow leak, six ?gc=1 dumps', () => {
  it('slowleak-1: a leak at high confidence (was "Stable"); --fail-on leak exits 1', async () => {
    const s = await series([`${A}/slowleak-1`]);
    expect(s.points.map((p) => p.breakdown.live)).toEqual([32_955_496, 33_503_144, 33_966_088, 34_735_048, 35_015_112, 35_424_872]);
    expect(shape(s.verdict)).toEqual({ kind: 'leak', leak: 'suspected', confidence: 'high', evidence: ['live-heap', 'sites'] });
    expect(s.verdict.summary).toBe("Leak suspected (high confidence): live heap 31.4 MiB → 33.8 MiB (+7.5%) across 6 GC-separated snapshots (snapshots 1→6), each read right after a forced GC (?gc=1), so exact: it rose at every step, by 273.5 KiB at least (482.3 KiB on average), HeapObjects 8,649 → 8,753 → 8,858 → 8,970 → 9,062 → 9,159 at every step too, and the heap profile's sites rose with it (main.newSession +1.5 MiB); growing sites: main.newSession +1.5 MiB (rough: 0 → 3 samples).");
    expect(s.growingSites.map((g) => [g.function, g.line, g.growthBytes])).toEqual([['main.newSession', 76, 1_587_114]]);
    expect(await exitOnLeak([`${A}/slowleak-1`])).toBe(1);
  });

  it('slowleak-2: a leak at high confidence, though its site has two samples for 2.6 MiB (HeapObjects rose at every step)', async () => {
    const s = await series([`${A}/slowleak-2`]);
    expect(shape(s.verdict)).toEqual({ kind: 'leak', leak: 'suspected', confidence: 'high', evidence: ['live-heap', 'sites'] });
    expect(s.verdict.summary).toBe("Leak suspected (high confidence): live heap 31.3 MiB → 33.9 MiB (+8.1%) across 6 GC-separated snapshots (snapshots 1→6), each read right after a forced GC (?gc=1), so exact: it rose at every step, by 360.3 KiB at least (521.6 KiB on average), HeapObjects 8,638 → 8,749 → 8,850 → 8,952 → 9,045 → 9,157 at every step too, and the heap profile's sites rose with it (main.newSession +1.0 MiB); growing sites: main.newSession +1.0 MiB (rough: 1 → 3 samples).");
    expect(s.growingSites.map((g) => [g.function, g.growthBytes, g.inuseBytes.map(Math.round)])).toEqual([['main.newSession', 1_058_076, [529_038, 529_038, 529_038, 529_038, 1_058_076, 1_587_114]]]);
  });

  it('slowleak-3: HeapAlloc fell by about a whole step at dump 2: growth, not yet evidence (was "Stable"); --fail-on leak exits 0', async () => {
    const s = await series([`${A}/slowleak-3`]);
    expect(shape(s.verdict)).toEqual({ kind: 'unknown', leak: 'unknown', confidence: 'low', evidence: [] });
    expect(s.verdict.summary).toBe('Cannot tell yet whether memory leaks: the live heap rose 32.4 MiB → 33.8 MiB (+4.4%) across 6 GC-separated snapshots (snapshots 1→6), each read right after a forced GC (?gc=1), and HeapObjects at every step (8,683 → 8,761 → 8,866 → 8,966 → 9,068 → 9,165), but not HeapAlloc at every step: it fell by 264.8 KiB at snapshot 2, half its average rise per step (289.5 KiB) or more; take more over a longer time to see whether it keeps rising. Growing, but not yet evidence: main.newSession +1.5 MiB (0 → 0 → 1 → 1 → 3 → 3 samples: within sampling error).');
    expect(await exitOnLeak([`${A}/slowleak-3`])).toBe(0);
  });

  it('slowleak-1 on standard input: no name says ?gc=1 (and no option names stdin), so its forced GC may be the program\'s runtime.GC()', async () => {
    const input = Buffer.concat(DUMPS.map((d) => readFileSync(join(ROOT, A, 'slowleak-1', d))));
    const r = await runCli(['analyze', '-', '--format', 'json'], { input });
    const s = (JSON.parse(r.stdout) as { series: Series }).series;
    expect(s.verdict.summary).toBe("Leak suspected (high confidence): live heap 31.4 MiB → 33.8 MiB (+7.5%) across 6 GC-separated snapshots (snapshots 1→6), each read right after a forced GC (?gc=1 or the program's runtime.GC()), so exact: it rose at every step, by 273.5 KiB at least (482.3 KiB on average), HeapObjects 8,649 → 8,753 → 8,858 → 8,970 → 9,062 → 9,159 at every step too, and the heap profile's sites rose with it (main.newSession +1.5 MiB); growing sites: main.newSession +1.5 MiB (rough: 0 → 3 samples).");
  });

  it('lint: leak-suspected at the last dump of slowleak-1, exit 1', async () => {
    const r = await runCli(['lint', `${A}/slowleak-1`, '--color=never']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr: '' });
    expect(r.stdout).toBe(`\n${A}/slowleak-1/06-t30s.heap-debug1.txt\n  7:1  error  Leak suspected (high confidence) across 6 snapshots, 01-t05s.heap-debug1.txt → 06-t30s.heap-debug1.txt: live heap 31.4 MiB → 33.8 MiB over 6 GC-separated snapshots; growing main.newSession 0 B → 1.5 MiB.  leak-suspected\n\n✖ 1 problem (1 error, 0 warnings)\n`);
  });
});

describe('fewer dumps of the same leak: medium, saying why', () => {
  it('its first four: medium, "once in 24 series"', async () => {
    const s = await series(DUMPS.slice(0, 4).map((n) => `${A}/slowleak-1/${n}`));
    expect(shape(s.verdict)).toEqual({ kind: 'leak', leak: 'suspected', confidence: 'medium', evidence: ['live-heap', 'sites'] });
    expect(s.verdict.summary).toBe("Leak suspected (medium confidence): live heap 31.4 MiB → 33.1 MiB (+5.4%) across 4 GC-separated snapshots (snapshots 1→4), each read right after a forced GC (?gc=1), so exact: it rose at every step, by 452.1 KiB at least (579.3 KiB on average), HeapObjects 8,649 → 8,753 → 8,858 → 8,970 at every step too, and the heap profile's sites rose with it (main.newSession +1.0 MiB); growing sites: main.newSession +1.0 MiB (rough: 0 → 2 samples). Medium, not high: a rise under 10% of the live heap at each step of 4 snapshots only — a heap that merely moves does that once in 24 series; 6 snapshots or more (once in 720) make it high.");
    expect(s.growingSites.map((g) => g.growthBytes)).toEqual([1_058_076]);
  });

  it('dumps 2–5: medium too, though its sampled site rose at each step (0.5 → 1.0 → 1.5 MiB is three samples)', async () => {
    const s = await series(DUMPS.slice(1, 5).map((n) => `${A}/slowleak-1/${n}`));
    expect(shape(s.verdict)).toEqual({ kind: 'leak', leak: 'suspected', confidence: 'medium', evidence: ['live-heap', 'sites'] });
    expect(s.verdict.summary.endsWith('a heap that merely moves does that once in 24 series; 6 snapshots or more (once in 720) make it high.')).toBe(true);
  });

  it('its first five: medium, "once in 120 series"', async () => {
    const s = await series(DUMPS.slice(0, 5).map((n) => `${A}/slowleak-1/${n}`));
    expect(shape(s.verdict)).toEqual({ kind: 'leak', leak: 'suspected', confidence: 'medium', evidence: ['live-heap', 'sites'] });
    expect(s.verdict.summary.endsWith('at each step of 5 snapshots only — a heap that merely moves does that once in 120 series; 6 snapshots or more (once in 720) make it high.')).toBe(true);
  });

  it('its first three: too few for a rise under 10% (churn, as before)', async () => {
    const s = await series(DUMPS.slice(0, 3).map((n) => `${A}/slowleak-1/${n}`));
    expect(shape(s.verdict)).toEqual({ kind: 'churn', leak: 'not-suspected', confidence: 'medium', evidence: [] });
  });
});

describe('the counter-cases: never a leak', () => {
  const cases: [string, unknown, string][] = [
    ['warmup-1', { kind: 'churn', leak: 'not-suspected', confidence: 'medium', evidence: [] }, 'Churn, not a leak: 329.6 MiB allocated a step on average (1.6 GiB over 5 steps between snapshots) while live heap stays near 32.6 MiB across 6 GC-separated snapshots; the Go heap\'s cost is GC work.'],
    ['warmup-2', { kind: 'stable', leak: 'not-suspected', confidence: 'high', evidence: [] }, 'Stable: live heap 31.6 MiB → 32.8 MiB across 6 GC-separated snapshots (snapshots 1→6), with no site or goroutine group growing steadily.'],
    ['warmup-3', { kind: 'stable', leak: 'not-suspected', confidence: 'high', evidence: [] }, 'Stable: live heap 31.8 MiB → 32.9 MiB across 6 GC-separated snapshots (snapshots 1→6), with no site or goroutine group growing steadily.'],
    ['noisy-1', { kind: 'churn', leak: 'not-suspected', confidence: 'medium', evidence: [] }, 'Churn, not a leak: 339.5 MiB allocated a step on average (1.7 GiB over 5 steps between snapshots) while live heap stays near 31.9 MiB across 6 GC-separated snapshots; the Go heap\'s cost is GC work.'],
    ['noisy-2', { kind: 'stable', leak: 'not-suspected', confidence: 'high', evidence: [] }, 'Stable: live heap 31.4 MiB → 31.3 MiB across 6 GC-separated snapshots (snapshots 1→6), with no site or goroutine group growing steadily.'],
    ['noisy-3', { kind: 'churn', leak: 'not-suspected', confidence: 'medium', evidence: [] }, 'Churn, not a leak: 344.1 MiB allocated a step on average (1.7 GiB over 5 steps between snapshots) while live heap stays near 32.0 MiB across 6 GC-separated snapshots; the Go heap\'s cost is GC work.'],
  ];
  for (const [dir, expected, summary] of cases) {
    it(`${dir}: ${(expected as { kind: string }).kind}, --fail-on leak exits 0`, async () => {
      const s = await series([`${A}/${dir}`]);
      expect(shape(s.verdict)).toEqual(expected);
      expect(s.verdict.summary).toBe(summary);
      expect(await exitOnLeak([`${A}/${dir}`])).toBe(0);
    });
  }

  it('the warm-up\'s rising first four dumps (warmup-1): no leak — its cache evicts, so no site rose without falling — but growth, not churn', async () => {
    const dumps = DUMPS.slice(0, 4).map((n) => `${A}/warmup-1/${n}`);
    const s = await series(dumps);
    expect(s.points.map((p) => p.breakdown.live)).toEqual([33_102_680, 33_345_584, 34_077_024, 34_379_872]);
    // It rose at every step, 1.2 MiB in all: "Churn, not a leak" (medium) said more than four dumps of a cache still filling tell.
    expect(shape(s.verdict)).toEqual({ kind: 'unknown', leak: 'unknown', confidence: 'low', evidence: [] });
    expect(s.verdict.summary).toBe('Cannot tell yet whether memory leaks: the live heap grew 31.6 MiB → 32.8 MiB across 4 GC-separated snapshots (snapshots 1→4), rising at every step, but by less than 3.2 MiB, too little yet to tell a leak from the heap\'s own noise; take more over a longer time to see whether it keeps rising.');
    expect(await exitOnLeak(dumps)).toBe(0);
  });

  it('lint of every counter-case and slowleak-3: no finding of leak-suspected, exit 0', async () => {
    const dirs = ['slowleak-3', 'warmup-1', 'warmup-2', 'warmup-3', 'noisy-1', 'noisy-2', 'noisy-3'].map((d) => `${A}/${d}`);
    const r = await runCli(['lint', ...dirs, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stdout.includes('leak-suspected')).toBe(false);
  });
});
