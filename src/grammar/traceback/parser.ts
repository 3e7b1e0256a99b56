/**
 * The traceback grammar, one rule per kind of line runtime/traceback.go prints. Line-based: the
 * visitor pairs each function line with the file line under it and stitches lines into goroutine
 * records, so a record may straddle two chunks.
 */
import type { IOrAlt } from 'chevrotain';
import { lineGrammar } from '../common/linereader.js';
import { LineParser } from '../common/lineparser.js';
import { tracebackLexer } from './lexer.js';
import {
  allTokens,
  CallLine,
  CrashLine,
  CreatedBy,
  Elided,
  FileLine,
  GoroutineId,
  GoroutineKeyword,
  HeaderColon,
  HeaderField,
  HeaderLabels,
  HeaderLine,
  HeaderState,
  Newline,
  Originating,
  StackUnavailable,
} from './tokens.js';

const RULE_DESCRIPTIONS: Record<string, string> = {
  line: 'a goroutine dump line',
  headerFields: "a goroutine header 'goroutine N [state]:'",
};

export class TracebackParser extends LineParser {
  constructor() {
    super(allTokens, RULE_DESCRIPTIONS);
    this.performSelfAnalysis();
  }

  /**
   * One line. The line kinds are alternatives of this one rule rather than rules of their own:
   * a dump has millions of lines, and a sub-rule per line doubles the parser's work. The
   * alternatives are built once: an OR given a new array on every call allocates ten objects and
   * closures a line (Chevrotain's performance guide, "Caching Arrays of Alternatives"; the closures
   * read the parser through `this` when called).
   */
  private readonly lineAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => { this.CONSUME(FileLine); this.CONSUME1(Newline); } },
    { ALT: () => { this.CONSUME(CallLine); this.CONSUME2(Newline); } },
    { ALT: () => { this.CONSUME(HeaderLine); this.CONSUME3(Newline); } },
    { ALT: () => { this.SUBRULE(this.headerFields); this.CONSUME4(Newline); } },
    { ALT: () => { this.CONSUME(CreatedBy); this.CONSUME5(Newline); } },
    { ALT: () => { this.CONSUME(Elided); this.CONSUME6(Newline); } },
    { ALT: () => { this.CONSUME(Originating); this.CONSUME7(Newline); } },
    { ALT: () => { this.CONSUME(StackUnavailable); this.CONSUME8(Newline); } },
    // A crash's preamble and tail (tokens.ts): the one CONSUME index of Newline left in this rule.
    { ALT: () => { this.CONSUME(CrashLine); this.CONSUME(Newline); } },
    { ALT: () => this.CONSUME9(Newline) }, // a blank line
  ];

  public line = this.RULE('line', () => {
    this.OR(this.lineAlternatives);
  });

  /** A header the coarse token did not match: `goroutine` id [gp=… m=… mp=…] `[state…]` [labels] `:` */
  public headerFields = this.RULE('headerFields', () => {
    this.CONSUME(GoroutineKeyword);
    this.CONSUME(GoroutineId);
    this.MANY(() => this.CONSUME(HeaderField));
    this.CONSUME(HeaderState);
    this.OPTION(() => this.CONSUME(HeaderLabels));
    this.CONSUME(HeaderColon);
  });
}

/** The one parser instance (Chevrotain parsers are built once and reused). */
export const tracebackParser = new TracebackParser();

export const tracebackGrammar = lineGrammar(tracebackLexer, tracebackParser);
