/**
 * Heap profile records are raw samples. pprof estimates the true counts
 * (profile/legacy_profile.go, scaleHeapSample): a sample of average size s is recorded with
 * probability 1 − e^(−s/period), so each record is divided by that probability. Like pprof, the
 * scaled values are truncated to integers per record, so totals match `go tool pprof`.
 */
export function scaleHeapSample(count: number, bytes: number, period: number | undefined): [objects: number, bytes: number] {
  if (count === 0 || bytes === 0) return [0, 0];
  if (period === undefined || period <= 1) return [count, bytes]; // every allocation was recorded, or the rate is unknown
  const averageSize = bytes / count;
  const scale = 1 / (1 - Math.exp(-averageSize / period));
  return [Math.trunc(count * scale), Math.trunc(bytes * scale)];
}
