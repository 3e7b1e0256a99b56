/**
 * A leak under a recurring peak (the captured go1.19-audit44-sawtooth: every 20 s main.batch holds 64 × 1 MiB for 6 s at
 * main.go:19 and keeps 4 MiB for ever in a map at main.go:22; README.md there). Audit 44 F1: its GC log was "Peak, not a leak:
 * … fell back from 76 to 12 MB" though the floor after each batch rose 4 → 8 → 12 MB, and `heapdoc .` then said "The GC log
 * gctrace.log alone shows no leak"; F2: its ?gc=1 dumps named the leak, not the 64 MiB peak on top. One detector for both
 * (series/recurring.ts recurringCycles, its floors rising at every fall).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { combineReport } from '../../src/analyze/combine.js';
import { recurringCycles } from '../../src/analyze/series/recurring.js';
import { analyzeSnapshot } from '../../src/analyze/snapshot.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { heapSnapshot } from '../../src/input/snapshot.js';
import { seriesView } from '../../src/tui/model/series.js';
import { reportJson, reportLines, runCli } from '../helpers/cli.js';

const D = 'test/fixtures/captured/go1.19-audit44-sawtooth';
const TWOLEAKS = 'test/fixtures/captured/go1.19-audit44-twoleaks';

// gctrace.log: C of gc 1–17, and A (the heap at each GC's start).
const LIVE_MB = [0, 4, 8, 18, 68, 68, 4, 8, 22, 48, 72, 8, 16, 35, 76, 76, 12];
const START_MB = [0, 4, 8, 17, 31, 69, 68, 7, 14, 38, 72, 73, 14, 28, 68, 77, 76];

const LOG_EVIDENCE = 'under a recurring peak, the live heap after each peak\'s fall rose 4 → 8 → 12 MB (gc 7, 12, 17), +4 MB per cycle, while the peak on top, ~65 MB above each floor (the heap before a GC reached 69 → 73 → 77 MB), came and went at each of 3 complete cycles, one every ~20–22 s; the log ends at the floor';
const LOG_NEXT = 'What stays after each fall is what accumulates: heap dumps taken with ?gc=1 at two floors name the sites that keep it; GOMEMLIMIT or a container limit must allow the next peak: ~65 MB on top of a floor that rises every cycle.';

const DUMPS_HEAD = 'Leak suspected (medium confidence): the live heap right after a forced GC rose 4.2 MiB → 8.2 MiB → 12.2 MiB at the falls of a recurring peak (snapshots 3, 5 and 7), +4.0 MiB per cycle; growing sites: main.batch (main.go:22) +12.0 MiB.';
const DUMPS_PEAK = 'A recurring peak rides on it: at each of 3 complete cycles across 7 GC-separated snapshots, each read right after a forced GC, the live heap climbed ~64.0 MiB above its floor and fell back (a fall every 2 snapshots (~20–22 s apart by LastGC), at snapshots 3, 5 and 7; each cycle\'s highest reading 68.2 MiB, 72.2 MiB and 76.2 MiB, wherever a snapshot caught its climb; the series ends at a floor): the peak comes and goes, what stays after each fall accumulates. main.batch (main.go:19), not the growing main.batch (main.go:22), holds the peak: 69.4 MiB of the 76.2 MiB live heap at snapshot 6 (91%), and none of it at the falls.';
const RECURRING_LINE = '3 complete cycles, ~64.0 MiB above a floor that rose 4.2 MiB → 8.2 MiB → 12.2 MiB, a fall every 2 snapshots (~20–22 s); held by main.batch (main.go:19); HeapReleased 1.0 MiB–14.3 MiB: the runtime keeps the peak\'s pages between cycles (debug.FreeOSMemory would not help)';
const DUMPS_LIMIT = 'Go needs the floor plus ~64.0 MiB at every cycle, and the floor keeps rising: GOMEMLIMIT or a container limit must allow both.';

interface Evidence { kind: string; text: string; underRecurringPeak?: true }
interface Verdict { kind: string; leak: string; confidence: string; evidence: Evidence[]; summary: string; recurringPeak?: Record<string, unknown> }
interface Report { verdict: { leak: string; summary: string }; series?: { verdict: Verdict }; gcTraces?: { verdict: Verdict }[] }

describe.concurrent('a leak under a recurring peak (go1.19-audit44-sawtooth)', () => {
  it('the shared detector: floors that rose at every fall, each cycle\'s climb above its own floor the same', () => {
    const scale = { perFloor: 4, minFall: 2, unit: 1, spread: 0.1, floorStep: 2 };
    expect(recurringCycles(LIVE_MB, START_MB, scale, true)).toEqual({
      drops: [{ at: 6, highAt: 4 }, { at: 11, highAt: 10 }, { at: 16, highAt: 14 }],
      heights: [69, 73, 77], floors: [4, 8, 12], height: 77, floor: 12, climb: undefined, floorsRise: true, peak: 65,
    });
    // Floors rising by less than floorStep at a fall are no rise: held within the spread, a recurring peak as before.
    const held = LIVE_MB.map((v, i) => (i === 11 ? 5 : i === 16 ? 6 : v));
    expect(recurringCycles(held, START_MB.map((v) => Math.min(v, 69)), scale, true)?.floorsRise).toBe(false);
  });

  it('F1: the GC log alone is a leak under a recurring peak, both named, not "Peak, not a leak"', async () => {
    const lines = await reportLines(['analyze', `${D}/gctrace.log`]);
    expect(lines.slice(0, 2)).toEqual([`${D}/gctrace.log: Leak suspected (medium confidence): ${LOG_EVIDENCE}.`, LOG_NEXT]);
    expect(lines).toContain('  Peak (the largest heap before a GC, A): 77 MB; what stays (the live heap after the last GC, C): 12 MB; the live heap\'s lowest point in each third of the log\'s time: 0 → 8 → 12 MB');
    const r = await reportJson<Report>(['analyze', `${D}/gctrace.log`]);
    const v = r.gcTraces?.[0]?.verdict;
    expect(v?.kind).toBe('leak');
    expect(v?.confidence).toBe('medium');
    expect(v?.evidence).toEqual([{ kind: 'live-heap', text: LOG_EVIDENCE, underRecurringPeak: true }]);
  });

  it('F2: the ?gc=1 dumps name the leak (main.go:22, the floors\' rise) and the recurring peak on top (main.go:19)', async () => {
    const lines = await reportLines(['analyze', `${D}/gc1`]);
    expect(lines.slice(0, 3)).toEqual([DUMPS_HEAD, DUMPS_PEAK, DUMPS_LIMIT]);
    // leak-suspected's why: the floors' reason, not "the live heap after GC never fell back".
    const why = lines.indexOf('         The live heap climbed and fell back at every cycle of a recurring peak, and the floor it fell back to rose at every fall: the peak came and went, what stayed after it did not.');
    expect(lines[why + 1]).toBe('         Memory that stays live after each garbage collection is held by something reachable — a leak, whatever load comes and goes above it.');
    expect(lines).toContain(`  recurring peak: ${RECURRING_LINE}`);
    const r = await reportJson<Report>(['analyze', `${D}/gc1`]);
    const v = r.series?.verdict;
    expect(v?.kind).toBe('leak');
    expect(v?.summary).toBe([DUMPS_HEAD, DUMPS_PEAK, DUMPS_LIMIT].join(' '));
    expect(v?.evidence.map((e) => [e.kind, e.underRecurringPeak ?? false])).toEqual([['live-heap', true], ['sites', false]]);
    // HeapAlloc of gc1/heap-t26, t46, t68 (the floors) and t16, t36, t56 (the tops); main.batch main.go:19 at t56: 69 samples.
    expect(v?.recurringPeak).toEqual({
      cycles: 3, highBytes: 79931216, lowBytes: 12823696, cycleHighBytes: [71508192, 75694152, 79931216], fallSnapshots: [3, 5, 7],
      risingFloorBytes: [4403648, 8606800, 12823696], peakBytes: 67107520, periodSnapshots: [2, 2], periodSeconds: [20.1, 22.1],
      highWaterBytes: [75137024, 83492864], releasedBytes: [1081344, 15007744],
      site: { function: 'main.batch', file: '/tmp/audit44/captures/sawtooth/main.go', line: 19, snapshot: 6, inuseBytes: 72761798, liveBytes: 79931216, fallBytes: 0 },
    });
  });

  it('the TUI\'s Series pane: the leak\'s summary and the recurring peak\'s line', () => {
    const dir = `${D}/gc1`;
    const view = seriesView(combineReport(readdirSync(dir).sort().map((f) => {
      const path = join(dir, f);
      const { dump, diagnostics } = parseHeapDump(readFileSync(path, 'utf8'), path);
      return analyzeSnapshot(path, heapSnapshot(dump), diagnostics);
    })));
    expect(view?.summary).toBe([DUMPS_HEAD, DUMPS_PEAK, DUMPS_LIMIT].join(' '));
    expect(view?.recurring).toBe(`Recurring peak: ${RECURRING_LINE}`);
  });

  it('lint: leak-suspected says the floors, not the live heap\'s first and last reading through the peaks', async () => {
    const r = await runCli(['lint', `${D}/gc1`]);
    expect(r.code).toBe(1);
    const line = r.stdout.split('\n').find((l) => l.includes('leak-suspected'))?.replace(/ +/g, ' ');
    expect(line).toBe(' 2:1 error Leak suspected (medium confidence) across 7 snapshots, heap-t06.txt → heap-t68.txt: the live heap right after a forced GC rose 4.2 MiB → 8.2 MiB → 12.2 MiB at the falls of a recurring peak (snapshots 3, 5 and 7), +4.0 MiB per cycle; growing main.batch 0 B → 12.0 MiB. leak-suspected');
  });

  it('the folder: the dumps\' verdict with the peak, and the GC log agreeing, no "alone shows no leak"', async () => {
    const lines = await reportLines(['analyze', D]);
    expect(lines[0]).toBe(DUMPS_HEAD.replace('(snapshots 3, 5 and 7)', '(snapshots 9, 15 and 21)'));
    expect(lines[1]).toBe(DUMPS_PEAK.replace('a fall every 2 snapshots', 'a fall every 6 snapshots').replace('at snapshots 3, 5 and 7', 'at snapshots 9, 15 and 21').replace('at snapshot 6 (91%)', 'at snapshot 18 (91%)'));
    expect(lines.join('\n')).not.toContain('alone shows no leak');
    expect(lines).toContain(`  Leak suspected (medium confidence): ${LOG_EVIDENCE}.`);
    expect(lines.filter((l) => l.includes('Peak, not a leak'))).toEqual([]);
  });

  it('a plain leak without peaks (go1.19-audit44-twoleaks) is no leak "under a recurring peak"', async () => {
    const dumps = await reportJson<Report>(['analyze', `${TWOLEAKS}/gc1`]);
    expect(dumps.series?.verdict.kind).toBe('leak');
    expect(dumps.series?.verdict.recurringPeak).toBeUndefined();
    expect(dumps.series?.verdict.summary).toMatch(/^Leak suspected \(high confidence\): live heap 3\.1 MiB → 28\.8 MiB across 7 GC-separated snapshots \(snapshots 1→7\); growing sites: /);
    expect(dumps.series?.verdict.summary).not.toContain('recurring peak');
    const log = await reportLines(['analyze', `${TWOLEAKS}/gctrace.log`]);
    expect(log[0]).toBe(`${TWOLEAKS}/gctrace.log: Leak suspected (high confidence): the live heap after GC keeps rising, 3 → 28 MB over 61.7 s and 8 GCs; its floor rose in every third of the log's time (3 → 15 → 23 MB).`);
  });
});
