/**
 * Audit 36 (go1.19-audit36/goleak): a goroutine leak's ?gc=1 dumps, whose sites count more in use
 * than HeapInuse within their sampling error (not a profile of an earlier GC), and one goroutine
 * dump, most of it one blocked group.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { initialTuiState, tuiReducer } from '../../src/tui/state/reducer.js';
import { lineText } from '../../src/tui/view/line.js';
import { buildScreen } from '../../src/tui/view/screen.js';
import { buildReport } from '../tui/reports.js';

const D = 'test/fixtures/captured/go1.19-audit36/goleak';
const T20 = `${D}/series-gc/t20.heap-debug1-gc1.txt`;
const WITHIN = "These sites count 10.6 MiB in use, more than the heap's spans held at the dump (HeapInuse 7.4 MiB), but within the sampling error of the 21 samples behind these sites (±4.6 MiB): their in-use numbers are estimates scaled up from samples, not counts, so the excess need not be memory freed since.";

type Lag = { inuseBytes: number; heapInuseBytes: number; samples: number; errorBytes: number; cause: string; summary: string };
type Report = { snapshots: { profile: { lag: Lag | null } }[]; verdict: { summary: string } };

describe('sites counting more in use than HeapInuse after a forced GC', () => {
  it('say it is within the sampling error of their 21 samples (main.produce: 18 of 16 KiB), not memory freed since', async () => {
    const text = await runCli([T20]);
    expect(text.code).toBe(0);
    expect(text.stdout.replace(/\n {2}/g, ' ')).toContain(WITHIN);
    expect(text.stdout).not.toContain('freed since,');
    const json = JSON.parse((await runCli([T20, '--format', 'json'])).stdout) as Report;
    expect(json.snapshots[0]?.profile.lag).toEqual({ inuseBytes: 11158975, heapInuseBytes: 7716864, samples: 21, errorBytes: 4805008, cause: 'sampling-error', summary: WITHIN });
    expect((await runCli([T20, '--format', 'markdown'])).stdout).toContain(`\n${WITHIN}\n`);
    // The series' last snapshot says the same.
    expect((await runCli([`${D}/series-gc`])).stdout.replace(/\n {2}/g, ' ')).toContain(WITHIN);
  });

  it('in the TUI Sites header too', () => {
    const report = buildReport({ heap: [`../${T20}`] });
    const data = { report, width: 120, height: 40 };
    const state = tuiReducer(initialTuiState(), { action: { type: 'key', input: '2', key: {} }, context: buildScreen(data, initialTuiState()).context });
    const lines = buildScreen(data, state).lines.map((l) => lineText(l).trimEnd());
    expect(lines[3]).toBe('in use 10.6 MiB > HeapInuse 7.4 MiB: within sampling error (21 samples, ±4.6 MiB)');
  });
});

describe('one goroutine dump, most of it one blocked group', () => {
  it('gives the group\'s advice as a hint, and labels the dump\'s writer as the profiler\'s own', async () => {
    const r = await runCli([`${D}/goroutines/t20.goroutine-debug2.txt`]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      'Goroutine dump only (414 goroutines): give a heap dump too for the memory picture, and several dumps over time to see growth.',
      'One group holds 99.0% of the goroutines: 410 main.produce ← created by main.handle, blocked in chan send at main.go:28 — if they wait forever, they are blocked sending on a channel nobody receives from any more (a caller that gave up after a timeout): make the channel buffered (one slot per sender), or select on a done channel or context beside the send; one dump cannot show growth — take another later.',
    ]);
    expect(r.stdout).toContain('        1  runtime/pprof.writeGoroutineStacks [running] ← created by net/http.(*Server).Serve (the profiler\'s own)\n');
  });

  it('several dumps of one process get no hint: they show the group does not grow (go1.19-audit28-idlepool: a pool of 2,000 workers waiting for work, in each of 5 dumps)', async () => {
    const G = 'test/fixtures/captured/go1.19-audit28-idlepool/run/goroutine';
    const one = await runCli([`${G}/05.goroutine-debug2.txt.gz`]);
    // The latest alone: the hint, as of any one dump.
    expect(one.stdout.split('\n')[1]).toBe('One group holds 99.8% of the goroutines: 2,000 main.worker ← created by main.main, blocked in chan receive at main.go:60 — if they wait forever, they are waiting on a channel nobody sends on or closes (or a time.Ticker never stopped): close the channel when the work ends, stop the ticker, or select on a done channel or context; one dump cannot show growth — take another later.');
    const all = await runCli([1, 2, 3, 4, 5].map((n) => `${G}/0${n}.goroutine-debug2.txt.gz`));
    expect(all.code).toBe(0);
    expect(all.stdout.split('\n').slice(0, 2)).toEqual(['No goroutine group grows steadily across 5 goroutine dumps; give heap dumps of the same moments for the memory picture.', '']);
    expect(all.stdout).not.toContain('One group holds');
  });
});
