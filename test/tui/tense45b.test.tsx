/**
 * tense45b on real Go 1.19 captures (go1.19-audit43-concpeak, README there: a peak that came and
 * went, each dump read between GCs): the Series pane shows the `live as of GC` row the text
 * report's series table has (series.verdict.lastGcEstimates), under HeapAlloc, with its note.
 * A stream's goroutine dumps in the Goroutines pane say the snapshot of their moment, as its Series
 * pane does (go1.19-audit39-goroleak piped in).
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
import { frameLines, waitForFrame } from './ink.js';

const C = 'test/fixtures/captured/go1.19-audit43-concpeak';

/** `inputs` as `heapdoc tui` reads them (cli/commands/analyze.ts): one snapshot per moment, then the report. */
async function reportOf(inputs: string[]): Promise<AnalyzeReport> {
  const loaded = await loadSnapshots(inputs, { process: {} }, DEFAULT_FETCH_OPTIONS, { quiet: true });
  return combineReport(oneSnapshotPerMoment(loaded.snapshots).snapshots, loaded.goroutines, { inputOrder: loaded.names, givenOrder: loaded.givenOrder });
}

async function seriesPane(report: AnalyzeReport, width = 100, height = 40): Promise<ReturnType<typeof render>> {
  const app = render(<HeapdocApp report={report} colors={false} size={{ width, height }} initialPane="series" />);
  await waitForFrame(app, (f) => f.includes('Growing:'));
  return app;
}

afterEach(() => {
  cleanup();
});

describe('concpeak: the Series pane has the text table\'s `live as of GC` row under HeapAlloc, and its note (go1.19-audit43-concpeak)', () => {
  it('plain/: each dump\'s heap profile in use, 239.6 MiB → 104.5 MiB, the 3.0 MiB → 243.6 MiB the verdict reads among them', async () => {
    const app = await seriesPane(await reportOf([`${C}/plain`]));
    const lines = frameLines(app);
    expect(lines.slice(5, 8)).toEqual([
      '  HeapAlloc     ▇▁▂▆█▅▅  366.0 MiB →  229.9 MiB  −136.1 MiB',
      '  live as of GC █▁█▄▇▇▄  239.6 MiB →  104.5 MiB  −135.0 MiB',
      '  fragmentation ▁█▆▅▂▄▅  443.8 KiB →  626.5 KiB  +182.7 KiB',
    ]);
    expect(lines.slice(17, 19)).toEqual([
      '  104.5 MiB in use. "live as of GC" is each snapshot\'s heap profile in use (a sampled estimate): the',
      '  live heap as of its last GC, which the verdict reads the peak from.',
    ]);
  });

  it('vars/: each document\'s NextGC / 2, 190.1 MiB → 182.1 MiB', async () => {
    const app = await seriesPane(await reportOf([`${C}/vars`]));
    const lines = frameLines(app);
    expect(lines.slice(5, 7)).toEqual([
      '  HeapAlloc     ▇▁▂██▅▅  362.0 MiB →  230.0 MiB  −132.1 MiB',
      '  live as of GC ▇▁▃█▇█▆  190.1 MiB →  182.1 MiB    −8.0 MiB',
    ]);
    expect(lines.slice(16, 18)).toEqual([
      '  have no heap profile to say what is live. "live as of GC" is each snapshot\'s NextGC / 2 (GOGC=100,',
      '  the default): the live heap as of its last GC, which the verdict reads the peak from.',
    ]);
  });

  it('gc1/ (read right after a forced GC): no such row, live is live', async () => {
    const app = await seriesPane(await reportOf([`${C}/gc1`]));
    const names = frameLines(app).slice(5, 16).map((l) => l.slice(2, 16).trimEnd());
    expect(names.slice(0, 3)).toEqual(['live', 'fragmentation', 'idle']);
  });
});

const G = 'test/fixtures/captured/go1.19-audit39-goroleak';

/** The files concatenated and piped in (`cat … | heapdoc tui -`), as test/tui/pairing45.test.tsx reads them. */
async function streamReport(files: readonly string[]): Promise<AnalyzeReport> {
  const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
  const stdin = vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from([bytes]) as unknown as typeof process.stdin);
  try {
    return await reportOf(['-']);
  } finally {
    stdin.mockRestore();
  }
}

describe('goroleak piped in: the Goroutines pane names each dump with its snapshot, as the Series pane does (go1.19-audit39-goroleak)', () => {
  it('the dumps\' titles: `-:1234 · snapshot 6` (was `-:1234`)', async () => {
    const report = await streamReport([
      `${G}/series/heap-t020.txt`, `${G}/series/heap-t060.txt`, `${G}/goroutines/goroutine1-t060.txt`, `${G}/goroutines/goroutine2-t060.txt`,
      ...['100', '140', '180', '220'].map((t) => `${G}/series/heap-t${t}.txt`), `${G}/goroutines/goroutine1-t220.txt`, `${G}/goroutines/goroutine2-t220.txt`,
    ]);
    const app = render(<HeapdocApp report={report} colors={false} size={{ width: 100, height: 60 }} initialPane="goroutines" />);
    await waitForFrame(app, (f) => f.includes('goroutine?debug=2'));
    expect(frameLines(app).filter((l) => / goroutines in 5 groups · /.test(l))).toEqual([
      'latest · 446 goroutines in 5 groups · goroutine?debug=2 · -:1234 · snapshot 6',
      '444 goroutines in 5 groups · goroutine?debug=1 · -:1191 · snapshot 6',
      '127 goroutines in 5 groups · goroutine?debug=2 · -:128 · snapshot 2',
      '127 goroutines in 5 groups · goroutine?debug=1 · -:85 · snapshot 2',
    ]);
  });
});
