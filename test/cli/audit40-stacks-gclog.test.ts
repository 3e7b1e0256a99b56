/**
 * Audit 40, findings 2, 3, 10 and 14, on captures of real Go 1.19 programs (README in each folder):
 * - go1.19-audit40-connleak: one goroutine per connection blocked forever in a select (main.serve,
 *   created by main.accept), 200 a second for 30 s: 5,748 goroutines, StackInuse 1.8 → 11.9 MiB over
 *   plain dumps at 5, 10, 20 and 30 s and a ?gc=1 dump at 31 s. It was "A plateau, not a leak … it
 *   grew once, then stopped"; its four plain dumps "no trend yet"; lint found no leak; one dump with
 *   the goroutine dump headed "Most of the memory is goroutine stacks" with no finding to explain it.
 * - go1.19-audit40-timers-gc1: a time.AfterFunc(20s) per request whose closure pins 32 KiB: the live
 *   heap grows 20 s, then holds near 58 MB. Its GC log (last GCs 57 → 57 → 58 MB over 20 s of 38 s)
 *   was "keeps rising … Leak suspected (high confidence)", and headed its four ?gc=1 dumps' plateau.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const C = 'test/fixtures/captured/go1.19-audit40-connleak';
const T = 'test/fixtures/captured/go1.19-audit40-timers-gc1';
const PLAIN = ['heap-t5s.txt', 'heap-t10s.txt', 'heap-t20s.txt', 'heap-t30s.txt'].map((f) => `${C}/${f}`);

interface Finding { ruleId: string; severity: string; message: string; fix: string }
interface Report {
  verdict: { leak: string; summary: string };
  findings: Finding[];
  series?: { readAfterForcedGC?: number; verdict: { kind: string; confidence: string; evidence: { kind: string; text: string }[] } };
  gcTraces?: { verdict: { leak: string; summary: string } }[];
}
async function json(args: string[]): Promise<Report> {
  const r = await runCli(['analyze', ...args, '--format', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

const HELD = 'held by 5,748 goroutines of main.serve [select] ← created by main.accept in the latest goroutine dump (2.0 KiB of stack each at least: 11.2 MiB): goroutines that never end keep their stacks and what they reference';

describe('connleak: stacks that rose at every dump, held by goroutines blocked in one select (findings 3 and 14)', () => {
  it('every dump, the goroutine dump and the GC log: Leak suspected, naming main.serve created by main.accept', async () => {
    const r = await json([...PLAIN, `${C}/heap-gc1-t31s.txt`, `${C}/goroutine-debug2.txt`, `${C}/gctrace.txt`]);
    expect(r.verdict.leak).toBe('suspected');
    expect(r.verdict.summary).toBe(`Leak suspected (medium confidence): goroutine stacks (StackInuse) 1.8 MiB → 3.8 MiB → 7.8 MiB → 11.6 MiB → 11.9 MiB across 5 snapshots, never falling (read when each dump is taken, not as of the last GC as the profile is), ${HELD}.`);
    expect(r.series?.verdict.evidence.map((e) => e.kind)).toEqual(['stack-inuse']);
    expect(r.verdict.summary).not.toContain('grew once');
  });

  it('the four plain dumps (2 GC-separated) and the goroutine dump: the same, not "no trend yet"', async () => {
    const r = await json([...PLAIN, `${C}/goroutine-debug2.txt`]);
    expect(r.verdict.summary).toBe(`Leak suspected (medium confidence): goroutine stacks (StackInuse) 1.8 MiB → 3.8 MiB → 7.8 MiB → 11.6 MiB across 4 snapshots, never falling (read when each dump is taken, not as of the last GC as the profile is), ${HELD}.`);
  });

  it('without a goroutine dump: cannot tell, naming the stacks that rose at every dump (it was "Not a leak of reachable data … only 2 GC-separated snapshots")', async () => {
    const r = await json(PLAIN);
    expect(r.series?.verdict.evidence).toEqual([]);
    expect(r.verdict.leak).toBe('unknown');
    expect(r.verdict.summary).toBe('Cannot tell yet whether memory leaks: goroutine stacks (StackInuse) 1.8 MiB → 3.8 MiB → 7.8 MiB → 11.6 MiB never fell across 4 snapshots (read when each dump is taken, not as of the last GC), while HeapAlloc, read between GCs, went 934.3 KiB → 4.7 MiB: goroutines that never end keep their stacks, a leak the heap barely shows; give a goroutine dump (goroutine?debug=2) of the latest moment to see whether they are alive and where they wait.');
  });

  it('every heap dump, no goroutine dump: cannot tell, the stacks said (it was "A plateau, not a leak … it grew once")', async () => {
    const r = await json([...PLAIN, `${C}/heap-gc1-t31s.txt`]);
    expect(r.verdict.leak).toBe('unknown');
    expect(r.verdict.summary).toBe('Cannot tell yet whether memory leaks: goroutine stacks (StackInuse) 1.8 MiB → 3.8 MiB → 7.8 MiB → 11.6 MiB → 11.9 MiB never fell across 5 snapshots (read when each dump is taken, not as of the last GC), while the live heap went 934.3 KiB → 4.6 MiB: goroutines that never end keep their stacks, a leak the heap barely shows; give a goroutine dump (goroutine?debug=2) of the latest moment to see whether they are alive and where they wait. Growing, but not yet evidence: runtime.malg +2.3 MiB.');
  });

  it('lint on the same inputs: leak-suspected, an error', async () => {
    const r = await runCli(['lint', '--no-config', '--format', 'json', ...PLAIN, `${C}/heap-gc1-t31s.txt`, `${C}/goroutine-debug2.txt`, `${C}/gctrace.txt`]);
    expect(r.code).toBe(1);
    const messages = (JSON.parse(r.stdout) as { messages: { ruleId: string; severity: number; message: string }[] }[]).flatMap((f) => f.messages);
    const leak = messages.find((m) => m.ruleId === 'leak-suspected');
    expect(leak?.severity).toBe(2);
    expect(leak?.message).toBe(`Leak suspected (medium confidence) across 5 snapshots, heap-t5s.txt → heap-gc1-t31s.txt: goroutine stacks (StackInuse) 1.8 MiB → 3.8 MiB → 7.8 MiB → 11.6 MiB → 11.9 MiB across 5 snapshots, never falling (read when each dump is taken, not as of the last GC as the profile is), ${HELD}.`);
  });

  it('the whole folder (a /debug/vars read after the stacks stopped rising): a plateau of stacks, a leak if its goroutines never end, not "A plateau, not a leak"', async () => {
    const r = await json([C]);
    expect(r.verdict.leak).toBe('unknown');
    expect(r.series?.verdict.kind).toBe('stable');
    expect(r.series?.verdict.confidence).toBe('medium');
    expect(r.verdict.summary).toBe('A plateau of goroutine stacks, a leak if its goroutines never end: the goroutine stacks (StackInuse) rose from 1.8 MiB to 11.6 MiB by snapshot 4, then stayed near 11.9 MiB through snapshot 6 (34.3% of Sys), beside a live heap of 934.3 KiB → 4.6 MiB across 3 GC-separated snapshots (snapshots 1→5); the stacks are held by 5,748 goroutines of main.serve [select] ← created by main.accept in the latest goroutine dump (2.0 KiB of stack each at least: 11.2 MiB): if they wait for what never comes (a select or receive with no timeout or done channel), each new one adds its stack, and the plateau is only the work that stopped; a later goroutine dump with as many, blocked longer, says so. Growing, but not yet evidence: runtime.malg +2.3 MiB.');
  });
});

describe('connleak: one dump whose stacks are most of the memory (finding 10)', () => {
  it('stack-heavy explains the headline, naming the group that holds the stacks', async () => {
    const r = await json([`${C}/heap-gc1-t31s.txt`, `${C}/goroutine-debug2.txt`]);
    expect(r.verdict.summary).toContain('Most of the memory is goroutine stacks.');
    const f = r.findings.find((x) => x.ruleId === 'stack-heavy');
    expect(f?.message).toBe("Goroutine stacks take 11.9 MiB (42.1% of what Go holds), more than the live heap's 4.6 MiB.");
    expect(f?.fix).toBe(`The goroutine dump of the same moment (${C}/goroutine-debug2.txt) counts 5,752 goroutines alive, 5,748 of them main.serve [select] ← created by main.accept (11.2 MiB of stack at the 2 KiB minimum): see what they wait on (the Goroutines section groups them by stack and wait state). If they are finished work, this is a peak; bound concurrency (a worker pool or a semaphore) to lower it; if they wait for what never comes, they leak — each keeps its stack until it ends.`);
  });
});

describe('timers-gc1: a GC log whose last GCs held for half its time (finding 2)', () => {
  it('alone: a plateau, read by time', async () => {
    const r = await json([`${T}/gctrace.txt`]);
    expect(r.verdict.summary).toBe(`${T}/gctrace.txt: A plateau, not a leak: the live heap after GC rose 3 → 57 MB, then stayed between 57 and 58 MB for its last 3 of 9 GCs, 19.9 s of the log's 38.4 s, while 30 MB were allocated per GC on average: it grew, then stopped.`);
    expect(r.verdict.leak).toBe('not-suspected');
  });

  it('the first run\'s log, whose last two GCs read 60 → 58 MB over 16.8 s: cannot tell (it was "Leak suspected (medium confidence)")', async () => {
    const log = 'test/fixtures/captured/go1.19-audit40-timers-gclog/gctrace.txt';
    const r = await json([log]);
    expect(r.verdict.leak).toBe('unknown');
    expect(r.verdict.summary).toBe(`${log}: Cannot tell from this log whether memory leaks: the live heap after GC rose 3 → 60 MB, then its last GC read 58 MB, 16.8 s later (of the log's 39.4 s), though 50 MB were allocated between them: it stopped rising, but one step does not show a plateau. Log for longer, or compare heap dumps taken with ?gc=1 some time apart.`);
  });

  it('with its four ?gc=1 dumps: the dumps lead', async () => {
    const r = await json([`${T}/heap-gc1-t10s.txt`, `${T}/heap-gc1-t20s.txt`, `${T}/heap-gc1-t30s.txt`, `${T}/heap-gc1-t40s.txt`, `${T}/gctrace.txt`, `${T}/goroutine-debug2.txt`]);
    expect(r.series?.readAfterForcedGC).toBe(4);
    expect(r.verdict.summary).toBe('A plateau, not a leak: the live heap rose from 28.2 MiB to 57.8 MiB by snapshot 2, then stayed near 58.8 MiB through snapshot 4: it grew once, then stopped. Grew, then held (not growing now): main.handle +30.2 MiB.');
  });
});
