/**
 * Every gcflags token gives Chevrotain its first characters (`start_chars_hint`) and whether it
 * can hold a line end (`line_breaks`), so that the lexer is built without analysing a pattern
 * (tokens.ts). These tests analyse each pattern as Chevrotain would without them and check that
 * the hints say the same: a wrong hint would silently change which template a line lexes as.
 */
import type { TokenType } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { createToken, Lexer } from '../../../src/grammar/common/chevrotain.js';
import { allTokens } from '../../../src/grammar/gcflags/tokens.js';

type Config = { canLineTerminator: boolean };
type Analysed = { charCodeToPatternIdxToConfig: Record<string, (Config[] | undefined)[]>; patternIdxToConfig: Record<string, Config[]> };
type Hinted = TokenType & { PATTERN: RegExp; START_CHARS_HINT?: (string | number)[]; LINE_BREAKS?: boolean };

/** What Chevrotain derives from the pattern alone: the first-character buckets and the line-end flag. */
function analysed(token: Hinted): { buckets: number[]; lineBreaks: boolean } {
  const bare = createToken({ name: `${token.name}Bare`, pattern: token.PATTERN });
  // A line end beside it: a lexer that tracks lines warns when no token can match one.
  const lexer = new Lexer([bare, lineEnd], { positionTracking: 'onlyStart' }) as unknown as Analysed;
  const mode = Object.keys(lexer.patternIdxToConfig)[0] as string;
  const config = lexer.patternIdxToConfig[mode]?.[0];
  const buckets = (lexer.charCodeToPatternIdxToConfig[mode] ?? []).flatMap((list, bucket) => (config && list?.includes(config) ? [bucket] : []));
  return { buckets, lineBreaks: config?.canLineTerminator ?? false };
}

/** The buckets a hint fills (Chevrotain files codes above 255 by 256s). */
function hinted(hint: readonly (string | number)[]): number[] {
  const codes = hint.map((c) => (typeof c === 'string' ? c.charCodeAt(0) : c));
  return [...new Set(codes.map((code) => (code < 256 ? code : 256 + Math.floor(code / 256))))].sort((a, b) => a - b);
}

const lineEnd = createToken({ name: 'LineEnd', pattern: /\n/, line_breaks: true });
const concrete = (allTokens as Hinted[]).filter((t) => t.PATTERN !== Lexer.NA);

describe('gcflags tokens: start_chars_hint and line_breaks', () => {
  it('are given for every token', () => {
    expect(concrete.filter((t) => t.START_CHARS_HINT === undefined || t.LINE_BREAKS === undefined).map((t) => t.name)).toEqual([]);
  });

  it.each(concrete.filter((t) => (t.START_CHARS_HINT?.length ?? 0) < 10).map((t) => [t.name, t]))('%s: the hint is the pattern\'s first characters', (_name, token) => {
    expect(hinted(token.START_CHARS_HINT ?? [])).toEqual(analysed(token).buckets);
  });

  it.each(concrete.map((t) => [t.name, t]))('%s: line_breaks is what the pattern can match', (_name, token) => {
    expect(token.LINE_BREAKS).toBe(analysed(token).lineBreaks);
  });
});
