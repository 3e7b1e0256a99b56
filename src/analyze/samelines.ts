/**
 * Stacks of one site that print the same lines. The runtime keeps a record per stack of PCs, but a
 * heap?debug=1 dump hides the runtime's own frames above the allocation (it prints their PCs, no
 * line; go tool pprof hides them too): a map's growth, or a defer record that runtime.deferproc
 * allocates for a `defer` in a loop, is then a second stack with the site's lines. What still tells
 * them apart is each one's object size (bytes ÷ objects) and how many PCs sit above its first line.
 */
import type { HeapStack } from '../grammar/heap/index.js';
import { formatBytes } from '../text/units.js';
import type { AllocationSite, StackShare } from './profile.js';
import { formatWhere } from './escape/cause.js';
import type { JoinedDiagnostic } from './escape/join.js';

/** A stack of a same-lines group, by its place in the site's stacks. */
export interface SameLinesStack {
  /** 0-based, in AllocationSite.stacks' order (the UI's "Stack N", N = index + 1). */
  index: number;
  share: StackShare;
  /** Bytes ÷ objects (objectSize); undefined without objects. */
  size: { bytes: number; whole: boolean } | undefined;
  /** PCs before the first printed frame: the runtime's own calls between the site's line and the allocation. */
  hiddenAbove: number;
}

/**
 * A stack's object size: bytes ÷ objects allocated (in use, when none was). A record's
 * objects are mostly of one size class; the unsampled estimates scale a record's bytes and objects
 * by one factor and truncate each (unsample.ts, as pprof), so a whole ratio in the dump (`13:
 * 1040`, 80 B) comes back within a hundredth of a byte: rounded back, and said exact (`whole`)
 * when the objects in use average the same, not a mix of sizes (a map's growing arrays).
 */
export function objectSize(share: StackShare): { bytes: number; whole: boolean } | undefined {
  const { allocBytes, allocObjects, inuseBytes, inuseObjects } = share.usage;
  const inUse = inuseObjects > 0 ? inuseBytes / inuseObjects : undefined;
  const allocated = allocObjects > 0 ? allocBytes / allocObjects : undefined;
  const ratio = allocated ?? inUse;
  if (ratio === undefined) return undefined;
  const whole = Math.round(ratio);
  const exact = Math.abs(ratio - whole) < 0.01 && (inUse === undefined || Math.abs(inUse - whole) < 0.01);
  return exact ? { bytes: whole, whole: true } : { bytes: ratio, whole: false };
}

/**
 * How many of a stack's PCs come before its first printed frame: the runtime's leading frames, which
 * a debug=1 dump hides (the printed PC is the return PC less one, runtime.CallersFrames); 0 when none.
 */
export function hiddenAbove(stack: HeapStack): number {
  const first = stack.depth > 0 ? stack.frameAt(0) : undefined;
  if (first === undefined) return 0;
  const pc = Number.parseInt(first.address, 16);
  if (!Number.isFinite(pc)) return 0;
  const at = stack.pcs.findIndex((p) => Number.parseInt(p, 16) - 1 === pc || Number.parseInt(p, 16) === pc);
  return Math.max(0, at);
}

/** The key of a stack's printed lines. */
function printedLines(stack: HeapStack): string {
  return stack.frames.map((f) => `${f.function ?? f.address}\u0000${f.file ?? ''}\u0000${f.line ?? ''}`).join('\u0001');
}

/**
 * How many of a site's stacks (its largest first) are looked at for same-lines groups: what the TUI lists. Every stack of every
 * site made the JSON of the 100 MB realistic bench dump 8× larger (7,111 groups) and its run 0.8 s slower, for stacks the JSON
 * does not list.
 */
export const SAME_LINES_STACKS = 20;

/** How many of a snapshot's sites (its largest first) the JSON gives same-lines groups: the text report's default table. */
export const SAME_LINES_SITES = 20;

/** The groups of two or more of `stacks` (the first `limit` of the site's) that print the same lines, each in the stacks' order. */
export function sameLineGroups(site: AllocationSite, limit = SAME_LINES_STACKS): SameLinesStack[][] {
  const groups = new Map<string, SameLinesStack[]>();
  (site.firstStacks?.(limit) ?? site.stacks.slice(0, limit)).forEach((share, index) => {
    if (share.stack.frames.length === 0) return;
    const key = printedLines(share.stack);
    const entry = { index, share, size: objectSize(share), hiddenAbove: hiddenAbove(share.stack) };
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  });
  return [...groups.values()].filter((g) => g.length > 1);
}

/** `80 B objects`, or `~7.4 MiB objects` (an average of several sizes). */
export function objectSizeWords(size: SameLinesStack['size']): string | undefined {
  return size === undefined ? undefined : `${size.whole ? '' : '~'}${formatBytes(size.bytes)} objects`;
}

/**
 * What a func literal the compiler reports at the site's line (`at`, main.go:23:9) makes of the
 * runtime calls hidden above a stack: for a closure deferred in a loop (`deferred`), or one whose
 * statement no source line told (`untold`), likely the defer record runtime.deferproc allocates.
 */
export interface LineLiteral {
  at: string;
  statement: 'deferred' | 'untold';
  /** The function the literal is in, whose return runs the deferred calls. */
  function: string | undefined;
}

/**
 * The sentence for a same-lines group: each stack's object size, the runtime calls above the
 * ones that have them, and, with a func literal at the line, what those calls likely are.
 */
export function sameLinesSentence(group: readonly SameLinesStack[], literal: LineLiteral | undefined): string {
  const parts = group.map((s) => {
    const size = objectSizeWords(s.size);
    const hidden = s.hiddenAbove > 0 ? `, ${s.hiddenAbove} runtime PC${s.hiddenAbove === 1 ? '' : 's'} above its first line` : '';
    return `stack ${s.index + 1}: ${formatBytes(s.share.usage.inuseBytes)} in use${size ? `, ${size}` : ''}${hidden}`;
  });
  const head = `${group.length} stacks print the same lines, told apart by their PCs (the runtime's own calls above the allocation, which the dump does not name, or two allocations on one line): ${parts.join('; ')}.`;
  const likely = literalWords(group, literal);
  return likely ? `${head} ${likely}` : head;
}

/** What the hidden runtime calls likely are, when the line has a func literal and one stack of the group has them. */
export function literalWords(group: readonly SameLinesStack[], literal: LineLiteral | undefined): string | undefined {
  const hidden = group.filter((s) => s.hiddenAbove > 0);
  if (literal === undefined || hidden.length !== 1 || hidden.length === group.length) return undefined;
  const [stack] = hidden as [SameLinesStack];
  const size = objectSizeWords(stack.size);
  const which = `stack ${stack.index + 1}${size ? ` (${size})` : ''}`;
  return literal.statement === 'deferred'
    ? `The compiler reports a func literal at ${literal.at}, deferred in a loop: the runtime's own calls above ${which}, which go tool pprof hides too, are likely its defer record (runtime.deferproc → runtime.newdefer), which stays until ${literal.function ?? 'the function'} returns.`
    : `The compiler reports a func literal at ${literal.at}: if it is deferred in a loop, the runtime's own calls above ${which}, which go tool pprof hides too, are likely its defer record (runtime.deferproc → runtime.newdefer).`;
}

/** The func literal the compiler reports escaping at the site's own line (joined, --escape), when it may be deferred in a loop. */
export function lineLiteral(site: AllocationSite, joined: readonly JoinedDiagnostic[] | undefined): LineLiteral | undefined {
  const d = joined?.find((x) => x.kind === 'escapes-to-heap' && x.subject === 'func literal' && x.line === site.line
    && (x.cause === 'deferred' || (x.cause === 'goroutine' && x.statement === undefined)));
  return d === undefined ? undefined : { at: formatWhere(d.file, d.line, d.column), statement: d.cause === 'deferred' ? 'deferred' : 'untold', function: d.placedIn ?? d.function };
}

/** A site's same-lines groups, each with its sentence (sameLinesSentence), with what the compiler reports at its line: the text and Markdown reports' sentences, the JSON's `sameLines`. */
export function sameLinesOf(site: AllocationSite, joined: readonly JoinedDiagnostic[] | undefined): { group: SameLinesStack[]; sentence: string }[] {
  if (site.stackCount < 2) return [];
  const groups = sameLineGroups(site);
  if (groups.length === 0) return [];
  const literal = lineLiteral(site, joined);
  return groups.map((group) => ({ group, sentence: sameLinesSentence(group, literal) }));
}

/** The sentences of a site's same-lines groups (sameLinesOf). */
export function sameLinesSentences(site: AllocationSite, joined: readonly JoinedDiagnostic[] | undefined): string[] {
  return sameLinesOf(site, joined).map((x) => x.sentence);
}
