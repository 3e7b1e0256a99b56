/**
 * Connects a goroutine dump to a heap dump's `# Stack = inuse / sys` line: `StackInuse` is the
 * memory of all goroutine stacks, so `StackInuse / goroutines` is the average stack size.
 *
 * A goroutine starts with a 2 KiB stack (since Go 1.4; go1.19+ may start larger, from the average
 * of past stacks) and the stack doubles when it grows; it shrinks only at GC. So an average far
 * above 2 KiB means deep stacks (recursion, big frames), and a count far above what the program
 * needs means blocked goroutines hold stacks (reasoning.md §2.5). `StackInuse` also holds stacks
 * the dump does not list (the runtime's own goroutines, each thread's g0 stack when not provided by
 * the OS), so the average is an upper bound, close when goroutines are many.
 *
 * The per-group estimate assumes every goroutine has the average stack: a dump has no per-goroutine
 * stack sizes. `stackDepth` (frames) tells which groups are likely to hold more.
 */
import type { GoroutineGroup, GoroutineSummary } from './model.js';

/** The initial goroutine stack (runtime `fixedStack` / `_StackMin` on Linux, macOS, Windows). */
export const INITIAL_STACK_BYTES = 2048;

export interface GroupStackEstimate {
  function: string;
  state?: string;
  count: number;
  /** Of all goroutines in the dump. */
  share: number;
  /** count × the average stack. */
  estimatedBytes: number;
}

export interface StackUsageEstimate {
  goroutines: number;
  stackInuseBytes: number;
  /** StackInuse / goroutines; undefined for a dump without goroutines. */
  averageBytesPerGoroutine: number | undefined;
  /** The average over the initial 2 KiB stack: ≈1 means shallow stacks, ≫1 deep ones. */
  growthFactor: number | undefined;
  /** The largest group, with its share of the goroutines and of StackInuse. */
  largestGroup: GroupStackEstimate | undefined;
  /** True when the largest group holds at least `concentrationShare` of the goroutines (default one half). */
  concentrated: boolean;
  /** Every group, largest first. */
  groups: GroupStackEstimate[];
}

function estimate(g: GoroutineGroup, total: number, average: number): GroupStackEstimate {
  const out: GroupStackEstimate = {
    function: g.function, count: g.count, share: total > 0 ? g.count / total : 0, estimatedBytes: Math.round(g.count * average),
  };
  if (g.state !== undefined) out.state = g.state;
  return out;
}

/**
 * `stackInuse` is the heap dump's `StackInuse` (the first number of `# Stack = inuse / sys`), as a
 * number or the bigint the heap grammar reads.
 */
export function estimateStackUsage(
  summary: GoroutineSummary,
  stackInuse: number | bigint,
  options: { concentrationShare?: number } = {},
): StackUsageEstimate {
  const bytes = Number(stackInuse);
  const total = summary.total;
  const average = total > 0 ? bytes / total : undefined;
  const groups = summary.groups.map((g) => estimate(g, total, average ?? 0));
  const largest = groups[0];
  return {
    goroutines: total,
    stackInuseBytes: bytes,
    averageBytesPerGoroutine: average,
    growthFactor: average !== undefined ? average / INITIAL_STACK_BYTES : undefined,
    largestGroup: largest,
    concentrated: largest !== undefined && largest.share >= (options.concentrationShare ?? 0.5),
    groups,
  };
}
