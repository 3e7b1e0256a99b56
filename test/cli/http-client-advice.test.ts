/**
 * net/http's client goroutines are told by what they wait for, not all called "idle keep-alive
 * connections": the captured go1.19-audit29-blocked (one shared Transport per client, no idle
 * connection: 600 requests in flight without a deadline, 200 response Bodies never closed) and
 * go1.19-audit29-blocked-long (the same program after two minutes: http.Get blocked in net/http's
 * own select, and three groups of 50 handlers stuck on a lock or a send).
 */
import { describe, expect, it } from 'vitest';
import { clientConnRole, topFrame } from '../../src/analyze/goroutines/index.js';
import { runCli } from '../helpers/cli.js';

const B = 'test/fixtures/captured/go1.19-audit29-blocked';
const LONG = 'test/fixtures/captured/go1.19-audit29-blocked-long/02-t1-later.goroutine2.txt.gz';
const PHASES = [1, 2, 3, 4];
const SERIES = [...PHASES.map((n) => `${B}/0${n}-t${n}.heap-gc1.txt`), ...PHASES.map((n) => `${B}/0${n}-t${n}.goroutine1.txt`)];

interface Finding { ruleId: string; message: string; why: string; fix: string }
interface Group { count: number; function: string; state?: string; line?: number; blockedIn?: string; waitsIn?: string; clientConn?: string }
interface Report {
  verdict: { leak: string; summary: string };
  findings: Finding[];
  goroutines: { source: string; httpClient?: unknown; groups: Group[] }[];
  series: { growingGroups: { function: string; clientConn?: string; blockedIn?: string; counts: number[]; line?: number }[] };
}

async function analyze(args: string[]): Promise<{ code: number | null; report: Report }> {
  const r = await runCli([...args, '--format', 'json']);
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
}

const DEADLINE = 'give each request a deadline: an http.Client{Timeout: …} (http.Get and http.DefaultClient have none) or http.NewRequestWithContext with a context.WithTimeout (Transport.ResponseHeaderTimeout bounds the wait for the headers alone)';
const BODY = 'close resp.Body (defer resp.Body.Close()) and read it to EOF (io.Copy(io.Discard, resp.Body)) on every path that gets a response, so that the connection goes back to the pool';
/** CONNECTIONS with the Bodies' caller named, as leak-suspected's fix names it (main.leakyGet, under net/textproto in its stacks). */
const AT_LEAKY = "on every path that gets a response in main.leakyGet (main.go:54), the program's caller of net/http's client in the heap profile's stacks, so that";
const CONNECTIONS = `one goroutine per open client connection, whatever it waits for; their net/http.(*persistConn).readLoop goroutines say why the connections stay. 600 read the responses to requests still waiting for them (main.fireAndForget ×600 blocked in net/http.(*persistConn).roundTrip): ${DEADLINE}. 200 wait for a response Body never read to the end nor closed: ${BODY}`;

describe('go1.19-audit29-blocked: requests in flight and unclosed Bodies, not idle keep-alive connections', () => {
  it('debug=1 series: the fix says what the connections wait for, never "idle keep-alive"', async () => {
    const { code, report } = await analyze(SERIES);
    expect(code).toBe(0);
    expect(report.verdict.leak).toBe('suspected');
    const leak = report.findings.find((f) => f.ruleId === 'leak-suspected');
    expect(leak?.fix).toBe(`Start with net/http.(*persistConn).writeLoop at transport.go:2392 (+600 goroutines): ${CONNECTIONS.replace('on every path that gets a response, so that', AT_LEAKY)}. Also growing: net/http.(*connReader).backgroundRead, main.fireAndForget (HTTP requests without a deadline), net/http.(*persistConn).readLoop (responses to requests without a deadline) and 5 more. heapdoc tui on these files opens each growing site's stacks; --format json has every site's (.snapshots[].profile.sites[].stack) and goroutine group's (.goroutines[].groups[].stack).`);
    // goroutine-growth leaves the groups to leak-suspected, which names them (groupsSaidOnce); alone, it gives the same advice.
    expect(report.findings.filter((f) => f.ruleId === 'goroutine-growth')).toEqual([]);
    const lint = await runCli(['lint', '--no-config', '--rule', 'leak-suspected=off', '--format', 'json', ...SERIES]);
    const growth = (JSON.parse(lint.stdout) as { messages: { ruleId: string; fix: string }[] }[]).flatMap((f) => f.messages).find((f) => f.ruleId === 'goroutine-growth');
    // The Body's caller too (report42: goroutine-growth named none).
    expect(growth?.fix).toBe(`net/http.(*persistConn).writeLoop at transport.go:2392 is ${CONNECTIONS.replace('on every path that gets a response, so that', AT_LEAKY)}. Also growing: net/http.(*connReader).backgroundRead, main.fireAndForget (HTTP requests without a deadline), net/http.(*persistConn).readLoop (responses to requests without a deadline) and 5 more. Give every goroutine a way to end.`);
    for (const f of report.findings) expect(f.fix).not.toContain('idle keep-alive');
    expect(report.goroutines[3]?.httpClient).toEqual({ reading: 600, inFlight: 600, bodyUnread: 200, callers: [{ function: 'main.fireAndForget', count: 600 }] });
    expect(report.goroutines[0]?.httpClient).toEqual({ reading: 150, inFlight: 150, bodyUnread: 50, callers: [{ function: 'main.fireAndForget', count: 150 }] });
  });

  it('the growth table keeps the two read loops apart, as the group list and the JSON do (600 at :2093, 200 at :2213)', async () => {
    const { report } = await analyze(SERIES);
    const loops = report.series.growingGroups.filter((g) => g.function === 'net/http.(*persistConn).readLoop')
      .map((g) => ({ clientConn: g.clientConn, blockedIn: g.blockedIn, counts: g.counts, line: g.line }));
    expect(loops).toEqual([
      { clientConn: 'reader', blockedIn: 'net.(*netFD).Read', counts: [150, 300, 450, 600], line: 2093 },
      { clientConn: 'body', blockedIn: undefined, counts: [50, 100, 150, 200], line: 2213 },
    ]);
    const text = (await runCli(SERIES)).stdout.split('\n');
    expect(text.filter((l) => l.includes('readLoop') && !l.includes(':'))).toEqual([
      '  +450    net/http.(*persistConn).readLoop (reading responses) (150 → 300 → 450 → 600)',
      '  +150    net/http.(*persistConn).readLoop (waiting for a response Body) (50 → 100 → 150 → 200)',
      '      600  net/http.(*persistConn).readLoop (reading responses)',
      '      200  net/http.(*persistConn).readLoop (waiting for a response Body)',
    ]);
  });

  it('debug=2: each group says its part (the read loop by its wait, http.Get by the select it waits in)', async () => {
    const { report } = await analyze([`${B}/04-t4.goroutine2.txt.gz`]);
    const pick = (fn: string) => report.goroutines[0]?.groups.filter((g) => g.function === fn)
      .map((g) => ({ count: g.count, state: g.state, line: g.line, clientConn: g.clientConn, waitsIn: g.waitsIn }));
    expect(pick('net/http.(*persistConn).readLoop')).toEqual([
      { count: 600, state: 'IO wait', line: 2093, clientConn: 'reader', waitsIn: undefined },
      { count: 200, state: 'select', line: 2213, clientConn: 'body', waitsIn: undefined },
    ]);
    expect(pick('main.fireAndForget')).toEqual([{ count: 600, state: 'select', line: 47, clientConn: 'caller', waitsIn: 'net/http.(*persistConn).roundTrip' }]);
    expect(pick('net/http.(*persistConn).writeLoop')).toEqual([{ count: 800, state: 'select', line: 2392, clientConn: 'writer', waitsIn: undefined }]);
  });
});

describe('go1.19-audit29-blocked-long: http.Get without a deadline, and small stuck groups named together', () => {
  it('goroutine-long-wait names the 150 handlers of three groups of 50 and gives http.Get its fix', async () => {
    const { code, report } = await analyze([LONG]);
    expect(code).toBe(0);
    const long = report.findings.filter((f) => f.ruleId === 'goroutine-long-wait');
    expect(long.map((f) => f.message)).toEqual(["300 of the program's goroutines have been blocked for minutes: main.fireAndForget [select, 1 minute] ×150, main.lockHandler [semacquire, 1 minute] ×50, main.sendHandler [chan send, 1 minute] ×50, main.waitHandler [semacquire, 1 minute] ×50."]);
    expect(long[0]?.fix).toBe(`main.fireAndForget [select] is waiting inside an HTTP request, in net/http's own select (net/http.(*persistConn).roundTrip), not one of the program's, for a response the server has not sent: the request has no deadline; ${DEADLINE}, so that the call returns an error instead of waiting for good. Also: main.lockHandler and main.waitHandler [semacquire] (a lock, WaitGroup or condition never released); main.sendHandler [chan send] (a send nobody receives). Give every goroutine a way to end: heapdoc analyze on the dump shows each group's stack and where it was created.`);
    expect(long[0]?.fix).not.toContain('ctx.Done()');
  });

  it('with goroutineLongWaitMinCount 151, above every group and above the stuck groups\' total (150), none is named', async () => {
    const r = await runCli(['lint', '--no-config', '--format', 'json', '--rule', 'goroutine-long-wait=warn:goroutineLongWaitMinCount=151', LONG]);
    const messages = (JSON.parse(r.stdout) as { messages: { ruleId: string; message: string }[] }[]).flatMap((f) => f.messages);
    expect(messages.filter((m) => m.ruleId === 'goroutine-long-wait')).toEqual([]);
  });
});

describe('clientConnRole reads the code at the frame, not one version\'s line numbers', () => {
  const frame = (fn: string, file = '/usr/local/go/src/net/http/transport.go', line = 1) => ({ function: fn, file, line });
  const top = (frames: ReturnType<typeof frame>[]) => {
    const t = topFrame(frames);
    if (!t) throw new Error('no top frame');
    return t;
  };
  it('a read loop under bufio Peek reads a response; one in its own select waits for a Body, whatever the line', () => {
    const peek = [frame('internal/poll.runtime_pollWait', '/usr/local/go/src/runtime/netpoll.go'), frame('net.(*netFD).Read'), frame('net/http.(*persistConn).Read'),
      frame('bufio.(*Reader).fill'), frame('bufio.(*Reader).Peek'), frame('net/http.(*persistConn).readLoop', '/usr/local/go/src/net/http/transport.go', 2259)];
    expect(clientConnRole(peek, top(peek), 'IO wait')).toBe('reader');
    expect(clientConnRole(peek, top(peek), undefined)).toBe('reader');
    const body = [frame('net/http.(*persistConn).readLoop', '/usr/local/go/src/net/http/transport.go', 2384)];
    expect(clientConnRole(body, top(body), 'select')).toBe('body');
    expect(clientConnRole(body, top(body), undefined)).toBe('body');
    expect(clientConnRole(body, top(body), 'chan receive')).toBeUndefined();
    const system = [frame('runtime.gopark', '/usr/local/go/src/runtime/proc.go'), frame('runtime.selectgo', '/usr/local/go/src/runtime/select.go'), ...body];
    expect(clientConnRole(system, top(system), 'select')).toBe('body');
  });
  it('the program\'s goroutine inside Transport.roundTrip is a caller; one in its own select is not', () => {
    const get = [frame('net/http.(*persistConn).roundTrip'), frame('net/http.(*Transport).roundTrip'), frame('net/http.(*Transport).RoundTrip', '/usr/local/go/src/net/http/roundtrip.go'),
      frame('net/http.send', '/usr/local/go/src/net/http/client.go'), frame('net/http.(*Client).Do', '/usr/local/go/src/net/http/client.go'), frame('main.fetch', '/app/main.go', 12)];
    expect(clientConnRole(get, top(get), 'select')).toBe('caller');
    const own = [frame('main.wait', '/app/main.go', 20)];
    expect(clientConnRole(own, top(own), 'select')).toBeUndefined();
  });
});
