/**
 * The bundle's launcher (src/cli/launch.ts): the CLI script runs from V8's code cache, one file
 * per build, Node version and command (the last four builds' only), kept only in a directory no
 * one else can write to; and the CLI runs the same without a cache, whatever the directory.
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';

const DUMP = 'test/fixtures/corpus/go1.23/seed/routine4.after-free.heap-debug1.txt';
const args = [DUMP, '--format', 'json'];
const cacheFiles = (dir: string): string[] => readdirSync(dir).map((f) => f.replace(/^[0-9a-f]{16}-[0-9a-f]{8}-v[\d.]+-\w+-/, 'BUILD-NODE-'));

describe('the compiled-code cache', () => {
  it('is written by the first run of a command and read by the next, with the same output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-cache-'));
    const first = await runCli(args, { env: { HEAPDOC_COMPILE_CACHE: dir } });
    expect(cacheFiles(dir)).toEqual(['BUILD-NODE-analyze.bin']);
    const second = await runCli(args, { env: { HEAPDOC_COMPILE_CACHE: dir } });
    expect(second).toEqual(first);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toHaveProperty('verdict');
    const lint = await runCli(['lint', DUMP], { env: { HEAPDOC_COMPILE_CACHE: dir } });
    expect(lint.code).toBe(0);
    expect(cacheFiles(dir).sort()).toEqual(['BUILD-NODE-analyze.bin', 'BUILD-NODE-lint.bin']);
  });

  it('keeps the caches of the last four builds written: the first run of a new build removes the older ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-cache-'));
    const others = ['a', 'b', 'c', 'd', 'e'].map((c, i) => {
      const name = `${c.repeat(16)}-v20.0.0-x64-analyze.bin`;
      writeFileSync(join(dir, name), 'not a cache');
      utimesSync(join(dir, name), 1_000_000 + i, 1_000_000 + i);
      return name;
    });
    expect((await runCli(args, { env: { HEAPDOC_COMPILE_CACHE: dir } })).code).toBe(0);
    const left = readdirSync(dir).sort();
    expect(left.filter((f) => others.includes(f))).toEqual(others.slice(2));
    expect(left.filter((f) => !others.includes(f)).map((f) => f.replace(/^[0-9a-f]{16}-[0-9a-f]{8}-v[\d.]+-\w+-/, 'BUILD-NODE-'))).toEqual(['BUILD-NODE-analyze.bin']);
  });

  // /proc/nope: Node 20's recursive mkdir never returned there, and the run with it.
  it('is neither read nor written in a directory others can write to, or that cannot be made, or when off', { timeout: 20_000 }, async () => {
    const open = mkdtempSync(join(tmpdir(), 'heapdoc-cache-'));
    chmodSync(open, 0o777);
    const notADirectory = join(mkdtempSync(join(tmpdir(), 'heapdoc-cache-')), 'file');
    writeFileSync(notADirectory, '');
    const expected = await runCli(args, { env: { HEAPDOC_COMPILE_CACHE: '0' } });
    expect(expected.code).toBe(0);
    for (const dir of [open, notADirectory, join(notADirectory, 'below'), '/proc/nope/cache']) {
      expect(await runCli(args, { env: { HEAPDOC_COMPILE_CACHE: dir } }), dir).toEqual(expected);
    }
    expect(readdirSync(open)).toEqual([]);
  });

  it('is not needed for --version, which answers before the CLI is loaded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-cache-'));
    const r = await runCli(['--version'], { env: { HEAPDOC_COMPILE_CACHE: dir } });
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(r).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(readdirSync(dir)).toEqual([]);
  });
});
