/**
 * The grammar of `go build -gcflags=-m` output. Line-based like the heap grammar: the input is
 * read in chunks of whole lines, and the visitor stitches the -m=2 step lines (`  flow: …`,
 * `    from … at …`) to the explanation header above them, which may be in the previous chunk.
 *
 *   lines := line*
 *   line  := Position Message NEWLINE      ./main.go:29:32: make([]byte, 1000) escapes to heap
 *          | PackageHeader NEWLINE         # net/http
 *          | Message NEWLINE               moved to heap: #next   (go1.25+, no position)
 *          | CommandLine NEWLINE           $ go build -gcflags=-m .
 *          | NEWLINE
 *
 * `Message` is a token category: every template of the catalogue (tokens.ts) is one token, and
 * the templates are grouped by the compiler pass that prints them (escape analysis, inlining,
 * other passes, -m=2 explanations; docs/escape.md). The templates are told apart by the lexer,
 * so one line is one CST node with three tokens: the fastest shape Chevrotain offers.
 */
import type { IOrAlt } from 'chevrotain';
import { lineGrammar } from '../common/linereader.js';
import { LineParser } from '../common/lineparser.js';
import { gcflagsLexer } from './lexer.js';
import { allTokens, CommandLine, Message, Newline, PackageHeader, Position } from './tokens.js';

const RULE_DESCRIPTIONS: Record<string, string> = {
  lines: 'compiler output',
  line: 'a compiler output line',
};

export class GcflagsParser extends LineParser {
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
        this.CONSUME(Position);
        this.CONSUME1(Message);
        this.CONSUME1(Newline);
      },
    },
    { ALT: () => { this.CONSUME(PackageHeader); this.CONSUME2(Newline); } },
    { ALT: () => { this.CONSUME2(Message); this.CONSUME3(Newline); } },
    { ALT: () => { this.CONSUME(CommandLine); this.CONSUME4(Newline); } },
    { ALT: () => this.CONSUME5(Newline) }, // a blank line
  ];

  /** One line of the go command's output: `base.FmtPos(pos) + ": " + message` (cmd/compile/internal/base/print.go), a header, or the command. */
  public line = this.RULE('line', () => {
    this.OR(this.lineAlternatives);
  });
}

/** The one parser instance: Chevrotain parsers are built once and reused for every input. */
export const gcflagsParser = new GcflagsParser();

/** The grammar as the shared chunk loop (common/linereader.ts) drives it. */
export const gcflagsGrammar = lineGrammar(gcflagsLexer, gcflagsParser);
