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
