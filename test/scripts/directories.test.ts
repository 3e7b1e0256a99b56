/**
 * scripts/directories.mjs: the build scripts make their directories one level at a time, as
 * heapdoc does (src/common/directories.ts), so that a build never hangs in Node 20's recursive
 * mkdir. The scripts are plain JavaScript run by node: each case runs it in a node of its own.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const scripts = fileURLToPath(new URL('../../scripts/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'heapdoc-scripts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What makeDirectory(`target`) did, as `made` or `CODE path`, in a node of its own (10 s at most: a hang fails). */
function makeDirectory(target: string): string {
  const script = `import { makeDirectory } from ${JSON.stringify(`${scripts}directories.mjs`)};
try { makeDirectory(${JSON.stringify(target)}); console.log('made'); } catch (e) { console.log(e.code + ' ' + e.path); }`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 10_000 }).trim();
}

describe('scripts/directories.mjs makeDirectory', () => {
  it('makes a directory and its missing parents, and leaves one that exists as it is', () => {
    const deep = join(dir, 'a', 'b', 'c');
    expect(makeDirectory(deep)).toBe('made');
    expect(statSync(deep).isDirectory()).toBe(true);
    writeFileSync(join(deep, 'kept.txt'), 'x');
    expect(makeDirectory(deep)).toBe('made');
    expect(readdirSync(deep)).toEqual(['kept.txt']);
  });

  it('a file in the way: ENOTDIR (the system\'s, from stat), nothing made below', () => {
    const file = join(dir, 'file');
    writeFileSync(file, 'x');
    expect(makeDirectory(join(file, 'below', 'deeper'))).toBe(`ENOTDIR ${file}/below/deeper`);
    expect(existsSync(join(file, 'below'))).toBe(false);
  });

  it.runIf(existsSync('/proc/self'))('/proc/nope/schema: ENOENT at /proc/nope at once, not a hang (Node 20\'s recursive mkdir loops there)', () => {
    expect(makeDirectory('/proc/nope/schema')).toBe('ENOENT /proc/nope');
  });

  it('no build script makes a directory with a recursive mkdir: they all use the helper', () => {
    const files = readdirSync(scripts).filter((name) => name.endsWith('.mjs'));
    expect(files).toContain('bundle.mjs');
    // The code, not the comments (directories.mjs says why it exists).
    const code = (name: string): string => readFileSync(join(scripts, name), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*/g, '');
    const recursive = files.filter((name) => /mkdir(?:Sync)?\([^)]*recursive/.test(code(name)));
    expect(recursive).toEqual([]);
    const users = files.filter((name) => code(name).includes("from './directories.mjs'"));
    expect(users).toEqual(['bundle.mjs', 'schema.mjs']);
  });
});
