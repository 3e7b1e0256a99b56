/**
 * Audit 44 F13a and F13b on the captured go1.19-audit44-bigframes (README there). a) The TUI stepped through 22
 * snapshots where the text report says "Across 21 snapshots" and "Not in the series: heap-t46.pb.gz" (a binary profile
 * without MemStats); it steps through the series' snapshots now (report/latest.ts seriesSnapshots). b) Its goroutine?debug=1
 * table gave "(no frames)" and runtime/pprof.writeRuntimeProfile no note, where the text report says why and "the
 * profiler's own" (report/goroutines.ts noFramesNote, groupKindNote).
 */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { HeapdocApp } from '../../src/tui/components/App.js';
import { loadSnapshots } from '../../src/cli/commands/analyze.js';
import { combineReport } from '../../src/analyze/combine.js';
import { DEFAULT_FETCH_OPTIONS } from '../../src/input/sources.js';
import type { AnalyzeReport } from '../../src/analyze/report.js';
import { frameLines, press, waitForFrame } from './ink.js';
import { buildReport } from './reports.js';

const B = 'test/fixtures/captured/go1.19-audit44-bigframes';

/** The capture folder as `heapdoc tui DIR` reads it (cli/commands/analyze.ts): one input pipeline. */
async function folderReport(): Promise<AnalyzeReport> {
  const loaded = await loadSnapshots([B], { process: {} }, DEFAULT_FETCH_OPTIONS, { quiet: true });
  return combineReport(loaded.snapshots, loaded.goroutines, { inputOrder: loaded.names, givenOrder: loaded.givenOrder });
}

afterEach(() => {
  cleanup();
});

describe('the TUI on go1.19-audit44-bigframes', () => {
  it('counts the series\' 21 snapshots, as the text report does, not the .pb.gz outside it', async () => {
    const report = await folderReport();
    expect(report.snapshots).toHaveLength(22);
    const app = render(<HeapdocApp report={report} colors={false} size={{ width: 100, height: 30 }} />);
    await waitForFrame(app, (f) => f.includes('Findings'));
    let lines = frameLines(app);
    expect(lines[0]).toBe(' heapdoc  [1 Overview]  2 Sites   3 Goroutines   4 Series   5 Tree        snap 21/21 · Sys 30.4 MiB');
    expect(lines[8]).toBe(`snapshot 21 of 21: ${B}/gc1/heap-t68.txt`);
    await press(app, '[');
    await waitForFrame(app, (f) => f.includes('snapshot 20 of 21'));
    lines = frameLines(app);
    expect(lines[0]).toBe(' heapdoc  [1 Overview]  2 Sites   3 Goroutines   4 Series   5 Tree    snapshot 20/21 · Sys 30.4 MiB');
    expect(lines[8]).toBe(`snapshot 20 of 21: ${B}/vars/vars-t68.json`);
  });

  it('the goroutine?debug=1 table notes "(no frames)" and the profiler\'s own', async () => {
    const report = buildReport({ heap: [`../${B}/gc1/heap-t56.txt`], goroutines: [`../${B}/goroutine/goroutine1-t56.txt`] });
    const app = render(<HeapdocApp report={report} colors={false} size={{ width: 140, height: 24 }} />);
    await waitForFrame(app, (f) => f.includes('Findings'));
    await press(app, '3');
    await waitForFrame(app, (f) => f.includes('main.worker'));
    expect(frameLines(app).slice(3, 9)).toEqual([
      '   count↓ blocked in               function                                                       file:line',
      '›      40 —                        main.worker                                                    bigframes/main.go:20',
      '        1 —                        (no frames) (the runtime counted these goroutines when the pr…',
      '        1 time.Sleep               main.waves                                                     bigframes/main.go:43',
      '        1 net.(*netFD).accept      net/http.(*Server).Serve                                       net/http/server.go:3070',
      '        1 runtime/pprof.runtime_g… runtime/pprof.writeRuntimeProfile (the profiler\'s own)         runtime/pprof/pprof.go:723',
    ]);
  });
});
