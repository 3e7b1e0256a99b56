import { ruleTable } from './driver.js';

const RATE = 'go1.23/memrate/rate-default.heap-debug1.txt';

ruleTable('max-gc-cpu-fraction', {
  valid: [
    { file: RATE, name: 'no limit configured' },
    { file: RATE, name: 'a 20% limit', options: { limit: 0.2 } },
    { file: 'go1.23/leak/snap5.heap-debug1.txt', name: 'a quiet process', options: { limit: 0.01 } },
  ],
  invalid: [
    {
      name: 'a 5% limit',
      file: RATE,
      options: { limit: 0.05 },
      findings: [{ line: 137, column: 3, severity: 'error', message: 'The GC had used 10.20% of the CPU since the process started, as of the last GC (cycle 5), above the budget of 5.00%.' }],
    },
  ],
});
