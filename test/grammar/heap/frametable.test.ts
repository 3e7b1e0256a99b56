/**
 * The frame table's pages (grammar/heap/frametable.ts): rows in pages of 4,096, stack frames in
 * pages of 16,384. Frames read across page boundaries, a line number past 32 bits and a frame
 * line that does not start in column 1 (the rare values kept beside the pages) read back exactly.
 */
import { describe, expect, it } from 'vitest';
import { parseHeapDump, releaseHeapDumps } from '../../../src/grammar/heap/index.js';

/** A dump of `records` records of `depth` distinct frames each: frame j of record i is PC 0x10000 + i·depth + j, at line i·depth + j of f<i>.go. */
function distinctFrames(records: number, depth: number): string {
  const lines = [`heap profile: ${records}: ${records * 16} [${records}: ${records * 16}] @ heap/1`];
  for (let i = 0; i < records; i++) {
    const pcs = Array.from({ length: depth }, (_, j) => `0x${(0x10000 + i * depth + j).toString(16)}`);
    lines.push(`1: 16 [1: 16] @ ${pcs.join(' ')}`);
    for (let j = 0; j < depth; j++) lines.push(`#\t${pcs[j] as string}\tmain.f${i}_${j}+0x${(j + 1).toString(16)}\t/src/f${i}.go:${i * depth + j}`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

describe('the frame table', () => {
  it('reads 5,000 records of 4 distinct frames (20,000 rows over 5 pages, stack ids over 2 pages) back exactly', () => {
    const { dump, diagnostics } = parseHeapDump(distinctFrames(5000, 4), 'paged');
    expect(diagnostics).toEqual([]);
    expect(dump.stacks).toHaveLength(5000);
    for (const i of [0, 1023, 1024, 4095, 4096, 4097, 4999]) {
      const stack = dump.stacks[i];
      expect(stack?.depth).toBe(4);
      const record = 2 + i * 6;
      expect(stack?.frames.map((f) => [f.address, f.function, f.offset, f.file, f.line, f.position.line, f.position.column])).toEqual(
        [0, 1, 2, 3].map((j) => [`0x${(0x10000 + i * 4 + j).toString(16)}`, `main.f${i}_${j}`, `0x${j + 1}`, `/src/f${i}.go`, i * 4 + j, record + 1 + j, 1]),
      );
      expect([stack?.functionAt(3), stack?.fileAt(3), stack?.lineAt(3)]).toEqual([`main.f${i}_3`, `/src/f${i}.go`, i * 4 + 3]);
    }
  });

  it('keeps a line number past 32 bits, an indented frame line\'s column and odd hex forms', () => {
    const text = [
      'heap profile: 2: 32 [2: 32] @ heap/1',
      '1: 16 [1: 16] @ 0x47553b 0x696fd8 0x4a0000',
      '#\t0x47553a\tmain.f+0x3a\t\t/src/main.go:99999999999',
      '  #\t0x696fd7\tmain.main+0x17\t/src/main.go:20',
      '#\t0x004A0000\tmain.g+0x01\t/src/g.go:3000000000',
      '',
      '1: 16 [1: 16] @ 0x47553c',
      '#\t0x47553b\tmain.f+0x3b\t\t/src/main.go:99999999999',
      '',
    ].join('\n');
    const { dump } = parseHeapDump(text, 'odd');
    expect(dump.stacks.map((s) => s.frames.map((f) => [f.address, f.function, f.offset, f.file, f.line, f.position]))).toEqual([
      [
        ['0x47553a', 'main.f', '0x3a', '/src/main.go', 99999999999, { line: 3, column: 1 }],
        ['0x696fd7', 'main.main', '0x17', '/src/main.go', 20, { line: 4, column: 3 }],
        ['0x004A0000', 'main.g', '0x01', '/src/g.go', 3000000000, { line: 5, column: 1 }],
      ],
      // The same text after its address as the first frame above: the row's fields are shared, the odd line number too.
      [['0x47553b', 'main.f', '0x3b', '/src/main.go', 99999999999, { line: 8, column: 1 }]],
    ]);
  });

  it('once released, reads no rows; the next dump on the thread reuses its pages and reads the same', () => {
    const text = distinctFrames(3000, 3);
    const first = parseHeapDump(text, 'a').dump;
    const frames = first.stacks.map((s) => s.frames);
    releaseHeapDumps([first]);
    expect([first.stacks[2999]?.functionAt(0), first.stacks[2999]?.rows?.fileOf(8999), first.stacks[2999]?.rows?.lineOf(8999)]).toEqual([undefined, undefined, undefined]);
    const again = parseHeapDump(text, 'b').dump;
    expect(again.stacks.map((s) => s.frames)).toEqual(frames);
  });
});
