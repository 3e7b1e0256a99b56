/**
 * What a goroutine that waits forever in a given state is usually waiting for, and how to give it
 * a way to end: the advice the leak findings give for their largest growing group, by the wait
 * state the dump prints (`chan send`, `chan receive`, `select`, `sync.Mutex.Lock`, `IO wait`, …).
 */
import { formatCount } from '../../text/units.js';
import { isStandardLibrary } from './frames.js';
import type { GoroutineGroup } from './model.js';

const ADVICE: readonly (readonly [pattern: RegExp, advice: string])[] = [
  [/^chan send/, 'blocked sending on a channel nobody receives from any more (a caller that gave up after a timeout): make the channel buffered (one slot per sender), or select on a done channel or context beside the send'],
  [/^chan receive/, 'waiting on a channel nobody sends on or closes (or a time.Ticker never stopped): close the channel when the work ends, stop the ticker, or select on a done channel or context'],
  [/^select/, 'waiting in a select none of whose cases will fire: add a case for ctx.Done() or a done channel'],
  [/^(?:sync\.(?:Mutex\.Lock|RWMutex\.R?Lock)|semacquire|sync\.WaitGroup\.Wait|sync\.Cond\.Wait)/, 'waiting on a lock, WaitGroup or condition that is never released: find the path that returns without Unlock or Done (a defer fixes most)'],
  [/^IO wait/, 'waiting on network I/O without a deadline: set one (SetDeadline, http.Client.Timeout, a context)'],
];

/** A Transport's two goroutines per idle connection (readLoop and writeLoop) pile up together: one advice for both. */
const IDLE_CLIENT_CONNS = "a client's idle keep-alive connections, kept by Transports nobody uses any more (a new http.Client or Transport per request keeps each one's): share one Client and Transport, or call CloseIdleConnections when one is done with; Transport.IdleConnTimeout bounds how long they stay (a Client.Timeout does not)";

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

/** The advice for goroutines piling up in `state` in `fn`, or undefined for a state without one (running, sleep, …). */
export function waitAdvice(state: string | undefined, fn?: string): string | undefined {
  const own = fn !== undefined ? BY_FUNCTION.get(fn) : undefined;
  if (own !== undefined) return own;
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
 * ` ← created by C` when another group of `all` has the same function and state (two goroutines
 * started by different `go` statements): without it the two lines of a list read the same.
 */
export function creatorIfAmbiguous(g: Titled, all: readonly Titled[]): string {
  if (g.createdBy === undefined) return '';
  return all.some((o) => o !== g && o.function === g.function && o.state === g.state) ? ` ← created by ${g.createdBy}` : '';
}
