/**
 * The Tree pane's rows: every function of the snapshot's profile (flat and cum, sorted and
 * filtered like every list), each expandable into its call tree — its callees down to the
 * allocation sites, or (inverted) its callers up to the goroutine's first frame. The numbers
 * come from analyze/calltree.ts; this only lays the expanded tree out as rows.
 */
import { callTree, functionUsage, type CallDirection, type CallNode, type FunctionUsage } from '../../analyze/calltree.js';
import { addUsage, emptyUsage, type ProfileSummary, type Usage } from '../../analyze/profile.js';
import type { ListState } from '../state/reducer.js';
import { byNumber, byText, listView, type ListView, type SortSpec } from './list.js';
import { siteKey } from './sites.js';

export interface TreeRow {
  /** The path from the top-level function: unique in the tree, stable across a watch's polls. */
  key: string;
  depth: number;
  kind: 'function' | 'site';
  function: string;
  /** Undefined for a caller: "flat" means the innermost frame, which a caller never is. */
  flat: Usage | undefined;
  cum: Usage;
  file: string | undefined;
  line: number | undefined;
  /** A top-level function's lines in `file` (FunctionUsage.lines), when it is at more than one. */
  lines?: readonly number[];
  expandable: boolean;
  expanded: boolean;
  /** The allocation site Enter opens: a site row, or a function whose stacks all end at one site. */
  site: string | undefined;
  /** The index of the row it hangs from (rows of the top level have none). */
  parent: number | undefined;
}

/** Where the function's memory goes (callees), or where it comes from (callers). */
function directionOf(inverted: boolean): CallDirection {
  return inverted ? 'callers' : 'callees';
}

function numeric(key: string, label: string, value: (f: FunctionUsage) => number): SortSpec<FunctionUsage> {
  const by = byNumber<FunctionUsage>(value);
  return { key, label, descending: true, compare: (a, b) => by(a, b) || b.cum.inuseBytes - a.cum.inuseBytes || b.cum.allocBytes - a.cum.allocBytes || a.function.localeCompare(b.function) };
}

/** The top level sorts by these; a function's callees and callers follow the same key. */
export const TREE_SORTS: readonly SortSpec<FunctionUsage>[] = [
  numeric('cumInuse', 'cum in use', (f) => f.cum.inuseBytes),
  numeric('flatInuse', 'flat in use', (f) => f.flat.inuseBytes),
  numeric('cumInuseObjects', 'cum in-use objects', (f) => f.cum.inuseObjects),
  numeric('cumAlloc', 'cum allocated', (f) => f.cum.allocBytes),
  numeric('flatAlloc', 'flat allocated', (f) => f.flat.allocBytes),
  numeric('cumAllocObjects', 'cum allocated objects', (f) => f.cum.allocObjects),
  { key: 'function', label: 'function', descending: false, compare: byText((f) => f.function) },
];

/** Does the sort measure allocations (since the start) rather than what is in use? */
export function sortsByAlloc(key: string | undefined): boolean {
  return key === 'cumAlloc' || key === 'flatAlloc' || key === 'cumAllocObjects';
}

const functionCache = new WeakMap<ProfileSummary, FunctionUsage[]>();
const treeCache = new WeakMap<ProfileSummary, Map<string, CallNode | undefined>>();

function functionsOf(profile: ProfileSummary): FunctionUsage[] {
  let functions = functionCache.get(profile);
  if (!functions) {
    functions = functionUsage(profile);
    functionCache.set(profile, functions);
  }
  return functions;
}

function treeOf(profile: ProfileSummary, fn: string, direction: CallDirection): CallNode | undefined {
  let trees = treeCache.get(profile);
  if (!trees) {
    trees = new Map();
    treeCache.set(profile, trees);
  }
  const key = `${direction}\u0000${fn}`;
  if (!trees.has(key)) trees.set(key, callTree(profile, fn, direction));
  return trees.get(key);
}

/** What the top-level filter matches: the function's name. */
function functionText(f: FunctionUsage): string {
  return f.function;
}

function visibleFunctions(profile: ProfileSummary, view: Pick<ListState, 'sort' | 'reverse' | 'filter'>): ListView<FunctionUsage> {
  return listView(functionsOf(profile), TREE_SORTS, view, functionText);
}

function total(parts: readonly Usage[]): Usage {
  const sum = emptyUsage();
  for (const u of parts) addUsage(sum, u);
  return sum;
}

/** The value a sort key compares, for a node of a tree (names sort A→Z). */
function nodeValue(key: string, cum: Usage, flat: Usage | undefined): number {
  switch (key) {
    case 'flatInuse': return flat?.inuseBytes ?? 0;
    case 'cumInuseObjects': return cum.inuseObjects;
    case 'cumAlloc': return cum.allocBytes;
    case 'flatAlloc': return flat?.allocBytes ?? 0;
    case 'cumAllocObjects': return cum.allocObjects;
    default: return cum.inuseBytes;
  }
}

interface Child {
  key: string;
  name: string;
  cum: Usage;
  flat: Usage | undefined;
  node?: CallNode;
  site?: { key: string; function: string; file: string | undefined; line: number | undefined };
}

/** A node's children as rows to sort: its callees (or callers), then the sites its stacks end at. */
function childrenOf(node: CallNode, direction: CallDirection, parentKey: string): Child[] {
  const calls = node.children.map((c): Child => ({ key: `${parentKey}\u0001f:${c.function}`, name: c.function, cum: c.cum, flat: direction === 'callees' ? total(c.sites.map((s) => s.usage)) : undefined, node: c }));
  const sites = node.sites.map((s): Child => {
    const key = siteKey(s.site);
    return { key: `${parentKey}\u0001s:${key}`, name: s.site.function, cum: s.usage, flat: direction === 'callees' ? s.usage : undefined, site: { key, function: s.site.function, file: s.site.file, line: s.site.line } };
  });
  return [...calls, ...sites];
}

/** A function whose stacks end at one site and go no further opens that site (a leaf of the tree). */
function leafSite(node: CallNode | undefined): string | undefined {
  const only = node?.sites[0];
  return node && node.children.length === 0 && node.sites.length === 1 && only ? siteKey(only.site) : undefined;
}

export interface TreeRows {
  rows: TreeRow[];
  functions: ListView<FunctionUsage>;
}

/**
 * The rows shown: the top-level functions (sorted, filtered) and, under each expanded one, its
 * callees or callers, sorted by the same key (a tree's rows are not filtered).
 */
export function treeRows(profile: ProfileSummary, state: Pick<ListState, 'sort' | 'reverse' | 'filter'> & { expanded: readonly string[]; inverted: boolean }): TreeRows {
  // The last rows per profile: a key that only moves the cursor builds none of 20,000 rows again.
  const key = [state.sort ?? '', state.reverse, state.filter, state.inverted, ...state.expanded].join('\u0001');
  const cached = rowsCache.get(profile);
  if (cached?.key === key) return cached.rows;
  const rows = buildTreeRows(profile, state);
  rowsCache.set(profile, { key, rows });
  return rows;
}

const rowsCache = new WeakMap<ProfileSummary, { key: string; rows: TreeRows }>();

function buildTreeRows(profile: ProfileSummary, state: Pick<ListState, 'sort' | 'reverse' | 'filter'> & { expanded: readonly string[]; inverted: boolean }): TreeRows {
  const direction = directionOf(state.inverted);
  const functions = visibleFunctions(profile, state);
  const sortKey = functions.sort.key;
  const sign = state.reverse ? -1 : 1;
  const expanded = new Set(state.expanded);
  const rows: TreeRow[] = [];
  const order = (a: Child, b: Child): number => sortKey === 'function'
    ? sign * a.name.localeCompare(b.name)
    : sign * (nodeValue(sortKey, b.cum, b.flat) - nodeValue(sortKey, a.cum, a.flat)) || b.cum.inuseBytes - a.cum.inuseBytes || a.name.localeCompare(b.name);
  const addChildren = (node: CallNode, parentKey: string, parent: number, depth: number): void => {
    for (const child of childrenOf(node, direction, parentKey).sort(order)) {
      if (child.site) {
        rows.push({ key: child.key, depth, kind: 'site', function: child.site.function, flat: child.flat, cum: child.cum, file: child.site.file, line: child.site.line, expandable: false, expanded: false, site: child.site.key, parent });
        continue;
      }
      const callNode = child.node as CallNode;
      const site = leafSite(callNode);
      const open = site === undefined && expanded.has(child.key);
      const index = rows.push({ key: child.key, depth, kind: 'function', function: child.name, flat: child.flat, cum: child.cum, file: callNode.file, line: callNode.line, expandable: site === undefined, expanded: open, site, parent }) - 1;
      if (open) addChildren(callNode, child.key, index, depth + 1);
    }
  };
  for (const f of functions.items) {
    const key = f.function;
    const open = expanded.has(key);
    // The tree of a function is built when it is opened; whether a top-level row is a leaf is
    // known from its flat: all its stacks end in it and at one site.
    const node = open || f.flat.allocObjects === f.cum.allocObjects ? treeOf(profile, f.function, direction) : undefined;
    const site = direction === 'callees' ? leafSite(node) : undefined;
    const index = rows.push({ key, depth: 0, kind: 'function', function: f.function, flat: f.flat, cum: f.cum, file: f.file, line: f.line, ...(f.lines.length > 1 ? { lines: f.lines } : {}), expandable: site === undefined, expanded: open && site === undefined, site, parent: undefined }) - 1;
    if (open && site === undefined && node) addChildren(node, key, index, 1);
  }
  return { rows, functions };
}
