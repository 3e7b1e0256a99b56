/**
 * A TTL cache whose eviction stops at its first live entry, captured for an audit
 * (test/fixtures/captured/go1.19-audit39-ttlcache, README there): a real leak with one drop. Its
 * GC log (C 0 → 95 MB, 11 and 1 MB after one large eviction, then 1 → 108 MB over its last 43
 * GCs) was "A plateau, not a leak: … then stayed between 9 and 108 MB for the last 29 of 87 GCs";
 * its two ?gc=1 dumps (12.4 → 109.1 MiB) "rose … by snapshot 14, then stayed near 109.1 MiB
 * through snapshot 14", so the folder was a plateau, `--fail-on leak` passed and lint found no
 * leak; its plain dumps blamed 64 KiB of goroutine stacks beside 155 MiB of heap growth; and a
 * dump whose verdict said "Read between GCs: HeapAlloc 66.9 MiB" showed "live 66.9 MiB".
 */
import { describe, expect, it } from 'vitest';
import { parseGcTrace } from '../../src/grammar/gctrace/index.js';
import { analyzeGcTrace } from '../../src/exposition/gctrace.js';
import { plateauFrom, PLATEAU_MIN_HELD } from '../../src/analyze/series/trend.js';
import { readFixture } from '../helpers/fixtures.js';
import { runCli } from '../helpers/cli.js';

const REL = 'captured/go1.19-audit39-ttlcache';
const T = `test/fixtures/${REL}`;

const ROSE_AGAIN = 'the live heap after GC fell once, from 95 MB (gc 43) to 1 MB (gc 45), then rose again, 1 → 108 MB over its last 43 of 87 GCs (117.5 s), its floor higher in every third of that run (1 → 9 → 36 MB), past the 95 MB it held before the fall: what the fall freed came back and more, so something still accumulates (one large cleanup between two rising runs is no plateau)';

interface Verdict { kind?: string; leak: string; confidence?: string; evidence?: unknown[]; summary: string; readBetweenGCs?: true | { plainDumps?: number } }
interface Report { verdict: Verdict; series?: { verdict: Verdict }; snapshots: { verdict: Verdict }[] }

async function report(args: string[]): Promise<Report> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

describe('the GC log: one large drop between two rising runs is no plateau', () => {
  it('rose again past where it was before the drop: leak suspected (medium confidence), not "stayed between 9 and 108 MB"', () => {
    const a = analyzeGcTrace(parseGcTrace(readFixture(`${REL}/gctrace.log`), 'gctrace.log').log, 'gctrace.log');
    expect([a.cycles, a.floorsMB]).toEqual([87, [0, 1, 9]]);
    expect(a.liveMB.slice(40, 47)).toEqual([81, 89, 95, 11, 1, 2, 2]);
    expect(a.liveMB.slice(-4)).toEqual([91, 97, 103, 108]);
    expect(a.verdict).toEqual({
      kind: 'leak', leak: 'suspected', confidence: 'medium',
      evidence: [{ kind: 'live-heap', text: ROSE_AGAIN }],
      summary: `Leak suspected (medium confidence): ${ROSE_AGAIN}.`,
    });
  });

  it('a real plateau stays one: the captured cache (36 MB for its last 8 of 15 GCs) is within its band', () => {
    const a = analyzeGcTrace(parseGcTrace(readFixture('captured/go1.19-audit-verdicts/f-cache/stderr.log'), 'stderr.log').log, 'stderr.log');
    expect([a.verdict.kind, a.verdict.leak, a.verdict.confidence]).toEqual(['stable', 'not-suspected', 'high']);
    expect(a.verdict.summary.startsWith('A plateau, not a leak: the live heap after GC rose 3 → 36 MB, then stayed at 36 MB for the last 8 of 15 GCs over 7.0 s')).toBe(true);
  });
});

describe('the folder: the GC log\'s leak heads it, the two ?gc=1 dumps are no plateau', () => {
  it('verdict, series verdict, --fail-on leak and lint', async () => {
    const r = await report([T]);
    expect(r.verdict).toEqual({ leak: 'suspected', dominant: 'live', summary: `${T}/gctrace.log: Leak suspected (medium confidence): ${ROSE_AGAIN}.` });
    expect(r.series?.verdict).toEqual({
      kind: 'unknown', leak: 'unknown', confidence: 'low', evidence: [],
      summary: 'Cannot tell yet whether memory leaks: the live heap grew 12.4 MiB → 109.1 MiB across the 2 GC-separated snapshots read right after a forced GC (snapshots 7→14, ?gc=1), and 23.7 MiB to 193.0 MiB at snapshots 1, 2, 3, 4, 5, 6 and 6 more, read between GCs (their HeapAlloc counts the garbage made since the last GC), but 2 readings show no trend (3 are needed): a rise that stopped and one that goes on read alike; take more over a longer time to see whether it keeps rising. To read the live heap at each snapshot, add ?gc=1 to the heap URL so that each snapshot follows a GC.',
    });
    expect((await runCli([T, '--fail-on', 'leak'])).code).toBe(1);
    const lint = await runCli(['lint', T, '--format', 'json']);
    expect(lint.code).toBe(1);
    const files = JSON.parse(lint.stdout) as { filePath: string; messages: { ruleId: string; severity: number; line: number }[] }[];
    const leaks = files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'leak-suspected').map((m) => [f.filePath.split('/').slice(-2).join('/'), m.line, m.severity]));
    // 2: an error in the json format, at the log's last GC line.
    expect(leaks).toEqual([['go1.19-audit39-ttlcache/gctrace.log', 87, 2]]);
  });

  it('a plateau holds over 2 readings at least: 12.4 → 109.1 MiB is none, 8.4 → 16.5 → 16.6 MiB is one', () => {
    expect(PLATEAU_MIN_HELD).toBe(2);
    expect(plateauFrom([12.4, 109.1], 0.1)).toBeUndefined();
    expect(plateauFrom([8.4, 16.5, 16.6], 0.1)).toBe(1);
  });
});

describe('the plain dumps alone', () => {
  it('64 KiB of goroutine stacks beside 155 MiB of heap growth is no goroutine leak\'s sign: the heap is judged', async () => {
    const r = await report([`${T}/series`]);
    expect(r.series?.verdict).toEqual({
      // heap-t140's goal (and its own verdict) says its last GC marked under 90% of its HeapAlloc: the profile is weighed (verdict.ts readMidCycle).
      kind: 'unknown', leak: 'unknown', confidence: 'low', evidence: [], readBetweenGCs: { profileInUseBytes: 103806784, plainDumps: 6 },
      summary: 'Cannot tell yet whether memory leaks: the heap between collections (HeapAlloc, live plus garbage not yet collected) grew 37.6 MiB → 193.0 MiB across 6 snapshots taken at different GCs, each read between GCs (snapshots 1→6), but not steadily: it fell by 111.1 MiB at snapshot 4, half an average step (31.1 MiB) or more, and the heap profile, as of the latest one\'s last GC, had 99.0 MiB in use: HeapAlloc counts the garbage made since the last GC, which the next one collects, so these snapshots do not say how much is live; take more over a longer time to see whether it keeps rising. To read the live heap itself, add ?gc=1 to the heap URL so that each snapshot follows a GC.',
    });
  });

  it('a dump read between GCs: its table names HeapAlloc as its verdict does; one read after ?gc=1 keeps "live"', async () => {
    const between = await runCli([`${T}/series/heap-t140.txt`]);
    const lines = between.stdout.split('\n');
    expect(lines[0]?.startsWith('Read between GCs: HeapAlloc 66.9 MiB, 75.0% of the 89.3 MiB Go holds')).toBe(true);
    expect(lines).toContain('  HeapAlloc        66.9 MiB   33.2%  ████████');
    expect(lines.some((l) => l.startsWith('  live '))).toBe(false);
    expect((await report([`${T}/series/heap-t140.txt`])).snapshots[0]?.verdict.readBetweenGCs).toBe(true);
    const md = await runCli([`${T}/series/heap-t140.txt`, '--format', 'markdown']);
    expect(md.stdout.split('\n')).toContain('| HeapAlloc | 70,145,488 | 66.9 MiB | 33.2% |');
    const after = await runCli([`${T}/gc1/heap-gc1-t220.txt`]);
    expect(after.stdout.split('\n')).toContain('  live            109.1 MiB   50.4%  ████████████');
    expect((await report([`${T}/gc1/heap-gc1-t220.txt`])).snapshots[0]?.verdict.readBetweenGCs).toBeUndefined();
  });
});
