/** Cause categories and sentences, one compiler note at a time. */
import { describe, expect, it } from 'vitest';
import { causeOf, describeFinding, describePath, isAllocationExpression } from '../../../src/analyze/escape/index.js';
import { decidingPath, summarizePath } from '../../../src/analyze/escape/cause.js';
import { EscapeAnalyzer } from '../../../src/analyze/escape/index.js';
import { parseGcflags, type EscapeReason } from '../../../src/grammar/gcflags/index.js';
import { readFixture } from '../../helpers/fixtures.js';

const flow = (to: string, value: string): EscapeReason => ({ message: `flow: ${to} = ${value}`, step: 'flow', to, value });
const from = (expression: string, note: string, line = 10, column = 2): EscapeReason => ({
  message: `from ${expression} (${note})`, step: 'from', expression, note, file: './main.go', line, column,
});

describe('causeOf', () => {
  it('reads the compiler notes', () => {
    expect(causeOf({ kind: 'escapes-to-heap', subject: 'make([]byte, n)', paths: [[flow('{heap}', '&{storage for make([]byte, n)}'), from('make([]byte, n)', 'non-constant size')]] })).toBe('stack-size');
    expect(causeOf({ kind: 'escapes-to-heap', subject: 'new([1 << 20]byte)', paths: [[flow('{heap}', '&{storage for new([1 << 20]byte)}'), from('new([1 << 20]byte)', 'too large for stack')]] })).toBe('stack-size');
    expect(causeOf({ kind: 'moved-to-heap', subject: 'x', paths: [[flow('{heap}', 'x'), from('ch <- x', 'send')]] })).toBe('channel-send');
    expect(causeOf({ kind: 'moved-to-heap', subject: 'x', paths: [[flow('{storage for func literal}', '&x'), from('x', 'captured by a closure'), from('x', 'reference')]] })).toBe('closure');
    expect(causeOf({ kind: 'escapes-to-heap', subject: '&T{}', paths: [[flow('~r0', '&{storage for &T{}}'), from('&T{}', 'spill'), from('return &T{}', 'return')]] })).toBe('returned');
    expect(causeOf({ kind: 'escapes-to-heap', subject: '&T{}', paths: [[flow('{heap}', '&{storage for &T{}}'), from('&T{}', 'spill'), from('global = &T{}', 'assign')]] })).toBe('stored-in-heap');
    expect(causeOf({ kind: 'escapes-to-heap', subject: '&T{}', paths: [[flow('{heap}', '&{storage for &T{}}'), from('&T{}', 'spill'), from('m[k] = &T{}', 'value of map put')]] })).toBe('stored-in-heap');
    expect(causeOf({ kind: 'escapes-to-heap', subject: '&T{}', paths: [[flow('{heap}', '&{storage for &T{}}'), from('&T{}', 'spill'), from('f(&T{})', 'call parameter')]] })).toBe('call-argument');
    expect(causeOf({ kind: 'escapes-to-heap', subject: '"x: " + s', paths: [[flow('{storage for &E{...}}', '&{storage for "x: " + s}'), from('E{...}', 'struct literal element')]] })).toBe('stored-in-heap');
  });

  it("a variable's own explanation (before `moved to heap: x`) is not an interface conversion", () => {
    const path = [flow('{heap}', '&wg'), from('wg', 'address-of'), from('(*sync.WaitGroup).Add(wg, 1)', 'call parameter')];
    expect(causeOf({ kind: 'escapes-to-heap', subject: 'wg', paths: [path] })).toBe('call-argument');
    expect(causeOf({ kind: 'escapes-to-heap', subject: 'name', paths: [[flow('{storage for ... argument}', '&{storage for name}'), from('name', 'spill')]] })).toBe('interface-conversion');
  });

  it('the wrapper closure of a go statement (captures compiler temporaries) is a goroutine argument', () => {
    const captured = [flow('hello', '&{storage for make([]byte, 1000)}'), from('hello := make([]byte, 1000)', 'assign'),
      flow('.autotmp_1', 'hello'), from('.autotmp_1 = hello', 'assign-pair'), flow('{storage for func literal}', '.autotmp_1'), from('.autotmp_1', 'captured by a closure')];
    expect(causeOf({ kind: 'escapes-to-heap', subject: 'make([]byte, 1000)', paths: [captured] })).toBe('goroutine');
    expect(causeOf({ kind: 'escapes-to-heap', subject: 'func literal', paths: [[flow('{heap}', '&{storage for func literal}'), from('func literal', 'spill')]] })).toBe('goroutine');
  });

  it('plain -m: the expression alone', () => {
    expect(causeOf({ kind: 'escapes-to-heap', subject: 'name', paths: [] })).toBe('interface-conversion');
    expect(causeOf({ kind: 'escapes-to-heap', subject: '(interface {})(string("x"))', paths: [] })).toBe('interface-conversion');
    expect(causeOf({ kind: 'escapes-to-heap', subject: 'func literal', paths: [] })).toBe('closure');
    expect(causeOf({ kind: 'escapes-to-heap', subject: '... argument', paths: [] })).toBe('call-argument');
    expect(causeOf({ kind: 'escapes-to-heap', subject: 'make([]byte, 200000)', paths: [] })).toBe('stack-size');
    expect(causeOf({ kind: 'escapes-to-heap', subject: 'make([]byte, 1000)', paths: [] })).toBe('unknown');
    expect(causeOf({ kind: 'leaking-param', subject: 'b', target: '~r0', paths: [] })).toBe('returned');
    expect(causeOf({ kind: 'leaking-param', subject: 'w', paths: [] })).toBe('unknown');
    expect(causeOf({ kind: 'leaking-closure-reference', subject: 'z', paths: [] })).toBe('closure');
  });

  it('tells allocations from interface conversions', () => {
    for (const allocation of ['make([]byte, 1000)', 'new(T)', '&http.Server{...}', '[]int{...}', 'map[string]int{...}', 'func literal', '... argument',
      'append', '([]byte)(s)', 'string(b)', '"a" + s', 't.M.func1']) {
      expect(isAllocationExpression(allocation), allocation).toBe(true);
    }
    for (const boxed of ['name', '"ok"', '*addr', '~r0', 'T{...}', 'x + 1', 'st.OpenFailed']) expect(isAllocationExpression(boxed), boxed).toBe(false);
  });

  it('`X + Y`: a string concatenation unless an operand or an operator says it is a number', () => {
    // go1.19's std: `dir + name` (os/tempfile.go:115:14), `vol + dir`, `s[:i] + "x"`.
    for (const concatenation of ['a + b', 'dir + name', 'host1 + host2 + host3', 'host[:j] + host[i:]', 'file[:i] + `\\` + file[i + 1:]', '"a" + strconv.Itoa(i - 1)']) {
      expect(isAllocationExpression(concatenation), concatenation).toBe(true);
    }
    // `i + 1000` returned as an interface{} (esc.main.go.txt:43), net/http's `r.start + r.length - 1`.
    for (const number of ['i + 1000', 'x + 1', 'r.start + r.length - 1', 'r.start + r.length - int64(1)', "c + 'a'", 'n + len(b)', 'a + b * c', 'a + b == c']) {
      expect(isAllocationExpression(number), number).toBe(false);
    }
  });
});

describe('causes of a real go1.19 -m=2 output (test/fixtures/captured/go1.19-escape/esc.m2.txt)', () => {
  it('`a + b` returned by concat is `returned`; `i + 1000` returned as interface{} by box stays `interface-conversion`', () => {
    const analyzer = new EscapeAnalyzer();
    const read = parseGcflags(readFixture('captured/go1.19-escape/esc.m2.txt'), 'esc.m2.txt', { keep: false, onMessage: (d) => analyzer.add(d) });
    expect(read.diagnostics).toEqual([]);
    const analysis = analyzer.finish(read, 'esc.m2.txt');
    expect(analysis.escapes.items.map((f) => `${f.line}:${f.column} ${f.function} ${f.subject} ${f.cause}`)).toEqual([
      '19:9 mk &T{...} returned',
      '23:24 useA &T{...} call-argument',
      '33:11 concat a + b returned',
      '38:15 toBytes ([]byte)(s) returned',
      '43:11 box i + 1000 interface-conversion',
      '48:11 varsize make([]int, n) stack-size',
      '56:7 main &T{...} call-argument',
      '58:67 main i interface-conversion',
      '67:13 main total interface-conversion',
    ]);
    expect(analysis.escapes.items.find((f) => f.line === 33)?.sentence).toBe('a + b escapes: returned at main.go:33:2');
    expect(analysis.heapByCause).toEqual({ returned: 3, 'call-argument': 2, 'interface-conversion': 3, 'stack-size': 1 });
  });
});

describe('a value the compiler explains twice: the cause and the chain shown come from one explanation (go1.19-audit31-queuehead)', () => {
  // main.go:19:11 `q = make([]*item, 0, 16384)`, a global: `from q = make(…) (assign)`, then `from make(…) (too large for stack)`.
  const analyze = (keepPaths: boolean): ReturnType<EscapeAnalyzer['finish']> => {
    const analyzer = new EscapeAnalyzer({ keepPaths });
    const read = parseGcflags(readFixture('captured/go1.19-audit31-queuehead/escape-m2.txt'), 'escape-m2.txt', { keep: false, onMessage: (d) => analyzer.add(d), onPackage: () => analyzer.packageHeader() });
    expect(read.diagnostics).toEqual([]);
    return analyzer.finish(read, 'escape-m2.txt');
  };

  it('stack-size, with the chain of the explanation that says too large for the stack (was "assigned to q at main.go:19:2 → the heap")', () => {
    for (const keepPaths of [true, false]) {
      const init = analyze(keepPaths).escapes.items.find((f) => f.line === 19);
      expect([`${init?.line}:${init?.column}`, init?.function, init?.cause, init?.sentence, init?.paths.length], String(keepPaths)).toEqual([
        '19:11', 'init', 'stack-size', 'make([]*item, 0, 16384) escapes: it is too large for the stack at main.go:19:11 (1 more path)', keepPaths ? 2 : 0,
      ]);
    }
  });

  it('describeFinding and decidingPath: the first path whose cause alone is the value\'s', () => {
    const stored = [flow('{heap}', '&{storage for make([]*item, 0, 16384)}'), from('make([]*item, 0, 16384)', 'spill', 19, 11), from('q = make([]*item, 0, 16384)', 'assign', 19, 2)];
    const large = [flow('{heap}', '&{storage for make([]*item, 0, 16384)}'), from('make([]*item, 0, 16384)', 'too large for stack', 19, 11)];
    const input = { kind: 'escapes-to-heap' as const, subject: 'make([]*item, 0, 16384)', paths: [stored, large] };
    expect(causeOf(input)).toBe('stack-size');
    expect(decidingPath('escapes-to-heap', input.subject, undefined, input.paths.map(summarizePath), 'stack-size')).toBe(1);
    expect(describeFinding(input.subject, input.kind, 'stack-size', input.paths)).toBe('make([]*item, 0, 16384) escapes: it is too large for the stack at main.go:19:11 (1 more path)');
    // One path, or none that decides alone: the first, as before.
    expect(describeFinding(input.subject, input.kind, 'stored-in-heap', [stored])).toBe('make([]*item, 0, 16384) escapes: assigned to q at main.go:19:2 → the heap');
    expect(decidingPath('escapes-to-heap', input.subject, undefined, input.paths.map(summarizePath), 'goroutine')).toBe(0);
  });
});

describe('loads through a pointer (go1.19 escape/expr.go: `dot of pointer`, `indirection`, `range-deref` are k.deref, not stores)', () => {
  const analyze = (file: string): ReturnType<EscapeAnalyzer['finish']> => {
    const analyzer = new EscapeAnalyzer();
    const read = parseGcflags(readFixture(`captured/go1.19-audit-esc/${file}`), file, { keep: false, onMessage: (d) => analyzer.add(d), onPackage: () => analyzer.packageHeader() });
    expect(read.diagnostics).toEqual([]);
    return analyzer.finish(read, file);
  };

  it('escprog: `r.Key` in process is read through r and passed to enc.Encode, not stored', () => {
    const recs = analyze('escprog.m2.txt').leaks.items.find((f) => f.subject === 'recs');
    expect(recs?.sentence).toBe('parameter recs leaks: ranged over at main.go:18:14 → read through a pointer (r.Key) at main.go:19:33 → passed to enc.Encode at main.go:19:31 → the heap');
    expect(recs?.cause).toBe('call-argument');
  });

  it('net/http setRequestCancel: once.done is read (sync/atomic.LoadUint32), not stored', () => {
    const once = analyze('nethttp-client-383.m2.txt').moved.items.find((f) => f.subject === 'once');
    expect(once?.sentence).toBe('once is moved to the heap: its address is taken at /usr/lib/go-1.19/src/net/http/client.go:385:7 → assigned to sync.o at /usr/lib/go-1.19/src/net/http/client.go:385:10 → read through a pointer (sync.o.done) at /usr/lib/go-1.19/src/net/http/client.go:385:10 → its address is taken at /usr/lib/go-1.19/src/net/http/client.go:385:10 → passed to "sync/atomic".LoadUint32 at /usr/lib/go-1.19/src/net/http/client.go:385:10 → the heap');
  });

  it('a leak into the box of an interface conversion is an interface conversion, loads on the way or not (net/url url.go:30:7, runtime cgocall.go:564:47)', () => {
    expect(causeOf({ kind: 'leaking-param-content', subject: 'e', target: '{storage for e.URL}', paths: [[flow('{storage for e.URL}', '*e'), from('e.URL', 'dot of pointer'), from('e.URL', 'interface-converted')]] })).toBe('interface-conversion');
    expect(causeOf({ kind: 'leaking-param', subject: 'msg', target: '{storage for errorString(msg)}', paths: [[flow('{storage for errorString(msg)}', 'msg'), from('errorString(msg)', 'interface-converted')]] })).toBe('interface-conversion');
    // No interface conversion: stored in the literal's heap storage.
    expect(causeOf({ kind: 'escapes-to-heap', subject: '"x: " + s', paths: [[flow('{storage for &E{...}}', '&{storage for "x: " + s}'), from('E{...}', 'struct literal element')]] })).toBe('stored-in-heap');
    // Loads alone decide nothing: the call that keeps the value does.
    expect(causeOf({ kind: 'leaking-param-content', subject: 'p', paths: [[flow('{heap}', '*p'), from('*p', 'indirection'), from('f(*p)', 'call parameter')]] })).toBe('call-argument');
    expect(describePath([flow('{heap}', '*p'), from('*p', 'indirection', 12, 4), from('f(*p)', 'call parameter', 12, 3)])).toBe('read through a pointer (*p) at main.go:12:4 → passed to f at main.go:12:3 → the heap');
    // Go < 1.13's stores through a pointer stay stores.
    expect(causeOf({ kind: 'escapes-to-heap', subject: '&T{}', paths: [[flow('{heap}', '&{storage for &T{}}'), from('p.x = &T{}', 'star-dot-equals')]] })).toBe('stored-in-heap');
  });
});

describe('describePath', () => {
  it('one phrase per step that says something, positions shortened, the end named', () => {
    expect(describePath([flow('{heap}', 'name'), from('phaseName = name', 'assign', 49, 12)])).toBe('assigned to phaseName at main.go:49:12 → the heap');
    expect(describePath([flow('{heap}', '&{storage for func literal}'), from('func literal', 'spill')])).toBe('allocated on the heap');
    expect(describePath([flow('{heap}', '&{storage for x}'), from('make([]byte, n)', 'non-constant size')])).toBe('its size is not a constant at main.go:10:2');
    expect(describePath([flow('~r0', '&{storage for &T{}}'), from('&T{}', 'spill'), from('return &T{}', 'return', 12, 2)])).toBe('returned at main.go:12:2');
    expect(describePath([flow('{storage for &E{...}}', '&{storage for s}'), from('E{...}', 'struct literal element')])).toBe('stored in a struct literal at main.go:10:2 → into &E{...}, which is on the heap');
  });
});
