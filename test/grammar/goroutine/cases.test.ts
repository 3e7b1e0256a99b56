/**
 * Hand-made count profiles: the forms a real one takes after copy/paste, editing or truncation,
 * and the exact diagnostic (line:column) for each kind of damage.
 */
import { describe, expect, it } from 'vitest';
import { GoroutineProfileReader, parseGoroutineProfile } from '../../../src/grammar/goroutine/index.js';
import { readCorpus } from '../../helpers/fixtures.js';

const SMALL = [
  'goroutine profile: total 5',
  '3 @ 0x43bbce 0x4081ed 0x675bdc 0x46d8c1',
  '#\t0x675bdb\tmain.waitForReply+0x3b\t/src/leak/main.go:68',
  '',
  '2 @ 0x43bbce 0x4074a5 0x6761eb 0x46d8c1',
  '# labels: {"handler":"fetch", "route":"/a \\"b\\""}',
  '#\t0x6761ea\tmain.fetchWithTimeout.func1+0x6a\t/src/leak/main.go:92',
  '#\t0x6761ff',
  '#\t0x676200\tmain.G[go.shape.struct { a int }]+0x1f\t\tC:/work/src/main.go:12',
  '',
].join('\n');

function messages(text: string): string[] {
  return parseGoroutineProfile(text, 't').diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);
}

describe('valid forms', () => {
  it('reads every part of a small profile with positions', () => {
    const { profile, diagnostics } = parseGoroutineProfile(SMALL);
    expect(diagnostics).toEqual([]);
    expect(profile.header).toEqual({ name: 'goroutine', total: 5, position: { line: 1, column: 1 } });
    expect(profile.records.map((r) => [r.count, r.pcs.length, r.labels, r.position])).toEqual([
      [3, 4, undefined, { line: 2, column: 1 }],
      [2, 4, { handler: 'fetch', route: '/a "b"' }, { line: 5, column: 1 }],
    ]);
    expect(profile.records[1]?.frames).toEqual([
      { address: '0x6761ea', function: 'main.fetchWithTimeout.func1', offset: '0x6a', file: '/src/leak/main.go', line: 92, position: { line: 7, column: 1 } },
      { address: '0x6761ff', function: undefined, offset: undefined, file: undefined, line: undefined, position: { line: 8, column: 1 } },
      { address: '0x676200', function: 'main.G[go.shape.struct { a int }]', offset: '0x1f', file: 'C:/work/src/main.go', line: 12, position: { line: 9, column: 1 } },
    ]);
    expect(profile.lineCount).toBe(9);
  });

  it('reads CRLF line ends, a BOM and a missing final newline the same way', () => {
    const plain = parseGoroutineProfile(SMALL);
    for (const text of ['\uFEFF' + SMALL, SMALL.replace(/\n/g, '\r\n'), SMALL.trimEnd()]) {
      const { profile, diagnostics } = parseGoroutineProfile(text);
      expect(diagnostics).toEqual([]);
      expect(profile.records).toEqual(plain.profile.records);
    }
  });

  it('reads a real profile the same in CRLF form and in chunks of any size', () => {
    const text = readCorpus('go1.23/leak/snap5.goroutine-debug1.txt');
    const plain = parseGoroutineProfile(text).profile;
    expect(parseGoroutineProfile(text.replace(/\n/g, '\r\n')).profile.records).toEqual(plain.records);
    for (const size of [7, 64, 1000]) {
      const reader = new GoroutineProfileReader('t', 256);
      for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size));
      const { profile, diagnostics } = reader.end();
      expect(diagnostics).toEqual([]);
      expect(profile.records).toEqual(plain.records);
    }
  });

  it('reads a fine-token frame line the coarse token does not match (a symbol without file)', () => {
    const { profile, diagnostics } = parseGoroutineProfile('goroutine profile: total 1\n1 @ 0x1\n#\t0x1\tmain.f+0x1\n');
    expect(diagnostics).toEqual([]);
    expect(profile.records[0]?.frames.map((f) => [f.function, f.file])).toEqual([['main.f', undefined]]);
  });
});

describe('damaged input: one diagnostic per bad line, at its exact line:column', () => {
  it('a bad PC in a record line', () => {
    expect(messages(SMALL.replace('2 @ 0x43bbce 0x4074a5', '2 @ 0x43bbce zz'))).toEqual([
      '5:14 error unexpected characters "zz"',
    ]);
  });

  it('a frame line with junk instead of a file:line', () => {
    expect(messages(SMALL.replace('\t/src/leak/main.go:68', '\t/src/leak/main.go'))).toEqual([
      '3:35 error expected the end of the line in a frame line, found "/src/leak/main.go"',
    ]);
  });

  it('a label set that is not closed: the record keeps its frames', () => {
    expect(messages(SMALL.replace('# labels: {"handler":"fetch", "route":"/a \\"b\\""}', '# labels: {"handler":"fetch'))).toEqual([
      '6:11 error unexpected characters "{\\"handler\\":\\"fetch"',
    ]);
  });

  it('a label set with a bad escape: the column of the escape', () => {
    expect(messages(SMALL.replace('"/a \\"b\\""', '"/a \\qb"'))).toEqual([
      "6:43 error an unknown escape '\\q' in a quoted label, in the labels",
    ]);
  });

  it('a labels line that does not follow a record line', () => {
    expect(messages(SMALL.replace('main.go:68\n', 'main.go:68\n# labels: {"a":"b"}\n'))).toEqual([
      "4:1 error a '# labels:' line that does not follow a record line",
    ]);
  });

  it('frame lines after a bad record line are dropped quietly; a stray one is reported', () => {
    expect(messages(SMALL.replace('3 @ 0x43bbce', '3 @ 0x43bbce,'))).toEqual(['2:13 error unexpected character ","']);
    expect(messages(SMALL.replace('2 @ 0x43bbce 0x4074a5 0x6761eb 0x46d8c1\n# labels: {"handler":"fetch", "route":"/a \\"b\\""}\n', '')))
      .toEqual([
        '1:1 error the header says total 5 but the records count 3 goroutines: records are missing (the dump was cut short or edited)',
        '5:1 error a frame line outside a record',
      ]);
  });

  it('a record that repeats the stack and labels of one above is added to it, with one warning (memory follows distinct stacks)', () => {
    const repeat = '3 @ 0x43bbce 0x4081ed 0x675bdc 0x46d8c1\n#\t0x675bdb\tmain.waitForReply+0x3b\t/src/leak/main.go:68\n\n';
    const text = SMALL.replace('total 5', 'total 11') + repeat + repeat;
    const { profile } = parseGoroutineProfile(text);
    expect(profile.records.map((r) => [r.count, r.position.line])).toEqual([[6 + 3, 2], [2, 5]]);
    expect(profile.recordTotal).toBe(11);
    expect(messages(text)).toEqual(['10:1 warning 2 records repeat the stack and labels of a record above: the runtime prints each once, so their goroutines were added to the first']);
    // The same stack with other labels is another record.
    const labelled = SMALL.replace('total 5', 'total 8') + repeat.replace('\n#', '\n# labels: {"a":"b"}\n#');
    expect(parseGoroutineProfile(labelled).profile.records).toHaveLength(3);
    expect(messages(labelled)).toEqual([]);
  });

  it('a total that does not match the records', () => {
    expect(messages(SMALL.replace('total 5', 'total 4'))).toEqual([
      '1:1 error the header says total 4 but the records count 5 goroutines (was the file edited or were two dumps joined?)',
    ]);
  });

  it('profiles concatenated: one profile per header, each total checked against its own records', () => {
    const second = SMALL.replace('total 5', 'total 4').replace('3 @', '2 @');
    const { profile, profiles, diagnostics } = parseGoroutineProfile(SMALL + second, 't');
    expect(diagnostics).toEqual([]);
    expect(profiles?.[0]).toBe(profile);
    expect(profiles?.map((p) => [p.header?.total, p.header?.position.line, p.recordTotal, p.records.map((r) => r.position.line), p.lineCount]))
      .toEqual([[5, 1, 5, [2, 5], 9], [4, 10, 4, [11, 14], 18]]);
    expect(messages(SMALL + SMALL.replace('total 5', 'total 6'))).toEqual([
      '10:1 error the header says total 6 but the records count 5 goroutines: records are missing (the dump was cut short or edited)',
    ]);
    expect(parseGoroutineProfile(SMALL).profiles).toBeUndefined();
  });

  it('a cut last line', () => {
    const cut = SMALL.slice(0, SMALL.indexOf('main.G[') + 4);
    expect(messages(cut)).toEqual([
      '9:12 error the input ends in the middle of this line (truncated?): expected the end of the line in a frame line, found "main"',
    ]);
  });

  it('not a goroutine profile at all', () => {
    expect(messages('')).toEqual(["1:1 error no goroutine profile here: expected 'goroutine profile: total N'"]);
    expect(messages('hello\n')).toEqual(['1:1 error unexpected characters "hello"']);
  });
});
