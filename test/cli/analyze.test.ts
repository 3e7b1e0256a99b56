/** `heapdoc [analyze]` end to end: the built binary, its stdout, stderr and exit code. */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { corpusPath, readCorpus } from '../helpers/fixtures.js';
import { DAMAGED_GZ_DIR, DAMAGED_GZ_ERRORS } from '../helpers/damaged-gz.js';

const ROUTINE3 = 'test/fixtures/corpus/go1.23/seed/routine3.after-free.heap-debug1.txt';

describe('reports', () => {
  it('prints the text report for a dump', async () => {
    const r = await runCli([ROUTINE3]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Not a leak of reachable data: HeapAlloc 4\.7 MiB \(the live heap as of the last GC, cycle 3, and what was allocated since\) of 32\.1 MiB mapped/);
    expect(r.stdout).toContain('released         22.0 MiB   68.4%');
    expect(r.stdout).toContain('runtime.malg (goroutine descriptors)');
    expect(r.stdout).not.toContain('\u001b['); // not a TTY: no colour
    // A pipe: nothing hard-wrapped, each sentence on one line (conventions.test.ts).
    expect(r.stdout).toContain('\n  Go holds 10.1 MiB (Sys − HeapReleased: its own estimate of physical memory, what GOMEMLIMIT bounds).\n');
  });

  it('writes the contract JSON, with LastGC and PauseEnd exact', async () => {
    const r = await runCli([ROUTINE3, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"LastGC": 1795723990459880767');
    const json = JSON.parse(r.stdout) as {
      schemaVersion: number;
      snapshots: { source: string; kind: string; memStats: Record<string, unknown>; breakdown: Record<string, number>; profile: { samplingRate: number; sites: { function: string; inuseBytes: number }[] } }[];
      goroutines: unknown[];
      findings: { ruleId: string; severity: string }[];
      verdict: { leak: string; dominant: string; summary: string };
      diagnostics: unknown[];
    };
    expect(json.schemaVersion).toBe(1);
    const s = json.snapshots[0];
    expect(s?.kind).toBe('heap');
    expect(s?.memStats.HeapAlloc).toBe(4898176);
    expect(s?.memStats.StackInuse).toBe(688128);
    expect(s?.memStats.StackSys).toBe(688128);
    expect(s?.memStats.Stack).toBeUndefined();
    expect((s?.memStats.PauseNs as number[]).length).toBe(256);
    expect(s?.breakdown).toEqual({
      live: 4898176, fragmentation: 5644288 - 4898176, idle: 0, released: 23027712, stacks: 688128,
      runtime: 244800 + 15600 + 1443404 + 2185112 + 392692, sys: 33641736, retained: 33641736 - 23027712,
    });
    expect(s?.profile.samplingRate).toBe(524288);
    expect(s?.profile.sites[0]?.function).toBe('runtime.malg');
    expect(json.verdict).toMatchObject({ leak: 'not-suspected', dominant: 'released' });
    expect(json.goroutines).toEqual([]);
    expect(json.diagnostics).toEqual([]);
  });

  it('writes Markdown', async () => {
    const r = await runCli([ROUTINE3, '-f', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# heapdoc report');
    expect(r.stdout).toContain('| released | 23,027,712 | 22.0 MiB | 68.4% |');
  });

  it('reads a piped stdin when no INPUT is given, and - explicitly', async () => {
    const input = readCorpus('go1.21/peak/default.idle.heap-debug1.txt');
    for (const args of [[], ['-'], ['analyze', '-']]) {
      const r = await runCli([...args, '--format', 'json'], { input });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).verdict.dominant).toBe('idle');
    }
    // The report heads the piped dump "standard input", not a bare "-" (JSON keeps `-`, its name on the command line).
    const [text, markdown] = await Promise.all([runCli(['-f', 'text'], { input }), runCli(['-f', 'markdown'], { input })]);
    expect(text.stdout.split('\n').slice(4, 6)).toEqual(['standard input', 'heap dump · Go version unknown · 1 record']);
    expect(markdown.stdout).toContain('\n## standard input\n');
  });

  it('strips control characters from dump text before printing', async () => {
    const text = 'heap profile: 1: 2048 [1: 2048] @ heap/1048576\n1: 2048 [1: 2048] @ 0x2\n#\t0x1\tmain.evil\u001b]0;pwned\u0007+0x1\t/x.go:1\n\n# runtime.MemStats\n# Alloc = 1\n';
    const r = await runCli(['-'], { input: text });
    expect(r.stdout).toContain('main.evil?]0;pwned?');
    expect(r.stdout).not.toMatch(/[\u0007\u001b]/);
  });
});

describe('go1.26 dumps and dumps of several moments', () => {
  it('a go1.26 dump: its version from the devel toolchain path, runtime.malg its descriptors\' site (not runtime.mallocgc); the series says what they are', async () => {
    const one = await runCli([corpusPath('go1.26-devel/seed/routine4.after-free.heap-debug1.txt'), '--color=never']);
    expect(one.stdout).toContain('heap dump · go1.26 (inferred) · 10 records\n');
    expect(one.stdout).toContain('    4.0 MiB     8,742     4.0 MiB  runtime.malg (goroutine descriptors)\n');
    expect(one.stdout).not.toContain('runtime.mallocgc');
    expect(one.stdout).toContain('  info goroutine-descriptors: About 8,742 goroutine descriptors hold 4.0 MiB of live heap (runtime.malg): an estimate from 8 samples.\n');
    const series = await runCli([corpusPath('go1.26-devel/seed/routine4.after-wait.heap-debug1.txt'), corpusPath('go1.26-devel/seed/routine4.after-free.heap-debug1.txt'), '--color=never']);
    // Both fell; the stacks by more (19.8 MiB → 928 KiB, the live heap 11.8 → 5.0 MiB), and their
    // freed spans grew HeapSys 16.2 → 35.1 MiB: the burst is named (reasoning.md §7), seen ending.
    expect(series.stdout.split('\n').slice(0, 2)).toEqual([
      'Peak retention, not a leak: a burst of goroutines was on at the first snapshot and ended — their stacks (StackInuse) fell from 19.8 MiB at snapshot 1 to 928.0 KiB, and the freed stack spans are heap the runtime keeps (HeapSys 35.1 MiB: 32.0 KiB idle, 29.1 MiB released).',
      'Live heap 11.8 MiB → 5.0 MiB across 2 GC-separated snapshots (snapshots 1→2): runtime.malg +2.0 MiB is the burst\'s goroutine descriptors, which the runtime keeps for reuse — a cost of the peak, not growth.',
    ]);
  });

  it('a series\' findings start with the series rules\' (leak-suspected, which names the growing groups: goroutine-growth does not say them again), as lint reports them, in JSON and in text', async () => {
    const json = await runCli([corpusPath('go1.21/leak'), '--format', 'json']);
    const findings = (JSON.parse(json.stdout) as { findings: { ruleId: string; source: string; line?: number }[] }).findings;
    expect(findings.map((f) => [f.ruleId, f.source.split('/').pop(), f.line])).toEqual([['leak-suspected', 'snap5.heap-debug1.txt', undefined]]);
    const text = await runCli([corpusPath('go1.21/leak'), '--color=never']);
    expect(text.stdout).toContain('\nFindings (the series and its latest snapshot)\n  error leak-suspected: Leak suspected (high confidence) across 5 snapshots, snap1.heap-debug1.txt → snap5.heap-debug1.txt: ');
    expect(text.stdout).toContain('main.waitForReply [chan receive] 33 → 190 and 1 more; goroutine stacks');
  });

  it('reads a file named twice once (by name, and in its directory): five snapshots, not six', async () => {
    const dir = 'samples/go1.23/leak';
    const r = await runCli([`${dir}/snap1.heap-debug1.txt`, dir, `./${dir}/snap5.heap-debug1.txt`, '--format', 'json']);
    const report = JSON.parse(r.stdout) as { snapshots: { source: string }[]; goroutines: unknown[] };
    expect(report.snapshots.map((s) => s.source)).toEqual([1, 2, 3, 4, 5].map((n) => `${dir}/snap${n}.heap-debug1.txt`));
    expect(report.goroutines).toHaveLength(4);
  });

  it('--top 0 lists every site (as escape --limit 0), in text and Markdown', async () => {
    const dump = 'test/fixtures/captured/go1.19-parseheap/printer.heap-debug1.txt.gz';
    const byDefault = await runCli([dump, '--color=never']);
    expect(byDefault.stdout).toContain('  … 122 more sites (--top N, or --format json for all)\n'); // 132 with bytes (2 of 134 sites hold none)
    const all = await runCli([dump, '--color=never', '--top', '0']);
    expect(all.stdout).not.toContain('more site');
    const siteRows = (out: string): number => out.slice(out.indexOf('Allocation sites'), out.indexOf('\nFindings')).split('\n').filter((l) => /^ {2}\s*[\d.]+ [KMG]?i?B /.test(l)).length;
    expect(siteRows(all.stdout)).toBe(132);
    const markdown = await runCli([dump, '--format', 'markdown', '--top', '0']);
    expect(markdown.stdout).not.toContain('more site');
  });

  it('divides StackInuse by the goroutines of the same moment: the heap dump that shares the goroutine dump\'s name, or none', async () => {
    const line = (out: string): string | undefined => out.split('\n').find((l) => l.includes('per goroutine on average'));
    const dir = await runCli([corpusPath('go1.21/stacks'), '--color=never']);
    expect(line(dir.stdout)).toBe('  StackInuse 125.4 MiB / 1,004 goroutines = 127.9 KiB per goroutine on average (they start at 2 KiB).');
    const unmatched = await runCli([corpusPath('go1.21/stacks/exited.heap-debug1.txt'), corpusPath('go1.21/stacks/returned.heap-debug1.txt'), corpusPath('go1.21/stacks/deep.goroutine-debug1.txt'), '--color=never']);
    expect(unmatched.stdout).toContain('Goroutines\n');
    expect(line(unmatched.stdout)).toBeUndefined();
  });
});

describe('bad input: one line on stderr, exit code 2', () => {
  it('a dump cut after a lone #: the cut is said without a lexing detail, and the headline names the MemStats fields it lacks', async () => {
    const cut = readCorpus('go1.21/seed/routine4.after-wait.heap-debug1.txt').slice(0, 1500);
    const r = await runCli(['-', '--color=never'], { input: cut });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('-:37:1: error: the input ends in the middle of this line (truncated?) — the dump was cut short; capture it again and make sure the whole response was saved\n');
    expect(r.stdout.split('\n')[0]).toBe('The runtime.MemStats block lacks StackSys: the memory cannot be split into live, idle and released; only the sampled profile was read.');
  });

  const cases: [string, string | Buffer, RegExp][] = [
    // A protobuf profile starts with field 1 (sample_type, tag 0x0a): binary once decompressed.
    ['a gzipped protobuf that is no heap profile', gzipSync(Buffer.from([0x0a, 0x12, 0x0a, 0x0c, 0x00, 0x01, 0x02, 0x10, 0x03, 0x1a, 0x00, 0x00])), /^-: error: a protobuf profile with no heap samples \(no sample types: damaged, or not a Go profile\) — fetch \/debug\/pprof\/heap/],
    ['empty', '', /^heapdoc: error: -: the input is empty — /],
    ['random bytes', Buffer.from([0, 1, 2, 3, 255, 254, 0, 7]), /^heapdoc: error: -: binary data, not a text dump/],
    ['compiler output', './main.go:10:6: can inline f\n./main.go:12:2: moved to heap: x\n', /^heapdoc: error: -: compiler -m output \(go build -gcflags=-m\), but heapdoc analyze reads heap dumps/],
    ['some other text', 'hello world\n', /^heapdoc: error: -: not a Go heap dump \(the first line is "hello world"\)/],
  ];
  it.each(cases)('%s', async (_name, input, expected) => {
    const r = await runCli(['-'], { input });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(expected);
  });

  it('a gzip-compressed text dump is read through gunzip', async () => {
    const r = await runCli(['-', '--format', 'json'], { input: gzipSync(readCorpus('go1.23/seed/routine3.after-free.heap-debug1.txt')) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).snapshots[0].memStats.HeapAlloc).toBe(4898176);
    const damaged = gzipSync(readCorpus('go1.23/seed/routine3.after-free.heap-debug1.txt')).subarray(0, 200);
    const bad = await runCli(['-'], { input: damaged });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^heapdoc: error: -: the gzip data is damaged: unexpected end of file — check that the file was copied whole\n$/);
  });

  it('a gzip file in a directory that cannot be unpacked is an error of that input, as when named; the rest is reported', async () => {
    const dir = DAMAGED_GZ_DIR;
    const damaged = DAMAGED_GZ_ERRORS;
    const r = await runCli([dir, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n').sort()).toEqual(damaged);
    expect((JSON.parse(r.stdout) as { snapshots: { source: string }[] }).snapshots.map((s) => s.source)).toEqual([`${dir}/01.metrics.txt`]);
    for (const [i, name] of ['01.heap.pb.gz', '02.heap.pb.gz'].entries()) {
      expect(await runCli([`${dir}/${name}`])).toEqual({ code: 2, stdout: '', stderr: `${damaged[i]}\n` });
      expect((await runCli([`${dir}/*.pb.gz`])).stderr.trimEnd().split('\n').sort()).toEqual(damaged);
    }
  });

  it('GCCPUFraction is as of the last GC: how long before the capture when a paired binary profile says when it was taken', async () => {
    const dir = 'test/fixtures/captured/go1.19-auditC/cap-burst2';
    const r = await runCli([`${dir}/heap.3.pb.gz`, `${dir}/vars.3.json`, '--format', 'json']);
    expect(r.code).toBe(0);
    const findings = (JSON.parse(r.stdout) as { findings: { ruleId: string; message: string }[] }).findings;
    expect(findings.filter((f) => f.ruleId === 'gc-cpu-high').map((f) => f.message)).toEqual([
      'The GC had used 15.9% of the available CPU since the process started, as of the last GC (cycle 5, 15.33 s before the capture).',
    ]);
    // /debug/vars alone says nothing of when it was taken.
    const alone = JSON.parse((await runCli([`${dir}/vars.3.json`, '--format', 'json'])).stdout) as { findings: { ruleId: string; message: string }[] };
    expect(alone.findings.find((f) => f.ruleId === 'gc-cpu-high')?.message).toBe('The GC had used 15.9% of the available CPU since the process started, as of the last GC (cycle 5).');
  });

  it('an inconsistent /debug/vars (HeapAlloc 2^64 − 1): no share above 100% in the breakdown, and the advice names /debug/vars', async () => {
    const r = await runCli(['test/fixtures/captured/go1.19-auditC/bad/vars-maxu64.json']);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'The dump is inconsistent: it breaks Alloc = HeapAlloc; HeapAlloc ≤ HeapInuse, which the runtime always keeps, so no conclusion is drawn from it.',
      'Capture it again from /debug/vars without editing it.',
    ]);
    expect(lines.filter((l) => l.startsWith('  live '))).toEqual(['  live             16.0 EiB       –  ████████████████████████']);
    expect(lines.filter((l) => l.includes('fix:'))).toEqual(Array(2).fill('    fix: Do not reason from this dump: capture it again from /debug/vars without editing it.'));
    const markdown = await runCli(['test/fixtures/captured/go1.19-auditC/bad/vars-maxu64.json', '--format', 'markdown']);
    expect(markdown.stdout.split('\n').filter((l) => l.startsWith('| live |')).map((l) => l.split(' | ').slice(2))).toEqual([['16.0 EiB', '– |']]);
  });

  it('a missing file', async () => {
    const r = await runCli(['no/such/dump.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('heapdoc: error: no/such/dump.txt: no such file or directory — pass a dump file, a directory, a glob, - for standard input, or an http(s) URL\n');
  });

  it('a profile no command reads (Java heapz, threadcreate): what it is, once, and what heapdoc reads', async () => {
    const java = corpusPath('fetched/google-pprof/profile/testdata/java.heap');
    const reads = 'heapdoc reads heap?debug=1, goroutine?debug=1/2, /metrics, /debug/vars, gctrace logs, .pb.gz heap profiles and -gcflags=-m output';
    for (const args of [[java], ['escape', java]]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(`heapdoc: error: ${java}: a 'heapz' profile, which heapdoc does not analyze — ${reads}\n`);
    }
    // lint says it once, in its report (audit 44 F13c: on stderr too).
    expect(await runCli(['lint', java])).toEqual({ code: 2, stderr: '', stdout: `\n${java}\n  error  a 'heapz' profile, which heapdoc does not analyze\n         ${reads}\n\n✖ 1 input could not be read, 0 dumps linted\n` });
    const thread = await runCli(['-'], { input: 'threadcreate profile: total 2\n1 @\n1 @ 0x1\n' });
    expect(thread.stderr).toMatch(/^heapdoc: error: -: a 'threadcreate' profile, which heapdoc does not analyze — /);
    expect(thread.code).toBe(2);
  });

  it('a truncated dump: what was read on stdout, the problem on stderr', async () => {
    const text = readCorpus('go1.23/seed/routine3.after-free.heap-debug1.txt');
    const cut = text.slice(0, text.indexOf('# PauseNs') + 40);
    const r = await runCli(['-', '--format', 'json'], { input: cut });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("-:34:41: error: the input ends in the middle of this line (truncated?): expected ']' in a MemStats value, found the end of the line — the dump was cut short; capture it again and make sure the whole response was saved\n");
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stdout).snapshots[0].memStats.HeapAlloc).toBe(4898176);
  });

  it('a bad file does not stop the batch', async () => {
    const r = await runCli(['no/such.txt', ROUTINE3, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).snapshots).toHaveLength(1);
    expect(r.stderr).toContain('no/such.txt: no such file');
  });

  it('usage errors', async () => {
    const r = await runCli([ROUTINE3, '--format', 'yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("heapdoc: error: option '-f, --format <format>' argument 'yaml' is invalid (allowed: text, json, markdown) — run heapdoc analyze --help for usage");
    const rss = await runCli([ROUTINE3, '--rss', 'lots']);
    expect(rss.code).toBe(2);
    expect(rss.stderr).toBe('heapdoc: error: --rss lots: not a size — write it as bytes or with a unit: 48MiB, 49152k, 1.5G\n');
  });

  it('no input at all: stdin is /dev/null here, nothing piped in, so no input was given (was "-: the input is empty")', async () => {
    const r = await runCli([]);
    expect(r).toEqual({ code: 2, stdout: '', stderr: "heapdoc: error: no input given — pass dump files or a directory (heapdoc dumps/), or pipe one in: curl -s 'http://HOST:PORT/debug/pprof/heap?debug=1' | heapdoc\n" });
    // An empty input piped in is still said as one.
    expect((await runCli([], { input: '' })).stderr).toMatch(/^heapdoc: error: -: the input is empty/);
  });
});

describe('help and version', () => {
  it('--help and --version exit 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: heapdoc');
    const analyzeHelp = await runCli(['analyze', '--help']);
    expect(analyzeHelp.stdout).toContain('curl -s http://127.0.0.1:6060/debug/pprof/heap?debug=1 | heapdoc');
    const version = await runCli(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('inputs: directories, globs, URLs', () => {
  it('reads the dumps of a directory and skips its other files', async () => {
    // Eight runs of four programs: not one process, so --separately.
    const r = await runCli(['test/fixtures/corpus/go1.21/seed', '--separately', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).snapshots).toHaveLength(8); // 4 routines × 2 phases; .json and .stderr.txt skipped
    const together = await runCli(['test/fixtures/corpus/go1.21/seed']);
    expect(together.code).toBe(2);
    // The files it does not read are named, as lint names them (they were left out without a word): in one line (they were 12), each in JSON.
    expect(together.stderr.trimEnd().split('\n').filter((l) => !l.startsWith('heapdoc: error:'))).toEqual([
      'heapdoc: skipped 12 files not in a format heapdoc analyze reads: routine1.after-free.json, routine1.after-wait.json, routine1.stderr.txt and 9 more; --format json lists them',
    ]);
    // One binary, four runs: one line for the folder (was a line for each place a counter falls; analyze-several-runs.test.ts).
    expect(together.stderr.trimEnd().split('\n').filter((l) => l.startsWith('heapdoc: error:'))).toEqual([
      "heapdoc: error: test/fixtures/corpus/go1.21/seed/ holds dumps of at least 4 runs or processes: run 1 (GC 1 ended 20:08:51.473 UTC): routine1.after-free.heap-debug1.txt; run 2 (GC 1 ended 20:08:51.912 UTC): routine2.after-wait.heap-debug1.txt, routine2.after-free.heap-debug1.txt; run 3 (GC 1 ended 20:08:53.978 UTC): routine3.after-wait.heap-debug1.txt, routine3.after-free.heap-debug1.txt; run 4 (GC 1 ended 20:08:56.022 UTC): routine4.after-wait.heap-debug1.txt, routine4.after-free.heap-debug1.txt; 1 dump holds no GC 1 to place it by (routine1.after-wait.heap-debug1.txt); 3 pairs of its dumps cannot be snapshots of one process, as cumulative counters fall between them (routine2.after-wait.heap-debug1.txt and routine1.after-free.heap-debug1.txt: NumGC falls from 2 to 1 while TotalAlloc rises (2,283,504 → 5,913,408); routine3.after-wait.heap-debug1.txt and routine2.after-free.heap-debug1.txt; routine4.after-wait.heap-debug1.txt and routine3.after-free.heap-debug1.txt) — move each run's dumps into a folder of its own and run heapdoc on each folder for its series verdict; --separately reads each dump alone, with no series verdict (one dump cannot tell a leak from a peak)",
    ]);
  });

  it('the text and Markdown reports count the files skipped in one line (a report saved or posted kept no trace of them)', async () => {
    // routine1 of the seed: its two heap dumps, its after-free.json, after-wait.json and stderr.txt skipped.
    const files = ['after-free.heap-debug1.txt', 'after-wait.heap-debug1.txt', 'after-free.json', 'after-wait.json', 'stderr.txt'].map((f) => `test/fixtures/corpus/go1.21/seed/routine1.${f}`);
    const line = '3 files skipped (not read as dumps): stderr and --format json say which and why';
    const text = await runCli(['test/fixtures/corpus/go1.21/seed/routine1.*', '--format', 'text']);
    expect([text.code, text.stdout.trimEnd().split('\n').slice(-2)]).toEqual([0, ['', line]]);
    const markdown = await runCli(['test/fixtures/corpus/go1.21/seed/routine1.*', '--format', 'markdown']);
    expect([markdown.code, markdown.stdout.trimEnd().split('\n').slice(-2)]).toEqual([0, ['', `${line}.`]]);
    expect(markdown.stderr.trimEnd().split('\n')).toEqual(['heapdoc: skipped 3 files not in a format heapdoc analyze reads: routine1.after-free.json, routine1.after-wait.json, routine1.stderr.txt; --format json lists them']);
    // Nothing skipped: no line.
    const none = await runCli([...files.slice(0, 2), '--format', 'text']);
    expect(none.stdout).not.toMatch(/skipped/);
  });

  it('two runs at different MemProfileRates are two processes, even where their counters agree (the corpus\'s memrate)', async () => {
    // rate-default's dumps have less TotalAlloc and NumGC than rate-1's: no counter falls. Its
    // allocs and heap dumps of one capture are one moment each; the rates (heap/2, heap/1048576) differ.
    const r = await runCli(['test/fixtures/corpus/go1.19/memrate']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'heapdoc: skipped 2 files not in a format heapdoc analyze reads: rate-1.json, rate-default.json; --format json lists them',
      'heapdoc: 2 inputs are other captures of a moment already read (the same folder and file stem: rate-1.allocs-debug1.txt beside rate-1.heap-debug1.txt): one snapshot per moment',
      'heapdoc: error: test/fixtures/corpus/go1.19/memrate/rate-1.heap-debug1.txt and test/fixtures/corpus/go1.19/memrate/rate-default.heap-debug1.txt cannot be snapshots of one process: their heap profiles are sampled at different rates (MemProfileRate 1 and 524,288) and no GC cycle both hold links them — a program sets runtime.MemProfileRate once, at its start, and a run that changes it later is told by the GC cycles two dumps share: for dumps of different runs, add --separately',
    ]);
    const separately = await runCli(['test/fixtures/corpus/go1.19/memrate', '--separately', '--format', 'json']);
    expect(separately.code).toBe(0);
    expect((JSON.parse(separately.stdout) as { snapshots: unknown[] }).snapshots).toHaveLength(4);
  });

  it('a directory with no dump is named, with how to fix the capture step, as lint names it (was "no heap or goroutine dump among the inputs"): exit 2', async () => {
    const capture = 'check the capture step that saved these files (curl -f fails on an HTTP error instead of saving the error page), or leave this input out';
    const empty = mkdtempSync(join(tmpdir(), 'heapdoc-empty-'));
    expect(await runCli([empty])).toEqual({ code: 2, stdout: '', stderr: `heapdoc: error: ${empty}: no dump here (it holds no file) — ${capture}\n` });
    // A README and a text file that is not a dump: both counted, each named as skipped.
    const junk = mkdtempSync(join(tmpdir(), 'heapdoc-junk-'));
    copyFileSync('test/fixtures/captured/go1.19-auditF/README.md', join(junk, 'README.md'));
    writeFileSync(join(junk, 'a.txt'), 'hello\n');
    expect(await runCli([junk, empty, '--format', 'json'])).toEqual({
      code: 2, stdout: '',
      stderr: [
        `heapdoc: skipped ${join(junk, 'a.txt')}: not a format heapdoc analyze reads`,
        'heapdoc: skipped 1 file of source code or documentation (.md)',
        `heapdoc: error: ${junk}: no dump here (its 2 files are not a format heapdoc analyze reads) — ${capture}`,
        `heapdoc: error: ${empty}: no dump here (it holds no file) — ${capture}`,
        '',
      ].join('\n'),
    });
  });

  it('expands a glob', async () => {
    const r = await runCli(['test/fixtures/corpus/go1.21/peak/default.*.heap-debug1.txt', '--format', 'json']);
    expect(JSON.parse(r.stdout).snapshots).toHaveLength(6);
  });

  let server: Server;
  let base = '';
  beforeAll(async () => {
    const dump = readCorpus('go1.23/seed/routine3.after-free.heap-debug1.txt');
    server = createServer((req, res) => {
      if (req.url === '/debug/pprof/heap?debug=1') res.end(dump);
      else if (req.url === '/debug/pprof/heap') res.end(gzipSync(Buffer.from([0x0a, 0x12, 0x0a, 0x0c, 0x00, 0x01, 0x02])));
      else if (req.url === '/loop') res.writeHead(302, { location: '/loop' }).end();
      else if (req.url === '/moved') res.writeHead(301, { location: '/debug/pprof/heap?debug=1' }).end();
      else if (req.url === '/slow') setTimeout(() => res.end(dump), 5000);
      else if (req.url === '/to-credentials') res.writeHead(302, { location: 'http://user:s3cret@127.0.0.1:9/debug/pprof/heap?debug=1' }).end();
      else res.writeHead(404).end('404 page not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fetches a URL, following a redirect', async () => {
    for (const path of ['/debug/pprof/heap?debug=1', '/moved']) {
      const r = await runCli([`${base}${path}`, '--format', 'json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).snapshots[0].memStats.HeapAlloc).toBe(4898176);
    }
  });

  it('explains URL failures in one line', async () => {
    const cases: [string, string[], RegExp][] = [
      ['/debug/pprof/heap', [], /a protobuf profile with no heap samples/],
      ['/nope', [], /the server answered 404 Not Found — the pprof handlers live under \/debug\/pprof\//],
      ['/loop', [], /more than 5 redirects/],
      ['/slow', ['--timeout', '0.5'], /: cannot fetch: no complete answer within 0\.5 s — for a slow server raise --timeout \(0\.5 s now\); is the program serving net\/http\/pprof at that address\?\n$/],
      ['/to-credentials', [], /: the server redirected to http:\/\/\*\*\*@127\.0\.0\.1:9\/debug\/pprof\/heap\?debug=1, a URL with credentials \(not supported\) — save the dump with curl and pass the file\n$/],
    ];
    for (const [path, extra, expected] of cases) {
      const r = await runCli([`${base}${path}`, ...extra]);
      expect(r.code, path).toBe(2);
      expect(r.stderr.trim().split('\n'), path).toHaveLength(1);
      expect(r.stderr, path).toMatch(expected);
    }
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const closed = await runCli([`http://127.0.0.1:${closedPort}/debug/pprof/heap?debug=1`]);
    expect(closed.code).toBe(2);
    expect(closed.stderr).toMatch(/cannot fetch: connection refused — is the program running and serving net\/http\/pprof/);
  });

  it('a URL with credentials is refused without echoing its password; an address without http:// is said so', async () => {
    const [credentials, address, port] = await Promise.all([
      runCli(['http://user:s3cret@127.0.0.1:1/debug/pprof/heap?debug=1']),
      runCli(['127.0.0.1:6061/debug/pprof/heap?debug=1']),
      runCli(['localhost:6061']),
    ]);
    expect(credentials.stderr).toBe("heapdoc: error: http://***@127.0.0.1:1/debug/pprof/heap?debug=1: URLs with credentials (user:password@) are not supported — fetch it with curl and pipe it in: curl -su USER 'http://127.0.0.1:1/debug/pprof/heap?debug=1' | heapdoc\n");
    expect(address.stderr).toBe("heapdoc: error: 127.0.0.1:6061/debug/pprof/heap?debug=1: no such file or directory — add http:// to fetch it: 'http://127.0.0.1:6061/debug/pprof/heap?debug=1'\n");
    expect(port.stderr).toBe("heapdoc: error: localhost:6061: no such file or directory — add http:// to fetch it: 'http://localhost:6061'\n");
    for (const r of [credentials, address, port]) expect(r.code).toBe(2);
    // The URL alone: `heapdoc 'http://…'` dropped diff's and lint's command and their other inputs.
    expect(await runCli(['diff', 'localhost:6061', 'test/fixtures/corpus/go1.23/leak/snap1.heap-debug1.txt'])).toMatchObject({ code: 2, stderr: "heapdoc: error: localhost:6061: no such file or directory — add http:// to fetch it: 'http://localhost:6061'\n" });
    // lint says it in its report (audit 44 F13c: on stderr too).
    expect(await runCli(['lint', 'localhost:6061'])).toEqual({ code: 2, stderr: '', stdout: "\nlocalhost:6061\n  error  no such file or directory\n         add http:// to fetch it: 'http://localhost:6061'\n\n✖ 1 input could not be read, 0 dumps linted\n" });
    // lint's hint pipes into lint, not into analyze (diff's: test/cli/diff.test.ts); no report names the password (the entry's name was the URL as given).
    expect(await runCli(['lint', 'http://user:s3cret@127.0.0.1:1/debug/pprof/heap?debug=1'])).toEqual({
      code: 2, stderr: '', stdout: "\nhttp://***@127.0.0.1:1/debug/pprof/heap?debug=1\n  error  URLs with credentials (user:password@) are not supported\n         fetch it with curl and pipe it in: curl -su USER 'http://127.0.0.1:1/debug/pprof/heap?debug=1' | heapdoc lint\n\n✖ 1 input could not be read, 0 dumps linted\n",
    });
    for (const format of ['json', 'sarif', 'markdown']) {
      const r = await runCli(['lint', 'http://user:s3cret@127.0.0.1:1/debug/pprof/heap?debug=1', '--format', format]);
      expect([r.code, r.stdout.includes('s3cret'), r.stdout.includes('@127.0.0.1:1/debug/pprof/heap')], format).toEqual([2, false, true]);
    }
  });

  it('a name too long for the system is said so, not "no such file"', async () => {
    const r = await runCli([`${'a'.repeat(300)}.txt`]);
    expect(r.stderr).toBe(`heapdoc: error: ${'a'.repeat(300)}.txt: cannot read: ENAMETOOLONG (name too long) — a name is at most 255 bytes: rename the file, or pass its directory\n`);
    expect(r.code).toBe(2);
    // Far longer than any name: its first 60 characters, so that the problem stays one readable line.
    const long = await runCli([`${'b'.repeat(5000)}.txt`]);
    expect(long).toMatchObject({ code: 2, stderr: `heapdoc: error: ${'b'.repeat(60)}…: cannot read: ENAMETOOLONG (name too long) — a name is at most 255 bytes: rename the file, or pass its directory\n` });
  });

  it('reads a corpus file by absolute path', async () => {
    const r = await runCli([corpusPath('go1.19/seed/routine1.after-free.heap-debug1.txt'), '-f', 'json']);
    expect(JSON.parse(r.stdout).verdict.leak).toBe('not-suspected');
  });
});

describe('--escape: the compiler joined to the allocation sites', () => {
  it("shows why routine4's make([]byte, 1000) is on the heap, in JSON and text", async () => {
    for (const v of ['go1.19', 'go1.23', 'go1.26-devel']) {
      const heap = `test/fixtures/corpus/${v}/seed/routine4.after-wait.heap-debug1.txt`;
      const m2 = `test/fixtures/corpus/${v}/compiler/seed.gcflags-m2.txt`;
      const r = await runCli([heap, '--escape', m2, '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      const sites = JSON.parse(r.stdout).snapshots[0].profile.sites as { function: string; line: number; escape?: { kind: string; message: string; cause?: string }[]; escapeStatus?: string }[];
      const site = sites.find((s) => s.function === 'main.routine4');
      expect(site?.line).toBe(29);
      expect(site?.escapeStatus).toBe('agrees');
      expect(site?.escape?.find((d) => d.message === 'make([]byte, 1000) escapes to heap')).toMatchObject({ kind: 'escapes-to-heap', cause: 'goroutine' });
      // Sites all in the runtime carry no escape field.
      expect(sites.find((s) => s.function === 'runtime.malg')?.escape).toBeUndefined();
    }
    const text = await runCli(['test/fixtures/corpus/go1.23/seed/routine4.after-wait.heap-debug1.txt', '--escape', 'test/fixtures/corpus/go1.23/compiler/seed.gcflags-m2.txt']);
    expect(text.stdout).toContain('compiler: make([]byte, 1000) escapes to heap');
  });

  it('escapeStatus `silent` where the -m output covers the file but says nothing at the line, `not-covered` where it has no such file (docs/json.md)', async () => {
    // memtest -mode blocked (go1.19): `ch := make(chan int)` at main.go:122 and `<-ch` in blockForever at 66.
    const dir = 'test/fixtures/captured/go1.19-escape';
    const r = await runCli([`${dir}/memtest-blocked.heap-debug1.txt`, '--escape', `${dir}/memtest.m2.txt`, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    type Site = { function: string; file: string; line: number; escape?: unknown[]; escapeStatus?: string; escapeExplanation?: string };
    const sites = JSON.parse(r.stdout).snapshots[0].profile.sites as Site[];
    const at = (fn: string, line: number): Site | undefined => sites.find((s) => s.function === fn && s.line === line);
    expect(at('main.main', 122)).toMatchObject({ escape: [], escapeStatus: 'silent' });
    expect(at('main.main', 122)?.escapeExplanation).toMatch(/^the compiler reports nothing about heap values at \.\/main\.go:122: /);
    expect(at('main.blockForever', 66)).toMatchObject({ escape: [], escapeStatus: 'silent' });
    expect(at('bufio.NewWriterSize', 593)).toMatchObject({ escape: [], escapeStatus: 'not-covered' });
    expect(at('runtime.malg', 4076)?.escapeStatus).toBeUndefined();
    // The text report lists compiler lines only where there are messages (or a disagreement).
    const text = await runCli([`${dir}/memtest-blocked.heap-debug1.txt`, '--escape', `${dir}/memtest.m2.txt`]);
    expect(text.stdout).not.toContain('compiler:');
  });

  it('Markdown says it too: a section after the sites table, as the text report says it under the site', async () => {
    const r = await runCli(['test/fixtures/corpus/go1.23/seed/routine4.after-wait.heap-debug1.txt', '--escape', 'test/fixtures/corpus/go1.23/compiler/seed.gcflags-m2.txt', '--format', 'markdown']);
    expect(r.code, r.stderr).toBe(0);
    const section = r.stdout.slice(r.stdout.indexOf('### Compiler decisions'), r.stdout.indexOf('## Findings'));
    expect(section).toBe([
      '### Compiler decisions at the sites (--escape)',
      '',
      '- <code>main.routine4</code> (…/src/seed/main.go:29): the compiler agrees: a heap value at this line',
      // routine4.gowrap1 (go1.21+'s name of a go statement's wrapper), as heapdoc escape says it.
      '  - <code>func literal escapes to heap (goroutine)</code>: func literal escapes: the go statement\'s call wrapper (the compiler runs \\`go f(x)\\` as \\`go func() { f(x) }()\\`), handed to a goroutine',
      '  - <code>make(\\[\\]byte, 1000) escapes to heap (goroutine)</code>: make(\\[\\]byte, 1000) escapes: assigned to hello at main.go:29:25 → assigned to .autotmp\\_1 at main.go:29:48 → captured by a closure at main.go:29:48 → the closure is on the heap',
      '', '',
    ].join('\n'));
  });

  it('go1.19 captures (test/fixtures/captured/go1.19-audit-tui): one file under two spellings is joined whole; a line whose heap values are an inlined call\'s says so', async () => {
    const dir = 'test/fixtures/captured/go1.19-audit-tui';
    // store.go is `store/store.go` in its package and `./store/store.go` where main instantiates Keys[T].
    const put = await runCli([`${dir}/prog2.heap-debug1.txt`, '--escape', `${dir}/prog2.m2.txt`]);
    expect(put.code, put.stderr).toBe(0);
    const putAt = put.stdout.indexOf('example.com/prog2/store.(*Store).Put\n');
    expect(put.stdout.slice(putAt, put.stdout.indexOf('\n  216.2 KiB', putAt))).toBe([
      'example.com/prog2/store.(*Store).Put',
      '                                   …/prog2/store/store.go:16',
      '                                   compiler: &Item{...} escapes to heap (call-argument)',
      '                                             &Item{...} escapes: assigned to it at store/store.go:16:5 → passed to append at store/store.go:17:18 → the heap',
      '                                   compiler: make([]byte, n) escapes to heap (stack-size)',
      '                                             make([]byte, n) escapes: its size is not a constant at store/store.go:16:31',
      // Two allocations on one line, one stack each: their object sizes tell the buffer from the Item.
      "                                   2 stacks print the same lines, told apart by their PCs (the runtime's own calls above the allocation, which the dump does not name, or two allocations on one line): stack 1: 15.4 MiB in use, ~2.0 KiB objects; stack 2: 354.1 KiB in use, 48 B objects.",
    ].join('\n'));
    const grow = await runCli([`${dir}/prog.heap-debug1.txt`, '--escape', `${dir}/prog.m2.txt`]);
    expect(grow.code, grow.stderr).toBe(0);
    const growAt = grow.stdout.indexOf('main.leakLoop\n');
    expect(grow.stdout.slice(growAt, grow.stdout.indexOf('\n   36.1 KiB', growAt))).toBe([
      'main.leakLoop',
      '                                   …/audit-tui/prog/main.go:67',
      "                                   the heap values the compiler reports at ./main.go:67 are newRecord's, inlined at 67:24 (&Record{...}, make([]byte, 4096), i), shown at its own sites; this allocation is the runtime's, made for this line: its 2 stacks have 2 to 3 runtime PCs under the line that a debug=1 dump does not print, most often a map's growth or an append's, which -m does not report",
      // The map's bucket arrays (3 runtime PCs above the line) beside the smaller allocation: their object sizes.
      "                                   2 stacks print the same lines, told apart by their PCs (the runtime's own calls above the allocation, which the dump does not name, or two allocations on one line): stack 1: 160.0 KiB in use, ~62.2 KiB objects, 3 runtime PCs above its first line; stack 2: 0 B in use, ~144 B objects, 2 runtime PCs above its first line.",
    ].join('\n'));
    const md = await runCli([`${dir}/prog.heap-debug1.txt`, '--escape', `${dir}/prog.m2.txt`, '--format', 'markdown']);
    expect(md.stdout).toContain("- <code>main.leakLoop</code> (…/audit-tui/prog/main.go:70): the compiler reports no heap value of this site's own code at this line\n  - the heap values the compiler reports at ./main.go:70 are toIface's, inlined at 70:30 (Rect{...}), shown at its own sites; this allocation is not one of them: the runtime makes it for this line (an append's or a map's growth, which -m does not report)\n");
    const json = await runCli([`${dir}/prog2.heap-debug1.txt`, '--escape', `${dir}/prog2.m2.txt`, '--format', 'json']);
    type Site = { function: string; line: number; escape?: Array<{ message: string }>; escapeStatus?: string };
    const site = (JSON.parse(json.stdout).snapshots[0].profile.sites as Site[]).find((s) => s.function === 'example.com/prog2/store.(*Store).Put' && s.line === 16);
    expect(site?.escapeStatus).toBe('agrees');
    expect(site?.escape?.map((d) => d.message)).toEqual(['&Item{...} escapes to heap', 'make([]byte, n) escapes to heap']);
  });

  it('refuses a heap dump given as --escape', async () => {
    const r = await runCli([ROUTINE3, '--escape', ROUTINE3]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^heapdoc: error: --escape .*routine3\.after-free\.heap-debug1\.txt: a heap dump, but --escape takes go build -gcflags=-m output/);
  });
});

describe('a reader that goes away', () => {
  it('stops quietly on EPIPE (heapdoc … | head)', async () => {
    const { spawnSync } = await import('node:child_process');
    const { CLI, ROOT } = await import('../helpers/fixtures.js');
    // A real pipe to a reader that exits after 10 bytes, as in a shell.
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" test/fixtures/corpus/go1.23/memrate/rate-1.heap-debug1.txt --format json | head -c 10`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout).toBe('{\n  "schem');
    expect(r.stderr).toBe('');
  });

  it('with the status it had: --fail-on leak, lint\'s problems and bad input keep 1 and 2 (pipefail gates in CI)', async () => {
    const { spawnSync } = await import('node:child_process');
    const { CLI, ROOT } = await import('../helpers/fixtures.js');
    // `| true` closes the pipe at once: heapdoc's first write fails with EPIPE (it exited 0).
    const status = (args: string, before = ''): string => spawnSync('bash', ['-c', `set -o pipefail; ${before}"${process.execPath}" "${CLI}" ${args} 2>/dev/null | true; echo $?`], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
    expect(status('samples/go1.23/leak --fail-on leak --format json')).toBe('1');
    expect(status('samples/go1.23/leak --fail-on leak')).toBe('1');
    expect(status('lint samples --format sarif')).toBe('1');
    expect(status('lint test/fixtures/no-such-file.txt samples/go1.23/leak')).toBe('2');
    // A dump with a damaged line: the report is written, then the status is 2.
    expect(status('-', "sed '4a #garbage' samples/go1.23/seed/routine3/after-free.heap-debug1.txt | ")).toBe('2');
    expect(status('samples/go1.23/seed/routine3/after-free.heap-debug1.txt')).toBe('0');
  });
});

describe('standard input that cannot be read', () => {
  it('open for writing only (0>file): one line, exit 2, not "internal error … a bug in heapdoc" (escape exited 70)', async () => {
    const { spawnSync } = await import('node:child_process');
    const { closeSync, mkdtempSync, openSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { CLI, ROOT } = await import('../helpers/fixtures.js');
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-stdin-'));
    const fd = openSync(join(dir, 'w.txt'), 'w');
    try {
      // Each hint in the form of the command that was run.
      const pipes = { escape: 'go build -gcflags=-m ./... 2>&1 | heapdoc escape -', analyze: 'curl -s …/heap?debug=1 | heapdoc', lint: 'curl -s …/heap?debug=1 | heapdoc lint' };
      for (const args of [['escape'], ['analyze', '-'], ['lint', '-', '--format', 'json']] as const) {
        const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', stdio: [fd, 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
        const said = `-: cannot read: EBADF (not open for reading) — standard input is not readable: pipe a dump in (${pipes[args[0]]}) or pass a file`;
        // lint's report says it (audit 44 F13c: on stderr too); stderr counts it.
        if (args[0] === 'lint') {
          const [entry] = JSON.parse(r.stdout) as { messages: { message: string; fix: string }[] }[];
          expect([r.status, r.stderr, `${entry?.messages[0]?.message} — ${entry?.messages[0]?.fix}`]).toEqual([2, 'heapdoc: error: 1 input could not be read, 0 dumps linted — the JSON report lists each, with its fix\n', said]);
        } else {
          expect([r.status, r.stderr], args.join(' ')).toEqual([2, `heapdoc: error: ${said}\n`]);
        }
      }
    } finally {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a gperftools (C++) heap profile', () => {
  it('is read with its warning, and the report does not speak of a GC it never had', async () => {
    const cpp = await runCli(['test/fixtures/corpus/fetched/google-pprof/profile/testdata/cppbench.heap']);
    expect(cpp.stdout).toContain('\nAllocation sites\n  sampled every 512.0 KiB; unsampled estimates, as pprof computes them.\n');
    expect(cpp.stdout).not.toContain('last completed GC');
    expect(cpp.stdout).toContain("warning not-a-go-profile: This is a 'heapz_v2' heap profile from gperftools (C++), not a Go heap dump.");
    const go = await runCli(['test/fixtures/corpus/go1.23/seed/routine4.after-wait.heap-debug1.txt']);
    expect(go.stdout).toContain('\nAllocation sites\n  sampled every 512.0 KiB; unsampled estimates, as pprof computes them.\n  In-use numbers are as of a recent GC: the profile may be up to two GC cycles old.\n');
  });
});

describe('a directory with failed captures (go1.19 audit: a 404 page and an empty file named as heap dumps)', () => {
  it('names each on stderr as the same files named one by one do, analyzes the rest, exits 2; its README is skipped', async () => {
    const r = await runCli(['test/fixtures/captured/go1.19-audit-tui/dir-failed-captures']);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      'heapdoc: error: test/fixtures/captured/go1.19-audit-tui/dir-failed-captures/01-t1.heap-debug1.txt: not a Go heap dump (the first line is "404 page not found": the page net/http serves for a path no handler registered) — the endpoint is missing: /debug/vars needs import _ "expvar", /debug/pprof/… needs import _ "net/http/pprof"',
      'heapdoc: error: test/fixtures/captured/go1.19-audit-tui/dir-failed-captures/04-t4.heap-debug1.txt: the input is empty — did the capture fail? Check the URL with curl -v, and that the program imports net/http/pprof',
      'heapdoc: skipped 1 file of source code or documentation (.md)',
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^Cannot tell yet whether memory leaks: only 2 GC-separated snapshots \(3 are needed\)/);
    expect(r.stdout).toContain('Across 2 snapshots (ordered by TotalAlloc)');
    expect(r.stdout).toContain('live          13.0 MiB → 20.9 MiB');
  });

  it('a heap dump saved as UTF-16 (PowerShell 5) is said as UTF-16 also when a walk finds it under another name (was dropped without a word, exit 0)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-utf16-'));
    const good = 'test/fixtures/corpus/go1.23/seed/routine3.after-free.heap-debug1.txt';
    copyFileSync(good, join(dir, 'snapshot-b.txt'));
    writeFileSync(join(dir, 'snapshot-a.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(good, 'utf8'), 'utf16le')]));
    const r = await runCli([dir, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`heapdoc: error: ${dir}/snapshot-a.txt: UTF-16 text; heapdoc reads UTF-8 — convert it to UTF-8: iconv -f UTF-16 -t UTF-8 FILE > FILE.txt (or save it again with PowerShell: Out-File -Encoding utf8)\n`);
    expect((JSON.parse(r.stdout) as { snapshots: { source: string }[] }).snapshots.map((x) => x.source)).toEqual([`${dir}/snapshot-b.txt`]);
  });

  it('a heap dump saved as UTF-32 (little- or big-endian, with its BOM) is said as UTF-16 is (was skipped without a word, exit 0)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-utf32-'));
    const good = 'test/fixtures/corpus/go1.23/seed/routine3.after-free.heap-debug1.txt';
    copyFileSync(good, join(dir, 'snapshot-c.txt'));
    const le = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), ...[...readFileSync(good, 'utf8')].map((c) => { const b = Buffer.alloc(4); b.writeUInt32LE(c.codePointAt(0) ?? 0); return b; })]);
    const be = Buffer.from(le);
    for (let i = 0; i < be.length; i += 4) be.subarray(i, i + 4).reverse();
    writeFileSync(join(dir, 'snapshot-a.txt'), le);
    writeFileSync(join(dir, 'snapshot-b.txt'), be);
    const r = await runCli([dir, '--format', 'json']);
    expect(r.code).toBe(2);
    // The two failed alike: one line for both, as lint says them (input/problems.ts).
    expect(r.stderr.split('\n').filter(Boolean)).toEqual(['heapdoc: error: 2 files (snapshot-a.txt, snapshot-b.txt): UTF-32 text; heapdoc reads UTF-8 — convert it to UTF-8: iconv -f UTF-32 -t UTF-8 FILE > FILE.txt']);
    expect((JSON.parse(r.stdout) as { snapshots: { source: string }[] }).snapshots.map((x) => x.source)).toEqual([`${dir}/snapshot-c.txt`]);
  });
});

describe('a cut input of every kind is marked `cut: true` in the JSON report (heap dumps and /metrics were; goroutine dumps, GC logs and -m output were not)', () => {
  it('goroutine?debug=1 and ?debug=2, a gctrace log and -m output, each cut mid-line: the diagnostic with `cut: true`, and the text still says it', async () => {
    const { mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const S = 'test/fixtures/scenarios/heap-leak';
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-cut-'));
    const cutCopy = (from: string, bytes: number, name: string): string => {
      const file = join(dir, name);
      writeFileSync(file, readFileSync(from).subarray(0, bytes));
      return file;
    };
    try {
      const gr1 = cutCopy(`${S}/01-t1.goroutine-debug1.txt`, 700, 'gr1.txt');
      const gr2 = cutCopy(`${S}/01-t1.goroutine-debug2.txt`, 1500, 'gr2.txt');
      const log = cutCopy(`${S}/gctrace.log`, 1000, 'gctrace.log');
      const m2 = cutCopy('test/fixtures/captured/go1.19-escape/esc.m2.txt', 2000, 'm2.txt');
      const [j1, j2, jLog, jEscape, markdown, text] = await Promise.all([
        runCli([gr1, '-f', 'json']), runCli([gr2, '-f', 'json']), runCli([log, '-f', 'json']), runCli(['escape', m2, '-f', 'json']),
        runCli([gr1, '-f', 'markdown']), runCli([gr2, '-f', 'text']),
      ]);
      type Cut = { line: number; column: number; severity: string; cut?: boolean };
      const marks = (list: Cut[]): string[] => list.map((d) => `${d.line}:${d.column} ${d.severity}${d.cut === true ? ' cut' : ''}`);
      // debug=1: the total the records miss (no cut mark: it is a count), then the cut frame line.
      expect(marks((JSON.parse(j1.stdout) as { diagnostics: Cut[] }).diagnostics)).toEqual(['1:1 error', '8:42 error cut']);
      expect(marks((JSON.parse(j2.stdout) as { diagnostics: Cut[] }).diagnostics)).toEqual(['23:1 error cut']);
      expect(marks((JSON.parse(jLog.stdout) as { diagnostics: Cut[] }).diagnostics)).toEqual(['8:89 error cut']);
      expect(marks((JSON.parse(jEscape.stdout) as { problems: Cut[] }).problems)).toEqual(['39:1 error cut']);
      // The Markdown report lists a goroutine dump's problems, as a heap dump's.
      expect(markdown.stdout).toContain(`- <code>${gr1}:8:42</code> error: the input ends in the middle of this line (truncated?): expected the end of the line in a frame line, found "/usr/lib/go-1.19/"`);
      // The text report still says the dump was cut (its summary, and the line on stderr).
      expect(text.stdout).toContain(`${gr2}: 2 goroutines in 2 groups (goroutine?debug=2), truncated`);
      // 1,500 bytes, not the runtime's 64 MiB: a copy cut after it was written, an error (exit 2) that says to capture it again.
      expect(text.stderr).toBe(`${gr2}:23:1: error: goroutine 1 is cut short: the dump ends inside its record (it ends in the middle of line 27); its stack is incomplete — the file is 1,500 bytes, not the 64 MiB the runtime's own cut leaves: it was cut after it was written (a download or a copy that stopped); capture it again and make sure the whole response was saved\n`);
      expect([text.code, j2.code]).toEqual([2, 2]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
