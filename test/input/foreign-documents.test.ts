/**
 * A /metrics page after a heap dump in one input (`cat heap.1.txt metrics.1.txt | heapdoc`) is
 * refused in one line at its first line, wherever the stream's chunks are cut: inside the
 * `# HELP` line, just before it, or just after its line end (input/foreign.ts, documents.ts); and
 * a dump after a /metrics page or /debug/vars (the reverse order) at the dump's first line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDocuments } from '../../src/input/documents.js';
import { formatOf } from '../../src/input/registry.js';

const LEAK = 'test/fixtures/corpus/go1.19/exposition/leak';
const heap = readFileSync(`${LEAK}/heap.1.txt`, 'utf8');
const stream = heap + readFileSync(`${LEAK}/metrics.1.txt`, 'utf8');

async function* cutAt(text: string, cuts: number[]): AsyncGenerator<string> {
  let from = 0;
  for (const to of [...cuts, text.length]) {
    yield text.slice(from, to);
    from = to;
  }
}

async function problem(cuts: number[]): Promise<string> {
  try {
    await readDocuments(cutAt(stream, cuts), '-', 'heap');
    return 'read';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('a /metrics page in a stream of heap dumps, the chunks cut anywhere near its start', () => {
  it('is said at line 74 (heap.1.txt has 73 lines), one cut from 40 before its start to 40 into it, or two around it', async () => {
    const start = heap.length;
    const said = '-:74: a /metrics page follows the dumps here, and heapdoc cuts an input only into heap and goroutine dumps';
    for (let cut = start - 40; cut <= start + 40; cut++) expect(await problem([cut])).toBe(said);
    expect(await problem([start - 3, start + 5])).toBe(said);
    expect(await problem([start + 1, start + 2])).toBe(said);
  });

  it('a heap dump alone is read, however cut', async () => {
    const contents = await readDocuments(cutAt(heap, [heap.length - 30, heap.length - 2]), '-', 'heap');
    expect(contents.heap?.header?.position.line).toBe(1);
    expect(contents.diagnostics).toEqual([]);
  });
});

describe('a dump after a /metrics page or /debug/vars, the chunks cut anywhere near its start', () => {
  const dump = heap;
  async function refusal(kind: 'prometheus' | 'expvar', text: string, cuts: number[]): Promise<string> {
    try {
      await formatOf(kind)?.read?.(cutAt(text, cuts), '-');
      return 'read';
    } catch (error) {
      return (error as Error).message;
    }
  }

  it.each([
    ['prometheus', 'metrics.1.txt', 117, 'the /metrics page', 'a /metrics page alone'],
    ['expvar', 'vars.1.json', 5, 'the /debug/vars document', 'a /debug/vars document alone'],
  ] as const)('%s (%s) then heap.1.txt: said at line %i, one cut from 40 before the dump to 40 into it, or two around it', async (kind, file, line, what, reads) => {
    const first = readFileSync(`${LEAK}/${file}`, 'utf8');
    const text = first + dump;
    const said = `-:${line}: a heap dump follows ${what} here, and heapdoc reads ${reads}`;
    for (let cut = first.length - 40; cut <= first.length + 40; cut++) expect(await refusal(kind, text, [cut])).toBe(said);
    expect(await refusal(kind, text, [first.length - 3, first.length + 5])).toBe(said);
    expect(await refusal(kind, first, [first.length - 10])).toBe('read');
  });
});

describe('curl -i output (captured/go1.19-curl-i) after a heap dump, the chunks cut anywhere near its status line', () => {
  const curl = readFileSync('test/fixtures/captured/go1.19-curl-i/heap-curl-i.txt', 'utf8');
  async function said(text: string, cuts: number[]): Promise<string> {
    try {
      await readDocuments(cutAt(text, cuts), '-', 'heap');
      return 'read';
    } catch (error) {
      return (error as Error).message;
    }
  }

  it('is said at line 74 (heap.1.txt has 73 lines), one cut from 40 before its start to 40 into it, or two around it', async () => {
    const text = heap + curl;
    const start = heap.length;
    const line = '-:74: HTTP response headers above the dump (the line is "HTTP/1.1 200 OK": curl -i output)';
    for (let cut = start - 40; cut <= start + 40; cut++) expect(await said(text, [cut])).toBe(line);
    expect(await said(text, [start - 3, start + 5])).toBe(line);
    expect(await said(text, [start + 1, start + 2])).toBe(line);
  });
});
