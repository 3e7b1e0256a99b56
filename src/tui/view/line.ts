/**
 * The terminal UI draws lines, not free-flowing text: every pane is built as a list of `Line`s
 * of known width, so the screen is exactly the terminal's size at any width (80×24 included)
 * and a frame can be asserted line by line. A `Line` is a list of styled segments; `LinesView`
 * renders them with Ink, passing every segment's text through `stripControl` first.
 *
 * Widths are terminal cells (string-width): a CJK label or an emoji in a pprof label takes two,
 * a combining mark none. Text is measured as it will be drawn, control characters replaced.
 */
import { words as unitWords } from '../../text/wrap.js';
import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import { stripControl } from '../../text/sanitize.js';

/** Ink colour names the UI uses. */
export type Tone = 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'gray';

export interface Segment {
  text: string;
  color?: Tone;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
}

export type Line = Segment[];

export type Style = Omit<Segment, 'text'>;

export function seg(text: string, style: Style = {}): Segment {
  return { text, ...style };
}

export function line(...parts: (Segment | string)[]): Line {
  return parts.map((p) => (typeof p === 'string' ? { text: p } : p));
}

const EMPTY: Line = [];

/** Display width of a text in terminal cells, as LinesView draws it. */
export function width(text: string): number {
  return stringWidth(stripControl(text));
}

export function lineText(l: Line): string {
  return l.map((s) => s.text).join('');
}

/** Cuts `text` to `max` cells, ending with `…` when something was cut. */
export function truncate(text: string, max: number): string {
  if (max <= 0) return '';
  const clean = stripControl(text);
  if (stringWidth(clean) <= max) return text;
  return cliTruncate(clean, max, { position: 'end' });
}

/** Cuts `text` to `max` cells in the middle, keeping both ends (`crash-…-all.txt`): a file name. */
export function truncateMiddle(text: string, max: number): string {
  if (max <= 0) return '';
  const clean = stripControl(text);
  if (stringWidth(clean) <= max) return clean;
  return cliTruncate(clean, max, { position: 'middle' });
}

/** Cuts `text` to `max` cells from the left, keeping its end (`…http.(*conn).serve`). */
export function truncateStart(text: string, max: number): string {
  if (max <= 0) return '';
  const clean = stripControl(text);
  if (stringWidth(clean) <= max) return text;
  return cliTruncate(clean, max, { position: 'start' });
}

/**
 * Cuts a Go function name to `max` cells in the middle, keeping its package and its last part:
 * `net/http.(*conn)…serve`, where cutting the start would lose which package it is.
 */
export function truncateFunction(name: string, max: number): string {
  if (max <= 0) return '';
  const clean = stripControl(name);
  if (stringWidth(clean) <= max) return name;
  const slash = clean.lastIndexOf('/');
  const dot = clean.indexOf('.', slash + 1);
  const lastDot = clean.lastIndexOf('.');
  // The package with its dot, and the last name (`serve`, `func1`): both whole when they fit.
  const head = dot > 0 ? clean.slice(0, dot + 1) : '';
  const tail = lastDot > dot ? clean.slice(lastDot + 1) : '';
  const headCells = stringWidth(head);
  const tailCells = stringWidth(tail);
  if (head === '' || headCells + 1 + Math.min(tailCells, 4) > max) return cliTruncate(clean, max, { position: 'middle' });
  const tailRoom = Math.min(tailCells, max - headCells - 1);
  // What is left goes to the text after the package (`(*conn)`), read from its start.
  const middleRoom = max - headCells - 1 - tailRoom;
  const middle = clean.slice(head.length, clean.length - tail.length);
  const kept = middleRoom > 0 ? cliTruncate(middle, middleRoom + 1, { position: 'end' }).slice(0, -1) : '';
  const end = tailRoom < tailCells ? cliTruncate(tail, tailRoom + 1, { position: 'start' }).slice(1) : tail;
  return `${head}${kept}…${end}`;
}

export function padEnd(text: string, size: number): string {
  const t = truncate(text, size);
  return t + ' '.repeat(Math.max(0, size - width(t)));
}

export function padStart(text: string, size: number): string {
  const t = truncate(text, size);
  return ' '.repeat(Math.max(0, size - width(t))) + t;
}

/** Cuts a line to `max` cells (segment by segment). */
export function fitLine(l: Line, max: number): Line {
  const out: Line = [];
  let used = 0;
  for (const s of l) {
    const w = width(s.text);
    if (used + w <= max) {
      out.push(s);
      used += w;
      continue;
    }
    const room = max - used;
    if (room > 0) out.push({ ...s, text: truncate(s.text, room) });
    break;
  }
  return out;
}

/** Word-wraps `text` to `max` cells: the first line after `firstIndent` spaces, the rest after `indent`. */
export function wrapText(text: string, max: number, indent = 0, firstIndent = indent): string[] {
  // A number and its unit stay together ("36.3 MiB"), as in the text reports.
  const words = unitWords(stripControl(text));
  const lines: string[] = [];
  let current = ' '.repeat(firstIndent);
  let empty = true;
  for (const word of words) {
    const room = max - width(current) - (empty ? 0 : 1);
    if (!empty && width(word) > room) {
      lines.push(current);
      current = ' '.repeat(indent);
      empty = true;
    }
    const limit = max - width(current);
    // A word longer than the whole line (a long path) is cut rather than overflowing.
    const piece = width(word) > limit ? truncate(word, Math.max(1, limit)) : word;
    current += (empty ? '' : ' ') + piece;
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(current);
  return lines;
}

/** Wraps text into lines of one style. */
export function wrapLines(text: string, max: number, style: Style = {}, indent = 0, firstIndent = indent): Line[] {
  return wrapText(text, max, indent, firstIndent).map((t) => [seg(t, style)]);
}

/**
 * The first visible index of a scrolled list: the selection stays in view, centred where the
 * list is long enough (stateless: the same cursor always shows the same window).
 */
export function windowStart(cursor: number, count: number, height: number): number {
  if (count <= height || height <= 0) return 0;
  const centred = cursor - Math.floor(height / 2);
  return Math.max(0, Math.min(centred, count - height));
}

/**
 * Like `windowStart` for a block of lines [start, end] (a selected item that spans several
 * lines): the block's first line is always shown, and as much of the rest as fits.
 */
export function windowAround(start: number, end: number, count: number, height: number): number {
  if (count <= height || height <= 0) return 0;
  let offset = windowStart(start, count, height);
  if (end >= offset + height) offset = Math.min(start, end - height + 1);
  return Math.max(0, Math.min(offset, count - height));
}

/**
 * The least scrolling that shows a block [start, end]: none while it fits below the top (a
 * header above the list stays), else just enough to show its end, never past its first line.
 */
export function minimalWindow(start: number, end: number, count: number, height: number): number {
  if (count <= height || height <= 0 || end < height) return 0;
  return Math.max(0, Math.min(start, end - height + 1, count - height));
}

/** Exactly `height` lines: cut, or padded with empty lines. */
export function frame(lines: readonly Line[], height: number): Line[] {
  const out = lines.slice(0, Math.max(0, height));
  while (out.length < height) out.push(EMPTY);
  return out;
}

/** At most `max` of `lines` (as wrapLines makes them: one segment each); when some are cut, the last kept ends with …. */
export function clipLines(lines: readonly Line[], max: number, width: number): Line[] {
  const kept = lines.slice(0, max);
  const end = lines.length > max ? kept[max - 1]?.[0] : undefined;
  if (end) kept[max - 1] = [{ ...end, text: truncate(`${end.text} …`, width) }];
  return kept;
}
