/**
 * What every line grammar's parser shares: Chevrotain's CstParser configured for lines (no
 * recovery, the rules' descriptions in messages: lineParserConfig) and the `lines` rule that
 * parses a chunk of whole lines. A grammar defines `line`, whose alternatives each end with the
 * line's Newline and whose last alternative is a blank line, `{ ALT: () => this.CONSUME(Newline) }`,
 * and calls performSelfAnalysis() at the end of its constructor, once its own rules exist.
 */
import type { CstNode, ParserMethod, TokenVocabulary } from 'chevrotain';
import { CstParser } from './chevrotain.js';
import { lineParserConfig } from './linereader.js';

export abstract class LineParser extends CstParser {
  constructor(tokens: TokenVocabulary, descriptions: Readonly<Record<string, string>>, maxLookahead = 1) {
    super(tokens, lineParserConfig(descriptions, maxLookahead));
  }

  /** One line of the format, its Newline included. */
  abstract line: ParserMethod<[], CstNode>;

  /** A chunk of whole lines. */
  public lines = this.RULE('lines', () => {
    this.MANY(() => this.SUBRULE(this.line));
  });
}
