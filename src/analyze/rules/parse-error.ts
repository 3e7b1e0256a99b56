import type { Diagnostic } from '../../grammar/common/diagnostic.js';
import { DOCS } from '../thresholds.js';
import { capitalized } from '../../text/wrap.js';
import type { Rule, RuleResult } from './rule.js';

/**
 * Who writes each kind of input, what it is called (`input`), what a line it never writes means,
 * what heapdoc made of a copy cut mid-line (`cutUse`), the page documenting its format, and how
 * to capture it again.
 */
const WRITERS = {
  heap: {
    who: 'the runtime',
    input: 'dump',
    cutUse: 'heapdoc read what was saved, so numbers and findings that depend on the rest may be wrong or missing.',
    why: 'heapdoc read this line as the runtime never writes it and skipped it; numbers and findings that depend on it may be wrong or missing.',
    docsUrl: DOCS.pprofHeap,
    fix: 'Capture the dump again from the /debug/pprof endpoint with ?debug=1 and keep the whole response.',
  },
  expvar: {
    who: 'the expvar package',
    input: 'document',
    cutUse: 'a JSON document that is not whole is not read at all, so its numbers and the findings that need them are missing.',
    why: 'The expvar package never writes this in /debug/vars; heapdoc left it out (the whole document when it is not whole JSON), so numbers and findings that depend on it may be wrong or missing.',
    docsUrl: DOCS.expvar,
    fix: 'Fetch /debug/vars again and keep the whole response (curl -s URL > vars.json).',
  },
  prometheus: {
    who: 'the Prometheus client',
    input: 'page',
    cutUse: 'heapdoc read the lines before it, so numbers and findings that depend on the rest may be wrong or missing.',
    why: 'The Prometheus client never writes this line in a /metrics page; heapdoc skipped it, so numbers and findings that depend on it may be wrong or missing.',
    docsUrl: DOCS.prometheusText,
    fix: 'Fetch /metrics again and keep the whole response (curl -s URL > metrics.txt).',
  },
  gctrace: {
    who: 'the runtime under GODEBUG=gctrace=1',
    input: 'log',
    cutUse: 'heapdoc read the GC lines before it, so findings that depend on the rest may be wrong or missing.',
    why: 'The runtime never writes this in a GODEBUG=gctrace=1 log; heapdoc did not read it as a GC line, so findings that depend on it may be wrong or missing.',
    docsUrl: DOCS.gctrace,
    fix: "Keep the program's standard error whole (GODEBUG=gctrace=1 ./prog 2> gc.log), one process's log a file.",
  },
} as const;

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
  check(facts, { diagnostics }) {
    return fromDiagnostics(diagnostics, WRITERS[facts.exposed ?? 'heap']);
  },
  checkGoroutines(_facts, { diagnostics }) {
    return fromDiagnostics(diagnostics, WRITERS.heap);
  },
};

/**
 * A GODEBUG=gctrace=1 log's problems as parse-error's results (lint/engine.ts lintLogProblems):
 * a log is no snapshot, so no `check` reads it, and the crash a log may hold has its own.
 */
export function logProblems(diagnostics: readonly Diagnostic[]): RuleResult[] {
  return fromDiagnostics(diagnostics, WRITERS.gctrace);
}

function fromDiagnostics(diagnostics: readonly Diagnostic[], writer: (typeof WRITERS)[keyof typeof WRITERS]): RuleResult[] {
  return diagnostics.map((d) => ({
    severity: d.severity,
    message: `${capitalized(d.message)}.`.replace(/([.?!])\.$/, '$1'),
    // A problem at line 0 is about the whole input (the count of problems not listed, a read that stopped).
    why: d.line === 0
      ? `heapdoc could not read all of this input as ${writer.who} writes it; numbers and findings that depend on what it skipped may be wrong or missing.`
      // A cut line is no line the writer got wrong: the saved copy stops there.
      : d.cut
        ? `The ${writer.input} ends in the middle of this line: the download was interrupted or the file was truncated, so this line is not whole and nothing after it was saved; ${writer.cutUse}`
        : writer.why,
    fix: d.hint ? `${capitalized(d.hint)}.`.replace(/([.?!])\.$/, '$1') : writer.fix,
    // The page of the format's writer: runtime/pprof's says nothing of a /metrics page or /debug/vars.
    docsUrl: writer.docsUrl,
    position: { line: d.line, column: d.column },
    ...(d.cut ? { cut: true as const } : {}),
  }));
}
