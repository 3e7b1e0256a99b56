/**
 * A burst of 4,000 goroutines, ~64 KiB of stack each, that all exited (go1.19.8; the captures and
 * the program in test/fixtures/captured/go1.19-audit27-burst, README there). StackInuse 352 KiB →
 * 250.3 MiB → 7.0 → 6.8 → 6.7 MiB; HeapSys 3.7 → 317 MiB and kept, 313 MiB of it released. It was
 * "A plateau, not a leak" (the 4,000 goroutine descriptors the runtime keeps, 1.6 MiB, read as a
 * live heap that grew), its stacks "fell to 352.0 KiB at snapshot 1 … a burst in flight"; moments
 * 2–5 were "Churn"; moments 1–3 "Cannot tell yet"; its GC log "Stable"; and the text report divided
 * 6.7 MiB of stacks by 3 goroutines.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const F = 'test/fixtures/captured/go1.19-audit27-burst';
const B = `${F}/burst`;
const heaps = (...moments: number[]): string[] => moments.map((m) => `${B}/0${m}.heap.txt`);

interface Verdict { kind?: string; leak: string; confidence?: string; evidence?: unknown[]; summary: string }
interface Report { verdict: Verdict; series?: { verdict: Verdict; points: { stackInuse: number }[] }; gcTraces?: { stacksMB: number[]; verdict: Verdict }[] }

async function analyze(args: string[]): Promise<{ report: Report; stderr: string; code: number | null }> {
  const r = await runCli([...args, '--format', 'json']);
  return { report: JSON.parse(r.stdout) as Report, stderr: r.stderr, code: r.code };
}

const HEAPSYS = 'and the freed stack spans are heap the runtime keeps (HeapSys 317.3 MiB: 1.7 MiB idle, 313.0 MiB released).';

describe('a burst of 4,000 goroutines that exited: peak retention (reasoning.md §7)', () => {
  it('the whole folder (heap, vars, goroutine debug=1 and debug=2 dumps of 5 moments): the burst and its kept descriptors, counted from the goroutine dumps', async () => {
    const { report, stderr, code } = await analyze([B, '--fail-on', 'leak']);
    expect(code).toBe(0);
    expect(stderr).toBe('heapdoc: 5 inputs are other captures of a moment already read (the same folder and file stem: 01.vars.json beside 01.heap.txt): one snapshot per moment\n');
    expect(report.series?.points.map((p) => p.stackInuse)).toEqual([360448, 262504448, 7307264, 7176192, 7045120]);
    expect(report.series?.verdict).toEqual({
      kind: 'peak-retention', leak: 'not-suspected', confidence: 'high', evidence: [],
      summary: `Peak retention, not a leak: a burst of goroutines came and went — 4,003 goroutines at the peak, 3 in the last goroutine dump; their stacks (StackInuse) 352.0 KiB → 250.3 MiB at snapshot 2 → 6.7 MiB, ${HEAPSYS} Live heap 165.8 KiB → 1.8 MiB across 5 GC-separated snapshots (snapshots 1→5): the descriptors of the 4,000 goroutines the burst added (416 B each: 1.6 MiB), which the runtime keeps for reuse — a cost of the peak, not growth.`,
    });
    expect(report.verdict.leak).toBe('not-suspected');
  });

  it('the heap dumps alone: the descriptors bounded by the objects the heap gained (HeapObjects 840 → 5,229)', async () => {
    const { report, stderr } = await analyze(heaps(1, 2, 3, 4, 5));
    expect(stderr).toBe('');
    expect(report.series?.verdict).toEqual({
      kind: 'peak-retention', leak: 'not-suspected', confidence: 'high', evidence: [],
      summary: `Peak retention, not a leak: a burst of goroutines came and went — their stacks (StackInuse) 352.0 KiB → 250.3 MiB at snapshot 2 → 6.7 MiB, ${HEAPSYS} Live heap 165.8 KiB → 1.8 MiB across 5 GC-separated snapshots (snapshots 1→5): the descriptors of the burst's goroutines (a g of 416 B each, one heap object: HeapObjects rose by 4,389), which the runtime keeps for reuse — a cost of the peak, not growth.`,
    });
  });

  it('moments 2–5, the burst on at the first: seen ending, not "Churn" from the profiler\'s 60 MiB debug=2 buffer', async () => {
    const { report } = await analyze(heaps(2, 3, 4, 5));
    expect(report.series?.verdict).toEqual({
      kind: 'peak-retention', leak: 'not-suspected', confidence: 'high', evidence: [],
      // The burst was on at the first: the descriptors it made are all there already, no count rose to tell more goroutines from deeper stacks.
      summary: `Peak retention, not a leak: a stack peak (more goroutines, or deeper stacks) was on at the first snapshot and ended — their stacks (StackInuse) fell from 250.3 MiB at snapshot 1 to 6.7 MiB, ${HEAPSYS}`,
    });
  });

  it('moments 1–3 (before, during, after): the same, not "Cannot tell yet"', async () => {
    const { report } = await analyze(heaps(1, 2, 3));
    expect(report.series?.verdict).toEqual({
      kind: 'peak-retention', leak: 'not-suspected', confidence: 'high', evidence: [],
      summary: 'Peak retention, not a leak: a burst of goroutines came and went — their stacks (StackInuse) 352.0 KiB → 250.3 MiB at snapshot 2 → 7.0 MiB, and the freed stack spans are heap the runtime keeps (HeapSys 317.0 MiB: 249.8 MiB idle, 64.6 MiB released). Live heap 165.8 KiB → 1.8 MiB across 3 GC-separated snapshots (snapshots 1→3): the descriptors of the burst\'s goroutines (a g of 416 B each, one heap object: HeapObjects rose by 4,384), which the runtime keeps for reuse — a cost of the peak, not growth.',
    });
  });

  it('its /debug/vars alone (no profile to size a g): the burst, its descriptors sized by the live heap\'s rise per object gained (was "A plateau")', async () => {
    const { report } = await analyze([1, 2, 3, 4, 5].map((m) => `${B}/0${m}.vars.json`));
    expect(report.series?.verdict).toEqual({
      kind: 'peak-retention', leak: 'not-suspected', confidence: 'high', evidence: [],
      summary: 'Peak retention, not a leak: a burst of goroutines came and went — their stacks (StackInuse) 384.0 KiB → 250.4 MiB at snapshot 2 → 6.7 MiB, and the freed stack spans are heap the runtime keeps (HeapSys 317.3 MiB: 1.5 MiB idle, 313.0 MiB released). Live heap 212.7 KiB → 1.9 MiB across 5 GC-separated snapshots (snapshots 1→5): the descriptors of the burst\'s goroutines (the live heap gained 4,870 objects, 363 B each, about a g\'s size: 416–480 B in go1.19–go1.26; no heap profile here says it), which the runtime keeps for reuse — a cost of the peak, not growth.',
    });
    // With the goroutine dumps of the same moments, the goroutines they count size each descriptor.
    const { report: counted } = await analyze([1, 2, 3, 4, 5].flatMap((m) => [`${B}/0${m}.vars.json`, `${B}/0${m}.goroutine1.txt`]));
    expect(counted.series?.verdict.summary).toContain('the descriptors of the 4,000 goroutines the goroutine dumps count beyond the first (442 B each, about a g\'s size: 416–480 B in go1.19–go1.26; no heap profile here says it)');
  });

  it('the seed article\'s burst scenario (10,000 goroutines), its /debug/vars or its /metrics alone: peak retention (were "Cannot tell yet" and "A plateau")', async () => {
    const S = 'test/fixtures/scenarios/burst';
    const moments = ['01-baseline', '02-peak', '03-after-wait', '04-after-gc', '05-after-free', '06-idle'];
    for (const [ext, said] of [['vars.json', 'HeapAlloc, read between GCs, gained 9,438 objects, 459 B each'], ['metrics.txt', 'HeapAlloc, read between GCs, gained 9,461 objects, 459 B each']] as const) {
      const { report } = await analyze(moments.map((m) => `${S}/${m}.${ext}`));
      expect([ext, report.series?.verdict.kind, report.series?.verdict.confidence]).toEqual([ext, 'peak-retention', 'high']);
      expect(report.series?.verdict.summary).toContain(`the descriptors of the burst's goroutines (${said}, about a g's size`);
    }
  });

  it('the GC log of the same run: the stacks column 0 → 220 → 250 → 0 MB is the peak, not "Stable" at 0–2 MB', async () => {
    const { report, code } = await analyze([`${F}/burst.gctrace.log`, '--fail-on', 'leak']);
    expect(code).toBe(0);
    const [log] = report.gcTraces ?? [];
    expect(log?.stacksMB).toEqual([0, 220, 250, 0, 0, 0]);
    expect(log?.verdict).toEqual({
      kind: 'peak-retention', leak: 'not-suspected', evidence: [], confidence: 'high',
      summary: 'Peak, not a leak: a stack peak (more goroutines, or deeper stacks) came and went — the goroutine stacks the GC scans (its "MB stacks") rose 0 → 250 MB (gc 3) and fell back to 0 MB, while the live heap after GC stayed between 0 and 2 MB over 6.9 s and 6 GCs: the stacks, not the live heap, grew the process, and their freed spans are heap the runtime keeps until the scavenger returns it.',
    });
  });
});

describe('StackInuse per goroutine: printed only where the goroutines can outweigh the runtime\'s own stacks', () => {
  const line = (out: string): string | undefined => out.split('\n').find((l) => l.includes('per goroutine on average'));

  it('3 goroutines beside 6.7 MiB of stacks (and 352 KiB before the burst): no average', async () => {
    const after = await runCli([B, '--color=never']);
    expect(after.stdout).toContain(`  ${B}/05.goroutine2.txt: 3 goroutines in 3 groups (goroutine?debug=2)\n`);
    expect(line(after.stdout)).toBeUndefined();
    const before = await runCli([`${B}/01.heap.txt`, `${B}/01.goroutine1.txt`, '--color=never']);
    expect(before.stdout).toContain(`  ${B}/01.goroutine1.txt: 3 goroutines in 3 groups (goroutine?debug=1)\n`);
    expect(line(before.stdout)).toBeUndefined();
  });

  it('4,003 goroutines beside 250.3 MiB at the peak: 64.0 KiB each, their ~64 KiB stacks', async () => {
    const peak = await runCli([`${B}/02.heap.txt`, `${B}/02.goroutine1.txt`, '--color=never']);
    expect(line(peak.stdout)).toBe('  StackInuse 250.3 MiB / 4,003 goroutines = 64.0 KiB per goroutine on average (they start at 2 KiB).');
  });
});

describe("the allocation rate is the program's: the debug=2 dump's 66.0 MiB buffer is the profiler's own (reasoning.md §7)", () => {
  // TotalAlloc 306,608 → 75,575,424 bytes over 5 GC cycles; the profiler's sites' allocated bytes
  // rose by 69,162,892 (runtime/pprof.writeGoroutineStacks' buffer for 4,003 tracebacks). The rate
  // read "14.4 MiB per GC cycle, 9.0 MiB/s" from TotalAlloc while the verdict's figures left it out.
  it('text, Markdown and JSON: 1.2 MiB per GC cycle and 745.4 KiB/s with --interval 2s, the 66.0 MiB left out said once', async () => {
    const [text, markdown, json] = await Promise.all([
      runCli([B, '--interval', '2s', '--color=never']),
      runCli([B, '--interval', '2s', '--format', 'markdown']),
      runCli([B, '--interval', '2s', '--format', 'json']),
    ]);
    expect(text.stdout.split('\n').filter((l) => l.includes('allocation rate'))).toEqual(["  allocation rate: 1.2 MiB per GC cycle, 745.4 KiB/s (the profiler's own 66.0 MiB left out)"]);
    expect(markdown.stdout.split('\n').filter((l) => l.includes('allocation rate'))).toEqual(["| allocation rate | 1.2 MiB per GC cycle, 745.4 KiB/s (the profiler's own 66.0 MiB left out) |"]);
    const series = (JSON.parse(json.stdout) as { series: { allocation: unknown; points: { totalAlloc: number }[] } }).series;
    expect(series.points.map((p) => p.totalAlloc)).toEqual([306608, 3718848, 73261344, 74408560, 75575424]);
    // (75,575,424 − 306,608 − 69,162,892) / 5 GC cycles, and / 8 s.
    expect(series.allocation).toEqual({ bytesPerGC: 1221184.8, bytesPerSecond: 763240.5, profilerBytes: 69162892 });
  });

  it('moments 2–5: the rate is the bytes the verdict weighs for churn, 1.2 MiB a cycle', async () => {
    const r = await runCli([...heaps(2, 3, 4, 5), '--format', 'json']);
    const series = (JSON.parse(r.stdout) as { series: { allocation: unknown; verdict: { kind: string } } }).series;
    expect(series.allocation).toEqual({ bytesPerGC: 3906380 / 3, profilerBytes: 67950196 });
    expect(series.verdict.kind).toBe('peak-retention');
  });

  it('a profiler share under 1% of what TotalAlloc counted is left out without a word (limit-gc1: 0.5 MiB of 240 MiB)', async () => {
    const r = await runCli(['test/fixtures/captured/go1.19-audit27-limit/limit-gc1', '--color=never']);
    expect(r.stdout.split('\n').filter((l) => l.includes('allocation rate'))).toEqual(['  allocation rate: 24.0 MiB per GC cycle']);
    const json = await runCli(['test/fixtures/captured/go1.19-audit27-limit/limit-gc1', '--format', 'json']);
    expect((JSON.parse(json.stdout) as { series: { allocation: unknown } }).series.allocation).toEqual({ bytesPerGC: 25132983, profilerBytes: 532522 });
  });
});
