/**
 * Series verdicts on real go1.19.8 programs captured for an audit (test/fixtures/captured/
 * go1.19-audit-verdicts, SERIES-VERDICTS.md there; program.go.txt the program). Each case was a wrong
 * verdict: a slow leak called churn (one 0.2 % dip of a sampled estimate, and a /debug/vars series
 * whose one size class rose at every moment), a pool's buffers called a leak from 0 → 1 → 4
 * samples while the live heap fell, descriptors said to be of exited goroutines from 2 samples,
 * "not enough GC cycles" with 6 GCs between two snapshots, a memory limit's GC cost dropped with
 * --gomemlimit, and a diff that said "no change" over +195.5 MiB allocated.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const A = 'test/fixtures/captured/go1.19-audit-verdicts';
const files = (set: string, test: (name: string) => boolean): string[] => readdirSync(`${A}/${set}`).filter(test).sort().map((f) => `${A}/${set}/${f}`);
const ends = (suffix: string) => (name: string): boolean => name.endsWith(suffix);

interface Verdict { kind: string; leak: string; confidence: string; summary: string; evidence: { kind: string }[] }
async function report(args: string[]): Promise<{ verdict: Verdict; series: { verdict: Verdict; growingSites: { function: string; samples?: number[]; monotonic: boolean }[] } }> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Awaited<ReturnType<typeof report>>;
}
async function headline(args: string[]): Promise<string> {
  const r = await runCli([...args, '--color=never']);
  expect(r.stderr).toBe('');
  return r.stdout.split('\n')[0] ?? '';
}

describe('a slow leak (320 × 4 KiB a moment under 64 MiB of churn)', () => {
  it('a dip of one sample (7.383 → 7.369 MB) does not break the site\'s steady rise: leak, not churn', async () => {
    const r = await report(files('a-slowleak', ends('.heap-debug1.txt')));
    const site = r.series.growingSites.find((s) => s.function === 'main.leakSlowly');
    expect(site?.monotonic).toBe(true);
    expect(site?.samples?.map((n) => Math.round(n))).toEqual([2, 10, 13, 14, 14, 18]);
    // goal46: the plain dumps' goals rose too, and say the live heap's rise (HeapAlloc read between GCs no longer stands for it).
    expect(r.series.verdict.summary).toBe("Leak suspected (medium confidence): live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) 66.2 MiB → 73.9 MiB across 6 snapshots taken at different GCs (snapshots 1→6), rising at 4 of 5 steps: its one fall, 393.8 KiB at snapshot 6, is under half its average rise per step (1.5 MiB), noise rather than a reversal; HeapAlloc, read between GCs, went 77.6 MiB → 97.8 MiB; growing sites: main.leakSlowly +8.0 MiB.");
    expect(r.verdict.leak).toBe('suspected');
  });

  it('its binary profiles and the same program under ?gc=1 say the same', async () => {
    expect(await headline(files('a-slowleak', ends('.heap-gc1.pb.gz')))).toBe('Leak suspected (medium confidence): growing sites: main.leakSlowly +8.0 MiB.');
    expect(await headline(files('a2-slowleak-gc1', ends('.heap-debug1.txt')))).toBe('Leak suspected (high confidence): growing sites: main.leakSlowly +6.0 MiB.');
  });

  it('its /debug/vars series: the 4 KiB size class rising at every moment is leak evidence, not "churn"', async () => {
    const r = await report(files('a-slowleak', ends('.vars.json')));
    // goal46: the heap goal's rise is the live heap's evidence now; the size class speaks only where nothing more precise does.
    expect(r.series.verdict.evidence.map((e) => e.kind)).toEqual(['live-heap']);
    expect(r.verdict.summary).toBe("Leak suspected (medium confidence): live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) 66.6 MiB → 74.4 MiB across 6 snapshots taken at different GCs (snapshots 1→6), rising at 4 of 5 steps: its one fall, 162.8 KiB at snapshot 3, is under half its average rise per step (1.6 MiB), noise rather than a reversal; HeapAlloc, read between GCs, went 106.5 MiB → 106.3 MiB.");
  });

  it('watch --save of its /debug/vars: the class rose at 4 of 5 steps, low confidence', async () => {
    expect(await headline([`${A}/h-watch-vars`])).toBe('Leak suspected (low confidence): growing size class (MemStats.BySize) across 6 GC-separated snapshots (snapshots 1→6): 4.0 KiB objects 644 → 1,924 live (+5.0 MiB); a heap profile of the same moments says which sites allocate them.');
  });
});

describe('a sync.Pool under load, then idle', () => {
  it('a site of 0 → 1 → 4 samples while HeapAlloc and HeapObjects fall is no leak evidence', async () => {
    const moments = files('b-pool', ends('.heap-debug1.txt')).slice(0, 3);
    const r = await report(moments);
    expect(r.verdict.leak).toBe('not-suspected');
    const text = await runCli([...moments, '--color=never']);
    expect(text.stdout.split('\n').slice(0, 3)).toEqual([
      // Plain dumps whose HeapAlloc exceeds their profile beyond sampling error: each read between GCs by its own evidence.
      'Churn, not a leak: 1.2 GiB allocated a step on average (2.4 GiB over 2 steps between snapshots) while the live heap moves between 102.2 MiB and 133.5 MiB across 3 GC-separated snapshots without rising steadily; the Go heap\'s cost is GC work.',
      'A dump taken between GCs counts the garbage made since the last one in HeapAlloc: add ?gc=1 to the heap URL so that each snapshot follows a GC.',
      // 258 objects of 8 KiB, 4 samples: 2,113,578 bytes, just beyond twice its standard error (2,097,130: each object is
      // sampled with p = 1.55 %, a variance of s²·N·(1 − p)/p) — growth, though no evidence while the heap falls.
      'Growing, but not yet evidence: main.modePool.func1 +2.0 MiB.',
    ]);
    expect((await runCli([...moments, '--fail-on', 'leak'])).code).toBe(0);
  });

  it('all five moments: peak retention', async () => {
    expect(await headline(files('b-pool', ends('.heap-debug1.txt')))).toBe('Peak retention, not a leak: live heap fell from 102.2 MiB at snapshot 3 to 1.7 MiB at snapshot 5, read right after a forced GC (?gc=1 or the program\'s runtime.GC(); read between GCs, HeapAlloc, which counts the garbage made since the last GC too, stayed near 133.5 MiB from snapshot 1 to snapshot 2) while HeapSys stays at its 311.2 MiB high-water mark, most of it address space only: 307.2 MiB released to the OS (on Linux, out of RSS unless GODEBUG=madvdontneed=0), 1.5 MiB idle (held for reuse).');
  });
});

describe('the words around a verdict', () => {
  it('2 snapshots with 6 GCs between them: too few snapshots, not too few GC cycles', async () => {
    expect(await headline([`${A}/f-cache/03-moment3.heap-debug1.txt`, `${A}/f-cache/06-moment6.heap-debug1.txt`]))
      .toBe('Cannot tell yet whether memory leaks: only 2 GC-separated snapshots (3 are needed); take at least one more, some GC cycles after the last, so that a trend can show.');
  });

  it('with --gomemlimit the GC cost of the limit stays in the verdict', async () => {
    expect((await report([...files('e-thrash', ends('.heap-debug1.txt')), '--gomemlimit', '70MiB'])).verdict.summary)
      // 60.3 MiB live under 70 MiB, 13.6 MiB beside the heap: the limit binds (it was "holds the heap down … raise GOMEMLIMIT above 70.0 MiB if memory allows").
      .toBe('Not a leak, but the memory limit binds (GOMEMLIMIT 70.0 MiB, given): the live heap (60.3 MiB) is below it, but Go holds 13.6 MiB beside the heap (fragmentation, goroutine stacks, runtime metadata), which no GC frees, so the limit leaves the heap 56.4 MiB, less than the live heap: the heap goal is held at the live heap (NextGC 60.3 MiB), the lowest the runtime sets it, where GOGC=100 would set about twice it (120.6 MiB), and the limit is not quite met; so the GC runs far more often than GOGC alone would make it (1,156 GC cycles in 7.1 s between the first snapshot\'s last GC and the latest\'s: one every 6.15 ms), and the scavenger returned free memory to stay under it (HeapReleased 13.6 MiB → 14.6 MiB): HeapAlloc stays near 60.3 MiB across 4 snapshots taken at different GCs, each read between GCs (snapshots 1→4) while 203.0 MiB is allocated a step on average (609.1 MiB over 3 steps between snapshots); in the latest, the heap goal sits at the live heap (NextGC 60.3 MiB, 60.3 MiB live as of the last GC, where GOGC=100 sets about twice it), only 562.9 KiB is allocated per GC cycle (the profiler\'s own 11.7 MiB left out; GOGC=100 alone allows about the live heap), so the GC ran 1,535 times and used 16.9% of the CPU. The cost is GC work, not memory: raise GOMEMLIMIT to at least 134.2 MiB (what Go holds beside the heap and twice the live heap, GOGC=100\'s goal), or reduce the live heap or what Go holds beside it; a lower limit binds harder.');
  });

  it('diff of two binary profiles: sites unchanged in use, but +195.5 MiB allocated is said', async () => {
    expect(await headline(['diff', `${A}/d-oneoff/01-baseline.heap-gc1.pb.gz`, `${A}/d-oneoff/05-after-freeosmemory.heap-gc1.pb.gz`]))
      .toBe('In-use bytes unchanged at the allocation sites, but main.loadReport allocated +195.5 MiB between the two.');
  });

  it('descriptors estimated from 2 samples beside a goroutine dump of 124: the count is the reference, no claim of exited goroutines', async () => {
    const r = await runCli([`${A}/g-stacks/02-moment2.heap-debug1.txt`, `${A}/g-stacks/02-moment2.goroutine-debug1.txt`, '--format', 'json']);
    const f = (JSON.parse(r.stdout) as { findings: { ruleId: string; message: string; why: string }[] }).findings.find((x) => x.ruleId === 'goroutine-descriptors');
    expect(f?.message).toBe(`Goroutine descriptors hold about 1.0 MiB of live heap (runtime.malg): an estimate from 2 samples; the goroutine dump of the same moment (${A}/g-stacks/02-moment2.goroutine-debug1.txt) counts 124 goroutines alive.`);
    expect(f?.why).toMatch(/ counts 124 goroutines alive: their descriptors take about 50\.4 KiB \(124 × 416 B\), and that count is the reference\. The estimate above rests on 2 samples, too few to say that more descriptors are kept from goroutines that exited\.$/);
    expect(f?.why).not.toContain('the rest are kept');
  });
});
