import { Lexer } from '../common/chevrotain.js';
import { defaultModeTokens, helpNameModeTokens, helpTextModeTokens } from './tokens.js';

/** One lexer for every exposition (see heap/lexer.ts for the options). */
export const prometheusLexer = new Lexer(
  { modes: { default: defaultModeTokens, helpName: helpNameModeTokens, helpText: helpTextModeTokens }, defaultMode: 'default' },
  { ensureOptimizations: true, positionTracking: 'onlyStart' },
);
