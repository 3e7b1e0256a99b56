/**
 * Heap profile records are raw samples. pprof estimates the true counts
 * (profile/legacy_profile.go, scaleHeapSample): a sample of average size s is recorded with
 * probability 1 − e^(−s/period), so each record is divided by that probability. Like pprof, the
 * scaled values are truncated to integers per record, so totals match `go tool pprof`.
 */
export function scaleHeapSample(count: number, bytes: number, period: number | undefined): [objects: number, bytes: number] {
  const scale = heapSampleScale(count, bytes, period);
  return [scaled(count, scale), scaled(bytes, scale)];
}

/** A record's count or bytes times its scale (heapSampleScale), truncated as pprof does. */
export function scaled(value: number, scale: number): number {
  return scale === 0 ? 0 : scale === 1 ? value : Math.trunc(value * scale);
}

/**
 * What scaleHeapSample multiplies a record's counts by before it truncates them: 0 for an empty
 * record, 1 when nothing is scaled. For a caller that sums records and wants no pair per record.
 */
export function heapSampleScale(count: number, bytes: number, period: number | undefined): number {
  if (count === 0 || bytes === 0) return 0;
  if (period === undefined || period <= 1) return 1; // every allocation was recorded, or the rate is unknown
  const averageSize = bytes / count;
  return 1 / (1 - Math.exp(-averageSize / period));
}

/**
 * How many samples an unsampled estimate rests on: the inverse of heapSampleScale, `objects`
 * times the chance that one object of the average size is sampled. A text dump's records are
 * those samples; a binary profile's values were unsampled by the runtime the same way, so this
 * recovers its samples too. At the default MemProfileRate (512 KiB) each sample of small objects
 * stands for ~512 KiB, so 1.0 MiB of 416 B descriptors is ~2 samples. `period` undefined or ≤ 1:
 * every allocation was recorded (or the rate is unknown): the estimate is the count itself.
 */
export function samplesBehind(objects: number, bytes: number, period: number | undefined): number {
  if (objects <= 0 || bytes <= 0) return 0;
  if (period === undefined || period <= 1) return objects;
  return objects * (1 - Math.exp(-(bytes / objects) / period));
}

/**
 * The variance, in bytes², of an unsampled estimate of `objects` objects holding `bytes`, that
 * rests on `samples` samples (samplesBehind): each object of the average size s = bytes/objects is
 * sampled with probability p = samples/objects, and counted as 1/p objects, so the estimate's
 * variance is s²·objects·(1 − p)/p. Of small objects (p ≈ s/period) that is about period²·samples:
 * an error of one sample's worth per √samples. An object far larger than the period is always
 * sampled (p = 1 − e^(−s/period) = 1: a 16 MiB buffer at a 4 KiB period), and its estimate is
 * exact, however few the samples (reasoning.md §4). 0 without samples (an exact count).
 */
export function estimateVariance(objects: number, bytes: number, samples: number): number {
  if (objects <= 0 || bytes <= 0 || samples <= 0) return 0;
  const p = Math.min(1, samples / objects);
  const size = bytes / objects;
  return (size * size * objects * (1 - p)) / p;
}

/** One unsampled estimate: the objects and bytes it gives, on the samples it rests on (samplesBehind). */
export interface Estimate {
  objects: number;
  bytes: number;
  samples: number;
}

/**
 * What a change of an unsampled estimate must exceed to be more than sampling luck: twice the
 * standard error (~95 %) of the change taken as an estimate of its own — of the objects gained (or
 * lost) on the samples gained (or lost), as a sampled object still in use stays sampled
 * (estimateVariance); the series' test of a later rise (series/verdict.ts
 * laterRiseBeyondSamplingError) and diff's of a site's change. A bounded cache's 4 KiB entries,
 * 16.6 → 18.1 MiB on ~3 samples gained, moved within ±1.7 MiB. 0 for exact estimates.
 */
export function changeSamplingError(change: Estimate): number {
  return 2 * Math.sqrt(estimateVariance(Math.abs(change.objects), Math.abs(change.bytes), Math.abs(change.samples)));
}

/**
 * What an unsampled estimate may fall by and still be no fall: one sample's worth (the bytes a
 * sample stands for, s/p for objects of the average size s each sampled with probability p), at
 * most twice the standard error of one sample, √(estimateVariance / samples) = (s/p)·√(1 − p) —
 * the 95 % bound the rises' test uses (series/verdict.ts beyondSamplingError). Of small and
 * mid-sized objects (p up to ¾) that is one sample: a sampled object freed is no fall, though
 * unsampled ones may have come; of an object far larger than the period (p = 1) it is 0: always
 * sampled, its estimate is exact, and a fall of it is a fall (a cache's two 32 MiB blobs, one
 * evicted: 64 → 32 MiB on 2 samples). 0 without samples (an exact count).
 */
export function fallTolerance(objects: number, bytes: number, samples: number): number {
  if (samples <= 0) return 0;
  return Math.min(bytes / samples, 2 * Math.sqrt(estimateVariance(objects, bytes, samples) / samples));
}

/**
 * How much more than TotalAlloc the profiles' allocated bytes may rise (or one profile's total
 * exceed it) and still be the same allocations: four samples, three standard deviations of the
 * sampled estimate (a sample stands for ~MemProfileRate bytes, their count is Poisson), and a
 * quarter of TotalAlloc's rise: pprof's
 * unsampled estimate of a record that mixes sizes overstates (two ?gc=1 dumps of
 * go1.19-slowleak-gc1/noisy-2 rose 371.2 MiB in their profiles for 316.5 MiB of TotalAlloc).
 */
export function profileAheadSlack(profileRise: number, totalAllocRise: number, rate: number): number {
  return Math.max(4 * rate, 3 * Math.sqrt(Math.max(profileRise, 0) * rate), 0.25 * totalAllocRise);
}
