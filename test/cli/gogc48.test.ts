/**
 * ?gc=1 dumps under a low GOGC beside plain ones, and a ?gc=1 dump piped on standard input (audit 47
 * #11's rest), on the captured go1.19-audit47-gogc10 (GOGC=10: gctrace `35->35->32 MB, 35 MB goal`;
 * its gc1/ dumps read 32.4 → 32.2 MiB, NextGC 1.10 times HeapAlloc) and go1.19-audit47-gogc400.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportLines, runCli } from '../helpers/cli.js';

const T = 'test/fixtures/captured/go1.19-audit47-gogc10';
const SETLIMIT = 'test/fixtures/captured/go1.19-audit45-setlimit';
const G = 'test/fixtures/captured/go1.19-audit47-gogc400';

/** The first three lines of the text report of a dump piped on standard input (`heapdoc < FILE`), which must exit 0. */
async function piped(file: string): Promise<string[]> {
  const r = await runCli([], { stdinFile: file });
  expect(r.code).toBe(0);
  return r.stdout.split('\n').slice(0, 3);
}

const TAKE_PIPED = 'take two heap?debug=1&gc=1 dumps some time apart (a GC runs before each, so that its HeapAlloc is the live heap), each saved to a file whose name says gc1 (heap-gc1-t1.txt: a dump on standard input has no name to say how it was fetched), and compare both with heapdoc analyze A B.';

describe('GOGC=10: the whole folder\'s live heap is its ?gc=1 dumps\' (was the first plain dump\'s HeapAlloc, 34.5 MiB)', () => {
  it('the whole folder: Stable, 32.4 → 32.2 MiB across its seven gc1/ dumps, the plain ones named apart', async () => {
    const lines = await reportLines([T]);
    expect(lines[0]).toBe('Stable: live heap 32.4 MiB → 32.2 MiB across the 7 GC-separated snapshots read right after a forced GC (snapshots 3→21, ?gc=1), and 32.4 MiB to 35.4 MiB at snapshots 1, 2, 4, 5, 7, 8 and 8 more, read between GCs (their HeapAlloc counts the garbage made since the last GC), with no site or goroutine group growing steadily.');
    expect(lines).toContain('  Snapshots 1, 2, 4, 5, 7, 8 and 8 more were read between GCs, the others right after a forced GC (?gc=1): their HeapAlloc counts the garbage made since the last GC; right after a GC it is the live heap.');
  });

  it('gc1/ alone and plain/ alone as before', async () => {
    expect((await reportLines([`${T}/gc1`]))[0]).toBe('Stable: live heap 32.4 MiB → 32.2 MiB across 7 GC-separated snapshots (snapshots 1→7), with no site or goroutine group growing steadily.');
    expect((await reportLines([`${T}/plain`]))[0]).toBe('Stable: the heap goal held across 7 GC-separated snapshots (snapshots 1→7), NextGC 35.5 MiB, at the live heap itself, where GOGC=100 sets about twice it: a memory limit holds it down (GOMEMLIMIT, or debug.SetMemoryLimit), or a very low GOGC; the latest heap profile, as of snapshot 7\'s last GC, has 31.6 MiB in use, with no site or goroutine group growing steadily; HeapAlloc, read between GCs, moves between 33.6 MiB and 35.4 MiB without rising steadily: its spread, 1.8 MiB, is within the 3.1 MiB allocated per GC cycle (TotalAlloc\'s rise over the 534 GCs the runtime started), the height of the GC\'s sawtooth.');
  });

  it('a memory limit\'s pinned goal (go1.19-audit45-setlimit, whole folder) as before', async () => {
    const lines = await reportLines([SETLIMIT]);
    expect(lines[0]).toBe('Stable: live heap 48.6 MiB → 48.4 MiB across the 7 GC-separated snapshots read right after a forced GC (snapshots 3→21, ?gc=1), and 48.3 MiB to 65.7 MiB at snapshots 1, 2, 4, 5, 7, 8 and 8 more, read between GCs (their HeapAlloc counts the garbage made since the last GC), with no site or goroutine group growing steadily.');
  });
});

describe('a ?gc=1 dump on standard input: no name says it was one, nor do its numbers alone, so the wording claims neither', () => {
  it('gogc400/gc1/heap-t46.txt piped: "as of the last GC", GOGC over HeapAlloc a floor, no "take a ?gc=1 dump" as if it were none (was "the live heap just after the GC")', async () => {
    expect(await piped(`${G}/gc1/heap-t46.txt`)).toEqual([
      'Not a leak of reachable data: HeapAlloc 32.3 MiB (the live heap as of the last GC, cycle 16, and what was allocated since) of 174.7 MiB mapped (Go holds 174.5 MiB); 126.3 MiB idle, retained by the runtime for reuse; the heap goal (NextGC 162.7 MiB) is 5.0 times HeapAlloc (32.3 MiB), which the heap profile agrees is about the heap the last GC marked: GOGC ≈ 400 (the default is 100) if it was read right after that GC, higher if later, and the 126.3 MiB idle is the room that goal gives the heap before its next GC, not a past peak (a lower GOGC holds less, for more GC CPU).',
      'Most of the memory is idle heap retained by the runtime.',
      `One dump cannot tell whether the live heap grows — ${TAKE_PIPED}`,
    ]);
  });

  it('the same file by its name still reads as ?gc=1: live, GOGC ≈ 400', async () => {
    const lines = await reportLines([`${G}/gc1/heap-t46.txt`]);
    expect(lines[0]).toBe('Not a leak of reachable data: live 32.3 MiB of 174.7 MiB mapped (Go holds 174.5 MiB); 126.3 MiB idle, retained by the runtime for reuse; the heap goal (NextGC 162.7 MiB) is 5.0 times the live heap just after the GC (HeapAlloc 32.3 MiB): GOGC ≈ 400 (the default is 100), and the 126.3 MiB idle is the room that goal gives the heap before its next GC, not a past peak (a lower GOGC holds less, for more GC CPU).');
    expect(lines[2]).toBe('One dump cannot tell whether the live 32.3 MiB grows — take another after some time (and a GC) and compare both with heapdoc analyze A B.');
  });

  it('gogc10/gc1/heap-t46.txt piped (NextGC 1.10 times HeapAlloc): as of the last GC, live now only if read right after it', async () => {
    expect(await piped(`${T}/gc1/heap-t46.txt`)).toEqual([
      'As of the last GC (cycle 425), live objects were most of what Go holds: about 32.4 MiB, 69.0% of the 46.9 MiB Go holds (50.4 MiB mapped), as HeapAlloc and the heap profile (31.6 MiB in use) agree.',
      'What died since that GC stays in HeapAlloc until the next one: unless the dump was read right after that GC (as heap?debug=1&gc=1 reads it), it does not say what is live now.',
      `One dump cannot tell a leak from a peak — ${TAKE_PIPED}`,
    ]);
  });

  it('a plain dump piped reads as before but for the advice (gogc400/plain/heap-t46.txt)', async () => {
    expect(await piped(`${G}/plain/heap-t46.txt`)).toEqual([
      'Not a leak of reachable data: HeapAlloc 42.8 MiB (the live heap as of the last GC, cycle 15, and what was allocated since) of 174.7 MiB mapped (Go holds 174.4 MiB); 116.0 MiB idle, retained by the runtime for reuse.',
      'Most of the memory is idle heap retained by the runtime.',
      `One dump cannot tell whether the live heap grows — ${TAKE_PIPED}`,
    ]);
  });

  it('a heap dump in a stream (`-:1`, beside its goroutine dump) is standard input\'s too; by its name, as before', async () => {
    const D = 'test/fixtures/corpus/go1.19/leak';
    const r = await runCli([], { input: Buffer.concat([readFileSync(`${D}/snap1.heap-debug1.txt`), readFileSync(`${D}/snap1.goroutine-debug1.txt`)]) });
    expect(r.code).toBe(0);
    const opening = 'As of the last GC (cycle 1), live objects were too large a part of what Go holds to rule a leak out: about 3.8 MiB, 25.3% of the 14.9 MiB Go holds (17.8 MiB mapped), as HeapAlloc and the heap profile (3.5 MiB in use) agree.';
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      opening,
      'What died since that GC stays in HeapAlloc until the next one: unless the dump was read right after that GC (as heap?debug=1&gc=1 reads it), it does not say what is live now.',
      `One dump cannot tell a leak from a peak — ${TAKE_PIPED}`,
    ]);
    expect((await reportLines([`${D}/snap1.heap-debug1.txt`])).slice(0, 3)).toEqual([
      opening,
      'What died since that GC stays in HeapAlloc until the next one, so this dump does not say what is live now.',
      'One dump cannot tell a leak from a peak — take a heap?debug=1&gc=1 dump (a GC runs before it, so that its HeapAlloc is the live heap) and another some time later, and compare both with heapdoc analyze A B.',
    ]);
  });
});
