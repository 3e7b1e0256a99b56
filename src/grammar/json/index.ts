/**
 * JSON with positions and exact numbers, for expvar's /debug/vars. One document is read whole:
 * /debug/vars is a few KiB (memstats with its 256-entry rings and 61 size classes is ~4 KiB).
 * Nothing here throws on bad input: the first problem comes back as a diagnostic with line:column.
 */
import type { IToken } from 'chevrotain';
import type { Diagnostic } from '../common/diagnostic.js';
import { countNewlines } from '../common/chunks.js';
import { tokenPosition, type Position } from '../common/positions.js';
import { jsonLexer, LCurly, LSquare, RCurly, RSquare, scanString, STRING_ENDS_TOO_EARLY } from './tokens.js';
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
    const start = { line: lexError.line ?? 1, column: lexError.column ?? 1 };
    // A string the input ends in is a cut document, as a cut number or object is (below).
    if (scanString(body, lexError.offset) === STRING_ENDS_TOO_EARLY) {
      const opening = body.slice(lexError.offset, lexError.offset + 30);
      return cutShort(source, body, `the string ${JSON.stringify(opening)} that starts at ${start.line}:${start.column} has no closing '"'`);
    }
    const bad = body.slice(lexError.offset, lexError.offset + Math.min(lexError.length, 30));
    return { value: undefined, diagnostics: [{ source, ...start, severity: 'error', message: `not JSON: unexpected character${lexError.length > 1 ? 's' : ''} ${JSON.stringify(bad)}`, hint: 'save the whole response of /debug/vars (curl -s URL > vars.json)' }] };
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
    // The end-of-input token has no position: the input ended where more was expected.
    if (Number.isNaN(error.token.startOffset)) return cutShort(source, body, error.message);
    return {
      value: undefined,
      diagnostics: [{
        source, ...tokenPosition(error.token, 1, endOf(body)), severity: 'error',
        message: error.message,
        hint: 'save the whole response of /debug/vars (curl -s URL > vars.json)',
      }],
    };
  }
  return { value, diagnostics: [] };
}

/** The document ends before it is complete: one error where it ends, saying what was expected there. */
function cutShort(source: string, body: string, expected: string): JsonParseResult {
  return {
    value: undefined,
    diagnostics: [{
      source, ...endOf(body), severity: 'error',
      message: `the JSON ends too early (truncated?): ${expected}`,
      hint: 'the response was cut short; fetch /debug/vars again and save all of it',
      cut: true,
    }],
  };
}

/** Where the text ends: its last line, the column past its last character. */
function endOf(body: string): Position {
  const lastBreak = body.lastIndexOf('\n');
  return { line: countNewlines(body) + 1, column: body.length - lastBreak };
}
