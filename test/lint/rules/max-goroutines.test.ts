import { ruleTable } from './driver.js';

ruleTable('max-goroutines', {
  valid: [
    { file: 'go1.23/leak/snap5.goroutine-debug1.txt', name: 'no limit configured' },
    { file: 'go1.23/leak/snap5.goroutine-debug1.txt', name: 'a limit of 1000', options: { limit: 1000 } },
    { file: 'go1.23/leak/snap5.goroutine-debug1.txt', name: 'a limit equal to the total', options: { limit: 788 } },
    { file: 'go1.23/leak/snap5.heap-debug1.txt', name: 'a heap dump cannot tell the goroutine count', options: { limit: 1 } },
    { file: 'go1.26-devel/leak/gleak-snap2.goroutineleak-debug1.txt', name: 'a leak profile counts leaked goroutines only', options: { limit: 1 } },
  ],
  invalid: [
    {
      name: 'goroutine?debug=1 over a limit of 500',
      file: 'go1.23/leak/snap5.goroutine-debug1.txt',
      options: { limit: 500 },
      findings: [{ line: 1, column: 1, severity: 'error', message: 'The process has 788 goroutines, above the budget of 500.' }],
    },
    {
      name: 'goroutine?debug=2 over a limit of 500',
      file: 'go1.23/leak/snap5.goroutine-debug2.txt',
      options: { limit: 500 },
      findings: [{ line: 1, column: 1, message: 'The process has 788 goroutines, above the budget of 500.' }],
    },
    {
      name: 'go1.19 debug=1',
      file: 'go1.19/leak/snap3.goroutine-debug1.txt',
      options: { limit: 100 },
      findings: [{ message: /^The process has [\d,]+ goroutines, above the budget of 100\.$/ }],
    },
  ],
});
