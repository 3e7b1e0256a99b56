/**
 * Parsed lines → model. Stateful across chunks: it knows the current `# package`, and it holds the last
 * compiler message back for one line, because -m=2 step lines (`  flow: …`, `    from … at …`)
 * that follow an explanation header belong to it, and they may arrive in the next chunk. Messages
 * leave through `emit` in input order; nothing is kept here but counts and the input's problems.
 */
import { detach } from '../common/strings.js';
import type { IToken } from 'chevrotain';
import type { Diagnostic } from '../common/diagnostic.js';
import type { Position } from '../common/positions.js';
import {
  between,
  parsePosition,
  parsePositionInFile,
  splitCanInline,
  splitCannotDevirtualize,
  splitCannotInline,
  splitCapturing,
  splitDevirtualizing,
  splitEscapesHeader,
  splitFlow,
  splitFrom,
  splitLeakHeader,
  splitLeakingParam,
  splitSelfAssignment,
  type CompilerPosition,
} from './messages.js';
import { ESCAPE_KINDS, type CompilerMessage, type EscapeKind, type EscapeReason, type EscapeSummary } from './model.js';
import { gcflagsParser } from './parser.js';
import { CommandLine, messageText, Newline, PackageHeader } from './tokens.js';

/**
 * A message as readMessage makes it: an instance of a class, so that V8 keeps the fields added
 * after these five (column, package, subject, …) inside the object (a class's instances get
 * room for them; an object literal's fields past its own go to a separate array).
 */
class MessageRecord {
  constructor(
    public kind: EscapeKind,
    public file: string,
    public line: number,
    public message: string,
    public inputLine: number,
  ) {}
}

/** Each kind's index in ESCAPE_KINDS: where the builder counts it. */
const KIND_INDEX = new Map<EscapeKind, number>(ESCAPE_KINDS.map((kind, index) => [kind, index]));

/** Problems kept per input; past this, only a count (a huge input of unknown lines stays small). */
const MAX_PROBLEMS = 200;

export class GcflagsBuilder {
  private packageName: string | undefined;
  /** The last message read, held back until the next line says whether steps follow it. */
  private pending: CompilerMessage | undefined;
  private pendingPosition: string | undefined;
  /** The input line being read. */
  private inputLine = 1;
  private problemCount = 0;
  /** The last position read: the steps of an explanation repeat their header's position. */
  private lastPositionImage = '';
  private lastPosition: CompilerPosition | undefined;
  /** File names, each stored once and detached from the chunks. */
  private readonly files = new Map<string, string>();

  readonly commands: string[] = [];
  readonly problems: Diagnostic[] = [];
  /** `byKind` is written by flush(), from kindCounts. */
  readonly summary: EscapeSummary = { lines: 0, unrecognized: 0, byKind: {}, packages: 0, explanations: 0, reasonLines: 0 };
  /**
   * Messages by kind, by the kind's index in ESCAPE_KINDS, and the kinds in the order they first
   * came: a count a message in an object keyed by kind cost ~12 % of this visitor's time.
   */
  private readonly kindCounts: number[] = ESCAPE_KINDS.map(() => 0);
  private readonly kindsSeen: number[] = [];

  constructor(
    private readonly source: string,
    private readonly emit: (d: CompilerMessage) => void,
    /** Called at every `# package` header, after the messages above it have been emitted. */
    private readonly onPackage?: (name: string) => void,
  ) {}

  /**
   * Reads the line parsed at `index` (its main token, `main`; its position in
   * gcflagsParser.details) at input line `line` (see LineConsumer.visitLine).
   */
  visitLine(main: IToken, line: number, index: number): void {
    this.inputLine = line;
    const position = gcflagsParser.details[index];
    if (position !== undefined) {
      this.readMessage(main, this.position(position.image), position.image);
      return;
    }
    const type = main.tokenType;
    if (type === PackageHeader) {
      this.release();
      this.summary.lines++;
      this.summary.packages++;
      this.packageName = detach(main.image.slice(2).trim());
      this.onPackage?.(this.packageName);
    } else if (type === CommandLine) {
      this.release();
      this.summary.lines++;
      this.commands.push(detach(main.image.replace(/^\$ /, '').trimEnd()));
    } else if (type !== Newline) { // else: an empty line
      this.readMessage(main, undefined, '');
    }
  }

  /** Emits the message still held back and counts the messages by kind in `summary` (call at the end of the input). */
  flush(): void {
    if (this.pending) {
      const last = this.pending;
      this.pending = undefined;
      this.pendingPosition = undefined;
      if (last.explanation && (last.reasons?.length ?? 0) === 0) {
        this.problem({ line: last.inputLine, column: 1 }, 'warning', 'a -m=2 explanation header with no steps after it at the end of the input (cut?)');
      }
      this.emit(last);
    }
    const byKind: EscapeSummary['byKind'] = {};
    for (const index of this.kindsSeen) byKind[ESCAPE_KINDS[index] as EscapeKind] = this.kindCounts[index];
    this.summary.byKind = byKind;
  }

  /** A line that lexed but could not be read, or had characters no token accepts. */
  badLine(inputLine: number, column: number, text: string, problem: string, severity: Diagnostic['severity'] = 'warning', hint?: string): void {
    this.release();
    this.summary.lines++;
    this.summary.unrecognized++;
    this.take({ kind: 'unrecognized', file: '', line: 0, message: text, ...(this.packageName ? { package: this.packageName } : {}), inputLine });
    this.problem({ line: inputLine, column }, severity, problem, hint);
  }

  problem(position: Position, severity: Diagnostic['severity'], message: string, hint?: string): void {
    this.problemCount++;
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ source: this.source, ...position, severity, message, ...(hint ? { hint } : {}) });
  }

  /** Problems beyond MAX_PROBLEMS that were counted but not kept. */
  get droppedProblems(): number {
    return this.problemCount - this.problems.length;
  }

  private position(image: string): CompilerPosition | undefined {
    if (image === this.lastPositionImage) return this.lastPosition;
    const position = parsePositionInFile(image, this.lastPosition?.file) ?? parsePosition(image);
    if (position && position.file === this.lastPosition?.file) {
      position.file = this.lastPosition.file; // most lines repeat the file of the line above
    } else if (position) {
      let file = this.files.get(position.file);
      if (file === undefined) {
        file = detach(position.file);
        this.files.set(file, file);
      }
      position.file = file;
    }
    this.lastPositionImage = image;
    this.lastPosition = position;
    return position;
  }

  /**
   * Where the message of the current line starts: just after its position (`positionText`, the
   * Position token's image), or at the line's start. The lexer tracks offsets only (lexer.ts).
   */
  private at(positionText: string): Position {
    return { line: this.inputLine, column: positionText.length + 1 };
  }

  private release(): void {
    if (this.pending) {
      const d = this.pending;
      this.pending = undefined;
      this.pendingPosition = undefined;
      this.emit(d);
    }
  }

  /** Counts a message and holds it back one line. */
  private take(d: CompilerMessage, positionText?: string): void {
    this.release();
    const kind = KIND_INDEX.get(d.kind) as number;
    const count = this.kindCounts[kind] ?? 0;
    this.kindCounts[kind] = count + 1;
    if (count === 0) this.kindsSeen.push(kind);
    if (d.explanation) this.summary.explanations++;
    this.pending = d;
    this.pendingPosition = positionText;
  }

  private readMessage(token: IToken, where: CompilerPosition | undefined, positionText: string): void {
    const inputLine = this.inputLine;
    this.summary.lines++;
    const type = token.tokenType.name;
    const text = messageText(token.image);

    if (type === 'FlowStep' || type === 'FromStep' || type === 'WarningStep') {
      this.readStep(type, text, positionText, inputLine);
      return;
    }

    const d: CompilerMessage = new MessageRecord('unrecognized', where?.file ?? '', where?.line ?? 0, text, inputLine);
    if (where?.column !== undefined) d.column = where.column;
    if (this.packageName !== undefined) d.package = this.packageName;

    switch (type) {
      case 'InliningCall': {
        d.kind = 'inlining-call';
        d.subject = between(text, 'inlining call to ', '');
        if (d.subject.includes(' with score ')) d.subject = d.subject.replace(/ with score -?\d+$/, '');
        break;
      }
      case 'CanInline': {
        d.kind = 'can-inline';
        const parts = splitCanInline(text.slice('can inline '.length));
        d.subject = parts.function;
        d.function = parts.function;
        if (parts.cost !== undefined) d.cost = parts.cost;
        break;
      }
      case 'CannotInline': {
        d.kind = 'cannot-inline';
        const parts = splitCannotInline(text.slice('cannot inline '.length));
        d.subject = parts.function;
        d.function = parts.into ?? parts.function;
        d.detail = parts.reason;
        break;
      }
      case 'MovedToHeap':
        d.kind = 'moved-to-heap';
        d.subject = text.slice('moved to heap: '.length);
        break;
      case 'EscapesToHeap':
        d.kind = 'escapes-to-heap';
        if (text.charCodeAt(text.length - 1) !== 58) {
          d.subject = text.slice(0, text.length - ' escapes to heap'.length);
          break;
        }
        // The -m=2 explanation header: `X escapes to heap:` / `X escapes to heap in F:`.
        d.explanation = true;
        d.message = text.slice(0, -1);
        d.reasons = [];
        {
          const parts = splitEscapesHeader(text);
          d.subject = parts.subject;
          if (parts.function !== undefined) d.function = parts.function;
        }
        break;
      case 'DoesNotEscape':
        d.kind = 'does-not-escape';
        d.subject = between(text, '', ' does not escape');
        break;
      case 'LeakHeader': {
        const parts = splitLeakHeader(text);
        d.explanation = true;
        d.message = text.slice(0, -1);
        d.reasons = [];
        // As escape.go prints the -m line: a leak to a heap location ({heap}, {storage for x}) with
        // derefs > 0 is `leaking param content`; leaks to results are `leaking param: p to result`.
        d.kind = parts && parts.target.startsWith('{') && parts.derefs > 0 ? 'leaking-param-content' : 'leaking-param';
        if (parts) {
          d.subject = parts.parameter;
          d.target = parts.target;
          d.level = parts.derefs;
          if (parts.function !== undefined) d.function = parts.function;
        }
        break;
      }
      case 'LeakingParam': {
        d.kind = 'leaking-param';
        const parts = splitLeakingParam(text.slice('leaking param: '.length));
        d.subject = parts.parameter;
        if (parts.target !== undefined) d.target = parts.target;
        if (parts.level !== undefined) d.level = parts.level;
        break;
      }
      case 'LeakingParamContent':
        d.kind = 'leaking-param-content';
        d.subject = text.slice('leaking param content: '.length);
        break;
      case 'LeakingClosureReference':
        d.kind = 'leaking-closure-reference';
        d.subject = text.slice('leaking closure reference '.length);
        break;
      case 'Devirtualizing': {
        d.kind = 'devirtualized';
        const parts = splitDevirtualizing(text.replace(/^(?:partially )?devirtualizing /, ''));
        d.subject = parts.call;
        if (parts.to !== undefined) d.detail = parts.to;
        break;
      }
      case 'CannotDevirtualize': {
        d.kind = 'cannot-devirtualize';
        const parts = splitCannotDevirtualize(text);
        d.subject = parts.call;
        if (parts.reason !== undefined) d.detail = parts.reason;
        break;
      }
      case 'SelfAssignment': {
        d.kind = 'ignoring-self-assignment';
        const parts = splitSelfAssignment(text);
        if (parts.function) d.function = parts.function;
        d.detail = parts.statement;
        break;
      }
      case 'Capturing': {
        d.kind = 'capturing';
        const parts = splitCapturing(text);
        d.function = parts.function;
        d.subject = parts.variable;
        d.detail = `by ${parts.by}`;
        break;
      }
      case 'BoundsCheckElided':
        d.kind = 'bounds-check-elided';
        break;
      case 'ZeroCopyConversion':
        d.kind = 'zero-copy-conversion';
        break;
      case 'ImpreciseInterfaceCall':
        d.kind = 'imprecise-interface-call';
        break;
      case 'UnsafeUintptr':
        d.kind = 'unsafe-uintptr';
        d.subject = between(text, 'assuming ', ' is unsafe uintptr');
        break;
      case 'EscapingUintptr':
        d.kind = 'escaping-uintptr';
        d.subject = text.replace(/^marking /, '').replace(/ as escaping (?:\.\.\.)?uintptr$/, '');
        break;
      case 'BigFunction':
        d.kind = 'big-function';
        d.function = between(text, 'function ', " considered 'big'; reducing max cost of inlinees");
        d.subject = d.function;
        break;
      case 'SkipInlining':
        d.kind = 'skip-inlining';
        d.subject = text.slice('skip inlining within testing.B.loop for '.length);
        break;
      case 'LoopVariable':
        d.kind = 'loop-variable';
        d.subject = text.slice('loop variable '.length, text.indexOf(' now per-iteration, '));
        break;
      case 'MutationParam': {
        d.kind = 'mutation-analysis';
        const match = /^(?:mutates|calls) param: (.*) derefs=(-?\d+)$/.exec(text);
        if (match) {
          d.subject = match[1] ?? '';
          d.level = Number(match[2]);
        }
        break;
      }
      case 'MutationSummary':
        d.kind = 'mutation-analysis';
        d.subject = between(text, '', ' does not escape, mutate, or call');
        break;
      case 'KeptAlive':
        d.kind = 'kept-alive';
        break;
      case 'GoCommandMessage':
        d.kind = 'go-command';
        break;
      case 'CompileError':
        d.kind = 'compile-error';
        break;
      default: {
        this.summary.unrecognized++;
        this.problem(this.at(positionText), 'warning', `unrecognized line: not a compiler message heapdoc knows: ${JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text)}`,
          "kept as kind 'unrecognized'; if a Go release prints this message, please report it");
      }
    }
    this.take(d, positionText);
  }

  /** A -m=2 step: part of the explanation above it (same position), else an orphan. */
  private readStep(type: string, text: string, positionText: string, inputLine: number): void {
    this.summary.reasonLines++;
    const body = text.trim().replace(/:$/, '');
    const reason: EscapeReason = { message: body, step: type === 'FlowStep' ? 'flow' : type === 'FromStep' ? 'from' : 'warning' };
    if (type === 'FlowStep') {
      const flow = splitFlow(body);
      if (flow) {
        reason.to = flow.to;
        reason.value = flow.value;
      }
    } else if (type === 'FromStep') {
      const from = splitFrom(body);
      if (from) {
        reason.expression = from.expression;
        reason.note = from.note;
        if (from.position) {
          reason.file = from.position.file;
          reason.line = from.position.line;
          if (from.position.column !== undefined) reason.column = from.position.column;
          reason.message = `from ${from.expression} (${from.note})`;
        }
      }
    }
    const owner = this.pending;
    // Modern Go: steps follow their header. Go ≤ 1.12 printed them under the plain message.
    if (owner && this.pendingPosition === positionText && (owner.explanation || owner.kind === 'escapes-to-heap'
      || owner.kind === 'moved-to-heap' || owner.kind === 'leaking-param' || owner.kind === 'leaking-param-content'
      || owner.kind === 'leaking-closure-reference' || owner.kind === 'orphan-reason')) {
      (owner.reasons ??= []).push(reason);
      return;
    }
    const where = positionText ? this.position(positionText) : undefined;
    const d: CompilerMessage = { kind: 'orphan-reason', file: where?.file ?? '', line: where?.line ?? 0, message: body, reasons: [reason], inputLine };
    if (where?.column !== undefined) d.column = where.column;
    if (this.packageName !== undefined) d.package = this.packageName;
    this.take(d, positionText);
    this.problem(this.at(positionText), 'warning', 'a -m=2 explanation step with no explanation header above it (is the input cut or reordered?)');
  }
}
