/**
 * The GC log grammar: one rule per kind of runtime line (tokens.ts lists every era's format),
 * and `other` for the program's own lines. Line-based, read by the shared chunk loop.
 */
import type { IOrAlt } from 'chevrotain';
import { lineGrammar } from '../common/linereader.js';
import { LineParser } from '../common/lineparser.js';
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

export class GcTraceParser extends LineParser {
  constructor() {
    super(allTokens, RULE_DESCRIPTIONS, 2);
    this.performSelfAnalysis();
  }

  /**
   * A well-formed runtime line is one coarse token (tokens.ts GcLine, ScvgLine, ScavLine) taken
   * here, without a rule of its own (a rule per line is a CST node per line); any other runtime
   * line is read token by token by its rule, for exact diagnostics. The alternatives are built
   * once: an OR given a new array on every call allocates its objects and closures a line
   * (Chevrotain's performance guide, "Caching Arrays of Alternatives"; the closures read the
   * parser through `this` when called).
   */
  private readonly lineAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => { this.CONSUME(GcLine); this.CONSUME3(Newline); } },
    { ALT: () => { this.CONSUME(ScvgLine); this.CONSUME4(Newline); } },
    { ALT: () => { this.CONSUME(ScavLine); this.CONSUME5(Newline); } },
    { ALT: () => this.SUBRULE(this.gc) },
    { ALT: () => this.SUBRULE(this.scvg) },
    { ALT: () => this.SUBRULE(this.scav) },
    { ALT: () => { this.CONSUME(OtherLine); this.CONSUME1(Newline); } },
    { ALT: () => this.CONSUME2(Newline) }, // a blank line
  ];

  public line = this.RULE('line', () => {
    this.OR(this.lineAlternatives);
  });

  /** `gc 1 @0.074s 5%: 0.019+6.6+0.097 ms clock, 0.038+5.8/2.5/0+0.19 ms cpu, 3->4->2 MB, 4 MB goal, [9 MB stacks, 0 MB globals, ]2 P[ (forced)]` token by token (a line GcLine does not match). */
  public gc = this.RULE('gc', () => {
    this.CONSUME(GcKeyword);
    this.CONSUME1(Decimal, { LABEL: 'number' });
    this.CONSUME(AtSeconds);
    this.CONSUME2(Decimal, { LABEL: 'percent' });
    this.CONSUME(Percent);
    this.CONSUME(Colon);
    this.SUBRULE1(this.times, { LABEL: 'clock' });
    this.CONSUME1(Ms);
    this.CONSUME(Clock);
    this.CONSUME1(Comma);
    this.SUBRULE2(this.times, { LABEL: 'cpu' });
    this.CONSUME2(Ms);
    this.CONSUME(Cpu);
    this.CONSUME2(Comma);
    this.CONSUME3(Decimal, { LABEL: 'heapStart' });
    this.CONSUME1(Arrow);
    this.CONSUME4(Decimal, { LABEL: 'heapEnd' });
    this.CONSUME2(Arrow);
    this.CONSUME5(Decimal, { LABEL: 'live' });
    this.CONSUME1(MB);
    this.CONSUME3(Comma);
    this.CONSUME6(Decimal, { LABEL: 'goal' });
    this.CONSUME2(MB);
    this.CONSUME(Goal);
    this.CONSUME4(Comma);
    // Go 1.18+: `9 MB stacks, 0 MB globals,` — two tokens of lookahead tell it from `2 P`.
    this.OPTION(() => {
      this.CONSUME7(Decimal, { LABEL: 'stacks' });
      this.CONSUME3(MB);
      this.CONSUME(Stacks);
      this.CONSUME5(Comma);
      this.CONSUME8(Decimal, { LABEL: 'globals' });
      this.CONSUME4(MB);
      this.CONSUME(Globals);
      this.CONSUME6(Comma);
    });
    this.CONSUME9(Decimal, { LABEL: 'procs' });
    this.CONSUME(Procs);
    this.OPTION2(() => this.CONSUME(Forced));
    this.CONSUME(Newline);
  });

  /** Phase times in ms: `0.019+6.6+0.097` (clock), `0.038+5.8/2.5/0+0.19` (cpu: assist/background/idle mark). */
  public times = this.RULE('times', () => {
    this.CONSUME1(Decimal, { LABEL: 'time' });
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(Plus) }, { ALT: () => this.CONSUME(Slash) }]);
      this.CONSUME2(Decimal, { LABEL: 'time' });
    });
  });

  /** `scvg3: 2 MB released`, `scvg: 1024 KB released`, `scvg3: inuse: 5, idle: 2, sys: 8, released: 2, consumed: 6 (MB)` */
  public scvg = this.RULE('scvg', () => {
    this.CONSUME(ScvgKeyword);
    this.OR([
      {
        ALT: () => {
          this.CONSUME1(Decimal, { LABEL: 'released' });
          this.OR2([{ ALT: () => this.CONSUME(MB) }, { ALT: () => this.CONSUME(KB) }]);
          this.CONSUME1(Released);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Inuse);
          this.CONSUME1(Colon);
          this.CONSUME2(Decimal, { LABEL: 'inuse' });
          this.CONSUME1(Comma);
          this.CONSUME(Idle);
          this.CONSUME2(Colon);
          this.CONSUME3(Decimal, { LABEL: 'idle' });
          this.CONSUME2(Comma);
          this.CONSUME(Sys);
          this.CONSUME3(Colon);
          this.CONSUME4(Decimal, { LABEL: 'sys' });
          this.CONSUME3(Comma);
          this.CONSUME2(Released);
          this.CONSUME4(Colon);
          this.CONSUME5(Decimal, { LABEL: 'releasedTotal' });
          this.CONSUME4(Comma);
          this.CONSUME(Consumed);
          this.CONSUME5(Colon);
          this.CONSUME6(Decimal, { LABEL: 'consumed' });
          this.CONSUME(MBParen);
        },
      },
    ]);
    this.CONSUME(Newline);
  });

  /** `scav [G ]N KiB work[ (bg), N KiB work (eager)], N KiB total|now, N% util[ (forced)| [controller reset]]` */
  public scav = this.RULE('scav', () => {
    this.CONSUME(ScavKeyword);
    // Go 1.14–1.17 print the scavenger's generation first: `scav 3 1024 KiB work`.
    this.CONSUME1(Decimal, { LABEL: 'first' });
    this.OPTION(() => this.CONSUME2(Decimal, { LABEL: 'work' }));
    this.CONSUME1(KiB);
    this.CONSUME1(Work);
    this.OPTION2(() => {
      this.CONSUME(Background);
      this.CONSUME1(Comma);
      this.CONSUME3(Decimal, { LABEL: 'eager' });
      this.CONSUME2(KiB);
      this.CONSUME2(Work);
      this.CONSUME(Eager);
    });
    this.CONSUME2(Comma);
    this.CONSUME4(Decimal, { LABEL: 'released' });
    this.CONSUME3(KiB);
    this.OR([{ ALT: () => this.CONSUME(Total) }, { ALT: () => this.CONSUME(Now) }]);
    this.CONSUME3(Comma);
    this.CONSUME5(Decimal, { LABEL: 'util' });
    this.CONSUME(Percent);
    this.CONSUME(Util);
    this.OPTION3(() => this.OR2([{ ALT: () => this.CONSUME(Forced) }, { ALT: () => this.CONSUME(ControllerReset) }]));
    this.CONSUME(Newline);
  });
}

export const gcTraceParser = new GcTraceParser();

/** The GC log grammar as the shared chunk loop drives it. */
export const gcTraceGrammar = lineGrammar(gctraceLexer, gcTraceParser);
