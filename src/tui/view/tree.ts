/**
 * Tree: the snapshot's memory by function, as pprof's -top -cum and flame graph show it — flat
 * (allocated in the function itself) and cum (with everything it calls), in use and allocated.
 * A function opens into its callees down to the allocation sites (or, with `i`, its callers up
 * to the goroutine's first frame); Enter on a site opens it in Sites.
 */
import type { FunctionUsage } from '../../analyze/calltree.js';
import type { ProfileSummary, Usage } from '../../analyze/profile.js';
import type { SnapshotAnalysis } from '../../analyze/snapshot.js';
import { formatBytes } from '../../text/units.js';
import { codeTarget } from '../effects.js';
import { sortsByAlloc, TREE_SORTS, treeRows, type TreeRow } from '../model/calltree.js';
import { columnTitle, type ListView } from '../model/list.js';
import { displayLocation, type PathContext } from '../model/paths.js';
import { compactCount } from '../model/sites.js';
import type { TreeRowContext, TuiState } from '../state/reducer.js';
import { frame, padEnd, padStart, seg, truncate, truncateFunction, truncateStart, width as cells, windowStart, type Line } from './line.js';
import { cursorIn, cursorMark, highlight, listContext, listStatus, noMatch, note, type PaneBody } from './pane.js';

type Layout = 'narrow' | 'medium' | 'wide';

interface Columns {
  layout: Layout;
  /** The narrow layout shows one measure: allocated when the sort is by allocations. */
  alloc: boolean;
  /**
   * Below the wide layout, the objects the list is sorted by, shown in place of that side's cum
   * bytes: the sorted column is always on screen, with its arrow.
   */
  objects: 'cumInuseObjects' | 'cumAllocObjects' | undefined;
  fn: number;
  where: number;
}

function columns(width: number, sort: string, longestWhere: number): Columns {
  const layout: Layout = width >= 110 ? 'wide' : width >= 72 ? 'medium' : 'narrow';
  const numbers = layout === 'wide' ? 10 + 12 + 8 + 10 + 12 + 8 + 2 : layout === 'medium' ? 10 + 12 + 10 + 12 + 2 : 10 + 12 + 2;
  const rest = Math.max(12, width - 2 - numbers);
  const where = layout === 'wide' ? Math.max(9, Math.min(longestWhere, Math.floor(rest * 0.5))) : 0;
  const objects = layout !== 'wide' && (sort === 'cumInuseObjects' || sort === 'cumAllocObjects') ? sort : undefined;
  return { layout, alloc: sortsByAlloc(sort), objects, where, fn: rest - (where ? where + 1 : 0) };
}

function numberCells(c: Columns, flat: Usage | undefined, cum: Usage): string {
  const bytes = (n: number | undefined, size: number): string => padStart(n === undefined ? '' : formatBytes(n), size);
  const inuse = `${bytes(flat?.inuseBytes, 10)}${c.objects === 'cumInuseObjects' ? padStart(compactCount(cum.inuseObjects), 12) : bytes(cum.inuseBytes, 12)}`;
  const alloc = `${bytes(flat?.allocBytes, 10)}${c.objects === 'cumAllocObjects' ? padStart(compactCount(cum.allocObjects), 12) : bytes(cum.allocBytes, 12)}`;
  switch (c.layout) {
    case 'wide': return `${inuse}${padStart(compactCount(cum.inuseObjects), 8)}${alloc}${padStart(compactCount(cum.allocObjects), 8)}  `;
    case 'medium': return `${inuse}${alloc}  `;
    default: return `${c.alloc ? alloc : inuse}  `;
  }
}

function headerRow(c: Columns, view: ListView<FunctionUsage>): Line {
  const t = (title: string, key: string): string => columnTitle(title, key, view);
  const inuseCum = c.objects === 'cumInuseObjects' ? t('cum inuse#', 'cumInuseObjects') : t('cum in use', 'cumInuse');
  const allocCum = c.objects === 'cumAllocObjects' ? t('cum alloc#', 'cumAllocObjects') : t('cum alloc', 'cumAlloc');
  const inuse = `${padStart(t('flat', 'flatInuse'), 10)}${padStart(inuseCum, 12)}`;
  const alloc = `${padStart(t('flat', 'flatAlloc'), 10)}${padStart(allocCum, 12)}`;
  const nums = c.layout === 'wide' ? `${inuse}${padStart(t('objects', 'cumInuseObjects'), 8)}${alloc}${padStart(t('objects', 'cumAllocObjects'), 8)}  `
    : c.layout === 'medium' ? `${inuse}${alloc}  `
    : `${c.alloc ? alloc : inuse}  `;
  return [seg(`  ${nums}${padEnd(t('function', 'function'), c.fn)}${c.where ? ` ${padEnd('file:line', c.where)}` : ''}`, { dim: true })];
}

function marker(row: TreeRow): string {
  if (row.kind === 'site') return '▪ ';
  if (!row.expandable) return '• ';
  return row.expanded ? '▾ ' : '▸ ';
}

function rowLine(row: TreeRow, c: Columns, paths: PathContext, selected: boolean): Line {
  const indent = '  '.repeat(row.depth) + marker(row);
  const room = Math.max(4, c.fn - cells(indent));
  const where = displayLocation(row, paths);
  const label = row.kind === 'site' ? truncateStart(`site ${where || row.function}`, room) : truncateFunction(row.function, room);
  const l: Line = [
    seg(cursorMark(selected)),
    seg(numberCells(c, row.flat, row.cum)),
    seg(indent, { color: 'cyan' }),
    seg(padEnd(label, room), row.kind === 'site' ? { color: 'yellow' } : { bold: selected || row.depth === 0 }),
  ];
  if (c.where) l.push(seg(` ${padEnd(row.kind === 'site' ? '' : truncateStart(where, c.where), c.where)}`, { dim: !selected }));
  return highlight(l, selected);
}

function header(snapshot: SnapshotAnalysis, view: ListView<FunctionUsage>, state: TuiState['tree'], editing: boolean, width: number): Line[] {
  const p = snapshot.profile;
  const parts: Line = [
    seg('Tree', { bold: true }),
    ...listStatus(view, state.filter, editing, 'functions', false),
    seg(state.inverted ? ' · callers ↑' : ' · callees ↓', { color: 'cyan', bold: true }),
    seg(` · ${formatBytes(p.inuseBytes)} in use · ${formatBytes(p.allocBytes)} allocated`),
  ];
  const used = cells(parts.map((x) => x.text).join(''));
  if (used + 12 < width) parts.push(seg(` · ${truncateStart(snapshot.source, width - used - 3)}`, { dim: true }));
  const how = state.inverted
    ? 'flat: allocated in the function itself · cum: with all it calls · under it, who calls it, up to where the goroutine started · i: callees'
    : 'flat: allocated in the function itself · cum: with all it calls · under it, what it calls, down to the allocation sites · i: callers';
  return [parts, note(truncate(how, width))];
}

/** The row's top-level function: its key and index among the top-level rows (for `i`). */
function topOf(rows: readonly TreeRow[], index: number, functions: ListView<FunctionUsage>): TreeRowContext['top'] {
  let row = rows[index];
  while (row && row.parent !== undefined) row = rows[row.parent];
  const key = row?.key ?? '';
  return { key, index: Math.max(0, functions.items.findIndex((f) => f.function === key)) };
}

export function treeBody(snapshot: SnapshotAnalysis, state: TuiState['tree'], editing: boolean, paths: PathContext, width: number, height: number): PaneBody {
  const profile: ProfileSummary = snapshot.profile;
  const { rows, functions } = treeRows(profile, state);
  const c = columns(width, functions.sort.key, Math.max(0, ...rows.slice(0, 400).map((r) => cells(displayLocation(r, paths)))));
  const top: Line[] = [...header(snapshot, functions, state, editing, width), headerRow(c, functions)];
  const room = Math.max(1, height - top.length);
  const cursor = cursorIn(state, rows, (r) => r.key);
  const lines: Line[] = [];
  if (profile.sites.length === 0) lines.push(note('The dump lists no allocation sites: there is nothing to sum by function.'));
  else if (rows.length === 0) lines.push(noMatch(state, 'function'));
  const start = windowStart(cursor, rows.length, room);
  for (let i = start; i < Math.min(rows.length, start + room); i++) lines.push(rowLine(rows[i] as TreeRow, c, paths, i === cursor));
  const selected = rows[cursor];
  const tree: TreeRowContext | undefined = selected
    ? { expandable: selected.expandable, expanded: selected.expanded, site: selected.site, parent: selected.parent, top: topOf(rows, cursor, functions) }
    : undefined;
  return {
    lines: frame([...top, ...lines], height),
    list: { ...listContext(rows.length, room, selected?.key, TREE_SORTS, cursor), target: selected ? codeTarget(selected.function, selected.file, selected.line) : undefined, ...(tree ? { tree } : {}) },
  };
}
