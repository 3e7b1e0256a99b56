/**
 * The terminal UI's state and its typed actions: which pane has the focus, where each pane's
 * cursor is, what is drilled into, the Sites sort and filter, the help overlay, the snapshot
 * shown. Pure: `tuiReducer(state, { action, context })` — the context says what the data looks
 * like right now (the panes there are, how long the focused list is, what is under the cursor),
 * so the reducer can clamp and drill without knowing the report. Tested without Ink.
 */
import { keyToCommand, type KeyLike } from '../input/keymap.js';
import { nextSortKey, type SortKey } from '../model/sites.js';

export const PANES = ['overview', 'sites', 'escape', 'goroutines', 'series'] as const;
export type PaneId = (typeof PANES)[number];

export const PANE_TITLE: Readonly<Record<PaneId, string>> = {
  overview: 'Overview',
  sites: 'Sites',
  escape: 'Escape',
  goroutines: 'Goroutines',
  series: 'Series',
};

/** Escape pane levels: 0 packages, 1 files, 2 functions, 3 diagnostics, 4 one diagnostic's detail. */
export const ESCAPE_DETAIL_LEVEL = 4;

export interface TuiState {
  pane: PaneId;
  help: boolean;
  /** q was pressed: the app exits. */
  quit: boolean;
  /** The snapshot shown (index in report.snapshots); undefined follows the latest. */
  snapshot: number | undefined;
  overview: { cursor: number; expanded: string[] };
  sites: { cursor: number; sort: SortKey; filter: string; editing: boolean; open: string | undefined; scroll: number };
  escape: { trail: number[]; cursor: number; scroll: number };
  goroutines: { cursor: number; open: number | undefined; scroll: number };
  series: { cursor: number; open: number | undefined; scroll: number };
}

export type Move = 'up' | 'down' | 'page-up' | 'page-down' | 'top' | 'bottom';

export type TuiAction =
  | { type: 'focus-next' }
  | { type: 'focus-prev' }
  | { type: 'focus'; index: number }
  | { type: 'move'; by: Move }
  | { type: 'enter' }
  | { type: 'back' }
  | { type: 'sort-next' }
  | { type: 'filter-start' }
  | { type: 'filter-input'; text: string }
  | { type: 'filter-backspace' }
  | { type: 'filter-accept' }
  | { type: 'filter-cancel' }
  | { type: 'help-toggle' }
  | { type: 'help-close' }
  | { type: 'snapshot-prev' }
  | { type: 'snapshot-next' }
  | { type: 'quit' }
  /** A key as Ink reports it: mapped by the keymap in the mode of the state it lands on. */
  | { type: 'key'; input: string; key: KeyLike };

/** What the focused view holds right now (computed from the data by the screen builder). */
export interface TuiContext {
  /** Panes that have data, in tab order. */
  panes: readonly PaneId[];
  /** The focused list: a cursor over items, or a scrolled text. */
  list: { kind: 'cursor' | 'scroll'; count: number; page: number; selectedKey?: string | undefined };
  snapshots: number;
}

export interface Dispatched {
  action: TuiAction;
  context: TuiContext;
}

export function initialTuiState(pane: PaneId = 'overview'): TuiState {
  return {
    pane,
    help: false,
    quit: false,
    snapshot: undefined,
    overview: { cursor: 0, expanded: [] },
    sites: { cursor: 0, sort: 'inuseBytes', filter: '', editing: false, open: undefined, scroll: 0 },
    escape: { trail: [], cursor: 0, scroll: 0 },
    goroutines: { cursor: 0, open: undefined, scroll: 0 },
    series: { cursor: 0, open: undefined, scroll: 0 },
  };
}

/** Is the focused pane showing a scrolled text (a detail) rather than a list? */
export function inDetail(state: TuiState): boolean {
  switch (state.pane) {
    case 'sites': return state.sites.open !== undefined;
    case 'escape': return state.escape.trail.length >= ESCAPE_DETAIL_LEVEL;
    case 'goroutines': return state.goroutines.open !== undefined;
    case 'series': return state.series.open !== undefined;
    default: return false;
  }
}

/** The cursor (in a list) or the scroll offset (in a detail) of the focused pane. */
export function focusedPosition(state: TuiState): number {
  switch (state.pane) {
    case 'overview': return state.overview.cursor;
    case 'sites': return state.sites.open !== undefined ? state.sites.scroll : state.sites.cursor;
    case 'escape': return state.escape.trail.length >= ESCAPE_DETAIL_LEVEL ? state.escape.scroll : state.escape.cursor;
    case 'goroutines':
    case 'series': {
      const pane = state[state.pane];
      return pane.open !== undefined ? pane.scroll : pane.cursor;
    }
  }
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}

/** The new cursor (or scroll offset) after a move, within the list the context describes. */
export function moved(position: number, by: Move, list: TuiContext['list']): number {
  const page = Math.max(1, list.page);
  const last = list.kind === 'cursor' ? list.count - 1 : list.count - page;
  const max = Math.max(0, last);
  const from = clamp(position, 0, max);
  switch (by) {
    case 'up': return clamp(from - 1, 0, max);
    case 'down': return clamp(from + 1, 0, max);
    case 'page-up': return clamp(from - page, 0, max);
    case 'page-down': return clamp(from + page, 0, max);
    case 'top': return 0;
    case 'bottom': return max;
  }
}

function move(state: TuiState, by: Move, list: TuiContext['list']): TuiState {
  const next = (position: number): number => moved(position, by, list);
  switch (state.pane) {
    case 'overview':
      return { ...state, overview: { ...state.overview, cursor: next(state.overview.cursor) } };
    case 'sites':
      return state.sites.open !== undefined
        ? { ...state, sites: { ...state.sites, scroll: next(state.sites.scroll) } }
        : { ...state, sites: { ...state.sites, cursor: next(state.sites.cursor) } };
    case 'escape':
      return state.escape.trail.length >= ESCAPE_DETAIL_LEVEL
        ? { ...state, escape: { ...state.escape, scroll: next(state.escape.scroll) } }
        : { ...state, escape: { ...state.escape, cursor: next(state.escape.cursor) } };
    case 'goroutines':
    case 'series': {
      const pane = state[state.pane];
      const updated = pane.open !== undefined ? { ...pane, scroll: next(pane.scroll) } : { ...pane, cursor: next(pane.cursor) };
      return { ...state, [state.pane]: updated };
    }
  }
}

function enter(state: TuiState, list: TuiContext['list']): TuiState {
  const hasItem = list.kind === 'cursor' && list.count > 0;
  switch (state.pane) {
    case 'overview': {
      const key = list.selectedKey;
      if (!hasItem || key === undefined) return state;
      const expanded = state.overview.expanded.includes(key) ? state.overview.expanded.filter((k) => k !== key) : [...state.overview.expanded, key];
      return { ...state, overview: { ...state.overview, expanded } };
    }
    case 'sites':
      if (state.sites.open !== undefined || !hasItem || list.selectedKey === undefined) return state;
      return { ...state, sites: { ...state.sites, editing: false, open: list.selectedKey, scroll: 0 } };
    case 'escape': {
      const e = state.escape;
      if (e.trail.length >= ESCAPE_DETAIL_LEVEL || !hasItem) return state;
      return { ...state, escape: { trail: [...e.trail, clamp(e.cursor, 0, list.count - 1)], cursor: 0, scroll: 0 } };
    }
    case 'goroutines':
    case 'series': {
      const pane = state[state.pane];
      if (pane.open !== undefined || !hasItem) return state;
      return { ...state, [state.pane]: { ...pane, open: clamp(pane.cursor, 0, list.count - 1), scroll: 0 } };
    }
  }
}

function back(state: TuiState, list: TuiContext['list']): TuiState {
  switch (state.pane) {
    case 'overview': {
      const key = list.selectedKey;
      if (key === undefined || !state.overview.expanded.includes(key)) return state;
      return { ...state, overview: { ...state.overview, expanded: state.overview.expanded.filter((k) => k !== key) } };
    }
    case 'sites':
      if (state.sites.open !== undefined) return { ...state, sites: { ...state.sites, open: undefined, scroll: 0 } };
      if (state.sites.filter !== '') return { ...state, sites: { ...state.sites, filter: '', cursor: 0 } };
      return state;
    case 'escape': {
      const trail = state.escape.trail;
      if (trail.length === 0) return state;
      // Back to the list the item was chosen from, with the cursor on it.
      return { ...state, escape: { trail: trail.slice(0, -1), cursor: trail[trail.length - 1] ?? 0, scroll: 0 } };
    }
    case 'goroutines':
    case 'series': {
      const pane = state[state.pane];
      if (pane.open === undefined) return state;
      return { ...state, [state.pane]: { ...pane, cursor: pane.open, open: undefined, scroll: 0 } };
    }
  }
}

function focus(state: TuiState, panes: readonly PaneId[], step: number): TuiState {
  if (panes.length === 0) return state;
  const at = panes.indexOf(state.pane);
  const index = at < 0 ? 0 : (at + step + panes.length) % panes.length;
  return { ...state, pane: panes[index] ?? state.pane, sites: { ...state.sites, editing: false } };
}

function snapshotStep(state: TuiState, count: number, step: number): TuiState {
  if (count <= 1) return state;
  const current = state.snapshot ?? count - 1;
  const next = clamp(current + step, 0, count - 1);
  // The last one means "follow the latest" (a watch keeps adding snapshots).
  return { ...state, snapshot: next === count - 1 ? undefined : next };
}

/** The keymap's mode for a state: help shown, or the Sites filter being typed. */
export function keyMode(state: TuiState): { help: boolean; editing: boolean } {
  return { help: state.help, editing: state.pane === 'sites' && state.sites.editing };
}

export function tuiReducer(state: TuiState, { action, context }: Dispatched): TuiState {
  if (state.quit) return state;
  if (action.type === 'key') {
    const command = keyToCommand(action.input, action.key, keyMode(state));
    return command ? tuiReducer(state, { action: command, context }) : state;
  }
  if (action.type === 'quit') return { ...state, quit: true };
  if (state.help && action.type !== 'help-toggle' && action.type !== 'help-close') return state;
  switch (action.type) {
    case 'help-toggle':
      return { ...state, help: !state.help };
    case 'help-close':
      return state.help ? { ...state, help: false } : state;
    case 'focus-next':
      return focus(state, context.panes, 1);
    case 'focus-prev':
      return focus(state, context.panes, -1);
    case 'focus': {
      const pane = context.panes[action.index];
      return pane ? { ...state, pane, sites: { ...state.sites, editing: false } } : state;
    }
    case 'move':
      return move(state, action.by, context.list);
    case 'enter':
      return enter(state, context.list);
    case 'back':
      return back(state, context.list);
    case 'sort-next':
      if (state.pane !== 'sites' || state.sites.open !== undefined) return state;
      return { ...state, sites: { ...state.sites, sort: nextSortKey(state.sites.sort), cursor: 0 } };
    case 'filter-start':
      if (state.pane !== 'sites' || state.sites.open !== undefined) return state;
      return { ...state, sites: { ...state.sites, editing: true } };
    case 'filter-input':
      if (!state.sites.editing) return state;
      return { ...state, sites: { ...state.sites, filter: state.sites.filter + action.text, cursor: 0 } };
    case 'filter-backspace':
      if (!state.sites.editing) return state;
      return { ...state, sites: { ...state.sites, filter: [...state.sites.filter].slice(0, -1).join(''), cursor: 0 } };
    case 'filter-accept':
      return state.sites.editing ? { ...state, sites: { ...state.sites, editing: false } } : state;
    case 'filter-cancel':
      return state.sites.editing || state.sites.filter !== '' ? { ...state, sites: { ...state.sites, editing: false, filter: '', cursor: 0 } } : state;
    case 'snapshot-prev':
      return snapshotStep(state, context.snapshots, -1);
    case 'snapshot-next':
      return snapshotStep(state, context.snapshots, 1);
  }
}
