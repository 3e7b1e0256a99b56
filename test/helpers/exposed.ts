/** A /debug/vars file or a /metrics scrape of test/fixtures, analyzed as `heapdoc` analyzes it (one snapshot). */
import { analyzeExposed } from '../../src/analyze/exposed.js';
import type { SnapshotAnalysis } from '../../src/analyze/snapshot.js';
import { snapshotFromVars } from '../../src/exposition/expvar.js';
import { snapshotsFromExposition } from '../../src/exposition/prometheus.js';
import { parseJson } from '../../src/grammar/json/index.js';
import { parsePrometheus } from '../../src/grammar/prometheus/index.js';
import { isMemoryMetric } from '../../src/input/exposed.js';
import { readFixture } from './fixtures.js';

/** The vars file `rel` (below test/fixtures), named by its file name. */
export function analyzeVars(rel: string): SnapshotAnalysis {
  const source = rel.split('/').pop() ?? rel;
  const { snapshot } = snapshotFromVars(parseJson(readFixture(rel), source).value ?? (undefined as never), source);
  if (!snapshot) throw new Error('no snapshot');
  return analyzeExposed(source, snapshot, [], {});
}

/** The first scrape of `text` (a /metrics page), named metrics.txt. */
export function analyzeMetrics(text: string): SnapshotAnalysis {
  const { exposition } = parsePrometheus(text, 'metrics.txt', { keep: isMemoryMetric });
  const [snapshot] = snapshotsFromExposition(exposition, 'metrics.txt').snapshots;
  if (!snapshot) throw new Error('no snapshot');
  return analyzeExposed('metrics.txt', snapshot, [], {});
}
