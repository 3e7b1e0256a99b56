/**
 * Series verdicts on real go1.19.8 programs captured for an audit (test/fixtures/captured/
 * go1.19-audit-work, README.md and each folder's CAPTURE.md there). Each case was a wrong verdict:
 * a fixed working set refilled at another line called a leak (one site rose as another fell while
 * the live heap after ?gc=1 stayed flat), a goroutine leak seen without goroutine dumps called
 * churn, and a limit-driven sawtooth called peak retention from a HeapAlloc read mid-cycle.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const W = 'test/fixtures/captured/go1.19-audit-work';
const files = (set: string, ...suffixes: string[]): string[] =>
  readdirSync(`${W}/${set}`).filter((f) => suffixes.some((s) => f.endsWith(s))).sort().map((f) => `${W}/${set}/${f}`);

interface Verdict { kind: string; leak: string; confidence: string; summary: string; evidence: { kind: string }[] }
async function verdict(args: string[]): Promise<{ top: { leak: string; summary: string }; series: Verdict }> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  const report = JSON.parse(r.stdout) as { verdict: { leak: string; summary: string }; series: { verdict: Verdict } };
  return { top: report.verdict, series: report.series.verdict };
}
/** `--fail-on leak`'s exit code, and whether lint on the same files reports leak-suspected (and its exit code). */
async function gates(args: string[]): Promise<{ failOn: number | null; lint: number | null; leakSuspected: boolean }> {
  const failOn = await runCli([...args, '--fail-on', 'leak']);
  const lint = await runCli(['lint', '--no-config', ...args]);
  return { failOn: failOn.code, lint: lint.code, leakSuspected: lint.stdout.includes('leak-suspected') };
}
const notALeak = { failOn: 0, lint: 0, leakSuspected: false };

describe('a fixed working set whose slots are filled at one line and replaced at another', () => {
  it('GOGC=100, ?gc=1 dumps: main.go:146 rose as main.go:140 fell, live heap flat: churn, not "Leak suspected"', async () => {
    const dumps = files('05b-workingset-gogc100', '.heap-gc1.txt');
    const v = await verdict(dumps);
    expect(v.top.leak).toBe('not-suspected');
    expect(v.series).toEqual({
      kind: 'churn', leak: 'not-suspected', confidence: 'medium', evidence: [],
      summary: 'Churn, not a leak: 527.1 MiB allocated a step on average (2.6 GiB over 5 steps between snapshots) while live heap stays near 15.9 MiB across 6 GC-separated snapshots; the Go heap\'s cost is GC work. Growing, but not yet evidence: main.runMemlimit (main.go:146) +11.6 MiB. It is a shift between sites, not growth: other sites fell meanwhile (main.runMemlimit (main.go:140) −7.6 MiB) while the live heap did not follow (15.9 MiB → 15.9 MiB): a working set filled at one line and refilled at another moves from one site to the other.',
    });
    expect(v.top.summary).toBe(v.series.summary);
    expect(await gates(dumps)).toEqual(notALeak);
  });

  it('GOGC=off GOMEMLIMIT=64MiB, ?gc=1 dumps with goroutine dumps: live 15.9 → 17.9 MiB, the same shift', async () => {
    const dumps = files('05-memlimit', '.heap-gc1.txt', '.goroutine-debug1.txt');
    const v = await verdict(dumps);
    expect(v.series.leak).toBe('not-suspected');
    expect(v.series.kind).toBe('churn');
    expect(v.series.summary).toBe('Churn, not a leak: 556.6 MiB allocated a step on average (2.7 GiB over 5 steps between snapshots) while the live heap moves between 15.9 MiB and 17.9 MiB across 6 GC-separated snapshots without rising steadily; the Go heap\'s cost is GC work. Growing, but not yet evidence: main.runMemlimit (main.go:146) +9.6 MiB. It is a shift between sites, not growth: other sites fell meanwhile (main.runMemlimit (main.go:140) −9.1 MiB, main.runMemlimit (main.go:144) −528.2 KiB) while the live heap did not follow (15.9 MiB → 17.9 MiB): a working set filled at one line and refilled at another moves from one site to the other.');
    expect(await gates(dumps)).toEqual(notALeak);
  });

  // /debug/vars reads MemStats between GCs: HeapAlloc 19.7–30.4 MiB within the 16.1 MiB allocated per GC under NextGC 32.6–33.6 MiB
  // is said as HeapAlloc read between GCs (it was "live heap stays near 19.7 MiB"; the ?gc=1 dumps read 15.9 MiB live).
  it('its binary profiles with the /debug/vars of the same moments say the same churn, of HeapAlloc read between GCs', async () => {
    const given = files('05b-workingset-gogc100', '.heap.pb.gz', '.vars.json');
    const v = await verdict(given);
    expect(v.series.leak).toBe('not-suspected');
    expect(v.series.kind).toBe('churn');
    expect(v.series.summary).toBe("Churn, not a leak: 528.5 MiB allocated a step on average (2.6 GiB over 5 steps between snapshots) while HeapAlloc, read between GCs, moves between 19.7 MiB and 30.4 MiB across 6 GC-separated snapshots (snapshots 1→6) without rising steadily: its spread, 10.7 MiB, is within the 16.1 MiB allocated per GC cycle (TotalAlloc's rise over the 165 GCs the runtime started), the height of the GC's sawtooth, under a heap goal that held (NextGC 32.6 MiB–33.6 MiB), which a live heap that grew would have raised; the Go heap's cost is GC work. A dump taken between GCs counts the garbage made since the last one in HeapAlloc: add ?gc=1 to the heap URL so that each snapshot follows a GC. Growing, but not yet evidence: main.runMemlimit (main.go:146) +11.1 MiB. It is a shift between sites, not growth: other sites fell meanwhile (main.runMemlimit (main.go:140) −7.6 MiB) while HeapAlloc, read between GCs, did not follow (20.7 MiB → 19.7 MiB; it counts garbage not yet collected, so these snapshots do not say the live heap itself): a working set filled at one line and refilled at another moves from one site to the other.");
    expect(await gates(given)).toEqual(notALeak);
  });
});

// /debug/vars alone has no heap URL to add ?gc=1 to, and cannot run a GC first: the advice is a ?gc=1 heap dump's (gcoff.ts measureLiveHeap).
describe('/debug/vars alone, read between GCs: advice that fits /debug/vars, not "add ?gc=1 to the heap URL"', () => {
  const advice = 'A snapshot read between GCs counts the garbage made since the last one in HeapAlloc: to measure the live heap, take heap?debug=1&gc=1 dumps (each runs a GC first, so that its HeapAlloc is the live heap; /debug/vars and /metrics cannot run one).';
  const churn = (step: string, over: string, low: string, high: string, spread: string, perGC: string, gcs: string, goal: string): string =>
    `Churn, not a leak: ${step} allocated a step on average (${over} over 5 steps between snapshots) while HeapAlloc, read between GCs, moves between ${low} and ${high} across 6 GC-separated snapshots (snapshots 1→6) without rising steadily, with no site or goroutine group growing steadily: its spread, ${spread}, is within the ${perGC} allocated per GC cycle (TotalAlloc's rise over the ${gcs} GCs the runtime started), the height of the GC's sawtooth, under a heap goal that held (NextGC ${goal}), which a live heap that grew would have raised; the Go heap's cost is GC work. ${advice}`;

  it('GOGC=off GOMEMLIMIT=64MiB (05-memlimit)', async () => {
    const v = await verdict(files('05-memlimit', '.vars.json'));
    expect(v.series).toMatchObject({ kind: 'churn', leak: 'not-suspected', confidence: 'medium', evidence: [], summary: churn('544.6 MiB', '2.7 GiB', '21.4 MiB', '45.0 MiB', '23.6 MiB', '32.4 MiB', '84', '51.4 MiB–51.5 MiB') });
  });

  it('GOGC=100 (05b-workingset-gogc100)', async () => {
    const v = await verdict(files('05b-workingset-gogc100', '.vars.json'));
    expect(v.series).toMatchObject({ kind: 'churn', leak: 'not-suspected', confidence: 'medium', evidence: [], summary: churn('532.1 MiB', '2.6 GiB', '19.7 MiB', '30.4 MiB', '10.7 MiB', '16.1 MiB', '165', '32.6 MiB–33.6 MiB') });
  });
});

describe('a goroutine leak (one goroutine a second blocked on a send) without goroutine dumps', () => {
  // `heap`: the live heap of ?gc=1 dumps; of /debug/vars alone, HeapAlloc read between GCs.
  const unknown = (stacks: string, objects: string, live: string, heap = 'the live heap'): string =>
    `Cannot tell yet whether memory leaks: goroutine stacks (StackInuse) ${stacks} never fell and HeapObjects ${objects} rose with them across 6 GC-separated snapshots (snapshots 1→6), while ${heap} went ${live}: goroutines that never end keep their stacks and what they reference, a leak the heap barely shows; give goroutine dumps (goroutine?debug=1) of the same moments to see whether goroutines accumulate.`;

  it('?gc=1 dumps alone: StackInuse 416 → 512 KiB and HeapObjects +31 a step are "Cannot tell yet", not "Churn … a plateau"', async () => {
    const dumps = files('08-goleak', '.heap-gc1.txt');
    const v = await verdict(dumps);
    expect(v.top.leak).toBe('unknown');
    expect(v.series).toEqual({
      kind: 'unknown', leak: 'unknown', confidence: 'low', evidence: [],
      summary: unknown('416.0 KiB → 416.0 KiB → 448.0 KiB → 480.0 KiB → 480.0 KiB → 512.0 KiB', '1,086 → 1,123 → 1,148 → 1,182 → 1,213 → 1,241', '194.5 KiB → 227.2 KiB'),
    });
    expect(await gates(dumps)).toEqual(notALeak);
  });

  it('/debug/vars alone: the same, not "Churn, not a leak"', async () => {
    const vars = files('08-goleak', '.vars.json');
    const v = await verdict(vars);
    expect(v.top.leak).toBe('unknown');
    expect(v.series.summary).toBe(unknown('320.0 KiB → 416.0 KiB → 416.0 KiB → 448.0 KiB → 480.0 KiB → 480.0 KiB', '1,497 → 1,433 → 1,583 → 1,657 → 1,787 → 1,914', '306.3 KiB → 286.1 KiB', 'HeapAlloc, read between GCs,'));
    expect(await gates(vars)).toEqual(notALeak);
  });

  it('with the goroutine dumps of the same moments it is still "Leak suspected": main.worker +50', async () => {
    const given = files('08-goleak', '.heap-gc1.txt', '.goroutine-debug1.txt');
    const v = await verdict(given);
    expect(v.top.leak).toBe('suspected');
    expect(v.series.summary).toBe('Leak suspected (high confidence): growing goroutine groups across 6 dumps: main.worker +50.');
    expect(await gates(given)).toEqual({ failOn: 1, lint: 1, leakSuspected: true });
  });
});

describe('a sawtooth under GOGC=off and GOMEMLIMIT=64MiB (a GC every ~0.17 s)', () => {
  it('HeapAlloc read mid-cycle (49.5, 43.2, 47.7 MiB) between ?gc=1 dumps (15.9–17.9 MiB): churn, not "Peak retention"; the six ?gc=1 readings are enough, so no advice to add ?gc=1, and the site grew 9.6 MiB across their profiles', async () => {
    const dumps = files('05-memlimit', '.heap-debug1.txt', '.heap-gc1.txt');
    const v = await verdict(dumps);
    expect(v.top.leak).toBe('not-suspected');
    expect(v.series.kind).toBe('churn');
    expect(v.series.summary).toBe('Churn, not a leak: 257.4 MiB allocated a step on average (2.8 GiB over 11 steps between snapshots) while the live heap moves between 15.9 MiB and 17.9 MiB without rising steadily across the 6 GC-separated snapshots read right after a forced GC (snapshots 2→12, ?gc=1), and 21.4 MiB to 49.5 MiB at snapshots 1, 3, 5, 7, 9 and 11, read between GCs (their HeapAlloc counts the garbage made since the last GC); the Go heap\'s cost is GC work. Growing, but not yet evidence: main.runMemlimit +9.6 MiB.');
    expect(await gates(dumps)).toEqual(notALeak);
  });

  it('its first three moments (49.5 → 15.9 → 43.2 → 15.9 → 47.7 → 17.9 MiB): the last top, followed by a fall and the end, is no past peak: churn', async () => {
    // 47.7 MiB has no climb after it, but it is no higher than the tops that came back (49.5, 43.2 MiB):
    // it was "Peak retention, not a leak: live heap fell from 47.7 MiB to 17.9 MiB". Three readings after a forced GC are too few
    // for the verdict to rest on them alone (forced.ts judgedAfterForcedGC): their three ?gc=1 dumps alone say "Leak suspected".
    const dumps = files('05-memlimit', '.heap-debug1.txt', '.heap-gc1.txt').filter((f) => /\/0[123]-/.test(f));
    expect(dumps).toHaveLength(6);
    const v = await verdict(dumps);
    expect(v.series).toEqual({
      kind: 'churn', leak: 'not-suspected', confidence: 'low', evidence: [],
      summary: 'Churn, not a leak: 226.1 MiB allocated a step on average (1.1 GiB over 5 steps between snapshots) while the live heap moves between 15.9 MiB and 17.9 MiB without rising steadily across the 3 GC-separated snapshots read right after a forced GC (snapshots 2→6, ?gc=1), and 49.5 MiB, 43.2 MiB and 47.7 MiB at snapshots 1, 3 and 5, read between GCs (their HeapAlloc counts the garbage made since the last GC); the Go heap\'s cost is GC work. To read the live heap at each snapshot, add ?gc=1 to the heap URL so that each snapshot follows a GC. Growing, but not yet evidence: main.runMemlimit +5.5 MiB.',
    });
    expect(await gates(dumps)).toEqual(notALeak);
  });

  it('the whole capture folder (vars, binary profiles, goroutine dumps, the GC log) is not "Peak retention" either', async () => {
    const r = await runCli([`${W}/05-memlimit`, '--format', 'json', '--fail-on', 'leak']);
    expect(r.code).toBe(0);
    const summary = (JSON.parse(r.stdout) as { verdict: { summary: string } }).verdict.summary;
    expect(summary).toMatch(/^Churn, not a leak: 257\.4 MiB allocated a step on average \(2\.8 GiB over 11 steps between snapshots\) while the live heap moves between 15\.9 MiB and 17\.9 MiB without rising steadily across the 6 GC-separated snapshots read right after a forced GC/);
  });
});

describe('the same sawtooth with its GOMEMLIMIT known: held up to the limit by design, not churn', () => {
  const HELD = 'Not a leak: the heap is held up to the memory limit by design (GOMEMLIMIT 64.0 MiB, given): Go holds 63.8 MiB (Sys − HeapReleased, what the limit bounds), 99.7% of it, in the latest snapshot; ';
  const GOAL = ' The heap goal (NextGC 51.4 MiB) is above twice the lowest HeapAlloc read (15.9 MiB): GOGC is off or high (GOGC=100 sets it at about twice the live heap), and the limit alone says when the GC runs, so the heap fills up to it between GCs. Its idle heap (34.3 MiB) is room the limit lets the heap refill, not a retained peak. To hold less, lower GOMEMLIMIT, or set GOGC=100 (its default) so that the heap goal follows the live heap; a tighter limit costs GC work.';

  it('analyze of the folder with --gomemlimit 64MiB: the text headline and JSON name the limit (it was "Churn, not a leak"); --fail-on leak passes', async () => {
    const r = await runCli([`${W}/05-memlimit`, '--gomemlimit', '64MiB']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      `${HELD}HeapAlloc moves between 15.9 MiB and 49.5 MiB across 12 GC-separated snapshots (snapshots 1→12) while 257.4 MiB is allocated a step on average (2.8 GiB over 11 steps between snapshots).`,
      GOAL.slice(1, GOAL.indexOf(' Its idle')),
      'Its idle heap (34.3 MiB) is room the limit lets the heap refill, not a retained peak.',
      'To hold less, lower GOMEMLIMIT, or set GOGC=100 (its default) so that the heap goal follows the live heap; a tighter limit costs GC work.',
    ]);
    const json = JSON.parse((await runCli([`${W}/05-memlimit`, '--gomemlimit', '64MiB', '--format', 'json'])).stdout) as { verdict: { leak: string; summary: string }; series: { verdict: Verdict } };
    expect(json.series.verdict).toMatchObject({ kind: 'memory-limit', leak: 'not-suspected', confidence: 'medium', evidence: [] });
    expect(json.verdict.leak).toBe('not-suspected');
    expect(json.verdict.summary).toBe(`${HELD}HeapAlloc moves between 15.9 MiB and 49.5 MiB across 12 GC-separated snapshots (snapshots 1→12) while 257.4 MiB is allocated a step on average (2.8 GiB over 11 steps between snapshots).${GOAL} Growing, but not yet evidence: main.runMemlimit +9.6 MiB.`);
    expect((await runCli([`${W}/05-memlimit`, '--gomemlimit', '64MiB', '--fail-on', 'leak'])).code).toBe(0);
  });

  it('its ?gc=1 dumps alone with --gomemlimit 64MiB: the same; with a limit Go is far from (128MiB), churn as before', async () => {
    const dumps = files('05-memlimit', '.heap-gc1.txt');
    const v = await verdict([...dumps, '--gomemlimit', '64MiB']);
    expect(v.series.kind).toBe('memory-limit');
    expect(v.series.summary.startsWith(`${HELD}HeapAlloc moves between 15.9 MiB and 17.9 MiB across 6 GC-separated snapshots (snapshots 1→6) while 556.6 MiB is allocated a step on average (2.7 GiB over 5 steps between snapshots).${GOAL} Growing, but not yet evidence: main.runMemlimit (main.go:146) +9.6 MiB.`)).toBe(true);
    expect((await verdict([...dumps, '--gomemlimit', '128MiB'])).series.kind).toBe('churn');
  });

  it('a known limit changes no verdict Go holds far more than (04-ballast: 365.1 MiB, 570% of 64 MiB) nor a plateau (f-cache: 96.5% of it): it only ends it with where Go stood against the limit', async () => {
    const ballast = `${W}/04-ballast`;
    const cache = 'test/fixtures/captured/go1.19-audit-verdicts/f-cache';
    const standing: Record<string, string> = {
      [ballast]: 'GOMEMLIMIT 64.0 MiB (given): Go holds 365.1 MiB (Sys − HeapReleased, what the limit bounds), 570.5% of it, in the latest snapshot (at most 366.4 MiB, 572.5%, at snapshot 3): HeapAlloc alone (200.2 MiB) is above the limit, which no collection meets while that much is live (memory-limit-pressure).',
      // A limit given that the process does not run with: the goal (NextGC 73.6 MiB, GOGC's) is above what it would leave the heap (it said "holds the heap down").
      [cache]: 'GOMEMLIMIT 64.0 MiB (given): Go holds 61.8 MiB (Sys − HeapReleased, what the limit bounds), 96.5% of it, in the latest snapshot, but the limit is met with room: Go holds 11.6 MiB beside the heap (fragmentation, goroutine stacks, runtime metadata), which no GC frees, so the limit leaves the heap 52.4 MiB, below its goal (NextGC 73.6 MiB): GOGC sets the goal, not this limit, which would hold it to what it leaves (is it the limit the process runs with?), so GOGC, not the limit, says when the GC runs.',
    };
    type Report = { verdict: { leak: string; dominant: string; summary: string }; series: { verdict: { kind: string; limit?: { role: string } } } };
    for (const dir of [ballast, cache]) {
      const [given, without] = (await Promise.all([runCli([dir, '--gomemlimit', '64MiB', '--format', 'json']), runCli([dir, '--format', 'json'])])).map((r) => JSON.parse(r.stdout) as Report);
      expect(given?.verdict).toEqual({ ...without?.verdict, summary: `${without?.verdict.summary ?? ''} ${standing[dir] ?? ''}` });
      expect(given?.series.verdict.kind).toBe(without?.series.verdict.kind);
      expect([given?.series.verdict.limit?.role, without?.series.verdict.limit]).toEqual([dir === ballast ? 'exceeded' : 'reached', undefined]);
    }
    const plateau = JSON.parse((await runCli([cache, '--gomemlimit', '64MiB', '--format', 'json'])).stdout) as { verdict: { summary: string } };
    // main.fillCache 13.5 → 23.6 → 34.6 → 34.6 → 34.1 → 36.1 MiB: its one fall is under half its average rise per step, so it grew (trend.ts fallSlack).
    expect(plateau.verdict.summary).toBe(`A plateau, not a leak: the live heap rose from 12.3 MiB to 36.6 MiB by snapshot 3, then stayed near 36.7 MiB through snapshot 6: it grew at 2 steps, then stopped. Grew, then held (not growing now): main.fillCache +22.6 MiB. ${standing[cache] ?? ''}`);
  });

  it('lint with memory-limit-pressure given the limit: one series finding naming it, not the same warning in all 12 dumps', async () => {
    const r = await runCli(['lint', '--no-config', '--format', 'json', `${W}/05-memlimit`, '--rule', 'memory-limit-pressure=warn:gomemlimit=64MiB']);
    expect(r.code).toBe(0);
    const files = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; severity: number; message: string; fix: string; line?: number; scope?: string; evidence: Record<string, number> }[] }[];
    const messages = files.flatMap((f) => f.messages.map((m) => ({ file: f.filePath.slice(f.filePath.lastIndexOf('/') + 1), ...m })));
    expect(messages.map((m) => [m.file, m.ruleId, m.severity, m.scope, m.line])).toEqual([['06-t18.heap-gc1.txt', 'memory-limit-pressure', 1, 'series', 270]]);
    expect(messages[0]?.message).toBe('Go holds 61.1 MiB to 64.0 MiB in 12 snapshots, 95.5% to 100.0% of GOMEMLIMIT (64.0 MiB): the heap is held up to the memory limit by design, not a leak.');
    expect(messages[0]?.evidence).toMatchObject({ snapshots: 12, lowestRetainedBytes: 64091400, highestRetainedBytes: 67106056, gomemlimitBytes: 67108864 });
    expect(messages[0]?.fix).toBe('Nothing leaks: this is the limit at work. To hold less, lower GOMEMLIMIT (under GOGC=off, set a GOGC so that the heap goal follows the live heap); if GC CPU is high, raise GOMEMLIMIT or reduce the live heap.');
    // As an error, it still fails the run: one error.
    const strict = await runCli(['lint', '--no-config', `${W}/05-memlimit`, '--rule', 'memory-limit-pressure=error:gomemlimit=64MiB']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
  });

  it('lint --gomemlimit 64MiB, as analyze --gomemlimit 64MiB: the one series finding, whose series is the memory-limit verdict analyze gives', async () => {
    const D = `${W}/05-memlimit`;
    type Entry = { filePath: string; kind: string; messages: { ruleId: string; severity: number; message: string; why: string; scope?: string }[] };
    const r = await runCli(['lint', '--no-config', '--format', 'json', D, '--gomemlimit', '64MiB']);
    expect(r.code).toBe(0);
    const messages = (JSON.parse(r.stdout) as Entry[]).flatMap((f) => f.messages.map((m) => ({ file: f.filePath.slice(f.filePath.lastIndexOf('/') + 1), ...m })));
    expect(messages.map((m) => [m.file, m.ruleId, m.severity, m.scope, m.message])).toEqual([
      ['06-t18.heap-gc1.txt', 'memory-limit-pressure', 1, 'series', 'Go holds 61.1 MiB to 64.0 MiB in 12 snapshots, 95.5% to 100.0% of GOMEMLIMIT (64.0 MiB): the heap is held up to the memory limit by design, not a leak.'],
    ]);
    const analyzed = JSON.parse((await runCli([D, '--gomemlimit', '64MiB', '--format', 'json'])).stdout) as { series: { verdict: Verdict } };
    expect(analyzed.series.verdict.kind).toBe('memory-limit');
    expect(messages[0]?.why.endsWith(` The series: ${analyzed.series.verdict.summary}`)).toBe(true);
    // The same report as the rule's own option gives; the flag over the option when both are given.
    const byRule = await runCli(['lint', '--no-config', '--format', 'json', D, '--rule', 'memory-limit-pressure=warn:gomemlimit=64MiB']);
    expect(r.stdout).toBe(byRule.stdout);
    const both = await runCli(['lint', '--no-config', '--format', 'json', D, '--rule', 'memory-limit-pressure=error:gomemlimit=128MiB', '--gomemlimit', '64MiB']);
    expect([both.code, (JSON.parse(both.stdout) as Entry[]).flatMap((f) => f.messages.map((m) => [m.severity, m.message.slice(0, 58)]))]).toEqual([1, [[2, 'Go holds 61.1 MiB to 64.0 MiB in 12 snapshots, 95.5% to 10']]]);
    // A level without the option, in --rule or in a config: --gomemlimit gives it (it was refused: 'needs a "gomemlimit" option').
    const levelOnly = await runCli(['lint', '--no-config', '--format', 'json', D, '--rule', 'memory-limit-pressure=error', '--gomemlimit', '64MiB']);
    expect([levelOnly.code, levelOnly.stdout]).toEqual([1, both.stdout]);
    const config = join(mkdtempSync(join(tmpdir(), 'heapdoc-mlp-')), '.heapdocrc.json');
    writeFileSync(config, '{ "rules": { "memory-limit-pressure": "error" } }\n');
    const configured = await runCli(['lint', '--config', config, '--format', 'json', D, '--gomemlimit', '64MiB']);
    expect([configured.code, configured.stdout]).toEqual([1, both.stdout]);
    // Without --gomemlimit, the level alone runs the rule on the limit the process reports (it was refused: 'needs a "gomemlimit" option'):
    // this folder has no /metrics scrape (heap dumps and /debug/vars carry no limit), so it finds nothing.
    const reported = await runCli(['lint', '--no-config', '--format', 'json', D, '--rule', 'memory-limit-pressure=error']);
    expect([reported.code, (JSON.parse(reported.stdout) as Entry[]).flatMap((f) => f.messages)]).toEqual([0, []]);
    // The rule turned off: no finding, the limit still known (the series is not called churn by leak-suspected).
    expect(JSON.parse((await runCli(['lint', '--no-config', '--format', 'json', D, '--gomemlimit', '64MiB', '--rule', 'memory-limit-pressure=off'])).stdout)).toEqual(
      (JSON.parse(r.stdout) as Entry[]).map((f) => ({ ...f, messages: [], warningCount: 0 })));
  });

  it('lint --gomemlimit lots: one line, as analyze says it, exit 2, before anything is read', async () => {
    const line = 'heapdoc: error: --gomemlimit lots: not a size — write it as bytes or with a unit: 48MiB, 49152k, 1.5G\n';
    expect(await runCli(['lint', '--no-config', `${W}/05-memlimit`, '--gomemlimit', 'lots'])).toEqual({ code: 2, stdout: '', stderr: line });
    expect(await runCli([`${W}/05-memlimit`, '--gomemlimit', 'lots'])).toEqual({ code: 2, stdout: '', stderr: line });
    // The help of both says it the same way.
    const help = async (args: string[]): Promise<string | undefined> => /^ {2}--gomemlimit <bytes>[^]*?(?=\n {2}-)/m.exec((await runCli(args)).stdout)?.[0].replace(/\s+/g, ' ').trim();
    expect(await help(['lint', '--help'])).toBe('--gomemlimit <bytes> the GOMEMLIMIT the process ran with (e.g. 100MiB); without it, a report says when the dump bears the marks of one');
    expect(await help(['analyze', '--help'])).toBe(await help(['lint', '--help']));
  });
});

describe('a leak read by a plain dump, then by heap?debug=1 and heap?debug=1&gc=1 at each moment (02-subslice)', () => {
  it('the live heap is compared after each forced GC (17.2 → 85.7 MiB), every plain dump named apart, as the table says which were read between GCs', async () => {
    const r = await runCli([...files('02-subslice', '.heap-debug1.txt', '.heap-gc1.txt'), '--color=never']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const lines = r.stdout.split('\n');
    // It read "live heap 16.0 MiB → 85.7 MiB across 7 GC-separated snapshots (snapshots 1→12)": the first the plain dump's HeapAlloc.
    // The sites' growth is across the ?gc=1 dumps' profiles (+66.6 MiB beside the live heap's +68.5 MiB; it was +74.2 MiB from the plain dump's).
    // Every plain dump is named apart: those read in the GC epoch of a ?gc=1 one (3, 5, 7, 9, 11) were left unnamed.
    expect(lines[0]).toBe('Leak suspected (high confidence): live heap 17.2 MiB → 85.7 MiB across the 6 GC-separated snapshots read right after a forced GC (snapshots 2→12, ?gc=1), and 16.0 MiB to 82.6 MiB at snapshots 1, 3, 5, 7, 9 and 11, read between GCs (their HeapAlloc counts the garbage made since the last GC); growing sites: main.readPacket +59.0 MiB, strings.(*Builder).grow ← main.loadDocument (main.go:70) +7.6 MiB.');
    expect(lines).toContain('  Snapshots 1, 3, 5, 7, 9 and 11 were read between GCs, the others right after a forced GC (?gc=1): their HeapAlloc counts the garbage made since the last GC; right after a GC it is the live heap.');
    // TotalAlloc rose 91.4 MiB over 8 GC cycles, 21.6 MiB of it the profiler's own (11.4 MiB per GC cycle counting them).
    expect(lines).toContain("  allocation rate: 8.7 MiB per GC cycle (the profiler's own 21.6 MiB left out)");
  });
});
