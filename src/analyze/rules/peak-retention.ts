import { DOCS } from '../thresholds.js';
import { betweenForcedGCs, gcOff, letTheGcRun } from '../gcoff.js';
import { formatBytes } from '../../text/units.js';
import { capitalized } from '../../text/wrap.js';
import { dominantAllocatorWords } from '../allocators.js';
import { goalRoomLine } from '../scavenger.js';
import type { Rule } from './rule.js';

export const peakRetention: Rule = {
  meta: {
    id: 'peak-retention',
    defaultSeverity: 'info',
    description: 'The heap once grew far beyond what is in use now (HeapSys ≫ HeapInuse): a past peak, not accumulation.',
    docsUrl: DOCS.memStats,
    explains: ['idle', 'released'],
    options: {
      peakRetentionRatio: { kind: 'number', description: 'HeapSys at least this many times HeapInuse (default 4)' },
      idleRetainedMinBytes: { kind: 'bytes', description: 'and HeapSys − HeapInuse at least this (default 16MiB)' },
    },
  },
  check(facts, { thresholds: t }) {
    const stats = facts.stats;
    const heapSys = stats?.int('HeapSys');
    const heapInuse = stats?.int('HeapInuse');
    const released = stats?.int('HeapReleased') ?? 0;
    if (heapSys === undefined || heapInuse === undefined) return [];
    if (heapSys < t.peakRetentionRatio * heapInuse || heapSys - heapInuse < t.idleRetainedMinBytes) return [];
    // A high-water mark within the heap goal's room is the goal, reached every cycle, not a past peak:
    // bounding an allocation does not lower it, the goal does (a lower GOGC, or GOMEMLIMIT), as
    // idle-heap-retained says of its idle spans. The captured go1.19-audit47-gogc400/gc1 (GOGC=400:
    // HeapSys 159.7 MiB under NextGC 162.3 MiB, 32.3 MiB live) was told to bound main.churn's 64 KiB
    // allocations.
    const goal = stats?.int('NextGC');
    if (goal !== undefined && goal > 0 && (stats?.int('NumGC') ?? 0) > 0 && !gcOff(stats) && heapSys <= goalRoomLine(goal, facts.breakdown?.fragmentation ?? 0, t.scavengerRetainOverGoal)) return [];
    // GOGC=off with forced GCs: the peak is the garbage made between two forced GCs, reached again before each.
    const off = gcOff(stats, facts.profile.sites);
    const forced = off && off.numGC > 0 ? off : undefined;
    // One site that allocated most of what was allocated is where the peak most likely came from (allocators.ts).
    const dominant = dominantAllocatorWords(facts.profile.sites, heapSys - heapInuse);
    return [{
      message: `The heap reached ${formatBytes(heapSys)} at its peak; ${formatBytes(heapInuse)} is in use now.`,
      why: `HeapSys (${formatBytes(heapSys)}) never shrinks: it is the heap's high-water mark. Only ${formatBytes(heapInuse)} of spans are in use; the rest is free, ${formatBytes(released)} of it already returned to the OS. ${forced ? `${betweenForcedGCs(forced)}: the peak is that garbage, and the heap reaches it again before every forced GC.` : 'Stack spans freed by exited goroutines, and the old copies of stacks that grew (a stack that outgrows itself is copied to one twice its size), also land here, so a burst of goroutines or one deep stack grows HeapSys too.'}`,
      fix: forced
        ? `${capitalized(letTheGcRun(forced))}: the peak is then about the heap goal (with GOGC=100, twice the live heap), not all that is allocated between forced GCs. Bounding concurrency will not lower it while the GC is off.`
        : `To lower the process's footprint, lower the peak: ${dominant ?? 'bound the number of concurrent goroutines, the depth of their stacks (recursion) or the size of in-flight buffers'}. A growing HeapSys across dumps with a flat HeapInuse is still a peak, not a leak.`,
      position: facts.positionOf('HeapSys'),
      evidence: { heapSysBytes: heapSys, heapInuseBytes: heapInuse, heapReleasedBytes: released },
    }];
  },
};
