/**
 * The whole screen as lines: the pane tabs, the focused pane's body, (for `heapdoc watch`) the
 * live line, and the status bar with the keys that apply. Pure: the same data, state and size
 * always give the same lines, and the context the reducer needs comes with them.
 */
import { findingsBySource } from '../../report/separately.js';
import { seriesSnapshots } from '../../report/latest.js';
import type { SnapshotAnalysis } from '../../analyze/snapshot.js';
import type { AnalyzeReport } from '../../analyze/report.js';
import { formatBytes } from '../../text/units.js';
import { KEY_HELP } from '../input/keymap.js';
import { pathContext } from '../model/paths.js';
import type { SourceLookup } from '../model/source.js';
import { seriesView, type SeriesView } from '../model/series.js';
import { ESCAPE_DETAIL_LEVEL, focusedList, focusedPosition, inDetail, PANE_TITLE, PANES, BUCKET_ITEM, GROUP_ITEM, SITE_ITEM, pickedSite, selectedFrame, type PaneId, type TuiContext, type TuiState } from '../state/reducer.js';
import { diagnosticsBody } from './diagnostics.js';
import { escapeBody } from './escape.js';
import { gcLogBody } from './gclog.js';
import { goroutinesBody } from './goroutines.js';
import { fitLine, frame, lineText, padEnd, seg, truncate, truncateStart, width as cells, wrapLines, type Line } from './line.js';
import { overviewBody } from './overview.js';
import { note, sectionTitle, type PaneBody } from './pane.js';
import { seriesBody } from './series.js';
import { siteDetailBody, sitesListBody } from './sites.js';
import { treeBody } from './tree.js';

/** `heapdoc watch`'s progress, shown on the line above the status bar. */
export interface LiveStatus {
  url: string;
  intervalMs: number;
  /** Polls attempted so far. */
  polls: number;
  /** Snapshots kept. */
  snapshots: number;
  lastPollAt?: Date;
  /** The last poll's error, if it failed. */
  lastError?: string;
  goroutines: 'pending' | 'ok' | 'unavailable';
  /** --count was reached: no more polls. */
  done?: boolean;
  /** When the last restart of the process was seen (counters fell): the series started over. */
  restartedAt?: Date;
}

export interface ScreenData {
  /** Undefined while `heapdoc watch` waits for its first snapshot. */
  report: AnalyzeReport | undefined;
  width: number;
  height: number;
  /** The terminal's rows, when the frame is shorter (Ink's newline after the frame takes one): what a user sees as its size. */
  terminalRows?: number;
  live?: LiveStatus;
  /** Goroutines per snapshot (watch), for the Series pane. */
  goroutineTotals?: readonly (number | undefined)[];
  /** The source files a selected frame shows (model/source.ts); without it, none is read. */
  sources?: SourceLookup;
  /** How many files `sources` has read so far: a new count is a new screen. */
  sourcesRead?: number;
}

export interface Screen {
  lines: Line[];
  context: TuiContext;
  /** The pane drawn (the focused one, or Overview if the focused one has no data). */
  pane: PaneId;
}

const PANE_HELP: readonly (readonly [PaneId, string])[] = [
  ['overview', 'the verdict, Sys split into buckets, the findings'],
  ['sites', 'allocation sites, their stacks, the compiler\'s decisions'],
  ['escape', '--escape: package › file › function › diagnostic, by memory'],
  ['goroutines', 'goroutine dumps: groups, state and wait time'],
  ['series', 'several snapshots or watch: buckets over time, growth'],
  ['diagnostics', 'what was wrong in the inputs: source:line:column, message, fix'],
  ['tree', 't: memory by function, flat and cumulative, callees or callers (i)'],
  ['gclog', 'gctrace logs: heap at each GC, peak vs what stays, GC pace, CPU'],
];

const MIN_WIDTH = 40;
/** Rows of the frame: a header, five rows of a pane, the footer (a 40×8 terminal, one row being Ink's). */
const MIN_HEIGHT = 7;

const seriesCache = new WeakMap<AnalyzeReport, { totals: ScreenData['goroutineTotals']; view: SeriesView | undefined }>();

function seriesOf(report: AnalyzeReport, totals?: ScreenData['goroutineTotals']): SeriesView | undefined {
  const cached = seriesCache.get(report);
  if (cached && cached.totals === totals) return cached.view;
  const view = seriesView(report, totals);
  seriesCache.set(report, { totals, view });
  return view;
}

export function availablePanes(report: AnalyzeReport | undefined, totals?: ScreenData['goroutineTotals']): PaneId[] {
  if (!report) return ['overview'];
  return PANES.filter((p) => {
    switch (p) {
      case 'sites': return report.snapshots.length > 0;
      case 'tree': return report.snapshots.some((s) => s.profile.sites.length > 0);
      case 'gclog': return (report.gcTraces?.length ?? 0) > 0;
      case 'escape': return report.escape !== undefined;
      case 'goroutines': return report.goroutines.length > 0;
      case 'series': return seriesOf(report, totals) !== undefined;
      case 'diagnostics': return report.diagnostics.length > 0;
      default: return true;
    }
  });
}

function selectedSnapshot(report: AnalyzeReport, state: TuiState): SnapshotAnalysis | undefined {
  const snapshots = seriesSnapshots(report);
  const last = snapshots.length - 1;
  return snapshots[state.snapshot === undefined ? last : Math.min(state.snapshot, last)];
}

/**
 * The tabs, and on the right the first of `right` (longest first) that fits. When the names do
 * not all fit (eight panes at 60 columns), the panes not shown keep only their number.
 */
function tabBar(panes: readonly PaneId[], active: PaneId, right: readonly string[], width: number): Line {
  const build = (short: boolean): Line => {
    const l: Line = [seg(' heapdoc ', { bold: true, inverse: true }), seg(' ')];
    panes.forEach((p, i) => {
      const label = p === active || !short ? `${i + 1} ${PANE_TITLE[p]}` : `${i + 1}`;
      l.push(p === active ? seg(`[${label}]`, { bold: true, color: 'cyan' }) : seg(` ${label} `, { dim: true }));
      l.push(seg(' '));
    });
    return l;
  };
  const full = build(false);
  const l = cells(lineText(full)) <= width ? full : build(true);
  const used = cells(lineText(l));
  const fits = right.find((r) => used + cells(r) + 1 <= width);
  if (fits) l.push(seg(' '.repeat(width - used - cells(fits))), seg(fits, { dim: true }));
  return fitLine(l, width);
}

interface Hint {
  text: string;
  /** Lower numbers are dropped last when the bar is too narrow. */
  priority: number;
  /** Never dropped: how to quit, get help, or leave the filter (it was cut to `q q…` at 40 columns). */
  keep?: boolean;
}

function hints(state: TuiState, pane: PaneId, context: TuiContext): Hint[] {
  if (state.help) return [...(context.list.count > context.list.page ? [{ text: '↑↓ scroll', priority: 1 }] : []), { text: '? Esc close help', priority: 0, keep: true }, { text: 'q quit', priority: 0, keep: true }];
  if (state.editing) {
    return [{ text: 'type to filter', priority: 0 }, { text: 'Enter keep', priority: 0, keep: true }, { text: 'Esc clear', priority: 0, keep: true }, { text: '↑↓ move', priority: 1 }];
  }
  const detail = inDetail(state);
  const frames = selectedFrame(state) !== undefined;
  const picking = pickedSite(state) !== undefined;
  const list: Hint[] = [{ text: frames ? '↑↓/jk frame' : picking ? '↑↓/jk site' : detail ? '↑↓/jk scroll' : '↑↓/jk move', priority: 1 }];
  // In a detail, Enter selects a frame of its stacks (or, on an escape diagnostic, opens its heap site).
  if (detail && !frames && context.list.frames) list.push({ text: 'Enter frames', priority: 0 });
  if (detail && context.list.site !== undefined) list.push({ text: 'Enter open site', priority: 0 });
  if (detail && context.list.sites !== undefined) list.push({ text: 'Enter pick site', priority: 0 });
  const key = context.list.selectedKey ?? '';
  if (!detail && (context.list.count > 0 || key.startsWith(BUCKET_ITEM))) {
    const row = context.list.tree;
    const bucketOpens = context.list.opens;
    const open = pane === 'overview' ? (key.startsWith(SITE_ITEM) ? 'Enter open site' : key.startsWith(GROUP_ITEM) ? 'Enter open group' : key.startsWith(BUCKET_ITEM) ? (bucketOpens ? `Enter ${PANE_TITLE[bucketOpens]}` : undefined) : state.overview.expanded.includes(key) ? (context.list.names ? (context.list.names.key.startsWith(SITE_ITEM) ? 'Enter open site' : 'Enter open group') : 'Enter collapse') : 'Enter expand')
      : row ? (row.site !== undefined ? 'Enter open site' : row.expandable ? (row.expanded ? 'Enter collapse' : 'Enter expand') : undefined)
      : pane === 'escape' && state.escape.trail.length === ESCAPE_DETAIL_LEVEL - 1 ? 'Enter details' : 'Enter open';
    if (open) list.push({ text: open, priority: 0 });
  }
  const filtered = !detail && (focusedList(state)?.filter ?? '') !== '';
  const canBack = (detail && pane !== 'gclog') || filtered || (pane === 'escape' && state.escape.trail.length > 0) || state.back !== undefined
    || (pane === 'overview' && context.list.selectedKey !== undefined && state.overview.expanded.includes(context.list.selectedKey));
  const treeBack = pane === 'tree' && (context.list.tree?.expanded || context.list.tree?.parent !== undefined);
  if (treeBack) list.push({ text: context.list.tree?.expanded ? '← collapse' : '← up', priority: 0 });
  else if (canBack) list.push({ text: pane === 'overview' ? 'Esc collapse' : filtered ? 'Esc clear filter' : 'Esc back', priority: 0 });
  if (pane === 'tree') list.push({ text: state.tree.inverted ? 'i callees' : 'i callers', priority: 1 });
  if (!detail && context.list.filterable) list.push({ text: '/ filter', priority: 1 });
  if (!detail && (context.list.sorts?.length ?? 0) > 1) list.push({ text: 's/S sort', priority: 1 });
  if (context.panes.length > 1) list.push({ text: 'Tab pane', priority: 2 });
  // On a selected frame, e and y are what the mode is for: they stay when the bar is narrow.
  if (context.list.target) list.push({ text: context.list.target.file ? 'e edit · y copy' : 'y copy', priority: frames ? 1 : 3 });
  if (context.snapshots > 1) list.push({ text: '[ ] snapshot', priority: 3 });
  list.push({ text: '? help', priority: 0, keep: true }, { text: 'q quit', priority: 0, keep: true });
  return list;
}

/** Where the focused list is: `3/12`, or `lines 23–44/60` in a detail taller than the screen. */
function position(state: TuiState, context: TuiContext): string {
  const l = context.list;
  if (l.count === 0) return '';
  const at = state.help ? state.helpScroll : focusedPosition(state);
  // The help's lines are the list then: the frame or site picked under it is not what is counted.
  if (!state.help && selectedFrame(state) !== undefined) return `frame ${Math.min(at, l.count - 1) + 1}/${l.count}`;
  if (!state.help && pickedSite(state) !== undefined) return `site ${Math.min(at, l.count - 1) + 1}/${l.count}`;
  if (l.kind === 'scroll') {
    if (l.count <= l.page) return '';
    const first = Math.max(0, Math.min(at, l.count - l.page));
    return `lines ${first + 1}–${first + l.page}/${l.count}`;
  }
  if (at < 0) return ''; // an Overview bucket, above the list
  return `${Math.min(at, l.count - 1) + 1}/${l.count}`;
}

function statusBar(state: TuiState, pane: PaneId, context: TuiContext, width: number): Line {
  // The outcome of e / y / Ctrl-Z replaces the hints until the next key.
  if (state.message !== undefined) return [seg(padEnd(` ${truncate(state.message, width - 2)}`, width), { inverse: true, bold: true })];
  const all = hints(state, pane, context);
  const full = position(state, context);
  let right = full;
  const room = (): number => width - 2 - (right ? cells(right) + 2 : 0);
  const join = (h: Hint[]): string => h.map((x) => x.text).join(' · ');
  // Too narrow: drop hints one by one, the least needed (highest priority number, rightmost) first;
  // then the position; then the rightmost hint that is not kept (quit, help, the filter's keys).
  const shown = [...all];
  while (cells(join(shown)) > room()) {
    const worst = shown.reduce((w, h, i) => (h.priority >= (shown[w]?.priority ?? 0) ? i : w), 0);
    if ((shown[worst]?.priority ?? 0) > 0) shown.splice(worst, 1);
    else if (right) right = '';
    else {
      const last = shown.findLastIndex((h) => h.keep !== true);
      if (last < 0) break;
      shown.splice(last, 1);
    }
  }
  // The position comes back when the hints left leave room for it.
  if (!right && full && cells(join(shown)) <= width - 2 - cells(full) - 2) right = full;
  const fits = room();
  const left = ` ${truncate(join(shown), fits)}`;
  const text = right ? `${left}${' '.repeat(Math.max(1, width - cells(left) - cells(right) - 1))}${right} ` : left;
  return [seg(padEnd(text, width), { inverse: true })];
}

function helpLines(width: number): Line[] {
  const lines: Line[] = [sectionTitle('Keys')];
  const keyWidth = 26;
  for (const [keys, what] of KEY_HELP) {
    const text = wrapLines(what, width - keyWidth - 2, {}, 0);
    text.forEach((t, i) => lines.push([seg(i === 0 ? `  ${padEnd(keys, keyWidth)}` : ' '.repeat(keyWidth + 2), { bold: true, color: 'cyan' }), ...t]));
  }
  lines.push([], sectionTitle('Panes'));
  for (const [pane, what] of PANE_HELP) {
    const text = wrapLines(what, width - 14, { dim: true }, 0);
    text.forEach((t, i) => lines.push([seg(i === 0 ? `  ${padEnd(PANE_TITLE[pane], 12)}` : ' '.repeat(14), { bold: true }), ...t]));
  }
  return lines;
}

/** The help overlay: a text that scrolls when the terminal is shorter than it. */
function helpBody(width: number, height: number, scroll: number): PaneBody {
  const content = helpLines(width);
  const page = Math.max(1, height);
  const start = Math.max(0, Math.min(scroll, content.length - page));
  return { lines: frame(content.slice(start, start + page), height), list: { kind: 'scroll', count: content.length, page } };
}

/** Lines an outage error may take under the live line: enough to read it whole, not the screen. */
const LIVE_ERROR_ROWS = 3;

/**
 * The live status line; during an outage the whole error follows it, wrapped (a cut "…: ca…"
 * hid what happened), up to LIVE_ERROR_ROWS lines.
 */
function liveLines(live: LiveStatus, width: number): Line[] {
  const every = live.intervalMs >= 1000 ? `${live.intervalMs / 1000}s` : `${live.intervalMs}ms`;
  const at = live.lastPollAt ? `${live.lastPollAt.toISOString().slice(11, 19)}Z` : '—';
  // Nothing has come back yet (no snapshot, no error): not "live", which would say the endpoint works.
  const waiting = !live.done && !live.lastError && live.snapshots === 0;
  // Said in words, not only by the dot's colour (NO_COLOR): a server that does not answer.
  const state = live.done ? 'done' : live.lastError ? 'down' : waiting ? 'waiting for the first answer' : 'live';
  const l: Line = [
    seg(live.done ? '■ ' : '● ', { color: live.lastError ? 'red' : waiting ? 'yellow' : 'green', bold: true }),
    seg(waiting ? `${state} · every ${every} · ` : `${state} · ${live.snapshots} snapshot${live.snapshots === 1 ? '' : 's'} · every ${every} · last ${at} · `),
    seg(`goroutines ${live.goroutines === 'ok' ? '✓' : live.goroutines === 'pending' ? '…' : 'n/a'} · `, { dim: true }),
  ];
  const room = Math.max(8, width - cells(l.map((s) => s.text).join('')));
  const restarted = live.restartedAt
    ? [fitLine([seg(`↻ process restarted (counters fell) — new series from ${live.restartedAt.toISOString().slice(11, 19)}Z`, { color: 'yellow', bold: true })], width)]
    : [];
  if (!live.lastError) return [fitLine([...l, seg(truncateStart(live.url, room), { dim: true })], width), ...restarted];
  if (cells(live.lastError) <= room) return [fitLine([...l, seg(live.lastError, { color: 'red' })], width)];
  const error = wrapLines(live.lastError, width - 2, { color: 'red' }, 2, 2);
  return [fitLine([...l, seg('error:', { color: 'red' })], width), ...error.slice(0, LIVE_ERROR_ROWS).map((line) => fitLine(line, width))];
}

function waitingBody(live: LiveStatus | undefined, width: number, height: number): PaneBody {
  const lines: Line[] = [[], ...wrapLines(`Waiting for the first heap snapshot${live ? ` from ${live.url}` : ''}…`, width, { bold: true }, 2, 2)];
  if (live?.lastError) lines.push([], ...wrapLines(live.lastError, width, { color: 'red' }, 2, 2));
  return { lines: frame(lines, height), list: { kind: 'cursor', count: 0, page: 1 } };
}

function paneBody(data: ScreenData, state: TuiState, pane: PaneId, height: number, panes: readonly PaneId[]): PaneBody {
  const { report, width } = data;
  if (!report) return waitingBody(data.live, width, height);
  const snapshot = selectedSnapshot(report, state);
  const paths = pathContext(report);
  switch (pane) {
    case 'overview':
      return overviewBody(report, snapshot, state.overview, width, height, panes);
    case 'sites':
      if (!snapshot) break;
      return state.sites.open !== undefined
        ? siteDetailBody(report, snapshot, state.sites, paths, width, height, data.sources)
        : sitesListBody(snapshot, state.sites, state.editing, paths, width, height);
    case 'gclog':
      return gcLogBody(report.gcTraces ?? [], state.gclog, width, height, report.verdict, report.separately ? findingsBySource(report) : undefined);
    case 'tree':
      if (!snapshot) break;
      return treeBody(snapshot, state.tree, state.editing, paths, width, height);
    case 'escape':
      if (!report.escape) break;
      return escapeBody(report.escape.analysis, state.escape, state.editing, width, height, { report, snapshot, paths });
    case 'goroutines':
      return goroutinesBody(report.goroutines, state.goroutines, state.editing, paths, width, height, report.separately === true, data.sources, report);
    case 'diagnostics':
      return diagnosticsBody(report.diagnostics, state.diagnostics, state.editing, width, height);
    case 'series': {
      const view = seriesOf(report, data.goroutineTotals);
      if (!view) break;
      return seriesBody(view, state.series, state.editing, paths, width, height);
    }
  }
  return { lines: frame([note('Nothing to show here.')], height), list: { kind: 'cursor', count: 0, page: 1 } };
}

/** The panes that show the selected snapshot (`[`/`]`); the others show every dump, or the latest goroutine dump. */
const SNAPSHOT_PANES: ReadonlySet<PaneId> = new Set(['overview', 'sites', 'tree']);

/** Which snapshot is shown, longest form first: `snapshot 3/5 · Sys 32.8 MiB `, `snap 3/5 `. */
function snapshotLabels(report: AnalyzeReport | undefined, state: TuiState, pane: PaneId): string[] {
  const snapshots = report ? seriesSnapshots(report) : [];
  if (snapshots.length < 2 || !SNAPSHOT_PANES.has(pane)) return [];
  const index = Math.min(state.snapshot ?? snapshots.length - 1, snapshots.length - 1);
  const s = snapshots[index];
  const of = `${index + 1}/${snapshots.length}`;
  const latest = state.snapshot === undefined ? ' (latest)' : '';
  const sys = s?.breakdown ? ` · Sys ${formatBytes(s.breakdown.sys)}` : '';
  return [`snapshot ${of}${latest}${sys} `, `snap ${of}${sys} `, `snap ${of} `];
}

export function buildScreen(data: ScreenData, state: TuiState): Screen {
  const { width, height, report } = data;
  const panes = availablePanes(report, data.goroutineTotals);
  const pane = panes.includes(state.pane) ? state.pane : 'overview';
  const snapshots = report ? seriesSnapshots(report).length : 0;
  if (width < MIN_WIDTH || height < MIN_HEIGHT) {
    // In the terminal's own rows, wrapped so that a narrow one shows the size it needs.
    const reserved = data.terminalRows === undefined ? 0 : data.terminalRows - height;
    const message = `Terminal too small (${width}×${height + reserved}): heapdoc needs ${MIN_WIDTH}×${MIN_HEIGHT + reserved}. q quits.`;
    const lines = frame(wrapLines(message, width), height);
    return { lines, context: { panes, list: { kind: 'cursor', count: 0, page: 1 }, snapshots }, pane };
  }
  const live = data.live ? liveLines(data.live, width) : [];
  const bodyHeight = height - 2 - live.length;
  const body = state.help ? helpBody(width, bodyHeight, state.helpScroll) : paneBody(data, state, pane, bodyHeight, panes);
  const context: TuiContext = { panes, list: body.list, snapshots };
  const bodyLines = body.lines;
  const lines: Line[] = [tabBar(panes, pane, snapshotLabels(report, state, pane), width), ...bodyLines.map((l) => fitLine(l, width))];
  lines.push(...live);
  lines.push(statusBar(state, pane, context, width));
  return { lines, context, pane };
}
