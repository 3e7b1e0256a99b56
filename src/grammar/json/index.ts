/**
 * JSON with positions and exact numbers, for expvar's /debug/vars. /debug/vars is a few KiB
 * (memstats with its 256-entry rings and 61 size classes is ~4 KiB) and is lexed and parsed whole;
 * a longer document (a program that publishes a big map) is read in pieces of PIECE_CHARS: a cheap
 * scan finds the member boundaries of its objects and arrays, and each run of members is lexed and
 * parsed on its own by the same grammar, its tokens dropped after, so memory follows the values
 * built, not ~40 bytes of token per character of input.
 * Nothing here throws on bad input: the first problem comes back as a diagnostic with line:column.
 */
import type { IToken, TokenType } from 'chevrotain';
import type { Diagnostic } from '../common/diagnostic.js';
import { countNewlines } from '../common/chunks.js';
import { createTokenInstance } from '../common/chevrotain.js';
import { shiftPosition, shiftTokens, tokenPosition, type Position } from '../common/positions.js';
import { Colon, jsonLexer, LCurly, LSquare, Null, RCurly, RSquare, scanString, StringLiteral, STRING_ENDS_TOO_EARLY } from './tokens.js';
import { jsonParser, unquote, type JsonValue } from './parser.js';
import { plainJson, setEntry } from './plain.js';

export type { JsonValue } from './parser.js';
export { plainJson } from './plain.js';

export interface JsonParseResult {
  value: JsonValue | undefined;
  diagnostics: Diagnostic[];
}

export interface JsonParseOptions {
  /**
   * Top-level members read as plain values (kind 'plain', plain.ts) instead of a tree with a
   * position per value: the vars a reader only passes on, which may be large.
   */
  plainMember?: (key: string) => boolean;
  /** The size of a piece; a longer document is read in pieces (PIECE_CHARS; tests pass small ones). */
  pieceChars?: number;
  /** Called for every piece lexed and parsed (tests count them). */
  onPiece?: () => void;
  /** The input's line the text starts on (one of several documents appended in a file): positions are the input's. */
  line?: number;
}

/** Characters lexed and parsed at once in a long document: a few thousand tokens. */
export const PIECE_CHARS = 64 * 1024;

/**
 * The deepest nesting read. /debug/vars nests a few levels; the parser (and every walk of the
 * value) recurses per level, and a crafted `[[[[…` of a few thousand levels overflowed the stack.
 */
export const MAX_JSON_DEPTH = 256;

/** The first token past MAX_JSON_DEPTH levels of `{` and `[`, counting from `depth` open before them, if any. */
function tooDeep(tokens: readonly IToken[], depth: number): IToken | undefined {
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

export function parseJson(text: string, source = '<input>', options: JsonParseOptions = {}): JsonParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = options.line ?? 1;
  const r: Reader = { body, source, options, pieceChars: options.pieceChars ?? PIECE_CHARS, firstLine, cursor: 0, line: firstLine, lineStart: 0 };
  const open = skipSpace(body, 0);
  const first = body.charCodeAt(open);
  if (body.length <= r.pieceChars || (first !== 123 && first !== 91)) {
    const read = parsePiece(r, { start: 0, end: body.length, depth: 0, rule: 'value', before: [], after: [] });
    return read.value ? { value: plainMembers(read.value, options.plainMember), diagnostics: [] } : read;
  }
  const read = readContainer(r, open, 0, options.plainMember ? 'top' : 'tree');
  if (!read.ok) return { value: undefined, diagnostics: read.diagnostics };
  const rest = afterValue(r, read.end);
  return rest ?? { value: read.value as JsonValue, diagnostics: [] };
}

/**
 * After the value only white space: the grammar says what else is, from its first token (`[]`
 * stands for the value read), not from the whole rest (a document of two values).
 */
function afterValue(r: Reader, from: number): JsonParseResult | undefined {
  const { body } = r;
  const start = skipSpace(body, from);
  if (start >= body.length) return undefined;
  const end = Math.min(body.length, Math.max(start + r.pieceChars, scanString(body, start)));
  const lexed = jsonLexer().tokenize(body.slice(start, end));
  const token = lexed.tokens[0];
  const lexError = lexed.errors[0];
  const firstOnly = token && !(lexError && lexError.offset < token.startOffset);
  return parsePiece(r, { start, end: firstOnly ? start + token.image.length : end, depth: 0, rule: 'value', before: [synthetic(LSquare, '['), synthetic(RSquare, ']')], after: [] });
}

/** A document read in pieces, and where its line count has got to (positionOf). */
interface Reader {
  readonly body: string;
  readonly source: string;
  readonly options: JsonParseOptions;
  readonly pieceChars: number;
  /** The input's line the text starts on (JsonParseOptions.line). */
  readonly firstLine: number;
  cursor: number;
  line: number;
  lineStart: number;
}

/** The line and column of `offset`; offsets asked are in increasing order (one pass over the text). */
function positionOf(r: Reader, offset: number): Position {
  if (offset < r.cursor) Object.assign(r, { cursor: 0, line: r.firstLine, lineStart: 0 });
  for (let i = r.cursor; i < offset; i++) {
    if (r.body.charCodeAt(i) === 10) {
      r.line++;
      r.lineStart = i + 1;
    }
  }
  r.cursor = offset;
  return { line: r.line, column: offset - r.lineStart + 1 };
}

/** A token the text does not have, around a piece so that the grammar reads it in its place. */
function synthetic(type: TokenType, image: string): IToken {
  return createTokenInstance(type, image, NaN, NaN, NaN, NaN, NaN, NaN);
}

/** The index of the first character at or past `i` that is not JSON white space. */
function skipSpace(text: string, i: number): number {
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return i;
  }
  return i;
}

/** The index of the closing quote of the string at `i` (or the last index: the text ends inside it); the lexer checks the string. */
function skipString(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i;
  }
  return text.length - 1;
}

/** One piece: the text [start, end) between tokens standing for what is around it, parsed with `rule`. */
interface Piece {
  start: number;
  end: number;
  /** `{` and `[` open before `start`. */
  depth: number;
  rule: 'value' | 'object' | 'array';
  before: IToken[];
  after: IToken[];
}

/** Lexes and parses one piece (the whole document, when short): its value, or its first problem. */
function parsePiece(r: Reader, piece: Piece): JsonParseResult {
  const { body, source } = r;
  r.options.onPiece?.();
  const at = positionOf(r, piece.start);
  const whole = piece.start === 0 && piece.end === body.length;
  const lexed = jsonLexer().tokenize(whole ? body : body.slice(piece.start, piece.end));
  const lexError = lexed.errors[0];
  if (lexError) {
    const offset = piece.start + lexError.offset;
    const start = shiftPosition(lexError.line ?? 1, lexError.column ?? 1, at);
    // A string the input ends in is a cut document, as a cut number or object is (below).
    if (scanString(body, offset) === STRING_ENDS_TOO_EARLY) {
      const opening = body.slice(offset, offset + 30);
      return cutShort(r, `the string ${JSON.stringify(opening)} that starts at ${start.line}:${start.column} has no closing '"'`);
    }
    const bad = body.slice(offset, offset + Math.min(lexError.length, 30));
    return { value: undefined, diagnostics: [{ source, ...start, severity: 'error', message: `not JSON: unexpected character${lexError.length > 1 ? 's' : ''} ${JSON.stringify(bad)}`, hint: 'save the whole response of /debug/vars (curl -s URL > vars.json)' }] };
  }
  // A whole text read from line 1 has its lexer's positions already.
  if (!whole || at.line !== 1) shiftTokens(lexed.tokens, at, piece.start);
  const deep = tooDeep(lexed.tokens, piece.depth);
  if (deep) {
    return { value: undefined, diagnostics: [{ source, ...tokenPosition(deep, 1, { line: 1, column: 1 }), severity: 'error',
      message: `not /debug/vars: the JSON is nested more than ${MAX_JSON_DEPTH} levels deep here`,
      hint: 'save the whole response of /debug/vars (curl -s URL > vars.json); expvar nests a few levels' }] };
  }
  const parser = jsonParser();
  parser.input = piece.before.length + piece.after.length > 0 ? [...piece.before, ...lexed.tokens, ...piece.after] : lexed.tokens;
  const value = parser[piece.rule]();
  const error = parser.errors[0];
  parser.input = []; // the piece's tokens are garbage now
  if (error) {
    // The end-of-input token has no position: the input ended where more was expected.
    if (Number.isNaN(error.token.startOffset)) return cutShort(r, error.message);
    return {
      value: undefined,
      diagnostics: [{
        source, ...tokenPosition(error.token, 1, endOf(r)), severity: 'error',
        message: error.message,
        hint: 'save the whole response of /debug/vars (curl -s URL > vars.json)',
      }],
    };
  }
  return { value, diagnostics: [] };
}

/** How a container's values are kept: a tree, plain values, or a tree whose top-level members may be plain (plainMember). */
type Mode = 'tree' | 'plain' | 'top';

type ContainerRead = { ok: true; value: JsonValue | unknown; end: number } | { ok: false; diagnostics: Diagnostic[] };

/** What a separator between members is: a comma, the container's closing bracket, or the end of the text. */
type SeparatorKind = 'comma' | 'close' | 'eof';

/**
 * The object or array at `open` (`depth` brackets open before it), read in pieces of members: a
 * piece starts at the bracket or at a comma (then `{"":null` stands for the members before it) and
 * ends past a comma (then `"":null}` stands for the ones after), the closing bracket, or the text's
 * end; the grammar so reads each piece as it reads it in the whole document, errors included.
 * A member bigger than a piece whose value is an object or array is split the same way, level by
 * level (each level scans its text again: at most MAX_JSON_DEPTH times, a member nested deeper is
 * an error found by the first scan).
 */
function readContainer(r: Reader, open: number, depth: number, mode: Mode): ContainerRead {
  const { body } = r;
  const isObject = body.charCodeAt(open) === 123;
  const position = positionOf(r, open);
  const rule = isObject ? 'object' : 'array';
  const dummy = isObject ? [synthetic(StringLiteral, '""'), synthetic(Colon, ':'), synthetic(Null, 'null')] : [synthetic(Null, 'null')];
  const openToken = isObject ? synthetic(LCurly, '{') : synthetic(LSquare, '[');
  const closeToken = isObject ? synthetic(RCurly, '}') : synthetic(RSquare, ']');
  const entries: [string, JsonValue][] = [];
  const items: JsonValue[] = [];
  const plainObject: Record<string, unknown> = {};
  const plainItems: unknown[] = [];
  /** Keeps a member (`key` undefined in an array) read as a tree, as the mode says. */
  const keep = (key: string | undefined, value: JsonValue): void => {
    if (mode === 'plain') {
      if (key === undefined) plainItems.push(plainJson(value));
      else setEntry(plainObject, key, plainJson(value));
    } else if (key === undefined) {
      items.push(value);
    } else {
      entries.push([key, mode === 'top' && r.options.plainMember?.(key) ? { kind: 'plain', value: plainJson(value), position: value.position } : value]);
    }
  };
  /** Reads the members from the separator at `from` to the one at `to` as one piece. */
  const flush = (from: number, to: number, kind: SeparatorKind): Diagnostic[] | undefined => {
    const first = from === open;
    const read = parsePiece(r, {
      start: from, end: kind === 'eof' ? body.length : to + 1, depth: first ? depth : depth + 1, rule,
      before: first ? [] : [openToken, ...dummy], after: kind === 'comma' ? [...dummy, closeToken] : [],
    });
    if (!read.value) return read.diagnostics;
    const skip = first ? 0 : 1;
    const last = kind === 'comma' ? -1 : undefined;
    if (read.value.kind === 'object') for (const [k, v] of read.value.entries.slice(skip, last)) keep(k, v);
    else if (read.value.kind === 'array') for (const v of read.value.items.slice(skip, last)) keep(undefined, v);
    return undefined;
  };
  /**
   * Reads the member between the separators at `from` and `to` when it is a key and one object or
   * array (split in turn), 'whole' when it is not. The separator and key were checked (scanString).
   */
  const split = (from: number, to: number, kind: SeparatorKind): Diagnostic[] | 'whole' | undefined => {
    let v = skipSpace(body, from + 1);
    let key: string | undefined;
    if (isObject) {
      const keyEnd = scanString(body, v);
      if (keyEnd < 0) return 'whole';
      const colon = skipSpace(body, keyEnd);
      if (body.charCodeAt(colon) !== 58 /* : */) return 'whole';
      key = unquote(body.slice(v, keyEnd));
      v = skipSpace(body, colon + 1);
    }
    const c = body.charCodeAt(v);
    if (c !== 123 && c !== 91) return 'whole';
    const plain = mode === 'plain' || (mode === 'top' && key !== undefined && r.options.plainMember?.(key) === true);
    const at = positionOf(r, v);
    const inner = readContainer(r, v, depth + 1, plain ? 'plain' : 'tree');
    if (!inner.ok) return inner.diagnostics;
    if (!plain) keep(key, inner.value as JsonValue);
    else if (mode === 'top' && key !== undefined) entries.push([key, { kind: 'plain', value: inner.value, position: at }]);
    else if (key === undefined) plainItems.push(inner.value);
    else setEntry(plainObject, key, inner.value);
    // What follows the value up to the separator, as the grammar reads it after a member.
    const rest = parsePiece(r, {
      start: inner.end, end: kind === 'eof' ? body.length : to + 1, depth: depth + 1, rule,
      before: [openToken, ...dummy], after: kind === 'comma' ? [...dummy, closeToken] : [],
    });
    return rest.value ? undefined : rest.diagnostics;
  };
  let groupFrom = open; // the separator the members not read yet start after
  let memberFrom = open; // the separator before the member being scanned
  /** A separator at `at`: reads the members before it when they make a piece. */
  let deepAt = -1; // the first bracket of the member past MAX_JSON_DEPTH levels
  const separator = (at: number, kind: SeparatorKind): Diagnostic[] | undefined => {
    if (at - memberFrom > r.pieceChars && deepAt >= 0) {
      // A big member nested too deep: read up to the bracket, not the member (a crafted `[[[…`
      // would be split level by level, rescanned each time, or lexed whole).
      if (memberFrom > groupFrom) {
        const problem = flush(groupFrom, memberFrom, 'comma');
        if (problem) return problem;
      }
      const first = memberFrom === open;
      const read = parsePiece(r, { start: memberFrom, end: deepAt + 1, depth: first ? depth : depth + 1, rule, before: first ? [] : [openToken, ...dummy], after: [] });
      return read.value ? cutShort(r, 'more').diagnostics : read.diagnostics; // read.value: impossible, the piece ends inside the member
    }
    deepAt = -1;
    if (at - memberFrom > r.pieceChars) {
      if (memberFrom > groupFrom) {
        const problem = flush(groupFrom, memberFrom, 'comma');
        if (problem) return problem;
        groupFrom = memberFrom;
      }
      const read = split(memberFrom, at, kind);
      if (read !== 'whole') {
        groupFrom = at;
        memberFrom = at;
        return read;
      }
    }
    memberFrom = at;
    if (kind === 'comma' && at - groupFrom < r.pieceChars) return undefined;
    const problem = flush(groupFrom, at, kind);
    groupFrom = at;
    return problem;
  };
  const built = (): JsonValue | unknown => {
    if (mode === 'plain') return isObject ? plainObject : plainItems;
    return isObject ? { kind: 'object', entries, position } : { kind: 'array', items, position };
  };
  let nesting = 0;
  for (let i = open + 1; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 34) {
      i = skipString(body, i);
    } else if (c === 123 || c === 91) {
      if (++nesting + depth + 1 > MAX_JSON_DEPTH && deepAt < 0) deepAt = i;
    } else if (c === 125 || c === 93) {
      if (nesting === 0) {
        const problem = separator(i, 'close');
        return problem ? { ok: false, diagnostics: problem } : { ok: true, value: built(), end: i + 1 };
      }
      nesting--;
    } else if (c === 44 && nesting === 0) {
      const problem = separator(i, 'comma');
      if (problem) return { ok: false, diagnostics: problem };
    }
  }
  // The text ends inside the container: the grammar says what it expected there.
  return { ok: false, diagnostics: separator(body.length, 'eof') ?? cutShort(r, `'${isObject ? '}' : ']'}'`).diagnostics };
}

/** The document with its top-level members that `plainMember` names as plain values. */
function plainMembers(value: JsonValue, plainMember: JsonParseOptions['plainMember']): JsonValue {
  if (!plainMember || value.kind !== 'object') return value;
  return { ...value, entries: value.entries.map(([k, v]) => [k, plainMember(k) ? { kind: 'plain', value: plainJson(v), position: v.position } : v]) };
}

/** The document ends before it is complete: one error where it ends, saying what was expected there. */
function cutShort(r: Reader, expected: string): JsonParseResult {
  return {
    value: undefined,
    diagnostics: [{
      source: r.source, ...endOf(r), severity: 'error',
      message: `the JSON ends too early (truncated?): ${expected}`,
      hint: 'the response was cut short; fetch /debug/vars again and save all of it',
      cut: true,
    }],
  };
}

/** Where the text ends: its last line (of the input: Reader.firstLine), the column past its last character. */
function endOf({ body, firstLine }: Reader): Position {
  const lastBreak = body.lastIndexOf('\n');
  return { line: firstLine + countNewlines(body), column: body.length - lastBreak };
}
