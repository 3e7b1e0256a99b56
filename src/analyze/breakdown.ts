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

/** The breakdown in numbers (exact up to 2^53 bytes, 8 PiB: every real process). */
export function computeBreakdown(stats: MemStats): Breakdown | undefined {
  const exact = exactBreakdown(stats);
  if (!exact) return undefined;
  // Spelled out (one object, in the exact breakdown's key order), not through entries: this runs per scrape of a series.
  const { live, fragmentation, idle, released, stacks, runtime, sys, retained } = exact;
  return { live: Number(live), fragmentation: Number(fragmentation), idle: Number(idle), released: Number(released), stacks: Number(stacks), runtime: Number(runtime), sys: Number(sys), retained: Number(retained) };
}

/**
 * The breakdown with every value exact (the JSON report writes it digit for digit, up to the
 * uint64 maximum). A difference the dump makes negative (HeapReleased > HeapIdle) is 0: no
 * bucket is ever negative; the broken identity is the inconsistent-dump finding.
 */
export function exactBreakdown(stats: MemStats): Record<keyof Breakdown, bigint> | undefined {
  if (missingForBreakdown(stats).length > 0) return undefined;
  const n = (name: string): bigint => stats.exact(name) ?? 0n;
  const atLeast0 = (bytes: bigint): bigint => (bytes < 0n ? 0n : bytes);
  return {
    live: n('HeapAlloc'),
    fragmentation: atLeast0(n('HeapInuse') - n('HeapAlloc')),
    idle: atLeast0(n('HeapIdle') - n('HeapReleased')),
    released: n('HeapReleased'),
    stacks: n('StackSys'),
    runtime: RUNTIME_PARTS.reduce((sum, name) => sum + n(name), 0n),
    sys: n('Sys'),
    retained: atLeast0(n('Sys') - n('HeapReleased')),
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
  /** Both sides exact: a counter near the uint64 maximum is not rounded into agreement. */
  left: bigint;
  right: bigint;
}

/** The identities of reasoning.md §1 that the dump breaks (beyond one page of rounding). */
export function brokenIdentities(stats: MemStats, tolerance: number = THRESHOLDS.identityToleranceBytes): IdentityCheck[] {
  const n = (name: string): bigint | undefined => stats.exact(name);
  const pages = BigInt(tolerance);
  // 'eq': the two sides are equal (within `tolerance`); 'le': the left side is at most the right side.
  const checks: { identity: string; left: bigint | undefined; right: bigint | undefined; relation: 'eq' | 'le'; tolerance: bigint }[] = [
    { identity: 'Alloc = HeapAlloc', left: n('Alloc'), right: n('HeapAlloc'), relation: 'eq', tolerance: 0n },
    { identity: 'HeapSys = HeapInuse + HeapIdle', left: n('HeapSys'), right: sum([n('HeapInuse'), n('HeapIdle')]), relation: 'eq', tolerance: pages },
    {
      identity: 'Sys = HeapSys + StackSys + MSpanSys + MCacheSys + BuckHashSys + GCSys + OtherSys',
      left: n('Sys'),
      right: sum(['HeapSys', 'StackSys', 'MSpanSys', 'MCacheSys', 'BuckHashSys', 'GCSys', 'OtherSys'].map(n)),
      relation: 'eq',
      tolerance: pages,
    },
    { identity: 'HeapObjects = Mallocs − Frees', left: n('HeapObjects'), right: diff(n('Mallocs'), n('Frees')), relation: 'eq', tolerance: 0n },
    { identity: 'HeapReleased ≤ HeapIdle', left: n('HeapReleased'), right: n('HeapIdle'), relation: 'le', tolerance: 0n },
    { identity: 'HeapAlloc ≤ HeapInuse', left: n('HeapAlloc'), right: n('HeapInuse'), relation: 'le', tolerance: 0n },
    { identity: 'StackInuse ≤ StackSys', left: n('StackInuse'), right: n('StackSys'), relation: 'le', tolerance: 0n },
  ];
  return checks
    .filter((c): c is typeof c & IdentityCheck => c.left !== undefined && c.right !== undefined)
    .filter((c) => (c.relation === 'eq' ? abs(c.left - c.right) > c.tolerance : c.left > c.right + c.tolerance))
    .map(({ identity, left, right }) => ({ identity, left, right }));
}

function abs(v: bigint): bigint {
  return v < 0n ? -v : v;
}

function sum(values: (bigint | undefined)[]): bigint | undefined {
  // Fields older Go versions do not print (GCSys and OtherSys before go1.8) make the sum unknowable.
  return values.some((v) => v === undefined) ? undefined : values.reduce<bigint>((a, v) => a + (v ?? 0n), 0n);
}

function diff(a: bigint | undefined, b: bigint | undefined): bigint | undefined {
  return a === undefined || b === undefined ? undefined : a - b;
}
