/**
 * Plain heap?debug=1 dumps read between GCs (test/fixtures/captured/go1.19-audit35-between, README
 * there: a cache of a few MiB and, after two GCs, scratch made and dropped before each dump). The
 * series verdict's plateau and growth-short-of-evidence sentences read their HeapAlloc as the live
 * heap ("A plateau, not a leak: the live heap rose from 14.4 MiB to 32.3 MiB …", "the live heap
 * grew 5.4 MiB → 14.3 MiB") while the profile had 2–8 MiB in use, the series table's row was
 * `live`, and a series said no RSS sentence where one dump does (--rss, a moment's scrape).
 */
import { describe, expect, it } from 'vitest';
import { combineReport } from '../../src/analyze/combine.js';
import { analyzeSnapshot } from '../../src/analyze/snapshot.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { heapSnapshot } from '../../src/input/snapshot.js';
import { seriesView } from '../../src/tui/model/series.js';
import { reportJson, reportLines, runCli } from '../helpers/cli.js';
import { readFixture } from '../helpers/fixtures.js';

const D = 'test/fixtures/captured/go1.19-audit35-between';
const WEIGHED = (inUse: string): string => `the heap profile, as of the latest one's last GC, had ${inUse} in use: HeapAlloc counts the garbage made since the last GC, which the next one collects, so these snapshots do not say how much is live`;
const GC1 = 'To read the live heap itself, add ?gc=1 to the heap URL so that each snapshot follows a GC.';
const HEAP = 'the heap between collections (HeapAlloc, live plus garbage not yet collected)';

interface Verdict { kind: string; leak: string; confidence: string; summary: string; readBetweenGCs?: { profileInUseBytes: number } }
interface Report { verdict: { leak: string; summary: string }; series: { verdict: Verdict; points: { breakdown: { live: number } }[] } }

describe('audit35: a series read between GCs says the heap between collections, weighed against the profile', () => {
  it('plateau/: "A plateau" of the heap between collections at low confidence, the table row HeapAlloc', async () => {
    const out = await reportLines([`${D}/plateau/`]);
    expect(out.slice(0, 3)).toEqual([
      `A plateau, not a leak: ${HEAP} rose from 14.4 MiB to 32.3 MiB by snapshot 2, then stayed near 32.5 MiB through snapshot 6: it grew once, then stopped; ${WEIGHED('7.8 MiB')}.`,
      GC1,
      'Grew, then held (not growing now): main.resize +4.1 MiB.',
    ]);
    expect(out).toContain('  HeapAlloc     14.4 MiB → 32.3 MiB → 32.8 MiB → 32.6 MiB → 33.0 MiB → 32.5 MiB');
    expect(out).toContain('  HeapAlloc was read between GCs: the heap between collections, live plus garbage not yet collected, not the live heap; each of the 6 heap dumps at snapshots taken at different GCs was read between GCs, none right after a forced GC; the heap profile, as of the latest snapshot\'s last GC, had 7.8 MiB in use.');
    expect(out.join('\n')).not.toContain('live heap rose');
    const j = await reportJson<Report>([`${D}/plateau/`]);
    expect(j.series.verdict).toMatchObject({ kind: 'stable', leak: 'not-suspected', confidence: 'low', readBetweenGCs: { profileInUseBytes: 8148993 } });
    // JSON keeps its field names: the row's values are the points' breakdown.live.
    expect(j.series.points.map((p) => p.breakdown.live)[0]).toBe(15075168);
    const md = (await runCli([`${D}/plateau/`, '--format', 'markdown'])).stdout.split('\n');
    expect(md).toContain('| HeapAlloc | 14.4 MiB → 32.3 MiB → 32.8 MiB → 32.6 MiB → 33.0 MiB → 32.5 MiB |');
    expect(md).toContain('HeapAlloc was read between GCs: the heap between collections, live plus garbage not yet collected, not the live heap; each of the 6 heap dumps at snapshots taken at different GCs was read between GCs, none right after a forced GC; the heap profile, as of the latest snapshot\'s last GC, had 7.8 MiB in use.');
  });

  it('plateau/ in the TUI: the Series pane\'s row is HeapAlloc, with the same note', () => {
    const snapshots = ['01', '02', '03', '04', '05', '06'].map((n) => {
      const rel = `captured/go1.19-audit35-between/plateau/${n}.heap.txt`;
      const { dump, diagnostics } = parseHeapDump(readFixture(rel), rel);
      return analyzeSnapshot(rel, heapSnapshot(dump), diagnostics);
    });
    const view = seriesView(combineReport(snapshots));
    expect(view?.rows[0]).toMatchObject({ name: 'live', label: 'HeapAlloc' });
    expect(view?.note).toBe('HeapAlloc was read between GCs: the heap between collections, live plus garbage not yet collected, not the live heap; each of the 6 heap dumps at snapshots taken at different GCs was read between GCs, none right after a forced GC; the heap profile, as of the latest snapshot\'s last GC, had 7.8 MiB in use.');
  });

  it('plateau-churn/: churn weighed against the 2.3 MiB in use, the plateau HeapAlloc\'s', async () => {
    const out = await reportLines([`${D}/plateau-churn/`]);
    expect(out.slice(0, 2)).toEqual([
      `Churn, not a leak: 33.7 MiB allocated a step on average (168.7 MiB over 5 steps between snapshots) while ${HEAP} rose from 5.4 MiB to 12.2 MiB by snapshot 2, then stayed near 12.6 MiB through snapshot 6 (a plateau: it stopped rising), and ${WEIGHED('2.3 MiB')}; the Go heap's cost is GC work.`,
      GC1,
    ]);
    expect((await reportJson<Report>([`${D}/plateau-churn/`])).series.verdict).toMatchObject({ kind: 'churn', confidence: 'medium', readBetweenGCs: { profileInUseBytes: 2388088 } });
  });

  // Churn: HeapAlloc moves within one GC cycle's room under the goal GOGC=400 sets at its 4 MiB floor (NextGC 16 MiB at four
  // dumps of five), HeapObjects within the objects one GC cycle allocates (965 → 1,113): the cache of 1–3 MiB never reaches it.
  it('grew/: churn of the heap between collections, weighed against the profile; with --rss, the latest moment\'s RSS sentence', async () => {
    const out = await reportLines([`${D}/grew/`]);
    expect(out.slice(0, 3)).toEqual([
      `Churn, not a leak: 27.1 MiB allocated a step on average (108.5 MiB over 4 steps between snapshots) while HeapAlloc, read between GCs, moves between 5.4 MiB and 14.3 MiB across 5 GC-separated snapshots (snapshots 1→5), and ${WEIGHED('2.3 MiB')}, with no site or goroutine group growing steadily; the Go heap's cost is GC work.`,
      GC1,
      '',
    ]);
    expect(out).toContain('  HeapAlloc     5.4 MiB → 10.4 MiB → 7.9 MiB → 12.8 MiB → 14.3 MiB');
    // 05.status.txt: VmRSS 23680 kB. The series says it as the latest dump alone says it.
    const rss = 'The OS counts 23.1 MiB of RSS, in line with what Go holds (plus the binary\'s own pages).';
    expect((await reportLines([`${D}/grew/`, '--rss', '23680kB']))[2]).toBe(rss);
    expect((await reportLines([`${D}/grew/05.heap.txt`, '--rss', '23680kB']))[2]).toBe(rss);
    const j = await reportJson<Report>([`${D}/grew/`, '--rss', '23680kB']);
    expect(j.verdict.summary.endsWith(`${GC1} ${rss}`)).toBe(true);
    expect(j.series.verdict).toMatchObject({ kind: 'churn', confidence: 'medium', readBetweenGCs: { profileInUseBytes: 2369579 } });
    expect(j.series.verdict.summary).not.toContain('The OS counts');
  });

  it('audit34 lim/ carries readBetweenGCs; its ?gc=1 lim3/ does not, and its row stays live', async () => {
    expect((await reportJson<Report>(['test/fixtures/captured/go1.19-audit34-limit/lim/'])).series.verdict.readBetweenGCs).toEqual({ profileInUseBytes: 3474225, plainDumps: 4 });
    expect((await reportJson<Report>(['test/fixtures/captured/go1.19-audit34-limit/lim3/'])).series.verdict.readBetweenGCs).toBeUndefined();
    expect((await reportLines(['test/fixtures/captured/go1.19-audit34-limit/lim3/']))).toContain('  live          2.2 MiB → 2.2 MiB → 2.2 MiB → 2.2 MiB → 1.2 MiB');
  });
});
