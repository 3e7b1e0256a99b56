/**
 * The join of `heapdoc analyze HEAP --escape M` (reasoning.md §5): every allocation site whose
 * file:line has compiler diagnostics shows them, ranked by the site's bytes. A site's frame and
 * the frames inlined into the same call (they share its PC in the dump) are all looked up, since
 * an allocation inlined from a helper is reported by the compiler at the helper's line.
 */
import { isAllocatorEntry, isRuntimeFunction, type AllocationSite } from '../profile.js';
import type { SnapshotAnalysis } from '../snapshot.js';
import type { GoroutineSummary } from '../goroutines/index.js';
import type { Frame } from '../../grammar/heap/index.js';
import { compareAllocationSite, coversFile, framePackage, inlinedBodyHeap, isCallee, matchFile, pathSegments, type EscapeIndex, type EscapeIndexBuilder, type JoinedDiagnostic, type RuntimeWork, type SiteComparison } from './join.js';
import type { EscapeAnalyzer } from './analyzer.js';
import { isAllocationExpression } from './cause.js';
import type { CompilerMessage } from '../../grammar/gcflags/index.js';
import { closureKeeper, keptBy, keptByFix, linePcs, type ClosureKeeper, type KeptBy, type LinePcs } from './keeper.js';
import { baseName } from '../../common/paths.js';
import { hiddenAbove } from '../samelines.js';

/**
 * What `heapdoc analyze --escape` does with each compiler message as it streams (the reader's
 * onMessage and onPackage): the analysis reads every one, and the index keeps those of the lines
 * wanted with where the analysis placed them (Placement: on a line of several closures, which
 * one), the inlining lines only as calls and declarations.
 */
export function escapeFeed(analyzer: EscapeAnalyzer, builder: EscapeIndexBuilder): { onMessage: (d: CompilerMessage) => void; onPackage: () => void } {
  return {
    onMessage: (d) => {
      const placement = analyzer.add(d);
      if (d.kind === 'inlining-call') builder.inlinedCall(d);
      else if (d.kind === 'can-inline' || d.kind === 'cannot-inline') builder.declaration(d);
      else builder.add(d, placement);
    },
    onPackage: () => {
      analyzer.packageHeader();
      builder.packageHeader();
    },
  };
}

export interface SiteEscape {
  /** The comparison at the site's own frame: agrees, disagrees, silent, not-covered or ambiguous. */
  comparison: SiteComparison;
  /** Every diagnostic at the site's frame and the frames inlined with it, without duplicates. */
  diagnostics: JoinedDiagnostic[];
  /** Diagnostics at those lines that the index did not keep (MESSAGES_PER_KIND); 0 for most sites. */
  omitted: number;
  /** The escaping closure that keeps the site's heap value, when -m=2 says which (keeper.ts closureKeeper). */
  closure?: ClosureKeeper;
  /** Where the site's heap value goes by the compiler's -m=2 flows, when they say (keeper.ts keptBy). */
  keptBy?: KeptBy;
  /** The line's bytes mostly at one of more PCs than the compiler's heap decisions there (keeper.ts linePcs). */
  linePcs?: LinePcs;
}

/** A frame's function entry (PC − offset), undefined when either is missing or not hex. */
function entryOf(frame: { address: string; offset: string | undefined }): number | undefined {
  const pc = Number.parseInt(frame.address, 16);
  const offset = frame.offset === undefined ? Number.NaN : Number.parseInt(frame.offset, 16);
  return Number.isFinite(pc) && Number.isFinite(offset) ? pc - offset : undefined;
}

interface Place {
  file: string;
  line: number;
  /** The function inlined at this frame's line that the PC is in: the frame before it, when inlined (see OwnFrame). */
  inlined: string | undefined;
  /** The frame's package (join.ts framePackage): a compiler file of another package is not its. */
  package?: string | undefined;
  /** A caller found by its function entry alone (Go 1.19): only its copy of the site's allocation is the site's. */
  copyOnly?: boolean;
}

/**
 * The site's frame and the frames that share its PC in one of its stacks: the calls inlined at
 * that point; and, after it, the frames of the calls it is inlined into that Go 1.19 gives another
 * PC of the same function, the inline mark's (`main.load+0x124` then `main.main+0xe7`: one
 * function entry). Undefined when the stack does not have the site's frame.
 */
function stackGroup(site: AllocationSite, stack: AllocationSite['stacks'][number]['stack']): Place[] | undefined {
  let at = -1;
  for (let i = 0; i < stack.depth && at < 0; i++) if (stack.functionAt(i) === site.function && stack.fileAt(i) === site.file && stack.lineAt(i) === site.line) at = i;
  const own = at < 0 ? undefined : stack.frameAt(at);
  if (own === undefined) return undefined;
  // Only the frames around the site's are built (frameAt): a site can have thousands of stacks.
  const frames = new Map<number, Frame>([[at, own]]);
  const frame = (i: number): Frame | undefined => {
    let f = frames.get(i);
    if (f === undefined && i >= 0 && i < stack.depth) {
      f = stack.frameAt(i);
      if (f !== undefined) frames.set(i, f);
    }
    return f;
  };
  let first = at;
  while (frame(first - 1)?.address === own.address) first--;
  const group: Array<{ i: number; copyOnly: boolean }> = [];
  let i = first;
  for (; frame(i)?.address === own.address; i++) group.push({ i, copyOnly: false });
  const entry = entryOf(own);
  for (; entry !== undefined && i < stack.depth; i++) {
    const f = frame(i) as Frame;
    if (entryOf(f) !== entry) break;
    group.push({ i, copyOnly: true });
  }
  // The frame before a frame of the group is inlined into it: the same PC, or (Go 1.19) a frame of
  // the group by its function entry; the site's own frame has one only at the same PC.
  const inner = (i: number): string | undefined => {
    const before = frame(i - 1);
    return before !== undefined && (before.address === frame(i)?.address || group.some((g) => g.i === i - 1)) ? before.function : undefined;
  };
  return group.flatMap(({ i: index, copyOnly }) => {
    const f = frame(index) as Frame;
    return f.file !== undefined && f.line !== undefined ? [{ file: f.file, line: f.line, inlined: inner(index), package: framePackage(f.function), ...(copyOnly ? { copyOnly } : {}) }] : [];
  });
}

/**
 * The site's inline groups (stackGroup), one per distinct group among its stacks, in the stacks'
 * order: a function inlined into its caller in one stack can run standalone in another
 * (bufio.NewReaderSize inlined into bufio.NewReader, and called from (*Transport).dialConn).
 */
function inlineGroups(site: AllocationSite): Place[][] {
  const out = new Map<string, Place[]>();
  for (const { stack } of site.stacks) {
    const group = stackGroup(site, stack);
    if (group === undefined || group.length === 0) continue;
    const key = group.map((p) => `${p.file}:${p.line}:${p.inlined ?? ''}:${p.copyOnly === true ? 1 : 0}`).join('\n');
    if (!out.has(key)) out.set(key, group);
  }
  if (out.size === 0 && site.file !== undefined && site.line !== undefined) return [[{ file: site.file, line: site.line, inlined: undefined }]];
  return [...out.values()];
}

/**
 * The lines joinSnapshots will look up, by file name (a path's last segment, as the join matches
 * files): each site's own line and those of the frames inlined with it; with `frames` (the
 * terminal UI, which shows what the compiler said at any frame selected), every frame's line of
 * the sites' stacks and of the goroutine groups' stacks (`goroutines`: a group's detail selects
 * frames too), their `created by` lines with them. For EscapeIndexBuilder, which then indexes only these.
 */
export function wantedLines(snapshots: readonly SnapshotAnalysis[], options: { frames?: boolean; goroutines?: readonly GoroutineSummary[] } = {}): Map<string, Set<number>> {
  const wanted = new Map<string, Set<number>>();
  const want = (file: string, line: number): void => {
    const base = pathSegments(file).at(-1);
    if (base === undefined) return;
    let lines = wanted.get(base);
    if (!lines) wanted.set(base, (lines = new Set()));
    lines.add(line);
  };
  for (const s of snapshots) {
    for (const site of s.profile.sites) {
      if (site.runtimeOnly || site.file === undefined || site.line === undefined) continue;
      want(site.file, site.line);
      for (const group of inlineGroups(site)) for (const place of group) want(place.file, place.line);
      if (!options.frames) continue;
      for (const { stack } of site.stacks) {
        for (let i = 0; i < stack.depth; i++) {
          const file = stack.fileAt(i);
          const line = stack.lineAt(i);
          if (file !== undefined && line !== undefined) want(file, line);
        }
      }
    }
  }
  // Each goroutine group's top frame of the program: what the compiler says of its function's locals (frames.ts stackLocalsWords).
  for (const dump of options.goroutines ?? []) for (const g of dump.groups) if (g.file !== undefined && g.line !== undefined) want(g.file, g.line);
  if (!options.frames) return wanted;
  for (const dump of options.goroutines ?? []) {
    for (const g of dump.groups) {
      for (const f of g.stack ?? []) if (f.file !== undefined && f.line !== undefined) want(f.file, f.line);
      if (g.createdAt?.line !== undefined) want(g.createdAt.file, g.createdAt.line);
    }
  }
  return wanted;
}

/**
 * What the runtime did under the site's frame, when every stack of the site shows it: the runtime
 * function called from the line (the outermost runtime frame past the allocator's entry points;
 * runtime.growslice is an append's), or PCs above the frame that a debug=1 dump does not print (it
 * hides a stack's leading runtime frames: a map's growth under leakLoop at main.go:67 is `@ 0x40fa6e
 * 0x411339 0x412e1c 0x671178` with only leakLoop's line), counted in each stack: a line reached
 * through two calls has stacks of 3 and of 5. Undefined when a stack shows none.
 */
export function runtimeWork(site: AllocationSite): RuntimeWork | undefined {
  let called: string | undefined;
  let fewest = Number.POSITIVE_INFINITY;
  let most = 0;
  for (const { stack } of site.stacks) {
    let at = -1;
    for (let i = 0; i < stack.depth && at < 0; i++) if (stack.functionAt(i) === site.function && stack.fileAt(i) === site.file && stack.lineAt(i) === site.line) at = i;
    if (at < 0) return undefined;
    let here: string | undefined;
    for (let i = at - 1; i >= 0 && here === undefined; i--) {
      const fn = stack.functionAt(i);
      // A frame of the program's own before the site's: an inlined call, not the runtime.
      if (fn === undefined || !isRuntimeFunction(fn)) return undefined;
      if (fn === 'runtime.growslice' || !isAllocatorEntry(fn)) here = fn;
    }
    const hidden = at === 0 ? hiddenAbove(stack) : 0;
    if (here === undefined && hidden === 0) return undefined;
    called ??= here;
    fewest = Math.min(fewest, hidden);
    most = Math.max(most, hidden);
  }
  return called === undefined && most === 0 ? undefined : { called, unprinted: { stacks: site.stacks.length, fewest, most } };
}

/** Every stack of the site runs through runtime.growslice under its frame: append grows a slice there (runtimeWork; leak-advice.ts withAppendsBeside). */
export function growsSlice(site: AllocationSite): boolean {
  return runtimeWork(site)?.called === 'runtime.growslice';
}

function joinSite(index: EscapeIndex, site: AllocationSite): SiteEscape | undefined {
  if (site.file === undefined || site.line === undefined) return undefined;
  const groups = inlineGroups(site);
  // The site's frame: only its own messages, not those of a call inlined at its line that the
  // allocation is not in (leakSlice's `append` at main.go:35 is not newRecord, inlined at 35:36).
  const ownPlace = groups[0]?.find((place) => place.file === site.file && place.line === site.line);
  const comparison = compareAllocationSite(index, site.file, site.line, { inlined: ownPlace?.inlined, function: site.function, runtime: () => runtimeWork(site) });
  const seen = new Set<JoinedDiagnostic>(comparison.diagnostics);
  // Inlined into a caller, the allocation that ran is the caller's copy: the compiler reports it
  // at the call (plateau: `make([]byte, 8 << 10)` at main.go:55:42, kept by `c.m[k] = v`), and
  // the site's own line holds the standalone function's copy (returned), which did not run here:
  // the copy's diagnostic stands in for it.
  // Inlined twice (readPacket into keepHeader into main), the copy that ran is the outermost
  // call's, the function the PC is in: the copies at calls in between are dropped.
  // Each distinct group of the site's stacks has its copy; a stack with none ran the standalone
  // body, whose messages at the site's line then stay.
  const subjects = new Set(comparison.diagnostics.map((d) => d.subject).filter((subject) => subject !== undefined));
  const unseen = comparison.status === 'not-covered';
  const copies: JoinedDiagnostic[] = [];
  const others: JoinedDiagnostic[] = [];
  let standalone = false;
  let omitted = comparison.omitted;
  const looked = new Map<string, SiteComparison>();
  for (const group of groups) {
    let copy: JoinedDiagnostic[] = [];
    for (const place of group) {
      if (place.file === site.file && place.line === site.line) continue;
      const key = `${place.file}:${place.line}:${place.inlined ?? ''}:${place.package ?? ''}`;
      let inlined = looked.get(key);
      if (inlined === undefined) {
        inlined = compareAllocationSite(index, place.file, place.line, { inlined: place.inlined, package: place.package });
        looked.set(key, inlined);
        omitted += inlined.omitted;
      }
      // The site's own file not in the output (the standard library's, built without -m): the
      // copy of its function's body inlined at this line is the compiler's word on the site.
      const here = unseen && place.inlined !== undefined && site.function !== undefined && isCallee(site.function, place.inlined)
        ? byAllocation(inlinedBodyHeap(index, place.file, place.line, place.inlined, place.package))
        : inlined.diagnostics.filter((d) => d.subject !== undefined && subjects.has(d.subject));
      if (here.length > 0) copy = here;
      for (const d of inlined.diagnostics) {
        if (!seen.has(d) && !here.includes(d) && place.copyOnly !== true) {
          seen.add(d);
          others.push(d);
        }
      }
    }
    if (copy.length === 0) standalone = true;
    for (const d of copy) if (!copies.includes(d)) copies.push(d);
  }
  const copied = new Set(copies.map((d) => d.subject));
  const own = standalone ? comparison.diagnostics : comparison.diagnostics.filter((d) => !copied.has(d.subject));
  // Escape analysis first (heap values before the rest), the inliner's and closure notes dropped.
  const rank = (d: JoinedDiagnostic): number => ESCAPE_RANK[d.kind] ?? 9;
  const diagnostics = [...copies, ...own, ...others].filter((d) => rank(d) < 9).sort((a, b) => rank(a) - rank(b));
  const closure = closureKeeper(index, diagnostics, comparison.diagnostics);
  const kept = keptBy(index, diagnostics, closure);
  const pcs = linePcs(site, diagnostics, `${baseName(site.file)}:${site.line}`);
  return { comparison, diagnostics, omitted, ...(closure ? { closure } : {}), ...(kept ? { keptBy: kept } : {}), ...(pcs ? { linePcs: pcs } : {}) };
}

/**
 * Where the compiler's flows say a growing site's values go (SiteEscape.keptBy), from any snapshot's
 * site of the same function, file and line (one line, one compiler output), as a fix's words (keptByFix).
 */
export function keptByWords(sites: ReadonlyMap<AllocationSite, SiteEscape>, site: { function: string; file: string | undefined; line: number | undefined }): string | undefined {
  for (const [s, joined] of sites) {
    if (joined.keptBy !== undefined && s.function === site.function && s.file === site.file && s.line === site.line) return keptByFix(joined.keptBy);
  }
  return undefined;
}

/** Allocations of their own (make, new, &T{}, …) before the interface conversions (a panic's argument): what a site's bytes are. */
function byAllocation(list: JoinedDiagnostic[]): JoinedDiagnostic[] {
  const own = (d: JoinedDiagnostic): number => (isAllocationExpression(d.subject ?? d.message) ? 0 : 1);
  return [...list].sort((a, b) => own(a) - own(b));
}

const ESCAPE_RANK: Partial<Record<string, number>> = {
  'moved-to-heap': 0,
  'escapes-to-heap': 0,
  'leaking-param': 1,
  'leaking-param-content': 1,
  'does-not-escape': 2,
};

/**
 * Every site of every snapshot (runtime-only sites and sites without a file:line aside) with its
 * compiler diagnostics and comparison, in the sites' order (bytes in use, descending): also the
 * sites the compiler says nothing about (`silent`: JSON's escapeStatus, docs/json.md) and those of
 * files it does not cover (`not-covered`) or cannot tell apart (`ambiguous`). The text and Markdown
 * reports list only the sites with messages or a disagreement (site-report.ts, hasCompilerMessages).
 */
export function joinSnapshots(index: EscapeIndex, snapshots: readonly SnapshotAnalysis[]): Map<AllocationSite, SiteEscape> {
  const out = new Map<AllocationSite, SiteEscape>();
  for (const s of snapshots) {
    for (const site of s.profile.sites) {
      if (site.runtimeOnly) continue;
      const joined = joinSite(index, site);
      if (joined) out.set(site, joined);
    }
  }
  return out;
}

/**
 * The files of the snapshots' allocation sites (runtime-only sites aside), and how many of them
 * the compiler output covers: none means the -m output is of another program or build, which the
 * join would otherwise pass over in silence.
 */
export function siteFileCoverage(index: EscapeIndex, snapshots: readonly SnapshotAnalysis[]): { files: string[]; covered: number } {
  const functions = new Map<string, Set<string | undefined>>();
  for (const s of snapshots) {
    for (const site of s.profile.sites) {
      if (site.runtimeOnly || site.file === undefined) continue;
      const known = functions.get(site.file);
      if (known) known.add(site.function);
      else functions.set(site.file, new Set([site.function]));
    }
  }
  // A file is covered when the output has it for one of its sites' functions (of their package:
  // matchFile), or has the line a site of it is inlined at (bytes.Repeat's copy in main.render).
  const inlinedCovered = new Set<string>();
  for (const s of snapshots) {
    for (const site of s.profile.sites) {
      if (site.runtimeOnly || site.file === undefined || inlinedCovered.has(site.file)) continue;
      const places = inlineGroups(site).flat().filter((p) => p.file !== site.file || p.line !== site.line);
      if (places.some((p) => coversFile(index, p.file, p.package))) inlinedCovered.add(site.file);
    }
  }
  const covered = [...functions].filter(([file, fns]) => inlinedCovered.has(file) || [...fns].some((fn) => matchFile(index, file, fn).status !== 'none'));
  return { files: [...functions.keys()], covered: covered.length };
}
