/** CST → model: each runtime line becomes a GcCycle or a ScavengerLine; other lines are counted. */
import type { CstNode, IToken } from 'chevrotain';
import { optionalToken, token, type Children } from '../common/cst.js';
import { lineVisitor } from '../common/linevisitor.js';
import { GcCycles, type GcCycleNumbers, type GcTraceLog, type ScavengerLine } from './model.js';
import type { Position } from '../common/positions.js';
import { gcTraceParser } from './parser.js';
import { SCAV_LINE_FIELDS, SCVG_LINE_FIELDS } from './tokens.js';

const MB = 1 << 20;
const KIB = 1 << 10;

function num(tok: IToken | undefined): number | undefined {
  return tok ? Number(tok.image) : undefined;
}

const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const PLUS = 0x2b;
const SLASH = 0x2f;
const UPPER_M = 0x4d;
const CLOSE_PAREN = 0x29;
/** Up to this many characters a decimal is read digit by digit (exact: an integer over a power of ten, both below 2^53). */
const FAST_DIGITS = 15;

/** Where the last `decimalAt` stopped (a second result without an object per number). */
let decimalEnd = 0;

/**
 * The decimal (`\d+(?:\.\d+)?`) at `from` in `text`, as Number() reads it: the digits as an
 * integer over a power of ten, one correctly rounded division (the same double for up to
 * FAST_DIGITS characters; longer ones go through Number()). Sets `decimalEnd`.
 */
function decimalAt(text: string, from: number): number {
  let whole = 0;
  let scale = 1;
  let dot = false;
  let i = from;
  for (; ; i++) {
    const c = text.charCodeAt(i);
    if (c >= ZERO && c <= NINE) {
      whole = whole * 10 + (c - ZERO);
      if (dot) scale *= 10;
    } else if (c === DOT) dot = true;
    else break;
  }
  decimalEnd = i;
  return i - from > FAST_DIGITS ? Number(text.slice(from, i)) : whole / scale;
}

export class GcTraceBuilder extends lineVisitor(gcTraceParser) {
  private readonly cycles = new GcCycles();
  private readonly scavenger: ScavengerLine[] = [];
  private readonly restarts: GcTraceLog['restarts'] = [];
  private otherLines = 0;
  /** A profile inside the log was reported (once: its other lines need no word). */
  private profileNoted = false;

  /**
   * The program's own lines are skipped, but a heap or goroutine profile among them (a dump
   * written to the same stderr, or two files joined) is not the program's chatter: say it is not read.
   */
  private noteProfile(ctx: Children): void {
    const token = optionalToken(ctx, 'OtherLine');
    const image = token?.image ?? '';
    const kind = image.startsWith('heap profile:') ? 'heap' : image.startsWith('goroutine profile:') ? 'goroutine' : undefined;
    if (kind === undefined) return;
    this.profileNoted = true;
    this.at.report(this.at.pos(token), 'warning',
      `a ${kind} profile inside the GC log: it is not read (a GC log's other lines are the program's own output)`,
      'save the profile to a file of its own and pass both files');
  }

  finish(lineCount: number): GcTraceLog {
    return { cycles: this.cycles, scavenger: this.scavenger, otherLines: this.otherLines, restarts: this.restarts, lineCount };
  }

  line(ctx: Children): void {
    const coarse = optionalToken(ctx, 'GcLine');
    if (coarse) return this.gcLine(coarse);
    if (ctx.OtherLine) {
      this.otherLines++;
      if (!this.profileNoted) this.noteProfile(ctx);
      return;
    }
    const scav = optionalToken(ctx, 'ScavLine');
    if (scav) return this.scavLine(scav);
    const scvg = optionalToken(ctx, 'ScvgLine');
    if (scvg) return this.scvgLine(scvg);
    const child = (ctx.gc ?? ctx.scvg ?? ctx.scav)?.[0];
    if (child && !('image' in child)) this.visit(child);
  }

  /**
   * A well-formed gc line as one token (tokens.ts GcLine). The token's pattern made sure of every
   * character, so the numbers are read where the form puts them, in the text the lexer read:
   * `gc N @Ts P%: clock ms clock, cpu ms cpu, A->B->C MB, D MB goal, [E MB stacks, F MB globals, ]N P[ (forced)]`.
   */
  private gcLine(tok: IToken): void {
    const text = this.at.text;
    const { cycles } = this;
    const number = decimalAt(text, tok.startOffset + 3); // after `gc `
    const atSeconds = decimalAt(text, decimalEnd + 2); // ` @`
    const cpuPercent = decimalAt(text, decimalEnd + 2); // `s `
    const timesStart = cycles.timesLength;
    let i = decimalEnd + 3; // `%: `
    let clockCount = 0;
    for (;;) {
      cycles.addTime(decimalAt(text, i));
      clockCount++;
      i = decimalEnd + 1;
      if (text.charCodeAt(decimalEnd) !== PLUS) break;
    }
    i = decimalEnd + 11; // ` ms clock, `
    for (;;) {
      cycles.addTime(decimalAt(text, i));
      i = decimalEnd + 1;
      const c = text.charCodeAt(decimalEnd);
      if (c !== PLUS && c !== SLASH) break;
    }
    const heapStartMB = decimalAt(text, decimalEnd + 9); // ` ms cpu, `
    const heapEndMB = decimalAt(text, decimalEnd + 2); // `->`
    const liveMB = decimalAt(text, decimalEnd + 2); // `->`
    const goalMB = decimalAt(text, decimalEnd + 5); // ` MB, `
    let procs = decimalAt(text, decimalEnd + 10); // ` MB goal, `
    let stacksMB: number | undefined;
    let globalsMB: number | undefined;
    if (text.charCodeAt(decimalEnd + 1) === UPPER_M) { // ` MB stacks, ` (Go 1.18+)
      stacksMB = procs;
      globalsMB = decimalAt(text, decimalEnd + 12);
      procs = decimalAt(text, decimalEnd + 13); // ` MB globals, `
    }
    this.addCycle({
      number, atSeconds, cpuPercent, heapStartMB, heapEndMB, liveMB, goalMB, stacksMB, globalsMB, procs,
      forced: tok.image.charCodeAt(tok.image.length - 1) === CLOSE_PAREN, // ` (forced)`
    }, timesStart, clockCount, this.at.pos(tok));
  }

  gc(ctx: Children): void {
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
    if (cycles.length > 0 && cycle.number <= cycles.numbers.at(cycles.length - 1)) this.restarts.push(position);
    cycles.push(cycle, timesStart, clockCount, position);
  }

  times(): void {
    throw new Error('internal: times are read by gc');
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

  scvg(ctx: Children): void {
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

  scav(ctx: Children): void {
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
