/** `heapdoc lint` end to end: the built binary, its outputs and its exit codes. */
import { closeSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { runCli, type CliResult } from '../helpers/cli.js';
import { CLI, corpusPath, FIXTURES, readCorpus } from '../helpers/fixtures.js';
import { sarifSchemaErrors } from '../lint/sarif-schema.js';
import { DAMAGED_GZ_DIR, DAMAGED_GZ_ERRORS } from '../helpers/damaged-gz.js';
import { RULES } from '../../src/analyze/rules/index.js';

const MIXED = 'test/fixtures/lint/mixed';
const CUT = `${MIXED}/nested/cut.heap-debug1.txt`;
const CLEAN = 'test/fixtures/corpus/go1.23/leak/snap1.heap-debug1.txt';
const WARNS = 'test/fixtures/corpus/go1.23/stacks/after-gc-1.heap-debug1.txt'; // idle-heap-retained + stack-heavy
const lint = (...args: string[]): Promise<CliResult> => runCli(['lint', '--no-config', ...args]);
/** A JSON report's unreadable inputs, each `message — fix`, as stderr said them before audit 44 F13c. */
const unreadableSaid = (stdout: string): string[] => (JSON.parse(stdout) as { kind: string; messages: { message: string; fix?: string }[] }[])
  .filter((e) => e.kind === 'unreadable').map((e) => `${e.messages[0]?.message} — ${e.messages[0]?.fix}`);

/** Runs the binary in another working directory (config discovery, relative paths). */
const runIn = (cwd: string, args: string[]): Promise<CliResult> => runCli(args, { cwd });

const temp = (): string => mkdtempSync(join(tmpdir(), 'heapdoc-lint-'));

describe('exit codes', () => {
  it('0 and no output for a clean dump', async () => {
    const r = await lint(CLEAN);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('1 for an error-level finding (a cut dump), with the stylish report on stdout', async () => {
    const r = await lint(CUT);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      '',
      CUT,
      "  34:458  error  The input ends in the middle of this line (truncated?): expected ']' in a MemStats value, found the end of the line.  parse-error",
      '',
      '✖ 1 problem (1 error, 0 warnings)',
      '',
    ].join('\n'));
  });

  it('0 for warnings, 1 when they exceed --max-warnings', async () => {
    expect((await lint(WARNS)).code).toBe(0);
    expect((await lint(WARNS, '--max-warnings', '2')).code).toBe(0);
    const r = await lint(WARNS, '--max-warnings', '1');
    expect(r.code).toBe(1);
    // The stylish report says it (as ESLint's), and stderr, as every problem that fails the run.
    expect(r.stdout.endsWith('\n✖ 2 problems (0 errors, 2 warnings)\n✖ too many warnings: 2, more than --max-warnings 1\n')).toBe(true);
    expect(r.stderr).toBe('heapdoc: error: too many warnings: 2, more than --max-warnings 1\n');
    const md = await lint(WARNS, '--max-warnings', '1', '-f', 'markdown');
    expect([md.code, md.stdout.split('\n')[2], md.stderr]).toEqual([1, '**Too many warnings: 2, more than `--max-warnings 1`: the run fails (exit code 1).**', 'heapdoc: error: too many warnings: 2, more than --max-warnings 1\n']);
  });

  it('1 for a budget set with --rule, 0 when the limit is not reached', async () => {
    const over = await lint(CLEAN, '--rule', 'max-live-heap=error:2MiB');
    expect(over.code).toBe(1);
    expect(over.stdout).toContain('The live heap is 4.3 MiB, above the budget of 2.0 MiB.  max-live-heap');
    expect((await lint(CLEAN, '--rule', 'max-live-heap=error:512MiB')).code).toBe(0);
    expect((await lint(CLEAN, '--rule', 'max-live-heap=warn:2MiB')).code).toBe(0);
  });

  it('2 for a config error, with one line on stderr and nothing on stdout', async () => {
    const dir = temp();
    const config = join(dir, 'heapdoc.config.json');
    writeFileSync(config, '{\n  "rules": {\n    "max-heap": ["error", { "limit": "1GiB" }]\n  }\n}\n');
    const r = await runCli(['lint', CLEAN, '--config', config]);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `heapdoc: error: ${config}:3:5: unknown rule "max-heap" — did you mean max-live-heap? heapdoc explain lists the rules\n` });
    // JSONC: a trailing comma is fine; a missing brace is not.
    writeFileSync(config, '{ "rules": { "gc-cpu-high": "warn", } }');
    expect((await runCli(['lint', CLEAN, '--config', config])).code).toBe(0);
    writeFileSync(config, '{ "rules": { "gc-cpu-high": "warn" }');
    expect(await runCli(['lint', CLEAN, '--config', config])).toEqual({ code: 2, stdout: '', stderr: `heapdoc: error: ${config}:1:37: invalid JSON: expected '}' — a heapdoc config is JSON with comments (JSONC, as tsconfig.json): keys in double quotes\n` });
    expect(await runCli(['lint', CLEAN, '--config', join(dir, 'missing.json')])).toMatchObject({ code: 2, stderr: `heapdoc: error: --config ${join(dir, 'missing.json')}: no such file — write a heapdoc.config.json, or leave --config out to find one upward from the working directory\n` });
    // Commander gives both flags one attribute: the last would win silently.
    expect(await lint(CLEAN, '--config', config)).toEqual({ code: 2, stdout: '', stderr: 'heapdoc: error: --config and --no-config contradict each other — give --config FILE to use that file, or --no-config to use none\n' });
  });

  it('2 for usage errors', async () => {
    expect(await lint(CLEAN, '--rule', 'max-live-heap=error')).toMatchObject({ code: 2, stdout: '' });
    expect((await lint(CLEAN, '--rule', 'nope=error')).stderr).toBe('heapdoc: error: --rule nope=error: unknown rule "nope" — heapdoc explain lists the rules\n');
    expect(await lint(CLEAN, '--max-warnings', 'many')).toMatchObject({ code: 2, stderr: 'heapdoc: error: --max-warnings many: must be a whole number, 0 or more (-1: no limit) — write --max-warnings 0 to fail on any warning\n' });
    expect(await lint(CLEAN, '--update-baseline')).toMatchObject({ code: 2, stderr: 'heapdoc: error: --update-baseline needs --baseline FILE — e.g. --baseline heapdoc-baseline.json --update-baseline\n' });
    expect((await lint(CLEAN, '--format', 'xml')).code).toBe(2);
    // No INPUT, and standard input is /dev/null (a CI step whose $DUMPS was empty): no input was given, not an empty one.
    expect(await lint()).toEqual({
      code: 2,
      stdout: '',
      stderr: "heapdoc: error: no input given — pass dump files or a directory (heapdoc lint dumps/), or pipe one in: curl -s 'http://HOST:PORT/debug/pprof/heap?debug=1' | heapdoc lint\n",
    });
    // Piped in, an empty input is still said as one: once, in the report (audit 44 F13c: stderr said it too).
    expect(await runCli(['lint', '--no-config'], { input: '' })).toEqual({
      code: 2,
      stdout: '\n-\n  error  the input is empty\n         did the capture fail? Check the URL with curl -v, and that the program imports net/http/pprof\n\n✖ 1 input could not be read, 0 dumps linted\n',
      stderr: '',
    });
    expect(await lint(CLEAN, '--concurrency', '65')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'heapdoc: error: --concurrency 65: more than 64, the most lint reads at once — give --concurrency 64 or less: parsing is CPU work, and many files are parsed in worker threads already\n',
    });
  });

  it('2 for an unreadable input, while the other inputs are still reported', async () => {
    const r = await lint(`${MIXED}/README.md`, CUT, 'missing.txt');
    expect(r.code).toBe(2);
    // Each once, in the report under its input with its fix (audit 44 F13c: stderr said them too).
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').slice(-12)).toEqual([
      '',
      'missing.txt',
      '  error  no such file or directory',
      '         pass a dump file, a directory, a glob, - for standard input, or an http(s) URL',
      '',
      `${MIXED}/README.md`,
      '  error  not a Go heap dump (the first line is "# Mixed inputs for heapdoc lint tests")',
      "         expected 'heap profile: …' from /debug/pprof/heap?debug=1, a goroutine dump, a /metrics page, /debug/vars JSON, a GODEBUG=gctrace=1 log, a .pb.gz heap profile, or go build -gcflags=-m output",
      '',
      '✖ 1 problem (1 error, 0 warnings)',
      '✖ 2 inputs could not be read, 1 dump linted',
      '',
    ]);
    expect(r.stdout).toContain('parse-error');
  });

  it('2 when no input could be read, with a json or sarif report all the same (CI uploads it): the problems in it, stderr one line counting them (audit 44 F13c: it said each again)', async () => {
    const dir = temp();
    const missing = join(dir, 'missing-dir/');
    const stderr = (report: string): string => `heapdoc: error: 1 input could not be read, 0 dumps linted — the ${report} lists each, with its fix\n`;
    const sarif = await runCli(['lint', '--no-config', '--format', 'sarif', '-o', 'out.sarif', 'missing-dir/'], { cwd: dir });
    expect({ code: sarif.code, stdout: sarif.stdout, stderr: sarif.stderr }).toEqual({ code: 2, stdout: '', stderr: stderr('SARIF report (out.sarif)') });
    const log = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as { runs: { results: unknown[]; invocations: unknown[]; tool: { driver: { rules: unknown[] } } }[] };
    expect(log.runs[0]?.invocations).toEqual([{
      executionSuccessful: false,
      toolExecutionNotifications: [{
        level: 'error',
        message: { text: 'missing-dir/: no such file or directory — pass a dump file, a directory, a glob, - for standard input, or an http(s) URL' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'missing-dir' } } }],
      }],
    }]);
    expect(log.runs[0]?.results).toEqual([]);
    expect(log.runs[0]?.tool.driver.rules.length).toBe(RULES.length);
    expect(sarifSchemaErrors(log)).toEqual([]);
    // JSON on stdout: one entry for it, as ESLint's for a file it cannot parse.
    const json = await lint(missing, '--format', 'json');
    expect({ code: json.code, stderr: json.stderr }).toEqual({ code: 2, stderr: stderr('JSON report') });
    expect(JSON.parse(json.stdout)).toEqual([{
      filePath: join(dir, 'missing-dir'), kind: 'unreadable',
      messages: [{ ruleId: null, fatal: true, severity: 2, message: `${missing}: no such file or directory`, fix: 'pass a dump file, a directory, a glob, - for standard input, or an http(s) URL' }],
      suppressedMessages: [], errorCount: 1, fatalErrorCount: 1, warningCount: 0, infoCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, usedDeprecatedRules: [],
    }]);
    // Only damaged files: each its entry, in the inputs' order.
    const damaged = await lint(`${DAMAGED_GZ_DIR}/*.gz`, '--format', 'json');
    expect(damaged.code).toBe(2);
    expect((JSON.parse(damaged.stdout) as { filePath: string; messages: { message: string }[] }[]).map((f) => [f.filePath, f.messages[0]?.message])).toEqual([
      [resolve(DAMAGED_GZ_DIR, '01.heap.pb.gz'), `${DAMAGED_GZ_DIR}/01.heap.pb.gz: the gzip data is damaged: unexpected end of file`],
      [resolve(DAMAGED_GZ_DIR, '02.heap.pb.gz'), `${DAMAGED_GZ_DIR}/02.heap.pb.gz: the gzip data is damaged: incorrect data check`],
    ]);
    // Stylish and Markdown list them too, with a summary (they wrote nothing).
    const check = 'check that the file was copied whole';
    expect(await lint(`${DAMAGED_GZ_DIR}/*.gz`)).toEqual({ code: 2, stderr: '', stdout: [
      '', `${DAMAGED_GZ_DIR}/01.heap.pb.gz`, '  error  the gzip data is damaged: unexpected end of file', `         ${check}`,
      '', `${DAMAGED_GZ_DIR}/02.heap.pb.gz`, '  error  the gzip data is damaged: incorrect data check', `         ${check}`,
      '', '✖ 2 inputs could not be read, 0 dumps linted', '',
    ].join('\n') });
    expect(await lint(`${DAMAGED_GZ_DIR}/*.gz`, '--format', 'markdown')).toEqual({ code: 2, stderr: 'heapdoc: error: 2 inputs could not be read, 0 dumps linted — the Markdown report lists each, with its fix\n', stdout: [
      '## heapdoc lint: ✖ 2 inputs could not be read, 0 dumps linted', '', '### Input errors', '', '| input | problem | fix |', '|---|---|---|',
      `| <code>${DAMAGED_GZ_DIR}/01.heap.pb.gz</code> | the gzip data is damaged: unexpected end of file | ${check} |`,
      `| <code>${DAMAGED_GZ_DIR}/02.heap.pb.gz</code> | the gzip data is damaged: incorrect data check | ${check} |`, '',
    ].join('\n') });
  });

  it('a /debug/vars file that cannot be read is its findings, as analyze says it (exit 0 with nothing before)', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'cut.vars.json'), '{"memstats": {"HeapAlloc": \n');
    const r = await lint(join(dir, 'cut.vars.json'), '--format', 'json');
    expect(r.code).toBe(1);
    const [file] = JSON.parse(r.stdout) as { messages: { ruleId: string; line: number; message: string }[] }[];
    expect(file?.messages.find((m) => m.ruleId === 'parse-error')).toMatchObject({ line: 2, message: expect.stringMatching(/^The JSON ends too early \(truncated\?\)/) as unknown as string });
  });

  it('2 when no input is a dump', async () => {
    const r = await lint(`${MIXED}/nested/deeper/notes.log`.replace('notes.log', ''), '--rule', 'max-goroutines=off');
    expect(r.code).toBe(0); // the directory holds a goroutine dump
    const junk = temp();
    writeFileSync(join(junk, 'a.txt'), 'hello\n');
    // The directory is named: `heapdoc lint $DIR` of a capture step that saved nothing a dump.
    const capture = 'check the capture step that saved these files (curl -f fails on an HTTP error instead of saving the error page), or leave this input out';
    expect(await lint(junk)).toEqual({
      code: 2,
      stdout: `\n${junk}\n  error  no dump here (its 1 file is not a format heapdoc lint reads)\n         ${capture}\n\n✖ 1 input could not be read, 0 dumps linted\n1 file skipped (not read as dumps): stderr and --format json or sarif say which and why\n`,
      stderr: `heapdoc: skipped ${join(junk, 'a.txt')}: not a format heapdoc lint reads\n`,
    });
    const empty = temp();
    expect(await lint(empty)).toEqual({ code: 2, stdout: `\n${empty}\n  error  no dump here (it holds no file)\n         ${capture}\n\n✖ 1 input could not be read, 0 dumps linted\n`, stderr: '' });
    // A file named that is not a dump says why; with no input to blame, the json report says it about no input in particular.
    const json = JSON.parse((await lint(join(junk, 'a.txt'), '--format', 'json')).stdout) as { filePath: string | null; messages: { message: string }[] }[];
    expect(json.map((f) => [f.filePath, f.messages[0]?.message])).toEqual([[resolve(junk, 'a.txt'), `${join(junk, 'a.txt')}: not a Go heap dump (the first line is "hello")`]]);
  });
});

describe('a directory or glob named on the command line with no dump in it', () => {
  it('is an error even when another input is fine: a capture step that saved error pages, or nothing (was skipped, exit 0)', async () => {
    const failed = temp();
    writeFileSync(join(failed, 'heap1.txt'), '<html><body>502 Bad Gateway</body></html>\n');
    writeFileSync(join(failed, 'heap2.txt'), '');
    const empty = temp();
    const good = `${MIXED}/nested/deeper`;
    const r = await lint(good, failed, empty, '--rule', 'max-goroutines=off', '--format', 'json');
    expect(r.code).toBe(2);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('heapdoc: error:'));
    expect(errors).toEqual(['heapdoc: error: 3 inputs could not be read, 1 dump linted — the JSON report lists each, with its fix']);
    // Each failed capture (a file named after the endpoint: an error page, an empty file) is said as analyze says it.
    expect(unreadableSaid(r.stdout)).toEqual([
      `${failed}/heap1.txt: an HTML page, not a Go heap dump (the first line is "<html><body>502 Bad Gateway</body></html>"): a proxy's or server's error page, or a page of another endpoint — check the URL and any proxy in between: /debug/pprof/heap?debug=1 answers with text that starts 'heap profile: …'`,
      `${failed}/heap2.txt: the input is empty — did the capture fail? Check the URL with curl -v, and that the program imports net/http/pprof`,
      `${empty}: no dump here (it holds no file) — check the capture step that saved these files (curl -f fails on an HTTP error instead of saving the error page), or leave this input out`,
    ]);
    // A directory whose files were all named before it is no empty directory.
    expect((await lint(`${good}/snap1.goroutine-debug1.txt`, good, '--rule', 'max-goroutines=off')).code).toBe(0);
    // The good directory is still linted and reported; the two others follow as unreadable.
    expect((JSON.parse(r.stdout) as { filePath: string; kind: string }[]).map((f) => [f.filePath, f.kind])).toEqual([
      [resolve(good, 'snap1.goroutine-debug1.txt'), 'goroutine'], [join(failed, 'heap1.txt'), 'unreadable'], [join(failed, 'heap2.txt'), 'unreadable'], [empty, 'unreadable'],
      [resolve(good, 'notes.log'), 'skipped'],
    ]);
  });

  it('a failed capture beside good dumps fails the run in every format (was "skipped", exit 0); other files stay skipped; a UTF-16 dump is said as UTF-16', async () => {
    const dir = temp();
    copyFileSync(CLEAN, join(dir, '01-t1.heap-debug1.txt'));
    writeFileSync(join(dir, '02-t2.heap-debug1.txt'), '404 page not found\n');
    writeFileSync(join(dir, '03.txt'), '502 Bad Gateway\n');
    writeFileSync(join(dir, 'capture.json'), '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head></html>\n');
    // A dump saved by Windows PowerShell 5 (`curl … > snapshot.txt`): UTF-16LE with a BOM.
    writeFileSync(join(dir, 'snapshot.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(CLEAN, 'utf8'), 'utf16le')]));
    // And as UTF-32BE with its BOM (`iconv -t UTF-32BE`): was "skipped … not a format heapdoc lint reads".
    writeFileSync(join(dir, 'snapshot32.txt'), Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), ...[...readFileSync(CLEAN, 'utf8')].map((c) => { const b = Buffer.alloc(4); b.writeUInt32BE(c.codePointAt(0) ?? 0); return b; })]));
    // Not captures: left out quietly, as before.
    writeFileSync(join(dir, 'README.md'), '# dumps\n');
    writeFileSync(join(dir, 'main.go.txt'), 'package main\n');
    writeFileSync(join(dir, 'notes.txt'), 'taken after the deploy\n');
    writeFileSync(join(dir, '.gitkeep'), '');
    const r = await lint(dir);
    expect(r.code).toBe(2);
    // The unreadable ones are the report's (audit 44 F13c: stderr said them too): the JSON's below.
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      `heapdoc: skipped ${dir}/.gitkeep: an empty file`,
      // One line for the files that are no format heapdoc reads (one each, ×21 in go1.19-audit-work, was noise).
      'heapdoc: skipped 2 files not in a format heapdoc lint reads: main.go.txt, notes.txt; --format json lists them',
      'heapdoc: skipped 1 file of source code or documentation (.md)',
    ]);
    const jsonRun = await lint(dir, '--format', 'json');
    expect(unreadableSaid(jsonRun.stdout)).toEqual([
      `${dir}/02-t2.heap-debug1.txt: not a Go heap dump (the first line is "404 page not found": the page net/http serves for a path no handler registered) — the endpoint is missing: /debug/vars needs import _ "expvar", /debug/pprof/… needs import _ "net/http/pprof"`,
      `${dir}/03.txt: not a Go heap dump (the first line is "502 Bad Gateway") — expected 'heap profile: …' from /debug/pprof/heap?debug=1, a goroutine dump, a /metrics page, /debug/vars JSON, a GODEBUG=gctrace=1 log, a .pb.gz heap profile, or go build -gcflags=-m output`,
      `${dir}/capture.json: an HTML page, not a Go heap dump (the first line is "<!DOCTYPE html>"): a proxy's or server's error page, or a page of another endpoint — check the URL and any proxy in between: /debug/pprof/heap?debug=1 answers with text that starts 'heap profile: …'`,
      `${dir}/snapshot.txt: UTF-16 text; heapdoc reads UTF-8 — convert it to UTF-8: iconv -f UTF-16 -t UTF-8 FILE > FILE.txt (or save it again with PowerShell: Out-File -Encoding utf8)`,
      `${dir}/snapshot32.txt: UTF-32 text; heapdoc reads UTF-8 — convert it to UTF-8: iconv -f UTF-32 -t UTF-8 FILE > FILE.txt`,
    ]);
    const unreadable = ['02-t2.heap-debug1.txt', '03.txt', 'capture.json', 'snapshot.txt', 'snapshot32.txt'];
    const json = JSON.parse(jsonRun.stdout) as { filePath: string; kind: string }[];
    const skipped = ['.gitkeep', 'README.md', 'main.go.txt', 'notes.txt'];
    expect(json.map((f) => [f.filePath, f.kind])).toEqual([[resolve(dir, '01-t1.heap-debug1.txt'), 'heap'], ...unreadable.map((f) => [join(dir, f), 'unreadable']), ...skipped.map((f) => [join(dir, f), 'skipped'])]);
    const sarif = JSON.parse((await lint(dir, '--format', 'sarif')).stdout) as { runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string }[] }[] }[] };
    expect(sarif.runs[0]?.invocations[0]?.executionSuccessful).toBe(false);
    // The unreadable inputs (errors) first, then a note per file skipped.
    expect(sarif.runs[0]?.invocations[0]?.toolExecutionNotifications.map((n) => n.level)).toEqual([...unreadable.map(() => 'error'), ...skipped.map(() => 'note')]);
    const markdown = await lint(dir, '--format', 'markdown');
    expect(markdown.code).toBe(2);
    for (const f of unreadable) expect(markdown.stdout).toContain(f);
  });
});

describe('the go1.19 audit directory of failed captures (a 404 page and an empty file named as heap dumps)', () => {
  it('lint names each as analyze does, lints the rest, exits 2 (was "skipped", exit 0); its README is skipped', async () => {
    const D = 'test/fixtures/captured/go1.19-audit-tui/dir-failed-captures';
    const r = await lint(D, '--format', 'json');
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      'heapdoc: skipped 1 file of source code or documentation (.md)',
      'heapdoc: error: 2 inputs could not be read, 2 dumps linted — the JSON report lists each, with its fix',
    ]);
    expect(unreadableSaid(r.stdout)).toEqual([
      `${D}/01-t1.heap-debug1.txt: not a Go heap dump (the first line is "404 page not found": the page net/http serves for a path no handler registered) — the endpoint is missing: /debug/vars needs import _ "expvar", /debug/pprof/… needs import _ "net/http/pprof"`,
      `${D}/04-t4.heap-debug1.txt: the input is empty — did the capture fail? Check the URL with curl -v, and that the program imports net/http/pprof`,
    ]);
    expect((JSON.parse(r.stdout) as { filePath: string; kind: string }[]).map((f) => [f.filePath.slice(f.filePath.indexOf(D)), f.kind])).toEqual([
      [`${D}/02-t2.heap-debug1.txt`, 'heap'], [`${D}/03-t3.heap-debug1.txt`, 'heap'], [`${D}/01-t1.heap-debug1.txt`, 'unreadable'], [`${D}/04-t4.heap-debug1.txt`, 'unreadable'],
      [`${D}/README.md`, 'skipped'],
    ]);
  });
});

describe('symbolic link loops', () => {
  it('are said as loops, found in a walk or named (were "cannot read: ELOOP" and "no such file or directory")', async () => {
    const dir = temp();
    copyFileSync(CLEAN, join(dir, 'ok.txt'));
    symlinkSync('b', join(dir, 'a'));
    symlinkSync('a', join(dir, 'b'));
    symlinkSync('self', join(dir, 'self'));
    const walk = await lint(dir, '--format', 'json');
    expect([walk.code, walk.stderr]).toEqual([2, 'heapdoc: error: 3 inputs could not be read, 1 dump linted — the JSON report lists each, with its fix\n']);
    expect(unreadableSaid(walk.stdout)).toEqual([
      `${dir}/a: a symbolic link loop: ${dir}/a -> b -> a — fix or remove the link`,
      `${dir}/b: a symbolic link loop: ${dir}/b -> a -> b — fix or remove the link`,
      `${dir}/self: a symbolic link loop: ${dir}/self -> self — fix or remove the link`,
    ]);
    const named = await lint(join(dir, 'a'));
    expect(named).toEqual({ code: 2, stderr: '', stdout: `\n${dir}/a\n  error  a symbolic link loop: ${dir}/a -> b -> a\n         fix or remove the link\n\n✖ 1 input could not be read, 0 dumps linted\n` });
  });
});

describe('heapdoc\'s own files beside the dumps', () => {
  it('the baseline and the config in the linted directory get no "skipped" line; other files do', async () => {
    const dir = temp();
    copyFileSync(join(FIXTURES, 'scenarios/churn/01-t1.heap-debug1.txt'), join(dir, '01-t1.heap-debug1.txt'));
    writeFileSync(join(dir, 'heapdoc.config.json'), '{ "rules": {} }\n');
    writeFileSync(join(dir, 'notes.txt'), 'captured at 10:00\n');
    const baseline = join(dir, 'heapdoc-baseline.json');
    expect((await runCli(['lint', '.', '--baseline', baseline, '--update-baseline'], { cwd: dir })).code).toBe(0);
    const r = await runCli(['lint', '.', '--baseline', baseline], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('heapdoc: skipped notes.txt: not a format heapdoc lint reads\n');
  });

  it('a config beside the dumps that is not the one in use is said so, with how to use it', async () => {
    const dir = temp();
    mkdirSync(join(dir, 'dumps'));
    copyFileSync(join(FIXTURES, 'scenarios/churn/01-t1.heap-debug1.txt'), join(dir, 'dumps', '01-t1.heap-debug1.txt'));
    writeFileSync(join(dir, 'dumps', 'heapdoc.config.json'), '{ "rules": {} }\n');
    const r = await runCli(['lint', 'dumps'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('heapdoc: skipped dumps/heapdoc.config.json: a heapdoc config not in use (the config is found upward from the working directory) — to use it: --config dumps/heapdoc.config.json\n');
  });
});

describe('inputs', () => {
  it('lints a directory of mixed files by content, junk skipped, recursively', async () => {
    const r = await lint(MIXED, '--format', 'json');
    expect(r.code).toBe(1);
    // What was skipped is said (a saved HTML error page must not pass unseen), in walk order.
    expect(r.stderr.trimEnd().split('\n').map((l) => l.replace(`${MIXED}/`, '')).sort()).toEqual([
      'heapdoc: skipped 1 file of source code or documentation (.md)',
      // Compiler -m output is named as such, with what reads it (as when given alone); the files of no format, one line.
      'heapdoc: skipped 3 files not in a format heapdoc lint reads: notes.log, profile.pb.gz, start.json; --format json lists them',
      'heapdoc: skipped empty.txt: an empty file',
      'heapdoc: skipped nested/build.gcflags-m.txt: compiler -m output (go build -gcflags=-m) — use heapdoc escape FILE, or heapdoc analyze HEAP --escape FILE',
    ]);
    const entries = JSON.parse(r.stdout) as { filePath: string; kind: string; reason?: string; errorCount: number; warningCount: number }[];
    const json = entries.filter((f) => f.kind !== 'skipped');
    expect(json.map((f) => f.filePath.slice(f.filePath.indexOf(MIXED) + MIXED.length + 1))).toEqual([
      'nested/cut.heap-debug1.txt', 'nested/deeper/snap1.goroutine-debug1.txt', 'nested/routine3.after-wait.heap-debug1.txt', 'start.heap-debug1.txt',
    ]);
    // The files skipped close the report, each with why, as stderr says it (the sources one by one).
    expect(entries.filter((f) => f.kind === 'skipped').map((f) => [f.filePath.slice(f.filePath.indexOf(MIXED) + MIXED.length + 1), f.reason])).toEqual([
      ['README.md', 'source code or documentation'], ['empty.txt', 'an empty file'],
      ['nested/build.gcflags-m.txt', 'compiler -m output (go build -gcflags=-m) — use heapdoc escape FILE, or heapdoc analyze HEAP --escape FILE'],
      ['nested/deeper/notes.log', 'not a format heapdoc lint reads'], ['profile.pb.gz', 'not a format heapdoc lint reads'], ['start.json', 'not a format heapdoc lint reads'],
    ]);
    // routine3: stack-heavy; not gc-cpu-high, after a single GC cycle (gcCpuMinCycles).
    expect(json.map((f) => [f.errorCount, f.warningCount])).toEqual([[1, 0], [0, 0], [0, 1], [0, 0]]);
  });

  it('a gzip file found in a directory or by a glob that cannot be unpacked is an unreadable input (exit 2), not skipped', async () => {
    const dir = DAMAGED_GZ_DIR;
    const damaged = DAMAGED_GZ_ERRORS;
    for (const input of [dir, `${dir}/*.gz`]) {
      const r = await lint(input, '--format', 'json');
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`heapdoc: error: 2 inputs could not be read, ${input === dir ? '1 dump' : '0 dumps'} linted — the JSON report lists each, with its fix\n`);
      expect(unreadableSaid(r.stdout)).toEqual(damaged.map((l) => l.replace('heapdoc: error: ', ''))); // in the inputs' order
      // SARIF uploaded by CI says why it holds fewer files: the run's invocation lists them, at their files.
      const sarif = JSON.parse((await lint(input, '--format', 'sarif')).stdout) as { runs: { results: unknown[]; invocations?: unknown[] }[] };
      expect(sarif.runs[0]?.invocations).toEqual([{
        executionSuccessful: false,
        toolExecutionNotifications: ['01.heap.pb.gz', '02.heap.pb.gz'].map((file, i) => ({
          level: 'error', message: { text: damaged[i]?.replace('heapdoc: error: ', '') }, locations: [{ physicalLocation: { artifactLocation: { uri: `${dir}/${file}` } } }],
        })),
      }]);
      expect(sarifSchemaErrors(sarif)).toEqual([]);
      // JSON: each as ESLint reports a file it cannot parse, after the dumps linted (the glob found none).
      const json = JSON.parse(r.stdout) as { filePath: string; kind: string; messages: unknown[]; errorCount: number; fatalErrorCount: number }[];
      expect(json.map((f) => [f.filePath.slice(f.filePath.indexOf(dir)), f.kind])).toEqual([
        ...(input === dir ? [[`${dir}/01.metrics.txt`, 'prometheus']] : []),
        [`${dir}/01.heap.pb.gz`, 'unreadable'], [`${dir}/02.heap.pb.gz`, 'unreadable'],
      ]);
      expect(json.at(-1)).toMatchObject({
        messages: [{ ruleId: null, fatal: true, severity: 2, message: `${dir}/02.heap.pb.gz: the gzip data is damaged: incorrect data check`, fix: 'check that the file was copied whole' }],
        errorCount: 1, fatalErrorCount: 1,
      });
    }
  });

  it('binary profiles that pair by name with no MemStats source of the directory are one no-memstats warning, naming them, as analyze names them in one line', async () => {
    // heap.N.pb.gz pairs with vars.N.json (stem N); wheap.N.pb.gz (pprof.WriteHeapProfile) has the stem "wheap" of no vars file.
    const dir = 'test/fixtures/captured/go1.19-auditF/wheap';
    const r = await lint(dir);
    // The leak analyze sees: each heap.N.pb.gz's sites with vars.N.json's MemStats, at the last moment's profile.
    expect(r.code).toBe(1);
    expect(r.stdout).toBe([
      '',
      `${dir}/heap.5.pb.gz`,
      '    error  Leak suspected (high confidence) across 5 snapshots, vars.1.json → vars.5.json: live heap as of each snapshot\'s last GC (NextGC ÷ 2 at GOGC=100) 6.5 MiB → 32.4 MiB across 5 snapshots taken at different GCs (snapshots 1→5), rising at 3 of 4 steps; HeapAlloc, read between GCs, went 7.9 MiB → 38.7 MiB; growing main.remember 5.1 MiB → 21.9 MiB.  leak-suspected',
      '',
      `${dir}/wheap.1.pb.gz`,
      '    warning  5 binary heap profiles carry no runtime.MemStats and pair by name with no MemStats source beside them: wheap.1.pb.gz, wheap.2.pb.gz, wheap.3.pb.gz and 2 more. Only their allocation sites can be read.  no-memstats',
      '',
      '✖ 2 problems (1 error, 1 warning)',
      '',
    ].join('\n'));
    const [, first] = (JSON.parse((await lint(dir, '--format', 'json')).stdout) as { messages: { evidence?: unknown; scope?: string }[] }[]).filter((f) => f.messages.length > 0);
    expect(first?.messages).toMatchObject([{ evidence: { profiles: 5, first: `${dir}/wheap.1.pb.gz`, last: `${dir}/wheap.5.pb.gz` }, scope: 'series' }]);
    const analyze = await runCli([dir]);
    expect(analyze.stdout).toContain("Leak suspected (high confidence): live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) 6.5 MiB → 32.4 MiB across 5 snapshots taken at different GCs (snapshots 1→5), rising at 3 of 4 steps; HeapAlloc, read between GCs, went 7.9 MiB → 38.7 MiB; growing sites: main.remember +16.8 MiB.");
    expect(analyze.stdout).toContain('  Not in the series: wheap.1.pb.gz, wheap.2.pb.gz, wheap.3.pb.gz and 2 more, without MemStats (no place in TotalAlloc order); give /debug/vars or heap?debug=1 of their moments with the same file stem.\n');
    // Each file on its own: each its warning.
    expect((await lint(dir, '--separately')).stdout.match(/no-memstats/g)?.length).toBe(5);
  });

  it('lints the bundled samples: one series per process folder, the leaks found (exit 1), source code and docs skipped in one line', async () => {
    const r = await runCli(['lint', '--no-config', 'samples']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toEqual([
      'heapdoc: skipped 2 files of compiler -m output (go build -gcflags=-m): seed.gcflags-m.txt, seed.gcflags-m2.txt — use heapdoc escape FILE, or heapdoc analyze HEAP --escape FILE',
      'heapdoc: skipped 13 files of source code or documentation (.go, .md, .mod, .py, .sh)',
      // heap-leak's scrapes are moments its vars files (with the profiles' sites) stand for, as analyze says it.
      'heapdoc: 6 inputs are other captures of a moment already read (the same folder and file stem: 01-t1.metrics.txt beside 01-t1.heap.pb.gz): one snapshot per moment',
      '',
    ]);
    // Each GC pause once per process (dropRepeatedFacts) and per moment (not again from the scrape of 02-t2, nor from
    // heap-leak's gctrace.log: its 11 ms of GC cycle 73 is 02-t2.vars.json's 11.77 ms); no gc-cpu-high after 1 to 3 GC cycles (gcCpuMinCycles).
    // One leak, one finding (heap-leak's gctrace.log agrees with its dumps; goroutine-leak's group is leak-suspected's), and
    // idle-heap-retained at each series' latest snapshot (go1.21/peak/default's after-gc and idle, released by after-free; burst's .metrics.txt beside its .openmetrics.txt): 18 problems (4 errors, 14 warnings) before.
    // stack-heavy at go1.23/seed/routine1's after-wait too (4.3 MiB of stacks, the largest part of what Go holds: a quarter of stackMinBytes counts then).
    expect(r.stdout.trimEnd().split('\n').slice(-2)).toEqual(['✖ 14 problems (3 errors, 11 warnings)', '15 files skipped (not read as dumps): stderr and --format json or sarif say which and why']);
    expect(r.stdout.match(/^samples\/\S+(?=\n {2}\s*error .* {2}leak-suspected$)/gm)).toEqual([
      'samples/go1.19/goroutine-leak/06-t6.heap-debug1.txt', 'samples/go1.19/heap-leak/06-t6.heap.pb.gz', 'samples/go1.23/leak/snap5.heap-debug1.txt',
    ]);
  });

  it('says GCCPUFraction is as of the last GC, and once for a directory whose snapshots repeat it (NumGC unchanged)', async () => {
    const dir = 'test/fixtures/captured/go1.19-auditC/cap-burst2';
    const message = 'The GC had used 15.9% of the available CPU since the process started, as of the last GC (cycle 5).';
    const r = await lint(dir);
    // At heap.5.txt, the latest dump that holds it (heap.6.txt is past cycle 7), with its counts, as analyze says it.
    expect(r).toEqual({
      code: 0,
      stderr: 'heapdoc: 6 inputs are other captures of a moment already read (the same folder and file stem: vars.1.json beside heap.1.txt): one snapshot per moment\n',
      stdout: `\n${dir}/heap.5.txt\n  256:3  warning  ${message}  gc-cpu-high\n\n✖ 1 problem (0 errors, 1 warning)\n`,
    });
    // Each file on its own: the five heap dumps and five vars files taken before the sixth GC each
    // say it; vars.3.json with heap.3.pb.gz, as analyze pairs them: the time since that GC too.
    const alone = await lint(dir, '--separately', '--format', 'json');
    const each = (JSON.parse(alone.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[])
      .flatMap((f) => f.messages.filter((m) => m.ruleId === 'gc-cpu-high').map((m) => [f.filePath.slice(f.filePath.lastIndexOf('/') + 1), m.message]));
    expect(each).toEqual(['heap.1.txt', 'heap.2.txt', 'heap.3.txt', 'heap.4.txt', 'heap.5.txt', 'vars.1.json', 'vars.2.json', 'vars.3.json', 'vars.4.json', 'vars.5.json']
      .map((f) => [f, f === 'vars.3.json' ? message.replace('(cycle 5)', '(cycle 5, 15.33 s before the capture)') : message]));
  });

  it('lints globs and standard input', async () => {
    const glob = await lint(`${MIXED}/**/*.heap-debug1.txt`, '--format', 'json');
    expect((JSON.parse(glob.stdout) as unknown[]).length).toBe(3);
    const stdin = await runCli(['lint', '--no-config', '-'], { input: readCorpus('go1.23/stacks/deep.heap-debug1.txt') });
    expect(stdin.code).toBe(0);
    expect(stdin.stdout).toContain('\n-\n  22:3  warning  Goroutine stacks take 125.4 MiB');
  });

  it('reads dumps concatenated on standard input as one series, as it reads the same bytes saved in a file (a CI pipe must see the leak)', async () => {
    const dumps = [1, 2, 3, 4, 5].map((n) => readCorpus(`go1.23/leak/snap${n}.heap-debug1.txt`)).join('');
    const stdin = await runCli(['lint', '--no-config', '-'], { input: dumps });
    expect(stdin.code).toBe(1);
    expect(stdin.stdout).toMatch(/^\n-\n {4}error {2}Leak suspected \(high confidence\) across 5 snapshots, -:1 → -:\d+: HeapAlloc [^\n]*main\.newSession[^\n]* {2}leak-suspected\n/);
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-lint-cat-'));
    writeFileSync(join(dir, 'all.txt'), dumps);
    const file = await runCli(['lint', '--no-config', join(dir, 'all.txt')]);
    expect(file.code).toBe(1);
    expect(file.stdout.replace(join(dir, 'all.txt'), '-').replaceAll('all.txt:', '-:')).toBe(stdin.stdout);
    const one = await runCli(['lint', '--no-config', '-'], { input: readCorpus('go1.23/leak/snap1.heap-debug1.txt') });
    expect([one.code, one.stdout]).toEqual([0, '']);
    // A real capture: fourteen curl dumps of a leaking go1.19 program, joined (captured/go1.19-leak-series).
    const captured = await runCli(['lint', '--no-config', '-'], { input: readFileSync(join(FIXTURES, 'captured/go1.19-leak-series/heap-14-snapshots.txt')) });
    expect(captured.code).toBe(1);
    expect(captured.stdout).toContain('  error  Leak suspected (medium confidence) across 14 snapshots, -:1 → -:703: HeapAlloc 22.4 MiB → 41.2 MiB over 3 snapshots taken at different GCs, each read between GCs; growing bytes.Repeat ← main.main.func1 (main.go:15) 6.9 MiB → 25.5 MiB.  leak-suspected\n');
  });

  it('says that max-goroutines cannot be checked on heap dumps alone, and fails (a budget never checked must not pass CI): in the report, and on stderr when the report is not stylish on stdout', async () => {
    const r = await lint(CLEAN, '--rule', 'max-goroutines=error:10');
    const problem = 'max-goroutines: no goroutine dump among the inputs, and a heap dump cannot tell how many goroutines there are';
    const fix = 'lint goroutine?debug=1 or ?debug=2 dumps together with the heap dumps';
    expect([r.code, r.stderr, r.stdout]).toEqual([2, '', `\n  error  ${problem}\n         ${fix}\n`]);
    const json = await lint(CLEAN, '--rule', 'max-goroutines=error:10', '--format', 'json');
    expect([json.code, json.stderr, unreadableSaid(json.stdout)]).toEqual([2, `heapdoc: error: ${problem} — ${fix}\n`, [`${problem} — ${fix}`]]);
    const both = await lint(CLEAN, corpusPath('go1.23/leak/snap1.goroutine-debug2.txt'), '--rule', 'max-goroutines=error:10');
    expect(both.code).toBe(1);
    expect(both.stderr).toBe('');
    expect(both.stdout).toMatch(/1:1 {2}error {2}The process has \d+ goroutines, above the budget of 10\. {2}max-goroutines/);
  });

  it('shows info findings with --info only', async () => {
    const start = `${MIXED}/start.heap-debug1.txt`;
    expect((await lint(start)).stdout).toBe('');
    expect((await lint(start, '--info')).stdout).toBe(`\n${start}\n  26:3  info  No garbage collection has run yet: the heap profile is what was allocated up to the first profile request, with nothing freed, not what is in use now.  profile-before-first-gc\n\nℹ 1 info finding\n`);
  });
});

describe('config', () => {
  it('finds heapdoc.config.json upward from the working directory, and --rule overrides it', async () => {
    const root = temp();
    writeFileSync(join(root, 'heapdoc.config.json'), JSON.stringify({ rules: { 'max-live-heap': ['error', { limit: '2MiB' }], 'stack-heavy': 'off' } }));
    const sub = join(root, 'ci', 'dumps');
    mkdirSync(sub, { recursive: true });
    copyFileSync(corpusPath('go1.23/leak/snap1.heap-debug1.txt'), join(sub, 'snap1.txt'));
    // Another process (GC cycle 1 ended at another time): a folder of its own.
    mkdirSync(join(sub, 'stacks'));
    copyFileSync(corpusPath('go1.23/stacks/deep.heap-debug1.txt'), join(sub, 'stacks', 'deep.txt'));
    const r = await runIn(sub, ['lint', '.']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('above the budget of 2.0 MiB.  max-live-heap');
    expect(r.stdout).not.toContain('stack-heavy');
    expect((await runIn(sub, ['lint', '.', '--rule', 'max-live-heap=warn'])).code).toBe(0);
    expect((await runIn(sub, ['lint', '.', '--no-config'])).stdout).toContain('stack-heavy');
  });
});

describe('formats', () => {
  it('writes SARIF that validates against the 2.1.0 schema, with repo-relative paths', async () => {
    const r = await lint(MIXED, '--format', 'sarif', '--info');
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(sarifSchemaErrors(log)).toEqual([]);
    const uris = new Set(log.runs[0]?.results.map((x) => x.locations[0]?.physicalLocation.artifactLocation.uri));
    expect([...uris].sort()).toEqual([`${MIXED}/nested/cut.heap-debug1.txt`, `${MIXED}/nested/routine3.after-wait.heap-debug1.txt`, `${MIXED}/start.heap-debug1.txt`]);
    expect(log.runs[0]?.results.map((x) => x.level)).toContain('note');
  });

  it('gives a finding about a whole input no place: none in stylish (never 0:0), no line in JSON, no SARIF region', async () => {
    const cut = `${FIXTURES}/captured/go1.19-auditC/bad/vars-cut.json`;
    const stylish = await lint(cut);
    expect(stylish.stdout.split('\n').slice(2, 4)).toEqual([
      '          warning  The input carries no MemStats: no field of runtime.MemStats could be read.                              no-memstats',
      '  3:1907  error    The JSON ends too early (truncated?): the string "\\"Mallocs" that starts at 3:1899 has no closing \'"\'.  parse-error',
    ]);
    const json = JSON.parse((await lint(cut, '--format', 'json')).stdout) as { messages: { ruleId: string; line?: number; column?: number }[] }[];
    expect(json[0]?.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['no-memstats', undefined, undefined], ['parse-error', 3, 1907]]);
    const sarif = JSON.parse((await lint(cut, '--format', 'sarif')).stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { region?: unknown } }[] }[] }[] };
    expect(sarif.runs[0]?.results.map((x) => [x.ruleId, x.locations[0]?.physicalLocation.region])).toEqual([['no-memstats', undefined], ['parse-error', { startLine: 3, startColumn: 1907 }]]);
  });

  it('marks a parse-error at a line the input ends in the middle of with cut: true (JSON), properties.cut (SARIF); a malformed line, not cut, has none', async () => {
    type Json = { messages: { ruleId: string; line?: number; column?: number; cut?: boolean }[] }[];
    const messages = async (input: string): Promise<unknown[]> => (JSON.parse((await lint(input, '--format', 'json')).stdout) as Json)[0]?.messages.map((m) => [m.ruleId, m.line, m.column, m.cut]) ?? [];
    expect(await messages(CUT)).toEqual([['parse-error', 34, 458, true]]);
    expect(await messages(`${FIXTURES}/captured/go1.19-auditC/bad/vars-cut.json`)).toEqual([['no-memstats', undefined, undefined, undefined], ['parse-error', 3, 1907, true]]);
    const sarif = JSON.parse((await lint(CUT, '--format', 'sarif')).stdout) as { runs: { results: { ruleId: string; properties?: unknown }[] }[] };
    expect(sarif.runs[0]?.results.map((x) => [x.ruleId, x.properties])).toEqual([['parse-error', { cut: true }]]);
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    // The second line of a whole dump made malformed: a line its writer never writes, not a cut.
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-lint-cut-'));
    const lines = readFileSync(`${MIXED}/start.heap-debug1.txt`, 'utf8').split('\n');
    lines[1] = '1: 2x [1: 4096] @ 0x1';
    writeFileSync(join(dir, 'bad.heap-debug1.txt'), lines.join('\n'));
    expect(await messages(join(dir, 'bad.heap-debug1.txt'))).toEqual([['parse-error', 2, 5, undefined]]);
  });

  it('writes SARIF regions that start at line 1 and column 1 or later for every input of test/fixtures (GitHub rejects 0)', async () => {
    // Every fixture, with the series and info findings: each way a finding gets a place is met.
    const r = await lint(FIXTURES, '--format', 'sarif', '--info');
    const log = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number } } }[] }[] }[] };
    const results = log.runs[0]?.results ?? [];
    // Fewer than 600 since gc-cpu-high waits for 4 GC cycles and each moment is reported once.
    expect(results.length).toBeGreaterThan(500);
    const regions = results.flatMap((x) => x.locations.flatMap((l) => (l.physicalLocation.region ? [{ rule: x.ruleId, uri: l.physicalLocation.artifactLocation.uri, ...l.physicalLocation.region }] : [])));
    expect(regions.length).toBeGreaterThan(300);
    expect(regions.filter((g) => !(g.startLine >= 1 && g.startColumn >= 1))).toEqual([]);
    expect(sarifSchemaErrors(log)).toEqual([]);
  }, 180_000); // every fixture of the project (~2,600 files), linted with --info: ~25 s on an idle 2-core machine

  it('writes the report to --output atomically: the same bytes, nothing on stdout, no temporary file left', async () => {
    const dir = temp();
    const out = join(dir, 'reports', 'heapdoc.sarif');
    const direct = await lint(MIXED, '--format', 'sarif');
    writeFileSync(join(dir, 'placeholder'), '');
    const r = await lint(MIXED, '--format', 'sarif', '--output', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(direct.stdout);
    // Replacing an existing report.
    const again = await lint(CLEAN, '--format', 'json', '--output', out);
    expect(again.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveLength(1);
    expect(readdirSync(join(dir, 'reports'))).toEqual(['heapdoc.sarif']);
    // A target that cannot be replaced (a directory): exit 2, the directory untouched, no temporary file.
    mkdirSync(join(dir, 'taken'));
    const failed = await lint(CLEAN, '--output', join(dir, 'taken'), '--format', 'json');
    expect(failed.code).toBe(2);
    expect(failed.stderr).toBe(`heapdoc: error: ${join(dir, 'taken')}: is a directory — give --output a file name\n`);
    expect(readdirSync(dir).sort()).toEqual(['placeholder', 'reports', 'taken']);
    expect(readdirSync(join(dir, 'taken'))).toEqual([]);
  });
});

describe('baseline', () => {
  it('records findings, then fails only on new ones, across re-captured dumps', async () => {
    const dir = temp();
    const dumps = join(dir, 'dumps');
    mkdirSync(dumps);
    copyFileSync(corpusPath('go1.23/seed/routine3.after-wait.heap-debug1.txt'), join(dumps, 'a.txt'));
    copyFileSync(corpusPath('go1.23/memrate/rate-default.heap-debug1.txt'), join(dumps, 'b.txt'));
    const baseline = join(dir, 'heapdoc-baseline.json');
    // Dumps of two programs in one directory: no series (that would be exit 2), each file on its own.
    const args = ['lint', dumps, '--no-config', '--separately', '--max-warnings', '0', '--rule', 'max-live-heap=error:8MiB'];

    const before = await runIn(dir, args);
    expect(before.code).toBe(1);

    const update = await runIn(dir, [...args, '--baseline', baseline, '--update-baseline']);
    expect(update).toMatchObject({ code: 0, stdout: `\n3 findings recorded in the baseline not shown\n`, stderr: `heapdoc: recorded 3 findings in ${baseline}\n` });
    const recorded = JSON.parse(readFileSync(baseline, 'utf8')) as { version: number; entries: { file: string; ruleId: string; count: number }[] };
    expect(recorded.version).toBe(2);
    expect(recorded.entries.map((e) => `${e.file} ${e.ruleId}`)).toEqual([
      // a.txt's GCCPUFraction is of one GC cycle: no gc-cpu-high (gcCpuMinCycles).
      'dumps/a.txt stack-heavy', 'dumps/b.txt gc-cpu-high', 'dumps/b.txt max-live-heap',
    ]);

    const same = await runIn(dir, [...args, '--baseline', baseline]);
    expect(same).toMatchObject({ code: 0, stderr: '' });

    // Re-captured: other numbers, lines moved down by one. Still the same findings.
    writeFileSync(join(dumps, 'b.txt'), `\n${readFileSync(join(dumps, 'b.txt'), 'utf8').replace('# GCCPUFraction = 0.10197984559369232', '# GCCPUFraction = 0.12').replace('# HeapAlloc = 12409120', '# HeapAlloc = 12509120').replace('# Alloc = 12409120', '# Alloc = 12509120')}`);
    const recaptured = await runIn(dir, [...args, '--baseline', baseline, '--format', 'json']);
    expect(recaptured.code).toBe(0);
    const json = JSON.parse(recaptured.stdout) as { messages: unknown[]; suppressedMessages: { ruleId: string; line: number; suppressions: unknown[] }[] }[];
    expect(json.map((f) => f.messages.length)).toEqual([0, 0]);
    expect(json[1]?.suppressedMessages.map((m) => `${m.ruleId}:${m.line}`)).toEqual(['max-live-heap:120', 'gc-cpu-high:138']);
    expect(json[1]?.suppressedMessages[0]?.suppressions).toEqual([{ kind: 'baseline', justification: '' }]);

    // A new problem fails; fixed ones are mentioned.
    copyFileSync(join(FIXTURES, 'lint/mixed/nested/cut.heap-debug1.txt'), join(dumps, 'c.txt'));
    const fresh = await runIn(dir, [...args, '--baseline', baseline]);
    expect(fresh.code).toBe(1);
    expect(fresh.stdout).toContain('parse-error');
    expect(fresh.stdout).not.toContain('gc-cpu-high');
    const fixed = await runIn(dir, ['lint', join(dumps, 'a.txt'), '--no-config', '--baseline', baseline]);
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toBe(`heapdoc: 2 findings recorded in ${baseline} no longer occur; --update-baseline removes them\n`);
    expect(existsSync(baseline)).toBe(true);
  });

  it('a version 1 baseline: one line saying how to regenerate it, exit 2; --update-baseline replaces it', async () => {
    const dir = temp();
    copyFileSync(corpusPath('go1.23/memrate/rate-default.heap-debug1.txt'), join(dir, 'b.txt'));
    const baseline = join(dir, 'old-baseline.json');
    writeFileSync(baseline, '{ "version": 1, "entries": [{ "file": "b.txt", "ruleId": "gc-cpu-high", "fingerprint": "1f3a9c0e8b7d6a52", "count": 1, "message": "m" }] }\n');
    const refused = await runIn(dir, ['lint', 'b.txt', '--no-config', '--baseline', baseline]);
    expect(refused).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `heapdoc: error: --baseline ${baseline}: a version 1 baseline, keyed on message text that heapdoc no longer fingerprints — regenerate it: heapdoc lint <the same inputs> --baseline ${baseline} --update-baseline (it records every current finding)\n`,
    });
    const update = await runIn(dir, ['lint', 'b.txt', '--no-config', '--baseline', baseline, '--update-baseline']);
    expect(update.code).toBe(0);
    const recorded = JSON.parse(readFileSync(baseline, 'utf8')) as { version: number; entries: { file: string; ruleId: string }[] };
    expect([recorded.version, recorded.entries.map((e) => `${e.file} ${e.ruleId}`)]).toEqual([2, ['b.txt gc-cpu-high']]);
  });

  it('a file that is not a baseline: one line whose step works (--update-baseline refuses to replace it, so delete it first)', async () => {
    const dir = temp();
    copyFileSync(corpusPath('go1.23/memrate/rate-default.heap-debug1.txt'), join(dir, 'b.txt'));
    const baseline = join(dir, 'notjson.txt');
    writeFileSync(baseline, 'some notes\n');
    const line = `heapdoc: error: --baseline ${baseline}:1:1: not a heapdoc baseline (not JSON: unexpected character) — delete it or name another file, then run with --update-baseline\n`;
    // It said "recreate it with --update-baseline", which then failed with the same line.
    expect(await runIn(dir, ['lint', 'b.txt', '--no-config', '--baseline', baseline])).toEqual({ code: 2, stdout: '', stderr: line });
    expect(await runIn(dir, ['lint', 'b.txt', '--no-config', '--baseline', baseline, '--update-baseline'])).toEqual({ code: 2, stdout: '', stderr: line });
    expect(readFileSync(baseline, 'utf8')).toBe('some notes\n');
    const other = join(dir, 'heapdoc-baseline.json');
    expect(await runIn(dir, ['lint', 'b.txt', '--no-config', '--baseline', other, '--update-baseline'])).toMatchObject({ code: 0, stderr: `heapdoc: recorded 1 finding in ${other}\n` });
    unlinkSync(baseline);
    expect(await runIn(dir, ['lint', 'b.txt', '--no-config', '--baseline', baseline, '--update-baseline'])).toMatchObject({ code: 0, stderr: `heapdoc: recorded 1 finding in ${baseline}\n` });
  });
});

describe('more files at once than the process may open (ulimit -n)', () => {
  it('waits for a descriptor instead of failing each file past the limit with EMFILE', () => {
    const dir = temp();
    for (let i = 1; i <= 150; i++) copyFileSync(CLEAN, join(dir, `d${i}.txt`));
    // 40 descriptors, 64 files read at once: each file past the limit was "cannot read: EMFILE", exit 2.
    const r = spawnSync('sh', ['-c', `ulimit -n 40 && exec "${process.execPath}" "${CLI}" lint --no-config "${dir}" --concurrency 64 --format json`], { encoding: 'utf8', env: { ...process.env, HEAPDOC_LINT_WORKERS: '0' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { kind: string }[];
    expect(json).toHaveLength(150);
    expect(json.every((f) => f.kind === 'heap')).toBe(true);
  });

  it('gzip inputs wait for a descriptor too (their second open, through gunzip, failed with EMFILE)', () => {
    const dir = temp();
    for (let i = 1; i <= 150; i++) copyFileSync('test/fixtures/scenarios/heap-leak/01-t1.heap.pb.gz', join(dir, `d${i}.heap.pb.gz`));
    const r = spawnSync('sh', ['-c', `ulimit -n 40 && exec "${process.execPath}" "${CLI}" lint --no-config "${dir}" --concurrency 64 --format json`], { encoding: 'utf8', env: { ...process.env, HEAPDOC_LINT_WORKERS: '0' } });
    // Was 21 lines of "dN.heap.pb.gz: cannot read: EMFILE (too many open files in this process)", exit 2.
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { kind: string }[];
    expect(json).toHaveLength(150);
    expect(json.every((f) => f.kind === 'pprof')).toBe(true);
  });

  it('named pipes wait for a descriptor too: an open that failed joined no pipe, so nothing of it is lost', () => {
    const dir = temp();
    const pipes = Array.from({ length: 60 }, (_v, i) => join(dir, `p${i + 1}`));
    // Each pipe has its own writer (a process of its own: its descriptors are not heapdoc's).
    const writers = pipes.map((p) => `mkfifo "${p}" && (cat "${CLEAN}" > "${p}" &)`).join(' && ');
    const r = spawnSync('sh', ['-c', `${writers} && ulimit -n 40 && exec "${process.execPath}" "${CLI}" lint --no-config ${pipes.map((p) => `"${p}"`).join(' ')} --concurrency 64 --format json`], { encoding: 'utf8', env: { ...process.env, HEAPDOC_LINT_WORKERS: '0' } });
    // A pipe heapdoc never opened keeps its writer waiting: opened and closed here, the writer ends (EPIPE) instead of staying behind.
    for (const p of pipes) closeSync(openSync(p, constants.O_RDONLY | constants.O_NONBLOCK));
    // Was 38 lines of "pN: cannot read: EMFILE (too many open files in this process)", exit 2.
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { kind: string }[];
    expect(json).toHaveLength(60);
    expect(json.every((f) => f.kind === 'heap')).toBe(true);
  });
});

/** An empty GC log's hint (audit 46 #12): a program that ran no GC prints nothing, said first; else how the log is written. */
const EMPTY_LOG_HINT = 'a program that has run no GC yet prints nothing (a heap dump of the same moment says NumGC 0: give it with the log); else did the capture fail? GODEBUG=gctrace=1 makes the program print one line per GC to its stderr: GODEBUG=gctrace=1 ./prog 2> gctrace.log';

describe('empty files a walk finds (analyze says them as lint does)', () => {
  it('an empty log beside the captures is skipped and named (heap-leak.stderr.log was a failed capture, exit 2); an empty capture fails the run', async () => {
    const dir = temp();
    copyFileSync(CLEAN, join(dir, '01-t1.heap-debug1.txt'));
    // A capture script's side files: the stderr of program heap-leak, churn's stdout, a placeholder.
    for (const f of ['heap-leak.stderr.log', 'churn.stdout.txt', 'empty.txt']) writeFileSync(join(dir, f), '');
    // The same lines from both commands.
    const skippedLines = ['churn.stdout.txt', 'empty.txt', 'heap-leak.stderr.log'].map((f) => `heapdoc: skipped ${dir}/${f}: an empty file`);
    const linted = await lint(dir, '--format', 'json');
    expect([linted.code, linted.stderr.trimEnd().split('\n')]).toEqual([0, skippedLines]);
    const analyzed = await runCli([dir, '--format', 'json']);
    expect([analyzed.code, analyzed.stderr.trimEnd().split('\n')]).toEqual([0, skippedLines]);
    // Empty files named as captures: a wget of heap?debug=1, a profile, a GC log. Each is an error, exit 2, in both commands.
    for (const f of ['heap?debug=1', 'cpu.pb.gz', 'gctrace.log']) writeFileSync(join(dir, f), '');
    // A GC log is no URL's answer: its hint says how GODEBUG=gctrace=1 writes one.
    const failed = ['cpu.pb.gz', 'gctrace.log', 'heap?debug=1'].map((f) => `heapdoc: error: ${dir}/${f}: the input is empty — ${f === 'gctrace.log' ? EMPTY_LOG_HINT : 'did the capture fail? Check the URL with curl -v, and that the program imports net/http/pprof'}`);
    // lint and analyze say the inputs that failed alike once: the two captures' empty answers are one line.
    const grouped = [`heapdoc: error: 2 files (cpu.pb.gz, heap?debug=1): the input is empty — did the capture fail? Check the URL with curl -v, and that the program imports net/http/pprof`, failed[1]];
    const linted2 = await lint(dir, '--format', 'json');
    // lint's report lists each (audit 44 F13c: stderr said them too): stderr counts them.
    expect([linted2.code, linted2.stderr.trimEnd().split('\n')]).toEqual([2, [...skippedLines, 'heapdoc: error: 3 inputs could not be read, 1 dump linted — the JSON report lists each, with its fix']]);
    expect(unreadableSaid(linted2.stdout)).toEqual(failed.map((l) => l.replace('heapdoc: error: ', '')));
    const analyzed2 = await runCli([dir, '--format', 'json']);
    expect([analyzed2.code, analyzed2.stderr.trimEnd().split('\n')]).toEqual([2, [...grouped, ...skippedLines]]);
    expect((JSON.parse(analyzed2.stdout) as { snapshots: { source: string }[] }).snapshots.map((x) => x.source)).toEqual([`${dir}/01-t1.heap-debug1.txt`]);
  });

  it('an empty .log named on the command line is a GC log that printed nothing: its hint says how one is written, not to check a URL (audit 34)', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'leak.log'), '');
    const r = await runCli([join(dir, 'leak.log')]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `heapdoc: error: ${dir}/leak.log: the input is empty — ${EMPTY_LOG_HINT}\n`]);
  });

  it('the files skipped are in every report, not only on stderr: analyze and lint JSON, SARIF notifications, a stylish and Markdown line', async () => {
    const dir = temp();
    copyFileSync(CLEAN, join(dir, '01-t1.heap-debug1.txt'));
    writeFileSync(join(dir, 'churn.stderr.log'), '');
    writeFileSync(join(dir, 'notes.txt'), 'taken after the deploy\n');
    writeFileSync(join(dir, 'main.go'), 'package main\n');
    // stderr as before, the same exit codes.
    const stderr = [`heapdoc: skipped ${dir}/churn.stderr.log: an empty file`, `heapdoc: skipped ${dir}/notes.txt: not a format heapdoc lint reads`, 'heapdoc: skipped 1 file of source code or documentation (.go)'];
    const analyzed = await runCli([dir, '--format', 'json']);
    expect([analyzed.code, analyzed.stderr.trimEnd().split('\n')]).toEqual([0, stderr.map((l) => l.replace('heapdoc lint', 'heapdoc analyze'))]);
    expect((JSON.parse(analyzed.stdout) as { skipped: unknown }).skipped).toEqual([
      { source: `${dir}/churn.stderr.log`, reason: 'an empty file' },
      { source: `${dir}/main.go`, reason: 'source code or documentation' },
      { source: `${dir}/notes.txt`, reason: 'not a format heapdoc analyze reads' },
    ]);
    // None skipped: an empty array, the key always there.
    expect((JSON.parse((await runCli([CLEAN, '--format', 'json'])).stdout) as { skipped: unknown }).skipped).toEqual([]);
    const json = await lint(dir, '--format', 'json');
    expect([json.code, json.stderr.trimEnd().split('\n')]).toEqual([0, stderr]);
    const entry = (file: string, reason: string): Record<string, unknown> => ({
      filePath: join(dir, file), kind: 'skipped', reason, messages: [], suppressedMessages: [],
      errorCount: 0, fatalErrorCount: 0, warningCount: 0, infoCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, usedDeprecatedRules: [],
    });
    expect((JSON.parse(json.stdout) as Record<string, unknown>[]).slice(1)).toEqual([
      entry('churn.stderr.log', 'an empty file'), entry('main.go', 'source code or documentation'), entry('notes.txt', 'not a format heapdoc lint reads'),
    ]);
    // SARIF: a note per file, at the file as its results are (a file: URL outside the working directory), valid SARIF 2.1.0.
    const sarif = await lint(dir, '--format', 'sarif');
    expect(sarif.code).toBe(0);
    const log = JSON.parse(sarif.stdout) as { runs: { invocations: unknown[] }[] };
    const uri = (file: string): string => pathToFileURL(join(dir, file)).href;
    const note = (file: string, text: string): unknown => ({ level: 'note', message: { text }, locations: [{ physicalLocation: { artifactLocation: { uri: uri(file) } } }] });
    expect(log.runs[0]?.invocations).toEqual([{
      executionSuccessful: true,
      toolExecutionNotifications: [note('churn.stderr.log', 'an empty file'), note('main.go', 'source code or documentation'), note('notes.txt', 'not a format heapdoc lint reads')],
    }]);
    expect(sarifSchemaErrors(log)).toEqual([]);
    const line = '3 files skipped (not read as dumps): stderr and --format json or sarif say which and why';
    expect(await lint(dir)).toEqual({ code: 0, stdout: `\n${line}\n`, stderr: `${stderr.join('\n')}\n` });
    expect(await lint(dir, '--format', 'markdown')).toEqual({ code: 0, stdout: `## heapdoc lint: ✔ no problems in 1 dump\n\n${line}.\n`, stderr: `${stderr.join('\n')}\n` });
  });

  it('the captured mixed scenario (two empty stderr logs beside its dumps) is no failed capture: lint --separately exits 0, not 2', async () => {
    const D = 'test/fixtures/scenarios/mixed';
    const r = await lint(D, '--separately', '--format', 'json');
    expect(r.code).toBe(0);
    // Its 12 sidecars (NN-tN.json) in one line (they were 12), and the two logs: nothing else is said.
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'heapdoc: skipped 12 files not in a format heapdoc lint reads: 01-t1.json, 02-t1.json, 03-t2.json and 9 more; --format json lists them',
      `heapdoc: skipped ${D}/churn.stderr.log: an empty file`,
      `heapdoc: skipped ${D}/heap-leak.stderr.log: an empty file`,
    ]);
  });
});
