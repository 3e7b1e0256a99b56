/** /debug/vars → MemStats: every field, exact, with the rings and BySize; bad JSON at its line:column. */
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, parseJson } from '../../src/grammar/json/index.js';
import { describeCmdline, snapshotFromVars } from '../../src/exposition/expvar.js';
import { corpusFiles, readCorpus, readFixture } from '../helpers/fixtures.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { stringifyJson } from '../../src/text/json.js';

function read(text: string, source = 'vars.json') {
  const { value, diagnostics } = parseJson(text, source);
  if (!value) return { snapshot: undefined, diagnostics };
  return snapshotFromVars(value, source);
}

const VARS = [
  ...corpusFiles((rel) => /vars\.\d+\.json$/.test(rel)),
];

describe('real /debug/vars captures', () => {
  it.each(VARS)('%s: every MemStats field, 256-entry rings, 61 size classes, no diagnostics', (rel) => {
    const { snapshot, diagnostics } = read(readCorpus(rel), rel);
    expect(diagnostics).toEqual([]);
    expect(snapshot?.fields.size).toBe(31);
    expect((snapshot?.fields.get('PauseNs') as bigint[]).length).toBe(256);
    expect(snapshot?.sizeClasses?.rows).toHaveLength(61);
  });

  it('reads the values exactly, LastGC and PauseEnd past 2^53 included', () => {
    const { snapshot } = read(readCorpus('go1.19/exposition/burst/vars.1.json'));
    const f = snapshot?.fields;
    expect([f?.get('HeapAlloc'), f?.get('TotalAlloc'), f?.get('Sys'), f?.get('NumGC'), f?.get('PauseTotalNs')]).toEqual([5683392n, 6451976n, 40219912n, 2n, 357691n]);
    expect(f?.get('LastGC')).toBe(1796187843240142168n);
    expect((f?.get('PauseEnd') as bigint[]).slice(0, 3)).toEqual([1796187843189419618n, 1796187843240142168n, 0n]);
    expect((f?.get('PauseNs') as bigint[]).slice(0, 3)).toEqual([116811n, 240880n, 0n]);
    expect(f?.get('GCCPUFraction')).toBe(0.06085430339799402);
    expect([f?.get('EnableGC'), f?.get('DebugGC')]).toEqual([true, false]);
    expect([snapshot?.sizeClasses?.source, snapshot?.sizeClasses?.rows[1]]).toEqual(['BySize', { size: 8, mallocs: 108, frees: 47 }]);
    expect(snapshot?.process.cmdline).toEqual(['./expo', '-scenario', 'burst', '-addr', '127.0.0.1:16090']);
    expect(describeCmdline(snapshot?.process.cmdline)).toBe('expo -scenario burst -addr 127.0.0.1:16090');
    expect(snapshot?.lines.find((l) => l.name === 'HeapAlloc')?.position).toEqual({ line: 3, column: 120 });
  });

  it('agrees with the heap dump written at the same moment (same program, same GC epoch)', () => {
    const vars = read(readFixture('captured/go1.19-scavtrace/vars.3.json')).snapshot;
    const dump = parseHeapDump(readFixture('captured/go1.19-scavtrace/heap.3.txt')).dump;
    for (const name of ['NumGC', 'LastGC', 'NextGC', 'PauseNs']) {
      expect([name, vars?.fields.get(name)]).toEqual([name, dump.memStats?.fields.get(name)]);
    }
    expect(vars?.extras).toEqual({ service: 'capture' });
  });
});

describe('made-bad inputs', () => {
  function problems(text: string): string[] {
    return read(text, 'v.json').diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);
  }

  it('a missing comma', () => {
    expect(problems('{\n"cmdline": ["./x"]\n"memstats": {}\n}\n')).toEqual(["3:1 error expected ',' or '}' in a JSON object, found \"\\\"memstats\\\"\""].map((s) => s.replace("',' or '}'", "'}'")));
  });

  it('a cut document', () => {
    expect(problems('{"memstats": {"Alloc": 12')).toEqual(["1:26 error the JSON ends too early (truncated?): expected '}' in a JSON object, found the end of the input"]);
  });

  it('a document cut inside a string, a key or an escape: the same "ends too early", where the input ends', () => {
    expect(problems('{"cmdline": ["./x"],\n"memstats": {"BySize": [{"Size": 8, "Mallocs')).toEqual([
      '2:45 error the JSON ends too early (truncated?): the string "\\"Mallocs" that starts at 2:37 has no closing \'"\'',
    ]);
    expect(problems('{"phase": "t\\u00')).toEqual(['1:17 error the JSON ends too early (truncated?): the string "\\"t\\\\u00" that starts at 1:11 has no closing \'"\'']);
    expect(problems('{"phase": "t\\')).toEqual(['1:14 error the JSON ends too early (truncated?): the string "\\"t\\\\" that starts at 1:11 has no closing \'"\'']);
    // The real capture cut after 2,000 bytes (test/fixtures/captured/go1.19-auditF).
    expect(parseJson(readFixture('captured/go1.19-auditF/vars-cut.json')).diagnostics.map((d) => `${d.line}:${d.column} ${d.message} — ${d.hint}`)).toEqual([
      '3:1907 the JSON ends too early (truncated?): the string "\\"Mallocs" that starts at 3:1899 has no closing \'"\' — the response was cut short; fetch /debug/vars again and save all of it',
    ]);
  });

  it('a character JSON does not have', () => {
    expect(problems("{'memstats': 1}")).toEqual(['1:2 error not JSON: unexpected characters "\'memstats\'"']);
  });

  it('vars without memstats', () => {
    expect(problems('{"cmdline": ["./x"]}')).toEqual(["1:1 error no 'memstats' object in these vars"]);
  });

  it('a field of the wrong type is an error (the runtime never writes one) and stays unknown', () => {
    const { snapshot, diagnostics } = read('{"memstats": {"HeapAlloc": "12", "NumGC": 3, "PauseNs": [1, 2], "HeapSys": 1.5, "HeapIdle": 1e400}}');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`)).toEqual([
      '1:28 error memstats.HeapAlloc should be a whole number, found a JSON string',
      "1:57 warning memstats.PauseNs has 2 values; the runtime's ring always has 256 (truncated?)",
      '1:76 error memstats.HeapSys should be a whole number, found a JSON number (1.5)',
      '1:93 error memstats.HeapIdle should be a whole number, found a JSON number (1e400)',
    ]);
    expect(snapshot?.fields.has('HeapAlloc')).toBe(false);
    expect(snapshot?.fields.get('NumGC')).toBe(3n);
  });
});

describe('hostile /debug/vars: one error at its line:column, never a crash', () => {
  const vars = (memstats: string): string => `{"cmdline": ["app"], "memstats": {${memstats}}}`;

  it('a negative size is an error at the value, and the field is not used', () => {
    const { snapshot, diagnostics } = read(vars('"Sys": 1000, "HeapAlloc": -1000, "HeapSys": 500'));
    expect(diagnostics).toEqual([{
      source: 'vars.json', line: 1, column: 61, severity: 'error',
      message: 'MemStats HeapAlloc is -1000, but it is an unsigned integer (0 to 18446744073709551615)',
      hint: 'the field was not used: the runtime never writes such a value; fetch /debug/vars again',
    }]);
    expect([...(snapshot?.fields.keys() ?? [])]).toEqual(['Sys', 'HeapSys']);
  });

  it('a value past the uint64 maximum, a GCCPUFraction out of [0, 1] and a negative PauseNs entry are errors', () => {
    const ring = Array.from({ length: 256 }, (_, i) => (i === 3 ? -7 : i)).join(',');
    const { snapshot, diagnostics } = read(vars(`"NextGC": 18446744073709551616, "GCCPUFraction": 3.5, "PauseNs": [${ring}], "NumGC": 4`));
    expect(diagnostics.map((d) => [d.line, d.column, d.severity, d.message])).toEqual([
      [1, 45, 'error', 'MemStats NextGC is 18446744073709551616, more than a uint64 holds (18446744073709551615)'],
      [1, 84, 'error', 'MemStats GCCPUFraction is 3.5, but it is a fraction of CPU time, between 0 and 1'],
      [1, 107, 'error', 'MemStats PauseNs is -7, but it is an unsigned integer (0 to 18446744073709551615)'],
    ]);
    expect([...(snapshot?.fields.keys() ?? [])]).toEqual(['NumGC']);
  });

  it('a negative count in BySize leaves the size classes out, with a warning', () => {
    const { snapshot, diagnostics } = read(vars('"NumGC": 1, "BySize": [{"Size": 8, "Mallocs": -3, "Frees": 0}]'));
    expect(diagnostics.map((d) => [d.column, d.severity, d.message])).toEqual([[57, 'warning', 'memstats.BySize should hold {Size, Mallocs, Frees} objects of whole numbers 0 or more; an entry does not']]);
    expect(snapshot?.sizeClasses).toBeUndefined();
  });

  it('keeps the program\'s own vars as published: integers past 2^53 digit for digit, floats as numbers', () => {
    const { snapshot } = read('{"memstats": {}, "requests": 9007199254740993, "low": -9007199254740993, "safe": 9007199254740991, "ratio": 0.25, "big": 1e+21, "nested": {"n": [18446744073709551615]}}');
    expect(snapshot?.extras).toEqual({ requests: 9007199254740993n, low: -9007199254740993n, safe: 9007199254740991, ratio: 0.25, big: 1e21, nested: { n: [18446744073709551615n] } });
    expect(stringifyJson(snapshot?.extras, 0)).toBe('{"requests":9007199254740993,"low":-9007199254740993,"safe":9007199254740991,"ratio":0.25,"big":1e+21,"nested":{"n":[18446744073709551615]}}');
  });

  it('a string of millions of characters, plain or escaped, is read (the pattern used to overflow the stack)', () => {
    const plain = 'a'.repeat(5_000_000);
    const escaped = '\\n'.repeat(2_000_000);
    const { value, diagnostics } = parseJson(`{"plain": "${plain}", "escaped": "${escaped}", "u": "\\u00e9"}`);
    expect(diagnostics).toEqual([]);
    const entries = value?.kind === 'object' ? value.entries : [];
    expect(entries.map(([key, v]) => [key, v.kind === 'string' ? v.value.length : -1])).toEqual([['plain', 5_000_000], ['escaped', 2_000_000], ['u', 1]]);
  });

  it('a string with a bad escape or a control character is a lexing error at its opening quote', () => {
    expect(parseJson('{"a": "x\\qy"}').diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([[1, 7, 'not JSON: unexpected characters "\\"x\\\\qy\\""']]);
    expect(parseJson('{"a": "x\ty"}').diagnostics.map((d) => [d.line, d.column])).toEqual([[1, 7]]);
    expect(parseJson('{"a": "\\u12G4"}').diagnostics.map((d) => [d.line, d.column])).toEqual([[1, 7]]);
  });

  it(`nesting past ${MAX_JSON_DEPTH} levels is one error at the bracket too deep; ${MAX_JSON_DEPTH} levels are read`, () => {
    const deep = parseJson(`{"x":\n ${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}}`);
    expect(deep.diagnostics).toEqual([{
      source: '<input>', line: 2, column: MAX_JSON_DEPTH + 1, severity: 'error',
      message: `not /debug/vars: the JSON is nested more than ${MAX_JSON_DEPTH} levels deep here`,
      hint: 'save the whole response of /debug/vars (curl -s URL > vars.json); expvar nests a few levels',
    }]);
    const ok = parseJson(`${'['.repeat(MAX_JSON_DEPTH)}1${']'.repeat(MAX_JSON_DEPTH)}`);
    expect(ok.diagnostics).toEqual([]);
    const tooDeep = parseJson(`[${'['.repeat(20_000)}`);
    expect(tooDeep.diagnostics.map((d) => [d.line, d.column])).toEqual([[1, MAX_JSON_DEPTH + 1]]);
  });
});
