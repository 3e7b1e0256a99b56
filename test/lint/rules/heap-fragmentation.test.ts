import { ruleTable } from './driver.js';

const PEAK = 'go1.23/peak/default.peak.heap-debug1.txt';
/** As if a third of the peak's objects had been freed without their spans emptying (Alloc and HeapAlloc stay equal). */
const sparse = (text: string): string => text.replace('# Alloc = 314880920', '# Alloc = 200000000').replace('# HeapAlloc = 314880920', '# HeapAlloc = 200000000');

ruleTable('heap-fragmentation', {
  valid: [
    { file: PEAK, name: 'the real peak: spans full' },
    { file: 'go1.23/seed/routine3.after-free.heap-debug1.txt' },
    { file: PEAK, name: 'a share option above the gap', edit: sparse, options: { fragmentationMinShare: 0.5 } },
  ],
  invalid: [
    {
      name: 'in-use spans a third empty',
      file: PEAK,
      edit: sparse,
      findings: [{ line: 16, column: 3, severity: 'info', message: '110.1 MiB of in-use heap spans hold no objects (36.6% of HeapInuse).' }],
    },
  ],
});
