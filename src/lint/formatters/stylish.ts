/**
 * ESLint's default report: the findings grouped by file, one aligned row each
 * (`line:col  severity  message  rule-id`), and a summary `✖ N problems (E errors, W warnings)`.
 * Nothing at all when there is nothing to report. Dump text is stripped of control characters.
 */
import type { Colors } from '../../text/color.js';
import { stripControl } from '../../text/sanitize.js';
import { countOf } from '../../text/units.js';
import { countMessages, type FileResult } from '../types.js';
import { largest } from '../../common/arrays.js';

export interface StylishOptions {
  colors: Colors;
}

export function formatStylish(results: readonly FileResult[], { colors: c }: StylishOptions): string {
  let out = '';
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let suppressed = 0;
  for (const result of results) {
    suppressed += result.suppressed.length;
    if (result.messages.length === 0) continue;
    const counts = countMessages(result.messages);
    errors += counts.errors;
    warnings += counts.warnings;
    infos += counts.infos;
    const rows = result.messages.map((m) => ({
      where: `${m.line ?? 0}:${m.column ?? 0}`,
      severity: m.severity,
      message: stripControl(m.message),
      ruleId: m.ruleId,
    }));
    const whereWidth = largest(rows.map((r) => r.where.length));
    const severityWidth = largest(rows.map((r) => r.severity.length));
    const messageWidth = largest(rows.map((r) => r.message.length));
    out += `\n${c.underline(stripControl(result.source))}\n`;
    for (const r of rows) {
      const severity = r.severity.padEnd(severityWidth);
      const colored = r.severity === 'error' ? c.red(severity) : r.severity === 'warning' ? c.yellow(severity) : c.blue(severity);
      out += `  ${c.dim(r.where.padStart(whereWidth))}  ${colored}  ${r.message.padEnd(messageWidth)}  ${c.dim(r.ruleId)}\n`;
    }
  }
  const problems = errors + warnings;
  const lines: string[] = [];
  if (problems > 0) {
    const summary = `✖ ${countOf(problems, 'problem')} (${countOf(errors, 'error')}, ${countOf(warnings, 'warning')})`;
    const paint = (s: string): string => c.bold(errors > 0 ? c.red(s) : c.yellow(s));
    lines.push(paint(summary) + (infos > 0 ? ` and ${countOf(infos, 'info finding')}` : ''));
  } else if (infos > 0) {
    lines.push(c.bold(c.blue(`ℹ ${countOf(infos, 'info finding')}`)));
  }
  if (suppressed > 0) lines.push(c.dim(`${countOf(suppressed, 'finding')} recorded in the baseline not shown`));
  if (lines.length > 0) out += `\n${lines.join('\n')}\n`;
  return out;
}
