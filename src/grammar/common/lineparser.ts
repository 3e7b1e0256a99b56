/**
 * What every line grammar's parser shares: Chevrotain's CstParser configured for lines (no
 * recovery, the rules' descriptions in messages: lineParserConfig) and the `lines` rule that
 * parses a chunk of whole lines. A grammar defines `line`, whose alternatives each end with the
 * line's Newline and whose last alternative is a blank line, `{ ALT: () => this.CONSUME(Newline) }`,
 * and calls performSelfAnalysis() at the end of its constructor, once its own rules exist.
 */
import type { CstNode, IToken, ParserMethod, TokenVocabulary } from 'chevrotain';
import { CstParser, EmbeddedActionsParser } from './chevrotain.js';
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

/**
 * A line grammar's parser without a CST (gcflags, prometheus): an EmbeddedActionsParser whose
 * `line` records, per line of the last parse, its main token (`mains`) and what else the grammar
 * keeps of it (`details`, `D`), which the visitor reads by the line's index
 * (linereader.ts recordingLineGrammar). The same `lines` rule as LineParser's.
 */
export abstract class RecordingLineParser<D> extends EmbeddedActionsParser {
  /**
   * Per line of the last parse, by its index: its main token. Only the first `count` entries are
   * the last parse's: the arrays are written over from parse to parse, not emptied (`length = 0`
   * drops an array's store, and every chunk then grew a new one by copies: in a dump of a million
   * frame lines, 69 MB allocated of 761).
   */
  readonly mains: IToken[] = [];
  /** Per line of the last parse: what the grammar records of it besides its main token. */
  readonly details: D[] = [];
  /** Lines the last parse recorded. */
  count = 0;

  constructor(tokens: TokenVocabulary, descriptions: Readonly<Record<string, string>>, maxLookahead = 1) {
    super(tokens, lineParserConfig(descriptions, maxLookahead));
  }

  /** Starts a parse of `tokens`: the records of the last one are written over. */
  setInput(tokens: IToken[]): void {
    this.count = 0;
    this.input = tokens;
  }

  protected record(main: IToken, detail: D): void {
    if (this.RECORDING_PHASE) return; // performSelfAnalysis records the grammar: no tokens then
    const i = this.count++;
    this.mains[i] = main;
    this.details[i] = detail;
  }

  /** One line of the format, its Newline included. */
  abstract line: ParserMethod<[], unknown>;

  /**
   * One line inside `lines`: `line` called. A grammar may parse its line's alternatives in place
   * instead (gcflags), where a rule's call costs more than the OR it wraps; `line` stays the rule
   * a bad chunk's lines are read with one by one (linereader.ts), so the diagnostics are its.
   */
  protected lineInLines(): void {
    this.SUBRULE(this.line);
  }

  /** A chunk of whole lines. */
  public lines = this.RULE('lines', () => {
    this.MANY(() => this.lineInLines());
  });
}
