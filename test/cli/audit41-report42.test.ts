/**
 * Report-format leftovers of audit 41 and report41, on captures (test/fixtures/captured, README and
 * main.go there): the Markdown report of a series shaped as the text report (the series, then the
 * latest snapshot; the earlier ones folded: go1.19-audit41-satcache's ten ?gc=1 dumps printed ten
 * full sections, 20,378 bytes), the latest's stand-in sites (limitthrash's vars.json), the goroutines
 * that hold a growing site in leak-suspected's message (what lint's stylish output prints; goroleak),
 * and goroutine-growth's Body fix naming the caller (audit29-blocked's main.leakyGet).
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const F = 'test/fixtures/captured';
const SAT = `${F}/go1.19-audit41-satcache`;
const THRASH = `${F}/go1.19-audit40-limitthrash`;
const BLOCKED = `${F}/go1.19-audit29-blocked`;
const GOROLEAK = `${F}/go1.19-audit39-goroleak`;

interface LintFile { filePath: string; messages: { ruleId: string; message: string; fix: string }[] }

const folders: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'heapdoc-report42-'));
  folders.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

async function markdown(args: string[]): Promise<string> {
  const r = await runCli(['analyze', ...args, '--format', 'markdown']);
  expect(r.code).toBe(0);
  return r.stdout;
}

const headings = (md: string): string[] => md.split('\n').filter((l) => l.startsWith('## '));

describe('Markdown of a series: the series, then the latest snapshot, as the text report', () => {
  const dumps = Array.from({ length: 10 }, (_, i) => `${SAT}/heap-gc1-t${String(i + 1).padStart(2, '0')}.txt`);

  it('satcache\'s ten ?gc=1 dumps: one snapshot section (the latest), the nine others folded in a table', async () => {
    const md = await markdown(dumps);
    expect(headings(md)).toEqual(['## Across 10 snapshots', `## Latest snapshot: ${SAT}/heap-gc1-t10.txt`, '## Findings (latest snapshot)']);
    expect(md.match(/^### /gm)).toEqual(['### ']);
    // 20,378 bytes before, ten "## …heap-gc1-tNN.txt" sections; the text report is 5,187.
    // 5572 before intern44: the map's line main.go:28 grows too (its old buckets' fall is no fall), named apart from :27.
    expect(Buffer.byteLength(md)).toBe(5805);
    const lines = md.split('\n');
    const open = lines.indexOf('<details><summary>The 9 earlier snapshots (the series above reads them; --format json has each in full)</summary>');
    expect(open).toBeGreaterThan(lines.indexOf(`## Latest snapshot: ${SAT}/heap-gc1-t10.txt`));
    expect(lines.slice(open + 2, open + 5)).toEqual(['| # | snapshot | NumGC |', '|---:|---|---:|', `| 1 | ${SAT}/heap-gc1-t01.txt | 6 |`]);
    expect(lines[open + 12]).toBe(`| 9 | ${SAT}/heap-gc1-t09.txt | 17 |`);
    expect(lines[open + 14]).toBe('</details>');
    expect(lines[open + 16]).toBe('## Findings (latest snapshot)');
  });

  it('the same latest and findings as the text report', async () => {
    const text = await runCli(['analyze', ...dumps, '--color=never']);
    const lines = text.stdout.split('\n');
    expect(lines[lines.indexOf('Latest snapshot') + 1]).toBe(`${SAT}/heap-gc1-t10.txt`);
    expect(lines.filter((l) => l.startsWith('Findings'))).toEqual(['Findings (latest snapshot)']);
    const md = await markdown(dumps);
    expect(md.match(/^- \*\*info\*\* `idle-heap-retained` — 25\.4 MiB of idle heap/gm)).toHaveLength(1);
  });

  it('one dump keeps its own heading and every finding', async () => {
    expect(headings(await markdown([`${SAT}/heap-gc1-t10.txt`]))).toEqual([`## ${SAT}/heap-gc1-t10.txt`, '## Findings']);
  });

  it('limitthrash (vars.json latest, no profile): the stand-in sites of heap-gc1-t13s.txt under it, then the 4 earlier', async () => {
    const md = await markdown([`${THRASH}/`]);
    expect(headings(md)).toEqual(['## Across 5 snapshots', `## GC log ${THRASH}/gctrace.txt`, `## Latest snapshot: ${THRASH}/vars.json`, '## Goroutines', '## Findings (the series and its latest snapshot)']);
    const lines = md.split('\n');
    const note = lines.indexOf(`${THRASH}/vars.json has no heap profile: the allocation sites of ${THRASH}/heap-gc1-t13s.txt, the latest snapshot that has one.`);
    expect(note).toBeGreaterThan(lines.indexOf(`## Latest snapshot: ${THRASH}/vars.json`));
    expect(lines.slice(note + 2, note + 7)).toEqual([
      '### Allocation sites', '',
      '| in use | objects | allocated | site | file:line |', '|---:|---:|---:|---|---|',
      '| 45.8 MiB | 44,734 | 48.2 MiB | <code>main.fill</code> | …/go/limitthrash/main.go:21 |',
    ]);
    expect(lines).toContain('<details><summary>The 4 earlier snapshots (the series above reads them; --format json has each in full)</summary>');
    // Its GC log marks 70.5% of the time between GC starts: one "- Marking: …" bullet (733 bytes) under its facts (gclog43).
    expect(lines.filter((l) => l.startsWith('- Marking: the concurrent mark took 26 ms at the median and up to 231 ms (gc 58, line 58) over 261 GCs; the GC was marking 70.5% of the time between GC starts.'))).toHaveLength(1);
    expect(Buffer.byteLength(md)).toBe(8302); // vars.json, latest, says HeapAlloc (read between GCs) where it said live (vars42), and its objects not yet freed, not live (tense45b)
  });
});

describe("leak-suspected's message names the goroutines that hold the growing site (lint's stylish prints the message only)", () => {
  const HELD = 'The 442 goroutines blocked in main.worker (chan send, main.go:18) each hold what main.worker allocates at main.go:15 (objects of ~256.7 KiB, 55.9 MiB in use at the last heap profile): until they end, that memory stays.';
  const MESSAGE = `Leak suspected (high confidence) across 6 snapshots, heap-t020.txt → heap-t220.txt: live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) 6.5 MiB → 88.5 MiB across 5 snapshots taken at different GCs (snapshots 1→5), rising at every step; HeapAlloc, read between GCs, went 10.4 MiB → 89.4 MiB; growing main.worker 3.2 MiB → 55.9 MiB. ${HELD}`;
  const FIX = 'Start with main.worker [chan send] at main.go:18 (+319 goroutines): they hold what main.worker allocates at main.go:15 and never end, so that memory stays. Unblock or cancel them — a context they watch, a channel someone drains or a buffered one, a timeout — and give every goroutine a way to end. ';

  /** goroleak's six plain dumps and two debug=2 dumps in one folder (lint reads a folder as one series). */
  function goroleakFolder(): string {
    const dir = tempDir();
    for (const f of [...['020', '060', '100', '140', '180', '220'].map((t) => `series/heap-t${t}.txt`), 'goroutines/goroutine2-t060.txt', 'goroutines/goroutine2-t220.txt']) copyFileSync(`${GOROLEAK}/${f}`, path.join(dir, path.basename(f)));
    return dir;
  }

  it('lint (JSON and stylish) and analyze: the same message, the fix not repeating it', async () => {
    const dir = goroleakFolder();
    const lint = JSON.parse((await runCli(['lint', dir, '--format', 'json'])).stdout) as LintFile[];
    const leak = lint.flatMap((f) => f.messages).find((m) => m.ruleId === 'leak-suspected');
    expect(leak?.message).toBe(MESSAGE);
    expect(leak?.fix.startsWith(FIX)).toBe(true);
    const stylish = await runCli(['lint', dir]);
    expect(stylish.stdout).toContain(` ${HELD}  leak-suspected\n`);
    const r = await runCli(['analyze', dir, '--format', 'json']);
    const found = (JSON.parse(r.stdout) as { findings: { ruleId: string; message: string; fix: string }[] }).findings.find((f) => f.ruleId === 'leak-suspected');
    expect(found?.message).toBe(MESSAGE);
    expect(found?.fix.startsWith(FIX)).toBe(true);
  });

  it('audit29-blocked: no group allocates a growing site (the bufio buffers are net/http\'s dialConn\'s), so no such sentence', async () => {
    const lint = JSON.parse((await runCli(['lint', BLOCKED, '--format', 'json'])).stdout) as LintFile[];
    expect(lint.flatMap((f) => f.messages).find((m) => m.ruleId === 'leak-suspected')?.message).toBe('Leak suspected (high confidence) across 4 snapshots, 01-t1.heap-gc1.txt → 04-t4.heap-gc1.txt: live heap 5.1 MiB → 19.8 MiB over 4 GC-separated snapshots; growing bufio.NewWriterSize 2.0 MiB → 9.0 MiB, bufio.NewReaderSize 2.5 MiB → 9.0 MiB, runtime.malg 512.2 KiB → 2.0 MiB; goroutines net/http.(*persistConn).writeLoop 200 → 800, net/http.(*connReader).backgroundRead 150 → 601, main.fireAndForget 150 → 600 and 6 more; goroutine stacks (StackInuse) 4.3 MiB → 15.9 MiB across 4 snapshots.');
  });
});

describe("goroutine-growth's Body fix names the caller, as leak-suspected's and goroutine-long-wait's do", () => {
  it('audit29-blocked with leak-suspected off (goroutine-growth then says the groups): main.leakyGet (main.go:54)', async () => {
    const config = path.join(tempDir(), 'heapdoc.config.json');
    writeFileSync(config, '{ "rules": { "leak-suspected": "off" } }');
    const lint = JSON.parse((await runCli(['lint', BLOCKED, '--config', config, '--format', 'json'])).stdout) as LintFile[];
    const growth = lint.flatMap((f) => f.messages).find((m) => m.ruleId === 'goroutine-growth');
    expect(growth?.fix).toBe("net/http.(*persistConn).writeLoop at transport.go:2392 is one goroutine per open client connection, whatever it waits for; their net/http.(*persistConn).readLoop goroutines say why the connections stay. 600 read the responses to requests still waiting for them (main.fireAndForget ×600 blocked in net/http.(*persistConn).roundTrip): give each request a deadline: an http.Client{Timeout: …} (http.Get and http.DefaultClient have none) or http.NewRequestWithContext with a context.WithTimeout (Transport.ResponseHeaderTimeout bounds the wait for the headers alone). 200 wait for a response Body never read to the end nor closed: close resp.Body (defer resp.Body.Close()) and read it to EOF (io.Copy(io.Discard, resp.Body)) on every path that gets a response in main.leakyGet (main.go:54), the program's caller of net/http's client in the heap profile's stacks, so that the connection goes back to the pool. Also growing: net/http.(*connReader).backgroundRead, main.fireAndForget (HTTP requests without a deadline), net/http.(*persistConn).readLoop (responses to requests without a deadline) and 5 more. Give every goroutine a way to end.");
  });
});
