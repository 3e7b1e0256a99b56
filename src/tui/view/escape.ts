/**
 * Escape: the compiler's -m output browsed package → file → function → diagnostic, with the
 * heap values and leaking parameters counted at every level and their cause categories; the
 * last level opens one diagnostic: its cause, the chain in words, and every reason step.
 */
import { columnNote, ESCAPE_CAUSES, methodValueWords, type EscapeAnalysis, type EscapeFinding } from '../../analyze/escape/index.js';
import type { EscapeReason } from '../../grammar/gcflags/index.js';
import type { AllocationSite } from '../../analyze/profile.js';
import type { AnalyzeReport } from '../../analyze/report.js';
import type { SnapshotAnalysis } from '../../analyze/snapshot.js';
import { formatBytes } from '../../text/units.js';
import type { Target } from '../effects.js';
import { profileFileOf, sitesOfDiagnostic } from '../model/code.js';
import { displayLocation, type PathContext } from '../model/paths.js';
import { siteKey } from '../model/sites.js';
import { buildEscapeTree, bytesSort, DIAGNOSTIC_SORTS, ESCAPE_LEVELS, escapeBytes, NODE_SORTS, nodeAt, nodeText, topCauses, unlistedFindings, type EscapeNode, type SiteBytes } from '../model/escape.js';
import { columnTitle, listView, sortArrow, type ListView, type SortSpec } from '../model/list.js';
import { ESCAPE_DETAIL_LEVEL, type TuiState } from '../state/reducer.js';
import { frame, minimalWindow, padEnd, padStart, seg, truncate, truncateStart, windowStart, wrapLines, type Line } from './line.js';
import { cursorIn, cursorMark, highlight, listContext, listStatus, noMatch, note, sectionTitle, type PaneBody } from './pane.js';

const trees = new WeakMap<EscapeAnalysis, EscapeNode>();

function escapeTree(analysis: EscapeAnalysis): EscapeNode {
  let tree = trees.get(analysis);
  if (!tree) {
    tree = buildEscapeTree(analysis);
    trees.set(analysis, tree);
  }
  return tree;
}

/** The tree's bytes in a snapshot, and the sorts that start with them (kept: the lists' views are cached by their specs). */
interface Ordering {
  bytes: ReadonlyMap<EscapeNode, SiteBytes> | undefined;
  nodeSorts: readonly SortSpec<EscapeNode>[];
  diagnosticSorts: readonly SortSpec<EscapeNode>[];
}

const orderings = new WeakMap<EscapeNode, WeakMap<SnapshotAnalysis, Ordering>>();
const NO_BYTES: Ordering = { bytes: undefined, nodeSorts: NODE_SORTS, diagnosticSorts: DIAGNOSTIC_SORTS };

/**
 * With a heap dump, every level is ordered by the bytes of the heap sites its diagnostics join
 * to (largest first, the unjoined after in the list's own order): the compiler's decisions that
 * cost memory in this snapshot come first, not those that merely are many.
 */
function orderingOf(root: EscapeNode, context: EscapeContext | undefined): Ordering {
  const report = context?.report;
  const snapshot = context?.snapshot;
  if (!report || !snapshot) return NO_BYTES;
  let bySnapshot = orderings.get(root);
  if (!bySnapshot) orderings.set(root, (bySnapshot = new WeakMap()));
  let ordering = bySnapshot.get(snapshot);
  if (!ordering) {
    const bytes = escapeBytes(root, (f) => sitesOfDiagnostic(report, snapshot, f));
    const sort = bytesSort(bytes);
    ordering = bytes.size > 0 ? { bytes, nodeSorts: [sort, ...NODE_SORTS], diagnosticSorts: [sort, ...DIAGNOSTIC_SORTS] } : NO_BYTES;
    bySnapshot.set(snapshot, ordering);
  }
  return ordering;
}

/** The in-use bytes column (with a heap dump). */
const BYTES_WIDTH = 10;

/** Below this width the bytes column shows only when the level is sorted by it, in place of the counts (a diagnostic's kind). */
const BYTES_BESIDE_COUNTS = 64;

/**
 * A level's columns: the bytes (with a heap dump), the counts (heap, leaks; a diagnostic's kind),
 * and the cells the row's other columns take beyond the layout without bytes (`extra`), which the
 * name and the cause give up. At 40 columns the sorted column keeps its title and arrow whole.
 */
interface Columns {
  bytes: Ordering['bytes'];
  counts: boolean;
  extra: number;
  name: number;
}

function columnsOf(level: number, width: number, ordering: Ordering, sortKey: string): Columns {
  const wide = width >= BYTES_BESIDE_COUNTS;
  const bytes = ordering.bytes && (wide || sortKey === 'bytes') ? ordering.bytes : undefined;
  const counts = bytes === undefined || wide;
  const extra = (bytes ? BYTES_WIDTH + 1 : 0) - (counts ? 0 : level === 3 ? 8 : 15);
  return { bytes, counts, extra, name: Math.max(8, width - 40 - extra) };
}

/** The node's in-use bytes, blank when no heap site joins to it. */
function bytesCell(node: EscapeNode, bytes: Ordering['bytes']): string {
  if (!bytes) return '';
  const b = bytes.get(node);
  return `${padStart(b ? formatBytes(b.inuse) : '', BYTES_WIDTH)} `;
}

const KIND_SHORT: Record<EscapeFinding['kind'], string> = {
  'moved-to-heap': 'moved',
  'escapes-to-heap': 'escapes',
  'leaking-param': 'leak',
  'leaking-param-content': 'leak',
  'leaking-closure-reference': 'leak',
};

function causesText(node: EscapeNode, max = 4): string {
  const causes = topCauses(node.causes);
  const shown = causes.slice(0, max).map(([c, n]) => `${c} ${n}`);
  if (causes.length > max) shown.push(`+${causes.length - max} more`);
  return shown.join(' · ');
}

function summaryLines(analysis: EscapeAnalysis, here: EscapeNode, width: number): Line[] {
  const heap = analysis.moved.total + analysis.escapes.total;
  const head: Line = [
    seg('Escape', { bold: true }),
    seg(` · ${heap} heap value${heap === 1 ? '' : 's'} · ${analysis.leaks.total} leaking param${analysis.leaks.total === 1 ? '' : 's'}`),
    seg(` · ${truncateStart(analysis.source, Math.max(8, width - 60))}`, { dim: true }),
  ];
  const lines: Line[] = [head];
  const causes = causesText(here, 6);
  if (causes) lines.push([seg('causes: ', { dim: true }), seg(truncate(causes, width - 8), { color: 'yellow' })]);
  const unlisted = unlistedFindings(analysis);
  if (!analysis.explained) lines.push(note(truncate('plain -m: no reasons given; rebuild with -gcflags=-m=2 for the compiler\'s reason chains', width)));
  else if (unlisted > 0) lines.push(note(truncate(`${unlisted} more findings were counted but not listed (heapdoc escape --filter narrows, --limit 0 lists all)`, width)));
  return lines;
}

function breadcrumb(root: EscapeNode, trail: readonly string[], width: number): Line {
  const names: string[] = [];
  let node: EscapeNode | undefined = root;
  for (const key of trail.slice(0, 3)) {
    node = node?.children.find((c) => c.key === key);
    if (node) names.push(node.name);
  }
  const text = ['packages', ...names].join(' › ');
  return [seg(truncateStart(text, width), { color: 'cyan' })];
}

function levelHeader(level: number, view: ListView<EscapeNode>, c: Columns): Line {
  const t = (title: string, key: string): string => columnTitle(title, key, view);
  const used = c.bytes ? `${padStart(t('in use', 'bytes'), BYTES_WIDTH)} ` : '';
  if (level === 3) return [seg(`  ${used}${padEnd(t('line', 'line'), 8)}${c.counts ? padEnd(t('kind', 'kind'), 8) : ''}${padEnd(t('value', 'value'), c.name)}  ${t('cause', 'cause')}`, { dim: true })];
  // Six cells a count: `leaks↓` whole when sorted by it (the arrow says which column is sorted).
  const counts = c.counts ? `${padStart(t('heap', 'heap'), 6)} ${padStart(t('leaks', 'leaks'), 6)}  ` : '';
  return [seg(`  ${used}${counts}${padEnd(t(ESCAPE_LEVELS[level] ?? '', 'name'), c.name)}  ${t('top cause', 'cause')}`, { dim: true })];
}

function nodeRow(node: EscapeNode, level: number, selected: boolean, width: number, c: Columns): Line {
  const used = seg(bytesCell(node, c.bytes), { bold: true });
  const top = topCauses(node.causes)[0]?.[0] ?? '';
  if (level === 3 && node.finding) {
    const f = node.finding;
    const at = `${f.line}${f.column !== undefined ? `:${f.column}` : ''}`;
    return highlight([
      seg(cursorMark(selected)),
      used,
      seg(padEnd(at, 8)),
      ...(c.counts ? [seg(padEnd(KIND_SHORT[f.kind], 8), { color: f.kind.startsWith('leaking') ? 'magenta' : 'red' })] : []),
      seg(padEnd(truncate(f.subject, c.name), c.name), { bold: selected }),
      seg(`  ${truncate(f.cause, width - c.name - 20 - c.extra)}`, { color: 'yellow' }),
    ], selected);
  }
  return highlight([
    seg(cursorMark(selected)),
    used,
    ...(c.counts ? [seg(`${padStart(String(node.heap), 6)} ${padStart(String(node.leaks), 6)}  `)] : []),
    seg(padEnd(truncateStart(node.name, c.name), c.name), { bold: selected }),
    seg(`  ${truncate(top, width - c.name - 19 - c.extra)}`, { color: 'yellow' }),
  ], selected);
}

/**
 * A reason chain's steps. Tolerates a chain that arrives as an array-like object (`{0: …, 1: …}`)
 * rather than an array, so that a model regression shows as text, never as a crashed UI.
 */
function steps(path: EscapeFinding['paths'][number]): EscapeReason[] {
  return Array.isArray(path) ? path : Object.values(path as Record<string, EscapeReason>);
}

/**
 * What `e` and `y` act on: the diagnostic's file at its line and column. The compiler names the
 * file relative to where it ran (`./main.go`); the heap dump's path the join matched it to
 * (`/tmp/prog/main.go`) is what `e` opens, as it does from Sites.
 */
function findingTarget(f: EscapeFinding, report: AnalyzeReport | undefined): Target {
  const file = (report && profileFileOf(report, f.file)) ?? f.file;
  return { text: `${f.subject} ${f.file}:${f.line}${f.column !== undefined ? `:${f.column}` : ''}`, file, line: f.line, ...(f.column !== undefined ? { column: f.column } : {}) };
}

/** Rows of a diagnostic's heap sites shown at a time; more scroll while one is picked (↑↓). */
const SITE_ROWS = 8;

/**
 * The heap sites the join put the diagnostic on, largest first: Enter opens the only one; of
 * several, Enter lets ↑↓ pick any of them (`picked`, marked `›`) and Enter then opens it. Past
 * SITE_ROWS the rows are a window that follows the pick, a line saying which of how many are shown.
 * `at`: the index of the picked site's row among the lines (undefined while none is picked).
 */
function siteLines(sites: readonly AllocationSite[], paths: PathContext | undefined, width: number, picked: number | undefined): { lines: Line[]; at: number | undefined } {
  if (sites.length === 0) return { lines: [], at: undefined };
  const how = sites.length === 1 ? 'Heap site at this line · Enter opens it in Sites'
    : `${sites.length} heap sites at this line · ${picked === undefined ? 'Enter, then ↑↓: pick one to open in Sites' : '↑↓ pick, Enter opens the one picked (›) in Sites'}`;
  const lines: Line[] = [[], sectionTitle(truncate(how, width))];
  const start = picked === undefined ? 0 : windowStart(picked, sites.length, SITE_ROWS);
  const shown = sites.slice(start, start + SITE_ROWS);
  let at: number | undefined;
  shown.forEach((site, i) => {
    const where = paths ? displayLocation(site, paths) : `${site.file ?? ''}:${site.line ?? ''}`;
    const chosen = start + i === picked;
    if (chosen) at = lines.length;
    lines.push(highlight([seg(`${cursorMark(chosen)}${padStart(formatBytes(site.inuseBytes), 10)} in use  `), seg(truncate(`${site.function}  ${where}`, Math.max(8, width - 22)), { bold: true })], chosen));
  });
  if (sites.length > SITE_ROWS) {
    const above = start;
    const below = sites.length - start - shown.length;
    const more = [above > 0 ? `↑ ${above} more` : '', below > 0 ? `↓ ${below} more` : ''].filter(Boolean).join(' · ');
    lines.push(note(truncate(`  sites ${start + 1}–${start + shown.length} of ${sites.length} · ${more}`, width)));
  }
  return { lines, at };
}

/** A diagnostic's detail; `at`: the line of the heap site picked, for the view to keep in sight. */
function findingDetailLines(f: EscapeFinding, width: number, sites: readonly AllocationSite[], paths: PathContext | undefined, picked: number | undefined): { lines: Line[]; at: number | undefined } {
  const where = `${f.file}:${f.line}${f.column !== undefined ? `:${f.column}` : ''}`;
  const lines: Line[] = [[seg(truncate(f.subject, width), { bold: true })]];
  const context = [where, f.function ? `in ${f.function}${methodValueWords(f.methodValue)}` : undefined, f.package ? `package ${f.package}` : undefined].filter(Boolean).join(' · ');
  lines.push(note(truncateStart(context, width)));
  // The compiler printed no column on a line of several closures: filed under the one around them, said so.
  const column = columnNote(f);
  if (column) lines.push(...wrapLines(column, width, { dim: true }, 2, 0));
  lines.push(...wrapLines(f.message, width, {}, 2, 0));
  const heapSites = siteLines(sites, paths, width, picked);
  const at = heapSites.at === undefined ? undefined : lines.length + heapSites.at;
  lines.push(...heapSites.lines);
  lines.push([]);
  lines.push(...wrapLines(`cause: ${f.cause} — ${ESCAPE_CAUSES[f.cause]}`, width, { color: 'yellow', bold: true }, 7, 0));
  lines.push(...wrapLines(f.sentence, width, {}, 2, 0));
  if (f.target !== undefined) lines.push(note(`leaks to ${f.target}${f.level !== undefined ? ` (level ${f.level})` : ''}`));
  if (f.paths.length === 0) {
    lines.push([]);
    lines.push(note('No reason chain: the output was plain -m (rebuild with -gcflags=-m=2 for the compiler\'s reasons).'));
  }
  f.paths.forEach((path, i) => {
    lines.push([]);
    lines.push(sectionTitle(`Reason chain ${i + 1} of ${f.paths.length}`));
    for (const step of steps(path)) {
      const style = step.step === 'flow' ? { color: 'cyan' as const } : step.step === 'warning' ? { color: 'red' as const } : {};
      lines.push(...wrapLines(step.message, width, style, 6, step.step === 'flow' ? 2 : 4));
    }
  });
  return { lines, at };
}

/** The report and the snapshot shown, for the way from a diagnostic to its heap site and file. */
export interface EscapeContext {
  report: AnalyzeReport;
  snapshot: SnapshotAnalysis | undefined;
  paths: PathContext;
}

export function escapeBody(analysis: EscapeAnalysis, state: TuiState['escape'], editing: boolean, width: number, height: number, context?: EscapeContext): PaneBody {
  const root = escapeTree(analysis);
  const trail = state.trail.map((step) => step.key);
  const node = nodeAt(root, trail);
  // The cause counts are those of the level shown (the whole output at the top).
  const top = summaryLines(analysis, node && trail.length < ESCAPE_DETAIL_LEVEL ? node : root, width);
  if (!node) {
    return {
      lines: frame([...top, note('This item is no longer in the output (press Esc).')], height),
      list: { kind: 'cursor', count: 0, page: 1 },
    };
  }
  top.push(breadcrumb(root, trail, width));
  if (trail.length >= ESCAPE_DETAIL_LEVEL && node.finding) {
    const f = node.finding;
    const sites = context ? sitesOfDiagnostic(context.report, context.snapshot, f) : [];
    // Every site is pickable, however many (Sites lists the snapshot's others).
    const picked = state.site !== undefined && sites.length > 1 ? Math.max(0, Math.min(state.site, sites.length - 1)) : undefined;
    const { lines: content, at } = findingDetailLines(f, width, sites, context?.paths, picked);
    const page = Math.max(1, height - top.length);
    const target = findingTarget(f, context?.report);
    if (picked !== undefined) {
      // Picking: a list of the sites, the detail from its top (the sites are under the message) unless the picked row is below the page.
      const chosen = sites[picked] as AllocationSite;
      const start = at === undefined ? 0 : minimalWindow(at, at, content.length, page);
      return { lines: frame([...top, ...content.slice(start, start + page)], height), list: { kind: 'cursor', count: sites.length, page: Math.min(SITE_ROWS, sites.length), cursor: picked, target, site: siteKey(chosen) } };
    }
    const scroll = Math.max(0, Math.min(state.scroll, content.length - page));
    const only = sites.length === 1 ? sites[0] : undefined;
    return { lines: frame([...top, ...content.slice(scroll, scroll + page)], height), list: { kind: 'scroll', count: content.length, page, target, site: only ? siteKey(only) : undefined, sites: sites.length > 1 ? sites.length : undefined } };
  }
  const level = trail.length;
  if (node.children.length === 0) {
    return { lines: frame([...top, [], note('The compiler output lists no heap values or leaking parameters.')], height), list: { kind: 'cursor', count: 0, page: 1 } };
  }
  const ordering = orderingOf(root, context);
  const sorts = level === 3 ? ordering.diagnosticSorts : ordering.nodeSorts;
  const view = listView(node.children, sorts, state, nodeText);
  const items = view.items;
  const last = top.length - 1;
  // The order, when by bytes, said in words: the column's arrow alone does not say the unjoined come last.
  const order = view.sort.key === 'bytes' ? [seg(` · by heap-site bytes in use ${sortArrow(view)}, unjoined ${view.reverse ? 'first' : 'last'}`)] : [];
  top[last] = [...(top[last] ?? []), ...[...listStatus(view, state.filter, editing, '', false), ...order].map((x) => ({ ...x, dim: true }))];
  const columns = columnsOf(level, width, ordering, view.sort.key);
  top.push(levelHeader(level, view, columns));
  const room = Math.max(1, height - top.length);
  const cursor = cursorIn(state, items, (n) => n.key);
  const start = windowStart(cursor, items.length, room);
  const rows = items.slice(start, start + room).map((n, i) => nodeRow(n, level, start + i === cursor, width, columns));
  if (items.length === 0) rows.push(noMatch(state, 'item'));
  const finding = items[cursor]?.finding;
  return { lines: frame([...top, ...rows], height), list: { ...listContext(items.length, room, items[cursor]?.key, sorts, cursor), target: finding ? findingTarget(finding, context?.report) : undefined } };
}
