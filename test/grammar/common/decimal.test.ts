/** parseGoFloat's fast path (a text ending in a digit or '.') gives what the whole function gave before it. */
import { describe, expect, it } from 'vitest';
import { parseGoFloat } from '../../../src/grammar/common/decimal.js';

/** parseGoFloat as it was before the fast path (d7c4e04): every text through the lower-cased look. */
function before(text: string): number {
  const lower = text.toLowerCase();
  const sign = lower.startsWith('-') ? -1 : 1;
  const bare = lower.replace(/^[+-]/, '');
  if (bare === 'inf' || bare === 'infinity') return sign * Infinity;
  if (bare === 'nan') return NaN;
  return Number(text);
}

/** Each text with the value read (Object.is: -0 is not 0). */
const CASES: [string, number][] = [
  ['0', 0], ['-0', -0], ['+0', 0], ['1.', 1], ['.5', 0.5], ['-.5', -0.5], ['+1', 1], ['+.5', 0.5], ['007', 7],
  ['1e5', 100000], ['1e+05', 100000], ['1E-05', 0.00001], ['4.245528e+06', 4245528], ['1.796187843240142e+09', 1796187843.240142],
  ['1e400', Infinity], ['-1e400', -Infinity], ['5e-324', 5e-324], ['9007199254740993', 9007199254740992],
  ['0x10', 16], ['0x1p-2', NaN], ['1_000', NaN], ['1.5e', NaN], ['', 0], ['-', NaN], ['.', NaN], ['1..', NaN],
  ['+Inf', Infinity], ['-Inf', -Infinity], ['inf', Infinity], ['-inf', -Infinity], ['Infinity', Infinity], ['-INFINITY', -Infinity], ['+infinity', Infinity],
  ['NaN', NaN], ['nan', NaN], ['+NaN', NaN], ['-NaN', NaN], ['Inf1', NaN], ['1Inf', NaN], ['Nan0', NaN],
];

describe('parseGoFloat', () => {
  it.each(CASES)('reads %j as before the fast path', (text, value) => {
    expect(Object.is(parseGoFloat(text), value)).toBe(true);
    expect(Object.is(parseGoFloat(text), before(text))).toBe(true);
  });
});
