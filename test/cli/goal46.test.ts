/**
 * A series read between GCs at every snapshot (/debug/vars documents, plain heap dumps) decides by
 * the heap goal (audit 46 #1): NextGC, which each GC sets from the heap it marked (NextGC ÷ 2 at
 * GOGC=100), is the live heap as of each snapshot's last GC, where HeapAlloc is that heap plus the
 * garbage made since, anywhere on the GC's sawtooth.
 *  - go1.19-audit46-closureleak (closures kept in a global slice, 320 KiB/s): its vars/ were "Cannot
 *    tell yet … grew 3.2 MiB → 22.5 MiB … but not steadily: it fell by 7.3 MiB at snapshot 7" (the
 *    last read just after gc 165) while NextGC ÷ 2 rose at every step; its gc1/ and gctrace.log say
 *    leak, high confidence.
 *  - go1.19-audit46-workerpool (a pool grown to 295 workers of 256 KiB, then idle): vars/ and plain/
 *    were "Cannot tell yet … it fell by 41.0 MiB at snapshot 6"; the goal rose, then held (its gc1/:
 *    "A plateau, not a leak").
 *  - go1.19-audit46-phasechurn (16 MiB kept, 2 → 20 → 2 MiB/s of garbage): vars/ were "Cannot tell
 *    yet … grew 19.0 MiB → 23.9 MiB"; the goal held at 16.4–17.5 MiB (its gc1/: "Stable").
 */
import { describe, expect, it } from 'vitest';
import { reportJson, reportLines } from '../helpers/cli.js';
import { watch } from '../helpers/replay.js';

const C = 'test/fixtures/captured/go1.19-audit46-closureleak';
const W = 'test/fixtures/captured/go1.19-audit46-workerpool';
const P = 'test/fixtures/captured/go1.19-audit46-phasechurn';

interface SeriesJson {
  verdict: { leak: string };
  series: { verdict: { kind: string; confidence: string; lastGcEstimates?: { source: string; values: (number | null)[]; gogc?: number; trend?: boolean } } };
}

/** The series table's rows of the live heap: HeapAlloc, and the goal's "live as of GC". */
const liveRows = (lines: string[]): string[] => lines.filter((l) => /^ {2}(HeapAlloc|live as of GC) {1,}\d.* → /.test(l));

describe('a leak read from the heap goal across readings between GCs', () => {
  it('closureleak vars/: the goal rose at every step, high confidence; HeapAlloc stays shown as read between GCs', async () => {
    const lines = await reportLines([`${C}/vars/`]);
    expect(lines[0]).toBe("Leak suspected (high confidence): live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) 3.3 MiB → 22.6 MiB across 7 snapshots taken at different GCs (snapshots 1→7), rising at every step; HeapAlloc, read between GCs, went 3.2 MiB → 22.5 MiB.");
    expect(liveRows(lines)).toEqual([
      '  HeapAlloc     3.2 MiB → 11.3 MiB → 11.4 MiB → 22.5 MiB → 30.6 MiB → 29.8 MiB → 22.5 MiB',
      '  live as of GC 3.3 MiB → 7.2 MiB → 10.4 MiB → 13.4 MiB → 16.4 MiB → 19.6 MiB → 22.6 MiB',
    ]);
    expect(lines).toContain('  "live as of GC" is each snapshot\'s NextGC / 2 (GOGC=100, the default): the live heap as of its last GC, which the verdict reads the live heap\'s trend from.');
    const json = await reportJson<SeriesJson>([`${C}/vars/`, '--format', 'json']);
    expect([json.verdict.leak, json.series.verdict.confidence, json.series.verdict.kind]).toEqual(['suspected', 'high', 'leak']);
    const e = json.series.verdict.lastGcEstimates;
    expect([e?.source, e?.gogc, e?.trend, e?.values.length]).toEqual(['goal', 100, true, 7]);
    expect(e?.values[6]).toBe(23_679_860);
  });

  it('closureleak plain/: the same rise, from the dumps\' goals (HeapAlloc rose at 4 of 6 steps only), with main.register', async () => {
    const lines = await reportLines([`${C}/plain/`]);
    expect(lines[0]).toBe("Leak suspected (high confidence): live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) 4.2 MiB → 23.3 MiB across 7 snapshots taken at different GCs (snapshots 1→7), rising at every step; HeapAlloc, read between GCs, went 7.2 MiB → 39.4 MiB; growing sites: main.register +17.6 MiB.");
    expect(liveRows(lines)[1]).toBe('  live as of GC 4.2 MiB → 7.2 MiB → 10.4 MiB → 13.4 MiB → 16.4 MiB → 19.6 MiB → 23.3 MiB');
  });
});

describe('a plateau and a flat heap read from the heap goal', () => {
  it('workerpool vars/: the goal rose at 3 steps, then held: a plateau, as its gc1/ says', async () => {
    const lines = await reportLines([`${W}/vars/`]);
    expect(lines[0]).toBe("A plateau, not a leak: the live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) rose from 2.3 MiB to 76.3 MiB by snapshot 4, then stayed near 76.3 MiB through snapshot 7, across 7 snapshots taken at different GCs (snapshots 1→7): it grew at 3 steps, then stopped; HeapAlloc, read between GCs, went 2.2 MiB → 89.2 MiB.");
    expect(liveRows(lines)[1]).toBe('  live as of GC 2.3 MiB → 23.8 MiB → 61.2 MiB → 76.3 MiB → 76.3 MiB → 76.3 MiB → 76.3 MiB');
    const json = await reportJson<SeriesJson>([`${W}/vars/`, '--format', 'json']);
    expect([json.verdict.leak, json.series.verdict.confidence, json.series.verdict.kind]).toEqual(['not-suspected', 'high', 'stable']);
  });

  it('workerpool plain/: the same plateau, and main.worker grew, then held', async () => {
    const lines = await reportLines([`${W}/plain/`]);
    expect(lines.slice(0, 2)).toEqual([
      "A plateau, not a leak: the live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) rose from 2.3 MiB to 76.3 MiB by snapshot 4, then stayed near 76.3 MiB through snapshot 7, across 7 snapshots taken at different GCs (snapshots 1→7): it grew at 3 steps, then stopped; HeapAlloc, read between GCs, went 2.2 MiB → 89.1 MiB.",
      'Grew, then held (not growing now): main.worker +69.3 MiB.',
    ]);
  });

  it('phasechurn vars/: the goal held at 16.4–17.5 MiB while HeapAlloc moved: Stable, as its gc1/ says', async () => {
    const lines = await reportLines([`${P}/vars/`]);
    expect(lines[0]).toBe("Stable: the live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) stays near 16.4 MiB (16.4 MiB–17.5 MiB) across 7 snapshots taken at different GCs (snapshots 1→7), with no site or goroutine group growing steadily; HeapAlloc, read between GCs, went 19.0 MiB → 23.9 MiB.");
    expect(liveRows(lines)[1]).toBe('  live as of GC 16.4 MiB → 16.4 MiB → 17.5 MiB → 17.5 MiB → 17.5 MiB → 16.4 MiB → 16.4 MiB');
  });
});

describe('watch of the workerpool plain/ dumps replayed (audit 46 #3)', () => {
  it('the line says "leak suspected" while the goal rises, and no more once it held through the later half', { timeout: 120_000 }, async () => {
    const polls = (await watch(`${W}/plain`, '.txt', '/debug/pprof/heap?debug=1', 7)).map((l) => l.replace(/^\S+ /, ''));
    expect(polls).toHaveLength(7);
    // Rising at #3–#5 (NextGC ÷ 2 2.3 → 23.8 → 61.2 → 76.3 → 76.3 MiB), then held through the later half: the plateau says no leak.
    expect(polls.map((l) => / · (leak suspected: .*)$/.exec(l)?.[1])).toEqual([
      undefined, undefined, 'leak suspected: main.worker +43.8 MiB', 'leak suspected: main.worker +69.3 MiB', 'leak suspected: main.worker +69.3 MiB', undefined, undefined,
    ]);
    // Where "leak suspected" stops, the line names what grew, then held (hold47.test: the same on a 12-poll save).
    expect(polls[6]).toBe('#7 Sys 170.7 MiB · HeapAlloc 89.1 MiB · frag 561.0 KiB · idle 60.5 MiB · released 4.9 MiB · stacks 960.0 KiB · runtime 14.7 MiB · ΔHeapAlloc +5.0 MiB · 11 sites · grew, then held: main.worker +69.3 MiB');
  });
});

describe('earlier captures read between GCs: the confidence follows the goal, as a ?gc=1 series\' live heap', () => {
  const first = async (dir: string): Promise<string> => ((await reportLines([`test/fixtures/captured/${dir}/`]))[0] ?? '').replace(/ across .*/, '');
  it('a goal rising past half an average step at every step is high; one step short of it, medium', async () => {
    // workermap vars/ was medium (HeapAlloc); its goal rose at every step.
    expect(await first('go1.19-audit43-workermap/vars')).toBe("Leak suspected (high confidence): live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) 5.9 MiB → 67.3 MiB");
    // generics vars/ was high (HeapAlloc); its goal's third step, 8.3 → 10.1 MiB, is under half its average step (5.3 MiB).
    expect(await first('go1.19-audit45-generics/vars')).toBe("Leak suspected (medium confidence): live heap as of each snapshot's last GC (NextGC ÷ 2 at GOGC=100) 3.2 MiB → 35.0 MiB");
  });

  it('three readings are too few for the goal: burst-stacks (a burst in flight at each GC) stays Stable by HeapAlloc', async () => {
    expect(await first('go1.19-audit-live/burst-stacks')).toBe('Stable: HeapAlloc 109.0 MiB → 111.1 MiB');
  });
});
