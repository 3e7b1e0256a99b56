import { formatBytes, formatChange } from '../../text/units.js';
import { OFF_HEAP_FIND, OFF_HEAP_WHAT, offHeapRiseWords } from '../series/offheap.js';
import { DOCS } from '../thresholds.js';
import type { Rule } from './rule.js';
import { spanOf } from './series-words.js';

/**
 * Memory outside the Go heap that grows (series/offheap.ts offHeapGrowth): across snapshots of one
 * process that say its RSS (a scrape's process_resident_memory_bytes), RSS rose steadily while what
 * Go holds stayed flat — cgo, syscall.Mmap, mmap-ed files, which no MemStats field counts. The
 * series verdict of the Go heap may be churn (the captured go1.19-audit39-offheap-metrics); the
 * report's verdict is "Leak suspected outside the Go heap", and `analyze --fail-on leak` fails on it.
 */
export const leakOutsideHeap: Rule = {
  meta: {
    id: 'leak-outside-heap',
    defaultSeverity: 'error',
    description: "Snapshots of one process show its RSS rising steadily while what Go holds stays flat: memory outside the Go heap (cgo, mmap) grows.",
    docsUrl: DOCS.memStats,
    inputs: ['series'],
  },
  check() {
    return [];
  },
  checkSeries(facts) {
    const g = facts.verdict.outsideGoHeap;
    if (!g || facts.origin !== 'snapshots') return [];
    const first = g.rssBytes[0] ?? 0;
    const last = g.rssBytes[g.rssBytes.length - 1] ?? 0;
    return [{
      message: `Leak suspected outside the Go heap, ${spanOf(facts.sources)}: ${offHeapRiseWords(g)}.`,
      why: `RSS is every page the process has resident; what Go holds (Sys − HeapReleased) is the part the Go runtime mapped and still holds. RSS rose by ${formatBytes(last - first)} while that moved by ${formatChange(g.goHeldLastBytes - g.goHeldFirstBytes)}: ${OFF_HEAP_WHAT}. No MemStats field and no heap profile counts it, so heap dumps cannot show where it is; the Go heap's own verdict (series.verdict.kind) says nothing of it.`,
      fix: OFF_HEAP_FIND,
      evidence: {
        snapshots: facts.sources.length,
        first: facts.sources[0] ?? '',
        last: facts.sources[facts.sources.length - 1] ?? '',
        firstRssBytes: first,
        lastRssBytes: last,
        goHeldFirstBytes: g.goHeldFirstBytes,
        goHeldLastBytes: g.goHeldLastBytes,
      },
    }];
  },
};
