/**
 * "Read between GCs" decided by one rule for one dump, a series and a diff (verdict.ts readMidCycle:
 * a profile under half of HeapAlloc, or a goal that says the last GC marked under 90% of it), and a
 * dump whose profile counts more in use than its HeapAlloc is no dump read right after a forced GC
 * (series/forced.ts profileOfEarlierGC: runtime.GC publishes its own cycle's profile).
 */
import { describe, expect, it } from 'vitest';
import { reportJson, reportLines } from '../helpers/cli.js';

const CONCPEAK = 'test/fixtures/captured/go1.19-audit43-concpeak';
const SCAVTRACE = 'test/fixtures/captured/go1.19-scavtrace';

describe('read between GCs, one rule for one dump, a series and a diff', () => {
  it('the concpeak plain pair: both read between GCs, heap-t26 not "right after a forced GC"', async () => {
    // heap-t26: NumGC 45, read ~4 s after gc 45 (gctrace.log) and before its round's ?gc=1 (gc 46, forced); its profile,
    // 240.1 MiB at main.render, is of the burst's GCs, beside HeapAlloc 65.8 MiB. heap-t46: its goal (NextGC 428.3 MiB)
    // says the last GC marked about 213.2 MiB of HeapAlloc 394.0 MiB.
    const args = ['diff', `${CONCPEAK}/plain/heap-t26.txt`, `${CONCPEAK}/plain/heap-t46.txt`];
    const [first, second] = await reportLines(args);
    expect(first).toBe('Read between GCs: both dumps (their HeapAlloc counts the garbage made since the last GC, and their heap profiles are as of an earlier GC than their MemStats).');
    expect(second).toBe('HeapAlloc 65.8 MiB → 394.0 MiB (+328.2 MiB); +2,756 objects; no site grew beyond sampling error (the most, bufio.NewWriterSize, +513.0 KiB in use, within ±1.0 MiB); 6.3 GiB allocated over 50 GC cycles between the two.');
    const json = await reportJson<{ betweenGCs?: string[]; afterForcedGC?: string[] }>(args);
    expect([json.betweenGCs, json.afterForcedGC]).toEqual([[`${CONCPEAK}/plain/heap-t26.txt`, `${CONCPEAK}/plain/heap-t46.txt`], undefined]);
  });

  it('the same dumps read after their ?gc=1 stay right after a forced GC', async () => {
    const args = ['diff', `${CONCPEAK}/gc1/heap-t26.txt`, `${CONCPEAK}/gc1/heap-t46.txt`];
    expect((await reportLines(args))[0]).toBe('Live heap 1.6 MiB → 1.7 MiB (+110.4 KiB); +113 objects; no site grew beyond sampling error (the most, bufio.NewWriterSize, +513.0 KiB in use, within ±1.0 MiB); 6.3 GiB allocated over 50 GC cycles between the two.');
    const json = await reportJson<{ betweenGCs?: string[]; afterForcedGC?: string[] }>(args);
    expect([json.betweenGCs, json.afterForcedGC]).toEqual([undefined, undefined]);
  });

  it('scavtrace: the latest HeapAlloc 9.3 MiB, its goal saying about 8.0 MiB marked, is the heap between collections, not the live heap', async () => {
    // gctrace.log's gc 6 (forced) left 7 MB live; the program allocated ~2.3 MiB more before it wrote heap.3 (HeapAlloc 9,738,904, NextGC 16,888,120).
    const lines = await reportLines(['analyze', SCAVTRACE]);
    expect(lines[0]).toBe('A plateau, not a leak: the heap between collections (HeapAlloc, live plus garbage not yet collected) rose from 5.3 MiB to 9.3 MiB by snapshot 2, then stayed near 9.3 MiB through snapshot 3: it grew once, then stopped; the heap profile, as of the latest one\'s last GC, had 7.1 MiB in use: HeapAlloc counts the garbage made since the last GC, which the next one collects, so these snapshots do not say how much is live.');
    expect(lines[1]).toBe('To read the live heap itself, add ?gc=1 to the heap URL so that each snapshot follows a GC.');
    expect(lines.filter((l) => l.startsWith('  HeapAlloc'))).toEqual([
      '  HeapAlloc     5.3 MiB → 9.3 MiB → 9.3 MiB',
      '  HeapAlloc was read between GCs: the heap between collections, live plus garbage not yet collected, not the live heap; the heap profile, as of the latest snapshot\'s last GC, had 7.1 MiB in use.',
      // heap.3.txt's own table, as one dump's verdict reads it.
      '  HeapAlloc         9.3 MiB   35.2%  ████████',
    ]);
  });
});
