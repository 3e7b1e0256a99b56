/**
 * `heapdoc escape --format json` (docs/contract.md, "escape --format json"), written as a stream:
 * the compiler's messages go out while the input is read, and the summary follows them, so memory
 * does not grow with the input. The keys are the contract's; heapdoc adds `function`, `inlinedFrom`, `cause`, `subject`,
 * `explanation` and `inputLine` to messages, the structured fields of reasons, and
 * `commands`, `filter`, `causes` and `problems` (problems with the input) at the top.
 *
 * The messages' key depends on the schema version: `messages` in 2; `diagnostics` in 1, the
 * published key, deprecated because everywhere else `diagnostics` are problems with the input
 * (docs/contract.md says when it goes). One array, never both: the output streams, and writing
 * the messages twice would mean holding them all until the end.
 */
import type { Diagnostic } from '../../grammar/common/diagnostic.js';
import type { CompilerMessage, EscapeReason } from '../../grammar/gcflags/index.js';
import type { DiagnosticInfo, EscapeAnalysis } from '../../analyze/escape/index.js';

/** The schema versions (`heapdoc escape --schema`); 1 is the default until it goes (docs/contract.md). */
export type EscapeSchemaVersion = 1 | 2;

/** The key of the compiler's messages in a schema version. */
function messagesKey(version: EscapeSchemaVersion): 'diagnostics' | 'messages' {
  return version === 1 ? 'diagnostics' : 'messages';
}

/** One compiler message as its JSON object (contract keys first). */
function messageJson(d: CompilerMessage, info?: DiagnosticInfo): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: d.kind, file: d.file, line: d.line };
  if (d.column !== undefined) out.column = d.column;
  if (d.package !== undefined) out.package = d.package;
  out.message = d.message;
  if (d.reasons && d.reasons.length > 0) out.reasons = d.reasons.map(reasonJson);
  if (d.explanation) out.explanation = true;
  if (d.subject !== undefined) out.subject = d.subject;
  const fn = info?.function ?? d.function;
  if (fn !== undefined) out.function = fn;
  if (info?.inlinedFrom !== undefined) out.inlinedFrom = info.inlinedFrom;
  if (info?.cause !== undefined) out.cause = info.cause;
  if (d.target !== undefined) out.target = d.target;
  if (d.level !== undefined) out.level = d.level;
  if (d.detail !== undefined) out.detail = d.detail;
  if (d.cost !== undefined) out.cost = d.cost;
  out.inputLine = d.inputLine;
  return out;
}

function reasonJson(r: EscapeReason): Record<string, unknown> {
  const out: Record<string, unknown> = { message: r.message };
  if (r.file !== undefined) out.file = r.file;
  if (r.line !== undefined) out.line = r.line;
  if (r.column !== undefined) out.column = r.column;
  out.step = r.step;
  if (r.to !== undefined) out.to = r.to;
  if (r.value !== undefined) out.value = r.value;
  if (r.expression !== undefined) out.expression = r.expression;
  if (r.note !== undefined) out.note = r.note;
  return out;
}

function problemJson(p: Diagnostic): Record<string, unknown> {
  return { source: p.source, line: p.line, column: p.column, severity: p.severity, message: p.message, ...(p.hint ? { hint: p.hint } : {}) };
}

/**
 * Collects the JSON text in pieces; the caller drains it (`take`) and writes it out between
 * input chunks, which keeps at most one chunk's worth of output in memory.
 */
export class EscapeJsonStream {
  private pieces: string[] = [];
  private count = 0;

  constructor(source: string, version: EscapeSchemaVersion = 1) {
    this.pieces.push(`{"schemaVersion":${version},"source":${JSON.stringify(source)},"${messagesKey(version)}":[`);
  }

  message(d: CompilerMessage, info?: DiagnosticInfo): void {
    this.pieces.push(`${this.count++ === 0 ? '\n' : ',\n'}${JSON.stringify(messageJson(d, info))}`);
  }

  /** Closes the document with the summary (call once, after the input is read). */
  end(analysis: EscapeAnalysis): void {
    const summary = {
      lines: analysis.input.lines,
      unrecognized: analysis.input.unrecognized,
      byKind: analysis.byKind,
      packages: analysis.input.packages,
      explanations: analysis.explanations,
    };
    const tail: Record<string, unknown> = { summary, causes: { heap: analysis.heapByCause, leaks: analysis.leaksByCause } };
    if (analysis.commands.length > 0) tail.commands = analysis.commands;
    if (analysis.filter !== undefined) tail.filter = analysis.filter;
    tail.problems = analysis.diagnostics.map(problemJson);
    const body = JSON.stringify(tail);
    this.pieces.push(`${this.count > 0 ? '\n' : ''}],${body.slice(1)}\n`);
  }

  /** The text collected since the last call. */
  take(): string {
    const text = this.pieces.join('');
    this.pieces = [];
    return text;
  }

  get pendingLength(): number {
    return this.pieces.length;
  }
}
