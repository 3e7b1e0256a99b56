import { ruleTable } from './driver.js';

/** The gorleak capture (go1.19): 5 handlers leak one goroutine a request; stable3 is 1–2 minutes after the load stopped. */
const GORLEAK = '../captured/go1.19-audit-gor/gorleak';
/** An idle pool (go1.19): 2,000 main.worker fed a job every 50 ms, 5 dumps 25 s apart. */
const POOL = '../captured/go1.19-audit28-idlepool/run/goroutine';

ruleTable('goroutine-long-wait', {
  valid: [
    { file: `${GORLEAK}/leak1-goroutine-debug2.txt.gz`, name: 'the first minute of the load: no wait is printed yet' },
    { file: `${GORLEAK}/stable3-goroutine-debug1.txt`, name: 'debug=1 prints no waits' },
    { file: 'go1.23/leak/snap5.goroutine-debug2.txt', name: 'a run shorter than a minute' },
    { file: `${GORLEAK}/stable3-goroutine-debug2.txt.gz`, name: 'fewer than minCount in every group, and in the groups stuck on a lock or a send together (1,465)', options: { goroutineLongWaitMinCount: 1466 } },
    { file: `${GORLEAK}/stable3-goroutine-debug2.txt.gz`, name: 'waits shorter than 3 minutes', options: { goroutineLongWaitMinutes: 3 } },
    { file: `${POOL}/02.goroutine-debug2.txt.gz`, name: 'the idle pool\'s first minute: no wait printed' },
    { file: `${POOL}/05.goroutine-debug2.txt.gz`, name: 'the idle pool: 1,005 of its 2,000 waited minutes, fewer than a minCount of 1,006', options: { goroutineLongWaitMinCount: 1006 } },
    { file: `${POOL}/05.goroutine-debug2.txt.gz`, name: 'the idle pool: one goroutine waited 2 minutes (not 2,000)', options: { goroutineLongWaitMinutes: 2, goroutineLongWaitMinCount: 2 } },
  ],
  invalid: [
    {
      name: "stable3: the program's five leaks blocked 1–2 minutes, every goroutine of them; not net/http's connections, not the 16 idle pool workers",
      file: `${GORLEAK}/stable3-goroutine-debug2.txt.gz`,
      findings: [{
        line: 1, column: 1, severity: 'warning',
        message: "2,442 of the program's goroutines have been blocked for minutes: example.com/gorleak/handlers.queryBackend [chan send, 1–2 minutes] ×489, "
          + 'example.com/gorleak/handlers.waitForEvent [select, 1–2 minutes] ×489, example.com/gorleak/handlers.awaitBatch [semacquire, 1–2 minutes] ×488 and 2 more groups.',
      }],
    },
    {
      name: 'a minCount of 490, above every group: the groups stuck on a lock or a send (1,465 together) are named, not those waiting in a select or receive',
      file: `${GORLEAK}/stable3-goroutine-debug2.txt.gz`,
      options: { goroutineLongWaitMinCount: 490 },
      findings: [{ message: "1,465 of the program's goroutines have been blocked for minutes: example.com/gorleak/handlers.queryBackend [chan send, 1–2 minutes] ×489, "
        + 'example.com/gorleak/handlers.awaitBatch [semacquire, 1–2 minutes] ×488, example.com/gorleak/handlers.updateBalance [semacquire, 1–2 minutes] ×488.' }],
    },
    {
      name: 'a minCount of 10 takes in the pool workers blocked a minute',
      file: `${GORLEAK}/stable3-goroutine-debug2.txt.gz`,
      options: { goroutineLongWaitMinCount: 10 },
      findings: [{ message: /^2,458 of the program's goroutines have been blocked for minutes: .* and 3 more groups\.$/ }],
    },
    {
      name: 'the idle pool, dump 3: the 993 whose own header says 1 minute, of 2,000 (was ×2,000)',
      file: `${POOL}/03.goroutine-debug2.txt.gz`,
      findings: [{ line: 1, column: 1, severity: 'warning', message: "993 of the program's goroutines have been blocked for minutes: main.worker [chan receive, 1 minute] ×993 of 2,000." }],
    },
    {
      name: 'the idle pool, dump 5: 1,005 of 2,000 for 1–2 minutes (was 2,000 at 2 minutes)',
      file: `${POOL}/05.goroutine-debug2.txt.gz`,
      findings: [{ message: "1,005 of the program's goroutines have been blocked for minutes: main.worker [chan receive, 1–2 minutes] ×1,005 of 2,000." }],
    },
    {
      name: 'the idle pool, dump 5, from 2 minutes with a minimum of 1: the one goroutine',
      file: `${POOL}/05.goroutine-debug2.txt.gz`,
      options: { goroutineLongWaitMinutes: 2, goroutineLongWaitMinCount: 1 },
      findings: [{ message: "1 of the program's goroutines has been blocked for minutes: main.worker [chan receive, 2 minutes] ×1 of 2,000." }],
    },
  ],
});
