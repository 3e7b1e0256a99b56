/**
 * A folder of five dumps of one program and a dump of another cut before its MemStats
 * (test/fixtures/captured/go1.19-mixed-cut, README there): the cut dump sorts first by TotalAlloc,
 * and it is the odd one, by analyze and lint alike (exit 2, one line naming both programs), not the five that agree.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const D = 'test/fixtures/captured/go1.19-mixed-cut/dumps';
const NOT_ONE = `${D}/ holds dumps of more than one program: 01.heap.txt, 02.heap.txt, … (5), 06.heap.txt (1) (package main is in /tmp/audit27a/go/cache in 06.heap.txt, /tmp/audit27a/go/goleak in 01.heap.txt)`;
const HINT = "move each program's dumps into a folder of its own and run heapdoc on each folder for its series verdict; --separately reads each dump alone, with no series verdict (one dump cannot tell a leak from a peak)";
const LINT_HINT = "lint reads each folder as one process's series: put each program's dumps in a folder of its own; --separately lints each dump alone, without the series rules";
const CUT = `${D}/06.heap.txt:41:48: error: the input ends in the middle of this line (truncated?): expected the end of the line in a frame line, found "/usr/lib/go-1.19/src/net/http/serv" — the dump was cut short; capture it again and make sure the whole response was saved`;

describe.concurrent('a cut dump of another program among five of one', () => {
  it('analyze refuses the folder with one line naming both programs: exit 2', async () => {
    const r = await runCli([D]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([CUT, `heapdoc: error: ${NOT_ONE} — ${HINT}`, '']);
  });

  it('lint says the same of it, exit 2, besides the cut line\'s parse error', async () => {
    const r = await runCli(['lint', '--no-config', D, '--format', 'json']);
    expect(r.code).toBe(2);
    // The line is the report's (below); stderr counts it (audit 44 F13c: it was said on both).
    expect(r.stderr).toBe('heapdoc: error: 1 folder holds dumps of more than one process, 6 dumps linted — the JSON report lists each, with its fix\n');
    const files = JSON.parse(r.stdout) as { filePath: string; kind: string; messages: { ruleId: string | null; message: string; line?: number; column?: number; fix?: string }[] }[];
    const cut = files.find((f) => f.filePath.endsWith('/06.heap.txt'));
    expect(cut?.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['41:1 no-memstats', '41:48 parse-error']);
    const folder = files.find((f) => f.kind === 'unreadable');
    expect(folder?.filePath.endsWith(D)).toBe(true);
    expect(folder?.messages.map((m) => [m.message, m.fix])).toEqual([[NOT_ONE, LINT_HINT]]);
  });
});
