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

export interface GcTraceLog {
  cycles: GcCycle[];
  scavenger: ScavengerLine[];
  /** Lines that are not the runtime's (the program's own output): skipped and counted. */
  otherLines: number;
  /** Where the GC count starts again at a lower number: another run of the program in the same log. */
  restarts: Position[];
  lineCount: number;
}
