/**
 * Which dumps of a series were read right after a forced GC, per dump (test/fixtures/captured/
 * go1.19-audit38-gcmanual, README there: GC off, the program's own runtime.GC() every 4 s, plain
 * dumps every 3 s, 10 MiB live). NumForcedGC rose before 8 of the 10 dumps and the goal (about
 * 2^63) says nothing, so dumps whose HeapAlloc was 2–3 times their own profile's in-use were read
 * as the live heap: "Peak retention, not a leak: live heap fell from 29.8 MiB at snapshot 6 …".
 */
import { describe, expect, it } from 'vitest';
import { reportJson, reportLines } from '../helpers/cli.js';

const D = 'test/fixtures/captured/go1.19-audit38-gcmanual/plain/';
const H = 'test/fixtures/captured/go1.19-audit38-healing-plain/plain/';
const Q = 'test/fixtures/captured/go1.19-audit31-queuehead/';

interface Report {
  series: {
    betweenGCs?: number[];
    allocation: { bytesPerGC?: number; overGCs?: { bytes: number; gcs: number } };
    verdict: { kind: string; leak: string; confidence: string; summary: string; evidence: { kind: string }[] };
  };
}

describe('audit38: a dump is read right after a forced GC only when its own profile agrees', () => {
  it('gcmanual/: only snapshots 4 and 10 (HeapAlloc 11.9 and 10.4 MiB beside 9.1 MiB in use) are readings after a forced GC; no leak, no peak', async () => {
    const j = await reportJson<Report>([D]);
    expect(j.series.betweenGCs).toEqual([0, 1, 2, 4, 5, 6, 7, 8]);
    expect(j.series.verdict).toMatchObject({ kind: 'stable', leak: 'not-suspected', confidence: 'low' });
    const out = await reportLines([D]);
    // Was "Peak retention, not a leak: live heap fell from 11.9 MiB at snapshot 4 …": HeapAlloc 34.1 MiB between GCs taken for a
    // peak while every profile held 9.1 MiB (verdict.ts garbageFell).
    expect(out[0]).toBe('No leak evidence: live heap moves between 10.4 MiB and 11.9 MiB without rising steadily across the 2 GC-separated snapshots read right after a forced GC (snapshots 4→10, ?gc=1 or the program\'s runtime.GC()), and 13.7 MiB to 34.1 MiB at snapshots 1, 2, 3, 5, 6, 7 and 2 more, read between GCs (their HeapAlloc counts the garbage made since the last GC), with no site or goroutine group growing steadily.');
    expect(out).toContain("  Snapshots 1, 2, 3, 5, 6, 7 and 2 more were read between GCs, the others right after a forced GC (?gc=1 or the program's runtime.GC()): their HeapAlloc counts the garbage made since the last GC; right after a GC it is the live heap.");
    expect(out.join('\n')).not.toContain('Peak retention');
  });

  it('diff of two dumps read between GCs agrees: both read between GCs', async () => {
    const out = await reportLines(['diff', `${D}t05.heap-debug1.txt`, `${D}t06.heap-debug1.txt`]);
    expect(out.some((l) => l.startsWith('Read between GCs: both dumps'))).toBe(true);
  });

  it('healing-plain/: a heap as small as its profile\'s error (±1.0 MiB at 512 KiB beside ~450 KiB) keeps NumForcedGC\'s word: its plain dumps read right after a forced GC, as before; still a plateau', async () => {
    // No reading of its own can tell the ~120 KiB of garbage made since another capture's ?gc=1 from sampling error: the rise of
    // NumForcedGC decides, as it does for the small dumps after a forced GC that start or end a series (map-series/held, oneoff).
    const j = await reportJson<Report>([H]);
    expect(j.series.verdict).toMatchObject({ kind: 'stable', leak: 'not-suspected', confidence: 'high' });
    expect(j.series.betweenGCs).toEqual([0]);
    expect(j.series.verdict.summary).toBe('A plateau, not a leak: the goroutine stacks (StackInuse) rose from 2.0 MiB to 17.0 MiB by snapshot 3, then stayed near 18.4 MiB through snapshot 12 (53.6% of Sys), beside a live heap of 316.8 KiB → 452.2 KiB across the 11 GC-separated snapshots read right after a forced GC (snapshots 2→12, ?gc=1 or the program\'s runtime.GC()), and 307.2 KiB at snapshot 1, read between GCs (its HeapAlloc counts the garbage made since the last GC), with no site or goroutine group growing steadily: the stacks grew, then stopped.');
  });
});

describe('audit31 queuehead: plain dumps read between GCs still show the leak, from their heap profiles', () => {
  it('t1..t5.heap.txt alone: Leak suspected (medium), the profiles gaining samples at every step beyond sampling error', async () => {
    const files = [1, 2, 3, 4, 5].map((n) => `${Q}t${n}.heap.txt`);
    const j = await reportJson<Report>(files);
    expect(j.series.verdict).toMatchObject({ kind: 'leak', leak: 'suspected', confidence: 'medium' });
    expect(j.series.verdict.evidence.map((e) => e.kind)).toEqual(['live-heap']);
    const out = await reportLines(files);
    expect(out[0]).toBe("Leak suspected (medium confidence): the heap profiles' in-use (as of each snapshot's last GC; HeapAlloc, read between GCs, counts the garbage made since too) rose at every step, 23.7 MiB → 73.7 MiB → 75.7 MiB → 76.2 MiB → 77.7 MiB across 5 GC-separated snapshots (snapshots 1→5), by 516.6 KiB at least, +54.0 MiB in all, beyond its sampling error (±10.3 MiB), HeapObjects 10,893 → 12,144 → 12,348 → 12,428 → 12,525 at every step too.");
    expect(out[1]).toBe('Medium, not high: the heap profiles are sampled and older than their MemStats, and HeapAlloc, read between GCs, cannot confirm them; to read the live heap itself, add ?gc=1 to the heap URL so that each snapshot follows a GC.');
  });
});

describe('a rate per GC cycle only over 4 GC cycles or more, or at cycles\' ends', () => {
  it('gcmanual t04–t06 (1 GC between them, read between GCs): "44.0 MiB over 1 GC cycle", not "44.0 MiB per GC cycle"', async () => {
    const files = ['t04', 't05', 't06'].map((t) => `${D}${t}.heap-debug1.txt`);
    const j = await reportJson<Report>(files);
    expect(j.series.allocation.bytesPerGC).toBeUndefined();
    expect(j.series.allocation.overGCs).toEqual({ bytes: 46117512, gcs: 1 });
    const out = await reportLines(files);
    expect(out).toContain('  allocation rate: 44.0 MiB over 1 GC cycle');
    expect(out[1]).toBe("The GC is off (GOGC=off, no GOMEMLIMIT: NextGC 8.0 EiB in every snapshot, about 2^63; all 4 GCs were forced, NumForcedGC 4): only forced GCs run (runtime.GC, debug.FreeOSMemory, a profiler's ?gc=1) and between them the heap kept everything allocated, 44.0 MiB over 1 GC cycle.");
  });

  it('gcmanual/ (8 GCs): 22.6 MiB per GC cycle', async () => {
    const j = await reportJson<Report>([D]);
    expect(j.series.allocation.overGCs).toBeUndefined();
    expect(Math.round((j.series.allocation.bytesPerGC ?? 0) / 1024)).toBe(23_171);
    expect(await reportLines([D])).toContain('  allocation rate: 22.6 MiB per GC cycle');
  });
});
