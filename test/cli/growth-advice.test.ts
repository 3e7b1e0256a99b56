/**
 * goroutine-growth's fix follows the wait state the goroutine?debug=2 dumps print, on real go1.19
 * captures: a send nobody receives is not followed by "usually a channel nobody sends on or
 * closes" (08-goleak); each other growing group is named with what its own state waits for (the
 * go1.23 leak corpus); sleep and a nil channel get their own words (go1.19-sleepers-nilchan).
 */
import { describe, expect, it } from 'vitest';
import { waitAdvice, waitShort } from '../../src/analyze/goroutines/waits.js';
import { runCli } from '../helpers/cli.js';

/**
 * `ruleId`'s fix on `files`, from lint --format json. goroutine-growth's with leak-suspected off: a
 * leak-suspected that names the growing groups says them in its place (series.ts groupsSaidOnce).
 */
async function growthFix(files: string[], field: 'fix' | 'why' = 'fix', ruleId = 'goroutine-growth'): Promise<string | undefined> {
  const r = await runCli(['lint', '--no-config', '--format', 'json', ...(ruleId === 'goroutine-growth' ? ['--rule', 'leak-suspected=off'] : []), ...files]);
  const messages = (JSON.parse(r.stdout) as { messages: { ruleId: string; fix: string; why: string }[] }[]).flatMap((f) => f.messages);
  return messages.find((m) => m.ruleId === ruleId)?.[field];
}

const SEND = 'blocked sending on a channel nobody receives from any more (a caller that gave up after a timeout): make the channel buffered (one slot per sender), or select on a done channel or context beside the send';
const W = 'test/fixtures/captured/go1.19-audit-work/08-goleak';

describe("goroutine-growth's fix says only what the wait state says", () => {
  it('08-goleak debug=2 (main.worker [chan send]): the send advice, without the generic "nobody sends on or closes" tail', async () => {
    const files = [10, 20, 30, 40, 50, 60].map((t, i) => `${W}/0${i + 1}-t${t}.goroutine-debug2.txt`);
    const fix = await growthFix(files);
    expect(fix).toBe(`main.worker [chan send] at main.go:196 is ${SEND}. Give every goroutine a way to end.`);
    expect(fix).not.toContain('nobody sends on');
  });

  it('go1.23 leak corpus (four groups, four states): the largest group\'s advice, then what each other group waits for', async () => {
    const files = [1, 2, 3, 4, 5].map((n) => `test/fixtures/corpus/go1.23/leak/snap${n}.goroutine-debug2.txt`);
    expect(await growthFix(files)).toBe(`main.fetchWithTimeout.func1 [chan send] at main.go:92 is ${SEND}. Also growing: main.waitForLock [sync.Mutex.Lock] (a lock, WaitGroup or condition never released), main.waitForReply [chan receive] (a channel nobody sends on or closes), main.waitForShutdown [select] (a select none of whose cases fires). Give every goroutine a way to end.`);
    // By default leak-suspected says the groups, with the same advice; goroutine-growth does not repeat them.
    expect(await growthFix(files, 'fix', 'leak-suspected')).toBe(`Start with main.fetchWithTimeout.func1 [chan send] at main.go:92 (+155 goroutines): ${SEND}. Also growing: main.waitForLock [sync.Mutex.Lock] (a lock, WaitGroup or condition never released), main.waitForReply [chan receive] (a channel nobody sends on or closes), main.waitForShutdown [select] (a select none of whose cases fires). heapdoc tui on these files opens each growing site's stacks; --format json has every site's (.snapshots[].profile.sites[].stack) and goroutine group's (.goroutines[].groups[].stack).`);
  });

  it('go1.19-sleepers-nilchan: main.poll [sleep] and main.report [chan send (nil chan)], not "nobody receives"', async () => {
    const fix = await growthFix(['test/fixtures/captured/go1.19-sleepers-nilchan']);
    expect(fix).toBe('main.poll [sleep] at main.go:16 is sleeping in time.Sleep, in a loop that never ends or for a long time each: wait in a select on a time.Timer (or Ticker) and ctx.Done() instead, and return when the context is done. Also growing: main.report [chan send (nil chan)] (a nil channel, which nothing ever wakes). Give every goroutine a way to end.');
  });

  it('go1.19-sleepers-nilchan: the why names what keys a group across dumps, the frame it blocks in too (trendKey)', async () => {
    const why = await growthFix(['test/fixtures/captured/go1.19-sleepers-nilchan'], 'why');
    expect(why).toBe('These 2 groups (same function, wait state, creator and the frame it blocks in) grew at every step or held, never shrank: main.poll 15 → 30 → 45; main.report 15 → 30 → 45. Goroutines that wait forever hold their stacks and everything the stacks reference; the heap may stay flat while they pile up.');
  });
});

describe('waitAdvice and waitShort, by the states the runtime prints (runtime2.go waitReason strings)', () => {
  it('a nil channel before its channel; select {} before select; no advice for running or syscall', () => {
    expect(waitAdvice({ state: 'chan send (nil chan)', function: 'main.f' })).toBe('blocked on a nil channel, which no send, receive or close ever wakes: the channel was never made (a field or variable left nil); make it before the goroutines use it');
    expect(waitShort({ state: 'chan receive (nil chan)', function: 'main.f' })).toBe('a nil channel, which nothing ever wakes');
    expect(waitShort({ state: 'chan send', function: 'main.f' })).toBe('a send nobody receives');
    expect(waitShort({ state: 'chan receive', function: 'main.f' })).toBe('a channel nobody sends on or closes');
    expect(waitShort({ state: 'select (no cases)', function: 'main.f' })).toBe('an empty select, which never returns');
    expect(waitShort({ state: 'select', function: 'main.f' })).toBe('a select none of whose cases fires');
    expect(waitShort({ state: 'semacquire', function: 'main.f' })).toBe('a lock, WaitGroup or condition never released');
    expect(waitShort({ state: 'IO wait', function: 'main.f' })).toBe('network I/O without a deadline');
    expect(waitShort({ state: 'IO wait', function: 'net/http.(*persistConn).readLoop' })).toBe('connections or servers net/http keeps open');
    expect(waitAdvice({ state: 'running', function: 'main.f' })).toBeUndefined();
    expect(waitShort({ state: 'syscall', function: 'main.f' })).toBeUndefined();
    expect(waitShort({ function: 'main.f' })).toBeUndefined();
  });
});
