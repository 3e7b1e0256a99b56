import type { GoroutineGroup, GoroutineSummary } from '../goroutines/model.js';
import { DOCS } from '../thresholds.js';
import { formatCount } from '../../text/units.js';
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
    const at = groupWhere(g);
    const minutes = g.waitMinutes !== undefined && g.waitMinutes > 0 ? ` for ${g.waitMinutes === 1 ? '1 minute' : `${formatCount(g.waitMinutes)} minutes`}` : '';
    const message = how.kind === 'running'
      ? `The finalizer goroutine was running ${g.function}${at}, a finalizer of the program, when the dump was taken.`
      : `The finalizer goroutine is blocked in ${g.function}${at}${how.words}${minutes}: every other finalizer waits behind it.`;
    const known = how.kind === 'running'
      ? facts.kind === 'goroutine-traceback'
        ? ` Its state is [${g.state ?? ''}], not a wait: a later dump that finds it in ${g.function} again says whether it is slow.`
        : ` A debug=1 dump does not say whether it waits there (on a channel, a lock or I/O, whose frames are the runtime's): goroutine?debug=2 prints its state and, from a minute on, for how long.`
      : minutes ? ` Its header says it has waited${minutes}.` : ' One dump shows it at one moment: a later dump that finds it there again (or the minutes a debug=2 header prints from one minute on) says it is stuck.';
    return [{
      message,
      why: `The runtime runs every finalizer on one goroutine (runtime.runfinq, the frame under ${g.function}): ${ONE_AT_A_TIME}, with everything they reference. They pile up, a leak that grows with every object given a finalizer.${known}`,
      fix: `Do not block in a finalizer${how.kind === 'blocked' ? ` (${g.function} waits ${how.what})` : ''}: do the slow work in a goroutine the finalizer starts, or give the type an explicit Close that the program calls, keeping the finalizer only as a safety net (${DOCS.setFinalizer}).`,
      position: g.position,
      ...(how.kind === 'running' ? { severity: 'info' as const } : {}),
      subject: g.function,
      evidence: { function: g.function, ...(g.file !== undefined ? { file: g.file } : {}), ...(g.line !== undefined ? { line: g.line } : {}), ...(g.state !== undefined ? { state: g.state } : {}), ...(g.blockedIn !== undefined ? { blockedIn: g.blockedIn } : {}), ...(g.waitMinutes !== undefined ? { waitMinutes: g.waitMinutes } : {}) },
    }];
  },
};

/**
 * How the finalizer goroutine waits: debug=2 prints its state (`sleep`, `chan send`; `running`,
 * `runnable` and `syscall` are no wait of the program's); debug=1 only the waiting frame above the
 * finalizer (`time.Sleep`, `sync.(*Mutex).Lock`), and nothing for a channel, whose frames are the
 * runtime's. `words`: ` [chan send]`, `, in time.Sleep`; `what`: the same for the fix (`in time.Sleep`, `on a chan send`).
 */
function waitOf(g: GoroutineGroup, kind: string): { kind: 'blocked'; words: string; what: string } | { kind: 'running' } {
  if (kind === 'goroutine-traceback') {
    if (g.state === undefined || /^(?:running|runnable|syscall)\b/.test(g.state)) return { kind: 'running' };
    return { kind: 'blocked', words: ` [${g.state}]`, what: g.blockedIn ? `in ${g.blockedIn}` : `on a ${g.state}` };
  }
  return g.blockedIn ? { kind: 'blocked', words: `, in ${g.blockedIn}`, what: `in ${g.blockedIn}` } : { kind: 'running' };
}

/**
 * What `heapdoc analyze` says of the finalizer goroutine, as lint says it of each dump: of the latest
 * goroutine dump that shows it running a finalizer of the program (once, not once per dump).
 */
export function finalizerFindings(dumps: readonly GoroutineSummary[]): Finding[] {
  const dump = dumps.filter((d) => (d.kind === 'goroutine' || d.kind === 'goroutine-traceback') && d.groups.some((g) => g.finalizer)).at(-1);
  if (!dump) return [];
  const facts: GoroutineFacts = { source: dump.source, kind: dump.kind === 'goroutine' ? 'goroutine' : 'goroutine-traceback', total: dump.total, position: undefined, truncated: dump.truncated === true, groups: dump.groups };
  const results = finalizerBlocked.checkGoroutines?.(facts, contextOf(configureRule(finalizerBlocked), [])) ?? [];
  return results.map((r) => toFinding(finalizerBlocked, r, dump.source));
}
