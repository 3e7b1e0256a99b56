/**
 * Audit 42's wording findings on captured Go 1.19 programs (test/fixtures/captured/go1.19-audit42-*,
 * go1.19-proxy502): a 31.1% share is not "most"; a site's sampled allocation above the TotalAlloc
 * counted is said as an estimate; a proxy's 502 and an HTML error page are named, not "drop -i".
 */
import { describe, expect, it } from 'vitest';
import { reportLines, runCli } from '../helpers/cli.js';

const IDLECONNS = 'test/fixtures/captured/go1.19-audit42-idleconns/gc1/heap-t64.txt';
const BUFLEAK = 'test/fixtures/captured/go1.19-audit42-bufleak/gc1';
const CHECK_URL = "check the URL and any proxy in between:";

describe('audit 42 wording', () => {
  it('idleconns (804 goroutines idle on 200 keep-alive connections): runtime metadata leads, live 31.1% is not "most"', async () => {
    const [first] = await reportLines([IDLECONNS]);
    expect(first).toBe('Runtime metadata is the largest part of what Go holds: 10.9 MiB of the 26.3 MiB Go holds (30.9 MiB mapped) is runtime metadata, which every Go process has and which is no sign of a past peak; live 4.8 MiB is 31.1% of the 15.4 MiB of heap and stacks.');
  });

  it('bufleak diff t57 → t64: fmt.Sprintf\'s one 512 KiB sample is said as an estimate above the 403.8 KiB TotalAlloc counted', async () => {
    const [first] = await reportLines(['diff', `${BUFLEAK}/heap-t57.txt`, `${BUFLEAK}/heap-t64.txt`]);
    expect(first).toBe('Live heap 64.2 MiB → 64.2 MiB (−2.2 KiB); in-use bytes unchanged at the allocation sites; 29.4 MiB moved from idle to released (returned to the OS); −292 objects; 403.8 KiB allocated over 1 GC cycle between the two; fmt.Sprintf allocated the most among the sites (+512.0 KiB, a sampled estimate above the 403.8 KiB TotalAlloc counted).');
  });

  it('curl -i of a reverse proxy\'s 502 (real capture, no body): the status is named, not "drop -i"; exit 2', async () => {
    const file = 'test/fixtures/captured/go1.19-proxy502/curl-i-502.txt';
    const r = await runCli([file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`heapdoc: error: ${file}: an HTTP error response, not a dump: the server answered "502 Bad Gateway" (curl -i output of an error page) — ${CHECK_URL} curl -s 'http://HOST:PORT/debug/pprof/heap?debug=1' prints 'heap profile: …' when the program serves net/http/pprof\n`);
  });

  it('a 502 with an HTML body on stdin: the status and its Content-Type; exit 2', async () => {
    const r = await runCli(['-'], { input: 'HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\n\r\n<html><body>502</body></html>\r\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`heapdoc: error: -: an HTTP error response, not a dump: the server answered "502 Bad Gateway" with text/html (curl -i output of an error page) — ${CHECK_URL} curl -s 'http://HOST:PORT/debug/pprof/heap?debug=1' prints 'heap profile: …' when the program serves net/http/pprof\n`);
  });

  it('an nginx 502 HTML page alone: named an HTML page; exit 2', async () => {
    const file = 'test/fixtures/captured/go1.19-audit42-hostile/nginx502.html';
    const r = await runCli([file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`heapdoc: error: ${file}: an HTML page, not a Go heap dump (the first line is "<html>"): a proxy's or server's error page, or a page of another endpoint — ${CHECK_URL} /debug/pprof/heap?debug=1 answers with text that starts 'heap profile: …'\n`);
  });
});
