import { DOCS } from '../thresholds.js';
import { formatBytes } from '../../text/units.js';
import type { Rule } from './rule.js';

export const rssAboveGoEstimate: Rule = {
  meta: {
    id: 'rss-above-go-estimate',
    defaultSeverity: 'warning',
    description: "RSS well above Go's own estimate (Sys − HeapReleased): memory the Go runtime does not manage.",
    docsUrl: DOCS.gcGuide,
    readsRss: true,
    options: {
      rssGapMinBytes: { kind: 'bytes', description: 'unexplained RSS at least this (default 32MiB)' },
      rssGapMinShare: { kind: 'fraction', description: 'and at least this share of Sys − HeapReleased (default 0.25)' },
    },
  },
  check(facts, { thresholds: t }) {
    const b = facts.breakdown;
    const rss = facts.process.rss;
    if (!b || rss === undefined) return [];
    const gap = rss - b.retained;
    // Even if the OS still counted every released page (MADV_FREE), this much would be left.
    const unexplained = gap - b.released;
    if (unexplained < t.rssGapMinBytes || unexplained < t.rssGapMinShare * b.retained) return [];
    return [{
      message: `RSS (${formatBytes(rss)}) is ${formatBytes(gap)} above what the Go runtime holds (${formatBytes(b.retained)}).`,
      why: `Even counting all ${formatBytes(b.released)} of released pages, ${formatBytes(unexplained)} is unaccounted for. Sys − HeapReleased = ${formatBytes(b.retained)} is everything the Go runtime has backed; the rest of RSS is memory it does not manage: C allocations through cgo, syscall.Mmap, the binary and its libraries, or transparent huge pages re-backing released memory.`,
      fix: 'Look outside the Go heap: cgo allocations (e.g. with a C allocator profiler), mmap-ed files, and /proc/PID/smaps for the largest mappings; check whether THP is set to "always".',
      evidence: { rssBytes: rss, retainedBytes: b.retained, gapBytes: gap, unexplainedBytes: unexplained },
    }];
  },
};
