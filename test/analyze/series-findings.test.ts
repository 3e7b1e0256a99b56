/**
 * The series rules as a pure function of a series analysis (what lint reports and the TUI can
 * show), on the captured goroutine-leak scenario; and the summaries lint's worker threads send,
 * which must rebuild the same series after a structured clone.
 */
import { describe, expect, it } from 'vitest';
import { summarizeGoroutineProfile } from '../../src/analyze/goroutines/index.js';
import { configureRule, findRule } from '../../src/analyze/rules/index.js';
import { seriesFindings, seriesRuleFacts } from '../../src/analyze/rules/series.js';
import { analyzeSeries } from '../../src/analyze/series/index.js';
import { ringAgreement } from '../../src/analyze/series/gcring.js';
import { flattenIdentity, identityOf, unflattenIdentity } from '../../src/analyze/series/identity.js';
import { analyzeSnapshot, type SnapshotAnalysis } from '../../src/analyze/snapshot.js';
import { gcTraceRuleFacts } from '../../src/exposition/gctrace.js';
import { parseGcTrace } from '../../src/grammar/gctrace/index.js';
import { parseGoroutineProfile } from '../../src/grammar/goroutine/index.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { rebuildSnapshot, summarizeSnapshot } from '../../src/lint/series.js';
import { readFixture } from '../helpers/fixtures.js';
import { heapSnapshot } from '../../src/input/snapshot.js';

const PHASES = ['01-t1', '02-t2', '03-t3', '04-t4', '05-t5', '06-t6'];
const rel = (scenario: string, phase: string, kind: string): string => `scenarios/${scenario}/${phase}.${kind}-debug1.txt`;

function snapshot(path: string): SnapshotAnalysis {
  const { dump, diagnostics } = parseHeapDump(readFixture(path), path);
  return analyzeSnapshot(path, heapSnapshot(dump), diagnostics);
}
const heaps = (scenario: string, phases = PHASES): SnapshotAnalysis[] => phases.map((p) => snapshot(rel(scenario, p, 'heap')));
const goroutines = PHASES.map((p) => rel('goroutine-leak', p, 'goroutine')).map((path) => summarizeGoroutineProfile(parseGoroutineProfile(readFixture(path), path).profile, path));

describe('seriesFindings', () => {
  it('goroutine-leak: leak-suspected at the last heap dump, naming the growing group (goroutine-growth does not say it again); with a budget, heap-growth too', () => {
    const series = analyzeSeries(heaps('goroutine-leak'), goroutines);
    const found = seriesFindings(series, goroutines);
    // The group is the leak's evidence: one finding, not leak-suspected and goroutine-growth both (groupsSaidOnce).
    expect(found.map((f) => `${f.source} ${f.ruleId} ${f.severity}`)).toEqual(['scenarios/goroutine-leak/06-t6.heap-debug1.txt leak-suspected error']);
    expect(found[0]?.message).toContain('goroutines main.waitForReply 400 → 2,400');
    expect(found[0]?.evidence).toMatchObject({ topGroup: 'main.waitForReply', topGroupGrowth: 2000 });
    // leak-suspected off: goroutine-growth says the groups.
    const growthOnly = seriesFindings(series, goroutines, [configureRule(findRule('goroutine-growth') ?? leakRuleMissing())]);
    expect(growthOnly.map((f) => `${f.source} ${f.ruleId} ${f.severity}`)).toEqual(['scenarios/goroutine-leak/06-t6.goroutine-debug1.txt goroutine-growth warning']);
    expect(growthOnly[0]?.evidence).toEqual({ dumps: 6, group: 'main.waitForReply', groupFirst: 400, groupLast: 2400, firstTotal: 404, lastTotal: 2404 });
    const budget = findRule('heap-growth');
    if (!budget) throw new Error('no heap-growth');
    // 471,104 → 1,623,376 bytes over NumGC 1 → 9: 144,034 bytes per GC first to last; the trend of every point, 139,802.
    const [growth] = seriesFindings(series, goroutines, [configureRule(budget, { perGC: 100_000 })]);
    expect(growth?.evidence).toMatchObject({ firstLiveBytes: 471_104, lastLiveBytes: 1_623_376, gcCycles: 8, bytesPerGC: 139_802, firstLastBytesPerGC: 144_034, limitPerGC: 100_000 });
    expect(seriesFindings(series, goroutines, [configureRule(budget, { perGC: 150_000 })])).toEqual([]);
  });

  it('churn: no finding (not a leak)', () => {
    expect(seriesFindings(analyzeSeries(heaps('churn', PHASES.slice(0, 5))), [])).toEqual([]);
  });

  it('the live heap points are one per GC cycle, the first snapshot after it', () => {
    const facts = seriesRuleFacts(analyzeSeries(heaps('heap-leak')), []);
    expect(facts.live.map((p) => [p.numGC, p.bytes])).toEqual([[49, 4_485_008], [74, 8_751_496], [90, 12_953_432], [100, 17_210_288], [109, 21_399_448], [116, 25_601_592]]);
  });
});

function leakRuleMissing(): never {
  throw new Error('no goroutine-growth');
}

describe('the summaries lint sends between threads', () => {
  it('survive a structured clone and rebuild the same series (MemStats is a class: only its fields cross)', () => {
    const snapshots = heaps('heap-leak');
    const cloned = snapshots.map((s) => structuredClone(summarizeSnapshot(s)));
    const rebuilt = cloned.map((s) => {
      if (!s) throw new Error('no summary');
      return rebuildSnapshot(s);
    });
    expect(rebuilt[5]?.stats?.int('HeapAlloc')).toBe(25_601_592);
    const direct = analyzeSeries(snapshots);
    const again = analyzeSeries(rebuilt);
    expect(again.verdict).toEqual(direct.verdict);
    expect(again.growingSites).toEqual(direct.growingSites);
    expect(seriesFindings(again, [])).toEqual(seriesFindings(direct, []));
  });

  it('keep of the rings only the entries of the GC cycles a dump holds, as uint64s: the one-process check reads the same after a clone', () => {
    const [first, second] = heaps('heap-leak', ['01-t1', '02-t2']);
    if (!first?.stats || !second?.stats) throw new Error('no MemStats');
    const summary = summarizeSnapshot(first);
    // NumGC 49: 49 ends and 49 pauses (16 bytes a cycle), not 512 BigInts.
    expect([summary?.gcRing?.ends.length, summary?.gcRing?.pauses?.length]).toEqual([49, 49]);
    expect(summary?.gcRing?.ends[48]).toBe(first.stats.array('PauseEnd')?.[48]);
    const cloned = structuredClone(summary) as NonNullable<typeof summary>;
    const rebuilt = rebuildSnapshot(cloned).stats;
    // Beside the fields, 256 uint64s each, as the dump has them.
    expect(rebuilt?.array('PauseEnd')).toBeUndefined();
    expect(Array.from(rebuilt?.ring('PauseEnd') ?? [])).toEqual(first.stats.array('PauseEnd'));
    expect(Array.from(rebuilt?.ring('PauseNs') ?? [])).toEqual(first.stats.array('PauseNs'));
    const later = rebuildSnapshot(summarizeSnapshot(second) as NonNullable<typeof summary>).stats;
    expect(ringAgreement(rebuilt, later)).toEqual(ringAgreement(first.stats, second.stats));
    expect(ringAgreement(rebuilt, later)).toEqual({ kind: 'agree', cycle: 49 });
  });

  it('keep the MemStats fields that are one value, not the 256-entry PauseNs and PauseEnd rings', () => {
    const [first] = heaps('heap-leak');
    if (!first?.stats) throw new Error('no MemStats');
    const summary = summarizeSnapshot(first);
    const names = (summary?.fields ?? []).filter((_v, i) => i % 2 === 0);
    expect(first.stats.array('PauseNs')).toHaveLength(256);
    expect(names).not.toContain('PauseNs');
    expect(names).not.toContain('PauseEnd');
    expect(names).toHaveLength(first.stats.fields.size - 2);
    expect(summary?.fields.some(Array.isArray)).toBe(false);
    expect(rebuildSnapshot(summary as NonNullable<typeof summary>).stats?.int('NumGC')).toBe(49);
  });

  it('carry the binary identity as flat lists of strings, rebuilt with its Maps in the same order', () => {
    const identity = identityOf([
      { frames: [{ address: '0x2', function: 'main.b', file: '/src/main.go', line: 9 }, { address: '0x1', function: 'main.a', file: '/src/main.go', line: 3 }] },
      { frames: [{ address: '0x2', function: 'main.inlined', file: '/src/x.go', line: 4 }, { address: '0x3', function: 'runtime.main', file: '/go/proc.go', line: 250 }] },
    ]);
    const flat = flattenIdentity(identity);
    expect(flat).toEqual({
      pcs: ['0x2', 'main.b', '/src/main.go:9', '0x2', 'main.inlined', '/src/x.go:4', '0x1', 'main.a', '/src/main.go:3', '0x3', 'runtime.main', '/go/proc.go:250'],
      files: ['main.b', '/src/main.go', 'main.a', '/src/main.go', 'main.inlined', '/src/x.go', 'runtime.main', '/go/proc.go'],
      mainDirs: ['/src'],
    });
    const rebuilt = unflattenIdentity(structuredClone(flat));
    expect([...rebuilt.pcs].map(([pc, fns]) => [pc, [...fns]])).toEqual([...identity.pcs].map(([pc, fns]) => [pc, [...fns]]));
    expect([...rebuilt.files]).toEqual([...identity.files]);
    expect([...rebuilt.mainDirs]).toEqual(['/src']);
    const summary = summarizeSnapshot(heaps('heap-leak')[0] as SnapshotAnalysis);
    expect(summary?.fields.slice(0, 4)).toEqual(['Alloc', 4_485_008n, 'TotalAlloc', 139_012_136n]);
  });
});

describe('a gctrace log as a series', () => {
  it('heap-leak: a point per GC cycle of the last run, in bytes and ms', () => {
    const { log } = parseGcTrace(readFixture('scenarios/heap-leak/gctrace.log'), 'gctrace.log');
    const facts = gcTraceRuleFacts(log, 'gctrace.log');
    expect(facts.verdict.leak).toBe('suspected');
    expect(facts.live).toHaveLength(116);
    expect(facts.live[115]).toMatchObject({ source: 'gctrace.log', bytes: 24 * 1024 * 1024, numGC: 116 });
  });
});
