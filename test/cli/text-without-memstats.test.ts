/**
 * A heap?debug=1 dump without its `# runtime.MemStats` block (cut before it, or saved through a
 * proxy that strips `#` lines) pairs with the /debug/vars of its moment (same folder and file
 * stem) as a binary heap profile does: the verdict reads the vars' MemStats, and lint says what
 * analyze says. Fixture: test/fixtures/lint/text-without-memstats (README there).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const DIR = 'test/fixtures/lint/text-without-memstats';
const PAIR = `${DIR}/03-t3.heap.txt + ${DIR}/03-t3.vars.json`;

interface Json {
  verdict: { leak: string; summary: string };
  snapshots: { source: string; origin?: string; breakdown?: { live: number }; profile: { sites: { function: string }[] } }[];
  findings: { ruleId: string }[];
}

describe('a heap?debug=1 dump without MemStats beside the /debug/vars of its moment', () => {
  it('analyze: one snapshot of both, the vars\' MemStats and the dump\'s sites (it said "Cannot tell yet … same GC cycle" and no-memstats)', async () => {
    const r = await runCli([DIR, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.snapshots.map((s) => [s.source, s.origin, s.breakdown?.live, s.profile.sites.length])).toEqual([[PAIR, 'heap+expvar', 93163336, 5]]);
    // Read between GCs: the goal says the last GC marked about 50.2 MiB of its 88.8 MiB (audit 43 F5).
    expect(json.verdict.summary).toBe('Read between GCs: HeapAlloc 88.8 MiB, 86.6% of the 102.6 MiB Go holds (104.7 MiB mapped), counts everything allocated since the last GC, reachable or not, and the heap profile, as of a recent GC, had 52.5 MiB in use; the heap goal (NextGC 100.7 MiB) says the last GC marked about 50.2 MiB live if GOGC is 100 (the dump does not carry GOGC; the profile may be up to two GC cycles old), so at least that much was live then and the 38.7 MiB allocated since may be garbage. '
      + 'One dump cannot tell a leak from a peak — take it again with heap?debug=1&gc=1 (a GC runs before the dump, so that HeapAlloc is the live heap) and another some time later, and compare both with heapdoc analyze A B.');
    expect(json.findings.map((f) => f.ruleId)).toEqual(['gc-pause-long']);
    const text = await runCli([DIR]);
    expect(text.stdout).toContain(`\n${PAIR}\nheap dump without MemStats + the MemStats of its /debug/vars · reslice -addrfile /tmp/audit/reslice.main.addr · go1.19 (inferred) · 5 records\n`);
  });

  it('lint: the pair, as analyze reads it: no no-memstats on the dump', async () => {
    const r = await runCli(['lint', DIR]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      `${DIR}/03-t3.vars.json`,
      '  3:485  warning  A GC pause took 10.00 ms (GC cycle 3); 1 of the last 9 pauses exceeded 10.00 ms.  gc-pause-long',
      '',
      '✖ 1 problem (0 errors, 1 warning)',
      // The folder's README, counted in the report (stderr names it).
      '1 file skipped (not read as dumps): stderr and --format json or sarif say which and why',
    ]);
  });

  it('the dump alone is read as before: no MemStats, its sites', async () => {
    const r = await runCli([`${DIR}/03-t3.heap.txt`, '--format', 'json']);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.snapshots.map((s) => [s.source, s.origin, s.breakdown])).toEqual([[`${DIR}/03-t3.heap.txt`, undefined, null]]);
    expect(json.findings.map((f) => f.ruleId)).toEqual(['no-memstats']);
  });
});
