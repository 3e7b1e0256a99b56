/**
 * A crash's standard error under GODEBUG=gctrace=1 (captured/go1.19-crash-gctrace: the GC lines,
 * then the crash) is read as both, its GC log and the crash's goroutines, each at its lines of the
 * file, wherever the chunks are cut (input/gclog.ts); a dump of another kind after a GC log is
 * refused in one line at its first line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GcTraceLog } from '../../src/grammar/gctrace/index.js';
import type { InputContents } from '../../src/input/contents.js';
import { readGcLog } from '../../src/input/gclog.js';
import { corpusPath, readFixture } from '../helpers/fixtures.js';

const fatal = readFixture('captured/go1.19-crash-gctrace/fatal.txt');
const panic = readFixture('captured/go1.19-crash-gctrace/panic.txt');

async function* cutAt(text: string, cuts: number[]): AsyncGenerator<string> {
  let from = 0;
  for (const to of [...cuts, text.length]) {
    yield text.slice(from, to);
    from = to;
  }
}

async function problem(text: string, cuts: number[] = []): Promise<string> {
  try {
    await readGcLog(cutAt(text, cuts), '-');
    return 'read';
  } catch (error) {
    return (error as Error).message;
  }
}

/** Each GC line's cycle number, input line and live heap (C, MB). */
function cycles(log: GcTraceLog | undefined): [number, number, number][] {
  const all = log?.cycles;
  return all ? Array.from({ length: all.length }, (_, i) => all.at(i)).map((c) => [c.number, c.position.line, c.liveMB]) : [];
}

/** What a read gave: the GC lines, the crash's first line and what it said, its goroutines, the log's other lines, the diagnostics. */
function summary(read: InputContents): unknown {
  const dump = read.goroutines && 'traceback' in read.goroutines ? read.goroutines.traceback : undefined;
  return {
    cycles: cycles(read.gcLog),
    otherLines: read.gcLog?.otherLines,
    crash: dump?.crash && { kind: dump.crash.kind, message: dump.crash.message, line: dump.crash.line },
    goroutines: dump?.goroutineCount,
    diagnostics: read.diagnostics.length,
  };
}

const FATAL = {
  cycles: [[1, 1, 3], [2, 2, 7], [3, 3, 12], [4, 4, 12], [5, 5, 12]],
  otherLines: 0,
  crash: { kind: 'fatal error', message: 'concurrent map writes', line: 6 },
  goroutines: 9,
  diagnostics: 0,
};

describe('a crash under GODEBUG=gctrace=1 (go1.19, captured)', () => {
  it('fatal.txt: the 5 GC lines (lines 1-5) and the fatal error at line 6 with its 9 goroutines, none of its lines counted as the log\'s', async () => {
    expect(summary(await readGcLog(cutAt(fatal, []), '-'))).toEqual(FATAL);
  });

  it('panic.txt: the 4 GC lines and the panic at line 5 with its 5 goroutines (GOTRACEBACK=all)', async () => {
    expect(summary(await readGcLog(cutAt(panic, []), '-'))).toEqual({
      cycles: [[1, 1, 3], [2, 2, 7], [3, 3, 12], [4, 4, 12]],
      otherLines: 0,
      crash: { kind: 'panic', message: 'assignment to entry in nil map', line: 5 },
      goroutines: 5,
      diagnostics: 0,
    });
  });

  it('reads the same, one cut anywhere from 60 characters before the crash\'s first line to 60 into its first goroutine, or two around it', async () => {
    const start = fatal.indexOf('fatal error:');
    const header = fatal.indexOf('goroutine 23');
    for (let cut = start - 60; cut <= header + 60; cut++) expect(summary(await readGcLog(cutAt(fatal, [cut]), '-'))).toEqual(FATAL);
    expect(summary(await readGcLog(cutAt(fatal, [start - 5, header + 3]), '-'))).toEqual(FATAL);
  });

  it('a GC line between two of the crash\'s goroutines (line 27), and one after it (line 70), go to the log, not the crash', async () => {
    const lines = fatal.split('\n');
    const blank = lines.indexOf('', 20); // the blank line after goroutine 18's record
    const gc6 = 'gc 6 @0.301s 1%: 0.030+0.61+0.004 ms clock, 0.061+0/0.21/0+0.008 ms cpu, 25->25->13 MB, 26 MB goal, 0 MB stacks, 0 MB globals, 2 P';
    const gc7 = 'gc 7 @0.350s 1%: 0.030+0.61+0.004 ms clock, 0.061+0/0.21/0+0.008 ms cpu, 26->26->14 MB, 28 MB goal, 0 MB stacks, 0 MB globals, 2 P';
    // The capture's last line end leaves '' last.
    const text = [...lines.slice(0, blank + 1), gc6, ...lines.slice(blank + 1, -1), gc7, ''].join('\n');
    expect([blank, lines.length]).toEqual([26, 69]);
    expect(summary(await readGcLog(cutAt(text, [text.indexOf('gc 6')]), '-'))).toEqual({ ...FATAL, cycles: [...FATAL.cycles, [6, 28, 13], [7, 70, 14]] });
  });
});

describe('a dump after a GC log (`cat gctrace.log heap.txt`)', () => {
  const log = readFileSync(corpusPath('go1.19/exposition/leak/gctrace.log'), 'utf8'); // 5 lines

  it('a heap dump is refused at its first line, line 6, cut anywhere near it', async () => {
    const text = log + readFileSync(corpusPath('go1.19/exposition/leak/heap.1.txt'), 'utf8');
    const said = '-:6: a heap dump follows the GC log here, and heapdoc reads a GC log alone, or with the crash its program printed';
    for (let cut = log.length - 20; cut <= log.length + 20; cut++) expect(await problem(text, [cut])).toBe(said);
  });

  it('a goroutine?debug=2 dump, without a crash\'s first line above it, is refused as one', async () => {
    const text = log + readFileSync(corpusPath('go1.19/leak/snap1.goroutine-debug2.txt'), 'utf8');
    expect(await problem(text)).toBe('-:6: a goroutine traceback dump follows the GC log here, and heapdoc reads a GC log alone, or with the crash its program printed');
  });

  it('a heap dump after a crash in the log is refused too', async () => {
    const text = fatal + readFileSync(corpusPath('go1.19/exposition/leak/heap.1.txt'), 'utf8');
    expect(await problem(text)).toBe(`-:${fatal.split('\n').length}: a heap dump follows the GC log here, and heapdoc reads a GC log alone, or with the crash its program printed`);
  });
});
