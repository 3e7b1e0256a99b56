import { describe, expect, it } from 'vitest';
import {
  focusedPosition, initialTuiState, inDetail, keyMode, moved, tuiReducer,
  type Dispatched, type TuiAction, type TuiContext, type TuiState,
} from '../../src/tui/state/reducer.js';

const PANES = ['overview', 'sites', 'escape', 'goroutines', 'series'] as const;

function ctx(list: Partial<TuiContext['list']> = {}, more: Partial<TuiContext> = {}): TuiContext {
  return { panes: PANES, list: { kind: 'cursor', count: 10, page: 5, ...list }, snapshots: 1, ...more };
}

function run(state: TuiState, actions: TuiAction[], context: TuiContext = ctx()): TuiState {
  return actions.reduce((s, action) => tuiReducer(s, { action, context } satisfies Dispatched), state);
}

const down: TuiAction = { type: 'move', by: 'down' };
const up: TuiAction = { type: 'move', by: 'up' };

describe('moved', () => {
  it('clamps a cursor to the list and a scroll to the last page', () => {
    expect(moved(0, 'up', { kind: 'cursor', count: 3, page: 2 })).toBe(0);
    expect(moved(2, 'down', { kind: 'cursor', count: 3, page: 2 })).toBe(2);
    expect(moved(0, 'bottom', { kind: 'cursor', count: 3, page: 2 })).toBe(2);
    expect(moved(0, 'page-down', { kind: 'cursor', count: 30, page: 10 })).toBe(10);
    expect(moved(0, 'bottom', { kind: 'scroll', count: 30, page: 10 })).toBe(20);
    expect(moved(25, 'up', { kind: 'scroll', count: 30, page: 10 })).toBe(19);
    expect(moved(0, 'down', { kind: 'cursor', count: 0, page: 10 })).toBe(0);
  });
});

describe('tuiReducer', () => {
  it('cycles panes with Tab and Shift-Tab, only through the panes there are', () => {
    const panes = ['overview', 'sites', 'series'] as const;
    const s1 = run(initialTuiState(), [{ type: 'focus-next' }, { type: 'focus-next' }], ctx({}, { panes }));
    expect(s1.pane).toBe('series');
    expect(run(s1, [{ type: 'focus-next' }], ctx({}, { panes })).pane).toBe('overview');
    expect(run(initialTuiState(), [{ type: 'focus-prev' }], ctx({}, { panes })).pane).toBe('series');
    expect(run(initialTuiState(), [{ type: 'focus', index: 1 }], ctx({}, { panes })).pane).toBe('sites');
    expect(run(initialTuiState(), [{ type: 'focus', index: 4 }], ctx({}, { panes })).pane).toBe('overview');
  });

  it('moves the focused pane\'s cursor within the list', () => {
    const s = run(initialTuiState('sites'), [down, down, down, up], ctx({ count: 3 }));
    expect(s.sites.cursor).toBe(1);
    expect(s.overview.cursor).toBe(0);
    expect(run(s, [{ type: 'move', by: 'bottom' }], ctx({ count: 3 })).sites.cursor).toBe(2);
  });

  it('expands and collapses a finding by its key', () => {
    const c = ctx({ selectedKey: 'idle-heap-retained#0' });
    const open = run(initialTuiState(), [{ type: 'enter' }], c);
    expect(open.overview.expanded).toEqual(['idle-heap-retained#0']);
    expect(run(open, [{ type: 'enter' }], c).overview.expanded).toEqual([]);
    expect(run(open, [{ type: 'back' }], c).overview.expanded).toEqual([]);
  });

  it('opens a site by key, scrolls its detail, and goes back to the list', () => {
    const list = ctx({ count: 4, selectedKey: 'main.f\u0000main.go\u000012' });
    const open = run(initialTuiState('sites'), [down, { type: 'enter' }], list);
    expect(open.sites.open).toBe('main.f\u0000main.go\u000012');
    expect(inDetail(open)).toBe(true);
    const scrolled = run(open, [down, down], ctx({ kind: 'scroll', count: 40, page: 10 }));
    expect(scrolled.sites.scroll).toBe(2);
    expect(scrolled.sites.cursor).toBe(1);
    expect(focusedPosition(scrolled)).toBe(2);
    const back = run(scrolled, [{ type: 'back' }]);
    expect(back.sites.open).toBeUndefined();
    expect(back.sites.cursor).toBe(1);
  });

  it('opens and closes Tree rows, steps in with →, up with ←, opens a site and comes back', () => {
    const panes = ['overview', 'sites', 'tree'] as const;
    const row = (tree: Partial<NonNullable<TuiContext['list']['tree']>>, key = 'main.main'): TuiContext => ctx({ selectedKey: key, tree: { expandable: true, expanded: false, site: undefined, parent: undefined, top: { key: 'main.main', index: 2 }, ...tree } }, { panes });
    let s = run(initialTuiState(), [{ type: 'focus-pane', pane: 'tree' }], row({}));
    expect(s.pane).toBe('tree');
    s = run(s, [{ type: 'enter' }], row({}));
    expect(s.tree.expanded).toEqual(['main.main']);
    // → on an opened row steps into it; Enter closes it.
    expect(run(s, [{ type: 'expand' }], row({ expanded: true })).tree).toMatchObject({ cursor: 1, expanded: ['main.main'] });
    expect(run(s, [{ type: 'enter' }], row({ expanded: true })).tree.expanded).toEqual([]);
    // ← on a child goes to its parent row, on an opened row closes it.
    expect(run(s, [{ type: 'back' }], row({ parent: 0 }, 'main.main\u0001f:main.remember')).tree.cursor).toBe(0);
    expect(run(s, [{ type: 'back' }], row({ expanded: true })).tree.expanded).toEqual([]);
    // A leaf with one site opens it in Sites; Esc there comes back to the Tree.
    const site = run(s, [{ type: 'enter' }], row({ expandable: false, site: 'main.remember\u0000main.go\u000018' }));
    expect(site).toMatchObject({ pane: 'sites', sites: { open: 'main.remember\u0000main.go\u000018', returnTo: 'tree' } });
    expect(run(site, [{ type: 'back' }], ctx({ kind: 'scroll' }, { panes }))).toMatchObject({ pane: 'tree', sites: { open: undefined, returnTo: undefined } });
    // i turns the tree around, keeping the row's top-level function selected and opened.
    expect(run(s, [{ type: 'invert' }], row({ parent: 0 })).tree).toMatchObject({ inverted: true, expanded: ['main.main'], cursor: 2 });
    expect(run(initialTuiState(), [{ type: 'invert' }], row({})).tree.inverted).toBe(false);
    expect(run(initialTuiState(), [{ type: 'focus-pane', pane: 'tree' }], ctx()).pane).toBe('overview');
  });

  it('does not open anything in an empty list', () => {
    expect(run(initialTuiState('sites'), [{ type: 'enter' }], ctx({ count: 0 })).sites.open).toBeUndefined();
    expect(run(initialTuiState('escape'), [{ type: 'enter' }], ctx({ count: 0 })).escape.trail).toEqual([]);
  });

  it('drills the escape tree down to a diagnostic by key and back, restoring each list as it was', () => {
    const at = (key: string): TuiContext => ctx({ selectedKey: key, sorts: ['heap', 'name'], filterable: true });
    let s = initialTuiState('escape');
    s = run(s, [{ type: 'sort-next' }, { type: 'filter-start' }, { type: 'filter-input', text: 'se' }, { type: 'filter-accept' }, down], at('seed'));
    s = run(s, [{ type: 'enter' }], at('seed'));
    expect(s.escape).toMatchObject({ cursor: 0, sort: undefined, filter: '' });
    s = run(s, [{ type: 'enter' }], at('./main.go'));
    s = run(s, [down, down, { type: 'enter' }], at('routine4'));
    s = run(s, [{ type: 'enter' }], at('12:29:32:make'));
    expect(s.escape.trail.map((t) => t.key)).toEqual(['seed', './main.go', 'routine4', '12:29:32:make']);
    expect(inDetail(s)).toBe(true);
    expect(run(s, [{ type: 'enter' }]).escape.trail).toHaveLength(4);
    s = run(s, [{ type: 'back' }, { type: 'back' }]);
    expect(s.escape.trail.map((t) => t.key)).toEqual(['seed', './main.go']);
    expect(s.escape.cursor).toBe(2);
    s = run(s, [{ type: 'back' }, { type: 'back' }]);
    // The package list as it was left: sorted by name, filtered on "se", the cursor where it was.
    expect(s.escape).toMatchObject({ trail: [], cursor: 1, sort: 'name', filter: 'se' });
    // Esc clears the filter first, then there is nothing left to go back from.
    s = run(s, [{ type: 'back' }]);
    expect(s.escape).toMatchObject({ trail: [], filter: '' });
  });

  it('opens a goroutine group and a series item by key', () => {
    const g = run(initialTuiState('goroutines'), [down, down, { type: 'enter' }], ctx({ count: 5, selectedKey: 'dump\u0001main.f' }));
    expect(g.goroutines.open).toBe('dump\u0001main.f');
    expect(run(g, [{ type: 'back' }]).goroutines).toMatchObject({ cursor: 2, open: undefined, scroll: 0 });
    const s = run(initialTuiState('series'), [{ type: 'enter' }], ctx({ count: 1, selectedKey: 'site\u0001x' }));
    expect(s.series.open).toBe('site\u0001x');
  });

  it('types, edits, keeps and clears a list\'s filter', () => {
    let s = run(initialTuiState('sites'), [down, down, { type: 'filter-start' }], ctx());
    expect(keyMode(s)).toEqual({ help: false, editing: true });
    s = run(s, [{ type: 'filter-input', text: 'm' }, { type: 'filter-input', text: 'ai' }, { type: 'filter-input', text: 'x' }, { type: 'filter-backspace' }]);
    expect(s.sites.filter).toBe('mai');
    expect(s.sites.cursor).toBe(0);
    s = run(s, [{ type: 'filter-accept' }]);
    expect(s).toMatchObject({ editing: false, sites: { filter: 'mai' } });
    // Esc on the list clears a kept filter.
    expect(run(s, [{ type: 'back' }]).sites.filter).toBe('');
    // Esc while typing clears it too.
    expect(run(s, [{ type: 'filter-start' }, { type: 'filter-cancel' }])).toMatchObject({ editing: false, sites: { filter: '' } });
    // Each list has its own filter.
    const g = run(initialTuiState('goroutines'), [{ type: 'filter-start' }, { type: 'filter-input', text: 'wait' }, { type: 'filter-accept' }]);
    expect([g.goroutines.filter, g.sites.filter]).toEqual(['wait', '']);
  });

  it('sorts every list by the keys it offers: s the next one, S the other way round', () => {
    const sorts = ctx({ sorts: ['count', 'change', 'function'] });
    expect(run(initialTuiState('overview'), [{ type: 'filter-start' }]).editing).toBe(false);
    expect(run(initialTuiState('goroutines'), [{ type: 'sort-next' }], ctx()).goroutines.sort).toBeUndefined();
    const sorted = run(initialTuiState('goroutines'), [down, { type: 'sort-next' }, { type: 'sort-next' }], sorts);
    // The cursor stays where it was until the view puts it back on the selected item (next test).
    expect(sorted.goroutines).toMatchObject({ sort: 'function', cursor: 1, reverse: false });
    expect(run(sorted, [{ type: 'sort-next' }], sorts).goroutines.sort).toBe('count');
    const reversed = run(sorted, [{ type: 'sort-reverse' }], sorts);
    expect(reversed.goroutines).toMatchObject({ sort: 'function', reverse: true });
    expect(run(reversed, [{ type: 'sort-reverse' }], sorts).goroutines.reverse).toBe(false);
    // A new key starts in its own order.
    expect(run(reversed, [{ type: 'sort-next' }], sorts).goroutines).toMatchObject({ sort: 'count', reverse: false });
    // Not in a detail.
    const open = { ...initialTuiState('goroutines'), goroutines: { ...initialTuiState().goroutines, open: 'x' } };
    expect(run(open, [{ type: 'sort-next' }], sorts).goroutines.sort).toBeUndefined();
  });

  it('keeps the selected item selected: s/S, [ ], Esc clearing a filter, Esc from a detail; the next command starts where the view drew the cursor', () => {
    const on = (key: string, cursor = 3): TuiContext => ctx({ selectedKey: key, cursor, sorts: ['bytes', 'objects'] }, { snapshots: 3 });
    const sites = { ...initialTuiState('sites'), sites: { ...initialTuiState().sites, cursor: 3 } };
    expect(run(sites, [{ type: 'sort-next' }], on('main.go:70')).sites).toMatchObject({ sort: 'objects', cursor: 3, selected: 'main.go:70' });
    expect(run(sites, [{ type: 'sort-reverse' }], on('main.go:70')).sites).toMatchObject({ reverse: true, selected: 'main.go:70' });
    expect(run(sites, [{ type: 'snapshot-prev' }], on('main.go:70'))).toMatchObject({ snapshot: 1, sites: { cursor: 3, selected: 'main.go:70' } });
    // The view drew the selected item at row 6: j goes on from there, and the selection is the cursor's again.
    const stepped = run(sites, [{ type: 'snapshot-prev' }], on('main.go:70'));
    expect(run(stepped, [down], on('main.go:70', 6)).sites).toMatchObject({ cursor: 7, selected: undefined });
    // A site the list does not have (not yet in this snapshot) stays the one to select until the cursor moves.
    const missing = run(stepped, [{ type: 'sort-next' }], on('runtime.malg', 4));
    expect(missing.sites).toMatchObject({ cursor: 4, selected: 'main.go:70' });
    expect(run(missing, [up], on('runtime.malg', 4)).sites).toMatchObject({ cursor: 3, selected: undefined });
    const filtered = { ...sites, sites: { ...sites.sites, filter: 'leak' } };
    expect(run(filtered, [{ type: 'back' }], on('main.go:70', 0)).sites).toMatchObject({ filter: '', selected: 'main.go:70' });
    expect(run({ ...filtered, editing: true }, [{ type: 'filter-cancel' }], on('main.go:70', 0)).sites).toMatchObject({ filter: '', selected: 'main.go:70' });
    const open = { ...sites, sites: { ...sites.sites, open: 'main.go:70' } };
    expect(run(open, [{ type: 'back' }], ctx({ kind: 'scroll' })).sites).toMatchObject({ open: undefined, cursor: 3, selected: 'main.go:70' });
    const group = { ...initialTuiState('goroutines'), goroutines: { ...initialTuiState().goroutines, open: 'g' } };
    expect(run(group, [{ type: 'back' }], ctx({ kind: 'scroll' })).goroutines).toMatchObject({ open: undefined, selected: 'g' });
  });

  it('ignores everything but help keys while the help is shown', () => {
    const s = run(initialTuiState(), [{ type: 'help-toggle' }, down, { type: 'focus-next' }]);
    expect(s).toMatchObject({ help: true, pane: 'overview', overview: { cursor: 0 } });
    expect(run(s, [{ type: 'help-close' }]).help).toBe(false);
    expect(run(s, [{ type: 'quit' }]).quit).toBe(true);
  });

  it('steps through snapshots, the last one meaning "follow the latest"', () => {
    const c = ctx({}, { snapshots: 3 });
    const s = run(initialTuiState(), [{ type: 'snapshot-prev' }, { type: 'snapshot-prev' }, { type: 'snapshot-prev' }], c);
    expect(s.snapshot).toBe(0);
    expect(run(s, [{ type: 'snapshot-next' }], c).snapshot).toBe(1);
    expect(run(s, [{ type: 'snapshot-next' }, { type: 'snapshot-next' }], c).snapshot).toBeUndefined();
    expect(run(initialTuiState(), [{ type: 'snapshot-prev' }], ctx()).snapshot).toBeUndefined();
  });

  it('maps raw keys in the mode of the state they land on', () => {
    const keys = (text: string): TuiAction[] => [...text].map((c) => ({ type: 'key', input: c, key: {} }));
    // "/" starts the filter, so the "q" and "s" after it are text, not quit and sort.
    const sites = ctx({ sorts: ['inuseBytes', 'inuseObjects'], filterable: true });
    let s = run(initialTuiState('sites'), keys('/qs'), sites);
    expect(s).toMatchObject({ editing: true, sites: { filter: 'qs', sort: undefined } });
    expect(s.quit).toBe(false);
    s = run(s, [{ type: 'key', input: '', key: { return: true } }, ...keys('s')], sites);
    expect(s).toMatchObject({ editing: false, sites: { sort: 'inuseObjects' } });
    expect(run(s, keys('q')).quit).toBe(true);
    // Nothing happens after quit.
    expect(run(run(s, keys('q')), keys('j')).sites.cursor).toBe(0);
  });
});
