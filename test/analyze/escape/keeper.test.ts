/**
 * Where a heap value goes by the compiler's -m=2 flows (keeper.ts keptBy), on the output of a real
 * go1.19 build (test/fixtures/captured/go1.19-escape42-keepers, README there): five ways a function
 * keeps a 1 KiB buffer, the join asked only about the lines of the buffers' `make`, as
 * `heapdoc analyze --escape` asks only about its sites' lines.
 */
import { describe, expect, it } from 'vitest';
import { EscapeIndexBuilder, escapesAt, type EscapeIndex } from '../../../src/analyze/escape/index.js';
import { keptBy, keptByFix } from '../../../src/analyze/escape/keeper.js';
import { parseGcflags } from '../../../src/grammar/gcflags/index.js';
import { readFixture } from '../../helpers/fixtures.js';

const DIR = 'captured/go1.19-escape42-keepers';
const FILE = '/build/keepers/main.go';

/** The index of a compiler output, with only `lines` of main.go wanted (sites.ts wantedLines). */
function indexOf(name: string, lines: number[]): EscapeIndex {
  const builder = new EscapeIndexBuilder(new Map([['main.go', new Set(lines)]]));
  for (const d of parseGcflags(readFixture(`${DIR}/${name}`)).messages) builder.add(d);
  return builder.finish();
}

/** The buffers' `make` lines: a() 12, b() 17, c() 22, d() 27, e() 32. */
const MAKES = [12, 17, 22, 27, 32];

describe('keptBy: the compiler\'s flows from a heap value to what keeps it', () => {
  const index = indexOf('escape-m2.txt', MAKES);
  const at = (line: number) => keptBy(index, escapesAt(index, FILE, line));

  it('a closure capturing the buffer, appended to a slice: found through the closure\'s own explanation at a line no site asked about', () => {
    expect(at(12)).toEqual({
      value: 'make([]byte, 1 << 10)', at: 'main.go:12:13',
      captured: { variable: 'buf', at: 'main.go:13:42', closureAt: 'main.go:13:18' },
      how: 'appended', into: 'ls', holder: 'ls', where: 'main.go:13:13',
      sentence: 'buf (make([]byte, 1 << 10), main.go:12:13) is captured by the func literal at main.go:13:18 (at main.go:13:42), which is appended to ls at main.go:13:13',
    });
    expect(keptByFix(at(12)!)).toBe("the compiler's -m=2 flows say where it goes: buf (make([]byte, 1 << 10), main.go:12:13) is captured by the func literal at main.go:13:18 (at main.go:13:42), which is appended to ls at main.go:13:13. If ls outlives the call (a global, or a field of something long-lived), every closure appended to it stays, with what it captures, until it is removed: remove the ones that are done from ls (unregister them), or bound ls.");
  });

  it('a closure stored at a map index: the map is the holder', () => {
    expect(at(17)?.sentence).toBe('buf (make([]byte, 1 << 10), main.go:17:13) is captured by the func literal at main.go:18:10 (at main.go:18:34), which is stored in m[id] at main.go:18:8');
    expect(keptByFix(at(17)!)).toBe("the compiler's -m=2 flows say where it goes: buf (make([]byte, 1 << 10), main.go:17:13) is captured by the func literal at main.go:18:10 (at main.go:18:34), which is stored in m[id] at main.go:18:8. If m outlives the call (a global, or a field of something long-lived), every closure stored in it stays, with what it captures, until its entry is deleted or overwritten: delete the ones that are done from m, or bound m.");
  });

  it('a closure assigned to one variable keeps one closure: nothing is said (it cannot grow)', () => {
    expect(at(22)).toBeUndefined();
  });

  it('the value itself appended, or stored at an index', () => {
    expect(at(27)).toMatchObject({ how: 'appended', into: 'bufs', where: 'main.go:28:15', sentence: 'make([]byte, 1 << 10) (main.go:27:13) is appended to bufs at main.go:28:15' });
    expect(at(27)?.captured).toBeUndefined();
    expect(at(32)).toMatchObject({ how: 'stored', into: 'bymap[id]', holder: 'bymap', sentence: 'make([]byte, 1 << 10) (main.go:32:18) is stored in bymap[id] at main.go:32:12' });
  });

  it('plain -m has no flows: nothing is invented', () => {
    const plain = indexOf('escape-m.txt', MAKES);
    for (const line of MAKES) {
      expect(escapesAt(plain, FILE, line).map((d) => d.message)).toEqual(['make([]byte, 1 << 10) escapes to heap']);
      expect(keptBy(plain, escapesAt(plain, FILE, line))).toBeUndefined();
    }
  });
});
