/** series/gcring.ts on real MemStats: the GC cycles two snapshots both hold, compared. */
import { describe, expect, it } from 'vitest';
import { ringAgreement, pauseEndTime } from '../../src/analyze/series/gcring.js';
import { analyzeSnapshot } from '../../src/analyze/snapshot.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { heapSnapshot } from '../../src/input/snapshot.js';
import { readCorpus } from '../helpers/fixtures.js';

function stats(rel: string): ReturnType<typeof analyzeSnapshot>['stats'] {
  const { dump, diagnostics } = parseHeapDump(readCorpus(rel), rel);
  return analyzeSnapshot(rel, heapSnapshot(dump), diagnostics).stats;
}

describe('ringAgreement', () => {
  it('agrees on the latest cycle both hold in one process (go1.21 peak: after-release NumGC 1, after-free NumGC 3)', () => {
    expect(ringAgreement(stats('go1.21/peak/default.after-release.heap-debug1.txt'), stats('go1.21/peak/default.after-free.heap-debug1.txt'))).toEqual({ kind: 'agree', cycle: 1 });
  });

  it('disagrees on cycle 1 across two runs of one program (go1.21 peak default, then gomemlimit100MiB: NumGC 3 → 30)', () => {
    const r = ringAgreement(stats('go1.21/peak/default.after-free.heap-debug1.txt'), stats('go1.21/peak/gomemlimit100MiB.after-free.heap-debug1.txt'));
    expect(r.kind).toBe('disagree');
    if (r.kind !== 'disagree') return;
    expect(r.cycle).toBe(1);
    expect(r.field).toBe('PauseEnd');
    expect(pauseEndTime(r.earlier)).toBe('2026-11-26T20:09:18.602Z');
  });

  it('has nothing to compare before the first GC (go1.21 peak baseline, NumGC 0)', () => {
    expect(ringAgreement(stats('go1.21/peak/default.baseline.heap-debug1.txt'), stats('go1.21/peak/default.after-free.heap-debug1.txt'))).toEqual({ kind: 'none' });
  });
});
