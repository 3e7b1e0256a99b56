/** Parsed lines → model: each runtime line becomes a GcCycle or a ScavengerLine; other lines are counted. */
import type { IToken } from 'chevrotain';
import { LineBuilder } from '../common/linevisitor.js';
import { GcCycles, type GcCycleNumbers, type GcTraceLog, type ScavengerLine } from './model.js';
import { tokenColumn, tokenLine, type Position } from '../common/positions.js';
import { gcTraceParser, type GcTokens, type ScavTokens, type ScvgTokens } from './parser.js';
import { GcLine, OtherLine, SCAV_LINE_FIELDS, SCAV_LINE_INDICES, SCVG_LINE_FIELDS, SCVG_LINE_INDICES, ScavLine, ScvgLine } from './tokens.js';
import { formatCount } from '../../text/units.js';

const MB = 1 << 20;
const KIB = 1 << 10;
/** The largest heap size a gc line can print: the runtime prints bytes >> 20 of a uint64. */
const MAX_HEAP_MB = 2 ** 44 - 1;
/**
 * How a runtime line prints its sizes: in MB (bytes >> 20 of a uint64: gc lines, scvg lines up to
 * Go 1.12) or in KB/KiB (bytes >> 10: Go 1.13's `scvg: N KB released`, every `scav` line).
 */
interface SizeUnit {
  unit: 'MB' | 'KB' | 'KiB';
  shift: 10 | 20;
}
const IN_MB: SizeUnit = { unit: 'MB', shift: 20 };
const IN_KB: SizeUnit = { unit: 'KB', shift: 10 };
const IN_KIB: SizeUnit = { unit: 'KiB', shift: 10 };
/** The heap sizes of a gc line, in the order they are printed (GcTraceBuilder.impossibleSizes). */
const HEAP_SIZE_NAMES = [
  'the heap at the start of the GC (A)', 'the heap at the end of its mark phase (B)', 'the live heap after the GC (C)',
  'the heap goal', 'the scannable stack size', 'the scannable globals size',
] as const;
/** The sizes of a scvg summary line, in the order they are printed (model.ts ScavengerLine). */
const SCVG_SIZE_NAMES = [
  'the heap in use (inuse)', 'the idle heap (idle)', "the heap's memory from the OS (sys)",
  'the heap released to the OS (released)', 'the heap kept from the OS (consumed)',
] as const;
const SCVG_RELEASED_NAMES = ['the memory this scavenger run released'] as const;
/** The sizes of a scav line: its work (bg), its eager work, and what is released in all. */
const SCAV_SIZE_NAMES = ['the memory this scavenger cycle released (work)', 'the memory released eagerly (the eager work)', 'the heap released to the OS in all (total, now)'] as const;
/** One of them: its value, where it is and its text (undefined: not printed, before Go 1.18). */
type HeapSize = readonly [number, Position, string] | undefined;

/**
 * Whether `value` (written `written`) is past the largest `bytes >> shift` of a uint64. Exact from
 * 2^53 on too (2^54 − 1 KiB is printable, and reads as the double 2^54), on the digits written.
 */
function pastUint64(value: number, written: string, shift: SizeUnit['shift']): boolean {
  if (value < 2 ** 53) return value > 2 ** (64 - shift) - 1;
  const [whole = '0', fraction = ''] = written.split('.');
  const max = (1n << BigInt(64 - shift)) - 1n;
  const digits = BigInt(whole);
  return digits > max || (digits === max && /[1-9]/.test(fraction));
}
const DECIMAL = /\d+(?:\.\d+)?/y;

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

/** The numbers of the gc line being read (GcTraceBuilder.gcLine): one object for every line, copied into GcCycles' columns. */
const CYCLE: GcCycleNumbers = {
  number: 0, atSeconds: 0, cpuPercent: 0, heapStartMB: 0, heapEndMB: 0, liveMB: 0, goalMB: 0,
  stacksMB: undefined, globalsMB: undefined, procs: 0, forced: false,
};

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

export class GcTraceBuilder extends LineBuilder {
  private readonly cycles = new GcCycles();
  private readonly scavenger: ScavengerLine[] = [];
  private readonly restarts: GcTraceLog['restarts'] = [];
  private otherLines = 0;
  private pacerLines = 0;
  /** A profile inside the log was reported (once: its other lines need no word). */
  private profileNoted = false;

  /**
   * The program's own lines are skipped, but a heap or goroutine profile among them (a dump
   * written to the same stderr, or two files joined) is not the program's chatter: say it is not read.
   */
  private noteProfile(token: IToken): void {
    const image = token.image;
    const kind = image.startsWith('heap profile:') ? 'heap' : image.startsWith('goroutine profile:') ? 'goroutine' : undefined;
    if (kind === undefined) return;
    this.profileNoted = true;
    this.at.report(this.at.pos(token), 'warning',
      `a ${kind} profile inside the GC log: it is not read (a GC log's other lines are the program's own output)`,
      'save the profile to a file of its own and pass both files');
  }

  finish(lineCount: number): GcTraceLog {
    const processes = this.interleaved();
    return { cycles: this.cycles, scavenger: this.scavenger, otherLines: this.otherLines, pacerLines: this.pacerLines, restarts: this.restarts, ...(processes > 1 ? { interleaved: processes } : {}), lineCount };
  }

  /**
   * Reads the line parsed at `index` (its first token, `main`; what its rule read in
   * gcTraceParser.details) at input line `line`, the `index`-th line of `text` (see
   * LineConsumer.visitLine).
   */
  visitLine(main: IToken, line: number, index: number, text: string): void {
    this.at.enter(line, index, text);
    const type = main.tokenType;
    if (type === GcLine) return this.gcLine(main);
    if (type === OtherLine) {
      // gcpacertrace=1's lines are the runtime's: named apart from the program's own output.
      if (main.image.startsWith('pacer: ')) {
        this.pacerLines++;
        return;
      }
      this.otherLines++;
      if (!this.profileNoted) this.noteProfile(main);
      return;
    }
    if (type === ScavLine) return this.scavLine(main);
    if (type === ScvgLine) return this.scvgLine(main);
    const detail = gcTraceParser.details[index];
    switch (detail?.kind) {
      case 'gc': return this.gc(detail);
      case 'scvg': return this.scvg(detail);
      case 'scav': return this.scav(detail);
      case undefined: return; // a blank line
    }
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
    const heapStartFrom = decimalEnd + 9; // ` ms cpu, `
    const heapStartMB = decimalAt(text, heapStartFrom);
    const heapEndFrom = decimalEnd + 2; // `->`
    const heapEndMB = decimalAt(text, heapEndFrom);
    const liveFrom = decimalEnd + 2; // `->`
    const liveMB = decimalAt(text, liveFrom);
    const goalFrom = decimalEnd + 5; // ` MB, `
    const goalMB = decimalAt(text, goalFrom);
    let procsFrom = decimalEnd + 10; // ` MB goal, `
    let procs = decimalAt(text, procsFrom);
    let stacksMB: number | undefined;
    let globalsMB: number | undefined;
    let globalsFrom = 0;
    const stacksFrom = procsFrom;
    if (text.charCodeAt(decimalEnd + 1) === UPPER_M) { // ` MB stacks, ` (Go 1.18+)
      stacksMB = procs;
      globalsFrom = decimalEnd + 12;
      globalsMB = decimalAt(text, globalsFrom);
      procsFrom = decimalEnd + 13; // ` MB globals, `
      procs = decimalAt(text, procsFrom);
    }
    // One comparison a line; where the bad number is, only when there is one.
    if (Math.max(heapStartMB, heapEndMB, liveMB, goalMB, stacksMB ?? 0, globalsMB ?? 0) > MAX_HEAP_MB) {
      const line = tokenLine(tok, this.at.firstLine);
      const at = (value: number | undefined, from: number): HeapSize => {
        if (value === undefined) return undefined;
        DECIMAL.lastIndex = from;
        return [value, { line, column: tokenColumn(tok) + from - tok.startOffset }, DECIMAL.exec(text)?.[0] ?? String(value)];
      };
      this.impossibleSizes([at(heapStartMB, heapStartFrom), at(heapEndMB, heapEndFrom), at(liveMB, liveFrom), at(goalMB, goalFrom), at(stacksMB, stacksFrom), at(globalsMB, globalsFrom)]);
      return;
    }
    const cycle = CYCLE;
    cycle.number = number;
    cycle.atSeconds = atSeconds;
    cycle.cpuPercent = cpuPercent;
    cycle.heapStartMB = heapStartMB;
    cycle.heapEndMB = heapEndMB;
    cycle.liveMB = liveMB;
    cycle.goalMB = goalMB;
    cycle.stacksMB = stacksMB;
    cycle.globalsMB = globalsMB;
    cycle.procs = procs;
    cycle.forced = tok.image.charCodeAt(tok.image.length - 1) === CLOSE_PAREN; // ` (forced)`
    this.addCycle(cycle, timesStart, clockCount, tokenLine(tok, this.at.firstLine), tokenColumn(tok));
  }

  /** A gc line read token by token. */
  private gc(line: GcTokens): void {
    const size = (tok: IToken | undefined): HeapSize => this.tokenSize(tok);
    if (this.impossibleSizes([size(line.heapStart), size(line.heapEnd), size(line.live), size(line.goal), size(line.stacks), size(line.globals)])) return;
    const position = this.at.pos(line.keyword);
    const timesStart = this.cycles.timesLength;
    for (const t of line.clock) this.cycles.addTime(Number(t.image));
    for (const t of line.cpu) this.cycles.addTime(Number(t.image));
    this.addCycle({
      number: Number(line.number.image),
      atSeconds: Number(line.atSeconds.image.slice(1, -1)),
      cpuPercent: Number(line.percent.image),
      heapStartMB: Number(line.heapStart.image),
      heapEndMB: Number(line.heapEnd.image),
      liveMB: Number(line.live.image),
      goalMB: Number(line.goal.image),
      stacksMB: num(line.stacks),
      globalsMB: num(line.globals),
      procs: Number(line.procs.image),
      forced: line.forced,
    }, timesStart, line.clock.length, position.line, position.column);
  }

  /**
   * The first size of a runtime line (`names`' order: a gc line's by default) the runtime cannot
   * print, as an error at it: the line is not used, as a MemStats value past the uint64 maximum is
   * not (docs/limits.md). A gc line, a scvg and a scav line each print their sizes in `unit`.
   */
  private impossibleSizes(sizes: readonly HeapSize[], names: readonly string[] = HEAP_SIZE_NAMES, { unit, shift }: SizeUnit = IN_MB): boolean {
    const index = sizes.findIndex((size) => size !== undefined && pastUint64(size[0], size[2], shift));
    const bad = sizes[index];
    if (bad === undefined) return false;
    const [, position, written] = bad;
    this.at.report(position, 'error',
      `${names[index] ?? 'a size'} is ${written} ${unit}, more than the runtime can print (it prints bytes >> ${shift} of a uint64: at most ${formatCount((1n << BigInt(64 - shift)) - 1n)} ${unit}); the line is not used`,
      'the log was edited or damaged; the other lines were read');
    return true;
  }

  /**
   * impossibleSizes for a line read as one token (scvgLine, scavLine): the sizes in groups `groups`
   * of its match `m`. Where they are is looked for only when one is past the limit, by matching
   * the line again with `indices` (its pattern with `d`, tokens.ts SCAV_LINE_INDICES).
   */
  private impossibleMatchedSizes(tok: IToken, m: RegExpExecArray, indices: RegExp, groups: readonly (number | undefined)[],
    names: readonly string[], size: SizeUnit): boolean {
    let past = false;
    for (const group of groups) {
      const written = group === undefined ? undefined : m[group];
      if (written !== undefined && pastUint64(Number(written), written, size.shift)) past = true;
    }
    if (!past) return false;
    indices.lastIndex = m.index;
    const where = indices.exec(m.input);
    const line = tokenLine(tok, this.at.firstLine);
    return this.impossibleSizes(groups.map((group) => {
      const written = group === undefined ? undefined : m[group];
      const start = group === undefined ? undefined : where?.indices?.[group]?.[0];
      if (written === undefined || start === undefined) return undefined;
      return [Number(written), { line, column: tokenColumn(tok) + start - m.index }, written];
    }), names, size);
  }

  /**
   * Two processes' GC lines alternating in one log (a shared journal, `kubectl logs -l app=X` over
   * two replicas: gc 1, gc 1, gc 2, gc 2, …) are not restarts: as an error at the first line that
   * steps back, with how many processes (interleavedProcesses), so that no run mixing both is judged.
   * Returns that count (1: one process's log).
   */
  private interleaved(): number {
    const { cycles } = this;
    // One process's log without restarts (almost every log): nothing to split.
    if (this.restarts.length === 0) return 1;
    const numbers = Array.from({ length: cycles.length }, (_, i) => cycles.numbers.at(i));
    const processes = interleavedProcesses(numbers);
    const [first] = this.restarts;
    if (processes < 2 || !first) return 1;
    this.at.report(first, 'error',
      `the log interleaves the GC lines of ${formatCount(processes)} processes (each one's GC numbers rise, but the lines step back between them, as gc ${formatCount(cycles.numbers.at(cycles.firstFromLine(first.line)))} here): it is not one process's log, nor restarts`,
      "split it by process (one pod's or unit's log each: kubectl logs POD, journalctl -u UNIT) and pass each file");
    return processes;
  }

  /** A token's size as impossibleSizes takes it. */
  private tokenSize(tok: IToken | undefined): HeapSize {
    return tok ? [Number(tok.image), this.at.pos(tok), tok.image] : undefined;
  }

  private addCycle(cycle: GcCycleNumbers, timesStart: number, clockCount: number, line: number, column: number): void {
    const { cycles } = this;
    if (cycles.length > 0 && cycle.number <= cycles.numbers.at(cycles.length - 1)) this.restarts.push({ line, column });
    cycles.push(cycle, timesStart, clockCount, line, column);
  }

  /** A well-formed scvg line as one token (tokens.ts SCVG_LINE_FIELDS). */
  private scvgLine(tok: IToken): void {
    const m = tok.payload as RegExpExecArray;
    const field = (name: keyof typeof SCVG_LINE_FIELDS): string | undefined => m[SCVG_LINE_FIELDS[name]];
    const position = this.at.pos(tok);
    const released = field('released');
    if (released !== undefined) {
      const kb = field('unit') === 'KB';
      if (this.impossibleMatchedSizes(tok, m, SCVG_LINE_INDICES, [SCVG_LINE_FIELDS.released], SCVG_RELEASED_NAMES, kb ? IN_KB : IN_MB)) return;
      const unit = kb ? KIB : MB;
      this.scavenger.push({ form: 'scvg-released', releasedBytes: Number(released) * unit, releasedTotalBytes: undefined, forced: false, position });
      return;
    }
    const { inuse, idle, sys, releasedTotal, consumed } = SCVG_LINE_FIELDS;
    if (this.impossibleMatchedSizes(tok, m, SCVG_LINE_INDICES, [inuse, idle, sys, releasedTotal, consumed], SCVG_SIZE_NAMES, IN_MB)) return;
    const mb = (name: keyof typeof SCVG_LINE_FIELDS): number => Number(field(name)) * MB;
    this.scavenger.push({
      form: 'scvg-summary', releasedBytes: undefined, releasedTotalBytes: mb('releasedTotal'),
      inuseBytes: mb('inuse'), idleBytes: mb('idle'), sysBytes: mb('sys'), consumedBytes: mb('consumed'),
      forced: (field('keyword') ?? '').startsWith('scvg-1'), position,
    });
  }

  /** A scvg line read token by token. */
  private scvg(line: ScvgTokens): void {
    const position = this.at.pos(line.keyword);
    const released = line.released;
    if (released) {
      const kb = line.unit?.image === 'KB';
      if (this.impossibleSizes([this.tokenSize(released)], SCVG_RELEASED_NAMES, kb ? IN_KB : IN_MB)) return;
      const unit = kb ? KIB : MB;
      this.scavenger.push({ form: 'scvg-released', releasedBytes: Number(released.image) * unit, releasedTotalBytes: undefined, forced: false, position });
      return;
    }
    const sizes = [line.inuse, line.idle, line.sys, line.releasedTotal, line.consumed].map((tok) => this.tokenSize(tok));
    if (this.impossibleSizes(sizes, SCVG_SIZE_NAMES)) return;
    const mb = (tok: IToken | undefined): number => Number(tok?.image) * MB;
    this.scavenger.push({
      form: 'scvg-summary', releasedBytes: undefined, releasedTotalBytes: mb(line.releasedTotal),
      inuseBytes: mb(line.inuse), idleBytes: mb(line.idle), sysBytes: mb(line.sys), consumedBytes: mb(line.consumed),
      forced: line.keyword.image.startsWith('scvg-1'), position,
    });
  }

  /** A well-formed scav line as one token (tokens.ts SCAV_LINE_FIELDS). */
  private scavLine(tok: IToken): void {
    const m = tok.payload as RegExpExecArray;
    const field = (name: keyof typeof SCAV_LINE_FIELDS): string | undefined => m[SCAV_LINE_FIELDS[name]];
    const eager = field('eager');
    // `first` is the work unless a work follows it (Go 1.14–1.17: then it is the generation).
    const { first, work: workField, eager: eagerField, released } = SCAV_LINE_FIELDS;
    if (this.impossibleMatchedSizes(tok, m, SCAV_LINE_INDICES, [field('work') === undefined ? first : workField, eagerField, released], SCAV_SIZE_NAMES, IN_KIB)) return;
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

  /** A scav line read token by token. */
  private scav(line: ScavTokens): void {
    const position = this.at.pos(line.keyword);
    if (this.impossibleSizes([line.work ?? line.first, line.eager, line.released].map((tok) => this.tokenSize(tok)), SCAV_SIZE_NAMES, IN_KIB)) return;
    const work = Number((line.work ?? line.first).image) + (num(line.eager) ?? 0);
    this.scavenger.push({
      form: 'scav',
      releasedBytes: work * KIB,
      releasedTotalBytes: Number(line.released.image) * KIB,
      utilPercent: Number(line.util.image),
      forced: line.forced,
      position,
    });
  }
}

/** How many sequences of 3 cycles or more must overlap, line-wise, to call a log interleaved. */
const INTERLEAVED_CYCLES = 3;

/**
 * How many processes' GC lines a log interleaves (`numbers`: its gc numbers in log order): each
 * number continues the sequence whose last number is the largest below it (a process's gc numbers
 * rise; of equals, the latest), else starts one; a restart starts a sequence after the last one ended, interleaved
 * processes' sequences run side by side. 1 when no two sequences of INTERLEAVED_CYCLES or more
 * overlap (one process, or restarts one after another).
 */
export function interleavedProcesses(numbers: readonly number[]): number {
  const seqs: { last: number; from: number; to: number; count: number }[] = [];
  numbers.forEach((n, i) => {
    let best: (typeof seqs)[number] | undefined;
    // On a tie the latest sequence: a restarted run's gc 6 follows its own gc 5, not the first run's.
    for (const s of seqs) if (s.last < n && (!best || s.last > best.last || (s.last === best.last && s.to > best.to))) best = s;
    if (best) {
      best.last = n;
      best.to = i;
      best.count++;
    } else seqs.push({ last: n, from: i, to: i, count: 1 });
  });
  const long = seqs.filter((s) => s.count >= INTERLEAVED_CYCLES);
  return Math.max(1, ...long.map((s) => long.filter((o) => o.from <= s.to && s.from <= o.to).length));
}
