/**
 * A GC fact a series' snapshots repeat is one finding of the report, said by the earliest snapshot
 * that holds it (analyze/rules/repeated-facts.ts); the Overview of each later snapshot that holds
 * it still lists it, and that of a snapshot that does not, does not: the captured
 * go1.19-auditC/cap-burst2, 15.9% of the CPU after GC cycle 5 in heap.1-5.txt, 0.17% after cycle 7
 * in heap.6.txt.
 */
import { describe, expect, it } from 'vitest';
import { combineReport } from '../../src/analyze/combine.js';
import { analyzeSnapshot } from '../../src/analyze/snapshot.js';
import { parseHeapDump } from '../../src/grammar/heap/index.js';
import { heapSnapshot } from '../../src/input/snapshot.js';
import { initialTuiState } from '../../src/tui/state/reducer.js';
import { lineText } from '../../src/tui/view/line.js';
import { overviewBody } from '../../src/tui/view/overview.js';
import { readFixture } from '../helpers/fixtures.js';

const files = [1, 2, 3, 4, 5, 6].map((n) => `captured/go1.19-auditC/cap-burst2/heap.${n}.txt`);
const report = combineReport(files.map((rel) => {
  const { dump, diagnostics } = parseHeapDump(readFixture(rel), rel);
  return analyzeSnapshot(rel, heapSnapshot(dump), diagnostics);
}));
const overview = (n: number): string => {
  const body = overviewBody(report, report.snapshots[n - 1], initialTuiState().overview, 160, 80);
  return body.lines.map(lineText).join('\n');
};

describe('the Overview of a snapshot lists the GC facts it holds, said once by the latest that holds it', () => {
  it('the report says 15.9% after cycle 5 once, at heap.5.txt (heap.6 is after cycle 7)', () => {
    expect(report.findings.filter((f) => f.ruleId === 'gc-cpu-high').map((f) => `${f.source}: ${f.message}`)).toEqual([
      'captured/go1.19-auditC/cap-burst2/heap.5.txt: The GC had used 15.9% of the available CPU since the process started, as of the last GC (cycle 5).',
    ]);
  });

  it('heap.1 and heap.5 list it; heap.6 (0.17% after cycle 7) does not', () => {
    expect(overview(1)).toContain('The GC had used 15.9% of the available CPU');
    expect(overview(5)).toContain('The GC had used 15.9% of the available CPU');
    expect(overview(6)).not.toContain('The GC had used 15.9%');
  });
});
