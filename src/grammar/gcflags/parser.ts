/**
 * The grammar of `go build -gcflags=-m` output. Line-based like the heap grammar: the input is
 * read in chunks of whole lines, and the visitor stitches the -m=2 step lines (`  flow: …`,
 * `    from … at …`) to the explanation header above them, which may be in the previous chunk.
 *
 *   lines := line*
 *   line  := Position Message              ./main.go:29:32: make([]byte, 1000) escapes to heap
 *          | PackageHeader NEWLINE         # net/http
 *          | Message                       moved to heap: #next   (go1.25+, no position)
 *          | CommandLine NEWLINE           $ go build -gcflags=-m .
 *          | NEWLINE
 *
 * `Message` is a token category: every template of the catalogue (tokens.ts) is one token, which
 * ends with the line's NEWLINE (two tokens a positioned line), and the templates are grouped by
 * the compiler pass that prints them (escape analysis, inlining, other passes, -m=2 explanations;
 * docs/escape.md). The templates are told apart by the lexer.
 *
 * No CST: the parser is an EmbeddedActionsParser whose `line` records the line's tokens in two
 * arrays (its position, its main token), which the visitor reads by the line's index. A CST cost
 * a node, a children object and three one-token arrays a line, and as much again to visit: twice
 * the parse of the same tokens (measured on `-gcflags=all=-m std`).
 */
import type { IOrAlt, IToken } from 'chevrotain';
import { recordingLineGrammar } from '../common/linereader.js';
import { RecordingLineParser } from '../common/lineparser.js';
import { gcflagsLexer } from './lexer.js';
import { allTokens, CommandLine, Message, Newline, PackageHeader, Position } from './tokens.js';

const RULE_DESCRIPTIONS: Record<string, string> = {
  lines: 'compiler output',
  line: 'a compiler output line',
};

/** `details`: per line, its position token, if it has one. */
export class GcflagsParser extends RecordingLineParser<IToken | undefined> {
  constructor() {
    super(allTokens, RULE_DESCRIPTIONS);
    this.performSelfAnalysis();
  }

  /**
   * The alternatives of `line`, built once: an OR given a new array on every call (five objects
   * and five closures a line) allocated more than the line's tokens (Chevrotain's performance
   * guide, "Caching Arrays of Alternatives"). The closures read the parser through `this` when called.
   */
  private readonly lineAlternatives: IOrAlt<unknown>[] = [
    {
      ALT: () => {
        const position = this.CONSUME(Position);
        this.record(this.CONSUME1(Message), position);
      },
    },
    { ALT: () => { this.record(this.CONSUME(PackageHeader), undefined); this.CONSUME2(Newline); } },
    { ALT: () => this.record(this.CONSUME2(Message), undefined) },
    { ALT: () => { this.record(this.CONSUME(CommandLine), undefined); this.CONSUME4(Newline); } },
    { ALT: () => this.record(this.CONSUME5(Newline), undefined) }, // a blank line
  ];

  /** One line of the go command's output: `base.FmtPos(pos) + ": " + message` (cmd/compile/internal/base/print.go), a header, or the command. */
  public line = this.RULE('line', () => {
    this.OR(this.lineAlternatives);
  });

  /**
   * `lines` repeats `line`'s alternatives in place: a rule's call a line (its arguments' array,
   * two try/finally frames, the rule stacks) cost more than the OR it wraps. The same tokens
   * parse the same; a chunk with an error is read again with `line` (linereader.ts).
   */
  protected override lineInLines(): void {
    this.OR(this.lineAlternatives);
  }
}

/** The one parser instance: Chevrotain parsers are built once and reused for every input. */
export const gcflagsParser = new GcflagsParser();

/**
 * The grammar as the shared chunk loop (common/linereader.ts) drives it: a line is its main token
 * (GcflagsParser.mains); its position is `gcflagsParser.details[index]`, valid until the next parse.
 */
export const gcflagsGrammar = recordingLineGrammar(gcflagsLexer, gcflagsParser);
