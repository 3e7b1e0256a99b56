/**
 * Which goroutine dump a series paired with which snapshot, in `--format json`
 * (series.points[].goroutineDump, series.groupSources), for a folder paired by names and for a
 * stream paired by its order (analyze/moments.ts markStreamMoments), on real Go 1.19.8 captures:
 * - go1.19-pairing43-burstlayout (README there): at five moments heap?debug=1&gc=1,
 *   goroutine?debug=1 and ?debug=2 in sibling folders named by timestamp; 3, 103, 103, 3, 3
 *   goroutines. No field said which dump the verdict's "103 goroutines at the peak" was.
 * - go1.19-audit42-deeprec (README there): plain/ and gc1/ dumps at ten moments, goroutine?debug=1
 *   and ?debug=2 at t19 and t64 only, whose counts differ (38 and 30, 10 and 40).
 * - go1.19-audit39-goroleak (README there): series/ at six moments, goroutines/ at t060 and t220;
 *   main.worker's group 123 → 442, counted in the debug=2 dumps: the group's counts are those two
 *   dumps' (series.groupSources), not the four given.
 * And one growing array alone at the last snapshot (series/index.ts outweighingArrays, docs/reasoning.md §7):
 * - go1.19-audit44-intern (README: "a leak, at BOTH the map (main.go:21, the larger) and the strings"):
 *   its plain dumps read the map's one bucket array 0.8 → 18.1 MiB (27.6 MiB at t56 with its old copy)
 *   and named only "main.ingest +6.5 MiB"; its gc1/ dumps, whose last reading sampled the map's
 *   overflow buckets too (not one object), named the map first.
 * - go1.19-audit43-workermap and -cardinality (READMEs: the map "is what keeps them", "the container
 *   that keeps them"): maps of pointers, their buckets less than what they keep: still the holder.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const B = 'test/fixtures/captured/go1.19-pairing43-burstlayout/run';
const D = 'test/fixtures/captured/go1.19-audit42-deeprec';
const G = 'test/fixtures/captured/go1.19-audit39-goroleak';
const TIMES = ['12:04:26', '12:04:29', '12:04:32', '12:04:36', '12:04:38'].map((t) => `2026-12-07T${t}`);

interface Dump { source: string; kind: string; total: number; other?: Dump }
interface Report { series: { points: { source: string; goroutineDump?: Dump }[]; groupSources?: string[]; growingGroups: { function: string; counts: number[] }[] } }

const stream = (files: readonly string[]): Buffer => Buffer.concat(files.map((f) => readFileSync(f)));

async function json(args: string[], input?: Buffer): Promise<Report> {
  const r = await runCli([...args, '--format', 'json'], input ? { input } : {});
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

/** Each point as `SOURCE ← DUMP (TOTAL) + OTHER (TOTAL)`, its folder's prefix cut. */
function pairing(report: Report, prefix = ''): string[] {
  const cut = (s: string): string => s.replace(prefix, '');
  return report.series.points.map(({ source, goroutineDump: d }) => `${cut(source)} ← ${d ? `${cut(d.source)} ${d.kind} ${d.total}${d.other ? ` + ${cut(d.other.source)} ${d.other.kind} ${d.other.total}` : ''}` : 'none'}`);
}

describe('burstlayout: each snapshot with the goroutine dumps of its moment (go1.19-pairing43-burstlayout)', () => {
  const totals = [3, 103, 103, 3, 3];

  it('the folder: paired by the timestamp in the names across sibling folders, the debug=2 dump\'s count, debug=1\'s beside it', async () => {
    const report = await json([B]);
    expect(pairing(report, `${B}/`)).toEqual(TIMES.map((t, i) => `heap/heap-${t}.txt ← gor2/g-${t}.txt goroutine-traceback ${totals[i] ?? 0} + gor1/g-${t}.txt goroutine ${totals[i] ?? 0}`));
    expect(report.series.groupSources).toEqual(TIMES.map((t) => `${B}/gor2/g-${t}.txt`));
  });

  it('the stream (`cat heap gor1 gor2 … | heapdoc -`): paired by its order, the same dumps at their lines', async () => {
    const input = stream(TIMES.flatMap((t) => [`${B}/heap/heap-${t}.txt`, `${B}/gor1/g-${t}.txt`, `${B}/gor2/g-${t}.txt`]));
    const report = await json(['-'], input);
    expect(pairing(report)).toEqual([
      '-:1 ← -:75 goroutine-traceback 3 + -:46 goroutine 3',
      '-:138 ← -:262 goroutine-traceback 103 + -:194 goroutine 103',
      '-:6925 ← -:7041 goroutine-traceback 103 + -:6981 goroutine 103',
      '-:13694 ← -:13779 goroutine-traceback 3 + -:13750 goroutine 3',
      '-:13832 ← -:13917 goroutine-traceback 3 + -:13888 goroutine 3',
    ]);
    expect(report.series.groupSources).toEqual(['-:75', '-:262', '-:7041', '-:13779', '-:13917']);
  });

  it('the stream with goroutine dumps before their heap dumps (gor2, heap at each moment): each with the heap dump after it', async () => {
    const input = stream(TIMES.flatMap((t) => [`${B}/gor2/g-${t}.txt`, `${B}/heap/heap-${t}.txt`]));
    const report = await json(['-'], input);
    expect(pairing(report)).toEqual([
      '-:64 ← -:1 goroutine-traceback 3',
      '-:6772 ← -:109 goroutine-traceback 103',
      '-:13481 ← -:6828 goroutine-traceback 103',
      '-:13590 ← -:13537 goroutine-traceback 3',
      '-:13699 ← -:13646 goroutine-traceback 3',
    ]);
  });
});

describe('deeprec: goroutine dumps at two of ten moments, counting otherwise in debug=1 and debug=2 (go1.19-audit42-deeprec)', () => {
  it('the folder: t19\'s and t64\'s dumps pair with both dumps of their time (plain/ and gc1/), no other point has one', async () => {
    const report = await json([D]);
    const paired = pairing(report, `${D}/`).filter((p) => !p.endsWith('← none'));
    expect(paired).toEqual([
      'plain/heap-t19.txt ← goroutine/goroutine2-t19.txt goroutine-traceback 30 + goroutine/goroutine1-t19.txt goroutine 38',
      'gc1/heap-t19.txt ← goroutine/goroutine2-t19.txt goroutine-traceback 30 + goroutine/goroutine1-t19.txt goroutine 38',
      'plain/heap-t64.txt ← goroutine/goroutine2-t64.txt goroutine-traceback 40 + goroutine/goroutine1-t64.txt goroutine 10',
      'gc1/heap-t64.txt ← goroutine/goroutine2-t64.txt goroutine-traceback 40 + goroutine/goroutine1-t64.txt goroutine 10',
    ]);
    expect(report.series.points).toHaveLength(20);
  });

  it('the stream as captured (plain, gc1, then at t19 and t64 debug=1 and debug=2): each with the heap dump before it, snapshots 6 and 18 as the verdict says', async () => {
    const input = stream(['05', '12', '19', '27', '34', '42', '49', '57', '64', '72'].flatMap((t) => [
      `${D}/plain/heap-t${t}.txt`, `${D}/gc1/heap-t${t}.txt`, ...(t === '19' || t === '64' ? [`${D}/goroutine/goroutine1-t${t}.txt`, `${D}/goroutine/goroutine2-t${t}.txt`] : []),
    ]));
    const report = await json(['-'], input);
    const points = pairing(report);
    expect(points.flatMap((p, i) => (p.endsWith('← none') ? [] : [`snapshot ${i + 1}: ${p}`]))).toEqual([
      'snapshot 6: -:269 ← -:450 goroutine-traceback 30 + -:330 goroutine 38',
      'snapshot 18: -:2517 ← -:2776 goroutine-traceback 40 + -:2711 goroutine 10',
    ]);
    expect(report.series.groupSources).toEqual(['-:450', '-:2776']);
  });
});

describe('goroleak: the goroutine dumps a group\'s counts are of (go1.19-audit39-goroleak)', () => {
  it('main.worker 123 → 442 in the two debug=2 dumps, each paired with its snapshot, folder and stream alike', async () => {
    const folder = await json([`${G}/series`, `${G}/goroutines`]);
    expect(folder.series.growingGroups.map((g) => `${g.function} ${g.counts.join(' → ')}`)).toEqual(['main.worker 123 → 442']);
    expect(folder.series.groupSources).toEqual([`${G}/goroutines/goroutine2-t060.txt`, `${G}/goroutines/goroutine2-t220.txt`]);
    expect(pairing(folder, `${G}/`)).toEqual([
      'series/heap-t020.txt ← none',
      'series/heap-t060.txt ← goroutines/goroutine2-t060.txt goroutine-traceback 127 + goroutines/goroutine1-t060.txt goroutine 127',
      'series/heap-t100.txt ← none',
      'series/heap-t140.txt ← none',
      'series/heap-t180.txt ← none',
      'series/heap-t220.txt ← goroutines/goroutine2-t220.txt goroutine-traceback 446 + goroutines/goroutine1-t220.txt goroutine 444',
    ]);
    const input = stream([
      `${G}/series/heap-t020.txt`, `${G}/series/heap-t060.txt`, `${G}/goroutines/goroutine1-t060.txt`, `${G}/goroutines/goroutine2-t060.txt`,
      ...['100', '140', '180', '220'].map((t) => `${G}/series/heap-t${t}.txt`), `${G}/goroutines/goroutine1-t220.txt`, `${G}/goroutines/goroutine2-t220.txt`,
    ]);
    const piped = await json(['-'], input);
    expect(piped.series.growingGroups.map((g) => `${g.function} ${g.counts.join(' → ')}`)).toEqual(['main.worker 123 → 442']);
    expect(piped.series.groupSources).toEqual(['-:128', '-:1234']);
    expect(pairing(piped)).toEqual([
      '-:1 ← none',
      '-:43 ← -:128 goroutine-traceback 127 + -:85 goroutine 127',
      '-:927 ← none',
      '-:993 ← none',
      '-:1059 ← none',
      '-:1125 ← -:1234 goroutine-traceback 446 + -:1191 goroutine 444',
    ]);
  });
});

const C = 'test/fixtures/captured';

interface HolderSeries { verdict: { summary: string }; growingSites: { function: string; line: number; growthBytes: number; inuseBytes: number[]; oldCopyAt?: number[] }[]; growingHolder?: { function: string; line: number; objects: number } }

async function holderSeries(path: string): Promise<HolderSeries> {
  const r = await runCli([path, '--format', 'json']);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { series: HolderSeries }).series;
}

const siteNames = (s: HolderSeries): string[] => s.growingSites.map((x) => `${x.function}:${x.line}`);

describe('one growing array alone at the last snapshot: a growing site where it outweighs the growing sites, else the holder', () => {
  it('go1.19-audit44-intern plain/: the interning map (+17.2 MiB, its old copy at t56) beside the strings (+6.5 MiB), as gc1/ names them', async () => {
    const plain = await holderSeries(`${C}/go1.19-audit44-intern/plain`);
    expect(plain.verdict.summary).toBe("Leak suspected (medium confidence): growing sites: main.intern +17.2 MiB (an array that grows by copying, as a map's buckets do: its old copy is freed after each grow), main.ingest +6.5 MiB.");
    expect(plain.growingSites.map((x) => [x.function, x.line, x.growthBytes, x.inuseBytes, x.oldCopyAt])).toEqual([
      ['main.intern', 21, 18_060_961, [878_943, 2_393_666, 4_735_542, 9_469_952, 10_518_816, 28_934_288, 18_939_904], [5]],
      ['main.ingest', 32, 6_815_952, [524_304, 2_097_216, 5_243_040, 5_243_040, 6_291_648, 6_815_952, 7_340_256], undefined],
    ]);
    expect(plain.growingHolder).toBeUndefined();
    const gc1 = await holderSeries(`${C}/go1.19-audit44-intern/gc1`);
    expect(siteNames(gc1)).toEqual(['main.intern:21', 'main.ingest:32']);
  });

  it('lint says the same of the plain dumps', async () => {
    const r = await runCli(['lint', `${C}/go1.19-audit44-intern/plain`, '--color=never']);
    expect(r.stdout.split('\n').filter((l) => l.includes('leak-suspected')).map((l) => l.trim().replace(/\s{2,}/g, ' | '))).toEqual([
      '2:1 | error | Leak suspected (medium confidence) across 7 snapshots, heap-t06.txt → heap-t68.txt: growing main.intern 858.3 KiB → 18.1 MiB, main.ingest 512.0 KiB → 7.0 MiB. | leak-suspected',
    ]);
  });

  it('go1.19-audit43-workermap and -cardinality: maps of pointers, outweighed by what they keep, stay the holder', async () => {
    const workermap = await holderSeries(`${C}/go1.19-audit43-workermap/plain`);
    expect(siteNames(workermap)).toEqual(['main.produce:35', 'fmt.Sprintf:220']);
    expect(workermap.growingHolder).toMatchObject({ function: 'main.worker', line: 26, objects: 1 });
    const cardinality = await holderSeries(`${C}/go1.19-audit43-cardinality/gc1`);
    expect(siteNames(cardinality)).toEqual(['main.observe:33', 'main.observe:29', 'fmt.Sprintf:220']);
    expect(cardinality.growingHolder).toMatchObject({ function: 'main.observe', line: 34, objects: 1 });
  });
});
