/**
 * What the Overview says of a snapshot's GC under its breakdown: the GC facts the text report
 * prints (report/text.ts gcFacts), the longest pause with the source it was read from (the
 * PauseNs ring, go_gc_duration_seconds, a runtime/metrics histogram: analyze/pauses.ts), and the
 * size classes holding the most live bytes (BySize or the by-size histograms: sizeClassParts).
 */
import { longestPause, pauseTook } from '../../analyze/pauses.js';
import type { SnapshotAnalysis } from '../../analyze/snapshot.js';
import { gcFacts, sizeClassLabel, sizeClassParts, type SizeClassParts } from '../../report/text.js';

export interface GcDetails {
  /** `6 GC cycles (0 forced) · GC CPU 0.93% · next GC at 8.0 MiB · 1,234 live objects`; undefined without MemStats. */
  gc: string | undefined;
  /** The longest recent pause (`12.54 ms (GC cycle 3)`) and what it was read from (`PauseNs`, a metric's name). */
  pause: { took: string; source: string } | undefined;
  /** The size classes holding the most live bytes, what lies beyond the table, the source. */
  sizes: SizeClassParts | undefined;
  /** What the sizes are called: `Live by size`, or `Not yet freed` for a dump read between GCs (report/text.ts sizeClassLabel). */
  sizesLabel: string;
}

export function gcDetails(s: SnapshotAnalysis, topClasses = 3): GcDetails {
  const facts = gcFacts(s, false);
  const pause = longestPause(s.stats, s.gcPauses, () => undefined);
  return {
    gc: facts.length > 0 ? facts.join(' · ') : undefined,
    pause: pause && { took: pauseTook(pause), source: pause.source },
    sizes: sizeClassParts(s, topClasses),
    sizesLabel: sizeClassLabel(s),
  };
}
