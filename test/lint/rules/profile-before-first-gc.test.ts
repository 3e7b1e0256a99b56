import { ruleTable } from './driver.js';

const FIRST = 'NumGC = 0. The runtime publishes the heap profile at the end of each GC cycle; before the first, runtime.MemProfile takes in every allocation recorded up to the first request for a profile, so each site\'s in-use numbers are its allocated ones, garbage included, and every later request returns the same records until a GC runs.';
const NEVER = 'The GC is off (GOGC=off, no GOMEMLIMIT: NextGC 8.0 EiB, about 2^63): no GC will run by itself, so the profile stays as it is until one is forced.';
const OFF_FIX = 'Take the dump with ?gc=1 (heap?debug=1&gc=1 runs a GC first): its in-use numbers are then what that GC found live.';

ruleTable('profile-before-first-gc', {
  valid: [
    { file: 'go1.23/seed/routine3.after-free.heap-debug1.txt' },
    { file: 'fetched/google-pprof/profile/testdata/gobench.heap', name: 'no MemStats, so NumGC is unknown' },
  ],
  invalid: [
    {
      name: 'a dump taken right after start',
      file: 'go1.23/peak/default.baseline.heap-debug1.txt',
      // 206.1 KiB allocated at a MemProfileRate of 512 KiB: no sample yet, and too few to say the records are of an earlier request.
      findings: [{
        line: 26, column: 3, severity: 'info',
        message: 'No garbage collection has run yet: the heap profile is what was allocated up to the first profile request, with nothing freed, not what is in use now.',
        why: FIRST,
        fix: 'Take the dump with ?gc=1 (heap?debug=1&gc=1 runs a GC first), or after the first GC (under load one comes within seconds): its in-use numbers are then what the last GC found live.',
      }],
    },
    {
      // GOGC=off, captured: the records of the first request (this one), as the five dumps of the run all print them.
      name: 'the first request of a GOGC=off process: its own records, frozen from now on',
      file: '../captured/go1.19-audit28-gogcoff/plain/plain/01.heap-debug1.txt',
      findings: [{ line: 125, column: 3, why: `${FIRST} ${NEVER}`, fix: OFF_FIX }],
    },
    {
      name: 'the fifth dump of the same run, 8.4 s later: the records of the first request, while TotalAlloc went on',
      file: '../captured/go1.19-audit28-gogcoff/plain/plain/05.heap-debug1.txt',
      findings: [{ line: 876, column: 3, why: `${FIRST} Here they are of an earlier request: the profile's allocations add up to 44.6 MiB, while TotalAlloc is 196.8 MiB. ${NEVER}`, fix: OFF_FIX }],
    },
    {
      name: 'deep goroutines before any GC',
      file: 'go1.26-devel/stacks/deep.heap-debug1.txt',
      findings: [{ severity: 'info' }],
    },
  ],
});
