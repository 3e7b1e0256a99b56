/**
 * One fit of a known GOMEMLIMIT per snapshot (src/analyze/memlimit.ts snapshotLimitFit): the
 * verdict, memory-limit-pressure and gc-cpu-high say one "raise GOMEMLIMIT to at least" figure, and
 * JSON `limitFit` says binding / room / cannot-be-met; lint's files kept for a moment learn the limit
 * its scrape reports as analyze's do; a GC log's capped goal with no limit known names both causes.
 * Real go1.19 captures: test/fixtures/captured/go1.19-limit-binding (README.md there), the memlimit
 * scenario, go1.19-series-limit-callers/plateau-limit128 (a limit met with room),
 * go1.19-audit28-overlimit (a limit the live heap is above).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const F = 'test/fixtures/captured/go1.19-limit-binding';
const P34 = `${F}/plateau-limit34`;
const P40 = `${F}/plateau-limit40`;
const MEMLIMIT = 'test/fixtures/scenarios/memlimit';

interface Fit { fit: string; gomemlimitBytes: number; origin: string; liveBytes: number; live: string; besideHeapBytes: number; heapRoomBytes: number; nextGCBytes: number | null; gogcGoalBytes: number; goalAboveGogc: boolean; raiseToBytes?: number }
interface Finding { ruleId: string; source: string; message: string; fix: string; why: string; line?: number; scope?: string }
interface Report {
  verdict: { summary: string };
  series?: { verdict: { kind: string; summary: string; limitFit?: Fit } };
  snapshots: { source: string; limitFit?: Fit }[];
  findings: Finding[];
  gcTraces: { verdict: { kind: string; summary: string } }[];
}
interface LintFile { filePath: string; messages: { ruleId: string; line?: number; column?: number; fix: string; why: string }[] }

async function json(args: string[]): Promise<Report> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

function raiseTo(text: string): string[] {
  return [...text.matchAll(/raise GOMEMLIMIT to at least ([\d.]+ MiB)/g)].map((m) => m[1] ?? '');
}

describe('one "raise GOMEMLIMIT to at least" figure', () => {
  it("the memlimit scenario with --gomemlimit 20MiB: the verdict, the series finding and the latest dump's gc-cpu-high say 28.4 MiB (the finding said 24.4 MiB)", async () => {
    const j = await json([MEMLIMIT, '--gomemlimit', '20MiB']);
    expect(raiseTo(j.verdict.summary)).toEqual(['28.4 MiB']);
    const limit = j.findings.filter((f) => f.ruleId === 'memory-limit-pressure');
    expect(limit.map((f) => [f.scope, raiseTo(f.fix)])).toEqual([['series', ['28.4 MiB']]]);
    expect(limit[0]?.why.startsWith('The runtime keeps Sys − HeapReleased under GOMEMLIMIT by collecting more often and returning free memory at once; the live heap is 8.3 MiB (the heap goal, NextGC 8.3 MiB, is above what the limit leaves the heap, so it is the heap the last GC marked live: the runtime never sets it lower); Go holds 11.8 MiB beside the heap')).toBe(true);
    const cpu = j.findings.filter((f) => f.ruleId === 'gc-cpu-high');
    // Said once for the process (gc-cpu-high's series finding), with the latest dump's figure, the verdict's.
    expect(cpu.map((f) => [f.scope, raiseTo(f.fix)[0]])).toEqual([['series', '28.4 MiB']]);
    expect(j.series?.verdict.limitFit).toEqual({
      fit: 'binding', gomemlimitBytes: 20971520, origin: 'flag', liveBytes: 8701392, live: 'exact', besideHeapBytes: 12341048,
      heapRoomBytes: 8630472, nextGCBytes: 8701936, gogcGoalBytes: 17402784, goalAboveGogc: false, raiseToBytes: 29743832,
    });
    expect(j.snapshots.at(-1)?.limitFit).toEqual(j.series?.verdict.limitFit);
  });

  it('plateau-limit40 ?gc=1 dumps with --gomemlimit 40MiB: the verdict reads the latest live heap (24.4 MiB), not the lowest (18.0 MiB): 60.3 MiB, as each dump\'s finding', async () => {
    const j = await json([...['01-t2', '02-t4', '03-t7', '04-t10', '05-t13', '06-t16'].map((m) => `${P40}/${m}.heap-gc1.txt`), '--gomemlimit', '40MiB']);
    expect(raiseTo(j.verdict.summary)).toEqual(['60.3 MiB']);
    expect(j.verdict.summary).toContain('where GOGC=100 would set about twice the live heap (48.7 MiB)');
    expect(j.findings.filter((f) => f.ruleId === 'memory-limit-pressure').map((f) => [f.scope, raiseTo(f.fix)])).toEqual([['series', ['60.3 MiB']]]);
    expect(j.series?.verdict.limitFit).toMatchObject({ fit: 'binding', liveBytes: 25548696, live: 'exact', heapRoomBytes: 29794960, raiseToBytes: 63245472 });
  });
});

describe('JSON limitFit: binding, room, cannot-be-met', () => {
  it('a limit met with room (plateau-limit128, the scrapes report 128 MiB): fit room, no raiseToBytes', async () => {
    const D = 'test/fixtures/captured/go1.19-series-limit-callers/plateau-limit128';
    const j = await json([D]);
    const fit = j.series?.verdict.limitFit;
    expect([fit?.fit, fit?.gomemlimitBytes, fit?.origin, fit?.liveBytes, fit?.heapRoomBytes, fit?.raiseToBytes]).toEqual(['room', 134217728, 'reported', 24921920, 121999928, undefined]);
  });

  it('a limit the live heap is above (audit28-overlimit, --gomemlimit 64MiB): fit cannot-be-met on the series and the latest snapshot', async () => {
    const j = await json(['test/fixtures/captured/go1.19-audit28-overlimit/run', '--gomemlimit', '64MiB']);
    expect(j.series?.verdict.limitFit).toMatchObject({ fit: 'cannot-be-met', gomemlimitBytes: 67108864, liveBytes: 105407528, live: 'at-most' });
    expect(j.snapshots.at(-1)?.limitFit?.fit).toBe('cannot-be-met');
    expect(j.verdict.summary.startsWith('Not a leak, but the memory limit cannot be met (GOMEMLIMIT 64.0 MiB, given)')).toBe(true);
  });

  it('one dump without a limit known has no limitFit', async () => {
    const j = await json([`${MEMLIMIT}/06-t6.heap-debug1.txt`]);
    expect(j.snapshots[0]?.limitFit).toBeUndefined();
  });
});

describe('a moment\'s scrape gives its dumps the limit, in lint as in analyze (plateau-limit34: GOMEMLIMIT=34MiB, GC CPU 12.6%)', () => {
  it('lint DIR: gc-cpu-high, said once for the process, says the limit binds, with the latest dump\'s figure (was "pass --gomemlimit to check against it" at each dump)', async () => {
    const r = await runCli(['lint', P34, '--format', 'json']);
    expect(r.code).toBe(0);
    const files = JSON.parse(r.stdout) as LintFile[];
    const cpu = files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'gc-cpu-high' && f.filePath.endsWith('.txt')).map((m) => [f.filePath.slice(f.filePath.lastIndexOf('/') + 1), `${m.line}:${m.column}`, raiseTo(m.fix)[0]]));
    // Once for the process (gc-cpu-high's series finding, at the latest dump's `# GCCPUFraction`, line 45), the latest dump's figure.
    expect(cpu).toEqual([['04-t10.heap-gc1.txt', '45:3', '58.7 MiB']]);
    const one = files.find((f) => f.filePath.endsWith('04-t10.heap-gc1.txt'))?.messages.find((m) => m.ruleId === 'gc-cpu-high');
    expect(one?.fix.startsWith('The limit binds (GOMEMLIMIT 34.0 MiB: memory-limit-pressure), so the GC runs this often: raise GOMEMLIMIT to at least 58.7 MiB')).toBe(true);
    expect(one?.why.endsWith('(GOMEMLIMIT 34.0 MiB as 04-t10.metrics.txt reports it: go_gc_gomemlimit_bytes.)')).toBe(true);
    expect(files.flatMap((f) => f.messages).some((m) => m.fix.includes('pass --gomemlimit to check against it') && m.ruleId === 'gc-cpu-high' && m.line === 45)).toBe(false);
  });

  it('analyze DIR says the same once, and its verdict and series finding the latest dump\'s figure (58.7 MiB)', async () => {
    const j = await json([P34]);
    const cpu = j.findings.filter((f) => f.ruleId === 'gc-cpu-high' && f.source.endsWith('.txt')).map((f) => [f.source.slice(f.source.lastIndexOf('/') + 1), f.line, raiseTo(f.fix)[0]]);
    expect(cpu).toEqual([['04-t10.heap-gc1.txt', 45, '58.7 MiB']]);
    expect(j.verdict.summary.startsWith('Not a leak, but the memory limit binds (GOMEMLIMIT 34.0 MiB, as the process reports it (go_gc_gomemlimit_bytes)): the live heap (23.7 MiB) is below it, but Go holds 11.2 MiB beside the heap')).toBe(true);
    expect(raiseTo(j.verdict.summary)).toEqual(['58.7 MiB']);
    expect(j.findings.filter((f) => f.ruleId === 'memory-limit-pressure').map((f) => [f.scope, raiseTo(f.fix)])).toEqual([['series', ['58.7 MiB']]]);
    expect(j.snapshots.map((s) => s.limitFit?.origin)).toEqual(j.snapshots.map(() => 'reported'));
  });

  it('lint DIR runs memory-limit-pressure on the limit the scrapes report (it ran only with --gomemlimit): analyze\'s one series finding, as --gomemlimit 34MiB gave it; a limit given wins', async () => {
    interface Message { ruleId: string; message: string; why: string; fix: string; line?: number; scope?: string; evidence?: Record<string, unknown> }
    const lint = async (args: string[]): Promise<[string, Message][]> => {
      const r = await runCli(['lint', '--no-config', ...args, '--format', 'json']);
      expect(r.code).toBe(0);
      return (JSON.parse(r.stdout) as { filePath: string; messages: Message[] }[]).flatMap((f) => f.messages.filter((m) => m.ruleId === 'memory-limit-pressure').map((m): [string, Message] => [f.filePath.slice(f.filePath.lastIndexOf('/') + 1), m]));
    };
    const found = await lint([P34]);
    const message = 'Go holds 32.6 MiB to 38.2 MiB in 8 snapshots, 95.9% to 112.2% of GOMEMLIMIT (34.0 MiB): the limit binds, not a leak — the heap goal is the limit\'s, and the GC runs more often than GOGC alone would make it.';
    expect(found.map(([file, m]) => [file, m.scope, m.line, m.message, m.evidence?.['gomemlimitBytes']])).toEqual([['04-t10.heap-gc1.txt', 'series', undefined, message, 35651584]]);
    // The same finding analyze gives the directory, and lint gave only with the limit passed.
    const analyzed = (await json([P34])).findings.find((f) => f.ruleId === 'memory-limit-pressure');
    expect([found[0]?.[1].why, found[0]?.[1].fix]).toEqual([analyzed?.why, analyzed?.fix]);
    expect((await lint([P34, '--gomemlimit', '34MiB'])).map(([file, m]) => [file, m.message])).toEqual([['04-t10.heap-gc1.txt', message]]);
    // A limit given is the one: 128 MiB is not near, so nothing (the scrapes' 34 MiB is not used).
    expect(await lint([P34, '--gomemlimit', '128MiB'])).toEqual([]);
    // The scrapes alone (a plateau, not a leak): said once for the process at the latest, as analyze
    // says it (were four, one at each scrape's go_memstats_sys_bytes line, 84), at the latest's line 84.
    const scrapes = await lint(['01-t2', '02-t4', '03-t7', '04-t10'].map((m) => `${P34}/${m}.metrics.txt`));
    expect(scrapes.map(([file, m]) => [file, m.scope, m.line, m.message])).toEqual([
      ['04-t10.metrics.txt', 'series', 84, 'Go holds 32.9 MiB to 36.3 MiB in 4 snapshots, 96.8% to 106.8% of GOMEMLIMIT (34.0 MiB): the limit binds, not a leak — the heap goal is the limit\'s, and the GC runs more often than GOGC alone would make it.'],
    ]);
  });
});

describe('memory-limit-pressure said once for a process whose series is no leak', () => {
  it('lint of plateau-limit40 (a plateau under GOMEMLIMIT=40MiB, 12 dumps): one series finding at the latest, where the scrapes\' limit gave one per dump', async () => {
    const r = await runCli(['lint', '--no-config', P40, '--format', 'json']);
    expect(r.code).toBe(0);
    const found = (JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; scope?: string; message: string; evidence?: Record<string, unknown> }[] }[])
      .flatMap((f) => f.messages.map((m) => [f.filePath.slice(f.filePath.lastIndexOf('/') + 1), m.ruleId, m.scope, m.message, m.evidence?.['snapshots']]));
    expect(found).toEqual([['06-t16.heap-gc1.txt', 'memory-limit-pressure', 'series',
      'Go holds 39.1 MiB to 39.8 MiB in 12 snapshots, 97.8% to 99.4% of GOMEMLIMIT (40.0 MiB): the limit binds, not a leak — the heap goal is the limit\'s, and the GC runs more often than GOGC alone would make it.', 12]]);
  });
});

describe('what one plateau-limit34 dump shows of a limit nobody gave (snapshot.ts limitGuess), and its moment\'s scrape removing it', () => {
  const MARKS = ' A memory limit is likely set (GOMEMLIMIT, or a very low GOGC): the heap goal sits at the live heap (NextGC 23.7 MiB, 24.4 MiB live as of the last GC, where GOGC=100 sets about twice it), only 818.5 KiB is allocated per GC cycle (GOGC=100 alone allows about the live heap), so the GC ran 821 times and used 12.6% of the CPU; pass --gomemlimit to check against it.';
  const OWN = 'Live objects are most of what Go holds: live 24.4 MiB is 68.4% of the 35.6 MiB Go holds (42.4 MiB mapped). One dump cannot tell a leak from a peak — take another after some time (and a GC) and compare both with heapdoc analyze A B.';

  it('04-t10 ?gc=1 alone bears the three marks (GC CPU 12.6%): it says them, once — not also the goal far below GOGC=100\'s (23.7 MiB over 24.4 MiB live, which alone would be said)', async () => {
    const j = await json([`${P34}/04-t10.heap-gc1.txt`]);
    expect(j.verdict.summary).toBe(`${OWN}${MARKS}`);
    expect(j.snapshots[0]?.limitFit).toBeUndefined();
  });

  it('with its moment\'s scrape (go_gc_gomemlimit_bytes 34 MiB) the guess is gone, as --gomemlimit 34MiB never says it: the same verdict, the limit binding, memory-limit-pressure at the dump', async () => {
    const scraped = await json([`${P34}/04-t10.heap-gc1.txt`, `${P34}/04-t10.metrics.txt`]);
    const given = await json([`${P34}/04-t10.heap-gc1.txt`, '--gomemlimit', '34MiB']);
    // The scrape also reports the moment's RSS (process_resident_memory_bytes): the kept dump learns it too (audit 34).
    // Known and binding, the marks are the limit's GC thrash, said first (audit 40).
    const BINDS = 'The memory limit binds, GC thrash: Go holds 35.6 MiB, 104.7% of GOMEMLIMIT (34.0 MiB); the heap goal sits at the live heap (NextGC 23.7 MiB, 24.4 MiB live as of the last GC, where GOGC=100 sets about twice it), only 818.5 KiB is allocated per GC cycle (GOGC=100 alone allows about the live heap), so the GC ran 821 times and used 12.6% of the CPU. ';
    expect([scraped.verdict.summary, given.verdict.summary]).toEqual([`${BINDS}${OWN} The OS counts 32.2 MiB of RSS (as 04-t10.metrics.txt reports it: process_resident_memory_bytes), in line with what Go holds (plus the binary's own pages).`, `${BINDS}${OWN}`]);
    expect([scraped.snapshots[0]?.limitFit?.fit, scraped.snapshots[0]?.limitFit?.origin, given.snapshots[0]?.limitFit?.origin]).toEqual(['binding', 'reported', 'flag']);
    expect(scraped.findings.filter((f) => f.ruleId === 'memory-limit-pressure').map((f) => [f.source.slice(f.source.lastIndexOf('/') + 1), f.message]))
      .toEqual([['04-t10.heap-gc1.txt', 'Go holds 35.6 MiB, 104.7% of GOMEMLIMIT (34.0 MiB): the limit binds — the heap goal is the limit\'s, and the GC runs more often than GOGC alone would make it.']]);
  });

  it('01-t2 ?gc=1 (GC CPU 0.4%; NextGC 21.8 MiB, 1.48 times the 14.7 MiB its profile counts) says nothing of a limit: no mark, and not far enough below GOGC=100\'s', async () => {
    const j = await json([`${P34}/01-t2.heap-gc1.txt`]);
    expect(j.verdict.summary).toBe('Live objects are most of what Go holds: live 17.6 MiB is 53.9% of the 32.6 MiB Go holds (34.4 MiB mapped). One dump cannot tell a leak from a peak — take another after some time (and a GC) and compare both with heapdoc analyze A B.');
  });
});

describe('a GC log whose goal holds below twice the live heap, with no limit known', () => {
  it('plateau48: both causes, the GOGC that sets that goal, and how to tell; the limit\'s words once --gomemlimit is given', async () => {
    const alone = await json([`${F}/plateau48.gctrace.log`]);
    const summary = alone.gcTraces[0]?.verdict.summary ?? '';
    expect(summary.startsWith('A plateau with a capped heap goal, not a leak: ')).toBe(true);
    expect(summary).toContain('below the 62 MB GOGC=100 sets (twice the live heap after GC, C 31 MB), by a memory limit (GOMEMLIMIT, or debug.SetMemoryLimit) or a GOGC below 100 (GOGC=13 sets about that goal over that live heap): the log alone cannot tell them apart: ');
    expect(summary.endsWith('If a limit is set, it binds: to run the GC less often, raise GOMEMLIMIT, or reduce the live heap or what Go holds beside it; if GOGC is below 100, raise it. To tell which: the process\'s GOGC and GOMEMLIMIT environment variables and any debug.SetGCPercent or debug.SetMemoryLimit call in the program, or a /metrics scrape of the process (go_gc_gogc_percent, go_gc_gomemlimit_bytes) read with the log, or pass --gomemlimit; a goal that stays put while the live heap moves is a limit\'s, one that follows it is GOGC\'s.')).toBe(true);
    const given = await json([`${F}/plateau48.gctrace.log`, '--gomemlimit', '48MiB']);
    const known = given.gcTraces[0]?.verdict.summary ?? '';
    expect(known.startsWith('A plateau at a memory limit, not a leak: ')).toBe(true);
    expect(known).toContain('(twice the live heap after GC, C 31 MB), by the memory limit: each GC lets only about 4 MB be allocated');
    expect(known).toContain('The limit binds: to run the GC less often, raise GOMEMLIMIT, or reduce the live heap or what Go holds beside it. GOMEMLIMIT 48.0 MiB (given): ');
    expect(known).not.toContain('GOGC below 100');
  });
});
