/**
 * A GODEBUG=gctrace=1 log's verdict in `heapdoc lint`, as `heapdoc analyze` lists it under
 * findings, each at the log line that shows it: a leak (leak-suspected, error: exit 1, as
 * `analyze --fail-on leak`) at the log's last GC, whose live heap ends the rise; the GC's CPU
 * share since start as the last line prints it (gc-cpu-high: the cost of churn or of a memory
 * limit); a goal of ~2^63 (gc-off). Before, a leak was at 0:0 (no SARIF region) and the rest unsaid.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

const LEAK = `${FIXTURES}/scenarios/heap-leak/gctrace.log`;
/** As SARIF names it: relative to the working directory, with `/`. */
const URI = expect.stringMatching(/(^|\/)test\/fixtures\/scenarios\/heap-leak\/gctrace\.log$/) as unknown;
const SLOW = `${FIXTURES}/captured/go1.19-slowleak-gctrace/stderr.log`;
const LIMIT = `${FIXTURES}/captured/go1.19-gctrace-limit`;
const GCOFF = `${FIXTURES}/captured/go1.19-audit28-gogcoff/gc1/stderr.log`;

interface LintFile { filePath: string; kind: string; messages: { ruleId: string; severity: number; line?: number; column?: number; message: string; evidence: Record<string, unknown> }[] }
interface Sarif { runs: { results: { ruleId: string; level: string; locations: { physicalLocation: unknown }[] }[] }[] }

const lintJson = async (args: string[]): Promise<{ code: number | null; files: LintFile[] }> => {
  const r = await runCli(['lint', '--no-config', ...args, '--format', 'json']);
  return { code: r.code, files: JSON.parse(r.stdout) as LintFile[] };
};

describe('a GC log in lint: the verdict the report gives, at the line of the GC that shows it', () => {
  it('heap-leak: leak-suspected at line 116 (gc 116, C 24 MB), exit 1; analyze --fail-on leak lists it at the same line and exits 1', async () => {
    const { code, files } = await lintJson([LEAK]);
    expect(code).toBe(1);
    expect(files[0]?.messages.map((m) => [m.ruleId, m.severity, m.line, m.column])).toEqual([['gc-pause-long', 1, 73, 1], ['leak-suspected', 2, 116, 1]]);
    expect(files[0]?.messages[1]?.evidence).toMatchObject({ gcCycles: 116, lastCycle: 116, firstLiveBytes: 0, lastLiveBytes: 25165824 });
    const sarif = JSON.parse((await runCli(['lint', '--no-config', LEAK, '--format', 'sarif'])).stdout) as Sarif;
    expect(sarif.runs[0]?.results.map((r) => [r.ruleId, r.level, r.locations[0]?.physicalLocation])).toEqual([
      ['gc-pause-long', 'warning', { artifactLocation: { uri: URI }, region: { startLine: 73, startColumn: 1 } }],
      ['leak-suspected', 'error', { artifactLocation: { uri: URI }, region: { startLine: 116, startColumn: 1 } }],
    ]);
    const analyze = await runCli([LEAK, '--format', 'json', '--fail-on', 'leak']);
    expect(analyze.code).toBe(1);
    const report = JSON.parse(analyze.stdout) as { findings: { ruleId: string; line?: number }[]; gcTraces: { lastGc: unknown }[] };
    expect(report.findings.map((f) => [f.ruleId, f.line])).toEqual([['leak-suspected', 116], ['gc-pause-long', 73]]);
    expect(report.gcTraces[0]?.lastGc).toEqual({ cycle: 116, atSeconds: 12.383, position: { line: 116, column: 1 } });
  });

  it('heap-leak directory: one leak, one finding, at the dumps\' last file, whose why says the log agrees; exit 1', async () => {
    const { code, files } = await lintJson([`${FIXTURES}/scenarios/heap-leak`]);
    expect(code).toBe(1);
    const leaks = files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'leak-suspected').map((m) => [f.filePath.slice(f.filePath.lastIndexOf('/') + 1), m.line, /The GC log gctrace\.log agrees, with high confidence/.test((m as { why?: string }).why ?? '')]));
    // At main.remember's biggest record in the last dump (its line 2).
    expect(leaks).toEqual([['06-t6.heap-debug1.txt', 2, true]]);
  });

  it('the slow leak (0.75 MiB a GC): leak-suspected at line 12 (its last GC), exit 1, in text', async () => {
    const r = await runCli(['lint', '--no-config', SLOW, '--color=never']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(1, 3)).toEqual([SLOW, expect.stringMatching(/^ {2}12:1 {2}error {2}Leak suspected \(high confidence\) in stderr\.log: the live heap after GC keeps rising, 3 → 11 MB over 22\.7 s and 12 GCs; /)]);
  });

  it('gctrace-limit: churn and a plateau under 1–2% GC CPU are no problem (only over.gctrace.log\'s 56 ms pause), exit 0', async () => {
    const { code, files } = await lintJson([LIMIT]);
    expect(code).toBe(0);
    expect(files.filter((f) => f.kind === 'gctrace').map((f) => [f.filePath.slice(f.filePath.lastIndexOf('/') + 1), f.messages.map((m) => [m.ruleId, m.line])])).toEqual([
      ['over.gctrace.log', [['gc-pause-long', 120]]],
      ['sawtooth-256.gctrace.log', []],
      ['sawtooth.gctrace.log', []],
    ]);
  });

  it('GOGC=off (a goal of 8796093022195 MB, 5 forced GCs): gc-off at the last GC line, a warning (exit 0); analyze lists it too', async () => {
    const { code, files } = await lintJson([GCOFF]);
    expect(code).toBe(0);
    expect(files[0]?.messages.map((m) => [m.ruleId, m.severity, m.line, m.message, m.evidence])).toEqual([[
      'gc-off', 1, 5, 'The garbage collector is off (GOGC=off, no GOMEMLIMIT): only forced GCs run, and between them the heap keeps everything the program allocates.',
      { goalMB: 8796093022195, numGC: 5, forcedCycles: 5, goalSource: 'gctrace' },
    ]]);
    const report = JSON.parse((await runCli([GCOFF, '--format', 'json'])).stdout) as { findings: { ruleId: string; line?: number }[] };
    expect(report.findings.map((f) => [f.ruleId, f.line])).toEqual([['gc-off', 5]]);
  });

  it('--gomemlimit: where the heap stood against the limit the process ran with (the README\'s right words), as the dumps\' memory-limit-pressure', async () => {
    // over: 98 MB live under 64 MiB: the limit cannot be met, an error (exit 1), at the last GC; sawtooth (64 MiB): the heap alone 82.8%, "possible": nothing.
    const over = await lintJson([`${LIMIT}/over.gctrace.log`, `${LIMIT}/sawtooth.gctrace.log`, '--gomemlimit', '64MiB']);
    expect(over.code).toBe(1);
    expect(over.files.map((f) => f.messages.map((m) => [m.ruleId, m.severity, m.line, m.message]))).toEqual([
      [['gc-pause-long', 1, 120, "A GC pause took 56 ms (GC cycle 120, line 120 of the log); 4 of the log's 306 GC cycles exceeded 10 ms."],
        ['memory-limit-pressure', 2, 306, "The live heap after the log's last GC (C 98 MB, gc 306, line 306) is above GOMEMLIMIT (64.0 MiB): the limit cannot be met."]],
      [],
    ]);
    expect(over.files[0]?.messages[1]?.evidence).toEqual({ liveBytes: 102760448, heapBytes: 103809024, peakHeapBytes: 104857600, peakCycle: 275, gomemlimitBytes: 67108864, limitSource: 'gctrace' });
    // sawtooth-256: 236–240 MB before each GC under 256 MiB: reached, a warning (exit 0).
    const reached = await lintJson([`${LIMIT}/sawtooth-256.gctrace.log`, '--gomemlimit', '256MiB']);
    expect(reached.code).toBe(0);
    expect(reached.files[0]?.messages.map((m) => [m.ruleId, m.severity, m.line, m.message])).toEqual([
      ['memory-limit-pressure', 1, 11, "The heap reached 93.8% of GOMEMLIMIT (256.0 MiB) before gc 2, and 92.2% before the log's last GC (gc 11, line 11)."],
    ]);
    // analyze --gomemlimit lists the same finding, which its verdict names.
    const report = JSON.parse((await runCli([`${LIMIT}/over.gctrace.log`, '--gomemlimit', '64MiB', '--format', 'json'])).stdout) as { findings: { ruleId: string; severity: string; line?: number }[] };
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([['memory-limit-pressure', 'error', 306], ['gc-pause-long', 'warning', 120]]);
    // Without the limit: nothing about it (the rule is off until the limit is given).
    expect((await lintJson([`${LIMIT}/over.gctrace.log`])).files[0]?.messages.map((m) => m.ruleId)).toEqual(['gc-pause-long']);
  });

  it('--separately: no series rules on a log (as documented), so none of these', async () => {
    const { code, files } = await lintJson([LEAK, GCOFF, '--separately']);
    expect(code).toBe(0);
    expect(files.map((f) => f.messages)).toEqual([[], []]);
  });
});
