/**
 * A rise that slows at every step (src/analyze/series/trend.ts slowingRise): each step at most 0.8
 * of the one before, 0.7 or less on average, over 3 steps or more — a cache filling a bounded key
 * set — and never a leak's steady rise. Values from test/fixtures/captured (go1.19-audit41-satcache's
 * ?gc=1 HeapAlloc, go1.19-audit40-ringbuf's, go1.19-audit/plateau's).
 */
import { describe, expect, it } from 'vitest';
import { slowingRise } from '../../src/analyze/series/trend.js';

/** go1.19-audit41-satcache, heap-gc1-t01…t10.txt, HeapAlloc after the forced GC. */
const SATCACHE = [12_292_200, 32_713_288, 41_791_544, 47_098_488, 50_563_752, 52_321_624, 53_158_488, 53_614_584, 53_858_392, 53_994_920];

describe('slowingRise', () => {
  it("satcache's first 5 readings: 4 steps, each about half the last, heading for ~52.3 MiB", () => {
    const r = slowingRise(SATCACHE.slice(0, 5));
    expect(r?.from).toBe(0);
    expect(r?.steps).toEqual([20_421_088, 9_078_256, 5_306_944, 3_465_264]);
    expect(r?.ratio).toBeCloseTo(0.5536, 4);
    expect(Math.round(r?.toward ?? 0)).toBe(54_861_688);
  });

  it("satcache's 10 readings: 9 slowing steps, heading for ~51.6 MiB (the cache fills to ~51.5 MiB)", () => {
    const r = slowingRise(SATCACHE);
    expect(r?.steps.length).toBe(9);
    expect(Math.round(r?.toward ?? 0)).toBe(54_151_837);
  });

  it('two steps are too few (one ratio): a warm-up ends so too', () => {
    expect(slowingRise(SATCACHE.slice(0, 3))).toBeUndefined();
  });

  it("ringbuf's HeapAlloc (a real leak, plain dumps then ?gc=1): no slowing rise, nor in its first 4 readings (0.73 on average)", () => {
    // go1.19-audit40-ringbuf: heap-t5s … heap-t25s.txt, heap-gc1-t26s.txt.
    const ringbuf = [4_119_072, 11_932_064, 17_647_648, 21_785_448, 28_202_312, 26_736_672];
    expect(slowingRise(ringbuf)).toBeUndefined();
    expect(slowingRise(ringbuf.slice(0, 4))).toBeUndefined();
    expect(slowingRise([10, 20, 30, 40, 50])).toBeUndefined();
  });

  it('a last step within its error is the rise that stopped: it ends the run without breaking it', () => {
    const r = slowingRise([7, 15, 31, 39, 44, 48, 48.25], [0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(r?.from).toBe(1);
    expect(r?.steps).toEqual([16, 8, 5, 4, 0.25]);
    expect(r?.ratio).toBeCloseTo(0.63, 2);
  });

  it('a step that is not clearly smaller than the one before (over 0.8 of it) breaks the run', () => {
    expect(slowingRise([0, 16, 24, 30, 35])).toBeUndefined();
  });
});
