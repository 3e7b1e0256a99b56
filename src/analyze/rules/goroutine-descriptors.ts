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

/**
 * Whether an estimate from `samples` samples is too rough to state as a count: a count of n samples
 * varies by about √n, so at 4 or fewer twice that is the whole estimate — 2 samples read as 2,521
 * descriptors while 5 goroutines ran (the captured go1.19-audit39-ttlcache). Undefined: exact counts.
 */
export function uncountable(samples: number | undefined): boolean {
  return samples !== undefined && samples <= 4;
}

/**
 * The finding's message: how many descriptors hold how much, the count left out when the estimate
 * is too rough (uncountable) — then the count of the goroutine dump of the same moment (`alive`)
 * when one was given.
 */
export function descriptorsMessage(descriptors: number, bytes: number, samples: number | undefined, alive?: { source: string; total: number; sameStacksAs?: string }): string {
  const few = samples !== undefined && samples < FEW_DESCRIPTOR_SAMPLES ? `: an estimate from ${formatCount(samples)} sample${samples === 1 ? '' : 's'}` : '';
  if (!uncountable(samples)) return `About ${formatCount(descriptors)} goroutine descriptors hold ${formatBytes(bytes)} of live heap (runtime.malg)${few}.`;
  const held = `Goroutine descriptors hold about ${formatBytes(bytes)} of live heap (runtime.malg)${few}`;
  return alive ? `${held}; the goroutine dump ${dumpWords(alive.source, alive.sameStacksAs)} counts ${formatCount(alive.total)} goroutine${alive.total === 1 ? '' : 's'} alive.` : `${held}, too few to count them.`;
}

/**
 * `of the same moment (goroutine2-t56.txt)`, or for the dump of another moment whose heap dump had the same StackInuse
 * (combine.ts stacksDump) `goroutine2-t56.txt (read with gc1/heap-t56.txt, whose StackInuse is this one's to the byte)`.
 */
export function dumpWords(source: string, sameStacksAs: string | undefined): string {
  return sameStacksAs === undefined ? `of the same moment (${source})` : `${source} (read with ${sameStacksAs}, whose StackInuse is this one's to the byte)`;
}

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
    // One sample is the sampling step, not a measure: it says a descriptor exists, scaled to about the rate (the captured
    // go1.19-audit48-sparse, MemProfileRate 4 MiB: "4.0 MiB", 10,082 descriptors, for 4 goroutines).
    if (samples !== undefined && samples <= 1) return [];
    return [{
      message: descriptorsMessage(site.inuseObjects, site.inuseBytes, samples),
      why: 'Every goroutine gets a g struct from runtime.malg for its life; when it exits, the g goes to a free list for reuse and is never freed (the runtime keeps all gs in allgs). So these are the descriptors of the goroutines alive now and of every one that ran at the same time before (the count is an estimate from the sampled profile). Exited, they are the cost of a past peak, not a leak that grows; alive, what they wait on is the question.',
      fix: 'Take a goroutine profile of the same moment (goroutine?debug=1): many goroutines alive means they wait on something (heapdoc groups them by stack and wait state); few means a past peak — lower the peak of simultaneous goroutines (a worker pool). If the count grows across dumps, goroutines are leaking.',
      position: site.topStack?.position,
      evidence: { descriptors: site.inuseObjects, bytes: site.inuseBytes, ...(samples !== undefined ? { samples } : {}) },
    }];
  },
};
