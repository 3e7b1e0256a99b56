/**
 * A GC turned off for a phase at run time (audit 44 F3, F4): the captured go1.19-audit44-gcphase
 * calls debug.SetGCPercent(-1) at t20 and restores 100 at t40; its t26 and t36 snapshots have NextGC
 * ≈ 2^63 beside 10 GCs that ran by themselves, the later ones a goal of their own again. The series'
 * gc-off said "Latest snapshot: NextGC = 8.0 EiB" of a series whose latest has 32.8 MiB; one dump of
 * the phase said "GOGC=off … set GOGC (unset, it is 100)", which an environment variable cannot undo.
 */
import { describe, expect, it } from 'vitest';
import { reportJson, reportLines, runCli } from '../helpers/cli.js';

const GCPHASE = 'test/fixtures/captured/go1.19-audit44-gcphase';
const WATCH = 'test/fixtures/captured/go1.19-audit44-gcphase-watch/saved';

interface Finding { ruleId: string; severity: string; message: string; why: string; fix: string; evidence: Record<string, unknown> }
interface Json { findings: Finding[] }

describe('the GC turned off while the program ran (audit 44 F3, F4)', () => {
  it('one dump of the phase: the GC was turned off at run time (10 of 13 GCs unforced), and what undoes it', async () => {
    const lines = await reportLines([`${GCPHASE}/plain/heap-t36.txt`]);
    expect(lines[2]).toBe('The GC is off (turned off while the program ran, no memory limit: NextGC 8.0 EiB, about 2^63; 10 of its 13 GCs ran by themselves before it was turned off, 3 were forced): only forced GCs run, so between them the heap keeps everything the program allocates (21.7 MiB per GC on average: TotalAlloc / NumGC, the profiler\'s own 1.2 MiB left out); find where the program turns the GC off (debug.SetGCPercent(-1)) and turn it back on when that phase ends (debug.SetGCPercent with the value the call returned), or give the phase a memory limit (debug.SetMemoryLimit), so that the GC runs as the heap grows: GOGC in the environment cannot undo a call made at run time.');
    expect(lines.join('\n')).not.toContain('unset, it is 100');
  });

  it('the ?gc=1 series: off at t26 and t36, on again at the latest — not "Latest snapshot: NextGC = 8.0 EiB"', async () => {
    const json = await reportJson<Json>([`${GCPHASE}/gc1`, '--format', 'json']);
    const off = json.findings.filter((f) => f.ruleId === 'gc-off');
    expect(off).toHaveLength(1);
    expect(off[0]?.severity).toBe('warning');
    expect(off[0]?.message).toBe('The garbage collector was off (turned off while the program ran, no memory limit) in 2 of the series\' 7 snapshots (heap-t26.txt, heap-t36.txt), and is on again at the latest: while it was off only forced GCs ran, and the heap kept everything the program allocated.');
    expect(off[0]?.why.startsWith('The last snapshot with it off (heap-t36.txt): NextGC = 8.0 EiB, about 2^63: the heap goal the runtime reports when the GC is off (debug.SetGCPercent(-1) at run time, or GOGC=off)')).toBe(true);
    expect(off[0]?.why).toContain('10 of its 14 GCs ran by themselves before it was turned off, 4 were forced');
    expect(off[0]?.why.endsWith('The series\' latest snapshot has a heap goal of its own again (NextGC below 2^62): the GC runs as the heap grows.')).toBe(true);
    expect(off[0]?.fix.startsWith('The GC runs again by itself.')).toBe(true);
    expect(off[0]?.evidence['onAgain']).toBe(true);
    expect(off[0]?.evidence['snapshots']).toBe(2);
  });

  it('the whole capture: the six snapshots of the phase named from the first to the last', async () => {
    const lines = await reportLines([GCPHASE]);
    expect(lines).toContain('  warning gc-off: The garbage collector was off (turned off while the program ran, no memory limit) in 6 of the series\' 21 snapshots (plain/heap-t26.txt to gc1/heap-t36.txt), and is on again at the latest: while it was off only forced GCs ran, and the heap kept everything the program allocated.');
    expect(lines.join('\n')).not.toContain('Latest snapshot: NextGC');
  });

  it('watch --save polls of /debug/vars: all 12 GCs before the phase ran by themselves, none forced', async () => {
    const json = await reportJson<Json>([WATCH, '--format', 'json']);
    const off = json.findings.find((f) => f.ruleId === 'gc-off');
    expect(off?.message).toBe('The garbage collector was off (turned off while the program ran, no memory limit) in 7 of the series\' 23 snapshots (2026-12-07T13-57-35.487Z.vars.json to 2026-12-07T13-57-53.503Z.vars.json), and is on again at the latest: while it was off only forced GCs ran, and the heap kept everything the program allocated.');
    expect(off?.why).toContain('All 12 GCs ran by themselves before it was turned off, none forced');
  });

  it('lint says it once, at the last dump with it off', async () => {
    const result = await runCli(['lint', `${GCPHASE}/plain`]);
    expect(result.stdout).toContain('plain/heap-t36.txt\n  50:3  warning  The garbage collector was off (turned off while the program ran, no memory limit) in 2 of the series\' 7 snapshots, and is on again at the latest: while it was off only forced GCs ran, and the heap kept everything the program allocated.  gc-off');
  });

  it('the past peak is the phase with the GC off (audit 44 F5): gc1/ and vars/ name the snapshots that set HeapSys\'s mark', async () => {
    const gc1 = await reportLines([`${GCPHASE}/gc1`]);
    expect(gc1[0]).toBe('Stable live heap (16.3 MiB) after a past peak: HeapSys 91.7 MiB is its high-water mark, set while the GC was off at snapshots 3–4 (NextGC ≈ 2^63: no GC ran by itself, and the heap kept all that was allocated; it runs again from snapshot 5); 57.2 MiB went idle and was released to the OS during the series (HeapReleased 2.9 MiB at snapshot 1 → 60.3 MiB at snapshot 5; on Linux, out of RSS unless GODEBUG=madvdontneed=0); 14.6 MiB idle (held for reuse) at snapshot 7.');
    const vars = await reportLines([`${GCPHASE}/vars`]);
    expect(vars[0]).toContain('while HeapSys stays at its 91.7 MiB high-water mark, set while the GC was off at snapshots 3–4 (NextGC ≈ 2^63: no GC ran by itself, and the heap kept all that was allocated; it runs again from snapshot 5), most of it address space only');
  });
});

