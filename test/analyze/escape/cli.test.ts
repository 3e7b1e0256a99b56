/**
 * `heapdoc escape` end to end: the BUILT binary (dist/bundle/heapdoc.js; test/global-setup.ts bundles it first,
 * or run `npm run build`). Standard input is never a terminal here: it is either
 * ignored or given.
 */
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, HANDMADE, ROOT } from '../../grammar/gcflags/helpers.js';

const MAIN = `${ROOT}dist/bundle/heapdoc.js`;
const SEED_M2 = `${CORPUS}/go1.23/compiler/seed.gcflags-m2.txt`;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function heapdoc(args: string[], input?: string | Buffer): Run {
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
    ...(input === undefined ? { stdio: ['ignore', 'pipe', 'pipe'] as const } : { input }),
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npx tsc -p tsconfig.json)`);
});

describe('heapdoc escape', () => {
  it('text report of a real -m=2 output, exit 0, nothing on stderr', () => {
    const run = heapdoc(['escape', SEED_M2]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Heap values: 16 (0 moved to the heap, 16 escape to the heap)\n');
    // A pipe: the reason chain is one line (no hard wrap); the tables keep 80 columns.
    expect(run.stdout).toContain('  main.go:29:32  routine4  [goroutine]\n    make([]byte, 1000) escapes: assigned to hello at main.go:29:25 → assigned to .autotmp_1 at main.go:29:48 → captured by a closure at main.go:29:48 → the closure is on the heap\n');
    expect(run.stdout).toContain('\nHeap values by cause\n  interface-conversion converted to an interface                            10\n');
    expect(run.stdout).not.toContain('\x1b[');
  });

  it('--format json: the contract document', () => {
    const run = heapdoc(['escape', SEED_M2, '--format', 'json']);
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout) as { schemaVersion: number; source: string; summary: { lines: number; unrecognized: number; byKind: Record<string, number> }; diagnostics: { kind: string }[] };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.source).toBe(SEED_M2);
    expect(doc.summary.lines).toBe(244);
    expect(doc.summary.unrecognized).toBe(0);
    expect(doc.summary.byKind['escapes-to-heap']).toBe(31);
    expect(doc.diagnostics).toHaveLength(120);
  });

  it('--format json is the same whatever --limit says: it lists messages, not findings', () => {
    const byDefault = heapdoc(['escape', SEED_M2, '--format', 'json']);
    expect(byDefault.status).toBe(0);
    for (const limit of ['0', '1', '500']) expect(heapdoc(['escape', SEED_M2, '--format', 'json', '--limit', limit]).stdout, limit).toBe(byDefault.stdout);
    const doc = JSON.parse(byDefault.stdout) as { causes: { heap: Record<string, number> }; diagnostics: { cause?: string }[] };
    expect(doc.causes.heap).toEqual({ 'interface-conversion': 10, goroutine: 3, closure: 2, 'call-argument': 1 });
    expect(doc.diagnostics.filter((d) => d.cause === 'goroutine')).toHaveLength(5);
  });

  it('--schema 2 names the messages `messages`; schema 1 (the default) keeps the deprecated `diagnostics`, the same array', () => {
    const v1 = JSON.parse(heapdoc(['escape', SEED_M2, '--format', 'json', '--schema', '1']).stdout) as Record<string, unknown>;
    const run = heapdoc(['escape', SEED_M2, '--format', 'json', '--schema', '2']);
    expect(run.status).toBe(0);
    const v2 = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(v1)).toEqual(['schemaVersion', 'source', 'diagnostics', 'summary', 'causes', 'commands', 'problems']);
    expect(Object.keys(v2)).toEqual(['schemaVersion', 'source', 'messages', 'summary', 'causes', 'commands', 'problems']);
    expect([v1.schemaVersion, v2.schemaVersion]).toEqual([1, 2]);
    expect(v2.messages).toHaveLength(120);
    expect(v2.messages).toEqual(v1.diagnostics);
    const { messages: _m, schemaVersion: _v2, ...rest2 } = v2;
    const { diagnostics: _d, schemaVersion: _v1, ...rest1 } = v1;
    expect(rest2).toEqual(rest1);
    expect(heapdoc(['escape', SEED_M2, '--format', 'json', '--schema', '3']).status).toBe(2);
  });

  it('reads standard input with - (and when no INPUT is given)', () => {
    const text = `# p\n./a.go:1:2: moved to heap: x\n./a.go:3:9: &T{} escapes to heap\n`;
    for (const args of [['escape', '-', '--format', 'json'], ['escape', '--format', 'json']]) {
      const run = heapdoc(args, text);
      expect(run.status).toBe(0);
      const doc = JSON.parse(run.stdout) as { source: string; summary: { byKind: Record<string, number> } };
      expect(doc.source).toBe('-');
      expect(doc.summary.byKind).toEqual({ 'moved-to-heap': 1, 'escapes-to-heap': 1 });
    }
  });

  it('--format json streamed to a pipe (a slice at a time, from the reused chunk) is byte for byte the report written with -o', () => {
    // Over 64 KiB of JSON in many input slices, characters of two to four bytes in every message.
    const text = `# p\n${Array.from({ length: 3000 }, (_, i) => `./\u00fc.go:${i + 1}:2: moved to heap: \u00e9\u2028\u{1F600}${i}`).join('\n')}\n`;
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-escape-'));
    const input = join(dir, 'm.txt');
    writeFileSync(input, text);
    const streamed = heapdoc(['escape', input, '--format', 'json']);
    const written = heapdoc(['escape', input, '--format', 'json', '-o', join(dir, 'escape.json')]);
    expect([streamed.status, written.status, written.stdout]).toEqual([0, 0, '']);
    expect(readFileSync(join(dir, 'escape.json'), 'utf8')).toBe(streamed.stdout);
    const doc = JSON.parse(streamed.stdout) as { diagnostics: { file: string; subject: string; inputLine: number }[] };
    expect(doc.diagnostics.map((d) => `${d.file} ${d.subject} ${d.inputLine}`)).toEqual(Array.from({ length: 3000 }, (_, i) => `./\u00fc.go \u00e9\u2028\u{1F600}${i} ${i + 2}`));
  });

  it('--filter keeps the matching diagnostics only', () => {
    const run = heapdoc(['escape', SEED_M2, '--format', 'json', '--filter', 'routine4']);
    const doc = JSON.parse(run.stdout) as { filter: string; diagnostics: { function?: string; file: string }[] };
    expect(doc.filter).toBe('routine4');
    // A substring: subroutine4 matches too.
    expect(new Set(doc.diagnostics.map((d) => d.function))).toEqual(new Set(['routine4', 'routine4.gowrap1', 'subroutine4']));
    expect(doc.diagnostics).toHaveLength(16);
  });

  it('a truncated input: the report of what was read, the problem on stderr with line:column, exit 2', () => {
    const run = heapdoc(['escape', `${HANDMADE}/truncated.m.txt`]);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('Heap values: 2 (1 moved to the heap, 1 escape to the heap)');
    expect(run.stderr).toBe(`${HANDMADE}/truncated.m.txt:6:18: error: the input ends in the middle of this line (truncated?): unrecognized line: not a compiler message heapdoc knows: "make([]byte, n) escap" — the compiler output was cut short; save the whole output again (go build -gcflags=-m … 2>&1 > m.txt)\n`);
  });

  it('unknown lines are warnings: reported, counted, exit 0', () => {
    const run = heapdoc(['escape', `${HANDMADE}/unknown-line.m.txt`]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('6 lines · 1 package · 0 -m=2 explanations · 2 unrecognized');
    expect(run.stdout).toContain('Unrecognized lines (2)\n  main.go:11:2: this is a message no Go version prints\n  input line 5: mystery text without a position\n');
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([
      `${HANDMADE}/unknown-line.m.txt:3:17: warning: unrecognized line: not a compiler message heapdoc knows: "this is a message no Go version prints" — kept as kind 'unrecognized'; if a Go release prints this message, please report it`,
      `${HANDMADE}/unknown-line.m.txt:5:1: warning: unrecognized line: not a compiler message heapdoc knows: "mystery text without a position" — kept as kind 'unrecognized'; if a Go release prints this message, please report it`,
    ]);
  });

  it('compile errors and nothing else: no report, one error line with the first of them, exit 2 (audit 45, finding 10)', () => {
    const run = heapdoc(['escape', `${HANDMADE}/compile-error.m.txt`]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${HANDMADE}/compile-error.m.txt:2:1: error: the build failed (7 compile errors) and printed no escape analysis: ./main.go:3:2: "fmt" imported and not used — fix the errors and build again: go build -gcflags=-m ./... 2>&1 | heapdoc escape -\n`);
  });

  describe('bad input: one line on stderr, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-escape-'));
    const cases: [string, string | Buffer, RegExp][] = [
      ['empty.txt', '', /^heapdoc: error: .*empty\.txt: the input is empty — capture it with: go build -gcflags=-m \.\/\.\.\. 2>&1 \| heapdoc escape -\n$/],
      ['profile.pb.gz', gzipSync(Buffer.from([0x0a, 0x12, 0x0a, 0x0c, 0x00, 0x01, 0x02, 0x10])), /^heapdoc: error: .*profile\.pb\.gz: this is gzip-compressed binary data \(a protobuf profile\?\), not compiler output — save the compiler output as text/],
      ['binary.bin', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]), /^heapdoc: error: .*binary\.bin: this is a binary file, not compiler -m output/],
      ['prose.txt', 'Dear diary,\ntoday the heap was large.\n', /^heapdoc: error: .*prose\.txt: this does not look like go build -gcflags=-m output \(first line: "Dear diary,"\)/],
    ];
    for (const [name, content, expected] of cases) {
      it(name, () => {
        writeFileSync(join(dir, name), content);
        const run = heapdoc(['escape', join(dir, name)]);
        expect(run.status).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(expected);
        expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      });
    }

    it('a heap dump given to escape', () => {
      const run = heapdoc(['escape', `${CORPUS}/go1.23/seed/routine4.after-free.heap-debug1.txt`]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^heapdoc: error: .*routine4\.after-free\.heap-debug1\.txt: a heap dump, but heapdoc escape reads go build -gcflags=-m output — use heapdoc analyze FILE\n$/);
    });

    it('the gzip-compressed std output of the corpus is read through gunzip', () => {
      const run = heapdoc(['escape', `${CORPUS}/go1.23/compiler/std.gcflags-all-m.txt.gz`]);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('go build -gcflags=all=-m std\n120,338 lines · 276 packages · 0 -m=2 explanations · 0 unrecognized');
    });

    it('no input and an empty standard input', () => {
      const run = heapdoc(['escape']);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe('heapdoc: error: -: the input is empty — capture it with: go build -gcflags=-m ./... 2>&1 | heapdoc escape -\n');
    });

    it('a missing file, a bad --format, a bad --limit', () => {
      expect(heapdoc(['escape', join(dir, 'nope.txt')])).toMatchObject({ status: 2, stdout: '' });
      expect(heapdoc(['escape', SEED_M2, '--format', 'yaml'])).toEqual({ status: 2, stdout: '', stderr: "heapdoc: error: option '-f, --format <format>' argument 'yaml' is invalid (allowed: text, json) — run heapdoc escape --help for usage\n" });
      expect(heapdoc(['escape', SEED_M2, '--limit', 'many'])).toEqual({ status: 2, stdout: '', stderr: 'heapdoc: error: --limit must be a whole number, not "many" — use --limit 0 to list everything\n' });
    });
  });
});

describe('heapdoc DUMP --escape M: a line of several closures, and package-level variables (go1.19 captures)', () => {
  const STRADDLE = `${ROOT}test/fixtures/captured/go1.19-escape-straddle`;
  const INIT = `${ROOT}test/fixtures/captured/go1.19-escape-init`;
  type Site = { function: string; line: number; escape?: Array<{ message: string; column?: number; columnNote?: string }>; escapeStatus?: string; escapeExplanation?: string };
  const sites = (dir: string, m = 'm2.txt'): Site[] => {
    const run = heapdoc([`${dir}/heap-debug1.txt`, '--escape', `${dir}/${m}`, '--format', 'json']);
    expect([run.status, run.stderr]).toEqual([0, '']);
    return (JSON.parse(run.stdout) as { snapshots: Array<{ profile: { sites: Site[] } }> }).snapshots[0]?.profile.sites ?? [];
  };

  it('--format json: each site its closure\'s messages; a value without a column says which functions could hold it (`columnNote`)', () => {
    const all = sites(STRADDLE);
    const at = (fn: string): Site | undefined => all.find((s) => s.function === fn);
    expect(at('main.main.func1')?.escape).toEqual([expect.objectContaining({ message: 'make([]byte, 1024) escapes to heap', column: 38 })]);
    expect(at('main.main.func1')?.escape?.[0]).not.toHaveProperty('columnNote');
    // func20: its own 6144 (placed by `b :=` at 25:254), then 9472 and 9728, which could be any of func20 … func22 or main's.
    expect(at('main.main.func20')?.escape?.map((e) => [e.message, e.columnNote ?? null])).toEqual([
      ['make([]byte, 6144) escapes to heap', null],
      ['make([]byte, 9472) escapes to heap', 'column not printed: in main or one of its 3 closures at this line'],
      ['make([]byte, 9728) escapes to heap', 'column not printed: in main or one of its 3 closures at this line'],
    ]);
    expect(at('main.main.func14')?.escape).toHaveLength(9);
  });

  it('plain -m: each closure\'s site its own messages; one in a closure -m does not name (not inlinable) says so in `columnNote` (go1.19-escape-oneline)', () => {
    const all = sites(`${ROOT}test/fixtures/captured/go1.19-escape-oneline`, 'm1.txt');
    expect(all.filter((s) => s.function.startsWith('main.main')).map((s) => `${s.function}:${s.line} ${(s.escape ?? []).map((e) => `${e.column} ${e.message}${e.columnNote ? ` [${e.columnNote}]` : ''}`).join(' | ')}`)).toEqual([
      'main.main.func3.1:33 90 make([]byte, 4000) escapes to heap',
      'main.main.func3:33 39 make([]byte, 3000) escapes to heap | 63 func literal escapes to heap',
      'main.main.func2:27 94 make([]byte, 2000) escapes to heap',
      'main.main.func1:27 41 make([]byte, 1000) escapes to heap [not named by -m: in the closure that starts at column 6 of this line (in main), which plain -m does not declare (it declares only inlinable functions; -m=2 declares every one)]',
      'main.main:27 6 func literal escapes to heap | 67 func literal escapes to heap',
      'main.main:24 6 moved to heap: wg',
    ]);
    const escape = heapdoc(['escape', `${ROOT}test/fixtures/captured/go1.19-escape-oneline/m1.txt`, '--format', 'json', '--schema', '2']);
    const messages = (JSON.parse(escape.stdout) as { messages: Array<{ line: number; column?: number; function?: string; columnNote?: string }> }).messages;
    expect(messages.filter((m) => m.line === 27 && m.column === 41).map((m) => [m.function ?? null, m.columnNote])).toEqual([[null, expect.stringMatching(/^not named by -m: in the closure that starts at column 6 of this line \(in main\)/)]]);
  });

  it('text and Markdown: the note under the message', () => {
    const text = heapdoc([`${STRADDLE}/heap-debug1.txt`, '--escape', `${STRADDLE}/m2.txt`]).stdout.split('\n');
    const at = text.indexOf('  190.0 KiB        20   190.0 KiB  main.main.func22');
    expect(text.slice(at, at + 8)).toEqual([
      '  190.0 KiB        20   190.0 KiB  main.main.func22',
      '                                   …/fix28esc-prog/straddle/main.go:25',
      '                                   compiler: make([]byte, 9472) escapes to heap (returned)',
      '                                             make([]byte, 9472) escapes: returned at main.go:25',
      '                                             column not printed: in main or one of its 3 closures at this line',
      '                                   compiler: make([]byte, 9728) escapes to heap (returned)',
      '                                             make([]byte, 9728) escapes: returned at main.go:25',
      '                                             column not printed: in main or one of its 3 closures at this line',
    ]);
    const markdown = heapdoc([`${STRADDLE}/heap-debug1.txt`, '--escape', `${STRADDLE}/m2.txt`, '--format', 'markdown']).stdout;
    expect(markdown).toContain('  - <code>make(\\[\\]byte, 9472) escapes to heap (returned)</code>: make(\\[\\]byte, 9472) escapes: returned at main.go:25 (column not printed: in main or one of its 3 closures at this line)\n');
  });

  it('the package\'s initialisation (main.init) agrees at every line of an initialiser, below a function too; it was "not of the profiled build"', () => {
    const all = sites(INIT);
    expect(all.filter((s) => s.function.startsWith('main.')).map((s) => `${s.function}:${s.line} ${s.escapeStatus} ${(s.escape ?? []).map((e) => e.message).join(' | ')}`)).toEqual([
      'main.init:19 agrees make([]byte, 1 << 20) escapes to heap',
      'main.init:40 agrees make([]byte, 7168) escapes to heap',
      'main.init.0:43 agrees make([]byte, 6000) escapes to heap',
      'main.glob..func2:27 agrees make([]byte, 5000) escapes to heap',
      'main.init:29 agrees make([]byte, 0, 4096) escapes to heap',
      'main.newConfig:37 agrees &config{...} escapes to heap | make([]string, 0, 64) escapes to heap',
      'main.init:21 agrees map[string]int{...} escapes to heap',
    ]);
  });
});
