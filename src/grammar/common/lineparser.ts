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

  /**
   * Chevrotain's own (its TreeBuilder trait, chevrotain 11.2) with one change: a node's children
   * are a plain object, not `Object.create(null)`. An object without a prototype is a dictionary in
   * V8, allocated and read by hashing; a plain object's keys take hidden classes the visitors'
   * property reads cache (one such object a line or more: in the heap grammar ~4 % of the parse of
   * a dump whose frames are all distinct, ~2.5 % of the whole run). So no name in a line grammar
   * (rules, tokens, labels) may be one of Object.prototype's. test/grammar/common/lineparser.test.ts
   * checks that Chevrotain still calls it, that Chevrotain's own still does the same but for the
   * children's prototype, and every grammar's names.
   */
  protected cstInvocationStateUpdate(fullRuleName: string): void {
    const cstNode: CstNode = { name: fullRuleName, children: {} };
    const self = this as unknown as { setInitialNodeLocation(node: CstNode): void; CST_STACK: CstNode[] };
    self.setInitialNodeLocation(cstNode);
    self.CST_STACK.push(cstNode);
  }

  /** One line of the format, its Newline included. */
  abstract line: ParserMethod<[], CstNode>;

  /** A chunk of whole lines. */
  public lines = this.RULE('lines', () => {
    this.MANY(() => this.SUBRULE(this.line));
  });
}
