/**
 * Three programs captured with every endpoint at each moment (test/fixtures/captured/go1.19-pprof,
 * README there): a leak beside heavy churn, a burst of 10,000 goroutines, leaked goroutines. An
 * audit found the series verdict wrong in both directions: the leak's vars documents (no profile)
 * broke its site's rise ("No leak evidence"), and the burst's goroutine descriptors
 * (runtime.malg, never freed) were "Leak suspected".
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const P = 'test/fixtures/captured/go1.19-pprof';
const at = (program: string, suffix: string, moments = [1, 2, 3, 4]): string[] => moments.map((n) => `${P}/${program}/0${n}-t${n}.${suffix}`);

interface Verdict { kind?: string; leak: string; confidence?: string; summary: string }
interface Report { snapshots: { source: string }[]; verdict: Verdict; series?: { verdict: Verdict; trendSources: string[]; growingSites: { function: string; inuseBytes: number[] }[] } }

async function analyze(files: string[], ...flags: string[]): Promise<{ report: Report; stderr: string; code: number }> {
  const r = await runCli([...files, '--format', 'json', ...flags]);
  return { report: JSON.parse(r.stdout) as Report, stderr: r.stderr, code: r.code ?? -1 };
}

describe('a leak given with the /debug/vars of the same moments (no profile there)', () => {
  it('the heap dumps alone: main.leakChunk grows at every moment', async () => {
    const { report, code } = await analyze(at('leak', 'heap-debug1.txt'), '--fail-on', 'leak');
    expect(code).toBe(1);
    expect(report.series?.verdict.summary).toBe('Leak suspected (high confidence): live heap as of each snapshot\'s last GC (NextGC ÷ 2 at GOGC=100) 19.7 MiB → 75.4 MiB across 4 snapshots taken at different GCs (snapshots 1→4), rising at every step; HeapAlloc, read between GCs, went 23.5 MiB → 105.2 MiB; growing sites: main.leakChunk +54.8 MiB.');
  });

  it('with the vars beside them: the same verdict, one snapshot per moment (was "No leak evidence", exit 0)', async () => {
    const { report, stderr, code } = await analyze([...at('leak', 'heap-debug1.txt'), ...at('leak', 'vars.json')], '--fail-on', 'leak');
    expect(code).toBe(1);
    expect(report.series?.verdict.summary).toBe('Leak suspected (high confidence): live heap as of each snapshot\'s last GC (NextGC ÷ 2 at GOGC=100) 19.7 MiB → 75.4 MiB across 4 snapshots taken at different GCs (snapshots 1→4), rising at every step; HeapAlloc, read between GCs, went 23.5 MiB → 105.2 MiB; growing sites: main.leakChunk +54.8 MiB.');
    expect(report.snapshots.map((s) => s.source)).toEqual(at('leak', 'heap-debug1.txt'));
    expect(stderr).toBe('heapdoc: 4 inputs are other captures of a moment already read (the same folder and file stem: 01-t1.vars.json beside 01-t1.heap-debug1.txt): one snapshot per moment\n');
  });

  it('--separately reads every input as given', async () => {
    const { report } = await analyze([...at('leak', 'heap-debug1.txt'), ...at('leak', 'vars.json')], '--separately');
    expect(report.snapshots).toHaveLength(8);
  });

  it('the site trends skip a snapshot without a profile: vars alone with heap dumps of other moments', async () => {
    // Heap dumps of moments 1, 2 and 4, the vars of moment 3: the site is read at 1, 2, 4.
    const { report } = await analyze([...at('leak', 'heap-debug1.txt', [1, 2, 4]), ...at('leak', 'vars.json', [3])]);
    expect(report.snapshots).toHaveLength(4);
    expect(report.series?.trendSources).toEqual(at('leak', 'heap-debug1.txt', [1, 2, 4]));
    expect(report.series?.growingSites[0]?.function).toBe('main.leakChunk');
    expect(report.series?.verdict.leak).toBe('suspected');
  });

  it('a binary profile beside the heap?debug=1 dump of its moment is that moment, read once', async () => {
    const { report, stderr } = await analyze([`${P}/leak/03-t3.heap.pb.gz`, `${P}/leak/03-t3.heap-debug1.txt`]);
    expect(report.snapshots.map((s) => s.source)).toEqual([`${P}/leak/03-t3.heap-debug1.txt`]);
    expect(report.verdict.summary).toMatch(/^Read between GCs: HeapAlloc 94\.3 MiB, 71\.2% of the 132\.5 MiB Go holds .* the heap goal \(NextGC 113\.4 MiB\) says the last GC marked about 56\.5 MiB live /);
    expect(stderr).toContain('1 input is another capture of a moment already read (the same folder and file stem: 03-t3.heap.pb.gz beside 03-t3.heap-debug1.txt)');
  });

  it('its vars alone: a live heap that rose at every snapshot is not "No leak evidence … without rising steadily"', async () => {
    // HeapAlloc 25.8 → 38.8 → 96.6 → 116.1 MiB while HeapObjects fell, and no profile: the heap goal
    // (NextGC ÷ 2, as of each document's last GC) rose at every step, 20.4 → 78.8 MiB, a leak (goal46).
    const { report, code } = await analyze(at('leak', 'vars.json'), '--fail-on', 'leak');
    expect(code).toBe(1);
    expect(report.series?.verdict).toMatchObject({ kind: 'leak', leak: 'suspected', confidence: 'high' });
    expect(report.series?.verdict.summary).toBe("Leak suspected (high confidence): live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) 20.4 MiB → 78.8 MiB across 4 snapshots taken at different GCs (snapshots 1→4), rising at every step; HeapAlloc, read between GCs, went 25.8 MiB → 116.1 MiB.");
  });

  it('binary profiles alone are ordered by when they were taken, not as given; two are not enough', async () => {
    // Given newest first, the site fell at every step; the headline spoke of "0 goroutine dumps".
    const { report, code } = await analyze(at('leak', 'heap.pb.gz', [4, 3, 2, 1]), '--fail-on', 'leak');
    expect(code).toBe(1);
    expect(report.verdict.summary).toBe('Leak suspected (high confidence): growing sites: main.leakChunk +54.8 MiB.');
    const two = await analyze(at('leak', 'heap.pb.gz', [2, 1]));
    expect(two.report.verdict.summary).toBe('Cannot tell yet whether memory leaks: 2 binary heap profiles have no MemStats (no live heap, no GC count); give /debug/vars or heap?debug=1 of the same moments (the same file stem) for the memory picture. Growing, but not yet evidence: main.leakChunk +18.6 MiB.');
  });

  it('a binary profile without the MemStats of its moment is named as not in the series, and the numbers are the table\'s (was "snapshots 2→4" of 3)', async () => {
    const files = [...at('leak', 'heap-debug1.txt', [1, 2, 3]), `${P}/leak/04-t4.heap.pb.gz`];
    const { report } = await analyze(files);
    const series = report.series as unknown as { points: unknown[]; withoutMemStats: string[]; verdict: Verdict };
    expect(series.points).toHaveLength(3);
    expect(series.withoutMemStats).toEqual([`${P}/leak/04-t4.heap.pb.gz`]);
    // Each moment's discarded heap?gc=1 ran a GC before its heap?debug=1, but ~40 MB/s of garbage came between (NextGC 1.67, 1.43, 1.20 × HeapAlloc).
    expect(series.verdict.summary).toBe('Leak suspected (medium confidence): HeapAlloc 23.5 MiB → 94.3 MiB across 3 snapshots taken at different GCs (snapshots 1→3; a forced GC ran between these snapshots, not right before each: their HeapAlloc counts what was allocated since), each read between GCs; growing sites: main.leakChunk +35.1 MiB.');
    const text = await runCli(files);
    expect(text.stdout).toContain('\n  Not in the series: 04-t4.heap.pb.gz, without MemStats (no place in TotalAlloc order); give /debug/vars or heap?debug=1 of its moment with the same file stem.\n');
  });

  it('heap?debug=1 and allocs?debug=1 saved at each moment are one profile: 4 snapshots, the heap dumps (were 8, "medium confidence")', async () => {
    const { report, stderr, code } = await analyze([...at('leak', 'allocs-debug1.txt'), ...at('leak', 'heap-debug1.txt')], '--fail-on', 'leak');
    expect(code).toBe(1);
    expect(report.snapshots.map((s) => s.source)).toEqual(at('leak', 'heap-debug1.txt'));
    expect(report.series?.verdict.summary).toBe('Leak suspected (high confidence): live heap as of each snapshot\'s last GC (NextGC ÷ 2 at GOGC=100) 19.7 MiB → 75.4 MiB across 4 snapshots taken at different GCs (snapshots 1→4), rising at every step; HeapAlloc, read between GCs, went 23.5 MiB → 105.2 MiB; growing sites: main.leakChunk +54.8 MiB.');
    expect(stderr).toBe('heapdoc: 4 inputs are other captures of a moment already read (the same folder and file stem: 01-t1.allocs-debug1.txt beside 01-t1.heap-debug1.txt): one snapshot per moment\n');
    // The whole folder (text and binary heap and allocs profiles, vars, goroutine dumps): the same 4.
    const whole = await analyze([`${P}/leak`]);
    expect(whole.report.snapshots.map((s) => s.source)).toEqual(at('leak', 'heap-debug1.txt'));
  });

  it('heapdoc lint of the folder agrees: leak-suspected across the 4 heap dumps, exit 1', async () => {
    const r = await runCli(['lint', '--format', 'json', `${P}/leak`]);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as { messages: { ruleId: string; message: string }[] }[];
    expect(results.flatMap((f) => f.messages).filter((m) => m.ruleId === 'leak-suspected').map((m) => m.message)).toEqual([
      // The verdict's own words of the goal's trend (lintgoal47.test), not HeapAlloc's ends.
      "Leak suspected (high confidence) across 4 snapshots, 01-t1.heap-debug1.txt → 04-t4.heap-debug1.txt: live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) 19.7 MiB → 75.4 MiB across 4 snapshots taken at different GCs (snapshots 1→4), rising at every step; HeapAlloc, read between GCs, went 23.5 MiB → 105.2 MiB; growing main.leakChunk 13.8 MiB → 68.6 MiB.",
    ]);
  });
});

describe('a burst of 10,000 goroutines that came and went: peak retention, not a leak', () => {
  it('before, during and after (was "Leak suspected: growing sites: runtime.malg +2.5 MiB", exit 1)', async () => {
    const { report, code } = await analyze(at('burst', 'heap-debug1.txt', [1, 2, 3]), '--fail-on', 'leak');
    expect(code).toBe(0);
    expect(report.series?.verdict).toMatchObject({ kind: 'peak-retention', leak: 'not-suspected', confidence: 'high' });
    expect(report.series?.verdict.summary).toBe('Peak retention, not a leak: a burst of goroutines came and went — their stacks (StackInuse) 352.0 KiB → 312.9 MiB at snapshot 2 → 448.0 KiB, and the freed stack spans are heap the runtime keeps (HeapSys 339.5 MiB: 329.2 MiB idle, 2.3 MiB released). HeapAlloc 2.6 MiB → 6.9 MiB across 3 snapshots taken at different GCs, each read between GCs (snapshots 1→3): runtime.malg +2.5 MiB is the burst\'s goroutine descriptors, which the runtime keeps for reuse — a cost of the peak, not growth.');
  });

  it('with a fourth moment (was "A plateau"): the descriptors cost the live heap more than malg\'s sampled estimate', async () => {
    // HeapAlloc 2.6 → 6.9 MiB: malg's estimate +2.5 MiB (7,564 of 10,005 gs), the rest allgs and the estimate's error.
    const { report } = await analyze(at('burst', 'heap-debug1.txt'));
    expect(report.series?.verdict.kind).toBe('peak-retention');
    expect(report.series?.verdict.summary).toMatch(/^Peak retention, not a leak: a burst of goroutines came and went — their stacks \(StackInuse\) 352\.0 KiB → 312\.9 MiB at snapshot 2 → 416\.0 KiB/);
  });

  it('the whole folder: the stacks\' fall is named (312.9 MiB), with the goroutine dumps\' counts', async () => {
    const r = await runCli([...at('burst', 'heap-debug1.txt'), ...at('burst', 'vars.json'), ...at('burst', 'gr1.txt'), '--format', 'json']);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.series?.verdict.summary).toMatch(/^Peak retention, not a leak: a burst of goroutines came and went — 10,005 goroutines at the peak, 4 in the last goroutine dump; their stacks \(StackInuse\) 352\.0 KiB → 312\.9 MiB/);
  });

  it('heapdoc lint of the folder: no leak-suspected', async () => {
    const r = await runCli(['lint', '--format', 'json', `${P}/burst`]);
    const results = JSON.parse(r.stdout) as { messages: { ruleId: string }[] }[];
    expect(results.flatMap((f) => f.messages).map((m) => m.ruleId)).not.toContain('leak-suspected');
  });
});

describe('a finding that asks for a goroutine profile when one of the same moment is given', () => {
  it('stack-heavy points at the dump given (was "Take a goroutine profile")', async () => {
    const { report } = await analyze([`${P}/burst/02-t2.heap-debug1.txt`, `${P}/burst/02-t2.gr1.txt`]);
    const findings = (report as unknown as { findings: { ruleId: string; fix: string }[] }).findings;
    expect(findings.find((f) => f.ruleId === 'stack-heavy')?.fix).toBe(`The goroutine dump of the same moment (${P}/burst/02-t2.gr1.txt) counts 10,005 goroutines alive, 10,000 of them main.burst.func1 (19.5 MiB of stack at the 2 KiB minimum): see what they wait on (the Goroutines section groups them by stack and wait state). If they are finished work, this is a peak; bound concurrency (a worker pool or a semaphore) to lower it; if they wait for what never comes, they leak — each keeps its stack until it ends.`);
  });
});

describe('leaked goroutines blocked on a channel receive', () => {
  it('heap dumps and goroutine dumps: leak suspected through the group and the stacks', async () => {
    const { report, code } = await analyze([...at('gleak', 'heap-debug1.txt'), ...at('gleak', 'gr1.txt')], '--fail-on', 'leak');
    expect(code).toBe(1);
    // The goroutines and their stacks are the evidence; runtime.malg's +1.0 MiB rests on 3 → 5 samples, within sampling error (no site evidence on its own).
    expect(report.series?.verdict.summary).toBe('Leak suspected (high confidence): growing goroutine groups across 4 dumps: main.waitForReply +1,500; goroutine stacks (StackInuse) 1.3 MiB → 4.3 MiB across 4 snapshots.');
  });
});

describe('binary goroutine profiles (/debug/pprof/goroutine without ?debug=1): read as their debug=1 text', () => {
  interface Goroutines { goroutines: { source: string; total: number; binary?: boolean; groups: { count: number; function: string }[] }[] }
  it('the same totals and groups as the debug=1 text of the same moment (they were refused: "not a heap profile", exit 2)', async () => {
    for (const n of [1, 2, 3, 4]) {
      const [binary, text] = await Promise.all([`${P}/gleak/0${n}-t${n}.gr.pb.gz`, `${P}/gleak/0${n}-t${n}.gr1.txt`].map(async (f) => {
        const r = await runCli([f, '--format', 'json']);
        expect(r.code, f).toBe(0);
        return (JSON.parse(r.stdout) as Goroutines).goroutines[0];
      }));
      expect(binary?.binary).toBe(true);
      expect(binary?.total).toBe(text?.total);
      // The program's groups; the server's own connection goroutine (net/http.(*conn).serve) waits differently in the two fetches.
      const own = (d: typeof binary): (string | number)[][] => (d?.groups ?? []).filter((g) => g.function.startsWith('main.')).map((g) => [g.count, g.function]);
      expect(own(binary)).toEqual(own(text));
      expect(own(binary).length).toBeGreaterThan(0);
    }
  });

  it('alone they are a goroutine series (a leak, exit 1 with --fail-on leak and in lint); beside the text, the text is read', async () => {
    const { report, code } = await analyze(at('gleak', 'gr.pb.gz'), '--fail-on', 'leak');
    expect(code).toBe(1);
    expect(report.verdict.summary).toBe('Leak suspected (high confidence): growing goroutine groups across 4 dumps: main.waitForReply +1,500.');
    const lint = await runCli(['lint', ...at('gleak', 'gr.pb.gz')]);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain('Leak suspected (high confidence) across 4 snapshots, 01-t1.gr.pb.gz → 04-t4.gr.pb.gz: goroutines main.waitForReply 500 → 2,000.');
    const both = await analyze([...at('gleak', 'gr.pb.gz'), ...at('gleak', 'gr1.txt')]);
    expect(both.report.verdict.summary).toBe('Leak suspected (high confidence): growing goroutine groups across 4 dumps: main.waitForReply +1,500.');
  });

  it('a capture folder that saved them beside everything else is read whole: exit 0 (it was 2)', async () => {
    const r = await runCli([`${P}/burst`, '--format', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { verdict: Verdict }).verdict.summary).toMatch(/^Peak retention, not a leak: a burst of goroutines came and went — 10,005 goroutines at the peak, 4 in the last goroutine dump/);
  });
});

describe('a binary heap profile\'s samples of zeros', () => {
  it('are no sites (pprof -top leaves them out; JSON listed compress/flate.NewWriter at 0, 0, 0, 0); the totals are pprof\'s', async () => {
    const r = await runCli([`${P}/leak/01-t1.heap.pb.gz`, '--format', 'json']);
    const profile = (JSON.parse(r.stdout) as { snapshots: { profile: { inuseBytes: number; sites: { inuseBytes: number; inuseObjects: number; allocBytes: number; allocObjects: number }[] } }[] }).snapshots[0]?.profile;
    expect(profile?.sites.filter((x) => x.inuseBytes + x.inuseObjects + x.allocBytes + x.allocObjects === 0)).toEqual([]);
    expect(profile?.sites).toHaveLength(6);
    expect(profile?.inuseBytes).toBe(16074640); // go tool pprof -top: 15697.89kB
  });
});

describe('the captures parse cleanly', () => {
  it('every heap and allocs dump (text and binary), vars document and goroutine dump (debug=1, debug=2): zero diagnostics', async () => {
    const files = ['leak', 'burst', 'gleak'].flatMap((p) => [
      ...at(p, 'heap-debug1.txt'), ...at(p, 'allocs-debug1.txt'), ...at(p, 'heap.pb.gz'), ...at(p, 'allocs.pb.gz'), ...at(p, 'vars.json'), ...at(p, 'gr1.txt'),
      ...at(p, 'gr2.txt').map((f) => (f.endsWith('burst/02-t2.gr2.txt') ? `${f}.gz` : f)),
    ]);
    const r = await runCli(['analyze', '--separately', '--format', 'json', ...files]);
    const report = JSON.parse(r.stdout) as { snapshots: unknown[]; goroutines: unknown[]; diagnostics: unknown[] };
    // 12 heap + 12 allocs text dumps, 24 binary profiles paired with the 12 vars (12 pairs, 12 alone).
    expect([report.snapshots.length, report.goroutines.length, report.diagnostics]).toEqual([48, 24, []]);
  });
});

describe('moments named `<endpoint>.<N>` (heap.1.txt, metrics.1.txt, vars.1.json: the corpus exposition folders)', () => {
  it('one snapshot per moment: 5 for the 15 files of 5 moments (were 15, "across 15 snapshots")', async () => {
    const { report, stderr } = await analyze(['test/fixtures/corpus/go1.19/exposition/leak']);
    expect(report.snapshots.map((s) => s.source.split('/').pop())).toEqual(['heap.1.txt', 'heap.2.txt', 'heap.3.txt', 'heap.4.txt', 'heap.5.txt']);
    expect(report.series?.verdict.summary).toBe('Leak suspected (medium confidence): HeapAlloc 6.4 MiB → 22.2 MiB across 3 snapshots taken at different GCs (snapshots 1→3), each read between GCs; growing sites: main.remember +7.1 MiB.');
    expect(stderr).toBe('heapdoc: 10 inputs are other captures of a moment already read (the same folder and file stem: metrics.1.txt beside heap.1.txt): one snapshot per moment\n');
  });
});

describe('a leak seen through /metrics alone (test/fixtures/captured/go1.19-exposition-leak)', () => {
  it('HeapObjects that doubled but fell at the end are shown whole, not as "did not rise (1,699 → 3,605)"', async () => {
    const files = [1, 2, 3, 4, 5].map((n) => `test/fixtures/captured/go1.19-exposition-leak/metrics.${n}.txt`);
    const { report } = await analyze(files);
    expect(report.series?.verdict.summary).toBe('Leak suspected (medium confidence): live heap as of each snapshot\'s last GC (NextGC ÷ 2 at GOGC=100) 6.5 MiB → 32.4 MiB across 5 snapshots taken at different GCs (snapshots 1→5), rising at 3 of 4 steps; HeapAlloc, read between GCs, went 7.9 MiB → 38.7 MiB.');
  });
});
