/**
 * Audit 40's report and advice leftovers, on its captures and audit 29's and 39's
 * (test/fixtures/captured, README and main.go there): the latest snapshot's sites in Markdown and
 * JSON when it has no profile (limitthrash's vars.json), a sync.Pool's victim cache emptied between
 * two ?gc=1 dumps (bufpool), the Body advice's caller under net/textproto (audit29-blocked's
 * main.leakyGet) and in goroutine-long-wait (bodyleak), and the goroutines that hold a site in
 * goroutine-long-wait's message, lint's too, and in JSON series.verdict.summary (goroleak).
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const F = 'test/fixtures/captured';
const THRASH = `${F}/go1.19-audit40-limitthrash`;
const POOL = `${F}/go1.19-audit40-bufpool`;
const SYNCPOOL = `${F}/go1.19-audit30-syncpool`;
const POOL_LEAK = `${F}/go1.19-pool-leak`;
const BLOCKED = `${F}/go1.19-audit29-blocked`;
const BODY = `${F}/go1.19-audit39-bodyleak`;
const GOROLEAK = `${F}/go1.19-audit39-goroleak`;

interface Finding { ruleId: string; message: string; fix: string }
interface Report {
  verdict: { leak: string; summary: string };
  findings: Finding[];
  latestSitesFrom?: { source: string; index: number };
  snapshots: { source: string }[];
  series?: { verdict: { summary: string }; httpRequesters?: { function: string; file: string; line: number }[] };
}
interface LintFile { filePath: string; messages: { ruleId: string; message: string; fix: string }[] }

async function analyzeJson(args: string[]): Promise<Report> {
  const r = await runCli(['analyze', ...args, '--format', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

async function diffJson(before: string, after: string): Promise<Record<string, unknown>> {
  const r = await runCli(['diff', before, after, '--format', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** A folder of its own holding `files` (lint reads a folder's dumps as one series). */
const folders: string[] = [];
function folderOf(files: readonly string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'heapdoc-report41-'));
  folders.push(dir);
  for (const f of files) copyFileSync(f, path.join(dir, path.basename(f)));
  return dir;
}
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

async function lintJson(dir: string): Promise<LintFile[]> {
  const r = await runCli(['lint', dir, '--format', 'json']);
  return JSON.parse(r.stdout) as LintFile[];
}

describe('the latest snapshot without a profile: the sites of the latest that has one, in every format', () => {
  const NOTE = `${THRASH}/vars.json has no heap profile: the allocation sites of ${THRASH}/heap-gc1-t13s.txt, the latest snapshot that has one.`;

  it('JSON names it: latestSitesFrom, the snapshot whose sites stand for vars.json', async () => {
    const j = await analyzeJson([`${THRASH}/`]);
    expect(j.snapshots.map((s) => path.basename(s.source))).toEqual(['heap-t4s.txt', 'heap-t8s.txt', 'heap-t12s.txt', 'heap-gc1-t13s.txt', 'vars.json']);
    expect(j.latestSitesFrom).toEqual({ source: `${THRASH}/heap-gc1-t13s.txt`, index: 3 });
  });

  it('Markdown says it under vars.json, as the text report does, with the sites under it (the earlier snapshots are folded: report42)', async () => {
    const r = await runCli(['analyze', `${THRASH}/`, '--format', 'markdown']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const at = lines.indexOf(`## Latest snapshot: ${THRASH}/vars.json`);
    const note = lines.findIndex((l) => l.includes('has no heap profile'));
    expect(at).toBeGreaterThan(0);
    expect(lines).not.toContain(`## ${THRASH}/heap-gc1-t13s.txt`);
    expect(note).toBeGreaterThan(at);
    expect(lines[note]).toBe(NOTE);
    expect(lines[note + 2]).toBe('### Allocation sites');
  });

  it('a latest that has sites names none (no latestSitesFrom)', async () => {
    const j = await analyzeJson([`${THRASH}/heap-t8s.txt`, `${THRASH}/heap-gc1-t13s.txt`]);
    expect(j.latestSitesFrom).toBeUndefined();
  });
});

describe("a sync.Pool's victim cache emptied between two ?gc=1 dumps (diff)", () => {
  // No pool frame on the stacks (the buffers grew after Get, bytes.growSlice under main.render): the program's drop first, the pool one clause (audit 48 #10).
  const HINT = 'The live heap fell by 8.0 MiB between two dumps read right after a forced GC while only 52.3 KiB was allocated between them: large objects were let go of, 8.0 MiB at bytes.growSlice (2 objects of ~4.0 MiB). The program let them go (deleted them from a map, truncated or dropped a slice, cleared a cache), or a sync.Pool or a cache dropped them after two GCs unused: no sync.(*Pool) frame is on their stacks, which rules out only a pool whose New made them, not a pooled buffer grown after Get (https://pkg.go.dev/sync#Pool).';

  it('bufpool t25 → t27: 8.2 MiB → 174.6 KiB over 52.3 KiB allocated, two 4 MiB buffers: the hint, the headline unchanged', async () => {
    const j = await diffJson(`${POOL}/heap-gc1-t25s.txt`, `${POOL}/heap-gc1-t27s.txt`);
    expect(j.summary).toBe('Live heap 8.2 MiB → 174.6 KiB (−8.0 MiB); most decrease at bytes.growSlice (−8.0 MiB in use); −5 objects; 52.3 KiB allocated over 1 GC cycle between the two.');
    expect(j.droppedAcrossGCs).toEqual({
      fellBytes: 8388448, allocatedBytes: 53504, freedBytes: 8388608, freedObjects: 2,
      sites: [{ function: 'bytes.growSlice', file: '/usr/lib/go-1.19/src/bytes/buffer.go', line: 240, freedBytes: 8388608, freedObjects: 2 }],
      note: HINT,
    });
    const text = await runCli(['diff', `${POOL}/heap-gc1-t25s.txt`, `${POOL}/heap-gc1-t27s.txt`, '--color=never']);
    expect(text.stdout.split('\n\n')[2]?.replace(/\n/g, ' ')).toBe(HINT);
  });

  it('no hint where the pool is in use (audit30-syncpool ?gc=1 t2 → t3: 1.6 GiB allocated) or its New leaks (pool-leak t1 → t2: a rise)', async () => {
    expect((await diffJson(`${SYNCPOOL}/02-t2-steady-gc.heap.txt`, `${SYNCPOOL}/03-t3-steady-gc.heap.txt`)).droppedAcrossGCs).toBeUndefined();
    expect((await diffJson(`${POOL_LEAK}/01-t1.heap-debug1.txt`, `${POOL_LEAK}/02-t2.heap-debug1.txt`)).droppedAcrossGCs).toBeUndefined();
  });

  it('none for one large object the program let go of (audit36 oneoff: a 200 MiB buffer; audit30 mapshrink: a map copied to a new one)', async () => {
    const oneoff = await diffJson(`${F}/go1.19-audit36/oneoff/series-gc/t08.heap-debug1-gc1.txt`, `${F}/go1.19-audit36/oneoff/series-gc/t11.heap-debug1-gc1.txt`);
    expect(oneoff.summary).toBe('Live heap 201.2 MiB → 1.2 MiB (−200.0 MiB); most decrease at main.load (−200.0 MiB in use); ±0 objects; 1.1 MiB allocated over 1 GC cycle between the two.');
    expect(oneoff.droppedAcrossGCs).toBeUndefined();
    expect((await diffJson(`${F}/go1.19-audit30-mapshrink/04-t3-still-1000-gc.heap.txt`, `${F}/go1.19-audit30-mapshrink/05-t4-copied-to-new-map-gc.heap.txt`)).droppedAcrossGCs).toBeUndefined();
  });
});

describe('the unclosed Body\'s caller', () => {
  const AT_LEAKY = "on every path that gets a response in main.leakyGet (main.go:54), the program's caller of net/http's client in the heap profile's stacks, so that the connection goes back to the pool.";
  const AT_MAIN = "on every path that gets a response in main.main (main.go:26), the program's caller of net/http's client in the heap profile's stacks, so that the connection goes back to the pool.";

  it('audit29-blocked: main.leakyGet, reached from net/http only through net/textproto (MIMEHeader.Set), not the in-flight main.fireAndForget', async () => {
    const j = await analyzeJson([BLOCKED]);
    expect(j.series?.httpRequesters).toEqual([{ function: 'main.leakyGet', file: '/tmp/audit29a/progs/blocked/main.go', line: 54 }]);
    expect(j.findings.find((f) => f.ruleId === 'leak-suspected')?.fix).toContain(`200 wait for a response Body never read to the end nor closed: close resp.Body (defer resp.Body.Close()) and read it to EOF (io.Copy(io.Discard, resp.Body)) ${AT_LEAKY}`);
    const lint = await lintJson(BLOCKED);
    expect(lint.flatMap((f) => f.messages).find((m) => m.ruleId === 'leak-suspected')?.fix).toContain(AT_LEAKY);
  });

  it("bodyleak: goroutine-long-wait's Body fix names main.main, of the folder and of one moment", async () => {
    const FIX = `net/http.(*persistConn).readLoop [select] is waiting for a response Body never read to the end nor closed: the connection is not reused while it waits (each request dials another, with two more goroutines and their buffers): close resp.Body (defer resp.Body.Close()) and read it to EOF (io.Copy(io.Discard, resp.Body)) ${AT_MAIN} Give every goroutine a way to end: heapdoc analyze on the dump shows each group's stack and where it was created.`;
    const folder = await analyzeJson([BODY]);
    expect(folder.findings.find((f) => f.ruleId === 'goroutine-long-wait')?.fix).toBe(FIX);
    const moment = await analyzeJson([`${BODY}/gc1/heap-gc1-t090.txt`, `${BODY}/goroutines/goroutine2-t090.txt`]);
    expect(moment.findings.find((f) => f.ruleId === 'goroutine-long-wait')?.fix).toBe(FIX);
    // lint: the heap dumps and the debug=2 dumps in one folder, one series.
    const dir = folderOf(['gc1/heap-gc1-t045.txt', 'gc1/heap-gc1-t090.txt', 'goroutines/goroutine2-t030.txt', 'goroutines/goroutine2-t090.txt'].map((f) => `${BODY}/${f}`));
    const lint = await lintJson(dir);
    expect(lint.flatMap((f) => f.messages).find((m) => m.ruleId === 'goroutine-long-wait')?.fix).toBe(FIX);
  });

  it('the goroutine dump alone has no heap profile to name a caller from', async () => {
    const alone = await analyzeJson([`${BODY}/goroutines/goroutine2-t090.txt`]);
    expect(alone.findings.find((f) => f.ruleId === 'goroutine-long-wait')?.fix).toContain('on every path that gets a response, so that the connection goes back to the pool.');
  });
});

describe('the goroutines that hold a site: goroutine-long-wait (analyze and lint) and series.verdict.summary', () => {
  const HELD = 'The 442 goroutines blocked in main.worker (chan send, main.go:18) each hold what main.worker allocates at main.go:15 (objects of ~256.5 KiB, 112.5 MiB in use at the last heap profile): until they end, that memory stays.';
  const WAIT = "352 of the program's goroutines have been blocked for minutes: main.worker [chan send, 1–3 minutes] ×352 of 442.";

  it('goroleak gc1/ + goroutines/ ("Cannot tell yet"): the JSON series verdict ends with it, as the report\'s does; goroutine-long-wait says it', async () => {
    const j = await analyzeJson([`${GOROLEAK}/gc1`, `${GOROLEAK}/goroutines`]);
    expect(j.verdict.leak).toBe('unknown');
    expect(j.verdict.summary.endsWith(` ${HELD}`)).toBe(true);
    expect(j.series?.verdict.summary).toBe(j.verdict.summary);
    expect(j.findings.find((f) => f.ruleId === 'goroutine-long-wait')?.message).toBe(`${WAIT} ${HELD}`);
  });

  it('lint of the same dumps in one folder: its goroutine-long-wait message says it', async () => {
    const dir = folderOf([...readdirSync(`${GOROLEAK}/gc1`).map((f) => `${GOROLEAK}/gc1/${f}`), ...readdirSync(`${GOROLEAK}/goroutines`).map((f) => `${GOROLEAK}/goroutines/${f}`)]);
    const lint = await lintJson(dir);
    expect(lint.flatMap((f) => f.messages).find((m) => m.ruleId === 'goroutine-long-wait')?.message).toBe(`${WAIT} ${HELD}`);
  });

  it('one moment (heap-gc1-t220 and the debug=2 dump of t220): goroutine-long-wait says it too', async () => {
    const j = await analyzeJson([`${GOROLEAK}/gc1/heap-gc1-t220.txt`, `${GOROLEAK}/goroutines/goroutine2-t220.txt`]);
    expect(j.findings.find((f) => f.ruleId === 'goroutine-long-wait')?.message).toBe(`${WAIT} ${HELD}`);
  });
});
