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

interface Report { series: { betweenGCs?: number[]; verdict: { kind: string; leak: string; summary: string } } }

describe('audit38: a dump is read right after a forced GC only when its own profile agrees', () => {
  it('gcmanual/: only snapshots 4 and 10 (HeapAlloc 11.9 and 10.4 MiB beside 9.1 MiB in use) are readings after a forced GC', async () => {
    const j = await reportJson<Report>([D]);
    expect(j.series.betweenGCs).toEqual([0, 1, 2, 4, 5, 6, 7, 8]);
    expect(j.series.verdict).toMatchObject({ kind: 'peak-retention', leak: 'not-suspected' });
    const out = await reportLines([D]);
    expect(out[0]).toBe("Peak retention, not a leak: live heap fell from 11.9 MiB at snapshot 4 to 10.4 MiB at snapshot 10, read right after a forced GC (?gc=1 or the program's runtime.GC(); read between GCs, HeapAlloc, which counts the garbage made since the last GC too, fell from 34.1 MiB at snapshot 5 to 14.3 MiB at snapshot 9) while the heap keeps its 39.7 MiB high-water mark (27.0 MiB idle, 1.7 MiB released).");
    expect(out).toContain("  Snapshots 1, 2, 3, 5, 6, 7 and 2 more were read between GCs, the others right after a forced GC (?gc=1 or the program's runtime.GC()): their live (HeapAlloc) counts the garbage made since the last GC.");
    expect(out.join('\n')).not.toContain('29.8 MiB at snapshot 6 to 10.4 MiB');
  });

  it('diff of two dumps read between GCs agrees: both read between GCs', async () => {
    const out = await reportLines(['diff', `${D}t05.heap-debug1.txt`, `${D}t06.heap-debug1.txt`]);
    expect(out.some((l) => l.startsWith('Read between GCs: both dumps'))).toBe(true);
  });

  it('healing-plain/: still "A plateau, not a leak" (the heap is too small for its profile to tell when HeapAlloc was read)', async () => {
    const j = await reportJson<Report>([H]);
    expect(j.series.verdict).toMatchObject({ kind: 'stable', leak: 'not-suspected' });
  });

  it.todo('healing-plain/: plain dumps 5 s after a ?gc=1 are not named "read right after a forced GC" (the goal, mostly stacks, says nothing)');
});
