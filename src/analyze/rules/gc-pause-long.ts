import { DOCS } from '../thresholds.js';
import { formatDuration } from '../../text/units.js';
import type { Rule } from './rule.js';

export const gcPauseLong: Rule = {
  meta: {
    id: 'gc-pause-long',
    defaultSeverity: 'warning',
    description: 'A recent stop-the-world GC pause (PauseNs ring buffer) was long.',
    docsUrl: DOCS.gcGuide,
    options: {
      gcPauseNs: { kind: 'duration', description: 'a pause at or above this is long (default 10ms)' },
    },
  },
  check(facts, { thresholds: t }) {
    const stats = facts.stats;
    if (!stats) return [];
    const recent = stats.recentRing('PauseNs'); // only the entries NumGC says are real
    if (recent.length === 0) return [];
    const longest = recent.reduce((a, b) => (b.value > a.value ? b : a));
    const ns = Number(longest.value);
    if (ns < t.gcPauseNs) return [];
    const over = recent.filter((p) => Number(p.value) >= t.gcPauseNs).length;
    const cycle = (stats.int('NumGC') ?? 0) - recent.indexOf(longest);
    return [{
      message: `A GC pause took ${formatDuration(ns)} (GC cycle ${cycle}); ${over} of the last ${recent.length} pauses exceeded ${formatDuration(t.gcPauseNs)}.`,
      why: `PauseNs[${longest.index}] = ${ns} ns. Stop-the-world pauses are normally well under a millisecond; long ones come from a machine short of CPU (GOMAXPROCS above the CPU quota), very many goroutines, or tight loops that delay preemption.`,
      fix: 'Check GOMAXPROCS against the container CPU limit, the goroutine count, and CPU steal on the host; a runtime/trace around a pause shows what delayed it.',
      position: facts.positionOf('PauseNs'),
      evidence: { longestPauseNs: ns, cycle, pausesOverThreshold: over },
    }];
  },
};
