/**
 * Steps of the live heap that are no leak's rise (audit 42 items 1, 10 and 2), on the captured
 * go1.19-audit42-batch and go1.19-audit42-bufleak ?gc=1 dumps (README.md there says how they were made):
 * - a step within the reading's noise (under half an average step, or under 1 MiB and 2% of the level: trend.ts riseStepSlack)
 *   is no rise, and a rise at one step
 *   alone, flat otherwise, is no leak evidence: the batch job's 202.7 KiB → 205.3 KiB → 150.2 MiB was "Leak suspected (medium
 *   confidence)" and failed CI (--fail-on leak, lint), and watch said "leak suspected" on the same polls;
 * - a bytes.Buffer doubling 4 → 64 MiB rose at 4 steps of 9, not 8, a staircase;
 * - between two doublings, a buffer that doubles (one object at bytes.growSlice, twice its size allocated there) does not show
 *   that it stopped: no "A plateau … it grew once, then stopped", no "Stable" (series/doubling.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Watcher } from '../../src/tui/watch/poller.js';
import { outlastedDoubling } from '../../src/analyze/series/doubling.js';
import { riseStepSlack, risingSteps } from '../../src/analyze/series/trend.js';
import { reportJson, runCli } from '../helpers/cli.js';
import { readFixture } from '../helpers/fixtures.js';

const BATCH = 'test/fixtures/captured/go1.19-audit42-batch/gc1';
const BUFLEAK = 'test/fixtures/captured/go1.19-audit42-bufleak/gc1';
const at = (dir: string, ...t: number[]): string[] => t.map((s) => `${dir}/heap-t${String(s).padStart(2, '0')}.txt`);
/** The 3-dump window of the audit (its win/ folder): t34 and t42 between batches, t49 inside one. */
const WINDOW = at(BATCH, 34, 42, 49);

interface Verdict { kind: string; leak: string; confidence: string; summary: string }
interface Report { verdict: { leak: string; summary: string }; series?: { verdict: Verdict } }
const verdictOf = async (files: readonly string[]): Promise<Verdict | undefined> => (await reportJson<Report>(['analyze', ...files])).series?.verdict;

const JUMP3 = 'Cannot tell yet whether memory leaks: the live heap stayed near 205.3 KiB from snapshot 1 through snapshot 2, then jumped to 150.2 MiB at snapshot 3, the last — one step holds all of its rise (+150.0 MiB), the others moved by 2.6 KiB at most, within a reading\'s noise: a cache warming up or a load peak jumps so too, and a leak rises again. Take more heap?debug=1&gc=1 dumps, some time apart, to see whether it holds, falls back or rises again. Growing, but not yet evidence: main.runBatch +153.8 MiB.';

describe.concurrent('one step holds all of the rise (go1.19-audit42-batch, a periodic batch job)', () => {
  it('3 ?gc=1 dumps, 202.7 KiB → 205.3 KiB → 150.2 MiB (was "Leak suspected (medium confidence)"): cannot tell yet', async () => {
    expect(await verdictOf(WINDOW)).toEqual({ kind: 'unknown', leak: 'unknown', confidence: 'low', evidence: [], summary: JUMP3 });
  });

  it('5 ?gc=1 dumps (was "rising at 3 of 4 steps", +3.5 KiB and +2.6 KiB counted as rises): the same one step', async () => {
    const v = await verdictOf(at(BATCH, 12, 19, 34, 42, 49));
    expect(v?.kind).toBe('unknown');
    expect(v?.summary).toBe('Cannot tell yet whether memory leaks: the live heap stayed near 205.3 KiB from snapshot 1 through snapshot 4, then jumped to 150.2 MiB at snapshot 5, the last — one step holds all of its rise (+150.0 MiB), the others moved by 5.1 KiB at most, within a reading\'s noise: a cache warming up or a load peak jumps so too, and a leak rises again. Take more heap?debug=1&gc=1 dumps, some time apart, to see whether it holds, falls back or rises again. Growing, but not yet evidence: main.runBatch +153.8 MiB.');
  });

  it('--fail-on leak exits 0 on the window (it exited 1)', async () => {
    const r = await runCli(['analyze', ...WINDOW, '--fail-on', 'leak']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(JUMP3.slice(0, JUMP3.indexOf(' Take more')));
  });

  it('lint of a folder of the window exits 0 with no leak-suspected (it was an error, exit 1)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'heapdoc-audit42-win-'));
    try {
      for (const file of WINDOW) await copyFile(file, join(dir, file.slice(file.lastIndexOf('/') + 1)));
      const r = await runCli(['lint', dir]);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain('leak-suspected');
      expect(r.stdout).not.toContain('Leak suspected');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('watch polling the three dumps: the Watcher\'s verdict is the same, never a suspected leak', async () => {
    const dumps = WINDOW.map((f) => readFixture(f.replace('test/fixtures/', '')));
    let served = 0;
    const server = http.createServer((req, res) => {
      if (!req.url?.startsWith('/debug/pprof/heap')) return res.writeHead(404).end();
      res.end(dumps[Math.min(served++, dumps.length - 1)]);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/debug/pprof/heap?gc=1&debug=1`);
      const watcher = new Watcher({ url, intervalMs: 10, keep: 60, timeoutMs: 5000, maxBytes: 64 << 20, count: 3 });
      const leaks: boolean[] = [];
      await watcher.run(() => {
        leaks.push(watcher.view().report?.verdict.leak === 'suspected');
      });
      expect(leaks).toEqual([false, false, false]);
      expect(watcher.view().report?.series?.verdict).toMatchObject({ kind: 'unknown', leak: 'unknown', summary: JUMP3 });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe.concurrent('a buffer that doubles (go1.19-audit42-bufleak, one global bytes.Buffer appended to forever)', () => {
  it('10 ?gc=1 dumps: a leak rising at 4 of 9 steps, a staircase doubling at each rise (was "rising at 8 of 9 steps")', async () => {
    const v = await verdictOf([BUFLEAK]);
    expect(v).toMatchObject({ kind: 'leak', leak: 'suspected', confidence: 'medium' });
    expect(v?.summary).toBe('Leak suspected (medium confidence): live heap 4.2 MiB → 64.2 MiB across 10 GC-separated snapshots (snapshots 1→10), rising at 4 of 9 steps and holding between them (its one fall, 2.2 KiB at snapshot 9, is under half its average rise per step (6.7 MiB), noise rather than a reversal) — 4.2 MiB → 8.2 MiB at snapshot 2, 8.2 MiB → 16.2 MiB at snapshot 3, 16.2 MiB → 32.2 MiB at snapshot 5, 32.2 MiB → 64.2 MiB at snapshot 8: a staircase, doubling at each rise, as a buffer or slice that keeps growing climbs (bytes.Buffer doubles its capacity when it is full, append grows a large slice by about a quarter: each time a new, larger copy, which holds until it fills): it held before and rose again, so that it holds at the end is no sign it stopped; growing sites: bytes.growSlice ← main.record (main.go:21) +60.0 MiB.');
  });

  it('6 dumps t34–t72, one doubling then flat (was "A plateau, not a leak … it grew once, then stopped"): cannot tell yet', async () => {
    const v = await verdictOf(at(BUFLEAK, 34, 42, 49, 57, 64, 72));
    expect(v).toMatchObject({ kind: 'unknown', leak: 'unknown', confidence: 'low' });
    expect(v?.summary).toBe('Cannot tell yet whether memory leaks: the live heap rose once, 32.2 MiB → 64.2 MiB at snapshot 4, then stayed near 64.2 MiB through snapshot 6, at a buffer that doubles: bytes.growSlice ← main.record (main.go:21) holds one 64.0 MiB object and allocated 128.2 MiB there in all, about twice that — the copies it outgrew. A doubling buffer\'s in-use bytes are its capacity, not its length: they stay flat while it fills and double when it is full, each level lasting twice as long as the one before, so flat readings after its step do not show it stopped. Take dumps over a longer span than the last step took (the level before it held 15.0 s or more, snapshots 1–3 by LastGC, and the next lasts about twice as long: 30.0 s or more after snapshot 4), or look at the buffer\'s length (its len against its cap).');
  });

  it('4 dumps t27–t49 (was "A plateau … it grew once, then stopped"): cannot tell yet, one 32 MiB object', async () => {
    const v = await verdictOf(at(BUFLEAK, 27, 34, 42, 49));
    expect(v?.kind).toBe('unknown');
    expect(v?.summary).toBe('Cannot tell yet whether memory leaks: the live heap rose once, 16.2 MiB → 32.2 MiB at snapshot 2, then stayed near 32.2 MiB through snapshot 4, at a buffer that doubles: bytes.growSlice ← main.record (main.go:21) holds one 32.0 MiB object and allocated 63.7 MiB there in all, about twice that — the copies it outgrew. A doubling buffer\'s in-use bytes are its capacity, not its length: they stay flat while it fills and double when it is full, each level lasting twice as long as the one before, so flat readings after its step do not show it stopped. Take dumps over a longer span than the last step took, or look at the buffer\'s length (its len against its cap).');
  });

  it('3 flat dumps t57–t72 (was "Stable"): cannot tell yet, 64.0 MiB of the heap is a buffer that doubles', async () => {
    const v = await verdictOf(at(BUFLEAK, 57, 64, 72));
    expect(v).toMatchObject({ kind: 'unknown', leak: 'unknown', confidence: 'low' });
    expect(v?.summary).toBe('Cannot tell yet whether memory leaks: the live heap stayed near 64.2 MiB from snapshot 1 through snapshot 3, but 64.0 MiB of it is a buffer that doubles: bytes.growSlice ← main.record (main.go:21) holds one 64.0 MiB object and allocated 128.2 MiB there in all, about twice that — the copies it outgrew. A doubling buffer\'s in-use bytes are its capacity, not its length: they stay flat while it fills and double when it is full, each level lasting twice as long as the one before, so flat readings do not show it stopped. Take dumps over a longer span than these (14.9 s, by LastGC), or look at the buffer\'s length (its len against its cap).');
  });

  it('a 128 MiB buffer Reset and reused (go1.19-audit31-bufreset), its level held 56.6 s of the 65.7 s since the first GC: still Stable', async () => {
    const v = await verdictOf(['test/fixtures/captured/go1.19-audit31-bufreset']);
    expect(v).toMatchObject({ kind: 'stable', leak: 'not-suspected' });
    expect(v?.summary.startsWith('Stable: live heap 128.2 MiB → 128.2 MiB')).toBe(true);
    expect(outlastedDoubling(56_590, 65_745)).toBe(true);
    expect(outlastedDoubling(14_863, 71_705)).toBe(false);
    expect(outlastedDoubling(14_863, undefined)).toBe(false);
  });

  it('the noise a step must rise beyond: the batch\'s +3.5 KiB and +2.6 KiB are none, its +150.0 MiB is one', () => {
    const live = [209_208, 212_832, 207_592, 210_248, 157_495_864]; // t12, t19, t34, t42, t49 HeapAlloc
    expect(riseStepSlack(live, 1 << 20).map(Math.round)).toEqual([0, 1_048_576, 1_048_576, 1_048_576, 1_048_576]);
    expect(risingSteps(live, riseStepSlack(live, 1 << 20))).toBe(1);
    expect(risingSteps(live)).toBe(3);
  });

  it('lint of the 10 dumps still reports the leak (exit 1), at the staircase\'s last dump', async () => {
    const all = await runCli(['lint', BUFLEAK]);
    expect(all.code).toBe(1);
    expect(all.stdout).toContain('Leak suspected (medium confidence) across 10 snapshots, heap-t05.txt → heap-t72.txt');
  });
});
