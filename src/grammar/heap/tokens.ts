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
 * lexed in their own mode ("frame"), where a symbol or a path may hold any character but a tab.
 */
import { createToken, Lexer } from 'chevrotain';
import { startCharsExcept } from '../common/chars.js';

// Newline ends every line; in frame mode it also returns to the default mode.
export const Newline = createToken({ name: 'Newline', label: "the end of the line", pattern: /\r?\n/, line_breaks: true });
export const FrameNewline = createToken({
  name: 'FrameNewline',
  label: "the end of the line",
  pattern: /\r?\n/,
  line_breaks: true,
  pop_mode: true,
  categories: [Newline],
});
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t]+/, group: Lexer.SKIPPED });

// Line openers. Order matters: Chevrotain takes the first pattern that matches, not the longest.
/** gperftools files end with a memory map (`--- Memory map: ---`); pprof stops reading records there too. */
export const MemoryMapMarker = createToken({
  name: 'MemoryMapMarker',
  label: "'--- Memory map: ---'",
  pattern: /--- Memory map: ---|MAPPED_LIBRARIES:/,
  push_mode: 'memoryMap',
});
export const MemoryMapText = createToken({
  name: 'MemoryMapText',
  label: 'memory map text',
  pattern: /[^\r\n]+/,
  start_chars_hint: startCharsExcept('\r\n'),
});
export const HeapProfileKeyword = createToken({ name: 'HeapProfileKeyword', label: "'heap profile:'", pattern: 'heap profile:' });
export const MemStatsTitle = createToken({ name: 'MemStatsTitle', label: "'# runtime.MemStats'", pattern: /# runtime\.MemStats(?=\r?\n)/, start_chars_hint: ['#'] });
/** `#` then tabs: a symbolized frame line (`#\t0x…\tfunc+0x…\t\tfile:line`). */
export const FrameMarker = createToken({ name: 'FrameMarker', label: "'#' and a tab", pattern: /#\t+/, push_mode: 'frame' });
/** `# ` then a name: a MemStats line (`# HeapAlloc = 5096360`). */
export const MemStatMarker = createToken({ name: 'MemStatMarker', label: "'# '", pattern: /# /, start_chars_hint: ['#'] });

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
});
export const StackPcs = createToken({
  name: 'StackPcs',
  label: "a stack '@ 0x… 0x…'",
  pattern: /@(?: +0x[0-9a-fA-F]+)*(?= *\r?\n)/,
  start_chars_hint: ['@'],
});
export const Colon = createToken({ name: 'Colon', label: "':'", pattern: ':' });
export const LBracket = createToken({ name: 'LBracket', label: "'['", pattern: '[' });
export const RBracket = createToken({ name: 'RBracket', label: "']'", pattern: ']' });
export const At = createToken({ name: 'At', label: "'@'", pattern: '@' });
export const Slash = createToken({ name: 'Slash', label: "'/'", pattern: '/' });
export const Equals = createToken({ name: 'Equals', label: "'='", pattern: '=' });

export const Hex = createToken({ name: 'Hex', label: "a hex address (0x…)", pattern: /0x[0-9a-fA-F]+/ });
/** `%v` of a float64: `0.0064`, `5.317771109787405e-05`, `1e+06`. Integers stay Integer. */
export const Float = createToken({
  name: 'Float',
  label: "a decimal number",
  pattern: /-?\d+(?:\.\d+(?:[eE][-+]?\d+)?|[eE][-+]?\d+)/,
});
export const Integer = createToken({ name: 'Integer', label: "an integer", pattern: /-?\d+/ });
export const Identifier = createToken({ name: 'Identifier', label: "a name", pattern: /[A-Za-z_][A-Za-z0-9_]*/ });

// Frame mode: `0x47553a`, `time.Sleep+0x3a`, `/build/go-1.23.2/src/runtime/time.go:306`.
export const FrameSeparator = createToken({ name: 'FrameSeparator', label: "a tab", pattern: /\t+/ });
export const FrameHex = createToken({ name: 'FrameHex', label: "a hex address (0x…)", pattern: /0x[0-9a-fA-F]+(?=[\t\r\n])/ });
/** `func+0xOFF`: the function name may hold spaces and brackets (generic instantiations). */
export const FrameSymbol = createToken({
  name: 'FrameSymbol',
  label: "a function and offset (func+0x…)",
  pattern: /[^\t\r\n]+\+0x[0-9a-fA-F]+(?=[\t\r\n])/,
  start_chars_hint: startCharsExcept('\t\r\n'),
});
/** `path:line`: the path may hold spaces and colons (`C:/work/main.go:12`). */
export const FrameFileLine = createToken({
  name: 'FrameFileLine',
  label: "a file:line",
  pattern: /[^\t\r\n]*:\d+(?=[\t\r\n])/,
  start_chars_hint: startCharsExcept('\t\r\n'),
});
/** Anything else on a frame line: reported as a diagnostic, never silently dropped. */
export const FrameText = createToken({
  name: 'FrameText',
  label: "frame text",
  pattern: /[^\t\r\n]+/,
  start_chars_hint: startCharsExcept('\t\r\n'),
});

export const defaultModeTokens = [
  Newline,
  WhiteSpace,
  HeapProfileKeyword,
  MemoryMapMarker,
  MemStatsTitle,
  FrameMarker,
  MemStatMarker,
  RecordCounts,
  StackPcs,
  Colon,
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

export const frameModeTokens = [FrameNewline, FrameSeparator, FrameHex, FrameSymbol, FrameFileLine, FrameText];

/** After the memory map marker every line is opaque text, to the end of the input. */
export const memoryMapModeTokens = [Newline, MemoryMapText];

export const allTokens = [...defaultModeTokens, FrameNewline, FrameSeparator, FrameHex, FrameSymbol, FrameFileLine, FrameText, MemoryMapText];
