import { ruleTable } from './driver.js';

ruleTable('idle-heap-retained', {
  valid: [
    { file: 'go1.23/seed/routine3.after-free.heap-debug1.txt', name: 'all idle memory already released' },
    { file: 'go1.23/peak/default.peak.heap-debug1.txt', name: 'at the peak, the heap is in use' },
    { file: 'go1.23/peak/default.after-gc.heap-debug1.txt', name: 'a threshold raised above the idle heap', options: { idleRetainedMinBytes: 512 << 20 } },
  ],
  invalid: [
    {
      name: 'after the GC that freed the peak (go1.23)',
      file: 'go1.23/peak/default.after-gc.heap-debug1.txt',
      findings: [{ line: 15, column: 3, severity: 'warning', message: '296.2 MiB of idle heap is retained by the runtime for reuse (98.1% of what Go holds).' }],
    },
    {
      name: 'the same phase on go1.19',
      file: 'go1.19/peak/default.after-gc.heap-debug1.txt',
      findings: [{ message: /of idle heap is retained by the runtime for reuse/ }],
    },
    {
      name: 'promoted to error by the config',
      file: 'go1.23/stacks/after-gc-1.heap-debug1.txt',
      level: 'error',
      findings: [{ severity: 'error' }],
    },
  ],
});
