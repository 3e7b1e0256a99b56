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
import { isRuntimeFunction, isStandardLibrary } from './frames.js';
import { baseName } from '../../common/paths.js';
import { formatBytes, formatCount } from '../../text/units.js';

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

/**
 * Goroutine stacks this large on average are deep (recursion, large frames), not stacks of many
 * goroutines: 512 times the 2 KiB a goroutine starts with. The corpus's deepest crowd (1,000
 * goroutines, 400 frames of 200 bytes) averages 128 KiB; the captured go1.19-audit28-deepstack's
 * one recursion 200,000 frames deep holds 128 MiB of the 128.3 MiB of 4 goroutines.
 */
export const DEEP_STACK_BYTES = 1024 * 1024;

/**
 * Stack bytes per goroutine that are deep where a goroutine dump shows a function calling itself:
 * 128 times a goroutine's starting stack, which a burst of goroutines averages a few KiB of (the
 * captured go1.19-audit42-deeprec's t05–t72 ?gc=1 dumps, 35.9 MiB of stacks beside 40 goroutines
 * recursing, 918 KiB each, were "a burst of goroutines came and went").
 */
export const RECURSING_DEEP_STACK_BYTES = 256 * 1024;

/** A function this many times in one stack calls itself: recursion, whose depth sizes the stack. */
export const RECURSION_MIN_FRAMES = 10;

/** A function that calls itself in a goroutine dump: the group whose stack repeats it most. */
export interface Recursion {
  function: string;
  /** Its frames in the stack the dump printed (a debug=2 traceback prints 100 at most, debug=1 32 PCs before go1.23). */
  frames: number;
  /** Goroutines in the group, and the group's function (its top frame of the program). */
  goroutines: number;
  group: string;
  file?: string;
  line?: number;
  /** The standard library's (encoding/json walking a deeply nested value), not the program's. */
  library?: true;
}

/**
 * The recursion a dump shows: of every group's first stack, the program's function repeated most,
 * when it is RECURSION_MIN_FRAMES times or more (more goroutines break a tie). Undefined without one.
 * The standard library's are left out — "make the recursion iterative" is advice for the program's
 * code — unless `library`: then only theirs (not the runtime's), for a stack deep in encoding/json
 * walking a value nested 100,000 levels (the captured go1.19-jsondeep).
 */
export function recursionOf(summary: GoroutineSummary, library = false): Recursion | undefined {
  let best: Recursion | undefined;
  const counted = (fn: string): boolean => !fn.startsWith('?') && (library ? isStandardLibrary(fn) && !isRuntimeFunction(fn) : !isStandardLibrary(fn));
  for (const g of summary.groups) {
    const counts = new Map<string, number>();
    for (const frame of g.stack ?? []) {
      if (counted(frame.function)) counts.set(frame.function, (counts.get(frame.function) ?? 0) + 1);
    }
    for (const [fn, frames] of counts) {
      if (frames < RECURSION_MIN_FRAMES || (best && (frames < best.frames || (frames === best.frames && g.count <= best.goroutines)))) continue;
      const at = g.stack?.find((f) => f.function === fn);
      best = {
        function: fn, frames, goroutines: g.count, group: g.function,
        ...(at?.file !== undefined ? { file: at.file } : {}), ...(at?.line !== undefined ? { line: at.line } : {}), ...(library ? { library: true as const } : {}),
      };
    }
  }
  return best;
}

/**
 * `main.deep calls itself (97 of the frames printed, main.go:52)`; the standard library's:
 * `encoding/json.ptrEncoder.encode recurses under main.leaf.MarshalJSON (19 of the frames printed)`.
 */
export function recursionWords(r: Recursion): string {
  if (r.library) return `${r.function} recurses under ${r.group} (${r.frames} of the frames printed)`;
  const where = r.file !== undefined ? `, ${baseName(r.file)}${r.line !== undefined ? `:${r.line}` : ''}` : '';
  return `${r.function} calls itself (${r.frames} of the frames printed${where})`;
}

/**
 * Stack bytes per goroutine when they say the stacks are deep (`least`, DEEP_STACK_BYTES, or more each):
 * `stackBytes` over the most goroutines that can hold them — those a goroutine dump counts alive,
 * or every goroutine the process made (its descriptors, runtime.malg's objects, which the runtime
 * never frees: a goroutine that exited keeps a starting-size stack with its descriptor until a GC).
 * Undefined when neither count is known or the stacks are not that deep.
 */
export function deepStackBytes(stackBytes: number, alive: number | undefined, descriptors: number | undefined, least = DEEP_STACK_BYTES): number | undefined {
  const most = Math.max(alive ?? 0, descriptors ?? 0);
  if (most <= 0) return undefined;
  const each = stackBytes / most;
  return each >= least ? each : undefined;
}

/**
 * Stack bytes per goroutine when they say the stacks are deep, one rule for one dump beside its goroutine dump
 * (rules/stack-heavy.ts withGoroutineDump) and a series (series/verdict.ts): where a goroutine dump counts the goroutines
 * alive and shows a function calling itself (`recursion`), RECURSING_DEEP_STACK_BYTES each over those it counts; else
 * deepStackBytes's DEEP_STACK_BYTES each over the most goroutines that can hold them. The captured go1.19-audit42-deeprec's
 * ?gc=1 dump at t64 beside its goroutine dump, 35.9 MiB of stacks for 40 goroutines (918.4 KiB each) and main.walk calling
 * itself, was "each such stack is deep" alone while its series said "deep stacks, not a burst of goroutines".
 */
export function deepStacksOf(stackBytes: number, alive: number | undefined, descriptors: number | undefined, recursion: Recursion | undefined): number | undefined {
  return recursion !== undefined && alive !== undefined && alive > 0
    ? deepStackBytes(stackBytes, alive, undefined, RECURSING_DEEP_STACK_BYTES)
    : deepStackBytes(stackBytes, alive, descriptors);
}

/**
 * Stack bytes per goroutine alive that are large frames where no goroutine dump shows a recursion: 32 times the 2 KiB a
 * goroutine starts with. A goroutine of ordinary frames stays within a few KiB (the corpus's crowds: 2–8 KiB each); the
 * captured go1.19-audit44-bigframes, 40 workers each with a 64 KiB local array (main.go:19), holds 128 KiB each.
 */
export const LARGE_FRAMES_STACK_BYTES = 64 * 1024;

/**
 * Fewer goroutines alive than this say nothing of their frames: StackInuse also holds each thread's system stack and the
 * starting-size stacks exited goroutines keep until a GC (the burst scenario's 4 goroutines beside 832 KiB right after
 * 10,000 exited, 208 KiB each, were no large frames).
 */
export const LARGE_FRAMES_MIN_GOROUTINES = 16;

/**
 * `44 goroutines hold 5.5 MiB of stacks, 128.0 KiB each, 64× the 2 KiB a stack starts at, and no recursion shows: large
 * frames (local arrays or structs, which stay on the stack) — the largest group, 40 main.worker at main.go:20`, when the
 * stacks per goroutine alive are LARGE_FRAMES_STACK_BYTES or more, below `deep` (DEEP_STACK_BYTES: said as deep stacks),
 * and no recursion shows, of LARGE_FRAMES_MIN_GOROUTINES or more; undefined otherwise. The largest group of the program's own (not benign) is named with the
 * line its first goroutine's top frame was at.
 */
export function largeFramesWords(stackBytes: number, alive: number, groups: readonly GoroutineGroup[], recursion: Recursion | undefined, deep = DEEP_STACK_BYTES): string | undefined {
  if (alive < LARGE_FRAMES_MIN_GOROUTINES || recursion) return undefined;
  const each = stackBytes / alive;
  if (each < LARGE_FRAMES_STACK_BYTES || each >= deep) return undefined;
  const top = largeFramesGroup(groups);
  const named = top ? ` — ${largestGroupWords(top)}` : '';
  return `${formatCount(alive)} goroutine${alive === 1 ? '' : 's'} hold ${formatBytes(stackBytes)} of stacks, ${formatBytes(each)} each, ${Math.round(each / INITIAL_STACK_BYTES)}× the 2 KiB a stack starts at, and no recursion shows: large frames (local arrays or structs, which stay on the stack)${named}`;
}

/** The group large frames are named by (largeFramesWords): the largest of the program's own (not benign, with frames). */
export function largeFramesGroup(groups: readonly GoroutineGroup[]): GoroutineGroup | undefined {
  return groups.filter((g) => !g.benign && g.noFrames === undefined).reduce<GoroutineGroup | undefined>((a, g) => (g.count > (a?.count ?? 0) ? g : a), undefined);
}

/** `the largest group, 40 main.worker at main.go:20`: largeFramesWords' name of its group, which --escape's words follow (escape/frames.ts). */
export function largestGroupWords(top: GoroutineGroup): string {
  const where = top.file !== undefined ? ` at ${baseName(top.file)}${top.line !== undefined ? `:${top.line}` : ''}` : '';
  return `the largest group, ${formatCount(top.count)} ${top.function}${where}`;
}
