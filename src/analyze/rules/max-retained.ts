import { DOCS } from '../thresholds.js';
import { dominantBucket } from '../breakdown.js';
import { formatBytes, formatPercent } from '../../text/units.js';
import { capitalized } from '../../text/wrap.js';
import type { Rule } from './rule.js';

const LABEL: Record<ReturnType<typeof dominantBucket>, string> = {
  live: 'live heap',
  fragmentation: 'unused space in in-use spans',
  idle: 'idle heap',
  released: 'released heap',
  stacks: 'goroutine stacks',
  runtime: 'runtime metadata',
};

const ADVICE: Record<ReturnType<typeof dominantBucket>, string> = {
  live: 'live objects are most of it: find what holds them (heapdoc analyze FILE lists the allocation sites)',
  fragmentation: 'partly empty spans are most of it: usually reused by later allocations of the same sizes',
  idle: 'idle heap is most of it, the trace of a past peak: lower the peak (bound concurrency, reuse buffers), or set GOMEMLIMIT so the scavenger returns it',
  released: 'released memory is most of it, which is already outside this number: look at the other parts',
  stacks: 'goroutine stacks are most of it: take a goroutine profile and bound the number of goroutines',
  runtime: 'runtime metadata is most of it: GC metadata grows with the heap, profiling buckets with distinct stacks',
};

/** A budget on Go's own physical-memory estimate, the number GOMEMLIMIT bounds. */
export const maxRetained: Rule = {
  meta: {
    id: 'max-retained',
    defaultSeverity: 'error',
    description: 'Budget: the memory the Go runtime holds (Sys − HeapReleased, what GOMEMLIMIT bounds) is above the configured limit.',
    docsUrl: DOCS.gcGuideMemoryLimit,
    options: { limit: { kind: 'bytes', description: 'the largest Sys − HeapReleased allowed, e.g. "1GiB"' } },
    requires: ['limit'],
  },
  check(facts, { options }) {
    const limit = options.limit;
    const b = facts.breakdown;
    if (limit === undefined || !b || b.retained <= limit) return [];
    const dominant = dominantBucket({ ...b, released: 0 });
    return [{
      message: `The Go runtime holds ${formatBytes(b.retained)}, above the budget of ${formatBytes(limit)}.`,
      why: `Sys − HeapReleased = ${formatBytes(b.sys)} − ${formatBytes(b.released)} = ${formatBytes(b.retained)}: the runtime's estimate of its physical memory, the number GOMEMLIMIT bounds. Of it, ${formatBytes(b[dominant])} (${formatPercent(b[dominant], b.retained)}) is ${LABEL[dominant]}.`,
      fix: `${capitalized(ADVICE[dominant])}. If the size is expected, raise the limit in heapdoc.config.json.`,
      position: facts.positionOf('Sys'),
      evidence: { retainedBytes: b.retained, sysBytes: b.sys, releasedBytes: b.released, limitBytes: limit, dominant },
    }];
  },
};
