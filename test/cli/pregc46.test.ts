/**
 * A plain dump taken before any GC (go1.19-audit46-pregc: 0.15 s after start, NumGC 0, an empty GC
 * log): nothing was marked yet, so HeapAlloc is all the process allocated, not a live heap (audit 46 #8).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportLines } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';

const DUMP = join(ROOT, 'test/fixtures/captured/go1.19-audit46-pregc/heap-t00-plain.txt');

describe('a heap dump before any GC', () => {
  it('says HeapAlloc is everything allocated since the start, in the headline and the table', async () => {
    const lines = await reportLines([DUMP, '--no-color']);
    expect(lines.slice(0, 2)).toEqual([
      'No GC has run yet (NumGC 0): HeapAlloc 3.3 MiB, 23.8% of the 13.8 MiB Go holds (17.7 MiB mapped), is everything allocated since the process started, live or not.',
      'Of the rest, 9.7 MiB of the 13.8 MiB Go holds (17.7 MiB mapped) is runtime metadata, which every Go process has and which is no sign of a past peak.',
    ]);
    expect(lines).toContain('  HeapAlloc         3.3 MiB   18.6%  ████');
    expect(lines.some((l) => /No GC was forced|live 3\.3 MiB/.test(l))).toBe(false);
  });
});
