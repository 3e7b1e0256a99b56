import { missingForBreakdown } from '../breakdown.js';
import { deltaWindow } from '../profile.js';
import { shellWord, textFormUrl } from '../../input/urls.js';
import { DOCS } from '../thresholds.js';
import type { Rule } from './rule.js';

export const noMemstats: Rule = {
  meta: {
    id: 'no-memstats',
    defaultSeverity: 'warning',
    description: 'The dump has no usable runtime.MemStats block, so the memory breakdown cannot be computed.',
    docsUrl: DOCS.memStats,
  },
  check(facts) {
    if (!facts.stats && facts.profile.format?.binary) {
      const fetchedText = textFormUrl(facts.source);
      const delta = deltaWindow(facts.profile.format);
      return [{
        message: delta ? `A delta heap profile ${delta} carries no runtime.MemStats: only what changed at its allocation sites in that window can be read, not totals.` : 'A binary heap profile carries no runtime.MemStats: only its allocation sites can be read.',
        why: `The protobuf form of /debug/pprof/heap holds sampled allocations and nothing about idle, released or stack memory, so there is no telling live from retained memory.`,
        subject: 'binary profile',
        // heap?debug=1&seconds=N is refused by net/http/pprof ("seconds and debug params are incompatible"), and a window's change pairs with no moment's MemStats.
        fix: delta ? 'Fetch the whole profile as text, which carries the MemStats block: …/debug/pprof/heap?debug=1 without seconds= (add &gc=1 for the live heap right after a GC).'
          : fetchedText !== undefined
          // heapdoc fetched it: the URL lacked ?debug=1, and the same URL with it serves the text dump, MemStats block included.
          ? `Add ?debug=1 to the URL: the text form carries the MemStats block — heapdoc analyze ${shellWord(fetchedText)}`
          : 'Give a MemStats source of the same process beside it — its /debug/vars, its /metrics, or heap?debug=1 — e.g. heapdoc analyze heap.pb.gz vars.json (files of one capture pair by name: 03-t3.heap.pb.gz with 03-t3.vars.json).',
      }];
    }
    if (!facts.stats && facts.profile.format === undefined && facts.profile.recordCount === 0) {
      // A /metrics page or a vars document that gave no MemStats field: nothing to read at all.
      return [{
        message: 'The input carries no MemStats: no field of runtime.MemStats could be read.',
        why: 'A /metrics page needs the go_memstats_* metrics of the Go collector (or runtime/metrics ones), /debug/vars its memstats var; without them there is no telling live from idle or released memory.',
        fix: 'Scrape a Go program whose registry has the Go collector (client_golang\'s default registry has it), or fetch its /debug/vars, or heap?debug=1.',
        subject: 'no fields',
        position: facts.endPosition,
      }];
    }
    if (!facts.stats) {
      return [{
        message: 'The dump has no runtime.MemStats block: only the sampled profile can be read.',
        why: 'Without HeapAlloc, HeapIdle, HeapReleased and Sys there is no telling live from idle or released memory. The block is missing in files converted by other tools, in old pprof test files, or when the dump was cut short.',
        fix: 'Capture the dump with curl from /debug/pprof/heap?debug=1 and keep the whole response.',
        subject: 'no block',
        position: facts.endPosition,
      }];
    }
    const missing = missingForBreakdown(facts.stats);
    if (missing.length === 0) return [];
    return [{
      message: `The MemStats block lacks ${missing.join(', ')}: the breakdown cannot be computed.`,
      why: 'The runtime always reports these (every heap?debug=1 dump since Go 1.1, /debug/vars, client_golang\'s go_memstats_* metrics); their absence means the input was cut short or edited.',
      fix: 'Capture it again from the same endpoint (/debug/pprof/heap?debug=1, /debug/vars or /metrics) and keep the whole response.',
      subject: `lacks ${missing.join(',')}`,
      position: facts.memStatsPosition,
    }];
  },
};
