/**
 * Where the leak findings point, on real go1.19 captures (test/fixtures/captured/go1.19-audit-work,
 * README there): a standard-library site is named with the program's frame that called it and
 * same-name sites by their lines; timer sites get the time package's advice; debug=1 goroutine
 * groups are named with their line, without guessing what they wait on; a finalizer that holds the
 * finalizer goroutine is said; diff never names the profiler's own allocations as the change.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const W = 'test/fixtures/captured/go1.19-audit-work';
/** The six moments' `?gc=1` heap dumps and goroutine dumps (debug=1 unless said) of a workload. */
function moments(workload: string, goroutines = 'debug1.txt'): string[] {
  const times = workload === '08-goleak' ? [10, 20, 30, 40, 50, 60] : [3, 6, 9, 12, 15, 18];
  return times.flatMap((t, i) => [`${W}/${workload}/0${i + 1}-t${t}.heap-gc1.txt`, `${W}/${workload}/0${i + 1}-t${t}.goroutine-${goroutines}`]);
}

interface Message { ruleId: string; message: string; fix: string }
/** lint's leak-suspected and goroutine-growth findings, in that order. */
async function seriesMessages(files: string[]): Promise<(Message | undefined)[]> {
  const r = await runCli(['lint', '--no-config', '--format', 'json', ...files]);
  expect(r.stderr).toBe('');
  const messages = (JSON.parse(r.stdout) as { messages: Message[] }[]).flatMap((f) => f.messages);
  // goroutine-growth as it reads with leak-suspected off: a leak that names the groups says them in its place (groupsSaidOnce).
  const growth = messages.some((m) => m.ruleId === 'leak-suspected') ? await runCli(['lint', '--no-config', '--format', 'json', '--rule', 'leak-suspected=off', ...files]) : r;
  const growing = (JSON.parse(growth.stdout) as { messages: Message[] }[]).flatMap((f) => f.messages).find((m) => m.ruleId === 'goroutine-growth');
  return [messages.find((m) => m.ruleId === 'leak-suspected'), growing];
}

const STACKS = " heapdoc tui on these files opens each growing site's stacks; --format json has every site's (.snapshots[].profile.sites[].stack) and goroutine group's (.goroutines[].groups[].stack).";
/** leak-suspected's words when only heap dumps were read (no goroutine dump to say what keeps the sites). */
const HEAP_ONLY = 'Heap dumps tell where the growing memory was allocated, not what keeps it: a goroutine dump of the same moment (/debug/pprof/goroutine?debug=2, read by heapdoc beside these) shows the goroutines that hold it, and whether the finalizer goroutine (runtime.runfinq) is stuck in one finalizer; objects with a finalizer are not freed before theirs has run, finalizers run one at a time, and one in a reference cycle never runs (https://pkg.go.dev/runtime#SetFinalizer).';
const NO_STATE = 'goroutine?debug=1 dumps print no wait state, so whether they wait to send, to receive, in a select or on a lock is not known from them (heapdoc does not guess it): goroutine?debug=2 dumps of the same moments print it, and who created them.';

describe('standard-library sites are named with their caller, same-name sites by line', () => {
  it('03-timers (time.After in a loop, tickers never stopped): main.runTimers and main.pollStatus, and the time package\'s advice', async () => {
    const r = await runCli(moments('03-timers'));
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Leak suspected (high confidence): live heap 7.0 MiB → 36.3 MiB across 6 GC-separated snapshots (snapshots 1→6); growing sites: time.NewTimer (sleep.go:87) ← main.runTimers (main.go:102) +15.5 MiB, time.NewTimer (sleep.go:88) ← main.runTimers (main.go:102) +7.0 MiB, time.startTimer ← main.runTimers (main.go:102) +1.9 MiB and 1 more.');
    const growing = lines.indexOf('Growing allocation sites (in use, one snapshot per GC epoch)');
    expect(lines.slice(growing + 1, growing + 4)).toEqual([
      '  +15.5 MiB   time.NewTimer  …/src/time/sleep.go:87',
      '              ← called by main.runTimers  …/audit-work/progs/main.go:102',
      '              3.5 MiB → 6.0 MiB → 10.5 MiB → 13.5 MiB → 15.5 MiB → 19.0 MiB',
    ]);
    expect(lines).toContain('              ← called by main.pollStatus  …/audit-work/progs/main.go:109');
    const [leak] = await seriesMessages(moments('03-timers'));
    expect(leak?.message).toBe('Leak suspected (high confidence) across 6 snapshots, 01-t3.heap-gc1.txt → 06-t18.heap-gc1.txt: live heap 7.0 MiB → 36.3 MiB over 6 GC-separated snapshots; growing time.NewTimer (sleep.go:87) ← main.runTimers (main.go:102) 3.5 MiB → 19.0 MiB, time.NewTimer (sleep.go:88) ← main.runTimers (main.go:102) 1.0 MiB → 8.0 MiB, time.startTimer ← main.runTimers (main.go:102) 0 B → 1.9 MiB and 1 more.');
    expect(leak?.fix).toBe(`Start with time.NewTimer (sleep.go:87) ← main.runTimers (main.go:102) (+15.5 MiB): timers and tickers made by main.runTimers (main.go:102) and main.pollStatus (main.go:109) and never stopped. Before Go 1.23, a timer from time.After or time.NewTimer is not collected until it fires, and an unstopped time.Ticker never is (https://pkg.go.dev/time#After; https://go.dev/doc/go1.23#timer-changes): call Stop on a Ticker when done with it, and in a loop reuse one time.NewTimer (Stop or Reset it) instead of a time.After per iteration.${STACKS}`);
  });

  it('03-timers --format json: a standard-library site carries its caller', async () => {
    const r = await runCli([...moments('03-timers'), '--format', 'json']);
    const j = JSON.parse(r.stdout) as { snapshots: { profile: { sites: { function: string; line: number; caller?: unknown }[] } }[]; series: { growingSites: { function: string; caller?: unknown }[] } };
    expect(j.series.growingSites[0]?.caller).toEqual({ function: 'main.runTimers', file: '/tmp/audit-work/progs/main.go', line: 102 });
    const sites = j.snapshots[j.snapshots.length - 1]?.profile.sites ?? [];
    expect(sites.find((s) => s.function === 'time.NewTicker' && s.line === 29)?.caller).toEqual({ function: 'main.pollStatus', file: '/tmp/audit-work/progs/main.go', line: 109 });
    expect(sites.find((s) => s.function === 'runtime.malg')?.caller).toBeUndefined();
  });

  it('02-subslice: strings.(*Builder).grow names main.loadDocument', async () => {
    const [leak] = await seriesMessages(moments('02-subslice'));
    expect(leak?.message).toBe('Leak suspected (high confidence) across 6 snapshots, 01-t3.heap-gc1.txt → 06-t18.heap-gc1.txt: live heap 17.2 MiB → 85.7 MiB over 6 GC-separated snapshots; growing main.readPacket 12.7 MiB → 71.7 MiB, strings.(*Builder).grow ← main.loadDocument (main.go:70) 1.3 MiB → 8.9 MiB.');
  });

  it('09-finalizers: two sites of main.runFinalizers by line, and the finalizer goroutine held by a sleeping finalizer', async () => {
    const r = await runCli(moments('09-finalizers'));
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Leak suspected (high confidence): live heap 17.2 MiB → 84.0 MiB across 6 GC-separated snapshots (snapshots 1→6); growing sites: main.runFinalizers (main.go:225) +38.1 MiB, main.runFinalizers (main.go:220) +24.6 MiB.');
    expect(lines).toContain('        1  main.runFinalizers.func2 (a finalizer, on the finalizer goroutine)');
    const [leak] = await seriesMessages(moments('09-finalizers'));
    expect(leak?.fix).toBe(`The finalizer goroutine (runtime.runfinq) was running main.runFinalizers.func2 (main.go:226), in time.Sleep, at all 6 goroutine dumps: finalizers run one at a time on that one goroutine, so a finalizer that blocks or sleeps holds up every other, and the objects waiting for theirs are never freed (https://pkg.go.dev/runtime#SetFinalizer: a finalizer that must run long should start a goroutine). Start with main.runFinalizers (main.go:225) (+38.1 MiB): what keeps what it allocates? A map or slice that is never pruned, or a cache without a bound, are the usual causes.${STACKS}`);
  });
});

describe('a standard-library site with several callers in the program says so', () => {
  const TWO = 'test/fixtures/captured/go1.19-two-callers';
  const SESSION = { function: 'main.openSession', file: '/tmp/fix26a-cap2/main.go', line: 17 };
  const AUDIT = { function: 'main.auditLog', file: '/tmp/fix26a-cap2/main.go', line: 19 };

  it('go1.19-two-callers (strings.(*Builder).grow from main.openSession and main.auditLog): headline, text, fix', async () => {
    const r = await runCli([TWO]);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Leak suspected (high confidence): live heap 11.3 MiB → 45.1 MiB across 4 GC-separated snapshots (snapshots 1→4); growing sites: strings.(*Builder).grow ← main.openSession (main.go:17) (+1 more caller) +33.1 MiB.');
    const growing = lines.indexOf('Growing allocation sites (in use, one snapshot per GC epoch)');
    expect(lines.slice(growing + 1, growing + 5)).toEqual([
      '  +33.1 MiB   strings.(*Builder).grow  …/src/strings/builder.go:68',
      // Both callers grew: each with its growth since the first GC-separated snapshot.
      '              ← called by main.openSession  …/tmp/fix26a-cap2/main.go:17  33.1 MiB in the last snapshot (+25.6 MiB since the first), 33.1 MiB allocated',
      '              ← called by main.auditLog  …/tmp/fix26a-cap2/main.go:19  8.0 MiB in the last snapshot (+7.5 MiB since the first), 8.0 MiB allocated',
      '              8.0 MiB → 15.6 MiB → 29.6 MiB → 41.2 MiB',
    ]);
    expect(lines).toContain('                                   ← called by main.auditLog  …/tmp/fix26a-cap2/main.go:19  8.0 MiB in use, 8.0 MiB allocated');
    const [leak] = await seriesMessages([1, 2, 3, 4].map((n) => `${TWO}/0${n}.heap-debug1.txt`));
    expect(leak?.fix).toBe(`Start with strings.(*Builder).grow ← main.openSession (main.go:17) (+1 more caller) (+33.1 MiB): its callers' in-use bytes from the first to the last GC-separated snapshot: main.openSession (main.go:17) 7.5 MiB → 33.1 MiB (+25.6 MiB), main.auditLog (main.go:19) 513.1 KiB → 8.0 MiB (+7.5 MiB). What keeps what main.openSession and main.auditLog allocate there? A map or slice that is never pruned, or a cache without a bound, are the usual causes. ${HEAP_ONLY}${STACKS}`);
  });

  it('go1.19-two-callers --format json: caller as before, callers with their bytes (site and growing site, whose callers carry their growth)', async () => {
    const r = await runCli([TWO, '--format', 'json']);
    const j = JSON.parse(r.stdout) as { snapshots: { profile: { sites: { function: string; caller?: unknown; callers?: unknown }[] } }[]; series: { growingSites: { caller?: unknown; callers?: unknown }[] } };
    const callers = [{ ...SESSION, inuseBytes: 34759146, allocBytes: 34759146 }, { ...AUDIT, inuseBytes: 8406412, allocBytes: 8406412 }];
    const site = j.snapshots[3]?.profile.sites[0];
    expect(site?.caller).toEqual(SESSION);
    expect(site?.callers).toEqual(callers);
    expect(j.series.growingSites[0]?.caller).toEqual(SESSION);
    // The series' callers: their bytes at the last GC-separated snapshot and their growth since the first (7,899,315 and 525,440 bytes then).
    expect(j.series.growingSites[0]?.callers).toEqual([{ ...callers[0], growthBytes: 26859831 }, { ...callers[1], growthBytes: 7880972 }]);
  });

  it('go1.19-two-callers --format markdown: the growing site and the table say "+1 more caller"', async () => {
    const r = await runCli([TWO, '--format', 'markdown']);
    expect(r.stdout).toContain('- <code>strings.(\\*Builder).grow</code> (…/src/strings/builder.go:68) ← <code>main.openSession</code> (…/tmp/fix26a-cap2/main.go:17) (+1 more caller) +33.1 MiB (8.0 MiB → 15.6 MiB → 29.6 MiB → 41.2 MiB)');
    expect(r.stdout).toContain('| 41.2 MiB | 11,179 | 41.2 MiB | <code>strings.(\\*Builder).grow</code> ← <code>main.openSession</code> (…/tmp/fix26a-cap2/main.go:17) (+1 more caller) | …/src/strings/builder.go:68 |');
  });

  it('go1.19-series-limit-callers/callers (main.loadCache holds 27.6 MiB, never more; main.remember grows): the site is named with the caller that grew, and each caller\'s growth is said', async () => {
    const C = 'test/fixtures/captured/go1.19-series-limit-callers/callers';
    const dumps = ['01-t2', '02-t4', '03-t6', '04-t8', '05-t10'].map((m) => `${C}/${m}.heap-gc1.txt`);
    const REMEMBER = { function: 'main.remember', file: '/tmp/cap27/main.go', line: 123 };
    const CACHE = { function: 'main.loadCache', file: '/tmp/cap27/main.go', line: 119 };
    const lines = (await runCli(dumps)).stdout.split('\n');
    // It named main.loadCache, the caller that holds the most at the last snapshot, which never grew.
    expect(lines[0]).toBe('Leak suspected (high confidence): live heap 29.9 MiB → 38.5 MiB across 5 GC-separated snapshots (snapshots 1→5); growing sites: strings.(*Builder).grow ← main.remember (main.go:123) (+1 more caller) +9.0 MiB.');
    const growing = lines.indexOf('Growing allocation sites (in use, one snapshot per GC epoch)');
    expect(lines.slice(growing + 1, growing + 5)).toEqual([
      '  +9.0 MiB    strings.(*Builder).grow  …/src/strings/builder.go:68',
      '              ← called by main.remember  …/tmp/cap27/main.go:123  10.5 MiB in the last snapshot (+9.0 MiB since the first), 10.5 MiB allocated',
      '              ← called by main.loadCache  …/tmp/cap27/main.go:119  27.6 MiB in the last snapshot (±0 since the first), 27.6 MiB allocated',
      '              29.1 MiB → 31.6 MiB → 33.1 MiB → 36.1 MiB → 38.1 MiB',
    ]);
    // One snapshot's site still names the caller of its biggest stack.
    expect(lines).toContain('                                   ← called by main.loadCache  …/tmp/cap27/main.go:119  27.6 MiB in use, 27.6 MiB allocated');
    const [leak] = await seriesMessages(dumps);
    expect(leak?.message).toBe('Leak suspected (high confidence) across 5 snapshots, 01-t2.heap-gc1.txt → 05-t10.heap-gc1.txt: live heap 29.9 MiB → 38.5 MiB over 5 GC-separated snapshots; growing strings.(*Builder).grow ← main.remember (main.go:123) (+1 more caller) 29.1 MiB → 38.1 MiB.');
    expect(leak?.fix).toBe(`Start with strings.(*Builder).grow ← main.remember (main.go:123) (+1 more caller) (+9.0 MiB): its callers' in-use bytes from the first to the last GC-separated snapshot: main.remember (main.go:123) 1.5 MiB → 10.5 MiB (+9.0 MiB), main.loadCache (main.go:119) 27.6 MiB → 27.6 MiB (±0). What keeps what main.remember allocates there? A map or slice that is never pruned, or a cache without a bound, are the usual causes. ${HEAP_ONLY}${STACKS}`);
    const j = JSON.parse((await runCli([...dumps, '--format', 'json'])).stdout) as { findings: { ruleId: string; fix: string }[]; snapshots: { profile: { sites: { function: string; caller?: unknown; callers?: unknown }[] } }[]; series: { growingSites: { function: string; caller?: unknown; callers?: unknown }[] } };
    expect(j.findings.find((f) => f.ruleId === 'leak-suspected')?.fix).toBe(leak?.fix);
    expect(j.series.growingSites.map((s) => [s.function, s.caller, s.callers])).toEqual([['strings.(*Builder).grow', REMEMBER, [
      { ...REMEMBER, inuseBytes: 11034257, allocBytes: 11034257, growthBytes: 9457935 },
      { ...CACHE, inuseBytes: 28967495, allocBytes: 28967495, growthBytes: 0 },
    ]]]);
    // The snapshots' sites are as before: the biggest stack's caller, callers most in use first, no growth.
    const last = j.snapshots[4]?.profile.sites.find((s) => s.function === 'strings.(*Builder).grow');
    expect([last?.caller, last?.callers]).toEqual([CACHE, [{ ...CACHE, inuseBytes: 28967495, allocBytes: 28967495 }, { ...REMEMBER, inuseBytes: 11034257, allocBytes: 11034257 }]]);
    expect((await runCli([...dumps, '--format', 'markdown'])).stdout).toContain('- <code>strings.(\\*Builder).grow</code> (…/src/strings/builder.go:68) ← <code>main.remember</code> (…/tmp/cap27/main.go:123) (+1 more caller) +9.0 MiB (29.1 MiB → 31.6 MiB → 33.1 MiB → 36.1 MiB → 38.1 MiB)');
  });

  it('go1.19 memrate (MemProfileRate=1): fmt.Sprintf kept by main.keepNames, churned by main.makeGarbage; a caller of no bytes is not one', async () => {
    const r = await runCli(['test/fixtures/corpus/go1.19/memrate/rate-1.heap-debug1.txt', '--format', 'json']);
    const j = JSON.parse(r.stdout) as { snapshots: { profile: { sites: { function: string; callers?: unknown }[] } }[] };
    const sites = j.snapshots[0]?.profile.sites ?? [];
    const file = '/build/run-go1.19/src/memrate/main.go';
    expect(sites.find((s) => s.function === 'fmt.Sprintf')?.callers).toEqual([
      { function: 'main.keepNames', file, line: 66, inuseBytes: 160000, allocBytes: 160000 },
      { function: 'main.makeGarbage', file, line: 59, inuseBytes: 0, allocBytes: 10888400 },
    ]);
    // pinSlow's other stack (main.phase) is a record of zeros: one caller left, so no callers.
    expect(sites.filter((s) => s.function === 'sync.(*Pool).pinSlow').map((s) => s.callers)).toEqual([undefined, undefined]);
  });
});

describe('the finalizer goroutine from heap dumps alone, and from goroutine?debug=2 dumps', () => {
  const FINALIZER = 'The finalizer goroutine (runtime.runfinq) was running main.runFinalizers.func2 (main.go:226), in time.Sleep, at all 6 goroutine dumps: finalizers run one at a time on that one goroutine, so a finalizer that blocks or sleeps holds up every other, and the objects waiting for theirs are never freed (https://pkg.go.dev/runtime#SetFinalizer: a finalizer that must run long should start a goroutine).';
  const heapOnly = moments('09-finalizers').filter((f) => f.endsWith('heap-gc1.txt'));

  it('09-finalizers, the six ?gc=1 heap dumps only: no finalizer claimed, the goroutine dump that would tell asked for', async () => {
    const [leak] = await seriesMessages(heapOnly);
    expect(leak?.fix).toBe(`Start with main.runFinalizers (main.go:225) (+38.1 MiB): what keeps what it allocates? A map or slice that is never pruned, or a cache without a bound, are the usual causes. ${HEAP_ONLY}${STACKS}`);
  });

  it('09-finalizers with goroutine?debug=2 dumps (runtime.runfinq hidden there): the finalizer is found as with debug=1', async () => {
    const r = await runCli(moments('09-finalizers', 'debug2.txt'));
    expect(r.stdout.split('\n')).toContain('        1  main.runFinalizers.func2 [sleep] (a finalizer, on the finalizer goroutine)');
    const [leak] = await seriesMessages(moments('09-finalizers', 'debug2.txt'));
    expect(leak?.fix).toBe(`${FINALIZER} Start with main.runFinalizers (main.go:225) (+38.1 MiB): what keeps what it allocates? A map or slice that is never pruned, or a cache without a bound, are the usual causes.${STACKS}`);
  });

  it('08-goleak debug=2: goroutines with a creator and main.main (goroutine 1, no creator) are no finalizer', async () => {
    const r = await runCli(['--format', 'json', `${W}/08-goleak/06-t60.goroutine-debug2.txt`]);
    const j = JSON.parse(r.stdout) as { goroutines: { groups: { function: string; finalizer?: true }[] }[] };
    expect(j.goroutines[0]?.groups.filter((g) => g.finalizer).map((g) => g.function)).toEqual([]);
  });
});

describe('goroutine groups from debug=1 dumps: their line, no guessed wait', () => {
  it('08-goleak debug=1: main.worker at main.go:196, debug=2 asked for', async () => {
    const [leak, growth] = await seriesMessages(moments('08-goleak'));
    expect(leak?.fix).toBe(`Start with main.worker at main.go:196 (+50 goroutines): ${NO_STATE} Give every goroutine a way to end.${STACKS}`);
    expect(growth?.fix).toBe(`main.worker at main.go:196 grew by 50: ${NO_STATE} Give every goroutine a way to end (a done channel or context beside each channel operation).`);
  });

  it('08-goleak debug=2: the wait state says the direction (chan send), as before', async () => {
    const [leak, growth] = await seriesMessages(moments('08-goleak', 'debug2.txt'));
    expect(leak?.fix).toBe(`Start with main.worker [chan send] at main.go:196 (+50 goroutines): blocked sending on a channel nobody receives from any more (a caller that gave up after a timeout): make the channel buffered (one slot per sender), or select on a done channel or context beside the send.${STACKS}`);
    // The send advice alone: the generic "usually a channel nobody sends on or closes" tail contradicted it.
    expect(growth?.fix).toBe('main.worker [chan send] at main.go:196 is blocked sending on a channel nobody receives from any more (a caller that gave up after a timeout): make the channel buffered (one slot per sender), or select on a done channel or context beside the send. Give every goroutine a way to end.');
  });

  it('samples/go1.19/goroutine-leak: the growing group before runtime.malg (goroutine descriptors grow with it)', async () => {
    const [leak] = await seriesMessages(['samples/go1.19/goroutine-leak']);
    expect(leak?.fix).toBe(`Start with main.waitForReply at main.go:21 (+2,000 goroutines): ${NO_STATE} Give every goroutine a way to end.${STACKS}`);
  });
});

describe('diff never names the profiler\'s own allocations as the change', () => {
  it('07-maps t4 → t20: only the profiler allocated', async () => {
    const r = await runCli(['diff', `${W}/07-maps/01-t4.heap-gc1.txt`, `${W}/07-maps/05-t20.heap-gc1.txt`]);
    expect(r.stdout.split('\n')[0]).toBe("Live heap 313.0 MiB → 313.0 MiB (+10.1 KiB); in-use bytes unchanged at the allocation sites; 44.0 MiB moved from idle to released (returned to the OS); +1 objects; 14.5 MiB allocated over 5 GC cycles between the two; the profiles show only the profiler's own allocating (taking the dumps: compress/flate.NewWriter +6.2 MiB).");
  });

  it('08-goleak t10 → t60: runtime/pprof.writeGoroutineStacks is not "what allocated"', async () => {
    const r = await runCli(['diff', `${W}/08-goleak/01-t10.heap-gc1.txt`, `${W}/08-goleak/06-t60.heap-gc1.txt`]);
    expect(r.stdout.split('\n')[0]).toBe("Live heap 194.5 KiB → 227.2 KiB (+32.7 KiB); in-use bytes unchanged at the allocation sites; 3.1 MiB moved from released to idle; +155 objects; 18.3 MiB allocated over 10 GC cycles between the two; the profiles show only the profiler's own allocating (taking the dumps: runtime/pprof.writeGoroutineStacks +5.8 MiB).");
  });
});

describe('a site of large objects: what keeps a buffer may be a small piece of it', () => {
  it('02-subslice (16-byte sub-slices of 1 MiB packets): the fix says sub-slices and substrings keep the whole buffer, with the objects\' size', async () => {
    const [leak] = await seriesMessages(moments('02-subslice').filter((f) => f.endsWith('.heap-gc1.txt')));
    expect(leak?.fix).toBe(`Start with main.readPacket (+59.0 MiB): what keeps what it allocates? A map or slice that is never pruned, or a cache without a bound, are the usual causes. Its objects are large (1.0 MiB each on average): if the program keeps only a part of each (a sub-slice or a substring), that part keeps the whole object alive, however small it is: keep a copy of the part instead (bytes.Clone, strings.Clone) and the object can be freed. ${HEAP_ONLY}${STACKS}`);
  });
});
