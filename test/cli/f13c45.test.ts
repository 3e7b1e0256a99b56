/**
 * Audit 44 F13c: `heapdoc lint gc1/` of go1.19-audit44-restart (two runs in one folder) said the
 * folder's error twice, on stderr and in the stylish report. Every report carries each problem
 * (stylish under its input with its fix, a JSON `unreadable` entry, a SARIF notification, a
 * Markdown row); the other inputs are still linted, exit 2; stderr is silent when the stylish
 * report is on stdout, else one line counting them and naming the report that lists each.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';

const C = 'test/fixtures/captured';
const TWOLEAKS = `${C}/go1.19-audit44-twoleaks`;
const TWOLEAKS_LEAK = 'Leak suspected (high confidence) across 7 snapshots, heap-t06.txt → heap-t68.txt: live heap 3.1 MiB → 28.8 MiB over 7 GC-separated snapshots; growing main.leakFast 2.5 MiB → 22.9 MiB, main.leakSlow 1.0 MiB → 3.0 MiB.';
const RESTART = `${C}/go1.19-audit44-restart`;
const RUNS = `${RESTART}/gc1/ holds dumps of 2 runs or processes: run 1 (GC 1 ended 13:51:04 UTC): heap-t06.txt, heap-t16.txt, heap-t26.txt; run 2 (GC 1 ended 13:51:35 UTC): heap-t36.txt, heap-t46.txt, heap-t56.txt, heap-t68.txt; 4 pairs of its dumps cannot be snapshots of one process, as cumulative counters fall or a GC cycle disagrees between them (heap-t06.txt and heap-t36.txt: Mallocs falls from 2,146 to 2,137 while TotalAlloc rises (3,547,976 → 4,596,232); heap-t46.txt and heap-t06.txt; heap-t16.txt and heap-t46.txt; heap-t56.txt and heap-t26.txt)`;
const RUNS_FIX = "lint reads each folder as one process's series: put each run's dumps in a folder of its own; --separately lints each dump alone, without the series rules (--format json or sarif lists each pair)";

interface LintEntry { filePath: string | null; kind: string; errorCount: number; fatalErrorCount: number; messages: { ruleId: string | null; fatal?: boolean; message: string; fix?: string; details?: string[] }[] }

describe.concurrent('F13c: lint says a fatal input error once, in the report', () => {
  it('stylish on stdout: gc1/ of two runs is under the folder with its fix and the summary, stderr empty, exit 2', async () => {
    const r = await runCli(['lint', `${RESTART}/gc1`]);
    expect([r.code, r.stderr, r.stdout.split('\n')]).toEqual([2, '', [
      '',
      `${ROOT}${RESTART}/gc1`,
      `  error  ${RUNS}`,
      `         ${RUNS_FIX}`,
      '',
      '✖ 1 folder holds dumps of more than one process, 7 dumps linted',
      '',
    ]]);
  });

  it('--format json: the folder an unreadable entry (fatal, its 4 pairs as details) after the 7 dumps; stderr one summary line', async () => {
    const r = await runCli(['lint', `${RESTART}/gc1`, '--format', 'json']);
    const entries = JSON.parse(r.stdout) as LintEntry[];
    expect([r.code, r.stderr]).toEqual([2, 'heapdoc: error: 1 folder holds dumps of more than one process, 7 dumps linted — the JSON report lists each, with its fix\n']);
    expect(entries.map((e) => [e.kind, e.errorCount, e.messages.length])).toEqual([...Array.from({ length: 7 }, () => ['heap', 0, 0]), ['unreadable', 1, 1]]);
    const folder = entries[7];
    expect([folder?.filePath, folder?.fatalErrorCount, folder?.messages[0]?.fatal, folder?.messages[0]?.message, folder?.messages[0]?.fix, folder?.messages[0]?.details?.length])
      .toEqual([`${ROOT}${RESTART}/gc1`, 1, true, RUNS, RUNS_FIX, 4]);
  });

  it('--format sarif -o FILE: the folder a notification, execution not successful; stderr names the file', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'heapdoc-f13c45-')), 'lint.sarif');
    const r = await runCli(['lint', `${RESTART}/gc1`, '--format', 'sarif', '-o', out]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `heapdoc: error: 1 folder holds dumps of more than one process, 7 dumps linted — the SARIF report (${out}) lists each, with its fix\n`]);
    const sarif = JSON.parse(readFileSync(out, 'utf8')) as { runs: { results: unknown[]; invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string }; properties?: { details?: string[] } }[] }[] }[] };
    const [run] = sarif.runs;
    const notes = run?.invocations[0]?.toolExecutionNotifications ?? [];
    expect([run?.results.length, run?.invocations[0]?.executionSuccessful, notes.map((n) => [n.level, n.message.text.startsWith(RUNS), n.properties?.details?.length])])
      .toEqual([0, false, [['error', true, 4]]]);
  });

  it('several folders, one bad: twoleaks/gc1 still linted (its leak), the missing file and the folder each once; stderr one line', async () => {
    const r = await runCli(['lint', `${RESTART}/gc1`, `${TWOLEAKS}/gc1`, `${C}/no-such-file.txt`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      '',
      `${TWOLEAKS}/gc1/heap-t68.txt`,
      `  2:1  error  ${TWOLEAKS_LEAK}  leak-suspected`,
      '',
      `${C}/no-such-file.txt`,
      '  error  no such file or directory',
      '         pass a dump file, a directory, a glob, - for standard input, or an http(s) URL',
      '',
      `${ROOT}${RESTART}/gc1`,
      `  error  ${RUNS}`,
      `         ${RUNS_FIX}`,
      '',
      '✖ 1 problem (1 error, 0 warnings)',
      '✖ 1 input could not be read, 1 folder holds dumps of more than one process, 14 dumps linted',
      '',
    ]);
    const md = await runCli(['lint', `${RESTART}/gc1`, `${TWOLEAKS}/gc1`, `${C}/no-such-file.txt`, '--format', 'markdown']);
    expect([md.code, md.stderr]).toEqual([2, 'heapdoc: error: 1 input could not be read, 1 folder holds dumps of more than one process, 14 dumps linted — the Markdown report lists each, with its fix\n']);
    const out = join(mkdtempSync(join(tmpdir(), 'heapdoc-f13c45-')), 'lint.txt');
    const file = await runCli(['lint', `${RESTART}/gc1`, `${TWOLEAKS}/gc1`, `${C}/no-such-file.txt`, '-o', out]);
    expect([file.code, file.stdout, file.stderr, readFileSync(out, 'utf8')]).toEqual([2, '', `heapdoc: error: 1 input could not be read, 1 folder holds dumps of more than one process, 14 dumps linted — the report (${out}) lists each, with its fix\n`, r.stdout]);
  });

  it('no dump linted (a file named that is none): stylish says it once, stdout only; JSON on stdout, one line on stderr', async () => {
    const readme = `${RESTART}/README.md`;
    const r = await runCli(['lint', readme]);
    expect([r.code, r.stderr, r.stdout.split('\n')]).toEqual([2, '', [
      '',
      readme,
      '  error  not a Go heap dump (the first line is "# restart — a slow leak in a process that is restarted in th")',
      "         expected 'heap profile: …' from /debug/pprof/heap?debug=1, a goroutine dump, a /metrics page, /debug/vars JSON, a GODEBUG=gctrace=1 log, a .pb.gz heap profile, or go build -gcflags=-m output",
      '',
      '✖ 1 input could not be read, 0 dumps linted',
      '',
    ]]);
    const json = await runCli(['lint', readme, '--format', 'json']);
    const entries = JSON.parse(json.stdout) as LintEntry[];
    expect([json.code, json.stderr, entries.map((e) => [e.kind, e.fatalErrorCount, e.messages[0]?.message])]).toEqual([2,
      'heapdoc: error: 1 input could not be read, 0 dumps linted — the JSON report lists each, with its fix\n',
      [['unreadable', 1, `${readme}: not a Go heap dump (the first line is "# restart — a slow leak in a process that is restarted in th")`]]]);
  });
});

