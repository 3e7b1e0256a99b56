/**
 * Odd inputs and odd arguments, end to end: a named pipe (what `<(…)` gives), control bytes in
 * the arguments echoed by the argument parser. One line on stderr, nothing a terminal obeys.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { readCorpus } from '../helpers/fixtures.js';

const DUMP = readCorpus('go1.23/seed/routine3.after-free.heap-debug1.txt');
const dir = mkdtempSync(join(tmpdir(), 'heapdoc-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a named pipe (FIFO, <(…)) is read as a stream', () => {
  it.each([
    ['analyze', ['--format', 'json']],
    ['lint', ['--format', 'json']],
  ])('%s', async (command, flags) => {
    const fifo = join(dir, `${command}.fifo`);
    execFileSync('mkfifo', [fifo]);
    // Opening a FIFO for writing waits for its reader: the CLI below.
    const writing = writeFile(fifo, DUMP);
    const r = await runCli([command, fifo, ...flags]);
    await writing;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json: unknown = JSON.parse(r.stdout);
    if (command === 'analyze') expect(json).toMatchObject({ snapshots: [{ memStats: { HeapAlloc: 4898176 } }] });
    else expect(json).toMatchObject([{ filePath: fifo, kind: 'heap', errorCount: 0 }]);
  });
});

describe('the argument parser never echoes control characters', () => {
  it.each([
    [['--format', 'x\u001b[2J'], "heapdoc: error: option '-f, --format <format>' argument 'x?[2J' is invalid. Allowed choices are text, json, markdown. — run heapdoc --help for usage\n"],
    [['lint', '--format', 'x\u001b]0;pwned\u0007'], "heapdoc: error: option '-f, --format <format>' argument 'x?]0;pwned?' is invalid. Allowed choices are stylish, json, sarif. — run heapdoc --help for usage\n"],
    [['--b\u009bad'], "heapdoc: error: unknown option '--b?ad' — run heapdoc --help for usage\n"],
  ])('%j', async (args, stderr) => {
    const r = await runCli(args);
    expect(r).toEqual({ code: 2, stdout: '', stderr });
  });

  it('nor does a whole-input error naming the input', async () => {
    const r = await runCli([join(dir, 'no\u001b[31mfile')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`heapdoc: error: ${dir}/no?[31mfile: no such file or directory — pass a dump file, a directory, a glob, - for standard input, or an http(s) URL\n`);
  });
});
