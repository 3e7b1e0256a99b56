/**
 * The conventions people bring from other tools (issue 15), end to end through the built CLI:
 * --color, output files, Markdown, unwrapped pipes, --sort, the small wording fixes.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colorEnabled } from '../../src/text/color.js';
import { runCli } from '../helpers/cli.js';
import { readCorpus } from '../helpers/fixtures.js';

const ROUTINE3 = 'test/fixtures/corpus/go1.23/seed/routine3.after-free.heap-debug1.txt';
const BASELINE = 'go1.19/peak/default.baseline.heap-debug1.txt';
const ESC = '\u001b[';

describe('--color', () => {
  it('always: colour in a pipe, on every command; never and --no-color win over FORCE_COLOR', async () => {
    const always = [[ROUTINE3, '--color=always'], ['diff', ROUTINE3.replace('after-free', 'after-wait'), ROUTINE3, '--color', 'always'], ['lint', ROUTINE3, '--info', '--color=always']];
    const never = [[ROUTINE3, '--color=never'], ['--no-color', 'diff', ROUTINE3.replace('after-free', 'after-wait'), ROUTINE3], ['lint', ROUTINE3, '--info', '--no-color']];
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

  it('FORCE_COLOR as Node and chalk read it: set, colour in a pipe; 0 or false, none on a terminal either', () => {
    const tty = { isTTY: true };
    const pipe = { isTTY: false };
    expect(colorEnabled(tty, { TERM: 'xterm' }, 'auto')).toBe(true);
    expect(colorEnabled(pipe, { FORCE_COLOR: '1' }, 'auto')).toBe(true);
    expect(colorEnabled(tty, { TERM: 'xterm', FORCE_COLOR: '0' }, 'auto')).toBe(false);
    expect(colorEnabled(tty, { TERM: 'xterm', FORCE_COLOR: 'false' }, 'auto')).toBe(false);
    expect(colorEnabled(tty, { FORCE_COLOR: '0' }, 'always')).toBe(true); // the flag is the more specific request
  });

  it('refuses another value in one line, exit 2', async () => {
    const r = await runCli([ROUTINE3, '--color=sometimes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("heapdoc: error: option '--color <when>' argument 'sometimes' is invalid (allowed: auto, always, never) — run heapdoc --help for usage");
    expect(r.stdout).toBe('');
  });

});

describe('usage errors say the same thing on every command', () => {
  it('escape --format markdown as the others say a bad choice; help help is the help; -o "" names the empty name', async () => {
    const [escape, help, empty] = await Promise.all([
      runCli(['escape', 'samples/go1.23/compiler/seed.gcflags-m.txt', '-f', 'markdown']),
      runCli(['help', 'help']),
      runCli([ROUTINE3, '-o', '']),
    ]);
    expect([escape.code, escape.stderr]).toEqual([2, "heapdoc: error: option '-f, --format <format>' argument 'markdown' is invalid (allowed: text, json) — run heapdoc escape --help for usage\n"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: heapdoc \[options\] \[command\]/);
    expect([empty.code, empty.stderr]).toEqual([2, 'heapdoc: error: --output "": an empty file name — give --output a file name, or - for standard output\n']);
  });

  it('a command named after options is said so (it pointed at heapdoc analyze --help, "lint" taken for an input)', async () => {
    const r = await runCli(['-f', 'json', 'lint', '--no-config', 'samples']);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', "heapdoc: error: unknown option '--no-config' — a command comes before its options: heapdoc lint -f json --no-config samples\n"]);
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
    expect(md.stdout).toContain('heap dump · go1.19 (inferred) · 1 record\n');
    expect(md.stdout).toContain('| bucket | bytes | size | share of Sys |');
    expect(md.stdout).not.toContain('| MiB |');
  });
});

describe('-o/--output and Markdown', () => {
  const LEAK1 = 'test/fixtures/corpus/go1.23/leak/snap1.heap-debug1.txt';
  const LEAK5 = 'test/fixtures/corpus/go1.23/leak/snap5.heap-debug1.txt';
  const SEED_M = 'test/fixtures/corpus/go1.23/compiler/seed.gcflags-m.txt';
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'heapdoc-output-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('analyze, diff and escape write the report to a file, not stdout, and replace what was there', async () => {
    const report = join(dir, 'report.json');
    await writeFile(report, 'old content that is longer than nothing');
    const [analyze, stdout, diff, escape] = await Promise.all([
      runCli([ROUTINE3, '--format', 'json', '-o', report]),
      runCli([ROUTINE3, '--format', 'json']),
      runCli(['diff', LEAK1, LEAK5, '--format', 'markdown', '--output', join(dir, 'diff.md')]),
      runCli(['escape', SEED_M, '-f', 'json', '-o', join(dir, 'escape.json')]),
    ]);
    for (const r of [analyze, diff, escape]) expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(await readFile(report, 'utf8')).toBe(stdout.stdout);
    expect(await readdir(dir)).toEqual(['diff.md', 'escape.json', 'report.json']); // no temporary file left
    const md = await readFile(join(dir, 'diff.md'), 'utf8');
    expect(md.split('\n').slice(0, 3)).toEqual([
      '# heapdoc diff', '',
      '**Read between GCs: both dumps (their HeapAlloc counts the garbage made since the last GC, and their heap profiles are as of an earlier GC than their MemStats). HeapAlloc 4.3 MiB → 21.8 MiB (+17.5 MiB); +17,652 objects; most growth at main.newSession (+2.5 MiB in use); 21.2 MiB allocated over 3 GC cycles between the two.**',
    ]);
    expect(md).toContain('| HeapObjects | 3,485 | 21,137 | +17,652 |');
    expect(md).toContain('| +2.5 MiB | 3.5 MiB → 6.0 MiB | +2.5 MiB | <code>main.newSession</code> | …/src/leak/main.go:50 |');
    const json = JSON.parse(await readFile(join(dir, 'escape.json'), 'utf8')) as { source: string; summary: { lines: number }; diagnostics: unknown[] };
    expect(json.source).toBe(SEED_M);
    expect(json.diagnostics.length).toBeGreaterThan(0);
  });

  it('a report of many pieces is the same bytes through a pipe, into a file as stdout (`> file`) and with -o', async () => {
    // 14 snapshots: ~200 KB of JSON, written in several batches (report/write.ts); stdout that is a
    // file is written with writeSync, not through Node's stream.
    const series = 'test/fixtures/captured/go1.19-leak-series';
    const [piped, redirected, written, text, textRedirected] = await Promise.all([
      runCli([series, '--format', 'json']),
      runCli([series, '--format', 'json'], { stdoutFile: join(dir, 'stdout.json') }),
      runCli([series, '--format', 'json', '-o', join(dir, 'series.json')]),
      runCli([series]),
      runCli([series], { stdoutFile: join(dir, 'stdout.txt') }),
    ]);
    for (const r of [piped, redirected, written, text, textRedirected]) expect(r.code).toBe(0);
    expect(Buffer.byteLength(piped.stdout)).toBe(209999); // growingSites' allocBytes and record (audit 45 #9, #13) and points' goroutineDump (pairing45); a plain snapshot's verdict.asOfLastGC (tense45); one dump not read right after a GC says its live share as of that GC, not-a-leak says whether the live part grows one dump cannot tell (audit 44 F11, F12); snapshots whose goal says the last GC marked under 90% of HeapAlloc read between GCs (audit 43 F5); plain dumps alone flagged readBetweenGCs.plainDumps (plain42); plain dumps' HeapAlloc said as read between GCs (audit 40); series.allocation.overGCs over 2 GC cycles, not bytesPerGC (fewer than rateMinCycles); the 10 dumps read between GCs say so (verdict.readBetweenGCs, audit 39); profile.lag, "as of a recent GC", the mid-cycle verdicts name what the last GC marked (audit 35); leak-suspected's why gives its reasons, not the verdict again (audit 34); heap-growth evidence carries its trend (trendGrowthBytes, points, lowest/highest, firstLast rates); the leak fix says what keeps large objects whole; growingSites carry the samples each estimate rests on; series.allocation its profilerBytes; sites say poolNew; standard-library sites their caller; heap dumps only: the fix asks for a goroutine dump; the folder's README and two .txt files in `skipped`
    expect(redirected.stdout).toBe('');
    expect(await readFile(join(dir, 'stdout.json'), 'utf8')).toBe(piped.stdout);
    expect(await readFile(join(dir, 'series.json'), 'utf8')).toBe(piped.stdout);
    expect(JSON.parse(piped.stdout)).toMatchObject({ snapshots: { length: 14 } });
    expect(await readFile(join(dir, 'stdout.txt'), 'utf8')).toBe(text.stdout);
    await Promise.all(['stdout.json', 'series.json', 'stdout.txt'].map((f) => rm(join(dir, f))));
  });

  it('a text report in a file has no colour, even with FORCE_COLOR; a file that cannot be written is one line, exit 2', async () => {
    const text = join(dir, 'report.txt');
    const [r, bad] = await Promise.all([
      runCli([ROUTINE3, '-o', text], { env: { FORCE_COLOR: '1' } }),
      runCli(['escape', SEED_M, '-o', join(dir, 'report.json', 'x.txt')]),
    ]);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    const written = await readFile(text, 'utf8');
    expect(written).toMatch(/^Not a leak of reachable data: HeapAlloc 4\.7 MiB \(the live heap as of the last GC, cycle 3, and what was allocated since\) of 32\.1 MiB mapped/);
    expect(written).not.toContain(ESC);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe(`heapdoc: error: ${join(dir, 'report.json', 'x.txt')}: cannot create ${join(dir, 'report.json')}: ENOTDIR (a file where a directory should be) — give --output a file in a directory you can write (missing ones are made)\n`);
  });

  it('-o where no directory can be made (/proc/nope): one line and exit 2 on every command, not a hang (Node 20\'s recursive mkdir loops there)', { timeout: 15_000 }, async () => {
    const runs = [[ROUTINE3], ['lint', ROUTINE3], ['diff', ROUTINE3.replace('after-free', 'after-wait'), ROUTINE3], ['escape', SEED_M]];
    const results = await Promise.all(runs.map((args) => runCli([...args, '-o', '/proc/nope/x.txt'])));
    results.forEach((r, i) => {
      expect(r.stderr, runs[i]?.join(' ')).toBe('heapdoc: error: /proc/nope/x.txt: cannot create /proc/nope: ENOENT (no directory can be made there) — give --output a file in a directory you can write (missing ones are made)\n');
      expect(r.code, runs[i]?.join(' ')).toBe(2);
    });
  });

  it('-o to a file of /proc (a directory that takes no new files): what failed and where, not "check that the directory is writable"', async () => {
    const r = await runCli([ROUTINE3, '-o', '/proc/version']);
    expect(r.stderr).toBe('heapdoc: error: /proc/version: cannot write: ENOENT (no file can be made in /proc) — give --output a file in a directory you can write\n');
    expect(r.code).toBe(2);
  });

  it('-o with a name over the system\'s limit says so; a name near it is written (its temporary file is named shorter)', async () => {
    const [long, near] = await Promise.all([runCli([ROUTINE3, '-o', join(dir, 'a'.repeat(300))]), runCli([ROUTINE3, '-o', join(dir, 'b'.repeat(250))])]);
    expect(long.stderr).toBe(`heapdoc: error: ${join(dir, 'a'.repeat(300))}: cannot write: ENAMETOOLONG (name too long) — give --output a shorter name (at most 255 bytes a name)\n`);
    expect(long.code).toBe(2);
    expect(near).toMatchObject({ code: 0, stderr: '' });
    await rm(join(dir, 'b'.repeat(250)));
  });

  it('stdout on a full disk (/dev/full): one line and exit 2 for a report, JSON bytes and help, never a stack trace', async () => {
    const runs = [[ROUTINE3], [ROUTINE3, '--format', 'json'], ['escape', SEED_M, '-f', 'json'], ['--help']];
    const results = await Promise.all(runs.map((args) => runCli(args, { stdoutFile: '/dev/full' })));
    results.forEach((r, i) => {
      expect(r.code, runs[i]?.join(' ')).toBe(2);
      expect(r.stderr, runs[i]?.join(' ')).toBe('heapdoc: error: stdout: cannot write: ENOSPC (no space left) — check the disk or the file stdout goes to, or give --output another file\n');
    });
  });

  it('lint --format markdown: a heading with the counts and one table row per finding', async () => {
    const r = await runCli(['lint', ROUTINE3, LEAK5, '--format', 'markdown', '--rule', 'max-live-heap=error:10MiB']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      '## heapdoc lint: ✖ 1 problem (1 error, 0 warnings) in 2 dumps', '',
      '| file | line:col | severity | rule | message |', '|---|---:|---|---|---|',
    ]);
    expect(r.stdout).toMatch(/^\| <code>test\/fixtures\/corpus\/go1\.23\/leak\/snap5\.heap-debug1\.txt<\/code> \| \d+:\d+ \| error \| \[<code>max-live-heap<\/code>\]\(https:\/\/\S+\) \| .*21\.8 MiB.* \|$/m);
    // A dump series' leak at its growing site's biggest record in the last dump (audit 45 #9).
    const series = await runCli(['lint', 'test/fixtures/scenarios/heap-leak', '--format', 'markdown']);
    expect(series.stdout).toMatch(/^\| <code>test\/fixtures\/scenarios\/heap-leak\/06-t6\.heap-debug1\.txt<\/code> \| 2:1 \| error \| \[<code>leak-suspected<\/code>\]/m);
    // A finding without a line (a binary profile's) shows `—`, not `0:0`.
    const binary = await runCli(['lint', 'test/fixtures/captured/go1.19-audit45-generics/heap-t46.pb.gz', '--format', 'markdown']);
    expect(binary.stdout).toMatch(/^\| <code>test\/fixtures\/captured\/go1\.19-audit45-generics\/heap-t46\.pb\.gz<\/code> \| — \| warning \| \[<code>no-memstats<\/code>\]/m);
    for (const r of [series, binary]) expect(r.stdout).not.toContain('| 0:0 |');
  });
});

describe('no hard wrap in a pipe', () => {
  it('prints each sentence on one line, the verdict sentence first, numbers never cut from their unit', async () => {
    const r = await runCli(['samples/go1.8/article-routine3.memstats.txt']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'Not a leak of reachable data: HeapAlloc 4.9 MiB (the live heap as of the last GC, cycle 5, and what was allocated since) of 52.4 MiB mapped (Go holds 10.4 MiB); 42.0 MiB of idle heap already released to the OS; the heap\'s address space (HeapSys) reached 47.5 MiB at a past peak of objects or of goroutine stacks (freed stack spans join the heap) and is kept.',
      'Most of the memory is heap already released to the OS.',
    ]);
    expect(lines).toContain('  info released-memory-in-rss: 42.0 MiB was released to the OS, but the OS may still show it in the process\'s RSS.');
    lines.forEach((line, i) => expect(`${line}⏎${lines[i + 1] ?? ''}`).not.toMatch(/\d⏎\s*(?:B|KiB|MiB|GiB|%|ms)\b/));
    expect(r.stdout).toMatch(/^ {2}Go holds 10\.4 MiB \(Sys − HeapReleased: its own estimate of physical memory, what GOMEMLIMIT bounds\)\.$/m);
  });
});

describe('--sort', () => {
  const ALLOCS4 = 'test/fixtures/corpus/go1.19/leak/snap4.allocs-debug1.txt';
  const ALLOCS1 = 'test/fixtures/corpus/go1.19/leak/snap1.allocs-debug1.txt';
  const order = (stdout: string): string[] => (JSON.parse(stdout) as { snapshots: { profile: { sites: { function: string }[] } }[] }).snapshots[0]?.profile.sites.map((s) => s.function) ?? [];

  it('orders analyze\'s sites by the measure asked, with pprof\'s -sample_index names as aliases', async () => {
    const [inuse, objects, space, pprofName] = await Promise.all([
      runCli([ALLOCS4, '--format', 'json']),
      runCli([ALLOCS4, '--format', 'json', '--sort', 'alloc-objects']),
      runCli([ALLOCS4, '--format', 'json', '--sort=alloc-space']),
      runCli([ALLOCS4, '--format', 'json', '--sort', 'alloc_objects']),
    ]);
    expect(order(inuse.stdout).slice(0, 4)).toEqual(['main.newSession', 'runtime.malg', 'runtime/pprof.writeGoroutineStacks', 'runtime.main']);
    expect(order(objects.stdout).slice(0, 4)).toEqual(['runtime.main', 'runtime.malg', 'main.newSession', 'runtime/pprof.writeGoroutineStacks']);
    expect(order(space.stdout).slice(0, 4)).toEqual(['main.newSession', 'runtime/pprof.writeGoroutineStacks', 'runtime.malg', 'runtime.main']);
    expect(order(pprofName.stdout)).toEqual(order(objects.stdout));
  });

  it('says the order in the text and Markdown tables, and shows the allocated objects a --sort alloc-objects orders by (audit 34)', async () => {
    const [text, markdown, space] = await Promise.all([
      runCli([ALLOCS4, '--sort', 'alloc-objects', '--top', '2']),
      runCli([ALLOCS4, '--sort', 'alloc_objects', '--top', '2', '-f', 'markdown']),
      runCli([ALLOCS4, '--sort', 'alloc-space', '--top', '1']),
    ]);
    const table = (out: string, from: string, count: number): string[] => { const lines = out.split('\n'); const i = lines.indexOf(from); return lines.slice(i, i + count); };
    expect(table(text.stdout, 'Allocation sites', 9)).toEqual([
      'Allocation sites',
      '  sampled every 512.0 KiB; unsampled estimates, as pprof computes them.',
      '  In-use numbers are as of a recent GC: the profile may be up to two GC cycles old.',
      '  Ordered by allocated objects (--sort alloc-objects).',
      '     in use   objects   allocated  alloc objs  site',
      '  512.0 KiB     5,461   512.0 KiB       5,461  runtime.main',
      '                                               …/src/runtime/proc.go:211',
      '    1.5 MiB     3,782     1.5 MiB       3,782  runtime.malg (goroutine descriptors)',
      '                                               …/src/runtime/proc.go:4076',
    ]);
    expect(table(markdown.stdout, '### Allocation sites', 8)).toEqual([
      '### Allocation sites',
      '',
      'Ordered by allocated objects (--sort alloc-objects).',
      '',
      '| in use | objects | allocated | alloc objects | site | file:line |',
      '|---:|---:|---:|---:|---|---|',
      '| 512.0 KiB | 5,461 | 512.0 KiB | 5,461 | <code>runtime.main</code> | …/src/runtime/proc.go:211 |',
      '| 1.5 MiB | 3,782 | 1.5 MiB | 3,782 | <code>runtime.malg</code> (goroutine descriptors) | …/src/runtime/proc.go:4076 |',
    ]);
    // A measure the table already shows: only the sentence.
    expect(table(space.stdout, 'Allocation sites', 5).slice(3)).toEqual(['  Ordered by allocated bytes (--sort alloc-space).', '     in use   objects   allocated  site']);
  });

  it('orders diff\'s sites by the change in that measure; an unknown order is one line, exit 2', async () => {
    const [diff, bad] = await Promise.all([
      runCli(['diff', ALLOCS1, ALLOCS4, '-f', 'json', '--sort', 'alloc_objects']),
      runCli(['diff', ALLOCS1, ALLOCS4, '--sort', 'bytes']),
    ]);
    const sites = (JSON.parse(diff.stdout) as { sites: { function: string; allocObjects: { delta: number } }[] }).sites;
    expect(sites.map((s) => [s.function, s.allocObjects.delta])).toEqual([['main.newSession', 1799], ['runtime.malg', 1261], ['runtime/pprof.writeGoroutineStacks', 2]]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe("heapdoc: error: option '--sort <order>' argument 'bytes' is invalid. use inuse-space, inuse-objects, alloc-space, alloc-objects (or inuse_space, alloc_objects…) — run heapdoc diff --help for usage\n");
  });
});

describe('the config file and explain', () => {
  it('lint reads a JSONC heapdoc.config.json (comments, trailing commas, "$schema")', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'heapdoc-jsonc-'));
    try {
      const config = join(dir, 'heapdoc.config.json');
      await writeFile(config, '{\n  "$schema": "./node_modules/heapdoc/schema/heapdoc.config.schema.json",\n  // CI budget\n  "rules": {\n    "max-live-heap": ["error", { "limit": "10MiB", }], /* the leak fixture holds 21.8 MiB */\n  },\n}\n');
      const r = await runCli(['lint', 'test/fixtures/corpus/go1.23/leak/snap5.heap-debug1.txt', '--config', config, '--format', 'json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string; severity: number }[] }[];
      expect(result?.messages.filter((m) => m.ruleId === 'max-live-heap').map((m) => m.severity)).toEqual([2]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('explain lists default levels with the words the config accepts (warn, not warning)', async () => {
    const r = await runCli(['explain']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}gc-cpu-high +warn +\S/m);
    expect(r.stdout).toMatch(/^ {2}max-live-heap +off +\S/m);
    expect(r.stdout).not.toMatch(/ warning /);
  });
});

describe('concatenated dumps (cat snap*.txt | heapdoc)', () => {
  const DIR = 'test/fixtures/scenarios/heap-leak';
  const FILES = ['01-t1', '02-t2', '03-t3', '04-t4', '05-t5', '06-t6'].map((stem) => `${DIR}/${stem}.heap-debug1.txt`);

  /** The files joined as `cat` joins them, and the line each one starts at. */
  async function concatenated(): Promise<{ text: string; starts: number[] }> {
    const texts = await Promise.all(FILES.map((f) => readFile(f, 'utf8')));
    const starts: number[] = [];
    let line = 1;
    for (const t of texts) {
      starts.push(line);
      line += t.split('\n').length - 1;
    }
    return { text: texts.join(''), starts };
  }

  it('reads each dump as a snapshot: the same report as the files given one by one, with one note', async () => {
    const { text, starts } = await concatenated();
    expect(starts).toEqual([1, 51, 135, 260, 416, 588]);
    const [joined, separate] = await Promise.all([
      runCli(['--format', 'json'], { input: text }),
      runCli(['--format', 'json', ...FILES]),
    ]);
    expect(joined.stderr).toBe('heapdoc: standard input holds 6 concatenated heap dumps (at lines 1, 51, 135, 260, 416, 588); each is read as a snapshot of its own, as if given as 6 files\n');
    expect(joined.code).toBe(0);
    expect(separate.stderr).toBe('');
    const report = JSON.parse(joined.stdout) as { verdict: { leak: string; summary: string }; snapshots: { source: string }[] };
    expect(report.verdict.leak).toBe('suspected');
    expect(report.verdict.summary).toBe('Leak suspected (high confidence): live heap 4.3 MiB → 24.4 MiB across 6 GC-separated snapshots (snapshots 1→6); growing sites: main.remember +18.8 MiB.');
    expect(report.snapshots.map((s) => s.source)).toEqual(starts.map((n) => `-:${n}`));
    // Everything else, number for number: the separate run's report with its sources renamed, and
    // its findings' lines counted from the start of the whole input.
    let renamed = separate.stdout;
    // (The series finding names its files by their base names in its sentences.)
    FILES.forEach((file, i) => (renamed = renamed.replaceAll(JSON.stringify(file), JSON.stringify(`-:${starts[i]}`)).replaceAll(file.split('/').pop() ?? file, `-:${starts[i]}`)));
    // A dump of the stream has no name to say how it was fetched: its one-dump verdict does not tell to take a ?gc=1 dump as if it was none (gogc48).
    renamed = renamed
      .replaceAll('so this dump does not say what is live now.', 'unless the dump was read right after that GC (as heap?debug=1&gc=1 reads it), it does not say what is live now.')
      .replaceAll('until the next one, unless', 'until the next one: unless')
      .replaceAll('take a heap?debug=1&gc=1 dump (a GC runs before it, so that its HeapAlloc is the live heap) and another some time later,', 'take two heap?debug=1&gc=1 dumps some time apart (a GC runs before each, so that its HeapAlloc is the live heap), each saved to a file whose name says gc1 (heap-gc1-t1.txt: a dump on standard input has no name to say how it was fetched),');
    const expected = JSON.parse(renamed) as { findings: { source: string; line?: number }[]; series: { growingSites: { record?: { source: string; line: number } }[] } };
    for (const f of expected.findings) if (f.line !== undefined) f.line += Number(f.source.slice(2)) - 1;
    for (const { record } of expected.series.growingSites) if (record) record.line += Number(record.source.slice(2)) - 1;
    // The 11.77 ms pause of GC cycle 73 once, said by the latest dump that holds it, 06-t6 (its PauseNs line 166: line
    // 588 + 166 − 1 = 753), not in each of the five dumps that hold it, nor by the first, 02-t2 (repeated-facts.ts);
    // idle-heap-retained at the latest dump alone (line 741; 03-t3's and 04-t4's before audit 34).
    // The leak at main.remember's biggest record in 06-t6, its line 2: 588 + 2 − 1 = 589 (audit 45 #9).
    expect(expected.findings.map((f) => f.line)).toEqual([589, 753, 741]);
    expect(JSON.parse(joined.stdout)).toEqual(expected);
  });

  it('a file of concatenated dumps: named NAME:LINE in the text report; lint checks every dump of it', async () => {
    const { text } = await concatenated();
    const dir = await mkdtemp(join(tmpdir(), 'heapdoc-cat-'));
    try {
      const all = join(dir, 'all.txt');
      await writeFile(all, text);
      const [analyzed, linted, separately] = await Promise.all([
        runCli([all]),
        runCli(['lint', all, '--format', 'json']),
        runCli(['lint', ...FILES, '--format', 'json']),
      ]);
      expect(analyzed.stderr).toBe(`heapdoc: ${all} holds 6 concatenated heap dumps (at lines 1, 51, 135, 260, 416, 588); each is read as a snapshot of its own, as if given as 6 files\n`);
      expect(analyzed.stdout).toContain(`Latest snapshot\n${all}:588\n`);
      type Lint = { filePath: string; messages: { ruleId: string; line?: number; message: string }[] }[];
      const [joined] = JSON.parse(linted.stdout) as Lint;
      const files = JSON.parse(separately.stdout) as Lint;
      // The per-dump findings, dump by dump; and the series' (the dumps are snapshots of one process), once: at the file, or at the last of the files.
      const perDump = (messages: Lint[number]['messages']): Lint[number]['messages'] => messages.filter((m) => m.ruleId !== 'leak-suspected');
      expect(perDump(joined?.messages ?? []).map((m) => m.ruleId)).toEqual(files.flatMap((f) => perDump(f.messages).map((m) => m.ruleId)));
      // The GC pause once per process, at the latest dump that holds it (06-t6's PauseNs, line 753); the idle heap of this
      // growing heap is within its goal (room before the next GC: an info, not shown).
      expect(perDump(joined?.messages ?? []).map((m) => m.line)).toEqual([753]);
      expect(joined?.messages.filter((m) => m.ruleId === 'leak-suspected')).toHaveLength(1);
      expect(files.map((f) => f.messages.filter((m) => m.ruleId === 'leak-suspected').length)).toEqual([0, 0, 0, 0, 0, 1]);
      expect(joined?.messages.find((m) => m.ruleId === 'leak-suspected')?.message).toMatch(/^Leak suspected \(high confidence\) across 6 snapshots, all\.txt:1 → all\.txt:588: live heap 4\.3 MiB → 24\.4 MiB/);
      expect(linted.code).toBe(separately.code);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('lint names each dump of one file by its first line, in the series finding: all.txt:1 → all.txt:173, never all.txt → all.txt', async () => {
    const leak = 'samples/go1.23/leak';
    const names = (await readdir(leak)).sort();
    const cat = async (pattern: RegExp): Promise<string> => (await Promise.all(names.filter((n) => pattern.test(n)).map((n) => readFile(join(leak, n), 'utf8')))).join('');
    const dir = await mkdtemp(join(tmpdir(), 'heapdoc-cat-'));
    try {
      await writeFile(join(dir, 'all.txt'), await cat(/^snap\d\.heap-debug1\.txt$/));
      await writeFile(join(dir, 'g.txt'), await cat(/^snap\d\.goroutine-debug1\.txt$/));
      const heap = await runCli(['lint', '--no-config', 'all.txt'], { cwd: dir });
      expect(heap.code).toBe(1);
      expect(heap.stdout).toBe([
        '',
        'all.txt',
        '    error  Leak suspected (high confidence) across 5 snapshots, all.txt:1 → all.txt:173: HeapAlloc 4.3 MiB → 16.5 MiB over 4 snapshots taken at different GCs, each read between GCs; growing main.newSession 3.5 MiB → 6.0 MiB; goroutine stacks (StackInuse) 608.0 KiB → 1.9 MiB across 5 snapshots.  leak-suspected',
        '',
        '✖ 1 problem (1 error, 0 warnings)',
        '',
      ].join('\n'));
      const goroutines = await runCli(['lint', '--no-config', 'g.txt', '--rule', 'goroutine-growth=error:maxGrowth=1'], { cwd: dir });
      expect(goroutines.stdout).toContain('  error  The goroutine count grew by 620 (168 → 788) across g.txt:1 → g.txt:56, above the budget of 1.  goroutine-growth\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('splits concatenated goroutine?debug=1 profiles too: the same goroutine verdict', async () => {
    const files = ['01-t1', '02-t2', '03-t3', '04-t4', '05-t5', '06-t6'].map((stem) => `test/fixtures/scenarios/goroutine-leak/${stem}.goroutine-debug1.txt`);
    const text = (await Promise.all(files.map((f) => readFile(f, 'utf8')))).join('');
    const [joined, separate] = await Promise.all([runCli(['--format', 'json'], { input: text }), runCli(['--format', 'json', ...files])]);
    expect(joined.stderr).toBe('heapdoc: standard input holds 6 concatenated goroutine profiles (at lines 1, 37, 73, 116, 159, 202); each is read as a snapshot of its own, as if given as 6 files\n');
    expect(joined.code).toBe(0);
    type Report = { verdict: unknown; goroutines: { source: string; total: number; groups: { count: number; function: string }[] }[] };
    const [a, b] = [JSON.parse(joined.stdout) as Report, JSON.parse(separate.stdout) as Report];
    expect(a.verdict).toEqual({ leak: 'suspected', dominant: 'stacks', summary: 'Leak suspected (high confidence): growing goroutine groups across 6 dumps: main.waitForReply +2,000.' });
    expect(a.verdict).toEqual(b.verdict);
    expect(a.goroutines.map((g) => g.source)).toEqual(['-:1', '-:37', '-:73', '-:116', '-:159', '-:202']);
    const shape = (r: Report): unknown => r.goroutines.map((g) => [g.total, g.groups.map((x) => [x.count, x.function])]);
    expect(shape(a)).toEqual(shape(b));
    expect(a.goroutines.map((g) => g.total)).toEqual([404, 804, 1204, 1604, 2004, 2404]);
    // lint reads the profiles of the file as a series too.
    const dir = await mkdtemp(join(tmpdir(), 'heapdoc-gcat-'));
    try {
      await writeFile(join(dir, 'g.txt'), text);
      const lint = await runCli(['lint', join(dir, 'g.txt'), '--format', 'json']);
      const [result] = JSON.parse(lint.stdout) as { messages: { ruleId: string; message: string }[] }[];
      expect(result?.messages.map((m) => [m.ruleId, m.message])).toEqual([
        // The group once: goroutine-growth leaves it to the leak that names it (groupsSaidOnce).
        ['leak-suspected', 'Leak suspected (high confidence) across 6 snapshots, g.txt:1 → g.txt:202: goroutines main.waitForReply 400 → 2,400.'],
      ]);
      expect(lint.code).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints a repeated diagnostic once, with a count', async () => {
    // The second dump lost its 'heap profile:' line: its 7 records come after the first MemStats block.
    const [first, second] = await Promise.all(FILES.slice(0, 2).map((f) => readFile(f, 'utf8')));
    const r = await runCli([], { input: `${first}${(second ?? '').slice((second ?? '').indexOf('\n') + 1)}` });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe([
      "-:51:1: error: a heap record after the runtime.MemStats block (×7) — records come before '# runtime.MemStats'; if dumps were joined, this one lost its 'heap profile:' line",
      "-:106:1: error: a second '# runtime.MemStats' block (the first starts on line 23); its lines are not read — a dump starts with its 'heap profile:' line; if dumps were joined, this one lost it",
      '',
    ].join('\n'));
    // heapdoc escape too: the same warning on two lines is one line, at the first.
    const escape = await runCli(['escape'], { input: '# example.com/x\n./main.go:5:6: can inline f\n./main.go:7:2: \u0001weird\n./main.go:8:2: \u0001weird\n' });
    expect(escape.code).toBe(0);
    expect(escape.stderr).toBe('-:3:16: warning: unexpected character "\\u0001" (×2) — heapdoc kept this line as kind \'unrecognized\' and read the rest\n');
  });
});
