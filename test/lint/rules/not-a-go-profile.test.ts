import { ruleTable } from './driver.js';

ruleTable('not-a-go-profile', {
  valid: [
    { file: 'go1.23/seed/routine3.after-free.heap-debug1.txt' },
    { file: 'fetched/google-pprof/profile/testdata/gobench.heap' },
  ],
  invalid: [
    {
      name: "gperftools' heapz_v2 profile",
      file: 'fetched/google-pprof/profile/testdata/cppbench.heap',
      findings: [{ line: 1, column: 1, severity: 'warning', message: "This is a 'heapz_v2' heap profile from gperftools (C++), not a Go heap dump." }],
    },
    {
      name: "gperftools' growthz profile",
      file: 'fetched/google-pprof/profile/testdata/cppbench.growth',
      findings: [{ line: 1, message: /'growthz' heap profile/ }],
    },
  ],
});
