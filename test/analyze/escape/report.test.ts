/** The escape reports: text at 80 columns, control characters stripped, JSON per the contract. */
import { describe, expect, it } from 'vitest';
import { EscapeAnalyzer, type DiagnosticInfo, type EscapeAnalysis } from '../../../src/analyze/escape/index.js';
import { colors } from '../../../src/text/color.js';
import { parseGcflags, type CompilerMessage } from '../../../src/grammar/gcflags/index.js';
import { EscapeJsonStream } from '../../../src/report/escape/json.js';
import { escapeTerminalControls } from '../../../src/text/json.js';
import { renderEscapeText } from '../../../src/report/escape/text.js';
import { compilerText } from '../../grammar/gcflags/helpers.js';

function run(text: string, source: string, json?: EscapeJsonStream, limit?: number, written?: (d: CompilerMessage, info: DiagnosticInfo) => void): EscapeAnalysis {
  const analyzer = new EscapeAnalyzer(limit === undefined ? {} : { limit });
  const read = parseGcflags(text, source, {
    keep: false,
    onMessage: (d) => {
      const info = analyzer.add(d);
      if (json && info.matches) {
        json.message(d, info);
        written?.(d, info);
      }
    },
  });
  const analysis = analyzer.finish(read, source);
  json?.end(analysis);
  return analysis;
}

/** A message's keys in the contract's order, and a reason's (docs/contract.md). */
const MESSAGE_KEYS = ['kind', 'file', 'line', 'column', 'package', 'message', 'reasons', 'explanation', 'subject', 'function', 'inlinedFrom', 'cause', 'target', 'level', 'detail', 'cost', 'inputLine'];
const REASON_KEYS = ['message', 'file', 'line', 'column', 'step', 'to', 'value', 'expression', 'note'];

function inOrder(from: object, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, (from as Record<string, unknown>)[key]]));
}

/** A message's line in the JSON report as JSON.stringify writes it (undefined fields left out). */
/** JSON.stringify's text of the message, DEL and the C1 controls escaped as every heapdoc JSON has them. */
function stringified(d: CompilerMessage, info?: DiagnosticInfo): string {
  return escapeTerminalControls(JSON.stringify(inOrder({
    ...d, reasons: d.reasons?.length ? d.reasons.map((r) => inOrder(r, REASON_KEYS)) : undefined, explanation: d.explanation || undefined,
    function: info?.function ?? d.function, inlinedFrom: info?.inlinedFrom, cause: info?.cause,
  }, MESSAGE_KEYS)));
}

/** The message lines of a streamed JSON report (between the header line and the summary). */
function messageLines(body: string, count: number): string[] {
  return body.split('\n').slice(1, 1 + count).map((l) => l.replace(/,$/, ''));
}

/** A cause row: id and label on the left, the count right-aligned at column 78. */
function row(id: string, label: string, n: number): string {
  return `  ${`${id.padEnd(21)}${label}`.padEnd(68)}${String(n).padStart(8)}`;
}

describe('text report', () => {
  const text = renderEscapeText(run(compilerText('go1.23', 'seed.gcflags-m2.txt'), 'seed.gcflags-m2.txt'));
  const lines = text.split('\n');

  it('fits in 80 columns', () => {
    expect(lines.filter((l) => l.length > 80)).toEqual([]);
  });

  it('starts with what was read, then the heap values by cause', () => {
    expect(lines.slice(0, 11)).toEqual([
      'heapdoc escape · seed.gcflags-m2.txt',
      'go build -gcflags=-m=2 .',
      '244 lines · 1 package · 25 -m=2 explanations · 0 unrecognized',
      '',
      'Heap values: 16 (0 moved to the heap, 16 escape to the heap)',
      '',
      'Heap values by cause',
      row('interface-conversion', 'converted to an interface', 10),
      row('goroutine', 'handed to a goroutine (go statement)', 3),
      row('closure', 'a closure, or captured by one', 2),
      row('call-argument', 'passed to a call that keeps it', 1),
    ]);
  });

  it('renders each heap value with its place, function, cause and chain, wrapped', () => {
    const at = lines.indexOf('  main.go:29:32  routine4  [goroutine]');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at, at + 4)).toEqual([
      '  main.go:29:32  routine4  [goroutine]',
      '    make([]byte, 1000) escapes: assigned to hello at main.go:29:25 → assigned to',
      '      .autotmp_1 at main.go:29:48 → captured by a closure at main.go:29:48 → the',
      '      closure is on the heap',
    ]);
    expect(text).toContain('Leaking parameters (7)\n');
    expect(text).toContain('\nPackages                                                  messages   heap  leaks\n  seed                                                          96     16      7\n');
  });

  it('says when it only has plain -m, and how to get the reasons', () => {
    const plain = renderEscapeText(run(compilerText('go1.23', 'seed.gcflags-m.txt'), 'm.txt'));
    expect(plain).toContain('  Plain -m output says that a value escapes, not why: rebuild with -gcflags=-m=2\n  for the reasons.');
    expect(plain).toContain('  unknown              no reason given (plain -m: rebuild with -m=2)');
  });

  it('lists at most --limit findings per section and says how many more', () => {
    const limited = renderEscapeText(run(compilerText('go1.23', 'seed.gcflags-m2.txt'), 'seed', undefined, 2), { limit: 2 });
    expect(limited).toContain('  … 14 more (--limit 0 lists all)');
  });

  it('strips control characters from the input before printing', () => {
    const hostile = '# evil\x1b[2J\n./a.go:1:2: x\x1b]0;title\x07 escapes to heap\n./a.go:2:2: moved to heap: y\x1b[31m\n';
    const out = renderEscapeText(run(hostile, 'evil\x1b[1m.txt'));
    expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(out).toContain('heapdoc escape · evil?[1m.txt');
    expect(out).toContain('x?]0;title? escapes');
  });

  it('colours only through the given palette', () => {
    const coloured = renderEscapeText(run(compilerText('go1.23', 'seed.gcflags-m.txt'), 'm.txt'), { color: colors(true) });
    expect(coloured).toContain('\x1b[1mHeap values: 15\x1b[22m');
    expect(renderEscapeText(run(compilerText('go1.23', 'seed.gcflags-m.txt'), 'm.txt'))).not.toContain('\x1b[');
  });
});

describe('JSON report', () => {
  it('has the contract shape: schemaVersion, source, summary {lines, unrecognized, byKind}, diagnostics', () => {
    const stream = new EscapeJsonStream('seed.gcflags-m2.txt');
    run(compilerText('go1.23', 'seed.gcflags-m2.txt'), 'seed.gcflags-m2.txt', stream);
    const doc = JSON.parse(stream.take()) as {
      schemaVersion: number; source: string; summary: { lines: number; unrecognized: number; byKind: Record<string, number> };
      diagnostics: { kind: string; file: string; line: number; column?: number; package?: string; message: string; reasons?: { message: string; file?: string; line?: number; column?: number }[]; cause?: string; function?: string }[];
      commands: string[]; problems: unknown[];
    };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.source).toBe('seed.gcflags-m2.txt');
    expect(doc.summary).toEqual({
      lines: 244, unrecognized: 0, packages: 1, explanations: 25,
      byKind: { 'can-inline': 5, 'cannot-inline': 9, 'inlining-call': 31, 'does-not-escape': 18, 'escapes-to-heap': 31, capturing: 10, 'leaking-param': 16 },
    });
    expect(doc.diagnostics).toHaveLength(120);
    expect(doc.commands).toEqual(['go build -gcflags=-m=2 .']);
    expect(doc.problems).toEqual([]);
    const header = doc.diagnostics.find((d) => d.message === 'make([]byte, 1000) escapes to heap' && d.reasons);
    expect(header).toMatchObject({ kind: 'escapes-to-heap', file: './main.go', line: 29, column: 32, package: 'seed', cause: 'goroutine', function: 'routine4' });
    expect(header?.reasons?.[2]).toEqual({ message: 'from hello := make([]byte, 1000) (assign)', file: './main.go', line: 29, column: 25, step: 'from', expression: 'hello := make([]byte, 1000)', note: 'assign' });
    const line = doc.diagnostics.find((d) => d.message === 'make([]byte, 1000) escapes to heap' && !d.reasons);
    expect(line).toMatchObject({ kind: 'escapes-to-heap', cause: 'goroutine' });
    expect(Object.keys(doc.diagnostics[0] ?? {}).slice(0, 6)).toEqual(['kind', 'file', 'line', 'column', 'package', 'message']);
  });

  it('schema 2 writes the messages under `messages`, schema 1 under `diagnostics` (deprecated)', () => {
    const text = '# p\n./a.go:1:2: moved to heap: x\n';
    const docs = ([1, 2] as const).map((version) => {
      const stream = new EscapeJsonStream('x', version);
      run(text, 'x', stream);
      return JSON.parse(stream.take()) as Record<string, unknown>;
    });
    const message = { kind: 'moved-to-heap', file: './a.go', line: 1, column: 2, package: 'p', message: 'moved to heap: x', subject: 'x', cause: 'unknown', inputLine: 2 };
    expect([docs[0]?.schemaVersion, docs[0]?.diagnostics, docs[0]?.messages]).toEqual([1, [message], undefined]);
    expect([docs[1]?.schemaVersion, docs[1]?.messages, docs[1]?.diagnostics]).toEqual([2, [message], undefined]);
  });

  it('strings are escaped as JSON.stringify escapes them (quotes, backslashes, control characters, surrogates)', () => {
    const stream = new EscapeJsonStream('x');
    // A tab, a quote, a backslash, a character outside the BMP, and a lone surrogate.
    const subjects = ['"quoted"\ttab', 'C:\\dir\\x', 'emoji \u{1F600}', 'lone \ud800 half', 'plain'];
    const text = `# p "q"\n${subjects.map((s, i) => `./a"b.go:${i + 1}:2: moved to heap: ${s}`).join('\n')}\n`;
    run(text, 'x', stream);
    const body = stream.take();
    const lines = messageLines(body, subjects.length);
    expect(lines).toEqual(subjects.map((s, i) => JSON.stringify({ kind: 'moved-to-heap', file: './a"b.go', line: i + 1, column: 2, package: 'p "q"',
      message: `moved to heap: ${s}`, subject: s, cause: 'unknown', inputLine: i + 2 })));
    expect(lines[3]).toContain('lone \\ud800 half');
  });

  it('each message is written as JSON.stringify writes its fields, keys in the contract order', () => {
    // Every field (encoding/json at -m=2), and one escape of each class alone in files and packages
    // that change back and forth (the writer quotes the file and package of the message before once).
    const handmade = ['# p\tq', './a"b.go:1:2: moved to heap: tab\tonly', './a"b.go:2:2: moved to heap: quote"only', '# r', './c.go:3:2: moved to heap: back\\slash',
      './c.go:4:2: moved to heap: control\x01only', '# p\tq', './a"b.go:5:2: moved to heap: lone\udc00only', './c.go:6:2: moved to heap: plain', ''].join('\n');
    for (const [text, source] of [[compilerText('go1.23', 'encoding_json.gcflags-m2.txt'), 'json'], [handmade, 'handmade']] as const) {
      const stream = new EscapeJsonStream(source);
      const expected: string[] = [];
      run(text, source, stream, undefined, (d, info) => expected.push(stringified(d, info)));
      expect(messageLines(stream.take(), expected.length)).toEqual(expected);
    }
    // Numbers the grammar never gives, written as JSON.stringify writes them: -0 as 0, NaN and ±Infinity as null.
    const stream = new EscapeJsonStream('numbers');
    const odd: CompilerMessage = { kind: 'can-inline', file: '', line: Number.NaN, column: -0, message: '', level: Number.POSITIVE_INFINITY, cost: Number.NEGATIVE_INFINITY, inputLine: 1.5 };
    stream.message(odd);
    expect(messageLines(stream.take(), 1)).toEqual([stringified(odd)]);
  });

  it('taken piece by piece (the chunk written over after each take), the text is the same as taken whole', () => {
    const text = compilerText('go1.23', 'encoding_json.gcflags-m2.txt');
    const whole = new EscapeJsonStream('json');
    run(text, 'json', whole);
    const pieces = new EscapeJsonStream('json');
    const parts: string[] = [];
    run(text, 'json', pieces, undefined, () => parts.push(pieces.take()));
    parts.push(pieces.take());
    expect(parts.join('')).toBe(whole.take());
  });

  it('the byte writer on its edges writes what JSON.stringify writes (DEL and C1 escaped): every UTF-8 length, U+2028/9, surrogates, a string past the chunk, the chunk filled exactly', () => {
    // Strings the grammar rarely gives: each escape JSON.stringify makes, each UTF-8 length, lone
    // surrogates at either end and in the wrong order, a string longer than the 64 KiB chunk.
    const edges = ['\b\f\r\n\t\x00\x1f\x7f\x80\x9b\x9f\xa0', 'é\u07ff\u0800\uffff', 'sep\u2028ara\u2029tors', '\u{1F600}\u{10FFFF}', '\ud800', 'end\udbff', '\udfffstart',
      '\ud800\ud800\udc00', '\udc00\ud800', 'x'.repeat(70_000), `${'\u00e9'.repeat(40_000)}\ud83d`];
    // A file and a package not ASCII, their bytes cached across takes and kinds of different lengths.
    const message = (i: number, text: string): CompilerMessage => ({ kind: i % 2 === 0 ? 'moved-to-heap' : 'escapes-to-heap', file: './\u00fc\u2028.go', line: i + 1, column: 2,
      package: 'p\ud800\u{1F600}', message: text, subject: 'v', inputLine: i + 1 });
    const write = (stream: EscapeJsonStream, messages: CompilerMessage[], taken?: string[]): string => {
      for (const d of messages) {
        stream.message(d);
        taken?.push(stream.take());
      }
      return (taken ?? []).join('') + stream.take();
    };
    const messages = edges.map((text, i) => message(i, text));
    const expected = messages.map((d) => stringified(d));
    expect(messageLines(write(new EscapeJsonStream('x'), messages), expected.length)).toEqual(expected);
    expect(messageLines(write(new EscapeJsonStream('x'), messages, []), expected.length)).toEqual(expected);
    // A message that ends a few bytes short of, at, or past the end of the first chunk, then one
    // that starts there (two and four byte characters, a lone surrogate).
    const empty = new EscapeJsonStream('x');
    empty.message(message(0, ''));
    for (let short = -8; short <= 8; short++) {
      const pair = [message(0, 'a'.repeat((1 << 16) - short - empty.pendingLength)), message(1, '\u00e9\u{1F600}\udc00 after')];
      const probe = new EscapeJsonStream('x');
      probe.message(pair[0] as CompilerMessage);
      expect([probe.pendingLength + short, messageLines(write(new EscapeJsonStream('x'), pair), 2)]).toEqual([1 << 16, pair.map((d) => stringified(d))]);
    }
  });

  it('strings long enough for the native encoder (40 characters and more) are written as JSON.stringify writes them, escapes or not', () => {
    // At the threshold and around it: ASCII, two- and three-byte characters, a character outside the
    // BMP, and each thing the native encoder must not be given (quote, backslash, control, lone surrogate).
    const tails = ['', '\u00e9', '\u2190', '\u{1F600}', '"', '\\', '\t', '\x7f', '\x9b', '\ud800', '\udc00'];
    const texts: string[] = [];
    for (const length of [39, 40, 41, 200]) for (const tail of tails) texts.push(`${'x'.repeat(length - tail.length)}${tail}`, `${tail}${'y'.repeat(length)}`);
    const messages = texts.map((text, i): CompilerMessage => ({
      kind: 'escapes-to-heap', file: `./${text}.go`, line: i + 1, column: 2, package: text, message: text, subject: text, explanation: true,
      reasons: [{ message: text, file: text, line: 1, column: 2, step: 'from', expression: text, note: text }, { message: text, step: 'flow', to: text, value: text }],
      inputLine: i + 1,
    }));
    const stream = new EscapeJsonStream('x');
    const infos = messages.map((d, i): DiagnosticInfo => ({ matches: true, function: texts[i], inlinedFrom: texts[i], cause: i % 2 === 0 ? 'closure' : 'unknown' }));
    messages.forEach((d, i) => stream.message(d, infos[i]));
    expect(messageLines(stream.take(), messages.length)).toEqual(messages.map((d, i) => stringified(d, infos[i])));
  });

  it('a line with no position has file "" and line 0', () => {
    const stream = new EscapeJsonStream('x');
    run('# p\nmoved to heap: #next\n', 'x', stream);
    const doc = JSON.parse(stream.take()) as { diagnostics: unknown[] };
    expect(doc.diagnostics).toEqual([{ kind: 'moved-to-heap', file: '', line: 0, package: 'p', message: 'moved to heap: #next', subject: '#next', cause: 'unknown', inputLine: 2 }]);
  });
});
