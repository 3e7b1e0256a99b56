/**
 * GOMEMLIMIT below the live heap: 100 MiB kept under GOMEMLIMIT=64MiB, 64 KiB of garbage every
 * 0.5 ms (test/fixtures/captured/go1.19-audit28-overlimit, README.md there; main.go.txt the
 * program). The limit cannot be met: every dump holds HeapAlloc ≈ NextGC ≈ 100.5 MiB, Go holds
 * 114.3 MiB (178 % of the limit), and the GC runs back to back (`100->100->100 MB, 100 MB goal`
 * every ~3 ms). The series with --gomemlimit said "the memory limit holds the heap down" and its
 * memory-limit-pressure error "held up to the memory limit by design … To hold less, lower
 * GOMEMLIMIT"; the GC log said "Churn, not a leak". `met/`: the same program under
 * GOMEMLIMIT=120MiB, a limit it meets (goal 105 MB over 100 MB live): churn, as before.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const A = 'test/fixtures/captured/go1.19-audit28-overlimit';
const PLAIN = `${A}/run/plain`;
const VARS = `${A}/run/vars`;
const LOG = `${A}/run/stderr.log`;

interface Finding { ruleId: string; severity: string; message: string; why: string; fix: string; source: string; scope?: string; subject?: string; line?: number; evidence: Record<string, number | string> }
interface Verdict { kind: string; leak: string; confidence: string; evidence: unknown[]; summary: string; limit?: unknown }
interface Report { verdict: { leak: string; summary: string }; series?: { verdict: Verdict }; gcTraces?: { verdict: Verdict }[]; findings: Finding[] }

async function report(args: string[]): Promise<Report> {
  const r = await runCli([...args, '--format', 'json']);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(r.stdout) as Report;
}
const limitFindings = (j: Report): Finding[] => j.findings.filter((f) => f.ruleId === 'memory-limit-pressure');

const SERIES = 'Not a leak, but the memory limit cannot be met (GOMEMLIMIT 64.0 MiB, given): the live heap (100.5 MiB) is above it and no collection frees live objects, so the limit holds the heap goal at the live heap and the GC runs back to back (3,117 GC cycles in 9.0 s between the first snapshot\'s last GC and the latest\'s: one every 2.9 ms): HeapAlloc stays near 100.5 MiB across 5 snapshots taken at different GCs, each read between GCs (snapshots 1→5) while 54.8 MiB is allocated a step on average (219.0 MiB over 4 steps between snapshots); in the latest, the heap goal sits at the live heap (NextGC 100.5 MiB, 97.1 MiB live as of the last GC, where GOGC=100 sets about twice it), only 97.7 KiB is allocated per GC cycle (GOGC=100 alone allows about the live heap), so the GC ran 3,928 times and used 12.0% of the CPU. Go holds 114.3 MiB (Sys − HeapReleased, what the limit bounds), 178.6% of the limit. The cost is GC work, not memory, and a lower limit cannot make Go hold less than its live heap: raise GOMEMLIMIT well above 114.3 MiB (room for the garbage made between GCs), or reduce the live heap.';
const MESSAGE = 'Go holds 114.1 MiB to 114.3 MiB in 5 snapshots, 178.3% to 178.6% of GOMEMLIMIT (64.0 MiB), and the live heap alone (100.5 MiB in the latest) is above it: the limit cannot be met.';
const RULE_WHY = 'GOMEMLIMIT bounds Sys − HeapReleased (114.3 MiB now). No collection can free live objects, so the GC runs back to back, capped at about half the CPU to avoid a death spiral, and the process stays over the limit; 3,928 GC cycles have run (GCCPUFraction 12.0%).';
const FIX = 'Raise GOMEMLIMIT above the peak live heap with headroom, or lower the peak (bound concurrency, stream instead of buffering). Keep GOGC on so the GC does not rely on the limit alone.';

describe('five heap?debug=1 dumps with --gomemlimit 64MiB (run/plain)', () => {
  it('JSON: the limit cannot be met (memory-limit, not a leak), and one memory-limit-pressure error says so, with the rule\'s fix', async () => {
    const j = await report([PLAIN, '--gomemlimit', '64MiB']);
    expect(j.series?.verdict).toEqual({ kind: 'memory-limit', leak: 'not-suspected', confidence: 'medium', evidence: [], readBetweenGCs: { plainDumps: 5 }, summary: SERIES, limitFit: {
      fit: 'cannot-be-met', gomemlimitBytes: 67108864, origin: 'flag', liveBytes: 105406392, live: 'exact', besideHeapBytes: 14442848, heapRoomBytes: 52666016,
      nextGCBytes: 105341400, gogcGoalBytes: 210812784, goalAboveGogc: false,
    } });
    expect(j.verdict).toMatchObject({ leak: 'not-suspected', summary: SERIES });
    const found = limitFindings(j);
    expect(found).toHaveLength(1);
    expect(found[0]).toEqual({
      ruleId: 'memory-limit-pressure', severity: 'error', subject: 'live heap above the limit', scope: 'series',
      message: MESSAGE, why: `${RULE_WHY} The series: ${SERIES}`, fix: FIX, docsUrl: 'https://go.dev/doc/gc-guide#Memory_limit',
      // At the last dump's `# HeapAlloc` (line 1107), the field its own finding read.
      source: `${PLAIN}/05.heap-debug1.txt`, line: 1107, column: 3,
      evidence: { liveBytes: 105406392, heapAllocBytes: 105406392, retainedBytes: 119849240, gomemlimitBytes: 67108864, snapshots: 5, lowestRetainedBytes: 119628056, highestRetainedBytes: 119849240 },
    });
    expect(`${found[0]?.message} ${found[0]?.why} ${found[0]?.fix}`).not.toMatch(/by design|lower GOMEMLIMIT|holds the heap down/);
  });

  it('text and Markdown say the same', async () => {
    const text = (await runCli([PLAIN, '--gomemlimit', '64MiB'])).stdout.split('\n');
    expect(text[0]).toBe(SERIES.slice(0, SERIES.indexOf(' Go holds 114.3 MiB (Sys')));
    expect(text).toContain(`  error memory-limit-pressure: ${MESSAGE}`);
    const fix = text.indexOf(`    fix: ${FIX.slice(0, FIX.indexOf(' Keep'))}`);
    expect(fix).toBeGreaterThan(0);
    expect(text[fix + 1]).toBe(`         ${FIX.slice(FIX.indexOf('Keep'))}`);
    const md = (await runCli([PLAIN, '--gomemlimit', '64MiB', '--format', 'markdown'])).stdout;
    expect(md).toContain(`**Verdict (leak: not-suspected, dominant: live).** ${SERIES}`);
    expect(md).toContain(`- **error** \`memory-limit-pressure\` — ${MESSAGE}`);
  });

  it('without the limit: a memory limit is likely set (as before), and no memory-limit-pressure', async () => {
    const j = await report([PLAIN]);
    expect(j.series?.verdict.kind).toBe('memory-limit');
    expect(j.series?.verdict.summary).toBe('Not a leak; a memory limit is likely set (GOMEMLIMIT, or a very low GOGC): HeapAlloc stays near 100.5 MiB across 5 snapshots taken at different GCs, each read between GCs (snapshots 1→5) while 54.8 MiB is allocated a step on average (219.0 MiB over 4 steps between snapshots); in the latest, the heap goal sits at the live heap (NextGC 100.5 MiB, 97.1 MiB live as of the last GC, where GOGC=100 sets about twice it), only 70.8 KiB is allocated per GC cycle (since the snapshot before; GOGC=100 alone allows about the live heap), so the GC ran 3,928 times and used 12.0% of the CPU. The cost is GC work, not memory; pass --gomemlimit to check against it.');
    expect(limitFindings(j)).toEqual([]);
  });

  it('lint --gomemlimit 64MiB: the one error at the last file, exit 1; without the limit, exit 0', async () => {
    const r = await runCli(['lint', PLAIN, '--gomemlimit', '64MiB', '--color=never']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${PLAIN}/05.heap-debug1.txt\n  1107:3  error    ${MESSAGE}  memory-limit-pressure\n`);
    // gc-cpu-high once for the five dumps (was five warnings): one process, one cause.
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('✖ 2 problems (1 error, 1 warning)');
    expect(r.stdout).toContain('  1125:3  warning  The GC had used 12.0% to 14.2% of the available CPU since the process started in 5 snapshots (as of GC cycles 811 to 3,928).');
    const j = JSON.parse((await runCli(['lint', PLAIN, '--gomemlimit', '64MiB', '--format', 'json'])).stdout) as { filePath: string; messages: { ruleId: string; severity: number; message: string; fix: string }[] }[];
    const limit = j.flatMap((f) => f.messages.filter((m) => m.ruleId === 'memory-limit-pressure').map((m) => ({ file: f.filePath.slice(f.filePath.indexOf(A)), severity: m.severity, message: m.message, fix: m.fix })));
    expect(limit).toEqual([{ file: `${PLAIN}/05.heap-debug1.txt`, severity: 2, message: MESSAGE, fix: FIX }]);
    const without = await runCli(['lint', PLAIN, '--color=never']);
    expect([without.code, without.stdout.includes('memory-limit-pressure')]).toEqual([0, false]);
  });
});

describe('the /debug/vars of the same moments (run/vars), --gomemlimit 64MiB', () => {
  it('the same verdict; Go holds 114.3 MiB at each (one range as printed: not "114.3 MiB to 114.3 MiB")', async () => {
    const j = await report([VARS, '--gomemlimit', '64MiB']);
    expect(j.series?.verdict.kind).toBe('memory-limit');
    expect(j.series?.verdict.summary.startsWith('Not a leak, but the memory limit cannot be met (GOMEMLIMIT 64.0 MiB, given): the live heap (100.5 MiB) is above it and no collection frees live objects, so the limit holds the heap goal at the live heap and the GC runs back to back (3,081 GC cycles in 9.0 s between the first snapshot\'s last GC and the latest\'s: one every 2.91 ms): ')).toBe(true);
    const found = limitFindings(j);
    expect(found.map((f) => [f.severity, f.message, f.source])).toEqual([['error', 'Go holds 114.3 MiB in 5 snapshots, 178.6% to 178.7% of GOMEMLIMIT (64.0 MiB), and the live heap alone (100.5 MiB in the latest) is above it: the limit cannot be met.', `${VARS}/05.vars.json`]]);
    const lint = await runCli(['lint', VARS, '--gomemlimit', '64MiB', '--color=never']);
    expect([lint.code, lint.stdout.trimEnd().split('\n').at(-1)]).toEqual([1, '✖ 2 problems (1 error, 1 warning)']);
  });
});

describe('the GODEBUG=gctrace=1 log of the same process (run/stderr.log)', () => {
  const VERDICT = 'Not a leak; the heap goal is held at the live heap, most likely by a memory limit the live heap does not fit under (GOMEMLIMIT, or a very low GOGC): the last GC\'s goal was 100 MB, the live heap the GC before it left (C 100 MB), where GOGC=100 alone sets it at about twice that, and all 1976 GCs of the log\'s later half started with the heap (A) within 10% of the live heap the GC before left, so the GC runs back to back: 21069 GCs a minute while the live heap after GC stays near 100 MB (its floor flat at 100 MB after warm-up). No collection frees live objects, so such a limit cannot be met; the cost is GC CPU (12% since start, gctrace\'s figure), not memory: raise GOMEMLIMIT above the live heap with headroom, or reduce the live heap.';

  it('JSON: memory-limit, not churn; text and Markdown say it; the cost, gc-cpu-high at the last GC line (12%), in the report and in lint (was nothing in lint), exit 0', async () => {
    const j = await report([LOG]);
    expect(j.gcTraces?.[0]?.verdict).toEqual({ kind: 'memory-limit', leak: 'not-suspected', evidence: [], confidence: 'medium', summary: VERDICT });
    expect(j.verdict).toMatchObject({ leak: 'not-suspected', summary: `${LOG}: ${VERDICT}` });
    // The log's last line prints 12% (GCCPUFraction, truncated), as the dumps of the process say 12.0%: the limit's fix, not "set a GOMEMLIMIT".
    expect(j.findings.map((f) => [f.ruleId, f.severity, f.line, f.message, f.fix, f.evidence])).toEqual([[
      'gc-cpu-high', 'warning', 3951, "The GC had used 12% of the available CPU since the process started, as of the log's last GC (cycle 3,951, line 3,951).",
      'The limit makes the GC run this often: raise it above the live heap with headroom, or reduce the live heap. Allocate less on hot paths (find them in the allocs profile: heapdoc allocs.txt --sort alloc-space), reuse buffers (sync.Pool).',
      { gcCpuPercent: 12, numGC: 3951, cpuSource: 'gctrace' },
    ]]);
    const text = (await runCli([LOG])).stdout.split('\n');
    expect(text.slice(0, 2)).toEqual([`${LOG}: ${VERDICT.slice(0, VERDICT.indexOf(' No collection'))}`, VERDICT.slice(VERDICT.indexOf('No collection'))]);
    const md = (await runCli([LOG, '--format', 'markdown'])).stdout;
    expect(md).toContain(`\n3,951 GCs over 11.2 s. ${VERDICT}\n`);
    const lint = await runCli(['lint', LOG, '--color=never']);
    expect({ code: lint.code, stdout: lint.stdout }).toEqual({ code: 0, stdout: [
      '', LOG,
      "  3951:1  warning  The GC had used 12% of the available CPU since the process started, as of the log's last GC (cycle 3,951, line 3,951).  gc-cpu-high",
      '', '✖ 1 problem (0 errors, 1 warning)', '',
    ].join('\n') });
    const sarif = JSON.parse((await runCli(['lint', LOG, '--format', 'sarif'])).stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: unknown }[] }[] }[] };
    expect(sarif.runs[0]?.results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation])).toEqual([
      ['gc-cpu-high', { artifactLocation: { uri: LOG }, region: { startLine: 3951, startColumn: 1 } }],
    ]);
  });

  it('with --gomemlimit 64MiB: the same kind and words (where the heap stood against the limit is the GC log\'s limit standing)', async () => {
    const j = await report([LOG, '--gomemlimit', '64MiB']);
    expect(j.gcTraces?.[0]?.verdict.kind).toBe('memory-limit');
    expect(j.gcTraces?.[0]?.verdict.summary.startsWith(VERDICT)).toBe(true);
  });

  it('met/: the same program under GOMEMLIMIT=120MiB (goal 105 MB over 100 MB live) meets its limit, but the limit binds (the goal holds at 105 MB, below the 200 MB of GOGC=100): churn at a memory limit', async () => {
    const log = `${A}/met/limit120.gctrace.log`;
    const j = await report([log]);
    // It meets the limit, but the limit binds: the goal holds at 105 MB, below GOGC's 200 MB (it was "Churn, not a leak").
    expect(j.gcTraces?.[0]?.verdict).toEqual({ kind: 'memory-limit', leak: 'not-suspected', evidence: [], confidence: 'medium', summary: 'Churn with a capped heap goal, not a leak: 622 GCs a minute while the live heap after GC stays near 100 MB (its floor flat at 100 MB after warm-up); the cost is GC CPU (under 1% since start, gctrace\'s figure), not memory. The heap goal is capped: it stayed at 105 MB at every one of the 32 GCs of the log\'s later half, below the 200 MB GOGC=100 sets (twice the live heap after GC, C 100 MB), by a memory limit (GOMEMLIMIT, or debug.SetMemoryLimit) or a GOGC below 100 (GOGC=5 sets about that goal over that live heap): the log alone cannot tell them apart: each GC lets only about 5 MB be allocated where GOGC=100 would let about 100 MB, so the GC runs about 20 times as often as GOGC=100 alone would make it (622 GCs a minute). Its cost is GC CPU (under 1% since start, gctrace\'s figure), not memory. If a limit is set, it binds: to run the GC less often, raise GOMEMLIMIT, or reduce the live heap or what Go holds beside it; if GOGC is below 100, raise it. To tell which: the process\'s GOGC and GOMEMLIMIT environment variables and any debug.SetGCPercent or debug.SetMemoryLimit call in the program, or a /metrics scrape of the process (go_gc_gogc_percent, go_gc_gomemlimit_bytes) read with the log, or pass --gomemlimit; a goal that stays put while the live heap moves is a limit\'s, one that follows it is GOGC\'s.' });
  });
});
