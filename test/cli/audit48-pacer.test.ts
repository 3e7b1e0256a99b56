/**
 * Audit 48 #9 (test/fixtures/captured/go1.19-audit48-sparse/gctrace.log, run with
 * GODEBUG=gctrace=1,gcpacertrace=1): its 23 `pacer: …` lines were "23 other lines skipped", as if the
 * program had written them. They are the runtime's pacer's, named so in text, Markdown and JSON.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const LOG = 'test/fixtures/captured/go1.19-audit48-sparse/gctrace.log';
const FACTS = '6.7 GCs/min (not counting 7 forced) · GC CPU 0% since start · longest stop-the-world 13 ms (gc 2, line 6) · goal 56 MB · 23 pacer lines (gcpacertrace=1) skipped';

describe('gcpacertrace=1 lines in a GC log', () => {
  it('text and Markdown name them as the pacer\'s, not other lines', async () => {
    const text = await runCli(['analyze', LOG]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').filter((l) => l.includes('skipped'))).toEqual([`  ${FACTS}`]);
    const markdown = await runCli(['analyze', LOG, '--format', 'markdown']);
    expect(markdown.stdout.split('\n').filter((l) => l.includes('skipped'))).toEqual([`- ${FACTS}`]);
  });

  it('JSON counts them apart: pacerLines 23, otherLines 0', async () => {
    const r = await runCli(['analyze', LOG, '--format', 'json']);
    const json = JSON.parse(r.stdout) as { gcTraces: { otherLines: number; pacerLines: number; cycles: number }[] };
    expect(json.gcTraces.map((t) => [t.otherLines, t.pacerLines])).toEqual([[0, 23]]);
  });
});
