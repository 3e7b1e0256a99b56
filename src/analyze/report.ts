/**
 * What `heapdoc analyze` reports: one entry per heap snapshot, the goroutine dumps, all
 * findings, one verdict and every diagnostic. The text, Markdown and JSON formatters and the
 * terminal UI all read this one structure.
 */
import type { SnapshotAnalysis } from './snapshot.js';
import type { Finding } from './rules/index.js';
import type { Verdict } from './verdict.js';
import type { Diagnostic } from '../grammar/common/diagnostic.js';
import type { GoroutineSummary } from './goroutines/index.js';
import type { SeriesAnalysis } from './series/model.js';
import type { EscapeAnalysis, EscapeIndex, JoinedDiagnostic } from './escape/index.js';
import type { SiteEscape } from './escape/sites.js';
import type { AllocationSite } from './profile.js';
import type { GcTraceAnalysis } from '../exposition/gctrace.js';
import type { SkippedFile } from '../input/skipped.js';
import type { SortKey } from './sort.js';

export interface AnalyzeReport {
  /** Heap snapshots, in TotalAlloc order. */
  snapshots: SnapshotAnalysis[];
  /** Goroutine dumps given with them (contract.md `goroutines`). */
  goroutines: GoroutineSummary[];
  /** True with --separately: the snapshots are unrelated dumps, each judged on its own. */
  separately?: boolean;
  /** With `separately`: the inputs' folders in the order given (common/stems.ts folderOrder), the order the reports list them in. */
  folders?: string[];
  /** Present when two or more snapshots of one process were given. */
  series?: SeriesAnalysis;
  /** GODEBUG=gctrace=1 logs given, each judged as a series (exposition/gctrace.ts). */
  gcTraces?: GcTraceAnalysis[];
  /** Present with `--escape FILE`: the compiler's -m output and its join with the sites. */
  escape?: EscapeJoin;
  findings: Finding[];
  verdict: Verdict;
  diagnostics: Diagnostic[];
  /** The files a directory walk or glob found that are not inputs (JSON `skipped`, [] when none). */
  skipped?: SkippedFile[];
  /** `--sort`: the measure the allocation sites are ordered by, when not the default (in-use bytes). */
  siteOrder?: SortKey;
}

export interface EscapeJoin {
  source: string;
  analysis: EscapeAnalysis;
  /** The compiler's diagnostics at each allocation site's file:line (sites without any are absent). */
  bySite: Map<AllocationSite, JoinedDiagnostic[]>;
  /** With each site's comparison: whether the compiler agrees that it allocates, and why not. */
  sites: Map<AllocationSite, SiteEscape>;
  /**
   * The index the join was made from, for the terminal UI: what the compiler said at any frame's
   * line of the sites' and the goroutine groups' stacks (wantedLines with `frames`), not only at the sites' own lines.
   */
  index?: EscapeIndex;
}
