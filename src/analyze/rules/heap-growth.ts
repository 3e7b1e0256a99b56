import { countOf, formatBytes } from '../../text/units.js';
import { SERIES_THRESHOLDS } from '../series/thresholds.js';
import { DOCS } from '../thresholds.js';
import type { Rule } from './rule.js';
import { snapshotName, spanOf } from './series-words.js';

const MS_PER_HOUR = 3_600_000;

/** At most 8 values: a gctrace log has a point per GC cycle, thousands of them. */
function listed(values: readonly string[]): string {
  return values.length <= 8 ? values.join(', ') : `${values.slice(0, 4).join(', ')}, …, ${values.slice(-4).join(', ')}`;
}

/**
 * A budget on how fast the live heap may grow across snapshots of one process: per hour (from
 * the times of the GCs, LastGC or a gctrace log's @T) and/or per GC cycle (from NumGC). It reads
 * the live heap at one snapshot per GC cycle (with ?gc=1, right after a GC), first against last,
 * from SERIES_THRESHOLDS.minPoints such points: fewer cannot tell growth from one cycle's noise.
 * Off until a budget is configured: how fast a heap may grow (a cache warming up) is the project's call.
 */
export const heapGrowth: Rule = {
  meta: {
    id: 'heap-growth',
    defaultSeverity: 'error',
    description: 'Budget: across snapshots of one process, the live heap grows faster than the configured rate per hour or per GC.',
    docsUrl: DOCS.gcGuide,
    options: {
      perHour: { kind: 'rate', description: 'the most the live heap may grow per hour, e.g. "10MiB/h"' },
      perGC: { kind: 'bytes', description: 'the most the live heap may grow per GC cycle, e.g. "64KiB"' },
    },
    requiresOneOf: ['perHour', 'perGC'],
    inputs: ['series'],
  },
  check() {
    return [];
  },
  checkSeries(facts, { options }) {
    const perHour = options.perHour;
    const perGC = options.perGC;
    const first = facts.live[0];
    const last = facts.live[facts.live.length - 1];
    if ((perHour === undefined && perGC === undefined) || !first || !last || facts.live.length < SERIES_THRESHOLDS.minPoints) return [];
    const growth = last.bytes - first.bytes;
    if (growth <= 0) return [];
    const cycles = last.numGC - first.numGC;
    const hours = first.atMs !== undefined && last.atMs !== undefined && last.atMs > first.atMs ? (last.atMs - first.atMs) / MS_PER_HOUR : undefined;
    const rateGC = cycles > 0 ? growth / cycles : undefined;
    const rateHour = hours !== undefined ? growth / hours : undefined;
    const over: string[] = [];
    if (perHour !== undefined && rateHour !== undefined && rateHour > perHour) over.push(`${formatBytes(rateHour)}/h, above the budget of ${formatBytes(perHour)}/h`);
    if (perGC !== undefined && rateGC !== undefined && rateGC > perGC) over.push(`${formatBytes(rateGC)} per GC, above the budget of ${formatBytes(perGC)}`);
    if (over.length === 0) return [];
    const span = facts.origin === 'gctrace' ? `in ${snapshotName(facts.sources[0])}` : `across ${spanOf(facts.sources)}`;
    const seconds = hours !== undefined ? ` in ${(hours * 3600).toFixed(1)} s` : '';
    return [{
      message: `The live heap grew ${formatBytes(growth)} (${formatBytes(first.bytes)} → ${formatBytes(last.bytes)}) ${span}: ${over.join('; ')}.`,
      why: `Live heap at ${facts.live.length} GC-separated points (${facts.origin === 'gctrace' ? 'the heap after each GC in the log' : 'HeapAlloc of the first snapshot after each GC'}): ${listed(facts.live.map((p) => formatBytes(p.bytes)))}; ${countOf(cycles, 'GC cycle')}${seconds} between the first and the last.`,
      fix: 'If the growth is expected (a cache warming up, more users), raise the budget in heapdoc.config.json. Otherwise find what grows: heapdoc analyze on the same files lists the growing allocation sites.',
      evidence: {
        firstLiveBytes: first.bytes,
        lastLiveBytes: last.bytes,
        gcCycles: cycles,
        ...(rateHour !== undefined ? { bytesPerHour: Math.round(rateHour) } : {}),
        ...(rateGC !== undefined ? { bytesPerGC: Math.round(rateGC) } : {}),
        ...(perHour !== undefined ? { limitPerHour: perHour } : {}),
        ...(perGC !== undefined ? { limitPerGC: perGC } : {}),
      },
    }];
  },
};
