/**
 * Widths in terminal cells (src/text/cells.ts): Go identifiers may be CJK (go1.19-audit46-unigeneric's
 * `处理请求`), two cells a character; a report's table padded by string length pushed their columns right.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cells, cutCells, padCells } from '../../src/text/cells.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/fixtures.js';

describe('terminal cells', () => {
  it('counts wide characters twice, combining marks not at all', () => {
    expect(cells('main.worker')).toBe(11);
    expect(cells('main.处理请求')).toBe(13);
    expect(cells('ゴミ')).toBe(4);
    // é as e + U+0301: one cell.
    expect(cells('Entre\u0301e')).toBe(6);
  });

  it('cuts and pads by cells, never splitting a wide character', () => {
    expect(cutCells('处理请求', 8)).toBe('处理请求');
    expect(cutCells('处理请求', 7)).toBe('处理请…');
    expect(cutCells('处理请求', 6)).toBe('处理…');
    expect(cutCells('main.worker', 6)).toBe('main.…');
    expect(padCells('ゴミ', 6)).toBe('ゴミ  ');
    expect(padCells('处理请求', 7)).toBe('处理请…');
  });
});

describe('heapdoc escape: tables of CJK names line up (audit 46 #15)', () => {
  it("the Functions table's number columns sit where the ASCII rows' do", async () => {
    const m2 = join(ROOT, 'test/fixtures/captured/go1.19-audit46-unigeneric/escape-m2.txt');
    const r = await runCli(['escape', m2, '--no-color']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const table = lines.slice(lines.indexOf('Functions                                                 messages   heap  leaks'));
    // 处理请求 is 8 cells: 2 + 8 + 47 spaces + the 23 of the numbers = 80, as `  main` + 53 spaces + 23.
    expect(table).toContain(`  处理请求${' '.repeat(47)}${'9'.padStart(9)}${'5'.padStart(7)}${'0'.padStart(7)}`);
    expect(table).toContain(`  ゴミ${' '.repeat(51)}${'2'.padStart(9)}${'1'.padStart(7)}${'0'.padStart(7)}`);
    expect(table).toContain(`  main${' '.repeat(51)}${'4'.padStart(9)}${'2'.padStart(7)}${'0'.padStart(7)}`);
  });
});
