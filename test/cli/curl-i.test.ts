/** `curl -i` output (captured/go1.19-curl-i): the HTTP response headers above a dump are named in one line, with the fix. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const FILE = 'test/fixtures/captured/go1.19-curl-i/heap-curl-i.txt';

describe('curl -i output', () => {
  it('is refused in one line that says to drop -i, exit 2', async () => {
    const r = await runCli(['analyze', FILE]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`heapdoc: error: ${FILE}: HTTP response headers above the dump (the first line is "HTTP/1.1 200 OK": curl -i output) — drop -i: curl -s 'http://HOST:PORT/debug/pprof/heap?debug=1' > heap.txt saves the body alone\n`);
  });
});
