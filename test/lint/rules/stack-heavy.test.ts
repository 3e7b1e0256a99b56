import { ruleTable } from './driver.js';
import { describe, expect, it } from 'vitest';
import { analyzeMetrics, analyzeVars } from '../../helpers/exposed.js';
import { readCorpus } from '../../helpers/fixtures.js';

ruleTable('stack-heavy', {
  valid: [
    { file: 'go1.23/peak/default.idle.heap-debug1.txt' },
    { file: 'go1.23/stacks/exited.heap-debug1.txt', name: 'the goroutines have exited: their stacks went back to the heap' },
    { file: 'go1.23/stacks/deep.heap-debug1.txt', name: 'a threshold above the stacks', options: { stackMinBytes: 1 << 30 } },
  ],
  invalid: [
    {
      name: 'thousands of goroutines with deep stacks',
      file: 'go1.23/stacks/deep.heap-debug1.txt',
      findings: [{ line: 22, column: 3, severity: 'warning', message: "Goroutine stacks take 125.4 MiB (94.4% of what Go holds), more than HeapAlloc 827.7 KiB (no GC has run yet, NumGC 0: everything allocated since the process started, live or not)." }],
    },
    {
      name: 'a live heap larger than the stacks is not called smaller (thresholds lowered)',
      file: 'go1.23/leak/snap5.heap-debug1.txt',
      options: { stackMinBytes: 1 << 20, stackMinShare: 0.01 },
      findings: [{ message: 'Goroutine stacks take 1.9 MiB (6.5% of what Go holds), beside a live heap of 21.8 MiB.' }],
    },
    {
      name: '10000 waiting goroutines of the seed program',
      file: 'go1.19/seed/routine2.after-wait.heap-debug1.txt',
      findings: [{ message: /^Goroutine stacks take/ }],
    },
  ],
});

describe('stack-heavy on a /metrics scrape, which says how many goroutines exist now', () => {
  const burst = readCorpus('go1.19/exposition/burst/metrics.5.txt');

  it('the burst: 7 goroutines hold 19.9 MiB of stacks only if deep, so they are most likely the starting-size stacks of exited ones — a peak', () => {
    const f = analyzeMetrics(burst).findings.find((x) => x.ruleId === 'stack-heavy');
    expect(f?.message).toBe("Goroutine stacks take 19.9 MiB (52.8% of what Go holds), more than the live heap's 6.0 MiB.");
    // A scrape has no goroutine stacks and no descriptors to tell exited goroutines from a few deep
    // ones (go1.19-audit28-deepstack: 4 goroutines, 128.3 MiB): both are said. go1.19's gfput keeps
    // a stack with the exited goroutine only at the starting size; a grown one is freed at exit.
    expect(f?.why).toBe('StackInuse = 19.9 MiB is enough for about 10,192 goroutines at the 2 KiB minimum, and the process reports 7 (go_goroutines), 2.8 MiB each: more than most goroutines hold, so these are most likely the starting-size stacks of goroutines that have exited, or a few deep ones. A stack that outgrows itself is copied to one twice its size, and the old one is freed. A goroutine that exits keeps its stack only at the starting size (with its descriptor, for reuse, until a GC frees it); a stack that grew is freed at exit (at the end of the cycle when a GC is running), and freed stack spans go back to the heap as idle memory.');
    expect(f?.fix).toBe('If a burst of goroutines came and went, this is a peak, not a leak: the next GC frees their stacks, and the scavenger (or debug.FreeOSMemory) returns them to the OS; bound concurrency (a worker pool or a semaphore) to lower the peak. If a goroutine dump (goroutine?debug=2) shows a few goroutines deep in recursion instead, make the recursion iterative.');
    // At the go_memstats_stack_sys_bytes sample (a heap dump prints it on `# Stack = a / b`).
    expect(f).toMatchObject({ line: 81, column: 1 });
  });

  it('10,000 goroutines reported: about 2 KiB each, and the advice to look at them stays', () => {
    const f = analyzeMetrics(burst.replace(/^go_goroutines 7$/m, 'go_goroutines 10000')).findings.find((x) => x.ruleId === 'stack-heavy');
    expect(f?.why).toContain('and the process reports 10,000 (go_goroutines), 2.0 KiB each: deep stacks, or stacks of goroutines that have exited.');
    expect(f?.fix).toMatch(/^Take a goroutine profile/);
  });
});

describe('stack-heavy on /debug/vars', () => {
  it('is placed at the "StackSys" key, as the file\'s other findings are at theirs', () => {
    const findings = analyzeVars('corpus/go1.19/exposition/burst/vars.1.json').findings;
    expect(findings.find((x) => x.ruleId === 'stack-heavy')).toMatchObject({ line: 3, column: 261 });
    // Its GCCPUFraction is of 2 GC cycles (no gc-cpu-high: gcCpuMinCycles); another vars file's, after 5, is at its key.
    expect(findings.find((x) => x.ruleId === 'gc-cpu-high')).toBeUndefined();
    expect(analyzeVars('captured/go1.19-auditC/cap-burst2/vars.1.json').findings.find((x) => x.ruleId === 'gc-cpu-high')).toMatchObject({ line: 3, column: 1688 });
  });
});
