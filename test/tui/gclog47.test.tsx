/**
 * The GC log pane's chart on the log's time (audit 46 #4), rendered by Ink: go1.19-audit46-workerpool's gctrace.log ran
 * 94 of its 110 GCs in the first third of its 67 s (a busy pool growing to 295 workers), then 7 and 9 while it idled at
 * 75 MB. By GC number the plateau was the chart's last eighth; on the time axis it is its last two thirds, and the axis
 * says seconds since the program started, with ┴ where the live floor row's thirds end.
 */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { HeapdocApp } from '../../src/tui/components/App.js';
import { heapTimeColumns } from '../../src/tui/model/gclog.js';
import { frameLines, press, waitForFrame } from './ink.js';
import { gcLogReport } from './reports.js';

const LOG = 'captured/go1.19-audit46-workerpool/gctrace.log';

afterEach(() => {
  cleanup();
});

describe('the GC log chart on the log\'s time (go1.19-audit46-workerpool gctrace.log)', () => {
  it('at 80 columns: the 75 MB plateau over the last two thirds, the axis in seconds with the thirds marked', async () => {
    const app = render(<HeapdocApp report={gcLogReport(LOG)} colors={false} size={{ width: 80, height: 30 }} />);
    await waitForFrame(app, (f) => f.includes('2 GC log'));
    await press(app, '2');
    await waitForFrame(app, (f) => f.includes('[2 GC log]') && f.includes('Heap at each GC'));
    const lines = frameLines(app);
    const top = lines.findIndex((l) => l.startsWith('149 MB│'));
    expect(lines.slice(top, top + 8)).toEqual([
      '149 MB│                                  ░  ░   ░   ░         ░       ░   ░   ░',
      '      │                              ░   ░  ░   ░   ░  ░  ░   ░  ░    ░   ░   ░',
      '      │                       ░ ░ ░  ░   ░  ░   ░   ░  ░  ░   ░  ░░   ░   ░   ░',
      '      │                   ░ ░ ░ ░ █████████████████████████████████████████████',
      '      │              ░░░░ █████████████████████████████████████████████████████',
      '      │          ░░████████████████████████████████████████████████████████████',
      '     0└────────────────────────┴───────────────────────┴───────────────────────',
      '       gc 1 · 0.15 s           22.6 s                  45.0 s   gc 110 · 67.5 s',
    ]);
    const floor = lines.findIndex((l) => l.startsWith('  live floor'));
    expect(lines.slice(floor, floor + 2)).toEqual([
      '  live floor    1 → 61 → 75 MB (94, 7 and 9 GCs) (the lowest in each third of',
      '                the log\'s time, ┴ on the chart\'s axis: a leak raises every one)',
    ]);
  });

  it('narrower (60 and 40 columns): the ends stay, a third\'s time that would run into them is left out', async () => {
    for (const [width, axis] of [
      [60, ['     0└─────────────────┴────────────────┴─────────────────', '       gc 1 · 0.15 s    22.6 s              gc 110 · 67.5 s']],
      [40, ['     0└──────────┴──────────┴──────────', '       gc 1 · 0.15 s    gc 110 · 67.5 s']],
    ] as const) {
      const app = render(<HeapdocApp report={gcLogReport(LOG)} colors={false} size={{ width, height: 40 }} />);
      await waitForFrame(app, (f) => f.includes('2 GC log'));
      await press(app, '2');
      await waitForFrame(app, (f) => f.includes('[2 GC log]') && f.includes('149 MB│'));
      const lines = frameLines(app);
      const zero = lines.findIndex((l) => l.startsWith('     0└'));
      expect(lines.slice(zero, zero + 2)).toEqual(axis);
      cleanup();
    }
  });

  it('phasechurn (2 → 20 → 2 MiB/s of garbage): the pane says the allocation-rate stretches in the report\'s words, and its chart is dense where they were fast', async () => {
    const app = render(<HeapdocApp report={gcLogReport('captured/go1.19-audit46-phasechurn/gctrace.log')} colors={false} size={{ width: 100, height: 40 }} />);
    await waitForFrame(app, (f) => f.includes('2 GC log'));
    await press(app, '2');
    await waitForFrame(app, (f) => f.includes('[2 GC log]') && f.includes('Heap at each GC'));
    const lines = frameLines(app);
    expect(lines.slice(2, 6)).toEqual([
      'Stable: the live heap after GC stays between 4 and 17 MB over 67.1 s and 44 GCs. Its allocation rate',
      'changed: ~2.2 MB/s until 20.1 s, ~19 MB/s until 45.2 s, ~2.0 MB/s after (what each GC found',
      'allocated since the one before: its A less the C before it). The GC runs as often as the program',
      'allocates: the fastest stretch ran 32 of the log\'s 44 GCs.',
    ]);
    const top = lines.findIndex((l) => l.startsWith(' 34 MB│'));
    expect(lines.slice(top, top + 8)).toEqual([
      ' 34 MB│                            ░ ░ ░  ░░ ░░░░░ ░░░░ ░░ ░ ░  ░ ░ ░                        ░',
      '      │                  ░        ░░░░░░░ ░░ ░░░░░ ░░░░░░░░░░░░ ░ ░░░        ░               ░',
      '      │     ░            ░  ░     ░░░░░░░░░░ ░░░░░ ░░░░░░░░░░░░ ░ ░░░        ░    ░          ░    ░',
      '      │     ███████████████████████████████████████████████████████████████████████████████████████',
      '      │░███████████████████████████████████████████████████████████████████████████████████████████',
      '      │████████████████████████████████████████████████████████████████████████████████████████████',
      '     0└──────────────────────────────┴──────────────────────────────┴──────────────────────────────',
      '       gc 1 · 0.00 s                 22.4 s                         44.7 s           gc 44 · 67.1 s',
    ]);
  });

  it('a stretch no GC started in holds the live heap the GC before it left, unshaded', () => {
    const log = { liveMB: [4, 4, 6, 7, 7, 7], heapStartMB: [3, 4, 7, 7, 9, 11], atSeconds: [0.008, 0.013, 1.165, 1.17, 1.181, 2.292] };
    expect(heapTimeColumns(log, 4).map((c) => [c.peakMB, c.liveMB, c.first, c.last])).toEqual([[4, 4, 0, 1], [4, 4, 1, 1], [9, 6, 2, 4], [11, 7, 5, 5]]);
    // No span (every @T the same): by count, as before.
    expect(heapTimeColumns({ ...log, atSeconds: log.atSeconds.map(() => 1) }, 3).map((c) => [c.peakMB, c.liveMB])).toEqual([[4, 4], [7, 6], [11, 7]]);
  });
});
