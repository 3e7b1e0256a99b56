import { ruleTable } from './driver.js';

const IDLE = 'go1.23/peak/default.idle.heap-debug1.txt';

ruleTable('max-retained', {
  valid: [
    { file: IDLE, name: 'no limit configured' },
    { file: IDLE, name: 'a 512 MiB limit', options: { limit: 512 << 20 } },
    { file: 'go1.23/peak/default.after-free.heap-debug1.txt', name: 'after the scavenger released the peak', options: { limit: 64 << 20 } },
  ],
  invalid: [
    {
      name: 'idle heap kept after the peak, against a 256 MiB limit',
      file: IDLE,
      options: { limit: 256 << 20 },
      findings: [{ line: 9, column: 3, severity: 'error', message: 'The Go runtime holds 302.2 MiB, above the budget of 256.0 MiB.' }],
    },
    {
      name: 'the peak itself: live heap is most of it',
      file: 'go1.23/peak/default.peak.heap-debug1.txt',
      options: { limit: 256 << 20 },
      findings: [{ message: /above the budget of 256\.0 MiB\.$/ }],
    },
  ],
});
