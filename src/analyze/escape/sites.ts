/**
 * The join of `heapdoc analyze HEAP --escape M` (reasoning.md §5): every allocation site whose
 * file:line has compiler diagnostics shows them, ranked by the site's bytes. A site's frame and
 * the frames inlined into the same call (they share its PC in the dump) are all looked up, since
 * an allocation inlined from a helper is reported by the compiler at the helper's line.
 */
import { isAllocatorEntry, isRuntimeFunction, type AllocationSite } from '../profile.js';
import type { SnapshotAnalysis } from '../snapshot.js';
import { compareAllocationSite, matchFile, pathSegments, type EscapeIndex, type JoinedDiagnostic, type RuntimeWork, type SiteComparison } from './join.js';

export interface SiteEscape {
  /** The comparison at the site's own frame: agrees, disagrees, silent, not-covered or ambiguous. */
  comparison: SiteComparison;
  /** Every diagnostic at the site's frame and the frames inlined with it, without duplicates. */
  diagnostics: JoinedDiagnostic[];
  /** Diagnostics at those lines that the index did not keep (MESSAGES_PER_KIND); 0 for most sites. */
  omitted: number;
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
  /** A caller found by its function entry alone (Go 1.19): only its copy of the site's allocation is the site's. */
  copyOnly?: boolean;
}

/**
 * The site's frame and the frames that share its PC: the calls inlined at that point; and, after
 * it, the frames of the calls it is inlined into that Go 1.19 gives another PC of the same
 * function, the inline mark's (`main.load+0x124` then `main.main+0xe7`: one function entry).
 */
function inlineGroup(site: AllocationSite): Place[] {
  const frames = site.stacks[0]?.stack.frames ?? [];
  const at = frames.findIndex((f) => f.function === site.function && f.file === site.file && f.line === site.line);
  const own = frames[at];
  const group: Array<{ frame: (typeof frames)[number]; copyOnly: boolean }> = own ? frames.filter((f) => f.address === own.address).map((frame) => ({ frame, copyOnly: false })) : [];
  const entry = own ? entryOf(own) : undefined;
  for (let i = at + 1; own && entry !== undefined && i < frames.length; i++) {
    const f = frames[i] as (typeof frames)[number];
    if (f.address === own.address) continue;
    if (entryOf(f) !== entry) break;
    group.push({ frame: f, copyOnly: true });
  }
  // The frame before a frame of the group is inlined into it: the same PC, or (Go 1.19) a frame of
  // the group by its function entry; the site's own frame has one only at the same PC.
  const inner = (frame: (typeof frames)[number]): string | undefined => {
    const i = frames.indexOf(frame);
    const before = i > 0 ? frames[i - 1] : undefined;
    return before !== undefined && (before.address === frame.address || group.some((g) => g.frame === before)) ? before.function : undefined;
  };
  const out: Place[] = group.flatMap(({ frame, copyOnly }) => (frame.file !== undefined && frame.line !== undefined ? [{ file: frame.file, line: frame.line, inlined: inner(frame), ...(copyOnly ? { copyOnly } : {}) }] : []));
  if (out.length === 0 && site.file !== undefined && site.line !== undefined) out.push({ file: site.file, line: site.line, inlined: undefined });
  return out;
}

/**
 * The lines joinSnapshots will look up, by file name (a path's last segment, as the join matches
 * files): each site's own line and those of the frames inlined with it. For EscapeIndexBuilder,
 * which then indexes only these.
 */
export function wantedLines(snapshots: readonly SnapshotAnalysis[]): Map<string, Set<number>> {
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
      for (const place of inlineGroup(site)) want(place.file, place.line);
    }
  }
  return wanted;
}

/**
 * What the runtime did under the site's frame, when every stack of the site shows it: the runtime
 * function called from the line (the outermost runtime frame past the allocator's entry points;
 * runtime.growslice is an append's), or PCs above the frame that a debug=1 dump does not print (it
 * hides a stack's leading runtime frames: a map's growth under leakLoop at main.go:67 is `@ 0x40fa6e
 * 0x411339 0x412e1c 0x671178` with only leakLoop's line). Undefined when a stack shows none.
 */
export function runtimeWork(site: AllocationSite): RuntimeWork | undefined {
  let called: string | undefined;
  let unprinted = 0;
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
    const first = at === 0 ? stack.frameAt(0) : undefined;
    const pc = first ? Number.parseInt(first.address, 16) : Number.NaN;
    // The printed PC is the return PC less one (runtime.CallersFrames).
    const hidden = Number.isFinite(pc) ? stack.pcs.findIndex((p) => Number.parseInt(p, 16) - 1 === pc || Number.parseInt(p, 16) === pc) : -1;
    if (here === undefined && hidden <= 0) return undefined;
    called ??= here;
    unprinted = Math.max(unprinted, hidden);
  }
  return called === undefined && unprinted === 0 ? undefined : { called, unprinted };
}

function joinSite(index: EscapeIndex, site: AllocationSite): SiteEscape | undefined {
  if (site.file === undefined || site.line === undefined) return undefined;
  const group = inlineGroup(site);
  // The site's frame: only its own messages, not those of a call inlined at its line that the
  // allocation is not in (leakSlice's `append` at main.go:35 is not newRecord, inlined at 35:36).
  const ownPlace = group.find((place) => place.file === site.file && place.line === site.line);
  const comparison = compareAllocationSite(index, site.file, site.line, { inlined: ownPlace?.inlined, function: site.function, runtime: () => runtimeWork(site) });
  const seen = new Set<JoinedDiagnostic>(comparison.diagnostics);
  // Inlined into a caller, the allocation that ran is the caller's copy: the compiler reports it
  // at the call (plateau: `make([]byte, 8 << 10)` at main.go:55:42, kept by `c.m[k] = v`), and
  // the site's own line holds the standalone function's copy (returned), which did not run here:
  // the copy's diagnostic stands in for it.
  // Inlined twice (readPacket into keepHeader into main), the copy that ran is the outermost
  // call's, the function the PC is in: the copies at calls in between are dropped.
  const subjects = new Set(comparison.diagnostics.map((d) => d.subject).filter((subject) => subject !== undefined));
  let copies: JoinedDiagnostic[] = [];
  const others: JoinedDiagnostic[] = [];
  let omitted = comparison.omitted;
  for (const place of group) {
    if (place.file === site.file && place.line === site.line) continue;
    const inlined = compareAllocationSite(index, place.file, place.line, { inlined: place.inlined });
    omitted += inlined.omitted;
    const here = inlined.diagnostics.filter((d) => d.subject !== undefined && subjects.has(d.subject));
    if (here.length > 0) copies = here;
    for (const d of inlined.diagnostics) {
      if (!seen.has(d) && !here.includes(d) && place.copyOnly !== true) {
        seen.add(d);
        others.push(d);
      }
    }
  }
  const copied = new Set(copies.map((d) => d.subject));
  const own = comparison.diagnostics.filter((d) => !copied.has(d.subject));
  // Escape analysis first (heap values before the rest), the inliner's and closure notes dropped.
  const rank = (d: JoinedDiagnostic): number => ESCAPE_RANK[d.kind] ?? 9;
  return { comparison, diagnostics: [...copies, ...own, ...others].filter((d) => rank(d) < 9).sort((a, b) => rank(a) - rank(b)), omitted };
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
  const files = [...new Set(snapshots.flatMap((s) => s.profile.sites.flatMap((site) => (site.runtimeOnly || site.file === undefined ? [] : [site.file]))))];
  return { files, covered: files.filter((file) => matchFile(index, file).status !== 'none').length };
}
