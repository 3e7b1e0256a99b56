/**
 * Four go1.19 programs, each dumped with and without ?gc=1 at the same seven moments
 * (test/fixtures/captured/go1.19-audit36, README there):
 *  - pool's mixed series (plain dumps beside ?gc=1 ones) was "Peak retention, not a leak … keeps its
 *    7.7 MiB high-water mark (3.5 MiB idle, 3.0 MiB released)", though HeapSys was 7.7 MiB from the
 *    first dump and HeapReleased flat: its ?gc=1 dumps alone say churn, and so must the mixed series;
 *  - pool's sync.Pool New site, one sample up and down (0 → 544.7 KiB → … → 1.1 MiB), was listed under
 *    "Growing allocation sites";
 *  - mapclear's main.fill, 0 → 80.8 → 146.6 MiB then flat at five GCs, was "Growing, but not yet evidence",
 *    then listed under "Growing allocation sites" (and Markdown's "Growing sites") with "— grew, then
 *    held (not growing now)" after its trend: it has a heading of its own now.
 */
import { describe, expect, it } from 'vitest';
import { reportJson, reportLines, runCli } from '../helpers/cli.js';

const D = 'test/fixtures/captured/go1.19-audit36';
const mixed = (p: string): string[] => [`${D}/${p}/series-plain`, `${D}/${p}/series-gc`];

interface Site { function: string; growthBytes: number; inuseBytes: number[]; heldFrom?: number }
interface Report { series: { verdict: { kind: string; leak: string; confidence: string; summary: string; evidence: unknown[] }; growingSites: Site[] } }

describe('audit36: peak retention needs a peak; a site that held or only moves is not growing', () => {
  it('pool/series-gc: churn, and the pool\'s New site, one sample up and down, is listed nowhere as growing', async () => {
    const out = await reportLines([`${D}/pool/series-gc`]);
    expect(out.slice(0, 2)).toEqual([
      'Churn, not a leak: 27.8 MiB allocated a step on average (166.8 MiB over 6 steps between snapshots) while the live heap moves between 566.6 KiB and 985.9 KiB across 7 GC-separated snapshots without rising steadily, with no site or goroutine group growing steadily; the Go heap\'s cost is GC work.',
      "The snapshots count only what Go holds: memory from cgo, syscall.Mmap or mmap-ed files is in no MemStats field; if the process's RSS (VmRSS in /proc/PID/status) is well above the 15.1 MiB Go holds or grew across them, give it with --rss FILE (a VmRSS line per snapshot) to see how much is outside the Go heap.",
    ]);
    expect(out.join('\n')).not.toContain('Growing allocation sites');
    expect(out.join('\n')).not.toContain('Growing, but not yet evidence');
    const j = await reportJson<Report>([`${D}/pool/series-gc`]);
    expect(j.series.verdict).toMatchObject({ kind: 'churn', leak: 'not-suspected', confidence: 'low', evidence: [] });
    expect(j.series.growingSites).toEqual([]);
    const md = (await runCli([`${D}/pool/series-gc`, '--format', 'markdown'])).stdout;
    expect(md).not.toContain('Growing sites:');
  });

  it('pool mixed (plain and ?gc=1 dumps): the ?gc=1 dumps\' churn, not "Peak retention" of a high-water mark there from the first dump', async () => {
    const out = await reportLines(mixed('pool'));
    expect(out[0]).toBe('Churn, not a leak: 13.0 MiB allocated a step on average (168.6 MiB over 13 steps between snapshots) while the live heap moves between 566.6 KiB and 985.9 KiB without rising steadily across the 7 GC-separated snapshots read right after a forced GC (snapshots 2→14, ?gc=1), and 722.8 KiB to 3.1 MiB at snapshots 1, 3, 5, 7, 9, 11 and 1 more, read between GCs (their HeapAlloc counts the garbage made since the last GC), with no site or goroutine group growing steadily; the Go heap\'s cost is GC work.');
    expect(out).toContain('  HeapSys       7.7 MiB ×3 → 7.6 MiB → 7.7 MiB ×10');
    expect(out.join('\n')).not.toContain('Peak retention');
    const j = await reportJson<Report>(mixed('pool'));
    expect(j.series.verdict).toMatchObject({ kind: 'churn', leak: 'not-suspected', confidence: 'low', evidence: [] });
    // The ?gc=1 dumps alone: the same kind.
    expect((await reportJson<Report>([`${D}/pool/series-gc`])).series.verdict.kind).toBe('churn');
    expect(j.series.growingSites).toEqual([]);
  });

  it('mapclear/series-gc: main.fill grew, then held — said apart, in the verdict, the text table, Markdown and JSON', async () => {
    const out = await reportLines([`${D}/mapclear/series-gc`]);
    expect(out.slice(0, 2)).toEqual([
      'A plateau, not a leak: the live heap rose from 1.4 MiB to 146.8 MiB by snapshot 3, then stayed near 146.8 MiB through snapshot 7: it grew at 2 steps, then stopped.',
      'Grew, then held (not growing now): main.fill +146.6 MiB.',
    ]);
    expect(out.join('\n')).not.toContain('Growing, but not yet evidence');
    // Under a heading of its own, never "Growing allocation sites": it is not growing now.
    expect(out).not.toContain('Growing allocation sites (in use, one snapshot per GC epoch)');
    const table = out.indexOf('Allocation sites that grew, then held (not growing now; in use, one snapshot per GC epoch)');
    expect(out.slice(table + 1, table + 4)).toEqual([
      '  +146.6 MiB  main.fill  …/captures/mapclear/main.go:21',
      '              0 B → 80.8 MiB → 146.6 MiB → 146.6 MiB → 146.6 MiB → 146.6 MiB → 146.6 MiB',
      '',
    ]);
    const j = await reportJson<Report>([`${D}/mapclear/series-gc`]);
    expect(j.series.verdict).toMatchObject({ kind: 'stable', leak: 'not-suspected', confidence: 'high', evidence: [] });
    expect(j.series.growingSites.map((s) => [s.function, s.growthBytes, s.heldFrom])).toEqual([['main.fill', 153747456, 2]]);
    const md = (await runCli([`${D}/mapclear/series-gc`, '--format', 'markdown'])).stdout.split('\n');
    expect(md).not.toContain('Growing sites:');
    const heading = md.indexOf('Allocation sites that grew, then held (not growing now):');
    expect(md.slice(heading + 1, heading + 4)).toEqual(['', '- <code>main.fill</code> (…/captures/mapclear/main.go:21) +146.6 MiB (0 B → 80.8 MiB → 146.6 MiB → 146.6 MiB → 146.6 MiB → 146.6 MiB → 146.6 MiB)', '']);
  });

  it('mapclear/series-plain alone: a plateau from HeapAlloc read before any GC, an upper bound of the live heap then', async () => {
    // Snapshots 2 and 3 (HeapAlloc 115.4, 231.9 MiB) exceed their own profiles beyond 10 %: read between GCs, so the readings after a
    // forced GC, 146.8 → 147.9 MiB, only held; snapshot 1's 295.5 KiB (NumGC 0) is where they rose from at most. Was "Stable".
    const j = await reportJson<Report>([`${D}/mapclear/series-plain`]);
    expect(j.series.verdict).toMatchObject({ kind: 'stable', leak: 'not-suspected', confidence: 'high' });
    expect(j.series.verdict.summary).toBe("A plateau, not a leak: the live heap rose from at most 295.5 KiB at snapshot 1 to 146.8 MiB by snapshot 4, then stayed near 147.9 MiB through snapshot 7 (the 4 GC-separated snapshots read right after a forced GC, ?gc=1 or the program's runtime.GC()), and 295.5 KiB, 115.4 MiB and 231.9 MiB at snapshots 1, 2 and 3, read between GCs (their HeapAlloc counts the garbage made since the last GC), with no site or goroutine group growing steadily: it grew, then stopped.");
  });

  it('the other mixed folders keep their verdicts: mapclear a plateau, goleak a leak (high), oneoff a one-off peak', async () => {
    const map = await reportJson<Report>(mixed('mapclear'));
    expect(map.series.verdict).toMatchObject({ kind: 'stable', leak: 'not-suspected', confidence: 'high' });
    expect(map.series.verdict.summary).toMatch(/^A plateau, not a leak: the live heap rose from 1\.4 MiB to 146\.8 MiB by snapshot 6, then stayed near 146\.8 MiB through snapshot 14 /);
    expect(map.series.verdict.summary).toContain(' Grew, then held (not growing now): main.fill +146.6 MiB.');
    const leak = await reportJson<Report>(mixed('goleak'));
    expect(leak.series.verdict).toMatchObject({ kind: 'leak', leak: 'suspected', confidence: 'high' });
    expect(leak.series.growingSites.map((s) => [s.function, s.growthBytes, s.heldFrom])).toEqual([['main.produce', 9052885, undefined]]);
    const oneoff = await reportJson<Report>(mixed('oneoff'));
    expect(oneoff.series.verdict).toMatchObject({ kind: 'peak-retention', leak: 'not-suspected', confidence: 'high' });
    expect(oneoff.series.verdict.summary).toMatch(/^A one-off peak, not a leak: one step, snapshots 2→3, allocated 201\.1 MiB /);
  });
});
