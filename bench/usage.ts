/**
 * Preloaded into a benchmarked Node process (`node --import …/usage.js`): at exit it writes the
 * process's own CPU time, peak RSS and minor page faults (getrusage) as JSON to the file
 * HEAPDOC_BENCH_USAGE names.
 */
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.HEAPDOC_BENCH_USAGE;
// Worker threads preload this module too (they inherit execArgv): the process's figures are the main thread's to write.
if (file && isMainThread) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, peakRssKiB: usage.maxRSS, minorFaults: usage.minorPageFault }));
  });
}
