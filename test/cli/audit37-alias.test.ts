/**
 * Series verdicts on real go1.19.8 programs captured for an audit (test/fixtures/captured/
 * go1.19-audit37, README.md there; each folder's README.txt and main.go say how and what). A
 * sawtooth sampled once a cycle (aliased into a staircase) was "Leak suspected (high confidence)";
 * a churning heap under GOGC=25 was "Cannot tell yet" from goroutine stacks +64 KiB beside a
 * HeapObjects that did not rise. Real leaks under churn stay "Leak suspected".
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const A = 'test/fixtures/captured/go1.19-audit37';
const dumps = (set: string, names: string[]): string[] => names.map((n) => `${A}/${set}/${n}`);
const numbered = (set: string, n: number, pad = false): string[] => dumps(set, Array.from({ length: n }, (_, i) => `heap-${pad ? String(i + 1).padStart(2, '0') : i + 1}.txt`));

interface Verdict { kind: string; leak: string; confidence: string; summary: string; evidence: { kind: string }[] }
interface Finding { ruleId: string; message: string; why: string }
async function analyze(args: string[]): Promise<{ verdict: Verdict; findings: Finding[] }> {
  const r = await runCli(['analyze', ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  const d = JSON.parse(r.stdout) as { series: { verdict: Verdict }; findings: Finding[] };
  return { verdict: d.series.verdict, findings: d.findings };
}
const shape = (v: Verdict): unknown => ({ kind: v.kind, leak: v.leak, confidence: v.confidence, evidence: v.evidence.map((e) => e.kind) });

describe('a sawtooth (a cache of 4, 8, 12, 16 MiB emptied every 5th step) sampled at steps 1, 7, 13, 19', () => {
  const ALIASED = dumps('sawtooth-aliased', ['heap-gc1-step01.txt', 'heap-gc1-step07.txt', 'heap-gc1-step13.txt', 'heap-gc1-step19.txt']);
  const DOUBT = "Low confidence: the heap reached 19.7 MiB (HeapSys, its high-water mark) between snapshots 1 and 2 and grew no higher since, above the live heap at every later snapshot (16.2 MiB at most): a leak's heap needs more room as it grows, and this one rose back under a level it had already reached, so the samples may alias a periodic pattern (a cache filled and emptied between them); sample more often.";

  it('live 4.2 → 16.2 MiB under a HeapSys of 19.7 MiB reached by snapshot 2: low confidence, naming the past peak (was high)', async () => {
    const { verdict, findings } = await analyze(ALIASED);
    expect(shape(verdict)).toEqual({ kind: 'leak', leak: 'suspected', confidence: 'low', evidence: ['live-heap'] });
    expect(verdict.summary).toBe(`Leak suspected (low confidence): live heap 4.2 MiB → 16.2 MiB across 4 GC-separated snapshots (snapshots 1→4). ${DOUBT}`);
    const leak = findings.find((f) => f.ruleId === 'leak-suspected');
    expect(leak?.message).toBe('Leak suspected (low confidence) across 4 snapshots, heap-gc1-step01.txt → heap-gc1-step19.txt: live heap 4.2 MiB → 16.2 MiB over 4 GC-separated snapshots.');
    // The doubt replaces the generic confidence reason (no "Medium confidence: …" beside "Low confidence: …").
    expect(leak?.why.endsWith(DOUBT)).toBe(true);
    expect(leak?.why).not.toContain('Medium confidence');
    expect(leak?.why).not.toContain('High confidence');
  });

  it('the same dumps from the second on (HeapSys 19.7 MiB at each): no mark set between them, so no doubt of this kind (medium: three readings)', async () => {
    const { verdict } = await analyze(ALIASED.slice(1));
    expect(shape(verdict)).toEqual({ kind: 'leak', leak: 'suspected', confidence: 'medium', evidence: ['live-heap'] });
    expect(verdict.summary).toBe('Leak suspected (medium confidence): live heap 8.2 MiB → 16.2 MiB across 3 GC-separated snapshots (snapshots 1→3).');
  });
});

describe('real leaks (a global map) under heavy churn stay "Leak suspected"', () => {
  it('creep, nine plain dumps: high confidence from main.remember', async () => {
    const { verdict } = await analyze(numbered('creep/plain', 9, true));
    expect(shape(verdict)).toEqual({ kind: 'leak', leak: 'suspected', confidence: 'high', evidence: ['sites'] });
    expect(verdict.summary).toBe('Leak suspected (high confidence): growing sites: main.remember +61.1 MiB.');
  });

  it('creepslow, ten plain dumps (HeapSys 71.7 MiB from snapshot 2 to 7): medium confidence from main.remember', async () => {
    const { verdict } = await analyze(numbered('creepslow-plain', 10, true));
    expect(shape(verdict)).toEqual({ kind: 'leak', leak: 'suspected', confidence: 'medium', evidence: ['sites'] });
    expect(verdict.summary).toBe('Leak suspected (medium confidence): growing sites: main.remember +7.2 MiB.');
  });
});

describe('the cgo program (C memory outside the Go heap, Go garbage only), six plain dumps', () => {
  it('GOGC=25: stacks 320 → 384 KiB beside HeapObjects 1,090 → 1,103 → 1,094 → 1,099 → 1,098 → 1,108 (fell twice, +1.7 %) are no "rose with them"', async () => {
    const { verdict } = await analyze(numbered('cgo-gogc25', 6));
    expect(shape(verdict)).toEqual({ kind: 'unknown', leak: 'unknown', confidence: 'low', evidence: [] });
    expect(verdict.summary).toBe("Cannot tell yet whether memory leaks: the live heap grew 4.4 MiB → 5.3 MiB across 6 GC-separated snapshots (snapshots 1→6), by less than 1.0 MiB, too little yet to tell a leak from the heap's own noise; take more over a longer time to see whether it keeps rising. A dump taken between GCs counts the garbage made since the last one in HeapAlloc: add ?gc=1 to the heap URL so that each snapshot follows a GC.");
  });

  it('GOGC=400: HeapAlloc up to 19.4 MiB (~4.5 MiB live in its gctrace), one reading shown mid-cycle by its profile, is named as read between GCs, not "live heap"', async () => {
    const { verdict } = await analyze(numbered('cgo-gogc400', 6));
    expect(shape(verdict)).toEqual({ kind: 'stable', leak: 'not-suspected', confidence: 'low', evidence: [] });
    expect(verdict.summary).toBe('No leak evidence: HeapAlloc, read between GCs, moves between 5.0 MiB and 19.4 MiB across 6 GC-separated snapshots (snapshots 1→6) without rising steadily, with no site or goroutine group growing steadily. A dump taken between GCs counts the garbage made since the last one in HeapAlloc: add ?gc=1 to the heap URL so that each snapshot follows a GC.');
  });

  it('GOGC=100: churn, as its gctrace says', async () => {
    const { verdict } = await analyze(numbered('cgo-gogc100', 6));
    expect(shape(verdict)).toEqual({ kind: 'churn', leak: 'not-suspected', confidence: 'medium', evidence: [] });
    expect(verdict.summary).toBe('Churn, not a leak: 78.5 MiB allocated a step on average (392.4 MiB over 5 steps between snapshots) while live heap stays near 5.5 MiB across 6 GC-separated snapshots; the cost is GC work, not memory.');
  });
});
