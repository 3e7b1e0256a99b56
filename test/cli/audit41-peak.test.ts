/**
 * A session store whose janitor falls behind a 40 s flood, then works the peak off (captured for an
 * audit: test/fixtures/captured/go1.19-audit41-sessions and -sessions-run1, READMEs there; the
 * sessions are main.handle's 8 KiB each, main.go:31). Its ?gc=1 dumps read 137.8 → 238.6 → 340.4 →
 * 413.8 MiB, then 400.1 → 386.3 → … → 219.7 MiB with HeapSys held at 487.4 MiB and HeapReleased
 * rising: six of them were "A plateau … stayed near 386.3 MiB", seven to fourteen "Cannot tell yet
 * … see whether it keeps rising"; the same process's whole history was "Leak suspected (medium
 * confidence)" of sync.(*Map).dirtyLocked, 0 → 1.7 → 3.5 MiB then flat ×9, its why naming two
 * folders' heap-gc1-t01.txt … alike; and its GC log "Stable: … between 0 and 413 MB".
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseGcTrace } from '../../src/grammar/gctrace/index.js';
import { analyzeGcTrace } from '../../src/exposition/gctrace.js';
import { fallingSincePeak } from '../../src/analyze/series/trend.js';
import { namesApart } from '../../src/common/paths.js';
import { FIXTURES, readFixture } from '../helpers/fixtures.js';
import { runCli, reportJson } from '../helpers/cli.js';

const REL = 'captured/go1.19-audit41-sessions';
const RUN1 = 'captured/go1.19-audit41-sessions-run1';
const T = `test/fixtures/${REL}`;
const T1 = `test/fixtures/${RUN1}`;

/** The first `n` of a folder's ?gc=1 dumps, in name order (t01, t02, …). */
function dumps(rel: string, dir: string, n = Infinity): string[] {
  return readdirSync(join(FIXTURES, rel)).filter((f) => f.startsWith('heap-gc1-t')).sort().slice(0, n).map((f) => `${dir}/${f}`);
}

interface Verdict { kind?: string; leak: string; confidence?: string; evidence?: unknown[]; summary: string }

async function seriesVerdict(args: string[]): Promise<Verdict | undefined> {
  return (await reportJson<{ series?: { verdict: Verdict } }>(args)).series?.verdict;
}

const HELD_6 = 'while HeapSys stays at its 487.4 MiB high-water mark: 84.1 MiB idle (held for reuse), 8.1 MiB released to the OS (on Linux, out of RSS unless GODEBUG=madvdontneed=0)';
const HELD_9 = 'while HeapSys stays at its 487.4 MiB high-water mark: 83.4 MiB idle (held for reuse), 48.2 MiB released to the OS (on Linux, out of RSS unless GODEBUG=madvdontneed=0)';
const AGAIN = 'A leak would rise again: later dumps tell whether it keeps falling.';

describe('a peak being worked off: the live heap fell at each step since its highest reading', () => {
  it('two falls (six dumps) are no plateau "stayed near 386.3 MiB"', async () => {
    expect(await seriesVerdict(dumps(REL, T, 6))).toEqual({
      kind: 'peak-retention', leak: 'not-suspected', confidence: 'medium', evidence: [],
      summary: `Peak retention, not a leak: the live heap peaked at 413.8 MiB (snapshot 4) and fell at each of the 2 steps since (−27.5 MiB): a past peak being worked off, at 386.3 MiB by snapshot 6, above where it started (137.8 MiB at snapshot 1), ${HELD_6}. ${AGAIN} The site that rose and is falling: main.handle (main.go:31) 133.7 MiB → 410.2 MiB → 381.6 MiB.`,
    });
  });

  it('five falls (nine dumps) are no "Cannot tell yet … fell by 13.9 MiB at snapshot 7", and name main.handle, not sync.(*Map).dirtyLocked', async () => {
    expect(await seriesVerdict(dumps(REL, T, 9))).toEqual({
      kind: 'peak-retention', leak: 'not-suspected', confidence: 'medium', evidence: [],
      summary: `Peak retention, not a leak: the live heap peaked at 413.8 MiB (snapshot 4) and fell at each of the 5 steps since (−67.4 MiB): a past peak being worked off, at 346.4 MiB by snapshot 9, above where it started (137.8 MiB at snapshot 1), ${HELD_9}. ${AGAIN} The site that rose and is falling: main.handle (main.go:31) 133.7 MiB → 410.2 MiB → 340.3 MiB.`,
    });
  });

  it('ten falls (fourteen dumps), still above half the peak, say the same', async () => {
    const v = await seriesVerdict(dumps(REL, T, 14));
    expect([v?.kind, v?.leak, v?.confidence]).toEqual(['peak-retention', 'not-suspected', 'medium']);
    expect(v?.summary.startsWith('Peak retention, not a leak: the live heap peaked at 413.8 MiB (snapshot 4) and fell at each of the 10 steps since (−194.1 MiB): a past peak being worked off, at 219.7 MiB by snapshot 14')).toBe(true);
    expect(v?.summary.endsWith('The site that rose and is falling: main.handle (main.go:31) 133.7 MiB → 410.2 MiB → 215.8 MiB.')).toBe(true);
  });

  it('the rise itself (four dumps) is still read as one', async () => {
    const v = await seriesVerdict(dumps(REL, T, 4));
    expect([v?.kind, v?.leak, v?.confidence]).toEqual(['leak', 'suspected', 'high']);
  });

  it('a fall at each step is one beyond a reading\'s noise: 2 % of the peak and the least given', () => {
    const MiB = 1024 * 1024;
    expect(fallingSincePeak([137.8, 238.6, 340.4, 413.8, 400.1, 386.3].map((v) => v * MiB), MiB)).toEqual({ at: 3, steps: 2, by: 27.5 * MiB });
    // One fall is a reading, not a trend; a fall under 2 % of the peak is the heap's own noise.
    expect(fallingSincePeak([137.8, 238.6, 340.4, 413.8, 400.1].map((v) => v * MiB), MiB)).toBeUndefined();
    expect(fallingSincePeak([100, 200, 199, 198].map((v) => v * MiB), MiB)).toBeUndefined();
  });
});

describe('the same process\'s whole history: a site that jumped once, then held while the live heap fell, is no leak', () => {
  const files = [...dumps(RUN1, T1), ...dumps(REL, T, 10)];

  it('not "Leak suspected (medium confidence): growing sites: sync.(*Map).dirtyLocked"', async () => {
    // dirtyLocked, 0 → 1.7 → 3.5 MiB, then 3.5 MiB at 9 GCs, grew, then held (the hold rule): named with the past peak's held sites, apart.
    expect(await seriesVerdict(files)).toEqual({
      kind: 'peak-retention', leak: 'not-suspected', confidence: 'medium', evidence: [],
      summary: `Peak retention, not a leak: the live heap peaked at 413.8 MiB (snapshot 14) and fell at each of the 6 steps since (−81.2 MiB): a past peak being worked off, at 332.6 MiB by snapshot 20, above where it started (7.3 MiB at snapshot 1), while HeapSys stays at its 487.5 MiB high-water mark: 77.7 MiB idle (held for reuse), 67.5 MiB released to the OS (on Linux, out of RSS unless GODEBUG=madvdontneed=0). ${AGAIN} The site that rose and is falling: main.handle (main.go:31) 7.8 MiB → 410.2 MiB → 325.9 MiB.`,
    });
    expect((await runCli([...files, '--fail-on', 'leak'])).code).toBe(0);
  });

  it('a leak finding over both folders names each file with its folder', async () => {
    const r = await runCli([...dumps(RUN1, T1), ...dumps(REL, T, 4)]);
    expect(r.code).toBe(0);
    const named = (dir: string, from: number, to: number): string[] =>
      Array.from({ length: to - from + 1 }, (_, i) => `${dir}/heap-gc1-t${String(from + i).padStart(2, '0')}.txt`);
    const compared = [...named('go1.19-audit41-sessions-run1', 1, 10), ...named('go1.19-audit41-sessions', 1, 4)];
    expect(r.stdout).toContain('error leak-suspected: Leak suspected (medium confidence) across 14 snapshots, go1.19-audit41-sessions-run1/heap-gc1-t01.txt → go1.19-audit41-sessions/heap-gc1-t04.txt: ');
    expect(r.stdout).toContain(`    why: The GC-separated snapshots compared: ${compared.join(', ')}.\n`);
  });

  it('names apart only what repeats', () => {
    expect(namesApart([`${T1}/heap-gc1-t01.txt`, `${T1}/heap-gc1-t02.txt`, `${T}/heap-gc1-t01.txt`])).toEqual([
      'go1.19-audit41-sessions-run1/heap-gc1-t01.txt', 'go1.19-audit41-sessions-run1/heap-gc1-t02.txt', 'go1.19-audit41-sessions/heap-gc1-t01.txt',
    ]);
    expect(namesApart([`${T}/heap-gc1-t01.txt`, `${T}/heap-gc1-t02.txt`, `${T}/heap-gc1-t01.txt`])).toEqual(['heap-gc1-t01.txt', 'heap-gc1-t02.txt', 'heap-gc1-t01.txt']);
  });
});

describe('the session server\'s GC log: a range of 0 to 413 MB is never "Stable"', () => {
  const log = (n: number): ReturnType<typeof analyzeGcTrace> => {
    const name = `server-gctrace-${n}.txt`;
    return analyzeGcTrace(parseGcTrace(readFixture(`${REL}/gctrace-cuts/${name}`), name).log, name);
  };
  const KEEPS = 'Meanwhile the runtime keeps the memory it grew into: its free spans until the scavenger returns them, and spans that still hold a surviving object for as long as that object lives (fragmentation, which the scavenger cannot return: a heap dump\'s HeapInuse − HeapAlloc says how much).';

  it('cut at the top (128 GCs): rising at the log\'s end, cannot tell yet', () => {
    const a = log(128);
    expect(a.liveMB.slice(-14)).toEqual([1, 3, 5, 8, 14, 25, 42, 69, 113, 137, 221, 238, 340, 413]);
    expect(a.verdict).toEqual({
      kind: 'unknown', leak: 'unknown', evidence: [], confidence: 'low',
      summary: 'Cannot tell from this log whether memory leaks: the live heap after GC stayed between 0 and 9 MB for 114 GCs, then rose 1 → 413 MB over its last 13 (gc 115 → gc 128, 42.0 s), still rising at the log\'s end (over 501.8 s and 128 GCs): a load that passes and a leak read alike until later GCs show whether it falls back. Log for longer, or compare heap dumps taken with ?gc=1 some time apart.',
    });
  });

  it('five and ten GCs later: a past peak being worked off', () => {
    expect(log(133).verdict).toEqual({
      kind: 'peak-retention', leak: 'not-suspected', evidence: [], confidence: 'medium',
      summary: `Peak, not a leak: the live heap after GC peaked at 413 MB (gc 128) and fell at each of the 5 GCs since (413 → 400 → 386 → 372 → 358 → 346 MB, −67 MB): a past peak being worked off over 551.4 s and 133 GCs, not yet back to its lowest (0 MB). A leak would rise again: a longer log tells whether it keeps falling. ${KEEPS}`,
    });
    expect(log(138).verdict.summary.startsWith('Peak, not a leak: the live heap after GC peaked at 413 MB (gc 128) and fell at each of the 10 GCs since (413 → 400 → 386 → 372 → … → 260 → 219 MB, −194 MB): a past peak being worked off over 644.4 s and 138 GCs')).toBe(true);
  });
});
