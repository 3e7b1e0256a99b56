/**
 * holder44 (test/fixtures/captured/go1.19-audit43-workermap, README there): `seen :=
 * make(map[string][]byte)` at main.go:21 "does not escape" while `seen[ev.id] = ev.payload` at
 * main.go:26 grows on the heap. The -m join says whose "does not escape" it is (the map's header, on
 * main.worker's stack) and where the buckets come from (runtime.makeBucketArray from
 * runtime.hashGrow, overflow buckets by runtime.(*hmap).newoverflow: the dump's two stacks under
 * main.go:26, 0x40faae 0x411379 0x414507 and 0x40f478 0x414733, by go tool addr2line on the same
 * program rebuilt with go1.19.8). And the growing array is found in the plain dumps too, whose
 * profiles are as of each dump's last GC. go1.19-holder44-stackmap has both kinds of heap buckets of
 * a map that does not escape: runtime.makemap's for a hint over 8 (main.go:21) and the growth's
 * (main.go:33).
 */
import { describe, expect, it } from 'vitest';
import { reportJson, reportLines, runCli } from '../helpers/cli.js';

const W = 'test/fixtures/captured/go1.19-audit43-workermap';
const S = 'test/fixtures/captured/go1.19-holder44-stackmap';
const I = 'test/fixtures/captured/go1.19-audit37/intern-gogc100';

const WORKER_JOIN = 'the compiler reports nothing about heap values at ./main.go:26; this allocation is the runtime\'s, made for this line: its 2 stacks have 2 to 3 runtime PCs under the line that a debug=1 dump does not print, most often a map\'s growth or an append\'s, which -m does not report; the map made at ./main.go:21:14 (make(map[string][]byte) does not escape) has its header and first bucket on main.worker\'s stack, but the bucket arrays it grows into are allocated on the heap (runtime.makeBucketArray from runtime.hashGrow; overflow buckets by runtime.(*hmap).newoverflow): if ./main.go:26 stores into that map, this allocation is its buckets, and "does not escape" is said of the header';

interface Site { function: string; line: number; escapeStatus?: string; escapeExplanation?: string; escape?: unknown[] }
interface Holder { function: string; file: string; line: number; objects: number; inuseBytes: number[]; arrayBytes?: number; asOfLastGC?: boolean; mapBuckets?: boolean }
interface Report { snapshots: { profile: { sites: Site[] } }[]; series: { growingHolder?: Holder }; findings: { ruleId: string; fix: string }[] }

/** The report's lines under the site `fn` (its row, its file line, the join). */
function under(lines: readonly string[], fn: string): string[] {
  const at = lines.findIndex((l) => l.endsWith(`  ${fn}`));
  expect(at).toBeGreaterThan(0);
  return lines.slice(at, at + 3);
}

describe('the -m join at main.go:26: the map\'s header on main.worker\'s stack, its buckets on the heap', () => {
  it('gc1 with escape-m2.txt: the text report under the 22.3 MiB site', async () => {
    const lines = await reportLines([`${W}/gc1`, '--escape', `${W}/escape-m2.txt`]);
    expect(under(lines, 'main.worker')).toEqual([
      '   22.3 MiB         1    48.3 MiB  main.worker',
      '                                   …/captures/workermap/main.go:26',
      `                                   ${WORKER_JOIN}`,
    ]);
  });

  it('one dump with plain -m (escape-m.txt, which declares worker as inlinable): the same words', async () => {
    const lines = await reportLines([`${W}/gc1/heap-t68.txt`, '--escape', `${W}/escape-m.txt`]);
    expect(under(lines, 'main.worker')[2]).toBe(`                                   ${WORKER_JOIN}`);
  });

  it('JSON: escapeExplanation says it, escapeStatus stays silent and escape empty (the make is not the site\'s line)', async () => {
    const report = await reportJson<Report>([`${W}/gc1`, '--escape', `${W}/escape-m2.txt`]);
    const worker = report.snapshots.at(-1)?.profile.sites.find((s) => s.function === 'main.worker');
    expect(worker?.escapeStatus).toBe('silent');
    expect(worker?.escape).toEqual([]);
    expect(worker?.escapeExplanation).toBe(WORKER_JOIN);
    // main.produce's line has heap values of its own: no map sentence there.
    const produce = report.snapshots.at(-1)?.profile.sites.find((s) => s.function === 'main.produce');
    expect(produce?.escapeStatus).toBe('agrees');
    expect(produce?.escapeExplanation).not.toContain('does not escape" is said of the header');
  });
});

describe('plain/ (read between GCs): the growing array found, as of each dump\'s last GC', () => {
  it('JSON: series.growingHolder is main.worker main.go:26, one 11.2 MiB array beside 3 sampled overflow buckets', async () => {
    const report = await reportJson<Report>([`${W}/plain`]);
    expect(report.series.growingHolder).toEqual({
      function: 'main.worker', file: '/tmp/audit43/captures/workermap/main.go', line: 26, objects: 1,
      inuseBytes: [976608, 1561627, 9309274, 5849171, 11698176, 11698176, 13271568], arrayBytes: 11698176, asOfLastGC: true,
    });
  });

  it('text: the leak\'s fix names it, with the figures\' moment', async () => {
    const r = await runCli([`${W}/plain`]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('         What keeps them may be what main.worker allocates at main.go:26 (one 11.2 MiB object beside 1.5 MiB of smaller ones, 953.7 KiB → 12.7 MiB across the series, figures as of each dump\'s last GC where it was read between GCs): one array that the runtime reallocates larger as it fills and frees the old copy, as a map\'s buckets or an appended slice\'s backing array grow, so it rises by jumps and is not among the sites that grew at every step.');
    expect(lines.filter((l) => l.includes('What keeps them may be'))).toHaveLength(1);
  });

  it('lint says the same holder (its summaries keep the stacks of objects of 1 MiB or more)', async () => {
    const r = await runCli(['lint', `${W}/plain`, '--format', 'json']);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; fix: string }[] }[];
    const fixes = results.flatMap((f) => f.messages).filter((m) => m.ruleId === 'leak-suspected').map((m) => m.fix);
    expect(fixes).toHaveLength(1);
    expect(fixes[0]).toContain(' What keeps them may be what main.worker allocates at main.go:26 (one 11.2 MiB object beside 1.5 MiB of smaller ones, 953.7 KiB → 12.7 MiB across the series, figures as of each dump\'s last GC where it was read between GCs): ');
  });

  it('the other plain series that gains one: audit37 intern-gogc100, the interning map `table[s] = s` at main.go:25 that keeps main.makeKey\'s strings', async () => {
    const report = await reportJson<Report>([I]);
    expect(report.series.growingHolder).toEqual({ function: 'main.intern', file: '/tmp/audit-audit37/progs/intern/main.go', line: 25, objects: 1, inuseBytes: [2204309, 7129208, 4735542, 14729926, 10518816], arrayBytes: 9469952, asOfLastGC: true });
    expect(report.findings.find((f) => f.ruleId === 'leak-suspected')?.fix).toContain(' What keeps them may be what main.intern allocates at main.go:25 (one 9.0 MiB object beside 1.0 MiB of smaller ones, 2.1 MiB → 10.0 MiB across the series, 14.0 MiB at its highest, figures as of each dump\'s last GC where it was read between GCs): ');
  });

  it('gc1/ keeps its holder as it was: one object, read right after a forced GC (no arrayBytes, no asOfLastGC)', async () => {
    const report = await reportJson<Report>([`${W}/gc1`]);
    expect(report.series.growingHolder).toEqual({ function: 'main.worker', file: '/tmp/audit43/captures/workermap/main.go', line: 26, objects: 1, inuseBytes: [1561627, 9309274, 5849171, 11698176, 11698176, 13271568, 23396352] });
  });
});

describe('stackmap: a hint over 8 at the make, a growth at the store', () => {
  it('main.go:21, make(map[string]int, len(words)): the header alone does not escape, runtime.makemap put the buckets on the heap', async () => {
    const lines = await reportLines([`${S}/heap-debug1.txt`, '--escape', `${S}/escape-m2.txt`]);
    expect(under(lines, 'main.count')[2]).toBe('                                   compiler: make(map[string]int, len(words)) does not escape');
    expect(lines).toContain('                                   the profile allocates at ./main.go:21 but the compiler says "make(map[string]int, len(words)) does not escape": a map that does not escape has only its header on the stack (and its first bucket, for a hint of 8 or less): for a larger hint, or one that is not a constant, runtime.makemap allocates its buckets on the heap (runtime.makeBucketArray), which -m does not report; the allocation may be inside a function called from this line; or the profile and the -m output come from different builds (edited source, another Go version or flags)');
  });

  it('main.go:33, m[i] = [64]byte{}: the map made at main.go:31:11, with -m=2 (which declares the noinline main.grow)', async () => {
    const lines = await reportLines([`${S}/heap-debug1.txt`, '--escape', `${S}/escape-m2.txt`]);
    expect(under(lines, 'main.grow')).toEqual([
      '    1.3 MiB         1     1.4 GiB  main.grow',
      '                                   …/holder44/stackmap/main.go:33',
      '                                   the compiler reports nothing about heap values at ./main.go:33; this allocation is the runtime\'s, made for this line: its 3 stacks have 2 to 3 runtime PCs under the line that a debug=1 dump does not print, most often a map\'s growth or an append\'s, which -m does not report; the map made at ./main.go:31:11 (make(map[int][64]byte) does not escape) has its header and first bucket on main.grow\'s stack, but the bucket arrays it grows into are allocated on the heap (runtime.makeBucketArray from runtime.hashGrow; overflow buckets by runtime.(*hmap).newoverflow): if ./main.go:33 stores into that map, this allocation is its buckets, and "does not escape" is said of the header',
    ]);
  });

  it('plain -m declares only inlinable functions: main.grow\'s span is unknown, so no map is named (an undeclared function could lie between)', async () => {
    const lines = await reportLines([`${S}/heap-debug1.txt`, '--escape', `${S}/escape-m.txt`]);
    expect(under(lines, 'main.grow')[2]).toBe('                                   the compiler reports nothing about heap values at ./main.go:33; this allocation is the runtime\'s, made for this line: its 3 stacks have 2 to 3 runtime PCs under the line that a debug=1 dump does not print, most often a map\'s growth or an append\'s, which -m does not report');
  });
});
