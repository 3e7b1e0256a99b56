import { describe, expect, it } from 'vitest';
import { reportJson } from '../helpers/cli.js';

const SHRINK = 'test/fixtures/captured/go1.19-audit48-shrink';

interface Verdict { verdict: { summary: string; leak: string } }

describe('audit 48 #5: a heap drained step by step while only forced GCs ran (go1.19-audit48-shrink)', () => {
  // main.go:31-43 deletes 48 of the 64 KiB entries (3 MiB) a second; gctrace: only forced GCs after gc 6 @0.765s.
  const forced = (from: number, gcs: number): string => `Every GC from snapshot ${from} on was a forced one (${gcs} GCs, NumForcedGC +${gcs}: ?gc=1 reads or the program's runtime.GC()): the program allocated 3.9 MiB from then on, short of the 185.6 MiB its heap goal left (NextGC 371.0 MiB), so what it let go of was found free by those GCs; without them it would wait in HeapAlloc for a GC the runtime starts itself (at the goal, or two minutes after the last GC).`;

  it('gc1/: the fall is said at each of its 6 steps, and that every GC was forced', async () => {
    const r = await reportJson<Verdict>([`${SHRINK}/gc1`]);
    expect(r.verdict.leak).toBe('not-suspected');
    expect(r.verdict.summary).toBe(`Peak retention, not a leak: live heap fell from 185.4 MiB to 2.4 MiB, at each of its 6 steps (−30.5 MiB a step on average) while HeapSys stays at its 203.7 MiB high-water mark, most of it address space only: 163.6 MiB released to the OS (on Linux, out of RSS unless GODEBUG=madvdontneed=0), 37.0 MiB idle (held for reuse). ${forced(1, 6)}`);
  });

  it('the whole capture: the ?gc=1 readings fell at each step from their peak at snapshot 3', async () => {
    const r = await reportJson<Verdict>([SHRINK]);
    expect(r.verdict.summary).toBe(`Peak retention, not a leak: live heap fell from 185.4 MiB at snapshot 3 to 2.4 MiB at snapshot 21, at each of its 6 steps (−30.5 MiB a step on average), read right after a forced GC (?gc=1; read between GCs, HeapAlloc, which counts the garbage made since the last GC too, fell from 200.4 MiB at snapshot 2 to 35.5 MiB at snapshot 20) while HeapSys stays at its 203.7 MiB high-water mark, most of it address space only: 163.6 MiB released to the OS (on Linux, out of RSS unless GODEBUG=madvdontneed=0), 37.0 MiB idle (held for reuse). ${forced(3, 6)}`);
  });
});
