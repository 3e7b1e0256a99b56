/**
 * A map deleted down to 1,000 entries keeps its 157 MiB bucket array (new-user audit 30, go1.19,
 * test/fixtures/captured/go1.19-audit30-mapshrink, README there): the join says the runtime's work
 * under a silent line in text and Markdown as JSON does, counted per stack; a site whose stacks
 * name the map code (allframes/) is a map's buckets, with the note that Go maps never shrink; a
 * dump that hides those frames is not guessed at; diff leads with the memory that moved when the
 * sites did not change, and with the site that fell when it fell by more than any grew (fix31once).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/** Markdown shows a URL or a query (`?gc=1`, `heap?debug=1&gc=1`) as code (text/markdown.ts). */
const asCode = (s: string): string => s.replace(/\bhttps?:\/\/[^\s<>`|\\]+|[\w./:-]*\?\w+=[\w.%-]*(?:&\w+=[\w.%-]*)*/g, (q) => { const t = q.replace(/[.,;:)]+$/, ''); return `\`${t}\`${q.slice(t.length)}`; });

const D = 'test/fixtures/captured/go1.19-audit30-mapshrink';
const A = `${D}/allframes`;

/** The site's three stacks print one line: their object sizes (the map's bucket arrays, ~28.6 MiB on average, beside smaller ones). */
const SAME_LINES = "3 stacks print the same lines, told apart by their PCs (the runtime's own calls above the allocation, which the dump does not name, or two allocations on one line): stack 1: 157.3 MiB in use, ~28.6 MiB objects, 3 runtime PCs above its first line; stack 2: 0 B in use, 640 B objects, 2 runtime PCs above its first line; stack 3: 0 B in use, ~41.8 KiB objects, 2 runtime PCs above its first line.";
const HIDDEN = "the compiler reports nothing about heap values at mapshrink/main.go:21; this allocation is the runtime's, made for this line: its 4 stacks have 2 to 5 runtime PCs under the line that a debug=1 dump does not print, most often a map's growth or an append's, which -m does not report";
const NAMED = "the compiler reports nothing about heap values at ./main.go:27; this allocation is the runtime's, made for this line: a map's growth (runtime.mapassign_fast64, called from this line), which -m does not report";
const NOTE = "A map's buckets: the runtime's map code allocated these for a map at the site's line, as the map grew: its bucket array (one object) and overflow buckets. Go maps never shrink: deleting entries leaves the bucket array at the size of the most entries the map ever held, until the map itself is dropped (https://go.dev/issue/20135). If the map once held many more entries than now, copy the live entries into a new map and drop the old one (or set it to nil, or make a new one) from time to time; or store pointers to large values, so that the buckets stay small.";

interface JsonSite { function: string; line: number; inuseBytes: number; inuseObjects: number; mapBuckets?: boolean; escapeStatus?: string; escapeExplanation?: string }
function sitesOf(stdout: string): JsonSite[] {
  return (JSON.parse(stdout) as { snapshots: { profile: { sites: JsonSite[] } }[] }).snapshots[0]?.profile.sites ?? [];
}

describe('go1.19 heap?debug=1 (the map code hidden as PCs): the runtime\'s work said in every format, not called a map\'s', () => {
  it('text: the sentence under the 157.3 MiB site, no "(a map\'s buckets)", no note', async () => {
    const r = await runCli(['analyze', `${D}/04-t3-still-1000-gc.heap.txt`, '--escape', `${D}/escape.txt`]);
    expect(r.code, r.stderr).toBe(0);
    const at = r.stdout.indexOf('  157.3 MiB');
    expect(r.stdout.slice(at, r.stdout.indexOf('\n  512.2 KiB', at)).split('\n')).toEqual([
      '  157.3 MiB         1   346.6 MiB  main.addSessions',
      '                                   …/progs/mapshrink/main.go:21',
      `                                   ${HIDDEN}`,
      `                                   ${SAME_LINES}`,
    ]);
    expect(r.stdout).not.toContain("a map's buckets");
  });

  it('Markdown: the site under "Compiler decisions at the sites", with the same sentence', async () => {
    const r = await runCli(['analyze', `${D}/04-t3-still-1000-gc.heap.txt`, '--escape', `${D}/escape.txt`, '--format', 'markdown']);
    expect(r.stdout).toContain(`### Compiler decisions at the sites (--escape)\n\n- <code>main.addSessions</code> (…/progs/mapshrink/main.go:21): the compiler reports no heap value of this site's own code at this line\n  - ${SAME_LINES.replaceAll('~', '\\~')}\n  - ${HIDDEN}\n\n`);
  });

  it('JSON: escapeExplanation is the same words, escapeStatus silent, no mapBuckets', async () => {
    const r = await runCli(['analyze', `${D}/04-t3-still-1000-gc.heap.txt`, '--escape', `${D}/escape.txt`, '--format', 'json']);
    const [site] = sitesOf(r.stdout);
    expect(site).toMatchObject({ function: 'main.addSessions', line: 21, inuseBytes: 164888576, inuseObjects: 1, escapeStatus: 'silent', escapeExplanation: HIDDEN });
    expect(site?.mapBuckets).toBeUndefined();
  });
});

describe('allframes (go1.19, every frame written): main.addSessions at main.go:27 is a map\'s buckets', () => {
  it('text: the hint, the join naming runtime.mapassign_fast64, and the note under the sites', async () => {
    const r = await runCli(['analyze', `${A}/deleted.heap.txt`, '--escape', `${A}/build-m2.txt`]);
    expect(r.code, r.stderr).toBe(0);
    const at = r.stdout.indexOf('  157.3 MiB');
    expect(r.stdout.slice(at, r.stdout.indexOf('\n  512.5 KiB', at)).split('\n')).toEqual([
      "  157.3 MiB         1   343.2 MiB  main.addSessions (a map's buckets)",
      '                                   …/fix30map/prog/main.go:27',
      `                                   ${NAMED}`,
    ]);
    // Not wrapped (a pipe): one sentence a line.
    expect(r.stdout).toContain(`\n  ${NOTE.replace(/\. (?=[A-Z])/g, '.\n  ')}\n\nFindings`);
  });

  it('Markdown: the hint in the table and the note after it', async () => {
    const r = await runCli(['analyze', `${A}/deleted.heap.txt`, '--format', 'markdown']);
    expect(r.stdout).toContain("| 157.3 MiB | 1 | 343.2 MiB | <code>main.addSessions</code> (a map's buckets) | …/fix30map/prog/main.go:27 |\n");
    expect(r.stdout).toContain(`|\n\n${asCode(NOTE)}\n\n`);
  });

  it('JSON: mapBuckets on the map\'s site alone', async () => {
    const r = await runCli(['analyze', `${A}/deleted.heap.txt`, '--escape', `${A}/build-m2.txt`, '--format', 'json']);
    const sites = sitesOf(r.stdout);
    expect(sites.filter((s) => s.mapBuckets === true).map((s) => [s.function, s.line, s.inuseBytes])).toEqual([['main.addSessions', 27, 164888576]]);
    expect(sites[0]?.escapeExplanation).toBe(NAMED);
  });

  it('after the copy: the new map\'s make (596.2 KiB, main.go:53) and the freed one are map\'s buckets, and neither holds the 1 MiB the note wants', async () => {
    const r = await runCli(['analyze', `${A}/copied.heap.txt`]);
    expect(r.stdout).toContain("  596.2 KiB         3   596.2 KiB  main.main (a map's buckets)\n");
    expect(r.stdout).toContain("        0 B         0   343.2 MiB  main.addSessions (a map's buckets)\n");
    expect(r.stdout).not.toContain('Go maps never shrink');
  });
});

describe('diff: the biggest move leads (the memory that moved when no site\'s in-use bytes changed; the site that fell when it fell most)', () => {
  const HEADLINE = 'Live heap 157.5 MiB → 157.5 MiB (+8.5 KiB); in-use bytes unchanged at the allocation sites; 138.0 MiB moved from idle to released (returned to the OS); +5 objects; 2.4 MiB allocated over 2 GC cycles between the two; net/textproto.NewReader allocated the most among the sites (+512.0 KiB).';

  it('02 → 03 (deleted to 1,000): 138.0 MiB from idle to released, not net/textproto.NewReader\'s 512 KiB sample first', async () => {
    const r = await runCli(['diff', `${D}/02-t1-full-1M-gc.heap.txt`, `${D}/03-t2-deleted-to-1000-gc.heap.txt`]);
    expect(r.stdout.split('\n')[0]).toBe(HEADLINE);
    expect(r.stdout).toContain('  idle             158.3 MiB → 20.3 MiB     −138.0 MiB\n  released          11.3 MiB → 149.3 MiB    +138.0 MiB\n');
    const json = await runCli(['diff', `${D}/02-t1-full-1M-gc.heap.txt`, `${D}/03-t2-deleted-to-1000-gc.heap.txt`, '--format', 'json']);
    expect((JSON.parse(json.stdout) as { summary: string }).summary).toBe(HEADLINE);
  });

  it('04 → 05 (the survivors copied to a new map): the −157.3 MiB fall at main.addSessions leads, not main.main\'s one sample (+596.2 KiB)', async () => {
    const r = await runCli(['diff', `${D}/04-t3-still-1000-gc.heap.txt`, `${D}/05-t4-copied-to-new-map-gc.heap.txt`]);
    expect(r.stdout.split('\n')[0]).toBe('Live heap 157.5 MiB → 356.9 KiB (−157.2 MiB); most decrease at main.addSessions (−157.3 MiB in use); −23 objects; no site grew beyond sampling error (the most, main.main, +596.2 KiB in use, within ±999.6 KiB); 2.6 MiB allocated over 3 GC cycles between the two.');
    // A fall of a sample or two, or of under 1 % of the live heap, does not lead (go1.19-audit28-overlimit plain 01 → 02: main.churn −64.0 KiB of 100.6 MiB).
    const small = await runCli(['diff', 'test/fixtures/captured/go1.19-audit28-overlimit/run/plain/01.heap-debug1.txt', 'test/fixtures/captured/go1.19-audit28-overlimit/run/plain/02.heap-debug1.txt']);
    expect(small.stdout.split('\n')[0]).toBe('Live heap 100.6 MiB → 100.5 MiB (−117.2 KiB); +192 objects; no site grew beyond sampling error (the most, encoding/json.typeFields, +11.1 KiB in use, within ±12.2 KiB); 54.3 MiB allocated over 709 GC cycles between the two.');
  });

  it('without MemStats on one side (no live heap to have fallen), a fall is said only when no site grew, as before', async () => {
    // go1.19-audit-work/05b 04-t12.heap.pb.gz → 05-t15.heap-debug1.txt: main.runMemlimit (main.go:140) −2.0 MiB beside
    // main.runMemlimit (main.go:146) +1.5 MiB, a working set refilled at another line; the fall read
    // "Most decrease at main.runMemlimit (−2.0 MiB in use); most growth at main.runMemlimit (+1.5 MiB in use)." in fix31once's first version.
    const W = 'test/fixtures/captured/go1.19-audit-work/05b-workingset-gogc100';
    const r = await runCli(['diff', `${W}/04-t12.heap.pb.gz`, `${W}/05-t15.heap-debug1.txt`]);
    expect(r.stdout.split('\n')[0]).toBe('No site grew beyond sampling error (the most, main.runMemlimit, +1.5 MiB in use, within ±1.7 MiB).');
  });

  it('03 → 04 (3.5 MiB released, just under 1 % of Sys: 3.5 of 351.0 MiB): as before, the sites\' allocation said', async () => {
    const r = await runCli(['diff', `${D}/03-t2-deleted-to-1000-gc.heap.txt`, `${D}/04-t3-still-1000-gc.heap.txt`]);
    expect(r.stdout.split('\n')[0]).toBe('Live heap 157.5 MiB → 157.5 MiB (−3.2 KiB); +1 objects; in-use bytes unchanged at the allocation sites, but context.WithValue allocated +512.0 KiB between the two; 2.4 MiB allocated over 1 GC cycle between the two.');
  });
});
