import { ruleTable } from './driver.js';

ruleTable('no-memstats', {
  valid: [
    { file: 'go1.23/seed/routine3.after-free.heap-debug1.txt' },
    { file: 'go1.19/leak/snap1.heap-debug1.txt' },
  ],
  invalid: [
    {
      name: "pprof's gobench.heap, which has no MemStats block",
      file: 'fetched/google-pprof/profile/testdata/gobench.heap',
      findings: [{ line: 16, column: 1, severity: 'warning', message: 'The dump has no runtime.MemStats block: only the sampled profile can be read.' }],
    },
    {
      name: 'a block that lost its HeapInuse line',
      file: 'go1.23/seed/routine3.after-free.heap-debug1.txt',
      edit: (text) => text.replace('# HeapInuse = 5644288\n', ''),
      findings: [{ line: 13, message: 'The MemStats block lacks HeapInuse: the breakdown cannot be computed.' }],
    },
  ],
});
