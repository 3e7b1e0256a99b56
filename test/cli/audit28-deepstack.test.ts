/**
 * One goroutine with a 128 MiB stack (go1.19.8; the captures and the program in
 * test/fixtures/captured/go1.19-audit28-deepstack, README there): `main.deep(200000)` with 512 B of
 * pad a frame blocks at the bottom, then returns. StackInuse 128.3 MiB for 4 goroutines; HeapIdle
 * 64.0 MiB (the stack before its last doubling) before any GC; then stacks 352 KiB while HeapSys
 * stays at 259.7 MiB, 257 MiB of it released. stack-heavy advised "bound concurrency", the idle
 * heap was "a spike", the series "A plateau … the live heap rose from 297.4 KiB to 1.3 MiB", and the
 * warning stack-heavy came fourth, after an info, under "Most of the memory is goroutine stacks".
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { readFixture } from '../helpers/fixtures.js';
import { analyzeSnapshot } from '../../src/analyze/snapshot.js';
import { combineReport } from '../../src/analyze/combine.js';
import { summarizeTraceback } from '../../src/analyze/goroutines/index.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { parseTraceback } from '../../src/grammar/traceback/index.js';
import { heapSnapshot } from '../../src/input/snapshot.js';
import { initialTuiState } from '../../src/tui/state/reducer.js';
import { lineText } from '../../src/tui/view/line.js';
import { buildScreen } from '../../src/tui/view/screen.js';
import { seriesView } from '../../src/tui/model/series.js';

const F = 'test/fixtures/captured/go1.19-audit28-deepstack';
const R = `${F}/run`;
const PLAIN1 = `${R}/plain/01.heap-debug1.txt`;
const DUMP1 = `${R}/goroutine/01.goroutine-debug2.txt`;
const moments = (dir: string, name: string): string[] => [1, 2, 3, 4, 5].map((m) => `${R}/${dir}/0${m}.${name}`);

interface Finding { ruleId: string; severity: string; message: string; why: string; fix: string; evidence?: Record<string, number> }
interface Verdict { kind?: string; leak: string; confidence?: string; evidence?: unknown[]; dominant?: string; summary: string }
interface Report { verdict: Verdict; findings: Finding[]; series?: { verdict: Verdict }; gcTraces?: { verdict: Verdict }[] }

async function analyze(args: string[]): Promise<Report> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Report;
}

const STACK_LIFE = 'A stack that outgrows itself is copied to one twice its size, and the old one is freed. A goroutine that exits keeps its stack only at the starting size (with its descriptor, for reuse, until a GC frees it); a stack that grew is freed at exit (at the end of the cycle when a GC is running), and freed stack spans go back to the heap as idle memory.';
const SHALLOW = 'make the recursion iterative (a loop over a slice used as a stack) or bound its depth, and give each frame less (large local arrays and structs take stack at every level)';
const HEAPSYS = 'and the freed stack spans are heap the runtime keeps (HeapSys 259.7 MiB: 520.0 KiB idle, 257.1 MiB released)';
// The plain dumps (the first read before any GC, the others after the previous capture's forced GC,
// NextGC ≥ 1.7 × HeapAlloc) give four readings right after a forced GC, enough for the verdict to
// rest on (forced.ts judgedAfterForcedGC): flat at 1.3 MiB, so no plateau is said beside the stacks.
// It said "The live heap stayed near 1.3 MiB from snapshot 2 through snapshot 5 (the 4 GC-separated
// snapshots read right after a forced GC, ?gc=1), and 297.4 KiB at snapshot 1, read between GCs (…)",
// for a rise of 1,030,416 bytes from the first plain dump's HeapAlloc, before any GC.

describe('one deep recursion, one dump and its goroutine dump: depth, not concurrency', () => {
  it('stack-heavy: the descriptors and the dump say few deep stacks, and the recursion is named; no "bound concurrency"', async () => {
    const report = await analyze([PLAIN1, DUMP1]);
    expect(report.verdict.dominant).toBe('stacks');
    const stack = report.findings.find((f) => f.ruleId === 'stack-heavy');
    expect(stack?.why).toBe(`StackInuse = 128.3 MiB is enough for about 65,680 goroutines at the 2 KiB minimum, but the heap profile counts about 10 goroutine descriptors (runtime.malg), one for every goroutine the process made: 12.8 MiB of stack each even if all were alive, so these stacks are few and deep (recursion, large frames), not many. ${STACK_LIFE}`);
    expect(stack?.fix).toBe(`The goroutine dump of the same moment (${DUMP1}) counts 4 goroutines alive, 32.1 MiB of stack each on average: deep stacks, not many goroutines, so bounding concurrency would not lower them. main.deep calls itself (97 of the frames printed, main.go:52): ${SHALLOW}.`);
    expect(stack?.evidence).toEqual({ stackSysBytes: 134512640, stackInuseBytes: 134512640, retainedBytes: 221504840, descriptors: 10 });
  });

  it('idle-heap-retained: no GC has run, so the 64.0 MiB idle is what the stack left as it grew, not "a spike"', async () => {
    const report = await analyze([PLAIN1, DUMP1]);
    const idle = report.findings.find((f) => f.ruleId === 'idle-heap-retained');
    expect(idle?.why).toBe('HeapIdle − HeapReleased = 64.0 MiB: free spans still backed by RAM, kept so the heap can grow again without asking the OS. The heap (HeapSys − HeapReleased = 65.0 MiB) is beyond its goal (NextGC = 4.0 MiB), yet no GC has run (NumGC = 0), and only a GC frees the spans of heap objects: these are spans goroutine stacks left. A goroutine stack that outgrows itself is copied to one twice its size and the old one freed to the heap (a stack that grew is freed when its goroutine exits, too): the 128.3 MiB of stacks in use (StackInuse) can have left up to as much behind. The background scavenger returns idle memory gradually (it keeps ~10% headroom over the heap goal and works at ~1% of a CPU). This is not live data and not a leak.');
    expect(idle?.fix).toBe('If the memory should go back to the OS, call debug.FreeOSMemory(), or set GOMEMLIMIT so the scavenger works toward a limit. These spans are what goroutine stacks left (the old copies of stacks that grew, and the stacks of goroutines that exited): to hold less, lower the peak of the stacks — fewer goroutines at once, or shallower stacks (deep recursion and large frames make them grow).');
  });

  it('findings by severity, then the one about what the verdict names (stacks) first: JSON and text', async () => {
    const report = await analyze([PLAIN1, DUMP1]);
    expect(report.findings.map((f) => `${f.severity} ${f.ruleId}`)).toEqual([
      'warning stack-heavy', 'warning idle-heap-retained', 'info released-memory-in-rss', 'info peak-retention', 'info profile-before-first-gc',
    ]);
    const text = await runCli([PLAIN1, DUMP1, '--color=never']);
    const heads = text.stdout.split('\n').filter((l) => /^ {2}(warning|info|error) /.test(l)).map((l) => l.slice(2, l.indexOf(':')));
    expect(heads).toEqual(['warning stack-heavy', 'warning idle-heap-retained', 'info released-memory-in-rss', 'info peak-retention', 'info profile-before-first-gc']);
  });

  it('the TUI lists them in the same order under the verdict', () => {
    const { dump, diagnostics } = parseHeapDump(readFixture('captured/go1.19-audit28-deepstack/run/plain/01.heap-debug1.txt'), PLAIN1);
    const snapshot = analyzeSnapshot(PLAIN1, heapSnapshot(dump), diagnostics);
    const goroutines = summarizeTraceback(parseTraceback(readFixture('captured/go1.19-audit28-deepstack/run/goroutine/01.goroutine-debug2.txt'), DUMP1).dump, DUMP1);
    const lines = buildScreen({ report: combineReport([snapshot], [goroutines]), width: 100, height: 60 }, initialTuiState()).lines.map(lineText).map((l) => l.trimEnd());
    const at = lines.indexOf('Findings (5)');
    expect(lines.slice(at + 1, at + 6).map((l) => l.slice(4, l.indexOf(':')))).toEqual([
      'warning stack-heavy', 'warning idle-heap-retained', 'info    released-memory-in-rss', 'info    peak-retention', 'info    profile-before-first-gc',
    ]);
  });

  it('the ?gc=1 dump alone: its 10 goroutine descriptors already say few deep stacks', async () => {
    const report = await analyze([`${R}/gc1/01.heap-gc1.txt`]);
    const stack = report.findings.find((f) => f.ruleId === 'stack-heavy');
    expect(stack?.fix).toBe(`Bounding concurrency would not lower these: take a goroutine dump (goroutine?debug=2) to see which goroutine is deep and in what — usually recursion: ${SHALLOW}.`);
    expect(report.findings[0]?.ruleId).toBe('stack-heavy');
  });
});

describe('the series: a stack peak that came and went, deep stacks rather than a burst of goroutines (reasoning.md §7)', () => {
  // plain/01.heap-debug1.txt and goroutine/01.goroutine-debug2.txt are one moment (01) in sibling folders: its dump counts the
  // goroutines at the peak. It was "at most 4 goroutines in a goroutine dump (none of the peak's moment), 3 in the last goroutine
  // dump, 32.1 MiB of stack each if the peak had as many": only the same folder and stem paired a dump with a heap dump.
  it('plain dumps and goroutine dumps (was "A plateau … the live heap rose from 297.4 KiB to 1.3 MiB")', async () => {
    const report = await analyze([...moments('plain', 'heap-debug1.txt'), ...moments('goroutine', 'goroutine-debug2.txt'), '--fail-on', 'leak']);
    expect(report.series?.verdict).toEqual({
      // Plain dumps: each HeapAlloc exceeds its profile (64,373 B in use at the last) beyond sampling error, so each was read between GCs.
      kind: 'peak-retention', leak: 'not-suspected', confidence: 'high', evidence: [], readBetweenGCs: { profileInUseBytes: 64373, plainDumps: 5 },
      summary: `Peak retention, not a leak: a stack peak was on at the first snapshot and ended — deep stacks, not a burst of goroutines: 4 goroutines at the peak, 3 in the last goroutine dump, 32.1 MiB of stack each, and main.deep calls itself (97 of the frames printed, main.go:52). The stacks (StackInuse) fell from 128.3 MiB at snapshot 1 to 352.0 KiB, ${HEAPSYS}. The heap between collections (HeapAlloc, live plus garbage not yet collected) rose from 297.4 KiB to 1.3 MiB by snapshot 2, then stayed near 1.3 MiB through snapshot 5: it grew, then stopped.`,
    });
    expect(report.verdict.summary).toBe(report.series?.verdict.summary);
  });

  it('the plain dumps alone: the goroutine descriptors count the goroutines', async () => {
    const report = await analyze(moments('plain', 'heap-debug1.txt'));
    expect(report.series?.verdict.summary).toBe(`Peak retention, not a leak: a stack peak was on at the first snapshot and ended — deep stacks, not a burst of goroutines: the heap profile counts 10 goroutine descriptors (runtime.malg), one for every goroutine the process made: 12.8 MiB of stack each at least. The stacks (StackInuse) fell from 128.3 MiB at snapshot 1 to 352.0 KiB, ${HEAPSYS}. The heap between collections (HeapAlloc, live plus garbage not yet collected) rose from 297.4 KiB to 1.3 MiB by snapshot 2, then stayed near 1.3 MiB through snapshot 5: it grew, then stopped.`);
  });

  it('the ?gc=1 dumps (was "a burst of goroutines was on at the first snapshot and ended")', async () => {
    const report = await analyze([...moments('gc1', 'heap-gc1.txt'), ...moments('goroutine', 'goroutine-debug2.txt')]);
    expect(report.series?.verdict.summary).toBe('Peak retention, not a leak: a stack peak was on at the first snapshot and ended — deep stacks, not a burst of goroutines: 4 goroutines at the peak, 3 in the last goroutine dump, 32.1 MiB of stack each, and main.deep calls itself (97 of the frames printed, main.go:52). The stacks (StackInuse) fell from 128.3 MiB at snapshot 1 to 352.0 KiB, and the freed stack spans are heap the runtime keeps (HeapSys 259.7 MiB: 1.6 MiB idle, 257.1 MiB released).');
  });

  it('the whole run (plain/, gc1/, vars/, goroutine/): the peak is vars/01.vars.json, and goroutine/01 is its moment\'s dump', async () => {
    const report = await analyze([R]);
    expect(report.series?.verdict.summary).toBe('Peak retention, not a leak: a stack peak came and went — deep stacks, not a burst of goroutines: 4 goroutines at the peak, 3 in the last goroutine dump, 40.1 MiB of stack each, and main.deep calls itself (97 of the frames printed, main.go:52). The stacks (StackInuse) went 128.3 MiB → 160.3 MiB at snapshot 3 → 352.0 KiB, and the freed stack spans are heap the runtime keeps (HeapSys 259.7 MiB: 592.0 KiB idle, 257.0 MiB released).');
    const text = await runCli([R, '--color=never']);
    expect(text.stdout.split('\n')[0]).toBe('Peak retention, not a leak: a stack peak came and went — deep stacks, not a burst of goroutines: 4 goroutines at the peak, 3 in the last goroutine dump, 40.1 MiB of stack each, and main.deep calls itself (97 of the frames printed, main.go:52).');
  });

  it('the TUI\'s Series pane: each plain dump with the goroutine dump of its moment (goroutine/NN, a sibling folder), a goroutines row', () => {
    const snapshots = moments('plain', 'heap-debug1.txt').map((source) => {
      const { dump, diagnostics } = parseHeapDump(readFixture(source.slice('test/fixtures/'.length)), source);
      return analyzeSnapshot(source, heapSnapshot(dump), diagnostics);
    });
    const dumps = moments('goroutine', 'goroutine-debug2.txt').map((source) => summarizeTraceback(parseTraceback(readFixture(source.slice('test/fixtures/'.length)), source).dump, source));
    // It had none: only a dump of the same folder and stem was paired with a heap dump.
    expect(seriesView(combineReport(snapshots, dumps))?.rows.find((r) => r.name === 'goroutines')?.values).toEqual([4, 3, 3, 3, 3]);
  });

  it('/debug/vars alone cannot tell deep stacks from many goroutines (no goroutine count, no descriptors): a stack peak, more goroutines or deeper stacks', async () => {
    const report = await analyze(moments('vars', 'vars.json'));
    expect(report.series?.verdict.summary).toBe('Peak retention, not a leak: a stack peak (more goroutines, or deeper stacks) was on at the first snapshot and ended — their stacks (StackInuse) fell from 160.3 MiB at snapshot 1 to 352.0 KiB, and the freed stack spans are heap the runtime keeps (HeapSys 259.7 MiB: 592.0 KiB idle, 257.0 MiB released).');
  });

  it('the GC log of the run: a peak at its first GC is not "rose 128 → 128 MB"', async () => {
    const report = await analyze([`${R}/stderr.log`]);
    expect(report.gcTraces?.[0]?.verdict.summary).toBe('Peak, not a leak: a stack peak (many goroutines, or a few deep ones) was on at the first GC and ended — the goroutine stacks the GC scans (its "MB stacks") fell from 128 MB (gc 1) to 0 MB, while the live heap after GC stayed at 0 MB over 13.7 s and 5 GCs: the stacks, not the live heap, grew the process, and their freed spans are heap the runtime keeps until the scavenger returns it.');
  });
});

describe('one goroutine deep in encoding/json (go1.19-jsondeep, captured): the standard library\'s recursion, after a GC', () => {
  const J = 'test/fixtures/captured/go1.19-jsondeep';

  it('stack-heavy with the debug=2 dump: encoding/json recursing under main.leaf.MarshalJSON, not "make the recursion iterative"', async () => {
    const report = await analyze([`${J}/01.heap-debug1.txt`, `${J}/01.goroutine-debug2.txt`]);
    expect(report.findings.map((f) => `${f.severity} ${f.ruleId}`)).toEqual(['warning stack-heavy', 'warning idle-heap-retained', 'info peak-retention']);
    const stack = report.findings[0];
    expect(stack?.why).toBe(`StackInuse = 64.3 MiB is enough for about 32,944 goroutines at the 2 KiB minimum, but the heap profile counts about 20 goroutine descriptors (runtime.malg), one for every goroutine the process made: 3.2 MiB of stack each even if all were alive, so these stacks are few and deep (recursion, large frames), not many. ${STACK_LIFE}`);
    expect(stack?.fix).toBe(`The goroutine dump of the same moment (${J}/01.goroutine-debug2.txt) counts 4 goroutines alive, 16.1 MiB of stack each on average: deep stacks, not many goroutines, so bounding concurrency would not lower them. encoding/json.structEncoder.encode recurses under main.leaf.MarshalJSON (19 of the frames printed): the standard library walking a deeply nested value, which it follows one call deeper per level; bound how deeply what it is given nests.`);
  });

  it('with the debug=1 dump (32 PCs: 9 rounds of the encoders, too few to call a recursion): depth, from the descriptors', async () => {
    const report = await analyze([`${J}/01.heap-debug1.txt`, `${J}/01.goroutine-debug1.txt`]);
    expect(report.findings[0]?.fix).toBe(`The goroutine dump of the same moment (${J}/01.goroutine-debug1.txt) counts 4 goroutines alive, 16.1 MiB of stack each on average: deep stacks, not many goroutines, so bounding concurrency would not lower them. The Goroutines section shows how deep each group's stack is; the deepest is usually a recursion: ${SHALLOW}.`);
  });

  it('idle-heap-retained after a GC: 8.2 MiB allocated in all cannot have filled 55.8 MiB of idle spans — the stack\'s, not "a spike"', async () => {
    const report = await analyze([`${J}/01.heap-debug1.txt`]);
    const idle = report.findings.find((f) => f.ruleId === 'idle-heap-retained');
    expect(idle?.why).toBe('HeapIdle − HeapReleased = 55.8 MiB: free spans still backed by RAM, kept so the heap can grow again without asking the OS. The heap (HeapSys − HeapReleased = 63.9 MiB) is beyond its goal (NextGC = 14.7 MiB), yet the program allocated only 8.2 MiB of objects since it started (TotalAlloc), too little to have filled 55.8 MiB of spans: these are spans goroutine stacks left. A goroutine stack that outgrows itself is copied to one twice its size and the old one freed to the heap (a stack that grew is freed when its goroutine exits, too): the 64.3 MiB of stacks in use (StackInuse) can have left up to as much behind. The background scavenger returns idle memory gradually (it keeps ~10% headroom over the heap goal and works at ~1% of a CPU). This is not live data and not a leak.');
  });
});

describe('stack-heavy beside a goroutine dump of other programs', () => {
  it('4,000 goroutines each 100 frames deep in main.deep (go1.19-audit27-burst, moment 2): depth and concurrency both', async () => {
    const B = 'test/fixtures/captured/go1.19-audit27-burst/burst';
    const report = await analyze([`${B}/02.heap.txt`, `${B}/02.goroutine1.txt`]);
    expect(report.findings.find((f) => f.ruleId === 'stack-heavy')?.fix).toBe(`The goroutine dump of the same moment (${B}/02.goroutine1.txt) counts 4,003 goroutines alive, 64.0 KiB of stack each on average, and main.deep calls itself (29 of the frames printed, main.go:22) in 4,000 of them: each such stack is deep. Make the recursion iterative (a loop over a slice used as a stack) or bound its depth, and give each frame less (large local arrays and structs take stack at every level); if the goroutines are finished work, bound concurrency (a worker pool or a semaphore) to lower the peak.`);
  });

  it('4 goroutines alive beside 19.9 MiB right after a burst of 10,000 shallow ones exited: not called deep (their descriptors are there)', async () => {
    const S = 'test/fixtures/scenarios/burst';
    const report = await analyze([`${S}/03-after-wait.heap-debug1.txt`, `${S}/03-after-wait.goroutine-debug1.txt`]);
    const stack = report.findings.find((f) => f.ruleId === 'stack-heavy');
    expect(stack?.fix).toBe(`The goroutine dump of the same moment (${S}/03-after-wait.goroutine-debug1.txt) counts 4 goroutines alive: see what they wait on (the Goroutines section groups them by stack and wait state). If they are finished work, this is a peak; bound concurrency (a worker pool or a semaphore) to lower it.`);
    expect(stack?.why).toBe(`StackInuse = 19.9 MiB is enough for about 10,192 goroutines at the 2 KiB minimum (fewer if they are deep). ${STACK_LIFE}`);
  });

  it('diff of two ?gc=1 dumps whose profiles hold under half their HeapAlloc (leftover48): the live heap, not "Read between GCs: both dumps"', async () => {
    // 64.4 and 47.2 KiB in use beside HeapAlloc 197.4 and 193.4 KiB: records made before main set MemProfileRate = 4096
    // (main.go.txt:99), sampled at 512 KiB; each dump's profile is its own forced GC's.
    const r = await runCli(['diff', `${R}/gc1/04.heap-gc1.txt`, `${R}/gc1/05.heap-gc1.txt`]);
    expect(r.stdout.split('\n')[0]).toBe('Live heap 197.4 KiB → 193.4 KiB (−4.0 KiB); ±0 objects; 1.3 MiB allocated over 1 GC cycle between the two.');
  });
});
