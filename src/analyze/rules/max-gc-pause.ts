import { DOCS } from '../thresholds.js';
import { longestPause, pauseDuration, pauseLength, pauseOver, pauseSourceNote, pauseTook, type LongestPause } from '../pauses.js';
import type { Rule, RuleContext, RuleResult } from './rule.js';

function overBudget(pause: LongestPause | undefined, { options }: RuleContext): RuleResult[] {
  const limit = options.limit;
  // A histogram's longest pause is only known to be above its bucket's lower bound.
  if (limit === undefined || !pause || pause.ns <= limit) return [];
  const over = pause.over(limit, true);
  // A log's pause says where it is in the log (pauseTook); a recent one only how long it took.
  const longest = pause.span === 'log' ? pauseTook(pause) : pauseLength(pause);
  return [{
    message: `The longest ${pause.span === 'log' ? '' : 'recent '}GC pause took ${longest}, above the budget of ${pauseDuration(pause, limit)}.`,
    why: `${pause.reading}${pauseSourceNote(pause)}; ${pauseOver(pause, over)} exceeded the budget. Long stop-the-world pauses come from a machine short of CPU (GOMAXPROCS above the CPU quota), very many goroutines, or loops that delay preemption.`,
    fix: 'Check GOMAXPROCS against the container CPU limit, the goroutine count and CPU steal on the host; a runtime/trace around a pause shows what delayed it. If the pause is accepted, raise the limit.',
    position: pause.position,
    evidence: { longestPauseNs: pause.ns, limitNs: limit, ...(pause.cycle !== undefined ? { cycle: pause.cycle } : {}), pausesOverLimit: over.count, pauseSource: pause.source },
  }];
}

/** A budget on the longest recent stop-the-world pause (the PauseNs ring, a scrape's pause metrics or a gctrace log: pauses.ts). */
export const maxGcPause: Rule = {
  meta: {
    id: 'max-gc-pause',
    defaultSeverity: 'error',
    description: 'Budget: the longest recent stop-the-world GC pause (PauseNs, a scrape\'s go_gc_duration_seconds or pause histogram, or a gctrace log\'s stop-the-world phases) is above the configured limit.',
    docsUrl: DOCS.gcGuide,
    options: { limit: { kind: 'duration', description: 'the longest pause allowed, e.g. "5ms" (a number is nanoseconds)' } },
    requires: ['limit'],
    // A dump, a vars file or a scrape (check); a gctrace log, a series in one file (checkSeries).
    inputs: ['heap', 'series'],
  },
  check: (facts, context) => overBudget(longestPause(facts.stats, facts.gcPauses, facts.positionOf), context),
  checkSeries: (facts, context) => overBudget(facts.gcPause, context),
};
