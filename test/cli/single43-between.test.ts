/**
 * One plain heap?debug=1 dump read between GCs (audit 43 F5): the heap goal says what the last GC
 * marked, (NextGC − StackInuse)/2 at GOGC=100, and below 90 % of HeapAlloc the verdict names that
 * much as live then (reasoning.md §4), whatever share of HeapAlloc the profile holds. The captured
 * go1.19-audit43-concpeak's plain heap-t46 (a burst of 4 MiB buffers, GOMAXPROCS=1) was "Live objects
 * are most of what Go holds: live 394.0 MiB is 80.0% …" beside a goal that says ~213.2 MiB. Dumps
 * whose name says ?gc=1 stay read right after their GC (concpeak's gc1/heap-t36, 20.7 MiB allocated
 * after the forced GC; go1.19-limit-binding's plateau-limit34 under a binding GOMEMLIMIT, whose goal
 * is no GOGC=100 goal).
 */
import { describe, expect, it } from 'vitest';
import { reportJson, reportLines } from '../helpers/cli.js';

const C = 'test/fixtures/captured';
const CONCPEAK = `${C}/go1.19-audit43-concpeak`;
const ASSUMED = 'if GOGC is 100 (the dump does not carry GOGC; the profile may be up to two GC cycles old), so at least that much was live then';
const NEXT = 'One dump cannot tell a leak from a peak — take it again with heap?debug=1&gc=1 (a GC runs before the dump, so that HeapAlloc is the live heap) and another some time later, and compare both with heapdoc analyze A B.';

interface Json { snapshots: { verdict: { leak: string; readBetweenGCs?: boolean; summary: string } }[] }

describe('one plain dump read between GCs: the heap goal decides what was live (audit 43 F5)', () => {
  it('concpeak plain heap-t46: HeapAlloc 394.0 MiB read between GCs, the goal says 213.2 MiB marked; the table row is HeapAlloc', async () => {
    const lines = await reportLines([`${CONCPEAK}/plain/heap-t46.txt`]);
    expect(lines[0]).toBe(`Read between GCs: HeapAlloc 394.0 MiB, 80.0% of the 492.3 MiB Go holds (554.9 MiB mapped), counts everything allocated since the last GC, reachable or not, and the heap profile, as of a recent GC, had 215.6 MiB in use; the heap goal (NextGC 428.3 MiB) says the last GC marked about 213.2 MiB live ${ASSUMED} and the 180.9 MiB allocated since may be garbage.`);
    expect(lines[1]).toBe(NEXT);
    expect(lines).toContain('  HeapAlloc       394.0 MiB   71.0%  █████████████████');
    expect(lines.filter((l) => l.startsWith('  live '))).toEqual([]);
    const json = await reportJson<Json>([`${CONCPEAK}/plain/heap-t46.txt`, '--format', 'json']);
    expect(json.snapshots[0]?.verdict.leak).toBe('unknown');
    expect(json.snapshots[0]?.verdict.readBetweenGCs).toBe(true);
  });

  it('cardinality plain heap-t26 (gctrace gc 6: 59->59->57 MB) and workermap plain heap-t36 (gc 6: 33->33->30 MB)', async () => {
    expect((await reportLines([`${C}/go1.19-audit43-cardinality/plain/heap-t26.txt`]))[0]).toBe(`Read between GCs: HeapAlloc 94.3 MiB, 84.9% of the 111.1 MiB Go holds (114.5 MiB mapped), counts everything allocated since the last GC, reachable or not, and the heap profile, as of a recent GC, had 55.8 MiB in use; the heap goal (NextGC 115.3 MiB) says the last GC marked about 57.5 MiB live ${ASSUMED} and the 36.8 MiB allocated since may be garbage.`);
    expect((await reportLines([`${C}/go1.19-audit43-workermap/plain/heap-t36.txt`]))[0]).toBe(`Read between GCs: HeapAlloc 51.9 MiB, 80.9% of the 64.2 MiB Go holds (67.2 MiB mapped), counts everything allocated since the last GC, reachable or not, and the heap profile, as of a recent GC, had 27.6 MiB in use; the heap goal (NextGC 60.5 MiB) says the last GC marked about 30.1 MiB live ${ASSUMED} and the 21.9 MiB allocated since may be garbage.`);
  });

  it('a binary profile with the /debug/vars of its moment reads so too', async () => {
    const lines = await reportLines([`${CONCPEAK}/heap-t46.pb.gz`, `${CONCPEAK}/vars/vars-t46.json`]);
    expect(lines[0]).toBe(`Read between GCs: HeapAlloc 394.1 MiB, 80.0% of the 492.3 MiB Go holds (554.9 MiB mapped), counts everything allocated since the last GC, reachable or not, and the heap profile, as of a recent GC, had 215.6 MiB in use; the heap goal (NextGC 428.3 MiB) says the last GC marked about 213.2 MiB live ${ASSUMED} and the 180.9 MiB allocated since may be garbage.`);
    expect(lines).toContain('  HeapAlloc       394.1 MiB   71.0%  █████████████████');
  });

  it('dumps whose name says ?gc=1 stay read right after their GC', async () => {
    expect((await reportLines([`${CONCPEAK}/gc1/heap-t36.txt`]))[0]).toBe('Live objects are most of what Go holds: live 237.9 MiB is 50.7% of the 468.9 MiB Go holds (536.8 MiB mapped).');
    expect((await reportLines([`${C}/go1.19-limit-binding/plateau-limit34/01-t2.heap-gc1.txt`]))[0]).toBe('Live objects are most of what Go holds: live 17.6 MiB is 53.9% of the 32.6 MiB Go holds (34.4 MiB mapped).');
  });
});
