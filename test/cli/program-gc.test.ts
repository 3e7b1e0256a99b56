/**
 * What forced the GC a dump was read right after (forced.ts forcedGCBy): NumForcedGC counts the
 * program's runtime.GC() and debug.FreeOSMemory() as it counts ?gc=1, so the words say `?gc=1` only
 * when the dumps' names do (`heap-gc1`, `heap-gc`, `-gc.heap`, `gc=1`). The captured go1.19-program-gc (README.md
 * there), whose program calls runtime.GC() itself and fetches heap?debug=1 without gc=1, was "read
 * right after a forced GC (?gc=1)": a query the user never added.
 */
import { describe, expect, it } from 'vitest';
import { reportLines } from '../helpers/cli.js';
import { namesGcOne } from '../../src/common/stems.js';

const C = 'test/fixtures/captured';

describe('a forced GC the names do not say was ?gc=1', () => {
  it('go1.19-program-gc (the program\'s runtime.GC(), heap?debug=1 without gc=1): ?gc=1 or the program\'s runtime.GC()', async () => {
    const out = await reportLines([`${C}/go1.19-program-gc`, '--color', 'never']);
    expect(out).toContain('  Snapshot 6 was read between GCs, the others right after a forced GC (?gc=1 or the program\'s runtime.GC()): its HeapAlloc counts the garbage made since the last GC; right after a GC it is the live heap.');
    expect(out).toContain('Growing allocation sites (in use, at the 5 snapshots read right after a forced GC (?gc=1 or the program\'s runtime.GC()))');
    expect(out.join('\n')).not.toMatch(/forced GC \(\?gc=1\)/);
  });
});

describe('a forced GC the names say was ?gc=1', () => {
  it('go1.19-audit31-queuehead (t1–t5.heap-gc.txt, each a ?gc=1 dump, beside the plain t1–t5.heap.txt): (?gc=1)', async () => {
    const dir = `${C}/go1.19-audit31-queuehead`;
    const files = [1, 2, 3, 4, 5].flatMap((n) => [`${dir}/t${n}.heap.txt`, `${dir}/t${n}.heap-gc.txt`]);
    const out = await reportLines([...files, '--color', 'never']);
    expect(out).toContain('  Snapshots 1, 3, 5, 7 and 9 were read between GCs, the others right after a forced GC (?gc=1): their HeapAlloc counts the garbage made since the last GC; right after a GC it is the live heap.');
    expect(out).toContain('Growing allocation sites (in use, at the 5 snapshots read right after a forced GC (?gc=1))');
    expect(out.join('\n')).not.toContain('runtime.GC())');
  });
});

describe('namesGcOne', () => {
  it.each([
    ['runs/03-t3.heap-gc1.txt', true],
    ['http://127.0.0.1:6060/debug/pprof/heap?debug=1&gc=1', true],
    ['t5.heap-gc.txt', true],
    ['runs/gc1/01.heap.txt', true],
    ['01-t1-10000tickers-gc.heap.txt', true],
    ['after-gc-1.heap-debug1.txt', false],
    ['madvdontneed1.after-gc.heap-debug1.txt', false],
    ['heap?debug=1&gc=10', false],
    ['01.heap-debug1.txt', false],
  ])('%s: %s', (name, says) => {
    expect(namesGcOne(name)).toBe(says);
  });
});
