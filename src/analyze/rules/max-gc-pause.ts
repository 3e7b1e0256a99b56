import { DOCS } from '../thresholds.js';
import { formatDuration } from '../../text/units.js';
import { longestPause, pauseOver, pauseSourceNote } from '../pauses.js';
import type { Rule } from './rule.js';

/** A budget on the longest recent stop-the-world pause (the PauseNs ring, or a scrape's pause metrics: pauses.ts). */
export const maxGcPause: Rule = {
  meta: {
    id: 'max-gc-pause',
    defaultSeverity: 'error',
    description: 'Budget: the longest recent stop-the-world GC pause (PauseNs, or a scrape\'s go_gc_duration_seconds or pause histogram) is above the configured limit.',
    docsUrl: DOCS.gcGuide,
    options: { limit: { kind: 'duration', description: 'the longest pause allowed, e.g. "5ms" (a number is nanoseconds)' } },
    requires: ['limit'],
  },
  check(facts, { options }) {
    const limit = options.limit;
    if (limit === undefined) return [];
    const pause = longestPause(facts.stats, facts.gcPauses, facts.positionOf);
    // A histogram's longest pause is only known to be above its bucket's lower bound.
    if (!pause || pause.ns <= limit) return [];
    const over = pause.over(limit, true);
    const longest = pause.atMostNs !== undefined ? `between ${formatDuration(pause.ns)} and ${formatDuration(pause.atMostNs)}` : formatDuration(pause.ns);
    return [{
      message: `The longest recent GC pause took ${longest}, above the budget of ${formatDuration(limit)}.`,
      why: `${pause.reading}${pauseSourceNote(pause)}; ${pauseOver(pause, over)} exceeded the budget. Long stop-the-world pauses come from a machine short of CPU (GOMAXPROCS above the CPU quota), very many goroutines, or loops that delay preemption.`,
      fix: 'Check GOMAXPROCS against the container CPU limit, the goroutine count and CPU steal on the host; a runtime/trace around a pause shows what delayed it. If the pause is accepted, raise the limit.',
      position: pause.position,
      evidence: { longestPauseNs: pause.ns, limitNs: limit, pausesOverLimit: over.count, pauseSource: pause.source },
    }];
  },
};
