/**
 * `heapdoc lint --format markdown`: for a pull-request comment or `$GITHUB_STEP_SUMMARY`. A
 * heading with the counts, then one table row per finding (file, line:column, severity, rule
 * with a link to its documentation, message). Dump text goes through the one Markdown escape.
 */
import { markdownCode, markdownText } from '../../text/markdown.js';
import { countOf } from '../../text/units.js';
import { problemMessage, totalCounts, unreadSummary, type FileResult, type LintProblem } from '../types.js';

/**
 * `unread`: what stopped lint reading an input (exit 2): a table of them after the findings, and
 * the heading says how many inputs could not be read (`✖ 3 inputs could not be read, 0 dumps
 * linted`; with dumps linted, after their counts), never a bare ✔.
 */
export function formatMarkdown(results: readonly FileResult[], unread: readonly LintProblem[] = []): string {
  const counts = totalCounts(results);
  const problems = counts.errors + counts.warnings;
  const dumps = countOf(results.length, 'dump');
  const notRead = unread.filter((p) => p.input !== undefined).length;
  const heading = results.length === 0 ? `## heapdoc lint: ${unreadSummary(unread, 0) ?? '✖ 0 dumps linted'}`
    : problems > 0
    ? `## heapdoc lint: ✖ ${countOf(problems, 'problem')} (${countOf(counts.errors, 'error')}, ${countOf(counts.warnings, 'warning')}) in ${dumps}`
    : `## heapdoc lint: ${unread.length > 0 ? '✖' : '✔'} no problems in ${dumps}`;
  const infos = counts.infos > 0 ? `${heading}, and ${countOf(counts.infos, 'info finding')}` : heading;
  const out = [results.length > 0 && notRead > 0 ? `${infos}; ${countOf(notRead, 'input')} could not be read` : infos, ''];
  const rows = results.flatMap((r) => r.messages.map((m) => ({ r, m })));
  if (rows.length > 0) {
    out.push('| file | line:col | severity | rule | message |', '|---|---:|---|---|---|');
    for (const { r, m } of rows) {
      // A finding about the whole dump (a series, a MemStats total) has no line: `—`, not `0:0`.
      out.push(`| ${markdownCode(r.source)} | ${m.line !== undefined ? `${m.line}:${m.column ?? 1}` : '—'} | ${m.severity} | [${markdownCode(m.ruleId)}](${m.docsUrl}) | ${markdownText(m.message)} |`);
    }
    out.push('');
  }
  const suppressed = results.reduce((n, r) => n + r.suppressed.length, 0);
  if (suppressed > 0) out.push(`${countOf(suppressed, 'finding')} recorded in the baseline not shown.`, '');
  if (unread.length > 0) {
    out.push('### Input errors', '', '| input | problem | fix |', '|---|---|---|');
    for (const p of unread) out.push(`| ${p.input !== undefined ? markdownCode(p.input) : '—'} | ${markdownText(problemMessage(p))} | ${p.hint !== undefined ? markdownText(p.hint) : ''} |`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
