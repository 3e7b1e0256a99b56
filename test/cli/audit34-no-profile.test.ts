/**
 * Text that assumed a heap profile where there is none (audit 34): a series of /metrics scrapes or
 * /debug/vars has no heap records, and a dump written with MemProfileRate = 0 may still hold the
 * records sampled before the program turned profiling off.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const LEAK = 'test/fixtures/corpus/go1.19/exposition/leak';
const METRICS = [1, 2, 3, 4, 5].map((n) => `${LEAK}/metrics.${n}.txt`);
const VARS = [1, 2, 3, 4, 5].map((n) => `${LEAK}/vars.${n}.json`);
const HEAPS = [1, 2, 3, 4, 5].map((n) => `${LEAK}/heap.${n}.txt`);
const RATE0 = 'test/fixtures/captured/go1.19-audit34-rate0/heap.txt';

type Report = { findings: { ruleId: string; why: string; fix: string }[] };
const finding = (stdout: string, rule: string): { why: string; fix: string } | undefined => (JSON.parse(stdout) as Report).findings.find((f) => f.ruleId === rule);

describe('a series without heap records', () => {
  it.each([['/metrics scrapes', METRICS], ['/debug/vars', VARS]])('%s that share a NumGC: no GC ran between them, not "their heap records"', async (_kind, files) => {
    const r = await runCli(files);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.includes('share a NumGC'))).toEqual(['  Snapshots 3–5 share a NumGC: no GC ran between them.']);
  });

  it('the heap dumps of the same moments still say their records are one GC epoch', async () => {
    const r = await runCli(HEAPS);
    expect(r.stdout.split('\n').filter((l) => l.includes('share a NumGC'))).toEqual(['  Snapshots 3–5 share a NumGC: their heap records are likely the same GC epoch (the profile is published at GC; a profile read apart from its MemStats may be of an earlier one).']);
  });

  it("leak-suspected's fix does not send to the sites' stacks a scrape has none of: it says heap dumps name them", async () => {
    const r = await runCli([...METRICS, '--format', 'json']);
    expect(finding(r.stdout, 'leak-suspected')?.fix).toBe('A map or slice that is never pruned, a cache without a bound, or goroutines blocked forever are the usual causes. No allocation site grew in these snapshots (a /metrics page or /debug/vars carries no heap profile): heap dumps (heap?debug=1) taken some time apart name the sites that grow, with their stacks (heapdoc analyze A B).');
    const dumps = await runCli([...HEAPS, '--format', 'json']);
    expect(finding(dumps.stdout, 'leak-suspected')?.fix).toMatch(/ heapdoc tui on these files opens each growing site's stacks; /);
  });
});

describe('profiling-disabled with records', () => {
  it("says the records were sampled before the rate was set to 0, not that they carry no samples", async () => {
    const r = await runCli([RATE0, '--format', 'json']);
    expect(finding(r.stdout, 'profiling-disabled')?.why).toBe("The header says '@ heap/0'; the MemStats block is still valid. The 2 records were sampled before the program set the rate to 0 (at start-up): they do not stand for the heap since.");
  });
});
