/**
 * Series verdicts of the audit29a captures (go1.19.8; the programs and dumps in
 * test/fixtures/captured/go1.19-audit29-{finalizer,subslice,blocked}, READMEs there):
 *  - finalizer: plain and ?gc=1 dumps together dropped main.openConn, 94% of the leak: it falls by
 *    4–5 MiB at each forced GC (finalizers run) while it rises ~95 MiB a phase, and a site had to
 *    never fall by more than a sample; the live heap's own rule (a fall under half the average rise
 *    per step is noise) now holds for sites too (trend.ts fallSlack);
 *  - subslice: plain dumps after another capture's ?gc=1 (NumForcedGC rose, 100 MiB allocated
 *    since) were "read right after a forced GC (snapshots 2→5, ?gc=1)"; the heap goal says whether
 *    a dump was (forced.ts goalReading);
 *  - blocked: the headline, leak-suspected and the TUI's Growing sites left out
 *    bufio.NewWriterSize, first in the report's own table (verdict.ts namedLeakSites).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fallSlack, nonDecreasing } from '../../src/analyze/series/trend.js';
import { initialTuiState } from '../../src/tui/state/reducer.js';
import { lineText } from '../../src/tui/view/line.js';
import { buildScreen } from '../../src/tui/view/screen.js';
import { fixtureReport } from '../tui/reports.js';

const C = 'test/fixtures/captured';
const FIN = `${C}/go1.19-audit29-finalizer`;
const SUB = `${C}/go1.19-audit29-subslice`;
const BLK = `${C}/go1.19-audit29-blocked`;
const PHASES = ['01-t1', '02-t2', '03-t3', '04-t4', '05-t5'];
const plain = (dir: string, n = 5): string[] => PHASES.slice(0, n).map((p) => `${dir}/${p}.heap.txt`);
const gc1 = (dir: string, n = 5): string[] => PHASES.slice(0, n).map((p) => `${dir}/${p}.heap-gc1.txt`);

interface Site { function: string; line: number; inuseBytes: number[]; growthBytes: number; monotonic: boolean }
interface Finding { ruleId: string; message: string; evidence?: Record<string, unknown> }
interface Report {
  verdict: { leak: string; summary: string };
  findings: Finding[];
  series: { verdict: { kind: string; confidence: string }; growingSites: Site[]; betweenGCs?: number[] };
}

async function analyze(files: string[]): Promise<Report> {
  const r = await runCli([...files, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

const sites = (report: Report): [string, number, number][] => report.series.growingSites.map((s) => [s.function, s.line, s.growthBytes]);
const leakMessage = (report: Report): string | undefined => report.findings.find((f) => f.ruleId === 'leak-suspected')?.message;

describe('a growing site that dips at each forced GC (finalizer, plain and ?gc=1 dumps together)', () => {
  // One live reading per moment, its ?gc=1 dump's (forced.ts gcOneOfItsMoment): the plain dumps, each of a ?gc=1 dump's moment,
  // are read between GCs, and the verdict rests on the five ?gc=1 readings, as those dumps alone give it. Was "medium" on all ten
  // readings ("rising at 4 of 9 steps: its 5 falls … are under half its average rise per step"), main.openConn 95.7 → 459.6 MiB.
  it('main.openConn is growing across the ?gc=1 readings of the moments; the plain dumps are named apart', async () => {
    const report = await analyze([...plain(FIN), ...gc1(FIN)]);
    const openConn = report.series.growingSites[0];
    expect(openConn?.inuseBytes.map((b) => (b / 1048576).toFixed(1))).toEqual(['91.0', '177.1', '268.6', '364.9', '459.6']);
    expect(sites(report)).toEqual([['main.openConn', 23, 386512773], ['main.newPair', 37, 20808762], ['main.newPair', 36, 17073856]]);
    expect(report.series.verdict.confidence).toBe('high');
    expect(report.verdict.summary).toBe('Leak suspected (high confidence): live heap 98.8 MiB → 495.1 MiB across the 5 GC-separated snapshots read right after a forced GC (snapshots 2→10, ?gc=1), and 104.2 MiB to 499.6 MiB at snapshots 1, 3, 5, 7 and 9, read between GCs (their HeapAlloc counts the garbage made since the last GC); growing sites: main.openConn +368.6 MiB, main.newPair (main.go:37) +19.8 MiB, main.newPair (main.go:36) +16.3 MiB.');
    expect(leakMessage(report)).toBe('Leak suspected (high confidence) across 10 snapshots, 01-t1.heap.txt → 05-t5.heap-gc1.txt: live heap 98.8 MiB → 495.1 MiB across the 5 GC-separated snapshots read right after a forced GC (snapshots 2→10, ?gc=1), and 104.2 MiB to 499.6 MiB at snapshots 1, 3, 5, 7 and 9, read between GCs (their HeapAlloc counts the garbage made since the last GC); growing main.openConn 91.0 MiB → 459.6 MiB, main.newPair (main.go:37) 4.6 MiB → 24.4 MiB, main.newPair (main.go:36) 5.6 MiB → 21.9 MiB.');
  });

  it('the ?gc=1 dumps alone still say main.openConn +368.6 MiB at high confidence', async () => {
    const report = await analyze(gc1(FIN));
    expect(report.verdict.summary).toBe('Leak suspected (high confidence): live heap 98.8 MiB → 495.1 MiB across 5 GC-separated snapshots (snapshots 1→5); growing sites: main.openConn +368.6 MiB, main.newPair (main.go:37) +19.8 MiB, main.newPair (main.go:36) +16.3 MiB.');
  });

  it('one rule for the live heap and a site: a fall of half the average rise per step or more is a fall, noise below it', () => {
    const MiB = 1048576;
    const openConn = [95.7, 91.0, 182.4, 177.1, 273.9, 268.6, 369.1, 364.9, 462.8, 459.6].map((v) => v * MiB);
    expect(fallSlack(openConn).map((s) => Math.round(s))).toEqual([0, ...Array<number>(9).fill(Math.round((459.6 - 95.7) * MiB / 9 / 2))]);
    expect(nonDecreasing(openConn, fallSlack(openConn))).toBe(true);
    // A sawtooth that ends higher (+4 MiB a step on average, falls of 5 MiB) and a flat site that moves are not growing.
    const sawtooth = [10, 20, 15, 25, 20, 30].map((v) => v * MiB);
    expect(nonDecreasing(sawtooth, fallSlack(sawtooth))).toBe(false);
    const moving = [10, 10.4, 10.1, 11.2].map((v) => v * MiB);
    expect(nonDecreasing(moving, fallSlack(moving))).toBe(false);
    // A sampled site's slack adds one sample to it (64 KiB objects, ~544 KiB a sample): half of (2 MiB − 500 KiB) / 2, plus 544 KiB.
    expect(fallSlack([0, 2 * MiB, 2 * MiB - 500 * 1024], [0, 544 * 1024, 544 * 1024])).toEqual([0, 396288 + 544 * 1024, 396288 + 544 * 1024]);
    // A series that did not rise gets no slack beyond the samples'.
    expect(fallSlack([3, 2, 1])).toEqual([0, 0, 0]);
  });
});

describe('plain dumps after another capture\'s ?gc=1 are not "read right after a forced GC" (subslice)', () => {
  it('NumForcedGC rose, but the heap goal says 100 MiB were allocated since: no ?gc=1 claimed', async () => {
    const report = await analyze(plain(SUB));
    expect(report.verdict.summary).toBe('Leak suspected (high confidence): live heap as of each snapshot\'s last GC (NextGC ÷ 2 at GOGC=100) 69.5 MiB → 322.3 MiB across 5 snapshots taken at different GCs (snapshots 1→5), rising at 3 of 4 steps; HeapAlloc, read between GCs, went 83.4 MiB → 418.8 MiB; growing sites: main.readBody +229.0 MiB, main.loadDoc +67.2 MiB.');
    expect(report.series.betweenGCs).toBeUndefined();
    const text = await runCli(plain(SUB));
    expect(text.stdout).not.toContain('?gc=1');
  });

  it('the same program\'s genuine ?gc=1 dumps beside a plain one keep their words; the sites grow across their profiles', async () => {
    const report = await analyze([`${SUB}/01-t1.heap.txt`, ...gc1(SUB).slice(1)]);
    // The sites were +289.1 and +81.3 MiB from the plain dump's profile: 370 MiB beside the live heap's +241.5 MiB compared.
    expect(report.verdict.summary).toBe('Leak suspected (high confidence): live heap 161.2 MiB → 402.7 MiB across the 4 GC-separated snapshots read right after a forced GC (snapshots 2→5, ?gc=1), and 83.4 MiB at snapshot 1, read between GCs (its HeapAlloc counts the garbage made since the last GC); growing sites: main.readBody +189.7 MiB, main.loadDoc +50.6 MiB.');
    expect(report.series.betweenGCs).toEqual([0]);
  });
});

describe('the leak names the growing sites of its own table, in its order (blocked)', () => {
  // runtime.malg's +1.5 MiB rests on 1 → 4 samples: rough in the headline (basis.ts roughEstimateNote).
  const WORDS = 'growing sites: bufio.NewWriterSize +7.0 MiB, bufio.NewReaderSize +6.5 MiB, runtime.malg +1.5 MiB (rough: 1 → 4 samples)';

  it('headline, table and leak-suspected: bufio.NewWriterSize first', async () => {
    const report = await analyze(gc1(BLK, 4));
    expect(sites(report)).toEqual([['bufio.NewWriterSize', 593, 7367714], ['bufio.NewReaderSize', 57, 6842403], ['runtime.malg', 4076, 1573488]]);
    expect(report.verdict.summary).toBe(`Leak suspected (high confidence): live heap 5.1 MiB → 19.8 MiB across 4 GC-separated snapshots (snapshots 1→4); ${WORDS}; goroutine stacks (StackInuse) 4.3 MiB → 15.9 MiB across 4 snapshots.`);
    expect(leakMessage(report)).toBe('Leak suspected (high confidence) across 4 snapshots, 01-t1.heap-gc1.txt → 04-t4.heap-gc1.txt: live heap 5.1 MiB → 19.8 MiB over 4 GC-separated snapshots; growing bufio.NewWriterSize 2.0 MiB → 9.0 MiB, bufio.NewReaderSize 2.5 MiB → 9.0 MiB, runtime.malg 512.2 KiB → 2.0 MiB; goroutine stacks (StackInuse) 4.3 MiB → 15.9 MiB across 4 snapshots.');
    expect(report.findings.find((f) => f.ruleId === 'leak-suspected')?.evidence?.topSite).toBe('bufio.NewWriterSize');
  });

  it('the TUI\'s Growing sites list the same three, in the same order', () => {
    const report = fixtureReport(gc1('captured/go1.19-audit29-blocked', 4));
    const lines = buildScreen({ report, width: 100, height: 40 }, initialTuiState()).lines.map(lineText);
    const at = lines.indexOf('Growing sites · Enter: their stacks');
    expect(lines.slice(at + 1, at + 4).map((l) => l.trim())).toEqual(['›    +7.0 MiB bufio.NewWriterSize', '+6.5 MiB bufio.NewReaderSize', '+1.5 MiB runtime.malg']);
  });
});
