import { Lexer } from '../common/chevrotain.js';
import { lexerTokens } from './tokens.js';

/**
 * One lexer for all compiler -m output, in one mode: the line openers match only at the start of
 * a line (tokens.ts), and a message token takes its line end with it. `ensureOptimizations` makes
 * construction fail if a pattern disables the first-character optimisation. Tokens know only their
 * offset (no line or column: smaller tokens, no line-end counting): the chunk loop gives each
 * line's number, and a message's column is its position's length + 1 (the visitor's `at`).
 */
export const gcflagsLexer = new Lexer(lexerTokens, { ensureOptimizations: true, positionTracking: 'onlyOffset' });
