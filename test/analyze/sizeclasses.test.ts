/**
 * Live objects by size class (analyze/sizeclasses.ts): MemStats.BySize from /debug/vars, exact
 * per class, and client_golang's allocs/frees-by-size histograms, bounds per power-of-2 bucket;
 * on real captures. The burst's 10,000 goroutines have exited, but their descriptors (runtime.g,
 * 416-byte class on Go 1.19) stay live: the table shows them.
 */
import { describe, expect, it } from 'vitest';
import { snapshotJson } from '../../src/report/json.js';
import { reportMarkdown } from '../../src/report/markdown.js';
import { sizeClassFacts } from '../../src/report/text.js';
import { combineReport } from '../../src/analyze/combine.js';
import type { SnapshotAnalysis } from '../../src/analyze/snapshot.js';
import { analyzeMetrics, analyzeVars } from '../helpers/exposed.js';
import { readFixture } from '../helpers/fixtures.js';

const vars = analyzeVars;
const metrics = (rel: string): SnapshotAnalysis => analyzeMetrics(readFixture(rel));

describe('MemStats.BySize (/debug/vars)', () => {
  const s = vars('scenarios/burst/03-after-wait.vars.json');

  it('text and Markdown: the three classes holding the most, and what is above the table, as shares of HeapAlloc', () => {
    expect(sizeClassFacts(s)).toBe('416 B × 10,032 = 4.0 MiB (58%) · 80 B × 10,162 = 793.9 KiB (11%) · 4.0 KiB × 18 = 72.0 KiB (1%); above 18.0 KiB: 1.4 MiB (20%) (MemStats.BySize, Mallocs − Frees per class)');
    expect(reportMarkdown(combineReport([s], []), 10)).toContain('\nNot yet freed: 416 B × 10,032 = 4.0 MiB (58%) · ');
  });

  it('JSON: every class, exact; the table and what lies beyond it add up to HeapAlloc', () => {
    const json = snapshotJson(s).sizeClasses as { source: string; exact: boolean; classes: Record<string, number>[]; liveBytes: number; largerBytes: number; heapAlloc: number };
    expect([json.source, json.exact, json.classes.length, json.liveBytes, json.largerBytes, json.heapAlloc]).toEqual(['BySize', true, 61, 5712208, 1458176, 7170384]);
    expect(json.liveBytes + json.largerBytes).toBe(7170384);
    expect(json.classes.slice(0, 3)).toEqual([
      { size: 0, minSize: 0, mallocs: 0, frees: 0, liveObjects: 0, liveBytes: 0 },
      { size: 8, minSize: 1, mallocs: 306, frees: 170, liveObjects: 136, liveBytes: 1088 },
      { size: 16, minSize: 9, mallocs: 23240, frees: 21501, liveObjects: 1739, liveBytes: 27824 },
    ]);
    expect(json.classes.find((c) => c.size === 416)).toEqual({ size: 416, minSize: 385, mallocs: 10043, frees: 11, liveObjects: 10032, liveBytes: 4173312 });
  });
});

describe("client_golang's by-size histograms (/metrics with the GC runtime metrics)", () => {
  const s = metrics('captured/go1.19-gc-pauses/metrics.long-pause.txt');

  it('text: size ranges and bounds, the live objects above the last bucket', () => {
    expect(sizeClassFacts(s)).toBe('321–704 B × 10,072 ≤ 6.8 MiB · 6,529–13,568 B × 4 ≤ 53.0 KiB · 1,537–3,200 B × 15 ≤ 46.9 KiB; 3 objects above 27,264 B (go_gc_heap_allocs_by_size_bytes, allocs − frees)');
  });

  it('JSON: every bucket, bytes as bounds, +Inf without one', () => {
    const json = snapshotJson(s).sizeClasses as { exact: boolean; classes: unknown[]; liveBytesAtMost: number };
    expect([json.exact, json.classes.length, json.liveBytesAtMost]).toEqual([false, 12, 7384704]);
    expect(json.classes[5]).toEqual({ size: 704, minSize: 321, mallocs: 10105, frees: 33, liveObjects: 10072, liveBytesAtMost: 7090688 });
    expect(json.classes[11]).toEqual({ size: null, minSize: 27265, mallocs: 16, frees: 13, liveObjects: 3, liveBytesAtMost: null });
  });

  it("the default registry's scrape has no size table: nothing is said", () => {
    expect(metrics('scenarios/burst/03-after-wait.metrics.txt').sizeClasses).toBeUndefined();
  });
});

describe('a series of /debug/vars: the size classes that grow (one snapshot per GC epoch)', () => {
  const phases = ['01-t1', '02-t2', '03-t3', '04-t4', '05-t5', '06-t6'].map((p) => vars(`scenarios/heap-leak/${p}.vars.json`));
  const report = combineReport(phases, []);

  it("the heap-leak's map values: the 16 KiB class, 256 more a phase, and nothing else grows by 1 MiB", () => {
    expect(report.series?.growingSizeClasses).toEqual([
      { size: 16384, minSize: 14337, liveObjects: [257, 512, 768, 1024, 1280, 1536], liveBytes: [4210688, 8388608, 12582912, 16777216, 20971520, 25165824], growthBytes: 20955136 },
    ]);
  });

  it('text and Markdown name it under the series', () => {
    const line = '16.0 KiB objects: 257 → 512 → 768 → 1,024 → 1,280 → 1,536 live (4.0 MiB → 8.0 MiB → 12.0 MiB → 16.0 MiB → 20.0 MiB → 24.0 MiB)';
    expect(reportMarkdown(report, 10)).toContain(`Growing size classes (MemStats.BySize):\n\n- +20.0 MiB ${line}\n`);
  });

  it('no size table in some snapshot (a scrape of the default registry): nothing is said', () => {
    const scrapes = ['01-t1', '02-t2', '03-t3'].map((p) => metrics(`scenarios/heap-leak/${p}.metrics.txt`));
    expect(combineReport(scrapes, []).series?.growingSizeClasses).toBeUndefined();
  });
});
