import { ruleTable } from './driver.js';

ruleTable('gc-pause-long', {
  valid: [
    { file: 'go1.23/memrate/rate-1.heap-debug1.txt', name: 'pauses under 10 ms' },
    { file: 'go1.23/peak/default.baseline.heap-debug1.txt', name: 'no GC yet' },
    { file: 'go1.21/memrate/rate-1.heap-debug1.txt', name: 'a threshold above the pause', options: { gcPauseNs: 20e6 } },
  ],
  invalid: [
    {
      name: 'a 12.5 ms pause',
      file: 'go1.21/memrate/rate-1.heap-debug1.txt',
      findings: [{ line: 1966, column: 3, severity: 'warning', message: 'A GC pause took 12.54 ms (GC cycle 3); 1 of the last 6 pauses exceeded 10.00 ms.' }],
    },
    {
      name: 'a threshold lowered to 5 ms',
      file: 'go1.23/memrate/rate-1.heap-debug1.txt',
      options: { gcPauseNs: 5e6 },
      findings: [{ message: /^A GC pause took 6\.79 ms/ }],
    },
  ],
});
