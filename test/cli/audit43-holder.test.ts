/**
 * Audit 43 F8, F11, F10 (test/fixtures/captured/go1.19-audit43-*, README there): the one growing
 * array that keeps a leak's objects (a map's buckets, 1 object, rising by jumps) named in the
 * leak's fix and the JSON (series.growingHolder); every growing site's line when another names its
 * function as a caller; the "Cannot tell yet" sentence that says which readings were read between GCs.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const C = 'test/fixtures/captured/go1.19-audit43';
const W = `${C}-workermap`;
const K = `${C}-cardinality`;

interface Holder { function: string; line: number; objects: number; inuseBytes: number[]; mapBuckets?: boolean }
interface Report { verdict: { summary: string }; series: { growingHolder?: Holder }; findings: { ruleId: string; fix: string }[] }

async function json(args: string[]): Promise<Report> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

const leakFix = (r: Report): string => r.findings.find((f) => f.ruleId === 'leak-suspected')?.fix ?? '';

const WORKER_HOLDER = 'What keeps them may be what main.worker allocates at main.go:26 (one 22.3 MiB object, 1.5 MiB → 22.3 MiB across the series): one array that the runtime reallocates larger as it fills and frees the old copy, as a map\'s buckets or an appended slice\'s backing array grow, so it rises by jumps and is not among the sites that grew at every step. A map never shrinks: delete what is done with, or bound it.';
const OBSERVE_HOLDER = 'What keeps them may be what main.observe allocates at main.go:34 (one 13.8 MiB object, 0 B → 13.8 MiB across the series, 22.2 MiB at its highest): one array that the runtime reallocates larger as it fills and frees the old copy, as a map\'s buckets or an appended slice\'s backing array grow, so it rises by jumps and is not among the sites that grew at every step. A map never shrinks: delete what is done with, or bound it.';

describe('workermap: the seen map at main.go:26 keeps main.produce\'s payloads', () => {
  it('gc1 with goroutine/: the headline gives main.produce its line, the fix names the one growing object', async () => {
    const r = await runCli([`${W}/gc1`, `${W}/goroutine`]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Leak suspected (high confidence): live heap 7.4 MiB → 87.4 MiB across 7 GC-separated snapshots (snapshots 1→7); growing sites: main.produce (main.go:35) +56.0 MiB, fmt.Sprintf ← main.produce (main.go:35) +5.0 MiB.');
    const report = await json([`${W}/gc1`, `${W}/goroutine`]);
    expect(report.series.growingHolder).toEqual({ function: 'main.worker', file: '/tmp/audit43/captures/workermap/main.go', line: 26, objects: 1, inuseBytes: [1561627, 9309274, 5849171, 11698176, 11698176, 13271568, 23396352] });
    expect(leakFix(report)).toBe(`Start with main.produce (main.go:35) (+56.0 MiB): what keeps what it allocates? A map or slice that is never pruned, or a cache without a bound, are the usual causes. ${WORKER_HOLDER} heapdoc tui on these files opens each growing site's stacks; --format json has every site's (.snapshots[].profile.sites[].stack) and goroutine group's (.goroutines[].groups[].stack).`);
  });
});

describe('cardinality: the registry map at main.go:34', () => {
  it('gc1 alone: the holder before the ask for a goroutine dump', async () => {
    const report = await json([`${K}/gc1`]);
    expect(report.series.growingHolder).toEqual({ function: 'main.observe', file: '/tmp/audit43/captures/cardinality/main.go', line: 34, objects: 1, inuseBytes: [0, 5494091, 4148885, 7241735, 7766127, 23298367, 14483456] });
    const fix = leakFix(report);
    expect(fix.startsWith(`Start with main.observe (main.go:33) (+209.6 MiB): what keeps what it allocates? A map or slice that is never pruned, or a cache without a bound, are the usual causes. ${OBSERVE_HOLDER} Heap dumps tell where the growing memory was allocated, not what keeps it:`)).toBe(true);
  });

  it('with goroutine/ and with --escape escape-m2.txt: the same holder, said once', async () => {
    for (const args of [[`${K}/gc1`, `${K}/goroutine`], [`${K}/gc1`, '--escape', `${K}/escape-m2.txt`]]) {
      const fix = leakFix(await json(args));
      expect(fix.split(OBSERVE_HOLDER)).toHaveLength(2);
    }
    const r = await runCli([`${K}/gc1`, `${K}/goroutine`]);
    expect(r.stdout.split('\n')[0]).toBe('Leak suspected (high confidence): live heap 22.5 MiB → 254.5 MiB across 7 GC-separated snapshots (snapshots 1→7); growing sites: main.observe (main.go:33) +209.6 MiB, main.observe (main.go:29) +8.5 MiB, fmt.Sprintf ← main.main.func2 (main.go:50) +6.0 MiB.');
  });
});

describe('concpeak gc1 t06–t36: one sentence says which readings were read between GCs', () => {
  it('the qualification stays in the first sentence, before the advice and the aside', async () => {
    const r = await runCli(['heap-t06.txt', 'heap-t16.txt', 'heap-t26.txt', 'heap-t36.txt'], { cwd: `${C}-concpeak/gc1` });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'Cannot tell yet whether memory leaks: the live heap stayed near 1.6 MiB from snapshot 1 through snapshot 3, then jumped to 237.9 MiB at snapshot 4, the last (the 3 GC-separated snapshots read right after a forced GC, ?gc=1 or the program\'s runtime.GC()), and 237.9 MiB at snapshot 4, read between GCs (its HeapAlloc counts the garbage made since the last GC) — one step holds all of its rise (+236.3 MiB), the others moved by 103.8 KiB at most, within a reading\'s noise: a cache warming up or a load peak jumps so too, and a leak rises again.',
      'Take more heap?debug=1&gc=1 dumps, some time apart, to see whether it holds, falls back or rises again.',
      'Growing, but not yet evidence: main.render +216.1 MiB.',
      '',
    ]);
  });
});
