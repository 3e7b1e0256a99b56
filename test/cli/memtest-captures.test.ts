/**
 * Captures of an audit's real go1.19 program (test/fixtures/captured/go1.19-memtest, README there).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const A = 'test/fixtures/captured/go1.19-memtest';

describe('a steady cache captured with heap?debug=1&gc=1', () => {
  it('churn, without "add ?gc=1": every dump already followed a forced GC (NumForcedGC 1 → 5)', async () => {
    const r = await runCli(['analyze', `${A}/cache-gc1`, '--format', 'json', '--fail-on', 'leak']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { series: { verdict: { kind: string; summary: string } } };
    expect(report.series.verdict.kind).toBe('churn');
    expect(report.series.verdict.summary).toBe('Churn, not a leak: 162.8 MiB allocated a step on average (651.0 MiB over 4 steps between snapshots) while the live heap moves between 16.0 MiB and 23.8 MiB across 5 GC-separated snapshots without rising steadily, with no site or goroutine group growing steadily; the Go heap\'s cost is GC work.');
  });
});
