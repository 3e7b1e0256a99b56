/**
 * Two runs' standard error appended to one file (captured/go1.19-crash-then-gctrace): a crash's
 * output, then GC lines. The stream reader (input/documents.ts) reads the crash, and from the first
 * GC line on a GC log (input/gclog.ts), a further crash in it as a second document, wherever the
 * chunks are cut; each line keeps its line of the file.
 */
import { describe, expect, it } from 'vitest';
import type { GcTraceLog } from '../../src/grammar/gctrace/index.js';
import type { InputContents } from '../../src/input/contents.js';
import { readDocuments } from '../../src/input/documents.js';
import { readGcLog } from '../../src/input/gclog.js';
import { readFixture } from '../helpers/fixtures.js';

const dir = 'captured/go1.19-crash-then-gctrace';
const early = readFixture(`${dir}/early.log`);
const again = readFixture(`${dir}/again.log`);
const twice = readFixture(`${dir}/twice.log`);

async function* cutAt(text: string, cuts: number[]): AsyncGenerator<string> {
  let from = 0;
  for (const to of [...cuts, text.length]) {
    yield text.slice(from, to);
    from = to;
  }
}

/** Each GC line's cycle number, input line and live heap (C, MB). */
function cycles(log: GcTraceLog | undefined): [number, number, number][] {
  const all = log?.cycles;
  return all ? Array.from({ length: all.length }, (_, i) => all.at(i)).map((c) => [c.number, c.position.line, c.liveMB]) : [];
}

/** What a read gave: the GC lines, the log's other lines, each crash's line, message and goroutines, where the documents start, the diagnostics. */
function summary(read: InputContents): unknown {
  const dumps = read.goroutineDumps ?? (read.goroutines ? [read.goroutines] : []);
  return {
    cycles: cycles(read.gcLog),
    otherLines: read.gcLog?.otherLines,
    crashes: dumps.map((d) => ('traceback' in d ? [d.traceback.crash?.line, d.traceback.crash?.message, d.traceback.goroutineCount] : [])),
    documents: read.documents?.map((d) => d.line),
    diagnostics: read.diagnostics.length,
  };
}

const EARLY = {
  cycles: [[1, 6, 4], [2, 7, 7], [3, 8, 6], [4, 9, 6], [5, 10, 6]],
  otherLines: 1, // line 11, `done: 97`
  crashes: [[1, 'assignment to entry in nil map', 1]],
  documents: undefined,
  diagnostics: 0,
};

describe('a crash, then GC lines (captured/go1.19-crash-then-gctrace)', () => {
  it('early.log: the crash at line 1 and the second run\'s 5 GC lines (lines 6-10), its `done: 97` one other line', async () => {
    expect(summary(await readDocuments(cutAt(early, []), '-', 'goroutine-traceback'))).toEqual(EARLY);
  });

  it('reads the same, one cut anywhere from 40 characters before the first GC line to 140 into it, or two around it', async () => {
    const gc1 = early.indexOf('gc 1 @');
    expect(gc1).toBe(early.split('\n').slice(0, 5).join('\n').length + 1);
    for (let cut = gc1 - 40; cut <= gc1 + 140; cut++) expect(summary(await readDocuments(cutAt(early, [cut]), '-', 'goroutine-traceback'))).toEqual(EARLY);
    expect(summary(await readDocuments(cutAt(early, [gc1 - 3, gc1 + 5]), '-', 'goroutine-traceback'))).toEqual(EARLY);
  });

  it('again.log: a crash without GC lines (line 1), then a run with its 5 GC lines (6-10) and its own crash (line 11): two documents and the log', async () => {
    expect(summary(await readDocuments(cutAt(again, []), '-', 'goroutine-traceback'))).toEqual({
      cycles: [[1, 6, 3], [2, 7, 7], [3, 8, 9], [4, 9, 6], [5, 10, 6]],
      otherLines: 0,
      crashes: [[1, 'assignment to entry in nil map', 1], [11, 'assignment to entry in nil map', 1]],
      documents: [1, 11],
      diagnostics: 0,
    });
  });

  it('twice.log (GC lines, the crash at line 5, the next run\'s GC lines): the crash ends at `done: 97` (line 14), the log\'s other line, not a crash\'s parse error', async () => {
    expect(summary(await readGcLog(cutAt(twice, []), '-'))).toEqual({
      cycles: [[1, 1, 3], [2, 2, 6], [3, 3, 11], [4, 4, 6], [1, 10, 3], [2, 11, 8], [3, 12, 10], [4, 13, 6]],
      otherLines: 1,
      crashes: [[5, 'assignment to entry in nil map', 1]],
      documents: undefined,
      diagnostics: 0,
    });
  });

  it('twice.log then again.log (29 lines): three crashes (lines 5, 15, 25), each a document, the GC lines of three runs the log\'s', async () => {
    const read = summary(await readGcLog(cutAt(twice + again, [twice.length + 3]), '-')) as { cycles: unknown[]; crashes: unknown[]; documents: number[] };
    expect([read.cycles.length, read.crashes, read.documents]).toEqual([13, [[5, 'assignment to entry in nil map', 1], [15, 'assignment to entry in nil map', 1], [25, 'assignment to entry in nil map', 1]], [5, 15, 25]]);
  });
});
