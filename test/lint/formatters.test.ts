/** The three formatters: pure functions of the results, on real lint results of the mixed fixture directory. */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { colors } from '../../src/text/color.js';
import { RULES } from '../../src/analyze/rules/index.js';
import { activeRules, parseRuleFlag } from '../../src/lint/config.js';
import { ruleDoc, withoutRelativeLinks } from '../../src/lint/docs.js';
import { formatJson } from '../../src/lint/formatters/json.js';
import { formatMarkdown, MARKDOWN_MAX_BYTES } from '../../src/lint/formatters/markdown.js';
import { artifactUri, formatSarif } from '../../src/lint/formatters/sarif.js';
import { formatStylish } from '../../src/lint/formatters/stylish.js';
import { lintInputs } from '../../src/lint/runner.js';
import type { FileResult, LintMessage } from '../../src/lint/types.js';
import { FIXTURES, ROOT } from '../helpers/fixtures.js';
import { sarifSchemaErrors, sarifSchemaTitle } from './sarif-schema.js';

const MIXED = join(FIXTURES, 'lint/mixed');
const plain = colors(false);

let results: FileResult[];

beforeAll(async () => {
  const settings = new Map([parseRuleFlag('max-goroutines=warn:100')]);
  const outcome = await lintInputs([MIXED], { active: activeRules(settings), concurrency: 4, onProblem: (e) => { throw e; } });
  results = outcome.results;
});

function message(partial: Partial<LintMessage> & Pick<LintMessage, 'ruleId' | 'severity' | 'message'>): LintMessage {
  return { why: 'because', fix: 'do this', docsUrl: 'https://pkg.go.dev/runtime#MemStats', fingerprint: '0123456789abcdef', ...partial };
}

describe('stylish', () => {
  it('groups by file, aligns the rows and sums up as ESLint does', () => {
    const text = formatStylish([
      { source: 'dumps/a.txt', kind: 'heap', suppressed: [], messages: [
        message({ ruleId: 'parse-error', severity: 'error', message: 'Bad line.', line: 3, column: 12 }),
        message({ ruleId: 'idle-heap-retained', severity: 'warning', message: 'Idle heap is large.', line: 15, column: 3 }),
      ] },
      { source: 'dumps/clean.txt', kind: 'heap', suppressed: [], messages: [] },
      { source: 'dumps/g.txt', kind: 'goroutine', suppressed: [], messages: [message({ ruleId: 'max-goroutines', severity: 'warning', message: 'Too many.', line: 1, column: 1 })] },
    ], { colors: plain });
    expect(text).toBe([
      '',
      'dumps/a.txt',
      '  3:12  error    Bad line.            parse-error',
      '  15:3  warning  Idle heap is large.  idle-heap-retained',
      '',
      'dumps/g.txt',
      '  1:1  warning  Too many.  max-goroutines',
      '',
      '✖ 3 problems (1 error, 2 warnings)',
      '',
    ].join('\n'));
  });

  it('prints nothing for clean results, notes info findings and baseline suppressions', () => {
    expect(formatStylish([{ source: 'a', kind: 'heap', suppressed: [], messages: [] }], { colors: plain })).toBe('');
    const text = formatStylish([{ source: 'a', kind: 'heap', messages: [message({ ruleId: 'peak-retention', severity: 'info', message: 'A peak.', line: 1, column: 1 })],
      suppressed: [message({ ruleId: 'gc-cpu-high', severity: 'warning', message: 'x' })] }], { colors: plain });
    expect(text).toBe('\na\n  1:1  info  A peak.  peak-retention\n\nℹ 1 info finding\n1 finding recorded in the baseline not shown\n');
  });

  it('lists the inputs that could not be read after the findings, the run\'s own problem first, with a summary; a clean dump beside them is no ✔', () => {
    const clean: FileResult = { source: 'a.txt', kind: 'heap', suppressed: [], messages: [] };
    const unread = [
      { message: 'b\u001b[2J.txt: not a Go heap dump', hint: 'capture it again', input: 'b\u001b[2J.txt' },
      { message: 'max-goroutines: no goroutine dump among the inputs' },
      { message: 'missing.txt: no such file or directory', input: 'missing.txt' },
    ];
    expect(formatStylish([clean], { colors: plain }, unread)).toBe([
      '', '  error  max-goroutines: no goroutine dump among the inputs',
      '', 'b?[2J.txt', '  error  not a Go heap dump', '         capture it again',
      '', 'missing.txt', '  error  no such file or directory',
      '', '✖ 2 inputs could not be read, 1 dump linted', '',
    ].join('\n'));
    // The run's problem alone, with dumps linted: listed, and no summary of unread inputs.
    expect(formatStylish([clean], { colors: plain }, [unread[1] ?? { message: '' }])).toBe('\n  error  max-goroutines: no goroutine dump among the inputs\n');
    expect(formatMarkdown([clean], unread)).toBe([
      '## heapdoc lint: ✖ no problems in 1 dump; 2 inputs could not be read', '', '### Input errors', '', '| input | problem | fix |', '|---|---|---|',
      '| <code>b?\\[2J.txt</code> | not a Go heap dump | capture it again |',
      '| — | max-goroutines: no goroutine dump among the inputs |  |',
      '| <code>missing.txt</code> | no such file or directory |  |', '',
    ].join('\n'));
  });

  it('strips control characters from dump text and file names', () => {
    const text = formatStylish([{ source: 'a\u001b[2Jb', kind: 'heap', suppressed: [], messages: [message({ ruleId: 'parse-error', severity: 'error', message: 'found "\u001b]0;pwned\u0007"', line: 1, column: 1 })] }], { colors: plain });
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u0007');
  });

  it('colours only when asked', () => {
    const text = formatStylish(results, { colors: colors(true) });
    expect(text).toContain('\u001b[');
    expect(formatStylish(results, { colors: plain })).not.toContain('\u001b[');
  });

  it('reports the mixed directory: dumps only, junk skipped', () => {
    const text = formatStylish(results, { colors: plain });
    expect(text).toContain(`\n${join(MIXED, 'nested/cut.heap-debug1.txt')}\n`);
    expect(text).toMatch(/\n {2}34:458 {2}error {2}The input ends in the middle of this line \(truncated\?\)/);
    expect(text).toContain('max-goroutines');
    expect(text).not.toContain('README');
    // routine3.after-wait: no gc-cpu-high after one GC cycle (gcCpuMinCycles).
    expect(text).toMatch(/✖ 3 problems \(1 error, 2 warnings\) and 5 info findings\n$/);
  });
});

describe('json', () => {
  it("has ESLint's shape, one entry per dump, clean ones included", () => {
    const json = JSON.parse(formatJson(results)) as {
      filePath: string; kind: string; errorCount: number; warningCount: number; infoCount: number; fatalErrorCount: number;
      messages: { ruleId: string; severity: number; message: string; line?: number; column?: number; why: string; fix: string; fingerprint: string }[];
      suppressedMessages: unknown[];
    }[];
    expect(json.map((f) => f.filePath.slice(MIXED.length + 1))).toEqual([
      'nested/cut.heap-debug1.txt',
      'nested/deeper/snap1.goroutine-debug1.txt',
      'nested/routine3.after-wait.heap-debug1.txt',
      'start.heap-debug1.txt',
    ]);
    const cut = json[0];
    expect(cut).toMatchObject({ kind: 'heap', errorCount: 1, fatalErrorCount: 1, suppressedMessages: [] });
    expect(cut?.messages.find((m) => m.ruleId === 'parse-error')).toMatchObject({ severity: 2, line: 34, column: 458 });
    const goroutines = json[1];
    expect(goroutines).toMatchObject({ kind: 'goroutine', errorCount: 0, warningCount: 1 });
    expect(goroutines?.messages[0]).toMatchObject({ ruleId: 'max-goroutines', severity: 1, line: 1, column: 1, message: 'The process has 168 goroutines, above the budget of 100.' });
    const start = json[3];
    expect(start).toMatchObject({ errorCount: 0, warningCount: 0, infoCount: 1 });
    expect(start?.messages[0]).toMatchObject({ ruleId: 'profile-before-first-gc', severity: 0 });
    for (const f of json) for (const m of f.messages) expect(m.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('sarif', () => {
  const context = (baseDir: string) => ({ version: '0.1.0', rules: RULES.map((r) => r.meta), help: ruleDoc, baseDir });

  it(`validates against the ${sarifSchemaTitle().slice(0, 60)}…`, () => {
    const log = JSON.parse(formatSarif(results, context(ROOT))) as unknown;
    expect(sarifSchemaErrors(log)).toEqual([]);
    // The validator does reject a broken log.
    const broken = JSON.parse(formatSarif(results, context(ROOT))) as { runs: { results: { level: string }[] }[] };
    const first = broken.runs[0]?.results[0];
    if (first) first.level = 'fatal';
    expect(sarifSchemaErrors(broken).length).toBeGreaterThan(0);
  });

  it('lists every rule with its help, and results with repo-relative POSIX paths', () => {
    const log = JSON.parse(formatSarif(results, context(ROOT))) as {
      version: string;
      runs: { tool: { driver: { name: string; rules: { id: string; helpUri: string; help: { text: string; markdown?: string }; defaultConfiguration: { level: string; enabled: boolean } }[] } };
        results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number } } }[]; partialFingerprints: Record<string, string> }[] }[];
    };
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    if (!run) throw new Error('no run');
    expect(run.tool.driver.name).toBe('heapdoc');
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.meta.id));
    for (const r of run.tool.driver.rules) {
      expect(r.helpUri).toMatch(/^https:\/\//);
      expect(r.help.markdown).toMatch(new RegExp(`^# ${r.id}\\n`));
    }
    expect(run.tool.driver.rules.find((r) => r.id === 'max-live-heap')?.defaultConfiguration).toEqual({ level: 'error', enabled: false });
    const cut = run.results.find((r) => r.ruleId === 'parse-error');
    expect(cut).toMatchObject({ level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'test/fixtures/lint/mixed/nested/cut.heap-debug1.txt' }, region: { startLine: 34, startColumn: 458 } } }] });
    expect(run.tool.driver.rules[cut?.ruleIndex ?? -1]?.id).toBe('parse-error');
    expect(cut?.message.text).toMatch(/^The input ends in the middle of this line[^\n]*\n\nWhy: .*\n\nFix: /s);
    expect(run.results.find((r) => r.ruleId === 'profile-before-first-gc')?.level).toBe('note');
    expect(run.results.find((r) => r.ruleId === 'max-goroutines')?.level).toBe('warning');
    for (const r of run.results) expect(r.partialFingerprints['heapdocFingerprint/v2']).toMatch(/^[0-9a-f]{16}$/);
  });

  it('gives the second and later results of one fingerprint in one file their occurrence (code scanning would fold them into one alert)', () => {
    const message = (line: number) => ({ ruleId: 'parse-error', severity: 'error' as const, message: `bad line ${line}`, why: 'w', fix: 'f', docsUrl: 'https://go.dev', line, column: 1, fingerprint: '288d0392987ffe81' });
    const file: FileResult = { source: 'a.txt', path: join(ROOT, 'a.txt'), kind: 'heap', messages: [message(3), message(9), message(12)], suppressed: [] };
    const other: FileResult = { ...file, source: 'b.txt', path: join(ROOT, 'b.txt'), messages: [message(4)] };
    const log = JSON.parse(formatSarif([file, other], context(ROOT))) as { runs: { results: { partialFingerprints: Record<string, string> }[] }[] };
    expect(log.runs[0]?.results.map((r) => r.partialFingerprints['heapdocFingerprint/v2'])).toEqual(['288d0392987ffe81', '288d0392987ffe81:2', '288d0392987ffe81:3', '288d0392987ffe81']);
  });

  it('writes files outside the base directory as file: URLs, stdin as "stdin"', () => {
    const outside: FileResult = { source: '/elsewhere/x.txt', path: '/elsewhere/x.txt', kind: 'heap', messages: [], suppressed: [] };
    expect(artifactUri(outside, '/repo')).toBe('file:///elsewhere/x.txt');
    expect(artifactUri({ ...outside, path: '/repo/dumps/a b.txt' }, '/repo')).toBe('dumps/a%20b.txt');
    expect(artifactUri({ source: '-', kind: 'heap', messages: [], suppressed: [] }, '/repo')).toBe('stdin');
  });
});

describe('sarif of a gzip-compressed dump', () => {
  it('gives no region (a gzip file has no lines), and says the line of the decompressed text in the message', () => {
    const file: FileResult = { source: 'dumps/heap.txt.gz', path: join(ROOT, 'dumps/heap.txt.gz'), compressed: true, kind: 'heap', suppressed: [],
      messages: [message({ ruleId: 'stack-heavy', severity: 'warning', message: 'Goroutine stacks take 19.8 MiB.', line: 26, column: 3 }), message({ ruleId: 'leak-suspected', severity: 'error', message: 'A leak.' })] };
    const log = JSON.parse(formatSarif([file], { version: '0.1.0', rules: RULES.map((r) => r.meta), help: ruleDoc, baseDir: ROOT })) as {
      runs: { results: { message: { text: string }; locations: { physicalLocation: Record<string, unknown> }[] }[] }[];
    };
    expect(sarifSchemaErrors(log)).toEqual([]);
    const [stack, leak] = log.runs[0]?.results ?? [];
    expect(stack?.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'dumps/heap.txt.gz' } });
    expect(stack?.message.text).toBe('Goroutine stacks take 19.8 MiB.\n\nAt line 26, column 3 of the decompressed text.\n\nWhy: because\n\nFix: do this');
    expect(leak?.message.text).toBe('A leak.\n\nWhy: because\n\nFix: do this');
  });
});

describe('sarif rule help', () => {
  it('has no link relative to the docs (it is shown in the scanned repository): other rules as heapdoc explain, pages by their name', () => {
    const log = JSON.parse(formatSarif([], { version: '0.1.0', rules: RULES.map((r) => r.meta), help: ruleDoc, baseDir: ROOT })) as {
      runs: { tool: { driver: { rules: { id: string; help: { text: string; markdown: string } }[] } } }[];
    };
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    const relative = rules.flatMap((r) => [...r.help.markdown.matchAll(/\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1] ?? '').filter((to) => !/^https?:/.test(to)).map((to) => `${r.id}: ${to}`));
    expect(relative).toEqual([]);
    const leak = rules.find((r) => r.id === 'leak-suspected')?.help.markdown ?? '';
    expect(leak).toContain('(see docs/reasoning.md in the heapdoc package §3)');
    expect(leak).toContain('- docs/lint.md in the heapdoc package: series, configuration, formats, exit codes');
    const wait = rules.find((r) => r.id === 'goroutine-long-wait')?.help.markdown ?? '';
    expect(wait).toContain('- `heapdoc explain goroutine-growth`, `heapdoc explain leak-suspected`: growth across dumps');
  });

  it('rewrites each kind of link', () => {
    expect(withoutRelativeLinks('[docs/lint.md](../lint.md), [series](../lint.md#series-snapshots-of-one-process), [heap-growth](heap-growth.md), [the budget](max-live-heap.md), [above](#why), [Go](https://go.dev/doc/gc-guide)'))
      .toBe('docs/lint.md in the heapdoc package, series (docs/lint.md in the heapdoc package), `heapdoc explain heap-growth`, the budget (`heapdoc explain max-live-heap`), above, [Go](https://go.dev/doc/gc-guide)');
  });
});

describe('markdown size', () => {
  const finding = (i: number, severity: 'error' | 'warning'): FileResult => ({ source: `dumps/d${i}.txt`, kind: 'heap', suppressed: [],
    messages: [message({ ruleId: 'stack-heavy', severity, message: "Goroutine stacks take 19.8 MiB (65.5% of what Go holds), more than the live heap's 5.9 MiB.", line: 26, column: 3 })] });

  it('stays within a pull-request comment (64 KiB): errors first, then how many were left out', () => {
    const many = Array.from({ length: 400 }, (_, i) => finding(i + 1, i === 399 ? 'error' : 'warning'));
    const text = formatMarkdown(many);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MARKDOWN_MAX_BYTES);
    const rows = text.split('\n').filter((l) => l.startsWith('| <code>'));
    expect(rows.length).toBe(308);
    expect(rows[0]).toBe("| <code>dumps/d400.txt</code> | 26:3 | error | [<code>stack-heavy</code>](https://pkg.go.dev/runtime#MemStats) | Goroutine stacks take 19.8 MiB (65.5% of what Go holds), more than the live heap's 5.9 MiB. |");
    expect(rows[1]).toContain('<code>dumps/d1.txt</code>');
    expect(text.split('\n')[0]).toBe('## heapdoc lint: ✖ 400 problems (1 error, 399 warnings) in 400 dumps');
    expect(text.endsWith("\n\n… and 92 more findings (0 errors, 92 warnings) not shown here: this report stops at 64 KiB, GitHub's limit for a comment. The JSON or SARIF report (`--format json`, `--format sarif`) has them all.\n")).toBe(true);
  });

  it('keeps every row when they fit, and cuts the input errors too', () => {
    expect(formatMarkdown([finding(1, 'warning')]).split('\n').filter((l) => l.startsWith('| <code>'))).toHaveLength(1);
    const unread = Array.from({ length: 2000 }, (_, i) => ({ input: `dumps/${i}.heap.pb.gz`, message: `dumps/${i}.heap.pb.gz: the gzip data is damaged: unexpected end of file`, hint: 'check that the file was copied whole' }));
    const text = formatMarkdown([], unread);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MARKDOWN_MAX_BYTES);
    expect(text.split('\n')[0]).toBe('## heapdoc lint: ✖ 2,000 inputs could not be read, 0 dumps linted');
    expect(text).toMatch(/\n\n… and 1,\d{3} more inputs that could not be read, not shown here \(this report stops at 64 KiB, GitHub's limit for a comment\): each is a line on stderr, and in the JSON or SARIF report \(`--format json`, `--format sarif`\)\.\n$/);
  });
});

describe('--max-warnings in the report', () => {
  const warned: FileResult[] = [{ source: 'a.txt', kind: 'heap', suppressed: [], messages: [message({ ruleId: 'stack-heavy', severity: 'warning', message: 'Stacks.', line: 26, column: 3 })] }];

  it('says the run fails on too many warnings, in stylish and Markdown', () => {
    expect(formatStylish(warned, { colors: plain, maxWarnings: 0 })).toBe('\na.txt\n  26:3  warning  Stacks.  stack-heavy\n\n✖ 1 problem (0 errors, 1 warning)\n✖ too many warnings: 1, more than --max-warnings 0\n');
    expect(formatStylish(warned, { colors: plain, maxWarnings: 1 })).toBe('\na.txt\n  26:3  warning  Stacks.  stack-heavy\n\n✖ 1 problem (0 errors, 1 warning)\n');
    expect(formatMarkdown(warned, [], { maxWarnings: 0 }).split('\n').slice(0, 3)).toEqual(['## heapdoc lint: ✖ 1 problem (0 errors, 1 warning) in 1 dump', '', '**Too many warnings: 1, more than `--max-warnings 0`: the run fails (exit code 1).**']);
    expect(formatMarkdown(warned, [], { maxWarnings: 1 })).not.toContain('Too many');
  });
});
