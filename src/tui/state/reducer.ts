/**
 * The terminal UI's state and its typed actions: which pane has the focus, where each pane's
 * cursor is, what is drilled into, each list's sort and filter, the help overlay, the snapshot
 * shown. Pure: `tuiReducer(state, { action, context })` — the context says what the data looks
 * like right now (the panes there are, how long the focused list is, what is under the cursor,
 * which sort keys it has), so the reducer can clamp and drill without knowing the report.
 * Tested without Ink.
 */
import type { Target } from '../effects.js';
import { keyToCommand, type KeyCommand, type KeyLike, type Move } from '../input/keymap.js';

export const PANES = ['overview', 'sites', 'escape', 'goroutines', 'series', 'diagnostics', 'tree', 'gclog'] as const;
export type PaneId = (typeof PANES)[number];

export const PANE_TITLE: Readonly<Record<PaneId, string>> = {
  overview: 'Overview',
  sites: 'Sites',
  tree: 'Tree',
  gclog: 'GC log',
  escape: 'Escape',
  goroutines: 'Goroutines',
  series: 'Series',
  diagnostics: 'Diagnostics',
};

/** Escape pane levels: 0 packages, 1 files, 2 functions, 3 diagnostics, 4 one diagnostic's detail. */
export const ESCAPE_DETAIL_LEVEL = 4;

/** A list's view: its cursor, sort key (undefined: the list's first) and direction, and filter text. */
export interface ListState {
  cursor: number;
  sort: string | undefined;
  /** `S` turned the sort around (smallest first, or Z→A). */
  reverse: boolean;
  filter: string;
  /**
   * The item to keep selected (its key) when the list changes under the cursor: another snapshot
   * shown, a re-sort, a cleared filter, back from an item's detail. The view puts the cursor on it
   * while the list has it (else the cursor's row stays, clamped); the next command takes the
   * cursor where the view drew it.
   */
  selected?: string | undefined;
}

/** What the Escape pane drilled into: the item's key, and the list it was chosen from as it was. */
export interface EscapeStep extends ListState {
  key: string;
}

const LIST_PANES = ['sites', 'tree', 'escape', 'goroutines', 'series', 'diagnostics'] as const;
export type ListPaneId = (typeof LIST_PANES)[number];

export interface TuiState {
  pane: PaneId;
  /** The pane a bucket of the Overview opened this one from: Esc on its list goes back (a pane key forgets it). */
  back?: PaneId | undefined;
  help: boolean;
  /** How far the help overlay is scrolled (it is taller than a small terminal). */
  helpScroll: number;
  /** q was pressed: the app exits. */
  quit: boolean;
  /** The focused list's filter is being typed (`/`). */
  editing: boolean;
  /** The snapshot shown (index in report/latest.ts seriesSnapshots: the series' snapshots); undefined follows the latest. */
  snapshot: number | undefined;
  /** Something for the app to do outside the UI (e, y, Ctrl-Z); `seq` tells two requests apart. */
  request?: { kind: 'edit' | 'copy' | 'suspend'; target?: Target | undefined; seq: number };
  /** The one-line outcome of the last request, shown until the next key. */
  message?: string;
  overview: { cursor: number; expanded: string[] };
  /**
   * `returnTo`: the site was opened from another pane (the Tree, the Overview, Escape): Esc goes
   * back there. `frame`: in the detail, the frame selected (Enter on the detail; Esc leaves it),
   * counted over every stack shown; undefined while the detail scrolls.
   */
  sites: ListState & { open: string | undefined; scroll: number; returnTo?: PaneId | undefined; frame?: number | undefined };
  /** The rows opened (their keys: paths from the top-level function) and the direction (callers when inverted). */
  tree: ListState & { expanded: string[]; inverted: boolean };
  /** The GC log pane is one scrolled text. */
  gclog: { scroll: number };
  /** `site`: in a diagnostic's detail with several heap sites, the one picked (Enter, then ↑↓); undefined while it scrolls. */
  escape: ListState & { trail: EscapeStep[]; scroll: number; site?: number | undefined };
  /** As sites: `frame` selects a frame of the group's stack; `returnTo`, opened from the Overview's growing groups. */
  goroutines: ListState & { open: string | undefined; scroll: number; returnTo?: PaneId | undefined; frame?: number | undefined };
  series: ListState & { open: string | undefined; scroll: number };
  diagnostics: ListState & { open: string | undefined; scroll: number };
}

export type { Move } from '../input/keymap.js';

/** What the reducer takes: a command (input/keymap.ts lists them), or a key it maps in the state's mode. */
export type TuiAction =
  | KeyCommand
  /** The app ran the request (e, y, Ctrl-Z): its outcome. */
  | { type: 'request-done'; message: string }
  /** A key as Ink reports it: mapped by the keymap in the mode of the state it lands on. */
  | { type: 'key'; input: string; key: KeyLike };

/** What the focused view holds right now (computed from the data by the screen builder). */
export interface TuiContext {
  /** Panes that have data, in tab order. */
  panes: readonly PaneId[];
  /**
   * The focused list: a cursor over items, or a scrolled text; the key of the item under the
   * cursor; the sort keys it offers (`s` cycles them) and whether `/` filters it.
   */
  list: {
    kind: 'cursor' | 'scroll'; count: number; page: number; selectedKey?: string | undefined;
    /** Where the view drew the cursor (ListState.selected resolved), for a list. */
    cursor?: number | undefined;
    sorts?: readonly string[]; filterable?: boolean; target?: Target | undefined; tree?: TreeRowContext;
    /** Without a target: why `e` and `y` have nothing here, said in the status bar (the GC log pane of a log of short marks and few assists). */
    untargeted?: string;
    /** The lowest cursor position, below 0 for items above the list's first (the Overview's buckets, reached with ↑). */
    first?: number;
    /** The panes an Overview bucket opens, by its key (BUCKET_ITEM…): live → sites, stacks → goroutines. */
    opens?: PaneId | undefined;
    /**
     * What an expanded Overview finding names and Enter opens: a goroutine group (GROUP_ITEM…) or an
     * allocation site (SITE_ITEM…); `message`, what the status bar says once it is open (the first
     * of several sites the finding names).
     */
    names?: { key: string; message?: string | undefined } | undefined;
    /** A site or goroutine detail's frames (while it scrolls): how many, and the one Enter selects first (the site's own). */
    frames?: { count: number; first: number } | undefined;
    /** An escape diagnostic's heap site (its key in Sites), which Enter opens: the only one, or the one picked. */
    site?: string | undefined;
    /** An escape diagnostic joined to several heap sites, none picked yet: how many Enter lets ↑↓ pick from. */
    sites?: number | undefined;
  };
  snapshots: number;
}

/** The Tree pane's row under the cursor: what Enter and ← do with it. */
export interface TreeRowContext {
  expandable: boolean;
  expanded: boolean;
  /** The allocation site Enter opens (a site row, or a function whose stacks all end at one site). */
  site: string | undefined;
  /** The index of the row it hangs from. */
  parent: number | undefined;
  /** Its top-level function's key and index among the top-level rows. */
  top: { key: string; index: number };
}

export interface Dispatched {
  action: TuiAction;
  context: TuiContext;
}

/** An Overview item that is a bucket of the breakdown (above the list, reached with ↑): its key is this, then the bucket. */
export const BUCKET_ITEM = 'bucket\u0001';

/** An Overview item that is a site (a growing one under the leak evidence): its key is this, then the site's key (model/sites.ts siteKey). */
export const SITE_ITEM = 'site\u0001';

/** An Overview item that is a growing goroutine group: its key is this, then the group's row key in Goroutines (model/goroutines.ts rowKey). */
export const GROUP_ITEM = 'group\u0001';

const EMPTY_LIST: ListState = { cursor: 0, sort: undefined, reverse: false, filter: '' };

export function initialTuiState(pane: PaneId = 'overview'): TuiState {
  return {
    pane,
    help: false,
    helpScroll: 0,
    quit: false,
    editing: false,
    snapshot: undefined,
    overview: { cursor: 0, expanded: [] },
    sites: { ...EMPTY_LIST, open: undefined, scroll: 0 },
    tree: { ...EMPTY_LIST, expanded: [], inverted: false },
    gclog: { scroll: 0 },
    escape: { ...EMPTY_LIST, trail: [], scroll: 0 },
    goroutines: { ...EMPTY_LIST, open: undefined, scroll: 0 },
    series: { ...EMPTY_LIST, open: undefined, scroll: 0 },
    diagnostics: { ...EMPTY_LIST, open: undefined, scroll: 0 },
  };
}

function isListPane(pane: PaneId): pane is ListPaneId {
  return (LIST_PANES as readonly PaneId[]).includes(pane);
}

/** The list the user sorts and filters in the focused pane, when it shows a list (not a detail). */
export function focusedList(state: TuiState): ListState | undefined {
  return isListPane(state.pane) && !inDetail(state) ? state[state.pane] : undefined;
}

function withList(state: TuiState, change: Partial<ListState>): TuiState {
  if (!isListPane(state.pane)) return state;
  return { ...state, [state.pane]: { ...state[state.pane], ...change } };
}

/** Is the focused pane showing a scrolled text (a detail) rather than a list? */
export function inDetail(state: TuiState): boolean {
  switch (state.pane) {
    case 'sites': return state.sites.open !== undefined;
    case 'tree': return false;
    case 'gclog': return true;
    case 'escape': return state.escape.trail.length >= ESCAPE_DETAIL_LEVEL;
    case 'goroutines':
    case 'series':
    case 'diagnostics': return state[state.pane].open !== undefined;
    default: return false;
  }
}

/** The cursor (in a list) or the scroll offset (in a detail) of the focused pane. */
export function focusedPosition(state: TuiState): number {
  switch (state.pane) {
    case 'overview': return state.overview.cursor;
    case 'sites': return state.sites.open !== undefined ? state.sites.frame ?? state.sites.scroll : state.sites.cursor;
    case 'tree': return state.tree.cursor;
    case 'gclog': return state.gclog.scroll;
    case 'escape': return state.escape.trail.length >= ESCAPE_DETAIL_LEVEL ? state.escape.site ?? state.escape.scroll : state.escape.cursor;
    case 'goroutines':
      return state.goroutines.open !== undefined ? state.goroutines.frame ?? state.goroutines.scroll : state.goroutines.cursor;
    case 'series':
    case 'diagnostics': {
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
  const min = Math.min(0, list.first ?? 0);
  const from = clamp(position, min, max);
  switch (by) {
    case 'up': return clamp(from - 1, min, max);
    case 'down': return clamp(from + 1, min, max);
    case 'page-up': return clamp(from - page, min, max);
    case 'page-down': return clamp(from + page, min, max);
    case 'top': return min;
    case 'bottom': return max;
  }
}

function move(state: TuiState, by: Move, list: TuiContext['list']): TuiState {
  const next = (position: number): number => moved(position, by, list);
  switch (state.pane) {
    case 'overview':
      return { ...state, overview: { ...state.overview, cursor: next(state.overview.cursor) } };
    case 'tree':
      return { ...state, tree: { ...state.tree, cursor: next(state.tree.cursor), selected: undefined } };
    case 'gclog':
      return { ...state, gclog: { scroll: next(state.gclog.scroll) } };
    default: {
      const pane = state[state.pane];
      const frame = selectedFrame(state);
      const site = pickedSite(state);
      // In frame mode the moves go from frame to frame (the view keeps the frame in sight); picking a diagnostic's heap site, from site to site.
      const updated = frame !== undefined ? { ...pane, frame: next(frame) }
        : site !== undefined ? { ...pane, site: next(site) }
        : inDetail(state) ? { ...pane, scroll: next(pane.scroll) } : { ...pane, cursor: next(pane.cursor), selected: undefined };
      return { ...state, [state.pane]: updated };
    }
  }
}

/** The heap site picked in the focused escape diagnostic's detail, undefined when it scrolls. */
export function pickedSite(state: TuiState): number | undefined {
  return state.pane === 'escape' && state.escape.trail.length >= ESCAPE_DETAIL_LEVEL ? state.escape.site : undefined;
}

/** The frame selected in the focused site or goroutine detail, undefined when it scrolls. */
export function selectedFrame(state: TuiState): number | undefined {
  if (state.pane === 'sites' && state.sites.open !== undefined) return state.sites.frame;
  if (state.pane === 'goroutines' && state.goroutines.open !== undefined) return state.goroutines.frame;
  return undefined;
}

function enter(state: TuiState, list: TuiContext['list']): TuiState {
  const hasItem = list.kind === 'cursor' && list.count > 0;
  switch (state.pane) {
    case 'overview': {
      const key = list.selectedKey;
      // A bucket (above the list: there may be no item below it) opens the pane that shows what
      // makes it: live, the allocation sites; stacks, the goroutines.
      if (key?.startsWith(BUCKET_ITEM)) return list.opens !== undefined && list.opens !== 'overview' ? { ...state, editing: false, pane: list.opens, back: 'overview' } : state;
      if (!hasItem || key === undefined) return state;
      // A growing site under the leak evidence opens in Sites, a growing goroutine group in Goroutines;
      // so does the site or group an expanded finding names (Esc on the finding collapses it instead). Esc comes back here.
      const named = key.startsWith(SITE_ITEM) || key.startsWith(GROUP_ITEM) ? { key } : state.overview.expanded.includes(key) ? list.names : undefined;
      const said = named?.message !== undefined ? { message: named.message } : {};
      if (named?.key.startsWith(SITE_ITEM)) return { ...state, ...said, editing: false, pane: 'sites', sites: { ...state.sites, open: named.key.slice(SITE_ITEM.length), scroll: 0, frame: undefined, returnTo: 'overview' } };
      if (named?.key.startsWith(GROUP_ITEM)) return { ...state, ...said, editing: false, pane: 'goroutines', goroutines: { ...state.goroutines, open: named.key.slice(GROUP_ITEM.length), scroll: 0, frame: undefined, returnTo: 'overview' } };
      const expanded = state.overview.expanded.includes(key) ? state.overview.expanded.filter((k) => k !== key) : [...state.overview.expanded, key];
      return { ...state, overview: { ...state.overview, expanded } };
    }
    case 'tree': {
      const row = list.tree;
      if (!hasItem || !row || list.selectedKey === undefined) return state;
      // A site (or a function all of whose stacks end at one) opens in Sites; Esc comes back here.
      if (row.site !== undefined) return { ...state, editing: false, pane: 'sites', sites: { ...state.sites, open: row.site, scroll: 0, frame: undefined, returnTo: 'tree' } };
      if (!row.expandable) return state;
      return { ...state, tree: { ...state.tree, expanded: toggled(state.tree.expanded, list.selectedKey) } };
    }
    case 'escape': {
      const e = state.escape;
      // A diagnostic's detail: Enter opens the heap site the join put it on (Esc comes back here);
      // joined to several, Enter first lets ↑↓ pick one, the largest selected.
      if (e.trail.length >= ESCAPE_DETAIL_LEVEL) {
        if (e.site === undefined && (list.sites ?? 0) > 1) return { ...state, escape: { ...e, site: 0, scroll: 0 } };
        return list.site !== undefined ? { ...state, editing: false, pane: 'sites', sites: { ...state.sites, open: list.site, scroll: 0, frame: undefined, returnTo: 'escape' } } : state;
      }
      if (!hasItem || list.selectedKey === undefined) return state;
      // The next level starts unsorted and unfiltered; the step keeps this level's view for Esc.
      const step: EscapeStep = { key: list.selectedKey, cursor: clamp(e.cursor, 0, list.count - 1), sort: e.sort, reverse: e.reverse, filter: e.filter };
      return { ...state, editing: false, escape: { ...EMPTY_LIST, trail: [...e.trail, step], scroll: 0 } };
    }
    case 'gclog':
      return state;
    default: {
      const pane = state[state.pane];
      // In a site's or a group's detail, Enter selects a frame (the site's own first): frame mode.
      if (pane.open !== undefined) {
        const frames = list.frames;
        return (state.pane === 'sites' || state.pane === 'goroutines') && selectedFrame(state) === undefined && frames && frames.count > 0
          ? { ...state, [state.pane]: { ...pane, frame: clamp(frames.first, 0, frames.count - 1) } } : state;
      }
      if (!hasItem || list.selectedKey === undefined) return state;
      return { ...state, editing: false, [state.pane]: { ...pane, open: list.selectedKey, scroll: 0, ...(state.pane === 'sites' || state.pane === 'goroutines' ? { frame: undefined, returnTo: undefined } : {}) } };
    }
  }
}

function back(state: TuiState, list: TuiContext['list']): TuiState {
  switch (state.pane) {
    case 'tree': {
      const t = state.tree;
      const row = list.tree;
      // Collapse the row; on a row inside a tree, go up to the row it hangs from.
      if (row?.expanded && list.selectedKey !== undefined) return { ...state, tree: { ...t, expanded: toggled(t.expanded, list.selectedKey) } };
      if (row?.parent !== undefined) return { ...state, tree: { ...t, cursor: row.parent } };
      if (t.filter !== '') return { ...state, tree: { ...t, filter: '', selected: list.selectedKey } };
      return state;
    }
    case 'sites': {
      const s = state.sites;
      if (s.open !== undefined && s.frame !== undefined) return { ...state, sites: { ...s, frame: undefined } };
      // Back on the list with the site that was open selected (`[`/`]` in the detail may have changed the list under it).
      if (s.open !== undefined) return { ...state, pane: s.returnTo ?? 'sites', sites: { ...s, open: undefined, scroll: 0, frame: undefined, returnTo: undefined, selected: s.open } };
      if (s.filter !== '') return { ...state, sites: { ...s, filter: '', selected: list.selectedKey } };
      return state.back ? { ...state, pane: state.back, back: undefined } : state;
    }
    case 'overview': {
      const key = list.selectedKey;
      if (key === undefined || !state.overview.expanded.includes(key)) return state;
      return { ...state, overview: { ...state.overview, expanded: state.overview.expanded.filter((k) => k !== key) } };
    }
    case 'escape': {
      const e = state.escape;
      const inside = e.trail.length >= ESCAPE_DETAIL_LEVEL;
      if (inside && e.site !== undefined) return { ...state, escape: { ...e, site: undefined } };
      if (!inside && e.filter !== '') return { ...state, escape: { ...e, filter: '', selected: list.selectedKey } };
      const last = e.trail[e.trail.length - 1];
      if (!last) return state;
      // Back to the list the item was chosen from, as it was, with the cursor on it.
      const { key: _key, ...view } = last;
      return { ...state, escape: { ...view, trail: e.trail.slice(0, -1), scroll: 0 } };
    }
    case 'gclog':
      return state;
    case 'goroutines': {
      const g = state.goroutines;
      if (g.open !== undefined && g.frame !== undefined) return { ...state, goroutines: { ...g, frame: undefined } };
      // Opened from the Overview (a growing group): Esc goes back there.
      if (g.open !== undefined) return { ...state, pane: g.returnTo ?? 'goroutines', goroutines: { ...g, open: undefined, scroll: 0, frame: undefined, returnTo: undefined, selected: g.open } };
      if (g.filter !== '') return { ...state, goroutines: { ...g, filter: '', selected: list.selectedKey } };
      return state.back ? { ...state, pane: state.back, back: undefined } : state;
    }
    default: {
      const pane = state[state.pane];
      if (pane.open !== undefined) return { ...state, [state.pane]: { ...pane, open: undefined, scroll: 0, selected: pane.open } };
      if (pane.filter !== '') return { ...state, [state.pane]: { ...pane, filter: '', selected: list.selectedKey } };
      return state.back ? { ...state, pane: state.back, back: undefined } : state;
    }
  }
}

function toggled(keys: readonly string[], key: string): string[] {
  return keys.includes(key) ? keys.filter((k) => k !== key) : [...keys, key];
}

/** Callers instead of callees (or back): the function under the cursor stays selected and opened. */
function invert(state: TuiState, list: TuiContext['list']): TuiState {
  if (state.pane !== 'tree') return state;
  const top = list.tree?.top;
  return { ...state, tree: { ...state.tree, inverted: !state.tree.inverted, expanded: top ? [top.key] : [], cursor: top?.index ?? 0 } };
}

function focus(state: TuiState, panes: readonly PaneId[], step: number): TuiState {
  if (panes.length === 0) return state;
  const at = panes.indexOf(state.pane);
  const index = at < 0 ? 0 : (at + step + panes.length) % panes.length;
  return { ...state, pane: panes[index] ?? state.pane, editing: false, back: undefined };
}

function snapshotStep(state: TuiState, context: TuiContext, step: number): TuiState {
  const count = context.snapshots;
  if (count <= 1) return state;
  const current = state.snapshot ?? count - 1;
  const next = clamp(current + step, 0, count - 1);
  // The last one means "follow the latest" (a watch keeps adding snapshots).
  const stepped = { ...state, snapshot: next === count - 1 ? undefined : next };
  // The selected site (function + file:line) stays selected in the other snapshot: the list is another dump's.
  const view = focusedList(state);
  return view ? withList(stepped, { selected: view.selected ?? context.list.selectedKey }) : stepped;
}

/** The keymap's mode for a state: help shown, or a filter being typed. */
export function keyMode(state: TuiState): { help: boolean; editing: boolean } {
  return { help: state.help, editing: state.editing && focusedList(state) !== undefined };
}

/** The next sort key of the list (or the same key turned around), from the keys it offers. */
function sortStep(state: TuiState, list: TuiContext['list'], reverse: boolean): TuiState {
  const view = focusedList(state);
  const sorts = list.sorts ?? [];
  if (!view || sorts.length === 0) return state;
  const current = view.sort !== undefined && sorts.includes(view.sort) ? view.sort : sorts[0];
  // The selected item stays selected in the new order.
  const selected = view.selected ?? list.selectedKey;
  if (reverse) return withList(state, { reverse: !view.reverse, selected });
  const next = sorts[(sorts.indexOf(current as string) + 1) % sorts.length];
  return withList(state, { sort: next, reverse: false, selected });
}

/** The focused list's cursor where the view drew it (on its selected item), before a command moves it. */
function settled(state: TuiState, context: TuiContext): TuiState {
  const view = focusedList(state);
  if (view?.selected === undefined || context.list.kind !== 'cursor' || context.list.cursor === undefined) return state;
  // An item this list does not have (a site not yet in an earlier snapshot) stays the one to
  // select, until the cursor moves: `[` then `]` comes back to it.
  return withList(state, { cursor: context.list.cursor, selected: context.list.selectedKey === view.selected ? undefined : view.selected });
}

export function tuiReducer(state: TuiState, { action, context }: Dispatched): TuiState {
  if (state.quit) return state;
  if (action.type === 'key') {
    const command = keyToCommand(action.input, action.key, keyMode(state));
    // A key dismisses the last request's message.
    const fresh = state.message !== undefined ? { ...state, message: undefined } : state;
    return command ? tuiReducer(fresh, { action: command, context }) : fresh;
  }
  if (action.type === 'quit') return { ...state, quit: true };
  state = settled(state, context);
  if (action.type === 'request-done') return { ...state, request: undefined, message: action.message };
  if (action.type === 'suspend') return { ...state, request: { kind: 'suspend', seq: (state.request?.seq ?? 0) + 1 } };
  if (state.help) {
    // The help overlay's context is its own scrolled text (screen.ts).
    if (action.type === 'move') return { ...state, helpScroll: moved(state.helpScroll, action.by, context.list) };
    if (action.type !== 'help-toggle' && action.type !== 'help-close') return state;
  }
  switch (action.type) {
    case 'help-toggle':
      return { ...state, help: !state.help, helpScroll: 0 };
    case 'help-close':
      return state.help ? { ...state, help: false } : state;
    case 'focus-next':
      return focus(state, context.panes, 1);
    case 'focus-prev':
      return focus(state, context.panes, -1);
    case 'focus': {
      const pane = context.panes[action.index];
      return pane ? { ...state, pane, editing: false, back: undefined } : state;
    }
    case 'focus-pane':
      return context.panes.includes(action.pane) ? { ...state, pane: action.pane, editing: false, back: undefined } : state;
    case 'invert':
      return invert(state, context.list);
    case 'move':
      return move(state, action.by, context.list);
    case 'enter':
      return enter(state, context.list);
    case 'expand':
      // On an opened row of the Tree, → goes to its first child (Enter closes it).
      if (state.pane === 'tree' && context.list.tree?.expanded) return move(state, 'down', context.list);
      return enter(state, context.list);
    case 'back':
      return back(state, context.list);
    case 'sort-next':
      return sortStep(state, context.list, false);
    case 'sort-reverse':
      return sortStep(state, context.list, true);
    case 'filter-start':
      return focusedList(state) && context.list.filterable !== false ? { ...state, editing: true } : state;
    case 'filter-input': {
      const view = focusedList(state);
      if (!state.editing || !view) return state;
      return withList(state, { filter: view.filter + action.text, cursor: 0, selected: undefined });
    }
    case 'filter-backspace': {
      const view = focusedList(state);
      if (!state.editing || !view) return state;
      return withList(state, { filter: [...view.filter].slice(0, -1).join(''), cursor: 0, selected: undefined });
    }
    case 'filter-accept':
      return state.editing ? { ...state, editing: false } : state;
    case 'filter-cancel': {
      const view = focusedList(state);
      if (!view) return state.editing ? { ...state, editing: false } : state;
      return state.editing || view.filter !== '' ? withList({ ...state, editing: false }, { filter: '', selected: context.list.selectedKey }) : state;
    }
    case 'edit':
    case 'copy':
      if (state.request) return state;
      if (!context.list.target && context.list.untargeted) return { ...state, message: context.list.untargeted };
      return { ...state, request: { kind: action.type, target: context.list.target, seq: 1 } };
    case 'snapshot-prev':
      return snapshotStep(state, context, -1);
    case 'snapshot-next':
      return snapshotStep(state, context, 1);
  }
}
