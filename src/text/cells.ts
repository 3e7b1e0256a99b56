/**
 * Text measured in terminal cells, as a terminal draws it: an East Asian wide or fullwidth
 * character takes two cells, a combining mark none. Go identifiers may be any Unicode letter
 * (go1.19-audit46-unigeneric's `处理请求`, `ゴミ`), so a table padded by string length pushes
 * their rows' columns right. Control characters are replaced first (stripControl), as every
 * report prints them.
 *
 * The reports measure with the Unicode East Asian Width table (get-east-asian-width), not with
 * string-width as the terminal UI does for pprof labels that may hold emoji sequences: loading
 * string-width costs ~320 M instructions (its grapheme segmenter and emoji property regexes),
 * a quarter of a small `heapdoc escape` run, and names in the reports' tables are identifiers.
 */
import { eastAsianWidth } from 'get-east-asian-width';
import { stripControl } from './sanitize.js';

/** Printable ASCII only: one cell per character. */
const PLAIN = /^[\x20-\x7e]*$/;

/** Marks drawn on the character before them, and invisible format characters: no cell of their own. */
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}]/u;

function charCells(char: string): number {
  return ZERO_WIDTH.test(char) ? 0 : eastAsianWidth(char.codePointAt(0) ?? 0);
}

/** Display width of a text in terminal cells. */
export function cells(text: string): number {
  if (PLAIN.test(text)) return text.length;
  let total = 0;
  for (const char of stripControl(text)) total += charCells(char);
  return total;
}

/** `text` cut to `max` cells, ending with `…` when something was cut. */
export function cutCells(text: string, max: number): string {
  if (max <= 0) return '';
  if (cells(text) <= max) return text;
  let kept = '';
  let used = 0;
  for (const char of stripControl(text)) {
    const size = charCells(char);
    if (used + size > max - 1) break;
    kept += char;
    used += size;
  }
  return `${kept}…`;
}

/** `text` (cut to `size` cells) and spaces after it up to `size` cells. */
export function padCells(text: string, size: number): string {
  const cut = cutCells(text, size);
  return cut + ' '.repeat(Math.max(0, size - cells(cut)));
}
