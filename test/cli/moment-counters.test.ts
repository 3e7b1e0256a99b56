/**
 * Captures named as one moment are one only when their cumulative counters agree
 * (analyze/moments.ts countersAgree). The audit's captures (test/fixtures/captured/go1.19-audit35-moments,
 * copies of the corpus's go1.19/exposition/leak files under other names): `heap.txt` (leak/heap.1.txt)
 * beside `metrics.txt` (leak/metrics.5.txt, 16 s later) were one snapshot, moment 1's MemStats
 * with moment 5's RSS, and JSON `skipped: []`; `renamed/` (vars.1, heap.3, metrics.5 all named `5`)
 * collapsed three moments into one.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const AUDIT = 'test/fixtures/captured/go1.19-audit35-moments';
const LEAK = 'test/fixtures/corpus/go1.19/exposition/leak';

interface Report {
  snapshots: { source: string; process?: { rss?: number; rssFrom?: string }; memStats: { TotalAlloc: number; NumGC: number } }[];
  skipped: { source: string; reason: string }[];
}

async function json(args: string[]): Promise<{ report: Report; stderr: string }> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.code).toBe(0);
  return { report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

describe('one moment by name, two by counters', () => {
  it('heap.txt (TotalAlloc 6,964,296) beside metrics.txt (40,700,880): two snapshots, the RSS only the scrape\'s own', async () => {
    const { report, stderr } = await json([`${AUDIT}/stem-mismatch/`]);
    expect(stderr).toBe('heapdoc: metrics.txt and heap.txt are named as one moment (the same folder and file stem), but their counters differ (TotalAlloc 40,700,880 and 6,964,296): read as moments of their own\n');
    expect(report.snapshots.map((s) => [s.source.slice(AUDIT.length + 1), s.memStats.TotalAlloc, s.memStats.NumGC, s.process?.rss])).toEqual([
      ['stem-mismatch/heap.txt', 6964296, 2, undefined],
      ['stem-mismatch/metrics.txt', 40700880, 4, 23101440],
    ]);
    expect(report.skipped).toEqual([]);
    const text = await runCli([`${AUDIT}/stem-mismatch/`]);
    expect(text.stdout).toContain('Across 2 snapshots (ordered by TotalAlloc)');
  });

  it('renamed/: vars.1, heap.3 and metrics.5 all named 5 are three moments, in TotalAlloc order', async () => {
    const { report, stderr } = await json([`${AUDIT}/renamed/`]);
    expect(stderr).toBe('heapdoc: vars.5.json and heap.5.txt (and 1 more) are named as one moment (the same folder and file stem), but their counters differ (TotalAlloc 6,873,000 and 24,006,056): read as moments of their own\n');
    expect(report.snapshots.map((s) => [s.source.slice(AUDIT.length + 1), s.memStats.TotalAlloc, s.process?.rss])).toEqual([
      ['renamed/vars.5.json', 6873000, undefined],
      ['renamed/heap.5.txt', 24006056, undefined],
      ['renamed/metrics.5.txt', 40700880, 23101440],
    ]);
    expect(report.skipped).toEqual([]);
  });

  it('heap.3 (24,006,056) and metrics.5 (40,700,880), one NumGC (4): TotalAlloc apart by more than an eighth is two moments', async () => {
    const { report, stderr } = await json([`${AUDIT}/renamed/heap.5.txt`, `${AUDIT}/renamed/metrics.5.txt`]);
    expect(stderr).toBe('heapdoc: metrics.5.txt and heap.5.txt are named as one moment (the same folder and file stem), but their counters differ (TotalAlloc 40,700,880 and 24,006,056): read as moments of their own\n');
    expect(report.snapshots.map((s) => s.memStats.TotalAlloc)).toEqual([24006056, 40700880]);
  });

  it('the captures of one moment still fold (metrics, vars and heap fetched together differ by at most 5.6 %), and JSON skipped lists what was left out', async () => {
    const { report, stderr } = await json([`${LEAK}/heap.1.txt`, `${LEAK}/vars.1.json`, `${LEAK}/metrics.1.txt`]);
    expect(stderr).toBe('heapdoc: 2 inputs are other captures of a moment already read (the same folder and file stem: vars.1.json beside heap.1.txt): one snapshot per moment\n');
    expect(report.snapshots.map((s) => [s.source, s.memStats.TotalAlloc, s.process?.rss])).toEqual([[`${LEAK}/heap.1.txt`, 6964296, 12427264]]);
    expect(report.skipped).toEqual([
      { source: `${LEAK}/vars.1.json`, reason: `another capture of the moment ${LEAK}/heap.1.txt stands for` },
      { source: `${LEAK}/metrics.1.txt`, reason: `another capture of the moment ${LEAK}/heap.1.txt stands for` },
    ]);
  });
});

describe('heapdoc lint says the captures named as one moment that its counters part, as analyze does', () => {
  it('stem-mismatch/ and renamed/: the same line on stderr, no finding', async () => {
    const [mismatch, renamed] = await Promise.all([runCli(['lint', `${AUDIT}/stem-mismatch/`]), runCli(['lint', `${AUDIT}/renamed/`])]);
    expect([mismatch.code, mismatch.stdout, mismatch.stderr]).toEqual([0, '', 'heapdoc: metrics.txt and heap.txt are named as one moment (the same folder and file stem), but their counters differ (TotalAlloc 40,700,880 and 6,964,296): read as moments of their own\n']);
    expect([renamed.code, renamed.stderr]).toEqual([0, 'heapdoc: vars.5.json and heap.5.txt (and 1 more) are named as one moment (the same folder and file stem), but their counters differ (TotalAlloc 6,873,000 and 24,006,056): read as moments of their own\n']);
  });
});
