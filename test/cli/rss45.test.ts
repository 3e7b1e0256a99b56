/**
 * Audit 45's findings 5, 6, 11, 14, 16 and 18, on its real Go 1.19 captures:
 *  - 11: `--rss 127108kB` (mmapgrow's VmRSS at t68) was applied to every snapshot of a series:
 *    heap-t06.txt got "RSS (124.1 MiB) is 109.4 MiB above …" though its RSS was 27,784 kB. It is now
 *    the latest snapshot's only, said on stderr; lint refuses --rss with why.
 *  - 6: mmapgrow's RSS grew 27.8 → 127.1 MB (8 MiB syscall.Mmap every 5 s) while the Go heap stayed
 *    flat, and the series said "the cost is GC work, not memory": rss.txt was skipped, a VmRSS-line
 *    file an exit-2 "not a Go heap dump". `--rss FILE` now gives each snapshot its moment's VmRSS,
 *    and the series says the growth is outside the Go heap.
 *  - 16: mmapgrow-pipe's dump samples `syscall.(*mmapper).Mmap ← main.grow main.go:19`, and its
 *    off-heap sentence did not name it.
 *  - 14: `diff vars-a.json vars-b.json` said "Live heap 5.8 MiB → 60.8 MiB" of /debug/vars HeapAlloc.
 *  - 5: `diff X.pb.gz Y.txt` said "Read between GCs: heap-t46.pb.gz (its HeapAlloc …)" of a profile
 *    that has no MemStats.
 *  - 18: a bare runtime.MemStats object (`jq .memstats`) was refused as "not a Go heap dump".
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportJson, reportLines, runCli } from '../helpers/cli.js';

const C = 'test/fixtures/captured';
const MMAP = `${C}/go1.19-audit45-mmapgrow`;
const PIPE = `${C}/go1.19-audit45-mmapgrow-pipe`;
const OBSERVERS = `${C}/go1.19-audit45-observers`;

interface Finding { ruleId: string; source: string; message: string; why: string }
interface Report { verdict: { leak: string; summary: string }; snapshots: { source: string; process?: { rss?: number; rssFrom?: string; rssMetric?: string } }[]; findings: Finding[] }

const name = (source: string): string => source.split('/').pop() ?? source;
const FILE_HINT = "give a size (--rss 48MiB) or a file of one VmRSS line per snapshot naming its dump or its t=NN: '<dump file> VmRSS: 27784 kB' or 't=06 VmRSS: 27784 kB' (docs/contract.md)";

describe('--rss SIZE with several snapshots: the latest one\'s (finding 11)', () => {
  it('mmapgrow/gc1 --rss 127108kB: rss-above-go-estimate on heap-t68.txt only, and stderr says whose RSS it is', async () => {
    const r = await runCli([`${MMAP}/gc1`, '--rss', '127108kB', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('heapdoc: --rss 127108kB is the RSS of the latest snapshot, heap-t68.txt: for each snapshot\'s, give --rss FILE, a VmRSS line per snapshot naming its dump or t=NN (docs/contract.md)\n');
    const j = JSON.parse(r.stdout) as Report;
    expect(j.findings.filter((f) => f.ruleId === 'rss-above-go-estimate').map((f) => [name(f.source), f.message]))
      .toEqual([['heap-t68.txt', 'RSS (124.1 MiB) is 109.1 MiB above what the Go runtime holds (15.0 MiB).']]);
    expect(j.verdict.summary).toBe("Churn in the Go heap, not a leak of it: 61.2 MiB allocated a step on average (367.1 MiB over 6 steps between snapshots) while live heap stays near 275.3 KiB across 7 GC-separated snapshots; the Go heap's cost is GC work; the memory is outside it. The OS counts 124.1 MiB of RSS, 109.1 MiB more than Go holds: memory outside the Go heap (cgo, mmap): even if the OS still counted all 3.3 MiB of released pages, 105.8 MiB would be left.");
  });

  it('lint refuses --rss with why and what to run instead: exit 2, one line', async () => {
    const r = await runCli(['lint', `${MMAP}/gc1`, '--rss', '127108kB']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('heapdoc: error: --rss 127108kB: lint takes no RSS, as it checks many dumps at once, often of several processes, and one RSS is one moment of one process — check RSS with heapdoc analyze DUMPS --rss FILE (a VmRSS line per snapshot) or --rss SIZE (the latest snapshot\'s); lint reads each moment\'s RSS from /metrics scrapes (process_resident_memory_bytes)\n');
  });
});

describe('--rss FILE: each snapshot\'s RSS from a file of VmRSS lines (finding 6)', () => {
  const OFF_HEAP = 'Leak suspected outside the Go heap: the process\'s RSS rose steadily, 27.1 MiB → 124.1 MiB across 7 snapshots (16.2 MiB a step on average), while what Go holds (Sys − HeapReleased) stayed flat, 14.7 MiB → 15.0 MiB: memory the Go heap does not count — cgo allocations, syscall.Mmap, mmap-ed files — is growing.';

  it('mmapgrow/gc1 with its capture\'s rss.txt (t=NN lines, two a moment): the growth is outside the Go heap', async () => {
    const lines = await reportLines([`${MMAP}/gc1`, '--rss', `${MMAP}/rss.txt`, '--no-color']);
    expect(lines.slice(0, 4)).toEqual([
      OFF_HEAP,
      "Find it: /proc/PID/smaps (or pmap -x PID) read twice some time apart shows which mappings grew; for cgo, a C allocator's heap profiler (jemalloc's or tcmalloc's).",
      "In the Go heap: churn, not a leak: 61.2 MiB allocated a step on average (367.1 MiB over 6 steps between snapshots) while live heap stays near 275.3 KiB across 7 GC-separated snapshots; the Go heap's cost is GC work; the memory is outside it.",
      'The OS counts 124.1 MiB of RSS (as rss.txt reports it: VmRSS), 109.1 MiB more than Go holds: memory outside the Go heap (cgo, mmap): even if the OS still counted all 3.3 MiB of released pages, 105.8 MiB would be left.',
    ]);
  });

  it('JSON: each snapshot its moment\'s first VmRSS (27,784 kB at t06 … 127,108 kB at t68), the file and VmRSS named; leak-outside-heap at the latest', async () => {
    const j = await reportJson<Report>([`${MMAP}/gc1`, '--rss', `${MMAP}/rss.txt`]);
    expect(j.verdict.leak).toBe('suspected');
    expect(j.snapshots.map((s) => [name(s.source), s.process])).toEqual(
      [['t06', 27784], ['t16', 44872], ['t26', 61484], ['t36', 77860], ['t46', 94364], ['t56', 110848], ['t68', 127108]]
        .map(([t, kb]) => [`heap-${t}.txt`, { rss: Number(kb) * 1024, rssFrom: `${MMAP}/rss.txt`, rssMetric: 'VmRSS' }]),
    );
    const outside = j.findings.filter((f) => f.ruleId === 'leak-outside-heap');
    expect(outside.map((f) => [name(f.source), f.message])).toEqual([['heap-t68.txt', "Leak suspected outside the Go heap, heap-t06.txt → heap-t68.txt: the process's RSS rose steadily, 27.1 MiB → 124.1 MiB across 7 snapshots (16.2 MiB a step on average), while what Go holds (Sys − HeapReleased) stayed flat, 14.7 MiB → 15.0 MiB."]]);
    const t26 = j.findings.find((f) => f.ruleId === 'rss-above-go-estimate' && name(f.source) === 'heap-t26.txt');
    expect(t26?.message).toBe('RSS (60.0 MiB) is 44.8 MiB above what the Go runtime holds (15.2 MiB).');
    expect(t26?.why.endsWith(' (RSS 60.0 MiB as rss.txt reports it: VmRSS.)')).toBe(true);
  });

  it('the other shape of the captures\' rss.txt: lines naming the dump file (audit37 creep/gc1)', async () => {
    const j = await reportJson<Report>([`${C}/go1.19-audit37/creep/gc1`, '--rss', `${C}/go1.19-audit37/creep/gc1/rss.txt`]);
    expect(j.snapshots.map((s) => s.process?.rss)).toEqual([66592, 57596, 90508, 104064, 115528, 131096, 124364, 159680, 184816].map((kb) => kb * 1024));
  });

  it('a file of one VmRSS line naming no moment (grep VmRSS /proc/PID/status) is the latest snapshot\'s', async () => {
    const j = await reportJson<Report>([`${OBSERVERS}/gc1`, '--rss', `${PIPE}/vmrss.txt`]);
    expect(j.snapshots.map((s) => s.process?.rss)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, 81140 * 1024]);
  });

  it('a file that is no RSS file, a line naming no moment among several, a file naming no snapshot: one line each, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rss45-'));
    writeFileSync(join(dir, 'two.txt'), 't=06 VmRSS: 27784 kB\nVmRSS: 127108 kB\n');
    writeFileSync(join(dir, 'later.txt'), 't=99 VmRSS: 27784 kB\n');
    const [vars, two, later] = await Promise.all([
      runCli([`${MMAP}/gc1`, '--rss', `${MMAP}/vars/vars-t06.json`]),
      runCli([`${MMAP}/gc1`, '--rss', join(dir, 'two.txt')]),
      runCli([`${MMAP}/gc1`, '--rss', join(dir, 'later.txt')]),
    ]);
    expect([vars.code, two.code, later.code]).toEqual([2, 2, 2]);
    expect(vars.stderr).toBe(`heapdoc: error: --rss ${MMAP}/vars/vars-t06.json: not an RSS file (line 1 is "{") — ${FILE_HINT}\n`);
    expect(two.stderr).toBe(`heapdoc: error: --rss ${join(dir, 'two.txt')}: line 2 names no moment, and the file has 2 VmRSS lines — write one VmRSS line per snapshot naming its dump or its t=NN: '<dump file> VmRSS: 27784 kB' or 't=06 VmRSS: 27784 kB' (docs/contract.md)\n`);
    expect(later.stderr).toBe(`heapdoc: error: --rss ${join(dir, 'later.txt')}: no VmRSS line of it names a moment of the snapshots (heap-t06.txt, heap-t16.txt, …) — name each snapshot's dump file in its line, or the t=NN its name ends with (heap-t06.txt: 't=06 VmRSS: 27784 kB')\n`);
  });

  it('an RSS file among the inputs: a directory walk names --rss for it; given alone, its refusal does', async () => {
    const walk = await runCli([MMAP, '--no-color']);
    expect(walk.code).toBe(0);
    expect(walk.stderr.split('\n')).toContain(`heapdoc: skipped ${MMAP}/rss.txt: VmRSS readings (an RSS file) — the RSS of each snapshot: heapdoc analyze DUMPS --rss FILE (a VmRSS line per snapshot, naming its dump or t=NN; docs/contract.md)`);
    const alone = await runCli([`${PIPE}/vmrss.txt`]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toBe(`heapdoc: error: ${PIPE}/vmrss.txt: VmRSS readings (an RSS file), not a dump (the first line is "VmRSS:    81140 kB") — the RSS of each snapshot: heapdoc analyze DUMPS --rss FILE (a VmRSS line per snapshot, naming its dump or t=NN; docs/contract.md)\n`);
  });
});

describe('a profile that samples syscall.Mmap names its caller (finding 16)', () => {
  it('mmapgrow-pipe/heap-mmapper.txt without RSS: main.grow main.go:19 in the off-heap words', async () => {
    const lines = await reportLines([`${PIPE}/heap-mmapper.txt`, '--no-color']);
    expect(lines.slice(3, 6)).toEqual([
      'A heap dump counts only what Go holds: memory from cgo, syscall.Mmap or mmap-ed files is in no MemStats field.',
      'This program calls syscall.Mmap (main.grow main.go:19, under syscall.(*mmapper).Mmap in the profile): what it maps is outside the Go heap, counted in RSS only.',
      "If the process's RSS (VmRSS in /proc/PID/status) is well above the 15.7 MiB Go holds, give it with --rss to see how much is outside the Go heap.",
    ]);
  });

  it('with its vmrss.txt: the RSS sentence names the call', async () => {
    const lines = await reportLines([`${PIPE}/heap-mmapper.txt`, '--rss', `${PIPE}/vmrss.txt`, '--no-color']);
    expect(lines[3]).toBe('The OS counts 79.2 MiB of RSS (as vmrss.txt reports it: VmRSS), 63.6 MiB more than Go holds: memory outside the Go heap (cgo, mmap): even if the OS still counted all 2.7 MiB of released pages, 60.9 MiB would be left; this program calls syscall.Mmap (main.grow main.go:19).');
  });
});

describe('diff wording (findings 14 and 5)', () => {
  it('two /debug/vars documents: read between GCs, HeapAlloc, never "Live heap"', async () => {
    const lines = await reportLines(['diff', `${OBSERVERS}/vars/vars-t06.json`, `${OBSERVERS}/vars/vars-t68.json`, '--no-color']);
    expect(lines.slice(0, 2)).toEqual([
      'Read between GCs: both /debug/vars documents (MemStats alone, read when asked, never right after a GC: their HeapAlloc counts the garbage made since the last GC).',
      'HeapAlloc 5.8 MiB → 60.8 MiB (+55.0 MiB); +1,477 objects; 389.5 MiB allocated over 33 GC cycles between the two.',
    ]);
  });

  it('a /debug/vars document beside a ?gc=1 dump: not like for like', async () => {
    const lines = await reportLines(['diff', `${OBSERVERS}/vars/vars-t06.json`, `${OBSERVERS}/gc1/heap-t68.txt`, '--no-color']);
    expect(lines.slice(0, 2)).toEqual([
      'Read between GCs: vars-t06.json (a /debug/vars document, MemStats alone, read when asked, never right after a GC: its HeapAlloc counts the garbage made since the last GC), while heap-t68.txt was read right after a forced GC (?gc=1): not like for like.',
      'HeapAlloc 5.8 MiB → 34.5 MiB (+28.7 MiB); +204 objects; 389.6 MiB allocated over 34 GC cycles between the two.',
    ]);
  });

  it('a binary profile beside a ?gc=1 dump: no "Read between GCs" of the profile, which has no MemStats', async () => {
    const G = `${C}/go1.19-audit45-generics`;
    const lines = await reportLines(['diff', `${G}/heap-t46.pb.gz`, `${G}/gc1/heap-t68.txt`, '--no-color']);
    expect(lines[0]).toBe('Most growth at main.newRecord (+14.4 MiB in use).');
    expect(lines.filter((l) => l.includes('Read between GCs'))).toEqual([]);
    expect(lines).toContain('MemStats not compared: heap-t46.pb.gz has no MemStats (a binary heap profile carries the sites only); give heap?debug=1 of that moment to compare them.');
  });
});

describe('a bare runtime.MemStats object (finding 18)', () => {
  it('jq .memstats of observers\' vars-t68.json, pretty and compact: read as its memstats, with a note; the same verdict as the document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rss45-'));
    const memstats = (JSON.parse(readFileSync(`${OBSERVERS}/vars/vars-t68.json`, 'utf8')) as { memstats: unknown }).memstats;
    writeFileSync(join(dir, 'pretty.json'), `${JSON.stringify(memstats, null, 2)}\n`);
    writeFileSync(join(dir, 'compact.json'), `${JSON.stringify(memstats)}\n`);
    const whole = await reportLines([`${OBSERVERS}/vars/vars-t68.json`, '--no-color']);
    expect(whole[0]).toBe('Read between GCs: HeapAlloc 60.8 MiB, 83.8% of the 72.6 MiB Go holds (74.6 MiB mapped), counts everything allocated since the last GC, reachable or not, and a /debug/vars document has no heap profile to say how much of it is still live.');
    for (const file of ['pretty.json', 'compact.json']) {
      const r = await runCli([join(dir, file), '--no-color']);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe(`${join(dir, file)}:1:1: info: a bare runtime.MemStats object, read as the memstats of a /debug/vars document — the whole /debug/vars response also gives the command line (cmdline) and the program's own vars\n`);
      expect(r.stdout.split('\n')[0]).toBe(whole[0]);
    }
  });
});
