/**
 * A 404 from a program that does not serve net/http/pprof (the captured go1.19-notfound404, README
 * there): with curl -i the refusal said only "check the URL and any proxy in between", where the
 * body alone said the endpoint is missing. Both forms now name the missing import; -i keeps the status.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runCli } from '../helpers/cli.js';

const D = 'test/fixtures/captured/go1.19-notfound404';
const MISSING = 'the endpoint is missing: /debug/vars needs import _ "expvar", /debug/pprof/… needs import _ "net/http/pprof"';
const WITH_I = `an HTTP error response, not a dump: the server answered "404 Not Found" with text/plain; charset=utf-8 (curl -i output of an error page: "404 page not found", the page net/http serves for a path no handler registered) — ${MISSING}`;

describe('a 404 of a program without net/http/pprof (go1.19-notfound404)', () => {
  it('curl -i output in a file: the status, net/http\'s page, the missing import; exit 2', async () => {
    const r = await runCli([`${D}/curl-i-404.txt`]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(`heapdoc: error: ${D}/curl-i-404.txt: ${WITH_I}\n`);
  });

  it('curl -si … | heapdoc: the same line for standard input; exit 2', async () => {
    const r = await runCli(['-'], { input: readFileSync(`${D}/curl-i-404.txt`) });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(`heapdoc: error: -: ${WITH_I}\n`);
  });

  it('the body alone (curl -s): the same hint, as before; exit 2', async () => {
    const r = await runCli([`${D}/curl-404.txt`]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(`heapdoc: error: ${D}/curl-404.txt: not a Go heap dump (the first line is "404 page not found": the page net/http serves for a path no handler registered) — ${MISSING}\n`);
  });

  it('another server\'s 404 (an HTML body): the status and the same hint, no net/http page claimed', async () => {
    const r = await runCli(['-'], { input: 'HTTP/1.1 404 Not Found\r\nServer: nginx\r\nContent-Type: text/html\r\n\r\n<html><body>404</body></html>\r\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`heapdoc: error: -: an HTTP error response, not a dump: the server answered "404 Not Found" with text/html (curl -i output of an error page) — ${MISSING}\n`);
  });
});
