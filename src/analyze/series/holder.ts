/**
 * The one growing array that may keep a leak's objects (reasoning.md §7): a site holding one or two
 * objects whose in-use bytes rose across the series, beside the growing sites. A map's buckets are
 * one array that the runtime reallocates at twice the size when the map fills, and frees the old
 * one after evacuating it; an appended slice's backing array likewise. So its in-use bytes rise by
 * jumps and can fall between them: never "rising at every step", so not among the growing sites
 * unless each fall is an old copy freed after a grow (trend.ts growOverlaps), yet it holds their objects. The captured
 * go1.19-audit43-workermap's `seen[ev.id] = ev.payload` at main.go:26, one object, 1.5 → 8.9 → 5.6 →
 * 11.2 → 11.2 → 12.7 → 22.3 MiB while main.produce's payloads grew +56.0 MiB; audit43-cardinality's
 * `registry[key] = h` at main.go:34, 0 → 5.2 → 4.0 → 6.9 → 7.4 → 22.2 → 13.8 MiB.
 *
 * The object count says it is one array: an object far larger than the sampling rate is always
 * sampled, so its count is exact (with small objects beside it, those of 1 MiB or more:
 * arrayObjects). Plain dumps' profiles count as gc=1 dumps' do, each as of its dump's last GC, which
 * the words say. What kind of array it is is said only from the stacks (the runtime's map code under
 * the site: AllocationSite.mapBuckets) or the compiler (-m), never from sizes (reasoning.md §7).
 */
import { isDescriptorSite, siteKey } from '../profile.js';
import type { GrowingHolder, SeriesSite, SiteTrend } from './model.js';
import { SERIES_THRESHOLDS } from './thresholds.js';

/** At most this many objects at the last snapshot: one array, or a second while the runtime copies into it. */
export const HOLDER_MAX_OBJECTS = 2;

/** The one or two objects of a site at its last snapshot that are its array, and their bytes. */
interface ArrayObjects {
  objects: number;
  bytes: number;
  /** Smaller objects beside them, left out (the array holds half the site's bytes or more). */
  partial: boolean;
}

/**
 * The site's array at its last snapshot: its objects when they are 1–2; else, from its stacks (when
 * the snapshot kept them), the objects of siteGrowthMinBytes or more each — always sampled, so
 * counted exactly — when they are 1–2 and hold half its bytes or more. A map's overflow buckets
 * (352 B each for map[string][]byte) are sampled and scaled up beside its bucket array: the
 * captured go1.19-audit43-workermap's plain heap-t68 has main.worker main.go:26 at one 11.2 MiB
 * array and 3 sampled overflow buckets, 4,470 objects once scaled, 12.7 MiB in all.
 */
function arrayObjects(t: SiteTrend, last: SeriesSite | undefined): ArrayObjects | undefined {
  const bytes = t.inuseBytes.at(-1) ?? 0;
  const objects = Math.round(t.inuseObjects.at(-1) ?? 0);
  if (objects >= 1 && objects <= HOLDER_MAX_OBJECTS) return { objects, bytes, partial: false };
  let large = 0;
  let largeBytes = 0;
  for (const { usage } of last === undefined ? [] : largeStacks(last) ?? []) {
    large += Math.round(usage.inuseObjects);
    largeBytes += usage.inuseBytes;
  }
  return large >= 1 && large <= HOLDER_MAX_OBJECTS && largeBytes * 2 >= bytes ? { objects: large, bytes: largeBytes, partial: true } : undefined;
}

/**
 * The stacks of a site of more than HOLDER_MAX_OBJECTS objects whose objects are siteGrowthMinBytes
 * or more each (arrayObjects); undefined for a site of fewer objects or bytes, or whose snapshot
 * kept no stacks. What lint's summaries keep of a site's stacks (lint/series.ts seriesSites).
 */
export function largeStacks(site: SeriesSite): NonNullable<SeriesSite['stacks']> | undefined {
  const min = SERIES_THRESHOLDS.siteGrowthMinBytes;
  if (site.inuseObjects <= HOLDER_MAX_OBJECTS || site.inuseBytes < min || site.stacks === undefined) return undefined;
  return site.stacks.filter(({ usage }) => usage.inuseObjects > 0 && usage.inuseBytes / usage.inuseObjects >= min);
}

/**
 * The largest site of `trends` (the series' every site) that is one growing array beside
 * `growing` (the sites the leak names): not one of them, not the profiler's nor the goroutine
 * descriptors', 1–2 objects of siteGrowthMinBytes or more at the last snapshot (arrayObjects;
 * `lastSites`: the sites of the trend's last snapshot), its last reading above its
 * first by siteGrowthMinBytes and its later half's high above its earlier half's (it rose overall,
 * not at every step). None without growing sites: it is what keeps theirs. `betweenGCs`: a profile
 * of the trend was read between GCs (a plain dump's, as of its last GC), which the fix says.
 */
export function growingHolder(trends: readonly SiteTrend[], growing: readonly SiteTrend[], lastSites: readonly SeriesSite[] = [], betweenGCs = false): GrowingHolder | undefined {
  if (growing.length === 0) return undefined;
  const named = new Set(growing.map(siteKey));
  const min = SERIES_THRESHOLDS.siteGrowthMinBytes;
  const found: Array<{ trend: SiteTrend; array: ArrayObjects }> = [];
  for (const t of trends) {
    const bytes = t.inuseBytes;
    const last = bytes.at(-1) ?? 0;
    const half = Math.floor(bytes.length / 2);
    const earlier = Math.max(...bytes.slice(0, half));
    const later = Math.max(...bytes.slice(half));
    if (bytes.length < SERIES_THRESHOLDS.minPoints || named.has(siteKey(t)) || t.profiler === true || isDescriptorSite(t)
      || last - (bytes[0] ?? 0) < min || later <= earlier) continue;
    // Only a candidate's site is looked up: a series has few.
    const key = siteKey(t);
    const array = arrayObjects(t, lastSites.find((s) => siteKey(s) === key));
    if (array !== undefined && array.bytes >= min) found.push({ trend: t, array });
  }
  const top = found.sort((a, b) => (b.trend.inuseBytes.at(-1) ?? 0) - (a.trend.inuseBytes.at(-1) ?? 0))[0];
  if (!top) return undefined;
  const { trend, array } = top;
  return { function: trend.function, file: trend.file, line: trend.line, objects: array.objects, inuseBytes: [...trend.inuseBytes],
    ...(array.partial ? { arrayBytes: array.bytes } : {}), ...(trend.mapBuckets ? { mapBuckets: true as const } : {}), ...(betweenGCs ? { asOfLastGC: true as const } : {}) };
}
