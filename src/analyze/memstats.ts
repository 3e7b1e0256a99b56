/** Typed reads of a MemStats block's fields, so analysis code never handles bigint/number unions. */
import type { MemStatValue } from '../grammar/heap/index.js';
import { formatCount, formatDuration } from '../text/units.js';

export class MemStats {
  /**
   * `rings`: 256-entry rings (PauseEnd, PauseNs) kept as uint64s beside `fields` rather than in
   * them (lint's series summaries: 2 KiB each, no BigInt per entry); `ring` reads them.
   */
  constructor(readonly fields: ReadonlyMap<string, MemStatValue>, private readonly rings?: ReadonlyMap<string, BigUint64Array>) {}

  has(name: string): boolean {
    return this.fields.has(name);
  }

  /** An integer field as a number (byte counts and counters fit easily), or undefined if absent. */
  int(name: string): number | undefined {
    const value = this.fields.get(name);
    return typeof value === 'bigint' ? Number(value) : typeof value === 'number' ? value : undefined;
  }

  /** An integer field kept exact (LastGC is unix nanoseconds, beyond 2^53). */
  exact(name: string): bigint | undefined {
    const value = this.fields.get(name);
    if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value); // a field some other source gave as a number
    return typeof value === 'bigint' ? value : undefined;
  }

  float(name: string): number | undefined {
    const value = this.fields.get(name);
    return typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : undefined;
  }

  array(name: string): bigint[] | undefined {
    const value = this.fields.get(name);
    return Array.isArray(value) ? value : undefined;
  }

  /** A ring field (PauseEnd, PauseNs) as the list of its entries, from `fields` or the `rings` given beside them. */
  ring(name: string): ArrayLike<bigint> | undefined {
    return this.array(name) ?? this.rings?.get(name);
  }

  /** The most recent `n` entries of a 256-entry ring (PauseNs, PauseEnd), newest first; uses NumGC to know which are real. */
  recentRing(name: string): { index: number; value: bigint }[] {
    const ring = this.array(name);
    const numGC = this.int('NumGC');
    if (!ring || numGC === undefined || ring.length === 0) return [];
    const count = Math.min(numGC, ring.length);
    const out: { index: number; value: bigint }[] = [];
    for (let k = 0; k < count; k++) {
      const index = (((numGC - 1 - k) % ring.length) + ring.length) % ring.length; // (NumGC+255)%256 is the newest
      out.push({ index, value: ring[index] ?? 0n });
    }
    return out;
  }
}

/** The field names of a compact block (in the block's order), shared by every block that has them. */
interface FieldShape {
  names: readonly string[];
  index: ReadonlyMap<string, number>;
  /** Per field: an integer (in `integers`) or a float (in `floats`). */
  integer: readonly boolean[];
}

const SHAPES = new Map<string, FieldShape>();
/** Distinct field lists kept (a series of scrapes of one process has one or two). */
const MAX_SHAPES = 64;
let lastShape: FieldShape | undefined;
const UINT64_LIMIT = 1n << 64n;
/**
 * Blocks are cut from shared 64 KiB buffers (~270 blocks of 30 fields each): a typed array's own
 * buffer is a separate allocation, two per scrape of a long series otherwise.
 */
const SLAB_BYTES = 64 * 1024;
let slab: ArrayBuffer | undefined;
let slabUsed = 0;

/** `size` 8-byte slots of the current slab, as integers and as floats (the same bytes: a field is one or the other). */
function slots(size: number): [BigUint64Array, Float64Array] {
  const bytes = size * 8;
  if (bytes > SLAB_BYTES) {
    const own = new ArrayBuffer(bytes);
    return [new BigUint64Array(own), new Float64Array(own)];
  }
  if (!slab || slabUsed + bytes > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabUsed = 0;
  }
  return [new BigUint64Array(slab, slabUsed, size), new Float64Array(slab, slabUsed, size)];
}

/**
 * MemStats fields held in 8-byte slots (an integer or a float each) under a shared list of names: ~300 bytes instead of a
 * Map and a bigint per field (~1.6 KB), for the thousands of scrapes of a series whose analyses
 * are kept to the end. Reads give what the Map gave (a bigint is made on each read).
 */
export class CompactFields implements ReadonlyMap<string, MemStatValue> {
  private constructor(
    private readonly shape: FieldShape,
    private readonly integers: BigUint64Array,
    private readonly floats: Float64Array,
  ) {}

  /** `fields` compacted, or undefined when one is not an integer of 0 to 2^64 − 1 or a float (a ring, a flag). */
  static of(fields: ReadonlyMap<string, MemStatValue>): CompactFields | undefined {
    const [integers, floats] = slots(fields.size);
    // The shape of the previous block, when this one has it (a series' scrapes do): no key to make.
    let same = lastShape !== undefined && lastShape.names.length === fields.size;
    let i = 0;
    for (const [name, v] of fields) {
      if (typeof v === 'bigint') {
        if (v < 0n || v >= UINT64_LIMIT) return undefined;
        integers[i] = v;
      } else if (typeof v === 'number') {
        floats[i] = v;
      } else {
        return undefined;
      }
      same &&= lastShape?.names[i] === name && lastShape.integer[i] === (typeof v === 'bigint');
      i++;
    }
    // Only a block made takes its slots of the slab (one given up part way leaves them to the next).
    slabUsed += integers.buffer === slab ? fields.size * 8 : 0;
    if (same && lastShape) return new CompactFields(lastShape, integers, floats);
    let key = '';
    for (const [name, v] of fields) key += typeof v === 'bigint' ? `${name},` : `${name}.,`;
    let shape = SHAPES.get(key);
    if (!shape) {
      const names = [...fields.keys()];
      shape = { names, index: new Map(names.map((n, j) => [n, j])), integer: [...fields.values()].map((v) => typeof v === 'bigint') };
      if (SHAPES.size < MAX_SHAPES) SHAPES.set(key, shape);
    }
    lastShape = shape;
    return new CompactFields(shape, integers, floats);
  }

  get size(): number {
    return this.shape.names.length;
  }

  get(name: string): MemStatValue | undefined {
    const i = this.shape.index.get(name);
    return i === undefined ? undefined : this.at(i);
  }

  has(name: string): boolean {
    return this.shape.index.has(name);
  }

  /** The fields' names, in order (shared by every block of the same fields: a cache may key on it). */
  get names(): readonly string[] {
    return this.shape.names;
  }

  /** Field `i` (of `names`): an integer as a bigint (made on each read), or a float. */
  at(i: number): bigint | number {
    return this.shape.integer[i] ? (this.integers[i] as bigint) : (this.floats[i] as number);
  }

  entries(): MapIterator<[string, MemStatValue]> {
    // An array's iterator: Object.fromEntries (the JSON report) reads it much faster than a generator.
    return this.shape.names.map((name, i): [string, MemStatValue] => [name, this.at(i)]).values();
  }

  *keys(): MapIterator<string> {
    yield* this.shape.names;
  }

  *values(): MapIterator<MemStatValue> {
    for (let i = 0; i < this.shape.names.length; i++) yield this.at(i);
  }

  [Symbol.iterator](): MapIterator<[string, MemStatValue]> {
    return this.entries();
  }

  forEach(callback: (value: MemStatValue, key: string, map: ReadonlyMap<string, MemStatValue>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }
}

/**
 * `as of the last GC (cycle 5, 20.00 s before the capture)`: what a figure the runtime sets at a GC
 * (GCCPUFraction, the heap the GC marked) is true of. How long before only when the input says when
 * it was captured (a scrape's timestamps, a binary profile's time; a heap dump and /debug/vars do not).
 */
export function asOfTheLastGc(stats: MemStats | undefined, capturedAtMs: number | undefined): string {
  const parts: string[] = [];
  const numGC = stats?.int('NumGC');
  if (numGC !== undefined) parts.push(`cycle ${formatCount(numGC)}`);
  const lastGcNs = stats?.exact('LastGC');
  if (lastGcNs !== undefined && lastGcNs > 0n && capturedAtMs !== undefined) {
    const beforeNs = BigInt(Math.round(capturedAtMs)) * 1_000_000n - lastGcNs;
    if (beforeNs >= 0n) parts.push(`${formatDuration(Number(beforeNs))} before the capture`);
  }
  return `as of the last GC${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}
