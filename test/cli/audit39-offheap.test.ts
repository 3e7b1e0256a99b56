/**
 * Memory outside the Go heap (test/fixtures/captured/go1.19-audit39-offheap, -offheap-metrics and
 * -chanpeak, READMEs there):
 *  - five real /metrics scrapes whose process_resident_memory_bytes rose 48.4 → 192.1 MiB while what
 *    Go holds stayed ~15.5 MiB (4 MiB syscall.Mmap'd a second) were "Churn, not a leak: … the cost
 *    is GC work, not memory" above "The OS counts 192.1 MiB of RSS, 176.6 MiB more than Go holds",
 *    with no RSS row in the series table;
 *  - the offheap ?gc=1 dump with --rss 819580kB said "Most of the memory is runtime metadata" and
 *    its series "the cost is GC work, not memory" above "785.2 MiB more than Go holds"; without
 *    --rss the dump never said a heap dump cannot see mmap/cgo memory;
 *  - chanpeak's "the heap keeps its 55.7 MiB high-water mark (3.1 MiB idle, 49.4 MiB released)",
 *    with RSS 16.8 MB, read as memory held.
 */
import { describe, expect, it } from 'vitest';
import { reportJson, reportLines, runCli } from '../helpers/cli.js';

const D = 'test/fixtures/captured';
const METRICS = `${D}/go1.19-audit39-offheap-metrics`;
const OFFHEAP = `${D}/go1.19-audit39-offheap`;
const DUMP = `${OFFHEAP}/gc1/heap-gc1-t220.txt`;

interface Report {
  verdict: { leak: string; summary: string };
  snapshots: { process?: { rss?: number } }[];
  series: { verdict: { kind: string; leak: string; outsideGoHeap?: unknown } };
  findings: { ruleId: string; severity: string; message: string; source: string; evidence?: Record<string, unknown> }[];
}

const OUTSIDE = "Leak suspected outside the Go heap, metrics-1.txt → metrics-5.txt: the process's RSS rose steadily, 48.4 MiB → 192.1 MiB across 5 snapshots (35.9 MiB a step on average), while what Go holds (Sys − HeapReleased) stayed flat, 15.6 MiB → 15.5 MiB.";

describe('audit39: memory outside the Go heap', () => {
  it('metrics scrapes: RSS rising while Go holds flat is a leak outside the Go heap, with RSS and Go holds rows', async () => {
    const out = await reportLines([METRICS]);
    expect(out.slice(0, 2)).toEqual([
      "Leak suspected outside the Go heap: the process's RSS rose steadily, 48.4 MiB → 192.1 MiB across 5 snapshots (35.9 MiB a step on average), while what Go holds (Sys − HeapReleased) stayed flat, 15.6 MiB → 15.5 MiB: memory the Go heap does not count — cgo allocations, syscall.Mmap, mmap-ed files — is growing.",
      "Find it: /proc/PID/smaps (or pmap -x PID) read twice some time apart shows which mappings grew; for cgo, a C allocator's heap profiler (jemalloc's or tcmalloc's).",
    ]);
    expect(out[2]?.startsWith('In the Go heap: churn, not a leak: 35.5 MiB allocated a step on average')).toBe(true);
    expect(out[2]?.endsWith("the Go heap's cost is GC work; the memory is outside it.")).toBe(true);
    expect(out[3]).toBe('The OS counts 192.1 MiB of RSS, 176.6 MiB more than Go holds: memory outside the Go heap (cgo, mmap): even if the OS still counted all 2.9 MiB of released pages, 173.8 MiB would be left.');
    expect(out.join('\n')).not.toContain('not memory');
    expect(out).toContain('  Go holds      15.6 MiB → 14.9 MiB → 15.9 MiB → 14.9 MiB → 15.5 MiB');
    expect(out).toContain('  RSS           48.4 MiB → 87.5 MiB → 120.4 MiB → 155.5 MiB → 192.1 MiB');
    const j = await reportJson<Report>([METRICS]);
    expect(j.verdict.leak).toBe('suspected');
    // The scrapes' process_resident_memory_bytes, byte for byte.
    expect(j.snapshots.map((s) => s.process?.rss)).toEqual([50712576, 91738112, 126300160, 163082240, 201445376]);
    // The Go heap alone is still churn.
    expect(j.series.verdict.kind).toBe('churn');
    expect((await runCli([METRICS, '--fail-on', 'leak'])).code).toBe(1);
  });

  it('metrics scrapes: series.verdict keeps the Go heap\'s churn and says outsideGoHeap; leak-outside-heap (an error) reports it', async () => {
    const j = await reportJson<Report>([METRICS]);
    expect(j.series.verdict.kind).toBe('churn');
    expect(j.series.verdict.leak).toBe('not-suspected');
    // The scrapes' process_resident_memory_bytes, and Sys − HeapReleased at the first and the last.
    expect(j.series.verdict.outsideGoHeap).toEqual({ rssBytes: [50712576, 91738112, 126300160, 163082240, 201445376], goHeldFirstBytes: 16348424, goHeldLastBytes: 16217352 });
    const found = j.findings.filter((f) => f.ruleId === 'leak-outside-heap');
    expect(found.map((f) => [f.severity, f.message, f.source])).toEqual([['error', OUTSIDE, `${METRICS}/metrics-5.txt`]]);
    expect(found[0]?.evidence).toEqual({ snapshots: 5, first: `${METRICS}/metrics-1.txt`, last: `${METRICS}/metrics-5.txt`, firstRssBytes: 50712576, lastRssBytes: 201445376, goHeldFirstBytes: 16348424, goHeldLastBytes: 16217352 });
  });

  it('lint of the scrapes: one leak-outside-heap at metrics-5.txt, exit 1; SARIF has the rule\'s metadata', async () => {
    const r = await runCli(['lint', METRICS, '--format', 'json']);
    expect(r.code).toBe(1);
    const rows = (JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; severity: number; message: string }[] }[])
      .flatMap((f) => f.messages.filter((m) => m.ruleId === 'leak-outside-heap').map((m) => [f.filePath.slice(f.filePath.lastIndexOf('/') + 1), m.severity, m.message]));
    expect(rows).toEqual([['metrics-5.txt', 2, OUTSIDE]]);
    const sarif = JSON.parse((await runCli(['lint', METRICS, '--format', 'sarif'])).stdout) as { runs: { tool: { driver: { rules: { id: string; defaultConfiguration: { level: string }; helpUri: string }[] } }; results: { ruleId: string; level: string }[] }[] };
    const rule = sarif.runs[0]?.tool.driver.rules.find((x) => x.id === 'leak-outside-heap');
    expect([rule?.defaultConfiguration.level, rule?.helpUri]).toEqual(['error', 'https://pkg.go.dev/runtime#MemStats']);
    expect(sarif.runs[0]?.results.filter((x) => x.ruleId === 'leak-outside-heap').map((x) => x.level)).toEqual(['error']);
  });

  it('the offheap dumps without RSS at every snapshot: no outsideGoHeap, no leak-outside-heap', async () => {
    const j = await reportJson<Report>(['--rss', '819580kB', OFFHEAP]);
    expect(j.series.verdict.outsideGoHeap).toBeUndefined();
    expect(j.findings.map((f) => f.ruleId)).not.toContain('leak-outside-heap');
  });

  it('one ?gc=1 dump without RSS says a heap dump cannot see mmap/cgo memory and asks for --rss', async () => {
    const out = await reportLines([DUMP]);
    expect(out.slice(0, 4)).toEqual([
      'Not a leak of reachable data: live 1.2 MiB of 18.4 MiB mapped (Go holds 15.2 MiB); 3.2 MiB of idle heap already released to the OS, 10.4 MiB of runtime metadata.',
      'Most of the memory is runtime metadata.',
      'One dump cannot tell whether the live 1.2 MiB grows — take another after some time (and a GC) and compare both with heapdoc analyze A B.',
      "A heap dump counts only what Go holds: memory from cgo, syscall.Mmap or mmap-ed files is in no MemStats field; if the process's RSS (VmRSS in /proc/PID/status) is well above the 15.2 MiB Go holds, give it with --rss to see how much is outside the Go heap.",
    ]);
  });

  it('the same dump with --rss 819580kB: "most" is of what Go holds, and the process\'s memory is outside it', async () => {
    const out = await reportLines(['--rss', '819580kB', DUMP]);
    expect(out.slice(0, 4)).toEqual([
      'Not a leak of reachable data: live 1.2 MiB of 18.4 MiB mapped (Go holds 15.2 MiB); 3.2 MiB of idle heap already released to the OS, 10.4 MiB of runtime metadata.',
      "Of what Go holds, most is runtime metadata; most of the process's memory is outside the Go heap.",
      'One dump cannot tell whether the live 1.2 MiB grows — take another after some time (and a GC) and compare both with heapdoc analyze A B.',
      'The OS counts 800.4 MiB of RSS, 785.2 MiB more than Go holds: memory outside the Go heap (cgo, mmap): even if the OS still counted all 3.2 MiB of released pages, 782.0 MiB would be left.',
    ]);
    expect(out.join('\n')).not.toContain('give it with --rss');
  });

  it('the offheap folder with --rss 819580kB: churn said of the Go heap, never "not memory"', async () => {
    const j = await reportJson<Report>(['--rss', '819580kB', OFFHEAP]);
    expect(j.verdict.summary.startsWith('Churn in the Go heap, not a leak of it: 54.1 MiB allocated a step on average (703.9 MiB over 13 steps between snapshots)')).toBe(true);
    expect(j.verdict.summary).toContain("with no site or goroutine group growing steadily; the Go heap's cost is GC work; the memory is outside it.");
    expect(j.verdict.summary.endsWith('The OS counts 800.4 MiB of RSS, 785.2 MiB more than Go holds: memory outside the Go heap (cgo, mmap): even if the OS still counted all 3.2 MiB of released pages, 782.0 MiB would be left.')).toBe(true);
    expect(j.verdict.summary).not.toContain('not memory');
    // Without RSS the folder is churn as before: no RSS, no claim about memory outside the heap.
    expect((await reportJson<Report>([OFFHEAP])).verdict.summary).toContain('with no site or goroutine group growing steadily; the Go heap\'s cost is GC work.');
  });

  it('chanpeak: HeapSys stays at its high-water mark, most of it released to the OS, not held', async () => {
    const j = await reportJson<Report>([`${D}/go1.19-audit39-chanpeak`]);
    expect(j.verdict.summary).toBe('Peak retention, not a leak: live heap fell from 22.0 MiB at snapshot 7 to 2.5 MiB at snapshot 14, read right after a forced GC (?gc=1; read between GCs, HeapAlloc, which counts the garbage made since the last GC too, fell from 52.4 MiB at snapshot 6 to 3.9 MiB at snapshot 13) while HeapSys stays at its 55.7 MiB high-water mark, most of it address space only: 49.4 MiB released to the OS (on Linux, out of RSS unless GODEBUG=madvdontneed=0), 3.1 MiB idle (held for reuse).');
  });
});
