/**
 * Issue #10 item 1: a line with no end used to be quadratic (20 MB: 14 s and 394 MB; a 100 KB
 * goroutine?debug=2 line: 9.5 s). Lines are capped at 1 MiB (MAX_LINE_CHARS): a longer one is one
 * error at line:1048577 and is skipped to its newline in constant memory, for every grammar and
 * every reader. The time bounds below are generous on purpose: linear work finishes in well under
 * a second, the quadratic behaviour they guard against took minutes to hours.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LineChunker, MAX_LINE_CHARS, type ChunkerItem } from '../../src/grammar/common/chunks.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { parseTraceback } from '../../src/grammar/traceback/index.js';
import { parseGoroutineProfile } from '../../src/grammar/goroutine/index.js';
import { parseGcflags } from '../../src/grammar/gcflags/index.js';
import type { Diagnostic } from '../../src/grammar/common/diagnostic.js';
import { runCli } from '../helpers/cli.js';

/** Lines (with their numbers) and overlong lines as the chunker reports them, pushing `pieces`. */
function lines(pieces: readonly string[], chunkChars: number, maxLine = MAX_LINE_CHARS): string[] {
  const chunker = new LineChunker(chunkChars, maxLine);
  const out: string[] = [];
  const take = (items: ChunkerItem[]): void => {
    for (const item of items) {
      if ('overlong' in item) out.push(`${item.line}: <overlong ${item.head}>`);
      else item.text.slice(0, -1).split('\n').forEach((l, i) => out.push(`${item.firstLine + i}: ${l}`));
    }
  };
  for (const piece of pieces) take(chunker.push(piece));
  const last = chunker.end();
  if (last) take([last]);
  return out;
}

/** Deterministic pseudo-random numbers (a linear congruential generator). */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('LineChunker', () => {
  it('gives every line, numbered, however the text is cut into pieces and chunks', () => {
    const next = random(7);
    const text = Array.from({ length: 400 }, (_, i) => 'abcdefgh'.repeat(Math.floor(next() * 12)) + (i % 5 === 0 ? '\r' : '')).join('\n') + 'end';
    const expected = text.split('\n').map((l, i) => `${i + 1}: ${l}`);
    for (const chunkChars of [1, 7, 64, 1000, 1 << 16]) {
      for (const pieceSize of [1, 3, 50, 999, text.length]) {
        const pieces: string[] = [];
        for (let i = 0; i < text.length; i += pieceSize) pieces.push(text.slice(i, i + pieceSize));
        expect(lines(pieces, chunkChars)).toEqual(expected);
      }
    }
  });

  it('reads a line of exactly the limit and skips one character longer, in any pieces', () => {
    const ok = 'a'.repeat(20);
    const long = 'b'.repeat(21);
    const text = `first\n${ok}\n${long}\r\n${ok}\r\nlast`;
    const expected = ['1: first', `2: ${ok}`, `3: <overlong ${long}>`, `4: ${ok}\r`, '5: last'];
    for (const pieceSize of [1, 4, 25, text.length]) {
      const pieces: string[] = [];
      for (let i = 0; i < text.length; i += pieceSize) pieces.push(text.slice(i, i + pieceSize));
      for (const chunkChars of [8, 64]) expect(lines(pieces, chunkChars, 20)).toEqual(expected);
    }
  });

  it('reports a line with no end as soon as it passes the limit, and keeps none of it', () => {
    const chunker = new LineChunker(1 << 16);
    const piece = 'x'.repeat(1 << 19);
    const seen: ChunkerItem[][] = [chunker.push('heap profile: 1: 2 [3: 4] @ heap/2\n')];
    for (let i = 0; i < 16; i++) seen.push(chunker.push(piece)); // 8 MiB, no newline
    expect(seen[0]?.length).toBe(1);
    // Half a MiB twice is the limit; the third piece passes it: reported then, not at the end.
    expect(seen.map((items) => items.length)).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(seen[3]?.[0]).toEqual({ overlong: true, line: 2, head: 'x'.repeat(80) });
    expect(chunker.push('yyy\nnext\n')).toEqual([{ text: 'next\n', firstLine: 3 }]);
    expect(chunker.end()).toBeUndefined();
  });
});

const LONG = 3 * MAX_LINE_CHARS;
const overlong = (d: Diagnostic): boolean => d.line === 2 && d.column === MAX_LINE_CHARS + 1 && d.severity === 'error';

describe('every grammar skips a line longer than 1 MiB with one error at line:column', () => {
  const cases: { name: string; first: string; after: string; parse: (text: string) => Diagnostic[] }[] = [
    { name: 'heap?debug=1', first: 'heap profile: 1: 2 [3: 4] @ heap/2', after: '1: 2 [3: 4] @ 0x1',
      parse: (t) => parseHeapDump(t).diagnostics },
    { name: 'goroutine?debug=2', first: 'goroutine 1 [running]:', after: 'main.main()',
      parse: (t) => parseTraceback(t).diagnostics },
    { name: 'goroutine?debug=1', first: 'goroutine profile: total 1', after: '1 @ 0x1',
      parse: (t) => parseGoroutineProfile(t).diagnostics },
    { name: 'gcflags -m', first: '# example.com/m', after: './m.go:3:6: can inline f',
      parse: (t) => parseGcflags(t, '<input>', { keep: true }).diagnostics },
  ];
  for (const { name, first, after, parse } of cases) {
    it(`${name}: a line with no end, and one with an end followed by more lines`, () => {
      const started = performance.now();
      const noEnd = parse(`${first}\n${'x'.repeat(LONG)}`);
      expect(noEnd.filter(overlong)).toHaveLength(1);
      expect(noEnd.find(overlong)?.message).toMatch(/longer than 1,048,576 characters \(1 MiB\)/);
      const withEnd = parse(`${first}\n${'x'.repeat(LONG)}\n${after}\n`);
      expect(withEnd.filter(overlong)).toHaveLength(1);
      expect(withEnd.filter((d) => d.line === 3)).toEqual([]); // the line after it is read as usual
      expect(performance.now() - started).toBeLessThan(20_000);
    });

    it(`${name}: a line just under the limit that no token matches is lexed in linear time`, () => {
      const started = performance.now();
      const diagnostics = parse(`${first}\n${'x'.repeat(MAX_LINE_CHARS)}\n${after}\n`);
      expect(diagnostics.filter((d) => d.line === 2)).toHaveLength(1);
      expect(diagnostics.filter((d) => d.line === 2)[0]?.column).toBeLessThanOrEqual(MAX_LINE_CHARS);
      expect(performance.now() - started).toBeLessThan(20_000);
    });
  }
});

describe('every reader: a 5 MB line with no end is one error, exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'heapdoc-long-'));
  const text = `heap profile: 1: 2 [3: 4] @ heap/2\n${'x'.repeat(5_000_000)}`;
  const file = join(dir, 'long.txt');
  const gz = join(dir, 'long.txt.gz');
  writeFileSync(file, text);
  writeFileSync(gz, gzipSync(text));
  let server: Server;
  let url = '';
  beforeAll(async () => {
    server = createServer((_req, res) => res.end(text));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/debug/pprof/heap?debug=1`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const expectOneError = (result: { code: number | null; stderr: string }, source: string): void => {
    expect(result.code).toBe(2);
    const errors = result.stderr.split('\n').filter((l) => l.includes(': error: '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`${source}:2:1048577: error: this line is longer than 1,048,576 characters (1 MiB)`);
  };
  it('a file', async () => expectOneError(await runCli([file]), file));
  it('a gzip-compressed file', async () => expectOneError(await runCli([gz]), gz));
  it('standard input', async () => expectOneError(await runCli(['-'], { input: text }), '-'));
  it('a URL', async () => expectOneError(await runCli([url]), url));
});
