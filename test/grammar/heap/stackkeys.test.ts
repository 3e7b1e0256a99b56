/**
 * StackKeys: a stack's `@ 0x… 0x…` list read as numbers when they print back the same way (lower
 * case, no leading zero, at most 13 digits, one space apart), keyed by its text otherwise.
 */
import { describe, expect, it } from 'vitest';
import { canonicalHex, StackKeys } from '../../../src/grammar/heap/stackkeys.js';

/** Each list found, or added as a new stack when it was not: the stacks' order of first sight. */
function keyAll(lists: string[]): { ids: number[]; keys: StackKeys } {
  const keys = new StackKeys();
  const ids = lists.map((printed) => {
    const found = keys.find(printed);
    return found >= 0 ? found : keys.add();
  });
  return { ids, keys };
}

/** What the keys hold of stack `id`: its PCs as numbers (how many) and its list when odd. */
function held(keys: StackKeys, id: number): { pcCount: number; printed: string | undefined } {
  return { pcCount: keys.pcCountOf(id), printed: keys.printedOf(id) };
}

describe('StackKeys', () => {
  it('finds a list printed the same way again, and keeps lists that differ apart', () => {
    const { ids, keys } = keyAll(['@ 0x6a2cae 0x6a314b 0x4473bb', '@ 0x6a2cae 0x6a314b', '@ 0x6a2cae 0x6a314b 0x4473bb', '@ 0x6a2cae 0x6a314b']);
    expect(ids).toEqual([0, 1, 0, 1]);
    expect(keys.find('@ 0x6a2cae 0x6a314b 0x4473bb')).toBe(0);
    expect(held(keys, 0)).toEqual({ pcCount: 3, printed: undefined });
    expect(keys.size).toBe(2);
    expect(keys.pcsOf(keys.find('@ 0x6a2cae 0x6a314b'))).toEqual(['0x6a2cae', '0x6a314b']);
  });

  it('keys a list in an odd form by its text: upper case, leading zeros, 14 digits, two spaces, a trailing space', () => {
    const odd = ['@ 0x6A2CAE', '@ 0x06a2cae', '@ 0x12345678901234', '@ 0x1  0x2', '@ 0x1 ', '@ 0x', '@ 0x1g', '@0x1'];
    const { ids, keys } = keyAll([...odd, '@ 0x6a2cae', ...odd]);
    // Each odd list is its own stack (not the canonical 0x6a2cae), found again by its text.
    expect(ids).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2, 3, 4, 5, 6, 7]);
    for (const printed of odd) expect(held(keys, keys.find(printed))).toEqual({ printed, pcCount: 0 });
    expect(held(keys, keys.find('@ 0x6a2cae'))).toEqual({ printed: undefined, pcCount: 1 });
    expect(keys.pcsOf(keys.find('@ 0x1  0x2'))).toEqual(['0x1', '0x2']);
  });

  it('finds each of 20,000 lists again after its table grew from 256 slots to 65,536 (slots shared by hash bits: probed)', () => {
    const lists = Array.from({ length: 20000 }, (_, i) => `@ 0x${(0x400000 + i).toString(16)} 0x${(0x500000 + (i % 7)).toString(16)}`);
    const { ids, keys } = keyAll([...lists, ...lists.slice().reverse()]);
    expect(ids.slice(0, 20000)).toEqual(lists.map((_, i) => i));
    expect(ids.slice(20000)).toEqual(lists.map((_, i) => 19999 - i));
    expect(keys.find('@ 0x400000 0x500000 0x1')).toBe(-1);
    expect(keys.pcsOf(keys.find(lists[12345] as string))).toEqual(['0x403039', '0x500004']);
  });

  it('reads 13 hex digits and 0x0 as numbers', () => {
    const { keys } = keyAll(['@ 0x1fffffffffffff', '@ 0xfffffffffffff 0x0']);
    expect(held(keys, keys.find('@ 0x1fffffffffffff'))).toEqual({ pcCount: 0, printed: '@ 0x1fffffffffffff' }); // 14 digits: odd
    const stack = keys.find('@ 0xfffffffffffff 0x0');
    expect(keys.pcCountOf(stack)).toBe(2);
    expect(keys.pcsOf(stack)).toEqual(['0xfffffffffffff', '0x0']);
  });

  it('keeps 32-bit PCs, then widens mid-list at the first PC past 2^31 - 1, and finds every list again exactly', () => {
    const narrow = Array.from({ length: 3000 }, (_, i) => `@ 0x${(0x400000 + i).toString(16)} 0x7fffffff`); // 6,000 PCs: the column grew past 1,024
    const wide = ['@ 0x4a0000 0x80000000 0x1', '@ 0x100003f2c 0xfffffffffffff', '@ 0x7fffffff'];
    const { ids, keys } = keyAll([...narrow, ...wide, ...narrow, ...wide]);
    expect(ids).toEqual([...narrow.keys(), 3000, 3001, 3002, ...narrow.keys(), 3000, 3001, 3002]);
    expect(keys.pcsOf(keys.find(narrow[2999] as string))).toEqual(['0x400bb7', '0x7fffffff']);
    expect(wide.map((printed) => keys.pcsOf(keys.find(printed)))).toEqual([
      ['0x4a0000', '0x80000000', '0x1'], ['0x100003f2c', '0xfffffffffffff'], ['0x7fffffff'],
    ]);
    expect(keys.find('@ 0x4a0000 0x80000000')).toBe(-1);
  });

  it('reads a list inside a longer text (the text the lexer read) as the same list alone, nothing past the range', () => {
    const keys = new StackKeys();
    const text = '0: 0 [1: 96] @ 0x6a2cae 0x6a314b\n#\t0x6a2cad\tmain.f+0x1d\t/m.go:3\n';
    const at = text.indexOf('@');
    const end = text.indexOf('\n');
    expect(keys.find(text, at, end)).toBe(-1);
    expect(keys.add()).toBe(0);
    expect(keys.find('@ 0x6a2cae 0x6a314b')).toBe(0);
    expect(held(keys, 0)).toEqual({ pcCount: 2, printed: undefined });
    // The list cut short inside its last PC is another list; cut inside ' 0x' it is odd, keyed by the text in range.
    expect(keys.find(text, at, end - 2)).toBe(-1);
    expect(held(keys, keys.add())).toEqual({ pcCount: 2, printed: undefined });
    expect(keys.pcsOf(1)).toEqual(['0x6a2cae', '0x6a31']);
    expect(keys.find(text, at, at + 12)).toBe(-1);
    expect(held(keys, keys.add())).toEqual({ pcCount: 0, printed: '@ 0x6a2cae 0' });
  });

  it('canonicalHex: the value when it prints back exactly, -1 otherwise', () => {
    expect(canonicalHex('#\t0x4a5b3c\t', 2, 10)).toBe(0x4a5b3c);
    expect(canonicalHex('0x0', 0, 3)).toBe(0);
    expect(canonicalHex('0x00', 0, 4)).toBe(-1);
    expect(canonicalHex('0xABC', 0, 5)).toBe(-1);
    expect(canonicalHex('0x', 0, 2)).toBe(-1);
    expect(canonicalHex('0x12345678901234', 0, 16)).toBe(-1);
  });
});
