/**
 * What the goroutines of net/http's client wait for, told by the code at their frames rather than
 * by one Go version's line numbers (they move with every release: the wait for a response Body is
 * transport.go:2213 in go1.19, about 2238 in go1.21). A `Transport` connection has two goroutines,
 * `(*persistConn).readLoop` and `writeLoop`; a request waits for its response in
 * `(*persistConn).roundTrip`. In every version since Go 1.6 the read loop
 *
 * - reads the next response with `pc.br.Peek(1)` at the top of its loop (`[IO wait]`, the frame
 *   above it `bufio.(*Reader).Peek`; `(*persistConn).readResponse` while the headers come in):
 *   a response to a request still in flight — its caller blocked in `(*persistConn).roundTrip` —
 *   or, with no request waiting, an idle keep-alive connection;
 * - after handing a response with a body to its caller, waits in a select of its own for the Body
 *   to be read to EOF or closed (`waitForBodyRead`; `[select]`, no frame of the standard library
 *   above it). Its other selects hand a response to `roundTrip`, which waits for it in its own
 *   select, so they never last; a read loop found in a select waits for a Body.
 *
 * `writeLoop` waits in its select whatever the connection does: one per connection, it says that
 * the connections stay, and their read loops say why.
 */
import { formatCount } from '../../text/units.js';
import { fileLine } from '../profile.js';
import { isStandardLibrary, isWaitMachinery, type FrameLike, type TopFrame } from './frames.js';
import type { ClientConnRole, GoroutineGroup, HttpClientWaits } from './model.js';

const READ_LOOP = 'net/http.(*persistConn).readLoop';
const WRITE_LOOP = 'net/http.(*persistConn).writeLoop';
/** Where a request waits for its response on a connection of its own. */
export const ROUND_TRIP = 'net/http.(*persistConn).roundTrip';
/** The read loop's callees while it reads a response: the next one's first byte, or its headers. */
const READING = new Set(['bufio.(*Reader).Peek', 'net/http.(*persistConn).readResponse']);
/** The Transport's entry, under which a request waits (for a connection, or for its response). */
const TRANSPORT_ROUND_TRIP = new Set(['net/http.(*Transport).roundTrip', 'net/http.(*Transport).RoundTrip']);

/** The role of a stack named by `top` in `state` (debug=2; undefined for debug=1), or undefined. */
export function clientConnRole(frames: readonly FrameLike[], top: TopFrame, state: string | undefined): ClientConnRole | undefined {
  if (top.function === WRITE_LOOP) return 'writer';
  if (top.function === READ_LOOP) {
    const callee = top.index > 0 ? frames[top.index - 1] : undefined;
    if (callee?.function !== undefined && READING.has(callee.function)) return 'reader';
    const own = callee === undefined || isWaitMachinery(callee);
    return own && (state === undefined || state === 'select') ? 'body' : undefined;
  }
  const inner = frames[top.innermost]?.function;
  if (top.innermost === top.index || inner === undefined || !inner.startsWith('net/http.') || isStandardLibrary(top.function)) return undefined;
  for (let i = top.innermost; i < top.index; i++) if (TRANSPORT_ROUND_TRIP.has(frames[i]?.function ?? '')) return 'caller';
  return undefined;
}

/**
 * What a dump's client connections wait for, from its groups (their `clientConn` and `waitsIn`);
 * undefined when it has no read loop and no request waiting.
 */
export function httpClientWaits(groups: readonly GoroutineGroup[]): HttpClientWaits | undefined {
  let reading = 0;
  let bodyUnread = 0;
  let waiting = 0;
  const callers = new Map<string, number>();
  for (const g of groups) {
    if (g.clientConn === 'reader') reading += g.count;
    else if (g.clientConn === 'body') bodyUnread += g.count;
    else if (g.clientConn === 'caller' && g.waitsIn === ROUND_TRIP) {
      waiting += g.count;
      callers.set(g.function, (callers.get(g.function) ?? 0) + g.count);
    }
  }
  if (reading + bodyUnread + waiting === 0) return undefined;
  return {
    reading, inFlight: Math.min(reading, waiting), bodyUnread,
    callers: [...callers].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([fn, count]) => ({ function: fn, count })),
  };
}

/** A group as the advice reads it: its role, and what its dump's connections wait for. */
export interface ClientConnGroup {
  function: string;
  state?: string | undefined;
  clientConn?: ClientConnRole | undefined;
  httpClient?: HttpClientWaits | undefined;
  waitsIn?: string | undefined;
}

/** The idle connections' advice: they pile up only when Transports are made and dropped. */
export const IDLE_CLIENT_CONNS = "a client's idle keep-alive connections, kept by Transports nobody uses any more (a new http.Client or Transport per request keeps each one's): share one Client and Transport, or call CloseIdleConnections when one is done with; Transport.IdleConnTimeout bounds how long they stay (a Client.Timeout does not)";

const DEADLINE = 'give each request a deadline: an http.Client{Timeout: …} (http.Get and http.DefaultClient have none) or http.NewRequestWithContext with a context.WithTimeout (Transport.ResponseHeaderTimeout bounds the wait for the headers alone)';

/** Where BODY says the Body is to be closed; requestersNamed names the program's callers after it. */
const EVERY_PATH = 'on every path that gets a response';

const BODY = `close resp.Body (defer resp.Body.Close()) and read it to EOF (io.Copy(io.Discard, resp.Body)) ${EVERY_PATH}, so that the connection goes back to the pool`;

/** How many of the program's callers of net/http's client requestersNamed names. */
const REQUESTERS_SHOWN = 3;

/**
 * `advice` (BODY_UNREAD or the writers' advice) with the program's callers of net/http's client
 * named where the Body is to be closed: `… on every path that gets a response in main.main
 * (main.go:26), the program's caller of net/http's client in the heap profile's stacks, so that …`
 * (`requesters`, most allocated first: series/index.ts httpRequesters). `advice` unchanged without any.
 */
export function requestersNamed(advice: string, requesters: readonly { function: string; file: string | undefined; line: number | undefined }[]): string {
  if (requesters.length === 0) return advice;
  const named = requesters.slice(0, REQUESTERS_SHOWN).map((k) => `${k.function}${k.file ? ` (${fileLine(k.file, k.line)})` : ''}`);
  const more = requesters.length > REQUESTERS_SHOWN ? ` and ${formatCount(requesters.length - REQUESTERS_SHOWN)} more` : '';
  const who = requesters.length === 1 ? "the program's caller of net/http's client" : "the program's callers of net/http's client";
  return advice.replace(EVERY_PATH, `${EVERY_PATH} in ${named.join(requesters.length === 2 ? ' and ' : ', ')}${more}, ${who} in the heap profile's stacks`);
}

/** The read loops' advice when they wait for a Body (leak-suspected's too, from a dump's count alone). */
export const BODY_UNREAD = `waiting for a response Body never read to the end nor closed: the connection is not reused while it waits (each request dials another, with two more goroutines and their buffers): ${BODY}`;

/** `main.fireAndForget ×600`, `main.a ×3, main.b ×2 and 2 more`. */
function callersWords(w: HttpClientWaits): string {
  const named = w.callers.slice(0, 3).map((c) => `${c.function} ×${formatCount(c.count)}`).join(', ');
  return w.callers.length > 3 ? `${named} and ${formatCount(w.callers.length - 3)} more` : named;
}

/** Fewer requests in flight than idle connections: the readers are the idle ones (a request or two in flight is any client's). */
function mostlyIdle(w: HttpClientWaits): boolean {
  return w.inFlight * 2 < w.reading;
}

function inFlightWords(w: HttpClientWaits): string {
  return `requests still waiting for their response (${formatCount(w.inFlight)}; ${callersWords(w)} blocked in ${ROUND_TRIP}): the server has not answered and nothing bounds the wait`;
}

/** The readers' advice: requests in flight (most of them) or idle connections. */
function readerAdvice(w: HttpClientWaits | undefined): string {
  if (!w || w.reading === 0 || mostlyIdle(w)) return IDLE_CLIENT_CONNS;
  const idle = w.reading - w.inFlight;
  const rest = idle > 0 ? `; the other ${formatCount(idle)} are ${IDLE_CLIENT_CONNS}` : '';
  return `reading the responses to ${inFlightWords(w)}: ${DEADLINE}${rest}`;
}

/** The writers' advice: what their connections' read loops wait for. */
function writerAdvice(w: HttpClientWaits | undefined): string {
  if (!w || (w.bodyUnread === 0 && (w.reading === 0 || mostlyIdle(w)))) return IDLE_CLIENT_CONNS;
  const parts: string[] = [];
  const idle = w.reading - w.inFlight;
  if (w.inFlight > 0 && !mostlyIdle(w)) parts.push(`${formatCount(w.inFlight)} read the responses to requests still waiting for them (${callersWords(w)} blocked in ${ROUND_TRIP}): ${DEADLINE}`);
  if (idle > 0) parts.push(`${formatCount(idle)} are idle keep-alive connections (share one Client and Transport, or call CloseIdleConnections when one is done with; Transport.IdleConnTimeout bounds them)`);
  if (w.bodyUnread > 0) parts.push(`${formatCount(w.bodyUnread)} wait for a response Body never read to the end nor closed: ${BODY}`);
  return `one goroutine per open client connection, whatever it waits for; their ${READ_LOOP} goroutines say why the connections stay. ${parts.join('. ')}`;
}

/** The advice for a group of net/http's client, or undefined for another group. */
export function clientConnAdvice(g: ClientConnGroup): string | undefined {
  switch (g.clientConn) {
    case 'reader': return readerAdvice(g.httpClient);
    case 'body': return BODY_UNREAD;
    case 'writer': return writerAdvice(g.httpClient);
    case 'caller': return `waiting inside an HTTP request, in net/http's own ${g.state ?? 'wait'} (${g.waitsIn ?? ROUND_TRIP}), not one of the program's, for ${g.waitsIn === ROUND_TRIP ? 'a response the server has not sent' : 'a connection or a response'}: the request has no deadline; ${DEADLINE}, so that the call returns an error instead of waiting for good`;
    default: return isConnectionLoop(g.function) ? IDLE_CLIENT_CONNS : undefined;
  }
}

/** What a group of net/http's client waits for, in a few words, or undefined for another group. */
export function clientConnShort(g: ClientConnGroup): string | undefined {
  const w = g.httpClient;
  switch (g.clientConn) {
    case 'reader': return !w || w.reading === 0 || mostlyIdle(w) ? 'idle keep-alive connections' : 'responses to requests without a deadline';
    case 'body': return 'response Bodies never read to the end nor closed';
    case 'writer': return !w || (w.bodyUnread === 0 && (w.reading === 0 || mostlyIdle(w))) ? 'idle keep-alive connections' : 'one per open client connection';
    case 'caller': return 'HTTP requests without a deadline';
    default: return undefined;
  }
}

/** A connection's read or write loop, whatever it waits for. */
export function isConnectionLoop(fn: string): boolean {
  return fn === READ_LOOP || fn === WRITE_LOOP;
}

/** ` (reading responses)`: what tells a client goroutine from another of the same function in a list. */
export function clientConnWords(role: ClientConnRole | undefined): string {
  switch (role) {
    case 'reader': return ' (reading responses)';
    case 'body': return ' (waiting for a response Body)';
    default: return '';
  }
}
