import { describe, expect, it } from 'vitest';
import { compareNatural } from '../../src/common/order.js';

describe('compareNatural', () => {
  it('orders runs of digits as numbers, the rest by code point', () => {
    const names = ['team10/a.txt', 'team2/b.txt', 'snap10.txt', 'snap9.txt', 'snap09.txt', 'snap1.txt', 'Snap3.txt', 'a', 'a1', 'a01', 'b', '10', '9'];
    expect([...names].sort(compareNatural)).toEqual(['9', '10', 'Snap3.txt', 'a', 'a01', 'a1', 'b', 'snap1.txt', 'snap09.txt', 'snap9.txt', 'snap10.txt', 'team2/b.txt', 'team10/a.txt']);
  });

  it('is a consistent order: antisymmetric, and 0 only for the same text', () => {
    const names = ['x1y2', 'x01y2', 'x1y02', 'x1y10', 'x10y1', ''];
    for (const a of names) {
      for (const b of names) {
        expect(Math.sign(compareNatural(a, b)) + Math.sign(compareNatural(b, a)), `${a} ${b}`).toBe(0);
        if (a !== b) expect(compareNatural(a, b), `${a} ${b}`).not.toBe(0);
      }
    }
  });
});
