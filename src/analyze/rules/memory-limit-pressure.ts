import { DOCS } from '../thresholds.js';
import { formatBytes, formatCount, formatPercent } from '../../text/units.js';
import type { Rule } from './rule.js';

/** Near or over GOMEMLIMIT: the GC works to stay under it, and cannot when live heap alone is above. */
export const memoryLimitPressure: Rule = {
  meta: {
    id: 'memory-limit-pressure',
    defaultSeverity: 'warning',
    description: 'The memory Go holds is at or near the GOMEMLIMIT the process runs with: the GC collects more often to stay under it, or cannot.',
    docsUrl: DOCS.gcGuideMemoryLimit,
    options: {
      gomemlimit: { kind: 'bytes', description: 'the GOMEMLIMIT the process runs with, e.g. "100MiB" (heapdoc analyze takes it from --gomemlimit)' },
      memoryLimitShare: { kind: 'fraction', description: 'the share of GOMEMLIMIT held that counts as near the limit' },
    },
    requires: ['gomemlimit'],
  },
  check(facts, { thresholds: t, options }) {
    const limit = options.gomemlimit ?? facts.process.gomemlimit;
    const b = facts.breakdown;
    if (limit === undefined || !b || b.retained < t.memoryLimitShare * limit) return [];
    const numGC = facts.stats?.int('NumGC');
    const fraction = facts.stats?.float('GCCPUFraction');
    const gc = `${numGC !== undefined ? `${formatCount(numGC)} GC cycles have run` : 'the GC has run'}${fraction !== undefined ? ` (GCCPUFraction ${formatPercent(fraction, 1)})` : ''}`;
    if (b.live >= limit) {
      return [{
        severity: 'error',
        subject: 'live heap above the limit',
        message: `The live heap (${formatBytes(b.live)}) is above GOMEMLIMIT (${formatBytes(limit)}): the limit cannot be met.`,
        why: `GOMEMLIMIT bounds Sys − HeapReleased (${formatBytes(b.retained)} now). No collection can free live objects, so the GC runs back to back, capped at about half the CPU to avoid a death spiral, and the process stays over the limit; ${gc}.`,
        fix: 'Raise GOMEMLIMIT above the peak live heap with headroom, or lower the peak (bound concurrency, stream instead of buffering). Keep GOGC on so the GC does not rely on the limit alone.',
        position: facts.positionOf('HeapAlloc'),
        evidence: { liveBytes: b.live, retainedBytes: b.retained, gomemlimitBytes: limit },
      }];
    }
    return [{
      subject: 'near the limit',
      message: `Go holds ${formatBytes(b.retained)}, ${formatPercent(b.retained, limit)} of GOMEMLIMIT (${formatBytes(limit)}).`,
      why: `The runtime keeps Sys − HeapReleased under GOMEMLIMIT by collecting more often and returning free memory at once; the live heap is ${formatBytes(b.live)}, so each GC has only ${formatBytes(limit - b.live)} of room; ${gc}.`,
      fix: 'If GC CPU is high, raise GOMEMLIMIT or reduce the live heap; if this is a transient peak, it is the limit doing its job.',
      position: facts.positionOf('Sys'),
      evidence: { liveBytes: b.live, retainedBytes: b.retained, gomemlimitBytes: limit },
    }];
  },
};
