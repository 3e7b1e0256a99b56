/**
 * Audit 44's F8 and F9 leftovers (docs/reasoning.md §2.5, §4).
 * go1.19-audit44-bigframes (README there): 40 workers with `var scratch [64 << 10]byte` at main.go:19, ~128 KiB stacks.
 * (a) With --escape, the large-frames sentence says what the compiler says of main.worker's locals: go1.19's -m prints
 *     `moved to heap: x` of a local it moves and nothing of one it keeps, and escape-m.txt / escape-m2.txt say nothing of it.
 * (b) One dump, gc1/heap-t56.txt: 5.7 MiB of stacks, 29.8% of the 19.0 MiB Go holds, below stack-heavy's 16 MiB: no finding.
 * go1.19-audit44-twoleaks: main.leakSlow's "+2.0 MiB" in the headline rests on 2 → 6 samples (it kept +1.2 MiB).
 */
import { describe, expect, it } from 'vitest';
import { reportJson, reportLines, runCli } from '../helpers/cli.js';

const B = 'test/fixtures/captured/go1.19-audit44-bigframes';
const T56 = `${B}/gc1/heap-t56.txt`;
const G56 = `${B}/goroutine/goroutine2-t56.txt`;
const MESSAGE = '  warning stack-heavy: Goroutine stacks take 5.7 MiB (29.8% of what Go holds), more than the live heap\'s 282.0 KiB.';
const FRAMES = `    fix: The goroutine dump of the same moment (${G56}) counts 44 goroutines alive: 44 goroutines hold 5.7 MiB of stacks, 131.6 KiB each, 66× the 2 KiB a stack starts at, and no recursion shows: large frames (local arrays or structs, which stay on the stack) — the largest group, 40 main.worker at main.go:20`;
const NONE_MOVED = (m: string): string => `${m} moves none of main.worker's variables to the heap (-m names a local only to say "moved to heap", and nothing of one kept on the stack): its local arrays and structs are on the stack of each of its 40 goroutines`;

describe('F8 (b): one dump whose stacks are a large share of what Go holds, below 16 MiB (bigframes gc1/heap-t56.txt)', () => {
  it('alone: an info finding that says what one dump can tell and asks for a goroutine dump', async () => {
    const lines = await reportLines([T56]);
    const at = lines.indexOf(MESSAGE.replace('warning', 'info'));
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe('    why: StackInuse = 5.7 MiB is about 2,896 goroutines at the 2 KiB a stack starts at, or fewer with larger stacks: a heap dump does not count the goroutines, so it cannot tell many goroutines from few with large frames (local arrays or structs) or recursion.');
    expect(lines[at + 4]).toBe('    fix: Take a goroutine profile of the same moment (/debug/pprof/goroutine?debug=1, given with this dump): 64 KiB or more of stack per goroutine with no recursion is large frames — keep a large array or struct on the heap rather than as a local of a long-lived function; many goroutines of a few KiB are their number\'s cost.');
    // The headline is the dump's as before: the finding explains a part, not the verdict.
    expect(lines[0]).toBe('Not a leak of reachable data: live 282.0 KiB of 30.4 MiB mapped (Go holds 19.0 MiB); 11.4 MiB of idle heap already released to the OS.');
  });

  it('beside the goroutine dump of its moment: a warning that names the large frames and the largest group', async () => {
    const lines = await reportLines([T56, G56]);
    const at = lines.indexOf(MESSAGE);
    expect(lines.slice(at + 1, at + 2)).toEqual(['    why: StackInuse = 5.7 MiB is about 2,896 goroutines at the 2 KiB a stack starts at, or fewer with larger stacks.']);
    expect(lines[at + 4]).toBe(`${FRAMES}.`);
  });

  // go1.19-audit38-mutexleak (README there): handlers keep a 64 KiB buffer on their stacks (128 KiB each) and block forever.
  it('another capture: go1.19-audit38-mutexleak gc1/t02 (5.6 MiB, 33.3%) beside goroutines/t02, 45 main.handle', async () => {
    const M = 'test/fixtures/captured/go1.19-audit38-mutexleak';
    const json = await reportJson<{ findings: { ruleId: string; severity: string; fix: string }[] }>([`${M}/gc1/t02.heap-debug1-gc1.txt`]);
    expect(json.findings.filter((f) => f.ruleId === 'stack-heavy').map((f) => f.severity)).toEqual(['info']);
    const beside = await reportJson<{ findings: { ruleId: string; severity: string; fix: string }[] }>([`${M}/gc1/t02.heap-debug1-gc1.txt`, `${M}/goroutines/t02.goroutine-debug1.txt`]);
    expect(beside.findings.filter((f) => f.ruleId === 'stack-heavy').map((f) => [f.severity, f.fix.split('\n')[0]?.slice(0, 330)])).toEqual([[
      'warning',
      `The goroutine dump of the same moment (${M}/goroutines/t02.goroutine-debug1.txt) counts 49 goroutines alive: 49 goroutines hold 5.6 MiB of stacks, 116.9 KiB each, 58× the 2 KiB a stack starts at, and no recursion shows: large frames (local arrays or structs, which stay on the stack) — the largest group, 45 main.handle at main.go:21.`.slice(0, 330),
    ]]);
  });
});

describe('F8 (a): --escape says what the compiler says of the large-frames group\'s locals (bigframes)', () => {
  it('the whole capture with escape-m.txt: the series\' large-frames sentence, and no "covers none of the allocation sites\' files"', async () => {
    const r = await runCli([B, '--escape', `${B}/escape-m.txt`]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1]).toBe(`Outside the peak, 44 goroutines hold 5.5 MiB of stacks, 127.3 KiB each, 64× the 2 KiB a stack starts at, and no recursion shows: large frames (local arrays or structs, which stay on the stack) — the largest group, 40 main.worker at main.go:20; ${NONE_MOVED('escape-m.txt')}.`);
    expect(r.stderr).not.toContain('covers none');
  });

  it('one dump with its goroutine dump and escape-m2.txt: stack-heavy\'s fix', async () => {
    const lines = await reportLines([T56, G56, '--escape', `${B}/escape-m2.txt`]);
    expect(lines[lines.indexOf(MESSAGE) + 4]).toBe(`${FRAMES}; ${NONE_MOVED('escape-m2.txt')}.`);
  });
});

describe('F9: a growing site whose estimate rests on few samples says so in the headline (twoleaks gc1/)', () => {
  const HEADLINE = 'Leak suspected (high confidence): live heap 3.1 MiB → 28.8 MiB across 7 GC-separated snapshots (snapshots 1→7); growing sites: main.leakFast +20.3 MiB, main.leakSlow +2.0 MiB (rough: 2 → 6 samples).';
  const TWO = 'test/fixtures/captured/go1.19-audit44-twoleaks/gc1';

  it('text and Markdown; JSON\'s verdict the same, with the samples per site', async () => {
    expect((await reportLines([TWO]))[0]).toBe(HEADLINE);
    expect((await reportLines([TWO, '--format', 'markdown']))).toContain(`**Verdict (leak: suspected, dominant: live).** ${HEADLINE}`);
    const json = await reportJson<{ verdict: { summary: string }; series: { growingSites: { function: string; samples: number[] }[] } }>([TWO]);
    expect(json.verdict.summary).toBe(HEADLINE);
    expect(json.series.growingSites.map((s) => [s.function, s.samples.map(Math.round)])).toEqual([
      ['main.leakFast', [4, 11, 19, 24, 26, 31, 36]],
      ['main.leakSlow', [2, 2, 2, 2, 3, 4, 6]],
    ]);
  });
});
