/**
 * A program's own forced GCs (audit 46 #2, #11), on the captured go1.19-audit46-freeosleak: a 1 MiB/s
 * leak at main.leak (main.go:20), 10 MiB/s of garbage, and debug.FreeOSMemory every 5 s (main.go:37);
 * the capture fetched plain/, vars/ and gc1/ (?gc=1) at t = 6, 16, … 68 s, each moment ~0.4 s after
 * the program's forced GC (README.md).
 *
 * #2: the whole folder was "Leak suspected (medium confidence): growing sites: main.leak +66.4 MiB."
 * with no live-heap trend, where gc1/, plain/, vars/ and the GC log each say high: the plain dumps
 * (NextGC 1.74–1.88 times HeapAlloc, ~3–4 MiB of garbage since the program's GC) counted as read
 * right after a forced GC beside the ?gc=1 dumps of the same moments, and the readings zigzagged.
 * One moment now gives the live heap one reading, its ?gc=1 dump's (forced.ts gcOneOfItsMoment).
 * #11: its 13 FreeOSMemory GCs were only "(not counting 20 forced)".
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { reportJson, reportLines, runCli } from '../helpers/cli.js';
import { parseGcTrace } from '../../src/grammar/gctrace/index.js';
import { analyzeGcTrace } from '../../src/exposition/gctrace.js';
import { forcedTimer } from '../../src/exposition/forcedgcs.js';

const F = 'test/fixtures/captured/go1.19-audit46-freeosleak';
const HIGH = 'Leak suspected (high confidence): live heap 6.4 MiB → 68.0 MiB across the 7 GC-separated snapshots read right after a forced GC';
const PROGRAM = '13 GCs forced by the program itself, every ~5.0 s (gc 16 @5.0 s → gc 55 @65.1 s: runtime.GC or debug.FreeOSMemory), apart from the ?gc=1 captures\' 7.';
const LEAK_TAIL = ' A forced GC frees only what nothing reaches, and debug.FreeOSMemory returns only idle memory: neither stops the leak.';

interface Timer { count: number; periodSeconds: number; first: { cycle: number; atSeconds: number }; last: { cycle: number; atSeconds: number }; gcOneCaptures?: number }
interface Report {
  verdict: { summary: string };
  series: { verdict: { confidence: string }; growingSites: { function: string; line: number }[] };
  gcTraces: { forcedCycles: number; forcedGcs: { cycle: number; atSeconds: number }[]; forcedTimer?: Timer }[];
}

describe.concurrent('freeosleak: plain and ?gc=1 dumps of the same moments (#2)', () => {
  it('the whole folder: high confidence on the live heap of the 7 ?gc=1 readings, the plain dumps and vars named apart', async () => {
    const lines = await reportLines([F, '--color=never']);
    expect(lines[0]).toBe(`${HIGH} (snapshots 3→21, ?gc=1), and 6.7 MiB to 90.7 MiB at snapshots 1, 2, 4, 5, 7, 8 and 8 more, read between GCs (their HeapAlloc counts the garbage made since the last GC); growing sites: main.leak +66.4 MiB.`);
    expect(lines).toContain('  Snapshots 1, 2, 4, 5, 7, 8 and 8 more were read between GCs, the others right after a forced GC (?gc=1): their HeapAlloc counts the garbage made since the last GC; right after a GC it is the live heap.');
    expect(lines).toContain('Growing allocation sites (in use, at the 7 snapshots read right after a forced GC (?gc=1))');
  });

  it('plain/ and gc1/ together: the same verdict as gc1/ alone, each plain dump read between GCs', async () => {
    const both = await reportJson<Report>([`${F}/plain`, `${F}/gc1`]);
    expect(both.verdict.summary).toBe(`${HIGH} (snapshots 2→14, ?gc=1), and 6.7 MiB to 90.4 MiB at snapshots 1, 3, 5, 7, 9, 11 and 1 more, read between GCs (their HeapAlloc counts the garbage made since the last GC); growing sites: main.leak +66.4 MiB.`);
    expect(both.series.verdict.confidence).toBe('high');
    expect(both.series.growingSites.map((s) => [s.function, s.line])).toEqual([['main.leak', 20]]);
    const gc1 = await reportJson<Report>([`${F}/gc1`]);
    expect(gc1.verdict.summary).toBe('Leak suspected (high confidence): live heap 6.4 MiB → 68.0 MiB across 7 GC-separated snapshots (snapshots 1→7); growing sites: main.leak +66.4 MiB.');
  });

  it('plain/ alone keeps its own readings right after the program\'s forced GCs (no ?gc=1 dump of their moments)', async () => {
    const plain = await reportJson<Report>([`${F}/plain`]);
    expect(plain.verdict.summary).toBe('Leak suspected (high confidence): live heap 6.7 MiB → 59.2 MiB across the 5 GC-separated snapshots read right after a forced GC (snapshots 1→6, ?gc=1 or the program\'s runtime.GC()), and 19.2 MiB and 90.4 MiB at snapshots 2 and 7, read between GCs (their HeapAlloc counts the garbage made since the last GC); growing sites: main.leak +54.6 MiB.');
  });
});

describe.concurrent('freeosleak: the program\'s own forced GCs in its GC log (#11)', () => {
  it('the log alone: 13 of its 20 forced GCs every ~5.0 s, whose timer it cannot tell', async () => {
    const lines = await reportLines([`${F}/gctrace.log`, '--color=never']);
    expect(lines).toContain('  31.5 GCs/min (not counting 20 forced) · GC CPU 0% since start · longest stop-the-world 0.215 ms (gc 20, line 20) · goal 131 MB');
    expect(lines).toContain('  13 of the 20 forced GCs came every ~5.0 s (gc 16 @5.0 s → gc 55 @65.1 s): a timer\'s — the program\'s runtime.GC or debug.FreeOSMemory, or a capture fetching heap?gc=1 that often.');
    expect(lines).toContain(`  ${LEAK_TAIL.trim()}`);
  });

  it('beside the dumps: the ?gc=1 dumps\' GCs (their NumGC) told apart, the other 13 the program\'s', async () => {
    const lines = await reportLines([`${F}/plain`, `${F}/gc1`, `${F}/gctrace.log`, '--color=never']);
    expect(lines).toContain(`  ${PROGRAM}`);
    const report = await reportJson<Report>([F]);
    const [log] = report.gcTraces;
    expect(log?.forcedCycles).toBe(20);
    expect(log?.forcedGcs.map((g) => g.cycle)).toEqual([16, 18, 24, 29, 30, 33, 36, 37, 39, 42, 43, 45, 47, 48, 50, 52, 53, 54, 55, 56]);
    expect(log?.forcedTimer).toEqual({ count: 13, periodSeconds: (65.096 - 5.003) / 12, first: { cycle: 16, atSeconds: 5.003 }, last: { cycle: 55, atSeconds: 65.096 }, gcOneCaptures: 7 });
    const md = await runMarkdown();
    expect(md).toContain(`- ${PROGRAM.replace('~', '\\~').replace('?gc=1', '`?gc=1`')}${LEAK_TAIL}`);
  });

  it('forcedTimer: the ?gc=1 GCs left out or not, the program\'s 13 are the longest run at one interval', () => {
    const log = analyzeGcTrace(parseGcTrace(readFileSync(`${F}/gctrace.log`, 'utf8'), 'gctrace.log').log, 'gctrace.log');
    const all = forcedTimer(log.forcedGcs);
    expect(all && [all.count, all.first.cycle, all.last.cycle]).toEqual([13, 16, 55]);
    // The capture's ?gc=1 GCs alone (t = 6, 16 … 68 s: a script's rounds, 0.06–0.36 s off ten-second beats) are no timer's.
    const gcOnes = new Set([18, 30, 37, 43, 48, 53, 56]);
    expect(forcedTimer(log.forcedGcs.filter((g) => gcOnes.has(g.cycle)))).toBeUndefined();
    expect(forcedTimer(log.forcedGcs, gcOnes)?.count).toBe(13);
  });
});

async function runMarkdown(): Promise<string[]> {
  const r = await runCli([F, '--format', 'markdown']);
  expect(r.code).toBe(0);
  return r.stdout.split('\n');
}
