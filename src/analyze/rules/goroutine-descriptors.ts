import { DOCS } from '../thresholds.js';
import { formatBytes, formatCount } from '../../text/units.js';
import type { Rule } from './rule.js';
import { samplesBehind } from '../unsample.js';
import { isDescriptorSite, type AllocationSite } from '../profile.js';

/**
 * Below this many samples the estimate may be far off: a count of n samples varies by about √n,
 * so twice that is half the estimate or more at 16 (2/√16). Said with the message then.
 */
export const FEW_DESCRIPTOR_SAMPLES = 16;

/** The site a snapshot's goroutine descriptors are allocated at (runtime.malg), which the finding is about. */
export function descriptorSite(sites: readonly AllocationSite[]): AllocationSite | undefined {
  return sites.find(isDescriptorSite);
}

export const goroutineDescriptors: Rule = {
  meta: {
    id: 'goroutine-descriptors',
    defaultSeverity: 'info',
    description: 'Goroutine descriptors (runtime.malg) stay allocated after their goroutines exit: the runtime keeps every g it ever created.',
    docsUrl: DOCS.memStats,
    options: {
      goroutineDescriptorsMinBytes: { kind: 'bytes', description: 'runtime.malg in-use bytes worth explaining (default 1MiB)' },
    },
  },
  check(facts, { thresholds: t }) {
    const site = descriptorSite(facts.profile.sites);
    if (!site || site.inuseBytes < t.goroutineDescriptorsMinBytes) return [];
    const rate = facts.profile.samplingRate;
    // Unsampled estimates: how many samples they rest on (undefined: exact counts).
    const samples = rate !== undefined && rate > 1 ? Math.round(samplesBehind(site.inuseObjects, site.inuseBytes, rate)) : undefined;
    const few = samples !== undefined && samples < FEW_DESCRIPTOR_SAMPLES ? `: an estimate from ${formatCount(samples)} sample${samples === 1 ? '' : 's'}` : '';
    return [{
      message: `About ${formatCount(site.inuseObjects)} goroutine descriptors hold ${formatBytes(site.inuseBytes)} of live heap (runtime.malg)${few}.`,
      why: 'Every goroutine gets a g struct from runtime.malg for its life; when it exits, the g goes to a free list for reuse and is never freed (the runtime keeps all gs in allgs). So these are the descriptors of the goroutines alive now and of every one that ran at the same time before (the count is an estimate from the sampled profile). Exited, they are the cost of a past peak, not a leak that grows; alive, what they wait on is the question.',
      fix: 'Take a goroutine profile of the same moment (goroutine?debug=1): many goroutines alive means they wait on something (heapdoc groups them by stack and wait state); few means a past peak — lower the peak of simultaneous goroutines (a worker pool). If the count grows across dumps, goroutines are leaking.',
      position: site.topStack?.position,
      evidence: { descriptors: site.inuseObjects, bytes: site.inuseBytes, ...(samples !== undefined ? { samples } : {}) },
    }];
  },
};
