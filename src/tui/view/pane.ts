/** What every pane builder returns: its lines (exactly the body's height) and its focused list. */
import { sortArrow, sortKeys, type ListView, type SortSpec } from '../model/list.js';
import type { ListState, TuiContext } from '../state/reducer.js';
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

/** `N` or `N of M` (filtered), the sort and its arrow, and the filter (being typed, or kept); `countInTitle`: `N` only when filtered (the title says it). */
export function listStatus<T>(view: ListView<T>, filter: string, editing: boolean, noun: string, sortLabel = true, countInTitle = false): Line {
  const filtered = view.items.length !== view.total;
  const shown = filtered ? `${view.items.length} of ${view.total}` : `${view.total}`;
  // `noun` is plural ('functions'): one of one is `1 function`.
  const said = view.total === 1 ? noun.replace(/s$/, '') : noun;
  // A title that says the count already (`Diagnostics · 1 error`) is not followed by it again, unless a filter narrows it.
  const count = countInTitle && !filtered ? '' : ` · ${shown}${said ? ` ${said}` : ''}`;
  const parts: Line = [seg(`${count}${sortLabel ? ` · sort: ${view.sort.label} ${sortArrow(view)}` : ''}`)];
  if (editing) parts.push(seg(' · filter: '), seg(`/${filter}▏`, { color: 'yellow', bold: true }));
  else if (filter !== '') parts.push(seg(` · filter: "${filter}"`, { color: 'yellow' }));
  return parts;
}

/** The focused list's context for the reducer: its keys to sort by, and that it filters. */
export function listContext<T>(count: number, page: number, selectedKey: string | undefined, specs: readonly SortSpec<T>[], cursor?: number): TuiContext['list'] {
  return { kind: 'cursor', count, page, selectedKey, cursor, sorts: sortKeys(specs), filterable: true };
}

/** Where a list's cursor is drawn: on its selected item while the list has it (reducer.ts ListState.selected), else on the cursor's row, clamped. */
export function cursorIn<T>(state: Pick<ListState, 'cursor' | 'selected'>, items: readonly T[], key: (item: T) => string): number {
  const at = state.selected !== undefined ? items.findIndex((item) => key(item) === state.selected) : -1;
  return at >= 0 ? at : Math.max(0, Math.min(state.cursor, items.length - 1));
}

/** Said when a filter leaves nothing. */
export function noMatch(state: Pick<ListState, 'filter'>, what: string): Line {
  return note(`No ${what} matches "${state.filter}" (Esc clears the filter).`);
}
