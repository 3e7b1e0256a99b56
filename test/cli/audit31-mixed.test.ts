/**
 * Series that mix ?gc=1 dumps with plain dumps of the same moments (the new-user audit 31's real
 * go1.19 programs, test/fixtures/captured/go1.19-audit31-*, README.md in each, written before
 * heapdoc ran), and a slow leak read with plain dumps only (go1.19-creep-plain).
 *
 * With four readings right after a forced GC or more, the verdict rests on them alone — the live
 * heap's evidence, its confidence and the site trends, from the profiles those dumps published at
 * their forced GC — so a folder gives its ?gc=1 dumps' verdict (forced.ts judgedAfterForcedGC). The
 * queuehead folder was "Stable (high) … To read the live heap at each snapshot, add ?gc=1 …
 * Growing, but not yet evidence: main.newItem +54.0 MiB" (t1.heap.txt's profile, published at GC 5
 * in the middle of the start's burst) beside "Leak suspected (medium)" of its ?gc=1 dumps.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const C = 'test/fixtures/captured';
const Q = `${C}/go1.19-audit31-queuehead`;
const S = `${C}/go1.19-audit31-substr`;
const F = `${C}/go1.19-audit31-freeos2`;
const CREEP = `${C}/go1.19-creep-plain`;
const moments = (dir: string, n: number, kind: 'heap' | 'heap-gc'): string[] => Array.from({ length: n }, (_, i) => `${dir}/t${i + 1}.${kind}.txt`);
/** Each moment's plain dump, then its ?gc=1 dump, as they were taken. */
const both = (dir: string, n: number): string[] => moments(dir, n, 'heap').flatMap((plain, i) => [plain, `${dir}/t${i + 1}.heap-gc.txt`]);

interface Site { function: string; inuseBytes: number[]; growthBytes: number }
interface Finding { ruleId: string; message: string; why: string; evidence: Record<string, unknown> }
interface Report {
  verdict: { leak: string; summary: string };
  series: {
    betweenGCs?: number[]; trendSources: string[]; growingSites: Site[];
    allocation: { bytesPerGC?: number; profilerBytes: number; profilerAboveRise?: true };
    verdict: { kind: string; leak: string; confidence: string; summary: string; evidence: { kind: string }[] };
  };
  findings: Finding[];
}
async function report(args: string[]): Promise<Report> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}
const base = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

const QUEUE_GC1 = 'Leak suspected (medium confidence): live heap 91.0 MiB → 93.6 MiB (+2.9%) across 5 GC-separated snapshots (snapshots 1→5), each read right after a forced GC (?gc=1), so exact: it rose at every step, by 603.1 KiB at least (666.6 KiB on average), HeapObjects 10,890 → 11,174 → 11,244 → 11,325 → 11,394 at every step too, and the heap profile\'s sites rose with it (main.newItem +4.0 MiB); growing sites: main.newItem +4.0 MiB. Medium, not high: a rise under 10% of the live heap at each step of 5 snapshots only — a heap that merely moves does that once in 120 series; 6 snapshots or more (once in 720) make it high.';
// Every plain dump named apart, each read between GCs (it named "91.0 MiB at snapshot 1" alone, the first of a GC cycle).
const QUEUE_MIXED = 'Leak suspected (medium confidence): live heap 91.0 MiB → 93.6 MiB (+2.9%) across 5 GC-separated snapshots (snapshots 2→10), each read right after a forced GC (?gc=1; 91.0 MiB to 95.9 MiB at snapshots 1, 3, 5, 7 and 9 were read between GCs, where HeapAlloc counts the garbage made since the last GC), so exact: it rose at every step, by 603.1 KiB at least (666.6 KiB on average), HeapObjects 10,890 → 11,174 → 11,244 → 11,325 → 11,394 at every step too, and the heap profile\'s sites rose with it (main.newItem +4.0 MiB); growing sites: main.newItem +4.0 MiB. Medium, not high: a rise under 10% of the live heap at each step of 5 snapshots only — a heap that merely moves does that once in 120 series; 6 snapshots or more (once in 720) make it high.';

describe.concurrent('queuehead: a queue drained with q = q[1:] keeps ~91 MiB, then grows 40 KiB/s', () => {
  it('its five ?gc=1 dumps: a slow leak, medium confidence, main.newItem +4.0 MiB', async () => {
    const r = await report(moments(Q, 5, 'heap-gc'));
    expect(r.series.verdict).toMatchObject({ kind: 'leak', leak: 'suspected', confidence: 'medium' });
    expect(r.verdict.summary).toBe(QUEUE_GC1);
  });

  it('the folder, and the plain and ?gc=1 dumps of every moment: the same verdict from the same five readings (was "Stable", high, "main.newItem +54.0 MiB")', async () => {
    for (const args of [[Q], both(Q, 5)]) {
      const r = await report(args);
      expect(r.series.verdict).toMatchObject({ kind: 'leak', leak: 'suspected', confidence: 'medium', evidence: [{ kind: 'live-heap' }, { kind: 'sites' }] });
      expect(r.verdict.summary).toBe(QUEUE_MIXED);
      expect(r.verdict.summary).not.toContain('add ?gc=1');
      expect(r.series.betweenGCs).toEqual([0, 2, 4, 6, 8]);
      // The site trends read the ?gc=1 dumps' profiles: t1.heap.txt's, published at GC 5 mid-burst (22.7 MiB), is left out.
      expect(r.series.trendSources.map(base)).toEqual(['t1.heap-gc.txt', 't2.heap-gc.txt', 't3.heap-gc.txt', 't4.heap-gc.txt', 't5.heap-gc.txt']);
      expect(r.series.growingSites.map((s) => [s.function, s.inuseBytes, s.growthBytes])).toEqual([['main.newItem', [76_181_509, 78_297_662, 78_826_700, 80_413_815, 80_413_815], 4_232_306]]);
    }
  });

  it('leak-suspected names the ?gc=1 snapshots as those compared, with their first and last live heap', async () => {
    const r = await report([Q]);
    const finding = r.findings.find((f) => f.ruleId === 'leak-suspected');
    expect(finding?.message).toBe(`Leak suspected (medium confidence) across 10 snapshots, t1.heap.txt → t5.heap-gc.txt: ${QUEUE_MIXED.slice('Leak suspected (medium confidence): '.length, QUEUE_MIXED.indexOf('; growing sites'))}; growing main.newItem 72.7 MiB → 76.7 MiB.`);
    // The why starts with them: the verdict's sentence, the message's evidence again, no longer precedes them (audit 34).
    expect(finding?.why.startsWith('The GC-separated snapshots compared: t1.heap-gc.txt, t2.heap-gc.txt, t3.heap-gc.txt, t4.heap-gc.txt, t5.heap-gc.txt. ')).toBe(true);
    expect(finding?.evidence).toMatchObject({ snapshots: 10, firstLiveBytes: 95_394_664, lastLiveBytes: 98_124_992, topSite: 'main.newItem', topSiteGrowthBytes: 4_232_306 });
  });

  it('text: the site table says where it reads', async () => {
    const r = await runCli([...both(Q, 5), '--color=never']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const at = lines.indexOf('Growing allocation sites (in use, at the 5 snapshots read right after a forced GC (?gc=1))');
    expect(at).toBeGreaterThan(0);
    // intern44 (F9): a growth within its sampling error says what the estimate rests on, under the site.
    expect(lines.slice(at + 1, at + 4).map((l) => l.replace(/ {2}…\S*$/, ''))).toEqual(['  +4.0 MiB    main.newItem', '              (the estimate rests on 144 → 152 samples: ±2.8 MiB)', '              72.7 MiB → 74.7 MiB → 75.2 MiB → 76.7 MiB → 76.7 MiB']);
  });

  it('its plain dumps alone: not "Stable" (high) though the live heap rose at every step (t2–t5 follow the moment before\'s forced GC with no GC between: read as after one)', async () => {
    const r = await report(moments(Q, 5, 'heap'));
    // Each plain dump's HeapAlloc exceeds its profile beyond sampling error: all read between GCs; the profiles' rise is the evidence.
    expect(r.series.betweenGCs).toBeUndefined();
    expect(r.series.verdict).toMatchObject({ kind: 'leak', leak: 'suspected', confidence: 'medium' });
    expect(r.verdict.summary.startsWith('Leak suspected (medium confidence): the heap profiles\' in-use (as of each snapshot\'s last GC; HeapAlloc, read between GCs, counts the garbage made since too) rose at every step, 23.7 MiB → 73.7 MiB → 75.7 MiB → 76.2 MiB → 77.7 MiB across 5 GC-separated snapshots (snapshots 1→5), by 516.6 KiB at least, +54.0 MiB in all, beyond its sampling error (±10.3 MiB), HeapObjects 10,893 → 12,144 → 12,348 → 12,428 → 12,525 at every step too.')).toBe(true);
  });
});

describe.concurrent('substr: a map keeps a 1 MiB array per 32-byte slice and a 512 KiB string per 16-byte substring', () => {
  const SUBSTR = 'live heap 37.7 MiB → 292.7 MiB';
  it('the folder: high confidence and the sites of the ?gc=1 dumps, as those dumps alone (was medium, main.readRecord +183.9 MiB)', async () => {
    const alone = await report(moments(S, 5, 'heap-gc'));
    expect(alone.verdict.summary).toBe(`Leak suspected (high confidence): ${SUBSTR} across 5 GC-separated snapshots (snapshots 1→5); growing sites: main.readRecord +170.0 MiB, main.readName +86.2 MiB.`);
    for (const args of [[S], both(S, 5)]) {
      const r = await report(args);
      expect(r.series.verdict).toMatchObject({ kind: 'leak', confidence: 'high', evidence: [{ kind: 'live-heap' }, { kind: 'sites' }] });
      expect(r.verdict.summary).toBe(`Leak suspected (high confidence): ${SUBSTR} across the 5 GC-separated snapshots read right after a forced GC (snapshots 2→10, ?gc=1), and 39.7 MiB to 317.6 MiB at snapshots 1, 3, 5, 7 and 9, read between GCs (their HeapAlloc counts the garbage made since the last GC); growing sites: main.readRecord +170.0 MiB, main.readName +86.2 MiB.`);
    }
  });
});

describe.concurrent('freeos2: a 200 MiB burst dropped, then debug.FreeOSMemory', () => {
  it('peak retention leads with the real fall, 200.2 MiB read between GCs to the live heap\'s 4.2 MiB (was "live heap fell from 4.2 MiB at snapshot 3 to 4.2 MiB at snapshot 6")', async () => {
    const r = await report(both(F, 3));
    expect(r.series.verdict).toMatchObject({ kind: 'peak-retention', leak: 'not-suspected', confidence: 'high' });
    expect(r.verdict.summary).toBe('Peak retention, not a leak: HeapAlloc fell from 200.2 MiB at snapshot 1, read between GCs (it counts the garbage made since the last GC too), to 4.2 MiB at snapshot 6, read right after a forced GC (?gc=1: the live heap, which stayed near 4.2 MiB from snapshot 2 to snapshot 6) while HeapSys stays at its 203.7 MiB high-water mark, most of it address space only: 196.3 MiB released to the OS (on Linux, out of RSS unless GODEBUG=madvdontneed=0), 2.5 MiB idle (held for reuse).');
  });

  it('its allocation rate cannot be told: TotalAlloc rose 4.8 MiB, the profiler\'s estimate is 5.8 MiB (was "0 B per GC cycle")', async () => {
    const r = await report(both(F, 3));
    expect(r.series.allocation).toEqual({ profilerBytes: 6_117_103, profilerAboveRise: true });
    const expected = 'allocation rate: cannot be told: TotalAlloc rose by 4.8 MiB, no more than the profiler\'s own allocations as the sampled profiles estimate them (5.8 MiB), so the program\'s share of it is unknown';
    const text = await runCli([...both(F, 3), '--color=never']);
    expect(text.stdout.split('\n')).toContain(`  ${expected}`);
    const md = await runCli([...both(F, 3), '--format', 'markdown']);
    expect(md.stdout.split('\n')).toContain(`| allocation rate | ${expected.slice('allocation rate: '.length)} |`);
  });
});

describe.concurrent('creep: a cache kept growing 200 KiB/s over 100 MiB, read with plain dumps only', () => {
  it('a live heap that rose at every step, under 10%, is growth short of evidence, not "Stable" (high)', async () => {
    const r = await report(['01', '02', '03', '04', '05'].map((n) => `${CREEP}/${n}.heap.txt`));
    expect(r.series.betweenGCs).toBeUndefined();
    // The profiles, each as of its last GC, gained samples at every step beyond their sampling error: medium, not high (profiletrend.ts).
    expect(r.series.verdict).toMatchObject({ kind: 'leak', leak: 'suspected', confidence: 'medium' });
    // It ran with GOGC=1 (README.md): the goal sits at the live heap, said as limit45's pinned goal says it.
    expect(r.verdict.summary).toBe('Leak suspected (medium confidence): the heap profiles\' in-use (as of each snapshot\'s last GC; HeapAlloc, read between GCs, counts the garbage made since too) rose at every step, 125.9 MiB → 126.9 MiB → 128.4 MiB → 131.4 MiB → 132.4 MiB across 5 GC-separated snapshots (snapshots 1→5), by 1.0 MiB at least, +6.5 MiB in all, beyond its sampling error (±3.6 MiB), HeapObjects 409,147 → 417,303 → 425,465 → 433,546 → 441,626 at every step too. Medium, not high: the heap profiles are sampled and older than their MemStats, and HeapAlloc, read between GCs, cannot confirm them; to read the live heap itself, add ?gc=1 to the heap URL so that each snapshot follows a GC. The heap goal sits at the live heap at every snapshot (NextGC 123.9 MiB–131.1 MiB, beside a heap profile of 132.4 MiB in use at snapshot 5, where GOGC=100 sets about twice it): a memory limit holds it down (GOMEMLIMIT, or debug.SetMemoryLimit), or a very low GOGC; the GC ran 8 times from snapshot 1 to 5.');
  });

  it('its first three dumps, risen twice (once in 6 for a heap that moves): still "Stable", medium', async () => {
    const r = await report(['01', '02', '03'].map((n) => `${CREEP}/${n}.heap.txt`));
    expect(r.series.verdict).toMatchObject({ kind: 'stable', confidence: 'medium' });
  });
});
