/** Allocation sites as the Sites pane lists them: sorted by one key, filtered by a text. */
import type { AllocationSite } from '../../analyze/profile.js';

export const SORT_KEYS = ['inuseBytes', 'inuseObjects', 'allocBytes', 'allocObjects', 'function'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const SORT_LABEL: Readonly<Record<SortKey, string>> = {
  inuseBytes: 'in-use bytes',
  inuseObjects: 'in-use objects',
  allocBytes: 'allocated bytes',
  allocObjects: 'allocated objects',
  function: 'function',
};

export function nextSortKey(key: SortKey): SortKey {
  return SORT_KEYS[(SORT_KEYS.indexOf(key) + 1) % SORT_KEYS.length] ?? 'inuseBytes';
}

/** A site's identity across snapshots (a watch replaces the objects on every poll). */
export function siteKey(site: Pick<AllocationSite, 'function' | 'file' | 'line'>): string {
  return `${site.function}\u0000${site.file ?? ''}\u0000${site.line ?? ''}`;
}

/** Case-insensitive match on the function or the file (with its line). */
export function siteMatches(site: AllocationSite, filter: string): boolean {
  if (filter === '') return true;
  const needle = filter.toLowerCase();
  if (site.function.toLowerCase().includes(needle)) return true;
  const where = `${site.file ?? ''}:${site.line ?? ''}`.toLowerCase();
  return where.includes(needle);
}

/** Numbers largest first; the function name alphabetically; ties by in-use bytes, then name. */
export function sortSites(sites: readonly AllocationSite[], key: SortKey): AllocationSite[] {
  return [...sites].sort((a, b) => {
    const primary = key === 'function' ? a.function.localeCompare(b.function) : b[key] - a[key];
    return primary || b.inuseBytes - a.inuseBytes || a.function.localeCompare(b.function) || (a.line ?? 0) - (b.line ?? 0);
  });
}

export function visibleSites(sites: readonly AllocationSite[], key: SortKey, filter: string): AllocationSite[] {
  return sortSites(sites.filter((s) => siteMatches(s, filter)), key);
}

/** Counts for a narrow column: exact up to 9,999, then 12.3k, 4.5M, 1.2G. */
export function compactCount(n: number): string {
  const abs = Math.abs(n);
  if (abs < 10_000) return n.toLocaleString('en-US');
  for (const [limit, suffix] of [[1e9, 'G'], [1e6, 'M'], [1e3, 'k']] as const) {
    if (abs >= limit) return `${(n / limit).toFixed(1)}${suffix}`;
  }
  return String(n);
}
