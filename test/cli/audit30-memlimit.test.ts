/**
 * The new-user audit 30's memlimit capture (go1.19.8, GOGC=off GOMEMLIMIT=64MiB;
 * test/fixtures/captured/go1.19-audit30-memlimit, README there): a retained working set grows
 * 10 → 20 → 30 → 40 → 50 MB over 24 s under a goal held at 51 MB, its GCs ever more frequent (~3 a
 * second at 10 MB, ~180 at 50 MB). Its log was "Churn, not a leak … its floor flat at 50 MB after
 * warm-up" (the thirds of its 1,125 GCs: 10 → 50 → 50 MB), with no word of the limit; its first
 * 40 KB listed the floor of 291 GCs one by one.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const F = 'test/fixtures/captured/go1.19-audit30-memlimit';
const LOG = `${F}/gctrace.log`;
const TRUNC = `${F}/trunc.gctrace.log`;

interface Trace { cycles: number; floorsMB: number[]; goalCap?: unknown; verdict: { kind: string; leak: string; confidence: string; evidence: { kind: string; text: string }[]; summary: string; leakAtLimit?: boolean } }
interface Report { verdict: { leak: string }; gcTraces: Trace[] }

async function json(args: string[], code = 0): Promise<Report> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.code).toBe(code);
  return JSON.parse(r.stdout) as Report;
}

const LEAK = 'Leak suspected (high confidence): the live heap after GC keeps rising, 10 → 50 MB over 23.8 s and 1125 GCs; its floor rose in every third of the log\'s time (10 → 20 → 40 MB).';
const CAPPED = 'The heap goal is capped: it stayed at 51 MB at 559 of the 563 GCs of the log\'s later half, below the 100 MB GOGC=100 sets (twice the live heap after GC, C 50 MB), by a memory limit (GOMEMLIMIT) with GOGC off or above 100: the goal held within 1 MB of 51 MB at 1124 of the log\'s 1125 GCs while the live heap after GC rose 10 → 50 MB, where GOGC=100 would have moved it with the live heap (20 MB at C 10 MB), so the limit alone sets it: each GC lets only about 1 MB be allocated where GOGC=100 would let about 50 MB, so the GC runs about 50 times as often as GOGC=100 alone would make it (2830 GCs a minute, not counting 3 forced).';
const AT_LIMIT = 'A leak at its memory limit: the limit holds the heap down by collecting ever more often as the live heap grows into it (about 1 MB of room at each GC by the end of the log); next come GC thrash (the GC running back to back, its CPU share climbing: 2% since start, gctrace\'s figure) and, once the live heap outgrows the limit, an OOM kill. Raising GOMEMLIMIT only buys time (pass --gomemlimit, or a /metrics scrape of the process, to see where Go stood against it): find what keeps growing (heap profiles taken some time apart).';
const TRUNC_SUMMARY = 'Cannot tell from this log whether memory leaks: the live heap\'s floor after GC (the least C from each GC on) rose, held and rose again after start-up — 3 rises, 10 → 20 → 30 → 40 MB (10 MB ×15 → 20 MB ×28 → 30 MB ×37 → 40 MB ×72 → 41 MB → 50 MB ×138 over its last 291 of 293 GCs): a staircase, as a map, buffer or slice that keeps growing climbs (a map\'s bucket array doubles when the map is full, bytes.Buffer doubles its capacity when it is full, append grows a large slice by about a quarter: each time a new, larger array, which holds until it fills): it held before and rose again, so that it holds at the end is no sign it stopped. Log for longer, or compare heap dumps taken with ?gc=1 some time apart. The heap goal is capped: it stayed at 51 MB at every one of the 147 GCs of the log\'s later half, below the 100 MB GOGC=100 sets (twice the live heap after GC, C 50 MB), by a memory limit (GOMEMLIMIT) with GOGC off or above 100: the goal held within 1 MB of 51 MB at all of the log\'s 293 GCs while the live heap after GC rose 10 → 50 MB, where GOGC=100 would have moved it with the live heap (20 MB at C 10 MB), so the limit alone sets it: each GC lets only about 1 MB be allocated where GOGC=100 would let about 50 MB, so the GC runs about 50 times as often as GOGC=100 alone would make it (941 GCs a minute, not counting 3 forced). If the live heap goes on growing at its memory limit (about 1 MB of room at each GC by the end of the log), next come GC thrash (the GC running back to back, its CPU share climbing: 1% since start, gctrace\'s figure) and, once the live heap outgrows the limit, an OOM kill (pass --gomemlimit, or a /metrics scrape of the process, to see where Go stood against it).';

describe('go1.19-audit30-memlimit: a leak growing into its memory limit', () => {
  it('the log is judged by time as well as by GC count: its floor 10 → 20 → 40 MB, a leak (was churn, 10 → 50 → 50 MB)', async () => {
    const j = await json([LOG]);
    const t = j.gcTraces[0];
    expect([t?.cycles, t?.floorsMB]).toEqual([1125, [10, 20, 40]]);
    expect(t?.verdict).toEqual({
      kind: 'leak', leak: 'suspected', confidence: 'high',
      evidence: [{ kind: 'live-heap', text: 'the live heap after GC keeps rising, 10 → 50 MB over 23.8 s and 1125 GCs; its floor rose in every third of the log\'s time (10 → 20 → 40 MB)' }],
      summary: `${LEAK} ${CAPPED} ${AT_LIMIT}`,
      leakAtLimit: true,
    });
    expect(j.verdict.leak).toBe('suspected');
    // What the capped goal's words are made from (docs/json.md), the same with the limit known.
    const cap = { goalMB: 51, cycles: 559, of: 563, liveMB: 50, wholeLog: { cycles: 1124, of: 1125, lowLiveMB: 10 } };
    expect(t?.goalCap).toEqual(cap);
    expect((await json([LOG, '--gomemlimit', '64MiB'])).gcTraces[0]?.goalCap).toEqual(cap);
  });

  it('the goal pinned at 51 MB while the live heap rose: a memory limit with GOGC off, each GC with about 1 MB of room', async () => {
    const r = await runCli([LOG]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain([
      `GC log ${LOG}: 1,125 GCs over 23.8 s`,
      `  ${LEAK}`,
      `  ${CAPPED}`,
    ].join('\n'));
    // Its runs with their counts (docs/contract.md), not six values and five with the rise unsaid.
    expect(r.stdout).toContain('  live after GC 10 MB ×14 → 11 MB → 10 MB ×2 → 20 MB ×5 → 21 MB → … 758 more … → 53 MB → 52 MB → 50 MB ×124 → 51 MB → 50 MB ×217\n');
    expect(r.stdout).toContain("the live heap's lowest point in each third of the log's time: 10 → 20 → 40 MB (37, 87 and 1001 GCs)\n");
  });

  it('with --gomemlimit 64MiB the request for it is gone, and where the heap stood follows', async () => {
    const j = await json([LOG, '--gomemlimit', '64MiB']);
    const s = j.gcTraces[0]?.verdict.summary ?? '';
    const standing = 'GOMEMLIMIT 64.0 MiB (given): the heap reached at most 53 MB before gc 783, 82.8% of it; Go holds more than its heap (idle spans, goroutine stacks, runtime metadata: a GC log does not print them), so it may have held about the limit, where the GC collects more often to stay under it: a /metrics scrape or heap?debug=1 dump of the process says what Go held (Sys − HeapReleased, what the limit bounds).';
    expect(s).toBe(`${LEAK} ${CAPPED} ${AT_LIMIT.replace(' (pass --gomemlimit, or a /metrics scrape of the process, to see where Go stood against it)', '')} ${standing}`);
  });

  it('its first 40 KB: the staircase, its floor at 291 GCs as runs with their counts, and the capped goal', async () => {
    const j = await json([TRUNC], 2);
    const t = j.gcTraces[0];
    expect([t?.cycles, t?.floorsMB]).toEqual([293, [10, 20, 30]]);
    expect(t?.verdict).toEqual({ kind: 'unknown', leak: 'unknown', confidence: 'low', evidence: [], summary: TRUNC_SUMMARY });
  });
});

/**
 * The same run's dumps and /debug/vars (every moment's heap?debug=1, heap?debug=1&gc=1 and
 * /debug/vars): NextGC held at 51.3–51.7 MiB while the live heap grew 10 → 50 MiB, with GC CPU
 * under 5% (0.5–2.4%), so none of a limit's three marks; heapdoc said nothing of the limit. A goal
 * that stays put while the live heap moves is a limit's (series/heldgoal.ts): the bytes allocated
 * per GC (TotalAlloc over the GCs the runtime started) shrink as the live heap grows under it.
 */
const M = ['01-t1-live~10MiB', '02-t2-live~20MiB', '03-t3-live~30MiB', '04-t4-live~40MiB', '05-t5-live~50MiB'];
const GC1 = M.map((m) => `${F}/${m}-gc.heap.txt`);
const PLAIN = M.map((m) => `${F}/${m}.heap.txt`);
const VARS = M.map((m) => `${F}/${m}.vars.json`);

interface Finding { ruleId: string; message: string; scope?: string; evidence?: Record<string, unknown> }
interface SeriesReport {
  verdict: { summary: string };
  series: { verdict: { kind: string; summary: string; heldGoal?: unknown; leakAtLimit?: boolean } };
  findings: Finding[];
}

async function series(args: string[]): Promise<SeriesReport> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as SeriesReport;
}

const ASK = ' (pass --gomemlimit, or a /metrics scrape of the process, to see where Go stood against it)';
const HELD_GC1 = 'The heap goal stayed put while the live heap moved: NextGC 51.3 MiB–51.6 MiB in all 5 snapshots, while each GC had ever less room — 30.2 MiB allocated per GC between snapshots 1 and 2, 992.2 KiB between snapshots 4 and 5 (TotalAlloc\'s rise over the GCs the runtime started: 25 and 656) — so the heap each GC left live rose from about 21.4 MiB to about 50.3 MiB under the same goal (HeapAlloc 14.2 MiB → 51.2 MiB, 3.6×). Under GOGC the goal follows the live heap (GOGC=100 sets it at about twice the heap the last GC marked); one that stays put while the live heap moves is a memory limit\'s (GOMEMLIMIT, or debug.SetMemoryLimit), with GOGC off or above 100: the goal is above twice the lowest HeapAlloc read (14.2 MiB at snapshot 1), and HeapAlloc is never below the heap the last GC marked.';
const LEAK_AT_LIMIT_GC1 = 'A leak at its memory limit: the limit holds the heap down by collecting ever more often as the live heap grows into it (about 992.2 KiB of room at each GC between snapshots 4 and 5); next come GC thrash (the GC running back to back, its CPU share climbing: GCCPUFraction 0.7% → 2.4% since start) and, once the live heap outgrows the limit, an OOM kill. Raising GOMEMLIMIT only buys time (pass --gomemlimit, or a /metrics scrape of the process, to see where Go stood against it): find what keeps growing (heap profiles taken some time apart).';
const MESSAGE_END = '; a leak at its memory limit, heading for GC thrash and, once the live heap outgrows the limit, an OOM kill.';

describe('go1.19-audit30-memlimit\'s dumps and /debug/vars: a goal held while the live heap moved is a memory limit\'s', () => {
  it('the ?gc=1 dumps: NextGC 51.3–51.6 MiB while 30.2 MiB, then 992.2 KiB, was allocated per GC: a leak at its memory limit (JSON heldGoal, leakAtLimit)', async () => {
    const j = await series(GC1);
    const v = j.series.verdict;
    expect(v.kind).toBe('leak');
    // limit45: t4 and t5, ?gc=1 under a goal pinned at the live heap their profiles count, are read right after their GC.
    expect(v.summary).toBe(`Leak suspected (high confidence): live heap 14.2 MiB → 51.2 MiB across the 4 GC-separated snapshots read right after a forced GC (snapshots 1→5, ?gc=1), and 46.6 MiB at snapshot 3, read between GCs (its HeapAlloc counts the garbage made since the last GC); growing sites: main.grow +42.0 MiB. ${HELD_GC1} ${LEAK_AT_LIMIT_GC1}`);
    // (1,453,948,776 − 661,750,792) / 25 and (3,772,565,704 − 3,106,049,272) / 656 bytes a GC; the goal (NextGC at the later dump) less them.
    expect(v.heldGoal).toEqual({
      snapshots: 5, lowNextGCBytes: 53767080, highNextGCBytes: 54131544,
      first: { from: 1, to: 2, gcs: 25, perGCBytes: 31687919, liveBytes: 54131544 - 31687919 },
      last: { from: 4, to: 5, gcs: 656, perGCBytes: 1016031, liveBytes: 53767080 - 1016031 },
      goalAboveGogc: true,
    });
    expect(v.leakAtLimit).toBe(true);
    const leak = j.findings.find((f) => f.ruleId === 'leak-suspected');
    expect(leak?.message).toBe(`Leak suspected (high confidence) across 5 snapshots, 01-t1-live~10MiB-gc.heap.txt → 05-t5-live~50MiB-gc.heap.txt: live heap 14.2 MiB → 51.2 MiB across the 4 GC-separated snapshots read right after a forced GC (snapshots 1→5, ?gc=1), and 46.6 MiB at snapshot 3, read between GCs (its HeapAlloc counts the garbage made since the last GC); growing main.grow 10.6 MiB → 52.7 MiB${MESSAGE_END}`);
    expect(leak?.evidence?.['leakAtLimit']).toBe('yes');
  });

  it('the plain dumps say the same; the /debug/vars files (no leak evidence: HeapAlloc fell at snapshot 4) say what comes if it goes on growing', async () => {
    const plain = (await series(PLAIN)).series.verdict;
    expect([plain.kind, plain.leakAtLimit, plain.heldGoal]).toEqual(['leak', true, {
      snapshots: 5, lowNextGCBytes: 54092752, highNextGCBytes: 54170648,
      first: { from: 1, to: 2, gcs: 23, perGCBytes: 33803465, liveBytes: 20335879 },
      last: { from: 4, to: 5, gcs: 517, perGCBytes: 1215379, liveBytes: 52878653 },
      goalAboveGogc: true,
    }]);
    expect(plain.summary).toContain('NextGC 51.6 MiB–51.7 MiB in all 5 snapshots, while each GC had ever less room — 32.2 MiB allocated per GC between snapshots 1 and 2, 1.2 MiB between snapshots 4 and 5');
    const vars = (await series(VARS)).series.verdict;
    expect([vars.kind, vars.leakAtLimit, vars.heldGoal]).toEqual(['unknown', undefined, {
      snapshots: 5, lowNextGCBytes: 53767904, highNextGCBytes: 54161224,
      first: { from: 1, to: 2, gcs: 24, perGCBytes: 33331145, liveBytes: 20798751 },
      last: { from: 4, to: 5, gcs: 543, perGCBytes: 1135717, liveBytes: 52632187 },
      goalAboveGogc: true,
    }]);
    expect(vars.summary.startsWith('Cannot tell yet whether memory leaks: the heap between collections (HeapAlloc, live plus garbage not yet collected) grew 16.0 MiB → 51.2 MiB across 5 snapshots taken at different GCs, each read between GCs (snapshots 1→5), but not steadily: it fell by 7.0 MiB at snapshot 4, half an average step (8.8 MiB) or more; take more over a longer time to see whether it keeps rising. The heap goal stayed put while the live heap moved: NextGC 51.3 MiB–51.7 MiB in all 5 snapshots, while each GC had ever less room — 31.8 MiB allocated per GC between snapshots 1 and 2, 1.1 MiB between snapshots 4 and 5')).toBe(true);
    expect(vars.summary.endsWith(`If the live heap goes on growing at its memory limit (about 1.1 MiB of room at each GC between snapshots 4 and 5), next come GC thrash (the GC running back to back, its CPU share climbing: GCCPUFraction 0.5% → 2.3% since start) and, once the live heap outgrows the limit, an OOM kill${ASK}.`)).toBe(true);
  });

  it('--gomemlimit wins: 64MiB (the process\'s) binds, so the leak is at its limit with nothing inferred; 128MiB does not, and nothing is said of a limit holding the goal', async () => {
    const at64 = (await series([...GC1, '--gomemlimit', '64MiB'])).series.verdict;
    expect([at64.heldGoal, at64.leakAtLimit]).toEqual([undefined, true]);
    expect(at64.summary.startsWith(`Leak suspected (high confidence): live heap 14.2 MiB → 51.2 MiB across the 4 GC-separated snapshots read right after a forced GC (snapshots 1→5, ?gc=1), and 46.6 MiB at snapshot 3, read between GCs (its HeapAlloc counts the garbage made since the last GC); growing sites: main.grow +42.0 MiB. ${LEAK_AT_LIMIT_GC1.replace(ASK, '')} GOMEMLIMIT 64.0 MiB (given): Go holds 64.0 MiB`)).toBe(true);
    const at128 = (await series([...GC1, '--gomemlimit', '128MiB'])).series.verdict;
    expect([at128.heldGoal, at128.leakAtLimit, at128.summary.includes('memory limit\'s'), at128.summary.includes('A leak at its memory limit')]).toEqual([undefined, undefined, false, false]);
    const vars = (await series([...VARS, '--gomemlimit', '64MiB'])).series.verdict;
    expect(vars.summary).toContain(' If the live heap goes on growing at its memory limit (about 1.1 MiB of room at each GC between snapshots 4 and 5), next come GC thrash (the GC running back to back, its CPU share climbing: GCCPUFraction 0.5% → 2.3% since start) and, once the live heap outgrows the limit, an OOM kill. GOMEMLIMIT 64.0 MiB (given)');
  });

  it('one dump says it with care: the last ?gc=1 dump\'s goal (51.3 MiB) is far below GOGC=100\'s for its 51.2 MiB live, by a limit or a very low GOGC; t3\'s (1.59 times its live heap), the first\'s (above it) and a given limit say nothing', async () => {
    const last = await series([GC1[4] ?? '']);
    expect(last.verdict.summary).toBe('Live objects are most of what Go holds: live 51.2 MiB is 80.1% of the 64.0 MiB Go holds (66.6 MiB mapped). One dump cannot tell a leak from a peak — take another after some time (and a GC) and compare both with heapdoc analyze A B. The heap goal (NextGC 51.3 MiB) is far below what GOGC=100 would set for this live heap, about twice the 51.2 MiB live (HeapAlloc; the heap profile counts at least as much in use as of the last GC, when NextGC was set), 102.5 MiB. A memory limit holds it down (GOMEMLIMIT, or debug.SetMemoryLimit), or a very low GOGC (GOGC=1 sets about that goal over that live heap); one dump cannot tell which, nor whether GOGC is off beside a limit: dumps taken some time apart can (a goal that stays put while the live heap moves is a limit\'s, one that follows it GOGC\'s), or pass --gomemlimit to check against it.');
    // A plain dump: the profile's in-use bytes as of the last GC (42.5 MiB), not HeapAlloc (44.3 MiB, read between GCs).
    expect((await series([PLAIN[3] ?? ''])).verdict.summary).toContain(' The heap goal (NextGC 51.6 MiB) is far below what GOGC=100 would set for this live heap, about twice the 42.5 MiB the heap profile counts in use as of the last GC, when NextGC was set, 84.9 MiB. A memory limit holds it down (GOMEMLIMIT, or debug.SetMemoryLimit), or a very low GOGC (GOGC=21 sets about that goal over that live heap);');
    // t3's 51.6 MiB over 32.4 MiB (1.59 times) is no farther below than GOGC=100 dumps read (down to 1.39): nothing said; nor with a limit given, nor from /debug/vars.
    for (const args of [[PLAIN[2] ?? ''], [GC1[0] ?? ''], [GC1[4] ?? '', '--gomemlimit', '64MiB'], [VARS[4] ?? '']]) {
      expect((await series(args)).verdict.summary).not.toContain('below what GOGC=100 would set');
    }
  });

  // lint's JSON messages carry the finding's why (the model's Finding does not type it).
  const whyOf = (m: Finding): string => (m as Finding & { why?: string }).why ?? '';

  it('lint of the folder: its leak-suspected (the dumps\') says it is a leak at its memory limit, and that the GC log agrees (one leak, one finding)', async () => {
    const r = await runCli(['lint', '--no-config', F, '--format', 'json']);
    expect(r.code).toBe(1);
    const leaks = (JSON.parse(r.stdout) as { filePath: string; messages: Finding[] }[]).flatMap((f) => f.messages.filter((m) => m.ruleId === 'leak-suspected').map((m) => [f.filePath.slice(f.filePath.lastIndexOf('/') + 1), m.message, m.evidence?.['leakAtLimit'], whyOf(m).slice(whyOf(m).indexOf('The GC log'))]));
    expect(leaks).toEqual([
      ['05-t5-live~50MiB-gc.heap.txt', `Leak suspected (high confidence) across 10 snapshots, 01-t1-live~10MiB.heap.txt → 05-t5-live~50MiB-gc.heap.txt: live heap 14.2 MiB → 51.2 MiB across the 4 GC-separated snapshots read right after a forced GC (snapshots 2→10, ?gc=1), and 19.4 MiB to 51.1 MiB at snapshots 1, 3, 5, 6, 7 and 9, read between GCs (their HeapAlloc counts the garbage made since the last GC); growing main.grow 10.6 MiB → 52.7 MiB${MESSAGE_END}`, 'yes',
        'The GC log gctrace.log agrees, with high confidence over 1,125 GC cycles: the live heap after GC keeps rising, 10 → 50 MB over 23.8 s and 1125 GCs; its floor rose in every third of the log\'s time (10 → 20 → 40 MB).'],
    ]);
  });
});
