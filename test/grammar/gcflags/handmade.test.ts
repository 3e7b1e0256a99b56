/** Hand-made cases (test/fixtures/gcflags): forms the corpus does not have, and broken input. */
import { describe, expect, it } from 'vitest';
import { GcflagsReader, parseGcflags, readGcflags, type CompilerMessage } from '../../../src/grammar/gcflags/index.js';
import { compilerText, handmade } from './helpers.js';

function brief(d: CompilerMessage): string {
  const where = d.line === 0 ? '-' : `${d.file}:${d.line}${d.column === undefined ? '' : `:${d.column}`}`;
  return `${where} ${d.kind} ${d.subject ?? d.message}`;
}

describe('old Go: positions without a column (the seed article, go1.8)', () => {
  const result = parseGcflags(handmade('go1.8-article.m.txt'), 'article');

  it('reads `./main.go:56: can inline subroutine4` and every other line', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.summary).toEqual({
      lines: 25, unrecognized: 0, byKind: { 'can-inline': 1, 'escapes-to-heap': 16, 'does-not-escape': 7 }, packages: 1, explanations: 0, reasonLines: 0,
    });
    expect(result.messages[0]).toEqual({
      kind: 'can-inline', file: './main.go', line: 56, message: 'can inline subroutine4', package: 'command-line-arguments',
      subject: 'subroutine4', function: 'subroutine4', inputLine: 2,
    });
    expect(result.messages.every((d) => d.column === undefined)).toBe(true);
  });

  it('keeps the old `FUNC EXPR does not escape` subject whole', () => {
    expect(result.messages.filter((d) => d.kind === 'does-not-escape').map((d) => d.subject)).toEqual([
      'routine3 make([]byte, 1000)', 'test ... argument', 'test ... argument', 'test ... argument', 'test ... argument', 'test.func1 ... argument', 'subroutine4 buf',
    ]);
    expect(result.messages.find((d) => d.line === 50)).toMatchObject({ kind: 'escapes-to-heap', subject: 'make([]byte, 1000)', inputLine: 24 });
  });
});

describe('Windows paths and CRLF line ends', () => {
  const result = parseGcflags(handmade('windows-crlf.m2.txt'), 'win');

  it('reads drive letters, backslashes, spaces in paths and .\\ paths', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.commands).toEqual(['go build -gcflags=-m=2 .']);
    expect(result.messages.map(brief)).toEqual([
      'C:\\work\\app\\main.go:12:6 can-inline helper',
      'C:\\work\\app\\main.go:20:2 escapes-to-heap counter',
      'C:\\work\\app\\main.go:20:2 moved-to-heap counter',
      '.\\util.go:7:13 leaking-param p',
      'C:\\Users\\John Doe\\go\\pkg\\mod\\example.com\\lib@v1.2.0\\lib.go:33:10 inlining-call lib.Do',
    ]);
  });

  it('strips the \\r from every message and step', () => {
    const header = result.messages[1] as CompilerMessage;
    expect(header.message).toBe('counter escapes to heap');
    expect(header.reasons).toEqual([
      { message: 'flow: {heap} = &counter', step: 'flow', to: '{heap}', value: '&counter' },
      { message: 'from &counter (address-of)', step: 'from', expression: '&counter', note: 'address-of', file: 'C:\\work\\app\\main.go', line: 21, column: 9 },
      { message: 'from global = &counter (assign)', step: 'from', expression: 'global = &counter', note: 'assign', file: 'C:\\work\\app\\main.go', line: 21, column: 9 },
    ]);
    expect(result.messages.some((d) => d.message.includes('\r') || (d.subject ?? '').includes('\r'))).toBe(false);
    expect(result.messages[3]).toMatchObject({ subject: 'p', target: '~r0', level: 0 });
  });
});

describe('broken and unusual input', () => {
  it('a truncated final line: one error at its line:column, the lines before it kept', () => {
    const result = parseGcflags(handmade('truncated.m.txt'), 'cut.txt');
    expect(result.messages.map(brief)).toEqual([
      './main.go:10:6 can-inline small',
      './main.go:12:9 escapes-to-heap &T{...}',
      './main.go:13:2 moved-to-heap v',
      './main.go:14:2 leaking-param da',
      './main.go:15:20 unrecognized make([]byte, n) escap',
    ]);
    expect(result.summary.unrecognized).toBe(1);
    expect(result.diagnostics).toEqual([{
      source: 'cut.txt', line: 6, column: 18, severity: 'error',
      message: 'the input ends in the middle of this line (truncated?): unrecognized line: not a compiler message heapdoc knows: "make([]byte, n) escap"',
      hint: 'the compiler output was cut short; save the whole output again (go build -gcflags=-m … 2>&1 > m.txt)',
      cut: true, // as every grammar marks a line the input ends in the middle of
    }]);
  });

  it('a last line without its newline that still reads is a warning, not an error', () => {
    const result = parseGcflags('# p\n./a.go:1:2: moved to heap: x', 'nonl');
    expect(result.messages.map(brief)).toEqual(['./a.go:1:2 moved-to-heap x']);
    expect(result.diagnostics).toEqual([{
      source: 'nonl', line: 2, column: 1, severity: 'warning', message: 'the input does not end with a newline: its last line may be cut',
      hint: 'the go command ends every line; check that the whole output was saved',
    }]);
  });

  it('compile errors are their own kind, not unrecognized', () => {
    const result = parseGcflags(handmade('compile-error.m.txt'), 'err');
    expect(result.diagnostics).toEqual([{
      // Nothing but errors: the build stopped before escape analysis (audit 45, finding 10).
      source: 'err', line: 2, column: 1, severity: 'error', message: 'the build failed (7 compile errors) and printed no escape analysis: ./main.go:3:2: "fmt" imported and not used',
      hint: 'fix the errors and build again: go build -gcflags=-m ./... 2>&1 | heapdoc escape -',
    }]);
    expect(result.summary.unrecognized).toBe(0);
    expect(result.messages.map((d) => `${d.line}:${d.column} ${d.kind} ${d.message}`)).toEqual([
      '3:2 compile-error "fmt" imported and not used',
      '9:2 compile-error undefined: foo',
      '12:5 compile-error declared and not used: x',
      '14:9 compile-error cannot use s (variable of type string) as int value in return statement',
      '20:1 compile-error missing return',
      '22:12 compile-error syntax error: unexpected newline, expected comma or )',
      '30:2 compile-error too many errors',
    ]);
  });

  it('an unknown line is kept as `unrecognized`, counted, and reported at its input line:column', () => {
    const result = parseGcflags(handmade('unknown-line.m.txt'), 'unknown.txt');
    expect(result.summary.unrecognized).toBe(2);
    expect(result.summary.lines).toBe(6);
    expect(result.messages.filter((d) => d.kind === 'unrecognized')).toEqual([
      { kind: 'unrecognized', file: './main.go', line: 11, column: 2, message: 'this is a message no Go version prints', package: 'example.com/app', inputLine: 3 },
      { kind: 'unrecognized', file: '', line: 0, message: 'mystery text without a position', package: 'example.com/app', inputLine: 5 },
    ]);
    expect(result.diagnostics.map((p) => `${p.line}:${p.column} ${p.severity} ${p.message}`)).toEqual([
      '3:17 warning unrecognized line: not a compiler message heapdoc knows: "this is a message no Go version prints"',
      '5:1 warning unrecognized line: not a compiler message heapdoc knows: "mystery text without a position"',
    ]);
    // The lines around them are read as usual.
    expect(result.messages.map((d) => d.kind)).toEqual(['can-inline', 'unrecognized', 'escapes-to-heap', 'unrecognized', 'moved-to-heap']);
  });

  it('a control character inside a line: that line is unrecognized (lexer error), the rest is read', () => {
    const result = parseGcflags('# p\n./a.go:1:2: moved to heap: x\n./a.go:2:2: bad\rline\n./a.go:3:2: moved to heap: y\n', 'cr');
    expect(result.messages.map(brief)).toEqual(['./a.go:1:2 moved-to-heap x', '- unrecognized ./a.go:2:2: bad\rline', './a.go:3:2 moved-to-heap y']);
    expect(result.diagnostics.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual(['3:16 unexpected character "\\r"']);
  });

  it('a position with no message is one problem on that line', () => {
    const result = parseGcflags('# p\n./a.go:1:2: \n./a.go:3:2: moved to heap: y\n', 'empty-message');
    expect(result.messages.map(brief)).toEqual(['- unrecognized ./a.go:1:2: ', './a.go:3:2 moved-to-heap y']);
    expect(result.diagnostics.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual(['2:13 expected a compiler message in a compiler output line, found the end of the line']);
  });

  it('a line number past 32 bits: the message without position, and a warning at each such line', () => {
    const big = `./a.go:${'9'.repeat(400)}:2: `;
    const result = parseGcflags(`# p\n${big}moved to heap: x\n${big}moved to heap: z\n./a.go:99999999999:2: moved to heap: w\n./a.go:3:2: moved to heap: y\n`, 'big-line');
    expect(result.messages.map(brief)).toEqual(['- moved-to-heap x', '- moved-to-heap z', '- moved-to-heap w', './a.go:3:2 moved-to-heap y']);
    expect(result.diagnostics.map((p) => `${p.line}:${p.column} ${p.severity} ${p.message}`)).toEqual([2, 3].map((line) =>
      `${line}:1 warning a line or column number too large for the compiler to have printed, in "./a.go:${'9'.repeat(50)}…": the message is read with no position`,
    ).concat('4:1 warning a line or column number too large for the compiler to have printed, in "./a.go:99999999999:2:": the message is read with no position'));
  });

  it('old (≤1.12) steps under a plain message, go1.25+ lines without position, generic names, orphan steps', () => {
    const old = parseGcflags(handmade('go1.12-m2.txt'), 'old');
    expect(old.diagnostics).toEqual([]);
    expect(old.messages.map((d) => `${brief(d)} [${(d.reasons ?? []).map((r) => r.note).join(', ')}]`)).toEqual([
      './x.go:8:9 escapes-to-heap &T literal [return]',
      './x.go:12:2 moved-to-heap y []',
      './x.go:13:9 escapes-to-heap &y [assigned to top level variable]',
      './x.go:20:10 leaking-closure-reference z [captured by a closure]',
    ]);

    const gen = parseGcflags(handmade('generics-and-orphans.m2.txt'), 'gen');
    expect(gen.messages.map(brief)).toEqual([
      './gen.go:5:6 cannot-inline Map[go.shape.struct { Name string "json:\\"name: x\\"" }]',
      './gen.go:9:6 cannot-inline walk',
      './gen.go:11:2 orphan-reason flow: {heap} ← &v',
      './gen.go:14:7 leaking-param-content s',
      './gen.go:20:13 escapes-to-heap "a: b"',
      './gen.go:20:13 escapes-to-heap "a: b"',
      '<autogenerated>:1 inlining-call (*T).String',
      '- moved-to-heap #next',
      '- go-command go: downloading example.com/dep v1.0.0',
    ]);
    expect(gen.messages[1]).toMatchObject({ function: 'visit', detail: 'repeated recursive cycle' });
    expect(gen.messages[2]?.reasons).toHaveLength(2);
    expect(gen.messages[3]).toMatchObject({ explanation: true, target: '{storage for &T{...}}', function: 'Map[go.shape.int]', level: 1 });
    expect(gen.messages[3]?.reasons?.map((r) => r.step)).toEqual(['flow', 'from', 'warning']);
    expect(gen.messages[3]?.reasons?.[2]?.message).toBe('warning: truncated explanation due to assignment cycle; see golang.org/issue/35518');
    expect(gen.messages[4]).toMatchObject({ explanation: true, function: 'Map[go.shape.struct { Name string "json:\\"name: x\\"" }]' });
    expect(gen.messages[0]?.package).toBe('example.com/gen [example.com/gen.test]');
    expect(gen.diagnostics.map((p) => `${p.line}:${p.column} ${p.severity}`)).toEqual(['5:16 warning']);
  });

  it('empty input and input with no compiler line at all are errors', () => {
    expect(parseGcflags('', 'e').diagnostics.map((p) => `${p.severity} ${p.message}`)).toEqual(['error no compiler output here: the input is empty']);
    expect(parseGcflags('\n\n  \n', 'e').diagnostics.map((p) => `${p.severity} ${p.message}`)).toEqual(['error no compiler output here: the input is empty']);
    const prose = parseGcflags('hello\nworld\n', 'p');
    expect(prose.summary.unrecognized).toBe(2);
    expect(prose.diagnostics.filter((p) => p.severity === 'error').map((p) => p.message)).toEqual([
      "no compiler -m output here: no line is a '# package' header or a compiler message",
    ]);
  });

  it('a BOM is not part of the first line', () => {
    const result = parseGcflags('\uFEFF# p\n./a.go:1:2: moved to heap: x\n', 'bom');
    expect(result.diagnostics).toEqual([]);
    expect(result.messages[0]).toMatchObject({ package: 'p', subject: 'x' });
  });
});

describe('streaming', () => {
  const text = compilerText('go1.23', 'encoding_json.gcflags-m2.txt');
  const whole = parseGcflags(text, 'json');

  it('gives the same result for any chunking, explanations across chunk boundaries included', () => {
    for (const chunkChars of [64, 1000, 4096]) {
      const reader = new GcflagsReader('json', { chunkChars });
      for (let i = 0; i < text.length; i += 777) reader.push(text.slice(i, i + 777));
      const result = reader.end();
      expect(result.summary).toEqual(whole.summary);
      expect(result.messages).toEqual(whole.messages);
    }
  });

  it('readGcflags reads an async stream', async () => {
    async function* pieces(): AsyncGenerator<string> {
      for (let i = 0; i < text.length; i += 10_000) yield text.slice(i, i + 10_000);
    }
    const result = await readGcflags(pieces(), 'json');
    expect(result.messages).toEqual(whole.messages);
  });

  it('onMessage sees every diagnostic in input order; keep: false keeps none, a predicate keeps its choice', () => {
    const seen: number[] = [];
    const none = parseGcflags(text, 'json', { keep: false, onMessage: (d) => seen.push(d.inputLine) });
    expect(none.messages).toEqual([]);
    expect(none.summary).toEqual(whole.summary);
    expect(seen).toEqual(whole.messages.map((d) => d.inputLine));
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    const moved = parseGcflags(text, 'json', { keep: (d) => d.kind === 'moved-to-heap' });
    expect(moved.messages.map((d) => `${d.file}:${d.line}:${d.column} ${d.subject}`)).toEqual([
      'encoding/json/encode.go:353:3 wg',
      'encoding/json/encode.go:354:3 f',
      'encoding/json/decode.go:101:6 d',
      'encoding/json/fold.go:16:6 arr',
      'encoding/json/stream.go:436:9 x',
      'encoding/json/stream.go:453:8 x',
    ]);
  });
});
