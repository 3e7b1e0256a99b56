import { ruleTable } from './driver.js';

ruleTable('peak-retention', {
  valid: [
    { file: 'go1.23/peak/default.peak.heap-debug1.txt', name: 'at the peak' },
    { file: 'go1.23/leak/snap5.heap-debug1.txt', name: 'a growing heap, mostly in use' },
    { file: 'go1.23/peak/default.idle.heap-debug1.txt', name: 'a ratio option above the peak', options: { peakRetentionRatio: 1000 } },
  ],
  invalid: [
    {
      name: 'idle after the peak',
      file: 'go1.23/peak/default.idle.heap-debug1.txt',
      findings: [{ line: 14, column: 3, severity: 'info', message: 'The heap reached 303.6 MiB at its peak; 1.1 MiB is in use now.' }],
    },
    {
      // GOGC=off, each GC forced by the dump's ?gc=1: the peak is the garbage made between two of them (go1.19, captured).
      name: 'GOGC=off: the peak is the garbage between forced GCs, whose fix is to let the GC run',
      file: '../captured/go1.19-audit28-gogcoff/gc1/gc1/05.heap-gc1.txt',
      findings: [{
        line: 644, column: 3,
        message: 'The heap reached 51.6 MiB at its peak; 9.0 MiB is in use now.',
        why: 'HeapSys (51.6 MiB) never shrinks: it is the heap\'s high-water mark. Only 9.0 MiB of spans are in use; the rest is free, 2.0 MiB of it already returned to the OS. The GC is off (GOGC=off, no GOMEMLIMIT: NextGC 8.0 EiB, about 2^63; all 5 GCs were forced, NumForcedGC 5): only forced GCs run, so between them the heap keeps everything the program allocates (41.3 MiB per GC on average: TotalAlloc / NumGC, the profiler\'s own 255.4 KiB left out): the peak is that garbage, and the heap reaches it again before every forced GC.',
        fix: 'Set GOGC (unset, it is 100) or a GOMEMLIMIT, so that the GC runs as the heap grows: the peak is then about the heap goal (with GOGC=100, twice the live heap), not all that is allocated between forced GCs. Bounding concurrency will not lower it while the GC is off.',
      }],
    },
    {
      name: 'after the goroutines of the stacks program exited',
      file: 'go1.21/stacks/exited.heap-debug1.txt',
      findings: [{ message: /^The heap reached .* at its peak; .* is in use now\.$/ }],
    },
  ],
});
