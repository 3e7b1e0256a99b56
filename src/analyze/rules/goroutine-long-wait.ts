import type { Position } from '../../grammar/common/positions.js';
import type { GoroutineGroup, GoroutineSummary } from '../goroutines/model.js';
import { isBlockedState, longWaits, longWaitWords, trendKey, waitAdvice, waitShort, wokenAcross, type LongWait } from '../goroutines/waits.js';
import { DOCS } from '../thresholds.js';
import { requestersNamed } from '../goroutines/httpclient.js';
import { heldSentence, type HeldWords } from './leak-advice.js';
import type { SiteCaller } from '../profile.js';
import { firstOf, formatCount } from '../../text/units.js';
import { shortPath } from '../../common/stems.js';
import { configureRule, contextOf, toFinding, type Finding, type GoroutineFacts, type Rule } from './rule.js';

/**
 * One goroutine dump (debug=2) whose goroutines have been blocked for minutes in the program's own
 * code, on a channel, select or lock: the classic leak signature even when the count has stopped
 * growing (the load stopped). reasoning.md §6: long waits on channel operations strengthen a
 * leak suspicion; this rule says so from one dump, no series needed.
 */
export const goroutineLongWait: Rule = {
  meta: {
    id: 'goroutine-long-wait',
    defaultSeverity: 'warning',
    description: "Many of the program's goroutines have been blocked for minutes on a channel, select or lock (debug=2 waits).",
    docsUrl: DOCS.pprofHeap,
    options: {
      goroutineLongWaitMinutes: { kind: 'number', description: 'the wait, in minutes, from which a blocked goroutine counts (default 1: the first the runtime prints)' },
      goroutineLongWaitMinCount: { kind: 'count', description: 'the fewest goroutines, each blocked that long by its own header, that make a finding: of one group, or of smaller groups stuck on a lock, a WaitGroup or a send, together (default 100)' },
    },
    inputs: ['goroutine'],
  },
  check() {
    return [];
  },
  checkGoroutines(facts, { thresholds: t }) {
    if (facts.kind !== 'goroutine-traceback' || !facts.groups) return [];
    const waits = longWaits(facts.groups, t.goroutineLongWaitMinutes, t.goroutineLongWaitMinCount);
    const top = waits[0];
    if (!top) return [];
    const blocked = waits.reduce((n, w) => n + w.count, 0);
    // A Body to close: in the program's callers of net/http's client, when the heap profiles name them (requestersNamed).
    const own = waitAdvice(top);
    const advice = own === undefined ? undefined : requestersNamed(own, facts.httpRequesters ?? []);
    const longest = top.waitMinutes === 1 ? 'a minute' : `${top.waitMinutes} minutes`;
    // Goroutines of the same groups that waited less: the group still grows, or they take turns.
    const less = waits.reduce((n, w) => n + w.groupCount - w.count, 0);
    const named = waits.length === 1 ? 'this group' : 'these groups';
    const since = facts.blockedSince;
    const claim = less === 0
      ? `: ${named === 'this group' ? 'this group waits' : 'these groups wait'} for what will never come, each goroutine keeping its stack and everything the stack references. They stay after the load that made them stops, so the count may no longer grow.`
      : since
        ? `, and ${formatCount(less)} other goroutine${less === 1 ? '' : 's'} of ${named} waited less. The earlier dump ${shortPath(since.source)} shows ${formatCount(since.count)} of ${named === 'this group' ? 'its' : 'their'} goroutines, by their ids, blocked there already: blocked at both dumps, they did not take turns (a pool's idle workers are woken by the work they get), they wait for good, each keeping its stack and everything the stack references.`
        : `, yet ${formatCount(less)} other goroutine${less === 1 ? '' : 's'} of ${named} waited less: either the group still grows (a leak: those started later have waited less) or its goroutines take turns (a pool's idle workers, each woken by the work it gets and blocked again after it). A later dump tells: a goroutine blocked for good has then waited longer by the time between the two dumps, and heapdoc analyze on both leaves out of this finding a group whose goroutines ran in between.`;
    return [{
      message: `${formatCount(blocked)} of the program's goroutines ${blocked === 1 ? 'has' : 'have'} been blocked for minutes: ${listed(waits)}.${heldWords(facts, waits)}`,
      why: `The dump's headers say how long each goroutine has waited (', N minutes', printed from 1 minute on); only those whose own header says ${minutesFrom(t.goroutineLongWaitMinutes)} are counted. Nothing a request does waits ${longest} on a channel, select or lock of its own${claim}${wokenWords(facts, t.goroutineLongWaitMinutes, t.goroutineLongWaitMinCount)}`,
      fix: `${advice ? `${top.function} [${top.state}] is ${advice}. ` : ''}${alsoWords(top, waits)}Give every goroutine a way to end: heapdoc analyze on the dump shows each group's stack and where it was created.`,
      position: facts.position,
      evidence: { blocked, groups: waits.length, group: top.function, groupCount: top.groupCount, groupBlocked: top.count, waitMinutes: top.waitMinutes, minutes: t.goroutineLongWaitMinutes, minCount: t.goroutineLongWaitMinCount },
    }];
  },
};

/**
 * ` The 442 goroutines blocked in main.worker (chan send, main.go:18) each hold what main.worker
 * allocates at main.go:15 (…): until they end, that memory stays.` when a group the finding names
 * holds a heap site (GoroutineFacts.held, the sentence the verdict says); '' otherwise.
 */
function heldWords(facts: GoroutineFacts, waits: readonly LongWait[]): string {
  const held = facts.held;
  return held && waits.some((w) => w.function === held.group) ? ` ${heldSentence(held)}` : '';
}

/**
 * ` The earlier dumps show that 1,004 goroutines of main.worker [chan receive] ran between them (…):
 * taking turns, not stuck, so they are not counted.`: the groups a series left out (longWaitFacts)
 * that would have counted; '' when none.
 */
function wokenWords(facts: GoroutineFacts, minutes: number, minCount: number): string {
  const woken = facts.woken ?? [];
  const counted = new Set(longWaits(woken.map((w) => w.group), minutes, minCount).map((w) => w.function));
  const left = woken.filter((w) => counted.has(w.group.function));
  if (left.length === 0) return '';
  const ran = left.reduce((n, w) => n + w.ran, 0);
  const names = left.slice(0, 3).map((w) => `${w.group.function} [${w.group.state ?? ''}]`).join(', ');
  return ` The earlier dumps show that ${formatCount(ran)} goroutine${ran === 1 ? '' : 's'} of ${names}${left.length > 3 ? ` and ${formatCount(left.length - 3)} more groups` : ''} ran between them (a wait printed at one dump fell by the next): they take turns, not stuck, so they are not counted.`;
}

/** The groups a finding names: all of four or fewer, else three and how many more. */
function listed(waits: readonly LongWait[]): string {
  const shown = waits.length <= 4 ? waits : waits.slice(0, 3);
  return `${shown.map(longWaitWords).join(', ')}${waits.length > shown.length ? ` and ${formatCount(waits.length - shown.length)} more groups` : ''}`;
}

/**
 * `Also: main.lockHandler and main.waitHandler [semacquire] (a lock, WaitGroup or condition never
 * released); main.sendHandler [chan send] (a send nobody receives). `: what the other groups wait
 * for, when it is not what the first one waits for; '' when it is.
 */
function alsoWords(top: LongWait, waits: readonly LongWait[]): string {
  const first = waitShort(top);
  const byShort = new Map<string, LongWait[]>();
  for (const w of waits) {
    const short = waitShort(w);
    if (w === top || short === undefined || short === first) continue;
    const list = byShort.get(short);
    if (list) list.push(w);
    else byShort.set(short, [w]);
  }
  if (byShort.size === 0) return '';
  const parts = [...byShort].map(([short, ws]) => {
    const names = ws.map((w) => w.function);
    const states = [...new Set(ws.map((w) => w.state))];
    const named = names.length === 2 ? names.join(' and ') : firstOf(names, 3);
    return `${named}${states.length === 1 ? ` [${states[0] ?? ''}]` : ''} (${short})`;
  });
  return `Also: ${parts.join('; ')}. `;
}

/** `1 minute or more`: the wait from which the rule counts a goroutine. */
function minutesFrom(minutes: number): string {
  return `${formatCount(minutes)} minute${minutes === 1 ? '' : 's'} or more`;
}

/**
 * What the heap dumps beside the goroutine dumps tell goroutine-long-wait: the program's callers of
 * net/http's client (where a Body advice says to close it) and the group that holds a heap site
 * (leak-advice.ts HeldWords, as the verdict says it).
 */
export interface HeapBeside {
  httpRequesters?: readonly SiteCaller[];
  held?: HeldWords;
}

/**
 * The facts goroutine-long-wait reads of a run's goroutine dumps: the latest debug=2 dump (one
 * finding, not one per dump of a series); undefined without one. Given the earlier dumps of one
 * process (`oneProcess`: the series checked it), the groups whose goroutines provably ran between
 * two dumps (waits.ts wokenAcross: a pool's idle workers taking turns) are left out: they are not
 * blocked for good. What `heapdoc analyze` reads (longWaitFindings) and `heapdoc lint` reads of a
 * directory's series (lint/series.ts), with its configured level and options.
 */
export function longWaitFacts(dumps: readonly GoroutineSummary[], oneProcess = false, heap: HeapBeside = {}): GoroutineFacts | undefined {
  const tracebacks = dumps.filter((d) => d.kind === 'goroutine-traceback');
  const latest = tracebacks.at(-1);
  if (!latest) return undefined;
  const woken = oneProcess ? wokenAcross(tracebacks, trendKey, tracebacks.length - 1).at(-1) : undefined;
  const ran = (g: GoroutineGroup): number => woken?.get(trendKey(g)) ?? 0;
  const left = latest.groups.filter((g) => ran(g) > 0);
  const groups = left.length > 0 ? latest.groups.filter((g) => ran(g) === 0) : latest.groups;
  const first = tracebacks[0];
  const since = oneProcess && first && first !== latest && !first.truncated ? blockedAtBoth(first, groups) : 0;
  return {
    source: latest.source, kind: 'goroutine-traceback', total: latest.total,
    position: latest.groups.reduce<Position | undefined>((p, g) => (p === undefined || g.position.line < p.line ? g.position : p), undefined),
    truncated: latest.truncated === true, groups,
    ...(left.length > 0 ? { woken: left.map((group) => ({ group, ran: ran(group) })) } : {}),
    ...(since > 0 && first ? { blockedSince: { source: first.source, count: since } } : {}),
    ...(heap.httpRequesters && heap.httpRequesters.length > 0 ? { httpRequesters: heap.httpRequesters } : {}),
    ...(heap.held ? { held: heap.held } : {}),
  };
}

/**
 * How many goroutines of `groups` (a later dump's) `earlier` shows, by their ids, blocked on a
 * channel, select or lock in a group of the same trendKey: blocked at both dumps.
 */
function blockedAtBoth(earlier: GoroutineSummary, groups: readonly GoroutineGroup[]): number {
  const before = new Map<string, Set<number>>();
  for (const g of earlier.groups) {
    if (g.benign || !isBlockedState(g.state) || !g.members) continue;
    const k = trendKey(g);
    const ids = before.get(k) ?? new Set<number>();
    for (const id of g.members.ids) ids.add(id);
    before.set(k, ids);
  }
  let n = 0;
  for (const g of groups) {
    const ids = before.get(trendKey(g));
    if (!ids || g.benign || !isBlockedState(g.state)) continue;
    for (const id of g.members?.ids ?? []) if (ids.has(id)) n++;
  }
  return n;
}

/** What `heapdoc analyze` says of a goroutine dump's long waits, as lint does (longWaitFacts), with the rule's defaults. */
export function longWaitFindings(dumps: readonly GoroutineSummary[], oneProcess = false, heap: HeapBeside = {}): Finding[] {
  const facts = longWaitFacts(dumps, oneProcess, heap);
  if (!facts) return [];
  const results = goroutineLongWait.checkGoroutines?.(facts, contextOf(configureRule(goroutineLongWait), [])) ?? [];
  return results.map((r) => toFinding(goroutineLongWait, r, facts.source));
}
