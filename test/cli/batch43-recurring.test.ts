/**
 * A periodic batch job's ?gc=1 dumps (the captured go1.19-audit42-batch/gc1: main.runBatch allocates 150 × 1 MiB at main.go:17
 * every ~20 s, holds them ~5 s, drops them; README.md there): a recurring peak, named with the site that holds it and what the
 * scavenger and debug.FreeOSMemory do with its pages — it was "No leak evidence: live heap moves between 202.5 KiB and 150.2 MiB
 * across 10 GC-separated snapshots …". One detector with the GC log's (series/recurring.ts recurringCycles).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { combineReport } from '../../src/analyze/combine.js';
import { analyzeSnapshot } from '../../src/analyze/snapshot.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { heapSnapshot } from '../../src/input/snapshot.js';
import { seriesView } from '../../src/tui/model/series.js';
import { recurringCycles } from '../../src/analyze/series/recurring.js';
import { reportJson, reportLines, runCli } from '../helpers/cli.js';

const BATCH = 'test/fixtures/captured/go1.19-audit42-batch/gc1';
const FILES = readdirSync(BATCH).filter((f) => f.endsWith('.txt')).sort().map((f) => join(BATCH, f));

/** The headline, read in one breath (wording44); how the cycles were read is the sentence after it. */
const OPENING = 'Peak, not a leak: the live heap climbs to ~150.2 MiB and falls back to ~204.3 KiB at each cycle, 3 cycles ~22–23 s apart; the cost is the peak.';
const DETAIL = 'Across 10 GC-separated snapshots, each read right after a forced GC: a fall every 3 snapshots (~22–23 s apart by LastGC), at snapshots 2, 5 and 8; each cycle\'s highest reading 80.2 MiB, 127.2 MiB and 150.2 MiB, wherever a snapshot caught its climb, under the high-water mark (HeapSys) the first set, 151.7 MiB (155.6 MiB at most since); the series ends mid-climb, at 150.2 MiB.';
const NEEDS = 'Go needs ~150.2 MiB at every cycle, so GOMEMLIMIT or a container limit must allow it; process the load in smaller pieces (stream it) to lower it.';
const SITE = 'main.runBatch (main.go:17) holds about all of the peak: 153.8 MiB in the heap profile (a sampled estimate) at snapshot 7, where the live heap read 150.2 MiB, and none of it at the falls.';
const RETURNED = 'HeapSys stays at its 155.6 MiB high-water mark while HeapReleased swings between 536.0 KiB and 150.2 MiB: between cycles the scavenger returns the idle peak to the OS by itself, and the next cycle faults the same pages back in.';
const FREEOS = 'Calling debug.FreeOSMemory after a cycle would only return them sooner, to be faulted in again; to stop the re-faulting, keep the memory for the next cycle (reuse the same buffers: a free list the program holds, or one slab; not a sync.Pool, which may drop them at any GC), at the cost of holding the peak between cycles too.';
const SUMMARY = [OPENING, DETAIL, NEEDS, SITE, RETURNED, FREEOS].join(' ');
const LINE = '3 complete cycles, ~204.3 KiB → ~150.2 MiB and back, a fall every 3 snapshots (~22–23 s); held by main.runBatch (main.go:17); HeapReleased 536.0 KiB–150.2 MiB: the scavenger returns the peak between cycles (debug.FreeOSMemory would not help)';

interface Verdict { kind: string; leak: string; confidence: string; evidence: unknown[]; summary: string; recurringPeak?: unknown }
interface Report { verdict: { leak: string; summary: string }; series: { verdict: Verdict } }

describe.concurrent('a periodic batch job\'s ?gc=1 dumps: a recurring peak (go1.19-audit42-batch/gc1)', () => {
  it('JSON: peak-retention, high confidence, the peak\'s cycles, pace, site and the released swing in recurringPeak', async () => {
    const r = await reportJson<Report>(['analyze', BATCH]);
    const { recurringPeak, ...rest } = r.series.verdict;
    expect(rest).toEqual({ kind: 'peak-retention', leak: 'not-suspected', confidence: 'high', evidence: [], summary: SUMMARY });
    expect(r.verdict).toMatchObject({ leak: 'not-suspected', summary: SUMMARY });
    // HeapAlloc of heap-t05, t27, t49 (cycle tops); t12 (the highest floor); LastGC t12→t34 22.12 s, t34→t57 23.30 s; HeapSys at
    // t12 and t72; HeapReleased at t49 and t42; main.runBatch at t49: 133 samples, 139,460,608 bytes, unsampled.
    expect(recurringPeak).toEqual({
      cycles: 3, highBytes: 157495864, lowBytes: 209208, cycleHighBytes: [84081888, 133370504, 157495864], fallSnapshots: [2, 5, 8],
      periodSnapshots: [3, 3], periodSeconds: [22.1, 23.3], climbBytes: 157502536, highWaterBytes: [159023104, 163184640],
      releasedBytes: [548864, 157483008],
      site: { function: 'main.runBatch', file: '/tmp/audit-audit42/captures/batch/main.go', line: 17, snapshot: 7, inuseBytes: 161288653, liveBytes: 157495864, fallBytes: 0 },
    });
  });

  it('text: the verdict, then the recurring peak in one line under the series table', async () => {
    const lines = await reportLines(['analyze', BATCH]);
    expect(lines.slice(0, 5)).toEqual([OPENING, DETAIL, `${NEEDS} ${SITE}`, RETURNED, FREEOS]);
    expect(lines).toContain(`  recurring peak: ${LINE}`);
    expect(lines).toContain('  allocation rate: 20.0 MiB per GC cycle');
  });

  it('Markdown: the same verdict and a row of its own', async () => {
    const md = (await runCli(['analyze', BATCH, '--format', 'markdown'])).stdout.split('\n');
    expect(md[2]).toBe(`**Verdict (leak: not-suspected, dominant: live).** ${SUMMARY.replaceAll('~', '\\~')}`);
    expect(md).toContain(`| recurring peak | ${LINE.replaceAll('~', '\\~')} |`);
  });

  it('the TUI\'s Series pane: the recurring peak\'s line, whole under the clipped summary', () => {
    const view = seriesView(combineReport(FILES.map((path) => {
      const { dump, diagnostics } = parseHeapDump(readFileSync(path, 'utf8'), path);
      return analyzeSnapshot(path, heapSnapshot(dump), diagnostics);
    })));
    expect(view?.summary).toBe(SUMMARY);
    expect(view?.recurring).toBe(`Recurring peak: ${LINE}`);
    expect(view?.growing).toEqual([]);
  });

  it('--fail-on leak exits 0, and lint finds no leak (exit 0, the four gc-pause-long warnings only)', async () => {
    expect((await runCli(['analyze', BATCH, '--fail-on', 'leak'])).code).toBe(0);
    const dir = await mkdtemp(join(tmpdir(), 'heapdoc-batch43-'));
    try {
      for (const file of FILES) await copyFile(file, join(dir, file.slice(file.lastIndexOf('/') + 1)));
      const r = await runCli(['lint', dir]);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain('leak-suspected');
      expect(r.stdout).toContain('✖ 4 problems (0 errors, 4 warnings)');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the shared detector: sampled cycle tops need not agree (the dumps\'), measured ones must (a GC log\'s A)', () => {
    // HeapAlloc of heap-t05 … heap-t72, in bytes.
    const live = [84081888, 209208, 212832, 133370504, 207592, 210248, 157495864, 207336, 84087272, 157502536];
    const scale = { perFloor: 4, minFall: 1 << 20, unit: 1 << 20, spread: 0.1, floorStep: 1 << 20 };
    expect(recurringCycles(live, live, scale, false)).toEqual({
      drops: [{ at: 1, highAt: 0 }, { at: 4, highAt: 3 }, { at: 7, highAt: 6 }],
      heights: [84081888, 133370504, 157495864], floors: [209208, 207592, 207336], height: 157495864, floor: 209208, climb: 157502536,
      floorsRise: false, peak: 157288528,
    });
    expect(recurringCycles(live, live, scale, true)).toBeUndefined();
    // The last climb past the highest cycle by more than the spread (10 %): what accumulates, no recurring peak.
    expect(recurringCycles([...live.slice(0, 9), 180 << 20], live, scale, false)).toBeUndefined();
  });
});
