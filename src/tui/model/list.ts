/**
 * Sort and filter, the same in every list (sites, goroutine groups, the escape tree, series):
 * each list names its sort keys (`s` cycles them, `S` turns the order around) and the text its
 * filter matches (`/`, case-insensitive). The sorted column is marked with the order's arrow.
 */
import type { ListState } from '../state/reducer.js';

export interface SortSpec<T> {
  key: string;
  /** What the header says: `sort: in-use bytes ↓`. */
  label: string;
  /** Largest (or latest) first by default; names sort A→Z. */
  descending: boolean;
  /** Compares in the default order; ties fall back to the list's own order. */
  compare: (a: T, b: T) => number;
}

export interface ListView<T> {
  items: T[];
  sort: SortSpec<T>;
  reverse: boolean;
  /** Items before the filter. */
  total: number;
}

export function byNumber<T>(value: (t: T) => number | undefined): (a: T, b: T) => number {
  return (a, b) => (value(b) ?? Number.NEGATIVE_INFINITY) - (value(a) ?? Number.NEGATIVE_INFINITY);
}

export function byText<T>(value: (t: T) => string): (a: T, b: T) => number {
  return (a, b) => value(a).localeCompare(value(b));
}

/** The spec a list state points at (its first when unset or unknown). */
function currentSort<T>(specs: readonly SortSpec<T>[], view: Pick<ListState, 'sort'>): SortSpec<T> {
  return specs.find((s) => s.key === view.sort) ?? (specs[0] as SortSpec<T>);
}

export function matches(text: string, filter: string): boolean {
  return filter === '' || text.toLowerCase().includes(filter.toLowerCase());
}

/** Compared by identity only. */
interface CachedView {
  specs: unknown;
  sort: string | undefined;
  reverse: boolean;
  filter: string;
  text: unknown;
  view: unknown;
}

/** The last view of each list (keyed by its items): moving the cursor must not filter and sort 20,000 sites again. */
const views = new WeakMap<readonly unknown[], CachedView>();

/**
 * The items the list shows: filtered on `text`, sorted stably (equal items keep their order).
 * The same items, specs, sort, order, filter and text give the same view, computed once: callers
 * must not change what it returns.
 */
export function listView<T>(items: readonly T[], specs: readonly SortSpec<T>[], view: Pick<ListState, 'sort' | 'reverse' | 'filter'>, text: (t: T) => string): ListView<T> {
  const cached = views.get(items);
  if (cached && cached.specs === specs && cached.sort === view.sort && cached.reverse === view.reverse && cached.filter === view.filter && cached.text === text) {
    return cached.view as ListView<T>;
  }
  const computed = sortedView(items, specs, view, text);
  views.set(items, { specs, sort: view.sort, reverse: view.reverse, filter: view.filter, text, view: computed });
  return computed;
}

function sortedView<T>(items: readonly T[], specs: readonly SortSpec<T>[], view: Pick<ListState, 'sort' | 'reverse' | 'filter'>, text: (t: T) => string): ListView<T> {
  const sort = currentSort(specs, view);
  const kept = view.filter === '' ? [...items] : items.filter((t) => matches(text(t), view.filter));
  const sign = view.reverse ? -1 : 1;
  const order = new Map(kept.map((t, i) => [t, i]));
  kept.sort((a, b) => sign * sort.compare(a, b) || (order.get(a) ?? 0) - (order.get(b) ?? 0));
  return { items: kept, sort, reverse: view.reverse, total: items.length };
}

/** `↓` largest/latest first or Z→A, `↑` the other way. */
export function sortArrow<T>(view: Pick<ListView<T>, 'sort' | 'reverse'>): string {
  return view.sort.descending !== view.reverse ? '↓' : '↑';
}

/** A column title, with the arrow when the list is sorted by it. */
export function columnTitle<T>(title: string, key: string, view: Pick<ListView<T>, 'sort' | 'reverse'>): string {
  return view.sort.key === key ? `${title}${sortArrow(view)}` : title;
}

/** The sort keys of specs, for the reducer's context. */
export function sortKeys<T>(specs: readonly SortSpec<T>[]): string[] {
  return specs.map((s) => s.key);
}
