/** The escape analysis over real compiler outputs: causes, sentences, functions, counts, filter. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EscapeAnalyzer, ExplanationLinker, heapCount, type EscapeAnalysis, type EscapeAnalysisOptions, type EscapeFinding } from '../../../src/analyze/escape/index.js';
import { HeldExplanation, isExplainedKind } from '../../../src/analyze/escape/link.js';
import type { CompilerMessage } from '../../../src/grammar/gcflags/index.js';
import { parseGcflags } from '../../../src/grammar/gcflags/index.js';
import { renderEscapeText } from '../../../src/report/escape/text.js';
import { compilerText, type Version } from '../../grammar/gcflags/helpers.js';

function analyzeText(text: string, source: string, options: EscapeAnalysisOptions = {}): EscapeAnalysis {
  const analyzer = new EscapeAnalyzer(options);
  const read = parseGcflags(text, source, { keep: false, onMessage: (d) => analyzer.add(d), onPackage: () => analyzer.packageHeader() });
  return analyzer.finish(read, source);
}

function analyze(version: Version, file: string, options: EscapeAnalysisOptions = {}): EscapeAnalysis {
  return analyzeText(compilerText(version, file), `${version}/${file}`, options);
}

function at(list: EscapeFinding[], line: number, column: number): EscapeFinding {
  const found = list.find((f) => f.line === line && f.column === column);
  if (!found) throw new Error(`no finding at ${line}:${column}`);
  return found;
}

describe('seed program, -m=2', () => {
  const analysis = analyze('go1.23', 'seed.gcflags-m2.txt');

  it('links every -m line to its explanation and counts heap values by cause', () => {
    expect(analysis.explained).toBe(true);
    expect(analysis.moved.total).toBe(0);
    // 15 `escapes to heap` lines, plus the go statement's wrapper closure, explained but with no -m line.
    expect(analysis.escapes.total).toBe(16);
    expect(analysis.messages['escapes-to-heap']).toBe(15);
    expect(analysis.explanations).toBe(25);
    expect(analysis.escapes.items.every((f) => f.paths.length >= 1)).toBe(true);
    expect(analysis.heapByCause).toEqual({ 'interface-conversion': 10, goroutine: 3, closure: 2, 'call-argument': 1 });
    expect(analysis.leaks.total).toBe(7);
    expect(analysis.leaksByCause).toEqual({ returned: 4, 'stored-in-heap': 1, 'call-argument': 2 });
  });

  it("routine4's make: a goroutine argument, with the chain in words", () => {
    const make = at(analysis.escapes.items, 29, 32);
    expect(make).toMatchObject({ kind: 'escapes-to-heap', subject: 'make([]byte, 1000)', function: 'routine4', package: 'seed', cause: 'goroutine' });
    expect(make.paths).toHaveLength(1);
    expect(make.sentence).toBe('make([]byte, 1000) escapes: assigned to hello at main.go:29:25 → assigned to .autotmp_1 at main.go:29:48 → captured by a closure at main.go:29:48 → the closure is on the heap');
    const wrapper = at(analysis.escapes.items, 29, 48);
    // `go subroutine4(hello)`: go1.23 declares its wrapper `routine4.gowrap1` at 29:48, no literal of the source.
    expect(wrapper).toMatchObject({ subject: 'func literal', function: 'routine4', cause: 'goroutine',
      sentence: "func literal escapes: the go statement's call wrapper (the compiler runs `go f(x)` as `go func() { f(x) }()`), handed to a goroutine" });
  });

  it('interface conversions for fmt/log arguments, closures passed to http.HandleFunc, a leak to a global', () => {
    expect(at(analysis.escapes.items, 53, 25)).toMatchObject({
      subject: 'name', function: 'phase', cause: 'interface-conversion',
      sentence: 'name escapes: put in a variadic (...) argument at main.go:53:12 → assigned to log.v at main.go:53:12 → passed to fmt.Appendf at ../../../go-1.23.2/src/log/log.go:398:21 → the heap',
    });
    expect(at(analysis.escapes.items, 69, 32)).toMatchObject({
      subject: 'func literal', function: 'serve', cause: 'closure',
      sentence: 'func literal escapes: passed to http.HandleFunc at main.go:69:17 → the heap',
    });
    expect(at(analysis.escapes.items, 88, 34)).toMatchObject({ function: 'serve.func3', cause: 'call-argument' });
    expect(at(analysis.leaks.items, 47, 12)).toMatchObject({
      kind: 'leaking-param', subject: 'name', function: 'phase', cause: 'stored-in-heap',
      sentence: 'parameter name leaks: assigned to phaseName at main.go:49:12 → the heap (2 more paths)',
    });
    expect(at(analysis.leaks.items, 47, 12).paths).toHaveLength(3);
  });

  it('an inlined body printed twice: each of its two -m lines gets one copy of the explanation', () => {
    const logB = analysis.leaks.items.filter((f) => f.file.endsWith('log/log.go') && f.line === 397);
    expect(logB).toHaveLength(2);
    for (const f of logB) {
      expect(f).toMatchObject({ subject: 'b', target: '~r0', level: 0, cause: 'returned' });
      expect(f.paths).toHaveLength(1);
    }
  });

  it('functions from the -m=2 declarations (closures and go/defer wrappers included)', () => {
    // routine4's two heap values: `make([]byte, 1000)` with its -m line, the go statement's func literal explained without one (counted since the audit).
    // serve: 8 messages since closures have an extent (closures.test.ts): `... argument does not
    // escape` at 86:12 is below `serve capturing by value: ln` at 84:2, so serve.func2 (74:31) ended above it.
    expect(analysis.functions.slice(0, 4).map((r) => `${r.name} ${r.total}`)).toEqual(['main 23', 'serve 8', 'phase 17', 'routine4 4']);
    expect(analysis.escapes.items.map((f) => f.function)).toEqual([
      'routine4', 'routine4', 'phase', 'phase', 'serve', 'serve', 'serve.func1', 'serve', 'serve.func2', 'serve', 'serve.func3',
      'main', 'main', 'main', 'main', 'main',
    ]);
  });

  it('packages and files', () => {
    // Heap values: 16, as the escapes list holds (one of them explained at -m=2 without its -m line).
    expect(analysis.packages.map((r) => [r.name, r.total, r.byKind['escapes-to-heap']])).toEqual([['seed', 96, 16]]);
    expect(analysis.escapes.total).toBe(16);
    expect(analysis.files.map((r) => [r.name, r.total])).toEqual([['./main.go', 92], ['../../../go-1.23.2/src/log/log.go', 4]]);
  });
});

describe('two builds of the same package, one after the other', () => {
  it('each `# package` header ends the package: every count is twice that of one build', () => {
    const once = compilerText('go1.23', 'seed.gcflags-m2.txt');
    const twice = analyzeText(`${once}${once.slice(once.indexOf('\n') + 1)}`, 'twice');
    expect(twice.escapes.total).toBe(32);
    expect(twice.explanations).toBe(50);
    expect(twice.heapByCause).toEqual({ 'interface-conversion': 20, goroutine: 6, closure: 4, 'call-argument': 2 });
    expect(twice.leaks.total).toBe(14);
    expect(twice.leaksByCause).toEqual({ returned: 8, 'stored-in-heap': 2, 'call-argument': 4 });
  });
});

describe('the enclosing function of a line', () => {
  it('is the last function declared above it, however the lines jump between functions and declarations arrive', () => {
    const tooComplex = 'function too complex: cost 100 exceeds budget 80';
    const analysis = analyzeText([
      '# p',
      `./a.go:10:6: cannot inline f: ${tooComplex}`,
      './a.go:12:3: x escapes to heap',
      `./a.go:30:6: cannot inline g: ${tooComplex}`,
      './a.go:31:3: y escapes to heap',
      './a.go:13:3: z escapes to heap', // back in f
      `./a.go:20:6: cannot inline h: ${tooComplex}`, // declared between f and g after lines of both were read
      './a.go:21:3: w escapes to heap',
      './a.go:13:4: v escapes to heap',
      './a.go:5:1: u escapes to heap', // above every function: a package-level variable's, the package's initialisation
      `./a.go:40:6: cannot inline g.gowrap1: ${tooComplex}`, // a go statement's wrapper: one line long
      './a.go:41:2: t escapes to heap',
      './a.go:40:6: s escapes to heap',
      './b.go:12:3: r escapes to heap', // another file, no function declared
      './a.go:12:3: q escapes to heap',
      '',
    ].join('\n'), 'jumps');
    const byLine = analysis.escapes.items.map((f) => `${f.file}:${f.line}:${f.column} ${f.subject} ${f.function ?? '-'}`);
    expect(byLine).toEqual([
      './a.go:5:1 u init', './a.go:12:3 x f', './a.go:12:3 q f', './a.go:13:3 z f', './a.go:13:4 v f', './a.go:21:3 w h',
      './a.go:31:3 y g', './a.go:40:6 s g.gowrap1', './a.go:41:2 t g', './b.go:12:3 r -',
    ]);
  });
});

describe('seed program, plain -m', () => {
  it('causes from the expressions alone; no function names without -m=2', () => {
    const analysis = analyze('go1.23', 'seed.gcflags-m.txt');
    expect(analysis.explained).toBe(false);
    expect(analysis.heapByCause).toEqual({ 'interface-conversion': 10, closure: 3, unknown: 2 });
    expect(analysis.leaksByCause).toEqual({ returned: 4, unknown: 3 });
    expect(at(analysis.escapes.items, 29, 32)).toMatchObject({ cause: 'unknown', sentence: 'make([]byte, 1000) escapes' });
    expect(analysis.escapes.items.every((f) => f.function === undefined)).toBe(true);
    // Only the functions the output names (`can inline F`).
    expect(analysis.functions.map((r) => r.name).sort()).toEqual(['routine1', 'routine4.gowrap1', 'serve.func1.deferwrap1', 'serve.func2.deferwrap1', 'subroutine4']);
  });

  it('go1.19 prints constants converted to interfaces as conversions', () => {
    const analysis = analyze('go1.19', 'seed.gcflags-m.txt');
    const nilHandler = analysis.escapes.items.filter((f) => f.subject === '(interface {})(string("http: nil handler"))');
    expect(nilHandler.map((f) => `${f.line}:${f.column} ${f.cause}`)).toEqual(['69:17 interface-conversion', '74:17 interface-conversion']);
  });
});

describe('encoding/json, -m=2', () => {
  it('go1.23: every value explained, non-constant sizes found, moved variables with all their paths', () => {
    const analysis = analyze('go1.23', 'encoding_json.gcflags-m2.txt');
    expect(analysis.moved.total).toBe(6);
    expect(analysis.escapes.total).toBe(264);
    expect([...analysis.moved.items, ...analysis.escapes.items].filter((f) => f.paths.length === 0)).toEqual([]);
    // 11 values end in the box of an interface conversion (`panic(jsonError{err})`: `{storage for jsonError{...}}`, from `jsonError{...} (interface-converted)`).
    expect(analysis.heapByCause).toEqual({ 'interface-conversion': 91, 'stored-in-heap': 89, 'call-argument': 41, returned: 35, 'stack-size': 11, closure: 3 });
    const decode = at(analysis.escapes.items, 1219, 11);
    expect(decode).toMatchObject({ subject: 'make([]byte, len(s) + 8)', cause: 'stack-size', sentence: 'make([]byte, len(s) + 8) escapes: its size is not a constant at encoding/json/decode.go:1219:11' });
    const wg = analysis.moved.items.find((f) => f.subject === 'wg');
    expect(wg?.paths).toHaveLength(3);
    expect(wg?.cause).toBe('closure');
  });

  it('go1.26-devel: `append` lines get their own header each; function names from `in F`', () => {
    const analysis = analyze('go1.26-devel', 'encoding_json.gcflags-m2.txt');
    expect(analysis.escapes.total).toBe(424);
    expect(analysis.messages['escapes-to-heap']).toBe(424);
    const appends = analysis.escapes.items.filter((f) => f.file === 'encoding/json/indent.go' && f.line === 146 && f.column === 23);
    expect(appends).toHaveLength(3);
    expect(appends.map((f) => f.paths.length)).toEqual([1, 1, 1]);
    expect(appends.every((f) => f.function === 'appendIndent')).toBe(true);
    expect([...analysis.moved.items, ...analysis.escapes.items].filter((f) => f.paths.length === 0)).toEqual([]);
  });
});

describe('options', () => {
  it('filter: by function, by file, by package; counts follow the filter', () => {
    const byFunction = analyze('go1.23', 'seed.gcflags-m2.txt', { filter: 'routine4' });
    expect(byFunction.escapes.items.map((f) => `${f.line}:${f.column}`)).toEqual(['29:32', '29:48']);
    expect(byFunction.heapByCause).toEqual({ goroutine: 2 });
    expect(byFunction.filter).toBe('routine4');
    const byFile = analyze('go1.23', 'seed.gcflags-m2.txt', { filter: 'log/log.go' });
    expect(byFile.escapes.total).toBe(0);
    expect(byFile.leaks.total).toBe(4);
    expect(byFile.messages).toEqual({ 'leaking-param': 4 });
    const none = analyze('go1.23', 'seed.gcflags-m2.txt', { filter: 'no such thing' });
    expect(none.byKind).toEqual({});
  });

  it('messageCauses: false leaves only the cause out of what add returns; the analysis (every finding\'s cause) is the same', () => {
    for (const file of ['seed.gcflags-m2.txt', 'encoding_json.gcflags-m2.txt', 'seed.gcflags-m.txt']) {
      const runs = [true, false].map((messageCauses) => {
        const analyzer = new EscapeAnalyzer({ messageCauses });
        let given = 0;
        const read = parseGcflags(compilerText('go1.23', file), file, {
          keep: false, onMessage: (d) => { if (analyzer.add(d).cause !== undefined) given++; }, onPackage: () => analyzer.packageHeader(),
        });
        return { given, analysis: analyzer.finish(read, file) };
      });
      expect(runs[0]?.given).toBe({ 'seed.gcflags-m2.txt': 47, 'encoding_json.gcflags-m2.txt': 940, 'seed.gcflags-m.txt': 22 }[file]);
      expect(runs[1]?.given).toBe(0);
      expect(runs[1]?.analysis).toEqual(runs[0]?.analysis);
    }
  });

  it('topRows keeps the first rows of each table, in the order of the whole sort, and says how many there were (std -m of go1.26-devel, -m=2 of 107 std packages of go1.19)', () => {
    const STD_HEAD = fileURLToPath(new URL('../../fixtures/captured/go1.19-std-m2/std-head.gcflags-all-m2.txt.gz', import.meta.url));
    const cases = [
      { all: analyze('go1.26-devel', 'std.gcflags-all-m.txt.gz', { limit: 20 }), top: analyze('go1.26-devel', 'std.gcflags-all-m.txt.gz', { limit: 20, topRows: 10 }),
        counts: { packages: 325, files: 1505, functions: 13300 }, functionHeap: 811, first: ['init 93 70', 'initMetrics 66 66', 'Swapper 18 18'] },
      { all: analyzeText(gunzipSync(readFileSync(STD_HEAD)).toString('utf8'), 'std-head', { limit: 20 }), top: analyzeText(gunzipSync(readFileSync(STD_HEAD)).toString('utf8'), 'std-head', { limit: 20, topRows: 10 }),
        counts: { packages: 107, files: 581, functions: 6611 }, functionHeap: 4345, first: ['init 343 146', 'parseField 101 53', 'StructOf 130 37'] },
    ];
    for (const { all, top, counts, functionHeap, first } of cases) {
      expect(top.rowCounts).toEqual(counts);
      expect({ packages: all.packages.length, files: all.files.length, functions: all.functions.length }).toEqual(counts);
      expect(top.functionHeap).toBe(functionHeap);
      expect(all.functions.reduce((n, row) => n + heapCount(row), 0)).toBe(functionHeap);
      for (const table of ['packages', 'files', 'functions'] as const) expect(top[table]).toEqual(all[table].slice(0, 10));
      expect(top.functions.slice(0, 3).map((r) => `${r.name} ${r.total} ${heapCount(r)}`)).toEqual(first);
      expect(renderEscapeText(top)).toBe(renderEscapeText(all));
    }
  });

  it('limit keeps the counts exact and the lists short (std, 157,307 lines)', () => {
    const analysis = analyze('go1.26-devel', 'std.gcflags-all-m.txt.gz', { limit: 5 });
    expect(analysis.moved.total).toBe(833);
    expect(analysis.escapes.total).toBe(28440);
    expect(analysis.leaks.total).toBe(11455 + 4282);
    expect(analysis.moved.items).toHaveLength(5);
    expect(analysis.escapes.items).toHaveLength(5);
    expect(analysis.packages).toHaveLength(325);
    expect(Object.values(analysis.heapByCause).reduce((a, b) => a + (b ?? 0), 0)).toBe(833 + 28440);
  });
});

describe('explanations held without their steps once the lists are full', () => {
  const STD_HEAD = fileURLToPath(new URL('../../fixtures/captured/go1.19-std-m2/std-head.gcflags-all-m2.txt.gz', import.meta.url));
  const stdHead = gunzipSync(readFileSync(STD_HEAD)).toString('utf8');

  it('every count and cause is the same with a limit of 1 (most explanations held) as with none (every step kept): -m=2 of 107 std packages (go1.19)', () => {
    const all = analyzeText(stdHead, 'std-head', { limit: Number.POSITIVE_INFINITY });
    const one = analyzeText(stdHead, 'std-head', { limit: 1 });
    expect(all.moved.total).toBe(129); // as many as `moved to heap:` lines (grep -c)
    expect(all.escapes.total).toBe(4294 + 7); // `escapes to heap` lines, and 7 values explained with no -m line
    expect(all.leaks.total).toBe(2775 + 916 + 393); // `leaking param:`, `leaking param content:`, 393 explained with none
    expect(all.explanations).toBe(10428);
    for (const list of ['moved', 'escapes', 'leaks'] as const) {
      expect(one[list].total, list).toBe(all[list].total);
      expect(one[list].items).toHaveLength(1);
      expect(all[list].items).toContainEqual(one[list].items[0]);
    }
    expect(one.heapByCause).toEqual(all.heapByCause);
    expect(one.leaksByCause).toEqual(all.leaksByCause);
    expect(one.explanations).toBe(all.explanations);
    expect(one.functions).toEqual(all.functions);
  });

  it('limit 0 (no findings: every explanation held from the first, as the JSON report runs) gives every message the cause and function of no limit', () => {
    const infos = (limit: number): { infos: string[]; analysis: EscapeAnalysis } => {
      const analyzer = new EscapeAnalyzer({ limit });
      const infos: string[] = [];
      const read = parseGcflags(stdHead, 'std-head', {
        keep: false,
        onMessage: (d) => {
          const info = analyzer.add(d);
          infos.push(`${d.inputLine} ${info.matches} ${info.cause ?? '-'} ${info.function ?? '-'} ${info.inlinedFrom ?? '-'}`);
        },
        onPackage: () => analyzer.packageHeader(),
      });
      return { infos, analysis: analyzer.finish(read, 'std-head') };
    };
    const all = infos(Number.POSITIVE_INFINITY);
    const none = infos(0);
    // 91,032 lines: 107 package headers, the command line, 41,671 steps (grep), and the messages.
    expect(none.infos).toHaveLength(49_253);
    expect(none.infos).toEqual(all.infos);
    expect([none.analysis.moved, none.analysis.escapes, none.analysis.leaks].map((l) => [l.total, l.items.length])).toEqual([[129, 0], [4301, 0], [4084, 0]]);
    expect(none.analysis.heapByCause).toEqual(all.analysis.heapByCause);
    expect(none.analysis.leaksByCause).toEqual(all.analysis.leaksByCause);
  });

  it('keepPaths: false (the text report) lists the same findings with the same sentences, without their reason chains', () => {
    const all = analyzeText(stdHead, 'std-head', { limit: Number.POSITIVE_INFINITY });
    const bare = analyzeText(stdHead, 'std-head', { limit: Number.POSITIVE_INFINITY, keepPaths: false });
    for (const list of ['moved', 'escapes', 'leaks'] as const) {
      expect(bare[list].items.every((f) => f.paths.length === 0)).toBe(true);
      expect(bare[list].items).toEqual(all[list].items.map((f) => ({ ...f, paths: [] })));
    }
    expect(all.escapes.items.filter((f) => f.paths.length > 1)).toHaveLength(46); // sentences that say "(N more paths)"
  });

  it('keepPaths: false counts copies of an explanation once, as the steps themselves do: one path, a copy, another path', () => {
    const header = './a.go:10:5: x escapes to heap:';
    const copy = [header, './a.go:10:5:   flow: {heap} = x:', './a.go:10:5:     from x (spill) at ./a.go:10:5'];
    const other = [header, './a.go:10:5:   flow: {heap} = x:', './a.go:10:5:     from g(x) (call parameter) at ./a.go:10:9'];
    const text = (...explanations: string[][]): string => ['# p', ...explanations.flat(), './a.go:10:5: x escapes to heap', ''].join('\n');
    const sentences = (input: string, keepPaths: boolean): string[] => analyzeText(input, 'copies', { keepPaths }).escapes.items.map((f) => f.sentence);
    for (const [input, sentence] of [
      [text(copy), 'x escapes: allocated on the heap'],
      [text(copy, copy), 'x escapes: allocated on the heap'], // an inlined body printed twice: the same path
      // The chain shown is the one the cause (call-argument) comes from, in either order.
      [text(copy, other, copy), 'x escapes: passed to g at a.go:10:9 → the heap (1 more path)'],
      [text(other, copy, other, copy), 'x escapes: passed to g at a.go:10:9 → the heap (1 more path)'],
    ] as const) {
      expect(sentences(input, true)).toEqual([sentence]);
      expect(sentences(input, false)).toEqual([sentence]);
    }
  });

  it('with --filter, explanations no finding can show are held: each filtered analysis lists exactly the matching findings of the unfiltered one, steps and sentences included', () => {
    // No limit: the lists never fill, so only the filter lets explanations be held (10,231 to
    // 10,348 of the 10,428, by filter); the unfiltered run holds none.
    const all = analyzeText(stdHead, 'std-head', { limit: Number.POSITIVE_INFINITY });
    const counts: Record<string, number> = {};
    for (const filter of ['sync', 'Unmarshal', 'strconv', 'func1', 'Format']) {
      const filtered = analyzeText(stdHead, 'std-head', { limit: Number.POSITIVE_INFINITY, filter });
      const matching = (f: EscapeFinding): boolean => (f.package?.includes(filter) ?? false) || f.file.includes(filter) || (f.function?.includes(filter) ?? false);
      for (const list of ['moved', 'escapes', 'leaks'] as const) {
        expect(filtered[list].items, `${filter} ${list}`).toEqual(all[list].items.filter(matching));
        expect(filtered[list].total).toBe(filtered[list].items.length);
      }
      counts[filter] = filtered.moved.total + filtered.escapes.total + filtered.leaks.total;
    }
    // func1: 120 (174 when every line below a closure's declaration was the closure's, up to the
    // next declaration: closures.test.ts). Format: 83 (84 while `var errBad = errors.New(…)` at
    // time/format.go:781:24, below Time.AppendFormat, was AppendFormat's: it is init's, printed
    // after another function's declarations: analyzer.ts packageCall).
    expect(counts).toEqual({ sync: 221, Unmarshal: 67, strconv: 129, func1: 120, Format: 83 });
  });

  it('the linker holds HeldExplanations (strings detached, steps summarized) once the lists they can go to have their findings', () => {
    const analyzer = new EscapeAnalyzer({ limit: 1 });
    const linker = (analyzer as unknown as { linker: { slots: { headers: CompilerMessage[] }[] } }).linker;
    const lines = { leak: { held: [] as number[], kept: [] as number[] }, escape: { held: [] as number[], kept: [] as number[] } };
    parseGcflags(stdHead, 'std-head', {
      keep: false,
      onMessage: (d) => {
        analyzer.add(d);
        if (d.explanation !== true) return;
        const of = d.kind === 'escapes-to-heap' ? lines.escape : lines.leak;
        for (const slot of linker.slots) {
          const last = slot.headers.at(-1);
          if (last?.inputLine === d.inputLine) (last instanceof HeldExplanation ? of.held : of.kept).push(d.inputLine);
        }
      },
      onPackage: () => analyzer.packageHeader(),
    });
    // Every one of the 10,428 explanations is one or the other. A leak's are held once the leaks
    // have their finding (from the 2nd package, internal/cpu, input line 77); a value's once both
    // the escaping values and the moved variables have theirs (the 30th: internal/testlog, 20,934).
    expect([lines.leak.kept.length, lines.leak.held.length, lines.escape.kept.length, lines.escape.held.length]).toEqual([1, 5950, 373, 4104]);
    expect([Math.min(...lines.leak.held), Math.min(...lines.escape.held)]).toEqual([77, 20934]);
    for (const [kind, of] of Object.entries(lines)) {
      expect(Math.max(...of.kept), kind).toBeLessThan(Math.min(...of.held)); // never a full one after a held one
    }
  });
});

describe('ExplanationLinker.idle', () => {
  it('says true only where add would give back the line alone (or nothing): every line of the -m=2 and -m outputs', () => {
    for (const [file, idleLines] of [['seed.gcflags-m2.txt', 45], ['encoding_json.gcflags-m2.txt', 964], ['seed.gcflags-m.txt', 75]] as const) {
      const linker = new ExplanationLinker<string>();
      let idle = 0;
      const wrong: number[] = [];
      parseGcflags(compilerText('go1.23', file), file, {
        keep: false,
        onMessage: (d) => {
          const skip = linker.idle(d);
          const groups = linker.add(d, 'data');
          if (!skip) return;
          idle++;
          if (JSON.stringify(groups) !== JSON.stringify(isExplainedKind(d.kind) ? [{ diagnostic: d, explanations: [], data: 'data' }] : [])) wrong.push(d.inputLine);
        },
        onPackage: () => linker.flush(),
      });
      expect([file, idle, wrong]).toEqual([file, idleLines, []]);
    }
  });
});

describe('ExplanationLinker, by place and name', () => {
  const header = (line: number, column: number | undefined, subject: string, extra: Partial<CompilerMessage> = {}): CompilerMessage => ({
    kind: 'escapes-to-heap', file: './a.go', line, ...(column === undefined ? {} : { column }), package: 'p', message: `${subject} escapes to heap`, subject, explanation: true,
    reasons: [{ message: 'flow: {heap} = x', step: 'flow', to: '{heap}', value: 'x' }], inputLine: 0, ...extra,
  });
  const line = (kind: CompilerMessage['kind'], lineNo: number, column: number | undefined, subject: string, extra: Partial<CompilerMessage> = {}): CompilerMessage => ({
    kind, file: './a.go', line: lineNo, ...(column === undefined ? {} : { column }), package: 'p', message: subject, subject, inputLine: 0, ...extra,
  });

  it('links each -m line to the explanations of its own column and name, qualified parameters and appends included, and drops word-for-word copies', () => {
    const messages = [
      header(3, 2, 'x'), header(3, 9, 'x'), header(3, 2, 'y'), header(3, undefined, 'x'), header(3, 2, 'x'),
      header(3, 2, 'x', { reasons: [{ message: 'flow: {heap} = y', step: 'flow', to: '{heap}', value: 'y' }] }),
      header(4, 5, 'log.b', { kind: 'leaking-param', target: '~r0' }), header(5, 7, 'append(s, v)'),
      line('escapes-to-heap', 3, 9, 'x'), line('escapes-to-heap', 3, 2, 'x'), line('escapes-to-heap', 3, 2, 'y'), line('escapes-to-heap', 3, undefined, 'x'),
      line('leaking-param', 4, 5, 'b', { target: '~r0' }), line('escapes-to-heap', 5, 7, 'append'), line('moved-to-heap', 6, 1, 'z'),
    ].map((d, i) => ({ ...d, inputLine: i + 1 }));
    const linker = new ExplanationLinker<number>();
    const groups = messages.flatMap((d) => [...linker.add(d, d.inputLine)]);
    groups.push(...linker.flush());
    const shown = groups.map((g) => [g.diagnostic.inputLine, g.explanations.map((e) => e.inputLine)]).sort((a, b) => (a[0] as number) - (b[0] as number));
    // Line 15 (no explanation) is complete at once; the others when the package ends. Header 5
    // repeats header 1 word for word; header 6 has other steps, so it stays.
    expect(shown).toEqual([[9, [2]], [10, [1, 6]], [11, [3]], [12, [4]], [13, [7]], [14, [8]], [15, []]]);
    expect(linker.peek(messages[8] as CompilerMessage)).toEqual([]);
  });
});
