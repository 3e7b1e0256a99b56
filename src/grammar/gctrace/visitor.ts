/** CST → model: each runtime line becomes a GcCycle or a ScavengerLine; other lines are counted. */
import type { CstNode, IToken } from 'chevrotain';
import { optionalToken, token, type Children } from '../common/cst.js';
import { lineVisitor } from '../common/linevisitor.js';
import type { GcCycle, GcTraceLog, ScavengerLine } from './model.js';
import { gcTraceParser } from './parser.js';
import { GC_LINE_FIELDS } from './tokens.js';

const MB = 1 << 20;
const KIB = 1 << 10;

function num(tok: IToken | undefined): number | undefined {
  return tok ? Number(tok.image) : undefined;
}

/** `0.019+6.6+0.097` or `0.038+5.8/2.5/0+0.19`: the phase times, in ms. */
function splitTimes(text: string): number[] {
  return text.split(/[+/]/).map(Number);
}

export class GcTraceBuilder extends lineVisitor(gcTraceParser) {
  private readonly cycles: GcCycle[] = [];
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
    this.addCycle({
      number: at('number'),
      atSeconds: at('atSeconds'),
      cpuPercent: at('percent'),
      clockMs: splitTimes(field('clock') ?? ''),
      cpuMs: splitTimes(field('cpu') ?? ''),
      heapStartMB: at('heapStart'),
      heapEndMB: at('heapEnd'),
      liveMB: at('live'),
      goalMB: at('goal'),
      stacksMB: field('stacks') === undefined ? undefined : at('stacks'),
      globalsMB: field('globals') === undefined ? undefined : at('globals'),
      procs: at('procs'),
      forced: field('forced') !== undefined,
      position: this.at.pos(tok),
    });
  }

  gcFields(ctx: Children): void {
    const position = this.at.pos(token(ctx, 'GcKeyword'));
    const times = (name: string): number[] => ((ctx[name]?.[0] as CstNode).children.time ?? []).map((t) => Number((t as IToken).image));
    this.addCycle({
      number: Number(token(ctx, 'number').image),
      atSeconds: Number(token(ctx, 'AtSeconds').image.slice(1, -1)),
      cpuPercent: Number(token(ctx, 'percent').image),
      clockMs: times('clock'),
      cpuMs: times('cpu'),
      heapStartMB: Number(token(ctx, 'heapStart').image),
      heapEndMB: Number(token(ctx, 'heapEnd').image),
      liveMB: Number(token(ctx, 'live').image),
      goalMB: Number(token(ctx, 'goal').image),
      stacksMB: num(optionalToken(ctx, 'stacks')),
      globalsMB: num(optionalToken(ctx, 'globals')),
      procs: Number(token(ctx, 'procs').image),
      forced: ctx.Forced !== undefined,
      position,
    });
  }

  private addCycle(cycle: GcCycle): void {
    const previous = this.cycles[this.cycles.length - 1];
    if (previous && cycle.number <= previous.number) this.restarts.push(cycle.position);
    this.cycles.push(cycle);
  }

  times(): void {
    throw new Error('internal: times are read by gc');
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
