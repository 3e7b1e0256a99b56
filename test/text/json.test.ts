/** JSON with exact big integers, whole or in pieces: the same text as JSON.stringify would write with bigints as digits. */
import { describe, expect, it } from 'vitest';
import { JsonReady, JsonText, jsonRecord, readyJsonText, stringifyJson, stringifyJsonParts } from '../../src/text/json.js';

const VALUE = {
  lastGC: 1796187854564362800n,
  small: 42n,
  negative: -(2n ** 60n),
  numbers: [1.5, Number.NaN, Number.POSITIVE_INFINITY, -0],
  map: new Map<string, unknown>([['a', 1n], ['b', [new Map()]]]),
  skipped: undefined,
  text: 'line\n"quoted" — ok',
  empty: {},
  none: [],
  holes: [undefined, () => 1],
};

const EXPECTED = `{
  "lastGC": 1796187854564362800,
  "small": 42,
  "negative": -1152921504606846976,
  "numbers": [
    1.5,
    null,
    null,
    0
  ],
  "map": {
    "a": 1,
    "b": [
      {}
    ]
  },
  "text": "line\\n\\"quoted\\" — ok",
  "empty": {},
  "none": [],
  "holes": [
    null,
    null
  ]
}`;

describe('stringifyJson', () => {
  it('writes bigints digit for digit, Maps as objects, non-finite numbers as null', () => {
    expect(stringifyJson(VALUE)).toBe(EXPECTED);
    expect(stringifyJson({ a: [1n, 2n ** 64n] }, 0)).toBe('{"a":[1,18446744073709551616]}');
  });

  it('keeps a parsed `__proto__` key as a key', () => {
    expect(stringifyJson(JSON.parse('{"__proto__":{"x":1}}'), 0)).toBe('{"__proto__":{"x":1}}');
  });
});

describe('jsonRecord', () => {
  it('makes bigints within a double numbers, others placeholders, rings plain, and writes as Object.fromEntries does', () => {
    const entries: [string, unknown][] = [['Sys', 2n ** 53n - 1n], ['LastGC', 1796187854564362800n], ['GCCPUFraction', 0.25], ['__proto__', 1n], ['PauseNs', [1n, 2n ** 60n]]];
    const record = jsonRecord(entries);
    const [placeholder] = (record.PauseNs as unknown[]).slice(1);
    expect(Object.entries(record)).toEqual([['Sys', 9007199254740991], ['LastGC', expect.stringMatching(/^__bigint_[0-9a-f]{12}_1796187854564362800$/)], ['GCCPUFraction', 0.25], ['__proto__', 1], ['PauseNs', [1, placeholder]]]);
    expect(placeholder).toMatch(/^__bigint_[0-9a-f]{12}_1152921504606846976$/);
    expect(stringifyJson(record, 0)).toBe('{"Sys":9007199254740991,"LastGC":1796187854564362800,"GCCPUFraction":0.25,"__proto__":1,"PauseNs":[1,1152921504606846976]}');
    expect(stringifyJson(record, 0)).toBe(stringifyJson(Object.fromEntries(entries), 0));
  });
});

describe('stringifyJsonParts', () => {
  it('gives the same text in pieces: each top-level property, each element of a top-level array', () => {
    const parts = [...stringifyJsonParts(VALUE)];
    expect(parts.join('')).toBe(EXPECTED);
    expect(parts.slice(0, 4)).toEqual(['{\n  "lastGC": ', '1796187854564362800', ',\n  "small": ', '42']);
  });

  it('makes each element of a named array when its turn comes', () => {
    const made: number[] = [];
    const parts = stringifyJsonParts({ list: [1, 2] }, { list: (n: number) => (made.push(n), { n: BigInt(n) * 10n ** 18n }) });
    expect(parts.next().value).toBe('{\n  "list": ');
    expect(made).toEqual([]);
    expect([...parts].join('')).toBe('[\n    {\n      "n": 1000000000000000000\n    },\n    {\n      "n": 2000000000000000000\n    }\n  ]\n}');
    expect(made).toEqual([1, 2]);
  });

  it('writes a JsonReady element as it is, and a JsonText element as given', () => {
    const ready = { n: jsonRecord([['big', 2n ** 64n]]), nan: Number.NaN };
    const parts = [...stringifyJsonParts({ list: [1, 2, 3] }, { list: (n: number) => (n === 1 ? new JsonReady(ready) : n === 2 ? new JsonText('{"two": 2}') : { n: 3n }) })];
    expect(parts.join('')).toBe('{\n  "list": [\n    {\n      "n": {\n        "big": 18446744073709551616\n      },\n      "nan": null\n    },\n    {"two": 2},\n    {\n      "n": 3\n    }\n  ]\n}');
    expect(readyJsonText(new JsonReady(ready), 2)).toBe('{\n      "n": {\n        "big": 18446744073709551616\n      },\n      "nan": null\n    }');
  });

  it('writes a long array inside a top-level object an element at a time, as the whole text would be', () => {
    // A series: { points: [one per snapshot], … }, nested deeper too, with what JSON.stringify changes or leaves out.
    const point = (i: number) => ({ i, big: 2n ** 60n + BigInt(i), nan: i % 7 === 0 ? Number.NaN : i / 4, gone: undefined, map: new Map([['k', i]]), list: [i, undefined] });
    const value = {
      series: { points: Array.from({ length: 1500 }, (_, i) => point(i)), short: [1, 2], nested: { deeper: Array.from({ length: 1024 }, (_, i) => (i % 3 === 0 ? undefined : i % 3 === 1 ? [i] : { i })) }, fn: () => 1 },
      other: { few: [1n] },
      proto: JSON.parse('{"__proto__":{"x":1}}') as unknown,
    };
    const parts = [...stringifyJsonParts(value)];
    expect(parts.join('')).toBe(stringifyJson(value));
    expect(parts.length).toBeGreaterThan(3000); // 1,500 points and 1,024 elements, each its own piece
    expect(parts.join('')).toContain('"big": 1152921504606846977,');
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(400);
  });

  it('writes an empty object as {}', () => {
    expect([...stringifyJsonParts({ skipped: undefined })].join('')).toBe('{}');
  });
});

describe('a report in pieces, written', () => {
  it('is the same file as the text whole, batches joined in order', async () => {
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { writeReport } = await import('../../src/report/write.js');
    const dir = mkdtempSync(join(tmpdir(), 'heapdoc-parts-'));
    try {
      // 40,000 pieces of 3 to 5 characters: several batches, one not full.
      const pieces = Array.from({ length: 40_000 }, (_v, i) => `${i % 7}—${i}`.slice(0, 3 + (i % 3)));
      await writeReport(pieces, join(dir, 'report.json'));
      expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe(pieces.join(''));
      await writeReport([], join(dir, 'empty.json'));
      expect(readFileSync(join(dir, 'empty.json'), 'utf8')).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
