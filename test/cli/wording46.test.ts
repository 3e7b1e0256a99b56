/**
 * wording46 on real Go 1.19 captures:
 *  - a dump taken before any GC (NumGC 0) said "N live objects" and "Live by size": before the first
 *    GC nothing was marked, so HeapObjects and MemStats.BySize (Mallocs − Frees) are objects
 *    allocated and not yet freed, garbage or not, as a dump read between GCs says them.
 *    go1.19-audit44-sawtooth/plain/heap-t06.txt (NumGC 0, 1,390 objects: Mallocs 1,445 − Frees 55)
 *    and go1.19-audit44-twoleaks/vars/vars-t06.json (NumGC 0, with MemStats.BySize).
 *  - a churn series without RSS said "the cost is GC work, not memory", a claim about the process
 *    heapdoc cannot make without its RSS: go1.19-audit45-mmapgrow/gc1 (RSS 27.1 → 124.1 MiB through
 *    syscall.Mmap, rss.txt) now says the Go heap's cost, and, its memory mostly runtime metadata as a
 *    single dump's hint would have it, asks for RSS per snapshot; with --rss the words stay.
 *  - --rss SIZE over a series whose captures report their own RSS is the latest snapshot's only:
 *    the earlier ones kept for a moment lost their scrapes' RSS (JSON process absent, no RSS row)
 *    and were told the flag's origin; the latest's JSON process kept the scrape's 192.1 MiB beside
 *    a verdict of 300.0 MiB. go1.19-audit39-offheap-metrics (five /metrics scrapes, RSS 48.4 →
 *    192.1 MiB) and go1.19-limit-binding/plateau-limit40 (/debug/vars beside a /metrics scrape a moment).
 */
import { describe, expect, it } from 'vitest';
import { reportJson, reportLines } from '../helpers/cli.js';
import { gcDetails } from '../../src/tui/model/gcdetails.js';
import { analyzeVars } from '../helpers/exposed.js';

const SAWTOOTH = 'test/fixtures/captured/go1.19-audit44-sawtooth';
const TWOLEAKS_VARS = 'captured/go1.19-audit44-twoleaks/vars/vars-t06.json';

const gcLine = (lines: string[]): string | undefined => lines.find((l) => l.startsWith('GC: '));
const sizeLines = (lines: string[]): string[] => lines.filter((l) => /^(Live by size|Not yet freed): /.test(l));

describe('a dump before any GC (NumGC 0): its objects are allocated and not yet freed, not live', () => {
  it('sawtooth plain/heap-t06.txt: "1,390 objects allocated and not yet freed (Mallocs − Frees)", text and Markdown', async () => {
    const want = 'GC: 0 GC cycles (0 forced) · GC CPU 0.00% · next GC at 4.0 MiB · 1,390 objects allocated and not yet freed (Mallocs − Frees)';
    expect(gcLine(await reportLines([`${SAWTOOTH}/plain/heap-t06.txt`]))).toBe(want);
    expect(gcLine(await reportLines([`${SAWTOOTH}/plain/heap-t06.txt`, '--format', 'markdown']))).toBe(want);
  });

  it('its ?gc=1 dump of the same moment (NumGC 1, right after a forced GC) keeps "live objects"', async () => {
    expect(gcLine(await reportLines([`${SAWTOOTH}/gc1/heap-t06.txt`]))).toBe('GC: 1 GC cycle (1 forced) · last pause 26.1 µs · GC CPU 0.00% · next GC at 4.0 MiB · 1,049 live objects');
  });

  it('twoleaks vars/vars-t06.json: the GC line and its size classes are "Not yet freed", in text and in the TUI\'s Overview', async () => {
    const lines = await reportLines([`test/fixtures/${TWOLEAKS_VARS}`]);
    expect(gcLine(lines)).toBe('GC: 0 GC cycles (0 forced) · GC CPU 0.00% · next GC at 4.0 MiB · 1,621 objects allocated and not yet freed (Mallocs − Frees)');
    expect(sizeLines(lines)).toEqual(['Not yet freed: 4.0 KiB × 33 = 132.0 KiB (4%) · 112 B × 294 = 32.2 KiB (1%) · 2.6 KiB × 8 = 21.0 KiB (1%); above 18.0 KiB: 2.6 MiB (87%) (MemStats.BySize, Mallocs − Frees per class)']);
    const tui = gcDetails(analyzeVars(TWOLEAKS_VARS));
    expect([tui?.gc, tui?.sizesLabel]).toEqual(['0 GC cycles (0 forced) · GC CPU 0.00% · next GC at 4.0 MiB · 1,621 objects allocated and not yet freed (Mallocs − Frees)', 'Not yet freed']);
  });
});

interface RssReport {
  snapshots: { source: string; process?: { rss?: number; rssFrom?: string; rssOrigin?: string }; verdict: { summary: string } }[];
  series: { points: { rss?: number; rssOrigin?: string }[] };
}

const OFFHEAP = 'test/fixtures/captured/go1.19-audit39-offheap-metrics';
const PLATEAU = 'test/fixtures/captured/go1.19-limit-binding/plateau-limit40';
const MOMENTS = ['01-t2', '02-t4', '03-t7', '04-t10', '05-t13', '06-t16'];

describe('--rss SIZE over a series of captures that report their RSS: the latest\'s only, each origin said', () => {
  it('offheap-metrics --rss 300MiB: each scrape keeps its own RSS, the latest takes the flag\'s and says so (JSON, the table\'s note)', async () => {
    const j = await reportJson<RssReport>([OFFHEAP, '--rss', '300MiB']);
    expect(j.snapshots.map((s) => [s.process?.rss, s.process?.rssOrigin])).toEqual([[50712576, undefined], [91738112, undefined], [126300160, undefined], [163082240, undefined], [314572800, 'flag']]);
    expect(j.series.points.map((p) => [p.rss, p.rssOrigin])).toEqual([[50712576, undefined], [91738112, undefined], [126300160, undefined], [163082240, undefined], [314572800, 'flag']]);
    expect(j.snapshots[0]?.verdict.summary.endsWith('The OS counts 48.4 MiB of RSS, 32.8 MiB more than Go holds: memory outside the Go heap (cgo, mmap): even if the OS still counted all 2.5 MiB of released pages, 30.3 MiB would be left.')).toBe(true);
    const lines = await reportLines([OFFHEAP, '--rss', '300MiB']);
    expect(lines.filter((l) => l.startsWith('  RSS'))).toEqual([
      '  RSS           48.4 MiB → 87.5 MiB → 120.4 MiB → 155.5 MiB → 300.0 MiB',
      '  RSS: 300.0 MiB at snapshot 5 is the one --rss gave; the others are what their captures report.',
    ]);
    const md = await reportLines([OFFHEAP, '--rss', '300MiB', '--format', 'markdown']);
    expect(md.filter((l) => l.startsWith('RSS: '))).toEqual(['RSS: 300.0 MiB at snapshot 5 is the one --rss gave; the others are what their captures report.']);
  });

  it('without --rss: no note, no origin', async () => {
    const j = await reportJson<RssReport>([OFFHEAP]);
    expect(j.snapshots.map((s) => [s.process?.rss, s.process?.rssOrigin])).toEqual([[50712576, undefined], [91738112, undefined], [126300160, undefined], [163082240, undefined], [201445376, undefined]]);
    expect((await reportLines([OFFHEAP])).filter((l) => l.startsWith('  RSS'))).toEqual(['  RSS           48.4 MiB → 87.5 MiB → 120.4 MiB → 155.5 MiB → 192.1 MiB']);
  });

  it('plateau-limit40 vars + metrics --rss 300MiB: the earlier moments keep their scrapes\' RSS, named (they had none)', async () => {
    const inputs = MOMENTS.flatMap((m) => [`${PLATEAU}/${m}.vars.json`, `${PLATEAU}/${m}.metrics.txt`]);
    const j = await reportJson<RssReport>([...inputs, '--rss', '300MiB']);
    expect(j.snapshots.map((s) => [s.source.slice(PLATEAU.length + 1), s.process?.rss, s.process?.rssFrom?.slice(PLATEAU.length + 1), s.process?.rssOrigin])).toEqual([
      ['01-t2.vars.json', 36216832, '01-t2.metrics.txt', undefined],
      ['02-t4.vars.json', 38219776, '02-t4.metrics.txt', undefined],
      ['03-t7.vars.json', 38506496, '03-t7.metrics.txt', undefined],
      ['04-t10.vars.json', 38424576, '04-t10.metrics.txt', undefined],
      ['05-t13.vars.json', 38629376, '05-t13.metrics.txt', undefined],
      ['06-t16.vars.json', 314572800, undefined, 'flag'],
    ]);
    expect(j.snapshots[0]?.verdict.summary).toContain('The OS counts 34.5 MiB of RSS (as 01-t2.metrics.txt reports it: process_resident_memory_bytes)');
    const lines = await reportLines([...inputs, '--rss', '300MiB']);
    expect(lines.filter((l) => l.startsWith('  RSS'))).toEqual([
      '  RSS           34.5 MiB → 36.4 MiB → 36.7 MiB → 36.6 MiB → 36.8 MiB → 300.0 MiB',
      '  RSS: 300.0 MiB at snapshot 6 is the one --rss gave; the others are what their captures report.',
    ]);
  });
});

const MMAPGROW = 'test/fixtures/captured/go1.19-audit45-mmapgrow';

describe('churn without RSS: the Go heap\'s cost, and RSS asked for where little is held (go1.19-audit45-mmapgrow)', () => {
  it('gc1/ without --rss: "the Go heap\'s cost is GC work.", then the hint (text lines 1–2; JSON series and headline agree)', async () => {
    const head = 'Churn, not a leak: 61.2 MiB allocated a step on average (367.1 MiB over 6 steps between snapshots) while live heap stays near 275.3 KiB across 7 GC-separated snapshots; the Go heap\'s cost is GC work.';
    const hint = 'The snapshots count only what Go holds: memory from cgo, syscall.Mmap or mmap-ed files is in no MemStats field; if the process\'s RSS (VmRSS in /proc/PID/status) is well above the 15.0 MiB Go holds or grew across them, give it with --rss FILE (a VmRSS line per snapshot) to see how much is outside the Go heap.';
    expect((await reportLines([`${MMAPGROW}/gc1`])).slice(0, 2)).toEqual([head, hint]);
    const j = await reportJson<{ verdict: { summary: string }; series: { verdict: { summary: string } } }>([`${MMAPGROW}/gc1`]);
    expect([j.verdict.summary, j.series.verdict.summary]).toEqual([`${head} ${hint}`, `${head} ${hint}`]);
  });

  it('gc1/ --rss 127108kB (the latest\'s VmRSS): the words with RSS stay, no hint', async () => {
    const lines = await reportLines([`${MMAPGROW}/gc1`, '--rss', '127108kB']);
    expect(lines[0]).toBe('Churn in the Go heap, not a leak of it: 61.2 MiB allocated a step on average (367.1 MiB over 6 steps between snapshots) while live heap stays near 275.3 KiB across 7 GC-separated snapshots; the Go heap\'s cost is GC work; the memory is outside it.');
    expect(lines.filter((l) => l.startsWith('The snapshots count only'))).toEqual([]);
  });
});
