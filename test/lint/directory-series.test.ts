/**
 * DirectorySeries (src/lint/series.ts): each directory's series runs when its last input settles,
 * in whatever order the threads finish, with the results, findings and problems of a series run
 * over the whole set at the end.
 */
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HeapdocError } from '../../src/input/errors.js';
import { activeRules } from '../../src/lint/config.js';
import { fileLinter } from '../../src/lint/runner.js';
import { DirectorySeries, dropPairedProfileWarnings, dropRepeatedFacts, foldMoments, lintSeries, rebuildSnapshot, seriesGroups, type SeriesFile } from '../../src/lint/series.js';
import { corpusPath, FIXTURES } from '../helpers/fixtures.js';

const active = activeRules(new Map());
const lint = fileLinter({ active, series: true });

async function lintFiles(paths: readonly string[]): Promise<SeriesFile[]> {
  return Promise.all(paths.map(async (p) => (await lint({ type: 'file', name: p, path: p })) as SeriesFile));
}

const seriesIds = (files: readonly SeriesFile[]): string[][] => files.map((f) => f.result.messages.map((m) => m.ruleId).filter((id) => ['leak-suspected', 'goroutine-growth', 'heap-growth'].includes(id)));

describe('DirectorySeries', () => {
  const leak = join(FIXTURES, 'scenarios/goroutine-leak');
  const heap = join(FIXTURES, 'scenarios/heap-leak');
  const paths = [
    ...['01-t1', '02-t2', '03-t3', '04-t4', '05-t5', '06-t6'].map((t) => join(leak, `${t}.heap-debug1.txt`)),
    ...['01-t1', '02-t2', '03-t3'].map((t) => join(heap, `${t}.heap-debug1.txt`)),
  ];

  it('runs a directory\'s series when its last input settles, in any order, and gives the results of a series run at the end', async () => {
    const files = await lintFiles(paths);
    const expected = await lintFiles(paths);
    // The series of the two folders, each read whole as DirectorySeries reads it.
    const groups = seriesGroups(expected);
    expect(groups.map((g) => g.length)).toEqual([6, 3]);
    for (const group of groups) {
      dropPairedProfileWarnings(group);
      foldMoments(group);
      dropRepeatedFacts(group);
      lintSeries(group, active, () => undefined);
    }

    // Inputs 0–5 in goroutine-leak, 6–8 in heap-leak, 9 read from stdin (no directory), 10 skipped.
    const series = new DirectorySeries([...paths, undefined, join(heap, 'README.md')], active, true);
    const stdin = (await lintFiles([join(leak, '01-t1.heap-debug1.txt')]))[0] as SeriesFile;
    for (const i of [5, 7, 9, 0, 10, 4, 3, 2, 8]) series.settle(i, i === 9 ? stdin : i === 10 ? undefined : files[i]);
    // heap-leak's last input (6) has not settled: its series has not run; goroutine-leak's has (input 1 pending).
    expect(seriesIds(files)).toEqual([[], [], [], [], [], [], [], [], []]);
    series.settle(6, files[6]);
    expect(seriesIds(files.slice(6))).toEqual([[], [], ['leak-suspected']]);
    series.settle(1, files[1]);
    expect(seriesIds(files.slice(0, 6))).toEqual([[], [], [], [], [], ['leak-suspected']]);

    const problems: string[] = [];
    const results = series.finish((e: HeapdocError) => problems.push(e.message));
    expect(problems).toEqual([]);
    expect(results).toEqual([...expected.map((f) => f.result), stdin.result]);
    expect(results.map((r) => r.source)).toEqual([...paths, join(leak, '01-t1.heap-debug1.txt')]);
  });

  it('gives each directory\'s series problems at the end, in input order, whichever directory closed first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-dirseries-'));
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    const a = [join(dir, 'a/1.txt'), join(dir, 'a/2.txt')];
    const b = [join(dir, 'b/1.txt'), join(dir, 'b/2.txt')];
    // Two builds of the leak program in each directory: not one program.
    copyFileSync(corpusPath('go1.19/leak/snap1.heap-debug1.txt'), a[0] as string);
    copyFileSync(corpusPath('go1.21/leak/snap1.heap-debug1.txt'), a[1] as string);
    copyFileSync(corpusPath('go1.21/leak/snap1.heap-debug1.txt'), b[0] as string);
    copyFileSync(corpusPath('go1.23/leak/snap1.heap-debug1.txt'), b[1] as string);
    const files = await lintFiles([...a, ...b]);
    const series = new DirectorySeries([...a, ...b], active, true);
    for (const i of [3, 2, 1, 0]) series.settle(i, files[i]);
    const problems: string[] = [];
    const results = series.finish((e: HeapdocError) => problems.push(e.message.replace(/\/build\/run-(go[\d.]+)\/src\//g, '$1:')));
    expect(problems).toEqual([
      `${a[0]} is not from the same program as ${a[1]}: main.newSession is defined in go1.19:leak/main.go here, go1.21:leak/main.go there`,
      `${b[1]} is not from the same program as ${b[0]}: main.newSession is defined in go1.23:leak/main.go here, go1.21:leak/main.go there`,
    ]);
    expect(results.map((r) => r.source)).toEqual([...a, ...b]);
  });
});

describe('the series summary of a /debug/vars document', () => {
  it('keeps its size table (MemStats.BySize) across a structured clone, as the series reads it', async () => {
    const file = join(FIXTURES, 'captured/go1.19-audit-verdicts/h-watch-vars/2026-12-05T03-33-20.308Z.vars.json');
    const [linted] = await lintFiles([file]);
    const summary = structuredClone(linted?.series.snapshots[0]);
    const table = summary && rebuildSnapshot(summary).sizeClasses;
    expect(table?.source).toBe('BySize');
    expect(table?.exact).toBe(true);
    expect(table?.classes.length).toBe(61);
    // The class of the leak (4 KiB objects): 644 live in the first snapshot (1,924 in the last).
    expect(table?.classes.find((c) => c.size === 4096)?.liveObjects).toBe(644);
  });
});
