/** How the series rules name snapshots, sites, groups and spans in their messages. */
import { formatBytes, formatCount } from '../../text/units.js';
import type { GroupTrend, SiteTrend } from '../series/model.js';
import { groupName, namedSplit } from '../series/groupwords.js';
import { siteLabel } from '../profile.js';
import { comparedAfterForcedGC } from '../series/forced.js';
import type { LivePoint } from './rule.js';
import { baseName, namesApart } from '../../common/paths.js';

/** A file as a series message names it: its base name (the finding is already listed under the last file). */
export function snapshotName(source: string | undefined): string {
  if (source === undefined) return '?';
  return baseName(source);
}

/**
 * Files as a series message lists them: their base names, with their folders where two of them
 * share one (common/paths.ts namesApart): the captured go1.19-audit41-sessions-run1 and -sessions
 * dumps of one process read `heap-gc1-t01.txt … heap-gc1-t10.txt, heap-gc1-t01.txt …` twice over.
 */
export function snapshotNames(sources: readonly (string | undefined)[]): string[] {
  const named = namesApart(sources.map((s) => s ?? '?'));
  return sources.map((s, i) => (s === undefined ? '?' : named[i] ?? snapshotName(s)));
}

/** `01-t1.heap-debug1.txt → 06-t6.heap-debug1.txt`, named apart among `sources` (snapshotNames). */
export function spanOf(sources: readonly string[]): string {
  const named = snapshotNames(sources);
  return `${named[0] ?? '?'} → ${named[named.length - 1] ?? '?'}`;
}

/**
 * `main.remember 6.1 MiB → 24.9 MiB`: a site's in-use bytes at the first and last GC-separated
 * snapshot, named among `all` (profile.ts siteLabel; `sites.map(siteSpan)` passes the list).
 */
export function siteSpan(s: SiteTrend, _index?: number, all: readonly SiteTrend[] = []): string {
  return `${siteLabel(s, all)} ${formatBytes(s.inuseBytes[0] ?? 0)} → ${formatBytes(s.inuseBytes[s.inuseBytes.length - 1] ?? 0)}`;
}

/** `main.waitForReply [chan receive] 400 → 2,400`: a goroutine group's count at the first and last dump. */
export function groupSpan(g: GroupTrend, all: readonly GroupTrend[] = []): string {
  return `${groupName(g, all)} ${formatCount(g.counts[0] ?? 0)} → ${formatCount(g.counts[g.counts.length - 1] ?? 0)}${namedSplit(g)}`;
}


/**
 * The live heap's readings a series rule weighs and names (heap-growth's budget, leak-suspected's
 * "GC-separated snapshots compared"), as the series verdict compares them: when some were read
 * right after a forced GC (?gc=1) and others between GCs (SeriesAnalysis.betweenGCs), those after a
 * forced GC alone — HeapAlloc between GCs also counts the garbage made since the last GC
 * (verdict.ts liveHeapWords) — else every one.
 */
export function comparedPoints(live: readonly LivePoint[]): { points: readonly LivePoint[]; leftOut: readonly LivePoint[] } {
  if (!comparedAfterForcedGC(live.map((p) => p.afterForcedGC === true))) return { points: live, leftOut: [] };
  return { points: live.filter((p) => p.afterForcedGC), leftOut: live.filter((p) => !p.afterForcedGC) };
}
