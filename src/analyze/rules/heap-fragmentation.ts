import { DOCS } from '../thresholds.js';
import { formatBytes, formatCount, formatPercent } from '../../text/units.js';
import type { Rule } from './rule.js';

export const heapFragmentation: Rule = {
  meta: {
    id: 'heap-fragmentation',
    defaultSeverity: 'info',
    description: 'In-use spans hold much less than their size (HeapInuse − HeapAlloc): partly empty spans.',
    docsUrl: DOCS.memStats,
    explains: ['fragmentation'],
    options: {
      fragmentationMinBytes: { kind: 'bytes', description: 'HeapInuse − HeapAlloc at least this (default 16MiB)' },
      fragmentationMinShare: { kind: 'fraction', description: 'and at least this share of HeapInuse (default 0.25)' },
    },
  },
  check(facts, { thresholds: t }) {
    const b = facts.breakdown;
    const heapInuse = facts.stats?.int('HeapInuse');
    if (!b || heapInuse === undefined) return [];
    if (b.fragmentation < t.fragmentationMinBytes || b.fragmentation < t.fragmentationMinShare * heapInuse) return [];
    const numGC = facts.stats?.int('NumGC');
    return [{
      message: `${formatBytes(b.fragmentation)} of in-use heap spans hold no objects (${formatPercent(b.fragmentation, heapInuse)} of HeapInuse).`,
      why: `HeapInuse − HeapAlloc = ${formatBytes(b.fragmentation)}: an upper bound on fragmentation. Spans are dedicated to one size class; many half-empty spans (after a burst of one size was freed) show up here. It is usually reused by later allocations of the same sizes.`,
      fix: 'Usually nothing: the runtime reuses these slots. If it persists, look for a burst of allocations of one size class followed by sparse survivors (e.g. a cache that keeps 1 of every N objects).',
      position: facts.positionOf('HeapInuse'),
      evidence: { fragmentationBytes: b.fragmentation, heapInuseBytes: heapInuse, ...(numGC === undefined ? {} : { numGC }) },
    }];
  },
};

/** What lastingFragmentation reads of a finding (an analyze Finding, a lint message). */
interface FragmentationFinding {
  ruleId: string;
  fix?: string;
  evidence?: Readonly<Record<string, unknown>>;
}

/**
 * The heap-fragmentation findings of one process's snapshots (`findings`, earliest first) that
 * found it after GC cycles had run since the first that did: fragmentation that lasted is not
 * slots the runtime is about to reuse (the captured go1.19-audit29-frag: 175.1 MiB through NumGC
 * 9 → 13, whose fix said "Usually nothing: the runtime reuses these slots"). Each maps to itself
 * with the fix for lasting fragmentation; analyze (combine.ts) and lint (lint/series.ts) replace them.
 */
export function lastingFragmentation<F extends FragmentationFinding>(findings: readonly F[]): Map<F, F> {
  const found = findings.filter((f) => f.ruleId === 'heap-fragmentation' && typeof f.evidence?.['numGC'] === 'number');
  const first = found[0];
  const lasting = new Map<F, F>();
  if (!first) return lasting;
  const from = Number(first.evidence?.['numGC']);
  found.forEach((f, i) => {
    const numGC = Number(f.evidence?.['numGC']);
    if (numGC > from) lasting.set(f, { ...f, fix: lastingFix(from, numGC, i + 1) });
  });
  return lasting;
}

/** The fix for fragmentation seen from GC cycle `from` to `to`, in `snapshots` snapshots. */
function lastingFix(from: number, to: number, snapshots: number): string {
  return `It lasted across GC cycles (NumGC ${formatCount(from)} → ${formatCount(to)}, ${formatCount(snapshots)} snapshots), so the runtime is not reusing these slots: only objects of a span's size class fill its free slots, and a span goes back to the heap only when its last object dies. Find the sites whose objects outlive the rest of their burst (the allocation sites' in-use objects), then: allocate objects of one lifetime together, apart from short-lived ones of the same size; copy the survivors into a compact structure (a new slice or map) and drop the old one; reuse such objects through a sync.Pool rather than allocating a new burst; or accept it when it stays bounded.`;
}
