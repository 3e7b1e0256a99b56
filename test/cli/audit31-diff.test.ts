/**
 * `heapdoc diff` of a dump read between GCs beside one read after a forced GC (go1.19-audit31-bufreset:
 * README.md there). t1.heap.txt's heap profile is as of an earlier GC than its MemStats: it lacks
 * the 128 MiB buffer that already existed, so the diff to t5.heap-gc.txt read "most growth at
 * bytes.growSlice (+32.0 MiB in use)", "96.0 MiB → 128.0 MiB in use, +128.0 MiB allocated", while
 * TotalAlloc rose 9.6 MiB; and it called t1's HeapAlloc, garbage included, the live heap.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const B = 'test/fixtures/captured/go1.19-audit31-bufreset';

interface DiffJson {
  summary: string;
  betweenGCs?: string[];
  afterForcedGC?: string[];
  sitesBeyondTotalAlloc?: { allocBytes: number; totalAllocBytes: number };
  memStats: { TotalAlloc: { delta: number } };
  sites: { function: string; inuseBytes: { before: number; after: number }; allocBytes: { delta: number } }[];
}

async function diffJson(before: string, after: string): Promise<DiffJson> {
  const r = await runCli(['diff', `${B}/${before}`, `${B}/${after}`, '--format', 'json']);
  expect([r.code, r.stderr]).toEqual([0, '']);
  return JSON.parse(r.stdout) as DiffJson;
}

describe('diff says when a dump was read between GCs, and names no growth the profiles cannot show', () => {
  it('text: t1.heap.txt read between GCs, t5.heap-gc.txt after a forced GC; HeapAlloc, not the live heap; no growth at bytes.growSlice', async () => {
    const r = await runCli(['diff', `${B}/t1.heap.txt`, `${B}/t5.heap-gc.txt`]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'Read between GCs: t1.heap.txt (its HeapAlloc counts the garbage made since the last GC, and its heap profile is as of an earlier GC than its MemStats), while t5.heap-gc.txt was read right after a forced GC (?gc=1): not like for like.',
      "HeapAlloc 192.2 MiB → 128.2 MiB (−63.9 MiB); +226 objects; 9.6 MiB allocated over 5 GC cycles between the two; the allocation sites' changes are not growth between the two (the profiles' allocated bytes rose 137.2 MiB, TotalAlloc only 9.6 MiB).",
    ]);
    expect(r.stdout).not.toContain('most growth');
    const table = lines.indexOf('Allocation sites that changed (in use, unsampled estimates)');
    expect(lines.slice(table - 2, table + 3)).toEqual([
      "The allocation sites' changes are not growth between the two: the profiles' allocated bytes rose 137.2 MiB, TotalAlloc only 9.6 MiB; t1.heap.txt's heap profile is as of an earlier GC than its MemStats, so they include what was allocated before it was read.",
      '',
      'Allocation sites that changed (in use, unsampled estimates)',
      '  +32.0 MiB   bytes.growSlice',
      '              96.0 MiB → 128.0 MiB in use, +128.0 MiB allocated · …/src/bytes/buffer.go:240',
    ]);
  });

  it('JSON: betweenGCs, afterForcedGC and sitesBeyondTotalAlloc (the profiles\' allocated rise against TotalAlloc\'s)', async () => {
    const d = await diffJson('t1.heap.txt', 't5.heap-gc.txt');
    expect([d.betweenGCs, d.afterForcedGC, d.sitesBeyondTotalAlloc, d.memStats.TotalAlloc.delta]).toEqual([
      [`${B}/t1.heap.txt`], [`${B}/t5.heap-gc.txt`], { allocBytes: 143887817, totalAllocBytes: 10037464 }, 10037464,
    ]);
    expect([d.sites[0]?.function, d.sites[0]?.inuseBytes.before, d.sites[0]?.inuseBytes.after, d.sites[0]?.allocBytes.delta]).toEqual(['bytes.growSlice', 100663296, 134217728, 134217728]);
  });

  it('the same moment plain and after ?gc=1: the lag is said, not growth (+128.0 MiB in the profiles over 44.8 KiB of TotalAlloc)', async () => {
    const d = await diffJson('t1.heap.txt', 't1.heap-gc.txt');
    expect(d.summary).toBe('Read between GCs: t1.heap.txt (its HeapAlloc counts the garbage made since the last GC, and its heap profile is as of an earlier GC than its MemStats), while t1.heap-gc.txt was read right after a forced GC (?gc=1): not like for like. '
      + "HeapAlloc 192.2 MiB → 128.2 MiB (−64.0 MiB); −4 objects; 44.8 KiB allocated over 1 GC cycle between the two; the allocation sites' changes are not growth between the two (the profiles' allocated bytes rose 128.0 MiB, TotalAlloc only 44.8 KiB).");
  });

  it('like for like, both after a forced GC: as before — the live heap, nothing read between GCs', async () => {
    const d = await diffJson('t1.heap-gc.txt', 't5.heap-gc.txt');
    expect([d.betweenGCs, d.afterForcedGC, d.sitesBeyondTotalAlloc]).toEqual([undefined, undefined, undefined]);
    expect(d.summary).toBe("Live heap 128.2 MiB → 128.2 MiB (+54.1 KiB); in-use bytes unchanged at the allocation sites; 117.3 MiB moved from idle to released (returned to the OS); +230 objects; 9.5 MiB allocated over 4 GC cycles between the two; the profiles show only the profiler's own allocating (taking the dumps: runtime/pprof.writeGoroutineStacks +4.6 MiB).");
  });

  it('swapped (AFTER before BEFORE): nothing is said of reading between GCs, only that the counters went down', async () => {
    const d = await diffJson('t5.heap-gc.txt', 't1.heap.txt');
    expect([d.betweenGCs, d.sitesBeyondTotalAlloc]).toEqual([undefined, undefined]);
    expect(d.summary).toBe('Live heap 128.2 MiB → 192.2 MiB (+63.9 MiB); −226 objects; cumulative counters went down (TotalAlloc −9.6 MiB, NumGC −5): swapped, or two processes.');
  });
});
