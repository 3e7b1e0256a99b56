/**
 * The join of a heap profile's sites with the compiler's messages (sites.ts): a site's frame gets
 * the messages of its own code at its line, not those of a call inlined at that line, which
 * belong to the inlined function's own sites. Real go1.19 inputs: test/fixtures/captured/go1.19-escape.
 */
import { describe, expect, it } from 'vitest';
import { buildEscapeIndex, EscapeIndexBuilder, type EscapeIndex } from '../../../src/analyze/escape/index.js';
import { joinSnapshots, wantedLines, type SiteEscape } from '../../../src/analyze/escape/sites.js';
import { analyzeSnapshot } from '../../../src/analyze/snapshot.js';
import { heapSnapshot } from '../../../src/input/snapshot.js';
import { GcflagsReader, parseGcflags } from '../../../src/grammar/gcflags/index.js';
import { parseHeapDump } from '../../../src/grammar/heap/index.js';
import { readFixture } from '../../helpers/fixtures.js';

const DIR = 'captured/go1.19-escape';

/** As `heapdoc analyze DUMP --escape M` joins them (the inlining calls passed to inlinedCall only), and as the library does (buildEscapeIndex). */
function joins(dump: string, m2: string): Array<Map<string, SiteEscape>> {
  const { dump: parsed } = parseHeapDump(readFixture(`${DIR}/${dump}`), dump);
  const snapshots = [analyzeSnapshot(dump, heapSnapshot(parsed), [])];
  const text = readFixture(`${DIR}/${m2}`);
  const builder = new EscapeIndexBuilder(wantedLines(snapshots));
  const reader = new GcflagsReader(m2, {
    keep: false,
    onMessage: (d) => (d.kind === 'inlining-call' ? builder.inlinedCall(d) : d.kind !== 'can-inline' && d.kind !== 'cannot-inline' ? builder.add(d) : undefined),
    onPackage: () => builder.packageHeader(),
  });
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
      expect(append?.comparison.explanation).toBe('the compiler reports nothing about heap values at ./main.go:35: the allocation is inside a function called from this line, or by the runtime (append or map growth), or the line moved since the -m output was made');
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
