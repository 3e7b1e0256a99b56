/**
 * Goroutines: every goroutine dump's groups (count, state, longest wait, function), and one
 * group's detail: where it waits, who created it, its labels, why it may be benign.
 */
import type { GoroutineGroup, GoroutineSummary } from '../../analyze/goroutines/index.js';
import { shortPath } from '../../report/text.js';
import { countOf, formatCount } from '../../text/units.js';
import type { TuiState } from '../state/reducer.js';
import { frame, padEnd, padStart, seg, truncate, truncateStart, windowStart, wrapLines, type Line } from './line.js';
import { cursorMark, highlight, note, type PaneBody } from './pane.js';

export interface GroupRow {
  summary: GoroutineSummary;
  group: GoroutineGroup;
}

export function groupRows(summaries: readonly GoroutineSummary[]): GroupRow[] {
  return summaries.flatMap((summary) => summary.groups.map((group) => ({ summary, group })));
}

/** The wait state: the header's (debug=2), or for debug=1 the call it is blocked in. */
export function groupState(g: GoroutineGroup): string {
  if (g.state) return g.state;
  if (g.blockedIn) return `in ${g.blockedIn}`;
  return '—';
}

export function formatWait(minutes: number | undefined): string {
  if (minutes === undefined) return '';
  if (minutes >= 60 * 24) return `${(minutes / 60 / 24).toFixed(1)} d`;
  if (minutes >= 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${minutes} min`;
}

function summaryTitle(s: GoroutineSummary, width: number): Line {
  const text = `${s.source} · ${s.kind} · ${countOf(s.total, 'goroutine')} in ${countOf(s.groups.length, 'group')}${s.truncated ? ' · TRUNCATED dump' : ''}`;
  return [seg(truncateStart(text, width), { bold: true, color: s.truncated ? 'red' : undefined })];
}

function rowLine(row: GroupRow, selected: boolean, width: number): Line {
  const g = row.group;
  const fnWidth = Math.max(10, width - 2 - 8 - 24 - 8);
  return highlight([
    seg(cursorMark(selected)),
    seg(`${padStart(formatCount(g.count), 7)} `, { bold: true }),
    seg(padEnd(truncate(groupState(g), 23), 24), { color: 'yellow' }),
    seg(padStart(formatWait(g.waitMinutes), 7) + ' ', { color: (g.waitMinutes ?? 0) >= 10 ? 'red' : undefined }),
    seg(truncateStart(g.function, fnWidth), { dim: g.benign === true && !selected }),
  ], selected);
}

export function groupDetailLines(row: GroupRow, width: number): Line[] {
  const g = row.group;
  const lines: Line[] = [[seg(truncateStart(g.function, width), { bold: true })]];
  if (g.file) lines.push(note(truncateStart(`${shortPath(g.file)}:${g.line ?? '?'}`, width)));
  lines.push([]);
  const facts: [string, string | undefined][] = [
    ['goroutines', formatCount(g.count)],
    ['state', groupState(g)],
    ['longest wait', g.waitMinutes !== undefined ? formatWait(g.waitMinutes) : undefined],
    ['blocked in', g.blockedIn],
    ['created by', g.createdBy],
    ['locked to thread', g.lockedToThread !== undefined ? formatCount(g.lockedToThread) : undefined],
    ['stack depth', g.stackDepth !== undefined ? `${g.stackDepth} frames` : undefined],
    ['labels', g.labels ? Object.entries(g.labels).map(([k, v]) => `${k}=${String(v)}`).join(' ') : undefined],
    ['dump', `${row.summary.source} (line ${g.position.line})`],
  ];
  for (const [name, value] of facts) {
    if (value === undefined) continue;
    lines.push(...wrapLines(`${padEnd(name, 17)}${value}`, width, {}, 19, 2));
  }
  if (g.benign) lines.push([], ...wrapLines(`Probably benign: ${g.benignReason ?? 'started by the runtime or the standard library'}.`, width, { color: 'green' }, 2, 2));
  if (g.truncated) lines.push([], ...wrapLines('The dump was cut inside this group: its stack is incomplete.', width, { color: 'red' }, 2, 2));
  return lines;
}

export function goroutinesBody(summaries: readonly GoroutineSummary[], state: TuiState['goroutines'], width: number, height: number): PaneBody {
  const rows = groupRows(summaries);
  if (state.open !== undefined) {
    const row = rows[state.open];
    const content = row ? groupDetailLines(row, width) : [note('This group is no longer in the dump (press Esc).')];
    const page = Math.max(1, height);
    const scroll = Math.max(0, Math.min(state.scroll, content.length - page));
    return { lines: frame(content.slice(scroll, scroll + page), height), list: { kind: 'scroll', count: content.length, page } };
  }
  const header: Line = [seg(`  ${padStart('count', 7)} ${padEnd('state', 24)}${padStart('wait', 7)} function`, { dim: true })];
  const total = summaries.reduce((a, s) => a + s.total, 0);
  const top: Line[] = [
    [seg('Goroutines', { bold: true }), seg(` · ${formatCount(total)} in ${summaries.length} dump${summaries.length === 1 ? '' : 's'}`)],
    header,
  ];
  const room = Math.max(1, height - top.length);
  const cursor = Math.min(state.cursor, Math.max(0, rows.length - 1));
  // Each dump's title sits above its first group; the window is over groups and titles together.
  const lines: Line[] = [];
  let selectedLine = 0;
  let previous: GoroutineSummary | undefined;
  rows.forEach((row, i) => {
    if (row.summary !== previous) {
      lines.push(summaryTitle(row.summary, width));
      previous = row.summary;
    }
    if (i === cursor) selectedLine = lines.length;
    lines.push(rowLine(row, i === cursor, width));
  });
  if (rows.length === 0) lines.push(note('The goroutine dumps hold no goroutines.'));
  const start = windowStart(selectedLine, lines.length, room);
  return { lines: frame([...top, ...lines.slice(start, start + room)], height), list: { kind: 'cursor', count: rows.length, page: room } };
}
