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
/** What scanString found where a string ends too early: the text ends inside it. */
export const STRING_ENDS_TOO_EARLY = -2;

/**
 * Where the JSON string at `offset` ends (the index past its closing quote; RFC 8259: no control
 * character, the escapes `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t` and `\uXXXX`): -1
 * when it is no string, STRING_ENDS_TOO_EARLY when the text ends inside it (a cut document). A
 * loop, not a regular expression: the pattern `"(?:[^\\"]|\\…)*"` keeps a backtracking entry per
 * character, and overflowed the stack on a string of a few million characters (a crafted /debug/vars).
 */
export function scanString(text: string, offset: number): number {
  if (text.charCodeAt(offset) !== 34 /* " */) return -1;
  for (let i = offset + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c < 0x20) return -1;
    if (c !== 92 /* backslash */) continue;
    if (++i >= text.length) break;
    const e = text.charCodeAt(i);
    if (e === 117 /* u */) {
      for (let k = 1; k <= 4; k++) {
        if (i + k >= text.length) return STRING_ENDS_TOO_EARLY;
        if (!isHexDigit(text.charCodeAt(i + k))) return -1;
      }
      i += 4;
    } else if (!ESCAPED.includes(e)) {
      return -1;
    }
  }
  return STRING_ENDS_TOO_EARLY;
}

/** The StringLiteral token's pattern: the string at `offset` (scanString), or null. */
function matchString(text: string, offset: number): [string] | null {
  const end = scanString(text, offset);
  return end < 0 ? null : [text.slice(offset, end)];
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
