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
      './a.go:19:3: z escapes to heap', // nothing known outside the nested one below 16:5: it runs on
    ])).toEqual(['14:3 x f.func1', '16:5 func literal f.func1', '16:30 y f.func1.1', '19:3 z f.func1.1']);
    // A position of f's own below them (a variable f declares, captured) ends both: past them, f.
    expect(run([
      `./a.go:10:6: cannot inline f: ${tooComplex}`,
      `./a.go:12:9: cannot inline f.func1: ${tooComplex}`,
      `./a.go:16:5: cannot inline f.func1.1: ${tooComplex}`,
      './a.go:18:2: f capturing by value: w (addr=false assign=false width=8)',
      './a.go:16:30: y escapes to heap',
      './a.go:19:3: z escapes to heap',
    ])).toEqual(['16:30 y f.func1.1', '19:3 z f']);
  });
});

describe('twelve closures on one line (go1.19, captured/go1.19-escape-many): no column printed from 255 on', () => {
  const analysis = analyzeText(readFixture('captured/go1.19-escape-many/m2.txt'), 'm2.txt');
  const withNote = (f: EscapeAnalysis['escapes']['items'][number]): string => `${f.line}:${f.column ?? '-'} ${f.subject} ${f.function ?? '-'}${f.lineFunctions !== undefined ? ` (${columnNote(f)})` : ''}`;

  it('the six makes without a column that no step places are main\'s, said to be in main or one of its 7 closures (func6 at 22:236, func7…func12 without a column); 1792, whose `return` is at 22:252, is main.func6\'s', () => {
    expect(analysis.escapes.items.map(withNote)).toEqual([
      '22:- make([]byte, 1792) main.func6',
      ...[2048, 2304, 2688, 3072, 3200, 3456].map((n) => `22:- make([]byte, ${n}) main (column not printed: in main or one of its 7 closures at this line)`),
      '22:38 make([]byte, 1024) main.func1',
      '22:83 make([]byte, 1152) main.func2',
      '22:128 make([]byte, 1280) main.func3',
      '22:173 make([]byte, 1408) main.func4',
      '22:218 make([]byte, 1536) main.func5',
    ]);
    expect(analysis.escapes.items.filter((f) => f.column === undefined).map((f) => f.lineFunctions)).toEqual([undefined, 7, 7, 7, 7, 7, 7]);
  });

  it('the functions table: the twelve `func literal` lines and `... argument` (22:6) are main\'s; every closure is declared once, func7…func12 too', () => {
    expect(analysis.functions.map((r) => `${r.name} ${r.total} ${JSON.stringify(r.byKind)}`)).toEqual([
      'main 20 {"cannot-inline":1,"does-not-escape":13,"escapes-to-heap":6}',
      'main.func1 2 {"can-inline":1,"escapes-to-heap":1}',
      'main.func2 2 {"can-inline":1,"escapes-to-heap":1}',
      'main.func3 2 {"can-inline":1,"escapes-to-heap":1}',
      'main.func4 2 {"can-inline":1,"escapes-to-heap":1}',
      'main.func5 2 {"can-inline":1,"escapes-to-heap":1}',
      'main.func6 2 {"can-inline":1,"escapes-to-heap":1}',
      'keep 2 {"cannot-inline":1,"does-not-escape":1}',
      ...['main.func10', 'main.func11', 'main.func12', 'main.func7', 'main.func8', 'main.func9'].map((f) => `${f} 1 {"can-inline":1}`),
    ]);
  });

  it('what add says of each line without a column (the streamed JSON\'s function and columnNote, the join\'s placement): the explanation and the -m line of 1792 in main.func6, the others in main with the 7 closures that could hold them', () => {
    const analyzer = new EscapeAnalyzer({ limit: 0 });
    const said: string[] = [];
    parseGcflags(readFixture('captured/go1.19-escape-many/m2.txt'), 'm2.txt', {
      keep: false,
      onMessage: (d) => {
        const info = analyzer.add(d);
        if (d.column === undefined && (d.kind === 'escapes-to-heap' || info.sharedWith !== undefined)) said.push(`${d.inputLine} ${d.subject} ${info.function ?? '-'} ${info.sharedWith?.join(',') ?? '-'}`);
      },
      onPackage: () => analyzer.packageHeader(),
    });
    const others = 'main.func7,main.func8,main.func9,main.func10,main.func11,main.func12,main.func6';
    expect(said).toEqual([
      ...[[17, 3456], [21, 3200], [25, 3072], [29, 2688], [33, 2304], [37, 2048]].map(([line, n]) => `${line} make([]byte, ${n}) main ${others}`),
      '41 make([]byte, 1792) main.func6 -',
      '77 make([]byte, 1792) main.func6 -',
      ...[[79, 2048], [81, 2304], [83, 2688], [85, 3072], [87, 3200], [89, 3456]].map(([line, n]) => `${line} make([]byte, ${n}) main ${others}`),
    ]);
  });
});

describe('closures across column 255 (go1.19, captured/go1.19-escape-straddle): the -m=2 steps that place a value printed without a column', () => {
  const analysis = analyzeText(readFixture('captured/go1.19-escape-straddle/m2.txt'), 'm2.txt');
  const withNote = (f: EscapeAnalysis['escapes']['items'][number]): string => `${f.line}:${f.column ?? '-'} ${f.subject} ${f.function ?? '-'}${f.lineFunctions !== undefined ? ` (${columnNote(f)})` : ''}`;

  it('`return` at 24:252 is in main.func6 (24:236), `b :=` at 25:254 in main.func20 (25:236); main\'s `extra = make(…)` past column 255 and func7…func14\'s values have no step with a column', () => {
    const line24 = 'in main or one of its 9 closures at this line';
    expect(analysis.escapes.items.filter((f) => f.column === undefined).map(withNote)).toEqual([
      '24:- make([]byte, 1792) main.func6',
      ...[2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 12288].map((n) => `24:- make([]byte, ${n}) main (column not printed: ${line24})`),
      '25:- make([]byte, 6144) main.func20',
      ...[9472, 9728].map((n) => `25:- make([]byte, ${n}) main (column not printed: in main or one of its 3 closures at this line)`),
    ]);
    const at = (n: number): string | undefined => analysis.escapes.items.find((f) => f.subject === `make([]byte, ${n})` && f.line === 25)?.sentence;
    expect(at(6144)).toBe('make([]byte, 6144) escapes: assigned to b at main.go:25:254 → returned at main.go:25');
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

describe('a value without a column placed by its -m=2 steps (handmade, in go1.19\'s form)', () => {
  const run = (lines: string[]): string[] => {
    const analysis = analyzeText(['# p', ...lines, ''].join('\n'), 'handmade');
    return analysis.escapes.items.map((f) => `${f.subject} ${f.function ?? '-'}${f.lineFunctions !== undefined ? ` (${columnNote(f)})` : ''}`);
  };
  const cost = 'function too complex: cost 100 exceeds budget 80';
  const declared = [`./a.go:10:6: cannot inline f: ${cost}`, './a.go:12:11: can inline f.func1', './a.go:12:200: can inline f.func2', './a.go:12: can inline f.func3', './a.go:12: can inline f.func4'];
  const explained = (n: number, steps: string[]): string[] => [
    `./a.go:12: make([]byte, ${n}) escapes to heap:`, `./a.go:12:   flow: ~r0 = &{storage for make([]byte, ${n})}:`, `./a.go:12:     from make([]byte, ${n}) (spill) at ./a.go:12`, ...steps.map((s) => (s.startsWith('flow:') ? `./a.go:12:   ${s}` : `./a.go:12:     ${s}`)),
  ];

  it('by the first step of its first flow that has a column at its line, when the function there could hold it', () => {
    expect(run([
      ...declared,
      ...explained(1, [`from return make([]byte, 1) (return) at ./a.go:12:240`]), // f.func2 (12:200), which may run past column 254
      ...explained(2, [`from return make([]byte, 2) (return) at ./a.go:12:30`]), // f.func1, which ends before f.func2: not it
      ...explained(3, [`from x := make([]byte, 3) (assign) at ./a.go:12`, 'flow: {heap} = x:', `from sink = x (assign) at ./a.go:12:240`]), // the second flow is another statement's
      ...explained(4, [`from return make([]byte, 4) (return) at ./a.go:11:240`]), // another line
      ...[1, 2, 3, 4].map((n) => `./a.go:12: make([]byte, ${n}) escapes to heap`),
    ])).toEqual([
      'make([]byte, 1) f.func2',
      ...[2, 3, 4].map((n) => `make([]byte, ${n}) f (column not printed: in f or one of its 3 closures at this line)`),
    ]);
  });

  it('not when two explanations of one value disagree, or one of them has no such step; explanations without a -m line are placed too', () => {
    expect(run([
      ...declared,
      ...explained(1, [`from return make([]byte, 1) (return) at ./a.go:12:240`]),
      ...explained(1, [`from return make([]byte, 1) (return) at ./a.go:12`]),
      ...explained(2, [`from return make([]byte, 2) (return) at ./a.go:12:240`]),
      ...explained(2, [`from return make([]byte, 2) (return) at ./a.go:12:250`]),
      ...explained(3, [`from return make([]byte, 3) (return) at ./a.go:12:240`]), // no -m line
      ...[1, 2].map((n) => `./a.go:12: make([]byte, ${n}) escapes to heap`),
    ])).toEqual([
      'make([]byte, 3) f.func2',
      'make([]byte, 1) f (column not printed: in f or one of its 3 closures at this line)',
      'make([]byte, 2) f.func2', // 12:240 and 12:250 are both f.func2's
    ]);
  });
});

describe('package-level variables (go1.19, captured/go1.19-escape-init): the package\'s initialisation, `init`', () => {
  const analysis = analyzeText(readFixture('captured/go1.19-escape-init/m2.txt'), 'm2.txt');

  it('above the first function and past a package-level closure\'s line: `init`; the closures glob..func1 (27:30) and glob..func2 (27:75) each their own make; `late` (40:16) below newConfig is counted in it (the end of a function is not in the output)', () => {
    expect(heapValues(analysis)).toEqual([
      '19:17 make([]byte, 1 << 20) init',
      '21:27 map[string]int{...} init',
      '27:57 make([]byte, 3000) glob..func1',
      '27:102 make([]byte, 5000) glob..func2',
      '29:26 &bytes.Buffer{...} glob..func2',
      '29:31 make([]byte, 0, 4096) glob..func2',
      '37:9 &config{...} newConfig',
      '37:51 make([]string, 0, 64) newConfig',
      '40:16 make([]byte, 7168) newConfig',
      '43:17 make([]byte, 6000) init.0',
    ]);
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

describe('closures on one line at plain -m (go1.19, captured/go1.19-escape-oneline): placed as -m=2 places them, though -m declares only inlinable functions', () => {
  const messages = (file: string): string[] => {
    const analyzer = new EscapeAnalyzer({ limit: 0 });
    const out: string[] = [];
    parseGcflags(readFixture(`captured/go1.19-escape-oneline/${file}`), file, {
      keep: false,
      onMessage: (d) => {
        const info = analyzer.add(d);
        if ((d.line === 27 || d.line === 33) && !d.explanation && d.kind !== 'can-inline' && d.kind !== 'cannot-inline') {
          out.push(`${d.line}:${d.column} ${d.subject} ${info.function ?? '-'}${info.closureAt ? ` (${columnNote({ closureAt: info.closureAt })})` : ''}`);
        }
      },
      onPackage: () => analyzer.packageHeader(),
    });
    return out;
  };
  const unnamed = 'not named by -m: in the closure that starts at column 6 of this line (in main), which plain -m does not declare (it declares only inlinable functions; -m=2 declares every one)';

  it('the func literals are their parents\'; each make its closure\'s; 27:41 is in main.func1, which -m does not declare (a defer): its closure is said by where it starts; 33:39 in main.func3, named by its first closure main.func3.1', () => {
    expect(messages('m1.txt')).toEqual([
      '27:6 func literal main',
      `27:41 make([]byte, 1000) - (${unnamed})`,
      '27:67 func literal main',
      '27:94 make([]byte, 2000) main.func2',
      '33:7 func literal main',
      '33:39 make([]byte, 3000) main.func3',
      '33:63 func literal main.func3',
      '33:90 make([]byte, 4000) main.func3.1',
    ]);
  });

  it('-m=2 (every function declared) names the same functions, main.func1 for 27:41', () => {
    expect(messages('m2.txt').sort()).toEqual([
      '27:23 .autotmp_0 main.func1', // main.func1 capturing by value: .autotmp_0 (-m=2)
      '27:41 make([]byte, 1000) main.func1',
      '27:6 func literal main',
      '27:67 func literal main',
      '27:94 make([]byte, 2000) main.func2',
      '33:39 make([]byte, 3000) main.func3',
      '33:63 func literal main.func3',
      '33:7 func literal main',
      '33:90 make([]byte, 4000) main.func3.1',
    ]);
  });

  it('the findings carry it too (the text report\'s note, JSON\'s columnNote); a line without closures names no function at plain -m, as before', () => {
    const analysis = analyzeText(readFixture('captured/go1.19-escape-oneline/m1.txt'), 'm1.txt');
    expect([...analysis.moved.items, ...analysis.escapes.items].map((f) => `${f.line}:${f.column} ${f.subject} ${f.function ?? '-'}${columnNote(f) ? ' (note)' : ''}`)).toEqual([
      '24:6 wg -',
      '27:6 func literal main',
      '27:41 make([]byte, 1000) - (note)',
      '27:67 func literal main',
      '27:94 make([]byte, 2000) main.func2',
      '33:39 make([]byte, 3000) main.func3',
      '33:63 func literal main.func3',
      '33:90 make([]byte, 4000) main.func3.1',
    ]);
    expect(analysis.escapes.items.find((f) => f.column === 41)?.closureAt).toEqual({ column: 6, parent: 'main' });
  });
});

describe('twelve closures on one line at plain -m (go1.19, captured/go1.19-escape-many/m1.txt): no steps, so the values without a column are all in main or one of its 7 closures', () => {
  const analysis = analyzeText(readFixture('captured/go1.19-escape-many/m1.txt'), 'm1.txt');
  it('func1 … func5 their makes; the seven without a column main\'s, with the note (at -m=2, 1792 is func6\'s by its `return` step)', () => {
    expect(analysis.escapes.items.map((f) => `${f.line}:${f.column ?? '-'} ${f.subject} ${f.function ?? '-'}${f.lineFunctions !== undefined ? ` (${columnNote(f)})` : ''}`)).toEqual([
      ...[1792, 2048, 2304, 2688, 3072, 3200, 3456].map((n) => `22:- make([]byte, ${n}) main (column not printed: in main or one of its 7 closures at this line)`),
      '22:38 make([]byte, 1024) main.func1',
      '22:83 make([]byte, 1152) main.func2',
      '22:128 make([]byte, 1280) main.func3',
      '22:173 make([]byte, 1408) main.func4',
      '22:218 make([]byte, 1536) main.func5',
    ]);
  });
});

describe('the seed at plain -m (corpus go1.19): `go func() { log.Println(http.ListenAndServe(…)) }()` at main.go:88, a closure -m does not declare', () => {
  it('its `... argument` and the copy of http.Serve inlined in it (88:34) are said to be in the closure that starts at 88:5; the go statement\'s func literal is placed nowhere (no name says whose it is)', () => {
    const analyzer = new EscapeAnalyzer({ limit: 0 });
    const out: string[] = [];
    parseGcflags(readFixture('corpus/go1.19/compiler/seed.gcflags-m.txt'), 'seed.gcflags-m.txt', {
      keep: false,
      onMessage: (d) => {
        const info = analyzer.add(d);
        if (d.line === 88) out.push(`${d.column} ${d.message} ${info.function ?? '-'} ${info.inlinedFrom ?? '-'} ${info.closureAt ? JSON.stringify(info.closureAt) : '-'}`);
      },
      onPackage: () => analyzer.packageHeader(),
    });
    expect(out).toEqual([
      '34 inlining call to http.Serve - - -', // printed before the func literal that shows where the closure starts
      '5 func literal escapes to heap - - -',
      '23 ... argument does not escape - - {"column":5}',
      '34 &http.Server{...} escapes to heap - http.Serve {"column":5}',
    ]);
  });
});
