import { ruleTable } from './driver.js';

ruleTable('stack-heavy', {
  valid: [
    { file: 'go1.23/peak/default.idle.heap-debug1.txt' },
    { file: 'go1.23/stacks/exited.heap-debug1.txt', name: 'the goroutines have exited: their stacks went back to the heap' },
    { file: 'go1.23/stacks/deep.heap-debug1.txt', name: 'a threshold above the stacks', options: { stackMinBytes: 1 << 30 } },
  ],
  invalid: [
    {
      name: 'thousands of goroutines with deep stacks',
      file: 'go1.23/stacks/deep.heap-debug1.txt',
      findings: [{ line: 22, column: 3, severity: 'warning', message: "Goroutine stacks take 125.4 MiB (94.4% of what Go holds), more than the live heap's 827.7 KiB." }],
    },
    {
      name: '10000 waiting goroutines of the seed program',
      file: 'go1.19/seed/routine2.after-wait.heap-debug1.txt',
      findings: [{ message: /^Goroutine stacks take/ }],
    },
  ],
});
