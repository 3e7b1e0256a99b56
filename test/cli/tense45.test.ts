/**
 * A heap dump not read right after a GC (its name does not say ?gc=1) knows the live heap only as
 * of its last GC: its HeapAlloc is what that GC marked and what was allocated since. single44 said
 * so in the opening sentence; the table and the other verdicts now say it too.
 *  - go1.19-audit44-sawtooth's plain heap-t46 (NumGC 11, read 10 s after a GC during a batch that
 *    held 64 MiB; its ?gc=1 dump 0.3 s later has 8.2 MiB) had `live 72.2 MiB` in its table;
 *  - go1.19-audit43-concpeak's plain heap-t26 (HeapAlloc 65.8 MiB, its profile of an earlier GC
 *    inside a burst: 243.6 MiB in use) was "Not a leak of reachable data: live 65.8 MiB …";
 *  - a peak read between GCs from each dump's own estimate had no row of those estimates in the
 *    series table (concpeak plain/: "rose from 3.0 MiB at snapshot 2 to 243.6 MiB at snapshot 3").
 */
import { describe, expect, it } from 'vitest';
import { reportJson, reportLines } from '../helpers/cli.js';

const S = 'test/fixtures/captured/go1.19-audit44-sawtooth';
const C = 'test/fixtures/captured/go1.19-audit43-concpeak';

interface Json { verdict: { leak: string; summary: string; readBetweenGCs?: boolean; asOfLastGC?: boolean } }
interface SeriesJson { series: { verdict: { lastGcEstimates?: { source: string; values: (number | null)[]; gogc?: number; gogcNamed?: boolean } } } }

/** The first row of "Where the memory is". */
const firstRow = (lines: string[]): string | undefined => lines.find((l) => /^ {2}(live|HeapAlloc) +\S/.test(l));

describe('one dump read after a GC, not right after one: the table names HeapAlloc, as the verdict does', () => {
  it('sawtooth plain/heap-t46: HeapAlloc 72.2 MiB in the text and Markdown tables; JSON asOfLastGC', async () => {
    expect(firstRow(await reportLines([`${S}/plain/heap-t46.txt`]))).toBe('  HeapAlloc        72.2 MiB   81.7%  ████████████████████');
    const md = await reportLines([`${S}/plain/heap-t46.txt`, '--format', 'markdown']);
    expect(md.filter((l) => l.startsWith('| HeapAlloc ') || l.startsWith('| live '))).toEqual(['| HeapAlloc | 75,740,992 | 72.2 MiB | 81.7% |']);
    const json = await reportJson<Json>([`${S}/plain/heap-t46.txt`, '--format', 'json']);
    expect([json.verdict.asOfLastGC, json.verdict.readBetweenGCs]).toEqual([true, undefined]);
  });

  it('its binary profile with the /debug/vars of its moment: HeapAlloc 72.3 MiB', async () => {
    expect(firstRow(await reportLines([`${S}/heap-t46.pb.gz`, `${S}/vars/vars-t46.json`]))).toBe('  HeapAlloc        72.3 MiB   81.7%  ████████████████████');
  });

  it('the /debug/vars document alone keeps its HeapAlloc row and "Read between GCs"', async () => {
    const lines = await reportLines([`${S}/vars/vars-t46.json`]);
    expect(firstRow(lines)).toBe('  HeapAlloc        72.3 MiB   81.7%  ████████████████████');
    const json = await reportJson<Json>([`${S}/vars/vars-t46.json`, '--format', 'json']);
    expect([json.verdict.asOfLastGC, json.verdict.readBetweenGCs]).toEqual([undefined, true]);
  });

  it('its ?gc=1 dump of the same moment keeps live 8.2 MiB', async () => {
    expect(firstRow(await reportLines([`${S}/gc1/heap-t46.txt`]))).toBe('  live              8.2 MiB    9.3%  ██');
    const json = await reportJson<Json>([`${S}/gc1/heap-t46.txt`, '--format', 'json']);
    expect(json.verdict.asOfLastGC).toBeUndefined();
  });
});

describe('"Not a leak of reachable data" of a plain dump says HeapAlloc as of its last GC, and a profile of an earlier GC', () => {
  it('concpeak plain/heap-t26: HeapAlloc 65.8 MiB as of cycle 45, the profile\'s 243.6 MiB an earlier GC\'s', async () => {
    const lines = await reportLines([`${C}/plain/heap-t26.txt`]);
    expect(lines.slice(0, 3)).toEqual([
      "Not a leak of reachable data: HeapAlloc 65.8 MiB (the live heap as of the last GC, cycle 45, and what was allocated since) of 500.8 MiB mapped (Go holds 146.6 MiB), and the heap profile's 243.6 MiB in use is of an earlier GC (it may be up to two GC cycles old), most of it freed since; 354.2 MiB of idle heap already released to the OS, 53.5 MiB idle, retained by the runtime for reuse; the heap's address space (HeapSys) reached 474.2 MiB at a past peak of objects or of goroutine stacks (freed stack spans join the heap) and is kept.",
      'Most of the memory is heap already released to the OS.',
      'One dump cannot tell whether the live heap grows — take a heap?debug=1&gc=1 dump (a GC runs before it, so that its HeapAlloc is the live heap) and another some time later, and compare both with heapdoc analyze A B.',
    ]);
    expect(firstRow(lines)).toBe('  HeapAlloc        65.8 MiB   13.1%  ███');
    const json = await reportJson<Json>([`${C}/plain/heap-t26.txt`, '--format', 'json']);
    expect([json.verdict.leak, json.verdict.asOfLastGC]).toEqual(['not-suspected', true]);
  });

  it('its ?gc=1 dump keeps "live" and "whether the live 1.6 MiB grows"', async () => {
    const lines = await reportLines([`${C}/gc1/heap-t26.txt`]);
    expect(firstRow(lines)).toBe('  live              1.6 MiB    0.3%');
    expect(lines).toContain('One dump cannot tell whether the live 1.6 MiB grows — take another after some time (and a GC) and compare both with heapdoc analyze A B.');
  });
});

describe('a peak read between GCs shows the estimates it rests on in the series table (peaks44 leftover)', () => {
  it('concpeak plain/: the heap profiles\' in-use, row "live as of GC" under HeapAlloc, with its note', async () => {
    const lines = await reportLines([`${C}/plain/`]);
    const at = lines.indexOf('  HeapAlloc     366.0 MiB → 1.7 MiB → 65.8 MiB → 261.8 MiB → 394.0 MiB → 245.9 MiB → 229.9 MiB');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe('  live as of GC 239.6 MiB → 3.0 MiB → 243.6 MiB → 123.0 MiB → 215.6 MiB → 204.1 MiB → 104.5 MiB');
    expect(lines).toContain('  "live as of GC" is each snapshot\'s heap profile in use (a sampled estimate): the live heap as of its last GC, which the verdict reads the peak from.');
    const md = await reportLines([`${C}/plain/`, '--format', 'markdown']);
    expect(md).toContain('| live as of GC | 239.6 MiB → 3.0 MiB → 243.6 MiB → 123.0 MiB → 215.6 MiB → 204.1 MiB → 104.5 MiB |');
    const json = await reportJson<SeriesJson>([`${C}/plain/`, '--format', 'json']);
    expect(json.series.verdict.lastGcEstimates).toEqual({ source: 'profiles', values: [251223761, 3152319, 255419369, 129023664, 226050340, 213988839, 109619387] });
  });

  it('concpeak vars/: the heap goal\'s NextGC / 2, the default GOGC', async () => {
    const lines = await reportLines([`${C}/vars/`]);
    expect(lines).toContain('  live as of GC 190.1 MiB → 2.0 MiB → 62.1 MiB → 226.1 MiB → 214.1 MiB → 238.2 MiB → 182.1 MiB');
    expect(lines).toContain('  "live as of GC" is each snapshot\'s NextGC / 2 (GOGC=100, the default): the live heap as of its last GC, which the verdict reads the peak from.');
    const json = await reportJson<SeriesJson>([`${C}/vars/`, '--format', 'json']);
    expect(json.series.verdict.lastGcEstimates).toEqual({ source: 'goal', values: [199356900, 2097152, 65139176, 237120744, 224549416, 249719576, 190947692], gogc: 100, gogcNamed: false });
  });

  it('concpeak gc1/, read right after a forced GC: no such row', async () => {
    expect((await reportLines([`${C}/gc1/`])).some((l) => l.includes('live as of GC'))).toBe(false);
  });
});
