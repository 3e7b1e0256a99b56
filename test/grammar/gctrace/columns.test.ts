/**
 * The gctrace model's columns (grammar/gctrace/model.ts): values in blocks of 16,384; a column of
 * whole numbers keeps its narrowest blocks until a value does not fit, then that block widens to
 * the next type that holds it (float64 last).
 */
import { describe, expect, it } from 'vitest';
import { GcCycles, NumberColumn } from '../../../src/grammar/gctrace/model.js';

describe('NumberColumn', () => {
  it('a widening 32-bit column reads back NaN, fractions, 2^32 and beyond exactly, in its block only', () => {
    const column = new NumberColumn([Uint32Array, Float64Array], true);
    const values = new Map<number, number>([[0, 7], [1, NaN], [2, 0.5], [3, 2 ** 32], [4, 2 ** 53], [5, -1], [16384, 4294967295], [16385, 12]]);
    for (const [i, v] of values) column.set(i, v);
    for (const [i, v] of values) expect(column.at(i)).toBe(v);
    expect(column.at(6)).toBe(0);
    expect(column.at(40000)).toBeNaN(); // no block there
    expect(column.slice(0, 3)).toEqual([7, NaN, 0.5]);
  });

  it('a column of thousandths reads back three-decimal values, and widens its block for a fourth decimal, NaN or 2^32 thousandths', () => {
    const column = new NumberColumn([Uint32Array, Float64Array], true, 1000);
    const exact = [0, 0.014, 8.5, 0.011, 1.2, 12345.678, 4294967.295];
    exact.forEach((v, i) => column.set(i, v));
    expect(exact.map((_, i) => column.at(i))).toEqual(exact);
    const odd = [0.0001, NaN, 4294967.296, -0.5, 0.1 + 0.2];
    odd.forEach((v, i) => column.set(16384 + i, v));
    expect(odd.map((_, i) => column.at(16384 + i))).toEqual(odd);
    column.set(7, 0.0001); // the first block widens: what it held reads back the same
    expect([...exact.map((_, i) => column.at(i)), column.at(7)]).toEqual([...exact, 0.0001]);
  });

  it('a column from 8 bits widens a block one step at a time, each block on its own, and reads back every value', () => {
    const column = new NumberColumn([Uint8Array, Uint16Array, Uint32Array, Float64Array], true);
    const blocks = (): string[] => (column as unknown as { blocks: ArrayLike<number>[] }).blocks.map((b) => b.constructor.name);
    column.set(0, 255);
    column.set(16384, 3);
    expect(blocks()).toEqual(['Uint8Array', 'Uint8Array']);
    column.set(1, 256);
    expect(blocks()).toEqual(['Uint16Array', 'Uint8Array']);
    column.set(2, 65536);
    expect(blocks()).toEqual(['Uint32Array', 'Uint8Array']);
    column.set(16385, 2 ** 32); // past 32 bits: straight to float64
    expect(blocks()).toEqual(['Uint32Array', 'Float64Array']);
    column.set(3, NaN);
    expect(blocks()).toEqual(['Float64Array', 'Float64Array']);
    expect([0, 1, 2, 3, 16384, 16385].map((i) => column.at(i))).toEqual([255, 256, 65536, NaN, 3, 2 ** 32]);
  });

  it('thousandths from 16 bits: 65.535 fits, 65.536 widens to 32 bits, a fourth decimal to float64', () => {
    const column = new NumberColumn([Uint16Array, Uint32Array, Float64Array], true, 1000);
    const blocks = (): string[] => (column as unknown as { blocks: ArrayLike<number>[] }).blocks.map((b) => b.constructor.name);
    column.set(0, 65.535);
    expect(blocks()).toEqual(['Uint16Array']);
    column.set(1, 65.536);
    expect(blocks()).toEqual(['Uint32Array']);
    column.set(2, 0.0005);
    expect(blocks()).toEqual(['Float64Array']);
    expect([column.at(0), column.at(1), column.at(2)]).toEqual([65.535, 65.536, 0.0005]);
  });

  it('values written in order after a widening go to the widened block, not the one it replaced', () => {
    // The column remembers the block it writes to (set's fast path): a widening must replace it there too.
    const column = new NumberColumn([Uint8Array, Uint16Array, Uint32Array, Float64Array], true);
    const values = [1, 300, 2, 70000, 3, 0.5, 4];
    values.forEach((v, i) => column.set(i, v));
    expect(values.map((_, i) => column.at(i))).toEqual([1, 300, 2, 70000, 3, 0.5, 4]);
    expect((column as unknown as { blocks: ArrayLike<number>[] }).blocks.map((b) => b.constructor.name)).toEqual(['Float64Array']);
  });

  it('a column that does not widen keeps what its array keeps', () => {
    const column = new NumberColumn([Uint32Array]);
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
    cycles.push({ ...numbers, stacksMB: undefined, globalsMB: undefined }, 0, 1, 1, 1);
    cycles.addTime(0.5);
    cycles.push({ ...numbers, number: 2, stacksMB: 0, globalsMB: 1 }, 1, 1, 5_000_000_000, 300);
    expect(cycles.at(0)).toMatchObject({ number: 1, stacksMB: undefined, globalsMB: undefined, clockMs: [0.014], position: { line: 1, column: 1 } });
    expect(cycles.at(1)).toMatchObject({ number: 2, stacksMB: 0, globalsMB: 1, clockMs: [0.5], position: { line: 5_000_000_000, column: 300 } });
  });
});
