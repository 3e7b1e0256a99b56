/**
 * The names go1.22+ gives closures (docs/escape.md, "Packages, files, functions"), on the real
 * go1.26-devel output of the corpus: a closure nested in a closure (`sync.OnceValue[…].func1.1`,
 * as go1.19's `main.func1.1`), a go/defer wrapper in a closure (`serve.func1.deferwrap1`), and a
 * range-over-func loop's body (`parseRange-range1`, go1.23+), which is declared at its `for` and
 * whose nested loops' bodies are named after the function around them (`parsePlusBuildExpr-range2`).
 */
import { describe, expect, it } from 'vitest';
import { EscapeAnalyzer } from '../../../src/analyze/escape/index.js';
import { closureParent, isRangeBody } from '../../../src/analyze/escape/names.js';
import { parseGcflags } from '../../../src/grammar/gcflags/index.js';
import { readFixture } from '../../helpers/fixtures.js';

const GO126 = 'corpus/go1.26-devel/compiler';

/** `inputLine line:column message | function` of the messages of `file:line` asked, by `file:line` (each input read once). */
const read = new Map<string, Map<string, string[]>>();

function placed(fixture: string, file: string, lines: readonly number[]): string[] {
  let byLine = read.get(fixture);
  if (byLine === undefined) {
    byLine = new Map();
    read.set(fixture, byLine);
    const analyzer = new EscapeAnalyzer();
    const into = byLine;
    const result = parseGcflags(readFixture(fixture), fixture, {
      keep: false,
      onMessage: (d) => {
        const info = analyzer.add(d);
        if (d.explanation === true || !WANTED.has(`${d.file}:${d.line}`)) return;
        const key = `${d.file}:${d.line}`;
        into.set(key, [...(into.get(key) ?? []), `${d.inputLine} ${d.line}:${d.column ?? ''} ${d.message} | ${info.function ?? '-'}${info.closureAt ? ` (closure at ${info.closureAt.column})` : ''}`]);
      },
      onPackage: () => analyzer.packageHeader(),
    });
    expect(result.diagnostics).toEqual([]);
  }
  const found = byLine;
  return lines.flatMap((line) => found.get(`${file}:${line}`) ?? []).sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
}

/** The lines the tests below look at. */
const WANTED = new Set(['./sync/oncefunc.go:58', './sync/oncefunc.go:59', './main.go:71', './main.go:72', 'net/http/fs.go:1025', 'testing/testing.go:2826',
  'internal/testenv/testenv.go:492', 'reflect/value.go:3278']);

describe('closureParent and isRangeBody on go1.26-devel names', () => {
  it('gives the function a closure\'s name says encloses it', () => {
    const names = [
      'parseRange-range1', // net/http/fs.go:1025:2
      'parsePlusBuildExpr-range2', // go/build/constraint/expr.go:411:3, in the loop of -range1 at 409:2
      'Stack.String.printStack-range1', // a range body inlined with printStack
      'serve.func1.deferwrap1', // seed: main.go:71:3
      '(*F).Fuzz.func1.gowrap1',
      'sync.OnceValue[go.shape.func(*encoding/json.encodeState, reflect.Value, encoding/json.encOpts)].func1.1.1', // sync/oncefunc.go:59:10
      'wrap.wrap.func5.func6', // go/doc/comment/text.go:281:40, wrap.func5.1 inlined in wrap
      'init.0',
    ];
    expect(names.map((n) => `${closureParent(n) ?? '-'} ${isRangeBody(n)}`)).toEqual([
      'parseRange true',
      'parsePlusBuildExpr true',
      'Stack.String.printStack true',
      'serve.func1 false',
      '(*F).Fuzz.func1 false',
      'sync.OnceValue[go.shape.func(*encoding/json.encodeState, reflect.Value, encoding/json.encOpts)].func1.1 false',
      'wrap.wrap.func5 false',
      '- false',
    ]);
  });
});

describe('go1.26-devel -m=2: nested closures and wrappers are placed as go1.19\'s main.func1.1', () => {
  it('encoding/json\'s sync.OnceValue: the func literal at 58:13 is func1\'s, the one at 59:10 func1.1\'s', () => {
    const lines = placed(`${GO126}/encoding_json.gcflags-m2.txt`, './sync/oncefunc.go', [58, 59]).map((l) => l.replace(/\[go\.shape[^\]]*\]/g, '[S]'));
    expect(lines).toEqual([
      '108 58:13 cannot inline sync.OnceValue[S].func1.1: unhandled op DEFER | sync.OnceValue[S].func1.1',
      '109 59:10 cannot inline sync.OnceValue[S].func1.1.1: call to recover | sync.OnceValue[S].func1.1.1',
      '586 58:12 inlining call to sync.(*Once).Do | sync.OnceValue[S].func1',
      '587 58:12 inlining call to atomic.(*Bool).Load | sync.OnceValue[S].func1',
      '3752 58:13 func literal does not escape | sync.OnceValue[S].func1',
      '3753 59:10 func literal does not escape | sync.OnceValue[S].func1.1',
      '3756 59:10 func literal does not escape | sync.OnceValue[S].func1.1',
      '6024 58:13 func literal does not escape | sync.OnceValue[S].func1',
      '6025 59:10 func literal does not escape | sync.OnceValue[S].func1.1',
      '6051 58:13 func literal does not escape | sync.OnceValue[S].func1',
      '6052 59:10 func literal does not escape | sync.OnceValue[S].func1.1',
    ]);
  });

  it('seed: serve.func1.deferwrap1 (71:3) ends with its line, serve.func1 goes on (phaseName at 72:17)', () => {
    expect(placed(`${GO126}/seed.gcflags-m2.txt`, './main.go', [71, 72])).toEqual([
      '11 71:3 can inline serve.func1.deferwrap1 with cost 76 as: func() { (*sync.Mutex).Unlock(.autotmp_2) } | serve.func1.deferwrap1',
      '37 71:23 inlining call to sync.(*Mutex).Unlock | serve.func1.deferwrap1',
      '38 71:23 inlining call to sync.(*Mutex).Unlock | serve.func1.deferwrap1',
      '119 71:16 serve.func1 capturing by value: .autotmp_2 (addr=false assign=false width=8) | serve.func1',
      '133 72:13 ... argument does not escape | serve.func1',
      '134 72:17 phaseName escapes to heap | serve.func1',
    ]);
  });
});

describe('go1.26-devel plain -m: a range-over-func loop\'s body is declared at its `for`', () => {
  it('net/http parseRange-range1 (fs.go:1025:2): its loop variable ra is its own, the range expression parseRange\'s', () => {
    expect(placed(`${GO126}/net_http.gcflags-m.txt`, 'net/http/fs.go', [1025])).toEqual([
      '367 1025:2 can inline parseRange-range1 | parseRange-range1',
      '2598 1025:34 inlining call to strings.SplitSeq | parseRange',
      '2600 1025:34 inlining call to strings.splitSeq | parseRange',
      '2617 1025:2 inlining call to parseRange.SplitSeq.splitSeq.func1 | parseRange',
      '2618 1025:2 inlining call to utf8.DecodeRuneInString | parseRange',
      '2619 1025:2 inlining call to strings.Index | parseRange',
      '6252 1025:6 ra does not escape | parseRange-range1',
      '6255 1025:2 func literal does not escape | parseRange',
      '6262 1025:34 func literal does not escape | parseRange',
    ]);
  });

  it('std: parseCpuList-range1 (testing.go:2826:2) and WriteImportcfg-range1 (testenv.go:492:3) leak their loop variables; string(out) is WriteImportcfg\'s', () => {
    const std = `${GO126}/std.gcflags-all-m.txt.gz`;
    expect(placed(std, 'testing/testing.go', [2826]).filter((l) => !l.includes('inlining call'))).toEqual([
      '64338 2826:2 can inline parseCpuList-range1 | parseCpuList-range1',
      '66414 2826:6 leaking param: val | parseCpuList-range1',
      '66416 2826:2 func literal does not escape | parseCpuList',
      '66420 2826:35 func literal does not escape | parseCpuList',
    ]);
    expect(placed(std, 'internal/testenv/testenv.go', [492]).filter((l) => !l.includes('inlining call'))).toEqual([
      '67001 492:3 can inline WriteImportcfg-range1 | WriteImportcfg-range1',
      '67579 492:7 leaking param: line | WriteImportcfg-range1',
      '67589 492:3 func literal does not escape | WriteImportcfg',
      '67595 492:45 string(out) escapes to heap | WriteImportcfg',
      '67596 492:37 func literal does not escape | WriteImportcfg',
    ]);
  });

  it('reflect Value.Comparable-range1 (value.go:3278:3): the loop\'s #state1 moved to the heap is Value.Comparable\'s', () => {
    expect(placed(`${GO126}/std.gcflags-all-m.txt.gz`, 'reflect/value.go', [3278]).filter((l) => !l.includes('inlining call'))).toEqual([
      '25375 3278:3 can inline Value.Comparable-range1 | Value.Comparable-range1',
      '29477 3278:10 leaking param: value | Value.Comparable-range1',
      '29480 3278:3 moved to heap: #state1 | Value.Comparable',
      '29482 3278:3 func literal escapes to heap | Value.Comparable',
    ]);
  });
});
