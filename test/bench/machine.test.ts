import { describe, expect, it } from 'vitest';
import { describeProbe, probeOf } from '../../bench/machine.js';

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
});
