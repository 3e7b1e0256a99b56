/**
 * A fact about a process's GC history that its snapshots repeat (the same pause in the PauseNs
 * ring, the same GCCPUFraction after the same cycle) is said once by analyze, by the earliest
 * snapshot that holds it, in the words lint says it (analyze/rules/repeated-facts.ts).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const BURST = 'test/fixtures/captured/go1.19-auditC/cap-burst2';
const MEMTEST = 'test/fixtures/captured/go1.19-memtest/cache-gc1';
const THRASH = 'test/fixtures/captured/go1.19-audit-verdicts/e-thrash';

type Report = { findings: { ruleId: string; source: string; line?: number; message: string }[] };
type Lint = { filePath: string; messages: { ruleId: string; line: number; message: string }[] }[];
const GC = /^(gc-cpu-high|gc-pause-long|max-gc-cpu-fraction)$/;
const analyzed = (stdout: string): string[] => (JSON.parse(stdout) as Report).findings.filter((f) => GC.test(f.ruleId))
  .map((f) => `${f.source.split('/').pop() ?? ''}:${f.line ?? 0} ${f.ruleId}: ${f.message}`);
const linted = (stdout: string): string[] => (JSON.parse(stdout) as Lint).flatMap((r) => r.messages.filter((m) => GC.test(m.ruleId))
  .map((m) => `${r.filePath.split('/').pop() ?? ''}:${m.line} ${m.ruleId}: ${m.message}`));

describe('analyze says each GC fact of a series once, as lint does', () => {
  it('cap-burst2: 15.9% after cycle 5 in five dumps, once at heap.5.txt, the latest that holds it (was five times); every time with --separately (ten inputs)', async () => {
    const expected = ['heap.5.txt:256 gc-cpu-high: The GC had used 15.9% of the available CPU since the process started, as of the last GC (cycle 5).'];
    expect(analyzed((await runCli(['analyze', '--format', 'json', BURST])).stdout)).toEqual(expected);
    expect(linted((await runCli(['lint', '--no-config', '--format', 'json', BURST])).stdout)).toEqual(expected);
    // Apart, each of heap.1-5.txt and vars.1-5.json says it (heap.6 and vars.6 are after cycle 6).
    expect(analyzed((await runCli(['analyze', '--format', 'json', '--separately', BURST])).stdout)).toHaveLength(10);
    // Its latest snapshot, heap.6.txt (0.17% after cycle 7), does not hold it: the text report's latest findings do not list it.
    const text = (await runCli(['analyze', BURST])).stdout;
    expect(text).not.toContain('15.9%');
    expect(text).toContain('6 more findings in earlier snapshots (--format json lists them all).');
  });

  it('memtest: the 38.19 ms pause of cycle 9, once at 05-t5 with its counts as lint says it, and still in the text report\'s latest findings', async () => {
    const expected = ['05-t5.heap-debug1.txt.gz:4260 gc-pause-long: A GC pause took 38.19 ms (GC cycle 9); 1 of the last 48 pauses exceeded 10.00 ms.'];
    expect(analyzed((await runCli(['analyze', '--format', 'json', MEMTEST])).stdout)).toEqual(expected);
    expect(linted((await runCli(['lint', '--no-config', '--format', 'json', MEMTEST])).stdout)).toEqual(expected);
    const text = (await runCli(['analyze', MEMTEST])).stdout;
    // Said by the latest dump, after its own idle-heap-retained.
    expect(text).toContain('Findings (latest snapshot)\n  warning idle-heap-retained: 21.8 MiB of idle heap is retained');
    expect(text).toContain('\n  warning gc-pause-long: A GC pause took 38.19 ms (GC cycle 9); 1 of the last 48 pauses exceeded 10.00 ms.\n');
    // Its three earlier idle-heap-retained are no longer in the JSON either (judged at the latest, audit 34): nothing hidden.
    expect(text).not.toContain('in earlier snapshots');
  });

  it('e-thrash: a new pause at each moment is a new fact; the GC CPU share of one process is one (was four): analyze and lint say the same four', async () => {
    const a = analyzed((await runCli(['analyze', '--format', 'json', THRASH])).stdout);
    expect(a).toEqual([
      '04-moment4.heap-debug1.txt:160 gc-cpu-high: The GC had used 16.9% to 19.4% of the available CPU since the process started in 4 snapshots (as of GC cycles 380 to 1,536).',
      '01-moment1.heap-debug1.txt:42 gc-pause-long: A GC pause took 12.77 ms (GC cycle 297); 2 of the last 256 pauses exceeded 10.00 ms.',
      '02-moment2.heap-debug1.txt:139 gc-pause-long: A GC pause took 17.56 ms (GC cycle 411); 10 of the last 256 pauses exceeded 10.00 ms.',
      '04-moment4.heap-debug1.txt:156 gc-pause-long: A GC pause took 11.68 ms (GC cycle 1298); 1 of the last 256 pauses exceeded 10.00 ms.',
    ]);
    // The series' finding at the last dump's `# GCCPUFraction` (line 160), in lint too.
    expect([...a].sort()).toEqual(linted((await runCli(['lint', '--no-config', '--format', 'json', THRASH])).stdout).sort());
  });
});
