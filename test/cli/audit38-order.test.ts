/**
 * Goroutine dumps in the order they were taken, on real go1.19.8 programs captured for an audit
 * (test/fixtures/captured/go1.19-audit38-mutexleak and -healing, README.md and main.go there): a
 * folder's `last.goroutine-debug2.txt`, taken after t01…t10, sorted first by name and turned a leak
 * into "296 → 273 goroutines: a burst in flight"; files given in order were sorted again; and a
 * plateau of goroutine stacks was said as the live heap's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const LEAK = 'test/fixtures/captured/go1.19-audit38-mutexleak';
const HEALING = 'test/fixtures/captured/go1.19-audit38-healing';

interface Verdict { kind: string; leak: string; confidence: string; summary: string; evidence: { kind: string }[] }
interface Report { verdict: { leak: string; summary: string }; series: { verdict: Verdict; growingGroups: { function: string; counts: number[] }[] }; goroutines: { source: string; total: number; unplaced?: string }[] }
async function analyze(args: string[], input?: string): Promise<Report> {
  const r = await runCli(['analyze', ...args, '--format', 'json'], input === undefined ? {} : { input });
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}
const shape = (v: Verdict): unknown => ({ kind: v.kind, leak: v.leak, confidence: v.confidence, evidence: v.evidence.map((e) => e.kind) });
const unplaced = (folder: string, n: number): string => `The goroutine dump last.goroutine-debug2.txt is not in the goroutine trend: its place among the ${n} goroutine dumps t01…t${n} of ${folder}/goroutines/ cannot be known — its name does not continue their numbering, and a goroutine?debug=1 dump carries no goroutine ids to order it by; give the files in the order they were taken, one by one, or name it to follow t${n}.`;
const numbered = (n: number): string[] => Array.from({ length: n }, (_, i) => `${LEAK}/goroutines/t${String(i + 1).padStart(2, '0')}.goroutine-debug1.txt`);

describe('mutexleak: goroutines blocked forever on a mutex, a leak', () => {
  it('its folders: the goroutine trend reads t01…t10 (main.handle 13 → 269), not last first; the verdict says why last is left out', async () => {
    const d = await analyze([`${LEAK}/gc1`, `${LEAK}/goroutines`]);
    expect(shape(d.series.verdict)).toEqual({ kind: 'leak', leak: 'suspected', confidence: 'high', evidence: ['goroutine-groups', 'stack-inuse'] });
    expect(d.verdict.summary).toBe(`Leak suspected (high confidence): growing goroutine groups across 10 dumps: main.handle +256; goroutine stacks (StackInuse) 1.7 MiB → 33.6 MiB across 10 snapshots. ${unplaced(LEAK, 10)}`);
    expect(d.series.growingGroups.map((g) => [g.function, g.counts])).toEqual([['main.handle', [13, 45, 80, 106, 135, 161, 191, 220, 244, 269]]]);
    expect(d.goroutines.map((g) => [g.source.slice(LEAK.length + 12), g.total, g.unplaced !== undefined])).toEqual([
      ['last.goroutine-debug2.txt', 296, true], ...[17, 49, 84, 110, 139, 165, 195, 224, 248, 273].map((n, i) => [`t${String(i + 1).padStart(2, '0')}.goroutine-debug1.txt`, n, false]),
    ]);
  });

  it('the text report lists last as in no trend, and its latest dump is t10 (main.handle 269)', async () => {
    const r = await runCli(['analyze', `${LEAK}/gc1`, `${LEAK}/goroutines`], { env: { COLUMNS: '250' } });
    expect(r.stdout).toContain(`${LEAK}/goroutines/last.goroutine-debug2.txt: 296 goroutines in 5 groups (goroutine?debug=2); its place among the others is unknown: in no trend`);
    expect(r.stdout).toMatch(/count {2}group \(latest dump\)\n {6}269 {2}main\.handle\n/);
  });

  it('the files given one by one in the order they were taken: last is read last (main.handle 13 → 292 across 11 dumps)', async () => {
    const d = await analyze([`${LEAK}/gc1`, ...numbered(10), `${LEAK}/goroutines/last.goroutine-debug2.txt`]);
    expect(d.verdict.summary).toBe('Leak suspected (high confidence): growing goroutine groups across 11 dumps: main.handle [semacquire] +279; goroutine stacks (StackInuse) 1.7 MiB → 33.6 MiB across 10 snapshots.');
    expect(d.series.growingGroups.map((g) => g.counts)).toEqual([[13, 45, 80, 106, 135, 161, 191, 220, 244, 269, 292]]);
  });

  it('t01, t10 and last on standard input, in that order: 13 → 269 → 292, growth short of evidence — never "no goroutine group grows" beside it', async () => {
    const input = ['t01.goroutine-debug1.txt', 't10.goroutine-debug1.txt', 'last.goroutine-debug2.txt'].map((n) => readFileSync(`${LEAK}/goroutines/${n}`, 'utf8')).join('');
    const d = await analyze(['-'], input);
    expect(shape(d.series.verdict)).toEqual({ kind: 'unknown', leak: 'unknown', confidence: 'low', evidence: [] });
    expect(d.verdict.summary).toBe("Cannot tell yet whether goroutines leak: across 3 goroutine dumps a goroutine group grew, but not as a leak's does (at two steps or more, and still rising through the later half); take more, some time apart, to see whether it keeps growing, and give heap dumps of the same moments for the memory picture. Growing, but not yet evidence: main.handle [semacquire] +279 goroutines.");
    expect(d.series.growingGroups.map((g) => g.counts)).toEqual([[13, 269, 292]]);
  });
});

describe('healing: goroutines that each live 15 s, a plateau of their stacks', () => {
  const PLATEAU = 'A plateau, not a leak: the goroutine stacks (StackInuse) rose from 2.7 MiB to 17.0 MiB by snapshot 3, then stayed near 18.4 MiB through snapshot 12 (53.6% of Sys), beside a live heap of 184.0 KiB → 321.8 KiB across 12 GC-separated snapshots (snapshots 1→12), with no site or goroutine group growing steadily: the stacks grew, then stopped.';

  it('the ?gc=1 dumps alone: the plateau is the stacks\', not the live heap\'s 184.0 → 321.8 KiB', async () => {
    const d = await analyze([`${HEALING}/gc1`]);
    expect(shape(d.series.verdict)).toEqual({ kind: 'stable', leak: 'not-suspected', confidence: 'high', evidence: [] });
    expect(d.verdict.summary).toBe(PLATEAU);
  });

  it('with the goroutine dumps (30 → 136 by t03, then 139–150): the same plateau, no stacks "growing, but not yet evidence", last left out', async () => {
    const d = await analyze([`${HEALING}/gc1`, `${HEALING}/goroutines`]);
    expect(shape(d.series.verdict)).toEqual({ kind: 'stable', leak: 'not-suspected', confidence: 'high', evidence: [] });
    expect(d.verdict.summary).toBe(`${PLATEAU} ${unplaced(HEALING, 12)}`);
    expect(d.goroutines.filter((g) => g.unplaced === undefined).map((g) => g.total)).toEqual([30, 98, 136, 139, 142, 145, 144, 143, 147, 149, 150, 147]);
  });
});
