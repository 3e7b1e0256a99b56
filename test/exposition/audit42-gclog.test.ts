/**
 * Audit 42 (items 5 and 6): GC logs of two real go1.19.8 programs (READMEs in the captured folders).
 * go1.19-audit42-batch: every ~20 s a batch holds 150 MiB, then drops it — three complete climbs to
 * 150 MB and falls to 0 MB, then a fourth climb cut by the log's end, was "Cannot tell … its floor
 * higher in every third of that run". go1.19-audit42-ptrdense: a 2,000,000-node list built over its
 * first 5 GCs (3 → 83 MB), then 80–87 MB for 67 s, was "Cannot tell … moved between 3 and 87 MB".
 */
import { describe, expect, it } from 'vitest';
import { parseGcTrace } from '../../src/grammar/gctrace/index.js';
import { analyzeGcTrace } from '../../src/exposition/gctrace.js';
import { readFixture } from '../helpers/fixtures.js';

function analyzeText(text: string, name: string) {
  return analyzeGcTrace(parseGcTrace(text, name).log, name);
}

const BATCH = readFixture('captured/go1.19-audit42-batch/gctrace.log');
const PTRDENSE = readFixture('captured/go1.19-audit42-ptrdense/gctrace.log');

describe('a periodic batch job: a recurring peak, not a leak', () => {
  it('three complete climbs to ~150 MB and falls to ~0 MB, the log ending mid-climb', () => {
    const v = analyzeText(BATCH, 'gctrace.log').verdict;
    expect([v.kind, v.leak, v.confidence]).toEqual(['peak-retention', 'not-suspected', 'high']);
    expect(v.summary).toBe(
      'Peak, not a leak: the live heap after GC climbs to ~150 MB and falls back to ~0 MB at each cycle, 3 cycles ~22–23 s apart; the cost is the peak. The log ends mid-climb, at 151 MB, about the 150 MB of every earlier peak. Go needs ~150 MB at every cycle, so GOMEMLIMIT or a container limit must allow it; process the load in smaller pieces (stream it) to lower it. Returning memory after each peak (debug.FreeOSMemory) does not help a load that comes back: its pages are faulted in again at the next cycle.',
    );
  });

  it('cut after its third fall (gc 25): ends at the floor', () => {
    const cut = BATCH.split('\n').filter((l) => !/^gc (2[6-9]|3\d) /.test(l)).join('\n');
    const v = analyzeText(cut, 'cut.log').verdict;
    expect(v.kind).toBe('peak-retention');
    expect(v.summary.startsWith('Peak, not a leak: the live heap after GC climbs to ~150 MB and falls back to ~0 MB at each cycle, 3 cycles ~22–23 s apart; the cost is the peak. The log ends at the floor. Go needs')).toBe(true);
  });

  it('a last climb past the earlier peaks is no recurring peak: the rise after the fall is leak evidence', () => {
    const past = BATCH.replace('151->151->150 MB', '151->200->200 MB');
    const v = analyzeText(past, 'past.log').verdict;
    expect([v.kind, v.leak]).toEqual(['leak', 'suspected']);
    expect(v.summary).toContain('past the 150 MB it held before the fall');
  });
});

describe('a pointer-dense program stable after its start-up build', () => {
  it('stable after a warm-up: 80–87 MB for the last 12 GCs, the first 5 filling the heap', () => {
    const v = analyzeText(PTRDENSE, 'gctrace.log').verdict;
    expect([v.kind, v.leak, v.confidence]).toEqual(['stable', 'not-suspected', 'high']);
    expect(v.summary).toBe("Stable after a warm-up: 80–87 MB after GC for the last 12 GCs (67.6 s of the log's 73.7 s); the first 5 GCs (6.3 s) were the program filling its heap (3 → 83 MB).");
  });

  it('a level held for fewer than half of the GCs is no warm-up and level', () => {
    const head = PTRDENSE.split('\n').filter((l) => !/^gc (9|1\d) /.test(l)).join('\n');
    const v = analyzeText(head, 'head.log').verdict;
    expect(v.summary.startsWith('Stable after a warm-up')).toBe(false);
  });
});
