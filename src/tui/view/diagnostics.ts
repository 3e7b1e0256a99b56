/**
 * Diagnostics: what the grammars and readers found wrong in the inputs (a cut dump, a bad line),
 * one a row — severity, source:line:column, message — and Enter opens one with its hint. Errors
 * first; without this pane they would be printed only after the UI quits, behind its screen.
 */
import type { Diagnostic, Severity } from '../../grammar/common/diagnostic.js';
import { countOf } from '../../text/units.js';
import type { Target } from '../effects.js';
import { byNumber, byText, columnTitle, listView, type SortSpec } from '../model/list.js';
import type { TuiState } from '../state/reducer.js';
import { frame, padEnd, seg, truncate, truncateStart, width as cells, windowStart, wrapLines, type Line, type Tone } from './line.js';
import { cursorIn, cursorMark, factLines, highlight, listContext, listStatus, noMatch, note, type PaneBody } from './pane.js';

const RANK: Record<Severity, number> = { error: 2, warning: 1, info: 0 };

export function severityTone(s: Severity): Tone {
  return s === 'error' ? 'red' : s === 'warning' ? 'yellow' : 'cyan';
}

export function where(d: Diagnostic): string {
  return d.line > 0 ? `${d.source}:${d.line}:${d.column}` : d.source;
}

/** A diagnostic's identity: its place and message. */
function diagnosticKey(d: Diagnostic): string {
  return `${where(d)}\u0000${d.message}`;
}

function diagnosticTarget(d: Diagnostic): Target {
  return { text: `${where(d)}: ${d.message}`, file: d.source, ...(d.line > 0 ? { line: d.line } : {}) };
}

export const DIAGNOSTIC_SORTS: readonly SortSpec<Diagnostic>[] = [
  { key: 'severity', label: 'severity', descending: true, compare: byNumber((d) => RANK[d.severity]) },
  { key: 'where', label: 'source:line', descending: false, compare: (a, b) => a.source.localeCompare(b.source) || a.line - b.line || a.column - b.column },
  { key: 'message', label: 'message', descending: false, compare: byText((d) => d.message) },
];

/** `2 errors, 1 warning`: what the overview's line says. */
export function diagnosticCounts(diagnostics: readonly Diagnostic[]): string {
  const count = (s: Severity): number => diagnostics.filter((d) => d.severity === s).length;
  const parts = [[count('error'), 'error'], [count('warning'), 'warning'], [count('info'), 'note']] as const;
  return parts.filter(([n]) => n > 0).map(([n, word]) => countOf(n, word)).join(', ');
}

function detailLines(d: Diagnostic, width: number): Line[] {
  const lines: Line[] = [[seg(d.severity, { bold: true, color: severityTone(d.severity) }), seg(` ${truncateStart(where(d), width - d.severity.length - 1)}`, { bold: true })], []];
  lines.push(...wrapLines(d.message, width, {}, 2, 0));
  if (d.hint) lines.push([], ...factLines('how to fix', d.hint, width, 11));
  return lines;
}

/** What the filter matches: where, the message, the hint (one function: listView keeps its view by it). */
function diagnosticText(d: Diagnostic): string {
  return `${where(d)}\u0000${d.message}\u0000${d.hint ?? ''}`;
}

export function diagnosticsBody(diagnostics: readonly Diagnostic[], state: TuiState['diagnostics'], editing: boolean, width: number, height: number): PaneBody {
  const view = listView(diagnostics, DIAGNOSTIC_SORTS, state, diagnosticText);
  const items = view.items;
  if (state.open !== undefined) {
    const d = items.find((x) => diagnosticKey(x) === state.open);
    const content = d ? detailLines(d, width) : [note('This diagnostic is gone (press Esc).')];
    const page = Math.max(1, height);
    const scroll = Math.max(0, Math.min(state.scroll, content.length - page));
    return { lines: frame(content.slice(scroll, scroll + page), height), list: { kind: 'scroll', count: content.length, page, target: d ? diagnosticTarget(d) : undefined } };
  }
  const longest = Math.max(0, ...items.map((d) => cells(where(d))));
  const whereWidth = Math.max(19, Math.min(longest + 1, 50, Math.floor(width * 0.35)));
  const t = (title: string, key: string): string => columnTitle(title, key, view);
  const top: Line[] = [
    [seg('Diagnostics', { bold: true }), seg(` · ${diagnosticCounts(diagnostics)}`), ...listStatus(view, state.filter, editing, '', false, true)],
    [seg(`  ${padEnd(t('severity', 'severity'), 10)}${padEnd(t('source:line:column', 'where'), whereWidth)} ${t('message', 'message')}`, { dim: true })],
  ];
  const room = Math.max(1, height - top.length);
  const cursor = cursorIn(state, items, diagnosticKey);
  const start = windowStart(cursor, items.length, room);
  const rows: Line[] = items.slice(start, start + room).map((d, i) => highlight([
    seg(cursorMark(start + i === cursor)),
    seg(padEnd(d.severity, 10), { color: severityTone(d.severity), bold: true }),
    seg(padEnd(truncateStart(where(d), whereWidth), whereWidth), { dim: start + i !== cursor }),
    seg(` ${truncate(d.message, Math.max(4, width - 13 - whereWidth))}`),
  ], start + i === cursor));
  if (items.length === 0) rows.push(state.filter ? noMatch(state, 'diagnostic') : note('The inputs were read without a problem.'));
  const selected = items[cursor];
  return { lines: frame([...top, ...rows], height), list: { ...listContext(items.length, room, selected ? diagnosticKey(selected) : undefined, DIAGNOSTIC_SORTS, cursor), target: selected ? diagnosticTarget(selected) : undefined } };
}
