import { missingForBreakdown } from '../breakdown.js';
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
      return [{
        message: 'A binary heap profile carries no runtime.MemStats: only its allocation sites can be read.',
        why: 'The protobuf form of /debug/pprof/heap holds sampled allocations and nothing about idle, released or stack memory, so there is no telling live from retained memory.',
        subject: 'binary profile',
        fix: 'Give a MemStats source of the same process beside it — its /debug/vars, its /metrics, or heap?debug=1 — e.g. heapdoc analyze heap.pb.gz vars.json (files of one capture pair by name: 03-t3.heap.pb.gz with 03-t3.vars.json).',
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
      why: 'The runtime always prints these lines (since Go 1.1); their absence means the dump was cut short or edited.',
      fix: 'Capture the dump again from /debug/pprof/heap?debug=1 and keep the whole response.',
      subject: `lacks ${missing.join(',')}`,
      position: facts.memStatsPosition,
    }];
  },
};
