import { describe, expect, it } from 'vitest';
import type { Breakdown } from '../../src/analyze/breakdown.js';
import type { AllocationSite } from '../../src/analyze/profile.js';
import type { SeriesAnalysis } from '../../src/analyze/series/model.js';
import type { AnalyzeReport } from '../../src/analyze/report.js';
import { barCells, BUCKET_GLYPH, bucketTone } from '../../src/tui/model/breakdown.js';
import { buildEscapeTree, bytesSort, escapeBytes, nodeAt, topCauses, UNNAMED_FUNCTION } from '../../src/tui/model/escape.js';
import { sitesOfDiagnostic } from '../../src/tui/model/code.js';
import { growingSitesOf, seriesView, sparkline } from '../../src/tui/model/series.js';
import { gcsPerStretch, heapChart, heapColumns, peakCycle } from '../../src/tui/model/gclog.js';
import { compactCount, siteKey, visibleSites } from '../../src/tui/model/sites.js';
import { byNumber, columnTitle, listView, sortArrow, type SortSpec } from '../../src/tui/model/list.js';
import { treeRows } from '../../src/tui/model/calltree.js';
import { visibleRows } from '../../src/tui/model/goroutines.js';
import { fitLine, truncate, truncateStart, windowAround, windowStart, wrapText } from '../../src/tui/view/line.js';
import { buildReport, leakReport, seedReport } from './reports.js';

function breakdown(parts: Partial<Breakdown>): Breakdown {
  const b = { live: 0, fragmentation: 0, idle: 0, released: 0, stacks: 0, runtime: 0, sys: 0, retained: 0, ...parts };
  return b;
}

function site(fn: string, usage: Partial<AllocationSite> = {}): AllocationSite {
  return { function: fn, file: `/src/${fn}.go`, line: 1, runtimeOnly: false, profiler: false, poolNew: false, stacks: [], stackCount: 0, topStack: undefined, inuseBytes: 0, inuseObjects: 0, allocBytes: 0, allocObjects: 0, ...usage };
}

describe('stacked bar', () => {
  it('splits the cells in proportion and adds up to the bar', () => {
    const b = breakdown({ live: 50, idle: 25, released: 25, sys: 100 });
    const cells = barCells(b, 10);
    expect(cells.find((c) => c.bucket === 'live')?.cells).toBe(5);
    expect(cells.reduce((a, c) => a + c.cells, 0)).toBe(10);
  });

  it('uses the largest remainders for rounding', () => {
    const b = breakdown({ live: 1, fragmentation: 1, idle: 1, sys: 3 });
    expect(barCells(b, 10).reduce((a, c) => a + c.cells, 0)).toBe(10);
  });

  it('leaves the bar short when the buckets do not add up to Sys, and is empty for Sys 0', () => {
    expect(barCells(breakdown({ live: 50, sys: 100 }), 10).reduce((a, c) => a + c.cells, 0)).toBe(5);
    expect(barCells(breakdown({}), 10).every((c) => c.cells === 0)).toBe(true);
  });

  it('gives each bucket its own glyph and the text report\'s colour', () => {
    expect(new Set(Object.values(BUCKET_GLYPH)).size).toBe(6);
    expect(bucketTone('live')).toBe('red');
    expect(bucketTone('released')).toBe('green');
    expect(bucketTone('runtime')).toBe('blue');
  });
});

describe('sites', () => {
  const sites = [
    site('main.a', { inuseBytes: 10, allocBytes: 500, inuseObjects: 1, allocObjects: 9 }),
    site('main.b', { inuseBytes: 30, allocBytes: 100, inuseObjects: 3, allocObjects: 2 }),
    site('net/http.(*conn).serve', { inuseBytes: 20, allocBytes: 300, inuseObjects: 5, allocObjects: 1 }),
  ];

  const order = (sort: string | undefined, reverse = false, filter = ''): string[] => visibleSites(sites, { sort, reverse, filter }).items.map((s) => s.function);

  it('sorts by each key, numbers largest first and names A→Z, and the other way round', () => {
    expect(order(undefined)).toEqual(['main.b', 'net/http.(*conn).serve', 'main.a']);
    expect(order('allocBytes')).toEqual(['main.a', 'net/http.(*conn).serve', 'main.b']);
    expect(order('inuseObjects')[0]).toBe('net/http.(*conn).serve');
    expect(order('allocObjects')[0]).toBe('main.a');
    expect(order('function')).toEqual(['main.a', 'main.b', 'net/http.(*conn).serve']);
    expect(order('function', true)).toEqual(['net/http.(*conn).serve', 'main.b', 'main.a']);
    expect(order('inuseBytes', true)).toEqual(['main.a', 'net/http.(*conn).serve', 'main.b']);
    expect(order('nonsense')).toEqual(order('inuseBytes'));
  });

  it('marks the sorted column with the order\'s arrow', () => {
    const view = visibleSites(sites, { sort: 'function', reverse: false, filter: '' });
    expect([sortArrow(view), columnTitle('function', 'function', view), columnTitle('in use', 'inuseBytes', view)]).toEqual(['↑', 'function↑', 'in use']);
    expect(sortArrow(visibleSites(sites, { sort: 'inuseBytes', reverse: true, filter: '' }))).toBe('↑');
    expect(sortArrow(visibleSites(sites, { sort: 'inuseBytes', reverse: false, filter: '' }))).toBe('↓');
  });

  it('filters on function and file:line, ignoring case', () => {
    expect(order(undefined, false, 'HTTP')).toEqual(['net/http.(*conn).serve']);
    expect(order(undefined, false, 'main.a.go:1')).toEqual(['main.a']);
    expect(visibleSites(sites, { sort: undefined, reverse: false, filter: 'nothing' })).toMatchObject({ items: [], total: 3 });
  });

  it('keys a site by function and position', () => {
    expect(siteKey(sites[0] as AllocationSite)).toBe(siteKey({ function: 'main.a', file: '/src/main.a.go', line: 1 }));
  });

  it('prints counts compactly beyond four digits', () => {
    expect([compactCount(9999), compactCount(10_537), compactCount(2_500_000), compactCount(3e9)]).toEqual(['9,999', '10.5k', '2.5M', '3.0G']);
  });
});

describe('list views are computed once per list, sort and filter', () => {
  it('sorts 20,000 items once: moving the cursor (the same view asked again) compares nothing', () => {
    const items = Array.from({ length: 20_000 }, (_, i) => ({ n: (i * 7919) % 20_000, name: `f${i}` }));
    let compares = 0;
    const specs: SortSpec<{ n: number; name: string }>[] = [{ key: 'n', label: 'n', descending: true, compare: (a, b) => (compares++, byNumber<{ n: number }>((x) => x.n)(a, b)) }];
    const text = (t: { name: string }): string => t.name;
    const first = listView(items, specs, { sort: 'n', reverse: false, filter: '' }, text);
    expect(first.items.slice(0, 3).map((t) => t.n)).toEqual([19_999, 19_998, 19_997]);
    const sorted = compares;
    expect(sorted).toBeGreaterThan(20_000);
    expect(listView(items, specs, { sort: 'n', reverse: false, filter: '' }, text)).toBe(first);
    expect(compares).toBe(sorted);
    // Another order, or a filter, is another view.
    const reversed = listView(items, specs, { sort: 'n', reverse: true, filter: '' }, text);
    expect(reversed.items.slice(0, 2).map((t) => t.n)).toEqual([0, 1]);
    const filtered = listView(items, specs, { sort: 'n', reverse: true, filter: 'f1999' }, text);
    expect(filtered.items.map((t) => t.name)).toEqual(['f19995', 'f19990', 'f19998', 'f19993', 'f19996', 'f19991', 'f1999', 'f19999', 'f19994', 'f19997', 'f19992']);
    expect(filtered.total).toBe(20_000);
    expect(first.items[0]?.n).toBe(19_999); // the first view was not changed by the others
  });

  it('keeps the Tree\'s rows and the goroutine groups while only the cursor moves', () => {
    const report = leakReport();
    const profile = report.snapshots[4]?.profile;
    if (!profile) throw new Error('no profile');
    const state = { sort: undefined, reverse: false, filter: '', expanded: [] as string[], inverted: false };
    const rows = treeRows(profile, state);
    expect(treeRows(profile, { ...state, expanded: [] })).toBe(rows);
    expect(treeRows(profile, { ...state, reverse: true })).not.toBe(rows);
    const groups = visibleRows(report.goroutines, { sort: undefined, reverse: false, filter: '' });
    expect(visibleRows(report.goroutines, { sort: undefined, reverse: false, filter: '' })).toBe(groups);
    expect(groups.items[0]?.summary.source).toBe('go1.23/leak/snap5.goroutine-debug1.txt');
  });
});

describe('escape tree', () => {
  const analysis = seedReport().escape?.analysis;
  if (!analysis) throw new Error('the seed report has no escape analysis');
  const tree = buildEscapeTree(analysis);

  it('counts every listed heap value and leak at the root and every level', () => {
    expect(tree.heap).toBe(analysis.moved.total + analysis.escapes.total);
    expect(tree.leaks).toBe(analysis.leaks.total);
    const pkg = tree.children[0];
    expect(pkg?.name).toBe('seed');
    expect(pkg?.children.reduce((a, f) => a + f.heap, 0)).toBe(pkg?.heap);
  });

  it('reaches a diagnostic through package, file and function', () => {
    const fn = nodeAt(tree, ['seed', './main.go']);
    const routine4 = fn?.children.find((f) => f.name === 'routine4');
    expect(routine4).toBeDefined();
    const subjects = routine4?.children.map((d) => d.finding?.subject);
    expect(subjects).toContain('make([]byte, 1000)');
    const make = routine4?.children.find((d) => d.finding?.subject === 'make([]byte, 1000)');
    expect(make?.finding?.cause).toBe('goroutine');
    expect(make?.finding?.paths.length).toBeGreaterThan(0);
    expect(nodeAt(tree, ['seed', 'nowhere.go'])).toBeUndefined();
  });

  it('orders causes by count', () => {
    const causes = topCauses(tree.causes);
    expect(causes.length).toBeGreaterThan(1);
    for (let i = 1; i < causes.length; i++) expect((causes[i - 1] as [string, number])[1]).toBeGreaterThanOrEqual((causes[i] as [string, number])[1]);
  });

  it('files findings without a function name under a placeholder', () => {
    const hand = buildEscapeTree({
      ...analysis,
      moved: { total: 1, items: [{ kind: 'moved-to-heap', file: 'x.go', line: 3, subject: 'v', message: 'moved to heap: v', inputLine: 1, paths: [], cause: 'unknown', sentence: 'v is moved to the heap' }] },
      escapes: { total: 0, items: [] },
      leaks: { total: 0, items: [] },
    });
    expect(nodeAt(hand, ['(no package header)', 'x.go', UNNAMED_FUNCTION])?.name).toBe(UNNAMED_FUNCTION);
  });

  it('sums the bytes of the heap sites each node joins to, a site once; orders by them, the unjoined after (go1.19 audit prog, -m=2)', () => {
    const dir = '../test/fixtures/captured/go1.19-audit-tui';
    const report = buildReport({ heap: [`${dir}/prog.heap-debug1.txt`], escape: `${dir}/prog.m2.txt` });
    const snapshot = report.snapshots[0];
    const root = report.escape && buildEscapeTree(report.escape.analysis);
    if (!root) throw new Error('no escape tree');
    const bytes = escapeBytes(root, (f) => sitesOfDiagnostic(report, snapshot, f));
    const leakLoop = nodeAt(root, ['example.com/leakprog', './main.go', 'leakLoop']);
    if (!leakLoop) throw new Error('no leakLoop');
    // 67:24's three heap values join to the one site main.newRecord main.go:35 (20,530,534 B): counted once, with
    // main.toIface main.go:59 (70:30, 12,312 B), the closure's (71:36, 4,104 B) and makeSlice's (73:16, 0 B in use).
    expect(bytes.get(leakLoop)).toEqual({ inuse: 20530534 + 12312 + 4104, alloc: 20530534 + 12312 + 4104 + 2093796 });
    expect(leakLoop.children.map((d) => `${d.finding?.line}:${d.finding?.column} ${d.name} ${bytes.get(d)?.inuse ?? '-'}`)).toEqual([
      '67:24 &Record{...} 20530534', '67:24 make([]byte, 4096) 20530534', '67:24 i 20530534', '70:30 Rect{...} 12312',
      '71:36 x -', '71:36 func literal 4104', '73:16 make([]int, n) 0',
    ]);
    const sorted = listView(leakLoop.children, [bytesSort(bytes)], { sort: undefined, reverse: false, filter: '' }, (n) => n.name).items;
    expect(sorted.map((d) => d.name)).toEqual(['&Record{...}', 'make([]byte, 4096)', 'i', 'Rect{...}', 'func literal', 'make([]int, n)', 'x']);
  });
});

describe('series', () => {
  it('draws sparklines from the lowest to the highest value', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([5, 5, 5])).toBe('▁▁▁');
    expect(sparkline([0, 10, 0, 10], 2)).toBe('▁█');
    expect(sparkline([])).toBe('');
  });

  it('uses the series analysis when the report has one', () => {
    const report = leakReport();
    const view = seriesView(report);
    expect(view?.summary).toBe(report.series?.verdict.summary);
    expect(view?.rows.map((r) => r.name)).toEqual(['live', 'fragmentation', 'idle', 'released', 'stacks', 'runtime', 'sys', 'retained']);
    expect(view?.rows[0]?.values).toHaveLength(5);
    expect(view?.growing.map((t) => t.function)).toContain('main.newSession');
    // snap5 shares snap4's GC cycle: the site trends read one snapshot per cycle; snap2 carries
    // snap1's profile unchanged, one reading (audit 39).
    expect(view?.trendSources.map((s) => s.replace(/.*\//, ''))).toEqual([1, 3, 4].map((n) => `snap${n}.heap-debug1.txt`));
    expect(view?.groups.length).toBeGreaterThan(0);
  });

  it('builds the series itself from the snapshots when the analysis is absent (hand-built report)', () => {
    const report = leakReport();
    const withoutSeries: AnalyzeReport = { ...report, series: undefined as unknown as SeriesAnalysis };
    delete withoutSeries.series;
    const view = seriesView(withoutSeries, [168, 300, 500, 700, 788]);
    expect(view?.summary).toBeUndefined();
    expect(view?.sources).toHaveLength(5);
    expect(view?.rows.find((r) => r.name === 'goroutines')?.values).toEqual([168, 300, 500, 700, 788]);
    const growing = growingSitesOf(report.snapshots);
    expect(view?.growing).toEqual(growing);
    expect(growing.every((t) => t.growthBytes > 0 && t.inuseBytes.length === 5)).toBe(true);
  });

  it('has no series for one snapshot or for unrelated dumps', () => {
    expect(seriesView(seedReport())).toBeUndefined();
    const separately = buildReport({ heap: ['go1.23/leak/snap1.heap-debug1.txt', 'go1.23/leak/snap2.heap-debug1.txt'] });
    expect(seriesView({ ...separately, separately: true })).toBeUndefined();
  });
});

describe('lines', () => {
  it('truncates from either end', () => {
    expect(truncate('net/http.(*conn).serve', 10)).toBe('net/http.…');
    expect(truncateStart('net/http.(*conn).serve', 10)).toBe('…nn).serve');
    expect(truncate('short', 10)).toBe('short');
  });

  it('wraps words with a hanging indent and cuts words longer than a line', () => {
    expect(wrapText('why: the heap grew to a peak', 14, 5, 0)).toEqual(['why: the heap', '     grew to a', '     peak']);
    expect(wrapText('a/very/long/path/that/does/not/fit', 10)).toEqual(['a/very/lo…']);
    expect(wrapText('tab\there\u001b[31m', 40)).toEqual(['tab here?[31m']);
  });

  it('fits a line of segments to a width', () => {
    expect(fitLine([{ text: 'abc' }, { text: 'defgh' }], 5).map((s) => s.text)).toEqual(['abc', 'd…']);
  });

  it('keeps the selection in view', () => {
    expect(windowStart(0, 100, 10)).toBe(0);
    expect(windowStart(50, 100, 10)).toBe(45);
    expect(windowStart(99, 100, 10)).toBe(90);
    expect(windowStart(5, 8, 10)).toBe(0);
    // A selected block taller than the rest of the window shows from its first line.
    expect(windowAround(20, 40, 100, 10)).toBe(20);
    expect(windowAround(20, 22, 100, 10)).toBe(15);
  });
});

describe('GC log charts (model/gclog.ts)', () => {
  const log = { liveMB: [4, 4, 6, 7, 7, 7], heapStartMB: [3, 4, 7, 7, 9, 11], atSeconds: [0.008, 0.013, 1.165, 1.17, 1.181, 2.292] };

  it('gives each cycle its columns when they fit, and merges cycles (peak: max A, live: min C) when not', () => {
    expect(heapColumns(log, 12, 8).map((c) => [c.peakMB, c.liveMB])).toEqual([[3, 4], [3, 4], [4, 4], [4, 4], [7, 6], [7, 6], [7, 7], [7, 7], [9, 7], [9, 7], [11, 7], [11, 7]]);
    expect(heapColumns(log, 3)).toEqual([
      { peakMB: 4, liveMB: 4, first: 0, last: 1 },
      { peakMB: 7, liveMB: 6, first: 2, last: 3 },
      { peakMB: 11, liveMB: 7, first: 4, last: 5 },
    ]);
    expect(heapColumns({ liveMB: [], heapStartMB: [] }, 10)).toEqual([]);
  });

  it('draws the live heap solid and the peak above it shaded, on one scale', () => {
    expect(heapChart(heapColumns(log, 3), 4, 12)).toEqual([
      '  ░',
      '  ░',
      ' ██',
      '███',
    ]);
  });

  it('counts the GCs in each stretch of time and finds the peak cycle', () => {
    expect(gcsPerStretch(log.atSeconds, 4)).toEqual([2, 0, 3, 1]);
    expect(gcsPerStretch([], 4)).toEqual([]);
    expect(peakCycle(log)).toBe(5);
  });
});

