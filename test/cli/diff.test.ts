/** `heapdoc diff BEFORE AFTER` on real snapshots. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../src/analyze/diff.js';
import { analyzeSnapshot } from '../../src/analyze/snapshot.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { runCli } from '../helpers/cli.js';
import { readCorpus } from '../helpers/fixtures.js';
import { heapSnapshot } from '../../src/input/snapshot.js';

function snapshot(rel: string): ReturnType<typeof analyzeSnapshot> {
  const { dump, diagnostics } = parseHeapDump(readCorpus(rel), rel);
  return analyzeSnapshot(rel, heapSnapshot(dump), diagnostics);
}

describe('diffSnapshots', () => {
  it('shows the leak program growing between snapshots 1 and 5 (go1.23)', () => {
    const d = diffSnapshots(snapshot('go1.23/leak/snap1.heap-debug1.txt'), snapshot('go1.23/leak/snap5.heap-debug1.txt'));
    expect(d.sameProcessOrder).toBe(true);
    expect(d.sameGcEpoch).toBe(false);
    expect(d.stats.HeapObjects).toEqual({ before: 3485, after: 21137, delta: 17652 });
    expect(d.stats.NumGC).toEqual({ before: 1, after: 4, delta: 3 });
    expect(d.buckets.live?.delta).toBe((d.stats.HeapAlloc?.after ?? 0) - (d.stats.HeapAlloc?.before ?? 0));
    expect(d.sites[0]?.function).toBe('main.newSession');
    expect(d.sites[0]?.inuseBytes.delta).toBeGreaterThan(0);
  });

  it('says when two dumps share a GC epoch (go1.23 snapshots 4 and 5) and when the order is swapped', () => {
    const four = snapshot('go1.23/leak/snap4.heap-debug1.txt');
    const five = snapshot('go1.23/leak/snap5.heap-debug1.txt');
    expect(diffSnapshots(four, five).sameGcEpoch).toBe(true);
    expect(diffSnapshots(five, four).sameProcessOrder).toBe(false);
  });

  it('shows the peak going away after the GC', () => {
    const d = diffSnapshots(snapshot('go1.21/peak/default.peak.heap-debug1.txt'), snapshot('go1.21/peak/default.after-gc.heap-debug1.txt'));
    expect(d.buckets.live?.delta).toBeLessThan(-290 * 1024 * 1024);
    expect((d.buckets.idle?.delta ?? 0)).toBeGreaterThan(290 * 1024 * 1024);
  });
});

/** The MemStats of test/fixtures/captured/go1.19-diff-audit/live.heap-debug1.txt, as diff lists them when BEFORE has none. */
const AFTER_ONLY = [
  'Where the memory is, AFTER only (BEFORE has no MemStats)',
  '  live               7.7 MiB',
  '  fragmentation    697.8 KiB',
  '  idle              56.0 KiB',
  '  released           3.2 MiB',
  '  stacks           352.0 KiB',
  '  runtime           10.1 MiB',
  '  sys               22.1 MiB',
  '  retained          18.9 MiB',
  '',
  'MemStats, AFTER only (BEFORE has no MemStats)',
  '  HeapAlloc          7.7 MiB',
  '  HeapInuse          8.4 MiB',
  '  HeapIdle           3.2 MiB',
  '  HeapReleased       3.2 MiB',
  '  HeapSys           11.7 MiB',
  '  HeapObjects          1,175',
  '  StackInuse       352.0 KiB',
  '  Sys               22.1 MiB',
  '  TotalAlloc         7.9 MiB',
  '  Mallocs              1,822',
  '  Frees                  647',
  '  NumGC                    2',
  '  NextGC            15.5 MiB',
];

describe('heapdoc diff', () => {
  it('one file as BEFORE and AFTER is one line, exit 2: nothing to compare', async () => {
    const file = 'samples/go1.23/leak/snap1.heap-debug1.txt';
    expect(await runCli(['diff', file, `./${file}`])).toEqual({
      code: 2, stdout: '', stderr: `heapdoc: error: heapdoc diff: ${file} is BEFORE and AFTER: nothing to compare — give two dumps of one process, taken some time apart\n`,
    });
  });

  it('a swapped pair: the counters that went down are said as such, not "-193.3 MiB allocated over -6 GC cycles"; a site grown by two samples is called noise', async () => {
    const A = 'test/fixtures/captured/go1.19-audit';
    const swapped = await runCli(['diff', `${A}/reslice/06-t6.heap-gc.txt`, `${A}/reslice/01-t1.heap-gc.txt`]);
    // The biggest move leads (fix31once): the site that fell, not only the counters.
    expect(swapped.stdout.split('\n')[0]).toBe('Live heap 150.2 MiB → 25.2 MiB (−125.0 MiB); most decrease at main.readPacket (−127.1 MiB in use); −522 objects; cumulative counters went down (TotalAlloc −193.3 MiB, NumGC −6): swapped, or two processes.');
    const plateau = await runCli(['diff', `${A}/plateau/03-t3.heap-gc.txt`, `${A}/plateau/06-t6.heap-gc.txt`]);
    expect(plateau.stdout.split('\n')[0]).toBe('Live heap 16.5 MiB → 16.6 MiB (+43.7 KiB); +138 objects; no site grew beyond sampling error (the most, main.load, +1.0 MiB in use, within ±1.4 MiB); 868.4 MiB allocated over 44 GC cycles between the two.');
  });

  it('one GC between the dumps is "1 GC cycle", and the summary is a sentence with a capital (was "over 1 GC cycles", "live heap …")', async () => {
    const L = 'test/fixtures/corpus/go1.23/leak';
    const r = await runCli(['diff', `${L}/snap1.heap-debug1.txt`, `${L}/snap2.heap-debug1.txt`]);
    // snap2's heap profile holds under half its HeapAlloc, and snap1's goal says its last GC marked under 90% of its HeapAlloc
    // (analyze's "Read between GCs", verdict.ts readMidCycle): said first, and neither HeapAlloc is called the live heap.
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      'Read between GCs: both dumps (their HeapAlloc counts the garbage made since the last GC, and their heap profiles are as of an earlier GC than their MemStats).',
      'HeapAlloc 4.3 MiB → 8.4 MiB (+4.1 MiB); +3,157 objects; 5.3 MiB allocated over 1 GC cycle between the two.',
    ]);
  });

  it('prints the comparison, and JSON', async () => {
    const args = ['diff', 'test/fixtures/corpus/go1.23/leak/snap1.heap-debug1.txt', 'test/fixtures/corpus/go1.23/leak/snap5.heap-debug1.txt'];
    const text = await runCli(args);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Read between GCs: both dumps \(their HeapAlloc counts the garbage made since the last GC, and their heap profiles are as of an earlier GC than their MemStats\)\.\nHeapAlloc 4\.3 MiB → 21\.8 MiB \(\+17\.5 MiB\); \+17,652 objects; most growth at main\.newSession \(\+2\.5 MiB in use\); 21\.2 MiB allocated over 3 GC cycles between the two\.\n/);
    expect(text.stdout).toContain('  HeapObjects          3,485 → 21,137       +17,652');
    const json = await runCli([...args, '--format', 'json']);
    const parsed = JSON.parse(json.stdout) as { memStats: Record<string, { delta: number }>; sites: { function: string }[] };
    expect(parsed.memStats.NumGC?.delta).toBe(3);
    expect(parsed.sites[0]?.function).toBe('main.newSession');
  });

  it('a /debug/vars file has no profile: its sites are unknown, not 0, and none is compared (was "main.leakChunk +68.6 MiB", 0 B → 68.6 MiB)', async () => {
    const P = 'test/fixtures/captured/go1.19-pprof/leak';
    const text = await runCli(['diff', `${P}/01-t1.vars.json`, `${P}/04-t4.heap-debug1.txt`]);
    expect(text.code).toBe(0);
    // 04-t4's goal says its last GC marked under 90% of its HeapAlloc (verdict.ts readMidCycle): its HeapAlloc is no live heap;
    // nor is 01-t1's, MemStats alone (audit 45, finding 14).
    expect(text.stdout.split('\n').slice(0, 2)).toEqual([
      'Read between GCs: both — 01-t1.vars.json (a /debug/vars document, MemStats alone, read when asked, never right after a GC) and 04-t4.heap-debug1.txt (its heap profile is as of an earlier GC than its MemStats): their HeapAlloc counts the garbage made since the last GC.',
      'HeapAlloc 25.8 MiB → 105.2 MiB (+79.3 MiB); +7,256 objects; 1.4 GiB allocated over 34 GC cycles between the two.',
    ]);
    expect(text.stdout.trimEnd().split('\n').pop()).toBe('Allocation sites not compared: 01-t1.vars.json has no heap profile (/debug/vars and /metrics carry MemStats only); give heap?debug=1 of that moment to compare them.');
    const json = JSON.parse((await runCli(['diff', `${P}/01-t1.vars.json`, `${P}/04-t4.vars.json`, '-f', 'json'])).stdout) as { sites: unknown[]; withoutProfile: string[] };
    expect(json).toMatchObject({ sites: [], withoutProfile: [`${P}/01-t1.vars.json`, `${P}/04-t4.vars.json`] });
    const markdown = (await runCli(['diff', `${P}/01-t1.vars.json`, `${P}/04-t4.vars.json`, '-f', 'markdown'])).stdout;
    expect(markdown.trimEnd().split('\n').pop()).toBe('Allocation sites not compared: neither dump has a heap profile (/debug/vars and /metrics carry MemStats only); give `heap?debug=1` of both moments to compare them.');
  });

  it('/debug/vars then heap?debug=1 of one GC cycle (audit-live 03): no GC ran between them, not "the heap profile records are identical by construction" when one side has no profile', async () => {
    const P = 'test/fixtures/captured/go1.19-audit-live/05-diff-vars-vs-heap';
    const args = ['diff', `${P}/before.vars.json`, `${P}/after.heap.txt`];
    const text = await runCli(args);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').slice(0, 6)).toEqual([
      'Live heap 39.9 MiB → 39.9 MiB (+29.1 KiB); +198 objects; 29.1 KiB allocated over 0 GC cycles between the two.',
      '', `before ${P}/before.vars.json`, `after  ${P}/after.heap.txt`, '',
      'No GC ran between the two (the same NumGC): only MemStats moved.',
    ]);
    expect(text.stdout).not.toContain('identical by construction');
    const markdown = (await runCli([...args, '-f', 'markdown'])).stdout;
    expect(markdown).toContain('\n> No GC ran between the two (the same NumGC): only MemStats moved.\n');
    expect(markdown).not.toContain('identical by construction');
    const json = JSON.parse((await runCli([...args, '-f', 'json'])).stdout) as { sameGcEpoch: boolean; withoutProfile: string[] };
    expect(json).toMatchObject({ sameGcEpoch: true, withoutProfile: [`${P}/before.vars.json`] });
  });

  it('each input problem is one line, saying what diff compares; no second generic line (was "heapdoc diff needs two heap dumps (heap?debug=1 or allocs?debug=1): X is not one heap dump")', async () => {
    const L = 'test/fixtures/corpus/go1.23/leak';
    const SNAP1 = `${L}/snap1.heap-debug1.txt`;
    const READS = 'but heapdoc diff compares two heap dumps: heap?debug=1 or allocs?debug=1, /debug/vars, /metrics or binary heap profiles (.pb.gz)';
    const [goroutines, missing, compiler, empty, both] = await Promise.all([
      runCli(['diff', SNAP1, `${L}/snap1.goroutine-debug1.txt`]),
      runCli(['diff', 'nonexist.txt', SNAP1]),
      runCli(['diff', 'test/fixtures/corpus/go1.19/compiler/seed.gcflags-m.txt', SNAP1]),
      runCli(['diff', '-', SNAP1], { input: '' }),
      runCli(['diff', 'nonexist.txt', 'nonexist2.txt']),
    ]);
    for (const r of [goroutines, missing, compiler, empty, both]) expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(goroutines.stderr).toBe(`heapdoc: error: ${L}/snap1.goroutine-debug1.txt: a goroutine profile (goroutine?debug=1), ${READS} — give it to heapdoc analyze together with a heap dump\n`);
    expect(missing.stderr).toBe('heapdoc: error: nonexist.txt: no such file or directory — pass a dump file, - for standard input, or an http(s) URL\n');
    expect(compiler.stderr).toBe(`heapdoc: error: test/fixtures/corpus/go1.19/compiler/seed.gcflags-m.txt: compiler -m output (go build -gcflags=-m), ${READS} — use heapdoc escape FILE, or heapdoc analyze HEAP --escape FILE\n`);
    expect(empty.stderr).toBe('heapdoc: error: -: the input is empty — did the capture fail? Check the URL with curl -v, and that the program imports net/http/pprof\n');
    // Both sides are read, each problem said once.
    expect(both.stderr.split('\n').filter(Boolean)).toEqual(['nonexist.txt', 'nonexist2.txt'].map((f) => `heapdoc: error: ${f}: no such file or directory — pass a dump file, - for standard input, or an http(s) URL`));
  });

  it('an input of several dumps is refused, one line: diff compares one dump with one', async () => {
    const L = 'test/fixtures/corpus/go1.23/leak';
    const two = `${(await readFile(`${L}/snap1.heap-debug1.txt`, 'utf8'))}${(await readFile(`${L}/snap2.heap-debug1.txt`, 'utf8'))}`;
    const r = await runCli(['diff', '-', `${L}/snap5.heap-debug1.txt`], { input: two });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    // Only diff's refusal: not first analyze's note that each dump is read as a snapshot of its own.
    expect(r.stderr).toBe('heapdoc: error: -: 2 dumps in one input (concatenated dumps, or /metrics scrapes): heapdoc diff compares one dump with one — give one dump for each side; to follow all of them, heapdoc analyze -\n');
  });

  it('a file of two concatenated heap dumps is one line, diff\'s refusal (was analyze\'s "holds 2 concatenated heap dumps … each is read as a snapshot of its own" first)', async () => {
    const L = 'test/fixtures/corpus/go1.23/leak';
    const dir = await mkdtemp(join(tmpdir(), 'heapdoc-diff-'));
    const both = join(dir, 'both.txt');
    await writeFile(both, `${await readFile(`${L}/snap1.heap-debug1.txt`, 'utf8')}${await readFile(`${L}/snap2.heap-debug1.txt`, 'utf8')}`);
    try {
      expect(await runCli(['diff', both, `${L}/snap2.heap-debug1.txt`])).toEqual({
        code: 2, stdout: '',
        stderr: `heapdoc: error: ${both}: 2 dumps in one input (concatenated dumps, or /metrics scrapes): heapdoc diff compares one dump with one — give one dump for each side; to follow all of them, heapdoc analyze ${both}\n`,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the hints for an input diff cannot read give the diff command, not analyze\'s: a URL with credentials (masked) is piped in as its side; a missing file is not offered a directory or a glob', async () => {
    const AFTER = 'test/fixtures/captured/go1.19-diff-audit/live.heap-debug1.txt';
    const URL = 'http://user:s3cret@localhost:6060/debug/pprof/heap?debug=1';
    const refused = 'heapdoc: error: http://***@localhost:6060/debug/pprof/heap?debug=1: URLs with credentials (user:password@) are not supported — fetch it with curl and';
    const curl = "curl -su USER 'http://localhost:6060/debug/pprof/heap?debug=1'";
    const [before, after, both, stdin, ftp, missing] = await Promise.all([
      runCli(['diff', URL, AFTER]),
      runCli(['diff', AFTER, URL]),
      runCli(['diff', URL, 'http://u:p@localhost:6060/debug/pprof/heap?debug=1&x=1']),
      runCli(['diff', URL, '-'], { input: '' }),
      runCli(['diff', AFTER, 'ftp://example.com/heap.txt']),
      runCli(['diff', 'nonexist.txt', AFTER]),
    ]);
    expect(before).toEqual({ code: 2, stdout: '', stderr: `${refused} pipe it in: ${curl} | heapdoc diff - ${AFTER}\n` });
    expect(after).toEqual({ code: 2, stdout: '', stderr: `${refused} pipe it in: ${curl} | heapdoc diff ${AFTER} -\n` });
    // The other side as given, quoted for the shell, its password masked too.
    expect(both.stderr.split('\n')[0]).toBe(`${refused} pipe it in: ${curl} | heapdoc diff - 'http://***@localhost:6060/debug/pprof/heap?debug=1&x=1'`);
    expect(both.stderr).not.toMatch(/s3cret|u:p@/);
    // Standard input is AFTER already: BEFORE goes through a file.
    expect(stdin.stderr.split('\n')[0]).toBe(`${refused} save it to a file: ${curl} -o before.txt && heapdoc diff before.txt -`);
    expect(ftp).toEqual({ code: 2, stdout: '', stderr: `heapdoc: error: ftp://example.com/heap.txt: heapdoc fetches http and https URLs, not ftp:// — download it first and pass the file, or pipe it in: curl -s URL | heapdoc diff ${AFTER} -\n` });
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'heapdoc: error: nonexist.txt: no such file or directory — pass a dump file, - for standard input, or an http(s) URL\n' });
  });

  it('a directory, or a pattern of several files, is refused at once, before anything is read (diff /tmp x read all of /tmp first)', async () => {
    const L = 'test/fixtures/corpus/go1.23/leak';
    const [directory, pattern, one] = await Promise.all([
      runCli(['diff', L, `${L}/snap5.heap-debug1.txt`]),
      runCli(['diff', `${L}/snap?.heap-debug1.txt`, `${L}/snap5.heap-debug1.txt`]),
      runCli(['diff', `${L}/snap1.heap-*1.txt`, `${L}/snap5.heap-debug1.txt`]),
    ]);
    // The folder holds goroutine dumps and more: read, they would each have said something.
    expect(directory).toEqual({ code: 2, stdout: '', stderr: `heapdoc: error: ${L}: a directory, not one dump: heapdoc diff compares one dump with one — name a file of it for each side; for every dump in it, heapdoc analyze ${L}\n` });
    expect(pattern).toEqual({ code: 2, stdout: '', stderr: `heapdoc: error: ${L}/snap?.heap-debug1.txt: 5 files match this pattern: heapdoc diff compares one dump with one — give a pattern that matches one file, or name the file\n` });
    expect(one).toMatchObject({ code: 0, stderr: '' });
  });

  it('a binary profile has no MemStats: only the sites are compared, and it says so (was "No change in the live heap or in the allocation sites.")', async () => {
    const A = 'test/fixtures/captured/go1.19-diff-audit';
    const args = ['diff', `${A}/live.heap.pb.gz`, `${A}/live.heap-debug1.txt`];
    const [text, json, markdown] = await Promise.all([runCli(args), runCli([...args, '-f', 'json']), runCli([...args, '-f', 'markdown'])]);
    // AFTER's MemStats are listed as they are, under "AFTER only (BEFORE has no MemStats)" (were left out).
    expect(text).toEqual({
      code: 0, stderr: '',
      stdout: [
        'No change in the allocation sites; MemStats not compared (live.heap.pb.gz has none).', '',
        `before ${A}/live.heap.pb.gz`, `after  ${A}/live.heap-debug1.txt`, '',
        ...AFTER_ONLY, '',
        'MemStats not compared: live.heap.pb.gz has no MemStats (a binary heap profile carries the sites only); give heap?debug=1 of that moment to compare them.', '',
      ].join('\n'),
    });
    expect(JSON.parse(json.stdout)).toEqual({
      schemaVersion: 1, before: `${A}/live.heap.pb.gz`, after: `${A}/live.heap-debug1.txt`,
      summary: 'No change in the allocation sites; MemStats not compared (live.heap.pb.gz has none).',
      sameProcessOrder: true, orderShownBy: "the profiles' allocated bytes", sameGcEpoch: false,
      breakdown: {}, memStats: {}, sites: [], withoutMemStats: [`${A}/live.heap.pb.gz`],
      oneSideMemStats: {
        side: 'after',
        breakdown: { live: 8124672, fragmentation: 714496, idle: 57344, released: 3325952, stacks: 360448, runtime: 10597640, sys: 23180552, retained: 19854600 },
        memStats: { HeapAlloc: 8124672, HeapInuse: 8839168, HeapIdle: 3383296, HeapReleased: 3325952, HeapSys: 12222464, HeapObjects: 1175, StackInuse: 360448, Sys: 23180552, TotalAlloc: 8267784, Mallocs: 1822, Frees: 647, NumGC: 2, NextGC: 16228352 },
      },
    });
    expect(markdown.stdout).toContain('## Where the memory is, AFTER only (BEFORE has no MemStats)\n\n| | after |\n|---|---:|\n| live | 7.7 MiB |\n| fragmentation | 697.8 KiB |\n');
    expect(markdown.stdout).toContain('## MemStats, AFTER only (BEFORE has no MemStats)\n\n| | after |\n|---|---:|\n| HeapAlloc | 7.7 MiB |\n');
    expect(markdown.stdout.trimEnd().split('\n').pop()).toBe('MemStats not compared: live.heap.pb.gz has no MemStats (a binary heap profile carries the sites only); give `heap?debug=1` of that moment to compare them.');
  });

  it('AFTER without MemStats (a heap?debug=1 cut before its block): BEFORE\'s are listed alone, and the note says the block is missing, not "a binary heap profile"', async () => {
    const A = 'test/fixtures/captured/go1.19-diff-audit';
    const args = ['diff', `${A}/live.heap-debug1.txt`, `${A}/cut.heap-debug1.txt`];
    const [text, json, markdown, neither] = await Promise.all([
      runCli(args), runCli([...args, '-f', 'json']), runCli([...args, '-f', 'markdown']),
      runCli(['diff', `${A}/live.heap.pb.gz`, `${A}/cut.heap-debug1.txt`]),
    ]);
    const beforeOnly = AFTER_ONLY.map((line) => line.replace('AFTER only (BEFORE has no MemStats)', 'BEFORE only (AFTER has no MemStats)'));
    expect(text).toEqual({
      code: 0, stderr: '',
      stdout: [
        'No change in the allocation sites; MemStats not compared (cut.heap-debug1.txt has none).', '',
        `before ${A}/live.heap-debug1.txt`, `after  ${A}/cut.heap-debug1.txt`, '',
        ...beforeOnly, '',
        'MemStats not compared: cut.heap-debug1.txt has no MemStats (its heap?debug=1 text lacks the # runtime.MemStats block: cut short?); give heap?debug=1 of that moment to compare them.', '',
      ].join('\n'),
    });
    expect(JSON.parse(json.stdout)).toMatchObject({ withoutMemStats: [`${A}/cut.heap-debug1.txt`], oneSideMemStats: { side: 'before', breakdown: { live: 8124672, idle: 57344, released: 3325952 }, memStats: { HeapAlloc: 8124672, NumGC: 2 } } });
    expect(markdown.stdout).toContain('## Where the memory is, BEFORE only (AFTER has no MemStats)\n\n| | before |\n|---|---:|\n| live | 7.7 MiB |\n');
    // Neither has MemStats: nothing to list, each dump's reason said.
    expect(neither.stdout).toBe([
      'No change in the allocation sites; MemStats not compared (neither dump has them).', '',
      `before ${A}/live.heap.pb.gz`, `after  ${A}/cut.heap-debug1.txt`, '',
      'MemStats not compared: neither dump has MemStats (a binary heap profile carries the sites only; the heap?debug=1 text lacks the # runtime.MemStats block: cut short?); give heap?debug=1 of both moments to compare them.', '',
    ].join('\n'));
  });

  it('a MemStats block too short for the breakdown: the fields both dumps print are still listed (were hidden with the breakdown), the cut said, exit 2', async () => {
    const A = 'test/fixtures/captured/go1.19-diff-audit';
    const r = await runCli(['diff', `${A}/cut-in-memstats.heap-debug1.txt`, `${A}/live.heap-debug1.txt`]);
    // The dump ends after its line 50, `# HeapAlloc = 8124672`: a cut capture, an error like a line cut mid-way.
    expect(r).toMatchObject({ code: 2, stderr: `${A}/cut-in-memstats.heap-debug1.txt:50:1: error: the dump ends inside the runtime.MemStats block (after HeapAlloc): its fields from HeapSys on are missing — the dump was cut short; capture it again and make sure the whole response was saved\n` });
    expect(r.stdout.split('\n').slice(4)).toEqual([
      '',
      'MemStats',
      '  HeapAlloc          7.7 MiB → 7.7 MiB      ±0',
      '  Sys               22.1 MiB → 22.1 MiB     ±0',
      '  TotalAlloc         7.9 MiB → 7.9 MiB      ±0',
      '  Mallocs              1,822 → 1,822        ±0',
      '  Frees                  647 → 647          ±0',
      '',
    ]);
  });

  it('a vars file and a binary profile of one moment: no file of that moment is offered as the other side (that diff is of one moment), the placeholders are', async () => {
    const S = 'test/fixtures/scenarios/heap-leak';
    const same = await runCli(['diff', `${S}/01-t1.vars.json`, `${S}/01-t1.heap.pb.gz`]);
    expect(same.code).toBe(2);
    expect(same.stderr).toBe(`heapdoc: error: heapdoc diff: nothing to compare: ${S}/01-t1.vars.json is /debug/vars (MemStats, no allocation sites) and ${S}/01-t1.heap.pb.gz a binary heap profile (allocation sites, no MemStats) — compare like with like: MemStats with heapdoc diff ${S}/01-t1.vars.json AFTER.vars.json, the sites with heapdoc diff BEFORE.heap.pb.gz ${S}/01-t1.heap.pb.gz (heap?debug=1 of both moments has both)\n`);
  });

  it('a vars file and a binary profile have nothing in common: one line saying what each holds, the diffs that work with the files of each moment beside them, exit 2', async () => {
    const S = 'test/fixtures/scenarios/heap-leak';
    const vars = '/debug/vars (MemStats, no allocation sites)';
    const profile = 'a binary heap profile (allocation sites, no MemStats)';
    const hint = `compare like with like: MemStats with heapdoc diff ${S}/01-t1.vars.json ${S}/06-t6.vars.json, the sites with heapdoc diff ${S}/01-t1.heap.pb.gz ${S}/06-t6.heap.pb.gz (heap?debug=1 of both moments has both)`;
    const [forward, swapped, scrape, works] = await Promise.all([
      runCli(['diff', `${S}/01-t1.vars.json`, `${S}/06-t6.heap.pb.gz`]),
      runCli(['diff', `${S}/01-t1.heap.pb.gz`, `${S}/06-t6.vars.json`]),
      runCli(['diff', `${S}/01-t1.metrics.txt`, `${S}/06-t6.heap.pb.gz`]),
      runCli(['diff', `${S}/01-t1.vars.json`, `${S}/06-t6.vars.json`, '-f', 'json']),
    ]);
    // Nothing else on stderr: the files beside each side, read for the hint, say nothing (goroutine dumps among them).
    expect(forward).toEqual({ code: 2, stdout: '', stderr: `heapdoc: error: heapdoc diff: nothing to compare: ${S}/01-t1.vars.json is ${vars} and ${S}/06-t6.heap.pb.gz ${profile} — ${hint}\n` });
    expect(swapped).toEqual({ code: 2, stdout: '', stderr: `heapdoc: error: heapdoc diff: nothing to compare: ${S}/01-t1.heap.pb.gz is ${profile} and ${S}/06-t6.vars.json ${vars} — ${hint}\n` });
    expect(scrape.stderr).toBe(`heapdoc: error: heapdoc diff: nothing to compare: ${S}/01-t1.metrics.txt is a /metrics scrape (MemStats, no allocation sites) and ${S}/06-t6.heap.pb.gz ${profile} — compare like with like: MemStats with heapdoc diff ${S}/01-t1.metrics.txt ${S}/06-t6.metrics.txt, the sites with heapdoc diff ${S}/01-t1.heap.pb.gz ${S}/06-t6.heap.pb.gz (heap?debug=1 of both moments has both)\n`);
    // The command it names works: HeapAlloc 5600440 in 01-t1.vars.json, 26737120 in 06-t6.vars.json.
    expect(works.code).toBe(0);
    expect((JSON.parse(works.stdout) as { memStats: { HeapAlloc: unknown } }).memStats.HeapAlloc).toEqual({ before: 5_600_440, after: 26_737_120, delta: 21_136_680 });
  });

  it('a side with nothing of its moment beside it (standard input, a heap?debug=1 text cut before MemStats): the hint names the side to give', async () => {
    const S = 'test/fixtures/scenarios/heap-leak';
    const dir = await mkdtemp(join(tmpdir(), 'heapdoc-diff-pair-'));
    try {
      const text = await readFile(`${S}/06-t6.heap-debug1.txt`, 'utf8');
      const cut = join(dir, 'cut.heap.txt');
      await writeFile(cut, text.slice(0, text.indexOf('# runtime.MemStats')));
      const [piped, cutText] = await Promise.all([
        runCli(['diff', `${S}/01-t1.vars.json`, '-'], { stdinFile: `${S}/06-t6.heap.pb.gz` }),
        runCli(['diff', `${S}/01-t1.vars.json`, cut]),
      ]);
      expect(piped).toEqual({ code: 2, stdout: '', stderr: `heapdoc: error: heapdoc diff: nothing to compare: ${S}/01-t1.vars.json is /debug/vars (MemStats, no allocation sites) and standard input a binary heap profile (allocation sites, no MemStats) — compare like with like: MemStats with heapdoc diff ${S}/01-t1.vars.json AFTER.vars.json, the sites with heapdoc diff ${S}/01-t1.heap.pb.gz - (heap?debug=1 of both moments has both)\n` });
      // Like with like: the heap?debug=1 text of 01-t1 for a heap?debug=1 text (a profile of no origin).
      expect(cutText).toEqual({ code: 2, stdout: '', stderr: `heapdoc: error: heapdoc diff: nothing to compare: ${S}/01-t1.vars.json is /debug/vars (MemStats, no allocation sites) and ${cut} a heap?debug=1 dump without its # runtime.MemStats block (allocation sites only: cut short?) — compare like with like: MemStats with heapdoc diff ${S}/01-t1.vars.json AFTER.vars.json, the sites with heapdoc diff ${S}/01-t1.heap-debug1.txt ${cut} (heap?debug=1 of both moments has both)\n` });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('standard input that is a directory: the hint is in diff\'s form, the other side as given (was analyze\'s `| heapdoc`)', async () => {
    const S = 'test/fixtures/scenarios/heap-leak';
    const [before, after] = await Promise.all([
      runCli(['diff', '-', `${S}/06-t6.vars.json`], { stdinFile: S }),
      runCli(['diff', `${S}/01-t1.vars.json`, '-'], { stdinFile: S }),
    ]);
    expect(before).toEqual({ code: 2, stdout: '', stderr: `heapdoc: error: -: standard input is a directory — pipe a dump in (curl -s …/heap?debug=1 | heapdoc diff - ${S}/06-t6.vars.json) or name a file: heapdoc diff before.txt ${S}/06-t6.vars.json\n` });
    expect(after).toEqual({ code: 2, stdout: '', stderr: `heapdoc: error: -: standard input is a directory — pipe a dump in (curl -s …/heap?debug=1 | heapdoc diff ${S}/01-t1.vars.json -) or name a file: heapdoc diff ${S}/01-t1.vars.json after.txt\n` });
  });

  it('dumps analyze refuses as one process are refused with its line and hint; --separately compares them and says so (was "296.9 MiB allocated over 1 GC cycles between the two")', async () => {
    const C = 'test/fixtures/corpus/go1.19';
    const [LEAK, PEAK] = [`${C}/leak/snap1.heap-debug1.txt`, `${C}/peak/default.idle.heap-debug1.txt`];
    const [RATE, RATE1] = [`${C}/memrate/rate-default.heap-debug1.txt`, `${C}/memrate/rate-1.heap-debug1.txt`];
    const [programs, rates, analyzed, separately, json, markdown] = await Promise.all([
      runCli(['diff', LEAK, PEAK]),
      runCli(['diff', RATE, RATE1]),
      runCli([LEAK, PEAK, '-f', 'json']),
      runCli(['diff', LEAK, PEAK, '--separately']),
      runCli(['diff', RATE, RATE1, '--separately', '-f', 'json']),
      runCli(['diff', RATE, RATE1, '--separately', '-f', 'markdown']),
    ]);
    const notOneProgram = `${PEAK} is not from the same program as ${LEAK}: package main is in /build/run-go1.19/src/peak here, /build/run-go1.19/src/leak there`;
    const twoRates = `${RATE1} and ${RATE} cannot be snapshots of one process: their heap profiles are sampled at different rates (MemProfileRate 1 and 524,288) and no GC cycle both hold links them`;
    const compareAnyway = ' — to compare them anyway, as two programs or runs side by side, add --separately\n';
    expect(programs).toEqual({ code: 2, stdout: '', stderr: `heapdoc: error: ${notOneProgram}${compareAnyway}` });
    expect(programs.stderr.split(' — ')[0]).toBe(analyzed.stderr.split(' — ')[0]); // analyze's own line, with diff's hint
    expect(rates).toEqual({ code: 2, stdout: '', stderr: `heapdoc: error: ${twoRates}${compareAnyway}` });
    expect(separately).toMatchObject({ code: 0, stderr: '' });
    expect(separately.stdout.split('\n').slice(0, 7)).toEqual([
      'Live heap 3.8 MiB → 593.8 KiB (−3.2 MiB); most decrease at main.newSession (−2.0 MiB in use); +1,320 objects; not one process (--separately): two programs or runs side by side, not a change over time.', '',
      `before ${LEAK}`, `after  ${PEAK}`, '',
      'Not one process, compared anyway (--separately): the differences are between two programs or runs, not a change over time.',
      `${notOneProgram}.`,
    ]);
    expect(JSON.parse(json.stdout)).toMatchObject({ sameProcessOrder: false, sameGcEpoch: false, notOneProcess: [twoRates] });
    expect(JSON.parse(json.stdout)).not.toHaveProperty('orderShownBy');
    expect(markdown.stdout).toContain(`> Not one process, compared anyway (--separately): the differences are between two programs or runs, not a change over time.\n>\n> ${twoRates}.\n`);
  });

  it('one file under two names is refused; two identical dumps are said to be identical, not "taken between the same two GCs … only MemStats moved"', async () => {
    const SNAP5 = 'test/fixtures/corpus/go1.19/leak/snap5.heap-debug1.txt';
    const LINK5 = 'test/fixtures/captured/go1.19-diff-audit/link5.heap-debug1.txt';
    const [COPY_A, COPY_B] = ['test/fixtures/corpus/go1.23/seed/routine3.after-wait.heap-debug1.txt', 'test/fixtures/lint/mixed/nested/routine3.after-wait.heap-debug1.txt'];
    const [link, copy, json] = await Promise.all([runCli(['diff', LINK5, SNAP5]), runCli(['diff', COPY_A, COPY_B]), runCli(['diff', COPY_A, COPY_B, '-f', 'json'])]);
    expect(link).toEqual({ code: 2, stdout: '', stderr: `heapdoc: error: heapdoc diff: ${LINK5} and ${SNAP5} are one file (a link to it, or a path through one): nothing to compare — give two dumps of one process, taken some time apart\n` });
    const identical = 'The two dumps are identical: the same MemStats, to the last field, and the same allocation sites (one dump given twice?).';
    expect(copy.code).toBe(0);
    expect(copy.stdout.split('\n')[0]).toBe(identical);
    expect(copy.stdout).not.toContain('same two GCs');
    expect(JSON.parse(json.stdout)).toMatchObject({ summary: identical, identical: true, sites: [] });
  });

  it('--sort by objects shows the objects it sorted by, and the section is titled by the measure (was bytes under "(in use …)")', async () => {
    const L = 'test/fixtures/corpus/go1.19/leak';
    const args = ['diff', `${L}/snap1.heap-debug1.txt`, `${L}/snap5.heap-debug1.txt`];
    const [objects, space, markdown] = await Promise.all([
      runCli([...args, '--sort', 'alloc_objects']),
      runCli([...args, '--sort', 'alloc-space']),
      runCli([...args, '--sort', 'inuse_objects', '-f', 'markdown']),
    ]);
    const sections = (r: { stdout: string }): string[] => r.stdout.slice(r.stdout.indexOf('Allocation sites that changed')).trimEnd().split('\n');
    // The summary speaks of HeapAlloc (snap5's goal says it was read between GCs) whatever the order: the largest in-use growth.
    expect(objects.stdout.split('\n').slice(0, 2)).toEqual([
      'Read between GCs: snap5.heap-debug1.txt (its HeapAlloc counts the garbage made since the last GC, and its heap profile is as of an earlier GC than its MemStats).',
      'HeapAlloc 3.8 MiB → 21.3 MiB (+17.5 MiB); +15,024 objects; most growth at main.newSession (+7.0 MiB in use); 21.4 MiB allocated over 3 GC cycles between the two.',
    ]);
    expect(sections(objects)).toEqual([
      'Allocation sites that changed (objects allocated, unsampled estimates)',
      '  +1,799      main.newSession',
      '              514 → 2,313 objects allocated, +7.0 MiB allocated · …/src/leak/main.go:50',
      '  +1,261      runtime.malg',
      '              2,521 → 3,782 objects allocated, +512.2 KiB allocated · …/src/runtime/proc.go:4076',
      "  +2          runtime/pprof.writeGoroutineStacks (the profiler's own)",
      '              0 → 2 objects allocated, +2.3 MiB allocated · …/runtime/pprof/pprof.go:690',
    ]);
    expect(sections(space).slice(0, 3)).toEqual([
      'Allocation sites that changed (allocated, unsampled estimates)',
      '  +7.0 MiB    main.newSession',
      '              2.0 MiB → 9.0 MiB allocated, +7.0 MiB in use · …/src/leak/main.go:50',
    ]);
    expect(markdown.stdout).toContain('## Allocation sites that changed (objects in use)\n\n| objects in use change | objects in use before → after | in use change | site | file:line |\n|---:|---|---:|---|---|\n| +1,799 | 514 → 2,313 | +7.0 MiB | <code>main.newSession</code> | …/src/leak/main.go:50 |\n');
  });

  it('says that standard input cannot be both dumps', async () => {
    const r = await runCli(['diff', '-', '-'], { input: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('heapdoc: error: heapdoc diff - -: standard input can be read once, not for both dumps — save one dump to a file: heapdoc diff before.txt -\n');
  });

  it('binary profiles (no MemStats): the order by their capture times, not "TotalAlloc or NumGC went down"; swapped, the fall is said', async () => {
    const P = 'test/fixtures/captured/go1.19-pprof/leak';
    const inOrder = await runCli(['diff', `${P}/01-t1.heap.pb.gz`, `${P}/04-t4.heap.pb.gz`, '--format', 'json']);
    expect(JSON.parse(inOrder.stdout)).toMatchObject({ sameProcessOrder: true, summary: 'Most growth at main.leakChunk (+54.8 MiB in use).' });
    const swapped = await runCli(['diff', `${P}/04-t4.heap.pb.gz`, `${P}/01-t1.heap.pb.gz`]);
    expect(swapped.stdout.split('\n')[0]).toBe('Most decrease at main.leakChunk (−54.8 MiB in use); AFTER comes before BEFORE by the capture times: swapped, or two processes.');
    expect(swapped.stdout).toContain('These dumps are not BEFORE and AFTER of one process (the capture times went down)');
    expect(swapped.stdout).toContain('\nMemStats not compared: neither dump has MemStats (a binary heap profile carries the sites only); give heap?debug=1 of both moments to compare them.\n\nAllocation sites that changed');
    expect(JSON.parse(inOrder.stdout)).toMatchObject({ withoutMemStats: [`${P}/01-t1.heap.pb.gz`, `${P}/04-t4.heap.pb.gz`] });
  });
});
