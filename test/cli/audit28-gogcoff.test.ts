/**
 * GOGC=off with no memory limit, captured from a go1.19 program (test/fixtures/captured/go1.19-audit28-gogcoff,
 * README.md there; main.go.txt the program: an 8 MiB working set and a 64 KiB buffer every 3 ms, ~19 MiB/s of
 * garbage). `plain`: five heap?debug=1 dumps and /debug/vars 2 s apart in which no GC ever ran (NextGC ~2^63,
 * NumGC 0, HeapAlloc = TotalAlloc 45.3 → 196.8 MiB); `gc1`: another run read with ?gc=1, each GC a dump's own
 * (live 8.3 MiB, flat). The GC being off was never named: the dump said "Live objects are most of what Go holds
 * … take another after some time (and a GC)", /debug/vars "take them further apart, so that GCs run between
 * them", and profile-before-first-gc that sites "show 0 in use" (main.churn showed 37.1 MiB); the ?gc=1 series'
 * idle heap and peak were fixed by "bound concurrency" (docs/reasoning.md §2.9).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const G = 'test/fixtures/captured/go1.19-audit28-gogcoff';
const SET = 'Set GOGC (unset, it is 100) or a GOMEMLIMIT, so that the GC runs as the heap grows';
const DUMP_GC1 = 'to measure the live heap, add ?gc=1 to the heap URL (heap?debug=1&gc=1 runs a GC before the dump, so that its HeapAlloc is the live heap)';
const EXPOSED_GC1 = 'to measure the live heap, take heap?debug=1&gc=1 dumps (each runs a GC first, so that its HeapAlloc is the live heap; /debug/vars and /metrics cannot run one)';

interface Finding { ruleId: string; source: string; message: string; why: string; fix: string; line?: number; column?: number; scope?: string; evidence?: Record<string, number | string> }
interface Report {
  verdict: { leak: string; summary: string };
  series?: { verdict: { kind: string; leak: string; confidence: string; summary: string } };
  findings: Finding[];
}
async function report(...args: string[]): Promise<Report> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}
const base = (f: Finding): string => `${f.source.slice(f.source.lastIndexOf('/') + 1)} ${f.ruleId}`;

describe('no GC ever ran (plain)', () => {
  it('one dump: the GC is off, HeapAlloc is all that was allocated, not the live heap; leak unknown', async () => {
    const r = await report(`${G}/plain/plain/05.heap-debug1.txt`);
    // Read before any GC: the table names the row HeapAlloc (readBetweenGCs), as the words do (wording47).
    expect(r.verdict).toEqual({
      leak: 'unknown', dominant: 'live', readBetweenGCs: true,
      summary: `The GC is off (GOGC=off, no GOMEMLIMIT: NextGC 8.0 EiB, about 2^63, and no GC has run, NumGC 0): HeapAlloc 196.8 MiB is everything allocated since the process started (HeapAlloc = TotalAlloc), garbage included, not the live heap, so one dump cannot tell what is live; Go holds 214.7 MiB (216.7 MiB mapped) and grows with every allocation until the process is killed. ${SET}; ${DUMP_GC1}.`,
    });
    expect(r.findings.map((f) => `${f.line ?? 0}:${f.column ?? 0} ${f.ruleId}`)).toEqual(['872:3 gc-off', '876:3 profile-before-first-gc']);
    // The profile is the first request's: 44.6 MiB allocated in its records while TotalAlloc reached 196.8 MiB.
    expect(r.findings[1]?.why).toContain('Here they are of an earlier request: the profile\'s allocations add up to 44.6 MiB, while TotalAlloc is 196.8 MiB.');
    expect(r.findings[1]?.why).not.toContain('0 in use');
  });

  it('the text report says where the profile\'s records come from', async () => {
    const r = await runCli([`${G}/plain/plain/05.heap-debug1.txt`]);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('  sampled every') || l.startsWith('  No GC has run'))).toEqual([
      '  sampled every 4.0 KiB; unsampled estimates, as pprof computes them.',
      '  No GC has run: the records are as of the process\'s first profile request, nothing freed (profile-before-first-gc).',
    ]);
    const series = await runCli([`${G}/plain/plain`]);
    expect(series.stdout).toContain('\n  Snapshots 1–5 share a NumGC: their heap records are likely the same GC epoch (no GC has run, so the profile is the first profile request\'s; a profile read apart from its MemStats may be of an earlier one).\n');
  });

  it('its /debug/vars alone: the same verdict, whose advice is heap?debug=1&gc=1', async () => {
    const r = await report(`${G}/plain/vars/05.vars.json`);
    expect(r.verdict.summary).toBe(`The GC is off (GOGC=off, no GOMEMLIMIT: NextGC 8.0 EiB, about 2^63, and no GC has run, NumGC 0): HeapAlloc 197.5 MiB is everything allocated since the process started (HeapAlloc = TotalAlloc), garbage included, not the live heap, so one dump cannot tell what is live; Go holds 215.3 MiB (216.7 MiB mapped) and grows with every allocation until the process is killed. ${SET}; ${EXPOSED_GC1}.`);
    expect(r.findings.map(base)).toEqual(['05.vars.json gc-off']);
  });

  it('the five dumps: unknown, with the growth between them and --interval\'s rate; never "take more over a longer time"', async () => {
    const head = 'Cannot tell whether memory leaks: the GC is off (GOGC=off, no GOMEMLIMIT: NextGC 8.0 EiB in every snapshot, about 2^63, and no GC has run, NumGC 0), and none will run by itself: HeapAlloc 45.3 MiB → 196.8 MiB is everything allocated since the process started, not the live heap. HeapAlloc grew by 37.9 MiB between snapshots';
    const tail = `, and grows so until the process is killed. ${SET}; ${DUMP_GC1}.`;
    const r = await report(`${G}/plain/plain`);
    expect(r.series?.verdict).toMatchObject({ kind: 'unknown', leak: 'unknown', confidence: 'low' });
    expect(r.verdict.summary).toBe(`${head} (--interval gives it per second)${tail}`);
    // One fact about the process: said once, at the last dump's `# NextGC` (line 872), naming how many showed it (was once per dump).
    const off = r.findings.filter((f) => f.ruleId === 'gc-off');
    expect(off.map((f) => [base(f), f.scope, f.line, f.message])).toEqual([['05.heap-debug1.txt gc-off', 'series', 872,
      'The garbage collector is off (GOGC=off, no GOMEMLIMIT) in all 5 snapshots of the series, and has never run: everything allocated since the process started is still in the heap (HeapAlloc 45.3 MiB → 196.8 MiB).']]);
    expect(off[0]?.evidence).toMatchObject({ numGC: 0, snapshots: 5, firstHeapAllocBytes: 47_503_104, lastHeapAllocBytes: 206_398_416 });
    // 158,895,312 bytes over 4 intervals of 2 s (RUN.txt: 2.1 s apart).
    expect((await report(`${G}/plain/plain`, '--interval', '2s')).verdict.summary).toBe(`${head} (18.9 MiB/s)${tail}`);
  });

  it('the five /debug/vars documents: the same, with heap?debug=1&gc=1 dumps as the way to the live heap', async () => {
    const r = await report(`${G}/plain/vars`);
    expect(r.series?.verdict).toMatchObject({ kind: 'unknown', leak: 'unknown' });
    expect(r.verdict.summary).toBe(`Cannot tell whether memory leaks: the GC is off (GOGC=off, no GOMEMLIMIT: NextGC 8.0 EiB in every snapshot, about 2^63, and no GC has run, NumGC 0), and none will run by itself: HeapAlloc 46.1 MiB → 197.5 MiB is everything allocated since the process started, not the live heap. HeapAlloc grew by 37.9 MiB between snapshots (--interval gives it per second), and grows so until the process is killed. ${SET}; ${EXPOSED_GC1}.`);
    expect(r.verdict.summary).not.toContain('further apart');
  });

  it('lint: one gc-off warning for the directory\'s series, at its last dump (exit 0: warnings fail only above --max-warnings); one per dump with --separately', async () => {
    const r = await runCli(['lint', `${G}/plain/plain`, '--format', 'json']);
    expect(r.code).toBe(0);
    const files = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line?: number; severity: number; scope?: string }[] }[];
    expect(files.map((f) => f.messages.map((m) => `${m.ruleId}:${m.line ?? 0}:${m.severity}:${m.scope ?? ''}`).join(' '))).toEqual(['', '', '', '', 'gc-off:872:1:series']);
    const each = JSON.parse((await runCli(['lint', `${G}/plain/plain`, '--separately', '--format', 'json'])).stdout) as typeof files;
    expect(each.map((f) => f.messages.map((m) => `${m.ruleId}:${m.line ?? 0}:${m.severity}`).join(' '))).toEqual(['gc-off:121:1', 'gc-off:614:1', 'gc-off:737:1', 'gc-off:816:1', 'gc-off:872:1']);
    // With --info: the profile of each later dump is the first request's (44.6 MiB allocated in its records).
    const info = JSON.parse((await runCli(['lint', `${G}/plain/plain`, '--info', '--format', 'json'])).stdout) as { messages: { ruleId: string; why: string }[] }[];
    expect(info.map((f) => /Here they are of an earlier request: the profile's allocations add up to 44\.6 MiB, while TotalAlloc is ([\d.]+ MiB)\./.exec(f.messages.find((m) => m.ruleId === 'profile-before-first-gc')?.why ?? '')?.[1] ?? 'none'))
      .toEqual(['none', '83.2 MiB', '121.6 MiB', '158.6 MiB', '196.8 MiB']);
  });
});

describe('every GC a dump\'s own ?gc=1 (gc1)', () => {
  const between = (where: string, rate: string): string => `The GC is off (GOGC=off, no GOMEMLIMIT: NextGC 8.0 EiB in every snapshot, about 2^63; all 5 GCs were forced, NumForcedGC 5): only forced GCs run${where} and between them the heap kept everything allocated, ${rate}`;

  it('stays Stable, and says that only the dumps\' GCs ran and how much is allocated between them; --fail-on leak exits 0', async () => {
    const r = await report(`${G}/gc1/gc1`);
    expect(r.series?.verdict).toMatchObject({ kind: 'stable', leak: 'not-suspected', confidence: 'high' });
    // 169,338,432 bytes between the first and the last GC, 8.449 s apart by LastGC.
    expect(r.verdict.summary).toBe(`Stable: live heap 8.3 MiB → 8.3 MiB across 5 GC-separated snapshots (snapshots 1→5), with no site or goroutine group growing steadily. ${between(' — here one right before each dump (?gc=1) —', '40.3 MiB per GC cycle (19.1 MiB/s); without them none would run, and the process would grow so until killed')}. ${SET}.`);
    expect((await runCli([`${G}/gc1/gc1`, '--fail-on', 'leak'])).code).toBe(0);
  });

  it('the idle heap and the peak are the garbage between forced GCs: let the GC run, not "bound concurrency"', async () => {
    const r = await report(`${G}/gc1/gc1/05.heap-gc1.txt`);
    expect(r.verdict.summary).toBe(`Not a leak of reachable data: live 8.3 MiB of 62.6 MiB mapped (Go holds 60.6 MiB); 40.7 MiB idle, retained by the runtime for reuse; the heap's address space (HeapSys) reached 51.6 MiB at a past peak of objects or of goroutine stacks (freed stack spans join the heap) and is kept. Most of the memory is idle heap retained by the runtime. One dump cannot tell whether the live 8.3 MiB grows — take another later with ?gc=1 (no GC runs by itself) and compare both with heapdoc analyze A B. The GC is off (GOGC=off, no GOMEMLIMIT: NextGC 8.0 EiB, about 2^63; all 5 GCs were forced, NumForcedGC 5): only forced GCs run, so between them the heap keeps everything the program allocates (41.3 MiB per GC on average: TotalAlloc / NumGC, the profiler's own 255.4 KiB left out); ${SET.charAt(0).toLowerCase()}${SET.slice(1)}.`);
    const fixes = Object.fromEntries(r.findings.map((f) => [f.ruleId, f.fix]));
    expect(Object.keys(fixes)).toEqual(['idle-heap-retained', 'gc-off', 'peak-retention']);
    expect(fixes['idle-heap-retained']).toBe(`${SET}: the idle heap is then the room the heap goal leaves, not all that is allocated between forced GCs. Bounding concurrency or debug.FreeOSMemory() will not lower it while the GC is off: the heap fills up again.`);
    expect(fixes['peak-retention']).toBe(`${SET}: the peak is then about the heap goal (with GOGC=100, twice the live heap), not all that is allocated between forced GCs. Bounding concurrency will not lower it while the GC is off.`);
    expect(Object.values(fixes).some((f) => f?.includes('bound concurrency'))).toBe(false);
  });

  it('two of the dumps: "both GCs were forced", and no trend yet', async () => {
    const r = await report(`${G}/gc1/gc1/01.heap-gc1.txt`, `${G}/gc1/gc1/02.heap-gc1.txt`);
    expect(r.verdict.summary).toContain('The GC is off (GOGC=off, no GOMEMLIMIT: NextGC 8.0 EiB, about 2^63; both GCs were forced, NumForcedGC 2): only forced GCs run, so between them the heap keeps everything the program allocates (42.7 MiB per GC on average: TotalAlloc / NumGC, the profiler\'s own 44.9 KiB left out)');
    expect(r.verdict.summary.endsWith('The 2 snapshots show no trend yet: only 2 GC-separated snapshots (3 are needed); take at least one more, some GC cycles after the last, so that a trend can show.')).toBe(true);
  });

  it('its /debug/vars: Stable, the forced GCs not said to be its own', async () => {
    const r = await report(`${G}/gc1/vars`);
    expect(r.series?.verdict).toMatchObject({ kind: 'stable', leak: 'not-suspected' });
    expect(r.verdict.summary).toBe(`Stable: live heap 9.0 MiB → 8.9 MiB across 5 GC-separated snapshots (snapshots 1→5), with no site or goroutine group growing steadily. ${between(' (runtime.GC, debug.FreeOSMemory, a profiler\'s ?gc=1)', '40.3 MiB per GC cycle')}. ${SET}.`);
  });

  it('its GODEBUG=gctrace=1 log (8796093022195 MB goal): Stable, and the GC off', async () => {
    const r = await report(`${G}/gc1/stderr.log`);
    expect(r.verdict.summary).toBe(`${G}/gc1/stderr.log: Stable: the live heap after GC stays at 8 MB over 8.4 s and 5 GCs. All 5 GCs were forced (runtime.GC, debug.FreeOSMemory, a profiler's ?gc=1): their pace is the program's calls, not allocation churn. The heap goal is 8796093022195 MB, about 2^63 bytes: the GC is off (GOGC=off, no GOMEMLIMIT), so only forced GCs run, and between them the heap keeps everything the program allocates (up to 48 MB before a GC here). ${SET}.`);
  });
});

describe('one burst between forced GCs (go1.19-audit36-burst-gc1: 200 MiB once, then the dumps\' own ~60 KB a step)', () => {
  it('says the burst apart and the rate per GC since it, not the burst\'s mean over nine steps (22.2 MiB per GC cycle, 14.0 MiB/s)', async () => {
    const B = 'test/fixtures/captured/go1.19-audit36-burst-gc1';
    const r = await report(...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `${B}/heap.${n}.txt`));
    expect(r.series?.verdict.kind).toBe('peak-retention');
    expect(r.verdict.summary.endsWith(`The GC is off (GOGC=off, no GOMEMLIMIT: NextGC 8.0 EiB in every snapshot, about 2^63; all 10 GCs were forced, NumForcedGC 10): only forced GCs run — here one right before each dump (?gc=1) — and between them the heap kept everything allocated: 200.2 MiB at one step, snapshots 1→2, and 56.6 KiB per GC cycle since (44.5 KiB/s); without them none would run, and the process would grow so until killed. ${SET}.`)).toBe(true);
  });
});

describe('a /metrics scrape of a GOGC=off process (scenarios/mixed, client_golang 1.14)', () => {
  it('lint: gc-off at go_memstats_next_gc_bytes, with heap?debug=1&gc=1 as the way to the live heap', async () => {
    const r = await runCli(['lint', 'test/fixtures/scenarios/mixed/02-t1.metrics.txt', '--format', 'json']);
    expect(r.code).toBe(0);
    const messages = (JSON.parse(r.stdout) as { messages: { ruleId: string; line: number; column: number; message: string; fix: string }[] }[]).flatMap((f) => f.messages).filter((m) => m.ruleId === 'gc-off');
    expect(messages.map((m) => [m.line, m.column, m.message, m.fix])).toEqual([[72, 1,
      'The garbage collector is off (GOGC=off, no GOMEMLIMIT): only forced GCs run, and between them the heap keeps everything the program allocates.',
      `Unless the program forces its GCs on purpose, ${SET.charAt(0).toLowerCase()}${SET.slice(1)} (with GOGC=off, a GOMEMLIMIT starts a GC as the heap nears it). T${EXPOSED_GC1.slice(1)}.`]]);
  });
});

describe('explain', () => {
  it('gc-off has its page; NextGC says what ~2^63 means', async () => {
    const page = await runCli(['explain', 'gc-off']);
    expect(page.code).toBe(0);
    expect(page.stdout.split('\n')[0]).toBe('# gc-off');
    const field = await runCli(['explain', 'NextGC']);
    expect(field.stdout).toContain('About 2^63 (8.0 EiB) means GOGC=off with no GOMEMLIMIT: no heap size starts a GC, only forced ones run (heapdoc\'s gc-off).');
  });
});
