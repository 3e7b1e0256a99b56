/**
 * Parsed lines → model. Stateful across chunks: it knows the current `# package`, and it holds the last
 * compiler message back for one line, because -m=2 step lines (`  flow: …`, `    from … at …`)
 * that follow an explanation header belong to it, and they may arrive in the next chunk. Messages
 * leave through `emit` in input order; nothing is kept here but counts and the input's problems.
 */
import { detach } from '../common/strings.js';
import type { IToken, TokenType } from 'chevrotain';
import { DiagnosticList, type Diagnostic } from '../common/diagnostic.js';
import type { Position } from '../common/positions.js';
import {
  between,
  readPosition,
  splitCanInline,
  splitCannotDevirtualize,
  splitCannotInline,
  splitCapturing,
  splitDevirtualizing,
  splitEscapesHeader,
  readFlow,
  readFrom,
  splitLeakHeader,
  splitLeakingParam,
  splitSelfAssignment,
  type PositionParts,
  type StepParts,
} from './messages.js';
import { ESCAPE_KINDS, KEPT_STEPS_HEAD, KEPT_STEPS_TAIL, type CompilerMessage, type EscapeKind, type EscapeReason, type EscapeSummary } from './model.js';
import { gcflagsParser } from './parser.js';
import { PlainStretches } from './plain.js';
import {
  BigFunction,
  BoundsCheckElided,
  CanInline,
  CannotDevirtualize,
  CannotInline,
  Capturing,
  CommandLine,
  CompileError,
  Devirtualizing,
  DoesNotEscape,
  EscapesToHeap,
  EscapingUintptr,
  FlowStep,
  FromStep,
  GoCommandMessage,
  ImpreciseInterfaceCall,
  InliningCall,
  KeptAlive,
  LeakHeader,
  LeakingClosureReference,
  LeakingParam,
  LeakingParamContent,
  LoopVariable,
  messageText,
  MovedToHeap,
  MutationParam,
  MutationSummary,
  Newline,
  PackageHeader,
  SelfAssignment,
  SkipInlining,
  UnsafeUintptr,
  WarningStep,
  ZeroCopyConversion,
} from './tokens.js';

/** Each kind's index in ESCAPE_KINDS: where the builder counts it. */
const KIND_INDEX = new Map<EscapeKind, number>(ESCAPE_KINDS.map((kind, index) => [kind, index]));
const UNRECOGNIZED = KIND_INDEX.get('unrecognized') as number;
const ORPHAN_REASON = KIND_INDEX.get('orphan-reason') as number;

/**
 * A message as readMessage makes it. Every field is set here, in one order, undefined when absent:
 * every message has the same shape, so the code reading them (here, the analysis, the reports)
 * sees one hidden class rather than one per combination of fields.
 */
class MessageRecord implements CompilerMessage {
  declare kind: EscapeKind;
  declare file: string;
  declare line: number;
  declare message: string;
  declare inputLine: number;
  declare column: number | undefined;
  declare package: string | undefined;
  declare explanation: boolean | undefined;
  declare reasons: EscapeReason[] | undefined;
  declare reasonsOmitted: number | undefined;
  declare subject: string | undefined;
  declare function: string | undefined;
  declare target: string | undefined;
  declare level: number | undefined;
  declare detail: string | undefined;
  declare cost: number | undefined;
  declare kindIndex: number;
  declare plain: boolean | undefined;

  constructor(kind: EscapeKind, kindIndex: number, file: string, line: number, message: string, inputLine: number,
    column: number | undefined, packageName: string | undefined) {
    // The order of the fields as the messages have always had it (kind, file, line, message, …).
    this.kind = kind;
    this.file = file;
    this.line = line;
    this.message = message;
    this.inputLine = inputLine;
    this.column = column;
    this.package = packageName;
    this.explanation = undefined;
    this.reasons = undefined;
    this.reasonsOmitted = undefined;
    this.subject = undefined;
    this.function = undefined;
    this.target = undefined;
    this.level = undefined;
    this.detail = undefined;
    this.cost = undefined;
    this.kindIndex = kindIndex;
    this.plain = undefined;
  }
}

/**
 * A -m=2 step as readStep makes it: every field set, in one order (that in which the steps'
 * objects had them, which JSON.stringify keeps), undefined when absent. A step object grown
 * field by field took its last fields out of line, and one hidden class per step form.
 */
class ReasonRecord implements EscapeReason, StepParts {
  declare message: string;
  declare step: EscapeReason['step'];
  declare to: string | undefined;
  declare value: string | undefined;
  declare expression: string | undefined;
  declare note: string | undefined;
  declare file: string | undefined;
  declare line: number | undefined;
  declare column: number | undefined;

  constructor(message: string, step: EscapeReason['step']) {
    this.message = message;
    this.step = step;
    this.to = undefined;
    this.value = undefined;
    this.expression = undefined;
    this.note = undefined;
    this.file = undefined;
    this.line = undefined;
    this.column = undefined;
  }
}

/** Problems kept per input; past this, only a count (a huge input of unknown lines stays small). */
const MAX_PROBLEMS = 200;

export class GcflagsBuilder {
  private packageName: string | undefined;
  /** The last message read, held back until the next line says whether steps follow it. */
  private pending: MessageRecord | undefined;
  private pendingPosition: string | undefined;
  /** The pending message's file (interned: one string per name) and where its position's file ends. */
  private pendingFile = '';
  private pendingFileEnd = 0;
  /** The input line being read. */
  private inputLine = 1;
  /** The position of the line being read ('', 0, undefined when it has none): read into these, not into an object a line. */
  private file = '';
  private line = 0;
  private column: number | undefined;
  /** Where the file ends in the line's position (0 when it has none). */
  private fileEnd = 0;
  private readonly parts: PositionParts = { fileEnd: 0, line: 0, column: -1 };
  /** The file of the last position read: most lines repeat the file of the line above. */
  private lastFile = '';
  /**
   * The Position image `file`, `line`, `column` and `fileEnd` were last read from: a -m=2
   * explanation's steps repeat its header's position line after line, and the same text reads the
   * same (undefined once a line without a position has cleared them).
   */
  private lastPosition: string | undefined;
  /** lastPosition had a line or column past 32 bits: read as no position, and said at each line. */
  private lastPositionTooLarge = false;
  /** File names, each stored once and detached from the chunks. */
  private readonly files = new Map<string, string>();
  /** The chunk being read (the text its tokens' offsets are in). */
  private chunk = '';
  /** Set when messages are to say whether their text is plain (GcflagsReadOptions.plainMessages). */
  private readonly plainStretches: PlainStretches | undefined;

  readonly commands: string[] = [];
  /** The input's problems, MAX_PROBLEMS of them kept (the rest counted: common/diagnostic.ts). */
  readonly problemList: DiagnosticList;
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
    plainMessages = false,
  ) {
    this.problemList = new DiagnosticList(source, [], MAX_PROBLEMS);
    this.plainStretches = plainMessages ? new PlainStretches() : undefined;
  }

  /**
   * Reads the line parsed at `index` (its main token, `main`; its position in
   * gcflagsParser.details) at input line `line` of the lexed `chunk` (see LineConsumer.visitLine).
   */
  visitLine(main: IToken, line: number, index: number, chunk: string): void {
    this.inputLine = line;
    this.chunk = chunk;
    const position = gcflagsParser.details[index];
    if (position !== undefined) {
      this.position(position.image);
      this.readMessage(main, position.image);
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
      this.file = '';
      this.fileEnd = 0;
      this.line = 0;
      this.column = undefined;
      this.lastPosition = undefined;
      this.readMessage(main, '');
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
  /** `cut`: the input ends in the middle of this line (Diagnostic.cut), as the other grammars mark it. */
  badLine(inputLine: number, column: number, text: string, problem: string, severity: Diagnostic['severity'] = 'warning', hint?: string, cut?: true): void {
    this.release();
    this.summary.lines++;
    this.summary.unrecognized++;
    this.take(new MessageRecord('unrecognized', UNRECOGNIZED, '', 0, text, inputLine, undefined, this.packageName));
    this.problem({ line: inputLine, column }, severity, problem, hint, cut);
  }

  problem(position: Position, severity: Diagnostic['severity'], message: string, hint?: string, cut?: true): void {
    this.problemList.add({ source: this.source, ...position, severity, message, ...(hint ? { hint } : {}), ...(cut ? { cut } : {}) });
  }

  get problems(): Diagnostic[] {
    return this.problemList.items;
  }

  /** Reads a Position token's image into file, line and column. */
  private position(image: string): void {
    if (image === this.lastPosition) {
      if (this.lastPositionTooLarge) this.positionTooLarge(image);
      return;
    }
    this.lastPosition = image;
    const parts = this.parts;
    this.lastPositionTooLarge = !readPosition(image, parts);
    if (this.lastPositionTooLarge) {
      this.file = '';
      this.fileEnd = 0;
      this.line = 0;
      this.column = undefined;
      this.positionTooLarge(image);
      return;
    }
    let file = this.lastFile;
    // A slice and === compare the file faster than startsWith does.
    const name = image.slice(0, parts.fileEnd);
    if (name !== file) {
      file = this.files.get(name) ?? '';
      if (file === '') {
        file = detach(name);
        this.files.set(file, file);
      }
      this.lastFile = file;
    }
    this.file = file;
    this.fileEnd = parts.fileEnd;
    this.line = parts.line;
    this.column = parts.column < 0 ? undefined : parts.column;
  }

  /** The lexer took `image` for a position, and only a number past 32 bits made readPosition refuse it. */
  private positionTooLarge(image: string): void {
    const shown = image.length > 60 ? `${image.slice(0, 57)}…` : image;
    this.problem({ line: this.inputLine, column: 1 }, 'warning', `a line or column number too large for the compiler to have printed, in ${JSON.stringify(shown.trimEnd())}: the message is read with no position`,
      'the output was altered: take it again from go build -gcflags=-m');
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
  private take(d: MessageRecord, positionText?: string): void {
    this.release();
    const kind = d.kindIndex;
    const count = this.kindCounts[kind] ?? 0;
    this.kindCounts[kind] = count + 1;
    if (count === 0) this.kindsSeen.push(kind);
    if (d.explanation) this.summary.explanations++;
    this.pending = d;
    this.pendingPosition = positionText;
    this.pendingFile = this.file;
    this.pendingFileEnd = this.fileEnd;
  }

  /**
   * pendingPosition === positionText (the current line's position), without comparing the files'
   * characters again: position() made equal file names one string, so the same string and the same
   * characters after it are the same position.
   */
  private atPendingPosition(positionText: string): boolean {
    const pending = this.pendingPosition;
    if (pending === undefined || pending.length !== positionText.length) return false;
    if (this.file !== this.pendingFile || this.fileEnd !== this.pendingFileEnd) return false;
    for (let i = this.fileEnd; i < positionText.length; i++) if (positionText.charCodeAt(i) !== pending.charCodeAt(i)) return false;
    return true;
  }

  /** The message of the current line (its position already read), as `token` and `positionText`. */
  private readMessage(token: IToken, positionText: string): void {
    this.summary.lines++;
    const type = token.tokenType;
    if (type === FlowStep || type === FromStep || type === WarningStep) {
      this.readStep(type, token.image, positionText);
      return;
    }
    const text = messageText(token.image);
    const d = new MessageRecord('unrecognized', UNRECOGNIZED, this.file, this.line, text, this.inputLine, this.column, this.packageName);
    const plain = this.plainStretches;
    if (plain !== undefined) d.plain = plain.isPlain(this.chunk, token.startOffset, token.startOffset + text.length);
    readParts(d, type, text);
    if (d.explanation) d.reasons = [];
    if (d.kindIndex === UNRECOGNIZED) {
      this.summary.unrecognized++;
      this.problem(this.at(positionText), 'warning', `unrecognized line: not a compiler message heapdoc knows: ${JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text)}`,
        "kept as kind 'unrecognized'; if a Go release prints this message, please report it");
    }
    this.take(d, positionText);
  }

  /** A -m=2 step (its token's `image`): part of the explanation above it (same position), else an orphan. */
  private readStep(type: TokenType, image: string, positionText: string): void {
    this.summary.reasonLines++;
    const body = stepBody(type, image);
    const reason = new ReasonRecord(body, type === FlowStep ? 'flow' : type === FromStep ? 'from' : 'warning');
    if (type === FlowStep) readFlow(body, reason);
    else if (type === FromStep && readFrom(body, reason) && reason.file !== undefined) {
      // `from EXPR (NOTE)`, the step without its position: the start of the body (no new string built).
      reason.message = body.slice(0, 'from '.length + (reason.expression as string).length + ' ('.length + (reason.note as string).length + ')'.length);
    }
    const owner = this.pending;
    // Modern Go: steps follow their header. Go ≤ 1.12 printed them under the plain message.
    if (owner && this.atPendingPosition(positionText) && (owner.explanation || owner.kind === 'escapes-to-heap'
      || owner.kind === 'moved-to-heap' || owner.kind === 'leaking-param' || owner.kind === 'leaking-param-content'
      || owner.kind === 'leaking-closure-reference' || owner.kind === 'orphan-reason')) {
      addStep(owner, reason);
      return;
    }
    const d = new MessageRecord('orphan-reason', ORPHAN_REASON, this.file, this.line, body, this.inputLine, this.column, this.packageName);
    d.reasons = [reason];
    this.take(d, positionText);
    this.problem(this.at(positionText), 'warning', 'a -m=2 explanation step with no explanation header above it (is the input cut or reordered?)');
  }
}

/**
 * Adds a step to its message's explanation, keeping the first KEPT_STEPS_HEAD and the latest
 * steps: when the tail reaches 2 × KEPT_STEPS_TAIL its older half goes, so that each step costs
 * O(1) however long the explanation.
 */
function addStep(owner: CompilerMessage, reason: EscapeReason): void {
  const reasons = (owner.reasons ??= []);
  reasons.push(reason);
  if (reasons.length >= KEPT_STEPS_HEAD + 2 * KEPT_STEPS_TAIL) {
    reasons.splice(KEPT_STEPS_HEAD, KEPT_STEPS_TAIL);
    owner.reasonsOmitted = (owner.reasonsOmitted ?? 0) + KEPT_STEPS_TAIL;
  }
}

/**
 * A step's text as the explanation keeps it: without the blanks around it and the final ':' of a
 * flow (`  flow: x = &y:` → `flow: x = &y`), cut from the token's image in one slice. The
 * token's pattern fixes the blanks before it (two, four or a tab), and a line ending in a
 * printable ASCII character has none after it; any other end is trimmed as String.trim does.
 */
function stepBody(type: TokenType, image: string): string {
  const lead = type === FromStep ? (image.charCodeAt(0) === 9 ? 1 : 4) : 2;
  let end = image.length - (image.charCodeAt(image.length - 2) === 13 ? 2 : 1);
  const last = image.charCodeAt(end - 1);
  if (last <= 32 || last >= 127) {
    const trimmed = image.slice(lead, end).trim();
    return trimmed.charCodeAt(trimmed.length - 1) === 58 ? trimmed.slice(0, -1) : trimmed;
  }
  if (last === 58) end--; // the final ':'
  return image.slice(lead, end);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The fields a message's text gives (the rest come from its line). */
type MessageFields = Pick<MessageRecord, 'kind' | 'kindIndex' | 'message' | 'explanation' | 'subject' | 'function' | 'target' | 'level' | 'detail' | 'cost'>;

/** Reads what the message `text` of token type `type` says into `p`, whose fields are undefined. */
function readParts(p: MessageFields, type: TokenType, text: string): void {
  // By token type (one comparison of objects a case), the most frequent first.
  switch (type) {
    case InliningCall: {
      p.kind = 'inlining-call';
      p.subject = between(text, 'inlining call to ', '');
      // `inlining call to F with score N` (-d=inlscoring): a name may end in a digit too.
      if (isDigit(text.charCodeAt(text.length - 1)) && p.subject.includes(' with score ')) p.subject = p.subject.replace(/ with score -?\d+$/, '');
      break;
    }
    case EscapesToHeap:
      p.kind = 'escapes-to-heap';
      if (text.charCodeAt(text.length - 1) !== 58) {
        p.subject = text.slice(0, text.length - ' escapes to heap'.length);
        break;
      }
      // The -m=2 explanation header: `X escapes to heap:` / `X escapes to heap in F:`.
      p.explanation = true;
      p.message = text.slice(0, -1);
      {
        const parts = splitEscapesHeader(text);
        p.subject = parts.subject;
        if (parts.function !== undefined) p.function = parts.function;
      }
      break;
    case DoesNotEscape:
      p.kind = 'does-not-escape';
      p.subject = between(text, '', ' does not escape');
      break;
    case CanInline: {
      p.kind = 'can-inline';
      const parts = splitCanInline(text.slice('can inline '.length));
      p.subject = parts.function;
      p.function = parts.function;
      if (parts.cost !== undefined) p.cost = parts.cost;
      break;
    }
    case LeakingParam: {
      p.kind = 'leaking-param';
      const parts = splitLeakingParam(text.slice('leaking param: '.length));
      p.subject = parts.parameter;
      if (parts.target !== undefined) p.target = parts.target;
      if (parts.level !== undefined) p.level = parts.level;
      break;
    }
    case CannotInline: {
      p.kind = 'cannot-inline';
      const parts = splitCannotInline(text.slice('cannot inline '.length));
      p.subject = parts.function;
      p.function = parts.into ?? parts.function;
      p.detail = parts.reason;
      break;
    }
    case MovedToHeap:
      p.kind = 'moved-to-heap';
      p.subject = text.slice('moved to heap: '.length);
      break;
    case LeakHeader: {
      const parts = splitLeakHeader(text);
      p.explanation = true;
      p.message = text.slice(0, -1);
      // As escape.go prints the -m line: a leak to a heap location ({heap}, {storage for x}) with
      // derefs > 0 is `leaking param content`; leaks to results are `leaking param: p to result`.
      p.kind = parts && parts.target.startsWith('{') && parts.derefs > 0 ? 'leaking-param-content' : 'leaking-param';
      if (parts) {
        p.subject = parts.parameter;
        p.target = parts.target;
        p.level = parts.derefs;
        if (parts.function !== undefined) p.function = parts.function;
      }
      break;
    }
    case LeakingParamContent:
      p.kind = 'leaking-param-content';
      p.subject = text.slice('leaking param content: '.length);
      break;
    case LeakingClosureReference:
      p.kind = 'leaking-closure-reference';
      p.subject = text.slice('leaking closure reference '.length);
      break;
    case Devirtualizing: {
      p.kind = 'devirtualized';
      const parts = splitDevirtualizing(text.replace(/^(?:partially )?devirtualizing /, ''));
      p.subject = parts.call;
      if (parts.to !== undefined) p.detail = parts.to;
      break;
    }
    case CannotDevirtualize: {
      p.kind = 'cannot-devirtualize';
      const parts = splitCannotDevirtualize(text);
      p.subject = parts.call;
      if (parts.reason !== undefined) p.detail = parts.reason;
      break;
    }
    case SelfAssignment: {
      p.kind = 'ignoring-self-assignment';
      const parts = splitSelfAssignment(text);
      if (parts.function) p.function = parts.function;
      p.detail = parts.statement;
      break;
    }
    case Capturing: {
      p.kind = 'capturing';
      const parts = splitCapturing(text);
      p.function = parts.function;
      p.subject = parts.variable;
      p.detail = `by ${parts.by}`;
      break;
    }
    case BoundsCheckElided:
      p.kind = 'bounds-check-elided';
      break;
    case ZeroCopyConversion:
      p.kind = 'zero-copy-conversion';
      break;
    case ImpreciseInterfaceCall:
      p.kind = 'imprecise-interface-call';
      break;
    case UnsafeUintptr:
      p.kind = 'unsafe-uintptr';
      p.subject = between(text, 'assuming ', ' is unsafe uintptr');
      break;
    case EscapingUintptr:
      p.kind = 'escaping-uintptr';
      p.subject = text.replace(/^marking /, '').replace(/ as escaping (?:\.\.\.)?uintptr$/, '');
      break;
    case BigFunction:
      p.kind = 'big-function';
      p.function = between(text, 'function ', " considered 'big'; reducing max cost of inlinees");
      p.subject = p.function;
      break;
    case SkipInlining:
      p.kind = 'skip-inlining';
      p.subject = text.slice('skip inlining within testing.B.loop for '.length);
      break;
    case LoopVariable:
      p.kind = 'loop-variable';
      p.subject = text.slice('loop variable '.length, text.indexOf(' now per-iteration, '));
      break;
    case MutationParam: {
      p.kind = 'mutation-analysis';
      const match = /^(?:mutates|calls) param: (.*) derefs=(-?\d+)$/.exec(text);
      if (match) {
        p.subject = match[1] ?? '';
        p.level = Number(match[2]);
      }
      break;
    }
    case MutationSummary:
      p.kind = 'mutation-analysis';
      p.subject = between(text, '', ' does not escape, mutate, or call');
      break;
    case KeptAlive:
      p.kind = 'kept-alive';
      break;
    case GoCommandMessage:
      p.kind = 'go-command';
      break;
    case CompileError:
      p.kind = 'compile-error';
      break;
    default: // 'unrecognized': readMessage reports it on every line it comes on
  }
  p.kindIndex = KIND_INDEX.get(p.kind) as number;
}
