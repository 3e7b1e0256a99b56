/**
 * What `heapdoc analyze` reports: one entry per heap snapshot, the goroutine dumps, all
 * findings, one verdict and every diagnostic. The text, Markdown and JSON formatters and the
 * terminal UI all read this one structure.
 */
import type { SnapshotAnalysis } from '../analyze/snapshot.js';
import type { Finding } from '../analyze/rules/index.js';
import type { Verdict } from '../analyze/verdict.js';
import type { Diagnostic } from '../grammar/common/diagnostic.js';

export interface AnalyzeReport {
  snapshots: SnapshotAnalysis[];
  findings: Finding[];
  verdict: Verdict;
  diagnostics: Diagnostic[];
}
