/**
 * The large-frames sentence's other branch (analyze/escape/frames.ts stackLocalsWords; docs/reasoning.md §2.5), on the
 * captured go1.19-captures47-movedframes (README there): 40 workers with `var scratch [64 << 10]byte` at main.go:24 on
 * their ~128 KiB stacks, and two locals the compiler moves to the heap, `moved to heap: st` at main.go:25:6 (its address
 * stored in a global) and `moved to heap: digest` at main.go:27:6 (its address sent on a channel).
 * (a) escape-m2.txt declares main.worker (`cannot inline worker: marked go:noinline`, main.go:23): the sentence names
 *     st and digest, not scratch, at their file:line:column, in text, Markdown and JSON.
 * (b) escape-m.txt (plain -m) declares no worker: the two moved variables cannot be placed in it or out of it, so the
 *     sentence says nothing of the compiler rather than "moves none".
 * bigframes' "moves none" branch: test/cli/frames45.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { reportJson, reportLines, runCli } from '../helpers/cli.js';

const M = 'test/fixtures/captured/go1.19-captures47-movedframes';
const T26 = `${M}/gc1/heap-t26.txt`;
const G26 = `${M}/goroutine/goroutine2-t26.txt`;
const MESSAGE = '  warning stack-heavy: Goroutine stacks take 5.4 MiB (29.6% of what Go holds), more than the live heap\'s 236.4 KiB.';
const FRAMES = (dump: string): string => `The goroutine dump of the same moment (${dump}) counts 43 goroutines alive: 43 goroutines hold 5.4 MiB of stacks, 129.5 KiB each, 65× the 2 KiB a stack starts at, and no recursion shows: large frames (local arrays or structs, which stay on the stack) — the largest group, 40 main.worker at main.go:29`;
const MOVED = 'escape-m2.txt moves main.worker\'s st, digest to the heap (main.go:25:6, 27:6): those are not on its stack, which holds its other locals and what it calls';

describe('(a) -m=2 output that declares main.worker: "moves main.worker\'s st, digest to the heap" (movedframes)', () => {
  it('text: one dump with the debug=2 goroutine dump of its moment, stack-heavy\'s fix', async () => {
    const lines = await reportLines([T26, G26, '--escape', `${M}/escape-m2.txt`]);
    const at = lines.indexOf(MESSAGE);
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 4]).toBe(`    fix: ${FRAMES(G26)}; ${MOVED}.`);
  });

  it('the whole capture folder: its latest dump (gc1/heap-t26.txt) paired with goroutine2-t26.txt says the same', async () => {
    const r = await runCli([M, '--escape', `${M}/escape-m2.txt`]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.includes(' moves '))).toEqual([`    fix: ${FRAMES(G26)}; ${MOVED}.`]);
  });

  it('Markdown with the debug=1 goroutine dump, and JSON\'s fix', async () => {
    const G1 = `${M}/goroutine/goroutine1-t26.txt`;
    const md = await reportLines([T26, G1, '--escape', `${M}/escape-m2.txt`, '--format', 'markdown']);
    expect(md.filter((l) => l.includes(MOVED)).map((l) => l.slice(0, l.indexOf(MOVED) + MOVED.length + 1))).toEqual([`  - *Fix:* ${FRAMES(G1)}; ${MOVED}.`]);
    const json = await reportJson<{ findings: { ruleId: string; severity: string; fix: string }[] }>([T26, G26, '--escape', `${M}/escape-m2.txt`]);
    expect(json.findings.filter((f) => f.ruleId === 'stack-heavy').map((f) => [f.severity, f.fix.slice(0, f.fix.indexOf(MOVED) + MOVED.length + 1)])).toEqual([
      ['warning', `${FRAMES(G26)}; ${MOVED}.`],
    ]);
  });
});

describe('(b) plain -m output, which does not declare main.worker (movedframes)', () => {
  it('says nothing of the compiler after the largest group, not "moves none"', async () => {
    const lines = await reportLines([T26, G26, '--escape', `${M}/escape-m.txt`]);
    expect(lines[lines.indexOf(MESSAGE) + 4]).toBe(`    fix: ${FRAMES(G26)}.`);
    expect(lines.filter((l) => l.includes(' moves '))).toEqual([]);
  });
});
