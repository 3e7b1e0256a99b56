/**
 * ?gc=1 dumps under a low GOGC beside plain ones, and a ?gc=1 dump piped on standard input (audit 47
 * #11's rest), on the captured go1.19-audit47-gogc10 (GOGC=10: gctrace `35->35->32 MB, 35 MB goal`;
 * its gc1/ dumps read 32.4 → 32.2 MiB, NextGC 1.10 times HeapAlloc) and go1.19-audit47-gogc400.
 */
import { describe, expect, it } from 'vitest';
import { reportLines } from '../helpers/cli.js';

const T = 'test/fixtures/captured/go1.19-audit47-gogc10';
const SETLIMIT = 'test/fixtures/captured/go1.19-audit45-setlimit';

describe('GOGC=10: the whole folder\'s live heap is its ?gc=1 dumps\' (was the first plain dump\'s HeapAlloc, 34.5 MiB)', () => {
  it('the whole folder: Stable, 32.4 → 32.2 MiB across its seven gc1/ dumps, the plain ones named apart', async () => {
    const lines = await reportLines([T]);
    expect(lines[0]).toBe('Stable: live heap 32.4 MiB → 32.2 MiB across the 7 GC-separated snapshots read right after a forced GC (snapshots 3→21, ?gc=1), and 32.4 MiB to 35.4 MiB at snapshots 1, 2, 4, 5, 7, 8 and 8 more, read between GCs (their HeapAlloc counts the garbage made since the last GC), with no site or goroutine group growing steadily.');
    expect(lines).toContain('  Snapshots 1, 2, 4, 5, 7, 8 and 8 more were read between GCs, the others right after a forced GC (?gc=1): their HeapAlloc counts the garbage made since the last GC; right after a GC it is the live heap.');
  });

  it('gc1/ alone and plain/ alone as before', async () => {
    expect((await reportLines([`${T}/gc1`]))[0]).toBe('Stable: live heap 32.4 MiB → 32.2 MiB across 7 GC-separated snapshots (snapshots 1→7), with no site or goroutine group growing steadily.');
    expect((await reportLines([`${T}/plain`]))[0]).toBe('Stable: the heap goal held across 7 GC-separated snapshots (snapshots 1→7), NextGC 35.5 MiB, at the live heap itself, where GOGC=100 sets about twice it: a memory limit holds it down (GOMEMLIMIT, or debug.SetMemoryLimit), or a very low GOGC; the latest heap profile, as of snapshot 7\'s last GC, has 31.6 MiB in use, with no site or goroutine group growing steadily; HeapAlloc, read between GCs, moves between 33.6 MiB and 35.4 MiB without rising steadily: its spread, 1.8 MiB, is within the 3.1 MiB allocated per GC cycle (TotalAlloc\'s rise over the 534 GCs the runtime started), the height of the GC\'s sawtooth.');
  });

  it('a memory limit\'s pinned goal (go1.19-audit45-setlimit, whole folder) as before', async () => {
    const lines = await reportLines([SETLIMIT]);
    expect(lines[0]).toBe('Stable: live heap 48.6 MiB → 48.4 MiB across the 7 GC-separated snapshots read right after a forced GC (snapshots 3→21, ?gc=1), and 48.3 MiB to 65.7 MiB at snapshots 1, 2, 4, 5, 7, 8 and 8 more, read between GCs (their HeapAlloc counts the garbage made since the last GC), with no site or goroutine group growing steadily.');
  });
});
