/**
 * One process read three ways gives one verdict: go1.19-audit30-syncpool (8 workers take a 1 MiB
 * buffer from a sync.Pool and make 64 KiB of garbage each, a GC every ~20 ms: churn, its README
 * says). Its plain dumps alone were "Leak suspected (medium confidence)" from the pool's New site
 * (3 → 6 buffers in use at their GCs, while HeapAlloc fell 14.1 → 6.3 MiB), its ?gc=1 dumps and
 * its folder churn; with the site left out, the plain dumps' fall of HeapAlloc (a GC's sawtooth,
 * the heap profile rising) read as "Peak retention".
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const S = 'test/fixtures/captured/go1.19-audit30-syncpool';
const files = (re: RegExp): string[] => readdirSync(S).filter((f) => re.test(f)).sort().map((f) => `${S}/${f}`);

interface Report { verdict: { leak: string; summary: string }; series: { verdict: { kind: string; confidence: string }; growingSites: { function: string; poolNew?: boolean; inuseBytes: number[] }[] } }

async function report(args: string[]): Promise<Report> {
  const r = await runCli([...args, '--format', 'json', '--fail-on', 'leak']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

describe('go1.19-audit30-syncpool: churn, however it is read', () => {
  it('the plain dumps alone: churn, the pool\'s New site growth short of evidence (was "Leak suspected", then "Peak retention")', async () => {
    const r = await report(files(/steady\.heap\.txt$/));
    expect([r.series.verdict.kind, r.verdict.leak]).toEqual(['churn', 'not-suspected']);
    expect(r.verdict.summary).toMatch(/^Churn, not a leak: 1\.3 GiB allocated a step on average \(5\.2 GiB over 4 steps between snapshots\) while HeapAlloc, read between GCs, moves between 6\.3 MiB and 15\.1 MiB across 5 GC-separated snapshots \(snapshots 1→5\) without rising steadily; the Go heap's cost is GC work\. A dump taken between GCs counts the garbage made since the last one in HeapAlloc: add \?gc=1 to the heap URL so that each snapshot follows a GC\./);
    expect(r.verdict.summary).toContain('Growing, but not yet evidence: main.glob..func1 (a sync.Pool\'s New) +3.5 MiB');
    const pool = r.series.growingSites.find((s) => s.function === 'main.glob..func1');
    expect([pool?.poolNew, pool?.inuseBytes]).toEqual([true, [3638089, 3638089, 4850786, 7276179, 7276179]]);
  });

  it('the ?gc=1 dumps alone and the folder: churn, as before', async () => {
    for (const args of [files(/steady-gc\.heap\.txt$/), [S]]) {
      const r = await report(args);
      expect([r.series.verdict.kind, r.verdict.leak]).toEqual(['churn', 'not-suspected']);
      expect(r.verdict.summary.startsWith('Churn, not a leak: ')).toBe(true);
    }
  });
});
