/**
 * Audit 46, finding 6. go1.19-audit46-workerpool (README.md there): the pool grows under load from 115
 * main.worker goroutines at t16 (69 busy in time.Sleep at main.go:23, 45 idle in chan receive at
 * main.go:20, 1 at main.go:19) to 295 at t56, all idle in chan receive. Growth was said of one
 * stack-and-state group, "+249 main.worker [chan receive] (46 → 295)"; it is the function's, every
 * state summed, with the share of its largest group: +180, 115 → 295, now 295 in chan receive (of
 * debug=2 dumps) or at main.go:20 (of debug=1 dumps, which print no state).
 */
import { describe, expect, it } from 'vitest';
import { reportLines } from '../helpers/cli.js';

const GOROUTINE = 'test/fixtures/captured/go1.19-audit46-workerpool/goroutine';

describe('goroutine growth by the function they run (audit 46, finding 6)', () => {
  it('debug=2 dumps: the function\'s +180 with its goroutines now in chan receive', async () => {
    const lines = await reportLines(['analyze', `${GOROUTINE}/goroutine2-t16.txt`, `${GOROUTINE}/goroutine2-t56.txt`]);
    expect(lines.slice(0, 5)).toEqual([
      'Cannot judge from 2 goroutine dumps: take at least 3, some time apart.',
      'Growing, but not yet evidence: main.worker +180 goroutines (115 → 295; now 295 in chan receive).',
      '',
      'Growing goroutine groups',
      '  +180    main.worker (115 → 295; now 295 in chan receive)',
    ]);
  });

  it('debug=1 dumps (no state): the same count, the group named by its line', async () => {
    const lines = await reportLines(['analyze', `${GOROUTINE}/goroutine1-t16.txt`, `${GOROUTINE}/goroutine1-t56.txt`]);
    expect(lines.slice(1, 5)).toEqual([
      'Growing, but not yet evidence: main.worker +180 goroutines (115 → 295; now 295 at main.go:20).',
      '',
      'Growing goroutine groups',
      '  +180    main.worker (115 → 295; now 295 at main.go:20)',
    ]);
  });
});
