/**
 * Tokens of `go build -gcflags=-m` output (the compiler's -m diagnostics as the go command prints
 * them). Every line is `POSITION: MESSAGE`, a `# package` header, the saved command line, or (rarely)
 * a message with no position. The spec is the compiler's own print calls:
 * cmd/compile/internal/escape (escape.go, solve.go), inline/inl.go, devirtualize/, walk/, and the
 * message catalogue of docs/escape.md (version by version).
 *
 * Coarse tokens on purpose: one token for the position (`./main.go:29:32: `), then ONE token for
 * the whole message and its line end, chosen by its template (`inlining call to …`, `… escapes to
 * heap`). The visitor cuts the parts out of the token's image (messageText) with string operations.
 * This is several times faster than lexing every identifier and bracket of Go expressions, and Go
 * expressions (generic names with spaces, struct tags with colons) cannot be split on ':' or ' '
 * anyway. Two tokens a line, in one lexer mode: a separate line-end token, and a mode pushed by the
 * position and popped by that line end, cost a third of the lexing of `-gcflags=all=-m std`.
 *
 * Chevrotain takes the first pattern that matches, not the longest: the line openers (position,
 * header, command line, blank line) come first and match only at the start of a line, so that a
 * message is never taken for one (`"a:1: b" escapes to heap`); the message tokens are ordered
 * from the most specific to the catch-all `UnrecognizedText`, and the prefix-keyed templates come
 * before the suffix-keyed ones (`X escapes to heap`), whose patterns may start with any character.
 */
import type { TokenType } from 'chevrotain';
import { createToken, Lexer } from '../common/chevrotain.js';
import { startCharsExcept } from '../common/chars.js';

const ANY = startCharsExcept('\r\n');
/** A message token ends with its line: the template must match the whole message. */
const EOL = '\\r?\\n';
/**
 * A line opener matches only at the start of a line (of the text lexed: a chunk starts with a line):
 * the character before it, if any, is a line feed. A lookbehind, not a mode: one lexer mode for
 * the whole line and no mode switch a line.
 */
function atLineStart(pattern: RegExp): RegExp {
  return new RegExp(`(?<![^\\n])(?:${pattern.source})`);
}

/** A message token's text: its image without the line end it took. */
export function messageText(image: string): string {
  return image.slice(0, image.charCodeAt(image.length - 2) === 13 ? -2 : -1);
}

/** Every message template: what the parser consumes after a position. */
export const Message = createToken({ name: 'Message', label: 'a compiler message', pattern: Lexer.NA });

/**
 * A message template. `start`: the characters it can start with (the first character of its
 * fixed words, or ANY). With `start_chars_hint` and `line_breaks` given for every token, Chevrotain
 * builds the lexer without parsing a single pattern (regexp-to-ast): ~50 ms less at every start of
 * `heapdoc escape`. test/grammar/gcflags/tokens.test.ts checks the hints against the patterns.
 */
function message(name: string, label: string, pattern: RegExp, categories: TokenType[], start: readonly (string | number)[]): TokenType {
  return createToken({
    name, label, pattern: new RegExp(`(?:${pattern.source})${EOL}`), categories: [...categories, Message], start_chars_hint: [...start], line_breaks: true,
  });
}

// The compiler pass each template comes from (docs/escape.md's catalogue). The parser consumes
// any Message; the visitor reads the concrete token type.
export const ExplanationStep = createToken({ name: 'ExplanationStep', label: "a -m=2 'flow:' or 'from … at …' line", pattern: Lexer.NA });
export const ExplanationHeader = createToken({ name: 'ExplanationHeader', label: "a -m=2 explanation header ('… escapes to heap:')", pattern: Lexer.NA });
export const EscapeMessage = createToken({ name: 'EscapeMessage', label: 'an escape analysis message', pattern: Lexer.NA });
export const InlineMessage = createToken({ name: 'InlineMessage', label: 'an inlining message', pattern: Lexer.NA });
export const OtherPassMessage = createToken({ name: 'OtherPassMessage', label: 'a compiler message', pattern: Lexer.NA });
export const ToolMessage = createToken({ name: 'ToolMessage', label: "a 'go:' message", pattern: Lexer.NA });
export const CompileErrorMessage = createToken({ name: 'CompileErrorMessage', label: 'a compile error', pattern: Lexer.NA });

export const Newline = createToken({ name: 'Newline', label: 'the end of the line', pattern: /\r?\n/, line_breaks: true, start_chars_hint: ['\r', '\n'] });
// Line openers: they match only at the start of a line.
/** A line of blanks is an empty line. */
export const BlankText = createToken({ name: 'BlankText', pattern: atLineStart(/[ \t]+(?=\r?\n)/), group: Lexer.SKIPPED, start_chars_hint: [' ', '\t'], line_breaks: false });
/** The saved command line: `$ go build -gcflags=-m .` (the corpus files), or the bare command. */
export const CommandLine = createToken({
  name: 'CommandLine',
  label: 'the command line',
  pattern: atLineStart(/\$ [^\r\n]*|go (?:build|run|test|vet|install|list)(?= )[^\r\n]*/),
  start_chars_hint: ['$', 'g'],
  line_breaks: false,
});
/** `# net/http`, `# seed`, `# command-line-arguments`, `# encoding/json [encoding/json.test]`. */
export const PackageHeader = createToken({ name: 'PackageHeader', label: "a '# package' header", pattern: atLineStart(/# [^\r\n]+/), start_chars_hint: ['#'], line_breaks: false });
/**
 * `path:line:column: ` (Go ≥ 1.10) or `path:line: ` (older Go, `<autogenerated>:1: `, lines whose
 * column is unknown). The path: relative (`./main.go`, `../../../go-1.21.13/src/log/log.go`,
 * `net/http/server.go`), absolute, `$GOROOT/src/…`, Windows (`C:\work\main.go`, which may hold
 * spaces), or `<autogenerated>`. The single space after the colon belongs to the position: a -m=2
 * step line keeps its own indentation (`  flow: …`).
 */
export const Position = createToken({
  name: 'Position',
  label: "a position 'file:line:column:'",
  pattern: atLineStart(/(?:[A-Za-z]:[\\/][^:\r\n]*|<[^>\r\n]+>|[^\s:]+):\d+(?::\d+)?: /),
  start_chars_hint: startCharsExcept(' \t\r\n:'),
  line_breaks: false,
});

// -m=2 explanation lines (escape/solve.go explainPath / explainFlow).
export const FlowStep = message('FlowStep', "'flow: A = B:'", / {2}flow: [^\r\n]*/, [ExplanationStep], [' ']);
/** `    from EXPR (REASON) at POS`; Go ≤ 1.12 printed it with a tab. */
export const FromStep = message('FromStep', "'from … at …'", /(?: {4}|\t)from [^\r\n]*/, [ExplanationStep], [' ', '\t']);
export const WarningStep = message('WarningStep', "'warning: …'", / {2}warning: [^\r\n]*/, [ExplanationStep], [' ']);

// Prefix-keyed templates, most frequent first.
export const InliningCall = message('InliningCall', "'inlining call to F'", /inlining call to [^\r\n]+/, [InlineMessage], ['i']);
export const CanInline = message('CanInline', "'can inline F'", /can inline [^\r\n]+/, [InlineMessage], ['c']);
/** Also `cannot inline F into G: repeated recursive cycle`. */
export const CannotInline = message('CannotInline', "'cannot inline F: REASON'", /cannot inline [^\r\n]+/, [InlineMessage], ['c']);
export const CannotDevirtualize = message('CannotDevirtualize', "'cannot devirtualize X'", /(?:cannot|failed to) devirtualize [^\r\n]+/, [OtherPassMessage], ['c', 'f']);
/** `leaking param: p` and `leaking param: p to result ~r0 level=0`. */
export const LeakingParam = message('LeakingParam', "'leaking param: p'", /leaking param: [^\r\n]+/, [EscapeMessage], ['l']);
export const LeakingParamContent = message('LeakingParamContent', "'leaking param content: p'", /leaking param content: [^\r\n]+/, [EscapeMessage], ['l']);
/** Go ≤ 1.12 (esc.go). */
export const LeakingClosureReference = message('LeakingClosureReference', "'leaking closure reference x'", /leaking closure reference [^\r\n]+/, [EscapeMessage], ['l']);
export const MovedToHeap = message('MovedToHeap', "'moved to heap: x'", /moved to heap: [^\r\n]+/, [EscapeMessage], ['m']);
/** `parameter p leaks to {heap} with derefs=0:` (≤1.24) / `… for F with derefs=0:` (1.25+). */
export const LeakHeader = message('LeakHeader', "'parameter p leaks to … with derefs=N:'", /parameter [^\r\n]+ leaks to [^\r\n]+ with derefs=-?\d+:/, [ExplanationHeader], ['p']);
export const Devirtualizing = message('Devirtualizing', "'devirtualizing X to T'", /(?:partially )?devirtualizing [^\r\n]+/, [OtherPassMessage], ['p', 'd']);
export const BoundsCheckElided = message('BoundsCheckElided', "'index bounds check elided'", /index bounds check elided/, [OtherPassMessage], ['i']);
export const ZeroCopyConversion = message('ZeroCopyConversion', "'zero-copy string->[]byte conversion'", /zero-copy string->\[\]byte conversion/, [EscapeMessage], ['z']);
export const ImpreciseInterfaceCall = message('ImpreciseInterfaceCall', "'imprecise interface call'", /imprecise interface call/, [OtherPassMessage], ['i']);
export const UnsafeUintptr = message('UnsafeUintptr', "'assuming X is unsafe uintptr'", /assuming [^\r\n]+ is unsafe uintptr/, [EscapeMessage], ['a']);
export const EscapingUintptr = message('EscapingUintptr', "'marking X as escaping uintptr'", /marking [^\r\n]+ as escaping (?:\.\.\.)?uintptr/, [EscapeMessage], ['m']);
export const BigFunction = message('BigFunction', "'function F considered 'big''", /function [^\r\n]+ considered 'big'; reducing max cost of inlinees/, [InlineMessage], ['f']);
export const SkipInlining = message('SkipInlining', "'skip inlining within testing.B.loop for F'", /skip inlining within testing\.B\.loop for [^\r\n]+/, [InlineMessage], ['s']);
export const LoopVariable = message('LoopVariable', "'loop variable x now per-iteration, …'", /loop variable [^\r\n]+ now per-iteration, [^\r\n]+/, [OtherPassMessage], ['l']);
export const MutationParam = message('MutationParam', "'mutates param: p derefs=N'", /(?:mutates|calls) param: [^\r\n]+ derefs=-?\d+/, [EscapeMessage], ['m', 'c']);
/** The go command's own lines (`go: downloading …`, `go: updates to go.mod needed`). */
export const GoCommandMessage = message('GoCommandMessage', "'go: …'", /go: [^\r\n]*/, [ToolMessage], ['g']);

// Suffix-keyed templates: the subject (a Go expression) comes first.
/**
 * `X escapes to heap`, and its -m=2 explanation header `X escapes to heap:` (≤1.24) /
 * `X escapes to heap in F:` (1.25+): one pattern, so that a line is scanned once; the visitor
 * tells them apart by the final ':'.
 */
export const EscapesToHeap = message('EscapesToHeap', "'X escapes to heap'", /[^\r\n]+ escapes to heap(?: in [^\r\n]+:|:)?/, [EscapeMessage, ExplanationHeader], ANY);
export const DoesNotEscape = message('DoesNotEscape', "'X does not escape'", /[^\r\n]+ does not escape/, [EscapeMessage], ANY);
/** -d=escapemutationscalls=1 (1.22+). */
export const MutationSummary = message('MutationSummary', "'X does not escape, mutate, or call'", /[^\r\n]+ does not escape, mutate, or call/, [EscapeMessage], ANY);
export const SelfAssignment = message('SelfAssignment', "'F ignoring self-assignment in S'", /[^\r\n]*ignoring self-assignment in [^\r\n]+/, [EscapeMessage], ANY);
/** -m=2: `F capturing by value: x (addr=false assign=false width=24)`. */
export const Capturing = message('Capturing', "'F capturing by value: x'", /[^\r\n]+ capturing by (?:value|ref): [^\r\n]+/, [EscapeMessage], ANY);
/** The bloop pass (go1.26, testing.B.Loop bodies). */
export const KeptAlive = message('KeptAlive', "'X will be kept alive'", /[^\r\n]+ will be kept alive|expr is unknown to bloop pass/, [OtherPassMessage], ANY);

/**
 * Compile errors (types2 and the syntax parser): the build failed, so the -m output is incomplete.
 * Prefixes first, then messages recognised by a fixed phrase anywhere in them.
 */
const ERROR_PREFIXES = [
  'undefined: ', 'syntax error', 'cannot use ', 'cannot convert ', 'cannot assign ', 'cannot call ', 'cannot infer ',
  'cannot range ', 'cannot index ', 'cannot take ', 'cannot compare ', 'cannot indirect ', 'cannot access ',
  'cannot define ', 'cannot initialize ', 'cannot return ', 'invalid operation', 'invalid argument', 'invalid composite literal',
  'invalid recursive type', 'invalid use of ', 'invalid receiver', 'missing return', 'too many errors', 'not enough arguments',
  'too many arguments', 'not enough return values', 'too many return values', 'assignment mismatch', 'non-boolean condition',
  'no new variables on left side of :=', 'mismatched types', 'internal compiler error', 'could not import ',
  'missing function body', 'initialization cycle', 'duplicate case', 'duplicate key', 'first argument to append',
  'declared and not used', 'import cycle not allowed', 'use of .(type) outside type switch', 'missing argument',
  'break is not in a loop', 'continue is not in a loop', 'undefined (type ',
].map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const ERROR_PHRASES = [
  ' declared and not used', ' declared but not used', ' imported and not used', ' redeclared in this block', ' is not used',
  ' does not implement ', ' has no field or method ', ' is not a type', ' is not an expression', ' (no value) used as value',
  ' used as value', ' is not defined', ' undefined (type ', ' already declared', ' defined and not used',
].map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
export const CompileError = message(
  'CompileError',
  'a compile error',
  new RegExp(`(?:${ERROR_PREFIXES.join('|')})[^\\r\\n]*|[^\\r\\n]*?(?:${ERROR_PHRASES.join('|')})[^\\r\\n]*`),
  [CompileErrorMessage],
  ANY,
);

/** Anything else: kept, counted and reported as an unrecognized line — never dropped. */
export const UnrecognizedText = message('UnrecognizedText', 'text', /[^\r\n]+/, [], ANY);
/**
 * Text up to a lone carriage return, which no token matches: the lexer's error then points at that
 * character, as it would if the line's other text were a template. Not a Message: the line never parses.
 */
export const TextBeforeCarriageReturn = createToken({ name: 'TextBeforeCarriageReturn', label: 'text', pattern: /[^\r\n]+/, start_chars_hint: ANY, line_breaks: false });

/**
 * Every token, in matching order. Line openers first (command, header, position), each matching
 * only at the start of a line (`(?<![^\n])`), so that a message is never lexed as one of them
 * (`"a:1: b" escapes to heap`); then the message templates. The -m=2 steps come first, the most
 * frequent (`from`) first: half the lines of -m=2 output are steps, and each token tried before
 * the one that matches is a regular expression run for nothing. A line of blanks can be none of
 * them (each has words), so the blank-line opener may wait after them.
 */
export const lexerTokens = [
  Newline, CommandLine, PackageHeader, Position,
  FromStep, FlowStep, WarningStep, BlankText,
  InliningCall, CanInline, CannotInline, CannotDevirtualize, LeakingParam, LeakingParamContent, LeakingClosureReference,
  MovedToHeap, LeakHeader, Devirtualizing, BoundsCheckElided, ZeroCopyConversion, ImpreciseInterfaceCall, UnsafeUintptr,
  EscapingUintptr, BigFunction, SkipInlining, LoopVariable, MutationParam, GoCommandMessage,
  EscapesToHeap, DoesNotEscape, MutationSummary, SelfAssignment, Capturing, KeptAlive,
  CompileError, UnrecognizedText, TextBeforeCarriageReturn,
];

export const allTokens = [
  Message, ExplanationStep, ExplanationHeader, EscapeMessage, InlineMessage, OtherPassMessage, ToolMessage, CompileErrorMessage,
  ...lexerTokens,
];
