/**
 * Audit 45, finding 10: `heapdoc escape` of a build that failed printed an all-zero report ("Heap values: 0 …")
 * with exit 0 and the compile error last. go1.19-audit45-builderr (README.md there): a syntax error stops the
 * build before escape analysis (nothing to report: one line, exit 2); a module where one package fails and
 * the other compiles (the report of what compiled, led by the failure; a warning, exit 0).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const DIR = 'test/fixtures/captured/go1.19-audit45-builderr';

describe('heapdoc escape of a build that failed', () => {
  it('nothing but a syntax error: no report, one error line with the first compile error, exit 2', async () => {
    const r = await runCli(['escape', `${DIR}/syntax-error.txt`]);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
    expect(r.stderr).toBe(`${DIR}/syntax-error.txt:2:1: error: the build failed (1 compile error) and printed no escape analysis: ./bad.go:2:20: syntax error: unexpected }, expecting expression — fix the errors and build again: go build -gcflags=-m ./... 2>&1 | heapdoc escape -\n`);
  });

  it('JSON keeps its document (the problem an error) and exits 2', async () => {
    const r = await runCli(['escape', `${DIR}/syntax-error.txt`, '--format', 'json']);
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout) as { problems: { severity: string; line: number; message: string }[] };
    expect(json.problems.map((p) => [p.severity, p.line, p.message])).toEqual([['error', 2, 'the build failed (1 compile error) and printed no escape analysis: ./bad.go:2:20: syntax error: unexpected }, expecting expression']]);
  });

  it('one package failed, one compiled: the report of what compiled, led by the failure; a warning, exit 0', async () => {
    const r = await runCli(['escape', `${DIR}/partial-build.txt`]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 6)).toEqual([
      `heapdoc escape · ${DIR}/partial-build.txt`,
      '6 lines · 2 packages · 0 -m=2 explanations · 0 unrecognized',
      'The build failed (1 compile error, the first bad/bad.go:4:9: undefined: undefinedName): this output covers only what compiled.',
      '  Fix the errors and build again.',
      '',
      'Heap values: 2 (0 moved to the heap, 2 escape to the heap)',
    ]);
    expect(r.stderr).toBe(`${DIR}/partial-build.txt:2:1: warning: the build failed (1 compile error): the -m output covers only what compiled — fix the errors and build again to see the escape analysis of the whole package\n`);
  });
});
