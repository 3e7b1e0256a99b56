import { DOCS } from '../thresholds.js';
import { countOf, formatPercent } from '../../text/units.js';
import type { Rule } from './rule.js';
import { asOfLastGc } from './gc-cpu-high.js';

/** A budget on GCCPUFraction; the threshold rule gc-cpu-high stays on its own default. */
export const maxGcCpuFraction: Rule = {
  meta: {
    id: 'max-gc-cpu-fraction',
    defaultSeverity: 'error',
    description: 'Budget: the share of CPU the GC used since the process started (GCCPUFraction) is above the configured limit.',
    docsUrl: DOCS.gcGuide,
    options: { limit: { kind: 'fraction', description: 'the largest GCCPUFraction allowed, e.g. 0.05 or "5%"' } },
    requires: ['limit'],
  },
  check(facts, { options }) {
    const limit = options.limit;
    const fraction = facts.stats?.float('GCCPUFraction');
    if (limit === undefined || fraction === undefined || fraction <= limit) return [];
    const numGC = facts.stats?.int('NumGC') ?? 0;
    return [{
      message: `The GC had used ${formatPercent(fraction, 1, 2)} of the CPU since the process started, ${asOfLastGc(facts)}, above the budget of ${formatPercent(limit, 1, 2)}.`,
      why: `GCCPUFraction = ${fraction} after ${countOf(numGC, 'GC cycle')}. The fraction covers the whole life of the process, so a burst long ago still weighs in.`,
      fix: 'Allocate less on hot paths (the allocs profile ranks sites by allocated bytes), reuse buffers, or give the GC more room (a higher GOGC, or a GOMEMLIMIT with more headroom). If the cost is accepted, raise the limit.',
      position: facts.positionOf('GCCPUFraction'),
      evidence: { gcCpuFraction: fraction, limit, numGC },
    }];
  },
};
