/**
 * Where the memory is: reasoning.md §1, as the contract's `breakdown` names it. All bytes.
 *   live          = HeapAlloc
 *   fragmentation = HeapInuse − HeapAlloc
 *   idle          = HeapIdle − HeapReleased   (kept by the runtime for reuse)
 *   released      = HeapReleased               (returned to the OS)
 *   stacks        = StackSys
 *   runtime       = MSpanSys + MCacheSys + BuckHashSys + GCSys + OtherSys
 *                   (or Sys − HeapSys − StackSys when one of those is not in the input: the same by §1's identity)
 *   sys           = Sys;  retained = Sys − HeapReleased (Go's physical-memory estimate, what GOMEMLIMIT bounds)
 */
import { atLeast, type GoVersion } from '../input/goversion.js';
import type { MemStats } from './memstats.js';
import { THRESHOLDS, type Thresholds } from './thresholds.js';

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

/** A MemStats field a bucket adds (1) or takes away (−1). */
export type BucketTerm = readonly [sign: 1 | -1, field: string];

/** Each bucket as the MemStats fields it adds and takes away: the definitions above, as data (the TUI shows them with their values). */
export const BUCKET_TERMS: Readonly<Record<Bucket, readonly BucketTerm[]>> = {
  live: [[1, 'HeapAlloc']],
  fragmentation: [[1, 'HeapInuse'], [-1, 'HeapAlloc']],
  idle: [[1, 'HeapIdle'], [-1, 'HeapReleased']],
  released: [[1, 'HeapReleased']],
  stacks: [[1, 'StackSys']],
  runtime: RUNTIME_PARTS.map((field) => [1, field] as const),
};

/**
 * The runtime bucket when a part is not in the input (a scrape without go_memstats_gc_sys_bytes,
 * a dump cut inside its MemStats block): Sys less the heap and the stacks, exact since Go computes
 * Sys as the sum of its parts. A missing part counted as 0 made the buckets add to less than Sys.
 */
const RUNTIME_BY_DIFFERENCE: readonly BucketTerm[] = [[1, 'Sys'], [-1, 'HeapSys'], [-1, 'StackSys']];

/** The MemStats fields a bucket is computed from in this input: the runtime's parts, or Sys − HeapSys − StackSys when a part is missing. */
export function bucketTerms(bucket: Bucket, stats: MemStats): readonly BucketTerm[] {
  if (bucket !== 'runtime' || RUNTIME_PARTS.every((name) => stats.has(name))) return BUCKET_TERMS[bucket];
  return RUNTIME_BY_DIFFERENCE;
}

/** The runtime parts the input lacks, when the runtime bucket is computed as Sys − HeapSys − StackSys instead (empty otherwise). */
export function runtimePartsMissing(stats: MemStats): string[] {
  return RUNTIME_PARTS.filter((name) => !stats.has(name));
}

/** The fields a breakdown needs that the dump lacks (empty when it can be computed). */
export function missingForBreakdown(stats: MemStats): string[] {
  const missing: string[] = REQUIRED.filter((name) => !stats.has(name));
  // A runtime part missing and no HeapSys to subtract: the runtime bucket is unknown, so is the breakdown (never a part read as 0).
  if (!stats.has('HeapSys') && runtimePartsMissing(stats).length > 0) missing.push(...runtimePartsMissing(stats), 'HeapSys');
  return missing;
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
  const bucket = (b: Bucket): bigint => atLeast0(bucketTerms(b, stats).reduce((sum, [sign, field]) => (sign > 0 ? sum + n(field) : sum - n(field)), 0n));
  return {
    live: bucket('live'),
    fragmentation: bucket('fragmentation'),
    idle: bucket('idle'),
    released: bucket('released'),
    stacks: bucket('stacks'),
    runtime: bucket('runtime'),
    sys: n('Sys'),
    retained: atLeast0(n('Sys') - n('HeapReleased')),
  };
}

/**
 * How far RSS is below Go's estimate (Sys − HeapReleased), when by more than the usual few MiB:
 * that much of what Go counts is not resident, so idle spans are not all backed by RAM
 * (reasoning.md: fresh spans are not written until used). Undefined when RSS is unknown or near.
 */
export function rssShortfall(b: Breakdown, rss: number | undefined, t: Thresholds): number | undefined {
  if (rss === undefined) return undefined;
  const short = b.retained - rss;
  return short >= t.rssShortfallMinBytes && short >= t.rssShortfallMinShare * b.retained ? short : undefined;
}

/**
 * How far RSS is above what Go holds (Sys − HeapReleased) when well above it: more than a quarter
 * of it and 16 MiB (a few MiB are the binary's own pages and shared libraries). Undefined otherwise.
 */
export function rssAboveGo(b: Breakdown, rss: number | undefined): number | undefined {
  if (rss === undefined) return undefined;
  const gap = rss - b.retained;
  return gap > Math.max(0.25 * b.retained, 16 * 1024 * 1024) ? gap : undefined;
}

/**
 * RSS well above what Go holds (rssAboveGo) by no more than HeapReleased: the OS still counts the
 * released pages (MADV_FREE: Go 1.12–1.15 on Linux, GODEBUG=madvdontneed=0, macOS) until it needs
 * the memory. The verdict's RSS sentence says so (snapshot.ts rssSentence), and a series' one-off
 * peak says it of what went back (series/burst.ts burstHeap).
 */
export function releasedInRss(b: Breakdown, rss: number | undefined): boolean {
  const gap = rssAboveGo(b, rss);
  return gap !== undefined && gap <= b.released * 1.1;
}

/**
 * The part of RSS no Go number explains: RSS well above what Go holds (rssAboveGo) by more than
 * twice HeapReleased, less HeapReleased (even were every released page still counted). Memory
 * outside the Go heap — cgo, syscall.Mmap, mmap-ed files — which no heap dump or MemStats field
 * counts (the captured go1.19-audit39-offheap: 4 MiB mmap-ed a second, RSS 800.4 MiB beside the
 * 15.2 MiB Go holds). Undefined otherwise.
 */
export function outsideGoHeap(b: Breakdown, rss: number | undefined): number | undefined {
  const gap = rssAboveGo(b, rss);
  return gap !== undefined && b.released < 0.5 * gap ? gap - b.released : undefined;
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

/** The parts of Sys (reasoning.md §1): the heap, the stacks and the runtime's own. */
const SYS_PARTS = ['HeapSys', 'StackSys', ...RUNTIME_PARTS];

/**
 * The identities of reasoning.md §1 that the dump breaks (beyond one page of rounding), in this
 * order. Every field is read once and nothing is built for an identity that holds: this runs for
 * every snapshot (the verdict and the inconsistent-dump rule), thousands of times for a series of scrapes.
 */
export function brokenIdentities(stats: MemStats, tolerance: number = THRESHOLDS.identityToleranceBytes): IdentityCheck[] {
  const pages = BigInt(tolerance);
  const broken: IdentityCheck[] = [];
  const heapAlloc = stats.exact('HeapAlloc');
  const heapSys = stats.exact('HeapSys');
  const heapInuse = stats.exact('HeapInuse');
  const heapIdle = stats.exact('HeapIdle');
  equal(broken, 'Alloc = HeapAlloc', stats.exact('Alloc'), heapAlloc, 0n);
  equal(broken, 'HeapSys = HeapInuse + HeapIdle', heapSys, heapInuse === undefined || heapIdle === undefined ? undefined : heapInuse + heapIdle, pages);
  equal(broken, 'Sys = HeapSys + StackSys + MSpanSys + MCacheSys + BuckHashSys + GCSys + OtherSys', stats.exact('Sys'), sumOf(stats, SYS_PARTS), pages);
  equal(broken, 'HeapObjects = Mallocs − Frees', stats.exact('HeapObjects'), diff(stats.exact('Mallocs'), stats.exact('Frees')), 0n);
  atMost(broken, 'HeapReleased ≤ HeapIdle', stats.exact('HeapReleased'), heapIdle);
  atMost(broken, 'HeapAlloc ≤ HeapInuse', heapAlloc, heapInuse);
  atMost(broken, 'StackInuse ≤ StackSys', stats.exact('StackInuse'), stats.exact('StackSys'));
  return broken;
}

/** Adds the identity `left = right` (within `tolerance`) to `broken` when both sides are known and differ by more. */
function equal(broken: IdentityCheck[], identity: string, left: bigint | undefined, right: bigint | undefined, tolerance: bigint): void {
  if (left !== undefined && right !== undefined && abs(left - right) > tolerance) broken.push({ identity, left, right });
}

/** Adds the identity `left ≤ right` to `broken` when both sides are known and left is larger. */
function atMost(broken: IdentityCheck[], identity: string, left: bigint | undefined, right: bigint | undefined): void {
  if (left !== undefined && right !== undefined && left > right) broken.push({ identity, left, right });
}

/** The sum of the fields `names`, undefined when one is missing (GCSys and OtherSys before go1.8 make the sum unknowable). */
function sumOf(stats: MemStats, names: readonly string[]): bigint | undefined {
  let total = 0n;
  for (let i = 0; i < names.length; i++) {
    const v = stats.exact(names[i] as string);
    if (v === undefined) return undefined;
    total += v;
  }
  return total;
}

function abs(v: bigint): bigint {
  return v < 0n ? -v : v;
}

function diff(a: bigint | undefined, b: bigint | undefined): bigint | undefined {
  return a === undefined || b === undefined ? undefined : a - b;
}

/**
 * How the Go version releases pages on Linux: `MADV_FREE` (the default in Go 1.12–1.15: the OS
 * keeps counting them in RSS until it needs the memory), `MADV_DONTNEED` (before 1.12 and again
 * since 1.16: RSS drops at once, go.dev/doc/go1.16#runtime), or not known. macOS reclaims
 * released pages lazily whatever the version, and a dump does not say its OS.
 */
export type LinuxRelease = { kind: 'free' | 'dontneed'; version: GoVersion } | { kind: 'unknown' };

export function linuxRelease(version: GoVersion | undefined): LinuxRelease {
  if (version === undefined) return { kind: 'unknown' };
  return { kind: atLeast(version, 12) === true && atLeast(version, 16) === false ? 'free' : 'dontneed', version };
}
