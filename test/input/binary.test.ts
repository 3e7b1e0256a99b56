/**
 * Binary data inside a text input (input/binary.ts), piece by piece as a stream gives it: the part
 * from the NUL byte's line to a dump's first line is made empty lines, wherever the pieces are cut.
 * Real bytes: go1.19-audit38-mutexleak's t01 and t02 (?gc=1 heap dumps) around
 * go1.19-audit-verdicts/a-slowleak's 01-moment1.heap-gc1.pb.gz (a gzip'd protobuf profile).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BinarySkipper, type BinaryPart } from '../../src/input/binary.js';
import { ROOT } from '../helpers/fixtures.js';

const read = (f: string): Buffer => readFileSync(join(ROOT, 'test/fixtures/captured', f));
const T01 = read('go1.19-audit38-mutexleak/gc1/t01.heap-debug1-gc1.txt');
const T02 = read('go1.19-audit38-mutexleak/gc1/t02.heap-debug1-gc1.txt');
const PB = read('go1.19-audit-verdicts/a-slowleak/01-moment1.heap-gc1.pb.gz');

/** The text a skipper passes on of `bytes` cut into pieces of `size`, and the parts it found. */
function skim(bytes: Buffer, size: number): { text: string; parts: BinaryPart[] } {
  const skipper = new BinarySkipper();
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(...skipper.push(bytes.subarray(at, at + size)).map((p) => Buffer.from(p)));
  out.push(...skipper.end());
  return { text: Buffer.concat(out).toString('latin1'), parts: skipper.parts };
}

/** The profile's 1,828 bytes hold 6 newline bytes: t02's header starts on line 40 + 6. */
const NEWLINES = [...PB].filter((b) => b === 0x0a).length;

describe('BinarySkipper: t01, a gzip\'d profile, t02', () => {
  const joined = Buffer.concat([T01, PB, T02]);
  const expected = `${T01.toString('latin1')}${'\n'.repeat(NEWLINES)}${T02.toString('latin1')}`;

  it('the profile is one part, lines 40 to 46, its newlines kept; t01 and t02 pass whole, at any piece size', () => {
    expect([T01.length, PB.length, T02.length, NEWLINES]).toEqual([2141, 1828, 2166, 6]);
    for (const size of [joined.length, 4096, 2143, 2144, 3969, 3970, 3975, 100, 7, 1]) {
      const { text, parts } = skim(joined, size);
      expect(text, `pieces of ${size}`).toBe(expected);
      expect(parts, `pieces of ${size}`).toEqual([{ start: 2141, nul: 2144, end: 3969, resumed: true, line: 40, newlines: 6 }]);
    }
  });

  it('a profile at the end: one part to the end of the input; two profiles: two parts', () => {
    expect(skim(Buffer.concat([T01, PB]), 512).parts).toEqual([{ start: 2141, nul: 2144, end: 3969, resumed: false, line: 40, newlines: 6 }]);
    const twice = skim(Buffer.concat([T01, PB, T02, PB, T01]), 1000);
    expect(twice.parts.map((p) => [p.start, p.end, p.line, p.resumed])).toEqual([[2141, 3969, 40, true], [6135, 7963, 85, true]]);
    expect(twice.text).toBe(`${T01.toString('latin1')}${'\n'.repeat(6)}${T02.toString('latin1')}${'\n'.repeat(6)}${T01.toString('latin1')}`);
  });

  it('past the lines counted (a file read from its 64 KiB head on), the line is what the reader counts, else unknown', () => {
    const late = new BinarySkipper(100, (offset) => (offset === 2141 ? 39 : undefined));
    late.push(joined.subarray(100));
    late.end();
    expect(late.parts.map((p) => [p.start, p.line])).toEqual([[2141, 40]]);
    const unknown = new BinarySkipper(100);
    unknown.push(joined.subarray(100));
    expect(unknown.parts.map((p) => p.line)).toEqual([undefined]);
  });
});
