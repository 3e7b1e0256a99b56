/**
 * Audit 44's leftovers (lintfatal45).
 * F15: /debug/vars documents appended to one file (`curl …/debug/vars >> vars.log`) were refused;
 * they are read as a series of snapshots, as concatenated heap dumps are, with the same verdict as
 * the files given apart; a cut last document is an error at its end, the whole ones read.
 * F14: a GC log of two processes interleaved (go1.19-audit44-hostile/interleaved.log) is no one
 * process's log: no report reads it as "7 restarts" (JSON, Markdown, a folder of dumps holding it),
 * and lint says its error as a parse-error finding, where it said nothing.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';

const C = 'test/fixtures/captured';
const TWOLEAKS = `${C}/go1.19-audit44-twoleaks`;
const HOSTILE = `${C}/go1.19-audit44-hostile`;
const LOG = `${HOSTILE}/interleaved.log`;

const INTERLEAVED = "the log interleaves the GC lines of 2 processes (each one's GC numbers rise, but the lines step back between them, as gc 1 here): it is not one process's log, nor restarts";
const SPLIT = "split it by process (one pod's or unit's log each: kubectl logs POD, journalctl -u UNIT) and pass each file";

const TWOLEAKS_LEAK = 'Leak suspected (high confidence) across 7 snapshots, heap-t06.txt → heap-t68.txt: live heap 3.1 MiB → 28.8 MiB over 7 GC-separated snapshots; growing main.leakFast 2.5 MiB → 22.9 MiB, main.leakSlow 1.0 MiB → 3.0 MiB.';

interface LintEntry { filePath: string | null; kind: string; errorCount: number; fatalErrorCount: number; messages: { ruleId: string | null; fatal?: boolean; severity: number; message: string; fix?: string; line?: number; column?: number; details?: string[] }[] }

/** A folder of go1.19-audit44-twoleaks' ?gc=1 dumps with interleaved.log beside them (fixtures are not edited). */
function dumpsWithLog(): string {
  const dir = mkdtempSync(join(tmpdir(), 'heapdoc-lintfatal45-'));
  for (const t of ['06', '16', '26', '36', '46', '56', '68']) copyFileSync(`${ROOT}/${TWOLEAKS}/gc1/heap-t${t}.txt`, join(dir, `heap-t${t}.txt`));
  copyFileSync(`${ROOT}/${LOG}`, join(dir, 'interleaved.log'));
  return dir;
}

describe.concurrent('F14: a GC log of two processes interleaved is read by no report', () => {
  it('analyze --format json: no report but the error (no gcTraces, no "7 restarts"), exit 2', async () => {
    const r = await runCli(['analyze', LOG, '--format', 'json']);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `${LOG}:2:1: error: ${INTERLEAVED} — ${SPLIT}\n`]);
    const md = await runCli(['analyze', LOG, '--format', 'markdown']);
    expect([md.code, md.stdout, md.stderr]).toEqual([2, '', `${LOG}:2:1: error: ${INTERLEAVED} — ${SPLIT}\n`]);
  });

  it('beside the dumps of a folder: the dumps\' verdict, no GC log section, the error in the JSON diagnostics; exit 2', async () => {
    const dir = dumpsWithLog();
    const r = await runCli(['analyze', dir, '--format', 'json']);
    const report = JSON.parse(r.stdout) as { gcTraces?: unknown[]; verdict: { summary: string }; diagnostics: { source: string; line: number; column: number; severity: string; message: string }[] };
    expect([r.code, r.stderr]).toEqual([2, `${dir}/interleaved.log:2:1: error: ${INTERLEAVED} — ${SPLIT}\n`]);
    expect([report.gcTraces, report.verdict.summary, report.diagnostics.map((d) => [d.source, d.line, d.column, d.severity, d.message])]).toEqual([
      undefined,
      'Leak suspected (high confidence): live heap 3.1 MiB → 28.8 MiB across 7 GC-separated snapshots (snapshots 1→7); growing sites: main.leakFast +20.3 MiB, main.leakSlow +2.0 MiB (rough: 2 → 6 samples).',
      [[`${dir}/interleaved.log`, 2, 1, 'error', INTERLEAVED]],
    ]);
    const text = await runCli(['analyze', dir]);
    expect(text.stdout.split('\n').filter((l) => l.includes('GC log') || l.includes('restart'))).toEqual([]);
  });

  it('lint: the error is a parse-error finding at 2:1 with its fix (it said nothing, exit 0); beside the dumps, their leak too', async () => {
    const r = await runCli(['lint', LOG]);
    expect([r.code, r.stderr, r.stdout.split('\n')]).toEqual([1, '', [
      '',
      LOG,
      `  2:1  error  T${INTERLEAVED.slice(1)}.  parse-error`,
      '',
      '✖ 1 problem (1 error, 0 warnings)',
      '',
    ]]);
    const dir = dumpsWithLog();
    const json = await runCli(['lint', dir, '--format', 'json']);
    const entries = JSON.parse(json.stdout) as LintEntry[];
    expect(json.code).toBe(1);
    expect(entries.filter((e) => e.messages.length > 0).map((e) => [e.filePath?.slice(dir.length + 1), e.kind, e.messages.map((m) => [m.ruleId, m.line, m.message, m.fix])])).toEqual([
      ['heap-t68.txt', 'heap', [['leak-suspected', 2, TWOLEAKS_LEAK, expect.any(String) as string]]],
      ['interleaved.log', 'gctrace', [['parse-error', 2, `T${INTERLEAVED.slice(1)}.`, `S${SPLIT.slice(1)}.`]]],
    ]);
  });
});

const APPENDED = `${C}/go1.19-lintfatal45-appended`;
const VARS = `${HOSTILE}/vars-appended.json`;
const VARS_VERDICT = 'Leak suspected (medium confidence): HeapAlloc 2.9 MiB → 28.9 MiB across 3 snapshots taken at different GCs (snapshots 1→3; a forced GC ran between these snapshots, not right before each: their HeapAlloc counts what was allocated since), each read between GCs.';

describe.concurrent('F15: /debug/vars documents appended are a series of snapshots', () => {
  it('vars-appended.json: the note (lines 1, 5, 9), and the verdict and table of vars-t06/t36/t68 of twoleaks given apart; exit 0', async () => {
    const r = await runCli(['analyze', VARS]);
    const apart = await runCli(['analyze', ...['06', '36', '68'].map((t) => `${TWOLEAKS}/vars/vars-t${t}.json`)]);
    expect([r.code, r.stderr]).toEqual([0, `heapdoc: ${VARS} holds 3 appended /debug/vars documents (at lines 1, 5, 9); each is read as a snapshot of its own, as if given as 3 files\n`]);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(VARS_VERDICT);
    expect(lines[0]).toBe(apart.stdout.split('\n')[0]);
    expect(lines.slice(2, 14)).toEqual(apart.stdout.split('\n').slice(2, 14));
    expect(lines.filter((l) => l.includes('leak-suspected'))).toEqual([
      `  error leak-suspected: Leak suspected (medium confidence) across 3 snapshots, vars-appended.json:1 → vars-appended.json:9: HeapAlloc 2.9 MiB → 28.9 MiB over 3 snapshots taken at different GCs, each read between GCs.`,
    ]);
  });

  it('JSON: the snapshots named NAME:LINE, the series verdict of the files apart', async () => {
    const r = await runCli(['analyze', VARS, '--format', 'json']);
    const report = JSON.parse(r.stdout) as { snapshots: { source: string; origin: string }[]; verdict: { leak: string; summary: string } };
    expect([r.code, report.snapshots.map((s) => [s.source, s.origin]), report.verdict.leak, report.verdict.summary]).toEqual([0,
      [1, 5, 9].map((l) => [`${VARS}:${l}`, 'expvar']), 'suspected', VARS_VERDICT]);
  });

  it('piped in: standard input holds 3 appended documents (it was refused at line 5)', async () => {
    const r = await runCli(['-'], { input: (await import('node:fs')).readFileSync(`${ROOT}/${VARS}`) });
    expect([r.code, r.stderr, r.stdout.split('\n')[0]]).toEqual([0,
      'heapdoc: standard input holds 3 appended /debug/vars documents (at lines 1, 5, 9); each is read as a snapshot of its own, as if given as 3 files\n',
      VARS_VERDICT]);
  });

  it('lint: the series finding at the file, its snapshots by line, exit 1', async () => {
    const r = await runCli(['lint', VARS, '--format', 'json']);
    const entries = JSON.parse(r.stdout) as LintEntry[];
    expect([r.code, entries.map((e) => [e.kind, e.messages.map((m) => [m.ruleId, m.message])])]).toEqual([1, [['expvar', [['leak-suspected',
      'Leak suspected (medium confidence) across 3 snapshots, vars-appended.json:1 → vars-appended.json:9: HeapAlloc 2.9 MiB → 28.9 MiB over 3 snapshots taken at different GCs, each read between GCs.']]]]]);
  });

  it('a cut last document: the two whole ones read, the cut one an error at its end (exit 2); lint: a parse-error there', async () => {
    const cut = `${APPENDED}/vars-cut.json`;
    const r = await runCli(['analyze', cut]);
    expect([r.code, r.stderr.split('\n'), r.stdout.split('\n')[0]]).toEqual([2, [
      `heapdoc: ${cut} holds 3 appended /debug/vars documents (at lines 1, 5, 9); each is read as a snapshot of its own, as if given as 3 files`,
      `${cut}:11:1968: error: the JSON ends too early (truncated?): the string "\\"Siz" that starts at 11:1964 has no closing '"' — the response was cut short; fetch /debug/vars again and save all of it`,
      '',
    ], 'Cannot tell yet whether memory leaks: only 2 GC-separated snapshots (3 are needed); take at least one more, some GC cycles after the last, so that a trend can show.']);
    const lint = await runCli(['lint', cut, '--format', 'json']);
    const entries = JSON.parse(lint.stdout) as LintEntry[];
    expect([lint.code, entries.map((e) => [e.kind, e.messages.map((m) => [m.ruleId, m.line, m.column])])]).toEqual([1, [['expvar', [['parse-error', 11, 1968]]]]]);
  });

  it('appended across a restart: refused as the three files given apart are, the runs by line; exit 2', async () => {
    const restart = `${APPENDED}/vars-restart.json`;
    const r = await runCli(['analyze', restart]);
    const at = (line: number): string => `${restart}:${line}`;
    expect([r.code, r.stdout, r.stderr.split('\n').filter((l) => l.startsWith('heapdoc: error:'))]).toEqual([2, '', [
      `heapdoc: error: ${restart} holds dumps of 2 runs or processes: run 1 (GC 1 ended 13:51:04 UTC): ${at(1)}; run 2 (GC 1 ended 13:51:35 UTC): ${at(5)}, ${at(9)}; 2 pairs of its dumps cannot be snapshots of one process, as cumulative counters fall between them (${at(1)} and ${at(5)}: Mallocs falls from 1,755 to 1,746 while TotalAlloc rises (3,498,656 → 4,547,072); ${at(9)} and ${at(1)}) — move each run's dumps into a folder of its own and run heapdoc on each folder for its series verdict; --separately reads each dump alone, with no series verdict (one dump cannot tell a leak from a peak)`,
    ]]);
  });
});
