import { ruleTable } from './driver.js';

ruleTable('goroutine-descriptors', {
  valid: [
    { file: 'go1.23/peak/default.peak.heap-debug1.txt' },
    { file: 'go1.23/seed/routine3.after-free.heap-debug1.txt', name: 'a threshold above them', options: { goroutineDescriptorsMinBytes: 64 << 20 } },
  ],
  invalid: [
    {
      name: 'after 10000 goroutines of the seed program exited',
      file: 'go1.23/seed/routine3.after-free.heap-debug1.txt',
      findings: [{ line: 6, column: 1, severity: 'info', message: /^About [\d,]+ goroutine descriptors hold [\d.]+ MiB of live heap \(runtime\.malg\): an estimate from \d+ samples\.$/ }],
    },
    {
      name: 'the go1.19 leak program',
      file: 'go1.19/leak/snap5.heap-debug1.txt',
      // 3 samples: too few to state a count (uncountable).
      findings: [{ message: 'Goroutine descriptors hold about 1.5 MiB of live heap (runtime.malg): an estimate from 3 samples, too few to count them.' }],
    },
  ],
});
