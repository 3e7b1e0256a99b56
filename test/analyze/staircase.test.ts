/**
 * A staircase (src/analyze/series/staircase.ts): rose, held and rose again, never falling — a
 * buffer that doubles its capacity — is no plateau; a fill that rose at consecutive steps and then
 * held is. And a sampled estimate's error (src/analyze/unsample.ts estimateVariance): an object far
 * larger than the profiling rate is exact, small objects carry one sample's worth per √samples.
 * Values from test/fixtures/captured (go1.19-audit28-bufgrow, go1.19-audit/plateau,
 * go1.19-audit-verdicts/f-cache).
 */
import { describe, expect, it } from 'vitest';
import { doublesAtEachRise, isStaircase, stepRises } from '../../src/analyze/series/staircase.js';
import { estimateVariance, samplesBehind } from '../../src/analyze/unsample.js';

const MiB = 1024 * 1024;
/** The series' rise (verdict.ts stairRise): 10 % of where it was, 1 MiB at least. */
const seriesRise = (from: number): number => Math.max(MiB, 0.1 * from);
/** The GC log's (gctrace.ts floorStaircase): 2 MB and a quarter. */
const logRise = (from: number): number => Math.max(2, 0.25 * from);

describe('stepRises and isStaircase', () => {
  it("bufgrow's live heap after ?gc=1 (HeapAlloc, bytes): two rises with a hold between — a staircase, doubling", () => {
    const rises = stepRises([16_959_856, 33_755_728, 33_768_392, 67_312_528, 67_318_664, 67_328_104], seriesRise);
    expect(rises).toEqual([{ at: 1, from: 16_959_856, to: 33_755_728 }, { at: 3, from: 33_768_392, to: 67_312_528 }]);
    expect(isStaircase(rises)).toBe(true);
    expect(doublesAtEachRise(rises)).toBe(true);
  });

  it("bufgrow's GC log, the least C from each GC on after start-up (MB): three rises, the first not a doubling", () => {
    const rises = stepRises([12, 16, 16, 32, 32, 32, 64, 64, 64, 64], logRise);
    expect(rises.map((r) => r.at)).toEqual([1, 3, 6]);
    expect(isStaircase(rises)).toBe(true);
    expect(doublesAtEachRise(rises)).toBe(false);
  });

  it("the plateau's cache, filled by its second ?gc=1 dump, then flat: one rise, no staircase", () => {
    const rises = stepRises([8_796_912, 17_308_216, 17_348_088, 17_367_448, 17_386_728, 17_392_872], seriesRise);
    expect(rises).toEqual([{ at: 1, from: 8_796_912, to: 17_308_216 }]);
    expect(isStaircase(rises)).toBe(false);
  });

  it("f-cache's GC log: rises at consecutive cycles, then held: after start-up (its first second, C 3 7 12 12 MB), one rise, no staircase", () => {
    expect(isStaircase(stepRises([24, 24, 24, 36, 36, 36, 36, 36, 36, 36, 36], logRise))).toBe(false);
    // Its start-up alone (3 → 7 → 12 → 12 MB): rises at steps 1 and 2, then none, a fill that stopped.
    expect(isStaircase([{ at: 1, from: 3, to: 7 }, { at: 2, from: 7, to: 12 }])).toBe(false);
    expect(isStaircase([])).toBe(false);
  });
});

describe('estimateVariance: the error of an unsampled estimate', () => {
  it("bufgrow's 16 MiB array at a 4 KiB rate: one sample, exact (variance 0)", () => {
    const samples = samplesBehind(1, 16_777_216, 4096);
    expect(samples).toBe(1);
    expect(estimateVariance(1, 16_777_216, samples)).toBe(0);
    // The site's 64 MiB array with a small buffer of the same line beside it (2 objects, 67,115,343 bytes): exact by their average.
    expect(estimateVariance(2, 67_115_343, samplesBehind(2, 67_115_343, 4096))).toBe(0);
  });

  it("small objects: about one sample's worth per √samples, as a count of rare events (the slow leak's main.newSession)", () => {
    // go1.19-slowleak-gc1/slowleak-3, 06-t30s: 167 objects of ~9.3 KiB, 1,587,114 bytes, at the default 512 KiB rate: 3 samples.
    const samples = samplesBehind(167, 1_587_114, 524_288);
    expect(samples).toBeCloseTo(3.0, 3);
    const error = Math.sqrt(estimateVariance(167, 1_587_114, samples));
    expect(Math.round(error)).toBe(908_067);
    // Its rise from 0, 1.5 MiB, is within twice that: "0 → 0 → 1 → 1 → 3 → 3 samples: within sampling error".
    expect(1_587_114 < 2 * error).toBe(true);
    // An object the size of the rate is sampled 63 % of the time: not exact.
    expect(estimateVariance(1, 524_288, samplesBehind(1, 524_288, 524_288)) / (524_288 * 524_288)).toBeCloseTo(0.582, 3);
    expect(estimateVariance(0, 0, 0)).toBe(0);
  });
});
