/**
 * The Escape pane's tree: package → file → function → diagnostic, built from the heap values
 * and leaking parameters the escape analysis listed (EscapeAnalysis moved / escapes / leaks),
 * with counts and cause categories at every level.
 */
import type { EscapeAnalysis, EscapeFinding } from '../../analyze/escape/index.js';
import type { AllocationSite } from '../../analyze/profile.js';
import { CAUSE_ORDER, type EscapeCause } from '../../analyze/escape/index.js';
import { byNumber, byText, type SortSpec } from './list.js';

export const ESCAPE_LEVELS = ['package', 'file', 'function', 'diagnostic'] as const;

export interface EscapeNode {
  name: string;
  /** Unique among its siblings: the name, or for a diagnostic its line in the output. */
  key: string;
  /** Heap values below (moved to heap + escapes to heap). */
  heap: number;
  /** Leaking parameters below. */
  leaks: number;
  causes: Partial<Record<EscapeCause, number>>;
  children: EscapeNode[];
  /** Set on the leaves (level 3). */
  finding?: EscapeFinding;
}

const UNNAMED_PACKAGE = '(no package header)';
export const UNNAMED_FUNCTION = '(function not named by the output)';

function isLeak(f: EscapeFinding): boolean {
  return f.kind === 'leaking-param' || f.kind === 'leaking-param-content' || f.kind === 'leaking-closure-reference';
}

function count(node: EscapeNode, f: EscapeFinding): void {
  if (isLeak(f)) node.leaks++;
  else node.heap++;
  node.causes[f.cause] = (node.causes[f.cause] ?? 0) + 1;
}

function child(parent: EscapeNode, index: Map<string, EscapeNode>, name: string): EscapeNode {
  let node = index.get(name);
  if (!node) {
    node = { name, key: name, heap: 0, leaks: 0, causes: {}, children: [] };
    index.set(name, node);
    parent.children.push(node);
  }
  return node;
}

function byWeight(a: EscapeNode, b: EscapeNode): number {
  return b.heap - a.heap || b.leaks - a.leaks || a.name.localeCompare(b.name);
}

/** Every listed finding of the analysis under one root. */
export function buildEscapeTree(analysis: EscapeAnalysis): EscapeNode {
  const root: EscapeNode = { name: '', key: '', heap: 0, leaks: 0, causes: {}, children: [] };
  const packages = new Map<string, EscapeNode>();
  const files = new Map<EscapeNode, Map<string, EscapeNode>>();
  const functions = new Map<EscapeNode, Map<string, EscapeNode>>();
  const findings = [...analysis.moved.items, ...analysis.escapes.items, ...analysis.leaks.items];
  for (const f of findings) {
    count(root, f);
    const pkg = child(root, packages, f.package ?? UNNAMED_PACKAGE);
    count(pkg, f);
    if (!files.has(pkg)) files.set(pkg, new Map());
    const file = child(pkg, files.get(pkg) as Map<string, EscapeNode>, f.file || '(no file)');
    count(file, f);
    if (!functions.has(file)) functions.set(file, new Map());
    const fn = child(file, functions.get(file) as Map<string, EscapeNode>, f.function ?? UNNAMED_FUNCTION);
    count(fn, f);
    const leaf: EscapeNode = { name: f.subject, key: `${f.inputLine}:${f.line}:${f.column ?? ''}:${f.subject}`, heap: 0, leaks: 0, causes: {}, children: [], finding: f };
    count(leaf, f);
    fn.children.push(leaf);
  }
  root.children.sort(byWeight);
  for (const pkg of root.children) {
    pkg.children.sort(byWeight);
    for (const file of pkg.children) {
      file.children.sort(byWeight);
      for (const fn of file.children) {
        fn.children.sort((a, b) => (a.finding?.line ?? 0) - (b.finding?.line ?? 0) || (a.finding?.column ?? 0) - (b.finding?.column ?? 0)
          || (a.finding?.inputLine ?? 0) - (b.finding?.inputLine ?? 0));
      }
    }
  }
  return root;
}

/** The node reached by following `trail` (child keys) from the root; undefined if the tree changed. */
export function nodeAt(root: EscapeNode, trail: readonly string[]): EscapeNode | undefined {
  let node: EscapeNode | undefined = root;
  for (const key of trail) {
    node = node?.children.find((c) => c.key === key);
    if (!node) return undefined;
  }
  return node;
}

function topCause(n: EscapeNode): string {
  return topCauses(n.causes)[0]?.[0] ?? '';
}

/** Packages, files and functions: by heap values (the default), leaks, name or top cause. */
export const NODE_SORTS: readonly SortSpec<EscapeNode>[] = [
  { key: 'heap', label: 'heap values', descending: true, compare: (a, b) => byNumber<EscapeNode>((n) => n.heap)(a, b) || b.leaks - a.leaks },
  { key: 'leaks', label: 'leaking params', descending: true, compare: (a, b) => byNumber<EscapeNode>((n) => n.leaks)(a, b) || b.heap - a.heap },
  { key: 'name', label: 'name', descending: false, compare: byText((n) => n.name) },
  { key: 'cause', label: 'top cause', descending: false, compare: byText(topCause) },
];

/** A function's diagnostics: by line (the default), kind, value or cause. */
export const DIAGNOSTIC_SORTS: readonly SortSpec<EscapeNode>[] = [
  { key: 'line', label: 'line', descending: false, compare: byNumber<EscapeNode>((n) => -(n.finding?.line ?? 0)) },
  { key: 'kind', label: 'kind', descending: false, compare: byText((n) => n.finding?.kind ?? '') },
  { key: 'value', label: 'value', descending: false, compare: byText((n) => n.name) },
  { key: 'cause', label: 'cause', descending: false, compare: byText((n) => n.finding?.cause ?? '') },
];

/** The bytes of the heap sites a node's diagnostics join to (each site once), in the snapshot shown. */
export interface SiteBytes {
  inuse: number;
  alloc: number;
}

/**
 * Every node whose diagnostics the join put on a heap site of the snapshot, with those sites'
 * bytes (a site several diagnostics join to counted once); the nodes no site joins to are not in it.
 */
export function escapeBytes(root: EscapeNode, sitesOf: (f: EscapeFinding) => readonly AllocationSite[]): Map<EscapeNode, SiteBytes> {
  const bytes = new Map<EscapeNode, SiteBytes>();
  const walk = (node: EscapeNode): Set<AllocationSite> => {
    const sites = new Set<AllocationSite>(node.finding ? sitesOf(node.finding) : []);
    for (const c of node.children) for (const site of walk(c)) sites.add(site);
    if (sites.size > 0) {
      let inuse = 0;
      let alloc = 0;
      for (const site of sites) {
        inuse += site.inuseBytes;
        alloc += site.allocBytes;
      }
      bytes.set(node, { inuse, alloc });
    }
    return sites;
  };
  walk(root);
  return bytes;
}

/**
 * The bytes sort (the default with a heap dump): in-use bytes of the heap sites joined, then
 * allocated bytes, largest first; nodes no site joins to after them, in the list's own order
 * (heap values, or a function's lines).
 */
export function bytesSort(bytes: ReadonlyMap<EscapeNode, SiteBytes>): SortSpec<EscapeNode> {
  return {
    key: 'bytes',
    label: 'in-use bytes of the heap sites joined',
    descending: true,
    compare: (a, b) => {
      const x = bytes.get(a);
      const y = bytes.get(b);
      if (!x || !y) return x ? -1 : y ? 1 : 0;
      return y.inuse - x.inuse || y.alloc - x.alloc;
    },
  };
}

/** What the filter matches at a level: the name, and a diagnostic's message and cause. */
export function nodeText(n: EscapeNode): string {
  return n.finding ? `${n.name}\u0000${n.finding.message}\u0000${n.finding.cause}` : n.name;
}

/** Causes, largest first (ties in the report's cause order). */
export function topCauses(causes: Partial<Record<EscapeCause, number>>): [EscapeCause, number][] {
  return CAUSE_ORDER.filter((c) => (causes[c] ?? 0) > 0)
    .map((c): [EscapeCause, number] => [c, causes[c] ?? 0])
    .sort((a, b) => b[1] - a[1]);
}

/** The findings the analysis counted but did not list (it keeps `limit` per list). */
export function unlistedFindings(analysis: EscapeAnalysis): number {
  return analysis.moved.total - analysis.moved.items.length + analysis.escapes.total - analysis.escapes.items.length
    + analysis.leaks.total - analysis.leaks.items.length;
}
