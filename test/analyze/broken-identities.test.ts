/**
 * brokenIdentities (each field read once, nothing built for an identity that holds) finds what the
 * checks-array version before it (79b8229) found: on MemStats that break each identity, at the
 * edge of its tolerance, with a field missing, several at once, with fields given as numbers.
 */
import { describe, expect, it } from 'vitest';
import { brokenIdentities, type IdentityCheck } from '../../src/analyze/breakdown.js';
import { MemStats } from '../../src/analyze/memstats.js';
import type { MemStatValue } from '../../src/grammar/heap/index.js';

/** brokenIdentities as it was before 79b8229. */
function before(stats: MemStats, tolerance: number): IdentityCheck[] {
  const n = (name: string): bigint | undefined => stats.exact(name);
  const pages = BigInt(tolerance);
  const sum = (values: (bigint | undefined)[]): bigint | undefined => (values.some((v) => v === undefined) ? undefined : values.reduce<bigint>((a, v) => a + (v ?? 0n), 0n));
  const diff = (a: bigint | undefined, b: bigint | undefined): bigint | undefined => (a === undefined || b === undefined ? undefined : a - b);
  const abs = (v: bigint): bigint => (v < 0n ? -v : v);
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

/** MemStats that keep every identity (Sys 1,000,000 = its seven parts). */
const GOOD: Record<string, MemStatValue> = {
  Alloc: 300_000n, HeapAlloc: 300_000n, HeapSys: 800_000n, HeapInuse: 400_000n, HeapIdle: 400_000n, HeapReleased: 100_000n,
  Sys: 1_000_000n, StackSys: 100_000n, MSpanSys: 20_000n, MCacheSys: 10_000n, BuckHashSys: 10_000n, GCSys: 40_000n, OtherSys: 20_000n,
  HeapObjects: 50n, Mallocs: 80n, Frees: 30n, StackInuse: 90_000n,
};

function stats(changes: Record<string, MemStatValue | undefined>): MemStats {
  const fields = new Map(Object.entries({ ...GOOD, ...changes }).filter((e): e is [string, MemStatValue] => e[1] !== undefined));
  return new MemStats(fields);
}

const CASES: [string, Record<string, MemStatValue | undefined>, string[]][] = [
  ['none broken', {}, []],
  ['Alloc ≠ HeapAlloc', { Alloc: 300_001n }, ['Alloc = HeapAlloc 300001 300000']],
  ['HeapSys off by the tolerance', { HeapSys: 808_192n }, []],
  ['HeapSys off by one more (and Sys)', { HeapSys: 808_193n }, ['HeapSys = HeapInuse + HeapIdle 808193 800000', 'Sys = HeapSys + StackSys + MSpanSys + MCacheSys + BuckHashSys + GCSys + OtherSys 1000000 1008193']],
  ['HeapSys short by one more, Sys with it', { HeapSys: 791_807n, Sys: 991_807n }, ['HeapSys = HeapInuse + HeapIdle 791807 800000']],
  ['Sys off by one more than the tolerance', { Sys: 1_008_193n }, ['Sys = HeapSys + StackSys + MSpanSys + MCacheSys + BuckHashSys + GCSys + OtherSys 1008193 1000000']],
  ['Sys without OtherSys (before go1.8)', { Sys: 5n, OtherSys: undefined }, []],
  ['HeapObjects ≠ Mallocs − Frees', { Frees: 31n }, ['HeapObjects = Mallocs − Frees 50 49']],
  ['HeapObjects without Frees', { Frees: undefined, HeapObjects: 1n }, []],
  ['HeapReleased > HeapIdle', { HeapReleased: 400_001n }, ['HeapReleased ≤ HeapIdle 400001 400000']],
  ['HeapReleased = HeapIdle', { HeapReleased: 400_000n }, []],
  ['HeapAlloc > HeapInuse (and ≠ Alloc)', { HeapAlloc: 400_001n }, ['Alloc = HeapAlloc 300000 400001', 'HeapAlloc ≤ HeapInuse 400001 400000']],
  ['StackInuse > StackSys', { StackInuse: 100_001n }, ['StackInuse ≤ StackSys 100001 100000']],
  ['HeapIdle lower: two at once', { HeapIdle: 1n }, ['HeapSys = HeapInuse + HeapIdle 800000 400001', 'HeapReleased ≤ HeapIdle 100000 1']],
  ['numbers, not bigints; a float is no integer', { Alloc: 7, HeapAlloc: 7, HeapInuse: 7.5, StackInuse: 100_001 }, ['StackInuse ≤ StackSys 100001 100000']],
  ['everything missing', Object.fromEntries(Object.keys(GOOD).map((k) => [k, undefined])), []],
];

describe('brokenIdentities', () => {
  it.each(CASES)('%s', (_name, changes, expected) => {
    const s = stats(changes);
    const found = brokenIdentities(s);
    expect(found.map((c) => `${c.identity} ${c.left} ${c.right}`)).toEqual(expected);
    expect(found).toEqual(before(s, 8192));
    expect(brokenIdentities(s, 0)).toEqual(before(s, 0));
  });
});
