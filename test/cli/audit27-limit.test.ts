/**
 * A GOGC=off + GOMEMLIMIT=64MiB sawtooth (20 MiB live, 50 MiB/s of garbage) read by heap?debug=1
 * dumps taken between GCs (test/fixtures/captured/go1.19-audit27-limit, README.md there; main.go
 * the program). HeapAlloc then counts the garbage made since the last GC: a series of ?gc=1 dumps
 * whose last was plain, and three plain dumps on the way up the sawtooth, were "Leak suspected" and
 * failed CI, though the heap profile as of each last GC and HeapObjects held (docs/reasoning.md §7,
 * "HeapAlloc read between GCs"). Two real leaks under the same sawtooth stay leaks.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/** Markdown shows a URL or a query (`?gc=1`, `heap?debug=1&gc=1`) as code (text/markdown.ts). */
const asCode = (s: string): string => s.replace(/\bhttps?:\/\/[^\s<>`|\\]+|[\w./:-]*\?\w+=[\w.%-]*(?:&\w+=[\w.%-]*)*/g, (q) => { const t = q.replace(/[.,;:)]+$/, ''); return `\`${t}\`${q.slice(t.length)}`; });

const A = 'test/fixtures/captured/go1.19-audit27-limit';
const dumps = (set: string, ...names: string[]): string[] => names.map((n) => `${A}/${set}/${n}.heap.txt`);

interface Verdict { kind: string; leak: string; confidence: string; summary: string; evidence: { kind: string }[] }
async function verdict(args: string[]): Promise<Verdict> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as { series: { verdict: Verdict } }).series.verdict;
}
const shape = (v: Verdict): unknown => ({ kind: v.kind, leak: v.leak, confidence: v.confidence, evidence: v.evidence.map((e) => e.kind) });
async function exitOnLeak(args: string[]): Promise<number | null> {
  return (await runCli([...args, '--fail-on', 'leak'])).code;
}

describe('?gc=1 dumps, then one plain dump (limit-gc1)', () => {
  const all = [`${A}/limit-gc1`];

  it('is stable, as its four ?gc=1 dumps say: the plain dump\'s HeapAlloc (29.2 MiB, garbage included) is named apart; --fail-on leak exits 0', async () => {
    const v = await verdict(all);
    // Was medium, "Stable: across 5 GC-separated snapshots (…), the heap profile, as of each one's last GC, stays near 25.3 MiB in use
    // … while HeapAlloc went 21.2 MiB → 29.2 MiB: snapshot 5 was read between GCs … To read the live heap itself, add ?gc=1 …": the
    // four readings after a forced GC are enough for the verdict, which rests on them (forced.ts judgedAfterForcedGC).
    expect(shape(v)).toEqual({ kind: 'stable', leak: 'not-suspected', confidence: 'high', evidence: [] });
    expect(v.summary).toBe('Stable: live heap 21.2 MiB → 21.2 MiB across the 4 GC-separated snapshots read right after a forced GC (snapshots 1→4, ?gc=1), and 29.2 MiB at snapshot 5, read between GCs (its HeapAlloc counts the garbage made since the last GC), with no site or goroutine group growing steadily.');
    expect(await exitOnLeak(all)).toBe(0);
  });

  it('its four ?gc=1 dumps alone say the same, at high confidence', async () => {
    const v = await verdict(dumps('limit-gc1', '01', '02', '03', '04'));
    expect(shape(v)).toEqual({ kind: 'stable', leak: 'not-suspected', confidence: 'high', evidence: [] });
    expect(v.summary).toBe('Stable: live heap 21.2 MiB → 21.2 MiB across 4 GC-separated snapshots (snapshots 1→4), with no site or goroutine group growing steadily.');
  });

  it('lint: no leak-suspected, exit 0', async () => {
    const r = await runCli(['lint', ...all, '--color=never']);
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('three plain dumps up the sawtooth (limit/02, 03, 05; limit-3)', () => {
  const three = dumps('limit', '02', '03', '05');

  it('with --gomemlimit 64MiB: the memory limit, with what held; --fail-on leak exits 0', async () => {
    const v = await verdict([...three, '--gomemlimit', '64MiB']);
    expect(shape(v)).toEqual({ kind: 'memory-limit', leak: 'not-suspected', confidence: 'medium', evidence: [] });
    expect(v.summary).toBe('Not a leak: the heap is held up to the memory limit by design (GOMEMLIMIT 64.0 MiB, given): Go holds 63.6 MiB (Sys − HeapReleased, what the limit bounds), 99.4% of it, in the latest snapshot; HeapAlloc moves between 22.2 MiB and 50.2 MiB across 3 GC-separated snapshots (snapshots 1→3) while 115.6 MiB is allocated a step on average (231.3 MiB over 2 steps between snapshots). The heap goal (NextGC 51.9 MiB) is above twice the lowest HeapAlloc read (22.2 MiB): GOGC is off or high (GOGC=100 sets it at about twice the live heap), and the limit alone says when the GC runs, so the heap fills up to it between GCs. Its idle heap (2.4 MiB) is room the limit lets the heap refill, not a retained peak. To hold less, lower GOMEMLIMIT, or set GOGC=100 (its default) so that the heap goal follows the live heap; a tighter limit costs GC work. The live heap did not grow: the heap profile, as of each one\'s last GC, stays near 26.9 MiB in use (26.9 MiB → 25.8 MiB → 26.9 MiB) and HeapObjects 1,058 → 1,089; HeapAlloc, read between GCs, counts the garbage made since the last GC, which the next one collects.');
    expect(await exitOnLeak([...three, '--gomemlimit', '64MiB'])).toBe(0);
  });

  it('without the limit: stable, HeapAlloc +126 % while the profile and HeapObjects (+3 %) held', async () => {
    const v = await verdict(three);
    expect(shape(v)).toEqual({ kind: 'stable', leak: 'not-suspected', confidence: 'medium', evidence: [] });
    expect(v.summary).toBe('Stable: across 3 GC-separated snapshots (snapshots 1→3), the heap profile, as of each one\'s last GC, stays near 26.9 MiB in use (26.9 MiB → 25.8 MiB → 26.9 MiB) and HeapObjects 1,058 → 1,089, while HeapAlloc, read between GCs, moves between 22.2 MiB and 50.2 MiB: it counts the garbage made since the last GC, which the next one collects. To read the live heap itself, add ?gc=1 to the heap URL so that each snapshot follows a GC.');
    expect(await exitOnLeak(three)).toBe(0);
  });

  it('lint of their directory (limit-3): no leak-suspected, exit 0', async () => {
    const r = await runCli(['lint', `${A}/limit-3`, '--color=never']);
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('all five plain dumps: stable (was "Cannot tell yet … grew 33.2 MiB → 50.2 MiB"); with the limit, the memory limit', async () => {
    const v = await verdict([`${A}/limit`]);
    expect(shape(v)).toEqual({ kind: 'stable', leak: 'not-suspected', confidence: 'medium', evidence: [] });
    expect(v.summary).toBe('Stable: across 5 GC-separated snapshots (snapshots 1→5), the heap profile, as of each one\'s last GC, stays near 26.9 MiB in use (26.9 MiB → 26.9 MiB → 25.8 MiB → 26.9 MiB → 26.9 MiB), while HeapAlloc, read between GCs, moves between 22.2 MiB and 50.2 MiB: it counts the garbage made since the last GC, which the next one collects. To read the live heap itself, add ?gc=1 to the heap URL so that each snapshot follows a GC.');
    const limited = await verdict([`${A}/limit`, '--gomemlimit', '64MiB']);
    expect(shape(limited)).toEqual({ kind: 'memory-limit', leak: 'not-suspected', confidence: 'medium', evidence: [] });
    expect(limited.summary.endsWith('The live heap did not grow: the heap profile, as of each one\'s last GC, stays near 26.9 MiB in use (26.9 MiB → 26.9 MiB → 25.8 MiB → 26.9 MiB → 26.9 MiB); HeapAlloc, read between GCs, counts the garbage made since the last GC, which the next one collects.')).toBe(true);
  });
});

describe('real leaks under the same sawtooth stay leaks', () => {
  it('plain dumps, 1.25 MiB/s in 128 KiB objects: main.leak, high confidence; --fail-on leak and lint exit 1', async () => {
    const v = await verdict([`${A}/leak-plain`]);
    expect(shape(v)).toEqual({ kind: 'leak', leak: 'suspected', confidence: 'high', evidence: ['sites'] });
    expect(v.summary).toBe('Leak suspected (high confidence): growing sites: main.leak +9.6 MiB.');
    expect(await exitOnLeak([`${A}/leak-plain`])).toBe(1);
    const lint = await runCli(['lint', `${A}/leak-plain`, '--color=never']);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain('  error  Leak suspected (high confidence) across 5 snapshots, 01.heap.txt → 05.heap.txt: growing main.leak 1.7 MiB → 11.3 MiB.  leak-suspected');
  });

  it('?gc=1 dumps then a plain one, 320 KiB/s: the four ?gc=1 readings rose at every step, HeapObjects too (873 → 921), so still a leak, at medium confidence', async () => {
    const v = await verdict([`${A}/leak-mixed`]);
    // main.leak rose 528.2 KiB across the ?gc=1 dumps' profiles: no growing site (1 MiB) beside the live heap's evidence (it was +1.0 MiB with the plain dump's).
    expect(shape(v)).toEqual({ kind: 'leak', leak: 'suspected', confidence: 'medium', evidence: ['live-heap'] });
    expect(v.summary).toBe(LEAK_MIXED);
    expect(await exitOnLeak([`${A}/leak-mixed`])).toBe(1);
  });
});

/**
 * The live heap's figures compare like with like: the four ?gc=1 dumps' HeapAlloc (22,847,360 →
 * 24,390,480 bytes, the live heap right after the GC) and, named apart, the plain dump's 47,950,792
 * (garbage made since the last GC included). The headline read "live heap 21.8 MiB → 45.7 MiB
 * across 5 GC-separated snapshots", the last the plain dump's. The four are enough for a verdict,
 * which rests on them alone (forced.ts judgedAfterForcedGC): a slow rise read exactly, at every step.
 */
const MIXED_EVIDENCE = 'live heap 21.8 MiB → 23.3 MiB (+6.8%) across 4 GC-separated snapshots (snapshots 1→4), each read right after a forced GC (?gc=1 or the program\'s runtime.GC(); 45.7 MiB at snapshot 5 was read between GCs, where HeapAlloc counts the garbage made since the last GC), so exact: it rose at every step, by 481.4 KiB at least (502.3 KiB on average), HeapObjects 873 → 890 → 905 → 921 at every step too, and the heap profile\'s sites rose with it (main.leak +528.2 KiB)';
const LEAK_MIXED = `Leak suspected (medium confidence): ${MIXED_EVIDENCE}. Medium, not high: a rise under 10% of the live heap at each step of 4 snapshots only — a heap that merely moves does that once in 24 series; 6 snapshots or more (once in 720) make it high.`;
const MIXED_NOTE = 'Snapshot 5 was read between GCs, the others right after a forced GC (?gc=1 or the program\'s runtime.GC()): its HeapAlloc counts the garbage made since the last GC; right after a GC it is the live heap.';

describe('?gc=1 dumps and a plain one (leak-mixed): the text, Markdown and JSON reports and lint say the same figures', () => {
  const dir = `${A}/leak-mixed`;

  it('text: the headline, the table\'s live row with the plain dump marked under it', async () => {
    const r = await runCli([dir, '--color=never']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const lines = r.stdout.split('\n');
    // The headline's first sentence, then why medium, on a line of its own.
    expect(lines.slice(0, 2).join(' ')).toBe(LEAK_MIXED);
    expect(lines.slice(3, 15)).toEqual([
      'Across 5 snapshots (ordered by TotalAlloc)',
      '  HeapAlloc     21.8 MiB → 22.3 MiB → 22.8 MiB → 23.3 MiB → 45.7 MiB',
      '  fragmentation 640.1 KiB → 638.7 KiB → 638.7 KiB → 661.2 KiB → 661.1 KiB',
      '  idle          30.2 MiB → 28.7 MiB → 29.8 MiB → 28.7 MiB → 6.0 MiB',
      '  released      3.1 MiB → 4.1 MiB → 2.5 MiB → 3.0 MiB → 3.2 MiB',
      '  stacks        352.0 KiB → 352.0 KiB → 352.0 KiB → 352.0 KiB → 352.0 KiB',
      '  HeapSys       55.7 MiB → 55.7 MiB → 55.7 MiB → 55.7 MiB → 55.7 MiB',
      '  HeapObjects   873 → 890 → 905 → 921 → 963',
      '  NumGC         3 → 6 → 9 → 12 → 14',
      `  ${MIXED_NOTE}`,
      // No profiler's site in these profiles: nothing left out, nothing said.
      '  allocation rate: 27.8 MiB per GC cycle',
      '',
    ]);
  });

  it('Markdown: the same verdict, the note under the table', async () => {
    const r = await runCli([dir, '--format', 'markdown']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[2]).toBe(`**Verdict (leak: suspected, dominant: live).** ${asCode(LEAK_MIXED)}`);
    expect(lines).toContain('| HeapAlloc | 21.8 MiB → 22.3 MiB → 22.8 MiB → 23.3 MiB → 45.7 MiB |');
    expect(lines).toContain('| allocation rate | 27.8 MiB per GC cycle |');
    expect(lines).toContain(asCode(MIXED_NOTE));
  });

  it('JSON: betweenGCs names the plain dump; the evidence and the leak-suspected finding give the same words', async () => {
    const r = await runCli([dir, '--format', 'json']);
    const report = JSON.parse(r.stdout) as {
      verdict: { summary: string };
      series: { betweenGCs?: number[]; points: { breakdown: { live: number } }[]; allocation: unknown; verdict: { evidence: { kind: string; text: string }[] } };
      findings: { ruleId: string; message: string; evidence: Record<string, unknown> }[];
    };
    expect(report.verdict.summary).toBe(LEAK_MIXED);
    expect(report.series.betweenGCs).toEqual([4]);
    expect(report.series.points.map((p) => p.breakdown.live)).toEqual([22847360, 23340352, 23864640, 24390480, 47950792]);
    expect(report.series.allocation).toEqual({ bytesPerGC: 29183428.363636363, profilerBytes: 0 });
    expect(report.series.verdict.evidence).toEqual([{ kind: 'live-heap', text: MIXED_EVIDENCE }]);
    const finding = report.findings.find((f) => f.ruleId === 'leak-suspected');
    expect(finding?.message).toBe(`Leak suspected (medium confidence) across 5 snapshots, 01.heap.txt → 05.heap.txt: ${MIXED_EVIDENCE}.`);
    // The readings compared, after a forced GC (the last was the plain dump's 47,950,792).
    expect(finding?.evidence).toMatchObject({ firstLiveBytes: 22847360, lastLiveBytes: 24390480 });
  });

  it('lint: the same message', async () => {
    const r = await runCli(['lint', dir, '--color=never']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`  error  Leak suspected (medium confidence) across 5 snapshots, 01.heap.txt → 05.heap.txt: ${MIXED_EVIDENCE}.  leak-suspected`);
  });

  it('all ?gc=1 (limit-gc1/01–04) or all plain (leak-plain): no note, the JSON has no betweenGCs', async () => {
    for (const args of [dumps('limit-gc1', '01', '02', '03', '04'), [`${A}/leak-plain`]]) {
      const r = await runCli([...args, '--format', 'json']);
      expect((JSON.parse(r.stdout) as { series: { betweenGCs?: number[] } }).series.betweenGCs).toBeUndefined();
      expect((await runCli([...args, '--color=never'])).stdout).not.toContain('read between GCs, the others');
    }
  });
});
