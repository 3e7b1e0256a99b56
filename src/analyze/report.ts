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
import { hasBytes, type AllocationSite } from './profile.js';
import type { GcTraceAnalysis } from '../exposition/gctrace.js';
import type { SkippedFile } from '../input/skipped.js';
import type { SortKey } from './sort.js';
import type { HeldWords } from './rules/leak-advice.js';

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
  /** The goroutines that hold a site, as the verdict names them (combine.ts heldByBlocked): the TUI's site view says it too. Not in the JSON. */
  heldBy?: HeldWords;
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

/** A snapshot whose heap profile lists sites: profiling on (a rate of 0 lists nothing) and a site with bytes. */
function listsSites(s: SnapshotAnalysis): boolean {
  return s.profile.samplingRate !== 0 && s.profile.sites.some(hasBytes);
}

/**
 * The snapshot whose allocation sites the reports show for the latest, when the latest has none
 * (a /debug/vars or a scrape ordered last by its TotalAlloc: go1.19-audit40-limitthrash's vars.json,
 * a second after heap-gc1-t13s.txt): the latest earlier one that lists some, with its index in
 * `snapshots`. Undefined when the latest lists sites itself, none does, or the dumps are unrelated
 * (`--separately`: each is reported on its own). The text and Markdown reports show its sites under
 * the latest and say whose; the JSON names it (`latestSitesFrom`).
 */
export function latestSitesFrom(report: Pick<AnalyzeReport, 'snapshots' | 'separately'>): { snapshot: SnapshotAnalysis; index: number } | undefined {
  const { snapshots } = report;
  const latest = snapshots[snapshots.length - 1];
  if (report.separately || !latest || listsSites(latest)) return undefined;
  for (let i = snapshots.length - 2; i >= 0; i--) {
    const s = snapshots[i] as SnapshotAnalysis;
    if (listsSites(s)) return { snapshot: s, index: i };
  }
  return undefined;
}

/**
 * `vars.json has no heap profile: the allocation sites of heap-gc1-t13s.txt, the latest snapshot that
 * has one.` (latestSitesFrom; `lists no allocation sites` for a profile written with profiling off or
 * of zeros), the names as `title` writes them.
 */
export function latestSitesNote(latest: SnapshotAnalysis, from: SnapshotAnalysis, title: (source: string) => string): string {
  const none = latest.profile.format === undefined ? 'has no heap profile' : 'lists no allocation sites';
  return `${title(latest.source)} ${none}: the allocation sites of ${title(from.source)}, the latest snapshot that has one.`;
}
