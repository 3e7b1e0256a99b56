/**
 * gc-pause-long (and max-gc-pause) without a PauseNs ring: a /metrics scrape's
 * go_gc_duration_seconds quantiles, else its runtime/metrics pause histogram (analyze/pauses.ts),
 * on real captures of client_golang 1.14 with the GC runtime metrics enabled
 * (test/fixtures/captured/go1.19-gc-pauses/README.md).
 */
import { describe, expect, it } from 'vitest';
import { analyzeExposed } from '../../src/analyze/exposed.js';
import { configureRule, findRule } from '../../src/analyze/rules/index.js';
import { snapshotsFromExposition } from '../../src/exposition/prometheus.js';
import { parsePrometheus } from '../../src/grammar/prometheus/index.js';
import { isMemoryMetric } from '../../src/input/exposed.js';
import { snapshotJson } from '../../src/report/json.js';
import { gcFacts } from '../../src/report/text.js';
import { readFixture } from '../helpers/fixtures.js';

const DIR = 'captured/go1.19-gc-pauses';
const LONG = readFixture(`${DIR}/metrics.long-pause.txt`);
const SHORT = readFixture(`${DIR}/metrics.short-pauses.txt`);
/** The same scrape as a client without the summary would serve it (only the runtime/metrics histogram). */
const withoutSummary = (text: string): string => text.split('\n').filter((l) => !l.startsWith('go_gc_duration_seconds')).join('\n');
/** Go 1.22+ names the same histogram /sched/pauses/total/gc:seconds (client_golang: go_sched_pauses_total_gc_seconds). */
const renamed = (text: string): string => text.replaceAll('go_gc_pauses_seconds', 'go_sched_pauses_total_gc_seconds');

function analyze(text: string, rules = ['gc-pause-long'], options: Record<string, number> = {}) {
  const { exposition } = parsePrometheus(text, 'metrics.txt', { keep: isMemoryMetric });
  const [snapshot] = snapshotsFromExposition(exposition, 'metrics.txt').snapshots;
  if (!snapshot) throw new Error('no snapshot');
  const configured = rules.map((id) => configureRule(findRule(id) ?? (undefined as never), options));
  return analyzeExposed('metrics.txt', snapshot, [], { rules: configured });
}

describe('go_gc_duration_seconds (debug.ReadGCStats quantiles of the last min(NumGC, 256) pauses)', () => {
  it('a 37.25 ms pause: the top quantile, line and all; the 0.75 quantile (8.20 ms) is under 10 ms, so at least 1 of 5', () => {
    const s = analyze(LONG);
    expect(s.findings.map((f) => [f.ruleId, f.message, f.line])).toEqual([
      ['gc-pause-long', 'A GC pause took 37.25 ms (the longest of the last 5 GC cycles, go_gc_duration_seconds); at least 1 of the last 5 pauses exceeded 10.00 ms.', 16],
    ]);
    expect(s.findings[0]?.why).toMatch(/^go_gc_duration_seconds\{quantile="1"\} = 0\.037248343 s \(a scrape has no PauseNs ring; /);
    expect(s.findings[0]?.evidence).toEqual({ longestPauseNs: 37248343, pausesOverThreshold: 1, pauseSource: 'go_gc_duration_seconds' });
    expect(gcFacts(s)).toEqual(['5 GC cycles (2 forced)', 'longest recent pause 37.25 ms', 'next GC at 9.0 MiB', '11,310 objects allocated and not yet freed (Mallocs − Frees)']);
  });

  it('a 5 ms threshold counts from the lowest quantile at or over it (0.75: 5 − floor(5 × 0.75) = 2)', () => {
    expect(analyze(LONG, ['gc-pause-long'], { gcPauseNs: 5e6 }).findings[0]?.message).toBe('A GC pause took 37.25 ms (the longest of the last 5 GC cycles, go_gc_duration_seconds); at least 2 of the last 5 pauses exceeded 5.00 ms.');
  });

  it('every pause under 10 ms (6.92 ms at most): no finding', () => {
    expect(analyze(SHORT).findings).toEqual([]);
  });

  it('max-gc-pause reads the same quantiles against its budget', () => {
    const [f] = analyze(LONG, ['max-gc-pause'], { limit: 20e6 }).findings;
    expect([f?.message, f?.evidence]).toEqual(['The longest recent GC pause took 37.25 ms, above the budget of 20.00 ms.', { longestPauseNs: 37248343, limitNs: 20e6, pausesOverLimit: 1, pauseSource: 'go_gc_duration_seconds' }]);
  });

  it('JSON keeps the quantiles and gives the histogram, le as Prometheus writes it', () => {
    const json = snapshotJson(analyze(LONG));
    expect(json.gcPauseQuantiles).toEqual([[0, 0.000021478], [0.25, 0.000185827], [0.5, 0.001492827], [0.75, 0.008195792], [1, 0.037248343]]);
    expect(json.gcPauseHistogram).toEqual({
      metric: 'go_gc_pauses_seconds',
      buckets: [[9.999999999999999e-10, 0], [9.999999999999999e-9, 0], [9.999999999999998e-8, 0], [0.0000010239999999999999, 0], [0.000010239999999999999, 1], [0.00010239999999999998, 5], [0.0010485759999999998, 6], [0.010485759999999998, 9], [0.10485759999999998, 10], ['+Inf', 10]],
    });
  });
});

describe('a runtime/metrics pause histogram (every stop-the-world pause since the start, buckets ten times apart)', () => {
  it('go_gc_pauses_seconds: one pause in (10.49 ms, 104.86 ms], at the line of its bucket', () => {
    const s = analyze(withoutSummary(LONG));
    expect(s.findings.map((f) => [f.message, f.line])).toEqual([
      ['A GC pause took between 10.49 ms and 104.86 ms (go_gc_pauses_seconds, every pause since the process started); at least 1 of 10 pauses exceeded 10.00 ms.', 78],
    ]);
    expect(s.findings[0]?.why).toMatch(/^go_gc_pauses_seconds_bucket\{le="0\.10485759999999998"\} − \{le="0\.010485759999999998"\} = 1 \(a scrape without go_gc_duration_seconds: /);
    expect(s.findings[0]?.evidence).toEqual({ longestPauseNs: 10485759.999999998, longestPauseAtMostNs: 104857599.99999999, pausesOverThreshold: 1, pauseSource: 'go_gc_pauses_seconds' });
    expect(gcFacts(s)).toContain('longest pause since start 10.49 ms–104.86 ms (go_gc_pauses_seconds)');
  });

  it('go_sched_pauses_total_gc_seconds (Go 1.22+) is read the same way', () => {
    expect(analyze(renamed(withoutSummary(LONG))).findings[0]?.message).toBe('A GC pause took between 10.49 ms and 104.86 ms (go_sched_pauses_total_gc_seconds, every pause since the process started); at least 1 of 10 pauses exceeded 10.00 ms.');
  });

  it('a longest pause in (1.05 ms, 10.49 ms] is not known to be long: no finding; nor under a budget its bucket straddles', () => {
    expect(analyze(withoutSummary(SHORT)).findings).toEqual([]);
    expect(analyze(withoutSummary(LONG), ['max-gc-pause'], { limit: 20e6 }).findings).toEqual([]);
  });
});
