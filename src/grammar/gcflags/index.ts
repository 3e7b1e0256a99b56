/**
 * The public entry of the compiler -m grammar: `GcflagsReader` reads `go build -gcflags=-m…`
 * output chunk by chunk; `parseGcflags` and `readGcflags` wrap it for a whole string and for a
 * stream. The compiler's messages come back as `messages`; problems with the input itself as
 * `diagnostics` (line:column), as in every grammar. Nothing here throws on bad input, and every
 * line is accounted for in `summary` — an unknown line becomes a message of kind
 * `unrecognized`, never silently dropped.
 *
 * Memory: the reader keeps counts, and only the messages `keep` selects (default: all). For a
 * huge input (`-gcflags=all=-m=2 std`, hundreds of MB) pass `onMessage` to stream them and
 * `keep: false` (or a predicate) so the result stays small.
 */
import type { IToken } from 'chevrotain';
import type { Diagnostic } from '../common/diagnostic.js';
import { cutLineMessage, GrammarReader, type LinesRead } from '../common/grammarreader.js';
import type { LineProblem } from '../common/linereader.js';
import type { CompilerMessage, EscapeSummary } from './model.js';
import { detachMessage } from './messages.js';
import { gcflagsGrammar } from './parser.js';
import { GcflagsBuilder } from './visitor.js';

export type { CompilerMessage, EscapeKind, EscapeReason, EscapeSummary } from './model.js';
export { ESCAPE_KINDS, isEscapeKind } from './model.js';
export { detachMessage, indexOfTopLevel, parsePosition, type CompilerPosition } from './messages.js';

export interface GcflagsReadOptions {
  /** Called with every compiler message, in input order, as soon as it is complete. */
  onMessage?: (d: CompilerMessage) => void;
  /**
   * Called at every `# package` header (after the messages above it went to `onMessage`): a
   * package's output is complete there, even when the next header names the same package again
   * (the output of two builds one after another).
   */
  onPackage?: (name: string) => void;
  /** Which messages the result keeps: true (all, the default), false (none), or a predicate. */
  keep?: boolean | ((d: CompilerMessage) => boolean);
  /**
   * Messages say whether their text is plain (CompilerMessage.plain), for a writer that copies such
   * text as it is (`heapdoc escape --format json`). Off by default: one more scan of every chunk.
   */
  plainMessages?: boolean;
  /** Chunk size in characters (default: common/linereader's; tests use small chunks to cross chunk boundaries). */
  chunkChars?: number;
}

export interface GcflagsParseResult {
  /** The compiler's messages `keep` selected, in input order. */
  messages: CompilerMessage[];
  summary: EscapeSummary;
  /** Saved command lines (`go build -gcflags=-m .`), without the `$ `. */
  commands: string[];
  /** Problems with the input itself (unrecognized or cut lines), sorted by line. */
  diagnostics: Diagnostic[];
}

const BAD_LINE_HINT = "heapdoc kept this line as kind 'unrecognized' and read the rest";
const CUT_HINT = 'the compiler output was cut short; save the whole output again (go build -gcflags=-m … 2>&1 > m.txt)';

/** The messages `keep` selects, and what the end of the input needs to know of the others. */
class KeptMessages {
  readonly messages: CompilerMessage[] = [];
  lastUnrecognizedLine = -1;
  firstCompileError: CompilerMessage | undefined;

  constructor(private readonly keep: GcflagsReadOptions['keep'] = true, private readonly onMessage?: (d: CompilerMessage) => void) {}

  take(d: CompilerMessage): void {
    if (d.kind === 'unrecognized') this.lastUnrecognizedLine = d.inputLine;
    else if (d.kind === 'compile-error') this.firstCompileError ??= detachMessage(d);
    this.onMessage?.(d);
    const keep = this.keep;
    if (keep === true || (typeof keep === 'function' && keep(d))) this.messages.push(detachMessage(d));
  }
}

export class GcflagsReader extends GrammarReader<GcflagsBuilder, never, GcflagsParseResult, IToken> {
  private readonly kept: KeptMessages;

  constructor(source: string, options: GcflagsReadOptions = {}) {
    const kept = new KeptMessages(options.keep, options.onMessage);
    const builder = new GcflagsBuilder(source, (d) => kept.take(d), options.onPackage, options.plainMessages);
    super(source, builder, builder.problemList, gcflagsGrammar, {
      visitLine: (main, line, index, chunk) => builder.visitLine(main, line, index, chunk),
    }, options.chunkChars);
    this.kept = kept;
  }

  protected finish(lines: LinesRead): GcflagsParseResult {
    this.builder.flush();
    const { summary, problems } = this.builder;
    const last = lines.lineCount;
    if (lines.lastLineWasCut && last > 0 && !problems.some((p) => p.line === last && p.severity === 'error')) {
      const cut = this.kept.lastUnrecognizedLine === last ? problems.find((p) => p.line === last) : undefined;
      if (cut) {
        cut.severity = 'error';
        cut.message = cutLineMessage(cut.message);
        cut.hint = CUT_HINT;
        cut.cut = true;
      } else {
        problems.push({
          source: this.source, line: last, column: 1, severity: 'warning',
          message: 'the input does not end with a newline: its last line may be cut',
          hint: 'the go command ends every line; check that the whole output was saved',
        });
      }
    }
    const errors = summary.byKind['compile-error'] ?? 0;
    const firstCompileError = this.kept.firstCompileError;
    if (firstCompileError && errors > 0) {
      const failed = `the build failed (${errors} compile error${errors === 1 ? '' : 's'})`;
      // Nothing but the errors (a syntax error stops the build before escape analysis runs): no
      // analysis to report, so the input is refused, its first error said (audit 45, finding 10).
      problems.push(onlyCompileErrors(summary)
        ? { source: this.source, line: firstCompileError.inputLine, column: 1, severity: 'error',
          message: `${failed} and printed no escape analysis: ${compileErrorWords(firstCompileError)}`,
          hint: 'fix the errors and build again: go build -gcflags=-m ./... 2>&1 | heapdoc escape -' }
        : { source: this.source, line: firstCompileError.inputLine, column: 1, severity: 'warning',
          message: `${failed}: the -m output covers only what compiled`,
          hint: 'fix the errors and build again to see the escape analysis of the whole package' });
    }
    const recognized = summary.lines - summary.unrecognized;
    if (summary.lines === 0) {
      problems.push({ source: this.source, line: 1, column: 1, severity: 'error', message: 'no compiler output here: the input is empty',
        hint: 'capture it with: go build -gcflags=-m ./... 2>&1 | heapdoc escape -' });
    } else if (recognized === 0) {
      problems.push({ source: this.source, line: 1, column: 1, severity: 'error',
        message: "no compiler -m output here: no line is a '# package' header or a compiler message",
        hint: 'capture it with: go build -gcflags=-m ./... 2>&1 | heapdoc escape -' });
    }
    return { messages: this.kept.messages, summary, commands: this.builder.commands, diagnostics: problems };
  }

  /** A line the grammar could not lex or parse: kept as `unrecognized`, one problem. */
  protected badLine(problem: LineProblem): void {
    this.builder.badLine(problem.line, problem.column, problem.text,
      problem.cut ? cutLineMessage(problem.message) : problem.message,
      problem.cut || problem.overlong ? 'error' : 'warning', problem.cut ? CUT_HINT : BAD_LINE_HINT, problem.cut ? true : undefined);
  }
}

export function parseGcflags(text: string, source = '<input>', options?: GcflagsReadOptions): GcflagsParseResult {
  return new GcflagsReader(source, options).parse(text);
}

export function readGcflags(chunks: AsyncIterable<string>, source: string, options?: GcflagsReadOptions): Promise<GcflagsParseResult> {
  return new GcflagsReader(source, options).read(chunks);
}

/** `bad.go:2:20: syntax error: unexpected }, expecting expression`: a compile error as the compiler printed it. */
export function compileErrorWords(d: Pick<CompilerMessage, 'file' | 'line' | 'column' | 'message'>): string {
  const at = d.line > 0 ? `${d.file}:${d.line}${d.column !== undefined && d.column > 0 ? `:${d.column}` : ''}: ` : '';
  return `${at}${d.message}`;
}

/** Whether the output's messages are compile errors and nothing else: the build stopped before escape analysis. */
export function onlyCompileErrors(summary: Pick<EscapeSummary, 'byKind'>): boolean {
  return (summary.byKind['compile-error'] ?? 0) > 0 && Object.entries(summary.byKind).every(([kind, n]) => kind === 'compile-error' || n === 0);
}
