import { ruleTable } from './driver.js';

const RATE1 = 'go1.21/memrate/rate-1.heap-debug1.txt';

ruleTable('max-gc-pause', {
  valid: [
    { file: RATE1, name: 'no limit configured' },
    { file: RATE1, name: 'a 20 ms limit', options: { limit: 20e6 } },
    { file: 'go1.23/peak/default.baseline.heap-debug1.txt', name: 'no GC yet', options: { limit: 1 } },
  ],
  invalid: [
    {
      name: 'a 10 ms limit',
      file: RATE1,
      options: { limit: 10e6 },
      findings: [{ line: 1966, column: 3, severity: 'error', message: 'The longest recent GC pause took 12.54 ms, above the budget of 10.00 ms.' }],
    },
    {
      name: 'a 1 ms limit on the leak program (go1.26)',
      file: 'go1.26-devel/leak/snap5.heap-debug1.txt',
      options: { limit: 1e6 },
      findings: [{ message: /^The longest recent GC pause took 9\.86 ms, above the budget of 1\.00 ms\.$/ }],
    },
  ],
});
