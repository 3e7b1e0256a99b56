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

/** The numbers of a gc line, as GcCycles.push takes them (phase times apart). */
export interface GcCycleNumbers {
  number: number;
  atSeconds: number;
  cpuPercent: number;
  heapStartMB: number;
  heapEndMB: number;
  liveMB: number;
  goalMB: number;
  stacksMB: number | undefined;
  globalsMB: number | undefined;
  procs: number;
  forced: boolean;
}

const INITIAL_CYCLES = 64;

function grown<T extends Float64Array | Uint32Array | Uint8Array>(array: T, size: number): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array);
  return next;
}

/**
 * The GC cycles of a log, column by column in typed arrays (a struct of arrays): a cycle is about
 * 120 bytes of numbers instead of a GcCycle object with two arrays and a position (~400 bytes),
 * and the collector has nothing to trace in them. A long log is hundreds of thousands of cycles.
 * `at(i)` builds the GcCycle of one; the analysis reads the columns.
 */
export class GcCycles {
  length = 0;
  numbers = new Float64Array(INITIAL_CYCLES);
  atSeconds = new Float64Array(INITIAL_CYCLES);
  cpuPercent = new Float64Array(INITIAL_CYCLES);
  heapStartMB = new Float64Array(INITIAL_CYCLES);
  heapEndMB = new Float64Array(INITIAL_CYCLES);
  liveMB = new Float64Array(INITIAL_CYCLES);
  goalMB = new Float64Array(INITIAL_CYCLES);
  /** NaN where the line has no stacks/globals fields (before Go 1.18). */
  stacksMB = new Float64Array(INITIAL_CYCLES);
  globalsMB = new Float64Array(INITIAL_CYCLES);
  procs = new Uint32Array(INITIAL_CYCLES);
  forced = new Uint8Array(INITIAL_CYCLES);
  lines = new Float64Array(INITIAL_CYCLES);
  columns = new Uint32Array(INITIAL_CYCLES);
  /** Where each cycle's phase times start in `times`: clock phases, then cpu phases. */
  timesStart = new Uint32Array(INITIAL_CYCLES);
  clockCount = new Uint8Array(INITIAL_CYCLES);
  cpuCount = new Uint8Array(INITIAL_CYCLES);
  /** Every cycle's phase times, ms, one after the other. */
  times = new Float64Array(INITIAL_CYCLES * 8);
  timesLength = 0;

  /** Adds a cycle: its numbers, and its phase times already in `times` from `timesStart` (addTime). */
  push(c: GcCycleNumbers, timesStart: number, clockCount: number, position: Position): void {
    const i = this.length;
    if (i === this.numbers.length) this.grow(i * 2);
    this.numbers[i] = c.number;
    this.atSeconds[i] = c.atSeconds;
    this.cpuPercent[i] = c.cpuPercent;
    this.heapStartMB[i] = c.heapStartMB;
    this.heapEndMB[i] = c.heapEndMB;
    this.liveMB[i] = c.liveMB;
    this.goalMB[i] = c.goalMB;
    this.stacksMB[i] = c.stacksMB ?? NaN;
    this.globalsMB[i] = c.globalsMB ?? NaN;
    this.procs[i] = c.procs;
    this.forced[i] = c.forced ? 1 : 0;
    this.lines[i] = position.line;
    this.columns[i] = position.column;
    this.timesStart[i] = timesStart;
    this.clockCount[i] = clockCount;
    this.cpuCount[i] = this.timesLength - timesStart - clockCount;
    this.length = i + 1;
  }

  /** Appends one phase time (the cycle being read's; push then says where its times start). */
  addTime(ms: number): void {
    if (this.timesLength === this.times.length) this.times = grown(this.times, this.times.length * 2);
    this.times[this.timesLength++] = ms;
  }

  /** Drops phase times added since `start` (a line whose times were read but that was then not kept). */
  dropTimes(start: number): void {
    this.timesLength = start;
  }

  private grow(size: number): void {
    this.numbers = grown(this.numbers, size);
    this.atSeconds = grown(this.atSeconds, size);
    this.cpuPercent = grown(this.cpuPercent, size);
    this.heapStartMB = grown(this.heapStartMB, size);
    this.heapEndMB = grown(this.heapEndMB, size);
    this.liveMB = grown(this.liveMB, size);
    this.goalMB = grown(this.goalMB, size);
    this.stacksMB = grown(this.stacksMB, size);
    this.globalsMB = grown(this.globalsMB, size);
    this.procs = grown(this.procs, size);
    this.forced = grown(this.forced, size);
    this.lines = grown(this.lines, size);
    this.columns = grown(this.columns, size);
    this.timesStart = grown(this.timesStart, size);
    this.clockCount = grown(this.clockCount, size);
    this.cpuCount = grown(this.cpuCount, size);
  }

  /** Cycle `i` as an object (built on each call). */
  at(i: number): GcCycle {
    const start = this.timesStart[i] ?? 0;
    const clock = this.clockCount[i] ?? 0;
    const optional = (n: number | undefined): number | undefined => (n === undefined || Number.isNaN(n) ? undefined : n);
    return {
      number: this.numbers[i] ?? 0,
      atSeconds: this.atSeconds[i] ?? 0,
      cpuPercent: this.cpuPercent[i] ?? 0,
      clockMs: Array.from(this.times.subarray(start, start + clock)),
      cpuMs: Array.from(this.times.subarray(start + clock, start + clock + (this.cpuCount[i] ?? 0))),
      heapStartMB: this.heapStartMB[i] ?? 0,
      heapEndMB: this.heapEndMB[i] ?? 0,
      liveMB: this.liveMB[i] ?? 0,
      goalMB: this.goalMB[i] ?? 0,
      stacksMB: optional(this.stacksMB[i]),
      globalsMB: optional(this.globalsMB[i]),
      procs: this.procs[i] ?? 0,
      forced: this.forced[i] === 1,
      position: { line: this.lines[i] ?? 0, column: this.columns[i] ?? 0 },
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
      if ((this.lines[mid] ?? 0) < line) lo = mid + 1;
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
  /** Where the GC count starts again at a lower number: another run of the program in the same log. */
  restarts: Position[];
  lineCount: number;
}
