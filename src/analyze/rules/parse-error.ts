import type { Diagnostic } from '../../grammar/common/diagnostic.js';
import { DOCS } from '../thresholds.js';
import type { Rule, RuleResult } from './rule.js';

/**
 * The parser's problems as findings, so `heapdoc lint` reports an unreadable line where it is
 * and goes on with the other files. `heapdoc analyze` prints diagnostics itself and passes none
 * here, so there this rule finds nothing.
 */
export const parseError: Rule = {
  meta: {
    id: 'parse-error',
    defaultSeverity: 'error',
    description: 'The dump does not read as the Go runtime writes it: a malformed line, a cut-off end, or counts that do not add up.',
    docsUrl: DOCS.pprofHeap,
    inputs: ['heap', 'goroutine'],
  },
  check(_facts, { diagnostics }) {
    return fromDiagnostics(diagnostics);
  },
  checkGoroutines(_facts, { diagnostics }) {
    return fromDiagnostics(diagnostics);
  },
};

function fromDiagnostics(diagnostics: readonly Diagnostic[]): RuleResult[] {
  return diagnostics.map((d) => ({
    severity: d.severity,
    message: `${capitalize(d.message)}.`.replace(/([.?!])\.$/, '$1'),
    // A problem at line 0 is about the whole input (the count of problems not listed, a read that stopped).
    why: d.line > 0
      ? 'heapdoc read this line as the runtime never writes it and skipped it; numbers and findings that depend on it may be wrong or missing.'
      : 'heapdoc could not read all of this input as the runtime writes it; numbers and findings that depend on what it skipped may be wrong or missing.',
    fix: d.hint ? `${capitalize(d.hint)}.`.replace(/([.?!])\.$/, '$1') : 'Capture the dump again from the /debug/pprof endpoint with ?debug=1 and keep the whole response.',
    ...(d.line > 0 ? { position: { line: d.line, column: Math.max(1, d.column) } } : {}),
  }));
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
