import { ruleTable } from './driver.js';

ruleTable('gc-cpu-high', {
  valid: [
    { file: 'go1.23/leak/snap5.heap-debug1.txt' },
    { file: 'go1.23/memrate/rate-default.heap-debug1.txt', name: 'a threshold above the fraction', options: { gcCpuFraction: 0.2 } },
    // 6.4% at 0.7 s after start, after one forced GC (NumGC = NumForcedGC = 1): start-up, not GC pressure.
    { file: '../captured/go1.19-audit-verdicts/c-goleak/01-moment1.heap-debug1.txt', name: 'one forced GC just after start-up' },
    // NumGC 5 of which 2 forced: 3 cycles of the runtime's own, one short of gcCpuMinCycles.
    { file: 'go1.23/memrate/rate-default.heap-debug1.txt', name: 'too few cycles not forced', edit: (t) => t.replace('# NumForcedGC = 1', '# NumForcedGC = 2') },
  ],
  invalid: [
    {
      name: 'the allocation-heavy memrate program',
      file: 'go1.23/memrate/rate-default.heap-debug1.txt',
      findings: [{ line: 137, column: 3, severity: 'warning', message: 'The GC had used 10.2% of the available CPU since the process started, as of the last GC (cycle 5).' }],
    },
    {
      name: 'after start-up, when gcCpuMinCycles allows it',
      file: '../captured/go1.19-audit-verdicts/c-goleak/01-moment1.heap-debug1.txt',
      options: { gcCpuMinCycles: 0 },
      findings: [{ line: 51, column: 3, severity: 'warning', message: 'The GC had used 6.4% of the available CPU since the process started, as of the last GC (cycle 1).' }],
    },
    {
      name: 'a GOMEMLIMIT close to the heap',
      file: 'go1.21/peak/gomemlimit100MiB.peak.heap-debug1.txt',
      level: 'error',
      findings: [{ severity: 'error', message: /^The GC had used 10\.0% of the available CPU since the process started, as of the last GC \(cycle \d+\)\.$/ }],
    },
  ],
});
