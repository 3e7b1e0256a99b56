import { DOCS } from '../thresholds.js';
import { formatCount, formatPercent } from '../../text/units.js';
import type { Rule } from './rule.js';

export const gcCpuHigh: Rule = {
  meta: {
    id: 'gc-cpu-high',
    defaultSeverity: 'warning',
    description: 'The garbage collector used a large share of the CPU since the process started (GCCPUFraction).',
    docsUrl: DOCS.gcGuide,
    options: {
      gcCpuFraction: { kind: 'fraction', description: 'GCCPUFraction at or above which the rule reports (default 0.05)' },
    },
  },
  check(facts, { thresholds: t }) {
    const fraction = facts.stats?.float('GCCPUFraction');
    if (fraction === undefined || fraction < t.gcCpuFraction) return [];
    const numGC = facts.stats?.int('NumGC') ?? 0;
    const totalAlloc = facts.stats?.int('TotalAlloc');
    const live = facts.stats?.int('HeapAlloc');
    const churn = totalAlloc !== undefined && live ? ` TotalAlloc is ${(totalAlloc / live).toFixed(0)}× the live heap: allocation rate drives GC frequency.` : '';
    return [{
      message: `The GC has used ${formatPercent(fraction, 1)} of the available CPU since the process started.`,
      why: `GCCPUFraction = ${fraction}; ${formatCount(numGC)} GC cycles have run.${churn}`,
      fix: 'Allocate less on hot paths (find them in the allocs profile: heapdoc sites sorted by allocated bytes), reuse buffers (sync.Pool), or give the GC more room with a higher GOGC or a GOMEMLIMIT with GOGC=off if memory allows.',
      position: facts.positionOf('GCCPUFraction'),
      evidence: { gcCpuFraction: fraction, numGC },
    }];
  },
};
