/**
 * Series: each bucket over the snapshots as a sparkline with its first and last values, then
 * the sites whose in-use bytes grow and the goroutine groups that grow (a sparkline each);
 * Enter opens one: its values snapshot by snapshot, and a standard-library site's callers in the
 * program with their growth.
 */
import type { GroupTrend, SiteTrend } from '../../analyze/series/model.js';
import { GREW_THEN_HELD, GREW_THEN_HELD_WORDS } from '../../analyze/series/verdict.js';
import { countOf, formatBytes, formatCount } from '../../text/units.js';
import { bucketTone } from '../model/breakdown.js';
import { byNumber, listView, type SortSpec } from '../model/list.js';
import { sparkline, type HolderTrend, type SeriesRow, type SeriesView } from '../model/series.js';
import { holderWords } from '../../analyze/rules/leak-advice.js';
import { siteKey } from '../model/sites.js';
import { codeTarget, type Target } from '../effects.js';
import { callerLines } from '../../report/callers.js';
import { partOfAnInput } from '../../common/stems.js';
import { displayLocation, type PathContext } from '../model/paths.js';
import type { TuiState } from '../state/reducer.js';
import { clipLines, frame, padEnd, padStart, seg, truncateFunction, truncateStart, windowStart, wrapLines, type Line, type Tone } from './line.js';
import { cursorIn, cursorMark, highlight, listContext, listStatus, noMatch, note, sectionTitle, type PaneBody } from './pane.js';

export type SeriesItem = { kind: 'site'; trend: SiteTrend } | { kind: 'holder'; trend: HolderTrend } | { kind: 'group'; trend: GroupTrend };

const itemCache = new WeakMap<SeriesView, SeriesItem[]>();

/** The items once per view: listView keeps its sorted view by this array. */
function seriesItems(view: SeriesView): SeriesItem[] {
  let items = itemCache.get(view);
  if (!items) {
    items = [
      ...view.growing.map((trend): SeriesItem => ({ kind: 'site', trend })),
      ...(view.holder ? [{ kind: 'holder' as const, trend: view.holder }] : []),
      ...view.groups.map((trend): SeriesItem => ({ kind: 'group', trend })),
    ];
    itemCache.set(view, items);
  }
  return items;
}

function itemTarget(item: SeriesItem): Target {
  return item.kind === 'group' ? codeTarget(item.trend.function, undefined, undefined) : codeTarget(item.trend.function, item.trend.file, item.trend.line);
}

function itemKey(item: SeriesItem): string {
  return item.kind === 'group' ? `group\u0001${item.trend.function}\u0000${item.trend.state ?? ''}\u0000${item.trend.createdBy ?? ''}` : `${item.kind}\u0001${siteKey(item.trend)}`;
}

/** The order of the kinds: the growing sites, the array that may keep their objects under them, then the groups. */
const KIND_ORDER: Record<SeriesItem['kind'], number> = { site: 0, holder: 1, group: 2 };

/** Growth sorts within each kind (bytes and goroutines do not compare; the holder rose by jumps, not steadily). */
const byKind = (a: SeriesItem, b: SeriesItem): number => KIND_ORDER[a.kind] - KIND_ORDER[b.kind];

/** What the growth sort compares: a site's growth, the holder's first to last, a group's goroutines. */
function growthOf(item: SeriesItem): number {
  if (item.kind === 'site') return item.trend.growthBytes;
  if (item.kind === 'group') return item.trend.growth;
  return (item.trend.inuseBytes.at(-1) ?? 0) - (item.trend.inuseBytes[0] ?? 0);
}

const SERIES_SORTS: readonly SortSpec<SeriesItem>[] = [
  { key: 'growth', label: 'growth', descending: true, compare: (a, b) => byKind(a, b) || byNumber<SeriesItem>(growthOf)(a, b) },
  { key: 'function', label: 'function', descending: false, compare: (a, b) => byKind(a, b) || a.trend.function.localeCompare(b.trend.function) },
];

function itemText(item: SeriesItem): string {
  return item.kind === 'group' ? `${item.trend.function}\u0000${item.trend.state ?? ''}\u0000${item.trend.createdBy ?? ''}` : `${item.trend.function}\u0000${item.trend.file ?? ''}:${item.trend.line ?? ''}`;
}

/** A value; `–` where the snapshot has none (NaN: the text table's `live as of GC` says so too). */
function amount(value: number, unit: SeriesRow['unit']): string {
  if (Number.isNaN(value)) return '–';
  return unit === 'bytes' ? formatBytes(value) : formatCount(value);
}

function signed(value: number, unit: SeriesRow['unit']): string {
  if (Number.isNaN(value)) return '–';
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${amount(Math.abs(value), unit)}`;
}

function rowTone(row: SeriesRow): Tone | undefined {
  if (row.name === 'sys' || row.name === 'retained' || row.name === 'rss' || row.name === 'goroutines') return undefined;
  // The estimates of the live heap as of each GC, the live row's colour.
  return bucketTone(row.name === 'liveAsOfGc' ? 'live' : row.name);
}

const SPARK_MAX = 40;

/** The growing array's mark: not red (it is not a site that grew at every step), not the held sites' yellow. */
const HOLDER_TONE: Tone = 'cyan';

function sparkWidth(width: number, count: number): number {
  return Math.max(4, Math.min(count, SPARK_MAX, width - 16 - 38));
}

/** The cells of a row with its first value: name, the narrowest sparkline, first → last, the change. */
const FULL_ROW = 2 + 14 + 4 + 1 + 10 + 3 + 10 + 1 + 11;

function bucketLine(row: SeriesRow, width: number): Line {
  const first = row.values[0] ?? 0;
  const last = row.values[row.values.length - 1] ?? 0;
  const w = sparkWidth(width, row.values.length);
  const change = seg(padStart(signed(last - first, row.unit), 11), { color: last > first ? 'red' : undefined, bold: last > first });
  // A narrow terminal drops the first value (the sparkline shows the way), never a number's end.
  if (width < FULL_ROW) {
    return [seg(`  ${padEnd(row.label ?? row.name, 14)}`), seg(padEnd(sparkline(row.values, 4), 4), { color: rowTone(row) }), seg(` ${padStart(amount(last, row.unit), 10)}`), change];
  }
  return [
    seg(`  ${padEnd(row.label ?? row.name, 14)}`),
    seg(padEnd(sparkline(row.values, w), w), { color: rowTone(row) }),
    seg(` ${padStart(amount(first, row.unit), 10)} → ${padStart(amount(last, row.unit), 10)} `),
    change,
  ];
}

function itemRow(item: SeriesItem, selected: boolean, paths: PathContext, width: number): Line {
  const whereWidth = Math.max(17, Math.min(40, Math.floor((width - 28) * 0.35)));
  const nameWidth = Math.max(8, width - 2 - 12 - 14 - whereWidth - 1);
  if (item.kind === 'holder') {
    // Marked, not a growth: it rose by jumps (the Overview's row and this detail say so).
    const h = item.trend;
    return highlight([
      seg(cursorMark(selected)),
      seg(padStart('holder', 11), { color: HOLDER_TONE, bold: true }),
      seg(` ${padEnd(sparkline(h.inuseBytes, 12), 13)}`, { color: HOLDER_TONE }),
      seg(padEnd(truncateFunction(h.function, nameWidth), nameWidth), { bold: selected }),
      seg(` ${truncateStart(displayLocation(h, paths), whereWidth)}`, { dim: !selected }),
    ], selected);
  }
  if (item.kind === 'site') {
    const t = item.trend;
    // One that grew, then held, in yellow: not growing now (the list's title counts it apart).
    const color = t.heldFrom === undefined ? 'red' : 'yellow';
    return highlight([
      seg(cursorMark(selected)),
      seg(padStart(`+${formatBytes(t.growthBytes)}`, 11), { color, bold: true }),
      seg(` ${padEnd(sparkline(t.inuseBytes, 12), 13)}`, { color }),
      seg(padEnd(truncateFunction(t.function, nameWidth), nameWidth), { bold: selected }),
      seg(` ${truncateStart(displayLocation(t, paths), whereWidth)}`, { dim: !selected }),
    ], selected);
  }
  const g = item.trend;
  return highlight([
    seg(cursorMark(selected)),
    seg(padStart(`+${formatCount(g.growth)}`, 11), { color: 'magenta', bold: true }),
    seg(` ${padEnd(sparkline(g.counts, 12), 13)}`, { color: 'magenta' }),
    seg(padEnd(truncateFunction(g.function, nameWidth), nameWidth), { bold: selected }),
    seg(` ${truncateStart(g.state ?? '', whereWidth)}`, { dim: !selected }),
  ], selected);
}

/** Each value with its input's name, `moment` after it (` · snapshot 3`) kept whole where a long name is cut at its start. */
function perSnapshot(values: readonly string[], sources: readonly string[], width: number, moments: readonly string[] = []): Line[] {
  return values.map((v, i) => {
    const moment = moments[i] ?? '';
    return [seg(`  ${v}  `), seg(`${truncateStart(sources[i] ?? `#${i + 1}`, Math.max(8, width - 4 - v.length - moment.length))}${moment}`, { dim: true })];
  });
}

/**
 * The snapshot of each trend source that is a stream's document (`-:927 · snapshot 3`): its name
 * is only its line in the stream, where a file's name carries its time; the number is the one the
 * verdict and the header's `snap N/M` say.
 */
function trendMoments(view: SeriesView): string[] {
  return view.trendSources.map((source) => {
    const at = view.sources.indexOf(source);
    return partOfAnInput(source) && at >= 0 ? ` · snapshot ${at + 1}` : '';
  });
}

/** The snapshot whose moment each goroutine dump of the group trends is (series.points[].goroutineDump), a stream's or a folder's. */
function groupMoments(view: SeriesView): string[] {
  return view.groupSources.map((_, i) => {
    const at = view.groupSnapshots[i];
    return at === undefined ? '' : ` · snapshot ${at}`;
  });
}

/**
 * Who called a growing standard-library site, as the text report says it under the site (its
 * words: report/callers.ts), every caller: the most grown first, with its growth since the first
 * snapshot, in red when it grew (the leak is its, not the caller's that holds the most).
 */
function callerDetailLines(t: SiteTrend, paths: PathContext, width: number): Line[] {
  const where = (c: { file?: string | undefined; line?: number | undefined }): string => displayLocation(c, paths);
  const lines = callerLines(t, 0, 'in the last snapshot', { shown: Infinity, where });
  return lines.flatMap((text, i) => {
    const grew = (t.callers?.[i]?.growthBytes ?? 0) > 0;
    return wrapLines(text, width, grew ? { color: 'red' } : { dim: true }, 4, 0);
  });
}

/**
 * The holder opened: what it is in the leak-suspected fix's words (leak-advice.ts holderWords), then
 * its bytes and objects snapshot by snapshot, the jumps a reallocated array makes.
 */
function holderDetailLines(h: HolderTrend, view: SeriesView, width: number): Line[] {
  const lines: Line[] = [[seg(truncateFunction(h.function, width), { bold: true })]];
  if (h.file) lines.push(note(truncateStart(`${h.file}:${h.line ?? '?'}`, width)));
  lines.push([seg(`holder: ${countOf(h.objects, 'object')} at the last snapshot`, { color: HOLDER_TONE, bold: true }), seg(' · rose by jumps, not at every step')]);
  lines.push(...wrapLines(holderWords(h), width, {}, 0, 0));
  lines.push([], sectionTitle('In use per snapshot'));
  const values = h.inuseBytes.map((bytes, i) => `${padStart(formatBytes(bytes), 10)} ${padStart(formatCount(h.inuseObjects[i] ?? 0), 11)} ${(h.inuseObjects[i] ?? 0) === 1 ? 'object ' : 'objects'}`);
  lines.push(...perSnapshot(values, view.trendSources, width, trendMoments(view)));
  return lines;
}

function itemDetailLines(item: SeriesItem, view: SeriesView, paths: PathContext, width: number): Line[] {
  if (item.kind === 'group') {
    const g = item.trend;
    const lines: Line[] = [[seg(truncateFunction(g.function, width), { bold: true })]];
    const facts = [g.state ? `state ${g.state}` : '', g.createdBy ? `created by ${g.createdBy}` : ''].filter(Boolean).join(' · ');
    if (facts) lines.push(note(truncateStart(facts, width)));
    lines.push([seg(`grew by ${formatCount(g.growth)} goroutines`, { color: 'magenta', bold: true }), seg(g.monotonic ? ' · never decreased' : ' · not monotonic')]);
    lines.push([], sectionTitle('Goroutines per dump'));
    lines.push(...perSnapshot(g.counts.map((c) => padStart(formatCount(c), 10)), view.groupSources, width, groupMoments(view)));
    return lines;
  }
  if (item.kind === 'holder') return holderDetailLines(item.trend, view, width);
  const t = item.trend;
  const lines: Line[] = [[seg(truncateFunction(t.function, width), { bold: true })]];
  if (t.file) lines.push(note(truncateStart(`${t.file}:${t.line ?? '?'}`, width)));
  lines.push([seg(`grew ${formatBytes(t.growthBytes)} in use`, { color: 'red', bold: true }), seg(t.monotonic ? ' · never decreased' : ' · not monotonic'), ...(t.heldFrom === undefined ? [] : [seg(` · ${GREW_THEN_HELD.toLowerCase()}`)])]);
  lines.push(...callerDetailLines(t, paths, width));
  lines.push([], sectionTitle('In use per snapshot'));
  const values = t.inuseBytes.map((bytes, i) => `${padStart(formatBytes(bytes), 10)} ${padStart(formatCount(t.inuseObjects[i] ?? 0), 11)} objects`);
  lines.push(...perSnapshot(values, view.trendSources, width, trendMoments(view)));
  return lines;
}

/** Rows of the growing list kept on screen below the series' rows, however short the terminal. */
const MIN_LIST_ROWS = 3;

/**
 * `rows` cut to `room` (at least two), in their order: the live heap's row, its estimates as of each GC (what a peak read between GCs rests on) and those named in
 * `priority` (the goroutines' when groups grow), then the rows that changed most against their first
 * value (a goroutine count and bytes alike), then unchanged ones.
 */
function rowsThatFit(rows: readonly SeriesRow[], room: number, priority: readonly string[]): readonly SeriesRow[] {
  const fit = Math.max(2, room);
  if (rows.length <= fit) return rows;
  const change = (r: SeriesRow): number => {
    const first = r.values[0] ?? 0;
    return r.name === 'live' || r.name === 'liveAsOfGc' || priority.includes(r.name) ? Infinity : Math.abs((r.values[r.values.length - 1] ?? 0) - first) / Math.max(Math.abs(first), 1);
  };
  const kept = new Set([...rows].sort((a, b) => change(b) - change(a)).slice(0, fit));
  return rows.filter((r) => kept.has(r));
}

export function seriesBody(view: SeriesView, state: TuiState['series'], editing: boolean, paths: PathContext, width: number, height: number): PaneBody {
  const list = listView(seriesItems(view), SERIES_SORTS, state, itemText);
  const items = list.items;
  if (state.open !== undefined) {
    const item = items.find((i) => itemKey(i) === state.open);
    const content = item ? itemDetailLines(item, view, paths, width) : [note('This item no longer grows (press Esc).')];
    const page = Math.max(1, height);
    const scroll = Math.max(0, Math.min(state.scroll, content.length - page));
    return { lines: frame(content.slice(scroll, scroll + page), height), list: { kind: 'scroll', count: content.length, page, target: item ? itemTarget(item) : undefined } };
  }
  const count = view.sources.length;
  const top: Line[] = [[seg('Series', { bold: true }), seg(count >= 2 ? ` · ${count} snapshots, first → last` : ` · ${view.groupSources.length} goroutine dumps`)]];
  // At most three lines; a longer verdict ends with … (the Overview has it whole).
  if (view.summary) top.push(...clipLines(wrapLines(view.summary, width, { bold: true }), 3, width));
  // A recurring peak's line stays whole where the summary is clipped: its height, pace, site and what FreeOSMemory would do.
  if (view.recurring) top.push(...wrapLines(view.recurring, width, {}, 2, 0));
  // Under the rows as in the text report: the snapshots nothing checked are the same program
  // (yellow: it bears on the verdict), then those read between GCs, then the RSS --rss gave.
  const noteLines = [
    ...(view.unchecked ? wrapLines(view.unchecked, width, { color: 'yellow' }, 2, 2) : []),
    ...(view.note ? wrapLines(view.note, width, { dim: true }, 2, 2) : []),
    ...(view.rssOrigin ? wrapLines(view.rssOrigin, width, { dim: true }, 2, 2) : []),
  ];
  // The growing list keeps MIN_LIST_ROWS rows and the notes stay (the between-GCs one explains a
  // sawtooth): on a short terminal the rows that changed least go (rowsThatFit).
  // The RSS row stays where its note is said.
  const priority = [...(view.groups.length > 0 ? ['goroutines'] : []), ...(view.rssOrigin ? ['rss'] : [])];
  const shown = rowsThatFit(view.rows, height - top.length - noteLines.length - 2 - MIN_LIST_ROWS, priority);
  for (const row of shown) top.push(bucketLine(row, width));
  top.push(...noteLines);
  top.push([]);
  // Sites that grew, then held, counted apart (not growing now), as the reports list them under a heading of their own.
  const held = view.growing.filter((t) => t.heldFrom !== undefined).length;
  const sites = view.growing.length - held;
  const groups = view.groups.length;
  const growing = [sites ? `${sites} site${sites === 1 ? '' : 's'}` : '', groups ? `${groups} goroutine group${groups === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ') || 'nothing';
  const heldWords = held ? ` · ${GREW_THEN_HELD_WORDS.toLowerCase()}: ${held} site${held === 1 ? '' : 's'}` : '';
  const holderWordsShort = view.holder ? ' · 1 array that may keep them' : '';
  top.push(sites || groups || held
    ? [...sectionTitle(`Growing: ${growing}${heldWords}${holderWordsShort}`), ...listStatus(list, state.filter, editing, '', true, true)]
    : sectionTitle('Growing: nothing — no site or goroutine group grows steadily'));
  const room = Math.max(1, height - top.length);
  const cursor = cursorIn(state, items, itemKey);
  const start = windowStart(cursor, items.length, room);
  const rows = items.slice(start, start + room).map((item, i) => itemRow(item, start + i === cursor, paths, width));
  if (items.length === 0 && state.filter) rows.push(noMatch(state, 'item'));
  const selected = items[cursor];
  return { lines: frame([...top, ...rows], height), list: { ...listContext(items.length, room, selected ? itemKey(selected) : undefined, SERIES_SORTS, cursor), target: selected ? itemTarget(selected) : undefined } };
}
