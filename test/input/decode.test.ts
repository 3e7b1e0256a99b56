/**
 * A large file is read in pieces (its 64 KiB head, then 1 MiB at a time); ASCII pieces are decoded
 * as Latin-1, others by the streaming UTF-8 decoder. The text must be the file's UTF-8 text
 * exactly, wherever a multi-byte character falls: inside a piece, or cut by a piece's end.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInput } from '../../src/input/pipeline.js';
import { DETECTION_BYTES } from '../../src/input/detect.js';

const dir = mkdtempSync(join(tmpdir(), 'heapdoc-decode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PIECE = 1 << 20;

/** ASCII lines that take a text of `bytes` bytes to `at` bytes exactly. */
function padTo(bytes: number, at: number): string {
  const line = '#\t0x1\tmain.pad+0x1\t/x.go:1\n';
  let out = '';
  for (let n = bytes; n + line.length <= at; n += line.length) out += line;
  const rest = at - bytes - out.length;
  return rest === 0 ? out : `${out}${' '.repeat(rest - 1)}\n`;
}

async function streamed(path: string): Promise<string> {
  const pieces: string[] = [];
  await readInput({ type: 'file', name: 'dump.txt', path }, {
    accepts: ['memstats', 'sites'], commandReads: 'test',
    observe: async function* (text) {
      for await (const piece of text) {
        pieces.push(piece);
        yield piece;
      }
    },
  });
  return pieces.join('');
}

describe('reading a large file in pieces', () => {
  it('gives the UTF-8 text exactly, with characters of 2, 3 and 4 bytes cut by every piece boundary', async () => {
    let text = 'heap profile: 1: 8 [1: 8] @ heap/2\n1: 8 [1: 8] @ 0x1\n';
    const marks = ['é', '€', '😀', 'é'];
    // Each mark starts one byte before a read boundary (the head's end, then every 1 MiB), so its
    // bytes are cut between two reads; the last boundary is followed by ASCII pieces only.
    marks.forEach((mark, k) => {
      const boundary = DETECTION_BYTES + k * PIECE;
      text += padTo(Buffer.byteLength(text), boundary - 1 - '#\tmain.'.length);
      text += `#\tmain.${mark}\n`;
    });
    text += padTo(Buffer.byteLength(text), DETECTION_BYTES + 6 * PIECE + 100);
    const path = join(dir, 'dump.txt');
    writeFileSync(path, text);
    expect(Buffer.byteLength(text)).toBeGreaterThan(DETECTION_BYTES + 6 * PIECE);
    expect(await streamed(path)).toBe(readFileSync(path, 'utf8'));
  });

  it('gives the bytes of a cut character followed by ASCII pieces as one U+FFFD in its place, as the decoder does', async () => {
    const head = 'heap profile: 1: 8 [1: 8] @ heap/2\n1: 8 [1: 8] @ 0x1\n';
    const before = head + padTo(Buffer.byteLength(head), DETECTION_BYTES + PIECE - 1);
    // A lone first byte of 'é' ends a piece; the next pieces are ASCII.
    const bytes = Buffer.concat([Buffer.from(before), Buffer.from([0xc3]), Buffer.from(`\n${padTo(0, 2 * PIECE)}`)]);
    const path = join(dir, 'cut.txt');
    writeFileSync(path, bytes);
    const text = await streamed(path);
    expect(text).toBe(readFileSync(path, 'utf8'));
    expect(text.indexOf('\ufffd')).toBe(DETECTION_BYTES + PIECE - 1);
  });
});

describe('progress while a large input is read', () => {
  const header = 'heap profile: 1: 8 [1: 8] @ heap/2\n1: 8 [1: 8] @ 0x1\n';
  const text = header + padTo(header.length, DETECTION_BYTES + 2 * PIECE + 1000);

  it('tells the bytes read so far after each read of a file: its head, then each MiB, then the rest', async () => {
    const path = join(dir, 'progress.txt');
    writeFileSync(path, text);
    const told: number[] = [];
    await readInput({ type: 'file', name: 'progress.txt', path }, { accepts: ['memstats', 'sites'], commandReads: 'test', onProgress: (n) => told.push(n) });
    expect(Buffer.byteLength(text)).toBe(DETECTION_BYTES + 2 * PIECE + 1000);
    expect(told).toEqual([DETECTION_BYTES + PIECE, DETECTION_BYTES + 2 * PIECE, DETECTION_BYTES + 2 * PIECE + 1000]);
  });

  it('tells the bytes read so far after each piece of a stream past its head (a pipe)', async () => {
    const path = join(dir, 'progress-stream.txt');
    writeFileSync(path, text);
    const told: number[] = [];
    await readInput({ type: 'file', name: 'progress-stream.txt', path, stream: true }, { accepts: ['memstats', 'sites'], commandReads: 'test', onProgress: (n) => told.push(n) });
    expect(told.length).toBeGreaterThan(1);
    expect(told.at(-1)).toBe(Buffer.byteLength(text));
    expect(told.every((n, i) => i === 0 || n > (told[i - 1] as number))).toBe(true);
  });
});
