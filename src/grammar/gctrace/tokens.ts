/**
 * Tokens of a GODEBUG=gctrace=1 log: a program's stderr, where the runtime's lines sit among the
 * program's own. What decides a line's kind is its start, so each line begins in the `lineStart`
 * mode: `gc N @`, `scvg…:` and `scav N` enter the `fields` mode for the rest of the line; any
 * other line is one OtherLine token (skipped and counted, never an error).
 *
 * The runtime's formats, from golang/go src/runtime (each era checked in its source):
 *   mgc.go gcMarkTermination, Go 1.5–1.6: five clock phases, cpu `a+b+c+d/e/f+g`; 1.7+: three, `a+b/c/d+e`;
 *     gc 1 @0.074s 5%: 0.019+6.6+0.097 ms clock, 0.038+5.8/2.5/0+0.19 ms cpu, 3->4->2 MB, 4 MB goal, 9 MB stacks, 0 MB globals, 2 P
 *     (`E MB stacks, F MB globals,` since Go 1.18; ` (forced)` after a runtime.GC or debug.FreeOSMemory)
 *   mheap.go scavenge, up to Go 1.12 (under gctrace):
 *     scvg3: 2 MB released
 *     scvg3: inuse: 5, idle: 2, sys: 8, released: 2, consumed: 6 (MB)        (scvg-1: from FreeOSMemory)
 *   mgcscavenge.go bgscavenge, Go 1.13: `scvg: 1024 KB released`, `scvg: inuse: …` as above
 *   mgcscavenge.go printScavTrace (GODEBUG=scavtrace=1):
 *     Go 1.14–1.17: scav 3 1024 KiB work, 3280 KiB total, 97% util[ (forced)]
 *     Go 1.18–1.19: scav 0 KiB work, 3280 KiB total, 97% util[ (forced)| [controller reset]]
 *     Go 1.20+:     scav 0 KiB work (bg), 0 KiB work (eager), 3280 KiB now, 97% util[ (forced)]
 */
import { createToken, Lexer, wholeLinePattern, wholeLineText } from '../common/chevrotain.js';
import { charRanges, DIGITS, LINE_END, startCharsExcept } from '../common/chars.js';
import { LOG_PREFIX_SOURCE } from './prefix.js';

export const Newline = createToken({ name: 'Newline', label: 'the end of the line', pattern: /\r?\n/, line_breaks: true, start_chars_hint: LINE_END });
/** The end of a runtime line: back to `lineStart` (a Newline by category). */
export const FieldsNewline = createToken({ name: 'FieldsNewline', label: 'the end of the line', pattern: /\r?\n/, line_breaks: true, start_chars_hint: LINE_END, pop_mode: true, categories: [Newline] });
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t]+/, group: Lexer.SKIPPED, start_chars_hint: [' ', '\t'], line_breaks: false });

/**
 * A whole well-formed `gc N @Ts P%: …` line of any era (Go 1.5–1.6's five clock phases too; up
 * to, not including, its line end) as one token. Most of a GC log is these lines, and one token
 * lexes many times faster than the thirty fine ones; the visitor reads its numbers in order from
 * the token's text (the pattern made sure of the form; no capture groups: a dozen substrings a
 * line were most of the garbage). A line it does not match (other spacing, a damaged line) falls
 * back to the fine tokens, so a diagnostic still points at the bad field.
 */
const GC_LINE = /gc \d+ @\d+(?:\.\d+)?s \d+%: \d+(?:\.\d+)?(?:\+\d+(?:\.\d+)?)* ms clock, \d+(?:\.\d+)?(?:[+/]\d+(?:\.\d+)?)* ms cpu, \d+->\d+->\d+ MB, \d+ MB goal, (?:\d+ MB stacks, \d+ MB globals, )?\d+ P(?: \(forced\))?(?=\r?\n)/y;
export const GcLine = createToken({
  name: 'GcLine',
  label: "a 'gc N @Ts P%: …' line",
  pattern: wholeLineText(GC_LINE),
  start_chars_hint: ['g'],
  line_breaks: false,
});

/** A number as the fine Decimal token reads it. */
const NUM = String.raw`(\d+(?:\.\d+)?)`;
/**
 * A whole well-formed `scvg…:` line of either form (up to Go 1.13), as one token like GcLine:
 * `scvg3: 2 MB released` or `scvg3: inuse: 5, idle: 2, sys: 8, released: 2, consumed: 6 (MB)`.
 */
const SCVG_LINE = new RegExp(String.raw`(scvg-?\d*:) (?:${NUM} (MB|KB) released|inuse: ${NUM}, idle: ${NUM}, sys: ${NUM}, released: ${NUM}, consumed: ${NUM} \(MB\))(?=\r?\n)`, 'y');
/**
 * SCVG_LINE with where each group is (`d`), for an error at a size past the limit only: `d` makes
 * every match build its groups' indices, most of a scav line's cost when the token pattern had it.
 */
export const SCVG_LINE_INDICES = new RegExp(SCVG_LINE.source, 'yd');
/** Capture group numbers of SCVG_LINE. */
export const SCVG_LINE_FIELDS = { keyword: 1, released: 2, unit: 3, inuse: 4, idle: 5, sys: 6, releasedTotal: 7, consumed: 8 } as const;
export const ScvgLine = createToken({
  name: 'ScvgLine',
  label: "a 'scvg' line",
  pattern: wholeLinePattern(SCVG_LINE),
  start_chars_hint: ['s'],
  line_breaks: false,
});
/**
 * A whole well-formed `scav …` line of any era (GODEBUG=scavtrace=1), as one token:
 * `scav 3 1024 KiB work, 3280 KiB total, 97% util`, `scav 0 KiB work, … [controller reset]`,
 * `scav 64 KiB work (bg), 128 KiB work (eager), 3280 KiB now, 97% util (forced)`.
 */
const SCAV_LINE = new RegExp(String.raw`scav ${NUM}(?: ${NUM})? KiB work(?: \(bg\), ${NUM} KiB work \(eager\))?, ${NUM} KiB (?:total|now), ${NUM}% util( \(forced\)| \[controller reset\])?(?=\r?\n)`, 'y');
/** SCAV_LINE with where each group is (`d`), as SCVG_LINE_INDICES. */
export const SCAV_LINE_INDICES = new RegExp(SCAV_LINE.source, 'yd');
/** Capture group numbers of SCAV_LINE. */
export const SCAV_LINE_FIELDS = { first: 1, work: 2, eager: 3, released: 4, util: 5, suffix: 6 } as const;
export const ScavLine = createToken({
  name: 'ScavLine',
  label: "a 'scav' line",
  pattern: wholeLinePattern(SCAV_LINE),
  start_chars_hint: ['s'],
  line_breaks: false,
});

/**
 * A log collector's prefix (prefix.ts: journald, `kubectl logs --timestamps`), skipped: the line
 * after it is read as if it started there, and positions still count it.
 */
export const LogPrefix = createToken({
  name: 'LogPrefix', pattern: new RegExp(LOG_PREFIX_SOURCE), group: Lexer.SKIPPED,
  start_chars_hint: [...charRanges('AZ', 'az', '09'), '_', '.', '-'], line_breaks: false,
});

// Line openers (lineStart mode). The lookaheads keep `gcc …` or `scavenger started` other lines.
export const GcKeyword = createToken({ name: 'GcKeyword', label: "'gc'", pattern: /gc(?= +\d+ +@)/, start_chars_hint: ['g'], line_breaks: false, push_mode: 'fields' });
/** `scvg3:`, `scvg-1:` (FreeOSMemory), `scvg:` (Go 1.13). */
export const ScvgKeyword = createToken({ name: 'ScvgKeyword', label: "'scvg:'", pattern: /scvg-?\d*:(?= )/, start_chars_hint: ['s'], line_breaks: false, push_mode: 'fields' });
export const ScavKeyword = createToken({ name: 'ScavKeyword', label: "'scav'", pattern: /scav(?= +\d)/, start_chars_hint: ['s'], line_breaks: false, push_mode: 'fields' });
/** Any other line: the program's own output. */
export const OtherLine = createToken({ name: 'OtherLine', label: 'a line', pattern: /[^\r\n]+/, start_chars_hint: startCharsExcept('\r\n'), line_breaks: false });

// Fields (fields mode).
/** `@0.074s`: seconds since the program started, to the millisecond. */
export const AtSeconds = createToken({ name: 'AtSeconds', label: "a time '@N.NNNs'", pattern: /@\d+(?:\.\d+)?s/, start_chars_hint: ['@'], line_breaks: false });
export const Arrow = createToken({ name: 'Arrow', label: "'->'", pattern: '->' });
export const Plus = createToken({ name: 'Plus', label: "'+'", pattern: '+' });
export const Slash = createToken({ name: 'Slash', label: "'/'", pattern: '/' });
export const Comma = createToken({ name: 'Comma', label: "','", pattern: ',' });
export const Colon = createToken({ name: 'Colon', label: "':'", pattern: ':' });
export const Percent = createToken({ name: 'Percent', label: "'%'", pattern: '%' });
export const Decimal = createToken({ name: 'Decimal', label: 'a number', pattern: /\d+(?:\.\d+)?/, start_chars_hint: DIGITS, line_breaks: false });

function word(name: string, text: string): ReturnType<typeof createToken> {
  return createToken({ name, label: `'${text}'`, pattern: text });
}
export const Ms = word('Ms', 'ms');
export const Clock = word('Clock', 'clock');
export const Cpu = word('Cpu', 'cpu');
export const MBParen = word('MBParen', '(MB)');
export const MB = word('MB', 'MB');
export const KiB = word('KiB', 'KiB');
export const KB = word('KB', 'KB');
export const Goal = word('Goal', 'goal');
export const Stacks = word('Stacks', 'stacks');
export const Globals = word('Globals', 'globals');
export const Procs = word('Procs', 'P');
export const Forced = word('Forced', '(forced)');
export const ControllerReset = word('ControllerReset', '[controller reset]');
export const Work = word('Work', 'work');
export const Background = word('Background', '(bg)');
export const Eager = word('Eager', '(eager)');
export const Total = word('Total', 'total');
export const Now = word('Now', 'now');
export const Util = word('Util', 'util');
export const Released = word('Released', 'released');
export const Inuse = word('Inuse', 'inuse');
export const Idle = word('Idle', 'idle');
export const Sys = word('Sys', 'sys');
export const Consumed = word('Consumed', 'consumed');

export const lineStartTokens = [Newline, LogPrefix, GcLine, ScvgLine, ScavLine, GcKeyword, ScvgKeyword, ScavKeyword, OtherLine];
export const fieldTokens = [
  FieldsNewline, WhiteSpace, AtSeconds, Arrow, Plus, Slash, Comma, Colon, Percent, Decimal,
  Ms, Clock, Cpu, MBParen, MB, KiB, KB, Goal, Stacks, Globals, Procs, Forced, ControllerReset,
  Work, Background, Eager, Total, Now, Util, Released, Inuse, Idle, Sys, Consumed,
];
export const allTokens = [...lineStartTokens, ...fieldTokens.filter((t) => t !== FieldsNewline), FieldsNewline];
