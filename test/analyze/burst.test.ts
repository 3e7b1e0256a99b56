/**
 * Churn needs allocation spread over the steps between snapshots (burst.ts): a step that allocated
 * more than half of what the series allocated, and ten times what any other step did or more, is a
 * burst. The steps are the program's: TotalAlloc's rise less what the profiler's own sites
 * allocated meanwhile, as each step's two profiles count it.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allocationBurst, stepAllocations } from '../../src/analyze/series/burst.js';
import { analyzeSeries, orderByTotalAlloc } from '../../src/analyze/series/index.js';
import { analyzeSnapshot, type SnapshotAnalysis } from '../../src/analyze/snapshot.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { heapSnapshot } from '../../src/input/snapshot.js';
import { FIXTURES, readFixture } from '../helpers/fixtures.js';

/** The heap dumps of a captured folder whose names pass `which`, in TotalAlloc order. */
function dumps(dir: string, which: (name: string) => boolean): SnapshotAnalysis[] {
  const rel = join('captured', dir);
  return orderByTotalAlloc(readdirSync(join(FIXTURES, rel)).filter(which).map((name) => {
    const { dump, diagnostics } = parseHeapDump(readFixture(join(rel, name)), name);
    return analyzeSnapshot(name, heapSnapshot(dump), diagnostics);
  }));
}

function steps(snapshots: SnapshotAnalysis[]): number[] {
  return stepAllocations(snapshots, analyzeSeries(snapshots).points);
}

describe('one step that allocated most of the series', () => {
  it('readall\'s ?gc=1 dumps: 1,203,976,151 bytes at the first step, 454,983 at most at the others (the dumps\' own left out)', () => {
    const s = steps(dumps('go1.19-audit30-readall', (f) => f.endsWith('-gc.heap.txt')));
    expect(s).toEqual([1203976151, 0, 454983, 0]);
    expect(allocationBurst(s)).toEqual({ at: 1, bytes: 1203976151, total: 1204431134, steps: 4, othersMost: 454983 });
  });

  it('burst-garbage: 1,073,776,440 bytes at the second step', () => {
    const s = steps(dumps('go1.19-burst-garbage', (f) => f.endsWith('.heap.txt')));
    expect(s).toEqual([32384, 1073776440, 42552, 0]);
    expect(allocationBurst(s)).toEqual({ at: 2, bytes: 1073776440, total: 1073851376, steps: 4, othersMost: 42552 });
  });

  it('a pool under load, then idle (audit-verdicts/b-pool): 71% at the first step is most, but not ten times the second (3.6×): no burst', () => {
    const s = steps(dumps('go1.19-audit-verdicts/b-pool', (f) => f.endsWith('.heap-debug1.txt')));
    expect(s).toEqual([1998923169, 556362783, 0, 1065424]);
    expect(allocationBurst(s)).toBeUndefined();
  });

  it('steady churn (slowleak-gc1/noisy-1): every step 321 to 352 MiB, no burst', () => {
    const s = steps(dumps('go1.19-slowleak-gc1/noisy-1', (f) => f.includes('heap')));
    expect(s).toEqual([336895296, 337407982, 369059936, 367604088, 369117448]);
    expect(allocationBurst(s)).toBeUndefined();
  });

  it('one step alone holds all of it whatever the program does: no burst from fewer than two steps', () => {
    expect(allocationBurst([1203976151])).toBeUndefined();
    expect(allocationBurst([])).toBeUndefined();
  });
});
