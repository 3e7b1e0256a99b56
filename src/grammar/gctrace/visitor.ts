/** CST → model: each runtime line becomes a GcCycle or a ScavengerLine; other lines are counted. */
import type { CstNode, IToken } from 'chevrotain';
import { optionalToken, token, type Children } from '../common/cst.js';
import { lineVisitor } from '../common/linevisitor.js';
import { GcCycles, type GcCycleNumbers, type GcTraceLog, type ScavengerLine } from './model.js';
import type { Position } from '../common/positions.js';
import { gcTraceParser } from './parser.js';
import { GC_LINE_FIELDS, SCAV_LINE_FIELDS, SCVG_LINE_FIELDS } from './tokens.js';

const MB = 1 << 20;
const KIB = 1 << 10;

function num(tok: IToken | undefined): number | undefined {
  return tok ? Number(tok.image) : undefined;
}

const PLUS = 0x2b;
const SLASH = 0x2f;
const DOT = 0x2e;
/** Up to this many digits a decimal is read digit by digit (exact: an integer over a power of ten, both below 2^53). */
const FAST_DIGITS = 15;

/**
 * `6.6` as Number('6.6') reads it, without cutting a string out: the digits as an integer over a
 * power of ten, one correctly rounded division, the same double as Number() for up to FAST_DIGITS.
 */
function decimalAt(text: string, from: number, to: number): number {
  let whole = 0;
  let scale = 1;
  let dot = false;
  if (to - from > FAST_DIGITS + 1) return Number(text.slice(from, to));
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === DOT && !dot) dot = true;
    else {
      whole = whole * 10 + (c - 48);
      if (dot) scale *= 10;
    }
  }
  return whole / scale;
}

export class GcTraceBuilder extends lineVisitor(gcTraceParser) {
  private readonly cycles = new GcCycles();
  private readonly scavenger: ScavengerLine[] = [];
  private readonly restarts: GcTraceLog['restarts'] = [];
  private otherLines = 0;

  finish(lineCount: number): GcTraceLog {
    return { cycles: this.cycles, scavenger: this.scavenger, otherLines: this.otherLines, restarts: this.restarts, lineCount };
  }

  line(ctx: Children): void {
    const child = (ctx.gc ?? ctx.scvg ?? ctx.scav)?.[0];
    if (child && !('image' in child)) this.visit(child);
    else if (ctx.OtherLine) this.otherLines++;
  }

  gc(ctx: Children): void {
    const line = optionalToken(ctx, 'GcLine');
    if (line) this.gcLine(line);
    else this.visit(ctx.gcFields?.[0] as CstNode);
  }

  /** A well-formed line as one token: its fields are the lexer's capture groups (tokens.ts GC_LINE_FIELDS). */
  private gcLine(tok: IToken): void {
    const m = tok.payload as RegExpExecArray;
    const field = (name: keyof typeof GC_LINE_FIELDS): string | undefined => m[GC_LINE_FIELDS[name]];
    const at = (name: keyof typeof GC_LINE_FIELDS): number => Number(field(name));
    const timesStart = this.cycles.timesLength;
    const clockCount = this.addTimes(field('clock') ?? '');
    this.addTimes(field('cpu') ?? '');
    this.addCycle({
      number: at('number'),
      atSeconds: at('atSeconds'),
      cpuPercent: at('percent'),
      heapStartMB: at('heapStart'),
      heapEndMB: at('heapEnd'),
      liveMB: at('live'),
      goalMB: at('goal'),
      stacksMB: field('stacks') === undefined ? undefined : at('stacks'),
      globalsMB: field('globals') === undefined ? undefined : at('globals'),
      procs: at('procs'),
      forced: field('forced') !== undefined,
    }, timesStart, clockCount, this.at.pos(tok));
  }

  /** `0.019+6.6+0.097` or `0.038+5.8/2.5/0+0.19` (only digits, dots and separators: the token made sure): the phase times, ms, into the cycles' times; how many. */
  private addTimes(text: string): number {
    let from = 0;
    let count = 0;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : PLUS;
      if (c !== PLUS && c !== SLASH) continue;
      this.cycles.addTime(decimalAt(text, from, i));
      count++;
      from = i + 1;
    }
    return count;
  }

  gcFields(ctx: Children): void {
    const position = this.at.pos(token(ctx, 'GcKeyword'));
    const timesStart = this.cycles.timesLength;
    const times = (name: string): number => {
      const tokens = (ctx[name]?.[0] as CstNode).children.time ?? [];
      for (const t of tokens) this.cycles.addTime(Number((t as IToken).image));
      return tokens.length;
    };
    const clockCount = times('clock');
    times('cpu');
    this.addCycle({
      number: Number(token(ctx, 'number').image),
      atSeconds: Number(token(ctx, 'AtSeconds').image.slice(1, -1)),
      cpuPercent: Number(token(ctx, 'percent').image),
      heapStartMB: Number(token(ctx, 'heapStart').image),
      heapEndMB: Number(token(ctx, 'heapEnd').image),
      liveMB: Number(token(ctx, 'live').image),
      goalMB: Number(token(ctx, 'goal').image),
      stacksMB: num(optionalToken(ctx, 'stacks')),
      globalsMB: num(optionalToken(ctx, 'globals')),
      procs: Number(token(ctx, 'procs').image),
      forced: ctx.Forced !== undefined,
    }, timesStart, clockCount, position);
  }

  private addCycle(cycle: GcCycleNumbers, timesStart: number, clockCount: number, position: Position): void {
    const { cycles } = this;
    if (cycles.length > 0 && cycle.number <= (cycles.numbers[cycles.length - 1] ?? 0)) this.restarts.push(position);
    cycles.push(cycle, timesStart, clockCount, position);
  }

  times(): void {
    throw new Error('internal: times are read by gc');
  }

  scvg(ctx: Children): void {
    const line = optionalToken(ctx, 'ScvgLine');
    if (line) this.scvgLine(line);
    else this.visit(ctx.scvgFields?.[0] as CstNode);
  }

  /** A well-formed scvg line as one token (tokens.ts SCVG_LINE_FIELDS). */
  private scvgLine(tok: IToken): void {
    const m = tok.payload as RegExpExecArray;
    const field = (name: keyof typeof SCVG_LINE_FIELDS): string | undefined => m[SCVG_LINE_FIELDS[name]];
    const position = this.at.pos(tok);
    const released = field('released');
    if (released !== undefined) {
      const unit = field('unit') === 'KB' ? KIB : MB;
      this.scavenger.push({ form: 'scvg-released', releasedBytes: Number(released) * unit, releasedTotalBytes: undefined, forced: false, position });
      return;
    }
    const mb = (name: keyof typeof SCVG_LINE_FIELDS): number => Number(field(name)) * MB;
    this.scavenger.push({
      form: 'scvg-summary', releasedBytes: undefined, releasedTotalBytes: mb('releasedTotal'),
      inuseBytes: mb('inuse'), idleBytes: mb('idle'), sysBytes: mb('sys'), consumedBytes: mb('consumed'),
      forced: (field('keyword') ?? '').startsWith('scvg-1'), position,
    });
  }

  scvgFields(ctx: Children): void {
    const position = this.at.pos(token(ctx, 'ScvgKeyword'));
    const released = optionalToken(ctx, 'released');
    if (released) {
      const unit = ctx.KB ? KIB : MB;
      this.scavenger.push({ form: 'scvg-released', releasedBytes: Number(released.image) * unit, releasedTotalBytes: undefined, forced: false, position });
      return;
    }
    const mb = (name: string): number => Number(token(ctx, name).image) * MB;
    this.scavenger.push({
      form: 'scvg-summary', releasedBytes: undefined, releasedTotalBytes: mb('releasedTotal'),
      inuseBytes: mb('inuse'), idleBytes: mb('idle'), sysBytes: mb('sys'), consumedBytes: mb('consumed'),
      forced: token(ctx, 'ScvgKeyword').image.startsWith('scvg-1'), position,
    });
  }

  scav(ctx: Children): void {
    const line = optionalToken(ctx, 'ScavLine');
    if (line) this.scavLine(line);
    else this.visit(ctx.scavFields?.[0] as CstNode);
  }

  /** A well-formed scav line as one token (tokens.ts SCAV_LINE_FIELDS). */
  private scavLine(tok: IToken): void {
    const m = tok.payload as RegExpExecArray;
    const field = (name: keyof typeof SCAV_LINE_FIELDS): string | undefined => m[SCAV_LINE_FIELDS[name]];
    const eager = field('eager');
    const work = Number(field('work') ?? field('first')) + (eager === undefined ? 0 : Number(eager));
    this.scavenger.push({
      form: 'scav',
      releasedBytes: work * KIB,
      releasedTotalBytes: Number(field('released')) * KIB,
      utilPercent: Number(field('util')),
      forced: field('suffix') === ' (forced)',
      position: this.at.pos(tok),
    });
  }

  scavFields(ctx: Children): void {
    const position = this.at.pos(token(ctx, 'ScavKeyword'));
    const work = Number((optionalToken(ctx, 'work') ?? token(ctx, 'first')).image) + (num(optionalToken(ctx, 'eager')) ?? 0);
    this.scavenger.push({
      form: 'scav',
      releasedBytes: work * KIB,
      releasedTotalBytes: Number(token(ctx, 'released').image) * KIB,
      utilPercent: Number(token(ctx, 'util').image),
      forced: ctx.Forced !== undefined,
      position,
    });
  }
}
