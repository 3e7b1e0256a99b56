/**
 * `heapdoc watch` of a live concurrency peak (test/fixtures/captured/go1.19-audit43-watchpeak/README.md: the concpeak program
 * polled with ?gc=1 every 4 s from its start, the dumps saved by --save). Its first poll at start-up (live 164.2 KiB, 5
 * goroutines) counted as a second rise beside the first burst caught mid-flight at poll 5 (live 1.5 → 182.0 MiB), and poll 5
 * said "leak suspected" where analyze of the dumps after the first said "Cannot tell yet … one step holds all of its rise".
 * The saved dumps are served again in order by a loopback server, through watch's own code path.
 */
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportJson, runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';

const D = 'test/fixtures/captured/go1.19-audit43-watchpeak/saved';
const FILES = readdirSync(join(ROOT, D)).sort();
/** The polls' file stems, in order: each has a heap dump, and a goroutine dump when the poll got one. */
const STEMS = FILES.filter((f) => f.endsWith('.heap-debug1-gc1.txt')).map((f) => f.replace('.heap-debug1-gc1.txt', ''));

/** Serves poll i's heap dump at the i-th heap request, and its goroutine dump after it (the connection dropped where it had none). */
async function serve(): Promise<{ url: string; close(): Promise<void> }> {
  let poll = -1;
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    if (url.startsWith('/debug/pprof/heap')) {
      poll = Math.min(poll + 1, STEMS.length - 1);
      res.end(readFileSync(join(ROOT, D, `${STEMS[poll] ?? ''}.heap-debug1-gc1.txt`)));
      return;
    }
    const goroutines = `${STEMS[poll] ?? ''}.goroutine-debug1.txt`;
    if (url.startsWith('/debug/pprof/goroutine') && FILES.includes(goroutines)) {
      res.end(readFileSync(join(ROOT, D, goroutines)));
      return;
    }
    req.socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/debug/pprof/heap?gc=1&debug=1`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const JUMP = 'Cannot tell yet whether memory leaks: the live heap went 164.2 KiB → 1.5 MiB from snapshot 1 through snapshot 4, then jumped to 182.0 MiB at snapshot 5, the last — one step holds all of its rise (+180.5 MiB); the first step\'s +1.4 MiB is the program\'s start-up, the others moved by 72.9 KiB at most, within a reading\'s noise: a cache warming up or a load peak jumps so too, and a leak rises again.';

describe('watch of a concurrency peak from its start (go1.19-audit43-watchpeak)', () => {
  it('no poll says "leak suspected": the start-up rise and the burst caught at poll 5 are one jump', { timeout: 30_000 }, async () => {
    const server = await serve();
    try {
      const r = await runCli(['watch', server.url, '--interval', '100ms', '--count', '11', '--plain', '--no-color']);
      expect(r.code).toBe(0);
      const polls = r.stdout.split('\n').filter((l) => / #\d+ /.test(l));
      expect(polls).toHaveLength(11);
      expect(polls.map((l) => / · live ([^·]+) ·/.exec(l)?.[1])).toEqual(['164.2 KiB', '1.6 MiB', '1.6 MiB', '1.5 MiB', '182.0 MiB', '1.6 MiB', '1.5 MiB', '1.5 MiB', '165.8 MiB', '1.6 MiB', '1.5 MiB']);
      expect(polls.filter((l) => l.endsWith('leak suspected'))).toEqual([]);
      expect(polls[4]?.replace(/^\S+ /, '')).toBe('#5 Sys 260.6 MiB · live 182.0 MiB · frag 513.5 KiB · idle 32.2 MiB · released 27.8 MiB · stacks 1.5 MiB · runtime 16.6 MiB · Δlive +180.5 MiB · 7 sites');
    } finally {
      await server.close();
    }
  });

  it('analyze of the first 5 polls\' dumps, as watch kept them at poll 5: the same "Cannot tell yet … one step holds all of its rise"', async () => {
    const heaps = STEMS.slice(0, 5).map((s) => `${D}/${s}.heap-debug1-gc1.txt`);
    const report = await reportJson<{ verdict: { leak: string; summary: string } }>(heaps);
    expect(report.verdict.leak).toBe('unknown');
    expect(report.verdict.summary.startsWith(JUMP)).toBe(true);
  });
});
