/**
 * gc-cpu-high on a pointer-dense live heap held since startup. The captured go1.19-audit42-ptrdense
 * (README.md and main.go beside it): main.build makes a 2,000,000-node *node list and a *string
 * each at startup (main.go:21–22), then keeps them (80–87 MiB, 4.1 M objects of 16–24 B); the main
 * loop makes small garbage (main.go:39). Each GC's cost is marking those 4 M objects (the GC log:
 * 0.4–1.6 s of concurrent mark per cycle), not the one-time build, which the fix told the reader to
 * allocate less in. And lint put the finding at heap-t72.txt, whose own GCCPUFraction (4.45%) is
 * under the threshold, with no line: now at the latest dump that crossed it (heap-t19.txt), at its
 * GCCPUFraction line.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const DIR = 'test/fixtures/captured/go1.19-audit42-ptrdense/gc1';

interface Finding { ruleId: string; message: string; why: string; fix: string; source: string }
interface SarifResult { ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number } } }> }

describe('gc-cpu-high on a pointer-dense heap built once (go1.19-audit42-ptrdense)', () => {
  it('says marking the live heap is each cycle\'s cost and leaves main.build out of "allocate less"', async () => {
    const r = await runCli([DIR, '--format', 'json']);
    expect(r.code).toBe(0);
    const f = (JSON.parse(r.stdout) as { findings: Finding[] }).findings.find((x) => x.ruleId === 'gc-cpu-high');
    expect(f?.message).toBe("The GC had used 5.2% to 8.1% of the available CPU since the process started in 3 of the series' 10 snapshots (as of GC cycles 5 to 8).");
    expect(f?.why).toBe('GCCPUFraction = 0.051567397060248356; 8 GC cycles have run. The runtime updates the fraction only when a GC cycle ends, so it is that cycle\'s figure however long ago it ran. '
      + 'TotalAlloc is 3.0× the live heap: allocation rate drives GC frequency. '
      + 'The live heap is 4,149,064 objects in 83.3 MiB (21 B each on average), 78.5 MiB of it held by what main.build (main.go:22) and main.build (main.go:21) allocated once and keep (in use ≈ allocated): '
      + 'every GC cycle marks all of it, so marking this pointer-dense heap is each cycle\'s cost.');
    expect(f?.fix).toBe('Make each cycle\'s mark cheaper with fewer objects and pointers where main.build (main.go:22) and main.build (main.go:21) keep them '
      + '(index into a slab []T instead of linking *T, values instead of pointers such as *string), or run fewer cycles with a higher GOGC or a GOMEMLIMIT with GOGC=off if memory allows. '
      + "Allocate less where the dump says the program allocates most: main.main (main.go:39), 167.0 MiB since the process started (67.7% of what the dump counts allocated, the profiler's own left out): "
      + 'the garbage is what starts the cycles.');
  });

  it('lint puts it at the latest dump that crossed the threshold, at its GCCPUFraction line (SARIF region too)', async () => {
    const stylish = await runCli(['lint', DIR]);
    expect(stylish.code).toBe(0);
    expect(stylish.stdout).toContain(`${DIR}/heap-t19.txt\n  56:3  warning  The GC had used 5.2% to 8.1% of the available CPU since the process started in 3 of the series' 10 snapshots (as of GC cycles 5 to 8).  gc-cpu-high\n`);
    const sarif = await runCli(['lint', DIR, '--format', 'sarif']);
    expect(sarif.code).toBe(0);
    const results = (JSON.parse(sarif.stdout) as { runs: Array<{ results: SarifResult[] }> }).runs[0]?.results ?? [];
    expect(results.filter((x) => x.ruleId === 'gc-cpu-high').map((x) => x.locations[0]?.physicalLocation)).toEqual([
      { artifactLocation: { uri: `${DIR}/heap-t19.txt` }, region: { startLine: 56, startColumn: 3 } },
    ]);
  });
});
