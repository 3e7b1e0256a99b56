/**
 * Where the memory is: reasoning.md §1, as the contract's `breakdown` names it. All bytes.
 *   live          = HeapAlloc
 *   fragmentation = HeapInuse − HeapAlloc
 *   idle          = HeapIdle − HeapReleased   (kept by the runtime for reuse)
 *   released      = HeapReleased               (returned to the OS)
 *   stacks        = StackSys
 *   runtime       = MSpanSys + MCacheSys + BuckHashSys + GCSys + OtherSys
 *   sys           = Sys;  retained = Sys − HeapReleased (Go's physical-memory estimate, what GOMEMLIMIT bounds)
 */
import type { MemStats } from './memstats.js';
import { THRESHOLDS } from './thresholds.js';

export const BUCKETS = ['live', 'fragmentation', 'idle', 'released', 'stacks', 'runtime'] as const;
export type Bucket = (typeof BUCKETS)[number];

export interface Breakdown {
  live: number;
  fragmentation: number;
  idle: number;
  released: number;
  stacks: number;
  runtime: number;
  sys: number;
  retained: number;
}

const REQUIRED = ['HeapAlloc', 'HeapInuse', 'HeapIdle', 'HeapReleased', 'StackSys', 'Sys'] as const;
const RUNTIME_PARTS = ['MSpanSys', 'MCacheSys', 'BuckHashSys', 'GCSys', 'OtherSys'] as const;

/** The fields a breakdown needs that the dump lacks (empty when it can be computed). */
export function missingForBreakdown(stats: MemStats): string[] {
  return REQUIRED.filter((name) => !stats.has(name));
}

export function computeBreakdown(stats: MemStats): Breakdown | undefined {
  if (missingForBreakdown(stats).length > 0) return undefined;
  const n = (name: string): number => stats.int(name) ?? 0;
  return {
    live: n('HeapAlloc'),
    fragmentation: n('HeapInuse') - n('HeapAlloc'),
    idle: n('HeapIdle') - n('HeapReleased'),
    released: n('HeapReleased'),
    stacks: n('StackSys'),
    runtime: RUNTIME_PARTS.reduce((sum, name) => sum + n(name), 0),
    sys: n('Sys'),
    retained: n('Sys') - n('HeapReleased'),
  };
}

/** The largest bucket (ties go to the earlier one in BUCKETS order). */
export function dominantBucket(b: Breakdown): Bucket {
  let best: Bucket = 'live';
  for (const bucket of BUCKETS) if (b[bucket] > b[best]) best = bucket;
  return best;
}

export interface IdentityCheck {
  /** The identity as written in reasoning.md. */
  identity: string;
  left: number;
  right: number;
}

/** The identities of reasoning.md §1 that the dump breaks (beyond one page of rounding). */
export function brokenIdentities(stats: MemStats, tolerance: number = THRESHOLDS.identityToleranceBytes): IdentityCheck[] {
  const n = (name: string): number | undefined => stats.int(name);
  // 'eq': the two sides are equal (within `tolerance`); 'le': the left side is at most the right side.
  const checks: { identity: string; left: number | undefined; right: number | undefined; relation: 'eq' | 'le'; tolerance: number }[] = [
    { identity: 'Alloc = HeapAlloc', left: n('Alloc'), right: n('HeapAlloc'), relation: 'eq', tolerance: 0 },
    { identity: 'HeapSys = HeapInuse + HeapIdle', left: n('HeapSys'), right: sum([n('HeapInuse'), n('HeapIdle')]), relation: 'eq', tolerance },
    {
      identity: 'Sys = HeapSys + StackSys + MSpanSys + MCacheSys + BuckHashSys + GCSys + OtherSys',
      left: n('Sys'),
      right: sum(['HeapSys', 'StackSys', 'MSpanSys', 'MCacheSys', 'BuckHashSys', 'GCSys', 'OtherSys'].map(n)),
      relation: 'eq',
      tolerance,
    },
    { identity: 'HeapObjects = Mallocs − Frees', left: n('HeapObjects'), right: diff(n('Mallocs'), n('Frees')), relation: 'eq', tolerance: 0 },
    { identity: 'HeapReleased ≤ HeapIdle', left: n('HeapReleased'), right: n('HeapIdle'), relation: 'le', tolerance: 0 },
    { identity: 'HeapAlloc ≤ HeapInuse', left: n('HeapAlloc'), right: n('HeapInuse'), relation: 'le', tolerance: 0 },
    { identity: 'StackInuse ≤ StackSys', left: n('StackInuse'), right: n('StackSys'), relation: 'le', tolerance: 0 },
  ];
  return checks
    .filter((c): c is typeof c & IdentityCheck => c.left !== undefined && c.right !== undefined)
    .filter((c) => (c.relation === 'eq' ? Math.abs(c.left - c.right) > c.tolerance : c.left > c.right + c.tolerance))
    .map(({ identity, left, right }) => ({ identity, left, right }));
}

function sum(values: (number | undefined)[]): number | undefined {
  // Fields older Go versions do not print (GCSys and OtherSys before go1.8) make the sum unknowable.
  return values.some((v) => v === undefined) ? undefined : values.reduce<number>((a, v) => a + (v ?? 0), 0);
}

function diff(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : a - b;
}
