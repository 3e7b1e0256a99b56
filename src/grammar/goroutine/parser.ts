/**
 * The count profile grammar, one rule per kind of line `runtime/pprof.printCountProfile` prints
 * (src/runtime/pprof/pprof.go). Line-based like the heap grammar: the visitor stitches the labels
 * and frame lines to the record above them, so a record may straddle two chunks.
 */
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

  public line = this.RULE('line', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.record) },
      { ALT: () => this.SUBRULE(this.frame) },
      { ALT: () => this.SUBRULE(this.labels) },
      { ALT: () => this.SUBRULE(this.header) },
      { ALT: () => this.CONSUME(Newline) }, // a blank line
    ]);
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
    this.OR([
      { ALT: () => this.CONSUME(StackPcs) },
      {
        ALT: () => {
          this.CONSUME(At);
          this.MANY(() => this.CONSUME(Hex));
        },
      },
    ]);
    this.CONSUME(Newline);
  });

  /** `# labels: {"handler":"fetch"}` */
  public labels = this.RULE('labels', () => {
    this.CONSUME(LabelsMarker);
    this.CONSUME(LabelSet);
    this.CONSUME(Newline);
  });

  /** A whole frame line, or `#\t0x…[\tfunc+0x…[\tfile:line]]` in fine tokens. */
  /** `#\t0x675bdb\tmain.waitForReply+0x3b\t/…/main.go:68` (common/frames.ts). */
  public frame = this.RULE('frame', () => this.frameLine(frameTokens, Newline));
}

/** The one parser instance (Chevrotain parsers are built once and reused). */
export const goroutineProfileParser = new GoroutineProfileParser();

export const goroutineProfileGrammar = lineGrammar(goroutineProfileLexer, goroutineProfileParser);
