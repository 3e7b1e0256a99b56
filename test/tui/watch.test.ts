import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FailureStreak, parseInterval, watchConfig } from '../../src/cli/commands/watch.js';
import { fetchesWithGc, goroutineUrl, Watcher, type PollResult, type WatchConfig } from '../../src/tui/watch/poller.js';
import { summaryLine } from '../../src/tui/watch/summary.js';
import { parseTargetSelector } from '../../src/exposition/targets.js';
import type { HeapdocError } from '../../src/input/errors.js';
import { runCli } from '../helpers/cli.js';
import { readFixture } from '../helpers/fixtures.js';
import { API, federate, WORKER_TARGET } from '../helpers/federate.js';
import { readSample } from './reports.js';
import { initialTuiState } from '../../src/tui/state/reducer.js';
import { lineText } from '../../src/tui/view/line.js';
import { buildScreen } from '../../src/tui/view/screen.js';
import { goroutineTotals } from '../../src/tui/model/goroutines.js';
import { orderGoroutineDumps } from '../../src/analyze/goroutines/index.js';

const HEAPS = [1, 2, 3, 4, 5].map((n) => readSample(`go1.23/leak/snap${n}.heap-debug1.txt`));
const GOROUTINES = [1, 5].map((n) => readSample(`go1.23/leak/snap${n}.goroutine-debug1.txt`));
/** The heap-leak scenario's six phases, as /metrics (client_golang 1.14) and /debug/vars served them. */
const PHASES = ['01-t1', '02-t2', '03-t3', '04-t4', '05-t5', '06-t6'];
const SCRAPES = PHASES.map((p) => readFixture(`scenarios/heap-leak/${p}.metrics.txt`));
const VARS = PHASES.map((p) => readFixture(`scenarios/heap-leak/${p}.vars.json`));
/** The goroutine-leak scenario's scrapes: a second process for a federation page. */
const WORKER = PHASES.map((p) => readFixture(`scenarios/goroutine-leak/${p}.metrics.txt`));

/** go_goroutines of the goroutine-leak scrapes: 400 more blocked goroutines a phase. */
const WORKER_GOROUTINES = [407, 807, 1207, 1607, 2007, 2407];
const FEDERATED = PHASES.map((_, i) => federate([[API, SCRAPES[i] as string], [WORKER_TARGET, WORKER[i] as string]], 1796190543510 + i * 4000));

/** A loopback pprof server: each heap request gets the next dump of `heaps` (the last one repeats). */
interface FakePprof {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** `dropGoroutineRequests`: that many goroutine requests lose their connection (a flaky network, a slow server). */
async function serve(options: { heaps?: string[]; goroutines?: string[] | undefined; dropGoroutineRequests?: number; path?: string } = {}): Promise<FakePprof> {
  const path = options.path ?? '/debug/pprof/heap';
  const heaps = options.heaps ?? HEAPS;
  const goroutines = 'goroutines' in options ? options.goroutines : GOROUTINES;
  const requests: string[] = [];
  let h = 0;
  let g = 0;
  let drop = options.dropGoroutineRequests ?? 0;
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    requests.push(url);
    if (url.startsWith(path)) {
      res.end(heaps[Math.min(h++, heaps.length - 1)]);
    } else if (url.startsWith('/debug/pprof/goroutine') && drop > 0) {
      drop--;
      req.socket.destroy();
    } else if (url.startsWith('/debug/pprof/goroutine') && goroutines) {
      res.end(goroutines[Math.min(g++, goroutines.length - 1)]);
    } else {
      res.statusCode = 404;
      res.end('404 page not found\n');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}${options.path ? '' : '?debug=1'}`,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function config(url: string, more: Partial<WatchConfig> = {}): WatchConfig {
  return { url: new URL(url), intervalMs: 100, keep: 60, timeoutMs: 5000, maxBytes: 64 << 20, ...more };
}

let server: FakePprof | undefined;
let dir: string | undefined;

beforeEach(() => {
  server = undefined;
  dir = undefined;
});

afterEach(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('watch options', () => {
  it('reads intervals', () => {
    expect(parseInterval('5s')).toBe(5000);
    expect(parseInterval('500ms')).toBe(500);
    expect(parseInterval('1.5m')).toBe(90_000);
    expect(parseInterval('2')).toBe(2000);
    expect(parseInterval('soon')).toBeUndefined();
  });

  it('refuses bad URLs, intervals and counts', () => {
    const flags = { interval: '5s', keep: '60', timeout: '15', maxBytes: '512MiB' };
    expect(() => watchConfig('not a url', flags)).toThrow(/not a URL/);
    expect(() => watchConfig('ftp://x/heap', flags)).toThrow(/http\(s\)/);
    expect(() => watchConfig('http://x/heap', { ...flags, interval: '10ms' })).toThrow(/at least 100ms/);
    expect(() => watchConfig('http://x/heap', { ...flags, count: '0' })).toThrow(/--count 0/);
    expect(watchConfig('http://x/debug/pprof/heap?debug=1', { ...flags, count: '3', save: 'out' })).toMatchObject({ intervalMs: 5000, count: 3, saveDir: 'out', keep: 60 });
  });

  it('an address without http:// is said so; a URL with credentials is refused, its password never echoed', () => {
    const flags = { interval: '5s', keep: '60', timeout: '15', maxBytes: '512MiB' };
    const problem = (url: string): [string, string | undefined] => {
      try {
        watchConfig(url, flags);
      } catch (error) {
        return [(error as HeapdocError).message, (error as HeapdocError).hint];
      }
      throw new Error(`${url} was accepted`);
    };
    expect(problem('localhost:6061')).toEqual(['localhost:6061: not an http(s) URL', "add http:// to fetch it: heapdoc watch 'http://localhost:6061'"]);
    expect(problem('127.0.0.1:6061/debug/pprof/heap?debug=1')).toEqual(['127.0.0.1:6061/debug/pprof/heap?debug=1: not an http(s) URL', "add http:// to fetch it: heapdoc watch 'http://127.0.0.1:6061/debug/pprof/heap?debug=1'"]);
    expect(problem('http://user:s3cret@127.0.0.1:6061/debug/pprof/heap?debug=1')).toEqual([
      'http://***@127.0.0.1:6061/debug/pprof/heap?debug=1: URLs with credentials (user:password@) are not supported',
      'serve pprof without a login on a local port (or reach it through ssh -L), or save dumps with curl -u USER and pass the files to heapdoc',
    ]);
  });

  it('finds the goroutine endpoint next to the heap endpoint', () => {
    expect(goroutineUrl(new URL('http://h:6060/debug/pprof/heap?debug=1')).href).toBe('http://h:6060/debug/pprof/goroutine?debug=1');
    expect(goroutineUrl(new URL('http://h/app/debug/pprof/heap?debug=1&gc=1')).href).toBe('http://h/app/debug/pprof/goroutine?debug=1');
    expect(goroutineUrl(new URL('http://h:8080/metrics/heap.txt')).href).toBe('http://h:8080/debug/pprof/goroutine?debug=1');
  });
});

describe('Watcher against a loopback pprof server', () => {
  it('keeps every snapshot so the series builds up, with goroutines', async () => {
    server = await serve();
    const watcher = new Watcher(config(server.url));
    const first = await watcher.poll();
    expect(first.snapshot?.breakdown?.live).toBeGreaterThan(0);
    expect(first.goroutines?.total).toBe(168);
    expect(watcher.view().report?.series).toBeUndefined();
    await watcher.poll();
    await watcher.poll();
    const view = watcher.view();
    expect(view.report?.snapshots).toHaveLength(3);
    expect(view.report?.series?.points).toHaveLength(3);
    expect(view.report?.goroutines?.map((g) => g.source.replace(/ \(.*/, ''))).toEqual(['goroutine #1', 'goroutine #2', 'goroutine #3']);
    expect(view.goroutineTotals).toEqual([168, 788, 788]);
    expect(view.live).toMatchObject({ polls: 3, snapshots: 3, goroutines: 'ok' });
  });

  it('[ to an earlier poll lists that snapshot\'s own findings, as analyze --format json lists them (samples/go1.21/peak/default polled in order)', async () => {
    const order = ['baseline', 'peak', 'after-release', 'after-gc', 'idle', 'after-free'];
    server = await serve({ heaps: order.map((n) => readSample(`go1.21/peak/default/${n}.heap-debug1.txt`)), goroutines: undefined });
    const watcher = new Watcher(config(server.url));
    for (let i = 0; i < order.length; i++) await watcher.poll();
    const view = watcher.view();
    const data = { report: view.report, goroutineTotals: view.goroutineTotals, width: 120, height: 60 };
    const findings = (snapshot?: number): string[] => buildScreen(data, { ...initialTuiState(), ...(snapshot !== undefined ? { snapshot } : {}) }).lines
      .map((l) => lineText(l).trimEnd()).filter((l) => /^[› ] [▸▾] /.test(l)).map((l) => l.slice(4).replace(/:.*/, ''));
    // after-gc (snapshot 4): its peak-retention and the pause of GC cycle 1 it holds (its own finding of it; said once by the
    // latest, after-free); its 296.0 MiB idle is no idle-heap-retained, judged at the latest, whose spans went back.
    expect(findings(3)).toEqual(['info    peak-retention', 'warning gc-pause-long']);
    expect(findings(0)).toEqual(['info    profile-before-first-gc']);
    expect(findings()).toEqual(['warning gc-pause-long', 'info    released-memory-in-rss', 'info    peak-retention']);
  });

  it('stops asking for goroutines the server does not serve', async () => {
    server = await serve({ goroutines: undefined });
    const watcher = new Watcher(config(server.url));
    await watcher.poll();
    await watcher.poll();
    expect(watcher.status().goroutines).toBe('unavailable');
    expect(server.requests.filter((r) => r.startsWith('/debug/pprof/goroutine'))).toHaveLength(1);
    expect(watcher.view().report?.goroutines).toEqual([]);
  });

  it('asks for goroutines again after a fetch that failed on the way', async () => {
    server = await serve({ dropGoroutineRequests: 1 });
    const watcher = new Watcher(config(server.url));
    const first = await watcher.poll();
    expect(first.snapshot).toBeDefined();
    expect(first.goroutines).toBeUndefined();
    expect(watcher.status().goroutines).toBe('pending');
    const second = await watcher.poll();
    expect(second.goroutines?.total).toBe(168);
    expect(watcher.status().goroutines).toBe('ok');
    expect(server.requests.filter((r) => r.startsWith('/debug/pprof/goroutine'))).toHaveLength(2);
  });

  it('writes every dump with --save', async () => {
    server = await serve();
    dir = await mkdtemp(join(tmpdir(), 'heapdoc-watch-'));
    const watcher = new Watcher(config(server.url, { saveDir: join(dir, 'dumps') }));
    const result = await watcher.poll();
    expect(result.saved).toHaveLength(2);
    const files = (await readdir(join(dir, 'dumps'))).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.goroutine-debug1\.txt$/);
    expect(files[1]).toMatch(/\.heap-debug1\.txt$/);
  });

  it('a --save that fails partway is the poll\'s problem: the snapshot is kept, watching goes on', async () => {
    server = await serve();
    dir = await mkdtemp(join(tmpdir(), 'heapdoc-watch-'));
    const blocked = join(dir, 'file');
    await writeFile(blocked, 'not a directory\n');
    const watcher = new Watcher(config(server.url, { saveDir: blocked }));
    const result = await watcher.poll();
    expect(result.snapshot).toBeDefined();
    expect(result.saved).toEqual([]);
    expect(result.diagnostics.filter((d) => d.source.startsWith('--save')).map((d) => d.message)).toEqual([
      expect.stringMatching(/^cannot save .*\.heap-debug1\.txt: ENOTDIR \(a file where a directory should be\)$/),
      expect.stringMatching(/^cannot save .*\.goroutine-debug1\.txt: ENOTDIR \(a file where a directory should be\)$/),
    ]);
  });

  it('--save onto a file is refused before the first poll, in one line', async () => {
    dir = await mkdtemp(join(tmpdir(), 'heapdoc-watch-'));
    const file = join(dir, 'file');
    await writeFile(file, 'x');
    const r = await runCli(['watch', 'http://127.0.0.1:9/debug/pprof/heap?debug=1', '--count', '1', '--save', file]);
    expect(r.stderr).toBe(`heapdoc: error: --save ${file}: a file is there, not a directory — give --save a directory you can write (it is created if need be)\n`);
    expect(r.code).toBe(2);
  });

  it('--save where no directory can be made (/proc/nope): one line and exit 2, not a hang (Node 20\'s recursive mkdir loops there)', { timeout: 10_000 }, async () => {
    const r = await runCli(['watch', 'http://127.0.0.1:9/debug/pprof/heap?debug=1', '--count', '1', '--save', '/proc/nope/dumps']);
    expect(r.stderr).toBe('heapdoc: error: --save /proc/nope/dumps: cannot create /proc/nope: ENOENT (no directory can be made there) — give --save a directory you can write (it is created if need be)\n');
    expect(r.code).toBe(2);
  });

  it('keeps at most --keep snapshots', async () => {
    server = await serve();
    const watcher = new Watcher(config(server.url, { keep: 2 }));
    for (let i = 0; i < 4; i++) await watcher.poll();
    expect(watcher.view().report?.snapshots).toHaveLength(2);
  });

  it('starts the series over when the process restarted', async () => {
    server = await serve({ heaps: [HEAPS[4] as string, HEAPS[0] as string] });
    const watcher = new Watcher(config(server.url));
    await watcher.poll();
    const second = await watcher.poll();
    expect(second.restarted).toBe(true);
    expect(watcher.view().report?.snapshots).toHaveLength(1);
    expect(watcher.view().live.restartedAt).toEqual(second.at); // the UI's status line says it
    expect(summaryLine(second, undefined)).toContain(`process restarted (counters fell) — new series from ${second.at.toISOString().slice(11, 19)}Z`);
  });

  it('reports a failed poll and goes on', async () => {
    server = await serve({ heaps: [GOROUTINES[0] as string, HEAPS[0] as string] });
    const watcher = new Watcher(config(server.url));
    const bad = await watcher.poll();
    expect(bad.error?.message).toMatch(/goroutine profile.*heapdoc watch polls a heap\?debug=1, \/metrics or \/debug\/vars endpoint \(goroutine\?debug=1 is polled beside it, on the same host\)/);
    expect(watcher.status().lastError).toBe(bad.error?.message);
    const good = await watcher.poll();
    expect(good.snapshot).toBeDefined();
    expect(watcher.status().lastError).toBeUndefined();
  });

  it('runs --count polls, and stops at once when aborted', async () => {
    server = await serve();
    const counted = new Watcher(config(server.url, { count: 3, intervalMs: 100 }));
    const seen: number[] = [];
    await counted.run((r) => {
      seen.push(r.seq);
    });
    expect(seen).toEqual([1, 2, 3]);
    expect(counted.status().done).toBe(true);

    const endless = new Watcher(config(server.url, { intervalMs: 60_000 }));
    const stop = new AbortController();
    const started = Date.now();
    const running = endless.run(() => stop.abort(), stop.signal);
    await running;
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('summarizes a poll in one line', async () => {
    server = await serve();
    const watcher = new Watcher(config(server.url));
    const first = await watcher.poll();
    const second = await watcher.poll();
    expect(summaryLine(second, first.snapshot)).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ #2 Sys 16\.3 MiB · HeapAlloc 8\.4 MiB · frag [\d.]+ KiB · idle 0 B · released [\d.]+ MiB · stacks [\d.]+ KiB · runtime [\d.]+ MiB · ΔHeapAlloc \+4\.1 MiB · \d+ sites? · goroutines 788$/,
    );
    expect(summaryLine({ seq: 3, at: new Date(0), saved: [], diagnostics: [] }, undefined)).toBe('1970-01-01T00:00:00Z #3 poll failed: no heap dump');
  });
});

/** go1.19-slowleak-gc1/slowleak-1: six heap?debug=1&gc=1 dumps of a slow leak (README.md there), served in order. */
const SLOWLEAK = ['01-t05s', '02-t10s', '03-t15s', '04-t20s', '05-t25s', '06-t30s'].map((n) => readFixture(`captured/go1.19-slowleak-gc1/slowleak-1/${n}.heap-debug1.txt`));
const SLOWLEAK_GC = (by: string): string => `Leak suspected (high confidence): live heap 31.4 MiB → 33.8 MiB (+7.5%) across 6 GC-separated snapshots (snapshots 1→6), each read right after a forced GC (${by}), so exact: it rose at every step, by 273.5 KiB at least (482.3 KiB on average), HeapObjects 8,649 → 8,753 → 8,858 → 8,970 → 9,062 → 9,159 at every step too, and the heap profile's sites rose with it (main.newSession +1.5 MiB); growing sites: main.newSession +1.5 MiB (rough: 0 → 3 samples).`;

// The watch orders its goroutine dumps with analyze's function (goroutines/order.ts orderGoroutineDumps), as files named one by one: in the order polled.
// go1.19-audit38-mutexleak: ten ?gc=1 heap dumps, and the goroutine dumps t01…t09 and `last` (debug=2, taken after t10) polled with them.
describe('watch: goroutine dumps in the order polled, as analyze reads files named one by one', () => {
  const M = 'test/fixtures/captured/go1.19-audit38-mutexleak';
  const steps = ['t01', 't02', 't03', 't04', 't05', 't06', 't07', 't08', 't09', 't10'];
  const heaps = steps.map((t) => `${M}/gc1/${t}.heap-debug1-gc1.txt`);
  const goroutines = [...steps.slice(0, 9).map((t) => `${M}/goroutines/${t}.goroutine-debug1.txt`), `${M}/goroutines/last.goroutine-debug2.txt`];

  it('the same totals and goroutine verdict as analyze of the files in that order', async () => {
    server = await serve({ heaps: heaps.map((f) => readFileSync(f, 'utf8')), goroutines: goroutines.map((f) => readFileSync(f, 'utf8')) });
    const watcher = new Watcher(config(`${server.url}&gc=1`));
    const polled: PollResult[] = [];
    for (let i = 0; i < steps.length; i++) polled.push(await watcher.poll());
    const report = watcher.view().report;
    // Each poll's own count, and each snapshot's, are the dump that poll fetched: none lags a poll.
    expect(polled.map((p) => p.goroutines?.total)).toEqual(TOTALS);
    expect(watcher.view().goroutineTotals).toEqual(TOTALS);
    // The report's dumps are orderGoroutineDumps' (what analyze and the TUI of files list), each in the place it was polled in.
    const dumps = polled.flatMap((p) => (p.goroutines ? [p.goroutines] : []));
    expect(report?.goroutines).toEqual(orderGoroutineDumps(dumps, new Set(dumps.map((d) => d.source))));
    expect(report?.goroutines.map((g) => g.source.replace(/ \(.*/, ''))).toEqual(steps.map((_, i) => `goroutine #${i + 1}`));
    expect(report?.goroutines.map((g) => g.total)).toEqual(TOTALS);
    expect(report?.goroutines.some((g) => g.unplaced !== undefined)).toBe(false);
    // The Goroutines pane's headline: 296 now, +279 since the first of 10 dumps (17).
    expect(report && goroutineTotals(report.goroutines)).toEqual({ now: 296, first: 17, change: 279, dumps: 10 });
    const r = await runCli([...heaps, ...goroutines, '--format', 'json']);
    const analyzed = JSON.parse(r.stdout) as { goroutines: { total: number }[]; series: { growingGroups: unknown } };
    expect(analyzed.goroutines.map((g) => g.total)).toEqual(TOTALS);
    expect(report?.series?.growingGroups).toEqual(analyzed.series.growingGroups);
  });
});

describe('watch with ?gc=1: the forced GC is the one heapdoc asked for', () => {
  it('reads the gc parameter as net/http/pprof does (a number above 0)', () => {
    const gc = (q: string): boolean => fetchesWithGc(new URL(`http://h/debug/pprof/heap?${q}`));
    expect(['debug=1&gc=1', 'gc=1&debug=1', 'debug=1&gc=2', 'gc=%2B1'].map(gc)).toEqual([true, true, true, true]);
    expect(['debug=1', 'debug=1&gc=0', 'debug=1&gc=', 'debug=1&gc=yes', 'debug=1&xgc=1', 'gc=0&gc=1'].map(gc)).toEqual([false, false, false, false, false, false]);
  });

  it('the series says "(?gc=1)" of dumps it fetched with &gc=1, and "(?gc=1 or the program\'s runtime.GC())" of the same dumps without it', async () => {
    server = await serve({ heaps: SLOWLEAK, goroutines: undefined });
    const withGc = new Watcher(config(`${server.url}&gc=1`));
    for (let i = 0; i < SLOWLEAK.length; i++) await withGc.poll();
    const report = withGc.view().report;
    expect(report?.snapshots.map((s) => s.source.replace(/ \(.*/, ''))).toEqual([1, 2, 3, 4, 5, 6].map((n) => `heap?gc=1 #${n}`));
    expect(report?.series?.verdict.summary).toBe(SLOWLEAK_GC('?gc=1'));
    await server.close();
    server = await serve({ heaps: SLOWLEAK, goroutines: undefined });
    const without = new Watcher(config(server.url));
    for (let i = 0; i < SLOWLEAK.length; i++) await without.poll();
    expect(without.view().report?.series?.verdict.summary).toBe(SLOWLEAK_GC("?gc=1 or the program's runtime.GC()"));
  });

  it('--save names the dumps it fetched with &gc=1 so: analyze of the saved folder says "(?gc=1)" too', async () => {
    server = await serve({ heaps: SLOWLEAK, goroutines: undefined });
    dir = await mkdtemp(join(tmpdir(), 'heapdoc-watch-'));
    const watcher = new Watcher(config(`${server.url}&gc=1`, { saveDir: dir }));
    for (let i = 0; i < SLOWLEAK.length; i++) await watcher.poll();
    const files = (await readdir(dir)).sort();
    expect(files).toHaveLength(6);
    expect(files[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.heap-debug1-gc1\.txt$/);
    const r = await runCli(['analyze', dir, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as { series: { verdict: { summary: string } } }).series.verdict.summary).toBe(SLOWLEAK_GC('?gc=1'));
  });
});

describe('watch shares the Go version one poll shows with the polls that show none, as analyze does', () => {
  it('a /debug/vars poll, then a heap?debug=1 poll of one process (go1.19-audit-live/05-diff-vars-vs-heap): the vars poll says what the dump (go1.19) says of the same 115.0 MiB released', async () => {
    const polls = ['before.vars.json', 'after.heap.txt'].map((f) => readFixture(`captured/go1.19-audit-live/05-diff-vars-vs-heap/${f}`));
    server = await serve({ heaps: polls, goroutines: undefined });
    let clockMs = Date.UTC(2026, 0, 1, 12, 0, 0);
    const watcher = new Watcher(config(server.url, { now: () => new Date((clockMs += 1000)) }));
    await watcher.poll();
    const released = (): string[] => (watcher.view().report?.findings ?? []).filter((f) => f.ruleId === 'released-memory-in-rss').map((f) => `${f.source} ${f.line ?? '-'}:${f.column ?? '-'} ${f.message}`);
    expect(released()).toEqual(['vars #1 (12:00:01Z) 4:214 115.0 MiB was released to the OS, but the OS may still show it in the process\'s RSS.']);
    await watcher.poll();
    const dontneed = '115.0 MiB was released to the OS: on Linux it has left the process\'s RSS, on macOS the OS may still count it.';
    expect(released()).toEqual([`vars #1 (12:00:01Z) 4:214 ${dontneed}`, `heap #2 (12:00:02Z) 332:3 ${dontneed}`]);
    expect(watcher.view().report?.snapshots[0]?.goVersion).toEqual({ major: 1, minor: 19, source: 'heap #2 (12:00:02Z), a snapshot of the same process: inferred from the toolchain path /usr/lib/go-1.19/src/net/' });
  });
});

describe('Watcher on /metrics and /debug/vars (real scrapes of the heap-leak scenario, in order)', () => {
  it('reads each /metrics scrape as a snapshot; six make a leak', async () => {
    server = await serve({ heaps: SCRAPES, goroutines: undefined, path: '/metrics' });
    const watcher = new Watcher(config(server.url));
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await watcher.poll());
    expect(results.map((r) => r.error?.message)).toEqual(Array(6).fill(undefined));
    expect(results.map((r) => r.snapshot?.stats?.int('HeapAlloc'))).toEqual([6827096, 11118888, 15337480, 19588408, 23792264, 27995408]);
    const first = results[0]?.snapshot;
    expect([first?.origin, first?.goVersion?.source, first?.stats?.int('NumGC')]).toEqual(['prometheus', 'reported', 49]);
    expect(first?.source).toMatch(/^metrics #1 \(\d\d:\d\d:\d\dZ\)$/);
    // No profile in a scrape: the summary line counts no sites.
    expect(summaryLine(results[1] as PollResult, first)).toMatch(/ · runtime [\d.]+ MiB · ΔHeapAlloc \+4\.1 MiB$/);
    // process_resident_memory_bytes: the RSS check runs without --rss.
    expect(first?.verdict.summary).toContain('The OS counts 19.2 MiB of RSS');
    expect(server.requests).toEqual(['/metrics', '/debug/pprof/goroutine?debug=1', ...Array(5).fill('/metrics')]);
    const view = watcher.view();
    expect(view.live).toMatchObject({ polls: 6, snapshots: 6, goroutines: 'unavailable' });
    expect(view.report?.verdict).toMatchObject({ leak: 'suspected', summary: 'Leak suspected (high confidence): live heap as of each snapshot\'s last GC (NextGC ÷ 2 at GOGC=100) 4.4 MiB → 24.5 MiB across 6 snapshots taken at different GCs (snapshots 1→6), rising at every step; HeapAlloc, read between GCs, went 6.5 MiB → 26.7 MiB. The OS counts 51.4 MiB of RSS, in line with what Go holds (plus the binary\'s own pages).' });
  });

  it('reads each /debug/vars document as a snapshot, every MemStats field known', async () => {
    server = await serve({ heaps: VARS, goroutines: undefined, path: '/debug/vars' });
    dir = await mkdtemp(join(tmpdir(), 'heapdoc-watch-'));
    const watcher = new Watcher(config(server.url, { saveDir: dir }));
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await watcher.poll());
    expect(results.map((r) => r.snapshot?.stats?.int('HeapAlloc'))).toEqual([5600440, 9876600, 14084584, 18347576, 22532904, 26737120]);
    expect(results.map((r) => r.snapshot?.stats?.int('NumGC'))).toEqual([49, 74, 90, 100, 109, 116]);
    expect(results[5]?.snapshot?.origin).toBe('expvar');
    expect(results[5]?.snapshot?.stats?.recentRing('PauseNs')).toHaveLength(116);
    expect(watcher.view().report?.verdict.summary).toBe('Leak suspected (high confidence): live heap as of each snapshot\'s last GC (NextGC ÷ 2 at GOGC=100) 4.4 MiB → 24.5 MiB across 6 snapshots taken at different GCs (snapshots 1→6), rising at every step; HeapAlloc, read between GCs, went 5.3 MiB → 25.5 MiB.');
    // BySize, poll after poll: the map's 16 KiB values are what grows.
    expect(watcher.view().report?.series?.growingSizeClasses?.map((c) => [c.size, c.liveObjects])).toEqual([[16384, [257, 512, 768, 1024, 1280, 1536]]]);
    expect(results[5]?.snapshot?.sizeClasses?.classes).toHaveLength(61);
    const saved = (await readdir(dir)).sort();
    expect(saved).toHaveLength(6);
    expect(saved.every((f) => f.endsWith('.vars.json'))).toBe(true);
  });

  it('starts over when a scrape shows the process restarted (a counter fell)', async () => {
    server = await serve({ heaps: [SCRAPES[5] as string, SCRAPES[0] as string], goroutines: undefined, path: '/metrics' });
    const watcher = new Watcher(config(server.url));
    await watcher.poll();
    expect((await watcher.poll()).restarted).toBe(true);
    expect(watcher.view().report?.snapshots).toHaveLength(1);
  });

  it('names every endpoint it polls when the URL serves something else', async () => {
    server = await serve({ heaps: [readFixture('scenarios/heap-leak/gctrace.log')], goroutines: undefined, path: '/log' });
    const bad = await new Watcher(config(server.url)).poll();
    expect(bad.error?.message).toBe(`${server.url}: a GODEBUG=gctrace=1 log, but heapdoc watch polls a heap?debug=1, /metrics or /debug/vars endpoint (goroutine?debug=1 is polled beside it, on the same host)`);
  });

  it('prints one line per /metrics poll from the built CLI, without a terminal', async () => {
    server = await serve({ heaps: SCRAPES, goroutines: undefined, path: '/metrics' });
    const result = await runCli(['watch', server.url, '--interval', '100ms', '--count', '3', '--format', 'json']);
    expect(result.code).toBe(0);
    const docs = result.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { ok: boolean; snapshot: { origin?: string; breakdown: { live: number }; profile: unknown } });
    expect(docs.map((d) => [d.ok, d.snapshot.breakdown.live])).toEqual([[true, 6827096], [true, 11118888], [true, 15337480]]);
    // A scrape has no heap profile: null, not one of zeros (docs/json.md).
    expect(docs.map((d) => d.snapshot.profile)).toEqual([null, null, null]);
  });
});

describe('watch on a page of several processes (a Prometheus /federate page of real scrapes)', () => {
  it('reads --target labels: job, instance, quoted or not, in braces as the error lists them', () => {
    expect(parseTargetSelector('job=api')).toEqual({ job: 'api' });
    expect(parseTargetSelector('job="api", instance="10.0.0.1:2112"')).toEqual(API);
    expect(parseTargetSelector('{instance="10.0.0.1:2112",job="api"}')).toEqual(API);
    expect(() => parseTargetSelector('pod=x')).toThrow('--target pod=x: pod is not a target label (job and instance name a target)');
    expect(() => parseTargetSelector('job')).toThrow('--target job: cannot read it from column 1');
    expect(() => parseTargetSelector('{}')).toThrow('--target {}: no label in it');
  });

  it('never picks a process silently: without --target every poll fails, naming the targets', async () => {
    server = await serve({ heaps: FEDERATED, goroutines: undefined, path: '/federate' });
    const watcher = new Watcher(config(server.url));
    const result = await watcher.poll();
    expect(result.snapshot).toBeUndefined();
    expect([result.error?.message, result.error?.hint]).toEqual([
      `${server.url}: 2 targets on this page: {instance="10.0.0.1:2112",job="api"}, {instance="10.0.0.2:2112",job="worker"}`,
      `watch follows one process: pick it with --target, e.g. --target 'instance="10.0.0.1:2112",job="api"'`,
    ]);
    expect(watcher.view().live).toMatchObject({ polls: 1, snapshots: 0 });
  });

  it('--target follows one process, poll after poll: the api leaks, the worker\'s heap stays flat', async () => {
    server = await serve({ heaps: FEDERATED, goroutines: undefined, path: '/federate' });
    const api = new Watcher(config(server.url, { target: { job: 'api' } }));
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await api.poll());
    // The same numbers as the api's own /metrics page polled directly (above).
    expect(results.map((r) => r.snapshot?.stats?.int('HeapAlloc'))).toEqual([6827096, 11118888, 15337480, 19588408, 23792264, 27995408]);
    expect(api.view().report?.verdict.summary).toBe('Leak suspected (high confidence): live heap as of each snapshot\'s last GC (NextGC ÷ 2 at GOGC=100) 4.4 MiB → 24.5 MiB across 6 snapshots taken at different GCs (snapshots 1→6), rising at every step; HeapAlloc, read between GCs, went 6.5 MiB → 26.7 MiB. The OS counts 51.4 MiB of RSS, in line with what Go holds (plus the binary\'s own pages).');
    expect(api.view().live.url).toBe(`${server.url} {job="api"}`);
    await server.close();
    server = await serve({ heaps: FEDERATED, goroutines: undefined, path: '/federate' });
    const worker = new Watcher(config(server.url, { target: { instance: '10.0.0.2:2112' } }));
    const heaps = [];
    for (let i = 0; i < 6; i++) heaps.push((await worker.poll()).snapshot?.process?.goroutines);
    expect(heaps).toEqual(WORKER_GOROUTINES);
  });

  it('a --target that matches none, or several, fails the poll with the targets it could be', async () => {
    server = await serve({ heaps: FEDERATED, goroutines: undefined, path: '/federate' });
    const none = await new Watcher(config(server.url, { target: { job: 'db' } })).poll();
    expect(none.error?.message).toBe(`${server.url}: no target matches --target job="db"; the targets are {instance="10.0.0.1:2112",job="api"}, {instance="10.0.0.2:2112",job="worker"}`);
    const page = federate([[API, SCRAPES[0] as string], [{ job: 'api', instance: '10.0.0.3:2112' }, SCRAPES[1] as string]], 1796190543510);
    await server.close();
    server = await serve({ heaps: [page], goroutines: undefined, path: '/federate' });
    const several = await new Watcher(config(server.url, { target: { job: 'api' } })).poll();
    expect([several.error?.message, several.error?.hint]).toEqual([`${server.url}: --target job="api" matches 2 targets: {instance="10.0.0.1:2112",job="api"}, {instance="10.0.0.3:2112",job="api"}`, 'give both job and instance to pick one']);
    const one = await new Watcher(config(server.url, { target: { job: 'api', instance: '10.0.0.3:2112' } })).poll();
    expect(one.snapshot?.stats?.int('HeapAlloc')).toBe(11118888);
  });

  it('--target on a page of one process, or on a heap dump, says to drop it', async () => {
    server = await serve({ heaps: SCRAPES, goroutines: undefined, path: '/metrics' });
    expect((await new Watcher(config(server.url, { target: { job: 'api' } })).poll()).error?.message).toBe(`${server.url}: --target job="api", but this page has no job/instance labels (one process)`);
    await server.close();
    server = await serve({ goroutines: undefined });
    expect((await new Watcher(config(server.url, { target: { job: 'api' } })).poll()).error?.message).toBe(`${server.url}: --target picks a process of a /metrics page; this is a heap dump`);
  });

  it('from the built CLI: one line naming the targets per poll and exit 2; with --target, the process', async () => {
    server = await serve({ heaps: FEDERATED, goroutines: undefined, path: '/federate' });
    const refused = await runCli(['watch', server.url, '--interval', '100ms', '--count', '2']);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    // The same failure at the second poll is not said again (FailureStreak).
    expect(refused.stderr.split('\n').filter(Boolean)).toEqual([`heapdoc: error: ${server.url}: 2 targets on this page: {instance="10.0.0.1:2112",job="api"}, {instance="10.0.0.2:2112",job="worker"} — watch follows one process: pick it with --target, e.g. --target 'instance="10.0.0.1:2112",job="api"'`]);
    const followed = await runCli(['watch', server.url, '--interval', '100ms', '--count', '3', '--format', 'json', '--target', 'job=worker']);
    expect(followed.code).toBe(0);
    const docs = followed.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { ok: boolean; snapshot: { process: { goroutines: number } } });
    expect(docs.map((d) => [d.ok, d.snapshot.process.goroutines])).toEqual(WORKER_GOROUTINES.slice(2, 5).map((g) => [true, g]));
    const bad = await runCli(['watch', server.url, '--target', 'pod=x']);
    expect([bad.code, bad.stderr.trimEnd().split('\n').length]).toEqual([2, 1]);
    expect(bad.stderr).toContain('--target pod=x: pod is not a target label (job and instance name a target)');
  });
});

describe('FailureStreak: the same failed poll again is not said again', () => {
  it('says the first failure whole, the same again only at the 10th and 100th poll in a row, and counts the streak a success ends', () => {
    const streak = new FailureStreak();
    const said: (string | undefined)[] = [];
    for (let i = 0; i < 100; i++) said.push(streak.failed('u: cannot fetch: connection refused', 'is it running?')?.message);
    expect(said.filter((m) => m !== undefined)).toEqual([
      'u: cannot fetch: connection refused',
      'u: cannot fetch: connection refused (the same at each of the last 10 polls)',
      'u: cannot fetch: connection refused (the same at each of the last 100 polls)',
    ]);
    expect(said.indexOf('u: cannot fetch: connection refused (the same at each of the last 10 polls)')).toBe(9);
    expect(streak.failed('u: cannot fetch: timed out after 10s', undefined)).toEqual({ message: 'u: cannot fetch: timed out after 10s' });
    expect(streak.succeeded()).toBe(1);
    expect(streak.succeeded()).toBe(0);
    expect(streak.failed('u: cannot fetch: connection refused', 'is it running?')).toEqual({ message: 'u: cannot fetch: connection refused', hint: 'is it running?' });
  });
});

describe('heapdoc watch without a terminal (built CLI)', () => {
  it('a dead target: its failure said once with its hint, again at the 10th poll in a row, exit 2', async () => {
    // A port nothing listens on any more: connection refused at every poll.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const url = `http://127.0.0.1:${port}/debug/pprof/heap?debug=1`;
    const result = await runCli(['watch', url, '--interval', '100ms', '--count', '11']);
    expect(result.code).toBe(2);
    const lines = result.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`heapdoc: error: ${url}: cannot fetch: connection refused — is the program running and serving net/http/pprof at that address? (import _ "net/http/pprof")`);
    expect(lines[1]).toBe(`heapdoc: error: ${url}: cannot fetch: connection refused (the same at each of the last 10 polls)`);
  });

  it('prints one line per poll and stops after --count', async () => {
    server = await serve();
    dir = await mkdtemp(join(tmpdir(), 'heapdoc-watch-'));
    const result = await runCli(['watch', server.url, '--interval', '100ms', '--count', '3', '--save', dir]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    lines.forEach((l, i) => expect(l).toMatch(new RegExp(`^\\S+Z #${i + 1} Sys [\\d.]+ MiB · HeapAlloc `)));
    expect(lines[2]).toContain('leak suspected');
    expect(await readdir(dir)).toHaveLength(6);
  });

  it('a restart: its line compares with nothing of the dead process, the next one with it (snap5, then snap1, snap2)', async () => {
    server = await serve({ heaps: [HEAPS[4] as string, HEAPS[0] as string, HEAPS[1] as string] });
    const result = await runCli(['watch', server.url, '--interval', '100ms', '--count', '3', '--plain']);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[1]).toContain('process restarted (counters fell)');
    expect(lines[1]).not.toContain('ΔHeapAlloc');
    expect(lines[2]).toMatch(/ ΔHeapAlloc \+[\d.]+ MiB/); // snap1 → snap2: 4.3 → 8.6 MiB
  });

  it('writes one JSON document per poll with --format json (JSON Lines), a failed poll included', async () => {
    server = await serve({ heaps: [HEAPS[0] as string, GOROUTINES[0] as string, HEAPS[1] as string] });
    const result = await runCli(['watch', server.url, '--interval', '100ms', '--count', '3', '--format', 'json']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const docs = lines.map((l) => JSON.parse(l) as { schemaVersion: number; seq: number; ok: boolean; error?: { message: string }; goroutines: { total: number } | null; snapshot: { kind: string; breakdown: { live: number } } | null });
    expect(docs.map((d) => [d.seq, d.ok])).toEqual([[1, true], [2, false], [3, true]]);
    expect(docs[0]).toMatchObject({ schemaVersion: 1, goroutines: { total: 168 }, snapshot: { kind: 'heap' } }); // snap1's goroutine dump
    expect(docs[0]?.snapshot?.breakdown.live).toBe(4539592); // snap1's HeapAlloc
    expect(docs[1]?.snapshot).toBeNull();
    expect(docs[1]?.error?.message).toContain('heapdoc watch polls a heap?debug=1, /metrics or /debug/vars endpoint (goroutine?debug=1 is polled beside it, on the same host)');
    expect(result.stderr).toContain('heapdoc watch polls a heap?debug=1, /metrics or /debug/vars endpoint (goroutine?debug=1 is polled beside it, on the same host)');
  });

  it('a failed poll keeps the leak flag of the snapshots kept: the audit server leaks, answers 4 polls, then dies', async () => {
    const dumps = [1, 2, 3, 4].map((n) => readFixture(`captured/go1.19-audit-live/01-watch-leak-then-dies/poll${n}.heap-debug1.txt`));
    let served = 0;
    const dying = http.createServer((req, res) => {
      // No keep-alive: once the server is closed, nothing answers on any connection.
      res.setHeader('connection', 'close');
      if (!req.url?.startsWith('/debug/pprof/heap')) return res.writeHead(404).end();
      // The process is gone after its 4th dump: later polls find nothing listening (connection refused).
      if (served === dumps.length - 1) res.on('finish', () => dying.close());
      res.end(dumps[served++]);
    });
    await new Promise<void>((resolve) => dying.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(dying.address() as AddressInfo).port}/debug/pprof/heap?debug=1`;
    try {
      const result = await runCli(['watch', url, '--interval', '100ms', '--count', '6', '--format', 'json']);
      expect(result.code).toBe(0);
      const docs = result.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { seq: number; ok: boolean; leakSuspected: boolean; error?: { message: string } });
      expect(docs.map((d) => [d.seq, d.ok, d.leakSuspected])).toEqual([[1, true, false], [2, true, false], [3, true, false], [4, true, true], [5, false, true], [6, false, true]]);
      expect(docs[4]?.error?.message).toBe(`${url}: cannot fetch: connection refused`);
    } finally {
      dying.closeAllConnections();
      dying.close();
    }
  });

  it('a poll whose dump is cut short says so in its document (audit-live 08: "ok": true and no diagnostics), runtime not read as 0', async () => {
    server = await serve({ heaps: [readFixture('captured/go1.19-audit-live/02-runtime-part-missing/truncated.heap.txt')], goroutines: undefined });
    const result = await runCli(['watch', server.url, '--interval', '100ms', '--count', '1', '--format', 'json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { ok: boolean; diagnostics: { line: number; column: number; severity: string; cut?: boolean }[]; snapshot: { breakdown: { runtime: number } } };
    expect(doc.ok).toBe(true);
    expect(doc.diagnostics).toMatchObject([{ line: 43, column: 5, severity: 'error', cut: true }]);
    expect(doc.snapshot.breakdown.runtime).toBe(14827800); // Sys − HeapSys − StackSys: BuckHashSys, GCSys and OtherSys were cut off
  });

  it('a redirect loop and a slow server say what a one-shot fetch says (one message for both)', async () => {
    const loop = http.createServer((req, res) => (req.url?.startsWith('/slow') ? setTimeout(() => res.end(HEAPS[0]), 3000) : res.writeHead(302, { location: '/loop' }).end()));
    await new Promise<void>((resolve) => loop.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(loop.address() as AddressInfo).port}`;
    try {
      const [watched, fetched, slow, slowOnce] = await Promise.all([
        runCli(['watch', `${base}/loop`, '--count', '1']), runCli([`${base}/loop`]),
        runCli(['watch', `${base}/slow`, '--count', '1', '--timeout', '0.5']), runCli([`${base}/slow`, '--timeout', '0.5']),
      ]);
      expect(watched.stderr).toBe(`heapdoc: error: ${base}/loop: more than 5 redirects — pass the final URL directly\n`);
      expect(fetched.stderr).toBe(watched.stderr);
      expect(slow.stderr).toBe(`heapdoc: error: ${base}/slow: cannot fetch: no complete answer within 0.5 s — for a slow server raise --timeout (0.5 s now); is the program serving net/http/pprof at that address?\n`);
      expect(slowOnce.stderr).toBe(slow.stderr);
      for (const r of [watched, fetched, slow, slowOnce]) expect(r.code).toBe(2);
    } finally {
      loop.closeAllConnections();
      await new Promise<void>((resolve) => loop.close(() => resolve()));
    }
  });

  it('exits 2 when no poll succeeds', async () => {
    server = await serve({ heaps: [GOROUTINES[0] as string] });
    const result = await runCli(['watch', server.url, '--interval', '100ms', '--count', '2']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1); // the second poll's same failure is not said again
    expect(result.stderr).toContain('heapdoc watch polls a heap?debug=1, /metrics or /debug/vars endpoint (goroutine?debug=1 is polled beside it, on the same host)');
  });
});

/** Goroutines in go1.19-audit38-mutexleak's t01…t09 and `last` dumps. */
const TOTALS = [17, 49, 84, 110, 139, 165, 195, 224, 248, 296];
