/**
 * Three programs captured for an audit (test/fixtures/captured/go1.19-audit, README there): a
 * cache that fills and then holds flat under heavy churn (plateau), a leak that pins whole
 * buffers through small sub-slices (reslice), goroutines blocked forever (gorleak). The plateau
 * was called "Leak suspected (high confidence)" from its ?gc=1 dumps and from its GC log: the
 * growth was measured from a first snapshot taken while the cache filled.
 */
import { describe, expect, it } from 'vitest';
import { keepsRising } from '../../src/analyze/series/trend.js';
import { runCli } from '../helpers/cli.js';

const A = 'test/fixtures/captured/go1.19-audit';
const phases = (program: string, suffix: string, from = 1): string[] => [1, 2, 3, 4, 5, 6].filter((n) => n >= from).map((n) => `${A}/${program}/0${n}-t${n}.${suffix}`);

interface Verdict { kind?: string; leak: string; confidence?: string; summary: string; readBetweenGCs?: { plainDumps?: number } }
async function seriesVerdict(files: string[]): Promise<Verdict> {
  const r = await runCli([...files, '--format', 'json']);
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as { series: { verdict: Verdict } }).series.verdict;
}

describe('keepsRising: a rise must go on in the later half of a series', () => {
  it('a leak keeps rising; a warm-up that then holds flat does not', () => {
    expect(keepsRising([1, 2, 3])).toBe(true);
    expect(keepsRising([4.3, 8.6, 13.6, 16.8, 22.0])).toBe(true); // the corpus's go1.19 leak, MiB
    expect(keepsRising([0, 1, 1.41, 1.73, 2, 2.24])).toBe(true); // √t: slowing, still 23 % late
    // The plateau's HeapAlloc after each ?gc=1 (bytes, from the dumps).
    expect(keepsRising([8796912, 17308216, 17348088, 17367448, 17386728, 17392872])).toBe(false);
    expect(keepsRising([1, 17, 18])).toBe(false); // the plateau's GC log floors, MB
    expect(keepsRising([5, 5, 5])).toBe(false);
    expect(keepsRising([1, 2])).toBe(false); // two points are no trend
  });
});

describe('a cache that fills, then holds flat under churn: not a leak', () => {
  it('its ?gc=1 dumps: churn on a plateau (8.4 → 16.5 MiB by snapshot 2, then 16.6 MiB), not "Leak suspected"', async () => {
    expect(await seriesVerdict(phases('plateau', 'heap-gc.txt'))).toEqual({
      kind: 'churn', leak: 'not-suspected', confidence: 'medium', evidence: [],
      summary: 'Churn, not a leak: 245.3 MiB allocated a step on average (1.2 GiB over 5 steps between snapshots) while the live heap rose from 8.4 MiB to 16.5 MiB by snapshot 2, then stayed near 16.6 MiB through snapshot 6 (a plateau: it stopped rising); the Go heap\'s cost is GC work.',
    });
    const failOn = await runCli([...phases('plateau', 'heap-gc.txt'), '--fail-on', 'leak']);
    expect(failOn.code).toBe(0);
  });

  it('from snapshot 3 on, the same process says churn on a flat heap', async () => {
    expect((await seriesVerdict(phases('plateau', 'heap-gc.txt', 3))).summary).toBe('Churn, not a leak: 288.7 MiB allocated a step on average (866.1 MiB over 3 steps between snapshots) while live heap stays near 16.6 MiB across 4 GC-separated snapshots; the Go heap\'s cost is GC work.');
  });

  // Its plain dumps 04–06 were read 14 GCs or more after another capture's ?gc=1, their heap goal 1.9–2.0 times HeapAlloc: NumForcedGC
  // rose at each and the goal was about twice HeapAlloc, so they were taken for readings right after a forced GC ("the 3 GC-separated
  // snapshots read right after a forced GC … 9.7 MiB, 33.1 MiB and 33.6 MiB at snapshots 1, 2 and 3, read between GCs", medium). The
  // first was read before any forced GC and 02 and 03 well after theirs: the forced GCs are the other capture's (series/forced.ts).
  it('its dumps taken between GCs: churn at low confidence, each read between GCs, and ?gc=1 is advised', async () => {
    const r = await runCli([...phases('plateau', 'heap.txt'), '--format', 'json']);
    const series = (JSON.parse(r.stdout) as { series: { verdict: Verdict; betweenGCs?: number[] } }).series;
    expect(series.betweenGCs).toBeUndefined(); // none read right after a forced GC: no reading is named apart
    expect(series.verdict).toEqual({
      // Snapshot 3's goal says its last GC marked under 90% of its HeapAlloc (verdict.ts readMidCycle): its profile is named.
      kind: 'churn', leak: 'not-suspected', confidence: 'low', evidence: [], readBetweenGCs: { profileInUseBytes: 20338710, snapshot: 3, plainDumps: 6 },
      summary: 'Churn, not a leak: 245.6 MiB allocated a step on average (1.2 GiB over 5 steps between snapshots) while HeapAlloc, read between GCs, moves between 9.7 MiB and 33.6 MiB across 6 GC-separated snapshots (snapshots 1→6) without rising steadily, with no site or goroutine group growing steadily; the Go heap\'s cost is GC work. A dump taken between GCs counts the garbage made since the last one in HeapAlloc: add ?gc=1 to the heap URL so that each snapshot follows a GC.',
    });
  });

  it('its GC log: churn (floors 1 → 17 → 18 MB rose once), and lint of its folder exits 0', async () => {
    const log = await runCli([`${A}/plateau/gctrace.log`]);
    expect(log.code).toBe(0);
    expect(log.stdout.split('\n')[0]).toBe(`${A}/plateau/gctrace.log: Churn, not a leak: 295 GCs a minute while the live heap after GC stays between 18 and 44 MB (its floor flat at 18 MB after warm-up); the cost is GC CPU (under 1% since start, gctrace's figure), not memory.`);
    const lint = await runCli(['lint', '--no-config', `${A}/plateau`]);
    expect(lint.stdout).not.toContain('leak-suspected');
    expect(lint.code).toBe(0);
  });
});

describe('the leaks are still found', () => {
  it('reslice: the live heap and main.readPacket, from the ?gc=1 dumps and from the GC log', async () => {
    expect((await seriesVerdict(phases('reslice', 'heap-gc.txt'))).summary).toBe('Leak suspected (high confidence): live heap 25.2 MiB → 150.2 MiB across 6 GC-separated snapshots (snapshots 1→6); growing sites: main.readPacket +127.1 MiB.');
    const log = await runCli([`${A}/reslice/gctrace.log`, '--fail-on', 'leak']);
    expect(log.code).toBe(1);
    expect(log.stdout.split('\n')[0]).toBe(`${A}/reslice/gctrace.log: Leak suspected (high confidence): the live heap after GC keeps rising, 2 → 141 MB over 12.7 s and 9 GCs; its floor rose in every third of the log's time (2 → 52 → 141 MB).`);
  });

  it('gorleak: the blocked goroutines grow (1,000 in chan send, 100 in chan receive); lint exits 1', async () => {
    const r = await runCli([...phases('gorleak', 'goroutine-debug2.txt'), '--format', 'json']);
    expect((JSON.parse(r.stdout) as { verdict: Verdict }).verdict.summary).toBe('Leak suspected (high confidence): growing goroutine groups across 6 dumps: main.compute [chan send] +1,000, main.poll [chan receive] +100.');
    expect((await runCli(['lint', '--no-config', `${A}/gorleak`])).code).toBe(1);
  });

  it('gorleak: runtime.malg (goroutine descriptors) grows with main.compute\'s goroutines, never "grew, then held" while they grow (its flat tail is 6 samples, not a stop)', async () => {
    const files = [...phases('gorleak', 'heap-gc.txt'), ...phases('gorleak', 'goroutine-debug1.txt')];
    const text = await runCli(files);
    expect(text.stderr).toBe('');
    expect(text.stdout).not.toContain('grew, then held');
    const at = text.stdout.indexOf('Growing allocation sites (in use, one snapshot per GC epoch)');
    // 3 → 6 samples: the table gives the estimate's basis (basis.ts).
    expect(text.stdout.slice(at).split('\n').slice(0, 8)).toEqual([
      'Growing allocation sites (in use, one snapshot per GC epoch)',
      '  +1.5 MiB    runtime.malg  …/src/runtime/proc.go:4076',
      '              (the estimate rests on 3 → 6 samples: ±1.7 MiB)',
      '              1.5 MiB → 2.0 MiB → 2.0 MiB → 3.0 MiB → 3.0 MiB → 3.0 MiB',
      '',
      'Growing goroutine groups',
      '  +1,000  main.compute (200 → 400 → 600 → 800 → 1,000 → 1,200)',
      '  +100    main.poll (20 → 40 → 60 → 80 → 100 → 120)',
    ]);
    const json = await runCli([...files, '--format', 'json']);
    const sites = (JSON.parse(json.stdout) as { series: { growingSites: { function: string; inuseBytes: number[]; heldFrom?: number }[] } }).series.growingSites;
    expect(sites.map((s) => [s.function, s.inuseBytes, s.heldFrom])).toEqual([['runtime.malg', [1573488, 2097984, 2097984, 3146976, 3146976, 3146976], undefined]]);
    // The heap dumps alone say nothing of the goroutines: the descriptors' flat tail is then held, as any site's.
    const alone = await runCli([...phases('gorleak', 'heap-gc.txt'), '--format', 'json']);
    expect((JSON.parse(alone.stdout) as { series: { growingSites: { function: string; heldFrom?: number }[] } }).series.growingSites.map((s) => [s.function, s.heldFrom])).toEqual([['runtime.malg', 3]]);
    // Goroutine groups that held too (482 → 2,434 → 2,443 → 2,443 → 2,443): the descriptors held with them.
    const held = await runCli(['test/fixtures/captured/go1.19-audit-gor/gorleak', '--format', 'json']);
    const heldSeries = (JSON.parse(held.stdout) as { series: { growingSites: { function: string; inuseBytes: number[]; heldFrom?: number }[]; verdict: Verdict } }).series;
    expect(heldSeries.growingSites.filter((s) => s.function === 'runtime.malg').map((s) => s.heldFrom)).toEqual([1]);
    // goal46: the plateau is the heap goal's (NextGC ÷ 2); the sites that rose are said as grew, then held.
    // The goroutine groups that grew, then held are said with them (hold47.test), not as "Growing, but not yet evidence".
    expect(heldSeries.verdict.summary).toContain(' Grew, then held (not growing now): bufio.NewReaderSize +16.6 MiB, bufio.NewWriterSize +11.5 MiB, main.main.func1.1 +10.0 MiB, runtime.malg +5.0 MiB, net/http.(*persistConn).readLoop [IO wait] +1,961 goroutines,');
  });
});

describe('the captures parse cleanly', () => {
  it('every heap dump (36), vars document (18), goroutine dump (36) and GC log (3): zero diagnostics', async () => {
    const files = ['gorleak', 'plateau', 'reslice'].flatMap((p) => [
      ...phases(p, 'heap.txt'), ...phases(p, 'heap-gc.txt'), ...phases(p, 'vars.json'), ...phases(p, 'goroutine-debug1.txt'), ...phases(p, 'goroutine-debug2.txt'), `${A}/${p}/gctrace.log`,
    ]);
    const r = await runCli(['analyze', '--separately', '--format', 'json', ...files]);
    const report = JSON.parse(r.stdout) as { snapshots: unknown[]; goroutines: unknown[]; gcTraces: unknown[]; diagnostics: unknown[] };
    expect([report.snapshots.length, report.goroutines.length, report.gcTraces.length, report.diagnostics]).toEqual([54, 36, 3, []]);
  });

  it('the compiler outputs (-m and -m=2 of each program): no line the escape grammar could not read', async () => {
    for (const p of ['gorleak', 'plateau', 'reslice']) {
      for (const m of ['build-m.txt', 'build-m2.txt']) {
        const r = await runCli(['escape', '--format', 'json', `${A}/${p}/${m}`]);
        expect((JSON.parse(r.stdout) as { problems: unknown[] }).problems, `${p}/${m}`).toEqual([]);
      }
    }
  });
});

describe('--escape: an allocation inlined into its caller is explained by the copy that ran', () => {
  interface Joined { message: string; line: number; column: number; cause?: string }
  async function joinedFirst(program: string): Promise<{ function: string; escape: Joined[] }> {
    const r = await runCli([`${A}/${program}/06-t6.heap-gc.txt`, '--escape', `${A}/${program}/build-m2.txt`, '--format', 'json']);
    const site = (JSON.parse(r.stdout) as { snapshots: { profile: { sites: { function: string; escape?: Joined[] }[] } }[] }).snapshots[0]?.profile.sites[0];
    return { function: site?.function ?? '', escape: (site?.escape ?? []).map(({ message, line, column, cause }) => ({ message, line, column, ...(cause ? { cause } : {}) })) };
  }

  it('plateau: main.load inlined into main (one function entry, Go 1.19\'s inline mark PC) — kept by c.m[k] = v at main.go:55:42, not "returned" at 35:11', async () => {
    expect(await joinedFirst('plateau')).toEqual({
      function: 'main.load',
      escape: [{ message: 'make([]byte, 8 << 10) escapes to heap', line: 55, column: 42, cause: 'stored-in-heap' }],
    });
  });

  it('reslice: readPacket inlined into keepHeader inlined into main — the copy in main (40:14), not those at 17:13 or 25:17', async () => {
    expect(await joinedFirst('reslice')).toEqual({
      function: 'main.readPacket',
      escape: [{ message: 'make([]byte, 256 << 10) escapes to heap', line: 40, column: 14, cause: 'stack-size' }],
    });
  });
});

describe('--escape of another program', () => {
  it('says that it covers none of the sites\' files, instead of joining nothing in silence', async () => {
    const other = await runCli([`${A}/reslice/06-t6.heap-gc.txt`, '--escape', `${A}/plateau/build-m2.txt`, '--format', 'json']);
    expect(other.code).toBe(0);
    expect(other.stderr).toBe(`heapdoc: --escape ${A}/plateau/build-m2.txt covers none of the allocation sites' files (reslice/main.go, pprof/pprof.go): it is the compiler output of another program or package — build the program the dump came from with go build -gcflags=-m=2 2> m.txt\n`);
    const own = await runCli([`${A}/reslice/06-t6.heap-gc.txt`, '--escape', `${A}/reslice/build-m2.txt`, '--format', 'json']);
    expect(own.stderr).toBe('');
  });
});

describe('heapdoc escape of Go 1.19 -m=2 output', () => {
  it('a value explained without its -m line (func literal escapes to heap:) counts in its package, file and function: the heap column adds up to the heap values', async () => {
    const r = await runCli(['escape', `${A}/gorleak/build-m2.txt`]);
    expect(r.stdout).toContain('\nHeap values: 4 (0 moved to the heap, 4 escape to the heap)\n');
    expect(r.stdout).toContain('\nPackages                                                  messages   heap  leaks\n  auditprogs/gorleak                                            14      4      0\n');
    expect(r.stdout).toContain('\nFunctions                                                 messages   heap  leaks\n  main                                                           6      3      0\n  request                                                        5      1      0\n');
  });
});

describe('lint reports a GC pause once per process', () => {
  it('the 10 ms pause of GC cycle 3, in the PauseNs ring of all eighteen dumps of reslice: once, at the latest snapshot, with its counts; every time with --separately', async () => {
    type Result = { filePath: string; messages: { ruleId: string; message: string }[] }[];
    const pauses = (stdout: string): string[] => (JSON.parse(stdout) as Result).flatMap((f) => f.messages.filter((m) => m.ruleId === 'gc-pause-long').map((m) => `${f.filePath.split('/').pop() ?? ''}: ${m.message}`));
    const together = await runCli(['lint', '--no-config', '--format', 'json', `${A}/reslice`]);
    expect(pauses(together.stdout)).toEqual(['06-t6.heap-gc.txt: A GC pause took 10.00 ms (GC cycle 3); 1 of the last 13 pauses exceeded 10.00 ms.']); // the latest dump (TotalAlloc order)
    const apart = await runCli(['lint', '--no-config', '--format', 'json', '--separately', `${A}/reslice`]);
    expect(pauses(apart.stdout)).toHaveLength(18);
  });
});

describe('leak findings start where the evidence points', () => {
  it('gorleak: the blocked senders first, with what chan send usually means; goroutines as the only evidence are said to be the leak', async () => {
    const r = await runCli(['lint', '--no-config', '--format', 'json', ...phases('gorleak', 'goroutine-debug2.txt')]);
    const messages = (JSON.parse(r.stdout) as { messages: { ruleId: string; why: string; fix: string }[] }[]).flatMap((f) => f.messages);
    const leak = messages.find((m) => m.ruleId === 'leak-suspected');
    // The other growing group's advice too: goroutine-growth, which said it, leaves the groups to leak-suspected (groupsSaidOnce).
    expect(leak?.fix).toBe("Start with main.compute [chan send] at main.go:16 (+1,000 goroutines): blocked sending on a channel nobody receives from any more (a caller that gave up after a timeout): make the channel buffered (one slot per sender), or select on a done channel or context beside the send. Also growing: main.poll [chan receive] (a channel nobody sends on or closes). heapdoc tui on these files opens each growing site's stacks; --format json has every site's (.snapshots[].profile.sites[].stack) and goroutine group's (.goroutines[].groups[].stack).");
    // Why goroutines alone are the leak, then what the confidence rests on (audit 34: the why reasons, the message states the evidence).
    expect(leak?.why).toMatch(/ Goroutines that keep accumulating wait forever: each keeps its stack and everything the stack references, a leak whether or not the heap grows\. High confidence: 4 readings or more, and a rise at every step of one of them; /);
    expect(messages.filter((m) => m.ruleId === 'goroutine-growth')).toEqual([]);
    const off = await runCli(['lint', '--no-config', '--format', 'json', '--rule', 'leak-suspected=off', ...phases('gorleak', 'goroutine-debug2.txt')]);
    expect((JSON.parse(off.stdout) as { messages: { ruleId: string; fix: string }[] }[]).flatMap((f) => f.messages).find((m) => m.ruleId === 'goroutine-growth')?.fix).toBe('main.compute [chan send] at main.go:16 is blocked sending on a channel nobody receives from any more (a caller that gave up after a timeout): make the channel buffered (one slot per sender), or select on a done channel or context beside the send. Also growing: main.poll [chan receive] (a channel nobody sends on or closes). Give every goroutine a way to end.');
  });

  it('reslice (heap dumps only): the growing site, and the goroutine dump that would tell what keeps it', async () => {
    const r = await runCli(['lint', '--no-config', '--format', 'json', ...phases('reslice', 'heap-gc.txt')]);
    const leak = (JSON.parse(r.stdout) as { messages: { ruleId: string; fix: string }[] }[]).flatMap((f) => f.messages).find((m) => m.ruleId === 'leak-suspected');
    expect(leak?.fix).toBe("Start with main.readPacket (+127.1 MiB): what keeps what it allocates? A map or slice that is never pruned, or a cache without a bound, are the usual causes. Its objects are large (256.3 KiB each on average): if the program keeps only a part of each (a sub-slice or a substring), that part keeps the whole object alive, however small it is: keep a copy of the part instead (bytes.Clone, strings.Clone) and the object can be freed. Heap dumps tell where the growing memory was allocated, not what keeps it: a goroutine dump of the same moment (/debug/pprof/goroutine?debug=2, read by heapdoc beside these) shows the goroutines that hold it, and whether the finalizer goroutine (runtime.runfinq) is stuck in one finalizer; objects with a finalizer are not freed before theirs has run, finalizers run one at a time, and one in a reference cycle never runs (https://pkg.go.dev/runtime#SetFinalizer). heapdoc tui on these files opens each growing site's stacks; --format json has every site's (.snapshots[].profile.sites[].stack) and goroutine group's (.goroutines[].groups[].stack).");
  });
});

describe('goroutine dumps alone', () => {
  it('one dump: its exact count, not "up to"', async () => {
    const r = await runCli([`${A}/gorleak/06-t6.goroutine-debug1.txt`]);
    expect(r.stdout.split('\n')[0]).toBe('Goroutine dump only (1,324 goroutines): give a heap dump too for the memory picture, and several dumps over time to see growth.');
  });
});

describe('heapdoc escape of plain -m output', () => {
  it('says how many heap values its Functions table cannot place (reslice: readPacket showed heap 0)', async () => {
    const r = await runCli(['escape', `${A}/reslice/build-m.txt`]);
    expect(r.stdout).toContain('\n  scratch                                                        1      0      0\n  (6 of the 6 heap values are in no function above: plain -m names only the functions the inliner reports; -gcflags=-m=2 names the function of every line.)\n');
    expect((await runCli(['escape', `${A}/reslice/build-m2.txt`])).stdout).not.toContain('in no function above');
  });
});

describe('goroutine-descriptors with the goroutine dump of the same moment', () => {
  it('says how many goroutines are alive (the descriptors are an estimate) and points at what they wait on', async () => {
    const r = await runCli([`${A}/gorleak/06-t6.heap-gc.txt`, `${A}/gorleak/06-t6.goroutine-debug2.txt`, '--format', 'json']);
    const f = (JSON.parse(r.stdout) as { findings: { ruleId: string; message: string; why: string; fix: string }[] }).findings.find((x) => x.ruleId === 'goroutine-descriptors');
    expect(f?.message).toBe('About 7,564 goroutine descriptors hold 3.0 MiB of live heap (runtime.malg): an estimate from 6 samples.');
    expect(f?.why).toMatch(/ The goroutine dump of the same moment \(.*06-t6\.goroutine-debug2\.txt\) counts 1,324 goroutines alive: their descriptors are among these; the rest are kept from goroutines that exited\.$/);
    expect(f?.fix).toMatch(/^See what the 1,324 goroutines alive wait on/);
    // Without a dump of that moment (another stem), the finding stands as the rule wrote it.
    const other = await runCli([`${A}/gorleak/06-t6.heap-gc.txt`, `${A}/gorleak/05-t5.goroutine-debug2.txt`, `${A}/gorleak/04-t4.goroutine-debug2.txt`, '--format', 'json']);
    const g = (JSON.parse(other.stdout) as { findings: { ruleId: string; why: string }[] }).findings.find((x) => x.ruleId === 'goroutine-descriptors');
    expect(g?.why).not.toContain('same moment (');
  });
});
