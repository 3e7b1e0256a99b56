/**
 * Which function a message is in when closures are declared above it (docs/escape.md, "Packages,
 * files, functions"): a closure's end is not in the compiler output, so the last declaration above
 * a line is not always the function the line is in. Real output:
 * test/fixtures/captured/go1.19-escape (memtest.main.go.txt is the program).
 */
import { describe, expect, it } from 'vitest';
import { columnNote, EscapeAnalyzer, type EscapeAnalysis } from '../../../src/analyze/escape/index.js';
import { parseGcflags } from '../../../src/grammar/gcflags/index.js';
import { readFixture } from '../../helpers/fixtures.js';

function analyzeText(text: string, source: string): EscapeAnalysis {
  const analyzer = new EscapeAnalyzer();
  const read = parseGcflags(text, source, { keep: false, onMessage: (d) => analyzer.add(d), onPackage: () => analyzer.packageHeader() });
  expect(read.diagnostics).toEqual([]);
  return analyzer.finish(read, source);
}

const heapValues = (analysis: EscapeAnalysis): string[] =>
  [...analysis.moved.items, ...analysis.escapes.items].map((f) => `${f.line}:${f.column} ${f.subject} ${f.function ?? '-'}`);

describe('memtest (go1.19): main.func1 is `go func() { log.Fatal(http.ListenAndServe(*addr, nil)) }()` at line 93', () => {
  const analysis = analyzeText(readFixture('captured/go1.19-escape/memtest.m2.txt'), 'memtest.m2.txt');

  it('only 93:43 is the closure\'s; wg (109:7), the go statements (112:4, 123:5) and the cache (128:8, 128:32) are main\'s', () => {
    const inMain = heapValues(analysis).filter((v) => Number(v.split(':')[0]) >= 88);
    expect(inMain).toEqual([
      '109:7 wg main',
      '93:5 func literal main',
      '93:43 &http.Server{...} main.func1',
      '112:4 func literal main',
      '123:5 func literal main',
      '128:8 &cache{...} main',
      '128:32 map[int][]byte{} main',
    ]);
    const rows = new Map(analysis.functions.map((r) => [r.name, (r.byKind['escapes-to-heap'] ?? 0) + (r.byKind['moved-to-heap'] ?? 0)]));
    expect([rows.get('main'), rows.get('main.func1')]).toEqual([6, 1]);
  });
});

describe('a closure\'s extent, from what the output says', () => {
  const tooComplex = 'function too complex: cost 100 exceeds budget 80';
  const run = (lines: string[]): string[] => heapValues(analyzeText(['# p', ...lines, ''].join('\n'), 'handmade'));

  it('a position below the closure\'s declaration line and below everything known in it is the enclosing function\'s', () => {
    expect(run([
      `./a.go:10:6: cannot inline f: ${tooComplex}`,
      `./a.go:12:9: cannot inline f.func1: ${tooComplex}`,
      './a.go:12:30: x escapes to heap', // the closure's declaration line: its own
      './a.go:20:3: y escapes to heap', // nothing places it in the closure
    ])).toEqual(['12:30 x f.func1', '20:3 y f']);
  });

  it('a variable the closure declares (`F capturing`) and a use of its parameter extend it', () => {
    expect(run([
      `./a.go:10:6: cannot inline f: ${tooComplex}`,
      `./a.go:12:9: cannot inline f.func1: ${tooComplex}`,
      './a.go:15:4: f.func1 capturing by value: .autotmp_2 (addr=false assign=false width=8)',
      './a.go:12:14: parameter w leaks to {heap} with derefs=0:',
      './a.go:12:14:   flow: {heap} = w:',
      './a.go:12:14:     from w (interface-converted) at ./a.go:17:14',
      './a.go:12:14: leaking param: w',
      './a.go:14:3: x escapes to heap',
      './a.go:17:20: y escapes to heap',
      './a.go:18:3: z escapes to heap',
    ])).toEqual(['14:3 x f.func1', '17:20 y f.func1', '18:3 z f']);
  });

  it('a sibling closure, a variable of the enclosing function and a call of the closure end it', () => {
    expect(run([
      `./a.go:10:6: cannot inline f: ${tooComplex}`,
      `./a.go:12:9: cannot inline f.func1: ${tooComplex}`,
      './a.go:13:30: inlining call to strings.Repeat', // taken to be the closure's (printed after it)
      `./a.go:20:9: cannot inline f.func2: ${tooComplex}`,
      './a.go:13:40: a escapes to heap',
      './a.go:14:3: b escapes to heap', // below f.func1's last known position, above f.func2
      './a.go:30:2: f capturing by value: v (addr=false assign=false width=8)',
      './a.go:25:3: c escapes to heap', // f.func2 may hold it: nothing says it does
      './a.go:31:3: d escapes to heap',
    ])).toEqual(['13:40 a f.func1', '14:3 b f', '25:3 c f', '31:3 d f']);
    expect(run([
      `./a.go:10:6: cannot inline f: ${tooComplex}`,
      `./a.go:12:9: can inline f.func1 with cost 5 as: func() { … }`,
      './a.go:12:30: inlining call to strings.Repeat',
      './a.go:14:8: inlining call to f.func1', // a closure does not call itself by name: it ended before
      './a.go:14:8: make([]byte, 10) escapes to heap',
    ])).toEqual(['14:8 make([]byte, 10) f']);
  });

  it('nested closures (go1.19 names them F.func1.1): the nested one\'s declaration is in its parent', () => {
    expect(run([
      `./a.go:10:6: cannot inline f: ${tooComplex}`,
      `./a.go:12:9: cannot inline f.func1: ${tooComplex}`,
      `./a.go:16:5: cannot inline f.func1.1: ${tooComplex}`,
      './a.go:14:3: x escapes to heap', // above the nested declaration: in f.func1
      './a.go:16:5: func literal escapes to heap', // the nested closure's own value: f.func1's
      './a.go:16:30: y escapes to heap',
      './a.go:19:3: z escapes to heap', // past both: f
    ])).toEqual(['14:3 x f.func1', '16:5 func literal f.func1', '16:30 y f.func1.1', '19:3 z f']);
  });
});

describe('twelve closures on one line (go1.19, captured/go1.19-escape-many): no column printed from 255 on', () => {
  const analysis = analyzeText(readFixture('captured/go1.19-escape-many/m2.txt'), 'm2.txt');
  const withNote = (f: EscapeAnalysis['escapes']['items'][number]): string => `${f.line}:${f.column ?? '-'} ${f.subject} ${f.function ?? '-'}${f.lineFunctions !== undefined ? ` (${columnNote(f)})` : ''}`;

  it('the seven makes without a column are main\'s, said to be in main or one of its 7 closures (func6 at 22:236, func7…func12 without a column), not all main.func6\'s', () => {
    expect(analysis.escapes.items.map(withNote)).toEqual([
      ...[1792, 2048, 2304, 2688, 3072, 3200, 3456].map((n) => `22:- make([]byte, ${n}) main (column not printed: in main or one of its 7 closures at this line)`),
      '22:38 make([]byte, 1024) main.func1',
      '22:83 make([]byte, 1152) main.func2',
      '22:128 make([]byte, 1280) main.func3',
      '22:173 make([]byte, 1408) main.func4',
      '22:218 make([]byte, 1536) main.func5',
    ]);
    expect(analysis.escapes.items.filter((f) => f.column === undefined).map((f) => f.lineFunctions)).toEqual([7, 7, 7, 7, 7, 7, 7]);
  });

  it('the functions table: the twelve `func literal` lines and `... argument` (22:6) are main\'s; every closure is declared once, func7…func12 too', () => {
    expect(analysis.functions.map((r) => `${r.name} ${r.total} ${JSON.stringify(r.byKind)}`)).toEqual([
      'main 21 {"cannot-inline":1,"does-not-escape":13,"escapes-to-heap":7}',
      'main.func1 2 {"can-inline":1,"escapes-to-heap":1}',
      'main.func2 2 {"can-inline":1,"escapes-to-heap":1}',
      'main.func3 2 {"can-inline":1,"escapes-to-heap":1}',
      'main.func4 2 {"can-inline":1,"escapes-to-heap":1}',
      'main.func5 2 {"can-inline":1,"escapes-to-heap":1}',
      'keep 2 {"cannot-inline":1,"does-not-escape":1}',
      ...['main.func10', 'main.func11', 'main.func12', 'main.func6', 'main.func7', 'main.func8', 'main.func9'].map((f) => `${f} 1 {"can-inline":1}`),
    ]);
  });
});

describe('lines without a column (Go < 1.10 prints none; go1.19 none from column 255 on)', () => {
  const run = (lines: string[]): string[] => {
    const analysis = analyzeText(['# p', ...lines, ''].join('\n'), 'handmade');
    return [...analysis.moved.items, ...analysis.escapes.items, ...analysis.leaks.items]
      .map((f) => `${f.line} ${f.subject} ${f.function ?? '-'}${f.lineFunctions !== undefined ? ` (${columnNote(f)})` : ''}`);
  };
  const cost = 'function too complex: cost 100 exceeds budget 80';

  it('a declared function\'s line is its own, a closure\'s `func literal` its parent\'s, a value on a closure\'s line in the function or its closure', () => {
    expect(run([
      `./a.go:5: cannot inline f: ${cost}`,
      './a.go:5: leaking param: p',
      './a.go:9: can inline f.func1',
      './a.go:9: func literal escapes to heap',
      './a.go:9: x escapes to heap',
      './a.go:12: y escapes to heap',
    ])).toEqual([
      '9 func literal f',
      '9 x f (column not printed: in f or its closure at this line)',
      '12 y f',
      '5 p f',
    ]);
  });

  it('two declared functions on one line: neither encloses the other, no function is named', () => {
    expect(run([
      `./a.go:5: cannot inline f: ${cost}`,
      `./a.go:5: cannot inline g: ${cost}`,
      './a.go:5: x escapes to heap',
    ])).toEqual(['5 x - (column not printed: in one of 2 functions at this line)']);
  });
});

describe('box (go1.19, captured/go1.19-audit-esc): the receiver of an imported generic method, before the name the compiler declares it at', () => {
  const text = readFixture('captured/go1.19-audit-esc/box.m2.txt');
  const leaks = (analysis: EscapeAnalysis): string[] => analysis.leaks.items.map((f) => `${f.line}:${f.column} ${f.subject} ${f.function ?? '-'}`);
  const KEEP = 'box.(*Box[go.shape.*uint8_0]).Keep';

  it('box.b at 7:7 is (*Box[…]).Keep\'s (declared at 7:18), not box.New\'s (5:6), in the functions table too', () => {
    const analysis = analyzeText(text, 'box.m2.txt');
    expect(leaks(analysis)).toEqual([`7:7 box.b ${KEEP}`, `7:23 box.v ${KEEP}`, `7:23 v ${KEEP}`, '1:undefined .this -']);
    expect(analysis.functions.map((r) => `${r.name} ${JSON.stringify(r.byKind)}`)).toEqual([
      'main {"can-inline":1,"inlining-call":1,"does-not-escape":1,"escapes-to-heap":1}',
      'box.New[go.shape.*uint8_0] {"can-inline":1,"escapes-to-heap":1}',
      'box.(*Box[go.shape.*uint8_0]).Keep {"can-inline":1,"leaking-param":2,"leaking-param-content":1}',
    ]);
  });

  it('--filter Keep keeps the receiver', () => {
    const analyzer = new EscapeAnalyzer({ filter: 'Keep' });
    const read = parseGcflags(text, 'box.m2.txt', { keep: false, onMessage: (d) => analyzer.add(d), onPackage: () => analyzer.packageHeader() });
    expect(leaks(analyzer.finish(read, 'box.m2.txt'))).toEqual([`7:7 box.b ${KEEP}`, `7:23 box.v ${KEEP}`, `7:23 v ${KEEP}`]);
  });
});
