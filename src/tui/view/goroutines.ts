/**
 * Goroutines: the groups of every goroutine dump, latest first (count, and its change since the
 * first dump; the wait state — debug=2 — or the call they block in — debug=1 —, longest wait,
 * function, where), and one group's detail: its facts and the stack of its first goroutine.
 */
import { findingsBySource } from '../../report/separately.js';
import { groupKindNote, momentOf, noFramesNote } from '../../report/goroutines.js';
import type { SeriesAnalysis } from '../../analyze/series/index.js';
import { severityTone } from './diagnostics.js';
import { crashWhere, waitedAtLeast, type GoroutineGroup, type GoroutineSummary } from '../../analyze/goroutines/index.js';
import type { AnalyzeReport } from '../../analyze/report.js';
import { formatOf } from '../../input/registry.js';
import { countOf, formatCount } from '../../text/units.js';
import { codeTarget } from '../effects.js';
import { frameDecisions } from '../model/code.js';
import { changeBaseline, countingEnds, dumpFormat, GROUP_SORTS, goroutineTotals, groupRows, rowKey, visibleRows, type GroupRow } from '../model/goroutines.js';
import { columnTitle, type ListView } from '../model/list.js';
import { displayLocation, type PathContext } from '../model/paths.js';
import type { TuiState } from '../state/reducer.js';
import { addFrames, codeOf, framedBody, framedContent, frameTarget, type CodeContext, type FramedContent, type FrameView } from './frames.js';
import type { SourceLookup } from '../model/source.js';
import { frame, padEnd, padStart, seg, truncate, truncateFunction, truncateStart, width as cells, windowStart, wrapLines, type Line } from './line.js';
import { cursorIn, cursorMark, factLines, highlight, listContext, listStatus, noMatch, note, sectionTitle, type PaneBody } from './pane.js';

export { groupRows, type GroupRow } from '../model/goroutines.js';


/** debug=2 dumps say how a goroutine waits; debug=1 dumps only where (the call it blocks in). */
function hasState(s: GoroutineSummary): boolean {
  return s.kind === 'goroutine-traceback';
}

/** The second column: the header's state (debug=2), or for debug=1 the call it is blocked in. */
function groupState(g: GoroutineGroup): string {
  if (g.state) return g.state;
  if (g.blockedIn) return g.blockedIn;
  return '—';
}

function formatWait(minutes: number | undefined): string {
  if (minutes === undefined) return '';
  if (minutes >= 60 * 24) return `${(minutes / 60 / 24).toFixed(1)} d`;
  if (minutes >= 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${minutes} min`;
}

/**
 * How many of a group's goroutines printed a wait (`1,005 of 2,000; 995 under a minute`): the
 * longest wait is one goroutine's, and a pool's idle workers take turns.
 */
function waitedMinutes(g: GoroutineGroup): string | undefined {
  if (!g.waitCounts) return undefined;
  const waited = waitedAtLeast(g, 1);
  return waited < g.count ? `${formatCount(waited)} of ${formatCount(g.count)}; ${formatCount(g.count - waited)} under a minute` : `all ${formatCount(g.count)}`;
}

function signedCount(n: number): string {
  return n > 0 ? `+${formatCount(n)}` : n < 0 ? `−${formatCount(-n)}` : '±0';
}

interface Columns {
  change: boolean;
  wait: boolean;
  state: number;
  fn: number;
  where: number;
}

function columns(summary: GoroutineSummary, changes: boolean, width: number, sortKey: string): Columns {
  // The sorted column keeps its title and arrow whole: on a narrow terminal the change and wait
  // columns give way first (not the one sorted by), the state and function columns shrink to
  // their titles (`function↑` in 40 cells was `function…`).
  const stateMin = sortKey === 'state' ? cells(`${hasState(summary) ? 'state' : 'blocked in'}↑`) : 8;
  const fnMin = sortKey === 'function' ? cells('function↑') : 8;
  const need = (change: boolean, wait: boolean): number => 2 + 8 + (change ? 8 : 0) + (wait ? 8 : 0) + stateMin + 1 + fnMin;
  let wait = hasState(summary);
  let change = changes;
  if (wait && sortKey !== 'wait' && need(change, wait) > width) wait = false;
  if (change && sortKey !== 'change' && need(change, wait) > width) change = false;
  const fixed = 2 + 8 + (change ? 8 : 0) + (wait ? 8 : 0);
  const preferred = Math.max(12, Math.min(24, Math.floor((width - fixed) * 0.3)));
  const state = Math.max(stateMin, Math.min(preferred, width - fixed - 1 - fnMin));
  const rest = Math.max(fnMin, width - fixed - state - 1);
  // A location column once there is room for it (it widens with the terminal); the function
  // column takes no more than its longest name needs, the rest goes to the location (a 33-cell
  // name had 47 cells while the path beside it was cut). The latest dump's table, with its change
  // and wait columns, keeps the location as the older ones do.
  if (rest < 56) return { change, wait, state, fn: rest, where: 0 };
  const longest = summary.groups.reduce((n, g) => Math.max(n, g.function.length + noFramesNote(g).length + groupKindNote(g).length), 12);
  const fn = Math.min(rest - 1 - Math.min(48, Math.floor(rest * 0.4)), longest);
  return { change, wait, state, fn, where: rest - fn - 1 };
}

function headerRow(summary: GoroutineSummary, c: Columns, view: ListView<GroupRow>): Line {
  const t = (title: string, key: string): string => columnTitle(title, key, view);
  const text = `  ${padStart(t('count', 'count'), 7)} ${c.change ? `${padStart(t('change', 'change'), 7)} ` : ''}${padEnd(t(hasState(summary) ? 'state' : 'blocked in', 'state'), c.state)} ${c.wait ? `${padStart(t('wait', 'wait'), 7)} ` : ''}${padEnd(t('function', 'function'), c.fn)}${c.where ? ` ${padEnd('file:line', c.where)}` : ''}`;
  return [seg(text, { dim: true })];
}

/** A dump's title: its count, groups and format, then its name, a stream's with its moment (`-:128 · snapshot 2`, report/goroutines.ts momentOf) kept whole where the name is cut at its start. */
function summaryTitle(s: GoroutineSummary, latest: boolean, width: number, series?: SeriesAnalysis): Line {
  const leaked = s.kind === 'goroutineleak';
  // The format as the text report names it (`goroutine?debug=2`), not the model's kind (`goroutine-traceback`).
  const kind = leaked ? "leaked, as the runtime's goroutineleak profile lists them" : s.binary ? 'binary goroutine profile' : formatOf(s.kind)?.label ?? s.kind;
  const head = `${latest ? 'latest · ' : ''}${countOf(s.total, leaked ? 'leaked goroutine' : 'goroutine')} in ${countOf(s.groups.length, 'group')} · ${kind}${s.truncated ? ' · TRUNCATED dump' : ''}${s.read !== undefined ? ` · CUT: ${formatCount(s.read)} read` : ''}`;
  const moment = momentOf(s.source, series);
  const room = width - cells(head) - 3 - cells(moment);
  return [seg(head, { bold: true, color: s.truncated || s.read !== undefined ? 'red' : undefined }), ...(room >= 8 ? [seg(` · ${truncateStart(s.source, room)}${moment}`, { dim: true })] : [])];
}

function rowLine(row: GroupRow, c: Columns, paths: PathContext, selected: boolean): Line {
  const g = row.group;
  const l: Line = [seg(cursorMark(selected)), seg(`${padStart(formatCount(g.count), 7)} `, { bold: true })];
  if (c.change) {
    const change = row.change;
    l.push(seg(`${padStart(change === undefined ? '' : signedCount(change), 7)} `, { color: (change ?? 0) > 0 ? 'red' : undefined }));
  }
  l.push(seg(`${padEnd(truncate(groupState(g), c.state), c.state)} `, { color: 'yellow' }));
  if (c.wait) l.push(seg(`${padStart(formatWait(g.waitMinutes), 7)} `, { color: (g.waitMinutes ?? 0) >= 10 ? 'red' : undefined }));
  // What the text report says beside the name (report/goroutines.ts describeGroup): why no frames, the profiler's own.
  const note = `${noFramesNote(g)}${groupKindNote(g)}`;
  l.push(seg(padEnd(note ? truncate(`${g.function}${note}`, c.fn) : truncateFunction(g.function, c.fn), c.fn), { dim: g.benign === true && !selected }));
  if (c.where) l.push(seg(` ${padEnd(truncateStart(displayLocation(g, paths), c.where), c.where)}`, { dim: !selected }));
  return highlight(l, selected);
}

/** The group's stack as frames to draw, `created by` last. */
function groupFrames(g: GoroutineGroup): FrameView[] {
  const frames: FrameView[] = (g.stack ?? []).map((f) => ({ function: f.function, file: f.file, line: f.line, ...(f.inlined ? { note: '(inlined)' } : {}) }));
  if (g.createdBy) frames.push({ function: g.createdBy, file: g.createdAt?.file, line: g.createdAt?.line, note: '(created by)' });
  return frames;
}

/** What a group's change is counted from, for the detail: the first dump, or the first of the latest's format when formats mix. */
function changeSince(summaries: readonly GoroutineSummary[]): string {
  const { baseline, mixed } = changeBaseline(summaries);
  return mixed && baseline ? `since ${baseline.source}, the first ${dumpFormat(baseline)} dump` : 'since the first dump';
}

/**
 * The line under the headline when the dumps mix formats: the groups of a debug=1 and a debug=2
 * dump cannot be matched, so the change column compares the latest with the first dump of its own
 * format, or is left out when there is none (the total above still compares every dump).
 */
function mixedNote(summaries: readonly GoroutineSummary[], width: number): Line[] {
  const { baseline, latest, first, mixed } = changeBaseline(summaries);
  if (!mixed || !latest || !first) return [];
  const why = 'debug=1 has no wait state nor creator';
  const text = baseline
    ? `change: since ${baseline.source}, the first ${dumpFormat(latest)} dump (a ${dumpFormat(first)} dump groups differently: ${why}).`
    : `No change per group: the latest dump is ${dumpFormat(latest)} and the first ${dumpFormat(first)}, which group differently (${why}); take each moment in one format to compare groups.`;
  return wrapLines(text, width, { dim: true }, 0, 0);
}

/** `report`: with compiler output (`--escape`), a selected frame shows its decisions, as a site's frames do. */
function groupDetailLines(row: GroupRow, since: string, paths: PathContext, width: number, code: CodeContext, report: AnalyzeReport | undefined): FramedContent {
  const g = row.group;
  const lines: Line[] = [[seg(truncateFunction(g.function, width), { bold: true })]];
  if (g.file) lines.push(note(truncateStart(`${g.file}:${g.line ?? '?'}`, width)));
  lines.push([]);
  const created = g.createdBy ? `${g.createdBy}${g.createdAt ? ` at ${displayLocation(g.createdAt, paths)}` : ''}` : undefined;
  const facts: [string, string | undefined][] = [
    ['goroutines', `${formatCount(g.count)}${row.change !== undefined ? ` (${signedCount(row.change)} ${since})` : ''}`],
    ['state', g.state ?? (hasState(row.summary) ? undefined : 'not in a debug=1 dump (take goroutine?debug=2 for states and wait times)')],
    ['longest wait', g.waitMinutes !== undefined ? formatWait(g.waitMinutes) : undefined],
    ['waited minutes', waitedMinutes(g)],
    ['blocked in', g.blockedIn],
    ['created by', created],
    ['locked to thread', g.lockedToThread !== undefined ? formatCount(g.lockedToThread) : undefined],
    ['labels', g.labels ? Object.entries(g.labels).map(([k, v]) => `${k}=${String(v)}`).join(' ') : undefined],
    ['dump', `${row.summary.source} (line ${g.position.line})`],
  ];
  for (const [name, value] of facts) {
    if (value === undefined) continue;
    lines.push(...factLines(name, value, width));
  }
  if (g.benign) lines.push([], ...wrapLines(`Probably benign: ${g.benignReason ?? 'started by the runtime or the standard library'}.`, width, { color: 'green' }, 2, 2));
  if (g.truncated) lines.push([], ...wrapLines('The dump was cut inside this group: its stack is incomplete.', width, { color: 'red' }, 2, 2));
  if (g.noFrames !== undefined) lines.push([], ...wrapLines(`No frames: ${g.noFrames}.`, width, { dim: true }, 2, 2));
  const frames = groupFrames(g);
  const shown = g.stack?.length ?? 0;
  // debug=1: the record's PCs, the runtime's own among them, which it prints no line for; debug=2:
  // the deepest goroutine of the group (frames printed and elided).
  const debug1 = row.summary.kind !== 'goroutine-traceback';
  const more = g.stackDepth !== undefined && g.stackDepth > shown;
  const depth = !more ? countOf(shown, 'frame')
    : debug1 ? `${countOf(shown, 'frame')} of its ${formatCount(g.stackDepth ?? 0)} PCs (no line for the runtime's)`
    : `${countOf(shown, 'frame')} · deepest ${formatCount(g.stackDepth ?? 0)} frames`;
  lines.push([], sectionTitle(truncate(`Stack of the first goroutine · ${depth}`, width)));
  if (frames.length === 0) lines.push(note('    (the dump printed no frames for it)'));
  const content: FramedContent = { ...framedContent(), lines };
  const selected = code.frame !== undefined && frames.length > 0 ? Math.min(code.frame, frames.length - 1) : undefined;
  addFrames(content, frames, (f) => f.function === g.function && f.line === g.line && f.note === undefined, paths, width, selected, codeOf(report, code.sources, width));
  if (debug1 && shown > 0) {
    lines.push(...wrapLines('debug=1 hides the runtime\'s own frames; goroutine?debug=2 prints every frame, the creator and wait times.', width, { dim: true }, 2, 2));
  }
  return content;
}

function headline(summaries: readonly GoroutineSummary[], separately: boolean): Line {
  const totals = goroutineTotals(summaries, separately);
  if (!totals) return [seg('Goroutines', { bold: true })];
  // Unrelated dumps: no "now", no change — each dump's total is on its title (the text report: "up to N goroutines in one").
  if (separately && totals.dumps > 1) return [seg('Goroutines', { bold: true }), seg(` · ${totals.dumps} dumps analyzed separately · up to ${formatCount(totals.now)} goroutines in one`)];
  const l: Line = [seg('Goroutines', { bold: true }), seg(` · ${formatCount(totals.now)} now`)];
  if (totals.change !== undefined) {
    l.push(seg(` · ${signedCount(totals.change)}`, { color: totals.change > 0 ? 'red' : undefined, bold: totals.change > 0 }),
      seg(` since the first of ${totals.dumps} dumps (${formatCount(totals.first)})`));
  }
  return l;
}

export function goroutinesBody(summaries: readonly GoroutineSummary[], state: TuiState['goroutines'], editing: boolean, paths: PathContext, width: number, height: number, separately = false, sources?: SourceLookup, report?: AnalyzeReport): PaneBody {
  const view = visibleRows(summaries, state, separately);
  const rows = view.items;
  if (state.open !== undefined) {
    // Unfiltered: a group opened from the Overview is found whatever the list's filter.
    const row = groupRows(summaries).find((r) => rowKey(r) === state.open);
    if (!row) {
      const content = framedContent();
      content.lines.push(note('This group is no longer in the dump (press Esc).'));
      return framedBody(content, state, height, (f) => frameTarget(f, undefined), undefined);
    }
    const content = groupDetailLines(row, changeSince(summaries), paths, width, { sources, frame: state.frame }, report);
    return framedBody(content, state, height, (f) => frameTarget(f, report ? frameDecisions(report, f.file, f.line, f.function) : undefined), codeTarget(row.group.function, row.group.file, row.group.line));
  }
  // The column headers carry the sort's arrow; the filter, when there is one, goes on a line of its own.
  const top: Line[] = [headline(summaries, separately), ...(separately ? [] : mixedNote(summaries, width))];
  if (editing || state.filter !== '') top.push(listStatus(view, state.filter, editing, 'groups', false).map((x, i) => (i === 0 ? { ...x, text: x.text.slice(3) } : x)));
  const room = Math.max(1, height - top.length);
  const cursor = cursorIn(state, rows, rowKey);
  const { latest, count: counting } = countingEnds(summaries);
  const ownFindings = separately && report ? findingsBySource(report) : undefined;
  // Each dump's title and column header sit above its first group; the window is over all lines.
  const lines: Line[] = [];
  let selectedLine = 0;
  let previous: GoroutineSummary | undefined;
  let c: Columns | undefined;
  rows.forEach((row, i) => {
    if (row.summary !== previous) {
      c = columns(row.summary, row.change !== undefined, width, view.sort.key);
      if (previous) lines.push([]);
      lines.push(summaryTitle(row.summary, !separately && counting > 1 && row.summary === latest, width, report?.series));
      // A crash's output: what the program died of, as the text report's goroutine line says.
      if (row.summary.crash) lines.push(...wrapLines(`crash: ${crashWhere(row.summary.crash)}`, width, { color: 'red' }, 2, 0));
      // Unrelated dumps: each dump's findings under its title (the Overview lists them only beside the heap dumps of its folder).
      for (const f of ownFindings?.get(row.summary.source) ?? []) lines.push(...wrapLines(`${f.severity} ${f.ruleId}: ${f.message}`, width, { color: severityTone(f.severity) }, 4, 2));
      lines.push(headerRow(row.summary, c, view));
      previous = row.summary;
    }
    if (i === cursor) selectedLine = lines.length;
    lines.push(rowLine(row, c as Columns, paths, i === cursor));
  });
  if (rows.length === 0) lines.push(state.filter ? noMatch(state, 'group') : note('The goroutine dumps hold no goroutines.'));
  const start = windowStart(selectedLine, lines.length, room);
  const selected = rows[cursor];
  // Only the keys of columns shown: no wait without a debug=2 dump, no change without a change column (the arrow names the sort).
  const sorts = GROUP_SORTS.filter((s) => (s.key !== 'wait' || summaries.some(hasState)) && (s.key !== 'change' || rows.some((r) => r.change !== undefined)));
  return { lines: frame([...top, ...lines.slice(start, start + room)], height), list: { ...listContext(rows.length, room, selected ? rowKey(selected) : undefined, sorts, cursor), target: selected ? codeTarget(selected.group.function, selected.group.file, selected.group.line) : undefined } };
}
