import { DOCS } from '../thresholds.js';
import { formatBytes, formatCount, formatPercent } from '../../text/units.js';
import type { Rule } from './rule.js';

/**
 * The runtime's profiling buckets (BuckHashSys, runtime/mprof.go): a fixed hash table of 179,999
 * pointers (~1.4 MiB on 64-bit) plus, for every distinct stack a profiler recorded, a bucket that
 * is never freed. Every dump carries the table; only the buckets beyond it grow.
 */
const RATE_ONE_FIX = 'Set runtime.MemProfileRate = 1 only in tests and short diagnostic runs; leave a long-running process at the default (512 KiB), which records far fewer stacks.';
/** The other cause: many stacks at a sampled rate, or the block and mutex profilers' buckets. */
const MANY_STACKS = 'allocates from very many distinct stacks (deep recursion, generated code), or block or mutex profiling is on (runtime.SetBlockProfileRate, runtime.SetMutexProfileFraction), whose buckets count here too.';
const MANY_STACKS_FIX = `The process ${MANY_STACKS} A larger MemProfileRate records fewer stacks.`;

/** Without a profile (a /metrics scrape, /debug/vars) the rate is unknown: both causes. */
const UNKNOWN_RATE_FIX = 'If the process sets runtime.MemProfileRate = 1 (this input has no profile to say), keep that to tests and short diagnostic runs and leave a long-running process at the default (512 KiB). '
  + `Otherwise it ${MANY_STACKS}`;

export const profilingBuckets: Rule = {
  meta: {
    id: 'profiling-buckets',
    defaultSeverity: 'info',
    description: "The memory profiler's own records (BuckHashSys) are a large part of the memory: every allocation recorded (MemProfileRate = 1), or very many distinct stacks.",
    docsUrl: DOCS.memProfileRate,
    explains: ['runtime'],
    options: {
      bucketsMinBytes: { kind: 'bytes', description: 'BuckHashSys at least this (default 4MiB)' },
      bucketsMinShare: { kind: 'fraction', description: 'and at least this share of Sys − HeapReleased (default 0.1)' },
    },
  },
  check(facts, { thresholds: t }) {
    const b = facts.breakdown;
    const buckets = facts.stats?.int('BuckHashSys');
    if (!b || buckets === undefined) return [];
    if (buckets < t.bucketsMinBytes || buckets < t.bucketsMinShare * b.retained) return [];
    const { exact, recordCount, samplingRate } = facts.profile;
    const records = recordCount > 0 ? `; this profile has ${formatCount(recordCount)} records, a bucket each` : '';
    const cause = exact
      ? `This process records every allocation (MemProfileRate = 1), so every new allocation stack adds a bucket${records}.`
      : samplingRate !== undefined && samplingRate > 0
        ? `MemProfileRate is ${formatBytes(samplingRate)}: a sampled allocation's stack adds a bucket the first time it is seen${records}.`
        : '';
    return [{
      message: `The memory profiler's own records take ${formatBytes(buckets)} (BuckHashSys, ${formatPercent(buckets, b.retained)} of what Go holds), beside a live heap of ${formatBytes(b.live)}.`,
      why: `BuckHashSys is runtime metadata, not heap: the profilers' bucket table (about 1.4 MiB) and a bucket for every distinct stack the memory, block and mutex profilers recorded, kept for the life of the process. ${cause}`.trimEnd(),
      fix: exact ? RATE_ONE_FIX : samplingRate !== undefined ? MANY_STACKS_FIX : UNKNOWN_RATE_FIX,
      position: facts.positionOf('BuckHashSys'),
      evidence: { buckHashSysBytes: buckets, retainedBytes: b.retained, ...(samplingRate !== undefined ? { memProfileRate: samplingRate } : {}), records: recordCount },
    }];
  },
};
