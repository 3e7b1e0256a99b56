import { ruleTable } from './driver.js';

/** The gorleak capture (go1.19): 5 handlers leak one goroutine a request; stable3 is 1–2 minutes after the load stopped. */
const GORLEAK = '../captured/go1.19-audit-gor/gorleak';

ruleTable('goroutine-long-wait', {
  valid: [
    { file: `${GORLEAK}/leak1-goroutine-debug2.txt.gz`, name: 'the first minute of the load: no wait is printed yet' },
    { file: `${GORLEAK}/stable3-goroutine-debug1.txt`, name: 'debug=1 prints no waits' },
    { file: 'go1.23/leak/snap5.goroutine-debug2.txt', name: 'a run shorter than a minute' },
    { file: `${GORLEAK}/stable3-goroutine-debug2.txt.gz`, name: 'fewer than minCount in every group', options: { goroutineLongWaitMinCount: 490 } },
    { file: `${GORLEAK}/stable3-goroutine-debug2.txt.gz`, name: 'waits shorter than 3 minutes', options: { goroutineLongWaitMinutes: 3 } },
  ],
  invalid: [
    {
      name: "stable3: the program's five leaks blocked 2 minutes; not net/http's connections, not the 16 idle pool workers",
      file: `${GORLEAK}/stable3-goroutine-debug2.txt.gz`,
      findings: [{
        line: 1, column: 1, severity: 'warning',
        message: "2,442 of the program's goroutines have been blocked for minutes: example.com/gorleak/handlers.queryBackend [chan send, 2 minutes] ×489, "
          + 'example.com/gorleak/handlers.waitForEvent [select, 2 minutes] ×489, example.com/gorleak/handlers.awaitBatch [semacquire, 2 minutes] ×488 and 2 more groups.',
      }],
    },
    {
      name: 'a minCount of 10 takes in the pool workers blocked a minute',
      file: `${GORLEAK}/stable3-goroutine-debug2.txt.gz`,
      options: { goroutineLongWaitMinCount: 10 },
      findings: [{ message: /^2,458 of the program's goroutines have been blocked for minutes: .* and 3 more groups\.$/ }],
    },
  ],
});
