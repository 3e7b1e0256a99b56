import { Lexer } from '../common/chevrotain.js';
import { FRAME_MODE } from '../common/frames.js';
import { defaultModeTokens, frameTokens } from './tokens.js';

/** One lexer for every count profile (see heap/lexer.ts for the options). */
export const goroutineProfileLexer = new Lexer(
  { modes: { default: defaultModeTokens, [FRAME_MODE]: frameTokens.modeTokens }, defaultMode: 'default' },
  { ensureOptimizations: true, positionTracking: 'onlyStart' },
);
