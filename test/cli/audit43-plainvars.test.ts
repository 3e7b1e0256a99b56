/**
 * Readings between GCs of a stable program: plain heap?debug=1 dumps and /debug/vars documents of the
 * captured go1.19-audit42-ptrdense's second run (README.md there: a 2,000,000-node list built in the first
 * ~1.3 s, then only garbage; every GC from gc 5 on left 78–83 MB live). Each reading follows the previous
 * round's ?gc=1 by ~7 s, so HeapAlloc (104.5–133.6 MiB) is the live heap plus the churn since the last GC,
 * while NextGC (156.3–163.4 MiB), which each GC sets from the heap it marked, held. Both series were "No leak
 * evidence: HeapAlloc, read between GCs, moves between 104.5 MiB and 133.2 MiB" (the previous session's
 * capture, whose first dump fell inside the build, "Cannot tell yet"). go1.19-audit42-bufleak's plain dumps
 * and /debug/vars of the same run (a bytes.Buffer doubling) keep saying it grows; deeprec's /debug/vars
 * (0.3 MiB live under the 4 MiB minimum goal) say no leak evidence, no Stable from a goal that says nothing.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const P = 'test/fixtures/captured/go1.19-audit42-ptrdense';
const B = 'test/fixtures/captured/go1.19-audit42-bufleak';
const D = 'test/fixtures/captured/go1.19-audit42-deeprec';

interface Verdict { kind: string; leak: string; confidence: string; summary: string; readBetweenGCs?: Record<string, unknown> }

async function seriesVerdict(args: string[]): Promise<Verdict | undefined> {
  const r = await runCli([...args, '--format', 'json']);
  return (JSON.parse(r.stdout) as { series?: { verdict: Verdict } }).series?.verdict;
}

const SAWTOOTH = (low: string, high: string, spread: string, perGC: string, gcs: number): string =>
  `HeapAlloc, read between GCs, moves between ${low} and ${high} without rising steadily: its spread, ${spread}, is within the ${perGC} allocated per GC cycle (TotalAlloc's rise over the ${gcs} GCs the runtime started), the height of the GC's sawtooth.`;
const GOAL = (n: number, span: string): string =>
  `the heap goal held across ${n} GC-separated snapshots (${span}), NextGC 156.3 MiB–163.4 MiB: each GC sets it from the heap it marked live, about twice that heap if GOGC is 100 (the default; the readings do not carry GOGC), so a live heap of about 78.2 MiB–81.7 MiB at each, which one that grew would have raised`;

describe('a stable program read between GCs (go1.19-audit42-ptrdense, second run)', () => {
  it('plain/: Stable, the live heap from the goal and the latest profile, HeapAlloc as the between-GC range', async () => {
    const v = await seriesVerdict([`${P}-run2/plain/`]);
    expect(v).toMatchObject({ kind: 'stable', leak: 'not-suspected', confidence: 'medium' });
    expect(v?.summary.split('\n')[0]).toBe(`Stable: ${GOAL(10, 'snapshots 1→10')}; the latest heap profile, as of snapshot 10's last GC, has 79.0 MiB in use; ${SAWTOOTH('104.5 MiB', '133.2 MiB', '28.7 MiB', '112.7 MiB', 9)} A dump taken between GCs counts the garbage made since the last one in HeapAlloc: add ?gc=1 to the heap URL so that each snapshot follows a GC. Grew, then held (not growing now): main.build (main.go:22) +20.0 MiB, main.build (main.go:21) +17.5 MiB.`);
    // The table's note names the profile the words do (the latest's), not t05's, as of a GC inside the build (39.0 MiB).
    expect(v?.readBetweenGCs).toEqual({ profileInUseBytes: 82839424, snapshot: 10, room: { lowNextGCBytes: 163900376, highNextGCBytes: 171367688, perGCBytes: 118204647, gcs: 9 }, plainDumps: 10 });
  });

  it('plain/ from t12 (HeapAlloc 115.9 → 112.7 MiB, within flatShare): the same words, not HeapAlloc\'s endpoints', async () => {
    const files = [12, 19, 27, 34, 42, 49, 57, 64, 72].map((t) => `${P}-run2/plain/heap-t${t}.txt`);
    const v = await seriesVerdict(files);
    expect(v).toMatchObject({ kind: 'stable', leak: 'not-suspected', confidence: 'high' });
    expect(v?.summary).toBe(`Stable: ${GOAL(9, 'snapshots 1→9')}; the latest heap profile, as of snapshot 9's last GC, has 79.0 MiB in use, with no site or goroutine group growing steadily; ${SAWTOOTH('104.5 MiB', '133.2 MiB', '28.7 MiB', '113.5 MiB', 8)} A dump taken between GCs counts the garbage made since the last one in HeapAlloc: add ?gc=1 to the heap URL so that each snapshot follows a GC.`);
  });

  it('vars/: Stable from the goal, no profile named; the /debug/vars advice', async () => {
    const v = await seriesVerdict([`${P}-run2/vars/`]);
    expect(v).toMatchObject({ kind: 'stable', leak: 'not-suspected', confidence: 'medium' });
    expect(v?.summary).toBe(`Stable: ${GOAL(10, 'snapshots 1→10')}, with no site or goroutine group growing steadily; ${SAWTOOTH('104.7 MiB', '133.6 MiB', '28.9 MiB', '112.7 MiB', 9)} A snapshot read between GCs counts the garbage made since the last one in HeapAlloc: to measure the live heap, take heap?debug=1&gc=1 dumps (each runs a GC first, so that its HeapAlloc is the live heap; /debug/vars and /metrics cannot run one).`);
  });

  it('the text report\'s table row is HeapAlloc, with the goal the note names', async () => {
    const r = await runCli([`${P}-run2/vars/`]);
    expect(r.stdout).toContain('  HeapAlloc     128.3 MiB → 116.2 MiB → 118.8 MiB → 108.3 MiB → 115.0 MiB → 104.7 MiB → 119.5 MiB → 133.6 MiB → 114.0 MiB → 113.0 MiB\n');
    expect(r.stdout).toContain('  HeapAlloc was read between GCs: the heap between collections, live plus garbage not yet collected, not the live heap; it moved within the 112.7 MiB allocated per GC cycle, under a heap goal that held (NextGC 156.3 MiB–163.4 MiB); /debug/vars and /metrics read MemStats when asked, never right after a GC, and have no heap profile to say what is live.\n');
  });
});

describe('a real leak and a tiny heap read between GCs keep their verdicts (second run)', () => {
  it('bufleak plain/: too soon to tell at a buffer that doubles, never Stable', async () => {
    const v = await seriesVerdict([`${B}-run2/plain/`]);
    expect(v).toMatchObject({ kind: 'unknown', leak: 'unknown' });
    // Its HeapAlloc is within 1.3 MiB of NextGC/2 at every dump (little garbage beside the buffer): five read as right after a GC.
    // Which readings were after a GC and which between GCs is said in the first sentence, before the advice (holder43, audit 43 F10).
    expect(v?.summary.startsWith('Cannot tell yet whether memory leaks: the live heap rose once, 32.6 MiB → 64.6 MiB at snapshot 9, then stayed near 65.6 MiB through snapshot 10, at a buffer that doubles: bytes.growSlice ← main.record (main.go:21) holds one 64.0 MiB object and allocated 129.2 MiB there in all, about twice that — the copies it outgrew (the 5 GC-separated snapshots read right after a forced GC, ?gc=1 or the program\'s runtime.GC()), and 6.2 MiB to 96.3 MiB at snapshots 1, 2, 3, 4 and 8, read between GCs (their HeapAlloc counts the garbage made since the last GC). ')).toBe(true);
    expect(v?.summary.endsWith(' or look at the buffer\'s length (its len against its cap).')).toBe(true);
  });

  it('bufleak vars/: grew 6.3 → 65.7 MiB, not Stable (its goal rose with the buffer: no goal that held)', async () => {
    const v = await seriesVerdict([`${B}-run2/vars/`]);
    expect(v).toMatchObject({ kind: 'unknown', leak: 'unknown' });
    expect(v?.summary).toBe('Cannot tell yet whether memory leaks: the heap between collections (HeapAlloc, live plus garbage not yet collected) grew 6.3 MiB → 65.7 MiB across 10 snapshots taken at different GCs, each read between GCs (snapshots 1→10), but not steadily: it fell by 31.8 MiB at snapshot 9, half an average step (6.6 MiB) or more; take more over a longer time to see whether it keeps rising.');
  });

  it('deeprec vars/: the 4 MiB minimum goal says nothing of 0.3 MiB live: no leak evidence, not Stable from the goal', async () => {
    const v = await seriesVerdict([`${D}-run2/vars/`]);
    expect(v).toMatchObject({ kind: 'stable', leak: 'not-suspected', confidence: 'low' });
    expect(v?.summary).toBe('No leak evidence: HeapAlloc, read between GCs, moves between 603.4 KiB and 3.4 MiB across 10 GC-separated snapshots (snapshots 1→10) without rising steadily, with no site or goroutine group growing steadily. A snapshot read between GCs counts the garbage made since the last one in HeapAlloc: to measure the live heap, take heap?debug=1&gc=1 dumps (each runs a GC first, so that its HeapAlloc is the live heap; /debug/vars and /metrics cannot run one).');
  });
});
