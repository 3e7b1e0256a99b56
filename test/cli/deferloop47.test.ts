/**
 * Audit 47 #5, #12 and #13 on the captured go1.19-audit47-deferloop (README there: `worker`, which
 * never returns, makes a 1 KiB buffer at main.go:21 and defers a closure capturing it at main.go:23
 * in every iteration). The compiler's -m=2 flows for that closure are a go statement's too
 * (`flow: {heap} = &{storage for func literal}`, `from func literal (spill)`): main.go beside the
 * compiler output says `defer`, so the reason is a defer in a loop, not a goroutine; without it, both.
 * The site's two stacks print the same line: 80 B defer records behind 2 hidden runtime PCs, 32 B
 * closures. `watch` names the two growing sites of main.worker with their lines.
 */
import { describe, expect, it } from 'vitest';
import { EscapeAnalyzer, statementOfLine } from '../../src/analyze/escape/index.js';
import { parseGcflags } from '../../src/grammar/gcflags/index.js';
import { readFixture } from '../helpers/fixtures.js';
import { reportJson, reportLines, runCli } from '../helpers/cli.js';
import { watch } from '../helpers/replay.js';

const DIR = 'test/fixtures/captured/go1.19-audit47-deferloop';
const HEAP = `${DIR}/gc1/heap-t68.txt`;
const M2 = `${DIR}/escape-m2.txt`;
const DEFERRED = "func literal escapes: deferred in a loop: a defer the compiler can neither open-code nor keep on the stack, so the closure and the runtime's defer record (runtime.deferproc) are allocated on the heap; deferred calls run only when worker returns, so both, and what the closure captures, stay reachable until then";
const KEPT = 'kept by the closure at main.go:23:9 (worker.func1), which captures buf and is deferred in a loop: deferred calls run only when worker returns, so the closure, its defer record (runtime.deferproc) and buf stay reachable until then';

describe('a defer in a loop: the escape reason (audit 47 #5)', () => {
  it('the source line tells `defer` from `go`: the func literal at 23:9 is deferred, `go worker()` at 29 a go statement', () => {
    const main = readFixture('captured/go1.19-audit47-deferloop/main.go').split('\n');
    expect([statementOfLine(main[22] ?? '', 9), statementOfLine(main[28] ?? '', 5), statementOfLine(main[20] ?? '', 14)]).toEqual(['defer', 'go', undefined]);
  });

  it('analyze --escape, text: the sites at main.go:21 and 23 say deferred in a loop, with each stack\'s object size and the likely defer record', async () => {
    const lines = await reportLines([HEAP, '--escape', M2]);
    const at = lines.indexOf('   60.6 MiB    62,012    60.6 MiB  main.worker');
    expect(lines.slice(at, at + 11)).toEqual([
      "   60.6 MiB    62,012    60.6 MiB  main.worker",
      "                                   …/captures/deferloop/main.go:21",
      "                                   compiler: make([]byte, 1024) escapes to heap (closure)",
      "                                             make([]byte, 1024) escapes: assigned to buf at main.go:21:7 → captured by a closure at main.go:23:25 → the closure is on the heap",
      "                                             kept by the closure at main.go:23:9 (worker.func1), which captures buf and is deferred in a loop: deferred calls run only when worker returns, so the closure, its defer record (runtime.deferproc) and buf stay reachable until then",
      "    8.5 MiB   150,741     8.5 MiB  main.worker",
      "                                   …/captures/deferloop/main.go:23",
      "                                   compiler: func literal escapes to heap (deferred)",
      "                                             func literal escapes: deferred in a loop: a defer the compiler can neither open-code nor keep on the stack, so the closure and the runtime's defer record (runtime.deferproc) are allocated on the heap; deferred calls run only when worker returns, so both, and what the closure captures, stay reachable until then",
      "                                   2 stacks print the same lines, told apart by their PCs (the runtime's own calls above the allocation, which the dump does not name, or two allocations on one line): stack 1: 6.5 MiB in use, 80 B objects, 2 runtime PCs above its first line; stack 2: 2.0 MiB in use, 32 B objects.",
      "                                   The compiler reports a func literal at main.go:23:9, deferred in a loop: the runtime's own calls above stack 1 (80 B objects), which go tool pprof hides too, are likely its defer record (runtime.deferproc → runtime.newdefer), which stays until worker returns.",
    ]);
    expect(lines.join('\n')).not.toContain('go statement');
  });

  it('analyze without --escape: the stacks\' object sizes still tell them apart', async () => {
    const lines = await reportLines([HEAP]);
    const at = lines.indexOf('   60.6 MiB    62,012    60.6 MiB  main.worker');
    expect(lines.slice(at, at + 6)).toEqual([
      "   60.6 MiB    62,012    60.6 MiB  main.worker",
      "                                   …/captures/deferloop/main.go:21",
      "    8.5 MiB   150,741     8.5 MiB  main.worker",
      "                                   …/captures/deferloop/main.go:23",
      "                                   2 stacks print the same lines, told apart by their PCs (the runtime's own calls above the allocation, which the dump does not name, or two allocations on one line): stack 1: 6.5 MiB in use, 80 B objects, 2 runtime PCs above its first line; stack 2: 2.0 MiB in use, 32 B objects.",
      "  512.6 KiB       455   512.6 KiB  mime.init",
    ]);
  });

  it('JSON: cause "deferred" at 23:9, and the closure that keeps main.go:21\'s buffers', async () => {
    type Site = { function: string; line: number; escape?: { line: number; column: number; cause: string; sentence: string }[]; escapeClosure?: { closure: string; escapes: string; sentence: string } };
    const doc = await reportJson<{ snapshots: { profile: { sites: Site[] } }[] }>([HEAP, '--escape', M2]);
    const sites = doc.snapshots[0]?.profile.sites ?? [];
    const at23 = sites.find((s) => s.function === 'main.worker' && s.line === 23);
    expect(at23?.escape?.map((e) => [e.line, e.column, e.cause, e.sentence])).toEqual([[23, 9, 'deferred', DEFERRED]]);
    const at21 = sites.find((s) => s.function === 'main.worker' && s.line === 21);
    expect([at21?.escape?.[0]?.cause, at21?.escapeClosure?.closure, at21?.escapeClosure?.sentence]).toEqual(['closure', 'worker.func1', KEPT]);
  });

  it('Markdown: the same sentences', async () => {
    const r = await runCli([HEAP, '--escape', M2, '--format', 'markdown']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('  - kept by the closure at main.go:23:9'));
    expect(lines.slice(at, at + 4)).toEqual([
      "  - kept by the closure at main.go:23:9 (worker.func1), which captures buf and is deferred in a loop: deferred calls run only when worker returns, so the closure, its defer record (runtime.deferproc) and buf stay reachable until then",
      "- <code>main.worker</code> (…/captures/deferloop/main.go:23): the compiler agrees: a heap value at this line",
      "  - <code>func literal escapes to heap (deferred)</code>: func literal escapes: deferred in a loop: a defer the compiler can neither open-code nor keep on the stack, so the closure and the runtime's defer record (runtime.deferproc) are allocated on the heap; deferred calls run only when worker returns, so both, and what the closure captures, stay reachable until then",
      "  - 2 stacks print the same lines, told apart by their PCs (the runtime's own calls above the allocation, which the dump does not name, or two allocations on one line): stack 1: 6.5 MiB in use, 80 B objects, 2 runtime PCs above its first line; stack 2: 2.0 MiB in use, 32 B objects. The compiler reports a func literal at main.go:23:9, deferred in a loop: the runtime's own calls above stack 1 (80 B objects), which go tool pprof hides too, are likely its defer record (runtime.deferproc → runtime.newdefer), which stays until worker returns.",
    ]);
  });

  it('heapdoc escape: [deferred], its count, and its sentence', async () => {
    const r = await runCli(['escape', M2]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('  deferred             deferred in a loop: runs only at return               1');
    const at = lines.indexOf('  main.go:23:9  worker  [deferred]');
    expect(lines[at + 1]).toBe(`    ${DEFERRED}`);
  });

  it('no source line to read: the same flows are said to be either a go statement\'s closure or a looping defer\'s', () => {
    const analyzer = new EscapeAnalyzer();
    const read = parseGcflags(readFixture('captured/go1.19-audit47-deferloop/escape-m2.txt'), 'escape-m2.txt', { keep: false, onMessage: (d) => analyzer.add(d), onPackage: () => analyzer.packageHeader() });
    const literal = analyzer.finish(read, 'escape-m2.txt').escapes.items.find((f) => f.line === 23);
    expect([literal?.column, literal?.cause, literal?.sentence]).toEqual([9, 'goroutine',
      'func literal escapes: the closure of a go statement, or of a defer in a loop (the compiler gives both the same flows; no source line was found to tell which)']);
  });
});

describe('watch names two growing sites of one function by their lines (audit 47 #13)', () => {
  it('the plain/ polls replayed: main.worker (main.go:21) and main.worker (main.go:23)', async () => {
    const polls = (await watch(`${DIR}/plain`, '.txt', '/debug/pprof/heap?debug=1', 7)).map((l) => l.replace(/^\S+ /, ''));
    expect(polls).toHaveLength(7);
    expect(polls[3]).toBe('#4 Sys 47.1 MiB · HeapAlloc 33.0 MiB · frag 793.5 KiB · idle 0 B · released 1.9 MiB · stacks 384.0 KiB · runtime 11.1 MiB · ΔHeapAlloc +9.7 MiB · 6 sites · leak suspected: main.worker (main.go:21) +14.5 MiB, main.worker (main.go:23) +4.0 MiB');
    expect(polls[6]?.endsWith('· leak suspected: main.worker (main.go:21) +44.5 MiB, main.worker (main.go:23) +6.5 MiB')).toBe(true);
  });
});

describe('JSON says the same-lines stacks\' object sizes (leftover48)', () => {
  type Site = { function: string; line: number; sameLines?: { stacks: Record<string, unknown>[]; sentence: string }[] };

  it('gc1/heap-t68.txt with escape-m2.txt: main.worker at main.go:23, 80 B objects behind 2 runtime PCs (the defer record) and 32 B ones; no other site has any', async () => {
    const json = await reportJson<{ snapshots: { profile: { sites: Site[] } }[] }>([HEAP, '--escape', M2, '--format', 'json']);
    const sites = json.snapshots[0]?.profile.sites ?? [];
    expect(sites.filter((s) => s.sameLines).map((s) => `${s.function}:${s.line}`)).toEqual(['main.worker:23']);
    const [group] = sites.find((s) => s.sameLines)?.sameLines ?? [];
    expect(group?.stacks).toEqual([
      { stack: 1, inuseBytes: 6816264, allocBytes: 6816264, objectBytes: 80, objectBytesExact: true, runtimePcsAbove: 2 },
      { stack: 2, inuseBytes: 2097216, allocBytes: 2097216, objectBytes: 32, objectBytesExact: true, runtimePcsAbove: 0 },
    ]);
    // The text report's sentence, word for word.
    expect(group?.sentence).toBe("2 stacks print the same lines, told apart by their PCs (the runtime's own calls above the allocation, which the dump does not name, or two allocations on one line): stack 1: 6.5 MiB in use, 80 B objects, 2 runtime PCs above its first line; stack 2: 2.0 MiB in use, 32 B objects. The compiler reports a func literal at main.go:23:9, deferred in a loop: the runtime's own calls above stack 1 (80 B objects), which go tool pprof hides too, are likely its defer record (runtime.deferproc → runtime.newdefer), which stays until worker returns.");
  });
});
