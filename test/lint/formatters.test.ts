/** The three formatters: pure functions of the results, on real lint results of the mixed fixture directory. */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { colors } from '../../src/text/color.js';
import { RULES } from '../../src/analyze/rules/index.js';
import { activeRules, parseRuleFlag } from '../../src/lint/config.js';
import { ruleDoc } from '../../src/lint/docs.js';
import { formatJson } from '../../src/lint/formatters/json.js';
import { formatMarkdown } from '../../src/lint/formatters/markdown.js';
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
