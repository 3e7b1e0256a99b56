/**
 * The one-process check by binary identity (issue #9, item 3), on every real dump of the corpus:
 * the dumps of one program agree, whatever their kind (heap, allocs, goroutine debug=1 and
 * debug=2); the dumps of two programs, or of one program built by two toolchains, do not.
 */
import { describe, expect, it } from 'vitest';
import { summarizeGoroutineProfile, summarizeTraceback } from '../../src/analyze/goroutines/index.js';
import { flattenIdentity, identityOf, notOneProgram, programsOf, type IdentifiedDump } from '../../src/analyze/series/identity.js';
import { analyzeSeries } from '../../src/analyze/series/index.js';
import { analyzeSnapshot } from '../../src/analyze/snapshot.js';
import { parseGoroutineProfile } from '../../src/grammar/goroutine/index.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { parseTraceback } from '../../src/grammar/traceback/index.js';
import { HeapdocProblems } from '../../src/input/errors.js';
import { corpusFiles, readCorpus, readFixture, VERSIONS } from '../helpers/fixtures.js';
import { heapSnapshot } from '../../src/input/snapshot.js';

function identified(rel: string): IdentifiedDump {
  const text = readCorpus(rel);
  if (rel.includes('goroutine-debug2')) return summarizeTraceback(parseTraceback(text, rel).dump, rel);
  if (rel.includes('goroutine')) return summarizeGoroutineProfile(parseGoroutineProfile(text, rel).profile, rel);
  const { dump, diagnostics } = parseHeapDump(text, rel);
  return analyzeSnapshot(rel, heapSnapshot(dump), diagnostics);
}

/** The line that refuses the dumps as one series (undefined: one binary), and each program's dumps. */
function refusal(dumps: readonly IdentifiedDump[]): { message: string; folders?: string[]; programs: string[][] } | undefined {
  const programs = programsOf(dumps);
  return programs.length === 0 ? undefined : { ...notOneProgram(programs), programs: programs.map((p) => p.members.map((m) => m.source)) };
}

const PROGRAMS = ['seed', 'leak', 'peak', 'stacks', 'memrate'] as const;
// One binary per program and version (runs of it are several processes, but one binary); the
// go1.26 goroutineleak run was built with another GOEXPERIMENT, so it is left out.
const dumpsOf = (v: string, program: string): string[] =>
  corpusFiles((rel) => rel.startsWith(`${v}/${program}/`) && /-debug[12]\.txt$/.test(rel) && !rel.includes('gleak'));

describe('the dumps of one program agree', () => {
  it.each(VERSIONS.flatMap((v) => PROGRAMS.map((p) => [v, p] as const)))('%s %s: every heap, allocs and goroutine dump', (v, program) => {
    const files = dumpsOf(v, program);
    expect(files.length).toBeGreaterThan(1);
    expect(refusal(files.map(identified))).toBeUndefined();
  });
});

describe('the dumps of two programs do not', () => {
  it('a PC that names another function: the leak and memrate programs (go1.23); two dumps, one line naming both', () => {
    expect(refusal(['go1.23/leak/snap1.goroutine-debug1.txt', 'go1.23/memrate/rate-1.heap-debug1.txt'].map(identified))).toEqual({
      message: 'go1.23/memrate/rate-1.heap-debug1.txt is not from the same program as go1.23/leak/snap1.goroutine-debug1.txt: PC 0x697f24 is main.serve.func1 (/build/run-go1.23/src/memrate/ctl.go:60) here, main.waitForShutdown (/build/run-go1.23/src/leak/main.go:74) there',
      folders: ['go1.23/leak', 'go1.23/memrate'],
      programs: [['go1.23/leak/snap1.goroutine-debug1.txt'], ['go1.23/memrate/rate-1.heap-debug1.txt']],
    });
  });

  it('one line for them all: each program by its folder and its count of dumps, and what tells two apart', () => {
    expect(refusal(['go1.23/leak/snap1.heap-debug1.txt', 'go1.23/leak/snap2.heap-debug1.txt', 'go1.23/stacks/deep.goroutine-debug1.txt', 'go1.23/peak/default.peak.heap-debug1.txt'].map(identified))).toEqual({
      message: 'go1.23/ holds dumps of more than one program: leak (2), peak (1), stacks (1) (package main is in /build/run-go1.23/src/peak in peak, /build/run-go1.23/src/leak in leak)',
      folders: ['go1.23/leak', 'go1.23/peak', 'go1.23/stacks'],
      programs: [['go1.23/leak/snap1.heap-debug1.txt', 'go1.23/leak/snap2.heap-debug1.txt'], ['go1.23/stacks/deep.goroutine-debug1.txt'], ['go1.23/peak/default.peak.heap-debug1.txt']],
    });
  });

  it('the same program built by two toolchains is two binaries (debug=2 compared by functions and files)', () => {
    const refused = refusal(['go1.21/leak/snap1.heap-debug1.txt', 'go1.23/leak/snap2.goroutine-debug2.txt'].map(identified));
    expect(refused?.programs).toHaveLength(2);
    expect(refused?.message).toMatch(/^go1\.23\/leak\/snap2\.goroutine-debug2\.txt is not from the same program as go1\.21\/leak\/snap1\.heap-debug1\.txt: \S+ is defined in \/build\/\S+ here, \/build\/\S+ there$/);
  });

  it('analyzeSeries refuses them with one problem, whatever their counters say, naming a run per folder', () => {
    const snaps = ['go1.23/seed/routine4.after-wait.heap-debug1.txt', 'go1.23/leak/snap3.heap-debug1.txt', 'go1.23/memrate/rate-default.heap-debug1.txt'].map(identified) as Parameters<typeof analyzeSeries>[0][number][];
    let error: unknown;
    try {
      analyzeSeries(snaps);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HeapdocProblems);
    expect((error as HeapdocProblems).problems.map((p) => [p.message, p.hint])).toEqual([[
      'go1.23/ holds dumps of more than one program: leak (1), memrate (1), seed (1) (main.main is defined in /build/run-go1.23/src/memrate/main.go in memrate, /build/run-go1.23/src/leak/main.go in leak)',
      'run heapdoc on each folder for its series verdict (heapdoc go1.23/leak, heapdoc go1.23/memrate, heapdoc go1.23/seed); --separately reads each dump alone, with no series verdict (one dump cannot tell a leak from a peak)',
    ]]);
  });
});

describe('a text heap dump\'s identity, read from its frame table', () => {
  it.each([['go1.23/memrate/rate-1.heap-debug1.txt', 386], ['go1.19/leak/snap5.heap-debug1.txt', 22]] as const)('%s: the same Maps in the same order as from its frame objects (%i PCs)', (rel, pcs) => {
    const { dump } = parseHeapDump(readCorpus(rel), rel);
    const stacks = dump.stacks;
    const fromRows = identityOf(stacks);
    const fromFrames = identityOf(stacks.map((s) => ({ frames: s.frames })));
    expect(flattenIdentity(fromRows)).toEqual(flattenIdentity(fromFrames));
    expect(fromRows.pcs.size).toBe(pcs);
  });
});

describe('a dump goes with the program of most dumps it agrees with; a cut dump is judged from what was read whole', () => {
  const MIXED = 'captured/go1.19-mixed-cut';
  const heap = (name: string, text: string): IdentifiedDump => {
    const { dump, diagnostics } = parseHeapDump(text, name);
    return analyzeSnapshot(name, heapSnapshot(dump), diagnostics);
  };
  const goleak = ['01', '02', '03', '04', '05'].map((n) => heap(`${n}.heap.txt`, readFixture(`${MIXED}/dumps/${n}.heap.txt`)));
  /** The text up to `chars` characters before the end of line `line` (1-based): a dump cut there. */
  const cutInLine = (text: string, line: number, chars: number): string => text.slice(0, text.split('\n').slice(0, line).join('\n').length - chars);

  it('a dump of another program given first (cut before its MemStats: TotalAlloc 0) is the odd one, not the five after it', () => {
    const cache = heap('06.heap.txt', readFixture(`${MIXED}/dumps/06.heap.txt`));
    expect(refusal([cache, ...goleak])).toEqual({
      message: 'the inputs hold dumps of more than one program: 01.heap.txt, 02.heap.txt, … (5), 06.heap.txt (1) (package main is in /tmp/audit27a/go/cache in 06.heap.txt, /tmp/audit27a/go/goleak in 01.heap.txt)',
      programs: [['01.heap.txt', '02.heap.txt', '03.heap.txt', '04.heap.txt', '05.heap.txt'], ['06.heap.txt']],
    });
    // Two against two: the program of most dumps.
    expect(refusal([cache, goleak[1], goleak[2]] as IdentifiedDump[])?.programs).toEqual([['02.heap.txt', '03.heap.txt'], ['06.heap.txt']]);
    // One against one: diff A B blames B.
    expect(refusal([goleak[1], cache] as IdentifiedDump[])?.message).toBe('06.heap.txt is not from the same program as 02.heap.txt: package main is in /tmp/audit27a/go/cache here, /tmp/audit27a/go/goleak there');
    expect(refusal([cache, goleak[1]] as IdentifiedDump[])?.message).toBe('02.heap.txt is not from the same program as 06.heap.txt: package main is in /tmp/audit27a/go/goleak here, /tmp/audit27a/go/cache there');
  });

  it('a heap dump of the same program cut in a frame line\'s number (proc.go:40 of proc.go:4098) still agrees', () => {
    const text = readFixture(`${MIXED}/dumps/05.heap.txt`);
    // Line 5: `#\t0x443564\truntime.newproc.func1+0x24\t/usr/lib/go-1.19/src/runtime/proc.go:4098`.
    const cut = heap('05.heap.txt', cutInLine(text, 5, 2));
    const { dump } = parseHeapDump(cutInLine(text, 5, 2), '05.heap.txt');
    expect(dump.cutLine).toBe(5);
    expect(dump.stacks[0]?.frames.map((f) => `${f.function ?? ''} ${f.line ?? ''}`).at(-1)).toBe('runtime.newproc.func1 40');
    expect(refusal([cut, ...goleak.slice(0, 4)])).toBeUndefined();
    // Read whole, the same line is in the identity: a complete dump never has a cut line.
    expect(parseHeapDump(text, '05.heap.txt').dump.cutLine).toBeUndefined();
    expect(cut.identity?.pcs.has('0x443564')).toBe(false);
    expect(goleak[4]?.identity?.pcs.get('0x443564')?.get('runtime.newproc.func1')).toBe('/usr/lib/go-1.19/src/runtime/proc.go:4098');
  });

  it('so does a goroutine?debug=1 dump cut the same way (main.go:4 of main.go:40)', () => {
    const text = readFixture(`${MIXED}/goleak-05.goroutine1.txt`);
    // Line 3: `#\t0x67f84c\tmain.selectWaiter+0x6c\t/tmp/audit27a/go/goleak/main.go:40`.
    const { profile } = parseGoroutineProfile(cutInLine(text, 3, 1), 'goroutine1.txt');
    expect(profile.cutLine).toBe(3);
    const cut = summarizeGoroutineProfile(profile, 'goroutine1.txt');
    expect(refusal([...goleak, cut])).toBeUndefined();
    expect(summarizeGoroutineProfile(parseGoroutineProfile(text, 'whole.txt').profile, 'whole.txt').identity?.pcs.get('0x67f84c')?.get('main.selectWaiter')).toBe('/tmp/audit27a/go/goleak/main.go:40');
  });
});
