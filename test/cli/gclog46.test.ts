/**
 * Audit 46's GC-log findings on its captures (test/fixtures/captured/go1.19-audit46-*):
 * #4 workerpool ran 81 of its 110 GCs in the first 10 s of a 67 s log, so thirds of the GC count read its 75 MB plateau
 * as "2 → 1 → 3 MB"; the reports' thirds are of the log's time now (1 → 61 → 75 MB).
 * #10 phasechurn allocates ~2 → ~20 → ~2 MiB/s (t = 0–20, 20–45, 45–68 s), said as one average; the GC log's stable
 * verdict now says the stretches.
 * #12 pregc's gctrace.log is empty beside a dump of NumGC 0 (no GC has run, so none printed a line): a note, exit 0;
 * the log alone is still an error, its hint saying first that a program that ran no GC prints nothing.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const D = 'test/fixtures/captured';
const WORKERPOOL = `${D}/go1.19-audit46-workerpool/gctrace.log`;
const CLOSURELEAK = `${D}/go1.19-audit46-closureleak/gctrace.log`;
const PHASECHURN = `${D}/go1.19-audit46-phasechurn/gctrace.log`;
const PREGC = `${D}/go1.19-audit46-pregc`;

interface Trace { floorsMB: number[]; timeThirds: { fromSeconds: number; toSeconds: number; cycles: number; floorMB: number }[]; allocationPhases?: unknown[]; verdict: { kind: string; summary: string } }

async function trace(log: string): Promise<Trace> {
  const r = await runCli([log, '--format', 'json']);
  const t = (JSON.parse(r.stdout) as { gcTraces: Trace[] }).gcTraces[0];
  if (!t) throw new Error(`no GC log in the report of ${log}`);
  return t;
}

describe('the GC log\'s thirds are of its time (audit 46 #4)', () => {
  it('workerpool: its 75 MB plateau reads 1 → 61 → 75 MB over 94, 7 and 9 GCs, in text, Markdown and JSON', async () => {
    const text = await runCli([WORKERPOOL]);
    expect(text.stdout.split('\n')).toContain("  Peak (the largest heap before a GC, A): 149 MB; what stays (the live heap after the last GC, C): 75 MB; the live heap's lowest point in each third of the log's time: 1 → 61 → 75 MB (94, 7 and 9 GCs)");
    const md = await runCli([WORKERPOOL, '--format', 'markdown']);
    expect(md.stdout.split('\n')).toContain("- Peak (the largest heap before a GC, A): 149 MB; what stays (the live heap after the last GC, C): 75 MB; the live heap's lowest point in each third of the log's time: 1 → 61 → 75 MB (94, 7 and 9 GCs)");
    const t = await trace(WORKERPOOL);
    expect(t.timeThirds).toEqual([
      { fromSeconds: 0.155, toSeconds: 22.599, cycles: 94, floorMB: 1 },
      { fromSeconds: 22.599, toSeconds: 45.044, cycles: 7, floorMB: 61 },
      { fromSeconds: 45.044, toSeconds: 67.488, cycles: 9, floorMB: 75 },
    ]);
    // The verdict's own floors (the earlier of a third of the GCs and of the time) are unchanged, and so is the verdict.
    expect([t.floorsMB, t.verdict.kind]).toEqual([[2, 1, 3], 'stable']);
    expect(t.verdict.summary.startsWith('A plateau, not a leak: the live heap after GC rose 2 → 75 MB, then stayed between 75 and 76 MB for its last 14 of 110 GCs')).toBe(true);
  });

  it('closureleak: 1 → 9 → 15 MB by time (100, 39 and 27 GCs of 22.7 s each)', async () => {
    const r = await runCli([CLOSURELEAK]);
    expect(r.stdout).toContain("; the live heap's lowest point in each third of the log's time: 1 → 9 → 15 MB (100, 39 and 27 GCs)\n");
  });
});

describe('a stable GC log says where its allocation rate changed (audit 46 #10)', () => {
  it('phasechurn: ~2.2 MB/s until 20.1 s, ~19 MB/s until 45.2 s, ~2.0 MB/s after', async () => {
    const r = await runCli([PHASECHURN]);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      `${PHASECHURN}: Stable: the live heap after GC stays between 4 and 17 MB over 67.1 s and 44 GCs.`,
      'Its allocation rate changed: ~2.2 MB/s until 20.1 s, ~19 MB/s until 45.2 s, ~2.0 MB/s after (what each GC found allocated since the one before: its A less the C before it).',
      'The GC runs as often as the program allocates: the fastest stretch ran 32 of the log\'s 44 GCs.',
    ]);
    const t = await trace(PHASECHURN);
    expect(t.allocationPhases).toEqual([
      { fromSeconds: 0.008, toSeconds: 20.142, allocatedMB: 45, mbPerSecond: 2.2, cycles: 5 },
      { fromSeconds: 20.142, toSeconds: 45.205, allocatedMB: 478, mbPerSecond: 19.1, cycles: 32 },
      { fromSeconds: 45.205, toSeconds: 67.097, allocatedMB: 44, mbPerSecond: 2, cycles: 4 },
    ]);
  });

  it('phasechurn gc1/ --interval 10s: the series\' allocation rate line says the stretches, from TotalAlloc per step', async () => {
    const r = await runCli([`${D}/go1.19-audit46-phasechurn/gc1/`, '--interval', '10s']);
    expect(r.stdout.split('\n')).toContain('  allocation rate: 14.1 MiB per GC cycle, 9.2 MiB/s; it changed: ~1.8 MiB/s over snapshots 1→2, ~16.3 MiB/s over 2→5, ~2.1 MiB/s over 5→7');
    const json = await runCli([`${D}/go1.19-audit46-phasechurn/gc1/`, '--interval', '10s', '--format', 'json']);
    const phases = (JSON.parse(json.stdout) as { series: { allocation: { phases: { from: number; to: number; bytesPerSecond: number }[] } } }).series.allocation.phases;
    expect(phases.map((p) => [p.from, p.to, Math.round(p.bytesPerSecond)])).toEqual([[0, 1, 1912303], [1, 4, 17112351], [4, 6, 2213738]]);
  });

  it('workerpool (a plateau: its fast stretch is the fill its words say) has none', async () => {
    expect((await trace(WORKERPOOL)).allocationPhases).toBeUndefined();
  });
});

describe('an empty GC log beside a dump of NumGC 0 (audit 46 #12)', () => {
  const NOTE = 'heapdoc: gctrace.log is empty: no GC has run yet (NumGC 0 in heap-t00-plain.txt), and a program prints a GC line only when a GC ends';
  const HINT = 'a program that has run no GC yet prints nothing (a heap dump of the same moment says NumGC 0: give it with the log); else did the capture fail? GODEBUG=gctrace=1 makes the program print one line per GC to its stderr: GODEBUG=gctrace=1 ./prog 2> gctrace.log';

  it('analyze of the folder, or of the dump and the log: a note, exit 0', async () => {
    const folder = await runCli(['.', '--format', 'json'], { cwd: PREGC });
    expect([folder.code, folder.stderr.split('\n')[0]]).toEqual([0, NOTE]);
    const named = await runCli(['heap-t00-plain.txt', 'gctrace.log'], { cwd: PREGC });
    expect([named.code, named.stderr]).toEqual([0, `${NOTE}\n`]);
  });

  it('lint of the folder: the same note, exit 0', async () => {
    const r = await runCli(['lint', '.', '--format', 'json'], { cwd: PREGC });
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([0, NOTE]);
  });

  it('the log alone is still an error (exit 2), its hint saying first that a program that ran no GC prints nothing', async () => {
    const r = await runCli(['gctrace.log'], { cwd: PREGC });
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `heapdoc: error: gctrace.log: the input is empty — ${HINT}\n`]);
  });
});
