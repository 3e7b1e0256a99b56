/**
 * Audit 37 (test/fixtures/captured/go1.19-audit37). cgoleak's six ?gc=1 dumps all hold the
 * 39.23 ms pause of GC cycle 28 in their PauseNs ring: the series said it once, by the first dump
 * that held it, "1 of the last 28 pauses", under "Findings (latest snapshot)" — while the latest
 * (heap-gc1-06.txt, NumGC 174) says "1 of the last 174". A fact the snapshots repeat is now said
 * by the latest that holds it, with its counts (analyze/rules/repeated-facts.ts).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const D = 'test/fixtures/captured/go1.19-audit37';
const CGO = [1, 2, 3, 4, 5, 6].map((n) => `${D}/cgoleak/heap-gc1-0${n}.txt`);
const PAUSE = 'A GC pause took 39.23 ms (GC cycle 28); 1 of the last 174 pauses exceeded 10.00 ms.';

describe('a GC fact the snapshots repeat is said with the latest snapshot\'s counts', () => {
  it('analyze: the text report and the JSON say the latest dump\'s 1 of the last 174 pauses, as that dump alone says it', async () => {
    const text = await runCli(['analyze', ...CGO]);
    expect(text.stdout.split('\n').filter((l) => l.includes('gc-pause-long'))).toEqual([`  warning gc-pause-long: ${PAUSE}`]);
    const alone = await runCli(['analyze', CGO[5] ?? '']);
    expect(alone.stdout.split('\n').filter((l) => l.includes('gc-pause-long'))).toEqual([`  warning gc-pause-long: ${PAUSE}`]);
    const json = JSON.parse((await runCli(['analyze', '--format', 'json', ...CGO])).stdout) as { findings: { ruleId: string; source: string; message: string; evidence: Record<string, unknown> }[] };
    expect(json.findings.filter((f) => f.ruleId === 'gc-pause-long').map((f) => [f.source, f.message, f.evidence['pausesOverThreshold']])).toEqual([[CGO[5], PAUSE, 1]]);
  });

  it('lint says it once, at the latest dump\'s PauseNs line', async () => {
    const r = await runCli(['lint', ...CGO]);
    expect(r.stdout.split('\n').filter((l) => l.includes('gc-pause-long'))).toEqual([`  60:3  warning  ${PAUSE}  gc-pause-long`]);
    expect(r.stdout).toContain(`${CGO[5]}\n  60:3`);
  });
});
