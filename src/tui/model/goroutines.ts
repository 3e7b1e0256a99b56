/**
 * Goroutine groups as the Goroutines pane lists them: the latest dump first (what the process
 * has now), each group with its change since the first dump when there are several, then the
 * earlier dumps. A total is one dump's: summing over dumps gives a number no moment had.
 * Unrelated dumps (`--separately`, report.separately) are no series: in report order,
 * no change, no "latest" (as model/series.ts has no series for them).
 */
import { countingDumps, type GoroutineGroup, type GoroutineSummary } from '../../analyze/goroutines/index.js';
import type { ListState } from '../state/reducer.js';
import { byNumber, byText, listView, type ListView, type SortSpec } from './list.js';

export interface GroupRow {
  summary: GoroutineSummary;
  group: GoroutineGroup;
  /** Goroutines more (or fewer) than the same group had in the first dump; latest dump only. */
  change?: number;
}

/** A group's identity across dumps: what the grouping keys on. */
function groupKey(g: Pick<GoroutineGroup, 'function' | 'state' | 'createdBy' | 'blockedIn'>): string {
  return `${g.function}\u0000${g.state ?? ''}\u0000${g.createdBy ?? ''}\u0000${g.blockedIn ?? ''}`;
}

/** The dumps latest first (report.goroutines is in time order), the latest that counts every goroutine before the rest; unrelated dumps in report order, as the text report lists them. */
function dumpsLatestFirst(summaries: readonly GoroutineSummary[], latest: GoroutineSummary | undefined, separately = false): GoroutineSummary[] {
  if (separately) return [...summaries];
  const rest = [...summaries].reverse().filter((s) => s !== latest);
  return latest ? [latest, ...rest] : rest;
}

/** The first and latest dumps that count every goroutine, and how many do (a goroutineleak profile lists leaked ones only: goroutines/tracks.ts). */
export function countingEnds(summaries: readonly GoroutineSummary[]): { first: GoroutineSummary | undefined; latest: GoroutineSummary | undefined; count: number } {
  const counting = countingDumps(summaries);
  return { first: counting[0], latest: counting[counting.length - 1], count: counting.length };
}

/** A dump's format as its groups are keyed: debug=2 (state, creator), debug=1 text (blocked-in call), binary profile. */
export function dumpFormat(s: Pick<GoroutineSummary, 'kind' | 'binary'>): string {
  return s.kind === 'goroutine-traceback' ? 'debug=2' : s.binary ? 'binary profile' : 'debug=1';
}

/**
 * What each group's change is counted from: the first counting dump of the latest's format (one
 * format per trend, docs/goroutines.md — debug=1 and debug=2 group differently, so matching a
 * group across them counted every group as new). `baseline` is undefined when no earlier dump has
 * that format; `mixed` says the counting dumps mix formats (the change is then not since the first dump).
 */
export function changeBaseline(summaries: readonly GoroutineSummary[], separately = false): { baseline: GoroutineSummary | undefined; latest: GoroutineSummary | undefined; first: GoroutineSummary | undefined; mixed: boolean } {
  // Unrelated dumps: nothing changed "since" another program's dump.
  if (separately) return { baseline: undefined, latest: undefined, first: undefined, mixed: false };
  const counting = countingDumps(summaries);
  const latest = counting[counting.length - 1];
  const first = counting[0];
  const mixed = latest !== undefined && counting.some((d) => dumpFormat(d) !== dumpFormat(latest));
  const baseline = latest ? counting.find((d) => dumpFormat(d) === dumpFormat(latest)) : undefined;
  return { baseline: baseline !== latest ? baseline : undefined, latest, first, mixed };
}

export function groupRows(summaries: readonly GoroutineSummary[], separately = false): GroupRow[] {
  const { baseline, latest } = changeBaseline(summaries, separately);
  const before = new Map<string, number>();
  if (baseline) for (const g of baseline.groups) before.set(groupKey(g), (before.get(groupKey(g)) ?? 0) + g.count);
  return dumpsLatestFirst(summaries, latest, separately).flatMap((summary) => summary.groups.map((group): GroupRow => (
    summary === latest && baseline ? { summary, group, change: group.count - (before.get(groupKey(group)) ?? 0) } : { summary, group })));
}

/**
 * The headline numbers: goroutines now, and the change since the first dump (dumps that count
 * every goroutine). Unrelated dumps have no "now" nor change: `now` is then the most one of them has.
 */
export function goroutineTotals(summaries: readonly GoroutineSummary[], separately = false): { now: number; first: number; change: number | undefined; dumps: number } | undefined {
  const { first, latest, count } = countingEnds(summaries);
  if (!latest || !first) return undefined;
  if (separately) return { now: Math.max(...countingDumps(summaries).map((d) => d.total)), first: first.total, change: undefined, dumps: count };
  return { now: latest.total, first: first.total, change: first !== latest ? latest.total - first.total : undefined, dumps: count };
}

/** A row's identity: its dump and its group (survives a re-sort and a watch's new poll). */
export function rowKey(row: GroupRow): string {
  return `${row.summary.source}\u0001${groupKey(row.group)}`;
}

function state(g: GoroutineGroup): string {
  return g.state ?? g.blockedIn ?? '';
}

export const GROUP_SORTS: readonly SortSpec<GroupRow>[] = [
  { key: 'count', label: 'count', descending: true, compare: byNumber((r) => r.group.count) },
  { key: 'change', label: 'change', descending: true, compare: byNumber((r) => r.change) },
  { key: 'wait', label: 'longest wait', descending: true, compare: byNumber((r) => r.group.waitMinutes) },
  { key: 'state', label: 'state', descending: false, compare: byText((r) => state(r.group)) },
  { key: 'function', label: 'function', descending: false, compare: byText((r) => r.group.function) },
];

/** What the filter matches: function, state or blocked-in call, creator, file. */
function rowText(row: GroupRow): string {
  const g = row.group;
  return [g.function, g.state, g.blockedIn, g.createdBy, g.file].filter(Boolean).join('\u0000');
}

/** The rows of the dumps, built once per report (listView keeps its sorted view by this array). */
const rowCache = new WeakMap<readonly GoroutineSummary[], { separately: boolean; rows: GroupRow[] }>();

function cachedRows(summaries: readonly GoroutineSummary[], separately: boolean): GroupRow[] {
  const cached = rowCache.get(summaries);
  if (cached?.separately === separately) return cached.rows;
  const rows = groupRows(summaries, separately);
  rowCache.set(summaries, { separately, rows });
  return rows;
}

/** The last view per report: a key that only moves the cursor sorts nothing again. */
const viewCache = new WeakMap<GroupRow[], { sorted: ListView<GroupRow>; view: ListView<GroupRow> }>();

/** The rows shown: filtered, and sorted within each dump (the dumps stay latest first). */
export function visibleRows(summaries: readonly GoroutineSummary[], view: Pick<ListState, 'sort' | 'reverse' | 'filter'>, separately = false): ListView<GroupRow> {
  const rows = cachedRows(summaries, separately);
  const sorted = listView(rows, GROUP_SORTS, view, rowText);
  const cached = viewCache.get(rows);
  if (cached?.sorted === sorted) return cached.view;
  const dumpOrder = new Map(dumpsLatestFirst(summaries, countingEnds(summaries).latest, separately).map((s, i) => [s, i]));
  const position = new Map(sorted.items.map((r, i) => [r, i]));
  // A copy: listView's view is shared.
  const items = [...sorted.items].sort((a, b) => (dumpOrder.get(a.summary) ?? 0) - (dumpOrder.get(b.summary) ?? 0) || (position.get(a) ?? 0) - (position.get(b) ?? 0));
  const result = { ...sorted, items };
  viewCache.set(rows, { sorted, view: result });
  return result;
}
