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
