/**
 * Audit 34: leak-suspected's why began with the verdict's sentence, the evidence its message had
 * just stated. It gives the reasons now (docs/reasoning.md §3 and §7): why each kind of evidence is
 * a leak, what the confidence rests on, and what the verdict adds beyond its figures.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

interface Finding { ruleId: string; message: string; why: string }

async function leakFinding(args: string[]): Promise<Finding | undefined> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { findings: Finding[] }).findings.find((f) => f.ruleId === 'leak-suspected');
}

const LIVE = 'The live heap after GC never fell back (a dip under half its average step is the noise of what was allocated around the reading) and still rose in the series\' later half: memory that stays live after each garbage collection is held by something reachable — a leak, unlike a past peak (the live heap falls back), churn (it stays flat) or a cache that filled once and held (a plateau).';
/** Plain dumps (none read right after a forced GC): HeapAlloc read between GCs, not the live heap after GC (audit 40, finding 9). */
const BETWEEN = 'HeapAlloc, read between GCs, is the live heap as of the last GC plus the garbage made since, and each dump\'s heap profile is as of an earlier GC than its MemStats; across snapshots taken at different GCs it never fell back (a dip under half its average step is the noise of what was allocated around the reading), still rose in the series\' later half, and a witness of the live heap rose with it (an allocation site\'s in-use bytes or HeapObjects): memory that stays live after each garbage collection is held by something reachable — a leak, unlike a past peak (the live heap falls back), churn (it stays flat) or a cache that filled once and held (a plateau).';
const SITES = 'An allocation site whose in-use bytes rise step after step, by more than sampling error and still in the series\' later half, keeps what it allocates; one jump would be a cache warming up.';
const STACKS = 'In-use stack spans are live goroutines\' stacks: StackInuse never falling back and rising across GC cycles, or across dumps while a goroutine dump shows goroutines blocked that hold it, points at goroutines that never exit.';
const HIGH = 'High confidence: 4 readings or more, and a rise at every step of one of them; a heap that merely moves rises at each of n − 1 steps once in n! series.';

describe('leak-suspected\'s why reasons, its message states the evidence', () => {
  it('go1.23 leak (plain dumps): the snapshots compared, why HeapAlloc read between GCs, sites and stacks are a leak, why high', async () => {
    const f = await leakFinding(['samples/go1.23/leak']);
    expect(f?.message).toBe('Leak suspected (high confidence) across 5 snapshots, snap1.heap-debug1.txt → snap5.heap-debug1.txt: HeapAlloc 4.3 MiB → 16.5 MiB over 4 snapshots taken at different GCs, each read between GCs; growing main.newSession 3.5 MiB → 6.0 MiB; goroutine stacks (StackInuse) 608.0 KiB → 1.9 MiB across 5 snapshots.');
    expect(f?.why).toBe(['The snapshots compared, one per GC cycle, each read between GCs: snap1.heap-debug1.txt, snap2.heap-debug1.txt, snap3.heap-debug1.txt, snap4.heap-debug1.txt.', BETWEEN, SITES, STACKS, HIGH].join(' '));
    // The text report prints it so: no line of the why repeats the verdict's figures.
    const text = await runCli(['samples/go1.23/leak']);
    const lines = text.stdout.split('\n');
    const at = lines.indexOf('    why: The snapshots compared, one per GC cycle, each read between GCs: snap1.heap-debug1.txt, snap2.heap-debug1.txt, snap3.heap-debug1.txt, snap4.heap-debug1.txt.');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 6)).toEqual([BETWEEN, SITES, STACKS, HIGH].map((l) => `         ${l}`).concat(['    fix: Start with main.newSession (+2.5 MiB): what keeps what it allocates?']));
    expect(text.stdout).not.toContain('why: Leak suspected');
  });

  it('a slow rise of ?gc=1 dumps (audit27 leak-mixed): the verdict\'s doubt says why medium, once', async () => {
    const f = await leakFinding(['test/fixtures/captured/go1.19-audit27-limit/leak-mixed']);
    expect(f?.why).toBe(['The GC-separated snapshots compared: 01.heap.txt, 02.heap.txt, 03.heap.txt, 04.heap.txt.', LIVE,
      'Medium, not high: a rise under 10% of the live heap at each step of 4 snapshots only — a heap that merely moves does that once in 24 series; 6 snapshots or more (once in 720) make it high.'].join(' '));
  });

  it('goroutine-leak (go1.19 sample): the goroutine dumps compared and why goroutines that pile up are a leak', async () => {
    const f = await leakFinding(['samples/go1.19/goroutine-leak']);
    expect(f?.why).toBe([
      'The GC-separated snapshots compared: 01-t1.heap-debug1.txt, 02-t2.heap-debug1.txt, 03-t3.heap-debug1.txt, 04-t4.heap-debug1.txt, 05-t5.heap-debug1.txt, 06-t6.heap-debug1.txt.',
      'The goroutine dumps compared: 01-t1.goroutine-debug1.txt, 02-t2.goroutine-debug1.txt, 03-t3.goroutine-debug1.txt, 04-t4.goroutine-debug1.txt, 05-t5.goroutine-debug1.txt, 06-t6.goroutine-debug1.txt.',
      LIVE, SITES,
      'Goroutines that keep accumulating wait forever: each keeps its stack and everything the stack references, a leak whether or not the heap grows.',
      STACKS, HIGH,
    ].join(' '));
  });
});
