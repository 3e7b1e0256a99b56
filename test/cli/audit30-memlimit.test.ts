/**
 * The new-user audit 30's memlimit capture (go1.19.8, GOGC=off GOMEMLIMIT=64MiB;
 * test/fixtures/captured/go1.19-audit30-memlimit, README there): a retained working set grows
 * 10 → 20 → 30 → 40 → 50 MB over 24 s under a goal held at 51 MB, its GCs ever more frequent (~3 a
 * second at 10 MB, ~180 at 50 MB). Its log was "Churn, not a leak … its floor flat at 50 MB after
 * warm-up" (the thirds of its 1,125 GCs: 10 → 50 → 50 MB), with no word of the limit; its first
 * 40 KB listed the floor of 291 GCs one by one.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const F = 'test/fixtures/captured/go1.19-audit30-memlimit';
const LOG = `${F}/gctrace.log`;
const TRUNC = `${F}/trunc.gctrace.log`;

interface Trace { cycles: number; floorsMB: number[]; goalCap?: unknown; verdict: { kind: string; leak: string; confidence: string; evidence: { kind: string; text: string }[]; summary: string } }
interface Report { verdict: { leak: string }; gcTraces: Trace[] }

async function json(args: string[], code = 0): Promise<Report> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.code).toBe(code);
  return JSON.parse(r.stdout) as Report;
}

const LEAK = 'Leak suspected (high confidence): the live heap after GC keeps rising, 10 → 50 MB over 23.8 s and 1125 GCs; its floor rose in every third of the log (10 → 20 → 40 MB).';
const CAPPED = 'The heap goal is capped: it stayed at 51 MB at 555 of the 563 GCs of the log\'s later half, below the 100 MB GOGC=100 sets (twice the live heap after GC, C 50 MB), by a memory limit (GOMEMLIMIT) with GOGC off or above 100: the goal held within 1 MB of 51 MB at 1124 of the log\'s 1125 GCs while the live heap after GC rose 10 → 50 MB, where GOGC=100 would have moved it with the live heap (20 MB at C 10 MB), so the limit alone sets it: each GC lets only about 1 MB be allocated where GOGC=100 would let about 50 MB, so the GC runs about 50 times as often as GOGC=100 alone would make it (2830 GCs a minute, not counting 3 forced).';
const AT_LIMIT = 'A leak at its memory limit: the limit holds the heap down by collecting ever more often as the live heap grows into it (about 1 MB of room at each GC by the end of the log); next come GC thrash (the GC running back to back, its CPU share climbing: 2% since start, gctrace\'s figure) and, once the live heap outgrows the limit, an OOM kill. Raising GOMEMLIMIT only buys time (pass --gomemlimit, or a /metrics scrape of the process, to see where Go stood against it): find what keeps growing (heap profiles taken some time apart).';
const TRUNC_SUMMARY = 'Cannot tell from this log whether memory leaks: the live heap\'s floor after GC (the least C from each GC on) rose, held and rose again after start-up — 3 rises, 10 → 20 → 30 → 40 MB (10 MB ×15 → 20 MB ×28 → 30 MB ×37 → 40 MB ×72 → 41 MB → 50 MB ×138 over its last 291 of 293 GCs): a staircase, as a buffer or slice that keeps growing climbs (bytes.Buffer doubles its capacity when it is full, append grows a large slice by about a quarter: each time a new, larger copy, which holds until it fills): it held before and rose again, so that it holds at the end is no sign it stopped. Log for longer, or compare heap dumps taken with ?gc=1 some time apart. The heap goal is capped: it stayed at 51 MB at every one of the 147 GCs of the log\'s later half, below the 100 MB GOGC=100 sets (twice the live heap after GC, C 50 MB), by a memory limit (GOMEMLIMIT) with GOGC off or above 100: the goal held within 1 MB of 51 MB at all of the log\'s 293 GCs while the live heap after GC rose 10 → 50 MB, where GOGC=100 would have moved it with the live heap (20 MB at C 10 MB), so the limit alone sets it: each GC lets only about 1 MB be allocated where GOGC=100 would let about 50 MB, so the GC runs about 50 times as often as GOGC=100 alone would make it (941 GCs a minute, not counting 3 forced). If the live heap goes on growing at its memory limit (about 1 MB of room at each GC by the end of the log), next come GC thrash (the GC running back to back, its CPU share climbing: 1% since start, gctrace\'s figure) and, once the live heap outgrows the limit, an OOM kill (pass --gomemlimit, or a /metrics scrape of the process, to see where Go stood against it).';

describe('go1.19-audit30-memlimit: a leak growing into its memory limit', () => {
  it('the log is judged by time as well as by GC count: its floor 10 → 20 → 40 MB, a leak (was churn, 10 → 50 → 50 MB)', async () => {
    const j = await json([LOG]);
    const t = j.gcTraces[0];
    expect([t?.cycles, t?.floorsMB]).toEqual([1125, [10, 20, 40]]);
    expect(t?.verdict).toEqual({
      kind: 'leak', leak: 'suspected', confidence: 'high',
      evidence: [{ kind: 'live-heap', text: 'the live heap after GC keeps rising, 10 → 50 MB over 23.8 s and 1125 GCs; its floor rose in every third of the log (10 → 20 → 40 MB)' }],
      summary: `${LEAK} ${CAPPED} ${AT_LIMIT}`,
    });
    expect(j.verdict.leak).toBe('suspected');
    // What the capped goal's words are made from (docs/json.md), the same with the limit known.
    const cap = { goalMB: 51, cycles: 555, of: 563, liveMB: 50, wholeLog: { cycles: 1124, of: 1125, lowLiveMB: 10 } };
    expect(t?.goalCap).toEqual(cap);
    expect((await json([LOG, '--gomemlimit', '64MiB'])).gcTraces[0]?.goalCap).toEqual(cap);
  });

  it('the goal pinned at 51 MB while the live heap rose: a memory limit with GOGC off, each GC with about 1 MB of room', async () => {
    const r = await runCli([LOG]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain([
      `GC log ${LOG}: 1,125 GCs over 23.8 s`,
      `  ${LEAK}`,
      `  ${CAPPED}`,
    ].join('\n'));
    // Its runs with their counts (docs/contract.md), not six values and five with the rise unsaid.
    expect(r.stdout).toContain('  live after GC 10 MB ×14 → 11 MB → 10 MB ×2 → 20 MB ×5 → 21 MB → … 758 more … → 53 MB → 52 MB → 50 MB ×124 → 51 MB → 50 MB ×217\n');
    expect(r.stdout).toContain("the live heap's lowest point in each third of the log: 10 → 20 → 40 MB\n");
  });

  it('with --gomemlimit 64MiB the request for it is gone, and where the heap stood follows', async () => {
    const j = await json([LOG, '--gomemlimit', '64MiB']);
    const s = j.gcTraces[0]?.verdict.summary ?? '';
    const standing = 'GOMEMLIMIT 64.0 MiB (given): the heap reached at most 53 MB before gc 783, 82.8% of it; Go holds more than its heap (idle spans, goroutine stacks, runtime metadata: a GC log does not print them), so it may have held about the limit, where the GC collects more often to stay under it: a /metrics scrape or heap?debug=1 dump of the process says what Go held (Sys − HeapReleased, what the limit bounds).';
    expect(s).toBe(`${LEAK} ${CAPPED} ${AT_LIMIT.replace(' (pass --gomemlimit, or a /metrics scrape of the process, to see where Go stood against it)', '')} ${standing}`);
  });

  it('its first 40 KB: the staircase, its floor at 291 GCs as runs with their counts, and the capped goal', async () => {
    const j = await json([TRUNC], 2);
    const t = j.gcTraces[0];
    expect([t?.cycles, t?.floorsMB]).toEqual([293, [10, 20, 30]]);
    expect(t?.verdict).toEqual({ kind: 'unknown', leak: 'unknown', confidence: 'low', evidence: [], summary: TRUNC_SUMMARY });
  });
});
