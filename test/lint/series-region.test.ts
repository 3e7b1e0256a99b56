/**
 * A finding said once for a series (gc-cpu-high, gc-off) is placed at the line of the MemStats
 * field it reads in the series' last file, so that SARIF gives it a region: the target's own
 * finding's line, or that of its repeat of an earlier one (audit 35, problem 4); a paired binary
 * profile's moment, its vars file's line, as analyze places it.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

interface Sarif {
  runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number } } }> }> }>;
}

const places = (stdout: string): string[] => (JSON.parse(stdout) as Sarif).runs[0]?.results.map((r) => {
  const l = r.locations[0]?.physicalLocation;
  return `${r.ruleId} ${l?.artifactLocation.uri.split('/').pop() ?? ''}${l?.region ? `:${l.region.startLine}:${l.region.startColumn}` : ''}`;
}) ?? [];

describe('series findings about a MemStats field get its line (SARIF region)', () => {
  it('burst under a memory limit: gc-cpu-high at heap.8.txt:56 (# GCCPUFraction), though heap.8 repeats heap.7\'s GC', async () => {
    const r = await runCli(['lint', `${FIXTURES}/captured/go1.19-audit35-burst/memlimit`, '-f', 'sarif']);
    expect(places(r.stdout)).toEqual(['gc-pause-long heap.8.txt:52:3', 'gc-cpu-high heap.8.txt:56:3']);
    const json = await runCli([...[1, 2, 3, 4, 5, 6, 7, 8].map((i) => `${FIXTURES}/captured/go1.19-audit35-burst/memlimit/heap.${i}.txt`), '-f', 'json']);
    const cpu = (JSON.parse(json.stdout) as { findings: Array<{ ruleId: string; source: string; line?: number; column?: number }> }).findings.find((f) => f.ruleId === 'gc-cpu-high');
    expect([cpu?.source.split('/').pop(), cpu?.line, cpu?.column]).toEqual(['heap.8.txt', 56, 3]);
  });

  it('binary profiles with the vars of their moments: gc-cpu-high in the last vars file, at its GCCPUFraction (3:7394), as analyze says it', async () => {
    const E = `${FIXTURES}/captured/go1.19-audit-verdicts/e-thrash`;
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-region-'));
    for (const n of [1, 2, 3, 4]) for (const f of [`0${n}-moment${n}.heap.pb.gz`, `0${n}-moment${n}.vars.json`]) copyFileSync(join(E, f), join(dir, f));
    const r = await runCli(['lint', dir, '-f', 'sarif']);
    expect(places(r.stdout)).toEqual(['gc-pause-long 01-moment1.vars.json:3:485', 'gc-pause-long 02-moment2.vars.json:3:487', 'gc-cpu-high 04-moment4.vars.json:3:7394']);
    const json = await runCli(['analyze', dir, '-f', 'json']);
    const cpu = (JSON.parse(json.stdout) as { findings: Array<{ ruleId: string; source: string; line?: number; column?: number }> }).findings.find((f) => f.ruleId === 'gc-cpu-high');
    expect([cpu?.source.replace(/[^ ]*\//g, ''), cpu?.line, cpu?.column]).toEqual(['04-moment4.heap.pb.gz + 04-moment4.vars.json', 3, 7394]);
  });

  it('the GC off in all 5 dumps: gc-off at 05.heap-gc1.txt:655 (# NextGC = 9223372036841540183)', async () => {
    const r = await runCli(['lint', `${FIXTURES}/captured/go1.19-audit28-gogcoff/gc1/gc1`, '-f', 'sarif']);
    expect(places(r.stdout).filter((p) => p.startsWith('gc-off'))).toEqual(['gc-off 05.heap-gc1.txt:655:3']);
  });
});
