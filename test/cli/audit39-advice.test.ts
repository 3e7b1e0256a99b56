/**
 * The leak finding's fix names the cause the captured programs have (new-user audit 39, go1.19,
 * READMEs in test/fixtures/captured/go1.19-audit39-*): an http.Client whose response Bodies are
 * never closed led with the server's (*conn).serve ("set Server.IdleTimeout …; reuse one
 * Transport") at three moments and with "a map or slice that is never pruned" at two; context
 * children never cancelled led with their 1 KiB value's site and a map never pruned.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const D = 'test/fixtures/captured';

interface Finding { ruleId: string; fix?: string; evidence?: Record<string, unknown> }

async function leakFix(folder: string): Promise<{ fix: string | undefined; evidence: Record<string, unknown> | undefined }> {
  const r = await runCli([`${D}/${folder}`, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  const leak = (JSON.parse(r.stdout) as { findings: Finding[] }).findings.filter((f) => f.ruleId === 'leak-suspected');
  expect(leak).toHaveLength(1);
  return { fix: leak[0]?.fix, evidence: leak[0]?.evidence };
}

const STACKS = "heapdoc tui on these files opens each growing site's stacks; --format json has every site's (.snapshots[].profile.sites[].stack) and goroutine group's (.goroutines[].groups[].stack).";
const BODY = 'waiting for a response Body never read to the end nor closed: the connection is not reused while it waits (each request dials another, with two more goroutines and their buffers): close resp.Body (defer resp.Body.Close()) and read it to EOF (io.Copy(io.Discard, resp.Body)) on every path that gets a response, so that the connection goes back to the pool.';
/** BODY naming the caller of net/http's client the heap stacks show (main.go:26's client.Get, README). */
const BODY_MAIN = BODY.replace('on every path that gets a response,', "on every path that gets a response in main.main (main.go:26), the program's caller of net/http's client in the heap profile's stacks,");

describe('response Bodies never closed: the fix leads with the client, not the server', () => {
  it('three moments (debug=1 dumps): the read loops waiting for a Body lead, the server\'s (*conn).serve is also growing', async () => {
    const { fix, evidence } = await leakFix('go1.19-audit39-bodyleak-3moments');
    expect(fix).toBe(`Start with net/http.(*persistConn).readLoop at transport.go:2213 (+965 goroutines): ${BODY_MAIN} Also growing: net/http.(*conn).serve (connections or servers net/http keeps open), net/http.(*persistConn).writeLoop (one per open client connection). ${STACKS}`);
    // The evidence's top group stays the largest growing one, first in the message.
    expect([evidence?.topGroup, evidence?.topGroupGrowth]).toEqual(['net/http.(*conn).serve', 965]);
  });

  it('two goroutine dumps (too few for a growing group): the last one\'s 427 read loops waiting for a Body lead, not the bufio sites', async () => {
    const { fix } = await leakFix('go1.19-audit39-bodyleak');
    expect(fix).toBe(`Start with the HTTP client's responses: the last goroutine dump has 427 net/http.(*persistConn).readLoop goroutines ${BODY_MAIN.slice(0, -1)}. Each such connection keeps its goroutines and their bufio buffers (bufio.NewReaderSize, bufio.NewWriterSize under net/http.(*Transport).dialConn) as long as its Body is open. ${STACKS}`);
    expect(fix).not.toContain('never pruned');
  });
});

describe('the caller that forgot the Body, from the heap stacks', () => {
  it('series.httpRequesters: main.main main.go:26 (its client.Get under (*Transport).getConn and (*persistConn).roundTrip)', async () => {
    for (const [folder, file] of [['go1.19-audit39-bodyleak', '/tmp/advice39-go/bodyleak/main.go'], ['go1.19-audit39-bodyleak-3moments', '/tmp/audit-audit39/go/bodyleak/main.go']] as const) {
      const r = await runCli([`${D}/${folder}`, '--format', 'json']);
      expect((JSON.parse(r.stdout) as { series: { httpRequesters?: unknown } }).series.httpRequesters).toEqual([{ function: 'main.main', file, line: 26 }]);
    }
  });

  it('lint of the folder names it in the same fix', async () => {
    const r = await runCli(['lint', `${D}/go1.19-audit39-bodyleak-3moments`, '--format', 'json']);
    const fixes = (JSON.parse(r.stdout) as { messages: { ruleId: string; fix?: string }[] }[]).flatMap((f) => f.messages).filter((m) => m.ruleId === 'leak-suspected');
    expect(fixes.map((m) => m.fix?.includes(BODY_MAIN))).toEqual([true]);
  });

  it('no read loop waits for a Body (the goroutine leak of go1.19-audit39-goroleak): no httpRequesters', async () => {
    const r = await runCli([`${D}/go1.19-audit39-goroleak`, '--format', 'json']);
    expect((JSON.parse(r.stdout) as { series: Record<string, unknown> }).series).not.toHaveProperty('httpRequesters');
  });
});

describe('lint of one debug=2 dump: read loops waiting minutes for a Body are the program\'s to end', () => {
  it('goroutine-long-wait names them (it said nothing), with the Body advice', async () => {
    const r = await runCli(['lint', '--no-config', `${D}/go1.19-audit39-bodyleak/goroutines/goroutine2-t090.txt`, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const messages = (JSON.parse(r.stdout) as { messages: { ruleId: string; message: string; fix?: string }[] }[]).flatMap((f) => f.messages);
    expect(messages.map((m) => [m.ruleId, m.message, m.fix])).toEqual([[
      'goroutine-long-wait',
      "189 of the program's goroutines have been blocked for minutes: net/http.(*persistConn).readLoop [select, 1 minute] ×189 of 427.",
      `net/http.(*persistConn).readLoop [select] is ${BODY} Give every goroutine a way to end: heapdoc analyze on the dump shows each group's stack and where it was created.`,
    ]]);
  });
});

describe('context children never cancelled: the lost-cancel pattern', () => {
  it('leads with context.WithCancel ← main.handle (main.go:21), says go vet\'s lostcancel and defer cancel(), and names the value sites as what they keep', async () => {
    const { fix } = await leakFix('go1.19-audit39-ctxleak');
    expect(fix).toBe(`Start with context.WithCancel ← main.handle (main.go:21) (+6.0 MiB): contexts made by context.WithCancel, WithTimeout or WithDeadline whose cancel func is never called, the lost-cancel pattern (go vet's lostcancel check finds it). Each such child stays in its parent's children map (context.propagateCancel) until the parent is cancelled, with everything it references (its values, and its own children): call the cancel func on every path, with defer cancel() right after the call that returned it. The other growing sites may be what those contexts keep: main.handle (main.go:18) +85.6 MiB, context.WithValue ← main.handle (main.go:20) +4.5 MiB, main.handle (main.go:20) +1.5 MiB. ${STACKS}`);
  });

  it('lint of the folder gives the same fix', async () => {
    const r = await runCli(['lint', `${D}/go1.19-audit39-ctxleak`, '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const fixes = (JSON.parse(r.stdout) as { messages: { ruleId: string; fix?: string; message: string }[] }[])
      .flatMap((f) => f.messages).filter((m) => m.ruleId === 'leak-suspected');
    expect(fixes.map((m) => m.fix?.split(': contexts made by')[0])).toEqual(['Start with context.WithCancel ← main.handle (main.go:21) (+6.0 MiB)']);
  });
});
