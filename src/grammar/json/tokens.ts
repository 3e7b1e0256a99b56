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
export const StringLiteral = createToken({
  name: 'StringLiteral',
  label: 'a string',
  pattern: /"(?:[^\\"\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/,
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
