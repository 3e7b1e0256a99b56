/**
 * Audit 41 item 10: /debug/vars readings called "live". expvar reads MemStats when asked, never right
 * after a GC, so its HeapAlloc counts the garbage made since the last GC. The captured
 * go1.19-audit41-gogc (README): 8.8 MiB live throughout, SetGCPercent(400) at 20 s, SetGCPercent(50)
 * at 80 s; its /debug/vars under GOGC=400 read HeapAlloc up to 29.6 MiB. The captured
 * go1.19-audit41-listener: a leak of 16 KiB per request, read from its /debug/vars alone.
 */
import { describe, expect, it } from 'vitest';
import { runCli, reportJson } from '../helpers/cli.js';

const D = 'test/fixtures/captured/go1.19-audit41-gogc';
const VARS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `${D}/vars-t${String(n).padStart(2, '0')}.json`);
const LISTENER = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `test/fixtures/captured/go1.19-audit41-listener/vars-t${String(n).padStart(2, '0')}.json`);

type Run = { from: number; to: number; lowNextGCBytes: number; highNextGCBytes: number; perGCBytes: number; liveBytes: number };
type Report = {
  verdict: { leak: string; dominant: string; readBetweenGCs?: true; summary: string };
  snapshots: { source: string; verdict: { leak: string; readBetweenGCs?: true; summary: string } }[];
  series?: {
    goalRatioChanges?: { from: number; to: number; before: number; after: number; gogcBefore?: number; room?: { before: Run; after: Run } }[];
    verdict: { kind: string; leak: string; confidence: string; summary: string; readBetweenGCs?: { withoutProfile?: true; room?: unknown } };
  };
};

const SERIES_SUMMARY = 'Churn, not a leak: 1.3 GiB allocated a step on average (12.0 GiB over 9 steps between snapshots) while HeapAlloc, read between GCs, moves between 8.7 MiB and 29.6 MiB across 10 GC-separated snapshots (snapshots 1→10) without rising steadily, with no site or goroutine group growing steadily; the Go heap\'s cost is GC work. The heap goal moved while the live heap under it did not (NextGC 44.2 MiB–45.2 MiB at snapshots 2→4, then 12.7 MiB–13.3 MiB at snapshots 5→10): GOGC was changed at run time (debug.SetGCPercent), or a memory limit began to hold the goal down, and HeapAlloc, read between GCs, follows the goal, not the live heap. A snapshot read between GCs counts the garbage made since the last one in HeapAlloc: to measure the live heap, take heap?debug=1&gc=1 dumps (each runs a GC first, so that its HeapAlloc is the live heap; /debug/vars and /metrics cannot run one).';

const GOAL_NOTE = 'The heap goal moved while the live heap under it did not: NextGC 44.2 MiB–45.2 MiB at snapshots 2→4, then 12.7 MiB–13.3 MiB at snapshots 5→10, while each GC left about 12.8 MiB, then 9.6 MiB live (the goal less the 32.5 MiB, then 3.7 MiB allocated per GC the runtime started): the goal 3.5×, then 1.4× that heap. GOGC was changed at run time (debug.SetGCPercent), or a memory limit began to hold the goal down: HeapAlloc, read between GCs, rises toward the goal, so the idle heap and the garbage between GCs follow the goal, not the live heap.';

const ONE_SUMMARY = 'Read between GCs: HeapAlloc 29.6 MiB, 53.6% of the 55.3 MiB Go holds (58.6 MiB mapped), counts everything allocated since the last GC, reachable or not, and a /debug/vars document has no heap profile to say how much of it is still live. One dump cannot tell a leak from a peak — take a heap?debug=1&gc=1 dump (a GC runs before it, so that its HeapAlloc is the live heap) and another some time later, and compare both with heapdoc analyze A B.';

describe('/debug/vars under SetGCPercent(400), then (50): a series', () => {
  it('says HeapAlloc read between GCs, and that the heap goal moved, not a live peak', async () => {
    const r = await reportJson<Report>(VARS);
    expect(r.series?.verdict.kind).toBe('churn');
    expect(r.series?.verdict.confidence).toBe('low');
    expect(r.series?.verdict.summary).toBe(SERIES_SUMMARY);
    expect(r.series?.verdict.readBetweenGCs).toEqual({ withoutProfile: true });
    // The runs under a goal that held, from the vars' own NextGC, TotalAlloc and NumGC − NumForcedGC (t02–t04: 75 GCs, t05–t10: 1,901).
    expect(r.series?.goalRatioChanges).toEqual([{
      from: 3, to: 4, before: 47421328 / 13393298, after: 13885580 / 10015040,
      room: {
        before: { from: 1, to: 3, lowNextGCBytes: 46364944, highNextGCBytes: 47421328, perGCBytes: 34028030, liveBytes: 13393298 },
        after: { from: 4, to: 9, lowNextGCBytes: 13302488, highNextGCBytes: 13977188, perGCBytes: 3870540, liveBytes: 10015040 },
      },
    }]);
  });

  it('the table names the row HeapAlloc and says why, and where the goal moved (text and Markdown)', async () => {
    const r = await runCli(VARS);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('  HeapAlloc     11.1 MiB → 11.7 MiB → 29.6 MiB → 26.0 MiB → 12.4 MiB → 8.8 MiB → 11.3 MiB → 12.1 MiB → 11.3 MiB → 8.7 MiB');
    expect(lines.some((l) => /^ {2}live /.test(l))).toBe(false);
    const joined = r.stdout.replace(/\n {2}(?! )/g, ' ').replace(/\s+/g, ' ');
    expect(joined).toContain('HeapAlloc was read between GCs: the heap between collections, live plus garbage not yet collected, not the live heap; /debug/vars and /metrics read MemStats when asked, never right after a GC, and have no heap profile to say what is live.');
    expect(joined).toContain(GOAL_NOTE);
    expect(joined).not.toContain('live heap fell');
    const md = await runCli([...VARS, '--format', 'markdown']);
    expect(md.stdout).toContain(`**Verdict (leak: not-suspected, dominant: released).** ${SERIES_SUMMARY.replace('take heap?debug=1&gc=1 dumps', 'take `heap?debug=1&gc=1` dumps')}`);
    expect(md.stdout).toContain('| HeapAlloc | 11.1 MiB → 11.7 MiB → 29.6 MiB');
    expect(md.stdout).toContain(GOAL_NOTE);
  });
});

describe('/debug/vars: one document', () => {
  it('says HeapAlloc read between GCs, with no profile to say how much is live, and names the row so', async () => {
    const r = await reportJson<Report>([`${D}/vars-t03.json`]);
    expect(r.verdict).toEqual({ leak: 'unknown', dominant: 'live', readBetweenGCs: true, summary: ONE_SUMMARY });
    const t = await runCli([`${D}/vars-t03.json`]);
    expect(t.stdout.split('\n')).toContain('  HeapAlloc        29.6 MiB   50.5%  ████████████');
  });
});

describe('a leak read from /debug/vars alone', () => {
  it('is still Leak suspected, from the 16 KiB size class (expvar listeners 442 → 8,203)', async () => {
    const r = await reportJson<Report>(LISTENER);
    expect(r.series?.verdict.kind).toBe('leak');
    expect(r.series?.verdict.confidence).toBe('medium');
    expect(r.series?.verdict.summary).toBe('Leak suspected (medium confidence): growing size class (MemStats.BySize) across 10 GC-separated snapshots (snapshots 1→10): 16.0 KiB objects 442 → 8,203 live (+121.3 MiB); a heap profile of the same moments says which sites allocate them.');
    expect(r.series?.goalRatioChanges).toBeUndefined();
  });
});
