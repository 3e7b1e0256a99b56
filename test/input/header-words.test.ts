/**
 * headerWordAt (input/contents.ts) finds the line starts that may start a document, a chunk at a
 * time, searched from each found one on as the splitter does (documents.ts nextHeader, foreign.ts
 * dumpIn): on a real stream of a heap dump, a go1.26 debug=2 goroutine dump (whose `created by …
 * in goroutine N` lines hold the word inside a line) and the heap dump again, it finds exactly the
 * lines that begin with `heap profile:` or `goroutine`, wherever the chunks are cut.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { headerWordAt } from '../../src/input/contents.js';

const LEAK = 'test/fixtures/corpus/go1.26-devel/leak';
const heap = readFileSync(`${LEAK}/snap3.heap-debug1.txt`, 'utf8');
const goroutines = readFileSync(`${LEAK}/snap3.goroutine-debug2.txt`, 'utf8');
const stream = heap + goroutines + heap;

/** The stream's offsets of the lines that begin with a header word, read line by line. */
function headerLines(text: string): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('heap profile:') || line.startsWith('goroutine')) starts.push(at);
    at += line.length + 1;
  }
  return starts;
}

/** Those whose word is whole inside its chunk of `size` (a word cut by a chunk's end is the callers' to join: LineCuts, the splitter's held line). */
function wholeIn(size: number, starts: number[]): number[] {
  return starts.filter((at) => at + (stream.startsWith('heap', at) ? 'heap profile:' : 'goroutine').length <= (Math.floor(at / size) + 1) * size);
}

/** What headerWordAt finds in the stream cut into chunks of `size`, as stream offsets. */
function found(size: number): number[] {
  const starts: number[] = [];
  for (let from = 0; from < stream.length; from += size) {
    const chunk = stream.slice(from, from + size);
    const atLineStart = from === 0 || stream[from - 1] === '\n';
    for (let at = headerWordAt(chunk, 0, atLineStart); at >= 0; at = headerWordAt(chunk, at + 1, false)) starts.push(from + at);
  }
  return starts;
}

describe('headerWordAt over a real stream of a heap dump, a debug=2 dump and the heap dump again', () => {
  const expected = headerLines(stream);

  it('has 470 header lines (2 heap headers, 468 goroutine headers) and 467 more "goroutine" words inside lines', () => {
    expect(expected).toHaveLength(470);
    expect(expected.filter((at) => stream.startsWith('heap profile:', at))).toEqual([0, heap.length + goroutines.length]);
    expect(stream.split('goroutine').length - 1).toBe(935);
  });

  it('finds each of them whose word the chunk holds whole, and nothing else, in 64 KiB chunks, 4 KiB chunks, 1,000-character chunks and whole', () => {
    expect(found(stream.length)).toEqual(expected);
    expect(found(1 << 16)).toEqual(expected);
    // Cut inside a header's word: 81,917 (4 KiB chunks: `gor|outine` at 81,920), and 3 in 1,000-character chunks.
    expect(wholeIn(1 << 12, expected)).toHaveLength(469);
    expect(found(1 << 12)).toEqual(wholeIn(1 << 12, expected));
    expect(wholeIn(1000, expected)).toHaveLength(467);
    expect(found(1000)).toEqual(wholeIn(1000, expected));
  });

  it('counts the chunk\'s first character as a line start only when told so', () => {
    // The stream's second dump starts at a line start: a chunk cut there finds it at 0 when it starts a line.
    const chunk = stream.slice(heap.length);
    expect(headerWordAt(chunk, 0, true)).toBe(0);
    expect(headerWordAt(chunk, 0, false)).toBe(chunk.indexOf('\ngoroutine ') + 1);
  });
});
