/**
 * The one growing array that may keep a leak's objects (reasoning.md §7): a site holding one or two
 * objects whose in-use bytes rose across the series, beside the growing sites. A map's buckets are
 * one array that the runtime reallocates at twice the size when the map fills, and frees the old
 * one after evacuating it; an appended slice's backing array likewise. So its in-use bytes rise by
 * jumps and can fall between them (the old buckets freed, the new not yet full): never "rising at
 * every step", so never among the growing sites, yet it is what holds their objects. The captured
 * go1.19-audit43-workermap's `seen[ev.id] = ev.payload` at main.go:26, one object, 1.5 → 8.9 → 5.6 →
 * 11.2 → 11.2 → 12.7 → 22.3 MiB while main.produce's payloads grew +56.0 MiB; audit43-cardinality's
 * `registry[key] = h` at main.go:34, 0 → 5.2 → 4.0 → 6.9 → 7.4 → 22.2 → 13.8 MiB.
 *
 * The object count says it is one array: an object far larger than the sampling rate is always
 * sampled, so its count is exact. What kind of array it is is said only from the stacks (the
 * runtime's map code under the site: AllocationSite.mapBuckets) or the compiler (-m), never from
 * sizes (reasoning.md §7).
 */
import { isDescriptorSite, siteKey } from '../profile.js';
import type { GrowingHolder, SiteTrend } from './model.js';
import { SERIES_THRESHOLDS } from './thresholds.js';

/** At most this many objects at the last snapshot: one array, or a second while the runtime copies into it. */
export const HOLDER_MAX_OBJECTS = 2;

/**
 * The largest site of `trends` (the series' every site) that is one growing array beside
 * `growing` (the sites the leak names): not one of them, not the profiler's nor the goroutine
 * descriptors', 1–2 objects of siteGrowthMinBytes or more at the last snapshot, its last reading
 * above its first by siteGrowthMinBytes and its later half's high above its earlier half's (it
 * rose overall, not at every step). None without growing sites: it is what keeps theirs.
 */
export function growingHolder(trends: readonly SiteTrend[], growing: readonly SiteTrend[]): GrowingHolder | undefined {
  if (growing.length === 0) return undefined;
  const named = new Set(growing.map(siteKey));
  const min = SERIES_THRESHOLDS.siteGrowthMinBytes;
  const found = trends.filter((t) => {
    const bytes = t.inuseBytes;
    const last = bytes.at(-1) ?? 0;
    const objects = Math.round(t.inuseObjects.at(-1) ?? 0);
    const half = Math.floor(bytes.length / 2);
    const earlier = Math.max(...bytes.slice(0, half));
    const later = Math.max(...bytes.slice(half));
    return bytes.length >= SERIES_THRESHOLDS.minPoints && !named.has(siteKey(t)) && t.profiler !== true && !isDescriptorSite(t)
      && objects >= 1 && objects <= HOLDER_MAX_OBJECTS && last >= min && last - (bytes[0] ?? 0) >= min && later > earlier;
  });
  const top = found.sort((a, b) => (b.inuseBytes.at(-1) ?? 0) - (a.inuseBytes.at(-1) ?? 0))[0];
  if (!top) return undefined;
  return { function: top.function, file: top.file, line: top.line, objects: Math.round(top.inuseObjects.at(-1) ?? 0), inuseBytes: [...top.inuseBytes], ...(top.mapBuckets ? { mapBuckets: true as const } : {}) };
}
