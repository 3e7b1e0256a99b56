/**
 * `curl -i` output (captured/go1.19-curl-i): the HTTP response headers above a dump are named in one line, with the fix — at a
 * file's first line, and inside a stream of dumps (`cat heap.1.txt heap-curl-i.txt | heapdoc`), where each header line was a
 * parse error of its own (`found "HTTP"`, `unexpected character`).
 */
import { readFileSync } from 'node:fs';
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
});
