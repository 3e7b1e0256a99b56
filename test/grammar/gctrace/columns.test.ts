/**
 * The gctrace model's columns (grammar/gctrace/model.ts): values in blocks of 16,384; a column of
 * whole numbers keeps 32-bit blocks until a value does not fit, then that block turns float64.
 */
import { describe, expect, it } from 'vitest';
import { GcCycles, NumberColumn } from '../../../src/grammar/gctrace/model.js';

describe('NumberColumn', () => {
  it('a widening 32-bit column reads back NaN, fractions, 2^32 and beyond exactly, in its block only', () => {
    const column = new NumberColumn((n) => new Uint32Array(n), true);
    const values = new Map<number, number>([[0, 7], [1, NaN], [2, 0.5], [3, 2 ** 32], [4, 2 ** 53], [5, -1], [16384, 4294967295], [16385, 12]]);
    for (const [i, v] of values) column.set(i, v);
    for (const [i, v] of values) expect(column.at(i)).toBe(v);
    expect(column.at(6)).toBe(0);
    expect(column.at(40000)).toBeNaN(); // no block there
    expect(column.slice(0, 3)).toEqual([7, NaN, 0.5]);
  });

  it('a column of thousandths reads back three-decimal values, and widens its block for a fourth decimal, NaN or 2^32 thousandths', () => {
    const column = new NumberColumn((n) => new Uint32Array(n), true, 1000);
    const exact = [0, 0.014, 8.5, 0.011, 1.2, 12345.678, 4294967.295];
    exact.forEach((v, i) => column.set(i, v));
    expect(exact.map((_, i) => column.at(i))).toEqual(exact);
    const odd = [0.0001, NaN, 4294967.296, -0.5, 0.1 + 0.2];
    odd.forEach((v, i) => column.set(16384 + i, v));
    expect(odd.map((_, i) => column.at(16384 + i))).toEqual(odd);
    column.set(7, 0.0001); // the first block widens: what it held reads back the same
    expect([...exact.map((_, i) => column.at(i)), column.at(7)]).toEqual([...exact, 0.0001]);
  });

  it('a column that does not widen keeps what its array keeps', () => {
    const column = new NumberColumn((n) => new Uint32Array(n));
    column.set(0, 0.5);
    column.set(1, 2 ** 32 + 3);
    expect([column.at(0), column.at(1)]).toEqual([0, 3]);
  });
});

describe('GcCycles', () => {
  it("keeps a pre-1.18 line's missing stacks and globals (NaN) and a huge line number beside 32-bit ones", () => {
    const cycles = new GcCycles();
    const numbers = { number: 1, atSeconds: 0.029, cpuPercent: 1, heapStartMB: 4, heapEndMB: 5, liveMB: 2, goalMB: 8, procs: 2, forced: false };
    cycles.addTime(0.014);
    cycles.push({ ...numbers, stacksMB: undefined, globalsMB: undefined }, 0, 1, { line: 1, column: 1 });
    cycles.addTime(0.5);
    cycles.push({ ...numbers, number: 2, stacksMB: 0, globalsMB: 1 }, 1, 1, { line: 5_000_000_000, column: 1 });
    expect(cycles.at(0)).toMatchObject({ number: 1, stacksMB: undefined, globalsMB: undefined, clockMs: [0.014], position: { line: 1, column: 1 } });
    expect(cycles.at(1)).toMatchObject({ number: 2, stacksMB: 0, globalsMB: 1, clockMs: [0.5], position: { line: 5_000_000_000, column: 1 } });
  });
});
