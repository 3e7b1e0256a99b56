/**
 * The compiler's decisions at a line, as the site detail and a selected frame show them: the
 * position and message (heap values in red), the cause, the reason chain in words and, for the
 * site's own line, each -m=2 step.
 */
import { ESCAPE_CAUSES, joinedColumnNote, type JoinedDiagnostic } from '../../analyze/escape/index.js';
import { byDecision } from '../model/code.js';
import { seg, truncate, wrapLines, type Line } from './line.js';
import { note } from './pane.js';

export function compilerLines(diagnostics: readonly JoinedDiagnostic[], width: number, options: { indent?: number; reasons?: boolean } = {}): Line[] {
  const indent = options.indent ?? 2;
  const pad = ' '.repeat(indent);
  const lines: Line[] = [];
  for (const d of [...diagnostics].sort(byDecision)) {
    const at = `${d.line}${d.column !== undefined ? `:${d.column}` : ''}`;
    const heap = d.kind === 'escapes-to-heap' || d.kind === 'moved-to-heap';
    lines.push([seg(`${pad}${at}  `, { dim: true }), seg(truncate(d.message, width - indent - 2 - at.length), { color: heap ? 'red' : d.kind === 'does-not-escape' ? 'green' : undefined, bold: heap })]);
    // No column printed on a line of several closures: which of them it can be in.
    const column = joinedColumnNote(d);
    if (column) lines.push(...wrapLines(column, width, { dim: true }, indent + 6, indent + 4));
    if (d.cause) lines.push(...wrapLines(`cause: ${d.cause} — ${ESCAPE_CAUSES[d.cause]}`, width, { color: 'yellow' }, indent + 6, indent + 4));
    if (d.sentence) lines.push(...wrapLines(d.sentence, width, {}, indent + 6, indent + 4));
    if (options.reasons !== false && d.reasons?.length) {
      lines.push(note(`${pad}    reasons (-m=2):`));
      for (const r of d.reasons) lines.push(...wrapLines(r.message, width, { dim: true }, indent + 10, indent + 6));
    }
  }
  return lines;
}
