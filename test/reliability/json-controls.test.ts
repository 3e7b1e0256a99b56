/**
 * DEL and the C1 controls from a dump (U+009B is CSI: a terminal starts an escape sequence at it)
 * are escaped in every JSON heapdoc writes, as JSON.stringify escapes the controls below U+0020:
 * the same strings to a JSON reader, nothing a terminal acts on when the report is printed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { escapeTerminalControls } from '../../src/text/json.js';

const dir = mkdtempSync(join(tmpdir(), 'heapdoc-json-controls-'));
const FUNCTION = 'main.f\u007f\u009b31m';
const FILE = '/src/a\u0085.go';
const dump = join(dir, 'c1.heap.txt');
writeFileSync(dump, `heap profile: 1: 16 [1: 16] @ heap/1024\n1: 16 [1: 16] @ 0x1\n#\t0x1\t${FUNCTION}+0x1\t${FILE}:7\n\n`);
/** A file name with a C1 control: lint writes the path of each file it read. */
const named = join(dir, 'c1\u009b.heap.txt');
writeFileSync(named, `heap profile: 1: 16 [1: 16] @ heap/1024\n1: 16 [1: 16] @ 0x1\n#\t0x1\tmain.f+0x1\t/src/a.go:7\n\n`);
const compiler = join(dir, 'c1.m.txt');
writeFileSync(compiler, './a.go:3:2: moved to heap: x\u009b\n./a.go:4:9: &T{} escapes to heap\n');

/** No raw DEL or C1 control anywhere in `text`. */
const RAW = /[\u007f-\u009f]/;

describe('escapeTerminalControls', () => {
  it('escapes DEL and U+0080–U+009F as \\u00XX, and nothing else', () => {
    expect(escapeTerminalControls(JSON.stringify({ f: 'a\u007fb\u0080c\u009fd\u00a0é' }))).toBe('{"f":"a\\u007fb\\u0080c\\u009fd\u00a0é"}');
  });
});

describe('JSON outputs escape DEL and the C1 controls', () => {
  it('analyze --format json: the site\'s function as \\u escapes, the same string once parsed', async () => {
    const r = await runCli(['analyze', dump, '--format', 'json']);
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stdout).toContain('"function": "main.f\\u007f\\u009b31m"');
    const report = JSON.parse(r.stdout) as { snapshots: { profile: { sites: { function: string; file: string }[] } }[] };
    expect(report.snapshots[0]?.profile.sites[0]).toMatchObject({ function: FUNCTION, file: FILE });
  });

  it('lint --format sarif and --format json', async () => {
    for (const format of ['sarif', 'json']) {
      const r = await runCli(['lint', named, '--format', format]);
      expect(r.code).toBe(0);
      expect(r.stdout, format).not.toMatch(RAW);
      expect(r.stdout, format).toContain(format === 'json' ? 'c1\\u009b.heap.txt' : 'c1%C2%9B.heap.txt');
    }
  });

  it('escape --format json (its own byte writer): \\u009b in the expression', async () => {
    const r = await runCli(['escape', compiler, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stdout).toContain('x\\u009b');
  });
});
