/**
 * JSON (RFC 8259) tokens. Numbers keep their text: expvar's memstats holds LastGC and PauseEnd,
 * unix nanoseconds past 2^53, which JSON.parse would round.
 */
import { createToken, Lexer } from '../common/chevrotain.js';

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED, line_breaks: true });
export const LCurly = createToken({ name: 'LCurly', label: "'{'", pattern: '{' });
export const RCurly = createToken({ name: 'RCurly', label: "'}'", pattern: '}' });
export const LSquare = createToken({ name: 'LSquare', label: "'['", pattern: '[' });
export const RSquare = createToken({ name: 'RSquare', label: "']'", pattern: ']' });
export const Comma = createToken({ name: 'Comma', label: "','", pattern: ',' });
export const Colon = createToken({ name: 'Colon', label: "':'", pattern: ':' });
/**
 * A JSON string at `offset` (RFC 8259: no control character; the escapes `\"`, `\\`, `\/`, `\b`,
 * `\f`, `\n`, `\r`, `\t` and `\uXXXX`), or null. A loop, not a regular expression: the pattern
 * `"(?:[^\\"]|\\…)*"` keeps a backtracking entry per character, and overflowed the stack on a
 * string of a few million characters (a crafted /debug/vars).
 */
function matchString(text: string, offset: number): [string] | null {
  if (text.charCodeAt(offset) !== 34 /* " */) return null;
  for (let i = offset + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) return [text.slice(offset, i + 1)];
    if (c < 0x20) return null;
    if (c !== 92 /* backslash */) continue;
    const e = text.charCodeAt(++i);
    if (e === 117 /* u */) {
      for (let k = 1; k <= 4; k++) if (!isHexDigit(text.charCodeAt(i + k))) return null;
      i += 4;
    } else if (!ESCAPED.includes(e)) {
      return null;
    }
  }
  return null;
}

/** The characters a backslash may escape besides `u`: `"`, backslash, `/`, b f n r t. */
const ESCAPED = [34, 92, 47, 98, 102, 110, 114, 116];

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

export const StringLiteral = createToken({
  name: 'StringLiteral',
  label: 'a string',
  pattern: { exec: matchString },
  line_breaks: false,
  start_chars_hint: ['"'],
});
export const NumberLiteral = createToken({ name: 'NumberLiteral', label: 'a number', pattern: /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/ });
export const True = createToken({ name: 'True', label: 'true', pattern: 'true' });
export const False = createToken({ name: 'False', label: 'false', pattern: 'false' });
export const Null = createToken({ name: 'Null', label: 'null', pattern: 'null' });

export const allTokens = [WhiteSpace, LCurly, RCurly, LSquare, RSquare, Comma, Colon, StringLiteral, NumberLiteral, True, False, Null];

let lexer: Lexer | undefined;
/**
 * One lexer for every JSON input (see heap/lexer.ts for the options), built on first use: the
 * expvar reader is imported by every command that analyzes, and a heap dump never needs it.
 */
export function jsonLexer(): Lexer {
  return (lexer ??= new Lexer(allTokens, { ensureOptimizations: true, positionTracking: 'onlyStart' }));
}
