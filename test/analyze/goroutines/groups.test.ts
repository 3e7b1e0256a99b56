/**
 * Goroutine groups on the real leak snapshots (debug=1 and debug=2 of every version, go1.26's
 * goroutineleak), on hand-made dumps (benign goroutines, labels, waits), and the stack estimate
 * against the deep-stack run's StackInuse.
 */
import { describe, expect, it } from 'vitest';
import { distinctionIfAmbiguous, estimateStackUsage, summarizeGoroutineProfile, summarizeTraceback, topFrame, type GoroutineGroup } from '../../../src/analyze/goroutines/index.js';
import { groupSpan } from '../../../src/analyze/rules/series-words.js';
import { parseGoroutineProfile } from '../../../src/grammar/goroutine/index.js';
import { parseTraceback } from '../../../src/grammar/traceback/index.js';
import { readCorpus, readFixture, VERSIONS } from '../../helpers/fixtures.js';

function debug1(rel: string) {
  return summarizeGoroutineProfile(parseGoroutineProfile(readCorpus(rel), rel).profile, rel);
}

function debug2(rel: string) {
  return summarizeTraceback(parseTraceback(readCorpus(rel), rel).dump, rel);
}

function find(groups: GoroutineGroup[], fn: string): GoroutineGroup {
  const g = groups.filter((x) => x.function === fn);
  expect(g.length, fn).toBeGreaterThan(0);
  return g.reduce((a, b) => (b.count > a.count ? b : a));
}

/** The count on the record line whose first frame line names `fn` (debug=1), read from the text. */
function recordCount(text: string, fn: string): number {
  const m = new RegExp(`^(\\d+) @[^\\n]*\\n(?:# labels: [^\\n]*\\n)?(?:#\\t[^\\n]*\\n)*#\\t0x[0-9a-f]+\\t${fn.replace(/[.*()]/g, '\\$&')}\\+`, 'm').exec(text);
  return Number(m?.[1]);
}

/** The goroutines of a debug=2 text with this state whose stack has a line starting with `fn(`, counted from the text. */
function headerCount(text: string, state: string, fn: string): number {
  return text.split('\n\n').filter((r) => r.startsWith('goroutine ') && r.split('\n')[0]?.includes(`[${state}]`) && r.includes(`\n${fn}(`)).length;
}

describe('the creation site is part of the group key', () => {
  it('go1.23 snap2 debug=2: one fetch goroutine started by another function is its own group', () => {
    const rel = 'go1.23/leak/snap2.goroutine-debug2.txt';
    const fetch = (groups: GoroutineGroup[]): [number, string | undefined, string | undefined][] => groups
      .filter((g) => g.function === 'main.fetchWithTimeout.func1').map((g) => [g.count, g.state, g.createdBy]);
    expect(fetch(debug2(rel).groups)).toEqual([[80, 'chan send', 'main.fetchWithTimeout']]);
    // The same dump with the first of them created by another function (as a second `go` statement would).
    const text = readCorpus(rel).replace(
      'created by main.fetchWithTimeout in goroutine 1\n\t/build/run-go1.23/src/leak/main.go:88 +0x76',
      'created by main.retryFetch in goroutine 1\n\t/build/run-go1.23/src/leak/main.go:120 +0x76',
    );
    const parsed = parseTraceback(text, rel);
    expect(parsed.diagnostics).toEqual([]);
    expect(fetch(summarizeTraceback(parsed.dump, rel).groups)).toEqual([[79, 'chan send', 'main.fetchWithTimeout'], [1, 'chan send', 'main.retryFetch']]);
  });
});

describe('leak snapshots, debug=1', () => {
  it.each(VERSIONS)('%s snap5: the four leak groups with the counts of the file, adding up to the header total', (version) => {
    const rel = `${version}/leak/snap5.goroutine-debug1.txt`;
    const text = readCorpus(rel);
    const summary = debug1(rel);
    expect(summary.kind).toBe('goroutine');
    expect(summary.total).toBe(Number(/^goroutine profile: total (\d+)$/m.exec(text)?.[1]));
    expect(summary.groups.reduce((n, g) => n + g.count, 0)).toBe(summary.total);
    for (const fn of ['main.waitForReply', 'main.waitForShutdown', 'main.fetchWithTimeout.func1']) {
      const g = find(summary.groups, fn);
      expect(g.count).toBe(recordCount(text, fn));
      expect(g.state).toBeUndefined();
      expect(g.createdBy).toBeUndefined();
      expect(g.file).toBe(`/build/run-${version}/src/leak/main.go`);
    }
    // main.waitForLock's record starts with the sync (and go1.24+ internal/sync) frames above it.
    const lock = find(summary.groups, 'main.waitForLock');
    expect(lock.count).toBe(recordCount(text, version === 'go1.26-devel' ? 'internal/sync.runtime_SemacquireMutex' : 'sync.runtime_SemacquireMutex'));
    expect(lock.blockedIn).toBe('sync.(*Mutex).Lock');
    expect(lock.line).toBe(82);
    expect(find(summary.groups, 'main.fetchWithTimeout.func1').labels).toEqual({ handler: 'fetch' });
    expect(find(summary.groups, 'main.waitForReply').labels).toBeUndefined();
    // The leak groups are the four largest.
    expect(summary.groups.slice(0, 4).map((g) => g.function).sort())
      .toEqual(['main.fetchWithTimeout.func1', 'main.waitForLock', 'main.waitForReply', 'main.waitForShutdown']);
    // Only the goroutine writing the dump is benign.
    expect(summary.groups.filter((g) => g.benign).map((g) => [g.function, g.count, g.benignReason]))
      .toEqual([['runtime/pprof.writeRuntimeProfile', 1, 'the goroutine that wrote this dump']]);
  });

  it('go1.21 snap5: a fetch goroutine still in time.Sleep is its own group', () => {
    const summary = debug1('go1.21/leak/snap5.goroutine-debug1.txt');
    const fetch = summary.groups.filter((g) => g.function === 'main.fetchWithTimeout.func1');
    expect(fetch.map((g) => [g.count, g.blockedIn, g.line, g.labels])).toEqual([
      [189, undefined, 92, { handler: 'fetch' }],
      [1, 'time.Sleep', 91, { handler: 'fetch' }],
    ]);
    expect(summary.groups.find((g) => g.function === '(no frames)')?.count).toBe(1); // `1 @ 0x46d8c1`: only runtime.goexit
  });

  it('go1.26 goroutineleak: the leaked senders', () => {
    for (const [snap, total] of [['gleak-snap1', 31], ['gleak-snap2', 71]] as const) {
      const { identity, ...summary } = debug1(`go1.26-devel/leak/${snap}.goroutineleak-debug1.txt`);
      expect(identity?.mainDirs).toEqual(new Set(['/build/run-go1.26-devel/src/leak']));
      expect(summary).toEqual({
        source: `go1.26-devel/leak/${snap}.goroutineleak-debug1.txt`, kind: 'goroutineleak', total,
        groups: [{
          count: total, function: 'main.fetchWithTimeout.func1', labels: { handler: 'fetch' },
          file: '/build/run-go1.26-devel/src/leak/main.go', line: 92, stackDepth: 5, position: { line: 2, column: 1 },
          // The frame lines of the record (the runtime hides its own frames in debug=1).
          stack: [{ function: 'main.fetchWithTimeout.func1', file: '/build/run-go1.26-devel/src/leak/main.go', line: 92 }],
        }],
      });
    }
  });

  it('threadcreate keeps its own kind; records without frames are one group', () => {
    const summary = debug1('fetched/google-pprof/profile/testdata/go.godoc.thread');
    expect([summary.kind, summary.total, summary.groups.map((g) => [g.function, g.count])]).toEqual(['threadcreate', 7, [['(no frames)', 7]]]);
  });
});

describe('leak snapshots, debug=2', () => {
  it.each(VERSIONS)('%s snap5: the four leak groups with state, creator and the counts of the file', (version) => {
    const rel = `${version}/leak/snap5.goroutine-debug2.txt`;
    const text = readCorpus(rel);
    const summary = debug2(rel);
    expect(summary.kind).toBe('goroutine-traceback');
    expect(summary.total).toBe((text.match(/^goroutine \d+ \[/gm) ?? []).length);
    expect(summary.groups.reduce((n, g) => n + g.count, 0)).toBe(summary.total);
    expect(summary.truncated).toBeUndefined();
    const lockState = version === 'go1.19' ? 'semacquire' : 'sync.Mutex.Lock';
    const leaks = [
      ['main.waitForReply', 'chan receive', 'main.main', undefined],
      ['main.waitForShutdown', 'select', 'main.main', undefined],
      ['main.waitForLock', lockState, 'main.main', 'sync.(*Mutex).Lock'],
      ['main.fetchWithTimeout.func1', 'chan send', 'main.fetchWithTimeout', undefined],
    ] as const;
    for (const [fn, state, createdBy, blockedIn] of leaks) {
      const g = summary.groups.find((x) => x.function === fn && x.state === state);
      expect(g?.count, fn).toBe(headerCount(text, state, fn === 'main.waitForLock' ? (version === 'go1.26-devel' ? 'internal/sync.runtime_SemacquireMutex' : 'sync.runtime_SemacquireMutex') : fn));
      expect(g?.createdBy).toBe(createdBy);
      expect(g?.blockedIn).toBe(blockedIn);
      expect(g?.waitMinutes).toBeUndefined(); // the runs are shorter than a minute
      expect(g?.lockedToThread).toBeUndefined();
      expect(g?.benign).toBeUndefined();
    }
    expect(summary.groups.slice(0, 4).map((g) => g.function).sort())
      .toEqual(['main.fetchWithTimeout.func1', 'main.waitForLock', 'main.waitForReply', 'main.waitForShutdown']);
    // main.main sleeps (its time.Sleep is the runtime's); the accept loop is the program's, not benign.
    expect(summary.groups.find((g) => g.state === 'sleep')).toMatchObject({ count: 1, function: 'main.main', blockedIn: 'time.Sleep' });
    const accept = summary.groups.find((g) => g.state === 'IO wait' && g.createdBy === 'main.serve');
    expect([accept?.function, accept?.blockedIn]).toEqual(['net/http.(*Server).Serve', 'net.(*netFD).accept']);
    expect(accept?.benign).toBeUndefined();
    expect(summary.groups.filter((g) => g.benign).map((g) => [g.function, g.state, g.createdBy]))
      .toEqual([['runtime/pprof.writeGoroutineStacks', 'running', 'net/http.(*Server).Serve']]);
  });

  it('go1.23 snap5: a group keeps its first goroutine\'s stack, inlined frames marked, and where it was created', () => {
    const lock = debug2('go1.23/leak/snap5.goroutine-debug2.txt').groups.find((g) => g.function === 'main.waitForLock');
    expect(lock?.position.line).toBe(77);
    expect(lock?.stack).toEqual([
      { function: 'sync.runtime_SemacquireMutex', file: '/build/go-1.23.2/src/runtime/sema.go', line: 95 },
      { function: 'sync.(*Mutex).lockSlow', file: '/build/go-1.23.2/src/sync/mutex.go', line: 173 },
      { function: 'sync.(*Mutex).Lock', file: '/build/go-1.23.2/src/sync/mutex.go', line: 92, inlined: true },
      { function: 'main.waitForLock', file: '/build/run-go1.23/src/leak/main.go', line: 82 },
    ]);
    expect(lock?.createdAt).toEqual({ file: '/build/run-go1.23/src/leak/main.go', line: 116 });
  });

  it.each(VERSIONS)('%s deep stacks: 1000 goroutines in one group, and its depth', (version) => {
    const summary = debug2(`${version}/stacks/deep.goroutine-debug2.txt.gz`);
    const deep = summary.groups[0];
    expect([deep?.count, deep?.function, deep?.state, deep?.createdBy]).toEqual([1000, 'main.descend', 'chan receive', 'main.main']);
    // go1.21+: 100 printed + 302 elided; go1.19 stops at 97 printed frames (no marker).
    expect(deep?.stackDepth).toBe(version === 'go1.19' ? 97 : 402);
  });
});

describe('hand-made dumps', () => {
  it('the runtime, testing and os/signal goroutines are benign; a test blocked in its own code is not', () => {
    const summary = summarizeTraceback(parseTraceback(readFixture('goroutine/system.goroutine-debug2.txt')).dump, 'system');
    expect(summary.groups.map((g) => [g.function, g.state, g.benignReason, g.waitMinutes])).toEqual([
      ['example.com/app.TestLeak', 'chan receive', undefined, 2],
      ['os/signal.loop', 'syscall', "os/signal's delivery loop (started by signal.Notify)", undefined],
      ['runtime.bgsweep', 'GC sweep wait', "the runtime's own goroutine (runtime.bgsweep)", undefined],
      ['runtime.forcegchelper', 'force gc (idle)', "the runtime's own goroutine (runtime.forcegchelper)", undefined],
      ['testing.(*T).Run', 'chan receive', "the testing framework's own goroutine (testing.(*T).Run)", undefined],
    ]);
    // bgsweep's stack ends in runtime.gcenable.gowrap1 and runtime.goexit: named by the function the wrapper starts.
    expect(summary.groups.find((g) => g.state === 'GC sweep wait')?.file).toBe('/usr/local/go/src/runtime/mgcsweep.go');
  });

  it('Go 1.27 labels: a group keeps the labels its goroutines share; the longest wait; locked to thread', () => {
    const summary = summarizeTraceback(parseTraceback(readFixture('goroutine/go1.27-labels.goroutine-debug2.txt')).dump, 'labels');
    expect(summary.groups.map((g) => [g.function, g.count, g.labels, g.waitMinutes, g.lockedToThread])).toEqual([
      ['main.waitForReply', 2, { handler: 'fetch' }, 12, 1],
      ['main.main', 1, { handler: 'fetch', 'req id': 'a b' }, undefined, undefined],
      ['main.waitForShutdown', 1, { 'test.iter': '0_seed#0', 'test.name': 'FuzzX' }, undefined, undefined],
    ]);
  });

  it('labels that differ between goroutines of a group are dropped, the shared ones kept', () => {
    const text = [
      'goroutine 1 [select] {handler: fetch, req: "1"}:', 'main.f()', '\t/a.go:1 +0x1', 'created by main.main in goroutine 1', '\t/a.go:9 +0x1', '',
      'goroutine 2 [select] {handler: fetch, req: "2"}:', 'main.f()', '\t/a.go:1 +0x1', 'created by main.main in goroutine 1', '\t/a.go:9 +0x1', '',
    ].join('\n');
    const summary = summarizeTraceback(parseTraceback(text).dump, 't');
    expect(summary.groups.map((g) => [g.count, g.labels])).toEqual([[2, { handler: 'fetch' }]]);
  });

  it('a truncated dump: the cut goroutine is counted, its group marked', () => {
    const summary = summarizeTraceback(parseTraceback(readFixture('goroutine/truncated.goroutine-debug2.txt')).dump, 't');
    expect(summary.truncated).toBe(true);
    expect(summary.total).toBe(3);
    expect(summary.groups.map((g) => [g.function, g.state, g.createdBy, g.truncated])).toEqual([
      ['main.main', 'running', undefined, undefined],
      ['main.waitForReply', 'chan receive', 'main.main', undefined],
      ['main.waitForShutdown', 'select', undefined, true],
    ]);
  });

  it('topFrame: runtime, linknamed, internal and sync frames are passed over', () => {
    const frames = (...fns: [string, string?][]) => fns.map(([fn, file]) => ({ function: fn, file }));
    expect(topFrame(frames(['internal/poll.runtime_pollWait', '/go/src/runtime/netpoll.go'], ['internal/poll.(*FD).Read'], ['net.(*conn).Read'])))
      .toEqual({ index: 2, function: 'net.(*conn).Read', blockedIn: 'internal/poll.(*FD).Read', allMachinery: false, innermost: 2 });
    expect(topFrame(frames(['runtime.gopark'], ['runtime.Gosched'], ['main.spin']))?.blockedIn).toBe('runtime.Gosched');
    expect(topFrame(frames(['time.Sleep', '/usr/lib/go/src/runtime/time.go'], ['main.main']))?.function).toBe('main.main');
    expect(topFrame(frames(['runtime.gopark'], ['runtime.goexit']))).toEqual({ index: 0, function: 'runtime.gopark', blockedIn: undefined, allMachinery: true, innermost: 0 });
    expect(topFrame([{ function: undefined, address: '0x46d8c1' }])?.function).toBe('? 0x46d8c1');
    expect(topFrame([])).toBeUndefined();
  });

  it('topFrame: a standard-library frame names no goroutine when the program\'s code or a net/http start function is further out', () => {
    const frames = (...fns: string[]) => fns.map((fn) => ({ function: fn }));
    expect(topFrame(frames('syscall.Syscall', 'syscall.read', 'syscall.Read', 'main.rawRead', 'main.main.func3')))
      .toEqual({ index: 3, function: 'main.rawRead', blockedIn: 'syscall.Read', allMachinery: false, innermost: 0 });
    expect(topFrame(frames('net.(*netFD).Read', 'net.(*conn).Read', 'net/http.(*persistConn).Read', 'bufio.(*Reader).fill', 'net/http.(*persistConn).readLoop')))
      .toEqual({ index: 4, function: 'net/http.(*persistConn).readLoop', blockedIn: 'net.(*netFD).Read', allMachinery: false, innermost: 0 });
    // A standard-library goroutine with neither keeps its own frame; the dump writer keeps its name.
    expect(topFrame(frames('database/sql.(*DB).connectionOpener'))?.function).toBe('database/sql.(*DB).connectionOpener');
    expect(topFrame(frames('runtime/pprof.writeGoroutineStacks', 'net/http.HandlerFunc.ServeHTTP', 'net/http.(*conn).serve'))?.function).toBe('runtime/pprof.writeGoroutineStacks');
  });
});

describe('net/http and syscall goroutines of a real program (go1.19 gorleak, gorsys)', () => {
  const DIR = 'captured/go1.19-audit-gor';
  const rows = (s: ReturnType<typeof summarizeTraceback>) => s.groups.map((g) => [g.count, g.function, g.state, g.blockedIn, g.createdBy]);

  it('debug=1: the client readLoop and the server conn.serve are two groups, not one net.(*netFD).Read group', () => {
    const rel = `${DIR}/gorleak/leak5-goroutine-debug1.txt`;
    const s = summarizeGoroutineProfile(parseGoroutineProfile(readFixture(rel), rel).profile, rel);
    expect(s.groups.slice(0, 3).map((g) => [g.count, g.function, g.blockedIn])).toEqual([
      [2426, 'net/http.(*persistConn).readLoop', 'net.(*netFD).Read'],
      [2426, 'net/http.(*persistConn).writeLoop', undefined],
      [2425, 'net/http.(*conn).serve', 'net.(*netFD).Read'],
    ]);
    expect(s.groups.some((g) => g.function.startsWith('net.'))).toBe(false);
  });

  it('debug=2: named by the start function, created by the Transport or the Server', () => {
    const rel = `${DIR}/gorleak/leak5-goroutine-debug2.txt.gz`;
    expect(rows(summarizeTraceback(parseTraceback(readFixture(rel), rel).dump, rel)).slice(0, 3)).toEqual([
      [2434, 'net/http.(*persistConn).readLoop', 'IO wait', 'net.(*netFD).Read', 'net/http.(*Transport).dialConn'],
      [2434, 'net/http.(*persistConn).writeLoop', 'select', undefined, 'net/http.(*Transport).dialConn'],
      [2433, 'net/http.(*conn).serve', 'IO wait', 'net.(*netFD).Read', 'net/http.(*Server).Serve'],
    ]);
  });

  it('a raw syscall.Read from the program is named by the program (main.rawRead), the accept loop by (*Server).Serve', () => {
    const rel = `${DIR}/gorsys/system-goroutine-debug2.txt.gz`;
    const all = rows(summarizeTraceback(parseTraceback(readFixture(rel), rel).dump, rel));
    expect(all.find((r) => r[2] === 'syscall' && r[1] !== 'os/signal.loop')).toEqual([1, 'main.rawRead', 'syscall', 'syscall.Read', 'main.main']);
    expect(all.find((r) => r[1] === 'net/http.(*Server).Serve')).toEqual([1, 'net/http.(*Server).Serve', 'IO wait', 'net.(*netFD).accept', 'main.main']);
  });
});

describe('stack usage', () => {
  it.each(VERSIONS)('%s deep: StackInuse / goroutines is the ~128 KiB stack of a 400-frame recursion, concentrated in one group', (version) => {
    const summary = debug1(`${version}/stacks/deep.goroutine-debug1.txt`);
    const sidecar = JSON.parse(readCorpus(`${version}/stacks/deep.json`)) as { memstats_from_dump: { Stack: { inuse: number } } };
    const inuse = sidecar.memstats_from_dump.Stack.inuse;
    const usage = estimateStackUsage(summary, BigInt(inuse));
    expect(usage.goroutines).toBe(1004);
    expect(usage.stackInuseBytes).toBe(inuse);
    expect(usage.averageBytesPerGoroutine).toBe(inuse / 1004);
    expect(Math.round((usage.averageBytesPerGoroutine ?? 0) / 1024)).toBe(128);
    expect(Math.round(usage.growthFactor ?? 0)).toBe(64);
    expect(usage.concentrated).toBe(true);
    expect(usage.largestGroup).toEqual({ function: 'main.descend', count: 1000, share: 1000 / 1004, estimatedBytes: Math.round(1000 * inuse / 1004) });
  });

  it('the leak: four equal groups are not concentrated; no goroutines gives no average', () => {
    const summary = debug1('go1.23/leak/snap5.goroutine-debug1.txt');
    const usage = estimateStackUsage(summary, 2_000_000);
    expect(usage.concentrated).toBe(false);
    expect(usage.groups.reduce((n, g) => n + g.estimatedBytes, 0)).toBeCloseTo(2_000_000, -2);
    expect(estimateStackUsage({ source: 'x', kind: 'goroutine', total: 0, groups: [] }, 0)).toEqual({
      goroutines: 0, stackInuseBytes: 0, averageBytesPerGoroutine: undefined, growthFactor: undefined,
      largestGroup: undefined, concentrated: false, groups: [],
    });
  });
});

describe('two groups that differ only by their creator read differently in lists', () => {
  it("distinctionIfAmbiguous adds '← created by' only where another group has the same function and state", () => {
    const trend = (createdBy: string, state = 'chan send') => ({ function: 'main.worker', state, createdBy, counts: [1, 5, 9], growth: 8, monotonic: true });
    const a = trend('main.startA');
    const b = trend('main.startB');
    const c = trend('main.startC', 'select');
    expect([a, b, c].map((g) => groupSpan(g, [a, b, c]))).toEqual([
      'main.worker [chan send] ← created by main.startA 1 → 9',
      'main.worker [chan send] ← created by main.startB 1 → 9',
      'main.worker [select] 1 → 9',
    ]);
    expect(distinctionIfAmbiguous(a, [a, c])).toBe('');
  });
});
