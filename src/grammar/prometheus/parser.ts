/**
 * The exposition grammar, one rule per kind of line (prometheus/common expfmt text_parse.go and
 * the OpenMetrics 1.0 text format). Line-based, like every grammar here: an exposition is read in
 * chunks of whole lines, and the visitor keeps the metric families and targets across chunks.
 */
import type { IOrAlt, IToken } from 'chevrotain';
import { recordingLineGrammar } from '../common/linereader.js';
import { RecordingLineParser } from '../common/lineparser.js';
import { prometheusLexer } from './lexer.js';
import {
  allTokens, Comma, Comment, Docstring, EofMarker, Equals, HelpKeyword, HelpName, LCurly, Name, Newline,
  NumberLiteral, QuotedString, RCurly, SampleLine, SpecialFloat, TypeKeyword, UnitKeyword,
} from './tokens.js';

/** The tokens of a `# HELP name text` line. */
export interface HelpLine {
  readonly kind: 'help';
  readonly keyword: IToken;
  readonly name: IToken;
  readonly docstring: IToken | undefined;
  readonly newline: IToken;
}

/** The tokens of a `# TYPE name type` line. */
export interface TypeLine {
  readonly kind: 'type';
  readonly keyword: IToken;
  readonly metric: IToken;
  readonly type: IToken;
  readonly newline: IToken;
}

/** The tokens of a `# UNIT name [unit]` line. */
export interface UnitLine {
  readonly kind: 'unit';
  readonly keyword: IToken;
  readonly metric: IToken;
  readonly unit: IToken | undefined;
}

/** One label of a sample read token by token: `name="text"`, `"quoted"="text"`, or a lone `"quoted"`. */
export interface LabelTokens {
  readonly name: IToken | undefined;
  readonly quoted: IToken | undefined;
  readonly text: IToken | undefined;
}

/** The braces of a sample read token by token. */
export interface LabelsTokens {
  readonly open: IToken;
  readonly labels: LabelTokens[];
}

/** A sample line read token by token (one the SampleLine token does not match). */
export interface SampleTokens {
  readonly kind: 'sample';
  readonly metric: IToken | undefined;
  readonly labels: LabelsTokens | undefined;
  /** A NumberLiteral or a SpecialFloat. */
  readonly value: IToken;
  readonly timestamp: IToken | undefined;
}

/** What the parser records of a line read by a rule of its own (PrometheusParser.details). */
export type LineDetail = HelpLine | TypeLine | UnitLine | SampleTokens;

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

/**
 * No CST: the parser is an EmbeddedActionsParser whose `line` records, per line, its first token
 * (`mains`: the SampleLine of a well-formed sample, the EofMarker, the Comment, the Newline of a
 * blank line) and what a rule of its own read (`details`: HELP, TYPE, UNIT and token-by-token
 * sample lines), which the visitor reads by the line's index (as the gcflags grammar does). A CST
 * cost a node, a children object and two one-token arrays a sample line, and a visit to read them.
 */
export class PrometheusParser extends RecordingLineParser<LineDetail | undefined> {
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
    { ALT: () => { this.record(this.CONSUME(SampleLine), undefined); this.CONSUME4(Newline); } },
    { ALT: () => { const sample = this.SUBRULE(this.sample); this.record(sample.metric ?? sample.labels?.open ?? sample.value, sample); } },
    { ALT: () => { const help = this.SUBRULE(this.help); this.record(help.keyword, help); } },
    { ALT: () => { const type = this.SUBRULE(this.type); this.record(type.keyword, type); } },
    { ALT: () => { const unit = this.SUBRULE(this.unit); this.record(unit.keyword, unit); } },
    { ALT: () => { this.record(this.CONSUME(EofMarker), undefined); this.CONSUME1(Newline); } },
    { ALT: () => { this.record(this.CONSUME(Comment), undefined); this.CONSUME2(Newline); } },
    { ALT: () => this.record(this.CONSUME3(Newline), undefined) }, // a blank line
  ];

  public line = this.RULE('line', () => {
    this.OR(this.lineAlternatives);
  });

  /** `# HELP go_goroutines Number of goroutines that currently exist.` */
  public help = this.RULE('help', (): HelpLine => {
    const keyword = this.CONSUME(HelpKeyword);
    const name = this.CONSUME(HelpName);
    const docstring = this.OPTION(() => this.CONSUME(Docstring));
    const newline = this.CONSUME(Newline);
    return { kind: 'help', keyword, name, docstring, newline };
  });

  /** `# TYPE go_goroutines gauge` */
  public type = this.RULE('type', (): TypeLine => {
    const keyword = this.CONSUME(TypeKeyword);
    const metric = this.CONSUME1(Name);
    const type = this.CONSUME2(Name);
    const newline = this.CONSUME(Newline);
    return { kind: 'type', keyword, metric, type, newline };
  });

  /** `# UNIT go_memstats_alloc_bytes bytes` (OpenMetrics). */
  public unit = this.RULE('unit', (): UnitLine => {
    const keyword = this.CONSUME(UnitKeyword);
    const metric = this.CONSUME1(Name);
    const unit = this.OPTION(() => this.CONSUME2(Name));
    this.CONSUME(Newline);
    return { kind: 'unit', keyword, metric, unit };
  });

  /** `name{labels} value [timestamp] [# exemplar]` token by token (a line SampleLine does not match); a quoted UTF-8 name sits inside the braces. */
  public sample = this.RULE('sample', (): SampleTokens => {
    let metric: IToken | undefined;
    let labels: LabelsTokens | undefined;
    this.OR2([
      {
        ALT: () => {
          metric = this.CONSUME(Name);
          labels = this.OPTION(() => this.SUBRULE1(this.labels));
        },
      },
      { ALT: () => { labels = this.SUBRULE2(this.labels); } },
    ]);
    const value = this.SUBRULE1(this.value);
    const timestamp = this.OPTION2(() => this.SUBRULE2(this.value));
    this.OPTION3(() => this.CONSUME(Comment)); // an exemplar
    this.CONSUME(Newline);
    return { kind: 'sample', metric, labels, value, timestamp };
  });

  public labels = this.RULE('labels', (): LabelsTokens => {
    const open = this.CONSUME(LCurly);
    const labels: LabelTokens[] = [];
    this.OPTION(() => {
      labels.push(this.SUBRULE1(this.label));
      // Two tokens of lookahead tell `,name=` (another label) from `,}` (a trailing comma).
      this.MANY(() => {
        this.CONSUME1(Comma);
        labels.push(this.SUBRULE2(this.label));
      });
      this.OPTION2(() => this.CONSUME2(Comma));
    });
    this.CONSUME(RCurly);
    return { open, labels };
  });

  /** `name="value"`, `"utf-8 name"="value"`, or a lone `"utf-8 metric name"`. */
  public label = this.RULE('label', (): LabelTokens => this.OR([
    {
      ALT: (): LabelTokens => {
        const name = this.CONSUME(Name);
        this.CONSUME1(Equals);
        return { name, quoted: undefined, text: this.CONSUME1(QuotedString) };
      },
    },
    {
      ALT: (): LabelTokens => {
        const quoted = this.CONSUME2(QuotedString);
        const text = this.OPTION(() => {
          this.CONSUME2(Equals);
          return this.CONSUME3(QuotedString);
        });
        return { name: undefined, quoted, text };
      },
    },
  ]));

  /** A NumberLiteral or a SpecialFloat. */
  public value = this.RULE('value', (): IToken => this.OR([{ ALT: () => this.CONSUME(NumberLiteral) }, { ALT: () => this.CONSUME(SpecialFloat) }]));
}

/** The one parser instance: Chevrotain parsers are built once and reused. */
export const prometheusParser = new PrometheusParser();

/**
 * The exposition grammar as the shared chunk loop (common/linereader.ts) drives it: a line is its
 * first token (PrometheusParser.mains); what its rule read is `prometheusParser.details[index]`,
 * valid until the next parse.
 */
export const prometheusGrammar = recordingLineGrammar(prometheusLexer, prometheusParser);
