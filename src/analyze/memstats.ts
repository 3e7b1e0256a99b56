/** Typed reads of a MemStats block's fields, so analysis code never handles bigint/number unions. */
import type { MemStatValue } from '../grammar/heap/index.js';

export class MemStats {
  constructor(readonly fields: ReadonlyMap<string, MemStatValue>) {}

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
