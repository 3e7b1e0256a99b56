/**
 * Allocation sites are grouped by function, file and line (analyze/profile.ts SiteIndex): a level
 * holds one site until its function, or its file, has a second. Stacks whose site frames differ
 * in any of the three are different sites; the same three, one site, whatever order they come in.
 */
import { describe, expect, it } from 'vitest';
import { siteHint, summarizeProfile } from '../../src/analyze/profile.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { readCorpus, readFixture } from '../helpers/fixtures.js';

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
    const text = `heap profile: 9: 1531 [9: 1531] @ heap/1\n${records.join('')}`;
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

describe('the site of a stack whose every frame is in the runtime', () => {
  it('go1.26 prints the allocator\'s frames first (mallocgc, newobject, growslice, makechan): the site is the first frame past them', () => {
    const { dump, diagnostics } = parseHeapDump(readCorpus('go1.26-devel/seed/routine4.after-free.heap-debug1.txt'), 'routine4');
    expect(diagnostics).toEqual([]);
    const runtimeOnly = summarizeProfile(dump).sites.filter((s) => s.runtimeOnly);
    expect(runtimeOnly.map((s) => [s.function, s.file?.replace(/^.*\/src\//, ''), s.line, s.stacks.length])).toEqual([
      ['runtime.malg', 'runtime/proc.go', 5258, 1],
      ['runtime.(*timers).addHeap', 'runtime/time.go', 462, 2], // four records, two stacks (mallocgc+0xdc and +0xeb)
      ['runtime.main', 'runtime/proc.go', 216, 1],
    ]);
    expect(runtimeOnly[0]?.inuseObjects).toBe(8742);
  });

  it('go1.21 printed them without the allocator\'s frames: runtime.malg is the first frame, as before', () => {
    const { dump } = parseHeapDump(readCorpus('go1.21/seed/routine4.after-free.heap-debug1.txt'), 'routine4');
    const runtimeOnly = summarizeProfile(dump).sites.filter((s) => s.runtimeOnly);
    expect(runtimeOnly.map((s) => s.function)).toEqual(['runtime.malg', 'runtime.doaddtimer']);
  });

  it('a stack of allocator frames only keeps its first frame', () => {
    const text = 'heap profile: 1: 64 [1: 64] @ heap/1\n1: 64 [1: 64] @ 0x2001 0x2002\n'
      + '#\t0x2000\truntime.mallocgc+0x1\t/go/src/runtime/malloc.go:1\n#\t0x2001\truntime.newobject+0x1\t/go/src/runtime/malloc.go:2\n\n';
    const { dump } = parseHeapDump(text, 'allocator');
    expect(summarizeProfile(dump).sites.map((s) => [s.function, s.line, s.runtimeOnly])).toEqual([['runtime.mallocgc', 1, true]]);
  });
});

/** A record of `bytes` whose stack is `frames` (function, file:line), the allocating frame first. */
function stackRecord(pc: number, bytes: number, frames: [string, string][]): string {
  return `1: ${bytes} [1: ${bytes}] @ ${frames.map((_, i) => `0x${(pc + i).toString(16)}`).join(' ')}\n${frames.map(([fn, at], i) => `#\t0x${(pc + i - 1).toString(16)}\t${fn}+0x1\t${at}`).join('\n')}\n\n`;
}

describe("sites made by a sync.Pool's New", () => {
  it('the captured pool server (b-pool, load2): main.glob..func1 (the pool\'s New, under sync.(*Pool).Get) is; its callers\' own site and the runtime\'s are not', () => {
    const { dump } = parseHeapDump(readFixture('captured/go1.19-audit-verdicts/b-pool/02-load2.heap-debug1.txt'), 'load2');
    const sites = summarizeProfile(dump).sites;
    expect(sites.filter((s) => s.poolNew).map((s) => [s.function, s.line, Math.round(s.inuseBytes)])).toEqual([['main.glob..func1', 72, 109262937]]);
    expect(sites.map((s) => siteHint(s))).toEqual([
      "a sync.Pool's New", undefined, undefined, 'goroutine descriptors', undefined,
      "the profiler's own", "the profiler's own", "the profiler's own", "the profiler's own", undefined, undefined,
    ]);
  });

  it('through a helper New calls, yes; the pool\'s own allocations (package sync) and a site also allocating outside Get, no', () => {
    const get: [string, string] = ['sync.(*Pool).Get', '/go/src/sync/pool.go:151'];
    const text = 'heap profile: 4: 4000 [4: 4000] @ heap/1\n' + [
      stackRecord(0x1000, 1000, [['main.newBuf', '/src/main.go:10'], ['main.glob..func1', '/src/main.go:20'], get, ['main.handle', '/src/main.go:30']]),
      stackRecord(0x2000, 1000, [['sync.(*Pool).pinSlow', '/go/src/sync/pool.go:246'], ['sync.(*Pool).pin', '/go/src/sync/pool.go:198'], get, ['main.handle', '/src/main.go:30']]),
      stackRecord(0x3000, 1000, [['main.make', '/src/main.go:40'], get, ['main.handle', '/src/main.go:30']]),
      stackRecord(0x4000, 1000, [['main.make', '/src/main.go:40'], ['main.main', '/src/main.go:50']]),
    ].join('');
    const { dump, diagnostics } = parseHeapDump(text, 'pools');
    expect(diagnostics).toEqual([]);
    expect(summarizeProfile(dump).sites.map((s) => [s.function, s.poolNew, s.stacks.length])).toEqual([
      ['main.make', false, 2],
      ['main.newBuf', true, 1],
      ['sync.(*Pool).pinSlow', false, 1],
    ]);
  });
});
