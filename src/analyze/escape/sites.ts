/**
 * The join of `heapdoc analyze HEAP --escape M` (reasoning.md §5): every allocation site whose
 * file:line has compiler diagnostics shows them, ranked by the site's bytes. A site's frame and
 * the frames inlined into the same call (they share its PC in the dump) are all looked up, since
 * an allocation inlined from a helper is reported by the compiler at the helper's line.
 */
import type { AllocationSite } from '../profile.js';
import type { SnapshotAnalysis } from '../snapshot.js';
import { compareAllocationSite, pathSegments, type EscapeIndex, type JoinedDiagnostic, type SiteComparison } from './join.js';

export interface SiteEscape {
  /** The comparison at the site's own frame: agrees, disagrees, silent, not-covered or ambiguous. */
  comparison: SiteComparison;
  /** Every diagnostic at the site's frame and the frames inlined with it, without duplicates. */
  diagnostics: JoinedDiagnostic[];
  /** Diagnostics at those lines that the index did not keep (MESSAGES_PER_KIND); 0 for most sites. */
  omitted: number;
}

/** The site's frame and the frames that share its PC: the calls inlined at that point. */
function inlineGroup(site: AllocationSite): { file: string; line: number }[] {
  const frames = site.stacks[0]?.stack.frames ?? [];
  const own = frames.find((f) => f.function === site.function && f.file === site.file && f.line === site.line);
  const group = own ? frames.filter((f) => f.address === own.address) : [];
  const places = group.length > 0 ? group : own ? [own] : [];
  const out = places.filter((f): f is typeof f & { file: string; line: number } => f.file !== undefined && f.line !== undefined).map((f) => ({ file: f.file, line: f.line }));
  if (out.length === 0 && site.file !== undefined && site.line !== undefined) out.push({ file: site.file, line: site.line });
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

function joinSite(index: EscapeIndex, site: AllocationSite): SiteEscape | undefined {
  if (site.file === undefined || site.line === undefined) return undefined;
  const comparison = compareAllocationSite(index, site.file, site.line);
  const seen = new Set<JoinedDiagnostic>(comparison.diagnostics);
  const diagnostics = [...comparison.diagnostics];
  let omitted = comparison.omitted;
  for (const place of inlineGroup(site)) {
    if (place.file === site.file && place.line === site.line) continue;
    const inlined = compareAllocationSite(index, place.file, place.line);
    omitted += inlined.omitted;
    for (const d of inlined.diagnostics) {
      if (!seen.has(d)) {
        seen.add(d);
        diagnostics.push(d);
      }
    }
  }
  // Escape analysis first (heap values before the rest), the inliner's and closure notes dropped.
  const rank = (d: JoinedDiagnostic): number => ESCAPE_RANK[d.kind] ?? 9;
  return { comparison, diagnostics: diagnostics.filter((d) => rank(d) < 9).sort((a, b) => rank(a) - rank(b)), omitted };
}

const ESCAPE_RANK: Partial<Record<string, number>> = {
  'moved-to-heap': 0,
  'escapes-to-heap': 0,
  'leaking-param': 1,
  'leaking-param-content': 1,
  'does-not-escape': 2,
};

/** Every site of every snapshot with its compiler diagnostics, in the sites' order (bytes in use, descending). */
export function joinSnapshots(index: EscapeIndex, snapshots: readonly SnapshotAnalysis[]): Map<AllocationSite, SiteEscape> {
  const out = new Map<AllocationSite, SiteEscape>();
  for (const s of snapshots) {
    for (const site of s.profile.sites) {
      if (site.runtimeOnly) continue;
      const joined = joinSite(index, site);
      if (joined && (joined.diagnostics.length > 0 || joined.comparison.status === 'disagrees')) out.set(site, joined);
    }
  }
  return out;
}
