import { firstOf, formatCount } from '../../text/units.js';
import { distinctionIfAmbiguous, stateWords, waitAdvice, waitShort } from '../goroutines/waits.js';
import { leakGroups } from '../series/verdict.js';
import { DOCS } from '../thresholds.js';
import { groupWhere, NO_WAIT_STATE } from './leak-advice.js';
import { requestersNamed } from '../goroutines/httpclient.js';
import { namedSplit } from '../series/groupwords.js';
import type { GroupTrend } from '../series/model.js';
import type { Rule } from './rule.js';
import { groupSpan, spanOf } from './series-words.js';

/** The subject of the finding about growing groups (leak-suspected says them instead when it names them: series.ts groupsSaidOnce). */
export const GROWING_GROUPS = 'growing-groups';

/**
 * Goroutines that keep accumulating across goroutine dumps of one process: groups (same function,
 * wait state, creator and blocking frame) whose count rises steadily across at least 3 dumps (analyze/series:
 * the runtime's own goroutines never count), and, with a `maxGrowth` budget, a total count that
 * grew by more than it allows.
 */
export const goroutineGrowth: Rule = {
  meta: {
    id: 'goroutine-growth',
    defaultSeverity: 'warning',
    description: 'Across goroutine dumps of one process, goroutine groups keep growing (or the count grows beyond a configured budget).',
    docsUrl: DOCS.pprofHeap,
    options: { maxGrowth: { kind: 'count', description: 'the most the goroutine count may grow from the first dump to the last, e.g. 100' } },
    inputs: ['series'],
  },
  check() {
    return [];
  },
  checkSeries(facts, { options }) {
    const dumps = facts.goroutines;
    const first = dumps[0];
    const last = dumps[dumps.length - 1];
    if (!first || !last || dumps.length < 2) return [];
    const span = spanOf(dumps.map((d) => d.source));
    const growth = last.total - first.total;
    const out: ReturnType<NonNullable<Rule['checkSeries']>> = [];
    const groups = leakGroups(facts.growingGroups);
    if (groups.length > 0) {
      out.push({
        message: `Goroutines keep accumulating across ${dumps.length} goroutine dumps, ${span}: ${firstOf(groups.map((g) => groupSpan(g, groups)), 3)}.`,
        why: `${groups.length === 1 ? 'This group' : `These ${groups.length} groups`} (same function, wait state, creator and the frame it blocks in${groups.some((g) => g.named) ? '; a function in several groups counted in every state' : ''}) grew at every step or held, never shrank: ${groups.map((g) => `${g.function}${sameFunction(g, groups)} ${g.counts.map((n) => formatCount(n)).join(' → ')}${namedSplit(g)}`).join('; ')}. Goroutines that wait forever hold their stacks and everything the stacks reference; the heap may stay flat while they pile up.`,
        // A Body to close: in the program's callers of net/http's client, when the heap profiles name them (as leak-suspected's fix names them).
        fix: requestersNamed(growthFix(groups), facts.httpRequesters ?? []),
        subject: GROWING_GROUPS,
        source: last.source,
        evidence: { dumps: dumps.length, group: groups[0]?.function ?? '', groupFirst: groups[0]?.counts[0] ?? 0, groupLast: groups[0]?.counts[groups[0].counts.length - 1] ?? 0, firstTotal: first.total, lastTotal: last.total },
      });
    }
    const limit = options.maxGrowth;
    if (limit !== undefined && growth > limit) {
      out.push({
        message: `The goroutine count grew by ${formatCount(growth)} (${formatCount(first.total)} → ${formatCount(last.total)}) across ${span}, above the budget of ${formatCount(limit)}.`,
        why: `Goroutines per dump: ${dumps.map((d) => formatCount(d.total)).join(', ')}.`,
        fix: 'If more goroutines are expected (more load), raise maxGrowth in heapdoc.config.json. Otherwise find the group that grows: heapdoc analyze on the goroutine dumps.',
        subject: 'count-budget',
        source: last.source,
        evidence: { dumps: dumps.length, firstTotal: first.total, lastTotal: last.total, growth, limit },
      });
    }
    return out;
  },
};

/** ` [IO wait]`, ` (reading responses)`: what tells `g` from another group of `groups` with its function, '' when none has it. */
function sameFunction(g: GroupTrend, groups: readonly GroupTrend[]): string {
  return groups.some((o) => o !== g && o.function === g.function) ? `${stateWords(g)}${distinctionIfAmbiguous(g, groups)}` : '';
}

/**
 * The fix for growing groups, by the wait state the dumps print: the largest group's advice, then
 * what each other group waits for in a few words. Said only of the states seen: a send nobody
 * receives is not "a channel nobody sends on"; a debug=1 dump prints no state, and none is guessed.
 */
function growthFix(groups: readonly GroupTrend[]): string {
  const [top, ...rest] = groups;
  if (!top) return '';
  const waits = waitAdvice(top);
  const end = 'Give every goroutine a way to end';
  if (top.state === undefined && !waits) return `${top.function}${groupWhere(top)} grew by ${formatCount(top.growth)}: ${NO_WAIT_STATE}. ${end} (a done channel or context beside each channel operation).`;
  const head = `${top.function}${stateWords(top)}${groupWhere(top)}`;
  const lead = waits
    ? `${head} is ${waits}.`
    : `${head} grew by ${formatCount(top.growth)}: find why they never return (heapdoc analyze on the goroutine dumps shows their stack).`;
  return `${lead}${alsoGrowing(rest)} ${end}.`;
}

/**
 * ` Also growing: main.poll [chan receive] (a channel nobody sends on or closes).`: the groups after
 * the first, each with what it waits for in a few words; '' for none. leak-suspected's fix says it
 * too when it starts with a group (it then says the groups in goroutine-growth's place: series.ts groupsSaidOnce).
 */
export function alsoGrowing(rest: readonly GroupTrend[]): string {
  const others = rest.map((g) => {
    const short = waitShort(g);
    return `${g.function}${stateWords(g)}${short ? ` (${short})` : ''}`;
  });
  return others.length > 0 ? ` Also growing: ${firstOf(others, 3)}.` : '';
}
