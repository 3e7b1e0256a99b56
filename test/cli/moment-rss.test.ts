/**
 * The RSS a moment's /metrics scrape reports (process_resident_memory_bytes), handed to the snapshot
 * kept for that moment (analyze/moments.ts reportedByMoment, analyze/snapshot.ts withReportedRss),
 * as its GOMEMLIMIT is: on the corpus's go1.19 exposition captures (heap, metrics and vars of each
 * moment) and the offheap scenario (256 MiB mapped outside the Go heap). Before, heap.5.txt with
 * metrics.5.txt said nothing of RSS (JSON `process` absent), though metrics.5.txt alone says
 * "The OS counts 22.0 MiB of RSS, 28.2 MiB less than Go holds …".
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const LEAK = 'test/fixtures/corpus/go1.19/exposition/leak';
const BURST = 'test/fixtures/corpus/go1.19/exposition/burst';
const OFFHEAP = 'test/fixtures/scenarios/offheap';

interface Finding { ruleId: string; source: string; line?: number; message: string; why: string; evidence: Record<string, number> }
interface Report { verdict: { summary: string }; snapshots: { source: string; process?: Record<string, unknown>; verdict: { summary: string } }[]; findings: Finding[] }

async function json(args: string[]): Promise<Report> {
  const r = await runCli([...args, '--format', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

const LEAK5_RSS = 'The OS counts 22.0 MiB of RSS (as metrics.5.txt reports it: process_resident_memory_bytes), 28.3 MiB less than Go holds: pages Go counts but the OS does not hold (mapped and never touched, or swapped out); up to 96.0 KiB of the 96.0 KiB idle heap may not be in RAM; the other 28.2 MiB can be pages of in-use spans never written (39.4 MiB of in-use heap, 924.7 KiB of it the free slots of partly empty spans, HeapInuse − HeapAlloc: small objects allocated and never written, such as a make([]byte, n) left zero, are not in RAM, since memory fresh from the OS is zero already and the runtime writes nothing there) or reserved metadata.';

describe('the RSS of a moment\'s scrape, for the snapshot kept for the moment', () => {
  it('heap.5.txt with metrics.5.txt: the dump\'s verdict says the scrape\'s RSS, naming it; JSON process.rss with rssFrom', async () => {
    const r = await runCli([`${LEAK}/heap.5.txt`, `${LEAK}/metrics.5.txt`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('heapdoc: 1 input is another capture of a moment already read (the same folder and file stem: metrics.5.txt beside heap.5.txt): one snapshot per moment');
    expect(r.stdout.split('\n')[2]).toBe(LEAK5_RSS);
    const j = await json([`${LEAK}/heap.5.txt`, `${LEAK}/metrics.5.txt`]);
    expect(j.snapshots.map((s) => s.source)).toEqual([`${LEAK}/heap.5.txt`]);
    expect(j.snapshots[0]?.process).toEqual({ rss: 23101440, rssFrom: `${LEAK}/metrics.5.txt` });
    expect(j.verdict.summary.endsWith(` ${LEAK5_RSS} A dump cannot tell which of these it is: it counts spans and objects, the OS counts the pages written.`)).toBe(true);
    // RSS below what Go holds: no RSS rule finds anything here, as with --rss 23101440.
    expect(j.findings).toEqual([]);
  });

  it('--rss wins over the scrape\'s: the sentence names no scrape, JSON process has the flag\'s RSS and says so (rssOrigin "flag", no rssFrom)', async () => {
    const r = await runCli([`${LEAK}/heap.5.txt`, `${LEAK}/metrics.5.txt`, '--rss', '30MiB']);
    expect(r.stdout.split('\n')[2]?.startsWith('The OS counts 30.0 MiB of RSS, 20.4 MiB less than Go holds:')).toBe(true);
    const j = await json([`${LEAK}/heap.5.txt`, `${LEAK}/metrics.5.txt`, '--rss', '30MiB']);
    expect(j.snapshots[0]?.process).toEqual({ rss: 31457280, rssOrigin: 'flag' });
  });

  it('the leak folder: each heap dump carries its moment\'s RSS in JSON; the series\' verdict says the latest moment\'s, as with --rss', async () => {
    const j = await json([`${LEAK}/`]);
    expect(j.snapshots.map((s) => [s.source.slice(LEAK.length + 1), s.process])).toEqual([
      ['heap.1.txt', { rss: 12427264, rssFrom: `${LEAK}/metrics.1.txt` }],
      ['heap.2.txt', { rss: 15499264, rssFrom: `${LEAK}/metrics.2.txt` }],
      ['heap.3.txt', { rss: 18120704, rssFrom: `${LEAK}/metrics.3.txt` }],
      ['heap.4.txt', { rss: 20217856, rssFrom: `${LEAK}/metrics.4.txt` }],
      ['heap.5.txt', { rss: 23101440, rssFrom: `${LEAK}/metrics.5.txt` }],
    ]);
    expect(j.snapshots[4]?.verdict.summary).toContain(LEAK5_RSS);
    expect(j.verdict.summary).toContain(`main.remember +7.1 MiB. ${LEAK5_RSS}`);
    // --rss instead: the same sentence without the scrape's name.
    const given = await json([`${LEAK}/`, '--rss', '23101440']);
    expect(given.verdict.summary).toContain('main.remember +7.1 MiB. The OS counts 22.0 MiB of RSS, 28.3 MiB less than Go holds:');
    // The folder's GOGC=25 log is of another run: weighed on its own, its leak kept as a finding of its own.
    expect(j.findings.map((f) => [f.ruleId, f.source.slice(LEAK.length + 1)])).toEqual([['leak-suspected', 'heap.5.txt'], ['leak-suspected', 'gctrace-gogc25.log']]);
  });

  it('the burst folder: the verdict (the latest snapshot\'s, no trend yet) says metrics.5.txt\'s RSS', async () => {
    const r = await runCli([`${BURST}/`]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'Not a leak of reachable data: HeapAlloc 6.2 MiB (the live heap as of the last GC, cycle 2, and what was allocated since) of 38.6 MiB mapped (Go holds 37.7 MiB); 920.0 KiB of idle heap already released to the OS, 19.9 MiB in goroutine stacks.',
      'Most of the memory is goroutine stacks.',
      'The OS counts 36.8 MiB of RSS (as metrics.5.txt reports it: process_resident_memory_bytes), in line with what Go holds (plus the binary\'s own pages).',
      'The 5 snapshots show no trend yet: every snapshot is from the same GC cycle (NumGC 2), so their heap profiles are the same; not enough GC cycles between snapshots — take more over a longer time, or add ?gc=1 to the heap URL so each snapshot follows a GC.',
    ]);
    const j = await json([`${BURST}/`]);
    expect(j.snapshots.map((s) => s.process?.rss)).toEqual([37769216, 38354944, 38486016, 38617088, 38617088]);
  });

  it('offheap 256 MiB mapped: rss-above-go-estimate on the heap dump, as with --rss, its why naming the scrape', async () => {
    const j = await json([`${OFFHEAP}/02-mapped-256MiB.heap-debug1.txt`, `${OFFHEAP}/02-mapped-256MiB.metrics.txt`]);
    expect(j.snapshots[0]?.process).toEqual({ rss: 283504640, rssFrom: `${OFFHEAP}/02-mapped-256MiB.metrics.txt` });
    expect(j.verdict.summary.endsWith('The OS counts 270.4 MiB of RSS (as 02-mapped-256MiB.metrics.txt reports it: process_resident_memory_bytes), 251.6 MiB more than Go holds: memory outside the Go heap (cgo, mmap): even if the OS still counted all 3.6 MiB of released pages, 248.0 MiB would be left.')).toBe(true);
    const rss = j.findings.filter((f) => f.ruleId === 'rss-above-go-estimate');
    expect(rss.map((f) => [f.source, f.line, f.message, f.evidence])).toEqual([[
      `${OFFHEAP}/02-mapped-256MiB.heap-debug1.txt`, undefined, 'RSS (270.4 MiB) is 251.6 MiB above what the Go runtime holds (18.7 MiB).',
      { rssBytes: 283504640, retainedBytes: 19633416, gapBytes: 263871224, unexplainedBytes: 260061944 },
    ]]);
    expect(rss[0]?.why.endsWith('(RSS 270.4 MiB as 02-mapped-256MiB.metrics.txt reports it: process_resident_memory_bytes.)')).toBe(true);
  });

  it('heapdoc lint: the file kept for the moment gets rss-above-go-estimate from the scrape\'s RSS, as analyze (it had none)', async () => {
    const r = await runCli(['lint', `${OFFHEAP}/`, '--format', 'json']);
    const files = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line?: number; message: string }[] }[];
    const rss = files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'rss-above-go-estimate').map((m) => [f.filePath.split('/').pop(), m.line, m.message]));
    expect(rss).toEqual([
      ['02-mapped-256MiB.heap-debug1.txt', undefined, 'RSS (270.4 MiB) is 251.6 MiB above what the Go runtime holds (18.7 MiB).'],
      ['03-mapped-512MiB.heap-debug1.txt', undefined, 'RSS (526.9 MiB) is 507.3 MiB above what the Go runtime holds (19.6 MiB).'],
    ]);
  });
});
