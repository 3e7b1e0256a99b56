/**
 * Tokens of the Prometheus text exposition format 0.0.4 and of OpenMetrics 1.0 text, as
 * prometheus/common's expfmt writes them (text_create.go, openmetrics_create.go) and parses them
 * (text_parse.go):
 *
 *   # HELP go_memstats_alloc_bytes Number of bytes allocated and still in use.
 *   # TYPE go_memstats_alloc_bytes gauge
 *   go_memstats_alloc_bytes 5.479536e+06
 *   go_gc_duration_seconds{quantile="0.25"} 0.000116811
 *   http_requests_total{code="200",path="/a \"b\""} 1027 1395066363000
 *   # EOF
 *
 * A HELP line's docstring is free text: the lexer reads it in modes of its own (`helpName`, then
 * `helpText`), so words in it never become names or numbers.
 */
import { createToken, Lexer, wholeLinePattern } from '../common/chevrotain.js';
import { startCharsExcept } from '../common/chars.js';

export const Newline = createToken({ name: 'Newline', label: 'the end of the line', pattern: /\r?\n/, line_breaks: true });
/** The line end inside a HELP line: back to the default mode (a Newline by category). */
export const HelpNewline = createToken({ name: 'HelpNewline', label: 'the end of the line', pattern: /\r?\n/, line_breaks: true, pop_mode: true, categories: [Newline] });
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t]+/, group: Lexer.SKIPPED });

// Comment lines. Order matters: the keywords before the catch-all comment.
export const HelpKeyword = createToken({ name: 'HelpKeyword', label: "'# HELP'", pattern: /#[ \t]+HELP[ \t]+/, start_chars_hint: ['#'], push_mode: 'helpName' });
export const TypeKeyword = createToken({ name: 'TypeKeyword', label: "'# TYPE'", pattern: /#[ \t]+TYPE(?=[ \t])/, start_chars_hint: ['#'] });
/** OpenMetrics only. */
export const UnitKeyword = createToken({ name: 'UnitKeyword', label: "'# UNIT'", pattern: /#[ \t]+UNIT(?=[ \t])/, start_chars_hint: ['#'] });
/** OpenMetrics: the last line of an exposition. */
export const EofMarker = createToken({ name: 'EofMarker', label: "'# EOF'", pattern: /# EOF(?=[ \t]*\r?\n)/, start_chars_hint: ['#'] });
/** Any other `#` line is a comment (text_parse.go skips it); after a sample, an OpenMetrics exemplar. */
export const Comment = createToken({ name: 'Comment', label: 'a comment', pattern: /#[^\r\n]*/, start_chars_hint: ['#'] });

export const LCurly = createToken({ name: 'LCurly', label: "'{'", pattern: '{' });
export const RCurly = createToken({ name: 'RCurly', label: "'}'", pattern: '}' });
export const Comma = createToken({ name: 'Comma', label: "','", pattern: ',' });
export const Equals = createToken({ name: 'Equals', label: "'='", pattern: '=' });
/** A label value (or a quoted UTF-8 name): any backslash escape lexes; the visitor accepts only \\, \" and \n. */
export const QuotedString = createToken({ name: 'QuotedString', label: 'a quoted string', pattern: /"(?:[^"\\\r\n]|\\.)*"/ });
/** NaN and the infinities, as Go's strconv.ParseFloat accepts them (`+Inf` is what expfmt writes). */
export const SpecialFloat = createToken({
  name: 'SpecialFloat',
  label: 'a number',
  pattern: /[+-]?(?:[Ii][Nn][Ff](?:[Ii][Nn][Ii][Tt][Yy])?|[Nn][Aa][Nn])(?![A-Za-z0-9_:])/,
  start_chars_hint: ['+', '-', 'I', 'i', 'N', 'n'],
});
/** A value or a timestamp: `7`, `0.000116811`, `4.245528e+06`, `1.8446744073709552e+19`. */
export const NumberLiteral = createToken({ name: 'NumberLiteral', label: 'a number', pattern: /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/ });
/** A metric or label name (`[a-zA-Z_:][a-zA-Z0-9_:]*`); a label name has no ':' (the visitor checks). */
export const Name = createToken({ name: 'Name', label: 'a name', pattern: /[a-zA-Z_:][a-zA-Z0-9_:]*/ });

/**
 * A whole well-formed sample line `name{label="value",…} value [timestamp]` (up to, not including,
 * its line end) as one token, its parts in capture groups (`SAMPLE_LINE_FIELDS`), handed over as
 * the token's payload. Samples are what a page is made of, and one token lexes many times faster
 * than one per name, brace, label and number. Anything else (escapes in a label value, quoted
 * UTF-8 names, other spacing, an exemplar, a bad value) falls back to the fine tokens below, so
 * a diagnostic still points at the exact column.
 */
const NUMBER = '[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?';
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*="[^"\\\\\\r\\n]*"';
const SAMPLE_LINE = new RegExp(
  `([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{(?:${LABEL}(?:,${LABEL})*,?)?\\})?) (${NUMBER}|[+-]?(?:[Ii][Nn][Ff](?:[Ii][Nn][Ii][Tt][Yy])?|[Nn][Aa][Nn]))(?: (${NUMBER}))?(?=\\r?\\n)`,
  'y',
);
/**
 * Capture group numbers of SAMPLE_LINE; `series` is the name and braces as written (the name is
 * what comes before `{`, the labels what is between the braces: the visitor cuts them out only
 * for a series text it has not read before, so they are no capture groups, no strings per line).
 */
export const SAMPLE_LINE_FIELDS = { series: 1, value: 2, timestamp: 3 } as const;
export const SampleLine = createToken({
  name: 'SampleLine',
  label: 'a sample line',
  pattern: wholeLinePattern(SAMPLE_LINE),
  start_chars_hint: [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_:'],
  line_breaks: false,
});

/** The metric name of a HELP line; then the rest of the line is its docstring. */
export const HelpName = createToken({ name: 'HelpName', label: 'a metric name', pattern: /[a-zA-Z_:][a-zA-Z0-9_:]*/, pop_mode: true, push_mode: 'helpText' });
export const Docstring = createToken({ name: 'Docstring', label: 'a docstring', pattern: /[^\r\n]+/, start_chars_hint: startCharsExcept('\r\n') });

export const defaultModeTokens = [
  Newline, WhiteSpace, HelpKeyword, TypeKeyword, UnitKeyword, EofMarker, Comment,
  LCurly, RCurly, Comma, Equals, QuotedString, SpecialFloat, SampleLine, NumberLiteral, Name,
];
export const helpNameModeTokens = [HelpNewline, WhiteSpace, HelpName];
export const helpTextModeTokens = [HelpNewline, Docstring];

export const allTokens = [...defaultModeTokens, HelpNewline, HelpName, Docstring];
