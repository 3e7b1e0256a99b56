/**
 * Goroutine groups as the Goroutines pane lists them: the latest dump first (what the process
 * has now), each group with its change since the first dump when there are several, then the
 * earlier dumps. A total is one dump's: summing over dumps gives a number no moment had.
 */
import type { GoroutineGroup, GoroutineSummary } from '../../analyze/goroutines/index.js';

export interface GroupRow {
  summary: GoroutineSummary;
  group: GoroutineGroup;
  /** Goroutines more (or fewer) than the same group had in the first dump; latest dump only. */
  change?: number;
}

/** A group's identity across dumps: what the grouping keys on. */
export function groupKey(g: Pick<GoroutineGroup, 'function' | 'state' | 'createdBy' | 'blockedIn'>): string {
  return `${g.function}\u0000${g.state ?? ''}\u0000${g.createdBy ?? ''}\u0000${g.blockedIn ?? ''}`;
}

/** The dumps latest first (report.goroutines is in time order). */
export function dumpsLatestFirst(summaries: readonly GoroutineSummary[]): GoroutineSummary[] {
  return [...summaries].reverse();
}

export function groupRows(summaries: readonly GoroutineSummary[]): GroupRow[] {
  const latest = summaries[summaries.length - 1];
  const first = summaries[0];
  const before = new Map<string, number>();
  if (first && first !== latest) for (const g of first.groups) before.set(groupKey(g), (before.get(groupKey(g)) ?? 0) + g.count);
  return dumpsLatestFirst(summaries).flatMap((summary) => summary.groups.map((group): GroupRow => (
    summary === latest && first !== latest ? { summary, group, change: group.count - (before.get(groupKey(group)) ?? 0) } : { summary, group })));
}

/** The headline numbers: goroutines now, and the change since the first dump. */
export function goroutineTotals(summaries: readonly GoroutineSummary[]): { now: number; first: number; change: number | undefined } | undefined {
  const latest = summaries[summaries.length - 1];
  const first = summaries[0];
  if (!latest || !first) return undefined;
  return { now: latest.total, first: first.total, change: summaries.length > 1 ? latest.total - first.total : undefined };
}
