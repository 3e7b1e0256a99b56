/**
 * The timers' advice with many callers (test/fixtures/captured/go1.19-timer-callers: ten handlers
 * leave a time.After timer behind at every wait, two pollers never stop their tickers): the leak
 * finding's fix names the three callers holding the most, with their bytes, then how many more
 * and what they hold between them (text, Markdown, lint); the finding's evidence keeps them all
 * (JSON). It listed all twelve, "… and main.handleLogin (main.go:42) and main.pollInventory …".
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const D = 'test/fixtures/captured/go1.19-timer-callers';
const DUMPS = ['01', '02', '03', '04'].map((n) => `${D}/${n}.heap-debug1.txt`);

const FIX = 'Start with time.NewTimer (sleep.go:87) ← main.handleSupport (main.go:96) (+9 more callers) (+15.3 MiB): timers and tickers made by main.handleSupport (main.go:96) 6.1 MiB, main.handleWishlist (main.go:90) 5.7 MiB, main.handleReviews (main.go:84) 4.7 MiB and 9 more callers holding 22.4 MiB between them (in use at the last snapshot; --format json for all), and never stopped. Before Go 1.23, a timer from time.After or time.NewTimer is not collected until it fires, and an unstopped time.Ticker never is (https://pkg.go.dev/time#After; https://go.dev/doc/go1.23#timer-changes): call Stop on a Ticker when done with it, and in a loop reuse one time.NewTimer (Stop or Reset it) instead of a time.After per iteration. heapdoc tui on these files opens each growing site\'s stacks; --format json has every site\'s (.snapshots[].profile.sites[].stack) and goroutine group\'s (.goroutines[].groups[].stack).';
/** Every caller, most bytes first: time.NewTimer's two lines and time.startTimer's added up per caller; the pollers' tickers among them. */
const ALL = 'main.handleSupport (main.go:96) 6.1 MiB, main.handleWishlist (main.go:90) 5.7 MiB, main.handleReviews (main.go:84) 4.7 MiB, main.pollInventory (main.go:103) 4.6 MiB, main.handleOrders (main.go:78) 4.2 MiB, main.handleProfile (main.go:72) 3.4 MiB, main.handlePayment (main.go:66) 3.0 MiB, main.handleCheckout (main.go:60) 2.3 MiB, main.handleCart (main.go:54) 1.8 MiB, main.pollPrices (main.go:104) 1.5 MiB, main.handleSearch (main.go:48) 1.2 MiB, main.handleLogin (main.go:42) 541.2 KiB';

interface Finding { ruleId: string; fix: string; evidence?: Record<string, unknown> }

describe('the timers advice of twelve callers', () => {
  it('text and Markdown: three callers by bytes, then "9 more callers holding 22.4 MiB between them"', async () => {
    const text = await runCli(DUMPS);
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe('Leak suspected (high confidence): live heap 10.5 MiB → 42.2 MiB across 4 GC-separated snapshots (snapshots 1→4); growing sites: time.NewTimer (sleep.go:87) ← main.handleSupport (main.go:96) (+9 more callers) +15.3 MiB, time.NewTimer (sleep.go:88) ← main.handleWishlist (main.go:90) (+9 more callers) +10.1 MiB, time.NewTicker (tick.go:29) ← main.pollInventory (main.go:103) (+1 more caller) +2.9 MiB and 1 more.');
    // In a pipe, one sentence a line: the fix's first sentence is its head and callers.
    const fix = lines.findIndex((l) => l.startsWith('    fix: Start with time.NewTimer'));
    expect(lines[fix]).toBe(`    fix: ${FIX.slice(0, FIX.indexOf(' Before Go 1.23'))}`);
    expect(text.stdout).not.toContain('main.handleLogin (main.go:42)');
    const md = (await runCli([...DUMPS, '--format', 'markdown'])).stdout;
    expect(md).toContain('timers and tickers made by main.handleSupport (main.go:96) 6.1 MiB, main.handleWishlist (main.go:90) 5.7 MiB, main.handleReviews (main.go:84) 4.7 MiB and 9 more callers holding 22.4 MiB between them (in use at the last snapshot; --format json for all), and never stopped.');
    expect(md).not.toContain('main.handleLogin (main.go:42)');
  });

  it('JSON: the same fix, and the evidence keeps all twelve with their bytes (analyze and lint)', async () => {
    const r = await runCli([...DUMPS, '--format', 'json']);
    const j = JSON.parse(r.stdout) as { findings: Finding[]; series: { growingSites: { function: string; callers?: unknown[] }[] } };
    const leak = j.findings.find((f) => f.ruleId === 'leak-suspected');
    expect(leak?.fix).toBe(FIX);
    expect(leak?.evidence).toMatchObject({ topSite: 'time.NewTimer', timerCallerCount: 12, timerCallers: ALL });
    // Each site's callers, as before: time.NewTimer (sleep.go:87) has the ten handlers.
    expect(j.series.growingSites.map((s) => [s.function, s.callers?.length])).toEqual([['time.NewTimer', 10], ['time.NewTimer', 10], ['time.NewTicker', 2], ['time.NewTicker', 2]]);
    const lint = await runCli(['lint', '--no-config', '--format', 'json', ...DUMPS]);
    const messages = (JSON.parse(lint.stdout) as { messages: Finding[] }[]).flatMap((f) => f.messages);
    const linted = messages.find((m) => m.ruleId === 'leak-suspected');
    expect([linted?.fix, linted?.evidence?.timerCallers, linted?.evidence?.timerCallerCount]).toEqual([FIX, ALL, 12]);
  });
});
