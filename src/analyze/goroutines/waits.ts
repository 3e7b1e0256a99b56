/**
 * What a goroutine that waits forever in a given state is usually waiting for, and how to give it
 * a way to end: the advice the leak findings give for their largest growing group, by the wait
 * state the dump prints (`chan send`, `chan receive`, `select`, `sync.Mutex.Lock`, `IO wait`, …).
 */
import { formatCount } from '../../text/units.js';
import { isStandardLibrary } from './frames.js';
import type { GoroutineGroup } from './model.js';

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

/** A Transport's two goroutines per idle connection (readLoop and writeLoop) pile up together: one advice for both. */
const IDLE_CLIENT_CONNS = "a client's idle keep-alive connections, kept by Transports nobody uses any more (a new http.Client or Transport per request keeps each one's): share one Client and Transport, or call CloseIdleConnections when one is done with; Transport.IdleConnTimeout bounds how long they stay (a Client.Timeout does not)";

/** What BY_FUNCTION's goroutines pile up for, in a few words. */
const BY_FUNCTION_SHORT = 'connections or servers net/http keeps open';

/**
 * Goroutines net/http starts, by their start function (frames.ts names them so): what makes them
 * pile up is not a missing deadline on the read they wait in.
 */
const BY_FUNCTION: ReadonlyMap<string, string> = new Map([
  ['net/http.(*persistConn).readLoop', IDLE_CLIENT_CONNS],
  ['net/http.(*persistConn).writeLoop', IDLE_CLIENT_CONNS],
  ['net/http.(*conn).serve', 'server connections that clients keep open (idle keep-alive, or slow requests): set Server.IdleTimeout and ReadHeaderTimeout; when the clients are this program, reuse one Transport'],
  ['net/http.(*Server).Serve', 'accept loops of servers started and never stopped: call Server.Shutdown (or Close) when one is done with'],
]);

/** The advice for goroutines piling up in `state` in `fn`, or undefined for a state without one (running, syscall, …). */
export function waitAdvice(state: string | undefined, fn?: string): string | undefined {
  const own = fn !== undefined ? BY_FUNCTION.get(fn) : undefined;
  if (own !== undefined) return own;
  if (state === undefined) return undefined;
  return ADVICE.find(([pattern]) => pattern.test(state))?.[2];
}

/** What goroutines piling up in `state` in `fn` wait for, in a few words (`a send nobody receives`), or undefined. */
export function waitShort(state: string | undefined, fn?: string): string | undefined {
  if (fn !== undefined && BY_FUNCTION.has(fn)) return BY_FUNCTION_SHORT;
  if (state === undefined) return undefined;
  return ADVICE.find(([pattern]) => pattern.test(state))?.[1];
}

/** Wait states that only another goroutine ends (a channel, select or lock): not I/O, a sleep or a syscall. */
const BLOCKED = /^(?:chan send|chan receive|select|sync\.|semacquire)/;

/** A group of the program's own goroutines blocked a long time, as goroutine-long-wait and the series verdict name it. */
export interface LongWait {
  count: number;
  function: string;
  state: string;
  waitMinutes: number;
  createdBy?: string;
}

/**
 * The groups of a debug=2 dump blocked on a channel, select or lock for `minutes` or more, with
 * `minCount` goroutines or more, in the program's own code (not the runtime's goroutines, nor a
 * group named by the standard library's frame), largest first.
 */
export function longWaits(groups: readonly GoroutineGroup[], minutes: number, minCount: number): LongWait[] {
  return groups
    .filter((g) => !g.benign && isBlockedState(g.state) && (g.waitMinutes ?? 0) >= minutes && g.count >= minCount && !isStandardLibrary(g.function))
    .map((g) => ({ count: g.count, function: g.function, state: g.state ?? '', waitMinutes: g.waitMinutes ?? 0, ...(g.createdBy !== undefined ? { createdBy: g.createdBy } : {}) }))
    .sort((a, b) => b.count - a.count);
}

/** `handlers.queryBackend [chan send, 2 minutes] ×489` */
export function longWaitWords(w: LongWait): string {
  return `${w.function} [${w.state}, ${w.waitMinutes} minute${w.waitMinutes === 1 ? '' : 's'}] ×${formatCount(w.count)}`;
}

/** True for a wait state only another goroutine ends. */
export function isBlockedState(state: string | undefined): boolean {
  return state !== undefined && BLOCKED.test(state);
}

/** What names a group in a list: its function, wait state and creator. */
interface Titled {
  function: string;
  state?: string | undefined;
  createdBy?: string | undefined;
}

/**
 * ` [chan receive]`: a group's wait state as lists write it after its function, empty without one
 * (debug=1). One writing for the text, the findings and the Markdown reports (which escape it
 * whole with markdownText, brackets included, as lint's Markdown escapes the findings).
 */
export function stateWords(g: { state?: string | undefined }): string {
  return g.state ? ` [${g.state}]` : '';
}

/**
 * ` ← created by C` when another group of `all` has the same function and state (two goroutines
 * started by different `go` statements): without it the two lines of a list read the same.
 */
export function creatorIfAmbiguous(g: Titled, all: readonly Titled[]): string {
  if (g.createdBy === undefined) return '';
  return all.some((o) => o !== g && o.function === g.function && o.state === g.state) ? ` ← created by ${g.createdBy}` : '';
}
