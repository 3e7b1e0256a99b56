/** largest, smallest, appendAll: Math.max's and push's answers, at lengths their spread overflows; grownTypedArray. */
import { describe, expect, it } from 'vitest';
import { appendAll, grownTypedArray, largest, smallest } from '../../src/common/arrays.js';

const MANY = Array.from({ length: 600_000 }, (_, i) => (i * 7919) % 600_011);

describe('arrays', () => {
  it('a spread of this many arguments overflows the stack (why these helpers exist)', () => {
    expect(() => Math.max(...MANY)).toThrow(RangeError);
  });

  it('largest and smallest of many', () => {
    expect(largest(MANY)).toBe(600_010);
    expect(smallest(MANY)).toBe(0);
  });

  it('say what Math.max and Math.min say on few, none, NaN and negatives', () => {
    for (const values of [[3, -1, 2], [-5, -9], [], [1, Number.NaN, 3], [Number.NaN]]) {
      expect(largest(values)).toBe(Math.max(...values));
      expect(smallest(values)).toBe(Math.min(...values));
    }
  });

  it('appendAll keeps order and appends many', () => {
    const target = [-1];
    appendAll(target, MANY);
    expect(target.length).toBe(600_001);
    expect([target[0], target[1], target[600_000]]).toEqual([-1, 0, MANY[599_999]]);
  });
});

describe('grownTypedArray', () => {
  it('keeps a column that holds the size; else copies it into one four times as long, or as long as asked', () => {
    const column = Float64Array.from([1.5, 2, 3]);
    expect(grownTypedArray(column, 3)).toBe(column);
    const grown = grownTypedArray(column, 4);
    expect(grown).toBeInstanceOf(Float64Array);
    expect([...grown]).toEqual([1.5, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(grownTypedArray(Int32Array.from([7]), 9)).toEqual(Int32Array.from([7, 0, 0, 0, 0, 0, 0, 0, 0]));
  });
});
