import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../../src/grammar/json/index.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures');

/** Every /debug/vars file among the fixtures. */
function varsFiles(dir = FIXTURES): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return varsFiles(path);
    return /vars[^/]*\.json$/.test(e.name) ? [path] : [];
  });
}

describe('a long JSON document read in pieces', () => {
  it('gives the values and diagnostics of a whole read', () => {
    let compared = 0;
    const differ: string[] = [];
    for (const file of varsFiles().slice(0, 6)) {
      const text = readFileSync(file, 'utf8');
      const variants = [text];
      for (let k = 1; k < 40; k++) {
        const at = Math.floor((text.length * k) / 40);
        variants.push(text.slice(0, at), text.slice(0, at) + text.slice(at + 1), `${text.slice(0, at)},${text.slice(at)}`, `${text.slice(0, at)}]${text.slice(at)}`, `${text.slice(0, at)}\n x${text.slice(at)}`);
      }
      for (const v of variants) {
        const whole = parseJson(v, 'f');
        for (const pieceChars of [7, 64, 500]) {
          let pieces = 0;
          const split = parseJson(v, 'f', { pieceChars, onPiece: () => pieces++ });
          compared++;
          if (JSON.stringify(split) !== JSON.stringify(whole)) differ.push(`${file} ${pieceChars} ${JSON.stringify(v.slice(0, 0))}\n  whole ${JSON.stringify(whole.diagnostics)}\n  split ${JSON.stringify(split.diagnostics)}`);
        }
      }
    }
    expect(differ.slice(0, 5)).toEqual([]);
    expect(compared).toBeGreaterThan(0);
  });
});
