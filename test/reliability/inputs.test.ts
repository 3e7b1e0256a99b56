/**
 * Odd inputs and odd arguments: a named pipe (what `<(…)` gives), symbolic links in a directory,
 * control bytes in the arguments echoed by the argument parser, UTF-16 text, a NUL byte deep in a
 * dump, --output onto a link. One line on stderr, nothing a terminal obeys.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, createReadStream, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { detectKind } from '../../src/input/detect.js';
import { wrongKind } from '../../src/input/kinds.js';
import { writeFileAtomic } from '../../src/report/write.js';
import { runCli } from '../helpers/cli.js';
import { sarifSchemaErrors } from '../lint/sarif-schema.js';
import { corpusPath, readCorpus, ROOT } from '../helpers/fixtures.js';

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

describe('symbolic links in a directory are followed, never dropped unseen', () => {
  it('links to files and directories are read; a loop is walked once; a broken link is named', async () => {
    const root = join(dir, 'links');
    mkdirSync(join(root, 'sub'), { recursive: true });
    writeFileSync(join(root, 'a.heap.txt'), DUMP);
    symlinkSync(corpusPath('go1.23/seed/routine4.after-wait.heap-debug1.txt'), join(root, 'linked.heap.txt'));
    symlinkSync('a.heap.txt', join(root, 'same-as-a.txt')); // the same file twice: read once
    mkdirSync(join(dir, 'elsewhere'));
    writeFileSync(join(dir, 'elsewhere', 'b.heap.txt'), readCorpus('go1.19/seed/routine1.after-free.heap-debug1.txt'));
    symlinkSync(join(dir, 'elsewhere'), join(root, 'sub', 'more')); // a linked directory
    symlinkSync('..', join(root, 'sub', 'up')); // a loop
    symlinkSync(join(root, 'gone.txt'), join(root, 'broken.txt'));
    const r = await runCli([root, '--separately', '--format', 'json']);
    expect(r.stderr).toBe(`heapdoc: error: ${root}/broken.txt: a symbolic link to ${root}/gone.txt, which does not exist — fix or remove the link\n`);
    expect(r.code).toBe(2);
    const sources = (JSON.parse(r.stdout) as { snapshots: { source: string }[] }).snapshots.map((s) => s.source.slice(root.length + 1)).sort();
    expect(sources).toEqual([
      'a.heap.txt',
      'linked.heap.txt',
      'sub/more/b.heap.txt',
    ]);
  });
});

describe('the argument parser never echoes control characters', () => {
  it.each([
    [['--format', 'x\u001b[2J'], "heapdoc: error: option '-f, --format <format>' argument 'x?[2J' is invalid (allowed: text, json, markdown) — run heapdoc analyze --help for usage\n"],
    [['lint', '--format', 'x\u001b]0;pwned\u0007'], "heapdoc: error: option '-f, --format <format>' argument 'x?]0;pwned?' is invalid (allowed: stylish, json, sarif, markdown) — run heapdoc lint --help for usage\n"],
    [['--b\u009bad'], "heapdoc: error: unknown option '--b?ad' — run heapdoc analyze --help for usage\n"],
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

describe('usage errors', () => {
  it('point at the help of the command they are about, in one line: its suggestion joined, no stop before the dash', async () => {
    expect((await runCli(['lint', '--fromat', 'json', 'x'])).stderr).toBe("heapdoc: error: unknown option '--fromat' (did you mean --format?) — run heapdoc lint --help for usage\n");
    expect((await runCli(['diff', '--top'])).stderr).toBe("heapdoc: error: option '--top <n>' argument missing — run heapdoc diff --help for usage\n");
    expect((await runCli(['--top', '-3', 'x'])).stderr).toBe('heapdoc: error: --top -3: must be a whole number, 0 or more — give how many allocation sites to list, e.g. --top 20 (0: all)\n');
  });

  it('heapdoc help NAME of no command is one line, exit 2, with the command meant', async () => {
    expect(await runCli(['help', 'lnt'])).toEqual({ code: 2, stdout: '', stderr: 'heapdoc: error: help "lnt": no such command — did you mean heapdoc help lint? heapdoc --help lists the commands\n' });
    expect((await runCli(['help', 'lint'])).stdout).toMatch(/^Usage: heapdoc lint \[options\] \[inputs\.\.\.\]\n/);
  });

  it('a URL of a scheme heapdoc does not fetch is said so, not as a missing file', async () => {
    expect((await runCli(['ftp://example.com/heap.txt'])).stderr).toBe('heapdoc: error: ftp://example.com/heap.txt: heapdoc fetches http and https URLs, not ftp:// — download it first and pass the file, or pipe it in: curl -s URL | heapdoc\n');
    expect((await runCli(['file:///tmp/heap.txt'])).stderr).toBe('heapdoc: error: file:///tmp/heap.txt: heapdoc fetches http and https URLs, not file:// — pass the path itself: /tmp/heap.txt\n');
  });
});

describe('a mistyped command', () => {
  it('is said as a command that does not exist, with the command meant, and nothing is read; a plain missing name is a missing file', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'heapdoc-typo-'));
    writeFileSync(join(cwd, 'dump.txt'), 'heap profile: 0: 0 [0: 0] @ heap/1\n');
    expect(await runCli(['lnit', 'dump.txt'], { cwd })).toEqual({
      code: 2, stdout: '', stderr: 'heapdoc: error: lnit: no such command or file — did you mean heapdoc lint? (heapdoc --help lists the commands)\n',
    });
    expect((await runCli(['analyse'], { cwd })).stderr).toBe('heapdoc: error: analyse: no such command or file — did you mean heapdoc analyze? (heapdoc --help lists the commands)\n');
    expect((await runCli(['snapshot'], { cwd })).stderr).toBe('heapdoc: error: snapshot: no such file or directory — pass a dump file, a directory, a glob, - for standard input, or an http(s) URL\n');
    // A file of that name is a file.
    writeFileSync(join(cwd, 'lnit'), 'heap profile: 0: 0 [0: 0] @ heap/1\n');
    expect((await runCli(['lnit', '--format', 'json'], { cwd })).stderr).not.toContain('did you mean');
  });
});

describe('text that is not UTF-8 text', () => {
  const big = readCorpus('go1.23/memrate/rate-1.heap-debug1.txt');

  it('UTF-16, with or without a byte-order mark, is named as such', () => {
    const le = Buffer.from(big.slice(0, 8192), 'utf16le');
    expect(detectKind(Buffer.concat([Buffer.from([0xff, 0xfe]), le])).kind).toBe('utf16');
    expect(detectKind(le).kind).toBe('utf16');
    expect(detectKind(le.swap16()).kind).toBe('utf16'); // big-endian
    const error = wrongKind('dump.txt', detectKind(Buffer.from(big.slice(0, 100), 'utf16le')), 'heapdoc analyze reads heap dumps');
    expect(`${error.message} — ${error.hint ?? ''}`).toBe('dump.txt: UTF-16 text; heapdoc reads UTF-8 — convert it to UTF-8: iconv -f UTF-16 -t UTF-8 FILE > FILE.txt (or save it again with PowerShell: Out-File -Encoding utf8)');
  });

  it('UTF-32 with its byte-order mark (which begins as UTF-16 little-endian\'s) is named UTF-32', () => {
    const utf32le = (text: string): Buffer => Buffer.concat([...text].map((c) => { const b = Buffer.alloc(4); b.writeUInt32LE(c.codePointAt(0) ?? 0); return b; }));
    const le = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32le(big.slice(0, 200))]);
    expect(detectKind(le).kind).toBe('utf32');
    const be = Buffer.from(le);
    for (let i = 0; i < be.length; i += 4) be.subarray(i, i + 4).reverse();
    expect([...be.subarray(0, 4)]).toEqual([0, 0, 0xfe, 0xff]);
    expect(detectKind(be).kind).toBe('utf32');
    // What it is once decoded: a walk says a UTF-32 dump (as a UTF-16 one) and skips UTF-32 notes.
    expect([detectKind(le).decoded, detectKind(be).decoded]).toEqual(['heap', 'heap']);
    expect(detectKind(Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32le('taken after the deploy\n')])).decoded).toBe('unknown');
    const error = wrongKind('dump.txt', detectKind(le), 'heapdoc analyze reads heap dumps');
    expect(`${error.message} — ${error.hint ?? ''}`).toBe('dump.txt: UTF-32 text; heapdoc reads UTF-8 — convert it to UTF-8: iconv -f UTF-32 -t UTF-8 FILE > FILE.txt');
  });

  it('without a NUL, control bytes make the input binary from one in 20 of the first 4 KiB on', () => {
    const text = big.slice(0, 8192);
    const withOdd = (count: number, byte: number): Buffer => {
      const bytes = Buffer.from(text);
      for (let i = 0; i < count; i++) bytes[100 + i * 19] = byte;
      return bytes;
    };
    expect(detectKind(withOdd(0, 0x1b)).kind).toBe('heap');
    expect(detectKind(withOdd(204, 0x1b)).kind).toBe('heap'); // 204 of 4,096: not more than n / 20
    expect(detectKind(withOdd(205, 0x1b)).kind).toBe('binary');
    expect(detectKind(withOdd(205, 0x7f)).kind).toBe('binary');
    expect(detectKind(withOdd(205, 0x0c)).kind).toBe('heap'); // form feeds are text
    // Past the first 4 KiB control bytes are not counted.
    const late = Buffer.from(text);
    for (let i = 4096; i < 8192; i += 2) late[i] = 0x01;
    expect(detectKind(late).kind).toBe('heap');
  });

  it('a NUL byte anywhere in the first 64 KiB makes the input binary', () => {
    const bytes = Buffer.from(big.slice(0, 60_000));
    expect(detectKind(bytes).kind).toBe('heap');
    bytes[50_000] = 0;
    expect(detectKind(bytes).kind).toBe('binary');
  });

  it('a NUL byte after 64 KiB: the text before its line is read, the rest said as one binary part with its line and bytes, from a file and from stdin', async () => {
    expect(Buffer.byteLength(big)).toBeGreaterThan(100_001);
    const damaged = Buffer.concat([Buffer.from(big).subarray(0, 100_000), Buffer.from([0]), Buffer.from(big).subarray(100_000)]);
    const file = join(dir, 'nul.heap.txt');
    writeFileSync(file, damaged);
    // Line 1395 starts at byte 99,928: the file's lines are counted again past the first MiB's count (a file), or as the stream came (stdin).
    const part = (name: string): string => `heapdoc: error: ${name}: line 1395: binary data (a NUL byte at byte 100,000), 54,323 bytes to the end of the input, skipped; the text before it was read`
      + ' — the input is damaged or another file was joined to its end: keep the text before it (head -c 99928 FILE > dump.txt), or capture it again\n';
    const cut = (name: string): string => `${name}:1:1: error: the records add up to 38 objects and 672 bytes in use, where this header says 62,144 and 12,296,000: records are missing (the dump was cut short or edited)`;
    for (const [args, name, input] of [[[file], file, undefined], [['-'], '-', damaged]] as const) {
      const r = await runCli([...args, '--format', 'json'], input ? { input } : {});
      expect(r.code).toBe(2);
      expect(r.stderr.startsWith(part(name))).toBe(true);
      expect(r.stderr.slice(part(name).length).startsWith(cut(name))).toBe(true);
      const report = JSON.parse(r.stdout) as { snapshots: { source: string }[] };
      expect(report.snapshots.map((sn) => sn.source)).toEqual([name]);
    }
  });

  it('a heap dump, binary bytes, then a heap dump (audit 39): both dumps read, the binary part one line with its line and bytes, from stdin and from a file', async () => {
    // A real go1.19 dump (39 lines, 2,091 bytes), joined in the test around bytes of a binary file.
    const dump = Buffer.from(readCorpus('go1.19/seed/routine1.after-wait.heap-debug1.txt'));
    const joined = Buffer.concat([dump, Buffer.from([0x00, 0x01, 0x8b, 0xff, 0x7f, 0x00, 0x0a]), dump]);
    const said = (name: string): string => `heapdoc: ${name === '-' ? 'standard input' : name} holds 2 concatenated heap dumps (at lines 1, 41); each is read as a snapshot of its own, as if given as 2 files\n`
      + `heapdoc: error: ${name}: line 40: binary data (a NUL byte at byte 2,091), 7 bytes up to the next dump (line 41), skipped; the text before and after it was read`
      + ' — the input is damaged or another file was joined into it: cut the binary part out (head -c 2091 FILE > before.txt; tail -c +2099 FILE > after.txt), or capture the dumps again\n';
    const stdin = await runCli(['-', '--format', 'json'], { input: joined });
    expect([stdin.code, stdin.stderr]).toEqual([2, said('-')]);
    expect((JSON.parse(stdin.stdout) as { snapshots: { source: string }[] }).snapshots.map((sn) => sn.source)).toEqual(['-:1', '-:41']);
    const file = join(dir, 'joined.heap.txt');
    writeFileSync(file, joined);
    const r = await runCli([file, '--format', 'json']);
    expect([r.code, r.stderr]).toEqual([2, said(file)]);
    expect((JSON.parse(r.stdout) as { snapshots: { source: string }[] }).snapshots.map((sn) => sn.source)).toEqual([`${file}:1`, `${file}:41`]);
    // Binary data from the first byte is said as before.
    expect(detectKind(Buffer.concat([Buffer.from([0x00, 0x01]), dump]))).toEqual({ kind: 'binary', firstLine: '' });
  });

  it('captured dumps around a real gzip\'d heap profile (`cat t01 profile.pb.gz t02`): analyze and lint read both dumps, the profile\'s bytes one problem, exit 2', async () => {
    // go1.19-audit38-mutexleak's t01 and t02 (?gc=1, 39 lines and 2,141 bytes; 2,166 bytes), and
    // go1.19-audit-verdicts/a-slowleak's 01-moment1.heap-gc1.pb.gz (1,828 bytes, NUL at its 4th byte): t02's header follows it mid-line.
    const M = 'test/fixtures/captured/go1.19-audit38-mutexleak/gc1';
    const joined = Buffer.concat([`${M}/t01.heap-debug1-gc1.txt`, 'test/fixtures/captured/go1.19-audit-verdicts/a-slowleak/01-moment1.heap-gc1.pb.gz', `${M}/t02.heap-debug1-gc1.txt`].map((f) => readFileSync(join(ROOT, f))));
    const file = join(dir, 'mutexleak-joined.txt');
    writeFileSync(file, joined);
    const words = (name: string): [string, string] => [
      `${name}: line 40: binary data (a NUL byte at byte 2,144), 1,828 bytes up to the next dump (line 46), skipped; the text before and after it was read`,
      'the input is damaged or another file was joined into it: cut the binary part out (head -c 2141 FILE > before.txt; tail -c +3970 FILE > after.txt), or capture the dumps again',
    ];
    for (const [args, name, input] of [[[file], file, undefined], [['-'], '-', joined]] as const) {
      const r = await runCli([...args, '--format', 'json'], input ? { input } : {});
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`heapdoc: ${name === '-' ? 'standard input' : name} holds 2 concatenated heap dumps (at lines 1, 46); each is read as a snapshot of its own, as if given as 2 files\nheapdoc: error: ${words(name).join(' — ')}\n`);
      const report = JSON.parse(r.stdout) as { snapshots: { source: string; memStats: { HeapAlloc: number; NumGC: number } }[]; diagnostics: unknown[] };
      expect(report.snapshots.map((sn) => [sn.source, sn.memStats.HeapAlloc, sn.memStats.NumGC])).toEqual([[`${name}:1`, 187368, 1], [`${name}:46`, 205264, 2]]);
      expect(report.diagnostics).toEqual([]);
      const lint = await runCli(['lint', ...args], input ? { input } : {});
      expect(lint.code).toBe(2);
      // Said once, in the report (audit 44 F13c: on stderr too).
      expect(lint.stderr).toBe('');
      // One entry for the input (was a second one under its name, as if it could not be read): the part an error row at
      // line 40 with how to cut it out below it, then t02's own finding, its GC pauses (PauseNs) at line 78 (t02's line 33).
      expect(lint.stdout).toBe(`\n${name}\n`
        + '  40:1  error    binary data (a NUL byte at byte 2,144), 1,828 bytes up to the next dump (line 46), skipped; the text before and after it was read\n'
        + `                 ${words(name)[1]}\n`
        + '  78:3  warning  A GC pause took 39.43 ms (GC cycle 2); 1 of the last 2 pauses exceeded 10.00 ms.  gc-pause-long\n'
        + '\n✖ 2 problems (1 error, 1 warning)\n✖ 1 input read in part (binary data skipped), 1 dump linted\n');
      // Markdown: the part a row of the findings' table (no rule; what and how to fix), no "Input errors" table.
      const markdown = await runCli(['lint', ...args, '--format', 'markdown'], input ? { input } : {});
      expect([markdown.code, markdown.stderr]).toEqual([2, 'heapdoc: error: 1 input read in part (binary data skipped), 1 dump linted — the Markdown report lists each, with its fix\n']);
      expect(markdown.stdout).toBe([
        '## heapdoc lint: ✖ 2 problems (1 error, 1 warning) in 1 dump; 1 input read in part (binary data skipped)',
        '',
        '| file | line:col | severity | rule | message |',
        '|---|---:|---|---|---|',
        `| <code>${name}</code> | 40:1 | error | — | binary data (a NUL byte at byte 2,144), 1,828 bytes up to the next dump (line 46), skipped; the text before and after it was read — the input is damaged or another file was joined into it: cut the binary part out (head -c 2141 FILE &gt; before.txt; tail -c +3970 FILE &gt; after.txt), or capture the dumps again |`,
        `| <code>${name}</code> | 78:3 | warning | [<code>gc-pause-long</code>](https://go.dev/doc/gc-guide) | A GC pause took 39.43 ms (GC cycle 2); 1 of the last 2 pauses exceeded 10.00 ms. |`,
        '',
      ].join('\n'));
      // JSON: one entry for the input, read in part: the binary part among its messages at line 40 (was a second entry, kind 'unreadable').
      const json = await runCli(['lint', ...args, '--format', 'json'], input ? { input } : {});
      expect([json.code, json.stderr]).toEqual([2, 'heapdoc: error: 1 input read in part (binary data skipped), 1 dump linted — the JSON report lists each, with its fix\n']);
      const entries = JSON.parse(json.stdout) as { filePath: string; kind: string; readInPart?: boolean; errorCount: number; fatalErrorCount: number; warningCount: number; messages: { ruleId: string | null; line?: number; column?: number }[] }[];
      expect(entries.map((e) => [e.filePath, e.kind, e.readInPart, e.errorCount, e.fatalErrorCount, e.warningCount])).toEqual([[name, 'heap', true, 1, 1, 1]]);
      expect(entries[0]?.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([[null, 40, 1], ['gc-pause-long', 78, 3]]);
      expect(entries[0]?.messages[0]).toEqual({ ruleId: null, severity: 2, message: words(name)[0].slice(name.length + 2), line: 40, column: 1, fix: words(name)[1], binaryPart: { startByte: 2141, nulByte: 2144, endByte: 3969, resumed: true } });
      // SARIF: t02's finding a result; the part the run's one notification, at line 40 and its bytes, read in part.
      const sarif = await runCli(['lint', ...args, '--format', 'sarif'], input ? { input } : {});
      expect(sarif.code).toBe(2);
      expect(sarifSchemaErrors(JSON.parse(sarif.stdout))).toEqual([]);
      const run = (JSON.parse(sarif.stdout) as { runs: { invocations: unknown[]; results: { ruleId: string; locations: { physicalLocation: { region: unknown } }[] }[] }[] }).runs[0];
      expect(run?.results.map((res) => [res.ruleId, res.locations[0]?.physicalLocation.region])).toEqual([['gc-pause-long', { startLine: 78, startColumn: 3 }]]);
      expect(run?.invocations).toEqual([{
        executionSuccessful: false,
        toolExecutionNotifications: [{
          level: 'error',
          message: { text: words(name).join(' — ') },
          locations: [{ physicalLocation: { artifactLocation: { uri: name === '-' ? 'stdin' : pathToFileURL(file).href }, region: { startLine: 40, byteOffset: 2141, byteLength: 1828 } } }],
          properties: { readInPart: true },
        }],
      }]);
    }
  });

  it('stdin that is a directory (`heapdoc - < dir`) is one line and exit 2, not "the input is empty"', async () => {
    const expected = { code: 2, stdout: '', stderr: 'heapdoc: error: -: standard input is a directory — pipe a dump in (curl -s …/heap?debug=1 | heapdoc) or name the files: heapdoc DIR\n' };
    expect(await runCli(['-'], { stdinFile: dir })).toEqual(expected);
    // The hint names the command that was run (was analyze's `| heapdoc` for each).
    const lintHint = 'pipe a dump in (curl -s …/heap?debug=1 | heapdoc lint) or name the files: heapdoc lint DIR';
    expect(await runCli(['lint', '-'], { stdinFile: dir })).toEqual({
      code: 2,
      stdout: `\n-\n  error  standard input is a directory\n         ${lintHint}\n\n✖ 1 input could not be read, 0 dumps linted\n`, // lint's report says it, once (audit 44 F13c)
      stderr: '',
    });
    expect(await runCli(['escape', '-'], { stdinFile: dir })).toEqual({ ...expected, stderr: 'heapdoc: error: -: standard input is a directory — pipe a dump in (go build -gcflags=-m ./... 2>&1 | heapdoc escape -) or name the file: heapdoc escape m.txt\n' });
  });
});

describe('--output onto a symbolic link writes the file it points to', () => {
  it('the link stays a link; a dangling link gets its target created', async () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'report.md'), 'old\n');
    symlinkSync('report.md', join(out, 'link.md'));
    symlinkSync('new.md', join(out, 'dangling.md'));
    await writeFileAtomic(join(out, 'link.md'), 'new report\n');
    await writeFileAtomic(join(out, 'dangling.md'), 'created\n');
    expect(lstatSync(join(out, 'link.md')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(out, 'link.md'))).toBe('report.md');
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toBe('new report\n');
    expect(lstatSync(join(out, 'dangling.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(out, 'new.md'), 'utf8')).toBe('created\n');
    expect(readdirSync(out).sort()).toEqual(['dangling.md', 'link.md', 'new.md', 'report.md']); // no temporary file left
  });
});

describe('--output onto what is not a regular file, and -o -', () => {
  it('a FIFO is written through, not replaced by a file (as root, -o /dev/null used to become a file)', async () => {
    const fifo = join(dir, 'report.fifo');
    execFileSync('mkfifo', [fifo]);
    const reading = new Promise<string>((resolve) => { let text = ''; createReadStream(fifo, 'utf8').on('data', (d) => (text += String(d))).on('end', () => resolve(text)); });
    await writeFileAtomic(fifo, 'through the pipe\n');
    expect(await reading).toBe('through the pipe\n');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('a directory is refused in one line; a file keeps its mode', async () => {
    await expect(writeFileAtomic(dir, 'x')).rejects.toThrow(`${dir}: is a directory`);
    const kept = join(dir, 'mode.txt');
    writeFileSync(kept, 'old\n', { mode: 0o640 });
    chmodSync(kept, 0o640);
    await writeFileAtomic(kept, 'new\n');
    expect([readFileSync(kept, 'utf8'), lstatSync(kept).mode & 0o777]).toEqual(['new\n', 0o640]);
  });

  it('-o - writes to standard output, on every command with --output', async () => {
    const dump = corpusPath('go1.23/seed/routine3.after-free.heap-debug1.txt');
    const analyze = await runCli(['analyze', dump, '-o', '-', '--format', 'json']);
    expect((JSON.parse(analyze.stdout) as { snapshots: unknown[] }).snapshots).toHaveLength(1);
    const lint = await runCli(['lint', dump, '-o', '-', '--format', 'json']);
    expect((JSON.parse(lint.stdout) as { filePath: string }[])[0]?.filePath).toBe(dump);
    const escape = await runCli(['escape', corpusPath('go1.26-devel/compiler/seed.gcflags-m.txt'), '-o', '-']);
    expect(escape.stdout.split('\n')[0]).toBe(`heapdoc escape · ${corpusPath('go1.26-devel/compiler/seed.gcflags-m.txt')}`);
    expect(existsSync(join(ROOT, '-'))).toBe(false);
  });
});

describe('--output onto one of the command\'s own inputs', () => {
  it('is refused before anything is read or written (the dump would be replaced by its report)', async () => {
    const dump = join(dir, 'own.heap.txt');
    writeFileSync(dump, readCorpus('go1.23/seed/routine3.after-free.heap-debug1.txt'));
    symlinkSync(dump, join(dir, 'own-link.txt'));
    for (const args of [[dump, '-o', dump], ['lint', dump, '--output', join(dir, 'own-link.txt')], ['diff', dump, dump, '-o', dump]]) {
      const r = await runCli(args);
      const output = args[args.length - 1] ?? '';
      // Through a link, the input it replaces is named.
      expect(r.stderr).toBe(`heapdoc: error: --output ${output}: is an input of this command${output === dump ? '' : ` (${dump})`}; writing the report there would replace it — give --output another file\n`);
      expect(r.code).toBe(2);
    }
    expect(readFileSync(dump, 'utf8')).toBe(readCorpus('go1.23/seed/routine3.after-free.heap-debug1.txt'));
  });
});
