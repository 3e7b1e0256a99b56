/**
 * Audit 35: the heap profile may be up to two GC cycles old (runtime.MemProfile), an edited dump
 * is not reasoned from, and a young process's runtime metadata is no evidence against a leak.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const D = 'test/fixtures/captured/go1.19-audit35-lag';
const BURST = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `${D}/burst-memlimit/heap.${n}.txt`);
const LAG = "These sites count 61.1 MiB in use, more than the heap's spans held at the dump (HeapInuse 1.2 MiB): the profile is of an earlier GC (it may be up to two GC cycles old) and most of that has been freed since, so its in-use numbers are that GC's heap, not what is held now.";

type Snapshot = { verdict: { leak: string; summary: string }; profile: { lag: { inuseBytes: number; heapInuseBytes: number; samples: number; errorBytes: number; cause: string; summary: string } | null } };
type Report = { snapshots: Snapshot[]; findings: { ruleId: string; severity: string }[] };

describe('a heap profile that lags the MemStats', () => {
  it('flags sites counting more in use than HeapInuse, in text, JSON and Markdown', async () => {
    const text = await runCli(BURST);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('  In-use numbers are as of a recent GC: the profile may be up to two GC cycles old.\n');
    expect(text.stdout.replace(/\n {2}/g, ' ')).toContain(LAG);
    const json = JSON.parse((await runCli([`${D}/burst-memlimit/heap.8.txt`, '--format', 'json'])).stdout) as Report;
    // Beyond the ±6.3 MiB sampling error of its 54 samples (1 MiB each), in a dump read between GCs: freed since.
    expect(json.snapshots[0]?.profile.lag).toEqual({ inuseBytes: 64109057, heapInuseBytes: 1302528, samples: 54, errorBytes: 6593275, cause: 'earlier-gc', summary: LAG });
    expect((await runCli([`${D}/burst-memlimit/heap.8.txt`, '--format', 'markdown'])).stdout).toContain(`\n${LAG}\n`);
    const first = JSON.parse((await runCli([`${D}/burst-memlimit/heap.1.txt`, '--format', 'json'])).stdout) as Report;
    expect(first.snapshots[0]?.profile.lag).toBeNull();
  });

  it('reads the marked heap from NextGC rather than calling HeapAlloc unknown when the profile is behind', async () => {
    const r = JSON.parse((await runCli([`${D}/live.heap.pb.gz`, `${D}/live.vars.json`, '--format', 'json'])).stdout) as Report;
    expect(r.snapshots[0]?.verdict).toEqual({
      leak: 'unknown',
      dominant: 'live',
      asOfLastGC: true,
      summary: "As of the last GC (cycle 7), live objects were most of what Go holds: about 109.2 MiB, 78.0% of the 140.0 MiB Go holds (140.7 MiB mapped). The heap goal (NextGC 219.1 MiB) says the last GC marked about 107.7 MiB live if GOGC is 100 (the dump does not carry GOGC), most of HeapAlloc: the heap profile's 44.1 MiB in use is of an earlier GC (it may be up to two GC cycles old), not a sign that HeapAlloc is garbage. What died since that GC stays in HeapAlloc until the next one, so this dump does not say what is live now. One dump cannot tell a leak from a peak — take a heap?debug=1&gc=1 dump (a GC runs before it, so that its HeapAlloc is the live heap) and another some time later, and compare both with heapdoc analyze A B.",
    });
    // Later in the same run, 45.3 MiB allocated since the last GC: read between GCs, with what that GC marked.
    const later = await runCli([`${D}/live-long/heap.7.txt`]);
    expect(later.stdout.split('\n')[0]).toBe('Read between GCs: HeapAlloc 119.9 MiB, 87.4% of the 137.1 MiB Go holds (140.7 MiB mapped), counts everything allocated since the last GC, reachable or not, and the heap profile, as of a recent GC, had only 44.1 MiB in use, but the heap goal (NextGC 152.8 MiB) says the last GC marked about 74.6 MiB live if GOGC is 100 (the dump does not carry GOGC; the profile may be up to two GC cycles old), so at least that much was live then and the 45.3 MiB allocated since may be garbage.');
  });

  it('says dumps sharing a NumGC likely share records, not that they do', async () => {
    const r = await runCli(BURST);
    expect(r.stdout.replace(/\n {2}/g, ' ')).toContain('Snapshots 3–8 share a NumGC: their heap records are likely the same GC epoch (the profile is published at GC; a profile read apart from its MemStats may be of an earlier one).');
  });
});

describe('an inconsistent dump', () => {
  it('reports only the inconsistency and what does not read its MemStats', async () => {
    const r = await runCli([`${D}/edited.heap.txt`, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Report;
    expect(json.findings.map((f) => [f.ruleId, f.severity])).toEqual([['inconsistent-dump', 'error'], ['goroutine-descriptors', 'info']]);
    expect(json.snapshots[0]?.verdict.summary).toBe('The dump is inconsistent: it breaks HeapSys = HeapInuse + HeapIdle, which the runtime always keeps, so no conclusion is drawn from it. Capture it again from /debug/pprof/heap?debug=1 without editing it.');
  });
});

describe('an inconsistent dump given --rss', () => {
  it('says no RSS sentence: the RSS is weighed against the MemStats it does not trust', async () => {
    const r = await runCli([`${D}/edited.heap.txt`, '--rss', '300MiB']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'The dump is inconsistent: it breaks HeapSys = HeapInuse + HeapIdle, which the runtime always keeps, so no conclusion is drawn from it.',
      'Capture it again from /debug/pprof/heap?debug=1 without editing it.',
      '',
    ]);
  });
});

describe('a leaking process 2.5 s in', () => {
  it('is not called "not a leak" for its runtime metadata', async () => {
    const json = JSON.parse((await runCli([`${D}/live-leak-2s.heap.txt`, '--format', 'json'])).stdout) as Report;
    expect(json.snapshots[0]?.verdict).toEqual({
      leak: 'unknown',
      dominant: 'runtime',
      asOfLastGC: true,
      summary: "As of the last GC (cycle 1), live objects were most of what Go holds beside the runtime's own metadata: HeapAlloc 3.3 MiB (that GC's live heap and what was allocated since) is 74.9% of the 4.4 MiB of heap and stacks; the other 9.8 MiB of the 14.2 MiB Go holds (17.8 MiB mapped) is runtime metadata, which every Go process has and which is no sign of a past peak. One dump cannot tell a leak from a peak — take a heap?debug=1&gc=1 dump (a GC runs before it, so that its HeapAlloc is the live heap) and another some time later, and compare both with heapdoc analyze A B.",
    });
  });
});
