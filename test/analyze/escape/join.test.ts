/**
 * The join with heap profiles, on the real seed captures: the profile's frames name
 * /build/run-goX/src/seed/main.go, the compiler ./main.go.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildEscapeIndex, compareAllocationSite, EscapeIndexBuilder, escapesAt, isPackageInit, matchFile, pathSegments, type EscapeIndex } from '../../../src/analyze/escape/index.js';
import { isCallee, withoutTypeArguments } from '../../../src/analyze/escape/join.js';
import { joinSnapshots, wantedLines, type SiteEscape } from '../../../src/analyze/escape/sites.js';
import { hasCompilerMessages } from '../../../src/analyze/escape/site-report.js';
import { analyzeSnapshot } from '../../../src/analyze/snapshot.js';
import { summarizeGoroutineProfile } from '../../../src/analyze/goroutines/index.js';
import { parseGoroutineProfile } from '../../../src/grammar/goroutine/index.js';
import { heapSnapshot } from '../../../src/input/snapshot.js';
import { GcflagsReader, parseGcflags, type CompilerMessage } from '../../../src/grammar/gcflags/index.js';
import { parseHeapDump, type Frame } from '../../../src/grammar/heap/index.js';
import { compilerText, CORPUS, VERSIONS, type Version } from '../../grammar/gcflags/helpers.js';
import { FIXTURES, readFixture } from '../../helpers/fixtures.js';

function index(version: Version, file: string): EscapeIndex {
  return buildEscapeIndex(parseGcflags(compilerText(version, file)).messages);
}

function frames(version: Version, capture: string): Frame[] {
  const { dump, diagnostics } = parseHeapDump(readFileSync(`${CORPUS}/${version}/seed/${capture}`, 'utf8'), capture);
  expect(diagnostics).toEqual([]);
  return dump.stacks.flatMap((s) => s.frames);
}

function frameOf(version: Version, capture: string, fn: string): Frame & { file: string; line: number } {
  const frame = frames(version, capture).find((f) => f.function === fn);
  if (!frame?.file || frame.line === undefined) throw new Error(`${version} ${capture}: no frame ${fn}`);
  return frame as Frame & { file: string; line: number };
}

describe('routine4: the profile and the compiler agree', () => {
  for (const version of VERSIONS) {
    it(`${version}: main.routine4 allocates at main.go:29, where -m says make([]byte, 1000) escapes`, () => {
      const frame = frameOf(version, 'routine4.after-free.heap-debug1.txt', 'main.routine4');
      expect(frame.file).toBe(`/build/run-${version}/src/seed/main.go`);
      expect(frame.line).toBe(29);

      const plain = index(version, 'seed.gcflags-m.txt');
      expect(matchFile(plain, frame.file)).toEqual({ status: 'matched', file: './main.go', package: 'seed' });
      const here = escapesAt(plain, frame.file, frame.line);
      const make = here.filter((d) => d.kind === 'escapes-to-heap' && d.subject === 'make([]byte, 1000)');
      expect(make).toHaveLength(1);
      expect(make[0]).toMatchObject({ file: './main.go', line: 29, column: 32, message: 'make([]byte, 1000) escapes to heap' });
      const compared = compareAllocationSite(plain, frame.file, frame.line);
      expect(compared.status).toBe('agrees');
      expect(compared.compilerFile).toBe('./main.go');
      expect(compared.heap.map((d) => d.subject)).toContain('make([]byte, 1000)');
    });
  }

  it('go1.23 -m=2: the joined diagnostic carries the reason chain and the cause', () => {
    const frame = frameOf('go1.23', 'routine4.after-free.heap-debug1.txt', 'main.routine4');
    const explained = index('go1.23', 'seed.gcflags-m2.txt');
    const here = escapesAt(explained, frame.file, frame.line);
    // Explanation headers are folded into their -m line: one diagnostic per value.
    expect(here.filter((d) => d.explanation)).toEqual([]);
    const make = here.find((d) => d.subject === 'make([]byte, 1000)') as CompilerMessage & { cause?: string; sentence?: string };
    expect(make.message).toBe('make([]byte, 1000) escapes to heap');
    expect(make.cause).toBe('goroutine');
    expect(make.reasons?.map((r) => r.message)).toEqual([
      'flow: hello = &{storage for make([]byte, 1000)}',
      'from make([]byte, 1000) (spill)',
      'from hello := make([]byte, 1000) (assign)',
      'flow: .autotmp_1 = hello',
      'from .autotmp_1 = hello (assign-pair)',
      'flow: {storage for func literal} = .autotmp_1',
      'from .autotmp_1 (captured by a closure)',
    ]);
    expect(make.sentence).toBe('make([]byte, 1000) escapes: assigned to hello at main.go:29:25 → assigned to .autotmp_1 at main.go:29:48 → captured by a closure at main.go:29:48 → the closure is on the heap');
    // The wrapper closure of `go subroutine4(hello)` has an explanation but no -m line: it is kept.
    expect(here.filter((d) => d.kind === 'escapes-to-heap').map((d) => `${d.column} ${d.subject}`)).toEqual(['48 func literal', '32 make([]byte, 1000)']);
  });
});

describe('routine3: a line where the compiler says "does not escape"', () => {
  it('main.routine3 calls time.Sleep at main.go:28, where the buffer does not escape: the join says they disagree, and why', () => {
    const frame = frameOf('go1.23', 'routine3.after-free.heap-debug1.txt', 'main.routine3');
    expect(frame.line).toBe(28);
    const compared = compareAllocationSite(index('go1.23', 'seed.gcflags-m.txt'), frame.file, frame.line);
    expect(compared.status).toBe('disagrees');
    expect(compared.heap).toEqual([]);
    expect(compared.diagnostics.map((d) => `${d.kind} ${d.subject}`)).toEqual(['inlining-call sync.(*WaitGroup).Done', 'does-not-escape make([]byte, 10000)']);
    expect(compared.explanation).toBe('the profile allocates at ./main.go:28 but the compiler says "make([]byte, 10000) does not escape": '
      + 'the allocation may be inside a function called from this line (sync.(*WaitGroup).Done is inlined here); '
      + 'or the profile and the -m output come from different builds (edited source, another Go version or flags)');
  });

  it('the allocating frame itself (time.Sleep in runtime/time.go) is not in the -m output of the seed package', () => {
    const sleep = frameOf('go1.23', 'routine3.after-free.heap-debug1.txt', 'time.Sleep');
    expect(sleep.file).toBe('/build/go-1.23.2/src/runtime/time.go');
    const compared = compareAllocationSite(index('go1.23', 'seed.gcflags-m.txt'), sleep.file, sleep.line);
    expect(compared.status).toBe('not-covered');
    expect(escapesAt(index('go1.23', 'seed.gcflags-m.txt'), sleep.file, sleep.line)).toEqual([]);
  });

  it('go1.25+ reports a non-constant make as "does not escape": the explanation says it may still be on the heap', () => {
    const diagnostics: CompilerMessage[] = [
      { kind: 'does-not-escape', file: './main.go', line: 40, column: 11, package: 'app', message: 'make([]byte, n) does not escape', subject: 'make([]byte, n)', inputLine: 2 },
    ];
    const compared = compareAllocationSite(buildEscapeIndex(diagnostics), '/src/app/main.go', 40);
    expect(compared.status).toBe('disagrees');
    expect(compared.explanation).toContain('a make whose size is not a constant or is too large for the stack is allocated on the heap even when it does not escape');
  });
});

describe('silent lines and paths', () => {
  it('go1.26: main.serve at main.go:84 allocates inside a callee; the compiler has nothing about heap values there', () => {
    const frame = frameOf('go1.26-devel', 'routine4.after-free.heap-debug1.txt', 'main.serve');
    expect(frame.line).toBe(84);
    const compared = compareAllocationSite(index('go1.26-devel', 'seed.gcflags-m.txt'), frame.file, frame.line);
    expect(compared.status).toBe('silent');
    expect(compared.diagnostics).toEqual([]);
  });

  it('inlined bodies from the toolchain match the toolchain path of the profile', () => {
    const idx = index('go1.23', 'seed.gcflags-m.txt');
    expect(matchFile(idx, '/build/go-1.23.2/src/log/log.go')).toEqual({ status: 'matched', file: '../../../go-1.23.2/src/log/log.go', package: 'seed' });
    expect(escapesAt(idx, '/build/go-1.23.2/src/log/log.go', 397).map((d) => d.message)).toEqual([
      'leaking param: b to result ~r0 level=0', 'leaking param: b to result ~r0 level=0',
    ]);
    // Another toolchain's log.go is not this one.
    expect(matchFile(idx, '/usr/lib/go-1.19/src/log/log.go')).toEqual({ status: 'none' });
  });

  it('std positions (built in $GOROOT/src) match any GOROOT; every segment the compiler printed must agree', () => {
    const idx = index('go1.23', 'net_http.gcflags-m.txt');
    expect(matchFile(idx, '/usr/local/go/src/net/http/server.go')).toEqual({ status: 'matched', file: 'net/http/server.go', package: 'net/http' });
    expect(matchFile(idx, '/home/me/project/http/server.go')).toEqual({ status: 'none' });
    expect(escapesAt(idx, '/usr/local/go/src/net/http/server.go', 1).length).toBe(0);
  });

  it('the longest suffix wins; a tie between two files is refused, or broken by the package path', () => {
    const d = (file: string, pkg: string, line: number): CompilerMessage => ({
      kind: 'escapes-to-heap', file, line, column: 2, package: pkg, message: `v${line} escapes to heap`, subject: `v${line}`, inputLine: line,
    });
    const idx = buildEscapeIndex([d('./main.go', 'example.com/app', 10), d('./cmd/tool/main.go', 'example.com/app/cmd/tool', 11),
      d('./util.go', 'example.com/a', 12), d('./util.go', 'example.com/b', 13), d('C:\\work\\win\\w.go', 'win', 14)]);
    expect(matchFile(idx, '/src/app/cmd/tool/main.go')).toEqual({ status: 'matched', file: './cmd/tool/main.go', package: 'example.com/app/cmd/tool' });
    expect(matchFile(idx, '/src/app/main.go')).toEqual({ status: 'matched', file: './main.go', package: 'example.com/app' });
    expect(matchFile(idx, '/src/a/util.go')).toEqual({ status: 'matched', file: './util.go', package: 'example.com/a' });
    expect(matchFile(idx, '/src/c/util.go')).toEqual({ status: 'ambiguous', candidates: ['./util.go', './util.go'] });
    expect(escapesAt(idx, '/src/c/util.go', 12)).toEqual([]);
    expect(compareAllocationSite(idx, '/src/c/util.go', 12).status).toBe('ambiguous');
    expect(escapesAt(idx, 'C:/work/win/w.go', 14).map((x) => x.message)).toEqual(['v14 escapes to heap']);
    expect(pathSegments('C:\\work\\win\\w.go')).toEqual(['C:', 'work', 'win', 'w.go']);
  });
});

describe('EscapeIndexBuilder: the index as the compiler output streams', () => {
  /** Index of `text` built message by message, dealing explanations out at every package header as analyze --escape does. */
  function streamed(text: string, headers: boolean): EscapeIndex {
    const builder = new EscapeIndexBuilder();
    const reader = new GcflagsReader('m2.txt', { keep: false, onMessage: (d) => builder.add(d), onPackage: () => headers && builder.packageHeader() });
    reader.push(text);
    expect(reader.end().diagnostics).toEqual([]);
    return builder.finish();
  }
  const reasonsAt = (idx: EscapeIndex, line: number): string[][] =>
    escapesAt(idx, 'seed/main.go', line).map((d) => d.reasons ?? []).map((r) => r.map((step) => JSON.stringify(step)));

  it('go1.19 seed -m=2: streamed gives the same index as buildEscapeIndex', () => {
    const text = compilerText('go1.19', 'seed.gcflags-m2.txt');
    const whole = index('go1.19', 'seed.gcflags-m2.txt');
    const stream = streamed(text, true);
    expect(stream.size).toBe(whole.size);
    expect(escapesAt(whole, 'seed/main.go', 29).map((d) => d.message)).toEqual([
      'cannot inline routine4: unhandled op GO',
      'inlining call to sync.(*WaitGroup).Done',
      'routine4 capturing by value: .autotmp_2 (addr=false assign=false width=24)',
      'func literal escapes to heap',
      'make([]byte, 1000) escapes to heap',
    ]);
    expect(escapesAt(stream, 'seed/main.go', 29)).toEqual(escapesAt(whole, 'seed/main.go', 29));
  });

  it('two builds of one package, one after the other: each -m line gets its own build\'s explanations, not both', () => {
    const text = compilerText('go1.19', 'seed.gcflags-m2.txt');
    const once = streamed(text, true);
    const twice = streamed(text + text, true);
    expect(twice.size).toBe(2 * once.size);
    const single = reasonsAt(once, 29);
    expect(single.some((r) => r.length > 0)).toBe(true);
    expect(reasonsAt(twice, 29)).toEqual([...single, ...single]);
  });
});

describe('EscapeIndexBuilder with the lines the sites ask about (wantedLines)', () => {
  function snapshotOf(version: Version, capture: string) {
    const { dump } = parseHeapDump(readFileSync(`${CORPUS}/${version}/seed/${capture}`, 'utf8'), capture);
    return analyzeSnapshot(capture, heapSnapshot(dump), []);
  }
  function build(text: string, wanted?: ReadonlyMap<string, ReadonlySet<number>>): EscapeIndex {
    const builder = new EscapeIndexBuilder(wanted);
    const reader = new GcflagsReader('m.txt', { keep: false, onMessage: (d) => builder.add(d), onPackage: () => builder.packageHeader() });
    reader.push(text);
    reader.end();
    return builder.finish();
  }

  it('every seed capture, -m and -m=2, four Go releases: the same join as with every line indexed, from a fraction of the messages', () => {
    let joinedSites = 0;
    for (const version of VERSIONS) {
      const snapshots = ['routine1.after-wait.heap-debug1.txt', 'routine2.after-wait.heap-debug1.txt', 'routine4.after-free.heap-debug1.txt']
        .map((capture) => snapshotOf(version, capture));
      const wanted = wantedLines(snapshots);
      expect(wanted.get('main.go')?.has(29)).toBe(true); // routine4's make
      for (const file of ['seed.gcflags-m.txt', 'seed.gcflags-m2.txt']) {
        const text = compilerText(version, file);
        const all = build(text);
        const some = build(text, wanted);
        expect(some.size).toBeLessThan(all.size / 2);
        const plain = (index: EscapeIndex) => [...joinSnapshots(index, snapshots)].map(([site, joined]) => [site.function, site.line, joined]);
        const expected = plain(all);
        expect(plain(some), `${version} ${file}`).toEqual(expected);
        joinedSites += expected.filter(([, , joined]) => hasCompilerMessages(joined as SiteEscape)).length;
      }
    }
    // routine4's site, in each release and -m flavour, and go1.26's net/http.Serve, inlined into main.serve.func3 at main.go:88 (its &http.Server{...} at 88:34: server.go not covered); the other sites: silent or not covered.
    expect(joinedSites).toBe(10);
  });

  it('the sample programs (go1.19, -m and -m=2 of seven packages) against the last snapshot of each scenario: the same join', () => {
    let joinedSites = 0;
    for (const scenario of ['heap-leak', 'burst', 'churn', 'goroutine-leak', 'memlimit', 'mixed', 'offheap', 'rare-gc']) {
      const last = readdirSync(`${FIXTURES}/scenarios/${scenario}`).filter((f) => f.endsWith('.heap-debug1.txt')).sort().at(-1) as string;
      const { dump } = parseHeapDump(readFixture(`scenarios/${scenario}/${last}`), last);
      const snapshots = [analyzeSnapshot(last, heapSnapshot(dump), [])];
      for (const file of ['gcflags-m.txt', 'gcflags-m2.txt']) {
        const text = readFixture(`captured/go1.19-samples-gcflags/${file}`);
        const plain = (index: EscapeIndex) => [...joinSnapshots(index, snapshots)].map(([site, joined]) => [site.function, site.line, joined]);
        const expected = plain(build(text));
        expect(plain(build(text, wantedLines(snapshots))), `${scenario} ${file}`).toEqual(expected);
        joinedSites += expected.filter(([, , joined]) => hasCompilerMessages(joined as SiteEscape)).length;
      }
    }
    expect(joinedSites).toBe(18); // one site of each scenario's program, in -m and -m=2, and one whose line is silent but the runtime's work under it is said (since text and Markdown say it too)
  });

  it('with frames (the terminal UI), the goroutine groups\' frame lines too: main.go:38 of the goroutine-leak program is in no heap stack', () => {
    const last = 'scenarios/goroutine-leak/06-t6';
    const { dump } = parseHeapDump(readFixture(`${last}.heap-debug1.txt`), last);
    const snapshots = [analyzeSnapshot(last, heapSnapshot(dump), [])];
    const goroutines = [summarizeGoroutineProfile(parseGoroutineProfile(readFixture(`${last}.goroutine-debug1.txt`), last).profile, last)];
    const file = '/tmp/heapdoc-samples-gopath/src/heapdoc-samples/goroutine-leak/main.go';
    const text = readFixture('captured/go1.19-samples-gcflags/gcflags-m2.txt');
    expect(wantedLines(snapshots, { frames: true }).get('main.go')?.has(38)).toBe(false);
    // main.main's frame of the park.Phase group (the `go` statements' creator lines too).
    expect([...(wantedLines(snapshots, { frames: true, goroutines }).get('main.go') ?? [])].sort((a, b) => a - b)).toEqual([21, 26, 38]);
    // Without frames (the reports), the sites' own lines only: main.waitForReply's at 21.
    expect([...(wantedLines(snapshots, { goroutines }).get('main.go') ?? [])]).toEqual([21]);
    const index = build(text, wantedLines(snapshots, { frames: true, goroutines }));
    expect(escapesAt(index, file, 38).map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual(['38:25 ... argument does not escape', '38:26 phase escapes to heap']);
  });
});

describe('a package and its test variant (go1.19: go build -gcflags=-m, then go test -c -gcflags=-m)', () => {
  it('p.go:5 is said under `# tv/p` and `# tv/p [tv/p.test]`: joined once', () => {
    const { messages, diagnostics } = parseGcflags(readFixture('gcflags/test-variant.m.txt'));
    expect(diagnostics).toEqual([]);
    expect(messages.filter((d) => d.file === 'p/p.go' && d.line === 5 && d.column === 32).map((d) => d.package)).toEqual(['tv/p', 'tv/p [tv/p.test]']);
    const at = escapesAt(buildEscapeIndex(messages), '/home/u/tv/p/p.go', 5);
    expect(at.map((d) => `${d.column} ${d.message}`)).toEqual(['6 can inline Alloc', '32 make([]byte, n) escapes to heap']);
    expect(compareAllocationSite(buildEscapeIndex(messages), '/home/u/tv/p/p.go', 5).explanation).toBe('the compiler says at p/p.go:5: make([]byte, n) escapes');
  });
});

describe('one file, two spellings (go1.19: a generic function of package store instantiated in main)', () => {
  const dir = 'captured/go1.19-audit-tui';
  const text = readFixture(`${dir}/prog2.m2.txt`);
  const frame = '/tmp/audit-tui/prog2/store/store.go';

  it('`store/store.go` (# example.com/prog2/store) and `./store/store.go` (# example.com/prog2) are one file: both packages\' messages, once each', () => {
    const { messages } = parseGcflags(text, 'prog2.m2.txt');
    expect([...new Set(messages.filter((d) => d.file.endsWith('store/store.go')).map((d) => `${d.file} ${d.package}`))]).toEqual([
      'store/store.go example.com/prog2/store', './store/store.go example.com/prog2',
    ]);
    const idx = buildEscapeIndex(messages);
    // The owner's spelling: store.go is in package store.
    expect(matchFile(idx, frame)).toEqual({ status: 'matched', file: 'store/store.go', package: 'example.com/prog2/store' });
    const put = compareAllocationSite(idx, frame, 16);
    expect(put.status).toBe('agrees');
    expect(put.heap.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual(['16:8 &Item{...} escapes to heap', '16:31 make([]byte, n) escapes to heap']);
    expect(put.explanation).toBe('the compiler says at store/store.go:16: &Item{...} escapes: assigned to it at store/store.go:16:5 → passed to append at store/store.go:17:18 → the heap; make([]byte, n) escapes: its size is not a constant at store/store.go:16:31');
    // Keys[T]'s make is reported only where main instantiates it.
    expect(escapesAt(idx, frame, 28).filter((d) => d.kind === 'escapes-to-heap').map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual(['28:13 make([]string, int(0), len(store.m)) escapes to heap']);
  });

  it('joined with the profile: the top site (*Store).Put at store.go:16 gets both heap values', async () => {
    const { dump } = parseHeapDump(readFixture(`${dir}/prog2.heap-debug1.txt`), 'prog2.heap-debug1.txt');
    const snapshots = [analyzeSnapshot('prog2.heap-debug1.txt', heapSnapshot(dump), [])];
    const joined = [...joinSnapshots(buildEscapeIndex(parseGcflags(text).messages), snapshots)];
    const put = joined.find(([site]) => site.function === 'example.com/prog2/store.(*Store).Put' && site.line === 16)?.[1];
    expect(put?.comparison.status).toBe('agrees');
    expect(put?.diagnostics.map((d) => `${d.line}:${d.column} ${d.message} (${d.cause})`)).toEqual([
      '16:8 &Item{...} escapes to heap (call-argument)', '16:31 make([]byte, n) escapes to heap (stack-size)',
    ]);
  });

  it('the same message under both spellings is kept once; two packages that each own `./util.go` still tie', () => {
    const d = (file: string, pkg: string, column: number, message: string): CompilerMessage => ({
      kind: 'escapes-to-heap', file, line: 7, column, package: pkg, message, subject: message.replace(/ escapes to heap$/, ''), inputLine: 1,
    });
    const idx = buildEscapeIndex([
      d('lib/lib.go', 'example.com/m/lib', 2, 'x escapes to heap'), d('./lib/lib.go', 'example.com/m', 2, 'x escapes to heap'),
      d('./lib/lib.go', 'example.com/m/cmd/tool', 9, 'y escapes to heap'),
      d('./util.go', 'example.com/a', 3, 'u escapes to heap'), d('./util.go', 'example.com/b', 3, 'v escapes to heap'),
    ]);
    expect(escapesAt(idx, '/src/m/lib/lib.go', 7).map((x) => `${x.column} ${x.message}`)).toEqual(['2 x escapes to heap', '9 y escapes to heap']);
    expect(matchFile(idx, '/src/m/lib/lib.go')).toEqual({ status: 'matched', file: 'lib/lib.go', package: 'example.com/m/lib' });
    expect(matchFile(idx, '/src/b/util.go')).toEqual({ status: 'matched', file: './util.go', package: 'example.com/b' });
    expect(matchFile(idx, '/src/c/util.go')).toEqual({ status: 'ambiguous', candidates: ['./util.go', './util.go'] });
  });
});

describe('isCallee: a generic function whatever its type arguments', () => {
  it('matches the profile\'s [...] with the compiler\'s shapes, nested lists included', () => {
    expect(withoutTypeArguments('store.Map[go.shape.*uint8_0,go.shape.[]map[string]int_1]')).toBe('store.Map[...]');
    expect(withoutTypeArguments('store.(*Cache[go.shape.string_0,List[go.shape.int_0]]).Put')).toBe('store.(*Cache[...]).Put');
    expect(isCallee('example.com/escprog/store.NewCache[...]', 'store.NewCache[go.shape.string_0,go.shape.*uint8_1]')).toBe(true);
    expect(isCallee('example.com/escprog/store.(*Cache[...]).Put', 'store.(*Cache[go.shape.string_0,go.shape.*uint8_1]).Put')).toBe(true);
    expect(isCallee('example.com/escprog/store.NewCache[...]', 'store.NewRecord')).toBe(false);
    expect(isCallee('main.newRecord', 'newRecord')).toBe(true);
  });
});

describe('one file, three spellings (go1.19: gen.Repeat[T] instantiated by gen itself, by package a and by main)', () => {
  const dir = 'captured/go1.19-escape-three-packages';
  const text = readFixture(`${dir}/build-m2.txt`);
  const frame = '/tmp/lo2/three/gen/gen.go';
  const heapAt6 = ['6:13 make([]go.shape.uint8_0, 0, n) escapes to heap', '6:13 make([]go.shape.string_0, int(0), gen.n) escapes to heap', '6:13 make([]go.shape.int_0, int(0), gen.n) escapes to heap'];

  it('`gen/gen.go` (gen), `./gen/gen.go` (main) and `/tmp/lo2/three/gen/gen.go` (a) are one file: the three instantiations\' heap values at line 6', () => {
    const { messages } = parseGcflags(text, 'build-m2.txt');
    expect([...new Set(messages.filter((d) => d.file.endsWith('gen/gen.go')).map((d) => `${d.file} ${d.package}`))]).toEqual([
      'gen/gen.go example.com/three/gen', '/tmp/lo2/three/gen/gen.go example.com/three/a', './gen/gen.go example.com/three',
    ]);
    const idx = buildEscapeIndex(messages);
    expect(matchFile(idx, frame)).toEqual({ status: 'matched', file: 'gen/gen.go', package: 'example.com/three/gen' });
    const repeat = compareAllocationSite(idx, frame, 6);
    expect(repeat.status).toBe('agrees');
    expect(repeat.heap.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual(heapAt6);
    // Box[T]'s new: main's and a's instantiations (gen has none of its own).
    expect(escapesAt(idx, frame, 15).filter((d) => d.kind === 'escapes-to-heap').map((d) => d.message)).toEqual(['new(go.shape.string_0) escapes to heap', 'new(go.shape.int_0) escapes to heap']);
  });

  it('a profile from another root (/build/three): the absolute spelling does not fit it, and is still the same file as the relative ones', () => {
    const idx = buildEscapeIndex(parseGcflags(text).messages);
    expect(compareAllocationSite(idx, '/build/three/gen/gen.go', 6).heap.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual(heapAt6);
  });

  it('joined with the profile: the one site gen.Repeat[...] at gen.go:6 (20.6 MiB, three callers) gets the three heap values', () => {
    const { dump } = parseHeapDump(readFixture(`${dir}/three.heap-debug1.txt`), 'three.heap-debug1.txt');
    const snapshots = [analyzeSnapshot('three.heap-debug1.txt', heapSnapshot(dump), [])];
    const joined = [...joinSnapshots(buildEscapeIndex(parseGcflags(text).messages), snapshots)];
    const repeat = joined.filter(([site]) => site.function === 'example.com/three/gen.Repeat[...]');
    expect(repeat.map(([site]) => [site.line, site.stacks.length])).toEqual([[6, 3]]);
    expect(repeat[0]?.[1].comparison.status).toBe('agrees');
    expect(repeat[0]?.[1].diagnostics.filter((d) => d.kind === 'escapes-to-heap').map((d) => `${d.line}:${d.column} ${d.message} (${d.cause})`)).toEqual(heapAt6.map((m) => `${m} (stack-size)`));
  });

  it('an absolute path that is another file is not merged: `./util.go` of the build directory\'s package is not /src/x/lib/util.go', () => {
    const d = (file: string, pkg: string, column: number, message: string): CompilerMessage => ({
      kind: 'escapes-to-heap', file, line: 7, column, package: pkg, message, subject: message.replace(/ escapes to heap$/, ''), inputLine: 1,
    });
    const idx = buildEscapeIndex([d('./util.go', 'example.com/x', 3, 'u escapes to heap'), d('/src/x/lib/util.go', 'example.com/x/cmd', 5, 'w escapes to heap')]);
    expect(escapesAt(idx, '/src/x/lib/util.go', 7).map((x) => `${x.column} ${x.message}`)).toEqual(['5 w escapes to heap']);
    // The build directory's package's own file, and its absolute spelling (compiled by another package), are one.
    expect(escapesAt(buildEscapeIndex([d('./util.go', 'example.com/x', 3, 'u escapes to heap'), d('/src/x/util.go', 'example.com/x/cmd', 5, 'w escapes to heap')]), '/src/x/util.go', 7).map((x) => `${x.column} ${x.message}`)).toEqual(['3 u escapes to heap', '5 w escapes to heap']);
  });
});

describe('a profile frame that is a package\'s initialisation (isPackageInit): never declared, so no sign of another build', () => {
  it('the package path, then .init; not a user\'s func init (init.0), nor a method named init', () => {
    expect(['main.init', 'example.com/app/store.init', 'gopkg.in/yaml%2ev3.init', 'main.init.0', 'main.(*T).init', 'main.T.init', 'main.glob..func1', 'init'].map((f) => `${f} ${isPackageInit(f)}`)).toEqual([
      'main.init true', 'example.com/app/store.init true', 'gopkg.in/yaml%2ev3.init true', 'main.init.0 false', 'main.(*T).init false', 'main.T.init false', 'main.glob..func1 false', 'init false',
    ]);
  });
});
