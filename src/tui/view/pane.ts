/** What every pane builder returns: its lines (exactly the body's height) and its focused list. */
import type { TuiContext } from '../state/reducer.js';
import { padEnd, seg, wrapText, type Line } from './line.js';

export interface PaneBody {
  lines: Line[];
  list: TuiContext['list'];
}

/** The cursor column: a marker on the selected row, so the selection shows without colour too. */
export function cursorMark(selected: boolean): string {
  return selected ? '› ' : '  ';
}

/** Highlights a selected row (inverse video; the marker says the same without it). */
export function highlight(l: Line, selected: boolean): Line {
  return selected ? l.map((s) => ({ ...s, inverse: true })) : l;
}

export function sectionTitle(text: string): Line {
  return [seg(text, { bold: true })];
}

export function note(text: string): Line {
  return [seg(text, { dim: true })];
}

/** `  name             value`, the value wrapped under itself (its spaces kept on the first line). */
export function factLines(name: string, value: string, width: number, labelWidth = 17): Line[] {
  const indent = labelWidth + 2;
  return wrapText(value, Math.max(indent + 8, width), indent, indent).map((text, i) => [
    seg(i === 0 ? `  ${padEnd(name, labelWidth)}` : ' '.repeat(indent), { dim: true }),
    seg(text.slice(indent)),
  ]);
}
