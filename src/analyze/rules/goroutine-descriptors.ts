import { DOCS } from '../thresholds.js';
import { formatBytes, formatCount } from '../../text/units.js';
import type { Rule } from './rule.js';

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
    const site = facts.profile.sites.find((s) => s.function === 'runtime.malg');
    if (!site || site.inuseBytes < t.goroutineDescriptorsMinBytes) return [];
    return [{
      message: `About ${formatCount(site.inuseObjects)} goroutine descriptors hold ${formatBytes(site.inuseBytes)} of live heap (runtime.malg).`,
      why: 'Every goroutine gets a g struct from runtime.malg; when it exits, the g goes to a free list for reuse and is never freed (the runtime keeps all gs in allgs). So a past burst of goroutines leaves this much live heap forever — a cost of the peak, not a leak that grows, unless the goroutine count keeps growing.',
      fix: 'Lower the peak number of simultaneous goroutines (a worker pool). If the number grows across dumps, compare goroutine profiles: goroutines are leaking.',
      position: site.stacks[0]?.stack.position,
      evidence: { descriptors: site.inuseObjects, bytes: site.inuseBytes },
    }];
  },
};
