import { DOCS } from '../thresholds.js';
import { formatDuration } from '../../text/units.js';
import { longestPause, pauseOver, pauseSourceNote, pauseTook } from '../pauses.js';
import type { Rule } from './rule.js';

export const gcPauseLong: Rule = {
  meta: {
    id: 'gc-pause-long',
    defaultSeverity: 'warning',
    description: 'A recent stop-the-world GC pause was long (the PauseNs ring; for a /metrics scrape, go_gc_duration_seconds or a pause histogram).',
    docsUrl: DOCS.gcGuide,
    options: {
      gcPauseNs: { kind: 'duration', description: 'a pause at or above this is long (default 10ms)' },
    },
  },
  check(facts, { thresholds: t }) {
    const pause = longestPause(facts.stats, facts.gcPauses, facts.positionOf);
    if (!pause || pause.ns < t.gcPauseNs) return [];
    const over = pause.over(t.gcPauseNs, false);
    return [{
      message: `A GC pause took ${pauseTook(pause)}; ${pauseOver(pause, over)} exceeded ${formatDuration(t.gcPauseNs)}.`,
      why: `${pause.reading}${pauseSourceNote(pause)}. Stop-the-world pauses are normally well under a millisecond; long ones come from a machine short of CPU (GOMAXPROCS above the CPU quota), very many goroutines, or tight loops that delay preemption.`,
      fix: 'Check GOMAXPROCS against the container CPU limit, the goroutine count, and CPU steal on the host; a runtime/trace around a pause shows what delayed it.',
      position: pause.position,
      evidence: { longestPauseNs: pause.ns, ...(pause.atMostNs !== undefined ? { longestPauseAtMostNs: pause.atMostNs } : {}), ...(pause.cycle !== undefined ? { cycle: pause.cycle } : {}), pausesOverThreshold: over.count, pauseSource: pause.source },
    }];
  },
};
