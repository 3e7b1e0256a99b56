import { ruleTable } from './driver.js';

const ROUTINE3 = 'go1.23/seed/routine3.after-free.heap-debug1.txt';

ruleTable('profiling-disabled', {
  valid: [
    { file: ROUTINE3 },
    { file: 'go1.23/memrate/rate-1.heap-debug1.txt', name: 'MemProfileRate = 1 (@ heap/2)' },
  ],
  invalid: [
    {
      name: 'the header of a process run with MemProfileRate = 0',
      file: ROUTINE3,
      edit: (text) => text.replace('@ heap/1048576', '@ heap/0'),
      findings: [{ line: 1, column: 1, severity: 'warning', message: 'Heap profiling was off (runtime.MemProfileRate = 0): no allocation site can be named.' }],
    },
  ],
});
