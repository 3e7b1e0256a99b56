/**
 * Audit 44 F8, on the captured go1.19-audit44-bigframes (README there): 40 workers with a 64 KiB local array each
 * (main.go:19, ~128 KiB stacks) and waves of 40 shortJob goroutines with 200 KiB frames every 2 s for 300 ms. Its
 * stack peak, gc1/heap-t16.txt (13.1 MiB), was told "44 goroutines at the peak" from goroutine2-t16.txt, written 130 ms
 * before it, beside plain/heap-t16.txt and vars-t16.json of 5.5 MiB; and the 128 KiB per goroutine (large frames, no
 * recursion) was never said.
 */
import { describe, expect, it } from 'vitest';
import { reportLines } from '../helpers/cli.js';

const B = 'test/fixtures/captured/go1.19-audit44-bigframes';

const FRAMES = 'Outside the peak, 44 goroutines hold 5.5 MiB of stacks, 127.3 KiB each, 64× the 2 KiB a stack starts at, and no recursion shows: large frames (local arrays or structs, which stay on the stack) — the largest group, 40 main.worker at main.go:20.';

describe('a goroutine dump paired by name with a stack peak its time\'s other snapshots do not show (go1.19-audit44-bigframes)', () => {
  it('the whole capture: the nearest dump\'s 44 goroutines, not "44 at the peak", and the large frames', async () => {
    const lines = await reportLines([B]);
    expect(lines.slice(0, 2)).toEqual([
      'Peak retention, not a leak: a stack peak (more goroutines, or deeper stacks) came and went — the goroutine dump nearest it (t16) shows 44 goroutines, fewer than the peak\'s stacks need: plain/heap-t16.txt and vars-t16.json of its time hold 5.5 MiB of stacks (128.7 KiB for each of 44), the peak 13.1 MiB, so the peak\'s goroutines were not alive when it was taken (before or after them: a goroutine dump carries no time); 44 in the last goroutine dump; their stacks (StackInuse) 5.3 MiB → 13.1 MiB at snapshot 6 → 5.5 MiB, and the freed stack spans are heap the runtime keeps (HeapSys 14.5 MiB: 10.3 MiB idle, 3.3 MiB released).',
      FRAMES,
    ]);
  });

  it('plain/ and gc1/ with the goroutine dumps: plain/heap-t16.txt alone says the peak is not its time\'s', async () => {
    const lines = await reportLines([`${B}/plain`, `${B}/gc1`, `${B}/goroutine`]);
    expect(lines[0]).toContain('— the goroutine dump nearest it (t16) shows 44 goroutines, fewer than the peak\'s stacks need: plain/heap-t16.txt of its time holds 5.5 MiB of stacks (127.3 KiB for each of 44), the peak 13.1 MiB, so the peak\'s goroutines were not alive when it was taken');
    expect(lines[1]).toBe(FRAMES);
  });

  // Nothing of t16 but the peak's own dump: no evidence against the pairing, so its count is the peak's, as before.
  it('gc1/ with the goroutine dumps alone: no other snapshot of t16, so the paired dump is the peak\'s', async () => {
    const lines = await reportLines([`${B}/gc1`, `${B}/goroutine`]);
    expect(lines[0]).toBe('Peak retention, not a leak: a stack peak (more goroutines, or deeper stacks) came and went — 44 goroutines at the peak, 44 in the last goroutine dump; their stacks (StackInuse) 5.4 MiB → 13.1 MiB at snapshot 2 → 5.5 MiB, and the freed stack spans are heap the runtime keeps (HeapSys 14.5 MiB: 10.3 MiB idle, 3.3 MiB released).');
    expect(lines[1]).toBe(FRAMES);
  });
});

// A capture of frames44's (go1.19-frames44-bigstack, README there): 200 goroutines each with a 128 KiB local array, 50.4 MiB of stacks.
describe('stack-heavy beside the goroutine dump of its moment: large frames, no recursion (go1.19-frames44-bigstack)', () => {
  it('names the large frames and the largest group, not "see what they wait on"', async () => {
    const S = 'test/fixtures/captured/go1.19-frames44-bigstack';
    const lines = await reportLines([`${S}/heap-gc1.txt`, `${S}/goroutine1.txt`]);
    const at = lines.findIndex((l) => l.startsWith('  warning stack-heavy:'));
    expect(lines[at]).toBe('  warning stack-heavy: Goroutine stacks take 50.4 MiB (82.0% of what Go holds), more than the live heap\'s 307.3 KiB.');
    expect(lines.slice(at + 4, at + 6)).toEqual([
      `    fix: The goroutine dump of the same moment (${S}/goroutine1.txt) counts 203 goroutines alive: 203 goroutines hold 50.4 MiB of stacks, 254.3 KiB each, 127× the 2 KiB a stack starts at, and no recursion shows: large frames (local arrays or structs, which stay on the stack) — the largest group, 200 main.holder at main.go:18.`,
      '         Bounding concurrency lowers them only by the goroutines it removes; give each goroutine less stack — keep a large array or struct on the heap (make it once per goroutine, or take it from a sync.Pool) rather than as a local of a long-lived function.',
    ]);
  });
});
