import { Lexer } from '../common/chevrotain.js';
import { defaultModeTokens, HEADER_MODE, headerModeTokens } from './tokens.js';

/** One lexer for every traceback dump (see heap/lexer.ts for the options). */
export const tracebackLexer = new Lexer(
  { modes: { default: defaultModeTokens, [HEADER_MODE]: headerModeTokens }, defaultMode: 'default' },
  { ensureOptimizations: true, positionTracking: 'onlyStart' },
);
