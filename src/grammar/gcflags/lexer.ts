import { Lexer } from '../common/chevrotain.js';
import { defaultModeTokens, messageModeTokens } from './tokens.js';

/**
 * One lexer for all compiler -m output. Two modes: a line starts in `default` (command line,
 * package header, position, or a message with no position); a position pushes `message`, whose
 * newline pops back. `ensureOptimizations` makes construction fail if a pattern disables the
 * first-character optimisation. Tokens know only their offset (no line or column: smaller tokens, no
 * line-end counting): the chunk loop gives each line's number, and a message's column is its
 * position's length + 1 (the visitor's `at`).
 */
export const gcflagsLexer = new Lexer(
  { modes: { default: defaultModeTokens, message: messageModeTokens }, defaultMode: 'default' },
  { ensureOptimizations: true, positionTracking: 'onlyOffset' },
);
