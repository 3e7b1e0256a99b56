/**
 * Site growth weighed against sampling noise and the live heap (go1.19.8 captures in
 * test/fixtures/captured/go1.19-audit37/{timeafter,intern-gogc100}, READMEs there):
 *  - timeafter: time.After timers held 20 s, then fired; ?gc=1 snapshots 1–8 alone were "Leak
 *    suspected (medium confidence): growing sites: time.NewTimer ← main.loop +3.0 MiB" while the
 *    live heap held at 4.7 → 4.4 MiB: the site gained 3 samples in the later half, within sampling
 *    error (verdict.ts laterRiseBeyondSamplingError);
 *  - intern-gogc100: a map of interned keys that grows forever was "Cannot tell yet … but no site
 *    grows with it": main.makeKey fell once by 2 samples, over the larger of half its average rise
 *    and one sample, now their sum (trend.ts fallSlack).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const D = 'test/fixtures/captured/go1.19-audit37';
const timer = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `${D}/timeafter/series/heap-gc1-${String(from + i).padStart(2, '0')}.txt`);
const intern = Array.from({ length: 6 }, (_, i) => `${D}/intern-gogc100/heap-${i + 1}.txt`);

interface Site { function: string; line: number; growthBytes: number; inuseBytes: number[] }
interface Report { series: { verdict: { kind: string; leak: string; confidence: string; summary: string }; growingSites: Site[] } }

async function analyze(files: string[], ...flags: string[]): Promise<{ code: number; report: Report }> {
  const r = await runCli([...files, '--format', 'json', ...flags]);
  expect(r.stderr).toBe('');
  return { code: r.code ?? -1, report: JSON.parse(r.stdout) as Report };
}

describe('audit37: a site\'s rise within sampling error beside a live heap that held; a site\'s one sampled dip', () => {
  it('timeafter 1–8: a plateau, not "Leak suspected" of time.NewTimer on 3 samples gained in the later half; --fail-on leak exits 0', async () => {
    const { code, report } = await analyze(timer(1, 8), '--fail-on', 'leak');
    expect(code).toBe(0);
    expect(report.series.verdict).toMatchObject({ kind: 'stable', leak: 'not-suspected', confidence: 'high' });
    expect(report.series.verdict.summary).toBe('A plateau, not a leak: the live heap rose from 435.9 KiB to 4.0 MiB by snapshot 4, then stayed near 4.4 MiB through snapshot 8: it grew at 3 steps, then stopped. Growing, but not yet evidence: time.NewTimer ← main.loop (main.go:23) +3.0 MiB.');
    // Still listed as growing (it never fell), but no evidence alone: 1.5 → 3.0 MiB in the later half, 3 → 6 samples.
    expect(report.series.growingSites.map((s) => [s.function, s.line, s.growthBytes])).toEqual([['time.NewTimer', 87, 3145980]]);
    expect(report.series.growingSites[0]?.inuseBytes).toEqual([0, 1048672, 1048672, 1048672, 1573008, 1572972, 2621644, 3145980]);
  });

  it('timeafter 1–8: lint finds no leak-suspected', async () => {
    const r = await runCli(['lint', ...timer(1, 8)]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('leak-suspected');
  });

  it('timeafter, all 14 snapshots: still peak retention', async () => {
    const { report } = await analyze(timer(1, 14));
    expect(report.series.verdict.summary).toBe('Peak retention, not a leak: live heap fell from 4.7 MiB to 376.1 KiB while HeapSys stays at its 7.7 MiB high-water mark, most of it address space only: 6.3 MiB released to the OS (on Linux, out of RSS unless GODEBUG=madvdontneed=0), 280.0 KiB idle (held for reuse).');
  });

  it('intern-gogc100: main.makeKey\'s one fall of 2 samples is noise, as the live heap\'s one fall is: leak suspected, medium', async () => {
    const { code, report } = await analyze(intern, '--fail-on', 'leak');
    expect(code).toBe(1);
    expect(report.series.verdict).toMatchObject({ kind: 'leak', leak: 'suspected', confidence: 'medium' });
    expect(report.series.verdict.summary).toBe('Leak suspected (medium confidence): live heap as of each snapshot\'s last GC (NextGC ÷ 2 at GOGC=100, as the name says) 5.0 MiB → 38.6 MiB across 5 snapshots taken at different GCs (snapshots 1→5), rising at 3 of 4 steps and holding between them — 5.0 MiB → 10.9 MiB at snapshot 2, 10.9 MiB → 19.6 MiB at snapshot 3, 20.3 MiB → 38.6 MiB at snapshot 5: a staircase, doubling at each rise, as a buffer or slice that keeps growing climbs (bytes.Buffer doubles its capacity when it is full, append grows a large slice by about a quarter: each time a new, larger copy, which holds until it fills): it held before and rose again, so that it holds at the end is no sign it stopped; HeapAlloc, read between GCs, went 7.1 MiB → 45.5 MiB; growing sites: main.makeKey +7.5 MiB.');
    // 1.0 → 2.0 → 3.5 → 2.5 → 8.5 MiB: the fall, 1,048,624 bytes, is over half the average rise (983,085) and over one sample, not their sum.
    expect(report.series.growingSites.map((s) => [s.function, s.line, s.growthBytes, s.inuseBytes])).toEqual([['main.makeKey', 31, 7864680, [1048624, 2097248, 3670184, 2621560, 8913304]]]);
  });
});
