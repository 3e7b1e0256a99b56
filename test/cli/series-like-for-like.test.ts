/**
 * Series that mix dumps read right after a forced GC (heap?debug=1&gc=1) with dumps read between
 * GCs (plain heap?debug=1, /debug/vars): HeapAlloc between GCs also counts the garbage made since
 * the last GC, so the verdicts compare the readings after a forced GC and name the others apart,
 * as the leak verdict already did (go1.19-audit27-limit/leak-mixed). All captured go1.19 programs
 * (test/fixtures/captured/*, README.md in each), and the burst scenario and the peak sample.
 * Before, the plateau program read "No leak evidence: live heap moves between 8.4 MiB and 33.6 MiB"
 * (its plain dumps' garbage), 06-frag "live heap fell from 91.2 MiB" (a plain dump) "to 44.4 MiB" (a
 * ?gc=1 one), the ballast "moves between 200.2 MiB and 258.1 MiB" with 200.2 MiB after every GC.
 * The heap-growth budget's rate was the first reading against the last, whatever their kind; a
 * GOGC=off process's gc-off was said once per snapshot.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const C = 'test/fixtures/captured';
const BETWEEN = 'read between GCs (their HeapAlloc counts the garbage made since the last GC)';

interface Finding { ruleId: string; source: string; message: string; why: string; fix: string; line?: number; scope?: string; evidence?: Record<string, number | string> }
interface Report {
  verdict: { leak: string; summary: string };
  series?: { betweenGCs?: number[]; verdict: { kind: string; leak: string; confidence: string; summary: string } };
  findings: Finding[];
}
async function report(...args: string[]): Promise<Report> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}
interface LintFile { filePath: string; messages: { ruleId: string; line?: number; severity: number; message: string; why: string; scope?: string; evidence?: Record<string, number | string> }[] }
async function lint(...args: string[]): Promise<LintFile[]> {
  const r = await runCli(['lint', ...args, '--format', 'json']);
  return JSON.parse(r.stdout) as LintFile[];
}
const base = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

describe.concurrent('non-leak verdicts of a mixed series compare like with like', () => {
  it('a plateau (go1.19-audit/plateau, plain and ?gc=1 dumps in turn): was "No leak evidence … between 8.4 MiB and 33.6 MiB"; its six ?gc=1 readings are enough: no advice to add ?gc=1', async () => {
    const r = await report(`${C}/go1.19-audit/plateau`);
    expect(r.series?.betweenGCs).toEqual([0, 2, 4, 6, 8, 10]);
    expect(r.series?.verdict).toMatchObject({ kind: 'stable', leak: 'not-suspected', confidence: 'high' });
    expect(r.verdict.summary).toBe(`A plateau, not a leak: the live heap rose from 8.4 MiB to 16.5 MiB by snapshot 4, then stayed near 16.6 MiB through snapshot 12 (the 6 GC-separated snapshots read right after a forced GC, ?gc=1), and 9.7 MiB to 33.6 MiB at snapshots 1, 3, 5, 7, 9 and 11, ${BETWEEN}, with no site or goroutine group growing steadily: it grew, then stopped. The GC log gctrace.log is from another run or another program than the dumps, so it is weighed on its own, not with them. In 59 of the 59 GC cycles that it and 06-t6.heap-gc.txt both record, the pause differs: gc 1 stopped the world for between 0.113 ms and 0.124 ms in the log (gctrace truncates each phase it prints) but for 4.08 ms in the dump (MemStats PauseNs). A dump's MemStats keep the pause of each of the last 256 GC cycles, so a log of the same process shows the same pauses.`);
    // (gctrace.log is the stderr of a second run: the folder's README.)
  });

  it('a ballast held at 200.2 MiB after every forced GC (04-ballast): Stable, high, not "moves between 200.2 MiB and 258.1 MiB"; no advice to add ?gc=1', async () => {
    const r = await report(`${C}/go1.19-audit-work/04-ballast`);
    expect(r.series?.verdict).toMatchObject({ kind: 'stable', confidence: 'high' });
    expect(r.verdict.summary).toBe(`Stable: live heap 200.2 MiB → 200.2 MiB across the 5 GC-separated snapshots read right after a forced GC (snapshots 2→10, ?gc=1), and 209.8 MiB to 327.0 MiB at snapshots 1, 3, 5, 7 and 9, ${BETWEEN}, with no site or goroutine group growing steadily.`);
  });

  it('churn under GOGC=off and GOMEMLIMIT (05-memlimit): the range after forced GCs, the sawtooth named apart; the site\'s growth across the ?gc=1 dumps (was +10.6 MiB with the first plain dump\'s profile)', async () => {
    const r = await report(`${C}/go1.19-audit-work/05-memlimit`);
    expect(r.series?.verdict).toMatchObject({ kind: 'churn', confidence: 'low' });
    expect(r.verdict.summary).toBe(`Churn, not a leak: 257.4 MiB allocated a step on average (2.8 GiB over 11 steps between snapshots) while the live heap moves between 15.9 MiB and 17.9 MiB without rising steadily across the 6 GC-separated snapshots read right after a forced GC (snapshots 2→12, ?gc=1), and 21.4 MiB to 49.5 MiB at snapshots 1, 3, 5, 7, 9 and 11, ${BETWEEN}; the Go heap's cost is GC work. Growing, but not yet evidence: main.runMemlimit +9.6 MiB.`);
  });

  it('peak retention (06-frag): each kind of reading from its own highest to its own last', async () => {
    const r = await report(`${C}/go1.19-audit-work/06-frag`);
    expect(r.series?.verdict).toMatchObject({ kind: 'peak-retention', confidence: 'high' });
    expect(r.verdict.summary).toBe('Peak retention, not a leak: live heap fell from 85.7 MiB at snapshot 4 to 44.4 MiB at snapshot 10, read right after a forced GC (?gc=1; read between GCs, HeapAlloc, which counts the garbage made since the last GC too, fell from 91.2 MiB at snapshot 1 to 44.5 MiB at snapshot 9), but its survivors keep the spans they sit in: 42.2 MiB of in-use spans hold no objects (fragmentation, 48.8% of HeapInuse), 69.8% of what Go holds beside the live heap at snapshots 5–10 (NumGC 8 → 11), which the scavenger cannot return while one object of a span lives; the rest of the 99.7 MiB high-water mark is 4.1 MiB idle and 9.0 MiB released.');
  });

  it('a peak seen only between GCs (samples/go1.21/peak/default): the ?gc=1 readings said as such, the peak\'s reading between GCs apart', async () => {
    const r = await report('samples/go1.21/peak/default');
    // It was "Peak retention … while the heap keeps its 303.5 MiB high-water mark (32.0 KiB idle, 302.6 MiB released)": returned, not kept.
    expect(r.verdict.summary).toBe('A one-off peak, not a leak: one step, snapshots 1→2, allocated 300.2 MiB (99.8% of what the series\' 5 steps allocated, the profiler\'s own left out; no other step more than 234.5 KiB) and raised the heap\'s high-water mark (HeapSys) from 3.7 MiB to 303.1 MiB, while the live heap stays near 276.4 KiB across the 2 GC-separated snapshots read right after a forced GC (snapshots 4→6, ?gc=1 or the program\'s runtime.GC()), and 189.0 KiB to 300.3 MiB at snapshots 1, 2, 3 and 5, read between GCs (their HeapAlloc counts the garbage made since the last GC). By snapshot 6, 300.6 MiB of it had gone back to the OS (HeapReleased 1.9 MiB at snapshot 2 → 302.6 MiB; 32.0 KiB idle): HeapSys stays 303.5 MiB, address space the heap keeps, not memory it holds. To lower the peak: main.handleRequest (main.go:30) allocated 314.6 MiB, 100.0% of what the latest dump counts allocated since the process started (the profiler\'s own left out): bound that allocation (its size, or how many are made at once).');
  });

  it('a burst of goroutines (scenarios/burst): the descriptors\' live heap after forced GCs, was "473.3 KiB → 4.6 MiB"', async () => {
    const r = await report('test/fixtures/scenarios/burst');
    // The peak's scrapes (02-peak.metrics.txt, .openmetrics.txt) were fetched a GC and 4.9 MB of
    // allocation after its heap dump: moments of their own (snapshots 3 and 4), not folded into it.
    expect(r.verdict.summary).toContain(` Live heap 5.2 MiB → 4.6 MiB across the 3 GC-separated snapshots read right after a forced GC (snapshots 2→7, ?gc=1 or the program's runtime.GC()), and 473.3 KiB to 6.8 MiB at snapshots 1, 3, 4, 5 and 8, ${BETWEEN}: runtime.malg +4.5 MiB is the burst's goroutine descriptors`);
  });

  it('deep stacks (go1.19-audit28-deepstack/run/plain): every plain dump read between GCs by its own profile (HeapAlloc ~1.3 MiB beside ~60 KiB), the heap between collections said as that', async () => {
    const r = await report(`${C}/go1.19-audit28-deepstack/run/plain`);
    expect(r.series?.verdict).toMatchObject({ kind: 'peak-retention', confidence: 'high' });
    // Was "… The live heap stayed near 1.3 MiB from snapshot 2 through snapshot 5 (the 4 GC-separated snapshots read right after a
    // forced GC, ?gc=1), and 297.4 KiB at snapshot 1, read between GCs (…)": a rise from the plain dump before any GC, said as none.
    // Each of 02–05 exceeds its own profile (~60 KiB at 4 KiB a sample) by ~1.3 MiB, beyond its sampling error and 10 %: read between
    // GCs (forced.ts garbageBeyondProfile), as audit28-deepstack.test.ts reads them.
    expect(r.verdict.summary.endsWith('The stacks (StackInuse) fell from 128.3 MiB at snapshot 1 to 352.0 KiB, and the freed stack spans are heap the runtime keeps (HeapSys 259.7 MiB: 520.0 KiB idle, 257.1 MiB released). The heap between collections (HeapAlloc, live plus garbage not yet collected) rose from 297.4 KiB to 1.3 MiB by snapshot 2, then stayed near 1.3 MiB through snapshot 5: it grew, then stopped.')).toBe(true);
  });

  it('the leak verdict is its four ?gc=1 dumps\' (go1.19-audit27-limit/leak-mixed): a slow rise at every step, the plain dump named apart', async () => {
    const r = await report(`${C}/go1.19-audit27-limit/leak-mixed`);
    const alone = await report(...['01', '02', '03', '04'].map((n) => `${C}/go1.19-audit27-limit/leak-mixed/${n}.heap.txt`));
    expect(r.series?.verdict).toMatchObject({ kind: 'leak', confidence: 'medium' });
    expect(alone.series?.verdict).toMatchObject({ kind: 'leak', confidence: 'medium' });
    // Was "… ; growing sites: main.leak +1.0 MiB": the plain dump's profile; across the ?gc=1 dumps' profiles main.leak rose 528.2 KiB.
    expect(r.verdict.summary).toBe(alone.verdict.summary.replace('(?gc=1 or the program\'s runtime.GC())', '(?gc=1 or the program\'s runtime.GC(); 45.7 MiB at snapshot 5 was read between GCs, where HeapAlloc counts the garbage made since the last GC)'));
    expect(r.verdict.summary.startsWith('Leak suspected (medium confidence): live heap 21.8 MiB → 23.3 MiB (+6.8%) across 4 GC-separated snapshots (snapshots 1→4), each read right after a forced GC (?gc=1 or the program\'s runtime.GC(); 45.7 MiB at snapshot 5 was read between GCs, where HeapAlloc counts the garbage made since the last GC), so exact: it rose at every step, by 481.4 KiB at least (502.3 KiB on average), HeapObjects 873 → 890 → 905 → 921 at every step too, and the heap profile\'s sites rose with it (main.leak +528.2 KiB).')).toBe(true);
  });
});

describe.concurrent('heap-growth: the trend of the readings the verdict compares', () => {
  it('a mixed series leaves out the reading between GCs (leak-mixed: was 21.8 MiB → 45.7 MiB, 2.2 MiB per GC)', async () => {
    const files = await lint(`${C}/go1.19-audit27-limit/leak-mixed`, '--rule', 'heap-growth=error:perGC=64KiB', '--rule', 'leak-suspected=off');
    const found = files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'heap-growth').map((m) => ({ at: base(f.filePath), ...m })));
    expect(found.map((m) => [m.at, m.message])).toEqual([['05.heap.txt', 'The live heap grew 1.5 MiB by its trend over 4 GC-separated readings right after a forced GC across 01.heap.txt → 05.heap.txt (21.8 MiB → 23.3 MiB; lowest 21.8 MiB at 01.heap.txt, highest 23.3 MiB at 04.heap.txt): 167.8 KiB per GC, above the budget of 64.0 KiB.']]);
    expect(found[0]?.why.endsWith(' Left out, read between GCs (their HeapAlloc counts the garbage made since the last GC too, not like for like): 45.7 MiB at 05.heap.txt.')).toBe(true);
    expect(found[0]?.evidence).toEqual({
      firstLiveBytes: 22_847_360, lastLiveBytes: 24_390_480, gcCycles: 9, bytesPerHour: 1_164_039_083, bytesPerGC: 171_788, limitPerGC: 65_536,
      trendGrowthBytes: 1_546_094, points: 4, lowestLiveBytes: 22_847_360, lowestAt: '01.heap.txt', highestLiveBytes: 24_390_480, highestAt: '04.heap.txt',
      firstLastBytesPerHour: 1_163_399_372, firstLastBytesPerGC: 171_458, betweenGCsLeftOut: 1,
    });
  });

  it('a heap that filled and held (go1.19-audit28-overlimit/run/stderr.log): 164 B per GC by its trend, not 25.1 KiB by its ends', async () => {
    const files = await lint(`${C}/go1.19-audit28-overlimit/run/stderr.log`, '--rule', 'heap-growth=error:perGC=1KiB');
    expect(files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'heap-growth'))).toEqual([]);
    const low = await lint(`${C}/go1.19-audit28-overlimit/run/stderr.log`, '--rule', 'heap-growth=error:perGC=100');
    const [growth] = low.flatMap((f) => f.messages.filter((m) => m.ruleId === 'heap-growth'));
    expect(growth?.message).toBe('The live heap grew 633.5 KiB by its trend over 3,951 GC-separated readings in stderr.log (3.0 MiB → 100.0 MiB; lowest 3.0 MiB at gc 1, highest 100.0 MiB at gc 7): 164 B per GC, above the budget of 100 B.');
    expect(growth?.evidence).toMatchObject({ bytesPerGC: 164, firstLastBytesPerGC: 25_750, points: 3951, gcCycles: 3950 });
  });

  it('a peak read between GCs is no growth of the live heap (samples/go1.21/peak/default: was 29.1 KiB per GC)', async () => {
    const files = await lint('samples/go1.21/peak/default', '--rule', 'heap-growth=error:perGC=1');
    expect(files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'heap-growth'))).toEqual([]);
  });

  // With 02–05 read between GCs by their own profiles, every reading is compared; the first, at NumGC 0 (before any GC), is no
  // start to measure from (heap-growth.ts): it gave "grew 876.1 KiB by its trend over 5 GC-separated readings … 219.0 KiB per GC".
  it('deep stacks\' plain dumps, the first before any GC (deepstack/run/plain: 21.3 KiB per GC over the four readings after a GC, was 219.0 KiB from 297.4 KiB before any GC)', async () => {
    const files = await lint(`${C}/go1.19-audit28-deepstack/run/plain`, '--rule', 'heap-growth=warn:perGC=1KiB');
    const found = files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'heap-growth'));
    expect(found.map((m) => m.message)).toEqual(['HeapAlloc, read between GCs (the live heap plus the garbage made since the last GC), grew 63.8 KiB by its trend over 4 GC-separated readings across 01.heap-debug1.txt → 05.heap-debug1.txt (1.3 MiB → 1.3 MiB; lowest 1.3 MiB at 02.heap-debug1.txt, highest 1.3 MiB at 05.heap-debug1.txt): 21.3 KiB per GC, above the budget of 1.0 KiB.']);
    expect(found[0]?.why.endsWith(' Left out, read before any GC (NumGC 0: its HeapAlloc counts everything allocated since the program started, garbage too): 297.4 KiB at 01.heap-debug1.txt.')).toBe(true);
    expect(found[0]?.evidence).toEqual({
      firstLiveBytes: 1_334_928, lastLiveBytes: 1_399_424, gcCycles: 3, bytesPerHour: 22_627_568, bytesPerGC: 21_791, limitPerGC: 1024,
      trendGrowthBytes: 65_374, points: 4, lowestLiveBytes: 1_334_928, lowestAt: '02.heap-debug1.txt', highestLiveBytes: 1_399_424, highestAt: '05.heap-debug1.txt',
      firstLastBytesPerHour: 21_989_355, firstLastBytesPerGC: 21_499, beforeAnyGCLeftOut: 1,
    });
  });
});

describe.concurrent('gc-off once for a series (go1.19-audit28-gogcoff)', () => {
  it('analyze: one gc-off for the ten snapshots of gc1/ (heap?debug=1&gc=1 and /debug/vars), at the last, naming how many', async () => {
    const r = await report(`${C}/go1.19-audit28-gogcoff/gc1`);
    const off = r.findings.filter((f) => f.ruleId === 'gc-off');
    // The GC log is a series of its own: its gc-off is said at its last GC's line; the snapshots', at the last vars file's NextGC (3:409).
    expect(off.map((f) => [f.source.slice(`${C}/go1.19-audit28-gogcoff/`.length), f.scope, f.line, f.message])).toEqual([[
      'gc1/vars/05.vars.json', 'series', 3,
      'The garbage collector is off (GOGC=off, no GOMEMLIMIT) in all 10 snapshots of the series: only forced GCs run, and between them the heap keeps everything the program allocates.',
    ], [
      'gc1/stderr.log', 'series', 5,
      'The garbage collector is off (GOGC=off, no GOMEMLIMIT): only forced GCs run, and between them the heap keeps everything the program allocates.',
    ]]);
    expect(off[0]?.why.startsWith('Latest snapshot: NextGC = 8.0 EiB, about 2^63:')).toBe(true);
    expect(off[0]?.evidence).toMatchObject({ numGC: 5, numForcedGC: 5, snapshots: 10, firstHeapAllocBytes: 8_696_280, lastHeapAllocBytes: 9_362_928 });
    // The text report lists it among the series' findings, once.
    const text = await runCli([`${C}/go1.19-audit28-gogcoff/gc1`]);
    // The series' once, then the GC log's, in its own section.
    expect(text.stdout.split('\n').filter((l) => l.includes('gc-off:'))).toEqual([
      '  warning gc-off: The garbage collector is off (GOGC=off, no GOMEMLIMIT) in all 10 snapshots of the series: only forced GCs run, and between them the heap keeps everything the program allocates.',
      '  warning gc-off: The garbage collector is off (GOGC=off, no GOMEMLIMIT): only forced GCs run, and between them the heap keeps everything the program allocates.',
    ]);
    expect(text.stdout).toContain('\nFindings (the series and its latest snapshot)\n');
    // The nine earlier snapshots' peak-retention; their idle-heap-retained, judged at the latest, are no longer counted (audit 34: 18).
    expect(text.stdout).toContain('\n9 more findings in earlier snapshots (--format json lists them all).\n');
  });

  it('with --separately, one per dump as before', async () => {
    const r = await report(`${C}/go1.19-audit28-gogcoff/plain/plain`, '--separately');
    expect(r.findings.filter((f) => f.ruleId === 'gc-off').map((f) => base(f.source))).toEqual(['01.heap-debug1.txt', '02.heap-debug1.txt', '03.heap-debug1.txt', '04.heap-debug1.txt', '05.heap-debug1.txt']);
  });
});
