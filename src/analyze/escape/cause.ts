/**
 * Why a value is on the heap, as one category, and the -m=2 reason chain as a sentence.
 *
 * The categories come from the compiler's own notes on the explanation's `from EXPR (NOTE)` lines
 * (cmd/compile/internal/escape: expr.go, stmt.go, call.go, utils.go) and from the shape of the
 * escaping expression. With plain -m there are no notes: only the expression's shape is left, so
 * the category is often `unknown` and the report says to rebuild with -gcflags=-m=2.
 */
import type { CompilerMessage, EscapeReason } from '../../grammar/gcflags/index.js';
import { indexOfTopLevel } from '../../grammar/gcflags/messages.js';

export const ESCAPE_CAUSES = {
  'stack-size': 'too large, or of variable size, for the stack',
  goroutine: 'handed to a goroutine (go statement)',
  deferred: 'deferred in a loop: runs only at return',
  'channel-send': 'sent on a channel',
  'interface-conversion': 'converted to an interface',
  closure: 'a closure, or captured by one',
  returned: 'returned to the caller',
  'stored-in-heap': 'stored in a global, heap object, map or slice',
  'call-argument': 'passed to a call that keeps it',
  unknown: 'no reason given (plain -m: rebuild with -m=2)',
} as const;

export type EscapeCause = keyof typeof ESCAPE_CAUSES;

/**
 * The statement a closure spilled straight to the heap belongs to, read from the program's source
 * line: a `go` statement's and a looping `defer`'s give the same -m=2 flows (escape/call.go
 * goDeferStmt sends both to the heap hole), so only the line tells them apart.
 */
export type ClosureStatement = 'go' | 'defer';

/** Where the analysis can read a position's statement (`file` as the compiler prints it); undefined when it has no source. */
export type StatementAt = (file: string, line: number, column: number | undefined) => ClosureStatement | undefined;

/**
 * The statement of a source line at a compiler position: the keyword just before the column
 * (`defer func() { … }()` at the func literal's column), else the one the line starts with
 * (`go worker(make(…))`: a value the wrapper captures). Undefined when the line says neither.
 */
export function statementOfLine(text: string, column: number | undefined): ClosureStatement | undefined {
  const before = column === undefined ? '' : text.slice(0, Math.max(0, column - 1));
  const keyword = /\b(go|defer)\s*$/.exec(before)?.[1] ?? /^\s*(go|defer)\b/.exec(text)?.[1];
  return keyword === 'go' || keyword === 'defer' ? keyword : undefined;
}

/** statementAt from a reader of source lines (input/sourceline.ts sourceLines). */
export function sourceStatements(line: (file: string, line: number) => string | undefined): StatementAt {
  return (file, n, column) => {
    const text = line(file, n);
    return text === undefined ? undefined : statementOfLine(text, column);
  };
}

/** A cause decided from the -m=2 chains (`goroutine`: a go statement's or a looping defer's closure) with its source line's statement. */
export function withStatement(cause: EscapeCause, statement: ClosureStatement | undefined): EscapeCause {
  return cause === 'goroutine' && statement === 'defer' ? 'deferred' : cause;
}

/** Causes in report order (also the order in which they are tested: the first that applies wins). */
export const CAUSE_ORDER = Object.keys(ESCAPE_CAUSES) as EscapeCause[];

/** What a cause is decided from: the diagnostic, and the -m=2 explanations linked to it. */
export interface CauseInput {
  kind: CompilerMessage['kind'];
  subject?: string;
  /** Leaks: `~r0`, `{heap}`… */
  target?: string;
  /** One reason chain per linked explanation (a value can be explained several times). */
  paths: readonly (readonly EscapeReason[])[];
}

/**
 * True when an `X escapes to heap` expression is an allocation of its own (make, new, &T{}, a
 * slice or map literal, a closure, a string/slice conversion or concatenation). Anything else
 * is an interface conversion: the compiler prints the converted operand (`name`, `"ok"`, `*addr`,
 * `~r0`), or in go1.19 the conversion itself (`(interface {})(string("x"))`).
 */
export function isAllocationExpression(subject: string): boolean {
  if (/^(?:make|new)\(/.test(subject) || subject.startsWith('&')) return true;
  if (subject === 'func literal' || subject === '... argument' || subject === 'append') return true;
  if (/^\(?\[\]/.test(subject) || subject.startsWith('map[')) return true; // []T{...}, []byte(s), ([]byte)(s), map literals
  if (/^\(?string\)?\(/.test(subject)) return true; // string(b), (string)(b)
  if (/\.func\d+$/.test(subject)) return true; // a method value closure
  return isConcatenation(subject);
}

/** Binary operators a string has no use of: an expression with one at its top level is a number or a bool. */
const NOT_STRING_OPERATORS = [' - ', ' * ', ' / ', ' % ', ' << ', ' >> ', ' &^ ', ' & ', ' | ', ' ^ ', ' == ', ' != ', ' <= ', ' >= ', ' < ', ' > ', ' && ', ' || '];

/** `1000`, `0x10`, `1.5`, `'a'`, `int64(1)`, `len(b)`: a number, never a string operand. */
const NUMERIC_OPERAND = /^(?:(?:[\w.]+\()?(?:\d[\w.]*|'(?:[^'\\]|\\.)+')\)?|(?:len|cap)\(.*\))$/;

/**
 * Whether `X + Y` (printed for a value that escapes) is a string concatenation, an allocation of
 * its own, rather than a number converted to an interface (`return i + 1000` from a function
 * returning `any`: the compiler prints the implicit conversion as its operand). The output has no
 * types: a string literal operand makes it a concatenation, a numeric one (or another arithmetic
 * operator at the top level, `len(x)`) a number; with neither (`a + b`) it is taken for a
 * concatenation, which most such subjects of the corpus' std outputs are (`dir + name`,
 * `vol + dir`, `imagSign + imag`; about one in eight is a sum of numbers: debug/dwarf's
 * `Offset(~r0) + ubase`, `f.base + f.size`). A sum of numbers boxed so then gets the cause of its
 * flow (`returned`, `call-argument`…) instead of `interface-conversion`.
 */
function isConcatenation(subject: string): boolean {
  let at = indexOfTopLevel(subject, ' + ');
  if (at <= 0) return false;
  if (NOT_STRING_OPERATORS.some((op) => indexOfTopLevel(subject, op) >= 0)) return false;
  const operands: string[] = [];
  let start = 0;
  for (; at >= 0; at = indexOfTopLevel(subject, ' + ', start)) {
    operands.push(subject.slice(start, at));
    start = at + 3;
  }
  operands.push(subject.slice(start));
  if (operands.some((o) => o.startsWith('"') || o.startsWith('`'))) return true;
  return !operands.some((o) => NUMERIC_OPERAND.test(o));
}

function isBoxedValue(subject: string): boolean {
  if (subject.startsWith('(interface {})(') || subject.startsWith('(any)(')) return true;
  return !isAllocationExpression(subject);
}

/** `~r0`, `~R0`, `log.~r0`: a function result. */
function isResult(location: string): boolean {
  return /(?:^|\.)~[rR]\d+$/.test(location);
}

/** The notes `causeOf` asks about, as bits (one pass over the steps, no set of notes made per message). */
const STACK_SIZE = 1;
const SEND = 2;
const CLOSURE = 4;
const RETURN = 8;
const INTERFACE_CONVERTED = 16;
const CALL_PARAMETER = 32;
const STORE = 64;

function noteBit(note: string): number {
  switch (note) {
    case 'too large for stack':
    case 'non-constant size':
      return STACK_SIZE;
    case 'send':
      return SEND;
    case 'captured by a closure':
    case 'reference':
      return CLOSURE;
    case 'return':
      return RETURN;
    case 'interface-converted':
      return INTERFACE_CONVERTED;
    case 'call parameter':
      return CALL_PARAMETER;
    // Stores; cases, not a Set: a note is a new string each time, and a Set hashes it first.
    // `star-*-equals` and `*-element-equals` are older compilers' (esc.go). `dot of pointer`,
    // `indirection` and `range-deref` are loads (escape/expr.go, stmt.go: `k.deref`): no cause.
    case 'assign':
    case 'assign-pair':
    case 'assign-pair-dot-type':
    case 'assign-pair-func-call':
    case 'assign-pair-mapr':
    case 'assign-pair-receive':
    case 'key of map put':
    case 'value of map put':
    case 'map literal key':
    case 'map literal value':
    case 'appendee slice':
    case 'appended slice...':
    case 'copied slice':
    case 'star-dot-equals':
    case 'array-element-equals':
    case 'slice-element-equals':
    case 'star-equals':
      return STORE;
    default:
      return 0;
  }
}

/**
 * The most bytes the compiler puts an implicit variable (`make([]T, n)`, `new(T)`, `&T{}`) on the
 * stack with: cmd/compile/internal/ir's MaxImplicitStackVarSize, 64 KiB (16 KiB with -smallframes).
 */
const MAX_IMPLICIT_STACK_VAR_SIZE = 64 * 1024;

/** Element sizes (amd64, arm64) of the types whose size the -m line alone tells. */
const ELEMENT_SIZES: ReadonlyMap<string, number> = new Map([
  ['byte', 1], ['uint8', 1], ['int8', 1], ['bool', 1], ['int16', 2], ['uint16', 2], ['int32', 4], ['uint32', 4], ['rune', 4], ['float32', 4],
  ['int', 8], ['uint', 8], ['int64', 8], ['uint64', 8], ['uintptr', 8], ['float64', 8], ['complex64', 8], ['complex128', 16], ['string', 16],
]);

const MAKE_SLICE = /^make\(\[\](\*?)([\w.]+), ([^,]+)(?:, ([^,]+))?\)$/;

/**
 * The bytes of plain -m's `make([]byte, 256 << 10) escapes to heap` when its constant size is above
 * what the compiler puts on the stack: its capacity (else its length) times the element size past
 * 64 KiB, as escape's HeapAllocReason decides (`Int64Val(r) > MaxImplicitStackVarSize/t.Elem().Size()`,
 * go1.19 escape/utils.go); else undefined. The size as the compiler prints it: `65537`, `256 << 10`,
 * `64 * 1024`, `1<<20`.
 */
function constantMakeBytes(subject: string): number | undefined {
  const match = MAKE_SLICE.exec(subject);
  if (!match) return undefined;
  const size = match[1] ? 8 : ELEMENT_SIZES.get(match[2] ?? '');
  const count = constantValue(match[4] ?? match[3] ?? '');
  return size !== undefined && count !== undefined && count > Math.floor(MAX_IMPLICIT_STACK_VAR_SIZE / size) ? count * size : undefined;
}

/** An integer constant expression of literals, `<<`, `>>`, `*`, `+`, `-` and parentheses; undefined for anything else. */
function constantValue(expression: string): number | undefined {
  const tokens = expression.match(/0[xX][\da-fA-F_]+|\d[\d_]*|<<|>>|[-+*()]|\S/g) ?? [];
  let at = 0;
  const primary = (): number | undefined => {
    const token = tokens[at++];
    if (token === '(') {
      const value = sum();
      return tokens[at++] === ')' ? value : undefined;
    }
    if (token === '-') {
      const value = primary();
      return value === undefined ? undefined : -value;
    }
    return token !== undefined && /^\d|^0[xX]/.test(token) ? Number(token.replace(/_/g, '')) : undefined;
  };
  // Go's precedence: `*`, `<<`, `>>` bind as tightly as each other, then `+` and `-`.
  const product = (): number | undefined => {
    let value = primary();
    while (value !== undefined && (tokens[at] === '*' || tokens[at] === '<<' || tokens[at] === '>>')) {
      const op = tokens[at++];
      const right = primary();
      if (right === undefined || ((op === '<<' || op === '>>') && (right < 0 || right > 62))) return undefined;
      value = op === '*' ? value * right : op === '<<' ? value * 2 ** right : Math.floor(value / 2 ** right);
    }
    return value;
  };
  const sum = (): number | undefined => {
    let value = product();
    while (value !== undefined && (tokens[at] === '+' || tokens[at] === '-')) {
      const op = tokens[at++];
      const right = product();
      if (right === undefined) return undefined;
      value = op === '+' ? value + right : value - right;
    }
    return value;
  };
  const value = sum();
  return value !== undefined && at === tokens.length && Number.isSafeInteger(value) ? value : undefined;
}

/**
 * What `causeOf` asks of one reason chain, read once: an explanation is asked about again when
 * its -m line is settled, and the streamed JSON asks for the cause of every line.
 */
export interface PathSummary {
  /** The chain's notes, as bits (see noteBit). */
  readonly notes: number;
  readonly capturesTemporary: boolean;
  readonly spilledStraightToHeap: boolean;
  readonly startsFromStorage: boolean;
  readonly lastFlowCause: EscapeCause | undefined;
}

/** One pass over a chain's steps (a summary per explanation, millions of explanations). */
export function summarizePath(path: readonly EscapeReason[]): PathSummary {
  let notes = 0;
  let notesAfterLastFlow = 0;
  let capturesTemporary = false;
  let flows = 0;
  let firstFlow: EscapeReason | undefined;
  let lastFlow: EscapeReason | undefined;
  let noted = 0;
  let onlySpills = true;
  for (const step of path) {
    const flow = step.step === 'flow';
    if (flow) {
      flows++;
      firstFlow ??= step;
      lastFlow = step;
      notesAfterLastFlow = 0;
    }
    const note = step.note;
    if (!note) continue;
    const bit = noteBit(note);
    notes |= bit;
    if (!flow) notesAfterLastFlow |= bit;
    noted++;
    if (note !== 'spill') onlySpills = false;
    // A wrapper closure of a `go` (or looping `defer`) statement: it captures compiler temporaries.
    if (note === 'captured by a closure' && AUTOTMP.test(step.expression ?? '')) capturesTemporary = true;
  }
  return {
    notes,
    capturesTemporary,
    // `func literal escapes to heap` explained only by its own allocation: the closure of a go
    // statement, or of a defer in a loop (the compiler cannot open-code it nor keep its record on the stack).
    spilledStraightToHeap: flows === 1 && lastFlow?.to === '{heap}' && noted > 0 && onlySpills,
    startsFromStorage: firstFlow?.value?.includes('{storage for ') ?? false,
    lastFlowCause: lastFlowCause(lastFlow, notesAfterLastFlow),
  };
}

/**
 * What the last flow step of a chain (the one that reaches the final location) says, with the
 * notes of the from-steps after it: the cause, when they decide one.
 */
function lastFlowCause(lastFlow: EscapeReason | undefined, notesAfter: number): EscapeCause | undefined {
  // The chain stops at a location that is itself on the heap (`{storage for &SyntaxError{...}}`,
  // a moved variable) or at a result: the value is stored in it.
  const to = lastFlow?.to;
  if (to !== undefined && to !== '{heap}') {
    if (isResult(to)) return 'returned';
    // `{storage for e.URL}` with `from e.URL (interface-converted)`: the box an interface
    // conversion allocates, not a store of the program's.
    if (notesAfter & INTERFACE_CONVERTED && to.startsWith('{storage for ')) return 'interface-conversion';
    return 'stored-in-heap';
  }
  if (notesAfter & CALL_PARAMETER) return 'call-argument';
  if (notesAfter & STORE) return 'stored-in-heap';
  return undefined;
}

const AUTOTMP = /^\.autotmp_\d+$/;

export function causeOf(input: CauseInput): EscapeCause {
  return causeOfSummaries(input.kind, input.subject, input.target, input.paths.map(summarizePath));
}

/** `causeOf` from the chains' summaries (in the chains' order). */
export function causeOfSummaries(kind: CompilerMessage['kind'], subject = '', target: string | undefined, paths: readonly PathSummary[]): EscapeCause {
  const leak = kind === 'leaking-param' || kind === 'leaking-param-content';
  let notes = 0;
  for (const path of paths) notes |= path.notes;

  if (notes & STACK_SIZE) return 'stack-size';
  if (leak && target !== undefined && target !== '{heap}' && !target.startsWith('{')) return 'returned';
  if (paths.length > 0 && paths.some((p) => p.capturesTemporary)) return 'goroutine';
  if (subject === 'func literal' && paths.length > 0 && paths.every((p) => p.spilledStraightToHeap)) return 'goroutine';
  if (notes & SEND) return 'channel-send';
  // A boxed value's chain starts from its storage (`&{storage for name}`); a variable's own
  // explanation (`wg escapes to heap:` before `moved to heap: wg`) starts from `&wg`.
  if (kind === 'escapes-to-heap' && isBoxedValue(subject) && (paths.length === 0 || paths.some((p) => p.startsFromStorage))) return 'interface-conversion';
  if (notes & CLOSURE || subject === 'func literal' || kind === 'leaking-closure-reference') return 'closure';
  if (notes & RETURN) return 'returned';

  for (const path of paths) {
    if (path.lastFlowCause !== undefined) return path.lastFlowCause;
  }
  if (notes & INTERFACE_CONVERTED) return 'interface-conversion';
  if (notes & CALL_PARAMETER) return 'call-argument';
  if (notes & STORE) return 'stored-in-heap';

  // Plain -m: only the expression's shape is left.
  if (paths.length === 0 && subject === '... argument') return 'call-argument';
  if (subject.startsWith('make([]') && constantMakeBytes(subject) !== undefined) return 'stack-size';
  return 'unknown';
}

/**
 * Which of the paths `cause` was decided from (causeOfSummaries, which reads them as one set): the
 * first whose cause it is alone, so that the chain a sentence shows and the cause's label come
 * from one explanation. A value the compiler explains twice (a global's `make([]*item, 0, 16384)`:
 * `assigned to q`, then `too large for stack`) is `stack-size` by its second; its first in words
 * said "assigned to q → the heap". 0 when none decides it alone.
 */
export function decidingPath(kind: CompilerMessage['kind'], subject: string | undefined, target: string | undefined, paths: readonly PathSummary[], cause: EscapeCause): number {
  if (paths.length <= 1) return 0;
  // The chains decide `goroutine`; a source line's `defer` makes it `deferred` (withStatement).
  const chained = cause === 'deferred' ? 'goroutine' : cause;
  const at = paths.findIndex((p) => causeOfSummaries(kind, subject, target, [p]) === chained);
  return at < 0 ? 0 : at;
}

// ---------------------------------------------------------------------------------------------
// Sentences

/** `./main.go:29:25` → `main.go:29:25`. */
export function formatWhere(file: string | undefined, line: number | undefined, column?: number): string {
  if (!file) return '';
  const shown = file.replace(/^\.[\\/]/, '');
  if (!line) return shown;
  return column !== undefined ? `${shown}:${line}:${column}` : `${shown}:${line}`;
}

/** The function a call expression calls: `fmt.Appendf(log.b, …)` → `fmt.Appendf`. */
function calleeOf(expression: string): string {
  if (!expression.endsWith(')')) return expression;
  const open = matchingOpen(expression);
  return open > 0 ? expression.slice(0, open) : expression;
}

function matchingOpen(expression: string): number {
  let depth = 0;
  for (let i = expression.length - 1; i >= 0; i--) {
    const c = expression[i];
    if (c === ')') depth++;
    else if (c === '(' && --depth === 0) return i;
  }
  return -1;
}

function assignee(expression: string): string | undefined {
  for (const op of [' := ', ' = ']) {
    const at = indexOfTopLevel(expression, op);
    if (at > 0) return expression.slice(0, at);
  }
  return undefined;
}

function stripStorage(location: string): string {
  const match = /^[&*]*\{storage for (.*)\}$/.exec(location);
  return match ? (match[1] ?? location) : location.replace(/^[&*]+/, '');
}

/** One step of a chain as words; undefined for steps that only restate the allocation. */
function phrase(step: EscapeReason, flowTo: string | undefined): string | undefined {
  const expression = step.expression ?? '';
  const to = flowTo === undefined ? undefined : flowTo === '{heap}' ? 'the heap' : stripStorage(flowTo);
  switch (step.note) {
    case undefined:
      return step.step === 'warning' ? step.message : undefined;
    case 'spill':
    case 'dot':
    case 'fixed-array-index-of':
    case 'slice':
      return undefined;
    case 'assign':
    case 'assign-pair':
    case 'assign-pair-dot-type':
    case 'assign-pair-func-call':
    case 'assign-pair-mapr':
    case 'assign-pair-receive': {
      const lhs = flowTo === '{heap}' ? assignee(expression) : undefined;
      return `assigned to ${lhs ?? to ?? (assignee(expression) || 'a variable')}`;
    }
    case 'call parameter':
      return `passed to ${calleeOf(expression)}`;
    case 'return':
      return 'returned';
    case 'captured by a closure':
      return 'captured by a closure';
    case 'reference':
      return 'captured by reference';
    case 'interface-converted':
      return 'converted to an interface';
    case 'address-of':
      return 'its address is taken';
    case 'slice-literal-element':
      return expression === '... argument' ? 'put in a variadic (...) argument' : 'stored in a slice literal';
    case 'struct literal element':
      return 'stored in a struct literal';
    case 'array literal element':
      return 'stored in an array literal';
    case 'key of map put':
    case 'value of map put':
    case 'map literal key':
    case 'map literal value':
      return 'stored in a map';
    case 'appendee slice':
    case 'appended slice...':
      return 'appended to a slice';
    case 'copied slice':
      return 'copied into a slice';
    case 'dot of pointer':
    case 'indirection':
      // A load (`r.Key` with r a pointer, `*p`, and `s[i]` of a slice): what is read goes on.
      return to === 'the heap' ? `read through a pointer${expression ? ` (${expression})` : ''}` : undefined;
    case 'star-dot-equals':
      return to === 'the heap' ? 'stored through a pointer' : undefined;
    case 'send':
      return 'sent on a channel';
    case 'non-constant size':
      return 'its size is not a constant';
    case 'too large for stack':
      return 'it is too large for the stack';
    case 'switch case':
      return 'bound in a type switch';
    case 'range':
    case 'range-deref':
      return 'ranged over';
    default:
      return step.note;
  }
}

/**
 * A reason chain in words: `assigned to hello at main.go:29:25 → assigned to .autotmp_1 at
 * main.go:29:48 → captured by a closure at main.go:29:48`.
 */
export function describePath(path: readonly EscapeReason[]): string {
  const parts: string[] = [];
  let flowTo: string | undefined;
  let reachesHeap = false;
  for (const step of path) {
    if (step.step === 'flow') {
      flowTo = step.to;
      if (step.to === '{heap}') reachesHeap = true;
      continue;
    }
    const words = phrase(step, flowTo);
    if (!words) continue;
    const where = formatWhere(step.file, step.line, step.column);
    const part = where ? `${words} at ${where}` : words;
    if (parts[parts.length - 1] !== part) parts.push(part);
  }
  if (parts.length === 0) {
    const last = [...path].reverse().find((s) => s.step === 'flow');
    if (last?.to) return last.to === '{heap}' ? 'allocated on the heap' : `flows to ${stripStorage(last.to)}`;
    return '';
  }
  if (reachesHeap && flowTo === '{heap}') {
    if (!/heap|stack|constant/.test(parts[parts.length - 1] ?? '')) parts.push('the heap');
  } else if (flowTo !== undefined && flowTo !== '{heap}') {
    const into = stripStorage(flowTo);
    if (isResult(flowTo)) {
      if (!/returned/.test(parts[parts.length - 1] ?? '')) parts.push('returned');
    } else if (into === 'func literal') {
      parts.push('the closure is on the heap');
    } else if (!(parts[parts.length - 1] ?? '').includes(into)) {
      parts.push(`into ${into}, which is on the heap`);
    } else {
      parts.push('which is on the heap');
    }
  }
  // A sentence, not the whole walk: its start and where it ends (every step is in `reasons`).
  if (parts.length > SENTENCE_STEPS) parts.splice(SENTENCE_STEPS / 2, parts.length - SENTENCE_STEPS + 1, '…');
  return parts.join(' → ');
}

/**
 * ` (2 more paths)` after a chain; with explanations not held, what they may add:
 * ` (4,095 more paths, and 904 explanations not kept)`.
 */
function morePaths(more: number, dropped: number): string {
  const paths = more > 0 ? `${more.toLocaleString('en-US')} more path${more > 1 ? 's' : ''}` : '';
  if (dropped === 0) return paths ? ` (${paths})` : '';
  const notKept = `${dropped.toLocaleString('en-US')} explanation${dropped > 1 ? 's' : ''} not kept`;
  return ` (${paths ? `${paths}, and ` : ''}${notKept})`;
}

/** The most steps a chain in words names: the longest in `go build -gcflags=all=-m=2 std` (go1.19) names 50. */
const SENTENCE_STEPS = 64;

/**
 * `x escapes: assigned to global g at main.go:12`, or the category when there is no chain: the
 * chain of the path that decided `cause` (decidingPath).
 */
export function describeFinding(subject: string, kind: CompilerMessage['kind'], cause: EscapeCause, paths: readonly (readonly EscapeReason[])[], target?: string, dropped = 0, goWrapper = false, statement?: ClosureStatement, enclosing?: string): string {
  const withSteps = paths.filter((p) => p.length > 0);
  const shown = withSteps[decidingPath(kind, subject, target, withSteps.length > 1 ? withSteps.map(summarizePath) : [], cause)];
  return describeFindingOf(subject, kind, cause, paths.length, shown && describePath(shown), target, dropped, goWrapper, statement, enclosing);
}

function findingWords(subject: string, kind: CompilerMessage['kind']): { what: string; verb: string } {
  const leaks = kind === 'leaking-param' || kind === 'leaking-param-content';
  return { what: leaks ? `parameter ${subject}` : subject, verb: leaks ? 'leaks' : kind === 'moved-to-heap' ? 'is moved to the heap' : 'escapes' };
}

/**
 * A finding's sentence that only repeats its -m line in other words (`make([]byte, 32 << 10)
 * escapes` for `make([]byte, 32 << 10) escapes to heap`: no chain, no cause, no target), which a
 * report listing the line leaves out.
 */
export function sentenceRepeatsMessage(sentence: string, subject: string, kind: CompilerMessage['kind']): boolean {
  const { what, verb } = findingWords(subject, kind);
  return sentence === `${what} ${verb}`;
}

/** The sentence of a go statement's call wrapper (describeFindingOf's `goWrapper`). */
const GO_WRAPPER = "func literal escapes: the go statement's call wrapper (the compiler runs `go f(x)` as `go func() { f(x) }()`), handed to a goroutine";

/**
 * The sentence of a call wrapper whose statement no source line told: a looping `defer f(x)` is
 * wrapped as `go f(x)` is, with the same -m=2 flows (the captured go1.19-leftover48-deferf's
 * `defer handle(buf)` at main.go:19:3 read as the go statement's without its main.go).
 */
const GO_OR_DEFER_WRAPPER = 'func literal escapes: the call wrapper of a go statement, or of a defer in a loop (the compiler runs `go f(x)` as `go func() { f(x) }()` and `defer f(x)` as `defer func() { f(x) }()`, with the same flows; no source line was found to tell which)';

/**
 * A closure spilled straight to the heap whose statement no source line told (the -m=2 flows of
 * both are `flow: {heap} = &{storage for func literal}`, `from func literal (spill)`).
 */
const GO_OR_DEFER = 'the closure of a go statement, or of a defer in a loop (the compiler gives both the same flows; no source line was found to tell which)';

/**
 * Why a closure deferred in a loop stays (`enclosing`: the function whose defer it is): what the
 * report says of it and of what it captures.
 */
function deferredWords(enclosing: string | undefined): string {
  return `deferred in a loop: a defer the compiler can neither open-code nor keep on the stack, so the closure and the runtime's defer record (runtime.deferproc) are allocated on the heap; deferred calls run only when ${enclosing ?? 'the function'} returns, so both, and what the closure captures, stay reachable until then`;
}

/**
 * `describeFinding` from the number of paths and the first chain already in words
 * (`describePath`; undefined when no path has a step): what an explanation held without its
 * steps keeps for its finding's sentence (link.ts HeldExplanation). `dropped`: explanations of
 * the value past what heapdoc holds of one (link.ts LinkedGroup.dropped), said after the paths.
 * `goWrapper`: the func literal is a go statement's call wrapper (EscapeAnalyzer.isGoWrapper), not
 * a literal of the source: `heapdoc escape` and `heapdoc analyze --escape` say it in these words.
 * `statement`: the go or defer its source line holds (StatementAt), undefined when no line was
 * read: a closure spilled straight to the heap is then said to be either; `enclosing`: the
 * function a deferred closure waits for.
 */
export function describeFindingOf(subject: string, kind: CompilerMessage['kind'], cause: EscapeCause, pathCount: number, chain: string | undefined, target?: string, dropped = 0, goWrapper = false, statement?: ClosureStatement, enclosing?: string): string {
  if (goWrapper && cause === 'goroutine' && statement === undefined) return GO_OR_DEFER_WRAPPER;
  if (goWrapper && cause === 'goroutine' && statement !== 'defer') return GO_WRAPPER;
  const { what, verb } = findingWords(subject, kind);
  if (chain !== undefined) {
    const more = morePaths(pathCount - 1, dropped);
    if (chain === 'allocated on the heap' && cause === 'deferred') return `${what} ${verb}: ${deferredWords(enclosing)}${more}`;
    if (chain === 'allocated on the heap' && cause === 'goroutine' && statement === undefined && subject === 'func literal') return `${what} ${verb}: ${GO_OR_DEFER}${more}`;
    if (chain === 'allocated on the heap' && cause !== 'unknown') return `${what} ${verb}: ${ESCAPE_CAUSES[cause]}${more}`;
    if (chain) return `${what} ${verb}: ${chain}${more}`;
  }
  if (target && target !== '{heap}') return `${what} ${verb} to result ${target}`;
  if (cause === 'unknown') return `${what} ${verb}`;
  const bytes = cause === 'stack-size' && subject.startsWith('make([]') ? constantMakeBytes(subject) : undefined;
  if (bytes !== undefined) return `${what} ${verb}: its constant size, ${bytes.toLocaleString('en-US')} bytes, is more than the 64 KiB the compiler puts on the stack (MaxImplicitStackVarSize)`;
  return `${what} ${verb}: ${ESCAPE_CAUSES[cause]}`;
}
