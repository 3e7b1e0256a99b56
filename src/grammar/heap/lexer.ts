import { Lexer } from '../common/chevrotain.js';
import { FRAME_MODE } from '../common/frames.js';
import { defaultModeTokens, frameTokens, memoryMapModeTokens } from './tokens.js';

/**
 * One lexer for every heap dump. `ensureOptimizations` makes construction fail loudly if a token
 * pattern silently disables the first-char optimisation; `positionTracking: 'onlyStart'` because
 * every model node and diagnostic needs only where it starts.
 */
export const heapLexer = new Lexer(
  { modes: { default: defaultModeTokens, [FRAME_MODE]: frameTokens.modeTokens, memoryMap: memoryMapModeTokens }, defaultMode: 'default' },
  { ensureOptimizations: true, positionTracking: 'onlyStart' },
);
