/**
 * The formats Go services expose (/metrics, /debug/vars, gctrace logs, .pb.gz), end to end through
 * the built CLI: the samples say what samples/README.md says they say, every path in (file,
 * stdin, URL) reads each, and damaged input is one line with source:line:column and exit 2.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';
import { API, federate, WORKER_TARGET } from '../helpers/federate.js';

const LEAK = 'samples/go1.19/heap-leak';
const BURST = 'samples/go1.19/burst';
const PHASES = ['01-t1', '02-t2', '03-t3', '04-t4', '05-t5', '06-t6'];

interface Report {
  snapshots: { source: string; origin?: string; vars?: Record<string, unknown>; gcPauseQuantiles?: number[][]; goVersion: { version: string; source: string } | null; process?: Record<string, unknown>; memStats: Record<string, unknown>; breakdown: Record<string, number> | null; profile: { samplingRate: number; sites: { function: string; line: number; inuseBytes: number }[] } }[];
  series?: { growingSites: { function: string; inuseBytes: number[] }[] };
  gcTraces?: { source: string; cycles: number; forcedCycles: number; liveMB: number[]; stacksMB: number[]; peakMB: number; floorsMB: number[]; cpuPercent: number; otherLines: number; releasedBytes?: number; verdict: { kind: string; confidence: string; summary: string } }[];
  findings: { ruleId: string; source: string; severity: string; message: string }[];
  verdict: { leak: string; dominant: string; summary: string };
  diagnostics: unknown[];
}

async function json(args: string[], input?: string | Buffer): Promise<Report> {
  const r = await runCli([...args, '--format', 'json'], input === undefined ? {} : { input });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

const sample = (rel: string): Promise<Buffer> => readFile(join(ROOT, rel));

describe('samples/ (what samples/README.md says of each)', () => {
  it('a Prometheus 0.0.4 scrape: not a leak, idle heap retained, RSS and Go version from the page', async () => {
    const r = await json([`${BURST}/04-after-gc.metrics.txt`]);
    const s = r.snapshots[0];
    expect([s?.origin, s?.goVersion]).toEqual(['prometheus', { version: 'go1.19', source: 'reported' }]);
    expect(s?.breakdown).toEqual({ live: 6104208, fragmentation: 1457008, idle: 20946944, released: 4128768, stacks: 917504, runtime: 11384072, sys: 44938504, retained: 40809736 });
    expect(s?.process).toEqual({ rss: 40853504, startTimeSeconds: 1796190543.51, goroutines: 7, threads: 7 });
    expect(Object.keys(s?.memStats ?? {})).not.toContain('PauseNs');
    expect(s?.gcPauseQuantiles).toEqual([[0, 0.000071866], [0.25, 0.000072846], [0.5, 0.002035518], [0.75, 0.019962297], [1, 0.030211053]]);
    expect(r.verdict).toMatchObject({ leak: 'not-suspected', dominant: 'idle' });
    expect(r.verdict.summary).toContain('20.0 MiB idle, retained by the runtime for reuse');
    expect(r.verdict.summary).toContain('The OS counts 39.0 MiB of RSS, in line with what Go holds');
    // No PauseNs ring in a scrape: go_gc_duration_seconds' top quantile is the longest of the last 5 pauses.
    // The warnings first, the one about the idle memory the verdict names leading (rules/index.ts inReportOrder).
    expect(r.findings.map((f) => f.ruleId)).toEqual(['idle-heap-retained', 'gc-pause-long', 'peak-retention']);
    expect(r.findings[1]).toMatchObject({ message: 'A GC pause took 30.21 ms (the longest of the last 5 GC cycles, go_gc_duration_seconds); at least 2 of the last 5 pauses exceeded 10.00 ms.', line: 7 });
    const text = await runCli([`${BURST}/04-after-gc.metrics.txt`]);
    expect(text.stdout).toContain('\nNot in this scrape, so unknown (not 0): PauseNs, PauseEnd, NumForcedGC, GCCPUFraction, EnableGC, DebugGC.\n');
  });

  it('the same moment as OpenMetrics: the same reading', async () => {
    const r = await json([`${BURST}/04-after-gc.openmetrics.txt`]);
    expect(r.snapshots[0]?.breakdown).toMatchObject({ live: 6132368, idle: 20709376, released: 4128768, sys: 44938504 });
    // OpenMetrics writes quantile="1.0": the same longest pause, at its line.
    expect(r.findings.find((f) => f.ruleId === 'gc-pause-long')).toMatchObject({ message: 'A GC pause took 30.21 ms (the longest of the last 5 GC cycles, go_gc_duration_seconds); at least 2 of the last 5 pauses exceeded 10.00 ms.', line: 7 });
    expect(r.verdict).toMatchObject({ leak: 'not-suspected', dominant: 'idle' });
  });

  it('six /metrics scrapes of the leak: leak suspected, the live heap 6.5 → 26.7 MiB', async () => {
    const r = await json(PHASES.map((p) => `${LEAK}/${p}.metrics.txt`));
    expect(r.snapshots.map((s) => s.memStats.HeapAlloc)).toEqual([6827096, 11118888, 15337480, 19588408, 23792264, 27995408]);
    expect(r.verdict).toEqual({ leak: 'suspected', dominant: 'live', summary: 'Leak suspected (high confidence): live heap as of each snapshot\'s last GC (NextGC ÷ 2 at GOGC=100) 4.4 MiB → 24.5 MiB across 6 snapshots taken at different GCs (snapshots 1→6), rising at every step; HeapAlloc, read between GCs, went 6.5 MiB → 26.7 MiB. The OS counts 51.4 MiB of RSS, in line with what Go holds (plus the binary\'s own pages).' });
  });

  it('six /debug/vars documents: leak suspected, every MemStats field exact, cmdline names the program', async () => {
    const r = await json(PHASES.map((p) => `${LEAK}/${p}.vars.json`));
    expect(r.snapshots.map((s) => s.memStats.HeapAlloc)).toEqual([5600440, 9876600, 14084584, 18347576, 22532904, 26737120]);
    const last = r.snapshots[5];
    expect(Object.keys(last?.memStats ?? {})).toHaveLength(31);
    expect((last?.memStats.PauseNs as number[]).length).toBe(256);
    expect((last?.process?.cmdline as string[])[0]).toMatch(/\/bin\/heap-leak$/);
    expect(last?.vars).toEqual({ phase: 't6' }); // the program's own var, kept
    expect(r.verdict.summary).toBe('Leak suspected (high confidence): live heap as of each snapshot\'s last GC (NextGC ÷ 2 at GOGC=100) 4.4 MiB → 24.5 MiB across 6 snapshots taken at different GCs (snapshots 1→6), rising at every step; HeapAlloc, read between GCs, went 5.3 MiB → 25.5 MiB.');
    // No profile in a vars file, but BySize says what grows: the map's 16 KiB values.
    const text = await runCli(PHASES.map((p) => `${LEAK}/${p}.vars.json`), { env: { COLUMNS: '200' } });
    expect(text.stdout).toContain('\nGrowing size classes (MemStats.BySize, one snapshot per GC epoch)\n  +20.0 MiB   16.0 KiB objects: 257 → 512 → 768 → 1,024 → 1,280 → 1,536 live (4.0 MiB → 8.0 MiB → 12.0 MiB → 16.0 MiB → 20.0 MiB → 24.0 MiB)\n');
    expect(text.stdout).toContain('\nNot yet freed: 16.0 KiB × 1,536 = 24.0 MiB (94%) · 16 B × 2,717 = 42.5 KiB (0%) · 2.6 KiB × 12 = 31.5 KiB (0%); above 18.0 KiB: 1.1 MiB (4%) (MemStats.BySize, Mallocs − Frees per class)\n');
  });

  it('binary profiles paired with the vars of the same capture: main.remember is the growing site', async () => {
    const r = await json([...PHASES.map((p) => `${LEAK}/${p}.heap.pb.gz`), ...PHASES.map((p) => `${LEAK}/${p}.vars.json`)]);
    expect(r.snapshots.map((s) => s.origin)).toEqual(Array(6).fill('pprof+expvar'));
    expect(r.snapshots[5]?.source).toBe(`${LEAK}/06-t6.heap.pb.gz + ${LEAK}/06-t6.vars.json`);
    expect(r.snapshots[5]?.profile.sites[0]).toMatchObject({ function: 'main.remember', line: 18, inuseBytes: 26093610 });
    expect(r.series?.growingSites.map((g) => [g.function, g.inuseBytes])).toEqual([['main.remember', [6390271, 11715498, 14910634, 18638293, 22365951, 26093610]]]);
    expect(r.verdict.summary).toBe('Leak suspected (high confidence): live heap as of each snapshot\'s last GC (NextGC ÷ 2 at GOGC=100) 4.4 MiB → 24.5 MiB across 6 snapshots taken at different GCs (snapshots 1→6), rising at every step; HeapAlloc, read between GCs, went 5.3 MiB → 25.5 MiB; growing sites: main.remember +18.8 MiB.');
  });

  it('a binary profile paired with the only MemStats given, of another moment: a warning on stderr and in the report', async () => {
    const r = await runCli([`${LEAK}/06-t6.heap.pb.gz`, `${LEAK}/01-t1.vars.json`, '--format', 'json']);
    const warning = `${LEAK}/06-t6.heap.pb.gz: warning: its sites hold 25.9 MiB in use, more than twice the HeapAlloc of ${LEAK}/01-t1.vars.json (5.3 MiB): they were not captured at one moment`
      + ' — give the MemStats captured with the profile (the same file stem: 03-t3.heap.pb.gz and 03-t3.vars.json)';
    expect([r.code, r.stderr]).toEqual([0, `${warning}\n`]);
    expect((JSON.parse(r.stdout) as { diagnostics: { severity: string }[] }).diagnostics.map((d) => d.severity)).toEqual(['warning']);
    const same = await runCli([`${LEAK}/06-t6.heap.pb.gz`, `${LEAK}/06-t6.vars.json`, '--format', 'json']);
    expect([same.code, same.stderr]).toEqual([0, '']);
  });

  it('a binary profile alone: its sites, and that it has no MemStats', async () => {
    const r = await json([`${LEAK}/06-t6.heap.pb.gz`]);
    expect(r.snapshots[0]?.profile).toMatchObject({ samplingRate: 524288 });
    expect(r.snapshots[0]?.profile.sites[0]).toMatchObject({ function: 'main.remember', inuseBytes: 26093610 });
    expect(r.findings.map((f) => f.ruleId)).toEqual(['no-memstats']);
    expect(r.verdict.leak).toBe('unknown');
  });

  it('the leak\'s gctrace log: leak suspected from the live heap after each GC', async () => {
    const r = await json([`${LEAK}/gctrace.log`]);
    const t = r.gcTraces?.[0];
    expect([t?.cycles, t?.forcedCycles, t?.peakMB, t?.floorsMB, t?.cpuPercent, t?.liveMB[0], t?.liveMB[115]]).toEqual([116, 6, 46, [0, 3, 9], 0, 0, 24]);
    expect(r.verdict).toEqual({ leak: 'suspected', dominant: 'live', summary: `${LEAK}/gctrace.log: Leak suspected (high confidence): the live heap after GC keeps rising, 0 → 24 MB over 12.3 s and 116 GCs; its floor rose in every third of the log's time (0 → 8 → 17 MB).` });
    // The series rules' findings on the log, as lint reports them: errors first.
    expect(r.findings.map((f) => [f.ruleId, f.severity, f.source, f.message])).toEqual([
      ['leak-suspected', 'error', `${LEAK}/gctrace.log`, 'Leak suspected (high confidence) in gctrace.log: the live heap after GC keeps rising, 0 → 24 MB over 12.3 s and 116 GCs; its floor rose in every third of the log\'s time (0 → 8 → 17 MB).'],
      ['gc-pause-long', 'warning', `${LEAK}/gctrace.log`, "A GC pause took 11 ms (GC cycle 73, line 73 of the log); 1 of the log's 116 GC cycles exceeded 10 ms."],
    ]);
  });

  it('the burst\'s gctrace log: its stacks column (13 → 19 → 0 MB) is a burst that came and went, with the scavenger and the program\'s own lines', async () => {
    const r = await json([`${BURST}/gctrace.log`]);
    const t = r.gcTraces?.[0];
    expect([t?.cycles, t?.forcedCycles, t?.liveMB, t?.peakMB, t?.otherLines, t?.releasedBytes]).toEqual([7, 3, [2, 4, 5, 6, 4, 4, 4], 10, 2, 22848 * 1024]);
    expect(r.verdict.leak).toBe('not-suspected');
    expect(t?.stacksMB).toEqual([13, 19, 19, 19, 0, 0, 0]);
    expect([t?.verdict.kind, t?.verdict.confidence]).toEqual(['peak-retention', 'high']);
    expect(t?.verdict.summary).toBe('Peak, not a leak: a stack peak (more goroutines, or deeper stacks) came and went — the goroutine stacks the GC scans (its "MB stacks") rose 13 → 19 MB (gc 2) and fell back to 0 MB, while the live heap after GC stayed between 2 and 6 MB over 15.5 s and 7 GCs: the stacks, not the live heap, grew the process, and their freed spans are heap the runtime keeps until the scavenger returns it.');
    expect(r.findings.map((f) => [f.ruleId, f.severity, f.message])).toEqual([
      ['gc-pause-long', 'warning', "A GC pause took 30 ms (GC cycle 1, line 2 of the log); 2 of the log's 7 GC cycles exceeded 10 ms."],
    ]);
  });

  it('text: a log beside a snapshot keeps its findings in view (they belong to no snapshot)', async () => {
    const r = await runCli([`${BURST}/gctrace.log`, `${BURST}/04-after-gc.metrics.txt`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${BURST}/04-after-gc.metrics.txt`);
    expect(r.stdout).toContain('warning gc-pause-long: A GC pause took 30 ms (GC cycle 1, line 2 of the log)');
  });
});

describe('the GC log section of the text and Markdown reports', () => {
  it('text: the live heap over time, the peak against what stays, GC pace (forced GCs left out: 116 GCs in 12.3 s, 110 of them not forced) and CPU', async () => {
    const r = await runCli([`${LEAK}/gctrace.log`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain([
      `GC log ${LEAK}/gctrace.log: 116 GCs over 12.3 s`,
      '  Leak suspected (high confidence): the live heap after GC keeps rising, 0 → 24 MB over 12.3 s and 116 GCs; its floor rose in every third of the log\'s time (0 → 8 → 17 MB).',
      '  live after GC 0 MB ×5 → 1 MB ×12 → 2 MB → 1 MB → 2 MB ×2 → … 86 more … → 20 MB ×2 → 21 MB ×2 → 22 MB → 23 MB ×2 → 24 MB ×2',
      "  Peak (the largest heap before a GC, A): 46 MB; what stays (the live heap after the last GC, C): 24 MB; the live heap's lowest point in each third of the log's time: 0 → 8 → 17 MB (74, 26 and 16 GCs)",
      '  530.9 GCs/min (not counting 6 forced) · GC CPU 0% since start · longest stop-the-world 11 ms (gc 73, line 73) · goal 48 MB',
    ].join('\n'));
  });

  it('Markdown: the same, one section per log', async () => {
    const r = await runCli([`${BURST}/gctrace.log`, `${LEAK}/gctrace.log`, '-f', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain([
      `## GC log ${BURST}/gctrace.log`,
      '',
      '7 GCs over 15.5 s. Peak, not a leak: a stack peak (more goroutines, or deeper stacks) came and went — the goroutine stacks the GC scans (its "MB stacks") rose 13 → 19 MB (gc 2) and fell back to 0 MB, while the live heap after GC stayed between 2 and 6 MB over 15.5 s and 7 GCs: the stacks, not the live heap, grew the process, and their freed spans are heap the runtime keeps until the scavenger returns it.',
      '',
      '- Live heap after GC: 2 → 4 → 5 → 6 → 4 → 4 → 4 MB',
      "- Peak (the largest heap before a GC, A): 10 MB; what stays (the live heap after the last GC, C): 4 MB; the live heap's lowest point in each third of the log's time: 2 → 4 → 4 MB (4, 2 and 1 GCs)",
      '- 13.3 GCs/min (not counting 3 forced) · GC CPU 1% since start · longest stop-the-world 30 ms (gc 1, line 2) · goal 9 MB · 22.3 MiB released to the OS (scavenger) · 2 other lines skipped',
      '',
      `## GC log ${LEAK}/gctrace.log`,
      '',
      '116 GCs over 12.3 s. Leak suspected (high confidence): the live heap after GC keeps rising, 0 → 24 MB over 12.3 s and 116 GCs; its floor rose in every third of the log\'s time (0 → 8 → 17 MB).',
    ].join('\n'));
    expect(r.stdout).toContain('- 530.9 GCs/min (not counting 6 forced) · GC CPU 0% since start · longest stop-the-world 11 ms (gc 73, line 73) · goal 48 MB\n');
  });

  it('Markdown names a scrape as one, with the fields it lacks', async () => {
    const r = await runCli([`${BURST}/04-after-gc.metrics.txt`, '-f', 'markdown']);
    expect(r.stdout).toContain('/metrics scrape (MemStats, no profile) · go1.19 · MemStats block only\n\nNot in this scrape, so unknown (not 0): PauseNs, PauseEnd, NumForcedGC, GCCPUFraction, EnableGC, DebugGC.\n');
    expect(r.stdout).toContain('| HeapAlloc | 6,104,208 | 5.8 MiB | 13.6% |');
    // No PauseNs ring nor GCCPUFraction in a scrape: the longest recent pause from go_gc_duration_seconds{quantile="1"}, no GC CPU.
    expect(r.stdout).toContain('\nGC: 5 GC cycles · longest recent pause 30.21 ms · next GC at 9.4 MiB · 12,632 objects allocated and not yet freed (Mallocs − Frees)\n');
  });
});

describe('standard input', () => {
  it('a /metrics scrape, OpenMetrics, /debug/vars and a gctrace log, piped', async () => {
    const metrics = await json([], await sample(`${LEAK}/06-t6.metrics.txt`));
    expect([metrics.snapshots[0]?.source, metrics.snapshots[0]?.origin, metrics.snapshots[0]?.memStats.HeapAlloc]).toEqual(['-', 'prometheus', 27995408]);
    const open = await json(['-'], await sample(`${BURST}/04-after-gc.openmetrics.txt`));
    expect(open.snapshots[0]?.breakdown?.live).toBe(6132368);
    const vars = await json(['-'], await sample(`${LEAK}/06-t6.vars.json`));
    expect([vars.snapshots[0]?.origin, vars.snapshots[0]?.memStats.HeapAlloc]).toEqual(['expvar', 26737120]);
    const log = await json([], await sample(`${LEAK}/gctrace.log`));
    expect([log.gcTraces?.[0]?.source, log.gcTraces?.[0]?.cycles, log.verdict.leak]).toEqual(['-', 116, 'suspected']);
  });

  it('a .pb.gz, alone and paired with a vars file given beside it', async () => {
    const pb = await sample(`${LEAK}/03-t3.heap.pb.gz`);
    const alone = await json(['-'], pb);
    expect([alone.snapshots[0]?.origin, alone.snapshots[0]?.profile.sites[0]?.function, alone.snapshots[0]?.profile.sites[0]?.inuseBytes]).toEqual(['pprof', 'main.remember', 14910634]);
    const paired = await json(['-', `${LEAK}/03-t3.vars.json`], pb);
    expect([paired.snapshots[0]?.origin, paired.snapshots[0]?.source, paired.snapshots[0]?.memStats.HeapAlloc]).toEqual(['pprof+expvar', `- + ${LEAK}/03-t3.vars.json`, 14084584]);
  });
});

describe('URLs', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    const bodies: Record<string, Buffer> = {
      '/metrics': await sample(`${LEAK}/06-t6.metrics.txt`),
      '/openmetrics': await sample(`${BURST}/04-after-gc.openmetrics.txt`),
      '/debug/vars': await sample(`${LEAK}/06-t6.vars.json`),
      '/debug/pprof/heap': await sample(`${LEAK}/06-t6.heap.pb.gz`),
      '/gc.log': await sample(`${LEAK}/gctrace.log`),
    };
    server = createServer((req, res) => {
      const body = bodies[req.url ?? ''];
      if (body) res.end(body);
      else res.writeHead(404).end('404 page not found\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('/metrics (0.0.4 and OpenMetrics) and /debug/vars', async () => {
    const metrics = await json([`${base}/metrics`]);
    expect([metrics.snapshots[0]?.origin, metrics.snapshots[0]?.memStats.HeapAlloc, metrics.snapshots[0]?.process?.rss]).toEqual(['prometheus', 27995408, 53948416]);
    const open = await json([`${base}/openmetrics`]);
    expect(open.snapshots[0]?.memStats.HeapAlloc).toBe(6132368);
    const vars = await json([`${base}/debug/vars`]);
    expect([vars.snapshots[0]?.origin, vars.snapshots[0]?.memStats.NumGC]).toEqual(['expvar', 116]);
  });

  it('the binary heap endpoint with /debug/vars of the same moment, and a log', async () => {
    const r = await json([`${base}/debug/pprof/heap`, `${base}/debug/vars`]);
    expect([r.snapshots.length, r.snapshots[0]?.origin, r.snapshots[0]?.profile.sites[0]?.function, r.snapshots[0]?.memStats.HeapAlloc]).toEqual([1, 'pprof+expvar', 'main.remember', 26737120]);
    const log = await json([`${base}/gc.log`]);
    expect(log.gcTraces?.[0]?.cycles).toBe(116);
  });
});

describe('/federate pages: scrapes of several processes, each labelled with its target', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'heapdoc-federate-'));
    const read = (rel: string): Promise<string> => readFile(join(ROOT, 'test/fixtures/scenarios', rel), 'utf8');
    for (const [i, p] of ['01-t1', '03-t3', '06-t6'].entries()) {
      const page = federate([[API, await read(`heap-leak/${p}.metrics.txt`)], [WORKER_TARGET, await read(`goroutine-leak/${p}.metrics.txt`)]], 1796190543510 + i * 8000);
      await writeFile(join(dir, `${p}.federate.txt`), page);
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('analyze never makes one series of two processes: exit 2, naming them, until --target picks one', async () => {
    const refused = await runCli([dir]);
    expect([refused.code, refused.stdout]).toEqual([2, '']);
    expect(refused.stderr).toBe(`heapdoc: error: ${dir}/01-t1.federate.txt#2{instance="10.0.0.2:2112",job="worker"} and ${dir}/01-t1.federate.txt#1{instance="10.0.0.1:2112",job="api"} are scrapes of different targets: not one process — pick one with --target job=NAME,instance=HOST:PORT, or add --separately to judge each on its own\n`);
    const api = await json([dir, '--target', 'job=api']);
    expect(api.snapshots.map((s) => s.memStats.HeapAlloc)).toEqual([6827096, 15337480, 27995408]);
    expect(api.verdict.summary).toBe('Leak suspected (medium confidence): HeapAlloc 6.5 MiB → 26.7 MiB across 3 snapshots taken at different GCs (snapshots 1→3), each read between GCs. The OS counts 51.4 MiB of RSS, in line with what Go holds (plus the binary\'s own pages).');
    const worker = await json([dir, '--target', 'instance="10.0.0.2:2112"']);
    expect(worker.snapshots.map((s) => s.process?.goroutines)).toEqual([407, 1207, 2407]);
    const none = await runCli([dir, '--target', 'job=db']);
    expect([none.code, none.stderr]).toEqual([2, 'heapdoc: error: the inputs: no target matches --target job="db"; the targets are {instance="10.0.0.1:2112",job="api"}, {instance="10.0.0.2:2112",job="worker"} — a target that is gone (a restarted pod gets a new instance) must be picked again\n']);
  });

  it('lint: a series per target, so the api\'s leak is found and no process is mixed with another', async () => {
    const r = await runCli(['lint', dir, '--format', 'json']);
    expect(r.stderr).toBe('');
    const files = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[];
    expect(files.map((f) => [f.filePath.split('/').pop(), f.messages.map((m) => m.ruleId)])).toEqual([
      ['01-t1.federate.txt', []],
      ['03-t3.federate.txt', []],
      ['06-t6.federate.txt', ['leak-suspected', 'leak-suspected', 'gc-pause-long']], // the api's heap, the worker's goroutine stacks; the api's 11.77 ms pause, held since 03-t3, said once by the latest scrape that holds it
    ]);
    expect(files[2]?.messages.filter((m) => m.ruleId === 'leak-suspected').map((m) => m.message)).toEqual([
      'Leak suspected (medium confidence) across 3 snapshots, 01-t1.federate.txt#2{instance="10.0.0.2:2112",job="worker"} → 06-t6.federate.txt#2{instance="10.0.0.2:2112",job="worker"}: HeapAlloc 2.8 MiB → 4.7 MiB over 3 snapshots taken at different GCs, each read between GCs; goroutine stacks (StackInuse) 2.0 MiB → 9.8 MiB across 3 snapshots.',
      'Leak suspected (medium confidence) across 3 snapshots, 01-t1.federate.txt#1{instance="10.0.0.1:2112",job="api"} → 06-t6.federate.txt#1{instance="10.0.0.1:2112",job="api"}: HeapAlloc 6.5 MiB → 26.7 MiB over 3 snapshots taken at different GCs, each read between GCs.',
    ]);
  });
});

describe('heapdoc lint', () => {
  it('lints a scrape, a vars file and a binary profile with the heap rules, at the lines they came from', async () => {
    const r = await runCli(['lint', `${BURST}/04-after-gc.metrics.txt`, `${LEAK}/06-t6.vars.json`, `${LEAK}/06-t6.heap.pb.gz`, '--format', 'json']);
    expect(r.stderr).toBe('');
    const files = JSON.parse(r.stdout) as { kind: string; messages: { ruleId: string; line?: number; column?: number }[] }[];
    expect(files.map((f) => [f.kind, f.messages.map((m) => `${m.line ?? '-'}:${m.column ?? '-'} ${m.ruleId}`)])).toEqual([
      ['prometheus', ['7:1 gc-pause-long', '36:1 idle-heap-retained']], // go_gc_duration_seconds{quantile="1"}, go_memstats_heap_idle_bytes
      ['expvar', ['3:487 gc-pause-long']], // the PauseNs ring
      ['pprof', []], // paired by name with 06-t6.vars.json beside it: its MemStats are linted there, so no no-memstats
    ]);
  });
});

describe('damaged input: one line with source:line:column, exit 2', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'heapdoc-exposed-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** A real capture with one change, saved as `name`; what heapdoc writes on stderr and its exit code. */
  async function damaged(name: string, from: string, change: (b: Buffer) => Buffer | string): Promise<{ code: number | null; lines: string[]; path: string }> {
    const path = join(dir, name);
    await writeFile(path, change(await sample(from)));
    const r = await runCli([path, '--format', 'json']);
    return { code: r.code, lines: r.stderr.trimEnd().split('\n'), path };
  }

  const replace = (a: string | RegExp, b: string) => (buf: Buffer): string => {
    const text = buf.toString('utf8');
    const out = text.replace(a, b);
    if (out === text) throw new Error(`no ${String(a)} in the capture`);
    return out;
  };

  it('Prometheus 0.0.4: a value that is not a number', async () => {
    const r = await damaged('bad.metrics.txt', `${BURST}/04-after-gc.metrics.txt`, replace('go_memstats_heap_alloc_bytes 6.104208e+06', 'go_memstats_heap_alloc_bytes 6.104208e+06x'));
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([`${r.path}:33:42: error: expected the end of the line in a sample line, found "x" — heapdoc skipped this line and read the rest; save the whole /metrics response (curl -s URL > metrics.txt)`]);
  });

  it('OpenMetrics: an escape a label value cannot have', async () => {
    const r = await damaged('bad.openmetrics.txt', `${BURST}/04-after-gc.openmetrics.txt`, replace('go_info{version="go1.19.8"}', 'go_info{version="go1.19.8\\q"}'));
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([`${r.path}:15:26: error: invalid escape sequence '\\q' in a label value — label values may escape only \\\\, \\" and \\n; the sample was skipped`]);
  });

  it('OpenMetrics: a page cut at a line boundary (no # EOF)', async () => {
    const r = await damaged('cut.openmetrics.txt', `${BURST}/04-after-gc.openmetrics.txt`, (b) => `${b.toString('utf8').split('\n').slice(0, 50).join('\n')}\n`);
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([`${r.path}:50:1: error: the OpenMetrics page does not end with '# EOF': the response was cut short — the lines before were read; fetch /metrics again and save the whole response`]);
  });

  it('expvar: a document cut short', async () => {
    const r = await damaged('cut.vars.json', 'test/fixtures/scenarios/burst/04-after-gc.vars.json', (b) => b.subarray(0, 3000));
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([`${r.path}:3:2895: error: the JSON ends too early (truncated?): expected ':' in a JSON object, found the end of the input — the response was cut short; fetch /debug/vars again and save all of it`]);
  });

  it('gctrace: a gc line another write ran into', async () => {
    const r = await damaged('bad.log', `${BURST}/gctrace.log`, replace('0.040+88+0.030 ms clock,', '0.040+88+0.030 ms clockwork,'));
    expect(r.code).toBe(2);
    expect(r.lines).toEqual([`${r.path}:8:41: error: a runtime line heapdoc cannot read: expected ',' in a 'gc N @Ts P%: …' line, found "work" — two lines written into each other (the program and the runtime both write to stderr)? The rest was read`]);
  });

  it('.pb.gz: a cut gzip stream, and a profile cut inside a whole one', async () => {
    const cut = await damaged('cut.pb.gz', `${LEAK}/06-t6.heap.pb.gz`, (b) => b.subarray(0, 500));
    expect(cut.code).toBe(2);
    expect(cut.lines).toEqual([`heapdoc: error: ${cut.path}: the gzip data is damaged: unexpected end of file — check that the file was copied whole`]);
    const half = await damaged('half.pb.gz', `${LEAK}/06-t6.heap.pb.gz`, (b) => {
      const whole = gunzipSync(b);
      return gzipSync(whole.subarray(0, whole.length >> 1));
    });
    expect(half.code).toBe(2);
    expect(half.lines).toEqual([`${half.path}: error: the profile is damaged or cut short: 38 references to locations, functions or strings it does not hold — save the whole response again (curl -o heap.pb.gz URL), or fetch the text form with ?debug=1`]);
  });

  // Two 300 MiB gzips made here and two processes unpacking 256 MiB: ~10 s on a loaded 2-core CI
  // machine; the default 30 s was reached at load 13.
  it('gzip bombs: zeros are not taken for a profile, and a profile past 256 MiB unpacked stops there', async () => {
    // Compressed by deflate at ~1000:1: 300 MiB of zeros are ~300 KB.
    const zeros = Buffer.alloc(1 << 20);
    const bomb = (first: Buffer): Buffer => gzipSync(Buffer.concat([first, ...Array.from({ length: 300 }, () => zeros)]), { level: 9 });
    const plain = await damaged('zeros.gz', `${LEAK}/06-t6.heap.pb.gz`, () => bomb(Buffer.alloc(0)));
    expect(plain.code).toBe(2);
    expect(plain.lines).toEqual([`heapdoc: error: ${plain.path}: binary data, not a text dump — pass the text output of /debug/pprof/heap?debug=1`]);
    // Begins as a profile does (field 1, length-delimited): read until the bound (it took 2.2 GB, and the whole minute, unbounded).
    const profile = await damaged('bomb.pb.gz', `${LEAK}/06-t6.heap.pb.gz`, () => bomb(Buffer.from([0x0a, 0x02, 0x08, 0x01])));
    expect(profile.code).toBe(2);
    expect(profile.lines).toEqual([`heapdoc: error: ${profile.path}: a binary profile of more than 256 MiB once unpacked, more than a Go program writes (a gzip bomb?) — fetch heap?debug=1 instead (the text form streams), or check what was saved`]);
  }, 120_000);

  /** 06-t6.vars.json with one more var, a string of `chars` characters: ~1000:1 gzipped, a 65 MiB document is ~65 KB. */
  const padded = (chars: number) => (b: Buffer): Buffer => gzipSync(`${b.toString('utf8').trimEnd().slice(0, -1)}, "pad": "${'x'.repeat(chars)}"}`, { level: 9 });

  it('/debug/vars past 64 MiB is refused in one line; in a lint batch the other files are still linted', async () => {
    const big = await damaged('big.vars.json.gz', `${LEAK}/06-t6.vars.json`, padded(65 << 20));
    expect(big.code).toBe(2);
    expect(big.lines).toEqual([`heapdoc: error: ${big.path}: a /debug/vars document of more than 64 MiB, more than expvar writes (a program publishing a huge var?) — save a smaller /debug/vars (publish big data elsewhere), or check what was saved`]);
    // Just under the cap it is read, the var as published (it took ~40 bytes a character, read whole).
    const under = await damaged('under.vars.json.gz', `${LEAK}/06-t6.vars.json`, padded(1 << 20));
    expect(under.code).toBe(0);
    const batch = join(dir, 'batch');
    await mkdir(batch);
    await writeFile(join(batch, '01-t1.vars.json'), await sample(`${LEAK}/01-t1.vars.json`));
    await writeFile(join(batch, '02-t2.vars.json.gz'), padded(65 << 20)(await sample(`${LEAK}/02-t2.vars.json`)));
    const lint = await runCli(['lint', batch, '--format', 'json']);
    expect(lint.code).toBe(2);
    // The line is the report's; stderr counts it (audit 44 F13c: it said the line on both).
    expect(lint.stderr).toBe('heapdoc: error: 1 input could not be read, 1 dump linted — the JSON report lists each, with its fix\n');
    const files = JSON.parse(lint.stdout) as { filePath: string; kind: string; messages: { message: string; fix?: string }[] }[];
    expect(files.filter((f) => f.kind === 'unreadable').map((f) => `${f.messages[0]?.message} — ${f.messages[0]?.fix}`)).toEqual([`${join(batch, '02-t2.vars.json.gz')}: a /debug/vars document of more than 64 MiB, more than expvar writes (a program publishing a huge var?) — save a smaller /debug/vars (publish big data elsewhere), or check what was saved`]);
    // The refused file is listed as unreadable after the dumps (lint's json lists every input it could not read).
    expect(files.map((f) => [f.filePath, f.kind])).toEqual([[join(batch, '01-t1.vars.json'), 'expvar'], [join(batch, '02-t2.vars.json.gz'), 'unreadable']]);
  });
});

describe('JSON of a snapshot without a heap profile (audit-live 05: the go1.19 server\'s stdlib /metrics and its /debug/vars)', () => {
  it('profile is null for a scrape, not samplingRate null beside in-use bytes of 0; a paired profile keeps its own', async () => {
    const D = 'test/fixtures/captured/go1.19-audit-live/04-scrapes-without-profile';
    for (const file of ['metrics.txt', 'vars.json']) {
      const r = await runCli([`${D}/${file}`, '--format', 'json']);
      expect(r.code).toBe(0);
      const snapshot = (JSON.parse(r.stdout) as { snapshots: { origin: string; profile: unknown; breakdown: { live: number } }[] }).snapshots[0];
      expect([snapshot?.origin, snapshot?.profile, snapshot?.breakdown.live]).toEqual([file === 'vars.json' ? 'expvar' : 'prometheus', null, file === 'vars.json' ? 41808000 : 41831568]);
    }
    const paired = await json([`${LEAK}/03-t3.heap.pb.gz`, `${LEAK}/03-t3.vars.json`]);
    expect(paired.snapshots[0]?.profile).toMatchObject({ samplingRate: 524288 });
  });
});
