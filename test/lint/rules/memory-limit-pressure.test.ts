import { ruleTable } from './driver.js';

const PEAK = 'go1.23/peak/gomemlimit100MiB.peak.heap-debug1.txt';
const AFTER_GC = 'go1.23/peak/gomemlimit100MiB.after-gc.heap-debug1.txt';
const MiB = 1 << 20;

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
      findings: [{ line: 9, column: 3, severity: 'warning', message: 'Go holds 306.1 MiB, 95.7% of GOMEMLIMIT (320.0 MiB).' }],
    },
    {
      name: 'the limit from heapdoc analyze --gomemlimit',
      file: PEAK,
      process: { gomemlimit: 100 * MiB },
      findings: [{ severity: 'error' }],
    },
  ],
});
