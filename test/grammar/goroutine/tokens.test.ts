/** Every goroutine profile token's start_chars_hint and line_breaks against its pattern (test/helpers/lexer-hints.ts). */
import { allTokens } from '../../../src/grammar/goroutine/tokens.js';
import { describeLexerHints } from '../../helpers/lexer-hints.js';

describeLexerHints('goroutine', allTokens);
