/**
 * Mark assists from a GC log's CPU times (gctrace's `A+B/C/D+E ms cpu`: B assist, C background,
 * D idle mark; docs/reasoning.md §8). The captured go1.19-audit43-concpeak (GOMAXPROCS=1, bursts of
 * 4 MiB buffers per request) had its request handlers pay 210 ms of the GC's 668 ms of mark CPU,
 * in 174 of its 208 GCs, and the GC log's section said nothing of it (audit 43 F9). Assists that
 * are a large share (20%) in 10 GCs or more are said in text and Markdown; every log's figures
 * are in JSON (gcTraces[].mark.assists).
 */
import { describe, expect, it } from 'vitest';
import { reportJson, reportLines, runCli } from '../helpers/cli.js';

const C = 'test/fixtures/captured';
const CONCPEAK = `${C}/go1.19-audit43-concpeak/gctrace.log`;
const CARDINALITY = `${C}/go1.19-audit43-cardinality/gctrace.log`;
const BURST = 'test/fixtures/corpus/go1.19/exposition/burst/gctrace.log';
const WHY = 'goroutines that allocate during marking were made to help the GC (latency in the allocating code).';
const FIX = 'Allocate less in the hot path, or set a higher GOGC so GCs start less often.';

interface Assists { cycles: number; assistMs: number; backgroundMs: number; idleMs: number; sharePercent: number; large: boolean; heaviest?: unknown }
interface Report { gcTraces: { mark?: { cycles: number; assists?: Assists } }[] }

async function assistsOf(file: string): Promise<{ cycles: number | undefined; assists: Assists | undefined }> {
  const mark = (await reportJson<Report>(['analyze', file])).gcTraces[0]?.mark;
  return { cycles: mark?.cycles, assists: mark?.assists };
}

describe('mark assists paid by the request handlers (go1.19-audit43-concpeak)', () => {
  it('text: one line after the facts line, with the share, the CPU times, the GCs, the cost and the fix', async () => {
    const lines = await reportLines(['analyze', CONCPEAK, '--color=never']);
    const facts = lines.indexOf('  181.9 GCs/min (not counting 7 forced) · GC CPU 1% since start · longest stop-the-world 40 ms (gc 14, line 14) · goal 364 MB');
    expect(facts).toBeGreaterThan(0);
    expect(lines.slice(facts + 1, facts + 5)).toEqual([
      `  Mark assists: 31% of the GC's mark CPU (210 ms of assists beside 415 ms of background and 44 ms of idle marking), in 174 of 208 GCs: ${WHY}`,
      `  ${FIX}`,
      '  See https://go.dev/doc/gc-guide.',
      '',
    ]);
  });

  it('Markdown: one bullet', async () => {
    const r = await runCli(['analyze', CONCPEAK, '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('- Mark'))).toEqual([
      `- Mark assists: 31% of the GC's mark CPU (210 ms of assists beside 415 ms of background and 44 ms of idle marking), in 174 of 208 GCs: ${WHY} ${FIX} See \`https://go.dev/doc/gc-guide\`.`,
    ]);
  });

  it('JSON: gcTraces[].mark.assists — 209.986 ms of 668.259 ms (31.4%) in 174 of 208 GCs; the heaviest, gc 4\'s 17 ms (96% of its mark CPU)', async () => {
    // gc 4 (line 4): `0.011+17/0.71/0+0.004 ms cpu`, the most assist CPU of one GC; not gc 1's 1.1 of 1.1 ms, the largest share.
    expect(await assistsOf(CONCPEAK)).toEqual({
      cycles: 208,
      assists: {
        cycles: 174, assistMs: 209.986, backgroundMs: 414.733, idleMs: 43.54, sharePercent: 31.4, large: true,
        heaviest: { cycle: 4, atSeconds: 2.199, assistMs: 17, sharePercent: 96, position: { line: 4, column: 1 } },
      },
    });
  });
});

describe('assists said beside a long mark (go1.19-frag-churn): the Marking line, then the assists', () => {
  it('text: both, in that order, with one link to the GC guide (the Marking line\'s)', async () => {
    const lines = await reportLines(['analyze', `${C}/go1.19-frag-churn/gctrace.stderr.log`, '--color=never']);
    const at = lines.findIndex((l) => l.startsWith('  Marking: '));
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 3, at + 7)).toEqual([
      '  See https://go.dev/doc/gc-guide.',
      `  Mark assists: 23% of the GC's mark CPU (1.4 s of assists beside 3.5 s of background and 1.3 s of idle marking), in 61 of 74 GCs: ${WHY}`,
      `  ${FIX}`,
      '',
    ]);
  });
});

describe('few assists say nothing new (the figures stay in JSON)', () => {
  const QUIET: [string, string, number, Assists][] = [
    // Its leak is the story: 25.6 ms of assists in 4 of 11 GCs beside 10.8 s of background and idle marking.
    ['cardinality', CARDINALITY, 11, { cycles: 4, assistMs: 25.63, backgroundMs: 3240.7, idleMs: 7522.38, sharePercent: 0.2, large: false }],
    // 57.5% of its mark CPU, but in 2 GCs: no pace of the program's to tell.
    ['the corpus burst', BURST, 2, { cycles: 2, assistMs: 10.4, backgroundMs: 4.9, idleMs: 2.8, sharePercent: 57.5, large: false }],
  ];
  for (const [name, file, cycles, assists] of QUIET) {
    it(`${name}: no Mark assists line in text or Markdown; the figures in JSON`, async () => {
      expect((await reportLines(['analyze', file, '--color=never'])).filter((l) => l.includes('assists:'))).toEqual([]);
      const md = await runCli(['analyze', file, '--format', 'markdown']);
      expect(md.stdout).not.toContain('Mark assists');
      expect(await assistsOf(file)).toEqual({ cycles, assists });
    });
  }
});
