import { describe, expect, it } from 'vitest';
import { describeProbe, FRESH_MEMORY, probeOf } from '../../bench/machine.js';
import type { ProcessUsage } from '../../bench/process.js';

describe('the bench machine probe', () => {
  it('takes the median of 2 × alone / together over the steady rounds', () => {
    // Ratios 2.00, 0.50, 1.60: the median is 1.60.
    const probe = probeOf([
      { aloneBefore: 1, together: 1, aloneAfter: 1 },
      { aloneBefore: 1.1, together: 4, aloneAfter: 0.9 },
      { aloneBefore: 0.8, together: 1, aloneAfter: 0.8 },
    ]);
    expect(probe.ceiling).toBeCloseTo(1.6, 10);
    expect(describeProbe(probe)).toBe('two fixed loops of pure JavaScript at once reach 1.60× one (steady rounds 2.00 0.50 1.60; one alone 1.00 1.00 0.80 s)');
  });

  it('leaves out a round whose lone runs disagree: the machine changed speed within it', () => {
    // Alone 3.59 s then 0.86 s around two at once in 0.9 s: 2 × 2.2 / 0.9 ≈ 4.9×, which two cores cannot give.
    const probe = probeOf([
      { aloneBefore: 3.59, together: 0.9, aloneAfter: 0.86 },
      { aloneBefore: 0.8, together: 3.4, aloneAfter: 0.84 },
    ]);
    expect(probe.steady).toHaveLength(1);
    expect(probe.ceiling).toBeCloseTo(0.48235, 4);
    expect(describeProbe(probe)).toBe('two fixed loops of pure JavaScript at once reach 0.48× one (steady rounds 0.48; one alone 0.82 s; '
      + '1 of 2 rounds left out: the loop alone took 3.59 then 0.86 s, the machine changed speed within them)');
  });

  it('says so when no round was steady', () => {
    const probe = probeOf([{ aloneBefore: 3.5, together: 1, aloneAfter: 0.8 }]);
    expect(probe.ceiling).toBeUndefined();
    expect(describeProbe(probe)).toBe('two fixed loops of pure JavaScript at once: no steady round; 1 of 1 rounds left out: the loop alone took 3.50 then 0.80 s, the machine changed speed within them');
  });

  it('names the loop it measured: the fresh-memory one too', () => {
    const probe = probeOf([{ aloneBefore: 0.34, together: 1.04, aloneAfter: 0.34 }]);
    expect(describeProbe(probe, FRESH_MEMORY)).toBe('two loops writing to fresh memory (page faults) at once reach 0.65× one (steady rounds 0.65; one alone 0.34 s)');
  });

  it('the fresh-memory loop takes a page fault for each 4 KiB page it writes, and a measured process reports its faults', async () => {
    // The built bench: measureNode preloads usage.js, which exists only as built (npm test builds first).
    const { measureNode } = await import(new URL('../../dist/bench/process.js', import.meta.url).href) as { measureNode: (args: string[]) => ProcessUsage };
    const baseline = measureNode(['-e', '0']);
    const fresh = measureNode(['-e', FRESH_MEMORY.code]);
    expect(fresh.exitCode).toBe(0);
    // 64 buffers of 4 MiB, one write a page: 65,536 pages, but glibc and V8 may hand back memory
    // freed by the buffers before it; at least the first 4 MiB buffer and ~ a quarter of the rest is new.
    expect((fresh.minorFaults ?? 0) - (baseline.minorFaults ?? 0)).toBeGreaterThan(1024);
  });
});
