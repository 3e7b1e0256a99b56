/** The runner: directories by content, streaming of large dumps, bounded concurrency with stable order. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import type { HeapdocError } from '../../src/input/errors.js';
import { activeRules } from '../../src/lint/config.js';
import { lintHeapDump } from '../../src/lint/engine.js';
import { lintInputs, type RunOutcome } from '../../src/lint/runner.js';
import { corpusPath, FIXTURES, readCorpus } from '../helpers/fixtures.js';

const MIXED = join(FIXTURES, 'lint/mixed');
const active = activeRules(new Map());

async function run(specs: string[], concurrency = 4): Promise<RunOutcome & { problems: string[] }> {
  const problems: string[] = [];
  const outcome = await lintInputs(specs, { active, concurrency, onProblem: (e: HeapdocError) => problems.push(e.message) });
  return { ...outcome, problems };
}

describe('lintInputs', () => {
  it('walks a directory recursively and lints the dumps among junk, skipping the rest', async () => {
    const r = await run([MIXED]);
    expect(r.failed).toBe(false);
    expect(r.problems).toEqual([]);
    expect(r.results.map((x) => [x.source.slice(MIXED.length + 1), x.kind])).toEqual([
      ['nested/cut.heap-debug1.txt', 'heap'],
      ['nested/deeper/snap1.goroutine-debug1.txt', 'goroutine'],
      ['nested/routine3.after-wait.heap-debug1.txt', 'heap'],
      ['start.heap-debug1.txt', 'heap'],
    ]);
    // README.md, start.json, empty.txt, profile.pb.gz, build.gcflags-m.txt, notes.log
    expect(r.skipped.map((name) => name.slice(name.indexOf('mixed/') + 6)).sort()).toEqual(['README.md', 'empty.txt', 'nested/build.gcflags-m.txt', 'nested/deeper/notes.log', 'profile.pb.gz', 'start.json']);
  });

  it('a bug while one file is read is a problem of that file: the others are still linted', async () => {
    const base = active[0]?.rule;
    if (!base) throw new Error('no rule');
    // A rule that fails on one dump only, as a bug in heapdoc would.
    const boom = { ...active[0], rule: { ...base, check: (facts: Parameters<typeof base.check>[0], context: Parameters<typeof base.check>[1]) => {
      if (facts.source.endsWith('start.heap-debug1.txt')) throw new TypeError('boom');
      return base.check(facts, context);
    } } } as (typeof active)[number];
    const problems: string[] = [];
    const specs = [join(MIXED, 'start.heap-debug1.txt'), join(MIXED, 'nested/routine3.after-wait.heap-debug1.txt')];
    const outcome = await lintInputs(specs, { active: [boom, ...active.slice(1)], concurrency: 1, onProblem: (e: HeapdocError) => problems.push(`${e.message} — ${e.hint}`) });
    expect(problems).toEqual([`${specs[0]}: internal error while reading this input: boom — this is a bug in heapdoc; the other inputs were read; please report it with the input`]);
    expect(outcome.failed).toBe(true);
    expect(outcome.results.map((r) => r.source)).toEqual([specs[1]]);
  });

  it('reports a file named on the command line that is not a dump, and lints the others', async () => {
    const r = await run([join(MIXED, 'README.md'), join(MIXED, 'start.heap-debug1.txt'), join(MIXED, 'nope.txt')]);
    expect(r.failed).toBe(true);
    expect(r.problems).toEqual([
      `${join(MIXED, 'nope.txt')}: no such file or directory`,
      `${join(MIXED, 'README.md')}: not a Go heap dump (the first line is "# Mixed inputs for heapdoc lint tests")`,
    ]);
    expect(r.results).toHaveLength(1);
  });

  it('streams a dump larger than the read buffer, with the same findings as a whole parse', async () => {
    const rel = 'go1.21/memrate/rate-1.heap-debug1.txt'; // 141 KB: read in 64 KiB chunks
    const r = await run([corpusPath(rel)]);
    const { dump, diagnostics } = parseHeapDump(readCorpus(rel), corpusPath(rel));
    expect(r.results[0]?.messages).toEqual(lintHeapDump(corpusPath(rel), dump, diagnostics, active));
    expect(r.results[0]?.messages.map((m) => `${m.ruleId}:${m.line}`)).toEqual(['gc-pause-long:1966']);
    // A problem in the last chunk keeps its line and column.
    const edited = join(mkdtempSync(join(tmpdir(), 'heapdoc-runner-')), 'edited.txt');
    writeFileSync(edited, readCorpus(rel).replace('# NumForcedGC = 1', '# NumForcedGC = 1x'));
    const e = await run([edited]);
    expect(e.results[0]?.messages.find((m) => m.ruleId === 'parse-error')).toMatchObject({ line: 1969, column: 18 });
  });

  it('gives the same results in the same order whatever the concurrency', async () => {
    const dirs = ['go1.19/seed', 'go1.23/leak', 'go1.26-devel/stacks'].map((d) => corpusPath(d));
    const one = await run(dirs, 1);
    const many = await run(dirs, 16);
    expect(many.results).toEqual(one.results);
    expect(one.results.length).toBeGreaterThan(20);
  });

  it("lints a /metrics scrape with the RSS and Go version it reports, as analyze does (they were dropped)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-lint-scrape-'));
    const scrape = readCorpus('go1.19/exposition/leak/metrics.5.txt');
    // 23.1 MB reported; 300 MB is far above what the runtime holds (analyze says the same; lint said nothing).
    writeFileSync(join(dir, 'metrics.txt'), scrape.replace('process_resident_memory_bytes 2.310144e+07', 'process_resident_memory_bytes 3e+08'));
    const r = await run([join(dir, 'metrics.txt')]);
    expect(r.problems).toEqual([]);
    expect(r.results.map((x) => x.messages.map((m) => [m.ruleId, m.message]))).toEqual([[
      ['rss-above-go-estimate', 'RSS (286.1 MiB) is 235.9 MiB above what the Go runtime holds (50.2 MiB).'],
    ]]);
  });
});
