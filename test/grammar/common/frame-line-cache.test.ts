/**
 * FrameLineCache: values by the exact text of a frame line, keyed by its PC, behind a PC bit
 * filter that starts small and grows as frames are cached.
 */
import { describe, expect, it } from 'vitest';
import { FrameLineCache } from '../../../src/grammar/common/frames.js';

const line = (pc: number, fn = `main.f${pc}`): string => `#\t0x${pc.toString(16)}\t${fn}+0x1c\t/src/app/main.go:${pc % 1000}`;

describe('FrameLineCache', () => {
  it('finds each of 20,000 cached lines after the filter grew, and no line it never cached', () => {
    const cache = new FrameLineCache<number>();
    const pcs = Array.from({ length: 20_000 }, (_, i) => 0x4a0000 + i * 0x35);
    pcs.forEach((pc, i) => cache.set(line(pc), i));
    expect(pcs.map((pc) => cache.get(line(pc)))).toEqual(pcs.map((_, i) => i));
    // Same PC, other text (an inlined frame shares its PC): not the cached line.
    expect(cache.get(line(pcs[7] as number, 'main.inlined'))).toBeUndefined();
    expect(cache.get(line(0x4a0001))).toBeUndefined();
  });

  it('a line inside a longer text is looked up by its range', () => {
    const cache = new FrameLineCache<string>();
    cache.set(line(0x401000), 'first');
    const text = `prefix\n${line(0x401000)}\nrest`;
    expect(cache.get(text, 7, 7 + line(0x401000).length)).toBe('first');
    expect(cache.get(text, 7, 6 + line(0x401000).length)).toBeUndefined();
  });
});
