/**
 * The join of a heap profile's sites with the compiler's messages (sites.ts): a site's frame gets
 * the messages of its own code at its line, not those of a call inlined at that line, which
 * belong to the inlined function's own sites. Real go1.19 inputs: test/fixtures/captured/go1.19-escape.
 */
import { describe, expect, it } from 'vitest';
import { buildEscapeIndex, EscapeAnalyzer, EscapeIndexBuilder, type EscapeIndex } from '../../../src/analyze/escape/index.js';
import { escapeFeed, joinSnapshots, runtimeWork, wantedLines, type SiteEscape } from '../../../src/analyze/escape/sites.js';
import { hasCompilerMessages } from '../../../src/analyze/escape/site-report.js';
import { analyzeSnapshot } from '../../../src/analyze/snapshot.js';
import { heapSnapshot } from '../../../src/input/snapshot.js';
import { GcflagsReader, parseGcflags } from '../../../src/grammar/gcflags/index.js';
import { parseHeapDump } from '../../../src/grammar/heap/index.js';
import { readFixture } from '../../helpers/fixtures.js';

const DIR = 'captured/go1.19-escape';

/** As `heapdoc analyze DUMP --escape M` joins them (escapeFeed: the analysis places each message), and as the library does (buildEscapeIndex: no placement). */
function joins(dump: string, m2: string, dir = DIR): [Map<string, SiteEscape>, Map<string, SiteEscape>] {
  const { dump: parsed } = parseHeapDump(readFixture(`${dir}/${dump}`), dump);
  const snapshots = [analyzeSnapshot(dump, heapSnapshot(parsed), [])];
  const text = readFixture(`${dir}/${m2}`);
  const builder = new EscapeIndexBuilder(wantedLines(snapshots));
  const reader = new GcflagsReader(m2, { keep: false, ...escapeFeed(new EscapeAnalyzer({ messageCauses: false, limit: 0 }), builder) });
  reader.push(text);
  expect(reader.end().diagnostics).toEqual([]);
  const byWhere = (index: EscapeIndex): Map<string, SiteEscape> =>
    new Map([...joinSnapshots(index, snapshots)].map(([site, joined]) => [`${site.function} ${site.file?.split('/').at(-1)}:${site.line}`, joined]));
  return [byWhere(builder.finish()), byWhere(buildEscapeIndex(parseGcflags(text, m2).messages))];
}

const said = (joined: SiteEscape | undefined): string[] => (joined?.diagnostics ?? []).map((d) => `${d.line}:${d.column} ${d.message}${d.cause ? ` (${d.cause})` : ''}`);

describe('memtest -mode leak: newRecord inlined into leakSlice at main.go:35:36', () => {
  for (const [how, sites] of joins('memtest-leak.heap-debug1.txt', 'memtest.m2.txt').map((j, i) => [i === 0 ? 'analyze --escape' : 'buildEscapeIndex', j] as const)) {
    it(`${how}: the append at main.go:35 (leakSlice) gets none of newRecord's messages, and is silent`, () => {
      const append = sites.get('main.leakSlice main.go:35');
      expect(said(append)).toEqual([]);
      expect(append?.comparison.status).toBe('silent');
      // Not "nothing": the heap values at the line are newRecord's, and the append is the runtime's.
      expect(append?.comparison.explanation).toBe("the heap values the compiler reports at ./main.go:35 are newRecord's, inlined at 35:36 (&Record{...}, i, make([]byte, 4096)), shown at its own sites; this allocation is not one of them: the runtime makes it for this line (an append's or a map's growth, which -m does not report)");
      expect(append?.comparison.inlinedHeap.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual(['35:36 &Record{...} escapes to heap', '35:36 i escapes to heap', '35:36 make([]byte, 4096) escapes to heap']);
    });

    it(`${how}: newRecord's sites (main.go:26, :27) get the copies inlined at 35:36, as before`, () => {
      expect(said(sites.get('main.newRecord main.go:26'))).toEqual([
        '35:36 &Record{...} escapes to heap (call-argument)',
        '35:36 i escapes to heap (interface-conversion)',
        '35:36 ... argument does not escape',
      ]);
      expect(said(sites.get('main.newRecord main.go:27'))).toEqual(['35:36 make([]byte, 4096) escapes to heap (stored-in-heap)']);
      expect(sites.get('main.newRecord main.go:27')?.comparison.status).toBe('agrees');
    });
  }
});

describe('esc: mk inlined into useA at main.go:23:24, useA into main at 56:7', () => {
  for (const [how, sites] of joins('esc.heap.txt', 'esc.m2.txt').map((j, i) => [i === 0 ? 'analyze --escape' : 'buildEscapeIndex', j] as const)) {
    it(`${how}: the append growing sink at main.go:23 (useA) does not get mk's &T{...}`, () => {
      expect(said(sites.get('main.useA main.go:23'))).toEqual([]);
      expect(sites.get('main.useA main.go:23')?.comparison.status).toBe('silent');
      // mk's own site gets the copy that ran, inlined twice: the outermost call's (56:7).
      expect(said(sites.get('main.mk main.go:19'))).toEqual(['56:7 &T{...} escapes to heap (call-argument)']);
      // A message of main's own code at its line stays: fmt.Sprint's argument at 58:67.
      expect(said(sites.get('main.main main.go:58'))).toEqual(['58:67 i escapes to heap (interface-conversion)', '58:67 ... argument does not escape']);
      expect(said(sites.get('main.concat main.go:33'))).toEqual(['33:11 a + b escapes to heap (returned)']);
    });
  }
});

describe('leakprog (go1.19): newRecord inlined at main.go:67:24 where the map grows, toIface at 70:30 where the append grows', () => {
  for (const [how, sites] of joins('prog.heap-debug1.txt', 'prog.m2.txt', 'captured/go1.19-audit-tui').map((j, i) => [i === 0 ? 'analyze --escape' : 'buildEscapeIndex', j] as const)) {
    it(`${how}: leakLoop at main.go:67 is the runtime's map growth (2 and 3 PCs debug=1 does not print, in its 2 stacks), next to newRecord's heap values at 67:24`, () => {
      const grow = sites.get('main.leakLoop main.go:67');
      expect(said(grow)).toEqual([]);
      expect(grow?.comparison.status).toBe('silent');
      expect(grow?.comparison.explanation).toBe("the heap values the compiler reports at ./main.go:67 are newRecord's, inlined at 67:24 (&Record{...}, make([]byte, 4096), i), shown at its own sites; this allocation is the runtime's, made for this line: its 2 stacks have 2 to 3 runtime PCs under the line that a debug=1 dump does not print, most often a map's growth or an append's, which -m does not report");
      expect(hasCompilerMessages(grow as SiteEscape)).toBe(true);
      // newRecord's own site still gets them, as the copy inlined at 67:24 that ran.
      expect(said(sites.get('main.newRecord main.go:35')).slice(0, 2)).toEqual(['67:24 &Record{...} escapes to heap (stored-in-heap)', '67:24 make([]byte, 4096) escapes to heap (stored-in-heap)']);
    });

    it(`${how}: leakLoop at main.go:70 (the append) is not toIface's Rect{...} at 70:30, which goes to toIface's site main.go:59`, () => {
      const append = sites.get('main.leakLoop main.go:70');
      expect(said(append)).toEqual([]);
      expect(append?.comparison.explanation).toBe("the heap values the compiler reports at ./main.go:70 are toIface's, inlined at 70:30 (Rect{...}), shown at its own sites; this allocation is not one of them: the runtime makes it for this line (an append's or a map's growth, which -m does not report)");
      expect(said(sites.get('main.toIface main.go:59'))).toEqual(['70:30 Rect{...} escapes to heap (interface-conversion)']);
    });
  }
});

describe('the runtime under a site\'s frame, named (a profile that prints the runtime\'s frames)', () => {
  const dump = [
    'heap profile: 3: 12288 [3: 12288] @ heap/1',
    '1: 4096 [1: 4096] @ 0x1001 0x2001 0x3001',
    '#\t0x1000\truntime.mallocgc+0x10\t/go/src/runtime/malloc.go:1000',
    '#\t0x2000\truntime.mapassign_faststr+0x20\t/go/src/runtime/map_faststr.go:300',
    '#\t0x3000\tmain.fill+0x30\t/src/app/main.go:12',
    '',
    '1: 4096 [1: 4096] @ 0x1101 0x2101 0x3101',
    '#\t0x1100\truntime.mallocgc+0x110\t/go/src/runtime/malloc.go:1000',
    '#\t0x2100\truntime.growslice+0x20\t/go/src/runtime/slice.go:200',
    '#\t0x3100\tmain.fill+0x130\t/src/app/main.go:14',
    '',
    // The allocator's entry points alone (go1.26 prints them): not the runtime's work for the line.
    '1: 4096 [1: 4096] @ 0x1201 0x2201 0x3201',
    '#\t0x1200\truntime.mallocgc+0x210\t/go/src/runtime/malloc.go:1000',
    '#\t0x2200\truntime.newobject+0x20\t/go/src/runtime/malloc.go:1300',
    '#\t0x3200\tmain.fill+0x230\t/src/app/main.go:16',
    '',
  ].join('\n');
  const m = '# app\n./main.go:10:6: can inline fill\n./main.go:11:7: x does not escape\n';

  it('names the runtime function called from the line: a map\'s growth, an append\'s; the allocator\'s entry alone is not one', () => {
    const { dump: parsed } = parseHeapDump(dump, 'synthetic.txt');
    const snapshots = [analyzeSnapshot('synthetic.txt', heapSnapshot(parsed), [])];
    const joined = new Map([...joinSnapshots(buildEscapeIndex(parseGcflags(m, 'm.txt').messages), snapshots)].map(([site, j]) => [site.line, j.comparison.explanation]));
    expect(joined.get(12)).toBe("the compiler reports nothing about heap values at ./main.go:12; this allocation is the runtime's, made for this line: a map's growth (runtime.mapassign_faststr, called from this line), which -m does not report");
    expect(joined.get(14)).toBe("the compiler reports nothing about heap values at ./main.go:14; this allocation is the runtime's, made for this line: an append's growth (runtime.growslice, called from this line), which -m does not report");
    expect(joined.get(16)).toBe('the compiler reports nothing about heap values at ./main.go:16: the allocation is inside a function called from this line, or by the runtime (append or map growth), or the line moved since the -m output was made');
  });
});

/** captured/go1.19-audit-esc/README.md: escprog, whose package store has generic Cache[K, V] and Map and a plain NewRecord. */
const AUDIT = 'captured/go1.19-audit-esc';

describe('escprog: store.NewCache[string, *Record] inlined into main at main.go:26:48 (the profile prints NewCache[...])', () => {
  for (const m2 of ['escprog.m2.txt', 'escprog.m2-pkgs.txt']) {
    for (const [how, sites] of joins('escprog.heap.txt', m2, AUDIT).map((j, i) => [i === 0 ? 'analyze --escape' : 'buildEscapeIndex', j] as const)) {
      it(`${m2}, ${how}: the site gets the copy that ran (the inlined call's shapes matched to [...]), not the standalone body's`, () => {
        expect(said(sites.get('example.com/escprog/store.NewCache[...] store.go:18'))).toEqual([
          '26:48 make(map[go.shape.string_0]go.shape.*uint8_1) escapes to heap (call-argument)',
          '26:48 &store.Cache[go.shape.string_0,go.shape.*uint8_1]{...} does not escape',
        ]);
      });
    }
  }
});

describe('escprog built with -gcflags=-m=2 for package main only: store.go is in the output for its generics alone', () => {
  for (const [how, sites] of joins('escprog.heap.txt', 'escprog.m2.txt', AUDIT).map((j, i) => [i === 0 ? 'analyze --escape' : 'buildEscapeIndex', j] as const)) {
    it(`${how}: store.NewRecord (not generic, not compiled with -m) is not-covered, with the advice codec gets`, () => {
      for (const line of [31, 32, 33, 35]) {
        const site = sites.get(`example.com/escprog/store.NewRecord store.go:${line}`);
        expect(site?.comparison.status).toBe('not-covered');
        expect(said(site)).toEqual([]);
        expect(site?.comparison.explanation).toBe('the compiler output has ./store/store.go only for the generic functions example.com/escprog instantiates, not example.com/escprog/store.NewRecord: build its package with -gcflags=-m (or -gcflags=all=-m for dependencies)');
      }
      expect(sites.get('example.com/escprog/codec.LineEncoder.Encode codec.go:15')?.comparison.status).toBe('not-covered');
    });

    it(`${how}: the generic functions main instantiates are still covered`, () => {
      expect(sites.get('example.com/escprog/store.NewCache[...] store.go:18')?.comparison.status).toBe('agrees');
      expect(sites.get('example.com/escprog/store.(*Cache[...]).Put store.go:23')?.comparison.status).toBe('silent');
      expect(sites.get('example.com/escprog/store.Map[...] store.go:42')?.comparison.status).toBe('silent');
    });
  }
});

describe('leak5 (net/http client, go1.19): bufio.NewReaderSize inlined into bufio.NewReader in one stack, called from (*Transport).dialConn in another', () => {
  for (const [how, sites] of joins('leak5.heap.txt', 'std-bufio.m2.txt', AUDIT).map((j, i) => [i === 0 ? 'analyze --escape' : 'buildEscapeIndex', j] as const)) {
    it(`${how}: every stack's copy: the one inlined at bufio.go:63:22 and the standalone body's at 57:14`, () => {
      const site = sites.get('bufio.NewReaderSize bufio.go:57');
      expect(said(site)).toEqual(['63:22 make([]byte, size) escapes to heap (stack-size)', '57:14 make([]byte, size) escapes to heap (stack-size)']);
      expect(site?.comparison.status).toBe('agrees');
    });
  }
});

describe('the runtime under a line with an inlined call, named (captured go1.19-escape-runtime-work: a dump with every frame)', () => {
  const dir = 'captured/go1.19-escape-runtime-work';
  for (const [how, sites] of joins('heap-allframes.txt', 'build-m2.txt', dir).map((j, i) => [i === 0 ? 'analyze --escape' : 'buildEscapeIndex', j] as const)) {
    it(`${how}: fill at main.go:36 is the map's growth (runtime.mapassign_faststr), next to newRecord's heap values at 36:23`, () => {
      const grow = sites.get('main.fill main.go:36');
      expect(grow?.comparison.status).toBe('silent');
      expect(said(grow)).toEqual([]);
      expect(grow?.comparison.explanation).toBe("the heap values the compiler reports at ./main.go:36 are newRecord's, inlined at 36:23 (&Record{...}, make([]byte, n)), shown at its own sites; this allocation is the runtime's, made for this line: a map's growth (runtime.mapassign_faststr, called from this line), which -m does not report");
      expect(grow?.comparison.inlinedHeap.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual(['36:23 &Record{...} escapes to heap', '36:23 make([]byte, n) escapes to heap']);
    });

    it(`${how}: fill at main.go:37 (the append, no runtime frame in its record) is not newRecord's either`, () => {
      expect(sites.get('main.fill main.go:37')?.comparison.explanation).toBe("the heap values the compiler reports at ./main.go:37 are newRecord's, inlined at 37:30 (&Record{...}, make([]byte, n)), shown at its own sites; this allocation is not one of them: the runtime makes it for this line (an append's or a map's growth, which -m does not report)");
    });
  }

  it('the site\'s 4 stacks (16 records): every one runs through runtime.mapassign_faststr (the map\'s growth, its new overflow buckets)', () => {
    const { dump } = parseHeapDump(readFixture(`${dir}/heap-allframes.txt`), 'heap-allframes.txt');
    const site = analyzeSnapshot('heap-allframes.txt', heapSnapshot(dump), []).profile.sites.find((s) => s.function === 'main.fill' && s.line === 36);
    expect(site && runtimeWork(site)).toEqual({ called: 'runtime.mapassign_faststr', unprinted: { stacks: 4, fewest: 0, most: 0 } });
    expect(site?.stacks.length).toBe(4);
    expect(site?.stacks.filter(({ stack }) => stack.frames.some((f) => f.function === 'runtime.mapassign_faststr'))).toHaveLength(4);
  });
});

describe('a map grown at main.go:21 through two inlined calls (go1.19-audit30-mapshrink): its stacks\' unprinted PCs counted each', () => {
  it('4 stacks: 3 PCs under the bucket arrays, 2 under overflow buckets, 5 under an evacuation\'s (the call at main.go:35)', () => {
    const { dump } = parseHeapDump(readFixture('captured/go1.19-audit30-mapshrink/04-t3-still-1000-gc.heap.txt'), '04-t3-still-1000-gc.heap.txt');
    const site = analyzeSnapshot('04-t3-still-1000-gc.heap.txt', heapSnapshot(dump), []).profile.sites.find((s) => s.function === 'main.addSessions' && s.line === 21);
    expect(site && runtimeWork(site)).toEqual({ called: undefined, unprinted: { stacks: 4, fewest: 2, most: 5 } });
    // Not named: the dump hides the map code, so the site is not called a map's.
    expect(site?.mapBuckets).toBe(false);
  });
});

describe('closures across column 255 (go1.19, captured/go1.19-escape-straddle): each closure\'s site gets its own messages, as the analysis places them', () => {
  const [placed, unplaced] = joins('heap-debug1.txt', 'm2.txt', 'captured/go1.19-escape-straddle');
  const heap = (joined: SiteEscape | undefined): string[] => (joined?.diagnostics ?? []).filter((d) => d.kind === 'escapes-to-heap').map((d) => `${d.line}:${d.column ?? '-'} ${d.subject ?? ''}`);
  const ambiguous24 = [2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 12288].map((n) => `24:- make([]byte, ${n})`);
  const ambiguous25 = [9472, 9728].map((n) => `25:- make([]byte, ${n})`);

  it('analyze --escape: a closure with a column has its make alone; func6 and func20, placed by their steps (24:252, 25:254), theirs and the line\'s column-less values; func7…func14 and main those alone', () => {
    expect(heap(placed.get('main.main.func1 main.go:24'))).toEqual(['24:38 make([]byte, 1024)']);
    expect(heap(placed.get('main.main.func5 main.go:24'))).toEqual(['24:218 make([]byte, 1536)']);
    expect(heap(placed.get('main.main.func6 main.go:24'))).toEqual(['24:- make([]byte, 1792)', ...ambiguous24]);
    expect(heap(placed.get('main.main.func14 main.go:24'))).toEqual(ambiguous24);
    expect(heap(placed.get('main.main main.go:24'))).toEqual(ambiguous24);
    expect(heap(placed.get('main.main.func19 main.go:25'))).toEqual(['25:218 make([]byte, 8192)']);
    expect(heap(placed.get('main.main.func20 main.go:25'))).toEqual(['25:- make([]byte, 6144)', ...ambiguous25]);
    expect(heap(placed.get('main.main.func22 main.go:25'))).toEqual(ambiguous25);
    // main's own messages at the line are not the closures': `... argument` (24:6), the func literals.
    expect(said(placed.get('main.main.func1 main.go:24'))).toEqual(['24:38 make([]byte, 1024) escapes to heap (returned)']);
    expect(said(placed.get('main.main main.go:24')).filter((m) => !m.includes('escapes'))).toEqual([
      '24:6 ... argument does not escape',
      ...[11, 56, 101, 146, 191, 236].map((c) => `24:${c} func literal does not escape`),
      ...Array.from({ length: 8 }, () => '24:undefined func literal does not escape'),
    ]);
  });

  it('analyze --escape: the column note with each value that could be another function\'s, in the explanation too', () => {
    const func14 = placed.get('main.main.func14 main.go:24');
    expect(func14?.diagnostics.map((d) => d.sharedWith?.length)).toEqual([9, 9, 9, 9, 9, 9, 9, 9, 9]);
    expect(func14?.comparison.status).toBe('agrees');
    expect(func14?.comparison.explanation).toBe(`the compiler says at ./main.go:24: ${[2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864].map((n) => `make([]byte, ${n}) escapes: returned at main.go:24 (column not printed: in main or one of its 9 closures at this line)`).join('; ')}; make([]byte, 12288) escapes: assigned to extra at main.go:24 → the heap (column not printed: in main or one of its 9 closures at this line)`);
    expect(placed.get('main.main.func6 main.go:24')?.diagnostics[0]?.sharedWith).toBeUndefined();
  });

  it('buildEscapeIndex (no analysis, no placement): every message of the line on every site of it, as before', () => {
    expect(heap(unplaced.get('main.main.func1 main.go:24'))).toHaveLength(15);
    expect(heap(unplaced.get('main.main.func22 main.go:25'))).toHaveLength(8);
  });
});

describe('twelve closures on one line (go1.19, captured/go1.19-escape-many): the sites of main.go:22 no longer all get the twelve makes', () => {
  const [placed] = joins('heap-debug1.txt', 'm2.txt', 'captured/go1.19-escape-many');
  const heap = (joined: SiteEscape | undefined): string[] => (joined?.diagnostics ?? []).filter((d) => d.kind === 'escapes-to-heap').map((d) => `${d.line}:${d.column ?? '-'} ${d.subject ?? ''}`);
  const ambiguous = [2048, 2304, 2688, 3072, 3200, 3456].map((n) => `22:- make([]byte, ${n})`);

  it('func1 … func5 their own; func6 its 1792 (return at 22:252) and the six without a column; func7 … func12 those six', () => {
    expect([1, 2, 3, 4, 5].map((k) => heap(placed.get(`main.main.func${k} main.go:22`)))).toEqual([
      ['22:38 make([]byte, 1024)'], ['22:83 make([]byte, 1152)'], ['22:128 make([]byte, 1280)'], ['22:173 make([]byte, 1408)'], ['22:218 make([]byte, 1536)'],
    ]);
    expect(heap(placed.get('main.main.func6 main.go:22'))).toEqual(['22:- make([]byte, 1792)', ...ambiguous]);
    for (const k of [7, 8, 9, 10, 11, 12]) expect(heap(placed.get(`main.main.func${k} main.go:22`)), `func${k}`).toEqual(ambiguous);
  });
});

describe('package-level variables (go1.19, captured/go1.19-escape-init): the main.init sites get the initialisers\' messages', () => {
  for (const [how, sites] of joins('heap-debug1.txt', 'm2.txt', 'captured/go1.19-escape-init').map((j, i) => [i === 0 ? 'analyze --escape' : 'buildEscapeIndex', j] as const)) {
    it(`${how}: main.init at main.go:19, 21, 29 and 40 (below newConfig) agrees; main.init.0 and main.glob..func2 have their own`, () => {
      const at = (key: string): string => { const j = sites.get(key); return `${j?.comparison.status} ${said(j).join(' | ')}`; };
      expect(at('main.init main.go:19')).toBe('agrees 19:17 make([]byte, 1 << 20) escapes to heap (stack-size)');
      expect(at('main.init main.go:21')).toBe('agrees 21:27 map[string]int{...} escapes to heap (stored-in-heap)');
      // &bytes.Buffer{...} at 29:26 is bytes.NewBuffer's body, inlined there: its site's, not main.init's.
      expect(at('main.init main.go:29')).toBe('agrees 29:31 make([]byte, 0, 4096) escapes to heap (stored-in-heap)');
      expect(at('main.init main.go:40')).toBe('agrees 40:16 make([]byte, 7168) escapes to heap (stored-in-heap)');
      expect(at('main.init.0 main.go:43')).toBe('agrees 43:17 make([]byte, 6000) escapes to heap (stored-in-heap)');
      // glob..func1's make (27:57) is not glob..func2's, once the analysis places them.
      expect(at('main.glob..func2 main.go:27')).toBe(how === 'analyze --escape'
        ? 'agrees 27:102 make([]byte, 5000) escapes to heap (returned)'
        : 'agrees 27:57 make([]byte, 3000) escapes to heap (returned) | 27:102 make([]byte, 5000) escapes to heap (returned)');
      // The chain of the explanation its cause (stack-size) comes from, not the first one's ("assigned to table at main.go:19:5 → the heap").
      expect(sites.get('main.init main.go:19')?.comparison.explanation).toBe('the compiler says at ./main.go:19: make([]byte, 1 << 20) escapes: it is too large for the stack at main.go:19:17 (1 more path)');
    });
  }
});

describe('closures on one line at plain -m (go1.19, captured/go1.19-escape-oneline): each site its closure\'s messages, as with -m=2', () => {
  const [m1] = joins('heap-debug1.txt', 'm1.txt', 'captured/go1.19-escape-oneline');
  const [m2] = joins('heap-debug1.txt', 'm2.txt', 'captured/go1.19-escape-oneline');
  const [, library] = joins('heap-debug1.txt', 'm1.txt', 'captured/go1.19-escape-oneline');
  const at = (sites: Map<string, SiteEscape>, key: string): string[] => (sites.get(key)?.diagnostics ?? []).map((d) => `${d.line}:${d.column} ${d.subject ?? d.message}`);
  const expected = {
    'main.main.func1 main.go:27': ['27:41 make([]byte, 1000)'],
    'main.main.func2 main.go:27': ['27:94 make([]byte, 2000)'],
    'main.main main.go:27': ['27:6 func literal', '27:67 func literal'],
    'main.main.func3 main.go:33': ['33:39 make([]byte, 3000)', '33:63 func literal'],
    'main.main.func3.1 main.go:33': ['33:90 make([]byte, 4000)'],
  };

  it('analyze --escape with plain -m: main.func1 (a defer: -m declares it not) gets the make at 27:41 by where its func literal starts; main.func3 (too costly) its own, named by main.func3.1', () => {
    for (const [key, messages] of Object.entries(expected)) expect(at(m1, key), key).toEqual(messages);
    for (const key of Object.keys(expected)) expect(m1.get(key)?.comparison.status, key).toBe('agrees');
  });

  it('-m=2 gives the same sites the same messages', () => {
    for (const [key, messages] of Object.entries(expected)) expect(at(m2, key), key).toEqual(messages);
  });

  it('the make in the closure plain -m does not name carries the note (the site\'s explanation, JSON\'s columnNote); the library\'s index (no analysis) puts every message of the line on every site, as before', () => {
    const func1 = m1.get('main.main.func1 main.go:27');
    expect(func1?.diagnostics[0]?.closureAt).toEqual({ column: 6, parent: 'main' });
    expect(func1?.comparison.explanation).toBe('the compiler says at ./main.go:27: make([]byte, 1000) escapes (not named by -m: in the closure that starts at column 6 of this line (in main), which plain -m does not declare (it declares only inlinable functions; -m=2 declares every one))');
    expect(m2.get('main.main.func1 main.go:27')?.diagnostics[0]?.closureAt).toBeUndefined();
    expect(at(library, 'main.main.func1 main.go:27')).toHaveLength(4);
  });
});
