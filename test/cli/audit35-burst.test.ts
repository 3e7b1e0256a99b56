/**
 * Audit 35: one burst read as a rate, and a memory limit a series forgot.
 *  - go1.19-audit35-burst/gogcoff (GOGC=off, one 200 MiB burst, then ~60 KiB a step) was "HeapAlloc
 *    grew by 28.6 MiB between snapshots (19.1 MiB/s), and grows so until the process is killed": the
 *    burst's mean over seven steps. The same burst with the GC on (default/) has no growth rate in its
 *    verdict; the table's allocation rate, a mean of that one step too, now says so.
 *  - go1.19-audit35-burst/memlimit with --gomemlimit 64MiB was "The heap keeps it (2.0 MiB idle,
 *    180.0 MiB released at snapshot 8)": the scavenger had returned it under the limit while the heap
 *    grew, so HeapReleased at the peak counted much of it already.
 *  - The corpus's go1.23 peak under GOMEMLIMIT=100MiB: one dump says "A memory limit is likely set";
 *    the series said it nowhere, and its gc-cpu-high blamed the allocation rate ("TotalAlloc is 1061×
 *    the live heap", the live heap left after the free) and advised "a GOMEMLIMIT with GOGC=off".
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const DIR = 'test/fixtures/captured/go1.19-audit35-burst';
const dumps = (mode: string): string[] => [1, 2, 3, 4, 5, 6, 7, 8].map((i) => `${DIR}/${mode}/heap.${i}.txt`);
const PEAK = 'test/fixtures/corpus/go1.23/peak/gomemlimit100MiB';
const PHASES = ['baseline', 'peak', 'after-release', 'after-gc', 'idle', 'after-free'].map((p) => `${PEAK}.${p}.heap-debug1.txt`);

interface Finding { ruleId: string; source: string; scope?: string; why: string; fix: string; evidence?: Record<string, number | string> }
interface Report {
  series: { verdict: { kind: string; summary: string }; allocation: { bytesPerGC?: number; bytesPerSecond?: number; burst?: { from: number; to: number; bytes: number } } };
  findings: Finding[];
}

async function run(args: string[]): Promise<{ text: string; markdown: string; json: Report }> {
  const [text, markdown, json] = await Promise.all([runCli(args), runCli([...args, '--format', 'markdown']), runCli([...args, '--format', 'json'])]);
  for (const r of [text, markdown, json]) {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }
  return { text: text.stdout, markdown: markdown.stdout, json: JSON.parse(json.stdout) as Report };
}

const BURST_GROWTH = 'HeapAlloc rose by 200.2 MiB at one step, snapshots 1→2, and by 61.5 KiB a step since';

describe('audit35: a burst under GOGC=off is one step, then the rate since', () => {
  it('--interval 1.5s: the step apart, 61.5 KiB a step (41.0 KiB/s) after it, in text, Markdown and JSON', async () => {
    const { text, markdown, json } = await run([...dumps('gogcoff'), '--interval', '1.5s']);
    const sentence = `${BURST_GROWTH} (41.0 KiB/s), and grows so until the process is killed.`;
    expect(text.split('\n')[1]).toBe(sentence);
    expect(text).not.toContain('28.6 MiB');
    expect(json.series.verdict.summary).toContain(`HeapAlloc 296.6 KiB → 200.8 MiB is everything allocated since the process started, not the live heap. ${sentence} Set GOGC`);
    expect(markdown).toContain(sentence);
    expect(text).toContain('  allocation rate: 19.1 MiB/s; of it, one step (snapshots 1→2) allocated 200.2 MiB: a burst, not a rate kept up\n');
    expect(json.series.allocation.burst).toEqual({ from: 1, to: 2, bytes: 209886144 });
  });

  it('without --interval: per step, and how to have it per second', async () => {
    const { text } = await run(dumps('gogcoff'));
    expect(text.split('\n')[1]).toBe(`${BURST_GROWTH} (--interval gives it per second), and grows so until the process is killed.`);
  });

  it('the steps after the burst alone have no step to set apart: their mean, as before', async () => {
    const { text } = await run([...dumps('gogcoff').slice(1), '--interval', '1.5s']);
    expect(text.split('\n')[1]).toBe('HeapAlloc grew by 61.5 KiB between snapshots (41.0 KiB/s), and grows so until the process is killed.');
    expect(text).toContain('  allocation rate: 41.0 KiB/s\n');
  });

  it('the GC on: no growth rate in the verdict; the table names the burst under its mean', async () => {
    const { text, markdown, json } = await run([...dumps('default'), '--interval', '1.5s']);
    expect(text.split('\n')[0]).toBe('Cannot tell yet whether memory leaks: only 2 GC-separated snapshots (3 are needed); not enough GC cycles between snapshots — take more over a longer time, or add ?gc=1 to the heap URL so each snapshot follows a GC.');
    // One GC cycle, fewer than rateMinCycles and no dump read right after a forced GC: the bytes over it, not a rate per cycle.
    const rate = '200.6 MiB over 1 GC cycle, 19.1 MiB/s; of it, one step (snapshots 1→2) allocated 200.3 MiB: a burst, not a rate kept up';
    expect(text).toContain(`  allocation rate: ${rate}\n`);
    expect(markdown).toContain(`| allocation rate | ${rate} |`);
    expect(json.series.allocation.burst).toEqual({ from: 1, to: 2, bytes: 209996496 });
  });
});

describe('audit35: a burst under GOMEMLIMIT that went back to the OS while it grew', () => {
  it('--gomemlimit 64MiB: a one-off peak, returned by snapshot 3 counted from before the step', async () => {
    const { text, markdown, json } = await run([...dumps('memlimit'), '--gomemlimit', '64MiB']);
    const after = 'By snapshot 3, 151.6 MiB of it had gone back to the OS (HeapReleased 2.8 MiB at snapshot 1 → 154.4 MiB; 2.0 MiB idle, 180.0 MiB released at snapshot 8): HeapSys stays 183.3 MiB, address space the heap keeps, not memory it holds.';
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^A one-off peak, not a leak: one step, snapshots 1→2, allocated 200\.2 MiB /);
    expect(lines[1]).toBe(after);
    expect(text).not.toContain('The heap keeps it');
    expect(text).not.toContain('returns idle memory gradually');
    expect(json.series.verdict.kind).toBe('peak-retention');
    expect(json.series.verdict.summary).toContain(after);
    expect(markdown).toContain(after);
  });
});

describe('audit35: the go1.23 peak under GOMEMLIMIT=100MiB keeps its memory-limit marks in a series', () => {
  const seen = 'At snapshot 2, a memory limit is likely set (GOMEMLIMIT, or a very low GOGC): the heap goal sits at the live heap (NextGC 300.3 MiB, 300.3 MiB live as of the last GC, where GOGC=100 sets about twice it), only 15.0 MiB is allocated per GC cycle (since the snapshot before; GOGC=100 alone allows about the live heap), so the GC ran 20 times and used 7.5% of the CPU; pass --gomemlimit to check against it.';

  it('the verdict says where the marks were seen; gc-cpu-high keeps that snapshot\'s words, no allocation rate blamed nor GOMEMLIMIT advised', async () => {
    const { text, markdown, json } = await run(PHASES);
    expect(text.split('\n')[3]).toBe(seen);
    expect(json.series.verdict.summary.endsWith(` ${seen}`)).toBe(true);
    expect(markdown).toContain(seen);
    const cpu = json.findings.filter((f) => f.ruleId === 'gc-cpu-high');
    expect(cpu).toHaveLength(1);
    const [f] = cpu;
    expect(f?.scope).toBe('series');
    expect(f?.source).toBe(`${PEAK}.after-free.heap-debug1.txt`);
    expect(f?.why).toBe('GCCPUFraction = 0.07464305673014765; 20 GC cycles have run. The runtime updates the fraction only when a GC cycle ends, so it is that cycle\'s figure however long ago it ran. A memory limit is likely set: the heap goal sits at the live heap (NextGC 300.3 MiB, 300.3 MiB live as of the last GC, where GOGC=100 sets about twice it), only 15.0 MiB is allocated per GC cycle (GOGC=100 alone allows about the live heap), so the GC ran 20 times and used 7.5% of the CPU.');
    expect(f?.fix.startsWith('The limit makes the GC run this often: raise it above the live heap with headroom, or reduce the live heap.')).toBe(true);
    expect(f?.evidence).toMatchObject({ gcCpuFraction: 0.07464305673014765, numGC: 20, memoryLimit: 'likely', snapshots: 3, lowestGcCpuFraction: 0.06255063902803513, highestGcCpuFraction: 0.07975677269322852, firstNumGC: 20, lastNumGC: 25 });
    for (const out of [text, markdown, JSON.stringify(json)]) {
      expect(out).not.toContain('allocation rate drives GC frequency');
      expect(out).not.toContain('GOMEMLIMIT with GOGC=off');
    }
  });

  it('one dump alone: its verdict and gc-cpu-high as before', async () => {
    const { text, json } = await run([`${PEAK}.peak.heap-debug1.txt`]);
    // One dump alone weighs its average per cycle since the start, not since a snapshot before.
    expect(text.split('\n')[3]).toBe(`A memory limit is likely set${seen.slice('At snapshot 2, a memory limit is likely set'.length).replace('(since the snapshot before; ', '(')}`);
    const f = json.findings.find((x) => x.ruleId === 'gc-cpu-high');
    expect(f?.evidence).toEqual({ gcCpuFraction: 0.07464305673014765, numGC: 20, memoryLimit: 'likely' });
  });
});
