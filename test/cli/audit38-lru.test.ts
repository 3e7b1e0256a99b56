/**
 * A bounded LRU at its cap (new-user audit 38, go1.19, test/fixtures/captured/go1.19-audit38-lru,
 * README there): diff says a site's change within its sampling error is within it, and names no
 * growth when no site grew beyond it; lint and analyze say the inputs that failed alike (each program's
 * /debug/vars, a 404 page) in one line, and lint still lists each in JSON.
 */
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { runCli } from '../helpers/cli.js';

const D = 'test/fixtures/captured/go1.19-audit38-lru';

describe('diff of a bounded LRU at its cap: the site\'s +1.5 MiB is within its sampling error', () => {
  it('text: no growth named, the row says the bound', async () => {
    const r = await runCli(['diff', `${D}/gc1/t03.heap-debug1-gc1.txt`, `${D}/gc1/t10.heap-debug1-gc1.txt`]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Live heap 16.3 MiB → 16.3 MiB (+19.5 KiB); +114 objects; no site grew beyond sampling error (the most, main.(*lru).put, +1.5 MiB in use, within ±1.7 MiB); 50.5 MiB allocated over 7 GC cycles between the two.');
    const at = lines.indexOf('Allocation sites that changed (in use, unsampled estimates)');
    expect(lines.slice(at + 1, at + 5)).toEqual([
      '  +1.5 MiB    main.(*lru).put',
      '              16.6 MiB → 18.1 MiB in use (within sampling error, ±1.7 MiB), +44.7 MiB allocated · …/progs/lru/main.go:31',
      '  −512.0 KiB  container/list.(*List).insertValue',
      '              512.0 KiB → 0 B in use (within sampling error, ±1.0 MiB), +1.0 MiB allocated · …/container/list/list.go:104',
    ]);
  });

  it('json: each site\'s inuseSamplingError, in bytes', async () => {
    const r = await runCli(['diff', `${D}/gc1/t03.heap-debug1-gc1.txt`, `${D}/gc1/t10.heap-debug1-gc1.txt`, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const sites = (JSON.parse(r.stdout) as { sites: { function: string; inuseBytes: { delta: number }; inuseSamplingError?: number }[] }).sites;
    expect(sites.map((s) => [s.function, s.inuseBytes.delta, s.inuseSamplingError])).toEqual(SITES);
  });
});

describe('lint of four programs\' /debug/vars, each "404 page not found"', () => {
  it('stylish: one entry for the four, with the fix, said once (stderr silent: audit 44 F13c); exit 2', async () => {
    const r = await runCli(['lint', `${D}/vars-404`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual(STYLISH);
  });

  it('json still lists each file', async () => {
    const r = await runCli(['lint', `${D}/vars-404`, '--format', 'json']);
    expect([r.code, r.stderr]).toEqual([2, 'heapdoc: error: 4 inputs could not be read, 0 dumps linted — the JSON report lists each, with its fix\n']);
    expect((JSON.parse(r.stdout) as { filePath: string; kind: string }[]).map((f) => [f.filePath, f.kind])).toEqual(
      ['gcmanual', 'jsonleak', 'lru', 'tinyleak'].map((p) => [resolve(D, 'vars-404', p, 'vars-404.txt'), 'unreadable']));
  });
});

describe('analyze of the same folder: the inputs that failed alike in one line, as lint says them', () => {
  it('one line for the four 404 pages, with the fix; exit 2', async () => {
    const r = await runCli(['analyze', `${D}/vars-404`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter(Boolean)).toEqual(STDERR);
  });

  it('--format json: the same one line, and no report (no dump was read); exit 2', async () => {
    const r = await runCli(['analyze', `${D}/vars-404`, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter(Boolean)).toEqual(STDERR);
  });
});

const SITES = [['main.(*lru).put', 1579016, 1816187], ['container/list.(*List).insertValue', -524312, 1048576], ['net/textproto.MIMEHeader.Set', 0, 0]];
const MESSAGE = 'not a Go heap dump (the first line is "404 page not found": the page net/http serves for a path no handler registered)';
const HINT = 'the endpoint is missing: /debug/vars needs import _ "expvar", /debug/pprof/… needs import _ "net/http/pprof"';
const STDERR = [`heapdoc: error: 4 files (vars-404.txt ×4): ${MESSAGE} — ${HINT}`];
const STYLISH = ['', '4 files (vars-404.txt ×4)', `  error  ${MESSAGE}`, `         ${HINT}`, '', '✖ 4 inputs could not be read, 0 dumps linted', ''];
