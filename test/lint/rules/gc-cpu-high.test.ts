import { ruleTable } from './driver.js';

ruleTable('gc-cpu-high', {
  valid: [
    { file: 'go1.23/leak/snap5.heap-debug1.txt' },
    { file: 'go1.23/memrate/rate-default.heap-debug1.txt', name: 'a threshold above the fraction', options: { gcCpuFraction: 0.2 } },
  ],
  invalid: [
    {
      name: 'the allocation-heavy memrate program',
      file: 'go1.23/memrate/rate-default.heap-debug1.txt',
      findings: [{ line: 137, column: 3, severity: 'warning', message: 'The GC had used 10.2% of the available CPU since the process started, as of the last GC (cycle 5).' }],
    },
    {
      name: 'a GOMEMLIMIT close to the heap',
      file: 'go1.21/peak/gomemlimit100MiB.peak.heap-debug1.txt',
      level: 'error',
      findings: [{ severity: 'error', message: /^The GC had used 10\.0% of the available CPU since the process started, as of the last GC \(cycle \d+\)\.$/ }],
    },
  ],
});
