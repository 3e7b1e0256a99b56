/** Allocation sites as the Sites pane lists them: sorted by one key, filtered by a text. */
import type { AllocationSite } from '../../analyze/profile.js';
import type { ListState } from '../state/reducer.js';
import { byNumber, byText, listView, type ListView, type SortSpec } from './list.js';

/** Ties: in-use bytes, then the name and line, so the order never depends on the dump's. */
function tie(a: AllocationSite, b: AllocationSite): number {
  return b.inuseBytes - a.inuseBytes || a.function.localeCompare(b.function) || (a.line ?? 0) - (b.line ?? 0);
}

function numeric(key: 'inuseBytes' | 'inuseObjects' | 'allocBytes' | 'allocObjects', label: string): SortSpec<AllocationSite> {
  const by = byNumber<AllocationSite>((s) => s[key]);
  return { key, label, descending: true, compare: (a, b) => by(a, b) || tie(a, b) };
}

export const SITE_SORTS: readonly SortSpec<AllocationSite>[] = [
  numeric('inuseBytes', 'in-use bytes'),
  numeric('inuseObjects', 'in-use objects'),
  numeric('allocBytes', 'allocated bytes'),
  numeric('allocObjects', 'allocated objects'),
  { key: 'function', label: 'function', descending: false, compare: (a, b) => byText<AllocationSite>((s) => s.function)(a, b) || tie(a, b) },
  { key: 'file', label: 'file:line', descending: false, compare: (a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || tie(a, b) },
];

/** A site's identity across snapshots (a watch replaces the objects on every poll). */
export function siteKey(site: Pick<AllocationSite, 'function' | 'file' | 'line'>): string {
  return `${site.function}\u0000${site.file ?? ''}\u0000${site.line ?? ''}`;
}

/** What the filter matches: the function, or the file with its line (not across the two). */
function siteText(site: AllocationSite): string {
  return `${site.function}\u0000${site.file ?? ''}:${site.line ?? ''}`;
}

export function visibleSites(sites: readonly AllocationSite[], view: Pick<ListState, 'sort' | 'reverse' | 'filter'>): ListView<AllocationSite> {
  return listView(sites, SITE_SORTS, view, siteText);
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
