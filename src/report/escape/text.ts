/**
 * `heapdoc escape` as text, readable at 80 columns. Pure: analysis in, string out. Colour comes
 * from the caller (src/cli/output.ts decides it); every piece of text from the input goes
 * through stripControl.
 */
import type { Colors } from '../../text/color.js';
import { colors as makeColors } from '../../text/color.js';
import { CAUSE_ORDER, columnNote, ESCAPE_CAUSES, formatWhere, heapCount, leakCount, methodValueWords, type CountRow, type EscapeAnalysis, type EscapeCause, type EscapeFinding, type FindingList } from '../../analyze/escape/index.js';
import type { EscapeKind } from '../../grammar/gcflags/index.js';
import { stripControl } from '../../text/sanitize.js';
import { wrap } from '../../text/wrap.js';
import { cells, cutCells, padCells } from '../../text/cells.js';
import { formatCount } from '../../text/units.js';

export interface EscapeTextOptions {
  color?: Colors;
  /** Columns to wrap at (default 80); Infinity (a pipe) leaves paragraphs unwrapped, tables at 80. */
  width?: number;
  /** Rows shown in the package / file / function tables (default TEXT_TOP_ROWS). */
  topRows?: number;
  /** The --limit the analysis ran with (for the "N more" hint). */
  limit?: number;
}

/** Rows the package, file and function tables show: what `heapdoc escape` asks the analysis to keep (EscapeAnalysisOptions.topRows). */
export const TEXT_TOP_ROWS = 10;

const KIND_ORDER: EscapeKind[] = [
  'moved-to-heap', 'escapes-to-heap', 'leaking-param', 'leaking-param-content', 'leaking-closure-reference', 'does-not-escape',
  'can-inline', 'cannot-inline', 'inlining-call', 'devirtualized', 'cannot-devirtualize', 'big-function', 'skip-inlining',
  'ignoring-self-assignment', 'capturing', 'bounds-check-elided', 'zero-copy-conversion', 'unsafe-uintptr', 'escaping-uintptr',
  'imprecise-interface-call', 'loop-variable', 'mutation-analysis', 'kept-alive', 'go-command', 'compile-error', 'orphan-reason',
  'unrecognized',
];

function clean(text: string): string {
  return stripControl(text);
}

/** `text` wrapped to `width`, as lines: the first indented by `first` spaces, the rest by `rest`. */
function wrapped(text: string, width: number, rest: number, first = rest): string[] {
  return wrap(text, width, rest, first).split('\n');
}

/** Tables are laid out to the width, or 80 columns when paragraphs are not wrapped. */
function tableWidth(width: number): number {
  return Number.isFinite(width) ? width : 80;
}

/** Cut to `max` cells: names may hold wide (CJK) characters. */
function cut(text: string, max: number): string {
  return cutCells(text, Math.max(1, max));
}

function findingLines(f: EscapeFinding, c: Colors, width: number): string[] {
  const where = clean(formatWhere(f.file, f.line, f.column) || '(no position)');
  const method = clean(methodValueWords(f.methodValue));
  const fn = `${f.function ? `  ${clean(f.function)}${method}` : ''}${f.inlinedFrom ? `${f.function ? ' ' : '  '}(inlined from ${clean(f.inlinedFrom)})` : ''}`;
  const cause = f.cause === 'unknown' ? '' : `  [${f.cause}]`;
  const head = `  ${where}${fn}`;
  const room = width - cells(head) - cause.length;
  const first = room >= 0 ? `${c.bold(head)}${c.cyan(cause)}` : `${c.bold(cut(head, width - cause.length))}${c.cyan(cause)}`;
  // Filed under the function around the closures of a line whose column the compiler did not print: said.
  const column = columnNote(f);
  return [first, ...wrapped(clean(f.sentence), width, 6, 4), ...(column ? wrapped(clean(column), width, 6, 4).map((l) => c.dim(l)) : [])];
}

function section(title: string, list: FindingList, c: Colors, width: number, limit: number | undefined): string[] {
  const out = [c.bold(`${title} (${formatCount(list.total)})`)];
  if (list.total === 0) return [...out, '  none', ''];
  for (const f of list.items) out.push(...findingLines(f, c, width));
  const more = list.total - list.items.length;
  if (more > 0) out.push(c.dim(`  … ${formatCount(more)} more${limit !== undefined && limit > 0 ? ' (--limit 0 lists all)' : ''}`));
  out.push('');
  return out;
}

function causeTable(title: string, counts: Partial<Record<EscapeCause, number>>, c: Colors, flowWidth: number): string[] {
  const width = tableWidth(flowWidth);
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  if (total === 0) return [];
  const out = [c.bold(title)];
  const causes = CAUSE_ORDER.filter((cause) => (counts[cause] ?? 0) > 0).sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0));
  for (const cause of causes) {
    const n = counts[cause] ?? 0;
    const count = formatCount(n).padStart(8);
    const label = cut(`${cause.padEnd(21)}${ESCAPE_CAUSES[cause]}`, width - count.length - 4);
    out.push(`  ${label.padEnd(width - count.length - 4)}${c.yellow(count)}`);
  }
  out.push('');
  return out;
}

/** `count`: the rows the table had, when the analysis kept only its first (EscapeAnalysis.rowCounts). */
function rowsTable(title: string, rows: CountRow[], count: number, top: number, c: Colors, flowWidth: number): string[] {
  const width = tableWidth(flowWidth);
  if (count === 0) return [];
  const numbers = (row: CountRow): string =>
    `${formatCount(row.total).padStart(9)}${formatCount(heapCount(row)).padStart(7)}${formatCount(leakCount(row)).padStart(7)}`;
  const nameWidth = width - 2 - 23;
  const out = [`${c.bold(title.padEnd(nameWidth + 2))}${c.dim(' messages   heap  leaks')}`];
  for (const row of rows.slice(0, top)) out.push(`  ${padCells(clean(row.name), nameWidth)}${numbers(row)}`);
  if (count > top) out.push(c.dim(`  … ${formatCount(count - top)} more`));
  out.push('');
  return out;
}

export function renderEscapeText(analysis: EscapeAnalysis, options: EscapeTextOptions = {}): string {
  const c = options.color ?? makeColors(false);
  const width = options.width ?? 80;
  const top = options.topRows ?? TEXT_TOP_ROWS;
  const counts = analysis.rowCounts ?? { packages: analysis.packages.length, files: analysis.files.length, functions: analysis.functions.length };
  const out: string[] = [];

  out.push(c.bold(cut(`heapdoc escape · ${clean(analysis.source)}`, width)));
  for (const command of analysis.commands.slice(0, 3)) out.push(c.dim(cut(clean(command), width)));
  const input = analysis.input;
  out.push(`${formatCount(input.lines)} lines · ${formatCount(input.packages)} package${input.packages === 1 ? '' : 's'} · `
    + `${formatCount(input.explanations)} -m=2 explanation${input.explanations === 1 ? '' : 's'} · ${formatCount(input.unrecognized)} unrecognized`);
  if (analysis.filter !== undefined) out.push(`filter: ${clean(analysis.filter)} (packages, files and functions containing it)`);
  // A failed build's -m output covers only what compiled: said before the counts it makes smaller (audit 45, finding 10).
  const firstError = analysis.compileErrors.items[0];
  if (firstError) {
    const errors = analysis.compileErrors.total;
    const where = firstError.line > 0 ? `${formatWhere(firstError.file, firstError.line, firstError.column)}: ` : '';
    out.push(...wrapped(clean(`The build failed (${formatCount(errors)} compile error${errors === 1 ? '' : 's'}, the first ${where}${firstError.message}): this output covers only what compiled. Fix the errors and build again.`), width, 2, 0).map((l) => c.red(l)));
  }
  out.push('');

  const heapTotal = analysis.moved.total + analysis.escapes.total;
  out.push(c.bold(`Heap values: ${formatCount(heapTotal)}`) + ` (${formatCount(analysis.moved.total)} moved to the heap, ${formatCount(analysis.escapes.total)} escape to the heap)`);
  if (!analysis.explained && heapTotal > 0) {
    out.push(...wrapped('Plain -m output says that a value escapes, not why: rebuild with -gcflags=-m=2 for the reasons. Causes below are read from the expressions alone.', width, 2));
  }
  out.push('');
  out.push(...causeTable('Heap values by cause', analysis.heapByCause, c, width));
  out.push(...section('Moved to the heap', analysis.moved, c, width, options.limit));
  out.push(...section('Escapes to the heap', analysis.escapes, c, width, options.limit));
  out.push(...section('Leaking parameters', analysis.leaks, c, width, options.limit));
  out.push(...causeTable('Leaking parameters by cause', analysis.leaksByCause, c, width));

  const kinds = KIND_ORDER.filter((k) => (analysis.messages[k] ?? 0) > 0);
  if (kinds.length > 0) {
    out.push(c.bold('Messages by kind'));
    for (const kind of kinds) out.push(`  ${kind.padEnd(tableWidth(width) - 14)}${c.yellow(formatCount(analysis.messages[kind] ?? 0).padStart(10))}`);
    if (analysis.explanations > 0) out.push(c.dim(`  (and ${formatCount(analysis.explanations)} -m=2 explanations, with the message they explain)`));
    out.push('');
  }
  out.push(...rowsTable('Packages', analysis.packages, counts.packages, top, c, width));
  out.push(...rowsTable('Files', analysis.files, counts.files, top, c, width));
  if (counts.functions > 0) {
    out.push(...rowsTable('Functions', analysis.functions, counts.functions, top, c, width));
    // Plain -m names only the functions the inliner reports: the other lines belong to none, so
    // the heap column misses values (readPacket's make said "heap 0").
    const counted = analysis.functionHeap ?? analysis.functions.reduce((n, row) => n + heapCount(row), 0);
    if (!analysis.explained && counted < heapTotal) out.splice(out.length - 1, 0, ...wrapped(`(${formatCount(heapTotal - counted)} of the ${formatCount(heapTotal)} heap values are in no function above: plain -m names only the functions the inliner reports; -gcflags=-m=2 names the function of every line.)`, width, 2, 2).map((l) => c.dim(l)));
  } else if (heapTotal > 0) out.push(...wrapped('Functions: plain -m output does not name the function of each line; -gcflags=-m=2 lets heapdoc find them.', width, 2, 0), '');

  for (const [title, list] of [['Compile errors', analysis.compileErrors], ['Unrecognized lines', analysis.unrecognized]] as const) {
    if (list.total === 0) continue;
    out.push(c.bold(`${title} (${formatCount(list.total)})`));
    for (const d of list.items) {
      const where = d.line > 0 ? formatWhere(d.file, d.line, d.column) : `input line ${d.inputLine}`;
      out.push(...wrapped(clean(`${where}: ${d.message}`), width, 6, 2));
    }
    if (list.total > list.items.length) out.push(c.dim(`  … ${formatCount(list.total - list.items.length)} more`));
    out.push('');
  }
  while (out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}
