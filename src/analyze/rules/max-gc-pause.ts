import { DOCS } from '../thresholds.js';
import { formatDuration } from '../../text/units.js';
import type { Rule } from './rule.js';

/** A budget on the longest recent stop-the-world pause (the PauseNs ring, entries NumGC says are real). */
export const maxGcPause: Rule = {
  meta: {
    id: 'max-gc-pause',
    defaultSeverity: 'error',
    description: 'Budget: the longest recent stop-the-world GC pause (PauseNs) is above the configured limit.',
    docsUrl: DOCS.gcGuide,
    options: { limit: { kind: 'duration', description: 'the longest pause allowed, e.g. "5ms" (a number is nanoseconds)' } },
    requires: ['limit'],
  },
  check(facts, { options }) {
    const limit = options.limit;
    const stats = facts.stats;
    if (limit === undefined || !stats) return [];
    const recent = stats.recentRing('PauseNs');
    if (recent.length === 0) return [];
    const longest = recent.reduce((a, b) => (b.value > a.value ? b : a));
    const ns = Number(longest.value);
    if (ns <= limit) return [];
    const over = recent.filter((p) => Number(p.value) > limit).length;
    return [{
      message: `The longest recent GC pause took ${formatDuration(ns)}, above the budget of ${formatDuration(limit)}.`,
      why: `PauseNs[${longest.index}] = ${ns} ns; ${over} of the last ${recent.length} pauses exceeded the budget. Long stop-the-world pauses come from a machine short of CPU (GOMAXPROCS above the CPU quota), very many goroutines, or loops that delay preemption.`,
      fix: 'Check GOMAXPROCS against the container CPU limit, the goroutine count and CPU steal on the host; a runtime/trace around a pause shows what delayed it. If the pause is accepted, raise the limit.',
      position: facts.positionOf('PauseNs'),
      evidence: { longestPauseNs: ns, limitNs: limit, pausesOverLimit: over },
    }];
  },
};
