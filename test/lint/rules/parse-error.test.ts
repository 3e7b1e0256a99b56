import { ruleTable } from './driver.js';

const ROUTINE3 = 'go1.23/seed/routine3.after-free.heap-debug1.txt';

ruleTable('parse-error', {
  valid: [
    { file: ROUTINE3 },
    { file: 'go1.19/peak/default.idle.heap-debug1.txt' },
    { file: 'go1.23/leak/snap5.goroutine-debug1.txt' },
    { file: 'go1.23/leak/snap5.goroutine-debug2.txt' },
  ],
  invalid: [
    {
      name: 'a dump cut in the middle of the PauseNs line',
      file: ROUTINE3,
      edit: (text) => text.slice(0, 1500),
      findings: [{
        line: 34, column: 458, severity: 'error', message: /^The input ends in the middle of this line \(truncated\?\): expected '\]'/,
        why: 'The dump ends in the middle of this line: the download was interrupted or the file was truncated, so this line is not whole and nothing after it was saved; heapdoc read what was saved, so numbers and findings that depend on the rest may be wrong or missing.',
      }],
    },
    {
      name: 'a MemStats number with a stray character',
      file: ROUTINE3,
      edit: (text) => text.replace('# HeapInuse = 5644288', '# HeapInuse = 5644x288'),
      findings: [{
        line: 23, column: 19, severity: 'error', message: 'Expected the end of the line in a MemStats line, found "x288".',
        why: 'heapdoc read this line as the runtime never writes it and skipped it; numbers and findings that depend on it may be wrong or missing.',
      }],
    },
    {
      name: 'a goroutine profile whose header total does not match its records',
      file: 'go1.23/leak/snap5.goroutine-debug1.txt',
      edit: (text) => text.replace('goroutine profile: total 788', 'goroutine profile: total 790'),
      findings: [{ line: 1, column: 1, severity: 'error', message: 'The header says total 790 but the records count 788 goroutines: records are missing (the dump was cut short or edited).' }],
    },
    {
      name: 'a configured level applies to every parse problem',
      file: ROUTINE3,
      level: 'warning',
      edit: (text) => text.replace('# HeapInuse = 5644288', '# HeapInuse = 5644x288'),
      findings: [{ line: 23, severity: 'warning' }],
    },
  ],
});
