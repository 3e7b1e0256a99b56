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
import { ESCAPE_KINDS } from '../../grammar/gcflags/model.js';
import type { DiagnosticInfo, EscapeAnalysis } from '../../analyze/escape/index.js';

/** The schema versions (`heapdoc escape --schema`); 1 is the default until it goes (docs/contract.md). */
export type EscapeSchemaVersion = 1 | 2;

/** The key of the compiler's messages in a schema version. */
function messagesKey(version: EscapeSchemaVersion): 'diagnostics' | 'messages' {
  return version === 1 ? 'diagnostics' : 'messages';
}

/**
 * A string as JSON. Most strings need no escaping (no quote, backslash, control character or
 * surrogate): those are quoted as they are, the rest go through JSON.stringify — the same text.
 */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function jsonString(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/** A number as JSON.stringify writes it (null when not finite). */
function jsonNumber(n: number): string {
  return Number.isFinite(n) ? `${n}` : 'null';
}

/** `{"kind":"…","file":` for each kind: the start of every message. */
const KIND_OPENINGS = new Map<string, string>(ESCAPE_KINDS.map((kind) => [kind, `{"kind":${JSON.stringify(kind)},"file":`]));

/**
 * One compiler message as its JSON object, written as text: the same as `JSON.stringify` of the
 * object with the contract's keys first (kind, file, line, column, package, message, …) and the
 * absent ones left out, without building the object (one per message, millions per input). The
 * file and package of the message before are quoted once (most messages repeat them).
 */
class MessageWriter {
  private lastFile = '';
  private lastFileJson = '""';
  private lastPackage = '';
  private lastPackageJson = '""';

  write(d: CompilerMessage, info?: DiagnosticInfo): string {
    const file = d.file;
    if (file !== this.lastFile) {
      this.lastFile = file;
      this.lastFileJson = jsonString(file);
    }
    let out = `${KIND_OPENINGS.get(d.kind) ?? `{"kind":${JSON.stringify(d.kind)},"file":`}${this.lastFileJson},"line":${jsonNumber(d.line)}`;
    if (d.column !== undefined) out += `,"column":${jsonNumber(d.column)}`;
    const pkg = d.package;
    if (pkg !== undefined) {
      if (pkg !== this.lastPackage) {
        this.lastPackage = pkg;
        this.lastPackageJson = jsonString(pkg);
      }
      out += `,"package":${this.lastPackageJson}`;
    }
    out += `,"message":${jsonString(d.message)}`;
    const reasons = d.reasons;
    if (reasons && reasons.length > 0) {
      out += ',"reasons":[';
      for (let i = 0; i < reasons.length; i++) out += `${i === 0 ? '' : ','}${reasonJson(reasons[i] as EscapeReason)}`;
      out += ']';
    }
    if (d.explanation) out += ',"explanation":true';
    if (d.subject !== undefined) out += `,"subject":${jsonString(d.subject)}`;
    const fn = info?.function ?? d.function;
    if (fn !== undefined) out += `,"function":${jsonString(fn)}`;
    if (info?.inlinedFrom !== undefined) out += `,"inlinedFrom":${jsonString(info.inlinedFrom)}`;
    if (info?.cause !== undefined) out += `,"cause":${jsonString(info.cause)}`;
    if (d.target !== undefined) out += `,"target":${jsonString(d.target)}`;
    if (d.level !== undefined) out += `,"level":${jsonNumber(d.level)}`;
    if (d.detail !== undefined) out += `,"detail":${jsonString(d.detail)}`;
    if (d.cost !== undefined) out += `,"cost":${jsonNumber(d.cost)}`;
    return `${out},"inputLine":${jsonNumber(d.inputLine)}}`;
  }
}

/** One step of an explanation as its JSON object (keys in the contract's order, absent ones left out). */
function reasonJson(r: EscapeReason): string {
  let out = `{"message":${jsonString(r.message)}`;
  if (r.file !== undefined) out += `,"file":${jsonString(r.file)}`;
  if (r.line !== undefined) out += `,"line":${jsonNumber(r.line)}`;
  if (r.column !== undefined) out += `,"column":${jsonNumber(r.column)}`;
  out += `,"step":${jsonString(r.step)}`;
  if (r.to !== undefined) out += `,"to":${jsonString(r.to)}`;
  if (r.value !== undefined) out += `,"value":${jsonString(r.value)}`;
  if (r.expression !== undefined) out += `,"expression":${jsonString(r.expression)}`;
  if (r.note !== undefined) out += `,"note":${jsonString(r.note)}`;
  return `${out}}`;
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
  private readonly writer = new MessageWriter();

  constructor(source: string, version: EscapeSchemaVersion = 1) {
    this.pieces.push(`{"schemaVersion":${version},"source":${JSON.stringify(source)},"${messagesKey(version)}":[`);
  }

  message(d: CompilerMessage, info?: DiagnosticInfo): void {
    this.pieces.push(`${this.count++ === 0 ? '\n' : ',\n'}${this.writer.write(d, info)}`);
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
