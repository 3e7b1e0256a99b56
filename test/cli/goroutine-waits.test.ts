/**
 * Wait durations as evidence (go1.19 gorleak capture, test/fixtures/captured/go1.19-audit-gor):
 * one dump whose program goroutines have waited minutes gets the goroutine-long-wait finding; a
 * series whose groups grew, never went back down and waited longer at each dump is not called
 * "A plateau, not a leak". An idle pool whose workers take turns (go1.19-audit28-idlepool) is not
 * "blocked for what never comes": each goroutine's own wait counts, not the group's longest.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

const D = `${FIXTURES}/captured/go1.19-audit-gor/gorleak`;
/** 2,000 main.worker on a jobs channel fed every 50 ms, 5 moments 25 s apart (README: the waits per dump). */
const POOL = `${FIXTURES}/captured/go1.19-audit28-idlepool/run`;
const poolDumps = (...n: number[]): string[] => n.map((i) => `${POOL}/goroutine/0${i}.goroutine-debug2.txt.gz`);

interface Json {
  verdict: { leak: string; summary: string };
  findings: { ruleId: string; severity: string; message: string; why: string; evidence: Record<string, unknown> }[];
  goroutines: { groups: Record<string, unknown>[] }[];
}

describe('long waits', () => {
  it('analyze of one debug=2 dump: the goroutine-long-wait finding, with its evidence', async () => {
    const r = await runCli([`${D}/stable3-goroutine-debug2.txt.gz`, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.findings.map((f) => [f.ruleId, f.severity, f.evidence])).toEqual([[
      'goroutine-long-wait', 'warning',
      { blocked: 2442, groups: 5, group: 'example.com/gorleak/handlers.queryBackend', groupCount: 489, groupBlocked: 489, waitMinutes: 2, minutes: 1, minCount: 100 },
    ]]);
  });

  it('a series whose heap plateaued while goroutine groups grew and waited 0 → 1 → 2 minutes: not "A plateau, not a leak"', async () => {
    const files = ['leak1', 'leak5', 'stable3'].flatMap((s) => [`${D}/${s}-heap.txt`, `${D}/${s}-goroutine-debug2.txt.gz`]);
    const r = await runCli([...files, '--format', 'json']);
    expect(r.code).toBe(0);
    const { verdict } = JSON.parse(r.stdout) as Json;
    expect(verdict.leak).toBe('unknown');
    expect(verdict.summary).toMatch(/^A plateau of the heap between collections, not of the goroutines: the heap between collections \(HeapAlloc, live plus garbage not yet collected\) rose from 21\.5 MiB to 92\.3 MiB by snapshot 2, then stayed near 98\.7 MiB through snapshot 3: it grew once, then stopped; the heap profile, as of the latest one's last GC, had 86\.3 MiB in use/);
    // Each goroutine's own wait counts: 2,442 of the 2,443 writeLoop goroutines printed minutes at stable3 (not the longest times the group).
    expect(verdict.summary).toContain(' But 4,884 goroutines of groups that grew and never went back down have waited longer at each dump '
      + '(net/http.(*persistConn).writeLoop [select] 0 → 1 → 2 minutes ×2,442 of 2,443, example.com/gorleak/handlers.waitForEvent [select] 0 → 1 → 2 minutes ×489, '
      + 'example.com/gorleak/handlers.queryBackend [chan send] 0 → 1 → 2 minutes ×489, and 3 more groups): they leaked while the load lasted and will never end, '
      + 'though their count stopped growing.');
    expect(verdict.summary).not.toContain('not a leak');
  });

  it('two dumps of a leak in progress (reqleak t1, t5: 88 → 654, still growing): the stuck goroutines are not said to have stopped growing', async () => {
    const R = `${FIXTURES}/captured/go1.19-audit31-reqleak-goroutines`;
    const r = await runCli([`${R}/t1.goroutine2.txt.gz`, `${R}/t5.goroutine2.txt.gz`, '--format', 'json']);
    expect(r.code).toBe(0);
    const { verdict } = JSON.parse(r.stdout) as Json;
    expect(verdict.leak).toBe('unknown');
    expect(verdict.summary).toBe('Cannot judge from 2 goroutine dumps: take at least 3, some time apart. Growing, but not yet evidence: main.slowHandler [chan receive] +566 goroutines.'
      + ' But 82 goroutines of groups that grew and never went back down have waited longer at each dump (main.slowHandler [chan receive] 0 → 1 minutes ×82 of 654):'
      + ' none of them has ended, and their count still rose at the last dump.');
    // With the dump between them, three dumps: the growth is evidence.
    const three = await runCli([R, '--format', 'json']);
    expect((JSON.parse(three.stdout) as Json).verdict.summary).toMatch(/^Leak suspected \(medium confidence\): growing goroutine groups across 3 dumps: main\.slowHandler \[chan receive\] \+566\./);
  });

  it('a series after the load (stable1–3): counts flat, waits 1 → 2 → 2 minutes: "Stable" says the goroutines blocked longer over the dumps (not at each: 2 → 2), as goroutine-long-wait does', async () => {
    const files = ['stable1', 'stable2', 'stable3'].flatMap((s) => [`${D}/${s}-heap.txt`, `${D}/${s}-goroutine-debug2.txt.gz`]);
    const r = await runCli([...files, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    // No group grew: no leak evidence, so the leak stays not-suspected; the blocked ones are said.
    expect(json.verdict.leak).toBe('not-suspected');
    expect(json.verdict.summary).toBe('No leak evidence: HeapAlloc, read between GCs, moves between 92.3 MiB and 98.7 MiB across 3 GC-separated snapshots (snapshots 1→3), and the heap profile, as of the latest one\'s last GC, had 86.3 MiB in use: HeapAlloc counts the garbage made since the last GC, which the next one collects, so these snapshots do not say how much is live, with no site or goroutine group growing steadily. To read the live heap itself, add ?gc=1 to the heap URL so that each snapshot follows a GC.'
      + ' But 2,442 goroutines in groups stable in count have been blocked for minutes, longer over the dumps, never shorter at one than at the one before (example.com/gorleak/handlers.queryBackend [chan send] 1 → 2 → 2 minutes ×489, '
      + 'example.com/gorleak/handlers.waitForEvent [select] 1 → 2 → 2 minutes ×489, example.com/gorleak/handlers.awaitBatch [semacquire] 1 → 2 → 2 minutes ×488, and 2 more groups): '
      + 'they wait for what never comes, each keeping its stack and what it references.');
    expect(json.findings.find((f) => f.ruleId === 'goroutine-long-wait')?.evidence.blocked).toBe(2442);
  });

  it('seven dumps whose stuck group printed 0 → 1 → 1 → 1 → 2 → 2 → 2 minutes (audit 35): longer over the dumps, not "at each dump"', async () => {
    const L = `${FIXTURES}/captured/go1.19-audit35-live-long`;
    const files = [1, 2, 3, 4, 5, 6, 7].flatMap((i) => [`${L}/heap.${i}.txt`, `${L}/goroutine2.${i}.txt.gz`]);
    const r = await runCli([...files, '--format', 'json']);
    expect(r.code).toBe(0);
    const { verdict } = JSON.parse(r.stdout) as Json;
    expect(verdict.summary).toContain(' But 1,203 goroutines of groups that grew and never went back down have waited longer over the dumps, never shorter at one than at the one before'
      + ' (main.stuck [chan receive] 0 → 1 → 1 → 1 → 2 → 2 → 2 minutes ×1,203 of 1,707): they leaked while the load lasted and will never end, though their count stopped growing.');
    expect(verdict.summary).not.toContain('at each dump');
  });
});

describe('an idle pool: 2,000 workers, about half woken in the last minute (audit 28, problem 4)', () => {
  const PLATEAU = 'A plateau, not a leak: the heap between collections (HeapAlloc, live plus garbage not yet collected) rose from 5.6 MiB to 7.4 MiB by snapshot 2, then stayed near 7.5 MiB through snapshot 5, '
    + 'with no site or goroutine group growing steadily: it grew once, then stopped; the heap profile, as of the latest one\'s last GC, had 4.8 MiB in use: HeapAlloc counts the garbage made since the last GC, which the next one collects, so these snapshots do not say how much is live.';

  it('analyze of the 5 moments: the plateau alone (was "But 2,000 goroutines … 0 → 0 → 1 → 1 → 2 minutes ×2,000: they wait for what never comes"), no goroutine-long-wait', async () => {
    const r = await runCli([`${POOL}/plain`, `${POOL}/goroutine`, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.verdict).toEqual({ leak: 'not-suspected', dominant: 'runtime', summary: `${PLATEAU} To read the live heap itself, add ?gc=1 to the heap URL so that each snapshot follows a GC.` });
    // 490 of the workers printed 1 minute at dump 3 and none at dump 4 (502 from 4 to 5): they ran in between.
    expect(json.findings).toEqual([]);
    // Each dump's count of goroutines per printed wait (the README's table); the ids are not in the JSON.
    expect(json.goroutines.map((d) => d.groups[0]?.waitCounts)).toEqual([
      undefined, undefined, [{ minutes: 1, count: 993 }], [{ minutes: 1, count: 1003 }], [{ minutes: 1, count: 1004 }, { minutes: 2, count: 1 }],
    ]);
    expect(json.goroutines[4]?.groups[0]).toMatchObject({ count: 2000, function: 'main.worker', state: 'chan receive', waitMinutes: 2 });
    expect(json.goroutines[4]?.groups[0]).not.toHaveProperty('members');
  });

  it('the text and Markdown reports: the verdict\'s one sentence, the group with how many waited minutes (was "[chan receive, 2 minutes]" for 2,000)', async () => {
    const text = await runCli([`${POOL}/plain`, `${POOL}/goroutine`]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toBe(PLATEAU);
    expect(text.stdout).toContain('\n    2,000  main.worker [chan receive, 1,005 waited 1–2 minutes] ← created by main.main\n');
    expect(text.stdout).not.toMatch(/never comes|blocked for minutes|goroutine-long-wait/);
    const md = await runCli([`${POOL}/plain`, `${POOL}/goroutine`, '--format', 'markdown']);
    expect(md.stdout).toContain('\n| 2,000 | main.worker \\[chan receive, 1,005 waited 1–2 minutes\\] ← created by main.main |\n');
    expect(md.stdout).not.toMatch(/never comes|blocked for minutes/);
  });

  it('two dumps 25 s apart are enough to see the workers woken: no finding; dumps 1–3, before any wait fell, claim no "never comes" either', async () => {
    const two = await runCli([...poolDumps(3, 4), '--format', 'json']);
    expect(two.code).toBe(0);
    expect((JSON.parse(two.stdout) as Json).findings).toEqual([]);
    const three = await runCli([...poolDumps(1, 2, 3), '--format', 'json']);
    expect(three.code).toBe(0);
    const json = JSON.parse(three.stdout) as Json;
    // 1,007 of the 2,000 waited under a minute at dump 3: the group's waits did not all grow.
    expect(json.verdict.summary).toBe('No goroutine group grows steadily across 3 goroutine dumps; give heap dumps of the same moments for the memory picture.');
    // Nothing yet proves the workers ran (no wait has fallen): the finding of the latest dump stays, counting each goroutine.
    expect(json.findings.map((f) => [f.ruleId, f.message, f.evidence])).toEqual([[
      'goroutine-long-wait', "993 of the program's goroutines have been blocked for minutes: main.worker [chan receive, 1 minute] ×993 of 2,000.",
      { blocked: 993, groups: 1, group: 'main.worker', groupCount: 2000, groupBlocked: 993, waitMinutes: 1, minutes: 1, minCount: 100 },
    ]]);
  });

  it('analyze of the last dump alone: 1,005 of 2,000 blocked 1–2 minutes (was 2,000 at 2 minutes), and it says the 995 others waited less', async () => {
    const r = await runCli([...poolDumps(5), '--format', 'json']);
    expect(r.code).toBe(0);
    const [finding, ...rest] = (JSON.parse(r.stdout) as Json).findings;
    expect(rest).toEqual([]);
    expect(finding?.message).toBe("1,005 of the program's goroutines have been blocked for minutes: main.worker [chan receive, 1–2 minutes] ×1,005 of 2,000.");
    expect(finding?.evidence).toEqual({ blocked: 1005, groups: 1, group: 'main.worker', groupCount: 2000, groupBlocked: 1005, waitMinutes: 2, minutes: 1, minCount: 100 });
    expect(finding?.why).toContain('Nothing a request does waits 2 minutes on a channel, select or lock of its own, yet 995 other goroutines of this group waited less: '
      + 'either the group still grows');
    expect(finding?.why).not.toContain('will never come');
  });

  it('lint of the directory: the 5 dumps are one process\'s series, which proves the workers ran between them: no warning (was one at dumps 3, 4 and 5), exit 0', async () => {
    const r = await runCli(['lint', `${POOL}/goroutine`, '--format', 'json']);
    expect(r.code).toBe(0);
    const files = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[];
    expect(files.map((f) => [f.filePath.slice(f.filePath.lastIndexOf('/') + 1), f.messages.map((m) => `${m.ruleId}: ${m.message}`)])).toEqual([
      ['01.goroutine-debug2.txt.gz', []],
      ['02.goroutine-debug2.txt.gz', []],
      ['03.goroutine-debug2.txt.gz', []],
      ['04.goroutine-debug2.txt.gz', []],
      ['05.goroutine-debug2.txt.gz', []],
    ]);
    // With the heap dumps of the run beside them (run/ walks both folders): the same.
    const run = await runCli(['lint', POOL, '--format', 'json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { messages: unknown[] }[]).flatMap((f) => f.messages)).toEqual([]);
  });

  it('lint of dumps 1–3 (no wait has fallen yet): one warning, at the latest dump, as analyze gives it (scope series: a baseline keys it on the folder)', async () => {
    const r = await runCli(['lint', ...poolDumps(1, 2, 3), '--format', 'json']);
    expect(r.code).toBe(0);
    const files = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; message: string; line: number; scope?: string }[] }[];
    expect(files.map((f) => [f.filePath.slice(f.filePath.lastIndexOf('/') + 1), f.messages.map((m) => [m.ruleId, m.line, m.scope, m.message])])).toEqual([
      ['01.goroutine-debug2.txt.gz', []],
      ['02.goroutine-debug2.txt.gz', []],
      ['03.goroutine-debug2.txt.gz', [['goroutine-long-wait', 1, 'series', "993 of the program's goroutines have been blocked for minutes: main.worker [chan receive, 1 minute] ×993 of 2,000."]]],
    ]);
  });

  it('each dump on its own (--separately, or a dump alone): its own warning, as before', async () => {
    const r = await runCli(['lint', `${POOL}/goroutine`, '--separately', '--format', 'json']);
    expect(r.code).toBe(0);
    const files = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[];
    expect(files.map((f) => f.messages.map((m) => m.message))).toEqual([
      [], [],
      ["993 of the program's goroutines have been blocked for minutes: main.worker [chan receive, 1 minute] ×993 of 2,000."],
      ["1,003 of the program's goroutines have been blocked for minutes: main.worker [chan receive, 1 minute] ×1,003 of 2,000."],
      ["1,005 of the program's goroutines have been blocked for minutes: main.worker [chan receive, 1–2 minutes] ×1,005 of 2,000."],
    ]);
  });

  it('gorleak: its 5 debug=2 dumps (leaks blocked for good) give one warning, at stable3, not one per dump (was 4)', async () => {
    const r = await runCli(['lint', D, '--format', 'json']);
    expect(r.code).toBe(0);
    const files = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; message: string; evidence: Record<string, unknown> }[] }[];
    const waits = files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'goroutine-long-wait').map((m) => [f.filePath.slice(f.filePath.lastIndexOf('/') + 1), m.evidence]));
    expect(waits).toEqual([['stable3-goroutine-debug2.txt.gz', { blocked: 2442, groups: 5, group: 'example.com/gorleak/handlers.queryBackend', groupCount: 489, groupBlocked: 489, waitMinutes: 2, minutes: 1, minCount: 100 }]]);
  });
});
