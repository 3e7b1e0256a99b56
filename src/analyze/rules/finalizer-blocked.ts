import type { GoroutineGroup, GoroutineSummary } from '../goroutines/model.js';
import { DOCS } from '../thresholds.js';
import { formatCount } from '../../text/units.js';
import { capitalized } from '../../text/wrap.js';
import { groupWhere, ONE_AT_A_TIME } from './leak-advice.js';
import { configureRule, contextOf, toFinding, type Finding, type GoroutineFacts, type Rule } from './rule.js';

/**
 * One goroutine dump whose finalizer goroutine (runtime.runfinq) waits inside a finalizer of the
 * program (goroutines/group.ts `finalizer`): the runtime runs every finalizer on that one goroutine,
 * one at a time, so while it waits no other runs and the objects waiting for theirs pile up (the
 * captured go1.19-audit29-finalizer: main.slowClose [sleep] at every phase, main.openConn +363.8
 * MiB; go1.19-finalizer-stuck: main.closeHandle [chan send, 2 minutes]). A series of heap dumps
 * with goroutine dumps says it in leak-suspected's fix too (finalizerWords); this says it of one.
 */
export const finalizerBlocked: Rule = {
  meta: {
    id: 'finalizer-blocked',
    defaultSeverity: 'warning',
    description: 'The finalizer goroutine waits inside a finalizer of the program (a sleep, a channel, a lock, I/O): every other finalizer waits behind it.',
    docsUrl: DOCS.setFinalizer,
    inputs: ['goroutine'],
  },
  check() {
    return [];
  },
  checkGoroutines(facts) {
    const g = facts.groups?.find((x) => x.finalizer);
    if (!g) return [];
    const how = waitOf(g, facts.kind);
    const minutes = minutesWords(g.waitMinutes);
    const message = messageOf(g, facts.kind, undefined);
    const known = how.kind === 'running'
      ? facts.kind === 'goroutine-traceback'
        ? ` Its state is [${g.state ?? ''}], not a wait: a later dump that finds it in ${g.function} again says whether it is slow.`
        : ` A debug=1 dump does not say whether it waits there (on a channel, a lock or I/O, whose frames are the runtime's): goroutine?debug=2 prints its state and, from a minute on, for how long.`
      : minutes ? ` Its header says it has waited${minutes}.` : ' One dump shows it at one moment: a later dump that finds it there again (or the minutes a debug=2 header prints from one minute on) says it is stuck.';
    return [{
      message,
      why: `${oneGoroutineWords(g.function)}${known}`,
      fix: `Do not block in a finalizer${how.kind === 'blocked' ? ` (${g.function} waits ${how.what})` : ''}: do the slow work in a goroutine the finalizer starts, or give the type an explicit Close that the program calls, keeping the finalizer only as a safety net (${DOCS.setFinalizer}).`,
      position: g.position,
      ...(how.kind === 'running' ? { severity: 'info' as const } : {}),
      subject: g.function,
      evidence: { function: g.function, ...(g.file !== undefined ? { file: g.file } : {}), ...(g.line !== undefined ? { line: g.line } : {}), ...(g.state !== undefined ? { state: g.state } : {}), ...(g.blockedIn !== undefined ? { blockedIn: g.blockedIn } : {}), ...(g.waitMinutes !== undefined ? { waitMinutes: g.waitMinutes } : {}) },
    }];
  },
};

/** ` for 2 minutes`: how long a debug=2 header says the goroutine has waited; '' under a minute. */
function minutesWords(waitMinutes: number | undefined): string {
  return waitMinutes !== undefined && waitMinutes > 0 ? ` for ${waitMinutes === 1 ? '1 minute' : `${formatCount(waitMinutes)} minutes`}` : '';
}

/** What a finding says of the finalizer goroutine `g` seen in a dump of `kind`; `seen`: in how many dumps (`all 5 goroutine dumps`), undefined for one. */
function messageOf(g: FinalizerSeen, kind: string, seen: string | undefined): string {
  const how = waitOf(g, kind);
  return how.kind === 'running'
    ? `The finalizer goroutine was running ${g.function}${groupWhere(g)}, a finalizer of the program, ${seen === undefined ? 'when the dump was taken' : `in ${seen}`}.`
    : `The finalizer goroutine is blocked in ${g.function}${groupWhere(g)}${how.words}${minutesWords(g.waitMinutes)}${seen === undefined ? '' : `, in ${seen}`}: every other finalizer waits behind it.`;
}

/** What a finding keeps of the finalizer goroutine's group (its evidence), and what its words are made of. */
type FinalizerSeen = Pick<GoroutineGroup, 'function' | 'file' | 'line' | 'state' | 'blockedIn' | 'waitMinutes'>;

/** Why one finalizer that waits holds up the rest (`fn`: the finalizer), the why of a dump's finding and of a series'. */
function oneGoroutineWords(fn: string): string {
  return `The runtime runs every finalizer on one goroutine (runtime.runfinq, the frame under ${fn}): ${ONE_AT_A_TIME}, with everything they reference. They pile up, a leak that grows with every object given a finalizer.`;
}

/**
 * How the finalizer goroutine waits: debug=2 prints its state (`sleep`, `chan send`; `running`,
 * `runnable` and `syscall` are no wait of the program's); debug=1 only the waiting frame above the
 * finalizer (`time.Sleep`, `sync.(*Mutex).Lock`), and nothing for a channel, whose frames are the
 * runtime's. `words`: ` [chan send]`, `, in time.Sleep`; `what`: the same for the fix (`in time.Sleep`, `on a chan send`).
 */
function waitOf(g: Pick<GoroutineGroup, 'state' | 'blockedIn'>, kind: string): { kind: 'blocked'; words: string; what: string } | { kind: 'running' } {
  if (kind === 'goroutine-traceback') {
    if (g.state === undefined || /^(?:running|runnable|syscall)\b/.test(g.state)) return { kind: 'running' };
    return { kind: 'blocked', words: ` [${g.state}]`, what: g.blockedIn ? `in ${g.blockedIn}` : `on a ${g.state}` };
  }
  return g.blockedIn ? { kind: 'blocked', words: `, in ${g.blockedIn}`, what: `in ${g.blockedIn}` } : { kind: 'running' };
}

/**
 * What `heapdoc analyze` reads of the finalizer goroutine, as lint finds it in each dump: the
 * finding of every goroutine dump (of `dumps`, in order) that shows it running a finalizer of the
 * program. combine.ts says them once for a series (seriesFinalizerFinding), the latest otherwise.
 */
export function finalizerFindings(dumps: readonly GoroutineSummary[]): Finding[] {
  return dumps.filter((d) => (d.kind === 'goroutine' || d.kind === 'goroutine-traceback') && d.groups.some((g) => g.finalizer)).flatMap((dump) => {
    const facts: GoroutineFacts = { source: dump.source, kind: dump.kind === 'goroutine' ? 'goroutine' : 'goroutine-traceback', total: dump.total, position: undefined, truncated: dump.truncated === true, groups: dump.groups };
    const results = finalizerBlocked.checkGoroutines?.(facts, contextOf(configureRule(finalizerBlocked), [])) ?? [];
    return results.map((r) => toFinding(finalizerBlocked, r, dump.source));
  });
}

/** A finalizer-blocked finding as analyze keeps it, or as lint does (a message, with no source: its file says it). */
type FinalizerFinding = Omit<Finding, 'source'>;

/**
 * One finalizer-blocked for the goroutine dumps of one process, in place of the one each of them
 * repeats (the captured go1.19-audit29-finalizer: main.slowClose [sleep] in all 5 debug=2 dumps):
 * one fact, said once with how many dumps show it (`scope: series`), as gc-off is
 * (seriesGcOffFinding). `found`: the dumps' findings in capture order; `last`: the latest dump's
 * (else the last found), whose severity, where, fix and evidence it keeps, with `dumps` (how many
 * showed it); its why says the dumps show the goroutine there again, in place of "one dump shows it
 * at one moment". `dumps`: how many goroutine dumps the series has. Undefined when fewer than two
 * showed it. Lint and analyze both say it so (lint/series.ts, combine.ts, through oneFindingAt).
 */
export function seriesFinalizerFinding<F extends FinalizerFinding>(found: readonly F[], last: F | undefined, dumps: number): (F & { scope: 'series' }) | undefined {
  const at = last ?? found[found.length - 1];
  if (!at || found.length < 2) return undefined;
  const e = at.evidence ?? {};
  const text = (name: string): string | undefined => (typeof e[name] === 'string' ? e[name] : undefined);
  const count = (name: string): number | undefined => (typeof e[name] === 'number' ? e[name] : undefined);
  const g: FinalizerSeen = { function: text('function') ?? '', file: text('file'), line: count('line'), state: text('state'), blockedIn: text('blockedIn'), waitMinutes: count('waitMinutes') };
  // A debug=2 dump's group has the state its header prints; a debug=1 dump's has none.
  const kind = g.state !== undefined ? 'goroutine-traceback' : 'goroutine';
  const where = found.length >= dumps ? `all ${formatCount(found.length)} goroutine dumps` : `${formatCount(found.length)} of the ${formatCount(dumps)} goroutine dumps`;
  const minutes = minutesWords(g.waitMinutes);
  return {
    ...at,
    message: messageOf(g, kind, where),
    why: `${oneGoroutineWords(g.function)} ${capitalized(where)} of the process find it in ${g.function}: a finalizer it is found in again and again is stuck, or too slow for the finalizers queued behind it.${minutes ? ` The latest dump's header says it has waited${minutes}.` : ''}`,
    evidence: { ...e, dumps: found.length },
    scope: 'series',
  };
}
