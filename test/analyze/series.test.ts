/** Snapshot series on the real corpus: the leak program leaks, the peak program retains a peak. */
import { describe, expect, it } from 'vitest';
import { combineReport } from '../../src/analyze/combine.js';
import { summarizeGoroutineProfile } from '../../src/analyze/goroutines/index.js';
import { trendKey } from '../../src/analyze/goroutines/waits.js';
import { analyzeSeries, profilerAllocated } from '../../src/analyze/series/index.js';
import { pastPeak, peakFallWords, programAllocated } from '../../src/analyze/series/verdict.js';
import { analyzeSnapshot, type SnapshotAnalysis } from '../../src/analyze/snapshot.js';
import { parseGoroutineProfile } from '../../src/grammar/goroutine/index.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { HeapdocError } from '../../src/input/errors.js';
import { readCorpus, readFixture, VERSIONS } from '../helpers/fixtures.js';
import { heapSnapshot } from '../../src/input/snapshot.js';
import { parseGoVersion } from '../../src/input/goversion.js';

function snapshot(rel: string, goVersion?: string): SnapshotAnalysis {
  const { dump, diagnostics } = parseHeapDump(readCorpus(rel), rel);
  const version = goVersion === undefined ? undefined : parseGoVersion(goVersion);
  return analyzeSnapshot(rel, heapSnapshot(dump), diagnostics, version ? { goVersion: version } : {});
}

const leakSnaps = (v: string): SnapshotAnalysis[] => [1, 2, 3, 4, 5].map((i) => snapshot(`${v}/leak/snap${i}.heap-debug1.txt`));

describe('the leak program (five snapshots ≈4 s apart)', () => {
  it.each(VERSIONS)('%s: leak suspected, with main.newSession growing, in whatever order the dumps are given', (v) => {
    const snaps = leakSnaps(v);
    const shuffled = [snaps[3], snaps[0], snaps[4], snaps[2], snaps[1]].filter((s): s is SnapshotAnalysis => s !== undefined);
    const report = combineReport(shuffled);
    expect(report.snapshots.map((s) => s.source)).toEqual(snaps.map((s) => s.source)); // TotalAlloc order
    expect(report.verdict.leak).toBe('suspected');
    expect(report.series?.verdict.kind).toBe('leak');
    const live = report.series?.points.map((p) => p.breakdown.live) ?? [];
    expect(live).toEqual([...live].sort((a, b) => a - b));
    expect(report.series?.growingSites.map((s) => s.function)).toContain('main.newSession');
  });

  it('says which snapshots share a GC epoch (go1.23: snapshots 4 and 5 both at NumGC 4)', () => {
    const series = analyzeSeries(leakSnaps('go1.23'));
    expect(series.points.map((p) => p.numGC)).toEqual([1, 2, 3, 4, 4]);
    expect(series.sameEpoch).toEqual([[3, 4]]);
    // One value per epoch, and snap2 carries snap1's profile unchanged (the same records though a GC
    // ran between): one reading, not a site that held (audit 39).
    expect(series.sameProfile?.map((pair) => pair.map((f) => f.replace(/.*\//, '')))).toEqual([['snap1.heap-debug1.txt', 'snap2.heap-debug1.txt']]);
    expect(series.growingSites[0]?.inuseBytes).toHaveLength(3);
  });

  it.each(VERSIONS)('%s: the four blocked goroutine groups grow by the same amount', (v) => {
    const dumps = [1, 3, 5].map((i) => {
      const rel = `${v}/leak/snap${i}.goroutine-debug1.txt`;
      return summarizeGoroutineProfile(parseGoroutineProfile(readCorpus(rel), rel).profile, rel);
    });
    const series = analyzeSeries(leakSnaps(v), dumps);
    for (const fn of ['main.waitForReply', 'main.waitForShutdown', 'main.waitForLock', 'main.fetchWithTimeout.func1']) {
      const trend = series.growingGroups.find((g) => g.function === fn);
      expect(trend, fn).toBeDefined();
      const counts = trend?.counts;
      // Each count is read from the dumps themselves: the '# count @' records of the function's
      // goroutines, every group summed (audit 46 #6: a function in several groups — snap1 has one
      // goroutine of main.waitForReply outside its blocked group, 41 where the group alone has 40 — is
      // counted in every state, series/index.ts byFunction); a function in one group is its trendKey's.
      const key = trend ? trendKey(trend) : '';
      const byFunction = dumps.some((d) => d.groups.some((g) => g.function === fn && trendKey(g) !== key));
      const expected = dumps.map((d) => d.groups.filter((g) => (byFunction ? g.function === fn : trendKey(g) === key)).reduce((n, g) => n + g.count, 0));
      expect(counts).toEqual(expected);
      expect(counts?.[2]).toBeGreaterThan(counts?.[0] ?? Infinity);
    }
    expect(series.verdict.summary).toMatch(/^Leak suspected \((high|medium) confidence\)/);
  });
});

describe('growing sites never shrink', () => {
  /** A snapshot read from edited text. */
  function snapshotOf(rel: string, text: string): SnapshotAnalysis {
    const { dump, diagnostics } = parseHeapDump(text, rel);
    expect(diagnostics).toEqual([]);
    return analyzeSnapshot(rel, heapSnapshot(dump), diagnostics);
  }

  it('go1.23 leak: main.newSession rises 3684370 → 6316063 bytes but dips on the way is not a growing site', () => {
    const snaps = leakSnaps('go1.23');
    const series = analyzeSeries(snaps);
    expect(series.growingSites.map((t) => [t.function, t.inuseBytes])).toEqual([['main.newSession', [3684370, 3684370, 6316063]]]); // snap2 repeats snap1's profile: read once
    // snap2 edited as if 10 sampled objects (not 7) were in use there: 5263386 bytes, more than snap3's.
    const rel = 'go1.23/leak/snap2.heap-debug1.txt';
    const text = readCorpus(rel).replace('heap profile: 7: 28672 [7: 28673]', 'heap profile: 10: 40960 [10: 40961]').replace(/^7: 28672 \[7: 28672\]/m, '10: 40960 [10: 40960]');
    const edited = snapshotOf(rel, text);
    expect(edited.profile.sites.find((site) => site.function === 'main.newSession')?.inuseBytes).toBe(5263386);
    const dipping = analyzeSeries([snaps[0], edited, ...snaps.slice(2)].filter((s): s is SnapshotAnalysis => s !== undefined));
    expect(dipping.growingSites).toEqual([]);
    expect(dipping.verdict.evidence?.map((e) => e.kind)).not.toContain('sites');
  });
});

describe('the peak program', () => {
  // One step (baseline → peak) allocated the 300 MiB, and main.handleRequest allocated it: a one-off
  // peak when the scavenger had returned it by the idle dump (go1.19), peak retention while the heap keeps it idle
  // (go1.21 and later, whose scavenger skips the chunks the peak left dense: the corpus README), said so for the version given.
  const SUMMARIES: Record<(typeof VERSIONS)[number], string> = {
    'go1.19': 'A one-off peak, not a leak: one step, snapshots 1→2, allocated 300.2 MiB (99.9% of what the series\' 4 steps allocated, the profiler\'s own left out; no other step more than 264.6 KiB) and raised the heap\'s high-water mark (HeapSys) from 3.7 MiB to 303.0 MiB, while the live heap fell from 300.4 MiB to 593.8 KiB. By snapshot 5, 299.1 MiB of it had gone back to the OS (HeapReleased 1.7 MiB at snapshot 2 → 300.9 MiB; 1.5 MiB idle): HeapSys stays 303.5 MiB, address space the heap keeps, not memory it holds. To lower the peak: main.handleRequest (main.go:30) allocated 306.5 MiB, 99.5% of what the latest dump counts allocated since the process started (the profiler\'s own left out): bound that allocation (its size, or how many are made at once).',
    'go1.21': 'Peak retention, not a leak: one step, snapshots 1→2, allocated 300.2 MiB (99.8% of what the series\' 4 steps allocated, the profiler\'s own left out; no other step more than 234.5 KiB) and raised the heap\'s high-water mark (HeapSys) from 3.7 MiB to 303.1 MiB, while the live heap fell from 300.3 MiB to 509.0 KiB. The heap keeps it (296.0 MiB idle, 6.4 MiB released at snapshot 5). Since go1.21 the background scavenger skips chunks that were dense in the last two GC cycles, and an idle program runs no GC cycles, so this memory can stay for a long time. To lower the peak: main.handleRequest (main.go:30) allocated 314.6 MiB, 100.0% of what the latest dump counts allocated since the process started (the profiler\'s own left out): bound that allocation (its size, or how many are made at once).',
    'go1.23': 'Peak retention, not a leak: one step, snapshots 1→2, allocated 300.2 MiB (99.9% of what the series\' 4 steps allocated, the profiler\'s own left out; no other step more than 229.6 KiB) and raised the heap\'s high-water mark (HeapSys) from 3.7 MiB to 302.5 MiB, while the live heap fell from 300.3 MiB to 532.4 KiB. The heap keeps it (296.1 MiB idle, 6.4 MiB released at snapshot 5). Since go1.21 the background scavenger skips chunks that were dense in the last two GC cycles, and an idle program runs no GC cycles, so this memory can stay for a long time. To lower the peak: main.handleRequest (main.go:30) allocated 297.2 MiB, 100.0% of what the latest dump counts allocated since the process started (the profiler\'s own left out): bound that allocation (its size, or how many are made at once).',
    'go1.26-devel': 'Peak retention, not a leak: one step, snapshots 1→2, allocated 300.2 MiB (99.9% of what the series\' 4 steps allocated, the profiler\'s own left out; no other step more than 241.6 KiB) and raised the heap\'s high-water mark (HeapSys) from 7.7 MiB to 307.1 MiB, while the live heap fell from 300.4 MiB to 570.0 KiB. The heap keeps it (300.1 MiB idle, 6.4 MiB released at snapshot 5). Since go1.21 the background scavenger skips chunks that were dense in the last two GC cycles, and an idle program runs no GC cycles, so this memory can stay for a long time. To lower the peak: main.handleRequest (main.go:30) allocated 312.3 MiB, 99.8% of what the latest dump counts allocated since the process started (the profiler\'s own left out): bound that allocation (its size, or how many are made at once).',
  };
  it.each(VERSIONS)('%s: baseline → peak → release → idle is a peak, not a leak, with the step and the site that made it', (v) => {
    const phases = ['baseline', 'peak', 'after-release', 'after-gc', 'idle'].map((p) => snapshot(`${v}/peak/default.${p}.heap-debug1.txt`, v.slice('go'.length).replace('-devel', '')));
    const report = combineReport(phases);
    expect(report.series?.verdict.kind).toBe('peak-retention');
    expect(report.verdict.leak).toBe('not-suspected');
    expect(report.verdict.summary).toBe(SUMMARIES[v]);
  });
});

describe('one process or not', () => {
  it('rejects dumps whose cumulative counters fall while TotalAlloc rises', () => {
    const a = snapshot('go1.21/seed/routine2.after-wait.heap-debug1.txt');
    const b = snapshot('go1.21/seed/routine1.after-free.heap-debug1.txt');
    expect(() => analyzeSeries([a, b])).toThrow(HeapdocError);
    expect(() => analyzeSeries([a, b])).toThrow("go1.21/seed/routine2.after-wait.heap-debug1.txt and go1.21/seed/routine1.after-free.heap-debug1.txt cannot be snapshots of one process: NumGC falls from 2 to 1 while TotalAlloc rises (2,283,504 → 5,913,408)");
  });

  it('analyzes unrelated dumps separately when asked', () => {
    const report = combineReport([snapshot('go1.21/seed/routine2.after-wait.heap-debug1.txt'), snapshot('go1.21/peak/default.peak.heap-debug1.txt')], [], { separately: true });
    expect(report.series).toBeUndefined();
    expect(report.verdict.leak).toBe('unknown'); // the peak dump alone cannot be judged
  });

  it('gives allocation rates per second with --interval, and the bytes over the GC cycles when fewer than rateMinCycles ran', () => {
    const series = analyzeSeries(leakSnaps('go1.23'), [], { intervalSeconds: 4 });
    const first = series.points[0];
    const last = series.points[4];
    if (!first || !last) throw new Error('points');
    // No site of these profiles is the profiler's: TotalAlloc's rise is the program's.
    expect(series.allocation.profilerBytes).toBe(0);
    // TotalAlloc 4,690,008 → 26,937,640 over NumGC 1 → 4: 3 GC cycles, plain dumps read between GCs, too few for a rate per cycle.
    expect(series.allocation.bytesPerGC).toBeUndefined();
    expect(series.allocation.overGCs).toEqual({ bytes: 22247632, gcs: 3 });
    expect(series.allocation.bytesPerSecond).toBe((last.totalAlloc - first.totalAlloc) / 16);
  });
});

describe('a fall of HeapAlloc read between GCs against the live heap after a forced GC (peakFallWords)', () => {
  it('a live heap after a forced GC no lower than the HeapAlloc peak before it is no fall to it: the fall said is HeapAlloc\'s own', () => {
    // go1.19-audit36/oneoff/series-plain's HeapAlloc, as read when snapshots 1, 2 and 5→7 were taken between GCs: was "HeapAlloc
    // fell from 201.2 MiB at snapshot 2 … to 202.2 MiB at snapshot 4", a fall that rises.
    const live = [1333160, 210926872, 212051616, 212049488, 2326688, 2335448, 2330640];
    const after = [false, false, true, true, false, false, false];
    expect(peakFallWords(live, after, 212051616, '?gc=1')).toBe('HeapAlloc fell from 201.2 MiB at snapshot 2 to 2.2 MiB at snapshot 7, read between GCs (it counts the garbage made since the last GC too; right after a forced GC, ?gc=1, the live heap stayed near 202.2 MiB from snapshot 3 to snapshot 4)');
  });
});

describe('a past peak is not a sawtooth\'s top (pastPeak, MiB)', () => {
  it('tops that come back after falling to half, and the last top with no time left to come back (no higher than the others): no past peak', () => {
    expect(pastPeak([49.5, 15.9, 43.2, 15.9, 47.7, 17.9], undefined)).toBe(0);
    // Within flatShare (10 %) of the highest top that came back (49.5 × 1.1 = 54.45): still a top.
    expect(pastPeak([49.5, 15.9, 43.2, 15.9, 54, 17.9], undefined)).toBe(0);
  });

  it('a reading above the sawtooth\'s tops by more than flatShare is a past peak, recurring or not', () => {
    expect(pastPeak([49.5, 15.9, 43.2, 15.9, 300, 17.9], undefined)).toBe(300);
    expect(pastPeak([49.5, 15.9, 43.2, 15.9, 55, 17.9], undefined)).toBe(55);
  });

  it('no sawtooth (nothing comes back): the highest reading, as before; a reading after a forced GC always counts', () => {
    expect(pastPeak([0.2, 300, 5], undefined)).toBe(300);
    expect(pastPeak([49.5, 15.9, 43.2, 15.9], [false, false, true, false])).toBe(43.2);
  });
});

describe('the profiler\'s own allocations are no churn of the program\'s (profilerAllocated)', () => {
  // go1.19-audit27-burst, moments 2–5: the debug=2 goroutine dump at the peak (4,003 tracebacks)
  // grew its buffer to 60 MiB (runtime/pprof.writeGoroutineStacks); the series read "Churn, not a
  // leak: 22.8 MiB allocated between snapshots" from TotalAlloc, against a live heap of 1.8 MiB.
  const burst = [2, 3, 4, 5].map((m) => {
    const rel = `captured/go1.19-audit27-burst/burst/0${m}.heap.txt`;
    const { dump, diagnostics } = parseHeapDump(readFixture(rel), rel);
    return analyzeSnapshot(rel, heapSnapshot(dump), diagnostics);
  });

  it('moments 2–5: 67,950,196 of the 71,856,576 bytes allocated were the profiler\'s, as the profiles count them', () => {
    const totalAlloc = burst.map((s) => s.stats?.int('TotalAlloc'));
    expect(totalAlloc).toEqual([3718848, 73261344, 74408560, 75575424]);
    expect(profilerAllocated(burst)).toBe(67950196);
    // The program's own: ~1.2 MiB per interval, under ten times the live heap (1.8 MiB): no churn.
    expect(((totalAlloc[3] ?? 0) - (totalAlloc[0] ?? 0) - profilerAllocated(burst)) / 3).toBeCloseTo(1302126.67, 1);
  });

  it('fewer than two profiles: nothing to subtract', () => {
    expect(profilerAllocated(burst.slice(0, 1))).toBe(0);
  });

  it('the series\' allocation rate leaves them out too, and says how much: per GC cycle and per second', () => {
    const series = analyzeSeries(burst, [], { intervalSeconds: 2 });
    expect(series.points.map((p) => p.numGC)).toEqual([3, 4, 5, 6]);
    // (75,575,424 − 3,718,848 − 67,950,196) bytes over 3 GC cycles and 6 s; TotalAlloc's rise alone is 23.4 MiB a cycle.
    // 3 GC cycles are fewer than rateMinCycles, but every dump was read right after a forced GC (NumForcedGC rose at each, HeapAlloc
    // within its small profile's sampling error): each TotalAlloc at a cycle's end, a rate per cycle (forced.ts perCycleRate).
    expect(series.allocation).toEqual({ bytesPerGC: 3906380 / 3, bytesPerSecond: 3906380 / 6, profilerBytes: 67950196 });
    expect(programAllocated(series.points, 67950196)).toBe(3906380);
    expect(programAllocated(series.points.slice(0, 1), 67950196)).toBe(0);
  });

  it('a profiler\'s estimate as large as TotalAlloc\'s rise or larger: the program\'s share cannot be told, no 0 B', () => {
    // 71,856,576 bytes allocated from moment 2 to 5: an estimate of as much or more leaves nothing the program's that can be told.
    const series = analyzeSeries(burst, [], { intervalSeconds: 2 });
    expect(programAllocated(series.points, 71856576)).toBeUndefined();
    expect(programAllocated(series.points, 71856575)).toBe(1);
  });
});
