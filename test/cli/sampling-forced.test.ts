/**
 * Sites counting more in use than HeapInuse right after a forced GC (go1.19-sampling-forced), whose
 * profile is that GC's as its MemStats are: the estimate runs high (beyond its sampling error), or
 * its samples were taken at another MemProfileRate than the header's (beyond twice it) — not
 * memory freed since. Whether a dump was read so is the series' reading when it is one of a
 * series (series/forced.ts readAfterForcedGC, combine.ts withForcedGC).
 */
import { describe, expect, it } from 'vitest';
import { reportJson, runCli } from '../helpers/cli.js';
import { initialTuiState, tuiReducer } from '../../src/tui/state/reducer.js';
import { lineText } from '../../src/tui/view/line.js';
import { buildScreen } from '../../src/tui/view/screen.js';
import { buildReport } from '../tui/reports.js';

/** Markdown shows a URL or a query (`?gc=1`, `heap?debug=1&gc=1`) as code (text/markdown.ts). */
const asCode = (s: string): string => s.replace(/\bhttps?:\/\/[^\s<>`|\\]+|[\w./:-]*\?\w+=[\w.%-]*(?:&\w+=[\w.%-]*)*/g, (q) => { const t = q.replace(/[.,;:)]+$/, ''); return `\`${t}\`${q.slice(t.length)}`; });

const D = 'test/fixtures/captured/go1.19-sampling-forced';
const MORE = (inuse: string, heapInuse: string): string => `These sites count ${inuse} in use, more than the heap's spans held at the dump (HeapInuse ${heapInuse})`;
const AFTER = (by: string): string => `the dump was read right after a forced GC (${by}), whose profile is that GC's, as its MemStats are, so nothing was freed since`;
const TAIL = `${MORE('35.8 MiB', '32.9 MiB')}, beyond the sampling error of the 554 samples behind these sites (±2.9 MiB), but ${AFTER('?gc=1')}: the estimate runs high (±2.9 MiB is a 95 % bound, which sampling sometimes overshoots), so read the sites' in-use numbers as estimates, not counts.`;
const RATE = `${MORE('537.6 MiB', '8.8 MiB')}, beyond twice the sampling error of the 1,071 samples behind these sites (±32.7 MiB), which sampling alone all but never reaches, and ${AFTER('?gc=1')}: the samples were likely taken at another MemProfileRate than the 512.0 KiB the header gives (a rate changed while the program ran, not once at the start of main), so the sites' in-use numbers are not to be trusted.`;
const EARLIER = (inuse: string, heapInuse: string): string => `${MORE(inuse, heapInuse)}: the profile is of an earlier GC (it may be up to two GC cycles old) and most of that has been freed since, so its in-use numbers are that GC's heap, not what is held now.`;

type Lag = { inuseBytes: number; heapInuseBytes: number; samples: number; errorBytes: number; cause: string; summary: string };
type Report = { snapshots: { source: string; profile: { lag: Lag | null } }[] };

const lagOf = async (args: string[]): Promise<(Lag | null)[]> => (await reportJson<Report>([...args, '--format', 'json'])).snapshots.map((s) => s.profile.lag);

describe('sites counting more in use than HeapInuse right after a forced GC', () => {
  it('beyond the sampling error of 554 samples: the estimate runs high, in text, JSON and Markdown', async () => {
    const dump = `${D}/tail/1.heap-debug1-gc1.txt`;
    const text = await runCli([dump]);
    expect(text.code).toBe(0);
    expect(text.stdout.replace(/\n {2}/g, ' ')).toContain(TAIL);
    expect(await lagOf([dump])).toEqual([{ inuseBytes: 37588774, heapInuseBytes: 34455552, samples: 554, errorBytes: 3083015, cause: 'sampling-tail', summary: TAIL }]);
    expect((await runCli([dump, '--format', 'markdown'])).stdout).toContain(`\n${asCode(TAIL)}\n`);
    // The plain dump read after the second ?gc=1: HeapInuse 33.1 MiB after the server's own allocations, within it.
    const [plain] = await lagOf([`${D}/tail/3.heap-debug1.txt`]);
    expect([plain?.cause, plain?.inuseBytes, plain?.heapInuseBytes, plain?.errorBytes]).toEqual(['sampling-error', 37655210, 34742272, 3085800]);
  });

  it('beyond twice it: samples taken at 4 KiB, scaled at the header\'s 512 KiB', async () => {
    expect(await lagOf([`${D}/ratechange/1.heap-debug1-gc1.txt`])).toEqual([{ inuseBytes: 563706869, heapInuseBytes: 9207808, samples: 1071, errorBytes: 34315754, cause: 'rate-changed', summary: RATE }]);
  });

  it('in the TUI Sites header', () => {
    const lines = (dump: string): string[] => {
      const data = { report: buildReport({ heap: [`../${D}/${dump}`] }), width: 170, height: 40 };
      const state = tuiReducer(initialTuiState(), { action: { type: 'key', input: '2', key: {} }, context: buildScreen(data, initialTuiState()).context });
      return buildScreen(data, state).lines.map((l) => lineText(l).trimEnd());
    };
    expect(lines('tail/1.heap-debug1-gc1.txt')[3]).toBe('in use 35.8 MiB > HeapInuse 32.9 MiB: beyond sampling error (554 samples, ±2.9 MiB) after a forced GC: estimates run high');
    expect(lines('ratechange/1.heap-debug1-gc1.txt')[3]).toBe('in use 537.6 MiB > HeapInuse 8.8 MiB: far beyond sampling error (±32.7 MiB) after a forced GC: samples likely taken at another MemProfileRate');
  });
});

describe('a dump whose own MemStats do not say it was read right after a forced GC', () => {
  // Heaps under 2 MiB, at the runtime's 4 MiB minimum goal, saved as heap.N.txt: alone, a plain
  // dump read any time after some forced GC looks the same; as a series, NumForcedGC rose to each.
  it('is read as its series reads it: 4.3 MiB on 17 samples beside 2.0 MiB is the estimate, not memory freed since', async () => {
    const tail = `${MORE('4.3 MiB', '2.0 MiB')}, beyond the sampling error of the 17 samples behind these sites (±2.1 MiB), but ${AFTER("?gc=1 or the program's runtime.GC()")}: the estimate runs high (±2.1 MiB is a 95 % bound, which sampling sometimes overshoots), so read the sites' in-use numbers as estimates, not counts.`;
    expect(await lagOf([`${D}/tail-small/heap.1.txt`])).toEqual([{ inuseBytes: 4489509, heapInuseBytes: 2056192, samples: 17, errorBytes: 2161674, cause: 'earlier-gc', summary: EARLIER('4.3 MiB', '2.0 MiB') }]);
    const series = await lagOf([`${D}/tail-small`]);
    expect(series.map((l) => l?.cause)).toEqual(['sampling-tail', 'sampling-tail']);
    expect(series[0]).toEqual({ inuseBytes: 4489509, heapInuseBytes: 2056192, samples: 17, errorBytes: 2161674, cause: 'sampling-tail', summary: tail });
  });

  it('and a rate changed while the program ran, 24.1 MiB beside 1.2 MiB', async () => {
    expect((await lagOf([`${D}/ratechange-small/heap.1.txt`])).map((l) => l?.cause)).toEqual(['earlier-gc']);
    const series = await lagOf([`${D}/ratechange-small`]);
    expect(series.map((l) => [l?.cause, l?.inuseBytes, l?.heapInuseBytes, l?.errorBytes])).toEqual([['rate-changed', 25260378, 1212416, 7264730], ['rate-changed', 25260378, 1220608, 7264730]]);
    expect(series[1]?.summary).toBe(`${MORE('24.1 MiB', '1.2 MiB')}, beyond twice the sampling error of the 48 samples behind these sites (±6.9 MiB), which sampling alone all but never reaches, and ${AFTER("?gc=1 or the program's runtime.GC()")}: the samples were likely taken at another MemProfileRate than the 512.0 KiB the header gives (a rate changed while the program ran, not once at the start of main), so the sites' in-use numbers are not to be trusted.`);
  });
});

describe('the forced-GC reading the lag is weighed by', () => {
  const readings = (heap: string[]): [string, boolean | undefined, string | undefined][] =>
    buildReport({ heap: heap.map((f) => `../test/fixtures/captured/${f}`) }).snapshots.map((s) => [s.source.replace(/^.*\//, ''), s.forcedGC?.after, s.forcedGC?.by]);

  it('of audit36/pool: its ?gc=1 dumps at the minimum goal are, by name alone and in the series; its plain ones are not', () => {
    const at = ['02', '05', '08', '11', '14', '17', '20'];
    const gc = at.map((t) => `go1.19-audit36/pool/series-gc/t${t}.heap-debug1-gc1.txt`);
    const plain = at.map((t) => `go1.19-audit36/pool/series-plain/t${t}.heap-debug1.txt`);
    expect(readings(gc)).toEqual(at.map((t) => [`t${t}.heap-debug1-gc1.txt`, true, '?gc=1']));
    expect(readings(gc.slice(0, 1))).toEqual([['t02.heap-debug1-gc1.txt', true, '?gc=1']]);
    expect(readings(plain.slice(0, 1))).toEqual([['t02.heap-debug1.txt', false, "?gc=1 or the program's runtime.GC()"]]);
    const mixed = readings([...plain, ...gc]);
    expect(mixed.filter(([, after]) => after).map(([source]) => source)).toEqual(at.map((t) => `t${t}.heap-debug1-gc1.txt`));
  });

  it('of go1.19-program-gc: dumps 01–05 after the program\'s runtime.GC(), named without gc=1; 06 read between GCs', () => {
    const files = ['01', '02', '03', '04', '05', '06'].map((n) => `go1.19-program-gc/${n}.heap-debug1.txt`);
    const by = "?gc=1 or the program's runtime.GC()";
    expect(readings(files)).toEqual(['01', '02', '03', '04', '05', '06'].map((n) => [`${n}.heap-debug1.txt`, n !== '06', by]));
    expect(readings(files.slice(5))).toEqual([['06.heap-debug1.txt', false, by]]);
  });
});
