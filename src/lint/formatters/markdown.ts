/**
 * `heapdoc lint --format markdown`: for a pull-request comment or `$GITHUB_STEP_SUMMARY`. A
 * heading with the counts, then one table row per finding (file, line:column, severity, rule
 * with a link to its documentation, message); a binary part skipped inside an input is an error row
 * of its input's at its line, no rule, with how to cut it out. Dump text goes through the one
 * Markdown escape.
 */
import { markdownCode, markdownText } from '../../text/markdown.js';
import { countOf } from '../../text/units.js';
import { Buffer } from 'node:buffer';
import type { Severity } from '../../grammar/common/diagnostic.js';
import { problemMessage } from '../../input/problems.js';
import { partRow, partsApart, problemsCounted, skippedLine, totalCounts, unreadSummary, withParts, type FileResult, type LintProblem } from '../types.js';

/**
 * GitHub's limits, in bytes (a character is at least one): a pull-request or issue comment holds
 * 65,536 characters, `$GITHUB_STEP_SUMMARY` 1 MiB. A report within the smaller fits both; the
 * findings' table is cut to it (errors first), and the report says how many were left out.
 */
export const MARKDOWN_MAX_BYTES = 65_536;

/** Kept free for the lines after a table (what was left out, the baseline's count, --max-warnings). */
const RESERVED_BYTES = 1024;

export interface MarkdownOptions {
  /** --max-warnings; the report says when the warnings are more (the run fails on them). -1: no limit. */
  maxWarnings?: number;
  /** The most bytes of the report (MARKDOWN_MAX_BYTES). */
  maxBytes?: number;
  /** How many files a directory walk or glob skipped (each named on stderr): one line says how many. */
  skipped?: number;
}

const RANK = { error: 0, warning: 1, info: 2 } as const;

/**
 * `unread`: what stopped lint reading an input (exit 2): a table of them after the findings, and
 * the heading says how many inputs could not be read (`✖ 3 inputs could not be read, 0 dumps
 * linted`; with dumps linted, after their counts), never a bare ✔.
 */
export function formatMarkdown(results: readonly FileResult[], unread: readonly LintProblem[] = [], { maxWarnings = -1, maxBytes = MARKDOWN_MAX_BYTES, skipped = 0 }: MarkdownOptions = {}): string {
  // An input read in part is one entry: its binary parts are error rows of the findings' table, at their lines.
  const { parts: partsOf, rest } = partsApart(results, unread);
  const partRows = [...partsOf.values()].reduce((n, parts) => n + parts.length, 0);
  const counts = totalCounts(results);
  counts.errors += partRows;
  const problems = counts.errors + counts.warnings;
  const dumps = countOf(results.length, 'dump');
  const notRead = problemsCounted(unread);
  const heading = results.length === 0 ? `## heapdoc lint: ${unreadSummary(unread, 0) ?? '✖ 0 dumps linted'}`
    : problems > 0
    ? `## heapdoc lint: ✖ ${countOf(problems, 'problem')} (${countOf(counts.errors, 'error')}, ${countOf(counts.warnings, 'warning')}) in ${dumps}`
    : `## heapdoc lint: ${unread.length > 0 ? '✖' : '✔'} no problems in ${dumps}`;
  const infos = counts.infos > 0 ? `${heading}, and ${countOf(counts.infos, 'info finding')}` : heading;
  const out = [results.length > 0 && notRead !== undefined ? `${infos}; ${notRead}` : infos, ''];
  // The run fails on the warnings' count: a reader of the summary of a red job is told why.
  if (maxWarnings >= 0 && counts.warnings > maxWarnings) out.push(`**Too many warnings: ${counts.warnings}, more than \`--max-warnings ${maxWarnings}\`: the run fails (exit code 1).**`, '');
  const lines = results.flatMap((r) => withParts(r.messages, partsOf.get(r.source) ?? [], (m): Row =>
    // A finding about the whole dump (a series, a MemStats total) has no line: `—`, not `0:0`.
    ({ severity: m.severity, line: `| ${markdownCode(r.source)} | ${m.line !== undefined ? `${m.line}:${m.column ?? 1}` : '—'} | ${m.severity} | [${markdownCode(m.ruleId)}](${m.docsUrl}) | ${markdownText(m.message)} |` }), (p): Row => {
    // A binary part: no rule; what and how to cut it out.
    const row = partRow(p);
    return { severity: 'error', line: `| ${markdownCode(r.source)} | ${row.line !== undefined ? `${row.line}:1` : '—'} | error | — | ${markdownText(row.hint !== undefined ? `${row.message} — ${row.hint}` : row.message)} |` };
  }));
  if (lines.length > 0) {
    const table = ['| file | line:col | severity | rule | message |', '|---|---:|---|---|---|'];
    const kept = fitting(lines, maxBytes - RESERVED_BYTES - byteLength(out) - byteLength(table));
    out.push(...table, ...kept.map((l) => l.line));
    if (kept.length < lines.length) {
      const shown = new Set(kept);
      out.push('', leftOut(lines.filter((l) => !shown.has(l)), maxBytes));
    }
    out.push('');
  }
  const suppressed = results.reduce((n, r) => n + r.suppressed.length, 0);
  if (suppressed > 0) out.push(`${countOf(suppressed, 'finding')} recorded in the baseline not shown.`, '');
  if (skipped > 0) out.push(`${skippedLine(skipped)}.`, '');
  if (rest.length > 0) {
    const table = ['### Input errors', '', '| input | problem | fix |', '|---|---|---|'];
    const lines = rest.map((p) => ({ severity: 'error' as const, line: `| ${p.input !== undefined ? markdownCode(p.input) : '—'} | ${markdownText(problemMessage(p))} | ${p.hint !== undefined ? markdownText(p.hint) : ''} |` }));
    const kept = fitting(lines, maxBytes - RESERVED_BYTES - byteLength(out) - byteLength(table));
    out.push(...table, ...kept.map((l) => l.line));
    if (kept.length < lines.length) out.push('', `… and ${countOf(lines.length - kept.length, 'more input')} that could not be read, not shown here (this report stops at ${formatKiB(maxBytes)}, GitHub's limit for a comment): each is a line on stderr, and in the JSON or SARIF report (\`--format json\`, \`--format sarif\`).`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

interface Row {
  severity: Severity;
  line: string;
}

/** The rows that fit in `budget` bytes, errors first, then warnings, then info (each kind in report order); all of them when they fit. */
function fitting<T extends Row>(rows: readonly T[], budget: number): T[] {
  if (byteLength(rows.map((r) => r.line)) <= budget) return [...rows];
  const ranked = rows.map((row, i) => ({ row, i })).sort((a, b) => RANK[a.row.severity] - RANK[b.row.severity] || a.i - b.i);
  const kept: { row: T; i: number }[] = [];
  let used = 0;
  for (const entry of ranked) {
    const size = Buffer.byteLength(entry.row.line) + 1;
    if (used + size > budget) break;
    used += size;
    kept.push(entry);
  }
  return kept.map((e) => e.row);
}

/** The line after a cut table: how many findings of each severity it leaves out, and where they all are. */
function leftOut(rows: readonly Row[], maxBytes: number): string {
  const by = (severity: Severity): number => rows.filter((r) => r.severity === severity).length;
  const kinds = [countOf(by('error'), 'error'), countOf(by('warning'), 'warning'), ...(by('info') > 0 ? [countOf(by('info'), 'info finding')] : [])];
  return `… and ${countOf(rows.length, 'more finding')} (${kinds.join(', ')}) not shown here: this report stops at ${formatKiB(maxBytes)}, GitHub's limit for a comment. The JSON or SARIF report (\`--format json\`, \`--format sarif\`) has them all.`;
}

function formatKiB(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

/** The bytes of lines joined by newlines, each line's newline counted. */
function byteLength(lines: readonly string[]): number {
  return lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
}
