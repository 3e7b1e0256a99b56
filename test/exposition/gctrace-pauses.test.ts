/**
 * gc-pause-long and max-gc-pause on GODEBUG=gctrace=1 logs: a cycle's pause is the sum of its
 * stop-the-world wall-clock phases (the first and third of `A+B+C ms clock`; the first, third
 * and fifth of Go 1.5–1.6's five), over every cycle of the log's last run (analyze/pauses.ts
 * gcTracePause), on the real logs of samples/ and test/fixtures.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gcTraceMs } from '../../src/analyze/pauses.js';
import { analyzeGcTrace, gcTraceAnalysisFacts } from '../../src/exposition/gctrace.js';
import { parseGcTrace } from '../../src/grammar/gctrace/index.js';
import { activeRules, applyRuleFlags } from '../../src/lint/config.js';
import { lintInputs } from '../../src/lint/runner.js';
import { initialTuiState } from '../../src/tui/state/reducer.js';
import { lineText } from '../../src/tui/view/line.js';
import { buildScreen } from '../../src/tui/view/screen.js';
import { gcLogReport } from '../tui/reports.js';
import { readCorpus, readFixture, ROOT } from '../helpers/fixtures.js';

function analyze(text: string, source = 'gc.log') {
  return analyzeGcTrace(parseGcTrace(text, source).log, source);
}

const ns = (ms: readonly number[]): number[] => ms.map((m) => Math.round(m * 1e6));

async function lint(file: string, flags: string[] = []) {
  const outcome = await lintInputs([join(ROOT, file)], { active: activeRules(applyRuleFlags(new Map(), flags)), concurrency: 1, onProblem: (e) => { throw e; } });
  return outcome.results.flatMap((r) => r.messages).filter((m) => m.ruleId.includes('pause'))
    .map((m) => ({ at: `${m.line ?? 0}:${m.column ?? 0}`, severity: m.severity, message: m.message, evidence: m.evidence }));
}

describe('the stop-the-world time of each cycle', () => {
  it('the leak (default GOGC): sweep + mark termination of each of the 5 cycles; the longest is gc 1, line 1', () => {
    const a = analyze(readCorpus('go1.19/exposition/leak/gctrace.log'));
    // 0.18+0.005, 0.11+0.005, 0.034+0.006, 0.031+0.005, 0.093+0.004 ms
    expect(ns(a.stwMs)).toEqual([185000, 115000, 40000, 36000, 97000]);
    expect(a.longestStw).toEqual({ cycle: 1, atSeconds: 1.437, clockMs: [0.18, 1.3, 0.005], position: { line: 1, column: 1 } });
    expect(gcTraceAnalysisFacts(a).gcPause).toMatchObject({ source: 'gctrace', ns: 185000, count: 5, span: 'log', cycle: 1 });
  });

  it('Go 1.5–1.6 lines: five clock phases, of which the first, third and fifth stop the world', () => {
    const a = analyze('gc 1 @0.013s 2%: 0.063+0.44+0.11+0.35+0.12 ms clock, 0.12+0.44+0+0.11/0.20/0.01+0.24 ms cpu, 4->4->0 MB, 4 MB goal, 8 P\n');
    expect(ns(a.stwMs)).toEqual([293000]);
    expect(gcTraceAnalysisFacts(a).gcPause?.reading).toBe('gc 1 @0.013s: 0.063+0.44+0.11+0.35+0.12 ms clock (line 1); its stop-the-world phases took 0.063 ms + 0.11 ms + 0.12 ms');
    // The other two, the scan and the mark, run beside the program: its concurrent mark (reasoning.md §8).
    expect(a.mark).toEqual({ cycles: 1, medianMs: 0.79, maxMs: 0.79, longest: { cycle: 1, atSeconds: 0.013, position: { line: 1, column: 1 } }, long: false,
      // Its CPU times are seven, `0.12+0.44+0+0.11/0.20/0.01+0.24`: the mark's split (assist/background/idle) is the fourth to the sixth.
      assists: { cycles: 1, assistMs: 0.11, backgroundMs: 0.2, idleMs: 0.01, sharePercent: 34.4, large: false } });
  });

  it('only the last run of the program counts (the GC count restarts)', () => {
    const gc = (n: number, sweep: string): string => `gc ${n} @0.${n}00s 0%: ${sweep}+1.0+0.010 ms clock, 0+0/0/0+0 ms cpu, 4->4->2 MB, 4 MB goal, 2 P`;
    const a = analyze([gc(1, '50'), gc(2, '0.10'), gc(1, '0.20'), gc(2, '0.30')].join('\n'));
    expect(ns(a.stwMs)).toEqual([210000, 310000]);
    expect(a.longestStw).toMatchObject({ cycle: 2, position: { line: 4, column: 1 } });
  });

  it('prints durations as the runtime does (fmtNSAsMS: whole ms from 10 ms, else two significant digits)', () => {
    expect([11, 19.28, 6.6, 0.5, 0.005, 2, 0.065, 0.0001, 44.056].map(gcTraceMs)).toEqual(['11', '19', '6.6', '0.50', '0.005', '2.0', '0.065', '0', '44']);
  });
});

describe('heapdoc lint on gctrace logs', () => {
  it('the burst (samples): gc 1 stopped the world 11 + 19 ms, at line 2; gc 2 19.28 ms', async () => {
    expect(await lint('samples/go1.19/burst/gctrace.log', ['max-gc-pause=error:5ms'])).toEqual([
      {
        at: '2:1', severity: 'warning', message: 'A GC pause took 30 ms (GC cycle 1, line 2 of the log); 2 of the log\'s 7 GC cycles exceeded 10 ms.',
        evidence: { longestPauseNs: 30000000, cycle: 1, pausesOverThreshold: 2, pauseSource: 'gctrace' },
      },
      {
        at: '2:1', severity: 'error', message: 'The longest GC pause took 30 ms (GC cycle 1, line 2 of the log), above the budget of 5 ms.',
        evidence: { longestPauseNs: 30000000, limitNs: 5000000, cycle: 1, pausesOverLimit: 2, pauseSource: 'gctrace' },
      },
    ]);
  });

  it('the leak (samples): one long cycle of 116, gc 73 at line 73 (11 + 0.005 ms)', async () => {
    expect(await lint('samples/go1.19/heap-leak/gctrace.log', ['max-gc-pause=error:1ms'])).toEqual([
      {
        at: '73:1', severity: 'warning', message: 'A GC pause took 11 ms (GC cycle 73, line 73 of the log); 1 of the log\'s 116 GC cycles exceeded 10 ms.',
        evidence: { longestPauseNs: 11005000, cycle: 73, pausesOverThreshold: 1, pauseSource: 'gctrace' },
      },
      {
        at: '73:1', severity: 'error', message: 'The longest GC pause took 11 ms (GC cycle 73, line 73 of the log), above the budget of 1 ms.',
        evidence: { longestPauseNs: 11005000, limitNs: 1000000, cycle: 73, pausesOverLimit: 3, pauseSource: 'gctrace' },
      },
    ]);
  });

  it('short pauses (the corpus leak log, under 0.2 ms): nothing', async () => {
    expect(await lint('test/fixtures/corpus/go1.19/exposition/leak/gctrace.log', ['max-gc-pause=error:1ms'])).toEqual([]);
  });

  it('the why quotes the cycle\'s clock field as printed and says where the number comes from', () => {
    const pause = gcTraceAnalysisFacts(analyze(readFixture('scenarios/churn/gctrace.log'))).gcPause;
    expect(pause?.reading).toBe('gc 11 @0.770s: 44+47+0.056 ms clock (line 11); its stop-the-world phases took 44 ms + 0.056 ms');
    expect(pause?.over(10e6, false)).toEqual({ count: 4, exact: true });
  });
});

describe('the TUI', () => {
  it('lists the gctrace pause finding with the series rules\' in the overview', () => {
    const lines = buildScreen({ report: gcLogReport('scenarios/burst/gctrace.log'), width: 120, height: 32 }, initialTuiState()).lines.map(lineText);
    expect(lines.filter((l) => l.includes('gc-pause-long'))).toEqual([
      '› ▸ warning gc-pause-long: A GC pause took 30 ms (GC cycle 1, line 2 of the log); 2 of the log\'s 7 GC cycles exceeded 1…',
    ]);
  });
});
