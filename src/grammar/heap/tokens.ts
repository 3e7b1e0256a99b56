/**
 * Tokens of the legacy text heap profile (`/debug/pprof/heap?debug=1`, `allocs?debug=1`), as
 * written by `runtime/pprof.writeHeapInternal`:
 *
 *   heap profile: 6: 2688 [9: 2928] @ heap/1048576
 *   0: 0 [3: 240] @ 0x47553b 0x696fd8 0x479681
 *   #	0x47553a	time.Sleep+0x3a		/build/go-1.23.2/src/runtime/time.go:306
 *
 *   # runtime.MemStats
 *   # Alloc = 4898176
 *   # Stack = 688128 / 688128
 *   # PauseNs = [79439 0 0 …]
 *   # GCCPUFraction = 5.317771109787405e-05
 *   # DebugGC = false
 *
 * Frame lines go through text/tabwriter, so their fields are separated by runs of tabs; they are
 * common/frames.ts's tokens: one coarse token per line, fine tokens in a "frame" mode as fallback.
 */
import { createToken, Lexer } from '../common/chevrotain.js';
import { charRanges, DIGITS, startCharsExcept } from '../common/chars.js';
import { createFrameLineTokens } from '../common/frames.js';

// Newline ends every line; in frame mode it also returns to the default mode. A one-character
// string: Chevrotain's lexer matches it by its char code, not by running a regex (once a line).
export const Newline = createToken({ name: 'Newline', label: "the end of the line", pattern: '\n', line_breaks: true });
/** A Windows line end: a Newline by category, so every rule's CONSUME(Newline) takes it too. */
export const CrNewline = createToken({ name: 'CrNewline', label: "the end of the line", pattern: '\r\n', line_breaks: true, categories: [Newline] });
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t]+/, group: Lexer.SKIPPED, start_chars_hint: [' ', '\t'], line_breaks: false });

// Line openers. Order matters: Chevrotain takes the first pattern that matches, not the longest.
/** gperftools files end with a memory map (`--- Memory map: ---`); pprof stops reading records there too. */
export const MemoryMapMarker = createToken({
  name: 'MemoryMapMarker',
  label: "'--- Memory map: ---'",
  pattern: /--- Memory map: ---|MAPPED_LIBRARIES:/,
  start_chars_hint: ['-', 'M'],
  line_breaks: false,
  push_mode: 'memoryMap',
});
export const MemoryMapText = createToken({
  name: 'MemoryMapText',
  label: 'memory map text',
  pattern: /[^\r\n]+/,
  start_chars_hint: startCharsExcept('\r\n'),
  line_breaks: false,
});
export const HeapProfileKeyword = createToken({ name: 'HeapProfileKeyword', label: "'heap profile:'", pattern: 'heap profile:' });
export const MemStatsTitle = createToken({ name: 'MemStatsTitle', label: "'# runtime.MemStats'", pattern: /# runtime\.MemStats(?=\r?\n)/, start_chars_hint: ['#'], line_breaks: false });
/** `# ` then a name: a MemStats line (`# HeapAlloc = 5096360`). */
export const MemStatMarker = createToken({ name: 'MemStatMarker', label: "'# '", pattern: /# /, start_chars_hint: ['#'], line_breaks: false });

/**
 * The whole `inuse_objects: inuse_bytes [alloc_objects: alloc_bytes]` part of a record as one
 * token, and the whole `@ 0x… 0x…` stack as another: records are most of what the grammar reads,
 * and two coarse tokens lex several times faster than fifteen small ones. A malformed record
 * falls back to the fine tokens below, so its diagnostic still points at the bad number.
 */
export const RecordCounts = createToken({
  name: 'RecordCounts',
  label: "counts 'N: N [N: N]'",
  pattern: /-?\d+: *-?\d+ *\[ *\d+: *\d+ *\]/,
  start_chars_hint: ['-', ...DIGITS],
  line_breaks: false,
});
export const StackPcs = createToken({
  name: 'StackPcs',
  label: "a stack '@ 0x… 0x…'",
  pattern: /@(?: +0x[0-9a-fA-F]+)*(?= *\r?\n)/,
  start_chars_hint: ['@'],
  line_breaks: false,
});
/**
 * A whole MemStats list (`# PauseNs = [79439 0 0 …]`) as one token. PauseNs and PauseEnd hold
 * 256 integers each: as fine tokens they were half of what reading a small dump cost (512 tokens
 * and CST children a dump, for lint's thousands of dumps). Only after `=`, so a record's counts
 * never lex as a list; a list that does not match (a letter in it, no `]`) falls back to
 * LBracket, Integer… RBracket, and its diagnostic points at the bad element as before. One space
 * or more between elements keeps the match linear on a hostile line of digits.
 */
export const IntegerList = createToken({
  name: 'IntegerList',
  label: "a list '[N N …]'",
  pattern: /(?<==[ \t]*)\[ *(?:-?\d+(?: +-?\d+)*)? *\]/,
  start_chars_hint: ['['],
  line_breaks: false,
});
export const Colon = createToken({ name: 'Colon', label: "':'", pattern: ':' });
export const LBracket = createToken({ name: 'LBracket', label: "'['", pattern: '[' });
export const RBracket = createToken({ name: 'RBracket', label: "']'", pattern: ']' });
export const At = createToken({ name: 'At', label: "'@'", pattern: '@' });
export const Slash = createToken({ name: 'Slash', label: "'/'", pattern: '/' });
export const Equals = createToken({ name: 'Equals', label: "'='", pattern: '=' });

export const Hex = createToken({ name: 'Hex', label: "a hex address (0x…)", pattern: /0x[0-9a-fA-F]+/, start_chars_hint: ['0'], line_breaks: false });
/** `%v` of a float64: `0.0064`, `5.317771109787405e-05`, `1e+06`. Integers stay Integer. */
export const Float = createToken({
  name: 'Float',
  label: "a decimal number",
  pattern: /-?\d+(?:\.\d+(?:[eE][-+]?\d+)?|[eE][-+]?\d+)/,
  start_chars_hint: ['-', ...DIGITS],
  line_breaks: false,
});
export const Integer = createToken({ name: 'Integer', label: "an integer", pattern: /-?\d+/, start_chars_hint: ['-', ...DIGITS], line_breaks: false });
export const Identifier = createToken({ name: 'Identifier', label: "a name", pattern: /[A-Za-z_][A-Za-z0-9_]*/, start_chars_hint: charRanges('AZ', '__', 'az'), line_breaks: false });

/** Frame lines (`#\t0x…\tfunc+0x…\t\tfile:line`): the shared tokens of common/frames.ts. */
export const frameTokens = createFrameLineTokens(Newline);

export const defaultModeTokens = [
  Newline,
  CrNewline,
  WhiteSpace,
  HeapProfileKeyword,
  MemoryMapMarker,
  MemStatsTitle,
  frameTokens.FrameLine,
  frameTokens.FrameMarker,
  MemStatMarker,
  RecordCounts,
  StackPcs,
  Colon,
  IntegerList,
  LBracket,
  RBracket,
  At,
  Slash,
  Equals,
  Hex,
  Float,
  Integer,
  Identifier,
];


/** After the memory map marker every line is opaque text, to the end of the input. */
export const memoryMapModeTokens = [Newline, CrNewline, MemoryMapText];

export const allTokens = [...defaultModeTokens, ...frameTokens.modeTokens, MemoryMapText];
