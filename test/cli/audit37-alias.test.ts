/**
 * Series verdicts on real go1.19.8 programs captured for an audit (test/fixtures/captured/
 * go1.19-audit37, README.md there; each folder's README.txt and main.go say how and what). A
 * sawtooth sampled once a cycle (aliased into a staircase) was "Leak suspected (high confidence)";
 * a churning heap under GOGC=25 was "Cannot tell yet" from goroutine stacks +64 KiB beside a
 * HeapObjects that did not rise, then from HeapAlloc's rise within one GC cycle's room; under
 * GOGC=400 the table's row was `live` beside words that said HeapAlloc, and under GOGC=100 the words said
 * "live heap stays near 5.5 MiB" of the same HeapAlloc read between GCs. Real leaks under churn stay
 * "Leak suspected".
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { combineReport } from '../../src/analyze/combine.js';
import { analyzeSnapshot } from '../../src/analyze/snapshot.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { heapSnapshot } from '../../src/input/snapshot.js';
import { seriesView } from '../../src/tui/model/series.js';
import { runCli } from '../helpers/cli.js';

const A = 'test/fixtures/captured/go1.19-audit37';
const dumps = (set: string, names: string[]): string[] => names.map((n) => `${A}/${set}/${n}`);
const numbered = (set: string, n: number, pad = false): string[] => dumps(set, Array.from({ length: n }, (_, i) => `heap-${pad ? String(i + 1).padStart(2, '0') : i + 1}.txt`));

interface Verdict { kind: string; leak: string; confidence: string; summary: string; evidence: { kind: string }[]; readBetweenGCs?: unknown }
interface Finding { ruleId: string; message: string; why: string; fix: string }
async function analyze(args: string[]): Promise<{ verdict: Verdict; findings: Finding[] }> {
  const r = await runCli(['analyze', ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  const d = JSON.parse(r.stdout) as { series: { verdict: Verdict }; findings: Finding[] };
  return { verdict: d.series.verdict, findings: d.findings };
}
const shape = (v: Verdict): unknown => ({ kind: v.kind, leak: v.leak, confidence: v.confidence, evidence: v.evidence.map((e) => e.kind) });

describe('a sawtooth (a cache of 4, 8, 12, 16 MiB emptied every 5th step) sampled at steps 1, 7, 13, 19', () => {
  const ALIASED = dumps('sawtooth-aliased', ['heap-gc1-step01.txt', 'heap-gc1-step07.txt', 'heap-gc1-step13.txt', 'heap-gc1-step19.txt']);
  const DOUBT = "Low confidence: the heap reached 19.7 MiB (HeapSys, its high-water mark) between snapshots 1 and 2 and grew no higher since, above the live heap at every later snapshot (16.2 MiB at most): a leak's heap needs more room as it grows, and this one rose back under a level it had already reached, so the samples may alias a periodic pattern (a cache filled and emptied between them); sample more often.";

  it('live 4.2 → 16.2 MiB under a HeapSys of 19.7 MiB reached by snapshot 2: low confidence, naming the past peak (was high)', async () => {
    const { verdict, findings } = await analyze(ALIASED);
    expect(shape(verdict)).toEqual({ kind: 'leak', leak: 'suspected', confidence: 'low', evidence: ['live-heap'] });
    expect(verdict.summary).toBe(`Leak suspected (low confidence): live heap 4.2 MiB → 16.2 MiB across 4 GC-separated snapshots (snapshots 1→4). ${DOUBT}`);
    const leak = findings.find((f) => f.ruleId === 'leak-suspected');
    expect(leak?.message).toBe('Leak suspected (low confidence) across 4 snapshots, heap-gc1-step01.txt → heap-gc1-step19.txt: live heap 4.2 MiB → 16.2 MiB over 4 GC-separated snapshots.');
    // The doubt replaces the generic confidence reason (no "Medium confidence: …" beside "Low confidence: …").
    expect(leak?.why.endsWith(DOUBT)).toBe(true);
    expect(leak?.why).not.toContain('Medium confidence');
    expect(leak?.why).not.toContain('High confidence');
    // main.fill grew 3,904,169 → 15,616,677 bytes, then held from the third (14,501,200): no "No allocation site grew".
    expect(leak?.fix).toBe("A map or slice that is never pruned, a cache without a bound, or goroutines blocked forever are the usual causes. No allocation site kept growing: main.fill 3.7 MiB → 14.9 MiB, then held. Dumps taken once per cycle of a program that fills and empties its memory read the cycle as growth: take them more often than that cycle (several within one) and over a longer time — a site that leaks rises at each, one the cycle empties falls back. heapdoc tui on these files opens each growing site's stacks; --format json has every site's (.snapshots[].profile.sites[].stack) and goroutine group's (.goroutines[].groups[].stack).");
  });

  it('the same dumps from the second on (HeapSys 19.7 MiB at each): no mark set between them, so no doubt of this kind (medium: three readings)', async () => {
    const { verdict } = await analyze(ALIASED.slice(1));
    expect(shape(verdict)).toEqual({ kind: 'leak', leak: 'suspected', confidence: 'medium', evidence: ['live-heap'] });
    expect(verdict.summary).toBe('Leak suspected (medium confidence): live heap 8.2 MiB → 16.2 MiB across 3 GC-separated snapshots (snapshots 1→3).');
  });
});

describe('real leaks (a global map) under heavy churn stay "Leak suspected"', () => {
  it('creep, nine plain dumps: high confidence from main.remember', async () => {
    const { verdict } = await analyze(numbered('creep/plain', 9, true));
    expect(shape(verdict)).toEqual({ kind: 'leak', leak: 'suspected', confidence: 'high', evidence: ['live-heap', 'sites'] });
    expect(verdict.summary).toBe("Leak suspected (high confidence): live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) 20.2 MiB → 90.3 MiB across 9 snapshots taken at different GCs (snapshots 1→9), rising at 6 of 8 steps; HeapAlloc, read between GCs, went 37.5 MiB → 137.2 MiB; growing sites: main.remember +61.1 MiB.");
  });

  it('creepslow, ten plain dumps (HeapSys 71.7 MiB from snapshot 2 to 7): medium confidence from main.remember', async () => {
    const { verdict } = await analyze(numbered('creepslow-plain', 10, true));
    expect(shape(verdict)).toEqual({ kind: 'leak', leak: 'suspected', confidence: 'medium', evidence: ['sites'] });
    expect(verdict.summary).toBe('Leak suspected (medium confidence): growing sites: main.remember +7.2 MiB.');
  });
});

describe('the cgo program (C memory outside the Go heap, Go garbage only), six plain dumps', () => {
  const NOTE = 'HeapAlloc was read between GCs: the heap between collections, live plus garbage not yet collected, not the live heap; each of the 6 heap dumps at snapshots taken at different GCs was read between GCs, none right after a forced GC; ';
  const GC1 = 'A dump taken between GCs counts the garbage made since the last one in HeapAlloc: add ?gc=1 to the heap URL so that each snapshot follows a GC.';

  it('GOGC=25: HeapAlloc 4.4 → 5.3 MiB, a spread of 899.3 KiB within the 1.0 MiB allocated per GC under NextGC 5.4–5.5 MiB, is churn (was "Cannot tell yet … by less than 1.0 MiB")', async () => {
    const { verdict, findings } = await analyze(numbered('cgo-gogc25', 6));
    expect(shape(verdict)).toEqual({ kind: 'churn', leak: 'not-suspected', confidence: 'low', evidence: [] });
    expect(verdict.summary).toBe(`Churn, not a leak: 69.0 MiB allocated a step on average (345.1 MiB over 5 steps between snapshots) while HeapAlloc, read between GCs, moves between 4.4 MiB and 5.3 MiB across 6 GC-separated snapshots (snapshots 1→6) without rising steadily, with no site or goroutine group growing steadily: its spread, 899.3 KiB, is within the 1.0 MiB allocated per GC cycle (TotalAlloc's rise over the 336 GCs the runtime started), the height of the GC's sawtooth, under a heap goal that held (NextGC 5.4 MiB–5.5 MiB), which a live heap that grew would have raised; the Go heap's cost is GC work. ${GC1} The snapshots count only what Go holds: memory from cgo, syscall.Mmap or mmap-ed files is in no MemStats field; if the process's RSS (VmRSS in /proc/PID/status) is well above the 16.7 MiB Go holds or grew across them, give it with --rss FILE (a VmRSS line per snapshot) to see how much is outside the Go heap.`);
    // (475,842,488 − 113,450,504) bytes over 440 − 104 GCs; NextGC 5,672,304 at the first snapshot, 5,757,424 at the fourth.
    expect(verdict.readBetweenGCs).toEqual({ room: { lowNextGCBytes: 5672304, highNextGCBytes: 5757424, perGCBytes: 1078548, gcs: 336 }, plainDumps: 6 });
    expect(findings.map((f) => f.ruleId)).not.toContain('leak-suspected');
  });

  it('GOGC=25: the table\'s row is HeapAlloc, with the note that says why, in text and Markdown', async () => {
    const note = `${NOTE}it moved within the 1.0 MiB allocated per GC cycle, under a heap goal that held (NextGC 5.4 MiB–5.5 MiB).`;
    const out = (await runCli(['analyze', ...numbered('cgo-gogc25', 6)])).stdout.split('\n');
    expect(out).toContain('  HeapAlloc     4.4 MiB → 5.1 MiB → 4.4 MiB → 4.7 MiB → 4.7 MiB → 5.3 MiB');
    expect(out).toContain(`  ${note}`);
    const md = (await runCli(['analyze', ...numbered('cgo-gogc25', 6), '--format', 'markdown'])).stdout.split('\n');
    expect(md).toContain('| HeapAlloc | 4.4 MiB → 5.1 MiB → 4.4 MiB → 4.7 MiB → 4.7 MiB → 5.3 MiB |');
    expect(md).toContain(note);
  });

  it('GOGC=400: HeapAlloc up to 19.4 MiB (~4.5 MiB live in its gctrace), read between GCs (snapshot 5\'s profile had 6.6 MiB in use) within the 16.4 MiB allocated per GC: churn against its lowest reading, 5.0 MiB (was "No leak evidence")', async () => {
    const { verdict } = await analyze(numbered('cgo-gogc400', 6));
    expect(shape(verdict)).toEqual({ kind: 'churn', leak: 'not-suspected', confidence: 'low', evidence: [] });
    expect(verdict.summary).toBe(`Churn, not a leak: 65.3 MiB allocated a step on average (326.7 MiB over 5 steps between snapshots) while HeapAlloc, read between GCs, moves between 5.0 MiB and 19.4 MiB across 6 GC-separated snapshots (snapshots 1→6) without rising steadily, with no site or goroutine group growing steadily: its spread, 14.4 MiB, is within the 16.4 MiB allocated per GC cycle (TotalAlloc's rise over the 20 GCs the runtime started), the height of the GC's sawtooth, under a heap goal that held (NextGC 22.4 MiB–23.6 MiB), which a live heap that grew would have raised; the Go heap's cost is GC work. ${GC1}`);
    expect(verdict.readBetweenGCs).toEqual({ profileInUseBytes: 6901038, snapshot: 5, room: { lowNextGCBytes: 23464032, highNextGCBytes: 24789672, perGCBytes: 17156541, gcs: 20 }, plainDumps: 6 });
  });

  it('GOGC=400: the table\'s row follows the words, HeapAlloc (was live), in text, Markdown and the TUI\'s Series pane', async () => {
    const note = `${NOTE}the heap profile, as of snapshot 5's last GC, had 6.6 MiB in use; it moved within the 16.4 MiB allocated per GC cycle, under a heap goal that held (NextGC 22.4 MiB–23.6 MiB).`;
    const out = (await runCli(['analyze', ...numbered('cgo-gogc400', 6)])).stdout.split('\n');
    expect(out).toContain('  HeapAlloc     10.0 MiB → 9.2 MiB → 5.0 MiB → 6.4 MiB → 19.4 MiB → 8.0 MiB');
    expect(out).toContain(`  ${note}`);
    const md = (await runCli(['analyze', ...numbered('cgo-gogc400', 6), '--format', 'markdown'])).stdout.split('\n');
    expect(md).toContain('| HeapAlloc | 10.0 MiB → 9.2 MiB → 5.0 MiB → 6.4 MiB → 19.4 MiB → 8.0 MiB |');
    expect(md).toContain(note);
    const view = seriesView(combineReport(numbered('cgo-gogc400', 6).map((path) => {
      const { dump, diagnostics } = parseHeapDump(readFileSync(path, 'utf8'), path);
      return analyzeSnapshot(path, heapSnapshot(dump), diagnostics);
    })));
    expect(view?.rows[0]).toMatchObject({ name: 'live', label: 'HeapAlloc' });
    expect(view?.note).toBe(note);
  });

  it('GOGC=100: churn, as its gctrace says, said of HeapAlloc read between GCs within the 4.3 MiB allocated per GC, as GOGC=25 and 400 are (was "live heap stays near 5.5 MiB")', async () => {
    const { verdict } = await analyze(numbered('cgo-gogc100', 6));
    expect(shape(verdict)).toEqual({ kind: 'churn', leak: 'not-suspected', confidence: 'medium', evidence: [] });
    expect(verdict.summary).toBe(`Churn, not a leak: 78.5 MiB allocated a step on average (392.4 MiB over 5 steps between snapshots) while HeapAlloc, read between GCs, moves between 4.6 MiB and 8.1 MiB across 6 GC-separated snapshots (snapshots 1→6) without rising steadily, with no site or goroutine group growing steadily: its spread, 3.5 MiB, is within the 4.3 MiB allocated per GC cycle (TotalAlloc's rise over the 91 GCs the runtime started), the height of the GC's sawtooth, under a heap goal that held (NextGC 8.8 MiB), which a live heap that grew would have raised; the Go heap's cost is GC work. ${GC1} The snapshots count only what Go holds: memory from cgo, syscall.Mmap or mmap-ed files is in no MemStats field; if the process's RSS (VmRSS in /proc/PID/status) is well above the 19.7 MiB Go holds or grew across them, give it with --rss FILE (a VmRSS line per snapshot) to see how much is outside the Go heap.`);
    // (546,405,976 − 134,946,568) bytes over 125 − 34 GCs; NextGC 9,230,240 at the first snapshot, 9,237,216 at the latest.
    // The latest profile's in-use, as of its last GC, beside the room (midcycle44: one readMidCycle for one dump, series and diff).
    expect(verdict.readBetweenGCs).toEqual({ profileInUseBytes: 4243967, snapshot: 6, room: { lowNextGCBytes: 9230240, highNextGCBytes: 9237216, perGCBytes: 4521532, gcs: 91 }, plainDumps: 6 });
  });

  it('GOGC=100: the table\'s row is HeapAlloc (was live), with the note', async () => {
    const out = (await runCli(['analyze', ...numbered('cgo-gogc100', 6)])).stdout.split('\n');
    expect(out).toContain('  HeapAlloc     6.0 MiB → 4.6 MiB → 7.2 MiB → 7.9 MiB → 8.1 MiB → 5.5 MiB');
    expect(out).toContain(`  ${NOTE}the heap profile, as of snapshot 6's last GC, had 4.0 MiB in use; it moved within the 4.3 MiB allocated per GC cycle, under a heap goal that held (NextGC 8.8 MiB).`);
  });
});
