/**
 * JSON with positions and exact numbers, for expvar's /debug/vars. One document is read whole:
 * /debug/vars is a few KiB (memstats with its 256-entry rings and 61 size classes is ~4 KiB).
 * Nothing here throws on bad input: the first problem comes back as a diagnostic with line:column.
 */
import type { IToken } from 'chevrotain';
import type { Diagnostic } from '../common/diagnostic.js';
import { tokenPosition } from '../common/positions.js';
import { jsonLexer, LCurly, LSquare, RCurly, RSquare } from './tokens.js';
import { jsonParser, type JsonValue } from './parser.js';

export type { JsonValue } from './parser.js';
export { plainJson } from './plain.js';

export interface JsonParseResult {
  value: JsonValue | undefined;
  diagnostics: Diagnostic[];
}

/**
 * The deepest nesting read. /debug/vars nests a few levels; the parser (and every walk of the
 * value) recurses per level, and a crafted `[[[[…` of a few thousand levels overflowed the stack.
 */
export const MAX_JSON_DEPTH = 256;

/** The first token past MAX_JSON_DEPTH levels of `{` and `[`, if any. */
function tooDeep(tokens: readonly IToken[]): IToken | undefined {
  let depth = 0;
  for (const t of tokens) {
    const type = t.tokenType;
    if (type === LCurly || type === LSquare) {
      if (++depth > MAX_JSON_DEPTH) return t;
    } else if (type === RCurly || type === RSquare) {
      depth--;
    }
  }
  return undefined;
}

export function parseJson(text: string, source = '<input>'): JsonParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lexed = jsonLexer().tokenize(body);
  const lexError = lexed.errors[0];
  if (lexError) {
    const bad = body.slice(lexError.offset, lexError.offset + Math.min(lexError.length, 30));
    return { value: undefined, diagnostics: [{ source, line: lexError.line ?? 1, column: lexError.column ?? 1, severity: 'error', message: `not JSON: unexpected character${lexError.length > 1 ? 's' : ''} ${JSON.stringify(bad)}`, hint: 'save the whole response of /debug/vars (curl -s URL > vars.json)' }] };
  }
  const deep = tooDeep(lexed.tokens);
  if (deep) {
    return { value: undefined, diagnostics: [{ source, ...tokenPosition(deep, 1, { line: 1, column: 1 }), severity: 'error',
      message: `not /debug/vars: the JSON is nested more than ${MAX_JSON_DEPTH} levels deep here`,
      hint: 'save the whole response of /debug/vars (curl -s URL > vars.json); expvar nests a few levels' }] };
  }
  const parser = jsonParser();
  parser.input = lexed.tokens;
  const value = parser.value();
  const error = parser.errors[0];
  if (error) {
    const lines = body.split('\n');
    const end = { line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1 };
    const where = tokenPosition(error.token, 1, end);
    const cut = Number.isNaN(error.token.startOffset);
    return {
      value: undefined,
      diagnostics: [{
        source, ...where, severity: 'error',
        message: cut ? `the JSON ends too early (truncated?): ${error.message}` : error.message,
        hint: cut ? 'the response was cut short; fetch /debug/vars again and save all of it' : 'save the whole response of /debug/vars (curl -s URL > vars.json)',
      }],
    };
  }
  return { value, diagnostics: [] };
}
