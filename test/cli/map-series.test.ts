/**
 * A map's buckets across a series (fix31once; go1.19.8, every frame written:
 * test/fixtures/captured/go1.19-map-series, README there). Series verdicts named
 * main.addSessions without its label ("Growing, but not yet evidence: main.addSessions +157.3 MiB")
 * and never said that Go maps never shrink; a map that grew in a staircase was "as a buffer or slice
 * that keeps growing climbs (bytes.Buffer …)"; a leak of a map per session named "main.newSessionState
 * (main.go:33)". A snapshot's sites said both already (fix30map).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { MAP_BUCKETS_NOTE } from '../../src/analyze/profile.js';

const M = 'test/fixtures/captured/go1.19-map-series';
const HELD = ['01-t1-small', '02-t2-full-1M', '03-t3-deleted-to-1000', '04-t4-still-1000', '05-t5-still-1000'].map((m) => `${M}/held/${m}.heap.txt`);
const GROW = ['250k', '500k', '750k', '1000k', '1250k', '1500k'].map((k, i) => `${M}/grow/0${i + 1}-t${i + 1}-${k}.heap.txt`);

interface Verdict { kind: string; leak: string; summary: string }
interface Report { verdict: Verdict; series: { verdict: Verdict; growingSites: { function: string; line: number; growthBytes: number; mapBuckets?: boolean }[] } }

async function analyze(files: string[]): Promise<Report> {
  const r = await runCli(['analyze', ...files, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

describe('held/: 1,000,000 entries deleted down to 1,000, the bucket array stays', () => {
  it('the plateau names the site as a map\'s buckets, what it holds, and why it stays', async () => {
    const report = await analyze(HELD);
    expect(report.series.verdict).toMatchObject({ kind: 'stable', leak: 'not-suspected' });
    expect(report.verdict.summary).toBe(`A plateau, not a leak: the live heap rose from 228.3 KiB to 157.4 MiB by snapshot 2, then stayed near 157.4 MiB through snapshot 5: it grew once, then stopped. Grew, then held (not growing now): main.addSessions (a map's buckets) +157.3 MiB. main.addSessions (a map's buckets, main.go:42) holds 157.3 MiB of the 157.4 MiB live heap at the latest snapshot. ${MAP_BUCKETS_NOTE}`);
  });

  it('JSON growingSites carry mapBuckets; the text report\'s growing sites say it', async () => {
    const report = await analyze(HELD);
    expect(report.series.growingSites.map((s) => [s.function, s.line, s.growthBytes, s.mapBuckets])).toEqual([['main.addSessions', 42, 164888576, true]]);
    const text = await runCli(['analyze', ...HELD]);
    expect(text.stdout).toContain("Allocation sites that grew, then held (not growing now; in use, one snapshot per GC epoch)\n  +157.3 MiB  main.addSessions (a map's buckets)  …/progs/mapseries/main.go:42\n              0 B → 157.3 MiB → 157.3 MiB → 157.3 MiB → 157.3 MiB\n\n");
    expect(text.stdout).not.toContain('Growing allocation sites');
  });
});

describe('grow/: 250,000 more entries at each phase, never deleted', () => {
  it('the staircase is a map\'s, not a buffer\'s, and the note follows', async () => {
    const report = await analyze(GROW);
    expect(report.series.verdict).toMatchObject({ kind: 'unknown', leak: 'unknown' });
    expect(report.verdict.summary).toBe(`Cannot tell yet whether memory leaks: the live heap rose, held and rose again — 2 rises, 39.4 MiB → 78.7 MiB at snapshot 2 and 83.9 MiB → 157.4 MiB at snapshot 4 (39.4 MiB → 78.7 MiB → 83.9 MiB → 157.4 MiB → 157.5 MiB → 167.8 MiB across 6 GC-separated snapshots, snapshots 1→6), and so did main.addSessions (a map's buckets) (39.3 MiB → 78.6 MiB → 86.6 MiB → 157.3 MiB → 157.3 MiB → 166.9 MiB): a staircase, doubling at each rise, as a map that keeps growing climbs (its bucket array doubles when the map is full: a new array twice the size, which holds until it fills): it held before and rose again, so that it holds at the end is no sign it stopped; take more dumps over a longer time to see whether it rises again. main.addSessions (a map's buckets, main.go:42) holds 166.9 MiB of the 167.8 MiB live heap at the latest snapshot. ${MAP_BUCKETS_NOTE}`);
    expect(report.verdict.summary).not.toContain('bytes.Buffer');
  });
});

describe('many/: a small map per session, each kept: the leak names the map\'s buckets, in analyze and in lint', () => {
  const MANY = [1, 2, 3, 4, 5, 6].map((i) => `${M}/many/0${i}-t${i}-${i * 20}k-maps.heap.txt`);
  const GROWING = "main.newSessionState (a map's buckets, main.go:33) +124.6 MiB, main.newSessionState (a map's buckets, main.go:35) +20.5 MiB";

  it('analyze: leak suspected, the two sites with their label and line in one bracket, then the note', async () => {
    const report = await analyze(MANY);
    expect(report.series.verdict).toMatchObject({ kind: 'leak', leak: 'suspected' });
    expect(report.verdict.summary).toBe(`Leak suspected (high confidence): live heap 28.6 MiB → 166.4 MiB across 6 GC-separated snapshots (snapshots 1→6); growing sites: ${GROWING}. main.newSessionState (a map's buckets, main.go:33) holds 145.7 MiB of the 166.4 MiB live heap at the latest snapshot. ${MAP_BUCKETS_NOTE}`);
  });

  it('lint of the directory: leak-suspected\'s message and fix keep the label (its summaries carry mapBuckets)', async () => {
    const r = await runCli(['lint', `${M}/many`, '--format', 'json']);
    const messages = (JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; message: string; why: string; fix: string }[] }[]).flatMap((x) => x.messages);
    const leak = messages.find((m) => m.ruleId === 'leak-suspected');
    expect(leak?.message).toBe("Leak suspected (high confidence) across 6 snapshots, 01-t1-20k-maps.heap.txt → 06-t6-120k-maps.heap.txt: live heap 28.6 MiB → 166.4 MiB over 6 GC-separated snapshots; growing main.newSessionState (a map's buckets, main.go:33) 21.0 MiB → 145.7 MiB, main.newSessionState (a map's buckets, main.go:35) 3.5 MiB → 24.0 MiB.");
    expect(leak?.why).toContain(MAP_BUCKETS_NOTE);
    expect(leak?.fix.startsWith("Start with main.newSessionState (a map's buckets, main.go:33) (+124.6 MiB): what keeps what it allocates?")).toBe(true);
    expect(r.code).toBe(1);
  });
});

describe('a snapshot\'s fix names the map as its sites do', () => {
  it('allframes/copied.heap.txt: idle-heap-retained\'s peak allocator is "main.addSessions (a map\'s buckets, main.go:27)"', async () => {
    const r = await runCli(['analyze', 'test/fixtures/captured/go1.19-audit30-mapshrink/allframes/copied.heap.txt', '--format', 'json']);
    const idle = (JSON.parse(r.stdout) as { findings: { ruleId: string; fix: string }[] }).findings.find((f) => f.ruleId === 'idle-heap-retained');
    expect(idle?.fix).toBe("If the memory should go back to the OS, call debug.FreeOSMemory() after the spike, or set GOMEMLIMIT so the scavenger works toward a limit; better, reduce the peak: main.addSessions (a map's buckets, main.go:27) allocated 343.2 MiB, 99.5% of what the dump counts allocated since the process started (the profiler's own left out): bound that allocation (its size, or how many are made at once).");
  });
});
