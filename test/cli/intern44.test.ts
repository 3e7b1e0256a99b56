/**
 * Audit 44 F16 and F9 (docs/reasoning.md §7). go1.19-audit44-intern (README.md there): a string-interning map
 * that never drops a key; its buckets (main.go:21) read 2.3 → 4.5 → 9.0 → 10.0 → 27.6 → 18.1 → 19.6 MiB after
 * ?gc=1, the t46 dump taken mid-grow (the old bucket array, 9,469,952 bytes, beside the new 18,939,904: gctrace
 * gc 9 `36->36->35 MB`, then gc 11 `39->39->26 MB`). That dip dropped the map from the growing sites and kept the
 * live heap out of the evidence: "Leak suspected (medium confidence): growing sites: main.ingest +7.0 MiB."
 * go1.19-audit44-twoleaks: main.leakSlow's "+2.0 MiB" rested on 2 → 6 samples (it kept +1.2 MiB), said without its basis.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const INTERN = 'test/fixtures/captured/go1.19-audit44-intern';
const TWOLEAKS = 'test/fixtures/captured/go1.19-audit44-twoleaks';

interface Site { function: string; line: number; growthBytes: number; inuseBytes: number[]; samples?: number[]; monotonic: boolean; oldCopyAt?: number[] }
interface Series { verdict: { confidence: string; evidence: { kind: string }[]; summary: string }; growingSites: Site[]; growingHolder?: unknown }
async function series(path: string): Promise<Series> {
  const r = await runCli(['analyze', path, '--format', 'json']);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  return (JSON.parse(r.stdout) as { series: Series }).series;
}
async function text(path: string): Promise<string[]> {
  const r = await runCli(['analyze', path]);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  return r.stdout.split('\n');
}
/** The lines of the report's section that starts with `title`, up to the blank line after it. */
function section(lines: readonly string[], title: string): string[] {
  const from = lines.findIndex((l) => l.startsWith(title));
  const to = lines.findIndex((l, i) => i > from && l === '');
  return lines.slice(from, to);
}

const OLD_COPY = "an array that grows by copying, as a map's buckets do: its old copy is freed after each grow";

describe('F16: a map mid-grow is no fall (intern, ?gc=1 dumps)', () => {
  it('names the map among the growing sites, the live heap rise counted, its dip said as the old array freed', async () => {
    const lines = await text(`${INTERN}/gc1`);
    expect(lines[0]).toBe(`Leak suspected (medium confidence): live heap 3.4 MiB → 28.8 MiB across 7 GC-separated snapshots (snapshots 1→7), rising at 5 of 6 steps: its one fall, 7.9 MiB at snapshot 6, is the old array of main.intern, freed after it grew (snapshot 5 held both): no reversal; growing sites: main.intern +17.3 MiB (${OLD_COPY}), main.ingest +7.0 MiB.`);
    expect(section(lines, 'Growing allocation sites')).toEqual([
      'Growing allocation sites (in use, one snapshot per GC epoch)',
      '  +17.3 MiB   main.intern  …/captures/intern/main.go:21',
      `              (${OLD_COPY})`,
      '              2.3 MiB → 4.5 MiB → 9.0 MiB → 10.0 MiB → 27.6 MiB → 18.1 MiB → 19.6 MiB',
      '  +7.0 MiB    main.ingest  …/captures/intern/main.go:32',
      '              (the estimate rests on 4 → 18 samples: ±3.7 MiB)',
      '              2.0 MiB → 5.0 MiB → 5.0 MiB → 6.0 MiB → 6.5 MiB → 7.0 MiB → 9.0 MiB',
    ]);
  });

  it('JSON: the map site monotonic through its old copy at t46 (oldCopyAt [4]), the live heap evidence', async () => {
    const s = await series(`${INTERN}/gc1`);
    expect(s.verdict.evidence.map((e) => e.kind)).toEqual(['live-heap', 'sites']);
    expect(s.verdict.confidence).toBe('medium');
    expect(s.growingSites.map((x) => [x.function, x.line, x.growthBytes, x.inuseBytes, x.monotonic, x.oldCopyAt])).toEqual([
      ['main.intern', 21, 18_119_534, [2_393_666, 4_735_542, 9_469_952, 10_518_816, 28_934_288, 18_939_904, 20_513_200], true, [4]],
      ['main.ingest', 32, 7_340_256, [2_097_216, 5_243_040, 5_243_040, 6_291_648, 6_815_952, 7_340_256, 9_437_472], true, undefined],
    ]);
    // A growing site now, the map is no longer said apart as the growing holder.
    expect(s.growingHolder).toBeUndefined();
  });

  // pairing45: one array alone at the last snapshot (1 object) whose rise outweighs the growing sites' is a growing site too (test/cli/pairing45.test.ts).
  it('plain dumps: the map, one array alone at the last snapshot, outweighs the strings: a growing site, as in gc1/', async () => {
    const s = await series(`${INTERN}/plain`);
    expect(s.verdict.summary).toBe(`Leak suspected (medium confidence): growing sites: main.intern +17.2 MiB (${OLD_COPY}), main.ingest +6.5 MiB.`);
    expect(s.growingHolder).toBeUndefined();
  });

  it('the GC log alone: its staircase names a map beside a buffer and a slice', async () => {
    const r = await runCli(['analyze', `${INTERN}/gctrace.log`]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe("test/fixtures/captured/go1.19-audit44-intern/gctrace.log: Cannot tell from this log whether memory leaks: the live heap's floor after GC (the least C from each GC on) rose, held and rose again — 3 rises, 3 → 7 → 13 → 26 MB (2 MB → 3 MB → 3 MB → 7 MB → 7 MB → 13 MB → 13 MB → 14 MB → 26 MB → 26 MB → 26 MB → 28 MB over all 12 GCs): a staircase, as a map, buffer or slice that keeps growing climbs (a map's bucket array doubles when the map is full, bytes.Buffer doubles its capacity when it is full, append grows a large slice by about a quarter: each time a new, larger array, which holds until it fills): it held before and rose again, so that it holds at the end is no sign it stopped.");
  });
});

describe('F9: the Growing allocation sites table gives the basis of an estimate that rests on few samples (twoleaks, ?gc=1 dumps)', () => {
  it('the table says main.leakSlow +2.0 MiB rests on 2 → 6 samples, ±2.0 MiB; main.leakFast (4 → 36 samples) nothing more', async () => {
    const lines = await text(`${TWOLEAKS}/gc1`);
    expect(lines[0]).toBe('Leak suspected (high confidence): live heap 3.1 MiB → 28.8 MiB across 7 GC-separated snapshots (snapshots 1→7); growing sites: main.leakFast +20.3 MiB, main.leakSlow +2.0 MiB (rough: 2 → 6 samples).');
    expect(section(lines, 'Growing allocation sites')).toEqual([
      'Growing allocation sites (in use, one snapshot per GC epoch)',
      '  +20.3 MiB   main.leakFast  …/captures/twoleaks/main.go:20',
      '              2.5 MiB → 7.0 MiB → 12.1 MiB → 15.2 MiB → 16.5 MiB → 19.7 MiB → 22.9 MiB',
      '  +2.0 MiB    main.leakSlow  …/captures/twoleaks/main.go:31',
      '              (the estimate rests on 2 → 6 samples: ±2.0 MiB)',
      '              1.0 MiB → 1.0 MiB → 1.0 MiB → 1.0 MiB → 1.5 MiB → 2.0 MiB → 3.0 MiB',
    ]);
    const s = await series(`${TWOLEAKS}/gc1`);
    expect(s.growingSites.map((x) => [x.function, x.samples?.map(Math.round)])).toEqual([
      ['main.leakFast', [4, 11, 19, 24, 26, 31, 36]],
      ['main.leakSlow', [2, 2, 2, 2, 3, 4, 6]],
    ]);
  });
});
