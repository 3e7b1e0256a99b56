/**
 * Audit 43 F1 in the TUI: the captured go1.19-audit43-concpeak's ?gc=1 dumps (a concurrency peak of 237.9 MiB at snapshot 4,
 * HeapSys at its 526 MiB high-water mark) headline the peak on the Overview and the Series pane, not "Churn … not memory".
 */
import { describe, expect, it } from 'vitest';
import { lineText } from '../../src/tui/view/line.js';
import { buildScreen } from '../../src/tui/view/screen.js';
import { initialTuiState, tuiReducer, type TuiAction, type TuiState } from '../../src/tui/state/reducer.js';
import { fixtureReport } from './reports.js';

const report = fixtureReport(['06', '16', '26', '36', '46', '56', '68'].map((t) => `captured/go1.19-audit43-concpeak/gc1/heap-t${t}.txt`));
const data = { report, width: 160, height: 50 };
const text = (state: TuiState): string[] => buildScreen(data, state).lines.map((l) => lineText(l).trimEnd());
const act = (state: TuiState, ...actions: TuiAction[]): TuiState => actions.reduce((s, action) => tuiReducer(s, { action, context: buildScreen(data, s).context }), state);
const key = (input: string): TuiAction => ({ type: 'key', input, key: {} });

describe('concpeak ?gc=1 dumps in the TUI (160×50)', () => {
  const HEADLINE = [
    'Peak, not a leak: the live heap rose from 1.6 MiB to 237.9 MiB at snapshot 4 (main.render main.go:19: 216.1 MiB of it) and fell back to 1.7 MiB by snapshot 5,',
    'read right after a forced GC (?gc=1), while HeapSys stays at its 526.0 MiB high-water mark (430.6 MiB at snapshot 1 already, beside 1.6 MiB live: an earlier',
  ];

  it('the Overview headlines the peak above the idle heap it left, not "Churn … not memory"', () => {
    const lines = text(initialTuiState());
    expect(lines.slice(1, 3)).toEqual(HEADLINE);
    expect(lines[3]).toBe('peak): 395.8 MiB idle (held for reuse), 127.7 MiB released to the OS (on Linux, out of RSS unless GODEBUG=madvdontneed=0). Between peaks it churns: 3.9 GiB');
    expect(lines.join('\n')).not.toContain('not memory');
  });

  it('the Series pane (3) the same headline above the live row that shows the peak', () => {
    const lines = text(act(initialTuiState(), key('3')));
    expect(lines.slice(1, 4)).toEqual(['Series · 7 snapshots, first → last', ...HEADLINE]);
    expect(lines).toContain('  live          ▁▁▁█▁▁▁    1.6 MiB →    1.7 MiB   +33.1 KiB');
  });
});
