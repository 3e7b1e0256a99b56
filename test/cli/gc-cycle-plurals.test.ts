/** One GC cycle is "1 GC cycle" (countOf), in the rules that count them: the corpus' go1.19 leak/snap1, taken after its first GC (NumGC = 1). */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const SNAP1 = 'test/fixtures/corpus/go1.19/leak/snap1.heap-debug1.txt';

describe('one GC cycle, singular', () => {
  it('memory-limit-pressure, gc-cpu-high and max-gc-cpu-fraction after NumGC = 1 (were "1 GC cycles have run", "after 1 GC cycles")', async () => {
    const r = await runCli(['lint', '--no-config', '--format', 'json', '--gomemlimit', '1MiB', '--rule', 'max-gc-cpu-fraction=warn:0',
      '--rule', 'gc-cpu-high=warn:gcCpuFraction=0,gcCpuMinCycles=0', SNAP1]);
    const why = Object.fromEntries((JSON.parse(r.stdout) as { messages: { ruleId: string; why: string }[] }[]).flatMap((f) => f.messages).map((m) => [m.ruleId, m.why]));
    expect(why['memory-limit-pressure']).toBe('GOMEMLIMIT bounds Sys − HeapReleased (14.9 MiB now). No collection can free live objects, so the GC runs back to back, capped at about half the CPU to avoid a death spiral, and the process stays over the limit; 1 GC cycle has run (GCCPUFraction 0.0%).');
    expect(why['gc-cpu-high']).toBe("GCCPUFraction = 0.00005317771109787405; 1 GC cycle has run. The runtime updates the fraction only when a GC cycle ends, so it is that cycle's figure however long ago it ran.");
    expect(why['max-gc-cpu-fraction']).toBe('GCCPUFraction = 0.00005317771109787405 after 1 GC cycle. The fraction covers the whole life of the process, so a burst long ago still weighs in.');
  });
});
