/**
 * Which snapshots of a series were read right after a forced GC (series/forced.ts), on real go1.19
 * captures whose files say how each was taken (`-gc`/`-gc1`: heap?debug=1&gc=1; the others plain
 * heap?debug=1, taken just before the ?gc=1 of the same moment).
 */
import { describe, expect, it } from 'vitest';
import { goalReading } from '../../src/analyze/goal.js';
import { readAfterForcedGC } from '../../src/analyze/series/forced.js';
import { orderByTotalAlloc } from '../../src/analyze/series/index.js';
import { analyzeSnapshot, type SnapshotAnalysis } from '../../src/analyze/snapshot.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { heapSnapshot } from '../../src/input/snapshot.js';
import { readFixture } from '../helpers/fixtures.js';

function snapshot(rel: string): SnapshotAnalysis {
  const { dump, diagnostics } = parseHeapDump(readFixture(rel), rel);
  return analyzeSnapshot(rel, heapSnapshot(dump), diagnostics);
}

/** The files' names in TotalAlloc order, each with whether it reads as right after a forced GC. */
function classified(dir: string, names: readonly string[]): [string, boolean][] {
  const ordered = orderByTotalAlloc(names.map((n) => snapshot(`captured/${dir}/${n}`)));
  const after = readAfterForcedGC(ordered);
  return ordered.map((s, i) => [s.source.slice(`captured/${dir}/`.length), after[i] === true]);
}

const READALL = 'go1.19-audit30-readall';
const readall = ['01-t0-before', '02-t1-just-after-readall-dropped', '03-t2-later', '04-t3-later', '05-t4-later'];
const PLATEAU = 'go1.19-audit/plateau';
const plateau = [1, 2, 3, 4, 5, 6].map((n) => `0${n}-t${n}`);
const TICKER = 'go1.19-audit30-tickerleak';
const ticker = [1, 2, 3, 4, 5].map((n) => `0${n}-t${n}-${n}0000tickers`);

describe('the heap goal: what NextGC says of when a dump was read', () => {
  it('at the 4 MiB minimum goal it says nothing; about twice HeapAlloc, just collected; below 1.7 times, allocated since', () => {
    // NextGC 4,194,304 beside HeapAlloc 324,512, read 30 s after the other capture's ?gc=1.
    expect(goalReading(snapshot(`captured/${READALL}/03-t2-later.heap.txt`))).toBe('minimum');
    // The same moment's ?gc=1 dump: NextGC 4,194,304 beside 224,984.
    expect(goalReading(snapshot(`captured/${READALL}/03-t2-later-gc.heap.txt`))).toBe('minimum');
    // NextGC 36,959,616 = 2.01 × HeapAlloc 18,380,672: read soon after a GC, 15 GCs after the forced one.
    expect(goalReading(snapshot(`captured/${PLATEAU}/04-t4.heap.txt`))).toBe('just-collected');
    // NextGC 44,780,936 < 1.7 × HeapAlloc 34,664,912.
    expect(goalReading(snapshot(`captured/${PLATEAU}/02-t2.heap.txt`))).toBe('allocated-since');
  });
});

describe('plain dumps read after another capture\'s ?gc=1 are read between GCs', () => {
  it('readall: 03–05, at the minimum goal, are no longer taken for ?gc=1 (02 shows a forced GC that was not its own)', () => {
    expect(classified(READALL, readall.map((n) => `${n}.heap.txt`))).toEqual(readall.map((n) => [`${n}.heap.txt`, false]));
  });

  it('plateau: 04–06, NextGC 1.9–2.0 × HeapAlloc 14 GCs or more after the forced one, neither', () => {
    expect(classified(PLATEAU, plateau.map((n) => `${n}.heap.txt`))).toEqual(plateau.map((n) => [`${n}.heap.txt`, false]));
  });

  it('tickerleak: 02, NextGC 1.89 × HeapAlloc three GCs after the forced one, neither', () => {
    expect(classified(TICKER, ticker.map((n) => `${n}.heap.txt`))).toEqual(ticker.map((n) => [`${n}.heap.txt`, false]));
  });
});

describe('?gc=1 dumps are still read right after a forced GC', () => {
  it('readall\'s, every one at the minimum goal', () => {
    expect(classified(READALL, readall.map((n) => `${n}-gc.heap.txt`))).toEqual(readall.map((n) => [`${n}-gc.heap.txt`, true]));
  });

  it('plateau\'s and tickerleak\'s', () => {
    expect(classified(PLATEAU, plateau.map((n) => `${n}.heap-gc.txt`))).toEqual(plateau.map((n) => [`${n}.heap-gc.txt`, true]));
    expect(classified(TICKER, ticker.map((n) => `${n}-gc.heap.txt`))).toEqual(ticker.map((n) => [`${n}-gc.heap.txt`, true]));
  });

  it('each of the ten of a moment taken both ways: the ?gc=1 dumps, and no plain one', () => {
    const names = ticker.flatMap((n) => [`${n}.heap.txt`, `${n}-gc.heap.txt`]);
    expect(classified(TICKER, names)).toEqual(names.map((n) => [n, n.endsWith('-gc.heap.txt')]));
    const readallNames = readall.flatMap((n) => [`${n}.heap.txt`, `${n}-gc.heap.txt`]);
    expect(classified(READALL, readallNames)).toEqual(readallNames.map((n) => [n, n.endsWith('-gc.heap.txt')]));
  });

  it('a busy program\'s (syncpool, ~200 GCs between dumps): those whose goal says so, as before — two read 2 MiB past their GC are not', () => {
    // NextGC / HeapAlloc 1.31, 1.86, 1.72, 1.29, 1.86: the series does not start at NumForcedGC 0, so the forced GCs are its own.
    const names = [1, 2, 3, 4, 5].map((n) => `0${n}-t${n}-steady-gc.heap.txt`);
    expect(classified('go1.19-audit30-syncpool', names)).toEqual([[names[0], false], [names[1], true], [names[2], true], [names[3], false], [names[4], true]]);
  });
});

describe('?gc=1 dumps under GOGC=10 beside plain ones (audit 47 #11)', () => {
  const GOGC10 = 'go1.19-audit47-gogc10';
  const times = ['06', '16', '26', '36', '46', '56', '68'];

  it('the whole folder: its seven gc1/ dumps (NextGC 1.10 times HeapAlloc, one GOGC at each) are its own ?gc=1\'s, no plain one is', () => {
    // The plain dumps, pinned at the goal, stood in for a rise of NumForcedGC: forcedElsewhere took the gc1/ dumps' GCs for another capture's.
    const names = times.flatMap((t) => [`plain/heap-t${t}.txt`, `gc1/heap-t${t}.txt`]);
    expect(classified(GOGC10, names)).toEqual(names.map((n) => [n, n.startsWith('gc1/')]));
  });

  it('the memory limit\'s gc1/ beside its plain/ (go1.19-audit45-setlimit) as before: every ?gc=1 dump, no plain one', () => {
    const names = times.flatMap((t) => [`plain/heap-t${t}.txt`, `gc1/heap-t${t}.txt`]);
    expect(classified('go1.19-audit45-setlimit', names)).toEqual(names.map((n) => [n, n.startsWith('gc1/')]));
  });
});
