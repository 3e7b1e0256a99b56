/**
 * Each goroutine's own wait, and the goroutines woken between dumps, on real go1.19 captures: an
 * idle pool of 2,000 workers fed every 50 ms (go1.19-audit28-idlepool: about half woke within the
 * last minute, the waits of 490 fell from 1 minute to none between dumps 3 and 4), against the
 * gorleak leaks blocked for good (go1.19-audit-gor: no wait ever falls).
 */
import { describe, expect, it } from 'vitest';
import { summarizeTraceback, type GoroutineSummary } from '../../../src/analyze/goroutines/index.js';
import { longWaits, longWaitWords, printedWaits, trendKey, waitedAtLeast, wokenAcross, wokenSince } from '../../../src/analyze/goroutines/waits.js';
import { parseTraceback } from '../../../src/grammar/traceback/index.js';
import { readFixture } from '../../helpers/fixtures.js';
import { goroutineLongWait, longWaitFacts } from '../../../src/analyze/rules/goroutine-long-wait.js';
import { configureRule, contextOf, type GoroutineFacts } from '../../../src/analyze/rules/rule.js';

const POOL = 'captured/go1.19-audit28-idlepool/run/goroutine';
const GORLEAK = 'captured/go1.19-audit-gor/gorleak';

function dump(rel: string): GoroutineSummary {
  return summarizeTraceback(parseTraceback(readFixture(rel), rel).dump, rel);
}

const pool = (n: number): GoroutineSummary => dump(`${POOL}/0${n}.goroutine-debug2.txt.gz`);
const worker = (d: GoroutineSummary) => d.groups.find((g) => g.function === 'main.worker');

/** The headers of a debug=2 text whose bracket is exactly `[state]`, counted from the text. */
function headers(rel: string, bracket: string): number {
  return readFixture(rel).split('\n').filter((l) => /^goroutine \d+ \[/.test(l) && l.endsWith(` [${bracket}]:`)).length;
}

describe("a group's waits are each goroutine's", () => {
  it('idle pool, dump 5: 1,004 printed 1 minute, one 2 minutes, 995 none (the longest is one goroutine\'s)', () => {
    const rel = `${POOL}/05.goroutine-debug2.txt.gz`;
    expect([headers(rel, 'chan receive, 1 minutes'), headers(rel, 'chan receive, 2 minutes'), headers(rel, 'chan receive')]).toEqual([1004, 1, 995]);
    const g = worker(dump(rel));
    expect(g).toMatchObject({ count: 2000, state: 'chan receive', waitMinutes: 2, waitCounts: [{ minutes: 1, count: 1004 }, { minutes: 2, count: 1 }] });
    expect(g?.members?.ids.length).toBe(2000);
    expect(g?.members?.minutes.reduce((n, m) => n + m, 0)).toBe(1004 + 2);
    expect([0, 1, 2, 3].map((m) => (g ? waitedAtLeast(g, m) : -1))).toEqual([2000, 1005, 1, 0]);
  });

  it('goroutine-long-wait counts the goroutines whose own header says minutes: 1,005 of 2,000, 1–2 minutes', () => {
    const d = pool(5);
    const [w, ...rest] = longWaits(d.groups, 1, 100);
    expect(rest).toEqual([]);
    expect(w).toEqual({ count: 1005, groupCount: 2000, function: 'main.worker', state: 'chan receive', waitMinutes: 2, fewestMinutes: 1, createdBy: 'main.main' });
    expect(w ? longWaitWords(w) : '').toBe('main.worker [chan receive, 1–2 minutes] ×1,005 of 2,000');
    // From 2 minutes, one goroutine: below 100, and named alone with a minimum of 1.
    expect(longWaits(d.groups, 2, 100)).toEqual([]);
    expect(longWaits(d.groups, 2, 1).map(longWaitWords)).toEqual(['main.worker [chan receive, 2 minutes] ×1 of 2,000']);
  });

  it('gorleak stable3: every queryBackend goroutine printed minutes (198 one, 291 two): ×489, 1–2 minutes', () => {
    const d = dump(`${GORLEAK}/stable3-goroutine-debug2.txt.gz`);
    const q = d.groups.find((g) => g.function === 'example.com/gorleak/handlers.queryBackend');
    expect(q?.waitCounts).toEqual([{ minutes: 1, count: 198 }, { minutes: 2, count: 291 }]);
    expect(longWaits(d.groups, 1, 100).map(longWaitWords)[0]).toBe('example.com/gorleak/handlers.queryBackend [chan send, 1–2 minutes] ×489');
  });
});

describe('goroutines woken between dumps', () => {
  it('idle pool: none provable at dumps 1–3 (no wait fell yet), 490 at dump 4, 502 at dump 5', () => {
    const dumps = [1, 2, 3, 4, 5].map(pool);
    const key = dumps[0]?.groups[0] ? trendKey(dumps[0].groups[0]) : '';
    expect(key).toBe('main.worker\tchan receive\tmain.main\t');
    expect(wokenAcross(dumps, trendKey).map((m) => m.get(key) ?? 0)).toEqual([0, 0, 0, 490, 502]);
    // Dump 3 → 4 alone: the 490 that printed 1 minute at dump 3 and none at dump 4.
    const [d3, d4] = [dumps[2], dumps[3]];
    const w3 = d3 ? worker(d3) : undefined;
    const w4 = d4 ? worker(d4) : undefined;
    const woken = w3 && w4 ? wokenSince(printedWaits([w3]), [w4]) : [];
    expect(woken.length).toBe(490);
    const before = new Map([...(w3?.members?.ids ?? [])].map((id, i) => [id, w3?.members?.minutes[i]]));
    const after = new Map([...(w4?.members?.ids ?? [])].map((id, i) => [id, w4?.members?.minutes[i]]));
    expect(woken.every((id) => before.get(id) === 1 && after.get(id) === 0)).toBe(true);
  });

  it('gorleak, blocked for good: nobody woken, whether the groups grew (leak1 → leak5 → stable3) or held (stable1–3)', () => {
    for (const names of [['leak1', 'leak5', 'stable3'], ['stable1', 'stable2', 'stable3']]) {
      const dumps = names.map((n) => dump(`${GORLEAK}/${n}-goroutine-debug2.txt.gz`));
      expect(wokenAcross(dumps, trendKey).map((m) => m.size), names.join(' ')).toEqual([0, 0, 0]);
    }
  });

  it('a debug=2 dump against itself proves nothing, nor does a series without any wait printed', () => {
    const d5 = pool(5);
    expect(wokenSince(printedWaits(d5.groups), d5.groups)).toEqual([]);
    expect(wokenAcross([pool(1), pool(2)], trendKey).map((m) => m.size)).toEqual([0, 0]);
    // The latest dump alone (what analyze's goroutine-long-wait reads): the same 502 as the whole series says.
    expect(wokenAcross([1, 2, 3, 4, 5].map(pool), trendKey, 4).map((m) => m.get('main.worker\tchan receive\tmain.main\t') ?? 0)).toEqual([0, 0, 0, 0, 502]);
  });
});

describe('goroutine-long-wait over a series (longWaitFacts): what the dumps prove', () => {
  it('the idle pool, dumps 4 and 5: main.worker is left out, with the 502 of its goroutines that ran between them; nothing else waits', () => {
    const facts = longWaitFacts([pool(4), pool(5)], true);
    expect(facts?.source).toBe(`${POOL}/05.goroutine-debug2.txt.gz`);
    expect(facts?.groups?.some((g) => g.function === 'main.worker')).toBe(false);
    expect(facts?.woken?.map((w) => [w.group.function, w.group.state, w.ran])).toEqual([['main.worker', 'chan receive', 502]]);
    expect(goroutineLongWait.checkGoroutines?.(facts as GoroutineFacts, contextOf(configureRule(goroutineLongWait), []))).toEqual([]);
    // Each dump alone (not one process's series): nothing is left out.
    expect(longWaitFacts([pool(4), pool(5)])?.woken).toBeUndefined();
  });

  it('beside groups blocked for good (gorleak stable3\'s, given with the pool\'s latest dump), the finding counts those and says the pool\'s workers ran', () => {
    const facts = longWaitFacts([pool(4), pool(5)], true) as GoroutineFacts;
    const stuck = dump(`${GORLEAK}/stable3-goroutine-debug2.txt.gz`).groups;
    const [result, ...rest] = goroutineLongWait.checkGoroutines?.({ ...facts, groups: [...(facts.groups ?? []), ...stuck] }, contextOf(configureRule(goroutineLongWait), [])) ?? [];
    expect(rest).toEqual([]);
    expect(result?.evidence).toEqual({ blocked: 2442, groups: 5, group: 'example.com/gorleak/handlers.queryBackend', groupCount: 489, groupBlocked: 489, waitMinutes: 2, minutes: 1, minCount: 100 });
    expect(result?.why.endsWith(' The earlier dumps show that 502 goroutines of main.worker [chan receive] ran between them (a wait printed at one dump fell by the next): they take turns, not stuck, so they are not counted.')).toBe(true);
  });
});
