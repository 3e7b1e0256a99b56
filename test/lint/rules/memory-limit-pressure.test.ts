import { ruleTable } from './driver.js';

const PEAK = 'go1.23/peak/gomemlimit100MiB.peak.heap-debug1.txt';
const AFTER_GC = 'go1.23/peak/gomemlimit100MiB.after-gc.heap-debug1.txt';
const MiB = 1 << 20;
/** A real go1.19 program under GOGC=off GOMEMLIMIT=64MiB (CAPTURE.md there). */
const MEMLIMIT = '../captured/go1.19-audit-work/05-memlimit';

ruleTable('memory-limit-pressure', {
  valid: [
    { file: PEAK, name: 'no limit given' },
    { file: AFTER_GC, name: 'after the GC, the limit returned the peak to the OS', options: { gomemlimit: 100 * MiB } },
    { file: PEAK, name: 'a limit well above the peak', options: { gomemlimit: 1024 * MiB } },
  ],
  invalid: [
    {
      name: 'the 300 MiB peak under GOMEMLIMIT=100MiB: the limit cannot be met',
      file: PEAK,
      options: { gomemlimit: 100 * MiB },
      findings: [{ line: 13, column: 3, severity: 'error', message: 'The live heap (300.3 MiB) is above GOMEMLIMIT (100.0 MiB): the limit cannot be met.' }],
    },
    {
      name: 'the same peak under a 320 MiB limit: near it',
      file: PEAK,
      options: { gomemlimit: 320 * MiB },
      // The goal (NextGC 300.3 MiB) is the limit's: 5.8 MiB beside the heap leaves it 314.2 MiB, where GOGC=100 sets 600.6 MiB.
      findings: [{ line: 9, column: 3, severity: 'warning', message: 'Go holds 306.1 MiB, 95.7% of GOMEMLIMIT (320.0 MiB): the limit binds — the heap goal is the limit\'s, and the GC runs more often than GOGC alone would make it.' }],
    },
    {
      // GOGC=off GOMEMLIMIT=64MiB, t=18 s: HeapAlloc 30.1 MiB between GCs; ?gc=1 a moment later read 17.9 MiB.
      name: 'heap?debug=1 between GCs (go1.19, captured): the live heap is the profile\'s as of the last GC, not HeapAlloc',
      file: `${MEMLIMIT}/06-t18.heap-debug1.txt`,
      options: { gomemlimit: 64 * MiB },
      findings: [{
        line: 213, column: 3, severity: 'warning',
        message: 'Go holds 63.6 MiB, 99.4% of GOMEMLIMIT (64.0 MiB): the limit binds — the heap goal is the limit\'s, and the GC runs when the heap reaches it, the limit alone says when.',
        // The room is what the limit leaves the heap (less the 11.6 MiB beside it) above the live heap: 32.2 MiB, not 64 − 20.2 = 43.8 MiB.
        why: 'The runtime keeps Sys − HeapReleased under GOMEMLIMIT by collecting more often and returning free memory at once; the live heap was about 20.2 MiB at the last GC (the heap profile\'s in-use estimate; HeapAlloc, 30.1 MiB, also counts what was allocated since, garbage included); Go holds 11.6 MiB beside the heap (fragmentation, goroutine stacks, runtime metadata), which no GC frees, so the limit leaves the heap 52.4 MiB, and the heap goal is there (NextGC 51.4 MiB), above twice the live heap (40.4 MiB) where GOGC=100 would set it: GOGC is off or high, and the limit alone says when the GC runs: each GC has about 32.2 MiB of room above the live heap; 105 GC cycles have run (GCCPUFraction 0.2%).',
      }],
    },
    {
      name: 'heap?debug=1&gc=1 of the same moment: HeapAlloc, which the profile bears out, is the live heap',
      file: `${MEMLIMIT}/06-t18.heap-gc1.txt`,
      options: { gomemlimit: 64 * MiB },
      findings: [{
        severity: 'warning',
        why: 'The runtime keeps Sys − HeapReleased under GOMEMLIMIT by collecting more often and returning free memory at once; the live heap is 17.9 MiB (HeapAlloc, which the heap profile as of the last GC, 17.6 MiB, bears out: little was allocated since); Go holds 11.6 MiB beside the heap (fragmentation, goroutine stacks, runtime metadata), which no GC frees, so the limit leaves the heap 52.4 MiB, and the heap goal is there (NextGC 51.4 MiB), above twice the live heap (35.8 MiB) where GOGC=100 would set it: GOGC is off or high, and the limit alone says when the GC runs: each GC has 34.5 MiB of room above the live heap; 109 GC cycles have run (GCCPUFraction 0.2%).',
      }],
    },
    {
      name: 'the limit from heapdoc analyze --gomemlimit',
      file: PEAK,
      process: { gomemlimit: 100 * MiB },
      findings: [{ severity: 'error' }],
    },
  ],
});
