/**
 * Audit 34: the go1.21 peak program's five phases (samples/go1.21/peak/default, baseline → idle)
 * with --go-version 1.21 said "The heap keeps it (296.0 MiB idle, 6.4 MiB released at snapshot 5):
 * the scavenger returns idle memory gradually." beside its own idle-heap-retained finding ("Since
 * go1.21 the background scavenger skips chunks …, so this memory can stay for a long time") and the
 * corpus README (go1.21+ returned none of it until FreeOSMemory). Both say one thing now, by version.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const DIR = 'samples/go1.21/peak/default';
const PHASES = ['baseline', 'peak', 'after-release', 'after-gc', 'idle'].map((p) => `${DIR}/${p}.heap-debug1.txt`);
const KEEPS = 'The heap keeps it (296.0 MiB idle, 6.4 MiB released at snapshot 5).';
const SKIPS = 'skips chunks that were dense in the last two GC cycles, and an idle program runs no GC cycles, so this memory can stay for a long time';
const GRADUAL = 'The background scavenger returns idle memory gradually (it keeps ~10% headroom over the heap goal and works at ~1% of a CPU).';

interface Finding { ruleId: string; source: string; why: string }
interface Report { series: { verdict: { kind: string; confidence: string; summary: string } }; findings: Finding[] }

async function report(args: string[]): Promise<Report> {
  const r = await runCli([...PHASES, ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

describe('audit34: what the scavenger does with a retained peak, by Go version', () => {
  it('--go-version 1.21: the series says what the idle-heap-retained finding says, line for line', async () => {
    const r = await runCli([...PHASES, '--go-version', '1.21']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toBe(KEEPS);
    expect(lines[2]).toBe(`Since go1.21 the background scavenger ${SKIPS}.`);
    expect(r.stdout).not.toContain('returns idle memory gradually');
    const json = await report(['--go-version', '1.21']);
    expect(json.series.verdict.kind).toBe('peak-retention');
    expect(json.series.verdict.confidence).toBe('high');
    expect(json.series.verdict.summary).toContain(`${KEEPS} Since go1.21 the background scavenger ${SKIPS}. To lower the peak: main.handleRequest (main.go:30)`);
    const idle = json.findings.find((f) => f.ruleId === 'idle-heap-retained' && f.source.endsWith('idle.heap-debug1.txt'));
    expect(idle?.why).toContain(`Since go1.21 the background scavenger ${SKIPS}.`);
  });

  it('--go-version 1.19: the gradual return, as before', async () => {
    const json = await report(['--go-version', '1.19']);
    expect(json.series.verdict.summary).toContain(`${KEEPS} ${GRADUAL} To lower the peak:`);
  });

  it('no version (these dumps carry no toolchain path to infer it from): both, and --go-version to choose', async () => {
    const json = await report([]);
    expect(json.series.verdict.summary).toContain(`${KEEPS} ${GRADUAL} On go1.21 and later it ${SKIPS} (the dumps do not say which Go wrote them: --go-version does). To lower the peak:`);
  });
});
