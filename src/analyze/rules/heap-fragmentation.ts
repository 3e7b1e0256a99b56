import { DOCS } from '../thresholds.js';
import { formatBytes, formatPercent } from '../../text/units.js';
import type { Rule } from './rule.js';

export const heapFragmentation: Rule = {
  meta: {
    id: 'heap-fragmentation',
    defaultSeverity: 'info',
    description: 'In-use spans hold much less than their size (HeapInuse − HeapAlloc): partly empty spans.',
    docsUrl: DOCS.memStats,
    explains: ['fragmentation'],
    options: {
      fragmentationMinBytes: { kind: 'bytes', description: 'HeapInuse − HeapAlloc at least this (default 16MiB)' },
      fragmentationMinShare: { kind: 'fraction', description: 'and at least this share of HeapInuse (default 0.25)' },
    },
  },
  check(facts, { thresholds: t }) {
    const b = facts.breakdown;
    const heapInuse = facts.stats?.int('HeapInuse');
    if (!b || heapInuse === undefined) return [];
    if (b.fragmentation < t.fragmentationMinBytes || b.fragmentation < t.fragmentationMinShare * heapInuse) return [];
    return [{
      message: `${formatBytes(b.fragmentation)} of in-use heap spans hold no objects (${formatPercent(b.fragmentation, heapInuse)} of HeapInuse).`,
      why: `HeapInuse − HeapAlloc = ${formatBytes(b.fragmentation)}: an upper bound on fragmentation. Spans are dedicated to one size class; many half-empty spans (after a burst of one size was freed) show up here. It is usually reused by later allocations of the same sizes.`,
      fix: 'Usually nothing: the runtime reuses these slots. If it persists, look for a burst of allocations of one size class followed by sparse survivors (e.g. a cache that keeps 1 of every N objects).',
      position: facts.positionOf('HeapInuse'),
      evidence: { fragmentationBytes: b.fragmentation, heapInuseBytes: heapInuse },
    }];
  },
};
