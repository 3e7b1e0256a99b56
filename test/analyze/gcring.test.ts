/** series/gcring.ts on real MemStats: the GC cycles two snapshots both hold, compared. */
import { describe, expect, it } from 'vitest';
import { logRingAgreement, ringAgreement, pauseEndTime } from '../../src/analyze/series/gcring.js';
import { gcTraceUnitMs } from '../../src/analyze/pauses.js';
import { analyzeGcTrace } from '../../src/exposition/gctrace.js';
import { parseGcTrace } from '../../src/grammar/gctrace/index.js';
import { analyzeSnapshot } from '../../src/analyze/snapshot.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { heapSnapshot } from '../../src/input/snapshot.js';
import { readCorpus, readFixture } from '../helpers/fixtures.js';

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

/**
 * logRingAgreement on real logs beside real dumps: a log of the dumps' own process agrees on every
 * cycle both record, within gctrace's truncation (each phase cut to µs, then to two significant
 * digits); a log of another run disagrees on most of them. Before, one cycle outside ½–2× of the
 * ring's pause was "another run", and a same-run pause of 0.04 ms sat near that band's edge.
 */
describe('logRingAgreement', () => {
  const log = (rel: string): ReturnType<typeof analyzeGcTrace> => analyzeGcTrace(parseGcTrace(readFixture(rel), rel).log, rel);
  const dump = (rel: string): ReturnType<typeof analyzeSnapshot>['stats'] => {
    const { dump: parsed, diagnostics } = parseHeapDump(readFixture(rel), rel);
    return analyzeSnapshot(rel, heapSnapshot(parsed), diagnostics).stats;
  };
  const W = 'captured/go1.19-audit-work';
  const V = 'captured/go1.19-audit-verdicts';
  const EXPOSITION = 'corpus/go1.19/exposition';

  it('gctrace truncates: the unit of the last printed digit (runtime fmtNSAsMS), and each cycle\'s STW phases\' units summed', () => {
    expect([11, 6.6, 1.2, 0.5, 0.11, 0.099, 0.014, 0.005, 0].map(gcTraceUnitMs)).toEqual([1, 0.1, 0.1, 0.01, 0.01, 0.001, 0.001, 0.001, 0.001]);
    // gctrace-gogc25.log's gc 1: `0.014+8.5+0.011 ms clock`; the exposition leak's gctrace.log's gc 1: `0.18+…+0.005`.
    expect([log(`${EXPOSITION}/leak/gctrace-gogc25.log`).stwMs[0], log(`${EXPOSITION}/leak/gctrace-gogc25.log`).stwUnitMs[0]]).toEqual([0.025, 0.002]);
    expect([log(`${EXPOSITION}/leak/gctrace.log`).stwMs[0], log(`${EXPOSITION}/leak/gctrace.log`).stwUnitMs[0]]).toEqual([0.185, 0.011]);
  });

  it.each([
    // [log, dump, GC cycles both record]: every one agrees.
    [`${EXPOSITION}/leak/gctrace.log`, `${EXPOSITION}/leak/heap.3.txt`, 4],
    [`${EXPOSITION}/burst/gctrace.log`, `${EXPOSITION}/burst/heap.1.txt`, 2],
    [`${W}/01-lru/stderr.log`, `${W}/01-lru/07-t32.heap-gc1.txt`, 12],
    [`${W}/05b-workingset-gogc100/stderr.log`, `${W}/05b-workingset-gogc100/06-t18.heap-gc1.txt`, 211],
    [`${V}/a-slowleak/stderr.log.gz`, `${V}/a-slowleak/06-moment6.heap-debug1.txt`, 256],
    [`${V}/c-goleak/stderr.log`, `${V}/c-goleak/05-moment5.heap-debug1.txt`, 9],
    ['captured/go1.19-frag-churn/gctrace.stderr.log', 'captured/go1.19-frag-churn/06-t6.heap-gc1.txt', 74],
    // Every other log captured with its process's dumps.
    ['scenarios/heap-leak/gctrace.log', 'scenarios/heap-leak/06-t6.heap-debug1.txt', 116],
    ['scenarios/burst/gctrace.log', 'scenarios/burst/06-idle.heap-debug1.txt', 6],
    ['scenarios/churn/gctrace.log', 'scenarios/churn/05-t5.heap-debug1.txt', 61],
    ['captured/go1.19-limit-binding/plateau-limit34/stderr.log', 'captured/go1.19-limit-binding/plateau-limit34/04-t10.heap-gc1.txt', 256],
    ['captured/go1.19-limit-binding/plateau-limit40/stderr.log', 'captured/go1.19-limit-binding/plateau-limit40/06-t16.heap-gc1.txt', 256],
    ['captured/go1.19-finalizer-stuck/gctrace.stderr.log', 'captured/go1.19-finalizer-stuck/03-t3.heap-gc1.txt', 14],
    ['captured/go1.19-audit28-bufgrow/long/stderr.log', 'captured/go1.19-audit28-bufgrow/long/gc1/06.heap-gc1.txt', 14],
    ['captured/go1.19-audit28-bufgrow/run/stderr.log', 'captured/go1.19-audit28-bufgrow/run/gc1/06.heap-gc1.txt', 12],
    ['captured/go1.19-audit28-overlimit/run/stderr.log', 'captured/go1.19-audit28-overlimit/run/plain/05.heap-debug1.txt', 256],
    ['captured/go1.19-series-limit-callers/callers/stderr.log', 'captured/go1.19-series-limit-callers/callers/05-t10.heap-gc1.txt', 9],
    ['captured/go1.19-series-limit-callers/plateau-limit128/stderr.log', 'captured/go1.19-series-limit-callers/plateau-limit128/06-t16.heap-gc1.txt', 112],
    ['captured/go1.19-audit31-freeos2/gctrace.log', 'captured/go1.19-audit31-freeos2/t3.heap-gc.txt', 10],
    ['captured/go1.19-audit28-gogcoff/gc1/stderr.log', 'captured/go1.19-audit28-gogcoff/gc1/gc1/05.heap-gc1.txt', 5],
    ['captured/go1.19-audit30-memlimit/gctrace.log', 'captured/go1.19-audit30-memlimit/05-t5-live~50MiB-gc.heap.txt', 256],
    ['captured/go1.19-audit-verdicts/g-stacks/stderr.log', 'captured/go1.19-audit-verdicts/g-stacks/02-moment2.heap-debug1.txt', 3],
    ['captured/go1.19-audit-verdicts/f-cache/stderr.log', 'captured/go1.19-audit-verdicts/f-cache/06-moment6.heap-debug1.txt', 14],
    ['captured/go1.19-creep-plain/gctrace.log', 'captured/go1.19-creep-plain/05.heap.txt', 14],
    ['captured/go1.19-audit28-deepstack/run/stderr.log', 'captured/go1.19-audit28-deepstack/run/gc1/05.heap-gc1.txt', 5],
    ['captured/go1.19-audit30-readall/gctrace.log', 'captured/go1.19-audit30-readall/05-t4-later-gc.heap.txt', 27],
    ['captured/go1.19-audit31-substr/gctrace.log', 'captured/go1.19-audit31-substr/t5.heap-gc.txt', 11],
    ['captured/go1.19-scavtrace/gctrace.log', 'captured/go1.19-scavtrace/heap.3.txt', 6],
    ['captured/go1.19-audit31-queuehead/gctrace.log', 'captured/go1.19-audit31-queuehead/t5.heap-gc.txt', 10],
    ['captured/go1.19-auditC/cap-burst2.gctrace.log', 'captured/go1.19-auditC/cap-burst2/heap.6.txt', 7],
    ['captured/go1.19-frag-plateau/gctrace.stderr.log', 'captured/go1.19-frag-plateau/05-t5.heap-gc1.txt', 19],
    ['captured/go1.19-audit-work/09-finalizers/stderr.log', 'captured/go1.19-audit-work/09-finalizers/06-t18.heap-gc1.txt', 10],
    ['captured/go1.19-audit-work/04-ballast/stderr.log', 'captured/go1.19-audit-work/04-ballast/05-t15.heap-gc1.txt', 11],
    ['captured/go1.19-audit-work/02-subslice/stderr.log', 'captured/go1.19-audit-work/02-subslice/06-t18.heap-gc1.txt', 11],
    ['captured/go1.19-audit-work/03-timers/stderr.log', 'captured/go1.19-audit-work/03-timers/06-t18.heap-gc1.txt', 10],
    ['captured/go1.19-audit-work/05-memlimit/stderr.log', 'captured/go1.19-audit-work/05-memlimit/06-t18.heap-gc1.txt', 109],
    ['captured/go1.19-audit-work/07-maps/stderr.log', 'captured/go1.19-audit-work/07-maps/05-t20.heap-gc1.txt', 19],
    ['captured/go1.19-audit-work/08-goleak/stderr.log', 'captured/go1.19-audit-work/08-goleak/06-t60.heap-gc1.txt', 12],
    ['captured/go1.19-audit-work/06-frag/stderr.log', 'captured/go1.19-audit-work/06-frag/05-t20.heap-gc1.txt', 11],
    ['captured/go1.19-audit30-syncpool/gctrace.log', 'captured/go1.19-audit30-syncpool/05-t5-steady-gc.heap.txt', 256],
    ['captured/go1.19-words29/blobcache/stderr.log', 'captured/go1.19-words29/blobcache/gc1/06.heap-gc1.txt', 9],
    ['captured/go1.19-words29/gcoffburst/stderr.log', 'captured/go1.19-words29/gcoffburst/gc1/05.heap-gc1.txt', 5],
    ['captured/go1.19-words29/stairstack/stderr.log', 'captured/go1.19-words29/stairstack/gc1/07.heap-gc1.txt', 8],
    ['captured/go1.19-jsondeep/stderr.log', 'captured/go1.19-jsondeep/01.heap-debug1.txt', 1],
    ['captured/go1.19-audit30-tickerleak/gctrace.log', 'captured/go1.19-audit30-tickerleak/05-t5-50000tickers-gc.heap.txt', 9],
    ['captured/go1.19-audit29-frag/gctrace.stderr.log', 'captured/go1.19-audit29-frag/04-t4.heap-gc1.txt', 13],
    ['captured/go1.19-audit27-burst/burst.gctrace.log', 'captured/go1.19-audit27-burst/burst/05.heap.txt', 6],
    ['captured/go1.19-audit-verdicts/a2-slowleak-gc1/stderr.log.gz', 'captured/go1.19-audit-verdicts/a2-slowleak-gc1/06-moment6.heap-debug1.txt', 256],
    ['captured/go1.19-audit-verdicts/c2-goleak-heapbufs/stderr.log.gz', 'captured/go1.19-audit-verdicts/c2-goleak-heapbufs/05-moment5.heap-debug1.txt', 31],
  ])('the dumps\' own process: %s beside %s agrees on all %i cycles', (logRel, dumpRel, shared) => {
    expect(logRingAgreement(dump(dumpRel), log(logRel))).toEqual({ kind: 'consistent', shared, disagreeing: 0 });
  });

  it('another run: the corpus leak\'s GOGC=25 run beside its dumps, all 4 cycles; gc 1 printed 0.025 up to 0.027 ms, PauseNs 194,250 ns', () => {
    expect(logRingAgreement(dump(`${EXPOSITION}/leak/heap.3.txt`), log(`${EXPOSITION}/leak/gctrace-gogc25.log`))).toEqual({
      kind: 'disagree', disagreeing: 4, shared: 4, first: { cycle: 1, logMs: 0.025, unitMs: 0.002, ringNs: 194_250 },
    });
  });

  it('another run: the plateau program\'s second run (go1.19-audit/plateau/gctrace.log) beside the first\'s dumps, 59 of 59 cycles', () => {
    const r = logRingAgreement(dump('captured/go1.19-audit/plateau/06-t6.heap-gc.txt'), log('captured/go1.19-audit/plateau/gctrace.log'));
    expect(r).toMatchObject({ kind: 'disagree', disagreeing: 59, shared: 59, first: { cycle: 1, ringNs: 4_081_465 } });
  });

  it('another program: the slow leak\'s log beside the bounded LRU\'s dumps, 11 of 12 cycles (its gc 5, 0.030 up to 0.032 ms, agrees with the LRU\'s 32,973 ns within the 5 µs allowed)', () => {
    const r = logRingAgreement(dump(`${W}/01-lru/07-t32.heap-gc1.txt`), log(`${V}/a-slowleak/stderr.log.gz`));
    expect(r).toMatchObject({ kind: 'disagree', disagreeing: 11, shared: 12, first: { cycle: 1, ringNs: 29_687 } });
  });

  it('one cycle is no proof: the goroutine-leak program\'s second run shares 1 cycle with its first\'s dumps, and disagrees on it', () => {
    expect(logRingAgreement(dump('captured/go1.19-audit/gorleak/06-t6.heap-gc.txt'), log('captured/go1.19-audit/gorleak/gctrace.log'))).toEqual({ kind: 'consistent', shared: 1, disagreeing: 1 });
  });
});
