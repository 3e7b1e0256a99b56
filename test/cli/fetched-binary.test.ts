/**
 * A URL given without ?debug=1: /debug/pprof/heap serves the binary (gzipped protobuf) profile,
 * which holds no MemStats. heapdoc fetched it, so it names the URL to use instead, with ?debug=1.
 * The server serves a real capture (scenarios/heap-leak: go1.19, `curl -s …/debug/pprof/heap`).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { textFormUrl } from '../../src/input/urls.js';

const PROFILE = readFileSync('test/fixtures/scenarios/heap-leak/01-t1.heap.pb.gz');
const FILE_FIX = 'Give a MemStats source of the same process beside it — its /debug/vars, its /metrics, or heap?debug=1 — e.g. heapdoc analyze heap.pb.gz vars.json (files of one capture pair by name: 03-t3.heap.pb.gz with 03-t3.vars.json).';

describe('a binary profile fetched from a URL without ?debug=1', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(PROFILE));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('analyze: the no-memstats fix names the URL with ?debug=1', async () => {
    const r = await runCli(['analyze', `${base}/debug/pprof/heap`, '--format', 'json']);
    expect(r.code).toBe(0);
    const finding = (JSON.parse(r.stdout) as { findings: { ruleId: string; fix: string }[] }).findings.find((f) => f.ruleId === 'no-memstats');
    expect(finding?.fix).toBe(`Add ?debug=1 to the URL: the text form carries the MemStats block — heapdoc analyze '${base}/debug/pprof/heap?debug=1'`);
    const text = await runCli(['analyze', `${base}/debug/pprof/heap?gc=1`]);
    expect(text.stdout).toContain(`    fix: Add ?debug=1 to the URL: the text form carries the MemStats block — heapdoc analyze '${base}/debug/pprof/heap?gc=1&debug=1'\n`);
  });

  it('analyze: the same profile saved to a file keeps the advice to give a MemStats source beside it', async () => {
    const r = await runCli(['analyze', 'test/fixtures/scenarios/heap-leak/01-t1.heap.pb.gz', '--format', 'json']);
    const finding = (JSON.parse(r.stdout) as { findings: { ruleId: string; fix: string }[] }).findings.find((f) => f.ruleId === 'no-memstats');
    expect(finding?.fix).toBe(FILE_FIX);
  });

  it('watch: the error names the URL to poll', async () => {
    const r = await runCli(['watch', `${base}/debug/pprof/heap`, '--count', '1', '--plain']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`heapdoc: error: ${base}/debug/pprof/heap: gzip data: a binary protobuf profile (what /debug/pprof/heap returns without ?debug=1), or a compressed file inside another — to poll, add ?debug=1 to the URL ('${base}/debug/pprof/heap?debug=1'); heapdoc analyze reads a saved .pb.gz\n`);
  });
});

describe('textFormUrl', () => {
  it('adds debug=1, keeps the other parameters, and leaves paths and text URLs alone', () => {
    expect(textFormUrl('http://127.0.0.1:6060/debug/pprof/heap')).toBe('http://127.0.0.1:6060/debug/pprof/heap?debug=1');
    expect(textFormUrl('http://127.0.0.1:6060/debug/pprof/heap?debug=0&gc=1')).toBe('http://127.0.0.1:6060/debug/pprof/heap?debug=1&gc=1');
    expect(textFormUrl('https://u:p@host/debug/pprof/allocs')).toBe('https://***@host/debug/pprof/allocs?debug=1');
    expect(textFormUrl('http://127.0.0.1:6060/debug/pprof/heap?debug=1')).toBeUndefined();
    expect(textFormUrl('heap.pb.gz')).toBeUndefined();
    expect(textFormUrl('-')).toBeUndefined();
  });
});
