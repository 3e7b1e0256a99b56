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
      name: 'after the goroutines of the stacks program exited',
      file: 'go1.21/stacks/exited.heap-debug1.txt',
      findings: [{ message: /^The heap reached .* at its peak; .* is in use now\.$/ }],
    },
  ],
});
