/**
 * Tokens of the legacy text count profiles (`goroutine?debug=1`, `goroutineleak?debug=1`,
 * `threadcreate?debug=1`), as written by `runtime/pprof.printCountProfile` through text/tabwriter:
 *
 *   goroutine profile: total 764
 *   190 @ 0x43bbce 0x4081ed 0x407e12 0x675bdc 0x46d8c1
 *   # labels: {"handler":"fetch"}
 *   #	0x675bdb	main.waitForReply+0x3b	/build/run-go1.21/src/leak/main.go:68
 *   (a blank line after each record)
 *
 * Records and frame lines have a coarse token each (one token for `@ 0x… 0x…`, one for a whole
 * frame line), with fine tokens as the fallback so that a malformed line still gets a precise column.
 */
import { createToken, Lexer } from '../common/chevrotain.js';
import { charRanges, DIGITS } from '../common/chars.js';
import { createFrameLineTokens } from '../common/frames.js';

// The line end is the one-character string '\n' (Chevrotain's lexer matches it by its char code,
// no regex a line) and '\r\n' a token of its own in the Newline category, as in the heap grammar.
export const Newline = createToken({ name: 'Newline', label: 'the end of the line', pattern: '\n', line_breaks: true });
export const CrNewline = createToken({ name: 'CrNewline', label: 'the end of the line', pattern: '\r\n', line_breaks: true, categories: [Newline] });
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t]+/, group: Lexer.SKIPPED, start_chars_hint: [' ', '\t'], line_breaks: false });

/** `goroutine profile:`, `goroutineleak profile:`, `threadcreate profile:` … */
export const ProfileName = createToken({ name: 'ProfileName', label: "'<name> profile:'", pattern: /[A-Za-z_][A-Za-z0-9_]* profile:/, start_chars_hint: charRanges('AZ', '__', 'az'), line_breaks: false });
export const Total = createToken({ name: 'Total', label: "'total'", pattern: /total/, start_chars_hint: ['t'], line_breaks: false });
/** `# labels:` then a label set `{"k":"v", …}` (one token, read by common/labels.ts). */
export const LabelsMarker = createToken({ name: 'LabelsMarker', label: "'# labels:'", pattern: /# labels:/, start_chars_hint: ['#'], line_breaks: false });
export const LabelSet = createToken({
  name: 'LabelSet',
  label: "a label set '{\"key\":\"value\", …}'",
  pattern: /\{(?:[^"}\r\n]|"(?:[^"\\\r\n]|\\.)*")*\}/,
  start_chars_hint: ['{'],
  line_breaks: false,
});
/** The whole `@ 0x… 0x…` stack of a record. */
export const StackPcs = createToken({
  name: 'StackPcs',
  label: "a stack '@ 0x… 0x…'",
  pattern: /@(?: +0x[0-9a-fA-F]+)*(?= *\r?\n)/,
  start_chars_hint: ['@'],
  line_breaks: false,
});
export const At = createToken({ name: 'At', label: "'@'", pattern: /@/, start_chars_hint: ['@'], line_breaks: false });
export const Hex = createToken({ name: 'Hex', label: 'a hex address (0x…)', pattern: /0x[0-9a-fA-F]+/, start_chars_hint: ['0'], line_breaks: false });
export const Integer = createToken({ name: 'Integer', label: 'a count', pattern: /\d+/, start_chars_hint: DIGITS, line_breaks: false });

export const frameTokens = createFrameLineTokens(Newline);
export const { FrameLine, FrameMarker, FrameSeparator, FrameHex, FrameSymbol, FrameFileLine } = frameTokens;

export const defaultModeTokens = [
  Newline,
  CrNewline,
  WhiteSpace,
  frameTokens.FrameLine,
  frameTokens.FrameMarker,
  LabelsMarker,
  ProfileName,
  Total,
  LabelSet,
  StackPcs,
  At,
  Hex,
  Integer,
];

export const allTokens = [...defaultModeTokens, ...frameTokens.modeTokens];
