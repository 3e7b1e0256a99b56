import type { Position } from '../../grammar/common/positions.js';
import type { GoroutineSummary } from '../goroutines/model.js';
import { longWaits, longWaitWords, waitAdvice } from '../goroutines/waits.js';
import { DOCS } from '../thresholds.js';
import { formatCount } from '../../text/units.js';
import { configureRule, contextOf, toFinding, type Finding, type Rule } from './rule.js';

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
      goroutineLongWaitMinCount: { kind: 'count', description: 'the fewest goroutines of one group that make a finding (default 100)' },
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
    const advice = waitAdvice(top.state, top.function);
    return [{
      message: `${formatCount(blocked)} of the program's goroutines have been blocked for minutes: ${waits.slice(0, 3).map(longWaitWords).join(', ')}${waits.length > 3 ? ` and ${formatCount(waits.length - 3)} more groups` : ''}.`,
      why: `The dump's headers say how long each goroutine has waited (', N minutes', printed from 1 minute on). Nothing a request does waits ${top.waitMinutes === 1 ? 'a minute' : `${top.waitMinutes} minutes`} on a channel, select or lock of its own: ${waits.length === 1 ? 'this group waits' : 'these groups wait'} for what will never come, each goroutine keeping its stack and everything the stack references. They stay after the load that made them stops, so the count may no longer grow.`,
      fix: `${advice ? `${top.function} [${top.state}] is ${advice}. ` : ''}Give every goroutine a way to end: heapdoc analyze on the dump shows each group's stack and where it was created.`,
      position: facts.position,
      evidence: { blocked, groups: waits.length, group: top.function, groupCount: top.count, waitMinutes: top.waitMinutes, minutes: t.goroutineLongWaitMinutes, minCount: t.goroutineLongWaitMinCount },
    }];
  },
};

/**
 * What `heapdoc analyze` says of a goroutine dump's long waits, as lint does: the rule on the
 * latest debug=2 dump of the run (one finding, not one per dump of a series).
 */
export function longWaitFindings(dumps: readonly GoroutineSummary[]): Finding[] {
  const latest = dumps.filter((d) => d.kind === 'goroutine-traceback').at(-1);
  if (!latest) return [];
  const facts = {
    source: latest.source, kind: 'goroutine-traceback' as const, total: latest.total,
    position: latest.groups.reduce<Position | undefined>((p, g) => (p === undefined || g.position.line < p.line ? g.position : p), undefined),
    truncated: latest.truncated === true, groups: latest.groups,
  };
  const results = goroutineLongWait.checkGoroutines?.(facts, contextOf(configureRule(goroutineLongWait), [])) ?? [];
  return results.map((r) => toFinding(goroutineLongWait, r, latest.source));
}
