import type { IToken } from 'chevrotain';

/** A 1-based line and column in the whole input (not in the chunk being lexed). */
export interface Position {
  line: number;
  column: number;
}

/**
 * The input position of a token. Chunks are lexed separately, so the token's line is relative to
 * its chunk; `firstLine` is the input line the chunk starts on. Tokens that Chevrotain's error
 * recovery inserts have NaN positions: they fall back to `fallback`, so that no NaN ever reaches
 * a diagnostic or a model node. This file is the one place that does position arithmetic.
 */
export function tokenPosition<F extends Position | undefined>(token: IToken | undefined, firstLine: number, fallback: F): Position | F {
  if (!token) return fallback;
  const line = token.startLine;
  const column = token.startColumn;
  if (line === undefined || column === undefined || Number.isNaN(line) || Number.isNaN(column)) return fallback;
  return { line: tokenLine(token, firstLine), column };
}

/**
 * The input line of a token, as tokenPosition's, without a Position object (a reader that keeps
 * the line as a number: the heap grammar's frame table); `firstLine` for a token without one.
 */
export function tokenLine(token: IToken, firstLine: number): number {
  const line = token.startLine;
  return line === undefined || Number.isNaN(line) ? firstLine : firstLine + line - 1;
}

/** The column of a token, as tokenPosition's, without a Position object; 1 for a token without one. */
export function tokenColumn(token: IToken): number {
  const column = token.startColumn;
  return column === undefined || Number.isNaN(column) ? 1 : column;
}

/**
 * Moves tokens lexed from a piece of a line-less input (a JSON document read member by member)
 * to where the piece starts: `at` is the piece's first character. Lines shift by its line, and
 * the columns of the piece's first line by its column (later lines start at column 1).
 */
export function shiftTokens(tokens: IToken[], at: Position, offset: number): void {
  for (const t of tokens) {
    const line = t.startLine ?? 1;
    if (line === 1) t.startColumn = (t.startColumn ?? 1) + at.column - 1;
    t.startLine = line + at.line - 1;
    t.startOffset += offset;
  }
}

/** A position in a piece (1-based, as a lexer error gives it) as a position in the whole input (see shiftTokens). */
export function shiftPosition(line: number, column: number, at: Position): Position {
  return { line: line + at.line - 1, column: line === 1 ? column + at.column - 1 : column };
}
