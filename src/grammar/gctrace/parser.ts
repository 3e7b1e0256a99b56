/**
 * The GC log grammar: one rule per kind of runtime line (tokens.ts lists every era's format),
 * and `other` for the program's own lines. Line-based, read by the shared chunk loop.
 *
 * No CST: the parser is an EmbeddedActionsParser whose `line` records, per line, its first token
 * (`mains`: the GcLine, ScvgLine or ScavLine of a well-formed runtime line, the OtherLine, the line
 * end of a blank line) and what a rule of its own read (`details`: runtime lines read token by
 * token), which the visitor reads by the line's index (common/lineparser.ts RecordingLineParser,
 * as the heap, gcflags and prometheus grammars). A CST node, its children object and two
 * one-token arrays per line, and Chevrotain's visitor dispatch, were ~15 % of reading a log.
 */
import type { IOrAlt, IToken } from 'chevrotain';
import { recordingLineGrammar } from '../common/linereader.js';
import { RecordingLineParser } from '../common/lineparser.js';
import { gctraceLexer } from './lexer.js';
import {
  allTokens, Arrow, AtSeconds, Background, Clock, Colon, Comma, Consumed, ControllerReset, Cpu, Decimal, Eager, Forced,
  GcKeyword, GcLine, Globals, Goal, Idle, Inuse, KB, KiB, MB, MBParen, Ms, Newline, Now, OtherLine, Percent, Plus, Procs,
  Released, ScavKeyword, ScavLine, ScvgKeyword, ScvgLine, Slash, Stacks, Sys, Total, Util, Work,
} from './tokens.js';

const RULE_DESCRIPTIONS: Record<string, string> = {
  line: 'a GC log line',
  gc: "a 'gc N @Ts P%: …' line",
  scvg: "a 'scvg' line",
  scav: "a 'scav' line",
  times: 'the phase times',
};

/** A `gc N @Ts P%: …` line read token by token (one the GcLine token does not match). */
export interface GcTokens {
  readonly kind: 'gc';
  readonly keyword: IToken;
  readonly number: IToken;
  /** `@0.074s`. */
  readonly atSeconds: IToken;
  readonly percent: IToken;
  /** The phase times, wall clock then CPU: their Decimal tokens. */
  readonly clock: IToken[];
  readonly cpu: IToken[];
  readonly heapStart: IToken;
  readonly heapEnd: IToken;
  readonly live: IToken;
  readonly goal: IToken;
  readonly stacks: IToken | undefined;
  readonly globals: IToken | undefined;
  readonly procs: IToken;
  readonly forced: boolean;
}

/** A `scvg` line read token by token: `scvgN: N MB released` (`released`, `unit`) or the summary (`inuse` … `consumed`). */
export interface ScvgTokens {
  readonly kind: 'scvg';
  readonly keyword: IToken;
  readonly released: IToken | undefined;
  /** `KB` or `MB`, after `released`. */
  readonly unit: IToken | undefined;
  readonly inuse: IToken | undefined;
  readonly idle: IToken | undefined;
  readonly sys: IToken | undefined;
  readonly releasedTotal: IToken | undefined;
  readonly consumed: IToken | undefined;
}

/** A `scav` line read token by token. */
export interface ScavTokens {
  readonly kind: 'scav';
  readonly keyword: IToken;
  /** The work, or (Go 1.14–1.17) the scavenger's generation, with the work next. */
  readonly first: IToken;
  readonly work: IToken | undefined;
  readonly eager: IToken | undefined;
  readonly released: IToken;
  readonly util: IToken;
  readonly forced: boolean;
}

/** What the parser records of a line read by a rule of its own (GcTraceParser.details). */
export type GcTraceLineDetail = GcTokens | ScvgTokens | ScavTokens;

export class GcTraceParser extends RecordingLineParser<GcTraceLineDetail | undefined> {
  constructor() {
    super(allTokens, RULE_DESCRIPTIONS, 2);
    this.performSelfAnalysis();
  }

  /**
   * A well-formed runtime line is one coarse token (tokens.ts GcLine, ScvgLine, ScavLine) taken
   * here, without a rule of its own; any other runtime line is read token by token by its rule,
   * for exact diagnostics. The alternatives are built once: an OR given a new array on every call
   * allocates its objects and closures a line (Chevrotain's performance guide, "Caching Arrays of
   * Alternatives"; the closures read the parser through `this` when called).
   */
  private readonly lineAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => { this.record(this.CONSUME(GcLine), undefined); this.CONSUME3(Newline); } },
    { ALT: () => { this.record(this.CONSUME(ScvgLine), undefined); this.CONSUME4(Newline); } },
    { ALT: () => { this.record(this.CONSUME(ScavLine), undefined); this.CONSUME5(Newline); } },
    { ALT: () => { const gc = this.SUBRULE(this.gc); this.record(gc.keyword, gc); } },
    { ALT: () => { const scvg = this.SUBRULE(this.scvg); this.record(scvg.keyword, scvg); } },
    { ALT: () => { const scav = this.SUBRULE(this.scav); this.record(scav.keyword, scav); } },
    { ALT: () => { this.record(this.CONSUME(OtherLine), undefined); this.CONSUME1(Newline); } },
    { ALT: () => this.record(this.CONSUME2(Newline), undefined) }, // a blank line
  ];

  public line = this.RULE('line', () => {
    this.OR(this.lineAlternatives);
  });

  /** `gc 1 @0.074s 5%: 0.019+6.6+0.097 ms clock, 0.038+5.8/2.5/0+0.19 ms cpu, 3->4->2 MB, 4 MB goal, [9 MB stacks, 0 MB globals, ]2 P[ (forced)]` token by token (a line GcLine does not match). */
  public gc = this.RULE('gc', (): GcTokens => {
    const keyword = this.CONSUME(GcKeyword);
    const number = this.CONSUME1(Decimal);
    const atSeconds = this.CONSUME(AtSeconds);
    const percent = this.CONSUME2(Decimal);
    this.CONSUME(Percent);
    this.CONSUME(Colon);
    const clock = this.SUBRULE1(this.times);
    this.CONSUME1(Ms);
    this.CONSUME(Clock);
    this.CONSUME1(Comma);
    const cpu = this.SUBRULE2(this.times);
    this.CONSUME2(Ms);
    this.CONSUME(Cpu);
    this.CONSUME2(Comma);
    const heapStart = this.CONSUME3(Decimal);
    this.CONSUME1(Arrow);
    const heapEnd = this.CONSUME4(Decimal);
    this.CONSUME2(Arrow);
    const live = this.CONSUME5(Decimal);
    this.CONSUME1(MB);
    this.CONSUME3(Comma);
    const goal = this.CONSUME6(Decimal);
    this.CONSUME2(MB);
    this.CONSUME(Goal);
    this.CONSUME4(Comma);
    // Go 1.18+: `9 MB stacks, 0 MB globals,` — two tokens of lookahead tell it from `2 P`.
    let stacks: IToken | undefined;
    let globals: IToken | undefined;
    this.OPTION(() => {
      stacks = this.CONSUME7(Decimal);
      this.CONSUME3(MB);
      this.CONSUME(Stacks);
      this.CONSUME5(Comma);
      globals = this.CONSUME8(Decimal);
      this.CONSUME4(MB);
      this.CONSUME(Globals);
      this.CONSUME6(Comma);
    });
    const procs = this.CONSUME9(Decimal);
    this.CONSUME(Procs);
    const forced = this.OPTION2(() => this.CONSUME(Forced));
    this.CONSUME(Newline);
    return {
      kind: 'gc', keyword, number, atSeconds, percent, clock, cpu, heapStart, heapEnd, live, goal, stacks, globals, procs,
      forced: forced !== undefined,
    };
  });

  /** Phase times in ms: `0.019+6.6+0.097` (clock), `0.038+5.8/2.5/0+0.19` (cpu: assist/background/idle mark). */
  public times = this.RULE('times', (): IToken[] => {
    const times = [this.CONSUME1(Decimal)];
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(Plus) }, { ALT: () => this.CONSUME(Slash) }]);
      times.push(this.CONSUME2(Decimal));
    });
    return times;
  });

  /** `scvg3: 2 MB released`, `scvg: 1024 KB released`, `scvg3: inuse: 5, idle: 2, sys: 8, released: 2, consumed: 6 (MB)` */
  public scvg = this.RULE('scvg', (): ScvgTokens => {
    const keyword = this.CONSUME(ScvgKeyword);
    const line: ScvgTokens = this.OR([
      {
        ALT: () => {
          const released = this.CONSUME1(Decimal);
          const unit = this.OR2([{ ALT: () => this.CONSUME(MB) }, { ALT: () => this.CONSUME(KB) }]);
          this.CONSUME1(Released);
          return { ...NO_SCVG, keyword, released, unit };
        },
      },
      {
        ALT: () => {
          this.CONSUME(Inuse);
          this.CONSUME1(Colon);
          const inuse = this.CONSUME2(Decimal);
          this.CONSUME1(Comma);
          this.CONSUME(Idle);
          this.CONSUME2(Colon);
          const idle = this.CONSUME3(Decimal);
          this.CONSUME2(Comma);
          this.CONSUME(Sys);
          this.CONSUME3(Colon);
          const sys = this.CONSUME4(Decimal);
          this.CONSUME3(Comma);
          this.CONSUME2(Released);
          this.CONSUME4(Colon);
          const releasedTotal = this.CONSUME5(Decimal);
          this.CONSUME4(Comma);
          this.CONSUME(Consumed);
          this.CONSUME5(Colon);
          const consumed = this.CONSUME6(Decimal);
          this.CONSUME(MBParen);
          return { ...NO_SCVG, keyword, inuse, idle, sys, releasedTotal, consumed };
        },
      },
    ]);
    this.CONSUME(Newline);
    return line;
  });

  /** `scav [G ]N KiB work[ (bg), N KiB work (eager)], N KiB total|now, N% util[ (forced)| [controller reset]]` */
  public scav = this.RULE('scav', (): ScavTokens => {
    const keyword = this.CONSUME(ScavKeyword);
    // Go 1.14–1.17 print the scavenger's generation first: `scav 3 1024 KiB work`.
    const first = this.CONSUME1(Decimal);
    const work = this.OPTION(() => this.CONSUME2(Decimal));
    this.CONSUME1(KiB);
    this.CONSUME1(Work);
    const eager = this.OPTION2(() => {
      this.CONSUME(Background);
      this.CONSUME1(Comma);
      const tok = this.CONSUME3(Decimal);
      this.CONSUME2(KiB);
      this.CONSUME2(Work);
      this.CONSUME(Eager);
      return tok;
    });
    this.CONSUME2(Comma);
    const released = this.CONSUME4(Decimal);
    this.CONSUME3(KiB);
    this.OR([{ ALT: () => this.CONSUME(Total) }, { ALT: () => this.CONSUME(Now) }]);
    this.CONSUME3(Comma);
    const util = this.CONSUME5(Decimal);
    this.CONSUME(Percent);
    this.CONSUME(Util);
    const suffix = this.OPTION3(() => this.OR2([{ ALT: () => this.CONSUME(Forced) }, { ALT: () => this.CONSUME(ControllerReset) }]));
    this.CONSUME(Newline);
    return { kind: 'scav', keyword, first, work, eager, released, util, forced: suffix?.tokenType === Forced };
  });
}

/** A scvg line's fields before its form sets some (one shape for both forms). */
const NO_SCVG: Omit<ScvgTokens, 'keyword'> = {
  kind: 'scvg', released: undefined, unit: undefined, inuse: undefined, idle: undefined, sys: undefined, releasedTotal: undefined, consumed: undefined,
};

export const gcTraceParser = new GcTraceParser();

/**
 * The GC log grammar as the shared chunk loop drives it: a line is its main token
 * (GcTraceParser.mains); what its rule read is `gcTraceParser.details[index]`, valid until the next parse.
 */
export const gcTraceGrammar = recordingLineGrammar(gctraceLexer, gcTraceParser);
