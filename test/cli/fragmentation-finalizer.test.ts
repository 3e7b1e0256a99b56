/**
 * fix30frag, on real go1.19.8 captures (README in each folder):
 * - one heap dump whose memory beside the live heap is mostly fragmentation opened with "the
 *   heap's address space (HeapSys) reached 311.7 MiB at a past peak" (go1.19-audit29-frag);
 * - stable and plateau series verdicts did not name fragmentation, only the verdict after a fall
 *   (go1.19-audit29-frag 02–04, go1.19-frag-plateau); nor did churn verdicts (fix31once:
 *   go1.19-frag-churn);
 * - one goroutine dump whose finalizer goroutine waits in the program's finalizer said nothing of
 *   it (go1.19-audit29-finalizer: main.slowClose [sleep]; go1.19-finalizer-stuck: main.closeHandle
 *   [chan send, 2 minutes]).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const FRAG = 'test/fixtures/captured/go1.19-audit29-frag';
const PLATEAU = 'test/fixtures/captured/go1.19-frag-plateau';
const SLOW = 'test/fixtures/captured/go1.19-audit29-finalizer';
const STUCK = 'test/fixtures/captured/go1.19-finalizer-stuck';
const WORK = 'test/fixtures/captured/go1.19-audit-work/06-frag';

interface Finding { ruleId: string; severity: string; source: string; line?: number; column?: number; message: string; why: string; fix: string; evidence?: Record<string, unknown> }
interface Report { verdict: { leak: string; dominant: string; summary: string }; findings: Finding[]; series?: { verdict: { kind: string; summary: string } } }

async function analyze(args: string[]): Promise<Report> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

const ONE_DUMP = 'One dump cannot tell free slots the next allocations of their size will fill from spans its survivors keep for good: a dump after more GC cycles can (fragmentation that lasts is objects of one burst outliving the rest, not a leak).';
const SCAVENGER = 'which the scavenger cannot return while one object of a span lives';

describe('fragmentation leads the verdict when it holds most of what is not live', () => {
  it('one dump: the spans its live objects keep, not a past peak', async () => {
    const report = await analyze([`${FRAG}/02-t2-thinned.heap-gc1.txt`]);
    expect(report.verdict).toEqual({
      leak: 'not-suspected',
      dominant: 'fragmentation',
      summary: `Not a leak of reachable data: live 48.7 MiB of 337.6 MiB mapped (Go holds 251.1 MiB), and its live objects keep the spans they sit in: 175.1 MiB of in-use spans hold no objects (fragmentation, 78.2% of HeapInuse), 86.5% of what Go holds beside the live heap, ${SCAVENGER}; 86.5 MiB of idle heap already released to the OS. Most of the memory is unused space in in-use spans. ${ONE_DUMP} One dump cannot tell whether the live 48.7 MiB grows — take another after some time (and a GC) and compare both with heapdoc analyze A B.`,
    });
    expect(report.verdict.summary).not.toContain('past peak');
    const last = await analyze([`${FRAG}/04-t4.heap-gc1.txt`]);
    expect(last.verdict.summary).toContain('(Go holds 251.4 MiB), and its live objects keep the spans they sit in: 175.1 MiB of in-use spans hold no objects (fragmentation, 78.2% of HeapInuse), 86.4% of what Go holds beside the live heap,');
  });

  it('one dump of live objects only: unchanged', async () => {
    const report = await analyze([`${FRAG}/01-t1-full.heap-gc1.txt`]);
    expect(report.verdict.summary).toBe('Live objects are most of what Go holds: live 306.9 MiB is 91.6% of the 335.2 MiB Go holds (337.6 MiB mapped). One dump cannot tell a leak from a peak — take another after some time (and a GC) and compare both with heapdoc analyze A B.');
  });

  it('a stable series names the spans its objects keep, with the GC cycles it lasted', async () => {
    const report = await analyze(['02-t2-thinned', '03-t3', '04-t4'].map((m) => `${FRAG}/${m}.heap-gc1.txt`));
    expect(report.series?.verdict.kind).toBe('stable');
    expect(report.verdict.summary).toBe(`Stable: live heap 48.7 MiB → 48.7 MiB across 3 GC-separated snapshots (snapshots 1→3), with no site or goroutine group growing steadily. Its objects keep the spans they sit in: 175.1 MiB of in-use spans hold no objects (fragmentation, 78.2% of HeapInuse), 86.4% of what Go holds beside the live heap at snapshots 1–3 (NumGC 9 → 13), ${SCAVENGER}: memory the heap keeps, not growth.`);
  });

  it('a plateau names them from the snapshot where the heap grew', async () => {
    const dumps = ['01-t1-base', '02-t2-grown', '03-t3', '04-t4', '05-t5'].map((m) => `${PLATEAU}/${m}.heap-gc1.txt`);
    const report = await analyze(dumps);
    expect(report.series?.verdict.kind).toBe('stable');
    expect(report.verdict.summary).toBe(`A plateau, not a leak: the live heap rose from 8.4 MiB to 56.9 MiB by snapshot 2, then stayed near 56.9 MiB through snapshot 5: it grew once, then stopped. Its objects keep the spans they sit in: 175.1 MiB of in-use spans hold no objects (fragmentation, 75.5% of HeapInuse), 71.4% of what Go holds beside the live heap at snapshots 2–5 (NumGC 10 → 19), ${SCAVENGER}: memory the heap keeps, not growth. Grew, then held (not growing now): main.grow (main.go:31) +17.0 MiB, main.grow (main.go:25) +15.3 MiB, main.grow (main.go:27) +6.0 MiB, main.grow (main.go:29) +4.6 MiB.`);
  });

  it('fragmentation beside a larger live heap: named when it holds most of the rest (audit-work 06-frag)', async () => {
    const one = await analyze([`${WORK}/05-t20.heap-gc1.txt`]);
    expect(one.verdict.summary).toBe(`Live objects are too large a part of what Go holds to rule a leak out: live 44.4 MiB is 42.3% of the 104.9 MiB Go holds (113.9 MiB mapped). The live objects also keep the spans they sit in: 42.2 MiB of in-use spans hold no objects (fragmentation, 48.8% of HeapInuse), 69.8% of what Go holds beside the live heap, ${SCAVENGER}. One dump cannot tell a leak from a peak — take another after some time (and a GC) and compare both with heapdoc analyze A B.`);
    const gc1 = ['01-t4', '02-t7', '03-t12', '04-t16', '05-t20'].map((m) => `${WORK}/${m}.heap-gc1.txt`);
    const stable = await analyze(gc1);
    expect(stable.verdict.summary).toBe(`No leak evidence: live heap moves between 44.4 MiB and 85.7 MiB across 5 GC-separated snapshots (snapshots 1→5) without rising steadily, with no site or goroutine group growing steadily. Its objects keep the spans they sit in: 42.2 MiB of in-use spans hold no objects (fragmentation, 48.8% of HeapInuse), 69.8% of what Go holds beside the live heap at snapshots 3–5 (NumGC 9 → 11), ${SCAVENGER}: memory the heap keeps, not growth.`);
    // With the plain dumps, the fall from 91.2 MiB read between GCs: peak retention, whose rest was "while the heap keeps its 99.7 MiB high-water mark (4.1 MiB idle, 9.0 MiB released)".
    const fell = await analyze([...gc1, ...gc1.map((f) => f.replace('heap-gc1', 'heap-debug1'))]);
    expect(fell.verdict.summary).toBe(`Peak retention, not a leak: live heap fell from 85.7 MiB at snapshot 4 to 44.4 MiB at snapshot 10, read right after a forced GC (?gc=1; read between GCs, HeapAlloc, which counts the garbage made since the last GC too, fell from 91.2 MiB at snapshot 1 to 44.5 MiB at snapshot 9), but its survivors keep the spans they sit in: 42.2 MiB of in-use spans hold no objects (fragmentation, 48.8% of HeapInuse), 69.8% of what Go holds beside the live heap at snapshots 5–10 (NumGC 8 → 11), ${SCAVENGER}; the rest of the 99.7 MiB high-water mark is 4.1 MiB idle and 9.0 MiB released.`);
  });

  it('a churn series names them too, with the same words (go1.19-frag-churn: it said "the cost is GC work, not memory")', async () => {
    const CHURN = 'test/fixtures/captured/go1.19-frag-churn';
    const report = await analyze(['01-t1-base', '02-t2-grown', '03-t3', '04-t4', '05-t5', '06-t6'].map((m) => `${CHURN}/${m}.heap-gc1.txt`));
    expect(report.series?.verdict.kind).toBe('churn');
    expect(report.verdict.summary).toBe(`Churn, not a leak: 1.0 GiB allocated a step on average (5.1 GiB over 5 steps between snapshots) while the live heap rose from 8.2 MiB to 56.7 MiB by snapshot 2, then stayed near 56.7 MiB through snapshot 6 (a plateau: it stopped rising); the cost is GC work. Its objects keep the spans they sit in: 174.8 MiB of in-use spans hold no objects (fragmentation, 75.5% of HeapInuse), 51.7% of what Go holds beside the live heap at snapshots 2–6 (NumGC 20 → 74), ${SCAVENGER}: memory the heap keeps, not growth. Grew, then held (not growing now): main.grow (main.go:33) +19.0 MiB, main.grow (main.go:27) +15.3 MiB, main.grow (main.go:29) +7.0 MiB, main.grow (main.go:31) +4.6 MiB.`);
    // Where fragmentation does not hold most of the rest, churn says its cost as before (audit-work 05b: 0.6 of 30.7 MiB).
    const workingSet = await analyze(['01-t3', '02-t6', '03-t9', '04-t12', '05-t15', '06-t18'].map((m) => `test/fixtures/captured/go1.19-audit-work/05b-workingset-gogc100/${m}.heap-gc1.txt`));
    expect(workingSet.verdict.summary).toBe('Churn, not a leak: 527.1 MiB allocated a step on average (2.6 GiB over 5 steps between snapshots) while live heap stays near 15.9 MiB across 6 GC-separated snapshots; the Go heap\'s cost is GC work. Growing, but not yet evidence: main.runMemlimit (main.go:146) +11.6 MiB. It is a shift between sites, not growth: other sites fell meanwhile (main.runMemlimit (main.go:140) −7.6 MiB) while the live heap did not follow (15.9 MiB → 15.9 MiB): a working set filled at one line and refilled at another moves from one site to the other.');
  });

  it('the verdict after a fall keeps its words (the same wording code)', async () => {
    const report = await analyze(['01-t1-full', '02-t2-thinned', '03-t3', '04-t4'].map((m) => `${FRAG}/${m}.heap-gc1.txt`));
    expect(report.verdict.summary).toBe(`Peak retention, not a leak: live heap fell from 306.9 MiB to 48.7 MiB, but its survivors keep the spans they sit in: 175.1 MiB of in-use spans hold no objects (fragmentation, 78.2% of HeapInuse), the largest part of the memory at snapshots 2–4 (NumGC 9 → 13), ${SCAVENGER}; the rest of the 311.7 MiB high-water mark is 1.6 MiB idle and 86.2 MiB released.`);
  });
});

const ONE_AT_A_TIME = 'finalizers run one at a time on that one goroutine, so a finalizer that blocks or sleeps holds up every other, and the objects waiting for theirs are never freed, with everything they reference. They pile up, a leak that grows with every object given a finalizer.';
const FIX_TAIL = 'do the slow work in a goroutine the finalizer starts, or give the type an explicit Close that the program calls, keeping the finalizer only as a safety net (https://pkg.go.dev/runtime#SetFinalizer).';
const AGAIN = 'a finalizer it is found in again and again is stuck, or too slow for the finalizers queued behind it.';
const LATER = 'One dump shows it at one moment: a later dump that finds it there again (or the minutes a debug=2 header prints from one minute on) says it is stuck.';

describe('finalizer-blocked: one goroutine dump whose finalizer goroutine waits in the program', () => {
  it('debug=2, sleeping: the finding and the headline', async () => {
    const report = await analyze([`${SLOW}/05-t5.goroutine2.txt`]);
    expect(report.verdict.summary).toBe('Goroutine dump only (5 goroutines). The finalizer goroutine is blocked in main.slowClose at main.go:20 [sleep]: every other finalizer waits behind it. Give a heap dump too for the memory picture, and several dumps over time to see growth.');
    const found = report.findings.filter((f) => f.ruleId === 'finalizer-blocked');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'warning', source: `${SLOW}/05-t5.goroutine2.txt`, line: 29, column: 1,
      message: 'The finalizer goroutine is blocked in main.slowClose at main.go:20 [sleep]: every other finalizer waits behind it.',
      why: `The runtime runs every finalizer on one goroutine (runtime.runfinq, the frame under main.slowClose): ${ONE_AT_A_TIME} ${LATER}`,
      fix: `Do not block in a finalizer (main.slowClose waits in time.Sleep): ${FIX_TAIL}`,
      evidence: { function: 'main.slowClose', file: '/tmp/audit29a/progs/finalizer/main.go', line: 20, state: 'sleep', blockedIn: 'time.Sleep' },
    });
  });

  it('debug=1: the waiting frame above the finalizer says it waits', async () => {
    const report = await analyze([`${SLOW}/05-t5.goroutine1.txt`]);
    const found = report.findings.filter((f) => f.ruleId === 'finalizer-blocked');
    expect(found.map((f) => [f.severity, f.line, f.message])).toEqual([
      ['warning', 31, 'The finalizer goroutine is blocked in main.slowClose at main.go:20, in time.Sleep: every other finalizer waits behind it.'],
    ]);
  });

  it('debug=2, blocked on a send for 2 minutes: the minutes its header prints', async () => {
    const report = await analyze([`${STUCK}/03-t3.goroutine2.txt`]);
    const found = report.findings.filter((f) => f.ruleId === 'finalizer-blocked');
    expect(found.map((f) => [f.severity, f.line, f.message, f.fix])).toEqual([[
      'warning', 29, 'The finalizer goroutine is blocked in main.closeHandle at main.go:23 [chan send] for 2 minutes: every other finalizer waits behind it.',
      `Do not block in a finalizer (main.closeHandle waits on a chan send): ${FIX_TAIL}`,
    ]]);
    expect(found[0]?.why.endsWith('Its header says it has waited for 2 minutes.')).toBe(true);
    const first = await analyze([`${STUCK}/01-t1.goroutine2.txt`]);
    expect(first.findings.find((f) => f.ruleId === 'finalizer-blocked')?.message).toBe('The finalizer goroutine is blocked in main.closeHandle at main.go:23 [chan send]: every other finalizer waits behind it.');
  });

  it('debug=1 without a waiting frame: said as a note, and what tells', async () => {
    const report = await analyze([`${STUCK}/03-t3.goroutine1.txt`]);
    expect(report.verdict.summary).toBe('Goroutine dump only (5 goroutines): give a heap dump too for the memory picture, and several dumps over time to see growth.');
    const found = report.findings.filter((f) => f.ruleId === 'finalizer-blocked');
    expect(found.map((f) => [f.severity, f.line, f.message])).toEqual([
      ['info', 14, 'The finalizer goroutine was running main.closeHandle at main.go:23, a finalizer of the program, when the dump was taken.'],
    ]);
    expect(found[0]?.why.endsWith("A debug=1 dump does not say whether it waits there (on a channel, a lock or I/O, whose frames are the runtime's): goroutine?debug=2 prints its state and, from a minute on, for how long.")).toBe(true);
  });

  it('once for a run of several dumps: the latest\'s, with how many show it', async () => {
    const report = await analyze(['01-t1', '02-t2', '03-t3'].map((m) => `${STUCK}/${m}.goroutine2.txt`));
    const found = report.findings.filter((f) => f.ruleId === 'finalizer-blocked');
    expect(found.map((f) => [f.source, f.line, f.message])).toEqual([
      [`${STUCK}/03-t3.goroutine2.txt`, 29, 'The finalizer goroutine is blocked in main.closeHandle at main.go:23 [chan send] for 2 minutes, in all 3 goroutine dumps: every other finalizer waits behind it.'],
    ]);
    expect(found[0]).toMatchObject({
      severity: 'warning', scope: 'series',
      why: `The runtime runs every finalizer on one goroutine (runtime.runfinq, the frame under main.closeHandle): ${ONE_AT_A_TIME} All 3 goroutine dumps of the process find it in main.closeHandle: ${AGAIN} The latest dump's header says it has waited for 2 minutes.`,
      fix: `Do not block in a finalizer (main.closeHandle waits on a chan send): ${FIX_TAIL}`,
      evidence: { function: 'main.closeHandle', file: '/tmp/fix30frag/progs/finstuck/main.go', line: 23, state: 'chan send', waitMinutes: 2, dumps: 3 },
    });
  });

  it('lint: a warning at the finalizer goroutine, for debug=2 and debug=1', async () => {
    const r = await runCli(['lint', `${SLOW}/05-t5.goroutine2.txt`, `${SLOW}/05-t5.goroutine1.txt`, `${STUCK}/03-t3.goroutine2.txt`, '--format', 'json']);
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; severity: number | string; line: number; column: number; message: string }[] }[];
    const got = results.flatMap((x) => x.messages.filter((m) => m.ruleId === 'finalizer-blocked').map((m) => [x.filePath.split('/').slice(-2).join('/'), m.line, m.column, m.message]));
    expect(got).toEqual([
      ['go1.19-audit29-finalizer/05-t5.goroutine2.txt', 29, 1, 'The finalizer goroutine is blocked in main.slowClose at main.go:20 [sleep]: every other finalizer waits behind it.'],
      ['go1.19-audit29-finalizer/05-t5.goroutine1.txt', 31, 1, 'The finalizer goroutine is blocked in main.slowClose at main.go:20, in time.Sleep: every other finalizer waits behind it.'],
      ['go1.19-finalizer-stuck/03-t3.goroutine2.txt', 29, 1, 'The finalizer goroutine is blocked in main.closeHandle at main.go:23 [chan send] for 2 minutes: every other finalizer waits behind it.'],
    ]);
    expect(r.code).toBe(0);
    const failing = await runCli(['lint', `${STUCK}/03-t3.goroutine2.txt`, '--max-warnings', '0']);
    expect(failing.code).toBe(1);
  });
});

describe('finalizer-blocked once for the goroutine dumps of one process (was once per dump: 10 in go1.19-audit29-finalizer)', () => {
  const SERIES = 'The finalizer goroutine is blocked in main.slowClose at main.go:20 [sleep], in all 5 goroutine dumps: every other finalizer waits behind it.';

  it('lint of the directory: one warning, at the latest debug=2 dump, scope series; the debug=1 dumps of the same moments say it no more', async () => {
    const r = await runCli(['lint', SLOW, '--format', 'json']);
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number; message: string; why: string; scope?: string; evidence?: Record<string, unknown> }[] }[];
    const found = results.flatMap((x) => x.messages.filter((m) => m.ruleId === 'finalizer-blocked').map((m) => ({ file: x.filePath.split('/').slice(-1)[0], ...m })));
    expect(found.map((m) => [m.file, m.line, m.message, m.scope])).toEqual([['05-t5.goroutine2.txt', 29, SERIES, 'series']]);
    expect(found[0]?.why).toBe(`The runtime runs every finalizer on one goroutine (runtime.runfinq, the frame under main.slowClose): ${ONE_AT_A_TIME} All 5 goroutine dumps of the process find it in main.slowClose: ${AGAIN}`);
    expect(found[0]?.evidence).toEqual({ function: 'main.slowClose', file: '/tmp/audit29a/progs/finalizer/main.go', line: 20, state: 'sleep', blockedIn: 'time.Sleep', dumps: 5 });
    const text = await runCli(['lint', SLOW]);
    expect(text.stdout).toContain('✖ 3 problems (1 error, 2 warnings)');
  });

  it('analyze of the directory: the same one finding (it was the latest dump\'s, saying "One dump shows it at one moment")', async () => {
    const r = await runCli(['analyze', SLOW, '--format', 'json']);
    const report = JSON.parse(r.stdout) as Report;
    const found = report.findings.filter((f) => f.ruleId === 'finalizer-blocked');
    expect(found.map((f) => [f.source, f.line, f.message])).toEqual([[`${SLOW}/05-t5.goroutine2.txt`, 29, SERIES]]);
    expect(found[0]?.why).not.toContain('One dump shows it at one moment');
  });

  it('the six moments of audit-work 09-finalizers (debug=1, debug=2 and binary goroutine profiles): 18 warnings become one', async () => {
    const r = await runCli(['lint', 'test/fixtures/captured/go1.19-audit-work/09-finalizers', '--format', 'json']);
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number; message: string }[] }[];
    expect(results.flatMap((x) => x.messages.filter((m) => m.ruleId === 'finalizer-blocked').map((m) => [x.filePath.split('/').slice(-1)[0], m.line, m.message]))).toEqual([
      ['06-t18.goroutine-debug2.txt', 31, 'The finalizer goroutine is blocked in main.runFinalizers.func2 at main.go:226 [sleep], in all 6 goroutine dumps: every other finalizer waits behind it.'],
    ]);
  });
});
