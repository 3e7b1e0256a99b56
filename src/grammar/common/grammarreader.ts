/**
 * The reader every line grammar's `index.ts` is built on. A grammar gives its line grammar
 * (tokens + parser: `<format>Grammar`), its visitor (the builder) and how its lines are handled
 * (LineHandler: the cache of repeated lines, blank lines, `visitLine`); this class does the rest:
 * the streaming (`push`/`end`, `parse` for a string, `read` for a stream), the chunk loop
 * (linereader.ts) and the diagnostics plumbing (a bad line's diagnostic, "nothing of the format
 * here", the order of the diagnostics).
 *
 *   export class GcTraceReader extends GrammarReader<GcTraceBuilder, never, GcTraceParseResult> { … }
 *   export const parseGcTrace = (text: string, source = '<input>') => new GcTraceReader(source).parse(text);
 */
import type { CstNode } from 'chevrotain';
import type { Diagnostic, DiagnosticList } from './diagnostic.js';
import { ChunkedLineReader, type LineConsumer, type LineGrammar, type LineProblem } from './linereader.js';

/** How a grammar's lines are handled: a LineConsumer without `badLine`, which the reader reports. */
export type LineHandler<K, L = CstNode> = Omit<LineConsumer<K, L>, 'badLine'>;

/** What the chunk loop counted, for `finish`. */
export interface LinesRead {
  /** Lines read (the last one counted even without a final line end). */
  readonly lineCount: number;
  /** True when the input's last line has no line end. */
  readonly lastLineWasCut: boolean;
  /** Its length then. */
  readonly cutLineLength: number;
}

/** The error for an input that holds nothing of the format (line 1, column 1). */
export interface NothingHere {
  message: string;
  hint: string;
}

/** The hints of a bad line's diagnostic: for a line the end of the input cut, and for any other. */
export interface BadLineHints {
  cut?: string;
  fix: string;
}

/** The message of a line the end of the input cut. */
export function cutLineMessage(message: string): string {
  return `${CUT_LINE}: ${message}`;
}

const CUT_LINE = 'the input ends in the middle of this line (truncated?)';

/**
 * The message of an input's last line that reads but has no line end, in a format that ends every
 * line with one (a cut number still reads: `512000` of `5120000`); `use` says what became of it.
 */
export function unendedLineMessage(use: string): string {
  return `the input ends without a line end, so this line may be cut short (truncated?); ${use}`;
}

/** Diagnostics in input order; those about the whole input (line 0) last. */
function byPosition(a: Diagnostic, b: Diagnostic): number {
  return (a.line || Infinity) - (b.line || Infinity) || a.column - b.column;
}

/**
 * `B`: the grammar's builder (its visitor); `K`: what a cached line gives (LineConsumer); `R`: the
 * grammar's parse result; `L`: what the parser gives for a line (LineGrammar: a CST node by default).
 */
export abstract class GrammarReader<B, K, R, L = CstNode> {
  private readonly lines: ChunkedLineReader<K, L>;
  /** The input line of the first line read (startAt). */
  private firstLine = 1;

  /**
   * `diagnostics`: the list the builder collects its problems in, which bad lines are added to
   * and which `end` sorts and closes (its `items` are the result's `diagnostics`).
   */
  constructor(
    protected readonly source: string,
    protected readonly builder: B,
    private readonly diagnostics: DiagnosticList,
    grammar: LineGrammar<L>,
    handler: LineHandler<K, L>,
    chunkChars?: number,
  ) {
    this.lines = new ChunkedLineReader<K, L>(grammar, { ...handler, badLine: (problem) => this.badLine(problem) }, chunkChars);
  }

  /**
   * Numbers the lines from `line` on, before any text is pushed: a document cut from a stream of
   * several kinds (input/documents.ts) is read with the stream's line numbers.
   */
  startAt(line: number): this {
    this.firstLine = line;
    this.lines.startAt(line);
    return this;
  }

  /** The lines read so far (the input line of the last one, after startAt). */
  get lineCount(): number {
    return this.lines.lineCount;
  }

  push(text: string): void {
    this.lines.push(text);
  }

  end(): R {
    this.lines.end();
    const result = this.finish(this.lines);
    const diagnostics = this.diagnostics.items;
    const nothing = diagnostics.length === 0 ? this.nothingHere(result) : undefined;
    if (nothing) diagnostics.push({ source: this.source, line: this.firstLine, column: 1, severity: 'error', ...nothing });
    diagnostics.sort(byPosition);
    // After the sort: the note on problems not kept is about the whole input, and comes last.
    this.diagnostics.close();
    return result;
  }

  /** Reads a whole string. */
  parse(text: string): R {
    this.push(text);
    return this.end();
  }

  /** Reads a stream of text chunks. */
  async read(chunks: AsyncIterable<string>): Promise<R> {
    for await (const chunk of chunks) this.push(chunk);
    return this.end();
  }

  /** The result, once every line is read. */
  protected abstract finish(lines: LinesRead): R;

  /** The error for an input with nothing of the format in it, when no other problem says why. */
  protected nothingHere(_result: R): NothingHere | undefined {
    return undefined;
  }

  /** A line the grammar could not read (linereader.ts): usually one error, reportBadLine. */
  protected abstract badLine(problem: LineProblem): void;

  /** One error for a bad line; a line the end of the input cut says so. */
  protected reportBadLine(problem: LineProblem, hints: BadLineHints,
    // A cut line's lexing error is about the cut, not the line ('unexpected character "#"' of a lone #).
    message = problem.cut ? (problem.lexical ? CUT_LINE : cutLineMessage(problem.message)) : problem.message): void {
    this.diagnostics.add({
      source: this.source, line: problem.line, column: problem.column, severity: 'error',
      message,
      hint: problem.cut && hints.cut !== undefined ? hints.cut : hints.fix,
      ...(problem.cut ? { cut: true as const } : {}),
    });
  }
}
