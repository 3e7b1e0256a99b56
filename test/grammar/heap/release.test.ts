/**
 * A released dump's frame table gives its columns to the next dump read on the thread (lint, one
 * file after another): the next dump reads the same as a fresh one, the released one has no rows.
 */
import { describe, expect, it } from 'vitest';
import { parseHeapDump, releaseHeapDumps } from '../../../src/grammar/heap/index.js';
import { readCorpus } from '../../helpers/fixtures.js';

const LARGE = 'go1.23/memrate/rate-1.heap-debug1.txt';
const SMALL = 'go1.23/seed/routine4.after-free.heap-debug1.txt';
/** Stack frames each reads: the small one's in its first page alone, the large one's over two pages of 1,024. */
const SMALL_FRAMES = 16;
const LARGE_FRAMES = 1438;
const framesOf = (rel: string, dump = parseHeapDump(readCorpus(rel), rel).dump): unknown[] => dump.stacks.map((s) => s.frames);

describe('releaseHeapDumps', () => {
  // First: the thread's spare pages are still empty (the tests below release whole pages).
  it('a small dump\'s first stack page, short (it grows from 16 ids), is not given to a later dump: two released, the large one reads the same', () => {
    const small = [parseHeapDump(readCorpus(SMALL), SMALL).dump, parseHeapDump(readCorpus(SMALL), SMALL).dump];
    expect(small[0]?.stacks.reduce((n, s) => n + s.depth, 0)).toBe(SMALL_FRAMES);
    releaseHeapDumps(small);
    const large = parseHeapDump(readCorpus(LARGE), LARGE).dump;
    expect(large.stacks.reduce((n, s) => n + s.depth, 0)).toBe(LARGE_FRAMES);
    expect(framesOf(LARGE, large)).toEqual(framesOf(LARGE));
  });

  it('the next dump reads the same frames as when read first; the released one reads none', () => {
    const fresh = framesOf(SMALL);
    const large = parseHeapDump(readCorpus(LARGE), LARGE).dump;
    const depth = large.stacks[0]?.depth;
    releaseHeapDumps([large]);
    expect(framesOf(SMALL)).toEqual(fresh);
    expect(large.stacks[0]?.depth).toBe(depth);
    expect(large.stacks[0]?.functionAt(0)).toBe(undefined);
    expect(large.stacks[0]?.rows?.functionOf(0)).toBe(undefined);
  });

  it('a dump released twice gives its columns once', () => {
    const a = parseHeapDump(readCorpus(SMALL), SMALL).dump;
    releaseHeapDumps([a, a]);
    const b = parseHeapDump(readCorpus(SMALL), SMALL).dump;
    const c = parseHeapDump(readCorpus(LARGE), LARGE).dump;
    expect(framesOf(SMALL, b)).toEqual(framesOf(SMALL));
    expect(c.stacks.length).toBe(parseHeapDump(readCorpus(LARGE), LARGE).dump.stacks.length);
    expect(framesOf(LARGE, c)).toEqual(framesOf(LARGE));
  });
});
