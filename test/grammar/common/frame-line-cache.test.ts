/**
 * FrameLineCache: values by the exact text of a frame line, keyed by its PC, behind a PC bit
 * filter that starts small and grows as frames are cached; closed to new lines while caching does
 * not pay (judged every 4,096 new lines: found at least a quarter as many), open again for a
 * trial every 32 judgements or when the lines it holds are found that often; and, closed with its
 * lines hardly found (fewer than 64 in a judgement's 4,096), quiet: it looks up one line in 8.
 */
import { describe, expect, it } from 'vitest';
import { FrameLineCache } from '../../../src/grammar/common/frames.js';

const line = (pc: number, fn = `main.f${pc}`): string => `#\t0x${pc.toString(16)}\t${fn}+0x1c\t/src/app/main.go:${pc % 1000}`;

/** What the cache holds for `text`: asked up to 8 times, so that a quiet cache looks it up once. */
function held<V>(cache: FrameLineCache<V>, text: string): V | undefined {
  for (let i = 0; i < 8; i++) {
    const value = cache.get(text);
    if (value !== undefined) return value;
  }
  return undefined;
}

describe('FrameLineCache', () => {
  it('finds each of 20,000 cached lines after the filter grew, and no line it never cached', () => {
    const cache = new FrameLineCache<number>();
    const pcs = Array.from({ length: 20_000 }, (_, i) => 0x4a0000 + i * 0x35);
    // As a reader uses it: each line looked up first, and the line before found again (stacks share frames).
    pcs.forEach((pc, i) => {
      expect(cache.get(line(pc))).toBeUndefined();
      cache.set(line(pc), i);
      if (i > 0) expect(cache.get(line(pcs[i - 1] as number))).toBe(i - 1);
    });
    expect(cache.size).toBe(20_000);
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

  it('closes to new lines after 4,096 new lines none of which was found again, and keeps what it holds', () => {
    const cache = new FrameLineCache<number>();
    const offer = (i: number): void => {
      if (cache.get(line(0x4a0000 + i * 0x35)) === undefined) cache.set(line(0x4a0000 + i * 0x35), i);
    };
    for (let i = 0; i < 5_000; i++) offer(i);
    // The 4,096th new line is the first judged: the 4,095 before it stay, no line after.
    expect(cache.size).toBe(4_095);
    expect(held(cache, line(0x4a0000 + 4_094 * 0x35))).toBe(4_094);
    expect(held(cache, line(0x4a0000 + 4_095 * 0x35))).toBeUndefined();
    expect(held(cache, line(0x4a0000 + 4_999 * 0x35))).toBeUndefined();
  });

  it('closed with nothing found, it is quiet: one look-up in 8 is made, the others answer "not cached"', () => {
    const cache = new FrameLineCache<number>();
    for (let i = 0; i < 4_095; i++) cache.set(line(0x4a0000 + i * 0x35), i);
    // Open: every look-up finds a held line.
    expect(Array.from({ length: 8 }, () => cache.get(line(0x4a0000 + 7 * 0x35)))).toEqual(Array<number>(8).fill(7));
    cache.set(line(0x4a0000 + 4_095 * 0x35), 4_095); // the 4,096th new line: judged, nothing found, closed and quiet
    const answers = Array.from({ length: 16 }, () => cache.get(line(0x4a0000 + 7 * 0x35)));
    expect(answers).toEqual([...Array<undefined>(7).fill(undefined), 7, ...Array<undefined>(7).fill(undefined), 7]);
  });

  it('opens again for one trial of 4,096 new lines every 32 judgements while closed', () => {
    const cache = new FrameLineCache<number>();
    const offer = (i: number): void => {
      if (cache.get(line(0x4a0000 + i * 0x35)) === undefined) cache.set(line(0x4a0000 + i * 0x35), i);
    };
    // Judgement 1 closes it; judgements 2–32 keep it closed; the 33rd (at the 135,168th new line) opens it.
    for (let i = 0; i < 33 * 4_096 - 1; i++) offer(i);
    expect(cache.size).toBe(4_095);
    for (let i = 33 * 4_096 - 1; i < 35 * 4_096; i++) offer(i);
    // Lines 135,167 to 139,262 admitted (the trial's 4,096); the 34th judgement, nothing found, closes it.
    expect(cache.size).toBe(4_095 + 4_096);
    expect(held(cache, line(0x4a0000 + (33 * 4_096 - 1) * 0x35))).toBe(33 * 4_096 - 1);
    expect(held(cache, line(0x4a0000 + (34 * 4_096 - 2) * 0x35))).toBe(34 * 4_096 - 2);
    expect(held(cache, line(0x4a0000 + (34 * 4_096 - 1) * 0x35))).toBeUndefined();
  });

  it('opens again when the lines it holds are found a quarter as often as new lines come', () => {
    const cache = new FrameLineCache<number>();
    const offer = (i: number): void => {
      if (cache.get(line(0x4a0000 + i * 0x35)) === undefined) cache.set(line(0x4a0000 + i * 0x35), i);
    };
    for (let i = 0; i < 4_096; i++) offer(i); // closed at the 4,096th
    expect(cache.size).toBe(4_095);
    // The next 4,096 new lines, each followed by one cached line asked again (the dump's frames now
    // repeat). Quiet, the cache makes every 8th look-up, here always one of a held line (two
    // look-ups a new line): it finds 1,023, which stand for 8,184 (at least 1,024 opens it).
    let found = 0;
    for (let i = 4_096; i < 2 * 4_096 - 1; i++) {
      offer(i);
      const value = cache.get(line(0x4a0000 + (i % 4_095) * 0x35));
      if (value !== undefined) {
        expect(value).toBe(i % 4_095);
        found++;
      }
    }
    expect(found).toBe(1_023);
    expect(cache.size).toBe(4_095); // still closed
    // The 8,192nd new line is judged: enough found in the window, so it opens, and that line is cached, and the next ones.
    for (let i = 2 * 4_096 - 1; i < 2 * 4_096 + 10; i++) offer(i);
    expect(cache.size).toBe(4_095 + 11);
    expect(cache.get(line(0x4a0000 + (2 * 4_096 - 1) * 0x35))).toBe(2 * 4_096 - 1);
  });

  it('a closed cache whose lines are still found now and then is not quiet: each line is looked up', () => {
    const cache = new FrameLineCache<number>();
    const offer = (i: number): void => {
      if (cache.get(line(0x4a0000 + i * 0x35)) === undefined) cache.set(line(0x4a0000 + i * 0x35), i);
    };
    // Each new line followed, one time in 32, by a held line found again: 127 found in the first
    // window, under the quarter that keeps it open, over the 64 that make it quiet.
    for (let i = 0; i < 4_096; i++) {
      offer(i);
      if (i % 32 === 31) expect(cache.get(line(0x4a0000 + 5 * 0x35))).toBe(5);
    }
    expect(cache.size).toBe(4_095); // closed
    expect(Array.from({ length: 8 }, () => cache.get(line(0x4a0000 + 9 * 0x35)))).toEqual(Array<number>(8).fill(9));
  });
});
