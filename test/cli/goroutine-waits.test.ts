/**
 * Wait durations as evidence (go1.19 gorleak capture, test/fixtures/captured/go1.19-audit-gor):
 * one dump whose program goroutines have waited minutes gets the goroutine-long-wait finding; a
 * series whose groups grew, never went back down and waited longer at each dump is not called
 * "A plateau, not a leak".
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

const D = `${FIXTURES}/captured/go1.19-audit-gor/gorleak`;

interface Json {
  verdict: { leak: string; summary: string };
  findings: { ruleId: string; severity: string; message: string; evidence: Record<string, unknown> }[];
}

describe('long waits', () => {
  it('analyze of one debug=2 dump: the goroutine-long-wait finding, with its evidence', async () => {
    const r = await runCli([`${D}/stable3-goroutine-debug2.txt.gz`, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.findings.map((f) => [f.ruleId, f.severity, f.evidence])).toEqual([[
      'goroutine-long-wait', 'warning',
      { blocked: 2442, groups: 5, group: 'example.com/gorleak/handlers.queryBackend', groupCount: 489, waitMinutes: 2, minutes: 1, minCount: 100 },
    ]]);
  });

  it('a series whose heap plateaued while goroutine groups grew and waited 0 → 1 → 2 minutes: not "A plateau, not a leak"', async () => {
    const files = ['leak1', 'leak5', 'stable3'].flatMap((s) => [`${D}/${s}-heap.txt`, `${D}/${s}-goroutine-debug2.txt.gz`]);
    const r = await runCli([...files, '--format', 'json']);
    expect(r.code).toBe(0);
    const { verdict } = JSON.parse(r.stdout) as Json;
    expect(verdict.leak).toBe('unknown');
    expect(verdict.summary).toMatch(/^A plateau of the live heap, not of the goroutines: the live heap rose from 21\.5 MiB to 92\.3 MiB by snapshot 2, then stayed near 98\.7 MiB through snapshot 3: it grew once, then stopped\./);
    expect(verdict.summary).toContain(' But 4,885 goroutines of groups that grew and never went back down have waited longer at each dump '
      + '(net/http.(*persistConn).writeLoop [select] 0 → 1 → 2 minutes ×2,443, example.com/gorleak/handlers.waitForEvent [select] 0 → 1 → 2 minutes ×489, '
      + 'example.com/gorleak/handlers.queryBackend [chan send] 0 → 1 → 2 minutes ×489, and 3 more groups): they leaked while the load lasted and will never end, '
      + 'though their count stopped growing.');
    expect(verdict.summary).not.toContain('not a leak');
  });

  it('a series after the load (stable1–3): counts flat, waits 1 → 2 → 2 minutes: "Stable" says the goroutines blocked longer at each dump, as goroutine-long-wait does', async () => {
    const files = ['stable1', 'stable2', 'stable3'].flatMap((s) => [`${D}/${s}-heap.txt`, `${D}/${s}-goroutine-debug2.txt.gz`]);
    const r = await runCli([...files, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    // No group grew: no leak evidence, so the leak stays not-suspected; the blocked ones are said.
    expect(json.verdict.leak).toBe('not-suspected');
    expect(json.verdict.summary).toBe('Stable: live heap 98.7 MiB → 98.7 MiB across 3 GC-separated snapshots (snapshots 1→3), with no site or goroutine group growing steadily.'
      + ' But 2,442 goroutines in groups stable in count have been blocked for minutes, longer at each dump (example.com/gorleak/handlers.queryBackend [chan send] 1 → 2 → 2 minutes ×489, '
      + 'example.com/gorleak/handlers.waitForEvent [select] 1 → 2 → 2 minutes ×489, example.com/gorleak/handlers.awaitBatch [semacquire] 1 → 2 → 2 minutes ×488, and 2 more groups): '
      + 'they wait for what never comes, each keeping its stack and what it references.');
    expect(json.findings.find((f) => f.ruleId === 'goroutine-long-wait')?.evidence.blocked).toBe(2442);
  });
});
