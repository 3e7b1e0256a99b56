/**
 * A goroutine?debug=1 dump cut short at a line end (captured/go1.19-goroutine1-cut: a real capture
 * cut after its second record): its header's total is 1,204, its records count 1,201. The report
 * says so where it gives the total, as the header's error does on stderr.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const CUT = 'test/fixtures/captured/go1.19-goroutine1-cut/03-t3.goroutine-debug1.txt';
const ERROR = `${CUT}:1:1: error: the header says total 1204 but the records count 1201 goroutines: records are missing (the dump was cut short or edited) — the runtime writes the sum of the record counts as the total; capture it again and make sure the whole response was saved\n`;

describe('a goroutine?debug=1 dump cut short', () => {
  it('text: the summary line says how many of the header\'s goroutines were read', async () => {
    const r = await runCli(['analyze', CUT]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(ERROR);
    expect(r.stdout).toContain(`  ${CUT}: 1,204 goroutines in 2 groups (goroutine?debug=1); cut short: its records count 1,201 of the header's 1,204 goroutines\n`);
  });

  it('Markdown and JSON say it too (JSON: read beside total)', async () => {
    const md = await runCli(['analyze', CUT, '--format', 'markdown']);
    expect(md.stdout).toContain(`- ${CUT}: 1,204 goroutines in 2 groups (\`goroutine?debug=1\`); cut short: its records count 1,201 of the header's 1,204 goroutines\n`);
    const json = JSON.parse((await runCli(['analyze', CUT, '--format', 'json'])).stdout) as { goroutines: { total: number; read?: number; groups: { count: number }[] }[] };
    expect(json.goroutines[0]?.total).toBe(1204);
    expect(json.goroutines[0]?.read).toBe(1201);
    expect(json.goroutines[0]?.groups.map((g) => g.count)).toEqual([1200, 1]);
  });

  it('the whole capture it was cut from has no read field', async () => {
    const json = JSON.parse((await runCli(['analyze', 'test/fixtures/scenarios/goroutine-leak/03-t3.goroutine-debug1.txt', '--format', 'json'])).stdout) as { goroutines: { total: number; read?: number }[] };
    expect(json.goroutines[0]?.total).toBe(1204);
    expect(json.goroutines[0]?.read).toBeUndefined();
  });
});
