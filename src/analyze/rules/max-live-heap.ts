import { DOCS } from '../thresholds.js';
import { formatBytes, formatCount, formatPercent } from '../../text/units.js';
import type { Rule } from './rule.js';

/** A budget: off until a lint configuration gives it a limit. */
export const maxLiveHeap: Rule = {
  meta: {
    id: 'max-live-heap',
    defaultSeverity: 'error',
    description: 'Budget: the live heap (HeapAlloc) is above the configured limit.',
    docsUrl: DOCS.memStats,
    explains: ['live'],
    options: { limit: { kind: 'bytes', description: 'the largest HeapAlloc allowed, e.g. "512MiB"' } },
    requires: ['limit'],
  },
  check(facts, { options }) {
    const limit = options.limit;
    const live = facts.stats?.int('HeapAlloc');
    if (limit === undefined || live === undefined || live <= limit) return [];
    const objects = facts.stats?.int('HeapObjects');
    return [{
      message: `The live heap is ${formatBytes(live)}, above the budget of ${formatBytes(limit)}.`,
      why: `HeapAlloc = ${formatCount(live)} bytes${objects === undefined ? '' : ` in ${formatCount(objects)} objects`}, ${formatPercent(live - limit, limit)} over the limit. HeapAlloc counts reachable objects plus unreachable ones the GC has not swept yet.`,
      fix: 'Find what holds the memory: heapdoc analyze FILE lists the allocation sites by in-use bytes; compare with an earlier dump to see what grew. If the size is expected, raise the limit in heapdoc.config.json.',
      position: facts.positionOf('HeapAlloc'),
      evidence: { heapAllocBytes: live, limitBytes: limit },
    }];
  },
};
