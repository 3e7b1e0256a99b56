/**
 * What a goroutine that waits forever in a given state is usually waiting for, and how to give it
 * a way to end: the advice the leak findings give for their largest growing group, by the wait
 * state the dump prints (`chan send`, `chan receive`, `select`, `sync.Mutex.Lock`, `IO wait`, …).
 */
import { formatCount, formatPercent } from '../../text/units.js';
import { THRESHOLDS } from '../thresholds.js';
import { fileLine } from '../profile.js';
import { isStandardLibrary } from './frames.js';
import { clientConnAdvice, clientConnShort, clientConnWords, isConnectionLoop, type ClientConnGroup } from './httpclient.js';
import type { GoroutineGroup, GoroutineSummary } from './model.js';
import { baseName } from '../../common/paths.js';

/**
 * By wait state: what the goroutines wait for, in a few words (`short`, said of the other growing
 * groups), and the advice for the largest group. A nil channel's states come before their channel's.
 */
const ADVICE: readonly (readonly [pattern: RegExp, short: string, advice: string])[] = [
  [/^chan (?:send|receive) \(nil chan\)/, 'a nil channel, which nothing ever wakes', 'blocked on a nil channel, which no send, receive or close ever wakes: the channel was never made (a field or variable left nil); make it before the goroutines use it'],
  [/^chan send/, 'a send nobody receives', 'blocked sending on a channel nobody receives from any more (a caller that gave up after a timeout): make the channel buffered (one slot per sender), or select on a done channel or context beside the send'],
  [/^chan receive/, 'a channel nobody sends on or closes', 'waiting on a channel nobody sends on or closes (or a time.Ticker never stopped): close the channel when the work ends, stop the ticker, or select on a done channel or context'],
  [/^select \(no cases\)/, 'an empty select, which never returns', 'in an empty select (select {}), which never returns: each goroutine started to wait there stays for good; start it once, or let it return'],
  [/^select/, 'a select none of whose cases fires', 'waiting in a select none of whose cases will fire: add a case for ctx.Done() or a done channel'],
  [/^(?:sync\.(?:Mutex\.Lock|RWMutex\.R?Lock)|semacquire|sync\.WaitGroup\.Wait|sync\.Cond\.Wait)/, 'a lock, WaitGroup or condition never released', 'waiting on a lock, WaitGroup or condition that is never released: find the path that returns without Unlock or Done (a defer fixes most)'],
  [/^IO wait/, 'network I/O without a deadline', 'waiting on network I/O without a deadline: set one (SetDeadline, http.Client.Timeout, a context)'],
  [/^sleep/, 'time.Sleep in a loop that never ends, or a long one', 'sleeping in time.Sleep, in a loop that never ends or for a long time each: wait in a select on a time.Timer (or Ticker) and ctx.Done() instead, and return when the context is done'],
];

/** What BY_FUNCTION's goroutines pile up for, in a few words. */
const BY_FUNCTION_SHORT = 'connections or servers net/http keeps open';

/**
 * Goroutines net/http's server starts, by their start function (frames.ts names them so): what
 * makes them pile up is not a missing deadline on the read they wait in. The client's connections
 * are told by what they wait for (httpclient.ts).
 */
const BY_FUNCTION: ReadonlyMap<string, string> = new Map([
  ['net/http.(*conn).serve', 'server connections that clients keep open (idle keep-alive, or slow requests): set Server.IdleTimeout and ReadHeaderTimeout; when the clients are this program, reuse one Transport'],
  ['net/http.(*Server).Serve', 'accept loops of servers started and never stopped: call Server.Shutdown (or Close) when one is done with'],
]);

/** A group as the advice reads it: its function and wait state, and what it waits in. */
export type Waiting = ClientConnGroup;

/**
 * The program's goroutines blocked in a select or channel of the standard library's
 * (`waitsIn`), not of their own: adding a case to a select they do not own is no fix.
 */
function libraryWait(g: Waiting): string | undefined {
  if (g.waitsIn === undefined || !isBlockedState(g.state) || /^(?:sync\.|semacquire)/.test(g.state ?? '')) return undefined;
  return `waiting in a ${g.state ?? ''} of the standard library's (${g.waitsIn}), not of its own: what the call waits for is that library's; give the call a context with a deadline (or the library's own timeout) so that it returns, and see what it waits for`;
}

/** The advice for goroutines piling up as `g` (its state, function, part in net/http's client), or undefined for a state without one (running, syscall, …). */
export function waitAdvice(g: Waiting): string | undefined {
  const own = clientConnAdvice(g) ?? BY_FUNCTION.get(g.function) ?? libraryWait(g);
  if (own !== undefined) return own;
  const state = g.state;
  if (state === undefined) return undefined;
  return ADVICE.find(([pattern]) => pattern.test(state))?.[2];
}

/** What goroutines piling up as `g` wait for, in a few words (`a send nobody receives`), or undefined. */
export function waitShort(g: Waiting): string | undefined {
  const client = clientConnShort(g);
  if (client !== undefined) return client;
  if (BY_FUNCTION.has(g.function) || isConnectionLoop(g.function)) return BY_FUNCTION_SHORT;
  const state = g.state;
  if (state === undefined) return undefined;
  if (libraryWait(g) !== undefined) return `a ${state} inside ${g.waitsIn ?? 'the standard library'}`;
  return ADVICE.find(([pattern]) => pattern.test(state))?.[1];
}

/** Wait states that only another goroutine ends (a channel, select or lock): not I/O, a sleep or a syscall. */
const BLOCKED = /^(?:chan send|chan receive|select|sync\.|semacquire)/;

/**
 * Goroutines of one group of the program's own blocked a long time, as goroutine-long-wait names
 * them: `count` of the group's `groupCount` printed `minutes` or more (each goroutine's own header,
 * not the group's longest wait times its size), from `fewestMinutes` to `waitMinutes`.
 */
export interface LongWait {
  count: number;
  groupCount: number;
  function: string;
  state: string;
  waitMinutes: number;
  fewestMinutes: number;
  createdBy?: string;
  /** The standard library's frame they wait in (GoroutineGroup.waitsIn), and their part in net/http's client. */
  waitsIn?: string;
  clientConn?: GoroutineGroup['clientConn'];
}

/** How many of a group's goroutines printed a wait of `minutes` or more (every one for 0 or less). */
export function waitedAtLeast(g: Pick<GoroutineGroup, 'count' | 'waitCounts'>, minutes: number): number {
  if (minutes <= 0) return g.count;
  return (g.waitCounts ?? []).reduce((n, w) => n + (w.minutes >= minutes ? w.count : 0), 0);
}

/**
 * Waits a goroutine stays in for minutes only when nothing will ever release it: to acquire a lock
 * or WaitGroup, to send, or on a nil channel. An idle worker waits for work in a receive or a
 * select, for as long as no work comes; `select {}` is how a goroutine is parked on purpose.
 */
const STUCK = /^(?:chan send|sync\.|semacquire|chan receive \(nil chan\))/;

/**
 * The groups of a debug=2 dump whose goroutines blocked for `minutes` or more each, on a channel,
 * select or lock, in the program's own code (not the runtime's goroutines, nor a group named by
 * the standard library's frame, but net/http's client read loops waiting for a response Body the
 * program never closes: the captured go1.19-audit39-bodyleak's 4,292 of them, 2–3 minutes each in
 * the audit's own run, made no finding), hold together `minCount` or more, most such goroutines first:
 * a group of `minCount` or more on its own, in any of those waits; smaller groups together, those
 * blocked to acquire a lock or WaitGroup or to send (STUCK) — a small pool's idle workers, waiting
 * for work in a receive or select, stay out.
 */
export function longWaits(groups: readonly GoroutineGroup[], minutes: number, minCount: number): LongWait[] {
  const large: LongWait[] = [];
  const small: LongWait[] = [];
  for (const g of groups) {
    // net/http's client read loops waiting for a Body wait for the program (which never closes it), not for the library.
    if (g.benign || !isBlockedState(g.state) || (isStandardLibrary(g.function) && g.clientConn !== 'body')) continue;
    const count = waitedAtLeast(g, minutes);
    if (count === 0 || (count < minCount && !STUCK.test(g.state ?? ''))) continue;
    const fewest = minutes <= 0 && count > waitedAtLeast(g, 1) ? 0 : (g.waitCounts ?? []).find((w) => w.minutes >= minutes)?.minutes ?? 0;
    (count >= minCount ? large : small).push({
      count, groupCount: g.count, function: g.function, state: g.state ?? '', waitMinutes: g.waitMinutes ?? 0, fewestMinutes: fewest,
      ...(g.createdBy !== undefined ? { createdBy: g.createdBy } : {}),
      ...(g.waitsIn !== undefined ? { waitsIn: g.waitsIn } : {}),
      ...(g.clientConn !== undefined ? { clientConn: g.clientConn } : {}),
    });
  }
  const together = small.reduce((n, w) => n + w.count, 0) >= minCount;
  return (together ? [...large, ...small] : large).sort((a, b) => b.count - a.count);
}

/** `2 minutes`, `1 minute`, `1–2 minutes`: the waits of some goroutines, from the fewest minutes to the most. */
export function minutesWords(fewest: number, most: number): string {
  return fewest === most ? `${most} minute${most === 1 ? '' : 's'}` : `${fewest}–${most} minutes`;
}

/** `handlers.queryBackend [chan send, 1–2 minutes] ×489`, `main.worker [chan receive, 1–2 minutes] ×1,005 of 2,000` */
export function longWaitWords(w: LongWait): string {
  return `${w.function} [${w.state}, ${minutesWords(w.fewestMinutes, w.waitMinutes)}] ×${formatCount(w.count)}${w.count < w.groupCount ? ` of ${formatCount(w.groupCount)}` : ''}`;
}

/**
 * The goroutines of some groups of one dump that printed a wait, by id (their minutes); undefined
 * when a group has no ids (debug=1): what wokenSince compares a later dump with.
 */
export function printedWaits(groups: readonly GoroutineGroup[]): Map<number, number> | undefined {
  const out = new Map<number, number>();
  for (const g of groups) {
    const m = g.members;
    if (!m) return undefined;
    if (g.waitCounts === undefined) continue;
    for (let i = 0; i < m.ids.length; i++) {
      const w = m.minutes[i] ?? 0;
      if (w > 0) out.set(m.ids[i] ?? -1, w);
    }
  }
  return out;
}

/**
 * The goroutines of `later` (groups of one dump) that provably ran since an earlier dump of the
 * same process (neither cut), by id; `before` holds the waits the same groups printed there
 * (printedWaits). The wait a header prints is counted from the first GC that found the goroutine
 * blocked (runtime/mgcmark.go sets waitsince) and starts over when it runs (proc.go execute), so a
 * goroutine blocked all along has waited, at the later dump, its earlier wait plus the time
 * between the dumps. That time is at least K minutes, K the largest rise of a wait between the two
 * dumps less one (a goroutine new to the group counts from 0): one that printed N ≥ 1 minutes
 * before and fewer than N + K now was woken in between, and blocked again. One that printed none
 * before may not have been seen by a GC yet, so it proves nothing; nor does a goroutine new to the group.
 */
export function wokenSince(before: ReadonlyMap<number, number> | undefined, later: readonly GoroutineGroup[]): number[] {
  if (!before || before.size === 0) return [];
  let passed = 0;
  for (const g of later) {
    const m = g.members;
    if (!m) return [];
    for (let i = 0; i < m.ids.length; i++) passed = Math.max(passed, (m.minutes[i] ?? 0) - (before.get(m.ids[i] ?? -1) ?? 0) - 1);
  }
  const woken: number[] = [];
  for (const g of later) {
    const m = g.members;
    if (!m) continue;
    for (let i = 0; i < m.ids.length; i++) {
      const id = m.ids[i] ?? -1;
      const was = before.get(id);
      if (was !== undefined && (m.minutes[i] ?? 0) < was + passed) woken.push(id);
    }
  }
  return woken;
}

/**
 * How a goroutine trend matches a group across dumps of one format: as a dump groups them
 * (group.ts), by its function, wait state, creator and the frame it is blocked in (debug=1 has no
 * state: a read loop reading the next response and one waiting for a Body are two groups in each
 * dump, and two trends).
 */
export function trendKey(g: Pick<GoroutineGroup, 'function' | 'state' | 'createdBy' | 'blockedIn'>): string {
  return `${g.function}\t${g.state ?? ''}\t${g.createdBy ?? ''}\t${g.blockedIn ?? ''}`;
}

/**
 * For each dump of one process in capture order, by `key` (how a trend matches groups across
 * dumps), how many of its goroutines blocked on a channel, select or lock (not the runtime's)
 * provably ran since the dump before it or since the first (wokenSince); a cut dump, or one
 * without ids (debug=1), proves nothing. Empty maps when no
 * goroutine printed a wait, and for the dumps before `from` (the latest alone: dumps.length − 1).
 * A dump's waits by id are read once, when a later dump is compared with it.
 */
export function wokenAcross(dumps: readonly GoroutineSummary[], key: (g: GoroutineGroup) => string, from = 1): Map<string, number>[] {
  const out = dumps.map(() => new Map<string, number>());
  if (!dumps.some((d) => d.groups.some((g) => g.waitCounts !== undefined))) return out;
  const byKey = dumps.map((d) => {
    const groups = new Map<string, GoroutineGroup[]>();
    if (d.truncated || d.kind !== 'goroutine-traceback') return groups;
    for (const g of d.groups) {
      // Only a goroutine blocked on a channel, select or lock is said to wait for good.
      if (g.benign || !isBlockedState(g.state)) continue;
      const k = key(g);
      const list = groups.get(k);
      if (list) list.push(g);
      else groups.set(k, [g]);
    }
    return groups;
  });
  // A dump's waits by id, per key, read when a later dump needs them: the first dump's are kept
  // for every later one, the one before's for the next only.
  type Waits = Map<string, Map<number, number> | undefined>;
  const waitsOf = (cache: Waits, j: number, k: string): Map<number, number> | undefined => {
    if (!cache.has(k)) cache.set(k, printedWaits(byKey[j]?.get(k) ?? []));
    return cache.get(k);
  };
  const first: Waits = new Map();
  for (let j = Math.max(1, from); j < dumps.length; j++) {
    const previous: Waits = j - 1 === 0 ? first : new Map();
    for (const [k, later] of byKey[j] ?? []) {
      const since = new Set(wokenSince(waitsOf(previous, j - 1, k), later));
      if (j > 1) for (const id of wokenSince(waitsOf(first, 0, k), later)) since.add(id);
      if (since.size > 0) out[j]?.set(k, since.size);
    }
  }
  return out;
}

/** True for a wait state only another goroutine ends. */
export function isBlockedState(state: string | undefined): boolean {
  return state !== undefined && BLOCKED.test(state);
}

/** What names a group in a list: its function, wait state and creator, and what it waits in. */
interface Titled {
  function: string;
  state?: string | undefined;
  createdBy?: string | undefined;
  blockedIn?: string | undefined;
  clientConn?: GoroutineGroup['clientConn'] | undefined;
  file?: string | undefined;
  line?: number | undefined;
}

/**
 * ` [chan receive]`: a group's wait state as lists write it after its function, empty without one
 * (debug=1). One writing for the text, the findings and the Markdown reports (which escape it
 * whole with markdownText, brackets included, as lint's Markdown escapes the findings).
 */
export function stateWords(g: { state?: string | undefined }): string {
  return g.state ? ` [${g.state}]` : '';
}

/** ` (reading responses)`, ` in time.Sleep`, ` at main.go:92`: where a group waits, as a list tells it from another. */
function waitPlace(g: Titled): string {
  const role = clientConnWords(g.clientConn);
  if (role) return role;
  if (g.blockedIn !== undefined) return ` in ${g.blockedIn}`;
  return g.file !== undefined ? ` at ${baseName(g.file)}:${g.line ?? '?'}` : '';
}

/**
 * Where `g` waits when another group of `all` has the same function, state and creator (they wait
 * in different frames: debug=1 prints no state), else ''.
 */
export function waitPlaceIfAmbiguous(g: Titled, all: readonly Titled[]): string {
  return all.some((o) => o !== g && o.function === g.function && o.state === g.state && o.createdBy === g.createdBy) ? waitPlace(g) : '';
}

/**
 * ` ← created by C` when another group of `all` has the same function and state (two goroutines
 * started by different `go` statements), and where it waits when one has the same creator too
 * (` (reading responses)`): without them two lines of a list read the same.
 */
export function distinctionIfAmbiguous(g: Titled, all: readonly Titled[]): string {
  if (!all.some((o) => o !== g && o.function === g.function && o.state === g.state)) return '';
  return `${waitPlaceIfAmbiguous(g, all)}${g.createdBy !== undefined ? ` ← created by ${g.createdBy}` : ''}`;
}

/**
 * One dump alone, whose largest group of the program's own is blocked on a channel, select or lock
 * and holds most of its goroutines (goroutineOneGroupShare, and goroutineLongWaitMinCount of them
 * at least): what that group waits for, as the leak findings' advice says it (waitAdvice). One dump
 * shows no growth, and without long waits no verdict (reasoning.md §6), so it is a hint, not a
 * finding: the captured go1.19-audit36/goleak's 410 of 414 goroutines in `main.produce [chan send]`.
 * Undefined otherwise. Never of several dumps of one process (combine.ts goroutineOnlyVerdict): they
 * show whether the group grows, and one that does not is a fixed pool waiting for work (the captured
 * go1.19-audit28-idlepool's 2,000 main.worker in chan receive in each of 5 dumps); goroutines that wait
 * forever without growing are told by their waits (goroutine-long-wait), not by this hint.
 */
export function oneGroupHint(dump: GoroutineSummary): string | undefined {
  const g = dump.groups.find((group) => !group.benign);
  if (!g || g.count < THRESHOLDS.goroutineLongWaitMinCount || g.count < THRESHOLDS.goroutineOneGroupShare * dump.total || !isBlockedState(g.state)) return undefined;
  const advice = waitAdvice(g);
  if (advice === undefined) return undefined;
  const created = g.createdBy ? ` ← created by ${g.createdBy}` : '';
  const at = g.file !== undefined || g.line !== undefined ? ` at ${fileLine(g.file, g.line)}` : '';
  return `One group holds ${formatPercent(g.count, dump.total)} of the goroutines: ${formatCount(g.count)} ${g.function}${created}, blocked in ${g.state ?? ''}${at} — if they wait forever, they are ${advice}; one dump cannot show growth — take another later.`;
}
