/**
 * Goroutine dumps whose names say the debug level, on a real go1.19.8 program captured for an
 * audit (test/fixtures/captured/go1.19-audit39-goroleak, README.md and main.go.txt there): two
 * workers a second, each blocked forever in a chan send, 123 at t060 and 442 at t220, each moment
 * saved as `goroutine1-tNNN.txt` (debug=1) and `goroutine2-tNNN.txt` (debug=2). Read as four
 * moments (`1-t060`, `1-t220`, `2-t060`, `2-t220`) they made 123 → 442 → 127 → 446: "No goroutine
 * group grows steadily across 4 goroutine dumps". The same dumps renamed (time first, letters,
 * debug=1 alone, one format per moment) are copied to a temporary folder.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const DIR = 'test/fixtures/captured/go1.19-audit39-goroleak/goroutines';
const ROOT_DIR = process.cwd();

interface Report {
  verdict: { leak: string; summary: string };
  series?: { verdict: { kind: string; leak: string; confidence: string }; growingGroups: { function: string; counts: number[]; waits?: number[] }[] };
  goroutines: { source: string; total: number; unplaced?: string }[];
  findings: { ruleId: string; message: string; why: string }[];
}
async function analyze(args: string[], cwd?: string): Promise<Report> {
  const r = await runCli(['analyze', ...args, '--format', 'json'], cwd === undefined ? {} : { cwd });
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Report;
}

const TREND = 'Cannot judge from 2 goroutine dumps: take at least 3, some time apart. Growing, but not yet evidence: main.worker [chan send] +319 goroutines.';
const WAITED = ' But 352 goroutines of groups that grew and never went back down have waited longer at each dump (main.worker [chan send] 0 → 3 minutes ×352 of 442): none of them has ended, and their count still rose at the last dump.';
const LONG_WAIT = "352 of the program's goroutines have been blocked for minutes: main.worker [chan send, 1–3 minutes] ×352 of 442.";
/** goroutine-long-wait's why, read with the earlier debug=2 dump `earlier`. */
const blockedAtBoth = (earlier: string): string => `, and 90 other goroutines of this group waited less. The earlier dump ${earlier} shows 123 of its goroutines, by their ids, blocked there already: blocked at both dumps, they did not take turns (a pool's idle workers are woken by the work they get), they wait for good, each keeping its stack and everything the stack references.`;

describe('goroleak: goroutine1-tNNN (debug=1) and goroutine2-tNNN (debug=2) of two moments', () => {
  it('the folder: two moments, t060 then t220, main.worker 123 → 442 (not 123 → 442 → 127 → 446, "stable")', async () => {
    const d = await analyze([DIR]);
    expect(d.series?.verdict).toMatchObject({ kind: 'unknown', leak: 'unknown', confidence: 'low' });
    expect(d.verdict).toEqual({ leak: 'unknown', dominant: 'stacks', summary: `${TREND}${WAITED}` });
    expect(d.series?.growingGroups.map((g) => [g.function, g.counts, g.waits])).toEqual([['main.worker', [123, 442], [0, 3]]]);
    expect(d.goroutines.map((g) => [g.source.slice(DIR.length + 1), g.total, g.unplaced])).toEqual([
      ['goroutine1-t060.txt', 127, undefined], ['goroutine2-t060.txt', 127, undefined], ['goroutine1-t220.txt', 444, undefined], ['goroutine2-t220.txt', 446, undefined],
    ]);
  });

  it('goroutine-long-wait reads the earlier dump given (t060: the same 123 ids blocked) instead of asking for a later one', async () => {
    const d = await analyze([DIR]);
    expect(d.findings.map((f) => [f.ruleId, f.message])).toEqual([['goroutine-long-wait', LONG_WAIT]]);
    expect(d.findings[0]?.why).toContain(blockedAtBoth('…/go1.19-audit39-goroleak/goroutines/goroutine2-t060.txt'));
    expect(d.findings[0]?.why).not.toContain('A later dump tells');
  });

  it('lint of the folder: one goroutine-long-wait, at t220, with the same why', async () => {
    const r = await runCli(['lint', DIR, '--format', 'json']);
    expect(r.code).toBe(0);
    const files = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; message: string; why?: string }[] }[];
    const found = files.flatMap((f) => f.messages.map((m) => [f.filePath.slice(f.filePath.indexOf(DIR) + DIR.length + 1), m.ruleId, m.message]));
    expect(found).toEqual([['goroutine2-t220.txt', 'goroutine-long-wait', LONG_WAIT]]);
  });
});

describe('the same dumps renamed', () => {
  let tmp = '';
  const copy = (folder: string, from: string, to: string): void => {
    mkdirSync(join(tmp, folder), { recursive: true });
    copyFileSync(join(ROOT_DIR, DIR, from), join(tmp, folder, to));
  };
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'heapdoc-gorname-'));
    for (const t of ['t060', 't220']) for (const level of [1, 2]) copy('time', `goroutine${level}-${t}.txt`, `${t}-goroutine${level}.txt`);
    [['a', 2, 't060'], ['b', 2, 't220'], ['c', 1, 't060'], ['d', 1, 't220']].forEach(([name, level, t]) => copy('letters', `goroutine${level}-${t}.txt`, `${name}.txt`));
    copy('ones', 'goroutine1-t060.txt', 'a.txt');
    copy('ones', 'goroutine1-t220.txt', 'c.txt');
    copy('mixed', 'goroutine1-t060.txt', 'goroutine1-t060.txt');
    copy('mixed', 'goroutine2-t220.txt', 'goroutine2-t220.txt');
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('time first (t060-goroutine1, t060-goroutine2, …): the same two moments — not "0 → 0 → 0 → 3 minutes … though their count stopped growing"', async () => {
    const d = await analyze(['time'], tmp);
    expect(d.verdict.summary).toBe(`${TREND}${WAITED}`);
    expect(d.series?.growingGroups.map((g) => [g.counts, g.waits])).toEqual([[[123, 442], [0, 3]]]);
    expect(d.findings[0]?.why).toContain(blockedAtBoth('time/t060-goroutine2.txt'));
  });

  it('letters (a, b debug=2; c, d debug=1): a and b by their ids, c and d in no trend, with why — never "Goroutine leak profiles only"', async () => {
    const d = await analyze(['letters'], tmp);
    expect(d.verdict.summary).toBe(`${TREND}${WAITED} The goroutine dumps c.txt, d.txt are not in the goroutine trend: their places among the 2 goroutine dumps a…b of letters/ (ordered by their goroutine ids) cannot be known — their names do not continue their numbering, and a goroutine?debug=1 dump carries no goroutine ids to order them by; give the files in the order they were taken, one by one, or name them to follow b.`);
    expect(d.goroutines.map((g) => [g.source, g.total, g.unplaced !== undefined])).toEqual([['letters/a.txt', 127, false], ['letters/b.txt', 446, false], ['letters/c.txt', 127, true], ['letters/d.txt', 444, true]]);
  });

  it('two debug=1 dumps named a and c: none in a trend, said as goroutine dumps (no goroutineleak profile was given)', async () => {
    const d = await analyze(['ones'], tmp);
    expect(d.series).toBeUndefined();
    expect(d.verdict).toEqual({ leak: 'unknown', dominant: 'stacks', summary: 'Goroutine dumps only, and none is in a goroutine trend: give a heap dump too for the memory picture. The order of the 2 goroutine dumps of ones/ cannot be known — their names are not numbered alike (a, c), and a goroutine?debug=1 dump carries no goroutine ids to order them by: none is in the goroutine trend; give the files in the order they were taken, one by one, or number their names.' });
  });

  it('debug=1 at t060, debug=2 at t220: 123 → 442 with no waits (debug=1 prints none: unknown, not 0 minutes); the long wait still asks for a later dump', async () => {
    const d = await analyze(['mixed'], tmp);
    expect(d.verdict.summary).toBe(TREND);
    expect(d.series?.growingGroups.map((g) => [g.counts, g.waits])).toEqual([[[123, 442], undefined]]);
    expect(d.findings.map((f) => [f.ruleId, f.message, f.why.includes('A later dump tells')])).toEqual([['goroutine-long-wait', LONG_WAIT, true]]);
  });
});
