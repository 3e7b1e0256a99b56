/**
 * `curl -i` output (captured/go1.19-curl-i): the HTTP response headers above a dump are named in one line, with the fix — at a
 * file's first line, and inside a stream of dumps (`cat heap.1.txt heap-curl-i.txt | heapdoc`), where each header line was a
 * parse error of its own (`found "HTTP"`, `unexpected character`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const FILE = 'test/fixtures/captured/go1.19-curl-i/heap-curl-i.txt';
const HEAP = 'test/fixtures/corpus/go1.19/exposition/leak/heap.1.txt';
const FIX = "drop -i: curl -s 'http://HOST:PORT/debug/pprof/heap?debug=1' > heap.txt saves the body alone";

describe('curl -i output', () => {
  it('is refused in one line that says to drop -i, exit 2', async () => {
    const r = await runCli(['analyze', FILE]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`heapdoc: error: ${FILE}: HTTP response headers above the dump (the first line is "HTTP/1.1 200 OK": curl -i output) — ${FIX}\n`);
  });

  it('after a heap dump in one stream (heap.1.txt has 73 lines): one line at its status line, 74, exit 2', async () => {
    const r = await runCli(['analyze', '-'], { input: Buffer.concat([readFileSync(HEAP), readFileSync(FILE)]) });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`heapdoc: error: -:74: HTTP response headers above the dump (the line is "HTTP/1.1 200 OK": curl -i output) — ${FIX}\n`);
  });

  it('between two heap dumps (heapdoc with no command): the same line, 74, exit 2', async () => {
    const r = await runCli(['-'], { input: Buffer.concat([readFileSync(HEAP), readFileSync(FILE), readFileSync(HEAP)]) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`heapdoc: error: -:74: HTTP response headers above the dump (the line is "HTTP/1.1 200 OK": curl -i output) — ${FIX}\n`);
  });

  // A /metrics page (93 lines), a GC log (13) or /debug/vars (6) before it: the same one line at its status line, not a refusal
  // of the heap dump below its headers ("a heap dump follows the /metrics page") nor a parse error of each header line.
  it.each([
    ['a /metrics page', 'test/fixtures/captured/go1.19-exposition-leak/metrics.1.txt', 94],
    ['a GC log', 'test/fixtures/captured/go1.19-audit-work/01-lru/stderr.log', 14],
    ['/debug/vars', 'test/fixtures/captured/go1.19-expvar-app/vars.json', 7],
  ])('after %s in one stream: one line at its status line, exit 2', async (_what, first, line) => {
    const r = await runCli(['-'], { input: Buffer.concat([readFileSync(first), readFileSync(FILE)]) });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`heapdoc: error: -:${line}: HTTP response headers above the dump (the line is "HTTP/1.1 200 OK": curl -i output) — ${FIX}\n`);
  });
});

// The stream's last line is the status line alone, without a line end: it is whole (it reads as one), so it is the same
// refusal, not "the input ends in the middle of this line" (a dump's line cut short) nor nothing at all (a GC log's other line).
describe('a status line that ends the stream without a line end', () => {
  const STATUS = Buffer.from('HTTP/1.1 200 OK');
  it.each([
    ['a heap dump', HEAP, 74],
    ['a goroutine?debug=2 dump', 'test/fixtures/captured/go1.19-audit-work/01-lru/01-t3.goroutine-debug2.txt', 70],
    ['a /metrics page', 'test/fixtures/captured/go1.19-exposition-leak/metrics.1.txt', 94],
    ['a GC log', 'test/fixtures/captured/go1.19-audit-work/01-lru/stderr.log', 14],
    ['/debug/vars', 'test/fixtures/captured/go1.19-expvar-app/vars.json', 7],
  ])('after %s, piped and as a file: one line at it, exit 2', async (_what, first, line) => {
    const input = Buffer.concat([readFileSync(first), STATUS]);
    const piped = await runCli(['-'], { input });
    expect(piped.code).toBe(2);
    expect(piped.stderr).toBe(`heapdoc: error: -:${line}: HTTP response headers above the dump (the line is "HTTP/1.1 200 OK": curl -i output) — ${FIX}\n`);
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-status-'));
    try {
      const file = join(dir, 'capture.txt');
      writeFileSync(file, input);
      const named = await runCli([file]);
      expect(named.code).toBe(2);
      expect(named.stderr).toBe(`heapdoc: error: ${file}:${line}: HTTP response headers above the dump (the line is "HTTP/1.1 200 OK": curl -i output) — ${FIX}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
