import { ruleTable } from './driver.js';

const ROUTINE3 = 'go1.23/seed/routine3.after-free.heap-debug1.txt';

ruleTable('inconsistent-dump', {
  valid: [
    { file: ROUTINE3 },
    { file: 'go1.19/stacks/deep.heap-debug1.txt' },
    { file: 'go1.21/peak/default.idle.heap-debug1.txt' },
    { file: 'go1.26-devel/leak/snap5.heap-debug1.txt' },
  ],
  invalid: [
    {
      name: 'HeapIdle edited down by 10 MB',
      file: ROUTINE3,
      edit: (text) => text.replace('# HeapIdle = 23027712', '# HeapIdle = 13027712'),
      findings: [
        { line: 21, column: 3, severity: 'error', message: 'The dump breaks the identity HeapSys = HeapInuse + HeapIdle.' },
        { line: 24, column: 3, severity: 'error', message: 'The dump breaks the identity HeapReleased ≤ HeapIdle.' },
      ],
    },
    {
      name: 'Alloc differs from HeapAlloc',
      file: ROUTINE3,
      edit: (text) => text.replace('# Alloc = 4898176', '# Alloc = 4898177'),
      findings: [{ message: 'The dump breaks the identity Alloc = HeapAlloc.' }],
    },
    {
      name: 'a tolerance option wide enough for the edit',
      file: ROUTINE3,
      options: { identityToleranceBytes: 16 << 20 },
      edit: (text) => text.replace('# HeapIdle = 23027712', '# HeapIdle = 13027712'),
      findings: [{ message: 'The dump breaks the identity HeapReleased ≤ HeapIdle.' }],
    },
  ],
});
