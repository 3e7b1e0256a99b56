import { ruleTable } from './driver.js';

/**
 * GOGC=off with no GOMEMLIMIT, captured from go1.19 (README.md there): no GC ever ran in `plain`, each GC of `gc1`
 * was a dump's ?gc=1. (Its /debug/vars and a /metrics scrape: test/cli/audit28-gogcoff.test.ts.)
 */
const OFF = '../captured/go1.19-audit28-gogcoff';
const GOAL = 'NextGC = 8.0 EiB, about 2^63: the heap goal the runtime reports when GOGC=off and no memory limit is set, so no heap size starts a GC; only a forced one runs (runtime.GC, debug.FreeOSMemory, a profiler\'s ?gc=1).';
const SET = 'Unless the program forces its GCs on purpose, set GOGC (unset, it is 100) or a GOMEMLIMIT, so that the GC runs as the heap grows (with GOGC=off, a GOMEMLIMIT starts a GC as the heap nears it).';
const DUMP_GC1 = 'To measure the live heap, add ?gc=1 to the heap URL (heap?debug=1&gc=1 runs a GC before the dump, so that its HeapAlloc is the live heap).';

ruleTable('gc-off', {
  valid: [
    { file: 'go1.23/peak/default.baseline.heap-debug1.txt', name: 'GOGC=100: NextGC 4.0 MiB' },
    { file: '../captured/go1.19-audit27-limit/limit/05.heap.txt', name: 'GOGC=off with GOMEMLIMIT=64MiB: the limit holds NextGC at 51.9 MiB' },
  ],
  invalid: [
    {
      name: 'no GC ever ran (NumGC 0, HeapAlloc = TotalAlloc = 206398416)',
      file: `${OFF}/plain/plain/05.heap-debug1.txt`,
      findings: [{
        line: 872, column: 3, severity: 'warning',
        message: 'The garbage collector is off (GOGC=off, no GOMEMLIMIT) and has never run: everything allocated since the process started is still in the heap (196.8 MiB).',
        why: `${GOAL} NumGC = 0: HeapAlloc (196.8 MiB) = TotalAlloc (196.8 MiB) counts every object allocated, reachable or not; it is not the live heap. Go holds 214.7 MiB. The process grows by all it allocates until it is killed (out of memory, a container's limit) or a GC is forced.`,
        fix: `${SET} ${DUMP_GC1}`,
      }],
    },
    {
      name: 'every GC forced by the dump\'s own ?gc=1 (NumGC = NumForcedGC = 5, TotalAlloc 216712992)',
      file: `${OFF}/gc1/gc1/05.heap-gc1.txt`,
      findings: [{
        line: 655, column: 3, severity: 'warning',
        message: 'The garbage collector is off (GOGC=off, no GOMEMLIMIT): only forced GCs run, and between them the heap keeps everything the program allocates.',
        why: `${GOAL} All 5 GCs were forced, NumForcedGC 5, and the program allocated 41.3 MiB per GC on average (TotalAlloc / NumGC, the profiler's own 255.4 KiB left out): between forced GCs the heap keeps all of it, garbage included, so HeapAlloc (8.3 MiB) is the live heap only right after one. Go holds 60.6 MiB. Without the forced GCs, the process would grow by all it allocates until it is killed.`,
        fix: `${SET} ${DUMP_GC1}`,
      }],
    },
  ],
});
