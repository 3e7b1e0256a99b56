/**
 * ESLint's JSON report: one entry per dump linted, findings or not, with ESLint's fields
 * (`filePath`, `messages[{ ruleId, severity: 1 | 2, message, line, column }]`, `errorCount`…)
 * and heapdoc's additions (`why`, `fix`, `docsUrl`, `fingerprint`, `evidence`, `kind`, `scope`). An info
 * finding (shown with --info only) has severity 0; ESLint has no such level.
 *
 * An input read in part (binary data inside it skipped, its dumps linted: exit 2) is one entry:
 * `readInPart: true`, `binaryPartCount`, and each binary part among its messages at its line, with
 * no rule, its bytes (`binaryPart`) and how to cut it out (`fix`); past the first few, one message
 * says the rest (`moreBinaryParts`: how many, their bytes).
 *
 * Then one entry per problem that stopped lint reading an input (exit 2), as ESLint reports a file
 * it could not parse: `kind: "unreadable"` and one fatal message with no rule. Last, one entry per
 * file a directory walk or glob skipped: `kind: "skipped"`, its `reason`, no message, nothing
 * counted (the array is ESLint's shape: the list cannot be a key of its own).
 */
import { stringifyJson } from '../../text/json.js';
import type { SkippedFile } from '../../input/skipped.js';
import { countMessages, partsApart, problemPath, withParts, type FileResult, type LintMessage, type LintProblem } from '../types.js';
import { problemMessage } from '../../input/problems.js';

const SEVERITY = { error: 2, warning: 1, info: 0 } as const;

export function formatJson(results: readonly FileResult[], problems: readonly LintProblem[] = [], skipped: readonly SkippedFile[] = []): string {
  // An input read in part (binary data skipped) is one entry: its findings and, at their lines, its binary parts.
  const { parts: partsOf, rest } = partsApart(results, problems);
  return `${stringifyJson([...results.map((r) => {
    const counts = countMessages(r.messages);
    const parts = partsOf.get(r.source) ?? [];
    return {
      filePath: r.path ?? r.source,
      kind: r.kind,
      // How many binary parts in all: past the first few, one message stands for the rest (its moreBinaryParts).
      ...(parts.length > 0 ? { readInPart: true, binaryPartCount: parts.reduce((n, p) => n + (p.partly && 'more' in p.partly ? p.partly.more : 1), 0) } : {}),
      messages: withParts(r.messages, parts, message, partMessage),
      suppressedMessages: r.suppressed.map((m) => ({ ...message(m), suppressions: [{ kind: 'baseline', justification: '' }] })),
      errorCount: counts.errors + parts.length,
      fatalErrorCount: r.messages.filter((m) => m.ruleId === 'parse-error' && m.severity === 'error').length + parts.length,
      warningCount: counts.warnings,
      infoCount: counts.infos,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      usedDeprecatedRules: [],
    };
  }), ...rest.map(unreadable), ...skipped.map(skippedEntry)], 2)}\n`;
}

/**
 * A binary part skipped inside a linted input, among its findings: no rule, an error (exit 2), at
 * its line (when known: a part past the lines counted has none) with its bytes, and how to cut it
 * out; the parts past the first few as one, how many and their bytes (`moreBinaryParts`).
 */
function partMessage(p: LintProblem): Record<string, unknown> {
  const part = p.partly;
  return {
    ruleId: null,
    severity: 2,
    message: problemMessage(p),
    ...(part?.line !== undefined ? { line: part.line, column: 1 } : {}),
    fix: p.hint,
    ...(part === undefined ? {}
      : 'more' in part ? { moreBinaryParts: { count: part.more, startByte: part.start, endByte: part.end } }
      : { binaryPart: { startByte: part.start, nulByte: part.nul, endByte: part.end, resumed: part.resumed } }),
  };
}

/** A file skipped, as an entry with nothing to count: an ESLint reader sums its zeros and goes on. */
function skippedEntry(s: SkippedFile): Record<string, unknown> {
  return {
    filePath: problemPath(s.source) ?? s.source,
    kind: 'skipped',
    reason: s.reason,
    messages: [],
    suppressedMessages: [],
    errorCount: 0,
    fatalErrorCount: 0,
    warningCount: 0,
    infoCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  };
}

/** A problem as ESLint's entry for a file it could not parse: one fatal error without a rule. */
function unreadable(p: LintProblem): Record<string, unknown> {
  return {
    // As a dump's `filePath`: absolute for a path, stdin (`-`) and URLs as given.
    filePath: p.input === undefined ? null : problemPath(p.input) ?? p.input,
    kind: 'unreadable',
    messages: [{ ruleId: null, fatal: true, severity: 2, message: p.message, ...(p.hint ? { fix: p.hint } : {}), ...(p.details ? { details: p.details } : {}) }],
    suppressedMessages: [],
    errorCount: 1,
    fatalErrorCount: 1,
    warningCount: 0,
    infoCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  };
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
    // A parse-error at a line the input ends in the middle of, as analyze's JSON diagnostics mark it.
    ...(m.cut ? { cut: true } : {}),
  };
}
