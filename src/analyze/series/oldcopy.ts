/**
 * What a growing site's fall was when it held an array's old copy beside its new one (reasoning.md
 * §7, trend.ts growOverlaps): said after the site wherever the series names it, so that its dip
 * (go1.19-audit44-intern's map, 27.6 → 18.1 MiB) reads as the grow it was, not a release.
 */
import type { SiteTrend } from './model.js';

/** The words after a site that held an old copy (SiteTrend.oldCopyAt); undefined for any other. */
export function oldCopyHint(site: Pick<SiteTrend, 'oldCopyAt' | 'mapBuckets'>): string | undefined {
  if (!site.oldCopyAt) return undefined;
  // A map's buckets only from its stacks (reasoning.md §7: never from sizes); else what the readings show.
  return site.mapBuckets ? 'a map that doubles: its old buckets are freed after each grow' : "an array that grows by copying, as a map's buckets do: its old copy is freed after each grow";
}
