import { ruleTable } from './driver.js';

ruleTable('profile-before-first-gc', {
  valid: [
    { file: 'go1.23/seed/routine3.after-free.heap-debug1.txt' },
    { file: 'fetched/google-pprof/profile/testdata/gobench.heap', name: 'no MemStats, so NumGC is unknown' },
  ],
  invalid: [
    {
      name: 'a dump taken right after start',
      file: 'go1.23/peak/default.baseline.heap-debug1.txt',
      findings: [{ line: 26, column: 3, severity: 'info', message: 'No garbage collection has run yet: the in-use numbers of the profile are not meaningful.' }],
    },
    {
      name: 'deep goroutines before any GC',
      file: 'go1.26-devel/stacks/deep.heap-debug1.txt',
      findings: [{ severity: 'info' }],
    },
  ],
});
