/**
 * Inputs a fuzzer found that crashed heapdoc (exit 70) or said nothing: each now gets its lines on
 * stderr, exit code 2, and a batch keeps the other inputs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { corpusPath, readCorpus } from '../helpers/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'heapdoc-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DUMP = readCorpus('go1.23/seed/routine3.after-free.heap-debug1.txt');
const MEMSTATS_AT = DUMP.indexOf('\n# runtime.MemStats');
const FIRST_BAD = DUMP.slice(0, MEMSTATS_AT).split('\n').length + 1;

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('a dump with 200,000 bad lines', () => {
  const path = file('bad-lines.heap.txt', `${DUMP.slice(0, MEMSTATS_AT)}${'\n#'.repeat(200_000)}${DUMP.slice(MEMSTATS_AT)}`);

  it('analyze: the first 1,000 problems on one line with a count, one line for the rest, the report, exit 2', async () => {
    const r = await runCli([path]);
    expect(r.stderr).toBe(
      `${path}:${FIRST_BAD}:1: error: unexpected character "#" (×1000) — heapdoc skipped this line and read the rest; re-capture with ?debug=1 if the file was cut or edited\n`
      + `${path}: error: 199,000 more problems not listed (the first 1,000 are) — fix the first ones (often one cause: a cut, edited or joined file) and run again\n`,
    );
    expect(r.code).toBe(2);
    // The rest of the dump is read: the same verdict as without the bad lines.
    expect(r.stdout.split('\n')[0]).toBe('Not a leak of reachable data: HeapAlloc 4.7 MiB (the live heap as of the last GC, cycle 3, and what was allocated since) of 32.1 MiB mapped (Go holds 10.1 MiB); 22.0 MiB of idle heap already released to the OS; the heap\'s address space (HeapSys) reached 27.3 MiB at a past peak of objects or of goroutine stacks (freed stack spans join the heap) and is kept.');
  });

  it('lint --format sarif: 1,001 results, not 200,000', async () => {
    const r = await runCli(['lint', path, '--format', 'sarif']);
    expect(r.code).toBe(1);
    const results = (JSON.parse(r.stdout) as { runs: { results: { ruleId: string; message: { text: string }; locations: { physicalLocation: { region?: unknown } }[] }[] }[] }).runs[0]?.results ?? [];
    const parseErrors = results.filter((x) => x.ruleId === 'parse-error');
    expect(parseErrors).toHaveLength(1001);
    // The closing count is about the whole file: no region (SARIF lines start at 1), and its own why.
    const note = parseErrors.find((x) => x.message.text.startsWith('199,000 more problems'));
    expect(note?.locations[0]?.physicalLocation.region).toBeUndefined();
    expect(note?.message.text).toBe('199,000 more problems not listed (the first 1,000 are).\n\nWhy: heapdoc could not read all of this input as the runtime writes it; numbers and findings that depend on what it skipped may be wrong or missing.\n\nFix: Fix the first ones (often one cause: a cut, edited or joined file) and run again.');
  });
});

describe('/debug/vars made to crash the JSON reader', () => {
  it('nesting thousands of levels deep: one error at the bracket too deep; the other file of the batch is still read', async () => {
    const deep = file('deep.vars.json', `{"memstats": {"Alloc": 1}, "x": ${'['.repeat(3000)}${']'.repeat(3000)}}`);
    const r = await runCli([deep, corpusPath('go1.19/exposition/leak/vars.1.json'), '--separately', '--format', 'json']);
    expect(r.stderr).toBe(`${deep}:1:288: error: not /debug/vars: the JSON is nested more than 256 levels deep here — save the whole response of /debug/vars (curl -s URL > vars.json); expvar nests a few levels\n`);
    expect(r.code).toBe(2);
    expect((JSON.parse(r.stdout) as { snapshots: { source: string }[] }).snapshots.map((s) => s.source)).toEqual([corpusPath('go1.19/exposition/leak/vars.1.json')]);
  });

  it('a string of 9 million characters is read', async () => {
    const long = file('long.vars.json', `{"memstats": {"HeapAlloc": 4096}, "note": "${'a'.repeat(9_000_000)}"}`);
    const r = await runCli([long, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as { snapshots: { memStats: { HeapAlloc: number } }[] }).snapshots[0]?.memStats.HeapAlloc).toBe(4096);
  });

  it('a negative HeapAlloc is an error at its column, not a crash of the text report', async () => {
    const negative = file('negative.vars.json', '{"memstats": {"Sys": 1000, "HeapAlloc": -1000, "HeapSys": 500, "StackSys": -10}}');
    const r = await runCli([negative]);
    expect(r.stderr).toBe(
      `${negative}:1:41: error: MemStats HeapAlloc is -1000, but it is an unsigned integer (0 to 18446744073709551615) — the field was not used: the runtime never writes such a value; fetch /debug/vars again\n`
      + `${negative}:1:76: error: MemStats StackSys is -10, but it is an unsigned integer (0 to 18446744073709551615) — the field was not used: the runtime never writes such a value; fetch /debug/vars again\n`,
    );
    expect(r.code).toBe(2);
    // A vars document has no sampled profile: the verdict does not say one was read.
    expect(r.stdout.split('\n')[0]).toBe('No usable MemStats: the input lacks fields the split of memory into live, idle and released needs (the findings name them).');
  });
});

describe('a /metrics page with nothing of Go in it', () => {
  it('says so on stderr (it used to exit 2 in silence)', async () => {
    const r = await runCli(['-'], { input: '# HELP x y\nfoo_bar 1\n' });
    expect(r.stderr).toBe("heapdoc: error: -: no Go memory metrics in this /metrics page (no go_memstats_* sample, nor a runtime/metrics one) — scrape a Go program whose registry has the Go collector (client_golang's default registry has it)\n");
    expect(r.code).toBe(2);
  });

  it('lint: no-memstats says the input carries no MemStats (not that a heap dump lost its block)', async () => {
    const page = file('no-go.metrics.txt', '# HELP x y\n# TYPE x gauge\nx 1\n');
    const r = await runCli(['lint', page, '--format', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { messages: { ruleId: string; message: string }[] }[])[0]?.messages.map((m) => `${m.ruleId}: ${m.message}`)).toEqual([
      'no-memstats: The input carries no MemStats: no field of runtime.MemStats could be read.',
    ]);
  });
});

describe('compiler output whose gzip is damaged at the end (its checksum)', () => {
  it('escape --format json: what was streamed is closed as one JSON document, the error on stderr, exit 2', async () => {
    const gz = gzipSync(readCorpus('go1.26-devel/compiler/encoding_json.gcflags-m2.txt'));
    gz.writeUInt32LE(gz.readUInt32LE(gz.length - 8) ^ 0xffffffff, gz.length - 8); // the CRC-32 trailer
    const path = join(dir, 'm2.txt.gz');
    writeFileSync(path, gz);
    const r = await runCli(['escape', path, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l.includes('gzip'))).toEqual([`${path}: error: reading stopped: the gzip data is damaged: incorrect data check — check that the file was copied whole`]);
    // gunzip gave up before its last block: 7,073 of the 7,150 lines (3,207 of 3,235 messages) came through.
    const json = JSON.parse(r.stdout) as { diagnostics: unknown[]; problems: { line: number; message: string }[] };
    expect(json.diagnostics).toHaveLength(3207);
    expect(json.problems.map((p) => [p.line, p.message.slice(0, 48)])).toEqual([
      [7074, 'the input ends in the middle of this line (trunc'],
      [0, 'reading stopped: the gzip data is damaged: incor'],
    ]);
  });
});

describe('arguments a fuzzer tried', () => {
  it('a glob past picomatch\'s 64 Ki characters is one line, not an internal error', async () => {
    const pattern = `${'*/'.repeat(33_000)}x`;
    const r = await runCli(['lint', pattern]);
    // Said once, in lint's report (audit 44 F13c: stderr said it too); its entry is under the pattern as given.
    expect([r.code, r.stderr, r.stdout.split('\n')]).toEqual([2, '', ['', pattern, `  error  ${pattern.slice(0, 60)}…: no such file, and too long for a pattern (66,001 characters, at most 65,536)`, '         pass a shorter pattern, or the files themselves', '', '✖ 1 input could not be read, 0 dumps linted', '']]);
    const json = await runCli(['lint', pattern, '--format', 'json']);
    expect([json.code, json.stderr]).toEqual([2, 'heapdoc: error: 1 input could not be read, 0 dumps linted — the JSON report lists each, with its fix\n']);
  });

  it('--max-warnings takes digits only (an empty value was 0, 0x10 was 16)', async () => {
    for (const value of ['', '0x10', '1e1']) {
      const r = await runCli(['lint', corpusPath('go1.23/seed/routine3.after-free.heap-debug1.txt'), '--max-warnings', value]);
      expect(r.stderr).toBe(`heapdoc: error: --max-warnings ${value}: must be a whole number, 0 or more (-1: no limit) — write --max-warnings 0 to fail on any warning\n`);
      expect(r.code).toBe(2);
    }
  });
});
