/**
 * A standard-library site's callers in the UI, on real go1.19 captures: the Series pane's
 * drill-down of a growing site names each caller with its growth, in the text report's words
 * (report/callers.ts), the one that grew in red (go1.19-series-limit-callers/callers: main.remember
 * grew, main.loadCache holds more and never grew); the timers' advice in a leak finding names
 * the three callers holding the most, then how many more and what they hold
 * (go1.19-timer-callers: twelve callers).
 */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { HeapdocApp } from '../../src/tui/components/App.js';
import { initialTuiState, tuiReducer, type TuiAction, type TuiState } from '../../src/tui/state/reducer.js';
import { lineText } from '../../src/tui/view/line.js';
import { buildScreen, type ScreenData } from '../../src/tui/view/screen.js';
import { frameLines, KEYS, press, waitForFrame } from './ink.js';
import { buildReport } from './reports.js';

const SIZE = { width: 80, height: 24 };
const CALLERS = '../test/fixtures/captured/go1.19-series-limit-callers/callers';
const TIMERS = '../test/fixtures/captured/go1.19-timer-callers';

afterEach(() => {
  cleanup();
});

const ENTER: TuiAction = { type: 'key', input: '', key: { return: true } };

/** Applies actions the way the app does: each with the context of the screen it acts on. */
function act(data: ScreenData, state: TuiState, ...actions: TuiAction[]): TuiState {
  return actions.reduce((s, action) => tuiReducer(s, { action, context: buildScreen(data, s).context }), state);
}

describe("a standard-library site's callers in the UI", () => {
  it('the Series drill-down of strings.(*Builder).grow: main.remember grew +9.0 MiB (in red), main.loadCache ±0, in the text report\'s words', async () => {
    const report = buildReport({ heap: ['01-t2', '02-t4', '03-t6', '04-t8', '05-t10'].map((m) => `${CALLERS}/${m}.heap-gc1.txt`) });
    const app = render(<HeapdocApp report={report} colors={false} size={SIZE} />);
    await waitForFrame(app, (f) => f.includes('Findings'));
    await press(app, '3');
    await waitForFrame(app, (f) => f.includes('Series · 5 snapshots'));
    await press(app, KEYS.enter);
    await waitForFrame(app, (f) => f.includes('In use per snapshot'));
    expect(frameLines(app).slice(1, 10)).toEqual([
      'strings.(*Builder).grow',
      '/usr/lib/go-1.19/src/strings/builder.go:68',
      'grew 9.0 MiB in use · never decreased',
      // The text report: "← called by main.remember  …/tmp/cap27/main.go:123  10.5 MiB in the last snapshot (+9.0 MiB since the first), 10.5 MiB allocated".
      '← called by main.remember cap27/main.go:123 10.5 MiB in the last snapshot',
      '    (+9.0 MiB since the first), 10.5 MiB allocated',
      '← called by main.loadCache cap27/main.go:119 27.6 MiB in the last snapshot (±0',
      '    since the first), 27.6 MiB allocated',
      '',
      'In use per snapshot',
    ]);
    // The caller that grew in red, the other dim (the same screen, as the app draws it).
    const data: ScreenData = { report, ...SIZE };
    const state = act(data, { ...initialTuiState(), pane: 'series' }, ENTER);
    const lines = buildScreen(data, state).lines;
    const styleOf = (start: string): unknown => lines.find((l) => lineText(l).startsWith(start))?.[0];
    expect(styleOf('← called by main.remember')).toMatchObject({ color: 'red' });
    expect(styleOf('← called by main.loadCache')).toMatchObject({ dim: true });
  });

  it('go1.19-timer-callers: the leak finding\'s fix names three of the twelve callers, most bytes first, then 9 more and what they hold', async () => {
    const report = buildReport({ heap: ['01', '02', '03', '04'].map((m) => `${TIMERS}/${m}.heap-debug1.txt`) });
    const app = render(<HeapdocApp report={report} colors={false} size={{ width: 100, height: 50 }} />);
    await waitForFrame(app, (f) => f.includes('Findings (1)'));
    // The four growing sites are the first items; the finding is the fifth.
    await press(app, KEYS.down, KEYS.down, KEYS.down, KEYS.down, KEYS.enter);
    await waitForFrame(app, (f) => f.includes('fix: Start'));
    const lines = frameLines(app);
    const fix = lines.findIndex((l) => l.startsWith('      fix: '));
    expect(lines.slice(fix, fix + 5)).toEqual([
      '      fix: Start with time.NewTimer (sleep.go:87) ← main.handleSupport (main.go:96) (+9 more',
      '           callers) (+15.3 MiB): timers and tickers made by main.handleSupport (main.go:96) 6.1 MiB,',
      '           main.handleWishlist (main.go:90) 5.7 MiB, main.handleReviews (main.go:84) 4.7 MiB and 9',
      '           more callers holding 22.4 MiB between them (in use at the last snapshot; --format json',
      '           for all), and never stopped. Before Go 1.23, a timer from time.After or time.NewTimer is',
    ]);
  });
});
