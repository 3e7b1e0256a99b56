/**
 * A go statement's call wrapper is not a literal of the source, and a constant make too large for
 * the stack has its cause at plain -m. Real output: test/fixtures/captured/go1.19-audit39-escape-go
 * (goroleak: `go worker(id, results)` at main.go:26:3, `make([]byte, 256<<10)` at 15:13),
 * go1.19-escape (memtest: `go worker(ch, &wg)` at 112:4, `go blockForever(ch)` at 123:5, the literal
 * `go func() { … }()` at 93:5) and go1.19-escape-oneline (the literal `go func() { … }()` at 27:6);
 * go1.19-audit40-escape-go-rate1: goroleak with every allocation sampled, whose heap profile has
 * the wrapper's site (main.main at main.go:26) for `heapdoc analyze --escape`.
 */
import { describe, expect, it } from 'vitest';
import { causeOf, EscapeAnalyzer, sourceStatements, type EscapeAnalysis } from '../../../src/analyze/escape/index.js';
import { parseGcflags } from '../../../src/grammar/gcflags/index.js';
import { readFixture } from '../../helpers/fixtures.js';
import { runCli } from '../../helpers/cli.js';

/**
 * `program`: the fixture's copy of the program's main.go (kept as .txt), which tells the literals'
 * `go` from a looping `defer` (cause.ts withStatement); without it the sentence says both.
 */
function analyzeText(text: string, source: string, program?: string): EscapeAnalysis {
  const lines = program === undefined ? undefined : readFixture(program).split('\n');
  const analyzer = new EscapeAnalyzer(lines === undefined ? {} : { statementAt: sourceStatements((file, n) => (file === './main.go' ? lines[n - 1] : undefined)) });
  const read = parseGcflags(text, source, { keep: false, onMessage: (d) => analyzer.add(d), onPackage: () => analyzer.packageHeader() });
  expect(read.diagnostics).toEqual([]);
  return analyzer.finish(read, source);
}

const literals = (analysis: EscapeAnalysis): string[] =>
  analysis.escapes.items.filter((f) => f.subject === 'func literal').map((f) => `${f.line}:${f.column} ${f.cause} ${f.sentence}`);

const WRAPPER = "func literal escapes: the go statement's call wrapper (the compiler runs `go f(x)` as `go func() { f(x) }()`), handed to a goroutine";
const LITERAL = 'func literal escapes: handed to a goroutine (go statement)';
/** A call wrapper whose statement no source line told: a go statement's and a looping defer's read alike in go1.19 (leftover48). */
const UNTOLD_WRAPPER = 'func literal escapes: the call wrapper of a go statement, or of a defer in a loop (the compiler runs `go f(x)` as `go func() { f(x) }()` and `defer f(x)` as `defer func() { f(x) }()`, with the same flows; no source line was found to tell which)';
/** The same literal where no source line says whether it is a go statement's or a looping defer's (their -m=2 flows are the same). */
const UNTOLD = 'func literal escapes: the closure of a go statement, or of a defer in a loop (the compiler gives both the same flows; no source line was found to tell which)';

describe('a go statement with arguments (-m=2): the compiler\'s wrapper, not a func literal of the source', () => {
  it('goroleak: `go worker(id, results)` at 26:3 is the wrapper; `go func() { … }()` at 23:5 is the source\'s literal', () => {
    const analysis = analyzeText(readFixture('captured/go1.19-audit39-escape-go/escape-m2.txt'), 'escape-m2.txt', 'captured/go1.19-audit39-escape-go/main.go.txt');
    expect(literals(analysis)).toEqual([`23:5 goroutine ${LITERAL}`, `26:3 goroutine ${WRAPPER}`]);
    // Without main.go the flows alone cannot tell `go func() {…}()` from a looping `defer func() {…}()`.
    const untold = analyzeText(readFixture('captured/go1.19-audit39-escape-go/escape-m2.txt'), 'escape-m2.txt');
    expect(literals(untold)).toEqual([`23:5 goroutine ${UNTOLD}`, `26:3 goroutine ${UNTOLD_WRAPPER}`]);
    expect(analysis.heapByCause).toEqual({ goroutine: 2, 'call-argument': 2, 'stack-size': 1 });
  });

  it('memtest: the go statements at 112:4 and 123:5 are wrappers; the literal main.func1 at 93:5 is not', () => {
    const analysis = analyzeText(readFixture('captured/go1.19-escape/memtest.m2.txt'), 'memtest.m2.txt', 'captured/go1.19-escape/memtest.main.go.txt');
    expect(literals(analysis)).toEqual([`93:5 goroutine ${LITERAL}`, `112:4 goroutine ${WRAPPER}`, `123:5 goroutine ${WRAPPER}`]);
  });

  it('oneline: `go func() { defer wg.Done(); … }()` at 27:6 (main.func1, declared by cannot inline) is the source\'s literal', () => {
    const analysis = analyzeText(readFixture('captured/go1.19-escape-oneline/m2.txt'), 'm2.txt', 'captured/go1.19-escape-oneline/main.go.txt');
    expect(literals(analysis).filter((l) => l.startsWith('27:6 '))).toEqual([`27:6 goroutine ${LITERAL}`]);
    expect(literals(analysis).some((l) => l.includes('wrapper'))).toBe(false);
  });
});

describe('a looping `defer f(x)` (go1.19-leftover48-deferf): the compiler\'s wrapper, as a go statement\'s (leftover48)', () => {
  const DIR = 'captured/go1.19-leftover48-deferf';

  it('with main.go, `defer handle(buf)` at 19:3 is deferred in a loop; without it, both readings, never the go statement\'s alone', () => {
    const told = analyzeText(readFixture(`${DIR}/escape-m2.txt`), 'escape-m2.txt', `${DIR}/main.go`);
    expect(literals(told)).toEqual(["19:3 deferred func literal escapes: deferred in a loop: a defer the compiler can neither open-code nor keep on the stack, so the closure and the runtime's defer record (runtime.deferproc) are allocated on the heap; deferred calls run only when worker returns, so both, and what the closure captures, stay reachable until then"]);
    const untold = analyzeText(readFixture(`${DIR}/escape-m2.txt`), 'escape-m2.txt');
    expect(literals(untold)).toEqual([`19:3 goroutine ${UNTOLD_WRAPPER}`]);
  });
});

describe('plain -m: a constant size above 64 KiB (ir.MaxImplicitStackVarSize) is the cause', () => {
  it('goroleak: `make([]byte, 256 << 10)` at 15:13 is stack-size, 262,144 bytes', () => {
    const analysis = analyzeText(readFixture('captured/go1.19-audit39-escape-go/escape.txt'), 'escape.txt');
    const make = analysis.escapes.items.find((f) => f.line === 15);
    expect([make?.column, make?.cause, make?.sentence]).toEqual([13, 'stack-size',
      'make([]byte, 256 << 10) escapes: its constant size, 262,144 bytes, is more than the 64 KiB the compiler puts on the stack (MaxImplicitStackVarSize)']);
    expect(analysis.heapByCause).toEqual({ unknown: 2, 'stack-size': 1, closure: 1 });
  });

  it('the compiler\'s test: count > 65,536 / element size (go1.19 escape/utils.go HeapAllocReason)', () => {
    const cause = (subject: string) => causeOf({ kind: 'escapes-to-heap', subject, paths: [] });
    expect([
      cause('make([]byte, 64 << 10)'), cause('make([]byte, 64 << 10 + 1)'), cause('make([]byte, 64 * 1024 + 1)'), cause('make([]byte, 1 << 20)'),
      cause('make([]int64, 8192)'), cause('make([]int64, 8193)'), cause('make([]*T, 0, 8193)'), cause('make([]byte, 10, 0x10001)'),
      cause('make([]T, 100000)'), cause('make([]byte, n << 10)'), cause('make([]byte, 0x_1_0000)'),
    ]).toEqual([
      'unknown', 'stack-size', 'stack-size', 'stack-size',
      'unknown', 'stack-size', 'stack-size', 'stack-size',
      'unknown', 'unknown', 'unknown',
    ]);
  });
});

describe('analyze --escape says the wrapper as heapdoc escape says it (go1.19-audit40-escape-go-rate1)', () => {
  const dir = 'test/fixtures/captured/go1.19-audit40-escape-go-rate1';

  it('the site main.main at main.go:26 (0 B in use, 168 B allocated): the wrapper\'s sentence, in JSON and text; heapdoc escape of the same output says the same', async () => {
    const json = await runCli(['analyze', `${dir}/heap-debug1-gc1.txt`, '--escape', `${dir}/escape-m2.txt`, '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    type Site = { function: string; line: number; inuseBytes: number; allocBytes: number; escapeStatus?: string; escape?: { line: number; column: number; cause: string; sentence: string }[] };
    const site = (JSON.parse(json.stdout) as { snapshots: { profile: { sites: Site[] } }[] }).snapshots[0]?.profile.sites.find((s) => s.function === 'main.main' && s.line === 26);
    expect([site?.inuseBytes, site?.allocBytes, site?.escapeStatus]).toEqual([0, 168, 'agrees']);
    // Its main.go is not beside it (the compiler's paths are /tmp's): the wrapper's statement is untold (leftover48).
    expect(site?.escape?.map((e) => `${e.line}:${e.column} ${e.cause} ${e.sentence}`)).toEqual([`26:3 goroutine ${UNTOLD_WRAPPER}`]);
    const text = await runCli(['analyze', `${dir}/heap-debug1-gc1.txt`, '--escape', `${dir}/escape-m2.txt`, '--sort', 'alloc-space', '--top', '0']);
    const lines = text.stdout.split('\n').map((l) => l.trim());
    const at = lines.indexOf('…/r40cap/goroleak/main.go:26');
    expect(lines.slice(at - 1, at + 3)).toEqual(['0 B         0       168 B  main.main', '…/r40cap/goroleak/main.go:26', 'compiler: func literal escapes to heap (goroutine)', UNTOLD_WRAPPER]);
    const analysis = analyzeText(readFixture('captured/go1.19-audit40-escape-go-rate1/escape-m2.txt'), 'escape-m2.txt', 'captured/go1.19-audit39-escape-go/main.go.txt');
    expect(literals(analysis)).toEqual([`23:5 goroutine ${LITERAL}`, `26:3 goroutine ${WRAPPER}`]);
  });
});
