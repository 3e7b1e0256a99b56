/**
 * The exposition grammar, one rule per kind of line (prometheus/common expfmt text_parse.go and
 * the OpenMetrics 1.0 text format). Line-based, like every grammar here: an exposition is read in
 * chunks of whole lines, and the visitor keeps the metric families and targets across chunks.
 */
import type { IOrAlt } from 'chevrotain';
import { lineGrammar } from '../common/linereader.js';
import { LineParser } from '../common/lineparser.js';
import { prometheusLexer } from './lexer.js';
import {
  allTokens, Comma, Comment, Docstring, EofMarker, Equals, HelpKeyword, HelpName, LCurly, Name, Newline,
  NumberLiteral, QuotedString, RCurly, SampleLine, SpecialFloat, TypeKeyword, UnitKeyword,
} from './tokens.js';

/** How diagnostics name each rule ("expected a number in a sample line"). */
const RULE_DESCRIPTIONS: Record<string, string> = {
  line: 'an exposition line',
  help: "a '# HELP name text' line",
  type: "a '# TYPE name type' line",
  unit: "a '# UNIT name unit' line",
  sample: 'a sample line',
  labels: "the labels '{name=\"value\",…}'",
  label: "a label 'name=\"value\"'",
  value: 'a sample value',
};

export class PrometheusParser extends LineParser {
  constructor() {
    super(allTokens, RULE_DESCRIPTIONS, 2);
    this.performSelfAnalysis();
  }

  /**
   * A well-formed sample line is one coarse token (tokens.ts SampleLine) taken here, without a
   * rule of its own (a rule per line is a CST node per line); any other sample line is read token
   * by token by `sample`, for exact diagnostics. The alternatives are built once: an OR given a
   * new array on every call allocates its objects and closures a line (Chevrotain's performance
   * guide, "Caching Arrays of Alternatives"; the closures read the parser through `this` when called).
   */
  private readonly lineAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => { this.CONSUME(SampleLine); this.CONSUME4(Newline); } },
    { ALT: () => this.SUBRULE(this.sample) },
    { ALT: () => this.SUBRULE(this.help) },
    { ALT: () => this.SUBRULE(this.type) },
    { ALT: () => this.SUBRULE(this.unit) },
    { ALT: () => { this.CONSUME(EofMarker); this.CONSUME1(Newline); } },
    { ALT: () => { this.CONSUME(Comment); this.CONSUME2(Newline); } },
    { ALT: () => this.CONSUME3(Newline) }, // a blank line
  ];

  public line = this.RULE('line', () => {
    this.OR(this.lineAlternatives);
  });

  /** `# HELP go_goroutines Number of goroutines that currently exist.` */
  public help = this.RULE('help', () => {
    this.CONSUME(HelpKeyword);
    this.CONSUME(HelpName);
    this.OPTION(() => this.CONSUME(Docstring));
    this.CONSUME(Newline);
  });

  /** `# TYPE go_goroutines gauge` */
  public type = this.RULE('type', () => {
    this.CONSUME(TypeKeyword);
    this.CONSUME1(Name, { LABEL: 'metric' });
    this.CONSUME2(Name, { LABEL: 'kind' });
    this.CONSUME(Newline);
  });

  /** `# UNIT go_memstats_alloc_bytes bytes` (OpenMetrics). */
  public unit = this.RULE('unit', () => {
    this.CONSUME(UnitKeyword);
    this.CONSUME1(Name, { LABEL: 'metric' });
    this.OPTION(() => this.CONSUME2(Name, { LABEL: 'unit' }));
    this.CONSUME(Newline);
  });

  /** `name{labels} value [timestamp] [# exemplar]` token by token (a line SampleLine does not match); a quoted UTF-8 name sits inside the braces. */
  public sample = this.RULE('sample', () => {
    this.OR2([
      {
        ALT: () => {
          this.CONSUME(Name, { LABEL: 'metric' });
          this.OPTION(() => this.SUBRULE1(this.labels));
        },
      },
      { ALT: () => this.SUBRULE2(this.labels) },
    ]);
    this.SUBRULE1(this.value);
    this.OPTION2(() => this.SUBRULE2(this.value, { LABEL: 'timestamp' }));
    this.OPTION3(() => this.CONSUME(Comment, { LABEL: 'exemplar' }));
    this.CONSUME(Newline);
  });

  public labels = this.RULE('labels', () => {
    this.CONSUME(LCurly);
    this.OPTION(() => {
      this.SUBRULE1(this.label);
      // Two tokens of lookahead tell `,name=` (another label) from `,}` (a trailing comma).
      this.MANY(() => {
        this.CONSUME1(Comma);
        this.SUBRULE2(this.label);
      });
      this.OPTION2(() => this.CONSUME2(Comma));
    });
    this.CONSUME(RCurly);
  });

  /** `name="value"`, `"utf-8 name"="value"`, or a lone `"utf-8 metric name"`. */
  public label = this.RULE('label', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Name, { LABEL: 'name' });
          this.CONSUME1(Equals);
          this.CONSUME1(QuotedString, { LABEL: 'text' });
        },
      },
      {
        ALT: () => {
          this.CONSUME2(QuotedString, { LABEL: 'quoted' });
          this.OPTION(() => {
            this.CONSUME2(Equals);
            this.CONSUME3(QuotedString, { LABEL: 'text' });
          });
        },
      },
    ]);
  });

  public value = this.RULE('value', () => {
    this.OR([{ ALT: () => this.CONSUME(NumberLiteral) }, { ALT: () => this.CONSUME(SpecialFloat) }]);
  });
}

/** The one parser instance: Chevrotain parsers are built once and reused. */
export const prometheusParser = new PrometheusParser();

/** The exposition grammar as the shared chunk loop drives it. */
export const prometheusGrammar = lineGrammar(prometheusLexer, prometheusParser);
