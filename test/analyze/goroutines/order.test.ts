/**
 * The order goroutine dumps were taken in (analyze/goroutines/order.ts), on the corpus's go1.26
 * leak program (five moments, debug=1 and debug=2 each): debug=2 dumps are ordered by their
 * highest goroutine id whatever their names; debug=1 dumps by names numbered alike, and one whose
 * name says nothing of its place is in no trend; dumps given one by one keep their place.
 */
import { describe, expect, it } from 'vitest';
import { combineReport } from '../../../src/analyze/combine.js';
import { countingDumps, highestGoroutineId, orderGoroutineDumps, summarizeGoroutineProfile, summarizeTraceback, type GoroutineSummary } from '../../../src/analyze/goroutines/index.js';
import { parseGoroutineProfile } from '../../../src/grammar/goroutine/index.js';
import { parseTraceback } from '../../../src/grammar/traceback/index.js';
import { readCorpus } from '../../helpers/fixtures.js';

const DIR = 'go1.26-devel/leak';
/** snapN's dump read as if saved under `name`. */
const traceback = (n: number, name: string): GoroutineSummary => summarizeTraceback(parseTraceback(readCorpus(`${DIR}/snap${n}.goroutine-debug2.txt`), name).dump, name);
const profile = (n: number, name: string): GoroutineSummary => summarizeGoroutineProfile(parseGoroutineProfile(readCorpus(`${DIR}/snap${n}.goroutine-debug1.txt`), name).profile, name);

describe('debug=2 dumps: by their highest goroutine id', () => {
  it('the highest ids of snap1…snap5 rise: 178, 328, 516, 664, 834', () => {
    expect([1, 2, 3, 4, 5].map((n) => highestGoroutineId(traceback(n, `snap${n}.txt`)))).toEqual([178, 328, 516, 664, 834]);
    expect(highestGoroutineId(profile(1, 'snap1.txt'))).toBeUndefined();
  });

  it('named so that their names sort otherwise (last, t1…t4), they are read in the order they were taken', () => {
    const given = [traceback(5, 'w/last.txt'), traceback(1, 'w/t1.txt'), traceback(3, 'w/t3.txt'), traceback(2, 'w/t2.txt'), traceback(4, 'w/t4.txt')];
    const ordered = orderGoroutineDumps(given);
    expect(ordered.map((d) => d.source)).toEqual(['w/t1.txt', 'w/t2.txt', 'w/t3.txt', 'w/t4.txt', 'w/last.txt']);
    expect(ordered.map((d) => d.total)).toEqual([148, 304, 468, 620, 776]);
    expect(ordered.every((d) => d.unplaced === undefined)).toBe(true);
  });
});

describe('debug=1 dumps: by names numbered alike', () => {
  it('t1…t4 and last: last is in no trend, and the trend reads t1…t4', () => {
    const ordered = orderGoroutineDumps([profile(5, 'w/last.txt'), profile(1, 'w/t1.txt'), profile(2, 'w/t2.txt'), profile(3, 'w/t3.txt'), profile(4, 'w/t4.txt')]);
    expect(ordered.map((d) => d.source)).toEqual(['w/last.txt', 'w/t1.txt', 'w/t2.txt', 'w/t3.txt', 'w/t4.txt']);
    expect(ordered[0]?.unplaced).toBe('The goroutine dump last.txt is not in the goroutine trend: its place among the 4 goroutine dumps t1…t4 of w/ cannot be known — its name does not continue their numbering, and a goroutine?debug=1 dump carries no goroutine ids to order it by; give the files in the order they were taken, one by one, or name it to follow t4.');
    expect(countingDumps(ordered).map((d) => d.source)).toEqual(['w/t1.txt', 'w/t2.txt', 'w/t3.txt', 'w/t4.txt']);
    // Ordered again (a watch's next report), the mark is the same, not added twice.
    expect(orderGoroutineDumps(ordered)[0]?.unplaced).toBe(ordered[0]?.unplaced);
  });

  it('before and after, numbered neither: neither is in a trend, and the verdict says why', () => {
    const ordered = orderGoroutineDumps([profile(1, 'w/before.txt'), profile(5, 'w/after.txt')]);
    const why = 'The order of the 2 goroutine dumps of w/ cannot be known — their names are not numbered alike (after, before), and a goroutine?debug=1 dump carries no goroutine ids to order them by: none is in the goroutine trend; give the files in the order they were taken, one by one, or number their names.';
    expect(ordered.map((d) => d.unplaced)).toEqual([why, why]);
    expect(countingDumps(ordered)).toEqual([]);
    expect(combineReport([], ordered).verdict.summary.endsWith(` ${why}`)).toBe(true);
  });

  it('given one by one (givenOrder), they keep their place: after, then before, as the user gave them', () => {
    const after = profile(1, 'w/after.txt');
    const before = profile(5, 'w/before.txt');
    const report = combineReport([], [after, before], { givenOrder: new Set(['w/after.txt', 'w/before.txt']) });
    expect(report.goroutines.map((d) => [d.source, d.total, d.unplaced])).toEqual([['w/after.txt', 148, undefined], ['w/before.txt', 776, undefined]]);
    expect(report.verdict.summary).toBe('Cannot judge from 2 goroutine dumps: take at least 3, some time apart. Growing, but not yet evidence: main.waitForLock +157 goroutines, main.waitForReply +157 goroutines, main.waitForShutdown +157 goroutines, main.fetchWithTimeout.func1 +157 goroutines (36 → 193; now 193 at main.go:92).');
  });
});
