/**
 * The join matches a bare compiler path (`./main.go`) only to a frame of the package the compiler
 * printed it under: the captured go1.19-join-package's site `join/lib.Grow` at
 * /tmp/audit35-go/join/lib/main.go:9 is not `./main.go:9:35` of package `join`.
 */
import { describe, expect, it } from 'vitest';
import { buildEscapeIndex, compareAllocationSite, escapesAt, matchFile } from '../../../src/analyze/escape/index.js';
import { framePackage } from '../../../src/analyze/escape/join.js';
import { joinSnapshots, siteFileCoverage } from '../../../src/analyze/escape/sites.js';
import { analyzeSnapshot } from '../../../src/analyze/snapshot.js';
import { heapSnapshot } from '../../../src/input/snapshot.js';
import { parseGcflags } from '../../../src/grammar/gcflags/index.js';
import { parseHeapDump } from '../../../src/grammar/heap/index.js';
import { runCli } from '../../helpers/cli.js';
import { FIXTURES, readCorpus, readFixture } from '../../helpers/fixtures.js';
import { compilerText, type Version } from '../../grammar/gcflags/helpers.js';

const DIR = 'captured/go1.19-join-package';
const LIB = '/tmp/audit35-go/join/lib/main.go';
const MAIN = '/tmp/audit35-go/join/main.go';

describe('a bare ./main.go is its package\'s file only (go1.19-join-package)', () => {
  const messages = parseGcflags(readFixture(`${DIR}/build-m.txt`), 'build-m.txt').messages;
  const index = buildEscapeIndex(messages);

  it('the output has one message, ./main.go:9:35 under # join', () => {
    expect(messages.map((d) => `${d.package} ${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual(['join ./main.go:9:35 make([]byte, 256) does not escape']);
  });

  it('framePackage: the import path a function names, none for main and generic functions', () => {
    expect(framePackage('join/lib.Grow')).toBe('join/lib');
    expect(framePackage('gopkg.in/yaml%2ev3.(*decoder).unmarshal')).toBe('gopkg.in/yaml.v3');
    expect(framePackage('net/http.(*conn).serve')).toBe('net/http');
    expect(framePackage('main.main')).toBeUndefined();
    expect(framePackage('example.com/three/gen.Repeat[...]')).toBeUndefined();
    expect(framePackage(undefined)).toBeUndefined();
  });

  it('join/lib.Grow at lib/main.go:9 is not covered, and says whose ./main.go is', () => {
    expect(matchFile(index, LIB, 'join/lib.Grow')).toEqual({ status: 'none' });
    expect(escapesAt(index, LIB, 9, 'join/lib.Grow')).toEqual([]);
    const c = compareAllocationSite(index, LIB, 9, { inlined: undefined, function: 'join/lib.Grow' });
    expect(c.status).toBe('not-covered');
    expect(c.explanation).toBe(`the compiler output has no file that matches ${LIB}; its ./main.go is package join's, not join/lib's: build its package with -gcflags=-m (or -gcflags=all=-m for dependencies)`);
  });

  it('main.sum at main.go:9 (package main: its function names no import path) still joins ./main.go', () => {
    expect(matchFile(index, MAIN, 'main.sum')).toEqual({ status: 'matched', file: './main.go', package: 'join' });
    expect(compareAllocationSite(index, MAIN, 9, { inlined: undefined, function: 'main.sum' }).status).toBe('disagrees');
    // Without a function (a caller that knows none), the path alone decides, as before.
    expect(matchFile(index, LIB)).toEqual({ status: 'matched', file: './main.go', package: 'join' });
  });

  it('joined with the profile: the one program site gets no diagnostic, and the output covers none of the sites\' files', () => {
    const { dump } = parseHeapDump(readFixture(`${DIR}/join.heap-debug1.txt`), 'join.heap-debug1.txt');
    const snapshots = [analyzeSnapshot('join.heap-debug1.txt', heapSnapshot(dump), [])];
    const joined = [...joinSnapshots(index, snapshots)].map(([site, s]) => [site.function, s.comparison.status, s.diagnostics.length]);
    expect(joined).toEqual([['join/lib.Grow', 'not-covered', 0]]);
    expect(siteFileCoverage(index, snapshots)).toEqual({ files: [LIB], covered: 0 });
  });

  it('heapdoc analyze --escape: no compiler line under join/lib.Grow, and a note that the output is another package\'s', async () => {
    const r = await runCli([`${FIXTURES}/${DIR}/join.heap-debug1.txt`, '--escape', `${FIXTURES}/${DIR}/build-m.txt`]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('compiler:');
    expect(r.stdout).toContain('   12.1 MiB        48    12.1 MiB  join/lib.Grow\n                                   …/join/lib/main.go:9\n  512.2 KiB');
    expect(r.stderr).toBe(`heapdoc: --escape ${FIXTURES}/${DIR}/build-m.txt covers none of the allocation sites' files (lib/main.go): it is the compiler output of another program or package — build the program the dump came from with go build -gcflags=-m=2 2> m.txt\n`);
  });
});

describe('the corpus joins are unchanged by the package check (a path with directories fits whole; main names no package)', () => {
  const statuses = (version: Version, compiler: string, capture: string): string[] => {
    const { dump } = parseHeapDump(readCorpus(`${version}/${capture}`), capture);
    const joined = joinSnapshots(buildEscapeIndex(parseGcflags(compilerText(version, compiler)).messages), [analyzeSnapshot(capture, heapSnapshot(dump), [])]);
    return [...joined].map(([site, s]) => `${site.function} ${s.comparison.status} ${s.diagnostics.length}`);
  };

  it('seed -m=2 with routine4.after-free: main.routine4 agrees (package main, ./main.go), as before', () => {
    expect(statuses('go1.19', 'seed.gcflags-m2.txt', 'seed/routine4.after-free.heap-debug1.txt')).toEqual(['main.routine4 agrees 2']);
    expect(statuses('go1.23', 'seed.gcflags-m2.txt', 'seed/routine4.after-free.heap-debug1.txt')).toEqual(['main.routine4 agrees 2']);
  });

  it('std -m with routine2: time.Sleep, linknamed from runtime/time.go, still agrees there; net.open at net/parse.go too', () => {
    expect(statuses('go1.23', 'std.gcflags-all-m.txt.gz', 'seed/routine2.after-free.heap-debug1.txt')).toEqual(['time.Sleep agrees 1', 'net.open agrees 2']);
  });
});
