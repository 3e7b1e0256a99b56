/**
 * A request log kept in a global bytes.Buffer, never reset (test/fixtures/captured/go1.19-audit28-bufgrow,
 * README.md there; main.go.txt the program, `bufgrow` mode): the buffer doubles its capacity when it
 * is full, so the live heap climbs in steps. Over 14 s (run/) it read 16.2 → 32.2 → 32.2 → 64.2 →
 * 64.2 → 64.2 MiB after ?gc=1 and was "A plateau, not a leak … it grew once, then stopped", its
 * site's single 16 → 64 MiB array "within sampling error"; the vars and the GC log of the same run
 * said "plateau" too. It rose twice: a staircase, no plateau (docs/reasoning.md §7,
 * src/analyze/series/staircase.ts). 36 s of the same program (long/) is a leak.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const A = 'test/fixtures/captured/go1.19-audit28-bufgrow';

interface Verdict { kind: string; leak: string; confidence: string; summary: string; evidence: { kind: string }[]; readBetweenGCs?: { plainDumps?: number } }
interface Site { function: string; caller?: { function: string }; growthBytes: number; inuseBytes: number[]; inuseObjects: number[]; samples?: number[]; monotonic: boolean }
interface Report { verdict: { leak: string }; series?: { verdict: Verdict; betweenGCs?: number[]; points: { breakdown: { live: number } }[]; growingSites: Site[] }; gcTraces?: { liveMB: number[]; verdict: Verdict }[] }
async function report(path: string): Promise<Report> {
  const r = await runCli(['analyze', path, '--format', 'json']);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(r.stdout) as Report;
}
const shape = (v: Verdict | undefined): unknown => v && ({ kind: v.kind, leak: v.leak, confidence: v.confidence, evidence: v.evidence.map((e) => e.kind) });
const exitOnLeak = async (path: string): Promise<number | null> => (await runCli(['analyze', path, '--fail-on', 'leak'])).code;

const STAIRCASE = 'a staircase, doubling at each rise, as a buffer or slice that keeps growing climbs (bytes.Buffer doubles its capacity when it is full, append grows a large slice by about a quarter: each time a new, larger copy, which holds until it fills): it held before and rose again, so that it holds at the end is no sign it stopped';

describe('14 s of a growing bytes.Buffer (run/): a staircase, not a plateau', () => {
  it('?gc=1 dumps: cannot tell yet (was "A plateau, not a leak … it grew once"), the site exact, not "within sampling error"', async () => {
    const { series } = await report(`${A}/run/gc1`);
    expect(series?.points.map((p) => p.breakdown.live)).toEqual([16_959_856, 33_755_728, 33_768_392, 67_312_528, 67_318_664, 67_328_104]);
    expect(shape(series?.verdict)).toEqual({ kind: 'unknown', leak: 'unknown', confidence: 'low', evidence: [] });
    expect(series?.verdict.summary).toBe(`Cannot tell yet whether memory leaks: the live heap rose, held and rose again — 2 rises, 16.2 MiB → 32.2 MiB at snapshot 2 and 32.2 MiB → 64.2 MiB at snapshot 4 (16.2 MiB → 32.2 MiB → 32.2 MiB → 64.2 MiB → 64.2 MiB → 64.2 MiB across 6 GC-separated snapshots, snapshots 1→6), and so did bytes.growSlice ← main.logRequest (main.go:81) (16.0 MiB → 32.0 MiB → 32.0 MiB → 64.0 MiB → 64.0 MiB → 64.0 MiB): ${STAIRCASE}; take more dumps over a longer time to see whether it rises again.`);
    // One array of 16, 32, then 64 MiB (`1: 16777216 [1: 16777216]` … `1: 67108864`) at a 4 KiB rate: sampled with
    // probability 1, so exact; the second "sample" at snapshots 3, 5 and 6 is a small buffer of the same line.
    expect(series?.growingSites.map((s) => [s.function, s.caller?.function, s.growthBytes, s.inuseBytes, s.inuseObjects, s.samples, s.monotonic])).toEqual([
      ['bytes.growSlice', 'main.logRequest', 50_341_122, [16_777_216, 33_554_432, 33_560_911, 67_108_864, 67_115_343, 67_118_338], [1, 1, 2, 1, 2, 2], [1, 1, 2, 1, 2, 2], true],
    ]);
    expect(await exitOnLeak(`${A}/run/gc1`)).toBe(0);
  });

  it('the text report says it first, and lint reports nothing (exit 0)', async () => {
    const r = await runCli(['analyze', `${A}/run/gc1`]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Cannot tell yet whether memory leaks: the live heap rose, held and rose again — 2 rises, 16.2 MiB → 32.2 MiB at snapshot 2 and 32.2 MiB → 64.2 MiB at snapshot 4 (16.2 MiB → 32.2 MiB → 32.2 MiB → 64.2 MiB → 64.2 MiB → 64.2 MiB across 6 GC-separated snapshots, snapshots 1→6), and so did bytes.growSlice ← main.logRequest (main.go:81) (16.0 MiB → 32.0 MiB → 32.0 MiB → 64.0 MiB → 64.0 MiB → 64.0 MiB): a staircase, doubling at each rise, as a buffer or slice that keeps growing climbs (bytes.Buffer doubles its capacity when it is full, append grows a large slice by about a quarter: each time a new, larger copy, which holds until it fills): it held before and rose again, so that it holds at the end is no sign it stopped; take more dumps over a longer time to see whether it rises again.');
    expect(r.stdout).not.toContain('plateau');
    expect(await runCli(['lint', `${A}/run/gc1`, '--color=never'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('/debug/vars of the same moments: the same staircase, from the live heap alone (was "A plateau … it grew once")', async () => {
    const { series } = await report(`${A}/run/vars`);
    expect(series?.points.map((p) => p.breakdown.live)).toEqual([17_092_704, 33_982_512, 33_945_152, 67_476_976, 67_490_072, 67_503_664]);
    expect(shape(series?.verdict)).toEqual({ kind: 'unknown', leak: 'unknown', confidence: 'low', evidence: [] });
    expect(series?.verdict.summary).toBe(`Cannot tell yet whether memory leaks: the live heap rose, held and rose again — 2 rises, 16.3 MiB → 32.4 MiB at snapshot 2 and 32.4 MiB → 64.4 MiB at snapshot 4 (16.3 MiB → 32.4 MiB → 32.4 MiB → 64.4 MiB → 64.4 MiB → 64.4 MiB across 6 GC-separated snapshots, snapshots 1→6): ${STAIRCASE}; take more dumps over a longer time to see whether it rises again.`);
    expect(await exitOnLeak(`${A}/run/vars`)).toBe(0);
  });

  it('the GC log: its floor rose, held and rose again after start-up (was "A plateau … it grew, then stopped")', async () => {
    const [log] = (await report(`${A}/run/stderr.log`)).gcTraces ?? [];
    expect(log?.liveMB).toEqual([3, 6, 12, 24, 16, 48, 32, 32, 96, 64, 64, 64]);
    expect(shape(log?.verdict)).toEqual({ kind: 'unknown', leak: 'unknown', confidence: 'low', evidence: [] });
    expect(log?.verdict.summary).toBe("Cannot tell from this log whether memory leaks: the live heap's floor after GC (the least C from each GC on) rose, held and rose again after start-up — 3 rises, 12 → 16 → 32 → 64 MB (12 MB → 16 MB → 16 MB → 32 MB → 32 MB → 32 MB → 64 MB → 64 MB → 64 MB → 64 MB over its last 10 of 12 GCs): a staircase, as a map, buffer or slice that keeps growing climbs (a map's bucket array doubles when the map is full, bytes.Buffer doubles its capacity when it is full, append grows a large slice by about a quarter: each time a new, larger array, which holds until it fills): it held before and rose again, so that it holds at the end is no sign it stopped. Log for longer, or compare heap dumps taken with ?gc=1 some time apart.");
    expect(await exitOnLeak(`${A}/run/stderr.log`)).toBe(0);
  });

  it('dumps between GCs: the exact site rose at 2 of 4 steps, still in the later half: a leak at medium confidence (was "within sampling error")', async () => {
    const { series } = await report(`${A}/run/plain`);
    expect(shape(series?.verdict)).toEqual({ kind: 'leak', leak: 'suspected', confidence: 'medium', evidence: ['sites'] });
    expect(series?.verdict.summary).toBe('Leak suspected (medium confidence): growing sites: bytes.growSlice ← main.logRequest (main.go:81) +52.0 MiB.');
    // 02 and 04 follow a forced GC but their HeapAlloc (48.4, 97.1 MiB) is 2–3× their own profiles' (16.0, 32.0 MiB): read
    // between GCs by their own evidence (forced.ts garbageBeyondProfile); so are 03, 05 and 06, ~1.5 MB above theirs (within 10 %,
    // but far beyond twice its ±20 KiB sampling error: the ?gc=1 dumps of the same moments are 0.14 MB above theirs), each taken
    // ~2 s after the other capture's ?gc=1. No reading after a forced GC, so the site trends read every profile, 01's 12 MiB (as
    // of its last GC) too: +52.0 MiB. 32 → 32.006 and 64 → 64.006 MiB are a 6 KiB buffer beside the array: no rise at "every
    // step", so not high. Every reading between GCs: the table's row is HeapAlloc (readBetweenGCs.plainDumps), none named apart.
    expect(series?.betweenGCs).toBeUndefined();
    expect(series?.verdict.readBetweenGCs).toEqual({ plainDumps: 6 });
    expect(series?.growingSites.map((s) => [s.inuseBytes, s.samples])).toEqual([[[12_582_912, 16_777_216, 33_554_432, 33_560_911, 67_108_864, 67_115_343], [2, 1, 1, 2, 1, 2]]]);
    expect(await exitOnLeak(`${A}/run/plain`)).toBe(1);
  });
});

describe('36 s of the same program (long/): a leak', () => {
  it('?gc=1 dumps and the GC log: Leak suspected (medium), --fail-on leak exits 1', async () => {
    const { series } = await report(`${A}/long/gc1`);
    expect(series?.points.map((p) => p.breakdown.live)).toEqual([33_727_240, 67_296_208, 134_404_472, 134_426_216, 268_627_384, 268_642_432]);
    // Its rises said as a staircase: 3 of 5 steps, each a doubling (the +21 KiB and +15 KiB steps are within a reading's noise).
    expect(series?.verdict.summary).toBe('Leak suspected (medium confidence): live heap 32.2 MiB → 256.2 MiB across 6 GC-separated snapshots (snapshots 1→6), rising at 3 of 5 steps and holding between them — 32.2 MiB → 64.2 MiB at snapshot 2, 64.2 MiB → 128.2 MiB at snapshot 3, 128.2 MiB → 256.2 MiB at snapshot 5: a staircase, doubling at each rise, as a buffer or slice that keeps growing climbs (bytes.Buffer doubles its capacity when it is full, append grows a large slice by about a quarter: each time a new, larger copy, which holds until it fills): it held before and rose again, so that it holds at the end is no sign it stopped; growing sites: bytes.growSlice ← main.logRequest (main.go:81) +224.0 MiB.');
    expect(await exitOnLeak(`${A}/long/gc1`)).toBe(1);
    const [log] = (await report(`${A}/long/stderr.log`)).gcTraces ?? [];
    expect(log?.verdict.summary).toBe('Leak suspected (medium confidence): the live heap after GC keeps rising, 3 → 256 MB over 36.8 s and 14 GCs; its floor rose in every third of the log\'s time (3 → 128 → 256 MB).');
    expect(await exitOnLeak(`${A}/long/stderr.log`)).toBe(1);
  });
});
