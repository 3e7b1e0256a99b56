/**
 * wording47 on real Go captures:
 *  - a heap dump taken before any GC (NumGC 0) whose verdict is not the open one ("Not a leak of
 *    reachable data", the GC off) said "live 2.7 MiB" in its headline, its table and stack-heavy:
 *    nothing was marked yet, so HeapAlloc is everything allocated since the start, as the open
 *    verdict says it (go1.19-audit46-pregc; verdict.ts noGcYet). The go1.19 seed's
 *    routine1.after-wait (NumGC 0, 11.3 MiB of stacks) and go1.19-audit38-gcmanual/plain/t01 (GOGC=off).
 */
import { describe, expect, it } from 'vitest';
import { reportLines } from '../helpers/cli.js';

const SEED = 'test/fixtures/corpus/go1.19/seed/routine1.after-wait.heap-debug1.txt';
const NO_GC = 'no GC has run yet, NumGC 0: everything allocated since the process started, live or not';

describe('a dump before any GC whose verdict is not the open one: HeapAlloc, never "live"', () => {
  it('seed routine1.after-wait: headline, next step, table row and stack-heavy (text and Markdown)', async () => {
    const lines = await reportLines([SEED]);
    expect(lines.slice(0, 3)).toEqual([
      `Not a leak of reachable data: HeapAlloc 2.7 MiB (${NO_GC}) of 26.0 MiB mapped (Go holds 24.9 MiB); 1.1 MiB of idle heap already released to the OS, 11.3 MiB in goroutine stacks.`,
      'Most of the memory is goroutine stacks.',
      'One dump cannot tell whether the live heap grows — take a heap?debug=1&gc=1 dump (a GC runs before it, so that its HeapAlloc is the live heap) and another some time later, and compare both with heapdoc analyze A B.',
    ]);
    expect(lines.filter((l) => /^ {2}(live|HeapAlloc) /.test(l))).toEqual(['  HeapAlloc         2.7 MiB   10.4%  ██']);
    expect(lines.filter((l) => l.includes('stack-heavy:'))).toEqual([`  warning stack-heavy: Goroutine stacks take 11.3 MiB (45.2% of what Go holds), more than HeapAlloc 2.7 MiB (${NO_GC}).`]);
    const md = await reportLines([SEED, '--format', 'markdown']);
    expect(md.filter((l) => /^\| (live|HeapAlloc) \|/.test(l))).toEqual(['| HeapAlloc | 2,836,344 | 2.7 MiB | 10.4% |']);
  });

  it('go1.19-audit38-gcmanual plain/t01 (the GC off, never run): its table row is HeapAlloc, as its words say', async () => {
    const lines = await reportLines(['test/fixtures/captured/go1.19-audit38-gcmanual/plain/t01.heap-debug1.txt']);
    expect(lines[0]?.startsWith('The GC is off (GOGC=off, no GOMEMLIMIT: NextGC 8.0 EiB, about 2^63, and no GC has run, NumGC 0): HeapAlloc 13.7 MiB is everything allocated since the process started')).toBe(true);
    expect(lines.filter((l) => /^ {2}(live|HeapAlloc) /.test(l))).toEqual(['  HeapAlloc        13.7 MiB   53.2%  █████████████']);
  });
});
