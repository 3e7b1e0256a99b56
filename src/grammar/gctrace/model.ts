/**
 * The typed model of a GODEBUG=gctrace=1 log. Sizes are as printed: whole MB (the runtime shifts
 * bytes right by 20, so `4 MB` is 4–5 MiB), KiB for the scav lines.
 */
import type { Position } from '../common/positions.js';

/** One `gc N @Ts P%: …` line: one completed GC cycle. */
export interface GcCycle {
  /** The cycle number (MemStats.NumGC after it). */
  number: number;
  /** Seconds since the program started, when the cycle began. */
  atSeconds: number;
  /** Percent of the CPU used by the GC since the program started (the runtime's gc_cpu_fraction). */
  cpuPercent: number;
  /** Wall-clock ms of each phase: sweep termination, mark, mark termination (five phases in Go 1.5–1.6). */
  clockMs: number[];
  /** CPU ms: sweep termination, mark assist / background / idle, mark termination. */
  cpuMs: number[];
  /** Heap at the start of the cycle (A in A->B->C), MB. */
  heapStartMB: number;
  /** Heap at the end of marking (B), MB. */
  heapEndMB: number;
  /** Live heap: what marking found reachable (C), MB. */
  liveMB: number;
  /** The heap goal for the next cycle, MB. */
  goalMB: number;
  /** Scannable stack, MB (Go 1.18+). */
  stacksMB: number | undefined;
  /** Scannable globals, MB (Go 1.18+). */
  globalsMB: number | undefined;
  /** GOMAXPROCS. */
  procs: number;
  /** Started by runtime.GC() or debug.FreeOSMemory(), not by the pacer. */
  forced: boolean;
  position: Position;
}

/** A scavenger line of any era: what was returned to the OS. */
export interface ScavengerLine {
  /** `scvg` (Go ≤ 1.13, under gctrace) or `scav` (GODEBUG=scavtrace=1, Go 1.14+). */
  form: 'scvg-released' | 'scvg-summary' | 'scav';
  /** Bytes released by this run of the scavenger (scvg N MB/KB released; scav work, bg + eager). */
  releasedBytes: number | undefined;
  /** Bytes released in all (scvg `released:`; scav `total`/`now`). */
  releasedTotalBytes: number | undefined;
  /** scvg summary: HeapInuse, HeapIdle, HeapSys, HeapSys − HeapReleased, in bytes (printed as MB). */
  inuseBytes?: number;
  idleBytes?: number;
  sysBytes?: number;
  consumedBytes?: number;
  /** scav: HeapInuse as a percentage of what the heap retains. */
  utilPercent?: number;
  forced: boolean;
  position: Position;
}

/** The numbers of a gc line, as GcCycles.push takes them (phase times and position apart). */
export type GcCycleNumbers = Omit<GcCycle, 'clockMs' | 'cpuMs' | 'position'>;

/** 2^14 values a block: a long log's columns grow a block at a time, never copied. */
const BLOCK_SHIFT = 14;
const BLOCK = 1 << BLOCK_SHIFT;
const BLOCK_MASK = BLOCK - 1;

type NumberArray = Float64Array | Uint32Array | Uint16Array | Uint8Array;
type BlockKind = Float64ArrayConstructor | Uint32ArrayConstructor | Uint16ArrayConstructor | Uint8ArrayConstructor;

/**
 * A column of numbers in typed-array blocks of BLOCK values: it grows without copying what it
 * holds (a doubling array copies everything and holds up to twice what it needs, which was half
 * a long log's memory) and without objects for the collector to trace.
 */
export class NumberColumn {
  private readonly blocks: NumberArray[] = [];
  /**
   * The block written last, its number, and whether it takes a value as it is (no widening, or a
   * Float64Array): a column is written in order, so nearly every `set` goes to it, without the
   * list's read, the `instanceof` and the scale's test of each of a gc line's 24 writes.
   */
  private current: NumberArray | undefined;
  private currentBlock = -1;
  private currentPlain = false;

  /**
   * `kinds`: the block types, narrowest first; a new block is of the first. `widens`: each block
   * holds `value × scale` while that is a whole number its type holds and that gives the value
   * back exactly, and moves to the next kind that holds one that does not (a Float64Array of the
   * values themselves last: NaN, a fraction, 2^32 or more). Without it a block keeps what its
   * type keeps.
   */
  constructor(private readonly kinds: readonly BlockKind[], private readonly widens = false, private readonly scale = 1) {}

  set(i: number, value: number): void {
    const b = i >>> BLOCK_SHIFT;
    const block = b === this.currentBlock ? this.current as NumberArray : this.enter(b);
    const j = i & BLOCK_MASK;
    if (this.currentPlain) {
      block[j] = value;
      return;
    }
    const scale = this.scale;
    const stored = scale === 1 ? value : Math.round(value * scale);
    if (scale !== 1 && stored / scale !== value) return this.widen(b, j, value, NaN);
    block[j] = stored;
    if (block[j] !== stored) this.widen(b, j, value, stored);
  }

  /** Block `b` (made when it is the next one) as the one `set` writes to. */
  private enter(b: number): NumberArray {
    if (b === this.blocks.length) this.blocks.push(new (this.kinds[0] as BlockKind)(BLOCK));
    this.use(b);
    return this.current as NumberArray;
  }

  private use(b: number): void {
    const block = this.blocks[b] as NumberArray;
    this.current = block;
    this.currentBlock = b;
    this.currentPlain = !this.widens || block instanceof Float64Array;
  }

  /**
   * Block `b` moved to the first wider kind that holds `stored`; to a Float64Array (`value` itself)
   * when none does, or `stored` is no whole number (NaN: a pre-1.18 line's stacks and globals, or
   * a value with more decimals than the scale keeps).
   */
  private widen(b: number, j: number, value: number, stored: number): void {
    const block = this.blocks[b] as NumberArray;
    const whole = Number.isInteger(stored);
    for (let k = this.kinds.indexOf(block.constructor as BlockKind) + 1; whole && k < this.kinds.length; k++) {
      const kind = this.kinds[k] as BlockKind;
      if (kind === Float64Array) break;
      const wider = kind.from(block);
      wider[j] = stored;
      if (wider[j] === stored) {
        this.blocks[b] = wider;
        this.use(b);
        return;
      }
    }
    const scale = this.scale;
    const values = Float64Array.from(block, (v) => v / scale);
    values[j] = value;
    this.blocks[b] = values;
    this.use(b);
  }

  at(i: number): number {
    const block = this.blocks[i >>> BLOCK_SHIFT];
    if (block === undefined) return NaN;
    const value = block[i & BLOCK_MASK] as number;
    return this.scale === 1 || block instanceof Float64Array ? value : value / this.scale;
  }

  /** Values from..to (exclusive) as a plain array. */
  slice(from: number, to: number): number[] {
    const out = new Array<number>(Math.max(0, to - from));
    for (let i = from; i < to; i++) out[i - from] = this.at(i);
    return out;
  }
}

/** Blocks from 8 bits, widened as values need. */
const FROM_8_BITS = [Uint8Array, Uint16Array, Uint32Array, Float64Array] as const;
const FROM_16_BITS = [Uint16Array, Uint32Array, Float64Array] as const;
const FROM_32_BITS = [Uint32Array, Float64Array] as const;

/**
 * A column of what the runtime prints as whole numbers (MB, counts), in the narrowest blocks that
 * hold them, from `kinds`: a block widens when a value does not fit (NaN for a field the line
 * lacks, a fraction, 2^32 or more become float64). Allocating and first writing the blocks of a
 * long log's columns was ~11 % of its CPU as float64, and still ~15 % as 32 bits (first writes
 * to new memory are slow on a small VM): a cycle's numbers are ~50 bytes instead of ~86.
 */
const wholeNumbers = (kinds: readonly BlockKind[]): NumberColumn => new NumberColumn(kinds, true);

/**
 * A column of what the runtime prints with at most three decimals (phase times in ms,
 * `fmtNSAsMS`; the start in seconds), as thousandths in whole-number blocks: the same values read
 * back (n / 1000 is the double that parsing the printed decimal gives).
 */
const thousandths = (kinds: readonly BlockKind[]): NumberColumn => new NumberColumn(kinds, true, 1000);

/**
 * The GC cycles of a log, column by column in typed arrays (a struct of arrays): a cycle is about
 * 50 bytes of numbers (its phase times included) instead of a GcCycle object with two arrays and
 * a position (~400 bytes), and the collector has nothing to trace in them. A long log is hundreds
 * of thousands of cycles. `at(i)` builds the GcCycle of one; the analysis reads the columns.
 */
export class GcCycles {
  length = 0;
  // Counts and seconds since start grow past 16 bits early in a log; MB, phase times in µs and
  // GOMAXPROCS rarely do; the rest are a few values.
  readonly numbers = wholeNumbers(FROM_32_BITS);
  readonly atSeconds = thousandths(FROM_32_BITS);
  readonly cpuPercent = wholeNumbers(FROM_8_BITS);
  readonly heapStartMB = wholeNumbers(FROM_16_BITS);
  readonly heapEndMB = wholeNumbers(FROM_16_BITS);
  readonly liveMB = wholeNumbers(FROM_16_BITS);
  readonly goalMB = wholeNumbers(FROM_16_BITS);
  /** NaN where the line has no stacks/globals fields (before Go 1.18). */
  readonly stacksMB = wholeNumbers(FROM_16_BITS);
  readonly globalsMB = wholeNumbers(FROM_16_BITS);
  readonly procs = wholeNumbers(FROM_8_BITS);
  readonly forced = new NumberColumn([Uint8Array]);
  readonly lines = wholeNumbers(FROM_32_BITS);
  readonly columns = wholeNumbers(FROM_8_BITS);
  /** Where each cycle's phase times start in `times`: clock phases, then cpu phases. */
  readonly timesStart = wholeNumbers(FROM_32_BITS);
  readonly clockCount = wholeNumbers(FROM_8_BITS);
  readonly cpuCount = wholeNumbers(FROM_8_BITS);
  /** Every cycle's phase times, ms, one after the other. */
  readonly times = thousandths(FROM_16_BITS);
  timesLength = 0;

  /** Adds a cycle at `line`:`column`: its numbers, and its phase times already in `times` from `timesStart` (addTime). */
  push(c: GcCycleNumbers, timesStart: number, clockCount: number, line: number, column: number): void {
    const i = this.length;
    this.numbers.set(i, c.number);
    this.atSeconds.set(i, c.atSeconds);
    this.cpuPercent.set(i, c.cpuPercent);
    this.heapStartMB.set(i, c.heapStartMB);
    this.heapEndMB.set(i, c.heapEndMB);
    this.liveMB.set(i, c.liveMB);
    this.goalMB.set(i, c.goalMB);
    this.stacksMB.set(i, c.stacksMB ?? NaN);
    this.globalsMB.set(i, c.globalsMB ?? NaN);
    this.procs.set(i, c.procs);
    this.forced.set(i, c.forced ? 1 : 0);
    this.lines.set(i, line);
    this.columns.set(i, column);
    this.timesStart.set(i, timesStart);
    this.clockCount.set(i, clockCount);
    this.cpuCount.set(i, this.timesLength - timesStart - clockCount);
    this.length = i + 1;
  }

  /** Appends one phase time (the cycle being read's; push then says where its times start). */
  addTime(ms: number): void {
    this.times.set(this.timesLength++, ms);
  }

  /** Cycle `i` as an object (built on each call). */
  at(i: number): GcCycle {
    const start = this.timesStart.at(i);
    const clock = this.clockCount.at(i);
    const optional = (n: number): number | undefined => (Number.isNaN(n) ? undefined : n);
    return {
      number: this.numbers.at(i),
      atSeconds: this.atSeconds.at(i),
      cpuPercent: this.cpuPercent.at(i),
      clockMs: this.times.slice(start, start + clock),
      cpuMs: this.times.slice(start + clock, start + clock + this.cpuCount.at(i)),
      heapStartMB: this.heapStartMB.at(i),
      heapEndMB: this.heapEndMB.at(i),
      liveMB: this.liveMB.at(i),
      goalMB: this.goalMB.at(i),
      stacksMB: optional(this.stacksMB.at(i)),
      globalsMB: optional(this.globalsMB.at(i)),
      procs: this.procs.at(i),
      forced: this.forced.at(i) === 1,
      position: { line: this.lines.at(i), column: this.columns.at(i) },
    };
  }

  /** Every cycle as an object (for tests and small logs). */
  toArray(): GcCycle[] {
    return Array.from({ length: this.length }, (_v, i) => this.at(i));
  }

  /** The first cycle at or after input line `line` (the cycles are in line order); `length` if none. */
  firstFromLine(line: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.lines.at(mid) < line) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export interface GcTraceLog {
  /** Every `gc N @…` line, in log order. */
  cycles: GcCycles;
  scavenger: ScavengerLine[];
  /** Lines that are not the runtime's (the program's own output): skipped and counted. */
  otherLines: number;
  /**
   * GODEBUG=gcpacertrace=1's `pacer: …` lines (the pacer's assist ratio and its end-of-cycle
   * accounting, runtime/mgcpacer.go): the runtime's, not the program's, skipped and counted apart.
   */
  pacerLines: number;
  /** Where the GC count starts again at a lower number: another run of the program in the same log. */
  restarts: Position[];
  /**
   * How many processes' GC lines the log interleaves, when 2 or more (a shared journal: gc 1, gc 1,
   * gc 2, gc 2, …; the visitor's interleavedProcesses): an error says it, and it is no one process's
   * log, so no reader judges it (input/gclog.ts keeps no gcLog of it).
   */
  interleaved?: number;
  lineCount: number;
}
