/**
 * openInput's decoder (Utf8Chunks): ASCII pieces as Latin-1, others through TextDecoder. Its text
 * must be TextDecoder's over the whole bytes, however they are cut: characters split between
 * pieces, a BOM, invalid bytes and a cut last character as U+FFFD.
 */
import { describe, expect, it } from 'vitest';
import { Utf8Chunks } from '../../src/input/sources.js';

function decodeCut(bytes: Uint8Array, cuts: number[]): string[] {
  const decoder = new Utf8Chunks();
  const out: string[] = [];
  let from = 0;
  for (const to of [...cuts, bytes.length]) {
    out.push(...decoder.decode(bytes.subarray(from, to)));
    from = to;
  }
  out.push(decoder.end());
  return out;
}

const whole = (bytes: Uint8Array): string => new TextDecoder('utf-8').decode(bytes);

describe('Utf8Chunks', () => {
  const text = Buffer.concat([
    Buffer.from('\uFEFF./a.go:1:2: x escapes to heap\n'), Buffer.from('é€😀 leaking param: p\n'), Buffer.from([0xff, 0x41, 0xc3]),
    Buffer.from('\nmoved to heap: y\r\n'), Buffer.from([0xe2, 0x82]),
  ]);

  it('gives TextDecoder\'s text wherever the bytes are cut, one cut or two', () => {
    for (let i = 0; i <= text.length; i++) {
      expect(decodeCut(text, [i]).join('')).toBe(whole(text));
      for (let j = i; j <= text.length; j += 3) expect(decodeCut(text, [i, j]).join('')).toBe(whole(text));
    }
  });

  it('drops a leading BOM, and makes a cut last character one U+FFFD', () => {
    expect(decodeCut(Buffer.from('\uFEFFab'), [1]).join('')).toBe('ab');
    expect(decodeCut(Buffer.from([0x61, 0xf0, 0x9f]), []).join('')).toBe('a\uFFFD');
    expect(decodeCut(Buffer.from([0xc3, 0x41, 0x42]), [1]).join('')).toBe('\uFFFDAB');
  });

  it('decodes an ASCII piece as Latin-1 in pieces of at most 64 KiB (regular heap strings, not large objects)', () => {
    const ascii = Buffer.alloc((1 << 20) + 5, 0x61);
    const pieces = decodeCut(ascii, []);
    expect(pieces.map((p) => p.length)).toEqual([...Array.from({ length: 16 }, () => 1 << 16), 5, 0]);
    expect(pieces.join('')).toBe('a'.repeat((1 << 20) + 5));
  });

  it('decodes a piece with other characters in pieces of 64 KiB bytes too, a character cut between two kept whole', () => {
    // 'é' is 2 bytes: one straddles the first 64 KiB boundary (byte 65,535 is its first half).
    const bytes = Buffer.from(`${'a'.repeat((1 << 16) - 1)}é${'b'.repeat(1 << 16)}`);
    const pieces = decodeCut(bytes, []);
    expect(pieces.map((p) => p.length)).toEqual([(1 << 16) - 1, 1 + (1 << 16) - 1, 1, 0]);
    expect(pieces.join('')).toBe(whole(bytes));
  });
});
