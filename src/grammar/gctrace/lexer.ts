import { Lexer } from '../common/chevrotain.js';
import { fieldTokens, lineStartTokens } from './tokens.js';

/** One lexer for every GC log (see heap/lexer.ts for the options). */
export const gctraceLexer = new Lexer(
  { modes: { lineStart: lineStartTokens, fields: fieldTokens }, defaultMode: 'lineStart' },
  { ensureOptimizations: true, positionTracking: 'onlyStart' },
);
