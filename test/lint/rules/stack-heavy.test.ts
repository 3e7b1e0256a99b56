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
      findings: [{ line: 22, column: 3, severity: 'warning', message: "Goroutine stacks take 125.4 MiB (94.4% of what Go holds), more than the live heap's 827.7 KiB." }],
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

  it('the burst: 7 goroutines cannot hold 19.9 MiB of stacks, so they are the stacks of exited ones — a peak', () => {
    const f = analyzeMetrics(burst).findings.find((x) => x.ruleId === 'stack-heavy');
    expect(f?.message).toBe("Goroutine stacks take 19.9 MiB (52.8% of what Go holds), more than the live heap's 6.0 MiB.");
    expect(f?.why).toBe('StackInuse = 19.9 MiB is enough for about 10,192 goroutines at the 2 KiB minimum, and the process reports 7 (go_goroutines), 2.8 MiB each: too much for deep stacks, so these are mostly the stacks of goroutines that have exited. Goroutines that have exited keep their stacks until the next GC; then the stack spans go back to the heap as idle memory.');
    expect(f?.fix).toMatch(/^A burst of goroutines came and went: this is a peak, not a leak\./);
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
