/**
 * The one-process check by binary identity (issue #9, item 3), on every real dump of the corpus:
 * the dumps of one program agree, whatever their kind (heap, allocs, goroutine debug=1 and
 * debug=2); the dumps of two programs, or of one program built by two toolchains, do not.
 */
import { describe, expect, it } from 'vitest';
import { summarizeGoroutineProfile, summarizeTraceback } from '../../src/analyze/goroutines/index.js';
import { flattenIdentity, identityConflicts, identityOf, type IdentifiedDump } from '../../src/analyze/series/identity.js';
import { analyzeSeries } from '../../src/analyze/series/index.js';
import { analyzeSnapshot } from '../../src/analyze/snapshot.js';
import { parseGoroutineProfile } from '../../src/grammar/goroutine/index.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { parseTraceback } from '../../src/grammar/traceback/index.js';
import { HeapdocProblems } from '../../src/input/errors.js';
import { corpusFiles, readCorpus, VERSIONS } from '../helpers/fixtures.js';
import { heapSnapshot } from '../../src/input/snapshot.js';

function identified(rel: string): IdentifiedDump {
  const text = readCorpus(rel);
  if (rel.includes('goroutine-debug2')) return summarizeTraceback(parseTraceback(text, rel).dump, rel);
  if (rel.includes('goroutine')) return summarizeGoroutineProfile(parseGoroutineProfile(text, rel).profile, rel);
  const { dump, diagnostics } = parseHeapDump(text, rel);
  return analyzeSnapshot(rel, heapSnapshot(dump), diagnostics);
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
    expect(identityConflicts(files.map(identified))).toEqual([]);
  });
});

describe('the dumps of two programs do not', () => {
  it('a PC that names another function: the leak and memrate programs (go1.23)', () => {
    const conflicts = identityConflicts(['go1.23/leak/snap1.goroutine-debug1.txt', 'go1.23/memrate/rate-1.heap-debug1.txt'].map(identified));
    expect(conflicts).toEqual([{
      source: 'go1.23/memrate/rate-1.heap-debug1.txt',
      message: 'go1.23/memrate/rate-1.heap-debug1.txt is not from the same program as go1.23/leak/snap1.goroutine-debug1.txt: PC 0x697f24 is main.serve.func1 (/build/run-go1.23/src/memrate/ctl.go:60) here, main.waitForShutdown (/build/run-go1.23/src/leak/main.go:74) there',
    }]);
  });

  it('one line per dump that cannot belong, each against the first', () => {
    const conflicts = identityConflicts(['go1.23/leak/snap1.heap-debug1.txt', 'go1.23/leak/snap2.heap-debug1.txt', 'go1.23/stacks/deep.goroutine-debug1.txt', 'go1.23/peak/default.peak.heap-debug1.txt'].map(identified));
    expect(conflicts.map((c) => c.source)).toEqual(['go1.23/stacks/deep.goroutine-debug1.txt', 'go1.23/peak/default.peak.heap-debug1.txt']);
    expect(conflicts[0]?.message).toBe('go1.23/stacks/deep.goroutine-debug1.txt is not from the same program as go1.23/leak/snap1.heap-debug1.txt (and 1 more): main.main is defined in /build/run-go1.23/src/stacks/main.go here, /build/run-go1.23/src/leak/main.go there');
  });

  it('the same program built by two toolchains is two binaries (debug=2 compared by functions and files)', () => {
    const conflicts = identityConflicts(['go1.21/leak/snap1.heap-debug1.txt', 'go1.23/leak/snap2.goroutine-debug2.txt'].map(identified));
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]?.message).toMatch(/^go1\.23\/leak\/snap2\.goroutine-debug2\.txt is not from the same program as go1\.21\/leak\/snap1\.heap-debug1\.txt: \S+ is defined in \/build\/\S+ here, \/build\/\S+ there$/);
  });

  it('analyzeSeries refuses them with one problem per conflict, whatever their counters say', () => {
    const snaps = ['go1.23/seed/routine4.after-wait.heap-debug1.txt', 'go1.23/leak/snap3.heap-debug1.txt', 'go1.23/memrate/rate-default.heap-debug1.txt'].map(identified) as Parameters<typeof analyzeSeries>[0][number][];
    let error: unknown;
    try {
      analyzeSeries(snaps);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HeapdocProblems);
    expect((error as HeapdocProblems).problems.map((p) => p.hint)).toEqual([
      'to analyze dumps of different programs each on its own, add --separately',
      'to analyze dumps of different programs each on its own, add --separately',
    ]);
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
