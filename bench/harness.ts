/**
 * Benchmark helpers. Every grammar is measured beside a bare line-splitting pass over the same
 * text in the same run, so the ratio means something on any machine; peak memory is the
 * process's max RSS (getrusage), sampled after each run.
 */
import { performance } from 'node:perf_hooks';

export interface BenchResult {
  name: string;
  bytes: number;
  seconds: number;
  /** Parser MB/s (wall clock). */
  mbPerSecond: number;
  /** The bare line-splitting pass over the same bytes, MB/s (wall clock). */
  baselineMbPerSecond: number;
  /** The same two by CPU time: steadier when the machine is busy. */
  cpuMbPerSecond: number;
  baselineCpuMbPerSecond: number;
  /** Peak resident memory of the process so far, MiB. */
  peakRssMiB: number;
  /** Free-form facts about what was parsed (record counts…), printed after the numbers. */
  notes: string;
}

/** The floor any text reader pays: find every newline and cut the line out. */
export function bareLineSplit(chunks: readonly string[]): number {
  let lines = 0;
  let totalLength = 0;
  for (const text of chunks) {
    let start = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
      totalLength += text.slice(start, i).length;
      lines++;
      start = i + 1;
    }
  }
  return lines + (totalLength & 0); // use the results so the loop is not optimised away
}

/**
 * Wall time and CPU time of `fn`. On a busy machine (CI runners, other processes on two cores)
 * wall time swings; CPU time of this single-threaded work is the steadier number to compare.
 */
export function time<T>(fn: () => T): { value: T; seconds: number; cpuSeconds: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = fn();
  const used = process.cpuUsage(cpu);
  return { value, seconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - start) / 1000 };
}

export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB
}

/** Builds about `targetBytes` of text by repeating `body` (whole lines) between `head` and `tail`, as chunks of ~1 MiB. */
export function repeatToSize(head: string, body: string, tail: string, targetBytes: number): string[] {
  const chunks: string[] = [head];
  const perChunk = Math.max(1, Math.floor((1 << 20) / Math.max(1, body.length)));
  const block = body.repeat(perChunk);
  let size = head.length + tail.length;
  while (size < targetBytes) {
    chunks.push(block);
    size += block.length;
  }
  chunks.push(tail);
  return chunks;
}

export function byteLength(chunks: readonly string[]): number {
  return chunks.reduce((n, c) => n + Buffer.byteLength(c), 0);
}

/** Runs `parse` and the baseline on the same chunks and returns the comparison. */
export function compare(name: string, chunks: readonly string[], parse: (chunks: readonly string[]) => string): BenchResult {
  const bytes = byteLength(chunks);
  // The best of three baseline passes: the first one also pays for JIT warm-up.
  const baseline = [0, 1, 2].map(() => time(() => bareLineSplit(chunks))).reduce((a, b) => (b.cpuSeconds < a.cpuSeconds ? b : a));
  const run = time(() => parse(chunks));
  return {
    name,
    bytes,
    seconds: run.seconds,
    mbPerSecond: bytes / 1e6 / run.seconds,
    baselineMbPerSecond: bytes / 1e6 / baseline.seconds,
    cpuMbPerSecond: bytes / 1e6 / run.cpuSeconds,
    baselineCpuMbPerSecond: bytes / 1e6 / baseline.cpuSeconds,
    peakRssMiB: peakRssMiB(),
    notes: run.value,
  };
}

export function formatResult(r: BenchResult): string {
  const ratio = r.cpuMbPerSecond / r.baselineCpuMbPerSecond;
  return [
    `${r.name}: ${(r.bytes / 1e6).toFixed(1)} MB in ${r.seconds.toFixed(2)} s`,
    `  parser   ${r.mbPerSecond.toFixed(1).padStart(8)} MB/s wall, ${r.cpuMbPerSecond.toFixed(1).padStart(7)} MB/s CPU`,
    `  baseline ${r.baselineMbPerSecond.toFixed(1).padStart(8)} MB/s wall, ${r.baselineCpuMbPerSecond.toFixed(1).padStart(7)} MB/s CPU (bare line split, same bytes, same run)`,
    `  ratio    ${(ratio * 100).toFixed(1).padStart(7)}% of the baseline (CPU time)`,
    `  peak RSS ${r.peakRssMiB.toFixed(0).padStart(8)} MiB (this process: the ${(r.bytes / 1048576).toFixed(0)} MiB input text held in memory, plus the parse)`,
    r.notes ? `  ${r.notes}` : '',
  ].filter(Boolean).join('\n');
}
