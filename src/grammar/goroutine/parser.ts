/**
 * The count profile grammar, one rule per kind of line `runtime/pprof.printCountProfile` prints
 * (src/runtime/pprof/pprof.go). Line-based like the heap grammar: the visitor stitches the labels
 * and frame lines to the record above them, so a record may straddle two chunks.
 */
import type { IOrAlt } from 'chevrotain';
import { FrameLineParser } from '../common/frames.js';
import { lineGrammar } from '../common/linereader.js';
import { goroutineProfileLexer } from './lexer.js';
import {
  allTokens,
  At,
  frameTokens,
  Hex,
  Integer,
  LabelSet,
  LabelsMarker,
  Newline,
  ProfileName,
  StackPcs,
  Total,
} from './tokens.js';

const RULE_DESCRIPTIONS: Record<string, string> = {
  line: 'a goroutine profile line',
  header: "the '<name> profile: total N' header",
  record: "a record 'N @ 0x…'",
  labels: "a '# labels:' line",
  frame: 'a frame line',
};

export class GoroutineProfileParser extends FrameLineParser {
  constructor() {
    super(allTokens, RULE_DESCRIPTIONS);
    this.performSelfAnalysis();
  }

  /**
   * The alternatives of `line` and of a record's stack, built once: an OR given a new array on
   * every call allocates its objects and closures a line (Chevrotain's performance guide,
   * "Caching Arrays of Alternatives"; as the heap grammar). The closures read the rules through
   * `this` when called.
   */
  private readonly lineAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => this.SUBRULE(this.record) },
    this.frameLineAlternative(frameTokens, Newline), // a well-formed frame line: most of a dump's lines
    { ALT: () => this.SUBRULE(this.frame) },
    { ALT: () => this.SUBRULE(this.labels) },
    { ALT: () => this.SUBRULE(this.header) },
    { ALT: () => this.CONSUME2(Newline) }, // a blank line
  ];

  private readonly stackAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => this.CONSUME(StackPcs) },
    {
      ALT: () => {
        this.CONSUME(At);
        this.MANY(() => this.CONSUME(Hex));
      },
    },
  ];

  public line = this.RULE('line', () => {
    this.OR(this.lineAlternatives);
  });

  /** `goroutine profile: total 764` */
  public header = this.RULE('header', () => {
    this.CONSUME(ProfileName);
    this.CONSUME(Total);
    this.CONSUME(Integer);
    this.CONSUME(Newline);
  });

  /** `190 @ 0x43bbce 0x4081ed …`: the coarse stack token, or `@` and hex tokens (a malformed stack). */
  public record = this.RULE('record', () => {
    this.CONSUME(Integer);
    this.OR(this.stackAlternatives);
    this.CONSUME(Newline);
  });

  /** `# labels: {"handler":"fetch"}` */
  public labels = this.RULE('labels', () => {
    this.CONSUME(LabelsMarker);
    this.CONSUME(LabelSet);
    this.CONSUME(Newline);
  });

  /**
   * A frame line the coarse `FrameLine` token did not match (`line` takes that one), in the fine
   * tokens so that a malformed line is diagnosed at its exact column (common/frames.ts):
   * `#\t0x675bdb\tmain.waitForReply+0x3b\t/…/main.go:68`.
   */
  public frame = this.RULE('frame', () => this.frameLine(frameTokens, Newline));
}

/** The one parser instance (Chevrotain parsers are built once and reused). */
export const goroutineProfileParser = new GoroutineProfileParser();

export const goroutineProfileGrammar = lineGrammar(goroutineProfileLexer, goroutineProfileParser);
