import { DOCS } from '../thresholds.js';
import { bindingFix, bindingPace, fitWords, HELD_BY_DESIGN, memoryLimitSigns, raiseLimitTo, raisingHelps, snapshotLimitFit } from '../memlimit.js';
import { countOf, formatBytes, formatCount, formatPercent } from '../../text/units.js';
import type { SeriesVerdict } from '../series/model.js';
import type { Finding, Rule } from './rule.js';

const LIVE_ABOVE_FIX = 'Raise GOMEMLIMIT above the peak live heap with headroom, or lower the peak (bound concurrency, stream instead of buffering). Keep GOGC on so the GC does not rely on the limit alone.';
const NEAR_FIX = 'If GC CPU is high, raise GOMEMLIMIT or reduce the live heap; if this is a transient peak, it is the limit doing its job.';

/** Near or over GOMEMLIMIT: the GC works to stay under it, and cannot when live heap alone is above. */
export const memoryLimitPressure: Rule = {
  meta: {
    id: 'memory-limit-pressure',
    readsLimit: true,
    defaultSeverity: 'warning',
    description: 'The memory Go holds is at or near the GOMEMLIMIT the process runs with: the GC collects more often to stay under it, or cannot.',
    docsUrl: DOCS.gcGuideMemoryLimit,
    options: {
      gomemlimit: { kind: 'bytes', description: 'the GOMEMLIMIT the process runs with, e.g. "100MiB", over the one it reports (heapdoc analyze and lint take it from --gomemlimit)' },
      memoryLimitShare: { kind: 'fraction', description: 'the share of GOMEMLIMIT held that counts as near the limit' },
    },
    // No option required: without `gomemlimit` (or --gomemlimit, which wins) the limit is the one the
    // process reports (a /metrics scrape's go_gc_gomemlimit_bytes, of the snapshot or of its moment),
    // and with neither the rule says nothing.

    // A dump, a vars file or a scrape (check); a gctrace log whose limit is known, a series in one file (checkSeries).
    inputs: ['heap', 'series'],
  },
  checkSeries(facts) {
    // Where a GC log's heap stood against the limit (exposition/gctrace.ts gcLogLimitStanding): the
    // heap at a GC's start with the stacks it scanned is what Go held at least; below the limit's
    // softness the log cannot tell what Go held besides (possible, none), so it says nothing.
    const s = facts.gcLogLimit;
    const last = facts.lastGc;
    if (!s || !last || (s.role !== 'reached' && s.role !== 'exceeded')) return [];
    const live = s.liveBytes;
    const at = `gc ${formatCount(last.cycle)}, line ${formatCount(last.position.line)}`;
    const evidence = { liveBytes: live, heapBytes: s.heapBytes, peakHeapBytes: s.peakHeapBytes, peakCycle: s.peakCycle, gomemlimitBytes: s.gomemlimitBytes, limitSource: 'gctrace' };
    if (s.role === 'exceeded' && live >= s.gomemlimitBytes) {
      return [{
        severity: 'error',
        subject: 'live heap above the limit',
        message: `The live heap after the log's last GC (C ${formatCount(Math.floor(live / 2 ** 20))} MB, ${at}) is above GOMEMLIMIT (${formatBytes(s.gomemlimitBytes)}): the limit cannot be met.`,
        why: `${s.text} No collection can free live objects, so the GC runs back to back, capped at about half the CPU to avoid a death spiral, and the process stays over the limit.`,
        fix: LIVE_ABOVE_FIX,
        position: last.position,
        evidence,
      }];
    }
    return [{
      subject: 'near the limit',
      message: `The heap reached ${formatPercent(s.peakHeapBytes, s.gomemlimitBytes)} of GOMEMLIMIT (${formatBytes(s.gomemlimitBytes)}) before gc ${formatCount(s.peakCycle)}, and ${formatPercent(s.heapBytes, s.gomemlimitBytes)} before the log's last GC (${at}).`,
      why: `${s.text} The runtime keeps Sys − HeapReleased under GOMEMLIMIT by collecting more often and returning free memory at once; a GC log prints only the heap (and the stacks the GC scanned), a lower bound of that.`,
      fix: NEAR_FIX,
      position: last.position,
      evidence,
    }];
  },
  check(facts, { thresholds: t, options }) {
    const limit = options.gomemlimit ?? facts.process.gomemlimit;
    const b = facts.breakdown;
    if (limit === undefined || !b || b.retained < t.memoryLimitShare * limit) return [];
    const numGC = facts.stats?.int('NumGC');
    const fraction = facts.stats?.float('GCCPUFraction');
    const gc = `${numGC !== undefined ? `${countOf(numGC, 'GC cycle')} ${numGC === 1 ? 'has' : 'have'} run` : 'the GC has run'}${fraction !== undefined ? ` (GCCPUFraction ${formatPercent(fraction, 1)})` : ''}`;
    const { fit, live } = snapshotLimitFit(facts, limit, t) ?? {};
    if (!fit || !live) return [];
    if (fit.state === 'cannot-be-met') {
      return [{
        severity: 'error',
        subject: 'live heap above the limit',
        message: live.upperBound
          ? `HeapAlloc (${formatBytes(live.bytes)}) is above GOMEMLIMIT (${formatBytes(limit)}): if it is live, the limit cannot be met.`
          : `The live heap (${formatBytes(live.bytes)}) is above GOMEMLIMIT (${formatBytes(limit)}): the limit cannot be met.`,
        why: `GOMEMLIMIT bounds Sys − HeapReleased (${formatBytes(b.retained)} now)${live.upperBound ? `; ${live.said}` : ''}. No collection can free live objects, so the GC runs back to back, capped at about half the CPU to avoid a death spiral, and the process stays over the limit; ${gc}.`,
        fix: LIVE_ABOVE_FIX,
        position: facts.positionOf('HeapAlloc'),
        evidence: { liveBytes: live.bytes, heapAllocBytes: b.live, retainedBytes: b.retained, gomemlimitBytes: limit },
      }];
    }
    // What Go holds beside the heap takes its share of the limit: the heap's room is what is left above the live heap.
    const room = Math.max(0, fit.heapRoomBytes - live.bytes);
    // No room (the goal held at the live heap): the program allocates only while a cycle runs, what
    // the limit's marks measure per cycle (memoryLimitSigns), not "0 B".
    const signs = room === 0 && !live.upperBound ? memoryLimitSigns(facts.stats, t, facts.profile) : undefined;
    const roomWords = room === 0 && !live.upperBound
      ? `no room above the live heap: the program allocates only while a GC cycle runs${signs ? `, ${formatBytes(signs.bytesPerCycle)} per cycle on average` : ''}`
      : `${live.upperBound ? 'at least ' : live.estimated ? 'about ' : ''}${formatBytes(room)} of room above the live heap`;
    const binding = fit.state === 'binding';
    // Binding below GOGC's goal (GOGC on): raise the limit, never lower it; GOGC off or high, the limit alone says when the GC runs
    // (evidence limitState `binding`, `at-limit`; `room`: met with room).
    const belowGogc = raisingHelps(fit);
    return [{
      subject: 'near the limit',
      message: binding
        ? `Go holds ${formatBytes(b.retained)}, ${formatPercent(b.retained, limit)} of GOMEMLIMIT (${formatBytes(limit)}): the limit binds — the heap goal is the limit's, and ${bindingPace(fit)}.`
        : `Go holds ${formatBytes(b.retained)}, ${formatPercent(b.retained, limit)} of GOMEMLIMIT (${formatBytes(limit)}), but the limit is met with room: the heap goal is GOGC's, below what the limit leaves the heap.`,
      why: `The runtime keeps Sys − HeapReleased under GOMEMLIMIT by collecting more often and returning free memory at once; ${live.said}; ${fitWords(fit)}: each GC has ${roomWords}; ${gc}.`,
      fix: belowGogc ? bindingFixSentence(raiseLimitTo(fit)) : NEAR_FIX,
      position: facts.positionOf('Sys'),
      evidence: { liveBytes: live.bytes, heapAllocBytes: b.live, retainedBytes: b.retained, gomemlimitBytes: limit, besideHeapBytes: fit.besideHeapBytes, heapRoomBytes: fit.heapRoomBytes, limitState: belowGogc ? 'binding' : binding ? 'at-limit' : fit.state },
    }];
  },
};

/** memory-limit-pressure's fix when raising a binding limit helps (memlimit.ts raisingHelps): `raiseTo`, one snapshot's figure (raiseLimitTo), or its series' (limitFit.raiseToBytes). */
function bindingFixSentence(raiseTo: number): string {
  return `If GC CPU is high, ${bindingFix(raiseTo)}; if this is a transient peak, it is the limit doing its job.`;
}

/** A memory-limit-pressure finding as analyze keeps it, or as lint does (a message, with no source: its file says it). */
type LimitFinding = Omit<Finding, 'source'>;

/** The series verdicts beside which the limit's findings are said once (seriesLimitFinding). */
const ONCE_BESIDE: ReadonlySet<SeriesVerdict['kind']> = new Set(['memory-limit', 'stable', 'peak-retention', 'churn']);

/**
 * One memory-limit-pressure for a series whose heap is held up to a known limit by design
 * (`verdict` memory-limit, no leak evidence), in place of the one each of its snapshots repeats
 * (the captured GOGC=off GOMEMLIMIT=64MiB run: "Go holds 62.8 MiB, 98.2% of GOMEMLIMIT" in every
 * dump): one fact about the process, said once with the series' reading of it and the lowest and
 * highest held (`scope: series`; the caller places it at the line of `last`: combine.ts atOwnLine). `found`: the snapshots' findings in series order;
 * `last`: the one of the series' last snapshot (else the last found), whose severity and evidence
 * it keeps: a CI that fails on it still fails. When that one found the live heap alone above the
 * limit, the limit cannot be met, and it says so with its own fix: neither "by design" nor "lower
 * GOMEMLIMIT", which cannot make Go hold less than the live heap (the captured
 * go1.19-audit28-overlimit, 100.5 MiB live under GOMEMLIMIT=64MiB, 178% held, said both).
 * Undefined beside a leak or an open verdict, or when fewer than two snapshots said it. Lint and analyze
 * both say it so (lint/series.ts, combine.ts).
 */
export function seriesLimitFinding<F extends LimitFinding>(found: readonly F[], last: F | undefined, verdict: SeriesVerdict): (Omit<F, 'line' | 'column'> & { scope: 'series' }) | undefined {
  const at = last ?? found[found.length - 1];
  // Said once for the process when the series found no leak (the limit's verdict, or a plateau, a
  // stable heap or churn under a binding limit: plateau-limit40's twelve dumps were twelve warnings);
  // beside a leak or a verdict still open, each dump's own reading stays.
  if (!ONCE_BESIDE.has(verdict.kind) || !at || found.length < 2) return undefined;
  const held = found.map((f) => Number(f.evidence?.['retainedBytes'] ?? 0));
  const limit = Number(at.evidence?.['gomemlimitBytes'] ?? 0);
  const live = Number(at.evidence?.['liveBytes'] ?? 0);
  const [low, high] = [Math.min(...held), Math.max(...held)];
  // Equal as printed: "114.3 MiB to 114.3 MiB" says no range.
  const range = formatBytes(low) === formatBytes(high) ? formatBytes(high) : `${formatBytes(low)} to ${formatBytes(high)}`;
  const shares = formatPercent(low, limit) === formatPercent(high, limit) ? formatPercent(high, limit) : `${formatPercent(low, limit)} to ${formatPercent(high, limit)}`;
  const { line: _line, column: _column, ...rest } = at;
  const holds = `Go holds ${range} in ${found.length} snapshots, ${shares} of GOMEMLIMIT (${formatBytes(limit)})`;
  const cannot = live >= limit;
  // A limit that holds the goal below GOGC's (twice the live heap: GOGC on, what Go holds beside the heap taking the rest) binds, and
  // lowering it binds harder; a goal above it is GOGC off or high, where the limit alone says when the GC runs (by design).
  // The series' reading wins: a sawtooth under GOGC=off read between GCs may look binding in one dump (HeapAlloc with its garbage).
  // The verdict's fit (its latest snapshot's, memlimit.ts snapshotLimitFit) gives the figure to raise the limit to: the verdict's own.
  const raiseTo = verdict.limitFit?.raiseToBytes;
  const binding = !cannot && (verdict.limitFit ? raiseTo !== undefined : at.evidence?.['limitState'] === 'binding') && !verdict.summary.includes(HELD_BY_DESIGN);
  return {
    ...rest,
    message: cannot
      ? `${holds}, and the live heap alone (${formatBytes(live)} in the latest) is above it: the limit cannot be met.`
      : binding ? `${holds}: the limit binds, not a leak — the heap goal is the limit's, and the GC runs more often than GOGC alone would make it.`
        : `${holds}: the heap is held up to the memory limit by design, not a leak.`,
    why: `${at.why} The series: ${verdict.summary}`,
    fix: cannot ? at.fix : binding ? (raiseTo !== undefined ? bindingFixSentence(raiseTo) : at.fix)
      : 'Nothing leaks: this is the limit at work. To hold less, lower GOMEMLIMIT (under GOGC=off, set a GOGC so that the heap goal follows the live heap); if GC CPU is high, raise GOMEMLIMIT or reduce the live heap.',
    evidence: { ...at.evidence, snapshots: found.length, lowestRetainedBytes: low, highestRetainedBytes: high },
    scope: 'series',
  };
}
