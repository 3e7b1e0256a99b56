import { atLeast } from '../../input/goversion.js';
import { rssShortfall } from '../breakdown.js';
import { DOCS } from '../thresholds.js';
import { formatBytes, formatPercent } from '../../text/units.js';
import type { Rule } from './rule.js';

export const idleHeapRetained: Rule = {
  meta: {
    id: 'idle-heap-retained',
    defaultSeverity: 'warning',
    description: 'Free heap spans the runtime keeps backed by physical memory (HeapIdle − HeapReleased) instead of returning them to the OS.',
    docsUrl: DOCS.gcGuide,
    options: {
      idleRetainedMinBytes: { kind: 'bytes', description: 'HeapIdle − HeapReleased at least this (default 16MiB)' },
      idleRetainedMinShare: { kind: 'fraction', description: 'and at least this share of Sys − HeapReleased (default 0.25)' },
    },
  },
  check(facts, { thresholds: t }) {
    const b = facts.breakdown;
    if (!b || b.idle < t.idleRetainedMinBytes || b.idle < t.idleRetainedMinShare * b.retained) return [];
    const gradual = 'The background scavenger returns idle memory gradually (it keeps ~10% headroom over the heap goal and works at ~1% of a CPU).';
    const skips = 'skips chunks that were dense in the last two GC cycles, and an idle program runs no GC cycles, so this memory can stay for a long time';
    // A dump does not say which Go wrote it: without --go-version both behaviours are told, as such.
    const scavenger = facts.goVersion === undefined
      ? `${gradual} On go1.21 and later it ${skips} (the dump does not say which Go wrote it: --go-version does).`
      : atLeast(facts.goVersion, 21) ? `Since go1.21 the background scavenger ${skips}.` : gradual;
    // RSS well below Go's estimate: some of these spans were never touched (or were swapped out), so not all are in RAM.
    const short = rssShortfall(b, facts.process.rss, t);
    const spans = short === undefined ? 'free spans still backed by RAM, kept so the heap can grow again without asking the OS.'
      : `free spans kept so the heap can grow again without asking the OS. The RSS given is ${formatBytes(short)} below what Go holds, so not all of them are in RAM: at least ${formatBytes(Math.max(0, b.idle - short))} is (the rest may never have been touched, or was swapped out).`;
    return [{
      message: `${formatBytes(b.idle)} of idle heap is retained by the runtime for reuse (${formatPercent(b.idle, b.retained)} of what Go holds).`,
      why: `HeapIdle − HeapReleased = ${formatBytes(b.idle)}: ${spans} ${scavenger} This is not live data and not a leak.`,
      fix: 'If the memory should go back to the OS, call debug.FreeOSMemory() after the spike, or set GOMEMLIMIT so the scavenger works toward a limit; better, reduce the peak (bound concurrency, reuse buffers).',
      position: facts.positionOf('HeapIdle'),
      evidence: { idleBytes: b.idle, retainedBytes: b.retained },
    }];
  },
};
