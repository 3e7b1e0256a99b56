/**
 * Every value import of Chevrotain goes through here, so that one copy of the library (and of
 * token types such as EOF) is in use, the one chevrotain-runtime.ts loads (a CLI pays its
 * loading on every start, lint on every run); types still come from 'chevrotain'.
 */
import { chevrotain } from './chevrotain-runtime.js';

export const { createToken, createTokenInstance, CstParser, EmbeddedActionsParser, EOF } = chevrotain;

/**
 * Chevrotain checks a grammar's definition (ambiguities, unreachable tokens, bad patterns) each
 * time a lexer or parser is built: a third of a small dump's start-up. The grammars are fixed, so
 * the checks run where they can fail a build, under the test runner (vitest sets VITEST, which
 * the CLI processes the tests spawn inherit), and are skipped for users.
 */
export const SKIP_GRAMMAR_VALIDATIONS = process.env.VITEST === undefined;

/** Chevrotain's Lexer, with its definition checks skipped outside the tests (see above). */
export class Lexer extends chevrotain.Lexer {
  constructor(definition: ConstructorParameters<typeof chevrotain.Lexer>[0], config: ConstructorParameters<typeof chevrotain.Lexer>[1] = {}) {
    super(definition, { skipValidations: SKIP_GRAMMAR_VALIDATIONS, ...config });
  }
}

/**
 * A custom token pattern that matches one whole well-formed line with a sticky regex (flag `y`)
 * and hands its match to the parser as the token's payload, so the fields come from the capture
 * groups instead of a dozen fine tokens per line (the coarse tokens of gctrace and prometheus).
 */
export function wholeLinePattern(line: RegExp): { exec(text: string, offset: number): RegExpExecArray | null } {
  return {
    exec(text, offset) {
      line.lastIndex = offset;
      const match = line.exec(text);
      if (match) (match as RegExpExecArray & { payload?: unknown }).payload = match;
      return match;
    },
  };
}

/**
 * A custom token pattern that matches one whole well-formed line with a sticky regex without
 * capture groups, whose reader takes the fields from the line's text (gctrace's GcLine): a
 * `test` and the matched text in one reused array, instead of a match array with its index,
 * input and groups for every line (a long log's most frequent line; Chevrotain reads `[0]` at
 * once and keeps nothing of it).
 */
export function wholeLineText(line: RegExp): { exec(text: string, offset: number): [string] | null } {
  if (!line.sticky || new RegExp(`${line.source}|`).exec('')?.length !== 1) throw new Error(`wholeLineText: ${line.source} must be sticky, without capture groups`);
  const matched: [string] = [''];
  return {
    exec(text, offset) {
      line.lastIndex = offset;
      if (!line.test(text)) return null;
      matched[0] = text.substring(offset, line.lastIndex);
      return matched;
    },
  };
}

