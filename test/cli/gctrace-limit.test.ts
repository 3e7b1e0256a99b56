/**
 * A GODEBUG=gctrace=1 log's verdict beside a known GOMEMLIMIT (--gomemlimit, a scrape's
 * go_gc_gomemlimit_bytes read with it) says where its heap stood against the limit, as a series'
 * verdict does (exposition/gctrace.ts gcLogLimitStanding, by series/limit.ts heldRole), in text,
 * Markdown and JSON (`gcTraces[].verdict.limit`). Real go1.19 captures:
 * test/fixtures/captured/go1.19-gctrace-limit (GOGC=off sawtooths under GOMEMLIMIT=64MiB and
 * 256MiB, a live heap grown to 98 MB under 64MiB) and go1.19-series-limit-callers/plateau-limit128
 * (a plateau under GOMEMLIMIT=128MiB, its /metrics reporting it).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const D = 'test/fixtures/captured/go1.19-gctrace-limit';
const PLATEAU = 'test/fixtures/captured/go1.19-series-limit-callers/plateau-limit128';

interface Standing { gomemlimitBytes: number; origin: string; role: string; peakHeapBytes: number; peakCycle: number; heapBytes: number; text: string }
interface Report { verdict: { leak: string; summary: string }; gcTraces: { source: string; verdict: { kind: string; summary: string; limit?: Standing } }[]; series?: { verdict: { limit?: unknown } } }

async function json(args: string[]): Promise<Report> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

describe("a GC log's verdict beside a known GOMEMLIMIT", () => {
  const CHURN = 'Churn, not a leak: 91 GCs a minute while the live heap after GC stays near 22 MB (its floor flat at 22 MB after warm-up); the cost is GC CPU (under 1% since start, gctrace\'s figure), not memory.';
  const POSSIBLE = 'GOMEMLIMIT 64.0 MiB (given): the heap reached at most 53 MB before gc 2, 82.8% of it; Go holds more than its heap (idle spans, goroutine stacks, runtime metadata: a GC log does not print them), so it may have held about the limit, where the GC collects more often to stay under it: a /metrics scrape or heap?debug=1 dump of the process says what Go held (Sys − HeapReleased, what the limit bounds).';

  it('GOGC=off GOMEMLIMIT=64MiB sawtooth (53->53->22 MB at every GC), --gomemlimit 64MiB: possible, in text, Markdown and JSON; without it, nothing', async () => {
    const log = `${D}/sawtooth.gctrace.log`;
    const text = (await runCli([log, '--gomemlimit', '64MiB'])).stdout.split('\n');
    expect(text.slice(0, 2)).toEqual([`${log}: ${CHURN}`, POSSIBLE]);
    const section = text.indexOf(`GC log ${log}: 12 GCs over 7.2 s`);
    expect(text.slice(section + 1, section + 3)).toEqual([`  ${CHURN}`, `  ${POSSIBLE}`]);
    const md = (await runCli([log, '--gomemlimit', '64MiB', '--format', 'markdown'])).stdout;
    // Markdown shows the query as code (`heap?debug=1`).
    expect(md).toContain(`\n12 GCs over 7.2 s. ${CHURN} ${POSSIBLE.replace('heap?debug=1', '`heap?debug=1`')}\n`);
    const j = await json([log, '--gomemlimit', '64MiB']);
    expect(j.gcTraces[0]?.verdict.limit).toEqual({ gomemlimitBytes: 67108864, origin: 'flag', role: 'possible', peakHeapBytes: 55574528, peakCycle: 2, heapBytes: 55574528, text: POSSIBLE });
    expect(j.gcTraces[0]?.verdict.summary).toBe(`${CHURN} ${POSSIBLE}`);
    expect(j.verdict.summary).toBe(`${log}: ${CHURN} ${POSSIBLE}`);
    const without = await json([log]);
    expect([without.gcTraces[0]?.verdict.summary, without.gcTraces[0]?.verdict.limit]).toEqual([CHURN, undefined]);
  });

  it('GOGC=off GOMEMLIMIT=256MiB sawtooth (236–240 MB before each GC): reached, to the end of the log', async () => {
    const j = await json([`${D}/sawtooth-256.gctrace.log`, '--gomemlimit', '256MiB']);
    const reached = 'GOMEMLIMIT 256.0 MiB (given): the heap was 236 MB before the log\'s last GC (gc 11), 92.2% of it (at most 240 MB, 93.8%, before gc 2): the limit held the heap down to the end of the log (near it, the GC collects more often to stay under it).';
    expect(j.gcTraces[0]?.verdict).toMatchObject({ kind: 'stable', summary: `Stable: the live heap after GC stays at 28 MB over 10.8 s and 11 GCs. ${reached}` });
    expect(j.gcTraces[0]?.verdict.limit).toEqual({ gomemlimitBytes: 268435456, origin: 'flag', role: 'reached', peakHeapBytes: 251658240, peakCycle: 2, heapBytes: 247463936, text: reached });
  });

  it('GOMEMLIMIT=64MiB with 96 MiB kept (99->99->98 MB): exceeded, the live heap alone above the limit (memory-limit-pressure)', async () => {
    const j = await json([`${D}/over.gctrace.log`, '--gomemlimit', '64MiB']);
    const exceeded = 'GOMEMLIMIT 64.0 MiB (given): the heap was 99 MB before the log\'s last GC (gc 306), 154.7% of it (at most 100 MB, 156.3%, before gc 275): the live heap after that GC alone (C 98 MB) was above the limit, which no collection meets while that much is live (memory-limit-pressure).';
    // Its goal sits at the live heap (`99->99->98 MB, 98 MB goal`): capped, the limit's mark.
    expect(j.gcTraces[0]?.verdict.kind).toBe('memory-limit');
    expect(j.gcTraces[0]?.verdict.summary.startsWith('A plateau at a memory limit, not a leak: the live heap after GC rose 4 → 98 MB')).toBe(true);
    expect(j.gcTraces[0]?.verdict.summary).toContain('(its floor over the later half of the log: 98 → 98 → 98 MB). The heap goal is capped: it stayed at 98 MB at every one of the 153 GCs of the log\'s later half, below the 196 MB GOGC=100 sets (twice the live heap after GC, C 98 MB), by the memory limit: the goal is the live heap itself, to the MB, so each GC lets less than a MB be allocated where GOGC=100 would let about 98 MB (2287 GCs a minute).');
    expect(j.gcTraces[0]?.verdict.summary.endsWith(`raise GOMEMLIMIT, or reduce the live heap or what Go holds beside it. ${exceeded}`)).toBe(true);
    expect(j.gcTraces[0]?.verdict.limit).toEqual({ gomemlimitBytes: 67108864, origin: 'flag', role: 'exceeded', peakHeapBytes: 104857600, peakCycle: 275, heapBytes: 103809024, text: exceeded });
  });

  it("the plateau's log with its /metrics (go_gc_gomemlimit_bytes 134217728, read as other captures of its moments): none, the limit as the process reports it", async () => {
    const j = await json([PLATEAU]);
    const none = 'GOMEMLIMIT 128.0 MiB (as the process reports it (go_gc_gomemlimit_bytes)): the heap reached at most 47 MB before gc 46, 36.7% of it; Go holds more than its heap (idle spans, goroutine stacks, runtime metadata: a GC log does not print them), but would need more than half as much again to come near the limit: the limit most likely played no part.';
    const log = j.gcTraces[0];
    expect(log?.source).toBe(`${PLATEAU}/stderr.log`);
    expect(log?.verdict.limit).toEqual({ gomemlimitBytes: 134217728, origin: 'reported', role: 'none', peakHeapBytes: 49283072, peakCycle: 46, heapBytes: 34603008, text: none });
    const text = (await runCli([PLATEAU])).stdout.split('\n');
    const section = text.indexOf(`GC log ${PLATEAU}/stderr.log: 112 GCs over 16.2 s`);
    expect(text[section + 2]).toBe(`  ${none}`);
  });

  it('the same log with a limit it reached at its peak only (--gomemlimit 50MiB): reached then, and where it ended', async () => {
    const j = await json([`${PLATEAU}/stderr.log`, '--gomemlimit', '50MiB']);
    expect(j.gcTraces[0]?.verdict.limit).toEqual({
      gomemlimitBytes: 52428800, origin: 'flag', role: 'reached', peakHeapBytes: 49283072, peakCycle: 46, heapBytes: 34603008,
      text: 'GOMEMLIMIT 50.0 MiB (given): the heap reached 47 MB before gc 46, 94.0% of it: the limit held the heap down then (near it, the GC collects more often to stay under it); before the log\'s last GC (gc 112) it was 33 MB, 66.0% of it.',
    });
  });
});
