import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, PIECE_CHARS } from '../../../src/grammar/json/index.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures');

/** Every /debug/vars file among the fixtures. */
function varsFiles(dir = FIXTURES): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return varsFiles(path);
    return /vars[^/]*\.json$/.test(e.name) ? [path] : [];
  });
}

/**
 * A /debug/vars past PIECE_CHARS is lexed and parsed a run of members at a time (grammar/json):
 * the same values and first diagnostic as a whole read (small pieces make the fixtures long ones).
 */
describe('a long JSON document read in pieces', () => {
  it('gives the values and diagnostics of a whole read', () => {
    let compared = 0;
    const differ: string[] = [];
    for (const file of varsFiles().slice(0, 6)) {
      const text = readFileSync(file, 'utf8');
      const variants = [text];
      const deep = (n: number): string => `{"deep": ${'['.repeat(n)}1${']'.repeat(n)}, ${text.slice(text.indexOf('{') + 1)}`;
      variants.push(`${text} {"x": 1}`, `${text}\n"${'y'.repeat(100)}`, deep(255), deep(300));
      for (let k = 1; k < 20; k++) {
        const at = Math.floor((text.length * k) / 20);
        variants.push(text.slice(0, at), text.slice(0, at) + text.slice(at + 1), `${text.slice(0, at)},${text.slice(at)}`, `${text.slice(0, at)}]${text.slice(at)}`, `${text.slice(0, at)}\n x${text.slice(at)}`);
      }
      for (const v of variants) {
        const whole = parseJson(v, 'f');
        for (const pieceChars of [7, 64, 500]) {
          let pieces = 0;
          const split = parseJson(v, 'f', { pieceChars, onPiece: () => pieces++ });
          compared++;
          if (JSON.stringify(split) !== JSON.stringify(whole)) differ.push(`${file} ${pieceChars}\n  whole ${JSON.stringify(whole.diagnostics)}\n  split ${JSON.stringify(split.diagnostics)}`);
          if (v === text && pieceChars === 7 && pieces < 100) differ.push(`${file}: ${pieces} pieces`);
        }
      }
    }
    expect(differ.slice(0, 5)).toEqual([]);
    expect(compared).toBe(6 * (1 + 4 + 19 * 5) * 3);
  });

  /** A real /debug/vars with a program's map of `n` entries (`"req-0000007": 7`), as expvar.Publish of a big map writes it. */
  const BASE = readFileSync(join(FIXTURES, 'scenarios/mixed/08-t4.vars.json'), 'utf8').trimEnd();
  const withMap = (n: number, entry = (i: number) => `"req-${String(i).padStart(7, '0')}": ${i}`): string =>
    `${BASE.slice(0, -1)},\n"requests": {${Array.from({ length: n }, (_, i) => entry(i)).join(', ')}}}\n`;
  const plainMember = (key: string): boolean => key !== 'memstats' && key !== 'cmdline';

  it('a 2.2 MB document with a map of 100,000 entries: exact values, read in pieces, the map as plain values', () => {
    const text = withMap(100_000);
    expect(text.length).toBe(2_193_081);
    let pieces = 0;
    const { value, diagnostics } = parseJson(text, 'big.json', { plainMember, onPiece: () => pieces++ });
    expect(diagnostics).toEqual([]);
    if (value?.kind !== 'object') throw new Error('no object');
    expect(value.entries.map(([k, v]) => [k, v.kind, v.position])).toEqual([
      ['cmdline', 'array', { line: 2, column: 12 }],
      ['memstats', 'object', { line: 3, column: 13 }],
      ['phase', 'plain', { line: 4, column: 10 }],
      ['requests', 'plain', { line: 6, column: 13 }],
    ]);
    expect(value.entries[2]?.[1]).toEqual({ kind: 'plain', value: 't4', position: { line: 4, column: 10 } });
    const memstats = value.entries[1]?.[1];
    if (memstats?.kind !== 'object') throw new Error('no memstats');
    expect(memstats.entries.find(([k]) => k === 'LastGC')?.[1]).toEqual({ kind: 'number', text: '1796191196006619653', position: { line: 3, column: 443 } });
    const requests = value.entries[3]?.[1];
    if (requests?.kind !== 'plain') throw new Error('no requests');
    const map = requests.value as Record<string, number>;
    expect(Object.keys(map).length).toBe(100_000);
    expect([map['req-0000000'], map['req-0054321'], map['req-0099999']]).toEqual([0, 54321, 99999]);
    // Pieces of ~64 KiB (the map's members, split in turn: 34 would be the least), never the whole document at once.
    expect(Math.ceil(text.length / PIECE_CHARS)).toBe(34);
    expect(pieces).toBe(36);
  });

  it('an error deep inside the map is reported where it is, and reading stops at its piece', () => {
    const text = withMap(100_000, (i) => (i === 30_000 ? '"req-bad": ,' : `"req-${String(i).padStart(7, '0')}": ${i}`));
    let pieces = 0;
    const { value, diagnostics } = parseJson(text, 'big.json', { plainMember, onPiece: () => pieces++ });
    expect(value).toBeUndefined();
    expect(diagnostics.map((d) => `${d.source}:${d.line}:${d.column} ${d.message}`)).toEqual([`big.json:6:648915 expected '{', '[', a string, a number, true, false or null in a JSON value, found ","`]);
    expect(pieces).toBe(11);
    // Cut short inside the map: where it ends, what was expected there.
    const cut = parseJson(withMap(100_000).slice(0, 1_500_000), 'cut.json', { plainMember });
    expect(cut.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([`6:1495824 the JSON ends too early (truncated?): the string "\\"req-006" that starts at 6:1495816 has no closing '"'`]);
  });
});
