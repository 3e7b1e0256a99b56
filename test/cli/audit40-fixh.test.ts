/**
 * Audit 40's captures (go1.19.8; test/fixtures/captured/go1.19-audit40-*, README and main.go there):
 * limitthrash (GOGC=off, SetMemoryLimit(48 MiB), 44 MiB live plus churn: GC thrash), limitnear
 * (the same limit, no churn: the goal held at the live heap) and bufpool (a sync.Pool of
 * bytes.Buffers; bytes.Repeat inlined into main.render).
 */
import { describe, expect, it } from 'vitest';
import { runCli, reportJson } from '../helpers/cli.js';
import { markdownText } from '../../src/text/markdown.js';

const F = 'test/fixtures/captured';
const THRASH = `${F}/go1.19-audit40-limitthrash`;
const NEAR = `${F}/go1.19-audit40-limitnear`;
const POOL = `${F}/go1.19-audit40-bufpool`;

interface Finding { ruleId: string; why: string }
interface Report { verdict: { leak: string; summary: string }; findings: Finding[]; gcTraces?: { verdict: { kind: string; summary: string }; goalCap?: unknown }[] }

function json(args: string[]): Promise<Report> {
  return reportJson<Report>(args);
}

describe('audit 40: a known binding limit, a GC log with its goal at the live heap', () => {
  it('limitthrash heap-t8s.txt --gomemlimit 48MiB leads with the binding limit and its GC thrash (the flagless run only guessed it)', async () => {
    const j = await json([`${THRASH}/heap-t8s.txt`, '--gomemlimit', '48MiB']);
    expect(j.verdict.summary).toBe('The memory limit binds, GC thrash: Go holds 59.2 MiB, 123.3% of GOMEMLIMIT (48.0 MiB); the heap goal sits at the live heap (NextGC 47.0 MiB, 47.0 MiB live as of the last GC, where GOGC=100 sets about twice it), only 1.8 MiB is allocated per GC cycle (GOGC=100 alone allows about the live heap), so the GC ran 122 times and used 22.6% of the CPU. As of the last GC (cycle 122), live objects were most of what Go holds: about 47.1 MiB, 79.6% of the 59.2 MiB Go holds (67.1 MiB mapped), as HeapAlloc and the heap profile (47.0 MiB in use) agree. What died since that GC stays in HeapAlloc until the next one, so this dump does not say what is live now. One dump cannot tell a leak from a peak — take a heap?debug=1&gc=1 dump (a GC runs before it, so that its HeapAlloc is the live heap) and another some time later, and compare both with heapdoc analyze A B.');
    // No "0 B of room" beside "1.8 MiB per GC cycle": the one statement of both.
    const why = j.findings.find((f) => f.ruleId === 'memory-limit-pressure')?.why ?? '';
    expect(why).toContain('and the limit is not quite met: each GC has no room above the live heap: the program allocates only while a GC cycle runs, 1.8 MiB per cycle on average; 122 GC cycles have run (GCCPUFraction 22.6%).');
    expect(why).not.toContain('0 B of room');
  });

  it('limitnear gctrace.txt alone (`46->46->46 MB, 46 MB goal`): a capped goal, a memory limit or a very low GOGC (was a bare plateau)', async () => {
    const j = await json([`${NEAR}/gctrace.txt`]);
    const t = j.gcTraces?.[0];
    expect(t?.verdict.kind).toBe('memory-limit');
    expect(t?.goalCap).toEqual({ cycles: 9, of: 9, goalMB: 46, liveMB: 46 });
    expect(t?.verdict.summary).toContain('The heap goal is capped: it stayed at 46 MB at every one of the 9 GCs of the log\'s later half, below the 92 MB GOGC=100 sets (twice the live heap after GC, C 46 MB), by a memory limit (GOMEMLIMIT, or debug.SetMemoryLimit) or a GOGC below 100 (GOGC=1 sets about that goal over that live heap): the log alone cannot tell them apart: the goal is the live heap itself, to the MB, so each GC lets less than a MB be allocated where GOGC=100 would let about 46 MB (54 GCs a minute, not counting 2 forced).');
  });
});

describe('audit 40: a folder whose last snapshot has no heap profile', () => {
  it('limitthrash/: vars.json (no profile) is the latest; the sites shown are heap-gc1-t13s.txt\'s, said so', async () => {
    const r = await runCli([`${THRASH}/`, '--color=never']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const at = lines.indexOf('Latest snapshot');
    expect(lines[at + 1]).toBe(`${THRASH}/vars.json`);
    const note = lines.findIndex((l) => l.includes('has no heap profile'));
    expect(note).toBeGreaterThan(at);
    const title = lines.indexOf('Allocation sites', note);
    expect(lines.slice(note, title).join(' ')).toBe(`${THRASH}/vars.json has no heap profile: the allocation sites of ${THRASH}/heap-gc1-t13s.txt, the latest snapshot that has one.`);
    expect(lines[title + 4]?.trim()).toBe('45.8 MiB    44,734    48.2 MiB  main.fill');
  });
});

describe('audit 40: --escape, Markdown, help', () => {
  it('bufpool: bytes.Repeat ← main.render main.go:24 gets the make the compiler reports at 24:23 (inlined, bytes.go not built with -m), said once', async () => {
    const r = await runCli([`${POOL}/heap-gc1-t27s.txt`, '--escape', `${POOL}/gcflags-m.txt`, '--color=never']);
    expect(r.code).toBe(0);
    // main.go is covered: no "output of another program" note.
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((l) => l.endsWith('bytes.Repeat'));
    expect(lines.slice(at, at + 5).map((l) => l.trim())).toEqual([
      '0 B         0   110.9 MiB  bytes.Repeat',
      '…/src/bytes/bytes.go:610',
      '← called by main.render  …/go/bufpool/main.go:24',
      'compiler: make([]byte, len(bytes.b) * bytes.count) escapes to heap',
      'compiler: (interface {})(string("bytes: negative Repeat count")) escapes to heap (interface-conversion)',
    ]);
    // The sentence that only repeats the message ("make(…) escapes") is not printed.
    expect(lines).not.toContain(`${' '.repeat(45)}make([]byte, len(bytes.b) * bytes.count) escapes`);
  });

  it('Markdown prose shows a query as code, with its & as typed', () => {
    expect(markdownText('Take the dump with ?gc=1 (heap?debug=1&gc=1 runs a GC first).')).toBe('Take the dump with `?gc=1` (`heap?debug=1&gc=1` runs a GC first).');
    expect(markdownText('fetch http://127.0.0.1:6060/debug/pprof/heap?debug=1, then a_b')).toBe('fetch `http://127.0.0.1:6060/debug/pprof/heap?debug=1`, then a\\_b');
  });

  it('a dump\'s Markdown advice: `heap?debug=1&gc=1` in code, no &amp; (go1.19-audit36-burst-gc1)', async () => {
    const r = await runCli([`${F}/go1.19-audit36-burst-gc1/heap.6.txt`, '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('add `?gc=1` to the heap URL (`heap?debug=1&gc=1` runs a GC before the');
    expect(r.stdout).not.toContain('&amp;');
  });

  it('--help and analyze --help show a series taken with ?gc=1', async () => {
    for (const args of [['--help'], ['analyze', '--help']]) {
      const r = await runCli(args);
      expect(r.stdout).toContain("curl -s 'http://127.0.0.1:6060/debug/pprof/heap?gc=1&debug=1' > snap1.txt   # ?gc=1: a GC first, the live heap");
    }
  });
});
