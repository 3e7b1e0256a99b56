/**
 * `--output` onto a file the run reads, found through a directory, a glob or an option
 * (`--escape`, `--baseline`): refused with one line and exit 2, the file left as it was.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

const DUMP = join(FIXTURES, 'corpus/go1.23/stacks/after-gc-1.heap-debug1.txt'); // idle-heap-retained + stack-heavy
const ESCAPE = join(FIXTURES, 'corpus/go1.19/compiler/seed.gcflags-m.txt');
const refused = (output: string, input?: string): string =>
  `heapdoc: error: --output ${output}: is an input of this command${input !== undefined ? ` (${input})` : ''}; writing the report there would replace it — give --output another file\n`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'heapdoc-output-'));
  mkdirSync(join(dir, 'dumps'));
  copyFileSync(DUMP, join(dir, 'dumps/heap.txt'));
  copyFileSync(ESCAPE, join(dir, 'm.txt'));
});

const run = (...args: string[]) => runCli(['--no-color', ...args], { cwd: dir });
const unchanged = (): void => {
  expect(readFileSync(join(dir, 'dumps/heap.txt'))).toEqual(readFileSync(DUMP));
  expect(readFileSync(join(dir, 'm.txt'))).toEqual(readFileSync(ESCAPE));
};

describe('--output onto an input the command line does not name', () => {
  it.each([
    [['lint', '--no-config', 'dumps', '-f', 'sarif', '-o', 'dumps/heap.txt'], refused('dumps/heap.txt')],
    [['lint', '--no-config', 'dumps/*.txt', '-o', './dumps/heap.txt'], refused('./dumps/heap.txt', 'dumps/heap.txt')],
    [['analyze', 'dumps', '-f', 'json', '-o', 'dumps/heap.txt'], refused('dumps/heap.txt')],
    [['analyze', 'dumps/heap.txt', '--escape', 'm.txt', '-f', 'json', '-o', 'm.txt'], refused('m.txt', '--escape m.txt')],
    [['lint', '--no-config', 'dumps', '--baseline', 'dumps/heap.txt', '-o', 'dumps/heap.txt'], refused('dumps/heap.txt', '--baseline dumps/heap.txt')],
    [['diff', 'dumps/h*.txt', DUMP, '-o', 'dumps/heap.txt'], refused('dumps/heap.txt')],
  ])('heapdoc %j: refused, exit 2, the input kept', async (args, stderr) => {
    const r = await run(...args);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', stderr]);
    unchanged();
  });

  it('heapdoc escape DIR -o DIR/FILE, DIR holding that one file', async () => {
    mkdirSync(join(dir, 'm'));
    copyFileSync(ESCAPE, join(dir, 'm/m.txt'));
    const r = await run('escape', 'm', '-o', 'm/m.txt');
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', refused('m/m.txt')]);
    expect(readFileSync(join(dir, 'm/m.txt'))).toEqual(readFileSync(ESCAPE));
  });

  it('a file of the directory that is no dump (the last run\'s report) is replaced, without a "skipped" line', async () => {
    writeFileSync(join(dir, 'dumps/report.sarif'), '{"old": true}\n');
    const r = await run('lint', '--no-config', 'dumps', '-f', 'sarif', '-o', 'dumps/report.sarif');
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect((JSON.parse(readFileSync(join(dir, 'dumps/report.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] }).runs[0]?.results.map((x) => x.ruleId)).toEqual(['idle-heap-retained', 'stack-heavy']);
    unchanged();
  });
});

describe('--baseline of a file not yet committed', () => {
  it('is an empty baseline: every finding reported, one note, the report written', async () => {
    const r = await run('lint', '--no-config', 'dumps', '-f', 'sarif', '-o', 'heapdoc.sarif', '--baseline', 'heapdoc-baseline.json');
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', 'heapdoc: --baseline heapdoc-baseline.json: no such file yet, so every finding is reported as new — record the accepted ones with --baseline heapdoc-baseline.json --update-baseline and commit the file\n']);
    expect((JSON.parse(readFileSync(join(dir, 'heapdoc.sarif'), 'utf8')) as { runs: { results: unknown[] }[] }).runs[0]?.results).toHaveLength(2);
  });
});
