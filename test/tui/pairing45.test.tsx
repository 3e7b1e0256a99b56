/**
 * The Series pane of a stream cut into moments (`cat heap gor1 gor2 … | heapdoc -`, analyze/moments.ts
 * markStreamMoments), beside the same files given as a folder, on real Go 1.19.8 captures. The pane
 * reads the series' own pairing (series.points[].goroutineDump, series.groupSources):
 * - go1.19-pairing43-burstlayout (README there): 3, 103, 103, 3, 3 goroutines at five moments. Its
 *   folder had a goroutines row; piped in it had none (the pane paired by names, and a stream's
 *   debug=1 and debug=2 dumps share their moment: two candidates, none taken).
 * - go1.19-audit39-goroleak (README there): main.worker's goroutines 123 → 442 in the debug=2 dumps of
 *   t060 and t220. "Goroutines per dump" named the four dumps given against the group's two counts:
 *   442 read at goroutine2-t060.txt (a dump of 127 goroutines). A stream's trend snapshots were only
 *   `-:LINE`; each now says its snapshot, as the verdict and `snap N/M` count them.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HeapdocApp } from '../../src/tui/components/App.js';
import { loadSnapshots } from '../../src/cli/commands/analyze.js';
import { combineReport } from '../../src/analyze/combine.js';
import { oneSnapshotPerMoment } from '../../src/analyze/moments.js';
import { DEFAULT_FETCH_OPTIONS } from '../../src/input/sources.js';
import type { AnalyzeReport } from '../../src/analyze/report.js';
import { frameLines, KEYS, press, waitForFrame } from './ink.js';

const B = 'test/fixtures/captured/go1.19-pairing43-burstlayout/run';
const G = 'test/fixtures/captured/go1.19-audit39-goroleak';
const TIMES = ['12:04:26', '12:04:29', '12:04:32', '12:04:36', '12:04:38'].map((t) => `2026-12-07T${t}`);

/** `inputs` as `heapdoc tui` reads them (cli/commands/analyze.ts): one snapshot per moment, then the report. */
async function reportOf(inputs: string[]): Promise<AnalyzeReport> {
  const loaded = await loadSnapshots(inputs, { process: {} }, DEFAULT_FETCH_OPTIONS, { quiet: true });
  return combineReport(oneSnapshotPerMoment(loaded.snapshots).snapshots, loaded.goroutines, { inputOrder: loaded.names, givenOrder: loaded.givenOrder });
}

/** The files concatenated and piped in (`cat … | heapdoc -`): standard input is their bytes while they are read. */
async function streamReport(files: readonly string[]): Promise<AnalyzeReport> {
  const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
  const stdin = vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from([bytes]) as unknown as typeof process.stdin);
  try {
    return await reportOf(['-']);
  } finally {
    stdin.mockRestore();
  }
}

const burstStream = (): Promise<AnalyzeReport> => streamReport(TIMES.flatMap((t) => [`${B}/heap/heap-${t}.txt`, `${B}/gor1/g-${t}.txt`, `${B}/gor2/g-${t}.txt`]));

const goroleakStream = (): Promise<AnalyzeReport> => streamReport([
  `${G}/series/heap-t020.txt`, `${G}/series/heap-t060.txt`, `${G}/goroutines/goroutine1-t060.txt`, `${G}/goroutines/goroutine2-t060.txt`,
  ...['100', '140', '180', '220'].map((t) => `${G}/series/heap-t${t}.txt`), `${G}/goroutines/goroutine1-t220.txt`, `${G}/goroutines/goroutine2-t220.txt`,
]);

async function seriesPane(report: AnalyzeReport, width = 100, height = 30): Promise<ReturnType<typeof render>> {
  const app = render(<HeapdocApp report={report} colors={false} size={{ width, height }} initialPane="series" />);
  await waitForFrame(app, (f) => f.includes('Growing:'));
  return app;
}

afterEach(() => {
  cleanup();
});

describe('burstlayout piped in: the Series pane counts each snapshot\'s goroutines, as for the folder (go1.19-pairing43-burstlayout)', () => {
  const ROWS = [
    'Series · 5 snapshots, first → last',
    'Peak retention, not a leak: a burst of goroutines came and went — 103 goroutines at the peak, 3 in',
    'the last goroutine dump; their stacks (StackInuse) 352.0 KiB → 12.9 MiB at snapshot 3 → 544.0 KiB,',
    'and the freed stack spans are heap the runtime keeps (HeapSys 15.5 MiB: 1.3 MiB idle, 13.4 MiB …',
    '  live          ▁▇██▇  165.0 KiB →  222.2 KiB   +57.2 KiB',
    '  fragmentation ▁▄▆█▇  491.0 KiB →  601.8 KiB  +110.8 KiB',
    '  idle          ▁██▃▆  144.0 KiB →    1.3 MiB    +1.1 MiB',
    '  released      ▂▁▁██    2.9 MiB →   13.4 MiB   +10.5 MiB',
    '  stacks        ▁██▁▁  352.0 KiB →  544.0 KiB  +192.0 KiB',
    '  runtime       ▁████    9.8 MiB →   10.1 MiB  +320.0 KiB',
    '  sys           ▁████   13.8 MiB →   26.1 MiB   +12.3 MiB',
    '  retained      ▁██▂▂   10.9 MiB →   12.7 MiB    +1.8 MiB',
    '  goroutines    ▁██▁▁          3 →          3          ±0',
    '',
    'Growing: nothing — no site or goroutine group grows steadily',
  ];

  it('the stream (heap, debug=1, debug=2 at each moment) and the folder: the same rows, the goroutines\' 3 → 103 → 103 → 3 → 3 among them', async () => {
    const piped = await seriesPane(await burstStream());
    expect(frameLines(piped).slice(1, 16)).toEqual(ROWS);
    cleanup();
    const folder = await seriesPane(await reportOf([B]));
    expect(frameLines(folder).slice(1, 16)).toEqual(ROWS);
  });
});

describe('goroleak piped in: each trend snapshot and goroutine dump with the snapshot of its moment (go1.19-audit39-goroleak)', () => {
  it('main.worker\'s site: its in-use per snapshot at the stream\'s lines, each with its snapshot (5 and 6 share a profile: read once)', async () => {
    const app = await seriesPane(await goroleakStream());
    // Two lines lower since goal46: the table's "live as of GC" row (the goal's estimates the verdict reads) and its note's second line.
    expect(frameLines(app).slice(19, 22)).toEqual([
      'Growing: 1 site, 1 goroutine group · sort: growth ↓',
      '›   +52.7 MiB ▁▂▃█         main.worker                                    goroleak/main.go:15',
      '         +319 ▁█           main.worker                                    chan send',
    ]);
    await press(app, KEYS.enter);
    await waitForFrame(app, (f) => f.includes('In use per snapshot'));
    expect(frameLines(app).slice(1, 10)).toEqual([
      'main.worker',
      '/tmp/audit-audit39/go/goroleak/main.go:15',
      'grew 52.7 MiB in use · never decreased',
      '',
      'In use per snapshot',
      '     3.2 MiB          12 objects  -:1 · snapshot 1',
      '    11.4 MiB          45 objects  -:43 · snapshot 2',
      '    20.3 MiB          81 objects  -:927 · snapshot 3',
      '    55.9 MiB         223 objects  -:993 · snapshot 4',
    ]);
  });

  it('main.worker\'s group: 123 and 442 at the debug=2 dumps that counted them, each its snapshot\'s moment — the stream and the folder', async () => {
    const piped = await seriesPane(await goroleakStream());
    await press(piped, 'j', KEYS.enter);
    await waitForFrame(piped, (f) => f.includes('Goroutines per dump'));
    expect(frameLines(piped).slice(1, 8)).toEqual([
      'main.worker',
      'state chan send · created by main.main',
      'grew by 319 goroutines · never decreased',
      '',
      'Goroutines per dump',
      '         123  -:128 · snapshot 2',
      '         442  -:1234 · snapshot 6',
    ]);
    cleanup();
    // It read "442  …/goroutines/goroutine2-t060.txt": the second of the four dumps given, not the second counted.
    const folder = await seriesPane(await reportOf([`${G}/series`, `${G}/goroutines`]));
    await press(folder, 'j', KEYS.enter);
    await waitForFrame(folder, (f) => f.includes('Goroutines per dump'));
    expect(frameLines(folder).slice(5, 8)).toEqual([
      'Goroutines per dump',
      '         123  …fixtures/captured/go1.19-audit39-goroleak/goroutines/goroutine2-t060.txt · snapshot 2',
      '         442  …fixtures/captured/go1.19-audit39-goroleak/goroutines/goroutine2-t220.txt · snapshot 6',
    ]);
  });
});
