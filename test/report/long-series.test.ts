/**
 * Trends in the text and Markdown reports stay one readable line however many snapshots there
 * are: a run of one value is written once with its count, a long varied series keeps its ends and
 * its lowest and highest values.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sameEpochRuns, trend } from '../../src/report/goroutines.js';
import { runCli } from '../helpers/cli.js';
import { FIXTURES, readCorpus } from '../helpers/fixtures.js';

/** The series section of a text report of `count` snapshots: its bucket rows and the line on shared GC cycles. */
function seriesSection(stdout: string, count: number, rows = 9): string[] {
  const lines = stdout.split('\n');
  const across = lines.indexOf(`Across ${count} snapshots (ordered by TotalAlloc)`);
  expect(across).toBeGreaterThanOrEqual(0);
  return lines.slice(across + 1, across + 1 + rows);
}

/** A file of `parts` joined, in a new temporary directory. */
function joined(name: string, parts: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'heapdoc-trend-')), name);
  writeFileSync(file, parts.join(''));
  return file;
}

const MiB = 1024 * 1024;

describe('trend', () => {
  it('writes every value of a short series, repeats included', () => {
    expect(trend([4 * MiB, 4 * MiB, 8 * MiB])).toBe('4.0 MiB → 4.0 MiB → 8.0 MiB');
    expect(trend(Array.from({ length: 12 }, () => 7), false)).toBe(Array.from({ length: 12 }, () => '7').join(' → '));
  });

  it('writes a run of one value once, with its count, past 12 values', () => {
    expect(trend(Array.from({ length: 16_743 }, () => 4), false)).toBe('4 ×16,743');
    expect(trend([...Array.from({ length: 10 }, () => MiB), 2 * MiB, ...Array.from({ length: 3 }, () => 3 * MiB)])).toBe('1.0 MiB ×10 → 2.0 MiB → 3.0 MiB ×3');
  });

  it('keeps the first and last five runs of a long varied series, how many values it left out, and a lowest or highest only they hold', () => {
    // 1..20 with a peak of 99 in the middle, hidden among the values left out; the lowest is shown.
    const values = Array.from({ length: 20 }, (_, i) => (i === 10 ? 99 : i + 1));
    expect(trend(values, false)).toBe('1 → 2 → 3 → 4 → 5 → … 10 more … → 16 → 17 → 18 → 19 → 20 (highest 99)');
    // A dip and a peak, both left out.
    const both = Array.from({ length: 20 }, (_, i) => (i === 8 ? 0 : i === 11 ? 99 : i + 1));
    expect(trend(both, false)).toBe('1 → 2 → 3 → 4 → 5 → … 10 more … → 16 → 17 → 18 → 19 → 20 (lowest 0, highest 99)');
    // Runs count as their values: 5 + 5 values shown of 2 × 15; the ends are the lowest and highest.
    const runs = Array.from({ length: 30 }, (_, i) => Math.floor(i / 2));
    expect(trend(runs, false)).toBe('0 ×2 → 1 ×2 → 2 ×2 → 3 ×2 → 4 ×2 → … 10 more … → 10 ×2 → 11 ×2 → 12 ×2 → 13 ×2 → 14 ×2');
  });
});

describe('sameEpochRuns', () => {
  it('joins neighbouring pairs into runs of snapshots (1-based)', () => {
    expect(sameEpochRuns([[0, 1]])).toBe('1&2');
    expect(sameEpochRuns([[0, 1], [1, 2], [4, 5]])).toBe('1–3, 5&6');
    expect(sameEpochRuns(Array.from({ length: 16_742 }, (_, i) => [i, i + 1] as [number, number]))).toBe('1–16,743');
  });

  it('lists the first 12 runs and counts the rest', () => {
    const pairs = Array.from({ length: 15 }, (_, i) => [3 * i, 3 * i + 1] as [number, number]);
    expect(sameEpochRuns(pairs)).toBe('1&2, 4&5, 7&8, 10&11, 13&14, 16&17, 19&20, 22&23, 25&26, 28&29, 31&32, 34&35 and 3 more runs');
  });
});

describe('the text report of many scrapes', () => {
  it('the leak program\'s 5 real scrapes, each taken 3 times: one line per bucket, runs counted', async () => {
    const file = joined('metrics.txt', [1, 2, 3, 4, 5].flatMap((n) => Array.from({ length: 3 }, () => readCorpus(`go1.19/exposition/leak/metrics.${n}.txt`))));
    const r = await runCli(['analyze', file]);
    expect(r.code).toBe(0);
    expect(seriesSection(r.stdout, 15, 11)).toEqual([
      '  HeapAlloc     6.0 MiB ×3 → 14.0 MiB ×3 → 22.0 MiB ×3 → 29.9 MiB ×3 → 38.1 MiB ×3',
      '  fragmentation 964.1 KiB ×3 → 940.7 KiB ×3 → 1.0 MiB ×3 → 1.1 MiB ×6',
      '  idle          96.0 KiB ×3 → 208.0 KiB ×3 → 152.0 KiB ×3 → 8.0 KiB ×6',
      '  released      600.0 KiB ×3 → 552.0 KiB ×3 → 544.0 KiB ×3 → 560.0 KiB ×3 → 408.0 KiB ×3',
      '  stacks        352.0 KiB ×3 → 320.0 KiB ×6 → 416.0 KiB ×6',
      '  HeapSys       7.7 MiB ×3 → 15.7 MiB ×3 → 23.7 MiB ×3 → 31.6 MiB ×3 → 39.6 MiB ×3',
      '  HeapObjects   1,619 ×3 → 2,319 ×3 → 2,753 ×3 → 3,890 ×3 → 5,226 ×3',
      '  NumGC         2 ×3 → 3 ×3 → 4 ×9',
      // Every scrape reports process_resident_memory_bytes: RSS beside what Go holds.
      '  Go holds      17.5 MiB ×3 → 25.8 MiB ×3 → 34.1 MiB ×3 → 42.1 MiB ×3 → 50.2 MiB ×3',
      '  RSS           11.9 MiB ×3 → 14.8 MiB ×3 → 17.3 MiB ×3 → 19.3 MiB ×3 → 22.0 MiB ×3',
      '  Snapshots 1–3, 4–6, 7–15 share a NumGC: no GC ran between them.', // scrapes: no heap records (audit 34)
    ]);
  });
});

describe('the Markdown report of a long series', () => {
  const ROUTINE3 = readCorpus('go1.23/seed/routine3.after-free.heap-debug1.txt');

  it('past 12 snapshots, the latest stands for the rest, with its findings, and the others are counted', async () => {
    const r = await runCli(['analyze', joined('r13.txt', Array.from({ length: 13 }, () => ROUTINE3)), '-f', 'markdown']);
    expect(r.code).toBe(0);
    const sections = r.stdout.split('\n').filter((line) => line.startsWith('## '));
    expect(sections).toEqual(['## Across 13 snapshots', expect.stringMatching(/^## Latest snapshot: .*r13\.txt:481$/), '## Findings (latest snapshot)']);
    expect(r.stdout).toContain('\nThe latest of the 13 snapshots stands for the rest (--format json lists each).\n');
    expect(r.stdout).not.toContain('<details>');
    expect(r.stdout.match(/^- \*\*info\*\* `/gm)).toHaveLength(3);
    expect(r.stdout).toContain('\n36 more findings in earlier snapshots (--format json lists them all).\n');
  });

  it('up to 12, the latest too, as in the text report: the 11 others in a folded table, their findings counted', async () => {
    const r = await runCli(['analyze', joined('r12.txt', Array.from({ length: 12 }, () => ROUTINE3)), '-f', 'markdown']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.filter((line) => line.startsWith('## '))).toEqual(['## Across 12 snapshots', expect.stringMatching(/^## Latest snapshot: .*r12\.txt:441$/), '## Findings (latest snapshot)']);
    expect(lines).toContain('<details><summary>The 11 earlier snapshots (the series above reads them; --format json has each in full)</summary>');
    expect(lines.filter((line) => /^\| \d+ \| .*r12\.txt:\d+ \| \d+ \|$/.test(line))).toHaveLength(11);
    expect(r.stdout.match(/^- \*\*info\*\* `/gm)).toHaveLength(3);
    expect(r.stdout).toContain('\n33 more findings in earlier snapshots (--format json lists them all).\n');
    expect(r.stdout).not.toContain('stands for the rest');
  });
});

describe('a real series of 14 heap dumps (captured/go1.19-leak-series)', () => {
  it('the text report: the leak, and each trend shortened to its ends, runs counted', async () => {
    const r = await runCli(['analyze', join(FIXTURES, 'captured/go1.19-leak-series/heap-14-snapshots.txt')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/holds 14 concatenated heap dumps/);
    expect(r.stdout.split('\n')[0]).toBe('Leak suspected (medium confidence): HeapAlloc 22.4 MiB → 41.2 MiB across 3 snapshots taken at different GCs (snapshots 1→6), each read between GCs; growing sites: bytes.Repeat ← main.main.func1 (main.go:15) +18.6 MiB.');
    expect(seriesSection(r.stdout, 14)).toEqual([
      '  HeapAlloc     22.4 MiB → 26.2 MiB → 30.0 MiB → 33.8 MiB → 37.6 MiB → … 4 more … → 56.4 MiB → 60.3 MiB → 64.1 MiB → 67.9 MiB → 71.6 MiB',
      '  fragmentation 518.9 KiB → 569.7 KiB → 602.9 KiB → 640.7 KiB → 626.5 KiB → … 4 more … → 599.3 KiB → 587.3 KiB → 574.9 KiB → 570.4 KiB → 566.4 KiB',
      '  idle          128.0 KiB → 112.0 KiB → 72.0 KiB → 32.0 KiB ×2 → 208.0 KiB → 144.0 KiB → 128.0 KiB → 104.0 KiB → 80.0 KiB → 56.0 KiB → 40.0 KiB ×2 → 32.0 KiB',
      '  released      704.0 KiB → 832.0 KiB → 992.0 KiB → 1.2 MiB → 1.4 MiB → … 4 more … → 2.6 MiB → 2.7 MiB → 3.0 MiB → 3.1 MiB → 3.4 MiB',
      '  stacks        320.0 KiB → 352.0 KiB ×7 → 320.0 KiB → 352.0 KiB ×5',
      '  HeapSys       23.7 MiB → 27.7 MiB → 31.7 MiB → 35.7 MiB → 39.7 MiB → … 4 more … → 59.7 MiB → 63.7 MiB → 67.7 MiB → 71.7 MiB → 75.7 MiB',
      '  HeapObjects   1,187 → 1,259 → 1,505 → 1,740 → 1,982 → … 4 more … → 2,442 → 2,676 → 2,907 → 3,144 → 3,375',
      '  NumGC         3 → 4 ×4 → 5 ×9',
      '  Snapshots 2–5, 6–14 share a NumGC: their heap records are likely the same GC epoch (the profile is published at GC; a profile read apart from its MemStats may be of an earlier one).',
    ]);
  });

  it('the JSON report keeps every point', async () => {
    const r = await runCli(['analyze', join(FIXTURES, 'captured/go1.19-leak-series/heap-14-snapshots.txt'), '--format', 'json']);
    const json = JSON.parse(r.stdout) as { series: { points: { numGC: number }[]; sameEpoch: [number, number][] } };
    expect(json.series.points.map((p) => p.numGC)).toEqual([3, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5]);
    expect(json.series.sameEpoch).toHaveLength(11);
  });
});

