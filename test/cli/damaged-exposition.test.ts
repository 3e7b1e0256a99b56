/**
 * Damaged /metrics pages, /debug/vars documents and gctrace logs of one real process
 * (test/fixtures/captured/go1.19-auditF, README there), end to end through the built CLI: one line
 * with source:line:column on stderr and exit 2 where the data cannot be trusted, and no number
 * the damage made up in the report.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const F = 'test/fixtures/captured/go1.19-auditF';

interface Report {
  snapshots: { process?: Record<string, unknown>; memStats: Record<string, unknown> }[];
  diagnostics: { line: number; column: number; severity: string; message: string }[];
}

/** `report` is undefined when nothing could be read (no report on stdout). */
async function analyze(file: string): Promise<{ code: number | null; stderr: string[]; report: Report }> {
  const r = await runCli([`${F}/${file}`, '--format', 'json']);
  return { code: r.code, stderr: r.stderr.trimEnd().split('\n'), report: (r.stdout ? JSON.parse(r.stdout) : undefined) as Report };
}

describe('a /metrics page cut inside its last line (no final line end)', () => {
  const CUT = 'error: the input ends without a line end, so this line may be cut short (truncated?); the line is not used — the scrape was cut short; fetch it again and make sure the whole response was saved';

  it('cut in the RSS value: exit 2 at the line\'s end, and no RSS of 2 B', async () => {
    const r = await analyze('metrics-cut-in-rss.txt');
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual([`${F}/metrics-cut-in-rss.txt:90:33: ${CUT}`]);
    expect(r.report.snapshots[0]?.process).toEqual({ goroutines: 3, threads: 6 });
    const text = await runCli([`${F}/metrics-cut-in-rss.txt`]);
    expect(text.stdout).not.toContain('of RSS');
  });

  it('lint says why: the page ends mid-line (a cut download), not a line the client never writes', async () => {
    const r = await runCli(['lint', '--format', 'json', `${F}/metrics-cut-in-rss.txt`]);
    const messages = (JSON.parse(r.stdout) as { messages: Record<string, unknown>[] }[])[0]?.messages
      .map(({ ruleId, line, column, message, why, fix }) => ({ ruleId, line, column, message, why, fix }));
    expect(messages).toEqual([{
      ruleId: 'parse-error', line: 90, column: 33,
      message: 'The input ends without a line end, so this line may be cut short (truncated?); the line is not used.',
      why: 'The page ends in the middle of this line: the download was interrupted or the file was truncated, so this line is not whole and nothing after it was saved; heapdoc read the lines before it, so numbers and findings that depend on the rest may be wrong or missing.',
      fix: 'The scrape was cut short; fetch it again and make sure the whole response was saved.',
    }]);
    expect(r.code).toBe(1);
  });

  it('cut after the first digit of HeapAlloc: exit 2, and HeapAlloc unknown, not 2', async () => {
    const r = await analyze('metrics-cut-after-digit.txt');
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual([`${F}/metrics-cut-after-digit.txt:33:31: ${CUT}`]);
    expect(r.report.snapshots[0]?.memStats.HeapAlloc).toBeUndefined();
    expect(r.report.snapshots[0]?.memStats.Alloc).toBe(28250592);
  });

  it('cut in a HELP line: exit 2', async () => {
    const r = await analyze('metrics-cut-inhelp.txt');
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual([`${F}/metrics-cut-inhelp.txt:82:21: ${CUT}`]);
  });

  it('the whole page: no problem', async () => {
    const r = await analyze('metrics.3.txt');
    expect([r.code, r.stderr]).toEqual([0, ['']]);
    expect(r.report.snapshots[0]?.process?.rss).toBe(24825856);
  });
});

describe('a series twice in one /metrics page', () => {
  it('a duplicate sample between a family\'s TYPE line and its sample: exit 2 at it, one page read, its first value kept', async () => {
    const r = await analyze('metrics-dup.txt');
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual([`${F}/metrics-dup.txt:87:1: error: the series go_memstats_heap_alloc_bytes appears twice in one page (first at line 33), not after its family's HELP and TYPE lines: the second sample is not used — a client writes each series once a page; was the file edited, or pages merged line by line? Save the /metrics response as it came (curl -s URL > metrics.txt)`]);
    expect(r.report.snapshots).toHaveLength(1);
    expect(r.report.snapshots[0]?.memStats.HeapAlloc).toBe(28250592);
  });

  it('two pages concatenated: two snapshots, no problem', async () => {
    const r = await analyze('metrics-two-scrapes.txt');
    expect([r.code, r.stderr]).toEqual([0, ['']]);
    expect(r.report.snapshots.map((s) => s.memStats.HeapAlloc)).toEqual([8325952, 40604184]);
  });

  it('lint names the two scrapes as analyze does, #1 and #2 (was "metrics-two-scrapes.txt → metrics-two-scrapes.txt")', async () => {
    const json = await runCli([`${F}/metrics-two-scrapes.txt`, '--format', 'json']);
    expect((JSON.parse(json.stdout) as { snapshots: { source: string }[] }).snapshots.map((s) => s.source)).toEqual([`${F}/metrics-two-scrapes.txt#1`, `${F}/metrics-two-scrapes.txt#2`]);
    // The folder's series: the page's first scrape has the least TotalAlloc, its second the most.
    const r = await runCli(['lint', F, '--format', 'json']);
    const files = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[];
    expect(files.find((f) => f.filePath.endsWith('/metrics-two-scrapes.txt'))?.messages.filter((m) => m.ruleId === 'leak-suspected').map((m) => m.message)).toEqual([
      'Leak suspected (medium confidence) across 6 snapshots, metrics-two-scrapes.txt#1 → metrics-two-scrapes.txt#2: HeapAlloc 7.9 MiB → 38.7 MiB over 3 snapshots taken at different GCs, each read between GCs.',
    ]);
  });
});

describe('a /debug/vars document cut short', () => {
  it('inside a key: the JSON ends too early, where it ends (exit 2)', async () => {
    const r = await analyze('vars-cut.json');
    expect(r.code).toBe(2);
    expect(r.report).toBeUndefined();
    expect(r.stderr).toEqual([`${F}/vars-cut.json:3:1907: error: the JSON ends too early (truncated?): the string "\\"Mallocs" that starts at 3:1899 has no closing '"' — the response was cut short; fetch /debug/vars again and save all of it`]);
  });
});

describe('lint: parse-error names the writer of the format, not the runtime', () => {
  /** The parse-error messages of `heapdoc lint FILE --format json`, with the exit code. */
  async function parseErrors(file: string): Promise<{ code: number | null; messages: { line: number; column: number; why: string; fix: string; docsUrl: string }[] }> {
    const r = await runCli(['lint', `${F}/${file}`, '--format', 'json']);
    const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string; line: number; column: number; why: string; fix: string; docsUrl: string }[] }[];
    return { code: r.code, messages: (result?.messages ?? []).filter((m) => m.ruleId === 'parse-error').map(({ line, column, why, fix, docsUrl }) => ({ line, column, why, fix, docsUrl })) };
  }

  it('a /debug/vars document: expvar and its documentation', async () => {
    expect(await parseErrors('vars-cut.json')).toEqual({ code: 1, messages: [{
      line: 3, column: 1907,
      why: 'The document ends in the middle of this line: the download was interrupted or the file was truncated, so this line is not whole and nothing after it was saved; a JSON document that is not whole is not read at all, so its numbers and the findings that need them are missing.',
      fix: 'The response was cut short; fetch /debug/vars again and save all of it.',
      docsUrl: 'https://pkg.go.dev/expvar',
    }] });
  });

  it('a /metrics page: the Prometheus client and the text format\'s documentation', async () => {
    expect(await parseErrors('metrics-dup.txt')).toEqual({ code: 1, messages: [{
      line: 87, column: 1,
      why: 'The Prometheus client never writes this line in a /metrics page; heapdoc skipped it, so numbers and findings that depend on it may be wrong or missing.',
      fix: 'A client writes each series once a page; was the file edited, or pages merged line by line? Save the /metrics response as it came (curl -s URL > metrics.txt).',
      docsUrl: 'https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format',
    }] });
  });
});

describe('/debug/vars: the program\'s own vars as published', () => {
  it('a counter past 2^53 is written digit for digit', async () => {
    const r = await runCli([`${F}/vars-bigint-var.json`, '--format', 'json']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('"vars": {\n        "phase": "t3",\n        "requests": 9007199254740993\n      }');
  });
});

describe('a gctrace log with a heap size the runtime cannot print', () => {
  it('C = 99999999999999999999999 MB: exit 2 at the number, and the line left out of the series', async () => {
    const r = await runCli([`${F}/gctrace-hugenum.log`, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([`${F}/gctrace-hugenum.log:17:87: error: the live heap after the GC (C) is 99999999999999999999999 MB, more than the runtime can print (it prints bytes >> 20 of a uint64: at most 17,592,186,044,415 MB); the line is not used — the log was edited or damaged; the other lines were read`]);
    const report = JSON.parse(r.stdout) as { gcTraces: { cycles: number; liveMB: number[] }[] };
    expect(report.gcTraces[0]).toMatchObject({ cycles: 8, liveMB: [1, 2, 4, 6, 8, 11, 14, 23] });
  });

  it('a scav line\'s total of 99999999999999999999 KiB: exit 2 at the number, as for a gc line, and the line not counted', async () => {
    const r = await runCli([`${F}/gctrace-scav-hugenum.log`, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([`${F}/gctrace-scav-hugenum.log:4:18: error: the heap released to the OS in all (total, now) is 99999999999999999999 KiB, more than the runtime can print (it prints bytes >> 10 of a uint64: at most 18,014,398,509,481,983 KiB); the line is not used — the log was edited or damaged; the other lines were read`]);
    const report = JSON.parse(r.stdout) as { gcTraces: { cycles: number; scavenger: { lines: number } }[] };
    expect(report.gcTraces[0]).toMatchObject({ cycles: 9, scavenger: { lines: 8 } });
  });
});

describe('a gctrace log behind a log collector\'s prefix', () => {
  it.each(['journal-prefixed.log', 'kubectl-timestamps.log', 'journal-precise.log', 'compose-logs.log', 'cri-pod.log'])('%s: read as the plain log is', async (file) => {
    const r = await runCli([`${F}/${file}`, '--format', 'json']);
    const plain = await runCli([`${F}/gctrace.log`, '--format', 'json']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    type At = { cycle: number; position: { line: number } };
    type Trace = { gcTraces: { cycles: number; liveMB: number[]; longestStw: At; lastGc: At; mark: { longest: At }; verdict: { kind: string } }[] };
    const [trace] = (JSON.parse(r.stdout) as Trace).gcTraces;
    const [want] = (JSON.parse(plain.stdout) as Trace).gcTraces;
    expect(trace).toMatchObject({ cycles: 9, liveMB: [1, 2, 4, 6, 8, 11, 14, 23, 32], longestStw: { cycle: 3, position: { line: 6 } }, lastGc: { cycle: 9, position: { line: 17 } }, mark: { longest: { cycle: 8, position: { line: 15 } } }, verdict: { kind: 'leak' } });
    // The columns differ: each gc line starts after its prefix.
    const columnless = (t: typeof trace) => ({ ...t, source: '', longestStw: undefined, lastGc: undefined, mark: t && { ...t.mark, longest: undefined } });
    expect(columnless(trace)).toEqual(columnless(want));
  });
});

describe('concatenated /federate pages are not duplicate samples', () => {
  it('a target that appears in a later page (sorting before the others) does not make the next page "the same series twice"', async () => {
    const r = await runCli(['--target', 'instance=10.0.0.2:2112', `${F}/federate-new-target.txt`, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as Report;
    expect(report.snapshots.map((x) => x.memStats.HeapAlloc)).toEqual([6827096, 11118888, 15337480]);
    expect(report.diagnostics).toEqual([]);
  });
});
