/**
 * Allocation sites are grouped by function, file and line (analyze/profile.ts SiteIndex): a level
 * holds one site until its function, or its file, has a second. Stacks whose site frames differ
 * in any of the three are different sites; the same three, one site, whatever order they come in.
 */
import { describe, expect, it } from 'vitest';
import { summarizeProfile } from '../../src/analyze/profile.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';

/** A record of `bytes` in-use bytes whose one frame is `fn` at `file:line` (PCs made distinct by `pc`). */
function record(pc: number, bytes: number, fn: string, file: string, line: number): string {
  return `1: ${bytes} [1: ${bytes}] @ 0x${pc.toString(16)}\n#\t0x${(pc - 1).toString(16)}\t${fn}+0x1\t${file}:${line}\n\n`;
}

describe('allocation sites by function, file and line', () => {
  it('keeps sites apart by file and by line within one function, and finds each again in any order', () => {
    const records = [
      record(0x1001, 100, 'main.a', '/src/a.go', 10), // main.a: one site, then a second file, then a second line there
      record(0x1002, 200, 'main.a', '/src/b.go', 10),
      record(0x1003, 400, 'main.a', '/src/b.go', 11),
      record(0x1004, 800, 'main.b', '/src/a.go', 10), // another function at the same file:line
      record(0x1005, 1, 'main.a', '/src/b.go', 10), // each found again
      record(0x1006, 2, 'main.a', '/src/a.go', 10),
      record(0x1007, 4, 'main.a', '/src/b.go', 11),
      record(0x1008, 8, 'main.b', '/src/a.go', 10),
      record(0x1009, 16, 'main.a', '/src/a.go', 12), // a second line in the first file, once it holds a map
    ];
    const text = `heap profile: 9: 1535 [9: 1535] @ heap/1\n${records.join('')}`;
    const { dump, diagnostics } = parseHeapDump(text, 'sites');
    expect(diagnostics).toEqual([]);
    const sites = summarizeProfile(dump).sites;
    expect(sites.map((s) => [s.function, s.file, s.line, s.inuseBytes, s.stacks.length])).toEqual([
      ['main.b', '/src/a.go', 10, 808, 2],
      ['main.a', '/src/b.go', 11, 404, 2],
      ['main.a', '/src/b.go', 10, 201, 2],
      ['main.a', '/src/a.go', 10, 102, 2],
      ['main.a', '/src/a.go', 12, 16, 1],
    ]);
  });
});
