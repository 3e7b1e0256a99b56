/**
 * The stacks of a heap profile summed by function, as pprof's `-top -cum`, `-tree` and flame
 * graph do: which function is responsible for the memory, directly (flat: it is the innermost
 * frame, the one that allocated) or through what it calls (cum: every stack it is on). A call
 * tree from one function shows where its memory goes (its callees, down to the allocation
 * sites) or where it comes from (its callers, up to the goroutine's first frame).
 *
 * A function that appears twice in one stack (recursion) counts once in its cum, as in pprof.
 * Pure: the same profile gives the same numbers; nothing here reads files or prints.
 */
import { addUsage, emptyUsage, type AllocationSite, type ProfileSummary, type Usage } from './profile.js';

export interface FunctionUsage {
  function: string;
  /** Stacks whose innermost frame is this function: what it allocated itself. */
  flat: Usage;
  /** Every stack the function is on, once per stack. */
  cum: Usage;
  /** Where the function's frame is in its heaviest stack (for `e`), when the dump says. */
  file: string | undefined;
  line: number | undefined;
  /**
   * Every line of `file` the function's frames are at, ascending: a function that allocates at
   * several lines (the captured go1.19-audit29-frag's main.allocate: 21, 23, 25 and 27) is not one line.
   */
  lines: number[];
}

/** Callees: top-down, from a function to the sites its calls allocate at. Callers: bottom-up. */
export type CallDirection = 'callees' | 'callers';

/** An allocation site reached at the end of a path of the tree, with the part of its usage that ends there. */
export interface SiteShare {
  site: AllocationSite;
  usage: Usage;
}

export interface CallNode {
  function: string;
  /** The stacks through this node: the node's own `sites` plus its children's cum. */
  cum: Usage;
  /**
   * Stacks that end here (callees: this is their innermost frame; callers: their outermost),
   * by the allocation site they belong to: flat when the direction is callees.
   */
  sites: SiteShare[];
  /** Callees or callers, heaviest in-use first. */
  children: CallNode[];
  /** The frame's place in the heaviest stack through this node. */
  file: string | undefined;
  line: number | undefined;
}

interface StackOf {
  site: AllocationSite;
  usage: Usage;
  /** Innermost first, as the dump prints them. */
  frames: { function: string; file: string | undefined; line: number | undefined }[];
}

interface Stacks {
  all: StackOf[];
  /** The stacks each function is on: a tree is built from those only. */
  byFunction: Map<string, StackOf[]>;
}

const stackCache = new WeakMap<ProfileSummary, Stacks>();

/** Every stack of the profile with its site and its (unsampled) usage, heaviest sites first. */
function stacksOf(profile: ProfileSummary): Stacks {
  const cached = stackCache.get(profile);
  if (cached) return cached;
  const all = profile.sites.flatMap((site) => site.stacks.map(({ stack, usage }): StackOf => {
    const frames = stack.frames.map((f) => ({ function: f.function ?? f.address, file: f.file, line: f.line }));
    // A stack with no symbolized frame still belongs to its site (named by its first PC).
    return { site, usage, frames: frames.length > 0 ? frames : [{ function: site.function, file: site.file, line: site.line }] };
  }));
  const byFunction = new Map<string, StackOf[]>();
  for (const stack of all) {
    for (const name of new Set(stack.frames.map((f) => f.function))) {
      const list = byFunction.get(name);
      if (list) list.push(stack);
      else byFunction.set(name, [stack]);
    }
  }
  const stacks = { all, byFunction };
  stackCache.set(profile, stacks);
  return stacks;
}

function byInuse<T extends { function: string }>(usage: (t: T) => Usage): (a: T, b: T) => number {
  return (a, b) => usage(b).inuseBytes - usage(a).inuseBytes || usage(b).allocBytes - usage(a).allocBytes || a.function.localeCompare(b.function);
}

/** Every function of the profile with its flat and cum usage, largest cum in-use first. */
export function functionUsage(profile: ProfileSummary): FunctionUsage[] {
  const byName = new Map<string, FunctionUsage>();
  for (const { usage, frames } of stacksOf(profile).all) {
    const seen = new Set<string>();
    frames.forEach((frame, i) => {
      let f = byName.get(frame.function);
      if (!f) {
        f = { function: frame.function, flat: emptyUsage(), cum: emptyUsage(), file: frame.file, line: frame.line, lines: [] };
        byName.set(frame.function, f);
      }
      if (frame.line !== undefined && frame.file === f.file && !f.lines.includes(frame.line)) f.lines.push(frame.line);
      if (i === 0) addUsage(f.flat, usage);
      // Recursion: the function is on this stack once, whatever its number of frames.
      if (seen.has(frame.function)) return;
      seen.add(frame.function);
      addUsage(f.cum, usage);
    });
  }
  for (const f of byName.values()) f.lines.sort((a, b) => a - b);
  return [...byName.values()].sort(byInuse((f) => f.cum));
}

function newNode(frame: StackOf['frames'][number]): CallNode {
  return { function: frame.function, cum: emptyUsage(), sites: [], children: [], file: frame.file, line: frame.line };
}

function addSite(node: CallNode, site: AllocationSite, usage: Usage): void {
  let share = node.sites.find((s) => s.site === site);
  if (!share) {
    share = { site, usage: emptyUsage() };
    node.sites.push(share);
  }
  addUsage(share.usage, usage);
}

function sortTree(node: CallNode): void {
  node.children.sort(byInuse((n) => n.cum));
  node.sites.sort((a, b) => b.usage.inuseBytes - a.usage.inuseBytes || b.usage.allocBytes - a.usage.allocBytes || a.site.function.localeCompare(b.site.function) || (a.site.line ?? 0) - (b.site.line ?? 0));
  for (const child of node.children) sortTree(child);
}

/**
 * The call tree of one function: every stack it is on, merged by path from it — towards the
 * innermost frame (callees) or the outermost (callers). Recursion: a callee tree starts at the
 * function's outermost frame of each stack, a caller tree at its innermost, so every stack
 * counts once and the recursive calls show as the function again below itself. Undefined when
 * the function is on no stack.
 */
export function callTree(profile: ProfileSummary, fn: string, direction: CallDirection): CallNode | undefined {
  let root: CallNode | undefined;
  for (const { site, usage, frames } of stacksOf(profile).byFunction.get(fn) ?? []) {
    const at = direction === 'callees' ? frames.findLastIndex((f) => f.function === fn) : frames.findIndex((f) => f.function === fn);
    if (at < 0) continue;
    // The path from the function: towards frames[0] (callees) or the last frame (callers).
    const path = direction === 'callees' ? frames.slice(0, at + 1).reverse() : frames.slice(at);
    root ??= newNode(path[0] as StackOf['frames'][number]);
    let node = root;
    addUsage(node.cum, usage);
    for (const frame of path.slice(1)) {
      let child = node.children.find((c) => c.function === frame.function);
      if (!child) {
        child = newNode(frame);
        node.children.push(child);
      }
      addUsage(child.cum, usage);
      node = child;
    }
    addSite(node, site, usage);
  }
  if (root) sortTree(root);
  return root;
}
