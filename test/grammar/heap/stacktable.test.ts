/**
 * The stack table's pages (grammar/heap/stacktable.ts): stacks and buckets in pages of 4,096 rows,
 * the first page grown from 16 rows. Stacks and buckets on both sides of the page boundaries read
 * back exactly: their counts, sizes, records, first positions and depths, a record that repeats a
 * stack and size added to its bucket, and a stack of many sizes (found through its map).
 */
import { describe, expect, it } from 'vitest';
import { parseHeapDump } from '../../../src/grammar/heap/index.js';
import type { BucketCounts } from '../../../src/grammar/heap/model.js';

/**
 * `stacks` distinct stacks of 2 frames (stack i: PCs 0x20000 + 2i, + 1), each with one record of
 * i + 1 objects of 16 bytes; then every stack i with i % 1000 = 7 again, with 2 objects (the same
 * size: its bucket grows), and stack 4100 with 12 more sizes (its sizes then found through a map).
 */
function dump(stacks: number): { text: string; line: (i: number) => number } {
  const lines = ['(the header, with the records\' sums)'];
  const firstLine: number[] = [];
  let objectsInAll = 0;
  let bytesInAll = 0;
  const record = (i: number, objects: number, size: number): void => {
    objectsInAll += objects;
    bytesInAll += objects * size;
    const pcs = [0x20000 + 2 * i, 0x20001 + 2 * i].map((pc) => `0x${pc.toString(16)}`);
    lines.push(`${objects}: ${objects * size} [${objects}: ${objects * size}] @ ${pcs.join(' ')}`);
    firstLine[i] ??= lines.length;
    for (const pc of pcs) lines.push(`#\t${pc}\tmain.s${i}+0x1\t/src/s.go:${i + 1}`);
    lines.push('');
  };
  for (let i = 0; i < stacks; i++) record(i, i + 1, 16);
  for (let i = 7; i < stacks; i += 1000) record(i, 2, 16);
  for (let k = 1; k <= 12; k++) record(4100, k, 16 + 16 * k);
  lines[0] = `heap profile: ${objectsInAll}: ${bytesInAll} [${objectsInAll}: ${bytesInAll}] @ heap/1`;
  return { text: `${lines.join('\n')}\n`, line: (i) => firstLine[i] as number };
}

describe('the stack table', () => {
  it('reads 9,000 stacks and 9,012 buckets (three pages each) back exactly', () => {
    const { text, line } = dump(9000);
    const { dump: heap, diagnostics } = parseHeapDump(text, 'paged');
    expect(diagnostics).toEqual([]);
    expect(heap.stacks).toHaveLength(9000);
    const counts: BucketCounts = { inuseObjects: 0, inuseBytes: 0, allocObjects: 0, allocBytes: 0 };
    for (const i of [0, 15, 16, 1023, 1024, 4095, 4096, 4097, 8191, 8192, 8999]) {
      const stack = heap.stacks[i];
      expect(stack?.depth, `stack ${i}`).toBe(2);
      expect(stack?.functionAt(1)).toBe(`main.s${i}`);
      expect(stack?.position).toEqual({ line: line(i), column: 1 });
      expect(stack?.bucketCount).toBe(1);
      const repeated = i % 1000 === 7 ? 2 : 0;
      expect(stack?.countsAt(0, counts)).toEqual({ inuseObjects: i + 1 + repeated, inuseBytes: 16 * (i + 1 + repeated), allocObjects: i + 1 + repeated, allocBytes: 16 * (i + 1 + repeated) });
      expect(stack?.buckets.map((b) => [b.objectSize, b.records, b.inuseObjects, b.position])).toEqual([[16, repeated ? 2 : 1, i + 1 + repeated, { line: line(i), column: 1 }]]);
    }
    // A record that repeats stack 8007 and its size is added to its bucket (page 1), not made a bucket of its own.
    expect(heap.stacks[8007]?.buckets[0]?.records).toBe(2);
    const many = heap.stacks[4100];
    expect(many?.bucketCount).toBe(13);
    expect(many?.buckets.map((b) => [b.objectSize, b.inuseObjects])).toEqual([[16, 4101], ...Array.from({ length: 12 }, (_, k) => [32 + 16 * k, k + 1])]);
    expect(many?.countsAt(12, counts)).toEqual({ inuseObjects: 12, inuseBytes: 12 * 208, allocObjects: 12, allocBytes: 12 * 208 });
    expect(many?.countsAt(13, counts)).toEqual({ inuseObjects: 0, inuseBytes: 0, allocObjects: 0, allocBytes: 0 });
  });
});
