/**
 * The grammars' tokens give Chevrotain their first characters (`start_chars_hint`) and whether
 * they can hold a line end (`line_breaks`), so that a lexer is built without analysing a pattern
 * (regexp-to-ast) at every start of the CLI. `describeLexerHints` checks a grammar's tokens: each
 * hint must fill the lexer's tables exactly as what Chevrotain derives from the pattern alone; a
 * wrong hint would silently change which token a line lexes as.
 */
import type { TokenType } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { createToken, Lexer } from '../../src/grammar/common/chevrotain.js';

type Config = { canLineTerminator: boolean };
type Analysed = {
  charCodeToPatternIdxToConfig: Record<string, (Config[] | undefined)[]>;
  patternIdxToConfig: Record<string, Config[]>;
  canModeBeOptimized: Record<string, boolean>;
};
type Hinted = TokenType & { PATTERN: unknown; START_CHARS_HINT?: (string | number)[]; LINE_BREAKS?: boolean };

/** A line end beside the token: a lexer that tracks lines warns when no token can match one. */
const lineEnd = createToken({ name: 'LineEnd', pattern: /\n/, line_breaks: true });

/**
 * How a lexer of `token` alone files it: the first-character buckets its configuration is in
 * (once per time it is there), whether they could be found at all, and its line-end flag.
 */
function tables(token: TokenType): { buckets: number[]; optimized: boolean; lineBreaks: boolean } {
  const lexer = new Lexer([token, lineEnd], { positionTracking: 'onlyStart', skipValidations: true }) as unknown as Analysed;
  const mode = Object.keys(lexer.patternIdxToConfig)[0] as string;
  const config = lexer.patternIdxToConfig[mode]?.[0];
  const buckets = (lexer.charCodeToPatternIdxToConfig[mode] ?? []).flatMap((list, bucket) => (list ?? []).filter((c) => c === config).map(() => bucket));
  return { buckets, optimized: lexer.canModeBeOptimized[mode] ?? false, lineBreaks: config?.canLineTerminator ?? false };
}

/** What Chevrotain derives from the pattern alone (a copy of the token without its hints). */
function derived(token: Hinted): ReturnType<typeof tables> {
  return tables(createToken({ name: `${token.name}Bare`, pattern: token.PATTERN as RegExp }));
}

/**
 * The tests of one grammar's hints. `tokens`: all its token types (abstract ones are passed
 * over). A token whose pattern is a string needs no hint: Chevrotain reads its first character
 * and line ends from the string. A pattern Chevrotain cannot analyse (a complement set such as
 * `[^\r\n]+`, a custom pattern) must have a hint and is checked by its grammar's own tests.
 */
export function describeLexerHints(grammar: string, tokens: readonly TokenType[]): void {
  const analysed = (tokens as Hinted[]).filter((t) => t.PATTERN !== Lexer.NA && typeof t.PATTERN !== 'string');
  const regExps = analysed.filter((t) => t.PATTERN instanceof RegExp);

  describe(`${grammar} tokens: start_chars_hint and line_breaks`, () => {
    it('are given for every token whose pattern is not a string', () => {
      expect(analysed.filter((t) => t.START_CHARS_HINT === undefined || t.LINE_BREAKS === undefined).map((t) => t.name)).toEqual([]);
    });

    it.each(regExps.filter((t) => derived(t).optimized).map((t) => [t.name, t]))("%s: the hint fills the pattern's first-character buckets", (_name, token) => {
      expect(tables(token).buckets).toEqual(derived(token).buckets);
    });

    it.each(regExps.map((t) => [t.name, t]))('%s: line_breaks is what the pattern can match', (_name, token) => {
      expect(token.LINE_BREAKS).toBe(derived(token).lineBreaks);
    });
  });
}
