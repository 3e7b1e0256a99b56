/**
 * Replays saved polls to `heapdoc watch` through its own code path: a loopback server hands out the
 * saved documents of a directory in order, one per request, and each poll's goroutine dump after it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from './cli.js';
import { ROOT } from './fixtures.js';

/** Serves the saved polls of `dir` at `path`, the i-th document at the i-th request, and each poll's goroutine dump after it. */
export async function serve(dir: string, suffix: string, path: string): Promise<{ url: string; close(): Promise<void> }> {
  const files = readdirSync(join(ROOT, dir)).sort();
  const stems = files.filter((f) => f.endsWith(suffix)).map((f) => f.slice(0, -suffix.length));
  let poll = -1;
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    if (url.startsWith(path)) {
      poll = Math.min(poll + 1, stems.length - 1);
      res.end(readFileSync(join(ROOT, dir, `${stems[poll] ?? ''}${suffix}`)));
      return;
    }
    const goroutines = `${stems[poll] ?? ''}.goroutine-debug1.txt`;
    if (url.startsWith('/debug/pprof/goroutine') && files.includes(goroutines)) {
      res.end(readFileSync(join(ROOT, dir, goroutines)));
      return;
    }
    req.socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** `heapdoc watch --plain` (or `format`) of `count` polls of the saved documents of `dir` ending in `suffix`, served at `path`: its stdout lines. */
export async function watch(dir: string, suffix: string, path: string, count: number, format: string[] = ['--plain']): Promise<string[]> {
  const server = await serve(dir, suffix, path);
  try {
    const r = await runCli(['watch', server.url, '--interval', '100ms', '--count', String(count), ...format, '--no-color']);
    expect(r.code).toBe(0);
    return r.stdout.split('\n').filter((l) => l !== '');
  } finally {
    await server.close();
  }
}
