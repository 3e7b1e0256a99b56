/**
 * ESLint's JSON report: one entry per dump linted, findings or not, with ESLint's fields
 * (`filePath`, `messages[{ ruleId, severity: 1 | 2, message, line, column }]`, `errorCount`…)
 * and heapdoc's additions (`why`, `fix`, `docsUrl`, `fingerprint`, `evidence`, `kind`, `scope`). An info
 * finding (shown with --info only) has severity 0; ESLint has no such level.
 */
import { stringifyJson } from '../../text/json.js';
import { countMessages, type FileResult, type LintMessage } from '../types.js';

const SEVERITY = { error: 2, warning: 1, info: 0 } as const;

export function formatJson(results: readonly FileResult[]): string {
  return `${stringifyJson(results.map((r) => {
    const counts = countMessages(r.messages);
    return {
      filePath: r.path ?? r.source,
      kind: r.kind,
      messages: r.messages.map(message),
      suppressedMessages: r.suppressed.map((m) => ({ ...message(m), suppressions: [{ kind: 'baseline', justification: '' }] })),
      errorCount: counts.errors,
      fatalErrorCount: r.messages.filter((m) => m.ruleId === 'parse-error' && m.severity === 'error').length,
      warningCount: counts.warnings,
      infoCount: counts.infos,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      usedDeprecatedRules: [],
    };
  }), 2)}\n`;
}

function message(m: LintMessage): Record<string, unknown> {
  return {
    ruleId: m.ruleId,
    severity: SEVERITY[m.severity],
    message: m.message,
    ...(m.line !== undefined ? { line: m.line, column: m.column ?? 1 } : {}),
    why: m.why,
    fix: m.fix,
    docsUrl: m.docsUrl,
    fingerprint: m.fingerprint,
    ...(m.evidence ? { evidence: m.evidence } : {}),
    // A finding about its directory's series (at the series' last file): a baseline records it at the directory.
    ...(m.scope ? { scope: m.scope } : {}),
  };
}
