/**
 * A GC log's concurrent mark (docs/reasoning.md §8): the captured go1.19-audit42-ptrdense marks a
 * 2,000,000-node pointer-dense list every cycle, 0.4–1.6 s of wall clock each (gctrace's `A+B+C ms
 * clock`: B), and the GC log's section said nothing of it. Long marks are now said with their cost and
 * fixes (text, Markdown) and every log's marks are in JSON; short marks add no line.
 */
import { describe, expect, it } from 'vitest';
import { reportJson, reportLines, runCli } from '../helpers/cli.js';

const C = 'test/fixtures/captured';
const PTRDENSE = `${C}/go1.19-audit42-ptrdense/gctrace.log`;
const THRASH = `${C}/go1.19-audit40-limitthrash/gctrace.txt`;
const COST = 'While it marks, the program pays for it: goroutines that allocate assist the marking, pointer writes go through the write barrier, and the GC takes 25% of the CPU.';

interface Assists { cycles: number; assistMs: number; backgroundMs: number; idleMs: number; sharePercent: number; large: boolean }
interface Mark { cycles: number; medianMs: number; maxMs: number; longest: { cycle: number; atSeconds: number; position: { line: number; column: number } }; sharePercent?: number; long: boolean; assists?: Assists }
interface Report { gcTraces: { mark?: Mark }[] }

async function markOf(file: string): Promise<Mark | undefined> {
  return (await reportJson<Report>(['analyze', file])).gcTraces[0]?.mark;
}

describe('the concurrent mark of a pointer-dense live heap (go1.19-audit42-ptrdense)', () => {
  it('text: the median and longest mark, the share of the time, the cost and the fixes, after the facts line', async () => {
    const lines = await reportLines(['analyze', PTRDENSE, '--color=never']);
    const facts = lines.indexOf('  3.1 GCs/min (not counting 12 forced) · GC CPU 4% since start · longest stop-the-world 44 ms (gc 2, line 2) · goal 174 MB');
    expect(facts).toBeGreaterThan(0);
    expect(lines.slice(facts + 1, facts + 6)).toEqual([
      '  Marking: the concurrent mark took 730 ms at the median and up to 1.6 s (gc 15, line 15) over 16 GCs; the GC was marking 17.0% of the time between GC starts.',
      `  ${COST}`,
      "  Each mark lasts as long as tracing the live heap's pointers takes (80 MB live after the last GC): fewer pointers (indices instead of pointers, pointer-free values) or a smaller live heap shorten it, allocating less or a higher GOGC makes it rarer (not the 12 forced GCs: runtime.GC, debug.FreeOSMemory, a profiler's ?gc=1).",
      '  See https://go.dev/doc/gc-guide.',
      '',
    ]);
  });

  it('Markdown: one bullet after the facts', async () => {
    const r = await runCli(['analyze', PTRDENSE, '--format', 'markdown']);
    expect(r.code).toBe(0);
    const bullets = r.stdout.split('\n').filter((l) => l.startsWith('- Marking: '));
    expect(bullets).toEqual([
      `- Marking: the concurrent mark took 730 ms at the median and up to 1.6 s (gc 15, line 15) over 16 GCs; the GC was marking 17.0% of the time between GC starts. ${COST} Each mark lasts as long as tracing the live heap's pointers takes (80 MB live after the last GC): fewer pointers (indices instead of pointers, pointer-free values) or a smaller live heap shorten it, allocating less or a higher GOGC makes it rarer (not the 12 forced GCs: runtime.GC, debug.FreeOSMemory, a profiler's \`?gc=1\`). See \`https://go.dev/doc/gc-guide\`.`,
    ]);
  });

  it('JSON: gcTraces[].mark — the upper median of 16 marks (647 and 730 ms in the middle), gc 15\'s 1,598 ms, 12,539 ms of 73,677', async () => {
    expect(await markOf(PTRDENSE)).toEqual({
      cycles: 16, medianMs: 730, maxMs: 1598,
      longest: { cycle: 15, atSeconds: 65.721, position: { line: 15, column: 1 } },
      sharePercent: 17, long: true,
      // Its marks are long, but the allocating goroutines paid little of them (gctrace-assists.test.ts).
      assists: { cycles: 7, assistMs: 51.413, backgroundMs: 6202.7, idleMs: 5759.22, sharePercent: 0.4, large: false },
    });
  });
});

describe('marking long by its share of the time', () => {
  it('limitthrash (a 48 MiB limit the live heap does not fit): 26 ms median, 70.5% of the time; a higher limit, not GOGC', async () => {
    const lines = await reportLines(['analyze', THRASH, '--color=never']);
    const at = lines.findIndex((l) => l.startsWith('  Marking: '));
    expect(lines.slice(at, at + 3)).toEqual([
      '  Marking: the concurrent mark took 26 ms at the median and up to 231 ms (gc 58, line 58) over 261 GCs; the GC was marking 70.5% of the time between GC starts.',
      `  ${COST}`,
      "  Each mark lasts as long as tracing the live heap's pointers takes (47 MB live after the last GC): fewer pointers (indices instead of pointers, pointer-free values) or a smaller live heap shorten it, allocating less or a higher memory limit (the heap goal is a limit's, not GOGC's) makes it rarer (not the 2 forced GCs: runtime.GC, debug.FreeOSMemory, a profiler's ?gc=1).",
    ]);
  });

  it('jsonleak (a leak, 93 GCs): 112 ms median, 44.3% of the time', async () => {
    const lines = await reportLines(['analyze', `${C}/go1.19-audit38-jsonleak/stderr.gctrace.log`, '--color=never']);
    expect(lines.filter((l) => l.startsWith('  Marking: '))).toEqual([
      '  Marking: the concurrent mark took 112 ms at the median and up to 3.7 s (gc 91, line 91) over 93 GCs; the GC was marking 44.3% of the time between GC starts.',
    ]);
  });
});

describe('short marks say nothing new (the numbers stay in JSON)', () => {
  const SHORT: [string, Mark][] = [
    [`${C}/go1.19-audit34-gclog/mixed5.log`, { cycles: 120, medianMs: 0.68, maxMs: 11, longest: { cycle: 92, atSeconds: 3.44, position: { line: 92, column: 1 } }, sharePercent: 3.2, long: false, assists: { cycles: 42, assistMs: 5.543, backgroundMs: 32.806, idleMs: 30.229, sharePercent: 8.1, large: false } }],
    [`${C}/go1.19-audit34-gclog/limleak.log`, { cycles: 8, medianMs: 2, maxMs: 3.8, longest: { cycle: 1, atSeconds: 0.743, position: { line: 1, column: 1 } }, sharePercent: 0.3, long: false, assists: { cycles: 4, assistMs: 0.73, backgroundMs: 1.38, idleMs: 4.726, sharePercent: 10.7, large: false } }],
    ['test/fixtures/corpus/go1.19/exposition/leak/gctrace.log', { cycles: 5, medianMs: 0.59, maxMs: 1.3, longest: { cycle: 1, atSeconds: 1.437, position: { line: 1, column: 1 } }, sharePercent: 0, long: false, assists: { cycles: 1, assistMs: 0.17, backgroundMs: 1.63, idleMs: 2.025, sharePercent: 4.4, large: false } }],
    // 2 GCs 122 ms apart: no share to tell, and too few GCs to call 9.6 ms long or short.
    ['test/fixtures/corpus/go1.19/exposition/burst/gctrace.log', { cycles: 2, medianMs: 9.6, maxMs: 9.6, longest: { cycle: 2, atSeconds: 0.122, position: { line: 2, column: 1 } }, long: false, assists: { cycles: 2, assistMs: 10.4, backgroundMs: 4.9, idleMs: 2.8, sharePercent: 57.5, large: false } }],
  ];
  for (const [file, mark] of SHORT) {
    it(`${file}: no Marking line in text or Markdown; mark in JSON`, async () => {
      expect((await reportLines(['analyze', file, '--color=never'])).filter((l) => l.includes('Marking'))).toEqual([]);
      const md = await runCli(['analyze', file, '--format', 'markdown']);
      expect(md.stdout).not.toContain('Marking');
      expect(await markOf(file)).toEqual(mark);
    });
  }
});
