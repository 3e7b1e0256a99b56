/**
 * The captured scenarios (test/fixtures/scenarios) in the live front ends: `heapdoc watch`
 * replaying saved snapshots from a loopback server, in the order they were captured, and the
 * TUI's model and screen built from a scenario series.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { combineReport } from '../../src/analyze/combine.js';
import { summarizeGoroutineProfile } from '../../src/analyze/goroutines/index.js';
import { analyzeSnapshot } from '../../src/analyze/snapshot.js';
import { parseGoroutineProfile } from '../../src/grammar/goroutine/index.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { seriesView } from '../../src/tui/model/series.js';
import { initialTuiState } from '../../src/tui/state/reducer.js';
import { lineText } from '../../src/tui/view/line.js';
import { buildScreen } from '../../src/tui/view/screen.js';
import { Watcher } from '../../src/tui/watch/poller.js';
import type { AnalyzeReport } from '../../src/analyze/report.js';
import { runCli } from '../helpers/cli.js';
import { readFixture } from '../helpers/fixtures.js';
import { heapSnapshot } from '../../src/input/snapshot.js';

const PHASES6 = ['01-t1', '02-t2', '03-t3', '04-t4', '05-t5', '06-t6'];
const BURST = ['01-baseline', '02-peak', '03-after-wait', '04-after-gc', '05-after-free', '06-idle'];
const file = (scenario: string, snap: string, kind: 'heap' | 'goroutine'): string => readFixture(`scenarios/${scenario}/${snap}.${kind}-debug1.txt`);

/** Serves a scenario's saved dumps as its process did: each heap request gets the next snapshot, each goroutine request the next goroutine dump. */
async function replay(scenario: string, snaps: readonly string[]): Promise<{ url: string; close(): Promise<void> }> {
  const heaps = snaps.map((s) => file(scenario, s, 'heap'));
  const goroutines = snaps.map((s) => file(scenario, s, 'goroutine'));
  let h = 0;
  let g = 0;
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    if (url.startsWith('/debug/pprof/heap')) res.end(heaps[Math.min(h++, heaps.length - 1)]);
    else if (url.startsWith('/debug/pprof/goroutine')) res.end(goroutines[Math.min(g++, goroutines.length - 1)]);
    else {
      res.statusCode = 404;
      res.end('404 page not found\n');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/debug/pprof/heap?debug=1`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

let servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

interface PollDoc {
  seq: number;
  ok: boolean;
  leakSuspected: boolean;
  goroutines: { total: number } | null;
  snapshot: { memStats: { HeapAlloc: number; NumGC: number } };
}

describe('heapdoc watch replaying a scenario (built CLI, --count, no terminal)', () => {
  it('goroutine-leak: each poll is the next snapshot, the leak suspected from the third on; burst: the goroutines come and go', async () => {
    const [leak, burst] = await Promise.all([replay('goroutine-leak', PHASES6), replay('burst', BURST)]);
    servers.push(leak, burst);
    const [json, text] = await Promise.all([
      runCli(['watch', leak.url, '--interval', '100ms', '--count', '6', '--format', 'json']),
      runCli(['watch', burst.url, '--interval', '100ms', '--count', '6']),
    ]);
    expect(json.code).toBe(0);
    const docs = json.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as PollDoc);
    expect(docs.map((d) => [d.seq, d.ok, d.snapshot.memStats.HeapAlloc, d.goroutines?.total, d.leakSuspected])).toEqual([
      [1, true, 471104, 404, false],
      [2, true, 712576, 804, false],
      [3, true, 1028600, 1204, true],
      [4, true, 1142440, 1604, true],
      [5, true, 1464328, 2004, true],
      [6, true, 1623376, 2404, true],
    ]);
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines.map((l) => /goroutines ([\d,]+)/.exec(l)?.[1])).toEqual(['4', '10,004', '4', '4', '4', '4']);
    // After poll 3 (baseline, peak, after-wait: HeapAlloc 0.47 → 5.2 → 6.8 MB over three GC
    // cycles, no ?gc=1) the rising heap is suspected at medium confidence; the next GC takes it
    // back (poll 4: live 4.6 MiB, stacks freed) and the series ends as peak retention.
    expect(lines.map((l) => l.includes('leak suspected'))).toEqual([false, false, true, false, false, false]);
    expect(lines[1]).toMatch(/ #2 Sys 38\.6 MiB · live 5\.2 MiB · .*stacks 19\.9 MiB · /);
  });

  it('the Watcher (what the TUI shows) holds the series verdict and its evidence after the replay', async () => {
    const server = await replay('goroutine-leak', PHASES6);
    servers.push(server);
    const watcher = new Watcher({ url: new URL(server.url), intervalMs: 10, keep: 60, timeoutMs: 5000, maxBytes: 64 << 20, count: 6 });
    await watcher.run(() => undefined);
    const report = watcher.view().report;
    expect(report?.snapshots).toHaveLength(6);
    expect(watcher.view().goroutineTotals).toEqual([404, 804, 1204, 1604, 2004, 2404]);
    expect(report?.series?.verdict.kind).toBe('leak');
    expect(report?.series?.verdict.evidence.map((e) => e.kind)).toEqual(['live-heap', 'sites', 'goroutine-groups', 'stack-inuse']);
    expect(report?.series?.growingGroups.map((g) => [g.function, g.counts])).toEqual([['main.waitForReply', [400, 800, 1200, 1600, 2000, 2400]]]);
  });
});

function scenarioReport(scenario: string, snaps: readonly string[]): AnalyzeReport {
  const snapshots = snaps.map((s) => {
    const rel = `scenarios/${scenario}/${s}.heap-debug1.txt`;
    const { dump, diagnostics } = parseHeapDump(readFixture(rel), rel);
    return analyzeSnapshot(rel, heapSnapshot(dump), diagnostics);
  });
  const dumps = snaps.map((s) => {
    const rel = `scenarios/${scenario}/${s}.goroutine-debug1.txt`;
    return summarizeGoroutineProfile(parseGoroutineProfile(readFixture(rel), rel).profile, rel);
  });
  return combineReport(snapshots, dumps);
}

describe('the TUI model built from a scenario series', () => {
  it('goroutine-leak: the Series view carries the verdict, the growing group and the stacks row', () => {
    const report = scenarioReport('goroutine-leak', PHASES6);
    const view = seriesView(report, [404, 804, 1204, 1604, 2004, 2404]);
    expect(view?.summary).toBe('Leak suspected (high confidence): live heap 460.1 KiB → 1.5 MiB across 6 GC-separated snapshots (snapshots 1→6); growing sites: runtime.malg +1.0 MiB (rough: 1 → 3 samples); growing goroutine groups across 6 dumps: main.waitForReply +2,000; goroutine stacks (StackInuse) 2.0 MiB → 9.8 MiB across 6 snapshots.');
    expect(view?.groups.map((g) => [g.function, g.counts])).toEqual([['main.waitForReply', [400, 800, 1200, 1600, 2000, 2400]]]);
    expect(view?.rows.find((r) => r.name === 'goroutines')?.values).toEqual([404, 804, 1204, 1604, 2004, 2404]);
    expect(view?.rows.find((r) => r.name === 'stacks')?.values).toEqual([2064384, 3670016, 5341184, 6979584, 8617984, 10256384]);
  });

  it('the overview screen shows the verdict and every piece of leak evidence under it', () => {
    const report = scenarioReport('goroutine-leak', PHASES6);
    const lines = buildScreen({ report, width: 100, height: 40 }, initialTuiState()).lines.map((l) => lineText(l).trimEnd());
    const at = lines.indexOf('Leak evidence · across 6 snapshots');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 5).map((l) => l.trim())).toEqual([
      '• live heap 460.1 KiB → 1.5 MiB across 6 GC-separated snapshots (snapshots 1→6)',
      '• growing sites: runtime.malg +1.0 MiB (rough: 1 → 3 samples)',
      '• growing goroutine groups across 6 dumps: main.waitForReply +2,000',
      '• goroutine stacks (StackInuse) 2.0 MiB → 9.8 MiB across 6 snapshots',
    ]);
    expect(lines.join('\n')).toContain('Leak suspected (high confidence)');
  });

  it('burst: peak retention in the Series view, not "Stable"', () => {
    const view = seriesView(scenarioReport('burst', BURST), [4, 10004, 4, 4, 4, 4]);
    expect(view?.summary).toMatch(/^Peak retention, not a leak: a burst of goroutines came and went — 10,004 goroutines at the peak, 4 in the last goroutine dump; /);
    expect(view?.groups).toEqual([]);
  });
});
