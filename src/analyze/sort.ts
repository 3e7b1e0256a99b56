/**
 * `--sort`: which measure orders the allocation sites, with pprof's `-sample_index` names
 * (inuse_space, inuse_objects, alloc_space, alloc_objects) accepted as aliases. The default is
 * in-use bytes, as pprof's for a heap profile.
 */
import type { Usage } from './profile.js';

export const SORT_KEYS = ['inuse-space', 'inuse-objects', 'alloc-space', 'alloc-objects'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

const MEASURE: Record<SortKey, keyof Usage> = {
  'inuse-space': 'inuseBytes',
  'inuse-objects': 'inuseObjects',
  'alloc-space': 'allocBytes',
  'alloc-objects': 'allocObjects',
};

/** `inuse-space`, or pprof's `inuse_space`; undefined for anything else. */
export function parseSortKey(text: string): SortKey | undefined {
  const key = text.trim().toLowerCase().replace(/_/g, '-');
  return (SORT_KEYS as readonly string[]).includes(key) ? (key as SortKey) : undefined;
}

/** The field of a site's usage that a sort key orders by. */
export function sortMeasure(key: SortKey): keyof Usage {
  return MEASURE[key];
}

/** `items` ordered by `measure(item)`, largest first; ties keep their order. */
export function sortByMeasure<T>(items: readonly T[], measure: (item: T) => number): T[] {
  return [...items].sort((a, b) => measure(b) - measure(a));
}

const ORDER_WORDS: Record<SortKey, string> = {
  'inuse-space': 'in-use bytes',
  'inuse-objects': 'in-use objects',
  'alloc-space': 'allocated bytes',
  'alloc-objects': 'allocated objects',
};

/** The reports' sentence after the sampling line: ` Ordered by allocated objects (--sort alloc-objects).`; '' without --sort. */
export function siteOrderSentence(key: SortKey | undefined): string {
  return key === undefined ? '' : ` Ordered by ${ORDER_WORDS[key]} (--sort ${key}).`;
}
