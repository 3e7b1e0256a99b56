/**
 * `heapdoc escape -f json -o FILE` writes the JSON as it reads (write.ts openReport) into a
 * temporary file beside FILE, renamed over it at the end: never the whole report in memory (the
 * JSON of a whole `-gcflags=all=-m=2 std` is 322 MB), and never half a report under FILE's name.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { CLI, FIXTURES } from '../helpers/fixtures.js';

const M2 = join(FIXTURES, 'corpus/go1.19/compiler/encoding_json.gcflags-m2.txt');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'heapdoc-escape-json-'));
});

describe('escape --format json --output', () => {
  it('writes what stdout gets, byte for byte, and leaves no temporary file', async () => {
    const toStdout = await runCli(['escape', '-f', 'json', M2]);
    const toFile = await runCli(['escape', '-f', 'json', '-o', join(dir, 'out.json'), M2]);
    expect([toFile.code, toFile.stdout, toFile.stderr]).toEqual([0, '', '']);
    expect(toStdout.code).toBe(0);
    const written = readFileSync(join(dir, 'out.json'), 'utf8');
    expect(written).toBe(toStdout.stdout);
    const report = JSON.parse(written) as { summary: { lines: number; byKind: Record<string, number> }; diagnostics: unknown[] };
    expect([report.summary.lines, report.summary.byKind['escapes-to-heap'], report.summary.byKind['leaking-param'], report.diagnostics.length]).toEqual([3779, 538, 263, 1712]);
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('killed while writing: the temporary file is removed and the old report stays whole', async () => {
    // ~33 MB of compiler output: long enough to be caught while the JSON is being written.
    const input = join(dir, 'm2.txt');
    writeFileSync(input, readFileSync(M2, 'utf8').repeat(100));
    writeFileSync(join(dir, 'out.json'), '{"old":true}\n');
    const child = spawn(process.execPath, [CLI, 'escape', '-f', 'json', '-o', join(dir, 'out.json'), input], { stdio: 'ignore', env: { ...process.env, CI: 'true' } });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let seen: string | undefined;
    for (let tries = 0; tries < 3000 && seen === undefined && child.exitCode === null; tries++) {
      seen = readdirSync(dir).find((f) => f.endsWith('.tmp'));
      if (seen === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(seen).toMatch(/^\.out\.json\.\d+\.[0-9a-f]{8}\.tmp$/);
    child.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    expect(readdirSync(dir).sort()).toEqual(['m2.txt', 'out.json']);
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe('{"old":true}\n');
  });
});
