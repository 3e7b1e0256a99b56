import { describe, expect, it } from 'vitest';
import { describeProbe, probeOf } from '../../bench/machine.js';

describe('the bench machine probe', () => {
  it('takes the median of 2 × alone / together over the rounds', () => {
    // Ratios 2.00, 0.50, 1.60: the median is 1.60.
    const probe = probeOf([{ alone: 1, together: 1 }, { alone: 1, together: 4 }, { alone: 0.8, together: 1 }]);
    expect(probe.ceiling).toBeCloseTo(1.6, 10);
    expect(describeProbe(probe)).toBe('two fixed loops of pure JavaScript at once reach 1.60× one (rounds 2.00 0.50 1.60; one alone 1.00 1.00 0.80 s)');
  });
});
