/** Issue #9 end to end: the verdict of `heapdoc analyze` on real series, as a user runs it. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const LEAK = 'test/fixtures/corpus/go1.23/leak';
const snaps = (kind: string, ...n: number[]): string[] => n.map((i) => `${LEAK}/snap${i}.${kind}-debug1.txt`);

describe('analyze: series verdicts', () => {
  it('heap dumps with goroutine dumps: the text report names all the evidence, and no single-dump advice', async () => {
    const r = await runCli([...snaps('heap', 1, 2, 3, 4, 5), ...snaps('goroutine', 1, 2, 3, 4, 5)]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n\n')[0]).toBe([
      'Leak suspected (high confidence): HeapAlloc 4.3 MiB → 16.5 MiB across 4 snapshots taken at different GCs (snapshots 1→4), each read between GCs; growing sites: main.newSession +2.5 MiB (rough: 7 → 12 samples);',
      'growing goroutine groups across 5 dumps: main.waitForLock +156, main.waitForReply +156, main.waitForShutdown +156, main.fetchWithTimeout.func1 +155 (41 → 196; now 196 at main.go:92);',
      'goroutine stacks (StackInuse) 608.0 KiB → 1.9 MiB across 5 snapshots.',
    ].join(' '));
    expect(r.stdout).toContain('  HeapAlloc     4.3 MiB → 8.4 MiB → 13.2 MiB → 16.5 MiB → 21.8 MiB');
    expect(r.stdout).not.toContain('One dump cannot tell');
  });

  it('JSON: two GC-separated snapshots are "unknown", with the advice', async () => {
    const r = await runCli([...snaps('heap', 1, 2), '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { verdict: { leak: string; summary: string }; series: { verdict: { kind: string; evidence: unknown[] } } };
    expect(json.verdict.leak).toBe('unknown');
    expect(json.series.verdict).toMatchObject({ kind: 'unknown', evidence: [] });
    // GCs ran between the two: the advice is another snapshot, not more GC cycles.
    expect(json.verdict.summary).toContain('only 2 GC-separated snapshots (3 are needed); take at least one more, some GC cycles after the last, so that a trend can show');
  });
});

describe('analyze: dumps of two programs are refused', () => {
  it('exit 2, one line naming each program by its folder, with the runs to make instead and what --separately does; --separately analyzes them', async () => {
    const mixed = [`${LEAK}/snap1.heap-debug1.txt`, `${LEAK}/snap2.heap-debug1.txt`, 'test/fixtures/corpus/go1.23/memrate/rate-1.heap-debug1.txt', 'test/fixtures/corpus/go1.23/stacks/deep.goroutine-debug1.txt'];
    const r = await runCli(mixed);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      'heapdoc: error: test/fixtures/corpus/go1.23/ holds dumps of more than one program: leak (2), memrate (1), stacks (1) (main.main is defined in /build/run-go1.23/src/memrate/main.go in memrate, /build/run-go1.23/src/leak/main.go in leak) — run heapdoc on each folder for its series verdict (heapdoc test/fixtures/corpus/go1.23/leak, heapdoc test/fixtures/corpus/go1.23/memrate, heapdoc test/fixtures/corpus/go1.23/stacks); --separately reads each dump alone, with no series verdict (one dump cannot tell a leak from a peak)',
      '',
    ]);
    const separately = await runCli([...mixed, '--separately', '--format', 'json']);
    expect(separately.code).toBe(0);
    expect((JSON.parse(separately.stdout) as { snapshots: unknown[] }).snapshots).toHaveLength(3);
  });
});

describe('analyze --fail-on leak', () => {
  it('exits 1 when a leak is suspected, 0 when it is not or cannot be told', async () => {
    const leak = await runCli([...snaps('heap', 1, 2, 3, 4, 5), '--fail-on', 'leak', '--format', 'json']);
    expect(leak.code).toBe(1);
    expect((JSON.parse(leak.stdout) as { verdict: { leak: string } }).verdict.leak).toBe('suspected');
    const unknown = await runCli([...snaps('heap', 1, 2), '--fail-on', 'leak']);
    expect(unknown.code).toBe(0);
    const peak = await runCli(['test/fixtures/corpus/go1.23/peak/default.baseline.heap-debug1.txt', 'test/fixtures/corpus/go1.23/peak/default.peak.heap-debug1.txt', 'test/fixtures/corpus/go1.23/peak/default.after-gc.heap-debug1.txt', 'test/fixtures/corpus/go1.23/peak/default.idle.heap-debug1.txt', '--fail-on', 'leak']);
    expect(peak.code).toBe(0);
    expect(peak.stdout).toMatch(/^Peak retention, not a leak/);
  });

  it('bad input still exits 2', async () => {
    const r = await runCli([...snaps('heap', 1, 2, 3, 4, 5), 'no-such-file.txt', '--fail-on', 'leak']);
    expect(r.code).toBe(2);
  });
});
