/**
 * A binary profile in the project's own capture layout (audit 46 #7): heap-t46.pb.gz at the top of a
 * capture, plain/heap-t46.txt, gc1/heap-t46.txt and vars/vars-t46.json beside it in folders of their
 * own. capture.sh fetches /debug/pprof/heap right after plain/heap-t46.txt and vars-t46.json, before
 * the ?gc=1 dump, whose forced GC publishes the next cycle's profile: the profile's samples are
 * plain/heap-t46.txt's (appendmap: 22.1 MiB in use, 80.5 MiB allocated at both; gc1/: 19.3 MiB,
 * 99.9 MiB). So the profile is folded into that dump, which holds the same sample types: it adds
 * nothing, is said so in one line, is not "Not in the series", and lint warns no no-memstats on it.
 * A profile whose samples no dump of its stem holds (gorobuf-deadbuf: a GC ended between the plain
 * dump and it) stays out, and the line says why instead of asking for the files given.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const C = 'test/fixtures/captured';
const APPENDMAP = `${C}/go1.19-audit46-appendmap`;
const FREEOS = `${C}/go1.19-audit46-freeosleak`;
const DEADBUF = `${C}/go1.19-audit43-gorobuf-deadbuf`;

const note = (inuse: string, alloc: string): string => `heapdoc: heap-t46.pb.gz is the heap profile of plain/heap-t46.txt (the same samples: ${inuse} in use, ${alloc} allocated): it adds nothing to that dump, whose records hold the same sample types (in-use and allocated objects and bytes)`;

type LintJson = { filePath: string; messages: { ruleId: string; why: string; fix: string }[] }[];
interface Sarif { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }

describe('a binary profile paired with the dump of its moment across sibling folders', () => {
  it('appendmap, the whole capture: the profile is plain/heap-t46.txt\'s, said in one line; the verdict and the 21 snapshots stay', async () => {
    const out = await runCli(['.', '--no-color'], { cwd: APPENDMAP });
    expect(out.code).toBe(0);
    expect(out.stderr.split('\n').filter((l) => l.includes('heap-t46.pb.gz'))).toEqual([note('22.1 MiB', '80.5 MiB')]);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe('Leak suspected (high confidence): live heap 2.9 MiB → 33.8 MiB across the 7 GC-separated snapshots read right after a forced GC (snapshots 3→21, ?gc=1), and 4.3 MiB to 40.8 MiB at snapshots 1, 2, 4, 5, 7, 8 and 8 more, read between GCs (their HeapAlloc counts the garbage made since the last GC); growing sites: main.(*store).add +34.4 MiB.');
    expect(lines[2]).toBe('Across 21 snapshots (ordered by TotalAlloc)');
    expect(out.stdout).not.toContain('Not in the series');
    const json = JSON.parse((await runCli(['.', '--format', 'json'], { cwd: APPENDMAP })).stdout) as { skipped: { source: string; reason: string }[]; snapshots: unknown[] };
    expect(json.snapshots).toHaveLength(21);
    expect(json.skipped.filter((s) => s.source.endsWith('.pb.gz'))).toEqual([
      { source: 'heap-t46.pb.gz', reason: 'the heap profile of plain/heap-t46.txt, which holds its samples: it adds nothing to it' },
    ]);
  });

  it('freeosleak, the whole capture: the same, at 49.5 MiB in use and 504.4 MiB allocated; the leak stays high confidence', async () => {
    const out = await runCli(['.', '--no-color'], { cwd: FREEOS });
    expect(out.stderr.split('\n').filter((l) => l.includes('heap-t46.pb.gz'))).toEqual([note('49.5 MiB', '504.4 MiB')]);
    expect(out.stdout.split('\n')[0]).toBe('Leak suspected (high confidence): live heap 6.4 MiB → 68.0 MiB across the 7 GC-separated snapshots read right after a forced GC (snapshots 3→21, ?gc=1), and 6.7 MiB to 90.7 MiB at snapshots 1, 2, 4, 5, 7, 8 and 8 more, read between GCs (their HeapAlloc counts the garbage made since the last GC); growing sites: main.leak +66.4 MiB.');
    expect(out.stdout).not.toContain('Not in the series');
  });

  it('the only two given, heap-t46.pb.gz plain/heap-t46.txt: the dump\'s own one-dump report', async () => {
    const both = await runCli(['heap-t46.pb.gz', 'plain/heap-t46.txt', '--no-color'], { cwd: APPENDMAP });
    const alone = await runCli(['plain/heap-t46.txt', '--no-color'], { cwd: APPENDMAP });
    expect(both.code).toBe(0);
    expect(both.stderr.trim()).toBe(note('22.1 MiB', '80.5 MiB'));
    // The same report, and the profile listed as read into it.
    expect(both.stdout).toBe(`${alone.stdout.trimEnd()}\n\n1 file skipped (not read as dumps): stderr and --format json say which and why\n`);
    expect(both.stdout.split('\n')[0]).toMatch(/^Read between GCs: HeapAlloc 25\.7 MiB, /);
  });

  for (const [name, dir, findings] of [['appendmap', APPENDMAP, 2], ['freeosleak', FREEOS, 2]] as const) {
    it(`lint ${name}: no no-memstats on heap-t46.pb.gz; the leak at gc1/heap-t68.txt and in gctrace.log, text and SARIF`, async () => {
      const out = await runCli(['lint', '.', '--no-color'], { cwd: dir });
      expect(out.stdout).not.toContain('no-memstats');
      expect(out.stdout).not.toContain('heap-t46.pb.gz');
      expect(out.stdout.split('\n').filter((l) => l.startsWith('✖'))).toEqual([`✖ ${findings} problems (2 errors, 0 warnings)`]);
      expect(out.stderr.split('\n').filter((l) => l.includes('heap-t46.pb.gz'))).toEqual([note(name === 'appendmap' ? '22.1 MiB' : '49.5 MiB', name === 'appendmap' ? '80.5 MiB' : '504.4 MiB')]);
      const sarif = JSON.parse((await runCli(['lint', '.', '--format', 'sarif'], { cwd: dir })).stdout) as Sarif;
      expect(sarif.runs[0]?.results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation.artifactLocation.uri])).toEqual([
        ['leak-suspected', 'gc1/heap-t68.txt'],
        ['leak-suspected', 'gctrace.log'],
      ]);
    });
  }

  it('gc1/heap-t46.txt alone beside the profile: a later cycle\'s samples, so not paired, and the line says why', async () => {
    const out = await runCli(['heap-t46.pb.gz', 'gc1/heap-t46.txt', '--no-color'], { cwd: APPENDMAP });
    expect(out.stderr).not.toContain('is the heap profile of');
    expect(out.stdout.split('\n').filter((l) => l.startsWith('  Not in the series'))).toEqual([
      '  Not in the series: heap-t46.pb.gz, without MemStats (no place in TotalAlloc order); the heap dump of its file stem (gc1/heap-t46.txt) holds other samples (the profile of another GC cycle): files pair by folder and stem, so save the profile beside the /debug/vars or heap?debug=1 of its moment to read the two as one.',
    ]);
  });

  it('gorobuf-deadbuf: no dump of its stem holds its samples (NumGC 18 in plain/, 19 in vars/, 20 in gc1/): left out, saying so, and lint keeps no-memstats', async () => {
    const out = await runCli(['.', '--no-color'], { cwd: DEADBUF });
    expect(out.stderr).not.toContain('is the heap profile of');
    expect(out.stdout.split('\n').filter((l) => l.startsWith('  Not in the series'))).toEqual([
      '  Not in the series: heap-t46.pb.gz, without MemStats (no place in TotalAlloc order); the heap dumps of its file stem (gc1/heap-t46.txt, plain/heap-t46.txt) hold other samples (the profile of another GC cycle); vars/vars-t46.json, of its stem, has no profile to tell whether it is of its moment: files pair by folder and stem, so save the profile beside the /debug/vars or heap?debug=1 of its moment to read the two as one.',
    ]);
    const lint = await runCli(['lint', '.', '--no-color'], { cwd: DEADBUF });
    expect(lint.stdout.split('\n').filter((l) => l.includes('no-memstats'))).toEqual(['    warning  A binary heap profile carries no runtime.MemStats: only its allocation sites can be read.  no-memstats']);
    // Its why and fix say what analyze's line says, not "give a MemStats source beside it".
    const json = JSON.parse((await runCli(['lint', '.', '--format', 'json'], { cwd: DEADBUF })).stdout) as LintJson;
    expect(json.flatMap((f) => f.messages.filter((m) => m.ruleId === 'no-memstats').map((m) => [f.filePath.split('/').pop(), m.why.split('memory. ')[1], m.fix]))).toEqual([[
      'heap-t46.pb.gz',
      'The heap dumps of its file stem (gc1/heap-t46.txt, plain/heap-t46.txt) hold other samples (the profile of another GC cycle); vars/vars-t46.json, of its stem, has no profile to tell whether it is of its moment.',
      'Files pair by folder and stem, so save the profile beside the /debug/vars or heap?debug=1 of its moment to read the two as one.',
    ]]);
  });
});
