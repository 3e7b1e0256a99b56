/**
 * Heap dumps, goroutine dumps and moments joined, on the captured go1.19-audit39-goroleak (README
 * there: 2 workers a second, each blocked forever in a chan send at main.go:18 holding the 256 KiB
 * buffer main.worker allocated at main.go:15; 442 workers at t=220 s). Each case was wrong: a
 * profile published once read twice as a site that held, descriptors counted from 2 samples, a
 * goroutine dump in a sibling folder of the heap dump's not read as its moment, and the goroutines
 * that hold a growing site not named as what holds it.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const G = 'test/fixtures/captured/go1.19-audit39-goroleak';

interface Finding { ruleId: string; message: string; why: string; fix: string }
interface Report { findings: Finding[]; series?: { trendSources: string[]; sameProfile?: [string, string][]; growingSites: { function: string; inuseBytes: number[]; heldFrom?: number }[] } }
async function json(args: string[]): Promise<Report> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

describe('one published profile in two dumps (heap-t140 and heap-t220: NumGC 6 and 7, the same records)', () => {
  const args = [`${G}/series/heap-t060.txt`, `${G}/series/heap-t140.txt`, `${G}/series/heap-t220.txt`];

  it('is one reading: main.worker did not "grow, then hold"', async () => {
    const r = await json(args);
    expect(r.series?.sameProfile).toEqual([[`${G}/series/heap-t140.txt`, `${G}/series/heap-t220.txt`]]);
    expect(r.series?.trendSources).toEqual([`${G}/series/heap-t060.txt`, `${G}/series/heap-t140.txt`]);
    const site = r.series?.growingSites.find((s) => s.function === 'main.worker');
    expect(site?.inuseBytes).toEqual([11_992_273, 58_628_893]);
    expect(site?.heldFrom).toBeUndefined();
  });

  it('says so under the series table', async () => {
    const r = await runCli([...args, '--color=never']);
    // The note as one line (the report wraps it at the terminal's width).
    expect(r.stdout.replace(/\n +/g, ' ')).toContain(' heap-t140.txt and heap-t220.txt carry the same heap profile (the same records) though a GC ran between them: the runtime had not published a newer one, so it is one reading, not a site that held; the site trends read it once. ');
    expect(r.stdout).not.toContain('grew, then held');
  });
});

describe('goroutine descriptors from 2 samples', () => {
  it('alone: no count stated', async () => {
    const r = await json([`${G}/gc1/heap-gc1-t220.txt`]);
    expect(r.findings.find((f) => f.ruleId === 'goroutine-descriptors')?.message).toBe('Goroutine descriptors hold about 1.0 MiB of live heap (runtime.malg): an estimate from 2 samples, too few to count them.');
  });

  it('with the goroutine dump of the same moment in a sibling folder (gc1/ and goroutines/, both t220): its count, 446', async () => {
    const r = await json([`${G}/gc1/heap-gc1-t220.txt`, `${G}/goroutines/goroutine2-t220.txt`, `${G}/goroutines/goroutine1-t220.txt`]);
    const f = r.findings.find((x) => x.ruleId === 'goroutine-descriptors');
    expect(f?.message).toBe(`Goroutine descriptors hold about 1.0 MiB of live heap (runtime.malg): an estimate from 2 samples; the goroutine dump of the same moment (${G}/goroutines/goroutine2-t220.txt) counts 446 goroutines alive.`);
    expect(f?.fix).toBe('See what the 446 goroutines alive wait on (the Goroutines section groups them by stack and wait state): goroutines that wait forever are a leak; if few are alive, this is a past peak — lower the peak of simultaneous goroutines (a worker pool). If the count grows across dumps, goroutines are leaking.');
  });

  it('a dump of another moment (t060) is not paired with t220', async () => {
    const r = await json([`${G}/gc1/heap-gc1-t220.txt`, `${G}/goroutines/goroutine2-t060.txt`, `${G}/goroutines/goroutine1-t060.txt`]);
    expect(r.findings.find((f) => f.ruleId === 'goroutine-descriptors')?.message).toBe('Goroutine descriptors hold about 1.0 MiB of live heap (runtime.malg): an estimate from 2 samples, too few to count them.');
  });
});

describe('goroutines blocked in the function that allocates a growing site', () => {
  it('the leak\'s fix says the 442 blocked main.worker goroutines hold what main.worker allocates at main.go:15', async () => {
    const r = await json([...['020', '060', '100', '140', '180', '220'].map((t) => `${G}/series/heap-t${t}.txt`), `${G}/goroutines/goroutine2-t060.txt`, `${G}/goroutines/goroutine2-t220.txt`]);
    const f = r.findings.find((x) => x.ruleId === 'leak-suspected');
    // The counts in the message (as lint's stylish output prints it), the fix not repeating them.
    expect(f?.message.endsWith(' The 442 goroutines blocked in main.worker (chan send, main.go:18) each hold what main.worker allocates at main.go:15 (objects of ~256.7 KiB, 55.9 MiB in use at the last heap profile): until they end, that memory stays.')).toBe(true);
    expect(f?.fix).toMatch(/^Start with main\.worker \[chan send\] at main\.go:18 \(\+319 goroutines\): they hold what main\.worker allocates at main\.go:15 and never end, so that memory stays\. Unblock or cancel them — a context they watch, a channel someone drains or a buffered one, a timeout — and give every goroutine a way to end\. /);
    expect(f?.fix).not.toContain('never pruned');
  });
});

describe('the same link when the verdict cannot tell yet, and of one moment', () => {
  const HELD = 'The 442 goroutines blocked in main.worker (chan send, main.go:18) each hold what main.worker allocates at main.go:15 (objects of ~256.5 KiB, 112.5 MiB in use at the last heap profile): until they end, that memory stays.';
  const ONE_DUMP = 'Live objects are most of what Go holds: live 110.2 MiB is 88.3% of the 124.7 MiB Go holds (128.4 MiB mapped). One dump cannot tell a leak from a peak — take another after some time (and a GC) and compare both with heapdoc analyze A B.';
  interface Verdict { verdict: { leak: string; summary: string } }
  const verdictOf = async (args: string[]): Promise<Verdict['verdict']> => ((await json(args)) as unknown as Verdict).verdict;

  it('gc1/ and goroutines/ (2 GC-separated snapshots): "Cannot tell yet", then the 442 goroutines that hold main.worker\'s buffers', async () => {
    const v = await verdictOf([`${G}/gc1`, `${G}/goroutines`]);
    expect(v.leak).toBe('unknown');
    expect(v.summary).toBe(`Cannot tell yet whether memory leaks: only 2 GC-separated snapshots (3 are needed); take at least one more, some GC cycles after the last, so that a trend can show. Growing, but not yet evidence: main.worker +56.5 MiB, main.worker [chan send] +319 goroutines. But 352 goroutines of groups that grew and never went back down have waited longer at each dump (main.worker [chan send] 0 → 3 minutes ×352 of 442): none of them has ended, and their count still rose at the last dump. ${HELD}`);
  });

  it('one moment, heap-gc1-t220 and the debug=2 dump of t220: the same words, with the dump\'s 442', async () => {
    expect((await verdictOf([`${G}/gc1/heap-gc1-t220.txt`, `${G}/goroutines/goroutine2-t220.txt`])).summary).toBe(`${ONE_DUMP} ${HELD}`);
  });

  it('one moment with the debug=1 dump (no wait state): "in main.worker", its 440 of 444', async () => {
    expect((await verdictOf([`${G}/gc1/heap-gc1-t220.txt`, `${G}/goroutines/goroutine1-t220.txt`])).summary).toBe(`${ONE_DUMP} The 440 goroutines in main.worker (main.go:18) each hold what main.worker allocates at main.go:15 (objects of ~256.5 KiB, 112.5 MiB in use at the last heap profile): until they end, that memory stays.`);
  });

  it('a goroutine dump of another moment (t060 beside the t220 heap dump) is not linked', async () => {
    expect((await verdictOf([`${G}/gc1/heap-gc1-t220.txt`, `${G}/goroutines/goroutine2-t060.txt`])).summary).toBe(ONE_DUMP);
  });

  it('go1.19-audit36/goleak at t20 (README: 410 main.produce blocked in a chan send, each holding its 16 KiB buffer of main.go:23)', async () => {
    const A = 'test/fixtures/captured/go1.19-audit36/goleak';
    const v = await verdictOf([`${A}/series-plain/t20.heap-debug1.txt`, `${A}/goroutines/t20.goroutine-debug2.txt`]);
    expect(v.summary).toMatch(/ The 410 goroutines blocked in main\.produce \(chan send, main\.go:28\) each hold what main\.produce allocates at main\.go:23 \(objects of ~16\.0 KiB, 6\.6 MiB in use at the last heap profile\): until they end, that memory stays\.$/);
  });
});
