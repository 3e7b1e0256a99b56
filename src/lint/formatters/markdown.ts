/**
 * `heapdoc lint --format markdown`: for a pull-request comment or `$GITHUB_STEP_SUMMARY`. A
 * heading with the counts, then one table row per finding (file, line:column, severity, rule
 * with a link to its documentation, message). Dump text goes through the one Markdown escape.
 */
import { markdownCode, markdownText } from '../../text/markdown.js';
import { countOf } from '../../text/units.js';
import { totalCounts, type FileResult } from '../types.js';

export function formatMarkdown(results: readonly FileResult[]): string {
  const counts = totalCounts(results);
  const problems = counts.errors + counts.warnings;
  const dumps = countOf(results.length, 'dump');
  const heading = problems > 0
    ? `## heapdoc lint: ✖ ${countOf(problems, 'problem')} (${countOf(counts.errors, 'error')}, ${countOf(counts.warnings, 'warning')}) in ${dumps}`
    : `## heapdoc lint: ✔ no problems in ${dumps}`;
  const out = [counts.infos > 0 ? `${heading}, and ${countOf(counts.infos, 'info finding')}` : heading, ''];
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
  return `${out.join('\n').trimEnd()}\n`;
}
