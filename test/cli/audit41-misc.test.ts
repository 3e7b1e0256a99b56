/**
 * Audit 41, on real go1.19.8 programs (test/fixtures/captured/go1.19-audit41-*, README.md and the
 * capture commands in each): pure churn read from plain dumps was "Cannot tell yet … grew"; a GC
 * log's floor creeping 31 → 51 MB was "held at 31 MB"; a MemStats line cut mid-number was used
 * (JSON HeapIdle = 18); a protobuf profile's first line did not say why it had no MemStats;
 * goroutine?debug=2 dumps named goroutine2-tNN beside goroutine-tNN were read as moments `2-t01`…,
 * all debug=1 dumps left out with 600 characters of why inside the verdict's first line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const A = 'test/fixtures/captured/go1.19-audit41';
const CHURN = Array.from({ length: 10 }, (_, i) => `${A}-churn/heap-t${String(i + 1).padStart(2, '0')}.txt`);
const CUT_HINT = 'the dump was cut short; capture it again and make sure the whole response was saved';

describe('pure churn read from plain dumps (NextGC 4 MiB in all 10, HeapObjects counting garbage too)', () => {
  it('is churn: HeapAlloc and HeapObjects saw within one GC cycle under a goal that held', async () => {
    const r = await runCli(['analyze', ...CHURN]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Churn, not a leak: 3.6 GiB allocated a step on average (32.2 GiB over 9 steps between snapshots) while HeapAlloc, read between GCs, moves between 644.1 KiB and 3.5 MiB across 10 GC-separated snapshots (snapshots 1→10), and the heap profile, as of the latest one\'s last GC, had 864.3 KiB in use: HeapAlloc counts the garbage made since the last GC, which the next one collects, so these snapshots do not say how much is live, with no site or goroutine group growing steadily; the Go heap\'s cost is GC work.');
    const json = JSON.parse((await runCli(['analyze', '--format', 'json', ...CHURN])).stdout) as { series: { verdict: { kind: string; confidence: string } } };
    expect([json.series.verdict.kind, json.series.verdict.confidence]).toEqual(['churn', 'medium']);
  });
});

describe('a GC log whose floor crept up by steps each smaller than a rise (satcache, a cache filling 50,000 keys)', () => {
  it('no staircase (its floor never held before 50 MB): it rose, then stayed at 50–51 MB for its last 15 GCs — not "held at 31 MB for its last 21"', async () => {
    const r = await runCli(['analyze', `${A}-satcache/gctrace.txt`]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`${A}-satcache/gctrace.txt: A plateau, not a leak: the live heap after GC rose 1 → 50 MB, then stayed between 50 and 51 MB for its last 15 of 29 GCs, 455.4 s of the log's 586.8 s, while 43 MB were allocated per GC on average: it grew, then stopped.`);
  });
});

describe('hostile input', () => {
  it('a MemStats line cut mid-number at the end (`# HeapIdle = 18` of 18 MiB): said, and its value left out (JSON null)', async () => {
    const file = `${A}-hostile/truncated-memstats.txt`;
    const r = await runCli(['analyze', file, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${file}:898:16: error: the input ends without a line end, so this line may be cut short (truncated?); its value is left out — ${CUT_HINT}\n`);
    const json = JSON.parse(r.stdout) as { snapshots: { memStats: Record<string, unknown> }[] };
    expect(json.snapshots[0]?.memStats.HeapIdle ?? null).toBeNull();
    expect(json.snapshots[0]?.memStats.HeapSys).toBe(83427328);
    const text = await runCli(['analyze', file]);
    expect(text.stdout.split('\n')[0]).toBe('The runtime.MemStats block lacks HeapInuse, HeapIdle, HeapReleased, StackSys: the memory cannot be split into live, idle and released; only the sampled profile was read.');
  });

  it('a protobuf heap profile piped in: the first line says why it has no MemStats and where the text form is', async () => {
    const r = await runCli(['analyze'], { input: readFileSync(`${A}-hostile/heap-protobuf.pb.gz`) });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      'No runtime.MemStats block: this is a binary (protobuf) heap profile, the URL lacked ?debug=1 — fetch …/debug/pprof/heap?debug=1 for the text form, which carries it.',
      'Only the sampled profile was read: the memory cannot be split into live, idle and released.',
    ]);
  });
});

describe('goroutine?debug=2 dumps named goroutine2-tNN beside goroutine-tNN (sessions)', () => {
  it('are paired with them by moment (t01…t18): every dump in the trend, nothing said after the verdict', async () => {
    const r = await runCli(['analyze', `${A}-sessions/`, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { verdict: { summary: string }; goroutines: { source: string; unplaced?: string }[] };
    // The folder also holds the ?gc=1 heap dumps of t01…t14 and the plain dumps and /debug/vars of t01…t18 (the plain ones read to
    // 121.7 MiB, below half the peak): peak retention leads, and no dump is left out of the goroutine trend.
    expect(json.verdict.summary.startsWith('Peak retention, not a leak: live heap fell from 413.8 MiB at snapshot 8 to 219.7 MiB at snapshot 28, at each of its 10 steps (−19.4 MiB a step on average), read right after a forced GC')).toBe(true);
    expect(json.verdict.summary).not.toContain('not in the goroutine trend');
    expect(json.goroutines).toHaveLength(36);
    expect(json.goroutines.filter((g) => g.unplaced !== undefined)).toEqual([]);
    expect(json.goroutines.slice(0, 4).map((g) => g.source.slice(A.length))).toEqual(['-sessions/goroutine-t01.txt', '-sessions/goroutine2-t01.txt', '-sessions/goroutine-t02.txt', '-sessions/goroutine2-t02.txt']);
  });

  it('dumps left out of a trend are said in a sentence of their own, after the verdict\'s first line (head -1 keeps the verdict)', async () => {
    const r = await runCli(['analyze', 'test/fixtures/captured/go1.19-audit38-mutexleak/goroutines/']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).not.toContain('goroutine trend');
    expect(lines.find((l) => l.includes('not in the goroutine trend'))?.startsWith('The goroutine dump last.goroutine-debug2.txt is not in the goroutine trend: its place among the 10 goroutine dumps t01…t10')).toBe(true);
  });
});
