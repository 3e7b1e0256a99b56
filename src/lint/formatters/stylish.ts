/**
 * ESLint's default report: the findings grouped by file, one aligned row each
 * (`line:col  severity  message  rule-id`), and a summary `✖ N problems (E errors, W warnings)`.
 * An input read in part (binary data skipped inside it) is one entry: each part an error row among
 * its findings at its line, no rule, how to cut it out below it (the first few; then one row for the
 * rest). Then what stopped lint reading an input (exit 2), by input, each with its hint, and
 * `✖ 3 inputs could not be read, 0 dumps linted`: as the json and sarif reports carry them, the
 * report says why it is short. Nothing at all when there is nothing to report. Dump text is
 * stripped of control characters.
 */
import type { Colors } from '../../text/color.js';
import { stripControl } from '../../text/sanitize.js';
import { countOf } from '../../text/units.js';
import { groupInputs, problemGroups, problemMessage } from '../../input/problems.js';
import { countMessages, partRow, partsApart, skippedLine, unreadSummary, withParts, type FileResult, type LintProblem } from '../types.js';
import { largest } from '../../common/arrays.js';

export interface StylishOptions {
  colors: Colors;
  /** --max-warnings; the summary says when the warnings are more (the run fails on them). -1: no limit. */
  maxWarnings?: number;
  /** How many files a directory walk or glob skipped (each named on stderr): one line says how many. */
  skipped?: number;
}

/** A row of an input's entry: a finding, or a binary part skipped (no rule; how to cut it out below it). */
interface Row {
  where: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  ruleId: string;
  hint?: string | undefined;
}

export function formatStylish(results: readonly FileResult[], { colors: c, maxWarnings = -1, skipped = 0 }: StylishOptions, unread: readonly LintProblem[] = []): string {
  let out = '';
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let suppressed = 0;
  // An input read in part is one entry: its binary parts are rows among its findings, each with how to cut it out below it.
  const { parts: partsOf, rest } = partsApart(results, unread);
  for (const result of results) {
    suppressed += result.suppressed.length;
    const parts = partsOf.get(result.source) ?? [];
    if (result.messages.length === 0 && parts.length === 0) continue;
    const counts = countMessages(result.messages);
    errors += counts.errors + parts.length;
    warnings += counts.warnings;
    infos += counts.infos;
    const rows = withParts(result.messages, parts, (m): Row => ({
      // A finding about the whole input or series (no line): under the file's name with no position, never `0:0`.
      where: m.line === undefined ? '' : `${m.line}:${m.column ?? 0}`,
      severity: m.severity,
      message: stripControl(m.message),
      ruleId: m.ruleId,
    }), (p): Row => {
      const row = partRow(p);
      return { where: row.line === undefined ? '' : `${row.line}:1`, severity: 'error', message: stripControl(row.message), ruleId: '', hint: row.hint };
    });
    const whereWidth = largest(rows.map((r) => r.where.length));
    const severityWidth = largest(rows.map((r) => r.severity.length));
    // A binary part's row ends with its message (no rule to align): the findings' messages are not padded to it.
    const messageWidth = largest(rows.filter((r) => r.ruleId !== '').map((r) => r.message.length));
    out += `\n${c.underline(stripControl(result.source))}\n`;
    for (const r of rows) {
      const severity = r.severity.padEnd(severityWidth);
      const colored = r.severity === 'error' ? c.red(severity) : r.severity === 'warning' ? c.yellow(severity) : c.blue(severity);
      out += r.ruleId === '' ? `  ${c.dim(r.where.padStart(whereWidth))}  ${colored}  ${r.message}\n`
        : `  ${c.dim(r.where.padStart(whereWidth))}  ${colored}  ${r.message.padEnd(messageWidth)}  ${c.dim(r.ruleId)}\n`;
      if (r.hint !== undefined) out += `  ${' '.repeat(whereWidth)}  ${' '.repeat(severityWidth)}  ${c.dim(stripControl(r.hint))}\n`;
    }
  }
  const problems = errors + warnings;
  const lines: string[] = [];
  if (problems > 0) {
    const summary = `✖ ${countOf(problems, 'problem')} (${countOf(errors, 'error')}, ${countOf(warnings, 'warning')})`;
    const paint = (s: string): string => c.bold(errors > 0 ? c.red(s) : c.yellow(s));
    lines.push(paint(summary) + (infos > 0 ? ` and ${countOf(infos, 'info finding')}` : ''));
    // As ESLint's "too many warnings": the report says why a run of warnings only fails.
    if (maxWarnings >= 0 && warnings > maxWarnings) lines.push(c.bold(c.red(`✖ too many warnings: ${warnings}, more than --max-warnings ${maxWarnings}`)));
  } else if (infos > 0) {
    lines.push(c.bold(c.blue(`ℹ ${countOf(infos, 'info finding')}`)));
  }
  if (suppressed > 0) lines.push(c.dim(`${countOf(suppressed, 'finding')} recorded in the baseline not shown`));
  out += stylishProblems(rest, c);
  const unreadLine = unreadSummary(unread, results.length);
  if (unreadLine !== undefined) lines.push(c.bold(c.red(unreadLine)));
  if (skipped > 0) lines.push(c.dim(skippedLine(skipped)));
  if (lines.length > 0) out += `\n${lines.join('\n')}\n`;
  return out;
}

/** The problems that stopped lint reading an input: under the input's name (the run's own first, unnamed), `error` and the message, the hint below it. */
function stylishProblems(problems: readonly LintProblem[], c: Colors): string {
  let out = '';
  let last: string | undefined;
  const ordered = [...problems.filter((p) => p.input === undefined), ...problems.filter((p) => p.input !== undefined)];
  // Inputs that failed alike are one entry under their count and names (problemGroups).
  for (const [i, { problem: p, inputs }] of problemGroups(ordered).entries()) {
    const named = groupInputs({ problem: p, inputs });
    if (i === 0 || named !== last || inputs.length > 1) out += named !== undefined ? `\n${c.underline(stripControl(named))}\n` : '\n';
    last = named;
    out += `  ${c.red('error')}  ${stripControl(problemMessage(p))}\n`;
    if (p.hint !== undefined) out += `         ${c.dim(stripControl(p.hint))}\n`;
  }
  return out;
}
