/**
 * Tokens of a goroutine traceback dump (`goroutine?debug=2`, i.e. `runtime.Stack(buf, true)`;
 * also what a crash prints per goroutine), as written by runtime/traceback.go:
 *
 *   goroutine 18 [chan receive, 10 minutes, locked to thread]:
 *   goroutine 7 gp=0xc000007a40 m=nil [chan receive]:                    (GOTRACEBACK=system)
 *   goroutine 8 [chan receive] {test.iter: 0, test.name: TestX}:          (Go 1.27: pprof labels)
 *   main.waitForReply(0xc000098f90?)
 *   	/build/run-go1.21/src/leak/main.go:68 +0x3c
 *   net/http.(*conn).serve(...)
 *   	/usr/lib/go/src/net/http/server.go:679
 *   ...302 frames elided...                                               (go1.21+; ≤1.20: ...additional frames elided...)
 *   created by main.main in goroutine 1                                   (≤1.20: created by main.main)
 *   	/build/run-go1.21/src/leak/main.go:114 +0x113
 *   (a blank line between goroutines)
 *
 * A crash prints the same records after a preamble and may end in a register dump (runtime/panic.go,
 * signal_unix.go): `panic: msg [recovered]` (nested panics indented by a tab), `[signal SIGSEGV: …]`,
 * `fatal error: msg`, `unexpected fault address 0x…`, `runtime: …` messages, `SIGQUIT: quit` and
 * `PC=0x… m=0 sigcode=0`, `runtime stack:` (the system stack: frames without a header), a
 * `-----` between threads (GOTRACEBACK=crash), registers `rax    0xca`, and `exit status 2` (or `signal: aborted`) from
 * `go run`. Each is a token of its own, so that a crash reads without a diagnostic.
 *
 * Every line but the header is one coarse token, read further by the visitor: a dump is mostly
 * function and file lines, and one token per line is what makes it fast. A header that the coarse
 * token does not match is lexed again in fine tokens (mode `header`), so that its diagnostic points
 * at the exact column.
 */
import { createToken, Lexer } from '../common/chevrotain.js';
import { charRanges, DIGITS, LINE_END, startCharsExcept } from '../common/chars.js';

export const HEADER_MODE = 'header';

// The line end is the one-character string '\n' (Chevrotain's lexer matches it by its char code,
// no regex a line) and '\r\n' a token of its own in the Newline category, as in the heap grammar.
export const Newline = createToken({ name: 'Newline', label: 'the end of the line', pattern: '\n', line_breaks: true });
export const CrNewline = createToken({ name: 'CrNewline', label: 'the end of the line', pattern: '\r\n', line_breaks: true, categories: [Newline] });

/** A quoted Go string or anything but `"`, `}` and line ends, in braces: a label set. */
const LABEL_SET = /\{(?:[^"}\r\n]|"(?:[^"\\\r\n]|\\.)*")*\}/.source;

/** A whole well-formed header line: `goroutine N [state…]:`, with optional `gp= m= mp=` fields and labels. */
export const HeaderLine = createToken({
  name: 'HeaderLine',
  label: "a goroutine header 'goroutine N [state]:'",
  pattern: new RegExp(`goroutine \\d+(?: [a-z]+=[^\\s\\[\\]]*)* \\[[^\\]\\r\\n]*\\](?: ?${LABEL_SET})?:(?=\\r?\\n)`),
  start_chars_hint: ['g'],
  line_breaks: false,
});
/** `goroutine ` at the start of a line the coarse header did not match: the fine header tokens follow. */
export const GoroutineKeyword = createToken({ name: 'GoroutineKeyword', label: "'goroutine'", pattern: /goroutine /, start_chars_hint: ['g'], line_breaks: false, push_mode: HEADER_MODE });
/** `[originating from goroutine 5]:` (GODEBUG=tracebackancestors=N): the frames after it are an ancestor's. */
export const Originating = createToken({
  name: 'Originating',
  label: "'[originating from goroutine N]:'",
  pattern: /\[originating from goroutine \d+\]:/,
  start_chars_hint: ['['],
  line_breaks: false,
});
/** `...302 frames elided...` (go1.21+, in the middle of a deep stack) or `...additional frames elided...` (older, at its end). */
export const Elided = createToken({
  name: 'Elided',
  label: "'...N frames elided...'",
  pattern: /\.\.\.(?:additional frames|\d+ frames) elided\.\.\./,
  start_chars_hint: ['.'],
  line_breaks: false,
});
/** `created by main.main in goroutine 1` (go1.21+) or `created by main.main`: split by the visitor. */
export const CreatedBy = createToken({ name: 'CreatedBy', label: "'created by F'", pattern: /created by [^\r\n]+/, start_chars_hint: ['c'], line_breaks: false });
/** A goroutine running on another thread in a crash dump has no stack. */
export const StackUnavailable = createToken({
  name: 'StackUnavailable',
  label: "'goroutine running on other thread; stack unavailable'",
  pattern: /\tgoroutine running on other thread; stack unavailable/,
  start_chars_hint: ['\t'],
  line_breaks: false,
});
/** Every line of a crash's preamble and tail: one alternative of the grammar, told apart by the visitor. */
export const CrashLine = createToken({ name: 'CrashLine', pattern: Lexer.NA });

/** `panic: msg`, `panic: msg [recovered]`; `\tpanic: msg` for a panic raised while panicking. Before FileLine and CallLine: a message may end in `:12` or `)`. */
export const PanicLine = createToken({ name: 'PanicLine', label: "'panic: …'", pattern: /\t?panic: [^\r\n]*/, start_chars_hint: ['p', '\t'], line_breaks: false, categories: [CrashLine] });
/** `fatal error: msg` (runtime.throw, or the deadlock detector), `unexpected fault address 0x…`. */
export const FatalLine = createToken({
  name: 'FatalLine',
  label: "'fatal error: …'",
  pattern: /(?:fatal error: |unexpected fault address )[^\r\n]*/,
  start_chars_hint: ['f', 'u'],
  line_breaks: false, categories: [CrashLine],
});
/** `SIGQUIT: quit`, `SIGABRT: abort`: a signal that crashed the program (kill -QUIT, GOTRACEBACK=crash). */
export const SignalLine = createToken({ name: 'SignalLine', label: "'SIGQUIT: quit'", pattern: /SIG[A-Z0-9]+: [^\r\n]*/, start_chars_hint: ['S'], line_breaks: false, categories: [CrashLine] });
/** `[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x48f5d6]` under a runtime error's panic line. */
export const SignalInfo = createToken({ name: 'SignalInfo', label: "'[signal …]'", pattern: /\[signal [^\r\n]*\]/, start_chars_hint: ['['], line_breaks: false, categories: [CrashLine] });
/** `PC=0x46d101 m=0 sigcode=0` (and `addr=0x…`) under a signal's line. */
export const PcLine = createToken({ name: 'PcLine', label: "'PC=0x… m=N sigcode=N'", pattern: /PC=0x[0-9a-fA-F]+(?: [a-z]+=[^\s]+)*/, start_chars_hint: ['P'], line_breaks: false, categories: [CrashLine] });
/** `runtime: …`: what the runtime says before it throws (`runtime: goroutine stack exceeds …`). */
export const RuntimeMessage = createToken({ name: 'RuntimeMessage', label: "'runtime: …'", pattern: /runtime: [^\r\n]*/, start_chars_hint: ['r'], line_breaks: false, categories: [CrashLine] });
/** `runtime stack:`: the system stack of a throw; its frames have no goroutine header. */
export const RuntimeStack = createToken({ name: 'RuntimeStack', label: "'runtime stack:'", pattern: /runtime stack:/, start_chars_hint: ['r'], line_breaks: false, categories: [CrashLine] });
/** `-----` between the dumps of two threads (GOTRACEBACK=crash). */
export const ThreadSeparator = createToken({ name: 'ThreadSeparator', label: "'-----'", pattern: /-----/, start_chars_hint: ['-'], line_breaks: false, categories: [CrashLine] });
/** `rax    0xca`, `r8     0x0`, `rflags 0x286` (amd64), `r0      0x0`, `lr 0x…`, `fault 0x…` (arm64): the crashing thread's registers. */
export const RegisterLine = createToken({
  name: 'RegisterLine',
  label: "a register 'rax    0x…'",
  pattern: /[a-z][a-z0-9]* +0x[0-9a-fA-F]+/,
  start_chars_hint: charRanges('az'),
  line_breaks: false, categories: [CrashLine],
});
/** `exit status 2`: what `go run` adds after the program's output. */
export const ExitStatus = createToken({ name: 'ExitStatus', label: "'exit status N'", pattern: /exit status \d+/, start_chars_hint: ['e'], line_breaks: false, categories: [CrashLine] });
/**
 * `signal: aborted (core dumped)`, `signal: killed`: what `go run` adds when the program died of a
 * signal (os.ProcessState's String), e.g. the SIGABRT that ends a GOTRACEBACK=crash crash.
 */
export const ExitSignal = createToken({ name: 'ExitSignal', label: "'signal: …'", pattern: /signal: [a-z][^\r\n]*/, start_chars_hint: ['s'], line_breaks: false, categories: [CrashLine] });

/**
 * `\t/path/file.go:123 +0x1d` (the `+0x…` part optional; GOTRACEBACK=system adds ` fp=0x… sp=0x… pc=0x…`).
 * The path may hold spaces and colons (`C:/work/main.go`): it runs to the last `:line`.
 */
export const FileLine = createToken({
  name: 'FileLine',
  label: "a '\\tfile:line +0x…' line",
  pattern: /\t[^\r\n]*:\d+(?: \+0x[0-9a-fA-F]+)?(?: [a-z]+=0x[0-9a-fA-F]+)*/,
  start_chars_hint: ['\t'],
  line_breaks: false,
});
/**
 * A function line: `main.f(0xc000…, {0x7a5900, 0x146c5deff590})`, `main.f(...)` (inlined), `main.main()`.
 * The name may hold spaces, brackets and parentheses (`net/http.(*conn).serve`, generics); the
 * argument list never holds parentheses, so it starts at the line's last `(`.
 */
export const CallLine = createToken({
  name: 'CallLine',
  label: "a function line 'f(…)'",
  pattern: /[^ \t\r\n][^\r\n]*\)/,
  start_chars_hint: startCharsExcept(' \t\r\n'),
  line_breaks: false,
});

// Header mode: the fine tokens of a header line.
export const HeaderNewline = createToken({
  name: 'HeaderNewline',
  label: 'the end of the line',
  pattern: /\r?\n/,
  line_breaks: true,
  start_chars_hint: LINE_END,
  pop_mode: true,
  categories: [Newline],
});
export const HeaderSpace = createToken({ name: 'HeaderSpace', pattern: / +/, group: Lexer.SKIPPED, start_chars_hint: [' '], line_breaks: false });
export const GoroutineId = createToken({ name: 'GoroutineId', label: 'a goroutine id', pattern: /\d+/, start_chars_hint: DIGITS, line_breaks: false });
/** `gp=0xc000007a40`, `m=nil`, `m=0`, `mp=0x…`: printed before the bracket when GOTRACEBACK=system or while throwing. */
export const HeaderField = createToken({ name: 'HeaderField', label: "a field 'gp=…'", pattern: /[a-z]+=[^\s[\]]*/, start_chars_hint: charRanges('az'), line_breaks: false });
export const HeaderState = createToken({ name: 'HeaderState', label: "the state '[…]'", pattern: /\[[^\]\r\n]*\]/, start_chars_hint: ['['], line_breaks: false });
export const HeaderLabels = createToken({ name: 'HeaderLabels', label: "labels '{…}'", pattern: new RegExp(LABEL_SET), start_chars_hint: ['{'], line_breaks: false });
export const HeaderColon = createToken({ name: 'HeaderColon', label: "':'", pattern: /:/, start_chars_hint: [':'], line_breaks: false });

export const defaultModeTokens = [
  Newline,
  CrNewline,
  HeaderLine,
  GoroutineKeyword,
  Originating,
  Elided,
  CreatedBy,
  StackUnavailable,
  PanicLine,
  FatalLine,
  SignalLine,
  SignalInfo,
  PcLine,
  RuntimeStack,
  RuntimeMessage,
  ThreadSeparator,
  ExitStatus,
  ExitSignal,
  FileLine,
  RegisterLine,
  CallLine,
];

export const headerModeTokens = [HeaderNewline, HeaderSpace, GoroutineId, HeaderField, HeaderState, HeaderLabels, HeaderColon];

export const allTokens = [...defaultModeTokens, ...headerModeTokens, CrashLine];
