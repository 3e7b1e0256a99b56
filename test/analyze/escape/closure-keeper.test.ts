/**
 * Which closure keeps a heap value (keeper.ts closureKeeper), on real go1.19 builds: a buffer too
 * large for the stack, whose -m=2 flows stop at `too large for stack`, is tied to the closure that
 * captures it by the `F capturing by value: buf` line at its declaration
 * (test/fixtures/captured/go1.19-closure46-captures, README there: six functions, each a way to
 * capture or not); and through the flows' `captured by a closure` step when they go on
 * (go1.19-escape42-keepers). The index is asked only about the buffers' lines, as `heapdoc analyze
 * --escape` asks only about its sites' lines.
 */
import { describe, expect, it } from 'vitest';
import { EscapeIndexBuilder, escapesAt, sourceStatements, type EscapeIndex } from '../../../src/analyze/escape/index.js';
import { closureKeeper, keptBy, keptByFix } from '../../../src/analyze/escape/keeper.js';
import { parseGcflags } from '../../../src/grammar/gcflags/index.js';
import { readFixture } from '../../helpers/fixtures.js';

/**
 * The index of a compiler output, with only `lines` of main.go wanted (sites.ts wantedLines), and
 * the program's main.go beside it (`program`), whose lines tell a go statement's closure from a
 * looping defer's, as `heapdoc analyze --escape` reads them.
 */
function indexOf(path: string, lines: number[], program?: string): EscapeIndex {
  const source = program === undefined ? undefined : readFixture(program).split('\n');
  const builder = new EscapeIndexBuilder(new Map([['main.go', new Set(lines)]]), source && sourceStatements((file, n) => (file === './main.go' ? source[n - 1] : undefined)));
  for (const d of parseGcflags(readFixture(path)).messages) builder.add(d);
  return builder.finish();
}

const CAPTURES = 'captured/go1.19-closure46-captures';
const FILE = '/build/captures/main.go';
/** The buffers' lines: one 15, two 21, other 29, stays 38, byRef 45, spawn 52, multi 61. */
const BUFFERS = [15, 21, 29, 38, 45, 52, 61];

describe('closureKeeper: a capture line ties a buffer too large for the stack to its closure', () => {
  const index = indexOf(`${CAPTURES}/escape-m2.txt`, BUFFERS, `${CAPTURES}/main.go`);
  const heap = (line: number) => escapesAt(index, FILE, line).filter((d) => d.kind === 'escapes-to-heap' || d.kind === 'moved-to-heap');
  const at = (line: number) => closureKeeper(index, heap(line), escapesAt(index, FILE, line));

  it('one closure captures it and is appended to a global: that closure, by the capture line', () => {
    expect(heap(15).map((d) => d.sentence)).toEqual(['make([]byte, 128 << 10) escapes: it is too large for the stack at main.go:15:13']);
    expect(at(15)).toEqual({
      value: 'make([]byte, 128 << 10)', at: 'main.go:15:13', variable: 'buf', variableAt: 'main.go:15:2', by: 'value',
      closure: 'one.func1', closureAt: 'main.go:16:30', from: 'capturing',
      store: { how: 'appended', into: 'handlers', holder: 'handlers', where: 'main.go:16:19' },
      escapes: 'passed to append at main.go:16:19 → the heap',
      sentence: 'kept by the closure at main.go:16:30 (one.func1), which captures buf and is appended to handlers at main.go:16:19: it stays as long as that closure is reachable',
    });
    const kept = keptBy(index, heap(15), at(15));
    expect(kept?.captured).toEqual({ variable: 'buf', at: 'main.go:15:2', closureAt: 'main.go:16:30', from: 'capturing', closure: 'one.func1' });
    expect(keptByFix(kept!)).toBe("the compiler's -m=2 capture line and the closure's flows say where it goes: buf (make([]byte, 128 << 10), main.go:15:13; declared at main.go:15:2) is captured by the func literal at main.go:16:30 (one.func1), which is appended to handlers at main.go:16:19. If handlers outlives the call (a global, or a field of something long-lived), every closure appended to it stays, with what it captures, until it is removed: remove the ones that are done from handlers (unregister them), or bound handlers.");
  });

  it('two closures whose bodies both name it, one escaping: not guessed between', () => {
    // One line for each closure that captures it: the line does not say which closure is which.
    expect(escapesAt(index, FILE, 21).filter((d) => d.kind === 'capturing').map((d) => d.message)).toEqual([
      'two capturing by value: buf (addr=false assign=false width=24)',
      'two capturing by value: buf (addr=false assign=false width=24)',
    ]);
    expect(at(21)).toBeUndefined();
    expect(keptBy(index, heap(21), at(21))).toBeUndefined();
  });

  it('two closures, only one body names it: that one, stored at a map index', () => {
    expect(at(29)?.sentence).toBe('kept by the closure at main.go:33:13 (other.func2), which captures buf and is stored in byID[id] at main.go:33:11: it stays as long as that closure is reachable');
  });

  it('its one closure does not escape: nothing kept past the call, nothing said', () => {
    expect(at(38)).toBeUndefined();
  });

  it('captured by reference (reassigned after): the make, not the variable moved to the heap', () => {
    expect(heap(45).map((d) => d.message)).toEqual(['moved to heap: buf', 'make([]byte, 128 << 10) escapes to heap']);
    expect(at(45)).toMatchObject({ value: 'make([]byte, 128 << 10)', by: 'reference', closure: 'byRef.func1', from: 'capturing' });
    expect(at(45)?.sentence).toBe('kept by the closure at main.go:46:30 (byRef.func1), which captures buf and is appended to handlers at main.go:46:19: it stays as long as that closure is reachable');
  });

  it('a goroutine\'s closure: the closure\'s own escape in words, and no holder for a fix', () => {
    expect(at(52)?.sentence).toBe('kept by the closure at main.go:53:5 (spawn.func1), which captures buf and escapes: handed to a goroutine (go statement): it stays as long as that closure is reachable');
    expect(keptBy(index, heap(52), at(52))).toBeUndefined();
  });

  it('a closure over several lines: its flow captures the buffer at 63:12, below the func literal at 62:17', () => {
    expect(heap(61).map((d) => d.sentence)).toEqual(['make([]byte, 1 << 10) escapes: assigned to buf at main.go:61:6 → captured by a closure at main.go:63:12 → the closure is on the heap']);
    expect(at(61)).toMatchObject({ variable: 'buf', variableAt: 'main.go:63:12', closure: 'multi.func1', closureAt: 'main.go:62:17', from: 'flows' });
    expect(at(61)?.sentence).toBe('kept by the closure at main.go:62:17 (multi.func1), which captures buf and is stored in byID[id + 100] at main.go:62:15: it stays as long as that closure is reachable');
    expect(keptBy(index, heap(61), at(61))?.sentence).toBe('buf (make([]byte, 1 << 10), main.go:61:13) is captured by the func literal at main.go:62:17 (at main.go:63:12), which is stored in byID[id + 100] at main.go:62:15');
  });

  it('plain -m has no capture lines nor flows: nothing is said', () => {
    const plain = indexOf(`${CAPTURES}/escape-m.txt`, BUFFERS);
    for (const line of BUFFERS) expect(closureKeeper(plain, escapesAt(plain, FILE, line), escapesAt(plain, FILE, line))).toBeUndefined();
  });
});

describe('closureKeeper through the flows (go1.19-escape42-keepers)', () => {
  const index = indexOf('captured/go1.19-escape42-keepers/escape-m2.txt', [12, 17, 22]);
  const at = (line: number) => closureKeeper(index, escapesAt(index, '/build/keepers/main.go', line), escapesAt(index, '/build/keepers/main.go', line));

  it('the capture step names the closure; one assigned to a variable still keeps the buffer', () => {
    expect(at(12)).toMatchObject({ variable: 'buf', variableAt: 'main.go:13:42', closure: 'a.func1', closureAt: 'main.go:13:18', from: 'flows' });
    expect(at(12)?.by).toBeUndefined();
    expect(at(17)?.sentence).toBe('kept by the closure at main.go:18:10 (b.func1), which captures buf and is stored in m[id] at main.go:18:8: it stays as long as that closure is reachable');
    expect(at(22)?.sentence).toBe('kept by the closure at main.go:23:8 (c.func1), which captures buf and escapes: assigned to one at main.go:23:6 → the heap: it stays as long as that closure is reachable');
  });
});
