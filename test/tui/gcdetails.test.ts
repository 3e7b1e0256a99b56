/**
 * The Overview's GC details under the breakdown (tui/model/gcdetails.ts, view/overview.ts
 * gcDetailLines): the GC facts, the longest pause with the source it was read from, and the size
 * classes holding the most live bytes, on real captures: the burst's /debug/vars (PauseNs,
 * MemStats.BySize) and a client_golang 1.14 scrape (go_gc_duration_seconds, by-size histograms).
 */
import { describe, expect, it } from 'vitest';
import { combineReport } from '../../src/analyze/combine.js';
import { gcDetails } from '../../src/tui/model/gcdetails.js';
import { initialTuiState } from '../../src/tui/state/reducer.js';
import { lineText } from '../../src/tui/view/line.js';
import { buildScreen } from '../../src/tui/view/screen.js';
import type { SnapshotAnalysis } from '../../src/analyze/snapshot.js';
import { analyzeMetrics, analyzeVars } from '../helpers/exposed.js';
import { readFixture } from '../helpers/fixtures.js';
import { analyzeSnapshot } from '../../src/analyze/snapshot.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { heapSnapshot } from '../../src/input/snapshot.js';

const screen = (s: SnapshotAnalysis, width: number, height: number): string[] =>
  buildScreen({ report: combineReport([s], []), width, height }, initialTuiState()).lines.map(lineText);

const VARS = analyzeVars('scenarios/burst/03-after-wait.vars.json');
const SCRAPE = analyzeMetrics(readFixture('captured/go1.19-gc-pauses/metrics.long-pause.txt'));

describe('the model', () => {
  it('/debug/vars: the PauseNs ring and MemStats.BySize (exact classes)', () => {
    expect(gcDetails(VARS)).toEqual({
      gc: '4 GC cycles (1 forced) · GC CPU 7.62% · next GC at 14.6 MiB · 24,729 objects allocated and not yet freed (Mallocs − Frees)',
      pause: { took: '30.21 ms (GC cycle 1)', source: 'PauseNs' },
      sizes: {
        classes: ['416 B × 10,032 = 4.0 MiB (58%)', '80 B × 10,162 = 793.9 KiB (11%)', '4.0 KiB × 18 = 72.0 KiB (1%)'],
        beyond: 'above 18.0 KiB: 1.4 MiB (20%)',
        source: 'MemStats.BySize, Mallocs − Frees per class',
      },
      sizesLabel: 'Not yet freed',
    });
  });

  it('a scrape: go_gc_duration_seconds\' top quantile and the by-size histograms (bounds)', () => {
    expect(gcDetails(SCRAPE)).toEqual({
      gc: '5 GC cycles (2 forced) · next GC at 9.0 MiB · 11,310 objects allocated and not yet freed (Mallocs − Frees)',
      pause: { took: '37.25 ms (the longest of the last 5 GC cycles, go_gc_duration_seconds)', source: 'go_gc_duration_seconds' },
      sizes: {
        classes: ['321–704 B × 10,072 ≤ 6.8 MiB', '6,529–13,568 B × 4 ≤ 53.0 KiB', '1,537–3,200 B × 15 ≤ 46.9 KiB'],
        beyond: '3 objects above 27,264 B',
        source: 'go_gc_heap_allocs_by_size_bytes, allocs − frees',
      },
      sizesLabel: 'Not yet freed',
    });
  });

  it('a scrape without the summary: the pause histogram bounds the longest pause, and names itself', () => {
    const text = readFixture('captured/go1.19-gc-pauses/metrics.long-pause.txt').split('\n').filter((l) => !l.startsWith('go_gc_duration_seconds')).join('\n');
    expect(gcDetails(analyzeMetrics(text)).pause).toEqual({ took: 'between 10.49 ms and 104.86 ms (go_gc_pauses_seconds, every pause since the process started)', source: 'go_gc_pauses_seconds' });
  });
});

describe('the Overview', () => {
  it('a heap dump\'s pause names the PauseNs ring inside its parenthesis, no field name dangling after it (audit 41: `(GC cycle 1) · PauseNs`)', () => {
    const rel = 'captured/go1.19-audit41-churn/heap-t10.txt';
    const { dump, diagnostics } = parseHeapDump(readFixture(rel), rel);
    const lines = screen(analyzeSnapshot(rel, heapSnapshot(dump), diagnostics), 120, 32).map((l) => l.trimEnd());
    expect(lines.filter((l) => l.startsWith('  Longest pause'))).toEqual(['  Longest pause 42.44 ms (GC cycle 11527, MemStats.PauseNs ring)']);
  });

  it('120×32: every detail, a size class a line, under the breakdown', () => {
    const lines = screen(VARS, 120, 32);
    const at = lines.findIndex((l) => l.startsWith('  GC            4 GC cycles (1 forced)'));
    // Two lines under the verdict say what one dump cannot tell (whether the live heap grows: audit 44 F11).
    expect(at).toBe(12);
    // The objects read between GCs are not said live: the longer words take a second line (tense45b).
    expect(lines.slice(at, at + 10).map((l) => l.trimEnd())).toEqual([
      '  GC            4 GC cycles (1 forced) · GC CPU 7.62% · next GC at 14.6 MiB · 24,729 objects allocated and not yet freed',
      '                (Mallocs − Frees)',
      '  Longest pause 30.21 ms (GC cycle 1, MemStats.PauseNs ring)',
      '  Not yet freed 416 B × 10,032 = 4.0 MiB (58%)',
      '                80 B × 10,162 = 793.9 KiB (11%)',
      '                4.0 KiB × 18 = 72.0 KiB (1%)',
      '                above 18.0 KiB: 1.4 MiB (20%)',
      '                (MemStats.BySize, Mallocs − Frees per class)',
      '',
      'Findings (2)',
    ]);
    // Every finding still in view.
    expect(lines.filter((l) => /^[› ] ▸ warning/.test(l))).toHaveLength(2);
  });

  it('120×32, a scrape: the pause names go_gc_duration_seconds once, the histogram rows are bounds', () => {
    const lines = screen(SCRAPE, 120, 32).map((l) => l.trimEnd());
    const at = lines.findIndex((l) => l.startsWith('  Longest pause'));
    expect(lines.slice(at, at + 7)).toEqual([
      '  Longest pause 37.25 ms (the longest of the last 5 GC cycles, go_gc_duration_seconds)',
      '  Not yet freed 321–704 B × 10,072 ≤ 6.8 MiB',
      '                6,529–13,568 B × 4 ≤ 53.0 KiB',
      '                1,537–3,200 B × 15 ≤ 46.9 KiB',
      '                3 objects above 27,264 B',
      '                (go_gc_heap_allocs_by_size_bytes, allocs − frees)',
      '',
    ]);
  });

  it('60×20: one line a fact, as many as leave the verdict and the first finding in view', () => {
    const lines = screen(VARS, 60, 20).map((l) => l.trimEnd());
    expect(lines.slice(1, 4)).toEqual([
      'Not a leak of reachable data: HeapAlloc 6.8 MiB (read',
      'between GCs: the live heap and the garbage made since the',
      'last GC) of 42.6 MiB mapped (Go holds 42.1 MiB); 19.9 MiB in',
    ]);
    // The verdict's longer first words (HeapAlloc, read between GCs) and what one dump cannot tell (whether the live heap
    // grows: audit 44 F11) take the GC facts' lines.
    expect(lines.slice(14, 20)).toEqual([
      '▪ runtime         10.6 MiB  24.9%',
      '',
      'Findings (2)',
      '› ▸ warning stack-heavy: Goroutine stacks take 19.9 MiB (47…',
      '  ▸ warning gc-pause-long: A GC pause took 30.21 ms (GC cyc…',
      ' ↑↓/jk move · Enter expand · ? help · q quit            1/2',
    ]);
    expect(lines.every((l) => l.length <= 60)).toBe(true);
  });

  it('40×12 and 40×9: the verdict and the first finding stay in view; the legend, then the bar, give up their room', () => {
    const small = screen(VARS, 40, 12).map((l) => l.trimEnd());
    expect(small.slice(1, 11)).toEqual([
      // A /debug/vars document's HeapAlloc is said as read between GCs (vars42): five lines of verdict, the bar gives up its room.
      'Not a leak of reachable data: HeapAlloc',
      '6.8 MiB (read between GCs: the live heap',
      'and the garbage made since the last GC)',
      'of 42.6 MiB mapped (Go holds 42.1 MiB);',
      '19.9 MiB in goroutine stacks. Most of …',
      '',
      '  GC            4 GC cycles (1 forced) …',
      '',
      'Findings (2)',
      '› ▸ warning stack-heavy: Goroutine stac…',
    ]);
    expect(screen(VARS, 40, 9).slice(1, 8).map((l) => l.trimEnd())).toEqual([
      'Not a leak of reachable data: HeapAlloc', '6.8 MiB (read between GCs: the live heap', 'and the garbage made since the last GC)',
      'of 42.6 MiB mapped (Go holds 42.1 MiB);…', '', 'Findings (2)', '› ▸ warning stack-heavy: Goroutine stac…',
    ]);
    // The smallest (a 40×8 terminal): two lines of verdict, cut with …, and the first finding.
    expect(screen(VARS, 40, 7).slice(1, 6).map((l) => l.trimEnd())).toEqual([
      'Not a leak of reachable data: HeapAlloc', '6.8 MiB (read between GCs: the live hea…', '', 'Findings (2)', '› ▸ warning stack-heavy: Goroutine stac…',
    ]);
  });

  it('too small: the size in the terminal\'s own rows, wrapped so that a narrow one still shows what it needs', () => {
    const tooSmall = buildScreen({ report: combineReport([VARS], []), width: 40, height: 6, terminalRows: 7 }, initialTuiState()).lines.map(lineText).map((l) => l.trimEnd());
    expect(tooSmall.slice(0, 2)).toEqual(['Terminal too small (40×7): heapdoc needs', '40×8. q quits.']);
  });

  it('60×20, a five-line verdict: no room is taken from it or from the first finding', () => {
    const lines = screen(SCRAPE, 60, 20).map((l) => l.trimEnd());
    expect(lines.some((l) => l.startsWith('  GC '))).toBe(false);
    // By severity: the warning first (rules/index.ts inReportOrder).
    expect(lines.slice(16, 19)).toEqual(['Findings (2)', '› ▸ warning gc-pause-long: A GC pause took 37.25 ms (the lo…', '  ▸ info    peak-retention: The heap reached 67.2 MiB at it…']);
  });
});
