/**
 * `npm run bench`: every grammar beside a bare line-splitting pass in the same run.
 * Not a timed test: the numbers vary with the machine; the ratios are what to watch.
 * HEAPDOC_BENCH_MB sets the input size (default 100).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatResult, type BenchResult } from './harness.js';
import { benchHeap } from './heap.js';
import { benchGoroutineProfile, benchTraceback } from './goroutine.js';
import { benchGcflags } from './gcflags.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const megabytes = Number(process.env.HEAPDOC_BENCH_MB ?? 100);
const target = megabytes * 1e6;

const benches: { name: string; run: () => BenchResult }[] = [
  { name: 'heap', run: () => benchHeap(`${root}test/fixtures/corpus/go1.23/memrate/rate-1.heap-debug1.txt`, target) },
  { name: 'goroutine', run: () => benchGoroutineProfile(`${root}test/fixtures/corpus/go1.23/leak/snap5.goroutine-debug1.txt`, target, false) },
  { name: 'goroutine', run: () => benchGoroutineProfile(`${root}test/fixtures/corpus/go1.23/leak/snap5.goroutine-debug1.txt`, target, true) },
  { name: 'goroutine', run: () => benchTraceback(`${root}test/fixtures/corpus/go1.23/leak/snap5.goroutine-debug2.txt`, target) },
  { name: 'gcflags', run: () => benchGcflags(target) },
];

// Each benchmark runs in a process of its own, so that its peak RSS is its own (the input text
// it builds plus the parse), not the largest of the benchmarks before it.
const one = process.env.HEAPDOC_BENCH_ONE;
if (one !== undefined) {
  const bench = benches[Number(one)];
  if (bench) console.log(formatResult(bench.run()));
} else {
  const only = process.argv.slice(2);
  console.log(`heapdoc benchmarks on ${megabytes} MB inputs (HEAPDOC_BENCH_MB); each in its own process.\n`);
  benches.forEach((bench, index) => {
    if (only.length > 0 && !only.includes(bench.name)) return;
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], {
      env: { ...process.env, HEAPDOC_BENCH_ONE: String(index) },
      stdio: 'inherit',
    });
    if (child.status !== 0) process.exitCode = 1;
    console.log();
  });
}
