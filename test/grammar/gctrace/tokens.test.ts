/** Every gctrace token's start_chars_hint and line_breaks against its pattern (test/helpers/lexer-hints.ts). */
import { allTokens } from '../../../src/grammar/gctrace/tokens.js';
import { describeLexerHints } from '../../helpers/lexer-hints.js';

describeLexerHints('gctrace', allTokens);
