/**
 * The Series pane says the RSS origin the text report says under its RSS row (wording47): --rss SIZE
 * is the latest snapshot's, the others' RSS is what their scrapes report
 * (process_resident_memory_bytes). go1.19-audit39-offheap-metrics (five /metrics scrapes, RSS 48.4 →
 * 192.1 MiB, README there) read as `heapdoc tui DIR --rss 300MiB` reads it: the pane had no RSS row
 * and no note; it has the row (48.4 MiB → 300.0 MiB) and the report's own sentence under it
 * (report/goroutines.ts rssOriginNote).
 */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { HeapdocApp } from '../../src/tui/components/App.js';
import { loadSnapshots } from '../../src/cli/commands/analyze.js';
import { combineReport } from '../../src/analyze/combine.js';
import { oneSnapshotPerMoment } from '../../src/analyze/moments.js';
import { orderByTotalAlloc } from '../../src/analyze/series/index.js';
import { withGivenRss } from '../../src/analyze/snapshot.js';
import { DEFAULT_FETCH_OPTIONS } from '../../src/input/sources.js';
import type { AnalyzeReport } from '../../src/analyze/report.js';
import { frameLines, waitForFrame } from './ink.js';

const OFFHEAP = 'test/fixtures/captured/go1.19-audit39-offheap-metrics';

/** The scrapes as `heapdoc tui` reads them (cli/commands/analyze.ts): one snapshot per moment, --rss given to the latest. */
async function reportOf(rss: number | undefined): Promise<AnalyzeReport> {
  const loaded = await loadSnapshots([OFFHEAP], { process: {} }, DEFAULT_FETCH_OPTIONS, { quiet: true });
  const { snapshots } = oneSnapshotPerMoment(loaded.snapshots);
  const latest = orderByTotalAlloc(snapshots).at(-1);
  if (rss !== undefined && latest) withGivenRss(latest, { rss });
  return combineReport(snapshots, loaded.goroutines, { inputOrder: loaded.names, givenOrder: loaded.givenOrder });
}

async function seriesFrame(report: AnalyzeReport, width = 100, height = 30): Promise<string[]> {
  const app = render(<HeapdocApp report={report} colors={false} size={{ width, height }} initialPane="series" />);
  await waitForFrame(app, (f) => f.includes('Growing:'));
  return frameLines(app);
}

afterEach(() => {
  cleanup();
});

describe('the Series pane says which snapshot\'s RSS --rss gave (go1.19-audit39-offheap-metrics)', () => {
  it('--rss 300MiB: the RSS row, then the text report\'s note under the rows', async () => {
    const lines = await seriesFrame(await reportOf(300 * 1024 * 1024));
    const rows = lines.filter((l) => /^ {2}(retained|RSS) /.test(l));
    expect(rows).toEqual([
      '  retained      ▆▁█▁▅   15.6 MiB →   15.5 MiB  −128.0 KiB',
      '  RSS           ▁▂▃▄█   48.4 MiB →  300.0 MiB  +251.6 MiB',
    ]);
    // Under the rows, after the between-GCs note, as the text report orders them.
    const at = lines.indexOf(rows[1] ?? '');
    expect(lines.slice(at + 1, lines.indexOf('', at))).toEqual([
      '  HeapAlloc was read between GCs: the heap between collections, live plus garbage not yet collected,',
      '  not the live heap; it moved within the 2.4 MiB allocated per GC cycle, under a heap goal that held',
      '  (NextGC 4.0 MiB); /debug/vars and /metrics read MemStats when asked, never right after a GC, and',
      '  have no heap profile to say what is live.',
      '  RSS: 300.0 MiB at snapshot 5 is the one --rss gave; the others are what their captures report.',
    ]);
  });

  it('without --rss: the scrapes\' RSS row, no note', async () => {
    const lines = await seriesFrame(await reportOf(undefined));
    expect(lines.some((l) => l.includes('--rss gave'))).toBe(false);
    expect(lines.filter((l) => l.startsWith('  RSS'))).toEqual(['  RSS           ▁▃▅▆█   48.4 MiB →  192.1 MiB  +143.8 MiB']);
  });
});
