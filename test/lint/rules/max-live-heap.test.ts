import { ruleTable } from './driver.js';

const SNAP5 = 'go1.23/leak/snap5.heap-debug1.txt';

ruleTable('max-live-heap', {
  valid: [
    { file: SNAP5, name: 'no limit configured: the rule does nothing' },
    { file: SNAP5, name: 'a 32 MiB limit', options: { limit: 32 << 20 } },
    { file: SNAP5, name: 'a limit equal to HeapAlloc', options: { limit: 22902288 } },
    { file: 'go1.23/leak/snap5.goroutine-debug1.txt', name: 'a goroutine dump has no heap', options: { limit: 1 } },
  ],
  invalid: [
    {
      name: 'a 16 MiB limit on the leaking program',
      file: SNAP5,
      options: { limit: 16 << 20 },
      findings: [{ line: 66, column: 3, severity: 'error', message: 'The live heap is 21.8 MiB, above the budget of 16.0 MiB.' }],
    },
    {
      name: 'one byte under HeapAlloc, as a warning',
      file: SNAP5,
      options: { limit: 22902287 },
      level: 'warning',
      findings: [{ severity: 'warning' }],
    },
  ],
});
