/**
 * The conventions people bring from other tools (issue 15), end to end through the built CLI:
 * --color, output files, Markdown, unwrapped pipes, --sort, the small wording fixes.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { readCorpus } from '../helpers/fixtures.js';

const ROUTINE3 = 'test/fixtures/corpus/go1.23/seed/routine3.after-free.heap-debug1.txt';
const BASELINE = 'go1.19/peak/default.baseline.heap-debug1.txt';
const ESC = '\u001b[';

describe('--color', () => {
  it('always: colour in a pipe, on every command; never and --no-color win over FORCE_COLOR', async () => {
    const always = [[ROUTINE3, '--color=always'], ['diff', ROUTINE3, ROUTINE3, '--color', 'always'], ['lint', ROUTINE3, '--info', '--color=always']];
    const never = [[ROUTINE3, '--color=never'], ['--no-color', 'diff', ROUTINE3, ROUTINE3], ['lint', ROUTINE3, '--info', '--no-color']];
    const [on, off] = await Promise.all([
      Promise.all(always.map((args) => runCli(args))),
      Promise.all(never.map((args) => runCli(args, { env: { FORCE_COLOR: '1' } }))),
    ]);
    on.forEach((r, i) => expect(r.stdout, always[i]?.join(' ')).toContain(ESC));
    off.forEach((r, i) => {
      expect(r.code, never[i]?.join(' ')).toBe(0);
      expect(r.stdout, never[i]?.join(' ')).toMatch(/\S/);
      expect(r.stdout, never[i]?.join(' ')).not.toContain(ESC);
    });
  });

  it('auto: no colour in a pipe or with NO_COLOR; always beats NO_COLOR (the flag is the more specific request)', async () => {
    const [pipe, noColor, forced] = await Promise.all([
      runCli([ROUTINE3, '--color=auto']),
      runCli([ROUTINE3], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }),
      runCli([ROUTINE3, '--color=always'], { env: { NO_COLOR: '1' } }),
    ]);
    expect(pipe.stdout).not.toContain(ESC);
    expect(noColor.stdout).not.toContain(ESC);
    expect(forced.stdout).toContain(ESC);
  });

  it('refuses another value in one line, exit 2', async () => {
    const r = await runCli([ROUTINE3, '--color=sometimes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("heapdoc: error: option '--color <when>' argument 'sometimes' is invalid. Allowed choices are auto, always, never.");
    expect(r.stdout).toBe('');
  });

});

describe('small things', () => {
  it('says "1 record", not "1 records", in text and Markdown; the Markdown size column is "size"', async () => {
    const lines = readCorpus(BASELINE).split('\n');
    // The real dump without its second record: one record left.
    const second = lines.findIndex((l, i) => i > 1 && /^\d+: \d+ \[/.test(l));
    const end = lines.findIndex((l, i) => i > second && l === '');
    const one = [lines[0]?.replace('2: 448 [2: 448]', '1: 416 [1: 416]'), ...lines.slice(1, second), ...lines.slice(end + 1)].join('\n');
    const text = await runCli(['-'], { input: one });
    expect(text.stderr).toBe('');
    expect(text.stdout).toContain('heap dump · go1.19 (inferred) · 1 record\n');
    const md = await runCli(['-', '--format', 'markdown'], { input: one });
    expect(md.stdout).toContain('Heap dump · go1.19 (inferred) · 1 record\n');
    expect(md.stdout).toContain('| bucket | bytes | size | share of Sys |');
    expect(md.stdout).not.toContain('| MiB |');
  });
});
