import { DOCS } from '../thresholds.js';
import { longestPause, pauseDuration, pauseOver, pauseSourceNote, pauseTook, type LongestPause } from '../pauses.js';
import type { Rule, RuleContext, RuleResult } from './rule.js';

function pauseLong(pause: LongestPause | undefined, { thresholds: t }: RuleContext): RuleResult[] {
  if (!pause || pause.ns < t.gcPauseNs) return [];
  const over = pause.over(t.gcPauseNs, false);
  return [{
    message: `A GC pause took ${pauseTook(pause)}; ${pauseOver(pause, over)} exceeded ${pauseDuration(pause, t.gcPauseNs)}.`,
    why: `${pause.reading}${pauseSourceNote(pause)}. Stop-the-world pauses are normally well under a millisecond; long ones come from a machine short of CPU (GOMAXPROCS above the CPU quota), very many goroutines, or tight loops that delay preemption.`,
    fix: 'Check GOMAXPROCS against the container CPU limit, the goroutine count, and CPU steal on the host; a runtime/trace around a pause shows what delayed it.',
    position: pause.position,
    evidence: { longestPauseNs: pause.ns, ...(pause.atMostNs !== undefined ? { longestPauseAtMostNs: pause.atMostNs } : {}), ...(pause.cycle !== undefined ? { cycle: pause.cycle } : {}), pausesOverThreshold: over.count, pauseSource: pause.source },
  }];
}

export const gcPauseLong: Rule = {
  meta: {
    id: 'gc-pause-long',
    defaultSeverity: 'warning',
    description: 'A recent stop-the-world GC pause was long (the PauseNs ring; for a /metrics scrape, go_gc_duration_seconds or a pause histogram; for a gctrace log, the stop-the-world phases of each cycle).',
    docsUrl: DOCS.gcGuide,
    options: {
      gcPauseNs: { kind: 'duration', description: 'a pause at or above this is long (default 10ms)' },
    },
    // A dump, a vars file or a scrape (check); a gctrace log, a series in one file (checkSeries).
    inputs: ['heap', 'series'],
  },
  check: (facts, context) => pauseLong(longestPause(facts.stats, facts.gcPauses, facts.positionOf), context),
  checkSeries: (facts, context) => pauseLong(facts.gcPause, context),
};
