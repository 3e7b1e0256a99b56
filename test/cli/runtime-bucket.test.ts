/**
 * The runtime bucket when one of its parts is not in the input (audit-live 08): a go1.19 server's
 * stdlib /metrics without go_memstats_gc_sys_bytes, and a heap dump cut inside `# BuckHashSys`. A
 * missing part read as 0 gave "runtime 4.2 MiB" (17.5 MiB with GCSys) and "runtime 1.5 MiB" (14.1
 * MiB in the whole dump): the six buckets added to less than Sys.
 */
import { describe, expect, it } from 'vitest';
import { BUCKETS, computeBreakdown, missingForBreakdown } from '../../src/analyze/breakdown.js';
import { MemStats } from '../../src/analyze/memstats.js';
import { runCli } from '../helpers/cli.js';

const D = 'test/fixtures/captured/go1.19-audit-live/02-runtime-part-missing';

interface Report {
  snapshots: { breakdown: Record<string, number> | null }[];
  diagnostics: { line: number; column: number; cut?: boolean }[];
}

describe('a runtime part not in the input', () => {
  it('/metrics without GCSys: runtime is Sys − HeapSys − StackSys (18,353,448), said under the buckets; they add up to Sys', async () => {
    const text = await runCli([`${D}/nogcsys.metrics.txt`]);
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines).toContain('  runtime          17.5 MiB    9.9%  ██');
    expect(lines).toContain('  runtime is Sys − HeapSys − StackSys: GCSys is not in the input.');
    const json = JSON.parse((await runCli([`${D}/nogcsys.metrics.txt`, '-f', 'json'])).stdout) as Report;
    const b = json.snapshots[0]?.breakdown ?? {};
    expect(b.runtime).toBe(18353448);
    expect(BUCKETS.reduce((sum, k) => sum + (b[k] ?? 0), 0)).toBe(b.sys); // 186,125,608
    const markdown = (await runCli([`${D}/nogcsys.metrics.txt`, '-f', 'markdown'])).stdout;
    expect(markdown).toContain('| runtime | 18,353,448 | 17.5 MiB | 9.9% |');
    expect(markdown).toContain('\nruntime is Sys − HeapSys − StackSys: GCSys is not in the input.\n');
  });

  it('a heap dump cut inside # BuckHashSys: runtime 14,827,800 (as in the whole dump), with the cut diagnostic', async () => {
    const text = await runCli([`${D}/truncated.heap.txt`]);
    expect(text.code).toBe(2);
    expect(text.stdout.split('\n')).toContain('  runtime is Sys − HeapSys − StackSys: BuckHashSys, GCSys, OtherSys are not in the input.');
    const json = JSON.parse((await runCli([`${D}/truncated.heap.txt`, '-f', 'json'])).stdout) as Report;
    expect(json.snapshots[0]?.breakdown?.runtime).toBe(14827800);
    expect(json.diagnostics).toMatchObject([{ line: 43, column: 5, cut: true }]);
  });

  it('a runtime part and HeapSys both missing: no breakdown, the fields named, never a part read as 0', () => {
    const fields = new Map<string, bigint>([['HeapAlloc', 10n], ['HeapInuse', 20n], ['HeapIdle', 30n], ['HeapReleased', 5n], ['StackSys', 8n], ['Sys', 200n], ['MSpanSys', 1n], ['MCacheSys', 1n]]);
    const stats = new MemStats(fields);
    expect(missingForBreakdown(stats)).toEqual(['BuckHashSys', 'GCSys', 'OtherSys', 'HeapSys']);
    expect(computeBreakdown(stats)).toBeUndefined();
    const withHeapSys = new MemStats(new Map([...fields, ['HeapSys', 50n]]));
    expect(computeBreakdown(withHeapSys)).toMatchObject({ runtime: 142, sys: 200 });
  });
});
