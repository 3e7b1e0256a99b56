/**
 * How a growing goroutine group is named in lists and verdicts: a function whose goroutines were in
 * several groups is counted in every state (index.ts byFunction, GroupTrend.named), so its name is
 * the function alone and its largest group's share is said beside it.
 */
import { baseName } from '../../common/paths.js';
import { formatCount } from '../../text/units.js';
import { distinctionIfAmbiguous, stateWords } from '../goroutines/waits.js';
import type { GroupTrend } from './model.js';

/**
 * A growing group's name in a list: its function, with its wait state when its goroutines are all
 * in one group; of a function counted in every state (GroupTrend.named), the function alone.
 */
export function groupName(g: GroupTrend, all: readonly GroupTrend[] = []): string {
  return `${g.function}${g.named ? '' : stateWords(g)}${distinctionIfAmbiguous(g, all)}`;
}

/**
 * `; now 295 in chan receive` (`; now 299 at main.go:20` of a debug=1 dump, which prints no state):
 * of a function counted in every state (GroupTrend.named), how many are in its largest group at the
 * last dump, and where they wait. '' otherwise.
 */
export function namedSplit(g: GroupTrend): string {
  if (!g.named) return '';
  const where = g.state ? ` in ${g.state}` : g.file ? ` at ${baseName(g.file)}:${g.line ?? '?'}` : '';
  return `; now ${formatCount(g.named.counts.at(-1) ?? 0)}${where}`;
}

/** ` (115 → 295; now 295 in chan receive)` of a function counted in every state (namedSplit); '' otherwise. */
export function namedSpan(g: GroupTrend): string {
  return g.named ? ` (${formatCount(g.counts[0] ?? 0)} → ${formatCount(g.counts.at(-1) ?? 0)}${namedSplit(g)})` : '';
}
